/* Tests: patterns matched against packets, and the report of each test in
 * TAP on the output and in JUnit XML when asked. */
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "interp_int.h"

static bool addr_in_prefix(const uint8_t *a, const uint8_t *base, int plen, size_t width)
{
    uint8_t masked[16];
    memcpy(masked, a, width);
    ps_mask_prefix(masked, width, plen);
    return memcmp(masked, base, width) == 0;
}

static bool fval_equal(const struct ps_field *fd, const struct ps_fval *a, const struct ps_fval *b)
{
    switch (fd->kind) {
    case PS_K_UINT: return a->u == b->u;
    case PS_K_MAC: return memcmp(a->addr, b->addr, 6) == 0;
    case PS_K_IPV4: return memcmp(a->addr, b->addr, 4) == 0;
    case PS_K_IPV6: return memcmp(a->addr, b->addr, 16) == 0;
    default:
        return a->len == b->len && (a->len == 0 || memcmp(a->bytes, b->bytes, a->len) == 0);
    }
}

/* Whether the packet's value is one the pattern allows. */
static bool field_matches(const struct ps_field *fd, const struct ps_tfield *pat,
                          const struct ps_fval *got)
{
    switch (pat->src) {
    case FS_UNSET:
    case FS_RANDOM:
        return true;
    case FS_CONST:
        return fval_equal(fd, &pat->one, got);
    case FS_LIST:
        for (size_t i = 0; i < pat->nmembers; i++)
            if (fval_equal(fd, &pat->members[i], got))
                return true;
        return false;
    case FS_URANGE:
        return got->u >= pat->lo && got->u <= pat->hi;
    case FS_PREFIX:
        return addr_in_prefix(got->addr, pat->one.addr, pat->prefix,
                              fd->kind == PS_K_IPV6 ? 16 : 4);
    }
    return false;
}

bool interp_matches(struct interp *in, const struct ps_value *pkt, const struct ps_value *pat,
                    struct ps_loc loc)
{
    if (pat->t != PT_PKT)
        return false;
    struct ps_value d = interp_decoded(in, pkt, loc);
    if (d.t != PT_PKT)
        return false;
    const struct ps_tpkt *got = &d.obj->pkt, *want = &pat->obj->pkt;
    size_t at = 0;
    bool ok = true;
    for (size_t w = 0; w < want->n && ok; w++) {
        const struct ps_tlayer *wl = want->layers[w];
        while (at < got->n && got->layers[at]->proto != wl->proto)
            at++;
        if (at == got->n) {
            ok = false;
            break;
        }
        const struct ps_tlayer *gl = got->layers[at++];
        /* each field compared in the shape the packet's own values give it */
        for (size_t f = 0; f < wl->proto->nfields && ok; f++)
            ok = field_matches(interp_field_shape(gl, (int)f), &wl->f[f], &gl->f[f].one);
    }
    ps_val_release(&d);
    return ok;
}

/* ---- reports --------------------------------------------------------------- */

static void xml_text(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default:
            if (c < 0x20 && c != '\n' && c != '\t')
                fprintf(out, "&#xfffd;");
            else
                fputc(c, out);
        }
    }
}

/* A test's name on one TAP line: newlines would break the protocol. */
static void tap_name(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc(s[i] == '\n' || s[i] == '\r' ? ' ' : s[i] == '#' ? '_' : s[i], out);
}

void interp_test_report(struct interp *in, const struct ps_stmt *st)
{
    FILE *out = in->o->out;
    size_t k = ++in->tests_run;
    if (in->test_failed) {
        in->tests_failed++;
        fprintf(out, "not ok %zu - ", k);
        tap_name(out, st->text, st->text_len);
        fputc('\n', out);
        const char *d = in->test_detail ? in->test_detail : "";
        for (const char *p = d; *p;) {
            size_t n = strcspn(p, "\n");
            fprintf(out, "# %.*s\n", (int)n, p);
            p += n + (p[n] == '\n');
        }
    } else {
        fprintf(out, "ok %zu - ", k);
        tap_name(out, st->text, st->text_len);
        if (in->test_skipped)
            fputs(" # SKIP answers come only from the wire, and this run sends nothing", out);
        fputc('\n', out);
    }
    if (in->junit) {
        fputs("  <testcase classname=\"", in->junit);
        xml_text(in->junit, in->prog->path, strlen(in->prog->path));
        fputs("\" name=\"", in->junit);
        xml_text(in->junit, st->text, st->text_len);
        fputs("\">", in->junit);
        if (in->test_failed) {
            fputs("<failure message=\"expect failed\">", in->junit);
            if (in->test_detail)
                xml_text(in->junit, in->test_detail, strlen(in->test_detail));
            fputs("</failure>", in->junit);
        } else if (in->test_skipped) {
            fputs("<skipped/>", in->junit);
        }
        fputs("</testcase>\n", in->junit);
    }
    free(in->test_detail);
    in->test_detail = NULL;
}

void interp_open_junit(struct interp *in)
{
    if (!in->o->junit)
        return;
    in->junit = fopen(in->o->junit, "w");
    if (!in->junit) {
        interp_error(in, (struct ps_loc){0, 0}, "cannot write %s", in->o->junit);
        return;
    }
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"", in->junit);
    xml_text(in->junit, in->prog->path, strlen(in->prog->path));
    fputs("\">\n", in->junit);
}

void interp_close_outputs(struct interp *in)
{
    char err[512];
    if (in->pcap && ps_pcap_writer_close(in->pcap, err, sizeof err) < 0)
        interp_error(in, (struct ps_loc){0, 0}, "%s", err);
    in->pcap = NULL;
    if (in->o->mode == PS_RUN_PCAP && in->frames_out == 0 && !in->failed_run) {
        /* No frame: still leave a valid, empty capture behind. */
        struct ps_pcap_writer *w = ps_pcap_writer_open(in->o->pcap_out, 1, err, sizeof err);
        if (!w || ps_pcap_writer_close(w, err, sizeof err) < 0)
            interp_error(in, (struct ps_loc){0, 0}, "%s", err);
    }
    if (in->junit) {
        fputs("</testsuite>\n", in->junit);
        fclose(in->junit);
        in->junit = NULL;
    }
}
