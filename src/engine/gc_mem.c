/*
 * gc_mem.c: the one allocator of the engine and the interpreter.  Tests
 * make it fail on the Nth call (gc_mem_fail_after) to prove that every
 * allocation failure ends in a clean error, with nothing leaked.
 */
#define _DEFAULT_SOURCE /* madvise's MADV_POPULATE_WRITE */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "gc.h"

/* Process-wide test knob: the number of allocations left before failing,
 * -1 = never fail.  Only tests set it. */
static long fail_countdown = -1;
static long allocations;

void gc_mem_fail_after(long n)
{
    fail_countdown = n;
    allocations = 0;
}

long gc_mem_count(void) { return allocations; }

static int should_fail(void)
{
    allocations++;
    if (fail_countdown < 0)
        return 0;
    if (fail_countdown == 0)
        return 1;
    fail_countdown--;
    return 0;
}

void *gc_malloc(size_t n) { return should_fail() ? NULL : malloc(n); }
void *gc_calloc(size_t n, size_t m) { return should_fail() ? NULL : calloc(n, m); }
void *gc_realloc(void *p, size_t n) { return should_fail() ? NULL : realloc(p, n); }
void gc_free(void *p) { free(p); }

void *gc_reserve(size_t n)
{
    if (should_fail())
        return NULL;
    void *p = mmap(NULL, n, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

int gc_commit(void *p, size_t off, size_t len, int touch)
{
    char *b = (char *)p + off;
    if (should_fail() || mprotect(b, len, PROT_READ | PROT_WRITE) != 0)
        return -1;
#ifdef MADV_POPULATE_WRITE
    /* advice only: before Linux 5.14 the pages fault in one by one */
    if (touch)
        madvise(b, len, MADV_POPULATE_WRITE);
#else
    (void)touch;
#endif
    return 0;
}

void gc_unreserve(void *p, size_t n)
{
    if (p)
        munmap(p, n);
}

/* Both entry points: the new capacity for need items (first, doubled
 * until need fits), at most max; 0 when it cannot be. */
static size_t vec_capacity(size_t need, size_t cap, size_t size, size_t first, size_t max)
{
    size_t c = cap ? cap : first;
    while (c < need) {
        if (c > max / 2)
            return 0;
        c *= 2;
    }
    return c > max || c > SIZE_MAX / size ? 0 : c;
}

/* Resizes the array whose address is at pp to c items of size bytes.
 * pp is the address of a T *: copied as bytes, since a T * may not be
 * accessed as a void *. */
static int vec_resize(void *pp, size_t c, size_t size, void *(*re)(void *, size_t))
{
    void *p;
    memcpy(&p, pp, sizeof p);
    void *np = re(p, c * size);
    if (!np)
        return -1;
    memcpy(pp, &np, sizeof np);
    return 0;
}

int gc_vec_reserve(void *pp, int32_t need, int32_t *cap, size_t size, int32_t first,
                   void *(*re)(void *, size_t))
{
    if (need <= *cap)
        return 0;
    size_t c = vec_capacity((size_t)need, (size_t)*cap, size, (size_t)first, INT32_MAX);
    if (!c || vec_resize(pp, c, size, re) < 0)
        return -1;
    *cap = (int32_t)c;
    return 0;
}

int gc_vec_reserve2(void *pp, size_t psize, void *qq, size_t qsize, int32_t need, int32_t *cap,
                    int32_t first, void *(*re)(void *, size_t))
{
    if (need <= *cap)
        return 0;
    size_t size = psize > qsize ? psize : qsize;
    size_t c = vec_capacity((size_t)need, (size_t)*cap, size, (size_t)first, INT32_MAX);
    if (!c || vec_resize(pp, c, psize, re) < 0 || vec_resize(qq, c, qsize, re) < 0)
        return -1;
    *cap = (int32_t)c;
    return 0;
}

int gc_vec_reserve_z(void *pp, size_t need, size_t *cap, size_t size, size_t first,
                     void *(*re)(void *, size_t))
{
    if (need <= *cap)
        return 0;
    size_t c = vec_capacity(need, *cap, size, first, SIZE_MAX);
    if (!c || vec_resize(pp, c, size, re) < 0)
        return -1;
    *cap = c;
    return 0;
}
