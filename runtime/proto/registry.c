/* The one list of protocols, found by name. */
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
