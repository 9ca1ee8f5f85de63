#include "run_cli.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iface.h"
#include "iface_guard.h"
#include "lab.h"
#include "outfile.h"
#include "report.h"
#include "rst_guard.h"
#include "signals.h"
#include "tx.h"

int ps_run_usage_error(const struct ps_run_cli *c, const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: error: ", c->name);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s", c->usage);
    return 2;
}

static int parse_define(struct ps_run_cli *c, char *text)
{
    char *eq = strchr(text, '=');
    if (!eq || eq == text)
        return ps_run_usage_error(c, "-D takes NAME=VALUE, not '%s'", text);
    if (c->ndefs == sizeof c->defs / sizeof c->defs[0])
        return ps_run_usage_error(c, "too many -D options%s", "");
    *eq = '\0';
    c->defs[c->ndefs].name = text;
    c->defs[c->ndefs].value = eq + 1;
    c->ndefs++;
    return 0;
}

/* An option with a value: argv[*i] is "--opt", next its value. */
static int valued(struct ps_run_cli *c, const char *a, char *next)
{
    if (strcmp(a, "--pcap") == 0) {
        c->pcap = true;
        c->run.pcap_out = next;
    } else if (strcmp(a, "--junit") == 0) {
        c->run.junit = next;
    } else if (strcmp(a, "-i") == 0) {
        c->iface = next;
    } else if (strcmp(a, "-k") == 0) {
        c->run.select = next;
    } else if (strcmp(a, "-D") == 0) {
        return parse_define(c, next);
    } else if (strcmp(a, "--threads") == 0) {
        char *end;
        long t = strtol(next, &end, 10);
        if (*end || t < 0 || t > PS_TX_MAX_THREADS)
            return ps_run_usage_error(c, "--threads takes 0 (one a core) to 64, not '%s'", next);
        c->run.threads = t ? (int)t : -1;
    } else if (strcmp(a, "--rate") == 0) {
        struct ps_rate r;
        char why[160];
        if (ps_rate_parse(next, &r, why, sizeof why) < 0)
            return ps_run_usage_error(c, "--rate: %s", why);
        c->run.rate = next;
    } else if (strcmp(a, "--lab-peer") == 0) {
        c->lab_peer = next;
    } else if (strcmp(a, "--lab-peer-wait") == 0) {
        char why[160];
        if (c->nlab_waits == sizeof c->lab_waits / sizeof c->lab_waits[0])
            return ps_run_usage_error(c, "too many --lab-peer-wait options%s", "");
        if (ps_lab_wait_parse(next, &c->lab_waits[c->nlab_waits++], why, sizeof why))
            return ps_run_usage_error(c, "%s", why);
    } else { /* --seed */
        char *end;
        errno = 0;
        c->run.seed = strtoull(next, &end, 0);
        if (*end || errno || next[0] == '-')
            return ps_run_usage_error(c, "--seed takes a number, not '%s'", next);
    }
    return 0;
}

int ps_run_cli_option(struct ps_run_cli *c, int argc, char **argv, int *i)
{
    static const char *const with_value[] = {"--pcap", "--junit", "--seed", "-i", "-D", "-k",
                                             "--threads", "--rate", "--lab-peer",
                                             "--lab-peer-wait"};
    char *a = argv[*i];
    char *next = *i + 1 < argc ? argv[*i + 1] : NULL;
    for (size_t k = 0; k < sizeof with_value / sizeof *with_value; k++) {
        if (strcmp(a, with_value[k]) != 0)
            continue;
        if (!next)
            return ps_run_usage_error(c, strcmp(a, "--lab-peer-wait") == 0
                                             ? "%s needs a value (tcp/PORT or udp/PORT)"
                                             : "%s needs a value", a);
        ++*i;
        return valued(c, a, next) ? 2 : 1;
    }
    if (strcmp(a, "--dry-run") == 0) {
        c->dry = true;
    } else if (strcmp(a, "--format") == 0 || strncmp(a, "--format=", 9) == 0) {
        const char *f = a[8] == '=' ? a + 9 : next;
        if (!f)
            return ps_run_usage_error(c, "%s needs a value", a);
        if (!a[8])
            ++*i;
        if ((c->format = ps_diag_format_parse(f)) < 0)
            return ps_run_usage_error(c, "--format takes text, json or github, not '%s'", f);
    } else if (strcmp(a, "-q") == 0 || strcmp(a, "-v") == 0) {
        c->run.verbosity = a[1] == 'q' ? -1 : 1;
    } else if (strncmp(a, "-D", 2) == 0 && a[2]) {
        return parse_define(c, a + 2) ? 2 : 1;
    } else if (strcmp(a, "--lab") == 0) {
        c->lab = true;
    } else if (strcmp(a, "--drop-kernel-rst") == 0) {
        c->drop_kernel_rst = true;
    } else if (strcmp(a, "--exec") == 0) {
        if (!next)
            return ps_run_usage_error(c, "%s needs a command", a);
        c->exec_argv = argv + *i + 1;
        c->exec_argc = argc - *i - 1;
        *i = argc - 1;
    } else {
        return 0;
    }
    return 1;
}

/* The lab's params (lab_iface, lab_self...) are what the lab gives: a -D
 * cannot set them. An output that is also an input (the spec) would be
 * lost: refused before anything runs. */
int ps_run_cli_check(const struct ps_run_cli *c, const char *spec, const char *output)
{
    for (size_t i = 0; i < c->ndefs; i++) {
        if (strncmp(c->defs[i].name, "lab_", 4) == 0) {
            fprintf(stderr, "%s: error: -D %s: the lab's params are read-only (the lab "
                    "sets them)\n", c->name, c->defs[i].name);
            return 2;
        }
    }
    const char *outs[][2] = {{"--pcap", c->run.pcap_out}, {"--junit", c->run.junit},
                             {"-o", output}};
    size_t n = sizeof outs / sizeof outs[0];
    for (size_t i = 0; i < n; i++) {
        if (!outs[i][1])
            continue;
        if (spec && ps_same_file(outs[i][1], spec)) {
            fprintf(stderr, "%s: error: %s %s is the spec itself: it would be lost\n", c->name,
                    outs[i][0], outs[i][1]);
            return 2;
        }
        for (size_t j = i + 1; j < n; j++) {
            if (outs[j][1] && (strcmp(outs[i][1], outs[j][1]) == 0 ||
                               ps_same_file(outs[i][1], outs[j][1]))) {
                fprintf(stderr, "%s: error: %s and %s name the same file %s\n", c->name,
                        outs[i][0], outs[j][0], outs[i][1]);
                return 2;
            }
        }
    }
    return 0;
}

/* Environment names of the lab's values, for a program run in it with
 * --exec: it gets -i IFACE, and these give its lab_* params. */
static const char *const lab_env[] = {"PKTSPEC_LAB_IFACE", "PKTSPEC_LAB_SELF",
                                      "PKTSPEC_LAB_PEER", "PKTSPEC_LAB_SELF6",
                                      "PKTSPEC_LAB_PEER6", "PKTSPEC_LAB_SELF_MAC",
                                      "PKTSPEC_LAB_PEER_MAC"};

static void put_lab_env(const struct ps_lab_values *v)
{
    char t[7][64];
    snprintf(t[0], sizeof t[0], "%s", v->iface);
    inet_ntop(AF_INET, v->self4, t[1], sizeof t[1]);
    inet_ntop(AF_INET, v->peer4, t[2], sizeof t[2]);
    inet_ntop(AF_INET6, v->self6, t[3], sizeof t[3]);
    inet_ntop(AF_INET6, v->peer6, t[4], sizeof t[4]);
    const uint8_t *m[2] = {v->self_mac, v->peer_mac};
    for (int k = 0; k < 2; k++)
        snprintf(t[5 + k], sizeof t[5], "%02x:%02x:%02x:%02x:%02x:%02x", m[k][0], m[k][1],
                 m[k][2], m[k][3], m[k][4], m[k][5]);
    for (int k = 0; k < 7; k++)
        setenv(lab_env[k], t[k], 1);
}

static bool mac_of(const char *s, uint8_t out[6])
{
    unsigned b[6];
    char end;
    if (!s || sscanf(s, "%x:%x:%x:%x:%x:%x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5],
                     &end) != 6)
        return false;
    for (int k = 0; k < 6; k++)
        out[k] = (uint8_t)b[k];
    return true;
}

/* -i IFACE where IFACE is the lab's (the environment --exec gave): the
 * lab's values, as a run with --lab has them. */
static bool lab_from_env(const char *iface, struct ps_lab_values *v)
{
    const char *s[7];
    for (int k = 0; k < 7; k++)
        s[k] = getenv(lab_env[k]);
    if (!s[0] || strcmp(s[0], iface) != 0 || strlen(s[0]) >= sizeof v->iface)
        return false;
    memset(v, 0, sizeof *v);
    strcpy(v->iface, s[0]);
    return s[1] && inet_pton(AF_INET, s[1], v->self4) == 1 && s[2] &&
           inet_pton(AF_INET, s[2], v->peer4) == 1 && s[3] &&
           inet_pton(AF_INET6, s[3], v->self6) == 1 && s[4] &&
           inet_pton(AF_INET6, s[4], v->peer6) == 1 && mac_of(s[5], v->self_mac) &&
           mac_of(s[6], v->peer_mac);
}

int ps_run_cli_exec(struct ps_run_cli *c)
{
    if (!c->lab)
        return ps_run_usage_error(c, "--exec goes with --lab and no spec file%s", "");
    struct ps_lab lab;
    char err[512];
    if (ps_lab_create_waiting(&lab, c->lab_peer, c->lab_waits, c->nlab_waits, err,
                              sizeof err) < 0) {
        ps_report_tool(stderr, "error", "%s", err);
        return 3;
    }
    ps_signals_install(ps_lab_kill);
    put_lab_env(&lab.v);
    char **argv = calloc((size_t)c->exec_argc + 3, sizeof *argv);
    int status = 3;
    if (argv) {
        memcpy(argv, c->exec_argv, (size_t)c->exec_argc * sizeof *argv);
        argv[c->exec_argc] = "-i";
        argv[c->exec_argc + 1] = lab.v.iface;
        pid_t pid = ps_lab_spawn(argv, err, sizeof err);
        if (pid < 0)
            ps_report_tool(stderr, "error", "%s", err);
        else
            status = ps_lab_wait(pid);
        free(argv);
    }
    ps_lab_destroy(&lab);
    return status;
}

/* What the interface gives frames that leave by it: Ether.src, IP.src... */
static void env_of(const struct ps_iface *ifc, struct ps_env *env)
{
    memset(env, 0, sizeof *env);
    env->have_src_mac = ifc->has_mac;
    env->have_src_ip4 = ifc->has_ip4;
    env->have_src_ip6 = ifc->has_ip6;
    memcpy(env->src_mac, ifc->mac, 6);
    memcpy(env->src_ip4, ifc->ip4, 4);
    memcpy(env->src_ip6, ifc->ip6, 16);
}

/* A run that sends: on -i IFACE, or in a lab made for it and gone after. */
static int run_live(struct ps_run_cli *c, const struct ps_program *prog)
{
    struct ps_lab lab;
    struct ps_lab_values env_lab;
    char err[512];
    if (c->lab_peer && !c->lab)
        return ps_run_usage_error(c, "--lab-peer goes with --lab%s", "");
    if (c->nlab_waits && !c->lab_peer)
        return ps_run_usage_error(c, "--lab-peer-wait goes with --lab-peer (the command that "
                                  "starts the server)%s", "");
    if (c->drop_kernel_rst && (c->lab || !c->iface))
        return ps_run_usage_error(c, "--drop-kernel-rst goes with -i IFACE (the lab drops "
                                  "them by itself)%s", "");
    /* Before the lab or any socket: iface= may only name the run's interface. */
    if (ps_iface_guard(prog, c->lab ? NULL : c->iface, c->lab, stderr) > 0)
        return 2;
    if (c->lab) {
        if (ps_lab_create_waiting(&lab, c->lab_peer, c->lab_waits, c->nlab_waits, err,
                                  sizeof err) < 0) {
            ps_report_tool(stderr, "error", "%s", err);
            return 3;
        }
        ps_signals_install(ps_lab_kill);
        c->run.lab = &lab.v;
        c->run.iface = lab.v.iface;
    } else if (c->drop_kernel_rst) {
        /* Removed at the end, on an error, and by the signal handler. */
        if (ps_rst_guard_install(c->iface, err, sizeof err) < 0) {
            fprintf(stderr, "%s: error: %s\n", c->name, err);
            return 3;
        }
        ps_signals_install(ps_rst_guard_remove);
        c->run.iface = c->iface;
    } else {
        ps_signals_install(NULL);
        c->run.iface = c->iface;
        if (lab_from_env(c->iface, &env_lab))
            c->run.lab = &env_lab;
    }
    struct ps_iface ifc;
    int status = 3;
    if (ps_iface_get(c->run.iface, &ifc, err, sizeof err) < 0) {
        ps_report_tool(stderr, "error", "%s", err);
    } else {
        env_of(&ifc, &c->run.env);
        c->run.mode = PS_RUN_LIVE;
        c->run.out = stdout;
        c->run.err = stderr;
        status = ps_run(prog, &c->run);
    }
    fflush(NULL);
    if (c->lab)
        ps_lab_destroy(&lab);
    else if (c->drop_kernel_rst)
        ps_rst_guard_remove();
    return status;
}

int ps_run_cli_modes(const struct ps_run_cli *c)
{
    int modes = c->dry + c->pcap + (c->iface != NULL) + c->lab;
    if (modes == 0)
        return ps_run_usage_error(c, "run sends nothing unless told where: give --dry-run or "
                                  "--pcap OUT%s", "");
    if (modes > 1)
        return ps_run_usage_error(c, "choose one of --dry-run, --pcap, -i and --lab%s", "");
    return 0;
}

int ps_run_cli_go(struct ps_run_cli *c, const struct ps_program *prog)
{
    if (c->iface || c->lab)
        return run_live(c, prog);
    c->run.mode = c->pcap ? PS_RUN_PCAP : PS_RUN_DRY;
    c->run.out = stdout;
    c->run.err = stderr;
    return ps_run(prog, &c->run);
}
