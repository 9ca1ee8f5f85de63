/* The protocol tables' types: each protocol is a constant table of fields
 * plus a few hooks, in the spirit of Scapy's fields_desc, and the lookups
 * over one table (enum names, flags, a field by name). The encoder,
 * decoder, printers and the compiler's name resolution are generic over
 * these tables; the tables themselves and the registry that lists them are
 * runtime/proto/ (proto/proto.h). */
#ifndef PS_TABLE_H
#define PS_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ps_layer;
struct ps_build;
struct ps_proto;
struct ps_packet;
struct ps_fval;
struct ps_decode_room;
struct ps_hash;

/* What a layer's answers() hook says (see struct ps_proto.answers). */
enum ps_answer {
    PS_ANSWER_NO,   /* not an answer */
    PS_ANSWER_YES,  /* an answer */
    PS_ANSWER_ON,   /* up to the layers the hook moved to */
    /* An answer when the bytes of the reply's layers from *r on and of the
     * query's from *q on agree as far as both go (a quoted datagram: Scapy's
     * raw() comparison); the matcher encodes them, so the hooks need no
     * encoder. _CLAMPED: the first layers' `quote_clamped` fields zeroed on
     * both sides first (what a middlebox's MSS clamping changes). */
    PS_ANSWER_QUOTE,
    PS_ANSWER_QUOTE_CLAMPED,
};

enum ps_kind {
    PS_K_UINT,     /* unsigned integer, `bits` wide (1..64), big-endian, bit-packed MSB first */
    PS_K_MAC,      /* 6 bytes */
    PS_K_IPV4,     /* 4 bytes */
    PS_K_IPV6,     /* 16 bytes */
    PS_K_BYTES,    /* variable-length bytes (Raw.load, an option's data); with `bits`
                      set, bits/8 bytes exactly, cut or padded with \0 (StrFixedLenField) */
    PS_K_OPTIONS,  /* an option list held as its encoded bytes (TCP options) */
    PS_K_LAYERS,   /* a list of sub-layers of class `sub_class` (IP options); any bytes
                      the value also holds are written after them, as raw options */
};

enum ps_auto_rule {
    PS_AUTO_NONE,
    PS_AUTO_LENGTH,   /* bytes from the layer's start to the end of its payload */
    PS_AUTO_CHECKSUM, /* RFC 1071 checksum over the layer and its payload */
};

struct ps_enum {
    uint64_t value;
    const char *name;
};

/* An options_len of Python's s[:-k], k < 2^20 (see ps_proto.options_len). */
#define PS_LEN_BUT_BASE ((size_t)1 << (sizeof(size_t) * 8 - 2))
#define PS_LEN_ALL_BUT(k) (PS_LEN_BUT_BASE + (size_t)(k))
#define PS_LEN_IS_ALL_BUT(n) ((n) >= PS_LEN_BUT_BASE && (n) - PS_LEN_BUT_BASE < ((size_t)1 << 20))

struct ps_field {
    const char *name;
    enum ps_kind kind;
    uint8_t bits;                /* PS_K_UINT width; PS_K_BYTES fixed length in bits */
    bool is_auto;                /* Scapy default None: computed when built unless given */
    /* A declared layer's auto rule (enum ps_auto_rule): what its post_build
     * writes into an unset auto field. */
    uint8_t auto_rule;
    uint64_t def;                /* default of a PS_K_UINT */
    const char *def_text;        /* default of an address or bytes field, as text; of a
                                    chain (below), "" when Scapy's default is b'' */
    /* PS_K_BYTES: the default's length when it holds \0 bytes (Scapy's
     * b"\x00" * 8, IP6ListField's ["::1"] held encoded): def_text is then
     * read as this many bytes, not up to its NUL. See ps_field_def_bytes. */
    uint8_t def_len;
    const struct ps_enum *enums; /* names for values, ended by {0, NULL} */
    const char *const *flags;    /* flag names, bit 0 first, ended by NULL */
    /* Scapy was given the flag names as a list of letters, not a string
     * (VXLAN gpflags): set flags print '+'-joined, as names of words do. */
    bool flags_list;
    bool hex;                    /* an X...Field: printed as 0x.. */
    /* A ConditionalField: present only when this holds for the layer's values. */
    bool (*present)(const struct ps_layer *layer);
    const char *ls_type;         /* middle column of Scapy's ls(), e.g. "BitField  (4 bits)" */
    const char *ls_default;      /* repr(default) as Scapy's ls() gets it, e.g. "None",
                                    "b''", "'0.0.0.0'": ls() prints its %r */
    const char *sub_class;       /* PS_K_LAYERS: the class its elements belong to */
    /* PS_K_LAYERS: a second class whose layers it takes (Mobile IPv6's
     * options hold hop-by-hop's Pad1 and PadN, HBHOptUnknown's). */
    const char *sub_also;

    /* --- Encoding details, all optional (zero means "not used"). --- */
    /* PS_K_OPTIONS, PS_K_LAYERS: the encoded value is padded with \0 to a
     * multiple of this (IP and TCP options: 4), whatever the spec gave.
     * PS_K_BYTES: Scapy's PadField (SCTP): the same, the pad left out of
     * a length_of of it and skipped when read. */
    uint8_t pad_to;
    /* PS_K_LAYERS whose elements are aligned (IPv6 options: RFC 8200's
     * xn+y): the padding to write before element `next` (NULL: after the
     * last, and any bytes given after the elements) at offset pos from the
     * field's start, into pad (at most 16 bytes); returns its length. The
     * encoder calls it and writes the padding. */
    size_t (*pad_before)(const struct ps_layer *l, const struct ps_proto *next, size_t pos,
                         uint8_t pad[16]);
    /* PS_K_UINT FieldLenField (is_auto): when unset it holds the encoded
     * length of the field named here, plus len_adjust (ARP hwlen, the length
     * of IPOption_RR: routers + 3). */
    const char *length_of;
    int8_t len_adjust;
    /* length_of counts in units of this many bytes (GeneveOptions.length:
     * 4-byte words); 0 or 1: bytes. */
    uint8_t len_unit;
    /* PS_K_UINT (is_auto): when unset it holds the encoded length of its
     * whole layer (IPOption_Timestamp.length, set by Scapy's post_build). */
    bool len_of_layer;
    /* An address Scapy takes from the route when unset: enum ps_env_src. */
    uint8_t from_env;
    /* PS_K_BYTES: a list of IPv4 addresses, 4 bytes each, held encoded
     * (Scapy's FieldListField of IPField: IPOption_RR.routers). */
    bool ipv4_list;
    /* A checksum whose computed 0 is sent as 0xffff (RFC 768, UDP): a frame
     * plan that fixes it incrementally must do the same. */
    bool csum_zero_ffff;
    /* A 32-bit CRC-32C of its layer and payload, least significant byte
     * first (SCTP's chksum): a frame plan recomputes it once it has
     * patched a byte under it. */
    bool crc32c;
    /* Scapy's MultiEnumField (ICMP code): the names depend on the value of the
     * field at index multi_on in the same layer. See ps_enum_value_in(). */
    const struct ps_enum_multi *multi;
    uint8_t multi_on;
    /* Scapy's BCDFloatField (STP's times, in 1/256 s on the wire): an
     * integer a spec gives is multiplied by this; the field holds the wire
     * value and its repr hook prints the float. 0: not scaled. */
    uint64_t scale;
    /* Scapy's FixedPointField (NTP): a number given is scaled as above (as
     * Python's float computes it), but Scapy holds the wire integer, whose
     * i2h is an EDecimal; command() writes a fraction as its exact decimal
     * (scale a power of 2), which reads back exactly. */
    bool scale_held_raw;
    /* A scaled field's i2h as Python's str() gives it, where that is not its
     * repr (TimeStampField prints a date): what reading the field gives as
     * text, and what ls() shows as Decimal('...'). */
    int (*dec_text)(const struct ps_fval *v, char *out, size_t cap);
    /* What i2repr prints for None where that is not "None" (TimeStampField:
     * "--"), for a field the frame ended before. */
    const char *none_text;
    /* Scapy's MultipleTypeField of integers (ICMP unused): the width in bits
     * for the layer's values, overriding `bits`. */
    uint8_t (*bits_for)(const struct ps_layer *layer);
    /* A default Scapy computes when the layer is made (ICMP ts_ori: ms since
     * midnight UTC); overrides `def`. ls() prints its current value. */
    uint64_t (*def_now)(void);

    /* --- Printing, optional. --- */
    /* Scapy's ScalingField unit ("Mbps"): i2repr is the value, a space and
     * this; command() and ls() print the value alone (the `repr` hook's
     * text). */
    const char *unit;
    /* PS_K_BYTES held as Scapy's list of byte numbers (a FieldListField of
     * ByteField: RadioTap's RU_channel1): ls() prints the list, [1, 2]. */
    bool byte_list;
    /* Scapy's i2repr where the kind's generic text is not it (TCP options
     * print as [('MSS', 1460), ('NOP', None)]): writes the text of v into out
     * with snprintf's contract and returns its length. */
    int (*repr)(const struct ps_fval *v, char *out, size_t cap);
    /* ls(pkt)'s value column where it is not the held value's Python repr:
     * repr(getattr(pkt, name)), Scapy's i2h (SCTP's dup_tsn_list held in wire
     * form is [5, 6]; DNSSL's list of names; DHCPv6's and ISAKMP's values).
     * v->set false: the field's default. Same contract as repr. */
    int (*ls_repr)(const struct ps_fval *v, char *out, size_t cap);
    /* command(): the value as a spec gives it, when that is not what the
     * field holds (a TXT record's character-strings, held in wire form, are
     * given as one string). Fills *out (its bytes in buf) and returns true,
     * or returns false to print the value as it is. */
    bool (*given_form)(const struct ps_layer *l, const struct ps_fval *v, struct ps_fval *out,
                       uint8_t *buf, size_t cap);
    /* A MultipleTypeField whose variant for the layer's values is a 0-byte
     * string (ICMP unused of an echo): `present` says it is not on the wire,
     * yet Scapy holds it as b'', so show() prints it as '' (and repr() does
     * when bytes followed it, which is when Scapy's dissector reached it). */
    bool empty_when_absent;
    /* PS_K_LAYERS that Scapy holds as one packet chain, not a list (DNS's
     * DNSQRField and DNSRRField: qd, an, ns, ar): None when it has no
     * element, else the elements stacked as payloads; repr() and ls() print
     * "<DNSRR  .. |<DNSRR  .. |>>" or None, show() "an = None" when empty. */
    bool chain;
    /* PS_K_LAYERS whose element class takes its own class as payload
     * (default_payload_class: ICMPv6MLDMultAddrRec): Scapy's list holds the
     * first element with the others chained as its payloads; repr() prints
     * "[<A  .. |<B  .. |>>]", show() each one indented deeper. A count
     * field of it other than 0 does not stop the reading. */
    bool nested;

    /* --- Fields whose wire form is not their value's (DNS), optional. --- */
    /* Writes the wire form of v (the field of layer l) into out, or only
     * counts it when out is NULL; returns its length, or -1 when it does not
     * fit in cap. A DNS name held as "www.example.com." is written as
     * labels; DNSRR.rdata as its record type says (Scapy's MultipleTypeField). */
    long (*encode)(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out, size_t cap);
    /* Reads the field where the kinds cannot say how (DNS records: as many
     * as a count field says, with names pointing back into the message).
     * p[0..len) is the whole layer, the field starts at p[off]; elements of a
     * PS_K_LAYERS field go to room (decode.h), which may be NULL. Returns the bytes taken, or -1 when the layer cannot be
     * read (Scapy raises: the bytes become Raw). */
    long (*decode)(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                   struct ps_fval *v, struct ps_decode_room *room);
    /* PS_K_UINT (is_auto): when unset, the number of elements of the
     * PS_K_LAYERS field named here (DNS.qdcount counts qd). */
    const char *count_of;
    /* PS_K_LAYERS: when unset, the field holds one element of this class
     * with its defaults (DNS.qd is DNSQR()). */
    const char *def_sub;
    /* A ConditionalField on the layer below (DNS.length exists over TCP
     * only): written and read only when the layer right under this one is
     * of this class or has it as alias. Printers, which see dissected
     * layers, go by `present`, which then says whether the field was read. */
    const char *only_on;
    /* PS_K_BYTES: a list of IPv6 addresses, 16 bytes each, held encoded
     * (Scapy's IP6ListField: IPv6ExtHdrRouting.addresses). */
    bool ipv6_list;
    /* PS_K_BYTES written with a NUL after it (Scapy's StrNullField, its
     * encode hook): a value read where the frame ended before the NUL
     * holds u = 1 and is written back without one, as the frame held it;
     * command() gives such a layer as its bytes. */
    bool nul_terminated;
    /* Scapy's value of field fi of l where what the field holds is not it
     * (a DNS name: held as its wire form, pointers and all, its value is
     * the text; an A record's rdata: the address): what reading the field
     * gives and what a pattern compares. v is l's value of the field or a
     * value given for it (l's other values decide: rdata by type); unset,
     * the field's default. Fills *out (an address in out->addr; bytes in
     * buf, cap of them) and returns its kind: PS_K_IPV4, PS_K_IPV6 or
     * PS_K_BYTES. */
    enum ps_kind (*value_of)(const struct ps_layer *l, size_t fi, const struct ps_fval *v,
                             struct ps_fval *out, uint8_t *buf, size_t cap);

    /* --- Fields of several kinds (Scapy's MultipleTypeField), optional. --- */
    /* The field that stands for this one for the layer's values (ARP's
     * hwsrc: a MAC when hwtype is 1 and hwlen 6, else a string of hwlen
     * bytes), or NULL when this one does. Whatever reads or writes the
     * value asks ps_layer_field(); the conditions (present, only_on) stay
     * the table field's. As Scapy holds what it was given and lets the
     * variant read it, a value from a spec holds both forms: the string it
     * was written as (an address's text) and the address that string reads
     * as (see runtime/coerce.c). */
    const struct ps_field *(*variant)(const struct ps_layer *layer);
    /* PS_K_BYTES: the length the layer's values give it (Scapy's
     * StrFixedLenField length_from: ARP's hwlen); the value is read as that
     * many bytes and written cut or padded with \0 to it. False when they
     * give none (the length field unset): the value is written as it is. */
    bool (*len_from)(const struct ps_layer *layer, size_t *len);

    /* --- A list that is one value, for some values of another field. --- */
    /* Scapy's DNSTextField in DNSRR.rdata: while the field named list_on
     * holds list_when (type TXT), a list of strings given to this field is
     * its value (the character-strings of one record), not a set of packets.
     * list_encode writes the strings' wire form into out (NULL: counts) and
     * returns its length; list_view makes v hold such a wire form as the
     * field holds a dissected one. */
    const char *list_on;
    uint64_t list_when;
    /* What the list's elements are, for errors: "strings or bytes". A
     * field with list_encode and no list_on takes a list as its value
     * whatever the layer holds (NSEC's typebitmaps: type numbers). */
    const char *list_what;
    long (*list_encode)(const struct ps_fval *items, size_t n, uint8_t *out, size_t cap);
    void (*list_view)(struct ps_fval *v);
    /* command(): such a value as the list of strings a spec gives for it,
     * into items (cap of them, pointing into v); returns how many, or -1
     * when v is no such list (then it prints as it is). */
    long (*list_items)(const struct ps_layer *l, const struct ps_fval *v, struct ps_fval *items,
                       size_t cap);

    /* PS_K_LAYERS: the class of the element at p[0..n) where the field,
     * not the element class's dispatch, decides (Scapy's PacketLenField.m2i:
     * RADIUS's EAP-Message holds a long EAP packet as Raw), or NULL. */
    const char *(*elem_class)(const uint8_t *p, size_t n);

    /* PS_K_OPTIONS other than TCP's (NULL: TCP options): how a list of
     * options the spec gives is written, printed and matched (DHCP;
     * proto/proto.h). */
    const struct ps_optcodec *optcodec;

    /* PS_K_LAYERS whose element class Scapy picks with a function, not a
     * class (a PacketListField or PacketLenField given a dispatcher:
     * DHCPv6's suboptions by their code, a DUID by its type): the class
     * name of the element at p[0..n), "Raw" for bytes no class takes.
     * NULL: the sub_class rule. In a `chain`, the elements after the first
     * are what the one before guesses for its payload (guess_payload_from),
     * as Scapy dissects a packet's payload. */
    const char *(*element)(const uint8_t *p, size_t n);
};

/* Where an unset address field comes from (ps_field.from_env). */
enum ps_env_src {
    PS_ENV_NONE,
    PS_ENV_SRC_MAC,  /* the interface's MAC, else 00:00:00:00:00:00 */
    PS_ENV_DST_MAC,  /* the resolved next hop, else ff:ff:ff:ff:ff:ff */
    PS_ENV_SRC_IP4,  /* the interface's address, else 0.0.0.0 */
    PS_ENV_SRC_IP6,  /* the interface's address, else :: */
};

/* One value of the controlling field and the names in force for it. Ended
 * by {0, NULL}. */
struct ps_enum_multi {
    uint64_t key;
    const struct ps_enum *enums;
};

/* Scapy's DestField.bind_addr: when this protocol is stacked on `lower` and
 * its own `field` is `value`, the unset address `lower.addr_field` defaults
 * to `addr` (UDP dport 5353 sends IP to 224.0.0.251). Ended by a NULL lower. */
struct ps_addr_bind {
    const char *lower;
    const char *addr_field;
    const char *addr;
    const char *field;
    uint64_t value;
};

/* When this protocol is stacked on `lower`, `lower.field` takes `value`
 * unless the spec gave it (Scapy's bind_layers, top-down). The decoder reads
 * the same table bottom-up to pick the next layer: consecutive entries with
 * the same lower and different fields are one bind_layers call, which holds
 * when all of them do (IP-in-IP: frag=0 and proto=4). A repeated field, or
 * an entry {lower, NULL, 0} ending a call, starts the next one: DNS's
 * {"UDP", "dport", 53}, {"UDP", NULL, 0}, {"UDP", "sport", 53} are two
 * alternatives (the encoder skips entries without a field). */
struct ps_bind {
    const char *lower;
    const char *field;
    uint64_t value;
};

/* A binding of a bytes field (BOOTP's options=b'c\x82Sc' under DHCP): when
 * this protocol is stacked on `lower`, the unset `lower.field` is `bytes`.
 * For building; the decoder goes by the lower class's guess_payload. */
struct ps_bytes_bind {
    const char *lower;
    const char *field;
    const char *bytes;
};

struct ps_proto {
    const char *name;       /* class name: "IP", "Ether" */
    const char *long_name;  /* show() header: "IP", "Ethernet" */
    const char *klass;      /* NULL, or a class for PS_K_LAYERS lists: "IPOption" */
    const struct ps_field *fields;
    size_t nfields;
    const struct ps_bind *binds; /* ended by {NULL, NULL, 0}; may be NULL */
    /* Bindings that hold one way only, in the same form. build_binds: Scapy's
     * overload_fields and bind_top_down (ICMPv6 sets IPv6.nh to 58 but is
     * not found by it), and the bind_layers call that wins for building when
     * several were made (the last); the encoder reads them before `binds`.
     * dissect_binds: bind_bottom_up, and the calls that only dissect (DNS on
     * UDP dport 5353); the decoder reads them after `binds`. May be NULL. */
    const struct ps_bind *build_binds;
    const struct ps_bind *dissect_binds;
    const struct ps_bytes_bind *bytes_bind; /* may be NULL */
    /* Fills auto fields (lengths, checksums) of layer `idx` once the layers
     * above it are built; see encode.h. May be NULL. */
    void (*post_build)(struct ps_build *b, size_t idx);
    /* Scapy's aliastypes: when no binding of the upper layer names this
     * protocol, the bindings made for `alias` apply (Dot1Q takes Ether's). */
    const char *alias;
    /* Scapy's Padding: no header of its own; its fields (the load) go after
     * the whole frame, outside every length and checksum. */
    bool trailer;
    /* Fields a middlebox may change in a quoted copy of this layer (TCP's
     * options, dataofs and chksum under MSS clamping), NULL-ended: zeroed
     * on both sides of a PS_ANSWER_QUOTE_CLAMPED comparison. */
    const char *const *quote_clamped;
    /* Scapy's show_indent = 0 (DNSQR, DNSRR): show() prints the payload of
     * this layer (the next record of a chain) at this one's level. */
    bool show_flat;
    /* Scapy's conf.neighbor: the IPv4 address an unset Ether.dst below this
     * layer is resolved for (IP "dst", ARP "pdst"). A multicast address maps
     * to 01:00:5e:xx:xx:xx with no network, before the env is asked. */
    const char *neighbor_field;
    /* Dot1Q: Ether.dst is resolved for the layer above this one. */
    bool neighbor_through;
    /* A list element class without Scapy's extract_padding (GeneveOptions,
     * EDNS0ClientSubnet): in a PacketListField it takes the rest of the
     * list's bytes as its payload, so the list ends with it and the rest,
     * the field's leftover bytes, prints as its Raw payload. */
    bool rest_is_payload;
    const struct ps_addr_bind *addr_binds; /* may be NULL */

    /* --- Decoding and printing, all optional (NULL: the generic rule). --- */
    /* Byte length of the variable field `field` (PS_K_BYTES without `bits`,
     * PS_K_OPTIONS, PS_K_LAYERS) from the fields decoded before it: IP options
     * ihl*4-20, TCP options dataofs*4-20. The decoder cuts it to what the
     * frame holds. Without it: when an earlier field is its `length_of`, that
     * value minus len_adjust; else a PS_K_BYTES field takes the rest of the
     * layer and an option or layer list takes nothing. PS_LEN_ALL_BUT(k)
     * is Python's s[:-k]: all but the last k bytes (IP's ihl*4-20 when
     * ihl < 5). */
    size_t (*options_len)(const struct ps_layer *l, size_t field);
    /* Scapy's extract_padding: the payload length the header declares (IP
     * len-ihl*4, UDP len-8, ARP 0); what follows is Padding. Returns false
     * when the header declares none (Ether, TCP). *len may be negative: it is
     * used as Python's s[:len] (UDP with len < 8, as Scapy does). True with
     * *len == LONG_MIN: extract_padding raises (it computes with a field the
     * frame ended before, None in Scapy), so the layer becomes Raw. */
    bool (*payload_len)(const struct ps_layer *l, long *len);
    /* Scapy's guess_payload_class where the bindings do not decide: the class
     * of the payload (ICMP errors quote an "IPerror"), or NULL to use the
     * bindings. A name the registry lacks also falls back to the bindings. */
    const char *(*guess_payload)(const struct ps_layer *l);
    /* The same where Scapy's guess asks the layer below (HSRP: UDP's len
     * says whether HSRPmd5 follows; under is NULL for a first layer) or the
     * payload's bytes (LLDP: the next TLV's type; MPLS: the IP version in
     * the first byte), p[0..len). */
    const char *(*guess_payload_from)(const struct ps_layer *l, const struct ps_layer *under,
                                      const uint8_t *p, size_t len);
    /* Scapy's dissection_done where it raises (LLDP's strict mode checks
     * the order of the TLVs): false makes the whole frame Raw, as rdpcap
     * does when dissecting raises. pkt->layers[idx] is this layer. */
    bool (*frame_check)(const struct ps_packet *pkt, size_t idx);
    /* Scapy's dispatch_hook: the class these bytes really are when this one
     * is asked for (Ether with a length <= 1500 is Dot3; an IPOption class
     * comes from the option number), or NULL to keep this one. */
    const char *(*dispatch)(const uint8_t *p, size_t len);
    /* Scapy's mysummary(): writes layer idx's summary into out (snprintf's
     * contract) and returns its length, 0 when the layer has none. */
    int (*mysummary)(const struct ps_packet *pkt, size_t idx, char *out, size_t cap);
    /* The class a mysummary that says something names as needed (Scapy's
     * (text, [Dot11]) from Dot11Elt): a layer of exactly that class below
     * says its own mysummary too. */
    const char *summary_needs;
    /* Scapy's TrailerField (Dot11FCS.fcs): bytes at the end of the layer's
     * data that a field of it took (its decode hook reads them there), as
     * l holds it: the payload ends before them, and they are no Padding. */
    size_t (*tail_len)(const struct ps_layer *l);

    /* --- sr() matching, optional (runtime/match.h runs them). --- */
    /* Scapy's hashret(): appends layer idx's own part of the hash with
     * ps_hash_put and returns the layer whose hashret follows: idx + 1 as a
     * rule, another to skip some (an ICMP error goes on with the datagram it
     * quotes), pkt->n for none. NULL: nothing of its own, then idx + 1. */
    size_t (*hashret)(const struct ps_packet *pkt, size_t idx, struct ps_hash *h);
    /* Scapy's answers(): whether layer *r of `reply` answers layer *q of
     * `query`; *q == query->n is Scapy's NoPayload. PS_ANSWER_ON hands the
     * decision to the layers the hook moved *r and *q to (both one up for
     * Scapy's self.payload.answers(other.payload)). NULL: a layer of the
     * same class goes on one up on both sides, any other does not answer. */
    enum ps_answer (*answers)(const struct ps_packet *reply, size_t *r,
                              const struct ps_packet *query, size_t *q);
};

/* One bind_layers entry of a declared layer, resolved when the program is
 * made: `upper` is read over a `lower` whose field `field` holds `value`.
 * Consecutive entries with call_start false belong to the call before. */
struct ps_rbind {
    const struct ps_proto *lower, *upper;
    int field;
    uint64_t value;
    bool call_start;
};

/* The layers a program declares (`layer Name { ... }`), as a value that
 * goes with the program (ps_program.layers): two programs in one process
 * see only their own. NULL, or empty, stands for the built-in tables alone.
 * The decoder reads the bindings resolved here, not the names. */
struct ps_registry {
    const struct ps_proto *const *declared; /* not owned: ps_program.declared */
    size_t ndeclared;
    struct ps_rbind *binds;                 /* owned */
    size_t nbinds;
};

/* Whether a layer list field f holds layers of class p: its sub_class's
 * members (ps_proto.klass), or any layer when that is "Packet" (Scapy's
 * PacketListField(cls=Packet): NTP's items, which may be Raw). */
bool ps_field_takes(const struct ps_field *f, const struct ps_proto *p);

/* Index of `name` in p->fields, or -1. */
int ps_field_index(const struct ps_proto *p, const char *name);

/* The default bytes of a PS_K_BYTES or PS_K_OPTIONS field (def_text, as
 * def_len says): their length, and *bytes ("" when there is none). */
size_t ps_field_def_bytes(const struct ps_field *f, const uint8_t **bytes);

/* Whether PS_K_LAYERS field f takes layers of class klass (sub_class or
 * sub_also; klass may be NULL). */
bool ps_field_takes_class(const struct ps_field *f, const char *klass);

/* Looks an enum name up; '-' and '_' are the same, case is significant as in
 * Scapy. Returns false when the name is unknown. When two values share a
 * name the last in the table wins, as in Scapy's s2i. For a MultiEnumField
 * without a layer, every table is searched (see ps_enum_value_in). */
bool ps_enum_value(const struct ps_field *f, const char *name, uint64_t *value);
/* The name of a value, or NULL (always NULL for a MultiEnumField: use
 * ps_enum_name_in). */
const char *ps_enum_name(const struct ps_field *f, uint64_t value);
/* Enum lookups that see the layer, for fields whose names depend on another
 * field (Scapy's MultiEnumField: ICMP code names by ICMP type). For a plain
 * enum field they are ps_enum_value / ps_enum_name.
 * ps_enum_value_in: as Scapy's any2i: the names for the controlling field's
 * value in `l` (set, else its default) first, then the names of any value
 * (the last table holding the name wins). */
bool ps_enum_value_in(const struct ps_layer *l, const struct ps_field *f, const char *name,
                      uint64_t *value);
/* The name of value for l's controlling value, or NULL. */
const char *ps_enum_name_in(const struct ps_layer *l, const struct ps_field *f, uint64_t value);
/* The table of names in force for f in l (for listing or did-you-mean), or
 * NULL when there is none. */
const struct ps_enum *ps_enums_in(const struct ps_layer *l, const struct ps_field *f);

/* Parses flag letters ("SA") or '+'-joined names ("MF+DF") into a value.
 * Returns false on an unknown flag; *bad points at it. */
bool ps_flags_parse(const struct ps_field *f, const char *text, uint64_t *value,
                    const char **bad);

#endif
