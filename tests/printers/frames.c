#include "frames.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *slurp(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    size_t cap = 1 << 16, len = 0, n;
    char *buf = malloc(cap);
    while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (len + 1 == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf) {
        fprintf(stderr, "out of memory reading %s\n", path);
        exit(2);
    }
    buf[len] = '\0';
    return buf;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

void frames_load(struct frames *fs, const char *dir)
{
    char *text = slurp(dir, "frames.txt"), *save = NULL;
    size_t cap = 0;
    fs->v = NULL;
    fs->n = 0;
    fs->text = text;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#')
            continue;
        char *lt = strchr(line, ' ');
        char *hex = lt ? strchr(lt + 1, ' ') : NULL;
        if (!hex) {
            fprintf(stderr, "frames.txt: bad line '%s'\n", line);
            exit(2);
        }
        *lt = *hex = '\0';
        if (fs->n == cap)
            fs->v = realloc(fs->v, (cap = cap ? 2 * cap : 256) * sizeof *fs->v);
        struct frame *f = &fs->v[fs->n++];
        f->name = line;
        f->linktype = atoi(lt + 1);
        hex++;
        f->len = strcmp(hex, "-") == 0 ? 0 : strlen(hex) / 2;
        f->data = malloc(f->len ? f->len : 1);
        for (size_t i = 0; i < f->len; i++) {
            int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
            if (hi < 0 || lo < 0) {
                fprintf(stderr, "frames.txt: bad hex in %s\n", f->name);
                exit(2);
            }
            f->data[i] = (uint8_t)(hi << 4 | lo);
        }
    }
}

void frames_free(struct frames *fs)
{
    for (size_t i = 0; i < fs->n; i++)
        free(fs->v[i].data);
    free(fs->v);
    free(fs->text);
}

bool golden_blocks(char *text, const struct frames *fs, char **out)
{
    const char *p = text;
    for (size_t i = 0; i < fs->n; i++) {
        char head[512];
        snprintf(head, sizeof head, "-- %s\n", fs->v[i].name);
        if (strncmp(p, head, strlen(head)) != 0) {
            fprintf(stderr, "golden: expected '-- %s' at frame %zu\n", fs->v[i].name, i + 1);
            return false;
        }
        p += strlen(head);
        const char *end = p + strlen(p);
        if (i + 1 < fs->n) {
            char next[512];
            snprintf(next, sizeof next, "\n-- %s\n", fs->v[i + 1].name);
            end = strstr(p, next);
            if (!end) {
                fprintf(stderr, "golden: no block for %s\n", fs->v[i + 1].name);
                return false;
            }
            end++;
        }
        out[i] = strndup(p, (size_t)(end - p));
        p = end;
    }
    return true;
}

bool golden_lines(char *text, const struct frames *fs, char **out)
{
    char *save = NULL, *line = strtok_r(text, "\n", &save);
    for (size_t i = 0; i < fs->n; i++, line = strtok_r(NULL, "\n", &save)) {
        size_t k = strlen(fs->v[i].name);
        if (!line || strncmp(line, fs->v[i].name, k) != 0 || line[k] != ' ') {
            fprintf(stderr, "golden: expected a line for %s\n", fs->v[i].name);
            return false;
        }
        out[i] = line + k + 1;
    }
    return true;
}

void decode(struct decoded *d, const uint8_t *p, size_t len, int linktype)
{
    memset(&d->room, 0, sizeof d->room);
    d->room.subs = d->subs;
    d->room.subs_cap = sizeof d->subs / sizeof d->subs[0];
    ps_decode(p, len, linktype, &d->pkt, &d->room);
}
