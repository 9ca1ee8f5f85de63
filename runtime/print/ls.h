/* Scapy's ls(LAYER): one line per field with its type and default. */
#ifndef PS_LS_H
#define PS_LS_H

#include <stdio.h>

#include "proto/proto.h"

/* Prints p's fields exactly as Scapy 2.5.0's ls(p) does:
 * "%-10s : %-35s = (%r)" with the field's class and the repr of its default. */
void ps_ls_print(FILE *out, const struct ps_proto *p);

#endif
