/* DHCPv6 (scapy/layers/dhcp6.py): what the messages and DUIDs (dhcp6.c)
 * and the options (dhcp6_options.c) share. Internal to runtime/proto/. */
#ifndef PS_DHCP6_H
#define PS_DHCP6_H

#include "packet.h"

/* Scapy's common base of the messages and options, _DHCP6OptGuessPayload:
 * the class a message's options, an IA's suboptions and a relayed message
 * belong to. */
#define PS_DHCP6_KLASS "_DHCP6OptGuessPayload"

/* dhcp6opts: option names by code. */
extern const struct ps_enum ps_dhcp6_opt_names[];

/* _DHCP6OptGuessPayload.guess_payload_class: the option that p[0..len)
 * starts with (DHCP6OptUnknown for a code without a class), Raw for 2
 * bytes or fewer. A guess_payload_from hook. */
const char *ps_dhcp6_next_option(const struct ps_layer *l, const struct ps_layer *under,
                                 const uint8_t *p, size_t len);
/* _DHCP6OptGuessPayloadElt.dispatch_hook: the same, but Raw for a code
 * without a class. An `element` hook (an IA's suboptions). */
const char *ps_dhcp6_suboption(const uint8_t *p, size_t n);
/* _dhcp6_dispatcher: the message class of p[0..n) by its msgtype, Raw
 * for an unknown type or fewer than 2 bytes. */
const char *ps_dhcp6_message(const uint8_t *p, size_t n);
/* _duid_dispatcher: the DUID class by its type, Raw for an unknown type
 * or 4 bytes or fewer. */
const char *ps_dhcp6_duid(const uint8_t *p, size_t n);

/* _UTCTimeField: seconds since 2000-01-01, printed as a UTC date and the
 * Unix time. A `repr` hook. */
int ps_dhcp6_utc2000_repr(const struct ps_fval *v, char *out, size_t cap);

#endif
