/* The values of literal tokens. Each function gets the token's text and
 * location, fills n, reports a bad literal through d at the column of the
 * fault and returns the number of errors it reported; n always holds a
 * usable value so that parsing goes on. Tokens are single-line. */
#ifndef PS_LITERAL_H
#define PS_LITERAL_H

#include <stdbool.h>

#include "diag.h"

int lit_int(struct ps_diag *d, struct ast_loc loc, const char *text, size_t len,
            struct ast_node *n);
int lit_float(struct ps_diag *d, struct ast_loc loc, const char *text, size_t len,
              struct ast_node *n);
int lit_duration(struct ps_diag *d, struct ast_loc loc, const char *text, size_t len,
                 struct ast_node *n);
int lit_mac(struct ps_diag *d, struct ast_loc loc, const char *text, size_t len,
            struct ast_node *n);
/* An IPv4 address with or without /prefix. */
int lit_ipv4(struct ps_diag *d, struct ast_loc loc, const char *text, size_t len,
             struct ast_node *n);
/* An IPv6 address with or without /prefix; a malformed MAC lands here too,
 * and is reported as one. */
int lit_ipv6(struct ps_diag *d, struct ast_loc loc, const char *text, size_t len,
             struct ast_node *n);
/* "..." with its escapes; `closed` is false when the line ended first. */
int lit_string(struct ps_diag *d, struct ast_loc loc, const char *text, size_t len, bool closed,
               struct ast_node *n);
/* x"..." */
int lit_bytes(struct ps_diag *d, struct ast_loc loc, const char *text, size_t len, bool closed,
              struct ast_node *n);

#endif
