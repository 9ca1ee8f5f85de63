/* A frame while the encoder builds it or the decoder reads it, as the
 * protocols' hooks see it (core/table.h): for post_build, the packet, what
 * the interface knows, the bytes so far and where each layer sits (the
 * encoder, build/encode.h, fills it; the hooks patch their own bytes); for
 * a field's decode hook, the room its list elements go to. */
#ifndef PS_FRAME_H
#define PS_FRAME_H

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

/* Room for a frame's list elements while the decoder reads it (read/decode.h),
 * handed to the fields' decode hooks. */
/* Room the caller lends the decoder, and where each layer was found. */
struct ps_decode_room {
    /* Elements of PS_K_LAYERS fields (IP and IPv6 options, DNS records)
     * go here; with no room, such a field keeps its bytes undecoded. 40 is
     * enough for any IPv4 header; DNS records past it stay bytes too. */
    struct ps_layer *subs;
    size_t subs_cap;
    size_t subs_used;               /* out */
    size_t start[PS_MAX_LAYERS];    /* out: offset of layer i in the frame */
    size_t hlen[PS_MAX_LAYERS];     /* out: bytes its header (or load) took, and a trailer's */
    /* The layers a program declares (its ps_program.layers), read where
     * their bindings hold; NULL: the built-in tables alone. */
    const struct ps_registry *layers;
    /* Set by the decoder for the fields' decode hooks that pick an element's
     * class themselves (NTP mode 7's items by request code): reads one list
     * element of class c from p[0..n) into e, lists inside it left as bytes;
     * returns the bytes its fields took, or -1 when they end inside one. */
    long (*element)(const struct ps_proto *c, const uint8_t *p, size_t n, struct ps_layer *e,
                    struct ps_decode_room *room);
};

/* A PacketField's value from p[0..n): one element of class c in room's next
 * slot, or, without room (or a free slot), the bytes as they are. Returns n,
 * or -1 when c's fields end inside the bytes (Scapy raises). The slot is
 * taken first, so what the element's own hooks put in room goes after it. */
static inline long ps_decode_one_element(struct ps_decode_room *room, const struct ps_proto *c,
                                         const uint8_t *p, size_t n, struct ps_fval *v)
{
    if (room && room->subs && room->element && room->subs_used < room->subs_cap) {
        struct ps_layer *e = &room->subs[room->subs_used++];
        if (room->element(c, p, n, e, room) < 0) {
            room->subs_used--;
            return -1;
        }
        v->sub = e;
        v->nsub = 1;
    } else {
        v->bytes = p;
        v->len = n;
    }
    return (long)n;
}

#endif
