/* runtime/core/outfile: a target is replaced only when the new file is
 * whole; a device is written in place and never removed; two paths to one
 * file are seen as one. Device nodes are made in a temporary directory
 * (mknod, root only): the real /dev/null is never at risk. */
#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "outfile.h"

static char dir[] = "/tmp/pktspec-outfile-XXXXXX";

static const char *at(const char *name)
{
    static char path[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
    return path[k];
}

static void put_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs(text, f);
    fclose(f);
}

static char *slurp(const char *path)
{
    static char buf[4096];
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Files in dir other than the ones the test made: a temporary left behind. */
static int leftovers(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strstr(e->d_name, ".tmp-") != NULL;
    closedir(d);
    return n;
}

static bool make_node(const char *path, unsigned minor)
{
    return mknod(path, S_IFCHR | 0666, makedev(1, minor)) == 0;
}

static void test_new_file(void)
{
    char err[256];
    CU_ASSERT_EQUAL(ps_outfile_write_all(at("new"), "hello\n", 6, err, sizeof err), 0);
    CU_ASSERT_STRING_EQUAL(slurp(at("new")), "hello\n");
    struct stat st;
    mode_t mask = umask(0);
    umask(mask);
    CU_ASSERT_EQUAL(stat(at("new"), &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 0777, 0666 & ~mask);
    CU_ASSERT_EQUAL(leftovers(), 0);
}

static void test_replace_on_commit_only(void)
{
    char err[256];
    put_file(at("old"), "old contents\n");
    struct ps_outfile *f = ps_outfile_open(at("old"), err, sizeof err);
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_STRING_NOT_EQUAL(ps_outfile_tmpname(f), at("old"));
    fputs("new contents\n", ps_outfile_stream(f));
    fflush(ps_outfile_stream(f));
    /* Before the commit, the target is untouched. */
    CU_ASSERT_STRING_EQUAL(slurp(at("old")), "old contents\n");
    CU_ASSERT_EQUAL(ps_outfile_commit(f, err, sizeof err), 0);
    CU_ASSERT_STRING_EQUAL(slurp(at("old")), "new contents\n");
    CU_ASSERT_EQUAL(leftovers(), 0);
}

static void test_abort_keeps_old(void)
{
    char err[256];
    put_file(at("kept"), "kept\n");
    struct ps_outfile *f = ps_outfile_open(at("kept"), err, sizeof err);
    CU_ASSERT_FATAL(f != NULL);
    fputs("half a file", ps_outfile_stream(f));
    ps_outfile_abort(f);
    CU_ASSERT_STRING_EQUAL(slurp(at("kept")), "kept\n");
    CU_ASSERT_EQUAL(leftovers(), 0);
}

/* A commit whose data cannot be written (over RLIMIT_FSIZE here) fails,
 * names the target, and leaves the old file whole. */
static void test_failed_commit_keeps_old(void)
{
    char err[256] = "";
    put_file(at("big"), "the old file, whole\n");
    struct rlimit old, small = {.rlim_cur = 64};
    getrlimit(RLIMIT_FSIZE, &old);
    small.rlim_max = old.rlim_max;
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
    CU_ASSERT_FATAL(setrlimit(RLIMIT_FSIZE, &small) == 0);
    struct ps_outfile *f = ps_outfile_open(at("big"), err, sizeof err);
    CU_ASSERT_FATAL(f != NULL);
    for (int i = 0; i < 100; i++)
        fputs("more than the limit allows, ", ps_outfile_stream(f));
    int rc = ps_outfile_commit(f, err, sizeof err);
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, prev);
    CU_ASSERT_EQUAL(rc, -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, at("big")));
    CU_ASSERT_STRING_EQUAL(slurp(at("big")), "the old file, whole\n");
    CU_ASSERT_EQUAL(leftovers(), 0);
}

static void test_device_in_place_never_removed(void)
{
    char err[256];
    if (!make_node(at("null"), 3)) {
        fprintf(stderr, "(mknod: %s: device cases not run) ", strerror(errno));
        return;
    }
    struct ps_outfile *f = ps_outfile_open(at("null"), err, sizeof err);
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_STRING_EQUAL(ps_outfile_tmpname(f), at("null"));
    fputs("gone", ps_outfile_stream(f));
    ps_outfile_abort(f);
    struct stat st;
    CU_ASSERT_EQUAL(stat(at("null"), &st), 0);
    CU_ASSERT_TRUE(S_ISCHR(st.st_mode));
    CU_ASSERT_EQUAL(ps_outfile_write_all(at("null"), "x", 1, err, sizeof err), 0);
    CU_ASSERT_EQUAL(stat(at("null"), &st), 0);
    CU_ASSERT_TRUE(S_ISCHR(st.st_mode));
    CU_ASSERT_EQUAL(leftovers(), 0);
}

static void test_full_device_fails_once_kept(void)
{
    char err[256] = "";
    if (!make_node(at("full"), 7))
        return;
    CU_ASSERT_EQUAL(ps_outfile_write_all(at("full"), "x", 1, err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, strerror(ENOSPC)));
    struct stat st;
    CU_ASSERT_EQUAL(stat(at("full"), &st), 0);
    CU_ASSERT_TRUE(S_ISCHR(st.st_mode));
}

static void test_fifo_in_place(void)
{
    char err[256];
    CU_ASSERT_FATAL(mkfifo(at("fifo"), 0600) == 0);
    int rd = open(at("fifo"), O_RDONLY | O_NONBLOCK);
    CU_ASSERT_FATAL(rd >= 0);
    CU_ASSERT_EQUAL(ps_outfile_write_all(at("fifo"), "through", 7, err, sizeof err), 0);
    char buf[16] = "";
    CU_ASSERT_EQUAL(read(rd, buf, sizeof buf), 7);
    CU_ASSERT_EQUAL(memcmp(buf, "through", 7), 0);
    close(rd);
    struct stat st;
    CU_ASSERT_EQUAL(stat(at("fifo"), &st), 0);
    CU_ASSERT_TRUE(S_ISFIFO(st.st_mode));
}

static void test_open_fails_cleanly(void)
{
    char err[256] = "";
    CU_ASSERT_PTR_NULL(ps_outfile_open(at("no/such/dir"), err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "no/such/dir"));
}

static void test_same_file(void)
{
    put_file(at("a"), "a");
    put_file(at("b"), "b");
    CU_ASSERT_FATAL(link(at("a"), at("a-link")) == 0);
    char dotted[300];
    snprintf(dotted, sizeof dotted, "%s/./a", dir);
    CU_ASSERT_TRUE(ps_same_file(at("a"), dotted));
    CU_ASSERT_TRUE(ps_same_file(at("a"), at("a-link")));
    CU_ASSERT_FALSE(ps_same_file(at("a"), at("b")));
    CU_ASSERT_FALSE(ps_same_file(at("a"), at("missing")));
    CU_ASSERT_FALSE(ps_same_file(at("missing"), at("missing")));
}

int main(void)
{
    if (!mkdtemp(dir))
        return 2;
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("outfile", NULL, NULL);
    CU_add_test(s, "a new file", test_new_file);
    CU_add_test(s, "replaced on commit only", test_replace_on_commit_only);
    CU_add_test(s, "abort keeps the old file", test_abort_keeps_old);
    CU_add_test(s, "a failed commit keeps the old file", test_failed_commit_keeps_old);
    CU_add_test(s, "a device: in place, never removed", test_device_in_place_never_removed);
    CU_add_test(s, "a full device: an error, the node kept", test_full_device_fails_once_kept);
    CU_add_test(s, "a FIFO: in place", test_fifo_in_place);
    CU_add_test(s, "open fails cleanly", test_open_fails_cleanly);
    CU_add_test(s, "ps_same_file", test_same_file);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        failed++;
    return failed ? 1 : 0;
}
