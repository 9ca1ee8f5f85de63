/* Addresses written as text, as Scapy users write them in strings. */
#ifndef PS_ADDR_H
#define PS_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The value of a hex digit, or -1. */
int ps_hexval(char c);

bool ps_parse_mac(const char *s, uint8_t out[6]);
bool ps_parse_ip4(const char *s, uint8_t out[4]);
bool ps_parse_ip6(const char *s, uint8_t out[16]);
/* "10.0.0.0/30" or "2001:db8::/126": *v6 tells which; host bits are cleared. */
bool ps_parse_prefix(const char *s, uint8_t out[16], int *plen, bool *v6);
/* Clears the bits past plen of a width-byte address. */
void ps_mask_prefix(uint8_t *addr, size_t width, int plen);

void ps_format_mac(const uint8_t mac[6], char out[18]);
void ps_format_ip4(const uint8_t ip[4], char out[16]);
void ps_format_ip6(const uint8_t ip[16], char out[46]);

#endif
