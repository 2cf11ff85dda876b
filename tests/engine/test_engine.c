/*
 * test_engine.c: the engine driven to named phases of real collections,
 * checked against what CPython's gcmodule.c does (gc_refs values, list
 * membership and order), plus whole-history checks: gc_check at every
 * micro-step, exact rewind, a million-object cascade, the other
 * collectors, and an allocation-failure sweep.
 *
 * Usage: test_engine NAME (see main).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gc_internal.h"
#include "scenario.h"

#include "../common/check.h"

static Scenario *load(const char *json)
{
    ScenarioErrors errs;
    memset(&errs, 0, sizeof errs);
    Scenario *s = scenario_load_text("test.json", json, strlen(json), &errs);
    if (!s) {
        char buf[1024];
        scenario_format_problem("test.json", &errs.items[0], buf, sizeof buf);
        fprintf(stderr, "scenario does not load: %s\n", buf);
        exit(1);
    }
    return s;
}

/* Runs the .py program text src (named name) lean or not, with its
 * history or not, and copies what it printed into out; *sc gets the
 * scenario, to free after the run.  NULL (reported) when it does not load. */
static LangRun *run_py(const char *name, const char *src, int lean, int record, char *out, size_t nout,
                       Scenario **sc)
{
    ScenarioErrors errs;
    memset(&errs, 0, sizeof errs);
    *sc = scenario_load_text(name, src, strlen(src), &errs);
    CHECK(*sc != NULL, "%s does not load", name);
    if (!*sc)
        return NULL;
    LangRunOptions o;
    memset(&o, 0, sizeof o);
    o.lean = lean;
    o.record = record;
    LangRun *r = lang_run((*sc)->program, &o);
    CHECK(r && lang_run_status(r) == 0, "%s lean=%d: %s", name, lean, r ? lang_run_error(r) : "oom");
    size_t n = 0;
    const char *text = r ? lang_run_output(r, &n) : "";
    snprintf(out, nout, "%.*s", (int)n, text);
    return r;
}

/* Runs the .py program src in each of the modes asked (MODE_LEAN: lean;
 * MODE_RECORDED: with its history; MODE_PLAIN: neither) and checks that
 * every run prints the same (`expect` when not NULL, else what the first
 * printed), passes gc_check at its end and ends with the same totals:
 * objects allocated and freed, collected by full collections, and the
 * length of every list.  out (may be NULL) gets what the first printed. */
enum { MODE_LEAN = 1, MODE_RECORDED = 2, MODE_PLAIN = 4, MODES_ALL = 7 };
#define MODE_OUT 8192
static void expect_prints_all_modes(const char *name, const char *src, int modes,
                                    const char *expect, char *out, size_t nout)
{
    static const char *const mode_name[3] = {"lean", "recorded", "plain"};
    char first[MODE_OUT] = "", got[MODE_OUT];
    int64_t end0[3 + GC_LIST_COUNT], end[3 + GC_LIST_COUNT];
    int runs = 0;
    for (int mode = 0; mode < 3; mode++) {
        if (!(modes & (1 << mode)))
            continue;
        Scenario *s;
        LangRun *r = run_py(name, src, mode == 0, mode == 1, got, sizeof got, &s);
        if (!s)
            return;
        GcHeap *h = r ? lang_run_heap(r) : NULL;
        const GcGlobals *g = h ? gc_globals(h) : NULL;
        end[0] = g ? g->allocated : -1;
        end[1] = g ? g->freed : -1;
        end[2] = g ? g->stats[2].collected : -1;
        for (int l = 0; l < GC_LIST_COUNT; l++)
            end[3 + l] = h ? gc_list(h, (GcListId)l).len : -1;
        char buf[256] = "";
        CHECK(h && gc_check(h, buf, sizeof buf) == 0, "%s, %s: gc_check: %s", name,
               mode_name[mode], buf);
        if (expect)
            CHECK(strcmp(got, expect) == 0, "%s, %s prints:\n%s---\nwant:\n%s", name,
                   mode_name[mode], got, expect);
        if (runs == 0) {
            memcpy(first, got, sizeof first);
            memcpy(end0, end, sizeof end0);
        } else {
            CHECK(strcmp(got, first) == 0, "%s, %s prints:\n%s---\nthe first run:\n%s", name,
                   mode_name[mode], got, first);
            CHECK(memcmp(end, end0, sizeof end) == 0,
                   "%s, %s: totals differ: allocated %lld/%lld freed %lld/%lld collected "
                   "%lld/%lld, or a list's length",
                   name, mode_name[mode], (long long)end[0], (long long)end0[0],
                   (long long)end[1], (long long)end0[1], (long long)end[2], (long long)end0[2]);
        }
        runs++;
        lang_run_free(r);
        scenario_free(s);
    }
    if (out)
        snprintf(out, nout, "%s", first);
}

static LangRun *run(Scenario *s, int record)
{
    LangRunOptions o;
    memset(&o, 0, sizeof o);
    o.record = record;
    LangRun *r = lang_run(s->program, &o);
    if (!r || lang_run_status(r) != 0) {
        fprintf(stderr, "run failed: %s\n", r ? lang_run_error(r) : "oom");
        exit(1);
    }
    return r;
}

/* Moves the cursor to just after the first event of `kind` with a == phase
 * (for GC_EV_PHASE) found after `from`; returns the event index or -1. */
static int32_t seek_phase_end(GcHeap *h, int32_t from, GcPhase phase)
{
    int32_t n = gc_event_count(h);
    for (int32_t i = from; i < n; i++) {
        const GcEvent *e = gc_event(h, i);
        if (e->kind == GC_EV_PHASE && e->a == phase) {
            /* the phase runs until the next phase event */
            int32_t j = i + 1;
            while (j < n && gc_event(h, j)->kind != GC_EV_PHASE)
                j++;
            gc_seek(h, j);
            return j;
        }
    }
    return -1;
}

static void list_order(GcHeap *h, GcListId l, char *buf, size_t n)
{
    buf[0] = '\0';
    for (GcId id = gc_list(h, l).first; id; id = gc_object(h, id)->next) {
        char one[16];
        snprintf(one, sizeof one, "%s%d", buf[0] ? "," : "", id);
        strncat(buf, one, n - strlen(buf) - 1);
    }
}

/* CPYTHON_GC.md 4.5 (2): a 3-cycle hanging off a rooted holder. */
static void test_phases(void)
{
    Scenario *s = load("{\"title\": \"t\", \"classes\": {\"N\": {}}, \"steps\": ["
                       "\"gc.disable()\", \"h = N()\", \"a = N()\", \"b = N()\", \"c = N()\","
                       "\"h.a = a\", \"a.a = b\", \"b.a = c\", \"c.a = a\", \"del a, b, c\","
                       "\"gc.collect()\", \"del h\", \"gc.collect()\"]}");
    LangRun *r = run(s, 1);
    GcHeap *h = lang_run_heap(r);
    /* ids: h=1, a=2, b=3, c=4 */
    int32_t at = seek_phase_end(h, 0, GC_PHASE_UPDATE_REFS);
    CHECK(at > 0, "no update_refs phase");
    CHECK(gc_object(h, 1)->gc_refs == 1 && gc_object(h, 2)->gc_refs == 2 &&
               gc_object(h, 3)->gc_refs == 1 && gc_object(h, 4)->gc_refs == 1,
           "gc_refs after update_refs: %lld %lld %lld %lld", (long long)gc_object(h, 1)->gc_refs,
           (long long)gc_object(h, 2)->gc_refs, (long long)gc_object(h, 3)->gc_refs,
           (long long)gc_object(h, 4)->gc_refs);
    for (GcId id = 1; id <= 4; id++)
        CHECK(gc_object(h, id)->flags & GC_F_COLLECTING, "#%d not COLLECTING", id);
    at = seek_phase_end(h, at, GC_PHASE_SUBTRACT_REFS);
    CHECK(gc_object(h, 1)->gc_refs == 1 && gc_object(h, 2)->gc_refs == 0 &&
               gc_object(h, 3)->gc_refs == 0 && gc_object(h, 4)->gc_refs == 0,
           "gc_refs after subtract_refs: %lld %lld %lld %lld", (long long)gc_object(h, 1)->gc_refs,
           (long long)gc_object(h, 2)->gc_refs, (long long)gc_object(h, 3)->gc_refs,
           (long long)gc_object(h, 4)->gc_refs);
    at = seek_phase_end(h, at, GC_PHASE_MOVE_UNREACHABLE);
    char order[256];
    /* a, b, c were moved to unreachable and back: young is h, a, b, c again
     * with none left unreachable. */
    list_order(h, GC_LIST_GEN2, order, sizeof order);
    CHECK(strcmp(order, "1,2,3,4") == 0, "young after move_unreachable: %s", order);
    CHECK(gc_list(h, GC_LIST_UNREACHABLE).len == 0, "unreachable not empty");
    /* second collection, after del h: everything unreachable */
    at = seek_phase_end(h, at, GC_PHASE_MOVE_UNREACHABLE);
    CHECK(at > 0, "no second collection");
    list_order(h, GC_LIST_UNREACHABLE, order, sizeof order);
    CHECK(strcmp(order, "2,3,4") == 0, "unreachable: %s", order);
    CHECK(gc_list(h, GC_LIST_GEN2).len == 0, "young not empty");
    gc_seek(h, gc_event_count(h));
    CHECK(gc_globals(h)->stats[2].collected == 3, "collected %lld",
           (long long)gc_globals(h)->stats[2].collected);
    lang_run_free(r);
    scenario_free(s);
}

/* F19: rooted L=[A], A.a=L, drop A's root; collect(0) moves A to
 * unreachable and back, after L. */
static void test_move_back(void)
{
    Scenario *s = load("{\"title\": \"t\", \"classes\": {\"N\": {}}, \"steps\": ["
                       "\"gc.disable()\", \"a = N()\", \"l = [a]\", \"a.a = l\", \"del a\","
                       "\"gc.collect(0)\", \"del l\", \"gc.collect(1)\"]}");
    LangRun *r = run(s, 1);
    GcHeap *h = lang_run_heap(r);
    int32_t at = seek_phase_end(h, 0, GC_PHASE_SUBTRACT_REFS);
    CHECK(gc_object(h, 1)->gc_refs == 0 && gc_object(h, 2)->gc_refs == 1,
           "A %lld L %lld", (long long)gc_object(h, 1)->gc_refs, (long long)gc_object(h, 2)->gc_refs);
    int moved_back = 0;
    for (int32_t i = at; i < gc_event_count(h); i++) {
        const GcEvent *e = gc_event(h, i);
        if (e->kind == GC_EV_MOVE_BACK && e->obj == 1 && e->obj2 == 2)
            moved_back = 1;
        if (e->kind == GC_EV_GC_END)
            break;
    }
    CHECK(moved_back, "A was not moved back by L");
    at = seek_phase_end(h, at, GC_PHASE_MOVE_UNREACHABLE);
    char order[64];
    list_order(h, GC_LIST_GEN0, order, sizeof order);
    CHECK(strcmp(order, "2,1") == 0, "young after move_unreachable: %s (want L, A)", order);
    gc_seek(h, gc_event_count(h));
    GcStepLog log = gc_step_log(h);
    /* tp_clear(L) frees A inside it; L dies at delete_garbage's DECREF */
    CHECK(log.nfreed == 2 && log.freed[0] == 1 && log.freed[1] == 2, "freed order");
    lang_run_free(r);
    scenario_free(s);
}

/* A fingerprint of the whole visible state. */
static uint64_t fingerprint(GcHeap *h)
{
    uint64_t x = 1469598103934665603ull;
#define MIX(v) (x = (x ^ (uint64_t)(v)) * 1099511628211ull)
    for (GcId id = 1; id <= gc_max_id(h); id++) {
        const GcObject *o = gc_object(h, id);
        MIX(o->kind); MIX(o->state); MIX(o->list); MIX(o->flags); MIX(o->refcnt);
        MIX(o->gc_refs); MIX(o->prev); MIX(o->next); MIX(gc_nslots(o)); MIX(o->wr_referent);
        MIX(gc_weakref_head(h, id));
        for (uint32_t i = 0; i < gc_nslots(o); i++) {
            MIX(gc_slot(o, i).key);
            MIX(gc_slot(o, i).val);
        }
    }
    const GcGlobals *g = gc_globals(h);
    for (int i = 0; i < 3; i++) {
        MIX(g->count[i]); MIX(g->threshold[i]); MIX(g->stats[i].collections);
        MIX(g->stats[i].collected);
    }
    MIX(g->phase); MIX(g->enabled); MIX(g->long_lived_total); MIX(g->long_lived_pending);
    MIX(gc_max_id(h));
    for (int d = 0; d < gc_frame_count(h); d++) {
        const GcFrame *f = gc_frame(h, d);
        MIX(f->func); MIX(f->loc); MIX(f->nvars);
        for (uint32_t i = 0; i < f->nvars; i++) {
            MIX(f->vars[i].key);
            MIX(f->vars[i].val);
        }
    }
    MIX(gc_temp_count(h));
    for (int l = 0; l < GC_LIST_COUNT; l++)
        MIX(gc_list(h, (GcListId)l).len);
#undef MIX
    return x;
}

static const char *BUSY =
    "{\"title\": \"t\", \"classes\": {\"N\": {}, \"P\": {\"__del__\": [\"grave.append(self)\"]},"
    " \"D\": {\"__del__\": [\"pass\"]}},"
    " \"functions\": {\"mk\": {\"params\": [\"x\"], \"body\": [\"n = N()\", \"n.x = x\", \"x.n = n\","
    " \"return n\"]}, \"cb\": {\"params\": [\"w\"], \"body\": [\"log.append(w)\"]}},"
    " \"steps\": [\"grave = []\", \"log = []\", \"gc.set_threshold(5, 2, 2)\", \"a = P()\","
    " \"b = mk(a)\", \"w = weakref.ref(a, cb)\", \"d = {\\\"k\\\": D(), \\\"v\\\": [a, b]}\","
    " \"t = (b, a)\", \"del a, b\", \"gc.collect(0)\","
    " {\"for\": \"i in range(12)\", \"body\": [\"x = N()\", \"x.me = x\", \"y = D()\", \"y.p = x\"]},"
    " \"del d, t\", \"gc.collect()\", \"grave.clear()\", \"gc.collect(1)\", \"gc.freeze()\","
    " \"z = N()\", \"gc.unfreeze()\", \"gc.collect()\"]}";

static void test_rewind(void)
{
    Scenario *s = load(BUSY);
    LangRun *r = run(s, 1);
    GcHeap *h = lang_run_heap(r);
    int32_t n = gc_event_count(h);
    uint64_t *fp = malloc(sizeof *fp * (size_t)(n + 1));
    for (int32_t c = 0; c <= n; c++) {
        gc_seek(h, c);
        fp[c] = fingerprint(h);
    }
    for (int32_t c = n; c >= 0; c--) {
        gc_seek(h, c);
        CHECK(fingerprint(h) == fp[c], "state at %d differs going back", c);
        if (failures)
            break;
    }
    /* random jumps */
    uint32_t seed = 12345;
    for (int k = 0; k < 2000 && !failures; k++) {
        seed = seed * 1103515245u + 12345u;
        int32_t c = (int32_t)(seed % (uint32_t)(n + 1));
        gc_seek(h, c);
        CHECK(fingerprint(h) == fp[c], "state at %d differs after a jump", c);
    }
    CHECK(n > 500, "only %d events", n);
    free(fp);
    lang_run_free(r);
    scenario_free(s);
}

/* gc_check at every micro-step of several scenarios. */
static void test_check_every_step(void)
{
    const char *progs[] = {BUSY,
        "{\"title\": \"t\", \"collector\": \"mark-sweep\", \"classes\": {\"N\": {}, \"P\": {\"__del__\": [\"g.append(self)\"]}},"
        " \"steps\": [\"g = []\", \"a = N()\", \"a.s = a\", \"p = P()\", \"p.a = a\", \"del a, p\", \"gc.collect()\", \"g.pop()\", \"gc.collect()\"]}",
        "{\"title\": \"t\", \"collector\": \"refcount\", \"classes\": {\"N\": {}},"
        " \"steps\": [\"a = N()\", \"a.s = a\", \"del a\", \"gc.collect()\", \"b = [N(), N()]\", \"del b\"]}"};
    for (size_t k = 0; k < sizeof progs / sizeof *progs; k++) {
        Scenario *s = load(progs[k]);
        LangRun *r = run(s, 1);
        GcHeap *h = lang_run_heap(r);
        char buf[512];
        for (int32_t c = 0; c <= gc_event_count(h); c++) {
            gc_seek(h, c);
            int rc = gc_check(h, buf, sizeof buf);
            CHECK(rc == 0, "program %zu, micro-step %d: %s", k, c, buf);
            if (rc)
                break;
        }
        lang_run_free(r);
        scenario_free(s);
    }
}

static void test_chain_million(void)
{
    Scenario *s = load("{\"title\": \"t\", \"classes\": {\"N\": {}}, \"steps\": [\"gc.disable()\","
                       "\"head = None\", {\"for\": \"i in range(1000000)\", \"body\": [\"n = N()\","
                       "\"n.next = head\", \"head = n\"]}, \"del n\", \"del head\"]}");
    LangRun *r = run(s, 0);
    const GcGlobals *g = gc_globals(lang_run_heap(r));
    CHECK(g->allocated == 1000000 && g->freed == 1000000, "allocated %lld freed %lld",
           (long long)g->allocated, (long long)g->freed);
    lang_run_free(r);
    scenario_free(s);
}

static void test_collectors(void)
{
    const char *prog = "{\"title\": \"t\", \"collector\": \"%s\", \"classes\": {\"N\": {}},"
                       " \"steps\": [\"a = N()\", \"b = N()\", \"a.p = b\", \"b.p = a\", \"keep = N()\","
                       " \"del a, b\", \"n = gc.collect()\"]}";
    char buf[512];
    snprintf(buf, sizeof buf, prog, "refcount");
    Scenario *s = load(buf);
    LangRun *r = run(s, 1);
    GcHeap *h = lang_run_heap(r);
    CHECK(gc_object(h, 1)->state == GC_STATE_ALIVE && (gc_object(h, 1)->flags & GC_F_LEAKED),
           "refcount: the cycle must leak");
    CHECK(!(gc_object(h, 3)->flags & GC_F_LEAKED), "refcount: keep is not leaked");
    int32_t na = gc_strtab_intern(gc_atoms(h), "n", 1);
    CHECK(gc_var_get(h, 0, na) == GC_MKVAL(GC_V_INT, 0), "refcount: collect() returns 0");
    lang_run_free(r);
    scenario_free(s);

    snprintf(buf, sizeof buf, prog, "mark-sweep");
    s = load(buf);
    r = run(s, 1);
    h = lang_run_heap(r);
    CHECK(gc_object(h, 1)->state == GC_STATE_FREED && gc_object(h, 2)->state == GC_STATE_FREED,
           "mark-sweep frees the cycle");
    CHECK(gc_object(h, 3)->state == GC_STATE_ALIVE, "mark-sweep keeps the rooted object");
    CHECK(gc_var_get(h, 0, gc_strtab_intern(gc_atoms(h), "n", 1)) == GC_MKVAL(GC_V_INT, 2),
           "mark-sweep returns 2");
    /* the tricolour steps: the rooted object turns grey (on the worklist),
     * then black (its references followed) */
    int grey = 0, black = 0, grey_first = 0;
    for (int32_t i = 0; i < gc_event_count(h); i++) {
        const GcEvent *e = gc_event(h, i);
        if (e->kind != GC_EV_MARK)
            continue;
        grey += e->a == 1;
        black += e->a == 0;
        grey_first |= e->a == 1 && black == 0;
    }
    CHECK(grey == 1 && black == 1 && grey_first, "one object marked grey then black, got %d grey, %d black",
           grey, black);
    lang_run_free(r);
    scenario_free(s);
}

static void test_weakrefs(void)
{
    /* F6: all callbacks before any __del__ in a collection; F4: __del__
     * before callback under refcounting. */
    Scenario *s = load("{\"title\": \"t\", \"classes\": {\"D\": {\"__del__\": [\"pass\"]}},"
                       " \"functions\": {\"cb\": {\"params\": [\"w\"], \"body\": [\"pass\"]}},"
                       " \"steps\": [\"gc.disable()\", \"a = D()\", \"b = D()\", \"a.p = b\", \"b.p = a\","
                       " \"wa = weakref.ref(a, cb)\", \"wb = weakref.ref(b, cb)\", \"del a, b\","
                       " \"gc.collect()\", \"c = D()\", \"wc = weakref.ref(c, cb)\", \"del c\","
                       " \"w2 = weakref.ref(D())\", \"x = w2()\"]}");
    LangRun *r = run(s, 1);
    GcHeap *h = lang_run_heap(r);
    char seq[256] = "";
    for (int32_t i = 0; i < gc_event_count(h); i++) {
        const GcEvent *e = gc_event(h, i);
        char one[32];
        if (e->kind == GC_EV_WEAKREF_CALLBACK)
            snprintf(one, sizeof one, "cb%d ", e->kind == GC_EV_WEAKREF_CALLBACK ? e->obj : 0);
        else if (e->kind == GC_EV_DEL_CALL)
            snprintf(one, sizeof one, "del%d ", e->obj);
        else
            continue;
        strncat(seq, one, sizeof seq - strlen(seq) - 1);
    }
    /* ids: a=1 b=2 tuple=3 wa=4 tuple=5 wb=6; c=7 tuple=8 wc=9; D()=10 */
    CHECK(strcmp(seq, "cb4 cb6 del1 del2 del7 cb9 del10 ") == 0, "event order: %s", seq);
    int32_t xa = gc_strtab_intern(gc_atoms(h), "x", 1);
    CHECK(gc_var_get(h, 0, xa) == GC_NONE, "a dead weakref returns None");
    lang_run_free(r);
    scenario_free(s);
}

static void test_counts(void)
{
    /* F7 and F11 */
    Scenario *s = load("{\"title\": \"t\", \"classes\": {\"N\": {}}, \"steps\": [\"gc.disable()\","
                       " \"a = N()\", \"b = N()\", \"a.p = b\", \"b.p = a\", \"gc.collect(0)\", \"gc.collect(1)\","
                       " \"del a, b\", \"gc.collect(0)\", \"gc.collect(1)\", \"n = gc.collect(2)\","
                       " \"x = N()\", \"del x\", \"o = N()\", \"gc.collect(0)\", \"del o\", \"y = N()\"]}");
    LangRun *r = run(s, 0);
    GcHeap *h = lang_run_heap(r);
    const GcGlobals *g = gc_globals(h);
    CHECK(g->count[0] == 1 && g->count[1] == 1 && g->count[2] == 0, "count %lld %lld %lld",
           (long long)g->count[0], (long long)g->count[1], (long long)g->count[2]);
    CHECK(g->stats[2].collected == 2 && g->stats[0].collected == 0, "stats");
    lang_run_free(r);
    scenario_free(s);
}

static void test_freelists(void)
{
    /* A freed list goes to the free list: the next list does not count. */
    Scenario *s = load("{\"title\": \"t\", \"steps\": [\"gc.disable()\", \"l = []\", \"del l\","
                       " \"m = []\", \"t = (m, m)\", \"del t\", \"u = (m, m)\"]}");
    LangRun *r = run(s, 0);
    const GcGlobals *g = gc_globals(lang_run_heap(r));
    CHECK(g->count[0] == 2, "count[0] = %lld, want 2 (list and tuple from the free lists)",
           (long long)g->count[0]);
    lang_run_free(r);
    scenario_free(s);
}

/* Every allocation failure ends in a clean status 3, never a crash or a
 * leak (the sanitizer build checks leaks). */
static void test_oom_sweep(void)
{
    Scenario *s = load(BUSY);
    gc_mem_fail_after(-1);
    LangRunOptions o;
    memset(&o, 0, sizeof o);
    o.record = 1;
    LangRun *r = lang_run(s->program, &o);
    long total = gc_mem_count();
    lang_run_free(r);
    CHECK(total > 50, "only %ld allocations", total);
    int ok = 0, oom = 0;
    for (long n = 0; n < total + 5; n++) {
        gc_mem_fail_after(n);
        r = lang_run(s->program, &o);
        gc_mem_fail_after(-1);
        if (!r) {
            oom++;
            continue;
        }
        int st = lang_run_status(r);
        CHECK(st == 0 || st == 3, "status %d after failing allocation %ld: %s", st, n,
               lang_run_error(r));
        if (st == 3)
            CHECK(strstr(lang_run_error(r), "memory") != NULL, "message: %s", lang_run_error(r));
        ok += st == 0;
        oom += st == 3;
        if (st == 0) {
            char buf[256];
            CHECK(gc_check(lang_run_heap(r), buf, sizeof buf) == 0, "heap: %s", buf);
        }
        lang_run_free(r);
    }
    CHECK(oom > 0 && ok > 0, "ok %d oom %d", ok, oom);
    scenario_free(s);
}

/* A lean run (gcviz run) reuses the records of freed objects: memory
 * follows the live objects, and everything the program prints and every
 * total is the same as in a run that keeps every record.  The program
 * churns self-cycles and pairs under automatic collections, with
 * finalizers that allocate and resurrect and weakref callbacks, so records
 * are freed and reused inside collections and teardowns. */
static void test_lean(void)
{
    const char *src =
        "import gc\nimport weakref\n"
        "graveyard = []\n"
        "class N:\n    def __init__(self, v):\n        self.v = v\n        self.me = self\n"
        "class D:\n    def __del__(self):\n        t = [self.v, (self.v, 1)]\n"
        "        if self.v % 97 == 0:\n            graveyard.append(self)\n"
        "def cb(w):\n    x = N(-1)\n"
        "total = 0\n"
        "for i in range(20000):\n"
        "    n = N(i)\n    d = D()\n    d.v = i\n    d.p = n\n    n.d = d\n"
        "    if i % 10 == 0:\n        w = weakref.ref(n, cb)\n"
        "    total += len([n, d])\n"
        "del n, d, w\n"
        "print(total, gc.collect(), len(graveyard))\n"
        "graveyard.clear()\n"
        "print(gc.collect(), gc.get_count())\n";
    char out[2][256];
    int64_t stats[2][5];
    GcId maxid[2];
    for (int lean = 0; lean < 2; lean++) {
        Scenario *s;
        LangRun *r = run_py("lean.py", src, lean, 0, out[lean], sizeof out[lean], &s);
        if (!s)
            return;
        const GcGlobals *g = gc_globals(lang_run_heap(r));
        stats[lean][0] = g->allocated;
        stats[lean][1] = g->freed;
        stats[lean][2] = g->stats[0].collections;
        stats[lean][3] = g->stats[1].collections;
        stats[lean][4] = g->stats[2].collected;
        maxid[lean] = gc_max_id(lang_run_heap(r));
        /* born and died are kept only by a heap that records (none here) */
        for (GcId id = 1; id <= maxid[lean]; id++)
            if (gc_born(lang_run_heap(r), id) != -1) {
                CHECK(0, "lean=%d: object %d has a birth event %d without a history", lean, id,
                       gc_born(lang_run_heap(r), id));
                break;
            }
        lang_run_free(r);
        scenario_free(s);
    }
    CHECK(strcmp(out[0], out[1]) == 0, "output differs:\n%s---\n%s", out[0], out[1]);
    CHECK(strncmp(out[0], "40000 ", 6) == 0, "unexpected output %s", out[0]);
    CHECK(memcmp(stats[0], stats[1], sizeof stats[0]) == 0,
           "totals differ: allocated %lld/%lld freed %lld/%lld collections %lld/%lld",
           (long long)stats[0][0], (long long)stats[1][0], (long long)stats[0][1],
           (long long)stats[1][1], (long long)stats[0][2], (long long)stats[1][2]);
    CHECK(stats[0][2] > 50, "few automatic collections: %lld", (long long)stats[0][2]);
    /* every object ever allocated has a record in a full run; a lean one
     * needs about the most objects alive at once (gen 0's threshold) */
    CHECK(maxid[0] >= stats[0][0], "full run: %d records for %lld objects", maxid[0],
           (long long)stats[0][0]);
    CHECK(maxid[1] < 5000, "lean run: %d records for %lld objects", maxid[1],
           (long long)stats[1][0]);
}

/* The first weakref to each object lives in a map (gc_object.c, "weakref
 * heads"): 3,000 objects with one or two weakrefs each die in a scrambled
 * order, so entries collide, move back on removal and the map grows.
 * Lean and recorded runs print what CPython 3.12 prints (every reference
 * cleared, every callback called); the recorded one, sought back and
 * forth, has each weakref in its referent's list and each head naming
 * its referent. */
/* The capacity of a list's slot storage follows CPython's list_resize
 * rule as it grows by appends (about an eighth over), a dict's doubles,
 * and neither shrinks when items go (capacities only grow: undo and redo
 * never allocate).  At every cursor of a recorded run, the slots beyond
 * nslots are empty. */
static uint32_t list_cap_after_appends(uint32_t n)
{
    uint32_t cap = 1; /* one slot inline */
    for (uint32_t k = 1; k <= n; k++)
        if (k > cap)
            cap = (k + (k >> 3) + 6) & ~3u;
    return cap;
}

static void test_slot_capacity(void)
{
    const char *src = "lst = []\n"
                      "for i in range(5000):\n"
                      "    lst.append(i)\n"
                      "d = {}\n"
                      "for i in range(100):\n"
                      "    d[i] = i\n"
                      "del lst[0:4000]\n"
                      "for i in range(90):\n"
                      "    del d[i]\n"
                      "print(len(lst), len(d))\n";
    CHECK(list_cap_after_appends(5000) == 5228 && list_cap_after_appends(2) == 8,
           "the rule: %u %u", list_cap_after_appends(5000), list_cap_after_appends(2));
    for (int rec = 0; rec < 2; rec++) {
        char out[256];
        Scenario *s;
        LangRun *r = run_py("capacity.py", src, !rec, rec, out, sizeof out, &s);
        if (!s)
            return;
        GcHeap *h = r ? lang_run_heap(r) : NULL;
        CHECK(strcmp(out, "1000 10\n") == 0, "output %s", out);
        if (!rec || !h) { /* a lean run: the same output (its heap is gone at the end) */
            lang_run_free(r);
            scenario_free(s);
            continue;
        }
        /* the state at the print, before the module's names are released */
        for (int32_t e = gc_event_count(h); e-- > 0;)
            if (gc_event(h, e)->kind == GC_EV_OUTPUT) {
                gc_seek(h, e);
                break;
            }
        int lists = 0, dicts = 0;
        for (GcId id = 1; id <= gc_max_id(h); id++) {
            const GcObject *o = gc_object(h, id);
            if (o->state != GC_STATE_ALIVE)
                continue;
            if (o->kind == GC_KIND_LIST && gc_nslots(o) == 1000) {
                lists++;
                CHECK(gc_slot_cap(o) == list_cap_after_appends(5000),
                       "rec=%d: list #%d has room for %u, not %u", rec, id, gc_slot_cap(o),
                       list_cap_after_appends(5000));
            } else if (o->kind == GC_KIND_DICT && gc_nslots(o) == 10) {
                dicts++;
                CHECK(gc_slot_cap(o) == 128, "rec=%d: dict #%d has room for %u, not 128", rec,
                       id, gc_slot_cap(o));
            }
        }
        CHECK(lists == 1 && dicts == 1, "rec=%d: %d lists, %d dicts found", rec, lists, dicts);
        for (int j = 0; j < 24; j++) {
            gc_seek(h, (int32_t)((int64_t)gc_event_count(h) * ((j * 7) % 24) / 24));
            for (GcId id = 1; id <= gc_max_id(h); id++) {
                const GcObject *o = gc_object(h, id);
                uint32_t cap = gc_slot_cap(o);
                CHECK(cap >= gc_nslots(o) && cap >= 1, "cursor %d: #%d: %u slots, room for %u",
                       gc_cursor(h), id, gc_nslots(o), cap);
                for (uint32_t i = gc_nslots(o); i < cap && o->kind != GC_KIND_WEAKREF; i++)
                    if (gc_slot(o, i).key != GC_UNBOUND || gc_slot(o, i).val != GC_UNBOUND) {
                        CHECK(0, "cursor %d: #%d: slot %u of %u is not empty", gc_cursor(h), id,
                               i, gc_nslots(o));
                        break;
                    }
            }
        }
        lang_run_free(r);
        scenario_free(s);
    }
}

static void test_weakref_heads(void)
{
    const char *src =
        "import gc\n"
        "import weakref\n"
        "class N:\n"
        "    pass\n"
        "called = []\n"
        "def cb(r):\n"
        "    called.append(1)\n"
        "objs = []\n"
        "refs = []\n"
        "for i in range(3000):\n"
        "    o = N()\n"
        "    objs.append(o)\n"
        "    refs.append(weakref.ref(o, cb))\n"
        "    if i % 3 == 0:\n"
        "        refs.append(weakref.ref(o))\n"
        "del o\n"
        "for i in range(3000):\n"
        "    j = (i * 1237) % 3000\n"
        "    objs[j] = None\n"
        "    if i % 600 == 0:\n"
        "        dead = 0\n"
        "        for r in refs:\n"
        "            if r() is None:\n"
        "                dead += 1\n"
        "        print(i, dead, len(called))\n"
        "dead = 0\n"
        "for r in refs:\n"
        "    if r() is None:\n"
        "        dead += 1\n"
        "print(dead, len(called), gc.collect())\n"
        ;
    char out[2][512];
    for (int rec = 0; rec < 2; rec++) {
        Scenario *s;
        LangRun *r = run_py("heads.py", src, !rec, rec, out[rec], sizeof out[rec], &s);
        if (!s)
            return;
        GcHeap *h = r ? lang_run_heap(r) : NULL;
        for (int j = 0; h && rec && j < 40; j++) {
            gc_seek(h, (int32_t)((int64_t)gc_event_count(h) * ((j * 17) % 40) / 40));
            for (GcId id = 1; id <= gc_max_id(h); id++) {
                const GcObject *o = gc_object(h, id);
                GcId w = gc_weakref_head(h, id);
                CHECK(!w || gc_object(h, w)->wr_referent == id,
                       "cursor %d: the first weakref %d to %d refers to %d", gc_cursor(h), w, id,
                       gc_object(h, w)->wr_referent);
                if (o->kind == GC_KIND_WEAKREF && o->state == GC_STATE_ALIVE && o->wr_referent) {
                    GcId x = gc_weakref_head(h, o->wr_referent);
                    for (int k = 0; x && x != id && k < 10; k++)
                        /* next: above the inline value's low nibble (gc_internal.h) */
                        x = (GcId)((gc_slot(gc_object(h, x), 0).val >> 4) & 0x3fffffffu);
                    CHECK(x == id, "cursor %d: weakref %d not in %d's list", gc_cursor(h), id,
                           o->wr_referent);
                }
            }
        }
        lang_run_free(r);
        scenario_free(s);
    }
    CHECK(strcmp(out[0], out[1]) == 0, "output differs:\n%s---\n%s", out[0], out[1]);
    CHECK(strstr(out[0], "\n2400 3202 2401\n4000 3000 0\n") != NULL, "unexpected output %s",
           out[0]);
}

/* A lean run clears a garbage list as CPython's list_clear does: its
 * items' block leaves it and is released from there (gc_collect.c,
 * tp_clear).  Lists in cycles with their items, ints among them, are
 * cleared by collections while the items' __del__ print, append to the
 * list being cleared (which gets a new block) and resurrect into a list
 * outside; the lean run prints and counts what the full run does, and
 * gc_check passes on both. */
static void test_lean_list_clear(void)
{
    const char *src =
        "import gc\n"
        "class D:\n    def __del__(self):\n        box.append(self.v)\n"
        "        if self.v % 7 == 0:\n            self.back.append(self)\n"
        "        if self.v % 50 == 0:\n            print('del', self.v, len(self.back))\n"
        "box = []\n"
        "for r in range(30):\n"
        "    lst = [r]\n    lst.append(lst)\n"
        "    for i in range(100):\n"
        "        d = D()\n        d.v = r * 100 + i\n        d.back = lst\n"
        "        lst.append(d)\n        lst.append(i)\n"
        "    del lst, d\n"
        "    print(r, gc.collect(), len(box))\n"
        "    box.clear()\n"
        "print(gc.collect(), gc.get_count())\n";
    char out[MODE_OUT];
    expect_prints_all_modes("clear.py", src, MODE_LEAN | MODE_PLAIN, NULL, out, sizeof out);
    CHECK(strstr(out, "del 2950") != NULL, "unexpected output %s", out);
}

/* A lean run's list tags (gc_collect.c): merges remap tags instead of
 * relabelling objects, and when all 254 are taken a list is walked to
 * relabel it.  Thresholds (5, 2, 10^6) give about 2,000 collections of
 * generation 1 (each merging into generation 2 with a new tag) and no full
 * one, with pairs surviving and dying in every generation, a finalizer and
 * a weakref.  The lean run prints the same, its lists hold the same numbers
 * of objects as the full run's, and gc_check finds every object in the
 * list its tag names, with right links and lengths. */
static void test_lean_list_tags(void)
{
    const char *src =
        "import gc\nimport weakref\n"
        "class N:\n    pass\n"
        "class F:\n    def __del__(self):\n        print('del', self.v)\n"
        "gc.set_threshold(5, 2, 1000000)\n"
        "keep = []\n"
        "for i in range(20000):\n"
        "    a = N()\n    b = N()\n    a.p = b\n    b.p = a\n    keep.append(a)\n"
        "    if i % 3 == 0:\n        keep.pop()\n"
        "    if i % 4000 == 0:\n        f = F()\n        f.v = i\n        f.me = f\n"
        "        w = weakref.ref(b)\n"
        "del a, b, f\n"
        "print(gc.get_count(), len(keep), gc.collect(1))\n";
    char out[MODE_OUT];
    expect_prints_all_modes("tags.py", src, MODE_LEAN | MODE_PLAIN, NULL, out, sizeof out);
    CHECK(strstr(out, "del 16000") != NULL, "unexpected output %s", out);
}

/* The key index of big dicts (gc_heap.c) against a scan of the slots, at
 * every micro-step of a recorded run, forwards, backwards and by jumps:
 * every key of every dict, and keys it does not hold, are found where a
 * scan finds them first.  The program grows dicts past the index's size,
 * deletes at the front, the middle and the end, re-inserts, pops, clears,
 * builds and drops many dicts (a lean run reuses their records), and moves
 * an instance's 32 attributes into a dict.  The lean run prints the same. */
static int dict_index_ok(GcHeap *h, int32_t cursor)
{
    GcValue absent[] = {GC_MKVAL(GC_V_INT, -1), GC_MKVAL(GC_V_INT, 4096),
                        GC_MKVAL(GC_V_STR, gc_strtab_intern(gc_atoms(h), "nokey", 5)), GC_NONE};
    int bad = 0;
    for (GcId id = 1; id <= gc_max_id(h) && !bad; id++) {
        const GcObject *o = gc_object(h, id);
        if (o->state != GC_STATE_ALIVE || o->kind != GC_KIND_DICT)
            continue;
        for (uint32_t i = 0; i < gc_nslots(o) + 4 && !bad; i++) {
            GcValue key = i < gc_nslots(o) ? gc_slot(o, i).key : absent[i - gc_nslots(o)];
            if (key == GC_UNBOUND)
                continue;
            int first = -1;
            for (uint32_t j = 0; j < gc_nslots(o) && first < 0; j++)
                if (gc_slot(o, j).key == key)
                    first = (int)j;
            int got = gc_slot_find(h, id, key);
            CHECK(got == first,
                   "cursor %d, dict #%d (%u slots, cap %u): key of slot %u found at %d, "
                   "first at %d",
                   cursor, id, gc_nslots(o), gc_slot_cap(o), i, got, first);
            bad = got != first;
        }
    }
    char buf[512];
    int rc = gc_check(h, buf, sizeof buf);
    CHECK(rc == 0, "cursor %d: %s", cursor, buf);
    return !bad && rc == 0;
}

static void test_dict_index(void)
{
    char src[4096];
    int len = snprintf(src, sizeof src, "import gc\nclass Wide:\n    def __init__(self):\n");
    for (int i = 0; i < 32; i++)
        len += snprintf(src + len, sizeof src - (size_t)len, "        self.a%d = %d\n", i, i);
    snprintf(src + len, sizeof src - (size_t)len, "%s",
             "d = {}\n"
             "for i in range(60):\n    d[i * 1024] = [i]\n    d[\"s\" + str(i)] = i\n"
             "for i in range(0, 60, 4):\n    del d[i * 1024]\n"
             "for i in range(0, 60, 8):\n    d[i * 1024] = i\n"
             "n = 0\n"
             "while len(d) > 70:\n    for k in d:\n        break\n    del d[k]\n    n += 1\n"
             "p = d.pop(\"s33\")\n"
             "t = 0\nfor k in d:\n    if k in d:\n        t += 1\n"
             "e = {}\n"
             "for j in range(120):\n    e = {}\n    for k in range(j % 23):\n        e[k] = j\n"
             "    e[j] = None\n"
             "w = Wide()\nw.b = 1\ndel w.a7\nw.a31 = [w.a30, w.b]\n"
             "d.clear()\n"
             "for i in range(30):\n    d[str(i)] = i\n"
             "print(n, t, len(d), len(e), d[\"29\"], d.get(\"x\"), 7 in e, p, w.a31)\n");
    char out[2][256];
    for (int lean = 0; lean < 2; lean++) {
        Scenario *s;
        LangRun *r = run_py("dicts.py", src, lean, !lean, out[lean], sizeof out[lean], &s);
        if (!s)
            return;
        if (!r || lang_run_status(r) != 0) {
            lang_run_free(r);
            scenario_free(s);
            return;
        }
        GcHeap *h = lang_run_heap(r);
        int32_t end = gc_event_count(h);
        int ok = 1;
        for (int32_t c = 0; c <= end && ok && !lean; c++) {
            gc_seek(h, c);
            ok = dict_index_ok(h, c);
        }
        for (int32_t c = end; c >= 0 && ok && !lean; c--) {
            gc_seek(h, c);
            ok = dict_index_ok(h, c);
        }
        uint32_t x = 12345;
        for (int k = 0; k < 2000 && ok && !lean; k++) {
            x = x * 1103515245u + 12345u;
            int32_t c = (int32_t)((x >> 8) % (uint32_t)(end + 1));
            gc_seek(h, c);
            ok = dict_index_ok(h, c);
        }
        CHECK(lean || end > 5000, "only %d micro-steps", end);
        lang_run_free(r);
        scenario_free(s);
    }
    /* what CPython 3.12 prints for the program */
    CHECK(strcmp(out[0], "43 69 30 5 29 None False 33 [30, 1]\n") == 0, "prints %s", out[0]);
    CHECK(strcmp(out[0], out[1]) == 0, "a lean run prints %s", out[1]);
}

/* Instances and built tuples as dict keys (the dict owns a reference to
 * each key): what CPython 3.12 prints for a program whose keys die with
 * their entries and dicts, in cycles through a key and in a clear, the
 * same in every mode; gc_check at every micro-step of the recorded run,
 * forwards and backwards (every key counted in its object's refcount). */
static void test_dict_object_keys(void)
{
    static const char src[] = "import gc\n"
                              "class N:\n"
                              "    def __init__(self, i):\n"
                              "        self.i = i\n"
                              "    def __del__(self):\n"
                              "        print(\"del\", self.i)\n"
                              "gc.collect()\n"
                              "d = {}\n"
                              "for i in range(4):\n"
                              "    d[(i, i + 1)] = N(i)\n"
                              "    d[N(100 + i)] = i\n"
                              "n = N(7)\n"
                              "n.d = {n: (n, 1)}\n"
                              "del n\n"
                              "for k in d:\n"
                              "    break\n"
                              "del d[k]\n"
                              "del k\n"
                              "p = {N(300): 1, (N(301), 2): N(302)}\n"
                              "print(gc.collect(), len(d))\n"
                              "d.clear()\n"
                              "keep = {N(400): 0}\n"
                              "del p\n"
                              "print(gc.collect())\n";
    /* what CPython 3.12.1 and 3.13.0 print */
    static const char expect[] = "del 0\ndel 7\n3 7\ndel 100\ndel 1\ndel 101\ndel 2\ndel 102\n"
                                 "del 3\ndel 103\ndel 300\ndel 301\ndel 302\n0\ndel 400\n";
    char out[MODE_OUT];
    expect_prints_all_modes("keys.py", src, MODES_ALL, expect, out, sizeof out);
    Scenario *s;
    LangRun *r = run_py("keys.py", src, 0, 1, out, sizeof out, &s);
    if (!s)
        return;
    if (r && lang_run_status(r) == 0) {
        GcHeap *h = lang_run_heap(r);
        int32_t end = gc_event_count(h);
        int ok = 1;
        for (int32_t c = 0; c <= end && ok; c++) {
            gc_seek(h, c);
            ok = dict_index_ok(h, c);
        }
        for (int32_t c = end; c >= 0 && ok; c--) {
            gc_seek(h, c);
            ok = dict_index_ok(h, c);
        }
    }
    lang_run_free(r);
    scenario_free(s);
}

/* Records never move (issue 11): a GcObject pointer taken before a decref
 * whose __del__ makes objects over several chunks of the object storage
 * still reads its record after it (under ASan the old doubling array,
 * which realloc moved, made this a use after free), also after seeks in a
 * recorded run, and in a lean run.  The engine's own code may hold a
 * record across anything that allocates for the same reason. */
typedef struct GrowCtx {
    GcId keep;
    uint32_t n;
} GrowCtx;

static int del_allocates(void *ctx, GcHeap *h, GcId self)
{
    GrowCtx *g = ctx;
    (void)self;
    for (uint32_t i = 0; i < g->n; i++) {
        GcId id = gc_new(h, GC_KIND_LIST, 0);
        if (!id || gc_slot_set(h, g->keep, gc_nslots(gc_object(h, g->keep)), GC_UNBOUND,
                               GC_VAL_OBJ(id)) < 0)
            return -1;
    }
    return 0;
}

static void test_stable_records(void)
{
    for (int lean = 0; lean < 2; lean++) {
        GcStrtab *atoms = gc_strtab_new();
        GrowCtx g = {0, 3 * GC_OBJ_CHUNK + 17};
        GcHost host = {&g, del_allocates, NULL, NULL};
        GcConfig cfg;
        memset(&cfg, 0, sizeof cfg);
        cfg.python = 312;
        cfg.record = !lean;
        cfg.lean = lean;
        GcHeap *h = gc_heap_new(&cfg, atoms, &host);
        int32_t cls = gc_class_add(h, gc_strtab_intern(atoms, "D", 1), 1);
        int32_t keep_name = gc_strtab_intern(atoms, "keep", 4);
        int32_t d_name = gc_strtab_intern(atoms, "d", 1);
        g.keep = gc_new(h, GC_KIND_LIST, 0);
        gc_var_set(h, 0, keep_name, GC_VAL_OBJ(g.keep));
        GcId d = gc_new(h, GC_KIND_INSTANCE, cls);
        gc_var_set(h, 0, d_name, GC_VAL_OBJ(d));
        const GcObject *keep = gc_object(h, g.keep), *dead = gc_object(h, d);
        CHECK(gc_max_id(h) < GC_OBJ_CHUNK, "lean=%d: %d records before", lean, gc_max_id(h));
        /* d's count falls to 0: its __del__ makes n lists, stored in keep */
        CHECK(gc_var_set(h, 0, d_name, GC_NONE) == 0, "lean=%d: %s", lean, gc_error(h));
        CHECK(gc_max_id(h) > 3 * GC_OBJ_CHUNK, "lean=%d: only %d records", lean, gc_max_id(h));
        CHECK(keep == gc_object(h, g.keep) && dead == gc_object(h, d), "lean=%d: records moved",
               lean);
        CHECK(gc_object_id(h, keep) == g.keep && keep->kind == GC_KIND_LIST && gc_nslots(keep) == g.n &&
                   keep->refcnt == 1,
               "lean=%d: keep reads id %d kind %d, %u slots, count %d", lean, gc_object_id(h, keep),
               keep->kind, gc_nslots(keep), keep->refcnt);
        CHECK(gc_object_id(h, dead) == d && dead->state == GC_STATE_FREED, "lean=%d: d reads id %d state %d",
               lean, gc_object_id(h, dead), dead->state);
        if (!lean) {
            char buf[256];
            CHECK(gc_check(h, buf, sizeof buf) == 0, "gc_check: %s", buf);
            int32_t end = gc_event_count(h);
            gc_seek(h, 2);
            CHECK(keep == gc_object(h, g.keep) && gc_nslots(keep) == 0, "seek back: %u slots",
                   gc_nslots(keep));
            gc_seek(h, end);
            CHECK(keep == gc_object(h, g.keep) && gc_nslots(keep) == g.n, "seek forward: %u slots",
                   gc_nslots(keep));
        }
        gc_heap_free(h);
        gc_strtab_free(atoms);
    }
}

/* Teardowns in a lean run take a shorter path for objects with no
 * __del__, no weakref and no slot to release (gc_teardown.c: lean_plain,
 * tear_leaf): the deallocations come in the same order as in a recorded
 * run and in CPython 3.12.  Cycles of instances are collected, with
 * finalizers (one resurrects), weakrefs to the garbage and in it,
 * objects with no attribute and lists among them; then chains of 120
 * objects (past the trashcan's 50 levels) die by refcount, their
 * weakref callbacks and __del__ interleaved, the second one in a cycle
 * collected after.  Expected: what python3.12 prints for this program. */
static void test_lean_teardown_order(void)
{
    const char *src =
        "import gc\n"
        "import weakref\n"
        "order = []\n"
        "keep = []\n"
        "class P:\n"
        "    pass\n"
        "class D:\n"
        "    def __init__(self, n):\n"
        "        self.n = n\n"
        "    def __del__(self):\n"
        "        order.append(self.n)\n"
        "        if self.n % 100 == 14:\n"
        "            keep.append(self)\n"
        "def cb(w):\n"
        "    order.append(-1)\n"
        "refs = []\n"
        "def make(k):\n"
        "    head = P()\n"
        "    head.me = head\n"
        "    x = head\n"
        "    for i in range(60):\n"
        "        y = P()\n"
        "        x.next = y\n"
        "        x = y\n"
        "        if i % 7 == 0:\n"
        "            x.d = D(k * 100 + i)\n"
        "        if i % 11 == 0:\n"
        "            refs.append(weakref.ref(x, cb))\n"
        "        if i % 13 == 0:\n"
        "            x.w = weakref.ref(head, cb)\n"
        "        if i % 17 == 0:\n"
        "            x.e = P()\n"
        "    x.items = [D(k * 100 + 90), P(), D(k * 100 + 91), head]\n"
        "gc.disable()\n"
        "for k in range(5):\n"
        "    make(k)\n"
        "print(gc.collect())\n"
        "print(order)\n"
        "print(len(keep), keep[0].n)\n"
        "keep.clear()\n"
        "print(gc.collect(), order[-3:])\n"
        "def chain(k):\n"
        "    head = P()\n"
        "    x = head\n"
        "    for i in range(120):\n"
        "        y = P()\n"
        "        x.next = y\n"
        "        x = y\n"
        "        if i % 9 == 0:\n"
        "            x.d = D(1000 + k * 200 + i)\n"
        "        if i % 10 == 0:\n"
        "            refs.append(weakref.ref(x, cb))\n"
        "        if i % 19 == 0:\n"
        "            x.l = [P(), D(5000 + i), weakref.ref(y, cb), P()]\n"
        "    return head\n"
        "n0 = len(order)\n"
        "c = chain(0)\n"
        "c2 = chain(1)\n"
        "c2.next.next.back = c2\n"
        "del c\n"
        "print(order[n0:])\n"
        "n0 = len(order)\n"
        "del c2\n"
        "print(gc.collect(), order[n0:])\n";
    const char *expect =
        "410\n"
        "[-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, "
        "-1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 7, 14, 21, 28, 35, 42, 49, 56, 90, 91, 100, 107, "
        "114, 121, 128, 135, 142, 149, 156, 190, 191, 200, 207, 214, 221, 228, 235, 242, 249, "
        "256, 290, 291, 300, 307, 314, 321, 328, 335, 342, 349, 356, 390, 391, 400, 407, 414, "
        "421, 428, 435, 442, 449, 456, 490, 491]\n"
        "5 14\n"
        "0 [456, 490, 491]\n"
        "[-1, -1, 1000, 5000, -1, -1, 5019, -1, -1, -1, 5038, -1, 1036, 1027, 1018, 1009, 1045, "
        "-1, -1, 5057, -1, -1, -1, 5076, -1, -1, 1090, 1081, 1072, 1063, 1054, -1, 5095, -1, -1, "
        "-1, 5114, 1117, 1108, 1099]\n"
        "177 [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1200, 5000, 1209, 1218, 5019, "
        "1227, 1236, 5038, 1245, 1254, 5057, 1263, 1272, 5076, 1281, 1290, 5095, 1299, 1308, "
        "5114, 1317]\n";
    expect_prints_all_modes("order.py", src, MODES_ALL, expect, NULL, 0);
}

/* A lean run's move_unreachable moves the unreachable objects it finds
 * one after the other as one run (gc_collect.c, move_unreachable_lean).
 * Young holds garbage self-cycles with __del__ interleaved with objects
 * that look unreachable until a later object (the last of a chain held
 * by a list made after them) makes them reachable again: the first
 * collection finalizes the garbage in list order, the second (the chain
 * dropped) finalizes the objects moved back, in the order the moves left
 * them.  Lean, plain and recorded runs print what python3.12 prints. */
static void test_lean_unreachable_runs(void)
{
    const char *src =
        "import gc\n"
        "order = []\n"
        "class D:\n"
        "    def __init__(self, n):\n"
        "        self.n = n\n"
        "    def __del__(self):\n"
        "        order.append(self.n)\n"
        "gc.disable()\n"
        "last = None\n"
        "for i in range(40):\n"
        "    g = D(i)\n"
        "    g.me = g\n"
        "    x = D(100 + i)\n"
        "    g2 = D(200 + i)\n"
        "    g2.me = g2\n"
        "    y = D(300 + i)\n"
        "    y.x = x\n"
        "    y.me = y\n"
        "    if i % 4 != 3:\n"
        "        y.prev = last\n"
        "        last = y\n"
        "del g, x, g2, y\n"
        "keep = [last]\n"
        "del last\n"
        "print(gc.collect(), order)\n"
        "order.clear()\n"
        "keep.clear()\n"
        "print(gc.collect(), order)\n";
    const char *expect =
        "100 [0, 200, 1, 201, 2, 202, 3, 103, 203, 303, 4, 204, 5, 205, 6, 206, 7, 107, 207, "
        "307, 8, 208, 9, 209, 10, 210, 11, 111, 211, 311, 12, 212, 13, 213, 14, 214, 15, 115, "
        "215, 315, 16, 216, 17, 217, 18, 218, 19, 119, 219, 319, 20, 220, 21, 221, 22, 222, 23, "
        "123, 223, 323, 24, 224, 25, 225, 26, 226, 27, 127, 227, 327, 28, 228, 29, 229, 30, 230, "
        "31, 131, 231, 331, 32, 232, 33, 233, 34, 234, 35, 135, 235, 335, 36, 236, 37, 237, 38, "
        "238, 39, 139, 239, 339]\n"
        "60 [338, 138, 337, 137, 336, 136, 334, 134, 333, 133, 332, 132, 330, 130, 329, 129, "
        "328, 128, 326, 126, 325, 125, 324, 124, 322, 122, 321, 121, 320, 120, 318, 118, 317, "
        "117, 316, 116, 314, 114, 313, 113, 312, 112, 310, 110, 309, 109, 308, 108, 306, 106, "
        "305, 105, 304, 104, 302, 102, 301, 101, 300, 100]\n";
    expect_prints_all_modes("runs.py", src, MODES_ALL, expect, NULL, 0);
}

/* delete_garbage in a lean run (gc_collect.c: clear_instance_lean, the
 * deallocation of the list's head, gc__dealloc_head; gc_teardown.c: the
 * leaf's short path): a garbage set of self-cycles, instances with
 * several attributes (ints, None, strings), attributes stored out of
 * their class's key order, weakrefs to the garbage with and without
 * callbacks, finalizers (one resurrects, one stores two new objects in
 * its owner's attributes, whose __del__ then run inside the owner's
 * tp_clear, in attribute order), then a loop of
 * automatic collections of self-cycles with a few finalizers and
 * weakrefs among them.  Lean, recorded and plain runs print what
 * python3.12 (3.12.1) prints, and end with the same totals. */
static void test_lean_mixed_garbage(void)
{
    const char *src =
        "import gc\n"
        "import weakref\n"
        "order = []\n"
        "keep = []\n"
        "class P:\n"
        "    pass\n"
        "class Q:\n"
        "    pass\n"
        "class B:\n"
        "    pass\n"
        "class D:\n"
        "    def __init__(self, n):\n"
        "        self.n = n\n"
        "    def __del__(self):\n"
        "        order.append(self.n)\n"
        "        if self.n % 10 == 3:\n"
        "            keep.append(self)\n"
        "        if self.n % 10 == 5:\n"
        "            self.owner.s1 = L(self.n + 1000)\n"
        "            self.owner.s2 = L(self.n + 2000)\n"
        "class L:\n"
        "    def __init__(self, n):\n"
        "        self.n = n\n"
        "        self.q = Q()\n"
        "    def __del__(self):\n"
        "        order.append(self.n)\n"
        "        keep.append(self.q)\n"
        "def cb(w):\n"
        "    order.append(-1)\n"
        "def later(w):\n"
        "    order.append(-2)\n"
        "gc.disable()\n"
        "for k in range(6):\n"
        "    a = P()\n"
        "    a.me = a\n"
        "    b = B()\n"
        "    b.x = 1\n"
        "    b.me = b\n"
        "    b.y = None\n"
        "    b.s1 = None\n"
        "    b.s2 = 0\n"
        "    c = Q()\n"
        "    c.v = 'c'\n"
        "    c.u = c\n"
        "    c2 = Q()\n"
        "    c2.u = c2\n"
        "    c2.v = 'd'\n"
        "    d = D(k * 10 + 5)\n"
        "    d.owner = b\n"
        "    b.d = d\n"
        "    e = D(k * 10 + 3)\n"
        "    e.me = e\n"
        "    e.p = a\n"
        "    f = D(k * 10 + 7)\n"
        "    f.owner = c\n"
        "    c.f = f\n"
        "    w = weakref.ref(a, cb)\n"
        "    keep.append(w)\n"
        "    b.w = weakref.ref(c, later)\n"
        "    c2.w = weakref.ref(b)\n"
        "    g = P()\n"
        "    g.me = g\n"
        "    g.h = P()\n"
        "    g.h.i = P()\n"
        "print(gc.collect())\n"
        "print(order)\n"
        "ns = []\n"
        "for x in keep:\n"
        "    if isinstance(x, D):\n"
        "        ns.append(x.n)\n"
        "print(len(keep), ns)\n"
        "np = 0\n"
        "for x in keep:\n"
        "    if isinstance(x, Q):\n"
        "        np = np + 1\n"
        "print(np)\n"
        "del x\n"
        "del a, b, c, c2, d, e, f, g, w\n"
        "print(gc.collect())\n"
        "print(order)\n"
        "keep.clear()\n"
        "print(gc.collect(), order[-6:])\n"
        "for i in range(3000):\n"
        "    t = P()\n"
        "    t.me = t\n"
        "    if i % 500 == 0:\n"
        "        u = D(i)\n"
        "        u.me = u\n"
        "        u.t = t\n"
        "        v = weakref.ref(t, cb)\n"
        "del t, u, v\n"
        "print(gc.collect(), order[-8:], gc.get_count())\n";
    const char *expect =
        "50\n"
        "[-1, -1, -1, -1, -1, 5, 3, 7, 15, 13, 17, 25, 23, 27, 35, 33, 37, 45, 43, 47, 1005, "
        "2005, 1015, 2015, 1025, 2025, 1035, 2035, 1045, 2045]\n"
        "21 [3, 13, 23, 33, 43]\n"
        "10\n"
        "10\n"
        "[-1, -1, -1, -1, -1, 5, 3, 7, 15, 13, 17, 25, 23, 27, 35, 33, 37, 45, 43, 47, 1005, "
        "2005, 1015, 2015, 1025, 2025, 1035, 2035, 1045, 2045, -1, 55, 53, 57, 1055, 2055]\n"
        "12 [-1, 55, 53, 57, 1055, 2055]\n"
        "3006 [1055, 2055, 0, 500, 1000, 1500, 2000, 2500] (1, 0, 0)\n";
    expect_prints_all_modes("mixed.py", src, MODES_ALL, expect, NULL, 0);
}

/* delete_garbage's plain heads in a lean run (gc_teardown.c:
 * gc__delete_plain_heads): no __del__ and no weakref in the program, so
 * runs of self-cycles and 2-cycles of one-attribute instances are freed in
 * its one loop, between heads it leaves to the general path: an instance
 * with two attributes, a 2-cycle whose other half holds a list or has
 * another referrer (kept), a half whose attribute is the last reference
 * to its object, objects that survive their tp_clear (referenced from
 * later garbage), ints and strings as attributes; with gc disabled and
 * then in a loop of automatic collections.  Counts (gc.get_count) and the
 * shared object's references along the way: lean, recorded and plain
 * runs print what python3.12 (3.12.1) prints, with the same totals. */
static void test_lean_plain_heads(void)
{
    const char *src =
        "import gc\n"
        "import sys\n"
        "class P:\n"
        "    pass\n"
        "class Q:\n"
        "    pass\n"
        "shared = P()\n"
        "keep = []\n"
        "gc.disable()\n"
        "for k in range(40):\n"
        "    a = P()\n"
        "    a.me = a\n"
        "    b = P()\n"
        "    c = Q()\n"
        "    b.peer = c\n"
        "    c.peer = b\n"
        "    d = P()\n"
        "    e = P()\n"
        "    d.peer = e\n"
        "    e.n = shared\n"
        "    e.back = d\n"
        "    f = P()\n"
        "    g = P()\n"
        "    f.peer = g\n"
        "    g.peer = shared\n"
        "    f.me = f\n"
        "    h = P()\n"
        "    h.me = h\n"
        "    i = P()\n"
        "    i.me = i\n"
        "    h2 = P()\n"
        "    h2.x = h\n"
        "    h.x2 = i\n"
        "    j = P()\n"
        "    j.lst = [j, shared]\n"
        "    m = P()\n"
        "    m.me = m\n"
        "    m2 = P()\n"
        "    m2.peer = m\n"
        "    m.p = 1\n"
        "    n = P()\n"
        "    o = P()\n"
        "    n.peer = o\n"
        "    o.peer = n\n"
        "    if k % 3 == 0:\n"
        "        keep.append(o)\n"
        "    p = P()\n"
        "    p.v = 7\n"
        "    p2 = P()\n"
        "    p2.peer = p2\n"
        "    q = P()\n"
        "    r = P()\n"
        "    q.peer = r\n"
        "    r.peer = q\n"
        "    r.other = 'x'\n"
        "print(sys.getrefcount(shared))\n"
        "del a, b, c, d, e, f, g, h, i, h2, j, m, m2, n, o, p, p2, q, r\n"
        "print(gc.collect(), gc.get_count(), sys.getrefcount(shared), len(keep))\n"
        "print(keep[0].peer.peer is keep[0])\n"
        "keep.clear()\n"
        "print(gc.collect(), gc.get_count())\n"
        "gc.enable()\n"
        "for k in range(5000):\n"
        "    t = P()\n"
        "    t.me = t\n"
        "    if k % 7 == 0:\n"
        "        u = P()\n"
        "        v = P()\n"
        "        u.peer = v\n"
        "        v.peer = u\n"
        "    if k % 11 == 0:\n"
        "        w = P()\n"
        "        w.peer = shared\n"
        "        x = P()\n"
        "        x.peer = w\n"
        "        w.back = x\n"
        "    if k % 13 == 0:\n"
        "        keep.append(t)\n"
        "    if k % 499 == 0:\n"
        "        print(k, gc.get_count(), sys.getrefcount(shared))\n"
        "del t, u, v, w, x\n"
        "print(gc.collect(), gc.get_count(), sys.getrefcount(shared), len(keep))\n"
        "keep.clear()\n"
        "print(gc.collect(), gc.get_count())\n";
    const char *expect =
        "122\n"
        "652 (0, 0, 0) 2 14\n"
        "True\n"
        "28 (0, 0, 0)\n"
        "0 (7, 0, 0) 3\n"
        "499 (38, 1, 0) 6\n"
        "998 (68, 2, 0) 9\n"
        "1497 (100, 3, 0) 13\n"
        "1996 (132, 4, 0) 15\n"
        "2495 (162, 5, 0) 18\n"
        "2994 (194, 6, 0) 21\n"
        "3493 (226, 7, 0) 24\n"
        "3992 (256, 8, 0) 27\n"
        "4491 (288, 9, 0) 31\n"
        "4990 (318, 10, 0) 34\n"
        "379 (0, 0, 0) 2 385\n"
        "385 (0, 0, 0)\n";
    expect_prints_all_modes("plain.py", src, MODES_ALL, expect, NULL, 0);
}

/* The records live in a range of address space reserved for max_objects
 * of them (gc_heap.c, objs_reserve), made usable as the heap grows: the
 * last id it allows, max_objects, has a record that reads back what was
 * written, the next allocation is refused with the limit's MemoryError
 * (not a crash past the range), and the first record never moved.  Lean
 * and recorded, at limits inside the first chunk, in the fourth (made
 * usable alone: the reserved range ends there, mid-group) and at
 * GC_MAX_ID (only a few objects made). */
static void test_id_cap(void)
{
    const int64_t limits[] = {100, (int64_t)GC_OBJ_CHUNK * 3 + 3, GC_MAX_ID};
    for (int lean = 0; lean < 2; lean++)
        for (int k = 0; k < 3; k++) {
            GcStrtab *atoms = gc_strtab_new();
            GcConfig cfg;
            memset(&cfg, 0, sizeof cfg);
            cfg.python = 312;
            cfg.record = !lean;
            cfg.lean = lean;
            cfg.max_objects = limits[k];
            GcHeap *h = gc_heap_new(&cfg, atoms, NULL);
            CHECK(h != NULL, "lean=%d max %lld: no heap", lean, (long long)limits[k]);
            if (!h) {
                gc_strtab_free(atoms);
                continue;
            }
            int32_t keep_name = gc_strtab_intern(atoms, "keep", 4);
            GcId keep = gc_new(h, GC_KIND_LIST, 0);
            gc_var_set(h, 0, keep_name, GC_VAL_OBJ(keep));
            const GcObject *first = gc_object(h, keep);
            int64_t want = k == 2 ? 1000 : limits[k];
            GcId last = keep;
            for (int64_t i = 1; i < want; i++) {
                last = gc_new(h, GC_KIND_TUPLE, 1);
                /* keep's item holds it (its reference moved in) */
                if (!last || gc_slot_set(h, keep, (uint32_t)(i - 1), GC_UNBOUND, GC_VAL_OBJ(last)) < 0)
                    break;
            }
            CHECK(last && gc_max_id(h) == want, "lean=%d max %lld: %d records, %s", lean,
                   (long long)limits[k], gc_max_id(h), gc_error(h));
            const GcObject *o = last ? gc_object(h, last) : NULL;
            CHECK(o && gc_object_id(h, o) == last && o->kind == GC_KIND_TUPLE && o->refcnt == 1 &&
                       o->state == GC_STATE_ALIVE,
                   "lean=%d max %lld: the last record reads wrong", lean, (long long)limits[k]);
            CHECK(first == gc_object(h, keep) && gc_nslots(first) == (uint32_t)(want - 1),
                   "lean=%d max %lld: the first record moved or reads %u items", lean,
                   (long long)limits[k], gc_nslots(first));
            if (k < 2) {
                CHECK(gc_new(h, GC_KIND_TUPLE, 1) == 0 && gc_limit_hit(h) &&
                           strstr(gc_error(h), "MemoryError") != NULL,
                       "lean=%d max %lld: allocation past the limit: %s", lean,
                       (long long)limits[k], gc_error(h));
            }
            gc_heap_free(h);
            gc_strtab_free(atoms);
        }
}

/* A record is 32 bytes (gc.h): a class index has GC_CLS_BITS bits with
 * its sign, a weakref's callback 31.  The largest values read back as
 * stored; a program past either limit stops with a clear message
 * (gc_limit_hit: the program's, not the machine's), never with a wrong
 * class or callback.  The class limit is reached by making the heap
 * believe it has GC_MAX_CLASSES classes (16 million class statements
 * would take gigabytes). */
static void test_record_limits(void)
{
    GcObject rec;
    memset(&rec, 0, sizeof rec);
    rec.cls = GC_MAX_CLASSES - 1;
    CHECK(rec.cls == GC_MAX_CLASSES - 1, "class %d reads %d", GC_MAX_CLASSES - 1, (int)rec.cls);
    rec.cls = -1;
    CHECK(rec.cls == -1 && rec.key0 == 0 && rec.list == 0, "class -1 reads %d (key0 %u list %u)",
           (int)rec.cls, (unsigned)rec.key0, (unsigned)rec.list);
    rec.wr_referent = GC_MAX_ID;
    CHECK(rec.wr_referent == GC_MAX_ID, "referent %d reads %d", GC_MAX_ID, (int)rec.wr_referent);
    rec.key0 = 0x7fffffffu;
    CHECK(rec.key0 == 0x7fffffffu && rec.wr_referent == GC_MAX_ID && rec.list == 0,
           "key0 2^31 - 1 reads %u", (unsigned)rec.key0);
    for (int record = 0; record < 2; record++) {
        GcStrtab *atoms = gc_strtab_new();
        GcConfig cfg;
        memset(&cfg, 0, sizeof cfg);
        cfg.python = 312;
        cfg.record = record;
        GcHeap *h = gc_heap_new(&cfg, atoms, NULL);
        CHECK(h != NULL, "no heap");
        if (!h) {
            gc_strtab_free(atoms);
            continue;
        }
        int32_t c = gc_class_add(h, gc_strtab_intern(atoms, "C", 1), 0);
        GcId o = gc_new(h, GC_KIND_INSTANCE, c);
        GcValue ok = GC_MKVAL(GC_V_FUNC, ((int64_t)1 << 27) - 1);
        GcId w = gc_new_weakref(h, o, ok);
        const GcObject *wo = w ? gc_object(h, w) : NULL;
        CHECK(wo && GC_WR_CALLBACK(wo) == ok && wo->wr_referent == (uint64_t)o &&
                   gc_object(h, o)->cls == c,
               "record=%d: the last function's callback reads %llx", record,
               wo ? (unsigned long long)GC_WR_CALLBACK(wo) : 0ull);
        CHECK(gc_new_weakref(h, o, GC_MKVAL(GC_V_FUNC, (int64_t)1 << 27)) == 0 &&
                   gc_limit_hit(h) && strstr(gc_error(h), "gcviz's limit") != NULL,
               "record=%d: a callback past the limit: %s", record, gc_error(h));
        gc_heap_free(h);
        h = gc_heap_new(&cfg, atoms, NULL);
        int32_t n = h->nclasses;
        h->nclasses = GC_MAX_CLASSES;
        CHECK(gc_class_add(h, gc_strtab_intern(atoms, "D", 1), 0) == -1 && gc_limit_hit(h) &&
                   strstr(gc_error(h), "16777216 classes (gcviz's limit)") != NULL,
               "record=%d: a class past the limit: %s", record, gc_error(h));
        h->nclasses = n;
        gc_heap_free(h);
        gc_strtab_free(atoms);
    }
}

/* The growable-array helper: capacities double from the first one until
 * the need fits, an allocation failure leaves the array as it was, and a
 * capacity past INT32_MAX is refused instead of wrapping. */
static void test_vec(void)
{
    int32_t *a = NULL, n = 0, cap = 0;
    int32_t caps[3];
    for (int32_t i = 0; i < 9; i++) {
        CHECK(GC_VEC_ROOM(a, n, cap, 4, gc_realloc) == 0, "push %d failed", (int)i);
        a[n++] = i * 7;
        if (i == 0 || i == 4 || i == 8)
            caps[i / 4] = cap;
    }
    CHECK(caps[0] == 4 && caps[1] == 8 && caps[2] == 16, "capacities %d %d %d, want 4 8 16",
           (int)caps[0], (int)caps[1], (int)caps[2]);
    CHECK(GC_VEC_RESERVE(a, 100, cap, 4, gc_realloc) == 0 && cap == 128, "reserve 100: cap %d",
           (int)cap);
    int32_t *before = a;
    gc_mem_fail_after(0);
    int r = GC_VEC_RESERVE(a, 129, cap, 4, gc_realloc);
    gc_mem_fail_after(-1);
    CHECK(r == -1 && a == before && cap == 128, "failed growth: %d, cap %d", r, (int)cap);
    int ok = 1;
    for (int32_t i = 0; i < n; i++)
        ok &= a[i] == i * 7;
    CHECK(ok && n == 9, "items changed");
    int32_t big = 1 << 30;
    CHECK(gc_vec_reserve(&a, INT32_MAX, &big, sizeof *a, 4, gc_realloc) == -1 && big == 1 << 30,
           "a capacity past INT32_MAX was not refused (cap %d)", (int)big);
    gc_free(a);
    /* two arrays of one capacity: both grow to it; when the second
     * cannot, the capacity stays and both keep their items */
    int32_t *ids = NULL, n2 = 0, cap2 = 0;
    uint8_t *tags = NULL;
    for (int32_t i = 0; i < 5; i++) {
        CHECK(GC_VEC_ROOM2(ids, tags, n2, cap2, 4, gc_realloc) == 0, "push2 %d failed", (int)i);
        ids[n2] = i;
        tags[n2++] = (uint8_t)(i + 1);
    }
    CHECK(cap2 == 8, "two arrays: cap %d, want 8", (int)cap2);
    gc_mem_fail_after(1); /* the first realloc succeeds, the second fails */
    r = GC_VEC_RESERVE2(ids, tags, 9, cap2, 4, gc_realloc);
    gc_mem_fail_after(-1);
    CHECK(r == -1 && cap2 == 8 && ids[4] == 4 && tags[4] == 5, "two arrays: failed growth %d cap %d",
           r, (int)cap2);
    CHECK(GC_VEC_RESERVE2(ids, tags, 9, cap2, 4, gc_realloc) == 0 && cap2 == 16,
           "two arrays: cap %d, want 16", (int)cap2);
    gc_free(ids);
    gc_free(tags);
    /* the size_t form (text buffers): the same doubling, no INT32_MAX
     * limit, a failure or a size past SIZE_MAX refused alike */
    char *b = NULL;
    size_t zcap = 0;
    CHECK(GC_VEC_RESERVE_Z(b, 5, zcap, 64, gc_realloc) == 0 && zcap == 64, "z: cap %zu", zcap);
    CHECK(GC_VEC_RESERVE_Z(b, 64, zcap, 64, gc_realloc) == 0 && zcap == 64, "z: cap %zu", zcap);
    CHECK(GC_VEC_RESERVE_Z(b, 65, zcap, 64, gc_realloc) == 0 && zcap == 128, "z: cap %zu", zcap);
    memset(b, 'x', 128);
    char *zbefore = b;
    gc_mem_fail_after(0);
    r = GC_VEC_RESERVE_Z(b, 1000, zcap, 64, gc_realloc);
    gc_mem_fail_after(-1);
    CHECK(r == -1 && b == zbefore && zcap == 128 && b[127] == 'x', "z: failed growth %d cap %zu",
           r, zcap);
    size_t zbig = (size_t)1 << 40;
    CHECK(gc_vec_reserve_z(&b, SIZE_MAX, &zbig, 1, 64, gc_realloc) == -1 && zbig == (size_t)1 << 40,
           "z: a capacity past SIZE_MAX was not refused");
    CHECK(gc_vec_reserve_z(&b, (size_t)1 << 62, &zcap, 8, 64, gc_realloc) == -1 && zcap == 128,
           "z: a size past SIZE_MAX was not refused");
    gc_free(b);
}

int main(int argc, char **argv)
{
    static const TestCase tests[] = {
        {"phases", test_phases},
        {"move_back", test_move_back},
        {"rewind", test_rewind},
        {"check_every_step", test_check_every_step},
        {"dict_index", test_dict_index},
        {"dict_object_keys", test_dict_object_keys},
        {"chain_million", test_chain_million},
        {"collectors", test_collectors},
        {"weakrefs", test_weakrefs},
        {"oom_sweep", test_oom_sweep},
        {"counts", test_counts},
        {"freelists", test_freelists},
        {"lean", test_lean},
        {"lean_list_tags", test_lean_list_tags},
        {"lean_list_clear", test_lean_list_clear},
        {"weakref_heads", test_weakref_heads},
        {"slot_capacity", test_slot_capacity},
        {"vec", test_vec},
        {"stable_records", test_stable_records},
        {"lean_teardown_order", test_lean_teardown_order},
        {"id_cap", test_id_cap},
        {"record_limits", test_record_limits},
        {"lean_unreachable_runs", test_lean_unreachable_runs},
        {"lean_mixed_garbage", test_lean_mixed_garbage},
        {"lean_plain_heads", test_lean_plain_heads}};
    return test_main(argc, argv, tests, sizeof tests / sizeof tests[0]);
}
