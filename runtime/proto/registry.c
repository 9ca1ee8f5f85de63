/* The one list of protocols, found by name. */
#include <stdlib.h>
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
    /* issue 16: IPsec (ipsec.c) */
    &ps_proto_ah,
    &ps_proto_esp,
    /* issue 16: IGMP (igmp.c) */
    &ps_proto_igmp,
    &ps_proto_igmpv3,
    &ps_proto_igmpv3mq,
    &ps_proto_igmpv3mr,
    &ps_proto_igmpv3gr,
    &ps_proto_igmpv3mra,
    /* issue 16: MLDv2 (mldv2.c) */
    &ps_proto_icmpv6_ml_query2,
    &ps_proto_icmpv6_ml_report2,
    &ps_proto_icmpv6_mld_mult_addr_rec,
    /* issue 16: ND options (icmpv6_ndopt_more.c) */
    &ps_proto_icmpv6_ndopt_route_info,
    &ps_proto_icmpv6_ndopt_shortcut_limit,
    &ps_proto_icmpv6_ndopt_adv_interval,
    &ps_proto_icmpv6_ndopt_ha_info,
    &ps_proto_icmpv6_ndopt_ip_addr,
    &ps_proto_icmpv6_ndopt_new_rtr_prefix,
    &ps_proto_icmpv6_ndopt_lla,
    &ps_proto_icmpv6_ndopt_map,
    &ps_proto_icmpv6_ndopt_efa,
    &ps_proto_dnsrr_ds,
    &ps_proto_dnsrr_dnskey,
    &ps_proto_dnsrr_rrsig,
    &ps_proto_dnsrr_nsec,
    /* issue 16, layer 2 and first-hop redundancy (stp.c, vrrp.c, hsrp.c, lldp.c) */
    &ps_proto_stp,
    &ps_proto_vrrp,
    &ps_proto_vrrpv3,
    &ps_proto_hsrp,
    &ps_proto_hsrp_md5,
    &ps_proto_lldpdu,
    &ps_proto_lldpdu_chassis_id,
    &ps_proto_lldpdu_port_id,
    &ps_proto_lldpdu_ttl,
    &ps_proto_lldpdu_end,
    &ps_proto_lldpdu_port_description,
    &ps_proto_lldpdu_system_name,
    &ps_proto_lldpdu_system_description,
    &ps_proto_lldpdu_system_capabilities,
    &ps_proto_lldpdu_management_address,
    &ps_proto_lldpdu_org_specific,
    &ps_proto_bootp,
    &ps_proto_dhcp,
    &ps_proto_mpls,
    &ps_proto_eomcw,
    &ps_proto_geneve,
    &ps_proto_geneve_options,
    &ps_proto_radiotap,
    &ps_proto_radiotap_ext,
    &ps_proto_dot11,
    &ps_proto_dot11_fcs,
    &ps_proto_dot11_qos,
    &ps_proto_dot11_beacon,
    &ps_proto_dot11_atim,
    &ps_proto_dot11_disas,
    &ps_proto_dot11_assoreq,
    &ps_proto_dot11_assoresp,
    &ps_proto_dot11_reassoreq,
    &ps_proto_dot11_reassoresp,
    &ps_proto_dot11_probereq,
    &ps_proto_dot11_proberesp,
    &ps_proto_dot11_auth,
    &ps_proto_dot11_deauth,
    &ps_proto_dot11_ack,
    &ps_proto_dot11_elt,
    &ps_proto_dot11_elt_rates,
    &ps_proto_dot11_elt_dssset,
    &ps_proto_dot11_elt_erp,
    &ps_proto_dot11_elt_vendor,
    &ps_proto_dot11_encrypted,
    &ps_proto_dot11_wep,
    &ps_proto_dot11_tkip,
    &ps_proto_dot11_ccmp,
    /* issue 16: DHCPv6 (dhcp6.c, dhcp6_options.c) */
    &ps_proto_dhcp6,
    &ps_proto_dhcp6_solicit,
    &ps_proto_dhcp6_advertise,
    &ps_proto_dhcp6_request,
    &ps_proto_dhcp6_confirm,
    &ps_proto_dhcp6_renew,
    &ps_proto_dhcp6_rebind,
    &ps_proto_dhcp6_reply,
    &ps_proto_dhcp6_release,
    &ps_proto_dhcp6_decline,
    &ps_proto_dhcp6_reconf,
    &ps_proto_dhcp6_inforequest,
    &ps_proto_dhcp6_relayforward,
    &ps_proto_dhcp6_relayreply,
    &ps_proto_duid_llt,
    &ps_proto_duid_en,
    &ps_proto_duid_ll,
    &ps_proto_duid_uuid,
    &ps_proto_dhcp6opt_unknown,
    &ps_proto_dhcp6opt_clientid,
    &ps_proto_dhcp6opt_serverid,
    &ps_proto_dhcp6opt_iaaddress,
    &ps_proto_dhcp6opt_ia_na,
    &ps_proto_dhcp6opt_ia_ta,
    &ps_proto_dhcp6opt_optreq,
    &ps_proto_dhcp6opt_pref,
    &ps_proto_dhcp6opt_elapsedtime,
    &ps_proto_dhcp6opt_relaymsg,
    &ps_proto_dhcp6opt_auth,
    &ps_proto_dhcp6opt_serverunicast,
    &ps_proto_dhcp6opt_statuscode,
    &ps_proto_dhcp6opt_rapidcommit,
    &ps_proto_dhcp6opt_userclass,
    &ps_proto_dhcp6opt_vendorclass,
    &ps_proto_dhcp6opt_vendorspecificinfo,
    &ps_proto_dhcp6opt_ifaceid,
    &ps_proto_dhcp6opt_reconfmsg,
    &ps_proto_dhcp6opt_reconfaccept,
    &ps_proto_dhcp6opt_sipdomains,
    &ps_proto_dhcp6opt_sipservers,
    &ps_proto_dhcp6opt_dnsservers,
    &ps_proto_dhcp6opt_dnsdomains,
    &ps_proto_dhcp6opt_ia_pd,
    &ps_proto_dhcp6opt_iaprefix,
    &ps_proto_dhcp6opt_nisservers,
    &ps_proto_dhcp6opt_nispservers,
    &ps_proto_dhcp6opt_nisdomain,
    &ps_proto_dhcp6opt_nispdomain,
    &ps_proto_dhcp6opt_sntpservers,
    &ps_proto_dhcp6opt_inforefreshtime,
    &ps_proto_dhcp6opt_bcmcsdomains,
    &ps_proto_dhcp6opt_bcmcsservers,
    &ps_proto_dhcp6opt_remoteid,
    &ps_proto_dhcp6opt_subscriberid,
    &ps_proto_dhcp6opt_clientfqdn,
    &ps_proto_dhcp6opt_panaauthagent,
    &ps_proto_dhcp6opt_newposixtimezone,
    &ps_proto_dhcp6opt_newtzdbtimezone,
    &ps_proto_dhcp6opt_relayagentero,
    &ps_proto_dhcp6opt_lqclientlink,
    &ps_proto_dhcp6opt_bootfileurl,
    &ps_proto_dhcp6opt_clientarchtype,
    &ps_proto_dhcp6opt_clientnetworkinterid,
    &ps_proto_dhcp6opt_erpdomain,
    &ps_proto_dhcp6opt_relaysuppliedopt,
    &ps_proto_dhcp6opt_vss,
    &ps_proto_dhcp6opt_clientlinklayeraddr,
    &ps_proto_dhcp6opt_mudurl,
    &ps_proto_dhcp6_user_class_data,
    &ps_proto_dhcp6_vendor_class_data,
    &ps_proto_dhcp6_vendor_specific_option,
    /* issue 16: SCTP (sctp.c, sctp_chunks.c, sctp_params.c) */
    &ps_proto_sctp,
    &ps_proto_sctperror,
    &ps_proto_sctp_chunk_data,
    &ps_proto_sctp_chunk_init,
    &ps_proto_sctp_chunk_init_ack,
    &ps_proto_sctp_chunk_sack,
    &ps_proto_sctp_chunk_heartbeat_req,
    &ps_proto_sctp_chunk_heartbeat_ack,
    &ps_proto_sctp_chunk_abort,
    &ps_proto_sctp_chunk_shutdown,
    &ps_proto_sctp_chunk_shutdown_ack,
    &ps_proto_sctp_chunk_error,
    &ps_proto_sctp_chunk_cookie_echo,
    &ps_proto_sctp_chunk_cookie_ack,
    &ps_proto_sctp_chunk_shutdown_complete,
    &ps_proto_sctp_chunk_authentication,
    &ps_proto_sctp_chunk_address_conf,
    &ps_proto_sctp_chunk_address_conf_ack,
    &ps_proto_sctp_param_heartbeat_info,
    &ps_proto_sctp_param_ipv4,
    &ps_proto_sctp_param_ipv6,
    &ps_proto_sctp_param_state_cookie,
    &ps_proto_sctp_param_unrecognized,
    &ps_proto_sctp_param_cookie_preservative,
    &ps_proto_sctp_param_hostname,
    &ps_proto_sctp_param_supported_addr_types,
    &ps_proto_sctp_param_ecn_capable,
    &ps_proto_sctp_param_random,
    &ps_proto_sctp_param_chunk_list,
    &ps_proto_sctp_param_requested_hmac,
    &ps_proto_sctp_param_supported_extensions,
    &ps_proto_sctp_param_fwd_tsn,
    &ps_proto_sctp_param_add_ip,
    &ps_proto_sctp_param_del_ip,
    &ps_proto_sctp_param_error_indication,
    &ps_proto_sctp_param_set_primary,
    &ps_proto_sctp_param_success_indication,
    &ps_proto_sctp_param_adaptation_layer,
    /* issue 16: ISAKMP (isakmp.c), DNS EDNS0 and NSEC3 (dns.c, dns_edns.c) */
    &ps_proto_isakmp,
    &ps_proto_isakmp_payload,
    &ps_proto_isakmp_sa,
    &ps_proto_isakmp_proposal,
    &ps_proto_isakmp_transform,
    &ps_proto_isakmp_ke,
    &ps_proto_isakmp_id,
    &ps_proto_isakmp_hash,
    &ps_proto_isakmp_nonce,
    &ps_proto_isakmp_vendor_id,
    &ps_proto_dnsrr_opt,
    &ps_proto_edns0_tlv,
    &ps_proto_dnsrr_nsec3,
    &ps_proto_dnsrr_nsec3param,
    /* issue 16: RIP authentication, NTP */
    &ps_proto_rip_auth,
    &ps_proto_ntp_header,
    &ps_proto_ntp_authenticator,
    &ps_proto_ntp_extensions,
    &ps_proto_ntp_extension,
    &ps_proto_packet,
    &ps_proto_ntp_private,
    &ps_proto_ntp_private_req_packet,
    &ps_proto_ntp_private_pkt_tail,
    &ps_proto_ntp_info_peer_list,
    &ps_proto_ntp_info_peer_summary,
    &ps_proto_ntp_info_peer_stats,
    &ps_proto_ntp_info_loop,
    &ps_proto_ntp_info_sys,
    &ps_proto_ntp_info_sys_stats,
    &ps_proto_ntp_info_io_stats,
    &ps_proto_ntp_info_timer_stats,
    &ps_proto_ntp_conf_peer,
    &ps_proto_ntp_conf_unpeer,
    &ps_proto_ntp_conf_restrict,
    &ps_proto_ntp_info_kernel,
    &ps_proto_ntp_info_monitor1,
    &ps_proto_ntp_info_auth,
    &ps_proto_ntp_conf_trap,
    &ps_proto_ntp_info_control,
    /* issue 16: RADIUS (radius.c), EAP (eap.c), NetBIOS (netbios.c), SMB (smb.c) */
    &ps_proto_radius,
    &ps_proto_radius_attribute,
    &ps_proto_radius_user_name,
    &ps_proto_radius_nas_port,
    &ps_proto_radius_framed_mtu,
    &ps_proto_radius_login_tcp_port,
    &ps_proto_radius_session_timeout,
    &ps_proto_radius_idle_timeout,
    &ps_proto_radius_framed_appletalk_link,
    &ps_proto_radius_framed_appletalk_network,
    &ps_proto_radius_acct_delay_time,
    &ps_proto_radius_acct_input_octets,
    &ps_proto_radius_acct_output_octets,
    &ps_proto_radius_acct_session_time,
    &ps_proto_radius_acct_input_packets,
    &ps_proto_radius_acct_output_packets,
    &ps_proto_radius_acct_link_count,
    &ps_proto_radius_acct_input_gigawords,
    &ps_proto_radius_acct_output_gigawords,
    &ps_proto_radius_egress_vlanid,
    &ps_proto_radius_port_limit,
    &ps_proto_radius_arap_security,
    &ps_proto_radius_password_retry,
    &ps_proto_radius_tunnel_preference,
    &ps_proto_radius_acct_interim_interval,
    &ps_proto_radius_acct_tunnel_packets_lost,
    &ps_proto_radius_management_privilege_level,
    &ps_proto_radius_mobility_domain_id,
    &ps_proto_radius_preauth_timeout,
    &ps_proto_radius_wlan_venue_info,
    &ps_proto_radius_wlan_reason_code,
    &ps_proto_radius_wlan_pairwise_cipher,
    &ps_proto_radius_wlan_group_cipher,
    &ps_proto_radius_wlan_akm_suite,
    &ps_proto_radius_wlan_group_mgmt_cipher,
    &ps_proto_radius_wlan_rf_band,
    &ps_proto_radius_user_password,
    &ps_proto_radius_state,
    &ps_proto_radius_message_authenticator,
    &ps_proto_radius_nas_ip_address,
    &ps_proto_radius_framed_ip_address,
    &ps_proto_radius_framed_ip_netmask,
    &ps_proto_radius_login_ip_host,
    &ps_proto_radius_framed_ipx_network,
    &ps_proto_radius_pmip6_home_lma_ipv4_address,
    &ps_proto_radius_pmip6_visited_lma_ipv4_address,
    &ps_proto_radius_pmip6_home_dhcp4_server_address,
    &ps_proto_radius_pmip6_visited_dhcp4_server_address,
    &ps_proto_radius_pmip6_home_ipv4_gateway,
    &ps_proto_radius_pmip6_visited_ipv4_gateway,
    &ps_proto_radius_service_type,
    &ps_proto_radius_framed_protocol,
    &ps_proto_radius_acct_status_type,
    &ps_proto_radius_acct_authentic,
    &ps_proto_radius_acct_terminate_cause,
    &ps_proto_radius_nas_port_type,
    &ps_proto_radius_eap_message,
    &ps_proto_radius_vendor_specific,
    &ps_proto_eap,
    &ps_proto_eap_md5,
    &ps_proto_eap_tls,
    &ps_proto_eap_ttls,
    &ps_proto_eap_peap,
    &ps_proto_eap_fast,
    &ps_proto_leap,
    &ps_proto_nbns_header,
    &ps_proto_nbns_query_request,
    &ps_proto_nbns_node_status_request,
    &ps_proto_nbns_add_entry,
    &ps_proto_nbns_query_response,
    &ps_proto_nbns_node_status_response_service,
    &ps_proto_nbns_node_status_response,
    &ps_proto_nbns_registration_request,
    &ps_proto_nbns_wack_response,
    &ps_proto_nbt_datagram,
    &ps_proto_netbios_ds,
    &ps_proto_nbt_session,
    &ps_proto_smb_header,
    &ps_proto_smb_negociate_generic,
    /* issue 16: IPv6 segment routing (ipv6_srh.c) */
    &ps_proto_ipv6_srh,
    &ps_proto_ipv6_srh_tlv,
    &ps_proto_ipv6_srh_tlv_ingress,
    &ps_proto_ipv6_srh_tlv_egress,
    &ps_proto_ipv6_srh_tlv_pad1,
    &ps_proto_ipv6_srh_tlv_padn,
    &ps_proto_ipv6_srh_tlv_hmac,
    /* issue 16: Mobile IPv6 (mip6.c, mip6_opts.c) */
    &ps_proto_mip6mh_generic,
    &ps_proto_mip6mh_brr,
    &ps_proto_mip6mh_hoti,
    &ps_proto_mip6mh_coti,
    &ps_proto_mip6mh_hot,
    &ps_proto_mip6mh_cot,
    &ps_proto_mip6mh_bu,
    &ps_proto_mip6mh_ba,
    &ps_proto_mip6mh_be,
    &ps_proto_mip6opt_unknown,
    &ps_proto_mip6opt_br_advice,
    &ps_proto_mip6opt_alt_coa,
    &ps_proto_mip6opt_nonce_indices,
    &ps_proto_mip6opt_binding_auth_data,
    &ps_proto_mip6opt_mob_net_prefix,
    &ps_proto_mip6opt_ll_addr,
    &ps_proto_mip6opt_mnid,
    &ps_proto_mip6opt_msg_auth,
    &ps_proto_mip6opt_replay_protection,
    &ps_proto_mip6opt_cga_params_req,
    &ps_proto_mip6opt_cga_params,
    &ps_proto_mip6opt_signature,
    &ps_proto_mip6opt_home_keygen_token,
    &ps_proto_mip6opt_care_of_test_init,
    &ps_proto_mip6opt_care_of_test,
    /* issue 16: ND's DNS search list (icmpv6_ndopt_more.c), ICMPv6 node
     * information (icmpv6_ni.c) */
    &ps_proto_icmpv6_ndopt_dnssl,
    &ps_proto_icmpv6_ni_query_noop,
    &ps_proto_icmpv6_ni_query_name,
    &ps_proto_icmpv6_ni_query_ipv6,
    &ps_proto_icmpv6_ni_query_ipv4,
    &ps_proto_icmpv6_ni_reply_noop,
    &ps_proto_icmpv6_ni_reply_name,
    &ps_proto_icmpv6_ni_reply_ipv6,
    &ps_proto_icmpv6_ni_reply_ipv4,
    &ps_proto_icmpv6_ni_reply_refuse,
    &ps_proto_icmpv6_ni_reply_unknown,
    /* issue 16: NTP control messages, mode 6 (ntp_control.c, ntp_control_status.c) */
    &ps_proto_ntp_control,
    &ps_proto_ntp_status_packet,
    &ps_proto_ntp_system_status_packet,
    &ps_proto_ntp_peer_status_packet,
    &ps_proto_ntp_clock_status_packet,
    &ps_proto_ntp_error_status_packet,
    &ps_proto_ntp_peer_status_data_packet,
    /* issue 16: EDNS0 Client Subnet, EAPOL, TFTP (dns_edns.c, eap.c, tftp.c) */
    &ps_proto_edns0_client_subnet,
    &ps_proto_eapol,
    &ps_proto_tftp,
    &ps_proto_tftp_rrq,
    &ps_proto_tftp_wrq,
    &ps_proto_tftp_data,
    &ps_proto_tftp_ack,
    &ps_proto_tftp_error,
    &ps_proto_tftp_oack,
    &ps_proto_tftp_options,
    &ps_proto_tftp_option,
    /* 802.11 elements of issue 16 (dot11_rsn.c, dot11_country.c, dot11_ht.c) */
    &ps_proto_dot11_elt_rsn,
    &ps_proto_rsn_cipher_suite,
    &ps_proto_akm_suite,
    &ps_proto_pmkid_list,
    &ps_proto_dot11_elt_msft_wpa,
    &ps_proto_dot11_elt_country,
    &ps_proto_dot11_elt_country_triplet,
    &ps_proto_dot11_elt_ht,
    &ps_proto_radiotap_tlv,
    /* issue 16: PPPoE, PPP LCP/PAP/CHAP, PPTP, L2TP (pppoe.c, ppp_lcp.c, ppp_auth.c,
     * pptp.c, l2tp.c) */
    &ps_proto_pppoe,
    &ps_proto_pppoed,
    &ps_proto_pppoe_tag,
    &ps_proto_pppoed_tags,
    &ps_proto_ppp_lcp,
    &ps_proto_ppp_lcp_terminate,
    &ps_proto_ppp_lcp_option,
    &ps_proto_ppp_lcp_mru_option,
    &ps_proto_ppp_lcp_accm_option,
    &ps_proto_ppp_lcp_auth_protocol_option,
    &ps_proto_ppp_lcp_quality_protocol_option,
    &ps_proto_ppp_lcp_magic_number_option,
    &ps_proto_ppp_lcp_callback_option,
    &ps_proto_ppp_lcp_configure,
    &ps_proto_ppp_lcp_discard_request,
    &ps_proto_ppp_lcp_echo,
    &ps_proto_ppp_lcp_code_reject,
    &ps_proto_ppp_lcp_protocol_reject,
    &ps_proto_ppp_pap,
    &ps_proto_ppp_pap_request,
    &ps_proto_ppp_pap_response,
    &ps_proto_ppp_chap,
    &ps_proto_ppp_chap_challenge_response,
    &ps_proto_pptp,
    &ps_proto_pptp_sccrq,
    &ps_proto_pptp_sccrp,
    &ps_proto_pptp_stopccrq,
    &ps_proto_pptp_stopccrp,
    &ps_proto_pptp_echorq,
    &ps_proto_pptp_echorp,
    &ps_proto_pptp_ocrq,
    &ps_proto_pptp_ocrp,
    &ps_proto_pptp_icrq,
    &ps_proto_pptp_icrp,
    &ps_proto_pptp_iccn,
    &ps_proto_pptp_ccrq,
    &ps_proto_pptp_cdn,
    &ps_proto_pptp_wen,
    &ps_proto_pptp_sli,
    &ps_proto_l2tp,
};

#define BUILTINS (sizeof all / sizeof all[0])

const struct ps_proto *const *ps_proto_all(size_t *count)
{
    if (count)
        *count = BUILTINS;
    return all;
}

const struct ps_proto *ps_proto_find(const char *name)
{
    for (size_t i = 0; i < BUILTINS; i++)
        if (strcmp(all[i]->name, name) == 0)
            return all[i];
    return NULL;
}

static const struct ps_proto *declared_find(const struct ps_proto *const *d, size_t n,
                                            const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(d[i]->name, name) == 0)
            return d[i];
    return NULL;
}

const struct ps_proto *ps_registry_find(const struct ps_registry *r, const char *name)
{
    const struct ps_proto *p = ps_proto_find(name);
    if (!p && r)
        p = declared_find(r->declared, r->ndeclared, name);
    return p;
}

size_t ps_registry_count(const struct ps_registry *r)
{
    return BUILTINS + (r ? r->ndeclared : 0);
}

const struct ps_proto *ps_registry_at(const struct ps_registry *r, size_t i)
{
    return i < BUILTINS ? all[i] : r->declared[i - BUILTINS];
}

/* A declared layer's binds, resolved: the call rule of ps_bind (a new
 * lower, a repeated field or an entry without a field starts the next
 * call), settled here once instead of per decoded frame. */
static size_t resolve_binds(const struct ps_proto *const *declared, size_t k, struct ps_rbind *out)
{
    const struct ps_proto *d = declared[k];
    size_t n = 0, first = 0;
    bool start = true;
    for (const struct ps_bind *bd = d->binds; bd && bd->lower; bd++) {
        if (!bd->field) {
            start = true;
            continue;
        }
        const struct ps_proto *lower = ps_proto_find(bd->lower);
        if (!lower)
            lower = declared_find(declared, k, bd->lower);
        int fi = lower ? ps_field_index(lower, bd->field) : -1;
        if (fi < 0)
            continue;
        if (!start && n > first && out[n - 1].lower != lower)
            start = true;
        for (size_t q = first; q < n && !start; q++)
            start = out[q].field == fi;
        if (start)
            first = n;
        out[n++] = (struct ps_rbind){lower, d, fi, bd->value, start};
        start = false;
    }
    return n;
}

void ps_registry_set(struct ps_registry *r, const struct ps_proto *const *declared, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        for (const struct ps_bind *bd = declared[i]->binds; bd && bd->lower; bd++)
            total++;
    free(r->binds);
    *r = (struct ps_registry){declared, n, NULL, 0};
    if (!total)
        return;
    r->binds = malloc(total * sizeof *r->binds);
    if (!r->binds)
        abort();
    for (size_t i = 0; i < n; i++)
        r->nbinds += resolve_binds(declared, i, r->binds + r->nbinds);
}

void ps_registry_fini(struct ps_registry *r)
{
    free(r->binds);
    *r = (struct ps_registry){0};
}
