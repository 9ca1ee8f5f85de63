/* The mysummary() of each layer (scapy/layers/l2.py, inet.py, inet6.py),
 * for the tables' mysummary hooks; each belongs in its protocol's file.
 * Scapy builds them with sprintf("%Layer.field%"), i.e. i2repr text, which
 * ps_format_field gives. */
#include "print.h"

#include <string.h>

#include "addr.h"
#include "strbuf.h"

/* Appends sprintf("%Layer.name%") of layer idx. */
static void put_field(struct ps_strbuf *b, const struct ps_packet *pkt, size_t idx,
                      const char *name)
{
    size_t room = b->len < b->cap ? b->cap - b->len : 0;
    int k = ps_format_field(pkt, idx, name, room ? b->p + b->len : NULL, room);
    b->len += k > 0 ? (size_t)k : 0;
}

/* "%L.src% > %L.dst%" of layer idx. */
static void put_src_dst(struct ps_strbuf *b, const struct ps_packet *pkt, size_t idx)
{
    put_field(b, pkt, idx, "src");
    ps_strbuf_puts(b, " > ");
    put_field(b, pkt, idx, "dst");
}

/* isinstance(self.underlayer, Class) */
static bool under_is(const struct ps_packet *pkt, size_t idx, const char *name)
{
    return idx > 0 && strcmp(pkt->layers[idx - 1].proto->name, name) == 0;
}

/* "%src% > %dst% (%type%)" */
int ps_mysummary_ether(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    put_src_dst(&b, pkt, idx);
    ps_strbuf_puts(&b, " (");
    put_field(&b, pkt, idx, "type");
    ps_strbuf_puts(&b, ")");
    return ps_strbuf_result(&b);
}

/* On Ether: "802.1q %Ether.src% > %Ether.dst% (%Dot1Q.type%) vlan %Dot1Q.vlan%",
 * else without the addresses. */
int ps_mysummary_dot1q(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_puts(&b, "802.1q ");
    if (under_is(pkt, idx, "Ether")) {
        put_src_dst(&b, pkt, idx - 1);
        ps_strbuf_puts(&b, " ");
    }
    ps_strbuf_puts(&b, "(");
    put_field(&b, pkt, idx, "type");
    ps_strbuf_puts(&b, ") vlan ");
    put_field(&b, pkt, idx, "vlan");
    return ps_strbuf_result(&b);
}

int ps_mysummary_arp(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    uint64_t op = 0;
    (void)ps_field_uint(pkt, idx, "op", &op);
    if (op == 1) {
        ps_strbuf_puts(&b, "ARP who has ");
        put_field(&b, pkt, idx, "pdst");
        ps_strbuf_puts(&b, " says ");
        put_field(&b, pkt, idx, "psrc");
    } else if (op == 2) {
        ps_strbuf_puts(&b, "ARP is at ");
        put_field(&b, pkt, idx, "hwsrc");
        ps_strbuf_puts(&b, " says ");
        put_field(&b, pkt, idx, "psrc");
    } else {
        ps_strbuf_puts(&b, "ARP ");
        put_field(&b, pkt, idx, "op");
        ps_strbuf_puts(&b, " ");
        put_field(&b, pkt, idx, "psrc");
        ps_strbuf_puts(&b, " > ");
        put_field(&b, pkt, idx, "pdst");
    }
    return ps_strbuf_result(&b);
}

/* "%IP.src% > %IP.dst% %IP.proto%", then " frag:%i" for a fragment. */
int ps_mysummary_ip(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    uint64_t frag = 0;
    put_src_dst(&b, pkt, idx);
    ps_strbuf_puts(&b, " ");
    put_field(&b, pkt, idx, "proto");
    if (ps_field_uint(pkt, idx, "frag", &frag) && frag)
        ps_strbuf_printf(&b, " frag:%u", (unsigned)frag);
    return ps_strbuf_result(&b);
}

/* "%s > %s (%i)" % (src, dst, nh): plain values, not i2repr. */
int ps_mysummary_ipv6(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    const struct ps_layer *l = &pkt->layers[idx];
    int src = ps_field_index(l->proto, "src"), dst = ps_field_index(l->proto, "dst");
    uint64_t nh = 0;
    char text[46];
    struct ps_fval v;
    if (src >= 0 && dst >= 0) {
        ps_field_value(pkt, idx, src, &v);
        ps_format_ip6(v.addr, text);
        ps_strbuf_printf(&b, "%s > ", text);
        ps_field_value(pkt, idx, dst, &v);
        ps_format_ip6(v.addr, text);
        ps_strbuf_puts(&b, text);
    }
    (void)ps_field_uint(pkt, idx, "nh", &nh);
    ps_strbuf_printf(&b, " (%u)", (unsigned)nh);
    return ps_strbuf_result(&b);
}

/* "<NAME> %IP.src%:%NAME.sport% > %IP.dst%:%NAME.dport%" on IP (or IPv6),
 * "<NAME> %NAME.sport% > %NAME.dport%" on anything else. */
static void put_ports(struct ps_strbuf *b, const struct ps_packet *pkt, size_t idx,
                      const char *name)
{
    bool on_ip = under_is(pkt, idx, "IP") || under_is(pkt, idx, "IPv6");
    ps_strbuf_printf(b, "%s ", name);
    if (on_ip) {
        put_field(b, pkt, idx - 1, "src");
        ps_strbuf_puts(b, ":");
    }
    put_field(b, pkt, idx, "sport");
    ps_strbuf_puts(b, " > ");
    if (on_ip) {
        put_field(b, pkt, idx - 1, "dst");
        ps_strbuf_puts(b, ":");
    }
    put_field(b, pkt, idx, "dport");
}

/* ... then " %TCP.flags%" */
int ps_mysummary_tcp(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    put_ports(&b, pkt, idx, "TCP");
    ps_strbuf_puts(&b, " ");
    put_field(&b, pkt, idx, "flags");
    return ps_strbuf_result(&b);
}

int ps_mysummary_udp(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    put_ports(&b, pkt, idx, "UDP");
    return ps_strbuf_result(&b);
}

/* On IP: "ICMP %IP.src% > %IP.dst% %ICMP.type% %ICMP.code%", else without
 * the addresses. */
int ps_mysummary_icmp(const struct ps_packet *pkt, size_t idx, char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    ps_strbuf_puts(&b, "ICMP ");
    if (under_is(pkt, idx, "IP")) {
        put_src_dst(&b, pkt, idx - 1);
        ps_strbuf_puts(&b, " ");
    }
    put_field(&b, pkt, idx, "type");
    ps_strbuf_puts(&b, " ");
    put_field(&b, pkt, idx, "code");
    return ps_strbuf_result(&b);
}
