/* ISAKMP's transform attributes (isakmp_attrs.c), which the ISAKMP tables
 * (isakmp.c) hold in ISAKMP_payload_Transform.transforms. */
#ifndef PS_ISAKMP_H
#define PS_ISAKMP_H

#include "proto.h"

extern const struct ps_optcodec ps_isakmp_attr_codec;
/* ISAKMPTransformSetField's repr of the encoded attributes:
 * "[('Encryption', 'AES-CBC'), ('KeyLength', 128)]". A `repr` hook. */
int ps_isakmp_attrs_repr(const struct ps_fval *v, char *out, size_t cap);

#endif
