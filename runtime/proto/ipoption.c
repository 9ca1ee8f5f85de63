/* The IP options Scapy 2.5.0 defines (scapy/layers/inet.py IPOption_*),
 * the elements of IP.options. Lengths that Scapy leaves None are
 * FieldLenFields here (length_of), so the generic encoder fills them. */
#include "packet.h"
#include "protos.h"

/* _ip_options_names */
static const struct ps_enum option_names[] = {
    {0, "end_of_list"},
    {1, "nop"},
    {2, "security"},
    {3, "loose_source_route"},
    {4, "timestamp"},
    {5, "extended_security"},
    {6, "commercial_security"},
    {7, "record_route"},
    {8, "stream_id"},
    {9, "strict_source_route"},
    {10, "experimental_measurement"},
    {11, "mtu_probe"},
    {12, "mtu_reply"},
    {13, "flow_control"},
    {14, "access_control"},
    {15, "encode"},
    {16, "imi_traffic_descriptor"},
    {17, "extended_IP"},
    {18, "traceroute"},
    {19, "address_extension"},
    {20, "router_alert"},
    {21, "selective_directed_broadcast_mode"},
    {23, "dynamic_packet_state"},
    {24, "upstream_multicast_packet"},
    {25, "quick_start"},
    {30, "rfc4727_experiment"},
    {0, NULL},
};

static const struct ps_enum option_classes[] = {
    {0, "control"},
    {2, "debug"},
    {0, NULL},
};

static const struct ps_enum timestamp_flags[] = {
    {0, "timestamp_only"},
    {1, "timestamp_and_ip_addr"},
    {3, "prespecified_ip_addr"},
    {0, NULL},
};

static const struct ps_enum alerts[] = {
    {0, "router_shall_examine_packet"},
    {0, NULL},
};

/* _IPOption_HDR with the option's class defaults; the ls() defaults are
 * those numbers as text. */
#define HDR(copy, copy_s, num, num_s) HDR_CLASS(copy, copy_s, 0, "0", num, num_s)
#define HDR_CLASS(copy, copy_s, cls, cls_s, num, num_s)                                      \
    {.name = "copy_flag", .kind = PS_K_UINT, .bits = 1, .def = (copy),                      \
     .ls_type = "BitField  (1 bit)", .ls_default = copy_s},                                 \
    {.name = "optclass", .kind = PS_K_UINT, .bits = 2, .def = (cls), .enums = option_classes, \
     .ls_type = "BitEnumField", .ls_default = cls_s},                                       \
    {.name = "option", .kind = PS_K_UINT, .bits = 5, .def = (num), .enums = option_names,    \
     .ls_type = "BitEnumField", .ls_default = num_s}

#define BYTE(n, d, d_s) \
    {.name = n, .kind = PS_K_UINT, .bits = 8, .def = (d), .ls_type = "ByteField", .ls_default = d_s}
#define SHORT(n) \
    {.name = n, .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField", .ls_default = "0"}
#define ADDR(n) \
    {.name = n, .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField", \
     .ls_default = "'0.0.0.0'"}
#define LEN_OF(of, adjust)                                                                 \
    {.name = "length", .kind = PS_K_UINT, .bits = 8, .is_auto = true, .length_of = of,      \
     .len_adjust = (adjust), .ls_type = "FieldLenField", .ls_default = "None"}
#define ADDR_LIST(n) \
    {.name = n, .kind = PS_K_BYTES, .ipv4_list = true, .def_text = "", \
     .ls_type = "FieldListField", .ls_default = "[]"}

#define OPTION(var, cls, longname, fieldtab)                                                 \
    const struct ps_proto var = {.name = cls, .long_name = longname, .klass = "IPOption",     \
                                 .fields = fieldtab, .nfields = PS_NFIELDS(fieldtab)}

/* IPOption itself: any option as number, length and value bytes. */
static const struct ps_field generic[] = {
    HDR(0, "0", 0, "0"),
    LEN_OF("value", 2),
    {.name = "value", .kind = PS_K_BYTES, .def_text = "", .ls_type = "StrLenField",
     .ls_default = "b''"},
};

/* Scapy's IPOption.dispatch_hook: the class registered for the option number. */
static const char *option_class(const uint8_t *p, size_t len)
{
    static const char *const by_number[32] = {
        [0] = "IPOption_EOL",         [1] = "IPOption_NOP",
        [2] = "IPOption_Security",    [3] = "IPOption_LSRR",
        [4] = "IPOption_Timestamp",
        [7] = "IPOption_RR",          [8] = "IPOption_Stream_Id",
        [9] = "IPOption_SSRR",        [11] = "IPOption_MTU_Probe",
        [12] = "IPOption_MTU_Reply",  [18] = "IPOption_Traceroute",
        [19] = "IPOption_Address_Extension", [20] = "IPOption_Router_Alert",
        [21] = "IPOption_SDBM",
    };
    return len ? by_number[p[0] & 0x1f] : NULL;
}

const struct ps_proto ps_ipopt_generic = {.name = "IPOption", .long_name = "IP Option",
                                          .klass = "IPOption", .fields = generic,
                                          .nfields = PS_NFIELDS(generic),
                                          .dispatch = option_class};

static const struct ps_field eol[] = {HDR(0, "0", 0, "0")};
OPTION(ps_ipopt_eol, "IPOption_EOL", "IP Option End of Options List", eol);

static const struct ps_field nop[] = {HDR(0, "0", 1, "1")};
OPTION(ps_ipopt_nop, "IPOption_NOP", "IP Option No Operation", nop);

static const struct ps_field security[] = {
    HDR(1, "1", 2, "2"),
    BYTE("length", 11, "11"),
    SHORT("security"),
    SHORT("compartment"),
    SHORT("handling_restrictions"),
    {.name = "transmission_control_code", .kind = PS_K_BYTES, .bits = 24, .def_text = "xxx",
     .ls_type = "StrFixedLenField", .ls_default = "b'xxx'"},
};
OPTION(ps_ipopt_security, "IPOption_Security", "IP Option Security", security);

/* IPOption_RR and its two source-route subclasses: length = routers + 3. */
#define ROUTE_FIELDS(copy, copy_s, num, num_s) \
    HDR(copy, copy_s, num, num_s), LEN_OF("routers", 3), BYTE("pointer", 4, "4"), ADDR_LIST("routers")

static const struct ps_field lsrr[] = {ROUTE_FIELDS(1, "1", 3, "3")};
OPTION(ps_ipopt_lsrr, "IPOption_LSRR", "IP Option Loose Source and Record Route", lsrr);

static const struct ps_field rr[] = {ROUTE_FIELDS(0, "0", 7, "7")};
OPTION(ps_ipopt_rr, "IPOption_RR", "IP Option Record Route", rr);

static const struct ps_field ssrr[] = {ROUTE_FIELDS(1, "1", 9, "9")};
OPTION(ps_ipopt_ssrr, "IPOption_SSRR", "IP Option Strict Source and Record Route", ssrr);

/* IPOption_Timestamp: its length is the whole option's (Scapy's post_build). */
enum { TS_COPY, TS_CLASS, TS_OPTION, TS_LENGTH, TS_POINTER, TS_OFLW, TS_FLG };

static bool has_internet_address(const struct ps_layer *l)
{
    return ps_layer_uint(l, TS_FLG) != 0;
}

static const struct ps_field timestamp[] = {
    HDR_CLASS(0, "0", 2, "2", 4, "4"),
    [TS_LENGTH] = {.name = "length", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
                   .len_of_layer = true, .ls_type = "ByteField", .ls_default = "None"},
    [TS_POINTER] = BYTE("pointer", 9, "9"),
    [TS_OFLW] = {.name = "oflw", .kind = PS_K_UINT, .bits = 4, .ls_type = "BitField  (4 bits)",
                 .ls_default = "0"},
    [TS_FLG] = {.name = "flg", .kind = PS_K_UINT, .bits = 4, .def = 1, .enums = timestamp_flags,
                .ls_type = "BitEnumField", .ls_default = "1"},
    {.name = "internet_address", .kind = PS_K_IPV4, .def_text = "0.0.0.0",
     .present = has_internet_address, .ls_type = "IPField (Cond)", .ls_default = "'0.0.0.0'"},
    {.name = "timestamp", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField",
     .ls_default = "0"},
};
OPTION(ps_ipopt_timestamp, "IPOption_Timestamp", "IP Option Timestamp", timestamp);

static const struct ps_field stream_id[] = {
    HDR(1, "1", 8, "8"),
    BYTE("length", 4, "4"),
    SHORT("security"),
};
OPTION(ps_ipopt_stream_id, "IPOption_Stream_Id", "IP Option Stream ID", stream_id);

static const struct ps_field mtu_probe[] = {
    HDR(0, "0", 11, "11"),
    BYTE("length", 4, "4"),
    SHORT("mtu"),
};
OPTION(ps_ipopt_mtu_probe, "IPOption_MTU_Probe", "IP Option MTU Probe", mtu_probe);

static const struct ps_field mtu_reply[] = {
    HDR(0, "0", 12, "12"),
    BYTE("length", 4, "4"),
    SHORT("mtu"),
};
OPTION(ps_ipopt_mtu_reply, "IPOption_MTU_Reply", "IP Option MTU Reply", mtu_reply);

static const struct ps_field traceroute[] = {
    HDR(0, "0", 18, "18"),
    BYTE("length", 12, "12"),
    SHORT("id"),
    SHORT("outbound_hops"),
    SHORT("return_hops"),
    ADDR("originator_ip"),
};
OPTION(ps_ipopt_traceroute, "IPOption_Traceroute", "IP Option Traceroute", traceroute);

static const struct ps_field address_extension[] = {
    HDR(1, "1", 19, "19"),
    BYTE("length", 10, "10"),
    ADDR("src_ext"),
    ADDR("dst_ext"),
};
OPTION(ps_ipopt_address_extension, "IPOption_Address_Extension", "IP Option Address Extension",
       address_extension);

static const struct ps_field router_alert[] = {
    HDR(1, "1", 20, "20"),
    BYTE("length", 4, "4"),
    {.name = "alert", .kind = PS_K_UINT, .bits = 16, .enums = alerts,
     .ls_type = "ShortEnumField", .ls_default = "0"},
};
OPTION(ps_ipopt_router_alert, "IPOption_Router_Alert", "IP Option Router Alert", router_alert);

static const struct ps_field sdbm[] = {
    HDR(1, "1", 21, "21"),
    LEN_OF("addresses", 2),
    ADDR_LIST("addresses"),
};
OPTION(ps_ipopt_sdbm, "IPOption_SDBM", "IP Option Selective Directed Broadcast Mode", sdbm);
