/* Scapy's idioms pasted into a spec: what they mean in pktspec, or an
 * error that says what to write instead. Compile-time sugar only: each
 * becomes a value the rest of the compiler (and so the emitter) knows. */
#include <string.h>
#include <stdlib.h>
#include <strings.h>

#include "sema.h"
#include "proto/proto.h"

/* Scapy's volatile values (scapy/volatile.py) as pktspec's `random`:
 * lo..hi, or (both 0) the field's whole range. */
static const struct {
    const char *name;
    uint64_t lo, hi;
} rand_values[] = {
    {"RandByte", 0, UINT8_MAX},
    {"RandShort", 0, UINT16_MAX},
    {"RandInt", 0, UINT32_MAX},
    {"RandLong", 0, UINT64_MAX},
    {"RandIP", 0, 0},
    {"RandIP6", 0, 0},
    {"RandMAC", 0, 0},
};

/* Scapy's volatile values pktspec has no form of, and what to write. */
static const struct {
    const char *name, *instead;
} rand_refused[] = {
    {"RandString", "give the bytes themselves, as x\"de ad be ef\""},
    {"RandBin", "give the bytes themselves, as x\"de ad be ef\""},
    {"RandChoice", "give the values as a list, as dport=[22, 80, 443] (a set of packets)"},
    {"RandEnum", "write random(LO..HI)"},
};

struct ps_expr *sema_idiom_call(struct sema *s, const struct ast_node *n, bool *handled)
{
    const struct ast_node *callee = n->kids[0];
    size_t nargs = n->nkids - 1;
    *handled = false;
    if (callee->kind != AST_NAME)
        return NULL;
    for (size_t i = 0; i < sizeof rand_values / sizeof *rand_values; i++) {
        if (strcmp(callee->str, rand_values[i].name) != 0)
            continue;
        *handled = true;
        if (nargs) {
            bool addr = rand_values[i].hi == 0;
            ps_diag_error(s->d, n->kids[1]->loc, "%s() takes no argument in pktspec: %s() is "
                          "any value of the field; %s", callee->str, callee->str,
                          addr ? "a prefix (dst=10.0.0.0/24) is each of its addresses in turn"
                               : "for a smaller range write random(LO..HI)");
            return NULL;
        }
        struct ps_expr *e = sema_new_expr(E_CONST, n);
        e->value = (struct ps_value){.t = PT_RANDOM, .u = rand_values[i].lo, .hi = rand_values[i].hi};
        e->type = PT_RANDOM;
        return e;
    }
    if (strcmp(callee->str, "RandNum") == 0) {
        /* RandNum(min, max): both ends included, as random(min..max) */
        *handled = true;
        if (nargs != 2 || n->kids[1]->kind == AST_KWARG || n->kids[2]->kind == AST_KWARG) {
            ps_diag_error(s->d, n->loc, "RandNum takes two integers, RandNum(1024, 65535); "
                          "or write random(1024..65535)");
            return NULL;
        }
        struct ps_expr *lo = sema_expr(s, n->kids[1]), *hi = sema_expr(s, n->kids[2]);
        bool ok = lo && hi && lo->kind == E_CONST && hi->kind == E_CONST &&
                  lo->value.t == PT_INT && hi->value.t == PT_INT;
        struct ps_value v = {.t = PT_RANDOM};
        if (ok) {
            v.u = lo->value.u;
            v.hi = hi->value.u;
        }
        sema_expr_free(lo);
        sema_expr_free(hi);
        if (!ok) {
            ps_diag_error(s->d, n->loc, "RandNum takes two constant integers, as RandNum(1024, "
                          "65535), which is random(1024..65535)");
            return NULL;
        }
        if (v.u > v.hi) {
            ps_diag_error(s->d, n->loc, "RandNum(%llu, %llu) is empty",
                          (unsigned long long)v.u, (unsigned long long)v.hi);
            return NULL;
        }
        struct ps_expr *e = sema_new_expr(E_CONST, n);
        e->value = v;
        e->type = PT_RANDOM;
        return e;
    }
    for (size_t i = 0; i < sizeof rand_refused / sizeof *rand_refused; i++) {
        if (strcmp(callee->str, rand_refused[i].name) == 0) {
            *handled = true;
            ps_diag_error(s->d, callee->loc, "%s() is not in pktspec: %s", callee->str,
                          rand_refused[i].instead);
            return NULL;
        }
    }
    return NULL;
}

/* `os.system(...)`, `time.sleep(1)`: a call on a name the spec does not
 * know is Python; say so, and what pktspec has in its place. */
bool sema_idiom_python_call(struct sema *s, const struct ast_node *callee)
{
    const struct ast_node *base = callee->kids[0];
    if (base->kind != AST_NAME || sema_lookup(s, base->str) || sema_proto(s, base->str))
        return false;
    static const struct {
        const char *module, *instead;
    } modules[] = {
        {"os", "run a program beside the spec with `pktspec run --lab --exec PROG`, or in the "
               "lab's peer with --lab-peer CMD"},
        {"subprocess", "run a program beside the spec with `pktspec run --lab --exec PROG`, or "
                       "in the lab's peer with --lab-peer CMD"},
        {"time", "wait with send's inter= or sr's and sniff's timeout="},
        {"random", "a field takes random or random(LO..HI), drawn for each packet (--seed N)"},
        {"sys", "a spec ends when its last statement has run; its exit status is its tests'"},
    };
    const char *instead = "a spec calls pktspec's functions (send, sr, sniff, print, ...) and "
                          "packet methods only";
    for (size_t i = 0; i < sizeof modules / sizeof *modules; i++)
        if (strcmp(base->str, modules[i].module) == 0)
            instead = modules[i].instead;
    struct ast_loc at = callee->name_loc.line ? callee->name_loc : callee->loc;
    ps_diag_error(s->d, base->loc.line ? base->loc : at, "%s.%s() is Python, not pktspec: %s",
                  base->str, callee->str, instead);
    return true;
}

/* A tuple given to an integer field: Scapy's (1, 10) is the inclusive
 * range 1..10, a set of packets (SetGen). Returns NULL, *handled false,
 * when n is no such tuple. */
struct ps_expr *sema_idiom_tuple_range(struct sema *s, const struct ast_node *n,
                                       const struct ps_proto *p, int fi, bool *handled)
{
    const struct ps_field *fd = &p->fields[fi];
    *handled = false;
    if (n->kind != AST_TUPLE || fd->kind != PS_K_UINT)
        return NULL;
    *handled = true;
    if (fd->flags) {
        /* Scapy's FlagsField refuses a tuple (int() of it) */
        ps_diag_error(s->d, n->loc, "%s.%s takes flags, not a tuple (in Scapy too): a set of "
                      "flag values is a range, as 0..2", p->name, fd->name);
        return NULL;
    }
    if (n->nkids != 2) {
        ps_diag_error(s->d, n->loc, "%s.%s takes an integer; a tuple of two, (1, 10), is "
                      "Scapy's range, also written 1..10", p->name, fd->name);
        return NULL;
    }
    return sema_range(s, n);
}

/* TCP's flags by their long names (`flags="SYN"`, `flags=SYN+ACK`): Scapy
 * 2.5 refuses them too (its TCP flags are letters); say which letters. */
bool sema_idiom_flag_words(struct sema *s, const struct ast_node *n, const struct ps_proto *p,
                           int fi)
{
    static const char *const words[][2] = {
        {"FIN", "F"}, {"SYN", "S"}, {"RST", "R"}, {"PSH", "P"}, {"ACK", "A"},
        {"URG", "U"}, {"ECE", "E"}, {"CWR", "C"},
    };
    const struct ps_field *fd = &p->fields[fi];
    if ((n->kind != AST_NAME && n->kind != AST_STRING) || !n->str || !fd->flags ||
        strcmp(p->name, "TCP") != 0)
        return false;
    char letters[16] = "";
    size_t nl = 0;
    const char *t = n->str;
    while (*t) {
        size_t k = 0, w = sizeof words / sizeof *words;
        while (k < w && strncasecmp(t, words[k][0], 3) != 0)
            k++;
        if (k == w || nl + 1 >= sizeof letters)
            return false;
        letters[nl++] = words[k][1][0];
        t += 3;
        if (*t == '+' || *t == '|' || *t == ',')
            t++;
    }
    if (!nl)
        return false;
    ps_diag_error(s->d, n->loc, "Scapy's TCP flags are letters: %s is flags=%s (F S R P A U E C)",
                  n->str, letters);
    return true;
}

static struct ps_expr *method_on(const struct ast_node *n, enum ps_builtin b, struct ps_expr *self,
                                 enum ps_type t)
{
    struct ps_expr *e = sema_new_expr(E_METHOD, n);
    e->builtin = b;
    e->type = t;
    e->name = strdup(n->str);
    e->args = malloc(sizeof *e->args);
    if (!e->name || !e->args)
        abort();
    e->args[0] = self;
    e->nargs = 1;
    return e;
}

/* True when some layer has a field of this name: then `x.name` is that. */
static bool any_field(const struct sema *s, const char *name)
{
    const struct ps_registry *r = &s->prog->layers;
    for (size_t i = 0, n = ps_registry_count(r); i < n; i++)
        if (ps_field_index(ps_registry_at(r, i), name) >= 0)
            return true;
    return false;
}

struct ps_expr *sema_idiom_attr(struct sema *s, const struct ast_node *n, struct ps_expr *base,
                                bool *handled)
{
    *handled = false;
    /* r.time: when the packet was captured; s.sent_time: when a request of
     * sr left (Scapy's); both durations since the epoch, so that
     * r.time - s.sent_time is the answer's delay */
    if ((strcmp(n->str, "time") == 0 || strcmp(n->str, "sent_time") == 0) && !any_field(s, n->str) &&
        (base->type == PT_PKT || base->type == PT_ANY || base->type == PT_WIRE)) {
        *handled = true;
        return method_on(n, B_PKTTIME, base, PT_DUR);
    }
    /* p[TCP].flags.S: whether the flag is set (Scapy's FlagValue: every
     * flag of the name, SA is S and A) */
    if (base->kind != E_FIELD)
        return NULL;
    uint64_t bits = 0;
    /* a field read from another layer's flags field: known statically; a
     * field found at run time (p.flags) may be any layer's, so a name
     * that is some layer's field (ICMPv6 ND's S) stays a field */
    if (!(base->proto && base->field >= 0) && any_field(s, n->str))
        return NULL;
    if (base->proto && base->field >= 0) {
        const struct ps_field *fd = &base->proto->fields[base->field];
        if (!fd->flags)
            return NULL;
        const char *bad = NULL;
        *handled = true;
        if (!ps_flags_parse(fd, n->str, &bits, &bad) || !bits) {
            struct ast_loc at = n->name_loc.line ? n->name_loc : n->loc;
            char names[128] = "";
            for (size_t i = 0; fd->flags[i] && strlen(names) + 16 < sizeof names; i++) {
                if (i)
                    strcat(names, " ");
                strcat(names, fd->flags[i]);
            }
            ps_diag_error(s->d, at, "'%s' is not a flag of %s.%s (%s)", n->str, base->proto->name,
                          fd->name, names);
            sema_expr_free(base);
            return NULL;
        }
    }
    *handled = true;
    struct ps_expr *e = method_on(n, B_FLAGBIT, base, PT_BOOL);
    e->value = ps_val_int(PT_INT, bits);
    return e;
}
