/* Which received packet answers which sent one, as Scapy's sr() decides:
 * equal hashret() strings, then reply.answers(request). Both are generic
 * over the hashret/answers hooks of the protocol tables (proto.h). */
#ifndef PS_MATCH_H
#define PS_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "packet.h"
#include "proto/proto.h"

/* Scapy's hashret() of pkt seen from layer `from` (0 for srp; the layer
 * above the link layer for sr, as Scapy's L3 sockets hand it over). */
void ps_hashret(const struct ps_packet *pkt, size_t from, struct ps_hash *h);
/* A 64-bit digest of a hashret string, for a hash table. */
uint64_t ps_hash_digest(const struct ps_hash *h);

/* Scapy's reply.answers(query), from layer r of reply and layer q of query. */
bool ps_answers(const struct ps_packet *reply, size_t r, const struct ps_packet *query, size_t q);

#endif
