/* The lab's two sides: made with rtnetlink and ioctls, no tool needed. */
#include "lab.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <linux/if_link.h>
#include <linux/veth.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nlink.h"
#include "rst_guard.h"

#define PEER_STACK (512 * 1024)
#define SETUP_WAIT_MS 30000   /* the peer's side, its setup command and servers included */
#define QUIET_NS 60000000     /* the kernels' multicast reports are over by then */
#define SPEC_IFINDEX 10
#define PEER_IFINDEX 11

/* For ps_lab_kill, called from a signal handler: nothing else reaches it. */
static volatile pid_t peer_to_kill;
static volatile pid_t exec_to_kill;
static int exec_alive = -1;   /* open while the program runs: see exec_init */

static const struct ps_lab_values lab_values = {
    .self4 = {198, 18, 0, 1},
    .peer4 = {198, 18, 0, 2},
    .self6 = {0x20, 0x01, 0x0d, 0xb8, [15] = 1},
    .peer6 = {0x20, 0x01, 0x0d, 0xb8, [15] = 2},
    .self_mac = {0x02, 0, 0, 0, 0, 0x01},
    .peer_mac = {0x02, 0, 0, 0, 0, 0x02},
};

static int failf(char *err, size_t errcap, const char *fmt, const char *what, int e)
{
    snprintf(err, errcap, fmt, what, strerror(e));
    return -1;
}

/* ---- one end of the link ---------------------------------------------------- */

static void write_sysctl(const char *ifname, const char *name, const char *value)
{
    char path[128];
    snprintf(path, sizeof path, "/proc/sys/net/ipv6/conf/%s/%s", ifname, name);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return; /* a kernel without IPv6: the lab is IPv4 only */
    ssize_t n = write(fd, value, strlen(value));
    (void)n;
    close(fd);
}

static int set_up(const char *ifname, bool wait_running, char *err, size_t errcap)
{
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return failf(err, errcap, "lab: %s: %s", "socket", errno);
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", ifname);
    int rc = ioctl(fd, SIOCGIFFLAGS, &ifr);
    if (rc == 0 && !(ifr.ifr_flags & IFF_UP)) {
        ifr.ifr_flags |= IFF_UP;
        rc = ioctl(fd, SIOCSIFFLAGS, &ifr);
    }
    if (rc < 0) {
        close(fd);
        return failf(err, errcap, "lab: cannot bring %s up: %s", ifname, errno);
    }
    /* Wait for the carrier (both ends up): addresses given later are
     * announced at once, not a second later by the link watcher. */
    for (int ms = 0; wait_running && ms < 3000; ms += 2) {
        if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0 && (ifr.ifr_flags & IFF_RUNNING))
            break;
        struct timespec t = {0, 2000000};
        nanosleep(&t, NULL);
    }
    close(fd);
    return 0;
}

static int add_address(const char *ifname, int family, const uint8_t *addr, int plen,
                       char *err, size_t errcap)
{
    struct ps_nl nl;
    int e = ps_nl_open(&nl);
    if (e < 0)
        return failf(err, errcap, "lab: %s: %s", "netlink", -e);
    struct ifaddrmsg ifa = {.ifa_family = (unsigned char)family,
                            .ifa_prefixlen = (unsigned char)plen,
                            .ifa_flags = family == AF_INET6 ? IFA_F_NODAD : 0,
                            .ifa_index = if_nametoindex(ifname)};
    size_t len = family == AF_INET ? 4 : 16;
    struct ps_nlmsg m;
    ps_nl_begin(&m, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &ifa, sizeof ifa);
    ps_nl_attr(&m, IFA_LOCAL, addr, len);
    ps_nl_attr(&m, IFA_ADDRESS, addr, len);
    if (family == AF_INET) {
        uint8_t bcast[4] = {addr[0], addr[1], addr[2], 255};
        ps_nl_attr(&m, IFA_BROADCAST, bcast, 4);
    }
    e = ps_nl_talk(&nl, &m, NULL, NULL);
    ps_nl_close(&nl);
    if (e < 0 && !(family == AF_INET6 && e == -EACCES))
        return failf(err, errcap, "lab: cannot give %s its address: %s", ifname, -e);
    return 0;
}

int ps_lab_link_prepare(const char *ifname, const uint8_t ip4[4], char *err, size_t errcap)
{
    /* IPv6 stays off until the link is up; no router solicitation, no
     * duplicate address detection, multicast reports at once: a quiet link. */
    write_sysctl(ifname, "disable_ipv6", "1");
    write_sysctl(ifname, "accept_dad", "0");
    write_sysctl(ifname, "router_solicitations", "0");
    write_sysctl(ifname, "mldv1_unsolicited_report_interval", "1");
    write_sysctl(ifname, "mldv2_unsolicited_report_interval", "1");
    if (set_up("lo", false, err, errcap) < 0 ||
        add_address(ifname, AF_INET, ip4, 24, err, errcap) < 0)
        return -1;
    return set_up(ifname, false, err, errcap);
}

int ps_lab_link_finish(const char *ifname, const uint8_t ip6[16], char *err, size_t errcap)
{
    if (set_up(ifname, true, err, errcap) < 0)
        return -1;
    write_sysctl(ifname, "disable_ipv6", "0");
    char probe[128];
    snprintf(probe, sizeof probe, "/proc/sys/net/ipv6/conf/%s", ifname);
    if (access(probe, F_OK) != 0)
        return 0;
    return add_address(ifname, AF_INET6, ip6, 64, err, errcap);
}

/* ---- the veth pair ------------------------------------------------------------ */

static int make_veth(const char *name, const uint8_t mac[6], const char *peer_name,
                     const uint8_t peer_mac[6], pid_t peer_pid, char *err, size_t errcap)
{
    struct ps_nl nl;
    int e = ps_nl_open(&nl);
    if (e < 0)
        return failf(err, errcap, "lab: %s: %s", "netlink", -e);
    /* Distinct indexes: the link watcher then handles the carrier at once
     * (a veth whose peer has its own index is "urgent"), not up to 1 s later. */
    struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC, .ifi_index = SPEC_IFINDEX};
    struct ifinfomsg peer_ifi = {.ifi_family = AF_UNSPEC, .ifi_index = PEER_IFINDEX};
    struct ps_nlmsg m;
    ps_nl_begin(&m, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &ifi, sizeof ifi);
    ps_nl_attr(&m, IFLA_IFNAME, name, strlen(name) + 1);
    ps_nl_attr(&m, IFLA_ADDRESS, mac, 6);
    struct rtattr *info = ps_nl_attr(&m, IFLA_LINKINFO, NULL, 0);
    ps_nl_attr(&m, IFLA_INFO_KIND, "veth", 5);
    struct rtattr *data = ps_nl_attr(&m, IFLA_INFO_DATA, NULL, 0);
    struct rtattr *peer = ps_nl_attr(&m, VETH_INFO_PEER, &peer_ifi, sizeof peer_ifi);
    ps_nl_attr(&m, IFLA_IFNAME, peer_name, strlen(peer_name) + 1);
    ps_nl_attr(&m, IFLA_ADDRESS, peer_mac, 6);
    uint32_t pid = (uint32_t)peer_pid;
    ps_nl_attr(&m, IFLA_NET_NS_PID, &pid, sizeof pid);
    ps_nl_nest_end(&m, peer);
    ps_nl_nest_end(&m, data);
    ps_nl_nest_end(&m, info);
    e = ps_nl_talk(&nl, &m, NULL, NULL);
    ps_nl_close(&nl);
    if (e < 0)
        return failf(err, errcap, "lab: cannot make the veth pair %s: %s", name, -e);
    return 0;
}

/* ---- the lab ------------------------------------------------------------------ */

static pid_t start_peer(struct ps_lab_peer_args *args, char *err, size_t errcap)
{
    char *stack = malloc(PEER_STACK);
    if (!stack) {
        snprintf(err, errcap, "lab: out of memory");
        return -1;
    }
    fflush(NULL); /* the child must not write this process's buffers again */
    pid_t pid = clone(ps_lab_peer_main, stack + PEER_STACK,
                      CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWNS | SIGCHLD, args);
    int e = errno;
    free(stack); /* the child runs on its own copy */
    if (pid < 0) {
        if (e == EPERM)
            snprintf(err, errcap, "--lab needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN) to make "
                     "network namespaces");
        else
            failf(err, errcap, "lab: cannot make the %s's namespaces: %s", "peer", e);
    }
    return pid;
}

/* Reads the peer's one-line report. */
static int peer_report(int ack, char *err, size_t errcap)
{
    char line[512];
    size_t n = 0;
    struct pollfd p = {.fd = ack, .events = POLLIN};
    while (n + 1 < sizeof line) {
        int r = poll(&p, 1, SETUP_WAIT_MS);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            snprintf(err, errcap, "lab: the peer's side did not come up in %d s",
                     SETUP_WAIT_MS / 1000);
            return -1;
        }
        ssize_t k = read(ack, line + n, sizeof line - 1 - n);
        if (k <= 0)
            break;
        n += (size_t)k;
        if (memchr(line, '\n', n))
            break;
    }
    line[n] = '\0';
    line[strcspn(line, "\n")] = '\0';
    if (strcmp(line, "ok") == 0)
        return 0;
    snprintf(err, errcap, "%s", n ? line : "lab: the peer's side ended before it was up");
    return -1;
}

int ps_lab_create(struct ps_lab *lab, const char *peer_setup, char *err, size_t errcap)
{
    return ps_lab_create_waiting(lab, peer_setup, NULL, 0, err, errcap);
}

int ps_lab_create_waiting(struct ps_lab *lab, const char *peer_setup,
                          const struct ps_lab_wait *waits, size_t nwaits, char *err,
                          size_t errcap)
{
    memset(lab, 0, sizeof *lab);
    lab->v = lab_values;
    lab->peer = -1;
    lab->ctl = -1;
    uint32_t tag;
    if (getrandom(&tag, sizeof tag, 0) != sizeof tag)
        tag = (uint32_t)getpid() ^ (uint32_t)time(NULL);
    /* Unique to the run, though neither end is ever seen outside the lab. */
    snprintf(lab->v.iface, sizeof lab->v.iface, "ps%08xs", tag);
    snprintf(lab->peer_iface, sizeof lab->peer_iface, "ps%08xp", tag);
    int ctl[2], ack[2];
    /* A socket, not a pipe: writing to a peer that died must not SIGPIPE. */
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ctl) < 0)
        return failf(err, errcap, "lab: %s: %s", "socketpair", errno);
    if (pipe2(ack, O_CLOEXEC) < 0) {
        close(ctl[0]);
        close(ctl[1]);
        return failf(err, errcap, "lab: %s: %s", "pipe", errno);
    }
    struct ps_lab_peer_args args = {.ctl = ctl[0], .ack = ack[1], .owner = getpid(),
                                    .setup = peer_setup, .v = &lab->v,
                                    .waits = waits, .nwaits = nwaits};
    lab->peer = start_peer(&args, err, errcap);
    close(ctl[0]);
    close(ack[1]);
    lab->ctl = ctl[1];
    int rc = -1;
    if (lab->peer < 0)
        goto out;
    peer_to_kill = lab->peer;
    if (unshare(CLONE_NEWNET) < 0) {
        failf(err, errcap, "lab: cannot make the %s's namespace: %s", "spec", errno);
        goto out;
    }
    if (make_veth(lab->v.iface, lab->v.self_mac, lab->peer_iface, lab->v.peer_mac, lab->peer,
                  err, errcap) < 0)
        goto out;
    /* The peer's end exists now: let the peer set it up while this end is. */
    char go[64];
    int len = snprintf(go, sizeof go, "%s\n", lab->peer_iface);
    if (send(lab->ctl, go, (size_t)len, MSG_NOSIGNAL) != len) {
        failf(err, errcap, "lab: the %s's side is gone: %s", "peer", errno);
        goto out;
    }
    if (ps_lab_link_prepare(lab->v.iface, lab->v.self4, err, errcap) < 0 ||
        ps_lab_link_finish(lab->v.iface, lab->v.self6, err, errcap) < 0)
        goto out;
    /* Nothing on the spec's side answers for the spec: the kernel here owns
     * 198.18.0.1 but knows none of the TCP sessions the spec makes by hand,
     * so its RSTs are dropped (rst_guard.h); the table ends with the
     * namespace. Without nft the lab still runs, with the kernel's RSTs. */
    char rst_err[256];
    if (ps_rst_guard_install(lab->v.iface, rst_err, sizeof rst_err) < 0)
        fprintf(stderr, "pktspec: warning: lab: %s: the kernel of the spec's side will "
                "reset TCP sessions the spec makes by hand\n", rst_err);
    if (peer_report(ack[0], err, errcap) < 0)
        goto out;
    struct timespec quiet = {0, QUIET_NS};
    nanosleep(&quiet, NULL);
    rc = 0;
out:
    close(ack[0]);
    if (rc < 0)
        ps_lab_destroy(lab);
    return rc;
}

void ps_lab_destroy(struct ps_lab *lab)
{
    if (lab->ctl >= 0)
        close(lab->ctl);
    lab->ctl = -1;
    if (lab->peer > 0) {
        /* Its PID namespace, and every process in it, ends with it. */
        kill(lab->peer, SIGKILL);
        while (waitpid(lab->peer, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    lab->peer = -1;
    peer_to_kill = 0;
}

void ps_lab_kill(void)
{
    if (exec_to_kill > 0)
        kill(exec_to_kill, SIGKILL);
    if (peer_to_kill > 0)
        kill(peer_to_kill, SIGKILL);
}

/* ---- a program run in the lab (--exec) ------------------------------------------ */

struct exec_args {
    char **argv;
    int alive;      /* read end: EOF means the lab's process is gone */
    int alive_w;    /* this side's copy of the write end, closed first */
    int report;     /* write end: the exec's error, CLOEXEC */
};

/* The first process of the program's PID namespace: it dies with the lab's
 * process (PR_SET_PDEATHSIG), and every process in the namespace dies with
 * it, so nothing the program starts outlives the lab. */
static int exec_init(void *arg)
{
    const struct exec_args *a = arg;
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    /* Not the lab's handlers (ps_lab_kill): this side's are the defaults. */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    close(a->alive_w);
    /* The lab's process may have died before the line above. */
    struct pollfd p = {.fd = a->alive, .events = POLLIN};
    if (poll(&p, 1, 0) != 0)
        _exit(137);
    prctl(PR_SET_NAME, "pslab-exec");
    pid_t child = fork();
    if (child == 0) {
        close(a->alive);
        execvp(a->argv[0], a->argv);
        int e = errno;
        ssize_t w = write(a->report, &e, sizeof e);
        (void)w;
        _exit(127);
    }
    close(a->report);
    if (child < 0)
        _exit(127);
    /* As init: reap whatever the program leaves, until the program ends. */
    for (;;) {
        int st;
        pid_t got = wait(&st);
        if (got == child)
            _exit(WIFEXITED(st) ? WEXITSTATUS(st) : 3);
        if (got < 0 && errno != EINTR)
            _exit(127);
    }
}

pid_t ps_lab_spawn(char **argv, char *err, size_t errcap)
{
    int alive[2], report[2];
    if (pipe2(alive, O_CLOEXEC) < 0)
        return failf(err, errcap, "lab: %s: %s", "pipe", errno);
    if (pipe2(report, O_CLOEXEC) < 0) {
        close(alive[0]);
        close(alive[1]);
        return failf(err, errcap, "lab: %s: %s", "pipe", errno);
    }
    struct exec_args a = {.argv = argv, .alive = alive[0], .alive_w = alive[1],
                          .report = report[1]};
    char *stack = malloc(PEER_STACK);
    pid_t pid = -1;
    int e = ENOMEM;
    if (stack) {
        fflush(NULL);
        pid = clone(exec_init, stack + PEER_STACK, CLONE_NEWPID | SIGCHLD, &a);
        e = errno;
        free(stack);
    }
    close(alive[0]);
    close(report[1]);
    if (pid < 0) {
        close(alive[1]);
        close(report[0]);
        return failf(err, errcap, "lab: cannot start %s: %s", argv[0], e);
    }
    exec_to_kill = pid;
    /* Held open for the program's life: its EOF is this process's death. */
    exec_alive = alive[1];
    int child_errno = 0;
    ssize_t n;
    while ((n = read(report[0], &child_errno, sizeof child_errno)) < 0 && errno == EINTR)
        ;
    close(report[0]);
    if (n == (ssize_t)sizeof child_errno) {
        ps_lab_wait(pid);
        return failf(err, errcap, "cannot run %s: %s", argv[0], child_errno);
    }
    return pid;
}

int ps_lab_wait(pid_t pid)
{
    int st;
    pid_t got;
    while ((got = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
        ;
    exec_to_kill = 0;
    if (exec_alive >= 0)
        close(exec_alive);
    exec_alive = -1;
    if (got != pid)
        return 3;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 3;
}
