/*
 * lang_program.c: the program a scenario becomes: an arena that owns every
 * syntax node, the string table of atoms, the location table, the classes,
 * the functions and the top-level steps, and the static checks run on the
 * whole program once it is built (lang_validate).
 *
 * Invariant: everything reachable from a LangProgram (nodes, item arrays,
 * location strings, copies of parameter and body arrays) lives either in
 * its arena or in one of its growable tables, and dies in
 * lang_program_free.  Nothing is freed one by one.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"

/* ---- the arena ---------------------------------------------------------- */

#define ARENA_BLOCK 16384

typedef struct ArenaBlock {
    struct ArenaBlock *next;
    size_t used, cap;
    /* max_align_t keeps data aligned for any node type */
    max_align_t data[];
} ArenaBlock;

struct LangProgram {
    ArenaBlock *blocks;
    GcStrtab *atoms;
    LangLoc *locs;
    int32_t nlocs, caplocs;
    LangClass *classes;
    int32_t nclasses, capclasses;
    LangFunc *funcs;
    int32_t nfuncs, capfuncs;
    LangStmt **steps;
    int32_t nsteps, capsteps;
    int python;
    GcCollector collector;
    const char *source; /* .py text, NULL for the JSON form */
    int is_py;
    int32_t exit_loc; /* .py: the location of the interpreter's exit, -1 if none */
};

LangProgram *lang_program_new(void)
{
    LangProgram *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->atoms = gc_strtab_new();
    if (!p->atoms) {
        free(p);
        return NULL;
    }
    p->python = 312;
    p->collector = GC_COLLECTOR_CPYTHON;
    p->exit_loc = -1;
    return p;
}

void lang_program_free(LangProgram *p)
{
    if (!p)
        return;
    ArenaBlock *b = p->blocks;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    gc_strtab_free(p->atoms);
    free(p->locs);
    free(p->classes);
    free(p->funcs);
    free(p->steps);
    free(p);
}

GcStrtab *lang_atoms(LangProgram *p)
{
    return p ? p->atoms : NULL;
}

void *lang_alloc(LangProgram *p, size_t n)
{
    const size_t align = _Alignof(max_align_t);
    if (!p || n > SIZE_MAX / 2)
        return NULL;
    if (n == 0)
        n = 1;
    n = (n + align - 1) / align * align;
    ArenaBlock *b = p->blocks;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->cap = cap;
        /* A big one-off block goes behind the current one, so the space
         * left in the current block is not wasted. */
        if (p->blocks && cap > ARENA_BLOCK) {
            b->next = p->blocks->next;
            p->blocks->next = b;
        } else {
            b->next = p->blocks;
            p->blocks = b;
        }
    }
    void *mem = (char *)b->data + b->used;
    b->used += n;
    memset(mem, 0, n);
    return mem;
}

const char *lang_strdup(LangProgram *p, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *d = lang_alloc(p, n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n + 1);
    return d;
}

/* ---- building ----------------------------------------------------------- */

int32_t lang_add_loc(LangProgram *p, const LangLoc *loc)
{
    if (!p || !loc || GC_VEC_ROOM(p->locs, p->nlocs, p->caplocs, 16, realloc) < 0)
        return -1;
    LangLoc l = *loc;
    l.path = loc->path ? lang_strdup(p, loc->path) : NULL;
    l.text = loc->text ? lang_strdup(p, loc->text) : NULL;
    l.say = loc->say ? lang_strdup(p, loc->say) : NULL;
    if ((loc->path && !l.path) || (loc->text && !l.text) || (loc->say && !l.say))
        return -1;
    p->locs[p->nlocs] = l;
    return p->nlocs++;
}

int lang_loc_set_phase_say(LangProgram *p, int32_t loc, GcPhase phase, const char *text)
{
    if (!p || loc < 0 || loc >= p->nlocs || phase <= GC_PHASE_IDLE || phase >= GC_PHASE_COUNT ||
        !text)
        return -1;
    LangLoc *l = &p->locs[loc];
    if (!l->phase_say && !(l->phase_say = lang_alloc(p, GC_PHASE_COUNT * sizeof *l->phase_say)))
        return -1;
    return (l->phase_say[phase] = lang_strdup(p, text)) ? 0 : -1;
}

const LangLoc *lang_loc(const LangProgram *p, int32_t loc)
{
    if (!p || loc < 0 || loc >= p->nlocs)
        return NULL;
    return &p->locs[loc];
}

int32_t lang_loc_count(const LangProgram *p)
{
    return p ? p->nlocs : 0;
}

/* Copies n elements into the arena so callers may pass arrays of their own. */
static void *arena_copy(LangProgram *p, const void *src, int32_t n, size_t elem, int *fail)
{
    if (n <= 0 || !src)
        return NULL;
    void *d = lang_alloc(p, (size_t)n * elem);
    if (!d) {
        *fail = 1;
        return NULL;
    }
    memcpy(d, src, (size_t)n * elem);
    return d;
}

int32_t lang_add_class(LangProgram *p, const LangClass *c)
{
    if (!p || !c || c->ndel < 0 ||
        GC_VEC_ROOM(p->classes, p->nclasses, p->capclasses, 16, realloc) < 0)
        return -1;
    LangClass k = *c;
    int fail = 0;
    if (!p->is_py) {
        k.base = -1;
        k.xbase = -1;
        k.del_func = -1;
        k.attrs = NULL;
        k.nattrs = 0;
    }
    k.attrs = arena_copy(p, k.attrs, k.nattrs, sizeof *k.attrs, &fail);
    k.del_body = arena_copy(p, c->del_body, c->ndel, sizeof *c->del_body, &fail);
    if (fail)
        return -1;
    /* "__del__": [] still defines a finalizer: keep a non-NULL body */
    if (c->del_body && c->ndel == 0) {
        k.del_body = lang_alloc(p, sizeof *k.del_body);
        if (!k.del_body)
            return -1;
    }
    p->classes[p->nclasses] = k;
    return p->nclasses++;
}

int32_t lang_add_func(LangProgram *p, const LangFunc *f)
{
    if (!p || !f || f->nparams < 0 || f->nbody < 0 ||
        GC_VEC_ROOM(p->funcs, p->nfuncs, p->capfuncs, 16, realloc) < 0)
        return -1;
    LangFunc g = *f;
    int fail = 0;
    if (!p->is_py) {
        g.short_name = g.name;
        g.cls = -1;
        g.defaults = NULL;
        g.ndefaults = 0;
    }
    g.defaults = arena_copy(p, g.defaults, g.ndefaults, sizeof *g.defaults, &fail);
    g.params = arena_copy(p, f->params, f->nparams, sizeof *f->params, &fail);
    g.body = arena_copy(p, f->body, f->nbody, sizeof *f->body, &fail);
    if (fail)
        return -1;
    p->funcs[p->nfuncs] = g;
    return p->nfuncs++;
}

int lang_add_step(LangProgram *p, LangStmt *s)
{
    if (!p || !s || GC_VEC_ROOM(p->steps, p->nsteps, p->capsteps, 16, realloc) < 0)
        return -1;
    p->steps[p->nsteps++] = s;
    return 0;
}

void lang_set_meta(LangProgram *p, int python, GcCollector collector)
{
    if (!p)
        return;
    p->python = python;
    p->collector = collector;
}

/* ---- accessors ---------------------------------------------------------- */

int32_t lang_class_count(const LangProgram *p)
{
    return p ? p->nclasses : 0;
}

const LangClass *lang_class(const LangProgram *p, int32_t i)
{
    return p && i >= 0 && i < p->nclasses ? &p->classes[i] : NULL;
}

int32_t lang_func_count(const LangProgram *p)
{
    return p ? p->nfuncs : 0;
}

const LangFunc *lang_func(const LangProgram *p, int32_t i)
{
    return p && i >= 0 && i < p->nfuncs ? &p->funcs[i] : NULL;
}

int32_t lang_step_count(const LangProgram *p)
{
    return p ? p->nsteps : 0;
}

LangStmt *lang_step(const LangProgram *p, int32_t i)
{
    return p && i >= 0 && i < p->nsteps ? p->steps[i] : NULL;
}

const char *lang_source(const LangProgram *p)
{
    return p ? p->source : NULL;
}

void lang_set_source(LangProgram *p, const char *text)
{
    if (p) {
        p->source = lang_strdup(p, text);
        p->is_py = 1;
    }
}

void lang_set_exit_loc(LangProgram *p, int32_t loc)
{
    if (p)
        p->exit_loc = loc;
}

int32_t lang_exit_loc(const LangProgram *p)
{
    return p ? p->exit_loc : -1;
}

int lang_is_py(const LangProgram *p)
{
    return p ? p->is_py : 0;
}

int lang_python(const LangProgram *p)
{
    return p ? p->python : 312;
}

GcCollector lang_collector(const LangProgram *p)
{
    return p ? p->collector : GC_COLLECTOR_CPYTHON;
}

/* ---- static checks ------------------------------------------------------ */

/*
 * What the parser cannot know because it sees one statement at a time:
 * which names are classes and functions, their arities, where a statement
 * sits (top level, function body, __del__ body).  Each problem is reported
 * with the statement's loc and the column of the offending node.
 */

enum { OWNER_TOP, OWNER_FUNC, OWNER_DEL };

typedef struct Validator {
    LangProgram *p;
    void (*report)(void *ctx, int32_t loc, int col, const char *msg);
    void *ctx;
    int count;
    int owner;              /* OWNER_* of the body being checked */
    const LangFunc *func;   /* when owner == OWNER_FUNC */
    int32_t a_gc, a_weakref, a_self;
    int32_t *bound;         /* sorted atoms of every name the program binds */
    int32_t nbound, capbound; /* (capbound -1: out of memory, no check) */
} Validator;

static void problem(Validator *v, int32_t loc, int col, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    v->count++;
    if (v->report)
        v->report(v->ctx, loc, col, msg);
}

static const char *atom_text(const Validator *v, int32_t a)
{
    return gc_strtab_get(v->p->atoms, a);
}

static int find_class(const LangProgram *p, int32_t name)
{
    for (int32_t i = 0; i < p->nclasses; i++)
        if (p->classes[i].name == name)
            return i;
    return -1;
}

static int find_func(const LangProgram *p, int32_t name)
{
    for (int32_t i = 0; i < p->nfuncs; i++)
        if (p->funcs[i].name == name)
            return i;
    return -1;
}

/* "'a'", "'a' and 'b'", "'a', 'b' and 'c'": CPython's list of missing names. */
static void missing_names(const Validator *v, const LangFunc *f, int32_t from, char *out,
                          size_t size)
{
    size_t len = 0;
    out[0] = '\0';
    for (int32_t i = from; i < f->nparams && len + 1 < size; i++) {
        const char *sep = i == from ? "" : i == f->nparams - 1 ? " and " : ", ";
        int n = snprintf(out + len, size - len, "%s'%s'", sep, atom_text(v, f->params[i]));
        if (n < 0)
            break;
        len += (size_t)n;
    }
}

/* ---- names a program binds: a call of any other name cannot work --------- */

static void bind_name(Validator *v, int32_t atom)
{
    if (v->capbound < 0)
        return;
    if (GC_VEC_ROOM(v->bound, v->nbound, v->capbound, 64, realloc) < 0) {
        v->capbound = -1; /* out of memory: the check is skipped */
        return;
    }
    v->bound[v->nbound++] = atom;
}

/* Loop bodies nest at most SCENARIO_MAX_JSON_DEPTH deep: bounded recursion. */
static void bind_body(Validator *v, LangStmt *const *body, int32_t n)
{
    for (int32_t i = 0; i < n; i++) {
        const LangStmt *s = body[i];
        if (!s)
            continue;
        if (s->kind == LANG_S_ASSIGN && s->target && s->target->kind == LANG_E_NAME)
            bind_name(v, s->target->atom);
        if (s->kind == LANG_S_FOR) {
            bind_name(v, s->for_var);
            bind_body(v, s->body, s->nbody);
        }
    }
}

static int cmp_atom(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static void bind_all(Validator *v)
{
    const LangProgram *p = v->p;
    bind_name(v, v->a_self);
    bind_body(v, p->steps, p->nsteps);
    for (int32_t i = 0; i < p->nfuncs; i++) {
        for (int32_t j = 0; j < p->funcs[i].nparams; j++)
            bind_name(v, p->funcs[i].params[j]);
        bind_body(v, p->funcs[i].body, p->funcs[i].nbody);
    }
    for (int32_t i = 0; i < p->nclasses; i++)
        bind_body(v, p->classes[i].del_body, p->classes[i].ndel);
    if (v->capbound > 0)
        qsort(v->bound, (size_t)v->nbound, sizeof *v->bound, cmp_atom);
}

static int is_bound(const Validator *v, int32_t atom)
{
    return v->nbound && bsearch(&atom, v->bound, (size_t)v->nbound, sizeof atom, cmp_atom);
}

static void check_call(Validator *v, int32_t loc, const LangExpr *e)
{
    if (!e->base || e->base->kind != LANG_E_NAME)
        return; /* gc.*, weakref.ref and list methods: checked by the parser */
    int32_t name = e->base->atom;
    const char *s = atom_text(v, name);
    int ci = find_class(v->p, name), fi = find_func(v->p, name);
    if (ci >= 0) {
        if (e->nitems > 0)
            problem(v, loc, e->col, "%s() takes no arguments", s);
    } else if (fi >= 0) {
        const LangFunc *f = &v->p->funcs[fi];
        if (e->nitems > f->nparams) {
            problem(v, loc, e->col, "%s() takes %d positional argument%s but %d %s given", s,
                    (int)f->nparams, f->nparams == 1 ? "" : "s", (int)e->nitems,
                    e->nitems == 1 ? "was" : "were");
        } else if (e->nitems < f->nparams) {
            char names[160];
            int32_t miss = f->nparams - e->nitems;
            missing_names(v, f, e->nitems, names, sizeof names);
            problem(v, loc, e->col, "%s() missing %d required positional argument%s: %s", s,
                    (int)miss, miss == 1 ? "" : "s", names);
        }
    } else if (e->nitems > 0) {
        problem(v, loc, e->col,
                "'%s' is not a class or function of this scenario (only a weakref can be "
                "called, with no arguments)",
                s);
    } else if (v->capbound >= 0 && !is_bound(v, name)) {
        problem(v, loc, e->col,
                "'%s' is not a class, function or variable of this scenario", s);
    }
}

static void check_expr(Validator *v, int32_t loc, const LangExpr *e)
{
    if (!e)
        return;
    switch (e->kind) {
    case LANG_E_NAME:
        if (e->atom == v->a_self && v->owner != OWNER_DEL)
            problem(v, loc, e->col, "'self' can only be used inside __del__");
        break;
    case LANG_E_CALL:
        check_call(v, loc, e);
        break;
    default:
        break;
    }
    /* expression trees are at most LANG_MAX_EXPR_DEPTH deep (the parser
     * guarantees it), so recursion is bounded */
    check_expr(v, loc, e->base);
    check_expr(v, loc, e->index);
    for (int32_t i = 0; i < e->nitems; i++) {
        if (e->keys)
            check_expr(v, loc, e->keys[i]);
        if (e->items)
            check_expr(v, loc, e->items[i]);
    }
}

/* A name that is stored to (assignment, del, loop variable) must not be a
 * module, a class or a function of the scenario. */
static void check_store_name(Validator *v, int32_t loc, int col, int32_t name, const char *verb)
{
    const char *s = atom_text(v, name);
    if (name == v->a_gc || name == v->a_weakref)
        problem(v, loc, col, "cannot %s '%s': it is the %s module", verb, s, s);
    else if (find_class(v->p, name) >= 0)
        problem(v, loc, col, "cannot %s '%s': it is a class of this scenario", verb, s);
    else if (find_func(v->p, name) >= 0)
        problem(v, loc, col, "cannot %s '%s': it is a function of this scenario", verb, s);
}

static void check_target(Validator *v, int32_t loc, const LangExpr *t, const char *verb)
{
    if (!t)
        return;
    if (t->kind == LANG_E_NAME)
        check_store_name(v, loc, t->col, t->atom, verb);
    else
        check_expr(v, loc, t);
    if (t->kind == LANG_E_NAME && t->atom == v->a_self && v->owner != OWNER_DEL)
        problem(v, loc, t->col, "'self' can only be used inside __del__");
}

/* How statement s mentions name: 0 not at all, 1 read, 2 stored. */
static int expr_mentions(const LangExpr *e, int32_t name)
{
    if (!e)
        return 0;
    if (e->kind == LANG_E_NAME && e->atom == name)
        return 1;
    if (expr_mentions(e->base, name) || expr_mentions(e->index, name))
        return 1;
    for (int32_t i = 0; i < e->nitems; i++)
        if ((e->keys && expr_mentions(e->keys[i], name)) ||
            (e->items && expr_mentions(e->items[i], name)))
            return 1;
    return 0;
}

static int stmt_mentions(const LangStmt *s, int32_t name)
{
    int m = 0;
    if (!s)
        return 0;
    if (s->kind == LANG_S_ASSIGN || s->kind == LANG_S_DEL) {
        LangExpr *const *t = s->kind == LANG_S_ASSIGN ? &s->target : s->targets;
        int32_t n = s->kind == LANG_S_ASSIGN ? 1 : s->ntargets;
        for (int32_t i = 0; t && i < n; i++) {
            if (t[i] && t[i]->kind == LANG_E_NAME && t[i]->atom == name)
                return 2;
            if (expr_mentions(t[i], name))
                m = 1;
        }
    }
    if (s->kind == LANG_S_FOR) {
        if (s->for_var == name)
            return 2;
        for (int32_t i = 0; i < s->nbody; i++) {
            int k = stmt_mentions(s->body[i], name);
            if (k == 2)
                return 2;
            if (k)
                m = 1;
        }
    }
    if (expr_mentions(s->value, name))
        m = m ? m : 1;
    return m;
}

static void check_body(Validator *v, LangStmt *const *body, int32_t n);

/* Python's rule: a global declaration comes before any use of the name in
 * the same body.  prev/nprev are the statements of the body before it. */
static void check_global(Validator *v, const LangStmt *s, LangStmt *const *prev, int32_t nprev)
{
    for (int32_t k = 0; k < s->nnames; k++) {
        int32_t name = s->names[k];
        const char *txt = atom_text(v, name);
        if (v->owner == OWNER_FUNC) {
            for (int32_t i = 0; i < v->func->nparams; i++)
                if (v->func->params[i] == name)
                    problem(v, s->loc, 0, "name '%s' is parameter and global", txt);
        }
        int m = 0;
        for (int32_t i = 0; i < nprev && m != 2; i++) {
            int k2 = stmt_mentions(prev[i], name);
            m = k2 > m ? k2 : m;
        }
        if (m == 2)
            problem(v, s->loc, 0, "name '%s' is assigned to before global declaration", txt);
        else if (m == 1)
            problem(v, s->loc, 0, "name '%s' is used prior to global declaration", txt);
    }
}

static void check_stmt(Validator *v, const LangStmt *s, LangStmt *const *prev, int32_t nprev)
{
    switch (s->kind) {
    case LANG_S_ASSIGN:
        check_expr(v, s->loc, s->value);
        check_target(v, s->loc, s->target, "assign to");
        break;
    case LANG_S_DEL:
        for (int32_t i = 0; i < s->ntargets; i++)
            check_target(v, s->loc, s->targets[i], "delete");
        break;
    case LANG_S_EXPR:
        check_expr(v, s->loc, s->value);
        break;
    case LANG_S_RETURN:
        if (v->owner == OWNER_TOP)
            problem(v, s->loc, 0, "'return' outside function");
        check_expr(v, s->loc, s->value);
        break;
    case LANG_S_GLOBAL:
        if (v->owner == OWNER_TOP)
            problem(v, s->loc, 0, "'global' is only allowed in function and __del__ bodies");
        else
            check_global(v, s, prev, nprev);
        break;
    case LANG_S_FOR:
        check_store_name(v, s->loc, 0, s->for_var, "use as loop variable");
        if (s->for_var == v->a_self && v->owner != OWNER_DEL)
            problem(v, s->loc, 0, "'self' can only be used inside __del__");
        check_body(v, s->body, s->nbody);
        break;
    case LANG_S_PASS:
        break;
    default:
        problem(v, s->loc, -1, "internal error: unknown statement kind %d", (int)s->kind);
        break;
    }
}

static void check_body(Validator *v, LangStmt *const *body, int32_t n)
{
    for (int32_t i = 0; i < n; i++)
        if (body[i])
            check_stmt(v, body[i], body, i);
}

int lang_validate(LangProgram *p, void (*report)(void *ctx, int32_t loc, int col, const char *msg),
                  void *ctx)
{
    if (!p)
        return 0;
    Validator v = {.p = p, .report = report, .ctx = ctx};
    v.a_gc = gc_strtab_intern(p->atoms, "gc", 2);
    v.a_weakref = gc_strtab_intern(p->atoms, "weakref", 7);
    v.a_self = gc_strtab_intern(p->atoms, "self", 4);
    if (v.a_gc < 0 || v.a_weakref < 0 || v.a_self < 0) {
        problem(&v, -1, -1, "out of memory");
        return v.count;
    }

    /* Declarations: not tied to a statement, so reported with loc -1. */
    for (int32_t i = 0; i < p->nclasses; i++) {
        int32_t name = p->classes[i].name;
        if (find_func(p, name) >= 0)
            problem(&v, -1, -1, "'%s' is both a class and a function", atom_text(&v, name));
        if (find_class(p, name) != i)
            problem(&v, -1, -1, "class '%s' is defined twice", atom_text(&v, name));
        if (name == v.a_gc || name == v.a_weakref || name == v.a_self)
            problem(&v, -1, -1, "'%s' cannot be the name of a class", atom_text(&v, name));
    }
    for (int32_t i = 0; i < p->nfuncs; i++) {
        const LangFunc *f = &p->funcs[i];
        if (find_func(p, f->name) != i)
            problem(&v, -1, -1, "function '%s' is defined twice", atom_text(&v, f->name));
        if (f->name == v.a_gc || f->name == v.a_weakref || f->name == v.a_self)
            problem(&v, -1, -1, "'%s' cannot be the name of a function", atom_text(&v, f->name));
        for (int32_t j = 0; j < f->nparams; j++) {
            for (int32_t k = 0; k < j; k++)
                if (f->params[k] == f->params[j])
                    problem(&v, -1, -1, "duplicate argument '%s' in function definition",
                            atom_text(&v, f->params[j]));
            if (f->params[j] == v.a_gc || f->params[j] == v.a_weakref)
                problem(&v, -1, -1, "%s(): parameter '%s' would hide the %s module",
                        atom_text(&v, f->name), atom_text(&v, f->params[j]),
                        atom_text(&v, f->params[j]));
        }
    }

    bind_all(&v);
    v.owner = OWNER_TOP;
    check_body(&v, p->steps, p->nsteps);
    for (int32_t i = 0; i < p->nfuncs; i++) {
        v.owner = OWNER_FUNC;
        v.func = &p->funcs[i];
        check_body(&v, p->funcs[i].body, p->funcs[i].nbody);
    }
    v.func = NULL;
    for (int32_t i = 0; i < p->nclasses; i++) {
        v.owner = OWNER_DEL;
        check_body(&v, p->classes[i].del_body, p->classes[i].ndel);
    }
    free(v.bound);
    return v.count;
}
