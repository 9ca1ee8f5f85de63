/* The encoder: a ps_packet to the bytes Scapy would build for it. */
#ifndef PS_ENCODE_H
#define PS_ENCODE_H

#include "packet.h"

/* What only the sending interface knows. Unset (have_* false), the encoder
 * uses Scapy's no-route fallbacks: 00:00:00:00:00:00, 0.0.0.0, ::, and
 * ff:ff:ff:ff:ff:ff for an unresolved Ether.dst. */
struct ps_env {
    bool have_src_mac, have_src_ip4, have_src_ip6, have_dst_mac;
    uint8_t src_mac[6];
    uint8_t src_ip4[4];
    uint8_t src_ip6[16];
    uint8_t dst_mac[6];
};

/* Which fallbacks a build used, so the caller can warn once. */
enum ps_hole {
    PS_HOLE_SRC_MAC = 1 << 0,
    PS_HOLE_SRC_IP4 = 1 << 1,
    PS_HOLE_SRC_IP6 = 1 << 2,
    PS_HOLE_DST_MAC = 1 << 3,
};

/* Per-layer positions while a frame is built, handed to post_build hooks. */
struct ps_build {
    const struct ps_packet *pkt;
    const struct ps_env *env;
    uint8_t *buf;
    size_t len;                      /* bytes written so far */
    size_t cap;
    size_t start[PS_MAX_LAYERS];     /* offset of each layer's header */
    size_t hlen[PS_MAX_LAYERS];      /* length of each layer's header */
    size_t end[PS_MAX_LAYERS];       /* end of each layer's payload, before any Padding */
    unsigned holes;                  /* enum ps_hole bits used */
    struct ps_fieldmap *map;         /* where each top-level field went, or NULL */
};

/* Where a field of a top-level layer was written: bits [bit, bit + nbits). */
struct ps_fieldpos {
    uint16_t layer, field;
    uint32_t bit, nbits;
};

struct ps_fieldmap {
    struct ps_fieldpos pos[PS_MAX_LAYERS * 16];
    size_t n;
};

/* Builds pkt into out (cap bytes). Returns the frame length, or -1 when it
 * does not fit. *holes (may be NULL) gets the enum ps_hole bits used. */
long ps_encode(const struct ps_packet *pkt, const struct ps_env *env,
               uint8_t *out, size_t cap, unsigned *holes);
/* The same, also recording where each top-level field went (map may be
 * NULL): what a frame plan needs to patch a field in place. */
long ps_encode_mapped(const struct ps_packet *pkt, const struct ps_env *env, uint8_t *out,
                      size_t cap, unsigned *holes, struct ps_fieldmap *map);

/* Encodes one layer alone, as an element of a layer list is (no bindings,
 * no interface): into out, or only counting when out is NULL. Returns its
 * length, or -1 when it does not fit. For encode hooks that lay elements
 * out themselves (IPv6 options with their alignment padding). */
long ps_encode_layer(const struct ps_layer *l, uint8_t *out, size_t cap);

/* The value a UINT field takes in layer idx once defaults and bindings from
 * the layer above apply (not auto rules). */
uint64_t ps_effective_uint(const struct ps_packet *pkt, size_t idx, int field);

/* RFC 1071 sum helpers for post_build hooks. */
uint32_t ps_csum_add(uint32_t sum, const uint8_t *p, size_t n);
uint16_t ps_csum_fold(uint32_t sum);

#endif
