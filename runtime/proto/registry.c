/* The one list of protocols, and lookups over their tables. */
#include <string.h>

#include "packet.h"
#include "protos.h"

static const struct ps_proto *const all[] = {
    &ps_proto_ether,
    &ps_proto_dot1q,
    &ps_proto_arp,
    &ps_proto_ip,
    &ps_proto_icmp,
    &ps_proto_tcp,
    &ps_proto_udp,
    &ps_proto_iperror,
    &ps_proto_tcperror,
    &ps_proto_udperror,
    &ps_proto_icmperror,
    &ps_proto_ipv6,
    &ps_proto_iperror6,
    &ps_proto_ipv6_hop_by_hop,
    &ps_proto_ipv6_dest_opt,
    &ps_proto_ipv6_routing,
    &ps_proto_ipv6_fragment,
    &ps_proto_icmpv6_unknown,
    &ps_proto_icmpv6_dest_unreach,
    &ps_proto_icmpv6_packet_too_big,
    &ps_proto_icmpv6_time_exceeded,
    &ps_proto_icmpv6_param_problem,
    &ps_proto_icmpv6_echo_request,
    &ps_proto_icmpv6_echo_reply,
    &ps_proto_icmpv6_ml_query,
    &ps_proto_icmpv6_ml_report,
    &ps_proto_icmpv6_ml_done,
    &ps_proto_icmpv6_nd_rs,
    &ps_proto_icmpv6_nd_ra,
    &ps_proto_icmpv6_nd_ns,
    &ps_proto_icmpv6_nd_na,
    &ps_proto_icmpv6_nd_redirect,
    &ps_proto_icmpv6_ndopt_unknown,
    &ps_proto_icmpv6_ndopt_src_lladdr,
    &ps_proto_icmpv6_ndopt_dst_lladdr,
    &ps_proto_icmpv6_ndopt_prefix_info,
    &ps_proto_icmpv6_ndopt_mtu,
    &ps_proto_icmpv6_ndopt_rdnss,
    &ps_proto_dns,
    &ps_proto_dnsqr,
    &ps_proto_dnsrr,
    &ps_proto_dnsrr_mx,
    &ps_proto_dnsrr_soa,
    &ps_proto_dnsrr_srv,
    &ps_proto_gre,
    &ps_proto_gre_pptp,
    &ps_proto_gre_routing,
    &ps_proto_vxlan,
    &ps_proto_dot1ad,
    &ps_proto_dot3,
    &ps_proto_llc,
    &ps_proto_snap,
    &ps_proto_rip,
    &ps_proto_rip_entry,
    &ps_proto_ppp,
    &ps_proto_hdlc,
    &ps_proto_cooked_linux,
    &ps_proto_cooked_linux_v2,
    &ps_proto_loopback,
    &ps_proto_raw,
    &ps_proto_padding,
    &ps_ipopt_generic,
    &ps_ipopt_eol,
    &ps_ipopt_nop,
    &ps_ipopt_security,
    &ps_ipopt_lsrr,
    &ps_ipopt_rr,
    &ps_ipopt_ssrr,
    &ps_ipopt_timestamp,
    &ps_ipopt_stream_id,
    &ps_ipopt_mtu_probe,
    &ps_ipopt_mtu_reply,
    &ps_ipopt_traceroute,
    &ps_ipopt_address_extension,
    &ps_ipopt_router_alert,
    &ps_ipopt_sdbm,
    &ps_proto_hbhopt_unknown,
    &ps_proto_pad1,
    &ps_proto_padn,
    &ps_proto_router_alert,
    &ps_proto_jumbo,
    &ps_proto_hao,
    &ps_proto_bootp,
    &ps_proto_dhcp,
    &ps_proto_mpls,
    &ps_proto_eomcw,
    &ps_proto_geneve,
    &ps_proto_geneve_options,
};

/* Layers a spec declares (`layer Name { ... }`) join the registry while
 * their program lives, so that every generic stage (names, encoder, decoder,
 * printers) sees them as it sees the built-in ones. The registry is
 * process-wide: a program registers its layers when it is compiled and takes
 * them back when it is freed. */
#define BUILTINS (sizeof all / sizeof all[0])
static const struct ps_proto *everything[BUILTINS + PS_MAX_DECLARED];
static size_t ndeclared;

static void fill_builtins(void)
{
    if (!everything[0])
        memcpy(everything, all, sizeof all);
}

const struct ps_proto *const *ps_proto_all(size_t *count)
{
    fill_builtins();
    if (count)
        *count = BUILTINS + ndeclared;
    return everything;
}

const struct ps_proto *ps_proto_find(const char *name)
{
    size_t n;
    const struct ps_proto *const *ps = ps_proto_all(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(ps[i]->name, name) == 0)
            return ps[i];
    return NULL;
}

bool ps_proto_register(const struct ps_proto *p)
{
    if (ndeclared == PS_MAX_DECLARED || ps_proto_find(p->name))
        return false;
    everything[BUILTINS + ndeclared++] = p;
    return true;
}

void ps_proto_unregister(const struct ps_proto *p)
{
    for (size_t i = 0; i < ndeclared; i++) {
        if (everything[BUILTINS + i] == p) {
            memmove(&everything[BUILTINS + i], &everything[BUILTINS + i + 1],
                    (ndeclared - i - 1) * sizeof everything[0]);
            ndeclared--;
            return;
        }
    }
}

int ps_field_index(const struct ps_proto *p, const char *name)
{
    for (size_t i = 0; i < p->nfields; i++)
        if (strcmp(p->fields[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Names compare with '-' and '_' the same, so echo-request == echo_request. */
static bool same_name(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

/* The last entry holding the name, as Scapy's s2i keeps the last one. */
static bool lookup_value(const struct ps_enum *e, const char *name, uint64_t *value)
{
    bool found = false;
    for (; e && e->name; e++)
        if (same_name(e->name, name)) {
            *value = e->value;
            found = true;
        }
    return found;
}

static const char *lookup_name(const struct ps_enum *e, uint64_t value)
{
    for (; e && e->name; e++)
        if (e->value == value)
            return e->name;
    return NULL;
}

bool ps_enum_value(const struct ps_field *f, const char *name, uint64_t *value)
{
    if (f->multi) {
        bool found = false;
        for (const struct ps_enum_multi *m = f->multi; m->enums; m++)
            found |= lookup_value(m->enums, name, value);
        return found;
    }
    return lookup_value(f->enums, name, value);
}

const char *ps_enum_name(const struct ps_field *f, uint64_t value)
{
    return f->multi ? NULL : lookup_name(f->enums, value);
}

const struct ps_enum *ps_enums_in(const struct ps_layer *l, const struct ps_field *f)
{
    if (!f->multi)
        return f->enums;
    uint64_t key = ps_layer_uint(l, f->multi_on);
    for (const struct ps_enum_multi *m = f->multi; m->enums; m++)
        if (m->key == key)
            return m->enums;
    return NULL;
}

bool ps_enum_value_in(const struct ps_layer *l, const struct ps_field *f, const char *name,
                      uint64_t *value)
{
    if (f->multi && lookup_value(ps_enums_in(l, f), name, value))
        return true;
    return ps_enum_value(f, name, value);
}

const char *ps_enum_name_in(const struct ps_layer *l, const struct ps_field *f, uint64_t value)
{
    return lookup_name(ps_enums_in(l, f), value);
}

static bool single_letters(const char *const *flags)
{
    for (; *flags; flags++)
        if (strlen(*flags) != 1)
            return false;
    return true;
}

static int flag_bit(const char *const *flags, const char *name, size_t len)
{
    for (int i = 0; flags[i]; i++)
        if (strlen(flags[i]) == len && strncmp(flags[i], name, len) == 0)
            return i;
    return -1;
}

bool ps_flags_parse(const struct ps_field *f, const char *text, uint64_t *value,
                    const char **bad)
{
    uint64_t v = 0;
    if (!f->flags) {
        if (bad)
            *bad = text;
        return false;
    }
    /* Scapy's FlagValue: a string is its letters when the names were given
     * as one string of letters, else '+'-separated names (multi: the names
     * were a list, even of single letters, as VXLAN's gpflags). */
    bool letters = single_letters(f->flags) && !f->flags_list;
    const char *p = text;
    while (*p) {
        size_t len = letters ? 1 : strcspn(p, "+");
        int bit = flag_bit(f->flags, p, len);
        if (bit < 0) {
            if (bad)
                *bad = p;
            return false;
        }
        v |= UINT64_C(1) << bit;
        p += len;
        if (!letters && *p == '+' && !*++p) {
            if (bad)
                *bad = p; /* "MF+": Scapy finds no flag named "" */
            return false;
        }
    }
    *value = v;
    return true;
}
