/* Hole positions and the checksums over them, by diffing recordings. */
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "emit_holes.h"
#include "proto/proto.h"

/* Bytes no fallback holds (neither 0x00 nor 0xff), distinct per recording. */
void emit_holes_env(int which, struct ps_env *env)
{
    memset(env, 0, sizeof *env);
    env->have_src_mac = env->have_src_ip4 = env->have_src_ip6 = env->have_dst_mac = true;
    uint8_t k = which ? 0x50 : 0x20;
    env->src_mac[0] = env->dst_mac[0] = 0x02;
    for (int i = 1; i < 6; i++) {
        env->src_mac[i] = (uint8_t)(k + 0x0a + i);
        env->dst_mac[i] = (uint8_t)(k + 0x1a + i);
    }
    for (int i = 0; i < 4; i++)
        env->src_ip4[i] = (uint8_t)(k + 0x03 + 7 * i);
    env->src_ip6[0] = 0xfd;
    for (int i = 1; i < 16; i++)
        env->src_ip6[i] = (uint8_t)(k + 0x05 + 3 * i);
}

static const uint8_t *env_value(const struct ps_env *env, int kind)
{
    switch (kind) {
    case EH_SRC_MAC: return env->src_mac;
    case EH_SRC_IP4: return env->src_ip4;
    case EH_SRC_IP6: return env->src_ip6;
    default: return env->dst_mac;
    }
}

/* Scapy's fallbacks in the spec's recording (ff:ff:ff:ff:ff:ff for an
 * unresolved Ether.dst, zeros else), the made-up interfaces' in the others. */
void emit_holes_iface(struct emit_hole_value *values)
{
    static const uint8_t lens[] = {6, 4, 16, 6};
    struct ps_env e0, e1;
    emit_holes_env(0, &e0);
    emit_holes_env(1, &e1);
    for (uint8_t k = 0; k < 4; k++) {
        struct emit_hole_value *v = &values[k];
        v->kind = k;
        v->len = lens[k];
        memset(v->base, k == EH_DST_MAC ? 0xff : 0x00, sizeof v->base);
        memcpy(v->v0, env_value(&e0, k), v->len);
        memcpy(v->v1, env_value(&e1, k), v->len);
    }
}

uint16_t emit_fixed_checksum(const uint8_t *old, const uint8_t *new, uint32_t c,
                             const struct emit_hole *holes, uint32_t mask)
{
    uint32_t acc = (uint16_t) ~(uint16_t)(old[c] << 8 | old[c + 1]);
    for (uint32_t j = 0; mask >> j; j++) {
        if (!(mask >> j & 1))
            continue;
        for (uint32_t b = 0; b < holes[j].len; b++) {
            uint32_t p = holes[j].off + b;
            /* bytes an even distance from the checksum are high halves of its words */
            unsigned shift = (p - c) % 2 ? 0 : 8;
            acc += (0xffffu - ((uint32_t)old[p] << shift)) + ((uint32_t)new[p] << shift);
        }
    }
    while (acc >> 16)
        acc = (acc & 0xffff) + (acc >> 16);
    uint16_t r = (uint16_t)~acc;
    return r ? r : 0xffff; /* both zeros of one's complement check; UDP must not send 0 */
}

static uint16_t at16(const uint8_t *p, uint32_t c)
{
    return (uint16_t)(p[c] << 8 | p[c + 1]);
}

/* The next hop's address for an unset Ether.dst, as live_frames.c's
 * neighbor_of picks it: the layer past Ether and any tags, its
 * neighbor_field. Sets h->hop_off/hop_len, or leaves hop_len 0. */
static void find_hop(const uint8_t *frame, size_t len, const struct emit_hole *holes, size_t nh,
                     struct emit_hole *h, struct ps_packet *pkt, struct ps_layer *subs)
{
    struct ps_decode_room room = {.subs = subs, .subs_cap = 40};
    ps_decode(frame, len, 1, pkt, &room);
    size_t j = 1;
    while (j < pkt->n && pkt->layers[j].proto->neighbor_through)
        j++;
    if (h->off != 0 || j >= pkt->n || !pkt->layers[j].proto->neighbor_field)
        return;
    const struct ps_proto *pr = pkt->layers[j].proto;
    int fi = ps_field_index(pr, pr->neighbor_field);
    if (fi < 0 || (pr->fields[fi].kind != PS_K_IPV4 && pr->fields[fi].kind != PS_K_IPV6))
        return;
    size_t alen = pr->fields[fi].kind == PS_K_IPV4 ? 4 : 16;
    const uint8_t *addr = pkt->layers[j].v[fi].addr;
    size_t end = room.start[j] + room.hlen[j];
    for (size_t at = room.start[j]; at + alen <= end && at + alen <= len; at++) {
        bool clash = false;
        for (size_t k = 0; k < nh; k++)
            clash |= at < holes[k].off + holes[k].len && holes[k].off < at + alen;
        if (!clash && memcmp(frame + at, addr, alen) == 0) {
            h->hop_off = (uint32_t)at;
            h->hop_len = (uint8_t)alen;
            return;
        }
    }
}

/* Room for element n of an array whose capacity doubles from 8 (a
 * joint recording's passes gather thousands of holes). */
static void *push(void *a, size_t n, size_t size)
{
    if (n != 0 && (n < 8 || (n & (n - 1)) != 0))
        return a;
    a = realloc(a, (n ? 2 * n : 8) * size);
    if (!a)
        abort();
    return a;
}

/* The values by their first two bytes (base, v0): a frame's moved byte
 * finds its few candidates at once. */
struct value_index {
    uint32_t *start;    /* 65537 offsets into ids */
    uint32_t *ids;
};

static unsigned value_key(uint8_t base, uint8_t v0)
{
    return (unsigned)base << 8 | v0;
}

static void index_values(struct value_index *ix, const struct emit_hole_value *values, size_t n)
{
    ix->start = calloc(65537, sizeof *ix->start);
    ix->ids = calloc(n + 1, sizeof *ix->ids);
    if (!ix->start || !ix->ids)
        abort();
    for (size_t k = 0; k < n; k++)
        ix->start[value_key(values[k].base[0], values[k].v0[0]) + 1]++;
    for (size_t b = 0; b < 65536; b++)
        ix->start[b + 1] += ix->start[b];
    uint32_t *at = calloc(65536, sizeof *at);
    if (!at)
        abort();
    /* within a bucket, the longest first (a param's shorter value may be the
     * start of another's), then the first given */
    for (unsigned len = 16; len > 0; len--)
        for (size_t k = 0; k < n; k++) {
            if (values[k].len != len)
                continue;
            unsigned key = value_key(values[k].base[0], values[k].v0[0]);
            ix->ids[ix->start[key] + at[key]++] = (uint32_t)k;
        }
    free(at);
}

/* One frame: its holes, then the checksums that explain the other bytes
 * that moved. */
static void one_frame(const uint8_t *b, const uint8_t *f0, const uint8_t *f1, size_t len,
                      const struct emit_hole_value *values, const struct value_index *ix,
                      struct emit_patches *p, struct emit_patch *fp, struct ps_packet *pkt,
                      struct ps_layer *subs)
{
    fp->first_hole = p->nholes;
    fp->first_fix = p->nfixes;
    fp->unexplained = false;
    uint8_t *moved = calloc(len ? len : 1, 1);
    if (!moved)
        abort();
    bool any = false;
    for (size_t i = 0; i < len; i++)
        any |= moved[i] = b[i] != f0[i] || b[i] != f1[i];
    /* every byte of a value moves in both recordings */
    for (size_t i = 0; any && i < len; i++) {
        if (b[i] == f0[i])
            continue;
        unsigned key = value_key(b[i], f0[i]);
        for (uint32_t x = ix->start[key]; x < ix->start[key + 1]; x++) {
            const struct emit_hole_value *v = &values[ix->ids[x]];
            size_t n = v->len;
            if (i + n > len || memcmp(b + i, v->base, n) || memcmp(f0 + i, v->v0, n) ||
                memcmp(f1 + i, v->v1, n))
                continue;
            p->holes = push(p->holes, p->nholes, sizeof *p->holes);
            p->holes[p->nholes++] = (struct emit_hole){(uint32_t)i, v->kind, v->len, 0, 0,
                                                       ix->ids[x]};
            memset(moved + i, 0, n);
            i += n - 1;
            break;
        }
    }
    fp->nholes = p->nholes - fp->first_hole;
    struct emit_hole *hs = p->holes ? p->holes + fp->first_hole : NULL;
    for (size_t k = 0; k < fp->nholes; k++)
        if (hs[k].kind == EH_DST_MAC)
            find_hop(b, len, hs, fp->nholes, &hs[k], pkt, subs);
    /* A checksum may cover another (ICMP over the IP header it quotes): each
     * one found becomes a 2-byte hole of its own, and the search goes on
     * while it finds more. The probe fixes them in this order. */
    bool progress = fp->nholes > 0;
    while (progress) {
        progress = false;
        for (size_t r = 0; r < len; r++) {
            if (!moved[r])
                continue;
            size_t nh = p->nholes - fp->first_hole;
            struct emit_hole *hs = p->holes + fp->first_hole;
            uint32_t all = nh > 12 ? 0 : (1u << nh) - 1;
            bool found = false;
            for (size_t c = r ? r - 1 : 0; c <= r && c + 1 < len && !found; c++) {
                for (uint32_t mask = 1; mask <= all && !found; mask++) {
                    if (emit_fixed_checksum(b, f0, (uint32_t)c, hs, mask) != at16(f0, (uint32_t)c) ||
                        emit_fixed_checksum(b, f1, (uint32_t)c, hs, mask) != at16(f1, (uint32_t)c))
                        continue;
                    p->fixes = push(p->fixes, p->nfixes, sizeof *p->fixes);
                    p->fixes[p->nfixes++] = (struct emit_fix){(uint32_t)c, mask};
                    p->holes = push(p->holes, p->nholes, sizeof *p->holes);
                    p->holes[p->nholes++] =
                        (struct emit_hole){(uint32_t)c, EH_CSUM, 2, 0, 0, UINT32_MAX};
                    moved[c] = moved[c + 1] = 0;
                    found = progress = true;
                }
            }
        }
    }
    for (size_t r = 0; r < len; r++)
        fp->unexplained |= moved[r];
    fp->nholes = p->nholes - fp->first_hole;
    fp->nfixes = p->nfixes - fp->first_fix;
    free(moved);
}

int emit_find_holes(const struct emit_rec *base, const struct emit_rec *v0,
                    const struct emit_rec *v1, const struct emit_hole_value *values, size_t n,
                    bool sent_only, struct emit_patches *p)
{
    memset(p, 0, sizeof *p);
    if (v0->nframes != base->nframes || v1->nframes != base->nframes)
        return -1;
    struct ps_packet *pkt = malloc(sizeof *pkt);
    struct ps_layer *subs = malloc(40 * sizeof *subs);
    if (!pkt || !subs)
        abort();
    struct value_index ix;
    index_values(&ix, values, n);
    int rc = 0;
    for (size_t i = 0; i < base->nframes; i++) {
        const struct rec_frame *b = &base->frames[i];
        if (v0->frames[i].len != b->len || v1->frames[i].len != b->len) {
            rc = -1;
            break;
        }
        /* what a wrpcap() writes is never sent: no interface to patch it for */
        if (sent_only && b->call >= 0 && base->calls[b->call].path)
            continue;
        struct emit_patch fp = {.frame = i};
        one_frame(b->bytes, v0->frames[i].bytes, v1->frames[i].bytes, b->len, values, &ix, p,
                  &fp, pkt, subs);
        if (fp.nholes || fp.unexplained) {
            p->patches = push(p->patches, p->npatches, sizeof *p->patches);
            p->patches[p->npatches++] = fp;
        }
    }
    free(ix.start);
    free(ix.ids);
    free(pkt);
    free(subs);
    return rc;
}

void emit_patches_add(struct emit_patches *p, size_t frame, const struct emit_hole *holes,
                      size_t n, const struct emit_fix *fixes, size_t m, bool unexplained)
{
    struct emit_patch fp = {frame, p->nholes, n, p->nfixes, m, unexplained};
    for (size_t k = 0; k < n; k++) {
        p->holes = push(p->holes, p->nholes, sizeof *p->holes);
        p->holes[p->nholes++] = holes[k];
    }
    for (size_t k = 0; k < m; k++) {
        p->fixes = push(p->fixes, p->nfixes, sizeof *p->fixes);
        p->fixes[p->nfixes++] = fixes[k];
    }
    p->patches = push(p->patches, p->npatches, sizeof *p->patches);
    p->patches[p->npatches++] = fp;
}

void emit_patches_free(struct emit_patches *p)
{
    free(p->patches);
    free(p->holes);
    free(p->fixes);
}
