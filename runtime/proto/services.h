/* Name tables Scapy loads from the system (generated into services.c by
 * gen_services.py). */
#ifndef PS_SERVICES_H
#define PS_SERVICES_H

#include "proto.h"

extern const struct ps_enum ps_tcp_services[];
extern const struct ps_enum ps_udp_services[];
extern const struct ps_enum ps_sctp_services[];
extern const struct ps_enum ps_ip_protos[];
extern const struct ps_enum ps_ether_types[];

#endif
