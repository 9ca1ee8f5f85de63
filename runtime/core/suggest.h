/* "did you mean" for unknown names. */
#ifndef PS_SUGGEST_H
#define PS_SUGGEST_H

#include <stddef.h>

struct ps_suggest {
    const char *word;
    const char *best;
    size_t best_dist;
};

void ps_suggest_init(struct ps_suggest *s, const char *word);
/* Offers a candidate; the closest one within reach is kept. */
void ps_suggest_offer(struct ps_suggest *s, const char *candidate);
/* The best candidate, or NULL when none is close enough. */
const char *ps_suggest_best(const struct ps_suggest *s);

#endif
