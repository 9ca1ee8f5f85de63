/* The printers against Scapy's goldens, and their round trips.
 *
 *   print_check golden DIR [ALLOW]   show, repr, summary and ls of every frame of
 *                                    DIR/frames.txt against DIR/<printer>.golden;
 *                                    ALLOW lists "<printer> <frame> <why>" known
 *                                    deviations (docs/printer-deviations.md), which
 *                                    must still differ
 *   print_check print DIR PRINTER    one printer's text of every frame, in the
 *                                    golden files' format (show repr summary ls
 *                                    command json)
 *   print_check roundtrip DIR        encode(decode(frame)) is the frame and decodes
 *                                    to the same fields (frames cut inside a layer
 *                                    are skipped: see run_roundtrip)
 *   print_check spec DIR OUTDIR      a spec writing each frame's command() into
 *                                    OUTDIR/<n>.pcap, for check_command.py
 *   print_check truncations DIR      every printer on every prefix of every frame,
 *                                    with exact and short buffers
 * The last line of golden, roundtrip and truncations is "N passed, M failed". */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "encode.h"
#include "frames.h"
#include "print.h"
#include "proto/proto.h"

#define TEXT_MAX (1 << 21)

static int summary_printer(const struct ps_packet *pkt, char *out, size_t cap)
{
    return ps_summary(pkt, out, cap);
}

static int json_printer(const struct ps_packet *pkt, char *out, size_t cap)
{
    return ps_json(pkt, NULL, out, cap);
}

struct printer {
    const char *name;
    ps_packet_printer fn;
    bool block; /* "-- name" blocks, else one "name text" line */
};

static const struct printer printers[] = {
    {"show", ps_show, true},       {"repr", ps_repr, false},
    {"summary", summary_printer, false}, {"ls", ps_ls_packet, true},
    {"command", ps_command, false}, {"json", json_printer, false},
};

static const struct printer *printer_named(const char *name)
{
    for (size_t i = 0; i < sizeof printers / sizeof printers[0]; i++)
        if (strcmp(printers[i].name, name) == 0)
            return &printers[i];
    return NULL;
}

static struct decoded dec, dec2;
static char text[TEXT_MAX];

/* Fields whose default is the time of day (ICMP ts_*): ls() prints the
 * default's repr, which no golden can hold. Their "('123')" becomes "('*')". */
static void mask_times(char *s)
{
    size_t count;
    const struct ps_proto *const *all = ps_proto_all(&count);
    for (char *line = s; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        char *eol = strchr(line, '\n');
        size_t len = eol ? (size_t)(eol - line) : strlen(line);
        bool timed = false;
        for (size_t i = 0; i < count && !timed; i++)
            for (size_t fi = 0; fi < all[i]->nfields && !timed; fi++) {
                const struct ps_field *f = &all[i]->fields[fi];
                size_t k = strlen(f->name);
                timed = f->def_now && len > k && strncmp(line, f->name, k) == 0 && line[k] == ' ';
            }
        char *open = timed ? strstr(line, " ('") : NULL;
        if (!open || open > line + len || line[len - 1] != ')')
            continue;
        /* "('digits')" -> "('*')": how many digits changes with the time
         * of day too (8 in the evening, 6 after midnight). */
        char *q = open + 3, *end = line + len - 2;
        if (end > q && strspn(q, "0123456789") == (size_t)(end - q)) {
            *q = '*';
            memmove(q + 1, end, strlen(end) + 1);
        }
    }
}

struct allow {
    char *printer, *frame;
    bool hit;
};

static size_t load_allow(const char *path, struct allow *a, size_t cap)
{
    if (!path)
        return 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(2);
    }
    char line[1024];
    size_t n = 0;
    while (fgets(line, sizeof line, f) && n < cap) {
        char p[64], fr[512];
        if (line[0] == '#' || sscanf(line, "%63s %511s", p, fr) != 2)
            continue;
        a[n].printer = strdup(p);
        a[n].frame = strdup(fr);
        a[n++].hit = false;
    }
    fclose(f);
    return n;
}

static struct allow *allowed(struct allow *a, size_t n, const char *printer, const char *frame)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(a[i].printer, printer) == 0 && strcmp(a[i].frame, frame) == 0)
            return &a[i];
    return NULL;
}

/* Prints the first differing line of two texts. */
static void show_difference(const char *got, const char *want)
{
    size_t line = 1;
    while (*got && *got == *want) {
        if (*got == '\n')
            line++;
        got++, want++;
    }
    while (got > text && got[-1] != '\n' && want[-1] != '\n')
        got--, want--;
    int gl = (int)strcspn(got, "\n"), wl = (int)strcspn(want, "\n");
    printf("    line %zu\n    got      |%.*s|\n    expected |%.*s|\n", line, gl, got, wl, want);
}

/* decode-xfail.txt: frames the decoder dissects otherwise than Scapy. */
static bool *load_xfail(const char *dir, const struct frames *fs)
{
    bool *x = calloc(fs->n, sizeof *x);
    char *text = slurp(dir, "decode-xfail.txt"), *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#')
            continue;
        line[strcspn(line, " ")] = '\0';
        size_t i = 0;
        while (i < fs->n && strcmp(fs->v[i].name, line) != 0)
            i++;
        if (i == fs->n) {
            fprintf(stderr, "decode-xfail.txt: no frame %s\n", line);
            exit(2);
        }
        x[i] = true;
    }
    free(text);
    return x;
}

static int run_golden(const char *dir, const char *allow_path)
{
    struct frames fs;
    frames_load(&fs, dir);
    static struct allow allow[512];
    size_t nallow = load_allow(allow_path, allow, 512);
    bool *xfail = load_xfail(dir, &fs);
    size_t *xfail_differs = calloc(fs.n, sizeof *xfail_differs);
    size_t passed = 0, failed = 0;
    for (size_t p = 0; p < 4; p++) {
        const struct printer *pr = &printers[p];
        char file[64];
        snprintf(file, sizeof file, "%s.golden", pr->name);
        char *golden = slurp(dir, file);
        char **want = calloc(fs.n, sizeof *want);
        if (!(pr->block ? golden_blocks(golden, &fs, want) : golden_lines(golden, &fs, want)))
            return 2;
        size_t bad = 0;
        for (size_t i = 0; i < fs.n; i++) {
            decode(&dec, fs.v[i].data, fs.v[i].len, fs.v[i].linktype);
            pr->fn(&dec.pkt, text, sizeof text);
            if (pr->block)
                mask_times(text), mask_times(want[i]);
            bool same = strcmp(text, want[i]) == 0;
            if (xfail[i]) {
                xfail_differs[i] += !same;
                continue;
            }
            struct allow *a = allowed(allow, nallow, pr->name, fs.v[i].name);
            if (a) {
                a->hit = true;
                if (same) {
                    printf("%s %s: matches Scapy now; drop it from the allowlist\n", pr->name,
                           fs.v[i].name);
                    failed++;
                }
                continue;
            }
            if (same) {
                passed++;
                continue;
            }
            failed++;
            printf("%s %s differs from Scapy%s\n", pr->name, fs.v[i].name, bad < 8 ? ":" : "");
            if (bad++ < 8)
                show_difference(text, want[i]);
        }
        printf("%s: %zu of %zu frames differ\n", pr->name, bad, fs.n);
        if (pr->block)
            for (size_t i = 0; i < fs.n; i++)
                free(want[i]);
        free(want);
        free(golden);
    }
    for (size_t i = 0; i < fs.n; i++)
        if (xfail[i] && !xfail_differs[i]) {
            printf("%s: every printer matches Scapy now; drop it from decode-xfail.txt\n",
                   fs.v[i].name);
            failed++;
        }
    for (size_t i = 0; i < nallow; i++)
        if (!allow[i].hit) {
            printf("allowlist: no frame %s for %s\n", allow[i].frame, allow[i].printer);
            failed++;
        }
    printf("%zu passed, %zu failed\n", passed, failed);
    for (size_t i = 0; i < nallow; i++) {
        free(allow[i].printer);
        free(allow[i].frame);
    }
    free(xfail);
    free(xfail_differs);
    frames_free(&fs);
    return failed ? 1 : 0;
}

static int run_print(const char *dir, const char *name)
{
    const struct printer *pr = printer_named(name);
    if (!pr) {
        fprintf(stderr, "no printer '%s'\n", name);
        return 2;
    }
    struct frames fs;
    frames_load(&fs, dir);
    for (size_t i = 0; i < fs.n; i++) {
        decode(&dec, fs.v[i].data, fs.v[i].len, fs.v[i].linktype);
        pr->fn(&dec.pkt, text, sizeof text);
        printf(pr->block ? "-- %s\n%s" : "%s %s\n", fs.v[i].name, text);
    }
    frames_free(&fs);
    return 0;
}

/* Whether every field a holds, b holds with the same value. */
static bool holds_same(const struct ps_layer *a, const struct ps_layer *b)
{
    if (a->proto != b->proto)
        return false;
    for (size_t fi = 0; fi < a->proto->nfields && fi < PS_MAX_FIELDS; fi++) {
        const struct ps_fval *x = &a->v[fi], *y = &b->v[fi];
        if (!x->set)
            continue;
        if (!y->set || x->u != y->u || memcmp(x->addr, y->addr, sizeof x->addr) != 0 ||
            x->len != y->len || (x->len && memcmp(x->bytes, y->bytes, x->len) != 0) ||
            x->nsub != y->nsub)
            return false;
        for (size_t k = 0; k < x->nsub; k++)
            if (!holds_same(&x->sub[k], &y->sub[k]))
                return false;
    }
    return true;
}

/* Whether a length field of l says more than its string holds: the frame
 * ended inside the string (Python's slice took what was there). In an
 * aligned list, autopad would then pad the option's place otherwise. */
static bool string_cut(const struct ps_layer *l)
{
    for (size_t fi = 0; fi < l->proto->nfields && fi < PS_MAX_FIELDS; fi++) {
        const struct ps_field *f = &l->proto->fields[fi];
        if (f->kind != PS_K_UINT || !f->length_of || !l->v[fi].set)
            continue;
        int t = ps_field_index(l->proto, f->length_of);
        long unit = f->len_unit > 1 ? f->len_unit : 1;
        long said = ((long)l->v[fi].u - f->len_adjust) * unit;
        if (t >= 0 && l->v[t].set && l->proto->fields[t].kind == PS_K_BYTES &&
            said > (long)l->v[t].len)
            return true;
    }
    return false;
}

/* Whether the frame ended before a field of l (or of an element of it)
 * that would write bytes: a list or string with an empty default writes
 * none, so a frame may end before it and still be whole. */
static bool layer_cut(const struct ps_layer *l)
{
    for (size_t fi = 0; fi < l->proto->nfields && fi < PS_MAX_FIELDS; fi++) {
        bool absent = l->proto->fields[fi].present && !l->proto->fields[fi].present(l);
        /* A MultipleTypeField (ARP's addresses) as the layer's values pick it. */
        const struct ps_field *f = ps_layer_field(l, fi);
        size_t fixed = f->bits / 8u;
        bool is_fixed =
            f->kind == PS_K_BYTES && (f->bits || (f->len_from && f->len_from(l, &fixed)));
        bool empty_default = (f->kind == PS_K_LAYERS && !f->def_sub) ||
                             (is_fixed && fixed == 0) ||
                             ((f->kind == PS_K_BYTES || f->kind == PS_K_OPTIONS) && !is_fixed &&
                              !f->nul_terminated && (!f->def_text || !*f->def_text)) ||
                             (f->kind == PS_K_UINT && f->bits_for && !f->bits_for(l));
        if (!absent && !l->v[fi].set && !empty_default)
            return true;
        if (l->v[fi].set && f->kind != PS_K_UINT && f->kind != PS_K_LAYERS &&
            ((f->pad_to && l->v[fi].len % f->pad_to) || (is_fixed && l->v[fi].len < fixed)))
            return true;
        /* An aligned list (IPv6 and mobility options) with bytes no element
         * read: the frame ended inside an option, whose padding autopad
         * cannot rebuild. */
        if (f->pad_before && l->v[fi].set && l->v[fi].len)
            return true;
        for (size_t k = 0; f->pad_before && k < l->v[fi].nsub; k++)
            if (string_cut(&l->v[fi].sub[k]))
                return true;
        for (size_t k = 0; k < l->v[fi].nsub; k++)
            if (layer_cut(&l->v[fi].sub[k]))
                return true;
    }
    return false;
}

/* Whether layer i declares a payload (extract_padding: IPv6's plen) longer
 * than the frame holds after its header: the frame was cut. */
static bool payload_cut(const struct decoded *d, size_t i, size_t frame_len)
{
    const struct ps_layer *l = &d->pkt.layers[i];
    long declared;
    size_t body = d->room.start[i] + d->room.hlen[i];
    return l->proto->payload_len && l->proto->payload_len(l, &declared) && declared > 0 &&
           body <= frame_len && (size_t)declared > frame_len - body;
}

/* Whether a layer has an aligned list (IPv6 and mobility options), which
 * autopad pads to 8 bytes when built whatever the cut frame held. */
static bool has_aligned_list(const struct ps_packet *p)
{
    for (size_t i = 0; i < p->n; i++)
        for (size_t fi = 0; fi < p->layers[i].proto->nfields; fi++)
            if (p->layers[i].proto->fields[fi].pad_before)
                return true;
    return false;
}

static bool has_cut_layer(const struct decoded *d, size_t frame_len)
{
    bool aligned = has_aligned_list(&d->pkt);
    for (size_t i = 0; i < d->pkt.n; i++)
        if (layer_cut(&d->pkt.layers[i]) || (aligned && payload_cut(d, i, frame_len)))
            return true;
    return false;
}

/* decode(encode(decode(frame))) gives the same fields, and encode gives
 * the frame's bytes back. A frame that ended inside a layer is skipped:
 * what that layer lacks takes defaults, so only command() (which gives it
 * as Raw) can rebuild it. */
static int run_roundtrip(const char *dir)
{
    static uint8_t again[PS_MAX_FRAME];
    struct frames fs;
    frames_load(&fs, dir);
    size_t passed = 0, failed = 0, skipped = 0;
    for (size_t i = 0; i < fs.n; i++) {
        const struct frame *f = &fs.v[i];
        decode(&dec, f->data, f->len, f->linktype);
        if (has_cut_layer(&dec, f->len)) {
            skipped++;
            continue;
        }
        long n = ps_encode(&dec.pkt, NULL, again, sizeof again, NULL);
        const char *why = NULL;
        if (n != (long)f->len || memcmp(again, f->data, f->len) != 0) {
            why = "gives other bytes";
        } else {
            decode(&dec2, again, (size_t)n, f->linktype);
            bool same = dec.pkt.n == dec2.pkt.n;
            for (size_t k = 0; k < dec.pkt.n && same; k++)
                same = holds_same(&dec.pkt.layers[k], &dec2.pkt.layers[k]) &&
                       holds_same(&dec2.pkt.layers[k], &dec.pkt.layers[k]);
            if (!same)
                why = "decodes to other fields";
        }
        if (!why) {
            passed++;
            continue;
        }
        failed++;
        printf("%s: encode(decode(frame)) %s\n", f->name, why);
    }
    printf("%zu passed, %zu failed, %zu skipped\n", passed, failed, skipped);
    frames_free(&fs);
    return failed ? 1 : 0;
}

static int run_spec(const char *dir, const char *outdir)
{
    struct frames fs;
    frames_load(&fs, dir);
    for (size_t i = 0; i < fs.n; i++) {
        decode(&dec, fs.v[i].data, fs.v[i].len, fs.v[i].linktype);
        ps_command(&dec.pkt, text, sizeof text);
        printf("wrpcap(\"%s/%zu.pcap\", %s)\n", outdir, i, text);
    }
    frames_free(&fs);
    return 0;
}

/* Whether printer fn keeps snprintf's contract on the decoded frame: the
 * whole text's length, the same text cut and terminated in a small buffer,
 * and that length again when only measuring. */
static bool snprintf_contract(ps_packet_printer fn, char *small, size_t small_cap)
{
    int n = fn(&dec.pkt, text, sizeof text);
    int k = fn(&dec.pkt, small, small_cap);
    size_t want = (size_t)n < small_cap - 1 ? (size_t)n : small_cap - 1;
    return n >= 0 && (size_t)n < sizeof text && k == n && strlen(text) == (size_t)n &&
           strlen(small) == want && memcmp(small, text, want) == 0 && fn(&dec.pkt, NULL, 0) == n;
}

/* Every printer on every prefix of every frame: the snprintf contract holds
 * (a short buffer gets a cut, terminated prefix of the same text) and
 * nothing reads or writes out of bounds (run under the sanitizers). */
static int run_truncations(const char *dir)
{
    struct frames fs;
    frames_load(&fs, dir);
    size_t passed = 0, failed = 0;
    static char small[64];
    for (size_t i = 0; i < fs.n; i++) {
        const struct frame *f = &fs.v[i];
        for (size_t cut = 0; cut <= f->len; cut++) {
            /* A copy of exactly the prefix, so a read past it is caught. */
            uint8_t *prefix = malloc(cut ? cut : 1);
            memcpy(prefix, f->data, cut);
            decode(&dec, prefix, cut, f->linktype);
            bool ok = true;
            for (size_t p = 0; p < sizeof printers / sizeof printers[0]; p++) {
                /* ls() shows ICMP's timestamps at their default, the time of
                 * day in ms, which may tick between the three calls: a broken
                 * contract is one that breaks twice running. */
                if (!snprintf_contract(printers[p].fn, small, sizeof small) &&
                    !snprintf_contract(printers[p].fn, small, sizeof small)) {
                    printf("%s cut to %zu: %s breaks snprintf's contract\n", f->name, cut,
                           printers[p].name);
                    ok = false;
                }
            }
            FILE *null = fopen("/dev/null", "w");
            ps_hexdump(null, prefix, cut);
            fclose(null);
            free(prefix);
            ok ? passed++ : failed++;
        }
    }
    printf("%zu passed, %zu failed\n", passed, failed);
    frames_free(&fs);
    return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    if (argc >= 3 && strcmp(argv[1], "golden") == 0)
        return run_golden(argv[2], argc > 3 ? argv[3] : NULL);
    if (argc == 4 && strcmp(argv[1], "print") == 0)
        return run_print(argv[2], argv[3]);
    if (argc == 3 && strcmp(argv[1], "roundtrip") == 0)
        return run_roundtrip(argv[2]);
    if (argc == 4 && strcmp(argv[1], "spec") == 0)
        return run_spec(argv[2], argv[3]);
    if (argc == 3 && strcmp(argv[1], "truncations") == 0)
        return run_truncations(argv[2]);
    fprintf(stderr, "usage: print_check golden|print|roundtrip|spec|truncations DIR ...\n");
    return 2;
}
