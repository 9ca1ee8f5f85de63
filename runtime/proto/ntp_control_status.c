/* The status words of NTP control messages (scapy/layers/ntp.py
 * NTPStatusPacket and the system, peer, clock and error variants, 2 bytes
 * each; extract_padding leaves the rest to the message), and the peer
 * status pair a read-status of the system returns (NTPPeerStatusDataPacket). */
#include <string.h>

#include "packet.h"
#include "protos.h"

static const struct ps_enum system_statuses[] = {
    {0, "no warning"},
    {1, "last minute was 61 seconds"},
    {2, "last minute was 59 seconds"},
    {3, "alarm condition (clock not synchronized)"},
    {0, NULL},
};

static const struct ps_enum clock_sources[] = {
    {0, "unspecified or unknown"},
    {1, " Calibrated atomic clock"},
    {2, "VLF (band 4) or LF (band 5) radio"},
    {3, "HF (band 7) radio"},
    {4, "UHF (band 9) satellite"},
    {5, "local net"},
    {6, "UDP/NTP"},
    {7, "UDP/TIME"},
    {8, "eyeball-and-wristwatch"},
    {9, "telephone modem"},
    {0, NULL},
};

static const struct ps_enum system_event_codes[] = {
    {0, "unspecified"},
    {1, "system restart"},
    {2, "system or hardware fault"},
    {3, "system new status word (leap bits or synchronization change)"},
    {4, "system new synchronization source or stratum (sys.peer or sys.stratum change)"},
    {5, "system clock reset (offset correction exceeds CLOCK.MAX)"},
    {6, "system invalid time or date"},
    {7, "system clock exception"},
    {0, NULL},
};

static const struct ps_enum peer_selection[] = {
    {0, "rejected"},
    {1, "passed sanity checks"},
    {2, "passed correctness checks"},
    {3, "passed candidate checks"},
    {4, "passed outlyer checks"},
    {5, "current synchronization source; max distance exceeded"},
    {6, "current synchronization source; max distance okay"},
    {7, "reserved"},
    {0, NULL},
};

static const struct ps_enum peer_event_codes[] = {
    {0, "unspecified"},          {1, "peer IP error"},    {2, "peer authentication failure"},
    {3, "peer unreachable"},     {4, "peer reachable"},   {5, "peer clock exception"},
    {0, NULL},
};

static const struct ps_enum clock_statuses[] = {
    {0, "clock operating within nominals"},
    {1, "reply timeout"},
    {2, "bad reply format"},
    {3, "hardware or software fault"},
    {4, "propagation failure"},
    {5, "bad date format or value"},
    {6, "bad time format or value"},
    {0, NULL},
};

static const struct ps_enum error_statuses[] = {
    {0, "unspecified"},
    {1, "authentication failure"},
    {2, "invalid message length or format"},
    {3, "invalid opcode"},
    {4, "unknown association identifier"},
    {5, "unknown variable name"},
    {6, "invalid variable value"},
    {7, "administratively prohibited"},
    {0, NULL},
};

/* extract_padding: a status word is its 2 bytes, the rest is the message's. */
static bool no_payload(const struct ps_layer *l, long *len)
{
    (void)l;
    *len = 0;
    return true;
}

#define BIT(n, w) \
    {.name = n, .kind = PS_K_UINT, .bits = w, .ls_type = "BitField  (" #w " bits)", \
     .ls_default = "0"}
#define BIT1(n) \
    {.name = n, .kind = PS_K_UINT, .bits = 1, .ls_type = "BitField  (1 bit)", .ls_default = "0"}
#define BITENUM(n, w, e) \
    {.name = n, .kind = PS_K_UINT, .bits = w, .enums = e, .ls_type = "BitEnumField", \
     .ls_default = "0"}

/* Each status class is one of the kinds status_word takes. */
#define STATUS_CLASS(var, cname, lname, flds) \
    const struct ps_proto var = {.name = cname, .long_name = lname, \
                                 .klass = "NTPStatusPacket", .fields = flds, \
                                 .nfields = PS_NFIELDS(flds), .payload_len = no_payload}

static const struct ps_field status_fields[] = {
    {.name = "status", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField", .ls_default = "0"},
};
STATUS_CLASS(ps_proto_ntp_status_packet, "NTPStatusPacket", "status", status_fields);

static const struct ps_field system_fields[] = {
    BITENUM("leap_indicator", 2, system_statuses),
    BITENUM("clock_source", 6, clock_sources),
    BIT("system_event_counter", 4),
    BITENUM("system_event_code", 4, system_event_codes),
};
STATUS_CLASS(ps_proto_ntp_system_status_packet, "NTPSystemStatusPacket", "system status",
             system_fields);

static const struct ps_field peer_fields[] = {
    BIT1("configured"),
    BIT1("auth_enabled"),
    BIT1("authentic"),
    BIT1("reachability"),
    BIT1("reserved"),
    BITENUM("peer_sel", 3, peer_selection),
    BIT("peer_event_counter", 4),
    BITENUM("peer_event_code", 4, peer_event_codes),
};
STATUS_CLASS(ps_proto_ntp_peer_status_packet, "NTPPeerStatusPacket", "peer status",
             peer_fields);

static const struct ps_field clock_fields[] = {
    BITENUM("clock_status", 8, clock_statuses),
    BIT("code", 8),
};
STATUS_CLASS(ps_proto_ntp_clock_status_packet, "NTPClockStatusPacket", "clock status",
             clock_fields);

static const struct ps_field error_fields[] = {
    BITENUM("error_code", 8, error_statuses),
    BIT("reserved", 8),
};
STATUS_CLASS(ps_proto_ntp_error_status_packet, "NTPErrorStatusPacket", "error status",
             error_fields);

/* PacketField("peer_status", NTPPeerStatusPacket(), NTPPeerStatusPacket):
 * the class reads its 2 bytes and leaves the rest; of one byte, the bit
 * fields in it (do_dissect stops where the bytes end). */
static long peer_status_decode(const uint8_t *p, size_t len, size_t off,
                               const struct ps_layer *l, struct ps_fval *v,
                               struct ps_decode_room *room)
{
    (void)l;
    memset(v, 0, sizeof *v);
    size_t n = len - off < 2 ? len - off : 2;
    return ps_decode_one_element(room, &ps_proto_ntp_peer_status_packet, p + off, n, v);
}

static const struct ps_field peer_data_fields[] = {
    {.name = "association_id", .kind = PS_K_UINT, .bits = 16, .ls_type = "ShortField",
     .ls_default = "0"},
    {.name = "peer_status", .kind = PS_K_LAYERS, .chain = true, .sub_class = "NTPStatusPacket",
     .def_sub = "NTPPeerStatusPacket", .decode = peer_status_decode, .ls_type = "PacketField",
     .ls_default = "<NTPPeerStatusPacket  |>"},
};

const struct ps_proto ps_proto_ntp_peer_status_data_packet = {
    .name = "NTPPeerStatusDataPacket",
    .long_name = "data / peer status",
    .klass = "Packet",
    .fields = peer_data_fields,
    .nfields = PS_NFIELDS(peer_data_fields),
};
