/* Scapy's idioms that need the run: raw(p), flags.S, r.time and
 * s.sent_time. In a recording (a probe) they take constants only: on what
 * comes from the wire the probe refuses them, at their place. */
#include <math.h>
#include <string.h>

#include "coerce.h"
#include "interp_int.h"
#include "proto/proto.h"

/* raw(p), bytes(p): the packet's bytes as built (or as they came). */
struct ps_value interp_idiom_raw(struct interp *in, const struct ps_expr *e)
{
    struct ps_value v = interp_eval(in, e->args[0]);
    struct ps_value out = {.t = PT_NONE};
    if (v.t == PT_WIRE) /* an answer in a run that sends nothing */
        return v;
    if (v.t == PT_STR || v.t == PT_BYTES) {
        out = ps_val_bytes(PT_BYTES, v.obj->bytes, v.obj->len);
    } else if (v.t == PT_PKT) {
        long len = v.obj->frame ? (long)v.obj->frame_len : interp_build(in, &v.obj->pkt, 0, e->loc);
        if (len >= 0)
            out = ps_val_bytes(PT_BYTES, v.obj->frame ? v.obj->frame : in->frame, (size_t)len);
    } else {
        interp_error(in, e->loc, "raw() takes a packet, not %s", ps_type_name(v.t));
    }
    ps_val_release(&v);
    return out;
}

static struct ps_value flag_bit(struct interp *in, const struct ps_expr *e, struct ps_value v)
{
    uint64_t bits = e->value.u;
    if (v.t != PT_INT || !v.field || !v.field->flags) {
        interp_error(in, e->loc, ".%s asks a flags field about a flag, not %s", e->name,
                     ps_type_name(v.t));
        return (struct ps_value){.t = PT_NONE};
    }
    const char *bad = NULL;
    if (!bits && (!ps_flags_parse(v.field, e->name, &bits, &bad) || !bits)) {
        interp_error(in, e->loc, "'%s' is not a flag of %s", e->name, v.field->name);
        return (struct ps_value){.t = PT_NONE};
    }
    return ps_val_int(PT_BOOL, (v.u & bits) == bits);
}

static struct ps_value packet_time(struct interp *in, const struct ps_expr *e, struct ps_value v)
{
    bool sent = strcmp(e->name, "sent_time") == 0;
    if (v.t != PT_PKT) {
        interp_error(in, e->loc, "%s is a packet's, not %s's", e->name, ps_type_name(v.t));
        return (struct ps_value){.t = PT_NONE};
    }
    /* A packet that neither came nor left (built by the spec) has no time;
     * nor has Scapy's sent_time before the packet was sent (None). */
    if (!v.obj->frame || v.obj->time <= 0 || (sent && v.obj->rtt >= 0))
        return (struct ps_value){.t = PT_NONE};
    return ps_val_int(PT_DUR, (uint64_t)llround(v.obj->time * 1e9));
}

struct ps_value interp_idiom_method(struct interp *in, const struct ps_expr *e)
{
    struct ps_value v = interp_eval(in, e->args[0]);
    if (v.t == PT_WIRE)
        return v;
    struct ps_value out = e->builtin == B_FLAGBIT ? flag_bit(in, e, v) : packet_time(in, e, v);
    ps_val_release(&v);
    return out;
}
