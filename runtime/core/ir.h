/* The IR: what the compiler hands to the back ends. Names are resolved to
 * slots, layer and field names to table entries, enum names and flag letters
 * to numbers, literals to typed values; every node keeps its spec location
 * so that a run-time failure points at the spec line. */
#ifndef PS_IR_H
#define PS_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "packet.h"

struct ps_loc {
    int line, col;
    int file;   /* 0: the spec itself; else an imported file (ps_program.files) */
};

/* ---- values ------------------------------------------------------------ */

enum ps_type {
    PT_NONE,     /* `none`, or sr1 without an answer */
    PT_INT,
    PT_BOOL,
    PT_DUR,      /* nanoseconds */
    PT_MAC,
    PT_IP4,
    PT_IP6,
    PT_PREFIX4,
    PT_PREFIX6,
    PT_STR,      /* text; may hold NUL */
    PT_BYTES,
    PT_LIST,     /* of values */
    PT_RANGE,    /* inclusive integer range */
    PT_TUPLE,
    PT_PKT,      /* a packet or an implicit set of packets */
    PT_PKTLIST,  /* packets one after another (sniffed, read, answered) */
    PT_PROTO,    /* a layer class used as a value: `TCP in p`, `p[TCP]` */
    PT_RANDOM,   /* a volatile value: a fresh draw in u..hi for each packet */
    PT_WIRE,     /* known only on the wire: an answer in a dry run */
    PT_ANY,      /* static analysis only: not known until run time */
    PT_SNIFFER,  /* an AsyncSniffer: u is its number in the run (live_async.c) */
};

struct ps_obj;

struct ps_value {
    enum ps_type t;
    uint64_t u;             /* INT, BOOL, DUR; RANGE: lo */
    uint64_t hi;            /* RANGE: hi; INT read from a MultiEnumField: the value of
                               the field its names depend on (ICMP code: the type) */
    uint8_t addr[16];       /* MAC, IP4, IP6, PREFIX*; */
    int prefix;
    const struct ps_proto *proto; /* PROTO */
    struct ps_obj *obj;     /* STR, BYTES, LIST, TUPLE, PKT, PKTLIST: shared, counted */
    /* A value read from a packet's field (p[TCP].flags): that field (the
     * variant in force), so that print() and a failed expect show it as
     * Scapy does; NULL for every other value. A constant the compiler made
     * of an enum name or flag letters holds the field too: it says how the
     * spec wrote it. */
    const struct ps_field *field;
};

/* ---- packet templates ---------------------------------------------------- */

/* How a field of a template gets its value in each packet of the set. */
enum ps_fsrc {
    FS_UNSET,   /* default, binding or auto rule */
    FS_CONST,
    FS_LIST,    /* one of `members`, in order */
    FS_URANGE,  /* lo..hi */
    FS_PREFIX,  /* every address of a prefix (addr, prefix length) */
    FS_RANDOM,  /* a fresh value in lo..hi each time a packet is built */
};

struct ps_tfield {
    enum ps_fsrc src;
    struct ps_fval one;         /* CONST; PREFIX: the base address */
    struct ps_fval *members;    /* LIST */
    size_t nmembers;
    uint64_t lo, hi;            /* URANGE, RANDOM */
    int prefix;                 /* PREFIX */
    struct ps_obj *keep;        /* holds what `one`/`members` point into */
};

struct ps_tlayer {
    const struct ps_proto *proto;
    struct ps_tfield f[PS_MAX_FIELDS];
    /* PS_K_LAYERS fields: the sub-layers; when the field is FS_URANGE (a
     * set inside an element), hi - lo + 1 lists of equal length, one after
     * another, of which each packet takes one */
    struct ps_layer *sub[PS_MAX_FIELDS];
    size_t nsub[PS_MAX_FIELDS];
};

struct ps_tpkt {
    size_t n;
    /* room for PS_MAX_LAYERS, in the value's own allocation (value.c); a
     * stored packet (ps_val_stored) has none until decoded */
    struct ps_tlayer **layers;
};

/* ---- expressions ----------------------------------------------------------- */

enum ps_op {
    PO_ADD, PO_SUB, PO_MUL,
    PO_EQ, PO_NE, PO_LT, PO_LE, PO_GT, PO_GE,
    PO_AND, PO_OR, PO_IN,
    PO_MOD,       /* integer remainder, or "text" % args (runtime/interp/text.c) */
};

enum ps_ekind {
    E_CONST,      /* value */
    E_VAR,        /* slot */
    E_LAYER,      /* proto + field arguments: builds a one-layer template */
    E_STACK,      /* a / b */
    E_LIST,       /* [args] */
    E_TUPLE,
    E_RANGE,      /* args[0] .. args[1] */
    E_CALL,       /* builtin(args, options) */
    E_METHOD,     /* args[0].method(...) */
    E_GETLAYER,   /* args[0][proto or index args[1]] */
    E_FIELD,      /* args[0].field (of a layer value) */
    E_BINOP,      /* op, args[0], args[1] */
    E_NOT,
    E_NEG,
    E_MATCHES,    /* args[0] matches pattern (a template; `*` fields are FS_UNSET with any=1) */
    E_WITHIN,     /* args[0] within args[1] */
    E_SLICE,      /* args[0][args[1]:args[2]]; a bound left out is a none constant */
};

/* Keyword options of the builtins (struct ps_arg.index of a call). */
enum ps_opt {
    O_IFACE, O_COUNT, O_INTER, O_LOOP, O_TIMEOUT, O_RETRY, O_MULTI, O_FILTER,
    O_STORE, O_PRN, O_OFFLINE, O_STOP_FILTER, O_VERBOSE, O_FRAGSIZE, O_THREADS, O_RATE,
    O__COUNT
};

enum ps_builtin {
    B_SEND, B_SENDP, B_SR, B_SR1, B_SRP, B_SRP1, B_SRLOOP, B_SRPLOOP,
    B_SNIFF, B_WRPCAP, B_RDPCAP, B_LS, B_PRINT, B_HEXDUMP, B_LEN,
    B_RANDOM, B_FRAGMENT,
    B_SUMMARY, B_SHOW, B_COMMAND, B_HASLAYER, B_GETLAYER,
    B_STR,        /* str(x): the text Python's str() gives */
    B_ASYNCSNIFFER, B_START, B_STOP, B_JOIN,   /* Scapy's AsyncSniffer and its methods */
    /* Scapy's idioms (runtime/interp/idioms.c): raw(p) and bytes(p),
     * list.nsummary(), flags.S (name: the flags; value.u: their bits, 0 when
     * known only at run time), p.time and p.sent_time (name: which) */
    B_RAW, B_NSUMMARY, B_FLAGBIT, B_PKTTIME,
    B__COUNT
};

struct ps_expr;

/* A keyword option of a call or a field of a layer, resolved. */
struct ps_arg {
    int index;             /* the field index, or the option's index in the builtin's table */
    struct ps_loc loc;
    struct ps_expr *value;
};

struct ps_expr {
    enum ps_ekind kind;
    struct ps_loc loc;
    enum ps_type type;     /* static type, PT_ANY when known only at run time */
    struct ps_value value; /* CONST */
    int slot;              /* VAR */
    const struct ps_proto *proto; /* LAYER, GETLAYER by name */
    int field;             /* FIELD: index in proto, or -1 to find `name` at run time */
    char *name;            /* FIELD, METHOD: the name as written */
    bool as_value;         /* METHOD summary()/command(): give the text rather than print it */
    enum ps_op op;         /* BINOP */
    enum ps_builtin builtin;
    struct ps_expr **args;
    size_t nargs;
    struct ps_arg *opts;   /* LAYER: fields; CALL: keyword options */
    size_t nopts;
};

/* ---- statements ------------------------------------------------------------ */

enum ps_skind {
    S_BIND,       /* slot = expr */
    S_SETFIELD,   /* slot[proto].field = expr */
    S_UNPACK,     /* slots... = expr */
    S_EVAL,       /* expr */
    S_FOR,        /* for slot in expr { body } */
    S_TEST,       /* test "name" { body } */
    S_EXPECT,     /* expect expr [, message] */
    S_LABPARAM,   /* slot = the lab's value of param `text` in a lab run, else expr */
    S_IF,         /* if/elif/else: body holds its S_BRANCHes, in order */
    S_BRANCH,     /* one branch of an S_IF: expr its condition (NULL: else), body */
};

struct ps_stmt {
    enum ps_skind kind;
    struct ps_loc loc;
    int slot;
    int *slots;                   /* UNPACK */
    size_t nslots;
    const struct ps_proto *proto; /* SETFIELD */
    int field;                    /* SETFIELD */
    struct ps_expr *expr;
    char *text;                   /* TEST: name; EXPECT: message or NULL; EXPECT: source text of the condition */
    size_t text_len;
    char *cond_text;              /* EXPECT: the condition as written */
    struct ps_stmt **body;        /* FOR, TEST, IF (its branches), BRANCH */
    size_t nbody;
    bool param;                   /* BIND: a param's default, which -D replaces */
};

struct ps_program {
    const char *path;             /* for messages */
    const char *source;           /* whole spec text, for carets at run time */
    size_t source_len;
    const struct ps_srcfiles *files; /* the spec and what it imports; may be NULL */
    struct ps_stmt **stmts;
    size_t nstmts;
    size_t nslots;
    char **slot_names;
    size_t ntests;
    struct ps_proto **declared;   /* layers the spec declares, owned */
    size_t ndeclared;
    /* A program loaded from an image (interp/ir_image.c) owns its path,
     * source and files: one block, freed with it. NULL from the compiler. */
    void *loaded;
    /* The same, as the registry the program's stages look names up in and
     * decode with (ps_registry_set once declared is made or loaded). */
    struct ps_registry layers;
};

/* Frees the program, its statements and its declared layers (interp/program.c). */
void ps_program_free(struct ps_program *p);
void ps_expr_free(struct ps_expr *e);
void ps_stmt_free(struct ps_stmt *st);

struct ps_srcfiles;
/* The path of the file loc is in. */
const char *ps_loc_path(const struct ps_program *p, struct ps_loc loc);
/* ps_report at loc, in the file it is in (prog_report.c). */
void ps_report_loc(FILE *out, const struct ps_program *p, struct ps_loc loc, const char *kind,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
