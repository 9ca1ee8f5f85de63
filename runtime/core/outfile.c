/* Output files written beside their target and renamed over it on success
 * (outfile.h): a run that fails halfway leaves the old file whole. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct ps_outfile {
    FILE *stream;
    char *target;
    char *tmp;     /* NULL when writing in place */
};

static void seterr(char *err, size_t cap, const char *path, int e)
{
    if (err && cap)
        snprintf(err, cap, "%s: %s", path, strerror(e));
}

/* A regular file, or nothing yet: written through a temporary. */
static bool write_through_tmp(const char *path)
{
    struct stat st;
    if (stat(path, &st) < 0)
        return errno == ENOENT;
    return S_ISREG(st.st_mode);
}

struct ps_outfile *ps_outfile_open(const char *path, char *err, size_t errcap)
{
    struct ps_outfile *f = calloc(1, sizeof *f);
    if (!f || !(f->target = strdup(path))) {
        free(f);
        seterr(err, errcap, path, ENOMEM);
        return NULL;
    }
    if (!write_through_tmp(path)) {
        f->stream = fopen(path, "w");
        if (!f->stream) {
            seterr(err, errcap, path, errno);
            free(f->target);
            free(f);
            return NULL;
        }
        return f;
    }
    size_t n = strlen(path) + sizeof ".tmp-XXXXXX";
    f->tmp = malloc(n);
    if (!f->tmp) {
        seterr(err, errcap, path, ENOMEM);
        free(f->target);
        free(f);
        return NULL;
    }
    snprintf(f->tmp, n, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(f->tmp);
    if (fd < 0 || !(f->stream = fdopen(fd, "w"))) {
        int e = errno;
        if (fd >= 0) {
            close(fd);
            unlink(f->tmp);
        }
        seterr(err, errcap, path, e);
        free(f->tmp);
        free(f->target);
        free(f);
        return NULL;
    }
    /* mkstemp makes 0600; an output file gets the usual mode */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    return f;
}

FILE *ps_outfile_stream(struct ps_outfile *f)
{
    return f->stream;
}

const char *ps_outfile_tmpname(const struct ps_outfile *f)
{
    return f->tmp ? f->tmp : f->target;
}

static void outfile_free(struct ps_outfile *f)
{
    free(f->tmp);
    free(f->target);
    free(f);
}

int ps_outfile_commit(struct ps_outfile *f, char *err, size_t errcap)
{
    int e = 0;
    if (fflush(f->stream) != 0 || ferror(f->stream))
        e = errno ? errno : EIO;
    if (fclose(f->stream) != 0 && !e)
        e = errno ? errno : EIO;
    if (!e && f->tmp && rename(f->tmp, f->target) < 0)
        e = errno;
    if (e) {
        seterr(err, errcap, f->target, e);
        if (f->tmp)
            unlink(f->tmp);
    }
    outfile_free(f);
    return e ? -1 : 0;
}

void ps_outfile_abort(struct ps_outfile *f)
{
    fclose(f->stream);
    if (f->tmp)
        unlink(f->tmp);
    outfile_free(f);
}

int ps_outfile_write_all(const char *path, const void *data, size_t len, char *err,
                         size_t errcap)
{
    struct ps_outfile *f = ps_outfile_open(path, err, errcap);
    if (!f)
        return -1;
    if (len && fwrite(data, 1, len, f->stream) != len) {
        seterr(err, errcap, path, errno ? errno : EIO);
        ps_outfile_abort(f);
        return -1;
    }
    return ps_outfile_commit(f, err, errcap);
}

bool ps_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}
