/* What the 802.11 element tables share (dot11_elt.c, dot11_rsn.c,
 * dot11_country.c, dot11_ht.c): the ID enum, the ID and len fields every
 * Dot11Elt subclass starts with, and Dot11Elt.post_build. Internal to
 * runtime/proto/. */
#ifndef PS_DOT11_ELT_H
#define PS_DOT11_ELT_H

#include "protos.h"

/* _dot11_id_enum, with the deprecated names accepted after the printed ones. */
extern const struct ps_enum ps_dot11_elt_ids[];

#define PS_DOT11_ELT_ID(d, ds)                                                            \
    {.name = "ID", .kind = PS_K_UINT, .bits = 8, .def = d, .enums = ps_dot11_elt_ids,     \
     .ls_type = "ByteEnumField", .ls_default = ds}

/* ByteField("len", None), which Dot11Elt.post_build sets to the element's
 * length past the ID and len. */
#define PS_DOT11_ELT_LEN                                                                  \
    {.name = "len", .kind = PS_K_UINT, .bits = 8, .is_auto = true, .ls_type = "ByteField", \
     .ls_default = "None"}

/* Dot11Elt.post_build for a subclass: an unset len (field 1) is the
 * element's length less 2. */
void ps_dot11_elt_post_build(struct ps_build *b, size_t idx);

#endif
