/* IGMP v1/v2 and v3 (Scapy's contrib igmp.py and igmpv3.py, loaded with
 * load_contrib): the message, its checksum over the message and what
 * follows, and IGMPv3's query, report (with group records) and router
 * advertisement bodies. igmpize(), a method a script calls, is not done. */
#include <stdio.h>
#include <string.h>

#include "packet.h"
#include "field_text.h"
#include "protos.h"

/* post_build of IGMP (IGMPv3 inherits it): the checksum of the layer and
 * its payload when unset. */
static void igmp_post_build(struct ps_build *b, size_t idx)
{
    const struct ps_layer *l = &b->pkt->layers[idx];
    uint8_t *h = b->buf + b->start[idx];
    if (b->hlen[idx] < 4 || l->v[2].set)
        return;
    ps_put16(h + 2, 0);
    ps_put16(h + 2, ps_csum_fold(ps_csum_add(0, h, b->end[idx] - b->start[idx])));
}

/* The dispatch hooks of IGMP and IGMPv3, which agree: from 4 bytes on,
 * types 0x22 and 0x30..0x32, and a query of 12 bytes or more, are v3. */
static const char *igmp_dispatch(const uint8_t *p, size_t len)
{
    if (len < 4)
        return NULL;
    if (p[0] == 0x22 || (p[0] >= 0x30 && p[0] <= 0x32) || (p[0] == 0x11 && len >= 12))
        return "IGMPv3";
    return "IGMP";
}

/* isinstance(self.underlayer, IP): "<name>: %IP.src% > %IP.dst% ", else
 * "<name> ", then the layer's fields named in `tail`. */
static int summary_of(const char *name, const char *const *tail, const struct ps_packet *pkt,
                      size_t idx, char *out, size_t cap)
{
    char buf[160] = "", f[64];
    size_t n = 0;
    if (idx > 0 && strcmp(pkt->layers[idx - 1].proto->name, "IP") == 0) {
        char src[48] = "", dst[48] = "";
        ps_format_field(pkt, idx - 1, "src", src, sizeof src);
        ps_format_field(pkt, idx - 1, "dst", dst, sizeof dst);
        n = (size_t)snprintf(buf, sizeof buf, "%s: %s > %s", name, src, dst);
    } else {
        n = (size_t)snprintf(buf, sizeof buf, "%s", name);
    }
    for (; *tail && n < sizeof buf; tail++) {
        ps_format_field(pkt, idx, *tail, f, sizeof f);
        n += (size_t)snprintf(buf + n, sizeof buf - n, " %s", f);
    }
    return snprintf(out, cap, "%s", buf);
}

/* ---------------------------------------------------------------- IGMP */

enum { G_TYPE, G_MRCODE, G_CHKSUM, G_GADDR };

static const struct ps_enum igmp_types[] = {
    {0x11, "Group Membership Query"},
    {0x12, "Version 1 - Membership Report"},
    {0x16, "Version 2 - Membership Report"},
    {0x17, "Leave Group"},
    {0, NULL},
};

static const struct ps_field igmp_fields[] = {
    [G_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = 0x11, .enums = igmp_types,
                .ls_type = "ByteEnumField", .ls_default = "17"},
    [G_MRCODE] = {.name = "mrcode", .kind = PS_K_UINT, .bits = 8, .def = 20,
                  .ls_type = "ByteField", .ls_default = "20"},
    [G_CHKSUM] = {.name = "chksum", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .hex = true,
                  .ls_type = "XShortField", .ls_default = "None"},
    [G_GADDR] = {.name = "gaddr", .kind = PS_K_IPV4, .def_text = "0.0.0.0",
                 .ls_type = "IPField", .ls_default = "'0.0.0.0'"},
};

/* bind_layers(IP, IGMP, frag=0, proto=2, ttl=1): one call, so building
 * sets all three and dissecting needs all three. */
static const struct ps_bind igmp_binds[] = {
    {"IP", "frag", 0},
    {"IP", "proto", 2},
    {"IP", "ttl", 1},
    {NULL, NULL, 0},
};

static int igmp_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    static const char *const tail[] = {"type", "gaddr", NULL};
    return summary_of("IGMP", tail, pkt, idx, out, cap);
}

const struct ps_proto ps_proto_igmp = {
    .name = "IGMP",
    .long_name = "IGMP",
    .fields = igmp_fields,
    .nfields = PS_NFIELDS(igmp_fields),
    .binds = igmp_binds,
    .post_build = igmp_post_build,
    .dispatch = igmp_dispatch,
    .mysummary = igmp_summary,
};

/* -------------------------------------------------------------- IGMPv3 */

static const struct ps_enum igmpv3_types[] = {
    {0x11, "Membership Query"},
    {0x22, "Version 3 Membership Report"},
    {0x30, "Multicast Router Advertisement"},
    {0x31, "Multicast Router Solicitation"},
    {0x32, "Multicast Router Termination"},
    {0, NULL},
};

static const struct ps_field igmpv3_fields[] = {
    [G_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 8, .def = 0x11,
                .enums = igmpv3_types, .ls_type = "ByteEnumField", .ls_default = "17"},
    [G_MRCODE] = {.name = "mrcode", .kind = PS_K_UINT, .bits = 8, .def = 20,
                  .ls_type = "ByteField", .ls_default = "20"},
    [G_CHKSUM] = {.name = "chksum", .kind = PS_K_UINT, .bits = 16, .is_auto = true, .hex = true,
                  .ls_type = "XShortField", .ls_default = "None"},
};

/* bind_layers(IP, IGMPv3, frag=0, proto=2, ttl=1, tos=0xc0,
 * dst='224.0.0.22'): building sets them (dst through addr_binds); IGMP's
 * binding, made first, and the dispatch hook decide dissection. */
static const struct ps_bind igmpv3_build_binds[] = {
    {"IP", "frag", 0},
    {"IP", "proto", 2},
    {"IP", "ttl", 1},
    {"IP", "tos", 0xc0},
    {NULL, NULL, 0},
};
static const struct ps_addr_bind igmpv3_addr_binds[] = {
    {"IP", "dst", "224.0.0.22", NULL, 0},
    {NULL, NULL, NULL, NULL, 0},
};

static int igmpv3_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    static const char *const tail[] = {"type", NULL};
    return summary_of("IGMPv3", tail, pkt, idx, out, cap);
}

const struct ps_proto ps_proto_igmpv3 = {
    .name = "IGMPv3",
    .long_name = "IGMPv3",
    .fields = igmpv3_fields,
    .nfields = PS_NFIELDS(igmpv3_fields),
    .build_binds = igmpv3_build_binds,
    .addr_binds = igmpv3_addr_binds,
    .post_build = igmp_post_build,
    .dispatch = igmp_dispatch,
    .mysummary = igmpv3_summary,
};

/* ------------------------------------------------------------ IGMPv3mq */

enum { Q_GADDR, Q_RESV, Q_S, Q_QRV, Q_QQIC, Q_NUMSRC, Q_SRCADDRS };

static const struct ps_field mq_fields[] = {
    [Q_GADDR] = {.name = "gaddr", .kind = PS_K_IPV4, .def_text = "0.0.0.0",
                 .ls_type = "IPField", .ls_default = "'0.0.0.0'"},
    [Q_RESV] = {.name = "resv", .kind = PS_K_UINT, .bits = 4, .ls_type = "BitField  (4 bits)",
                .ls_default = "0"},
    [Q_S] = {.name = "s", .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)",
             .ls_default = "0"},
    [Q_QRV] = {.name = "qrv", .kind = PS_K_UINT, .bits = 3, .ls_type = "BitField  (3 bits)",
               .ls_default = "0"},
    [Q_QQIC] = {.name = "qqic", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",
                .ls_default = "0"},
    [Q_NUMSRC] = {.name = "numsrc", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                  .count_of = "srcaddrs", .ls_type = "FieldLenField", .ls_default = "None"},
    [Q_SRCADDRS] = {.name = "srcaddrs", .kind = PS_K_BYTES, .ipv4_list = true,
                    .ls_type = "FieldListField", .ls_default = "[]"},
};

/* count_from=numsrc: 4 bytes an address. */
static size_t mq_options_len(const struct ps_layer *l, size_t field)
{
    return field == Q_SRCADDRS ? (size_t)ps_layer_uint(l, Q_NUMSRC) * 4 : 0;
}

static const struct ps_bind mq_binds[] = {
    {"IGMPv3", "type", 0x11},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_igmpv3mq = {
    .name = "IGMPv3mq",
    .long_name = "IGMPv3mq",
    .fields = mq_fields,
    .nfields = PS_NFIELDS(mq_fields),
    .binds = mq_binds,
    .options_len = mq_options_len,
};

/* ------------------------------------------------------------ IGMPv3gr */

enum { R_RTYPE, R_AUXDLEN, R_NUMSRC, R_MADDR, R_SRCADDRS };

static const struct ps_enum gr_types[] = {
    {1, "Mode Is Include"},        {2, "Mode Is Exclude"},   {3, "Change To Include Mode"},
    {4, "Change To Exclude Mode"}, {5, "Allow New Sources"}, {6, "Block Old Sources"},
    {0, NULL},
};

static const struct ps_field gr_fields[] = {
    [R_RTYPE] = {.name = "rtype", .kind = PS_K_UINT, .bits = 8, .def = 1, .enums = gr_types,
                 .ls_type = "ByteEnumField", .ls_default = "1"},
    [R_AUXDLEN] = {.name = "auxdlen", .kind = PS_K_UINT, .bits = 8, .ls_type = "ByteField",
                   .ls_default = "0"},
    [R_NUMSRC] = {.name = "numsrc", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                  .count_of = "srcaddrs", .ls_type = "FieldLenField", .ls_default = "None"},
    [R_MADDR] = {.name = "maddr", .kind = PS_K_IPV4, .def_text = "0.0.0.0",
                 .ls_type = "IPField", .ls_default = "'0.0.0.0'"},
    [R_SRCADDRS] = {.name = "srcaddrs", .kind = PS_K_BYTES, .ipv4_list = true,
                    .ls_type = "FieldListField", .ls_default = "[]"},
};

static size_t gr_options_len(const struct ps_layer *l, size_t field)
{
    return field == R_SRCADDRS ? (size_t)ps_layer_uint(l, R_NUMSRC) * 4 : 0;
}

const struct ps_proto ps_proto_igmpv3gr = {
    .name = "IGMPv3gr",
    .long_name = "IGMPv3gr",
    .klass = "IGMPv3gr",
    .fields = gr_fields,
    .nfields = PS_NFIELDS(gr_fields),
    .options_len = gr_options_len,
};

/* ------------------------------------------------------------ IGMPv3mr */

enum { M_RES2, M_NUMGRP, M_RECORDS };

static const struct ps_field mr_fields[] = {
    [M_RES2] = {.name = "res2", .kind = PS_K_UINT, .bits = 16, .hex = true,
                .ls_type = "XShortField", .ls_default = "0"},
    [M_NUMGRP] = {.name = "numgrp", .kind = PS_K_UINT, .bits = 16, .is_auto = true,
                  .count_of = "records", .ls_type = "FieldLenField", .ls_default = "None"},
    [M_RECORDS] = {.name = "records", .kind = PS_K_LAYERS, .sub_class = "IGMPv3gr",
                   .ls_type = "PacketListField", .ls_default = "[]"},
};

/* count_from=numgrp: the records take the rest of the report, read one by
 * one as long as they fit. */
static size_t mr_options_len(const struct ps_layer *l, size_t field)
{
    (void)l;
    return field == M_RECORDS ? SIZE_MAX : 0;
}

/* bind_layers(IGMPv3, IGMPv3mr, type=0x22, mrcode=0x0) */
static const struct ps_bind mr_binds[] = {
    {"IGMPv3", "type", 0x22},
    {"IGMPv3", "mrcode", 0},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_igmpv3mr = {
    .name = "IGMPv3mr",
    .long_name = "IGMPv3mr",
    .fields = mr_fields,
    .nfields = PS_NFIELDS(mr_fields),
    .binds = mr_binds,
    .options_len = mr_options_len,
};

/* ----------------------------------------------------------- IGMPv3mra */

static const struct ps_field mra_fields[] = {
    {.name = "qryIntvl", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField",
     .ls_default = "0"},
    {.name = "robust", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField",
     .ls_default = "0"},
};

static const struct ps_bind mra_binds[] = {
    {"IGMPv3", "type", 0x30},
    {NULL, NULL, 0},
};

const struct ps_proto ps_proto_igmpv3mra = {
    .name = "IGMPv3mra",
    .long_name = "IGMPv3mra",
    .fields = mra_fields,
    .nfields = PS_NFIELDS(mra_fields),
    .binds = mra_binds,
};
