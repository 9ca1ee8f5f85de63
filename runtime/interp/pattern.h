/* Patterns: whether a packet matches a pattern (`p matches IP(src=x)/TCP()`).
 * Apart from the interpreter so that a test can run it over the protocol
 * tables alone (tests/patterns). */
#ifndef PS_PATTERN_H
#define PS_PATTERN_H

#include "value.h"

enum ps_match {
    PS_MATCH_NO,
    PS_MATCH_YES,
    PS_MATCH_CANNOT, /* a field the pattern names holds what cannot be compared */
};

/* Why a match could not be made: the field and the reason. */
struct ps_match_why {
    const struct ps_proto *proto;
    const char *field;
    const char *reason;
};

/* Whether the packet `got` (its fields as decoded from a frame) matches
 * the pattern `want`: the pattern's layers are found in the packet in
 * order, other layers between them allowed; every field the pattern names
 * holds one of the values it allows, compared as Scapy holds the value
 * (ps_field.value_of), and at every depth: a list of records or options
 * matches element by element, the pattern's i-th against the packet's
 * i-th, each only on what it names; a pattern with more elements than
 * the packet, or an empty list against a packet's non-empty one, fails. */
enum ps_match ps_pattern_match(const struct ps_tpkt *got, const struct ps_tpkt *want,
                               struct ps_match_why *why);

#endif
