/* The lab (LANGUAGE.md, --lab): two network namespaces joined by a veth
 * pair. This process moves into the spec's side (198.18.0.1, 2001:db8::1,
 * 02:00:00:00:00:01); a child it forks holds the peer's side (198.18.0.2,
 * 2001:db8::2, 02:00:00:00:00:02), where the Linux stack answers and a TCP
 * echo server listens on port 7.
 *
 * Nothing is named outside the lab: both namespaces are anonymous and live
 * only as long as their processes, and the peer's processes live in PID and
 * mount namespaces of their own whose first process dies with this one. So
 * even a SIGKILL leaves no namespace, interface, mount or process behind. */
#ifndef PS_LAB_H
#define PS_LAB_H

#include <net/if.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The lab's params (LANGUAGE.md), as a run in the lab gives them to the interpreter. */
struct ps_lab_values {
    char iface[32];
    uint8_t self4[4], peer4[4];
    uint8_t self6[16], peer6[16];
    uint8_t self_mac[6], peer_mac[6];
};

struct ps_lab {
    pid_t peer;                 /* the peer's first process */
    int ctl;                    /* the peer lives while this socket is open */
    char peer_iface[IF_NAMESIZE];
    struct ps_lab_values v;     /* the lab's params; v.iface is the spec's side */
};

/* Makes the lab and moves this process into it. `peer_setup` (may be NULL)
 * is a shell command run in the peer's namespace once it is up, before the
 * spec runs (nft rules to drop or delay, a background sender...); its
 * output goes to stderr. Returns 0, or -1 with a message in err (no
 * privilege, no kernel support, the setup failed). */
int ps_lab_create(struct ps_lab *lab, const char *peer_setup, char *err, size_t errcap);
/* The same, and the spec runs only once something listens on each of
 * waits[0..nwaits) in the peer (--lab-peer-wait tcp/8080: a server the
 * setup command started in the background), or the lab is an error. */
struct ps_lab_wait;
int ps_lab_create_waiting(struct ps_lab *lab, const char *peer_setup,
                          const struct ps_lab_wait *waits, size_t nwaits, char *err,
                          size_t errcap);
/* Ends the peer's side; this process's side ends when it exits. */
void ps_lab_destroy(struct ps_lab *lab);
/* For a signal handler: kills the peer's side at once (async-signal-safe). */
void ps_lab_kill(void);

/* Starts argv in this (the spec's) side of the lab, in a PID namespace of
 * its own whose first process dies with this one: whatever kills the lab,
 * the program and everything it started die too. Returns its pid, or -1
 * with a message in err (argv[0] cannot be run). */
pid_t ps_lab_spawn(char **argv, char *err, size_t errcap);
/* Waits for it: its exit status, 3 when it died of a signal. */
int ps_lab_wait(pid_t pid);

/* The peer's side, run in the forked child (lab_peer.c). */
struct ps_lab_peer_args {
    int ctl;                    /* its end: EOF means the lab is over */
    int ack;                    /* write end: "ok\n" or the error */
    pid_t owner;                /* the spec side's pid, for the process name */
    const char *setup;
    const struct ps_lab_wait *waits; /* what must listen before "ok" */
    size_t nwaits;
    const struct ps_lab_values *v;
};
int ps_lab_peer_main(void *args);

/* Shared by both sides: sysctls, addresses and link state of one end. */
int ps_lab_link_prepare(const char *ifname, const uint8_t ip4[4], char *err, size_t errcap);
int ps_lab_link_finish(const char *ifname, const uint8_t ip6[16], char *err, size_t errcap);

#endif
