/* The pktspec command: parse, check, and run a spec; list layers. */
#include <errno.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_test.h"
#include "compile.h"
#include "emit.h"
#include "interp.h"
#include "outfile.h"
#include "ls.h"
#include "proto/proto.h"
#include "import.h"
#include "cmd_read.h"
#include "run_cli.h"
#include "suggest.h"
#include "pktspec_git.h" /* PKTSPEC_GIT: made at build time (cmake/GitVersion.cmake) */

static const char usage[] =
    "Usage:\n"
    "  pktspec check FILE [-D NAME=VALUE]... [-I DIR]... [--format text|json|github]\n"
    "  pktspec run FILE (--dry-run | --pcap OUT | -i IFACE [--drop-kernel-rst] |\n"
    "                    --lab [--lab-peer CMD] [--lab-peer-wait PROTO/PORT]...)\n"
    "              [-D NAME=VALUE]... [-I DIR]... [--seed N] [--junit FILE] [-k PATTERN]\n"
    "              [-q | -v] [--format text|json|github] [--threads N] [--rate R]\n"
    "  pktspec test [PATH]... [-j N] [--junit FILE] [-k PATTERN] [--timeout SECONDS]\n"
    "              [-D NAME=VALUE]... [-I DIR]... [-q | -v] [--format text|json|github]\n"
    "  pktspec emit FILE -o OUT.c [-D NAME=VALUE]... [-I DIR]...\n"
    "  pktspec build FILE -o PROBE [--static] [-D NAME=VALUE]... [-I DIR]...\n"
    "  pktspec ls [--layers FILE]... [LAYER]\n"
    "  pktspec read CAPTURE [-f BPF] [-c N] [--layers FILE]...\n"
    "              [--summary | --show | --hexdump | --command | --json]\n"
    "  pktspec --help | --version\n";

static const char help[] =
    "pktspec compiles packet specs written with Scapy's layers and fields.\n"
    "\n"
    "Commands:\n"
    "  check FILE        parse and check the spec; build nothing, send nothing\n"
    "  run FILE          run the spec's statements and tests\n"
    "  test [PATH]...    run every spec under the paths (default .), each in a lab of\n"
    "                    its own, as one TAP stream\n"
    "  emit FILE         write a probe's C: the checked spec as data, for pktspec's\n"
    "                    engine (libpktspec-engine.a) to run as run does (docs/emit.md)\n"
    "  build FILE        emit a probe and compile it with $CC (default cc) and the\n"
    "                    engine: a program that needs only libc, run with run's options\n"
    "  ls [LAYER]        list the layers, or one layer's fields and defaults (Scapy's ls())\n"
    "  read CAPTURE      print the packets of a pcap or pcapng file as Scapy dissects them\n"
    "\n"
    "Options of run:\n"
    "  --dry-run         print every frame the spec would send (summary and hexdump);\n"
    "                    send nothing\n"
    "  --pcap OUT        write every frame the spec would send into the capture OUT;\n"
    "                    send nothing (needs no privilege)\n"
    "  -i IFACE          send on the interface IFACE and capture there: the frames\n"
    "                    really leave (root, or CAP_NET_RAW)\n"
    "  --lab             run in a throwaway lab (root): pktspec in a network namespace\n"
    "                    of its own (198.18.0.1, 2001:db8::1) joined by a veth pair to a\n"
    "                    peer's Linux stack (198.18.0.2, 2001:db8::2; TCP port 7 echoes);\n"
    "                    no frame reaches any other interface, and all of it is gone\n"
    "                    when the run ends, on a signal, even on SIGKILL. The kernel of\n"
    "                    pktspec's side sends no TCP RST (an nft rule drops them), so a\n"
    "                    TCP session the spec makes by hand is its own\n"
    "  --lab-peer CMD    with --lab: run the shell command CMD in the peer's namespace\n"
    "                    before the spec (nft rules, a sender in the background...);\n"
    "                    $PKTSPEC_LAB_PEER_IFACE names the peer's end of the link.\n"
    "                    A server it starts in the background (CMD &) runs for the\n"
    "                    run: every process of the peer dies with the lab\n"
    "  --lab-peer-wait PROTO/PORT  with --lab-peer: start the spec once something\n"
    "                    listens on tcp/PORT or is bound to udp/PORT in the peer\n"
    "                    (a server CMD started), up to 10 s; repeatable\n"
    "  --drop-kernel-rst with -i IFACE: for the run, an nft table (pktspec_rst_PID_N)\n"
    "                    drops the TCP RSTs this host's kernel sends out of IFACE, so a\n"
    "                    TCP session the spec makes by hand is not reset by it (the\n"
    "                    spec's own RSTs still leave); removed at the end, on an error\n"
    "                    or a signal. --lab does this in the lab by itself\n"
    "  --exec CMD ARGS   with --lab and no FILE, last: run CMD ARGS -i IFACE in the\n"
    "                    lab instead of a spec (a probe from pktspec build)\n"
    "  -D NAME=VALUE     override a param (check, emit and build too): VALUE written\n"
    "                    as in a spec, typed as the param's default; a list as [22,80]\n"
    "                    or 22,80; a string bare or in quotes (-D 'tag=\"x\"' is x).\n"
    "                    Checked, with every field it reaches, before anything is sent\n"
    "  -I DIR            look for an imported file (import \"common.pkt\") in DIR when it\n"
    "                    is not beside the file that imports it (check, emit, build too)\n"
    "  --seed N          make random values the same on every run\n"
    "  --threads N       send/sendp's threads= where a call gives none: N sockets\n"
    "                    and threads share each call's frames (0: one a core);\n"
    "                    default 1, or one a core (8 at most) for a call of\n"
    "                    1,000,000 frames or more without a rate\n"
    "  --rate R          send/sendp/sr's rate= where a call gives none, as 100kpps,\n"
    "                    1.5Mpps or 50Mbps (frame bytes, no preamble): paced by the\n"
    "                    clock, a batch at a time\n"
    "  --junit FILE      also write the tests' results as JUnit XML\n"
    "  -k PATTERN        run only the tests whose name holds PATTERN (a plain,\n"
    "                    case-sensitive substring); the others are reported as\n"
    "                    skipped (TAP # SKIP, JUnit <skipped/>), their bodies not run\n"
    "  -q                quiet: no progress and none of Scapy's lines (\"Sent 3 packets.\",\n"
    "                    dots); TAP, print() and errors stay\n"
    "  -v                more: Scapy's dots and markers even for long calls, and a\n"
    "                    progress line a second when stderr is not a terminal\n"
    "                    (a call of more than 1,000 frames is long: it prints Scapy's\n"
    "                    summary lines but no dot a frame; on a terminal, long calls\n"
    "                    and sniffs of more than 1 s show one updating line on stderr)\n"
    "  --format FMT      how spec errors and warnings are written on stderr (check,\n"
    "                    emit and build too): text (file:line:col: error: ..., the\n"
    "                    line and a caret), json (one object a line: file, line,\n"
    "                    column, end_column, severity, message, hint) or github\n"
    "                    (::error file=F,line=L,col=C,endColumn=E::message)\n"
    "\n"
    "Options of test (and -D, -I, -k, -q, -v, --format as run, passed to each\n"
    "spec's run):\n"
    "  PATH              a spec, or a folder: every .pkt under it, sorted, but those\n"
    "                    directly in a lib/ folder (imported ones) and hidden folders;\n"
    "                    a spec named here is always run. Each runs as\n"
    "                    pktspec run --lab SPEC in the current folder\n"
    "  -j N              run N specs at a time (default: the number of CPUs); the\n"
    "                    output is the same for every N: a TAP 14 subtest per spec,\n"
    "                    in path order, then '# N specs: N passed, N failed,\n"
    "                    N skipped in T s' (it counts specs)\n"
    "  --junit FILE      one JUnit file: a <testsuite> per spec, in <testsuites>\n"
    "  --timeout SECONDS a spec still running after SECONDS (default 300) is killed\n"
    "                    and is not ok; its lab goes with it\n"
    "  A spec's leading comment lines may say '# pktspec: no-lab REASON' (not run,\n"
    "  ok # SKIP), '# pktspec: lab-peer CMD' (run with --lab-peer CMD, CMD run in\n"
    "  the spec's folder) and '# pktspec: lab-peer-wait PROTO/PORT' (with\n"
    "  --lab-peer-wait). Exit status: the worst of the specs' (3 > 2 > 1 > 0).\n"
    "\n"
    "Options of emit and build:\n"
    "  -o OUT            the C file (emit) or the program (build) to write\n"
    "  -D NAME=VALUE     the param's default in the probe; the probe's own -D\n"
    "                    sets any param again when it runs\n"
    "  --static          build a statically linked probe\n"
    "  build runs $CC when it is set (split at blanks as make splits it:\n"
    "  CC='ccache gcc'), else cc\n"
    "\n"
    "Options of read:\n"
    "  -f BPF            only the packets the filter (tcpdump's syntax) matches\n"
    "  -c N              stop after N packets\n"
    "  --layers FILE     decode the layers the spec FILE declares (layer ... { },\n"
    "                    with its bind()s and what it imports), as sniff in it would;\n"
    "                    repeatable. ls takes it too, to list those layers\n"
    "  --summary         a line per packet, Scapy's summary() (the default)\n"
    "  --show            Scapy's show(): every layer and field\n"
    "  --hexdump         Scapy's hexdump() of each packet's bytes\n"
    "  --command         a pktspec expression that rebuilds each packet byte for byte\n"
    "  --json            one JSON object per line per packet:\n"
    "                      {\"packet\": 1, \"time\": 1700000000.000000, \"caplen\": 54,\n"
    "                       \"wirelen\": 54, \"linktype\": 1, \"layers\": [{\"layer\": \"Ether\",\n"
    "                       \"fields\": {\"dst\": \"02:00:00:00:00:02\", ..., \"type\": 2048}}, ...]}\n"
    "                    with the fields the packet held: integers as numbers,\n"
    "                    addresses as strings, bytes as hex strings, TCP options as\n"
    "                    [name, value] pairs, IP options as a list of layers\n"
    "  A damaged capture prints every good packet, then the error (exit 3).\n"
    "\n"
    "Nothing is sent unless the run has -i or --lab. sr() and its kin wait 2 s for\n"
    "answers when the spec gives no timeout= (Scapy would wait for ever).\n"
    "\n"
    "Exit status: 0 every expect held; 1 an expect failed; 2 a spec or usage error\n"
    "(found before anything runs, or a bad BPF filter); 3 a run-time error (also a\n"
    "capture that cannot be read).\n";

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
    struct ps_run_cli r;   /* the options of run (runtime/run/run_cli.h) */
    const char *output;    /* emit, build: -o */
    const char *incdirs[32];  /* -I DIR: where imports are searched after the file's own */
    size_t nincdirs;
    struct ps_srcfiles files; /* the spec and the files it imports */
    bool static_link;
};

static int parse_args(struct cli *c, int argc, char **argv)
{
    for (int i = 2; i < argc; i++) {
        char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        int taken = ps_run_cli_option(&c->r, argc, argv, &i);
        if (taken == 2)
            return 2;
        if (taken) {
            continue;
        } else if (strcmp(a, "-I") == 0 || (strncmp(a, "-I", 2) == 0 && a[2])) {
            const char *dir = a[2] ? a + 2 : next;
            if (!dir)
                return usage_error("%s needs a directory", a);
            if (!a[2])
                i++;
            if (c->nincdirs == sizeof c->incdirs / sizeof c->incdirs[0])
                return usage_error("too many -I options%s", "");
            c->incdirs[c->nincdirs++] = dir;
        } else if (strcmp(a, "-o") == 0) {
            if (!next)
                return usage_error("%s needs a value", a);
            c->output = argv[++i];
        } else if (strcmp(a, "--static") == 0) {
            c->static_link = true;
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option '%s'", a);
        } else if (!c->file) {
            c->file = a;
        } else {
            return usage_error("one spec file at a time ('%s' is one too many)", a);
        }
    }
    if (!c->file && !c->r.exec_argv)
        return usage_error("%s needs a spec file", c->command);
    return 0;
}

/* Parse and check; NULL after reporting errors. */
static struct ps_program *compile_file(struct cli *c, struct ps_source *src, struct ast_node **ast)
{
    if (ps_source_load(src, c->file) < 0) {
        ps_report_tool(stderr, "error", "cannot read %s: %s", c->file, strerror(errno));
        return NULL;
    }
    struct ps_diag d;
    ps_diag_init(&d, src, stderr);
    c->files.v = calloc(1, sizeof *c->files.v);
    if (!c->files.v)
        abort();
    c->files.v[0] = (struct ps_srcfile){src->path, src->text, src->len, -1, 0};
    c->files.n = c->files.cap = 1;
    d.files = &c->files;
    *ast = ps_parse(src, &d);
    if (!d.errors)
        ps_imports(*ast, &c->files, c->incdirs, c->nincdirs, &d);
    struct ps_program *prog = d.errors ? NULL : ps_compile(*ast, &d, c->r.defs, c->r.ndefs);
    ps_diag_flush(&d);
    return prog;
}

static int run_spec(struct cli *c, bool run)
{
    if (c->r.exec_argv) {
        if (!run)
            return usage_error("--exec goes with run --lab%s", "");
        if (c->file)
            return usage_error("--exec goes with --lab and no spec file%s", "");
        return ps_run_cli_exec(&c->r);
    }
    if (run && ps_run_cli_modes(&c->r))
        return 2;
    struct ps_source src = {0};
    struct ast_node *ast = NULL;
    struct ps_program *prog = compile_file(c, &src, &ast);
    int status = prog ? 0 : 2;
    if (prog && run)
        status = ps_run_cli_go(&c->r, prog);
    ps_program_free(prog);
    ast_free(ast);
    ps_srcfiles_free(&c->files);
    ps_source_free(&src);
    return status;
}

/* The engine a probe links with (libpktspec-engine.a and probe.h): in
 * engine/ beside this program in the build tree, else where cmake --install
 * put it (PKTSPEC_ENGINE_REL, relative to the program's folder). */
static int engine_dir(char *out, size_t cap)
{
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        fprintf(stderr, "pktspec: error: cannot find this program's folder: %s\n", strerror(errno));
        return -1;
    }
    self[n] = '\0';
    *strrchr(self, '/') = '\0';
    const char *tries[] = {"engine", PKTSPEC_ENGINE_REL};
    for (size_t i = 0; i < sizeof tries / sizeof *tries; i++) {
        char lib[8400];
        int len = snprintf(out, cap, "%s/%s", self, tries[i]);
        if (len < 0 || (size_t)len >= cap)
            continue;
        snprintf(lib, sizeof lib, "%.4200s/libpktspec-engine.a", out);
        if (access(lib, R_OK) == 0)
            return 0;
    }
    fprintf(stderr, "pktspec: error: no libpktspec-engine.a in %s/engine or %s/%s: pktspec "
            "build needs the engine pktspec was installed with\n", self, self, PKTSPEC_ENGINE_REL);
    return -1;
}

/* $CC (or cc) -std=c11 -O1 [-static] -o OUT SRC ENGINE -lm -lpthread: the
 * probe, built by the system's compiler with pktspec's engine. $CC may carry
 * words of its own ("ccache gcc", "clang -m32"), split at blanks as make
 * splits it. */
static int compile_probe(const char *src, const char *out, bool static_link)
{
    char dir[4200], inc[4400], lib[4400];
    if (engine_dir(dir, sizeof dir) < 0)
        return 3;
    snprintf(inc, sizeof inc, "-I%s", dir);
    snprintf(lib, sizeof lib, "%s/libpktspec-engine.a", dir);
    const char *cc_env = getenv("CC");
    if (!cc_env || cc_env[strspn(cc_env, " \t")] == '\0')
        cc_env = "cc";
    char cc[1024];
    if (strlen(cc_env) >= sizeof cc) {
        fprintf(stderr, "pktspec: error: $CC is longer than %zu bytes\n", sizeof cc - 1);
        return 3;
    }
    strcpy(cc, cc_env);
    char *argv[48];
    size_t n = 0;
    for (char *w = strtok(cc, " \t"); w; w = strtok(NULL, " \t")) {
        if (n == 32) {
            fprintf(stderr, "pktspec: error: $CC has more than 32 words\n");
            return 3;
        }
        argv[n++] = w;
    }
    /* the engine's own link flags (a sanitized build's -fsanitize=) */
    char engine_flags[] = PKTSPEC_ENGINE_LDFLAGS;
    const char *tail[] = {"-std=c11", "-O1", "-o", out, src, inc, lib, "-lm", "-lpthread",
                          static_link ? "-static" : NULL};
    for (size_t i = 0; i < sizeof tail / sizeof *tail && tail[i]; i++)
        argv[n++] = (char *)tail[i];
    for (char *w = strtok(engine_flags, " "); w && n < 46; w = strtok(NULL, " "))
        argv[n++] = w;
    argv[n] = NULL;
    pid_t pid;
    extern char **environ;
    int err = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
    if (err) {
        fprintf(stderr, "pktspec: error: cannot run %s: %s\n", argv[0], strerror(err));
        return 3;
    }
    int st;
    if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "pktspec: error: %s could not build %s\n", argv[0], out);
        return 3;
    }
    return 0;
}

/* build: cc writes the program beside -o's path (or in place, for a device),
 * and it replaces what was there only once it is whole. */
static int build_probe(const char *csrc, const char *target, bool static_link)
{
    char err[512];
    struct ps_outfile *of = ps_outfile_open(target, err, sizeof err);
    if (!of) {
        fprintf(stderr, "pktspec: error: cannot write %s\n", err);
        return 3;
    }
    const char *path = ps_outfile_tmpname(of);
    int status = compile_probe(csrc, path, static_link);
    if (status == 0 && strcmp(path, target) != 0) {
        /* a program, whatever mode the temporary was made with */
        mode_t mask = umask(0);
        umask(mask);
        if (chmod(path, 0777 & ~mask) < 0) {
            fprintf(stderr, "pktspec: error: %s: %s\n", path, strerror(errno));
            status = 3;
        }
    }
    if (status != 0) {
        ps_outfile_abort(of);
    } else if (ps_outfile_commit(of, err, sizeof err) < 0) {
        fprintf(stderr, "pktspec: error: cannot write %s\n", err);
        status = 3;
    }
    return status;
}

/* pktspec emit / build: the spec as a probe's C, or the probe itself. The
 * output replaces what was there only when it is whole (core/outfile.h). */
static int emit_spec(struct cli *c, bool build)
{
    if (!c->output)
        return usage_error("%s needs -o OUT", c->command);
    struct ps_source src = {0};
    struct ast_node *ast = NULL;
    struct ps_program *prog = compile_file(c, &src, &ast);
    int status = prog ? 0 : 2;
    char tmp[] = "/tmp/pktspec-probe-XXXXXX.c";
    char err[512];
    struct ps_outfile *of = NULL;
    bool tmp_made = false;
    if (prog && build) {
        int fd = mkstemps(tmp, 2);
        if (fd < 0) {
            fprintf(stderr, "pktspec: error: cannot make a temporary file: %s\n", strerror(errno));
            status = 3;
        } else {
            close(fd);
            tmp_made = true;
        }
    }
    if (status == 0 && !(of = ps_outfile_open(build ? tmp : c->output, err, sizeof err))) {
        fprintf(stderr, "pktspec: error: cannot write %s\n", err);
        status = 3;
    }
    if (of) {
        status = ps_emit(prog, ps_outfile_stream(of), stderr);
        if (status != 0) {
            ps_outfile_abort(of);
        } else if (ps_outfile_commit(of, err, sizeof err) < 0) {
            fprintf(stderr, "pktspec: error: cannot write %s\n", err);
            status = 3;
        }
        if (status == 0 && build)
            status = build_probe(tmp, c->output, c->static_link);
    }
    if (tmp_made)
        remove(tmp);
    ps_program_free(prog);
    ast_free(ast);
    ps_srcfiles_free(&c->files);
    ps_source_free(&src);
    return status;
}

/* --layers FILE (read, ls): the layers a spec declares, with their
 * bindings: the registry of every file's layers, which read decodes with. */
#define MAX_LAYER_FILES 16
struct layer_files {
    struct cli c[MAX_LAYER_FILES];
    struct ps_source src[MAX_LAYER_FILES];
    struct ast_node *ast[MAX_LAYER_FILES];
    struct ps_program *prog[MAX_LAYER_FILES];
    size_t n;
    const struct ps_proto **declared; /* every file's, in order */
    size_t ndeclared;
    struct ps_registry reg;
};

/* 0, or the exit status of a usage or spec error. */
static int load_layer_file(struct layer_files *l, const char *file)
{
    if (l->n == MAX_LAYER_FILES)
        return usage_error("too many --layers options%s", "");
    size_t i = l->n++;
    l->c[i] = (struct cli){.command = "read", .file = file};
    l->prog[i] = compile_file(&l->c[i], &l->src[i], &l->ast[i]);
    if (!l->prog[i])
        return 2;
    for (size_t k = 0; k < l->prog[i]->ndeclared; k++) {
        const struct ps_proto *p = l->prog[i]->declared[k];
        if (ps_registry_find(&l->reg, p->name)) {
            fprintf(stderr, "pktspec: error: %s: layer '%s' is declared by an earlier --layers "
                    "file too\n", file, p->name);
            return 2;
        }
        l->declared = realloc(l->declared, (l->ndeclared + 1) * sizeof *l->declared);
        if (!l->declared)
            abort();
        l->declared[l->ndeclared++] = p;
        ps_registry_set(&l->reg, l->declared, l->ndeclared);
    }
    return 0;
}

static void free_layer_files(struct layer_files *l)
{
    while (l->n) {
        size_t i = --l->n;
        ps_program_free(l->prog[i]);
        ast_free(l->ast[i]);
        ps_srcfiles_free(&l->c[i].files);
        ps_source_free(&l->src[i]);
    }
    ps_registry_fini(&l->reg);
    free(l->declared);
}

/* pktspec ls [--layers FILE]... [LAYER] */
static int list_layer(const struct ps_registry *reg, const char *layer);

static int list_layers(int argc, char **argv)
{
    struct layer_files *lf = calloc(1, sizeof *lf);
    if (!lf)
        abort();
    const char *layer = NULL;
    int rc = 0;
    for (int i = 2; i < argc && !rc; i++) {
        if (strcmp(argv[i], "--layers") == 0) {
            rc = i + 1 < argc ? load_layer_file(lf, argv[++i])
                              : usage_error("%s needs a spec file", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            rc = usage_error("unknown option '%s'", argv[i]);
        } else if (layer) {
            rc = usage_error("ls takes one layer at a time ('%s' is one too many)", argv[i]);
        } else {
            layer = argv[i];
        }
    }
    if (!rc)
        rc = list_layer(&lf->reg, layer);
    fflush(stdout);
    free_layer_files(lf);
    free(lf);
    return rc;
}

static int list_layer(const struct ps_registry *reg, const char *layer)
{
    size_t n = ps_registry_count(reg);
    if (!layer) {
        for (size_t i = 0; i < n; i++)
            printf("%-10s : %s\n", ps_registry_at(reg, i)->name, ps_registry_at(reg, i)->long_name);
        return 0;
    }
    const struct ps_proto *p = ps_registry_find(reg, layer);
    if (!p) {
        struct ps_suggest sg;
        ps_suggest_init(&sg, layer);
        for (size_t i = 0; i < n; i++)
            ps_suggest_offer(&sg, ps_registry_at(reg, i)->name);
        const char *best = ps_suggest_best(&sg);
        if (best)
            fprintf(stderr, "pktspec: error: no layer '%s' (did you mean '%s'?)\n", layer, best);
        else
            fprintf(stderr, "pktspec: error: no layer '%s' (pktspec ls lists them)\n", layer);
        return 2;
    }
    ps_ls_print(stdout, p);
    return 0;
}

static int read_capture_with(int argc, char **argv, struct layer_files *lf);

/* pktspec read CAPTURE [-f BPF] [-c N] [--layers FILE]... [--summary|--show|...] */
static int read_capture(int argc, char **argv)
{
    struct layer_files *lf = calloc(1, sizeof *lf);
    if (!lf)
        abort();
    int rc = read_capture_with(argc, argv, lf);
    fflush(stdout);
    free_layer_files(lf);
    free(lf);
    return rc;
}

static int read_capture_with(int argc, char **argv, struct layer_files *lf)
{
    static const struct {
        const char *flag;
        enum ps_read_mode mode;
    } modes[] = {{"--summary", PS_READ_SUMMARY}, {"--show", PS_READ_SHOW},
                 {"--hexdump", PS_READ_HEXDUMP}, {"--command", PS_READ_COMMAND},
                 {"--json", PS_READ_JSON}};
    struct ps_read_opts o = {.mode = PS_READ_SUMMARY, .out = stdout, .err = stderr};
    const char *mode_flag = NULL;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        bool known = false;
        for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
            if (strcmp(a, modes[m].flag) != 0)
                continue;
            if (mode_flag && strcmp(mode_flag, a) != 0)
                return usage_error("read prints one way at a time (%s or the other)", mode_flag);
            mode_flag = a;
            o.mode = modes[m].mode;
            known = true;
        }
        if (known)
            continue;
        if (strcmp(a, "--help") == 0) {
            printf("%s\n%s", usage, help);
            return 0;
        } else if (strcmp(a, "--layers") == 0) {
            if (i + 1 == argc)
                return usage_error("%s needs a spec file", a);
            int rc = load_layer_file(lf, argv[++i]);
            if (rc)
                return rc;
        } else if (strcmp(a, "-f") == 0 || strcmp(a, "-c") == 0) {
            if (i + 1 == argc)
                return usage_error("%s needs a value", a);
            const char *v = argv[++i];
            if (a[1] == 'f') {
                o.filter = v;
            } else {
                char *end;
                errno = 0;
                o.count = strtoul(v, &end, 10);
                if (*end || errno || !*v || v[0] == '-' || o.count == 0)
                    return usage_error("-c takes a count of packets (1 or more), not '%s'", v);
            }
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option '%s'", a);
        } else if (!o.path) {
            o.path = a;
        } else {
            return usage_error("one capture at a time ('%s' is one too many)", a);
        }
    }
    if (!o.path)
        return usage_error("read needs a capture file%s", "");
    /* Fully buffered, even on a terminal: a capture's lines are the hot path. */
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    o.layers = &lf->reg;
    return ps_read(&o);
}

/* What a command printed must have reached its output: a write error
 * there (a full disk, /dev/full) is a run-time error, reported once. */
static int stdout_checked(int status)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return status;
    fprintf(stderr, "pktspec: error: cannot write the standard output: %s\n",
            errno ? strerror(errno) : "write error");
    return status == 2 ? 2 : 3;
}

static int dispatch(int argc, char **argv);

int main(int argc, char **argv)
{
    return stdout_checked(dispatch(argc, argv));
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("a command is needed%s", "");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        printf("%s\n%s", usage, help);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("pktspec %s (%s)\n", PKTSPEC_VERSION, PKTSPEC_GIT);
        return 0;
    }
    if (strcmp(cmd, "ls") == 0)
        return list_layers(argc, argv);
    if (strcmp(cmd, "read") == 0)
        return read_capture(argc, argv);
    if (strcmp(cmd, "test") == 0)
        return ps_cmd_test(argc, argv, usage, help);
    if (strcmp(cmd, "check") == 0 || strcmp(cmd, "run") == 0 || strcmp(cmd, "emit") == 0 ||
        strcmp(cmd, "build") == 0) {
        struct cli c = {.command = cmd, .r = {.name = "pktspec", .usage = usage}};
        for (int i = 2; i < argc; i++) {
            if (strcmp(argv[i], "--help") == 0) {
                printf("%s\n%s", usage, help);
                return 0;
            }
        }
        int rc = parse_args(&c, argc, argv);
        if (!rc && c.r.run.select && strcmp(cmd, "run") != 0)
            rc = usage_error("-k goes with run and test%s", "");
        if (!rc)
            rc = ps_run_cli_check(&c.r, c.file, c.output);
        if (rc)
            return rc;
        ps_report_set_format((enum ps_diag_format)c.r.format, stderr);
        if (strcmp(cmd, "emit") == 0 || strcmp(cmd, "build") == 0)
            return emit_spec(&c, cmd[0] == 'b');
        return run_spec(&c, strcmp(cmd, "run") == 0);
    }
    return usage_error("unknown command '%s'", cmd);
}
