/* RADIUS (scapy/layers/radius.py, RFC 2865): Radius on UDP 1812, 1813 and
 * 3799, and its attributes: RadiusAttribute and the RadiusAttr_* classes
 * Scapy 2.5 picks by the type byte (RadiusAttribute.dispatch_hook). The
 * tables of names are Scapy's dictionaries, written out by gen_radius.py.
 * Scapy 2.5's Radius has no hashret/answers of its own (nor mysummary). */
#include "packet.h"
#include "protos.h"
#include "radius_names.h"

enum { R_CODE, R_ID, R_LEN, R_AUTH, R_ATTRS };
/* Every attribute class starts with type and len; the value follows, but
 * for Vendor-Specific. */
enum { A_TYPE, A_LEN, A_VALUE };
enum { V_TYPE, V_LEN, V_VENDOR_ID, V_VENDOR_TYPE, V_VENDOR_LEN, V_VALUE };

/* Python's s[:n] of the rest bytes, n < 0 counting from the end: what a
 * length_from that goes negative reads. */
static size_t py_take(long n, size_t rest)
{
    if (n >= 0)
        return (size_t)n < rest ? (size_t)n : rest;
    return (size_t)-n < rest ? rest - (size_t)-n : 0;
}

static long take_bytes(const uint8_t *p, size_t len, size_t off, long n, struct ps_fval *v)
{
    size_t take = py_take(n, len - off);
    v->bytes = p + off;
    v->len = take;
    return (long)take;
}

/* StrLenField("value", length_from=len - 2) */
static long value_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                         struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    return take_bytes(p, len, off, (long)ps_layer_uint(l, A_LEN) - 2, v);
}

/* XStrLenField("value", length_from=len - 2 if len else 0) */
static long hex_value_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                             struct ps_fval *v, struct ps_decode_room *room)
{
    (void)room;
    long n = (long)ps_layer_uint(l, A_LEN);
    return take_bytes(p, len, off, n ? n - 2 : 0, v);
}

/* StrLenField("value", length_from=vendor_len - 2) */
static long vendor_value_decode(const uint8_t *p, size_t len, size_t off,
                                const struct ps_layer *l, struct ps_fval *v,
                                struct ps_decode_room *room)
{
    (void)room;
    return take_bytes(p, len, off, (long)ps_layer_uint(l, V_VENDOR_LEN) - 2, v);
}

/* _EAPPacketField.m2i: an EAP packet shorter than 254 bytes is dissected
 * as EAP, a longer one (the first piece of a fragmented one) is Raw, and
 * so are bytes too few to hold its length. */
static const char *eap_or_raw(const uint8_t *p, size_t n)
{
    return n < 4 || ps_get16(p + 2) >= 254 ? "Raw" : "EAP";
}

/* _SpecificRadiusAttr.__init__ sets the type to the class's val after the
 * fields given: a type given to such a class is not what is written. */
static long class_type_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                              size_t cap)
{
    (void)v;
    if (!out)
        return 1;
    if (cap < 1)
        return -1;
    out[0] = (uint8_t)l->proto->fields[A_TYPE].def;
    return 1;
}

/* A RadiusAttribute's type, as given. */
#define ANY_TYPE(d, d_s)                                                                   \
    {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = (d), .enums = ps_radius_attr_types, \
     .ls_type = "ByteEnumField", .ls_default = d_s}
/* A _SpecificRadiusAttr's: its val whatever is given. */
#define TYPE(d, d_s)                                                                       \
    {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = (d), .enums = ps_radius_attr_types, \
     .encode = class_type_encode, .ls_type = "ByteEnumField", .ls_default = d_s}
/* FieldLenField("len", None, "value", "B", adjust=len(value) + 2) */
#define LEN_AUTO                                                                           \
    {.name = "len", .kind = PS_K_UINT, .bits = 8, .is_auto = true, .length_of = "value",    \
     .len_adjust = 2, .ls_type = "FieldLenField", .ls_default = "None"}
#define LEN_FIXED                                                                          \
    {.name = "len", .kind = PS_K_UINT, .bits = 8, .def = 6, .ls_type = "ByteField",         \
     .ls_default = "6"}

#define ATTR(var, cls, longname, fieldtab)                                                  \
    const struct ps_proto var = {.name = cls, .long_name = longname,                        \
                                 .klass = "RadiusAttribute", .fields = fieldtab,            \
                                 .nfields = PS_NFIELDS(fieldtab)}

/* Scapy's RadiusAttribute.registered_attributes: the class of a type. */
static const char *attribute_class(const uint8_t *p, size_t len)
{
    if (!len)
        return NULL;
    for (const struct ps_radius_class *c = ps_radius_classes; c->name; c++)
        if (c->type == p[0])
            return c->name;
    return NULL;
}

/* RadiusAttribute: any attribute, its value as bytes. */
static const struct ps_field generic_fields[] = {
    ANY_TYPE(1, "1"),
    LEN_AUTO,
    {.name = "value", .kind = PS_K_BYTES, .def_text = "", .decode = value_decode,
     .ls_type = "StrLenField", .ls_default = "b''"},
};
const struct ps_proto ps_proto_radius_attribute = {
    .name = "RadiusAttribute", .long_name = "Radius Attribute", .klass = "RadiusAttribute",
    .fields = generic_fields, .nfields = PS_NFIELDS(generic_fields),
    .dispatch = attribute_class};

/* _SpecificRadiusAttr with RadiusAttribute's fields: its __init__ sets the
 * type to the class's val, which is the default here. */
static const struct ps_field user_name_fields[] = {
    TYPE(1, "1"),
    LEN_AUTO,
    {.name = "value", .kind = PS_K_BYTES, .def_text = "", .decode = value_decode,
     .ls_type = "StrLenField", .ls_default = "b''"},
};
ATTR(ps_proto_radius_user_name, "RadiusAttr_User_Name", "User-Name", user_name_fields);

/* _RadiusAttrIntValue: fields_desc says type 5; the class's val is set. */
#define INT_ATTR(var, cls, longname, val)                                                   \
    static const struct ps_field var##_fields[] = {                                         \
        TYPE(val, "5"),                                                                     \
        LEN_FIXED,                                                                          \
        {.name = "value", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField",             \
         .ls_default = "0"},                                                                \
    };                                                                                      \
    ATTR(var, cls, longname, var##_fields)

INT_ATTR(ps_proto_radius_nas_port, "RadiusAttr_NAS_Port", "NAS-Port", 5);
INT_ATTR(ps_proto_radius_framed_mtu, "RadiusAttr_Framed_MTU", "Framed-MTU", 12);
INT_ATTR(ps_proto_radius_login_tcp_port, "RadiusAttr_Login_TCP_Port", "Login-TCP-Port", 16);
INT_ATTR(ps_proto_radius_session_timeout, "RadiusAttr_Session_Timeout", "Session-Timeout", 27);
INT_ATTR(ps_proto_radius_idle_timeout, "RadiusAttr_Idle_Timeout", "Idle-Timeout", 28);
INT_ATTR(ps_proto_radius_framed_appletalk_link, "RadiusAttr_Framed_AppleTalk_Link",
         "Framed-AppleTalk-Link", 37);
INT_ATTR(ps_proto_radius_framed_appletalk_network, "RadiusAttr_Framed_AppleTalk_Network",
         "Framed-AppleTalk-Network", 38);
INT_ATTR(ps_proto_radius_acct_delay_time, "RadiusAttr_Acct_Delay_Time", "Acct-Delay-Time", 41);
INT_ATTR(ps_proto_radius_acct_input_octets, "RadiusAttr_Acct_Input_Octets",
         "Acct-Input-Octets", 42);
INT_ATTR(ps_proto_radius_acct_output_octets, "RadiusAttr_Acct_Output_Octets",
         "Acct-Output-Octets", 43);
INT_ATTR(ps_proto_radius_acct_session_time, "RadiusAttr_Acct_Session_Time",
         "Acct-Session-Time", 46);
INT_ATTR(ps_proto_radius_acct_input_packets, "RadiusAttr_Acct_Input_Packets",
         "Acct-Input-Packets", 47);
INT_ATTR(ps_proto_radius_acct_output_packets, "RadiusAttr_Acct_Output_Packets",
         "Acct-Output-Packets", 48);
INT_ATTR(ps_proto_radius_acct_link_count, "RadiusAttr_Acct_Link_Count", "Acct-Link-Count", 51);
INT_ATTR(ps_proto_radius_acct_input_gigawords, "RadiusAttr_Acct_Input_Gigawords",
         "Acct-Input-Gigawords", 52);
INT_ATTR(ps_proto_radius_acct_output_gigawords, "RadiusAttr_Acct_Output_Gigawords",
         "Acct-Output-Gigawords", 53);
INT_ATTR(ps_proto_radius_egress_vlanid, "RadiusAttr_Egress_VLANID", "Egress-VLANID", 56);
INT_ATTR(ps_proto_radius_port_limit, "RadiusAttr_Port_Limit", "Port-Limit", 62);
INT_ATTR(ps_proto_radius_arap_security, "RadiusAttr_ARAP_Security", "ARAP-Security", 73);
INT_ATTR(ps_proto_radius_password_retry, "RadiusAttr_Password_Retry", "Password-Retry", 75);
INT_ATTR(ps_proto_radius_tunnel_preference, "RadiusAttr_Tunnel_Preference",
         "Tunnel-Preference", 83);
INT_ATTR(ps_proto_radius_acct_interim_interval, "RadiusAttr_Acct_Interim_Interval",
         "Acct-Interim-Interval", 85);
INT_ATTR(ps_proto_radius_acct_tunnel_packets_lost, "RadiusAttr_Acct_Tunnel_Packets_Lost",
         "Acct-Tunnel-Packets-Lost", 86);
INT_ATTR(ps_proto_radius_management_privilege_level,
         "RadiusAttr_Management_Privilege_Level", "Management-Privilege-Level", 136);
INT_ATTR(ps_proto_radius_mobility_domain_id, "RadiusAttr_Mobility_Domain_Id",
         "Mobility-Domain-Id", 177);
INT_ATTR(ps_proto_radius_preauth_timeout, "RadiusAttr_Preauth_Timeout", "Preauth-Timeout",
         178);
INT_ATTR(ps_proto_radius_wlan_venue_info, "RadiusAttr_WLAN_Venue_Info", "WLAN-Venue-Info",
         182);
INT_ATTR(ps_proto_radius_wlan_reason_code, "RadiusAttr_WLAN_Reason_Code", "WLAN-Reason-Code",
         185);
INT_ATTR(ps_proto_radius_wlan_pairwise_cipher, "RadiusAttr_WLAN_Pairwise_Cipher",
         "WLAN-Pairwise-Cipher", 186);
INT_ATTR(ps_proto_radius_wlan_group_cipher, "RadiusAttr_WLAN_Group_Cipher",
         "WLAN-Group-Cipher", 187);
INT_ATTR(ps_proto_radius_wlan_akm_suite, "RadiusAttr_WLAN_AKM_Suite", "WLAN-AKM-Suite", 188);
INT_ATTR(ps_proto_radius_wlan_group_mgmt_cipher, "RadiusAttr_WLAN_Group_Mgmt_Cipher",
         "WLAN-Group-Mgmt-Cipher", 189);
INT_ATTR(ps_proto_radius_wlan_rf_band, "RadiusAttr_WLAN_RF_Band", "WLAN-RF-Band", 190);

/* _RadiusAttrHexStringVal: fields_desc says type 24; the value prints as hex. */
#define HEX_ATTR(var, cls, longname, val)                                                   \
    static const struct ps_field var##_fields[] = {                                         \
        TYPE(val, "24"),                                                                    \
        LEN_AUTO,                                                                           \
        {.name = "value", .kind = PS_K_BYTES, .def_text = "", .repr = ps_xstr_repr,         \
         .decode = hex_value_decode, .ls_type = "XStrLenField", .ls_default = "b''"},       \
    };                                                                                      \
    ATTR(var, cls, longname, var##_fields)

HEX_ATTR(ps_proto_radius_user_password, "RadiusAttr_User_Password", "User-Password", 2);
HEX_ATTR(ps_proto_radius_state, "RadiusAttr_State", "State", 24);

/* Message-Authenticator: a len of 18 that is not computed, and 16 bytes. */
static const struct ps_field message_authenticator_fields[] = {
    TYPE(80, "24"),
    {.name = "len", .kind = PS_K_UINT, .bits = 8, .def = 18, .ls_type = "FieldLenField",
     .ls_default = "18"},
    {.name = "value", .kind = PS_K_BYTES, .bits = 128, .def_text = "", .repr = ps_xstr_repr,
     .ls_type = "XStrFixedLenField",
     .ls_default = "b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00'"},
};
ATTR(ps_proto_radius_message_authenticator, "RadiusAttr_Message_Authenticator",
     "Message-Authenticator", message_authenticator_fields);

/* _RadiusAttrIPv4AddrVal: fields_desc says type 4. */
#define IP_ATTR(var, cls, longname, val)                                                    \
    static const struct ps_field var##_fields[] = {                                         \
        TYPE(val, "4"),                                                                     \
        LEN_FIXED,                                                                          \
        {.name = "value", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField",   \
         .ls_default = "'0.0.0.0'"},                                                        \
    };                                                                                      \
    ATTR(var, cls, longname, var##_fields)

IP_ATTR(ps_proto_radius_nas_ip_address, "RadiusAttr_NAS_IP_Address", "NAS-IP-Address", 4);
IP_ATTR(ps_proto_radius_framed_ip_address, "RadiusAttr_Framed_IP_Address",
        "Framed-IP-Address", 8);
IP_ATTR(ps_proto_radius_framed_ip_netmask, "RadiusAttr_Framed_IP_Netmask",
        "Framed-IP-Netmask", 9);
IP_ATTR(ps_proto_radius_login_ip_host, "RadiusAttr_Login_IP_Host", "Login-IP-Host", 14);
IP_ATTR(ps_proto_radius_framed_ipx_network, "RadiusAttr_Framed_IPX_Network",
        "Framed-IPX-Network", 23);
IP_ATTR(ps_proto_radius_pmip6_home_lma_ipv4_address, "RadiusAttr_PMIP6_Home_LMA_IPv4_Address",
        "PMIP6-Home-LMA-IPv4-Address", 149);
IP_ATTR(ps_proto_radius_pmip6_visited_lma_ipv4_address,
        "RadiusAttr_PMIP6_Visited_LMA_IPv4_Address", "PMIP6-Visited-LMA-IPv4-Address", 150);
IP_ATTR(ps_proto_radius_pmip6_home_dhcp4_server_address,
        "RadiusAttr_PMIP6_Home_DHCP4_Server_Address", "PMIP6-Home-DHCP4-Server-Address", 157);
IP_ATTR(ps_proto_radius_pmip6_visited_dhcp4_server_address,
        "RadiusAttr_PMIP6_Visited_DHCP4_Server_Address", "PMIP6-Visited-DHCP4-Server-Address",
        158);
IP_ATTR(ps_proto_radius_pmip6_home_ipv4_gateway, "RadiusAttr_PMIP6_Home_IPv4_Gateway",
        "PMIP6-Home-IPv4-Gateway", 161);
IP_ATTR(ps_proto_radius_pmip6_visited_ipv4_gateway, "RadiusAttr_PMIP6_Visited_IPv4_Gateway",
        "PMIP6-Visited-IPv4-Gateway", 162);

/* _RadiusAttrIntEnumVal: fields_desc says type 6; the value's names go by
 * the type (MultiEnumField depends_on type). */
#define ENUM_ATTR(var, cls, longname, val)                                                  \
    static const struct ps_field var##_fields[] = {                                         \
        TYPE(val, "6"),                                                                     \
        LEN_FIXED,                                                                          \
        {.name = "value", .kind = PS_K_UINT, .bits = 32, .multi = ps_radius_attr_values,              \
         .multi_on = A_TYPE, .ls_type = "MultiEnumField (Depends on " #val ")",             \
         .ls_default = "0"},                                                                \
    };                                                                                      \
    ATTR(var, cls, longname, var##_fields)

ENUM_ATTR(ps_proto_radius_service_type, "RadiusAttr_Service_Type", "Service-Type", 6);
ENUM_ATTR(ps_proto_radius_framed_protocol, "RadiusAttr_Framed_Protocol", "Framed-Protocol", 7);
ENUM_ATTR(ps_proto_radius_acct_status_type, "RadiusAttr_Acct_Status_Type", "Acct-Status-Type",
          40);
ENUM_ATTR(ps_proto_radius_acct_authentic, "RadiusAttr_Acct_Authentic", "Acct-Authentic", 45);
ENUM_ATTR(ps_proto_radius_acct_terminate_cause, "RadiusAttr_Acct_Terminate_Cause",
          "Acct-Terminate-Cause", 49);
ENUM_ATTR(ps_proto_radius_nas_port_type, "RadiusAttr_NAS_Port_Type", "NAS-Port-Type", 61);

/* EAP-Message: the value is one EAP packet (_EAPPacketField), its len
 * adjust=x + 2. Scapy's post_dissect that joins the pieces of an EAP packet
 * cut over several attributes is not done: the first piece stays Raw. */
static const struct ps_field eap_message_fields[] = {
    ANY_TYPE(79, "79"),
    LEN_AUTO,
    {.name = "value", .kind = PS_K_LAYERS, .sub_class = "EAP", .chain = true,
     .elem_class = eap_or_raw, .def_text = "", .ls_type = "_EAPPacketField", .ls_default = "b''"},
};
ATTR(ps_proto_radius_eap_message, "RadiusAttr_EAP_Message", "EAP-Message", eap_message_fields);

static const struct ps_field vendor_specific_fields[] = {
    [V_TYPE] = ANY_TYPE(26, "26"),
    /* adjust=len(value) + 8 */
    [V_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
               .length_of = "value", .len_adjust = 8, .ls_type = "FieldLenField",
               .ls_default = "None"},
    [V_VENDOR_ID] = {.name = "vendor_id", .kind = PS_K_UINT, .bits = 32, .ls_type = "IntField",
                     .ls_default = "0"},
    [V_VENDOR_TYPE] = {.name = "vendor_type", .kind = PS_K_UINT, .bits = 8,
                       .ls_type = "ByteField", .ls_default = "0"},
    [V_VENDOR_LEN] = {.name = "vendor_len", .kind = PS_K_UINT, .bits = 8, .is_auto = true,
                      .length_of = "value", .len_adjust = 2, .ls_type = "FieldLenField",
                      .ls_default = "None"},
    [V_VALUE] = {.name = "value", .kind = PS_K_BYTES, .def_text = "",
                 .decode = vendor_value_decode, .ls_type = "StrLenField", .ls_default = "b''"},
};
ATTR(ps_proto_radius_vendor_specific, "RadiusAttr_Vendor_Specific", "Vendor-Specific",
     vendor_specific_fields);

/* ------------------------------------------------------------------ Radius */

static const struct ps_field radius_fields[] = {
    [R_CODE] = {.name = "code", .kind = PS_K_UINT, .bits = 8, .def = 1, .enums = ps_radius_packet_codes,
                .ls_type = "ByteEnumField", .ls_default = "1"},
    [R_ID] = {.name = "id", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",
              .ls_default = "0"},
    /* FieldLenField of attributes (len - 20 when read); post_build writes
     * the whole length, payload included, over it. */
    [R_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
               .length_of = "attributes", .len_adjust = 20, .ls_type = "FieldLenField",
               .ls_default = "None"},
    [R_AUTH] = {.name = "authenticator", .kind = PS_K_BYTES, .bits = 128, .def_text = "",
                .repr = ps_xstr_repr, .ls_type = "XStrFixedLenField", .ls_default = "b''"},
    [R_ATTRS] = {.name = "attributes", .kind = PS_K_LAYERS, .sub_class = "RadiusAttribute",
                 .ls_type = "PacketListField", .ls_default = "[]"},
};

/* Radius.post_build: an unset len is the length of the message with its
 * payload. */
static void radius_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    if (l->v[R_LEN].set || b->hlen[idx] < 4)
        return;
    ps_put16(b->buf + b->start[idx] + 2, (uint16_t)(b->end[idx] - b->start[idx]));
}

/* bind_bottom_up(UDP, Radius, sport=...) and (dport=...) for 1812, 1813 and
 * 3799, each a call; bind_layers(UDP, Radius, sport=1812, dport=1812). */
static const struct ps_bind radius_dissect_binds[] = {
    {"UDP", "sport", 1812}, {"UDP", NULL, 0}, {"UDP", "dport", 1812}, {"UDP", NULL, 0},
    {"UDP", "sport", 1813}, {"UDP", NULL, 0}, {"UDP", "dport", 1813}, {"UDP", NULL, 0},
    {"UDP", "sport", 3799}, {"UDP", NULL, 0}, {"UDP", "dport", 3799}, {NULL, NULL, 0},
};
static const struct ps_bind radius_build_binds[] = {
    {"UDP", "sport", 1812},
    {"UDP", "dport", 1812},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_radius = {
    .name = "Radius",
    .long_name = "RADIUS",
    .fields = radius_fields,
    .nfields = PS_NFIELDS(radius_fields),
    .build_binds = radius_build_binds,
    .dissect_binds = radius_dissect_binds,
    .post_build = radius_post_build,
};
