/* Output files that never lose what was there: a regular file (or a new
 * path) is written to a temporary file beside it and renamed over it only
 * when the writer commits; a path that is not a regular file (a device, a
 * FIFO, a terminal) is written in place and never removed. Every write,
 * flush and close is checked, and the first failure is the one reported. */
#ifndef PS_OUTFILE_H
#define PS_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct ps_outfile;

/* Opens path for writing; NULL with err filled ("PATH: reason") on failure. */
struct ps_outfile *ps_outfile_open(const char *path, char *err, size_t errcap);
/* The stream to write into (the temporary file, or the target in place). */
FILE *ps_outfile_stream(struct ps_outfile *f);
/* The name the stream is open on: the temporary file's, or the target's in place. */
const char *ps_outfile_tmpname(const struct ps_outfile *f);
/* Flushes, closes and renames the temporary over the target; frees f.
 * Returns 0, or -1 with err filled (the target is then as it was). */
int ps_outfile_commit(struct ps_outfile *f, char *err, size_t errcap);
/* Gives up: removes the temporary, leaves the target as it was; frees f. */
void ps_outfile_abort(struct ps_outfile *f);
/* Writes len bytes to path through a temporary and a rename, as above. */
int ps_outfile_write_all(const char *path, const void *data, size_t len, char *err,
                         size_t errcap);
/* Whether two paths name the same existing file (device and inode). */
bool ps_same_file(const char *a, const char *b);

#endif
