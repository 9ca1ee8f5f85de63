/* A field's value as Scapy's text (its Field.i2repr, and Packet.__repr__ for
 * a field holding layers): what the printers build on and what the
 * protocols' mysummary hooks quote (sprintf("%Layer.field%")). It sits with
 * the tables, under the printers, as Scapy's fields.py sits under its
 * packet printers. Each writes with snprintf's contract or into a strbuf. */
#ifndef PS_FIELD_TEXT_H
#define PS_FIELD_TEXT_H

#include "packet.h"
#include "strbuf.h"

/* Scapy's i2repr text of one value of field f: an enum's name, 0x.. for an
 * X-field, flag letters (or '+'-joined names), an address, a bytes field as
 * Python's repr of the text ('GET /\r\n'), a layer list as its reprs. */
int ps_format_value(const struct ps_field *f, const struct ps_fval *v, char *out, size_t cap);

/* Python's str() of the value Scapy's getattr gives for field f, what
 * print(p[TCP].flags) prints: a FlagValue's letters ('SA', '' for none), an
 * int in decimal (enum and X-fields too), an address's text, bytes as b'..',
 * an address list as ['192.0.2.1'], TCP options as [('MSS', 1460)]. */
int ps_format_str(const struct ps_field *f, const struct ps_fval *v, char *out, size_t cap);

/* The value field `field` of layer idx shows: the set (or decoded) value,
 * else its default with the bindings of the layer above. */
void ps_field_value(const struct ps_packet *pkt, size_t idx, int field, struct ps_fval *out);
/* Scapy's sprintf("%Layer.name%") for layer idx: 0 when it has no such field. */
int ps_format_field(const struct ps_packet *pkt, size_t idx, const char *name,
                    char *out, size_t cap);
/* A UINT field's value as ps_field_value gives it; false when there is no
 * such field. */
bool ps_field_uint(const struct ps_packet *pkt, size_t idx, const char *name, uint64_t *out);

/* Scapy's repr(): "<Ether  dst=... type=IPv4 |<IP  ... |>>", every field
 * the packet holds, by its i2repr; no newline. */
int ps_repr(const struct ps_packet *pkt, char *out, size_t cap);

/* For the protocols' mysummary hooks: sprintf("%Layer.name%") of layer idx
 * appended to b; "%L.src% > %L.dst%"; isinstance(self.underlayer, name);
 * "%Under.src% > %Under.dst% " when layer idx sits on an `under`, else nothing. */
void ps_put_field(struct ps_strbuf *b, const struct ps_packet *pkt, size_t idx, const char *name);
void ps_put_src_dst(struct ps_strbuf *b, const struct ps_packet *pkt, size_t idx);
bool ps_under_is(const struct ps_packet *pkt, size_t idx, const char *name);
void ps_put_src_dst_under(struct ps_strbuf *b, const struct ps_packet *pkt, size_t idx,
                          const char *under);

/* Bytes of a name or text as they are, but a control byte (a NUL from a
 * malformed frame, which a C string cannot hold) as \xNN. */
void ps_put_name_bytes(struct ps_strbuf *b, const uint8_t *p, size_t n);

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
/* Whether that Raw is the payload of the list's last element, not an
 * element of its own (ps_proto.rest_is_payload). */
bool ps_leftover_is_payload(const struct ps_fval *v);

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
