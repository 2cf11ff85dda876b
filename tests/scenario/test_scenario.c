/*
 * test_scenario.c: the scenario loader against broken and good files.
 *
 *   test_scenario broken NAME.json   run in tests/scenario/broken: the first
 *                                    problem, formatted, must equal the first
 *                                    line of NAME.expect
 *   test_scenario folder DIR         every broken file has an .expect (and
 *                                    the other way round), at least 40 of them
 *   test_scenario good DIR           the good scenarios load with the right
 *                                    counts, positions and paths
 *   test_scenario limits             generated inputs: too many steps, too
 *                                    large, very deep, io errors, formatting
 *   test_scenario print FILE...      every problem of each file (to write an
 *                                    .expect by hand, then check it)
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scenario.h"

#include "../common/check.h"

/* Checks that got (a string or NULL) is the string want. */
#define CHECK_STR(got, want)                                                                       \
    do {                                                                                           \
        const char *g_ = (got), *w_ = (want);                                                      \
        CHECK(g_ && !strcmp(g_, w_), "%s is '%s', want '%s'", #got, g_ ? g_ : "(null)", w_);       \
    } while (0)

/* The arguments after the test's name: a file or a folder. */
static int nargs;
static char **args;

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f)
        return NULL;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            char *nb = realloc(buf, cap + 1);
            if (!nb)
                break;
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        if (!got)
            break;
        n += got;
    }
    fclose(f);
    if (buf)
        buf[n] = 0;
    *len = n;
    return buf;
}

static void first_problem(const char *file, const ScenarioErrors *e, char *buf, size_t n)
{
    buf[0] = 0;
    if (e->stored > 0)
        scenario_format_problem(file, &e->items[0], buf, n);
}

/* ---- broken ---------------------------------------------------------- */

static void run_broken(const char *file)
{
    char expect_path[512], got[600];
    size_t len;
    ScenarioErrors e;
    size_t fl = strlen(file);
    int json = fl >= 5 && !strcmp(file + fl - 5, ".json");
    CHECK(json, "%s: not a .json file", file);
    if (!json)
        return;
    snprintf(expect_path, sizeof expect_path, "%.*s.expect", (int)(fl - 5), file);
    char *want = read_all(expect_path, &len);
    CHECK(want != NULL, "%s: missing", expect_path);
    if (!want)
        return;
    want[strcspn(want, "\n")] = 0;
    Scenario *s = scenario_load(file, &e);
    CHECK(s == NULL, "%s: loaded", file);
    CHECK(e.count >= 1 && e.stored >= 1 && e.io == 0, "%s: %d problems (%d stored), io %d", file,
          e.count, e.stored, e.io);
    first_problem(file, &e, got, sizeof got);
    CHECK_STR(got, want);
    /* Every problem has a position and they come in file order. */
    for (int i = 0; i < e.stored; i++) {
        CHECK(e.items[i].line >= 1 && e.items[i].col >= 1, "%s: problem %d at %d:%d", file, i,
              e.items[i].line, e.items[i].col);
        if (i > 0)
            CHECK(e.items[i].line > e.items[i - 1].line ||
                  (e.items[i].line == e.items[i - 1].line && e.items[i].col >= e.items[i - 1].col),
                  "%s: problem %d at %d:%d after one at %d:%d", file, i, e.items[i].line,
                  e.items[i].col, e.items[i - 1].line, e.items[i - 1].col);
    }
    /* The same text from memory gives the same answer. */
    size_t tl;
    char *text = read_all(file, &tl);
    ScenarioErrors e2;
    CHECK(text != NULL, "%s: cannot read", file);
    if (text) {
        CHECK(scenario_load_text(file, text, tl, &e2) == NULL, "%s: loaded from memory", file);
        first_problem(file, &e2, got, sizeof got);
        CHECK_STR(got, want);
    }
    free(text);
    free(want);
    scenario_free(s);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_folder(const char *dir)
{
    DIR *d = opendir(dir);
    char *names[1024];
    int n = 0, njson = 0;
    struct dirent *de;
    CHECK(d != NULL, "%s: cannot open", dir);
    if (!d)
        return;
    while ((de = readdir(d)) && n < 1024)
        if (de->d_name[0] != '.')
            names[n++] = strdup(de->d_name);
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    for (int i = 0; i < n; i++) {
        size_t l = strlen(names[i]);
        const char *want = NULL;
        char other[512];
        if (l > 5 && !strcmp(names[i] + l - 5, ".json")) {
            njson++;
            snprintf(other, sizeof other, "%.*s.expect", (int)(l - 5), names[i]);
            want = other;
        } else if (l > 7 && !strcmp(names[i] + l - 7, ".expect")) {
            snprintf(other, sizeof other, "%.*s.json", (int)(l - 7), names[i]);
            want = other;
        }
        CHECK(want != NULL, "%s/%s: neither .json nor .expect", dir, names[i]);
        CHECK(!want || bsearch(&(const char *){want}, names, (size_t)n, sizeof *names, cmp_str),
              "%s/%s has no %s", dir, names[i], want);
    }
    fprintf(stderr, "%d broken scenarios\n", njson);
    CHECK(njson >= 40, "%d broken scenarios, at least 40 expected", njson);
    for (int i = 0; i < n; i++)
        free(names[i]);
}

/* ---- good ------------------------------------------------------------ */

static Scenario *load_good(const char *dir, const char *name)
{
    char path[512];
    ScenarioErrors e;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    Scenario *s = scenario_load(path, &e);
    if (!s) {
        char buf[600];
        for (int i = 0; i < e.stored; i++) {
            scenario_format_problem(path, &e.items[i], buf, sizeof buf);
            fprintf(stderr, "%s\n", buf);
        }
    }
    CHECK(s != NULL, "%s does not load", path);
    CHECK(!s || e.count == 0, "%s: loaded with %d problems", path, e.count);
    return s;
}

static const LangLoc *loc_of(const Scenario *s, const char *path)
{
    for (int32_t i = 0; i < lang_loc_count(s->program); i++)
        if (!strcmp(lang_loc(s->program, i)->path, path))
            return lang_loc(s->program, i);
    fprintf(stderr, "no loc '%s'\n", path);
    return NULL;
}

static void check_loc(const Scenario *s, const char *path, int line, int col, const char *text, int32_t owner,
                      int32_t index)
{
    const LangLoc *l = loc_of(s, path);
    CHECK(l != NULL, "no loc '%s'", path);
    if (!l)
        return;
    CHECK(l->line == line && l->col == col && l->owner == owner && l->index == index,
          "%s: at %d:%d owner %d index %d, want %d:%d owner %d index %d", path, l->line, l->col,
          (int)l->owner, (int)l->index, line, col, (int)owner, (int)index);
    CHECK_STR(l->text, text);
}

static void run_good(const char *dir)
{
    /* No "title": the file's name (without .json) is the title. */
    Scenario *u = load_good(dir, "untitled_lesson.json");
    if (u) {
        CHECK_STR(u->title, "untitled_lesson");
        CHECK(lang_step_count(u->program) == 2, "untitled_lesson.json: %d steps",
              (int)lang_step_count(u->program));
        scenario_free(u);
    }
    Scenario *s = load_good(dir, "cycle.json");
    if (s) {
        /* The scenario of DESIGN.md 2, laid out over several lines. */
        CHECK_STR(s->name, "cycle");
        CHECK_STR(s->title, "Two objects in a cycle");
        CHECK_STR(s->description, "Reference counting alone cannot free a cycle.");
        CHECK(s->chapter == NULL, "cycle.json: chapter '%s'", s->chapter);
        CHECK(lang_step_count(s->program) == 5, "cycle.json: %d steps",
              (int)lang_step_count(s->program));
        CHECK(lang_class_count(s->program) == 2, "cycle.json: %d classes",
              (int)lang_class_count(s->program));
        CHECK(lang_func_count(s->program) == 1, "cycle.json: %d functions",
              (int)lang_func_count(s->program));
        CHECK(lang_python(s->program) == 312, "cycle.json: python %d",
              (int)lang_python(s->program));
        CHECK(lang_collector(s->program) == GC_COLLECTOR_CPYTHON, "cycle.json: collector %d",
              (int)lang_collector(s->program));
        CHECK(lang_func(s->program, 0)->nbody == 5 && lang_func(s->program, 0)->nparams == 0,
              "cycle.json: make_pair has %d statements, %d parameters",
              (int)lang_func(s->program, 0)->nbody, (int)lang_func(s->program, 0)->nparams);
        CHECK(lang_class(s->program, 0)->del_body == NULL, "cycle.json: Node has a __del__");
        CHECK(lang_class(s->program, 1)->ndel == 1, "cycle.json: Phoenix's __del__ has %d lines",
              (int)lang_class(s->program, 1)->ndel);
        /* 5 steps + 2 for-body statements + 5 function lines + 1 __del__ line */
        CHECK(lang_loc_count(s->program) == 13, "cycle.json: %d locs",
              (int)lang_loc_count(s->program));
        check_loc(s, "steps[0]", 12, 5, "gc.disable()", -1, 0);
        check_loc(s, "steps[1]", 13, 12, "p = make_pair()", -1, 1);
        CHECK_STR(loc_of(s, "steps[1]") ? loc_of(s, "steps[1]")->say : NULL, "Two objects that point at each other.");
        check_loc(s, "steps[3]", 15, 13, "for i in range(3)", -1, 3);
        check_loc(s, "steps[3].body[0]", 15, 39, "t = Node()", -1, 3);
        check_loc(s, "steps[3].body[1]", 15, 53, "t.me = t", -1, 3);
        check_loc(s, "functions.make_pair.body[2]", 7, 56, "a.peer = b", 0, 2);
        check_loc(s, "classes.Phoenix.__del__[0]", 3, 51, "graveyard.append(self)", -2 - 1, 0);
        LangStmt *loop = lang_step(s->program, 3);
        CHECK(loop && loop->kind == LANG_S_FOR && loop->for_count == 3 && loop->nbody == 2,
              "cycle.json: steps[3] is not a for loop of 3 with 2 statements");
        CHECK(loop && lang_loc(s->program, loop->loc) == loc_of(s, "steps[3]"),
              "cycle.json: steps[3]'s loc is not its own");
        CHECK(loc_of(s, "steps[4]") && loc_of(s, "steps[4]")->pause == 1,
              "cycle.json: steps[4] does not pause");
        scenario_free(s);
    }

    s = load_good(dir, "escapes.json");
    if (s) {
        /* Escapes, non-ASCII text, a BOM-less one-line file, pins, meta. */
        CHECK_STR(s->name, "escapes");
        CHECK_STR(s->chapter, "2");
        CHECK(lang_python(s->program) == 313, "escapes.json: python %d",
              (int)lang_python(s->program));
        CHECK(lang_collector(s->program) == GC_COLLECTOR_MARKSWEEP, "escapes.json: collector %d",
              (int)lang_collector(s->program));
        CHECK(s->npins == 2, "escapes.json: %d pins", (int)s->npins);
        if (s->npins == 2) {
            CHECK_STR(s->pins[0].key, "Node #1");
            CHECK(s->pins[0].x == 10 && s->pins[0].y == -20.5, "escapes.json: pin at %g, %g",
                  (double)s->pins[0].x, (double)s->pins[0].y);
            CHECK_STR(s->pins[1].key, "d");
        }
        CHECK(lang_step_count(s->program) == 3, "escapes.json: %d steps",
              (int)lang_step_count(s->program));
        check_loc(s, "steps[0]", 1, 76, "d = {\"k\\\"\": None}", -1, 0);
        check_loc(s, "steps[1]", 1, 108, "d[\"A\"] = Node()", -1, 1);
        CHECK_STR(loc_of(s, "steps[1]") ? loc_of(s, "steps[1]")->say : NULL, "\u00e9t\u00e9");
        check_loc(s, "steps[2]", 1, 149, "x = 1", -1, 2);
        CHECK_STR(s->title, "caf\u00e9 \"quoted\"\tand \U0001F600 \U0001F600");
        scenario_free(s);
    }

    s = load_good(dir, "collectors.json");
    if (s) {
        CHECK(lang_collector(s->program) == GC_COLLECTOR_REFCOUNT, "collectors.json: collector %d",
              (int)lang_collector(s->program));
        CHECK(lang_step_count(s->program) == 2, "collectors.json: %d steps",
              (int)lang_step_count(s->program));
        check_loc(s, "steps[1].body[0].body[0]", 10, 9, "x = Node()", -1, 1);
        check_loc(s, "functions.f.body[0]", 4, 62, "for j in range(2)", 0, 0);
        check_loc(s, "functions.f.body[0].body[0]", 4, 88, "return a", 0, 0);
        CHECK(lang_func(s->program, 0)->nparams == 2, "collectors.json: f has %d parameters",
              (int)lang_func(s->program, 0)->nparams);
        scenario_free(s);
    }
}

/* ---- generated ------------------------------------------------------- */

static void want_first(const char *name, const char *text, size_t len, const char *want)
{
    ScenarioErrors e;
    char got[600];
    Scenario *s = scenario_load_text(name, text, len, &e);
    CHECK(s == NULL, "%s: loaded", name);
    scenario_free(s);
    first_problem(name, &e, got, sizeof got);
    CHECK_STR(got, want);
}

static void run_limits(void)
{
    ScenarioErrors e;
    char got[600];

    /* Too many steps, from a file written here (it would be 700 kB). */
    {
        const char *name = "too_many_steps.json";
        FILE *f = fopen(name, "wb");
        CHECK(f != NULL, "%s: cannot write", name);
        if (f) {
            fputs("{\"title\": \"t\",\n \"steps\": [", f);
            for (int i = 0; i <= SCENARIO_MAX_STEPS; i++)
                fputs(i ? ",\"pass\"" : "\"pass\"", f);
            fputs("]}\n", f);
            fclose(f);
            CHECK(scenario_load(name, &e) == NULL, "%s: loaded", name);
            first_problem(name, &e, got, sizeof got);
            CHECK_STR(got, "too_many_steps.json:2:11: steps: too many steps (100001; at most 100000)");
            remove(name);
        }
    }
    /* Exactly the limit loads. */
    {
        size_t cap = 64 + (size_t)SCENARIO_MAX_STEPS * 7, n = 0;
        char *t = malloc(cap);
        n += (size_t)sprintf(t, "{\"title\": \"t\", \"steps\": [");
        for (int i = 0; i < SCENARIO_MAX_STEPS; i++)
            n += (size_t)sprintf(t + n, i ? ",\"pass\"" : "\"pass\"");
        n += (size_t)sprintf(t + n, "]}");
        Scenario *s = scenario_load_text("max.json", t, n, &e);
        CHECK(s != NULL && lang_step_count(s->program) == SCENARIO_MAX_STEPS,
              "max.json: %d steps", s ? (int)lang_step_count(s->program) : -1);
        scenario_free(s);
        free(t);
    }
    /* Refused before being read: a sparse file over the limit. */
    {
        const char *name = "too_large.json";
        FILE *f = fopen(name, "wb");
        CHECK(f != NULL, "%s: cannot write", name);
        if (f) {
            CHECK(fseek(f, SCENARIO_MAX_FILE_BYTES, SEEK_SET) == 0, "%s: cannot seek", name);
            fputc('\n', f);
            fclose(f);
            CHECK(scenario_load(name, &e) == NULL && e.io == 0, "%s: loaded, or io %d", name, e.io);
            first_problem(name, &e, got, sizeof got);
            CHECK_STR(got, "too_large.json: file is too large (8388609 bytes; at most 8388608)");
            remove(name);
        }
    }
    /* Io errors carry strerror and set io. */
    CHECK(scenario_load("no/such/file.json", &e) == NULL && e.io == 1 && e.count == 1,
          "no/such/file.json: io %d, %d problems", e.io, e.count);
    first_problem("no/such/file.json", &e, got, sizeof got);
    CHECK_STR(got, "no/such/file.json: cannot open: No such file or directory");
    CHECK(scenario_load(".", &e) == NULL && e.io == 1, ".: io %d", e.io);
    first_problem(".", &e, got, sizeof got);
    CHECK_STR(got, ".: cannot read: Is a directory");

    /* 100000 open brackets: refused by the scan, no deep recursion. */
    {
        size_t n = 100000;
        char *t = malloc(n + 16);
        memcpy(t, "{\"steps\": ", 10);
        memset(t + 10, '[', n);
        want_first("deep.json", t, n + 10, "deep.json:1:74: JSON nested more than 64 levels deep");
        free(t);
    }
    /* Exactly 64 levels is fine as JSON (and then a schema problem). */
    {
        char t[300];
        size_t n = 0;
        n += (size_t)sprintf(t, "{\"title\": \"t\", \"steps\": [\"pass\"], \"layout\": {\"a\": ");
        for (int i = 0; i < 62; i++)
            t[n++] = '[';
        for (int i = 0; i < 62; i++)
            t[n++] = ']';
        n += (size_t)sprintf(t + n, "}}");
        want_first("d64.json", t, n, "d64.json:1:51: layout.a: a layout entry must be [x, y] with two numbers");
    }
    /* Whitespace only, and an empty name. */
    want_first("ws.json", " \n\t\n", 4, "ws.json:1:1: the file is empty");
    want_first("cr.json", "{\"title\": \"t\",\r\n \"steps\": []}", 29,
               "cr.json:2:11: steps: 'steps' must not be empty");
    /* The earliest problems are kept in file order, all are counted. */
    {
        char t[8000];
        size_t n = (size_t)sprintf(t, "{\"title\": \"t\", \"steps\": [");
        for (int i = 0; i < 80; i++)
            n += (size_t)sprintf(t + n, "%s1", i ? "," : "");
        n += (size_t)sprintf(t + n, "], \"x\": 1}");
        Scenario *s = scenario_load_text("many.json", t, n, &e);
        CHECK(s == NULL && e.count == 81 && e.stored == SCENARIO_MAX_ERRORS,
              "many.json: %d problems, %d stored", e.count, e.stored);
        CHECK_STR(e.items[0].path, "steps[0]");
        CHECK_STR(e.items[SCENARIO_MAX_ERRORS - 1].path, "steps[49]");
        scenario_free(s);
    }
    /* scenario_format_problem */
    {
        ScenarioProblem p = {3, 7, "steps[4]", "boom"};
        scenario_format_problem("a.json", &p, got, sizeof got);
        CHECK_STR(got, "a.json:3:7: steps[4]: boom");
        p.path[0] = 0;
        scenario_format_problem("a.json", &p, got, sizeof got);
        CHECK_STR(got, "a.json:3:7: boom");
        scenario_format_problem("a.json", &p, got, 5);
        CHECK_STR(got, "a.js");
    }
    /* NULL errs and scenario_free(NULL) are fine. */
    CHECK(scenario_load_text("x.json", "[]", 2, NULL) == NULL, "x.json: loaded");
    scenario_free(NULL);
    /* A text that is not NUL-terminated at len. */
    {
        const char *t = "{\"title\": \"t\", \"steps\": [\"pass\"]}GARBAGE";
        Scenario *s = scenario_load_text("dir/nul.json", t, 33, &e);
        CHECK(s != NULL && e.count == 0, "dir/nul.json: %d problems", e.count);
        if (s) {
            CHECK_STR(s->name, "nul");
            CHECK_STR(s->path, "dir/nul.json");
        }
        scenario_free(s);
    }
}

static int run_print(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        ScenarioErrors e;
        char buf[600];
        Scenario *s = scenario_load(argv[i], &e);
        if (s)
            printf("%s: ok: %d steps\n", argv[i], (int)lang_step_count(s->program));
        for (int k = 0; k < e.stored; k++) {
            scenario_format_problem(argv[i], &e.items[k], buf, sizeof buf);
            printf("%s\n", buf);
        }
        scenario_free(s);
    }
    return 0;
}

static void t_broken(void)
{
    CHECK(nargs >= 1, "usage: test_scenario broken NAME.json");
    if (nargs >= 1)
        run_broken(args[0]);
}

static void t_folder(void)
{
    CHECK(nargs >= 1, "usage: test_scenario folder DIR");
    if (nargs >= 1)
        run_folder(args[0]);
}

static void t_good(void)
{
    CHECK(nargs >= 1, "usage: test_scenario good DIR");
    if (nargs >= 1)
        run_good(args[0]);
}

int main(int argc, char **argv)
{
    static const TestCase tests[] = {
        {"broken", t_broken}, {"folder", t_folder}, {"good", t_good}, {"limits", run_limits}};
    if (argc >= 2 && !strcmp(argv[1], "print"))
        return run_print(argc - 2, argv + 2);
    if (argc < 2) {
        fprintf(stderr, "usage: test_scenario broken FILE | folder DIR | good DIR | limits | print FILE...\n");
        return 2;
    }
    nargs = argc - 2;
    args = argv + 2;
    return test_main(argc, argv, tests, sizeof tests / sizeof tests[0]);
}
