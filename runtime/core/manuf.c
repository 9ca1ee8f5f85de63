#include "manuf.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Scapy's select_path() over these prefixes, + "share/wireshark/manuf". */
static const char *const manuf_paths[] = {
    "/usr/share/wireshark/manuf",
    "/usr/local/share/wireshark/manuf",
    "/opt/share/wireshark/manuf",
    "/opt/wireshark/share/wireshark/manuf",
};

struct vendor {
    uint32_t oui;
    uint32_t order;         /* its line: a later line for the same OUI wins */
    char *name;
};

static struct vendor *vendors;
static size_t nvendors;
static int loaded;

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* "00:00:0C" exactly: Scapy looks a MAC's OUI up upper-cased, so a key in any
 * other form (a /28 or /36 block, lower case) is never found. */
static int parse_key(const char *s, size_t n, uint32_t *oui)
{
    if (n != 8 || s[2] != ':' || s[5] != ':')
        return 0;
    uint32_t v = 0;
    for (size_t i = 0; i < 8; i += 3) {
        int hi = hexval((unsigned char)s[i]), lo = hexval((unsigned char)s[i + 1]);
        if (hi < 0 || lo < 0)
            return 0;
        v = v << 8 | (uint32_t)(hi << 4 | lo);
    }
    *oui = v;
    return 1;
}

static const char *skip_space(const char *p)
{
    while (*p && isspace((unsigned char)*p))
        p++;
    return p;
}

static const char *skip_word(const char *p)
{
    while (*p && !isspace((unsigned char)*p))
        p++;
    return p;
}

/* load_manuf(): parts = line.strip().split(None, 2); the long name is the
 * third part with leading '#' and spaces stripped, or the short name. */
static void add_line(const char *line, uint32_t order, size_t *cap)
{
    const char *key = skip_space(line);
    if (!*key || *key == '#')
        return;
    const char *key_end = skip_word(key);
    const char *shrt = skip_space(key_end);
    if (!*shrt)
        return;
    uint32_t oui;
    if (!parse_key(key, (size_t)(key_end - key), &oui))
        return;
    const char *shrt_end = skip_word(shrt);
    const char *lng = skip_space(shrt_end);
    while (*lng == '#')
        lng++;
    lng = skip_space(lng);
    const char *end = lng + strlen(lng);
    while (end > lng && isspace((unsigned char)end[-1]))
        end--;
    if (end == lng) {
        lng = shrt;
        end = shrt_end;
    }
    if (nvendors == *cap) {
        size_t ncap = *cap ? *cap * 2 : 1024;
        struct vendor *v = realloc(vendors, ncap * sizeof *v);
        if (!v)
            return;
        vendors = v;
        *cap = ncap;
    }
    char *name = strndup(lng, (size_t)(end - lng));
    if (!name)
        return;
    vendors[nvendors++] = (struct vendor){.oui = oui, .order = order, .name = name};
}

static int by_oui_then_line(const void *a, const void *b)
{
    const struct vendor *x = a, *y = b;
    if (x->oui != y->oui)
        return x->oui < y->oui ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static void load(void)
{
    loaded = 1;
    FILE *f = NULL;
    for (size_t i = 0; !f && i < sizeof manuf_paths / sizeof manuf_paths[0]; i++)
        f = fopen(manuf_paths[i], "r");
    if (!f)
        return;
    char line[1024];
    size_t cap = 0;
    uint32_t order = 0;
    while (fgets(line, sizeof line, f)) {
        if (!strchr(line, '\n') && !feof(f)) {
            /* A line longer than the buffer: its rest is not a line of its own. */
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
        }
        add_line(line, order++, &cap);
    }
    fclose(f);
    qsort(vendors, nvendors, sizeof *vendors, by_oui_then_line);
}

const char *ps_manuf_name(uint32_t oui)
{
    if (!loaded)
        load();
    size_t lo = 0, hi = nvendors;
    while (lo < hi) {   /* the last entry with this OUI: the file's later line */
        size_t mid = lo + (hi - lo) / 2;
        if (vendors[mid].oui <= oui)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && vendors[lo - 1].oui == oui ? vendors[lo - 1].name : NULL;
}
