/* The functions and methods a spec may call: their arguments and keyword
 * options, as Scapy names them. */
#ifndef PS_BUILTINS_H
#define PS_BUILTINS_H

#include <stdbool.h>
#include "ir.h"

enum ps_opt_type { OT_STR, OT_INT, OT_SINT, OT_BOOL, OT_DUR, OT_PRN, OT_PATTERN, OT_RATE };

struct ps_opt_desc {
    const char *name;
    enum ps_opt_type type;
};

struct ps_builtin_desc {
    const char *name;
    enum ps_builtin id;
    bool method;           /* called as x.name() */
    int min_args, max_args;
    unsigned opts;         /* bit set of enum ps_opt */
    enum ps_type returns;
};

extern const struct ps_opt_desc ps_opt_descs[O__COUNT];

const struct ps_builtin_desc *ps_builtin_find(const char *name, bool method);
/* All builtins, for did-you-mean; ended by a NULL name. */
const struct ps_builtin_desc *ps_builtin_all(void);
/* The option of that name, or -1. */
int ps_opt_find(const char *name);

/* prn= values, in order: the index is the option's integer value. */
extern const char *const ps_prn_names[];

#endif
