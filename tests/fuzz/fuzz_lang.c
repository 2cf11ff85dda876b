/*
 * fuzz_lang.c: libFuzzer target for the statement parser and the
 * interpreter.
 *
 * The input is first given whole to lang_parse_stmt and lang_parse_for (any
 * bytes: no crash, a failure has a message and a column inside the text).
 * Then it is read as a small program in an indented, JSON-free notation and
 * turned into a scenario (so the loader's validation runs first, as in the
 * app):
 *
 *   #3.13 | #refcount | #mark-sweep   first line, optional: python/collector
 *   class Node                        a class without __del__
 *   class Phoenix:                    a class whose __del__ body follows,
 *    graveyard.append(self)           one space deeper
 *   def f(a, b):                      a function, body one space deeper
 *    return a
 *   for i in range(3):                a loop, body one space deeper
 *    t = Node()
 *   x = f(1, 2)                       anything else: a statement
 *
 * The input is also loaded as a .py program (lang_py.c's tokenizer and
 * parser see any bytes).
 *
 * A scenario that loads runs twice with small limits: recorded with gc_check
 * after every micro-step of the history, and unrecorded; both runs must end
 * the same way with the same counts (recording must not change the run).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUT 16384

typedef struct Buf {
    char *s;
    size_t n, cap;
} Buf;

static void put(Buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        char *ns = realloc(b->s, cap);
        if (!ns)
            abort();
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void puts_(Buf *b, const char *s) { put(b, s, strlen(s)); }

/* A JSON string literal of n bytes (bytes >= 0x80 pass through: invalid
 * UTF-8 reaches the loader's check). */
static void put_json_str(Buf *b, const char *s, size_t n)
{
    puts_(b, "\"");
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        char esc[8];
        if (ch == '"' || ch == '\\') {
            esc[0] = '\\';
            esc[1] = (char)ch;
            put(b, esc, 2);
        } else if (ch < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", ch);
            put(b, esc, 6);
        } else {
            put(b, (const char *)&s[i], 1);
        }
    }
    puts_(b, "\"");
}

typedef struct Line {
    const char *s; /* text after the indentation */
    size_t n;
    int indent;
} Line;

/* Emits the lines [*i, ...) at exactly `indent` as a JSON array of steps. */
static void put_block(Buf *b, const Line *ls, int nl, int *i, int indent)
{
    puts_(b, "[");
    int first = 1;
    while (*i < nl && ls[*i].indent >= indent) {
        const Line *l = &ls[(*i)++];
        if (l->indent > indent)
            continue; /* stray deeper line: skipped */
        if (!first)
            puts_(b, ", ");
        first = 0;
        if (l->n > 5 && !memcmp(l->s, "for ", 4) && l->s[l->n - 1] == ':') {
            puts_(b, "{\"for\": ");
            put_json_str(b, l->s + 4, l->n - 5);
            puts_(b, ", \"body\": ");
            put_block(b, ls, nl, i, indent + 1);
            puts_(b, "}");
        } else {
            put_json_str(b, l->s, l->n);
        }
    }
    puts_(b, "]");
}

static int starts(const Line *l, const char *p) { return l->n >= strlen(p) && !memcmp(l->s, p, strlen(p)); }

static char *to_scenario(const char *text, size_t size, size_t *out_len)
{
    Line *ls = malloc((size + 1) * sizeof *ls);
    int nl = 0;
    if (!ls)
        abort();
    for (size_t p = 0; p < size;) {
        size_t e = p;
        while (e < size && text[e] != '\n')
            e++;
        Line l = {text + p, e - p, 0};
        while (l.n && l.s[0] == ' ') {
            l.s++;
            l.n--;
            l.indent++;
        }
        if (l.n && l.s[l.n - 1] == '\r')
            l.n--;
        if (l.n)
            ls[nl++] = l;
        p = e + 1;
    }
    Buf b = {0};
    puts_(&b, "{\"title\": \"fuzz\"");
    int i = 0;
    if (nl && starts(&ls[0], "#")) {
        if (starts(&ls[0], "#3.13"))
            puts_(&b, ", \"python\": \"3.13\"");
        else if (starts(&ls[0], "#refcount"))
            puts_(&b, ", \"collector\": \"refcount\"");
        else if (starts(&ls[0], "#mark-sweep"))
            puts_(&b, ", \"collector\": \"mark-sweep\"");
        i = 1;
    }
    Buf classes = {0}, funcs = {0}, steps = {0};
    puts_(&classes, "{");
    puts_(&funcs, "{");
    puts_(&steps, "[");
    int nc = 0, nf = 0, ns = 0;
    while (i < nl) {
        const Line *l = &ls[i];
        if (l->indent > 0) {
            i++;
            continue;
        }
        if (starts(l, "class ")) {
            int has_del = l->s[l->n - 1] == ':';
            puts_(&classes, nc++ ? ", " : "");
            put_json_str(&classes, l->s + 6, l->n - 6 - (size_t)has_del);
            i++;
            if (has_del) {
                puts_(&classes, ": {\"__del__\": ");
                put_block(&classes, ls, nl, &i, 1);
                puts_(&classes, "}");
            } else {
                puts_(&classes, ": {}");
            }
        } else if (starts(l, "def ") && l->s[l->n - 1] == ':') {
            const char *name = l->s + 4, *end = l->s + l->n - 1;
            const char *lp = memchr(name, '(', (size_t)(end - name));
            const char *rp = lp ? memchr(lp, ')', (size_t)(end - lp)) : NULL;
            i++;
            puts_(&funcs, nf++ ? ", " : "");
            put_json_str(&funcs, name, (size_t)((lp ? lp : end) - name));
            puts_(&funcs, ": {\"params\": [");
            if (lp && rp) {
                int np = 0;
                for (const char *q = lp + 1; q < rp;) {
                    const char *c = memchr(q, ',', (size_t)(rp - q));
                    const char *pe = c ? c : rp;
                    while (q < pe && *q == ' ')
                        q++;
                    if (pe > q) {
                        puts_(&funcs, np++ ? ", " : "");
                        put_json_str(&funcs, q, (size_t)(pe - q));
                    }
                    q = pe + 1;
                }
            }
            puts_(&funcs, "], \"body\": ");
            put_block(&funcs, ls, nl, &i, 1);
            puts_(&funcs, "}");
        } else {
            /* One top-level statement, or a loop with its deeper lines. */
            int end = i + 1;
            while (end < nl && ls[end].indent > 0)
                end++;
            Buf single = {0};
            int k = i;
            put_block(&single, ls, end, &k, 0);
            puts_(&steps, ns++ ? ", " : "");
            put(&steps, single.s + 1, single.n - 2); /* strip the [ ] */
            free(single.s);
            i = end;
        }
    }
    puts_(&classes, "}");
    puts_(&funcs, "}");
    puts_(&steps, "]");
    if (nc) {
        puts_(&b, ", \"classes\": ");
        put(&b, classes.s, classes.n);
    }
    if (nf) {
        puts_(&b, ", \"functions\": ");
        put(&b, funcs.s, funcs.n);
    }
    puts_(&b, ", \"steps\": ");
    put(&b, steps.s, steps.n);
    puts_(&b, "}\n");
    free(classes.s);
    free(funcs.s);
    free(steps.s);
    free(ls);
    *out_len = b.n;
    return b.s;
}

static void parse_raw(const uint8_t *data, size_t size)
{
    char *t = malloc(size + 1);
    if (!t)
        abort();
    memcpy(t, data, size);
    t[size] = 0;
    size_t len = strlen(t);
    LangProgram *p = lang_program_new();
    if (!p)
        abort();
    LangError err;
    memset(&err, 0, sizeof err);
    LangStmt *st = lang_parse_stmt(p, t, &err);
    if (!st && (!err.msg[0] || err.col < 0 || (size_t)err.col > len)) {
        fprintf(stderr, "parse error without message or column in text: col %d '%s'\n", err.col,
                err.msg);
        abort();
    }
    int32_t var;
    int64_t count;
    memset(&err, 0, sizeof err);
    if (lang_parse_for(p, t, &var, &count, &err) < 0 && !err.msg[0]) {
        fprintf(stderr, "for header error without message\n");
        abort();
    }
    lang_program_free(p);
    free(t);
}

/* Runs a loaded program recorded (gc_check after every micro-step) and
 * unrecorded: both must end the same way with the same counts. */
static void run_both(Scenario *s)
{
    LangRunOptions o;
    memset(&o, 0, sizeof o);
    o.max_objects = 300;
    o.max_stmts = 1500;
    o.record = 1;
    o.checked = 1;
    LangRun *a = lang_run(s->program, &o);
    o.record = 0;
    o.checked = 0;
    LangRun *b = lang_run(s->program, &o);
    if (a && b) {
        const GcGlobals *ga = gc_globals(lang_run_heap(a)), *gb = gc_globals(lang_run_heap(b));
        if (getenv("FUZZ_LANG_PRINT"))
            fprintf(stderr, "status %d %s\n", lang_run_status(a), lang_run_error(a));
        if (lang_run_status(a) == 3 && strstr(lang_run_error(a), "heap check failed")) {
            fprintf(stderr, "%s\n", lang_run_error(a));
            abort();
        }
        if (lang_run_status(a) != lang_run_status(b) || strcmp(lang_run_error(a), lang_run_error(b)) ||
            ga->allocated != gb->allocated || ga->freed != gb->freed ||
            ga->stats[0].collections != gb->stats[0].collections ||
            ga->stats[2].collections != gb->stats[2].collections) {
            fprintf(stderr, "recorded and unrecorded runs differ: %d '%s' vs %d '%s'\n",
                    lang_run_status(a), lang_run_error(a), lang_run_status(b), lang_run_error(b));
            abort();
        }
    }
    lang_run_free(a);
    lang_run_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
        return 0;
    parse_raw(data, size);
    /* The same bytes as a Python source program (lang_py.c): any bytes load
     * or fail with a message; a program that loads runs like the others. */
    {
        ScenarioErrors perrs;
        Scenario *ps = scenario_load_text("fuzz.py", (const char *)data, size, &perrs);
        if (!ps && (perrs.stored < 1 || !perrs.items[0].msg[0]))
            abort();
        if (ps) {
            run_both(ps);
            scenario_free(ps);
        }
    }
    size_t len;
    char *json = to_scenario((const char *)data, size, &len);
    ScenarioErrors errs;
    Scenario *s = scenario_load_text("fuzz.json", json, len, &errs);
    if (getenv("FUZZ_LANG_PRINT")) {
        fprintf(stderr, "%s", json);
        for (int i = 0; !s && i < errs.stored; i++) {
            char buf[1024];
            scenario_format_problem("fuzz.json", &errs.items[i], buf, sizeof buf);
            fprintf(stderr, "%s\n", buf);
        }
    }
    free(json);
    if (!s) {
        if (errs.stored < 1 || !errs.items[0].msg[0])
            abort();
        return 0;
    }
    run_both(s);
    scenario_free(s);
    return 0;
}
