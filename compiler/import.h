/* import "FILE": a spec's files, and the statements of the files it imports
 * spliced into its program before sema, so that their layers, params and
 * bindings are in scope and compiled into a probe like the spec's own. */
#ifndef PS_IMPORT_H
#define PS_IMPORT_H

#include "ast.h"
#include "diag.h"

/* Replaces each `import` of prog (the parsed text of files->v[0]) by the
 * statements of the file it names, once per file, searched beside the
 * importing file and then in dirs; imported files join files (their locs
 * name them). Reports through d a file not found, a cycle, an imported
 * statement that runs, and a name defined in two files. */
void ps_imports(struct ast_node *prog, struct ps_srcfiles *files, const char *const *dirs,
                size_t ndirs, struct ps_diag *d);
/* Frees what ps_imports added to files (v[0] stays the caller's). */
void ps_srcfiles_free(struct ps_srcfiles *files);

#endif
