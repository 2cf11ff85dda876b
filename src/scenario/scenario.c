/*
 * scenario.c: reading a scenario file, validating it against the schema of
 * DESIGN.md 2, and building the LangProgram from it.
 *
 * Start reading at scenario_load_text.  The order is: size limit; raw scan
 * (scenario_json.c: bytes, grammar, depth, positions); cJSON; a map from
 * cJSON node to text position; the schema walk, which parses every
 * statement as it goes; lang_validate.  Problems are kept in file order
 * (the SCENARIO_MAX_ERRORS earliest, errs->count counts them all), and the
 * walk keeps going after a problem so that one `gcviz check` shows them
 * all.  The cJSON tree never outlives scenario_load_text.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "scenario.h"
#include "scenario_internal.h"

#define PATH_LEN 256

/* A problem before it is placed: offset in the text, -1 if none. */
typedef struct Prob {
    long off;
    long seq;
    char path[sizeof(((ScenarioProblem *)0)->path)];
    char msg[sizeof(((ScenarioProblem *)0)->msg)];
} Prob;

typedef struct Ctx {
    const char *text;
    size_t len;
    ScnScan scan;
    ScnLines lines;
    int have_lines;
    /* cJSON node -> index into scan.val_off / key_off (open addressing). */
    const cJSON **hkey;
    int32_t *hval;
    size_t hmask;
    int positions;
    LangProgram *prog;
    /* Per loc index: where its string's quote is, and how many bytes at the
     * front of the loc's text are not in the file ("for "). */
    int32_t *loc_quote, *loc_skip;
    int32_t loc_cap;
    /* The earliest problems. */
    Prob best[SCENARIO_MAX_ERRORS];
    int nbest;
    long seq;
    int count;
    int oom;
} Ctx;

/* ---- problems --------------------------------------------------------- */

static int prob_before(const Prob *a, const Prob *b)
{
    if (a->off != b->off)
        return a->off < b->off;
    return a->seq < b->seq;
}

static void add_problem(Ctx *c, long off, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void add_problem(Ctx *c, long off, const char *path, const char *fmt, ...)
{
    Prob p;
    va_list ap;
    p.off = off;
    p.seq = c->seq++;
    snprintf(p.path, sizeof p.path, "%s", path ? path : "");
    va_start(ap, fmt);
    vsnprintf(p.msg, sizeof p.msg, fmt, ap);
    va_end(ap);
    if (strcmp(p.msg, "out of memory") == 0)
        c->oom = 1; /* from the parser or lang_validate: the file is not at fault */
    c->count++;
    if (c->nbest < SCENARIO_MAX_ERRORS) {
        c->best[c->nbest++] = p;
        return;
    }
    int worst = 0;
    for (int i = 1; i < c->nbest; i++)
        if (prob_before(&c->best[worst], &c->best[i]))
            worst = i;
    if (prob_before(&p, &c->best[worst]))
        c->best[worst] = p;
}

static int cmp_prob(const void *a, const void *b)
{
    const Prob *x = a, *y = b;
    return prob_before(x, y) ? -1 : prob_before(y, x) ? 1 : 0;
}

static void linecol(Ctx *c, long off, int *line, int *col)
{
    *line = *col = 0;
    if (off >= 0 && c->have_lines)
        scn_linecol(&c->lines, (size_t)off, line, col);
}

static void emit_problems(Ctx *c, ScenarioErrors *errs)
{
    qsort(c->best, (size_t)c->nbest, sizeof c->best[0], cmp_prob);
    errs->count = c->count;
    errs->stored = c->nbest;
    for (int i = 0; i < c->nbest; i++) {
        ScenarioProblem *p = &errs->items[i];
        linecol(c, c->best[i].off, &p->line, &p->col);
        memcpy(p->path, c->best[i].path, sizeof p->path);
        memcpy(p->msg, c->best[i].msg, sizeof p->msg);
    }
}

/* A user's string shortened for a message, without cutting a character. */
static const char *shown(const char *s, char *buf, size_t n)
{
    size_t len = strlen(s);
    if (len < n)
        return s;
    size_t k = n - 4;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    memcpy(buf, s, k);
    memcpy(buf + k, "...", 4);
    return buf;
}

/* ---- positions -------------------------------------------------------- */

static size_t hslot(const Ctx *c, const cJSON *n)
{
    uintptr_t h = (uintptr_t)n;
    h ^= h >> 17;
    h *= (uintptr_t)0x9E3779B97F4A7C15ull;
    return (size_t)(h ^ (h >> 29)) & c->hmask;
}

/* Numbers the nodes of the tree in pre-order (explicit stack: the depth is
 * bounded by the scan) and maps each to its recorded position. */
static void map_positions(Ctx *c, const cJSON *root)
{
    const cJSON *stack[SCENARIO_MAX_JSON_DEPTH + 2];
    int sp = 0;
    int32_t idx = 0;
    size_t cap = 16;
    while (cap < (size_t)c->scan.nvals * 2)
        cap *= 2;
    c->hkey = calloc(cap, sizeof *c->hkey);
    c->hval = calloc(cap, sizeof *c->hval);
    if (!c->hkey || !c->hval) {
        c->oom = 1;
        return;
    }
    c->hmask = cap - 1;
    const cJSON *n = root;
    while (n) {
        if (idx >= c->scan.nvals)
            return; /* the scan and cJSON disagree: no positions */
        size_t h = hslot(c, n);
        while (c->hkey[h])
            h = (h + 1) & c->hmask;
        c->hkey[h] = n;
        c->hval[h] = idx++;
        if (n->child && sp < SCENARIO_MAX_JSON_DEPTH + 1) {
            stack[sp++] = n;
            n = n->child;
            continue;
        }
        while (n && !n->next)
            n = sp ? stack[--sp] : NULL;
        if (n)
            n = n->next;
    }
    c->positions = idx == c->scan.nvals;
}

static int32_t node_index(const Ctx *c, const cJSON *n)
{
    if (!c->positions || !n)
        return -1;
    for (size_t h = hslot(c, n); c->hkey[h]; h = (h + 1) & c->hmask)
        if (c->hkey[h] == n)
            return c->hval[h];
    return -1;
}

/* Where a value starts. */
static long voff(const Ctx *c, const cJSON *n)
{
    int32_t i = node_index(c, n);
    return i < 0 ? -1 : c->scan.val_off[i];
}

/* Where a member's key starts (its value if it has no key). */
static long koff(const Ctx *c, const cJSON *n)
{
    int32_t i = node_index(c, n);
    if (i < 0)
        return -1;
    return c->scan.key_off[i] >= 0 ? c->scan.key_off[i] : c->scan.val_off[i];
}

/* Offset in the file of byte `col` of the statement in string node n. */
static long stmt_off(const Ctx *c, const cJSON *n, int col)
{
    long q = voff(c, n);
    if (q < 0 || col < 0)
        return q;
    return (long)scn_string_byte_off(c->text, c->len, (size_t)q, (size_t)col);
}

/* ---- small helpers ---------------------------------------------------- */

static const char *jtype(const cJSON *n)
{
    if (cJSON_IsString(n))
        return "a string";
    if (cJSON_IsNumber(n))
        return "a number";
    if (cJSON_IsArray(n))
        return "a list";
    if (cJSON_IsObject(n))
        return "an object";
    if (cJSON_IsBool(n))
        return cJSON_IsTrue(n) ? "true" : "false";
    return "null";
}

/* Paths longer than PATH_LEN keep their start (which names the step). */
static void path_key(char *dst, const char *base, const char *key)
{
    char b[48];
    if (snprintf(dst, PATH_LEN, "%s%s%s", base, *base ? "." : "", shown(key, b, sizeof b)) >= PATH_LEN)
        memcpy(dst + PATH_LEN - 4, "...", 4);
}

static void path_idx(char *dst, const char *base, int i)
{
    if (snprintf(dst, PATH_LEN, "%s[%d]", base, i) >= PATH_LEN)
        memcpy(dst + PATH_LEN - 4, "...", 4);
}

/* Marks members whose key an earlier member already has: dup[i] = 1.
 * Sorting by (key, position) keeps this O(n log n) for big objects. */
typedef struct KeyAt {
    const char *key;
    int32_t i;
} KeyAt;

static int cmp_keyat(const void *a, const void *b)
{
    const KeyAt *x = a, *y = b;
    int r = strcmp(x->key, y->key);
    return r ? r : (x->i > y->i) - (x->i < y->i);
}

static unsigned char *find_dups(Ctx *c, const cJSON *obj, int *n_out)
{
    int n = cJSON_GetArraySize(obj);
    *n_out = n;
    unsigned char *dup = calloc((size_t)n + 1, 1);
    KeyAt *k = malloc(((size_t)n + 1) * sizeof *k);
    if (!dup || !k) {
        free(dup);
        free(k);
        c->oom = 1;
        return NULL;
    }
    int i = 0;
    for (const cJSON *m = obj->child; m; m = m->next, i++) {
        k[i].key = m->string ? m->string : "";
        k[i].i = i;
    }
    qsort(k, (size_t)n, sizeof *k, cmp_keyat);
    for (i = 1; i < n; i++)
        if (!strcmp(k[i].key, k[i - 1].key))
            dup[k[i].i] = 1;
    free(k);
    return dup;
}

/* Reports an unknown key, with the nearest known one as a suggestion;
 * returns the suggestion or NULL. */
static const char *unknown_key(Ctx *c, const cJSON *m, const char *path, const char *const *known)
{
    const char *best = NULL;
    int bestd = 3;
    char b[48];
    for (int i = 0; known[i]; i++) {
        int d = scn_edit_distance(m->string, known[i]);
        if (d < bestd && d < (int)strlen(known[i])) {
            best = known[i];
            bestd = d;
        }
    }
    if (best)
        add_problem(c, koff(c, m), path, "unknown key '%s' (did you mean '%s'?)", shown(m->string, b, sizeof b),
                    best);
    else {
        char list[160] = "";
        for (int i = 0; known[i]; i++) {
            size_t l = strlen(list);
            snprintf(list + l, sizeof list - l, "%s'%s'", i ? ", " : "", known[i]);
        }
        add_problem(c, koff(c, m), path, "unknown key '%s' (expected %s)", shown(m->string, b, sizeof b), list);
    }
    return best;
}

static void dup_key(Ctx *c, const cJSON *m, const char *path)
{
    char b[48];
    add_problem(c, koff(c, m), path, "duplicate key '%s'", shown(m->string, b, sizeof b));
}

/* find_dups of o, which must be an object (what: the message's start,
 * "'classes' must be an object of class names"); NULL after reporting
 * that it is not one, or when out of memory. */
static unsigned char *object_dups(Ctx *c, const cJSON *o, const char *path, const char *what,
                                  int *n_out)
{
    if (!cJSON_IsObject(o)) {
        add_problem(c, voff(c, o), path, "%s, not %s", what, jtype(o));
        return NULL;
    }
    return find_dups(c, o, n_out);
}

/* The path of entry m (the i-th) of the object at base into p; 1 after
 * reporting it when its key is repeated (dup from find_dups). */
static int dup_entry(Ctx *c, const cJSON *m, const char *base, char *p, const unsigned char *dup,
                     int i)
{
    path_key(p, base, m->string);
    if (!dup[i])
        return 0;
    dup_key(c, m, p);
    return 1;
}

/* Checks a name; returns 0, or -1 after reporting it at off. */
static int check_name(Ctx *c, const char *s, const char *what, long off, const char *path, int self_ok)
{
    char b[48];
    size_t n = strlen(s);
    int ok = n > 0 && !(s[0] >= '0' && s[0] <= '9');
    for (size_t i = 0; i < n && ok; i++) {
        char ch = s[i];
        ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
    }
    if (!ok) {
        add_problem(c, off, path, "'%s' is not a valid %s name", shown(s, b, sizeof b), what);
        return -1;
    }
    if (n > LANG_MAX_IDENT_LEN) {
        add_problem(c, off, path, "%s name '%s' is too long (at most %d characters)", what,
                    shown(s, b, sizeof b), LANG_MAX_IDENT_LEN);
        return -1;
    }
    if (lang_is_py_keyword(s, strlen(s))) {
        add_problem(c, off, path, "'%s' is a Python keyword, not a valid %s name", s, what);
        return -1;
    }
    if (!strcmp(s, "gc") || !strcmp(s, "weakref")) {
        add_problem(c, off, path, "'%s' is a module name, not a valid %s name", s, what);
        return -1;
    }
    if (!self_ok && !strcmp(s, "self")) {
        add_problem(c, off, path, "'self' cannot be the name of a %s", what);
        return -1;
    }
    return 0;
}

static int32_t atom(Ctx *c, const char *s)
{
    int32_t a = gc_strtab_intern(lang_atoms(c->prog), s, strlen(s));
    if (a < 0)
        c->oom = 1;
    return a;
}

/* ---- statements ------------------------------------------------------- */

static void remember_loc(Ctx *c, int32_t loc, long quote, int skip)
{
    if (loc < 0)
        return;
    if (loc >= c->loc_cap) {
        int32_t cap = c->loc_cap;
        if (GC_VEC_RESERVE2(c->loc_quote, c->loc_skip, loc + 1, cap, 64, realloc) < 0) {
            c->oom = 1;
            return;
        }
        for (int32_t i = c->loc_cap; i < cap; i++)
            c->loc_quote[i] = c->loc_skip[i] = -1;
        c->loc_cap = cap;
    }
    c->loc_quote[loc] = (int32_t)quote;
    c->loc_skip[loc] = skip;
}

/* Registers the location of a statement whose JSON string is node n. */
static int32_t add_loc(Ctx *c, const cJSON *n, const char *path, const char *text, int skip,
                       const char *say, int pause, int32_t owner, int32_t index)
{
    LangLoc l;
    long q = voff(c, n);
    memset(&l, 0, sizeof l);
    l.path = path; /* lang_add_loc copies the strings */
    l.text = text;
    l.say = say;
    l.pause = pause;
    linecol(c, q, &l.line, &l.col);
    l.owner = owner;
    l.index = index;
    int32_t id = lang_add_loc(c->prog, &l);
    if (id < 0)
        c->oom = 1;
    remember_loc(c, id, q, skip);
    return id;
}

static int too_long(Ctx *c, const cJSON *n, const char *path)
{
    size_t len = strlen(n->valuestring);
    if (len <= LANG_MAX_STMT_LEN)
        return 0;
    add_problem(c, voff(c, n), path, "statement is too long (%zu bytes; at most %d)", len, LANG_MAX_STMT_LEN);
    return 1;
}

/* One statement string: parse it and give it a location. */
static LangStmt *build_stmt(Ctx *c, const cJSON *n, const char *path, const char *say, int pause,
                            int32_t owner, int32_t index)
{
    LangError err;
    if (too_long(c, n, path))
        return NULL;
    memset(&err, 0, sizeof err);
    err.col = -1;
    LangStmt *s = lang_parse_stmt(c->prog, n->valuestring, &err);
    if (!s) {
        add_problem(c, stmt_off(c, n, err.col), path, "%s", err.msg[0] ? err.msg : "invalid statement");
        return NULL;
    }
    s->loc = add_loc(c, n, path, n->valuestring, 0, say, pause, owner, index);
    return s;
}

/* Gives statement s the captions of the phases of its collections. */
static LangStmt *with_phase_says(Ctx *c, LangStmt *s, const char *const *texts)
{
    for (int k = 1; s && k < GC_PHASE_COUNT; k++)
        if (texts[k] && lang_loc_set_phase_say(c->prog, s->loc, (GcPhase)k, texts[k]) < 0)
            c->oom = 1;
    return s;
}

static LangStmt *build_item(Ctx *c, const cJSON *it, const char *path, int32_t owner, int32_t index,
                            int objects);

/* A list of statement items: out gets the ones that built. */
static void build_list(Ctx *c, const cJSON *arr, const char *path, int32_t owner, int32_t top_index,
                       int objects, LangStmt ***out, int32_t *nout)
{
    int n = cJSON_GetArraySize(arr), i = 0;
    LangStmt **v = lang_alloc(c->prog, ((size_t)n + 1) * sizeof *v);
    *out = v;
    *nout = 0;
    if (!v) {
        c->oom = 1;
        return;
    }
    for (const cJSON *it = arr->child; it && !c->oom; it = it->next, i++) {
        char p[PATH_LEN];
        path_idx(p, path, i);
        LangStmt *s = build_item(c, it, p, owner, top_index < 0 ? i : top_index, objects);
        if (s)
            v[(*nout)++] = s;
    }
}

/* The "body" of a "for" step, or "__del__"/a function's body: a non-empty list. */
static const cJSON *body_list(Ctx *c, const cJSON *b, const char *path, const char *name)
{
    if (!cJSON_IsArray(b)) {
        add_problem(c, voff(c, b), path, "'%s' must be a list of statements, not %s", name, jtype(b));
        return NULL;
    }
    if (!b->child) {
        add_problem(c, voff(c, b), path, "'%s' must not be empty (write [\"pass\"])", name);
        return NULL;
    }
    return b;
}

static const char *const DO_KEYS[] = {"do", "say", "pause", NULL};
static const char *const FOR_KEYS[] = {"for", "body", "say", "pause", NULL};
static const char *const STEP_KEYS[] = {"do", "for", "body", "say", "pause", NULL};

/* "say": {"statement": caption, "subtract_refs": caption, ...}: captions of
 * the phases of the collections the statement runs, into *say and
 * phase_texts; *bad set on a problem. */
static void phase_says(Ctx *c, const cJSON *jsay, const char *path, const char **say,
                       const char **phase_texts, int *bad)
{
    for (const cJSON *m = jsay->child; m; m = m->next) {
        char pk[160];
        snprintf(pk, sizeof pk, "%.100s.say.%.40s", path, m->string);
        int phase = -1;
        for (int k = 1; k < GC_PHASE_COUNT && strcmp(m->string, "statement") != 0; k++)
            if (strcmp(m->string, gc_phase_name((GcPhase)k)) == 0 && k != GC_PHASE_IDLE)
                phase = k;
        if (strcmp(m->string, "statement") != 0 && phase < 0) {
            add_problem(
                c, voff(c, m), pk,
                "'say' keys are \"statement\" or a collector phase (start, merge, update_refs, "
                "subtract_refs, move_unreachable, untrack_tuples, promote, legacy_finalizers, "
                "handle_weakrefs, finalize_garbage, handle_resurrected, delete_garbage, done, "
                "mark, sweep), not '%.40s'",
                m->string);
            *bad = 1;
        } else if (!cJSON_IsString(m)) {
            add_problem(c, voff(c, m), pk, "a caption must be a string, not %s", jtype(m));
            *bad = 1;
        } else if (phase < 0) {
            *say = m->valuestring;
        } else {
            phase_texts[phase] = m->valuestring;
        }
    }
}

/* A "for" step's header, "i in range(N)"; 1 when it parsed, else 0 with
 * the problem added. */
static int for_header(Ctx *c, const cJSON *jfor, const char *path, int32_t *var, int64_t *count)
{
    char p[PATH_LEN];
    if (!cJSON_IsString(jfor)) {
        path_key(p, path, "for");
        add_problem(c, voff(c, jfor), p, "'for' must be a string like \"i in range(3)\", not %s",
                    jtype(jfor));
        return 0;
    }
    if (too_long(c, jfor, path))
        return 0;
    LangError err;
    memset(&err, 0, sizeof err);
    err.col = -1;
    if (lang_parse_for(c->prog, jfor->valuestring, var, count, &err) == 0)
        return 1;
    add_problem(c, stmt_off(c, jfor, err.col), path, "%s",
                err.msg[0] ? err.msg : "invalid loop header (write \"i in range(N)\")");
    return 0;
}

/* {"do": stmt, "say": ..., "pause": ...} or {"for": header, "body": [...], "say": ...}. */
static LangStmt *build_object(Ctx *c, const cJSON *obj, const char *path, int32_t owner, int32_t index)
{
    const cJSON *jdo = NULL, *jfor = NULL, *jbody = NULL, *jsay = NULL, *jpause = NULL;
    char p[PATH_LEN];
    int n, i = 0, bad = 0;
    unsigned char *dup = find_dups(c, obj, &n);
    if (!dup)
        return NULL;
    for (const cJSON *m = obj->child; m; m = m->next, i++) {
        if (dup[i]) {
            path_key(p, path, m->string);
            dup_key(c, m, p);
            continue;
        }
        if (!strcmp(m->string, "do"))
            jdo = m;
        else if (!strcmp(m->string, "for"))
            jfor = m;
        else if (!strcmp(m->string, "body"))
            jbody = m;
        else if (!strcmp(m->string, "say"))
            jsay = m;
        else if (!strcmp(m->string, "pause"))
            jpause = m;
    }
    /* Unknown keys, against the keys of the kind of step this is. */
    i = 0;
    for (const cJSON *m = obj->child; m; m = m->next, i++) {
        if (dup[i] || m == jdo || m == jfor || m == jsay || m == jpause || (m == jbody && jfor))
            continue;
        path_key(p, path, m->string);
        if (m == jbody)
            add_problem(c, koff(c, m), p, "'body' belongs to a \"for\" step, not a \"do\" step");
        else
            unknown_key(c, m, p, jdo ? DO_KEYS : jfor ? FOR_KEYS : STEP_KEYS);
        bad = 1;
    }
    free(dup);
    if (jdo && jfor) {
        add_problem(c, voff(c, obj), path, "a step has either \"do\" or \"for\", not both");
        return NULL;
    }
    if (!jdo && !jfor) {
        add_problem(c, voff(c, obj), path, "a step object needs \"do\" (a statement) or \"for\" (a loop)");
        return NULL;
    }
    const char *say = NULL;
    const char *phase_texts[GC_PHASE_COUNT] = {0};
    int pause = 0;
    if (jsay && cJSON_IsObject(jsay)) {
        phase_says(c, jsay, path, &say, phase_texts, &bad);
    } else if (jsay && !cJSON_IsString(jsay)) {
        path_key(p, path, "say");
        add_problem(c, voff(c, jsay), p,
                    "'say' must be a string or an object of captions by phase, not %s",
                    jtype(jsay));
        bad = 1;
    } else if (jsay)
        say = jsay->valuestring;
    if (jpause && !cJSON_IsBool(jpause)) {
        path_key(p, path, "pause");
        add_problem(c, voff(c, jpause), p, "'pause' must be true or false, not %s", jtype(jpause));
        bad = 1;
    } else if (jpause)
        pause = cJSON_IsTrue(jpause);

    if (jdo) {
        if (!cJSON_IsString(jdo)) {
            path_key(p, path, "do");
            add_problem(c, voff(c, jdo), p, "'do' must be a statement string, not %s", jtype(jdo));
            return NULL;
        }
        LangStmt *s = build_stmt(c, jdo, path, say, pause, owner, index);
        return bad ? NULL : with_phase_says(c, s, phase_texts);
    }

    /* A loop. */
    int32_t var = -1;
    int64_t count = 0;
    int header_ok = for_header(c, jfor, path, &var, &count);
    const cJSON *body = NULL;
    if (!jbody)
        add_problem(c, voff(c, obj), path, "a \"for\" step needs a \"body\" list");
    else {
        path_key(p, path, "body");
        body = body_list(c, jbody, p, "body");
    }
    LangStmt **stmts = NULL;
    int32_t nstmts = 0;
    int before = c->count;
    if (body)
        build_list(c, body, p, owner, index, 1, &stmts, &nstmts);
    if (!header_ok || !body || bad || c->count != before)
        return NULL;
    LangStmt *s = lang_alloc(c->prog, sizeof *s);
    if (!s) {
        c->oom = 1;
        return NULL;
    }
    char text[LANG_MAX_STMT_LEN + 8];
    snprintf(text, sizeof text, "for %s", jfor->valuestring);
    s->kind = LANG_S_FOR;
    s->for_var = var;
    if (count < 0) {
        s->for_count_var = (int32_t)(-count - 1);
        s->for_count = 0;
    } else {
        s->for_count = count;
    }
    s->body = stmts;
    s->nbody = nstmts;
    s->loc = add_loc(c, jfor, path, text, 4, say, pause, owner, index);
    return with_phase_says(c, s, phase_texts);
}

static LangStmt *build_item(Ctx *c, const cJSON *it, const char *path, int32_t owner, int32_t index,
                            int objects)
{
    if (cJSON_IsString(it))
        return build_stmt(c, it, path, NULL, 0, owner, index);
    if (objects && cJSON_IsObject(it))
        return build_object(c, it, path, owner, index);
    if (objects)
        add_problem(c, voff(c, it), path,
                    "a step must be a statement string or an object with \"do\" or \"for\", not %s", jtype(it));
    else
        add_problem(c, voff(c, it), path, "must be a statement string, not %s", jtype(it));
    return NULL;
}

/* ---- classes, functions, layout --------------------------------------- */

static const char *const CLASS_KEYS[] = {"__del__", NULL};
static const char *const FUNC_KEYS[] = {"params", "body", NULL};

static void build_classes(Ctx *c, const cJSON *classes)
{
    char p[PATH_LEN], q[PATH_LEN];
    int n, i = 0;
    unsigned char *dup =
        object_dups(c, classes, "classes", "'classes' must be an object of class names", &n);
    if (!dup)
        return;
    for (const cJSON *k = classes->child; k && !c->oom; k = k->next, i++) {
        if (dup_entry(c, k, "classes", p, dup, i))
            continue;
        int ok = check_name(c, k->string, "class", koff(c, k), p, 0) == 0;
        if (!cJSON_IsObject(k)) {
            add_problem(c, voff(c, k), p, "a class must be an object like {} or {\"__del__\": [...]}, not %s",
                        jtype(k));
            continue;
        }
        LangClass cl;
        memset(&cl, 0, sizeof cl);
        int32_t cidx = lang_class_count(c->prog);
        int mn, j = 0, before = c->count;
        unsigned char *mdup = find_dups(c, k, &mn);
        if (!mdup)
            break;
        for (const cJSON *m = k->child; m; m = m->next, j++) {
            if (dup_entry(c, m, p, q, mdup, j))
                continue;
            if (strcmp(m->string, "__del__"))
                unknown_key(c, m, q, CLASS_KEYS);
            else if (body_list(c, m, q, "__del__"))
                build_list(c, m, q, -(2 + cidx), -1, 0, &cl.del_body, &cl.ndel);
        }
        free(mdup);
        if (!ok || c->count != before)
            continue;
        cl.name = atom(c, k->string);
        if (lang_add_class(c->prog, &cl) < 0)
            c->oom = 1;
    }
    free(dup);
}

static void build_params(Ctx *c, const cJSON *params, const char *path, LangFunc *f)
{
    char p[PATH_LEN];
    int n = cJSON_GetArraySize(params), i = 0;
    f->params = lang_alloc(c->prog, ((size_t)n + 1) * sizeof *f->params);
    if (!f->params) {
        c->oom = 1;
        return;
    }
    for (const cJSON *it = params->child; it; it = it->next, i++) {
        path_idx(p, path, i);
        if (!cJSON_IsString(it)) {
            add_problem(c, voff(c, it), p, "a parameter must be a name in a string, not %s", jtype(it));
            continue;
        }
        if (check_name(c, it->valuestring, "parameter", voff(c, it), p, 1))
            continue;
        int dup = 0;
        for (const cJSON *e = params->child; e != it; e = e->next)
            if (cJSON_IsString(e) && !strcmp(e->valuestring, it->valuestring))
                dup = 1;
        if (dup) {
            add_problem(c, voff(c, it), p, "duplicate parameter '%s'", it->valuestring);
            continue;
        }
        f->params[f->nparams++] = atom(c, it->valuestring);
    }
}

static void build_functions(Ctx *c, const cJSON *funcs, const cJSON *classes)
{
    char p[PATH_LEN], q[PATH_LEN];
    int n, i = 0;
    unsigned char *dup =
        object_dups(c, funcs, "functions", "'functions' must be an object of function names", &n);
    if (!dup)
        return;
    for (const cJSON *k = funcs->child; k && !c->oom; k = k->next, i++) {
        if (dup_entry(c, k, "functions", p, dup, i))
            continue;
        int before = c->count;
        if (check_name(c, k->string, "function", koff(c, k), p, 0) == 0 && cJSON_IsObject(classes) &&
            cJSON_GetObjectItemCaseSensitive(classes, k->string))
            add_problem(c, koff(c, k), p, "'%s' is already the name of a class", k->string);
        if (!cJSON_IsObject(k)) {
            add_problem(c, voff(c, k), p,
                        "a function must be an object like {\"params\": [...], \"body\": [...]}, not %s",
                        jtype(k));
            continue;
        }
        LangFunc f;
        memset(&f, 0, sizeof f);
        int32_t fidx = lang_func_count(c->prog);
        const cJSON *body = NULL;
        int mn, j = 0;
        unsigned char *mdup = find_dups(c, k, &mn);
        if (!mdup)
            break;
        for (const cJSON *m = k->child; m; m = m->next, j++) {
            if (dup_entry(c, m, p, q, mdup, j))
                continue;
            if (!strcmp(m->string, "params")) {
                if (cJSON_IsArray(m))
                    build_params(c, m, q, &f);
                else
                    add_problem(c, voff(c, m), q, "'params' must be a list of names, not %s", jtype(m));
            } else if (!strcmp(m->string, "body"))
                body = m;
            else
                unknown_key(c, m, q, FUNC_KEYS);
        }
        free(mdup);
        if (!body)
            add_problem(c, voff(c, k), p, "a function needs a \"body\" list");
        else {
            path_key(q, p, "body");
            if (body_list(c, body, q, "body"))
                build_list(c, body, q, fidx, -1, 1, &f.body, &f.nbody);
        }
        if (c->count != before)
            continue;
        f.name = atom(c, k->string);
        if (lang_add_func(c->prog, &f) < 0)
            c->oom = 1;
    }
    free(dup);
}

static char *dupstr(Ctx *c, const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (!d)
        c->oom = 1;
    else
        memcpy(d, s, n);
    return d;
}

static void build_layout(Ctx *c, const cJSON *layout, Scenario *s)
{
    char p[PATH_LEN];
    int n, i = 0;
    if (cJSON_IsString(layout)) {
        static const char *const names[] = {"row", "tree", "ring"};
        for (int k = 0; k < 3; k++)
            if (strcmp(layout->valuestring, names[k]) == 0) {
                s->arrange = (ScenarioArrange)(SCENARIO_ARRANGE_ROW + k);
                return;
            }
        add_problem(c, voff(c, layout), "layout",
                    "'layout' must be \"row\", \"tree\", \"ring\" or an object like {\"a\": [x, "
                    "y]}, not \"%.40s\"",
                    layout->valuestring);
        return;
    }
    unsigned char *dup = object_dups(c, layout, "layout",
                                     "'layout' must be an object like {\"a\": [x, y]} or \"row\", "
                                     "\"tree\", \"ring\"",
                                     &n);
    if (!dup)
        return;
    s->pins = calloc((size_t)n + 1, sizeof *s->pins);
    if (!s->pins) {
        free(dup);
        c->oom = 1;
        return;
    }
    for (const cJSON *k = layout->child; k; k = k->next, i++) {
        if (dup_entry(c, k, "layout", p, dup, i))
            continue;
        if (!k->string[0]) {
            add_problem(c, koff(c, k), p, "a layout key must name an object (\"Node #3\") or a variable");
            continue;
        }
        const cJSON *x = cJSON_GetArrayItem(k, 0), *y = cJSON_GetArrayItem(k, 1);
        if (!cJSON_IsArray(k) || cJSON_GetArraySize(k) != 2 || !cJSON_IsNumber(x) || !cJSON_IsNumber(y)) {
            if (cJSON_IsArray(k))
                add_problem(c, voff(c, k), p, "a layout entry must be [x, y] with two numbers");
            else
                add_problem(c, voff(c, k), p, "a layout entry must be [x, y] with two numbers, not %s", jtype(k));
            continue;
        }
        ScenarioPin *pin = &s->pins[s->npins];
        pin->key = dupstr(c, k->string);
        if (!pin->key)
            break;
        pin->x = x->valuedouble;
        pin->y = y->valuedouble;
        linecol(c, koff(c, k), &pin->line, &pin->col);
        s->npins++;
    }
    free(dup);
}

/* ---- the top level ---------------------------------------------------- */

static const char *const TOP_KEYS[] = {"title",     "description", "chapter",   "python",
                                       "collector", "classes",     "functions", "steps",
                                       "layout",    "source",      NULL};

/* A problem in a "source" program: placed at the source string, with the
 * line and column inside it. */
typedef struct SrcReport {
    Ctx *c;
    long off;
} SrcReport;

static void report_source(void *vctx, int line, int col, const char *msg)
{
    SrcReport *sr = vctx;
    if (line > 0)
        add_problem(sr->c, sr->off, "source", "line %d, column %d: %s", line, col, msg);
    else
        add_problem(sr->c, sr->off, "source", "%s", msg);
}

static void report_validate(void *ctx, int32_t loc, int col, const char *msg)
{
    Ctx *c = ctx;
    const LangLoc *l = lang_loc(c->prog, loc);
    long off = -1;
    if (loc >= 0 && loc < c->loc_cap && c->loc_quote[loc] >= 0) {
        off = c->loc_quote[loc];
        int b = col - c->loc_skip[loc];
        if (col >= 0 && b >= 0)
            off = (long)scn_string_byte_off(c->text, c->len, (size_t)off, (size_t)b);
    }
    add_problem(c, off, l ? l->path : "", "%s", msg);
}

static const cJSON *top_string(Ctx *c, const cJSON *m, const char *name)
{
    if (m && !cJSON_IsString(m)) {
        add_problem(c, voff(c, m), name, "'%s' must be a string, not %s", name, jtype(m));
        return NULL;
    }
    return m;
}

/* "python" and "collector": the version and the collector the program
 * runs with. */
static void build_meta(Ctx *c, const cJSON *python, const cJSON *coll)
{
    char b[48];
    int py = 312;
    GcCollector gcc = GC_COLLECTOR_CPYTHON;
    if (python && !cJSON_IsString(python))
        add_problem(c, voff(c, python), "python",
                    "'python' must be a string, \"3.12\", \"3.13\", \"3.14\" or \"3.15\", not %s",
                    jtype(python));
    else if (python && !strcmp(python->valuestring, "3.13"))
        py = 313;
    else if (python && !strcmp(python->valuestring, "3.14"))
        py = 314; /* 3.14.5 and later: the generational collector again */
    else if (python && !strcmp(python->valuestring, "3.15"))
        py = 315;
    else if (python && strcmp(python->valuestring, "3.12"))
        add_problem(
            c, voff(c, python), "python",
            "unsupported python version '%s' (use \"3.12\", \"3.13\", \"3.14\" or \"3.15\")",
            shown(python->valuestring, b, sizeof b));
    if (coll && !cJSON_IsString(coll))
        add_problem(
            c, voff(c, coll), "collector",
            "'collector' must be a string, \"cpython\", \"refcount\" or \"mark-sweep\", not %s",
            jtype(coll));
    else if (coll) {
        static const char *const names[] = {"cpython", "refcount", "mark-sweep", NULL};
        static const GcCollector kinds[] = {GC_COLLECTOR_CPYTHON, GC_COLLECTOR_REFCOUNT,
                                            GC_COLLECTOR_MARKSWEEP};
        int k = 0;
        while (names[k] && strcmp(names[k], coll->valuestring))
            k++;
        if (names[k])
            gcc = kinds[k];
        else
            add_problem(c, voff(c, coll), "collector",
                        "unknown collector '%s' (use \"cpython\", \"refcount\" or \"mark-sweep\")",
                        shown(coll->valuestring, b, sizeof b));
    }
    lang_set_meta(c->prog, py, gcc);
}

static void build(Ctx *c, const cJSON *root, Scenario *s)
{
    const cJSON *title = NULL, *desc = NULL, *chapter = NULL, *python = NULL, *coll = NULL;
    const cJSON *classes = NULL, *funcs = NULL, *steps = NULL, *layout = NULL, *source = NULL;
    const cJSON **slot[] = {&title,   &desc,  &chapter, &python, &coll,
                            &classes, &funcs, &steps,   &layout, &source};
    int n, i = 0, suggested_steps = 0;

    unsigned char *dup = object_dups(
        c, root, "", "a scenario must be a JSON object {\"title\": ..., \"steps\": [...]}", &n);
    if (!dup)
        return;
    for (const cJSON *m = root->child; m; m = m->next, i++) {
        char p[PATH_LEN];
        if (dup_entry(c, m, "", p, dup, i))
            continue;
        int k = 0;
        while (TOP_KEYS[k] && strcmp(TOP_KEYS[k], m->string))
            k++;
        if (TOP_KEYS[k])
            *slot[k] = m;
        else {
            /* "stpes" is reported once, not also as a missing "steps" */
            const char *sug = unknown_key(c, m, p, TOP_KEYS);
            suggested_steps |= sug && !strcmp(sug, "steps");
        }
    }
    free(dup);

    /* No "title": the file's name is the title (scenario_load_text). */
    if ((title = top_string(c, title, "title")) != NULL)
        s->title = dupstr(c, title->valuestring);
    if ((desc = top_string(c, desc, "description")) != NULL)
        s->description = dupstr(c, desc->valuestring);
    if ((chapter = top_string(c, chapter, "chapter")) != NULL)
        s->chapter = dupstr(c, chapter->valuestring);

    build_meta(c, python, coll);

    if (source) {
        /* the program as Python source: the same program, from lang_py.c */
        if (!cJSON_IsString(source)) {
            add_problem(c, voff(c, source), "source",
                        "'source' must be a string (the Python program), not %s", jtype(source));
            return;
        }
        if (classes || funcs || steps) {
            add_problem(
                c, voff(c, source), "source",
                "a scenario has either 'source' or 'classes'/'functions'/'steps', not both");
            return;
        }
        SrcReport sr = {c, voff(c, source)};
        LangPyMeta meta;
        int np = lang_py_compile(c->prog, source->valuestring, strlen(source->valuestring), &meta,
                                 report_source, &sr);
        if (np < 0)
            c->oom = 1;
        if (!s->title && meta.title)
            s->title = dupstr(c, meta.title);
        if (!s->description && meta.description)
            s->description = dupstr(c, meta.description);
        if (layout)
            build_layout(c, layout, s);
        return;
    }
    if (classes)
        build_classes(c, classes);
    if (funcs)
        build_functions(c, funcs, classes);
    if (!steps && !suggested_steps)
        add_problem(c, voff(c, root), "", "missing required key 'steps'");
    else if (!steps)
        ;
    else if (!cJSON_IsArray(steps))
        add_problem(c, voff(c, steps), "steps", "'steps' must be a list of statements, not %s", jtype(steps));
    else if (!steps->child)
        add_problem(c, voff(c, steps), "steps", "'steps' must not be empty");
    else if (cJSON_GetArraySize(steps) > SCENARIO_MAX_STEPS)
        add_problem(c, voff(c, steps), "steps", "too many steps (%d; at most %d)", cJSON_GetArraySize(steps),
                    SCENARIO_MAX_STEPS);
    else {
        LangStmt **v;
        int32_t nv;
        build_list(c, steps, "steps", -1, -1, 1, &v, &nv);
        for (int32_t k = 0; k < nv && !c->oom; k++)
            if (lang_add_step(c->prog, v[k]) < 0)
                c->oom = 1;
    }
    if (layout)
        build_layout(c, layout, s);
    if (!c->oom)
        lang_validate(c->prog, report_validate, c);
}

/* ---- loading ---------------------------------------------------------- */

static void clear_errs(ScenarioErrors *errs)
{
    errs->count = 0;
    errs->stored = 0;
    errs->io = 0;
}

/* A single problem with no position (io, size, memory). */
static void only_problem(ScenarioErrors *errs, int io, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void only_problem(ScenarioErrors *errs, int io, const char *fmt, ...)
{
    ScenarioProblem *p = &errs->items[0];
    va_list ap;
    memset(p, 0, sizeof *p);
    va_start(ap, fmt);
    vsnprintf(p->msg, sizeof p->msg, fmt, ap);
    va_end(ap);
    errs->count = 1;
    errs->stored = 1;
    errs->io = io;
}

static const char *base_name(const char *path, size_t *n)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t len = strlen(b);
    if (len > 5 && !strcmp(b + len - 5, ".json"))
        len -= 5;
    *n = len;
    return b;
}

typedef struct PyReport {
    ScenarioErrors *errs;
} PyReport;

static void report_py(void *vctx, int line, int col, const char *msg)
{
    PyReport *pr = vctx;
    ScenarioErrors *e = pr->errs;
    if (e->stored < SCENARIO_MAX_ERRORS) {
        ScenarioProblem *p = &e->items[e->stored++];
        memset(p, 0, sizeof *p);
        p->line = line;
        p->col = col;
        snprintf(p->msg, sizeof p->msg, "%s", msg);
    }
    e->count++;
}

/* Where a line-by-line walk over Python source is: inside a string that
 * goes on past the line (a triple-quoted one, or one continued by a
 * backslash) or not, as Python's tokenizer sees it. */
typedef struct PyScan {
    char quote; /* 0: in code; else the string's quote character */
    int triple;
} PyScan;

/* Advances st over text[i, e) (one line, e its newline or the end). */
static void scan_line(PyScan *st, const char *text, size_t i, size_t e)
{
    for (; i < e; i++) {
        char c = text[i];
        if (st->quote) {
            if (c == '\\') {
                if (i + 1 == e) /* a backslash at the end: the string goes on */
                    return;
                i++;
            } else if (c == st->quote &&
                       (!st->triple || (i + 2 < e && text[i + 1] == c && text[i + 2] == c))) {
                i += st->triple ? 2 : 0;
                st->quote = 0;
            }
        } else if (c == '#') {
            break; /* a comment to the end of the line */
        } else if (c == '\'' || c == '"') {
            st->quote = c;
            st->triple = i + 2 < e && text[i + 1] == c && text[i + 2] == c;
            i += st->triple ? 2 : 0;
        }
    }
    if (st->quote && !st->triple)
        st->quote = 0; /* a one-line string left open: Python's error, not ours */
}

/* Is the line of text that starts at i a "# pin:" comment (indented or
 * not), a real comment line, not a line of a docstring or a string?  *e
 * is the line's end (its newline or len), *b its first non-blank byte; st
 * (the string state at the line's start, from the text's first line on)
 * is advanced over the line.  The loader and Ctrl+S's writer agree
 * through this. */
static int pin_line(PyScan *st, const char *text, size_t len, size_t i, size_t *b, size_t *e)
{
    *e = i;
    while (*e < len && text[*e] != '\n')
        (*e)++;
    *b = i;
    while (*b < *e && (text[*b] == ' ' || text[*b] == '\t'))
        (*b)++;
    int in_string = st->quote != 0;
    scan_line(st, text, i, *e);
    return !in_string && *e - *b >= 6 && strncmp(text + *b, "# pin:", 6) == 0;
}

/* The "# pin: KEY X Y" comment lines of a .py lesson (KEY a variable or
 * "Node #3", X and Y numbers in world units, as "layout" pins in JSON),
 * appended to s->pins; a malformed one is reported with its line.
 * Returns 0, or -1 (problems in errs). */
static int py_pins(Scenario *s, const char *text, size_t len, ScenarioErrors *errs)
{
    int line = 1, bad = 0;
    PyScan st = {0, 0};
    for (size_t i = 0; i < len; line++) {
        size_t b, e;
        if (pin_line(&st, text, len, i, &b, &e)) {
            char buf[256];
            size_t n = e - b - 6 < sizeof buf - 1 ? e - b - 6 : sizeof buf - 1;
            memcpy(buf, text + b + 6, n);
            buf[n] = 0;
            /* the last two words are the numbers, the rest is the key */
            char *end = buf + strlen(buf);
            while (end > buf && isspace((unsigned char)end[-1]))
                *--end = 0;
            char *ys = strrchr(buf, ' ');
            char *xs = NULL;
            if (ys) {
                *ys = 0;
                xs = strrchr(buf, ' ');
            }
            char *ke = NULL, *ye = NULL;
            double x = xs ? strtod(xs + 1, &ke) : 0, y = ys ? strtod(ys + 1, &ye) : 0;
            const char *key = buf;
            while (*key == ' ')
                key++;
            if (!xs || !ys || ke == xs + 1 || *ke || ye == ys + 1 || *ye || key >= xs) {
                PyReport pr = {errs};
                report_py(
                    &pr, line, (int)(b - i) + 1,
                    "'# pin:' wants a name (or \"Node #3\") and two numbers: # pin: a 384 120");
                bad = 1;
            } else {
                *xs = 0;
                ScenarioPin *np = realloc(s->pins, (size_t)(s->npins + 1) * sizeof *np);
                char *k = np ? malloc(strlen(key) + 1) : NULL;
                if (np)
                    s->pins = np;
                if (!k)
                    return -1;
                strcpy(k, key);
                s->pins[s->npins++] = (ScenarioPin){k, x, y, line, (int)(b - i) + 9};
            }
        }
        i = e + 1;
    }
    return bad ? -1 : 0;
}

/* A .py file: the program is the file. */
static Scenario *load_py(const char *name, const char *text, size_t len, ScenarioErrors *errs)
{
    Scenario *s = calloc(1, sizeof *s);
    LangProgram *p = lang_program_new();
    if (!s || !p) {
        free(s);
        lang_program_free(p);
        only_problem(errs, 1, "out of memory");
        return NULL;
    }
    PyReport pr = {errs};
    LangPyMeta meta;
    int n = lang_py_compile(p, text, len, &meta, report_py, &pr);
    if (n != 0) {
        if (n < 0) {
            clear_errs(errs);
            only_problem(errs, 1, "out of memory");
        }
        lang_program_free(p);
        free(s);
        return NULL;
    }
    lang_set_meta(p, 312, GC_COLLECTOR_CPYTHON);
    const char *b = strrchr(name, '/');
    b = b ? b + 1 : name;
    size_t bl = strlen(b);
    if (bl > 3 && strcmp(b + bl - 3, ".py") == 0)
        bl -= 3;
    char *nm = malloc(bl + 1);
    char *path = malloc(strlen(name) + 1);
    const char *tsrc = meta.title ? meta.title : b;
    char *title = malloc(strlen(tsrc) + 1);
    char *desc = meta.description ? malloc(strlen(meta.description) + 1) : NULL;
    s->program = p;
    s->name = nm;
    s->path = path;
    s->title = title;
    s->description = desc;
    if (!nm || !path || !title || (meta.description && !desc)) {
        scenario_free(s);
        only_problem(errs, 1, "out of memory");
        return NULL;
    }
    memcpy(nm, b, bl);
    nm[bl] = 0;
    strcpy(path, name);
    strcpy(title, tsrc); /* no docstring: the file's name */
    if (!meta.title)
        title[bl] = 0;
    if (desc)
        strcpy(desc, meta.description);
    if (py_pins(s, text, len, errs) < 0) {
        if (errs->count == 0)
            only_problem(errs, 1, "out of memory");
        scenario_free(s);
        return NULL;
    }
    return s;
}

int scenario_is_py(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    return n > 3 && strcmp(path + n - 3, ".py") == 0;
}

Scenario *scenario_load_text(const char *name, const char *text, size_t len, ScenarioErrors *errs)
{
    ScenarioErrors scratch;
    Ctx *c;
    Scenario *s;
    char *buf;
    const char *end = NULL;
    cJSON *root = NULL;

    if (!errs)
        errs = &scratch;
    clear_errs(errs);
    if (!name)
        name = "<scenario>";
    if (len > SCENARIO_MAX_FILE_BYTES) {
        only_problem(errs, 0, "file is too large (%zu bytes; at most %d)", len, SCENARIO_MAX_FILE_BYTES);
        return NULL;
    }
    if (scenario_is_py(name))
        return load_py(name, text, len, errs);
    c = calloc(1, sizeof *c);
    s = calloc(1, sizeof *s);
    buf = malloc(len + 1);
    if (!c || !s || !buf) {
        free(c);
        free(s);
        free(buf);
        only_problem(errs, 1, "out of memory");
        return NULL;
    }
    memcpy(buf, text, len);
    buf[len] = 0;
    c->text = buf;
    c->len = len;

    /* 1. The raw text. */
    if (scn_scan(buf, len, &c->scan) < 0 || scn_lines_init(&c->lines, buf, len) < 0) {
        c->oom = 1;
        goto done;
    }
    c->have_lines = 1;
    if (c->scan.problem == SCN_P_ENCODING || c->scan.problem == SCN_P_DEPTH || c->scan.problem == SCN_P_EMPTY) {
        add_problem(c, (long)c->scan.problem_off, "", "%s", c->scan.problem_msg);
        goto done;
    }

    /* 2. cJSON, on a text known to be shallow and valid UTF-8. */
    root = cJSON_ParseWithLengthOpts(buf, len + 1, &end, 1);
    if (!root && !c->scan.problem) {
        /* The scan walked the whole grammar and found nothing: cJSON failed
         * to allocate. */
        c->oom = 1;
        goto done;
    }
    if (c->scan.problem || !root) {
        long e = end ? (long)(end - buf) : 0;
        if (e > (long)len)
            e = (long)len;
        if (c->scan.problem && (root || (long)c->scan.problem_off <= e))
            add_problem(c, (long)c->scan.problem_off, "", "%s", c->scan.problem_msg);
        else if (e >= (long)len)
            add_problem(c, e, "", "invalid JSON: unexpected end of file");
        else
            add_problem(c, e, "", "invalid JSON: unexpected '%c'", buf[e]);
        goto done;
    }

    /* 3. Positions, then the schema and the program. */
    map_positions(c, root);
    c->prog = lang_program_new();
    if (!c->prog || c->oom) {
        c->oom = 1;
        goto done;
    }
    build(c, root, s);

done:
    cJSON_Delete(root);
    if (c->oom) {
        c->count = 0;
        c->nbest = 0;
        add_problem(c, -1, "", "out of memory");
        errs->io = 1;
    }
    emit_problems(c, errs);
    if (c->count == 0) {
        size_t n;
        const char *b = base_name(name, &n);
        s->program = c->prog;
        s->path = dupstr(c, name);
        char *nm = malloc(n + 1);
        if (nm) {
            memcpy(nm, b, n);
            nm[n] = 0;
        }
        s->name = nm;
        c->prog = NULL;
        if (!s->title && nm) /* no "title" (nor a docstring): the file's name */
            s->title = dupstr(c, nm);
        if (!s->path || !s->name || !s->title) {
            scenario_free(s);
            s = NULL;
            only_problem(errs, 1, "out of memory");
        }
    } else {
        scenario_free(s);
        s = NULL;
    }
    lang_program_free(c->prog);
    scn_scan_free(&c->scan);
    if (c->have_lines)
        scn_lines_free(&c->lines);
    free(c->hkey);
    free(c->hval);
    free(c->loc_quote);
    free(c->loc_skip);
    free(c);
    free(buf);
    return s;
}

/* The bytes of path (at most SCENARIO_MAX_FILE_BYTES), malloc'ed, in *out
 * and *len; 0, or -1 with the problem in errs. */
static int read_limited(const char *path, char **out, size_t *len_out, ScenarioErrors *errs)
{
    struct stat st;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        only_problem(errs, 1, "cannot open: %s", strerror(errno));
        return -1;
    }
    if (fstat(fileno(f), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            fclose(f);
            only_problem(errs, 1, "cannot read: %s", strerror(EISDIR));
            return -1;
        }
        if (S_ISREG(st.st_mode) && st.st_size > SCENARIO_MAX_FILE_BYTES) {
            fclose(f);
            only_problem(errs, 0, "file is too large (%lld bytes; at most %d)", (long long)st.st_size,
                         SCENARIO_MAX_FILE_BYTES);
            return -1;
        }
    }
    /* Read in pieces, so that a file that grows or is not regular still
     * cannot take more than the limit. */
    for (;;) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            if (ncap > (size_t)SCENARIO_MAX_FILE_BYTES + 1)
                ncap = (size_t)SCENARIO_MAX_FILE_BYTES + 1;
            if (ncap == cap)
                break;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                fclose(f);
                only_problem(errs, 1, "out of memory");
                return -1;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        int e = errno;
        free(buf);
        fclose(f);
        only_problem(errs, 1, "cannot read: %s", strerror(e ? e : EIO));
        return -1;
    }
    fclose(f);
    if (len > SCENARIO_MAX_FILE_BYTES) {
        free(buf);
        only_problem(errs, 0, "file is too large (more than %d bytes)", SCENARIO_MAX_FILE_BYTES);
        return -1;
    }
    *out = buf;
    *len_out = len;
    return 0;
}

Scenario *scenario_load(const char *path, ScenarioErrors *errs)
{
    ScenarioErrors scratch;
    char *buf = NULL;
    size_t len = 0;

    if (!errs)
        errs = &scratch;
    clear_errs(errs);
    if (read_limited(path, &buf, &len, errs) < 0)
        return NULL;
    Scenario *s = scenario_load_text(path, buf ? buf : "", len, errs);
    free(buf);
    return s;
}

int scenario_read_index(const char *dir, ScenarioChapter *out, int max)
{
    char path[4200];
    ScenarioErrors errs;
    char *buf = NULL;
    size_t len = 0;
    snprintf(path, sizeof path, "%s/index.json", dir);
    clear_errs(&errs);
    if (read_limited(path, &buf, &len, &errs) < 0)
        return 0;
    cJSON *root = cJSON_ParseWithLength(buf ? buf : "", len);
    free(buf);
    const cJSON *ch = cJSON_GetObjectItemCaseSensitive(root, "chapters");
    int n = 0;
    for (const cJSON *it = cJSON_IsArray(ch) ? ch->child : NULL; it && n < max; it = it->next) {
        const cJSON *file = cJSON_GetObjectItemCaseSensitive(it, "file");
        const cJSON *title = cJSON_GetObjectItemCaseSensitive(it, "chapter");
        if (!cJSON_IsString(file) || !cJSON_IsString(title) || strchr(file->valuestring, '/'))
            continue;
        snprintf(out[n].file, sizeof out[n].file, "%s", file->valuestring);
        snprintf(out[n].title, sizeof out[n].title, "%s", title->valuestring);
        n++;
    }
    cJSON_Delete(root);
    return n;
}

void scenario_free(Scenario *s)
{
    if (!s)
        return;
    lang_program_free(s->program);
    for (int i = 0; i < s->npins; i++)
        free((void *)s->pins[i].key);
    free(s->pins);
    free((void *)s->path);
    free((void *)s->name);
    free((void *)s->title);
    free((void *)s->description);
    free((void *)s->chapter);
    free(s);
}

void scenario_format_problem(const char *file, const ScenarioProblem *p, char *buf, size_t n)
{
    char pos[32] = "";
    if (!buf || n == 0)
        return;
    if (p->line > 0)
        snprintf(pos, sizeof pos, ":%d:%d", p->line, p->col);
    snprintf(buf, n, "%s%s: %s%s%s", file ? file : "", pos, p->path, p->path[0] ? ": " : "", p->msg);
}

/* ---- saving an arrangement ------------------------------------------------ */

/* Writes len bytes to path through path.tmp and a rename (a failed write
 * leaves the file as it was).  0, or -1 with the reason in err. */
static int write_whole(const char *path, const char *text, size_t len, char *err, size_t errn)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    int ok = f && fwrite(text, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = 0;
    if (!ok || rename(tmp, path) != 0) {
        snprintf(err, errn, "cannot write %s: %s", path, strerror(errno));
        remove(tmp);
        return -1;
    }
    return 0;
}

static int save_py(const char *path, const char *text, size_t len, const ScenarioPin *pins, int n,
                   char *err, size_t errn)
{
    size_t cap = len + 2 + (size_t)n * 160;
    char *out = malloc(cap);
    if (!out) {
        snprintf(err, errn, "out of memory");
        return -1;
    }
    size_t k = 0;
    PyScan st = {0, 0};
    for (size_t i = 0; i < len;) {
        size_t b, e;
        int pin = pin_line(&st, text, len, i, &b, &e);
        size_t next = e < len ? e + 1 : e;
        if (!pin) { /* the old pins go */
            memcpy(out + k, text + i, next - i);
            k += next - i;
        }
        i = next;
    }
    if (k > 0 && out[k - 1] != '\n')
        out[k++] = '\n';
    for (int i = 0; i < n; i++)
        k += (size_t)snprintf(out + k, cap - k, "# pin: %.100s %.0f %.0f\n", pins[i].key, pins[i].x,
                              pins[i].y);
    int rc = write_whole(path, out, k, err, errn);
    free(out);
    return rc;
}

/* A world position to whole units (no libm in this module). */
static double round_units(double v)
{
    return v < 0 ? -(double)(long long)(-v + 0.5) : (double)(long long)(v + 0.5);
}

static int save_json(const char *path, const char *text, size_t len, const ScenarioPin *pins, int n,
                     char *err, size_t errn)
{
    cJSON *root = cJSON_ParseWithLength(text, len);
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        snprintf(err, errn, "%s is not a JSON object any more: not saved", path);
        return -1;
    }
    const cJSON *old = cJSON_GetObjectItemCaseSensitive(root, "layout");
    if (cJSON_IsString(old)) {
        snprintf(err, errn, "the file's \"layout\" is \"%.40s\" (an arrangement): not saved",
                 old->valuestring);
        cJSON_Delete(root);
        return -1;
    }
    cJSON_DeleteItemFromObjectCaseSensitive(root, "layout");
    cJSON *lay = cJSON_AddObjectToObject(root, "layout");
    int ok = lay != NULL;
    for (int i = 0; i < n && ok; i++) {
        double xy[2] = {round_units(pins[i].x), round_units(pins[i].y)};
        cJSON *a = cJSON_CreateDoubleArray(xy, 2);
        ok = a && cJSON_AddItemToObject(lay, pins[i].key, a);
    }
    char *out = ok ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!out) {
        snprintf(err, errn, "out of memory");
        return -1;
    }
    size_t ol = strlen(out);
    char *nl = realloc(out, ol + 2);
    if (nl) {
        out = nl;
        out[ol++] = '\n';
        out[ol] = 0;
    }
    int rc = write_whole(path, out, ol, err, errn);
    free(out);
    return rc;
}

int scenario_save_pins(const char *path, const ScenarioPin *pins, int n, char *err, size_t errn)
{
    ScenarioErrors errs;
    char *buf = NULL;
    size_t len = 0;
    clear_errs(&errs);
    if (read_limited(path, &buf, &len, &errs) < 0) {
        snprintf(err, errn, "cannot read %s: %s", path, errs.items[0].msg);
        free(buf);
        return -1;
    }
    int rc = scenario_is_py(path) ? save_py(path, buf ? buf : "", len, pins, n, err, errn)
                                  : save_json(path, buf ? buf : "", len, pins, n, err, errn);
    free(buf);
    return rc;
}
