/* --lab-peer-wait PROTO/PORT: the run starts once a server the peer's setup
 * command started in the background listens (TCP) or is bound (UDP) on
 * PORT in the peer's namespace, as its /proc/net tables say. */
#ifndef PS_LAB_WAIT_H
#define PS_LAB_WAIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ps_lab_wait {
    bool udp;
    uint16_t port;
};

/* "tcp/8080", "udp/53". Returns 0, or -1 with a message in err. */
int ps_lab_wait_parse(const char *text, struct ps_lab_wait *out, char *err, size_t errcap);
/* Whether something listens on w in this process's network namespace. */
bool ps_lab_wait_ready(const struct ps_lab_wait *w);

#endif
