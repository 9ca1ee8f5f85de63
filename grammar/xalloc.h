/* Allocation for the front end: running out of memory while reading a
 * spec is not worth a recovery path in every caller, so these exit. */
#ifndef PS_FRONT_XALLOC_H
#define PS_FRONT_XALLOC_H

#include <stddef.h>

void *front_xmalloc(size_t size);
void *front_xcalloc(size_t n, size_t size);
void *front_xrealloc(void *p, size_t size);

#endif
