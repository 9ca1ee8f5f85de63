/* SMB's header (scapy/layers/smb.py): what NBTSession carries. Scapy binds
 * SMBNegociate_Protocol_Request_Header_Generic to every NBTSession payload
 * and dispatches it by the first 4 bytes: "\xffSMB" is SMB_Header. The
 * commands' bodies (SMBNegotiate_Request, the session setup classes, ...)
 * and SMB2_Header ("\xfeSMB") are not built: their bytes stay Raw.
 * Scapy's LE...Fields are little-endian: encode and decode hooks. */
#include <string.h>

#include "packet.h"
#include "protos.h"
#include "smb_names.h"

enum { H_START, H_COMMAND, H_STATUS, H_FLAGS, H_FLAGS2, H_PIDHIGH, H_SIGNATURE, H_RESERVED,
       H_TID, H_PIDLOW, H_UID, H_MID };

static long put_le(uint64_t u, size_t n, uint8_t *out, size_t cap)
{
    if (!out)
        return (long)n;
    if (cap < n)
        return -1;
    for (size_t i = 0; i < n; i++)
        out[i] = (uint8_t)(u >> (8 * i));
    return (long)n;
}

static long get_le(const uint8_t *p, size_t len, size_t off, size_t n, struct ps_fval *v)
{
    if (off > len || len - off < n)
        return -1;
    v->u = 0;
    for (size_t i = n; i-- > 0;)
        v->u = v->u << 8 | p[off + i];
    return (long)n;
}

/* One pair of hooks per field: an encode hook does not know its field, and
 * its default comes from the table. */
#define LE_HOOKS(fi, n, d)                                                                 \
    static long enc_##fi(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,  \
                         size_t cap)                                                       \
    {                                                                                      \
        (void)l;                                                                           \
        return put_le(v->set ? v->u : (d), n, out, cap);                                   \
    }                                                                                      \
    static long dec_##fi(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l, \
                         struct ps_fval *v, struct ps_decode_room *room)                   \
    {                                                                                      \
        (void)l;                                                                           \
        (void)room;                                                                        \
        return get_le(p, len, off, n, v);                                                  \
    }

LE_HOOKS(H_STATUS, 4, 0)
LE_HOOKS(H_FLAGS2, 2, 0)
LE_HOOKS(H_PIDHIGH, 2, 0)
LE_HOOKS(H_RESERVED, 2, 0)
LE_HOOKS(H_TID, 2, 0)
LE_HOOKS(H_PIDLOW, 2, 1)
LE_HOOKS(H_UID, 2, 0)
LE_HOOKS(H_MID, 2, 0)

#define LE_SHORT(fi, n, d, d_s)                                                            \
    [fi] = {.name = n, .kind = PS_K_UINT, .bits = 16, .def = (d), .encode = enc_##fi,       \
            .decode = dec_##fi, .ls_type = "LEShortField", .ls_default = d_s}

static const char *const flags_names[] = {
    "LOCK_AND_READ_OK", "BUF_AVAIL", "res", "CASE_INSENSITIVE", "CANONICALIZED_PATHS",
    "OPLOCK", "OPBATCH", "REPLY", NULL,
};
static const char *const flags2_names[] = {
    "LONG_NAMES", "EAS", "SMB_SECURITY_SIGNATURE", "COMPRESSED",
    "SMB_SECURITY_SIGNATURE_REQUIRED", "res", "IS_LONG_NAME", "res", "res", "res",
    "REPARSE_PATH", "EXTENDED_SECURITY", "DFS", "PAGING_IO", "NT_STATUS", "UNICODE", NULL,
};

static const struct ps_field header_fields[] = {
    [H_START] = {.name = "Start", .kind = PS_K_BYTES, .bits = 32, .def_text = "\xffSMB",
                 .repr = ps_strfixed_repr, .ls_type = "StrFixedLenField",
                 .ls_default = "b'\\xffSMB'"},
    [H_COMMAND] = {.name = "Command", .kind = PS_K_UINT, .bits = 8, .def = 0x72,
                   .enums = ps_smb_com, .ls_type = "ByteEnumField", .ls_default = "114"},
    [H_STATUS] = {.name = "Status", .kind = PS_K_UINT, .bits = 32, .enums = ps_smb_status,
                  .encode = enc_H_STATUS, .decode = dec_H_STATUS, .ls_type = "LEIntEnumField",
                  .ls_default = "0"},
    [H_FLAGS] = {.name = "Flags", .kind = PS_K_UINT, .bits = 8, .def = 0x18,
                 .flags = flags_names, .ls_type = "FlagsField",
                 .ls_default = "<Flag 24 (CASE_INSENSITIVE+CANONICALIZED_PATHS)>"},
    /* FlagsField of -16 bits: little-endian */
    [H_FLAGS2] = {.name = "Flags2", .kind = PS_K_UINT, .bits = 16, .flags = flags2_names,
                  .encode = enc_H_FLAGS2, .decode = dec_H_FLAGS2, .ls_type = "FlagsField",
                  .ls_default = "<Flag 0 ()>"},
    LE_SHORT(H_PIDHIGH, "PIDHigh", 0, "0"),
    [H_SIGNATURE] = {.name = "SecuritySignature", .kind = PS_K_BYTES, .bits = 64, .def_text = "",
                     .repr = ps_strfixed_repr, .ls_type = "StrFixedLenField",
                     .ls_default = "b''"},
    LE_SHORT(H_RESERVED, "Reserved", 0, "0"),
    LE_SHORT(H_TID, "TID", 0, "0"),
    LE_SHORT(H_PIDLOW, "PIDLow", 1, "1"),
    LE_SHORT(H_UID, "UID", 0, "0"),
    LE_SHORT(H_MID, "MID", 0, "0"),
};

/* SMB_Header.answers: any packet holding an SMB_Header. */
static enum ps_answer header_answers(const struct ps_packet *reply, size_t *r,
                                     const struct ps_packet *query, size_t *q)
{
    (void)reply;
    (void)r;
    for (size_t i = 0; i < query->n; i++)
        if (query->layers[i].proto == &ps_proto_smb_header)
            return PS_ANSWER_YES;
    (void)q;
    return PS_ANSWER_NO;
}

const struct ps_proto ps_proto_smb_header = {
    .name = "SMB_Header",
    .long_name = "SMB 1 Protocol Request Header",
    .fields = header_fields,
    .nfields = PS_NFIELDS(header_fields),
    .answers = header_answers,
};

/* SMBNegociate_Protocol_Request_Header_Generic.dispatch_hook */
static const char *generic_class(const uint8_t *p, size_t len)
{
    return len >= 4 && memcmp(p, "\xffSMB", 4) == 0 ? "SMB_Header" : NULL;
}

static const struct ps_field generic_fields[] = {
    {.name = "Start", .kind = PS_K_BYTES, .bits = 32, .def_text = "\xffSMB",
     .repr = ps_strfixed_repr, .ls_type = "StrFixedLenField", .ls_default = "b'\\xffSMB'"},
};

/* bind_layers(NBTSession, SMBNegociate_Protocol_Request_Header_Generic):
 * whatever the session carries. */
static const struct ps_bind generic_binds[] = {{"NBTSession", NULL, 0}, {NULL, NULL, 0}};

const struct ps_proto ps_proto_smb_negociate_generic = {
    .name = "SMBNegociate_Protocol_Request_Header_Generic",
    .long_name = "SMBNegociate Protocol Request Header Generic",
    .fields = generic_fields,
    .nfields = PS_NFIELDS(generic_fields),
    .binds = generic_binds,
    .dispatch = generic_class,
};
