#include "plan.h"

#include "csum.h"

#include <stdlib.h>
#include <string.h>

/* Scratch for building a plan; big, so it lives on the heap once per plan. */
struct scratch {
    struct ps_packet pkt;
    struct ps_packet base_pkt;
    struct ps_fieldmap map;
    uint8_t frame[PS_MAX_FRAME];
};

static const struct ps_fieldpos *find_pos(const struct ps_fieldmap *m, size_t layer, size_t field)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->pos[i].layer == layer && m->pos[i].field == field)
            return &m->pos[i];
    return NULL;
}

/* The auto 16-bit field (a checksum) that holds byte `at`, or NULL. */
static const struct ps_fieldpos *checksum_at(const struct ps_fieldmap *m,
                                             const struct ps_packet *p, size_t at)
{
    for (size_t i = 0; i < m->n; i++) {
        const struct ps_fieldpos *fp = &m->pos[i];
        const struct ps_layer *l = &p->layers[fp->layer];
        const struct ps_field *f = &l->proto->fields[fp->field];
        if (fp->nbits == 16 && fp->bit % 8 == 0 && at * 8 >= fp->bit && at * 8 < fp->bit + 16 &&
            f->is_auto && !l->v[fp->field].set)
            return fp;
    }
    return NULL;
}

/* The auto CRC-32C field that holds byte `at`, or NULL. */
static const struct ps_fieldpos *crc_at(const struct ps_fieldmap *m, const struct ps_packet *p,
                                        size_t at)
{
    for (size_t i = 0; i < m->n; i++) {
        const struct ps_fieldpos *fp = &m->pos[i];
        const struct ps_layer *l = &p->layers[fp->layer];
        const struct ps_field *f = &l->proto->fields[fp->field];
        if (f->crc32c && fp->nbits == 32 && fp->bit % 8 == 0 && at * 8 >= fp->bit &&
            at * 8 < fp->bit + 32 && !l->v[fp->field].set)
            return fp;
    }
    return NULL;
}

/* Records the CRC at cs for recomputing: over its layer, from its first
 * field to the end of the frame before any trailer (Padding). */
static bool add_crc(struct ps_plan *plan, const struct ps_fieldpos *cs,
                    const struct ps_fieldmap *m, const struct ps_packet *p)
{
    uint32_t at = cs->bit / 8, from = UINT32_MAX, to = (uint32_t)plan->len;
    for (size_t k = 0; k < plan->ncrcs; k++)
        if (plan->crcs[k].at == at)
            return true;
    for (size_t i = 0; i < m->n; i++) {
        const struct ps_fieldpos *fp = &m->pos[i];
        if (fp->layer == cs->layer && fp->bit / 8 < from)
            from = fp->bit / 8;
        if (fp->layer > cs->layer && p->layers[fp->layer].proto->trailer && fp->bit / 8 < to)
            to = fp->bit / 8;
    }
    if (plan->ncrcs == PS_PLAN_MAX_CSUMS || from > at || to < at + 4)
        return false;
    plan->crcs[plan->ncrcs++] = (struct ps_plan_crc){at, from, to};
    return true;
}

static long encode_member(struct scratch *s, const struct ps_tpkt *t, uint64_t i,
                          const struct ps_env *env, bool map)
{
    uint64_t rng = 1;
    ps_tpkt_member(t, i, &rng, &s->pkt);
    return ps_encode_mapped(&s->pkt, env, s->frame, sizeof s->frame, NULL, map ? &s->map : NULL);
}

static bool add_checksum(struct ps_plan_var *v, const struct ps_fieldpos *cs,
                         const struct ps_field *f)
{
    uint32_t off = cs->bit / 8;
    for (size_t k = 0; k < v->ncsum; k++)
        if (v->csum[k] == off)
            return true;
    if (v->ncsum == PS_PLAN_MAX_CSUMS)
        return false;
    v->csum_ffff[v->ncsum] = f->csum_zero_ffff;
    v->csum[v->ncsum++] = off;
    return true;
}

/* The checksums that change when v changes: found by building the frame with
 * v's first, second and last values and comparing. Anything else that moves
 * means v cannot be patched in place. */
static bool find_dependents(struct ps_plan *plan, struct ps_plan_var *v, struct scratch *s,
                            const struct ps_env *env, const struct ps_fieldmap *base_map)
{
    uint64_t picks[2] = {1, v->choices - 1};
    for (int k = 0; k < 2; k++) {
        long len = encode_member(s, plan->t, picks[k] * v->stride, env, false);
        if (len != (long)plan->len)
            return false;
        size_t first = v->bit / 8, last = (v->bit + v->nbits - 1) / 8;
        for (size_t b = 0; b < plan->len; b++) {
            if (s->frame[b] == plan->base[b] || (b >= first && b <= last))
                continue;
            /* The base member's map holds: the lengths agree. */
            const struct ps_fieldpos *cs = checksum_at(base_map, &s->base_pkt, b);
            const struct ps_fieldpos *crc = cs ? NULL : crc_at(base_map, &s->base_pkt, b);
            if (crc && add_crc(plan, crc, base_map, &s->base_pkt))
                continue;
            if (!cs ||
                !add_checksum(v, cs, &s->base_pkt.layers[cs->layer].proto->fields[cs->field]))
                return false;
        }
    }
    return true;
}

static void put_bits(uint8_t *frame, uint32_t bit, uint32_t nbits, uint64_t value)
{
    for (uint32_t k = 0; k < nbits; k++) {
        uint32_t b = bit + k;
        uint8_t mask = (uint8_t)(0x80 >> (b % 8));
        if ((value >> (nbits - 1 - k)) & 1)
            frame[b / 8] |= mask;
        else
            frame[b / 8] &= (uint8_t)~mask;
    }
}

static uint32_t sum_words(const uint8_t *frame, size_t from, size_t to)
{
    uint32_t sum = 0;
    for (size_t b = from & ~(size_t)1; b < to; b += 2)
        sum += (uint32_t)(frame[b] << 8 | frame[b + 1]);
    return sum;
}

static uint16_t fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)sum;
}

/* Writes value number k of v into frame, fixing its checksums (RFC 1624:
 * HC' = ~(~HC + ~m + m')). */
static void patch(const struct ps_plan *plan, const struct ps_plan_var *v, uint64_t k,
                  uint8_t *frame)
{
    const struct ps_tlayer *l = plan->t->layers[v->layer];
    const struct ps_field *f = &l->proto->fields[v->field];
    struct ps_fval val;
    uint64_t rng = 1;
    ps_tfield_member(l, v->field, k, &rng, &val);
    size_t from = v->bit / 8, to = (v->bit + v->nbits + 7) / 8;
    size_t wto = to + (to & 1);
    uint16_t old = fold(sum_words(frame, from, wto));
    if (f->kind == PS_K_UINT)
        put_bits(frame, v->bit, v->nbits, val.u);
    else
        memcpy(frame + from, val.addr, v->nbits / 8);
    uint16_t now = fold(sum_words(frame, from, wto));
    for (size_t c = 0; c < v->ncsum; c++) {
        uint8_t *p = frame + v->csum[c];
        uint16_t hc = (uint16_t)(p[0] << 8 | p[1]);
        uint16_t next = (uint16_t)~fold((uint32_t)(uint16_t)~hc + (uint16_t)~old + now);
        if (next == 0 && v->csum_ffff[c])
            next = 0xffff;
        p[0] = (uint8_t)(next >> 8);
        p[1] = (uint8_t)next;
    }
}

size_t ps_plan_member(const struct ps_plan *plan, uint64_t i, uint8_t *out)
{
    memcpy(out, plan->base, plan->len);
    for (size_t k = 0; k < plan->nvars; k++) {
        const struct ps_plan_var *v = &plan->vars[k];
        uint64_t digit = (i / v->stride) % v->choices;
        if (digit)
            patch(plan, v, digit, out);
    }
    for (size_t k = 0; k < plan->ncrcs; k++) {
        const struct ps_plan_crc *c = &plan->crcs[k];
        memset(out + c->at, 0, 4);
        uint32_t crc = ps_crc32c(out + c->from, c->to - c->from);
        for (int b = 0; b < 4; b++)
            out[c->at + b] = (uint8_t)(crc >> (8 * b));
    }
    return plan->len;
}

/* Variables in the set's order: the first field of the last layer varies fastest. */
static bool collect_vars(struct ps_plan *plan, const struct ps_fieldmap *map)
{
    const struct ps_tpkt *t = plan->t;
    uint64_t stride = 1;
    for (size_t li = t->n; li-- > 0;) {
        const struct ps_tlayer *l = t->layers[li];
        for (size_t f = 0; f < l->proto->nfields; f++) {
            if (l->f[f].src == FS_RANDOM)
                return false;
            uint64_t c = ps_tfield_choices(l, f);
            if (c <= 1)
                continue;
            const struct ps_fieldpos *fp = find_pos(map, li, f);
            enum ps_kind kind = l->proto->fields[f].kind;
            /* An address is patched from its value where the field wrote
             * one (a variant of it, ps_field.variant, may write a string). */
            uint32_t width = kind == PS_K_MAC ? 48 : kind == PS_K_IPV4 ? 32 : 128;
            if (!fp || plan->nvars == PS_PLAN_MAX_VARS || kind == PS_K_BYTES ||
                kind == PS_K_OPTIONS || kind == PS_K_LAYERS ||
                (kind != PS_K_UINT && (fp->bit % 8 != 0 || fp->nbits != width)))
                return false;
            plan->vars[plan->nvars++] = (struct ps_plan_var){
                .layer = (uint16_t)li, .field = (uint16_t)f, .choices = c, .stride = stride,
                .bit = fp->bit, .nbits = fp->nbits};
            stride *= c;
        }
    }
    return true;
}

static bool matches_encoder(const struct ps_plan *plan, struct scratch *s, const struct ps_env *env,
                            uint64_t i, uint8_t *out)
{
    long len = encode_member(s, plan->t, i, env, false);
    size_t n = ps_plan_member(plan, i, out);
    return len == (long)n && memcmp(out, s->frame, n) == 0;
}

/* Every member of a small set, or a sample of a large one: the first, the
 * last, and a spread between. */
static bool check_plan(const struct ps_plan *plan, struct scratch *s, const struct ps_env *env)
{
    uint8_t *out = malloc(PS_MAX_FRAME);
    if (!out)
        return false;
    bool ok = true;
    uint64_t n = plan->count;
    for (uint64_t k = 0; k < 256 && ok; k++) {
        uint64_t i = n <= 256 ? k : k < 128 ? k : n - 1 - (k - 128) * ((n - 129) / 128);
        if (i >= n)
            break;
        ok = matches_encoder(plan, s, env, i, out);
    }
    free(out);
    return ok;
}

struct ps_plan *ps_plan_build(const struct ps_tpkt *t, const struct ps_env *env)
{
    uint64_t count = ps_tpkt_count(t);
    if (count < 2 || count == UINT64_MAX)
        return NULL;
    struct ps_plan *plan = calloc(1, sizeof *plan);
    struct scratch *s = malloc(sizeof *s);
    struct ps_fieldmap *base_map = malloc(sizeof *base_map);
    bool ok = plan && s && base_map;
    if (ok) {
        plan->t = t;
        plan->count = count;
        long len = encode_member(s, t, 0, env, true);
        ok = len >= 0;
        if (ok) {
            plan->len = (size_t)len;
            memcpy(plan->base, s->frame, plan->len);
            *base_map = s->map;
            s->base_pkt = s->pkt;
            ok = collect_vars(plan, base_map);
        }
    }
    for (size_t k = 0; ok && k < plan->nvars; k++)
        ok = find_dependents(plan, &plan->vars[k], s, env, base_map);
    ok = ok && check_plan(plan, s, env);
    free(s);
    free(base_map);
    if (!ok) {
        free(plan);
        return NULL;
    }
    return plan;
}

void ps_plan_free(struct ps_plan *plan)
{
    free(plan);
}
