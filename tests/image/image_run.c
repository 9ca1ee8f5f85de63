/* image_run [--damage] SPEC [-D NAME=VALUE]... [--junit FILE] [-k PAT] [--seed N]: compiles SPEC,
 * writes its image, frees the compiled program, loads the image, binds the
 * -D values at run time (ps_program_define) and runs it dry, as
 * `pktspec run --dry-run` would. tests/image/roundtrip.sh checks the two
 * print the same, so a node or a value the image drops shows. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "import.h"
#include "interp.h"
#include "ir_image.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0;
    *len = 0;
    for (;;) {
        if (cap - *len < 4096 && !(buf = realloc(buf, cap = cap * 2 + 4096)))
            abort();
        size_t got = fread(buf + *len, 1, cap - *len - 1, f);
        if (!got)
            break;
        *len += got;
    }
    fclose(f);
    buf[*len] = '\0';
    return buf;
}

/* Every prefix of the image is refused, and every image with one byte
 * changed is refused or loads: never a read past its end (ASan watches). */
static int damage(const uint8_t *img, size_t len)
{
    char err[512];
    int bad = 0;
    for (size_t cut = 0; cut < len; cut++) {
        uint8_t *part = malloc(cut ? cut : 1);
        memcpy(part, img, cut);
        struct ps_program *p = ps_image_read(part, cut, err, sizeof err);
        if (p) {
            fprintf(stderr, "image_run: the first %zu of %zu bytes loaded\n", cut, len);
            bad = 1;
            ps_program_free(p);
        }
        free(part);
    }
    uint8_t *copy = malloc(len);
    for (size_t at = 0; at < len; at += 3) {
        memcpy(copy, img, len);
        copy[at] ^= 0xa5;
        ps_program_free(ps_image_read(copy, len, err, sizeof err));
    }
    free(copy);
    return bad;
}

int main(int argc, char **argv)
{
    bool damaging = argc > 2 && strcmp(argv[1], "--damage") == 0;
    if (damaging) {
        argv++;
        argc--;
    }
    if (argc < 2) {
        fprintf(stderr, "usage: image_run SPEC [-D NAME=VALUE]... [--junit F] [-k P] [--seed N]\n");
        return 2;
    }
    struct ps_run_opts o = {.mode = PS_RUN_DRY, .out = stdout, .err = stderr};
    const char *defs[32];
    size_t ndefs = 0;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "-D") == 0 && ndefs < 32)
            defs[ndefs++] = argv[i + 1];
        else if (strcmp(argv[i], "--junit") == 0)
            o.junit = argv[i + 1];
        else if (strcmp(argv[i], "-k") == 0)
            o.select = argv[i + 1];
        else if (strcmp(argv[i], "--seed") == 0)
            o.seed = strtoull(argv[i + 1], NULL, 0);
    }
    struct ps_source src = {argv[1], NULL, 0};
    char *text = slurp(argv[1], &src.len);
    if (!text) {
        perror(argv[1]);
        return 2;
    }
    src.text = text;
    struct ps_srcfiles files = {calloc(1, sizeof *files.v), 1, 1};
    files.v[0] = (struct ps_srcfile){src.path, src.text, src.len, -1, 0};
    struct ps_diag d;
    ps_diag_init(&d, &src, stderr);
    d.files = &files;
    struct ast_node *ast = ps_parse(&src, &d);
    if (!d.errors)
        ps_imports(ast, &files, NULL, 0, &d);
    struct ps_program *prog = d.errors ? NULL : ps_compile(ast, &d, NULL, 0);
    ps_diag_flush(&d);
    if (!prog)
        return 2;
    uint8_t *img;
    size_t len;
    char err[512];
    if (ps_image_write(prog, &img, &len, err, sizeof err) < 0) {
        fprintf(stderr, "image_run: %s\n", err);
        return 4;
    }
    if (damaging) {
        ps_program_free(prog);
        ast_free(ast);
        ps_srcfiles_free(&files);
        free(text);
        int bad = damage(img, len);
        free(img);
        printf("%zu prefixes and %zu changed images of %s: %s\n", len, (len + 2) / 3, argv[1],
               bad ? "FAILED" : "refused or loaded, none read past the end");
        return bad;
    }
    /* Nothing of the compilation may be left for the image to lean on. */
    ps_program_free(prog);
    ast_free(ast);
    ps_srcfiles_free(&files);
    free(text);
    struct ps_program *loaded = ps_image_read(img, len, err, sizeof err);
    free(img);
    if (!loaded) {
        fprintf(stderr, "image_run: %s\n", err);
        return 4;
    }
    int status = 0;
    for (size_t i = 0; i < ndefs && !status; i++) {
        char *eq = strchr(defs[i], '=');
        if (!eq)
            return 2;
        *eq = '\0';
        if (ps_program_define(loaded, defs[i], eq + 1, err, sizeof err) < 0) {
            fprintf(stderr, "image_run: %s\n", err);
            status = 2;
        }
    }
    if (!status)
        status = ps_run(loaded, &o);
    ps_program_free(loaded);
    return status;
}
