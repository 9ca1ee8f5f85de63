/* RIP (scapy/layers/rip.py RIP, RIPEntry, RIPAuth): the header on UDP port
 * 520, the route entries that follow it, and the authentication entry (an
 * entry whose address family is 0xffff). */
#include "packet.h"
#include "protos.h"

/* RIP.guess_payload_class, which RIPEntry inherits: an entry starting with
 * \xff\xff is RIPAuth, else the bindings. */
static const char *rip_payload(const struct ps_layer *l, const struct ps_layer *under,
                               const uint8_t *p, size_t len)
{
    (void)l;
    (void)under;
    return len >= 2 && p[0] == 0xff && p[1] == 0xff ? "RIPAuth" : NULL;
}

static const struct ps_enum rip_cmds[] = {
    {1, "req"},        {2, "resp"},      {3, "traceOn"},   {4, "traceOff"},
    {5, "sun"},        {6, "trigReq"},   {7, "trigResp"},  {8, "trigAck"},
    {9, "updateReq"},  {10, "updateResp"}, {11, "updateAck"}, {0, NULL},
};

static const struct ps_field rip_fields[] = {
    {.name = "cmd", .kind = PS_K_UINT, .bits = 8, .def = 1, .enums = rip_cmds,
     .ls_type = "ByteEnumField", .ls_default = "1"},
    {.name = "version", .kind = PS_K_UINT, .bits = 8, .def = 1, .ls_type = "ByteField",
     .ls_default = "1"},
    {.name = "null", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField", .ls_default = "0"},
};

/* bind_layers(UDP, RIP, sport=520, dport=520) */
static const struct ps_bind rip_binds[] = {
    {"UDP", "sport", 520},
    {"UDP", "dport", 520},
    {NULL, NULL, 0},
};

/* bind_bottom_up(UDP, RIP, dport=520), then (UDP, RIP, sport=520). */
static const struct ps_bind rip_dissect_binds[] = {
    {"UDP", "dport", 520},
    {"UDP", NULL, 0},
    {"UDP", "sport", 520},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_rip = {
    .name = "RIP",
    .long_name = "RIP header",
    .fields = rip_fields,
    .nfields = PS_NFIELDS(rip_fields),
    .binds = rip_binds,
    .dissect_binds = rip_dissect_binds,
    .guess_payload_from = rip_payload,
};

static const struct ps_enum rip_afs[] = {{2, "IP"}, {0, NULL}};
static const struct ps_enum rip_metrics[] = {{16, "Unreach"}, {0, NULL}};

static const struct ps_field entry_fields[] = {
    {.name = "AF", .kind = PS_K_UINT, .bits = 16, .def = 2, .enums = rip_afs,
     .ls_type = "ShortEnumField", .ls_default = "2"},
    {.name = "RouteTag", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField",
     .ls_default = "0"},
    {.name = "addr", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField",
     .ls_default = "'0.0.0.0'"},
    {.name = "mask", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField",
     .ls_default = "'0.0.0.0'"},
    {.name = "nextHop", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField",
     .ls_default = "'0.0.0.0'"},
    {.name = "metric", .kind = PS_K_UINT, .bits = 32, .def = 1, .enums = rip_metrics,
     .ls_type = "IntEnumField", .ls_default = "1"},
};

/* bind_layers(RIP, RIPEntry), (RIPEntry, RIPEntry), (RIPAuth, RIPEntry) */
static const struct ps_bind entry_binds[] = {
    {"RIP", NULL, 0},
    {"RIPEntry", NULL, 0},
    {"RIPAuth", NULL, 0},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_rip_entry = {
    .name = "RIPEntry",
    .long_name = "RIP entry",
    .fields = entry_fields,
    .nfields = PS_NFIELDS(entry_fields),
    .binds = entry_binds,
    .guess_payload_from = rip_payload,
};

/* ------------------------------------------------------------ RIPAuth */

enum { A_AF, A_AUTHTYPE, A_PASSWORD, A_DIGESTOFFSET, A_KEYID, A_AUTHDATALEN, A_SEQNUM,
       A_ZEROPAD, A_AUTHDATA };

static bool simple(const struct ps_layer *l)
{
    return ps_layer_uint(l, A_AUTHTYPE) == 2;
}
static bool md5(const struct ps_layer *l)
{
    return ps_layer_uint(l, A_AUTHTYPE) == 3;
}
/* authdata's length is md5datalen, which pre_dissect sets to all the bytes
 * after the 4 of AF and authtype when authtype is 1: the field takes the
 * rest of the layer, as a PS_K_BYTES field does. */
static bool md5_data(const struct ps_layer *l)
{
    return ps_layer_uint(l, A_AUTHTYPE) == 1;
}

static const struct ps_enum auth_afs[] = {{0xffff, "Auth"}, {0, NULL}};
static const struct ps_enum auth_types[] = {
    {1, "md5authdata"}, {2, "simple"}, {3, "md5"}, {0, NULL},
};

/* The StrFixedLenFields and the StrLenField default to None (is_auto: a
 * field the frame ended before shows None), written as b"" (padded with \0
 * to their length). */
static const struct ps_field auth_fields[] = {
    [A_AF] = {.name = "AF", .kind = PS_K_UINT, .bits = 16, .def = 0xffff, .enums = auth_afs,
              .ls_type = "ShortEnumField", .ls_default = "65535"},
    [A_AUTHTYPE] = {.name = "authtype", .kind = PS_K_UINT, .bits = 16, .def = 2,
                    .enums = auth_types, .ls_type = "ShortEnumField", .ls_default = "2"},
    [A_PASSWORD] = {.name = "password", .kind = PS_K_BYTES, .bits = 128, .is_auto = true,
                    .present = simple,
                    .repr = ps_strfixed_repr, .ls_type = "StrFixedLenField (Cond)",
                    .ls_default = "None"},
    [A_DIGESTOFFSET] = {.name = "digestoffset", .kind = PS_K_UINT, .bits = 16, .present = md5,
                        .ls_type = "ShortField (Cond)", .ls_default = "0"},
    [A_KEYID] = {.name = "keyid", .kind = PS_K_UINT, .bits = 8, .present = md5,
                 .ls_type = "ByteField (Cond)", .ls_default = "0"},
    [A_AUTHDATALEN] = {.name = "authdatalen", .kind = PS_K_UINT, .bits = 8, .present = md5,
                       .ls_type = "ByteField (Cond)", .ls_default = "0"},
    [A_SEQNUM] = {.name = "seqnum", .kind = PS_K_UINT, .bits = 32, .present = md5,
                  .ls_type = "IntField (Cond)", .ls_default = "0"},
    [A_ZEROPAD] = {.name = "zeropad", .kind = PS_K_BYTES, .bits = 64, .is_auto = true,
                   .present = md5,
                   .repr = ps_strfixed_repr, .ls_type = "StrFixedLenField (Cond)",
                   .ls_default = "None"},
    [A_AUTHDATA] = {.name = "authdata", .kind = PS_K_BYTES, .is_auto = true,
                    .present = md5_data,
                    .ls_type = "StrLenField (Cond)", .ls_default = "None"},
};

/* No binding of its own: RIP's guess_payload finds it; RIPEntry follows it. */
const struct ps_proto ps_proto_rip_auth = {
    .name = "RIPAuth",
    .long_name = "RIP authentication",
    .fields = auth_fields,
    .nfields = PS_NFIELDS(auth_fields),
};
