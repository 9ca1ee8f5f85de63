/* RIP (scapy/layers/rip.py RIP, RIPEntry): the header on UDP port 520 and
 * the route entries that follow it. RIPAuth is not in the registry yet. */
#include "packet.h"
#include "protos.h"

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

/* bind_layers(RIP, RIPEntry), (RIPEntry, RIPEntry) */
static const struct ps_bind entry_binds[] = {
    {"RIP", NULL, 0},
    {"RIPEntry", NULL, 0},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_rip_entry = {
    .name = "RIPEntry",
    .long_name = "RIP entry",
    .fields = entry_fields,
    .nfields = PS_NFIELDS(entry_fields),
    .binds = entry_binds,
};
