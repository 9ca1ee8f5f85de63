/* nft runs as a program: one table made from a ruleset on its standard
 * input, deleted by its name. */
#include "rst_guard.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* What the removal needs, ready before any signal: a handler only forks,
 * execs and waits. */
static char nft_path[256];
static char table[64];
static char *delete_argv[] = {"nft", "delete", "table", "inet", table, NULL};
static volatile sig_atomic_t installed;

static bool find_nft(void)
{
    const char *path = getenv("PATH");
    char dirs[4096];
    snprintf(dirs, sizeof dirs, "%s:/usr/sbin:/sbin", path ? path : "");
    for (char *save = NULL, *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
        snprintf(nft_path, sizeof nft_path, "%s/nft", *d ? d : ".");
        if (access(nft_path, X_OK) == 0)
            return true;
    }
    nft_path[0] = '\0';
    return false;
}

/* Runs nft with argv, `input` on its standard input (NULL: /dev/null), its
 * messages to stderr; its exit status, or -1. Async-signal-safe when input
 * is NULL. */
static int run_nft(char *const argv[], const char *input)
{
    int in[2] = {-1, -1};
    if (input && pipe2(in, O_CLOEXEC) < 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        int fd = input ? in[0] : open("/dev/null", O_RDONLY);
        if (fd >= 0)
            dup2(fd, 0);
        dup2(2, 1);
        execv(nft_path, argv);
        _exit(127);
    }
    if (input) {
        close(in[0]);
        if (pid > 0) {
            size_t n = strlen(input);
            ssize_t w = write(in[1], input, n);
            (void)w;
        }
        close(in[1]);
    }
    if (pid < 0)
        return -1;
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int ps_rst_guard_install(const char *iface, char *err, size_t errcap)
{
    if (installed)
        return 0;
    if (!find_nft()) {
        snprintf(err, errcap, "dropping the kernel's TCP RSTs needs nft (Debian: nftables), "
                 "not found in PATH, /usr/sbin or /sbin");
        return -1;
    }
    uint32_t tag;
    if (getrandom(&tag, sizeof tag, 0) != sizeof tag)
        tag = (uint32_t)time(NULL);
    snprintf(table, sizeof table, "pktspec_rst_%d_%08x", (int)getpid(), tag);
    char rules[512];
    /* Quoted: an interface name may hold characters nft would parse. */
    snprintf(rules, sizeof rules,
             "table inet %s {\n"
             "  chain out {\n"
             "    type filter hook output priority 0; policy accept;\n"
             "    oifname \"%s\" tcp flags & rst == rst drop\n"
             "  }\n"
             "}\n", table, iface);
    char *add_argv[] = {"nft", "-f", "-", NULL};
    /* Set first: a signal during nft's run removes what it may have made. */
    installed = 1;
    int rc = run_nft(add_argv, rules);
    if (rc != 0) {
        installed = 0;
        snprintf(err, errcap, "cannot add the nft table %s dropping the kernel's TCP RSTs "
                 "on %s (nft %s %d)", table, iface, rc < 0 ? "failed:" : "exit status",
                 rc < 0 ? errno : rc);
        table[0] = '\0';
        return -1;
    }
    return 0;
}

void ps_rst_guard_remove(void)
{
    if (!installed)
        return;
    installed = 0;
    run_nft(delete_argv, NULL);
}

const char *ps_rst_guard_table(void)
{
    return installed ? table : "";
}
