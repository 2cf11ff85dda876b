/*
 * fuzz_scenario.c: libFuzzer target for the scenario loader.  Any bytes
 * are a scenario file: scenario_load_text must either return a scenario or
 * fail with at least one problem that has a message, and never crash, leak
 * or read out of bounds (ASan + UBSan).  A scenario that loads is then run
 * with small limits and the recorded history is walked end to start with
 * gc_check, so the loader's output is proven runnable too.
 *
 * Built only with clang (GCVIZ_FUZZ or a clang compiler); see suite.cmake.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ScenarioErrors errs;
    memset(&errs, 0, sizeof errs);
    Scenario *s = scenario_load_text("fuzz.json", (const char *)data, size, &errs);
    if (!s) {
        if (errs.stored < 1 || errs.count < errs.stored) {
            fprintf(stderr, "load failed without a problem (count %d stored %d)\n", errs.count,
                    errs.stored);
            abort();
        }
        for (int i = 0; i < errs.stored; i++) {
            char buf[1024];
            if (!errs.items[i].msg[0] || !strcmp(errs.items[i].msg, "out of memory")) {
                /* Nothing fails to allocate here: "out of memory" would be
                 * the loader misreading its own state (or cJSON's). */
                fprintf(stderr, "problem %d: '%s'\n", i, errs.items[i].msg);
                abort();
            }
            scenario_format_problem("fuzz.json", &errs.items[i], buf, sizeof buf);
        }
        return 0;
    }
    LangRunOptions o;
    memset(&o, 0, sizeof o);
    o.record = 1;
    o.max_objects = 400;
    o.max_stmts = 2000;
    LangRun *r = lang_run(s->program, &o);
    if (r) {
        GcHeap *h = lang_run_heap(r);
        char buf[512];
        if (lang_run_status(r) != 3) {
            for (int32_t c = gc_event_count(h); c >= 0; c -= 7) {
                gc_seek(h, c);
                if (gc_check(h, buf, sizeof buf) != 0) {
                    fprintf(stderr, "gc_check at cursor %d: %s\n", c, buf);
                    abort();
                }
            }
        }
        lang_run_free(r);
    }
    scenario_free(s);
    return 0;
}
