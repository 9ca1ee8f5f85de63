/* The decoder: a frame's bytes to a ps_packet, as Scapy dissects them,
 * generic over the protocol tables. It reads in place and never past the
 * frame: byte fields point into it, and nothing is allocated. */
#ifndef PS_DECODE_H
#define PS_DECODE_H

#include <stdbool.h>

#include "frame.h"
#include "packet.h"

/* Decodes a frame captured with pcap link type `linktype` (Ether for 1, IP
 * for 228 and for raw IP with version 4, ...; an unknown link type gives
 * one Raw layer). Every decoded field is marked set. A PS_K_LAYERS field
 * holds its decoded elements in room->subs and, as its bytes, what could
 * not be decoded as elements. What a length field leaves out becomes a
 * Padding layer, what no layer claims a Raw one; a truncated header ends
 * the decoding, its bytes going to Raw. room may be NULL. Returns pkt->n. */
size_t ps_decode(const uint8_t *frame, size_t len, int linktype, struct ps_packet *pkt,
                 struct ps_decode_room *room);

/* The same, starting with protocol `first` (Scapy's Ether(raw_bytes)). */
size_t ps_decode_as(const struct ps_proto *first, const uint8_t *frame, size_t len,
                    struct ps_packet *pkt, struct ps_decode_room *room);

/* Scapy's constructor from bytes, first(bytes), raises where pkt (what
 * ps_decode_as made of len bytes) starts with Raw instead of first: the
 * bytes end inside one of its fields. Then why holds the message. */
bool ps_layer_bytes_refused(const struct ps_proto *first, const struct ps_packet *pkt,
                            size_t len, char *why, size_t cap);

/* The class Scapy would dissect the payload of layer l as, by the upper
 * protocols' bindings read bottom-up (then l's alias's), or NULL: the
 * built-in tables first, then the layers of r (may be NULL). */
const struct ps_proto *ps_bound_upper(const struct ps_registry *r, const struct ps_layer *l);

#endif
