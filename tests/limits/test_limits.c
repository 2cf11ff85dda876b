/*
 * test_limits.c: every limit that keeps hostile input from exhausting
 * memory, time or the C stack, each named by its constant, each with its
 * message; and the statements a scenario may not contain, refused at check
 * time with their position.
 *
 * Usage: test_limits GROUP [GCVIZ]   (no argument: every group but cli)
 *   file_size    a 100 MB file is refused before it is read, fast
 *   cli          the same through `gcviz check` (GCVIZ: the executable)
 *   json_depth   SCENARIO_MAX_JSON_DEPTH
 *   steps        SCENARIO_MAX_STEPS
 *   stmt_len     LANG_MAX_STMT_LEN
 *   ident_len    LANG_MAX_IDENT_LEN
 *   expr_depth   LANG_MAX_EXPR_DEPTH
 *   range        LANG_MAX_RANGE (literal at check time, variable at run time)
 *   recursion    LANG_RECURSION_LIMIT (RecursionError, also in __del__ chains)
 *   exec_stmts   LANG_MAX_EXEC_STMTS (loops, nested loops, gc.collect loops)
 *   objects      GcConfig.max_objects (MemoryError)
 *   hostile      statements outside the language, with file, line, column
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "scenario.h"

#include "../common/check.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* A growable text for generated scenarios. */
typedef struct Text {
    char *s;
    size_t n, cap;
} Text;

static void add(Text *t, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int k = vsnprintf(t->s ? t->s + t->n : NULL, t->s ? t->cap - t->n : 0, fmt, ap);
        va_end(ap);
        if (k < 0)
            abort();
        if (t->s && t->n + (size_t)k < t->cap) {
            t->n += (size_t)k;
            return;
        }
        size_t cap = (t->cap + (size_t)k + 1) * 2;
        char *ns = realloc(t->s, cap);
        if (!ns)
            abort();
        t->s = ns;
        t->cap = cap;
    }
}

static void add_rep(Text *t, const char *s, int n)
{
    for (int i = 0; i < n; i++)
        add(t, "%s", s);
}

/* Loads text that must fail; returns its first problem, formatted. */
static const char *first_problem(const char *name, const Text *t)
{
    static char buf[1024];
    ScenarioErrors e;
    Scenario *s = scenario_load_text(name, t->s, t->n, &e);
    buf[0] = 0;
    if (s) {
        scenario_free(s);
        return "(loaded)";
    }
    if (e.stored > 0)
        scenario_format_problem(name, &e.items[0], buf, sizeof buf);
    return buf;
}

#define CHECK_FIRST(name, text, want)                                                              \
    do {                                                                                           \
        const char *got_ = first_problem(name, text);                                             \
        CHECK(strcmp(got_, want) == 0, "\n got:  %s\n want: %s", got_, want);                     \
    } while (0)

static Scenario *load_ok(const char *name, const Text *t)
{
    ScenarioErrors e;
    Scenario *s = scenario_load_text(name, t->s, t->n, &e);
    if (!s) {
        char buf[1024] = "";
        if (e.stored)
            scenario_format_problem(name, &e.items[0], buf, sizeof buf);
        CHECK(s != NULL, "%s does not load: %s", name, buf);
    }
    return s;
}

/* Runs a scenario text; returns the run's status and copies its error. */
static int run_text(const char *name, const Text *t, int64_t max_stmts, int64_t max_objects,
                    char *err, size_t n)
{
    Scenario *s = load_ok(name, t);
    err[0] = 0;
    if (!s)
        return -1;
    LangRunOptions o;
    memset(&o, 0, sizeof o);
    o.max_stmts = max_stmts;
    o.max_objects = max_objects;
    LangRun *r = lang_run(s->program, &o);
    CHECK(r != NULL, "%s: lang_run returned NULL", name);
    int st = r ? lang_run_status(r) : -1;
    if (r) {
        snprintf(err, n, "%s", lang_run_error(r));
        char buf[256];
        CHECK(gc_check(lang_run_heap(r), buf, sizeof buf) == 0, "%s: heap after the run: %s",
              name, buf);
    }
    lang_run_free(r);
    scenario_free(s);
    return st;
}

#define HEAD "{\"title\": \"t\", "

/* ---- file size ----------------------------------------------------------- */

/* A sparse 100 MB file: no disk is used and it is never committed.  Each
 * test makes its own (limits_file_size and limits_cli_file_size run at the
 * same time in the same folder: one removed the file the other was reading). */
static const char BIG[] = "big_100mb.json";
static const char BIG_CLI[] = "big_100mb_cli.json";

static int make_big(const char *name)
{
    int fd = open(name, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    CHECK(fd >= 0, "cannot create %s", name);
    if (fd < 0)
        return -1;
    CHECK(ftruncate(fd, 100L * 1024 * 1024) == 0, "ftruncate");
    close(fd);
    return 0;
}

static void test_file_size(void)
{
    if (make_big(BIG) < 0)
        return;
    ScenarioErrors e;
    double t0 = now_ms();
    Scenario *s = scenario_load(BIG, &e);
    double ms = now_ms() - t0;
    CHECK(s == NULL && e.io == 0 && e.stored == 1, "100 MB file: loaded or io error");
    scenario_free(s);
    char buf[600] = "";
    if (e.stored)
        scenario_format_problem(BIG, &e.items[0], buf, sizeof buf);
    char want[200];
    snprintf(want, sizeof want, "%s: file is too large (104857600 bytes; at most %d)", BIG,
             SCENARIO_MAX_FILE_BYTES);
    CHECK(strcmp(buf, want) == 0, "\n got:  %s\n want: %s", buf, want);
    CHECK(ms < 500, "refusing the 100 MB file took %.0f ms", ms);
    /* From memory too (the app's drag and drop path): refused before copying. */
    char *mem = malloc((size_t)SCENARIO_MAX_FILE_BYTES + 2);
    if (mem) {
        memset(mem, ' ', (size_t)SCENARIO_MAX_FILE_BYTES + 1);
        s = scenario_load_text("mem.json", mem, (size_t)SCENARIO_MAX_FILE_BYTES + 1, &e);
        CHECK(s == NULL && e.stored == 1 && strstr(e.items[0].msg, "file is too large"),
              "in-memory text over the limit");
        scenario_free(s);
        free(mem);
    }
    remove(BIG);
}

/* `gcviz check` on the 100 MB file: exit 1, one line naming the file. */
static void test_cli(const char *gcviz)
{
    if (!gcviz) {
        CHECK(0, "cli needs the gcviz executable as argument");
        return;
    }
    if (make_big(BIG_CLI) < 0)
        return;
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' check %s 2>&1", gcviz, BIG_CLI);
    double t0 = now_ms();
    FILE *p = popen(cmd, "r");
    char line[600] = "";
    if (p && !fgets(line, sizeof line, p))
        line[0] = 0;
    int st = p ? pclose(p) : -1;
    double ms = now_ms() - t0;
    line[strcspn(line, "\n")] = 0;
    char want[200];
    snprintf(want, sizeof want, "%s: file is too large (104857600 bytes; at most %d)", BIG_CLI,
             SCENARIO_MAX_FILE_BYTES);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 1, "gcviz check: status %d", st);
    CHECK(strcmp(line, want) == 0, "\n got:  %s\n want: %s", line, want);
    CHECK(ms < 5000, "gcviz check of the 100 MB file took %.0f ms", ms);
    remove(BIG_CLI);
}

/* ---- the JSON and the statements ------------------------------------------ */

static void test_json_depth(void)
{
    Text t = {0};
    /* Depth SCENARIO_MAX_JSON_DEPTH is JSON the loader reads (then a schema
     * problem); one more is refused by the scan, at the bracket. */
    add(&t, HEAD "\"steps\": [\"pass\"], \"x\": ");
    add_rep(&t, "[", SCENARIO_MAX_JSON_DEPTH - 1);
    add_rep(&t, "]", SCENARIO_MAX_JSON_DEPTH - 1);
    add(&t, "}");
    const char *got = first_problem("d.json", &t);
    CHECK(strstr(got, "d.json:1:35: x: unknown key 'x'") == got, "got %s", got);
    t.n = 0;
    add(&t, HEAD "\"steps\": [\"pass\"], \"x\": ");
    add_rep(&t, "[", SCENARIO_MAX_JSON_DEPTH);
    add_rep(&t, "]", SCENARIO_MAX_JSON_DEPTH);
    add(&t, "}");
    char want[200];
    snprintf(want, sizeof want, "d.json:1:%d: JSON nested more than %d levels deep",
             40 + SCENARIO_MAX_JSON_DEPTH - 1, SCENARIO_MAX_JSON_DEPTH);
    CHECK_FIRST("d.json", &t, want);
    /* A million brackets: same message, no recursion. */
    t.n = 0;
    add(&t, HEAD "\"steps\": ");
    add_rep(&t, "[", 1000000);
    snprintf(want, sizeof want, "d.json:1:%d: JSON nested more than %d levels deep",
             25 + SCENARIO_MAX_JSON_DEPTH - 1, SCENARIO_MAX_JSON_DEPTH);
    CHECK_FIRST("d.json", &t, want);
    free(t.s);
}

static void test_steps(void)
{
    Text t = {0};
    add(&t, HEAD "\"steps\": [\"pass\"");
    add_rep(&t, ", \"pass\"", SCENARIO_MAX_STEPS - 1);
    add(&t, "]}");
    Scenario *s = load_ok("s.json", &t);
    CHECK(s && lang_step_count(s->program) == SCENARIO_MAX_STEPS, "exactly the limit");
    scenario_free(s);
    t.n -= 2;
    add(&t, ", \"pass\"]}");
    char want[200];
    snprintf(want, sizeof want, "s.json:1:25: steps: too many steps (%d; at most %d)",
             SCENARIO_MAX_STEPS + 1, SCENARIO_MAX_STEPS);
    CHECK_FIRST("s.json", &t, want);
    free(t.s);
}

static void test_stmt_len(void)
{
    Text t = {0};
    /* "x = '...'" is 6 bytes plus the string: strings are capped at 200
     * bytes, so a long statement is a long list of short items. */
    add(&t, HEAD "\"steps\": [\"x = [1");
    int len = 6;
    while (len + 3 <= LANG_MAX_STMT_LEN - 1) {
        add(&t, ", 1");
        len += 3;
    }
    add_rep(&t, " ", LANG_MAX_STMT_LEN - 1 - len);
    add(&t, "]\"]}");
    Scenario *s = load_ok("l.json", &t);
    CHECK(s != NULL, "a statement of exactly LANG_MAX_STMT_LEN bytes loads");
    scenario_free(s);
    t.n -= 4;
    add(&t, " ]\"]}");
    char want[200];
    snprintf(want, sizeof want, "l.json:1:26: steps[0]: statement is too long (%d bytes; at most %d)",
             LANG_MAX_STMT_LEN + 1, LANG_MAX_STMT_LEN);
    CHECK_FIRST("l.json", &t, want);
    free(t.s);
}

static void test_ident_len(void)
{
    Text t = {0};
    add(&t, HEAD "\"steps\": [\"");
    add_rep(&t, "a", LANG_MAX_IDENT_LEN);
    add(&t, " = 1\"]}");
    Scenario *s = load_ok("i.json", &t);
    scenario_free(s);
    t.n = 0;
    add(&t, HEAD "\"steps\": [\"x = ");
    add_rep(&t, "a", LANG_MAX_IDENT_LEN + 1);
    add(&t, "\"]}");
    char want[200];
    snprintf(want, sizeof want, "i.json:1:31: steps[0]: identifier longer than %d characters",
             LANG_MAX_IDENT_LEN);
    CHECK_FIRST("i.json", &t, want);
    /* Class and function names too. */
    t.n = 0;
    add(&t, HEAD "\"classes\": {\"");
    add_rep(&t, "N", LANG_MAX_IDENT_LEN + 1);
    add(&t, "\": {}}, \"steps\": [\"pass\"]}");
    const char *got = first_problem("i.json", &t);
    CHECK(strstr(got, "i.json:1:28: classes.") == got && strstr(got, "is too long (at most 64 characters)"),
          "class name: %s", got);
    free(t.s);
}

static void test_expr_depth(void)
{
    Text t = {0};
    add(&t, HEAD "\"steps\": [\"x = ");
    add_rep(&t, "[", LANG_MAX_EXPR_DEPTH);
    add_rep(&t, "]", LANG_MAX_EXPR_DEPTH);
    add(&t, "\"]}");
    Scenario *s = load_ok("e.json", &t);
    scenario_free(s);
    t.n = 0;
    add(&t, HEAD "\"steps\": [\"x = ");
    add_rep(&t, "[", LANG_MAX_EXPR_DEPTH + 1);
    add_rep(&t, "]", LANG_MAX_EXPR_DEPTH + 1);
    add(&t, "\"]}");
    const char *got = first_problem("e.json", &t);
    CHECK(strstr(got, "e.json:1:") == got && strstr(got, "steps[0]: ") &&
              strstr(got, "nested") && strstr(got, "64"),
          "got %s", got);
    free(t.s);
}

static void test_range(void)
{
    char want[200], err[800];
    Text t = {0};
    add(&t, HEAD "\"steps\": [{\"for\": \"i in range(%d)\", \"body\": [\"pass\"]}]}",
        LANG_MAX_RANGE + 1);
    snprintf(want, sizeof want, "r.json:1:25: steps[0]: range(N) is limited to N <= %d", LANG_MAX_RANGE);
    const char *got = first_problem("r.json", &t);
    CHECK(strstr(got, "range(N) is limited to N <= 10000000") && strstr(got, "r.json:1:"),
          "got %s", got);
    (void)want;
    /* Through a variable: a ValueError when the loop starts. */
    t.n = 0;
    add(&t, HEAD "\"functions\": {\"f\": {\"params\": [\"n\"], \"body\": "
              "[{\"for\": \"i in range(n)\", \"body\": [\"pass\"]}]}}, "
              "\"steps\": [\"f(%d)\"]}",
        LANG_MAX_RANGE + 1);
    int st = run_text("r.json", &t, 0, 0, err, sizeof err);
    snprintf(want, sizeof want,
             "steps[0]: 'f(%d)': ValueError: range(%d) is over gcviz's limit of %d iterations",
             LANG_MAX_RANGE + 1, LANG_MAX_RANGE + 1, LANG_MAX_RANGE);
    CHECK(st == 1 && strcmp(err, want) == 0, "status %d\n got:  %s\n want: %s", st, err, want);
    free(t.s);
}

/* ---- run-time limits ------------------------------------------------------ */

static void test_recursion(void)
{
    char err[800];
    Text t = {0};
    add(&t, HEAD "\"functions\": {\"f\": {\"params\": [], \"body\": [\"f()\"]}}, \"steps\": [\"f()\"]}");
    int st = run_text("rec.json", &t, 0, 0, err, sizeof err);
    CHECK(st == 1 && !strcmp(err, "steps[0]: 'f()': RecursionError: maximum recursion depth exceeded"),
          "status %d: %s", st, err);
    /* A chain of distinct functions: LANG_RECURSION_LIMIT - 1 nested calls
     * run (the module's frame counts, as in CPython 3.12.1 and 3.13.0,
     * where a script recurses 999 deep); one more raises. */
    for (int n = LANG_RECURSION_LIMIT - 1; n <= LANG_RECURSION_LIMIT; n++) {
        t.n = 0;
        add(&t, HEAD "\"classes\": {\"Node\": {}}, \"functions\": {");
        for (int i = 0; i < n; i++) {
            if (i + 1 < n)
                add(&t, "%s\"f%d\": {\"params\": [], \"body\": [\"x = Node()\", \"return f%d()\"]}",
                    i ? ", " : "", i, i + 1);
            else
                add(&t, ", \"f%d\": {\"params\": [], \"body\": [\"return Node()\"]}", i);
        }
        add(&t, "}, \"steps\": [\"r = f0()\"]}");
        st = run_text("chain.json", &t, 0, 0, err, sizeof err);
        if (n < LANG_RECURSION_LIMIT)
            CHECK(st == 0, "%d nested calls: status %d: %s", n, st, err);
        else
            CHECK(st == 1 && strstr(err, "RecursionError: maximum recursion depth exceeded"),
                  "%d nested calls: status %d: %s", n, st, err);
    }
    /* __del__ that makes another object of its class, forever: each
     * finalizer runs inside the previous one's frame teardown.  CPython
     * 3.12.1 and 3.13.0 run it forever (the trashcan keeps the C stack
     * bounded; measured to 200000 calls); gcviz stops it at its object
     * limit, a MemoryError, in both versions. */
    for (int v = 0; v < 2; v++) {
        t.n = 0;
        add(&t, HEAD "\"python\": \"%s\", \"classes\": {\"P\": {\"__del__\": [\"x = P()\"]}}, "
                  "\"steps\": [\"p = P()\", \"del p\", \"q = P()\"]}", v ? "3.13" : "3.12");
        st = run_text("del_chain.json", &t, 0, 20000, err, sizeof err);
        CHECK(st == 1 && strstr(err, "'del p': MemoryError: more than 20000 objects"),
              "del chain %d: status %d: %s", v, st, err);
    }
    /* Weakref callbacks that make a weakref with a callback, forever. */
    t.n = 0;
    add(&t, HEAD "\"classes\": {\"N\": {}}, \"functions\": {\"cb\": {\"params\": [\"w\"], \"body\": "
              "[\"n = N()\", \"r = weakref.ref(n, cb)\", \"del n\"]}}, "
              "\"steps\": [\"n = N()\", \"r = weakref.ref(n, cb)\", \"del n\"]}");
    st = run_text("wr_chain.json", &t, 0, 0, err, sizeof err);
    CHECK(st == 0 || st == 1, "weakref chain: status %d: %s", st, err);
    free(t.s);
}

static void test_exec_stmts(void)
{
    char err[800], want[300];
    Text t = {0};
    /* Nested loops: 10^14 statements in Python; stopped at the limit. */
    add(&t, HEAD "\"steps\": [{\"for\": \"i in range(10000000)\", \"body\": "
              "[{\"for\": \"j in range(10000000)\", \"body\": [\"x = [i, j]\"]}]}]}");
    int st = run_text("loops.json", &t, 1000, 0, err, sizeof err);
    CHECK(st == 1 && !strcmp(err, "steps[0]: 'for i in range(10000000)': RuntimeError: more than 1000 "
                                  "statements executed (gcviz's limit)"),
          "status %d: %s", st, err);
    /* Exactly the limit runs: the assignment, the loop, 10 times 9 passes. */
    t.n = 0;
    add(&t, HEAD "\"steps\": [\"x = 1\", {\"for\": \"i in range(10)\", \"body\": [\"pass\"");
    add_rep(&t, ", \"pass\"", 8);
    add(&t, "]}]}");
    st = run_text("exact.json", &t, 92, 0, err, sizeof err);
    CHECK(st == 0, "92 statements with a limit of 92: %d %s", st, err);
    st = run_text("exact.json", &t, 91, 0, err, sizeof err);
    CHECK(st == 1 && strstr(err, "RuntimeError: more than 91 statements executed"), "%d %s", st, err);
    /* A loop inside a function called in a loop. */
    t.n = 0;
    add(&t, HEAD "\"classes\": {\"Node\": {}}, \"functions\": {\"f\": {\"params\": [], \"body\": "
              "[{\"for\": \"i in range(10000000)\", \"body\": [\"n = Node()\"]}]}}, "
              "\"steps\": [{\"for\": \"k in range(10000000)\", \"body\": [\"f()\"]}]}");
    st = run_text("fn.json", &t, 5000, 0, err, sizeof err);
    CHECK(st == 1 && strstr(err, "RuntimeError: more than 5000 statements executed (gcviz's limit)"),
          "status %d: %s", st, err);
    /* The limit holds inside __del__, where exceptions are swallowed: the
     * run still ends. */
    t.n = 0;
    add(&t, HEAD "\"classes\": {\"P\": {\"__del__\": [\"f()\"]}}, \"functions\": {\"f\": {"
              "\"params\": [], \"body\": [{\"for\": \"i in range(10000000)\", \"body\": [\"pass\"]}]}}, "
              "\"steps\": [{\"for\": \"k in range(10000000)\", \"body\": [\"p = P()\"]}]}");
    st = run_text("del.json", &t, 3000, 0, err, sizeof err);
    CHECK(st == 1 && strstr(err, "RuntimeError: more than 3000 statements executed"),
          "status %d: %s", st, err);
    /* gc.collect() counts the objects it examines: a loop of collections of
     * a big heap stops too. */
    t.n = 0;
    add(&t, HEAD "\"classes\": {\"Node\": {}}, \"steps\": [\"keep = []\", "
              "{\"for\": \"i in range(1000)\", \"body\": [\"keep.append(Node())\"]}, "
              "{\"for\": \"i in range(10000000)\", \"body\": [\"gc.collect()\"]}]}");
    st = run_text("collect.json", &t, 20000, 0, err, sizeof err);
    CHECK(st == 1 && strstr(err, "RuntimeError: more than 20000 statements executed"),
          "status %d: %s", st, err);
    /* The default is LANG_MAX_EXEC_STMTS; the benchmark's shape (500,000
     * two-object cycles) runs well inside it. */
    CHECK(LANG_MAX_EXEC_STMTS >= 10 * 2500000, "limit %d", LANG_MAX_EXEC_STMTS);
    t.n = 0;
    add(&t, HEAD "\"classes\": {\"Node\": {}}, \"steps\": [\"gc.disable()\", "
              "{\"for\": \"i in range(50000)\", \"body\": [\"a = Node()\", \"b = Node()\", "
              "\"a.peer = b\", \"b.peer = a\"]}, \"del a, b\", \"gc.collect()\"]}");
    st = run_text("bench.json", &t, 0, 0, err, sizeof err);
    CHECK(st == 0, "benchmark shape: %d %s", st, err);
    snprintf(want, sizeof want, "%d", LANG_MAX_EXEC_STMTS);
    (void)want;
    free(t.s);
}

static void test_objects(void)
{
    char err[800];
    Text t = {0};
    add(&t, HEAD "\"classes\": {\"Node\": {}}, \"steps\": [\"keep = []\", "
              "{\"for\": \"i in range(10000000)\", \"body\": [\"keep.append(Node())\"]}]}");
    int st = run_text("objs.json", &t, 0, 1000, err, sizeof err);
    CHECK(st != 0 && strstr(err, "MemoryError: more than 1000 objects (gcviz's limit)") &&
              strstr(err, "steps[1]: "),
          "status %d: %s", st, err);
    free(t.s);
}

/* ---- hostile statements ----------------------------------------------------- */

static const struct {
    const char *stmt; /* as written in the JSON string */
    const char *want; /* first problem, formatted */
} HOSTILE[] = {
    {"import os", "h.json:1:66: steps[1]: 'import' is not supported: gc and weakref are always available"},
    {"from os import path", "h.json:1:66: steps[1]: 'from' is not supported: gc and weakref are always available"},
    {"f = lambda: 0", "h.json:1:70: steps[1]: 'lambda' is not supported in gcviz scenarios"},
    {"weakref.ref(x, lambda r: 0)", "h.json:1:81: steps[1]: 'lambda' is not supported in gcviz scenarios"},
    {"x.__class__", "h.json:1:68: steps[1]: '__class__': names starting with '__' are not supported"},
    {"y = x.__dict__", "h.json:1:72: steps[1]: '__dict__': names starting with '__' are not supported"},
    {"__import__(\\\"os\\\")", "h.json:1:66: steps[1]: '__import__': names starting with '__' are not supported"},
    {"eval(\\\"1\\\")", "h.json:1:66: steps[1]: 'eval' is not supported in gcviz scenarios"},
    {"exec(\\\"x = 1\\\")", "h.json:1:66: steps[1]: 'exec' is not supported in gcviz scenarios"},
    {"open(\\\"/etc/passwd\\\")", "h.json:1:66: steps[1]: 'open' is not supported in gcviz scenarios"},
    {"getattr(x, \\\"a\\\")", "h.json:1:66: steps[1]: 'getattr' is not supported in gcviz scenarios"},
    {"x = Nod(1)", "h.json:1:70: steps[1]: 'Nod' is not a class or function of this scenario (only a weakref can be called, with no arguments)"},
    {"for i in range(3): pass", "h.json:1:66: steps[1]: 'for' is not supported inside a statement: write a loop as {\"for\": \"i in range(N)\", \"body\": [...]}"},
    {"x = [y for y in l]", "h.json:1:73: steps[1]: 'for' is not supported inside a statement: write a loop as {\"for\": \"i in range(N)\", \"body\": [...]}"},
    {"while True: pass", "h.json:1:66: steps[1]: 'while' is not supported: scenarios are straight-line code"},
    {"x = 1; y = 2", "h.json:1:71: steps[1]: one statement per step: ';' is not supported"},
    {"x = 1\\ny = 2", "h.json:1:71: steps[1]: a statement must fit on one line (found a line break)"},
    {"x = 10**100", "h.json:1:72: steps[1]: operator '**' is not supported (no arithmetic, no unpacking)"},
    {"x\\u00e9 = 1", "h.json:1:67: steps[1]: non-ASCII character (byte 0xC3): statements must be plain ASCII"},
    {"x = \\\"a\\u0000\\\"", "h.json:1:73: a string may not contain \\u0000 (a NUL character)"},
    {"x = '\xff'", "h.json:1:71: invalid UTF-8 (byte 0xFF); save the file as UTF-8"},
    {"x = \\\"\\ud800\\\"", "h.json:1:72: invalid JSON: unpaired surrogate in '\\u' escape"},
    {"x = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "h.json:1:70: steps[1]: identifier longer than 64 characters"},
};

static void test_hostile(void)
{
    for (size_t i = 0; i < sizeof HOSTILE / sizeof *HOSTILE; i++) {
        Text t = {0};
        add(&t, HEAD "\"classes\": {\"Node\": {}}, \"steps\": [\"x = Node()\", \"%s\"]}",
            HOSTILE[i].stmt);
        CHECK_FIRST("h.json", &t, HOSTILE[i].want);
        free(t.s);
    }
    /* A raw NUL byte in a statement. */
    static const char nul[] = HEAD "\"steps\": [\"x = 1\", \"y\0 = 2\"]}";
    Text t = {(char *)nul, sizeof nul - 1, sizeof nul};
    CHECK_FIRST("h.json", &t, "h.json:1:37: NUL byte in the file (is it a binary file?)");
}

int main(int argc, char **argv)
{
    static const TestCase tests[] = {
        {"file_size", test_file_size},   {"json_depth", test_json_depth},
        {"steps", test_steps},           {"stmt_len", test_stmt_len},
        {"ident_len", test_ident_len},   {"expr_depth", test_expr_depth},
        {"range", test_range},           {"recursion", test_recursion},
        {"exec_stmts", test_exec_stmts}, {"objects", test_objects},
        {"hostile", test_hostile}};
    if (argc >= 2 && strcmp(argv[1], "cli") == 0) {
        test_cli(argc >= 3 ? argv[2] : NULL);
        if (failures)
            fprintf(stderr, "%d check(s) failed\n", failures);
        return failures ? 1 : 0;
    }
    return test_main(argc, argv, tests, sizeof tests / sizeof tests[0]);
}
