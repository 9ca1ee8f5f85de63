/* The peer's side of the lab, in the child the lab forks into new network
 * and PID namespaces: its end of the link, a TCP echo server on port 7,
 * the setup command, and nothing else until the lab ends (the control
 * pipe closes, or this process is killed; its PID namespace goes with it). */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lab.h"
#include "lab_wait.h"

#define ECHO_PORT 7
#define MAX_CLIENTS 64
#define SETUP_LIMIT_MS 15000
#define LISTEN_LIMIT_MS 10000 /* --lab-peer-wait: a server's start-up */

static void report(int ack, const char *msg)
{
    size_t n = strlen(msg);
    ssize_t w = write(ack, msg, n);
    (void)w;
}

/* One socket for both families when the kernel has IPv6. */
static int listen_echo(void)
{
    int fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    int one = 1, zero = 0;
    if (fd >= 0) {
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        struct sockaddr_in6 a = {.sin6_family = AF_INET6, .sin6_port = htons(ECHO_PORT),
                                 .sin6_addr = IN6ADDR_ANY_INIT};
        if (bind(fd, (struct sockaddr *)&a, sizeof a) == 0 && listen(fd, 128) == 0)
            return fd;
        close(fd);
    }
    fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(ECHO_PORT)};
    if (bind(fd, (struct sockaddr *)&a, sizeof a) == 0 && listen(fd, 128) == 0)
        return fd;
    close(fd);
    return -1;
}

static void put_env(const char *name, int family, const uint8_t *addr)
{
    char text[64];
    inet_ntop(family, addr, text, sizeof text);
    setenv(name, text, 1);
}

/* Runs the setup command with /bin/sh, its output to stderr. */
static int run_setup(const char *cmd, const char *peer_iface, const struct ps_lab_values *v,
                     char *err, size_t errcap)
{
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errcap, "lab: cannot run the peer's setup: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        setenv("PKTSPEC_LAB_IFACE", v->iface, 1);
        setenv("PKTSPEC_LAB_PEER_IFACE", peer_iface, 1);
        put_env("PKTSPEC_LAB_SELF", AF_INET, v->self4);
        put_env("PKTSPEC_LAB_PEER", AF_INET, v->peer4);
        put_env("PKTSPEC_LAB_SELF6", AF_INET6, v->self6);
        put_env("PKTSPEC_LAB_PEER6", AF_INET6, v->peer6);
        dup2(2, 1);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    for (int ms = 0;; ms += 5) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            break;
        if (ms >= SETUP_LIMIT_MS) {
            kill(pid, SIGKILL);
            snprintf(err, errcap, "lab: the peer's setup command did not end in %d s",
                     SETUP_LIMIT_MS / 1000);
            return -1;
        }
        struct timespec t = {0, 5000000};
        nanosleep(&t, NULL);
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        snprintf(err, errcap, "lab: the peer's setup command failed (%s %d): %s",
                 WIFEXITED(status) ? "exit status" : "signal",
                 WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), cmd);
        return -1;
    }
    return 0;
}

/* --lab-peer-wait: each server the setup started listens, or an error. */
static int wait_listening(const struct ps_lab_peer_args *a, char *err, size_t errcap)
{
    for (size_t i = 0; i < a->nwaits; i++) {
        for (int ms = 0; !ps_lab_wait_ready(&a->waits[i]); ms += 10) {
            if (ms >= LISTEN_LIMIT_MS) {
                snprintf(err, errcap, "lab: nothing listens on %s/%u in the peer %d s after "
                         "its setup command (--lab-peer-wait)", a->waits[i].udp ? "udp" : "tcp",
                         a->waits[i].port, LISTEN_LIMIT_MS / 1000);
                return -1;
            }
            while (waitpid(-1, NULL, WNOHANG) > 0)
                ; /* a server that failed at once */
            struct timespec t = {0, 10000000};
            nanosleep(&t, NULL);
        }
    }
    return 0;
}

/* Echo what each client sends; accept, drop and reap until the pipe closes. */
static void serve(int ctl, int lfd)
{
    struct pollfd fds[2 + MAX_CLIENTS];
    size_t n = 2;
    fds[0] = (struct pollfd){.fd = ctl, .events = POLLIN};
    fds[1] = (struct pollfd){.fd = lfd, .events = POLLIN};
    for (;;) {
        while (waitpid(-1, NULL, WNOHANG) > 0)
            ; /* what the setup command left running */
        int r = poll(fds, (nfds_t)n, 200);
        if (r < 0 && errno != EINTR)
            return;
        if (r <= 0)
            continue;
        if (fds[0].revents)
            return; /* EOF or hang-up: the lab is over */
        if (fds[1].revents & POLLIN) {
            int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
            if (c >= 0 && n < 2 + MAX_CLIENTS)
                fds[n++] = (struct pollfd){.fd = c, .events = POLLIN};
            else if (c >= 0)
                close(c);
        }
        for (size_t i = 2; i < n; i++) {
            if (!fds[i].revents)
                continue;
            char buf[4096];
            ssize_t k = read(fds[i].fd, buf, sizeof buf);
            if (k > 0 && send(fds[i].fd, buf, (size_t)k, MSG_NOSIGNAL) == k)
                continue;
            if (k < 0 && (errno == EAGAIN || errno == EINTR))
                continue;
            close(fds[i].fd);
            fds[i--] = fds[--n];
        }
    }
}

int ps_lab_peer_main(void *arg)
{
    const struct ps_lab_peer_args *a = arg;
    /* Die with the spec's side, whatever kills it. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    char name[16];
    snprintf(name, sizeof name, "pslab-%d", (int)a->owner);
    prctl(PR_SET_NAME, name);
    signal(SIGINT, SIG_IGN); /* Ctrl-C is for the spec's side to handle */
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGPIPE, SIG_IGN);
    /* Its own /proc and /sys, so that what runs here sees its own processes
     * and interfaces; the mounts go with the namespace. */
    if (mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) == 0) {
        mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
        mount("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
    }
    char iface[IF_NAMESIZE + 2];
    size_t len = 0;
    /* The first line names the peer's end, once it exists; EOF: no lab. */
    while (len < sizeof iface - 1) {
        ssize_t k = read(a->ctl, iface + len, 1);
        if (k <= 0 || iface[len] == '\n')
            break;
        len++;
    }
    if (len == 0 || len >= IF_NAMESIZE)
        _exit(1);
    iface[len] = '\0';
    char err[256];
    int lfd = -1;
    if (ps_lab_link_prepare(iface, a->v->peer4, err, sizeof err) < 0 ||
        ps_lab_link_finish(iface, a->v->peer6, err, sizeof err) < 0) {
        report(a->ack, err);
        _exit(1);
    }
    if ((lfd = listen_echo()) < 0) {
        snprintf(err, sizeof err, "lab: the peer cannot listen on TCP port %d: %s", ECHO_PORT,
                 strerror(errno));
        report(a->ack, err);
        _exit(1);
    }
    if ((a->setup && run_setup(a->setup, iface, a->v, err, sizeof err) < 0) ||
        wait_listening(a, err, sizeof err) < 0) {
        report(a->ack, err);
        _exit(1);
    }
    report(a->ack, "ok\n");
    close(a->ack);
    serve(a->ctl, lfd);
    _exit(0);
}
