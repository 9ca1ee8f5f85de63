/* The image's byte stream (ir_image.c, ir_image_value.c): little-endian
 * integers, length-prefixed strings, protocols and fields by name. Reading
 * checks every length against what is left, so a damaged image is refused,
 * never read past. */
#ifndef PS_IR_IMAGE_INT_H
#define PS_IR_IMAGE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ir.h"

struct img_out {
    uint8_t *p;
    size_t n, cap;
    char *err; /* the first reason the image cannot be written */
    size_t errcap;
    bool failed;
    const struct ps_registry *layers; /* the program's: its declared layers' fields too */
};

struct img_in {
    const uint8_t *p, *end;
    char *err;
    size_t errcap;
    bool failed;
    /* the program's declared layers, found before the built-in ones */
    struct ps_proto **declared;
    size_t ndeclared;
    struct ps_registry layers; /* while the declared layers are read: those so far */
};

void img_fail_out(struct img_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void img_put(struct img_out *o, const void *p, size_t n);
void img_u8(struct img_out *o, uint8_t v);
void img_u32(struct img_out *o, uint32_t v);
void img_u64(struct img_out *o, uint64_t v);
void img_i32(struct img_out *o, int32_t v);
void img_f64(struct img_out *o, double v);
/* NULL and "" differ: NULL is written as length 0xffffffff. */
void img_str(struct img_out *o, const char *s, size_t len);
void img_cstr(struct img_out *o, const char *s);
void img_proto(struct img_out *o, const struct ps_proto *p);
void img_field(struct img_out *o, const struct ps_field *f);
void img_value(struct img_out *o, const struct ps_value *v);

void img_fail_in(struct img_in *in, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const uint8_t *img_get(struct img_in *in, size_t n);
uint8_t img_get_u8(struct img_in *in);
uint32_t img_get_u32(struct img_in *in);
uint64_t img_get_u64(struct img_in *in);
int32_t img_get_i32(struct img_in *in);
double img_get_f64(struct img_in *in);
/* A count of items each at least min_size bytes long: refused when the rest
 * of the image could not hold them. */
size_t img_get_count(struct img_in *in, size_t min_size);
/* A string as written by img_str: malloc'd and NUL-ended (NULL for NULL),
 * its length in *len when len is not NULL. */
char *img_get_str(struct img_in *in, size_t *len);
const struct ps_proto *img_get_proto(struct img_in *in);
const struct ps_field *img_get_field(struct img_in *in);
struct ps_value img_get_value(struct img_in *in);

#endif
