/*
 * test_history.c: the history's memory budget (issue 14, gc_history.c).
 *
 * A loop program is run twice: with no budget to speak of (every
 * micro-step kept) and with its budget forced small.  The small run must
 * switch to the statement-level history part way, and seeking it to every
 * statement stop must give exactly the state the full run has at the same
 * stop (objects, slots, lists, frames, temporaries, globals, printed
 * output); every micro-step it kept before the switch must be the full
 * run's, event and state.  A budget too small even for the statement
 * stops must end the run with a message (the scenario's limit, status 1),
 * and the stops it kept must be exact too.  A recomputed history
 * (GcConfig.fine_from at a stop of the small run's statement-level part)
 * must keep the full run's micro-steps from that stop on, event and
 * state, for a quarter of its budget (FINE_SHARE), and every statement stop.
 *
 * The run index (gc_index.c) must answer what a scan of the events
 * answers, at every cursor of these histories (full, statement-level part,
 * recomputed, ended by an error): stops at each granularity, the next and
 * previous stop, the statement of an event, the collection it is in, the
 * output printed before it; and
 * the module frame's line, logged state, must be that statement's.
 *
 * Usage: test_history budget_exact | budget_full | fine_exact | budget_recompute | run_index | replay_exact |
 *        stats FILE
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scenario.h"

#include "../common/check.h"

/* Automatic collections (short-lived self-cycles, threshold 50), a list
 * that grows and shrinks, a dict big enough for its key index (filled and
 * emptied), a function call, a __del__ that prints, and output: each
 * iteration writes in every part of the heap. */
static const char LOOP[] =
    "import gc\n"
    "gc.collect()\n"
    "gc.set_threshold(50, 3, 3)\n"
    "\n"
    "\n"
    "class Node:\n"
    "    def __del__(self):\n"
    "        if self.n % 40 == 0:\n"
    "            print('del', self.n)\n"
    "\n"
    "\n"
    "def make(n):\n"
    "    t = Node()\n"
    "    t.n = n\n"
    "    t.me = t\n"
    "    return t\n"
    "\n"
    "\n"
    "keep = []\n"
    "d = {}\n"
    "for i in range(300):\n"
    "    t = make(i)\n"
    "    keep.append([i, t])\n"
    "    d[i % 37] = t\n"
    "    if (i * 7) % 37 in d:\n"
    "        d.pop((i * 7) % 37)\n"
    "    if len(keep) > 5:\n"
    "        keep.pop(0)\n"
    "    if i % 100 == 0:\n"
    "        print('at', i, len(keep))\n"
    "del t\n"
    "print('collected', gc.collect())\n";

static Scenario *load(void)
{
    ScenarioErrors errs;
    memset(&errs, 0, sizeof errs);
    Scenario *s = scenario_load_text("loop.py", LOOP, strlen(LOOP), &errs);
    if (!s) {
        fprintf(stderr, "the test program does not load\n");
        exit(1);
    }
    return s;
}

/* A recomputed run of one the budget stopped stops where it stopped
 * (stop_at, stop_msg: its GcHistoryInfo.stopped_at and gc_error). */
static LangRun *run_stopped(Scenario *s, int64_t budget, int64_t fine_from, int64_t stop_at,
                            const char *stop_msg)
{
    LangRunOptions o;
    memset(&o, 0, sizeof o);
    o.record = 1;
    o.history_budget = budget;
    o.fine_from = fine_from;
    o.stop_at = stop_at;
    o.stop_msg = stop_msg;
    LangRun *r = lang_run(s->program, &o);
    if (!r) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return r;
}

static LangRun *run_from(Scenario *s, int64_t budget, int64_t fine_from)
{
    return run_stopped(s, budget, fine_from, 0, NULL);
}

static LangRun *run(Scenario *s, int64_t budget) { return run_from(s, budget, 0); }

/* The cursors of the statement stops: each module-level statement's
 * start (the state after the statement before it), and the end. */
static int32_t stops(GcHeap *h, int32_t *out, int32_t max)
{
    int32_t n = gc_event_count(h), k = 0;
    for (int32_t i = 0; i < n && k < max; i++) {
        const GcEvent *e = gc_event(h, i);
        if (e->kind == GC_EV_STMT && e->depth == 0)
            out[k++] = i;
    }
    if (k < max)
        out[k++] = n;
    return k;
}

/* ord[i]: how many statement stops come before event i (n + 2 entries).
 * Object records hold event indices (born, died), which differ between
 * the two histories; the statement they fall in does not. */
static int32_t *ordinals(GcHeap *h)
{
    int32_t n = gc_event_count(h);
    int32_t *ord = malloc(((size_t)n + 2) * sizeof *ord);
    if (!ord)
        exit(1);
    ord[0] = 0;
    for (int32_t i = 0; i <= n; i++) {
        const GcEvent *e = gc_event(h, i);
        ord[i + 1] = ord[i] + (e && e->kind == GC_EV_STMT && e->depth == 0);
    }
    return ord;
}

/* Appends the state shown at the cursor to buf as text. */
static void dump(LangRun *r, const int32_t *ord, char *buf, size_t cap)
{
    GcHeap *h = lang_run_heap(r);
    size_t k = 0;
#define OUT(...)                                                   \
    do {                                                           \
        if (k < cap)                                               \
            k += (size_t)snprintf(buf + k, cap - k, __VA_ARGS__); \
    } while (0)
    const GcGlobals *g = gc_globals(h);
    OUT("g %d %d %lld %lld %lld %lld %lld %lld %d %d %lld %lld %d\n", g->enabled, g->collecting,
        (long long)g->count[0], (long long)g->count[1], (long long)g->count[2],
        (long long)g->threshold[0], (long long)g->long_lived_total,
        (long long)g->long_lived_pending, (int)g->phase, g->gen, (long long)g->allocated,
        (long long)g->freed, g->step);
    for (int i = 0; i < 3; i++)
        OUT("s %lld %lld %lld\n", (long long)g->stats[i].collections,
            (long long)g->stats[i].collected, (long long)g->stats[i].uncollectable);
    for (int l = 0; l < GC_LIST_COUNT; l++) {
        GcListView v = gc_list(h, (GcListId)l);
        OUT("l%d %d %d %lld\n", l, v.first, v.last, (long long)v.len);
    }
    GcId max = gc_max_id(h);
    OUT("max %d\n", max);
    for (GcId id = 1; id <= max; id++) {
        const GcObject *o = gc_object(h, id);
        if (!o)
            continue;
        OUT("o%d %d %d %d %d %d %d %d %d %u %d %d born %d died %d:", id, o->kind, o->state, o->list,
            o->flags, o->refcnt, o->gc_refs, o->prev, o->next, gc_nslots(o), o->cls, gc_weakref_head(h, id),
            ord[gc_born(h, id) + 1], gc_died(h, id) < 0 ? -1 : ord[gc_died(h, id)]);
        for (uint32_t i = 0; i < gc_nslots(o) && o->kind != GC_KIND_WEAKREF; i++)
            OUT(" %llx=%llx", (unsigned long long)gc_slot(o, i).key, (unsigned long long)gc_slot(o, i).val);
        OUT("\n");
    }
    for (int d = 0; d < gc_frame_count(h); d++) {
        const GcFrame *f = gc_frame(h, d);
        OUT("f%d %d %d %d:", d, f->func, f->self_obj, f->loc);
        for (uint32_t i = 0; i < f->nvars; i++)
            OUT(" %llx=%llx", (unsigned long long)f->vars[i].key,
                (unsigned long long)f->vars[i].val);
        OUT("\n");
    }
    for (int i = 0; i < gc_temp_count(h); i++)
        OUT("t %llx\n", (unsigned long long)gc_temp(h, i));
    for (int i = 0; i < gc_inflight_count(h); i++)
        OUT("i %llx\n", (unsigned long long)gc_inflight(h, i));
    OUT("out %zu\n", lang_run_output_at(r, gc_cursor(h), NULL));
#undef OUT
    if (k >= cap)
        fprintf(stderr, "dump cut at %zu bytes\n", cap), exit(1);
}

#define DUMP_CAP (4 << 20)

/* Seeks both runs to their k-th statement stop and compares the states. */
static const int32_t *ord_a, *ord_b;

static int same_at(LangRun *a, int32_t ca, LangRun *b, int32_t cb, char *da, char *db)
{
    gc_seek(lang_run_heap(a), ca);
    gc_seek(lang_run_heap(b), cb);
    dump(a, ord_a, da, DUMP_CAP);
    dump(b, ord_b, db, DUMP_CAP);
    char buf[256];
    CHECK(gc_check(lang_run_heap(b), buf, sizeof buf) == 0, "at %d: %s", cb, buf);
    if (strcmp(da, db) == 0)
        return 1;
    size_t i = 0;
    while (da[i] == db[i])
        i++;
    while (i > 0 && da[i - 1] != '\n')
        i--;
    fprintf(stderr, "full run at %d:    %.160s\nbudget run at %d: %.160s\n", ca, da + i, cb,
            db + i);
    return 0;
}

/* Every statement stop of `small` (the first nb of them) against the
 * full run's; every event before its coarse part against the full
 * run's, with the state after it. */
static void compare(LangRun *full, LangRun *small, int whole)
{
    GcHeap *hf = lang_run_heap(full), *hs = lang_run_heap(small);
    static int32_t sf[100000], ss[100000];
    int32_t nf = stops(hf, sf, 100000), ns = stops(hs, ss, 100000);
    if (whole)
        CHECK(nf == ns, "%d statement stops, the full run has %d", ns, nf);
    else
        CHECK(ns > 100 && ns < nf, "%d statement stops kept of %d", ns, nf);
    char *da = malloc(DUMP_CAP), *db = malloc(DUMP_CAP);
    int32_t *oa = ordinals(hf), *ob = ordinals(hs);
    if (!da || !db)
        exit(1);
    ord_a = oa;
    ord_b = ob;
    /* A run the budget stopped ends in its error event: compare the stops
     * before it (the last, the end, is past the error). */
    int32_t upto = whole ? ns : ns - 1;
    int bad = 0;
    for (int32_t k = 0; k < upto && k < nf && bad < 3; k++)
        bad += !same_at(full, sf[k], small, ss[k], da, db);
    CHECK(bad == 0, "%d statement stops differ", bad);
    GcHistoryInfo info = gc_history_info(hs);
    for (int32_t c = 0; c < info.coarse_from && bad < 3; c++) {
        /* the last fine event holds the writes up to the next event kept */
        GcEvent a = *gc_event(hf, c), b = *gc_event(hs, c);
        if (c + 1 == info.coarse_from)
            a.nwrites = b.nwrites;
        if (memcmp(&a, &b, sizeof a) != 0) {
            CHECK(0, "event %d differs (kinds %d, %d)", c, a.kind, b.kind);
            bad++;
        } else if (c % 7 == 0 || c + 1 == info.coarse_from)
            bad += !same_at(full, c, small, c, da, db);
    }
    CHECK(bad == 0, "the fine part differs");
    free(oa);
    free(ob);
    free(da);
    free(db);
}

static void test_budget_exact(void)
{
    Scenario *s = load();
    LangRun *full = run(s, (int64_t)1 << 40);
    GcHistoryInfo fi = gc_history_info(lang_run_heap(full));
    CHECK(lang_run_status(full) == 0, "%s", lang_run_error(full));
    CHECK(fi.coarse_from < 0, "the full run switched at %d", fi.coarse_from);
    /* half of that for the whole history: the fine part ends at a quarter */
    LangRun *small = run(s, fi.bytes / 2);
    GcHeap *hs = lang_run_heap(small);
    GcHistoryInfo si = gc_history_info(hs);
    CHECK(lang_run_status(small) == 0, "%s", lang_run_error(small));
    CHECK(si.coarse_from > 1000 && si.coarse_from < gc_event_count(hs),
           "the statement-level part starts at %d of %d", si.coarse_from, gc_event_count(hs));
    CHECK(si.bytes <= si.budget, "%lld bytes of %lld", (long long)si.bytes, (long long)si.budget);
    CHECK(!si.full, "the budget stopped the run");
    size_t nf, ns;
    const char *of = lang_run_output(full, &nf), *os = lang_run_output(small, &ns);
    CHECK(nf == ns && memcmp(of, os, nf) == 0, "the output differs");
    printf("full: %d events, %lld bytes; budget %lld: %d events, %lld bytes, coarse from %d\n",
           gc_event_count(lang_run_heap(full)), (long long)fi.bytes, (long long)si.budget,
           gc_event_count(hs), (long long)si.bytes, si.coarse_from);
    compare(full, small, 1);
    lang_run_free(small);
    lang_run_free(full);
    scenario_free(s);
}

static void test_budget_full(void)
{
    Scenario *s = load();
    LangRun *full = run(s, (int64_t)1 << 40);
    GcHistoryInfo fi = gc_history_info(lang_run_heap(full));
    LangRun *small = run(s, fi.bytes / 8);
    GcHeap *hs = lang_run_heap(small);
    GcHistoryInfo si = gc_history_info(hs);
    CHECK(lang_run_status(small) == 1, "status %d", lang_run_status(small));
    CHECK(si.full, "the budget did not stop the run");
    CHECK(strstr(lang_run_error(small), "history of this run needs more than its budget"),
           "message: %s", lang_run_error(small));
    CHECK(si.bytes < si.budget + si.budget / 10, "%lld bytes of %lld", (long long)si.bytes,
           (long long)si.budget);
    const GcEvent *last = gc_event(hs, gc_event_count(hs) - 1);
    CHECK(last->kind == GC_EV_ERROR, "the last event is a %d", last->kind);
    printf("budget %lld: stopped with %d events, %lld bytes: %s\n", (long long)si.budget,
           gc_event_count(hs), (long long)si.bytes, lang_run_error(small));
    compare(full, small, 0);
    lang_run_free(small);
    lang_run_free(full);
    scenario_free(s);
}

/* Values the packed write log codes in every form: negative and big ints
 * (one-byte to nine-byte varints), lists and dicts with hundreds of slots
 * (multi-byte indices), strings, None, nested calls (frame depths), a
 * key index filled and emptied, and objects freed and made again. */
static const char VALUES[] =
    "class Box:\n"
    "    pass\n"
    "\n"
    "\n"
    "def deep(n, acc):\n"
    "    if n == 0:\n"
    "        return acc\n"
    "    b = Box()\n"
    "    b.v = -n * 1000003\n"
    "    b.up = acc\n"
    "    return deep(n - 1, b)\n"
    "\n"
    "\n"
    "big = []\n"
    "d = {}\n"
    "for i in range(400):\n"
    "    big.append(i * -4611686018427387 + 9)\n"
    "    d[i * 1099511627776] = str(i)\n"
    "    if i % 3 == 0:\n"
    "        d.pop((i // 2) * 1099511627776, None)\n"
    "chain = deep(30, None)\n"
    "big[7] = chain\n"
    "big[399] = None\n"
    "while len(big) > 150:\n"
    "    big.pop()\n"
    "del chain\n"
    "t = (1, -2, 'x', 144115188075855871, -144115188075855871)\n"
    "d.clear()\n"
    "print(len(big), len(d), t)\n";

static uint64_t text_hash(const char *s)
{
    uint64_t x = 1469598103934665603ull;
    for (; *s; s++)
        x = (x ^ (uint8_t)*s) * 1099511628211ull;
    return x;
}

/* The history replays the run exactly, whatever the log's coding: seeking
 * from the start to the end gives the state the run ended in (never
 * seeked: the interpreter's own), and every statement stop reached
 * forwards (redo: the new values) equals the same stop reached backwards
 * from the end (undo: the old values) and in a scattered order.  (Checked
 * to fail when the packed log decodes an old or a new value one off.) */
static void replay_exact(const char *name, const char *text, int64_t budget)
{
    ScenarioErrors errs;
    memset(&errs, 0, sizeof errs);
    Scenario *s = scenario_load_text(name, text, strlen(text), &errs);
    if (!s) {
        fprintf(stderr, "%s does not load\n", name);
        exit(1);
    }
    LangRun *r = run(s, budget);
    GcHeap *h = lang_run_heap(r);
    CHECK(lang_run_status(r) == 0, "%s: %s", name, lang_run_error(r));
    int32_t *ord = ordinals(h);
    char *live = malloc(DUMP_CAP), *d = malloc(DUMP_CAP);
    static int32_t st[100000];
    static uint64_t fwd[100000];
    int32_t n = stops(h, st, 100000), nev = gc_event_count(h);
    if (!live || !d)
        exit(1);
    dump(r, ord, live, DUMP_CAP);
    gc_seek(h, 0);
    for (int32_t k = 0; k < n; k++) {
        gc_seek(h, st[k]);
        dump(r, ord, d, DUMP_CAP);
        fwd[k] = text_hash(d);
    }
    gc_seek(h, nev);
    dump(r, ord, d, DUMP_CAP);
    CHECK(strcmp(live, d) == 0, "%s: replayed from the start, the end differs from the run's",
           name);
    int bad = 0;
    for (int32_t k = n - 1; k >= 0; k--) {
        gc_seek(h, st[k]);
        dump(r, ord, d, DUMP_CAP);
        bad += text_hash(d) != fwd[k];
    }
    for (int32_t j = 0; j < n; j++) {
        int32_t k = (int32_t)(((int64_t)j * 7919) % n);
        gc_seek(h, st[k]);
        dump(r, ord, d, DUMP_CAP);
        bad += text_hash(d) != fwd[k];
    }
    CHECK(bad == 0, "%s: %d stops differ between redo and undo", name, bad);
    GcHistoryInfo in = gc_history_info(h);
    printf("%s, budget %lld: %d events, %lld bytes, %d stops, coarse from %d\n", name,
           (long long)budget, nev, (long long)in.bytes, n, in.coarse_from);
    free(ord);
    free(live);
    free(d);
    lang_run_free(r);
    scenario_free(s);
}

static void test_replay_exact(void)
{
    replay_exact("values.py", VALUES, (int64_t)1 << 40);
    replay_exact("values.py", VALUES, (int64_t)1 << 20); /* statement-level from part way */
    replay_exact("loop.py", LOOP, (int64_t)3 << 20);
}

/* The events of two histories are the same micro-step (their write
 * ranges aside, which differ with what came before). */
static int same_event(const GcEvent *a, const GcEvent *b)
{
    return a->kind == b->kind && a->phase == b->phase && a->depth == b->depth &&
           a->step == b->step && a->loc == b->loc && a->obj == b->obj && a->obj2 == b->obj2 &&
           a->slot == b->slot && a->a == b->a && a->b == b->b;
}

/* A stop a third of the way into the statement-level part of budget run
 * hs (and the part's first and last stops). */
static int64_t third_stop(GcHeap *hs, const GcHistoryInfo *si, int64_t *first, int64_t *last)
{
    *first = gc_history_stop(hs, si->coarse_from);
    *last = gc_history_stop(hs, gc_event_count(hs));
    int64_t k = *first + (*last - *first) / 3;
    CHECK(*first > 0 && k > *first, "statement-level part: stops %lld to %lld",
           (long long)*first, (long long)*last);
    return k;
}

static void test_fine_exact(void)
{
    Scenario *s = load();
    LangRun *full = run(s, (int64_t)1 << 40);
    GcHeap *hf = lang_run_heap(full);
    int64_t budget = gc_history_info(hf).bytes / 2;
    LangRun *small = run(s, budget);
    GcHeap *hs = lang_run_heap(small);
    GcHistoryInfo si = gc_history_info(hs);
    int64_t first, last, k = third_stop(hs, &si, &first, &last);
    CHECK(!gc_history_fine(hs, gc_history_stop_event(hs, k)), "stop %lld kept its micro-steps",
           (long long)k);
    LangRun *re = run_from(s, budget, k);
    GcHeap *hr = lang_run_heap(re);
    GcHistoryInfo ri = gc_history_info(hr);
    CHECK(lang_run_status(re) == 0, "%s", lang_run_error(re));
    CHECK(ri.fine_from == gc_history_stop_event(hr, k), "fine from event %d, stop %lld is %d",
           ri.fine_from, (long long)k, gc_history_stop_event(hr, k));
    CHECK(ri.fine_to > ri.fine_from + 1000 && ri.fine_to < gc_event_count(hr),
           "fine part %d..%d of %d events", ri.fine_from, ri.fine_to, gc_event_count(hr));
    CHECK(ri.bytes <= budget + budget / 2, "%lld bytes, budget %lld", (long long)ri.bytes,
           (long long)budget);
    CHECK(gc_history_fine(hr, ri.fine_from) && !gc_history_fine(hr, ri.fine_from - 1) &&
               !gc_history_fine(hr, ri.fine_to - 1),
           "gc_history_fine disagrees with %d..%d", ri.fine_from, ri.fine_to);
    size_t nf, nr;
    const char *of = lang_run_output(full, &nf), *orr = lang_run_output(re, &nr);
    CHECK(nf == nr && memcmp(of, orr, nf) == 0, "the output differs");
    printf("budget %lld: statement-level from event %d (stop %lld); recomputed from stop %lld: "
           "events %d..%d fine of %d, %lld bytes\n",
           (long long)budget, si.coarse_from, (long long)first, (long long)k, ri.fine_from,
           ri.fine_to, gc_event_count(hr), (long long)ri.bytes);
    /* every statement stop, then every micro-step of the fine part */
    compare(full, re, 1);
    char *da = malloc(DUMP_CAP), *db = malloc(DUMP_CAP);
    int32_t *oa = ordinals(hf), *ob = ordinals(hr);
    if (!da || !db)
        exit(1);
    ord_a = oa;
    ord_b = ob;
    int32_t f0 = gc_history_stop_event(hf, k);
    int bad = 0;
    for (int32_t c = ri.fine_from; c < ri.fine_to && bad < 3; c++) {
        int32_t cf = f0 + (c - ri.fine_from);
        if (!same_event(gc_event(hf, cf), gc_event(hr, c))) {
            CHECK(0, "event %d differs from the full run's %d (kinds %d, %d)", c, cf,
                   gc_event(hf, cf)->kind, gc_event(hr, c)->kind);
            bad++;
        } else if (c + 1 < ri.fine_to && (c % 5 == 0 || c + 2 == ri.fine_to))
            bad += !same_at(full, cf + 1, re, c + 1, da, db); /* the state after it */
        /* (the last one holds the writes up to the next event kept) */
    }
    CHECK(bad == 0, "the recomputed part differs");
    /* every cursor of the budget run's statement-level part and every
     * statement stop of its fine part, carried to the recomputed history
     * (gc_history_place), shows the same state there (a micro-step of the
     * fine part is not in the recomputed history's statement-level start) */
    int32_t *os = ordinals(hs);
    ord_a = os;
    int moved = 0;
    for (int32_t c = 0; c <= gc_event_count(hs) && bad < 3; c++) {
        const GcEvent *e = gc_event(hs, c);
        if (c < si.coarse_from ? !(e->kind == GC_EV_STMT && e->depth == 0) : c % 3 != 0)
            continue;
        GcPlace pl = gc_history_place_of(hs, c);
        int32_t cr = gc_history_place(hr, &pl);
        moved += cr != c;
        bad += !same_at(small, c, re, cr, da, db);
    }
    CHECK(bad == 0 && moved > 100, "places carried wrong (%d moved)", moved);
    free(os);
    free(oa);
    free(ob);
    free(da);
    free(db);
    lang_run_free(re);
    lang_run_free(small);
    lang_run_free(full);
    scenario_free(s);
}

/* A run the budget stopped, recomputed from a stop of its statement-level
 * part: the recomputed run keeps every micro-step for a quarter of a budget
 * more (some 800 events here), so by its own budget it would run further
 * (or less far); it must stop
 * at the same event with the same error, every statement stop before it
 * exact, and the same last state. */
static void test_budget_recompute(void)
{
    Scenario *s = load();
    LangRun *full = run(s, (int64_t)1 << 40);
    GcHeap *hf = lang_run_heap(full);
    int64_t budget = gc_history_info(hf).bytes / 8;
    LangRun *small = run(s, budget);
    GcHeap *hs = lang_run_heap(small);
    GcHistoryInfo si = gc_history_info(hs);
    CHECK(si.full && si.stopped_at > 0, "the budget did not stop the run (%lld)",
           (long long)si.stopped_at);
    int64_t first, last, k = third_stop(hs, &si, &first, &last);
    LangRun *re = run_stopped(s, budget, k, si.stopped_at, gc_error(hs));
    GcHeap *hr = lang_run_heap(re);
    GcHistoryInfo ri = gc_history_info(hr);
    CHECK(lang_run_status(re) == 1, "status %d", lang_run_status(re));
    CHECK(strcmp(lang_run_error(re), lang_run_error(small)) == 0, "error:\n%s\nnot:\n%s",
           lang_run_error(re), lang_run_error(small));
    CHECK(ri.full && ri.stopped_at == si.stopped_at, "stopped at %lld, not %lld",
           (long long)ri.stopped_at, (long long)si.stopped_at);
    CHECK(ri.fine_from == gc_history_stop_event(hr, k) && ri.fine_to > ri.fine_from + 500,
           "fine part %d..%d", ri.fine_from, ri.fine_to);
    int32_t ns = gc_event_count(hs), nr = gc_event_count(hr);
    CHECK(gc_history_stop(hr, nr) == last, "%lld statement stops, the stopped run has %lld",
           (long long)gc_history_stop(hr, nr), (long long)last);
    CHECK(same_event(gc_event(hs, ns - 1), gc_event(hr, nr - 1)),
           "the last events differ (kinds %d, %d; steps %d, %d)", gc_event(hs, ns - 1)->kind,
           gc_event(hr, nr - 1)->kind, gc_event(hs, ns - 1)->step, gc_event(hr, nr - 1)->step);
    size_t no, nro;
    const char *os = lang_run_output(small, &no), *orr = lang_run_output(re, &nro);
    CHECK(no == nro && memcmp(os, orr, no) == 0, "the output differs");
    printf("budget %lld: stopped at offer %lld, stop %lld; recomputed from stop %lld: %d events "
           "(%d..%d fine), %lld bytes\n",
           (long long)budget, (long long)si.stopped_at, (long long)last, (long long)k, nr,
           ri.fine_from, ri.fine_to, (long long)ri.bytes);
    compare(full, re, 0);
    char *da = malloc(DUMP_CAP), *db = malloc(DUMP_CAP);
    int32_t *oa = ordinals(hs), *ob = ordinals(hr);
    if (!da || !db || !oa || !ob)
        exit(1);
    ord_a = oa;
    ord_b = ob;
    CHECK(same_at(small, ns, re, nr, da, db), "the last states differ");
    free(oa);
    free(ob);
    free(da);
    free(db);
    lang_run_free(re);
    lang_run_free(small);
    lang_run_free(full);
    scenario_free(s);
}

/* Figures for a program: events, writes' bytes, statements (the README's
 * table of bytes per statement). */
static int stats(const char *path, int64_t budget)
{
    ScenarioErrors errs;
    memset(&errs, 0, sizeof errs);
    Scenario *s = scenario_load(path, &errs);
    if (!s) {
        fprintf(stderr, "%s does not load\n", path);
        return 1;
    }
    LangRun *r = run(s, budget);
    GcHeap *h = lang_run_heap(r);
    GcHistoryInfo in = gc_history_info(h);
    int32_t *ord = ordinals(h);
    int64_t nstmt = ord[gc_event_count(h)];
    free(ord);
    printf("%s: status %d, %d events, %lld statement stops, %lld bytes (%.0f per statement), "
           "budget %lld, coarse from %d%s\n",
           path, lang_run_status(r), gc_event_count(h), (long long)nstmt, (long long)in.bytes,
           nstmt ? (double)in.bytes / (double)nstmt : 0.0, (long long)in.budget, in.coarse_from,
           in.full ? ", stopped by the budget" : "");
    lang_run_free(r);
    scenario_free(s);
    return 0;
}

/* ---- the run index ------------------------------------------------------ */

/* The stop rule written out from the events, as the window had it. */
static int scan_is_stop(GcHeap *h, int32_t c, int g, int beginner, int32_t first_stmt)
{
    int32_t n = gc_event_count(h);
    if (c <= 0 || c >= n)
        return 1;
    if (g == GC_GRAN_MICRO)
        return !beginner || !gc_event_interpreter_only(h, c - 1);
    if (first_stmt >= 0 && c <= first_stmt)
        return 0;
    const GcEvent *e = gc_event(h, c);
    if ((e->kind == GC_EV_STMT && e->depth == 0) || e->kind == GC_EV_ERROR)
        return 1;
    return g == GC_GRAN_PHASE && (e->kind == GC_EV_PHASE || e->kind == GC_EV_GC_START);
}

static void check_index(LangRun *r, const char *what)
{
    GcHeap *h = lang_run_heap(r);
    GcRunIndex x;
    CHECK(gc_index_build(&x, h) == 0, "%s: index", what);
    int32_t n = gc_event_count(h), first = -1, ncoll = 0;
    for (int32_t i = 0; i < n && first < 0; i++)
        if (gc_event(h, i)->kind == GC_EV_STMT && gc_event(h, i)->depth == 0)
            first = i;
    /* stops, next and previous, at every cursor and granularity (a
     * beginner's micro-steps at every 7th: each asks the explainer) */
    int32_t *stop = malloc(((size_t)n + 1) * sizeof *stop);
    if (!stop)
        exit(1);
    int bad = 0;
    for (int g = GC_GRAN_STATEMENT; g <= GC_GRAN_MICRO; g++)
        for (int beginner = 0; beginner <= (g == GC_GRAN_MICRO); beginner++) {
            int every = beginner ? 7 : 1;
            for (int32_t c = 0; c <= n; c++)
                stop[c] = c % every == 0 || c == n ? scan_is_stop(h, c, g, beginner, first) : -1;
            int32_t prev = 0;
            for (int32_t c = 0; c <= n && bad < 10; c++) {
                if (stop[c] < 0)
                    continue;
                int got = gc_index_is_stop(&x, h, c, (GcGran)g, beginner);
                if (got != stop[c] && ++bad)
                    CHECK(0, "%s: cursor %d gran %d beginner %d: stop %d, scan says %d", what, c, g,
                           beginner, got, stop[c]);
                if (every == 1) {
                    int32_t nx = c + 1;
                    while (nx < n && !stop[nx])
                        nx++;
                    if (c >= n)
                        nx = n;
                    int32_t pv = c <= 0 ? 0 : prev;
                    if ((gc_index_next_stop(&x, h, c, (GcGran)g, 0) != nx ||
                         gc_index_prev_stop(&x, h, c, (GcGran)g, 0) != pv) &&
                        ++bad)
                        CHECK(0, "%s: cursor %d gran %d: next %d prev %d, scan says %d %d", what, c,
                               g, gc_index_next_stop(&x, h, c, (GcGran)g, 0),
                               gc_index_prev_stop(&x, h, c, (GcGran)g, 0), nx, pv);
                    if (stop[c])
                        prev = c;
                }
            }
        }
    free(stop);
    /* the statement and collection of every event; the module frame's line */
    int32_t stmt = -1, coll = -1, nbinds = 0;
    for (int32_t i = 0; i < n && bad < 10; i++) {
        const GcEvent *e = gc_event(h, i);
        if (e->kind == GC_EV_STMT && e->depth == 0)
            stmt = i;
        if (e->kind == GC_EV_GC_START)
            coll = ncoll++;
        if (gc_index_stmt_at(&x, i) != stmt && ++bad)
            CHECK(0, "%s: event %d: statement %d, scan says %d", what, i, gc_index_stmt_at(&x, i),
                   stmt);
        if (gc_index_collection_at(&x, i) != coll && ++bad)
            CHECK(0, "%s: event %d: collection %d, scan says %d", what, i,
                   gc_index_collection_at(&x, i), coll);
        if (e->kind == GC_EV_GC_END)
            coll = -1;
        /* each module name's last binding of an object, at every 7th event */
        if (e->kind == GC_EV_BIND && e->a == 0 && e->obj > 0) {
            int32_t k = 0;
            while (k < x.nnames && x.name_atom[k] != (int32_t)e->b)
                k++;
            if (k == x.nnames && ++bad)
                CHECK(0, "%s: event %d binds a module name the index lacks", what, i);
            nbinds++;
        }
        for (int32_t k = 0; i % 7 == 0 && k < x.nnames && bad < 10; k++) {
            int32_t last = -1;
            for (int32_t j = i; j >= 0 && last < 0; j--) {
                const GcEvent *b = gc_event(h, j);
                if (b->kind == GC_EV_BIND && b->a == 0 && b->obj > 0 && (int32_t)b->b == x.name_atom[k])
                    last = j;
            }
            if (gc_index_name_bound(&x, k, i) != last && ++bad)
                CHECK(0, "%s: event %d: name %d last bound at %d, scan says %d", what, i, k,
                       gc_index_name_bound(&x, k, i), last);
        }
        if ((i % 13 == 0 || e->kind == GC_EV_OUTPUT || i == n - 1) &&
            lang_run_output_at(r, i + 1, &x) != lang_run_output_at(r, i + 1, NULL) && ++bad)
            CHECK(0, "%s: cursor %d: output %zu, scan says %zu", what, i + 1,
                   lang_run_output_at(r, i + 1, &x), lang_run_output_at(r, i + 1, NULL));
        gc_seek(h, i + 1);
        int32_t loc = stmt >= 0 ? (int32_t)gc_event(h, stmt)->a : -1;
        if (gc_frame(h, 0)->loc != loc && ++bad)
            CHECK(0, "%s: cursor %d: module line %d, its statement's %d", what, i + 1,
                   gc_frame(h, 0)->loc, loc);
    }
    CHECK(x.ncollections == ncoll && ncoll > 0, "%s: %d collections, scan says %d", what,
           x.ncollections, ncoll);
    CHECK(nbinds > 0 && x.nnames > 0 && x.name_start[x.nnames] == nbinds,
           "%s: %d module bindings indexed, scan says %d", what,
           x.nnames > 0 ? x.name_start[x.nnames] : 0, nbinds);
    gc_index_free(&x);
}

static void test_run_index(void)
{
    for (int k = 0; k < GC_EV_KIND_COUNT; k++)
        CHECK(strcmp(gc_event_kind_info(k)->name, "?") != 0, "event kind %d has no row", k);
    Scenario *s = load();
    LangRun *full = run(s, (int64_t)1 << 40);
    check_index(full, "full history");
    LangRun *small = run(s, (int64_t)gc_history_info(lang_run_heap(full)).bytes / 3);
    GcHistoryInfo in = gc_history_info(lang_run_heap(small));
    CHECK(in.coarse_from > 0, "the small budget keeps statements only part way");
    check_index(small, "statement-level part");
    LangRun *fine = run_from(s, in.budget, gc_history_stop(lang_run_heap(small), in.coarse_from) + 40);
    check_index(fine, "recomputed history");
    lang_run_free(fine);
    lang_run_free(small);
    lang_run_free(full);
    scenario_free(s);
    static const char ERR[] = "import gc\n"
                              "class C:\n"
                              "    pass\n"
                              "c = C()\n"
                              "c.me = c\n"
                              "del c\n"
                              "gc.collect()\n"
                              "x = 1 // 0\n"
                              "print('never')\n";
    ScenarioErrors errs;
    memset(&errs, 0, sizeof errs);
    s = scenario_load_text("err.py", ERR, strlen(ERR), &errs);
    CHECK(s != NULL, "the error program loads");
    if (!s)
        return;
    LangRun *r = run(s, (int64_t)1 << 40);
    check_index(r, "ended by an error");
    GcRunIndex x;
    if (gc_index_build(&x, lang_run_heap(r)) == 0) {
        CHECK(x.error_event > 0 && gc_index_is_stop(&x, lang_run_heap(r), x.error_event, GC_GRAN_STATEMENT, 0),
               "the error is a statement stop");
        gc_index_free(&x);
    }
    lang_run_free(r);
    scenario_free(s);
}

/* Whether changing the heap at cursor (a logged write: an int pushed on
 * the evaluation stack) aborts a child process. */
static int mutation_aborts(LangRun *r, int32_t cursor)
{
    GcHeap *h = lang_run_heap(r);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        gc_seek(h, cursor);
        if (!freopen("/dev/null", "w", stderr)) /* the assertion's message */
            _exit(2);
        gc_temp_push(h, GC_MKVAL(GC_V_INT, 7));
        _exit(0);
    }
    int st = 0;
    if (pid < 0 || waitpid(pid, &st, 0) != pid)
        return -1;
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
        return 0;
    return WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT ? 1 : -1;
}

/* Checked builds (the sanitizer build): a rewound heap is changed by
 * gc_seek only.  A write recorded while the cursor is before the end
 * would be logged after the end and undone against the wrong state, so
 * the setters assert; at the end the same write is the history going on. */
static void test_rewound_mutation(void)
{
    Scenario *s = load();
    LangRun *r = run(s, (int64_t)1 << 40);
    GcHeap *h = lang_run_heap(r);
    int32_t n = gc_event_count(h);
    CHECK(mutation_aborts(r, n / 2) == 1, "a push at event %d of %d did not abort", n / 2, n);
    CHECK(mutation_aborts(r, n) == 0, "a push at the end aborted");
    lang_run_free(r);
    scenario_free(s);
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "stats") == 0)
        return stats(argv[2], argc > 3 ? gc_parse_bytes(argv[3]) : 0);
    static const TestCase tests[] = {
        {"budget_exact", test_budget_exact},         {"budget_full", test_budget_full},
        {"fine_exact", test_fine_exact},             {"budget_recompute", test_budget_recompute},
        {"run_index", test_run_index},               {"replay_exact", test_replay_exact},
        {"rewound_mutation", test_rewound_mutation},
    };
    return test_main(argc, argv, tests, sizeof tests / sizeof tests[0]);
}
