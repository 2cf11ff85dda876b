/*
 * test_explain.c: the captions the engine writes for students
 * (gc_explain.c) on bundled chapters: who holds a reference, `del`
 * unbinding a name, a refcount death with __del__, phase summaries and
 * their outcomes, the interpreter-only events a beginner's view skips;
 * and that an explanation reads the history, not the state shown (the
 * same sentence at every cursor).
 *
 * `test_explain NAME` runs one test.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

#include "../common/check.h"

#ifndef GCVIZ_SCENARIOS_DIR
#define GCVIZ_SCENARIOS_DIR "tests/golden/scenarios/course"
#endif

typedef struct Run {
    Scenario *sc;
    LangRun *run;
    GcHeap *h;
} Run;

static int open_run(Run *r, const char *file)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", GCVIZ_SCENARIOS_DIR, file);
    memset(r, 0, sizeof *r);
    r->sc = scenario_load(path, NULL);
    if (!r->sc)
        return -1;
    LangRunOptions ro;
    memset(&ro, 0, sizeof ro);
    ro.record = 1;
    r->run = lang_run(r->sc->program, &ro);
    r->h = r->run ? lang_run_heap(r->run) : NULL;
    return r->h ? 0 : -1;
}

static void close_run(Run *r)
{
    lang_run_free(r->run);
    scenario_free(r->sc);
}

/* The first event from `from` whose explanation contains needle, or -1. */
static int32_t find_expl(const GcHeap *h, int32_t from, const char *needle, char *out, size_t n)
{
    char buf[600];
    for (int32_t i = from; i < gc_event_count(h); i++) {
        gc_event_explain(h, i, buf, sizeof buf);
        if (strstr(buf, needle)) {
            if (out)
                snprintf(out, n, "%s", buf);
            return i;
        }
    }
    return -1;
}

/* The summary at the last event of the first phase p from `from`, or "". */
static int32_t phase_end(const GcHeap *h, int32_t from, GcPhase p, char *out, size_t n)
{
    out[0] = 0;
    int32_t ne = gc_event_count(h);
    for (int32_t i = from; i < ne; i++) {
        if (gc_event(h, i)->phase != p)
            continue;
        int32_t k = i;
        while (k + 1 < ne && gc_event(h, k + 1)->phase == p && gc_event(h, k + 1)->kind != GC_EV_PHASE)
            k++;
        gc_phase_summary(h, k, out, n);
        return k;
    }
    return -1;
}

/* Chapter 13: del, the refcount death that resurrects, the evaluation
 * stack in __del__, the collector's own references, the summaries. */
static void t_resurrection(void)
{
    Run r;
    CHECK(open_run(&r, "13_resurrection.json") == 0, "load");
    if (!r.h)
        return;
    char s[600];
    int32_t i = find_expl(r.h, 0, "del bird unbinds the name", s, sizeof s);
    CHECK(i >= 0 && gc_event(r.h, i)->kind == GC_EV_BIND && strstr(s, "no longer refers to Phoenix #2"),
          "del bird: %s", s);
    CHECK(find_expl(r.h, 0, "not a heap object", NULL, 0) < 0, "the old wording for del is gone");
    /* the DECREF that kills the Phoenix names the name and what comes next */
    i = find_expl(r.h, i, "refcount 1 -> 0", s, sizeof s);
    CHECK(i >= 0 && strstr(s, "'bird'") && strstr(s, "__del__ runs first, and resurrects it") &&
              !strstr(s, "freed at once"),
          "the death with __del__: %s", s);
    gc_event_explain(r.h, i + 1, s, sizeof s);
    CHECK(gc_event(r.h, i + 1)->kind == GC_EV_DEALLOC && strstr(s, "__del__ runs first") &&
              strstr(s, "not freed") && !strstr(s, "it is deallocated"),
          "the deallocation that resurrects: %s", s);
    CHECK(find_expl(r.h, i, "list #1 goes on the evaluation stack", NULL, 0) > i, "graveyard loaded");
    CHECK(find_expl(r.h, i, "The evaluation stack lets go of Phoenix #2", NULL, 0) > i, "stack popped");
    CHECK(find_expl(r.h, i, "to be stored in list #1[0]", NULL, 0) > i, "append's reference");
    CHECK(find_expl(r.h, i, "The function's frame is cleared: 'self' no longer refers", NULL, 0) > i,
          "self at the end of __del__");
    /* the collection: the collector's hold during __del__ and tp_clear */
    CHECK(find_expl(r.h, 0, "The collector holds Phoenix #3 while its __del__ runs", NULL, 0) >= 0,
          "finalize_garbage's reference");
    CHECK(find_expl(r.h, 0, "delete_garbage holds Phoenix #3 while tp_clear runs", NULL, 0) >= 0,
          "delete_garbage's reference");
    CHECK(find_expl(r.h, 0, "delete_garbage drops its own reference to Phoenix #3: refcount 1 -> 0", NULL,
                    0) >= 0,
          "and its release");
    /* phase summaries of the first collection */
    int32_t f = phase_end(r.h, 0, GC_PHASE_FINALIZERS, s, sizeof s);
    CHECK(f >= 0 && strcmp(s, "finalize_garbage: Phoenix #3.__del__ ran and stored self in graveyard (list #1).") == 0,
          "finalize_garbage: %s", s);
    phase_end(r.h, 0, GC_PHASE_SUBTRACT_REFS, s, sizeof s);
    CHECK(strstr(s, "2 internal references subtracted") && strstr(s, "(from outside): list #1") &&
              strstr(s, "now 0: Node #4 and Phoenix #3"),
          "subtract_refs: %s", s);
    phase_end(r.h, 0, GC_PHASE_MOVE_UNREACHABLE, s, sizeof s);
    CHECK(strstr(s, "reachable: list #1; tentatively unreachable: Phoenix #3 and Node #4"),
          "move_unreachable: %s", s);
    int32_t res = phase_end(r.h, 0, GC_PHASE_RESURRECTION, s, sizeof s);
    CHECK(strstr(s, "Phoenix #3 and Node #4 are reachable again") && strstr(s, "nothing is freed"),
          "handle_resurrected: %s", s);
    phase_end(r.h, 0, GC_PHASE_LEGACY_FINALIZERS, s, sizeof s);
    CHECK(strstr(s, "legacy_finalizers: no object has a legacy tp_del"), "legacy: %s", s);
    /* the second collection frees both */
    phase_end(r.h, res + 1, GC_PHASE_FINALIZERS, s, sizeof s);
    CHECK(strstr(s, "no unreachable object has a __del__ still to run"), "second finalize: %s", s);
    phase_end(r.h, res + 1, GC_PHASE_CLEAR, s, sizeof s);
    CHECK(strcmp(s, "delete_garbage: no garbage: nothing is freed.") == 0, "first delete_garbage: %s", s);
    int32_t res2 = phase_end(r.h, res + 1, GC_PHASE_RESURRECTION, s, sizeof s);
    CHECK(strstr(s, "nothing was resurrected: Phoenix #3 and Node #4 will be freed"), "%s", s);
    phase_end(r.h, res2 + 1, GC_PHASE_CLEAR, s, sizeof s);
    CHECK(strstr(s, "tp_clear(Phoenix #3)") && strstr(s, "2 freed"), "delete_garbage: %s", s);
    /* outside a collection there is no summary */
    gc_phase_summary(r.h, 3, s, sizeof s);
    CHECK(s[0] == 0 && gc_phase_start(r.h, 3) == -1, "idle: '%s'", s);
    close_run(&r);
}

/* Chapter 14: the argument tuple of weakref.ref(...) and the references
 * held while a weakref callback runs. */
static void t_weakrefs(void)
{
    Run r;
    CHECK(open_run(&r, "14_weak_references.json") == 0, "load");
    if (!r.h)
        return;
    char s[600];
    int32_t i = find_expl(r.h, 0, "its argument tuple #3, a temporary, is dropped", s, sizeof s);
    CHECK(i >= 0 && strstr(s, "refcount 1 -> 0"), "the argument tuple: %s", s);
    CHECK(gc_event_interpreter_only(r.h, i), "its death is the interpreter's");
    CHECK(find_expl(r.h, 0, "to be stored in tuple #3[0]", NULL, 0) >= 0, "the tuple's item");
    CHECK(find_expl(r.h, 0, "weakref #7 is held until its callback has run", NULL, 0) >= 0, "callback hold");
    CHECK(find_expl(r.h, 0, "The callback has run: the reference held on weakref #7 is dropped", NULL, 0) >= 0,
          "callback release");
    /* the beginner's view hides the tuple from birth to end, and no name */
    int hidden = 0, names = 0;
    for (int32_t k = 0; k < gc_event_count(r.h); k++) {
        const GcEvent *e = gc_event(r.h, k);
        int t = gc_event_interpreter_only(r.h, k);
        hidden += t;
        if (t && (e->kind == GC_EV_BIND || e->kind == GC_EV_WEAKREF_CLEAR || e->kind == GC_EV_PHASE))
            names++;
        if (e->kind == GC_EV_ALLOC && gc_object(r.h, e->obj)->kind == GC_KIND_TUPLE)
            CHECK(t, "the allocation of argument tuple #%d is hidden", (int)e->obj);
        if (e->kind == GC_EV_ALLOC && gc_object(r.h, e->obj)->kind != GC_KIND_TUPLE)
            CHECK(!t, "allocation of #%d shown", (int)e->obj);
    }
    CHECK(hidden >= 10 && names == 0, "hidden %d, wrongly hidden %d", hidden, names);
    close_run(&r);
}

/* An explanation is the same whatever the cursor (it reads the history):
 * every event of chapters 12 and 19 explained at the end and at its own
 * cursor. */
static void t_cursor_independent(void)
{
    static const char *const files[] = {"12_finalizers.json", "19_internaldocs_figures.json",
                                        "05_dealloc_cascade.json", "14_weak_references.json"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        Run r;
        CHECK(open_run(&r, files[f]) == 0, "load %s", files[f]);
        if (!r.h)
            continue;
        int32_t n = gc_event_count(r.h);
        char **at_end = calloc((size_t)n, sizeof *at_end);
        uint8_t *temp_end = calloc((size_t)n + 1, 1);
        for (int32_t i = 0; i < n && temp_end; i++)
            temp_end[i] = (uint8_t)gc_event_interpreter_only(r.h, i);
        char buf[600], sum[600];
        for (int32_t i = 0; i < n && at_end; i++) {
            gc_event_explain(r.h, i, buf, sizeof buf);
            at_end[i] = strdup(buf);
        }
        int bad = 0;
        for (int32_t i = 0; i < n && at_end; i++) {
            gc_seek(r.h, i + 1);
            gc_event_explain(r.h, i, buf, sizeof buf);
            if (strcmp(buf, at_end[i]) != 0 && bad++ < 3)
                CHECK(0, "%s event %d: '%s' at its cursor, '%s' at the end", files[f], (int)i, buf, at_end[i]);
            CHECK(buf[0] != 0, "%s event %d has an explanation", files[f], (int)i);
            if (temp_end)
                CHECK(gc_event_interpreter_only(r.h, i) == temp_end[i], "%s event %d: interpreter-only %d at its cursor, %d at the end",
                      files[f], (int)i, gc_event_interpreter_only(r.h, i), temp_end[i]);
            gc_phase_summary(r.h, i, sum, sizeof sum);
            CHECK((gc_event(r.h, i)->phase == GC_PHASE_IDLE) == (sum[0] == 0), "%s event %d: summary '%s'",
                  files[f], (int)i, sum);
        }
        /* and before anything happened (the cursor a recording starts at) */
        gc_seek(r.h, 0);
        for (int32_t i = 0; i < n && temp_end; i++)
            if (gc_event_interpreter_only(r.h, i) != temp_end[i] && bad++ < 6)
                CHECK(0, "%s event %d: interpreter-only differs at cursor 0", files[f], (int)i);
        for (int32_t i = 0; i < n && at_end; i++)
            free(at_end[i]);
        free(at_end);
        free(temp_end);
        close_run(&r);
    }
}

/* The caption at each top-level statement's end of file (a path under
 * tests/), in order, into caps[0..max); returns how many. */
static int step_ends(const char *file, char caps[][600], int max)
{
    Run r;
    char path[1024];
    snprintf(path, sizeof path, "%s/../../../%s", GCVIZ_SCENARIOS_DIR, file);
    memset(&r, 0, sizeof r);
    r.sc = scenario_load(path, NULL);
    CHECK(r.sc != NULL, "load %s", path);
    if (!r.sc)
        return 0;
    LangRunOptions ro;
    memset(&ro, 0, sizeof ro);
    ro.record = 1;
    r.run = lang_run(r.sc->program, &ro);
    r.h = r.run ? lang_run_heap(r.run) : NULL;
    int n = 0;
    for (int32_t i = 0; r.h && i < gc_event_count(r.h) && n < max; i++)
        if (gc_event(r.h, i)->kind == GC_EV_STEP_END)
            gc_event_explain(r.h, i, caps[n++], 600);
    close_run(&r);
    return n;
}

/* A statement's end counts the argument tuples of its calls apart (they
 * were real allocations: CPython makes one per call of a class with
 * __init__, and of weakref.ref): tree_del's tree statement made seven
 * nodes and freed seven tuples ("Done: 7 objects freed." said the nodes
 * went); `del root` frees the seven nodes and runs seven __del__. */
static void t_step_end(void)
{
    static char caps[32][600];
    int n = step_ends("layout/data/tree_del.py", caps, 32);
    int made = 0, dels = 0;
    for (int i = 0; i < n; i++) {
        CHECK(!strstr(caps[i], "Done: 7 objects freed.") , "step %d: '%s'", i, caps[i]);
        made += strcmp(caps[i], "Done: 7 objects made; 7 temporaries freed (the calls' argument tuples).") == 0;
        dels += strcmp(caps[i], "Done: 7 objects freed and 7 __del__ calls.") == 0;
    }
    CHECK(n >= 7 && made == 1 && dels == 1, "tree_del: %d step ends, made %d, dels %d (the tree's step: '%s')", n, made,
          dels, n > 4 ? caps[4] : "");
    /* chapter 14: `w = weakref.ref(t, callback)` and statements without a call */
    n = step_ends("golden/scenarios/course/14_weak_references.json", caps, 32);
    int one = 0, plain = 0;
    for (int i = 0; i < n; i++) {
        one += strcmp(caps[i], "Done: 1 object made; 1 temporary freed (a call's argument tuple).") == 0;
        plain += strcmp(caps[i], "Done: nothing was freed.") == 0;
    }
    CHECK(one >= 1 && plain >= 1, "14: %d weakref.ref step ends, %d plain", one, plain);
}

int main(int argc, char **argv)
{
    static const TestCase tests[] = {
        {"resurrection", t_resurrection},
        {"weakrefs", t_weakrefs},
        {"cursor_independent", t_cursor_independent},
        {"step_end", t_step_end},
    };
    return test_main(argc, argv, tests, sizeof tests / sizeof tests[0]);
}
