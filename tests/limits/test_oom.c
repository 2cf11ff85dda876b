/*
 * test_oom.c: allocation failures in the scenario loader and the parser, and
 * in runs of the bundled scenarios.  The loader, the parser and the program
 * tables allocate with malloc, cJSON with its own hooks and the engine with
 * gc_malloc: this program is linked with -Wl,--wrap for malloc, calloc and
 * realloc, so every allocation made in gcviz's static libraries goes through
 * one counter here, and cJSON gets hooks on the same counter.  For every N,
 * the Nth allocation fails: scenario_load must fail cleanly with an "out of
 * memory" problem (or succeed), never crash, and leak nothing (the sanitizer
 * build checks leaks at exit).
 *
 * GCVIZ_OOM_STRIDE=K in the environment (the sanitizer build's suite sets
 * it) thins each sweep: the first allocation made from each call site (the
 * allocator's three callers) in the whole sweep still fails in turn, of the
 * others every Kth.
 * The normal build sweeps every allocation.
 *
 * Usage: test_oom load|run SCENARIO.json|LESSON.py...
 */
#include <execinfo.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "scenario.h"

#include "../common/check.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);

static long countdown = -1, calls;

/* The counting run notes which calls are the first from their site. */
static long stride = 1;
static int learning;
static unsigned char *first; /* first[n]: call n is the first from its site */
static long first_cap;
static uint64_t sites[1 << 16]; /* open addressing, 0 = empty */

static void note_site(long n)
{
    void *fr[5];
    int k = backtrace(fr, 5);
    uint64_t key = 1469598103934665603ull;
    for (int i = 2; i < k; i++) /* past fail_now and the wrapper */
        key = (key ^ (uint64_t)(uintptr_t)fr[i]) * 1099511628211ull;
    key |= 1;
    size_t mask = sizeof sites / sizeof sites[0] - 1, i = (size_t)(key >> 17) & mask;
    for (size_t probes = 0; probes <= mask && sites[i] != 0; probes++, i = (i + 1) & mask)
        if (sites[i] == key)
            return;
    if (sites[i] != 0)
        return; /* the table is full */
    sites[i] = key;
    if (n >= first_cap) {
        long cap = first_cap ? first_cap * 2 : 4096;
        while (cap <= n)
            cap *= 2;
        unsigned char *q = __real_realloc(first, (size_t)cap);
        if (!q)
            abort();
        memset(q + first_cap, 0, (size_t)(cap - first_cap));
        first = q;
        first_cap = cap;
    }
    first[n] = 1;
}

/* Starts (on) or ends (off) the counting run of one sweep. */
static void learn(int on)
{
    learning = on && stride > 1;
    if (learning && first) /* sites stay known from one file to the next */
        memset(first, 0, (size_t)first_cap);
}

/* Whether the sweep fails call n. */
static int chosen(long n)
{
    return stride <= 1 || n % stride == 0 || (n < first_cap && first[n]);
}

static int fail_now(void)
{
    if (learning)
        note_site(calls);
    calls++;
    if (countdown < 0)
        return 0;
    return countdown-- == 0;
}

void *__wrap_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { return fail_now() ? NULL : __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n) { return fail_now() ? NULL : __real_realloc(p, n); }
static void *json_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }

/* The files after the test's name. */
static int nargs;
static char **args;

static void sweep_load(const char *path)
{
    ScenarioErrors e;
    countdown = -1;
    calls = 0;
    learn(1);
    Scenario *s = scenario_load(path, &e);
    learn(0);
    long total = calls;
    int want_ok = s != NULL;
    scenario_free(s);
    int oom = 0, ok = 0;
    long tried = 0;
    for (long n = 0; n <= total; n++) {
        if (!chosen(n))
            continue;
        tried++;
        countdown = n;
        s = scenario_load(path, &e);
        countdown = -1;
        if (s) {
            ok++;
            scenario_free(s);
            continue;
        }
        CHECK(e.stored >= 1, "%s: allocation %ld failed: no problem reported", path, n);
        if (e.stored < 1)
            continue;
        char buf[1024];
        scenario_format_problem(path, &e.items[0], buf, sizeof buf);
        if (strstr(e.items[0].msg, "memory")) {
            oom++;
            CHECK(e.io, "allocation %ld failed: 'out of memory' without io (exit 3): %s", n, buf);
        } else {
            /* A good file reported as broken because an allocation failed. */
            CHECK(!want_ok, "allocation %ld failed: wrong problem: %s", n, buf);
        }
    }
    printf("%s: %ld allocations (%ld failed in turn), %d loads failed with out of memory, %d "
           "loaded\n",
           path, total, tried, oom, ok);
    CHECK(oom > 0, "%s: no allocation failure was seen", path);
}

/* What a run shows, step by step: the trace's content (live objects with
 * type, refcount and list; freed, finalized, collections, count and the
 * value of gc.collect()).  Kept with the real allocator, so that the
 * fingerprint itself never takes part in the sweep. */
typedef struct Print {
    char *s;
    size_t n, cap;
} Print;

/* Appends n bytes (kept with the real allocator). */
static void put_bytes(Print *p, const char *b, size_t k)
{
    if (p->n + k + 1 > p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 4096;
        while (cap < p->n + k + 1)
            cap *= 2;
        char *q = __real_realloc(p->s, cap);
        if (!q)
            abort();
        p->s = q;
        p->cap = cap;
    }
    memcpy(p->s + p->n, b, k);
    p->n += k;
    p->s[p->n] = 0;
}

static void put(Print *p, const char *fmt, ...)
{
    char b[256];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(b, sizeof b, fmt, ap);
    va_end(ap);
    if (k >= 0)
        put_bytes(p, b, (size_t)k < sizeof b ? (size_t)k : sizeof b - 1);
}

static void on_step(void *ctx, LangRun *r, int32_t step)
{
    Print *p = ctx;
    long saved = countdown;
    countdown = -1; /* lang and the engine allocate nothing here, but be sure */
    GcHeap *h = lang_run_heap(r);
    put(p, "step %d:", step);
    for (GcId id = 1; id <= gc_max_id(h); id++) {
        const GcObject *o = gc_object(h, id);
        if (o && o->state == GC_STATE_ALIVE)
            put(p, " %d/%s/%d/%d", id, gc_type_name(h, id), o->refcnt, o->list);
    }
    GcStepLog l = gc_step_log(h);
    put(p, " freed");
    for (int32_t i = 0; i < l.nfreed; i++)
        put(p, " %d", l.freed[i]);
    put(p, " finalized");
    for (int32_t i = 0; i < l.nfinalized; i++)
        put(p, " %d", l.finalized[i]);
    for (int32_t i = 0; i < l.ncollections; i++)
        put(p, " gc%d:%lld/%lld/%d", l.collections[i].gen, (long long)l.collections[i].collected,
            (long long)l.collections[i].uncollectable, l.collections[i].automatic);
    const GcGlobals *g = gc_globals(h);
    put(p, " count %lld %lld %lld collected %lld\n", (long long)g->count[0], (long long)g->count[1],
        (long long)g->count[2], (long long)lang_run_collected(r));
    countdown = saved;
}

static void put_output(Print *p, LangRun *r)
{
    size_t n;
    const char *out = lang_run_output(r, &n);
    put(p, "output:\n");
    put_bytes(p, out, n);
    const char *tb = lang_run_traceback(r);
    put(p, "traceback:\n");
    put_bytes(p, tb, strlen(tb));
    size_t before;
    const char *unr = lang_run_unraisable(r, &before);
    put(p, "unraisable reports (%zu before the traceback):\n", before);
    put_bytes(p, unr, strlen(unr));
}

/* Runs of a loaded scenario with the Nth allocation failing, recorded or
 * not: each must either end in status 3 with "out of memory", or show
 * exactly what the run without failures shows (same status, same error,
 * the same steps, the same output, traceback and reports of ignored
 * exceptions), with a heap that passes gc_check. */
static void sweep_run_mode(const char *path, Scenario *s, int record)
{
    LangRunOptions o;
    memset(&o, 0, sizeof o);
    o.record = record;
    o.on_step = on_step;
    Print want = {0}, got = {0};
    o.ctx = &want;
    calls = 0;
    learn(1);
    LangRun *r = lang_run(s->program, &o);
    learn(0);
    long total = calls;
    int want_st = r ? lang_run_status(r) : -1;
    char want_err[600];
    snprintf(want_err, sizeof want_err, "%s", r ? lang_run_error(r) : "");
    /* what the program printed and its traceback belong to what it shows */
    if (r)
        put_output(&want, r);
    lang_run_free(r);
    CHECK(want_st == 0 || want_st == 1, "%s: does not run (%d): %s", path, want_st, want_err);
    if (want_st != 0 && want_st != 1)
        return;
    int oom = 0, same = 0, before = failures;
    o.ctx = &got;
    long tried = 0;
    for (long n = 0; n <= total; n++) {
        if (!chosen(n))
            continue;
        tried++;
        got.n = 0;
        if (got.s)
            got.s[0] = 0;
        countdown = n;
        r = lang_run(s->program, &o);
        countdown = -1;
        if (!r) {
            oom++;
            continue;
        }
        int st = lang_run_status(r);
        if (st != 3)
            put_output(&got, r);
        const char *a = got.s ? got.s : "", *b = want.s ? want.s : "";
        int shows = st != 3 && st == want_st && strcmp(lang_run_error(r), want_err) == 0 &&
                    strcmp(a, b) == 0;
        char buf[256];
        if (st == 3) {
            CHECK(strstr(lang_run_error(r), "memory"), "%s: allocation %ld: status 3: %s", path, n,
                  lang_run_error(r));
            oom++;
        } else if (!shows) {
            size_t k = 0;
            while (a[k] && a[k] == b[k])
                k++;
            while (k > 0 && a[k - 1] != '\n')
                k--;
            CHECK(shows,
                  "%s (record %d): allocation %ld failed, yet the run ended %d (%s), not 3, "
                  "and shows something else:\n  got:  %.200s\n  want: %.200s",
                  path, record, n, st, lang_run_error(r), a + k, b + k);
        } else {
            same++;
            CHECK(gc_check(lang_run_heap(r), buf, sizeof buf) == 0, "%s: allocation %ld: heap: %s",
                  path, n, buf);
        }
        lang_run_free(r);
    }
    printf("%s (record %d): %ld allocations (%ld failed in turn): %d runs ended in out of "
           "memory, %d as without failures, %d otherwise\n",
           path, record, total, tried, oom, same, failures - before);
    free(want.s);
    free(got.s);
}

static void sweep_run(const char *path)
{
    ScenarioErrors e;
    Scenario *s = scenario_load(path, &e);
    CHECK(s != NULL, "%s: does not load", path);
    if (!s)
        return;
    sweep_run_mode(path, s, 1);
    sweep_run_mode(path, s, 0);
    scenario_free(s);
}

static void t_load(void)
{
    for (int i = 0; i < nargs; i++)
        sweep_load(args[i]);
}

static void t_run(void)
{
    for (int i = 0; i < nargs; i++)
        sweep_run(args[i]);
}

int main(int argc, char **argv)
{
    static const TestCase tests[] = {{"load", t_load}, {"run", t_run}};
    cJSON_Hooks hooks = {json_malloc, free};
    cJSON_InitHooks(&hooks);
    if (argc < 3) {
        fprintf(stderr, "usage: test_oom load|run SCENARIO.json...\n");
        return 2;
    }
    nargs = argc - 2;
    args = argv + 2;
    const char *k = getenv("GCVIZ_OOM_STRIDE");
    if (k && atol(k) > 1)
        stride = atol(k);
    void *warm[1];
    backtrace(warm, 1); /* loads the unwinder before any sweep */
    return test_main(argc, argv, tests, sizeof tests / sizeof tests[0]);
}
