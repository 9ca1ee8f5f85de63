/* fragment(pkt, fragsize=1480): Scapy's IP fragmentation (scapy/layers/inet.py
 * fragment), for the interpreter. */
#ifndef PS_FRAGMENT_H
#define PS_FRAGMENT_H

#include "interp_int.h"

/* Evaluates the call e: a list of packets, every member of the packet (or
 * of each packet of a list) cut into IP fragments. */
struct ps_value ps_fragment_call(struct interp *in, const struct ps_expr *e);

#endif
