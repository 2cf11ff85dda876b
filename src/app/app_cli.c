/*
 * app_cli.c: the windowless verbs: `gcviz check`, `gcviz trace` and
 * `gcviz run` (DESIGN.md 1 and 3).  Output formats are contracts: tests
 * and the golden traces made with CPython compare them byte for byte.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "layout.h"
#include "scenario.h"

/* The code point of the UTF-8 sequence at *p (advanced past it); a byte
 * that starts no valid sequence stands for itself. */
static unsigned utf8_next(const unsigned char **p)
{
    const unsigned char *s = *p;
    int n = s[0] >= 0xF0 ? 3 : s[0] >= 0xE0 ? 2 : s[0] >= 0xC0 ? 1 : 0;
    unsigned c = n == 3 ? s[0] & 0x07u : n == 2 ? s[0] & 0x0Fu : n == 1 ? s[0] & 0x1Fu : s[0];
    for (int i = 1; i <= n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *p = s + 1;
            return s[0];
        }
        c = c << 6 | (s[i] & 0x3Fu);
    }
    *p = s + n + 1;
    return c;
}

/* Prints a JSON string literal as Python's json.dumps does (the oracle's
 * traces): short escapes, other controls and every non-ASCII character as
 * \uXXXX (a surrogate pair beyond U+FFFF). */
static void json_str(FILE *f, const char *s)
{
    static const char SHORT[] = "\"\"\\\\\nn\tt\rr\bb\ff";
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        const char *e = *p ? strchr(SHORT, *p) : NULL;
        unsigned c;
        if (e && (e - SHORT) % 2 == 0) {
            fprintf(f, "\\%c", e[1]);
            p++;
        } else if (*p < 0x20) {
            fprintf(f, "\\u%04x", *p++);
        } else if (*p < 0x80) {
            fputc(*p++, f);
        } else if ((c = utf8_next(&p)) > 0xFFFF) {
            c -= 0x10000;
            fprintf(f, "\\u%04x\\u%04x", 0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF));
        } else {
            fprintf(f, "\\u%04x", c);
        }
    }
    fputc('"', f);
}

/* --python X.Y: 312, 313, 314 (3.14.5+) or 315, 0 if absent, -1 (after a
 * usage message) if not a version the engine models. */
static int parse_python(const char *verb, const char *v)
{
    int py = app_parse_python(v);
    if (py > 0)
        return py;
    fprintf(
        stderr,
        "gcviz %s: --python takes 3.12, 3.13, 3.14 or 3.15 (the versions gcviz models), not '%s'\n",
        verb, v);
    return -1;
}

/* The version override of --python, applied after loading. */
static int g_python_override;

/* Prints how a run ended badly: Python's traceback for a .py program,
 * the statement and exception for a JSON scenario. */
static void report_run_error(const char *path, LangRun *r)
{
    const char *tb = lang_run_traceback(r);
    if (tb[0])
        fputs(tb, stderr);
    else
        fprintf(stderr, "%s: %s\n", path, lang_run_error(r));
}

/* Loads a scenario or prints every problem; returns NULL on failure with
 * *status set (1 bad scenario, 3 unreadable). */
static Scenario *load_or_report(const char *path, int *status)
{
    ScenarioErrors errs;
    memset(&errs, 0, sizeof errs);
    Scenario *s = scenario_load(path, &errs);
    if (s) {
        if (g_python_override)
            lang_set_meta(s->program, g_python_override, lang_collector(s->program));
        return s;
    }
    for (int i = 0; i < errs.stored; i++) {
        char buf[1024];
        scenario_format_problem(path, &errs.items[i], buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
    }
    if (errs.count > errs.stored)
        fprintf(stderr, "%s: %d more problem(s) not shown\n", path, errs.count - errs.stored);
    if (errs.stored == 0)
        fprintf(stderr, "%s: cannot load the scenario\n", path);
    *status = errs.io ? 3 : 1;
    return NULL;
}

static int want_help(int argc, char **argv, const char *usage)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("%s", usage);
            return 1;
        }
    return 0;
}

static const char CHECK_USAGE[] =
    "usage: gcviz check SCENARIO.json|PROGRAM.py [--python 3.12|3.13|3.14|3.15]\n"
    "Parses and validates the scenario, then runs it headless (fast, no history).\n"
    "Prints 'ok: N steps', or each problem as FILE:LINE:COL: PATH: message (exit 1),\n"
    "or the Python error the run ended with (exit 1).\n";

/* The options every verb shares: the file and --python.  Returns the
 * file, NULL after a usage message (*rc set). */
static const char *common_args(int argc, char **argv, const char *verb, const char *usage,
                               int *timings, int *internals, int *rc)
{
    const char *path = NULL;
    *rc = 2;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--python") == 0 && i + 1 < argc) {
            g_python_override = parse_python(verb, argv[++i]);
            if (g_python_override < 0)
                return NULL;
        } else if (timings && strcmp(argv[i], "--timings") == 0) {
            *timings = 1;
        } else if (internals && strcmp(argv[i], "--internals") == 0 && i + 1 < argc) {
            const char *v = argv[++i];
            *internals = strcmp(v, "3.12") == 0 ? 312 : strcmp(v, "3.13") == 0 ? 313 : -1;
            if (*internals < 0) {
                fprintf(stderr, "gcviz %s: --internals takes 3.12 or 3.13, not '%s'\n", verb, v);
                return NULL;
            }
        } else if (argv[i][0] == '-' || path) {
            fprintf(stderr, "%s", usage);
            return NULL;
        } else {
            path = argv[i];
        }
    }
    if (!path)
        fprintf(stderr, "%s", usage);
    return path;
}

int app_cli_check(int argc, char **argv)
{
    if (want_help(argc, argv, CHECK_USAGE))
        return 0;
    int rc;
    const char *path = common_args(argc, argv, "check", CHECK_USAGE, NULL, NULL, &rc);
    if (!path)
        return rc;
    int status = 0;
    Scenario *s = load_or_report(path, &status);
    if (!s)
        return status;
    /* run it: a NameError at step 7 is found here, not in front of a class */
    LangRunOptions o = {0};
    o.file = path;
    o.record = s->npins > 0; /* pins by variable name are found in the history */
    LangRun *r = lang_run(s->program, &o);
    if (!r) {
        fprintf(stderr, "%s: out of memory\n", path);
        scenario_free(s);
        return 3;
    }
    int st = lang_run_status(r);
    if (st != 0)
        report_run_error(path, r);
    /* a pin that names nothing in the run would pass silently in the window */
    for (int i = 0; st == 0 && i < s->npins; i++)
        if (layout_pin_target(lang_run_heap(r), s->pins[i].key) == 0) {
            ScenarioProblem p;
            char buf[600];
            memset(&p, 0, sizeof p);
            p.line = s->pins[i].line;
            p.col = s->pins[i].col;
            snprintf(p.path, sizeof p.path,
                     scenario_is_py(path) ? "# pin: %.100s" : "layout.%.100s", s->pins[i].key);
            snprintf(p.msg, sizeof p.msg,
                     "no object '%.100s' and no variable of that name in the run (a key is \"Node "
                     "#3\" or a "
                     "variable name)",
                     s->pins[i].key);
            scenario_format_problem(path, &p, buf, sizeof buf);
            fprintf(stderr, "%s\n", buf);
            st = 1;
        }
    if (st == 0)
        printf("ok: %d steps\n", (int)lang_step_count(s->program));
    lang_run_free(r);
    scenario_free(s);
    return st;
}

/* ---- trace ------------------------------------------------------------ */

typedef struct TraceCtx {
    Scenario *s;
    FILE *out;
    GcId last_id; /* the highest id when the last step ended */
} TraceCtx;

/* Is this top-level statement a call of gc.collect (as a statement or as
 * the value of an assignment)? */
static int is_collect_stmt(LangProgram *p, const LangStmt *st)
{
    const LangExpr *v = st->value;
    if (!v || (st->kind != LANG_S_EXPR && st->kind != LANG_S_ASSIGN) || v->kind != LANG_E_CALL)
        return 0;
    const LangExpr *b = v->base;
    if (b->kind != LANG_E_ATTR || b->base->kind != LANG_E_NAME)
        return 0;
    GcStrtab *a = lang_atoms(p);
    return strcmp(gc_strtab_get(a, b->base->atom), "gc") == 0 &&
           strcmp(gc_strtab_get(a, b->atom), "collect") == 0;
}

static void stmt_text(FILE *f, LangProgram *p, int32_t step)
{
    const LangStmt *st = lang_step(p, step);
    if (!st) {
        json_str(f, "<exit>"); /* the interpreter's exit after a .py program */
        return;
    }
    const LangLoc *loc = lang_loc(p, st->loc);
    const char *text = loc && loc->text ? loc->text : "";
    if (st->kind == LANG_S_FOR && strncmp(text, "for ", 4) != 0) {
        char buf[LANG_MAX_STMT_LEN + 8];
        snprintf(buf, sizeof buf, "for %s", text);
        json_str(f, buf);
    } else {
        json_str(f, text);
    }
}

static void print_gen(FILE *f, const GcObject *o)
{
    switch (o->list) {
    case GC_LIST_GEN0: fputs("0", f); break;
    case GC_LIST_GEN1: fputs("1", f); break;
    case GC_LIST_GEN2: fputs("2", f); break;
    case GC_LIST_PERMANENT: fputs("\"permanent\"", f); break;
    case GC_LIST_NONE: fputs("null", f); break;
    default: fprintf(f, "\"%s\"", gc_list_name((GcListId)o->list)); break;
    }
}

/* skip: an id not to list (the exit's hidden holder of the globals);
 * above > 0: nor the ids above it that are not instances (what the exit
 * made: the info dicts of gc.callbacks; nothing gets an id during the
 * exit but instances of the program's classes, tests/golden/py/README.md) */
static void print_ids(FILE *f, const GcHeap *h, const GcId *ids, int32_t n, GcId skip, GcId above)
{
    fputc('[', f);
    int first = 1;
    for (int32_t i = 0; i < n; i++) {
        if ((skip && ids[i] == skip) ||
            (above && ids[i] > above && gc_object(h, ids[i])->kind != GC_KIND_INSTANCE))
            continue;
        fprintf(f, first ? "%d" : ", %d", ids[i]);
        first = 0;
    }
    fputc(']', f);
}

static void on_step(void *vctx, LangRun *r, int32_t step)
{
    TraceCtx *t = vctx;
    FILE *f = t->out;
    GcHeap *h = lang_run_heap(r);
    LangProgram *p = t->s->program;
    fprintf(f, "{\"step\": %d, \"stmt\": ", step);
    stmt_text(f, p, step);
    fputs(", \"objects\": [", f);
    int first = 1;
    GcId hidden = lang_run_exit_holder(r);
    for (GcId id = 1; id <= gc_max_id(h); id++) {
        const GcObject *o = gc_object(h, id);
        if (o->state != GC_STATE_ALIVE || id == hidden)
            continue;
        fprintf(f, "%s{\"id\": %d, \"type\": ", first ? "" : ", ", id);
        json_str(f, gc_type_name(h, id));
        fprintf(f, ", \"refcount\": %lld, \"gen\": ", (long long)o->refcnt);
        print_gen(f, o);
        fputc('}', f);
        first = 0;
    }
    GcStepLog log = gc_step_log(h);
    GcId above = lang_step(p, step) ? 0 : t->last_id;
    t->last_id = gc_max_id(h);
    fputs("], \"freed\": ", f);
    print_ids(f, h, log.freed, log.nfreed, hidden, above);
    fputs(", \"finalized\": ", f);
    print_ids(f, h, log.finalized, log.nfinalized, hidden, above);
    if (lang_step(p, step) && is_collect_stmt(p, lang_step(p, step)))
        fprintf(f, ", \"collected\": %lld", (long long)lang_run_collected(r));
    fputs(", \"collections\": [", f);
    for (int32_t i = 0; i < log.ncollections; i++) {
        const GcCollectionRecord *c = &log.collections[i];
        fprintf(f, "%s{\"gen\": %d, \"collected\": %lld, \"uncollectable\": %lld, \"auto\": %s}",
                i ? ", " : "", c->gen, (long long)c->collected, (long long)c->uncollectable,
                c->automatic ? "true" : "false");
    }
    const GcGlobals *g = gc_globals(h);
    fprintf(f, "], \"count\": [%lld, %lld, %lld]}\n", (long long)g->count[0],
            (long long)g->count[1], (long long)g->count[2]);
}

static const char TRACE_USAGE[] =
    "usage: gcviz trace SCENARIO.json|PROGRAM.py [--python 3.12|3.13|3.14|3.15] [--internals "
    "3.12|3.13]\n"
    "Runs the scenario without a window and prints one JSON line per top-level step\n"
    "(live objects with refcount and generation, freed, finalized, collections, counts).\n"
    "--internals picks which interpreter's hidden allocations to model when they\n"
    "differ (default: the scenario's \"python\"); the golden traces, measured on\n"
    "CPython 3.13.0 with 3.12's hidden allocations restored, use --internals 3.12.\n";

int app_cli_trace(int argc, char **argv)
{
    if (want_help(argc, argv, TRACE_USAGE))
        return 0;
    int internals = 0, urc;
    const char *path = common_args(argc, argv, "trace", TRACE_USAGE, NULL, &internals, &urc);
    if (!path)
        return urc;
    argv[1] = (char *)path;
    int status = 0;
    Scenario *s = load_or_report(argv[1], &status);
    if (!s)
        return status;
    TraceCtx t = {s, stdout, 0};
    LangRunOptions o = {0};
    o.on_step = on_step;
    o.ctx = &t;
    o.internals = internals;
    o.file = path;
#ifdef GCVIZ_CHECKED
    o.checked = 1;
#endif
    LangRun *r = lang_run(s->program, &o);
    if (!r) {
        fprintf(stderr, "%s: out of memory\n", argv[1]);
        scenario_free(s);
        return 3;
    }
    int st = lang_run_status(r);
    if (st != 0) {
        /* the step that raised, not the exit that ran after it */
        int32_t k = lang_run_error_step(r);
        if (k < 0)
            k = gc_globals(lang_run_heap(r))->step;
        printf("{\"step\": %d, \"stmt\": ", k);
        stmt_text(stdout, s->program, k >= 0 ? k : 0);
        printf(", \"error\": ");
        json_str(stdout, lang_run_exception(r));
        printf("}\n");
        report_run_error(argv[1], r);
    }
    lang_run_free(r);
    scenario_free(s);
    if (fflush(stdout) != 0)
        return 3;
    return st == 0 ? 0 : st;
}

/* ---- run -------------------------------------------------------------- */

static const char RUN_USAGE[] =
    "usage: gcviz run SCENARIO.json|PROGRAM.py [--python 3.12|3.13|3.14|3.15] [--timings]\n"
    "Runs the program without a window and prints exactly what it prints (stdout);\n"
    "a Python error goes to stderr as Python's traceback (exit 1).  With --timings a\n"
    "summary JSON line follows: steps, objects allocated and freed, collections per\n"
    "generation, objects collected, milliseconds in collections and in all.\n";

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* The name a traceback of a lesson gives its file: CPython makes the
 * main script's name absolute (the working folder, then the name as
 * typed, "python3 ../x/./a.py" -> "/cwd/../x/./a.py"), so a Python
 * lesson's is too; a JSON scenario's stays as typed. */
static const char *main_file(const char *path, char *buf, size_t n)
{
    size_t len = strlen(path);
    char cwd[4096];
    if (path[0] == '/' || len < 3 || strcmp(path + len - 3, ".py") != 0 ||
        !getcwd(cwd, sizeof cwd) || snprintf(buf, n, "%s/%s", cwd, path) >= (int)n)
        return path;
    return buf;
}

int app_cli_run(int argc, char **argv)
{
    if (want_help(argc, argv, RUN_USAGE))
        return 0;
    int timings = 0, urc;
    const char *path = common_args(argc, argv, "run", RUN_USAGE, &timings, NULL, &urc);
    if (!path)
        return urc;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int status = 0;
    Scenario *s = load_or_report(path, &status);
    if (!s)
        return status;
    LangRunOptions o = {0};
    char where[8192];
    o.timing = timings;
    o.file = main_file(path, where, sizeof where);
    o.lean = 1; /* only the output and the totals are read */
    LangRun *r = lang_run(s->program, &o);
    if (!r) {
        scenario_free(s);
        fprintf(stderr, "%s: out of memory\n", path);
        return 3;
    }
    size_t nout;
    const char *out = lang_run_output(r, &nout);
    fwrite(out, 1, nout, stdout);
    GcHeap *h = lang_run_heap(r);
    const GcGlobals *g = gc_globals(h);
    int st = lang_run_status(r);
    if (timings) {
        /* the exit's hidden holder of the globals is not the program's object */
        long long hidden = lang_run_exit_holder(r) ? 1 : 0;
        printf("{\"steps\": %d, \"allocated\": %lld, \"freed\": %lld, \"live\": %lld, "
               "\"collections\": [%lld, %lld, %lld], \"collected\": %lld, \"uncollectable\": %lld",
               lang_run_error_step(r) >= 0                 ? lang_run_error_step(r) + 1
               : g->step + 1 > lang_step_count(s->program) ? (int)lang_step_count(s->program)
                                                           : g->step + 1,
               (long long)g->allocated - hidden, (long long)g->freed - hidden,
               (long long)(g->allocated - g->freed), (long long)g->stats[0].collections,
               (long long)g->stats[1].collections, (long long)g->stats[2].collections,
               (long long)(g->stats[0].collected + g->stats[1].collected + g->stats[2].collected),
               (long long)(g->stats[0].uncollectable + g->stats[1].uncollectable +
                           g->stats[2].uncollectable));
        printf(", \"collect_ms\": %.3f, \"elapsed_ms\": %.3f", (double)g->collect_ns / 1e6,
               ms_since(&t0));
        if (st != 0) {
            printf(", \"error\": ");
            json_str(stdout, lang_run_exception(r));
        }
        printf("}\n");
    }
    if (fflush(stdout) != 0)
        st = 3;
    /* CPython's reports of exceptions ignored in __del__ or callbacks, and
     * its traceback where it came */
    size_t before;
    const char *unr = lang_run_unraisable(r, &before);
    if (st != 3)
        fwrite(unr, 1, before, stderr);
    if (st != 0 && st != 3)
        report_run_error(path, r);
    if (st != 3)
        fputs(unr + before, stderr);
    lang_run_free(r);
    scenario_free(s);
    return st;
}
