/* The pktspec command: parse, check, and run a spec; list layers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "interp.h"
#include "ls.h"
#include "proto/proto.h"
#include "suggest.h"

static const char usage[] =
    "Usage:\n"
    "  pktspec check FILE [-D NAME=VALUE]...\n"
    "  pktspec run FILE (--dry-run | --pcap OUT) [-D NAME=VALUE]... [--seed N] [--junit FILE]\n"
    "  pktspec ls [LAYER]\n"
    "  pktspec --help | --version\n";

static const char help[] =
    "pktspec compiles packet specs written with Scapy's layers and fields.\n"
    "\n"
    "Commands:\n"
    "  check FILE        parse and check the spec; build nothing, send nothing\n"
    "  run FILE          run the spec's statements and tests\n"
    "  ls [LAYER]        list the layers, or one layer's fields and defaults (Scapy's ls())\n"
    "\n"
    "Options of run:\n"
    "  --dry-run         print every frame the spec would send (summary and hexdump);\n"
    "                    send nothing\n"
    "  --pcap OUT        write every frame the spec would send into the capture OUT;\n"
    "                    send nothing (needs no privilege)\n"
    "  -D NAME=VALUE     override a param; checked against the param's type (check too)\n"
    "  --seed N          make random values the same on every run\n"
    "  --junit FILE      also write the tests' results as JUnit XML\n"
    "\n"
    "Nothing is ever sent without a named interface or a lab. This version sends\n"
    "nothing at all: a run needs --dry-run or --pcap.\n"
    "\n"
    "Exit status: 0 every expect held; 1 an expect failed; 2 a spec or usage error\n"
    "(found before anything runs); 3 a run-time error.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "pktspec: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s", usage);
    return 2;
}

struct cli {
    const char *command;
    const char *file;
    struct ps_define defs[64];
    size_t ndefs;
    struct ps_run_opts run;
    bool dry, pcap;
    const char *iface;
    bool lab;
};

static int parse_define(struct cli *c, char *text)
{
    char *eq = strchr(text, '=');
    if (!eq || eq == text)
        return usage_error("-D takes NAME=VALUE, not '%s'", text);
    if (c->ndefs == sizeof c->defs / sizeof c->defs[0])
        return usage_error("too many -D options%s", "");
    *eq = '\0';
    c->defs[c->ndefs].name = text;
    c->defs[c->ndefs].value = eq + 1;
    c->ndefs++;
    return 0;
}

static int parse_args(struct cli *c, int argc, char **argv)
{
    for (int i = 2; i < argc; i++) {
        char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--dry-run") == 0) {
            c->dry = true;
        } else if (strcmp(a, "--pcap") == 0 || strcmp(a, "--junit") == 0 ||
                   strcmp(a, "--seed") == 0 || strcmp(a, "-i") == 0 || strcmp(a, "-D") == 0) {
            if (!next)
                return usage_error("%s needs a value", a);
            i++;
            if (strcmp(a, "--pcap") == 0) {
                c->pcap = true;
                c->run.pcap_out = next;
            } else if (strcmp(a, "--junit") == 0) {
                c->run.junit = next;
            } else if (strcmp(a, "-i") == 0) {
                c->iface = next;
            } else if (strcmp(a, "-D") == 0) {
                if (parse_define(c, argv[i]))
                    return 2;
            } else {
                char *end;
                errno = 0;
                c->run.seed = strtoull(next, &end, 0);
                if (*end || errno || next[0] == '-')
                    return usage_error("--seed takes a number, not '%s'", next);
            }
        } else if (strncmp(a, "-D", 2) == 0 && a[2]) {
            if (parse_define(c, a + 2))
                return 2;
        } else if (strcmp(a, "--lab") == 0) {
            c->lab = true;
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option '%s'", a);
        } else if (!c->file) {
            c->file = a;
        } else {
            return usage_error("one spec file at a time ('%s' is one too many)", a);
        }
    }
    if (!c->file)
        return usage_error("%s needs a spec file", c->command);
    return 0;
}

/* Parse and check; NULL after reporting errors. */
static struct ps_program *compile_file(struct cli *c, struct ps_source *src, struct ast_node **ast)
{
    if (ps_source_load(src, c->file) < 0) {
        fprintf(stderr, "pktspec: error: cannot read %s: %s\n", c->file, strerror(errno));
        return NULL;
    }
    struct ps_diag d;
    ps_diag_init(&d, src, stderr);
    *ast = ps_parse(src, &d);
    if (d.errors)
        return NULL;
    return ps_compile(*ast, &d, c->defs, c->ndefs);
}

static int run_spec(struct cli *c, bool run)
{
    if (run) {
        int modes = c->dry + c->pcap + (c->iface != NULL) + c->lab;
        if (modes == 0)
            return usage_error("run sends nothing unless told where: give --dry-run or "
                               "--pcap OUT%s", "");
        if (modes > 1)
            return usage_error("choose one of --dry-run, --pcap, -i and --lab%s", "");
    }
    struct ps_source src = {0};
    struct ast_node *ast = NULL;
    struct ps_program *prog = compile_file(c, &src, &ast);
    int status = prog ? 0 : 2;
    if (prog && run && (c->iface || c->lab)) {
        fprintf(stderr, "pktspec: error: this version cannot send yet (%s): use --dry-run or "
                "--pcap OUT\n", c->lab ? "--lab" : "-i");
        status = 3;
    } else if (prog && run) {
        c->run.mode = c->pcap ? PS_RUN_PCAP : PS_RUN_DRY;
        c->run.out = stdout;
        c->run.err = stderr;
        status = ps_run(prog, &c->run);
    }
    ps_program_free(prog);
    ast_free(ast);
    ps_source_free(&src);
    return status;
}

static int list_layers(int argc, char **argv)
{
    size_t n;
    const struct ps_proto *const *all = ps_proto_all(&n);
    if (argc < 3) {
        for (size_t i = 0; i < n; i++)
            printf("%-10s : %s\n", all[i]->name, all[i]->long_name);
        return 0;
    }
    if (argc > 3)
        return usage_error("ls takes one layer at a time ('%s' is one too many)", argv[3]);
    const struct ps_proto *p = ps_proto_find(argv[2]);
    if (!p) {
        struct ps_suggest sg;
        ps_suggest_init(&sg, argv[2]);
        for (size_t i = 0; i < n; i++)
            ps_suggest_offer(&sg, all[i]->name);
        const char *best = ps_suggest_best(&sg);
        if (best)
            fprintf(stderr, "pktspec: error: no layer '%s' (did you mean '%s'?)\n", argv[2], best);
        else
            fprintf(stderr, "pktspec: error: no layer '%s' (pktspec ls lists them)\n", argv[2]);
        return 2;
    }
    ps_ls_print(stdout, p);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("a command is needed%s", "");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        printf("%s\n%s", usage, help);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("pktspec %s\n", PKTSPEC_VERSION);
        return 0;
    }
    if (strcmp(cmd, "ls") == 0)
        return list_layers(argc, argv);
    if (strcmp(cmd, "check") == 0 || strcmp(cmd, "run") == 0) {
        struct cli c = {.command = cmd};
        for (int i = 2; i < argc; i++) {
            if (strcmp(argv[i], "--help") == 0) {
                printf("%s\n%s", usage, help);
                return 0;
            }
        }
        int rc = parse_args(&c, argc, argv);
        if (rc)
            return rc;
        return run_spec(&c, strcmp(cmd, "run") == 0);
    }
    return usage_error("unknown command '%s'", cmd);
}
