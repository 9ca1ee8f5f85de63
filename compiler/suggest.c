#include "suggest.h"

#include <ctype.h>
#include <string.h>

/* Damerau-free Levenshtein distance, case-insensitive, '-' and '_' equal:
 * the mistakes people make in field and enum names. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 64;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            char ca = (char)tolower((unsigned char)a[i - 1]);
            char cb = (char)tolower((unsigned char)b[j - 1]);
            if (ca == '-')
                ca = '_';
            if (cb == '-')
                cb = '_';
            size_t best = diag + (ca != cb);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = row[j];
            row[j] = best;
        }
    }
    return row[lb];
}

void ps_suggest_init(struct ps_suggest *s, const char *word)
{
    s->word = word;
    s->best = NULL;
    s->best_dist = (size_t)-1;
}

void ps_suggest_offer(struct ps_suggest *s, const char *candidate)
{
    if (!candidate)
        return;
    size_t d = distance(s->word, candidate);
    if (d < s->best_dist) {
        s->best_dist = d;
        s->best = candidate;
    }
}

const char *ps_suggest_best(const struct ps_suggest *s)
{
    size_t len = strlen(s->word);
    size_t reach = len <= 3 ? 1 : len <= 6 ? 2 : 3;
    return s->best && s->best_dist <= reach && s->best_dist > 0 ? s->best : NULL;
}
