/*
 * test_invariants.c: the heap invariant (gc.h) at every micro-step of a
 * scenario's recorded history.  Runs the scenario with record=1, then moves
 * the cursor to every position forwards (gc_check at each), back to the
 * start in strides, and to the end again, where the state must be the one
 * the run ended with.  suite.cmake adds one test per scenario under
 * scenarios/ and tests/golden/, so a failure names the file.
 *
 * Usage: test_invariants SCENARIO.json...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

static int check_at(GcHeap *h, const char *path, int32_t c)
{
    char buf[512];
    gc_seek(h, c);
    if (gc_check(h, buf, sizeof buf) == 0)
        return 0;
    char what[256] = "";
    if (c > 0)
        gc_event_explain(h, c - 1, what, sizeof what);
    fprintf(stderr, "%s: heap check failed at cursor %d (after: %s): %s\n", path, c, what, buf);
    return -1;
}

static int check_file(const char *path)
{
    ScenarioErrors errs;
    Scenario *s = scenario_load(path, &errs);
    if (!s) {
        char buf[1024] = "";
        if (errs.stored)
            scenario_format_problem(path, &errs.items[0], buf, sizeof buf);
        fprintf(stderr, "%s: does not load: %s\n", path, buf);
        return -1;
    }
    LangRunOptions o;
    memset(&o, 0, sizeof o);
    o.record = 1;
    LangRun *r = lang_run(s->program, &o);
    int bad = 0;
    if (!r || lang_run_status(r) == 3) {
        fprintf(stderr, "%s: run failed: %s\n", path, r ? lang_run_error(r) : "out of memory");
        bad = 1;
    } else {
        GcHeap *h = lang_run_heap(r);
        int32_t n = gc_event_count(h);
        GcGlobals end = *gc_globals(h);
        GcId maxid = gc_max_id(h);
        for (int32_t c = 0; c <= n && !bad; c++)
            bad = check_at(h, path, c) < 0;
        for (int32_t c = n; c >= 0 && !bad; c -= 5)
            bad = check_at(h, path, c) < 0;
        if (!bad)
            bad = check_at(h, path, n) < 0;
        const GcGlobals *g = gc_globals(h);
        if (!bad && (g->allocated != end.allocated || g->freed != end.freed ||
                     g->count[0] != end.count[0] || g->stats[2].collections != end.stats[2].collections ||
                     gc_max_id(h) != maxid)) {
            fprintf(stderr, "%s: the state at the end of the history is not the run's end state\n",
                    path);
            bad = 1;
        }
        if (!bad)
            printf("%s: %d micro-steps checked\n", path, n);
    }
    lang_run_free(r);
    scenario_free(s);
    return bad ? -1 : 0;
}

int main(int argc, char **argv)
{
    int bad = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: test_invariants SCENARIO.json...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++)
        bad += check_file(argv[i]) < 0;
    return bad ? 1 : 0;
}
