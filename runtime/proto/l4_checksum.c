/* The checksum TCP and UDP carry, with the pseudo-header of the IP version
 * under them (Scapy's in4_chksum and in6_chksum). */
#include "packet.h"
#include "protos.h"

bool ps_l4_checksum(const struct ps_build *b, size_t l4, uint8_t proto, uint16_t *ck)
{
    if (ps_on_ip(b, l4)) {
        uint32_t sum = ps_ip_pseudo_sum(b, l4, proto);
        sum = ps_csum_add(sum, b->buf + b->start[l4], b->end[l4] - b->start[l4]);
        *ck = ps_csum_fold(sum);
        return true;
    }
    if (ps_on_ip6(b, l4)) {
        /* Under extension headers with no IPv6 below, Scapy's in6_chksum
         * gives 0, and that is what the layer then carries. */
        (void)ps_ip6_checksum(b, l4, proto, ck);
        return true;
    }
    return false;
}
