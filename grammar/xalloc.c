#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>

/* 3 is the exit status of a runtime error (LANGUAGE.md). */
static void *checked(void *p)
{
    if (!p) {
        fputs("pktspec: out of memory\n", stderr);
        exit(3);
    }
    return p;
}

void *front_xmalloc(size_t size)
{
    return checked(malloc(size ? size : 1));
}

void *front_xcalloc(size_t n, size_t size)
{
    return checked(calloc(n ? n : 1, size ? size : 1));
}

void *front_xrealloc(void *p, size_t size)
{
    return checked(realloc(p, size ? size : 1));
}
