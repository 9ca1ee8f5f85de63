/* libFuzzer harness over the front end, the semantic analysis and the
 * encoder: any bytes as a spec, compiled and, when it compiles, run dry with
 * every frame built and nothing printed, sent or written. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "interp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    struct ps_source src = {.path = "fuzz.pkt", .text = text, .len = size};
    FILE *sink = fopen("/dev/null", "w");
    struct ps_diag d;
    ps_diag_init(&d, &src, sink);
    struct ast_node *ast = ps_parse(&src, &d);
    struct ps_program *prog = d.errors ? NULL : ps_compile(ast, &d, NULL, 0);
    if (prog) {
        struct ps_run_opts o = {.mode = PS_RUN_DRY, .quiet = true, .no_files = true,
                                .max_steps = 20000, .out = sink, .err = sink};
        ps_run(prog, &o);
    }
    ps_program_free(prog);
    ast_free(ast);
    fclose(sink);
    free(text);
    return 0;
}
