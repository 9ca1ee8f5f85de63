/* DHCP options (dhcp_options.c): the codec of DHCP.options and what the
 * BOOTP/DHCP table (dhcp.c) asks of them. */
#ifndef PS_DHCP_OPTIONS_H
#define PS_DHCP_OPTIONS_H

#include "proto.h"

extern const struct ps_optcodec ps_dhcp_optcodec;
/* DHCPOptionsField.i2repr: "[message-type=discover end]". A `repr` hook. */
int ps_dhcp_options_repr(const struct ps_fval *v, char *out, size_t cap);
/* The value of the first message-type option of the encoded options. */
bool ps_dhcp_message_type(const uint8_t *p, size_t n, uint64_t *type);
/* DHCPTypes: the name of a message type, or NULL. */
const char *ps_dhcp_type_name(uint64_t v);

#endif
