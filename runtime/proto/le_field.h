/* Little-endian integer fields (Scapy's LEShortField, LEIntField,
 * LELongField and FlagsField with a negative size): the encoder and the
 * decoder are big-endian bit packers, so these fields carry hooks. Internal
 * to runtime/proto/. */
#ifndef PS_LE_FIELD_H
#define PS_LE_FIELD_H

#include "packet.h"

uint64_t ps_le_get(const uint8_t *p, unsigned bytes);
void ps_le_put(uint8_t *p, uint64_t v, unsigned bytes);

/* The value a hook writes for v, field fi of l: v's, else the table's
 * default. fi is found from v's place in l (the encoder hands the layer's
 * own value, or a set one). */
uint64_t ps_le_value(const struct ps_layer *l, const struct ps_fval *v);
/* Field index of v in l, or -1 when v is not one of l's values. */
int ps_le_index(const struct ps_layer *l, const struct ps_fval *v);

/* `encode` and `decode` hooks of 2-, 4- and 8-byte little-endian fields. */
long ps_le16_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out, size_t cap);
long ps_le32_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out, size_t cap);
long ps_le64_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out, size_t cap);
long ps_le16_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                    struct ps_fval *v, struct ps_decode_room *room);
long ps_le32_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                    struct ps_fval *v, struct ps_decode_room *room);
long ps_le64_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                    struct ps_fval *v, struct ps_decode_room *room);

#define PS_LE16 .kind = PS_K_UINT, .bits = 16, .encode = ps_le16_encode, .decode = ps_le16_decode
#define PS_LE32 .kind = PS_K_UINT, .bits = 32, .encode = ps_le32_encode, .decode = ps_le32_decode
#define PS_LE64 .kind = PS_K_UINT, .bits = 64, .encode = ps_le64_encode, .decode = ps_le64_decode

#endif
