/* Stand-in for `pktspec ls`: with a layer name prints ps_ls_print for it,
 * without one lists the layers as Scapy's ls() does ("%-10s : %s"). */
#include <stdio.h>

#include "ls.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        size_t n;
        const struct ps_proto *const *all = ps_proto_all(&n);
        for (size_t i = 0; i < n; i++)
            printf("%-10s : %s\n", all[i]->name, all[i]->long_name);
        return 0;
    }
    const struct ps_proto *p = ps_proto_find(argv[1]);
    if (!p) {
        fprintf(stderr, "ls_driver: no layer '%s'\n", argv[1]);
        return 1;
    }
    ps_ls_print(stdout, p);
    return 0;
}
