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
 * Usage: test_oom load|run SCENARIO.json...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "scenario.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);

static long countdown = -1, calls;

static int fail_now(void)
{
    calls++;
    if (countdown < 0)
        return 0;
    return countdown-- == 0;
}

void *__wrap_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { return fail_now() ? NULL : __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n) { return fail_now() ? NULL : __real_realloc(p, n); }
static void *json_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }

static int failures;

static int sweep_load(const char *path)
{
    ScenarioErrors e;
    countdown = -1;
    calls = 0;
    Scenario *s = scenario_load(path, &e);
    long total = calls;
    int want_ok = s != NULL;
    scenario_free(s);
    int oom = 0, ok = 0;
    for (long n = 0; n <= total; n++) {
        countdown = n;
        s = scenario_load(path, &e);
        countdown = -1;
        if (s) {
            ok++;
            scenario_free(s);
            continue;
        }
        if (e.stored < 1) {
            fprintf(stderr, "%s: allocation %ld failed: no problem reported\n", path, n);
            failures++;
            continue;
        }
        if (strstr(e.items[0].msg, "memory")) {
            oom++;
            if (!e.io) {
                char buf[1024];
                scenario_format_problem(path, &e.items[0], buf, sizeof buf);
                fprintf(stderr, "allocation %ld failed: 'out of memory' without io (exit 3): %s\n",
                        n, buf);
                failures++;
            }
        } else if (want_ok) {
            /* A good file reported as broken because an allocation failed. */
            char buf[1024];
            scenario_format_problem(path, &e.items[0], buf, sizeof buf);
            fprintf(stderr, "allocation %ld failed: wrong problem: %s\n", n, buf);
            failures++;
        }
    }
    printf("%s: %ld allocations, %d loads failed with out of memory, %d loaded\n", path, total,
           oom, ok);
    if (oom == 0) {
        fprintf(stderr, "%s: no allocation failure was seen\n", path);
        failures++;
    }
    return 0;
}

/* Runs of a loaded scenario with the Nth engine allocation failing: status
 * 0 or 3 ("out of memory"), a heap that passes gc_check when it ends well. */
static int sweep_run(const char *path)
{
    ScenarioErrors e;
    Scenario *s = scenario_load(path, &e);
    if (!s) {
        fprintf(stderr, "%s: does not load\n", path);
        failures++;
        return -1;
    }
    LangRunOptions o;
    memset(&o, 0, sizeof o);
    o.record = 1;
    calls = 0;
    LangRun *r = lang_run(s->program, &o);
    long total = calls;
    lang_run_free(r);
    int oom = 0;
    for (long n = 0; n <= total; n++) {
        countdown = n;
        r = lang_run(s->program, &o);
        countdown = -1;
        if (!r) {
            oom++;
            continue;
        }
        int st = lang_run_status(r);
        if (st == 3 && !strstr(lang_run_error(r), "memory")) {
            fprintf(stderr, "%s: allocation %ld: status 3: %s\n", path, n, lang_run_error(r));
            failures++;
        }
        char buf[256];
        if (st == 0 && gc_check(lang_run_heap(r), buf, sizeof buf) != 0) {
            fprintf(stderr, "%s: allocation %ld: heap: %s\n", path, n, buf);
            failures++;
        }
        oom += st == 3;
        lang_run_free(r);
    }
    printf("%s: %ld allocations, %d runs ended in out of memory\n", path, total, oom);
    scenario_free(s);
    return 0;
}

int main(int argc, char **argv)
{
    cJSON_Hooks hooks = {json_malloc, free};
    cJSON_InitHooks(&hooks);
    if (argc < 3 || (strcmp(argv[1], "load") && strcmp(argv[1], "run"))) {
        fprintf(stderr, "usage: test_oom load|run SCENARIO.json...\n");
        return 2;
    }
    for (int i = 2; i < argc; i++)
        (strcmp(argv[1], "load") == 0 ? sweep_load : sweep_run)(argv[i]);
    if (failures)
        fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
