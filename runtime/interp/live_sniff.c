/* sniff() on an interface (-i) or in the lab: Scapy's count, timeout,
 * store, prn and stop_filter. sniff(offline=) stays in actions.c. */
#include <stdlib.h>

#include "linktype.h"
#include "live_int.h"
#include "print.h"
#include "progress.h"
#include "signals.h"
#include "sniff.h"

static const struct ps_value none_value = {.t = PT_NONE};

struct sniffer {
    struct interp *in;
    const struct ps_expr *e;
    struct ps_value list;
    uint64_t count, seen;
    int64_t prn;              /* index in ps_prn_names, or -1 */
    bool store;
    const struct ps_value *stop_at;
    struct ps_progress prog;
};

static void print_prn(struct interp *in, int64_t prn, const uint8_t *frame, size_t len)
{
    FILE *out = in->o->out;
    char line[1024];
    switch (prn) {
    case 0:
        ps_summary(&in->dec, line, sizeof line);
        fprintf(out, "%s\n", line);
        break;
    case 1:
        ps_print_to(out, ps_show, &in->dec);
        break;
    case 2:
        ps_print_to(out, ps_command, &in->dec);
        fputc('\n', out);
        break;
    case 3:
        ps_hexdump(out, frame, len);
        break;
    default:
        break;
    }
    fflush(out);
}

static bool sniffed(void *ctx, const struct ps_wire_frame *f)
{
    struct sniffer *s = ctx;
    struct interp *in = s->in;
    if (s->prn >= 0 && s->prn != 3) {
        struct ps_decode_room room = {.subs = in->subs, .subs_cap = 40, .layers = &in->prog->layers};
        ps_decode(f->data, f->len, PS_DLT_EN10MB, &in->dec, &room);
    }
    s->seen++;
    ps_progress_set(&s->prog, s->seen);
    print_prn(in, s->prn, f->data, f->len);
    bool stop = false;
    if (s->store || s->stop_at) {
        /* Kept as its bytes: decoded when the spec looks at it. */
        double t = (double)f->ts.tv_sec + (double)f->ts.tv_nsec / 1e9;
        struct ps_value v = ps_val_stored(f->data, f->len, PS_DLT_EN10MB, NULL, t);
        /* Scapy's stop_filter: tested after storing; the packet is kept. */
        stop = s->stop_at && interp_matches(in, &v, s->stop_at, s->e->loc);
        if (s->store)
            ps_list_push(&s->list, v);
        else
            ps_val_release(&v);
    }
    return !stop && !(s->count && s->seen >= s->count) && !in->failed_run;
}

struct ps_value live_sniff(struct interp *in, const struct ps_expr *e)
{
    struct ps_iface ifc;
    if (!live_iface(in, e, &ifc))
        return none_value;
    struct sniffer s = {.in = in, .e = e, .list = live_pktlist("Sniffed"),
                        .count = (uint64_t)live_opt_or(in, e, O_COUNT, 0),
                        .prn = live_opt_or(in, e, O_PRN, -1),
                        .store = live_opt_or(in, e, O_STORE, 1) != 0};
    struct ps_value pattern = none_value;
    const struct ps_expr *stop_expr = live_option(e, O_STOP_FILTER);
    if (stop_expr) {
        pattern = interp_eval(in, stop_expr);
        s.stop_at = &pattern;
    }
    char *filter = live_opt_text(in, e, O_FILTER);
    struct ps_sniff_opts o = {.iface = ifc.name, .filter = filter,
                              .timeout_ns = live_opt_or(in, e, O_TIMEOUT, -1),
                              .stop = ps_signals_stop_flag()};
    char err[256];
    uint64_t drops = 0;
    fflush(in->o->out); /* what the spec printed before is out while it waits */
    /* Scapy's sniff prints nothing: the line shows after 1 s, or from the
     * start when count= asks for a long capture; not over prn='s lines. */
    ps_progress_start(&s.prog, "sniff", false, in->o->verbosity,
                      s.count > PS_PROGRESS_LONG_FRAMES, s.prn >= 0);
    ps_signals_capture(true);
    int rc = ps_sniff(&o, sniffed, &s, &drops, err, sizeof err);
    ps_signals_capture(false);
    ps_progress_end(&s.prog);
    if (rc < 0)
        interp_error(in, e->loc, "%s", err);
    else if (drops)
        interp_warning(in, e->loc, "the kernel dropped %llu frames it had no room for",
                       (unsigned long long)drops);
    free(filter);
    ps_val_release(&pattern);
    ps_list_fit(&s.list, 0);
    return s.list;
}
