/* Scapy's Packet._do_summary: walking down from the top, the first layer
 * whose mysummary() says something prints that in place of its class name;
 * every other layer prints its class name, but a layer of a class that
 * summary names as needed (ps_proto.summary_needs), which prints its own;
 * " / " joins them bottom-up. */
#include "print.h"

#include <string.h>

#include "strbuf.h"

static ps_mysummary_fn table_hook(const struct ps_proto *p)
{
    return p->mysummary;
}

int ps_summary(const struct ps_packet *pkt, char *out, size_t cap)
{
    return ps_summary_with(pkt, table_hook, out, cap);
}

static bool needed_by(const char *const *needs, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(needs[i], name) == 0)
            return true;
    return false;
}

int ps_summary_with(const struct ps_packet *pkt, ps_mysummary_fn (*hook_of)(const struct ps_proto *),
                    char *out, size_t cap)
{
    struct ps_strbuf b = ps_strbuf_init(out, cap);
    size_t n = pkt->n < PS_MAX_LAYERS ? pkt->n : PS_MAX_LAYERS;
    bool says[PS_MAX_LAYERS] = {false};
    const char *needs[PS_MAX_LAYERS];
    size_t nneeds = 0;
    bool found = false;

    /* From the top: the first layer whose mysummary says something, and
     * below it the layers of a class a summary said it needs. */
    for (size_t i = n; i-- > 0;) {
        const struct ps_proto *p = pkt->layers[i].proto;
        ps_mysummary_fn hook = hook_of(p);
        if (!hook || (found && !needed_by(needs, nneeds, p->name)))
            continue;
        if (hook(pkt, i, NULL, 0) > 0) {
            says[i] = found = true;
            if (p->summary_needs)
                needs[nneeds++] = p->summary_needs;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (i)
            ps_strbuf_puts(&b, " / ");
        if (!says[i]) {
            ps_strbuf_puts(&b, pkt->layers[i].proto->name);
            continue;
        }
        size_t room = b.len < b.cap ? b.cap - b.len : 0;
        int k = hook_of(pkt->layers[i].proto)(pkt, i, room ? b.p + b.len : NULL, room);
        b.len += k > 0 ? (size_t)k : 0;
    }
    return ps_strbuf_result(&b);
}
