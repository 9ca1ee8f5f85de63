/* NTPv4 extension fields and the MAC after them (scapy/layers/ntp.py
 * NTPExtensions, NTPExtension): what follows an NTPHeader when it is longer
 * than a MAC alone. */
#include <string.h>

#include "packet.h"
#include "protos.h"

/* The bytes a MAC takes at the end: key id and an MD5 digest. */
#define MAC_LEN 20

/* Scapy's Packet class itself: no field, its bytes are its Raw payload
 * (PacketField("value", "", Packet)); command() writes it as Packet(). */
const struct ps_proto ps_proto_packet = {
    .name = "Packet",
    .long_name = "Packet",
};

/* Stores element c read from p[0..n) at the end of v's elements, or, with
 * no room, keeps the bytes from there on. False when c cannot read them. */
static bool add_element(const struct ps_proto *c, const uint8_t *p, size_t n, struct ps_fval *v,
                        struct ps_decode_room *room)
{
    if (v->bytes) {
        v->len = (size_t)(p + n - v->bytes);
        return true;
    }
    if (!room || !room->subs || !room->element || room->subs_used >= room->subs_cap) {
        v->bytes = p;
        v->len = n;
        return true;
    }
    if (!v->nsub)
        v->sub = room->subs + room->subs_used;
    if (room->element(c, p, n, &room->subs[room->subs_used], room) < 0)
        return false;
    room->subs_used++;
    v->nsub++;
    return true;
}

/* PacketField(Packet).getfield: Packet(s), which holds s as its Raw
 * payload (none when s is empty); PadField(align=4) then skips what pads
 * it, which is nothing: the value took the whole extension. */
static long value_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                         struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    memset(v, 0, sizeof *v);
    if (!add_element(&ps_proto_packet, p + off, 0, v, room))
        return -1;
    if (len > off && !add_element(ps_proto_find("Raw"), p + off, len - off, v, room))
        return -1;
    return (long)(len - off);
}

enum { E_TYPE, E_LEN, E_VALUE };

static const struct ps_field extension_fields[] = {
    [E_TYPE] = {.name = "type", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField",
                .ls_default = "0"},
    [E_LEN] = {.name = "len", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField",
               .ls_default = "0"},
    [E_VALUE] = {.name = "value", .kind = PS_K_LAYERS, .chain = true, .sub_class = "Packet",
                 .pad_to = 4, .decode = value_decode, .ls_type = "PadField",
                 .ls_default = "b''"},
};

const struct ps_proto ps_proto_ntp_extension = {
    .name = "NTPExtension",
    .long_name = "extension",
    .klass = "Packet",
    .fields = extension_fields,
    .nfields = PS_NFIELDS(extension_fields),
};

/* At most this many extensions are read as layers; the rest stay bytes. */
#define MAX_EXTENSIONS 32

/* NTPExtPacketListField.getfield: all but the last 20 bytes are
 * extensions, each as long as its len field says (at least 1 byte of the
 * rest, at most all of it), an NTPExtension when 16 bytes or more, else
 * Raw; so is what is left under 16 bytes. The elements' slots are taken
 * first, so that the values they hold (stored as they are read) come after
 * them: a list's elements must be adjacent. */
static long extensions_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                              struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    memset(v, 0, sizeof *v);
    size_t rest = len - off;
    if (rest <= MAC_LEN)
        return 0;
    size_t at[MAX_EXTENSIONS + 1], size[MAX_EXTENSIONS + 1], count = 0;
    size_t pos = 0, n = rest - MAC_LEN;
    while (n - pos >= 16 && count < MAX_EXTENSIONS) {
        size_t k = ps_get16(p + off + pos + 2);
        if (k > n - pos)
            k = n - pos;
        if (k < 1)
            k = n - pos;
        at[count] = pos;
        size[count++] = k;
        pos += k;
    }
    if (pos < n && (n - pos < 16 || count == MAX_EXTENSIONS)) {
        at[count] = pos; /* under 16 bytes: Raw; past the most read: one more */
        size[count++] = n - pos;
    }
    bool room_for_all =
        room && room->subs && room->element && room->subs_cap - room->subs_used >= count;
    if (!room_for_all) {
        v->bytes = p + off;
        v->len = n;
        return (long)n;
    }
    v->sub = room->subs + room->subs_used;
    room->subs_used += count;
    const struct ps_proto *raw = ps_proto_find("Raw");
    for (size_t i = 0; i < count; i++) {
        const struct ps_proto *c = size[i] >= 16 ? &ps_proto_ntp_extension : raw;
        if (room->element(c, p + off + at[i], size[i], &v->sub[i], room) < 0)
            return -1;
    }
    v->nsub = count;
    return (long)n;
}

/* PacketField("mac", NTPAuthenticator(), NTPAuthenticator): the rest. */
static long mac_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                       struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    memset(v, 0, sizeof *v);
    if (!add_element(&ps_proto_ntp_authenticator, p + off, len - off, v, room))
        return -1;
    return (long)(len - off);
}

static const struct ps_field extensions_fields[] = {
    {.name = "extensions", .kind = PS_K_LAYERS, .sub_class = "Packet",
     .decode = extensions_decode, .ls_type = "NTPExtPacketListField", .ls_default = "[]"},
    {.name = "mac", .kind = PS_K_LAYERS, .chain = true, .sub_class = "NTPAuthenticator",
     .def_sub = "NTPAuthenticator", .decode = mac_decode, .ls_type = "PacketField",
     .ls_default = "<NTPAuthenticator  |>"},
};

const struct ps_proto ps_proto_ntp_extensions = {
    .name = "NTPExtensions",
    .long_name = "NTPv4 extensions",
    .fields = extensions_fields,
    .nfields = PS_NFIELDS(extensions_fields),
};
