/* DHCP options as Scapy 2.5.0's DHCPOptionsField writes, reads and prints
 * them (scapy/layers/dhcp.py DHCPOptions, i2m, m2i, i2repr): the list
 * codec of DHCP.options (ps_field.optcodec). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "dhcp_options.h"
#include "field_text.h"

/* The field Scapy's table gives an option, which says how its values are
 * packed; T_NAMED is a bare name there (the value is bytes). */
enum otype { T_NAMED, T_IP, T_INT, T_SHORT, T_BYTE, T_MSGTYPE, T_STR, T_BYTELIST, T_ROUTES };

struct dopt {
    uint8_t code;
    const char *name;
    enum otype type;
};

/* DHCPOptions, every entry. */
static const struct dopt table[] = {
    {0, "pad", T_NAMED}, {1, "subnet_mask", T_IP}, {2, "time_zone", T_INT},
    {3, "router", T_IP}, {4, "time_server", T_IP}, {5, "IEN_name_server", T_IP},
    {6, "name_server", T_IP}, {7, "log_server", T_IP}, {8, "cookie_server", T_IP},
    {9, "lpr_server", T_IP}, {10, "impress-servers", T_IP},
    {11, "resource-location-servers", T_IP}, {12, "hostname", T_NAMED},
    {13, "boot-size", T_SHORT}, {14, "dump_path", T_NAMED}, {15, "domain", T_NAMED},
    {16, "swap-server", T_IP}, {17, "root_disk_path", T_NAMED},
    {18, "extensions-path", T_NAMED}, {19, "ip-forwarding", T_BYTE},
    {20, "non-local-source-routing", T_BYTE}, {21, "policy-filter", T_IP},
    {22, "max_dgram_reass_size", T_SHORT}, {23, "default_ttl", T_BYTE},
    {24, "pmtu_timeout", T_INT}, {25, "path-mtu-plateau-table", T_SHORT},
    {26, "interface-mtu", T_SHORT}, {27, "all-subnets-local", T_BYTE},
    {28, "broadcast_address", T_IP}, {29, "perform-mask-discovery", T_BYTE},
    {30, "mask-supplier", T_BYTE}, {31, "router-discovery", T_BYTE},
    {32, "router-solicitation-address", T_IP}, {33, "static-routes", T_IP},
    {34, "trailer-encapsulation", T_BYTE}, {35, "arp_cache_timeout", T_INT},
    {36, "ieee802-3-encapsulation", T_BYTE}, {37, "tcp_ttl", T_BYTE},
    {38, "tcp_keepalive_interval", T_INT}, {39, "tcp_keepalive_garbage", T_BYTE},
    {40, "NIS_domain", T_STR}, {41, "NIS_server", T_IP}, {42, "NTP_server", T_IP},
    {43, "vendor_specific", T_NAMED}, {44, "NetBIOS_server", T_IP},
    {45, "NetBIOS_dist_server", T_IP}, {46, "NetBIOS_node_type", T_BYTE},
    {47, "netbios-scope", T_NAMED}, {48, "font-servers", T_IP},
    {49, "x-display-manager", T_IP}, {50, "requested_addr", T_IP},
    {51, "lease_time", T_INT}, {52, "dhcp-option-overload", T_BYTE},
    {53, "message-type", T_MSGTYPE}, {54, "server_id", T_IP},
    {55, "param_req_list", T_BYTELIST}, {56, "error_message", T_NAMED},
    {57, "max_dhcp_size", T_SHORT}, {58, "renewal_time", T_INT},
    {59, "rebinding_time", T_INT}, {60, "vendor_class_id", T_STR}, {61, "client_id", T_STR},
    {62, "nwip-domain-name", T_NAMED}, {64, "NISplus_domain", T_NAMED},
    {65, "NISplus_server", T_IP}, {66, "tftp_server_name", T_NAMED},
    {67, "boot-file-name", T_STR}, {68, "mobile-ip-home-agent", T_IP},
    {69, "SMTP_server", T_IP}, {70, "POP3_server", T_IP}, {71, "NNTP_server", T_IP},
    {72, "WWW_server", T_IP}, {73, "Finger_server", T_IP}, {74, "IRC_server", T_IP},
    {75, "StreetTalk_server", T_IP}, {76, "StreetTalk_Dir_Assistance", T_IP},
    {77, "user_class", T_NAMED}, {78, "slp_service_agent", T_NAMED},
    {79, "slp_service_scope", T_NAMED}, {81, "client_FQDN", T_NAMED},
    {82, "relay_agent_information", T_NAMED}, {85, "nds-server", T_IP},
    {86, "nds-tree-name", T_STR}, {87, "nds-context", T_STR},
    {88, "bcms-controller-namesi", T_NAMED}, {89, "bcms-controller-address", T_IP},
    {91, "client-last-transaction-time", T_INT}, {92, "associated-ip", T_IP},
    {93, "pxe_client_architecture", T_NAMED}, {94, "pxe_client_network_interface", T_NAMED},
    {97, "pxe_client_machine_identifier", T_NAMED}, {98, "uap-servers", T_STR},
    {100, "pcode", T_STR}, {101, "tcode", T_STR}, {112, "netinfo-server-address", T_IP},
    {113, "netinfo-server-tag", T_STR}, {114, "default-url", T_STR},
    {116, "auto-config", T_BYTE}, {117, "name-service-search", T_SHORT},
    {118, "subnet-selection", T_IP}, {121, "classless_static_routes", T_ROUTES},
    {124, "vendor_class", T_NAMED}, {125, "vendor_specific_information", T_NAMED},
    {128, "tftp_server_ip_address", T_IP}, {136, "pana-agent", T_IP},
    {137, "v4-lost", T_NAMED}, {138, "capwap-ac-v4", T_IP},
    {141, "sip_ua_service_domains", T_NAMED}, {146, "rdnss-selection", T_NAMED},
    {150, "tftp_server_address", T_IP}, {159, "v4-portparams", T_NAMED},
    {160, "v4-captive-portal", T_STR}, {161, "mud-url", T_STR},
    {208, "pxelinux_magic", T_NAMED}, {209, "pxelinux_configuration_file", T_NAMED},
    {210, "pxelinux_path_prefix", T_NAMED}, {211, "pxelinux_reboot_time", T_NAMED},
    {212, "option-6rd", T_NAMED}, {213, "v4-access-domain", T_NAMED}, {255, "end", T_NAMED},
};
#define NTABLE (sizeof table / sizeof table[0])

/* DHCPTypes */
static const char *const msg_types[] = {
    NULL, "discover", "offer", "request", "decline", "ack", "nak", "release", "inform",
    "force_renew", "lease_query", "lease_unassigned", "lease_unknown", "lease_active",
};
#define NTYPES (sizeof msg_types / sizeof msg_types[0])

static const char *names[NTABLE + 1];

static const struct dopt *by_code(unsigned code)
{
    for (size_t i = 0; i < NTABLE; i++)
        if (table[i].code == code)
            return &table[i];
    return NULL;
}

static const struct dopt *by_name(const char *name)
{
    for (size_t i = 0; i < NTABLE; i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}

const char *ps_dhcp_type_name(uint64_t v)
{
    return v < NTYPES ? msg_types[v] : NULL;
}

/* ---- building (i2m) ------------------------------------------------------ */

static int fail(const char **err, const char *msg)
{
    *err = msg;
    return -1;
}

static int put(uint8_t *out, size_t cap, size_t at, const void *p, size_t n, const char **err)
{
    if (at + n > cap)
        return fail(err, "DHCP options do not fit");
    memcpy(out + at, p, n);
    return (int)n;
}

static int put_uint(uint64_t v, unsigned width, uint8_t *out, size_t cap, size_t at,
                    const char **err, const char *want)
{
    uint8_t b[4];
    if (width < 8 && v >> (8 * width))
        return fail(err, want);
    for (unsigned i = 0; i < width; i++)
        b[i] = (uint8_t)(v >> (8 * (width - 1 - i)));
    return put(out, cap, at, b, width, err);
}

/* RFC 3442 "a.b.c.d/n:r.r.r.r": n, the significant bytes, the router. */
static int put_route(const struct ps_optval *v, uint8_t *out, size_t cap, size_t at,
                     const char **err)
{
    static const char want[] = "DHCP option 'classless_static_routes' takes \"a.b.c.d/n:router\"";
    char text[64], *slash, *colon;
    uint8_t dest[4], router[4], b[9];
    if (v->kind != PS_OV_BYTES || !v->text || v->len >= sizeof text)
        return fail(err, want);
    memcpy(text, v->bytes, v->len);
    text[v->len] = '\0';
    slash = strchr(text, '/');
    colon = slash ? strchr(slash, ':') : NULL;
    if (!colon)
        return fail(err, want);
    *slash = *colon = '\0';
    char *end;
    long prefix = strtol(slash + 1, &end, 10);
    if (*end || end == slash + 1 || prefix < 0 || prefix > 32 || !ps_parse_ip4(text, dest) ||
        !ps_parse_ip4(colon + 1, router))
        return fail(err, want);
    size_t octets = ((size_t)prefix + 7) / 8;
    b[0] = (uint8_t)prefix;
    memcpy(b + 1, dest, octets);
    memcpy(b + 1 + octets, router, 4);
    return put(out, cap, at, b, 5 + octets, err);
}

/* "DHCP option 'NAME' takes WHAT": the message of a value of the wrong type
 * (the compiler reports it before anything else runs). */
static int wrong(const char **err, const struct dopt *o, const char *what)
{
    static char msg[160];
    snprintf(msg, sizeof msg, "DHCP option '%s' takes %s", o->name, what);
    return fail(err, msg);
}

/* f.addfield(pkt, b"", f.any2i(pkt, val)) for the option's field. */
static int put_value(const struct dopt *o, const struct ps_optval *v, uint8_t *out, size_t cap,
                     size_t at, const char **err)
{
    uint8_t a[4];
    switch (o->type) {
    case T_NAMED:
    case T_STR:
        if (v->kind != PS_OV_BYTES)
            return wrong(err, o, "a string or bytes");
        return put(out, cap, at, v->bytes, v->len, err);
    case T_IP:
        if (v->kind == PS_OV_IPV4)
            return put(out, cap, at, v->addr, 4, err);
        if (v->kind == PS_OV_BYTES && v->text && v->len < 16) {
            char text[16];
            memcpy(text, v->bytes, v->len);
            text[v->len] = '\0';
            if (ps_parse_ip4(text, a))
                return put(out, cap, at, a, 4, err);
        }
        return wrong(err, o, "IPv4 addresses");
    case T_INT:
    case T_SHORT:
    case T_BYTE: {
        unsigned w = o->type == T_INT ? 4 : o->type == T_SHORT ? 2 : 1;
        const char *want = w == 4   ? "32-bit integers"
                           : w == 2 ? "integers 0..65535"
                                    : "integers 0..255";
        if (v->kind != PS_OV_INT || (w < 8 && v->u >> (8 * w)))
            return wrong(err, o, want);
        return put_uint(v->u, w, out, cap, at, err, want);
    }
    case T_MSGTYPE: {
        static const char want[] = "DHCP option 'message-type' takes a type name "
                                   "(discover, offer, request, ack, ...) or 0..255";
        if (v->kind == PS_OV_INT)
            return put_uint(v->u, 1, out, cap, at, err, want);
        if (v->kind != PS_OV_BYTES || !v->text)
            return fail(err, want);
        for (size_t t = 1; t < NTYPES; t++)
            if (strlen(msg_types[t]) == v->len && memcmp(msg_types[t], v->bytes, v->len) == 0)
                return put_uint(t, 1, out, cap, at, err, want);
        return fail(err, want);
    }
    case T_BYTELIST: {
        static const char want[] = "DHCP option 'param_req_list' takes a list of codes 0..255";
        if (v->kind == PS_OV_INT)
            return put_uint(v->u, 1, out, cap, at, err, want);
        if (v->kind != PS_OV_INTS)
            return fail(err, want);
        for (size_t i = 0; i < v->nints; i++)
            if (put_uint(v->ints[i], 1, out, cap, at + i, err, want) < 0)
                return -1;
        return (int)v->nints;
    }
    case T_ROUTES:
        return put_route(v, out, cap, at, err);
    }
    return fail(err, "bad DHCP option");
}

static int encode(const struct ps_optelem *e, uint8_t *out, size_t cap, const char **err)
{
    const struct dopt *o = NULL;
    switch (e->kind) {
    case PS_OE_NAME:
        /* A name of no field is its code; any other string is its bytes. */
        o = by_name(e->name);
        if (o && o->type == T_NAMED)
            return put(out, cap, 0, &o->code, 1, err);
        return put(out, cap, 0, e->name, strlen(e->name), err);
    case PS_OE_INT: {
        if (e->code > 255)
            return fail(err, "a DHCP option code is 0..255");
        uint8_t b[2] = {(uint8_t)e->code, 0};
        return put(out, cap, 0, b, 2, err);
    }
    case PS_OE_BYTES:
        return put(out, cap, 0, e->vals[0].bytes, e->vals[0].len, err);
    case PS_OE_TUPLE:
        break;
    }
    if (e->name) {
        o = by_name(e->name);
        if (!o)
            return -1; /* unknown: the caller names the likely one */
    }
    size_t at = 2;
    for (size_t i = 0; i < e->nvals; i++) {
        int n;
        if (o) {
            n = put_value(o, &e->vals[i], out, cap, at, err);
        } else if (e->vals[i].kind == PS_OV_BYTES) {
            n = put(out, cap, at, e->vals[i].bytes, e->vals[i].len, err);
        } else {
            n = fail(err, "a DHCP option given by code takes bytes");
        }
        if (n < 0)
            return -1;
        at += (size_t)n;
    }
    if (at - 2 > 255)
        return fail(err, "a DHCP option's value is at most 255 bytes");
    if (cap < 2)
        return fail(err, "DHCP options do not fit");
    out[0] = o ? o->code : (uint8_t)e->code;
    out[1] = (uint8_t)(at - 2);
    return (int)at;
}

/* ---- reading (m2i) ------------------------------------------------------- */

enum shape { S_END, S_PAD, S_RAW, S_TUPLE };

struct view {
    enum shape shape;
    uint8_t code;
    const struct dopt *def;   /* NULL: an unknown code, (code, bytes) */
    const uint8_t *val;       /* S_TUPLE: the value; S_RAW: the bytes kept raw */
    size_t vlen;
};

/* Whether the option's field reads the whole value (the getfield loop does
 * not raise): an address needs 4 bytes, an integer its width, a route its
 * prefix's bytes. Scapy loops for ever on a prefix over 32; pktspec keeps
 * that option raw. */
static bool values_read(enum otype t, const uint8_t *v, size_t n)
{
    switch (t) {
    case T_IP:
    case T_INT: return n % 4 == 0;
    case T_SHORT: return n % 2 == 0;
    case T_ROUTES:
        while (n) {
            if (v[0] > 32)
                return false;
            size_t len = 5 + (v[0] + 7u) / 8;
            if (n < len)
                return false;
            v += len;
            n -= len;
        }
        return true;
    default: return true;
    }
}

static bool next_view(const uint8_t **p, size_t *n, struct view *o)
{
    const uint8_t *x = *p;
    size_t left = *n;
    if (left == 0)
        return false;
    memset(o, 0, sizeof *o);
    o->code = x[0];
    if (x[0] == 255 || x[0] == 0) {
        o->shape = x[0] ? S_END : S_PAD;
        *p = x + 1;
        *n = left - 1;
        return true;
    }
    o->def = by_code(x[0]);
    bool whole = left >= 2 && left >= (size_t)x[1] + 2;
    if (whole) {
        o->val = x + 2;
        o->vlen = x[1];
    }
    if (!whole || (o->def && !values_read(o->def->type, o->val, o->vlen))) {
        o->shape = S_RAW;
        o->val = x;
        o->vlen = left;
        *p = x + left;
        *n = 0;
        return true;
    }
    o->shape = S_TUPLE;
    *p = x + 2 + o->vlen;
    *n = left - 2 - o->vlen;
    return true;
}

static bool codec_next(const uint8_t **p, size_t *n, int *code, const uint8_t **opt,
                       size_t *size)
{
    const uint8_t *at = *p;
    struct view o;
    if (!next_view(p, n, &o))
        return false;
    *code = o.shape == S_RAW ? -1 : o.code;
    *opt = at;
    *size = (size_t)(*p - at);
    return true;
}

/* ---- printing --------------------------------------------------------------- */

/* Each value the option's field reads, as i2repr (show) or repr (ls)
 * prints it; `py`: Python's repr of the value. */
static void put_values(struct ps_strbuf *b, const struct view *o, bool py)
{
    const char *sep = py ? ", " : ",";
    const uint8_t *v = o->val;
    size_t n = o->vlen;
    char text[64];
    switch (o->def->type) {
    case T_NAMED:
        ps_put_pybytes(b, v, n);
        return;
    case T_STR:
        /* StrField: one value, the rest; i2repr prints it as a str. */
        if (n == 0)
            return;
        if (py)
            ps_put_pybytes(b, v, n);
        else
            ps_put_strrepr(b, v, n);
        return;
    case T_BYTELIST:
        if (n == 0)
            return;
        ps_strbuf_putc(b, '[');
        for (size_t i = 0; i < n; i++)
            ps_strbuf_printf(b, "%s%u", i ? ", " : "", v[i]);
        ps_strbuf_putc(b, ']');
        return;
    case T_ROUTES:
        if (n == 0)
            return;
        ps_strbuf_putc(b, '[');
        for (bool first = true; n; first = false) {
            size_t octets = (v[0] + 7u) / 8;
            uint8_t dest[4] = {0};
            memcpy(dest, v + 1, octets);
            ps_format_ip4(dest, text);
            ps_strbuf_printf(b, "%s'%s/%u:", first ? "" : ", ", text, v[0]);
            ps_format_ip4(v + 1 + octets, text);
            ps_strbuf_printf(b, "%s'", text);
            v += 5 + octets;
            n -= 5 + octets;
        }
        ps_strbuf_putc(b, ']');
        return;
    default:
        break;
    }
    unsigned w = o->def->type == T_IP || o->def->type == T_INT ? 4 : o->def->type == T_SHORT ? 2 : 1;
    for (size_t at = 0; at + w <= n; at += w) {
        if (at)
            ps_strbuf_puts(b, sep);
        if (o->def->type == T_IP) {
            ps_format_ip4(v + at, text);
            ps_strbuf_printf(b, py ? "'%s'" : "%s", text);
            continue;
        }
        uint64_t u = 0;
        for (unsigned k = 0; k < w; k++)
            u = u << 8 | v[at + k];
        const char *name = o->def->type == T_MSGTYPE && !py ? ps_dhcp_type_name(u) : NULL;
        if (name)
            ps_strbuf_puts(b, name);
        else
            ps_strbuf_printf(b, "%llu", (unsigned long long)u);
    }
}

/* sane(): printable ASCII as it is, every other byte as '.'. */
static void put_sane(struct ps_strbuf *b, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ps_strbuf_putc(b, p[i] >= 32 && p[i] < 127 ? (char)p[i] : '.');
}

static void put_list(struct ps_strbuf *b, const struct ps_fval *v, bool py)
{
    const uint8_t *p = v->bytes;
    size_t n = v->bytes ? v->len : 0;
    struct view o;
    ps_strbuf_putc(b, '[');
    for (bool first = true; next_view(&p, &n, &o); first = false) {
        if (!first)
            ps_strbuf_puts(b, py ? ", " : " ");
        switch (o.shape) {
        case S_END:
        case S_PAD:
            ps_strbuf_puts(b, py ? (o.code ? "'end'" : "'pad'") : (o.code ? "end" : "pad"));
            continue;
        case S_RAW:
            if (py)
                ps_put_pybytes(b, o.val, o.vlen);
            else
                put_sane(b, o.val, o.vlen);
            continue;
        case S_TUPLE:
            break;
        }
        if (py) {
            ps_strbuf_putc(b, '(');
            if (o.def)
                ps_strbuf_printf(b, "'%s', ", o.def->name);
            else
                ps_strbuf_printf(b, "%u, ", o.code);
        } else if (o.def) {
            ps_strbuf_printf(b, "%s=", o.def->name);
        } else {
            ps_strbuf_printf(b, "%u=", o.code);
        }
        size_t mark = b->len;
        if (o.def)
            put_values(b, &o, py);
        else
            ps_put_pybytes(b, o.val, o.vlen);
        if (py && b->len == mark) {
            b->len -= 1; /* a tuple of the name alone: ('lease_time',) */
            if (b->len < b->cap)
                b->p[b->len] = '\0';
        }
        if (py)
            ps_strbuf_putc(b, ')');
    }
    ps_strbuf_putc(b, ']');
}

int ps_dhcp_options_repr(const struct ps_fval *v, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    if (!v->set)
        ps_put_pybytes(&b, v->bytes, v->bytes ? v->len : 0); /* the default, b'' */
    else
        put_list(&b, v, false);
    return ps_strbuf_result(&b);
}

static int pyrepr(const struct ps_fval *v, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    put_list(&b, v, true);
    return ps_strbuf_result(&b);
}

bool ps_dhcp_message_type(const uint8_t *p, size_t n, uint64_t *type)
{
    struct view o;
    while (next_view(&p, &n, &o))
        if (o.shape == S_TUPLE && o.code == 53 && o.vlen > 0) {
            *type = o.val[0];
            return true;
        }
    return false;
}

static const char *const *option_names(void)
{
    if (!names[0])
        for (size_t i = 0; i < NTABLE; i++)
            names[i] = table[i].name;
    return names;
}

const struct ps_optcodec ps_dhcp_optcodec = {
    .encode = encode,
    .names = option_names,
    .what = "DHCP option",
    .pyrepr = pyrepr,
    .next = codec_next,
};
