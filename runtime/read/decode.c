/* Dissection as Scapy's Packet.dissect does it, without recursion: each layer
 * reads its fields from the table, bounds its payload by its length field
 * (extract_padding), and names the next class by the bindings (bottom-up)
 * or its guess_payload hook. A header that does not fit ends the walk: its
 * bytes become Raw, as Scapy falls back to conf.raw_layer when a dissector
 * raises. Paddings are appended last, the innermost first, since Scapy adds
 * each one to the end of the payload chain as the recursion unwinds. */
#include "decode.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "linktype.h"

/* Elements of a layer list nest no deeper than this (a DHCPv6 relay's
 * message holds options holding suboptions holding vendor options). */
#define MAX_SUB_DEPTH 4

struct span {
    size_t start, end;
};

/* Only the values the table has are cleared: a layer is 4 KB. */
static void layer_start(struct ps_layer *l, const struct ps_proto *p)
{
    size_t n = p->nfields < PS_MAX_FIELDS ? p->nfields : PS_MAX_FIELDS;
    l->proto = p;
    memset(l->v, 0, n * sizeof l->v[0]);
}

static uint64_t read_bits(const uint8_t *p, size_t bitpos, unsigned bits)
{
    uint64_t v = 0;
    while (bits) {
        unsigned off = (unsigned)(bitpos & 7);
        unsigned take = 8 - off < bits ? 8 - off : bits;
        unsigned chunk = (unsigned)(p[bitpos >> 3] >> (8 - off - take)) & ((1u << take) - 1);
        v = (v << take) | chunk;
        bits -= take;
        bitpos += take;
    }
    return v;
}

/* Byte length of variable field fi (read as f), before cutting it to the
 * frame. */
static size_t variable_len(const struct ps_layer *l, size_t fi, const struct ps_field *f,
                           size_t rest)
{
    const struct ps_proto *p = l->proto;
    size_t n;
    if (f->len_from && f->len_from(l, &n))
        return n;
    if (p->options_len) {
        size_t k = p->options_len(l, fi);
        if (!PS_LEN_IS_ALL_BUT(k))
            return k;
        k -= PS_LEN_BUT_BASE;
        return k < rest ? rest - k : 0;
    }
    for (size_t j = 0; j < fi; j++) {
        const struct ps_field *lf = &p->fields[j];
        if (lf->kind == PS_K_UINT && lf->length_of && l->v[j].set &&
            strcmp(lf->length_of, f->name) == 0) {
            int64_t n = (int64_t)l->v[j].u - lf->len_adjust;
            return n > 0 ? (size_t)n : 0;
        }
    }
    return f->kind == PS_K_BYTES ? rest : 0;
}

/* A class an element hook or a guess names; none for Raw or Padding, whose
 * bytes stay the list's leftover (shown as Raw, given back as bytes). */
static const struct ps_proto *list_class(const char *name)
{
    if (!name || strcmp(name, "Raw") == 0 || strcmp(name, "Padding") == 0)
        return NULL;
    return ps_proto_find(name);
}

/* The class of a layer list's element at p: the field's element hook, or
 * its elem_class hook's class to dispatch from, the sub_class's dispatch hook,
 * else the member of that class whose first-byte defaults are these bits,
 * else the sub_class itself. */
static const struct ps_proto *element_class(const struct ps_field *f, const uint8_t *p, size_t n)
{
    const char *sub_class = f->sub_class;
    if (f->element)
        return list_class(f->element(p, n));
    const char *chosen = f->elem_class ? f->elem_class(p, n) : NULL;
    if (chosen)
        sub_class = chosen;
    const struct ps_proto *base = ps_proto_find(sub_class);
    if (!base) {
        /* A class that is no layer of its own (SCTP's chunk parameters, a
         * PacketListField whose m2i picks the class): a member dispatches. */
        size_t count;
        const struct ps_proto *const *all = ps_proto_all(&count);
        for (size_t i = 0; i < count && !base; i++)
            if (all[i]->klass && all[i]->dispatch && strcmp(all[i]->klass, sub_class) == 0)
                base = all[i];
    }
    if (base && base->dispatch) {
        const char *name = base->dispatch(p, n);
        const struct ps_proto *d = name ? ps_proto_find(name) : NULL;
        return d ? d : base;
    }
    size_t count;
    const struct ps_proto *const *all = ps_proto_all(&count);
    for (size_t i = 0; i < count && n > 0; i++) {
        const struct ps_proto *c = all[i];
        if (!c->klass || strcmp(c->klass, sub_class) != 0 || c == base)
            continue;
        unsigned bit = 0;
        bool match = true;
        for (size_t fi = 0; fi < c->nfields && bit < 8; fi++) {
            const struct ps_field *f = &c->fields[fi];
            if (f->kind != PS_K_UINT || f->is_auto || f->bits_for || bit + f->bits > 8) {
                match = false;
                break;
            }
            if (read_bits(p, bit, f->bits) != f->def)
                match = false;
            bit += f->bits;
        }
        if (match && bit == 8)
            return c;
    }
    return base;
}

static long decode_fields(const struct ps_proto *proto, const uint8_t *buf, size_t avail,
                          struct ps_layer *l, struct ps_decode_room *room, int depth,
                          const struct ps_proto *under);

/* Whether a layer of class c holds a layer list (its elements nest). */
static bool has_layer_list(const struct ps_proto *c)
{
    for (size_t fi = 0; fi < c->nfields; fi++)
        if (c->fields[fi].kind == PS_K_LAYERS)
            return true;
    return false;
}

/* The class of element k of list f at p[0..n): a chain's later elements
 * are the payload the element before guesses. */
static const struct ps_proto *next_element(const struct ps_field *f, const struct ps_layer *prev,
                                           const uint8_t *p, size_t n)
{
    if (f->chain && prev && prev->proto->guess_payload_from)
        return list_class(prev->proto->guess_payload_from(prev, NULL, p, n));
    return element_class(f, p, n);
}

/* Fills layer list field v from bytes [p, p+n): elements while they decode,
 * room lasts and fewer than `most` are read; the bytes left over stay in
 * v->bytes. Returns the bytes the elements took. The elements of one list
 * lie side by side in room, so those whose own lists nest are read twice:
 * first without their lists (every element's place taken), then again
 * with them, which go after. */
static size_t decode_elements(const struct ps_field *f, const uint8_t *p, size_t n,
                              struct ps_fval *v, struct ps_decode_room *room, int depth,
                              size_t most)
{
    size_t pos = 0;
    v->sub = NULL;
    v->nsub = 0;
    if (room && room->subs && depth < MAX_SUB_DEPTH && f->sub_class) {
        v->sub = room->subs + room->subs_used;
        size_t first = room->subs_used;
        bool nests = false;
        while (pos < n && room->subs_used < room->subs_cap && v->nsub < most) {
            const struct ps_layer *prev = v->nsub ? &room->subs[room->subs_used - 1] : NULL;
            const struct ps_proto *c = next_element(f, prev, p + pos, n - pos);
            if (!c)
                break;
            struct ps_layer *e = &room->subs[room->subs_used];
            bool nested = depth + 1 < MAX_SUB_DEPTH && has_layer_list(c);
            long h = decode_fields(c, p + pos, n - pos, e, nested ? NULL : room, depth + 1, NULL);
            if (h <= 0)
                break;
            nests = nests || nested;
            pos += (size_t)h;
            room->subs_used++;
            v->nsub++;
            if (c->rest_is_payload)
                break;
        }
        for (size_t k = 0, at = 0; nests && k < v->nsub; k++) {
            struct ps_layer *e = &room->subs[first + k], tmp;
            bool again = has_layer_list(e->proto);
            /* An element read once is only measured again. */
            long h = decode_fields(e->proto, p + at, n - at, again ? e : &tmp, again ? room : NULL,
                                   depth + 1, NULL);
            at += h > 0 ? (size_t)h : 0;
        }
        if (!v->nsub)
            v->sub = NULL;
    }
    v->bytes = pos < n ? p + pos : NULL;
    v->len = n - pos;
    return pos;
}

/* The count an earlier field of l gives layer list field fi (Scapy's
 * PacketListField count_from: a FieldLenField count_of it), or SIZE_MAX. */
static size_t element_count(const struct ps_layer *l, size_t fi)
{
    const struct ps_proto *p = l->proto;
    for (size_t j = 0; j < fi; j++)
        if (p->fields[j].count_of && l->v[j].set &&
            strcmp(p->fields[j].count_of, p->fields[fi].name) == 0)
            return p->fields[fi].nested && l->v[j].u ? SIZE_MAX : (size_t)l->v[j].u;
    return SIZE_MAX;
}

/* Whether `under` (the layer below; NULL for a list element) is `name` or
 * aliased to it: a field's only_on. */
static bool under_is(const struct ps_proto *under, const char *name)
{
    return under && (strcmp(under->name, name) == 0 ||
                     (under->alias && strcmp(under->alias, name) == 0));
}

/* The bytes a field of n bytes takes with the pad after it, of `rest`
 * left: Scapy's PadField.getfield skips to the alignment, or to the end. */
static size_t pad_after(const struct ps_field *f, size_t n, size_t rest)
{
    if (f->kind != PS_K_BYTES || f->pad_to < 2)
        return n;
    size_t pad = (f->pad_to - n % f->pad_to) % f->pad_to;
    return n + pad < rest ? n + pad : rest;
}

/* Reads proto's fields from buf (avail bytes) into l, `under` being the
 * layer below. Returns the bytes the header took, or -1 when the bytes end
 * inside a field. */
static long decode_fields(const struct ps_proto *proto, const uint8_t *buf, size_t avail,
                          struct ps_layer *l, struct ps_decode_room *room, int depth,
                          const struct ps_proto *under)
{
    size_t bit = 0;
    bool passed_on = false;
    layer_start(l, proto);
    for (size_t fi = 0; fi < proto->nfields && fi < PS_MAX_FIELDS; fi++) {
        const struct ps_field *tf = &proto->fields[fi];
        /* A MultipleTypeField reads as the fields before it say. */
        const struct ps_field *f = tf->variant ? ps_layer_field(l, fi) : tf;
        struct ps_fval *v = &l->v[fi];
        /* Scapy's do_dissect stops when the bytes end between two fields:
         * the layer stands, the fields not reached keep their defaults.
         * A list read by a hook hands the next field its whole input (DNS's
         * record lists pass (s, p) on), so a hook after it still runs. */
        if (bit == avail * 8 && !(passed_on && f->decode))
            break;
        if (tf->only_on ? !under_is(under, tf->only_on) : tf->present && !tf->present(l))
            continue;
        if (f->decode) {
            size_t off = (bit + 7) / 8;
            long n = f->decode(buf, avail, off, l, v, room);
            if (n < 0 || (size_t)n > avail - off)
                return -1;
            v->set = true;
            bit = (off + pad_after(f, (size_t)n, avail - off)) * 8;
            passed_on = f->kind == PS_K_LAYERS;
            continue;
        }
        passed_on = false;
        if (f->kind == PS_K_UINT) {
            unsigned bits = f->bits_for ? f->bits_for(l) : f->bits;
            if (bits == 0) {
                /* Nothing on the wire, yet getfield stores a value while
                 * bytes remain (_PhantomAutoPadField: 1, its default). */
                v->u = f->def;
                v->set = true;
                continue;
            }
            if (bits > 64 || bit + bits > avail * 8)
                return -1;
            v->u = read_bits(buf, bit, bits);
            v->set = true;
            bit += bits;
            continue;
        }
        /* Everything but a bit field starts on a byte. */
        size_t off = (bit + 7) / 8, rest = avail - off, n;
        switch (f->kind) {
        case PS_K_MAC:
        case PS_K_IPV4:
        case PS_K_IPV6:
            n = f->kind == PS_K_MAC ? 6 : f->kind == PS_K_IPV4 ? 4 : 16;
            if (n > rest)
                return -1;
            memcpy(v->addr, buf + off, n);
            break;
        case PS_K_BYTES:
        case PS_K_OPTIONS:
            /* A short fixed or declared length takes what is there, as
             * Python's slicing does. */
            n = f->kind == PS_K_BYTES && f->bits ? f->bits / 8u : variable_len(l, fi, f, rest);
            if (n > rest)
                n = rest;
            /* IPField.getfield of a short piece: inet_ntoa raises (and
             * IP6ListField's inet_ntop). */
            if ((f->ipv4_list && n % 4) || (f->ipv6_list && n % 16))
                return -1;
            v->bytes = buf + off;
            v->len = n;
            n = pad_after(f, n, rest);
            break;
        case PS_K_LAYERS: {
            n = variable_len(l, fi, f, rest);
            if (n > rest)
                n = rest;
            /* A counted list takes its elements, what follows is payload. */
            size_t most = element_count(l, fi);
            size_t took = decode_elements(f, buf + off, n, v, room, depth, most);
            if (most != SIZE_MAX && v->nsub == most) {
                n = took;
                v->bytes = NULL;
                v->len = 0;
            }
            break;
        }
        default:
            n = 0;
            break;
        }
        v->set = true;
        bit = (off + n) * 8;
    }
    return (long)((bit + 7) / 8);
}

/* ps_decode_room.element */
static long decode_element(const struct ps_proto *c, const uint8_t *p, size_t n,
                           struct ps_layer *e, struct ps_decode_room *room)
{
    return decode_fields(c, p, n, e, room, MAX_SUB_DEPTH, NULL);
}

/* Names in the tables are literals, which the linker usually merges. */
static bool same_name(const char *a, const char *b)
{
    return a == b || (a[0] == b[0] && strcmp(a, b) == 0);
}

/* ps_field_index, with the cheap comparison first: this runs per packet. */
static int field_index(const struct ps_proto *p, const char *name)
{
    for (size_t i = 0; i < p->nfields; i++)
        if (same_name(p->fields[i].name, name))
            return (int)i;
    return -1;
}

/* Whether layer l satisfies one of the bind_layers calls on `lower` in
 * table bd. Consecutive entries with the same lower and different fields
 * are one call (all must hold: IP-in-IP is frag=0 and proto=4); a repeated
 * field or an entry without a field starts the next call (see ps_bind). */
static bool binding_holds(const struct ps_layer *l, const char *lower, const struct ps_bind *bd)
{
    while (bd && bd->lower) {
        if (!same_name(bd->lower, lower)) {
            bd++;
            continue;
        }
        const struct ps_bind *first = bd;
        bool holds = true;
        for (; bd->lower && same_name(bd->lower, lower); bd++) {
            if (!bd->field) {
                bd++;
                break;
            }
            bool repeated = false;
            for (const struct ps_bind *q = first; q < bd && !repeated; q++)
                repeated = same_name(q->field, bd->field);
            if (repeated)
                break;
            if (holds) {
                int fi = field_index(l->proto, bd->field);
                holds = fi >= 0 && ps_layer_uint(l, fi) == bd->value;
            }
        }
        if (holds)
            return true;
    }
    return false;
}

/* The first protocol, in registry order, with a call on `lower` that layer
 * l satisfies: its bindings both ways, then those for dissecting only. */
static const struct ps_proto *bound_upper_named(const struct ps_layer *l, const char *lower)
{
    size_t count;
    const struct ps_proto *const *all = ps_proto_all(&count);
    for (size_t i = 0; i < count; i++)
        if (binding_holds(l, lower, all[i]->binds) ||
            binding_holds(l, lower, all[i]->dissect_binds))
            return all[i];
    return NULL;
}

/* The declared layer with a call (resolved when its program was made: no
 * name is looked up here) that layer l satisfies: on l's own class, or on
 * its alias (then its fields are found by name in l's class). */
static const struct ps_proto *declared_upper(const struct ps_registry *r,
                                             const struct ps_layer *l, bool alias)
{
    for (size_t i = 0; r && i < r->nbinds;) {
        size_t j = i + 1;
        while (j < r->nbinds && !r->binds[j].call_start)
            j++;
        const struct ps_proto *lower = r->binds[i].lower;
        bool holds = alias ? same_name(lower->name, l->proto->alias) : lower == l->proto;
        for (size_t k = i; k < j && holds; k++) {
            int fi = r->binds[k].field;
            if (alias)
                fi = field_index(l->proto, lower->fields[fi].name);
            holds = fi >= 0 && ps_layer_uint(l, fi) == r->binds[k].value;
        }
        if (holds)
            return r->binds[i].upper;
        i = j;
    }
    return NULL;
}

const struct ps_proto *ps_bound_upper(const struct ps_registry *r, const struct ps_layer *l)
{
    const struct ps_proto *up = bound_upper_named(l, l->proto->name);
    if (!up)
        up = declared_upper(r, l, false);
    if (!up && l->proto->alias)
        up = bound_upper_named(l, l->proto->alias);
    if (!up && l->proto->alias)
        up = declared_upper(r, l, true);
    return up;
}

static const struct ps_proto *dispatched(const struct ps_proto *p, const uint8_t *b, size_t n)
{
    if (p && p->dispatch) {
        const char *name = p->dispatch(b, n);
        const struct ps_proto *d = name ? ps_proto_find(name) : NULL;
        if (d)
            return d;
    }
    return p;
}

static const struct ps_proto *payload_class(const struct ps_registry *r, const struct ps_layer *l,
                                            const struct ps_layer *under, const uint8_t *pay,
                                            size_t len)
{
    if (l->proto->guess_payload || l->proto->guess_payload_from) {
        const char *name = l->proto->guess_payload
                               ? l->proto->guess_payload(l)
                               : l->proto->guess_payload_from(l, under, pay, len);
        const struct ps_proto *p = name ? ps_proto_find(name) : NULL;
        if (p)
            return p;
    }
    return ps_bound_upper(r, l);
}

/* Scapy's conf.raw_layer: what no layer claims. */
static const struct ps_proto *raw_class(void)
{
    return ps_proto_find("Raw");
}

/* Python's s[:n] on a payload of `have` bytes. */
static size_t slice_end(long n, size_t have)
{
    if (n >= 0)
        return (size_t)n < have ? (size_t)n : have;
    size_t back = (size_t)-(n + 1) + 1;
    return back < have ? have - back : 0;
}

size_t ps_decode_as(const struct ps_proto *first, const uint8_t *frame, size_t len,
                    struct ps_packet *pkt, struct ps_decode_room *room)
{
    const struct ps_proto *raw = NULL;
    struct span pads[PS_MAX_LAYERS];
    size_t npads = 0, off = 0, end = len;
    const struct ps_proto *p = dispatched(first, frame, len);

    pkt->n = 0;
    if (room) {
        room->subs_used = 0;
        room->element = decode_element;
    }
    if (len == 0 && p) {
        /* Scapy's Ether(b"") dissects nothing: a layer of defaults. */
        layer_start(&pkt->layers[0], p);
        if (room)
            room->start[0] = room->hlen[0] = 0;
        pkt->n = 1;
        return 1;
    }
    while (off < end && p) {
        /* Keep room for a Raw after this layer and for every Padding. */
        if (pkt->n + npads + 3 > PS_MAX_LAYERS)
            p = raw = raw_class();
        struct ps_layer *l = &pkt->layers[pkt->n];
        size_t subs_mark = room ? room->subs_used : 0;
        const struct ps_proto *under = pkt->n ? pkt->layers[pkt->n - 1].proto : NULL;
        long h = p ? decode_fields(p, frame + off, end - off, l, room, 0, under) : -1;
        long declared = 0;
        bool bounded = h >= 0 && p->payload_len && p->payload_len(l, &declared);
        if (bounded && declared == LONG_MIN)
            h = -1; /* extract_padding raised */
        if (h < 0 && (!raw || p != raw)) {
            if (room)
                room->subs_used = subs_mark;
            p = raw = raw_class();
            h = p ? decode_fields(p, frame + off, end - off, l, room, 0, under) : -1;
            bounded = false;
        }
        if (h < 0)
            break;
        if (room) {
            room->start[pkt->n] = off;
            room->hlen[pkt->n] = (size_t)h;
        }
        pkt->n++;
        size_t body = off + (size_t)h, body_end = end;
        if (bounded) {
            body_end = body + slice_end(declared, end - body);
            if (body_end < end)
                pads[npads++] = (struct span){body_end, end};
        }
        if (p->tail_len) {
            /* The trailing field's bytes are the layer's, not its payload's. */
            size_t tail = p->tail_len(l);
            if (tail > body_end - body)
                tail = body_end - body;
            body_end -= tail;
            if (room)
                room->hlen[pkt->n - 1] += tail;
        }
        off = body;
        end = body_end;
        if (off >= end)
            break;
        const struct ps_proto *next = payload_class(room ? room->layers : NULL, l,
                                                    pkt->n >= 2 ? l - 1 : NULL, frame + off,
                                                    end - off);
        p = dispatched(next ? next : (raw = raw_class()), frame + off, end - off);
    }
    while (npads > 0 && pkt->n < PS_MAX_LAYERS) {
        struct span s = pads[--npads];
        const struct ps_proto *pp = ps_proto_find("Padding");
        if (!pp)
            pp = raw_class();
        struct ps_layer *l = &pkt->layers[pkt->n];
        if (!pp || decode_fields(pp, frame + s.start, s.end - s.start, l, room, 0, NULL) < 0)
            break;
        if (room) {
            room->start[pkt->n] = s.start;
            room->hlen[pkt->n] = s.end - s.start;
        }
        pkt->n++;
    }
    for (size_t i = 0; i < pkt->n; i++)
        if (pkt->layers[i].proto->frame_check && !pkt->layers[i].proto->frame_check(pkt, i))
            return ps_decode_as(raw_class(), frame, len, pkt, room);
    return pkt->n;
}

bool ps_layer_bytes_refused(const struct ps_proto *first, const struct ps_packet *pkt,
                            size_t len, char *why, size_t cap)
{
    const struct ps_proto *raw = raw_class();
    if (!len || first == raw || !pkt->n || pkt->layers[0].proto != raw)
        return false;
    snprintf(why, cap, "%s(...): %zu byte%s end inside a field of %s, where Scapy's %s(bytes) "
             "raises", first->name, len, len == 1 ? "" : "s", first->name, first->name);
    return true;
}

size_t ps_decode(const uint8_t *frame, size_t len, int linktype, struct ps_packet *pkt,
                 struct ps_decode_room *room)
{
    const struct ps_proto *first = ps_linktype_proto(linktype, frame, len);
    if (!first)
        first = ps_proto_find("Raw");
    return ps_decode_as(first, frame, len, pkt, room);
}
