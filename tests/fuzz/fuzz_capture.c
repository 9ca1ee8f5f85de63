/* libFuzzer harness: any bytes as a whole capture file (classic pcap or
 * pcapng, as libpcap takes it) through `pktspec read` in every output mode,
 * with and without a filter: the reader, the decoder and every printer over
 * many frames of one file, the file's own link types and damage included.
 * The file lives in a memfd, named by /proc/self/fd, as ps_read wants a path. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cmd_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static FILE *devnull;
    static char path[64];
    if (fd < 0) {
        fd = memfd_create("fuzz_capture", 0);
        devnull = fopen("/dev/null", "w");
        if (fd < 0 || !devnull)
            abort();
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();
    static const enum ps_read_mode modes[] = {PS_READ_SUMMARY, PS_READ_SHOW, PS_READ_HEXDUMP,
                                              PS_READ_COMMAND, PS_READ_JSON};
    for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        struct ps_read_opts o = {.path = path, .mode = modes[m], .out = devnull, .err = devnull};
        int rc = ps_read(&o);
        if (rc != 0 && rc != 3)
            abort();
    }
    /* a filter, and a count that stops early */
    struct ps_read_opts o = {.path = path, .filter = "ip or ip6 or arp", .count = 3,
                             .mode = PS_READ_SUMMARY, .out = devnull, .err = devnull};
    /* 2: the filter does not compile for the file's link type */
    int rc = ps_read(&o);
    if (rc != 0 && rc != 2 && rc != 3)
        abort();
    return 0;
}
