/* Shared by the PPP family's tables (ppp.c, ppp_lcp.c, ppp_auth.c). */
#ifndef PS_PROTO_PPP_H
#define PS_PROTO_PPP_H

#include "packet.h"

/* Scapy's _PPP_PROTOCOLS (PPP.proto, PPP_LCP_Protocol_Reject). */
extern const struct ps_enum ps_ppp_protocols[];

/* A StrLenField's getfield: Python's s[:n] of p[off..len) (n may be
 * negative); sets v and returns the bytes taken. */
long ps_ppp_take(const uint8_t *p, size_t len, size_t off, long n, struct ps_fval *v);

#endif
