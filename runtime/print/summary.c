/* Scapy's Packet._do_summary: walking down from the top, the first layer
 * whose mysummary() says something prints that in place of its class name;
 * every other layer prints its class name; " / " joins them bottom-up.
 * (The `needed` classes a mysummary may return are not used by the layers
 * in the registry.) */
#include "print.h"

#include "strbuf.h"

static ps_mysummary_fn table_hook(const struct ps_proto *p)
{
    return p->mysummary;
}

int ps_summary(const struct ps_packet *pkt, char *out, size_t cap)
{
    return ps_summary_with(pkt, table_hook, out, cap);
}

int ps_summary_with(const struct ps_packet *pkt, ps_mysummary_fn (*hook_of)(const struct ps_proto *),
                    char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    size_t n = pkt->n < PS_MAX_LAYERS ? pkt->n : PS_MAX_LAYERS;
    size_t said = n;
    char text[256];   /* the layer's own text, kept when it fits */
    int k = 0;

    for (size_t i = n; i-- > 0;) {
        ps_mysummary_fn hook = hook_of(pkt->layers[i].proto);
        if (hook && (k = hook(pkt, i, text, sizeof text)) > 0) {
            said = i;
            break;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (i)
            ps_strbuf_puts(&b, " / ");
        if (i != said) {
            ps_strbuf_puts(&b, pkt->layers[i].proto->name);
        } else if ((size_t)k < sizeof text) {
            ps_strbuf_putn(&b, text, (size_t)k);
        } else {
            /* Longer than the scratch: asked again, into the caller's room. */
            size_t room = b.len < b.cap ? b.cap - b.len : 0;
            k = hook_of(pkt->layers[i].proto)(pkt, i, room ? b.p + b.len : NULL, room);
            b.len += k > 0 ? (size_t)k : 0;
        }
    }
    return ps_strbuf_result(&b);
}
