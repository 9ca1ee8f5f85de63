/* The builtins that touch frames: building, printing, pcap files, and the
 * sending calls, which in a dry run print their frames and in a --pcap run
 * write them, and send nothing. */
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "coerce.h"
#include "interp_int.h"
#include "outfile.h"
#include "linktype.h"
#include "ls.h"
#include "fragment.h"
#include "plan.h"
#include "print.h"

static const struct ps_value none_value = {.t = PT_NONE};
static const struct ps_value wire_value = {.t = PT_WIRE};

static void warn_holes(struct interp *in, unsigned holes, struct ps_loc loc)
{
    unsigned fresh = holes & ~in->warned_holes;
    in->warned_holes |= holes;
    if (fresh & PS_HOLE_SRC_MAC)
        interp_warning(in, loc, "no interface gives Ether.src: using 00:00:00:00:00:00, as Scapy "
                       "does without a route");
    if (fresh & PS_HOLE_SRC_IP4)
        interp_warning(in, loc, "no interface gives the IPv4 source: using 0.0.0.0, as Scapy "
                       "does without a route");
    if (fresh & PS_HOLE_SRC_IP6)
        interp_warning(in, loc, "no interface gives the IPv6 source: using ::, as Scapy does "
                       "without a route");
    if (fresh & PS_HOLE_DST_MAC)
        interp_warning(in, loc, "Ether.dst is not given and nothing resolves it: using "
                       "ff:ff:ff:ff:ff:ff, as Scapy does");
}

long interp_build(struct interp *in, const struct ps_tpkt *t, uint64_t i, struct ps_loc loc)
{
    if (in->o->max_steps && ++in->steps > in->o->max_steps) {
        interp_error(in, loc, "the run went past its bound of %llu steps",
                     (unsigned long long)in->o->max_steps);
        return -1;
    }
    ps_tpkt_member(t, i, &in->rng, &in->pkt);
    unsigned holes = 0;
    long len = ps_encode(&in->pkt, &in->o->env, in->frame, sizeof in->frame, &holes);
    if (len < 0)
        interp_error(in, loc, "the packet does not fit in %d bytes", PS_MAX_FRAME);
    else
        warn_holes(in, holes, loc);
    return len;
}

static int linktype_of(const struct ps_tpkt *t)
{
    return ps_linktype_for(t->n ? t->layers[0]->proto : NULL);
}

static const struct ps_packet *decode_frame(struct interp *in, const uint8_t *frame, size_t len,
                                            int linktype)
{
    struct ps_decode_room room = {.subs = in->subs, .subs_cap = 40, .layers = &in->prog->layers};
    ps_decode(frame, len, linktype, &in->dec, &room);
    return &in->dec;
}

const struct ps_packet *interp_stored_layers(struct interp *in, const struct ps_obj *s)
{
    if (!s->first)
        return decode_frame(in, s->frame, s->frame_len, s->linktype);
    struct ps_decode_room room = {.subs = in->subs, .subs_cap = 40, .layers = &in->prog->layers};
    ps_decode_as(s->first, s->frame, s->frame_len, &in->dec, &room);
    return &in->dec;
}

struct ps_value interp_expand(struct interp *in, struct ps_value v)
{
    if (v.t != PT_PKT || !v.obj->stored)
        return v;
    struct ps_value view = ps_val_view(interp_stored_layers(in, v.obj), v.obj);
    ps_val_release(&v);
    return view;
}

struct ps_value interp_layer_from_bytes(struct interp *in, const struct ps_expr *e)
{
    struct ps_value b = interp_eval(in, e->args[0]);
    if (b.t == PT_WIRE || in->failed_run)
        return b;
    struct ps_value out = {.t = PT_NONE};
    if (b.t != PT_BYTES) {
        interp_error(in, e->args[0]->loc, "%s(...) is dissected from bytes, not from %s",
                     e->proto->name, ps_type_name(b.t));
    } else if (b.obj->len) { /* TCP(b"") is Scapy's TCP(): the defaults */
        out = interp_expand(in, ps_val_stored(b.obj->bytes, b.obj->len, 0, e->proto, 0));
        char why[160];
        if (ps_layer_bytes_refused(e->proto, &in->dec, b.obj->len, why, sizeof why)) {
            interp_error(in, e->args[0]->loc, "%s", why);
            ps_val_release(&out);
        }
    }
    ps_val_release(&b);
    return out;
}

int interp_linktype(const struct ps_value *v)
{
    const struct ps_obj *o = v->obj;
    if (o->stored)
        return o->first ? ps_linktype_for(o->first) : o->linktype;
    return linktype_of(&o->pkt);
}

bool interp_has_layer(struct interp *in, const struct ps_value *v, const struct ps_proto *p)
{
    if (!v->obj->stored)
        return ps_tpkt_find(&v->obj->pkt, p) >= 0;
    const struct ps_packet *d = interp_stored_layers(in, v->obj);
    for (size_t i = 0; i < d->n; i++)
        if (d->layers[i].proto == p)
            return true;
    return false;
}

struct ps_value interp_decoded(struct interp *in, const struct ps_value *v, struct ps_loc loc)
{
    if (v->t == PT_PKT && v->obj->stored)
        return interp_expand(in, ps_val_retain(*v));
    if (v->t != PT_PKT || v->obj->decoded)
        return ps_val_retain(*v);
    long len = interp_build(in, &v->obj->pkt, 0, loc);
    if (len < 0)
        return none_value;
    /* read back from its own first layer, as Scapy prints the packet it
     * holds: UDP()/DNS() is UDP / DNS, not a link type's frame */
    const struct ps_tpkt *t = &v->obj->pkt;
    struct ps_decode_room room = {.subs = in->subs, .subs_cap = 40, .layers = &in->prog->layers};
    if (t->n)
        ps_decode_as(t->layers[0]->proto, in->frame, (size_t)len, &in->dec, &room);
    else
        decode_frame(in, in->frame, (size_t)len, linktype_of(t));
    return ps_val_decoded(&in->dec, in->frame, (size_t)len, 0, NULL);
}

/* ---- frames out ---------------------------------------------------------- */

static void print_summary(struct interp *in, FILE *out, const uint8_t *frame, size_t len,
                          int linktype)
{
    char line[1024];
    ps_summary(decode_frame(in, frame, len, linktype), line, sizeof line);
    fprintf(out, "%s\n", line);
}

static void emit_frame(struct interp *in, const uint8_t *frame, size_t len, int linktype,
                       struct ps_loc loc)
{
    in->frames_out++;
    if (in->o->mode == PS_RUN_DRY) {
        if (in->o->quiet)
            return;
        print_summary(in, in->o->out, frame, len, linktype);
        ps_hexdump(in->o->out, frame, len);
        return;
    }
    char err[512];
    if (!in->pcap) {
        in->pcap = ps_pcap_writer_open(in->o->pcap_out, PS_DLT_EN10MB, err, sizeof err);
        if (!in->pcap) {
            interp_error(in, loc, "%s", err);
            in->fatal = true; /* --pcap's file: no test goes on without it */
            return;
        }
    }
    struct timeval ts = {(time_t)(in->clock_ns / 1000000000u),
                         (suseconds_t)(in->clock_ns % 1000000000u / 1000u)};
    if (ps_pcap_write(in->pcap, frame, len, ts, err, sizeof err) < 0) {
        interp_error(in, loc, "%s", err);
        in->fatal = true;
    }
}

static uint64_t opt_u(struct interp *in, const struct ps_expr *e, enum ps_opt o, uint64_t def)
{
    for (size_t i = 0; i < e->nopts; i++) {
        if (e->opts[i].index == (int)o) {
            struct ps_value v = interp_eval(in, e->opts[i].value);
            uint64_t u = v.u;
            ps_val_release(&v);
            return u;
        }
    }
    return def;
}

static bool has_opt(const struct ps_expr *e, enum ps_opt o)
{
    for (size_t i = 0; i < e->nopts; i++)
        if (e->opts[i].index == (int)o)
            return true;
    return false;
}

/* The packets a sending call goes over: a packet set, or a list of them. */
static bool each_template(struct interp *in, const struct ps_value *v, struct ps_loc loc,
                          const struct ps_value **items, size_t *n)
{
    if (v->t == PT_PKT) {
        *items = v;
        *n = 1;
        return true;
    }
    if (v->t == PT_LIST || v->t == PT_PKTLIST) {
        for (size_t i = 0; i < v->obj->n; i++) {
            if (v->obj->items[i].t != PT_PKT) {
                interp_error(in, loc, "element %zu is %s, not a packet", i,
                             ps_type_name(v->obj->items[i].t));
                return false;
            }
        }
        *items = v->obj->items;
        *n = v->obj->n;
        return true;
    }
    interp_error(in, loc, "%s is not a packet", ps_type_name(v->t));
    return false;
}

/* Every member of a packet set, out: through a frame plan when the set has
 * one (patched in place, no encoding per packet), else encoded one by one. */
static uint64_t emit_members(struct interp *in, const struct ps_tpkt *t, uint64_t inter,
                             struct ps_loc loc)
{
    uint64_t members = ps_tpkt_count(t);
    int linktype = linktype_of(t);
    struct ps_plan *plan = members > 1 ? ps_plan_build(t, &in->o->env) : NULL;
    uint64_t sent = 0;
    for (uint64_t i = 0; i < members && !in->failed_run; i++) {
        long len;
        if (plan && i > 0) {
            if (in->o->max_steps && ++in->steps > in->o->max_steps) {
                interp_error(in, loc, "the run went past its bound of %llu steps",
                             (unsigned long long)in->o->max_steps);
                break;
            }
            len = (long)ps_plan_member(plan, i, in->frame);
        } else {
            len = interp_build(in, t, i, loc); /* member 0 also warns about holes */
        }
        if (len >= 0)
            emit_frame(in, in->frame, (size_t)len, linktype, loc);
        in->clock_ns += inter;
        sent++;
    }
    ps_plan_free(plan);
    return sent;
}

/* send() is L3: the frame that leaves carries an Ether() of the interface. */
static struct ps_value with_ether(const struct ps_value *p)
{
    struct ps_value eth = ps_val_layer(ps_proto_find("Ether"));
    struct ps_value framed = ps_val_stack(&eth, p);
    ps_val_release(&eth);
    return framed;
}

static uint64_t emit_all(struct interp *in, const struct ps_expr *e, bool layer3)
{
    struct ps_value v = interp_eval(in, e->args[0]);
    const struct ps_value *items;
    size_t n;
    uint64_t sent = 0;
    if (!each_template(in, &v, e->loc, &items, &n)) {
        ps_val_release(&v);
        return 0;
    }
    uint64_t count = opt_u(in, e, O_COUNT, 1);
    uint64_t inter = opt_u(in, e, O_INTER, 0);
    for (uint64_t c = 0; c < count && !in->failed_run; c++) {
        for (size_t k = 0; k < n && !in->failed_run; k++) {
            struct ps_value item = interp_expand(in, ps_val_retain(items[k]));
            struct ps_value p = layer3 ? with_ether(&item) : ps_val_retain(item);
            ps_val_release(&item);
            if (p.t != PT_PKT) {
                interp_error(in, e->loc, "a packet has at most %d layers", PS_MAX_LAYERS);
                break;
            }
            sent += emit_members(in, &p.obj->pkt, inter, e->loc);
            ps_val_release(&p);
        }
    }
    ps_val_release(&v);
    return sent;
}

static struct ps_value send_call(struct interp *in, const struct ps_expr *e)
{
    bool layer3 = e->builtin == B_SEND || e->builtin == B_SR || e->builtin == B_SR1 ||
                  e->builtin == B_SRLOOP;
    if (in->o->mode == PS_RUN_LIVE)
        return live_send_call(in, e);
    emit_all(in, e, layer3);
    struct ps_value answer = wire_value, ans = wire_value, unans = wire_value;
    switch (e->builtin) {
    case B_SEND:
    case B_SENDP:
        return none_value;
    case B_SR1:
    case B_SRP1:
        return answer;
    default: {
        /* ans, unans: known only from the wire. */
        struct ps_value t = ps_val_list(PT_TUPLE);
        ps_list_push(&t, ans);
        ps_list_push(&t, unans);
        return t;
    }
    }
}

/* ---- pcap files ---------------------------------------------------------- */

static char *text_of(const struct ps_value *v)
{
    return strndup((const char *)v->obj->bytes, v->obj->len);
}

static bool files_allowed(struct interp *in, struct ps_loc loc)
{
    if (in->o->no_files)
        interp_error(in, loc, "this run may not touch files");
    return !in->o->no_files;
}

/* Whether path is one of the run's outputs (--pcap, --junit): reading it
 * would read what the run is about to replace. */
static const char *run_output(const struct interp *in, const char *path)
{
    const char *outs[] = {in->o->mode == PS_RUN_PCAP ? in->o->pcap_out : NULL, in->o->junit};
    for (size_t i = 0; i < sizeof outs / sizeof outs[0]; i++)
        if (outs[i] && (strcmp(outs[i], path) == 0 || ps_same_file(outs[i], path)))
            return i == 0 ? "--pcap" : "--junit";
    return NULL;
}

static struct ps_value rdpcap(struct interp *in, const char *path, const char *filter,
                              uint64_t max, struct ps_loc loc, const char *list_name)
{
    char err[512];
    if (!files_allowed(in, loc))
        return none_value;
    const char *out = run_output(in, path);
    if (out) {
        interp_error(in, loc, "%s is the run's %s output: it cannot be read too", path, out);
        return none_value;
    }
    struct ps_pcap_reader *r = ps_pcap_reader_open(path, filter, err, sizeof err);
    if (!r) {
        interp_error(in, loc, "%s", err);
        return none_value;
    }
    struct ps_value list = ps_val_list(PT_PKTLIST);
    list.obj->list_name = list_name;
    if (!list_name) {
        /* Scapy names a read list after the file's base name. */
        const char *slash = strrchr(path, '/');
        const char *base = slash ? slash + 1 : path;
        list.obj->bytes = (uint8_t *)strdup(base);
        list.obj->list_name = (const char *)list.obj->bytes;
    }
    struct ps_pcap_frame f;
    int got = 0; /* gcc -O1 cannot tell that the loop reads at least once */
    while ((max == 0 || list.obj->n < max) && (got = ps_pcap_next(r, &f, err, sizeof err)) > 0) {
        double t = (double)f.ts.tv_sec + (double)f.ts.tv_usec / 1e6;
        ps_list_push(&list, ps_val_stored(f.data, f.len, f.linktype, NULL, t));
    }
    ps_list_fit(&list, 0);
    if (got < 0)
        interp_error(in, loc, "%s", err);
    ps_pcap_reader_close(r);
    return list;
}

static struct ps_value wrpcap(struct interp *in, const struct ps_expr *e)
{
    struct ps_value path = interp_eval(in, e->args[0]);
    struct ps_value v = interp_eval(in, e->args[1]);
    const struct ps_value *items;
    size_t n;
    if (path.t != PT_STR) {
        interp_error(in, e->args[0]->loc, "wrpcap takes a file name first");
    } else if (files_allowed(in, e->loc) && each_template(in, &v, e->loc, &items, &n)) {
        char *name = text_of(&path);
        char err[512];
        const char *out = run_output(in, name);
        if (out || ps_same_file(name, in->prog->path)) {
            interp_error(in, e->args[0]->loc, "wrpcap would write over %s",
                         out ? (strcmp(out, "--pcap") == 0 ? "the run's --pcap output"
                                                           : "the run's --junit output")
                             : "the spec itself");
            free(name);
            goto done;
        }
        int linktype = n ? interp_linktype(&items[0]) : PS_DLT_EN10MB;
        struct ps_pcap_writer *w = ps_pcap_writer_open(name, linktype, err, sizeof err);
        if (!w)
            interp_error(in, e->loc, "%s", err);
        for (size_t k = 0; w && k < n && !in->failed_run; k++) {
            const struct ps_obj *o = items[k].obj;
            struct timeval ts = {(time_t)o->time, (suseconds_t)((o->time - (double)(time_t)o->time) * 1e6)};
            if (o->frame) {
                if (ps_pcap_write(w, o->frame, o->frame_len, ts, err, sizeof err) < 0)
                    interp_error(in, e->loc, "%s", err);
                continue;
            }
            uint64_t members = ps_tpkt_count(&o->pkt);
            for (uint64_t i = 0; i < members && !in->failed_run; i++) {
                long len = interp_build(in, &o->pkt, i, e->loc);
                if (len >= 0 && ps_pcap_write(w, in->frame, (size_t)len, ts, err, sizeof err) < 0)
                    interp_error(in, e->loc, "%s", err);
            }
        }
        if (w && in->failed_run)
            ps_pcap_writer_abort(w);
        else if (w && ps_pcap_writer_close(w, err, sizeof err) < 0)
            interp_error(in, e->loc, "%s", err);
        free(name);
    }
done:
    ps_val_release(&path);
    ps_val_release(&v);
    return none_value;
}

/* ---- printing ------------------------------------------------------------ */

/* A packet through one of the printers (summary, show, command, ls): on
 * its decoded form, so a packet the spec built prints as it was built. */
static void print_packet(struct interp *in, FILE *out, const struct ps_value *v,
                         ps_packet_printer printer, struct ps_loc loc)
{
    struct ps_value d = interp_decoded(in, v, loc);
    if (d.t != PT_PKT)
        return;
    struct ps_packet *p = &in->dec;
    ps_tpkt_member(&d.obj->pkt, 0, &in->rng, p);
    ps_print_to(out, printer, p);
    ps_val_release(&d);
}

void interp_print_command(struct interp *in, FILE *out, const struct ps_value *v)
{
    print_packet(in, out, v, ps_command, (struct ps_loc){0, 0, 0});
}

/* ls(p): Scapy's ls(pkt) of the packet as the spec holds it (its first
 * when it is a set), which Scapy has not built either: None for what
 * building computes (len, chksum), defaults with the upper layer's
 * bindings; a packet that came in, as it came. */
static void ls_packet(struct interp *in, const struct ps_value *v)
{
    uint64_t rng = in->rng; /* draws nothing a --seed run would miss */
    ps_tpkt_member(&v->obj->pkt, 0, &rng, &in->pkt);
    ps_print_to(in->o->out, ps_ls_packet, &in->pkt);
}

static void print_packet_summary(struct interp *in, FILE *out, const struct ps_value *v,
                                 struct ps_loc loc)
{
    print_packet(in, out, v, ps_summary, loc);
}

static void print_list_stats(struct interp *in, FILE *out, const struct ps_value *v)
{
    static const char *const classic[] = {"TCP", "UDP", "ICMP"};
    size_t counts[4] = {0};
    for (size_t i = 0; i < v->obj->n; i++) {
        const struct ps_value *p = &v->obj->items[i];
        if (p->t == PT_TUPLE && p->obj->n == 2)
            p = &p->obj->items[1]; /* Scapy counts an answered pair by its answer */
        size_t k = 3;
        for (size_t c = 0; c < 3 && p->t == PT_PKT; c++) {
            if (interp_has_layer(in, p, ps_proto_find(classic[c]))) {
                k = c;
                break;
            }
        }
        counts[k]++;
    }
    fprintf(out, "<%s: TCP:%zu UDP:%zu ICMP:%zu Other:%zu>", v->obj->list_name, counts[0],
            counts[1], counts[2], counts[3]);
}

static void print_bytes(FILE *out, const struct ps_value *v)
{
    fputs("x\"", out);
    for (size_t i = 0; i < v->obj->len; i++)
        fprintf(out, "%s%02x", i ? " " : "", v->obj->bytes[i]);
    fputc('"', out);
}

/* A string inside a list or tuple, written as a spec writes it. */
static void print_string(FILE *out, const struct ps_value *v)
{
    fputc('"', out);
    for (size_t i = 0; i < v->obj->len; i++) {
        uint8_t c = v->obj->bytes[i];
        switch (c) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\t': fputs("\\t", out); break;
        case '\r': fputs("\\r", out); break;
        default:
            if (c < 0x20 || c >= 0x7f)
                fprintf(out, "\\x%02x", c);
            else
                fputc(c, out);
        }
    }
    fputc('"', out);
}

static void print_value(struct interp *in, FILE *out, const struct ps_value *v, bool nested);

/* The value of a field as Scapy's str() of it: None, a FlagValue's letters,
 * bytes as b'..', a list of layers as its elements' reprs, and a DNS record
 * chain, which Scapy holds as one packet, as its summary. */
static void print_field(struct interp *in, FILE *out, const struct ps_value *v)
{
    const struct ps_field *f = v->field;
    char text[256];
    struct ps_fval fv = {.set = true, .u = v->u};
    switch (v->t) {
    case PT_NONE:
        fputs("None", out);
        return;
    case PT_INT:
        break;
    case PT_STR:
    case PT_BYTES:
        if (f->kind == PS_K_LAYERS && f->chain && v->obj->len == 0) {
            fputs("None", out); /* no record */
            return;
        }
        if (f->kind != PS_K_BYTES && f->kind != PS_K_OPTIONS && f->kind != PS_K_LAYERS) {
            static const struct ps_field bytes_field = {.kind = PS_K_BYTES};
            f = &bytes_field;
        }
        fv.bytes = v->obj->bytes;
        fv.len = v->obj->len;
        break;
    case PT_LIST:
        if (f->kind != PS_K_LAYERS)
            break;
        fputs(f->chain ? v->obj->n ? "" : "None" : "[", out);
        for (size_t i = 0; i < v->obj->n; i++) {
            fputs(i == 0 ? "" : f->chain ? " / " : ", ", out);
            print_packet(in, out, &v->obj->items[i], f->chain ? ps_summary : ps_repr,
                         (struct ps_loc){0, 0, 0});
        }
        fputs(f->chain ? "" : "]", out);
        return;
    default:
        break;
    }
    if (v->t != PT_INT && v->t != PT_STR && v->t != PT_BYTES) {
        print_value(in, out, v, false); /* addresses: their text, as Scapy's */
        return;
    }
    int n = ps_format_str(f, &fv, text, sizeof text);
    if (n >= (int)sizeof text) {
        char *big = malloc((size_t)n + 1);
        if (big && ps_format_str(f, &fv, big, (size_t)n + 1) == n)
            fputs(big, out);
        free(big);
        return;
    }
    fputs(text, out);
}

void interp_print_value(struct interp *in, FILE *out, const struct ps_value *v)
{
    if (v->field)
        print_field(in, out, v);
    else
        print_value(in, out, v, false);
}

void interp_print_str(struct interp *in, FILE *out, const struct ps_value *v)
{
    if (v->field) {
        print_field(in, out, v);
        return;
    }
    switch (v->t) {
    case PT_NONE:
        fputs("None", out);
        break;
    case PT_BOOL:
        fputs(v->u ? "True" : "False", out);
        break;
    case PT_BYTES: {
        struct ps_strbuf b = ps_strbuf_init(NULL, 0);
        ps_put_pybytes(&b, v->obj->bytes, v->obj->len);
        char *text = malloc(b.len + 1);
        if (!text)
            abort();
        b = ps_strbuf_init(text, b.len + 1);
        ps_put_pybytes(&b, v->obj->bytes, v->obj->len);
        fwrite(text, 1, b.len, out);
        free(text);
        break;
    }
    default:
        print_value(in, out, v, false);
    }
}

/* An enum's name for v (a MultiEnumField's for the value v->hi holds of the
 * field it depends on), or NULL. */
static const char *enum_name(const struct ps_value *v)
{
    const struct ps_field *f = v->field;
    if (!f->multi)
        return f->enums ? ps_enum_name(f, v->u) : NULL;
    for (const struct ps_enum_multi *m = f->multi; m->enums; m++)
        if (m->key == v->hi)
            for (const struct ps_enum *e = m->enums; e->name; e++)
                if (e->value == v->u)
                    return e->name;
    return NULL;
}

void interp_print_like(struct interp *in, FILE *out, const struct ps_value *v,
                       const struct ps_value *like)
{
    if (v->t == PT_PKT) {
        interp_print_command(in, out, v); /* spec text: it can be pasted into a spec */
        return;
    }
    bool named = like && like->t == PT_INT && like->field;
    if (v->t == PT_INT && v->field && named && v->field->flags) {
        if (v->u == 0)
            fputc('0', out); /* no letter to show */
        else
            print_field(in, out, v);
        return;
    }
    bool text = v->t == PT_STR || v->t == PT_BYTES;
    const char *name = v->t == PT_INT && v->field && named ? enum_name(v) : NULL;
    if (name)
        fputs(name, out);
    else if (v->t == PT_INT && v->field && named) /* i2repr of a value with no name */
        fprintf(out, v->field->hex && !v->field->multi ? "0x%llx" : "%llu",
                (unsigned long long)v->u);
    else if (text && like && like->t == PT_STR)
        print_string(out, v);
    else if (text && like && like->t == PT_BYTES)
        print_bytes(out, v);
    else
        print_value(in, out, v, true);
}

static void print_value(struct interp *in, FILE *out, const struct ps_value *v, bool nested)
{
    char text[64];
    switch (v->t) {
    case PT_NONE: fputs("none", out); break;
    case PT_INT: fprintf(out, "%lld", (long long)v->u); break;
    case PT_BOOL: fputs(v->u ? "true" : "false", out); break;
    case PT_DUR:
        if (v->u % 1000000000u == 0)
            fprintf(out, "%llus", (unsigned long long)(v->u / 1000000000u));
        else if (v->u % 1000000u == 0)
            fprintf(out, "%llums", (unsigned long long)(v->u / 1000000u));
        else
            fprintf(out, "%lluus", (unsigned long long)(v->u / 1000u));
        break;
    case PT_MAC: ps_format_mac(v->addr, text); fputs(text, out); break;
    case PT_IP4: ps_format_ip4(v->addr, text); fputs(text, out); break;
    case PT_IP6: ps_format_ip6(v->addr, text); fputs(text, out); break;
    case PT_PREFIX4: ps_format_ip4(v->addr, text); fprintf(out, "%s/%d", text, v->prefix); break;
    case PT_PREFIX6: ps_format_ip6(v->addr, text); fprintf(out, "%s/%d", text, v->prefix); break;
    case PT_STR:
        if (nested)
            print_string(out, v);
        else
            fwrite(v->obj->bytes, 1, v->obj->len, out);
        break;
    case PT_BYTES: print_bytes(out, v); break;
    case PT_RANGE: fprintf(out, "%llu..%llu", (unsigned long long)v->u, (unsigned long long)v->hi); break;
    case PT_LIST:
    case PT_TUPLE:
        fputc(v->t == PT_LIST ? '[' : '(', out);
        for (size_t i = 0; i < v->obj->n; i++) {
            if (i)
                fputs(", ", out);
            print_value(in, out, &v->obj->items[i], true);
        }
        fputc(v->t == PT_LIST ? ']' : ')', out);
        break;
    case PT_PKT: print_packet_summary(in, out, v, (struct ps_loc){0, 0, 0}); break;
    case PT_PKTLIST: print_list_stats(in, out, v); break;
    case PT_PROTO: fputs(v->proto->name, out); break;
    case PT_RANDOM: fputs("random", out); break;
    case PT_WIRE: fputs("<known only on the wire>", out); break;
    case PT_SNIFFER: fputs("<AsyncSniffer>", out); break;
    case PT_ANY: break;
    }
}

static void summary_lines(struct interp *in, const struct ps_value *v, struct ps_loc loc)
{
    FILE *out = in->o->out;
    if (v->t == PT_PKT) {
        print_packet_summary(in, out, v, loc);
        fputc('\n', out);
        return;
    }
    for (size_t i = 0; i < v->obj->n; i++) {
        const struct ps_value *p = &v->obj->items[i];
        if (p->t == PT_TUPLE && p->obj->n == 2) {
            print_packet_summary(in, out, &p->obj->items[0], loc);
            fputs(" ==> ", out);
            print_packet_summary(in, out, &p->obj->items[1], loc);
        } else {
            interp_print_value(in, out, p);
        }
        fputc('\n', out);
    }
}

/* x.show() / x.command() on a packet, or on each packet of a list (Scapy's
 * PacketList.show() numbers its lines). show()'s text ends with its own
 * blank line; a command gets a newline. */
static void print_lines(struct interp *in, const struct ps_value *v, ps_packet_printer printer,
                        struct ps_loc loc)
{
    FILE *out = in->o->out;
    bool show = printer == ps_show;
    size_t n = v->t == PT_PKT ? 1 : v->obj->n;
    for (size_t i = 0; i < n; i++) {
        const struct ps_value *p = v->t == PT_PKT ? v : &v->obj->items[i];
        if (v->t != PT_PKT && show && p->t == PT_TUPLE && p->obj->n == 2) {
            /* Scapy's SndRcvList.show() is its nsummary(): "0000 sent ==> answer" */
            fprintf(out, "%04zu ", i);
            print_packet(in, out, &p->obj->items[0], ps_summary, loc);
            fputs(" ==> ", out);
            print_packet(in, out, &p->obj->items[1], ps_summary, loc);
            fputc('\n', out);
            continue;
        }
        if (p->t == PT_TUPLE && p->obj->n == 2)
            p = &p->obj->items[1];
        if (p->t != PT_PKT)
            continue;
        if (v->t != PT_PKT && show) {
            fprintf(out, "%04zu ", i);
            print_packet(in, out, p, ps_summary, loc);
            fputc('\n', out);
            continue;
        }
        print_packet(in, out, p, printer, loc);
        if (!show)
            fputc('\n', out);
    }
}

struct ps_value interp_method(struct interp *in, const struct ps_expr *e)
{
    if (e->builtin == B_FLAGBIT || e->builtin == B_PKTTIME)
        return interp_idiom_method(in, e);
    struct ps_value self = interp_eval(in, e->args[0]);
    struct ps_value out = none_value;
    if (self.t == PT_WIRE)
        return self;
    if (e->builtin == B_START || e->builtin == B_STOP || e->builtin == B_JOIN) {
        out = interp_async_method(in, e, &self);
        ps_val_release(&self);
        return out;
    }
    bool packet = self.t == PT_PKT;
    bool list = self.t == PT_PKTLIST || self.t == PT_LIST;
    if (e->as_value && packet) {
        /* p.summary() or p.command() inside an expression: the text itself. */
        char *text = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&text, &len);
        if (m) {
            print_packet(in, m, &self, e->builtin == B_SUMMARY ? ps_summary : ps_command, e->loc);
            fclose(m);
            out = ps_val_bytes(PT_STR, (const uint8_t *)text, len);
        }
        free(text);
        ps_val_release(&self);
        return out;
    }
    switch (e->builtin) {
    case B_SUMMARY:
        if (packet || list)
            summary_lines(in, &self, e->loc);
        else
            interp_error(in, e->loc, "summary() is a method of packets, not of %s",
                         ps_type_name(self.t));
        break;
    case B_HASLAYER:
    case B_GETLAYER: {
        struct ps_value l = interp_eval(in, e->args[1]);
        if (!packet || l.t != PT_PROTO) {
            interp_error(in, e->loc, "%s() asks a packet about a layer, as p.%s(TCP)",
                         e->builtin == B_HASLAYER ? "haslayer" : "getlayer",
                         e->builtin == B_HASLAYER ? "haslayer" : "getlayer");
            break;
        }
        if (e->builtin == B_HASLAYER)
            out = ps_val_int(PT_BOOL, interp_haslayer(&self.obj->pkt, l.proto));
        else
            out = interp_getlayer(&self, l.proto, 1);
        break;
    }
    case B_NSUMMARY:
        /* Scapy's PacketList.nsummary(): what show() prints of a list */
        if (list)
            print_lines(in, &self, ps_show, e->loc);
        else
            interp_error(in, e->loc, "nsummary() is a method of lists of packets, not of %s",
                         ps_type_name(self.t));
        break;
    case B_SHOW:
    case B_COMMAND:
        if (packet || list)
            print_lines(in, &self, e->builtin == B_SHOW ? ps_show : ps_command, e->loc);
        else
            interp_error(in, e->loc, "%s() is a method of packets, not of %s",
                         e->builtin == B_SHOW ? "show" : "command", ps_type_name(self.t));
        break;
    default:
        break;
    }
    ps_val_release(&self);
    return out;
}

static struct ps_value length_of(struct interp *in, const struct ps_expr *e)
{
    struct ps_value v = interp_eval(in, e->args[0]);
    struct ps_value out = none_value;
    switch (v.t) {
    case PT_WIRE:
        return v;
    case PT_STR:
    case PT_BYTES:
        out = ps_val_int(PT_INT, v.obj->len);
        break;
    case PT_LIST:
    case PT_TUPLE:
    case PT_PKTLIST:
        out = ps_val_int(PT_INT, v.obj->n);
        break;
    case PT_PKT: {
        if (v.obj->frame) {
            out = ps_val_int(PT_INT, v.obj->frame_len);
            break;
        }
        long len = interp_build(in, &v.obj->pkt, 0, e->loc);
        out = ps_val_int(PT_INT, len < 0 ? 0 : (uint64_t)len);
        break;
    }
    default:
        if (!in->failed_run) /* not again after the error that made v */
            interp_error(in, e->loc, "len() of %s", ps_type_name(v.t));
    }
    ps_val_release(&v);
    return out;
}

/* sniff()'s prn=: summary, show, command or hexdump of each packet. */
static void print_each(struct interp *in, const struct ps_value *list, uint64_t prn,
                       struct ps_loc loc)
{
    static const ps_packet_printer printers[] = {ps_summary, ps_show, ps_command};
    for (size_t i = 0; i < list->obj->n; i++) {
        const struct ps_value *p = &list->obj->items[i];
        if (prn == 3) {
            ps_hexdump(in->o->out, p->obj->frame, p->obj->frame_len);
            continue;
        }
        print_packet(in, in->o->out, p, printers[prn], loc);
        if (prn != 1)
            fputc('\n', in->o->out);
    }
}

static struct ps_value sniff(struct interp *in, const struct ps_expr *e)
{
    for (size_t i = 0; i < e->nopts; i++) {
        if (e->opts[i].index != O_OFFLINE)
            continue;
        struct ps_value file = interp_eval(in, e->opts[i].value);
        char *path = text_of(&file);
        char *filter = NULL;
        for (size_t k = 0; k < e->nopts; k++) {
            if (e->opts[k].index == O_FILTER) {
                struct ps_value f = interp_eval(in, e->opts[k].value);
                filter = text_of(&f);
                ps_val_release(&f);
            }
        }
        struct ps_value got = rdpcap(in, path, filter, opt_u(in, e, O_COUNT, 0), e->loc,
                                     "Sniffed");
        uint64_t prn = has_opt(e, O_PRN) ? opt_u(in, e, O_PRN, 0) : 99;
        if (got.t == PT_PKTLIST && prn <= 3)
            print_each(in, &got, prn, e->loc);
        if (got.t == PT_PKTLIST && has_opt(e, O_STORE) && !opt_u(in, e, O_STORE, 1)) {
            while (got.obj->n)
                ps_val_release(&got.obj->items[--got.obj->n]);
        }
        free(path);
        free(filter);
        ps_val_release(&file);
        return got;
    }
    if (in->o->mode == PS_RUN_LIVE)
        return live_sniff(in, e);
    return wire_value;
}

struct ps_value interp_call(struct interp *in, const struct ps_expr *e)
{
    switch (e->builtin) {
    case B_SEND: case B_SENDP: case B_SR: case B_SR1: case B_SRP: case B_SRP1:
    case B_SRLOOP: case B_SRPLOOP:
        return send_call(in, e);
    case B_SNIFF:
        return sniff(in, e);
    case B_ASYNCSNIFFER:
        return interp_async_new(in, e);
    case B_WRPCAP:
        return wrpcap(in, e);
    case B_RDPCAP: {
        struct ps_value file = interp_eval(in, e->args[0]);
        if (file.t != PT_STR) {
            interp_error(in, e->loc, "rdpcap takes a file name");
            return none_value;
        }
        char *path = text_of(&file);
        struct ps_value got = rdpcap(in, path, NULL, opt_u(in, e, O_COUNT, 0), e->loc, NULL);
        free(path);
        ps_val_release(&file);
        return got;
    }
    case B_LS: {
        if (e->nargs == 0) {
            const struct ps_registry *r = &in->prog->layers;
            for (size_t i = 0, n = ps_registry_count(r); i < n; i++)
                fprintf(in->o->out, "%-10s : %s\n", ps_registry_at(r, i)->name,
                        ps_registry_at(r, i)->long_name);
            return none_value;
        }
        struct ps_value l = interp_eval(in, e->args[0]);
        if (l.t == PT_PROTO)
            ps_ls_print(in->o->out, l.proto);
        else if (l.t == PT_PKT)
            ls_packet(in, &l);
        else if (l.t != PT_WIRE)
            interp_error(in, e->loc, "ls() takes a layer or a packet, as ls(IP) or ls(p)");
        ps_val_release(&l);
        return none_value;
    }
    case B_PRINT:
        for (size_t i = 0; i < e->nargs; i++) {
            struct ps_value v = interp_eval(in, e->args[i]);
            if (in->failed_run) { /* an argument's error: print nothing */
                ps_val_release(&v);
                return none_value;
            }
            if (i)
                fputc(' ', in->o->out);
            interp_print_str(in, in->o->out, &v);
            ps_val_release(&v);
        }
        fputc('\n', in->o->out);
        return none_value;
    case B_HEXDUMP: {
        struct ps_value v = interp_eval(in, e->args[0]);
        if (v.t == PT_PKT) {
            long len = v.obj->frame ? (long)v.obj->frame_len
                                    : interp_build(in, &v.obj->pkt, 0, e->loc);
            if (len >= 0)
                ps_hexdump(in->o->out, v.obj->frame ? v.obj->frame : in->frame, (size_t)len);
        } else if (v.t == PT_STR || v.t == PT_BYTES) {
            ps_hexdump(in->o->out, v.obj->bytes, v.obj->len);
        } else if (v.t != PT_WIRE) {
            interp_error(in, e->loc, "hexdump() of %s", ps_type_name(v.t));
        }
        ps_val_release(&v);
        return none_value;
    }
    case B_LEN:
        return length_of(in, e);
    case B_RAW:
        return interp_idiom_raw(in, e);
    case B_FRAGMENT:
        return ps_fragment_call(in, e);
    case B_STR:
        return interp_str_call(in, e);
    default:
        interp_error(in, e->loc, "this call cannot run here");
        return none_value;
    }
}
