/* The ports TCP, UDP and SCTP compare in answers(). */
#include "packet.h"
#include "protos.h"

enum ps_answer ps_ports_answer(const struct ps_packet *reply, size_t r,
                               const struct ps_packet *query, size_t q,
                               const struct ps_proto *layer, const struct ps_proto *error,
                               bool swapped)
{
    if (q >= query->n || (query->layers[q].proto != layer && query->layers[q].proto != error))
        return PS_ANSWER_NO;
    const struct ps_layer *self = &reply->layers[r], *other = &query->layers[q];
    uint64_t sport = ps_layer_uint(self, 0), dport = ps_layer_uint(self, 1);
    uint64_t want_sport = ps_layer_uint(other, swapped ? 1 : 0);
    uint64_t want_dport = ps_layer_uint(other, swapped ? 0 : 1);
    return sport == want_sport && dport == want_dport ? PS_ANSWER_YES : PS_ANSWER_NO;
}
