/* DNS names as Scapy 2.5 holds them (scapy/layers/dns.py DNSStrField):
 * text such as "www.example.com." that dns_encode writes as labels, and
 * that dns_get_str reads back, following compression pointers into the
 * message. Internal to runtime/proto/ (dns.c). */
#ifndef PS_DNS_NAME_H
#define PS_DNS_NAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "packet.h"

/* The longest name text kept, and the most pointers followed in one name:
 * past either the name ends there, as Scapy's loop guard ends a name that
 * points back to where it has been. */
#define PS_DNS_NAME_MAX 1024
#define PS_DNS_MAX_JUMPS 128

/* What a dissected field holds is a view into the frame, since the text of
 * a compressed name is nowhere in it: `bytes` points at the field's wire
 * form and `u` is its offset in the message's record area (Scapy's `s`,
 * which starts 12 bytes into the message), so that pointers can be
 * followed at print time. The view is marked in `addr`, unused for bytes:
 * see dns_name.c. A value the spec gave is plain text (no mark). */
enum ps_dns_shape {
    PS_DNS_NAME,      /* a DNSStrField */
    PS_DNS_QNAME,     /* a name Scapy assigned after dissecting (qname, rrname):
                         its h2i made the root "." */
    PS_DNS_IPV4,      /* DNSRR.rdata of an A record */
    PS_DNS_IPV6,      /* ... of an AAAA record */
    PS_DNS_TEXT,      /* ... of a TXT record: character-strings */
    PS_DNS_RAW,       /* ... of any other type: a StrLenField */
};

/* s[0..slen) is the record area. A name starts at s[start]; before its
 * first pointer it may not reach past s[bound) (a name inside rdata is cut
 * to rdlen first). */
struct ps_dns_name {
    size_t end;          /* where what follows the name starts (may pass slen) */
    bool compressed;     /* a pointer was followed */
    size_t text_len;     /* length of the text, cut to the room given */
};

/* dns_get_str: reads the name at s[start], writing its text ("a.b.") into
 * text (cap bytes; may be NULL). */
void ps_dns_get_str(const uint8_t *s, size_t slen, size_t start, size_t bound,
                    uint8_t *text, size_t cap, struct ps_dns_name *out);

/* Makes v a view of s[start..end) with the given shape. */
void ps_dns_view(struct ps_fval *v, const uint8_t *s, size_t slen, size_t start, size_t end,
                 size_t bound, enum ps_dns_shape shape);
/* Whether v is such a view, and its shape. */
bool ps_dns_is_view(const struct ps_fval *v, enum ps_dns_shape *shape);

/* The text a name field holds (a view decompressed, or the spec's text),
 * into text (PS_DNS_NAME_MAX bytes); returns its length. */
size_t ps_dns_name_text(const struct ps_fval *v, uint8_t *text);

/* dns_encode(text, check_built=True): labels of at most 63 bytes ending in
 * a 0, or the text as it is when it already looks encoded. Into out (may be
 * NULL to count); returns the length, or -1 when it does not fit. */
long ps_dns_encode(const uint8_t *text, size_t len, uint8_t *out, size_t cap);

/* Python's repr of bytes (b'...') and of a str made of them ('...'). */
int ps_dns_bytes_repr(const uint8_t *p, size_t n, bool with_b, char *out, size_t cap);

#endif
