/* lang_bigint.c - arbitrary-precision ints (see lang_bigint.h).  Base 10^9
 * limbs make the decimal text a direct read-out; the sizes are bounded by
 * LBIG_MAX_DIGITS (about 480 limbs), so schoolbook multiplication and a
 * long division that finds each quotient limb by bisection are enough. */
#include "lang_bigint.h"

#include <stdio.h>
#include <string.h>

#include "gc.h"

#define BASE 1000000000u

void lbig_free(LBig *a)
{
    gc_free(a->d);
    a->d = NULL;
    a->n = 0;
    a->neg = 0;
}

static int alloc_limbs(LBig *a, int32_t n)
{
    a->neg = 0;
    a->n = 0;
    a->d = gc_calloc((size_t)(n > 0 ? n : 1), sizeof *a->d);
    return a->d ? 0 : -1;
}

static void trim(LBig *a)
{
    while (a->n > 0 && a->d[a->n - 1] == 0)
        a->n--;
    if (a->n == 0)
        a->neg = 0;
}

int lbig_from_i128(LBig *out, __int128 v)
{
    if (alloc_limbs(out, 5) < 0)
        return -1;
    unsigned __int128 m = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
    out->neg = v < 0;
    while (m) {
        out->d[out->n++] = (uint32_t)(m % BASE);
        m /= BASE;
    }
    trim(out);
    return 0;
}

int lbig_from_text(LBig *out, const char *s)
{
    int neg = *s == '-';
    if (neg)
        s++;
    size_t len = strlen(s);
    if (len == 0 || alloc_limbs(out, (int32_t)(len / 9 + 1)) < 0)
        return -1;
    for (size_t end = len; end > 0;) {
        size_t start = end >= 9 ? end - 9 : 0;
        uint32_t limb = 0;
        for (size_t i = start; i < end; i++) {
            if (s[i] < '0' || s[i] > '9') {
                lbig_free(out);
                return -1;
            }
            limb = limb * 10 + (uint32_t)(s[i] - '0');
        }
        out->d[out->n++] = limb;
        end = start;
    }
    out->neg = neg;
    trim(out);
    return 0;
}

char *lbig_to_text(const LBig *a)
{
    char *s = gc_malloc((size_t)a->n * 9 + 3);
    if (!s)
        return NULL;
    char *p = s;
    if (a->neg)
        *p++ = '-';
    if (a->n == 0) {
        *p++ = '0';
    } else {
        p += sprintf(p, "%u", a->d[a->n - 1]);
        for (int32_t i = a->n - 2; i >= 0; i--)
            p += sprintf(p, "%09u", a->d[i]);
    }
    *p = 0;
    return s;
}

int lbig_digits(const LBig *a)
{
    if (a->n == 0)
        return 1;
    int k = 0;
    for (uint32_t top = a->d[a->n - 1]; top; top /= 10)
        k++;
    return (a->n - 1) * 9 + k;
}

static int mag_cmp(const uint32_t *a, int32_t an, const uint32_t *b, int32_t bn)
{
    if (an != bn)
        return an < bn ? -1 : 1;
    for (int32_t i = an - 1; i >= 0; i--)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

int lbig_cmp(const LBig *a, const LBig *b)
{
    if (a->neg != b->neg)
        return a->neg ? -1 : 1;
    int c = mag_cmp(a->d, a->n, b->d, b->n);
    return a->neg ? -c : c;
}

int lbig_fits(const LBig *a, int64_t max, int64_t *out)
{
    if (a->n > 3)
        return 0;
    __int128 v = 0;
    for (int32_t i = a->n - 1; i >= 0; i--)
        v = v * BASE + a->d[i];
    if (v > max)
        return 0;
    *out = (int64_t)(a->neg ? -v : v);
    return 1;
}

/* |a| + |b| into out (sign left to the caller) */
static int mag_add(LBig *out, const LBig *a, const LBig *b)
{
    int32_t n = (a->n > b->n ? a->n : b->n) + 1;
    if (alloc_limbs(out, n) < 0)
        return -1;
    uint32_t carry = 0;
    for (int32_t i = 0; i < n; i++) {
        uint32_t s = carry + (i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0);
        carry = s >= BASE;
        out->d[i] = carry ? s - BASE : s;
    }
    out->n = n;
    return 0;
}

/* |a| - |b| into out, |a| >= |b| */
static int mag_sub(LBig *out, const LBig *a, const LBig *b)
{
    if (alloc_limbs(out, a->n) < 0)
        return -1;
    int64_t borrow = 0;
    for (int32_t i = 0; i < a->n; i++) {
        int64_t s = (int64_t)a->d[i] - borrow - (i < b->n ? b->d[i] : 0);
        borrow = s < 0;
        out->d[i] = (uint32_t)(borrow ? s + BASE : s);
    }
    out->n = a->n;
    return 0;
}

/* a + b, or a - b when negate_b */
static int add_signed(LBig *out, const LBig *a, const LBig *b, int negate_b)
{
    int bneg = b->n ? b->neg ^ negate_b : 0;
    int rc;
    if (a->neg == bneg) {
        rc = mag_add(out, a, b);
        out->neg = a->neg;
    } else if (mag_cmp(a->d, a->n, b->d, b->n) >= 0) {
        rc = mag_sub(out, a, b);
        out->neg = a->neg;
    } else {
        rc = mag_sub(out, b, a);
        out->neg = bneg;
    }
    if (rc == 0)
        trim(out);
    return rc;
}

int lbig_add(LBig *out, const LBig *a, const LBig *b)
{
    return add_signed(out, a, b, 0);
}

int lbig_sub(LBig *out, const LBig *a, const LBig *b)
{
    return add_signed(out, a, b, 1);
}

int lbig_mul(LBig *out, const LBig *a, const LBig *b)
{
    if (alloc_limbs(out, a->n + b->n) < 0)
        return -1;
    for (int32_t i = 0; i < a->n; i++) {
        uint64_t carry = 0;
        for (int32_t j = 0; j < b->n || carry; j++) {
            uint64_t cur = out->d[i + j] + carry + (j < b->n ? (uint64_t)a->d[i] * b->d[j] : 0);
            out->d[i + j] = (uint32_t)(cur % BASE);
            carry = cur / BASE;
        }
    }
    out->n = a->n + b->n;
    out->neg = a->neg != b->neg;
    trim(out);
    return 0;
}

/* |b| * q (q < BASE) into t, which has room for bn + 1 limbs */
static int32_t mag_mul_small(uint32_t *t, const uint32_t *b, int32_t bn, uint32_t q)
{
    uint64_t carry = 0;
    for (int32_t i = 0; i < bn; i++) {
        uint64_t cur = (uint64_t)b[i] * q + carry;
        t[i] = (uint32_t)(cur % BASE);
        carry = cur / BASE;
    }
    t[bn] = (uint32_t)carry;
    int32_t n = bn + 1;
    while (n > 0 && t[n - 1] == 0)
        n--;
    return n;
}

/* |a| = Q |b| + M, 0 <= M < |b| */
static int mag_divmod(LBig *q, LBig *m, const LBig *a, const LBig *b)
{
    LBig r = {0, 0, NULL};
    uint32_t *t = gc_calloc((size_t)b->n + 2, sizeof *t);
    if (!t || alloc_limbs(q, a->n) < 0 || alloc_limbs(&r, b->n + 2) < 0) {
        gc_free(t);
        lbig_free(q);
        return -1;
    }
    for (int32_t i = a->n - 1; i >= 0; i--) {
        /* r = r * BASE + a[i] */
        memmove(r.d + 1, r.d, (size_t)r.n * sizeof *r.d);
        r.d[0] = a->d[i];
        r.n++;
        while (r.n > 0 && r.d[r.n - 1] == 0)
            r.n--;
        uint32_t lo = 0, hi = BASE - 1;
        while (lo < hi) { /* the largest digit with |b| * digit <= r */
            uint32_t mid = lo + (hi - lo + 1) / 2;
            int32_t tn = mag_mul_small(t, b->d, b->n, mid);
            if (mag_cmp(t, tn, r.d, r.n) <= 0)
                lo = mid;
            else
                hi = mid - 1;
        }
        q->d[i] = lo;
        if (lo) {
            int32_t tn = mag_mul_small(t, b->d, b->n, lo);
            int64_t borrow = 0;
            for (int32_t k = 0; k < r.n; k++) {
                int64_t s = (int64_t)r.d[k] - borrow - (k < tn ? t[k] : 0);
                borrow = s < 0;
                r.d[k] = (uint32_t)(borrow ? s + BASE : s);
            }
            while (r.n > 0 && r.d[r.n - 1] == 0)
                r.n--;
        }
    }
    gc_free(t);
    q->n = a->n;
    trim(q);
    *m = r;
    trim(m);
    return 0;
}

int lbig_divmod(LBig *q, LBig *m, const LBig *a, const LBig *b)
{
    LBig Q = {0, 0, NULL}, M = {0, 0, NULL};
    if (mag_divmod(&Q, &M, a, b) < 0)
        return -1;
    if (a->neg == b->neg || M.n == 0) {
        Q.neg = Q.n ? a->neg != b->neg : 0;
        M.neg = M.n ? b->neg : 0;
        *q = Q;
        *m = M;
        return 0;
    }
    /* signs differ and a remainder: q = -(Q + 1), m = sign(b) (|b| - M) */
    LBig one, q1, m1;
    if (lbig_from_i128(&one, 1) < 0 || mag_add(&q1, &Q, &one) < 0) {
        lbig_free(&one);
        lbig_free(&Q);
        lbig_free(&M);
        return -1;
    }
    lbig_free(&one);
    trim(&q1);
    q1.neg = 1;
    if (mag_sub(&m1, b, &M) < 0) {
        lbig_free(&q1);
        lbig_free(&Q);
        lbig_free(&M);
        return -1;
    }
    trim(&m1);
    m1.neg = m1.n ? b->neg : 0;
    lbig_free(&Q);
    lbig_free(&M);
    *q = q1;
    *m = m1;
    return 0;
}
