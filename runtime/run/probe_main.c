/* A probe's main: its image loaded, -D bound, then the run entry pktspec
 * run uses (run_cli.c), so that it prints what pktspec run prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir_image.h"
#include "probe.h"
#include "report.h"
#include "run_cli.h"
#include "coerce.h"

void ps_probe_filters_use(const struct ps_probe *p);

static const char usage_fmt[] =
    "Usage:\n"
    "  %s (--dry-run | --pcap OUT | -i IFACE [--drop-kernel-rst] |\n"
    "         --lab [--lab-peer CMD] [--lab-peer-wait PROTO/PORT]...)\n"
    "         [-D NAME=VALUE]... [--seed N] [--junit FILE] [-k PATTERN]\n"
    "         [-q | -v] [--format text|json|github] [--threads N] [--rate R]\n"
    "  %s --help\n";

static void help(FILE *out, const struct ps_probe *p, const struct ps_program *prog,
                 const char *usage)
{
    fprintf(out, "%s\nA probe built by pktspec %s from %s: it runs the spec as\n"
            "`pktspec run %s` does, with pktspec's own engine, and takes run's options\n"
            "(pktspec --help tells each): --dry-run prints every frame, --pcap OUT writes\n"
            "them into a capture (neither sends anything), -i IFACE sends there, --lab\n"
            "runs in a throwaway lab of its own (root). -D NAME=VALUE sets a param, its\n"
            "value a literal of the param's type (a list as [22,80] or 22,80).\n"
            "Exit status: 0 every expect held, 1 one failed, 2 a usage error (or a bad\n"
            "filter), 3 a run-time error.\n",
            usage, p->version, p->name, p->name);
    size_t shown = 0;
    for (size_t i = 0; i < prog->nstmts; i++) {
        const struct ps_stmt *st = prog->stmts[i];
        if (st->kind != S_BIND || !st->param || !st->expr || st->slot < 0 ||
            (size_t)st->slot >= prog->nslots)
            continue;
        fprintf(out, "%s  -D %s (%s)\n", shown++ ? "" : "\nParams:\n",
                prog->slot_names[st->slot], ps_type_name(st->expr->value.t));
    }
}

int ps_probe_main(const struct ps_probe *p, int argc, char **argv)
{
    const char *slash = argc > 0 ? strrchr(argv[0], '/') : NULL;
    const char *name = slash ? slash + 1 : argc > 0 ? argv[0] : "probe";
    char usage[1024];
    snprintf(usage, sizeof usage, usage_fmt, name, name);
    if (p->abi != PS_PROBE_ABI || strcmp(p->version, PKTSPEC_VERSION) != 0) {
        fprintf(stderr, "%s: error: built by pktspec %s (probe ABI %d), linked with the engine "
                "of pktspec %s (ABI %d): build it again\n", name, p->version, p->abi,
                PKTSPEC_VERSION, PS_PROBE_ABI);
        return 3;
    }
    ps_probe_filters_use(p);
    char err[512];
    struct ps_program *prog = ps_image_read(p->image, p->image_len, err, sizeof err);
    if (!prog) {
        fprintf(stderr, "%s: error: %s\n", name, err);
        return 3;
    }
    struct ps_run_cli *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->name = name;
    c->usage = usage;
    int rc = 0;
    for (int i = 1; i < argc && !rc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            help(stdout, p, prog, usage);
            rc = -1;
        } else if (strcmp(argv[i], "--exec") == 0) {
            rc = ps_run_usage_error(c, "--exec goes with pktspec run, not a probe%s", "");
        } else {
            int taken = ps_run_cli_option(c, argc, argv, &i);
            if (taken == 0)
                rc = ps_run_usage_error(c, argv[i][0] == '-' ? "unknown option '%s'"
                                        : "a probe takes no spec file ('%s'): its spec is in it",
                                        argv[i]);
            else if (taken == 2)
                rc = 2;
        }
    }
    if (!rc)
        rc = ps_run_cli_check(c, NULL, NULL);
    if (!rc)
        rc = ps_run_cli_modes(c);
    if (!rc)
        ps_report_set_format((enum ps_diag_format)c->format, stderr);
    for (size_t i = 0; !rc && i < c->ndefs; i++) {
        if (ps_program_define(prog, c->defs[i].name, c->defs[i].value, err, sizeof err) < 0) {
            ps_report_tool(stderr, "error", "%s", err);
            rc = 2;
        }
    }
    if (!rc)
        rc = ps_run_cli_go(c, prog);
    ps_program_free(prog);
    free(c);
    if (rc < 0)
        rc = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "%s: error: cannot write the standard output\n", name);
        return rc == 2 ? 2 : 3;
    }
    return rc;
}
