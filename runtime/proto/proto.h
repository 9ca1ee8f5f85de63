/* The protocol registry: the tables of runtime/proto/ (their types are
 * core/table.h), found by name. */
#ifndef PS_PROTO_H
#define PS_PROTO_H

#include "table.h"

/* Scapy's hashret() string, which sr() matching compares (wire/match.h);
 * longer strings are cut here: both sides are cut alike. */
#define PS_HASH_MAX 96
struct ps_hash {
    uint8_t b[PS_HASH_MAX];
    size_t n;
};
/* Appends n bytes to the hashret string being made (hash.c). */
void ps_hash_put(struct ps_hash *h, const void *p, size_t n);

/* The built-in table named `name`, or NULL. */
const struct ps_proto *ps_proto_find(const char *name);
/* The built-in tables, in registry order. */
const struct ps_proto *const *ps_proto_all(size_t *count);
/* A built-in table, else a layer r declares (r may be NULL), by name. */
const struct ps_proto *ps_registry_find(const struct ps_registry *r, const char *name);
/* Makes r the registry of declared[0..n) (kept, not copied): their
 * bindings resolved to tables and field indices, once. A binding naming
 * a layer that is neither built in nor declared before is left out. */
void ps_registry_set(struct ps_registry *r, const struct ps_proto *const *declared, size_t n);
void ps_registry_fini(struct ps_registry *r);
/* The tables r knows, the built-in ones then r's declared (r may be NULL):
 * how many, and the i-th. */
size_t ps_registry_count(const struct ps_registry *r);
const struct ps_proto *ps_registry_at(const struct ps_registry *r, size_t i);
/* The post_build hook of declared layers: fills their auto fields. */
void ps_declared_post_build(struct ps_build *b, size_t idx);

/* A TCP option as Scapy writes it, ("MSS", 1460): the value's shapes. */
enum ps_optarg_kind { PS_OA_NONE, PS_OA_INTS, PS_OA_BYTES };
struct ps_optarg {
    enum ps_optarg_kind kind;
    uint64_t ints[16];      /* PS_OA_INTS: an int, a pair (Timestamp), a list (SAck) */
    size_t nints;
    const uint8_t *bytes;   /* PS_OA_BYTES */
    size_t len;
};
/* A TCP options field (PS_K_OPTIONS) holds the concatenation of the options
 * as ps_tcp_option_encode writes them, unpadded: the encoder pads the list
 * with \0 to a multiple of 4, as Scapy's TCPOptionsField.i2m does.
 * Encodes one TCP option named `name` (or with numeric kind `kind` when name
 * is NULL) into out. Returns the bytes written, or -1 with *err set to a
 * message such as "TCP option 'MSS' takes an integer". */
int ps_tcp_option_encode(const char *name, unsigned kind, const struct ps_optarg *arg,
                         uint8_t *out, size_t cap, const char **err);
/* Known TCP option names, for did-you-mean; ended by NULL. */
const char *const *ps_tcp_option_names(void);

/* An option list held as its encoded bytes whose elements Scapy writes as
 * a lone name ("end"), raw bytes, or a tuple of a name or code and one or
 * more values (DHCP's ("name_server", a, b)). */
enum ps_optval_kind { PS_OV_INT, PS_OV_BYTES, PS_OV_IPV4, PS_OV_INTS };
struct ps_optval {
    enum ps_optval_kind kind;
    uint64_t u;              /* PS_OV_INT */
    const uint8_t *bytes;    /* PS_OV_BYTES (a string's text too) */
    size_t len;
    uint8_t addr[4];         /* PS_OV_IPV4 */
    uint64_t ints[64];       /* PS_OV_INTS: a list of integers */
    size_t nints;
    bool text;               /* PS_OV_BYTES given as a string, not bytes */
};
enum ps_optelem_kind {
    PS_OE_NAME,   /* a lone string: name */
    PS_OE_INT,    /* a lone integer: code */
    PS_OE_BYTES,  /* lone bytes: vals[0] */
    PS_OE_TUPLE,  /* (name or code, vals...) */
};
struct ps_optelem {
    enum ps_optelem_kind kind;
    const char *name;        /* NULL when the tuple starts with a code */
    unsigned code;
    struct ps_optval vals[8];
    size_t nvals;
};
struct ps_optcodec {
    /* Writes e into out; returns its length, or -1 with *err set (an
     * unknown name: *err NULL, the caller suggests from `names`). */
    int (*encode)(const struct ps_optelem *e, uint8_t *out, size_t cap, const char **err);
    const char *const *(*names)(void); /* for did-you-mean, ended by NULL */
    const char *what;          /* "DHCP option", for messages */
    /* Python's repr() of the list Scapy's m2i reads (ls()). */
    int (*pyrepr)(const struct ps_fval *v, char *out, size_t cap);
    /* Steps over one option of p[0..*n): its code (-1: bytes Scapy keeps
     * raw, the rest) and the whole option's bytes. False at the end. */
    bool (*next)(const uint8_t **p, size_t *n, int *code, const uint8_t **opt, size_t *size);
};

#endif
