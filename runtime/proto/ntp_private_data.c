/* The items of NTP mode 7 messages (scapy/layers/ntp.py NTPInfo*, NTPConf*):
 * fixed-size structures of ntpd's ntp_request.h, each a class of its own,
 * which NTPPrivate's req_data and data hold (ntp_private.c picks them by
 * request code). Tables written from Scapy 2.5's fields_desc and ls(). */
#include "packet.h"
#include "protos.h"

#define FIXED(n) \
    {.name = n, .kind = PS_K_UINT, .bits = 32, .scale = 1u << 16, .scale_held_raw = true, \
     .repr = ps_ntp_fixed16_repr, .dec_text = ps_ntp_fixed16_repr, .ls_type = "FixedPointField  (32 bits)", .ls_default = "0"}
#define TSTAMP(n) \
    {.name = n, .kind = PS_K_UINT, .bits = 64, .scale = 1ull << 32, .scale_held_raw = true, \
     .repr = ps_ntp_timestamp_repr, .dec_text = ps_ntp_timestamp_text, .none_text = "--", \
     .ls_type = "TimeStampField  (64 bits)", .ls_default = "0"}

/* Flags in the peer information returns */
static const char *const peer_flags[] = {
    "INFO_FLAG_CONFIG", "INFO_FLAG_SYSPEER", "INFO_FLAG_BURST", "INFO_FLAG_REFCLOCK",
    "INFO_FLAG_PREFER", "INFO_FLAG_AUTHENABLE", "INFO_FLAG_SEL_CANDIDATE",
    "INFO_FLAG_SHORTLIST", "INFO_FLAG_IBURST", NULL,
};
/* Flags in the system information returns */
static const char *const sys_info_flags[] = {
    "INFO_FLAG_BCLIENT", "INFO_FLAG_AUTHENTICATE", "INFO_FLAG_NTP", "INFO_FLAG_KERNEL",
    "INFO_FLAG_CAL", "INFO_FLAG_PPS_SYNC", "INFO_FLAG_MONITOR", "INFO_FLAG_FILEGEN", NULL,
};
static const char *const conf_peer_flags[] = {
    "CONF_FLAG_AUTHENABLE", "CONF_FLAG_PREFER", "CONF_FLAG_BURST", "CONF_FLAG_IBURST",
    "CONF_FLAG_NOSELECT", "CONF_FLAG_SKEY", NULL,
};
static const char *const restrict_flags[] = {
    "RES_IGNORE", "RES_DONTSERVE", "RES_DONTTRUST", "RES_VERSION", "RES_NOPEER",
    "RES_LIMITED", "RES_NOQUERY", "RES_NOMODIFY", "RES_NOTRAP", "RES_LPTRAP", "RES_KOD",
    "RES_MSSNTP", "RES_FLAKE", "RES_NOMRULIST", NULL,
};

/* NTPInfoPeerList */
static const struct ps_field info_peer_list_fields[] = {
    {.name = "addr", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField", .ls_default = "'0.0.0.0'"},
    {.name = "port", .kind = PS_K_UINT, .bits = 16, .def = 0, .ls_type = "ShortField", .ls_default = "0"},
    {.name = "hmode", .kind = PS_K_UINT, .bits = 8, .def = 0, .enums = ps_ntp_modes, .ls_type = "ByteEnumField", .ls_default = "0"},
    {.name = "flags", .kind = PS_K_UINT, .bits = 8, .def = 0, .flags = peer_flags, .ls_type = "FlagsField", .ls_default = "<Flag 0 ()>"},
    {.name = "v6_flag", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "unused1", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "addr6", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field", .ls_default = "'::'"},
};
const struct ps_proto ps_proto_ntp_info_peer_list = {
    .name = "NTPInfoPeerList",
    .long_name = "info_peer_list",
    .klass = "Packet",
    .fields = info_peer_list_fields,
    .nfields = PS_NFIELDS(info_peer_list_fields),
};

/* NTPInfoPeerSummary */
static const struct ps_field info_peer_summary_fields[] = {
    {.name = "dstaddr", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField", .ls_default = "'0.0.0.0'"},
    {.name = "srcaddr", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField", .ls_default = "'0.0.0.0'"},
    {.name = "srcport", .kind = PS_K_UINT, .bits = 16, .def = 0, .ls_type = "ShortField", .ls_default = "0"},
    {.name = "stratum", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "hpoll", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "ppoll", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "reach", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "flags", .kind = PS_K_UINT, .bits = 8, .def = 0, .flags = peer_flags, .ls_type = "FlagsField", .ls_default = "<Flag 0 ()>"},
    /* ByteField("hmode", _ntp_modes): the dict is the default (a Scapy slip) */
    {.name = "hmode", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "{0: 'reserved', 1: 'symmetric active', 2: 'symmetric passive', 3: 'client', 4: 'server', 5: 'broadcast', 6: 'NTP control message', 7: 'reserved for private use'}"},
    FIXED("delay"),
    TSTAMP("offset"),
    FIXED("dispersion"),
    {.name = "v6_flag", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "unused1", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "dstaddr6", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field", .ls_default = "'::'"},
    {.name = "srcaddr6", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field", .ls_default = "'::'"},
};
const struct ps_proto ps_proto_ntp_info_peer_summary = {
    .name = "NTPInfoPeerSummary",
    .long_name = "info_peer_summary",
    .klass = "Packet",
    .fields = info_peer_summary_fields,
    .nfields = PS_NFIELDS(info_peer_summary_fields),
};

/* NTPInfoPeerStats */
static const struct ps_field info_peer_stats_fields[] = {
    {.name = "dstaddr", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField", .ls_default = "'0.0.0.0'"},
    {.name = "srcaddr", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField", .ls_default = "'0.0.0.0'"},
    {.name = "srcport", .kind = PS_K_UINT, .bits = 16, .def = 0, .ls_type = "ShortField", .ls_default = "0"},
    {.name = "flags", .kind = PS_K_UINT, .bits = 16, .def = 0, .flags = peer_flags, .ls_type = "FlagsField", .ls_default = "<Flag 0 ()>"},
    {.name = "timereset", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "timereceived", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "timetosend", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "timereachable", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "sent", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "unused1", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "processed", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "unused2", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "badauth", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "bogusorg", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "oldpkt", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "unused3", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "unused4", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "seldisp", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "selbroken", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "unused5", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "candidate", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "unused6", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "unused7", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "unused8", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "v6_flag", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "unused9", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "dstaddr6", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field", .ls_default = "'::'"},
    {.name = "srcaddr6", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field", .ls_default = "'::'"},
};
const struct ps_proto ps_proto_ntp_info_peer_stats = {
    .name = "NTPInfoPeerStats",
    .long_name = "info_peer_stats",
    .klass = "Packet",
    .fields = info_peer_stats_fields,
    .nfields = PS_NFIELDS(info_peer_stats_fields),
};

/* NTPInfoLoop */
static const struct ps_field info_loop_fields[] = {
    TSTAMP("last_offset"),
    TSTAMP("drift_comp"),
    {.name = "compliance", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "watchdog_timer", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
};
const struct ps_proto ps_proto_ntp_info_loop = {
    .name = "NTPInfoLoop",
    .long_name = "info_loop",
    .klass = "Packet",
    .fields = info_loop_fields,
    .nfields = PS_NFIELDS(info_loop_fields),
};

/* NTPInfoSys */
static const struct ps_field info_sys_fields[] = {
    {.name = "peer", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField", .ls_default = "'0.0.0.0'"},
    {.name = "peer_mode", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "leap", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "stratum", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "precision", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    FIXED("rootdelay"),
    FIXED("rootdispersion"),
    {.name = "refid", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField", .ls_default = "0"},
    TSTAMP("reftime"),
    {.name = "poll", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "flags", .kind = PS_K_UINT, .bits = 8, .def = 0, .flags = sys_info_flags, .ls_type = "FlagsField", .ls_default = "<Flag 0 ()>"},
    {.name = "unused1", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "unused2", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "unused3", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    FIXED("bdelay"),
    FIXED("frequency"),
    TSTAMP("authdelay"),
    FIXED("stability"),
    {.name = "v6_flag", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "unused4", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "peer6", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field", .ls_default = "'::'"},
};
const struct ps_proto ps_proto_ntp_info_sys = {
    .name = "NTPInfoSys",
    .long_name = "info_sys",
    .klass = "Packet",
    .fields = info_sys_fields,
    .nfields = PS_NFIELDS(info_sys_fields),
};

/* NTPInfoSysStats */
static const struct ps_field info_sys_stats_fields[] = {
    {.name = "timeup", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "timereset", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "denied", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "oldversionpkt", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "newversionpkt", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "unknownversion", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "badlength", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "processed", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "badauth", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "received", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "limitrejected", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
};
const struct ps_proto ps_proto_ntp_info_sys_stats = {
    .name = "NTPInfoSysStats",
    .long_name = "info_sys_stats",
    .klass = "Packet",
    .fields = info_sys_stats_fields,
    .nfields = PS_NFIELDS(info_sys_stats_fields),
};

/* NTPInfoIOStats */
static const struct ps_field info_io_stats_fields[] = {
    {.name = "timereset", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "totalrecvbufs", .kind = PS_K_UINT, .bits = 16, .def = 0, .ls_type = "ShortField", .ls_default = "0"},
    {.name = "freerecvbufs", .kind = PS_K_UINT, .bits = 16, .def = 0, .ls_type = "ShortField", .ls_default = "0"},
    {.name = "fullrecvbufs", .kind = PS_K_UINT, .bits = 16, .def = 0, .ls_type = "ShortField", .ls_default = "0"},
    {.name = "lowwater", .kind = PS_K_UINT, .bits = 16, .def = 0, .ls_type = "ShortField", .ls_default = "0"},
    {.name = "dropped", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "ignored", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "received", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "sent", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "notsent", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "interrupts", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "int_received", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
};
const struct ps_proto ps_proto_ntp_info_io_stats = {
    .name = "NTPInfoIOStats",
    .long_name = "info_io_stats",
    .klass = "Packet",
    .fields = info_io_stats_fields,
    .nfields = PS_NFIELDS(info_io_stats_fields),
};

/* NTPInfoTimerStats */
static const struct ps_field info_timer_stats_fields[] = {
    {.name = "timereset", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "alarms", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "overflows", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "xmtcalls", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
};
const struct ps_proto ps_proto_ntp_info_timer_stats = {
    .name = "NTPInfoTimerStats",
    .long_name = "info_timer_stats",
    .klass = "Packet",
    .fields = info_timer_stats_fields,
    .nfields = PS_NFIELDS(info_timer_stats_fields),
};

/* StrFixedLenField("keystr", "", length=128): longer than `bits` holds. */
static bool keystr_len(const struct ps_layer *l, size_t *len)
{
    (void)l;
    *len = 128;
    return true;
}

/* NTPConfPeer */
static const struct ps_field conf_peer_fields[] = {
    {.name = "peeraddr", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField", .ls_default = "'0.0.0.0'"},
    {.name = "hmode", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "version", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "minpoll", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "maxpoll", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "flags", .kind = PS_K_UINT, .bits = 8, .def = 0, .flags = conf_peer_flags, .ls_type = "FlagsField", .ls_default = "<Flag 0 ()>"},
    {.name = "ttl", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "unused1", .kind = PS_K_UINT, .bits = 16, .def = 0, .ls_type = "ShortField", .ls_default = "0"},
    {.name = "keyid", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "keystr", .kind = PS_K_BYTES, .len_from = keystr_len, .def_text = "", .repr = ps_strfixed_repr, .ls_type = "StrFixedLenField", .ls_default = "b''"},
    {.name = "v6_flag", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "unused2", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "peeraddr6", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field", .ls_default = "'::'"},
};
const struct ps_proto ps_proto_ntp_conf_peer = {
    .name = "NTPConfPeer",
    .long_name = "conf_peer",
    .klass = "Packet",
    .fields = conf_peer_fields,
    .nfields = PS_NFIELDS(conf_peer_fields),
};

/* NTPConfUnpeer */
static const struct ps_field conf_unpeer_fields[] = {
    {.name = "peeraddr", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField", .ls_default = "'0.0.0.0'"},
    {.name = "v6_flag", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "peeraddr6", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field", .ls_default = "'::'"},
};
const struct ps_proto ps_proto_ntp_conf_unpeer = {
    .name = "NTPConfUnpeer",
    .long_name = "conf_unpeer",
    .klass = "Packet",
    .fields = conf_unpeer_fields,
    .nfields = PS_NFIELDS(conf_unpeer_fields),
};

/* NTPConfRestrict */
static const struct ps_field conf_restrict_fields[] = {
    {.name = "addr", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField", .ls_default = "'0.0.0.0'"},
    {.name = "mask", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField", .ls_default = "'0.0.0.0'"},
    {.name = "flags", .kind = PS_K_UINT, .bits = 16, .def = 0, .flags = restrict_flags, .ls_type = "FlagsField", .ls_default = "<Flag 0 ()>"},
    {.name = "m_flags", .kind = PS_K_UINT, .bits = 16, .def = 0, .ls_type = "ShortField", .ls_default = "0"},
    {.name = "v6_flag", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "addr6", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field", .ls_default = "'::'"},
    {.name = "mask6", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field", .ls_default = "'::'"},
};
const struct ps_proto ps_proto_ntp_conf_restrict = {
    .name = "NTPConfRestrict",
    .long_name = "conf_restrict",
    .klass = "Packet",
    .fields = conf_restrict_fields,
    .nfields = PS_NFIELDS(conf_restrict_fields),
};

/* NTPInfoKernel */
static const struct ps_field info_kernel_fields[] = {
    {.name = "offset", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "freq", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "maxerror", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "esterror", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "status", .kind = PS_K_UINT, .bits = 16, .def = 0, .ls_type = "ShortField", .ls_default = "0"},
    {.name = "shift", .kind = PS_K_UINT, .bits = 16, .def = 0, .ls_type = "ShortField", .ls_default = "0"},
    {.name = "constant", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "precision", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "tolerance", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "ppsfreq", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "jitter", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "stabil", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "jitcnt", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "calcnt", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "errcnt", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "stbcnt", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
};
const struct ps_proto ps_proto_ntp_info_kernel = {
    .name = "NTPInfoKernel",
    .long_name = "info_kernel",
    .klass = "Packet",
    .fields = info_kernel_fields,
    .nfields = PS_NFIELDS(info_kernel_fields),
};

/* NTPInfoMonitor1 */
static const struct ps_field info_monitor1_fields[] = {
    {.name = "lasttime", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "firsttime", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "lastdrop", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "count", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "addr", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField", .ls_default = "'0.0.0.0'"},
    {.name = "daddr", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField", .ls_default = "'0.0.0.0'"},
    {.name = "flags", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "port", .kind = PS_K_UINT, .bits = 16, .def = 0, .ls_type = "ShortField", .ls_default = "0"},
    {.name = "mode", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "version", .kind = PS_K_UINT, .bits = 8, .def = 0, .ls_type = "ByteField", .ls_default = "0"},
    {.name = "v6_flag", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "unused1", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "addr6", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field", .ls_default = "'::'"},
    {.name = "daddr6", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field", .ls_default = "'::'"},
};
const struct ps_proto ps_proto_ntp_info_monitor1 = {
    .name = "NTPInfoMonitor1",
    .long_name = "InfoMonitor1",
    .klass = "Packet",
    .fields = info_monitor1_fields,
    .nfields = PS_NFIELDS(info_monitor1_fields),
};

/* NTPInfoAuth */
static const struct ps_field info_auth_fields[] = {
    {.name = "timereset", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "numkeys", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "numfreekeys", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "keylookups", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "keynotfound", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "encryptions", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "decryptions", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "expired", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "keyuncached", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
};
const struct ps_proto ps_proto_ntp_info_auth = {
    .name = "NTPInfoAuth",
    .long_name = "info_auth",
    .klass = "Packet",
    .fields = info_auth_fields,
    .nfields = PS_NFIELDS(info_auth_fields),
};

/* NTPConfTrap */
static const struct ps_field conf_trap_fields[] = {
    {.name = "local_address", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField", .ls_default = "'0.0.0.0'"},
    {.name = "trap_address", .kind = PS_K_IPV4, .def_text = "0.0.0.0", .ls_type = "IPField", .ls_default = "'0.0.0.0'"},
    {.name = "trap_port", .kind = PS_K_UINT, .bits = 16, .def = 0, .ls_type = "ShortField", .ls_default = "0"},
    {.name = "unused", .kind = PS_K_UINT, .bits = 16, .def = 0, .ls_type = "ShortField", .ls_default = "0"},
    {.name = "v6_flag", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "local_address6", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field", .ls_default = "'::'"},
    {.name = "trap_address6", .kind = PS_K_IPV6, .def_text = "::", .ls_type = "IP6Field", .ls_default = "'::'"},
};
const struct ps_proto ps_proto_ntp_conf_trap = {
    .name = "NTPConfTrap",
    .long_name = "conf_trap",
    .klass = "Packet",
    .fields = conf_trap_fields,
    .nfields = PS_NFIELDS(conf_trap_fields),
};

/* NTPInfoControl */
static const struct ps_field info_control_fields[] = {
    {.name = "ctltimereset", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "numctlreq", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "numctlbadpkts", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "numctlresponses", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "numctlfrags", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "numctlerrors", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "numctltooshort", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "numctlinputresp", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "numctlinputfrag", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "numctlinputerr", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "numctlbadoffset", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "numctlbadversion", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "numctldatatooshort", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "numctlbadop", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
    {.name = "numasyncmsgs", .kind = PS_K_UINT, .bits = 32, .def = 0, .ls_type = "IntField", .ls_default = "0"},
};
const struct ps_proto ps_proto_ntp_info_control = {
    .name = "NTPInfoControl",
    .long_name = "info_control",
    .klass = "Packet",
    .fields = info_control_fields,
    .nfields = PS_NFIELDS(info_control_fields),
};

