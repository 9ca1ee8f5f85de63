/* RFC 1071 Internet checksum arithmetic and CRC-32C, for the encoder, frame
 * plans and the protocols' post_build hooks alike. */
#ifndef PS_CSUM_H
#define PS_CSUM_H

#include <stddef.h>
#include <stdint.h>

/* Adds p[0..n) to a running sum, as big-endian 16-bit words. */
uint32_t ps_csum_add(uint32_t sum, const uint8_t *p, size_t n);
/* The one's complement of the folded sum: the checksum to write. */
uint16_t ps_csum_fold(uint32_t sum);
/* CRC-32C (RFC 9260's SCTP checksum) of p[0..n): the value whose bytes go
 * on the wire least significant first. */
uint32_t ps_crc32c(const uint8_t *p, size_t n);

#endif
