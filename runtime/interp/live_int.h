/* What the live path's files share (live_frames.c, live.c, live_sniff.c):
 * a call's options, its interface, and frames built for that interface. */
#ifndef PS_LIVE_INT_H
#define PS_LIVE_INT_H

#include <time.h>

#include "iface.h"
#include "interp_int.h"

#define SCAPY_VERBOSE 2 /* conf.verb */

/* A call's keyword option: its expression, or NULL when not given. */
const struct ps_expr *live_option(const struct ps_expr *e, enum ps_opt o);
/* Evaluates an integer, duration or boolean option; false when not given. */
bool live_opt_int(struct interp *in, const struct ps_expr *e, enum ps_opt o, int64_t *out);
int64_t live_opt_or(struct interp *in, const struct ps_expr *e, enum ps_opt o, int64_t def);
/* Scapy's verbose= (verb=) of a call, conf.verb when not given; 0 with -q. */
int live_verbose(struct interp *in, const struct ps_expr *e);
/* A string option, as a C string to free; NULL when not given. */
char *live_opt_text(struct interp *in, const struct ps_expr *e, enum ps_opt o);
/* The interface of a call (iface=, else the run's); false after an error. */
bool live_iface(struct interp *in, const struct ps_expr *e, struct ps_iface *ifc);

typedef bool (*frame_fn)(void *ctx, const uint8_t *frame, size_t len);
/* Every frame of a sending call's packets (v: a packet set or a list of
 * them), `passes` times over, built for ifc, each handed to fn until it
 * returns false. layer3: each gets an Ether() first (send, sr). */
bool live_frames(struct interp *in, const struct ps_expr *e, const struct ps_value *v,
                 bool layer3, uint64_t passes, const struct ps_iface *ifc, frame_fn fn,
                 void *ctx);
/* How many frames live_frames will hand over for v, `passes` times over. */
uint64_t live_frames_planned(const struct ps_value *v, uint64_t passes);
/* True when every pass over v builds the same frames: no random field. */
bool live_frames_fixed(const struct ps_value *v);
struct ps_rate;
/* The rate of a call: rate=, else --rate; false (error reported) for a
 * rate that is not one. rate is left alone when neither is given. */
bool live_rate(struct interp *in, const struct ps_expr *e, struct ps_rate *rate);
/* The packet value of a frame: from the link layer up, or (layer3: sr, whose
 * sockets hand over the layer-3 packet) from the layer above it. */
struct ps_value live_frame_value(struct interp *in, const uint8_t *f, size_t len, bool layer3,
                                 const struct timespec *ts);
/* A PT_PKTLIST named as Scapy names it ("Results", "Sniffed"...). */
struct ps_value live_pktlist(const char *name);
double live_seconds_between(const struct timespec *a, const struct timespec *b);
/* Sleeps ns, cut short by Ctrl-C in a capture. */
void live_sleep(int64_t ns);

#endif
