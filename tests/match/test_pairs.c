/* sr()'s pairing (runtime/wire/hsent.c with match.c's hashret/answers)
 * against Scapy 2.5's SndRcvHandler: for each case of pairs.txt (made by
 * gen_pairs.py), requests alike to answers() and the answers of each round
 * in arrival order give the pairs Scapy made and its unanswered requests,
 * in Scapy's order. The rounds are composed as sr.c composes them. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "hsent.h"
#include "linktype.h"
#include "match.h"

#define MAXREQ 16
#define FROM 1 /* sr(): from the IP layer */

static const char *pairs_path;

struct frame {
    uint8_t b[1600];
    size_t len;
    struct ps_packet pkt;
    struct ps_layer subs[40];
};

static void decode_hex(struct frame *f, const char *hex, size_t n)
{
    f->len = 0;
    for (size_t i = 0; i + 1 < n && f->len < sizeof f->b; i += 2) {
        unsigned v;
        if (sscanf(hex + i, "%2x", &v) != 1)
            break;
        f->b[f->len++] = (uint8_t)v;
    }
    struct ps_decode_room room = {.subs = f->subs, .subs_cap = 40};
    ps_decode(f->b, f->len, PS_DLT_EN10MB, &f->pkt, &room);
}

static uint64_t digest_of(const struct ps_packet *p)
{
    struct ps_hash h;
    ps_hashret(p, FROM, &h);
    return ps_hash_digest(&h);
}

struct pairing {
    struct frame req[MAXREQ];
    size_t nreq, narr;
    bool multi, answered[MAXREQ];
    struct ps_hsent hsent;
    size_t todo[MAXREQ], ntodo;
    bool in_round;             /* hsent made: the case's requests are all read */
    char pairs[1024], unans[256];
    const struct frame *reply;
};

static bool answers(void *ctx, size_t q)
{
    struct pairing *c = ctx;
    return ps_answers(&c->reply->pkt, FROM, &c->req[q].pkt, FROM);
}

static void append_pair(char *buf, size_t cap, size_t a, size_t b)
{
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n, " %zu:%zu", a, b);
}

static void append_index(char *buf, size_t cap, size_t a)
{
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n, n ? " %zu" : "%zu", a);
}

/* Whether the line's text after its keyword is want (no newline). */
static bool same_text(const char *line, const char *want)
{
    line += strcspn(line, " \n");
    line += strspn(line, " ");
    size_t n = strcspn(line, "\n");
    return strlen(want) == n && strncmp(line, want, n) == 0;
}

/* One round: its requests into hsent as they go out, then its answers. */
static void round_of(struct pairing *c, char *answers_hex)
{
    static struct frame reply;
    ps_hsent_reset(&c->hsent);
    for (size_t i = 0; i < c->ntodo; i++)
        ps_hsent_add(&c->hsent, c->todo[i], digest_of(&c->req[c->todo[i]].pkt));
    for (char *tok = strtok(answers_hex, " \n"); tok; tok = strtok(NULL, " \n")) {
        decode_hex(&reply, tok, strlen(tok));
        c->reply = &reply;
        size_t q = ps_hsent_match(&c->hsent, digest_of(&reply.pkt), c->multi, answers, c);
        if (q != PS_HSENT_NONE) {
            append_pair(c->pairs, sizeof c->pairs, c->narr, q);
            c->answered[q] = true;
        }
        c->narr++;
    }
    size_t in = ps_hsent_remain(&c->hsent, c->todo);
    c->ntodo = 0;
    for (size_t i = 0; i < in; i++)
        if (!c->answered[c->todo[i]])
            c->todo[c->ntodo++] = c->todo[i];
}

static void test_scapy_pairs(void)
{
    FILE *f = fopen(pairs_path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    static struct pairing c;
    static char line[1 << 16];
    char name[64] = "";
    int cases = 0;
    while (fgets(line, sizeof line, f)) {
        char *arg = strchr(line, ' ');
        arg = arg ? arg + 1 : line + strlen(line);
        int multi;
        if (sscanf(line, "case %63s %d", name, &multi) == 2) {
            memset(c.answered, 0, sizeof c.answered);
            c.nreq = c.narr = c.ntodo = 0;
            c.multi = multi;
            c.in_round = false;
            c.pairs[0] = c.unans[0] = '\0';
        } else if (strncmp(line, "req ", 4) == 0 && c.nreq < MAXREQ) {
            decode_hex(&c.req[c.nreq], arg, strcspn(arg, "\n"));
            c.todo[c.ntodo++] = c.nreq++;
        } else if (strncmp(line, "round", 5) == 0) {
            if (!c.in_round && ps_hsent_init(&c.hsent, c.nreq) < 0)
                CU_FAIL_FATAL("out of memory");
            c.in_round = true;
            round_of(&c, arg);
        } else if (strncmp(line, "pairs", 5) == 0) {
            const char *got = c.pairs[0] ? c.pairs + 1 : "";
            bool same = same_text(line, got);
            if (!same)
                fprintf(stderr, "\n%s: pairs (answer:request) %s, Scapy's %s", name, got, line);
            CU_ASSERT(same);
        } else if (strncmp(line, "unans", 5) == 0) {
            for (size_t i = 0; i < c.ntodo; i++)
                append_index(c.unans, sizeof c.unans, c.todo[i]);
            bool same = same_text(line, c.unans);
            if (!same)
                fprintf(stderr, "\n%s: unanswered %s, Scapy's %s", name, c.unans, line);
            CU_ASSERT(same);
        } else if (strncmp(line, "end", 3) == 0) {
            ps_hsent_free(&c.hsent);
            cases++;
        }
    }
    fclose(f);
    CU_ASSERT(cases >= 20);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_pairs pairs.txt\n");
        return 2;
    }
    pairs_path = argv[1];
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite("pairs", NULL, NULL);
    CU_add_test(s, "answers pair as Scapy's SndRcvHandler pairs them", test_scapy_pairs);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
