/* ---- patterns and the expects' reads of answers --------------------------
 * The matching of constant fields that `expect r matches P` needs
 * (runtime/interp/testing.c), and what the expects compiled by
 * compiler/emit_expect.c call to read an answer, its request and the
 * params, and to show what a failed one got. */

/* A pattern's constant field: bits [bitoff, bitoff+bits) of its layer, a
 * number or an address of 64 bits at most, or an IPv6 address (128 bits,
 * in addr); bits 0: the bytes from bitoff to the datagram's end, `value`
 * of them (Raw's load, ICMPv6 echo's data). */
struct pk_pat_field {
    uint16_t bitoff;
    uint8_t bits;
    uint64_t value;
    uint8_t addr[16];
    const char *bytes;
    int param;                     /* >= 0: value is this param's at run time */
};

struct pk_pat_layer {
    uint8_t kind;
    uint8_t nfields;
    const struct pk_pat_field *fields;
};

static int pk_pat_field_is(const struct pk_layers *ls, size_t i, const struct pk_pat_field *pf,
                           const struct pk_param_value *pv)
{
    uint64_t v;
    if (pf->bits == 0) {
        size_t at = pk_base(ls, i) + pf->bitoff / 8u;
        return at + pf->value == ls->end[i] && memcmp(ls->p + at, pf->bytes, pf->value) == 0;
    }
    if (pf->bits > 64) {
        const uint8_t *s = pk_span(ls, i, pf->bitoff, pf->bits / 8u);
        return s && memcmp(s, pf->param >= 0 ? pv[pf->param].bytes : pf->addr, pf->bits / 8u) == 0;
    }
    return pk_bits(ls, i, pf->bitoff, pf->bits, &v) &&
           v == (pf->param >= 0 ? pv[pf->param].u : pf->value);
}

/* `matches` as runtime/interp/testing.c: each pattern layer, in order, is the next
 * layer of its kind, with every constant field equal. */
static int pk_pattern(const struct pk_layers *ls, size_t from, const struct pk_pat_layer *pat,
                      size_t n, const struct pk_param_value *pv)
{
    size_t at = from;
    for (size_t w = 0; w < n; w++) {
        while (at < ls->n && ls->kind[at] != pat[w].kind)
            at++;
        if (at == ls->n)
            return 0;
        for (size_t f = 0; f < pat[w].nfields; f++)
            if (!pk_pat_field_is(ls, at, &pat[w].fields[f], pv))
                return 0;
        at++;
    }
    return 1;
}

/* ---- the answers of each call, for the expects -------------------------- */

struct pk_answer {
    size_t query;
    size_t off, len;               /* in the exchange's buffer of answers */
    const uint8_t *bytes;
    int64_t rtt_ns;                /* from its request's sending to its arrival */
};

struct pk_result {
    int done;
    int layer3;
    size_t nq, nunans;
    struct pk_answer *ans;
    size_t nans;
    uint8_t *rx;                   /* what ans[].bytes point into */
    uint8_t *tx;                   /* the requests as sent, one after another */
    size_t *tx_off, *tx_len;
};

/* How a failed expect shows what it got: the left side of its last
 * comparison, as runtime/interp/actions.c prints values (interp_print_like:
 * bytes in the form of the right side, x".." or a string), or the packet of
 * its last `matches` as hex. */
enum pk_got_kind {
    PK_GOT_NONE, PK_GOT_INT, PK_GOT_BOOL, PK_GOT_IP4, PK_GOT_MAC, PK_GOT_BYTES, PK_GOT_STRING,
    PK_GOT_PACKET, PK_GOT_IP6, PK_GOT_NAMED,
};

/* The names a failed expect shows a field's value by when the spec compared
 * it with a name (PK_GOT_NAMED, as interp_print_like): flag names, bit 0
 * first ('+'-joined when `words`), or value names, a MultiEnumField's for
 * the value (key) of the field they depend on; an unnamed value as a number,
 * 0x.. when `hex`. */
struct pk_name {
    uint64_t key, value;
    const char *name;
};
struct pk_names {
    const char *const *flags;      /* NULL-ended; NULL for an enum */
    int words, multi, hex;
    const struct pk_name *names;
    size_t n;
};

/* An IPv6 address as an expect compares it. */
struct pk_a16 {
    uint8_t b[16];
};

/* Where an expect reads r[L]: what pktspec run reports when it cannot. */
struct pk_site {
    const char *none;
    const char *absent;
};

struct pk_expect_ctx {
    const char *error;             /* a run-time error: the run stops */
    struct pk_result *res;
    const size_t *cur;             /* per call: the pair of ans a loop is at */
    const struct pk_param_value *pv; /* the params' values in this run */
    int missing;                   /* r[L].f past the end of the frame */
    int got_kind;
    uint64_t got_u;
    const uint8_t *got_bytes;      /* PK_GOT_BYTES, PK_GOT_STRING, PK_GOT_PACKET */
    size_t got_len;
    struct pk_a16 got_a16;         /* PK_GOT_IP6 */
    const struct pk_names *got_names; /* PK_GOT_NAMED */
    uint64_t got_key;
};

/* A param's number or address (big-endian) in this run. */
static uint64_t pk_pv(const struct pk_expect_ctx *x, int param)
{
    return x->pv[param].u;
}

/* An IPv6 param's address in this run. */
static struct pk_a16 pk_pv16(const struct pk_expect_ctx *x, int param)
{
    struct pk_a16 a;
    memcpy(a.b, x->pv[param].bytes, 16);
    return a;
}

static uint64_t pk_got(struct pk_expect_ctx *x, int kind, uint64_t v)
{
    x->got_kind = kind;
    x->got_u = v;
    return v;
}

static uint64_t pk_got_named(struct pk_expect_ctx *x, const struct pk_names *names,
                             uint64_t key, uint64_t v)
{
    x->got_kind = PK_GOT_NAMED;
    x->got_u = v;
    x->got_names = names;
    x->got_key = key;
    return v;
}

static struct pk_a16 pk_got16(struct pk_expect_ctx *x, struct pk_a16 v)
{
    x->got_kind = PK_GOT_IP6;
    x->got_a16 = v;
    return v;
}

static void pk_got_bytes(struct pk_expect_ctx *x, int kind, const uint8_t *p, size_t n)
{
    x->got_kind = kind;
    x->got_bytes = p;
    x->got_len = n;
}

/* The got text, cut as the interpreter's buffer cuts it. */
static void pk_got_text(const struct pk_expect_ctx *x, char *out, size_t cap)
{
    const uint8_t *p = x->got_bytes;
    uint64_t u = x->got_u;
    size_t at = 0;
    out[0] = '\0';
#define PK_PUT(...) (at += (size_t)snprintf(out + at, at < cap ? cap - at : 0, __VA_ARGS__), \
                     at = at < cap ? at : cap)
    switch (x->got_kind) {
    case PK_GOT_INT: PK_PUT("%lld", (long long)u); break;
    case PK_GOT_BOOL: PK_PUT("%s", u ? "true" : "false"); break;
    case PK_GOT_IP4:
        PK_PUT("%u.%u.%u.%u", (unsigned)(u >> 24 & 255), (unsigned)(u >> 16 & 255),
               (unsigned)(u >> 8 & 255), (unsigned)(u & 255));
        break;
    case PK_GOT_MAC:
        for (int i = 5; i >= 0; i--)
            PK_PUT("%02x%s", (unsigned)(u >> (8 * i) & 255), i ? ":" : "");
        break;
    case PK_GOT_BYTES:
        PK_PUT("x\"");
        for (size_t i = 0; i < x->got_len; i++)
            PK_PUT("%s%02x", i ? " " : "", p[i]);
        PK_PUT("\"");
        break;
    case PK_GOT_STRING: /* as a spec writes it (actions.c's print_string) */
        PK_PUT("\"");
        for (size_t i = 0; i < x->got_len; i++) {
            uint8_t ch = p[i];
            const char *esc = ch == '"' ? "\\\"" : ch == '\\' ? "\\\\" : ch == '\n' ? "\\n"
                              : ch == '\t' ? "\\t" : ch == '\r' ? "\\r" : NULL;
            if (esc)
                PK_PUT("%s", esc);
            else if (ch < 0x20 || ch >= 0x7f)
                PK_PUT("\\x%02x", ch);
            else
                PK_PUT("%c", ch);
        }
        PK_PUT("\"");
        break;
    case PK_GOT_NAMED: {
        const struct pk_names *nm = x->got_names;
        const char *name = NULL;
        if (nm->flags) {
            size_t nn = 0;
            while (nm->flags[nn])
                nn++;
            if (!u)
                PK_PUT("0"); /* no letter to show */
            for (unsigned i = 0, first = 1; u; i++, u >>= 1) {
                if (u & 1)
                    PK_PUT("%s%s", !first && nm->words ? "+" : "", i < nn ? nm->flags[i] : "?");
                first = first && !(u & 1);
            }
            break;
        }
        for (size_t i = 0; i < nm->n && !name; i++)
            if (nm->names[i].value == u && (!nm->multi || nm->names[i].key == x->got_key))
                name = nm->names[i].name;
        if (name)
            PK_PUT("%s", name);
        else
            PK_PUT(nm->hex ? "0x%llx" : "%llu", (unsigned long long)u);
        break;
    }
    case PK_GOT_PACKET:
        for (size_t i = 0; i < x->got_len; i++)
            PK_PUT("%02x", p[i]);
        break;
    case PK_GOT_IP6: {
        /* as runtime/core/addr.c's ps_format_ip6 (inet_ntop: wire.c's arpa/inet.h) */
        char text[INET6_ADDRSTRLEN];
        PK_PUT("%s", inet_ntop(AF_INET6, x->got_a16.b, text, sizeof text) ? text : "");
        break;
    }
    default: break;
    }
#undef PK_PUT
}

/* An operand of an expect (emit_expect.c's enum cx_side): sr1's answer,
 * or the answer or the request of the pair a loop over ans is at. */
enum pk_side { PK_ANSWER1, PK_PAIR_RECV, PK_PAIR_SENT };

/* The packet an operand is, walked; 0: there is none. pair: 0 the one a
 * loop is at, k + 1 ans[k]. */
static int pk_pick(struct pk_expect_ctx *x, size_t call, int side, size_t pair,
                   struct pk_layers *ls)
{
    const struct pk_result *res = &x->res[call];
    size_t k = side == PK_ANSWER1 ? 0 : pair ? pair - 1 : x->cur[call];
    const struct pk_answer *a = k < res->nans ? &res->ans[k] : NULL;
    if (!a)
        return 0;
    if (side == PK_PAIR_SENT)
        pk_walk(res->tx + res->tx_off[a->query], res->tx_len[a->query], ls);
    else
        pk_walk(a->bytes, a->len, ls);
    return 1;
}

/* Whether an operand is there: `expect r`. */
static int pk_some(struct pk_expect_ctx *x, size_t call, int side, size_t pair)
{
    struct pk_layers ls;
    return pk_pick(x, call, side, pair, &ls);
}

/* The first layer of kind L of an operand, from IP on for sr and sr1;
 * -1 with the run-time error pktspec run stops with (none to index, or no
 * such layer) in x->error. */
static int pk_find(struct pk_expect_ctx *x, size_t call, int side, size_t pair, uint8_t kind,
                   const struct pk_site *site, struct pk_layers *ls)
{
    if (!pk_pick(x, call, side, pair, ls)) {
        x->error = x->error ? x->error : site->none;
        return -1;
    }
    for (size_t i = x->res[call].layer3 ? 1 : 0; i < ls->n; i++)
        if (ls->kind[i] == kind)
            return (int)i;
    x->error = x->error ? x->error : site->absent;
    return -1;
}

static uint64_t pk_nans(struct pk_expect_ctx *x, size_t call)
{
    return x->res[call].nans;
}

static uint64_t pk_nunans(struct pk_expect_ctx *x, size_t call)
{
    return x->res[call].nunans;
}

static int pk_match(struct pk_expect_ctx *x, size_t call, int side, size_t pair,
                    const struct pk_pat_layer *pat, size_t n)
{
    struct pk_layers ls;
    size_t from = x->res[call].layer3 ? 1 : 0;
    if (!pk_pick(x, call, side, pair, &ls))
        return 0;
    /* sr and sr1 give their answers from the IP header on */
    if (from < ls.n)
        pk_got_bytes(x, PK_GOT_PACKET, ls.p + ls.off[from], ls.len - ls.off[from]);
    return pk_pattern(&ls, from, pat, n, x->pv);
}

/* r within D: answered, in D at most. */
static int pk_within(struct pk_expect_ctx *x, size_t call, int side, size_t pair, uint64_t ns)
{
    struct pk_layers ls;
    const struct pk_result *res = &x->res[call];
    if (!pk_pick(x, call, side, pair, &ls))
        return 0;
    int64_t rtt = res->ans[side == PK_ANSWER1 ? 0 : pair ? pair - 1 : x->cur[call]].rtt_ns;
    return rtt >= 0 && (uint64_t)rtt <= ns;
}

/* r[L].f: of the first layer of kind L. */
static uint64_t pk_field(struct pk_expect_ctx *x, size_t call, int side, size_t pair,
                         uint8_t kind, const struct pk_site *site, uint16_t bitoff, uint8_t bits)
{
    struct pk_layers ls;
    uint64_t v = 0;
    int i = pk_find(x, call, side, pair, kind, site, &ls);
    if (i >= 0 && !pk_bits(&ls, (size_t)i, bitoff, bits, &v))
        x->missing = 1;
    return v;
}

/* r[L].f of an IPv6 address (bitoff on a byte). */
static struct pk_a16 pk_field16(struct pk_expect_ctx *x, size_t call, int side, size_t pair,
                                uint8_t kind, const struct pk_site *site, uint16_t bitoff)
{
    struct pk_layers ls;
    struct pk_a16 v = {{0}};
    int i = pk_find(x, call, side, pair, kind, site, &ls);
    const uint8_t *s = i >= 0 ? pk_span(&ls, (size_t)i, bitoff, 16) : NULL;
    if (s)
        memcpy(v.b, s, 16);
    else if (i >= 0)
        x->missing = 1;
    return v;
}

/* memcmp's order, as runtime/interp/interp.c compares addresses. */
static int pk_cmp16(struct pk_a16 a, struct pk_a16 b)
{
    int c = memcmp(a.b, b.b, 16);
    return c < 0 ? -1 : c > 0;
}

/* r[Raw].load == s, r[ICMPv6EchoReply].data == s: the layer's bytes from
 * byte `from` to its datagram's end. */
static int pk_load_is(struct pk_expect_ctx *x, size_t call, int side, size_t pair,
                      uint8_t kind, const struct pk_site *site, size_t from, const char *s,
                      size_t n, int load_left)
{
    struct pk_layers ls;
    int i = pk_find(x, call, side, pair, kind, site, &ls);
    /* load_left: 0 the load is on the right (so bytes show as bytes), 1 on
     * the left of bytes, 2 on the left of a string */
    if (!load_left)
        pk_got_bytes(x, PK_GOT_BYTES, (const uint8_t *)s, n);
    if (i < 0)
        return 0;
    size_t end = ls.end[i] < ls.len ? ls.end[i] : ls.len;
    size_t at = ls.off[i] + from < end ? ls.off[i] + from : end;
    if (load_left)
        pk_got_bytes(x, load_left == 2 ? PK_GOT_STRING : PK_GOT_BYTES, ls.p + at, end - at);
    return end - at == n && memcmp(ls.p + at, s, n) == 0;
}
