/* The printers' test frames (frames.txt) and golden texts, loaded whole. */
#ifndef PRINTERS_FRAMES_H
#define PRINTERS_FRAMES_H

#include <stddef.h>
#include <stdint.h>

#include "decode.h"

struct frame {
    char *name;
    int linktype;
    uint8_t *data;
    size_t len;
};

struct frames {
    struct frame *v;
    size_t n;
    char *text;   /* frames.txt, which the names point into */
};

/* Reads DIR/frames.txt ("<name> <linktype> <hex>" lines); exits on error. */
void frames_load(struct frames *fs, const char *dir);
void frames_free(struct frames *fs);

/* A file's whole text, NUL-terminated (exits when it cannot be read). */
char *slurp(const char *dir, const char *name);

/* Golden texts per frame: from "-- <name>" blocks (show, ls) or
 * "<name> <text>" lines (repr, summary), in the frames' order. Each entry
 * points into `text`, which is changed in place. Returns false (with a
 * message on stderr) when the file does not follow the frames. */
bool golden_blocks(char *text, const struct frames *fs, char **out);
bool golden_lines(char *text, const struct frames *fs, char **out);

/* Decodes with room for IP options. */
struct decoded {
    struct ps_packet pkt;
    struct ps_layer subs[40];
    struct ps_decode_room room;
};
void decode(struct decoded *d, const uint8_t *p, size_t len, int linktype);

#endif
