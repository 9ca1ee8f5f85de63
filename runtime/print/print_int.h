/* What the packet printers (show, repr, ls, command, json) share: which
 * fields a layer shows, the value Scapy holds for each, and Python's
 * reprs. Internal to runtime/. */
#ifndef PS_PRINT_INT_H
#define PS_PRINT_INT_H

#include "print.h"
#include "strbuf.h"

/* Where a layer sits: a layer of pkt (pkt, idx), or an element of a layer
 * list (pkt NULL), which has no neighbours. */
struct ps_at {
    const struct ps_packet *pkt;
    size_t idx;
    const struct ps_layer *l;
};

static inline struct ps_at ps_at_layer(const struct ps_packet *pkt, size_t idx)
{
    struct ps_at at = {pkt, idx, &pkt->layers[idx]};
    return at;
}

static inline struct ps_at ps_at_element(const struct ps_layer *l)
{
    struct ps_at at = {NULL, 0, l};
    return at;
}

static inline size_t ps_nfields(const struct ps_layer *l)
{
    return l->proto->nfields < PS_MAX_FIELDS ? l->proto->nfields : PS_MAX_FIELDS;
}

/* What Scapy holds for field fi of a layer. */
enum ps_held {
    PS_HELD_ABSENT,  /* a ConditionalField whose condition fails: not shown */
    PS_HELD_EMPTY,   /* a 0-byte string variant (empty_when_absent): b'' */
    PS_HELD_VALUE,   /* *v holds the value */
    PS_HELD_NONE,    /* None: an auto field the frame ended before */
};
/* The value show() and ls() see (Scapy's getfieldval): the decoded one, else
 * the default with the bindings of the layer above. A layer list whose
 * default is one element (ps_field.def_sub) gets it in *def_element, which
 * v->sub then points to. */
enum ps_held ps_held_value(struct ps_at at, size_t fi, struct ps_fval *v,
                           struct ps_layer *def_element);

/* Whether Scapy's dissector stored field fi (repr() shows only those):
 * every decoded field, and an empty_when_absent one when bytes followed. */
bool ps_field_dissected(struct ps_at at, size_t fi);

/* Whether v is a list Scapy holds empty ([], which repr() leaves out). */
bool ps_value_is_empty_list(const struct ps_field *f, const struct ps_fval *v);

/* Appends field f's i2repr of v (l gives the names of a MultiEnumField). */
void ps_put_i2repr(struct ps_strbuf *b, const struct ps_layer *l, const struct ps_field *f,
                   const struct ps_fval *v);
/* For printers that follow snprintf's contract: where the next text goes
 * (NULL when the buffer is full) and how much fits, then the length they
 * said the whole text takes. */
static inline char *ps_strbuf_tail(const struct ps_strbuf *b, size_t *room)
{
    *room = b->len < b->cap ? b->cap - b->len : 0;
    return *room ? b->p + b->len : NULL;
}

static inline void ps_strbuf_advance(struct ps_strbuf *b, int k)
{
    b->len += k > 0 ? (size_t)k : 0;
}

/* Scapy's Packet.__repr__ of one layer without its payload and closing
 * '>': "<IP  version=4 ... |" (every field its dissector stored). */
void ps_put_layer_repr_open(struct ps_strbuf *b, struct ps_at at);
/* A PacketListField's i2repr: "[<IPOption_NOP  ... |>, ...]", with bytes
 * no element took as the Raw element Scapy makes of them. */
void ps_put_layer_list_repr(struct ps_strbuf *b, const struct ps_fval *v);
/* The same for a field Scapy holds as a packet chain (ps_field.chain):
 * "<DNSRR  ... |<DNSRR  ... |>>", or None when it holds nothing. */
void ps_put_layer_chain_repr(struct ps_strbuf *b, const struct ps_fval *v);
/* The Raw layer that holds what a layer list could not decode. */
void ps_leftover_layer(const struct ps_fval *v, struct ps_layer *raw);

/* Python's repr() of bytes (b'..') and of a str holding no quote or
 * backslash needing care ('198.18.0.1'). */
/* A field that holds a list of addresses (IPOption_RR.routers) as
 * [a, b, ...], each address quoted or not; false when f holds no such list. */
bool ps_put_addr_list(struct ps_strbuf *b, const struct ps_field *f, const struct ps_fval *v,
                      bool quote_ip4);
void ps_put_pybytes(struct ps_strbuf *b, const uint8_t *p, size_t n);
void ps_put_pystr(struct ps_strbuf *b, const char *s);
/* Scapy's StrField i2repr ('GET /\r\n'), as format_value writes it. */
void ps_put_strrepr(struct ps_strbuf *b, const uint8_t *p, size_t n);

#endif
