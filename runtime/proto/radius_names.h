/* RADIUS's name tables, generated from Scapy 2.5.0 (gen_names.py radius).
 * Internal to runtime/proto/ (radius.c). */
#ifndef PS_RADIUS_NAMES_H
#define PS_RADIUS_NAMES_H

#include "table.h"

/* The class Scapy dissects an attribute of a type as. Ended by a NULL name. */
struct ps_radius_class {
    uint8_t type;
    const char *name;
};

extern const struct ps_enum ps_radius_attr_types[];
extern const struct ps_enum ps_radius_packet_codes[];
extern const struct ps_enum_multi ps_radius_attr_values[];
extern const struct ps_radius_class ps_radius_classes[];

#endif
