/*
 * test_trashcan.c: deallocation orders that CPython's trashcan decides,
 * checked against the real interpreter.
 *
 * Usage: test_trashcan SCENARIO.json ORDER
 *
 * The scenario's __del__ bodies append to the global list `order`; ORDER
 * (made by tests/oracle/trashcan_orders.py) holds that list as the plain
 * program left it in the CPython the scenario's "python" names.  gcviz
 * must leave the same list: the same finalizers, in the same order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

/* Reads the last line of ORDER, a JSON list of integers. */
static int read_order(const char *path, long long **out, int *n)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    static char line[1 << 20];
    char *last = NULL;
    static char keep[1 << 20];
    while (fgets(line, sizeof line, f))
        if (line[0] == '[') {
            memcpy(keep, line, sizeof keep);
            last = keep;
        }
    fclose(f);
    if (!last)
        return -1;
    int cap = 64;
    *out = malloc((size_t)cap * sizeof **out);
    *n = 0;
    for (char *p = last + 1; *p && *p != ']';) {
        char *end;
        long long v = strtoll(p, &end, 10);
        if (end == p)
            break;
        if (*n == cap) {
            cap *= 2;
            *out = realloc(*out, (size_t)cap * sizeof **out);
        }
        (*out)[(*n)++] = v;
        p = end;
        while (*p == ',' || *p == ' ')
            p++;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_trashcan SCENARIO.json ORDER\n");
        return 2;
    }
    long long *want = NULL;
    int nwant = 0;
    if (read_order(argv[2], &want, &nwant) < 0) {
        fprintf(stderr, "%s: cannot read the expected order\n", argv[2]);
        return 2;
    }
    ScenarioErrors errs;
    memset(&errs, 0, sizeof errs);
    Scenario *s = scenario_load(argv[1], &errs);
    if (!s) {
        char buf[1024];
        scenario_format_problem(argv[1], &errs.items[0], buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
        return 1;
    }
    LangRunOptions o;
    memset(&o, 0, sizeof o);
    LangRun *r = lang_run(s->program, &o);
    if (!r || lang_run_status(r) != 0) {
        fprintf(stderr, "run failed: %s\n", r ? lang_run_error(r) : "out of memory");
        return 1;
    }
    GcHeap *h = lang_run_heap(r);
    int fails = 0;
    char buf[512];
    if (gc_check(h, buf, sizeof buf) != 0) {
        fprintf(stderr, "heap check: %s\n", buf);
        fails++;
    }
    int32_t atom = gc_strtab_intern(gc_atoms(h), "order", 5);
    GcValue v = gc_var_get(h, 0, atom);
    if (!GC_VAL_IS_OBJ(v)) {
        fprintf(stderr, "no global list 'order'\n");
        return 1;
    }
    const GcObject *l = gc_object(h, GC_VAL_ID(v));
    int n = (int)gc_nslots(l);
    if (n != nwant) {
        fprintf(stderr, "%d finalizers ran, CPython ran %d\n", n, nwant);
        fails++;
    }
    for (int i = 0; i < n && i < nwant; i++) {
        long long got = GC_VAL_TAG(gc_slot(l, i).val) == GC_V_INT ? GC_VAL_PAYLOAD(gc_slot(l, i).val) : -999999;
        if (got != want[i]) {
            fprintf(stderr, "order[%d]: gcviz %lld, CPython %lld\n", i, got, want[i]);
            fails++;
            break;
        }
    }
    lang_run_free(r);
    scenario_free(s);
    free(want);
    if (!fails)
        printf("ok: %d finalizers in CPython's order\n", n);
    return fails ? 1 : 0;
}
