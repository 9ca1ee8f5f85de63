/* TCP options as Scapy's TCPOptionsField reads and prints them
 * (tcp_options_view.c): what TCP's repr hook, the printers and patterns share. */
#ifndef PS_TCP_OPTIONS_H
#define PS_TCP_OPTIONS_H

#include "packet.h"

/* Scapy's TCPOptionsField.i2repr of the options bytes in v: the list
 * TCPOptionsField.m2i makes, as Python prints it:
 * [('MSS', 1460), ('NOP', None), ('SAckOK', b'')]. The `repr` hook of
 * TCP.options. */
int ps_tcp_options_repr(const struct ps_fval *v, char *out, size_t cap);

/* One TCP option as Scapy's TCPOptionsField.m2i reads it. */
enum ps_tcpopt_shape {
    PS_TO_NONE,    /* None: EOL, NOP */
    PS_TO_INTS,    /* unpacked integers: one is a scalar, else a tuple */
    PS_TO_BYTES,   /* the value bytes (no format, or the wrong length) */
    PS_TO_PSTRING, /* Mood's "!p": a Pascal string, always b'' from 1 byte */
    PS_TO_AO,      /* TCP-AO: a TCPAOValue packet of the value bytes */
};
struct ps_tcpopt_view {
    unsigned kind;
    const char *name;        /* NULL for a number Scapy has no name for */
    enum ps_tcpopt_shape shape;
    uint64_t ints[64];
    size_t nints;
    const uint8_t *bytes;    /* all but PS_TO_NONE: the value bytes, in place */
    size_t len;
    const uint8_t *start;    /* the option's bytes in the field */
    size_t size;
};
/* Reads the next option from *p (*n bytes left), advancing both. Returns
 * false when nothing is left or after EOL (Scapy stops there). */
bool ps_tcp_option_next(const uint8_t **p, size_t *n, struct ps_tcpopt_view *o);

#endif
