/* Keeps this host's kernel out of the TCP sessions a spec builds by hand.
 * The kernel owns the sending interface's address, so a SYN-ACK to a SYN the
 * spec crafted reaches a kernel that knows no such connection and answers it
 * with a RST before the spec sends its ACK. An nftables table of its own
 * (Scapy users' `iptables -A OUTPUT -p tcp --tcp-flags RST RST -j DROP`)
 * drops, in the output hook, every RST the kernel sends out of one interface.
 * The spec's own frames leave by a packet socket, which passes no netfilter
 * hook: its crafted RSTs still go out.
 *
 * In the lab the table lives in the spec's network namespace and goes with
 * it; on -i IFACE (--drop-kernel-rst) it is made for the run and removed at
 * its end, on an error and on a signal (not after SIGKILL: then
 * `nft delete table inet NAME` with the name the run printed). */
#ifndef PS_RST_GUARD_H
#define PS_RST_GUARD_H

#include <stddef.h>

/* Adds the table (named pktspec_rst_PID_RANDOM) dropping the kernel's TCP
 * RSTs out of iface. Returns 0, or -1 with a message in err (no nft, not
 * permitted). */
int ps_rst_guard_install(const char *iface, char *err, size_t errcap);
/* Removes the table, if one was added; async-signal-safe, so a signal
 * handler may call it (signals.h). */
void ps_rst_guard_remove(void);
/* The table's name, or "" when none is installed. */
const char *ps_rst_guard_table(void);

#endif
