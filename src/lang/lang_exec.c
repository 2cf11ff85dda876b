/*
 * lang_exec.c: the interpreter.  Runs a program's steps on the engine's
 * heap with CPython 3.12's evaluation order and reference discipline:
 * every value being computed is a new reference held on the evaluation
 * stack (the heap's temporaries, which are roots), stores move the
 * reference in and then release the old value, and exceptions unwind the
 * stack.  Eval-breaker checks (where a scheduled automatic collection
 * runs) sit where 3.12 has them: after a call of a C function or class,
 * at the start of a Python function, at the back edge of a loop, and at
 * the end of each top-level step.
 *
 * Start reading at lang_run and exec_stmt.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"

enum { OK = 0, EXC = -1, FATAL = -2 };

typedef struct FuncInfo {
    int32_t *locals; /* params first, then locals in first-use order */
    int32_t nlocals;
    int32_t *globals; /* names declared global */
    int32_t nglobals;
} FuncInfo;

typedef struct Seen {
    const void *key;
    int32_t count;
} Seen;

struct LangRun {
    LangProgram *p;
    GcHeap *h;
    LangRunOptions opt;
    int status;
    char err[768];
    char exc[512];
    int64_t collected;
    int depth;         /* Python frames: module = 1 */
    int32_t step;
    FuncInfo *funcs;   /* per function */
    FuncInfo *dels;    /* per class */
    Seen *seen;        /* execution counts of list.append calls (specialisation) */
    uint32_t nseen_cap;
    int32_t a_self, a_gc, a_weakref, a_ref, a_append, a_pop, a_clear, a_collect, a_enable,
        a_disable, a_set_threshold, a_freeze, a_unfreeze, a_range;
    int in_finalizer; /* >0 while running __del__ or a callback body */
    int64_t executed;  /* statements executed (LANG_MAX_EXEC_STMTS) */
    int c_nest;        /* run_code calls active on the C stack */
};

/* Current code context: which function's names are local. */
typedef struct Ctx {
    const FuncInfo *fi; /* NULL at module level */
    int depth;          /* heap frame depth */
} Ctx;

static int exec_stmt(LangRun *r, const Ctx *c, LangStmt *s, GcValue *ret, int *returned);
static int eval(LangRun *r, const Ctx *c, LangExpr *e);

/* ---- errors ------------------------------------------------------------ */

static int raise(LangRun *r, const char *type, const char *fmt, ...)
{
    va_list ap;
    char msg[400];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(r->exc, sizeof r->exc, "%s: %s", type, msg);
    return EXC;
}

static int fatal(LangRun *r)
{
    if (!r->exc[0])
        snprintf(r->exc, sizeof r->exc, "%s",
                 gc_error(r->h)[0] ? gc_error(r->h) : "MemoryError: out of memory");
    return FATAL;
}

#define TRY(x)                   \
    do {                         \
        int rc_ = (x);           \
        if (rc_ < 0)             \
            return rc_;          \
    } while (0)

static int chk(LangRun *r, int engine_rc) { return engine_rc < 0 ? fatal(r) : OK; }

/* ---- value helpers ------------------------------------------------------ */

static const char *atom(LangRun *r, int32_t a) { return gc_strtab_get(lang_atoms(r->p), a); }

static const char *type_name(LangRun *r, GcValue v)
{
    switch (GC_VAL_TAG(v)) {
    case GC_V_NONE: return "NoneType";
    case GC_V_BOOL: return "bool";
    case GC_V_INT: return "int";
    case GC_V_STR: return "str";
    case GC_V_CONST: return "tuple";
    case GC_V_FUNC: return "function";
    case GC_V_CLASS: return "type";
    case GC_V_OBJ: {
        const GcObject *o = gc_object(r->h, GC_VAL_ID(v));
        if (o->kind == GC_KIND_WEAKREF)
            return "weakref.ReferenceType";
        return gc_type_name(r->h, GC_VAL_ID(v));
    }
    default: return "?";
    }
}

static const GcObject *obj_of(LangRun *r, GcValue v)
{
    return GC_VAL_IS_OBJ(v) ? gc_object(r->h, GC_VAL_ID(v)) : NULL;
}

static void repr_key(LangRun *r, GcValue k, char *buf, size_t n)
{
    if (GC_VAL_TAG(k) == GC_V_STR)
        snprintf(buf, n, "'%s'", atom(r, (int32_t)GC_VAL_PAYLOAD(k)));
    else if (GC_VAL_TAG(k) == GC_V_INT)
        snprintf(buf, n, "%lld", (long long)GC_VAL_PAYLOAD(k));
    else if (GC_VAL_TAG(k) == GC_V_NONE)
        snprintf(buf, n, "None");
    else if (GC_VAL_TAG(k) == GC_V_BOOL)
        snprintf(buf, n, "%s", GC_VAL_PAYLOAD(k) ? "True" : "False");
    else
        snprintf(buf, n, "<%s>", type_name(r, k));
}

static int push(LangRun *r, GcValue v) { return chk(r, gc_temp_push(r->h, v)); }
static GcValue pop(LangRun *r) { return gc_temp_pop(r->h); }
static int decref(LangRun *r, GcValue v) { return chk(r, gc_decref(r->h, v)); }
static int pop_decref(LangRun *r) { return decref(r, pop(r)); }

/* Releases the temporaries above `mark` (exception unwinding). */
static void unwind(LangRun *r, int mark)
{
    while (gc_temp_count(r->h) > mark)
        if (gc_decref(r->h, pop(r)) < 0)
            break;
}

static int safe_point(LangRun *r) { return chk(r, gc_safe_point(r->h)); }

/* ---- analysis: locals in co_varnames order ----------------------------- */

typedef struct Names {
    int32_t *v;
    int32_t n, cap;
} Names;

static int names_has(const Names *n, int32_t a)
{
    for (int32_t i = 0; i < n->n; i++)
        if (n->v[i] == a)
            return 1;
    return 0;
}

static int names_add(Names *n, int32_t a)
{
    if (names_has(n, a))
        return 0;
    if (n->n == n->cap) {
        int32_t cap = n->cap ? n->cap * 2 : 8;
        int32_t *p = gc_realloc(n->v, (size_t)cap * sizeof *p);
        if (!p)
            return -1;
        n->v = p;
        n->cap = cap;
    }
    n->v[n->n++] = a;
    return 0;
}

/* Pass 1: which names are assigned (local unless global). */
static void collect_stores(LangStmt **body, int32_t n, Names *stores, Names *globals)
{
    for (int32_t i = 0; i < n; i++) {
        LangStmt *s = body[i];
        switch (s->kind) {
        case LANG_S_ASSIGN:
            if (s->target->kind == LANG_E_NAME)
                names_add(stores, s->target->atom);
            break;
        case LANG_S_DEL:
            for (int32_t k = 0; k < s->ntargets; k++)
                if (s->targets[k]->kind == LANG_E_NAME)
                    names_add(stores, s->targets[k]->atom);
            break;
        case LANG_S_GLOBAL:
            for (int32_t k = 0; k < s->nnames; k++)
                names_add(globals, s->names[k]);
            break;
        case LANG_S_FOR:
            names_add(stores, s->for_var);
            collect_stores(s->body, s->nbody, stores, globals);
            break;
        default:
            break;
        }
    }
}

/* Pass 2: names in compile order (value before target). */
static void order_expr(LangExpr *e, const Names *locals, Names *out)
{
    if (!e)
        return;
    if (e->kind == LANG_E_NAME) {
        if (names_has(locals, e->atom))
            names_add(out, e->atom);
        return;
    }
    if (e->kind == LANG_E_CALL) {
        order_expr(e->base, locals, out);
        for (int32_t i = 0; i < e->nitems; i++)
            order_expr(e->items[i], locals, out);
        return;
    }
    order_expr(e->base, locals, out);
    order_expr(e->index, locals, out);
    for (int32_t i = 0; i < e->nitems; i++) {
        if (e->keys)
            order_expr(e->keys[i], locals, out);
        order_expr(e->items[i], locals, out);
    }
}

static void order_body(LangStmt **body, int32_t n, const Names *locals, Names *out)
{
    for (int32_t i = 0; i < n; i++) {
        LangStmt *s = body[i];
        switch (s->kind) {
        case LANG_S_ASSIGN:
            order_expr(s->value, locals, out);
            order_expr(s->target, locals, out);
            break;
        case LANG_S_DEL:
            for (int32_t k = 0; k < s->ntargets; k++)
                order_expr(s->targets[k], locals, out);
            break;
        case LANG_S_EXPR:
        case LANG_S_RETURN:
            order_expr(s->value, locals, out);
            break;
        case LANG_S_FOR:
            if (s->for_count_var && names_has(locals, s->for_count_var))
                names_add(out, s->for_count_var);
            if (names_has(locals, s->for_var))
                names_add(out, s->for_var);
            order_body(s->body, s->nbody, locals, out);
            break;
        default:
            break;
        }
    }
}

static int analyse(FuncInfo *fi, const int32_t *params, int32_t nparams, LangStmt **body,
                   int32_t n)
{
    Names stores = {0}, globals = {0}, locals = {0}, out = {0};
    for (int32_t i = 0; i < nparams; i++)
        names_add(&locals, params[i]);
    collect_stores(body, n, &stores, &globals);
    for (int32_t i = 0; i < stores.n; i++)
        if (!names_has(&globals, stores.v[i]))
            names_add(&locals, stores.v[i]);
    for (int32_t i = 0; i < nparams; i++)
        names_add(&out, params[i]);
    order_body(body, n, &locals, &out);
    for (int32_t i = 0; i < locals.n; i++) /* never-used locals keep some order */
        names_add(&out, locals.v[i]);
    gc_free(stores.v);
    gc_free(locals.v);
    fi->locals = out.v;
    fi->nlocals = out.n;
    fi->globals = globals.v;
    fi->nglobals = globals.n;
    return 0;
}

static int is_local(const Ctx *c, int32_t a)
{
    if (!c->fi)
        return 0;
    for (int32_t i = 0; i < c->fi->nlocals; i++)
        if (c->fi->locals[i] == a)
            return 1;
    return 0;
}

/* ---- names -------------------------------------------------------------- */

static int32_t find_func(LangRun *r, int32_t a)
{
    for (int32_t i = 0; i < lang_func_count(r->p); i++)
        if (lang_func(r->p, i)->name == a)
            return i;
    return -1;
}

static int32_t find_class(LangRun *r, int32_t a)
{
    for (int32_t i = 0; i < lang_class_count(r->p); i++)
        if (lang_class(r->p, i)->name == a)
            return i;
    return -1;
}

static int load_name(LangRun *r, const Ctx *c, int32_t a)
{
    GcValue v;
    if (is_local(c, a)) {
        v = gc_var_get(r->h, c->depth, a);
        if (v == GC_UNBOUND)
            return raise(r, "UnboundLocalError",
                         "cannot access local variable '%s' where it is not associated with a value",
                         atom(r, a));
    } else {
        v = gc_var_get(r->h, 0, a);
        if (v == GC_UNBOUND) {
            int32_t f = find_func(r, a);
            if (f >= 0)
                return push(r, GC_MKVAL(GC_V_FUNC, f));
            int32_t k = find_class(r, a);
            if (k >= 0)
                return push(r, GC_MKVAL(GC_V_CLASS, k));
            return raise(r, "NameError", "name '%s' is not defined", atom(r, a));
        }
    }
    gc_incref(r->h, v);
    return push(r, v);
}

/* STORE_NAME / STORE_FAST / STORE_GLOBAL: the popped reference moves in. */
static int store_name(LangRun *r, const Ctx *c, int32_t a)
{
    GcValue v = pop(r);
    int depth = is_local(c, a) ? c->depth : 0;
    return chk(r, gc_var_set(r->h, depth, a, v));
}

static int delete_name(LangRun *r, const Ctx *c, int32_t a)
{
    int local = is_local(c, a);
    int depth = local ? c->depth : 0;
    if (gc_var_get(r->h, depth, a) == GC_UNBOUND) {
        if (local)
            return raise(r, "UnboundLocalError",
                         "cannot access local variable '%s' where it is not associated with a value",
                         atom(r, a));
        return raise(r, "NameError", "name '%s' is not defined", atom(r, a));
    }
    return chk(r, gc_var_set(r->h, depth, a, GC_UNBOUND));
}

/* ---- attributes and items ---------------------------------------------- */

static int no_attr(LangRun *r, GcValue owner, int32_t a)
{
    if (GC_VAL_TAG(owner) == GC_V_CLASS)
        return raise(r, "AttributeError", "type object '%s' has no attribute '%s'",
                     atom(r, lang_class(r->p, (int32_t)GC_VAL_PAYLOAD(owner))->name), atom(r, a));
    return raise(r, "AttributeError", "'%s' object has no attribute '%s'", type_name(r, owner),
                 atom(r, a));
}

/* LOAD_ATTR: owner on the stack is replaced by the attribute's value. */
static int load_attr(LangRun *r, int32_t a)
{
    GcValue owner = gc_temp(r->h, gc_temp_count(r->h) - 1);
    const GcObject *o = obj_of(r, owner);
    GcId holder = 0;
    int i = (o && o->kind == GC_KIND_INSTANCE) ? gc_attr_find(r->h, o->id, a, &holder) : -1;
    if (i < 0)
        return no_attr(r, owner, a);
    GcValue v = gc_slots(gc_object(r->h, holder))[i].val;
    gc_incref(r->h, v);
    owner = pop(r);
    TRY(push(r, v));
    return decref(r, owner);
}

static int normalize_index(LangRun *r, const GcObject *o, GcValue idx, uint32_t *out,
                           const char *what)
{
    if (GC_VAL_TAG(idx) != GC_V_INT && GC_VAL_TAG(idx) != GC_V_BOOL)
        return raise(r, "TypeError", "%s indices must be integers or slices, not %s",
                     gc_kind_name((GcKind)o->kind), type_name(r, idx));
    int64_t i = GC_VAL_PAYLOAD(idx);
    if (i < 0)
        i += o->nslots;
    if (i < 0 || i >= (int64_t)o->nslots)
        return raise(r, "IndexError", "%s", what);
    *out = (uint32_t)i;
    return OK;
}

static int dict_key_ok(LangRun *r, GcValue k)
{
    GcTag t = GC_VAL_TAG(k);
    if (t == GC_V_STR || t == GC_V_INT || t == GC_V_NONE || t == GC_V_BOOL || t == GC_V_CONST)
        return OK;
    return raise(r, "TypeError", "unhashable type: '%s'", type_name(r, k));
}

/* BINARY_SUBSCR: [container, sub] -> [item] */
static int load_item(LangRun *r)
{
    int n = gc_temp_count(r->h);
    GcValue cont = gc_temp(r->h, n - 2), sub = gc_temp(r->h, n - 1);
    const GcObject *o = obj_of(r, cont);
    GcValue v;
    if (o && (o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE)) {
        uint32_t i;
        TRY(normalize_index(r, o, sub, &i,
                            o->kind == GC_KIND_LIST ? "list index out of range"
                                                    : "tuple index out of range"));
        v = gc_slots(o)[i].val;
    } else if (o && o->kind == GC_KIND_DICT) {
        TRY(dict_key_ok(r, sub));
        int i = gc_slot_find(r->h, o->id, sub);
        if (i < 0) {
            char k[128];
            repr_key(r, sub, k, sizeof k);
            return raise(r, "KeyError", "%s", k);
        }
        v = gc_slots(o)[i].val;
    } else {
        return raise(r, "TypeError", "'%s' object is not subscriptable", type_name(r, cont));
    }
    gc_incref(r->h, v);
    sub = pop(r);
    cont = pop(r);
    TRY(push(r, v));
    TRY(decref(r, cont));
    return decref(r, sub);
}

/* ---- calls -------------------------------------------------------------- */

static int call_function(LangRun *r, int32_t f, int nargs);

static int check_args(LangRun *r, const char *name, int nargs, int lo, int hi)
{
    if (nargs >= lo && nargs <= hi)
        return OK;
    if (lo == hi && lo == 0)
        return raise(r, "TypeError", "%s() takes no arguments (%d given)", name, nargs);
    if (lo == hi)
        return raise(r, "TypeError", "%s() takes exactly %s (%d given)", name,
                     lo == 1 ? "one argument" : "2 arguments", nargs);
    if (nargs < lo)
        return raise(r, "TypeError", "%s expected at least %d argument%s, got %d", name, lo,
                     lo == 1 ? "" : "s", nargs);
    return raise(r, "TypeError", "%s expected at most %d argument%s, got %d", name, hi,
                 hi == 1 ? "" : "s", nargs);
}

/* Pops n arguments (releasing them first to last, as CALL does) and the
 * callable/self below them if `self` is set. */
static int release_args(LangRun *r, int n, int has_self)
{
    int top = gc_temp_count(r->h);
    int base = top - n - (has_self ? 1 : 0);
    GcValue vals[8];
    int k = 0;
    for (int i = base; i < top && k < 8; i++)
        vals[k++] = gc_temp(r->h, i);
    for (int i = 0; i < top - base; i++)
        pop(r);
    for (int i = 0; i < k; i++)
        TRY(decref(r, vals[i]));
    return OK;
}

static int64_t int_arg(GcValue v) { return GC_VAL_PAYLOAD(v); }

/* _PyObject_MakeTpCall: a callable without vectorcall (a type such as
 * weakref.ref, a METH_VARARGS function such as gc.set_threshold) receives
 * its arguments as a new tuple, dropped after the call.  The tuple is
 * pushed on the stack; release it with drop_args_tuple. */
static int make_args_tuple(LangRun *r, int nargs)
{
    if (nargs == 0)
        return OK; /* the empty tuple is a static singleton */
    GcId t = gc_new(r->h, GC_KIND_TUPLE, nargs);
    if (!t)
        return fatal(r);
    int top = gc_temp_count(r->h);
    for (int i = 0; i < nargs; i++) {
        GcValue v = gc_temp(r->h, top - nargs + i);
        gc_incref(r->h, v);
        TRY(chk(r, gc_slot_set(r->h, t, (uint32_t)i, 0, v)));
    }
    return push(r, GC_VAL_OBJ(t));
}

static int drop_args_tuple(LangRun *r, int nargs)
{
    if (nargs == 0)
        return OK;
    return pop_decref(r);
}

static int call_gc(LangRun *r, int32_t name, int nargs, int at_top)
{
    GcHeap *h = r->h;
    int top = gc_temp_count(h);
    GcValue result = GC_NONE;
    for (int i = 0; i < nargs; i++) {
        GcTag t = GC_VAL_TAG(gc_temp(h, top - nargs + i));
        if (t != GC_V_INT && t != GC_V_BOOL)
            return raise(r, "TypeError", "'%s' object cannot be interpreted as an integer",
                         type_name(r, gc_temp(h, top - nargs + i)));
    }
    if (name == r->a_collect) {
        TRY(check_args(r, "collect", nargs, 0, 1));
        int64_t g = nargs ? int_arg(gc_temp(h, top - 1)) : 2;
        if (g < 0 || g > 2)
            return raise(r, "ValueError", "invalid generation");
        /* A collection counts one statement per tracked object, so
         * LANG_MAX_EXEC_STMTS also bounds a loop of gc.collect() on a big heap. */
        for (int l = GC_LIST_GEN0; l <= GC_LIST_GEN2; l++)
            r->executed += gc_list(h, (GcListId)l).len;
        int64_t n = gc_collect(h, (int)g);
        if (n < 0)
            return fatal(r);
        result = GC_MKVAL(GC_V_INT, n);
        if (at_top)
            r->collected = n;
    } else if (name == r->a_enable || name == r->a_disable) {
        TRY(check_args(r, name == r->a_enable ? "enable" : "disable", nargs, 0, 0));
        gc_enable(h, name == r->a_enable);
    } else if (name == r->a_set_threshold) {
        if (nargs < 1 || nargs > 3)
            return raise(r, "TypeError", "set_threshold() takes from 1 to 3 positional arguments but %d were given", nargs);
        int64_t t[3];
        for (int i = 0; i < nargs; i++)
            t[i] = int_arg(gc_temp(h, top - nargs + i));
        TRY(make_args_tuple(r, nargs)); /* METH_VARARGS */
        gc_set_threshold(h, nargs, t);
        TRY(drop_args_tuple(r, nargs));
    } else if (name == r->a_freeze || name == r->a_unfreeze) {
        TRY(check_args(r, name == r->a_freeze ? "freeze" : "unfreeze", nargs, 0, 0));
        if (name == r->a_freeze)
            gc_freeze(h);
        else
            gc_unfreeze(h);
    } else {
        return raise(r, "AttributeError", "module 'gc' has no attribute '%s'", atom(r, name));
    }
    TRY(release_args(r, nargs, 0));
    TRY(push(r, result));
    return safe_point(r);
}

static int call_weakref_ref(LangRun *r, int nargs)
{
    GcHeap *h = r->h;
    if (nargs < 1 || nargs > 2)
        return raise(r, "TypeError", "__new__ expected at most 2 arguments, got %d", nargs);
    int top = gc_temp_count(h);
    GcValue target = gc_temp(h, top - nargs);
    GcValue cb = nargs == 2 ? gc_temp(h, top - 1) : GC_NONE;
    TRY(make_args_tuple(r, nargs)); /* weakref.ref is called through tp_call */
    const GcObject *o = obj_of(r, target);
    if (!o || o->kind != GC_KIND_INSTANCE)
        return raise(r, "TypeError", "cannot create weak reference to '%s' object",
                     type_name(r, target));
    if (GC_VAL_TAG(cb) != GC_V_FUNC && GC_VAL_TAG(cb) != GC_V_NONE)
        return raise(r, "TypeError", "weakref callback must be a function, not '%s'",
                     type_name(r, cb));
    GcId w = gc_new_weakref(h, GC_VAL_ID(target), cb);
    if (!w)
        return fatal(r);
    /* [args..., tuple] -> [args..., result]; the tuple is dropped while
     * the result is already on the stack. */
    GcValue tuple = nargs ? pop(r) : GC_UNBOUND;
    TRY(push(r, GC_VAL_OBJ(w)));
    if (nargs)
        TRY(decref(r, tuple));
    GcValue res = pop(r);
    TRY(release_args(r, nargs, 0));
    TRY(push(r, res));
    return safe_point(r);
}

static int seen_count(LangRun *r, const void *key)
{
    if (r->nseen_cap == 0) {
        r->seen = gc_calloc(256, sizeof *r->seen);
        if (!r->seen)
            return 1;
        r->nseen_cap = 256;
    }
    uint32_t i = (uint32_t)(((uintptr_t)key >> 4) * 2654435761u) & (r->nseen_cap - 1);
    for (uint32_t probes = 0; probes < r->nseen_cap; probes++) {
        if (r->seen[i].key == key)
            return ++r->seen[i].count;
        if (!r->seen[i].key) {
            r->seen[i].key = key;
            return r->seen[i].count = 1;
        }
        i = (i + 1) & (r->nseen_cap - 1);
    }
    return 2; /* full table: treat as specialised */
}

/* Method calls on lists and dicts.  Stack: [self, args...]. */
static int call_method(LangRun *r, LangExpr *call, int32_t name, int nargs)
{
    GcHeap *h = r->h;
    int top = gc_temp_count(h);
    GcValue self = gc_temp(h, top - nargs - 1);
    const GcObject *o = obj_of(r, self);
    int kind = o ? o->kind : 0;
    if (kind == GC_KIND_LIST && name == r->a_append) {
        TRY(check_args(r, "list.append", nargs, 1, 1));
        GcValue v = gc_temp(h, top - 1);
        gc_incref(h, v);
        TRY(chk(r, gc_slot_set(h, o->id, o->nslots, 0, v)));
        TRY(release_args(r, nargs, 1));
        TRY(push(r, GC_NONE));
        /* After warm-up 3.12 specialises this call into
         * CALL_NO_KW_LIST_APPEND, which has no eval-breaker check. */
        if (seen_count(r, call) == 1)
            return safe_point(r);
        return OK;
    }
    if ((kind == GC_KIND_LIST || kind == GC_KIND_DICT) && name == r->a_pop) {
        GcValue out;
        if (kind == GC_KIND_LIST) {
            TRY(check_args(r, "pop", nargs, 0, 1));
            if (o->nslots == 0)
                return raise(r, "IndexError", "pop from empty list");
            uint32_t i = o->nslots - 1;
            if (nargs == 1) {
                GcValue idx = gc_temp(h, top - 1);
                if (GC_VAL_TAG(idx) != GC_V_INT)
                    return raise(r, "TypeError", "'%s' object cannot be interpreted as an integer",
                                 type_name(r, idx));
                int64_t k = GC_VAL_PAYLOAD(idx);
                if (k < 0)
                    k += o->nslots;
                if (k < 0 || k >= (int64_t)o->nslots)
                    return raise(r, "IndexError", "pop index out of range");
                i = (uint32_t)k;
            }
            TRY(chk(r, gc_slot_remove(h, o->id, i, &out)));
        } else {
            TRY(check_args(r, "pop", nargs, 1, 1));
            GcValue k = gc_temp(h, top - 1);
            TRY(dict_key_ok(r, k));
            int i = gc_slot_find(h, o->id, k);
            if (i < 0) {
                char kb[128];
                repr_key(r, k, kb, sizeof kb);
                return raise(r, "KeyError", "%s", kb);
            }
            TRY(chk(r, gc_slot_remove(h, o->id, (uint32_t)i, &out)));
        }
        /* The popped reference is the result: it sits on the stack. */
        TRY(push(r, out));
        GcValue res = pop(r);
        TRY(release_args(r, nargs, 1));
        TRY(push(r, res));
        return safe_point(r);
    }
    if ((kind == GC_KIND_LIST || kind == GC_KIND_DICT) && name == r->a_clear) {
        TRY(check_args(r, "clear", nargs, 0, 0));
        /* Emptied first, then the items are released (lists last first). */
        uint32_t n = o->nslots;
        GcValue *vals = gc_malloc((n ? n : 1) * sizeof *vals);
        if (!vals)
            return fatal(r);
        int last_first = kind == GC_KIND_LIST;
        int rc = chk(r, gc_slots_clear(h, o->id, last_first, vals));
        for (uint32_t k = 0; k < n && rc == OK; k++)
            rc = decref(r, vals[last_first ? n - 1 - k : k]);
        gc_free(vals);
        TRY(rc);
        TRY(release_args(r, nargs, 1));
        TRY(push(r, GC_NONE));
        return safe_point(r);
    }
    return raise(r, "AttributeError", "'%s' object has no attribute '%s'", type_name(r, self),
                 atom(r, name));
}

/* Evaluates a call; pushes its result. */
static int eval_call(LangRun *r, const Ctx *c, LangExpr *e)
{
    LangExpr *b = e->base;
    int mark = gc_temp_count(r->h);
    if (b->kind == LANG_E_ATTR && b->base->kind == LANG_E_NAME &&
        (b->base->atom == r->a_gc || b->base->atom == r->a_weakref) &&
        gc_var_get(r->h, 0, b->base->atom) == GC_UNBOUND && !is_local(c, b->base->atom)) {
        for (int32_t i = 0; i < e->nitems; i++) {
            int rc = eval(r, c, e->items[i]);
            if (rc < 0) {
                unwind(r, mark);
                return rc;
            }
        }
        int rc;
        if (b->base->atom == r->a_gc)
            rc = call_gc(r, b->atom, e->nitems, c->depth == 0 && r->in_finalizer == 0);
        else if (b->atom == r->a_ref)
            rc = call_weakref_ref(r, e->nitems);
        else
            rc = raise(r, "AttributeError", "module 'weakref' has no attribute '%s'",
                       atom(r, b->atom));
        if (rc < 0)
            unwind(r, mark);
        return rc;
    }
    if (b->kind == LANG_E_ATTR) {
        /* LOAD_ATTR (method): self on the stack, then the arguments. */
        int rc = eval(r, c, b->base);
        for (int32_t i = 0; rc == OK && i < e->nitems; i++)
            rc = eval(r, c, e->items[i]);
        if (rc == OK)
            rc = call_method(r, e, b->atom, e->nitems);
        if (rc < 0)
            unwind(r, mark);
        return rc;
    }
    /* A plain callable: class, function or weakref. */
    int rc = eval(r, c, b);
    for (int32_t i = 0; rc == OK && i < e->nitems; i++)
        rc = eval(r, c, e->items[i]);
    if (rc < 0) {
        unwind(r, mark);
        return rc;
    }
    GcValue callee = gc_temp(r->h, mark);
    int nargs = e->nitems;
    if (GC_VAL_TAG(callee) == GC_V_CLASS) {
        int32_t k = (int32_t)GC_VAL_PAYLOAD(callee);
        if (nargs != 0) {
            unwind(r, mark);
            return raise(r, "TypeError", "%s() takes no arguments", atom(r, lang_class(r->p, k)->name));
        }
        pop(r); /* the class itself is not a heap object here */
        GcId id = gc_new(r->h, GC_KIND_INSTANCE, k);
        if (!id)
            return fatal(r);
        TRY(push(r, GC_VAL_OBJ(id)));
        return safe_point(r);
    }
    if (GC_VAL_TAG(callee) == GC_V_FUNC) {
        rc = call_function(r, (int32_t)GC_VAL_PAYLOAD(callee), nargs);
        if (rc < 0)
            unwind(r, mark);
        return rc;
    }
    const GcObject *o = obj_of(r, callee);
    if (o && o->kind == GC_KIND_WEAKREF) {
        if (nargs != 0) {
            unwind(r, mark);
            return raise(r, "TypeError", "weakref() takes no arguments (%d given)", nargs);
        }
        GcValue v = o->wr_referent ? GC_VAL_OBJ(o->wr_referent) : GC_NONE;
        gc_incref(r->h, v);
        GcValue w = pop(r);
        TRY(push(r, v));
        TRY(decref(r, w));
        return safe_point(r);
    }
    unwind(r, mark);
    return raise(r, "TypeError", "'%s' object is not callable", type_name(r, callee));
}

static int exec_body(LangRun *r, const Ctx *c, LangStmt **body, int32_t n, GcValue *ret,
                     int *returned);

/* Python-to-Python call: the arguments move into the new frame's
 * parameters; RESUME checks the eval breaker; the return value moves to
 * the caller's stack; the frame's locals are cleared in order. */
static int call_function(LangRun *r, int32_t f, int nargs)
{
    const LangFunc *fn = lang_func(r->p, f);
    if (nargs != fn->nparams) {
        if (fn->nparams == 0)
            return raise(r, "TypeError", "%s() takes 0 positional arguments but %d %s given",
                         atom(r, fn->name), nargs, nargs == 1 ? "was" : "were");
        if (nargs < fn->nparams) {
            int missing = fn->nparams - nargs;
            char names[256] = "";
            for (int i = nargs; i < fn->nparams; i++) {
                char one[80];
                const char *sep = i == nargs ? "" : (i == fn->nparams - 1 ? (missing == 2 ? " and " : ", and ") : ", ");
                snprintf(one, sizeof one, "%s'%s'", sep, atom(r, fn->params[i]));
                strncat(names, one, sizeof names - strlen(names) - 1);
            }
            return raise(r, "TypeError", "%s() missing %d required positional argument%s: %s",
                         atom(r, fn->name), missing, missing == 1 ? "" : "s", names);
        }
        return raise(r, "TypeError", "%s() takes %d positional argument%s but %d were given",
                     atom(r, fn->name), fn->nparams, fn->nparams == 1 ? "" : "s", nargs);
    }
    if (r->depth >= LANG_RECURSION_LIMIT)
        return raise(r, "RecursionError", "maximum recursion depth exceeded");
    GcHeap *h = r->h;
    TRY(chk(r, gc_frame_push(h, f, 0)));
    int depth = gc_frame_count(h) - 1;
    const FuncInfo *fi = &r->funcs[f];
    for (int32_t i = 0; i < fi->nlocals; i++)
        TRY(chk(r, gc_var_declare(h, depth, fi->locals[i])));
    /* Move the arguments into the parameters (last popped first). */
    for (int i = nargs - 1; i >= 0; i--)
        TRY(chk(r, gc_var_set(h, depth, fn->params[i], pop(r))));
    pop(r); /* the function object */
    r->depth++;
    Ctx c = {fi, depth};
    GcValue ret = GC_NONE;
    int returned = 0;
    int rc = safe_point(r);
    if (rc == OK)
        rc = exec_body(r, &c, fn->body, fn->nbody, &ret, &returned);
    r->depth--;
    if (rc == FATAL)
        return rc;
    if (rc == OK)
        TRY(push(r, ret));
    int prc = chk(r, gc_frame_pop(h));
    if (prc < 0)
        return prc;
    return rc;
}

/* ---- expressions ------------------------------------------------------ */

static int eval(LangRun *r, const Ctx *c, LangExpr *e)
{
    int mark = gc_temp_count(r->h);
    int rc;
    switch (e->kind) {
    case LANG_E_NONE: return push(r, GC_NONE);
    case LANG_E_BOOL: return push(r, GC_MKVAL(GC_V_BOOL, e->ival != 0));
    case LANG_E_INT: return push(r, GC_MKVAL(GC_V_INT, e->ival));
    case LANG_E_STR: return push(r, GC_MKVAL(GC_V_STR, e->atom));
    case LANG_E_NAME:
        if ((e->atom == r->a_gc || e->atom == r->a_weakref) && !is_local(c, e->atom) &&
            gc_var_get(r->h, 0, e->atom) == GC_UNBOUND)
            return raise(r, "TypeError", "the module '%s' cannot be used as a value here",
                         atom(r, e->atom));
        return load_name(r, c, e->atom);
    case LANG_E_ATTR:
        TRY(eval(r, c, e->base));
        rc = load_attr(r, e->atom);
        if (rc < 0)
            unwind(r, mark);
        return rc;
    case LANG_E_INDEX:
        TRY(eval(r, c, e->base));
        rc = eval(r, c, e->index);
        if (rc == OK)
            rc = load_item(r);
        if (rc < 0)
            unwind(r, mark);
        return rc;
    case LANG_E_CALL: return eval_call(r, c, e);
    case LANG_E_LIST:
    case LANG_E_TUPLE: {
        if (e->kind == LANG_E_TUPLE && e->is_const)
            return push(r, GC_MKVAL(GC_V_CONST, e->atom));
        for (int32_t i = 0; i < e->nitems; i++) {
            rc = eval(r, c, e->items[i]);
            if (rc < 0) {
                unwind(r, mark);
                return rc;
            }
        }
        /* BUILD_LIST / BUILD_TUPLE: the items leave the stack and move
         * into the new container. */
        GcValue small[16];
        GcValue *vals = e->nitems <= 16 ? small : gc_malloc((size_t)e->nitems * sizeof *vals);
        if (!vals)
            return fatal(r);
        for (int32_t i = 0; i < e->nitems; i++)
            vals[i] = gc_temp(r->h, mark + i);
        for (int32_t i = 0; i < e->nitems; i++)
            pop(r);
        GcId id = gc_new(r->h, e->kind == LANG_E_LIST ? GC_KIND_LIST : GC_KIND_TUPLE, e->nitems);
        rc = id ? OK : fatal(r);
        for (int32_t i = 0; rc == OK && i < e->nitems; i++)
            rc = chk(r, gc_slot_set(r->h, id, (uint32_t)i, 0, vals[i]));
        if (vals != small)
            gc_free(vals);
        TRY(rc);
        return push(r, GC_VAL_OBJ(id));
    }
    case LANG_E_DICT: {
        for (int32_t i = 0; i < e->nitems; i++) {
            rc = eval(r, c, e->items[i]);
            if (rc < 0) {
                unwind(r, mark);
                return rc;
            }
        }
        GcId id = gc_new(r->h, GC_KIND_DICT, -1);
        if (!id)
            return fatal(r);
        TRY(push(r, GC_VAL_OBJ(id)));
        for (int32_t i = 0; i < e->nitems; i++) {
            LangExpr *k = e->keys[i];
            GcValue key = k->kind == LANG_E_INT ? GC_MKVAL(GC_V_INT, k->ival)
                                                 : GC_MKVAL(GC_V_STR, k->atom);
            GcValue v = gc_temp(r->h, mark + i);
            gc_incref(r->h, v);
            int at = gc_slot_find(r->h, id, key);
            const GcObject *d = gc_object(r->h, id);
            TRY(chk(r, gc_slot_set(r->h, id, at >= 0 ? (uint32_t)at : d->nslots, key, v)));
        }
        GcValue d = pop(r);
        for (int32_t i = 0; i < e->nitems; i++)
            TRY(pop_decref(r));
        return push(r, d);
    }
    }
    return raise(r, "SystemError", "unknown expression");
}

/* ---- statements -------------------------------------------------------- */

/* Stores the value on top of the stack into target (STORE_*). */
static int store_target(LangRun *r, const Ctx *c, LangExpr *t)
{
    int mark = gc_temp_count(r->h) - 1;
    if (t->kind == LANG_E_NAME)
        return store_name(r, c, t->atom);
    if (t->kind == LANG_E_ATTR) {
        int rc = eval(r, c, t->base);
        if (rc < 0) {
            unwind(r, mark);
            return rc;
        }
        GcValue owner = gc_temp(r->h, mark + 1);
        const GcObject *o = obj_of(r, owner);
        if (!o || o->kind != GC_KIND_INSTANCE) {
            unwind(r, mark);
            if (GC_VAL_TAG(owner) == GC_V_CLASS)
                return raise(r, "TypeError", "cannot set '%s' attribute of the class here",
                             atom(r, t->atom));
            if (o || GC_VAL_TAG(owner) == GC_V_NONE || GC_VAL_TAG(owner) == GC_V_INT ||
                GC_VAL_TAG(owner) == GC_V_STR)
                return raise(r, "AttributeError", "'%s' object has no attribute '%s'",
                             type_name(r, owner), atom(r, t->atom));
            return raise(r, "AttributeError", "'%s' object has no attribute '%s'",
                         type_name(r, owner), atom(r, t->atom));
        }
        owner = pop(r);
        GcValue v = pop(r);
        TRY(chk(r, gc_setattr(r->h, GC_VAL_ID(owner), t->atom, v)));
        return decref(r, owner);
    }
    /* t->kind == LANG_E_INDEX: [v, container, sub] */
    int rc = eval(r, c, t->base);
    if (rc == OK)
        rc = eval(r, c, t->index);
    if (rc < 0) {
        unwind(r, mark);
        return rc;
    }
    GcValue cont = gc_temp(r->h, mark + 1), sub = gc_temp(r->h, mark + 2);
    const GcObject *o = obj_of(r, cont);
    if (o && o->kind == GC_KIND_LIST) {
        uint32_t i;
        rc = normalize_index(r, o, sub, &i, "list assignment index out of range");
        if (rc < 0) {
            unwind(r, mark);
            return rc;
        }
        GcValue v = gc_temp(r->h, mark);
        gc_incref(r->h, v);
        TRY(chk(r, gc_slot_set(r->h, o->id, i, 0, v)));
    } else if (o && o->kind == GC_KIND_DICT) {
        rc = dict_key_ok(r, sub);
        if (rc < 0) {
            unwind(r, mark);
            return rc;
        }
        GcValue v = gc_temp(r->h, mark);
        gc_incref(r->h, v);
        int at = gc_slot_find(r->h, o->id, sub);
        TRY(chk(r, gc_slot_set(r->h, o->id, at >= 0 ? (uint32_t)at : o->nslots, sub, v)));
    } else {
        unwind(r, mark);
        return raise(r, "TypeError", "'%s' object does not support item assignment",
                     type_name(r, cont));
    }
    /* Py_DECREF(v); Py_DECREF(container); Py_DECREF(sub) */
    sub = pop(r);
    cont = pop(r);
    GcValue v = pop(r);
    TRY(decref(r, v));
    TRY(decref(r, cont));
    return decref(r, sub);
}

static int delete_target(LangRun *r, const Ctx *c, LangExpr *t)
{
    int mark = gc_temp_count(r->h);
    if (t->kind == LANG_E_NAME)
        return delete_name(r, c, t->atom);
    int rc = eval(r, c, t->base);
    if (rc == OK && t->kind == LANG_E_INDEX)
        rc = eval(r, c, t->index);
    if (rc < 0) {
        unwind(r, mark);
        return rc;
    }
    GcValue cont = gc_temp(r->h, mark);
    const GcObject *o = obj_of(r, cont);
    GcValue removed = GC_UNBOUND;
    if (t->kind == LANG_E_ATTR) {
        int d = (o && o->kind == GC_KIND_INSTANCE) ? gc_delattr(r->h, o->id, t->atom, &removed) : 1;
        if (d < 0)
            return fatal(r);
        if (d > 0) {
            unwind(r, mark);
            return no_attr(r, cont, t->atom);
        }
        TRY(decref(r, removed));
        return pop_decref(r);
    }
    GcValue sub = gc_temp(r->h, mark + 1);
    if (o && o->kind == GC_KIND_LIST) {
        uint32_t i = 0;
        rc = normalize_index(r, o, sub, &i, "list assignment index out of range");
        if (rc == OK)
            rc = chk(r, gc_slot_remove(r->h, o->id, i, &removed));
    } else if (o && o->kind == GC_KIND_DICT) {
        rc = dict_key_ok(r, sub);
        int i = rc == OK ? gc_slot_find(r->h, o->id, sub) : -1;
        if (rc == OK && i < 0) {
            char kb[128];
            repr_key(r, sub, kb, sizeof kb);
            rc = raise(r, "KeyError", "%s", kb);
        }
        if (rc == OK)
            rc = chk(r, gc_slot_remove(r->h, o->id, (uint32_t)i, &removed));
    } else {
        rc = raise(r, "TypeError", "'%s' object doesn't support item deletion", type_name(r, cont));
    }
    if (rc < 0) {
        unwind(r, mark);
        return rc;
    }
    TRY(decref(r, removed));
    sub = pop(r);
    cont = pop(r);
    TRY(decref(r, cont));
    return decref(r, sub);
}

static void at_stmt(LangRun *r, LangStmt *s) { gc_stmt(r->h, r->step, s->loc); }

static int exec_body(LangRun *r, const Ctx *c, LangStmt **body, int32_t n, GcValue *ret,
                     int *returned)
{
    for (int32_t i = 0; i < n && !*returned; i++)
        TRY(exec_stmt(r, c, body[i], ret, returned));
    return OK;
}

static int exec_stmt(LangRun *r, const Ctx *c, LangStmt *s, GcValue *ret, int *returned)
{
    int mark = gc_temp_count(r->h);
    int rc = OK;
    at_stmt(r, s);
    /* Sticky once over: an error swallowed in a __del__ is raised again by
     * the next statement, so the run ends. */
    if (++r->executed > r->opt.max_stmts)
        return raise(r, "RuntimeError", "more than %lld statements executed (gcviz's limit)",
                     (long long)r->opt.max_stmts);
    switch (s->kind) {
    case LANG_S_PASS:
    case LANG_S_GLOBAL:
        return OK;
    case LANG_S_ASSIGN:
        TRY(eval(r, c, s->value));
        rc = store_target(r, c, s->target);
        break;
    case LANG_S_DEL:
        for (int32_t k = 0; k < s->ntargets && rc == OK; k++)
            rc = delete_target(r, c, s->targets[k]);
        break;
    case LANG_S_EXPR:
        TRY(eval(r, c, s->value));
        rc = pop_decref(r);
        break;
    case LANG_S_RETURN:
        if (s->value)
            TRY(eval(r, c, s->value));
        else
            TRY(push(r, GC_NONE));
        *ret = pop(r);
        *returned = 1;
        return OK;
    case LANG_S_FOR: {
        int64_t count = s->for_count;
        if (s->for_count_var) {
            TRY(load_name(r, c, s->for_count_var));
            GcValue n = pop(r);
            TRY(decref(r, n));
            if (GC_VAL_TAG(n) != GC_V_INT && GC_VAL_TAG(n) != GC_V_BOOL)
                return raise(r, "TypeError", "'%s' object cannot be interpreted as an integer",
                             type_name(r, n));
            count = GC_VAL_PAYLOAD(n);
            if (count > LANG_MAX_RANGE)
                return raise(r, "ValueError", "range(%lld) is over gcviz's limit of %d iterations",
                             (long long)count, LANG_MAX_RANGE);
        }
        /* range(N): a C call, so an eval-breaker check follows it. */
        TRY(safe_point(r));
        for (int64_t i = 0; i < count && rc == OK && !*returned; i++) {
            at_stmt(r, s);
            TRY(push(r, GC_MKVAL(GC_V_INT, i)));
            TRY(store_name(r, c, s->for_var));
            rc = exec_body(r, c, s->body, s->nbody, ret, returned);
            if (rc == OK && !*returned)
                rc = safe_point(r); /* JUMP_BACKWARD */
        }
        break;
    }
    }
    if (rc < 0)
        unwind(r, mark);
    return rc;
}

/* ---- finalizers and callbacks (called by the engine) ------------------- */

static int run_code_frame(LangRun *r, int32_t kind, GcId self, const FuncInfo *fi,
                          const int32_t *params, GcValue *args, int nargs, LangStmt **body,
                          int32_t n)
{
    GcHeap *h = r->h;
    if (r->depth >= LANG_RECURSION_LIMIT)
        return EXC; /* RecursionError inside a finalizer: ignored, as unraisable */
    int mark = gc_temp_count(h);
    if (gc_frame_push(h, kind, self) < 0)
        return FATAL;
    int depth = gc_frame_count(h) - 1;
    for (int32_t i = 0; i < fi->nlocals; i++)
        if (gc_var_declare(h, depth, fi->locals[i]) < 0)
            return FATAL;
    for (int i = 0; i < nargs; i++) {
        gc_incref(h, args[i]);
        if (gc_var_set(h, depth, params[i], args[i]) < 0)
            return FATAL;
    }
    r->depth++;
    r->in_finalizer++;
    Ctx c = {fi, depth};
    GcValue ret = GC_NONE;
    int returned = 0;
    int32_t saved_step = r->step;
    char saved_exc[sizeof r->exc];
    memcpy(saved_exc, r->exc, sizeof saved_exc);
    int rc = safe_point(r);
    if (rc == OK)
        rc = exec_body(r, &c, body, n, &ret, &returned);
    r->in_finalizer--;
    r->depth--;
    if (rc == FATAL)
        return FATAL;
    if (rc == OK && gc_decref(h, ret) < 0)
        return FATAL;
    unwind(r, mark);
    if (gc_frame_pop(h) < 0)
        return FATAL;
    /* An exception in __del__ or a callback is "ignored" (unraisable). */
    memcpy(r->exc, saved_exc, sizeof saved_exc);
    r->step = saved_step;
    return OK;
}

/* Python's depth drops before a frame's locals are released, and releasing
 * them can run another __del__ (whose locals release another...): CPython
 * bounds that chain by its C recursion limit, and so does this count of the
 * calls active on the C stack, which stays up until the frame is gone. */
static int run_code(LangRun *r, int32_t kind, GcId self, const FuncInfo *fi, const int32_t *params,
                    GcValue *args, int nargs, LangStmt **body, int32_t n)
{
    if (r->c_nest >= LANG_RECURSION_LIMIT)
        return EXC; /* RecursionError inside a finalizer: ignored, as unraisable */
    r->c_nest++;
    int rc = run_code_frame(r, kind, self, fi, params, args, nargs, body, n);
    r->c_nest--;
    return rc;
}

static int host_del(void *ctx, GcHeap *h, GcId self)
{
    LangRun *r = ctx;
    const GcObject *o = gc_object(h, self);
    const LangClass *k = lang_class(r->p, o->cls);
    int32_t params[1] = {r->a_self};
    GcValue args[1] = {GC_VAL_OBJ(self)};
    int rc = run_code(r, -2, self, &r->dels[o->cls], params, args, 1, k->del_body, k->ndel);
    return rc == FATAL ? -1 : 0;
}

static int host_weakref_cb(void *ctx, GcHeap *h, GcValue callback, GcId wr)
{
    LangRun *r = ctx;
    (void)h;
    int32_t f = (int32_t)GC_VAL_PAYLOAD(callback);
    const LangFunc *fn = lang_func(r->p, f);
    if (fn->nparams != 1)
        return 0; /* TypeError in the callback: ignored (unraisable) */
    GcValue args[1] = {GC_VAL_OBJ(wr)};
    int rc = run_code(r, -3, wr, &r->funcs[f], fn->params, args, 1, fn->body, fn->nbody);
    return rc == FATAL ? -1 : 0;
}

/* ---- the run ---------------------------------------------------------- */

static int32_t intern(LangRun *r, const char *s) { return gc_strtab_intern(lang_atoms(r->p), s, strlen(s)); }

/* The test build's invariant check: gc_check at every micro-step of the
 * recorded history (the state at each cursor is exactly the state the run
 * had after that micro-step). */
static void check_history(LangRun *r)
{
    char buf[512];
    int32_t n = gc_event_count(r->h);
    for (int32_t c = 0; c <= n; c++) {
        gc_seek(r->h, c);
        if (gc_check(r->h, buf, sizeof buf) != 0) {
            char what[200];
            gc_event_explain(r->h, c > 0 ? c - 1 : 0, what, sizeof what);
            r->status = 3;
            snprintf(r->err, sizeof r->err, "heap check failed after micro-step %d (%s): %s", c,
                     what, buf);
            break;
        }
    }
    gc_seek(r->h, n);
}

LangRun *lang_run(LangProgram *p, const LangRunOptions *opt)
{
    LangRun *r = gc_calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->p = p;
    if (opt)
        r->opt = *opt;
    if (r->opt.max_stmts <= 0)
        r->opt.max_stmts = LANG_MAX_EXEC_STMTS;
    r->collected = -1;
    r->a_self = intern(r, "self");
    r->a_gc = intern(r, "gc");
    r->a_weakref = intern(r, "weakref");
    r->a_ref = intern(r, "ref");
    r->a_append = intern(r, "append");
    r->a_pop = intern(r, "pop");
    r->a_clear = intern(r, "clear");
    r->a_collect = intern(r, "collect");
    r->a_enable = intern(r, "enable");
    r->a_disable = intern(r, "disable");
    r->a_set_threshold = intern(r, "set_threshold");
    r->a_freeze = intern(r, "freeze");
    r->a_unfreeze = intern(r, "unfreeze");
    r->a_range = intern(r, "range");
    GcConfig cfg = {lang_python(p), r->opt.internals, lang_collector(p),
                    r->opt.record || r->opt.checked, r->opt.timing, r->opt.max_objects};
    GcHost host = {r, host_del, host_weakref_cb};
    r->h = gc_heap_new(&cfg, lang_atoms(p), &host);
    int32_t nf = lang_func_count(p), nc = lang_class_count(p);
    r->funcs = gc_calloc((size_t)(nf ? nf : 1), sizeof *r->funcs);
    r->dels = gc_calloc((size_t)(nc ? nc : 1), sizeof *r->dels);
    if (!r->h || !r->funcs || !r->dels) {
        r->status = 3;
        snprintf(r->err, sizeof r->err, "out of memory");
        return r;
    }
    for (int32_t i = 0; i < nf; i++) {
        const LangFunc *f = lang_func(p, i);
        analyse(&r->funcs[i], f->params, f->nparams, f->body, f->nbody);
    }
    for (int32_t i = 0; i < nc; i++) {
        const LangClass *k = lang_class(p, i);
        if (gc_class_add(r->h, k->name, k->del_body != NULL) < 0) {
            r->status = 3; /* the heap would have no keys for this class */
            snprintf(r->err, sizeof r->err, "out of memory");
            return r;
        }
        analyse(&r->dels[i], &r->a_self, 1, k->del_body, k->ndel);
    }
    Ctx top = {NULL, 0};
    for (int32_t i = 0; i < lang_step_count(p); i++) {
        LangStmt *s = lang_step(p, i);
        r->step = i;
        r->collected = -1;
        GcValue ret = GC_NONE;
        int returned = 0;
        int rc = exec_stmt(r, &top, s, &ret, &returned);
        if (rc == OK)
            rc = safe_point(r); /* the end of the step is an eval-breaker check */
        if (rc == OK) {
            gc_step_end(r->h);
            if (r->opt.on_step)
                r->opt.on_step(r->opt.ctx, r, i);
            continue;
        }
        const LangLoc *loc = lang_loc(p, s->loc);
        /* Out of memory is the machine's failure (3); gcviz's object limit
         * is the scenario's, like a Python MemoryError (1). */
        r->status = rc == FATAL && !gc_limit_hit(r->h) ? 3 : 1;
        snprintf(r->err, sizeof r->err, "%s: '%s': %s", loc ? loc->path : "steps",
                 loc ? loc->text : "", r->exc);
        gc_error_event(r->h, r->exc);
        break;
    }
    if (r->opt.checked && r->status != 3)
        check_history(r);
    return r;
}

void lang_run_free(LangRun *r)
{
    if (!r)
        return;
    gc_heap_free(r->h);
    int32_t nf = lang_func_count(r->p), nc = lang_class_count(r->p);
    for (int32_t i = 0; r->funcs && i < nf; i++) {
        gc_free(r->funcs[i].locals);
        gc_free(r->funcs[i].globals);
    }
    for (int32_t i = 0; r->dels && i < nc; i++) {
        gc_free(r->dels[i].locals);
        gc_free(r->dels[i].globals);
    }
    gc_free(r->funcs);
    gc_free(r->dels);
    gc_free(r->seen);
    gc_free(r);
}

GcHeap *lang_run_heap(LangRun *r) { return r->h; }
int lang_run_status(const LangRun *r) { return r->status; }
const char *lang_run_error(const LangRun *r) { return r->err; }
int64_t lang_run_collected(const LangRun *r) { return r->collected; }
const char *lang_run_exception(const LangRun *r) { return r->exc; }
