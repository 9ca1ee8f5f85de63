#include "golden.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *golden_dir = ".";

const char *golden_path(const char *name)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", golden_dir, name);
    return path;
}

static char *slurp(const char *name)
{
    FILE *f = fopen(golden_path(name), "rb");
    if (!f) {
        perror(golden_path(name));
        exit(2);
    }
    char *buf = NULL;
    size_t cap = 0, len = 0, n;
    do {
        if (len + 4096 + 1 > cap) {
            cap = (cap + 4096) * 2;
            buf = realloc(buf, cap);
        }
        n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
    } while (n > 0);
    buf[len] = '\0';
    fclose(f);
    return buf;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void parse_frame(char *line, struct golden_frame *f)
{
    char *hex = strchr(line, ' ');
    f->linktype = atoi(line);
    hex = hex ? hex + 1 : line + strlen(line);
    char *xf = strstr(hex, " xfail: ");
    if (xf) {
        *xf = '\0';
        f->xfail = xf + 8;
    }
    size_t n = strcmp(hex, "-") == 0 ? 0 : strlen(hex) / 2;
    f->data = malloc(n ? n : 1);
    for (size_t i = 0; i < n; i++)
        f->data[i] = (uint8_t)(hexval(hex[2 * i]) << 4 | hexval(hex[2 * i + 1]));
    f->len = n;
}

const struct golden *golden_get(void)
{
    static struct golden g;
    static int loaded;
    if (loaded)
        return &g;
    loaded = 1;

    char *frames = g.files[0] = slurp("frames.txt");
    char *summaries = g.files[1] = slurp("summary.golden");
    char *dumps = g.files[2] = slurp("hexdump.golden");
    size_t lines = 1;
    for (const char *c = frames; *c; c++)
        lines += *c == '\n';
    g.frames = calloc(lines, sizeof *g.frames);

    char *save1, *save2;
    for (char *line = strtok_r(frames, "\n", &save1); line; line = strtok_r(NULL, "\n", &save1)) {
        if (line[0] == '#')
            continue;
        parse_frame(line, &g.frames[g.n++]);
    }
    size_t i = 0;
    for (char *line = strtok_r(summaries, "\n", &save2); line && i < g.n;
         line = strtok_r(NULL, "\n", &save2))
        g.frames[i++].summary = line;
    /* hexdump.golden: each dump, then a line "--" */
    char *p = dumps;
    for (i = 0; i <= g.n; i++) {
        char *sep = strstr(p, "--\n");
        if (!sep)
            break;
        *sep = '\0';
        if (i < g.n)
            g.frames[i].hexdump = p;
        else
            g.hexdump_all_bytes = p;
        p = sep + 3;
    }
    return &g;
}

void decode_frame(struct decoded *d, const uint8_t *p, size_t len, int linktype)
{
    memset(&d->room, 0, sizeof d->room);
    d->room.subs = d->subs;
    d->room.subs_cap = sizeof d->subs / sizeof d->subs[0];
    ps_decode(p, len, linktype, &d->pkt, &d->room);
}
