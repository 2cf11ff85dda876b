/* lang_bigint.h - Python's arbitrary-precision ints for the .py language:
 * the few operations the language has (+ - * // % unary -, comparisons,
 * str), on sign and magnitude in base 10^9 limbs.  Values that fit in the
 * engine's 59-bit ints stay GC_V_INT; bigger ones are GC_V_BIGINT values
 * whose payload is the atom of their decimal text (canonical, so equal ints
 * are the same value bit for bit, as dict keys need). */
#ifndef LANG_BIGINT_H
#define LANG_BIGINT_H

#include <stddef.h>
#include <stdint.h>

/* The most decimal digits an int may have in gcviz (CPython's default
 * limit for str() of an int, sys.get_int_max_str_digits()). */
#define LBIG_MAX_DIGITS 4300

typedef struct LBig {
    int neg;     /* 1 when negative (zero is never negative) */
    int32_t n;   /* limbs in use; 0 for zero */
    uint32_t *d; /* little-endian limbs, each < 10^9 */
} LBig;

void lbig_free(LBig *a);
int lbig_from_i128(LBig *out, __int128 v);
/* decimal text, an optional '-' first; -1 when out of memory or not a number */
int lbig_from_text(LBig *out, const char *s);
/* decimal text (gc_malloc'd), NULL when out of memory */
char *lbig_to_text(const LBig *a);
int lbig_digits(const LBig *a);
int lbig_cmp(const LBig *a, const LBig *b);
/* 1 and *out when a fits in [-max, max] */
int lbig_fits(const LBig *a, int64_t max, int64_t *out);
int lbig_add(LBig *out, const LBig *a, const LBig *b);
int lbig_sub(LBig *out, const LBig *a, const LBig *b);
int lbig_mul(LBig *out, const LBig *a, const LBig *b);
/* floor division and modulo with Python's signs; b must not be zero */
int lbig_divmod(LBig *q, LBig *m, const LBig *a, const LBig *b);

#endif
