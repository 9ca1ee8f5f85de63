/* The protocol tables the registry lists, and what the protocol files share.
 * Internal to runtime/proto/. */
#ifndef PS_PROTOS_H
#define PS_PROTOS_H

#include "bind.h"
#include "csum.h"
#include "frame.h"
#include "proto.h"
#include "strbuf.h"

extern const struct ps_proto ps_proto_ether;
extern const struct ps_proto ps_proto_dot1q;
extern const struct ps_proto ps_proto_arp;
extern const struct ps_proto ps_proto_ip;
extern const struct ps_proto ps_proto_icmp;
extern const struct ps_proto ps_proto_tcp;
extern const struct ps_proto ps_proto_udp;
extern const struct ps_proto ps_proto_iperror;
extern const struct ps_proto ps_proto_tcperror;
extern const struct ps_proto ps_proto_udperror;
extern const struct ps_proto ps_proto_icmperror;
extern const struct ps_proto ps_proto_raw;
extern const struct ps_proto ps_proto_padding;

extern const struct ps_proto ps_ipopt_generic;
extern const struct ps_proto ps_ipopt_eol;
extern const struct ps_proto ps_ipopt_nop;
extern const struct ps_proto ps_ipopt_security;
extern const struct ps_proto ps_ipopt_lsrr;
extern const struct ps_proto ps_ipopt_rr;
extern const struct ps_proto ps_ipopt_ssrr;
extern const struct ps_proto ps_ipopt_timestamp;
extern const struct ps_proto ps_ipopt_stream_id;
extern const struct ps_proto ps_ipopt_mtu_probe;
extern const struct ps_proto ps_ipopt_mtu_reply;
extern const struct ps_proto ps_ipopt_traceroute;
extern const struct ps_proto ps_ipopt_address_extension;
extern const struct ps_proto ps_ipopt_router_alert;
extern const struct ps_proto ps_ipopt_sdbm;

/* IPv6 and its extension headers (ipv6.c) */
extern const struct ps_proto ps_proto_ipv6;
extern const struct ps_proto ps_proto_iperror6;
extern const struct ps_proto ps_proto_ipv6_hop_by_hop;
extern const struct ps_proto ps_proto_ipv6_dest_opt;
extern const struct ps_proto ps_proto_ipv6_routing;
extern const struct ps_proto ps_proto_ipv6_fragment;
extern const struct ps_proto ps_proto_hbhopt_unknown;
extern const struct ps_proto ps_proto_pad1;
extern const struct ps_proto ps_proto_padn;
extern const struct ps_proto ps_proto_router_alert;
extern const struct ps_proto ps_proto_jumbo;
extern const struct ps_proto ps_proto_hao;
extern const struct ps_enum ps_ipv6_nh[];

/* ICMPv6 (icmpv6.c) and neighbour discovery (icmpv6_nd.c) */
/* Scapy's overload of IPv6.dst to all-nodes (ff02::1) or all-routers (ff02::2). */
extern const struct ps_addr_bind ps_icmpv6_to_all_nodes[];
extern const struct ps_addr_bind ps_icmpv6_to_all_routers[];
extern const struct ps_proto ps_proto_icmpv6_unknown;
extern const struct ps_proto ps_proto_icmpv6_dest_unreach;
extern const struct ps_proto ps_proto_icmpv6_packet_too_big;
extern const struct ps_proto ps_proto_icmpv6_time_exceeded;
extern const struct ps_proto ps_proto_icmpv6_param_problem;
extern const struct ps_proto ps_proto_icmpv6_echo_request;
extern const struct ps_proto ps_proto_icmpv6_echo_reply;
extern const struct ps_proto ps_proto_icmpv6_ml_query;
extern const struct ps_proto ps_proto_icmpv6_ml_report;
extern const struct ps_proto ps_proto_icmpv6_ml_done;
extern const struct ps_proto ps_proto_icmpv6_nd_rs;
extern const struct ps_proto ps_proto_icmpv6_nd_ra;
extern const struct ps_proto ps_proto_icmpv6_nd_ns;
extern const struct ps_proto ps_proto_icmpv6_nd_na;
extern const struct ps_proto ps_proto_icmpv6_nd_redirect;
extern const struct ps_proto ps_proto_icmpv6_ndopt_unknown;
extern const struct ps_proto ps_proto_icmpv6_ndopt_src_lladdr;
extern const struct ps_proto ps_proto_icmpv6_ndopt_dst_lladdr;
extern const struct ps_proto ps_proto_icmpv6_ndopt_prefix_info;
extern const struct ps_proto ps_proto_icmpv6_ndopt_mtu;
extern const struct ps_proto ps_proto_icmpv6_ndopt_rdnss;
extern const struct ps_enum ps_icmpv6_types[];
/* What ICMPv6 classes share: the checksum (_ICMPv6.post_build), and the
 * options that follow a neighbour discovery message (by their type). */
void ps_icmpv6_post_build(struct ps_build *b, size_t idx);
const char *ps_icmpv6_nd_payload(const struct ps_layer *l);
/* sr() matching (ipv6_match.c): Scapy's IPv6 and IPerror6 hashret/answers,
 * _ICMPv6.answers (a message quoted in an error, by type and code), and
 * isinstance(p, _ICMPv6) for the message classes (not the ND options). */
size_t ps_ipv6_hashret(const struct ps_packet *pkt, size_t idx, struct ps_hash *h);
enum ps_answer ps_ipv6_answers(const struct ps_packet *reply, size_t *r,
                               const struct ps_packet *query, size_t *q);
enum ps_answer ps_iperror6_answers(const struct ps_packet *reply, size_t *r,
                                   const struct ps_packet *query, size_t *q);
enum ps_answer ps_icmpv6_answers(const struct ps_packet *reply, size_t *r,
                                 const struct ps_packet *query, size_t *q);
bool ps_is_icmpv6(const struct ps_proto *p);

/* DNS (dns.c) */
extern const struct ps_proto ps_proto_dns;
extern const struct ps_proto ps_proto_dnsqr;
extern const struct ps_proto ps_proto_dnsrr;
extern const struct ps_proto ps_proto_dnsrr_mx;
extern const struct ps_proto ps_proto_dnsrr_soa;
extern const struct ps_proto ps_proto_dnsrr_srv;
extern const struct ps_proto ps_proto_dnsrr_ds;
extern const struct ps_proto ps_proto_dnsrr_dnskey;
extern const struct ps_proto ps_proto_dnsrr_rrsig;
extern const struct ps_proto ps_proto_dnsrr_nsec;

/* Tunnels and tags (gre.c, vxlan.c, dot1ad.c) */
extern const struct ps_proto ps_proto_gre;
extern const struct ps_proto ps_proto_gre_pptp;
extern const struct ps_proto ps_proto_gre_routing;
extern const struct ps_proto ps_proto_vxlan;
extern const struct ps_proto ps_proto_dot1ad;
/* Dot1Q.default_payload_class, which Dot1AD inherits: LLC under a type of
 * 1500 or less (dot1q.c). */
const char *ps_dot1q_guess_payload(const struct ps_layer *l);
/* 802.3, LLC and SNAP (dot3.c), RIP (rip.c), PPP and HDLC (ppp.c) */
extern const struct ps_proto ps_proto_dot3;
extern const struct ps_proto ps_proto_llc;
extern const struct ps_proto ps_proto_snap;
extern const struct ps_proto ps_proto_rip;
extern const struct ps_proto ps_proto_rip_entry;
extern const struct ps_proto ps_proto_ppp;
extern const struct ps_proto ps_proto_hdlc;

/* Capture link headers: Linux cooked v1 and v2 (cooked.c), BSD loopback
 * (loopback.c) */
extern const struct ps_proto ps_proto_cooked_linux;
extern const struct ps_proto ps_proto_cooked_linux_v2;
extern const struct ps_proto ps_proto_loopback;
/* Dot1Q.answers, which Dot1AD inherits (dot1q.c). */
enum ps_answer ps_dot1q_answers(const struct ps_packet *reply, size_t *r,
                                const struct ps_packet *query, size_t *q);

/* issue 16: AH and ESP (ipsec.c) */
extern const struct ps_proto ps_proto_ah;
extern const struct ps_proto ps_proto_esp;
/* issue 16: IGMP v1/v2 and v3 (igmp.c) */
extern const struct ps_proto ps_proto_igmp;
extern const struct ps_proto ps_proto_igmpv3;
extern const struct ps_proto ps_proto_igmpv3mq;
extern const struct ps_proto ps_proto_igmpv3mr;
extern const struct ps_proto ps_proto_igmpv3gr;
extern const struct ps_proto ps_proto_igmpv3mra;
/* issue 16: MLDv2 (mldv2.c) */
extern const struct ps_proto ps_proto_icmpv6_ml_query2;
extern const struct ps_proto ps_proto_icmpv6_ml_report2;
extern const struct ps_proto ps_proto_icmpv6_mld_mult_addr_rec;
/* issue 16: ND options (icmpv6_ndopt_more.c) */
extern const struct ps_proto ps_proto_icmpv6_ndopt_route_info;
extern const struct ps_proto ps_proto_icmpv6_ndopt_shortcut_limit;
extern const struct ps_proto ps_proto_icmpv6_ndopt_adv_interval;
extern const struct ps_proto ps_proto_icmpv6_ndopt_ha_info;
extern const struct ps_proto ps_proto_icmpv6_ndopt_ip_addr;
extern const struct ps_proto ps_proto_icmpv6_ndopt_new_rtr_prefix;
extern const struct ps_proto ps_proto_icmpv6_ndopt_lla;
extern const struct ps_proto ps_proto_icmpv6_ndopt_map;
extern const struct ps_proto ps_proto_icmpv6_ndopt_efa;
extern const struct ps_proto ps_proto_icmpv6_ndopt_dnssl;
/* _rfc4068_lla_optcode (ICMPv6NDOptLLA; MIP6OptLLAddr too) */
extern const struct ps_enum ps_rfc4068_lla_codes[];
/* issue 16, layer 2 and first-hop redundancy (stp.c, vrrp.c, hsrp.c, lldp.c) */
extern const struct ps_proto ps_proto_stp;
extern const struct ps_proto ps_proto_vrrp;
extern const struct ps_proto ps_proto_vrrpv3;
extern const struct ps_proto ps_proto_hsrp;
extern const struct ps_proto ps_proto_hsrp_md5;
extern const struct ps_proto ps_proto_lldpdu;
extern const struct ps_proto ps_proto_lldpdu_chassis_id;
extern const struct ps_proto ps_proto_lldpdu_port_id;
extern const struct ps_proto ps_proto_lldpdu_ttl;
extern const struct ps_proto ps_proto_lldpdu_end;
extern const struct ps_proto ps_proto_lldpdu_port_description;
extern const struct ps_proto ps_proto_lldpdu_system_name;
extern const struct ps_proto ps_proto_lldpdu_system_description;
extern const struct ps_proto ps_proto_lldpdu_system_capabilities;
extern const struct ps_proto ps_proto_lldpdu_management_address;
extern const struct ps_proto ps_proto_lldpdu_org_specific;
/* BOOTP and DHCP (dhcp.c, dhcp_options.c); HARDWARE_TYPES (arp.c) */
extern const struct ps_proto ps_proto_bootp;
extern const struct ps_proto ps_proto_dhcp;
extern const struct ps_enum ps_hardware_types[];
/* MPLS and EoMCW (mpls.c) */
extern const struct ps_proto ps_proto_mpls;
extern const struct ps_proto ps_proto_eomcw;
/* Geneve and its options (geneve.c) */
extern const struct ps_proto ps_proto_geneve;
extern const struct ps_proto ps_proto_geneve_options;

/* issue 16: IPv6 segment routing (ipv6_srh.c), Mobile IPv6 (mip6.c,
 * mip6_opts.c), ICMPv6 node information (icmpv6_ni.c) */
extern const struct ps_proto ps_proto_ipv6_srh;
extern const struct ps_proto ps_proto_ipv6_srh_tlv;
extern const struct ps_proto ps_proto_ipv6_srh_tlv_ingress;
extern const struct ps_proto ps_proto_ipv6_srh_tlv_egress;
extern const struct ps_proto ps_proto_ipv6_srh_tlv_pad1;
extern const struct ps_proto ps_proto_ipv6_srh_tlv_padn;
extern const struct ps_proto ps_proto_ipv6_srh_tlv_hmac;
/* _IPv6GuessPayload of an extension header (its nh is its first field),
 * a guess_payload_from hook (ipv6.c). */
const char *ps_ip6_ext_payload(const struct ps_layer *l, const struct ps_layer *under,
                               const uint8_t *p, size_t len);
/* The segment routing header's first address (addresses[0], its default
 * ::1), NULL when it has none; the same when it has segments left, else
 * NULL: the final destination in6_chksum takes. */
const uint8_t *ps_srh_first(const struct ps_layer *l);
const uint8_t *ps_srh_final(const struct ps_layer *l);
/* ICMPv6 node information (icmpv6_ni.c), and _niquery_guesser: the class
 * of a type 139 or 140 message, Raw for what Scapy has none for. */
extern const struct ps_proto ps_proto_icmpv6_ni_query_noop;
extern const struct ps_proto ps_proto_icmpv6_ni_query_name;
extern const struct ps_proto ps_proto_icmpv6_ni_query_ipv6;
extern const struct ps_proto ps_proto_icmpv6_ni_query_ipv4;
extern const struct ps_proto ps_proto_icmpv6_ni_reply_noop;
extern const struct ps_proto ps_proto_icmpv6_ni_reply_name;
extern const struct ps_proto ps_proto_icmpv6_ni_reply_ipv6;
extern const struct ps_proto ps_proto_icmpv6_ni_reply_ipv4;
extern const struct ps_proto ps_proto_icmpv6_ni_reply_refuse;
extern const struct ps_proto ps_proto_icmpv6_ni_reply_unknown;
const char *ps_icmpv6_ni_class(const uint8_t *p, size_t len);
/* _mip6_mhtype2cls: the mobility header class of a type (mip6.c). */
const char *ps_mip6_class(uint8_t mhtype);
extern const struct ps_proto ps_proto_mip6mh_generic;
extern const struct ps_proto ps_proto_mip6mh_brr;
extern const struct ps_proto ps_proto_mip6mh_hoti;
extern const struct ps_proto ps_proto_mip6mh_coti;
extern const struct ps_proto ps_proto_mip6mh_hot;
extern const struct ps_proto ps_proto_mip6mh_cot;
extern const struct ps_proto ps_proto_mip6mh_bu;
extern const struct ps_proto ps_proto_mip6mh_ba;
extern const struct ps_proto ps_proto_mip6mh_be;
/* The mobility options (mip6_opts.c) */
extern const struct ps_proto ps_proto_mip6opt_unknown;
extern const struct ps_proto ps_proto_mip6opt_br_advice;
extern const struct ps_proto ps_proto_mip6opt_alt_coa;
extern const struct ps_proto ps_proto_mip6opt_nonce_indices;
extern const struct ps_proto ps_proto_mip6opt_binding_auth_data;
extern const struct ps_proto ps_proto_mip6opt_mob_net_prefix;
extern const struct ps_proto ps_proto_mip6opt_ll_addr;
extern const struct ps_proto ps_proto_mip6opt_mnid;
extern const struct ps_proto ps_proto_mip6opt_msg_auth;
extern const struct ps_proto ps_proto_mip6opt_replay_protection;
extern const struct ps_proto ps_proto_mip6opt_cga_params_req;
extern const struct ps_proto ps_proto_mip6opt_cga_params;
extern const struct ps_proto ps_proto_mip6opt_signature;
extern const struct ps_proto ps_proto_mip6opt_home_keygen_token;
extern const struct ps_proto ps_proto_mip6opt_care_of_test_init;
extern const struct ps_proto ps_proto_mip6opt_care_of_test;
/* _MIP6OptAlign's x and y of a mobility option class (false: not one). */
bool ps_mip6_option_align(const struct ps_proto *p, unsigned *x, unsigned *y);
/* _OptionsField.i2m's autopad at offset pos of the header: the Pad1 or
 * PadN option `next` needs before it for its alignment (hop-by-hop and
 * mobility options), or, next NULL, the padding to a multiple of 8 bytes;
 * into pad, its length returned (ipv6.c). A pad_before hook's body. */
size_t ps_ip6_option_pad(const struct ps_proto *next, size_t pos, uint8_t pad[16]);
/* _PhantomAutoPadField (autopad): no bits on the wire, printed On or Off. */
uint8_t ps_phantom_bits(const struct ps_layer *l);
int ps_on_off_repr(const struct ps_fval *v, char *out, size_t cap);

#define PS_NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

/* The RFC 1071 sum of the IPv4 pseudo-header for the upper-layer segment
 * of layer l4 (which must sit right on the IP layer l4 - 1), as Scapy's
 * in4_pseudoheader builds it: the length is IP.len - 4*ihl when the spec gave
 * IP.len, and the destination is the last hop of a lone source route. */
uint32_t ps_ip_pseudo_sum(const struct ps_build *b, size_t l4, uint8_t proto);
/* Whether layer idx sits on an IP layer. */
bool ps_on_ip(const struct ps_build *b, size_t idx);
/* Whether l is an ICMP (or ICMPerror) error that quotes a datagram
 * (types 3, 4, 5, 11, 12): sr() matches it by what it quotes. */
bool ps_icmp_quotes(const struct ps_layer *l);

/* The checksum of the upper-layer segment of layer l4 over IPv6 (Scapy's
 * in6_chksum): the pseudo-header of the IPv6 (or IPerror6) below it, past
 * any extension headers, with the final address of a routing header that
 * has hops left and the home address of a lone HAO option. False, *ck 0,
 * when there is no IPv6 below. */
bool ps_ip6_checksum(const struct ps_build *b, size_t l4, uint8_t nh, uint16_t *ck);
/* IP6ListField.i2repr of an ipv6_list field: "[ a, b ]". A `repr` hook. */
int ps_ip6_list_repr(const struct ps_fval *v, char *out, size_t cap);
/* Whether layer idx sits on an IPv6 layer or an extension header. */
bool ps_on_ip6(const struct ps_build *b, size_t idx);
/* TCP's and UDP's checksum: over IPv4 with ps_ip_pseudo_sum, over IPv6 (or
 * an extension header) with ps_ip6_checksum. False when the layer sits on
 * neither, where Scapy leaves the field alone. */
bool ps_l4_checksum(const struct ps_build *b, size_t l4, uint8_t proto, uint16_t *ck);

/* StrFixedLenField.i2repr: the string without its trailing \0 bytes. A
 * `repr` hook (arp.c). */
int ps_strfixed_repr(const struct ps_fval *v, char *out, size_t cap);

/* Big-endian helpers for post_build hooks. */
static inline uint16_t ps_get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}
static inline void ps_put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}
static inline uint32_t ps_get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline void ps_put32(uint8_t *p, uint32_t v)
{
    ps_put16(p, (uint16_t)(v >> 16));
    ps_put16(p + 2, (uint16_t)v);
}

/* "<NAME> %IP.src%:%NAME.sport% > %IP.dst%:%NAME.dport%" (udp.c): UDP's and
 * TCP's mysummary. */
void ps_put_ports(struct ps_strbuf *b, const struct ps_packet *pkt, size_t idx, const char *name);

#endif
