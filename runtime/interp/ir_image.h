/* A checked program as bytes, without pointers: what a probe carries
 * (docs/emit.md). Layers and fields go by name, resolved once when the image
 * is loaded; the layers the spec declares, the spec's text (for carets) and
 * the texts of the files it imports go with it. An image is read only by
 * the engine of the pktspec that wrote it: its header names the version and
 * the protocol tables, and a mismatch is refused. */
#ifndef PS_IR_IMAGE_H
#define PS_IR_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "define.h"
#include "ir.h"

/* 0, or -1 with why in err (a value no image can hold: a stored packet). */
int ps_image_write(const struct ps_program *prog, uint8_t **out, size_t *len, char *err,
                   size_t errcap);
/* The program img holds, its declared layers registered; NULL with why in err. */
struct ps_program *ps_image_read(const uint8_t *img, size_t len, char *err, size_t errcap);

/* What a loaded program owns besides its nodes (ps_program.loaded). */
void ps_image_loaded_free(void *loaded);

#endif
