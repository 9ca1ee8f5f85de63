/* Many params' holes from two recordings (emit_joint.h): a recording costs
 * the whole spec, so one per param made emit grow with the cube of their
 * number. */
#include <stdlib.h>
#include <string.h>

#include "emit_joint.h"
#include "value.h"

struct joint {
    const struct emit_rec *base;
    const struct emit_source *src;
    struct emit_param *params;
    bool *done;
    uint8_t *width;     /* each param's bytes in this stage's recordings */
    uint8_t *guess;     /* stage 1: an integer's width for stage 2 (0: none) */
    bool *settled1;     /* stage 1 found its holes at width[] */
};

/* Param j's made-up key (which 0 or 1) over len bytes: even bytes (a
 * MAC's I/G bit stays), never 0 or 128, the two keys apart in every byte;
 * the first three bytes spell j in base 126, so params of equal values
 * differ in their made-up ones (within 126^len of each other). */
static void key_of(size_t j, uint8_t len, int which, uint8_t key[16])
{
    for (uint8_t b = 0; b < len; b++) {
        size_t d = j;
        for (uint8_t k = 0; k < b && k < 3; k++)
            d /= 126;
        d = b < 3 ? (d + 44) % 126 : 44; /* 44: 0x5a, the single param's key */
        uint8_t k0 = (uint8_t)(d < 63 ? 2 + 2 * d : 130 + 2 * (d - 63));
        key[b] = which ? (uint8_t)(256 - k0) : k0;
    }
}

static const struct ps_value *value_of(const struct joint *J, size_t j)
{
    return &J->params[j].st->expr->value;
}

static int cmp_values(const void *a, const void *b)
{
    const struct emit_hole_value *x = a, *y = b;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    int c = memcmp(x->base, y->base, x->len);
    if (!c)
        c = memcmp(x->v0, y->v0, x->len);
    return c ? c : memcmp(x->v1, y->v1, x->len);
}

/* Whether two of the values are the same three (then no diff tells them apart). */
static bool values_clash(const struct emit_hole_value *hv, size_t n)
{
    struct emit_hole_value *s = malloc((n + 1) * sizeof *s);
    if (!s)
        abort();
    memcpy(s, hv, n * sizeof *s);
    qsort(s, n, sizeof *s, cmp_values);
    bool clash = false;
    for (size_t i = 1; i < n && !clash; i++)
        clash = cmp_values(&s[i - 1], &s[i]) == 0;
    free(s);
    return clash;
}

static enum emit_pv_kind kind_of(enum ps_type t)
{
    switch (t) {
    case PT_IP4: return EP_IP4;
    case PT_IP6: return EP_IP6;
    case PT_MAC: return EP_MAC;
    default: return EP_INT;
    }
}

/* Stage 1: the widest of 4 and 2 bytes an integer's holes (of width w
 * here) could have, their bytes before each hole being the value's own. */
static void guess_width(struct joint *J, size_t j)
{
    const struct ps_value *v = value_of(J, j);
    const struct emit_patches *pp = &J->params[j].patches;
    uint8_t w = J->width[j];
    if (v->t != PT_INT) {
        J->guess[j] = w;
        return;
    }
    bool ok[5] = {false};
    for (uint8_t g = 4; g > w; g /= 2)
        ok[g] = !(v->u >> (8 * g));
    for (size_t i = 0; i < pp->npatches; i++) {
        const struct emit_patch *p = &pp->patches[i];
        const uint8_t *b = J->base->frames[p->frame].bytes;
        for (size_t h = 0; h < p->nholes; h++) {
            const struct emit_hole *hole = &pp->holes[p->first_hole + h];
            if (hole->kind != EH_PARAM)
                continue;
            for (uint8_t g = 4; g > w; g /= 2) {
                uint8_t bytes[16];
                emit_param_bytes(v, g, bytes);
                ok[g] = ok[g] && hole->off >= (uint32_t)(g - w) &&
                        memcmp(b + hole->off - (g - w), bytes, g) == 0;
            }
        }
    }
    J->guess[j] = ok[4] ? 4 : ok[2] ? 2 : w;
}

/* Params that share a frame get different colours (greedy, in order;
 * color[m] for the group's m-th): 2, the group is split by colour. */
static int color_apart(const struct emit_patches *jp, size_t n, uint32_t *color)
{
    /* each param's frames, and each frame's params */
    size_t *first = calloc(n + 2, sizeof *first), *pfirst = calloc(jp->npatches + 2, sizeof *pfirst);
    if (!first || !pfirst)
        abort();
    for (size_t i = 0; i < jp->npatches; i++)
        for (size_t h = 0; h < jp->patches[i].nholes; h++) {
            const struct emit_hole *hole = &jp->holes[jp->patches[i].first_hole + h];
            if (hole->kind == EH_PARAM) {
                first[hole->value + 1]++;
                pfirst[i + 1]++;
            }
        }
    for (size_t m = 0; m < n; m++)
        first[m + 1] += first[m];
    for (size_t i = 0; i < jp->npatches; i++)
        pfirst[i + 1] += pfirst[i];
    size_t total = first[n];
    size_t *frames = calloc(total + 1, sizeof *frames), *owners = calloc(total + 1, sizeof *owners);
    size_t *at = calloc(n + 1, sizeof *at);
    bool *used = calloc(n + 2, sizeof *used);
    if (!frames || !owners || !at || !used)
        abort();
    for (size_t i = 0, k = 0; i < jp->npatches; i++)
        for (size_t h = 0; h < jp->patches[i].nholes; h++) {
            const struct emit_hole *hole = &jp->holes[jp->patches[i].first_hole + h];
            if (hole->kind != EH_PARAM)
                continue;
            frames[first[hole->value] + at[hole->value]++] = i;
            owners[k++] = hole->value;
        }
    for (size_t m = 0; m < n; m++)
        color[m] = UINT32_MAX;
    for (size_t m = 0; m < n; m++) {
        for (size_t f = first[m]; f < first[m + 1]; f++)
            for (size_t o = pfirst[frames[f]]; o < pfirst[frames[f] + 1]; o++)
                if (color[owners[o]] != UINT32_MAX)
                    used[color[owners[o]]] = true;
        uint32_t c = 0;
        while (used[c])
            c++;
        color[m] = c;
        for (size_t f = first[m]; f < first[m + 1]; f++)
            for (size_t o = pfirst[frames[f]]; o < pfirst[frames[f] + 1]; o++)
                if (color[owners[o]] != UINT32_MAX)
                    used[color[owners[o]]] = false;
    }
    free(first);
    free(pfirst);
    free(frames);
    free(owners);
    free(at);
    free(used);
    return 2;
}

/* Two recordings of the group's params at their widths: 1 when they
 * settle (each param's holes, or for all "does not compile twice"), 2
 * when params share frames (color[] says how to split them), 0 when the
 * group must be split in two. */
static int try_group(struct joint *J, const size_t *ids, size_t n, int stage, uint32_t *color)
{
    int rc = 0;
    struct emit_hole_value *hv = calloc(n + 1, sizeof *hv);
    struct ps_define *set = calloc(n + 1, sizeof *set);
    char (*text)[64] = calloc(n + 1, sizeof *text);
    uint32_t *owner = NULL;
    struct emit_rec rec[2];
    int got = 0;
    struct emit_patches jp = {0};
    if (!hv || !set || !text)
        abort();
    for (size_t m = 0; m < n; m++) {
        const struct ps_value *v = value_of(J, ids[m]);
        uint8_t len = J->width[ids[m]], k0[16], k1[16];
        key_of(ids[m], len, 0, k0);
        key_of(ids[m], len, 1, k1);
        hv[m] = (struct emit_hole_value){.kind = EH_PARAM, .len = len};
        emit_param_bytes(v, len, hv[m].base);
        for (uint8_t b = 0; b < len; b++) {
            hv[m].v0[b] = hv[m].base[b] ^ k0[b];
            hv[m].v1[b] = hv[m].base[b] ^ k1[b];
        }
    }
    if (values_clash(hv, n))
        goto out;
    for (int k = 0; k < 2; k++) {
        for (size_t m = 0; m < n; m++) {
            uint8_t key[16];
            key_of(ids[m], J->width[ids[m]], k, key);
            emit_param_text(value_of(J, ids[m]), J->width[ids[m]], key, text[m]);
            set[m] = (struct ps_define){J->params[ids[m]].name, text[m]};
        }
        int ok = emit_record_defs(J->base, J->src, set, n, &rec[k]);
        if (ok < 0) {
            /* no value of any param can be tried: as find_one says */
            for (size_t m = 0; m < n; m++) {
                J->params[ids[m]].kind = EP_FIXED;
                J->params[ids[m]].fixed = emit_not_again;
                J->done[ids[m]] = true;
            }
            rc = 1;
            goto out;
        }
        if (ok == 0)
            goto out;
        got++;
    }
    if (emit_how_it_differs(J->base, &rec[0]) || emit_how_it_differs(J->base, &rec[1]) ||
        emit_find_holes(J->base, &rec[0], &rec[1], hv, n, false, &jp) < 0)
        goto out;
    /* each patched frame must be one param's, wholly explained; frames of
     * several make the group split by colour (color_apart) */
    owner = calloc(jp.npatches + 1, sizeof *owner);
    if (!owner)
        abort();
    bool shared = false;
    for (size_t i = 0; i < jp.npatches; i++) {
        const struct emit_patch *p = &jp.patches[i];
        bool several = false;
        owner[i] = UINT32_MAX;
        for (size_t h = 0; h < p->nholes; h++) {
            const struct emit_hole *hole = &jp.holes[p->first_hole + h];
            if (hole->kind != EH_PARAM)
                continue;
            several |= owner[i] != UINT32_MAX && owner[i] != hole->value;
            owner[i] = hole->value;
        }
        if (p->unexplained && !several)
            goto out;
        shared |= several;
    }
    if (shared) {
        rc = color_apart(&jp, n, color);
        goto out;
    }
    /* a summary that moved is in a frame of one param's */
    bool *varies = calloc(n + 1, sizeof *varies);
    if (!varies)
        abort();
    for (size_t f = 0, i = 0; f < J->base->nframes; f++) {
        while (i < jp.npatches && jp.patches[i].frame < f)
            i++;
        if (strcmp(J->base->frames[f].summary, rec[0].frames[f].summary) == 0 &&
            strcmp(J->base->frames[f].summary, rec[1].frames[f].summary) == 0)
            continue;
        if (i == jp.npatches || jp.patches[i].frame != f) {
            free(varies);
            goto out;
        }
        varies[owner[i]] = true;
    }
    for (size_t m = 0; m < n; m++) {
        struct emit_param *p = &J->params[ids[m]];
        memset(&p->patches, 0, sizeof p->patches);
        p->kind = kind_of(value_of(J, ids[m])->t);
        p->fixed = NULL;
        p->len = J->width[ids[m]];
        p->summaries_vary = varies[m];
    }
    free(varies);
    for (size_t i = 0; i < jp.npatches; i++) {
        const struct emit_patch *q = &jp.patches[i];
        emit_patches_add(&J->params[ids[owner[i]]].patches, q->frame, jp.holes + q->first_hole,
                         q->nholes, q->nfixes ? jp.fixes + q->first_fix : NULL, q->nfixes, false);
    }
    for (size_t m = 0; m < n; m++) {
        if (stage == 1) {
            J->settled1[ids[m]] = true;
            guess_width(J, ids[m]);
        } else {
            J->done[ids[m]] = true;
        }
    }
    rc = 1;
out:
    for (int k = 0; k < got; k++)
        emit_record_free(&rec[k]);
    emit_patches_free(&jp);
    free(owner);
    free(hv);
    free(set);
    free(text);
    return rc;
}

static void settle(struct joint *J, size_t *ids, size_t n, int stage)
{
    if (n == 0)
        return;
    uint32_t *color = calloc(n + 1, sizeof *color);
    if (!color)
        abort();
    int rc = try_group(J, ids, n, stage, color);
    if (rc == 2) {
        /* each colour's params, in order, settle as a group of their own */
        size_t *sub = calloc(n + 1, sizeof *sub);
        if (!sub)
            abort();
        for (uint32_t c = 0;; c++) {
            size_t k = 0;
            for (size_t m = 0; m < n; m++)
                if (color[m] == c)
                    sub[k++] = ids[m];
            if (!k)
                break;
            if (k == n) /* no split: halves instead */
                rc = 0;
            else
                settle(J, sub, k, stage);
        }
        free(sub);
    }
    free(color);
    if (rc == 0 && n > 1) {
        settle(J, ids, n / 2, stage);
        settle(J, ids + n / 2, n - n / 2, stage);
    }
}

void emit_params_joint(const struct emit_rec *base, const struct emit_source *src,
                       struct emit_param *params, size_t n, bool *done)
{
    struct joint J = {base, src, params, done, calloc(n + 1, 1), calloc(n + 1, 1),
                      calloc(n + 1, sizeof(bool))};
    size_t *ids = calloc(n + 1, sizeof *ids);
    if (!J.width || !J.guess || !J.settled1 || !ids)
        abort();
    size_t m = 0;
    for (size_t j = 0; j < n; j++) {
        const struct ps_value *v = &params[j].st->expr->value;
        if (params[j].st->kind == S_LABPARAM)
            continue;
        switch (v->t) {
        case PT_IP4: J.width[j] = 4; break;
        case PT_IP6: J.width[j] = 16; break;
        case PT_MAC: J.width[j] = 6; break;
        case PT_INT: J.width[j] = v->u < 0x100 ? 1 : v->u < 0x10000 ? 2 : v->u >> 32 ? 0 : 4; break;
        default: break;
        }
        if (J.width[j])
            ids[m++] = j;
    }
    /* stage 1: the holes at the narrowest width, and a guess of the widest */
    settle(&J, ids, m, 1);
    size_t m2 = 0;
    for (size_t i = 0; i < m; i++) {
        size_t j = ids[i];
        if (!J.settled1[j])
            continue;
        if (J.guess[j] == J.width[j]) {
            done[j] = true;
            continue;
        }
        emit_patches_free(&params[j].patches);
        memset(&params[j].patches, 0, sizeof params[j].patches);
        params[j].kind = EP_FIXED;
        J.width[j] = J.guess[j];
        ids[m2++] = j;
    }
    /* stage 2: the guessed widths, checked as stage 1 checked its own */
    settle(&J, ids, m2, 2);
    free(ids);
    free(J.width);
    free(J.guess);
    free(J.settled1);
}
