/* PPP (scapy/layers/ppp.py PPP, HDLC): the link header GRE_PPTP carries.
 * The protocol field is one byte or two: RFC 1661 compresses values below
 * 0x100, and on the wire an odd first byte marks the one-byte form. */
#include "packet.h"
#include "ppp.h"
#include "protos.h"

/* _PPP_PROTOCOLS */
const struct ps_enum ps_ppp_protocols[] = {
    {0x0001, "Padding Protocol"},
    {0x0003, "ROHC small-CID [RFC3095]"},
    {0x0005, "ROHC large-CID [RFC3095]"},
    {0x0021, "Internet Protocol version 4"},
    {0x0023, "OSI Network Layer"},
    {0x0025, "Xerox NS IDP"},
    {0x0027, "DECnet Phase IV"},
    {0x0029, "Appletalk"},
    {0x002b, "Novell IPX"},
    {0x002d, "Van Jacobson Compressed TCP/IP"},
    {0x002f, "Van Jacobson Uncompressed TCP/IP"},
    {0x0031, "Bridging PDU"},
    {0x0033, "Stream Protocol (ST-II)"},
    {0x0035, "Banyan Vines"},
    {0x0037, "reserved (until 1993) [Typo in RFC1172]"},
    {0x0039, "AppleTalk EDDP"},
    {0x003b, "AppleTalk SmartBuffered"},
    {0x003d, "Multi-Link [RFC1717]"},
    {0x003f, "NETBIOS Framing"},
    {0x0041, "Cisco Systems"},
    {0x0043, "Ascom Timeplex"},
    {0x0045, "Fujitsu Link Backup and Load Balancing (LBLB)"},
    {0x0047, "DCA Remote Lan"},
    {0x0049, "Serial Data Transport Protocol (PPP-SDTP)"},
    {0x004b, "SNA over 802.2"},
    {0x004d, "SNA"},
    {0x004f, "IPv6 Header Compression"},
    {0x0051, "KNX Bridging Data [ianp]"},
    {0x0053, "Encryption [Meyer]"},
    {0x0055, "Individual Link Encryption [Meyer]"},
    {0x0057, "Internet Protocol version 6 [Hinden]"},
    {0x0059, "PPP Muxing [RFC3153]"},
    {0x005b, "Vendor-Specific Network Protocol (VSNP) [RFC3772]"},
    {0x0061, "RTP IPHC Full Header [RFC3544]"},
    {0x0063, "RTP IPHC Compressed TCP [RFC3544]"},
    {0x0065, "RTP IPHC Compressed Non TCP [RFC3544]"},
    {0x0067, "RTP IPHC Compressed UDP 8 [RFC3544]"},
    {0x0069, "RTP IPHC Compressed RTP 8 [RFC3544]"},
    {0x006f, "Stampede Bridging"},
    {0x0071, "Reserved [Fox]"},
    {0x0073, "MP+ Protocol [Smith]"},
    {0x007d, "reserved (Control Escape) [RFC1661]"},
    {0x007f, "reserved (compression inefficient [RFC1662]"},
    {0x0081, "Reserved Until 20-Oct-2000 [IANA]"},
    {0x0083, "Reserved Until 20-Oct-2000 [IANA]"},
    {0x00c1, "NTCITS IPI [Ungar]"},
    {0x00cf, "reserved (PPP NLID)"},
    {0x00fb, "single link compression in multilink [RFC1962]"},
    {0x00fd, "compressed datagram [RFC1962]"},
    {0x00ff, "reserved (compression inefficient)"},
    {0x0201, "802.1d Hello Packets"},
    {0x0203, "IBM Source Routing BPDU"},
    {0x0205, "DEC LANBridge100 Spanning Tree"},
    {0x0207, "Cisco Discovery Protocol [Sastry]"},
    {0x0209, "Netcs Twin Routing [Korfmacher]"},
    {0x020b, "STP - Scheduled Transfer Protocol [Segal]"},
    {0x020d, "EDP - Extreme Discovery Protocol [Grosser]"},
    {0x0211, "Optical Supervisory Channel Protocol (OSCP)[Prasad]"},
    {0x0213, "Optical Supervisory Channel Protocol (OSCP)[Prasad]"},
    {0x0231, "Luxcom"},
    {0x0233, "Sigma Network Systems"},
    {0x0235, "Apple Client Server Protocol [Ridenour]"},
    {0x0281, "MPLS Unicast [RFC3032]  "},
    {0x0283, "MPLS Multicast [RFC3032]"},
    {0x0285, "IEEE p1284.4 standard - data packets [Batchelder]"},
    {0x0287, "ETSI TETRA Network Protocol Type 1 [Nieminen]"},
    {0x0289, "Multichannel Flow Treatment Protocol [McCann]"},
    {0x2063, "RTP IPHC Compressed TCP No Delta [RFC3544]"},
    {0x2065, "RTP IPHC Context State [RFC3544]"},
    {0x2067, "RTP IPHC Compressed UDP 16 [RFC3544]"},
    {0x2069, "RTP IPHC Compressed RTP 16 [RFC3544]"},
    {0x4001, "Cray Communications Control Protocol [Stage]"},
    {0x4003, "CDPD Mobile Network Registration Protocol [Quick]"},
    {0x4005, "Expand accelerator protocol [Rachmani]"},
    {0x4007, "ODSICP NCP [Arvind]"},
    {0x4009, "DOCSIS DLL [Gaedtke]"},
    {0x400b, "Cetacean Network Detection Protocol [Siller]"},
    {0x4021, "Stacker LZS [Simpson]"},
    {0x4023, "RefTek Protocol [Banfill]"},
    {0x4025, "Fibre Channel [Rajagopal]"},
    {0x4027, "EMIT Protocols [Eastham]"},
    {0x405b, "Vendor-Specific Protocol (VSP) [RFC3772]"},
    {0x8021, "Internet Protocol Control Protocol"},
    {0x8023, "OSI Network Layer Control Protocol"},
    {0x8025, "Xerox NS IDP Control Protocol"},
    {0x8027, "DECnet Phase IV Control Protocol"},
    {0x8029, "Appletalk Control Protocol"},
    {0x802b, "Novell IPX Control Protocol"},
    {0x802d, "reserved"},
    {0x802f, "reserved"},
    {0x8031, "Bridging NCP"},
    {0x8033, "Stream Protocol Control Protocol"},
    {0x8035, "Banyan Vines Control Protocol"},
    {0x8037, "reserved (until 1993)"},
    {0x8039, "reserved"},
    {0x803b, "reserved"},
    {0x803d, "Multi-Link Control Protocol"},
    {0x803f, "NETBIOS Framing Control Protocol"},
    {0x8041, "Cisco Systems Control Protocol"},
    {0x8043, "Ascom Timeplex"},
    {0x8045, "Fujitsu LBLB Control Protocol"},
    {0x8047, "DCA Remote Lan Network Control Protocol (RLNCP)"},
    {0x8049, "Serial Data Control Protocol (PPP-SDCP)"},
    {0x804b, "SNA over 802.2 Control Protocol"},
    {0x804d, "SNA Control Protocol"},
    {0x804f, "IP6 Header Compression Control Protocol"},
    {0x8051, "KNX Bridging Control Protocol [ianp]"},
    {0x8053, "Encryption Control Protocol [Meyer]"},
    {0x8055, "Individual Link Encryption Control Protocol [Meyer]"},
    {0x8057, "IPv6 Control Protovol [Hinden]"},
    {0x8059, "PPP Muxing Control Protocol [RFC3153]"},
    {0x805b, "Vendor-Specific Network Control Protocol (VSNCP) [RFC3772]"},
    {0x806f, "Stampede Bridging Control Protocol"},
    {0x8071, "Reserved [Fox]"},
    {0x8073, "MP+ Control Protocol [Smith]"},
    {0x807d, "Not Used - reserved [RFC1661]"},
    {0x8081, "Reserved Until 20-Oct-2000 [IANA]"},
    {0x8083, "Reserved Until 20-Oct-2000 [IANA]"},
    {0x80c1, "NTCITS IPI Control Protocol [Ungar]"},
    {0x80cf, "Not Used - reserved [RFC1661]"},
    {0x80fb, "single link compression in multilink control [RFC1962]"},
    {0x80fd, "Compression Control Protocol [RFC1962]"},
    {0x80ff, "Not Used - reserved [RFC1661]"},
    {0x8207, "Cisco Discovery Protocol Control [Sastry]"},
    {0x8209, "Netcs Twin Routing [Korfmacher]"},
    {0x820b, "STP - Control Protocol [Segal]"},
    {0x820d, "EDPCP - Extreme Discovery Protocol Ctrl Prtcl [Grosser]"},
    {0x8235, "Apple Client Server Protocol Control [Ridenour]"},
    {0x8281, "MPLSCP [RFC3032]"},
    {0x8285, "IEEE p1284.4 standard - Protocol Control [Batchelder]"},
    {0x8287, "ETSI TETRA TNP1 Control Protocol [Nieminen]"},
    {0x8289, "Multichannel Flow Treatment Protocol [McCann]"},
    {0xc021, "Link Control Protocol"},
    {0xc023, "Password Authentication Protocol"},
    {0xc025, "Link Quality Report"},
    {0xc027, "Shiva Password Authentication Protocol"},
    {0xc029, "CallBack Control Protocol (CBCP)"},
    {0xc02b, "BACP Bandwidth Allocation Control Protocol [RFC2125]"},
    {0xc02d, "BAP [RFC2125]"},
    {0xc05b, "Vendor-Specific Authentication Protocol (VSAP) [RFC3772]"},
    {0xc081, "Container Control Protocol [KEN]"},
    {0xc223, "Challenge Handshake Authentication Protocol"},
    {0xc225, "RSA Authentication Protocol [Narayana]"},
    {0xc227, "Extensible Authentication Protocol [RFC2284]"},
    {0xc229, "Mitsubishi Security Info Exch Ptcl (SIEP) [Seno]"},
    {0xc26f, "Stampede Bridging Authorization Protocol"},
    {0xc281, "Proprietary Authentication Protocol [KEN]"},
    {0xc283, "Proprietary Authentication Protocol [Tackabury]"},
    {0xc481, "Proprietary Node ID Authentication Protocol [KEN]"},
    {0, NULL},
};

enum { P_PROTO };

long ps_ppp_take(const uint8_t *p, size_t len, size_t off, long n, struct ps_fval *v)
{
    size_t rest = off < len ? len - off : 0;
    size_t take = n >= 0 ? ((size_t)n < rest ? (size_t)n : rest)
                         : ((size_t)-n < rest ? rest - (size_t)-n : 0);
    v->bytes = p + off;
    v->len = take;
    return (long)take;
}

/* _PPPProtoField.addfield: one byte below 0x100. A decoded value keeps
 * the wire form it was read from (v->bytes), as Scapy's dissected packet
 * keeps its bytes: 00 21 stays two bytes while the value is unchanged. */
static long proto_encode(const struct ps_layer *l, const struct ps_fval *v, uint8_t *out,
                         size_t cap)
{
    uint64_t val = v->set ? v->u : l->proto->fields[P_PROTO].def;
    size_t n = val < 0x100 ? 1 : 2;
    if (v->set && v->bytes && v->len == 2 && ps_get16(v->bytes) == val)
        n = 2;
    if (!out)
        return (long)n;
    if (cap < n)
        return -1;
    if (n == 1)
        out[0] = (uint8_t)val;
    else
        ps_put16(out, (uint16_t)val);
    return (long)n;
}

/* _PPPProtoField.getfield: one byte when its low bit is set. */
static long proto_decode(const uint8_t *p, size_t len, size_t off, const struct ps_layer *l,
                         struct ps_fval *v, struct ps_decode_room *room)
{
    (void)l;
    (void)room;
    if (off >= len)
        return -1;
    size_t n = p[off] & 1 ? 1 : 2;
    if (len - off < n)
        return -1;
    v->u = n == 1 ? p[off] : ps_get16(p + off);
    v->bytes = p + off;
    v->len = n;
    return (long)n;
}

static const struct ps_field ppp_fields[] = {
    [P_PROTO] = {.name = "proto", .kind = PS_K_UINT, .bits = 16, .def = 0x0021,
                 .enums = ps_ppp_protocols, .encode = proto_encode, .decode = proto_decode,
                 .ls_type = "_PPPProtoField", .ls_default = "33"},
};

/* bind_layers(PPPoE, PPP, code=0), (HDLC, PPP), (GRE_PPTP, PPP,
 * proto=0x880b), (L2TP, PPP) */
static const struct ps_bind ppp_binds[] = {
    {"PPPoE", "code", 0},
    {"HDLC", NULL, 0},
    {"GRE_PPTP", "proto", 0x880b},
    {"L2TP", NULL, 0},
    {NULL, NULL, 0},
};

/* dispatch_hook: a first byte 0xff is an HDLC address. */
static const char *ppp_dispatch(const uint8_t *p, size_t len)
{
    return len > 0 && p[0] == 0xff ? "HDLC" : NULL;
}

const struct ps_proto ps_proto_ppp = {
    .name = "PPP",
    .long_name = "PPP Link Layer",
    .fields = ppp_fields,
    .nfields = PS_NFIELDS(ppp_fields),
    .binds = ppp_binds,
    .dispatch = ppp_dispatch,
};

static const struct ps_field hdlc_fields[] = {
    {.name = "address", .kind = PS_K_UINT, .bits = 8, .def = 0xff, .hex = true,
     .ls_type = "XByteField", .ls_default = "255"},
    {.name = "control", .kind = PS_K_UINT, .bits = 8, .def = 0x03, .hex = true,
     .ls_type = "XByteField", .ls_default = "3"},
};

const struct ps_proto ps_proto_hdlc = {
    .name = "HDLC",
    .long_name = "HDLC",
    .fields = hdlc_fields,
    .nfields = PS_NFIELDS(hdlc_fields),
};
