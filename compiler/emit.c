/* pktspec emit: a spec, recorded by the interpreter, written out as a probe
 * (the recorded tables between the two halves of the probe's fixed part) or
 * as a header of frames. */
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "coerce.h"
#include "emit.h"
#include "emit_holes.h"
#include "emit_params.h"
#include "emit_record.h"
#include "emit_sr.h"
#include "report.h"
#include "value.h"

/* Pieces of text stay short: ISO C allows a string literal 4095 bytes. */
#define TEXT_PIECE 512

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static struct ps_loc frame_loc(const struct emit_rec *r, const struct rec_frame *f)
{
    return f->call >= 0 ? r->calls[f->call].e->loc : (struct ps_loc){0, 0, 0};
}

static void write_frame_bytes(FILE *out, const struct rec_frame *f)
{
    /* A literal for the usual frame (fast to compile); braces past the
     * literal's length limit. */
    if (f->len <= 1000) {
        ps_emit_cstr(out, f->bytes, f->len);
        return;
    }
    fputc('{', out);
    for (size_t i = 0; i < f->len; i++)
        fprintf(out, "%s0x%02x", i == 0 ? "\n    " : i % 16 ? "," : ",\n    ", f->bytes[i]);
    fputs("\n}", out);
}

static void write_frame_comment(FILE *out, const struct emit_rec *r, size_t i)
{
    struct ps_loc loc = frame_loc(r, &r->frames[i]);
    const char *line;
    size_t n;
    ps_emit_spec_line(r->prog, loc, &line, &n);
    fprintf(out, "/* %s:%d: ", base_name(ps_loc_path(r->prog, loc)), loc.line);
    ps_emit_comment(out, line, n);
    fputs(" */\n", out);
}

/* The bytes where frame i differs from frame t, when few enough that the
 * frame is better stored as t plus a patch list: a member of a packet set
 * after the first. 0: store it whole. */
static size_t delta_of(const struct emit_rec *r, size_t t, size_t i)
{
    const struct rec_frame *a = &r->frames[t], *b = &r->frames[i];
    if (t == i || a->call != b->call || a->len != b->len)
        return 0;
    size_t d = 0;
    for (size_t k = 0; k < a->len; k++)
        d += a->bytes[k] != b->bytes[k];
    return d > 0 && d <= a->len / 4 ? d : 0;
}

/* templ[i]: the frame that frame i is stored as a patch of, or i itself. */
static size_t *frame_templates(const struct emit_rec *r)
{
    size_t *templ = calloc(r->nframes + 1, sizeof *templ);
    if (!templ)
        abort();
    for (size_t i = 0, t = 0; i < r->nframes; i++) {
        templ[i] = delta_of(r, t, i) ? t : i;
        if (templ[i] == i)
            t = i;
    }
    return templ;
}

/* Whole frames as arrays; with templ, the others as patches of their
 * template in one table, pk_deltas. */
static void write_frames(FILE *out, const struct emit_rec *r, const char *prefix,
                         const size_t *templ)
{
    for (size_t i = 0; i < r->nframes; i++) {
        const struct rec_frame *f = &r->frames[i];
        if (templ && templ[i] != i)
            continue;
        write_frame_comment(out, r, i);
        fprintf(out, "static const uint8_t %sf%zu[%zu] = ", prefix, i, f->len ? f->len : 1);
        write_frame_bytes(out, f);
        fputs(";\n", out);
    }
    if (!templ)
        return;
    fputs("\nstatic const struct pk_delta pk_deltas[] = {\n", out);
    for (size_t i = 0; i < r->nframes; i++) {
        if (templ[i] == i)
            continue;
        /* the spec line's text is at the template's array already */
        fprintf(out, "/* frame %zu: %s:%d */\n", i, base_name(r->prog->path),
                frame_loc(r, &r->frames[i]).line);
        const uint8_t *a = r->frames[templ[i]].bytes, *b = r->frames[i].bytes;
        for (size_t k = 0, n = 0; k < r->frames[i].len; k++) {
            if (a[k] == b[k])
                continue;
            fprintf(out, "%s{%zu, 0x%02x},", n % 8 ? " " : "    ", k, b[k]);
            if (++n % 8 == 0)
                fputc('\n', out);
        }
        fputs("\n", out);
    }
    fputs("    {0, 0},\n};\n", out);
}

static int write_frames_header(FILE *out, const struct emit_rec *r)
{
    fputs("/* Frames of ", out);
    ps_emit_comment(out, r->prog->path, strlen(r->prog->path));
    fputs(", written by pktspec emit --frames-only. */\n#ifndef PKTSPEC_FRAMES_H\n"
          "#define PKTSPEC_FRAMES_H\n\n#include <stddef.h>\n#include <stdint.h>\n\n", out);
    write_frames(out, r, "pktspec_", NULL);
    fprintf(out, "\n#define PKTSPEC_NFRAMES %zu\n\nstatic const struct {\n"
            "    const char *name;\n    const uint8_t *bytes;\n    size_t len;\n"
            "} pktspec_frames[%zu] = {\n", r->nframes, r->nframes ? r->nframes : 1);
    for (size_t i = 0; i < r->nframes; i++) {
        struct ps_loc loc = frame_loc(r, &r->frames[i]);
        fprintf(out, "    {\"%s_line%d_%zu\", pktspec_f%zu, %zu},\n", "frame", loc.line, i, i,
                r->frames[i].len);
    }
    if (!r->nframes)
        fputs("    {NULL, NULL, 0},\n", out);
    fputs("};\n\n#endif\n", out);
    return 0;
}

/* One text table entry per piece; returns the index of the first. */
static size_t add_text(FILE *out, const char *s, size_t n, size_t *ntexts)
{
    size_t first = *ntexts;
    for (size_t at = 0; at < n; at += TEXT_PIECE) {
        size_t k = n - at < TEXT_PIECE ? n - at : TEXT_PIECE;
        fputs("    {", out);
        ps_emit_cstr(out, (const uint8_t *)s + at, k);
        fprintf(out, ", %zu},\n", k);
        (*ntexts)++;
    }
    return first;
}

/* A param's row: name, type, built value, how -D may change it. */
static void write_param(FILE *out, const struct emit_param *p)
{
    const struct ps_value *v = &p->st->expr->value;
    char text[128] = "";
    switch (v->t) {
    case PT_INT: snprintf(text, sizeof text, "%llu", (unsigned long long)v->u); break;
    case PT_BOOL: snprintf(text, sizeof text, "%s", v->u ? "true" : "false"); break;
    case PT_MAC: ps_format_mac(v->addr, text); break;
    case PT_IP4: ps_format_ip4(v->addr, text); break;
    case PT_IP6: ps_format_ip6(v->addr, text); break;
    case PT_PREFIX4:
    case PT_PREFIX6: {
        char a[64];
        (v->t == PT_PREFIX4 ? ps_format_ip4 : ps_format_ip6)(v->addr, a);
        snprintf(text, sizeof text, "%s/%d", a, v->prefix);
        break;
    }
    default: break;
    }
    fputs("    {", out);
    ps_emit_cstr(out, (const uint8_t *)p->name, strlen(p->name));
    fprintf(out, ", \"%s\", ", ps_type_name(v->t));
    if (v->t == PT_STR)
        ps_emit_cstr(out, v->obj->bytes, v->obj->len);
    else
        ps_emit_cstr(out, (const uint8_t *)text, strlen(text));
    uint64_t u = v->t == PT_INT ? v->u : 0;
    for (int b = 0; (v->t == PT_IP4 || v->t == PT_MAC) && b < (v->t == PT_IP4 ? 4 : 6); b++)
        u = u << 8 | v->addr[b];
    fprintf(out, ", %lluu, ", (unsigned long long)u);
    if (v->t == PT_IP6)
        ps_emit_cstr(out, v->addr, 16);
    else
        fputs("NULL", out);
    fprintf(out, ", %d, %u, %d, ", p->kind, p->len, p->summaries_vary);
    if (p->fixed)
        ps_emit_cstr(out, (const uint8_t *)p->fixed, strlen(p->fixed));
    else
        fputs("NULL", out);
    fputs("},\n", out);
}

static void write_lines(FILE *out, const char *const *lines)
{
    for (size_t i = 0; lines[i]; i++)
        fputs(lines[i], out);
}

/* The passes that patch a frame: one per param -D may change (its value),
 * then the interface's (its addresses, the next hop's MAC), each with the
 * checksums it moves; one table of holes and fixes, and the patches by
 * frame (pk_frame_patches[i] is frame i's first), in pass order: only the
 * frames a pass touches have a patch of it. */
static void write_patches(FILE *out, const struct emit_rec *r, const struct emit_patches *iface,
                          const struct emit_param *params, size_t nparams)
{
    const struct emit_patches **pass = calloc(nparams + 1, sizeof *pass);
    int *param_of = calloc(nparams + 1, sizeof *param_of);
    size_t npass = 0;
    if (!pass || !param_of)
        abort();
    for (size_t k = 0; k < nparams; k++)
        if (params[k].kind != EP_FIXED) {
            param_of[npass] = (int)k;
            pass[npass++] = &params[k].patches;
        }
    param_of[npass] = -1;
    pass[npass++] = iface;
    fputs("static const struct pk_hole pk_holes[] = {\n", out);
    for (size_t k = 0; k < npass; k++)
        for (size_t i = 0; i < pass[k]->nholes; i++) {
            const struct emit_hole *h = &pass[k]->holes[i];
            fprintf(out, "    {%u, %u, %u, %u, %u},\n", h->off, h->kind, h->len, h->hop_len,
                    h->hop_off);
        }
    fputs("    {0, 0, 0, 0, 0},\n};\nstatic const struct pk_fix pk_fixes[] = {\n", out);
    for (size_t k = 0; k < npass; k++)
        for (size_t i = 0; i < pass[k]->nfixes; i++)
            fprintf(out, "    {%u, 0x%xu},\n", pass[k]->fixes[i].off, pass[k]->fixes[i].mask);
    /* the patches bucketed by frame, each frame's in pass order */
    size_t *first = calloc(r->nframes + 2, sizeof *first);
    size_t *hole0 = calloc(npass + 1, sizeof *hole0), *fix0 = calloc(npass + 1, sizeof *fix0);
    if (!first || !hole0 || !fix0)
        abort();
    size_t total = 0;
    for (size_t k = 0; k < npass; k++) {
        hole0[k + 1] = hole0[k] + pass[k]->nholes;
        fix0[k + 1] = fix0[k] + pass[k]->nfixes;
        for (size_t i = 0; i < pass[k]->npatches; i++)
            first[pass[k]->patches[i].frame + 1]++;
        total += pass[k]->npatches;
    }
    for (size_t i = 0; i < r->nframes; i++)
        first[i + 1] += first[i];
    struct row {
        size_t pass;
        const struct emit_patch *p;
    } *rows = calloc(total + 1, sizeof *rows);
    size_t *at = calloc(r->nframes + 1, sizeof *at);
    if (!rows || !at)
        abort();
    for (size_t k = 0; k < npass; k++)
        for (size_t i = 0; i < pass[k]->npatches; i++) {
            const struct emit_patch *p = &pass[k]->patches[i];
            rows[first[p->frame] + at[p->frame]++] = (struct row){k, p};
        }
    fputs("    {0, 0},\n};\nstatic const struct pk_patch pk_patches[] = {\n", out);
    for (size_t i = 0; i < total; i++) {
        const struct emit_patch *f = rows[i].p;
        size_t k = rows[i].pass;
        fprintf(out, "    {%zu, %zu, %zu, %zu, %zu, %d},\n", k, hole0[k] + f->first_hole,
                f->nholes, fix0[k] + f->first_fix, f->nfixes, f->unexplained);
    }
    fputs("    {0, 0, 0, 0, 0, 0},\n};\nstatic const size_t pk_frame_patches[] = {", out);
    for (size_t i = 0; i <= r->nframes; i++)
        fprintf(out, "%s%zu,", i % 16 ? " " : "\n    ", first[i]);
    fputs("\n};\nstatic const struct pk_pass pk_passes[] = {\n", out);
    for (size_t k = 0; k < npass; k++)
        fprintf(out, "    {%d},\n", param_of[k]);
    fprintf(out, "};\nstatic const size_t pk_npasses = %zu;\n\n", npass);
    free(rows);
    free(at);
    free(first);
    free(hole0);
    free(fix0);
    free(pass);
    free(param_of);
}

/* The expects on answers: their pattern tables and functions, and a table. */
static void write_expects(FILE *out, const struct emit_rec *r)
{
    fwrite(r->xpre_buf, 1, r->xpre_len, out);
    fwrite(r->xfn_buf, 1, r->xfn_len, out);
    fputs("static const struct pk_expect pk_expects[] = {\n", out);
    for (size_t i = 0; i < r->nexpects; i++) {
        const struct rec_refusal *no = &r->expect_cannot[i];
        fprintf(out, "    {pk_expect%zu, ", i);
        ps_emit_cstr(out, (const uint8_t *)r->expect_where[i], strlen(r->expect_where[i]));
        if (no->what) {
            char text[512];
            snprintf(text, sizeof text, "%s:%d:%d: cannot %s", ps_loc_path(r->prog, no->loc), no->loc.line,
                     no->loc.col, no->what);
            fputs(", ", out);
            ps_emit_cstr(out, (const uint8_t *)text, strlen(text));
            fputs("},\n", out);
        } else {
            fputs(", NULL},\n", out);
        }
    }
    fputs("    {NULL, NULL, NULL},\n};\n\n", out);
}

static void write_calls(FILE *out, const struct emit_rec *r, const size_t *bpf_lens)
{
    fputs("static const struct pk_call pk_calls[] = {\n", out);
    for (size_t i = 0; i < r->ncalls; i++) {
        const struct rec_call *c = &r->calls[i];
        fprintf(out, "    {%d, ", c->kind);
        if (c->cannot) {
            char text[512];
            snprintf(text, sizeof text, "%s:%d:%d: cannot %s", ps_loc_path(r->prog, c->cannot_loc),
                     c->cannot_loc.line, c->cannot_loc.col, c->cannot);
            ps_emit_cstr(out, (const uint8_t *)text, strlen(text));
        } else if (c->path) {
            ps_emit_cstr(out, (const uint8_t *)c->path, strlen(c->path));
        } else {
            fputs("NULL", out);
        }
        fprintf(out, ", %d, %lluu, %d, %d, %lluu, %d, %d, ", c->linktype,
                (unsigned long long)c->inter_ns, c->verbose, c->layer3,
                (unsigned long long)c->timeout_ns, c->retry, c->multi);
        if (bpf_lens[i])
            fprintf(out, "pk_bpf%zu, %zu},\n", i, bpf_lens[i]);
        else
            fputs("NULL, 0},\n", out);
    }
    fprintf(out, "    {0, NULL, 0, 0, 0, 0, 0, 0, 0, NULL, 0},\n};\n"
            "static const size_t pk_ncalls = %zu;\n\n", r->ncalls);
}

static void write_probe(FILE *out, const struct emit_rec *r, const struct emit_patches *patches,
                        const struct emit_param *params, size_t nparams, int status,
                        const char *warn, size_t nwarn, const char *filters, size_t nfilters,
                        const size_t *bpf_lens)
{
    fputs("/* A probe written by pktspec emit from ", out);
    ps_emit_comment(out, base_name(r->prog->path), strlen(base_name(r->prog->path)));
    fputs(". Build: cc -std=c11 -O1 probe.c -o probe (needs only libc). */\n", out);
    write_lines(out, ps_probe_core_head);
    fputs("static const char pk_spec_name[] = ", out);
    ps_emit_cstr(out, (const uint8_t *)base_name(r->prog->path), strlen(base_name(r->prog->path)));
    fputs(";\n\n", out);
    size_t *templ = frame_templates(r);
    write_frames(out, r, "pk_", templ);
    fprintf(out, "\nstatic const struct pk_frame pk_frames[%zu] = {\n", r->nframes + 1);
    for (size_t i = 0, first = 0; i < r->nframes; i++) {
        const struct rec_frame *f = &r->frames[i];
        size_t nd = delta_of(r, templ[i], i);
        if (templ[i] == i)
            fprintf(out, "    {pk_f%zu, %zu, %lluu, ", i, f->len, (unsigned long long)f->ts_ns);
        else
            fprintf(out, "    {NULL, %zu, %lluu, ", f->len, (unsigned long long)f->ts_ns);
        ps_emit_cstr(out, (const uint8_t *)f->summary, strlen(f->summary));
        fprintf(out, ", %zu, %zu, %zu},\n", templ[i], nd ? first : 0, nd);
        first += nd;
    }
    fprintf(out, "    {NULL, 0, 0, NULL, 0, 0, 0},\n};\nstatic const size_t pk_nframes = %zu;\n\n",
            r->nframes);
    free(templ);
    write_patches(out, r, patches, params, nparams);
    /* texts: every text event's text, then the warnings */
    size_t ntexts = 0;
    size_t *text_of = calloc(r->nevents + 1, sizeof *text_of);
    size_t *pieces = calloc(r->nevents + 1, sizeof *pieces);
    size_t *event_at = calloc(r->nevents + 1, sizeof *event_at);
    if (!text_of || !pieces || !event_at)
        abort();
    fputs("static const struct pk_text pk_texts[] = {\n", out);
    for (size_t i = 0; i < r->nevents; i++) {
        const struct rec_event *ev = &r->events[i];
        if (ev->kind != EV_TEXT && ev->kind != EV_DRY_TEXT)
            continue;
        text_of[i] = add_text(out, r->out_buf + ev->a, ev->len, &ntexts);
        pieces[i] = ntexts - text_of[i];
    }
    size_t warn_first = add_text(out, warn, nwarn, &ntexts);
    size_t nwarn_pieces = ntexts - warn_first;
    fputs("    {NULL, 0},\n};\n", out);
    fprintf(out, "static const size_t pk_warn_first = %zu, pk_nwarn = %zu;\n\n", warn_first,
            nwarn_pieces);
    fputs("static const struct pk_event pk_events[] = {\n", out);
    size_t nevents = 0;
    for (size_t i = 0; i < r->nevents; i++) {
        const struct rec_event *ev = &r->events[i];
        event_at[i] = nevents;
        if (ev->kind == EV_TEXT || ev->kind == EV_DRY_TEXT) {
            for (size_t k = 0; k < pieces[i]; k++, nevents++)
                fprintf(out, "    {%d, %zu},\n", ev->kind, text_of[i] + k);
        } else {
            /* a loop's end names its begin, as the probe numbers events */
            fprintf(out, "    {%d, %zu},\n", ev->kind,
                    ev->kind == EV_LOOP_END ? event_at[ev->a] : ev->a);
            nevents++;
        }
    }
    fprintf(out, "    {0, 0},\n};\nstatic const size_t pk_nevents = %zu;\n\n", nevents);
    free(text_of);
    free(pieces);
    free(event_at);
    fwrite(filters, 1, nfilters, out);
    write_calls(out, r, bpf_lens);
    write_expects(out, r);
    fputs("static const struct pk_test pk_tests[] = {\n", out);
    for (size_t i = 0; i < r->ntests; i++) {
        fputs("    {", out);
        ps_emit_cstr(out, (const uint8_t *)r->tests[i]->text, r->tests[i]->text_len);
        fprintf(out, ", %zu, ", r->tests[i]->text_len);
        /* a failed expect's report, for the probe's JUnit */
        for (int k = 0; k < 2; k++) {
            const char *t = k ? r->test_message[i] : r->test_failure[i];
            if (t)
                ps_emit_cstr(out, (const uint8_t *)t, strlen(t));
            else
                fputs("NULL", out);
            fputs(k ? "},\n" : ", ", out);
        }
    }
    fputs("    {NULL, 0, NULL, NULL},\n};\nstatic const unsigned char pk_test_skipped[] = {", out);
    for (size_t i = 0; i < r->ntests; i++)
        fprintf(out, "%d, ", r->test_skipped[i]);
    fputs("0};\n\nstatic const struct pk_param pk_params[] = {\n", out);
    for (size_t i = 0; i < nparams; i++)
        write_param(out, &params[i]);
    fprintf(out, "    {NULL, NULL, NULL, 0, NULL, 0, 0, 0, NULL},\n};\nstatic const size_t pk_nparams = %zu;\n"
            "static const int pk_dry_status = %d;\n\n", nparams, status);
    write_lines(out, ps_probe_core_tail);
}

/* Two more recordings, for made-up interfaces, when anything is sent. */
static int find_patches(const struct ps_program *prog, const struct emit_rec *r,
                        struct emit_patches *p)
{
    bool sends = false;
    for (size_t i = 0; i < r->ncalls; i++)
        sends |= !r->calls[i].path;
    if (!sends)
        return 0; /* no patch: nothing goes on the wire */
    struct emit_rec v[2];
    int rc = 0;
    for (int k = 0; k < 2; k++) {
        struct ps_env env;
        emit_holes_env(k, &env);
        char *warn = NULL;
        size_t nwarn = 0;
        emit_record(&v[k], prog, &env, 0, &warn, &nwarn);
        free(warn);
    }
    struct emit_hole_value values[4];
    emit_holes_iface(values);
    rc = emit_find_holes(r, &v[0], &v[1], values, 4, true, p);
    emit_record_free(&v[0]);
    emit_record_free(&v[1]);
    return rc;
}

/* What the probe cannot do on the wire (srloop, an expect it cannot
 * compile), at each place: errors, or with --offline warnings (the probe
 * then refuses -i). Returns how many. */
static size_t report_wire_limits(const struct ps_emit_opts *o, const struct emit_rec *r)
{
    const struct ps_program *prog = r->prog;
    const char *kind = o->offline ? "warning" : "error";
    const char *then = o->offline ? "it refuses -i (its --dry-run and --pcap work)"
                                  : "emit --offline makes a probe for --dry-run and --pcap only";
    size_t n = 0;
    for (size_t i = 0; i < r->ncalls + r->nexpects; i++) {
        const struct ps_loc *at = i < r->ncalls ? &r->calls[i].cannot_loc
                                                : &r->expect_cannot[i - r->ncalls].loc;
        const char *what = i < r->ncalls ? r->calls[i].cannot : r->expect_cannot[i - r->ncalls].what;
        if (!what)
            continue;
        ps_report_loc(o->err, prog, *at, kind, "the probe cannot %s: %s", what, then);
        n++;
    }
    return n;
}

int ps_emit(const struct ps_program *prog, const struct ps_emit_opts *o)
{
    struct emit_rec r;
    char *warn = NULL;
    size_t nwarn = 0;
    int status = emit_record(&r, prog, NULL, 0, &warn, &nwarn);
    struct emit_patches patches = {0};
    int rc = 0;
    if (r.over) {
        ps_report_loc(o->err, prog, r.over_loc, "error", "the probe cannot hold more than %u frames or %u MiB "
                  "of them, and this makes more (docs/emit.md); pktspec run streams them",
                  EMIT_MAX_FRAMES, EMIT_MAX_FRAME_BYTES >> 20);
        rc = 2;
    } else if (status == 3) {
        fwrite(warn, 1, nwarn, o->err);
        rc = 3;
    } else if (r.nrefusals && !o->frames_only) {
        for (size_t i = 0; i < r.nrefusals; i++)
            ps_report_loc(o->err, prog, r.refusals[i].loc, "error", "the probe cannot %s",
                          r.refusals[i].what);
        rc = 2;
    } else if (o->frames_only) {
        write_frames_header(o->out, &r);
    } else if (!o->offline && report_wire_limits(o, &r)) {
        rc = 2;
    } else if (find_patches(prog, &r, &patches) < 0) {
        fprintf(o->err, "%s: error: the probe cannot be patched for an interface: a run with "
                "interface addresses gives other frames\n", prog->path);
        rc = 3;
    } else {
        char *filters = NULL;
        size_t nfilters = 0;
        size_t *bpf_lens = calloc(r.ncalls + 1, sizeof *bpf_lens);
        FILE *f = open_memstream(&filters, &nfilters);
        if (!f || !bpf_lens)
            abort();
        rc = emit_sr_filters(f, &r, bpf_lens, o->err) < 0 ? 2 : 0;
        fclose(f);
        size_t nparams = 0;
        struct emit_source source = {o->ast, o->src, o->defs, o->ndefs};
        struct emit_param *params = emit_params_find(&r, o->ast ? &source : NULL, &nparams);
        if (rc == 0)
            write_probe(o->out, &r, &patches, params, nparams, status, warn, nwarn, filters,
                        nfilters, bpf_lens);
        emit_params_free(params, nparams);
        if (rc == 0)
            report_wire_limits(o, &r);
        free(filters);
        free(bpf_lens);
    }
    emit_patches_free(&patches);
    free(warn);
    emit_record_free(&r);
    return rc;
}
