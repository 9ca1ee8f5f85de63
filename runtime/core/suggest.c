#include "suggest.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

static char fold(char c)
{
    return c == '-' ? '_' : (char)tolower((unsigned char)c);
}

/* Edit distance with transpositions (optimal string alignment),
 * case-insensitive, '-' and '_' equal: the mistakes people make in field
 * and enum names ("dts" for "dst" is one edit). */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 64;
    size_t d[64][64];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            size_t best = d[i - 1][j - 1] + (fold(a[i - 1]) != fold(b[j - 1]));
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
                fold(a[i - 2]) == fold(b[j - 1]) && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
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
    /* On a tie, a candidate that starts like the word reads as the likelier one. */
    bool better = d < s->best_dist ||
                  (d == s->best_dist && s->best && fold(candidate[0]) == fold(s->word[0]) &&
                   fold(s->best[0]) != fold(s->word[0]));
    if (better) {
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
