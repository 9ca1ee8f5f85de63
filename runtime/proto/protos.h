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
/* SCTP, its chunks and their parameters (sctp.c, sctp_chunks.c, sctp_params.c) */
extern const struct ps_proto ps_proto_sctp;
extern const struct ps_proto ps_proto_sctperror;
extern const struct ps_proto ps_proto_sctp_chunk_data;
extern const struct ps_proto ps_proto_sctp_chunk_init;
extern const struct ps_proto ps_proto_sctp_chunk_init_ack;
extern const struct ps_proto ps_proto_sctp_chunk_sack;
extern const struct ps_proto ps_proto_sctp_chunk_heartbeat_req;
extern const struct ps_proto ps_proto_sctp_chunk_heartbeat_ack;
extern const struct ps_proto ps_proto_sctp_chunk_abort;
extern const struct ps_proto ps_proto_sctp_chunk_shutdown;
extern const struct ps_proto ps_proto_sctp_chunk_shutdown_ack;
extern const struct ps_proto ps_proto_sctp_chunk_error;
extern const struct ps_proto ps_proto_sctp_chunk_cookie_echo;
extern const struct ps_proto ps_proto_sctp_chunk_cookie_ack;
extern const struct ps_proto ps_proto_sctp_chunk_shutdown_complete;
extern const struct ps_proto ps_proto_sctp_chunk_authentication;
extern const struct ps_proto ps_proto_sctp_chunk_address_conf;
extern const struct ps_proto ps_proto_sctp_chunk_address_conf_ack;
extern const struct ps_proto ps_proto_sctp_param_heartbeat_info;
extern const struct ps_proto ps_proto_sctp_param_ipv4;
extern const struct ps_proto ps_proto_sctp_param_ipv6;
extern const struct ps_proto ps_proto_sctp_param_state_cookie;
extern const struct ps_proto ps_proto_sctp_param_unrecognized;
extern const struct ps_proto ps_proto_sctp_param_cookie_preservative;
extern const struct ps_proto ps_proto_sctp_param_hostname;
extern const struct ps_proto ps_proto_sctp_param_supported_addr_types;
extern const struct ps_proto ps_proto_sctp_param_ecn_capable;
extern const struct ps_proto ps_proto_sctp_param_random;
extern const struct ps_proto ps_proto_sctp_param_chunk_list;
extern const struct ps_proto ps_proto_sctp_param_requested_hmac;
extern const struct ps_proto ps_proto_sctp_param_supported_extensions;
extern const struct ps_proto ps_proto_sctp_param_fwd_tsn;
extern const struct ps_proto ps_proto_sctp_param_add_ip;
extern const struct ps_proto ps_proto_sctp_param_del_ip;
extern const struct ps_proto ps_proto_sctp_param_error_indication;
extern const struct ps_proto ps_proto_sctp_param_set_primary;
extern const struct ps_proto ps_proto_sctp_param_success_indication;
extern const struct ps_proto ps_proto_sctp_param_adaptation_layer;

/* RadioTap and 802.11 (radiotap.c, dot11.c, dot11_mgmt.c, dot11_elt.c,
 * dot11_crypt.c) */
extern const struct ps_proto ps_proto_radiotap;
extern const struct ps_proto ps_proto_radiotap_ext;
extern const struct ps_proto ps_proto_dot11;
extern const struct ps_proto ps_proto_dot11_fcs;
extern const struct ps_proto ps_proto_dot11_qos;
extern const struct ps_proto ps_proto_dot11_beacon;
extern const struct ps_proto ps_proto_dot11_atim;
extern const struct ps_proto ps_proto_dot11_disas;
extern const struct ps_proto ps_proto_dot11_assoreq;
extern const struct ps_proto ps_proto_dot11_assoresp;
extern const struct ps_proto ps_proto_dot11_reassoreq;
extern const struct ps_proto ps_proto_dot11_reassoresp;
extern const struct ps_proto ps_proto_dot11_probereq;
extern const struct ps_proto ps_proto_dot11_proberesp;
extern const struct ps_proto ps_proto_dot11_auth;
extern const struct ps_proto ps_proto_dot11_deauth;
extern const struct ps_proto ps_proto_dot11_ack;
extern const struct ps_proto ps_proto_dot11_elt;
extern const struct ps_proto ps_proto_dot11_elt_rates;
extern const struct ps_proto ps_proto_dot11_elt_dssset;
extern const struct ps_proto ps_proto_dot11_elt_erp;
extern const struct ps_proto ps_proto_dot11_elt_vendor;
extern const struct ps_proto ps_proto_dot11_encrypted;
extern const struct ps_proto ps_proto_dot11_wep;
extern const struct ps_proto ps_proto_dot11_tkip;
extern const struct ps_proto ps_proto_dot11_ccmp;
/* 802.11 elements of issue 16 (dot11_rsn.c, dot11_country.c, dot11_ht.c) */
extern const struct ps_proto ps_proto_dot11_elt_rsn;
extern const struct ps_proto ps_proto_rsn_cipher_suite;
extern const struct ps_proto ps_proto_akm_suite;
extern const struct ps_proto ps_proto_pmkid_list;
extern const struct ps_proto ps_proto_dot11_elt_msft_wpa;
extern const struct ps_proto ps_proto_dot11_elt_country;
extern const struct ps_proto ps_proto_dot11_elt_country_triplet;
extern const struct ps_proto ps_proto_dot11_elt_ht;
extern const struct ps_proto ps_proto_radiotap_tlv; /* radiotap_tlv.c */
/* One RadioTapTLV's bytes into out (NULL: counts); -1 when cap is short. */
long ps_radiotap_tlv_put(const struct ps_layer *e, uint8_t *out, size_t cap);
/* issue 16: DHCPv6 messages, DUIDs and options (dhcp6.c, dhcp6_options.c) */
extern const struct ps_proto ps_proto_dhcp6;
extern const struct ps_proto ps_proto_dhcp6_solicit;
extern const struct ps_proto ps_proto_dhcp6_advertise;
extern const struct ps_proto ps_proto_dhcp6_request;
extern const struct ps_proto ps_proto_dhcp6_confirm;
extern const struct ps_proto ps_proto_dhcp6_renew;
extern const struct ps_proto ps_proto_dhcp6_rebind;
extern const struct ps_proto ps_proto_dhcp6_reply;
extern const struct ps_proto ps_proto_dhcp6_release;
extern const struct ps_proto ps_proto_dhcp6_decline;
extern const struct ps_proto ps_proto_dhcp6_reconf;
extern const struct ps_proto ps_proto_dhcp6_inforequest;
extern const struct ps_proto ps_proto_dhcp6_relayforward;
extern const struct ps_proto ps_proto_dhcp6_relayreply;
extern const struct ps_proto ps_proto_duid_llt;
extern const struct ps_proto ps_proto_duid_en;
extern const struct ps_proto ps_proto_duid_ll;
extern const struct ps_proto ps_proto_duid_uuid;
extern const struct ps_proto ps_proto_dhcp6opt_unknown;
extern const struct ps_proto ps_proto_dhcp6opt_clientid;
extern const struct ps_proto ps_proto_dhcp6opt_serverid;
extern const struct ps_proto ps_proto_dhcp6opt_iaaddress;
extern const struct ps_proto ps_proto_dhcp6opt_ia_na;
extern const struct ps_proto ps_proto_dhcp6opt_ia_ta;
extern const struct ps_proto ps_proto_dhcp6opt_optreq;
extern const struct ps_proto ps_proto_dhcp6opt_pref;
extern const struct ps_proto ps_proto_dhcp6opt_elapsedtime;
extern const struct ps_proto ps_proto_dhcp6opt_relaymsg;
extern const struct ps_proto ps_proto_dhcp6opt_auth;
extern const struct ps_proto ps_proto_dhcp6opt_serverunicast;
extern const struct ps_proto ps_proto_dhcp6opt_statuscode;
extern const struct ps_proto ps_proto_dhcp6opt_rapidcommit;
extern const struct ps_proto ps_proto_dhcp6opt_userclass;
extern const struct ps_proto ps_proto_dhcp6opt_vendorclass;
extern const struct ps_proto ps_proto_dhcp6opt_vendorspecificinfo;
extern const struct ps_proto ps_proto_dhcp6opt_ifaceid;
extern const struct ps_proto ps_proto_dhcp6opt_reconfmsg;
extern const struct ps_proto ps_proto_dhcp6opt_reconfaccept;
extern const struct ps_proto ps_proto_dhcp6opt_sipdomains;
extern const struct ps_proto ps_proto_dhcp6opt_sipservers;
extern const struct ps_proto ps_proto_dhcp6opt_dnsservers;
extern const struct ps_proto ps_proto_dhcp6opt_dnsdomains;
extern const struct ps_proto ps_proto_dhcp6opt_ia_pd;
extern const struct ps_proto ps_proto_dhcp6opt_iaprefix;
extern const struct ps_proto ps_proto_dhcp6opt_nisservers;
extern const struct ps_proto ps_proto_dhcp6opt_nispservers;
extern const struct ps_proto ps_proto_dhcp6opt_nisdomain;
extern const struct ps_proto ps_proto_dhcp6opt_nispdomain;
extern const struct ps_proto ps_proto_dhcp6opt_sntpservers;
extern const struct ps_proto ps_proto_dhcp6opt_inforefreshtime;
extern const struct ps_proto ps_proto_dhcp6opt_bcmcsdomains;
extern const struct ps_proto ps_proto_dhcp6opt_bcmcsservers;
extern const struct ps_proto ps_proto_dhcp6opt_remoteid;
extern const struct ps_proto ps_proto_dhcp6opt_subscriberid;
extern const struct ps_proto ps_proto_dhcp6opt_clientfqdn;
extern const struct ps_proto ps_proto_dhcp6opt_panaauthagent;
extern const struct ps_proto ps_proto_dhcp6opt_newposixtimezone;
extern const struct ps_proto ps_proto_dhcp6opt_newtzdbtimezone;
extern const struct ps_proto ps_proto_dhcp6opt_relayagentero;
extern const struct ps_proto ps_proto_dhcp6opt_lqclientlink;
extern const struct ps_proto ps_proto_dhcp6opt_bootfileurl;
extern const struct ps_proto ps_proto_dhcp6opt_clientarchtype;
extern const struct ps_proto ps_proto_dhcp6opt_clientnetworkinterid;
extern const struct ps_proto ps_proto_dhcp6opt_erpdomain;
extern const struct ps_proto ps_proto_dhcp6opt_relaysuppliedopt;
extern const struct ps_proto ps_proto_dhcp6opt_vss;
extern const struct ps_proto ps_proto_dhcp6opt_clientlinklayeraddr;
extern const struct ps_proto ps_proto_dhcp6opt_mudurl;
extern const struct ps_proto ps_proto_dhcp6_user_class_data;
extern const struct ps_proto ps_proto_dhcp6_vendor_class_data;
extern const struct ps_proto ps_proto_dhcp6_vendor_specific_option;
/* IANA_ENTERPRISE_NUMBERS as Scapy 2.5 has them (dhcp6.c) */
extern const struct ps_enum ps_iana_enterprise_numbers[];
/* ISAKMP (isakmp.c) */
extern const struct ps_proto ps_proto_isakmp;
extern const struct ps_proto ps_proto_isakmp_payload;
extern const struct ps_proto ps_proto_isakmp_sa;
extern const struct ps_proto ps_proto_isakmp_proposal;
extern const struct ps_proto ps_proto_isakmp_transform;
extern const struct ps_proto ps_proto_isakmp_ke;
extern const struct ps_proto ps_proto_isakmp_id;
extern const struct ps_proto ps_proto_isakmp_hash;
extern const struct ps_proto ps_proto_isakmp_nonce;
extern const struct ps_proto ps_proto_isakmp_vendor_id;
/* DNS EDNS0 and NSEC3 (dns.c, dns_edns.c) */
extern const struct ps_proto ps_proto_dnsrr_opt;
extern const struct ps_proto ps_proto_edns0_tlv;
extern const struct ps_proto ps_proto_dnsrr_nsec3;
extern const struct ps_proto ps_proto_dnsrr_nsec3param;
/* issue 16: RIP authentication (rip.c); NTP (ntp.c, ntp_ext.c, ntp_private.c,
 * ntp_private_data.c): the classes, the modes' names, the UDP 123
 * bindings for building, NTP.mysummary, and the reprs of Scapy's
 * FixedPointField (16 fraction bits), TimeStampField and XStrFixedLenField */
extern const struct ps_proto ps_proto_rip_auth;
extern const struct ps_proto ps_proto_ntp_header;
extern const struct ps_proto ps_proto_ntp_authenticator;
extern const struct ps_proto ps_proto_ntp_extensions;
extern const struct ps_proto ps_proto_ntp_extension;
extern const struct ps_proto ps_proto_packet;
extern const struct ps_proto ps_proto_ntp_private;
extern const struct ps_proto ps_proto_ntp_private_req_packet;
extern const struct ps_proto ps_proto_ntp_private_pkt_tail;
extern const struct ps_proto ps_proto_ntp_info_peer_list;
extern const struct ps_proto ps_proto_ntp_info_peer_summary;
extern const struct ps_proto ps_proto_ntp_info_peer_stats;
extern const struct ps_proto ps_proto_ntp_info_loop;
extern const struct ps_proto ps_proto_ntp_info_sys;
extern const struct ps_proto ps_proto_ntp_info_sys_stats;
extern const struct ps_proto ps_proto_ntp_info_io_stats;
extern const struct ps_proto ps_proto_ntp_info_timer_stats;
extern const struct ps_proto ps_proto_ntp_conf_peer;
extern const struct ps_proto ps_proto_ntp_conf_unpeer;
extern const struct ps_proto ps_proto_ntp_conf_restrict;
extern const struct ps_proto ps_proto_ntp_info_kernel;
extern const struct ps_proto ps_proto_ntp_info_monitor1;
extern const struct ps_proto ps_proto_ntp_info_auth;
extern const struct ps_proto ps_proto_ntp_conf_trap;
extern const struct ps_proto ps_proto_ntp_info_control;
extern const struct ps_enum ps_ntp_modes[];
extern const struct ps_bind ps_ntp_build_binds[];
int ps_ntp_summary(const struct ps_packet *pkt, size_t idx, char *out, size_t cap);
int ps_ntp_fixed16_repr(const struct ps_fval *v, char *out, size_t cap);
int ps_ntp_timestamp_repr(const struct ps_fval *v, char *out, size_t cap);
int ps_ntp_timestamp_text(const struct ps_fval *v, char *out, size_t cap);
int ps_ntp_hex_repr(const struct ps_fval *v, char *out, size_t cap);
/* issue 16: RADIUS and its attributes (radius.c), EAP (eap.c), NetBIOS
 * (netbios.c), SMB's header (smb.c) */
extern const struct ps_proto ps_proto_radius;
extern const struct ps_proto ps_proto_radius_attribute;
extern const struct ps_proto ps_proto_radius_user_name;
extern const struct ps_proto ps_proto_radius_nas_port;
extern const struct ps_proto ps_proto_radius_framed_mtu;
extern const struct ps_proto ps_proto_radius_login_tcp_port;
extern const struct ps_proto ps_proto_radius_session_timeout;
extern const struct ps_proto ps_proto_radius_idle_timeout;
extern const struct ps_proto ps_proto_radius_framed_appletalk_link;
extern const struct ps_proto ps_proto_radius_framed_appletalk_network;
extern const struct ps_proto ps_proto_radius_acct_delay_time;
extern const struct ps_proto ps_proto_radius_acct_input_octets;
extern const struct ps_proto ps_proto_radius_acct_output_octets;
extern const struct ps_proto ps_proto_radius_acct_session_time;
extern const struct ps_proto ps_proto_radius_acct_input_packets;
extern const struct ps_proto ps_proto_radius_acct_output_packets;
extern const struct ps_proto ps_proto_radius_acct_link_count;
extern const struct ps_proto ps_proto_radius_acct_input_gigawords;
extern const struct ps_proto ps_proto_radius_acct_output_gigawords;
extern const struct ps_proto ps_proto_radius_egress_vlanid;
extern const struct ps_proto ps_proto_radius_port_limit;
extern const struct ps_proto ps_proto_radius_arap_security;
extern const struct ps_proto ps_proto_radius_password_retry;
extern const struct ps_proto ps_proto_radius_tunnel_preference;
extern const struct ps_proto ps_proto_radius_acct_interim_interval;
extern const struct ps_proto ps_proto_radius_acct_tunnel_packets_lost;
extern const struct ps_proto ps_proto_radius_management_privilege_level;
extern const struct ps_proto ps_proto_radius_mobility_domain_id;
extern const struct ps_proto ps_proto_radius_preauth_timeout;
extern const struct ps_proto ps_proto_radius_wlan_venue_info;
extern const struct ps_proto ps_proto_radius_wlan_reason_code;
extern const struct ps_proto ps_proto_radius_wlan_pairwise_cipher;
extern const struct ps_proto ps_proto_radius_wlan_group_cipher;
extern const struct ps_proto ps_proto_radius_wlan_akm_suite;
extern const struct ps_proto ps_proto_radius_wlan_group_mgmt_cipher;
extern const struct ps_proto ps_proto_radius_wlan_rf_band;
extern const struct ps_proto ps_proto_radius_user_password;
extern const struct ps_proto ps_proto_radius_state;
extern const struct ps_proto ps_proto_radius_message_authenticator;
extern const struct ps_proto ps_proto_radius_nas_ip_address;
extern const struct ps_proto ps_proto_radius_framed_ip_address;
extern const struct ps_proto ps_proto_radius_framed_ip_netmask;
extern const struct ps_proto ps_proto_radius_login_ip_host;
extern const struct ps_proto ps_proto_radius_framed_ipx_network;
extern const struct ps_proto ps_proto_radius_pmip6_home_lma_ipv4_address;
extern const struct ps_proto ps_proto_radius_pmip6_visited_lma_ipv4_address;
extern const struct ps_proto ps_proto_radius_pmip6_home_dhcp4_server_address;
extern const struct ps_proto ps_proto_radius_pmip6_visited_dhcp4_server_address;
extern const struct ps_proto ps_proto_radius_pmip6_home_ipv4_gateway;
extern const struct ps_proto ps_proto_radius_pmip6_visited_ipv4_gateway;
extern const struct ps_proto ps_proto_radius_service_type;
extern const struct ps_proto ps_proto_radius_framed_protocol;
extern const struct ps_proto ps_proto_radius_acct_status_type;
extern const struct ps_proto ps_proto_radius_acct_authentic;
extern const struct ps_proto ps_proto_radius_acct_terminate_cause;
extern const struct ps_proto ps_proto_radius_nas_port_type;
extern const struct ps_proto ps_proto_radius_eap_message;
extern const struct ps_proto ps_proto_radius_vendor_specific;
extern const struct ps_proto ps_proto_eap;
extern const struct ps_proto ps_proto_eap_md5;
extern const struct ps_proto ps_proto_eap_tls;
extern const struct ps_proto ps_proto_eap_ttls;
extern const struct ps_proto ps_proto_eap_peap;
extern const struct ps_proto ps_proto_eap_fast;
extern const struct ps_proto ps_proto_leap;
extern const struct ps_proto ps_proto_nbns_header;
extern const struct ps_proto ps_proto_nbns_query_request;
extern const struct ps_proto ps_proto_nbns_node_status_request;
extern const struct ps_proto ps_proto_nbns_add_entry;
extern const struct ps_proto ps_proto_nbns_query_response;
extern const struct ps_proto ps_proto_nbns_node_status_response_service;
extern const struct ps_proto ps_proto_nbns_node_status_response;
extern const struct ps_proto ps_proto_nbns_registration_request;
extern const struct ps_proto ps_proto_nbns_wack_response;
extern const struct ps_proto ps_proto_nbt_datagram;
extern const struct ps_proto ps_proto_netbios_ds;
extern const struct ps_proto ps_proto_nbt_session;
extern const struct ps_proto ps_proto_smb_header;
extern const struct ps_proto ps_proto_smb_negociate_generic;

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
/* issue 16: NTP control messages, mode 6 (ntp_control.c, ntp_control_status.c) */
extern const struct ps_proto ps_proto_ntp_control;
extern const struct ps_proto ps_proto_ntp_status_packet;
extern const struct ps_proto ps_proto_ntp_system_status_packet;
extern const struct ps_proto ps_proto_ntp_peer_status_packet;
extern const struct ps_proto ps_proto_ntp_clock_status_packet;
extern const struct ps_proto ps_proto_ntp_error_status_packet;
extern const struct ps_proto ps_proto_ntp_peer_status_data_packet;
/* issue 16: PPPoE, PPP LCP/PAP/CHAP, PPTP, L2TP */
extern const struct ps_proto ps_proto_pppoe;
extern const struct ps_proto ps_proto_pppoed;
extern const struct ps_proto ps_proto_pppoe_tag;
extern const struct ps_proto ps_proto_pppoed_tags;
extern const struct ps_proto ps_proto_ppp_lcp;
extern const struct ps_proto ps_proto_ppp_lcp_terminate;
extern const struct ps_proto ps_proto_ppp_lcp_option;
extern const struct ps_proto ps_proto_ppp_lcp_mru_option;
extern const struct ps_proto ps_proto_ppp_lcp_accm_option;
extern const struct ps_proto ps_proto_ppp_lcp_auth_protocol_option;
extern const struct ps_proto ps_proto_ppp_lcp_quality_protocol_option;
extern const struct ps_proto ps_proto_ppp_lcp_magic_number_option;
extern const struct ps_proto ps_proto_ppp_lcp_callback_option;
extern const struct ps_proto ps_proto_ppp_lcp_configure;
extern const struct ps_proto ps_proto_ppp_lcp_discard_request;
extern const struct ps_proto ps_proto_ppp_lcp_echo;
extern const struct ps_proto ps_proto_ppp_lcp_code_reject;
extern const struct ps_proto ps_proto_ppp_lcp_protocol_reject;
extern const struct ps_proto ps_proto_ppp_pap;
extern const struct ps_proto ps_proto_ppp_pap_request;
extern const struct ps_proto ps_proto_ppp_pap_response;
extern const struct ps_proto ps_proto_ppp_chap;
extern const struct ps_proto ps_proto_ppp_chap_challenge_response;
extern const struct ps_proto ps_proto_pptp;
extern const struct ps_proto ps_proto_pptp_sccrq;
extern const struct ps_proto ps_proto_pptp_sccrp;
extern const struct ps_proto ps_proto_pptp_stopccrq;
extern const struct ps_proto ps_proto_pptp_stopccrp;
extern const struct ps_proto ps_proto_pptp_echorq;
extern const struct ps_proto ps_proto_pptp_echorp;
extern const struct ps_proto ps_proto_pptp_ocrq;
extern const struct ps_proto ps_proto_pptp_ocrp;
extern const struct ps_proto ps_proto_pptp_icrq;
extern const struct ps_proto ps_proto_pptp_icrp;
extern const struct ps_proto ps_proto_pptp_iccn;
extern const struct ps_proto ps_proto_pptp_ccrq;
extern const struct ps_proto ps_proto_pptp_cdn;
extern const struct ps_proto ps_proto_pptp_wen;
extern const struct ps_proto ps_proto_pptp_sli;
extern const struct ps_proto ps_proto_l2tp;
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
/* session 7, resid: EDNS0 Client Subnet (dns_edns.c) */
extern const struct ps_proto ps_proto_edns0_client_subnet;
extern const struct ps_proto ps_proto_eapol; /* eap.c */
/* tftp.c */
extern const struct ps_proto ps_proto_tftp;
extern const struct ps_proto ps_proto_tftp_rrq;
extern const struct ps_proto ps_proto_tftp_wrq;
extern const struct ps_proto ps_proto_tftp_data;
extern const struct ps_proto ps_proto_tftp_ack;
extern const struct ps_proto ps_proto_tftp_error;
extern const struct ps_proto ps_proto_tftp_oack;
extern const struct ps_proto ps_proto_tftp_options;
extern const struct ps_proto ps_proto_tftp_option;

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
/* An `encode` hook that writes nothing where the field sits: a value another
 * place carries (Dot11FCS's fcs, post_build writes it after the payload) or
 * that shares bytes read by the field before it (RadioTap's L-SIG rate). */
long ps_encode_nothing(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                       size_t cap);
/* A LenField's value when unset (Dot3, EAPOL): len(pkt.payload), which is
 * raw(payload), so the Paddings of the layers above count too. */
size_t ps_lenfield_payload_len(const struct ps_build *b, size_t idx);
/* answers() by ports, for a transport layer whose fields 0 and 1 are sport
 * and dport (TCP, UDP, SCTP): YES when query layer q is `layer` or `error`
 * and its ports are reply layer r's, swapped (a reply: SCTP) or not (the
 * header an ICMP error quotes: TCPerror, UDPerror, SCTPerror). */
enum ps_answer ps_ports_answer(const struct ps_packet *reply, size_t r,
                               const struct ps_packet *query, size_t q,
                               const struct ps_proto *layer, const struct ps_proto *error,
                               bool swapped);

/* StrFixedLenField.i2repr: the string without its trailing \0 bytes. A
 * `repr` hook (arp.c). */
int ps_strfixed_repr(const struct ps_fval *v, char *out, size_t cap);
/* OUIField.i2repr: "Vendor (00:0f:ac)" from the manuf database, else the
 * bare OUI. A `repr` hook (dot3.c). */
int ps_oui_repr(const struct ps_fval *v, char *out, size_t cap);
/* _XStrField.i2repr: the bytes as hex digits, unquoted. A `repr` hook
 * (ipsec.c). */
int ps_xstr_repr(const struct ps_fval *v, char *out, size_t cap);

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
