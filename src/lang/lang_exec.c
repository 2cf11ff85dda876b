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
#include "lang_bigint.h"

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
    int inplace;      /* binary_op runs an augmented assignment's operator */
    /* References an exception raised in a finalizer or a callback keeps
     * until PyErr_WriteUnraisable reports it (AttributeError.obj, then the
     * locals of each frame it left, innermost first: its traceback's frame
     * objects took them over); run_code_frame releases them in this order.
     * A nested finalizer's exception has its own segment at the end. */
    GcValue *kept;
    int nkept, capkept;
    int64_t executed;  /* statements executed (LANG_MAX_EXEC_STMTS) */
    int64_t progress_at; /* executed count of the next on_progress call */
    int cancelled;       /* on_progress asked the run to stop */
    int c_nest;        /* run_code calls active on the C stack */
    int borrowed_arg;  /* the call being made got its argument by LOAD_FAST_BORROW */
    /* 3.14+: a return's value loaded by LOAD_FAST_BORROW (ret_borrowed) is
     * on the stack without a reference of its own while a finally clause
     * runs (borrowed_ret, GC_NONE when none): sys.getrefcount counts one
     * less for it. */
    int ret_borrowed;
    GcValue borrowed_ret;
    /* A call with more than 30 arguments (CALL_FUNCTION_EX): its argument
     * tuple, in flight from the end of the arguments' evaluation until the
     * callee releases it (ex_call set; ex_args GC_NONE when the arguments
     * were all constants: a constant tuple, nothing allocated). */
    int ex_call;
    GcValue ex_args;
    /* .py programs */
    int py;            /* lang_is_py: names bound by their statements */
    int internals;     /* 312 / 313 */
    unsigned imported; /* IMP_* modules imported */
    char *out;         /* everything printed */
    size_t nout, capout;
    size_t nout_announced; /* out[0..nout_announced) is in GC_EV_OUTPUT events */
    GcValue **cattr;       /* per class: the values of its class attributes (not objects) */
    FuncInfo *mods;        /* unused slot kept for symmetry */
    /* the Python call stack, for tracebacks: function index (-1 module) and
     * current location per frame */
    struct TbFrame {
        int32_t func;
        int32_t loc;
        const LangStmt *st; /* the statement running (its loc) */
        /* tb_snap: the bytes of the text the frame's instruction spans
         * (end 0: not known yet) and the expression it runs, if one: what
         * the caret lines under the frame's source line show */
        int32_t off, end;
        const LangExpr *x;
    } tb_stack[LANG_RECURSION_LIMIT + 8], tb_snap[LANG_RECURSION_LIMIT + 8];
    int ntb, ntb_snap;
    char traceback[8192];
    /* PyErr_WriteUnraisable's reports (stderr), and how much of them came
     * before the exception that ended the run */
    char *unr;
    size_t nunr, capunr, unr_before_error;
    GcId exit_holder; /* the hidden holder of the globals at exit, 0 before */
    int modules_gone; /* the exit removed the modules: reports show no source lines */
    int32_t err_step; /* the top-level step the exception ended, -1 if none */
    int32_t *gorder;  /* __main__'s dict order once a global was deleted (gorder_delete) */
    int32_t ngorder, capgorder;
    uint8_t *class_made; /* per class: its class statement has run */
    int8_t *cls_xk;      /* per class: the XK index of the built-in exception class it derives
                            from (class MyError(Exception)), -1 for none */
    /* A lean .py run (gc_is_lean): the fast paths below (lean_eval,
     * lean_store_attr) may keep a value out of the temporaries while no
     * code can run, since nothing but the program reads them */
    int lean;
    uint8_t *plain_cls; /* per class: no __init__ in its MRO (a call makes the instance) */
    int out_pending;    /* io.TextIOWrapper's pending_bytes: 0 none, 1 one str, 2 a list */
    int64_t out_pending_bytes;
    int repr_list_made;      /* Py_ReprEnter's list (and the thread state dict) exist */
    uint8_t kwtuple_made[2]; /* 3.13's min / max parsed a keyword once (call_fold) */
    /* the key=lambda functions alive (lambdas_die), with the collections
     * of each generation run before each was made */
    int nlambdas;
    /* gc.callbacks: the program's functions in it, in order */
    int32_t gccb[LANG_MAX_GC_CALLBACKS];
    int ngccb;
    int64_t lambda_colls[LANG_MAX_EXPR_DEPTH][3];
    /* try/except (r->xmode: the program has a try statement): the
     * exceptions the program can catch are objects of the heap, as CPython
     * makes them (x_* below) */
    int xmode;
    GcValue cur_exc; /* the exception being raised (a reference), GC_NONE: none, or one the
                        program cannot catch (gcviz's own limits) */
    GcValue handled[LANG_RECURSION_LIMIT + 8]; /* exc_info: the exceptions being handled */
    int handled_at[LANG_RECURSION_LIMIT + 8];  /* the Python frame of each handler */
    int nhandled;
    GcValue fobj[LANG_RECURSION_LIMIT + 8]; /* each Python frame's frame object (the frame's
                                               reference), 0 for none */
    int32_t xcls0;     /* the heap class of XK[0] (the others follow, then traceback and frame);
                          INT32_MAX without xmode */
    struct XRec *xrec; /* what each exception object prints: its text and traceback */
    int nxrec, capxrec;
    GcValue x_arg; /* for the next raise: KeyError's key (x_arg_kind 1) or
                      AttributeError's obj (2) */
    int x_arg_kind;
    int32_t a_print, a_len, a_str, a_id, a_isinstance, a_sys, a_getrefcount, a_isenabled,
        a_get_count, a_get_threshold, a_is_tracked, a_get_freeze_count, a_get_referents, a_insert,
        a_remove, a_extend, a_index, a_get, a_init, a_del, a_globals_key, a_name, a_main, a_count,
        a_copy, a_items, a_keys, a_values, a_enumerate, a_abs, a_min, a_max, a_sum, a_sort,
        a_reverse, a_sorted, a_list, a_tuple, a_type, a_hasattr, a_getattr, a_setattr, a_class;
};

enum { IMP_GC = 1, IMP_SYS = 2, IMP_WEAKREF = 4 };

/* What an exception object prints when it ends the run, or as the
 * __context__ of the one that does: its text ("KeyError: 'x'") and the
 * entries of its traceback (the frame where it was last caught first). */
typedef struct XRec {
    GcId id;
    char text[512];
    struct TbFrame *tb;
    int ntb;
} XRec;

/* The built-in exception classes a program can raise and catch, each with
 * its base (an index here, -1 for BaseException's object). */
static const struct {
    const char *name;
    int base;
} XK[] = {{"BaseException", -1},    {"Exception", 0},
          {"ArithmeticError", 1},   {"ZeroDivisionError", 2},
          {"OverflowError", 2},     {"LookupError", 1},
          {"IndexError", 5},        {"KeyError", 5},
          {"AttributeError", 1},    {"NameError", 1},
          {"UnboundLocalError", 9}, {"TypeError", 1},
          {"ValueError", 1},        {"RuntimeError", 1},
          {"RecursionError", 13},   {"NotImplementedError", 13},
          {"AssertionError", 1}};
#define NXK ((int)(sizeof XK / sizeof XK[0]))
enum {
    XK_KEYERROR = 7,
    XK_ATTRIBUTEERROR = 8,
    XK_NAMEERROR = 9,
    XC_TRACEBACK = NXK,
    XC_FRAME = NXK + 1
};

/* Out of the hot functions' way: a rare path kept apart so that the
 * common one saves no registers for it. */
#define LANG_NOINLINE __attribute__((noinline))

/* Current code context: which function's names are local. */
typedef struct Ctx {
    const FuncInfo *fi; /* NULL at module level */
    int depth;          /* heap frame depth */
} Ctx;

static int exec_stmt(LangRun *r, const Ctx *c, LangStmt *s, GcValue *ret, int *returned);
static int eval(LangRun *r, const Ctx *c, LangExpr *e);
static int x_raise_internal(LangRun *r, const char *type, const char *msg);
static int exec_try(LangRun *r, const Ctx *c, LangStmt *s, GcValue *ret, int *returned);
static int exec_raise(LangRun *r, const Ctx *c, LangStmt *s);
static int x_frame_exit(LangRun *r, int i);
static int dict_del_entry(LangRun *r, GcId id, uint32_t i, GcValue *out);
static int x_tb_here(LangRun *r, int i);
static int32_t intern(LangRun *r, const char *s);
static int xkind(GcValue v);
static int xk_find(const char *name);
static int xk_sub(int k, int base);
static int x_obj_class(LangRun *r, GcValue v);
static int x_is_exc(LangRun *r, GcValue v);
static int x_prog_exc(LangRun *r, GcValue v);
static int x_own_text(LangRun *r, int32_t k);
static const char *x_class_name(LangRun *r, GcValue exc);
static int x_slot_set(LangRun *r, GcValue obj, const char *name, GcValue v);
static int x_store_attr(LangRun *r, int32_t a);
static int x_delete_attr(LangRun *r, int32_t a);
static GcValue x_slot(LangRun *r, GcValue obj, const char *name);
struct TBuf;
static int x_str(LangRun *r, GcValue exc, struct TBuf *b);
static int x_load_attr(LangRun *r, GcValue owner, int32_t a);
static int x_new(LangRun *r, int k, int n);

static int raise(LangRun *r, const char *type, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* setattr() of an exception, setting or deleting its args or a dunder,
 * any attribute of a traceback or a frame: not modelled. */
static LANG_NOINLINE int x_attr_refused(LangRun *r)
{
    return raise(r, "NotImplementedError",
                 "gcviz: setattr() of an exception, and setting or deleting its args, a dunder "
                 "or an attribute of a traceback or a frame, are not modelled (e.name = x and "
                 "del e.name are)");
}
static int load_class_attr(LangRun *r, GcValue owner, int32_t k, int32_t a);
static int is_builtin(LangRun *r, int32_t a);
static int store_class_attr(LangRun *r, int32_t k, int32_t a);
static int fill_defaults(LangRun *r, int32_t f, int *nargs);
static void tb_push(LangRun *r, int32_t func);
static int call_method_more(LangRun *r, int32_t name, int nargs);
static int const_items(LangRun *r, int32_t a, GcValue *out, int max);
static int value_item(LangRun *r, GcValue cont, GcValue sub, GcValue *out);
static int load_slice(LangRun *r, int nparts);
static int store_slice(LangRun *r, int nparts, int del);
static int eval_slice_parts(LangRun *r, const Ctx *c, LangExpr *sl);
/* What follows a comprehension (eval_comp): a SWAP, or an instruction
 * the peephole pass moved before its restoring STORE_FASTs. */
enum { TAIL_NONE = 0, TAIL_STORE_FAST, TAIL_POP_TOP };
static int eval_comp(LangRun *r, const Ctx *c, LangExpr *e, int mark, int tail, LangExpr *sink);
static int report_progress(LangRun *r);
static int64_t str_len(LangRun *r, GcValue v);
static int slots_clear(LangRun *r, GcId id, int last_first);
static int binary_op(LangRun *r, int op);
static int values_equal(LangRun *r, GcValue a, GcValue b, int depth);
static void tb_pop(LangRun *r);
static void obj_key_text(LangRun *r, GcValue k, char *buf, size_t n);

/* An iteration as FOR_ITER makes it: over range(...) (no object: the
 * range iterator is not tracked, the ints are values), a constant tuple
 * (its items in cv), or a list, tuple or dict held on the stack at `at`.
 * The iterator of a list, tuple or dict is a tracked object (count[0] +1,
 * -1 when it dies) holding a reference to its container (here: the
 * container kept on the stack); range's are not tracked. */
typedef struct Iter {
    int is_range;
    int64_t i, stop, step;
    GcValue cv[256];
    int ncv;
    int iter_obj; /* an iterator object counts in count[0] */
    int at;       /* the container's place on the stack, -1 for a range */
    uint32_t k;
    /* dict views and enumerate (iter_open_call) */
    int view;    /* a dict's: ITER_KEYS (iterating the dict itself too), _VALUES, _ITEMS */
    int is_enum; /* enumerate(container): its index counts from enum_index */
    int64_t enum_index;
    int res_at;         /* their result tuple's place on the stack (just under the container), -1 */
    uint32_t dict_used; /* the dict's size when the iterator was made */
} Iter;

enum { ITER_KEYS = 0, ITER_VALUES, ITER_ITEMS };

/* ---- errors ------------------------------------------------------------ */

static int raise(LangRun *r, const char *type, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int raise(LangRun *r, const char *type, const char *fmt, ...)
{
    va_list ap;
    char msg[400];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(r->exc, sizeof r->exc, "%s: %s", type, msg);
    /* the traceback is the call stack where the exception was raised */
    memcpy(r->tb_snap, r->tb_stack, (size_t)r->ntb * sizeof r->tb_stack[0]);
    r->ntb_snap = r->ntb;
    for (int i = 0; i < r->ntb_snap && i < (int)(sizeof r->tb_snap / sizeof r->tb_snap[0]); i++)
        r->tb_snap[i].end = 0;
    if (r->xmode && r->in_finalizer == 0)
        return x_raise_internal(r, type, msg);
    r->x_arg_kind = 0;
    return EXC;
}

/* The instruction of the current frame that an exception being raised
 * leaves through spans off..end of the text (x: its expression, or NULL):
 * the first noted wins (the innermost expression that failed), unless
 * force. */
static LANG_NOINLINE void tb_note(LangRun *r, int32_t off, int32_t end, const LangExpr *x,
                                  int force)
{
    int i = r->ntb - 1;
    if (i < 0 || i >= r->ntb_snap || i >= (int)(sizeof r->tb_snap / sizeof r->tb_snap[0]) ||
        end <= 0 || (r->tb_snap[i].end > 0 && !force))
        return;
    r->tb_snap[i].off = off;
    r->tb_snap[i].end = end;
    r->tb_snap[i].x = x;
}

static void tb_note_expr(LangRun *r, const LangExpr *e)
{
    tb_note(r, e->off, e->end, e, 0);
}

/* What gcviz models for CPython 3.12 and 3.13 only (no 3.14 or 3.15 at
 * hand to measure it): NotImplementedError where it runs. */
static int not_measured(LangRun *r, const char *what)
{
    return raise(r, "NotImplementedError", "gcviz models %s for CPython 3.12 and 3.13 only", what);
}

/* ZeroDivisionError's text for an int's // or %: one text from 3.14 on
 * (measured in 3.14.2 and 3.15.0rc1). */
static const char *zero_div_text(const LangRun *r, int op)
{
    if (lang_python(r->p) >= 314)
        return "division by zero";
    return op == LANG_OP_MOD ? "integer modulo by zero" : "integer division or modulo by zero";
}

/* Does the innermost Python frame run an except clause, or a finally
 * clause for an exception going through it? */
static int in_handler(const LangRun *r)
{
    return r->nhandled > 0 && r->handled_at[r->nhandled - 1] == r->ntb - 1;
}

static int fatal(LangRun *r)
{
    if (gc_failed(r->h) && gc_error(r->h)[0]) /* over a Python exception being raised */
        snprintf(r->exc, sizeof r->exc, "%s", gc_error(r->h));
    else if (!r->exc[0])
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

/* Keeps a reference to v (any value; only objects count) for the exception
 * being raised in a finalizer or callback (LangRun.kept).  Outside them an
 * exception ends the run and nothing is kept. */
static int keep_for_exception(LangRun *r, GcValue v)
{
    if (r->in_finalizer == 0 || !GC_VAL_IS_OBJ(v))
        return OK;
    if (GC_VEC_ROOM(r->kept, r->nkept, r->capkept, 16, gc_realloc) < 0)
        return fatal(r);
    gc_incref(r->h, v);
    r->kept[r->nkept++] = v;
    return OK;
}

/* The locals of the innermost frame, kept in the order the frame object
 * will release them (take_ownership: the frame object in the traceback
 * owns them once the frame is left; frame_dealloc clears them as
 * gc_frame_pop does, last first from 3.14). */
static int keep_frame_locals(LangRun *r)
{
    int depth = gc_frame_count(r->h) - 1;
    uint32_t n = gc_frame(r->h, depth)->nvars;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t i = gc_globals(r->h)->python >= 314 ? n - 1 - k : k;
        TRY(keep_for_exception(r, gc_frame(r->h, depth)->vars[i].val));
    }
    return OK;
}

/* ---- value helpers ------------------------------------------------------ */

static const char *atom(LangRun *r, int32_t a) { return gc_strtab_get(lang_atoms(r->p), a); }

/* The built-ins len and abs as values (key=len): a GC_V_FUNC value whose
 * payload is LANG_BFUNC + the name's atom, not a function of the program
 * (builtin_atom tells them apart).  Calling one (call_value) is calling the
 * built-in; they hold no globals of the program. */
#define LANG_BFUNC ((int64_t)1 << 30)

/* The name of the built-in function value v is, -1 for anything else. */
static int32_t builtin_atom(GcValue v)
{
    if (GC_VAL_TAG(v) != GC_V_FUNC || GC_VAL_PAYLOAD(v) < LANG_BFUNC)
        return -1;
    return (int32_t)(GC_VAL_PAYLOAD(v) - LANG_BFUNC);
}

static const char *type_name(LangRun *r, GcValue v)
{
    switch (GC_VAL_TAG(v)) {
    case GC_V_NONE: return "NoneType";
    case GC_V_BOOL: return "bool";
    case GC_V_INT: return "int";
    case GC_V_BIGINT:
        return "int";
    case GC_V_STR: return "str";
    case GC_V_CONST: return "tuple";
    case GC_V_FUNC:
        return builtin_atom(v) >= 0 ? "builtin_function_or_method" : "function";
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

/* ---- built-in types as values ------------------------------------------ */

/* type(x) of a value that is not an instance of the program's classes, and
 * the built-in names str, list, tuple and type used as values: a
 * GC_V_CLASS value whose payload is LANG_BTYPE + one of these, not a class
 * of the program (prog_class tells them apart).  They are CPython's static
 * types, immortal from 3.12 on: no reference count to model. */
enum {
    BT_NONE,
    BT_BOOL,
    BT_INT,
    BT_STR,
    BT_TUPLE,
    BT_FUNCTION,
    BT_TYPE,
    BT_LIST,
    BT_DICT,
    BT_WEAKREF,
    BT_BUILTIN,
    BT_COUNT
};
#define LANG_BTYPE GC_CLASS_STATIC
/* the built-in exception classes (XK), then traceback and frame */
#define LANG_XTYPE (LANG_BTYPE + 4096)

static const char *const BTYPE_NAME[BT_COUNT] = {"NoneType",
                                                 "bool",
                                                 "int",
                                                 "str",
                                                 "tuple",
                                                 "function",
                                                 "type",
                                                 "list",
                                                 "dict",
                                                 "ReferenceType",
                                                 "builtin_function_or_method"};

/* The program's class a GC_V_CLASS value is, -1 for anything else. */
static int32_t prog_class(GcValue v)
{
    if (GC_VAL_TAG(v) != GC_V_CLASS || GC_VAL_PAYLOAD(v) >= LANG_BTYPE)
        return -1;
    return (int32_t)GC_VAL_PAYLOAD(v);
}

/* The built-in type a value is (BT_*), -1 for anything else. */
static int btype(GcValue v)
{
    if (GC_VAL_TAG(v) != GC_V_CLASS || GC_VAL_PAYLOAD(v) < LANG_BTYPE ||
        GC_VAL_PAYLOAD(v) >= LANG_BTYPE + 4096)
        return -1;
    return (int)(GC_VAL_PAYLOAD(v) - LANG_BTYPE);
}

static GcValue btype_value(int t)
{
    return GC_MKVAL(GC_V_CLASS, LANG_BTYPE + t);
}

/* A built-in type's attributes (but __name__), setting them, or calling
 * it as a value: not modelled. */
static LANG_NOINLINE int btype_refused(LangRun *r, GcValue t)
{
    return raise(r, "NotImplementedError",
                 "gcviz: the built-in type '%s' is modelled only as the value type() gives and "
                 "its __name__ (not its other attributes, not calling it from a variable)",
                 BTYPE_NAME[btype(t)]);
}

/* type(v): Py_TYPE, a class of the program or a built-in type. */
static GcValue type_of(LangRun *r, GcValue v)
{
    switch (GC_VAL_TAG(v)) {
    case GC_V_NONE:
        return btype_value(BT_NONE);
    case GC_V_BOOL:
        return btype_value(BT_BOOL);
    case GC_V_INT:
    case GC_V_BIGINT:
        return btype_value(BT_INT);
    case GC_V_STR:
        return btype_value(BT_STR);
    case GC_V_CONST:
        return btype_value(BT_TUPLE);
    case GC_V_FUNC:
        return btype_value(builtin_atom(v) >= 0 ? BT_BUILTIN : BT_FUNCTION);
    case GC_V_CLASS:
        return btype_value(BT_TYPE);
    default:
        break;
    }
    const GcObject *o = obj_of(r, v);
    switch (o ? o->kind : 0) {
    case GC_KIND_INSTANCE:
        if (o->cls >= r->xcls0)
            return GC_MKVAL(GC_V_CLASS, LANG_BTYPE + 4096 + (o->cls - r->xcls0));
        return GC_MKVAL(GC_V_CLASS, o->cls);
    case GC_KIND_LIST:
        return btype_value(BT_LIST);
    case GC_KIND_TUPLE:
        return btype_value(BT_TUPLE);
    case GC_KIND_DICT:
        return btype_value(BT_DICT);
    default:
        return btype_value(BT_WEAKREF);
    }
}

/* A class's __name__ (type.__name__, a data descriptor of the metatype:
 * it wins over the class's own attributes). */
static const char *class_name(LangRun *r, GcValue cls)
{
    int t = btype(cls);
    if (GC_VAL_PAYLOAD(cls) >= LANG_BTYPE + 4096) {
        int k = (int)(GC_VAL_PAYLOAD(cls) - LANG_BTYPE - 4096);
        return k < NXK ? XK[k].name : k == XC_TRACEBACK ? "traceback" : "frame";
    }
    return t >= 0 ? BTYPE_NAME[t] : atom(r, lang_class(r->p, prog_class(cls))->name);
}

/* A stand-in address for reprs and id(): CPython's are not reproducible. */
static unsigned long long fake_addr(GcValue v)
{
    return 0x7f0000000000ull + (unsigned long long)GC_VAL_PAYLOAD(v) * 64u;
}

/* The repr of a function or class value (they are not heap objects). */
static void code_repr(LangRun *r, GcValue v, char *buf, size_t n)
{
    if (builtin_atom(v) >= 0) {
        snprintf(buf, n, "<built-in function %s>", atom(r, builtin_atom(v)));
        return;
    }
    if (GC_VAL_TAG(v) == GC_V_FUNC) {
        const LangFunc *f = lang_func(r->p, (int32_t)GC_VAL_PAYLOAD(v));
        snprintf(buf, n, "<function %s at 0x%llx>", f ? atom(r, f->name) : "?", fake_addr(v));
        return;
    }
    int t = btype(v);
    const LangClass *k = lang_class(r->p, prog_class(v));
    if (GC_VAL_PAYLOAD(v) >= LANG_BTYPE + 4096)
        snprintf(buf, n, "<class '%s'>", class_name(r, v));
    else if (t >= 0)
        snprintf(buf, n, "<class '%s%s'>", t == BT_WEAKREF ? "weakref." : "", BTYPE_NAME[t]);
    else
        snprintf(buf, n, "<class '__main__.%s'>", k ? atom(r, k->name) : "?");
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
    else if (GC_VAL_TAG(k) == GC_V_CONST || GC_VAL_TAG(k) == GC_V_BIGINT)
        snprintf(buf, n, "%s", atom(r, (int32_t)GC_VAL_PAYLOAD(k)));
    else if (GC_VAL_TAG(k) == GC_V_CLASS || GC_VAL_TAG(k) == GC_V_FUNC)
        code_repr(r, k, buf, n);
    else if (GC_VAL_IS_OBJ(k))
        obj_key_text(r, k, buf, n);
    else
        snprintf(buf, n, "<%s>", type_name(r, k));
}

static int push(LangRun *r, GcValue v) { return chk(r, gc_temp_push(r->h, v)); }
static GcValue pop(LangRun *r) { return gc_temp_pop(r->h); }
static int decref(LangRun *r, GcValue v) { return chk(r, gc_decref(r->h, v)); }
static int pop_decref(LangRun *r) { return decref(r, pop(r)); }

/* A two-operand instruction's end (BINARY_SUBSCR, BINARY_OP): [a, b] ->
 * [res], then a and b released, in that order (DECREF_INPUTS). */
static int replace_two(LangRun *r, GcValue res)
{
    GcValue b = pop(r), a = pop(r);
    TRY(push(r, res));
    TRY(decref(r, a));
    return decref(r, b);
}

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
    int oom; /* an add failed: the analysis is incomplete */
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
    if (GC_VEC_ROOM(n->v, n->n, n->cap, 8, gc_realloc) < 0) {
        n->oom = 1;
        return -1;
    }
    n->v[n->n++] = a;
    return 0;
}

/* Pass 1: which names are assigned (local unless global). */
static void store_targets(LangExpr *t, Names *stores)
{
    if (!t)
        return;
    if (t->kind == LANG_E_NAME)
        names_add(stores, t->atom);
    else if (t->kind == LANG_E_TUPLE)
        for (int32_t i = 0; i < t->nitems; i++)
            store_targets(t->items[i], stores);
}

/* The variables the comprehensions in e bind (locals of the function). */
static void comp_stores(const LangExpr *e, Names *stores)
{
    if (!e)
        return;
    if (e->kind == LANG_E_LISTCOMP || e->kind == LANG_E_DICTCOMP)
        for (int32_t i = 0; i < e->nlocals; i++)
            names_add(stores, e->ops[i]);
    comp_stores(e->base, stores);
    comp_stores(e->index, stores);
    for (int32_t i = 0; i < e->nitems; i++) {
        comp_stores(e->items[i], stores);
        if (e->kind == LANG_E_DICT)
            comp_stores(e->keys[i], stores);
    }
}

static void collect_stores(LangStmt **body, int32_t n, Names *stores, Names *globals)
{
    for (int32_t i = 0; i < n; i++) {
        LangStmt *s = body[i];
        comp_stores(s->value, stores);
        comp_stores(s->target, stores);
        for (int32_t k = 0; k < s->ntargets; k++)
            comp_stores(s->targets[k], stores);
        for (int32_t k = 0; k < s->nextra; k++)
            comp_stores(s->extra[k], stores);
        switch (s->kind) {
        case LANG_S_ASSIGN:
            store_targets(s->target, stores);
            for (int32_t k = 0; k < s->nextra; k++)
                store_targets(s->extra[k], stores);
            break;
        case LANG_S_AUGASSIGN:
            store_targets(s->target, stores);
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
        case LANG_S_FOR_IN:
            store_targets(s->target, stores);
            collect_stores(s->body, s->nbody, stores, globals);
            break;
        case LANG_S_IF:
        case LANG_S_WHILE:
        case LANG_S_TRY:
            collect_stores(s->body, s->nbody, stores, globals);
            collect_stores(s->handlers, s->nhandlers, stores, globals);
            collect_stores(s->orelse, s->norelse, stores, globals);
            collect_stores(s->finalbody, s->nfinalbody, stores, globals);
            break;
        case LANG_S_EXCEPT:
            if (s->target)
                names_add(stores, s->target->atom);
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
    if (e->kind == LANG_E_LISTCOMP || e->kind == LANG_E_DICTCOMP) {
        /* the first iterable, then LOAD_FAST_AND_CLEAR of each variable
         * (co_varnames gets a name at its first use), then the rest */
        LangExpr *g0 = e->items[0];
        order_expr(g0->base, locals, out);
        for (int32_t i = 0; i < e->nlocals; i++)
            if (names_has(locals, e->ops[i]))
                names_add(out, e->ops[i]);
        order_expr(g0->index, locals, out);
        for (int32_t i = 0; i < g0->nitems; i++)
            order_expr(g0->items[i], locals, out);
        for (int32_t i = 1; i < e->nitems; i++)
            order_expr(e->items[i], locals, out);
        return;
    }
    order_expr(e->base, locals, out);
    order_expr(e->index, locals, out);
    for (int32_t i = 0; i < e->nitems; i++) {
        if (e->keys && e->kind == LANG_E_DICT)
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
            for (int32_t k = 0; k < s->nextra; k++)
                order_expr(s->extra[k], locals, out);
            break;
        case LANG_S_AUGASSIGN:
            order_expr(s->target, locals, out);
            order_expr(s->value, locals, out);
            break;
        case LANG_S_DEL:
            for (int32_t k = 0; k < s->ntargets; k++)
                order_expr(s->targets[k], locals, out);
            break;
        case LANG_S_EXPR:
        case LANG_S_RETURN:
            order_expr(s->value, locals, out);
            break;
        case LANG_S_ASSERT:
            order_expr(s->value, locals, out);
            order_expr(s->target, locals, out);
            break;
        case LANG_S_FOR:
            if (s->for_count_var && names_has(locals, s->for_count_var))
                names_add(out, s->for_count_var);
            if (names_has(locals, s->for_var))
                names_add(out, s->for_var);
            order_body(s->body, s->nbody, locals, out);
            break;
        case LANG_S_FOR_IN:
            order_expr(s->value, locals, out);
            order_expr(s->target, locals, out);
            order_body(s->body, s->nbody, locals, out);
            break;
        case LANG_S_IF:
        case LANG_S_WHILE:
            order_expr(s->value, locals, out);
            order_body(s->body, s->nbody, locals, out);
            order_body(s->orelse, s->norelse, locals, out);
            break;
        case LANG_S_TRY: /* compiled as: body, else, the handlers, then finally */
            order_body(s->body, s->nbody, locals, out);
            order_body(s->orelse, s->norelse, locals, out);
            order_body(s->handlers, s->nhandlers, locals, out);
            order_body(s->finalbody, s->nfinalbody, locals, out);
            break;
        case LANG_S_EXCEPT:
        case LANG_S_RAISE:
            order_expr(s->value, locals, out);
            order_expr(s->target, locals, out);
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
    int oom = stores.oom || globals.oom || locals.oom || out.oom;
    gc_free(stores.v);
    gc_free(locals.v);
    fi->locals = out.v;
    fi->nlocals = out.n;
    fi->globals = globals.v;
    fi->nglobals = globals.n;
    return oom ? -1 : 0; /* a name left out would change scopes: never run on that */
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

/* A module-level comprehension's hidden variable ("x (comprehension)",
 * lang_py.c hidden_atom): a fast local of the module's frame, not a
 * global of its dict. */
static int is_hidden_name(LangRun *r, int32_t a)
{
    return strchr(atom(r, a), ' ') != NULL;
}

/* At the exit the globals that are objects live in the hidden holder
 * (CPython's __main__ dict, exit_holder), where a __del__ or a weakref
 * callback run by an exit collection still finds them until the dict is
 * cleared (delete_garbage) or freed: the holder's slot of global a, or
 * -1 (before the exit, or no such key). */
static int exit_global_slot(LangRun *r, int32_t a)
{
    if (!r->exit_holder || gc_object(r->h, r->exit_holder)->state != GC_STATE_ALIVE)
        return -1;
    return gc_slot_find(r->h, r->exit_holder, GC_MKVAL(GC_V_STR, a));
}

/* load_name's rare case: the name is bound nowhere (or is __main__'s
 * __name__, or a JSON scenario's function or class, or a global in the
 * exit's holder). */
static LANG_NOINLINE int load_unbound(LangRun *r, int32_t a, int local)
{
    int s = local ? -1 : exit_global_slot(r, a);
    if (s >= 0) {
        GcValue v = gc_slot(gc_object(r->h, r->exit_holder), (uint32_t)s).val;
        gc_incref(r->h, v);
        return push(r, v);
    }
    if (local || (r->py && is_hidden_name(r, a))) {
        const char *n = atom(r, a);
        return raise(r, "UnboundLocalError",
                     "cannot access local variable '%.*s' where it is not associated with a value",
                     (int)strcspn(n, " "), n);
    }
    if (r->py && a == r->a_name)
        return push(r, GC_MKVAL(GC_V_STR, r->a_main)); /* __main__'s own __name__ */
    if (r->py) {
        if (a == r->a_str || a == r->a_list || a == r->a_tuple || a == r->a_type)
            return push(r, btype_value(a == r->a_str    ? BT_STR
                                       : a == r->a_list ? BT_LIST
                                       : a == r->a_type ? BT_TYPE
                                                        : BT_TUPLE));
        if (a == r->a_len || a == r->a_abs)
            return push(r, GC_MKVAL(GC_V_FUNC, LANG_BFUNC + a));
        int xk = r->xmode ? xk_find(atom(r, a)) : -1;
        if (xk >= 0)
            return push(r, GC_MKVAL(GC_V_CLASS, LANG_BTYPE + 4096 + xk));
        if (is_builtin(r, a))
            return raise(r, "NotImplementedError",
                         "gcviz: the built-in '%s' is modelled only when called (of the "
                         "built-in functions, len and abs are values too: key=len)",
                         atom(r, a));
        return raise(r, "NameError", "name '%s' is not defined", atom(r, a));
    }
    int32_t f = find_func(r, a);
    if (f >= 0)
        return push(r, GC_MKVAL(GC_V_FUNC, f));
    int32_t k = find_class(r, a);
    if (k >= 0)
        return push(r, GC_MKVAL(GC_V_CLASS, k));
    return raise(r, "NameError", "name '%s' is not defined", atom(r, a));
}

/* LOAD_FAST / LOAD_GLOBAL / LOAD_NAME.  hint: the NAME node's cache of the
 * variable's index (any value is safe). */
static int load_name(LangRun *r, const Ctx *c, int32_t a, int32_t *hint)
{
    int local = is_local(c, a);
    GcValue v = gc_var_get_hint(r->h, local ? c->depth : 0, a, hint);
    if (v == GC_UNBOUND)
        return load_unbound(r, a, local);
    gc_incref(r->h, v);
    return push(r, v);
}

/* The order of __main__'s dict (the exit releases the globals in it).
 * The module frame keeps its variables in the order they were first
 * bound, which is the dict's order until a global is deleted: the dict
 * then drops the key, and binding the name again adds it at the end.
 * From the first `del` of a global on, r->gorder holds the dict's keys in
 * order (r->ngorder >= 0); before, r->ngorder is -1. */
static int gorder_find(const LangRun *r, int32_t a)
{
    for (int32_t i = 0; i < r->ngorder; i++)
        if (r->gorder[i] == a)
            return i;
    return -1;
}

static int gorder_add(LangRun *r, int32_t a)
{
    if (GC_VEC_ROOM(r->gorder, r->ngorder, r->capgorder, 16, gc_realloc) < 0)
        return fatal(r);
    r->gorder[r->ngorder++] = a;
    return OK;
}

/* Global a is about to be deleted (bound now): the dict drops its key. */
static int gorder_delete(LangRun *r, int32_t a)
{
    if (r->ngorder < 0) { /* the first del: the dict's keys are the frame's bound names */
        const GcFrame *f = gc_frame(r->h, 0);
        r->ngorder = 0;
        for (uint32_t i = 0; f && i < f->nvars; i++)
            if (f->vars[i].val != GC_UNBOUND &&
                !is_hidden_name(r, (int32_t)GC_VAL_PAYLOAD(f->vars[i].key)))
                TRY(gorder_add(r, (int32_t)GC_VAL_PAYLOAD(f->vars[i].key)));
    }
    int i = gorder_find(r, a);
    if (i >= 0) {
        memmove(&r->gorder[i], &r->gorder[i + 1], (size_t)(r->ngorder - i - 1) * sizeof *r->gorder);
        r->ngorder--;
    }
    return OK;
}

/* STORE_GLOBAL at the exit (a __del__ or a callback run by an exit
 * collection): the holder's entry gets v, or a new entry does, as in
 * CPython's __main__ dict; a global the frame still has (not an object:
 * exit_holder left it there) is replaced in the frame.  Once the holder
 * is cleared or freed, a new entry goes to the frame (no finalizer runs
 * then). */
static int exit_store_global(LangRun *r, int32_t a, GcValue v)
{
    GcId holder = r->exit_holder;
    int s = exit_global_slot(r, a);
    if (s >= 0) {
        const GcObject *d = gc_object(r->h, holder);
        return chk(r, gc_slot_set(r->h, holder, (uint32_t)s, gc_slot(d, s).key, v));
    }
    if (gc_var_get(r->h, 0, a) != GC_UNBOUND || gc_object(r->h, holder)->state != GC_STATE_ALIVE ||
        !GC_VAL_IS_OBJ(v))
        return chk(r, gc_var_set(r->h, 0, a, v));
    const GcObject *d = gc_object(r->h, holder);
    return chk(r, gc_slot_set(r->h, holder, gc_nslots(d), GC_MKVAL(GC_V_STR, a), v));
}

/* STORE_NAME / STORE_FAST / STORE_GLOBAL of reference v (it moves in). */
static int store_name_value(LangRun *r, const Ctx *c, int32_t a, int32_t *hint, GcValue v)
{
    int depth = is_local(c, a) ? c->depth : 0;
    int32_t none = -1;
    if (depth == 0 && r->exit_holder)
        return exit_store_global(r, a, v);
    TRY(chk(r, gc_var_set_hint(r->h, depth, a, v, hint ? hint : &none)));
    if (depth == 0 && r->ngorder >= 0 && gorder_find(r, a) < 0 && !is_hidden_name(r, a))
        return gorder_add(r, a);
    return OK;
}

/* STORE_NAME / STORE_FAST / STORE_GLOBAL: the popped reference moves in. */
static int store_name(LangRun *r, const Ctx *c, int32_t a, int32_t *hint)
{
    return store_name_value(r, c, a, hint, pop(r));
}

static int delete_name(LangRun *r, const Ctx *c, int32_t a)
{
    int local = is_local(c, a);
    int depth = local ? c->depth : 0;
    int s = local ? -1 : exit_global_slot(r, a);
    if (s >= 0)
        return dict_del_entry(r, r->exit_holder, (uint32_t)s, NULL);
    if (gc_var_get(r->h, depth, a) == GC_UNBOUND) {
        if (local)
            return raise(r, "UnboundLocalError",
                         "cannot access local variable '%s' where it is not associated with a value",
                         atom(r, a));
        return raise(r, "NameError", "name '%s' is not defined", atom(r, a));
    }
    if (depth == 0 && r->py)
        TRY(gorder_delete(r, a));
    return chk(r, gc_var_set(r->h, depth, a, GC_UNBOUND));
}

/* ---- attributes and items ---------------------------------------------- */

static int no_attr(LangRun *r, GcValue owner, int32_t a)
{
    /* set_attribute_error_context: the AttributeError holds its owner */
    TRY(keep_for_exception(r, owner));
    r->x_arg = owner, r->x_arg_kind = 2;
    if (btype(owner) >= 0)
        return btype_refused(r, owner);
    if (GC_VAL_TAG(owner) == GC_V_CLASS)
        return raise(r, "AttributeError", "type object '%s' has no attribute '%s'",
                     class_name(r, owner), atom(r, a));
    return raise(r, "AttributeError", "'%s' object has no attribute '%s'", type_name(r, owner),
                 atom(r, a));
}

/* STORE_ATTR or DELETE_ATTR on an object without a __dict__ (a list, an
 * int, None): 3.13's _PyObject_GenericSetAttrWithDict says why and keeps
 * the object in the exception (_PyObject_SetAttributeErrorContext); a
 * function has a __dict__, whose attributes are not modelled. */
static int no_attr_store(LangRun *r, GcValue owner, int32_t a)
{
    if (GC_VAL_TAG(owner) == GC_V_FUNC && builtin_atom(owner) < 0)
        return raise(r, "NotImplementedError",
                     "gcviz: the attributes of a function are not modelled");
    if (lang_python(r->p) < 313)
        return raise(r, "AttributeError", "'%s' object has no attribute '%s'", type_name(r, owner),
                     atom(r, a));
    TRY(keep_for_exception(r, owner));
    r->x_arg = owner, r->x_arg_kind = 2;
    return raise(r, "AttributeError",
                 "'%s' object has no attribute '%s' and no __dict__ for setting new attributes",
                 type_name(r, owner), atom(r, a));
}

/* x.__class__ (object's data descriptor: type(x)) and a class's __name__
 * (type's: the str of its name), [owner] -> [value]. */
static int load_type_attr(LangRun *r, int32_t a)
{
    GcValue owner = gc_temp(r->h, gc_temp_count(r->h) - 1), v = type_of(r, owner);
    if (a != r->a_class) {
        const char *n = class_name(r, owner);
        int32_t s = gc_strtab_intern(lang_atoms(r->p), n, strlen(n));
        if (s < 0)
            return fatal(r);
        v = GC_MKVAL(GC_V_STR, s);
    }
    owner = pop(r);
    TRY(push(r, v));
    return decref(r, owner);
}

/* LOAD_ATTR: owner on the stack is replaced by the attribute's value. */
static int load_attr(LangRun *r, int32_t a)
{
    GcValue owner = gc_temp(r->h, gc_temp_count(r->h) - 1);
    if (r->py && (a == r->a_class || (a == r->a_name && GC_VAL_TAG(owner) == GC_V_CLASS)))
        return load_type_attr(r, a);
    const GcObject *o = obj_of(r, owner);
    if (o && o->kind == GC_KIND_INSTANCE && x_obj_class(r, owner) >= 0)
        return x_load_attr(r, owner, a);
    GcId holder = 0;
    int i = (o && o->kind == GC_KIND_INSTANCE)
                ? gc_attr_find(r->h, gc_object_id(r->h, o), a, &holder)
                : -1;
    if (i < 0 && r->py && o && o->kind == GC_KIND_INSTANCE)
        return load_class_attr(r, owner, o->cls, a);
    if (i < 0 && r->py && prog_class(owner) >= 0)
        return load_class_attr(r, owner, prog_class(owner), a);
    if (i < 0)
        return no_attr(r, owner, a);
    GcValue v = gc_slot(gc_object(r->h, holder), i).val;
    gc_incref(r->h, v);
    owner = pop(r);
    TRY(push(r, v));
    return decref(r, owner);
}

/* Index idx of a sequence of n items named type (list, tuple, str). */
static int seq_index(LangRun *r, const char *type, int64_t n, GcValue idx, uint32_t *out,
                     const char *what)
{
    if (GC_VAL_TAG(idx) != GC_V_INT && GC_VAL_TAG(idx) != GC_V_BOOL)
        return raise(r, "TypeError", "%s indices must be integers or slices, not %s", type,
                     type_name(r, idx));
    int64_t i = GC_VAL_PAYLOAD(idx);
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        return raise(r, "IndexError", "%s", what);
    *out = (uint32_t)i;
    return OK;
}

static int normalize_index(LangRun *r, const GcObject *o, GcValue idx, uint32_t *out,
                           const char *what)
{
    return seq_index(r, gc_kind_name((GcKind)o->kind), gc_nslots(o), idx, out, what);
}

/* How an instance of class k hashes: 0 by its identity (object's
 * __hash__), 1 not at all (__hash__ is None: set so, or a class that
 * defines __eq__ without __hash__, as type_new makes it), 2 by a __hash__
 * method of the program.  The nearest class of the bases' chain that
 * defines either decides. */
static int class_hash_kind(LangRun *r, int32_t k)
{
    for (int guard = 0; k >= 0 && guard < 1000; guard++) {
        const LangClass *c = lang_class(r->p, k);
        int eq = 0;
        for (int32_t i = 0; i < c->nattrs; i++) {
            const char *name = atom(r, c->attrs[i].name);
            if (strcmp(name, "__hash__") == 0)
                return c->attrs[i].value && c->attrs[i].value->kind == LANG_E_NONE ? 1 : 2;
            eq |= strcmp(name, "__eq__") == 0;
        }
        if (eq)
            return 1;
        k = c->base;
    }
    return 0;
}

/* A dict key must be hashable (PyObject_Hash): the values that are not
 * heap objects (a class or function is hashed by its identity, as in
 * CPython), an instance of the program's classes (by identity: object's
 * __hash__ and __eq__), a tuple whose items are (tuplehash, first item
 * first).  A list or dict is unhashable, and so is an instance whose
 * class sets __hash__ to None or defines __eq__ alone; one whose class
 * defines __hash__ is refused, since gcviz does not call it (nor __eq__),
 * and a weakref (hashed as its referent) too. */
static int dict_key_ok(LangRun *r, GcValue k)
{
    const GcObject *o = obj_of(r, k);
    for (int depth = 0; o; depth++) {
        int hk = o->kind == GC_KIND_INSTANCE ? class_hash_kind(r, o->cls) : 0;
        if (o->kind == GC_KIND_LIST || o->kind == GC_KIND_DICT || hk == 1)
            return raise(r, "TypeError", "unhashable type: '%s'", type_name(r, k));
        if (hk == 2)
            return raise(r, "NotImplementedError",
                         "gcviz: an instance of a class that defines __hash__ as a dict key is "
                         "not modelled (gcviz does not call __hash__ and __eq__)");
        if (o->kind == GC_KIND_INSTANCE)
            return OK;
        if (o->kind != GC_KIND_TUPLE || depth > 100)
            return raise(r, "NotImplementedError",
                         "gcviz: a '%s' object as a dict key is not modelled (keys may be str, "
                         "int, bool, None, tuples, instances, classes and functions)",
                         type_name(r, k));
        /* a tuple: each item in turn, the last one by this loop */
        uint32_t n = gc_nslots(o);
        for (uint32_t i = 0; i + 1 < n; i++)
            TRY(dict_key_ok(r, gc_slot(o, i).val));
        if (n == 0)
            return OK;
        k = gc_slot(o, n - 1).val;
        o = obj_of(r, k);
    }
    return OK;
}

static int is_intlike(GcValue v)
{
    return GC_VAL_TAG(v) == GC_V_INT || GC_VAL_TAG(v) == GC_V_BOOL;
}

static int is_tuplelike(LangRun *r, GcValue v)
{
    const GcObject *o = obj_of(r, v);
    return GC_VAL_TAG(v) == GC_V_CONST || (o && o->kind == GC_KIND_TUPLE);
}

/* The first slot of dict o whose key == k (a hashable key: values_equal
 * is then equality bit for bit, except that True == 1 and False == 0, and
 * an instance is equal to itself only), or -1: gc_slot_find, once more for
 * the other spelling of 0 and 1.  A tuple, built or constant, is equal to
 * another by value: it is looked for among the tuple keys one by one (the
 * key index hashes a key's bits, not its value). */
static int dict_find_equal(LangRun *r, const GcObject *o, GcValue k)
{
    if (is_tuplelike(r, k)) {
        int i = GC_VAL_TAG(k) == GC_V_CONST ? gc_slot_find(r->h, gc_object_id(r->h, o), k) : -1;
        for (uint32_t j = 0; i < 0 && j < gc_nslots(o); j++)
            if (is_tuplelike(r, gc_slot(o, j).key) && values_equal(r, gc_slot(o, j).key, k, 0))
                i = (int)j;
        return i;
    }
    int i = gc_slot_find(r->h, gc_object_id(r->h, o), k);
    if (!is_intlike(k) || (GC_VAL_PAYLOAD(k) != 0 && GC_VAL_PAYLOAD(k) != 1))
        return i;
    GcTag other = GC_VAL_TAG(k) == GC_V_INT ? GC_V_BOOL : GC_V_INT;
    int j = gc_slot_find(r->h, gc_object_id(r->h, o), GC_MKVAL(other, GC_VAL_PAYLOAD(k)));
    return i < 0 ? j : j < 0 ? i : i < j ? i : j;
}

/* dict[k] = v (PyDict_SetItem: STORE_SUBSCR, a display's pairs,
 * dict_merge): the reference v moves in; a key equal to k already there
 * keeps its key object and gets the new value, the old one released then
 * (d = {1: 'a'}; d[True] = 'b' leaves {1: 'b'}); a new key that is an
 * object (an instance, a tuple) gets the dict's own reference.  MAP_ADD,
 * which steals the key, releases its key after. */
static int dict_store(LangRun *r, GcId id, GcValue k, GcValue v)
{
    const GcObject *d = gc_object(r->h, id);
    int at = dict_find_equal(r, d, k);
    if (at >= 0)
        return chk(r, gc_slot_set(r->h, id, (uint32_t)at, gc_slot(d, at).key, v));
    gc_incref(r->h, k);
    return chk(r, gc_slot_set(r->h, id, gc_nslots(d), k, v));
}

/* Removes dict entry i: delitem_common releases the key, then the value
 * (the value's reference goes to *out instead when out is not NULL:
 * dict.pop's result). */
static int dict_del_entry(LangRun *r, GcId id, uint32_t i, GcValue *out)
{
    GcValue key, val;
    TRY(chk(r, gc_dict_remove(r->h, id, i, &key, &val)));
    TRY(decref(r, key));
    if (out) {
        *out = val;
        return OK;
    }
    return decref(r, val);
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
        v = gc_slot(o, i).val;
    } else if (GC_VAL_TAG(cont) == GC_V_STR || GC_VAL_TAG(cont) == GC_V_CONST) {
        TRY(value_item(r, cont, sub, &v));
    } else if (o && o->kind == GC_KIND_DICT) {
        TRY(dict_key_ok(r, sub));
        int i = dict_find_equal(r, o, sub);
        if (i < 0) {
            char k[128];
            repr_key(r, sub, k, sizeof k);
            r->x_arg = sub, r->x_arg_kind = 1;
            return raise(r, "KeyError", "%s", k);
        }
        v = gc_slot(o, i).val;
    } else {
        return raise(r, "TypeError", "'%s' object is not subscriptable", type_name(r, cont));
    }
    gc_incref(r->h, v);
    return replace_two(r, v);
}

/* ---- calls -------------------------------------------------------------- */

static int call_function(LangRun *r, int32_t f, int nargs);
static int call_function_kw(LangRun *r, int32_t f, int nargs, const LangExpr *kw);

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
    int k = top - base;
    /* all leave the stack (in flight), then each is released in order:
     * every one of them (a call may have any number of arguments) */
    GcValue small[8];
    GcValue *vals = k <= 8 ? small : gc_malloc((size_t)k * sizeof *vals);
    if (!vals)
        return fatal(r);
    for (int i = 0; i < k; i++)
        vals[i] = gc_temp(r->h, base + i);
    for (int i = 0; i < k; i++)
        pop(r);
    int rc = OK;
    for (int i = 0; i < k && rc == OK; i++)
        rc = decref(r, vals[i]);
    if (vals != small)
        gc_free(vals);
    return rc;
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
    gc_note_args_tuple(r->h, 0);
    int top = gc_temp_count(r->h);
    for (int i = 0; i < nargs; i++) {
        GcValue v = gc_temp(r->h, top - nargs + i);
        gc_incref(r->h, v);
        TRY(chk(r, gc_slot_set(r->h, t, (uint32_t)i, 0, v)));
    }
    return push(r, GC_VAL_OBJ(t));
}

/* Lets go of argument tuple v (of make_args_tuple), counting its death
 * for the step's end (gc_note_args_tuple). */
static int decref_args_tuple(LangRun *r, GcValue v)
{
    GcId t = GC_VAL_IS_OBJ(v) ? GC_VAL_ID(v) : 0;
    TRY(decref(r, v));
    const GcObject *o = t > 0 ? gc_object(r->h, t) : NULL;
    if (o && o->state != GC_STATE_ALIVE)
        gc_note_args_tuple(r->h, 1);
    return OK;
}

static int drop_args_tuple(LangRun *r, int nargs)
{
    if (nargs == 0)
        return OK;
    return decref_args_tuple(r, pop(r));
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
    if (builtin_atom(cb) >= 0)
        return raise(r, "NotImplementedError",
                     "gcviz: a built-in function as a weakref callback is not modelled");
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
        TRY(decref_args_tuple(r, tuple));
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
/* a < b for two ints or two strings (list_reorder checked them). */
static int sort_less(LangRun *r, GcValue a, GcValue b)
{
    if (GC_VAL_TAG(a) == GC_V_STR)
        return strcmp(atom(r, (int32_t)GC_VAL_PAYLOAD(a)), atom(r, (int32_t)GC_VAL_PAYLOAD(b))) < 0;
    return (int64_t)GC_VAL_PAYLOAD(a) < (int64_t)GC_VAL_PAYLOAD(b);
}

static int call_value(LangRun *r, LangExpr *e, int mark, int nargs);

/* A stable merge sort of the indexes ix[0..n) by their keys k[ix[i]]
 * (ints or strings, checked), with tmp[n]. */
static void merge_sort_keys(LangRun *r, const GcValue *k, uint32_t *ix, uint32_t *tmp, uint32_t n)
{
    if (n < 2)
        return;
    uint32_t m = n / 2;
    merge_sort_keys(r, k, ix, tmp, m);
    merge_sort_keys(r, k, ix + m, tmp, n - m);
    uint32_t i = 0, j = m, o = 0;
    while (i < m && j < n)
        tmp[o++] = sort_less(r, k[ix[j]], k[ix[i]]) ? ix[j++] : ix[i++];
    while (i < m)
        tmp[o++] = ix[i++];
    while (j < n)
        tmp[o++] = ix[j++];
    memcpy(ix, tmp, (size_t)n * sizeof *ix);
}

/* Whether the n values v sort here (all ints or all strings); if not, the
 * error of CPython's first comparison, v[1] < v[0] of the list as the sort
 * sees it (reversed first for reverse=True), when it fails, else gcviz's
 * NotImplementedError. */
static int sortable(LangRun *r, const GcValue *v, uint32_t n, int reverse)
{
    int ints = 1, strs = 1;
    for (uint32_t i = 0; i < n; i++) {
        ints &= GC_VAL_TAG(v[i]) == GC_V_INT || GC_VAL_TAG(v[i]) == GC_V_BOOL;
        strs &= GC_VAL_TAG(v[i]) == GC_V_STR;
    }
    if (n < 2 || ints || strs)
        return OK;
    GcValue a = reverse ? v[n - 2] : v[1], b = reverse ? v[n - 1] : v[0];
    int ia = GC_VAL_TAG(a) == GC_V_INT || GC_VAL_TAG(a) == GC_V_BOOL;
    int ib = GC_VAL_TAG(b) == GC_V_INT || GC_VAL_TAG(b) == GC_V_BOOL;
    int sa = GC_VAL_TAG(a) == GC_V_STR, sb = GC_VAL_TAG(b) == GC_V_STR;
    if ((ia && ib) || (sa && sb) || GC_VAL_TAG(a) == GC_V_BIGINT || GC_VAL_TAG(b) == GC_V_BIGINT)
        return raise(r, "NotImplementedError",
                     "gcviz: list.sort() and sorted() sort ints (of 59 bits) or strings only (the "
                     "items, or what key= returns for them)");
    return raise(r, "TypeError", "'<' not supported between instances of '%s' and '%s'",
                 type_name(r, a), type_name(r, b));
}

/* list.reverse() (sort 0) and list.sort([key=..., reverse=...]) of a
 * list (list_sort_impl): the list is emptied while it sorts (the items
 * move out and back, no reference changes); with a key (not None) the key
 * is called on each item in order first, its results kept (on the stack)
 * until the sort ends; reverse=True sorts the reversed list and reverses
 * it again (stable).  The items (or keys) must be ints or strings:
 * anything else raises CPython's TypeError when the first comparison
 * fails, the list unchanged; otherwise gcviz does not model it.  e: the
 * call, for a key that is a class. */
static int list_reorder(LangRun *r, LangExpr *e, GcId id, int sort, int reverse, GcValue key)
{
    GcHeap *h = r->h;
    uint32_t n = gc_nslots(gc_object(h, id));
    int keyed = sort && key != GC_UNBOUND && key != GC_NONE;
    if (n < 2 && !keyed)
        return OK;
    GcValue *v = gc_malloc(((size_t)n * 2 + 1) * sizeof *v);
    uint32_t *ix = gc_malloc(((size_t)n * 2 + 1) * sizeof *ix);
    if (!v || !ix || gc_slots_clear(h, id, 0, v) < 0) {
        gc_free(v);
        gc_free(ix);
        return fatal(r);
    }
    int base = gc_temp_count(h), rc = OK;
    for (uint32_t i = 0; keyed && i < n && rc == OK; i++) {
        int mark = gc_temp_count(h);
        gc_incref(h, key);
        rc = push(r, key);
        gc_incref(h, v[i]);
        if (rc == OK)
            rc = push(r, v[i]);
        if (rc == OK)
            rc = call_value(r, e, mark, 1);
        if (rc < 0 && rc != FATAL)
            unwind(r, mark);
    }
    const GcValue *k = v;
    if (keyed && rc == OK) {
        for (uint32_t i = 0; i < n; i++)
            v[n + i] = gc_temp(h, base + i);
        k = v + n;
    }
    if (rc == OK && keyed && gc_nslots(gc_object(h, id)) != 0)
        rc = raise(r, "NotImplementedError",
                   "gcviz: a list that its sort's key function changes is not modelled");
    if (rc == OK && sort)
        rc = sortable(r, k, n, reverse);
    int computed = gc_temp_count(h) - base; /* keys on the stack */
    for (uint32_t i = 0; i < n; i++)
        ix[i] = reverse ? n - 1 - i : i;
    if (rc == OK && sort)
        merge_sort_keys(r, k, ix, ix + n, n);
    if (rc != FATAL && computed == (int)n && keyed) {
        /* the keys leave the stack, then are released in the order the
         * sort left them (all of them: a key's __del__ may raise) */
        for (uint32_t i = 0; i < n; i++)
            v[n + i] = gc_temp(h, base + i);
        for (uint32_t i = 0; i < n; i++)
            pop(r);
        for (uint32_t i = 0; i < n; i++) {
            int drc = decref(r, v[n + ix[i]]);
            if (drc < 0 && (rc == OK || drc == FATAL))
                rc = drc;
        }
    } else if (rc != FATAL) {
        unwind(r, base); /* keys so far, last first */
    }
    if (rc == OK && reverse)
        for (uint32_t i = 0; i < n / 2; i++) {
            uint32_t t = ix[i];
            ix[i] = ix[n - 1 - i];
            ix[n - 1 - i] = t;
        }
    if (rc < 0 || !sort)
        for (uint32_t i = 0; i < n; i++)
            ix[i] = rc < 0 || !reverse ? i : n - 1 - i;
    /* the items move back (after any the key function appended) */
    for (uint32_t i = 0; i < n && rc != FATAL; i++) {
        int src = chk(r, gc_slot_set(h, id, gc_nslots(gc_object(h, id)), 0, v[ix[i]]));
        if (src < 0)
            rc = src;
    }
    gc_free(v);
    gc_free(ix);
    return rc;
}

/* list.sort's keywords (Argument Clinic: key=None, reverse as an int) of
 * a call whose nargs values end at stack[top], the keywords after npos
 * positional ones: *key (unset: GC_UNBOUND), *reverse. */
static int sort_keywords(LangRun *r, const LangExpr *call, int top, int nargs, int npos,
                         GcValue *key, int *reverse)
{
    for (int i = npos; i < nargs; i++) {
        if (!call->keys || !call->keys[i])
            return raise(r, "TypeError", "sort() takes no positional arguments");
        GcValue v = gc_temp(r->h, top - nargs + i);
        if (strcmp(atom(r, call->keys[i]->atom), "key") == 0) {
            *key = v;
            continue;
        }
        if (strcmp(atom(r, call->keys[i]->atom), "reverse") != 0)
            return raise(r, "TypeError", "sort() got an unexpected keyword argument '%s'",
                         atom(r, call->keys[i]->atom));
        if (GC_VAL_TAG(v) != GC_V_BOOL && GC_VAL_TAG(v) != GC_V_INT)
            return raise(r, "TypeError", "'%s' object cannot be interpreted as an integer",
                         type_name(r, v));
        *reverse = GC_VAL_PAYLOAD(v) != 0;
    }
    return OK;
}

static int call_method(LangRun *r, LangExpr *call, int32_t name, int nargs)
{
    GcHeap *h = r->h;
    int top = gc_temp_count(h);
    GcValue self = gc_temp(h, top - nargs - 1);
    const GcObject *o = obj_of(r, self);
    int kind = o ? o->kind : 0;
    if (call && call->keys && !(kind == GC_KIND_LIST && name == r->a_sort)) {
        /* a method the program defines called on a built-in value (the
         * parser lets keywords through for the program's own names) */
        int32_t i = 0;
        while (i < call->nitems && !call->keys[i])
            i++;
        if (i < call->nitems)
            return raise(r, "TypeError", "%s.%s() takes no keyword arguments", type_name(r, self),
                         atom(r, name));
    }
    if (kind == GC_KIND_LIST && name == r->a_append) {
        TRY(check_args(r, "list.append", nargs, 1, 1));
        GcValue v = gc_temp(h, top - 1);
        gc_incref(h, v);
        TRY(chk(r, gc_slot_set(h, gc_object_id(r->h, o), gc_nslots(o), 0, v)));
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
            if (gc_nslots(o) == 0)
                return raise(r, "IndexError", "pop from empty list");
            uint32_t i = gc_nslots(o) - 1;
            if (nargs == 1) {
                GcValue idx = gc_temp(h, top - 1);
                if (GC_VAL_TAG(idx) != GC_V_INT)
                    return raise(r, "TypeError", "'%s' object cannot be interpreted as an integer",
                                 type_name(r, idx));
                int64_t k = GC_VAL_PAYLOAD(idx);
                if (k < 0)
                    k += gc_nslots(o);
                if (k < 0 || k >= (int64_t)gc_nslots(o))
                    return raise(r, "IndexError", "pop index out of range");
                i = (uint32_t)k;
            }
            TRY(chk(r, gc_slot_remove(h, gc_object_id(r->h, o), i, &out)));
        } else {
            TRY(check_args(r, "pop", nargs, 1, r->py ? 2 : 1));
            GcValue k = gc_temp(h, top - nargs);
            TRY(dict_key_ok(r, k));
            int i = dict_find_equal(r, o, k);
            if (i < 0 && nargs == 2) {
                out = gc_temp(h, top - 1);
                gc_incref(h, out);
            } else if (i < 0) {
                char kb[128];
                repr_key(r, k, kb, sizeof kb);
                r->x_arg = k, r->x_arg_kind = 1;
                return raise(r, "KeyError", "%s", kb);
            } else { /* the key released in the pop, the value its result */
                TRY(dict_del_entry(r, gc_object_id(r->h, o), (uint32_t)i, &out));
            }
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
        TRY(slots_clear(r, gc_object_id(r->h, o), kind == GC_KIND_LIST));
        TRY(release_args(r, nargs, 1));
        TRY(push(r, GC_NONE));
        return safe_point(r);
    }
    if (kind == GC_KIND_LIST && (name == r->a_sort || name == r->a_reverse)) {
        if (lang_python(r->p) >= 314)
            return not_measured(r, name == r->a_sort ? "list.sort" : "list.reverse");
        int reverse = 0;
        GcValue key = GC_UNBOUND;
        if (name == r->a_reverse) {
            TRY(check_args(r, "list.reverse", nargs, 0, 0));
            reverse = 1;
        } else {
            TRY(sort_keywords(r, call, top, nargs, 0, &key, &reverse));
        }
        TRY(list_reorder(r, call, gc_object_id(r->h, o), name == r->a_sort, reverse, key));
        TRY(release_args(r, nargs, 1));
        TRY(push(r, GC_NONE));
        return safe_point(r);
    }
    if (r->py)
        return call_method_more(r, name, nargs);
    return raise(r, "AttributeError", "'%s' object has no attribute '%s'", type_name(r, self),
                 atom(r, name));
}

/* ---- .py programs: values as text ---------------------------------------- */

typedef struct TBuf {
    char *s;
    size_t n, cap;
    int oom;
} TBuf;

static void tb_put(TBuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (GC_VEC_RESERVE_Z(b->s, b->n + n + 1, b->cap, 128, gc_realloc) < 0) {
        b->oom = 1;
        return;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void tb_str(TBuf *b, const char *s)
{
    tb_put(b, s, strlen(s));
}

static void tb_fmt(TBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tb_fmt(TBuf *b, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    tb_str(b, buf);
}

/* ---- sequences: lists, tuples, constant tuples, strings ---------------- */

/* A list, a tuple or a constant tuple read item by item (seq_item): a
 * constant's items are parsed into cv (seq_close frees them). */
typedef struct Seq {
    GcId id;     /* the list or tuple object (or dict: keys), 0 for a constant */
    GcValue *cv; /* a constant's items */
    int64_t n;
    int keys; /* a dict's keys (list_extend of a dict) */
} Seq;

/* 1 when v is a list, a tuple or a constant tuple (s filled), 0 when not,
 * FATAL when out of memory. */
static int seq_open(LangRun *r, GcValue v, Seq *s)
{
    memset(s, 0, sizeof *s);
    const GcObject *o = obj_of(r, v);
    if (o && (o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE)) {
        s->id = gc_object_id(r->h, o);
        s->n = gc_nslots(o);
        return 1;
    }
    if (GC_VAL_TAG(v) != GC_V_CONST)
        return 0;
    int32_t a = (int32_t)GC_VAL_PAYLOAD(v);
    size_t len = strlen(atom(r, a));
    s->cv = gc_malloc((len + 1) * sizeof *s->cv);
    int k = s->cv ? const_items(r, a, s->cv, (int)len + 1) : FATAL;
    if (k < 0) {
        gc_free(s->cv);
        s->cv = NULL;
        return fatal(r); /* a constant's repr always reads back */
    }
    s->n = k;
    return 1;
}

static GcValue seq_item(LangRun *r, const Seq *s, int64_t i)
{
    if (!s->id)
        return s->cv[i];
    return s->keys ? gc_slot(gc_object(r->h, s->id), i).key
                   : gc_slot(gc_object(r->h, s->id), i).val;
}

static void seq_close(Seq *s)
{
    gc_free(s->cv);
    s->cv = NULL;
}

/* A str's code points (its atom is UTF-8): how many, and where each
 * starts (off[n] = the byte length; off from gc_malloc, NULL if n is 0
 * and when out of memory: check the return, -1). */
static int64_t utf8_count(const char *s)
{
    int64_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static int64_t utf8_points(const char *s, size_t **off)
{
    size_t bytes = strlen(s);
    int64_t n = utf8_count(s);
    *off = gc_malloc(((size_t)n + 1) * sizeof **off);
    if (!*off)
        return -1;
    int64_t k = 0;
    for (size_t i = 0; i < bytes; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            (*off)[k++] = i;
    (*off)[n] = bytes;
    return n;
}

/* len() of a str: its code points. */
static int64_t str_len(LangRun *r, GcValue v)
{
    return utf8_count(atom(r, (int32_t)GC_VAL_PAYLOAD(v)));
}

/* The code points of str v at start, start + step, ... (len of them),
 * interned: *out.  (CPython's one-character and empty strings are
 * singletons and the rest new objects; a str is a value here.) */
static int str_pick(LangRun *r, GcValue v, int64_t start, int64_t step, int64_t len, GcValue *out)
{
    const char *s = atom(r, (int32_t)GC_VAL_PAYLOAD(v));
    size_t *off;
    if (utf8_points(s, &off) < 0)
        return fatal(r);
    TBuf t = {0};
    tb_str(&t, "");
    for (int64_t i = 0, k = start; i < len; i++, k += i < len ? step : 0)
        tb_put(&t, s + off[k], off[k + 1] - off[k]);
    gc_free(off);
    int32_t a = t.oom ? -1 : gc_strtab_intern(lang_atoms(r->p), t.s, t.n);
    gc_free(t.s);
    if (a < 0)
        return fatal(r);
    *out = GC_MKVAL(GC_V_STR, a);
    return OK;
}

/* BINARY_SUBSCR of a str or a constant tuple: the item in *out. */
static int value_item(LangRun *r, GcValue cont, GcValue sub, GcValue *out)
{
    uint32_t i;
    if (GC_VAL_TAG(cont) == GC_V_STR) {
        if (!is_intlike(sub))
            return raise(r, "TypeError", "string indices must be integers, not '%s'",
                         type_name(r, sub));
        TRY(seq_index(r, "string", str_len(r, cont), sub, &i, "string index out of range"));
        return str_pick(r, cont, i, 1, 1, out);
    }
    Seq s;
    TRY(seq_open(r, cont, &s));
    int rc = seq_index(r, "tuple", s.n, sub, &i, "tuple index out of range");
    if (rc == OK)
        *out = seq_item(r, &s, i);
    seq_close(&s);
    return rc;
}

/* tuple.count / list.count (count 1: how many items equal x) and
 * tuple.index (the first, or ValueError), in *res. */
static int seq_find(LangRun *r, GcValue self, GcValue x, int count, GcValue *res)
{
    Seq s;
    TRY(seq_open(r, self, &s));
    int64_t n = 0, at = -1;
    for (int64_t i = 0; i < s.n && (count || at < 0); i++)
        if (values_equal(r, seq_item(r, &s, i), x, 0)) {
            n++;
            at = at < 0 ? i : at;
        }
    seq_close(&s);
    if (!count && at < 0)
        return raise(r, "ValueError", "tuple.index(x): x not in tuple");
    *res = GC_MKVAL(GC_V_INT, count ? n : at);
    return OK;
}

/* ---- slices: BINARY_SLICE, STORE_SLICE, and BUILD_SLICE 3 with the
 * *_SUBSCR instructions.  The slice object itself is not shown: CPython
 * takes it from a one-object cache (3.14: a free list) filled at start-up
 * and puts it back before any Python code can see it. */

typedef struct Slice {
    int64_t start, stop, step, len;
} Slice;

/* _PyEval_SliceIndex: an int, or a big one clamped (PyNumber_AsSsize_t). */
static int slice_index(LangRun *r, GcValue v, int64_t *out)
{
    if (is_intlike(v))
        *out = GC_VAL_PAYLOAD(v);
    else if (GC_VAL_TAG(v) == GC_V_BIGINT)
        *out = atom(r, (int32_t)GC_VAL_PAYLOAD(v))[0] == '-' ? INT64_MIN : INT64_MAX;
    else
        return raise(r, "TypeError",
                     "slice indices must be integers or None or have an __index__ method");
    return OK;
}

/* PySlice_Unpack and PySlice_AdjustIndices for a sequence of n items:
 * parts are start, stop and, if nparts is 3, step (None when omitted). */
static int slice_of(LangRun *r, const GcValue *parts, int nparts, int64_t n, Slice *s)
{
    s->step = 1;
    if (nparts == 3 && GC_VAL_TAG(parts[2]) != GC_V_NONE) {
        TRY(slice_index(r, parts[2], &s->step));
        if (s->step == 0)
            return raise(r, "ValueError", "slice step cannot be zero");
        if (s->step < -INT64_MAX)
            s->step = -INT64_MAX;
    }
    int back = s->step < 0;
    s->start = back ? INT64_MAX : 0;
    s->stop = back ? INT64_MIN : INT64_MAX;
    if (GC_VAL_TAG(parts[0]) != GC_V_NONE)
        TRY(slice_index(r, parts[0], &s->start));
    if (GC_VAL_TAG(parts[1]) != GC_V_NONE)
        TRY(slice_index(r, parts[1], &s->stop));
    int64_t *ends[2] = {&s->start, &s->stop};
    for (int k = 0; k < 2; k++) {
        int64_t *e = ends[k];
        if (*e < 0) {
            *e += n;
            if (*e < 0)
                *e = back ? -1 : 0;
        } else if (*e >= n) {
            *e = back ? n - 1 : n;
        }
    }
    s->len = 0;
    if (back && s->stop < s->start)
        s->len = (s->start - s->stop - 1) / -s->step + 1;
    else if (!back && s->start < s->stop)
        s->len = (s->stop - s->start - 1) / s->step + 1;
    return OK;
}

/* The slice's parts: the top nparts temporaries. */
static void slice_parts(LangRun *r, int nparts, GcValue *parts)
{
    int top = gc_temp_count(r->h);
    for (int i = 0; i < nparts; i++)
        parts[i] = gc_temp(r->h, top - nparts + i);
}

/* The empty tuple, a singleton (a constant here). */
static int empty_tuple(LangRun *r, GcValue *out)
{
    int32_t a = gc_strtab_intern(lang_atoms(r->p), "()", 2);
    if (a < 0)
        return fatal(r);
    *out = GC_MKVAL(GC_V_CONST, a);
    return OK;
}

/* The items of seq s at sl as a new list or tuple (kind), or for a tuple
 * the tuple itself (whole) or the empty one: list_subscript,
 * tuple_subscript. */
static int slice_new(LangRun *r, GcValue cont, const Seq *s, GcKind kind, const Slice *sl,
                     GcValue *out)
{
    if (kind == GC_KIND_TUPLE && sl->len == 0)
        return empty_tuple(r, out);
    if (kind == GC_KIND_TUPLE && sl->start == 0 && sl->step == 1 && sl->len == s->n) {
        gc_incref(r->h, cont);
        *out = cont;
        return OK;
    }
    GcId id = gc_new(r->h, kind, kind == GC_KIND_TUPLE ? (int32_t)sl->len : 0);
    if (!id)
        return fatal(r);
    for (int64_t i = 0, k = sl->start; i < sl->len; i++, k += i < sl->len ? sl->step : 0) {
        GcValue v = seq_item(r, s, k);
        gc_incref(r->h, v);
        TRY(chk(r, gc_slot_set(r->h, id, (uint32_t)i, 0, v)));
    }
    *out = GC_VAL_OBJ(id);
    return OK;
}

/* [container, start, stop(, step)] -> [container[start:stop(:step)]] */
static int load_slice(LangRun *r, int nparts)
{
    GcValue parts[3], res = GC_NONE;
    slice_parts(r, nparts, parts);
    GcValue cont = gc_temp(r->h, gc_temp_count(r->h) - nparts - 1);
    const GcObject *o = obj_of(r, cont);
    Slice sl;
    Seq s;
    int rc = seq_open(r, cont, &s);
    if (rc > 0) {
        GcKind kind = o && o->kind == GC_KIND_LIST ? GC_KIND_LIST : GC_KIND_TUPLE;
        rc = slice_of(r, parts, nparts, s.n, &sl);
        if (rc == OK)
            rc = slice_new(r, cont, &s, kind, &sl, &res);
        seq_close(&s);
    } else if (rc == 0 && GC_VAL_TAG(cont) == GC_V_STR) {
        rc = slice_of(r, parts, nparts, str_len(r, cont), &sl);
        if (rc == OK)
            rc = str_pick(r, cont, sl.start, sl.step, sl.len, &res);
    } else if (rc == 0) {
        rc = o && o->kind == GC_KIND_DICT
                 ? raise(r, "TypeError", "gcviz: a slice cannot be a dict key")
                 : raise(r, "TypeError", "'%s' object is not subscriptable", type_name(r, cont));
    }
    TRY(rc);
    for (int i = 0; i < nparts; i++)
        TRY(pop_decref(r));
    cont = pop(r);
    TRY(push(r, res));
    return decref(r, cont);
}

/* list_copy, list_slice(a, 0, len): a new list of list id's items. */
static int list_copy(LangRun *r, GcId id, GcValue *out)
{
    int64_t n = gc_nslots(gc_object(r->h, id));
    Seq s = {id, NULL, n, 0};
    Slice whole = {0, n, 1, n};
    return slice_new(r, GC_VAL_OBJ(id), &s, GC_KIND_LIST, &whole, out);
}

/* The items of v that a slice of a list is assigned (PySequence_Fast): a
 * list or a tuple as it is; the list itself (a[i:j] = a) copied first
 * into a new list, pushed as a temporary (*copy 1). */
static int slice_source(LangRun *r, GcValue v, GcId list, Seq *s, int *copy, const char *what)
{
    *copy = 0;
    int rc = seq_open(r, v, s);
    if (rc < 0)
        return rc;
    if (rc == 0) {
        const GcObject *o = obj_of(r, v);
        if (GC_VAL_TAG(v) == GC_V_STR || (o && o->kind == GC_KIND_DICT))
            return raise(r, "TypeError",
                         "gcviz: a slice can be assigned a list or a tuple, not a %s",
                         type_name(r, v));
        return raise(r, "TypeError", "%s", what);
    }
    if (s->id != list)
        return OK;
    GcValue c;
    TRY(list_copy(r, list, &c));
    TRY(push(r, c));
    *copy = 1;
    s->id = GC_VAL_ID(c);
    return OK;
}

/* Releases n values removed from a list (in flight), in the order given
 * (recycle[] last first, or an extended slice's garbage first first). */
static int release_all(LangRun *r, GcValue *vals, int64_t n, int last_first)
{
    int rc = OK;
    for (int64_t k = 0; k < n && rc == OK; k++)
        rc = decref(r, vals[last_first ? n - 1 - k : k]);
    return rc;
}

/* _list_clear and dict.clear: the object emptied at once, then its items
 * released, last first for a list (first first for a dict). */
static int slots_clear(LangRun *r, GcId id, int last_first)
{
    const GcObject *o = gc_object(r->h, id);
    /* a dict's entries give their keys too: each key, then its value */
    uint32_t n = (o->kind == GC_KIND_DICT ? 2 : 1) * gc_nslots(o);
    GcValue *vals = gc_malloc((n ? n : 1) * sizeof *vals);
    if (!vals)
        return fatal(r);
    int rc = chk(r, gc_slots_clear(r->h, id, last_first, vals));
    if (rc == OK)
        rc = release_all(r, vals, n, last_first);
    gc_free(vals);
    return rc;
}

/* The n items of s appended to list id, each a new reference. */
static int append_items(LangRun *r, GcId id, const Seq *s)
{
    for (int64_t i = 0; i < s->n; i++) {
        GcValue v = seq_item(r, s, i);
        gc_incref(r->h, v);
        TRY(chk(r, gc_slot_set(r->h, id, gc_nslots(gc_object(r->h, id)), 0, v)));
    }
    return OK;
}

/* list_ass_slice: items [lo, hi) of list id replaced by src's (NULL:
 * deleted); the items replaced are released after, last first, or, when
 * the list ends up empty, it is cleared (_list_clear: the same order). */
static int assign_slice(LangRun *r, GcId id, int64_t lo, int64_t hi, const Seq *src)
{
    int64_t size = gc_nslots(gc_object(r->h, id)), n = src ? src->n : 0;
    lo = lo < 0 ? 0 : lo > size ? size : lo;
    hi = hi < lo ? lo : hi > size ? size : hi;
    int64_t norig = hi - lo;
    if (size + n - norig == 0)
        return slots_clear(r, id, 1);
    GcValue *old = gc_malloc(((size_t)norig + 1) * sizeof *old);
    if (!old)
        return fatal(r);
    int rc = OK;
    for (int64_t k = norig - 1; k >= 0 && rc == OK; k--)
        rc = chk(r, gc_slot_take(r->h, id, (uint32_t)(lo + k), &old[k]));
    if (rc == OK && norig > 0)
        gc_slots_drop_holes(r->h, id, (uint32_t)lo);
    if (rc == OK)
        rc = chk(r, gc_slots_open(r->h, id, (uint32_t)lo, (uint32_t)n));
    for (int64_t k = 0; k < n && rc == OK; k++) {
        GcValue v = seq_item(r, src, k);
        gc_incref(r->h, v);
        rc = chk(r, gc_slot_set(r->h, id, (uint32_t)(lo + k), 0, v));
    }
    if (rc == OK)
        rc = release_all(r, old, norig, 1);
    gc_free(old);
    return rc;
}

/* list_ass_subscript with a slice whose step is not 1: src's items go to
 * the places of the slice (NULL: those items are deleted); the items
 * replaced are released after, first first. */
static int assign_extended(LangRun *r, GcId id, const Slice *sl, const Seq *src)
{
    if (src && src->n != sl->len)
        return raise(r, "ValueError",
                     "attempt to assign sequence of size %lld to extended slice of size %lld",
                     (long long)src->n, (long long)sl->len);
    if (sl->len <= 0)
        return OK;
    GcValue *old = gc_malloc((size_t)sl->len * sizeof *old);
    if (!old)
        return fatal(r);
    int rc = OK;
    /* an assignment walks the places in the slice's own order, a deletion
     * in increasing order (CPython's garbage[] is released in that order) */
    int back = !src && sl->step < 0;
    int64_t first = back ? sl->start + sl->step * (sl->len - 1) : sl->start;
    int64_t step = back ? -sl->step : sl->step;
    for (int64_t i = 0; i < sl->len && rc == OK; i++) {
        uint32_t k = (uint32_t)(first + i * step);
        rc = chk(r, gc_slot_take(r->h, id, k, &old[i]));
        if (rc == OK && src) {
            GcValue v = seq_item(r, src, i);
            gc_incref(r->h, v);
            rc = chk(r, gc_slot_set(r->h, id, k, 0, v));
        }
    }
    if (rc == OK && !src)
        gc_slots_drop_holes(r->h, id, (uint32_t)first);
    if (rc == OK)
        rc = release_all(r, old, sl->len, 0);
    gc_free(old);
    return rc;
}

/* STORE_SLICE / DELETE_SUBSCR with a slice: [v,] container, start,
 * stop(, step) on the stack (v only when storing: del) -> nothing. */
static int store_slice(LangRun *r, int nparts, int del)
{
    GcValue parts[3];
    slice_parts(r, nparts, parts);
    int top = gc_temp_count(r->h);
    GcValue cont = gc_temp(r->h, top - nparts - 1),
            v = del ? GC_NONE : gc_temp(r->h, top - nparts - 2);
    const GcObject *o = obj_of(r, cont);
    if (!o || o->kind != GC_KIND_LIST) {
        if (o && o->kind == GC_KIND_DICT)
            return raise(r, "TypeError", "gcviz: a slice cannot be a dict key");
        return raise(r, "TypeError",
                     del ? "'%s' object does not support item deletion"
                         : "'%s' object does not support item assignment",
                     type_name(r, cont));
    }
    GcId id = gc_object_id(r->h, o);
    Slice sl;
    TRY(slice_of(r, parts, nparts, gc_nslots(o), &sl));
    Seq src;
    int copy = 0;
    if (!del)
        TRY(slice_source(r, v, id, &src, &copy,
                         sl.step == 1 ? "can only assign an iterable"
                                      : "must assign iterable to extended slice"));
    int rc;
    if (sl.step == 1)
        rc = assign_slice(r, id, sl.start, sl.stop, del ? NULL : &src);
    else
        rc = assign_extended(r, id, &sl, del ? NULL : &src);
    if (!del)
        seq_close(&src);
    if (copy && rc == OK)
        rc = pop_decref(r);
    TRY(rc);
    for (int i = 0; i < nparts; i++)
        TRY(pop_decref(r));
    cont = pop(r);
    if (!del)
        TRY(decref(r, pop(r))); /* Py_DECREF(v), then the container */
    return decref(r, cont);
}

/* Evaluates a slice's parts (start, stop[, step]) onto the stack. */
static int eval_slice_parts(LangRun *r, const Ctx *c, LangExpr *sl)
{
    for (int32_t i = 0; i < sl->nitems; i++)
        TRY(eval(r, c, sl->items[i]));
    return OK;
}

static void tb_repr_str(TBuf *b, const char *s)
{
    char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';
    tb_put(b, &q, 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\\')
            tb_str(b, "\\\\");
        else if (c == '\n')
            tb_str(b, "\\n");
        else if (c == '\t')
            tb_str(b, "\\t");
        else if (c == '\r')
            tb_str(b, "\\r");
        else if (c == (unsigned char)q) {
            tb_put(b, "\\", 1);
            tb_put(b, s, 1);
        } else if (c < 0x20 || c == 0x7f)
            tb_fmt(b, "\\x%02x", c);
        else
            tb_put(b, s, 1);
    }
    tb_put(b, &q, 1);
}

/* Py_ReprEnter, called by list_repr and tuple_repr for a non-empty one
 * and by dict_repr always, makes on its first call the thread state's dict
 * and the "Py_Repr" list in it: two GC allocations that live to the end
 * (measured on 3.12.1 and 3.13.0: count[0] + 2 at the first container repr
 * of a program, + 0 afterwards). */
static void repr_enter(LangRun *r)
{
    if (r->repr_list_made)
        return;
    r->repr_list_made = 1;
    gc_hidden_alloc(r->h, GC_KIND_DICT, 0);
    gc_hidden_alloc(r->h, GC_KIND_LIST, 0);
}

/* str() (repr = 0) or repr() (repr = 1) of v; containers show their items'
 * repr, recursive ones "[...]" as CPython's Py_ReprEnter does.
 * PyObject_Str and PyObject_Repr begin with PyErr_CheckSignals, which runs a
 * scheduled collection (3.12+): one eval-breaker check for v and one for
 * each item a container's repr visits, after its Py_ReprEnter.  A collection
 * there may run a __del__ that changes the container: it is read again by
 * id and index at each item, as list_repr reads ob_item[i] and Py_SIZE. */
static int val_text(LangRun *r, TBuf *b, GcValue v, int repr, int depth, GcId *seen, int nseen)
{
    TRY(safe_point(r));
    switch (GC_VAL_TAG(v)) {
    case GC_V_NONE:
        tb_str(b, "None");
        return OK;
    case GC_V_BOOL:
        tb_str(b, GC_VAL_PAYLOAD(v) ? "True" : "False");
        return OK;
    case GC_V_INT:
        tb_fmt(b, "%lld", (long long)GC_VAL_PAYLOAD(v));
        return OK;
    case GC_V_BIGINT:
        tb_str(b, atom(r, (int32_t)GC_VAL_PAYLOAD(v)));
        return OK;
    case GC_V_STR:
        if (repr)
            tb_repr_str(b, atom(r, (int32_t)GC_VAL_PAYLOAD(v)));
        else
            tb_str(b, atom(r, (int32_t)GC_VAL_PAYLOAD(v)));
        return OK;
    case GC_V_CONST: /* a constant tuple */
        if (strcmp(atom(r, (int32_t)GC_VAL_PAYLOAD(v)), "()") != 0)
            repr_enter(r);
        tb_str(b, atom(r, (int32_t)GC_VAL_PAYLOAD(v)));
        return OK;
    case GC_V_FUNC:
    case GC_V_CLASS: {
        char t[1024];
        code_repr(r, v, t, sizeof t);
        tb_str(b, t);
        return OK;
    }
    case GC_V_OBJ:
        break;
    default:
        tb_str(b, "?");
        return OK;
    }
    GcId id = GC_VAL_ID(v);
    const GcObject *o = gc_object(r->h, id);
    if (o->kind == GC_KIND_INSTANCE && x_obj_class(r, v) >= 0) {
        int k = x_obj_class(r, v);
        if (x_prog_exc(r, v) && x_own_text(r, o->cls))
            return raise(r, "NotImplementedError",
                         "gcviz: an exception class's own __str__ or __repr__ is not modelled");
        if (k == XC_TRACEBACK) {
            tb_fmt(b, "<traceback object at 0x%llx>", fake_addr(v));
            return OK;
        }
        if (k == XC_FRAME)
            return raise(r, "NotImplementedError", "gcviz: the repr of a frame is not modelled");
        if (!repr)
            return x_str(r, v, b);
        GcValue args = x_slot(r, v, "args");
        tb_str(b, x_class_name(r, v));
        if (!GC_VAL_IS_OBJ(args)) {
            tb_str(b, "()"); /* the empty tuple */
            return OK;
        }
        if (gc_nslots(gc_object(r->h, GC_VAL_ID(args))) != 1)
            return val_text(r, b, args, 1, depth + 1, seen, nseen);
        tb_str(b, "(");
        TRY(val_text(r, b, gc_slot(gc_object(r->h, GC_VAL_ID(args)), 0).val, 1, depth + 1, seen,
                     nseen));
        tb_str(b, ")");
        return OK;
    }
    if (o->kind == GC_KIND_INSTANCE) {
        tb_fmt(b, "<__main__.%s object at 0x%llx>", type_name(r, v), fake_addr(v));
        return OK;
    }
    if (o->kind == GC_KIND_WEAKREF) {
        if (o->wr_referent)
            tb_fmt(b, "<weakref at 0x%llx; to '%s' at 0x%llx>", fake_addr(v),
                   gc_type_name(r->h, o->wr_referent), fake_addr(GC_VAL_OBJ(o->wr_referent)));
        else
            tb_fmt(b, "<weakref at 0x%llx; dead>", fake_addr(v));
        return OK;
    }
    if (o->kind == GC_KIND_DICT || gc_nslots(o) > 0)
        repr_enter(r);
    for (int i = 0; i < nseen; i++)
        if (seen[i] == id) {
            tb_str(b, o->kind == GC_KIND_LIST   ? "[...]"
                      : o->kind == GC_KIND_DICT ? "{...}"
                                                : "(...)");
            return OK;
        }
    if (depth > 200 || nseen >= 256) {
        tb_str(b, "...");
        return OK;
    }
    seen[nseen++] = id;
    GcKind kind = (GcKind)o->kind;
    tb_str(b, kind == GC_KIND_LIST ? "[" : kind == GC_KIND_DICT ? "{" : "(");
    uint32_t i = 0;
    for (;; i++) {
        o = gc_object(r->h, id);
        if (o->state != GC_STATE_ALIVE || i >= gc_nslots(o))
            break;
        GcSlot sl = gc_slot(o, i);
        if (i)
            tb_str(b, ", ");
        if (kind == GC_KIND_DICT) {
            TRY(val_text(r, b, sl.key, 1, depth + 1, seen, nseen));
            tb_str(b, ": ");
        }
        TRY(val_text(r, b, sl.val, 1, depth + 1, seen, nseen));
    }
    if (kind == GC_KIND_TUPLE && i == 1)
        tb_str(b, ",");
    tb_str(b, kind == GC_KIND_LIST ? "]" : kind == GC_KIND_DICT ? "}" : ")");
    return OK;
}

static int text_of(LangRun *r, TBuf *b, GcValue v, int repr)
{
    GcId seen[256];
    TRY(val_text(r, b, v, repr, 0, seen, 0));
    return b->oom ? fatal(r) : OK;
}

/* repr_key of an object key (a KeyError's message), cut at n: made
 * without val_text, which counts as running the program (no eval-breaker
 * check can run here, in the middle of a raise). */
static void obj_key_text(LangRun *r, GcValue k, char *buf, size_t n)
{
    const GcObject *o = obj_of(r, k);
    if (o->kind != GC_KIND_TUPLE) {
        snprintf(buf, n, "<__main__.%s object at 0x%llx>", type_name(r, k), fake_addr(k));
        return;
    }
    size_t len = 0;
    char item[128];
    snprintf(buf, n, "(");
    for (uint32_t i = 0; i < gc_nslots(o) && n > 0; i++) {
        len = strlen(buf);
        repr_key(r, gc_slot(o, i).val, item, sizeof item);
        snprintf(buf + len, n - len, "%s%s", i ? ", " : "", item);
    }
    len = strlen(buf);
    snprintf(buf + len, n - len, "%s)", gc_nslots(o) == 1 ? "," : "");
}

/* A bound builtin method object made (alive 1) or freed (0): before 3.14
 * it moves count[0] both ways, from 3.14 on it comes from and goes back to
 * the free list of builtin method objects (measured on 3.15.0rc1: binding
 * [].append twice after gc.collect() moves count[0] by +1 only once). */
static void bound_builtin(LangRun *r, int alive)
{
    if (lang_python(r->p) >= 314)
        gc_hidden_cfunc(r->h, alive);
    else
        gc_count_hidden(r->h, alive ? 1 : -1);
}

/* FORMAT_VALUE of an f-string field without a spec: a str is used as it
 * is, an int goes through PyObject_Str (an eval-breaker check, see
 * val_text), anything else through PyObject_Format's lookup of __format__
 * (a bound builtin method, count[0] + 1 until the call returns) and
 * object.__format__'s PyObject_Str. */
static int format_value(LangRun *r, TBuf *b, GcValue v)
{
    if (GC_VAL_TAG(v) == GC_V_STR) {
        tb_str(b, atom(r, (int32_t)GC_VAL_PAYLOAD(v)));
        return b->oom ? fatal(r) : OK;
    }
    if (GC_VAL_TAG(v) == GC_V_INT || GC_VAL_TAG(v) == GC_V_BIGINT)
        return text_of(r, b, v, 0);
    bound_builtin(r, 1);
    int rc = text_of(r, b, v, 0);
    bound_builtin(r, 0);
    return rc;
}

/* Appends to the program's output; out_announce records what was appended
 * since the last announcement as one print in the history (a print's
 * pieces are written one by one, and a __del__ run by a collection between
 * two of them prints after the first ones). */
static int out_append(LangRun *r, const char *s, size_t n)
{
    if (GC_VEC_RESERVE_Z(r->out, r->nout + n + 1, r->capout, 4096, gc_realloc) < 0)
        return fatal(r);
    memcpy(r->out + r->nout, s, n);
    r->nout += n;
    r->out[r->nout] = 0;
    return OK;
}

static void out_announce(LangRun *r)
{
    if (r->nout > r->nout_announced)
        gc_output_event(r->h, (int64_t)r->nout_announced, (int64_t)r->nout);
    r->nout_announced = r->nout;
}

static int truthy(LangRun *r, GcValue v)
{
    switch (GC_VAL_TAG(v)) {
    case GC_V_BIGINT:
        return 1;
    case GC_V_NONE:
        return 0;
    case GC_V_BOOL:
    case GC_V_INT:
        return GC_VAL_PAYLOAD(v) != 0;
    case GC_V_STR:
        return atom(r, (int32_t)GC_VAL_PAYLOAD(v))[0] != 0;
    case GC_V_CONST:
        return strcmp(atom(r, (int32_t)GC_VAL_PAYLOAD(v)), "()") != 0;
    case GC_V_OBJ: {
        const GcObject *o = gc_object(r->h, GC_VAL_ID(v));
        if (o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE || o->kind == GC_KIND_DICT)
            return gc_nslots(o) > 0;
        return 1;
    }
    default:
        return 1;
    }
}

/* A tuple's length, a built tuple's or a constant's (whose items go to
 * cv; at most 64 of a constant: one with more is equal to no built tuple
 * here), and its item i. */
static int tuple_len(LangRun *r, GcValue t, GcValue *cv)
{
    const GcObject *o = obj_of(r, t);
    return o ? (int)gc_nslots(o) : const_items(r, (int32_t)GC_VAL_PAYLOAD(t), cv, 64);
}

static GcValue tuple_item(LangRun *r, GcValue t, const GcValue *cv, int i)
{
    const GcObject *o = obj_of(r, t);
    return o ? gc_slot(o, (uint32_t)i).val : cv[i];
}

/* A built tuple and a tuple, built or constant: item by item.  Out of
 * memory reading a constant's items fails the heap (the statement then
 * ends the run with status 3, whatever it returns). */
static int tuples_equal(LangRun *r, GcValue a, GcValue b, int depth)
{
    GcValue ca[64], cb[64];
    int n = tuple_len(r, a, ca), m = n == FATAL ? FATAL : tuple_len(r, b, cb);
    if (n == FATAL || m == FATAL)
        gc_fail(r->h, "MemoryError: out of memory");
    if (n < 0 || n != m)
        return 0;
    for (int i = 0; i < n; i++)
        if (!values_equal(r, tuple_item(r, a, ca, i), tuple_item(r, b, cb, i), depth + 1))
            return 0;
    return 1;
}

/* == : values by value, containers item by item, other objects by identity. */
static int values_equal(LangRun *r, GcValue a, GcValue b, int depth)
{
    if (a == b)
        return 1;
    if (is_intlike(a) && is_intlike(b))
        return GC_VAL_PAYLOAD(a) == GC_VAL_PAYLOAD(b);
    if (depth <= 100 && is_tuplelike(r, a) && is_tuplelike(r, b) &&
        (GC_VAL_TAG(a) != GC_V_CONST || GC_VAL_TAG(b) != GC_V_CONST))
        return tuples_equal(r, a, b, depth);
    if (GC_VAL_TAG(a) != GC_VAL_TAG(b) || depth > 100)
        return 0;
    if (GC_VAL_TAG(a) == GC_V_STR || GC_VAL_TAG(a) == GC_V_CONST)
        return strcmp(atom(r, (int32_t)GC_VAL_PAYLOAD(a)), atom(r, (int32_t)GC_VAL_PAYLOAD(b))) ==
               0;
    if (GC_VAL_TAG(a) != GC_V_OBJ)
        return 0;
    const GcObject *x = gc_object(r->h, GC_VAL_ID(a)), *y = gc_object(r->h, GC_VAL_ID(b));
    if (x->kind != y->kind || x->kind == GC_KIND_INSTANCE || x->kind == GC_KIND_WEAKREF ||
        gc_nslots(x) != gc_nslots(y))
        return 0;
    for (uint32_t i = 0; i < gc_nslots(x); i++) {
        if (x->kind == GC_KIND_DICT) {
            int j = dict_find_equal(r, y, gc_slot(x, i).key);
            if (j < 0 || !values_equal(r, gc_slot(x, i).val, gc_slot(y, j).val, depth + 1))
                return 0;
        } else if (!values_equal(r, gc_slot(x, i).val, gc_slot(y, i).val, depth + 1)) {
            return 0;
        }
    }
    return 1;
}

static const char *op_text(int op)
{
    switch (op) {
    case LANG_OP_ADD:
        return "+";
    case LANG_OP_SUB:
        return "-";
    case LANG_OP_MUL:
        return "*";
    case LANG_OP_FLOORDIV:
        return "//";
    case LANG_OP_MOD:
        return "%";
    case LANG_OP_LT:
        return "<";
    case LANG_OP_LE:
        return "<=";
    case LANG_OP_GT:
        return ">";
    case LANG_OP_GE:
        return ">=";
    default:
        return "?";
    }
}

/* ---- ints beyond 59 bits (lang_bigint.c) ---- */

static int is_bigint(GcValue v)
{
    return GC_VAL_TAG(v) == GC_V_BIGINT;
}

static int big_of(LangRun *r, GcValue v, LBig *out)
{
    int rc = is_bigint(v) ? lbig_from_text(out, atom(r, (int32_t)GC_VAL_PAYLOAD(v)))
                          : lbig_from_i128(out, GC_VAL_PAYLOAD(v));
    return rc < 0 ? fatal(r) : OK;
}

/* Pushes a (and frees it): a GC_V_INT when it fits, else the atom of its
 * decimal text. */
static int push_big(LangRun *r, LBig *a)
{
    int64_t small;
    if (lbig_fits(a, GC_INT_MAX - 1, &small)) {
        lbig_free(a);
        return push(r, GC_MKVAL(GC_V_INT, small));
    }
    if (lbig_digits(a) > LBIG_MAX_DIGITS) {
        lbig_free(a);
        return raise(r, "OverflowError", "int too large for gcviz (more than %d digits)",
                     LBIG_MAX_DIGITS);
    }
    char *t = lbig_to_text(a);
    lbig_free(a);
    int32_t at = t ? gc_strtab_intern(lang_atoms(r->p), t, strlen(t)) : -1;
    gc_free(t);
    if (at < 0)
        return fatal(r);
    return push(r, GC_MKVAL(GC_V_BIGINT, at));
}

static int push_int(LangRun *r, __int128 v)
{
    if (v >= GC_INT_MAX || v <= -GC_INT_MAX) {
        LBig a;
        if (lbig_from_i128(&a, v) < 0)
            return fatal(r);
        return push_big(r, &a);
    }
    return push(r, GC_MKVAL(GC_V_INT, (int64_t)v));
}

/* a OP b for ints one of which is big; pops both (ints own no reference).
 * Comparisons push a bool. */
static int big_op(LangRun *r, int op, GcValue av, GcValue bv)
{
    LBig a, b, q = {0, 0, NULL}, m = {0, 0, NULL};
    TRY(big_of(r, av, &a));
    if (big_of(r, bv, &b) < 0) {
        lbig_free(&a);
        return FATAL;
    }
    int rc = 0, cmp = 0, keep = 0;
    switch (op) {
    case LANG_OP_ADD:
        rc = lbig_add(&q, &a, &b);
        break;
    case LANG_OP_SUB:
        rc = lbig_sub(&q, &a, &b);
        break;
    case LANG_OP_MUL:
        rc = lbig_mul(&q, &a, &b);
        break;
    case LANG_OP_FLOORDIV:
    case LANG_OP_MOD:
        if (b.n == 0) {
            lbig_free(&a);
            lbig_free(&b);
            return raise(r, "ZeroDivisionError", "%s", zero_div_text(r, op));
        }
        rc = lbig_divmod(&q, &m, &a, &b);
        if (rc == 0 && op == LANG_OP_MOD) {
            lbig_free(&q);
            q = m;
            m.d = NULL;
        }
        lbig_free(&m);
        break;
    default:
        cmp = lbig_cmp(&a, &b);
        keep = 1;
        break;
    }
    lbig_free(&a);
    lbig_free(&b);
    if (rc < 0)
        return fatal(r);
    pop(r);
    pop(r);
    if (!keep)
        return push_big(r, &q);
    int res = op == LANG_OP_LT   ? cmp < 0
              : op == LANG_OP_LE ? cmp <= 0
              : op == LANG_OP_GT ? cmp > 0
                                 : cmp >= 0;
    return push(r, GC_MKVAL(GC_V_BOOL, res));
}

/* [a, b] -> [the string built in t] (t freed). */
static int push_str_result(LangRun *r, TBuf *t)
{
    int32_t s = t->oom ? -1 : gc_strtab_intern(lang_atoms(r->p), t->s, t->n);
    gc_free(t->s);
    if (s < 0)
        return fatal(r);
    pop(r);
    pop(r);
    return push(r, GC_MKVAL(GC_V_STR, s));
}

/* BINARY_OP: [a, b] -> [a OP b] */
/* ---- + and * of lists and tuples ----------------------------------------- */

#define SEQ_MAX_ITEMS LANG_MAX_RANGE

/* GC_KIND_LIST, GC_KIND_TUPLE (a constant one too), or -1. */
static int seq_kind(LangRun *r, GcValue v)
{
    const GcObject *o = obj_of(r, v);
    if (o && (o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE))
        return o->kind;
    return GC_VAL_TAG(v) == GC_V_CONST ? GC_KIND_TUPLE : -1;
}

/* A new list or tuple (kind) of the items of a, then of b (b may be
 * NULL), times copies: list_concat, tupleconcat, list_repeat,
 * tuple_repeat.  An empty tuple is the singleton. */
static int seq_build(LangRun *r, GcKind kind, const Seq *a, const Seq *b, int64_t times,
                     GcValue *out)
{
    int64_t n = (a->n + (b ? b->n : 0)) * times;
    if (kind == GC_KIND_TUPLE && n == 0)
        return empty_tuple(r, out);
    GcId id = gc_new(r->h, kind, kind == GC_KIND_TUPLE ? (int32_t)n : 0);
    if (!id)
        return fatal(r);
    uint32_t k = 0;
    for (int64_t t = 0; t < times; t++)
        for (int s = 0; s < 2; s++) {
            const Seq *q = s == 0 ? a : b;
            for (int64_t i = 0; q && i < q->n; i++) {
                GcValue v = seq_item(r, q, i);
                gc_incref(r->h, v);
                TRY(chk(r, gc_slot_set(r->h, id, k++, 0, v)));
            }
        }
    *out = GC_VAL_OBJ(id);
    return OK;
}

/* sequence_repeat's count: an int, else TypeError; a big one does not fit. */
static int repeat_count(LangRun *r, GcValue n, int64_t size, int64_t *out)
{
    if (GC_VAL_TAG(n) == GC_V_BIGINT)
        return raise(r, "OverflowError", "cannot fit 'int' into an index-sized integer");
    if (!is_intlike(n))
        return raise(r, "TypeError", "can't multiply sequence by non-int of type '%s'",
                     type_name(r, n));
    *out = GC_VAL_PAYLOAD(n);
    if (size > 0 && *out > 0 && *out > SEQ_MAX_ITEMS / size)
        return raise(r, "MemoryError", "gcviz: a sequence of more than %d items", SEQ_MAX_ITEMS);
    return OK;
}

/* a + b and a * n, n * a with a list or a tuple: the result in *out; 0
 * when neither operand is one (*out untouched: the caller raises). */
static int seq_binop(LangRun *r, int op, GcValue a, GcValue b, GcValue *out, int *mine)
{
    int ka = seq_kind(r, a), kb = seq_kind(r, b);
    *mine = op == LANG_OP_ADD ? ka >= 0 : op == LANG_OP_MUL && (ka >= 0 || kb >= 0);
    if (!*mine)
        return OK;
    if (op == LANG_OP_ADD && kb != ka)
        return raise(r, "TypeError", "can only concatenate %s (not \"%s\") to %s", type_name(r, a),
                     type_name(r, b), type_name(r, a));
    GcValue sv = ka >= 0 ? a : b, nv = ka >= 0 ? b : a;
    GcKind kind = (GcKind)(ka >= 0 ? ka : kb);
    Seq x, y;
    TRY(seq_open(r, sv, &x));
    int64_t times = 1;
    int rc = op == LANG_OP_MUL ? repeat_count(r, nv, x.n, &times) : seq_open(r, b, &y);
    if (rc < 0) {
        seq_close(&x);
        return rc;
    }
    if (op == LANG_OP_ADD && kind == GC_KIND_TUPLE && (x.n == 0 || y.n == 0)) {
        *out = y.n == 0 ? a : b; /* the other tuple itself */
        gc_incref(r->h, *out);
    } else if (op == LANG_OP_MUL && kind == GC_KIND_TUPLE && (x.n == 0 || times == 1)) {
        *out = sv;
        gc_incref(r->h, *out);
    } else {
        rc = seq_build(r, kind, &x, op == LANG_OP_ADD ? &y : NULL, times < 0 ? 0 : times, out);
    }
    seq_close(&x);
    if (op == LANG_OP_ADD)
        seq_close(&y);
    return rc < 0 ? rc : OK;
}

/* The items of src appended to list id (list_extend: a list, a tuple or
 * a dict's keys), or TypeError. */
static int list_extend_from(LangRun *r, GcId id, GcValue src)
{
    const GcObject *so = obj_of(r, src);
    Seq s = {0, NULL, 0, 0};
    int rc = 1;
    if (so && so->kind == GC_KIND_DICT)
        s = (Seq){gc_object_id(r->h, so), NULL, gc_nslots(so), 1};
    else
        rc = seq_open(r, src, &s);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return raise(r, "TypeError", "'%s' object is not iterable", type_name(r, src));
    rc = append_items(r, id, &s);
    seq_close(&s);
    return rc;
}

/* list += x (list_inplace_concat: extend), list *= n
 * (list_inplace_repeat: cleared, last first, when n < 1): the list itself
 * is the result.  [list, x] -> [list]; else as binary_op. */
static int inplace_op(LangRun *r, int op)
{
    int top = gc_temp_count(r->h);
    GcValue a = gc_temp(r->h, top - 2), b = gc_temp(r->h, top - 1);
    const GcObject *o = obj_of(r, a);
    if (!o || o->kind != GC_KIND_LIST || (op != LANG_OP_ADD && op != LANG_OP_MUL)) {
        r->inplace = 1; /* "for +=:" in its TypeError */
        int rc = binary_op(r, op);
        r->inplace = 0;
        return rc;
    }
    GcId id = gc_object_id(r->h, o);
    if (op == LANG_OP_ADD) {
        TRY(list_extend_from(r, id, b));
    } else {
        int64_t size = gc_nslots(o), n;
        TRY(repeat_count(r, b, size, &n));
        Seq self = {id, NULL, size, 0}; /* its items before the copies */
        if (size > 0 && n < 1)
            TRY(slots_clear(r, id, 1));
        for (int64_t t = 1; size > 0 && t < n; t++)
            TRY(append_items(r, id, &self));
    }
    gc_incref(r->h, a);
    return replace_two(r, a);
}

static int binary_op(LangRun *r, int op)
{
    int n = gc_temp_count(r->h);
    GcValue a = gc_temp(r->h, n - 2), b = gc_temp(r->h, n - 1);
    if ((is_bigint(a) || is_bigint(b)) && (is_intlike(a) || is_bigint(a)) &&
        (is_intlike(b) || is_bigint(b)))
        return big_op(r, op, a, b);
    if (is_intlike(a) && is_intlike(b)) {
        int64_t x = GC_VAL_PAYLOAD(a), y = GC_VAL_PAYLOAD(b);
        __int128 res;
        switch (op) {
        case LANG_OP_ADD:
            res = (__int128)x + y;
            break;
        case LANG_OP_SUB:
            res = (__int128)x - y;
            break;
        case LANG_OP_MUL:
            res = (__int128)x * y;
            break;
        case LANG_OP_FLOORDIV:
        case LANG_OP_MOD: {
            if (y == 0)
                return raise(r, "ZeroDivisionError", "%s", zero_div_text(r, op));
            int64_t q = x / y, m = x % y;
            if (m != 0 && ((m < 0) != (y < 0))) {
                q -= 1;
                m += y;
            }
            res = op == LANG_OP_MOD ? m : q;
            break;
        }
        default:
            return raise(r, "SystemError", "bad operator");
        }
        pop(r);
        pop(r);
        return push_int(r, res);
    }
    if (op == LANG_OP_ADD && GC_VAL_TAG(a) == GC_V_STR && GC_VAL_TAG(b) == GC_V_STR) {
        TBuf t = {0};
        tb_str(&t, atom(r, (int32_t)GC_VAL_PAYLOAD(a)));
        tb_str(&t, atom(r, (int32_t)GC_VAL_PAYLOAD(b)));
        return push_str_result(r, &t);
    }
    if (op == LANG_OP_MUL && ((GC_VAL_TAG(a) == GC_V_STR && is_intlike(b)) ||
                              (is_intlike(a) && GC_VAL_TAG(b) == GC_V_STR))) {
        GcValue sv = GC_VAL_TAG(a) == GC_V_STR ? a : b;
        int64_t k = GC_VAL_PAYLOAD(GC_VAL_TAG(a) == GC_V_STR ? b : a);
        const char *str = atom(r, (int32_t)GC_VAL_PAYLOAD(sv));
        if (k > 0 && (int64_t)strlen(str) * k > 1000000)
            return raise(r, "MemoryError", "string too long for gcviz");
        TBuf t = {0};
        tb_str(&t, "");
        for (int64_t i = 0; i < k; i++)
            tb_str(&t, str);
        return push_str_result(r, &t);
    }
    int mine;
    GcValue res;
    TRY(seq_binop(r, op, a, b, &res, &mine));
    if (mine)
        return replace_two(r, res);
    if (op == LANG_OP_ADD && GC_VAL_TAG(a) == GC_V_STR)
        return raise(r, "TypeError", "can only concatenate str (not \"%s\") to str",
                     type_name(r, b));
    return raise(r, "TypeError", "unsupported operand type(s) for %s%s: '%s' and '%s'", op_text(op),
                 r->inplace ? "=" : "", type_name(r, a), type_name(r, b));
}

/* "in" : is a in container b?  Returns 0/1, or EXC. */
static int contains(LangRun *r, GcValue item, GcValue cont)
{
    if (GC_VAL_TAG(cont) == GC_V_STR) {
        if (GC_VAL_TAG(item) != GC_V_STR)
            return raise(r, "TypeError", "'in <string>' requires string as left operand, not %s",
                         type_name(r, item));
        return strstr(atom(r, (int32_t)GC_VAL_PAYLOAD(cont)),
                      atom(r, (int32_t)GC_VAL_PAYLOAD(item))) != NULL;
    }
    const GcObject *o = obj_of(r, cont);
    if (o && o->kind == GC_KIND_DICT) {
        TRY(dict_key_ok(r, item));
        return dict_find_equal(r, o, item) >= 0;
    }
    if (o && (o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE)) {
        for (uint32_t i = 0; i < gc_nslots(o); i++)
            if (values_equal(r, gc_slot(o, i).val, item, 0))
                return 1;
        return 0;
    }
    if (GC_VAL_TAG(cont) == GC_V_CONST) { /* x in (1, 2) and x in [1, 2] (see fold_iter) */
        GcValue cv[256];
        int n = const_items(r, (int32_t)GC_VAL_PAYLOAD(cont), cv, 256);
        if (n == FATAL)
            return FATAL;
        if (n < 0)
            return raise(r, "TypeError",
                         "gcviz: 'in' on a constant tuple of more than 256 items is not supported");
        for (int i = 0; i < n; i++)
            if (values_equal(r, cv[i], item, 0))
                return 1;
        return 0;
    }
    return raise(r, "TypeError", "argument of type '%s' is not iterable", type_name(r, cont));
}

/* COMPARE_OP / IS_OP / CONTAINS_OP: [a, b] -> [bool] */
/* `a is b` for two equal ints is known only for CPython's cached small ints
 * (-5..256, -5..1024 from 3.15): for others the answer depends on where
 * each int object was made (one constant of the code, or two results of
 * arithmetic), and gcviz's ints are values, not objects.  Refused rather
 * than guessed. */
static int int_identity_check(LangRun *r, GcValue a, GcValue b)
{
    if (a != b)
        return OK;
    int64_t hi = gc_globals(r->h)->python >= 315 ? 1024 : 256;
    int64_t v = GC_VAL_PAYLOAD(a);
    if (GC_VAL_TAG(a) == GC_V_BIGINT || (GC_VAL_TAG(a) == GC_V_INT && (v < -5 || v > hi)))
        return raise(r, "TypeError",
                     "gcviz: 'is' between two equal ints outside CPython's small-int cache (-5 "
                     "to %lld) is not supported: CPython's answer depends on where each int "
                     "was made (compare ints with ==)",
                     (long long)hi);
    return OK;
}

static int compare_op(LangRun *r, int op)
{
    int n = gc_temp_count(r->h);
    GcValue a = gc_temp(r->h, n - 2), b = gc_temp(r->h, n - 1);
    int res;
    switch (op) {
    case LANG_OP_EQ:
        res = values_equal(r, a, b, 0);
        break;
    case LANG_OP_NE:
        res = !values_equal(r, a, b, 0);
        break;
    case LANG_OP_IS:
        TRY(int_identity_check(r, a, b));
        res = a == b || (is_intlike(a) && is_intlike(b) && GC_VAL_TAG(a) == GC_VAL_TAG(b) &&
                         GC_VAL_PAYLOAD(a) == GC_VAL_PAYLOAD(b));
        break;
    case LANG_OP_IS_NOT:
        TRY(int_identity_check(r, a, b));
        res = !(a == b);
        break;
    case LANG_OP_IN:
    case LANG_OP_NOT_IN:
        res = contains(r, a, b);
        if (res < 0)
            return res;
        if (op == LANG_OP_NOT_IN)
            res = !res;
        break;
    default:
        if ((is_bigint(a) || is_bigint(b)) && (is_intlike(a) || is_bigint(a)) &&
            (is_intlike(b) || is_bigint(b)))
            return big_op(r, op, a, b);
        if (is_intlike(a) && is_intlike(b)) {
            int64_t x = GC_VAL_PAYLOAD(a), y = GC_VAL_PAYLOAD(b);
            res = op == LANG_OP_LT   ? x < y
                  : op == LANG_OP_LE ? x <= y
                  : op == LANG_OP_GT ? x > y
                                     : x >= y;
        } else if (GC_VAL_TAG(a) == GC_V_STR && GC_VAL_TAG(b) == GC_V_STR) {
            int c =
                strcmp(atom(r, (int32_t)GC_VAL_PAYLOAD(a)), atom(r, (int32_t)GC_VAL_PAYLOAD(b)));
            res = op == LANG_OP_LT   ? c < 0
                  : op == LANG_OP_LE ? c <= 0
                  : op == LANG_OP_GT ? c > 0
                                     : c >= 0;
        } else {
            return raise(r, "TypeError", "'%s' not supported between instances of '%s' and '%s'",
                         op_text(op), type_name(r, a), type_name(r, b));
        }
    }
    /* COMPARE_OP, IS_OP and CONTAINS_OP: DECREF_INPUTS drops the left
     * operand first; from 3.14 on the right one first (measured on
     * 3.15.0rc1: Item("left") is Item("right") finalizes right, then left) */
    GcValue right = pop(r), left = pop(r);
    int right_first = lang_python(r->p) >= 314;
    int rc = decref(r, right_first ? right : left);
    int rc2 = decref(r, right_first ? left : right);
    TRY(rc < 0 ? rc : rc2);
    return push(r, GC_MKVAL(GC_V_BOOL, res != 0));
}

/* ---- .py programs: classes ---------------------------------------------- */

/* The class attribute (constant or method) named a on class k or a base:
 * returns the class that has it and its index in attrs, or -1. */
static int32_t class_lookup(LangRun *r, int32_t k, int32_t a, int *at)
{
    for (int guard = 0; k >= 0 && guard < 1000; guard++) {
        const LangClass *c = lang_class(r->p, k);
        for (int32_t i = 0; i < c->nattrs; i++)
            if (c->attrs[i].name == a) {
                *at = i;
                return k;
            }
        k = c->base;
    }
    return -1;
}

static int32_t class_of(LangRun *r, GcValue v)
{
    const GcObject *o = obj_of(r, v);
    return o && o->kind == GC_KIND_INSTANCE && o->cls < r->xcls0 ? o->cls : -1;
}

static int is_subclass(LangRun *r, int32_t k, int32_t base)
{
    for (int guard = 0; k >= 0 && guard < 1000; guard++) {
        if (k == base)
            return 1;
        k = lang_class(r->p, k)->base;
    }
    return 0;
}

/* ---- .py programs: builtins and module functions ------------------------ */

/* sys.stdout is an io.TextIOWrapper on a pipe or file (block-buffered):
 * write() keeps the first text written since the last flush, then a list
 * of them (a GC object, from the list free list), flushed (the list
 * freed) when 8192 bytes are pending (_io_TextIOWrapper_write_impl). */
#define STDOUT_CHUNK 8192

static void stdout_flush(LangRun *r)
{
    if (r->out_pending == 2) {
        gc_hidden_free(r->h, GC_KIND_LIST, 0);
        gc_hidden_one(r->h, 0);
    }
    r->out_pending = 0;
    r->out_pending_bytes = 0;
}

static void stdout_write(LangRun *r, size_t n)
{
    if (r->out_pending && r->out_pending_bytes + (int64_t)n > STDOUT_CHUNK)
        stdout_flush(r);
    if (!r->out_pending) {
        r->out_pending = 1;
        r->out_pending_bytes = 0;
    } else if (r->out_pending == 1) {
        gc_hidden_alloc(r->h, GC_KIND_LIST, 0);
        gc_hidden_one(r->h, 1);
        r->out_pending = 2;
    }
    r->out_pending_bytes += (int64_t)n;
    if (r->out_pending_bytes >= STDOUT_CHUNK)
        stdout_flush(r);
}

/* One PyFile_WriteObject of print (an item, a separator or the end):
 * file.write bound (a builtin method object, count[0] + 1, which may
 * schedule a collection), PyObject_Str of the piece (an eval-breaker check
 * first, see val_text), the write, the bound method freed.  A None piece is
 * the default separator or end, dflt. */
static int print_piece(LangRun *r, GcValue v, const char *dflt)
{
    bound_builtin(r, 1);
    TBuf t = {0};
    tb_str(&t, "");
    int rc = GC_VAL_TAG(v) == GC_V_NONE && dflt ? safe_point(r) : text_of(r, &t, v, 0);
    if (GC_VAL_TAG(v) == GC_V_NONE && dflt)
        tb_str(&t, dflt);
    if (rc == OK && t.oom)
        rc = fatal(r);
    if (rc == OK) {
        stdout_write(r, t.n);
        rc = out_append(r, t.s, t.n);
    }
    gc_free(t.s);
    bound_builtin(r, 0);
    return rc;
}

static int call_print(LangRun *r, LangExpr *e, int nargs)
{
    GcHeap *h = r->h;
    int top = gc_temp_count(h);
    /* the keyword values were pushed after the positional ones, in order;
     * None stands for the default " " and "\n" */
    GcValue sepv = GC_NONE, endv = GC_NONE;
    int npos = 0;
    for (int i = 0; i < nargs; i++) {
        GcValue v = gc_temp(h, top - nargs + i);
        if (e->keys && e->keys[i]) {
            const char *k = atom(r, e->keys[i]->atom);
            if (GC_VAL_TAG(v) == GC_V_NONE || GC_VAL_TAG(v) == GC_V_STR)
                *(strcmp(k, "sep") == 0 ? &sepv : &endv) = v;
            else
                return raise(r, "TypeError", "%s must be None or a string, not %s", k,
                             type_name(r, v));
        } else {
            npos++;
        }
    }
    /* builtin_print's Argument Clinic code packs the positional arguments
     * in a new tuple (*args; none for print() with no argument: the empty
     * tuple is a singleton), freed when print returns.  From 3.14 on it
     * takes them as an array (measured on 3.15.0rc1: after print("x", 1)
     * a 2-tuple display costs count[0] + 1, on 3.13.0 it reuses print's). */
    int args_tuple = npos > 0 && lang_python(r->p) < 314;
    if (args_tuple)
        gc_hidden_alloc(h, GC_KIND_TUPLE, npos);
    int k = 0, rc = OK;
    for (int i = 0; i < nargs && rc == OK; i++) {
        if (e->keys && e->keys[i])
            continue;
        if (k++)
            rc = print_piece(r, sepv, " ");
        if (rc == OK)
            rc = print_piece(r, gc_temp(h, top - nargs + i), NULL);
    }
    if (rc == OK)
        rc = print_piece(r, endv, "\n");
    out_announce(r);
    if (args_tuple)
        gc_hidden_free(h, GC_KIND_TUPLE, npos);
    TRY(rc);
    TRY(release_args(r, nargs, 0));
    TRY(push(r, GC_NONE));
    return safe_point(r);
}

static int64_t refcount_of(LangRun *r, GcValue v)
{
    if (GC_VAL_IS_OBJ(v))
        return gc_object(r->h, GC_VAL_ID(v))->refcnt;
    /* immortal objects (3.12+): None, bools, small ints, interned strings */
    return 4294967295LL;
}

static int iter_of_value(LangRun *r, int mark, Iter *it);
static int iter_next(LangRun *r, Iter *it, GcValue *item);
static int iter_close(LangRun *r, Iter *it);

/* min(iterable) / max(iterable) and sum(iterable[, start]) (builtin
 * min_max, builtin_sum_impl) over the argument at stack[top - nargs]: its
 * iterator (holding the container: a reference of its own, pushed), then
 * each item compared with the best so far (item first: '<' or '>') or
 * added to the result; the result is pushed.  3.12's min and max are
 * METH_VARARGS: their argument tuple lives through the call. */
/* One item of min(x, key=f) / max(x, key=f) (min_max): [..., best item,
 * best key] (none before the first) + [item, key(item)], the key compared
 * with the best one ('<' or '>'): the better pair stays, the other is
 * released (the old best's key first, CPython's order). */
static int fold_key_step(LangRun *r, LangExpr *e, int32_t name, GcValue key, GcValue item,
                         GcValue *best)
{
    GcHeap *h = r->h;
    int m = gc_temp_count(h);
    int rc = push(r, item);
    gc_incref(h, key);
    if (rc == OK)
        rc = push(r, key);
    gc_incref(h, item);
    if (rc == OK)
        rc = push(r, item);
    if (rc == OK)
        rc = call_value(r, e, m + 1, 1);
    if (rc < 0) {
        if (rc != FATAL)
            unwind(r, m + 1);
        return rc;
    }
    if (*best == GC_UNBOUND) {
        *best = item;
        return OK;
    }
    GcValue val = gc_temp(h, m + 1), bval = gc_temp(h, m - 1);
    gc_incref(h, val);
    gc_incref(h, bval);
    rc = push(r, val);
    if (rc == OK)
        rc = push(r, bval);
    if (rc == OK)
        rc = compare_op(r, name == r->a_min ? LANG_OP_LT : LANG_OP_GT);
    if (rc < 0)
        return rc;
    if (GC_VAL_PAYLOAD(pop(r)) != 0) {
        GcValue oval = gc_temp_take(h, m - 1), oitem = gc_temp_take(h, m - 2);
        *best = item;
        rc = decref(r, oval);
        return rc == OK ? decref(r, oitem) : rc;
    }
    GcValue v = pop(r), it_ = pop(r);
    rc = decref(r, it_);
    return rc == OK ? decref(r, v) : rc;
}

static void free_varargs(GcHeap *h, int npos, int nkw)
{
    gc_hidden_free(h, GC_KIND_TUPLE, npos);
    if (nkw)
        gc_hidden_free(h, GC_KIND_DICT, 0);
}

/* long: min, max and sum share the iterator, the argument tuple of 3.12,
 * and the unwinding of every error on the way, as builtin_min_max and
 * builtin_sum_impl share their iteration */
static int call_fold(LangRun *r, LangExpr *e, int32_t name, int nargs)
{
    GcHeap *h = r->h;
    int top = gc_temp_count(h);
    int is_sum = name == r->a_sum;
    const char *fn = atom(r, name);
    /* min and max's key= (the parser lets no other keyword through):
     * called on each item, the results compared; None is no key */
    int npos = nargs, nkw = 0;
    GcValue key = GC_NONE;
    for (int i = 0; e->keys && i < nargs; i++)
        if (e->keys[i]) {
            key = gc_temp(h, top - nargs + i);
            npos--;
            nkw++;
        }
    int keyed = key != GC_NONE;
    if (is_sum) {
        if (nargs < 1 || nargs > 2)
            return nargs < 1
                       ? raise(r, "TypeError",
                               "sum() takes at least 1 positional argument (0 given)")
                       : raise(r, "TypeError", "sum() takes at most 2 arguments (%d given)", nargs);
    } else {
        if (npos == 0)
            return raise(r, "TypeError", "%s expected at least 1 argument, got 0", fn);
        if (npos > 1)
            return raise(r, "NotImplementedError",
                         "gcviz: %s(a, b, ...) is not modelled; write %s([a, b, ...])", fn, fn);
    }
    /* 3.12's min and max are METH_VARARGS | METH_KEYWORDS
     * (_PyObject_MakeTpCall): the positional arguments in a tuple, then
     * the keywords in a dict, released in that order after the call */
    int args_tuple = !is_sum && lang_python(r->p) < 313;
    if (!is_sum && nkw && !args_tuple && !r->kwtuple_made[name == r->a_max]) {
        /* 3.13's min and max parse keywords with a _PyArg_Parser of their
         * own: its first use makes its tuple of keyword names ('key',
         * 'default'), kept for good (measured: count[0] + 1 at the first
         * min(x, key=f), again at the first max) */
        r->kwtuple_made[name == r->a_max] = 1;
        gc_hidden_alloc(h, GC_KIND_TUPLE, 2);
        gc_hidden_live(h, 1);
        gc_hidden_untrack(h, 1, 0);
    }
    if (args_tuple) {
        gc_hidden_alloc(h, GC_KIND_TUPLE, npos);
        if (nkw)
            gc_hidden_alloc(h, GC_KIND_DICT, 0);
    }
    GcValue cont = gc_temp(h, top - nargs);
    gc_incref(h, cont);
    int rc = push(r, cont);
    Iter it;
    memset(&it, 0, sizeof it);
    it.ncv = -1;
    it.at = it.res_at = -1;
    if (rc == OK)
        rc = iter_of_value(r, top, &it);
    if (rc < 0) {
        if (it.at < 0 && rc != FATAL)
            rc = decref(r, pop(r)) == FATAL ? FATAL : rc;
        if (args_tuple)
            free_varargs(h, npos, nkw);
        return rc;
    }
    if (is_sum && nargs == 2 && GC_VAL_TAG(gc_temp(h, top - 1)) == GC_V_STR) {
        /* checked after the iterator is made, which dies */
        rc = raise(r, "TypeError", "sum() can't sum strings [use ''.join(seq) instead]");
        int rc2 = iter_close(r, &it);
        return rc2 == FATAL ? rc2 : rc;
    }
    /* the result so far above the container: sum's start, or none yet */
    GcValue best = GC_UNBOUND;
    if (is_sum) {
        best = nargs == 2 ? gc_temp(h, top - 1) : GC_MKVAL(GC_V_INT, 0);
        gc_incref(h, best);
        rc = push(r, best);
    }
    GcValue item;
    int more;
    while (rc == OK && (more = iter_next(r, &it, &item)) != 0) {
        if (more < 0) {
            rc = more;
            break;
        }
        if (keyed) {
            rc = fold_key_step(r, e, name, key, item, &best);
            continue;
        }
        if (best == GC_UNBOUND) {
            best = item;
            rc = push(r, item);
            continue;
        }
        if (is_sum) {
            rc = push(r, item);
            if (rc == OK)
                rc = binary_op(r, LANG_OP_ADD);
            if (rc == OK)
                best = gc_temp(h, gc_temp_count(h) - 1);
            continue;
        }
        gc_incref(h, item);
        gc_incref(h, best);
        rc = push(r, item);
        if (rc == OK)
            rc = push(r, item);
        if (rc == OK)
            rc = push(r, best);
        if (rc == OK)
            rc = compare_op(r, name == r->a_min ? LANG_OP_LT : LANG_OP_GT);
        if (rc < 0)
            break;
        int better = GC_VAL_PAYLOAD(pop(r)) != 0;
        item = pop(r);
        if (better) {
            GcValue old = pop(r);
            best = item;
            rc = push(r, item);
            if (rc == OK)
                rc = decref(r, old);
        } else {
            rc = decref(r, item);
        }
    }
    if (rc == OK && best == GC_UNBOUND)
        rc = raise(r, "ValueError", "%s() iterable argument is empty", fn);
    if (rc == OK && keyed)
        rc = pop_decref(r); /* the best key */
    GcValue res = GC_NONE;
    if (rc == OK)
        res = pop(r);
    else
        unwind(r, it.at + 1); /* the item and the best so far */
    int rc2 = iter_close(r, &it);
    if (rc == OK)
        rc = rc2;
    if (args_tuple)
        free_varargs(h, npos, nkw);
    if (rc < 0) {
        if (res != GC_NONE)
            decref(r, res);
        return rc;
    }
    TRY(release_args(r, nargs, 0));
    TRY(push(r, res));
    return safe_point(r);
}

/* list(x), tuple(x) and sorted(x, key=..., reverse=...) of a list, a
 * tuple (a constant one too) or a dict (its keys), the result pushed:
 * list_vectorcall makes its list with PyType_GenericAlloc (never from the
 * free list) and extends it; PySequence_Tuple gives a tuple itself and
 * copies anything else into a new tuple; builtin_sorted extends a list of
 * PyList_New (the free list first), binds its method sort (a builtin
 * method object, count[0] + 1 until the call returns) and calls it with
 * the keywords.  A list that fails is freed before the error leaves. */
static int call_copy(LangRun *r, LangExpr *e, int32_t name, int nargs)
{
    GcHeap *h = r->h;
    int top = gc_temp_count(h);
    const char *fn = atom(r, name);
    int npos = nargs;
    for (int i = 0; e->keys && i < nargs; i++)
        npos -= e->keys[i] != NULL;
    if (name == r->a_sorted ? npos != 1 : nargs > 1)
        return raise(r, "TypeError", "%s expected %s1 argument, got %d", fn,
                     name == r->a_sorted ? "" : "at most ", npos);
    GcValue src = nargs ? gc_temp(h, top - nargs) : GC_UNBOUND;
    const GcObject *so = nargs ? obj_of(r, src) : NULL;
    if (nargs && GC_VAL_TAG(src) == GC_V_STR)
        return raise(r, "NotImplementedError",
                     "gcviz: %s() of a string is not supported (its characters are not modelled)",
                     fn);
    GcValue res = GC_NONE;
    if (name == r->a_tuple) {
        Seq sq;
        int k = 0;
        if (!nargs)
            TRY(empty_tuple(r, &res));
        else if (GC_VAL_TAG(src) == GC_V_CONST || (so && so->kind == GC_KIND_TUPLE)) {
            res = src;
            gc_incref(h, res);
        } else if (so && so->kind == GC_KIND_DICT) {
            sq = (Seq){gc_object_id(h, so), NULL, gc_nslots(so), 1};
            TRY(seq_build(r, GC_KIND_TUPLE, &sq, NULL, 1, &res));
        } else if ((k = seq_open(r, src, &sq)) == 1) {
            int rc = seq_build(r, GC_KIND_TUPLE, &sq, NULL, 1, &res);
            seq_close(&sq);
            TRY(rc);
        } else {
            TRY(k);
            return raise(r, "TypeError", "'%s' object is not iterable", type_name(r, src));
        }
        TRY(release_args(r, nargs, 0));
        TRY(push(r, res));
        return safe_point(r);
    }
    GcId id = gc_new(h, GC_KIND_LIST, name == r->a_list ? GC_NEW_TYPE_ALLOC : 0);
    if (!id)
        return fatal(r);
    TRY(push(r, GC_VAL_OBJ(id)));
    if (nargs)
        TRY(list_extend_from(r, id, src));
    if (name == r->a_sorted) {
        GcValue key = GC_UNBOUND;
        int reverse = 0;
        bound_builtin(r, 1);
        int rc = sort_keywords(r, e, top, nargs, npos, &key, &reverse);
        if (rc == OK)
            rc = list_reorder(r, e, id, 1, reverse, key);
        bound_builtin(r, 0);
        TRY(rc);
    }
    res = pop(r);
    TRY(release_args(r, nargs, 0));
    TRY(push(r, res));
    return safe_point(r);
}

/* A name CPython's object or type gives every object or class ("__init__",
 * "__dict__", ...): not modelled when the program does not define it. */
static int is_dunder(const char *n)
{
    size_t len = strlen(n);
    return len > 4 && n[0] == '_' && n[1] == '_' && n[len - 1] == '_' && n[len - 2] == '_';
}

/* _PyObject_LookupAttr(v, a) of hasattr and getattr(v, a, default): 1
 * found, with *out a new reference (or *method = 1 and nothing in *out:
 * a method of an instance's class, which CPython binds into a new method
 * object); 0 missing (object's and type's getattro suppress the
 * AttributeError: none is made); < 0 raised. */
static int lookup_attr(LangRun *r, const char *fn, GcValue v, int32_t a, GcValue *out, int *method)
{
    *method = 0;
    if (a == r->a_class || (a == r->a_name && GC_VAL_TAG(v) == GC_V_CLASS)) {
        *out = type_of(r, v);
        if (a == r->a_class)
            return 1;
        const char *n = class_name(r, v);
        int32_t sa = gc_strtab_intern(lang_atoms(r->p), n, strlen(n));
        if (sa < 0)
            return fatal(r);
        *out = GC_MKVAL(GC_V_STR, sa);
        return 1;
    }
    if (btype(v) >= 0)
        return btype_refused(r, v);
    const GcObject *o = obj_of(r, v);
    int32_t k = prog_class(v);
    if (o && o->kind == GC_KIND_INSTANCE) {
        GcId holder = 0;
        int i = gc_attr_find(r->h, gc_object_id(r->h, o), a, &holder);
        if (i >= 0) {
            *out = gc_slot(gc_object(r->h, holder), (uint32_t)i).val;
            gc_incref(r->h, *out);
            return 1;
        }
        k = o->cls;
    } else if (k < 0) {
        return raise(r, "NotImplementedError",
                     "gcviz: %s() of a '%s' object is not modelled (only of the instances and "
                     "classes of the program)",
                     fn, type_name(r, v));
    }
    int at;
    int32_t holder = class_lookup(r, k, a, &at);
    if (holder < 0) {
        if (is_dunder(atom(r, a)))
            return raise(r, "NotImplementedError",
                         "gcviz: %s() of '%s', which the program does not define, is not modelled "
                         "(of the attributes every object has only __class__, and a class's "
                         "__name__, are)",
                         fn, atom(r, a));
        return 0;
    }
    *out = r->cattr[holder][at];
    if (*out == GC_UNBOUND) {
        if (prog_class(v) < 0) {
            *method = 1;
            return 1;
        }
        *out = GC_MKVAL(GC_V_FUNC, lang_class(r->p, holder)->attrs[at].func);
    }
    gc_incref(r->h, *out);
    return 1;
}

/* type(x), hasattr(x, name), getattr(x, name[, default]) and setattr(x,
 * name, value) (builtin_type's one-argument form, builtin_hasattr_impl,
 * builtin_getattr, builtin_setattr_impl) on the nargs arguments on the
 * stack; the result is pushed once they are released. */
static int call_attr_builtin(LangRun *r, int32_t name, int nargs)
{
    GcHeap *h = r->h;
    int top = gc_temp_count(h);
    const char *fn = atom(r, name);
    GcValue res = GC_NONE;
    if (name == r->a_type) {
        if (nargs != 1)
            return raise(r, "TypeError", "type() takes 1 or 3 arguments");
        res = type_of(r, gc_temp(h, top - 1));
        TRY(release_args(r, nargs, 0));
        TRY(push(r, res));
        return safe_point(r);
    }
    if (name == r->a_getattr)
        TRY(check_args(r, "getattr", nargs, 2, 3));
    else if (nargs != (name == r->a_setattr ? 3 : 2))
        return raise(r, "TypeError", "%s expected %d arguments, got %d", fn,
                     name == r->a_setattr ? 3 : 2, nargs);
    GcValue v = gc_temp(h, top - nargs), n = gc_temp(h, top - nargs + 1);
    if (GC_VAL_TAG(n) != GC_V_STR)
        return raise(r, "TypeError", "attribute name must be string, not '%s'", type_name(r, n));
    int32_t a = (int32_t)GC_VAL_PAYLOAD(n);
    if (name == r->a_setattr) {
        const GcObject *o = obj_of(r, v);
        if (is_dunder(atom(r, a)))
            return raise(r, "NotImplementedError",
                         "gcviz: setattr() of '%s' is not modelled (write an attribute whose "
                         "name does not start and end with __)",
                         atom(r, a));
        if (o && o->kind == GC_KIND_INSTANCE && x_obj_class(r, v) >= 0)
            return x_attr_refused(r);
        GcValue x = gc_temp(h, top - 1);
        gc_incref(h, x);
        if (o && o->kind == GC_KIND_INSTANCE) {
            TRY(chk(r, gc_setattr(h, GC_VAL_ID(v), a, x)));
        } else if (prog_class(v) >= 0) {
            TRY(push(r, x));
            TRY(push(r, v));
            int rc = store_class_attr(r, prog_class(v), a);
            if (rc < 0) {
                unwind(r, top);
                return rc;
            }
        } else {
            TRY(decref(r, x));
            if (btype(v) >= 0)
                return btype_refused(r, v);
            return raise(r, "NotImplementedError",
                         "gcviz: setattr() of a '%s' object is not modelled (only of the "
                         "instances and classes of the program)",
                         type_name(r, v));
        }
    } else {
        int method = 0;
        int found = lookup_attr(r, fn, v, a, &res, &method);
        TRY(found);
        if (method && lang_python(r->p) >= 314)
            return not_measured(r, "a bound method's object");
        if (method && name == r->a_getattr)
            return raise(
                r, "TypeError",
                "gcviz: bound method objects are not supported; call the method (%s.%s(...))",
                class_name(r, type_of(r, v)), atom(r, a));
        if (method) /* hasattr: PyMethod_New's object, then its Py_DECREF */
            gc_count_hidden(h, 1), gc_count_hidden(h, -1);
        if (name == r->a_hasattr) {
            if (found && !method)
                TRY(decref(r, res));
            res = GC_MKVAL(GC_V_BOOL, found);
        } else if (!found && nargs == 3) {
            res = gc_temp(h, top - 1);
            gc_incref(h, res);
        } else if (!found) {
            TRY(push(r, v));
            gc_incref(h, v);
            return load_attr(r, a); /* its AttributeError */
        }
    }
    TRY(release_args(r, nargs, 0));
    TRY(push(r, res));
    return safe_point(r);
}

/* 3.12's str has no vectorcall: the first time a call site runs str(x)
 * it goes through _PyObject_MakeTpCall, which packs x in a new 1-tuple
 * (from the free list when it has one) that lives through the call; from
 * the second time on the site is specialized (CALL_NO_KW_STR_1 calls
 * PyObject_Str, no tuple).  Measured on 3.12.1: str(5) as a program's
 * first call of a 1-tuple moves count[0] by 1 (print's argument tuple then
 * finds it in the free list), again after each gc.collect() at a new site
 * or a site run once, not at one run before.  1 when the call makes the
 * tuple (counted here; the caller frees it), 0 if not. */
static int str_args_tuple(LangRun *r, const LangExpr *e)
{
    if (!r->py || lang_python(r->p) != 312 || seen_count(r, e) != 1)
        return 0;
    gc_hidden_alloc(r->h, GC_KIND_TUPLE, 1);
    return 1;
}

static int call_builtin(LangRun *r, LangExpr *e, int32_t name, int nargs)
{
    GcHeap *h = r->h;
    int top = gc_temp_count(h);
    GcValue res = GC_NONE;
    if (name == r->a_print)
        return call_print(r, e, nargs);
    if ((name == r->a_abs || name == r->a_min || name == r->a_max || name == r->a_sum) &&
        lang_python(r->p) >= 314)
        return not_measured(r, atom(r, name));
    if (name == r->a_min || name == r->a_max || name == r->a_sum)
        return call_fold(r, e, name, nargs);
    if (name == r->a_type || name == r->a_hasattr || name == r->a_getattr || name == r->a_setattr)
        return call_attr_builtin(r, name, nargs);
    if (name == r->a_sorted || name == r->a_list || name == r->a_tuple) {
        if (lang_python(r->p) >= 314)
            return not_measured(r, atom(r, name));
        return call_copy(r, e, name, nargs);
    }
    if (name == r->a_abs) {
        if (nargs != 1)
            return raise(r, "TypeError", "abs() takes exactly one argument (%d given)", nargs);
        GcValue v = gc_temp(h, top - 1);
        if (GC_VAL_TAG(v) == GC_V_INT || GC_VAL_TAG(v) == GC_V_BOOL) {
            int64_t x = GC_VAL_PAYLOAD(v);
            res = GC_MKVAL(GC_V_INT, x < 0 ? -x : x);
        } else if (GC_VAL_TAG(v) == GC_V_BIGINT) {
            const char *t = atom(r, (int32_t)GC_VAL_PAYLOAD(v));
            int32_t a = t[0] == '-' ? gc_strtab_intern(lang_atoms(r->p), t + 1, strlen(t + 1))
                                    : (int32_t)GC_VAL_PAYLOAD(v);
            if (a < 0)
                return fatal(r);
            res = GC_MKVAL(GC_V_BIGINT, a);
        } else {
            return raise(r, "TypeError", "bad operand type for abs(): '%s'", type_name(r, v));
        }
    } else if (name == r->a_len) {
        TRY(check_args(r, "len", nargs, 1, 1));
        GcValue v = gc_temp(h, top - 1);
        const GcObject *o = obj_of(r, v);
        Seq s;
        if (GC_VAL_TAG(v) == GC_V_STR)
            res = GC_MKVAL(GC_V_INT, str_len(r, v));
        else if (GC_VAL_TAG(v) == GC_V_CONST) {
            TRY(seq_open(r, v, &s)); /* a constant tuple: 1, or out of memory */
            res = GC_MKVAL(GC_V_INT, s.n);
            seq_close(&s);
        } else if (o &&
                   (o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE || o->kind == GC_KIND_DICT))
            res = GC_MKVAL(GC_V_INT, (int64_t)gc_nslots(o));
        else
            return raise(r, "TypeError", "object of type '%s' has no len()", type_name(r, v));
    } else if (name == r->a_str) {
        TRY(check_args(r, "str", nargs, 0, 1));
        int targs = nargs == 1 && str_args_tuple(r, e);
        TBuf t = {0};
        tb_str(&t, "");
        int rc = nargs == 1 ? text_of(r, &t, gc_temp(h, top - 1), 0) : OK;
        if (targs)
            gc_hidden_free(h, GC_KIND_TUPLE, 1);
        int32_t a = rc < 0 || t.oom ? -1 : gc_strtab_intern(lang_atoms(r->p), t.s, t.n);
        gc_free(t.s);
        TRY(rc);
        if (a < 0)
            return fatal(r);
        res = GC_MKVAL(GC_V_STR, a);
    } else if (name == r->a_id) {
        TRY(check_args(r, "id", nargs, 1, 1));
        res = GC_MKVAL(GC_V_INT, (int64_t)(fake_addr(gc_temp(h, top - 1)) & ((1ull << 50) - 1)));
    } else if (name == r->a_isinstance) {
        if (nargs != 2)
            return raise(r, "TypeError", "isinstance expected 2 arguments, got %d", nargs);
        GcValue k = gc_temp(h, top - 1), x = gc_temp(h, top - 2);
        if (GC_VAL_TAG(k) != GC_V_CLASS)
            return raise(r, "TypeError",
                         "gcviz: isinstance() takes a class of the program or a type() as its "
                         "second argument");
        int32_t c = class_of(r, x);
        if (xkind(k) >= 0)
            res = GC_MKVAL(GC_V_BOOL,
                           x_is_exc(r, x) && xkind(k) < NXK && xk_sub(x_obj_class(r, x), xkind(k)));
        else if (btype(k) >= 0)
            res = GC_MKVAL(GC_V_BOOL, type_of(r, x) == k ||
                                          (btype(k) == BT_INT && GC_VAL_TAG(x) == GC_V_BOOL));
        else
            res = GC_MKVAL(GC_V_BOOL, c >= 0 && is_subclass(r, c, prog_class(k)));
    } else if (name == r->a_range) {
        return raise(r, "TypeError", "gcviz: range() is supported only in 'for ... in range(...)'");
    } else {
        return raise(r, "NameError", "name '%s' is not defined", atom(r, name));
    }
    TRY(release_args(r, nargs, 0));
    TRY(push(r, res));
    return safe_point(r);
}

static int make_int_tuple(LangRun *r, const int64_t *v, int n)
{
    GcId t = gc_new(r->h, GC_KIND_TUPLE, n);
    if (!t)
        return fatal(r);
    for (int i = 0; i < n; i++)
        TRY(chk(r, gc_slot_set(r->h, t, (uint32_t)i, 0, GC_MKVAL(GC_V_INT, v[i]))));
    return push(r, GC_VAL_OBJ(t));
}

/* gc.get_referents(*objs) (METH_VARARGS: the argument tuple lives through
 * the call): a new list, then for each argument that is a GC object
 * everything its tp_traverse visits appended (gc_referents; an instance
 * visits its class last, a constant tuple its items last first); an int,
 * str, None or bool is no GC object and adds nothing.  A class or function
 * visits the interpreter's objects (its dict, code, globals): refused. */
static int call_get_referents(LangRun *r, int nargs)
{
    GcHeap *h = r->h;
    int top = gc_temp_count(h);
    /* 3.15.0rc1 measured (l105) for the exceptions of the program's classes only */
    for (int i = 0; i < nargs && lang_python(r->p) >= 314; i++)
        if (!x_prog_exc(r, gc_temp(h, top - nargs + i)))
            return not_measured(r, "gc.get_referents");
    uint32_t room = 1;
    for (int i = 0; i < nargs; i++) {
        GcValue v = gc_temp(h, top - nargs + i);
        const GcObject *o = obj_of(r, v);
        int xk = x_obj_class(r, v);
        if (xk >= 0 && !x_prog_exc(r, v) &&
            (xk >= NXK || xk_sub(xk, XK_ATTRIBUTEERROR) || xk_sub(xk, XK_NAMEERROR)))
            return raise(r, "NotImplementedError",
                         "gcviz: gc.get_referents of an AttributeError, a NameError, a traceback "
                         "or a frame is not modelled (they hold names gcviz does not keep)");
        if (GC_VAL_TAG(v) == GC_V_CLASS || GC_VAL_TAG(v) == GC_V_FUNC)
            return raise(r, "NotImplementedError",
                         "gcviz: gc.get_referents of a %s is not modelled (it visits the "
                         "interpreter's objects: its dict, code, globals)",
                         GC_VAL_TAG(v) == GC_V_FUNC ? "function" : "class");
        Seq sq;
        if (GC_VAL_TAG(v) == GC_V_CONST) {
            TRY(seq_open(r, v, &sq)); /* 1, or out of memory */
            seq_close(&sq);
        }
        uint32_t need = o ? 2 * gc_nslots(o) + 1 : GC_VAL_TAG(v) == GC_V_CONST ? (uint32_t)sq.n : 0;
        room = need > room ? need : room;
    }
    GcValue *vals = gc_malloc(room * sizeof *vals);
    if (!vals)
        return fatal(r);
    int rc = make_args_tuple(r, nargs);
    GcId l = rc == OK ? gc_new(h, GC_KIND_LIST, 0) : 0;
    if (rc == OK && !l)
        rc = fatal(r);
    for (int i = 0; i < nargs && rc == OK; i++) {
        GcValue v = gc_temp(h, top - nargs + i);
        const GcObject *o = obj_of(r, v);
        uint32_t n = 0;
        Seq sq;
        if (o && x_is_exc(r, v)) {
            /* subtype_traverse: the heap type, then BaseException_traverse */
            if (x_prog_exc(r, v))
                vals[n++] = GC_MKVAL(GC_V_CLASS, o->cls);
            uint32_t m = gc_referents(h, GC_VAL_ID(v), vals + 1);
            for (uint32_t j = 1; j <= m; j++)
                if (GC_VAL_IS_OBJ(vals[j]))
                    vals[n++] = vals[j]; /* None: nothing to visit */
        } else if (o) {
            n = gc_referents(h, GC_VAL_ID(v), vals);
            if (o->kind == GC_KIND_INSTANCE)
                vals[n++] = GC_MKVAL(GC_V_CLASS, o->cls);
        } else if (GC_VAL_TAG(v) == GC_V_CONST) {
            int k = seq_open(r, v, &sq); /* 1, or out of memory */
            if (k != 1) {
                rc = k < 0 ? k : fatal(r);
                break;
            }
            for (int64_t j = sq.n; j-- > 0;)
                vals[n++] = seq_item(r, &sq, j);
            seq_close(&sq);
        }
        for (uint32_t k = 0; k < n && rc == OK; k++) {
            gc_incref(h, vals[k]);
            rc = chk(r, gc_slot_set(h, l, gc_nslots(gc_object(h, l)), 0, vals[k]));
        }
    }
    gc_free(vals);
    TRY(rc);
    TRY(drop_args_tuple(r, nargs));
    TRY(release_args(r, nargs, 0));
    TRY(push(r, GC_VAL_OBJ(l)));
    return safe_point(r);
}

/* gc.* functions that lang_exec's call_gc does not know, sys.getrefcount. */
static int call_module_more(LangRun *r, int32_t mod, int32_t name, int nargs, int *handled)
{
    GcHeap *h = r->h;
    int top = gc_temp_count(h);
    const GcGlobals *g = gc_globals(h);
    *handled = 1;
    if (mod == r->a_sys) {
        if (name != r->a_getrefcount)
            return raise(r, "AttributeError",
                         "gcviz: module 'sys' has only getrefcount here, not '%s'", atom(r, name));
        TRY(check_args(r, "sys.getrefcount", nargs, 1, 1));
        GcValue v = gc_temp(h, top - 1);
        if (GC_VAL_TAG(v) == GC_V_FUNC || prog_class(v) >= 0)
            return raise(r, "NotImplementedError",
                         "gcviz: the reference count of a %s is not modelled (only of the objects "
                         "the program makes)",
                         GC_VAL_TAG(v) == GC_V_FUNC ? "function" : "class");
        int64_t n = refcount_of(r, v) - (r->borrowed_arg ? 1 : 0) -
                    (GC_VAL_IS_OBJ(v) && v == r->borrowed_ret ? 1 : 0);
        TRY(release_args(r, nargs, 0));
        TRY(push(r, GC_MKVAL(GC_V_INT, n)));
        return safe_point(r);
    }
    GcValue res = GC_NONE;
    if (name == r->a_isenabled) {
        TRY(check_args(r, "isenabled", nargs, 0, 0));
        res = GC_MKVAL(GC_V_BOOL, g->enabled != 0);
    } else if (name == r->a_get_referents) {
        return call_get_referents(r, nargs);
    } else if (name == r->a_get_freeze_count) {
        TRY(check_args(r, "get_freeze_count", nargs, 0, 0));
        res = GC_MKVAL(GC_V_INT,
                       gc_list(h, GC_LIST_PERMANENT).len + gc_hidden_in(h, GC_LIST_PERMANENT));
    } else if (name == r->a_is_tracked) {
        TRY(check_args(r, "is_tracked", nargs, 1, 1));
        const GcObject *o = obj_of(r, gc_temp(h, top - 1));
        res = GC_MKVAL(GC_V_BOOL, o && o->list != GC_LIST_NONE);
    } else if (name == r->a_get_count || name == r->a_get_threshold) {
        TRY(check_args(r, name == r->a_get_count ? "get_count" : "get_threshold", nargs, 0, 0));
        int64_t v[3];
        for (int i = 0; i < 3; i++)
            v[i] = name == r->a_get_count ? g->count[i] : g->threshold[i];
        /* the values are read, then the tuple is built (Py_BuildValue) */
        TRY(make_int_tuple(r, v, 3));
        return safe_point(r);
    } else {
        *handled = 0;
        return OK;
    }
    TRY(release_args(r, nargs, 0));
    TRY(push(r, res));
    return safe_point(r);
}

/* ---- .py programs: calls ----------------------------------------------- */

static int is_builtin(LangRun *r, int32_t a)
{
    return a == r->a_print || a == r->a_len || a == r->a_str || a == r->a_id ||
           a == r->a_isinstance || a == r->a_range || a == r->a_abs || a == r->a_min ||
           a == r->a_max || a == r->a_sum || a == r->a_sorted || a == r->a_list ||
           a == r->a_tuple || a == r->a_type || a == r->a_hasattr || a == r->a_getattr ||
           a == r->a_setattr;
}

static unsigned module_bit(LangRun *r, int32_t a)
{
    return a == r->a_gc ? IMP_GC : a == r->a_sys ? IMP_SYS : a == r->a_weakref ? IMP_WEAKREF : 0;
}

/* Is name a (the imported module, not shadowed by a variable)? */
static int is_module_name(LangRun *r, const Ctx *c, int32_t a)
{
    unsigned bit = module_bit(r, a);
    return bit && (r->imported & bit) && !is_local(c, a) && gc_var_get(r->h, 0, a) == GC_UNBOUND;
}

/* CPython compiles a display or a call with more than 30 items (its
 * STACK_USE_GUIDELINE) without putting them all on the stack: BUILD_LIST 0
 * and one LIST_APPEND per item (the list exists, and counts, before its
 * items are made), then for a tuple or a call's arguments
 * CALL_INTRINSIC_1 LIST_TO_TUPLE (a new tuple, then the list dies); a call
 * is then a CALL_FUNCTION_EX with that tuple.  Items that are all
 * constants are one constant tuple instead (LOAD_CONST, or BUILD_LIST 0 +
 * LIST_EXTEND, allocating nothing between). */
#define LANG_STACK_USE_GUIDELINE 30

static int is_const_item(const LangExpr *e)
{
    switch (e->kind) {
    case LANG_E_INT:
    case LANG_E_STR:
    case LANG_E_NONE:
    case LANG_E_BOOL:
        return 1;
    case LANG_E_TUPLE:
        return e->is_const;
    case LANG_E_UNARY:
        return e->ival != LANG_OP_NOT && e->base->kind == LANG_E_INT;
    default:
        return 0;
    }
}

static int is_big(const LangExpr *e)
{
    if (e->nitems <= LANG_STACK_USE_GUIDELINE)
        return 0;
    for (int32_t i = 0; i < e->nitems; i++)
        if (!is_const_item(e->items[i]))
            return 1;
    return 0;
}

/* BUILD_LIST 0, then each item evaluated and appended: [] -> [list]. */
static int build_big_list(LangRun *r, const Ctx *c, LangExpr *e)
{
    GcId l = gc_new(r->h, GC_KIND_LIST, 0);
    if (!l)
        return fatal(r);
    TRY(push(r, GC_VAL_OBJ(l)));
    for (int32_t i = 0; i < e->nitems; i++) {
        TRY(eval(r, c, e->items[i]));
        GcValue v = pop(r); /* LIST_APPEND moves it into the list */
        const GcObject *o = gc_object(r->h, l);
        TRY(chk(r, gc_slot_set(r->h, l, gc_nslots(o), 0, v)));
    }
    return OK;
}

/* CALL_INTRINSIC_1 LIST_TO_TUPLE: [list] -> [tuple], the list released. */
static int list_to_tuple(LangRun *r)
{
    GcValue lv = gc_temp(r->h, gc_temp_count(r->h) - 1);
    GcId l = GC_VAL_ID(lv);
    int32_t n = (int32_t)gc_nslots(gc_object(r->h, l));
    GcId t = gc_new(r->h, GC_KIND_TUPLE, n);
    if (!t)
        return fatal(r);
    for (int32_t i = 0; i < n; i++) {
        GcValue v = gc_slot(gc_object(r->h, l), i).val;
        gc_incref(r->h, v);
        TRY(chk(r, gc_slot_set(r->h, t, (uint32_t)i, 0, v)));
    }
    lv = pop(r);
    TRY(push(r, GC_VAL_OBJ(t)));
    return decref(r, lv);
}

/* The argument tuple of a CALL_FUNCTION_EX released (after the callee
 * took what it needs), if the call being made has one. */
static int drop_ex_args(LangRun *r)
{
    if (!r->ex_call)
        return OK;
    GcValue t = r->ex_args;
    r->ex_call = 0;
    r->ex_args = GC_NONE;
    return decref(r, t);
}

/* The arguments of a call, pushed.  ex_ok: the callee is called by name (a
 * function, a class or a builtin), the calls gcviz makes through
 * CALL_FUNCTION_EX when there are more than 30 arguments (lang_py.c
 * refuses the others): then the argument tuple is built as CPython builds
 * it and left in r->ex_args, and its items are pushed as well for the
 * callee's code (new references, released by the callee as usual). */
static int eval_args_ex(LangRun *r, const Ctx *c, LangExpr *e, int mark, int ex_ok)
{
    if (ex_ok && !e->keys && e->nitems > LANG_STACK_USE_GUIDELINE) {
        GcValue t = GC_NONE;
        if (is_big(e)) {
            int rc = build_big_list(r, c, e);
            if (rc == OK)
                rc = list_to_tuple(r);
            if (rc < 0) {
                unwind(r, mark);
                return rc;
            }
            t = pop(r); /* in flight: held by the call */
            const GcObject *o = gc_object(r->h, GC_VAL_ID(t));
            for (uint32_t i = 0; rc == OK && i < gc_nslots(o); i++) {
                GcValue v = gc_slot(gc_object(r->h, GC_VAL_ID(t)), i).val;
                gc_incref(r->h, v);
                rc = push(r, v);
            }
            if (rc < 0) {
                gc_decref(r->h, t);
                unwind(r, mark);
                return rc;
            }
        } else {
            for (int32_t i = 0; i < e->nitems; i++) {
                int rc = eval(r, c, e->items[i]);
                if (rc < 0) {
                    unwind(r, mark);
                    return rc;
                }
            }
        }
        r->ex_call = 1;
        r->ex_args = t;
        return OK;
    }
    for (int32_t i = 0; i < e->nitems; i++) {
        int rc = eval(r, c, e->items[i]);
        if (rc < 0) {
            unwind(r, mark);
            return rc;
        }
    }
    return OK;
}

static int eval_args(LangRun *r, const Ctx *c, LangExpr *e, int mark)
{
    return eval_args_ex(r, c, e, mark, 0);
}

/* Class call: stack [class, args...] -> [instance].  3.12 (and 3.13 before
 * the call site is specialised) calls the type through
 * _PyObject_MakeTpCall: the arguments go into a new tuple, type_call
 * allocates the object and slot_tp_init calls __init__(self, *args) (the
 * frame takes new references); the tuple dies after the call.  3.13's
 * CALL_ALLOC_AND_ENTER_INIT (from the second execution of the call site)
 * moves the arguments into __init__'s frame without a tuple. */
/* [class, args...] at mark -> + [self, args...]: new references to the
 * instance and to the call's arguments, as __init__'s frame takes them. */
static int push_self_args(LangRun *r, GcId id, int mark, int nargs)
{
    GcHeap *h = r->h;
    gc_incref(h, GC_VAL_OBJ(id));
    TRY(push(r, GC_VAL_OBJ(id)));
    for (int i = 0; i < nargs; i++) {
        GcValue v = gc_temp(h, mark + 1 + i);
        gc_incref(h, v);
        TRY(push(r, v));
    }
    return OK;
}

/* The __init__ function class k has or inherits (*init stays -1 if none);
 * an __init__ that is a constant class attribute is not callable. */
static int init_of(LangRun *r, int32_t k, int32_t *init)
{
    int at;
    int32_t owner = class_lookup(r, k, r->a_init, &at);
    if (owner < 0)
        return OK;
    const LangClassAttr *a = &lang_class(r->p, owner)->attrs[at];
    if (a->value)
        return raise(r, "TypeError", "'%s' object is not callable", "int");
    *init = a->func;
    return OK;
}

static int instantiate_call(LangRun *r, LangExpr *call, int32_t k, int nargs, int mark, int ex_call,
                            int ex_tuple);
static int instantiate_kw(LangRun *r, int32_t k, int nargs, int mark, const LangExpr *kw);

static int instantiate(LangRun *r, LangExpr *call, int32_t k, int nargs, const LangExpr *kw)
{
    if (kw)
        return instantiate_kw(r, k, nargs, gc_temp_count(r->h) - nargs - 1, kw);
    GcHeap *h = r->h;
    int mark = gc_temp_count(h) - nargs - 1;
    /* CALL_FUNCTION_EX: type_call gets the call's own argument tuple */
    int ex_call = r->ex_call;
    GcValue ex = r->ex_args;
    r->ex_call = 0;
    r->ex_args = GC_NONE;
    if (ex_call && GC_VAL_IS_OBJ(ex))
        TRY(push(r, ex)); /* [cls, args..., tuple]: unwound with the rest */
    int rc0 = instantiate_call(r, call, k, nargs, mark, ex_call, GC_VAL_IS_OBJ(ex));
    return rc0;
}

/* Calls __init__ with self and nargs arguments pushed (the frame's
 * references): its result must be None.  On an error the stack is unwound
 * to mark. */
static int call_init_kw(LangRun *r, int32_t init, int nargs, int mark, const LangExpr *kw)
{
    int rc = call_function_kw(r, init, nargs + 1, kw);
    if (rc < 0) {
        unwind(r, mark);
        return rc;
    }
    GcValue ret = pop(r);
    if (GC_VAL_TAG(ret) != GC_V_NONE) {
        TRY(decref(r, ret));
        unwind(r, mark);
        return raise(r, "TypeError", "__init__() should return None, not '%s'", type_name(r, ret));
    }
    return OK;
}

static int call_init(LangRun *r, int32_t init, int nargs, int mark)
{
    return call_init_kw(r, init, nargs, mark, NULL);
}

/* The end of a class call: [..., tuple?, obj] (tuple_at: the argument
 * tuple's place, -1 for none) -> [obj]. */
static int instantiate_end(LangRun *r, int nargs, int ex_call, int tuple_at)
{
    GcHeap *h = r->h;
    if (ex_call) {
        /* CALL_FUNCTION_EX releases the class, then the argument tuple
         * (the pushed copies of its items go first: they never hold the
         * last reference, the tuple does) */
        GcValue t = tuple_at >= 0 ? gc_temp_take(h, tuple_at) : GC_NONE;
        GcValue obj = pop(r);
        TRY(release_args(r, nargs, 1));
        TRY(decref(r, t));
        TRY(push(r, obj));
        return safe_point(r);
    }
    /* the argument tuple dies, then CALL releases the arguments and the class */
    if (tuple_at >= 0)
        TRY(decref_args_tuple(r, gc_temp_take(h, tuple_at)));
    GcValue obj = pop(r);
    TRY(release_args(r, nargs, 1));
    TRY(push(r, obj));
    return safe_point(r);
}

/* A class of the program derived from a built-in exception class, called:
 * type_call through _PyObject_MakeTpCall (never specialised: tp_new is
 * BaseException_new), whose argument tuple BaseException_new keeps as the
 * exception's args (measured: `MyError(*t).args is t`; count[0] as
 * ValueError(x)), then the program's __init__ if it has one (it may
 * replace args: Exception.__init__(self, ...)). */
static int x_instantiate(LangRun *r, int32_t k, int nargs, int mark, int ex_call, int ex_tuple)
{
    GcHeap *h = r->h;
    int32_t init = -1, empty = intern(r, "()");
    TRY(init_of(r, k, &init));
    if (empty < 0)
        return fatal(r);
    if (!ex_call)
        TRY(make_args_tuple(r, nargs));
    int tuple_at = (ex_call ? ex_tuple : nargs) ? gc_temp_count(h) - 1 : -1;
    GcValue args = tuple_at >= 0 ? gc_temp(h, tuple_at) : GC_MKVAL(GC_V_CONST, empty);
    GcId id = gc_new(h, GC_KIND_INSTANCE, k);
    if (!id)
        return fatal(r);
    TRY(push(r, GC_VAL_OBJ(id)));
    gc_incref(h, args);
    TRY(x_slot_set(r, GC_VAL_OBJ(id), "args", args));
    TRY(x_slot_set(r, GC_VAL_OBJ(id), "__traceback__", GC_NONE));
    if (init >= 0) {
        TRY(push(r, GC_MKVAL(GC_V_FUNC, init)));
        TRY(push_self_args(r, id, mark, nargs));
        TRY(call_init(r, init, nargs, mark));
    }
    return instantiate_end(r, nargs, ex_call, tuple_at);
}

/* Exception.__init__(self, args...) (any of the built-in exception
 * classes): LOAD_ATTR gives the class's wrapper descriptor itself, which
 * has no vectorcall: _PyObject_MakeTpCall makes the tuple (self, args...),
 * wrapperdescr_call the slice (args...) (no object for none), which
 * BaseException_init makes the exception's args; then the first tuple
 * dies (measured with gc.get_count() after a full collection emptied the
 * free lists, 3.12.1 and 3.13.0).  Stack [class] at mark -> [None]. */
static int x_base_init_call(LangRun *r, int mark, int nargs);

static int x_base_init(LangRun *r, const Ctx *c, LangExpr *e, int mark, int xk)
{
    if (e->keys) {
        unwind(r, mark);
        return raise(r, "NotImplementedError",
                     "gcviz: keyword arguments to %s.__init__ are not modelled", XK[xk].name);
    }
    int nargs = e->nitems, rc = eval_args(r, c, e, mark);
    if (rc < 0) {
        unwind(r, mark);
        return rc;
    }
    GcValue self = nargs > 0 ? gc_temp(r->h, mark + 1) : GC_NONE;
    if (nargs == 0 || !x_is_exc(r, self) || !xk_sub(x_obj_class(r, self), xk)) {
        unwind(r, mark);
        if (nargs == 0)
            return raise(r, "TypeError", "descriptor '__init__' of '%s' object needs an argument",
                         XK[xk].name);
        return raise(r, "TypeError",
                     "descriptor '__init__' requires a '%s' object but received a '%s'",
                     XK[xk].name, type_name(r, self));
    }
    return x_base_init_call(r, mark, nargs);
}

/* The call of a built-in exception class's __init__ descriptor: stack
 * [descriptor, self, args...] (nargs counts self) at mark -> [None]. */
static int x_base_init_call(LangRun *r, int mark, int nargs)
{
    GcValue self = gc_temp(r->h, mark + 1);
    int32_t empty = intern(r, "()");
    if (empty < 0)
        return fatal(r);
    TRY(make_args_tuple(r, nargs));
    GcValue slice = GC_MKVAL(GC_V_CONST, empty);
    if (nargs > 1) {
        GcId t = gc_new(r->h, GC_KIND_TUPLE, nargs - 1);
        if (!t)
            return fatal(r);
        slice = GC_VAL_OBJ(t);
        for (int i = 1; i < nargs; i++) {
            GcValue v = gc_temp(r->h, mark + 1 + i);
            gc_incref(r->h, v);
            TRY(chk(r, gc_slot_set(r->h, t, (uint32_t)i - 1, 0, v)));
        }
    }
    TRY(x_slot_set(r, self, "args", slice));
    TRY(drop_args_tuple(r, nargs));
    TRY(release_args(r, nargs, 1));
    TRY(push(r, GC_NONE));
    return safe_point(r);
}

/* The first call through a super().__init__ site reaching a built-in
 * exception class's __init__: the method-wrapper (bound to self) has no
 * vectorcall, so _PyObject_MakeTpCall packs the arguments in a tuple,
 * which BaseException_init makes the exception's args; CALL then releases
 * the method-wrapper and the arguments.  Stack [descriptor, self,
 * args...] (nargs without self) at mark -> [None]. */
static int x_super_init_wrapper(LangRun *r, int mark, int nargs)
{
    GcValue self = gc_temp(r->h, mark + 1);
    int32_t empty = intern(r, "()");
    if (empty < 0)
        return fatal(r);
    GcValue args = GC_MKVAL(GC_V_CONST, empty);
    if (nargs > 0) {
        TRY(make_args_tuple(r, nargs));
        args = gc_temp(r->h, gc_temp_count(r->h) - 1);
        gc_incref(r->h, args);
    }
    TRY(x_slot_set(r, self, "args", args));
    TRY(drop_args_tuple(r, nargs));
    gc_count_hidden(r->h, -1); /* the method-wrapper */
    TRY(release_args(r, nargs + 1, 1));
    TRY(push(r, GC_NONE));
    return safe_point(r);
}

/* super().name(args...) in method f of class k: LOAD_GLOBAL super,
 * LOAD_DEREF __class__, LOAD_FAST self (the method's first parameter),
 * LOAD_SUPER_ATTR (method form), the arguments, CALL.  A site's first
 * run takes LOAD_SUPER_ATTR's generic path (its adaptive counter starts
 * at 1): a super object is made, the attribute found after k in self's
 * class's MRO is bound to self (a method object for a function of the
 * program, a method-wrapper for a built-in exception class's __init__)
 * and the super object released; CALL unpacks a method object before the
 * frame starts.  Later runs are LOAD_SUPER_ATTR_METHOD: the function (or
 * the wrapper descriptor) and self, nothing made, as Base.name(self, ...)
 * (measured with gc.get_count() on 3.12.1 and 3.13.0). */
static int call_super(LangRun *r, const Ctx *c, LangExpr *e, int mark)
{
    LangExpr *b = e->base;
    int32_t f = (int32_t)b->base->base->ival, k = lang_func(r->p, f)->cls, name = b->atom;
    const LangFunc *fn = lang_func(r->p, f);
    if (lang_python(r->p) >= 314)
        return not_measured(r, "super()");
    if (fn->nparams == 0)
        return raise(r, "RuntimeError", "super(): no arguments");
    int first = seen_count(r, b) == 1;
    int32_t hint = 0;
    TRY(load_name(r, c, fn->params[0], &hint));
    int32_t sk = class_of(r, gc_temp(r->h, mark));
    if (sk < 0 || !is_subclass(r, sk, k)) {
        unwind(r, mark);
        return raise(r, "TypeError",
                     "super(type, obj): obj must be an instance or subtype of type");
    }
    int at = 0, nargs = e->nitems;
    int32_t base = lang_class(r->p, k)->base;
    int32_t holder = base >= 0 ? class_lookup(r, base, name, &at) : -1;
    int xk = r->cls_xk[k];
    const LangClassAttr *a = holder >= 0 ? &lang_class(r->p, holder)->attrs[at] : NULL;
    if (a && (a->value || r->cattr[holder][at] != GC_UNBOUND)) {
        unwind(r, mark);
        return raise(r, "NotImplementedError",
                     "gcviz: super().%s names a class attribute holding a value: not modelled "
                     "(super() calls the methods of the base classes)",
                     atom(r, name));
    }
    if (!a && (xk < 0 || name != r->a_init)) {
        unwind(r, mark);
        if (xk >= 0)
            return raise(r, "NotImplementedError",
                         "gcviz: super().%s reaching the built-in class %s is not modelled "
                         "(super().__init__(...) is)",
                         atom(r, name), XK[xk].name);
        return raise(r, "NotImplementedError",
                     "gcviz: super().%s reaching the built-in class object is not modelled "
                     "(super() calls the methods of the program's base classes)",
                     atom(r, name));
    }
    if (!a && e->keys) {
        unwind(r, mark);
        return raise(r, "NotImplementedError",
                     "gcviz: keyword arguments to %s.__init__ are not modelled", XK[xk].name);
    }
    if (first) {
        gc_count_hidden(r->h, 1); /* the super object */
        gc_count_hidden(r->h, 1); /* the bound method or method-wrapper */
        gc_count_hidden(r->h, -1);
    }
    /* [self] -> [function or descriptor, self, args...] */
    GcValue self = pop(r);
    TRY(push(r, a ? GC_MKVAL(GC_V_FUNC, a->func) : GC_MKVAL(GC_V_CLASS, LANG_XTYPE + xk)));
    TRY(push(r, self));
    int rc = eval_args(r, c, e, mark);
    if (rc < 0) {
        if (first)
            gc_count_hidden(r->h, -1);
        unwind(r, mark);
        return rc;
    }
    if (!a)
        rc = first ? x_super_init_wrapper(r, mark, nargs) : x_base_init_call(r, mark, nargs + 1);
    else {
        if (first)
            gc_count_hidden(r->h, -1); /* CALL unpacks the method object */
        rc = call_function_kw(r, a->func, nargs + 1, e->keys ? e : NULL);
    }
    if (rc < 0)
        unwind(r, mark);
    return rc;
}

static int instantiate_call(LangRun *r, LangExpr *call, int32_t k, int nargs, int mark, int ex_call,
                            int ex_tuple)
{
    GcHeap *h = r->h;
    int32_t init = -1;
    if (r->cls_xk[k] >= 0)
        return x_instantiate(r, k, nargs, mark, ex_call, ex_tuple);
    TRY(init_of(r, k, &init));
    if (init < 0 && nargs > 0)
        return raise(r, "TypeError", "%s() takes no arguments", atom(r, lang_class(r->p, k)->name));
    /* CALL_ALLOC_AND_ENTER_INIT needs the exact argument count (no
     * defaults to fill): measured on 3.13.0 */
    int specialised = !ex_call && r->internals >= 313 && init >= 0 &&
                      nargs + 1 == lang_func(r->p, init)->nparams && seen_count(r, call) > 1;
    if (init >= 0 && specialised) {
        GcId id = gc_new(h, GC_KIND_INSTANCE, k);
        if (!id)
            return fatal(r);
        /* [cls, args...] -> [obj(shim), FUNC, obj, args...] */
        GcValue args[64];
        int na = nargs < 64 ? nargs : 64;
        for (int i = na - 1; i >= 0; i--)
            args[i] = pop(r);
        pop(r); /* the class */
        TRY(push(r, GC_VAL_OBJ(id)));
        TRY(push(r, GC_MKVAL(GC_V_FUNC, init)));
        gc_incref(h, GC_VAL_OBJ(id));
        TRY(push(r, GC_VAL_OBJ(id)));
        for (int i = 0; i < na; i++)
            TRY(push(r, args[i]));
        return call_init(r, init, nargs, mark);
    }
    if (!ex_call)
        TRY(make_args_tuple(r, nargs));
    GcId id = gc_new(h, GC_KIND_INSTANCE, k);
    if (!id)
        return fatal(r);
    TRY(push(r, GC_VAL_OBJ(id)));
    int tuple_at = (ex_call ? ex_tuple : nargs) ? gc_temp_count(h) - 2 : -1;
    if (init >= 0) {
        /* slot_tp_init: __init__(self, *args), the frame's references new */
        TRY(push(r, GC_MKVAL(GC_V_FUNC, init)));
        TRY(push_self_args(r, id, mark, nargs));
        TRY(call_init(r, init, nargs, mark));
    }
    return instantiate_end(r, nargs, ex_call, tuple_at);
}

/* Class call with keyword arguments: stack [class, args..., kwvalues...]
 * -> [instance].  CALL (3.12) / CALL_KW (3.13, never specialised there)
 * calls the type through _PyObject_MakeTpCall: the positional arguments
 * go into a tuple (none: the empty tuple, no object), the keywords into a
 * dict (_PyStack_AsDict, in the call's order); type_call makes the
 * object, then slot_tp_init calls __init__ through _PyObject_Call_Prepend,
 * whose _PyStack_UnpackDict makes a tuple of the keyword names and a new
 * stack [self, args..., values...] (new references) for the vectorcall,
 * and the frame takes references of its own.  After __init__ the unpacked
 * stack is released in order, then the names tuple, then the argument
 * tuple and the dict (measured with the oracle on 3.13.0: ids and frees
 * [names, tuple, dict]; count[0] and sys.getrefcount on 3.12.1 too). */
static int instantiate_kw(LangRun *r, int32_t k, int nargs, int mark, const LangExpr *kw)
{
    GcHeap *h = r->h;
    int nkw = 0;
    for (int32_t i = 0; i < kw->nitems; i++)
        nkw += kw->keys[i] != NULL;
    int npos = nargs - nkw;
    int32_t init = -1;
    if (r->cls_xk[k] >= 0)
        return raise(r, "NotImplementedError",
                     "gcviz: calling an exception class with keyword arguments is not modelled");
    TRY(init_of(r, k, &init));
    if (init < 0)
        return raise(r, "TypeError", "%s() takes no arguments", atom(r, lang_class(r->p, k)->name));
    if (r->internals >= 314)
        return not_measured(r, "a class called with keyword arguments");
    /* [class, args..., values...] + [tuple?, dict] */
    int tuple_at = -1;
    if (npos > 0) {
        GcId t = gc_new(h, GC_KIND_TUPLE, npos);
        if (!t)
            return fatal(r);
        gc_note_args_tuple(h, 0);
        for (int i = 0; i < npos; i++) {
            GcValue v = gc_temp(h, mark + 1 + i);
            gc_incref(h, v);
            TRY(chk(r, gc_slot_set(h, t, (uint32_t)i, 0, v)));
        }
        tuple_at = gc_temp_count(h);
        TRY(push(r, GC_VAL_OBJ(t)));
    }
    GcId d = gc_new(h, GC_KIND_DICT, 0);
    if (!d)
        return fatal(r);
    int dict_at = gc_temp_count(h);
    TRY(push(r, GC_VAL_OBJ(d)));
    for (int i = 0; i < nkw; i++) {
        GcValue v = gc_temp(h, mark + 1 + npos + i);
        GcValue key = GC_MKVAL(GC_V_STR, kw->keys[kw->nitems - nkw + i]->atom);
        gc_incref(h, v);
        TRY(dict_store(r, d, key, v));
    }
    GcId id = gc_new(h, GC_KIND_INSTANCE, k);
    if (!id)
        return fatal(r);
    int obj_at = gc_temp_count(h);
    TRY(push(r, GC_VAL_OBJ(id)));
    /* _PyStack_UnpackDict: [self, args..., values...], then the names */
    int unpack_at = gc_temp_count(h);
    TRY(push_self_args(r, id, mark, nargs));
    GcId names = gc_new(h, GC_KIND_TUPLE, nkw);
    if (!names)
        return fatal(r);
    gc_note_args_tuple(h, 0);
    for (int i = 0; i < nkw; i++)
        TRY(chk(r, gc_slot_set(h, names, (uint32_t)i, 0,
                               GC_MKVAL(GC_V_STR, kw->keys[kw->nitems - nkw + i]->atom))));
    TRY(push(r, GC_VAL_OBJ(names)));
    /* the frame's own references */
    TRY(push(r, GC_MKVAL(GC_V_FUNC, init)));
    for (int i = 0; i < nargs + 1; i++) {
        GcValue v = gc_temp(h, unpack_at + i);
        gc_incref(h, v);
        TRY(push(r, v));
    }
    TRY(call_init_kw(r, init, nargs, mark, kw));
    /* _PyStack_UnpackDict_Free: the stack in order, then the names */
    GcValue nm = pop(r);
    TRY(release_args(r, nargs + 1, 0));
    TRY(decref_args_tuple(r, nm));
    (void)obj_at;
    GcValue obj = pop(r);
    GcValue dv = gc_temp_take(h, dict_at);
    if (tuple_at >= 0)
        TRY(decref_args_tuple(r, gc_temp_take(h, tuple_at)));
    TRY(decref(r, dv));
    TRY(release_args(r, nargs, 1));
    TRY(push(r, obj));
    return safe_point(r);
}

/* Pushes the missing arguments of a call from the function's defaults. */
static int fill_defaults(LangRun *r, int32_t f, int *nargs)
{
    const LangFunc *fn = lang_func(r->p, f);
    int first_default = fn->nparams - fn->ndefaults;
    while (*nargs < fn->nparams && *nargs >= first_default) {
        LangExpr *d = fn->defaults[*nargs - first_default];
        GcValue v = d->kind == LANG_E_NONE   ? GC_NONE
                    : d->kind == LANG_E_BOOL ? GC_MKVAL(GC_V_BOOL, d->ival != 0)
                    : d->kind == LANG_E_INT  ? LANG_INT_VALUE(d)
                    : d->kind == LANG_E_STR  ? GC_MKVAL(GC_V_STR, d->atom)
                                             : GC_MKVAL(GC_V_CONST, d->atom);
        TRY(push(r, v));
        (*nargs)++;
    }
    return OK;
}

/* Calls the weak reference o, [ref] -> [referent or None]. */
static int call_weakref(LangRun *r, const GcObject *o, int nargs)
{
    if (nargs != 0)
        return raise(r, "TypeError", "weakref() takes no arguments (%d given)", nargs);
    GcValue v = o->wr_referent ? GC_VAL_OBJ(o->wr_referent) : GC_NONE;
    gc_incref(r->h, v);
    GcValue w = pop(r);
    TRY(push(r, v));
    TRY(decref(r, w));
    return safe_point(r);
}

/* Calls the value at stack[mark] with the nargs values above it. */
/* CALL of a built-in function value ([callee, args...]): the built-in's
 * call (CALL_BUILTIN_O: no argument tuple), then the callee leaves the
 * stack (it is no heap object here). */
static int call_builtin_value(LangRun *r, LangExpr *e, int nargs)
{
    int top = gc_temp_count(r->h);
    GcValue callee = gc_temp(r->h, top - 1 - nargs);
    TRY(call_builtin(r, e, builtin_atom(callee), nargs));
    GcValue res = pop(r);
    pop(r);
    return push(r, res);
}

/* kw: the call whose keyword arguments are the last of the nargs values
 * (NULL: all positional). */
static int call_value_kw(LangRun *r, LangExpr *e, int mark, int nargs, const LangExpr *kw)
{
    GcValue callee = gc_temp(r->h, mark);
    if (xkind(callee) >= 0 && xkind(callee) < NXK && !kw) {
        /* Class(args): the exception (BaseException_vectorcall) */
        TRY(x_new(r, xkind(callee), nargs));
        GcValue xe = pop(r);
        TRY(pop_decref(r)); /* the class */
        TRY(push(r, xe));
        return safe_point(r);
    }
    if (xkind(callee) >= 0)
        return raise(
            r, "NotImplementedError",
            "gcviz: calling %s with keywords, or a traceback or frame type, is not modelled",
            xkind(callee) < NXK ? XK[xkind(callee)].name : "it");
    if (btype(callee) >= 0)
        return btype_refused(r, callee);
    if (builtin_atom(callee) >= 0) {
        if (kw)
            return raise(r, "NotImplementedError",
                         "gcviz: keyword arguments to the built-in '%s' called through a value "
                         "are not modelled",
                         atom(r, builtin_atom(callee)));
        return call_builtin_value(r, e, nargs);
    }
    if (GC_VAL_TAG(callee) == GC_V_CLASS)
        return instantiate(r, e, (int32_t)GC_VAL_PAYLOAD(callee), nargs, kw);
    if (GC_VAL_TAG(callee) == GC_V_FUNC)
        return call_function_kw(r, (int32_t)GC_VAL_PAYLOAD(callee), nargs, kw);
    const GcObject *o = obj_of(r, callee);
    if (o && o->kind == GC_KIND_WEAKREF && kw)
        return raise(r, "TypeError", "weakref() takes no keyword arguments");
    if (o && o->kind == GC_KIND_WEAKREF)
        return call_weakref(r, o, nargs);
    return raise(r, "TypeError", "'%s' object is not callable", type_name(r, callee));
}

static int call_value(LangRun *r, LangExpr *e, int mark, int nargs)
{
    return call_value_kw(r, e, mark, nargs, NULL);
}

/* py_call of a builtin (len, print, range, ...) not shadowed by a name. */
/* The key=lambda functions made since there were `since` die: the call
 * that took them has returned or failed (its stack released).
 * func_dealloc: count[0] - 1, out of the generation the collections since
 * its MAKE_FUNCTION moved it to (any of generation 1 or 2: the oldest; of
 * generation 0 only: generation 1). */
static void lambdas_die(LangRun *r, int since)
{
    const GcGlobals *g = gc_globals(r->h);
    while (r->nlambdas > since) {
        const int64_t *at = r->lambda_colls[--r->nlambdas];
        GcListId l = GC_LIST_GEN0;
        if (g->stats[1].collections > at[1] || g->stats[2].collections > at[2])
            l = GC_LIST_GEN2;
        else if (g->stats[0].collections > at[0])
            l = GC_LIST_GEN1;
        gc_hidden_dead(r->h, l);
        gc_count_hidden(r->h, -1);
    }
}

static int call_named_builtin_of(LangRun *r, const Ctx *c, LangExpr *e, int mark);

/* Whether the keywords of call e of a built-in by name are those gcviz
 * models (lang_py.c refuses the others unless the program binds the
 * name itself somewhere). */
static int builtin_keywords_ok(LangRun *r, const LangExpr *e)
{
    static const char *const print_kw[] = {"sep", "end", NULL};
    static const char *const sorted_kw[] = {"key", "reverse", NULL};
    static const char *const fold_kw[] = {"key", NULL};
    int32_t n = e->base->atom;
    const char *const *ok = n == r->a_print                  ? print_kw
                            : n == r->a_sorted               ? sorted_kw
                            : n == r->a_min || n == r->a_max ? fold_kw
                                                             : NULL;
    for (int32_t i = 0; i < e->nitems; i++) {
        if (!e->keys[i])
            continue;
        int found = 0;
        for (int j = 0; ok && ok[j]; j++)
            found |= strcmp(ok[j], atom(r, e->keys[i]->atom)) == 0;
        if (!found)
            return 0;
    }
    return 1;
}

static int call_named_builtin(LangRun *r, const Ctx *c, LangExpr *e, int mark)
{
    int since = r->nlambdas;
    int rc = call_named_builtin_of(r, c, e, mark);
    lambdas_die(r, since);
    return rc;
}

static int call_named_builtin_of(LangRun *r, const Ctx *c, LangExpr *e, int mark)
{
    LangExpr *b = e->base;
    int rc;
    TRY(eval_args_ex(r, c, e, mark, 1));
    if (e->keys && !builtin_keywords_ok(r, e)) {
        unwind(r, mark);
        return raise(r, "NotImplementedError",
                     "gcviz: the built-in %s() is modelled without these keyword arguments (of "
                     "the built-ins print takes sep and end, sorted key and reverse, min and "
                     "max key)",
                     atom(r, b->atom));
    }
    /* the builtin runs with the argument tuple alive; CALL_FUNCTION_EX
     * releases it after the call (taken here: a __del__ run by the
     * builtin may make a call of its own) */
    int ex_call = r->ex_call;
    GcValue ex = r->ex_args;
    r->ex_call = 0;
    r->ex_args = GC_NONE;
    rc = call_builtin(r, e, b->atom, e->nitems);
    if (ex_call) {
        int drc = decref(r, ex);
        if (rc == OK)
            rc = drc;
    }
    if (rc < 0)
        unwind(r, mark);
    return rc;
}

/* py_call of gc.f(...), sys.f(...) or weakref.ref(...). */
static int call_module_function(LangRun *r, const Ctx *c, LangExpr *e, int mark)
{
    LangExpr *b = e->base;
    int rc;
    int32_t mod = b->base->atom;
    if (!(r->imported & module_bit(r, mod)))
        return raise(r, "NameError", "name '%s' is not defined", atom(r, mod));
    TRY(eval_args(r, c, e, mark));
    for (int32_t i = 0; e->keys && i < e->nitems; i++)
        if (e->keys[i]) {
            unwind(r, mark);
            return raise(r, "NotImplementedError",
                         "gcviz: keyword arguments to %s.%s() are not modelled", atom(r, mod),
                         atom(r, b->atom));
        }
    int handled = 1;
    /* 3.14+ loads a function's local argument with LOAD_FAST_BORROW: the
     * stack holds no reference of its own, so sys.getrefcount(local) is
     * one lower (measured in 3.14.2 and 3.15.0rc1).  Not in an except
     * clause or a finally clause run for an exception: code reached only
     * through the exception table keeps LOAD_FAST (3.15.0rc1, l101, l108). */
    r->borrowed_arg = lang_python(r->p) >= 314 && e->nitems == 1 &&
                      e->items[0]->kind == LANG_E_NAME && is_local(c, e->items[0]->atom) &&
                      !in_handler(r);
    if (mod == r->a_gc || mod == r->a_sys)
        rc = call_module_more(r, mod, b->atom, e->nitems, &handled);
    else
        rc = OK, handled = 0;
    r->borrowed_arg = 0;
    if (rc == OK && !handled) {
        if (mod == r->a_gc)
            rc = call_gc(r, b->atom, e->nitems, c->depth == 0 && r->in_finalizer == 0);
        else if (b->atom == r->a_ref)
            rc = call_weakref_ref(r, e->nitems);
        else
            rc = raise(r, "AttributeError", "gcviz: module 'weakref' has only ref here, not '%s'",
                       atom(r, b->atom));
    }
    if (rc < 0)
        unwind(r, mark);
    return rc;
}

/* [owner] -> [result]: owner.name(args) where the attribute holds a
 * value (a plain call of that value).  On an error the stack is unwound
 * to mark. */
static int call_attr_value(LangRun *r, const Ctx *c, LangExpr *e, int mark)
{
    int rc = load_attr(r, e->base->atom);
    if (rc == OK)
        rc = eval_args(r, c, e, mark);
    if (rc == OK)
        rc = call_value_kw(r, e, mark, e->nitems, e->keys ? e : NULL);
    if (rc < 0)
        unwind(r, mark);
    return rc;
}

/* py_call of owner.name(...): a list or dict method, an attribute
 * holding a callable, or a method of the class. */
static int call_attribute_of(LangRun *r, const Ctx *c, LangExpr *e, int mark);

static int call_attribute(LangRun *r, const Ctx *c, LangExpr *e, int mark)
{
    /* LOAD_ATTR (method form): the owner, then the arguments */
    TRY(eval(r, c, e->base->base));
    int since = r->nlambdas;
    int rc = call_attribute_of(r, c, e, mark);
    lambdas_die(r, since);
    return rc;
}

/* call_attribute with the owner evaluated, at stack[mark]. */
static int call_attribute_of(LangRun *r, const Ctx *c, LangExpr *e, int mark)
{
    LangExpr *b = e->base;
    int rc;
    GcValue owner = gc_temp(r->h, mark);
    const GcObject *o = obj_of(r, owner);
    if ((o && (o->kind == GC_KIND_LIST || o->kind == GC_KIND_DICT || o->kind == GC_KIND_TUPLE)) ||
        GC_VAL_TAG(owner) == GC_V_CONST) {
        rc = eval_args(r, c, e, mark);
        if (rc == OK)
            rc = call_method(r, e, b->atom, e->nitems);
        if (rc < 0)
            unwind(r, mark);
        return rc;
    }
    int32_t k = -1;
    int instance = o && o->kind == GC_KIND_INSTANCE;
    if (instance) {
        GcId holder = 0;
        if (gc_attr_find(r->h, gc_object_id(r->h, o), b->atom, &holder) >= 0) {
            /* an attribute holding a callable: a plain call */
            return call_attr_value(r, c, e, mark);
        }
        k = o->cls;
    } else if (prog_class(owner) >= 0) {
        k = prog_class(owner);
    } else if (xkind(owner) >= 0 && xkind(owner) < NXK && b->atom == r->a_init) {
        return x_base_init(r, c, e, mark, xkind(owner));
    } else if (btype(owner) >= 0) {
        unwind(r, mark);
        return btype_refused(r, owner);
    } else {
        unwind(r, mark);
        return raise(r, "AttributeError", "'%s' object has no attribute '%s'", type_name(r, owner),
                     atom(r, b->atom));
    }
    int at;
    int32_t holder = class_lookup(r, k, b->atom, &at);
    if (holder < 0 && !instance && r->cls_xk[k] >= 0 && b->atom == r->a_init)
        return x_base_init(r, c, e, mark, r->cls_xk[k]); /* MyError.__init__(self, ...) */
    if (holder < 0 && instance && x_prog_exc(r, owner)) {
        unwind(r, mark);
        return raise(r, "NotImplementedError",
                     "gcviz: the method '%s' of an exception is not modelled (the methods of "
                     "its class in the program are)",
                     atom(r, b->atom));
    }
    if (holder < 0) {
        rc = no_attr(r, owner, b->atom);
        unwind(r, mark);
        return rc;
    }
    const LangClassAttr *a = &lang_class(r->p, holder)->attrs[at];
    if (a->value || r->cattr[holder][at] != GC_UNBOUND) {
        /* a class attribute holding a value: call that value */
        return call_attr_value(r, c, e, mark);
    }
    int nargs = e->nitems;
    if (instance) {
        /* [self] -> [function, self, args...] (no bound method object) */
        GcValue self = pop(r);
        TRY(push(r, GC_MKVAL(GC_V_FUNC, a->func)));
        TRY(push(r, self));
        nargs++;
    } else {
        /* Class.method(args): a plain function */
        pop(r);
        TRY(push(r, GC_MKVAL(GC_V_FUNC, a->func)));
    }
    rc = eval_args(r, c, e, mark);
    if (rc == OK)
        rc = call_function_kw(r, a->func, nargs, e->keys ? e : NULL);
    if (rc < 0)
        unwind(r, mark);
    return rc;
}

/* gc.callbacks.append(f) / .remove(f) / .clear() (list.append and
 * list.remove are METH_O, list.clear METH_NOARGS: nothing allocated): the
 * list holds the program's functions, called by host_gc_cb. */
static int call_gc_callbacks(LangRun *r, const Ctx *c, LangExpr *e, int mark)
{
    int32_t gcm = e->base->base->base->atom;
    if (!(r->imported & module_bit(r, gcm)))
        return raise(r, "NameError", "name '%s' is not defined", atom(r, gcm));
    TRY(eval_args(r, c, e, mark));
    GcHeap *h = r->h;
    const char *m = atom(r, e->base->atom);
    int nargs = e->nitems, rc = OK;
    GcValue f = nargs == 1 ? gc_temp(h, gc_temp_count(h) - 1) : GC_NONE;
    int32_t fi =
        GC_VAL_TAG(f) == GC_V_FUNC && builtin_atom(f) < 0 ? (int32_t)GC_VAL_PAYLOAD(f) : -1;
    if (strcmp(m, "clear") == 0) {
        if (nargs != 0)
            rc = raise(r, "TypeError", "list.clear() takes no arguments (%d given)", nargs);
        r->ngccb = rc == OK ? 0 : r->ngccb;
    } else if (nargs != 1) {
        rc = raise(r, "TypeError", "list.%s() takes exactly one argument (%d given)", m, nargs);
    } else if (m[0] == 'a') {
        if (lang_python(r->p) >= 314) /* 3.14's info has more keys */
            rc = not_measured(r, "gc.callbacks");
        else if (fi < 0 || lang_func(r->p, fi)->nparams != 2)
            rc = raise(r, "NotImplementedError",
                       "gcviz: gc.callbacks takes functions of the program with two parameters "
                       "(phase, info) only");
        else if (r->ngccb == LANG_MAX_GC_CALLBACKS)
            rc = raise(r, "NotImplementedError", "gcviz: at most %d functions in gc.callbacks",
                       LANG_MAX_GC_CALLBACKS);
        else
            r->gccb[r->ngccb++] = fi;
    } else {
        int at = -1;
        for (int i = 0; i < r->ngccb && at < 0; i++)
            at = r->gccb[i] == fi && fi >= 0 ? i : -1;
        if (at < 0)
            rc = raise(r, "ValueError", "list.remove(x): x not in list");
        else
            memmove(r->gccb + at, r->gccb + at + 1, (size_t)(--r->ngccb - at) * sizeof *r->gccb);
    }
    gc_set_callbacks(h, r->ngccb);
    if (rc == OK)
        rc = release_args(r, nargs, 0);
    if (rc == OK)
        rc = push(r, GC_NONE);
    if (rc == OK)
        rc = safe_point(r);
    if (rc < 0)
        unwind(r, mark);
    return rc;
}

static int py_call(LangRun *r, const Ctx *c, LangExpr *e)
{
    LangExpr *b = e->base;
    int mark = gc_temp_count(r->h);
    int rc;
    if (b->kind == LANG_E_NAME && !is_local(c, b->atom) && is_builtin(r, b->atom) &&
        gc_var_get(r->h, 0, b->atom) == GC_UNBOUND)
        return call_named_builtin(r, c, e, mark);
    if (b->kind == LANG_E_ATTR && b->base->kind == LANG_E_ATTR &&
        b->base->is_const == LANG_GC_CALLBACKS)
        return call_gc_callbacks(r, c, e, mark);
    if (b->kind == LANG_E_ATTR && b->base->kind == LANG_E_NAME && module_bit(r, b->base->atom) &&
        !is_local(c, b->base->atom) && gc_var_get(r->h, 0, b->base->atom) == GC_UNBOUND)
        return call_module_function(r, c, e, mark);
    if (b->kind == LANG_E_ATTR && b->base->kind == LANG_E_CALL &&
        b->base->base->is_const == LANG_SUPER_CALL)
        return call_super(r, c, e, mark);
    if (b->kind == LANG_E_ATTR)
        return call_attribute(r, c, e, mark);
    rc = eval(r, c, b);
    if (rc == OK)
        rc = eval_args_ex(r, c, e, mark, b->kind == LANG_E_NAME);
    if (rc == OK)
        rc = call_value_kw(r, e, mark, e->nitems, e->keys ? e : NULL);
    /* a function or class took the argument tuple; anything else (an
     * error before the call) leaves it here */
    int drc = drop_ex_args(r);
    if (rc == OK)
        rc = drc;
    if (rc < 0)
        unwind(r, mark);
    return rc;
}

/* LOAD_ATTR of a class attribute: [owner] -> [value]. */
static int load_class_attr(LangRun *r, GcValue owner, int32_t k, int32_t a)
{
    int at;
    int32_t holder = class_lookup(r, k, a, &at);
    if (holder < 0)
        return no_attr(r, owner, a);
    GcValue v = r->cattr[holder][at];
    if (v == GC_UNBOUND) {
        if (GC_VAL_TAG(owner) != GC_V_CLASS)
            return raise(
                r, "TypeError",
                "gcviz: bound method objects are not supported; call the method (%s.%s(...))",
                atom(r, lang_class(r->p, k)->name), atom(r, a));
        v = GC_MKVAL(GC_V_FUNC, lang_class(r->p, holder)->attrs[at].func);
    }
    owner = pop(r);
    TRY(push(r, v));
    return decref(r, owner);
}

/* STORE_ATTR on a class: [v, class] */
static int store_class_attr(LangRun *r, int32_t k, int32_t a)
{
    int at = -1;
    const LangClass *c = lang_class(r->p, k);
    for (int32_t i = 0; i < c->nattrs; i++)
        if (c->attrs[i].name == a)
            at = i;
    GcValue v = gc_temp(r->h, gc_temp_count(r->h) - 2);
    if (at < 0 || c->attrs[at].value == NULL)
        return raise(r, "TypeError",
                     "gcviz: only the class attributes written in the class body can be "
                     "assigned (%s.%s)",
                     atom(r, c->name), atom(r, a));
    if (GC_VAL_IS_OBJ(v))
        return raise(r, "TypeError",
                     "gcviz: class attributes may hold only ints, strings, None, bools "
                     "and constant tuples, not a %s",
                     type_name(r, v));
    pop(r);
    pop(r);
    r->cattr[k][at] = v;
    return OK;
}

/* list.insert/remove/extend/index, dict.get.  Stack: [self, args...]. */
static int call_method_more(LangRun *r, int32_t name, int nargs)
{
    GcHeap *h = r->h;
    int top = gc_temp_count(h);
    GcValue self = gc_temp(h, top - nargs - 1);
    const GcObject *o = obj_of(r, self);
    int kind = o ? o->kind : 0;
    GcValue res = GC_NONE;
    if (kind == GC_KIND_LIST && name == r->a_insert) {
        TRY(check_args(r, "insert", nargs, 2, 2));
        GcValue idx = gc_temp(h, top - 2), v = gc_temp(h, top - 1);
        if (!is_intlike(idx))
            return raise(r, "TypeError", "'%s' object cannot be interpreted as an integer",
                         type_name(r, idx));
        int64_t i = GC_VAL_PAYLOAD(idx), n = gc_nslots(o);
        if (i < 0)
            i += n;
        if (i < 0)
            i = 0;
        if (i > n)
            i = n;
        gc_incref(h, v);
        TRY(chk(r, gc_slot_insert(h, gc_object_id(r->h, o), (uint32_t)i, 0, v)));
    } else if (kind == GC_KIND_LIST && (name == r->a_remove || name == r->a_index)) {
        TRY(check_args(r, name == r->a_remove ? "list.remove" : "index", nargs, 1, 1));
        GcValue v = gc_temp(h, top - 1);
        int64_t at = -1;
        for (uint32_t i = 0; i < gc_nslots(o) && at < 0; i++)
            if (values_equal(r, gc_slot(o, i).val, v, 0))
                at = i;
        if (at < 0) {
            if (name == r->a_remove)
                return raise(r, "ValueError", "list.remove(x): x not in list");
            TBuf t = {0};
            tb_str(&t, "");
            TRY(text_of(r, &t, v, 1));
            int rc = raise(r, "ValueError", "%.300s is not in list", t.s);
            gc_free(t.s);
            return rc;
        }
        if (name == r->a_index) {
            res = GC_MKVAL(GC_V_INT, at);
        } else {
            GcValue out;
            TRY(chk(r, gc_slot_remove(h, gc_object_id(r->h, o), (uint32_t)at, &out)));
            TRY(decref(r, out));
        }
    } else if ((kind == GC_KIND_LIST || kind == GC_KIND_TUPLE || GC_VAL_TAG(self) == GC_V_CONST) &&
               (name == r->a_count || (kind != GC_KIND_LIST && name == r->a_index))) {
        TRY(check_args(r,
                       name == r->a_count ? (kind == GC_KIND_LIST ? "list.count" : "tuple.count")
                                          : "tuple.index",
                       nargs, 1, 1));
        TRY(seq_find(r, self, gc_temp(h, top - 1), name == r->a_count, &res));
    } else if (kind == GC_KIND_LIST && name == r->a_copy) {
        TRY(check_args(r, "list.copy", nargs, 0, 0));
        TRY(list_copy(r, gc_object_id(r->h, o), &res));
    } else if (kind == GC_KIND_LIST && name == r->a_extend) {
        TRY(check_args(r, "list.extend", nargs, 1, 1));
        TRY(list_extend_from(r, gc_object_id(r->h, o), gc_temp(h, top - 1)));
    } else if (kind == GC_KIND_DICT && name == r->a_get) {
        TRY(check_args(r, "get", nargs, 1, 2));
        GcValue k = gc_temp(h, top - nargs);
        TRY(dict_key_ok(r, k));
        int i = dict_find_equal(r, o, k);
        res = i >= 0 ? gc_slot(o, i).val : nargs == 2 ? gc_temp(h, top - 1) : GC_NONE;
        gc_incref(h, res);
        TRY(push(r, res));
        res = pop(r);
        TRY(release_args(r, nargs, 1));
        TRY(push(r, res));
        return safe_point(r);
    } else {
        return raise(r, "AttributeError", "'%s' object has no attribute '%s'", type_name(r, self),
                     atom(r, name));
    }
    TRY(release_args(r, nargs, 1));
    TRY(push(r, res));
    return safe_point(r);
}

/* A method call whose method was not found (the AttributeError raised
 * in this frame, by none of its arguments): LOAD_ATTR raised it, whose
 * place is the attribute's. */
static LANG_NOINLINE void method_lookup_place(LangRun *r, const LangExpr *b)
{
    int i = r->ntb - 1;
    if (r->ntb_snap == r->ntb && i >= 0 && i < (int)(sizeof r->tb_snap / sizeof r->tb_snap[0]) &&
        r->tb_snap[i].end == 0 && strncmp(r->exc, "AttributeError:", 15) == 0)
        tb_note_expr(r, b);
}

/* Evaluates a call; pushes its result. */
static int eval_call(LangRun *r, const Ctx *c, LangExpr *e)
{
    if (r->py) {
        int rc = py_call(r, c, e);
        if (rc == EXC && e->base->kind == LANG_E_ATTR)
            method_lookup_place(r, e->base);
        return rc;
    }
    LangExpr *b = e->base;
    int mark = gc_temp_count(r->h);
    if (b->kind == LANG_E_ATTR && b->base->kind == LANG_E_NAME &&
        (b->base->atom == r->a_gc || b->base->atom == r->a_weakref) &&
        gc_var_get(r->h, 0, b->base->atom) == GC_UNBOUND && !is_local(c, b->base->atom)) {
        TRY(eval_args(r, c, e, mark));
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
    if (btype(callee) >= 0) {
        unwind(r, mark);
        return btype_refused(r, callee);
    }
    if (GC_VAL_TAG(callee) == GC_V_CLASS) {
        int32_t k = (int32_t)GC_VAL_PAYLOAD(callee);
        if (nargs != 0) {
            unwind(r, mark);
            return raise(r, "TypeError", "%s() takes no arguments",
                         atom(r, lang_class(r->p, k)->name));
        }
        pop(r); /* the class itself is not a heap object here */
        GcId id = gc_new(r->h, GC_KIND_INSTANCE, k);
        if (!id)
            return fatal(r);
        TRY(push(r, GC_VAL_OBJ(id)));
        return safe_point(r);
    }
    if (builtin_atom(callee) >= 0) {
        rc = call_builtin_value(r, e, nargs);
        if (rc < 0)
            unwind(r, mark);
        return rc;
    }
    if (GC_VAL_TAG(callee) == GC_V_FUNC) {
        rc = call_function(r, (int32_t)GC_VAL_PAYLOAD(callee), nargs);
        if (rc < 0)
            unwind(r, mark);
        return rc;
    }
    const GcObject *o = obj_of(r, callee);
    if (o && o->kind == GC_KIND_WEAKREF) {
        if (nargs != 0)
            unwind(r, mark);
        return call_weakref(r, o, nargs);
    }
    unwind(r, mark);
    return raise(r, "TypeError", "'%s' object is not callable", type_name(r, callee));
}

static int exec_body(LangRun *r, const Ctx *c, LangStmt **body, int32_t n, GcValue *ret,
                     int *returned);

/* Python-to-Python call: the arguments move into the new frame's
 * parameters; RESUME checks the eval breaker; the return value moves to
 * the caller's stack; the frame's locals are cleared in order. */
/* The value of parameter default d (a constant). */
static GcValue default_value(const LangExpr *d)
{
    return d->kind == LANG_E_NONE   ? GC_NONE
           : d->kind == LANG_E_BOOL ? GC_MKVAL(GC_V_BOOL, d->ival != 0)
           : d->kind == LANG_E_INT  ? LANG_INT_VALUE(d)
           : d->kind == LANG_E_STR  ? GC_MKVAL(GC_V_STR, d->atom)
                                    : GC_MKVAL(GC_V_CONST, d->atom);
}

/* CPython's too_many_positional (given > the parameters; no keyword-only
 * parameters here). */
static int too_many_positional(LangRun *r, const LangFunc *fn, int given)
{
    char sig[48];
    int plural = 1;
    if (fn->ndefaults > 0)
        snprintf(sig, sizeof sig, "from %d to %d", fn->nparams - fn->ndefaults, fn->nparams);
    else
        snprintf(sig, sizeof sig, "%d", fn->nparams), plural = fn->nparams != 1;
    return raise(r, "TypeError", "%s() takes %s positional argument%s but %d %s given",
                 atom(r, fn->name), sig, plural ? "s" : "", given, given == 1 ? "was" : "were");
}

/* CPython's missing_arguments: the parameters without a default that
 * bound[] leaves unset (bound NULL: those from `from` on). */
static int missing_arguments(LangRun *r, const LangFunc *fn, int from, const GcValue *bound)
{
    int end = fn->nparams - fn->ndefaults, missing = 0;
    for (int i = from; i < end; i++)
        missing += !bound || bound[i] == GC_UNBOUND;
    char names[256] = "";
    for (int i = from, j = 0; i < end; i++) {
        if (bound && bound[i] != GC_UNBOUND)
            continue;
        char one[80];
        const char *sep =
            j == 0 ? "" : (j == missing - 1 ? (missing == 2 ? " and " : ", and ") : ", ");
        snprintf(one, sizeof one, "%s'%s'", sep, atom(r, fn->params[i]));
        strncat(names, one, sizeof names - strlen(names) - 1);
        j++;
    }
    return raise(r, "TypeError", "%s() missing %d required positional argument%s: %s",
                 atom(r, fn->name), missing, missing == 1 ? "" : "s", names);
}

/* Python/suggestions.c's levenshtein_distance (3.13), on bytes. */
static size_t kw_substitution_cost(char a, char b)
{
    if ((a & 31) != (b & 31))
        return 2;
    if (a == b)
        return 0;
    if (a >= 'A' && a <= 'Z')
        a = (char)(a + ('a' - 'A'));
    if (b >= 'A' && b <= 'Z')
        b = (char)(b + ('a' - 'A'));
    return a == b ? 1 : 2;
}

static size_t kw_levenshtein(const char *a, size_t an, const char *b, size_t bn, size_t max_cost)
{
    while (an && bn && a[0] == b[0])
        a++, an--, b++, bn--;
    while (an && bn && a[an - 1] == b[bn - 1])
        an--, bn--;
    if (an == 0 || bn == 0)
        return (an + bn) * 2;
    if (an > 40 || bn > 40)
        return max_cost + 1;
    if (bn < an) {
        const char *t = a;
        size_t tn = an;
        a = b, an = bn, b = t, bn = tn;
    }
    if ((bn - an) * 2 > max_cost)
        return max_cost + 1;
    size_t buf[40];
    for (size_t i = 0; i < an; i++)
        buf[i] = 2 * (i + 1);
    size_t result = 0;
    for (size_t bi = 0; bi < bn; bi++) {
        size_t distance = result = bi * 2, minimum = SIZE_MAX;
        for (size_t i = 0; i < an; i++) {
            size_t substitute = distance + kw_substitution_cost(b[bi], a[i]);
            distance = buf[i];
            size_t insert_delete = (result < distance ? result : distance) + 2;
            result = insert_delete < substitute ? insert_delete : substitute;
            buf[i] = result;
            if (result < minimum)
                minimum = result;
        }
        if (minimum > max_cost)
            return max_cost + 1;
    }
    return result;
}

/* 3.13's initialize_locals suggests the closest parameter name for an
 * unexpected keyword (_Py_CalculateSuggestions over a new list of the
 * parameter names: made and freed here); NULL if none is close. */
static const char *kw_suggestion(LangRun *r, const LangFunc *fn, int32_t a)
{
    if (lang_python(r->p) < 313 || fn->nparams == 0)
        return NULL;
    gc_hidden_alloc(r->h, GC_KIND_LIST, 0);
    const char *name = atom(r, a), *best = NULL;
    size_t nn = strlen(name), best_d = SIZE_MAX;
    for (int32_t i = 0; i < fn->nparams; i++) {
        const char *p = atom(r, fn->params[i]);
        if (strcmp(p, name) == 0)
            continue;
        size_t pn = strlen(p);
        size_t max_d = (nn + pn + 3) * 2 / 6;
        if (best_d - 1 < max_d)
            max_d = best_d - 1;
        size_t d = kw_levenshtein(name, nn, p, pn, max_d);
        if (d > max_d)
            continue;
        if (!best || d < best_d)
            best = p, best_d = d;
    }
    gc_hidden_free(r->h, GC_KIND_LIST, 0);
    return best;
}

/* The keyword arguments of call kw (its last nkw items) bound to f's
 * parameters as CPython's initialize_locals binds them: the *nargs values
 * on top of the stack (the positional ones, then the keyword values in
 * the call's order) become the parameters' values in their order, the
 * missing ones from the defaults.  On an error (an unexpected keyword, a
 * parameter given twice, too many positional arguments, a missing one,
 * checked in that order) the stack is left as it was. */
static int bind_keywords(LangRun *r, int32_t f, int *nargs, const LangExpr *kw)
{
    const LangFunc *fn = lang_func(r->p, f);
    GcHeap *h = r->h;
    int n = *nargs, nkw = 0;
    for (int32_t i = 0; i < kw->nitems; i++)
        nkw += kw->keys[i] != NULL;
    int npos = n - nkw, np = fn->nparams;
    int base = gc_temp_count(h) - n;
    GcValue bound[64];
    for (int i = 0; i < np; i++)
        bound[i] = GC_UNBOUND;
    for (int i = 0; i < npos && i < np; i++)
        bound[i] = gc_temp(h, base + i);
    for (int i = 0; i < nkw; i++) {
        int32_t a = kw->keys[kw->nitems - nkw + i]->atom;
        int j = 0;
        while (j < np && fn->params[j] != a)
            j++;
        if (j == np) {
            const char *like = kw_suggestion(r, fn, a);
            if (like)
                return raise(r, "TypeError",
                             "%s() got an unexpected keyword argument '%s'. Did you mean '%s'?",
                             atom(r, fn->name), atom(r, a), like);
            return raise(r, "TypeError", "%s() got an unexpected keyword argument '%s'",
                         atom(r, fn->name), atom(r, a));
        }
        if (bound[j] != GC_UNBOUND)
            return raise(r, "TypeError", "%s() got multiple values for argument '%s'",
                         atom(r, fn->name), atom(r, a));
        bound[j] = gc_temp(h, base + npos + i);
    }
    if (npos > np)
        return too_many_positional(r, fn, npos);
    for (int i = npos; i < np - fn->ndefaults; i++)
        if (bound[i] == GC_UNBOUND)
            return missing_arguments(r, fn, 0, bound);
    for (int i = np - fn->ndefaults; i < np; i++)
        if (bound[i] == GC_UNBOUND)
            bound[i] = default_value(fn->defaults[i - (np - fn->ndefaults)]);
    /* the references move from the call's order into the parameters' */
    for (int i = 0; i < n; i++)
        pop(r);
    for (int i = 0; i < np; i++)
        TRY(push(r, bound[i]));
    *nargs = np;
    return OK;
}

static int call_function_kw(LangRun *r, int32_t f, int nargs, const LangExpr *kw)
{
    const LangFunc *fn = lang_func(r->p, f);
    if (kw)
        TRY(bind_keywords(r, f, &nargs, kw));
    if (nargs < fn->nparams && fn->ndefaults > 0 && nargs >= fn->nparams - fn->ndefaults)
        TRY(fill_defaults(r, f, &nargs));
    if (nargs != fn->nparams) {
        if (nargs < fn->nparams)
            return missing_arguments(r, fn, nargs, NULL);
        return too_many_positional(r, fn, nargs);
    }
    if (r->depth >= LANG_RECURSION_LIMIT)
        return raise(r, "RecursionError", "maximum recursion depth exceeded");
    GcHeap *h = r->h;
    const FuncInfo *fi = &r->funcs[f];
    /* Move the arguments into the parameters (last popped first): the
     * parameters are the first locals (co_varnames; analyse puts them
     * first, and the loaders refuse a duplicate parameter). */
    TRY(chk(r, gc_frame_enter(h, f, fi->locals, fi->nlocals, nargs)));
    int depth = gc_frame_count(h) - 1;
    pop(r); /* the function object */
    /* CALL_FUNCTION_EX (_PyEvalFramePushAndInit_Ex): the argument tuple
     * dies once the frame holds the arguments, before the body runs */
    TRY(drop_ex_args(r));
    r->depth++;
    tb_push(r, f);
    Ctx c = {fi, depth};
    GcValue ret = GC_NONE;
    int returned = 0;
    int rc = safe_point(r);
    if (rc == OK)
        rc = exec_body(r, &c, fn->body, fn->nbody, &ret, &returned);
    tb_pop(r);
    r->depth--;
    if (rc == FATAL)
        return rc;
    if (rc == OK)
        TRY(push(r, ret));
    if (rc == EXC)
        TRY(keep_frame_locals(r));
    if (r->xmode && r->in_finalizer == 0)
        TRY(x_frame_exit(r, r->ntb));
    int prc = chk(r, gc_frame_pop(h));
    if (prc < 0)
        return prc;
    /* the exception arrives in the caller: its traceback entry */
    if (rc == EXC && r->xmode && r->in_finalizer == 0 && r->cur_exc != GC_NONE)
        TRY(x_tb_here(r, r->ntb - 1));
    return rc;
}

static int call_function(LangRun *r, int32_t f, int nargs)
{
    return call_function_kw(r, f, nargs, NULL);
}

/* ---- expressions ------------------------------------------------------ */

/* The pairs [begin, end) of a dict display built as CPython builds a display
 * of at most 15 pairs (BUILD_MAP n, or BUILD_CONST_KEY_MAP when every key is
 * a constant): the keys and values are evaluated first, then the dict is
 * made and filled in order (a repeated key replaces the value then), and
 * pushed.  The caller unwinds on failure. */
static int build_small_dict(LangRun *r, const Ctx *c, LangExpr *e, int32_t begin, int32_t end)
{
    int base = gc_temp_count(r->h);
    int const_keys = 1;
    for (int32_t i = begin; i < end; i++)
        if (e->keys[i]->kind != LANG_E_INT && e->keys[i]->kind != LANG_E_STR)
            const_keys = 0;
    int stride = const_keys ? 1 : 2;
    for (int32_t i = begin; i < end; i++) {
        if (!const_keys)
            TRY(eval(r, c, e->keys[i]));
        TRY(eval(r, c, e->items[i]));
    }
    for (int32_t i = begin; !const_keys && i < end; i++)
        TRY(dict_key_ok(r, gc_temp(r->h, base + 2 * (i - begin))));
    GcId id = gc_new(r->h, GC_KIND_DICT, -1);
    if (!id)
        return fatal(r);
    TRY(push(r, GC_VAL_OBJ(id)));
    for (int32_t i = begin; i < end; i++) {
        int at = base + stride * (i - begin);
        LangExpr *k = e->keys[i];
        GcValue key = !const_keys             ? gc_temp(r->h, at)
                      : k->kind == LANG_E_INT ? LANG_INT_VALUE(k)
                                              : GC_MKVAL(GC_V_STR, k->atom);
        GcValue v = gc_temp(r->h, at + stride - 1);
        gc_incref(r->h, v);
        TRY(dict_store(r, id, key, v));
    }
    GcValue d = pop(r);
    for (int32_t i = 0; i < stride * (end - begin); i++)
        TRY(pop_decref(r));
    return push(r, d);
}

/* MAP_ADD: [dict, key, value] -> [dict], the value moved in (a repeated key
 * replaces, and releases, the value it had). */
static int map_add(LangRun *r)
{
    int n = gc_temp_count(r->h);
    GcId id = GC_VAL_ID(gc_temp(r->h, n - 3));
    GcValue key = gc_temp(r->h, n - 2);
    TRY(dict_key_ok(r, key));
    GcValue v = pop(r);
    TRY(dict_store(r, id, key, v));
    return pop_decref(r); /* _PyDict_SetItem_Take2 took the key's reference */
}

/* DICT_UPDATE: [dict, chunk] -> [dict]: each pair of the chunk inserted in
 * its order (dict_merge with override: a key already there gets the chunk's
 * value, its old value released then), then the chunk released. */
static int dict_update(LangRun *r)
{
    int n = gc_temp_count(r->h);
    GcId id = GC_VAL_ID(gc_temp(r->h, n - 2));
    GcId chunk = GC_VAL_ID(gc_temp(r->h, n - 1));
    for (uint32_t i = 0; i < gc_nslots(gc_object(r->h, chunk)); i++) {
        GcSlot s = gc_slot(gc_object(r->h, chunk), i);
        gc_incref(r->h, s.val);
        TRY(dict_store(r, id, s.key, s.val));
    }
    return pop_decref(r);
}

/* A dict display of 16 pairs or more, as compiler_dict (3.12-3.15) builds
 * it: every time 16 pairs are pending the next pair closes a chunk of 17;
 * the pairs left at the end are the last chunk.  A chunk of 16 or 17 pairs
 * is BUILD_MAP 0 and one MAP_ADD per pair (the dict exists before its
 * values), a shorter one is built after its values (build_small_dict);
 * each chunk after the first is merged into the first (DICT_UPDATE) and
 * freed.  The caller unwinds on failure. */
static int build_big_dict(LangRun *r, const Ctx *c, LangExpr *e)
{
    int32_t begin = 0;
    while (begin < e->nitems) {
        int32_t end = begin + 17 < e->nitems ? begin + 17 : e->nitems;
        if (2 * (end - begin) > LANG_STACK_USE_GUIDELINE) {
            GcId id = gc_new(r->h, GC_KIND_DICT, -1);
            if (!id)
                return fatal(r);
            TRY(push(r, GC_VAL_OBJ(id)));
            for (int32_t i = begin; i < end; i++) {
                TRY(eval(r, c, e->keys[i]));
                TRY(eval(r, c, e->items[i]));
                TRY(map_add(r));
            }
        } else {
            TRY(build_small_dict(r, c, e, begin, end));
        }
        if (begin > 0)
            TRY(dict_update(r));
        begin = end;
    }
    return OK;
}

static int eval_full(LangRun *r, const Ctx *c, LangExpr *e);

/* ---- lean fast paths ---------------------------------------------------- */

/* A lean run (r->lean) computes some common expressions without their
 * intermediate temporaries: each does what the general path does to the
 * reference counts, the objects and the variables, in the same order,
 * minus pushes and pops of values that no code can see in between (no
 * DECREF, no call, no collection runs there).  Each checks first that it
 * applies (bound names, the kinds of their values), and otherwise returns
 * LEAN_NO having done nothing: the general path then runs, raising what
 * it raises. */
enum { LEAN_NO = 1 };

/* The value of NAME node e (LOAD_FAST / LOAD_GLOBAL's lookup, no
 * reference taken), GC_UNBOUND if it has none. */
static GcValue peek_name(LangRun *r, const Ctx *c, LangExpr *e)
{
    return gc_var_get_hint(r->h, is_local(c, e->atom) ? c->depth : 0, e->atom, &e->hint);
}

/* The instance NAME node e is bound to, NULL if it is unbound or not one. */
static const GcObject *peek_instance(LangRun *r, const Ctx *c, LangExpr *e)
{
    GcValue v = peek_name(r, c, e);
    const GcObject *o = obj_of(r, v);
    return o && o->kind == GC_KIND_INSTANCE ? o : NULL;
}

/* name.attr, an instance attribute: LOAD_NAME, LOAD_ATTR ([owner] ->
 * [value]; the owner's INCREF and DECREF cancel). */
static int lean_load_attr(LangRun *r, const Ctx *c, LangExpr *e, GcValue *out)
{
    const GcObject *o = peek_instance(r, c, e->base);
    GcId holder = 0;
    int i = o ? gc_attr_find(r->h, gc_object_id(r->h, o), e->atom, &holder) : -1;
    if (i < 0)
        return LEAN_NO;
    *out = gc_slot(holder == gc_object_id(r->h, o) ? o : gc_object(r->h, holder), (uint32_t)i)
               .val; /* or its dict */
    gc_incref(r->h, *out);
    return OK;
}

/* Cls(), a class without __init__: instantiate_call's path for it (the
 * class itself is no heap object; no argument tuple for no arguments),
 * then CALL's eval-breaker check.  The new instance is on the stack there
 * in CPython; here it is in *out, which is the same to a collection (its
 * reference count makes it reachable) and to the finalizers it may run
 * (nothing refers to it yet); on an error it goes on the stack, for the
 * caller's unwinding. */
static int lean_new_instance(LangRun *r, const Ctx *c, LangExpr *e, GcValue *out)
{
    GcValue cls = peek_name(r, c, e->base);
    if (prog_class(cls) < 0 || !r->plain_cls[GC_VAL_PAYLOAD(cls)] || r->ex_call)
        return LEAN_NO;
    GcId id = gc_new(r->h, GC_KIND_INSTANCE, (int32_t)GC_VAL_PAYLOAD(cls));
    if (!id)
        return fatal(r);
    *out = GC_VAL_OBJ(id);
    int rc = safe_point(r);
    if (rc < 0)
        TRY(push(r, *out));
    return rc;
}

/* lst.append(name): call_method's list.append with the list and the
 * argument bound (the list's INCREF and DECREF cancel, and so do the
 * argument's second INCREF and its DECREF: the list holds it then);
 * the result is None. */
static int lean_append(LangRun *r, const Ctx *c, LangExpr *e, GcValue *out)
{
    GcValue self = peek_name(r, c, e->base->base);
    const GcObject *o = obj_of(r, self);
    if (!o || o->kind != GC_KIND_LIST)
        return LEAN_NO;
    GcValue v = peek_name(r, c, e->items[0]);
    if (v == GC_UNBOUND)
        return LEAN_NO;
    gc_incref(r->h, v);
    TRY(chk(r, gc_slot_set(r->h, gc_object_id(r->h, o), gc_nslots(o), 0, v)));
    *out = GC_NONE;
    if (seen_count(r, e) == 1) /* CALL_NO_KW_LIST_APPEND after warm-up */
        return safe_point(r);
    return OK;
}

/* The value of e as a new reference in *out, not on the stack, by a lean
 * fast path: LEAN_NO when none applies. */
static int lean_value(LangRun *r, const Ctx *c, LangExpr *e, GcValue *out)
{
    if (e->kind == LANG_E_ATTR && e->base->kind == LANG_E_NAME)
        return lean_load_attr(r, c, e, out);
    if (e->kind == LANG_E_NAME) {
        *out = peek_name(r, c, e);
        if (*out == GC_UNBOUND)
            return LEAN_NO;
        gc_incref(r->h, *out);
        return OK;
    }
    if (e->kind != LANG_E_CALL || e->keys)
        return LEAN_NO;
    LangExpr *b = e->base;
    if (b->kind == LANG_E_NAME && e->nitems == 0)
        return lean_new_instance(r, c, e, out);
    if (b->kind == LANG_E_ATTR && b->atom == r->a_append && b->base->kind == LANG_E_NAME &&
        e->nitems == 1 && e->items[0]->kind == LANG_E_NAME)
        return lean_append(r, c, e, out);
    return LEAN_NO;
}

/* The lean fast paths of eval (pushing the value): LEAN_NO when none
 * applies. */
static int lean_eval(LangRun *r, const Ctx *c, LangExpr *e)
{
    GcValue v;
    int rc = lean_value(r, c, e, &v);
    return rc == OK ? push(r, v) : rc;
}

/* o.attr = v, o an instance bound to a name (peek_instance): LOAD_NAME,
 * STORE_ATTR without the owner's push and pop.  The owner is held while
 * the old value's DECREF may run code; an instance without attributes
 * has no old value (its INCREF and DECREF cancel). */
static int lean_store_attr(LangRun *r, const GcObject *o, int32_t attr, GcValue v)
{
    if (gc_nslots(o) == 0)
        return chk(r, gc_setattr(r->h, gc_object_id(r->h, o), attr, v));
    GcValue owner = GC_VAL_OBJ(gc_object_id(r->h, o));
    gc_incref(r->h, owner);
    TRY(chk(r, gc_setattr(r->h, gc_object_id(r->h, o), attr, v)));
    return decref(r, owner);
}

/* The commonest expressions first: a name (neither a module nor, in a
 * JSON scenario, gc or weakref) and an int; eval_full does the rest. */
static inline int eval_(LangRun *r, const Ctx *c, LangExpr *e)
{
    if (e->kind == LANG_E_NAME && r->py && !module_bit(r, e->atom))
        return load_name(r, c, e->atom, &e->hint);
    if (e->kind == LANG_E_INT)
        return push(r, LANG_INT_VALUE(e));
    if (r->lean) {
        int rc = lean_eval(r, c, e);
        if (rc != LEAN_NO)
            return rc;
    }
    return eval_full(r, c, e);
}

/* An expression that raises is its frame's instruction in the traceback
 * (the innermost one: the first noted). */
static int eval(LangRun *r, const Ctx *c, LangExpr *e)
{
    int rc = eval_(r, c, e);
    if (__builtin_expect(rc == EXC, 0))
        tb_note_expr(r, e);
    return rc;
}

/* A list or tuple display: BUILD_LIST / BUILD_TUPLE. */
static int eval_sequence(LangRun *r, const Ctx *c, LangExpr *e, int mark)
{
    int rc;
    if (e->kind == LANG_E_TUPLE && e->is_const)
        return push(r, GC_MKVAL(GC_V_CONST, e->atom));
    if (is_big(e)) {
        rc = build_big_list(r, c, e);
        if (rc == OK && e->kind == LANG_E_TUPLE)
            rc = list_to_tuple(r);
        if (rc < 0)
            unwind(r, mark);
        return rc;
    }
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

/* A comparison, chained or not. */
static int eval_compare(LangRun *r, const Ctx *c, LangExpr *e, int mark)
{
    int rc;
    /* a < b < c: each middle operand is compared twice, evaluated once */
    TRY(eval(r, c, e->items[0]));
    for (int32_t i = 1; i < e->nitems; i++) {
        rc = eval(r, c, e->items[i]);
        if (rc < 0) {
            unwind(r, mark);
            return rc;
        }
        GcValue right = gc_temp(r->h, gc_temp_count(r->h) - 1);
        int last = i == e->nitems - 1;
        if (!last)
            gc_incref(r->h, right); /* SWAP, COPY: kept for the next comparison */
        if (!last) {
            /* [.., a, b] -> [.., b, a, b] */
            GcValue b2 = pop(r), a2 = pop(r);
            TRY(push(r, b2));
            TRY(push(r, a2));
            TRY(push(r, b2));
        }
        rc = compare_op(r, e->ops[i - 1]);
        if (rc < 0) {
            unwind(r, mark);
            return rc;
        }
        if (last)
            break;
        int t = truthy(r, gc_temp(r->h, gc_temp_count(r->h) - 1));
        if (!t) {
            /* the result stays; the kept operand goes */
            GcValue res = pop(r);
            TRY(pop_decref(r));
            TRY(push(r, res));
            break;
        }
        TRY(pop_decref(r));
    }
    return OK;
}

/* An f-string: its parts formatted and joined into one string. */
static int eval_fstring(LangRun *r, const Ctx *c, LangExpr *e, int mark)
{
    int rc;
    TBuf t = {0};
    tb_str(&t, "");
    for (int32_t i = 0; i < e->nitems; i++) {
        LangExpr *part = e->items[i];
        if (part->kind == LANG_E_STR) {
            tb_str(&t, atom(r, part->atom));
            continue;
        }
        rc = eval(r, c, part);
        if (rc == OK)
            rc = format_value(r, &t, gc_temp(r->h, mark));
        if (rc == OK)
            rc = pop_decref(r);
        if (rc < 0) {
            gc_free(t.s);
            unwind(r, mark);
            return rc;
        }
    }
    int32_t a = t.oom ? -1 : gc_strtab_intern(lang_atoms(r->p), t.s, t.n);
    gc_free(t.s);
    if (a < 0)
        return fatal(r);
    return push(r, GC_MKVAL(GC_V_STR, a));
}

/* MAKE_FUNCTION of a key=lambda: a tracked function object, alive until
 * the call that takes it returns (lambdas_die); eval_full's last case
 * (any other kind is a SystemError). */
static int eval_lambda(LangRun *r, const LangExpr *e)
{
    if (e->kind != LANG_E_LAMBDA)
        return raise(r, "SystemError", "unknown expression");
    if (lang_python(r->p) >= 314)
        return not_measured(r, "lambda");
    if (r->nlambdas == LANG_MAX_EXPR_DEPTH)
        return raise(r, "NotImplementedError", "gcviz: too many lambdas alive at once");
    const GcGlobals *g = gc_globals(r->h);
    for (int i = 0; i < 3; i++)
        r->lambda_colls[r->nlambdas][i] = g->stats[i].collections;
    r->nlambdas++;
    gc_count_hidden(r->h, 1);
    gc_hidden_live(r->h, 1);
    return push(r, GC_MKVAL(GC_V_FUNC, (int32_t)e->ival));
}

static LANG_NOINLINE int eval_full(LangRun *r, const Ctx *c, LangExpr *e)
{
    int mark = gc_temp_count(r->h);
    int rc;
    switch (e->kind) {
    case LANG_E_NONE:
        return push(r, GC_NONE);
    case LANG_E_BOOL:
        return push(r, GC_MKVAL(GC_V_BOOL, e->ival != 0));
    case LANG_E_INT:
        return push(r, LANG_INT_VALUE(e));
    case LANG_E_STR:
        return push(r, GC_MKVAL(GC_V_STR, e->atom));
    case LANG_E_NAME:
        if (r->py && is_module_name(r, c, e->atom))
            return raise(r, "TypeError",
                         "gcviz: the module '%s' can only be used to call its functions",
                         atom(r, e->atom));
        if (!r->py && (e->atom == r->a_gc || e->atom == r->a_weakref) && !is_local(c, e->atom) &&
            gc_var_get(r->h, 0, e->atom) == GC_UNBOUND)
            return raise(r, "TypeError", "the module '%s' cannot be used as a value here",
                         atom(r, e->atom));
        return load_name(r, c, e->atom, &e->hint);
    case LANG_E_ATTR:
        TRY(eval(r, c, e->base));
        rc = load_attr(r, e->atom);
        if (rc < 0)
            unwind(r, mark);
        return rc;
    case LANG_E_INDEX:
        TRY(eval(r, c, e->base));
        if (e->index->kind == LANG_E_SLICE) {
            rc = eval_slice_parts(r, c, e->index);
            if (rc == OK)
                rc = load_slice(r, e->index->nitems);
        } else {
            rc = eval(r, c, e->index);
            if (rc == OK)
                rc = load_item(r);
        }
        if (rc < 0)
            unwind(r, mark);
        return rc;
    case LANG_E_CALL:
        return eval_call(r, c, e);
    case LANG_E_LIST:
    case LANG_E_TUPLE:
        return eval_sequence(r, c, e, mark);
    case LANG_E_BINOP:
        TRY(eval(r, c, e->base));
        rc = eval(r, c, e->index);
        if (rc == OK)
            rc = binary_op(r, (int)e->ival);
        if (rc < 0)
            unwind(r, mark);
        return rc;
    case LANG_E_UNARY: {
        TRY(eval(r, c, e->base));
        GcValue v = gc_temp(r->h, mark);
        if (e->ival == LANG_OP_NOT) {
            int t = truthy(r, v);
            TRY(pop_decref(r));
            return push(r, GC_MKVAL(GC_V_BOOL, !t));
        }
        if (is_bigint(v)) {
            LBig a;
            TRY(big_of(r, v, &a));
            a.neg = !a.neg;
            pop(r);
            return push_big(r, &a);
        }
        if (!is_intlike(v)) {
            unwind(r, mark);
            return raise(r, "TypeError", "bad operand type for unary -: '%s'", type_name(r, v));
        }
        pop(r);
        return push_int(r, -(__int128)GC_VAL_PAYLOAD(v));
    }
    case LANG_E_BOOLOP:
        /* a and b: the first falsy operand (or the last); or: the first truthy */
        for (int32_t i = 0; i < e->nitems; i++) {
            rc = eval(r, c, e->items[i]);
            if (rc < 0) {
                unwind(r, mark);
                return rc;
            }
            if (i == e->nitems - 1)
                break;
            int t = truthy(r, gc_temp(r->h, mark));
            if ((e->ival == LANG_OP_AND) != t)
                break;
            TRY(pop_decref(r));
        }
        return OK;
    case LANG_E_IFEXP: {
        /* the test, POP_JUMP_IF_FALSE (3.13: TO_BOOL first): it is
         * released before the one branch that runs */
        TRY(eval(r, c, e->items[0]));
        int t = truthy(r, gc_temp(r->h, mark));
        TRY(pop_decref(r));
        return eval(r, c, e->items[t ? 1 : 2]);
    }
    case LANG_E_LISTCOMP:
    case LANG_E_DICTCOMP:
        return eval_comp(r, c, e, mark, TAIL_NONE, NULL);
    case LANG_E_COMPARE:
        return eval_compare(r, c, e, mark);
    case LANG_E_FSTRING:
        return eval_fstring(r, c, e, mark);
    case LANG_E_DICT:
        if (2 * e->nitems > LANG_STACK_USE_GUIDELINE)
            rc = build_big_dict(r, c, e);
        else
            rc = build_small_dict(r, c, e, 0, e->nitems);
        if (rc < 0)
            unwind(r, mark);
        return rc;
    }
    return eval_lambda(r, e);
}

/* ---- statements -------------------------------------------------------- */

/* A slice target t (stored to, or deleted if del), its container on the
 * stack: its parts, then STORE_SLICE / DELETE_SUBSCR; unwound to mark on
 * an error. */
static int slice_target(LangRun *r, const Ctx *c, LangExpr *t, int mark, int del)
{
    int rc = eval_slice_parts(r, c, t->index);
    if (rc == OK)
        rc = store_slice(r, t->index->nitems, del);
    if (rc < 0)
        unwind(r, mark);
    return rc;
}

/* Stores the value on top of the stack into target (STORE_*). */
static int store_target_(LangRun *r, const Ctx *c, LangExpr *t)
{
    int mark = gc_temp_count(r->h) - 1;
    if (t->kind == LANG_E_NAME)
        return store_name(r, c, t->atom, &t->hint);
    if (r->lean && t->kind == LANG_E_ATTR && t->base->kind == LANG_E_NAME) {
        const GcObject *o = peek_instance(r, c, t->base);
        if (o)
            return lean_store_attr(r, o, t->atom, pop(r));
    }
    if (t->kind == LANG_E_ATTR) {
        int rc = eval(r, c, t->base);
        if (rc < 0) {
            unwind(r, mark);
            return rc;
        }
        GcValue owner = gc_temp(r->h, mark + 1);
        const GcObject *o = obj_of(r, owner);
        if (r->py && btype(owner) >= 0) {
            unwind(r, mark);
            return btype_refused(r, owner);
        }
        if (r->py && GC_VAL_TAG(owner) == GC_V_CLASS) {
            rc = store_class_attr(r, (int32_t)GC_VAL_PAYLOAD(owner), t->atom);
            if (rc < 0)
                unwind(r, mark);
            return rc;
        }
        if (!o || o->kind != GC_KIND_INSTANCE) {
            unwind(r, mark);
            if (GC_VAL_TAG(owner) == GC_V_CLASS)
                return raise(r, "TypeError", "cannot set '%s' attribute of the class here",
                             atom(r, t->atom));
            return no_attr_store(r, owner, t->atom);
        }
        if (x_obj_class(r, owner) >= 0) {
            int xrc = x_store_attr(r, t->atom);
            if (xrc < 0)
                unwind(r, mark);
            return xrc;
        }
        owner = pop(r);
        GcValue v = pop(r);
        TRY(chk(r, gc_setattr(r->h, GC_VAL_ID(owner), t->atom, v)));
        return decref(r, owner);
    }
    /* t->kind == LANG_E_INDEX: [v, container, sub] */
    int rc = eval(r, c, t->base);
    if (rc == OK && t->index->kind == LANG_E_SLICE)
        return slice_target(r, c, t, mark, 0);
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
        TRY(chk(r, gc_slot_set(r->h, gc_object_id(r->h, o), i, 0, v)));
    } else if (o && o->kind == GC_KIND_DICT) {
        rc = dict_key_ok(r, sub);
        if (rc < 0) {
            unwind(r, mark);
            return rc;
        }
        GcValue v = gc_temp(r->h, mark);
        gc_incref(r->h, v);
        TRY(dict_store(r, gc_object_id(r->h, o), sub, v));
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

/* STORE_* and DELETE_* have their target's place in the traceback. */
static int store_target(LangRun *r, const Ctx *c, LangExpr *t)
{
    int rc = store_target_(r, c, t);
    if (rc == EXC)
        tb_note_expr(r, t);
    return rc;
}

static int delete_target_(LangRun *r, const Ctx *c, LangExpr *t)
{
    int mark = gc_temp_count(r->h);
    if (t->kind == LANG_E_NAME)
        return delete_name(r, c, t->atom);
    int rc = eval(r, c, t->base);
    if (rc == OK && t->kind == LANG_E_INDEX && t->index->kind == LANG_E_SLICE)
        return slice_target(r, c, t, mark, 1);
    if (rc == OK && t->kind == LANG_E_INDEX)
        rc = eval(r, c, t->index);
    if (rc < 0) {
        unwind(r, mark);
        return rc;
    }
    GcValue cont = gc_temp(r->h, mark);
    const GcObject *o = obj_of(r, cont);
    GcValue removed = GC_UNBOUND;
    if (t->kind == LANG_E_ATTR && o && o->kind == GC_KIND_INSTANCE && x_obj_class(r, cont) >= 0)
        return x_delete_attr(r, t->atom);
    if (t->kind == LANG_E_ATTR) {
        int d = (o && o->kind == GC_KIND_INSTANCE)
                    ? gc_delattr(r->h, gc_object_id(r->h, o), t->atom, &removed)
                    : 1;
        if (d < 0)
            return fatal(r);
        if (d > 0) { /* an instance or class has a __dict__, the others none */
            unwind(r, mark);
            return (o && o->kind == GC_KIND_INSTANCE) || GC_VAL_TAG(cont) == GC_V_CLASS
                       ? no_attr(r, cont, t->atom)
                       : no_attr_store(r, cont, t->atom);
        }
        TRY(decref(r, removed));
        return pop_decref(r);
    }
    GcValue sub = gc_temp(r->h, mark + 1);
    if (o && o->kind == GC_KIND_LIST) {
        uint32_t i = 0;
        rc = normalize_index(r, o, sub, &i, "list assignment index out of range");
        if (rc == OK)
            rc = chk(r, gc_slot_remove(r->h, gc_object_id(r->h, o), i, &removed));
    } else if (o && o->kind == GC_KIND_DICT) {
        rc = dict_key_ok(r, sub);
        int i = rc == OK ? dict_find_equal(r, o, sub) : -1;
        if (rc == OK && i < 0) {
            char kb[128];
            repr_key(r, sub, kb, sizeof kb);
            r->x_arg = sub, r->x_arg_kind = 1;
            rc = raise(r, "KeyError", "%s", kb);
        }
        if (rc == OK)
            rc = dict_del_entry(r, gc_object_id(r->h, o), (uint32_t)i, NULL);
    } else {
        /* PyObject_DelItem: an int key on a type with tp_as_sequence (a
         * tuple, a str, an instance) goes through PySequence_DelItem */
        int seq = GC_VAL_TAG(cont) == GC_V_STR || GC_VAL_TAG(cont) == GC_V_CONST ||
                  (o && (o->kind == GC_KIND_TUPLE || o->kind == GC_KIND_INSTANCE));
        rc = raise(r, "TypeError",
                   seq && is_intlike(sub) ? "'%s' object doesn't support item deletion"
                                          : "'%s' object does not support item deletion",
                   type_name(r, cont));
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

static int delete_target(LangRun *r, const Ctx *c, LangExpr *t)
{
    int rc = delete_target_(r, c, t);
    if (rc == EXC)
        tb_note_expr(r, t);
    return rc;
}

static void at_stmt(LangRun *r, LangStmt *s)
{
    gc_stmt(r->h, r->step, s->loc);
    if (r->ntb > 0) {
        r->tb_stack[r->ntb - 1].loc = s->loc;
        r->tb_stack[r->ntb - 1].st = s;
    }
}

static void tb_push(LangRun *r, int32_t func)
{
    if (r->ntb < (int)(sizeof r->tb_stack / sizeof r->tb_stack[0])) {
        r->tb_stack[r->ntb].func = func;
        r->tb_stack[r->ntb].loc = -1;
        r->tb_stack[r->ntb].st = NULL;
    }
    r->ntb++;
}

static void tb_pop(LangRun *r)
{
    if (r->ntb > 0)
        r->ntb--;
}

static int exec_body(LangRun *r, const Ctx *c, LangStmt **body, int32_t n, GcValue *ret,
                     int *returned)
{
    for (int32_t i = 0; i < n && !*returned; i++)
        TRY(exec_stmt(r, c, body[i], ret, returned));
    return OK;
}

/* The items of a constant tuple, from its repr (ints, strings, None,
 * bools, nested constant tuples): at most max; returns the count, -1 when
 * there are more or the text is not one, FATAL when out of memory. */
static int const_items(LangRun *r, int32_t a, GcValue *out, int max)
{
    const char *s = atom(r, a);
    size_t n = strlen(s);
    if (n < 2 || s[0] != '(')
        return -1;
    size_t i = 1;
    int k = 0;
    while (i < n - 1) {
        while (s[i] == ' ' || s[i] == ',')
            i++;
        if (i >= n - 1)
            break;
        if (k == max)
            return -1;
        size_t b = i;
        if (s[i] == '\'' || s[i] == '"') {
            char q = s[i++];
            TBuf t = {0};
            tb_str(&t, "");
            while (i < n && s[i] != q) {
                if (s[i] == '\\' && i + 1 < n) {
                    char e = s[i + 1];
                    char ch = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
                    if (e == 'x' && i + 3 < n) {
                        ch = (char)strtol((char[]){s[i + 2], s[i + 3], 0}, NULL, 16);
                        i += 2;
                    }
                    tb_put(&t, &ch, 1);
                    i += 2;
                } else {
                    tb_put(&t, s + i, 1);
                    i++;
                }
            }
            i++;
            int32_t x = t.oom ? -1 : gc_strtab_intern(lang_atoms(r->p), t.s, t.n);
            gc_free(t.s);
            if (x < 0)
                return fatal(r);
            out[k++] = GC_MKVAL(GC_V_STR, x);
        } else if (s[i] == '(') {
            int depth = 0;
            int inq = 0;
            char q = 0;
            for (; i < n; i++) {
                if (inq) {
                    if (s[i] == '\\')
                        i++;
                    else if (s[i] == q)
                        inq = 0;
                } else if (s[i] == '\'' || s[i] == '"') {
                    inq = 1;
                    q = s[i];
                } else if (s[i] == '(')
                    depth++;
                else if (s[i] == ')' && --depth == 0) {
                    i++;
                    break;
                }
            }
            int32_t x = gc_strtab_intern(lang_atoms(r->p), s + b, i - b);
            if (x < 0)
                return fatal(r);
            out[k++] = GC_MKVAL(GC_V_CONST, x);
        } else if (strncmp(s + i, "None", 4) == 0) {
            out[k++] = GC_NONE;
            i += 4;
        } else if (strncmp(s + i, "True", 4) == 0) {
            out[k++] = GC_MKVAL(GC_V_BOOL, 1);
            i += 4;
        } else if (strncmp(s + i, "False", 5) == 0) {
            out[k++] = GC_MKVAL(GC_V_BOOL, 0);
            i += 5;
        } else {
            char *end;
            long long v = strtoll(s + i, &end, 10);
            if (end == s + i)
                return -1;
            out[k++] = GC_MKVAL(GC_V_INT, v);
            i = (size_t)(end - s);
        }
    }
    return k;
}

static int store_target(LangRun *r, const Ctx *c, LangExpr *t);

/* UNPACK_SEQUENCE: [seq] -> the targets, left to right. */
static int unpack_store_(LangRun *r, const Ctx *c, LangExpr *t)
{
    GcValue seq = gc_temp(r->h, gc_temp_count(r->h) - 1);
    int want = t->nitems;
    GcValue cv[64];
    const GcObject *o = obj_of(r, seq);
    int have;
    if (o && (o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE))
        have = (int)gc_nslots(o);
    else if (GC_VAL_TAG(seq) == GC_V_CONST) {
        have = const_items(r, (int32_t)GC_VAL_PAYLOAD(seq), cv, 64);
        if (have == FATAL)
            return FATAL;
        if (have < 0)
            return raise(r, "TypeError", "gcviz: cannot unpack this constant");
    } else if (o && o->kind == GC_KIND_DICT) {
        have = (int)gc_nslots(o);
    } else
        return raise(r, "TypeError", "cannot unpack non-iterable %s object", type_name(r, seq));
    if (have > want)
        return raise(r, "ValueError", "too many values to unpack (expected %d)", want);
    if (have < want)
        return raise(r, "ValueError", "not enough values to unpack (expected %d, got %d)", want,
                     have);
    seq = pop(r);
    for (int i = want - 1; i >= 0; i--) {
        GcValue v = o ? (o->kind == GC_KIND_DICT ? gc_slot(o, i).key : gc_slot(o, i).val) : cv[i];
        gc_incref(r->h, v);
        TRY(push(r, v));
    }
    TRY(decref(r, seq));
    for (int i = 0; i < want; i++)
        TRY(store_target(r, c, t->items[i]));
    return OK;
}

/* UNPACK_SEQUENCE: the target tuple's place in the traceback. */
static int unpack_store(LangRun *r, const Ctx *c, LangExpr *t)
{
    int rc = unpack_store_(r, c, t);
    if (rc == EXC)
        tb_note_expr(r, t);
    return rc;
}

static void bind_def(LangRun *r, const Ctx *c, int32_t name, GcValue v, int *rc)
{
    *rc = push(r, v);
    if (*rc == OK)
        *rc = store_name(r, c, name, NULL);
}

/* rc of the call v: an exception it raises has v's place (the attribute's
 * when a method was not found). */
static int call_place(LangRun *r, LangExpr *v, int rc)
{
    if (rc == EXC) {
        if (v->base->kind == LANG_E_ATTR)
            method_lookup_place(r, v->base);
        tb_note_expr(r, v);
    }
    return rc;
}

/* for over range(...): its arguments evaluated and checked, the range
 * in *start, *stop, *step (set by the caller to 0, 0, 1). */
static int for_range_args(LangRun *r, const Ctx *c, LangExpr *v, int mark, int64_t *start,
                          int64_t *stop, int64_t *step)
{
    if (v->keys || v->nitems < 1 || v->nitems > 3)
        return raise(r, "TypeError", "range expected at most 3 arguments, got %d", v->nitems);
    TRY(eval_args(r, c, v, mark));
    int64_t a[3];
    for (int i = 0; i < v->nitems; i++) {
        GcValue x = gc_temp(r->h, mark + i);
        if (!is_intlike(x)) {
            unwind(r, mark);
            return raise(r, "TypeError", "'%s' object cannot be interpreted as an integer",
                         type_name(r, x));
        }
        a[i] = GC_VAL_PAYLOAD(x);
    }
    unwind(r, mark);
    if (v->nitems == 1)
        *stop = a[0];
    else {
        *start = a[0];
        *stop = a[1];
        if (v->nitems == 3)
            *step = a[2];
    }
    if (*step == 0)
        return raise(r, "ValueError", "range() arg 3 must not be zero");
    int64_t count = *step > 0 ? (*stop > *start ? (*stop - *start + *step - 1) / *step : 0)
                              : (*start > *stop ? (*start - *stop - *step - 1) / -*step : 0);
    if (count > LANG_MAX_RANGE)
        return raise(r, "ValueError", "range of %lld iterations is over gcviz's limit of %d",
                     (long long)count, LANG_MAX_RANGE);
    TRY(safe_point(r)); /* after the call of range */
    return OK;
}

static int iter_open_call(LangRun *r, const Ctx *c, LangExpr *v, int mark, Iter *it);
static int iter_close(LangRun *r, Iter *it);
static int stack_swap(LangRun *r, int n, int ends);

/* GET_ITER of the value at stack[mark] (a list, tuple, dict or constant
 * tuple): the iterator object counted, its container kept at mark. */
static int iter_of_value(LangRun *r, int mark, Iter *it)
{
    GcHeap *h = r->h;
    GcValue x = gc_temp(h, mark);
    const GcObject *o = obj_of(r, x);
    if (GC_VAL_TAG(x) == GC_V_CONST) {
        it->ncv = const_items(r, (int32_t)GC_VAL_PAYLOAD(x), it->cv, 256);
        if (it->ncv == FATAL)
            return FATAL;
        if (it->ncv < 0)
            return raise(r, "TypeError", "gcviz: cannot iterate over this constant");
        it->iter_obj = lang_python(r->p) < 314;
    } else if (o &&
               (o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE || o->kind == GC_KIND_DICT)) {
        it->iter_obj = o->kind == GC_KIND_DICT || lang_python(r->p) < 314;
        it->dict_used = gc_nslots(o);
    } else {
        if (GC_VAL_TAG(x) == GC_V_STR)
            return raise(r, "TypeError", "gcviz: iterating over a string is not supported");
        return raise(r, "TypeError", "'%s' object is not iterable", type_name(r, x));
    }
    if (it->iter_obj)
        gc_count_hidden(h, 1);
    it->at = mark;
    return OK;
}

/* The result tuple of an items() or enumerate iterator, (None, None),
 * pushed under the container (at mark + 1, which moves up). */
static int iter_result_tuple(LangRun *r, int mark, Iter *it)
{
    GcId t = gc_new(r->h, GC_KIND_TUPLE, 2);
    if (!t)
        return fatal(r);
    TRY(chk(r, gc_slot_set(r->h, t, 0, 0, GC_NONE)));
    TRY(chk(r, gc_slot_set(r->h, t, 1, 0, GC_NONE)));
    TRY(push(r, GC_VAL_OBJ(t)));
    TRY(stack_swap(r, 2, 1));
    it->res_at = mark;
    it->at = mark + 1;
    return OK;
}

/* for ... in d.items() / d.keys() / d.values() / enumerate(x[, start])
 * (the parser lets these calls stand only as the iterable of a for loop
 * or a comprehension): the call (a view object or the enumerate object,
 * count[0] + 1; enumerate makes x's iterator and its result tuple in it),
 * the eval-breaker check after it, then GET_ITER (a view makes the dict's
 * iterator, with a result tuple for items(), and dies).  Any other call
 * is evaluated and iterated as a value. */
static int iter_open_call(LangRun *r, const Ctx *c, LangExpr *v, int mark, Iter *it)
{
    /* what the call raises has its place (the rest: GET_ITER's, the caller's) */
#define CALL_RC(x) call_place(r, v, (x))
    GcHeap *h = r->h;
    LangExpr *b = v->base;
    int rc = OK;
    if (b->kind == LANG_E_ATTR &&
        (b->atom == r->a_items || b->atom == r->a_keys || b->atom == r->a_values)) {
        TRY(eval(r, c, b->base));
        const GcObject *o = obj_of(r, gc_temp(h, mark));
        if (!o || o->kind != GC_KIND_DICT) {
            rc = CALL_RC(call_attribute_of(r, c, v, mark));
        } else {
            if (lang_python(r->p) >= 314) {
                unwind(r, mark);
                return CALL_RC(not_measured(r, "dict views"));
            }
            rc = eval_args(r, c, v, mark);
            if (rc == OK && v->nitems != 0)
                rc = raise(r, "TypeError", "dict.%s() takes no arguments (%d given)",
                           atom(r, b->atom), v->nitems);
            if (rc < 0) {
                unwind(r, mark);
                return CALL_RC(rc);
            }
            gc_count_hidden(h, 1); /* the view (its reference to d: the one on the stack) */
            rc = safe_point(r);    /* after the CALL */
            it->view = b->atom == r->a_items  ? ITER_ITEMS
                       : b->atom == r->a_keys ? ITER_KEYS
                                              : ITER_VALUES;
            if (rc == OK)
                rc = iter_of_value(r, mark, it); /* dictiter_new */
            if (rc == OK && it->view == ITER_ITEMS)
                rc = iter_result_tuple(r, mark, it);
            if (rc == OK)
                gc_count_hidden(h, -1); /* the view dies (GET_ITER) */
            if (rc < 0)
                unwind(r, mark);
            return rc;
        }
    } else if (b->kind == LANG_E_NAME && b->atom == r->a_enumerate && !is_local(c, b->atom) &&
               gc_var_get(h, 0, b->atom) == GC_UNBOUND) {
        if (lang_python(r->p) >= 314)
            return CALL_RC(not_measured(r, "enumerate"));
        if (v->keys)
            return CALL_RC(
                raise(r, "TypeError", "gcviz: enumerate() takes its arguments by position here"));
        TRY(CALL_RC(eval_args(r, c, v, mark)));
        if (v->nitems == 0)
            rc = raise(r, "TypeError", "enumerate() missing required argument 'iterable'");
        else if (v->nitems > 2)
            rc = raise(r, "TypeError", "enumerate() takes at most 2 arguments (%d given)",
                       v->nitems);
        if (rc < 0) {
            unwind(r, mark);
            return CALL_RC(rc);
        }
        gc_count_hidden(h, 1); /* the enumerate object */
        if (v->nitems == 2) {
            GcValue st = pop(r);
            if (GC_VAL_TAG(st) == GC_V_INT || GC_VAL_TAG(st) == GC_V_BOOL)
                it->enum_index = GC_VAL_PAYLOAD(st);
            else if (GC_VAL_TAG(st) == GC_V_BIGINT)
                rc = raise(r, "TypeError", "gcviz: enumerate()'s start must fit 59 bits here");
            else
                rc = raise(r, "TypeError", "'%s' object cannot be interpreted as an integer",
                           type_name(r, st));
            if (rc == OK)
                rc = decref(r, st);
            else
                decref(r, st);
        }
        if (rc == OK)
            rc = iter_of_value(r, mark, it); /* en_sit */
        if (rc == OK)
            rc = iter_result_tuple(r, mark, it);
        if (rc < 0) {
            gc_count_hidden(h, -1); /* the enumerate object dies */
            unwind(r, mark);
            return CALL_RC(rc);
        }
        it->is_enum = 1;
        rc = safe_point(r); /* after the CALL; GET_ITER returns the object itself */
        if (rc < 0) {
            iter_close(r, it);
            unwind(r, mark);
        }
        return rc;
    } else {
        rc = eval(r, c, v);
    }
    if (rc < 0)
        return rc;
    rc = iter_of_value(r, mark, it);
    if (rc < 0)
        unwind(r, mark);
    return rc;
#undef CALL_RC
}

/* Evaluates v and opens its iterator (GET_ITER); the stack is left as it
 * was at mark on an error. */
static int iter_open(LangRun *r, const Ctx *c, LangExpr *v, int mark, Iter *it)
{
    GcHeap *h = r->h;
    it->is_range = v->kind == LANG_E_CALL && v->base->kind == LANG_E_NAME &&
                   v->base->atom == r->a_range && !is_local(c, r->a_range) &&
                   gc_var_get(h, 0, r->a_range) == GC_UNBOUND;
    it->ncv = -1;
    it->iter_obj = 0;
    it->at = -1;
    it->k = 0;
    it->view = ITER_KEYS;
    it->is_enum = 0;
    it->enum_index = 0;
    it->res_at = -1;
    if (!it->is_range && v->kind == LANG_E_CALL)
        return iter_open_call(r, c, v, mark, it);
    if (it->is_range) {
        int64_t start = 0;
        it->stop = 0;
        it->step = 1;
        TRY(for_range_args(r, c, v, mark, &start, &it->stop, &it->step));
        it->i = start;
        return OK;
    }
    TRY(eval(r, c, v));
    int rc = iter_of_value(r, mark, it);
    if (rc < 0)
        unwind(r, mark);
    return rc;
}

/* The next item of an items() or enumerate iterator, from a and b (new
 * references): its result tuple again when only the iterator holds it
 * (dictiter_iternextitem, enum_next: the old items released after the new
 * ones are in, the tuple tracked again if a collection untracked it),
 * else a new tuple. */
static int iter_pair(LangRun *r, Iter *it, GcValue a, GcValue b, GcValue *item)
{
    GcHeap *h = r->h;
    GcId t = GC_VAL_ID(gc_temp(h, it->res_at));
    if (gc_object(h, t)->refcnt == 1) {
        gc_incref(h, GC_VAL_OBJ(t));
        /* storing and releasing one slot after the other stands for
         * CPython's two stores, then two releases: the old first item (a
         * key, an index) is still held by the dict, so its release frees
         * nothing in between */
        TRY(chk(r, gc_slot_set(h, t, 0, 0, a)));
        TRY(chk(r, gc_slot_set(h, t, 1, 0, b)));
        gc_track_again(h, t);
    } else {
        if (!(t = gc_new(h, GC_KIND_TUPLE, 2)))
            return fatal(r);
        TRY(chk(r, gc_slot_set(h, t, 0, 0, a)));
        TRY(chk(r, gc_slot_set(h, t, 1, 0, b)));
    }
    *item = GC_VAL_OBJ(t);
    return 1;
}

/* FOR_ITER: the next item as a new reference in *item, 1; 0 at the end;
 * EXC if a dict changed size since the iterator was made. */
static int iter_next(LangRun *r, Iter *it, GcValue *item)
{
    uint32_t k = it->k++;
    if (it->is_range) {
        if (it->step > 0 ? it->i >= it->stop : it->i <= it->stop)
            return 0;
        *item = GC_MKVAL(GC_V_INT, it->i);
        it->i += it->step;
        return 1;
    }
    GcValue x;
    if (it->ncv >= 0) {
        if ((int)k >= it->ncv)
            return 0;
        x = it->cv[k];
    } else {
        const GcObject *o = gc_object(r->h, GC_VAL_ID(gc_temp(r->h, it->at)));
        if (o->kind == GC_KIND_DICT && gc_nslots(o) != it->dict_used) {
            it->k--;
            return raise(r, "RuntimeError", "dictionary changed size during iteration");
        }
        if (k >= gc_nslots(o))
            return 0;
        if (o->kind != GC_KIND_DICT)
            x = gc_slot(o, k).val;
        else if (it->view == ITER_ITEMS) {
            GcSlot sl = gc_slot(o, k);
            gc_incref(r->h, sl.key);
            gc_incref(r->h, sl.val);
            return iter_pair(r, it, sl.key, sl.val, item);
        } else
            x = it->view == ITER_VALUES ? gc_slot(o, k).val : gc_slot(o, k).key;
        gc_incref(r->h, x);
    }
    if (it->is_enum)
        return iter_pair(r, it, GC_MKVAL(GC_V_INT, it->enum_index++), x, item);
    *item = x;
    return 1;
}

/* The iterator dies: its container reference is released.  A dict
 * view's iterator or an enumerate object (with its result tuple): the
 * container, [the enumerate's own iterator of it,] the tuple, then the
 * object itself, as their deallocators go. */
static int iter_close(LangRun *r, Iter *it)
{
    if (it->at < 0)
        return OK;
    GcValue cont = gc_temp_take(r->h, it->at);
    if (it->res_at < 0 && !it->is_enum) {
        if (it->iter_obj)
            gc_count_hidden(r->h, -1);
        return decref(r, cont);
    }
    int rc = decref(r, cont);
    if (it->is_enum && it->iter_obj)
        gc_count_hidden(r->h, -1);
    if (it->res_at >= 0 && rc != FATAL) {
        int rt = decref(r, gc_temp_take(r->h, it->res_at));
        rc = rc == OK ? rt : rc;
    }
    gc_count_hidden(r->h, -1); /* the enumerate object or the dict's iterator */
    it->at = it->res_at = -1;
    return rc;
}

/* ---- comprehensions (PEP 709: inlined, no function, no frame) ----------- */

/* Pops the n top entries of the stack and pushes them back in the order
 * perm gives (perm[j]: which of them, 0 the deepest, goes j-th): the
 * compiler's SWAPs around an inlined comprehension. */
static int stack_permute(LangRun *r, int n, const int *perm)
{
    GcValue small[16];
    GcValue *v = n <= 16 ? small : gc_malloc((size_t)n * sizeof *v);
    if (!v)
        return fatal(r);
    for (int i = n - 1; i >= 0; i--)
        v[i] = pop(r);
    int rc = OK;
    for (int j = 0; j < n; j++)
        if (rc == OK)
            rc = push(r, v[perm[j]]);
    if (v != small)
        gc_free(v);
    return rc;
}

/* SWAP n (ends = 1: the top and the n-th entries exchange); with ends = 0
 * the rotation that brings the top entry to the bottom of the n, which is
 * SWAP n + 1 when the top one is missing (a range's iterator: no object
 * here). */
static int stack_swap(LangRun *r, int n, int ends)
{
    int small[16];
    int *perm = n <= 16 ? small : gc_malloc((size_t)n * sizeof *perm);
    if (!perm)
        return fatal(r);
    for (int j = 0; j < n; j++)
        perm[j] = ends ? (j == 0 ? n - 1 : j == n - 1 ? 0 : j) : (j == 0 ? n - 1 : j - 1);
    int rc = n > 1 ? stack_permute(r, n, perm) : OK;
    if (perm != small)
        gc_free(perm);
    return rc;
}

/* Where a comprehension's variables live: its function's frame, or at
 * module level the module frame under their hidden names. */
static int comp_depth(const Ctx *c)
{
    return c->fi ? c->depth : 0;
}

/* A statement's worth of bookkeeping (each statement, and each iteration
 * of a comprehension): the history's budget, gcviz's limit on statements
 * and the progress report. */
static int stmt_tick(LangRun *r)
{
    if (gc_failed(r->h))
        return fatal(r);
    if (++r->executed > r->opt.max_stmts)
        return raise(r, "RuntimeError", "more than %lld statements executed (gcviz's limit)",
                     (long long)r->opt.max_stmts);
    if (r->executed >= r->progress_at && report_progress(r))
        return fatal(r);
    return OK;
}

/* LIST_APPEND / MAP_ADD: the element (or key and value) on top of the
 * stack go into the container at place `at`. */
static int comp_add(LangRun *r, const Ctx *c, LangExpr *e, int at)
{
    int32_t ng = (int32_t)e->ival;
    int mark = gc_temp_count(r->h);
    int rc = eval(r, c, e->items[ng]);
    if (rc == OK && e->kind == LANG_E_DICTCOMP)
        rc = eval(r, c, e->items[ng + 1]);
    if (rc == OK && e->kind == LANG_E_DICTCOMP)
        rc = dict_key_ok(r, gc_temp(r->h, mark));
    if (rc < 0) {
        unwind(r, mark);
        return rc;
    }
    GcId id = GC_VAL_ID(gc_temp(r->h, at));
    GcValue v = pop(r);
    if (e->kind == LANG_E_LISTCOMP)
        return chk(r, gc_slot_set(r->h, id, gc_nslots(gc_object(r->h, id)), 0, v));
    TRY(dict_store(r, id, gc_temp(r->h, gc_temp_count(r->h) - 1), v));
    return pop_decref(r); /* MAP_ADD: _PyDict_SetItem_Take2 took the key's reference */
}

/* The loop of generator g of comprehension e, its iterator open in *it,
 * the container being built at place `at`: each item stored to the
 * target, the conditions tested, then the next generator or the element
 * added; each iteration ends at the loop's JUMP_BACKWARD (an eval-breaker
 * check).  The iterator is closed on the way out, error or not. */
static int comp_loop(LangRun *r, const Ctx *c, LangExpr *e, int32_t g, Iter *it, int at)
{
    LangExpr *gen = e->items[g];
    int rc = OK, top = gc_temp_count(r->h);
    GcValue item;
    int more;
    while (rc == OK && (rc = stmt_tick(r)) == OK && (more = iter_next(r, it, &item)) != 0) {
        if (more < 0) {
            rc = more;
            break;
        }
        rc = push(r, item);
        if (rc == OK)
            rc = gen->index->kind == LANG_E_TUPLE ? unpack_store(r, c, gen->index)
                                                  : store_target(r, c, gen->index);
        int pass = 1;
        for (int32_t i = 0; rc == OK && pass && i < gen->nitems; i++) {
            int mark = gc_temp_count(r->h);
            rc = eval(r, c, gen->items[i]);
            if (rc == OK) {
                pass = truthy(r, gc_temp(r->h, mark));
                rc = pop_decref(r);
            }
        }
        if (rc == OK && pass && g + 1 < (int32_t)e->ival) {
            Iter inner;
            int mark = gc_temp_count(r->h);
            rc = iter_open(r, c, e->items[g + 1]->base, mark, &inner);
            if (rc == OK)
                rc = comp_loop(r, c, e, g + 1, &inner, at);
        } else if (rc == OK && pass) {
            rc = comp_add(r, c, e, at);
        }
        if (rc == OK)
            rc = safe_point(r); /* JUMP_BACKWARD */
    }
    if (rc == FATAL)
        return rc;
    if (rc < 0)
        unwind(r, top); /* what is above the iterator goes first */
    int rc2 = iter_close(r, it);
    return rc == OK ? rc2 : rc;
}

/* [elt for ...] / {k: v for ...} as CPython 3.12+ runs it inlined: the
 * first iterable evaluated and its iterator made in the scope around it;
 * the variables the comprehension binds saved (LOAD_FAST_AND_CLEAR: their
 * values move onto the stack, the variables unbound) under the iterator,
 * the last one lowest (SWAP); BUILD_LIST / BUILD_MAP; the loops; then the
 * iterator gone, each variable restored, the last first (SWAP, STORE_FAST:
 * the value of its last iteration released).  On an exception the
 * container is released first, then the variables are restored as
 * well. */
static int eval_comp(LangRun *r, const Ctx *c, LangExpr *e, int mark, int tail, LangExpr *sink)
{
    if (lang_python(r->p) >= 314) /* not measured: no 3.14 or 3.15 at hand */
        return raise(r, "NotImplementedError",
                     "gcviz models comprehensions for CPython 3.12 and 3.13 only");
    Iter it;
    TRY(iter_open(r, c, e->items[0]->base, mark, &it));
    /* an items() or enumerate iterator's result tuple lies under it: the
     * comprehension's stack starts above it until the iterator is gone */
    int under = it.res_at >= 0;
    mark += under;
    int n = e->nlocals, depth = comp_depth(c), has_it = it.at >= 0;
    int rc = OK;
    for (int i = 0; i < n && rc == OK; i++)
        rc = push(r, gc_var_take(r->h, depth, e->ops[i]));
    if (rc == OK)
        rc = stack_swap(r, n + has_it, has_it);
    GcId id = 0;
    if (rc == OK && !(id = gc_new(r->h, e->kind == LANG_E_LISTCOMP ? GC_KIND_LIST : GC_KIND_DICT,
                                  e->kind == LANG_E_LISTCOMP ? 0 : -1)))
        rc = fatal(r);
    if (rc == OK)
        rc = push(r, GC_VAL_OBJ(id));
    if (rc == OK && has_it)
        rc = stack_swap(r, 2, 1);
    if (rc != OK) {
        unwind(r, mark - under);
        return rc;
    }
    it.at = has_it ? mark + n + 1 : -1;
    rc = comp_loop(r, c, e, 0, &it, mark + n);
    mark -= under; /* comp_loop closed the iterator, its tuple too */
    if (rc == FATAL)
        return rc;
    if (rc < 0) /* the handler: SWAP 2, POP_TOP (the container) */
        rc = decref(r, gc_temp_take(r->h, mark + n)) == FATAL ? FATAL : rc;
    if (rc == OK && tail != TAIL_NONE) {
        /* apply_static_swaps (flowgraph.c) turned SWAP n + 1, the
         * STORE_FASTs and the next instruction into: that instruction
         * (the result stored to a local, or popped), the variables from
         * the (n-1)-th to the first, then the n-th */
        int rs = tail == TAIL_POP_TOP ? pop_decref(r) : store_name(r, c, sink->atom, &sink->hint);
        for (int i = n - 2; i >= -1 && rs == OK; i--)
            rs = chk(r, gc_var_set(r->h, depth, e->ops[i >= 0 ? i : n - 1], pop(r)));
        return rs;
    }
    if (rc != FATAL) {
        /* SWAP n + 1, then STORE_FAST of each variable, the last first
         * (the one lowest on the stack) */
        int rs = rc == OK ? stack_swap(r, n + 1, 1) : OK;
        for (int i = n - 1; i >= 0 && rs == OK; i--)
            rs = chk(r, gc_var_set(r->h, depth, e->ops[i],
                                   rc == OK || i < n - 1 ? pop(r) : gc_temp_take(r->h, mark)));
        if (rs != OK)
            rc = rs == FATAL || rc == OK ? rs : rc;
    }
    if (rc < 0)
        unwind(r, mark);
    return rc;
}

/* for target in value: body. */
static int exec_for_in(LangRun *r, const Ctx *c, LangStmt *s, GcValue *ret, int *returned)
{
    int mark = gc_temp_count(r->h);
    Iter it;
    int rc = iter_open(r, c, s->value, mark, &it);
    if (rc == EXC) /* GET_ITER: the for statement's place in 3.12, its iterable's in 3.13 */
        tb_note(r, lang_python(r->p) >= 313 ? s->value->off : s->off,
                lang_python(r->p) >= 313 ? s->value->end : s->end,
                lang_python(r->p) >= 313 ? s->value : NULL, 0);
    TRY(rc);
    GcValue item;
    int more;
    while (rc == OK && (more = iter_next(r, &it, &item)) != 0) {
        at_stmt(r, s);
        if (more < 0) {
            /* raised by FOR_ITER: the traceback shows the for line */
            if (r->ntb_snap > 0 && r->ntb_snap == r->ntb) {
                r->tb_snap[r->ntb_snap - 1].loc = s->loc;
                r->tb_snap[r->ntb_snap - 1].st = s;
            }
            tb_note(r, lang_python(r->p) >= 313 ? s->value->off : s->off,
                    lang_python(r->p) >= 313 ? s->value->end : s->end,
                    lang_python(r->p) >= 313 ? s->value : NULL, 1);
            rc = more;
            break;
        }
        if (r->lean && s->target->kind == LANG_E_NAME) {
            rc = store_name_value(r, c, s->target->atom, &s->target->hint, item);
        } else {
            rc = push(r, item);
            if (rc == OK)
                rc = s->target->kind == LANG_E_TUPLE ? unpack_store(r, c, s->target)
                                                     : store_target(r, c, s->target);
        }
        if (rc == OK)
            rc = exec_body(r, c, s->body, s->nbody, ret, returned);
        if (rc != OK || *returned == 1)
            break;
        if (*returned == 2) {
            *returned = 0;
            break;
        }
        *returned = 0;
        rc = safe_point(r); /* JUMP_BACKWARD */
    }
    if (rc == FATAL)
        return rc;
    int rc2 = iter_close(r, &it);
    if (rc == OK)
        rc = rc2;
    if (rc < 0)
        unwind(r, mark);
    return rc;
}

/* The value and the operation of an augmented assignment, the target's
 * current value loaded (rc: how loading it went): [..., cur] ->
 * [..., result].  On an error the stack is unwound to mark. */
static int aug_op(LangRun *r, const Ctx *c, LangStmt *s, int mark, int rc)
{
    if (rc == OK)
        rc = eval(r, c, s->value);
    if (rc == OK && (rc = inplace_op(r, s->op)) == EXC)
        tb_note(r, s->off, s->end, NULL, 0);
    if (rc < 0)
        unwind(r, mark);
    return rc;
}

/* target OP= value */
static int exec_augassign_(LangRun *r, const Ctx *c, LangStmt *s)
{
    GcHeap *h = r->h;
    int mark = gc_temp_count(h);
    LangExpr *t = s->target;
    int rc;
    if (t->kind == LANG_E_NAME) {
        TRY(load_name(r, c, t->atom, &t->hint));
        rc = eval(r, c, s->value);
        if (rc == OK && (rc = inplace_op(r, s->op)) == EXC)
            tb_note(r, s->off, s->end, NULL, 0);
        if (rc == OK)
            rc = store_name(r, c, t->atom, &t->hint);
        if (rc < 0)
            unwind(r, mark);
        return rc;
    }
    if (t->kind == LANG_E_ATTR) {
        TRY(eval(r, c, t->base));
        GcValue owner = gc_temp(h, mark);
        gc_incref(h, owner); /* COPY */
        rc = push(r, owner);
        if (rc == OK)
            rc = load_attr(r, t->atom);
        TRY(aug_op(r, c, s, mark, rc));
        /* [owner, result] -> SWAP -> STORE_ATTR */
        GcValue res = pop(r);
        owner = pop(r);
        TRY(push(r, res));
        TRY(push(r, owner));
        const GcObject *o = obj_of(r, owner);
        if (o && o->kind == GC_KIND_INSTANCE && x_obj_class(r, owner) >= 0) {
            rc = x_store_attr(r, t->atom);
            if (rc < 0)
                unwind(r, mark);
            return rc;
        }
        if (o && o->kind == GC_KIND_INSTANCE) {
            owner = pop(r);
            GcValue v = pop(r);
            TRY(chk(r, gc_setattr(h, GC_VAL_ID(owner), t->atom, v)));
            return decref(r, owner);
        }
        if (btype(owner) >= 0) {
            unwind(r, mark);
            return btype_refused(r, owner);
        }
        if (GC_VAL_TAG(owner) == GC_V_CLASS) {
            rc = store_class_attr(r, (int32_t)GC_VAL_PAYLOAD(owner), t->atom);
            if (rc < 0)
                unwind(r, mark);
            return rc;
        }
        unwind(r, mark);
        return no_attr_store(r, owner, t->atom);
    }
    /* subscript: [cont, sub] COPY 2 -> BINARY_SUBSCR -> op -> store */
    TRY(eval(r, c, t->base));
    rc = eval(r, c, t->index);
    if (rc < 0) {
        unwind(r, mark);
        return rc;
    }
    GcValue cont = gc_temp(h, mark), sub = gc_temp(h, mark + 1);
    gc_incref(h, cont);
    gc_incref(h, sub);
    rc = push(r, cont);
    if (rc == OK)
        rc = push(r, sub);
    if (rc == OK)
        rc = load_item(r);
    TRY(aug_op(r, c, s, mark, rc));
    /* [cont, sub, res] -> [res, cont, sub] (SWAP 3, SWAP 2) */
    GcValue res = pop(r);
    sub = pop(r);
    cont = pop(r);
    TRY(push(r, res));
    TRY(push(r, cont));
    TRY(push(r, sub));
    /* store_target's subscript path evaluates base and index itself, so
     * do the STORE_SUBSCR here */
    const GcObject *o = obj_of(r, cont);
    if (o && o->kind == GC_KIND_LIST) {
        uint32_t i;
        rc = normalize_index(r, o, sub, &i, "list assignment index out of range");
        if (rc == OK) {
            gc_incref(h, res);
            rc = chk(r, gc_slot_set(h, gc_object_id(r->h, o), i, 0, res));
        }
    } else if (o && o->kind == GC_KIND_DICT) {
        rc = dict_key_ok(r, sub);
        if (rc == OK) {
            gc_incref(h, res);
            rc = dict_store(r, gc_object_id(r->h, o), sub, res);
        }
    } else {
        rc = raise(r, "TypeError", "'%s' object does not support item assignment",
                   type_name(r, cont));
    }
    if (rc < 0) {
        unwind(r, mark);
        return rc;
    }
    sub = pop(r);
    cont = pop(r);
    res = pop(r);
    TRY(decref(r, res));
    TRY(decref(r, cont));
    return decref(r, sub);
}

/* The operator of an augmented assignment has the statement's place in
 * the traceback, the load and the store of its target the target's. */
static int exec_augassign(LangRun *r, const Ctx *c, LangStmt *s)
{
    int rc = exec_augassign_(r, c, s);
    if (rc == EXC)
        tb_note_expr(r, s->target);
    return rc;
}

/* Tracked objects a statement leaves alive that the heap does not show
 * (gc_hidden_live), measured as len(gc.get_objects()) after one and after
 * two gc.collect() on 3.12.1 and 3.13.0.  A def: its function.  A class:
 * its type and mro tuple, the weakref to it in its base's subclasses, its
 * dict (which holds tracked values: the __dict__ and __weakref__
 * descriptors of a class without a base, and the methods; a subclass
 * without methods has a dict the next full collection untracks), for a
 * class with a base its bases tuple and, for the base's first subclass,
 * the base's subclasses dict; and each method's function.  On 3.15.0rc1
 * (pyodide; len(gc.get_objects()) around each statement): a class without
 * a base leaves 2 fewer (the __dict__ and __weakref__ descriptors are
 * shared between classes from 3.15 on), and from 3.14 on dicts are always
 * tracked, so a method-less subclass's dict stays. */
/* Is class k the first subclass made of its base (which then gets its
 * tp_subclasses dict)?  0 for a class without a base. */
static int first_subclass(const LangRun *r, int32_t k)
{
    int32_t base = lang_class(r->p, k)->base, xbase = lang_class(r->p, k)->xbase;
    if (xbase >= 0) {
        /* the built-in exception classes that have subclasses when the
         * program starts (type.__subclasses__, 3.12.1 and 3.13.0) */
        static const char *const had[] = {"BaseException", "Exception", "ArithmeticError",
                                          "LookupError",   "NameError", "ValueError",
                                          "RuntimeError"};
        for (size_t i = 0; i < sizeof had / sizeof had[0]; i++)
            if (strcmp(gc_strtab_get(lang_atoms(r->p), xbase), had[i]) == 0)
                return 0;
        for (int32_t j = 0; j < k; j++)
            if (lang_class(r->p, j)->xbase == xbase && r->class_made[j])
                return 0;
        return 1;
    }
    if (base < 0)
        return 0;
    for (int32_t j = 0; j < k; j++)
        if (lang_class(r->p, j)->base == base && r->class_made[j])
            return 0;
    return 1;
}

/* The methods of class k that call super() (each has a closure tuple
 * holding the class body's __class__ cell). */
static int32_t class_super_funcs(const LangRun *r, int32_t k)
{
    const LangClass *c = lang_class(r->p, k);
    int32_t n = 0;
    for (int32_t i = 0; i < c->nattrs; i++)
        n += !c->attrs[i].value && lang_func(r->p, c->attrs[i].func)->uses_super;
    return n;
}

static int64_t class_live_objects(LangRun *r, int32_t k)
{
    const LangClass *c = lang_class(r->p, k);
    int py = lang_python(r->p);
    int64_t methods = 0;
    for (int32_t i = 0; i < c->nattrs; i++)
        methods += !c->attrs[i].value;
    /* the __class__ cell and the closure tuples of methods calling super() */
    int32_t sup = class_super_funcs(r, k);
    methods += sup + (sup > 0);
    if (c->base < 0 && c->xbase < 0)
        return (py >= 315 ? 4 : 6) + methods;
    if (c->xbase >= 0) {
        /* derived from a built-in exception: its __weakref__ descriptor
         * (in its dict, which so stays tracked); the bases tuple holds no
         * GC object and is untracked (measured: len(gc.get_objects())) */
        gc_hidden_untrack(r->h, 1, 0);
        return 6 + first_subclass(r, k) + methods;
    }
    if (!methods && py < 314)
        gc_hidden_untrack(r->h, 1, 0);
    return 5 + first_subclass(r, k) + methods;
}

/* The interpreter's tracked objects after `import gc; gc.collect()` in a
 * script run as `pythonX.Y FILE.py` (3.12.1 and 3.13.0 from pyenv, no site
 * packages): generation 2's long_lived_total after the program's first
 * full collection, which decides when a full collection is skipped.  One
 * of them is untracked by the second full collection.  3.13 adds the
 * module's tuples of constant defaults (compiled before the program runs;
 * one per distinct tuple, (None,) excepted), untracked by the second full
 * collection too.  0 where not measured. */
static int same_defaults(const LangFunc *a, const LangFunc *b)
{
    if (a->ndefaults != b->ndefaults)
        return 0;
    for (int32_t i = 0; i < a->ndefaults; i++) {
        const LangExpr *x = a->defaults[i], *y = b->defaults[i];
        if (x->kind != y->kind || x->ival != y->ival || x->atom != y->atom ||
            x->is_const != y->is_const)
            return 0;
    }
    return 1;
}

/* The module's distinct tuples of constant defaults, (None,) excepted. */
static int64_t defaults_tuples(const LangProgram *p)
{
    int64_t n = 0;
    int32_t nf = lang_func_count(p);
    for (int32_t f = 0; f < nf; f++) {
        const LangFunc *fn = lang_func(p, f);
        if (fn->ndefaults == 0 || (fn->ndefaults == 1 && fn->defaults[0]->kind == LANG_E_NONE))
            continue;
        int seen = 0;
        for (int32_t g = 0; g < f && !seen; g++)
            seen = same_defaults(fn, lang_func(p, g));
        n += !seen;
    }
    return n;
}

static int64_t startup_objects(const LangProgram *p, int64_t *untrack_later)
{
    int py = lang_python(p);
    int64_t n = py == 312 ? 4976 : py == 313 ? 5067 : 0;
    *untrack_later = n ? 1 : 0;
    if (py == 313) {
        int64_t t = defaults_tuples(p);
        n += t;
        *untrack_later += t;
    }
    return n;
}

/* `import weakref`, the first time: the module and what it imports (3 of
 * them untracked by their second full collection in 3.13). */
static void import_weakref(LangRun *r)
{
    int py = lang_python(r->p);
    gc_hidden_live(r->h, py == 312 ? 457 : py == 313 ? 461 : 0);
    if (py == 313)
        gc_hidden_untrack(r->h, 3, 1);
}

/* What a class statement allocates that has no id, in CPython's order
 * (builtin___build_class__, type_new, PyType_Ready, type_new_set_names,
 * type_new_init_subclass), traced with a PyRefTracer on 3.13.0 and
 * checked with gc.get_count() on 3.12.1 and 3.13.0 by the free lists it
 * leaves (after `class C: ...` two dicts and one 3-tuple are free):
 * MAKE_FUNCTION of the class body; the bases tuple of a class with a base
 * (kept as tp_bases); the bound type.__prepare__ (+1 -1) and the namespace
 * it returns; the body runs (RESUME: an eval-breaker check) and makes one
 * function per method; the type call's argument tuple (3); (object,) for a
 * class without a base; the type's copy of the namespace; the type; its mro
 * tuple; the __dict__ and __weakref__ descriptors of a class without a
 * base; the weakref in the base's subclasses (and the base's subclasses
 * dict the first time); the copy of the type's dict that
 * type_new_set_names iterates (freed at once); the super object and bound
 * __init_subclass__ (+2 -2); then the argument tuple, the namespace and
 * the class body function die.  3.15.0rc1 (pyodide, gc.get_count() in
 * the class body, in a __set_name__ and after the statement, against the
 * same probe on 3.13.0): no descriptors, and the bound __prepare__ and
 * __init_subclass__ come from the free list of builtin method objects
 * (3.14+), so only a class statement that finds it empty (the first after
 * a full collection, with no print between) pays one more. */
static int class_hidden_allocs(LangRun *r, int32_t k)
{
    GcHeap *h = r->h;
    const LangClass *c = lang_class(r->p, k);
    int mro = 2, based = c->base >= 0 || c->xbase >= 0;
    for (int32_t b = c->base; b >= 0 && mro < 1000; b = lang_class(r->p, b)->base)
        mro++;
    /* the built-in exception classes in the MRO */
    for (int x = r->cls_xk[k]; x >= 0; x = XK[x].base)
        mro++;
    int cell = class_super_funcs(r, k) > 0;
    if (cell && lang_python(r->p) >= 314)
        return not_measured(r, "a class whose methods call super()");
    gc_count_hidden(h, 1); /* MAKE_FUNCTION of the class body */
    if (based)
        gc_hidden_alloc(h, GC_KIND_TUPLE, 1); /* the bases tuple */
    bound_builtin(r, 1);                      /* type.__prepare__ bound */
    bound_builtin(r, 0);
    gc_hidden_alloc(h, GC_KIND_DICT, 0); /* the namespace */
    if (cell)
        gc_count_hidden(h, 1); /* MAKE_CELL __class__ */
    TRY(safe_point(r));        /* RESUME of the class body */
    for (int32_t i = 0; i < c->nattrs; i++) {
        if (c->attrs[i].value)
            continue;
        if (lang_func(r->p, c->attrs[i].func)->uses_super)
            gc_hidden_alloc(h, GC_KIND_TUPLE, 1); /* its closure: (__class__ cell,) */
        gc_count_hidden(h, 1);                    /* MAKE_FUNCTION of a method */
    }
    gc_hidden_alloc(h, GC_KIND_TUPLE, 3); /* (name, bases, namespace) */
    if (!based)
        gc_hidden_alloc(h, GC_KIND_TUPLE, 1); /* (object,) */
    gc_hidden_alloc(h, GC_KIND_DICT, 0);      /* the type's dict */
    gc_count_hidden(h, 1);                    /* the type */
    gc_hidden_alloc(h, GC_KIND_TUPLE, mro);
    if (!based && lang_python(r->p) < 315)
        gc_count_hidden(h, 2); /* the __dict__ and __weakref__ descriptors */
    if (c->xbase >= 0)
        gc_count_hidden(h, 1); /* __weakref__'s: BaseException has no weakrefs */
    gc_count_hidden(h, 1);     /* the weakref in the base's subclasses */
    if (first_subclass(r, k))
        gc_hidden_alloc(h, GC_KIND_DICT, 0); /* the base's subclasses dict */
    gc_hidden_alloc(h, GC_KIND_DICT, 0);     /* names_to_set */
    gc_hidden_free(h, GC_KIND_DICT, 0);
    gc_count_hidden(h, 1); /* super(type, type) */
    bound_builtin(r, 1);   /* its __init_subclass__ */
    gc_count_hidden(h, -1);
    bound_builtin(r, 0);
    gc_hidden_free(h, GC_KIND_TUPLE, 3);
    gc_hidden_free(h, GC_KIND_DICT, 0);
    gc_count_hidden(h, -1); /* the class body function */
    gc_hidden_live(h, class_live_objects(r, k));
    r->class_made[k] = 1;
    return OK;
}

/* assert value[, message]: the test (POP_JUMP_IF_TRUE), then
 * AssertionError(message) raised.  The exception ends the program (no
 * try here), so only its text counts: str(message), or none.  A message
 * that is an object would live on in the exception until the exit:
 * not modelled. */
static void assert_place(LangRun *r, const LangStmt *s)
{
    /* RAISE_VARARGS: the statement's place in 3.12, the test's in 3.13 */
    if (lang_python(r->p) >= 313)
        tb_note_expr(r, s->value);
    else
        tb_note(r, s->off, s->end, NULL, 0);
}

static int exec_assert(LangRun *r, const Ctx *c, LangStmt *s)
{
    int mark = gc_temp_count(r->h);
    if (lang_python(r->p) >= 314)
        return not_measured(r, "assert");
    TRY(eval(r, c, s->value));
    int t = truthy(r, gc_temp(r->h, mark));
    TRY(pop_decref(r));
    if (t)
        return OK;
    if (!s->target) {
        int rc = raise(r, "AssertionError", "%s", "");
        snprintf(r->exc, sizeof r->exc, "AssertionError");
        assert_place(r, s);
        return rc;
    }
    TRY(eval(r, c, s->target));
    GcValue m = gc_temp(r->h, mark);
    if (GC_VAL_IS_OBJ(m)) {
        unwind(r, mark);
        return raise(r, "NotImplementedError",
                     "gcviz: an assert's message must be a string, an int, a bool or None here");
    }
    TBuf b = {0};
    tb_str(&b, "");
    int rc = text_of(r, &b, m, 0);
    if (rc == OK && b.oom)
        rc = fatal(r);
    if (rc == OK) {
        rc = raise(r, "AssertionError", "%.380s", b.s);
        assert_place(r, s);
    }
    gc_free(b.s);
    unwind(r, mark);
    return rc;
}

static int exec_py_stmt(LangRun *r, const Ctx *c, LangStmt *s, GcValue *ret, int *returned)
{
    int mark = gc_temp_count(r->h);
    int rc = OK;
    switch (s->kind) {
    case LANG_S_IF: {
        TRY(eval(r, c, s->value));
        int t = truthy(r, gc_temp(r->h, mark));
        TRY(pop_decref(r));
        if (t)
            return exec_body(r, c, s->body, s->nbody, ret, returned);
        return exec_body(r, c, s->orelse, s->norelse, ret, returned);
    }
    case LANG_S_WHILE:
        for (;;) {
            if (at_stmt(r, s), ++r->executed > r->opt.max_stmts)
                return raise(r, "RuntimeError",
                             "more than %lld statements executed (gcviz's limit)",
                             (long long)r->opt.max_stmts);
            TRY(eval(r, c, s->value));
            int t = truthy(r, gc_temp(r->h, mark));
            TRY(pop_decref(r));
            if (!t)
                break;
            TRY(exec_body(r, c, s->body, s->nbody, ret, returned));
            if (*returned == 1)
                break;
            if (*returned == 2) {
                *returned = 0;
                break;
            }
            *returned = 0;
            TRY(safe_point(r)); /* JUMP_BACKWARD */
        }
        return OK;
    case LANG_S_FOR_IN:
        return exec_for_in(r, c, s, ret, returned);
    case LANG_S_ASSERT:
        return exec_assert(r, c, s);
    case LANG_S_TRY:
        return exec_try(r, c, s, ret, returned);
    case LANG_S_RAISE:
        return exec_raise(r, c, s);
    case LANG_S_BREAK:
        *returned = 2;
        return OK;
    case LANG_S_CONTINUE:
        *returned = 3;
        return OK;
    case LANG_S_AUGASSIGN:
        return exec_augassign(r, c, s);
    case LANG_S_IMPORT:
        for (int32_t k = 0; k < s->nnames; k++) {
            unsigned bit = module_bit(r, s->names[k]);
            if (bit == IMP_WEAKREF && !(r->imported & bit))
                import_weakref(r);
            r->imported |= bit;
        }
        return OK;
    case LANG_S_DEF:
        if (lang_python(r->p) >= 314 &&
            strcmp(atom(r, lang_func(r->p, s->func)->name), "<lambda>") == 0)
            return not_measured(r, "lambda");
        gc_count_hidden(r->h, 1); /* MAKE_FUNCTION */
        gc_hidden_live(r->h, 1);  /* the function */
        bind_def(r, c, s->names[0], GC_MKVAL(GC_V_FUNC, s->func), &rc);
        return rc;
    case LANG_S_CLASS:
        TRY(class_hidden_allocs(r, s->cls));
        bind_def(r, c, s->names[0], GC_MKVAL(GC_V_CLASS, s->cls), &rc);
        if (rc == OK)
            rc = safe_point(r); /* after the call of __build_class__ */
        return rc;
    default:
        return raise(r, "SystemError", "unknown statement");
    }
}

/* Tells r->opt.on_progress how far the run is; 1 if it cancels the run
 * (then the heap is failed with that message, so that every caller on the
 * way up, the collector's host calls included, unwinds as on a failure). */
static int report_progress(LangRun *r)
{
    GcHistoryInfo hi = gc_history_info(r->h);
    LangProgress pg = {r->executed,          r->step,  lang_step_count(r->p),
                       gc_event_count(r->h), hi.bytes, hi.budget};
    r->progress_at = r->executed + LANG_PROGRESS_EVERY;
    if (!r->opt.on_progress(r->opt.ctx, &pg))
        return 0;
    r->cancelled = 1;
    gc_fail(r->h, "the run was cancelled");
    return 1;
}

static LANG_NOINLINE int exec_stmt_full(LangRun *r, const Ctx *c, LangStmt *s, GcValue *ret,
                                        int *returned);

/* `name = [comprehension]` or a comprehension as a statement, when the
 * compiler's peephole pass (apply_static_swaps) folded the instruction
 * after the comprehension into its restoring STORE_FASTs: a STORE_FAST on
 * the line where the comprehension starts (3.12 and 3.13), or the POP_TOP
 * of an expression statement (3.13, which gives it the expression's
 * line; 3.12.1 keeps the SWAP).
 * LEAN_NO, having done nothing, otherwise. */
static int comp_stmt(LangRun *r, const Ctx *c, LangStmt *s)
{
    LangExpr *v = s->value, *t = s->target;
    if (!v || (v->kind != LANG_E_LISTCOMP && v->kind != LANG_E_DICTCOMP))
        return LEAN_NO;
    int mark = gc_temp_count(r->h), rc;
    if (s->kind == LANG_S_ASSIGN && s->nextra == 0 && t->kind == LANG_E_NAME && c->fi &&
        is_local(c, t->atom) && t->line == v->line)
        rc = eval_comp(r, c, v, mark, TAIL_STORE_FAST, t);
    else if (s->kind == LANG_S_EXPR && lang_python(r->p) >= 313)
        rc = eval_comp(r, c, v, mark, TAIL_POP_TOP, NULL);
    else
        return LEAN_NO;
    if (rc < 0)
        unwind(r, mark);
    return rc;
}

/* `target = value` or an expression statement by the lean fast paths
 * (lean_value, then a name or an instance attribute stored to without
 * the stack); LEAN_NO, having done nothing, when the value has none. */
static int lean_stmt(LangRun *r, const Ctx *c, LangStmt *s)
{
    GcValue v;
    int rc = lean_value(r, c, s->value, &v);
    if (rc != OK)
        return rc;
    if (s->kind == LANG_S_EXPR)
        return decref(r, v);
    LangExpr *t = s->target;
    if (t->kind == LANG_E_NAME)
        return store_name_value(r, c, t->atom, &t->hint, v);
    if (t->kind == LANG_E_ATTR && t->base->kind == LANG_E_NAME) {
        const GcObject *o = peek_instance(r, c, t->base);
        if (o)
            return lean_store_attr(r, o, t->atom, v);
    }
    TRY(push(r, v));
    return store_target(r, c, t);
}

/* The commonest statements first: `target = value` with one target that is
 * not a tuple, and an expression statement, as exec_stmt_full runs them
 * (the heap not failed, the statement limit not reached, no progress report
 * due). */
static int exec_stmt(LangRun *r, const Ctx *c, LangStmt *s, GcValue *ret, int *returned)
{
    int simple = (s->kind == LANG_S_ASSIGN && s->nextra == 0 && s->target->kind != LANG_E_TUPLE) ||
                 s->kind == LANG_S_EXPR;
    if (!simple || gc_failed(r->h) || r->executed >= r->opt.max_stmts ||
        r->executed + 1 >= r->progress_at)
        return exec_stmt_full(r, c, s, ret, returned);
    int mark = gc_temp_count(r->h);
    at_stmt(r, s);
    ++r->executed;
    int rc = comp_stmt(r, c, s);
    if (rc != LEAN_NO)
        return rc;
    rc = r->lean ? lean_stmt(r, c, s) : LEAN_NO;
    if (rc != LEAN_NO) {
        if (rc < 0)
            unwind(r, mark);
        return rc;
    }
    TRY(eval(r, c, s->value));
    rc = s->kind == LANG_S_EXPR ? pop_decref(r) : store_target(r, c, s->target);
    if (rc < 0)
        unwind(r, mark);
    return rc;
}

static LANG_NOINLINE int exec_stmt_full(LangRun *r, const Ctx *c, LangStmt *s, GcValue *ret,
                                        int *returned)
{
    int mark = gc_temp_count(r->h);
    int rc = OK;
    at_stmt(r, s);
    /* the history's budget (gc_history.c) stops even a loop that allocates
     * nothing; the statement limit is sticky once over: an error swallowed
     * in a __del__ is raised again by the next statement, so the run ends */
    if ((rc = stmt_tick(r)) != OK)
        return rc;
    if ((rc = comp_stmt(r, c, s)) != LEAN_NO)
        return rc;
    rc = OK;
    switch (s->kind) {
    case LANG_S_PASS:
    case LANG_S_GLOBAL:
        return OK;
    case LANG_S_ASSIGN:
        if (s->target->kind == LANG_E_TUPLE && s->nextra == 0 && s->value->kind == LANG_E_TUPLE &&
            !s->value->is_const && s->value->nitems == s->target->nitems &&
            s->target->nitems <= 3) {
            /* a, b = x, y: no tuple is built (the compiler's SWAPs) */
            for (int32_t k = 0; k < s->value->nitems && rc == OK; k++)
                rc = eval(r, c, s->value->items[k]);
            for (int32_t k = 0; k < s->target->nitems && rc == OK; k++) {
                rc = push(r, gc_temp_take(r->h, mark));
                if (rc == OK)
                    rc = store_target(r, c, s->target->items[k]);
            }
            break;
        }
        TRY(eval(r, c, s->value));
        /* a = b = value: COPY for each target but the last */
        for (int32_t k = -1; k < s->nextra && rc == OK; k++) {
            LangExpr *t = k < 0 ? s->target : s->extra[k];
            if (k < s->nextra - 1) {
                GcValue v = gc_temp(r->h, gc_temp_count(r->h) - 1);
                gc_incref(r->h, v);
                rc = push(r, v);
            }
            if (rc == OK)
                rc = t->kind == LANG_E_TUPLE ? unpack_store(r, c, t) : store_target(r, c, t);
        }
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
        r->ret_borrowed = lang_python(r->p) >= 314 && s->value && s->value->kind == LANG_E_NAME &&
                          is_local(c, s->value->atom) && !in_handler(r);
        return OK;
    case LANG_S_IF:
    case LANG_S_WHILE:
    case LANG_S_FOR_IN:
    case LANG_S_BREAK:
    case LANG_S_CONTINUE:
    case LANG_S_AUGASSIGN:
    case LANG_S_IMPORT:
    case LANG_S_DEF:
    case LANG_S_CLASS:
    case LANG_S_ASSERT:
    case LANG_S_TRY:
    case LANG_S_RAISE:
        rc = exec_py_stmt(r, c, s, ret, returned);
        break;
    case LANG_S_FOR: {
        int64_t count = s->for_count;
        if (s->for_count_var) {
            int32_t hint = -1;
            TRY(load_name(r, c, s->for_count_var, &hint));
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
            TRY(store_name(r, c, s->for_var, NULL));
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

/* ---- exceptions as objects (try/except) --------------------------------- */

/* A program with a try statement (r->xmode) runs its exceptions as
 * CPython 3.12 and 3.13 do, with objects of the heap: the exception (an
 * instance of its class holding its args tuple, its __traceback__ and its
 * __context__), one traceback object per frame it passes (tb_next, then
 * tb_frame, as tb_dealloc releases them) and the frame object of each
 * function frame it passes (_PyFrame_GetFrameObject: made untracked and
 * held by its running frame; when the frame ends while something else
 * holds it, take_ownership moves the frame's locals into it, links f_back
 * to the caller's frame object and tracks it; otherwise it dies before the
 * locals).  The module's frame object is made by the first traceback
 * through it and lives as long as the module's frame (measured: count[0]
 * one higher from then on).  Exceptions gcviz raises about its own limits
 * (messages naming gcviz, NotImplementedError) stay uncatchable, without
 * objects, as in a program without try. */

/* Out of memory while an exception is made or handled: the run ends with
 * that, not with the exception's text. */
static int x_fatal(LangRun *r)
{
    r->exc[0] = 0;
    return fatal(r);
}

/* The XK index of an exception class value (or XC_TRACEBACK, XC_FRAME for
 * type() of those objects), -1 for anything else. */
static int xkind(GcValue v)
{
    if (GC_VAL_TAG(v) != GC_V_CLASS || GC_VAL_PAYLOAD(v) < LANG_XTYPE)
        return -1;
    return (int)(GC_VAL_PAYLOAD(v) - LANG_XTYPE);
}

static int xk_find(const char *name)
{
    for (int k = 0; k < NXK; k++)
        if (strcmp(XK[k].name, name) == 0)
            return k;
    return -1;
}

static int xk_sub(int k, int base)
{
    for (; k >= 0; k = XK[k].base)
        if (k == base)
            return 1;
    return 0;
}

/* The XK index (or XC_*) of an object of the interpreter's classes, -1. */
static int x_obj_class(LangRun *r, GcValue v)
{
    const GcObject *o = obj_of(r, v);
    if (!o || o->kind != GC_KIND_INSTANCE)
        return -1;
    if (o->cls < r->xcls0)
        return r->cls_xk[o->cls];
    return (int)(o->cls - r->xcls0);
}

/* An instance of a class of the program derived from a built-in exception
 * class (class MyError(Exception)). */
static int x_prog_exc(LangRun *r, GcValue v)
{
    const GcObject *o = obj_of(r, v);
    return o && o->kind == GC_KIND_INSTANCE && o->cls < r->xcls0 && r->cls_xk[o->cls] >= 0;
}

/* The name of an exception's class, as a traceback prints it (a class of
 * __main__ without its module). */
static const char *x_class_name(LangRun *r, GcValue exc)
{
    const GcObject *o = obj_of(r, exc);
    if (o->cls < r->xcls0)
        return atom(r, lang_class(r->p, o->cls)->name);
    return XK[o->cls - r->xcls0].name;
}

static int x_is_exc(LangRun *r, GcValue v)
{
    int k = x_obj_class(r, v);
    return k >= 0 && k < NXK;
}

static GcValue x_slot(LangRun *r, GcValue obj, const char *name)
{
    int32_t a = intern(r, name);
    int i = a < 0 ? -1 : gc_slot_find(r->h, GC_VAL_ID(obj), GC_MKVAL(GC_V_STR, a));
    return i < 0 ? GC_UNBOUND : gc_slot(gc_object(r->h, GC_VAL_ID(obj)), (uint32_t)i).val;
}

/* Stores v (its reference moves in) in obj's slot `name`, appended if new. */
static int x_slot_set(LangRun *r, GcValue obj, const char *name, GcValue v)
{
    int32_t a = intern(r, name);
    if (a < 0)
        return x_fatal(r);
    GcValue key = GC_MKVAL(GC_V_STR, a);
    GcId id = GC_VAL_ID(obj);
    int i = gc_slot_find(r->h, id, key);
    uint32_t at = i >= 0 ? (uint32_t)i : gc_nslots(gc_object(r->h, id));
    return chk(r, gc_slot_set(r->h, id, at, key, v));
}

static XRec *x_rec(LangRun *r, GcValue exc, int make)
{
    GcId id = GC_VAL_ID(exc);
    for (int i = r->nxrec - 1; i >= 0; i--)
        if (r->xrec[i].id == id && gc_object(r->h, id)->state == GC_STATE_ALIVE)
            return &r->xrec[i];
    if (!make)
        return NULL;
    /* a dead exception's record is reused */
    for (int i = 0; i < r->nxrec; i++)
        if (gc_object(r->h, r->xrec[i].id)->state != GC_STATE_ALIVE) {
            r->xrec[i].id = id;
            r->xrec[i].ntb = 0;
            r->xrec[i].text[0] = 0;
            return &r->xrec[i];
        }
    if (GC_VEC_ROOM(r->xrec, r->nxrec, r->capxrec, 8, gc_realloc) < 0)
        return NULL;
    XRec *x = &r->xrec[r->nxrec++];
    memset(x, 0, sizeof *x);
    x->id = id;
    return x;
}

/* str(e): '' without arguments, the one argument's str (KeyError: its
 * repr), else the repr of the args tuple. */
static int x_str(LangRun *r, GcValue exc, TBuf *b)
{
    GcValue args = x_slot(r, exc, "args");
    if (!GC_VAL_IS_OBJ(args))
        return OK;
    const GcObject *t = gc_object(r->h, GC_VAL_ID(args));
    if (gc_nslots(t) == 1)
        return text_of(r, b, gc_slot(t, 0).val, x_obj_class(r, exc) == XK_KEYERROR);
    return text_of(r, b, args, 1);
}

/* Sets the text of exc's record: "Type: str(e)", or "Type". */
static int x_set_text(LangRun *r, GcValue exc)
{
    XRec *x = x_rec(r, exc, 1);
    if (!x)
        return x_fatal(r);
    if (x_prog_exc(r, exc) && x_own_text(r, obj_of(r, exc)->cls))
        return raise(r, "NotImplementedError",
                     "gcviz: an exception class's own __str__ or __repr__ is not modelled");
    TBuf b = {0};
    int rc = x_str(r, exc, &b);
    if (rc == OK) {
        const char *name = x_class_name(r, exc);
        if (b.n > 0)
            snprintf(x->text, sizeof x->text, "%s: %.*s", name, (int)b.n, b.s);
        else
            snprintf(x->text, sizeof x->text, "%s", name);
    }
    gc_free(b.s);
    return rc;
}

/* Python frame i's frame object (0: the module's), made (untracked, its
 * frame's reference) if it has none.  Borrowed. */
static int x_frame_obj(LangRun *r, int i, GcValue *out)
{
    if (!r->fobj[i]) {
        GcId f = gc_new(r->h, GC_KIND_INSTANCE, r->xcls0 + XC_FRAME);
        if (!f)
            return x_fatal(r);
        gc_untrack(r->h, f);
        r->fobj[i] = GC_VAL_OBJ(f);
    }
    *out = r->fobj[i];
    return OK;
}

/* PyTraceBack_Here for Python frame i: a new traceback object in front of
 * the exception's __traceback__. */
static int x_tb_here(LangRun *r, int i)
{
    GcValue exc = r->cur_exc, fr;
    TRY(x_frame_obj(r, i, &fr));
    GcId tb = gc_new(r->h, GC_KIND_INSTANCE, r->xcls0 + XC_TRACEBACK);
    if (!tb)
        return x_fatal(r);
    GcValue old = x_slot(r, exc, "__traceback__");
    gc_incref(r->h, old);
    TRY(x_slot_set(r, GC_VAL_OBJ(tb), "tb_next", old));
    gc_incref(r->h, fr);
    TRY(x_slot_set(r, GC_VAL_OBJ(tb), "tb_frame", fr));
    return x_slot_set(r, exc, "__traceback__", GC_VAL_OBJ(tb));
}

/* The end of Python frame i (engine frame at the top), before its locals
 * are released: _PyFrame_ClearExceptCode's part for its frame object. */
static int x_frame_exit(LangRun *r, int i)
{
    GcValue f = r->fobj[i];
    if (!f)
        return OK;
    r->fobj[i] = 0;
    if (i == 0) { /* the module's: nothing before it, no fast locals */
        if (gc_object(r->h, GC_VAL_ID(f))->refcnt > 1)
            gc_track_again(r->h, GC_VAL_ID(f));
        return decref(r, f);
    }
    if (gc_object(r->h, GC_VAL_ID(f))->refcnt > 1) {
        /* take_ownership: f_back, the locals (the frame's references stay
         * until gc_frame_pop drops them: the frame object's are new), tracked */
        GcValue back;
        TRY(x_frame_obj(r, i - 1, &back));
        gc_incref(r->h, back);
        TRY(x_slot_set(r, f, "f_back", back));
        const GcFrame *fr = gc_frame(r->h, gc_frame_count(r->h) - 1);
        for (uint32_t k = 0; k < fr->nvars; k++) {
            GcSlot v = gc_frame(r->h, gc_frame_count(r->h) - 1)->vars[k];
            if (v.val == GC_UNBOUND)
                continue;
            gc_incref(r->h, v.val);
            GcId id = GC_VAL_ID(f);
            TRY(chk(r, gc_slot_set(r->h, id, gc_nslots(gc_object(r->h, id)), v.key, v.val)));
        }
        gc_track_again(r->h, GC_VAL_ID(f));
    }
    return decref(r, f);
}

/* The exception exc (its reference moves in) starts being raised in the
 * current frame: __context__ from exc_info (unless context is 0: a bare
 * raise), a traceback entry for this frame (unless new_tb is 0). */
static int x_start(LangRun *r, GcValue exc, int context, int new_tb)
{
    if (context && r->nhandled > 0) {
        GcValue h = r->handled[r->nhandled - 1];
        if (h != exc && GC_VAL_IS_OBJ(h)) {
            gc_incref(r->h, h);
            TRY(x_slot_set(r, exc, "__context__", h));
        }
    }
    GcValue old = r->cur_exc;
    r->cur_exc = exc;
    TRY(decref(r, old));
    return new_tb ? x_tb_here(r, r->ntb - 1) : OK;
}

/* A new exception of class k (its args: a tuple of the n values on top of
 * the stack, moved in; none: the empty tuple), instance first as
 * BaseException_vectorcall makes it.  Left on the stack. */
static int x_new(LangRun *r, int k, int n)
{
    GcId e = gc_new(r->h, GC_KIND_INSTANCE, r->xcls0 + k);
    if (!e)
        return x_fatal(r);
    GcValue args = GC_MKVAL(GC_V_CONST, intern(r, "()"));
    if (n > 0) {
        GcId t = gc_new(r->h, GC_KIND_TUPLE, n);
        if (!t)
            return x_fatal(r);
        int base = gc_temp_count(r->h) - n;
        for (int i = 0; i < n; i++) {
            GcValue v = gc_temp(r->h, base + i);
            gc_incref(r->h, v);
            TRY(chk(r, gc_slot_set(r->h, t, (uint32_t)i, 0, v)));
        }
        for (int i = 0; i < n; i++)
            TRY(pop_decref(r));
        args = GC_VAL_OBJ(t);
    }
    TRY(push(r, GC_VAL_OBJ(e)));
    TRY(x_slot_set(r, GC_VAL_OBJ(e), "args", args));
    return x_slot_set(r, GC_VAL_OBJ(e), "__traceback__", GC_NONE);
}

/* raise() of an error gcviz's operations detect, in a program with try:
 * the exception object, as _PyErr_SetObject makes it (KeyError's args is
 * the tuple _PyErr_SetKeyError packs the key in: one tuple, measured), and
 * its first traceback entry.  gcviz's own limits are not catchable: no
 * object. */
static int x_raise_internal(LangRun *r, const char *type, const char *msg)
{
    GcValue arg = r->x_arg;
    int ak = r->x_arg_kind, k = xk_find(type);
    r->x_arg = GC_NONE;
    r->x_arg_kind = 0;
    if (k < 0 || strstr(msg, "gcviz") || strcmp(type, "NotImplementedError") == 0 ||
        strcmp(type, "OverflowError") == 0) {
        GcValue old = r->cur_exc;
        r->cur_exc = GC_NONE;
        TRY(decref(r, old));
        return EXC;
    }
    if (ak == 1) {
        gc_incref(r->h, arg);
        TRY(push(r, arg));
    } else {
        int32_t a = intern(r, msg);
        if (a < 0)
            return x_fatal(r);
        TRY(push(r, GC_MKVAL(GC_V_STR, a)));
    }
    TRY(x_new(r, k, 1));
    GcValue exc = pop(r);
    if (ak == 2) {
        gc_incref(r->h, arg);
        int32_t a = intern(r, "obj");
        if (a < 0)
            return x_fatal(r);
        TRY(chk(r, gc_slot_insert(r->h, GC_VAL_ID(exc), 0, GC_MKVAL(GC_V_STR, a), arg)));
    }
    XRec *x = x_rec(r, exc, 1);
    if (!x)
        return x_fatal(r);
    snprintf(x->text, sizeof x->text, "%s", r->exc);
    TRY(x_start(r, exc, 1, 1));
    return EXC;
}

/* The traceback an exception being raised again in Python frame d prints:
 * the frames above d as they are now (their instructions noted as it
 * leaves them), then d's own entry if new_entry, then the entries it had. */
static void x_retext(LangRun *r, GcValue exc, int d, int new_entry)
{
    XRec *x = x_rec(r, exc, 0);
    int cap = (int)(sizeof r->tb_snap / sizeof r->tb_snap[0]), n = 0;
    for (int i = 0; i < d + (new_entry ? 1 : 0) && i < r->ntb && n < cap; i++) {
        r->tb_snap[n] = r->tb_stack[i];
        r->tb_snap[n++].end = 0;
    }
    for (int i = 0; x && i < x->ntb && n < cap; i++)
        r->tb_snap[n++] = x->tb[i];
    r->ntb_snap = n;
    if (x)
        snprintf(r->exc, sizeof r->exc, "%s", x->text);
}

/* The exception is caught in Python frame d: its record keeps the
 * traceback entries from d down. */
static int x_caught(LangRun *r, GcValue exc, int d)
{
    XRec *x = x_rec(r, exc, 1);
    if (!x)
        return x_fatal(r);
    int cap = (int)(sizeof r->tb_snap / sizeof r->tb_snap[0]);
    int n = r->ntb_snap < cap ? r->ntb_snap : cap;
    int m = n > d ? n - d : 0;
    struct TbFrame *tb = gc_realloc(x->tb, (size_t)(m ? m : 1) * sizeof *tb);
    if (!tb)
        return x_fatal(r);
    x->tb = tb;
    if (m)
        memcpy(tb, r->tb_snap + d, (size_t)m * sizeof *tb);
    x->ntb = m;
    if (r->exc[0])
        snprintf(x->text, sizeof x->text, "%s", r->exc);
    return OK;
}

/* POP_EXCEPT: exc_info goes back to what it was. */
static int x_pop_except(LangRun *r)
{
    GcValue h = r->handled[--r->nhandled];
    return decref(r, h);
}

/* CHECK_EXC_MATCH of the exception exc against the class (or tuple of
 * classes) an except clause names: evaluated, compared, released. */
static int x_match(LangRun *r, const Ctx *c, LangExpr *e, GcValue exc, int *match)
{
    TRY(eval(r, c, e));
    GcValue t = gc_temp(r->h, gc_temp_count(r->h) - 1);
    int k = x_obj_class(r, exc);
    *match = 0;
    const GcObject *o = obj_of(r, t);
    uint32_t n = o && o->kind == GC_KIND_TUPLE ? gc_nslots(o) : 1;
    for (uint32_t i = 0; i < n; i++) {
        GcValue v = o && o->kind == GC_KIND_TUPLE ? gc_slot(o, i).val : t;
        int xk = xkind(v);
        int32_t pk = prog_class(v);
        if (pk >= 0 && r->cls_xk[pk] >= 0) { /* a class of the program */
            int32_t ek = class_of(r, exc);
            if (ek >= 0 && is_subclass(r, ek, pk))
                *match = 1;
            continue;
        }
        if (xk < 0 || xk >= NXK) {
            tb_note_expr(r, e);
            return raise(r, "TypeError",
                         "catching classes that do not inherit from BaseException is not "
                         "allowed");
        }
        if (xk_sub(k, xk))
            *match = 1;
    }
    return pop_decref(r);
}

/* Restores name after an except clause ... as name: name = None; del name. */
static int x_unbind(LangRun *r, const Ctx *c, LangStmt *h)
{
    if (!h->target)
        return OK;
    TRY(push(r, GC_NONE));
    TRY(store_name(r, c, h->target->atom, &h->target->hint));
    return delete_name(r, c, h->target->atom);
}

/* The exception being raised (r->cur_exc), caught in Python frame *d
 * (the innermost): handled (PUSH_EXC_INFO: exc_info takes a reference,
 * the raised one is on the stack), in *exc. */
static int x_handle(LangRun *r, GcValue *exc, int *d)
{
    *d = r->ntb - 1;
    *exc = r->cur_exc;
    r->cur_exc = GC_NONE;
    TRY(x_caught(r, *exc, *d));
    r->exc[0] = 0; /* handled */
    if (r->nhandled >= (int)(sizeof r->handled / sizeof r->handled[0])) {
        TRY(decref(r, *exc));
        return raise(r, "RecursionError", "gcviz: except clauses nest too deep");
    }
    gc_incref(r->h, *exc);
    r->handled_at[r->nhandled] = *d;
    r->handled[r->nhandled++] = *exc;
    return push(r, *exc);
}

/* try: body, its except clauses and else (no finally here). */
static int exec_try_except(LangRun *r, const Ctx *c, LangStmt *s, GcValue *ret, int *returned)
{
    int mark = gc_temp_count(r->h);
    int rc = exec_body(r, c, s->body, s->nbody, ret, returned);
    if (s->nhandlers == 0)
        return rc;
    if (rc == OK)
        return *returned ? OK : exec_body(r, c, s->orelse, s->norelse, ret, returned);
    if (rc != EXC || r->cur_exc == GC_NONE)
        return rc;
    unwind(r, mark);
    int d;
    GcValue exc;
    TRY(x_handle(r, &exc, &d));
    for (int32_t i = 0; i < s->nhandlers; i++) {
        LangStmt *h = s->handlers[i];
        int match = 1;
        at_stmt(r, h);
        if (h->value && (rc = x_match(r, c, h->value, exc, &match)) < 0) {
            /* the error's context is exc; the stack and exc_info are left */
            unwind(r, mark);
            TRY(x_pop_except(r));
            return rc;
        }
        if (!match)
            continue;
        rc = h->target ? store_name(r, c, h->target->atom, &h->target->hint) : pop_decref(r);
        if (rc == OK)
            rc = exec_body(r, c, h->body, h->nbody, ret, returned);
        if (rc == FATAL)
            return rc;
        if (rc == OK) {
            TRY(x_pop_except(r));
            return x_unbind(r, c, h);
        }
        /* an exception in the handler: name = None; del name, then POP_EXCEPT */
        GcValue cur = r->cur_exc;
        char text[sizeof r->exc];
        memcpy(text, r->exc, sizeof text);
        r->cur_exc = GC_NONE;
        int urc = x_unbind(r, c, h);
        r->cur_exc = cur;
        memcpy(r->exc, text, sizeof text);
        if (urc == FATAL)
            return urc;
        TRY(x_pop_except(r));
        return rc;
    }
    /* no clause matched: RERAISE, as it was */
    r->cur_exc = pop(r);
    TRY(x_pop_except(r));
    x_retext(r, r->cur_exc, d, 0);
    return EXC;
}

/* The finally clause after the try (and its handlers) ended normally or
 * with return (*returned 1, *ret on the stack meanwhile), break (2) or
 * continue (3): the clause runs; a return, break or continue of its own
 * wins (the pending return value is released after its value is made). */
static int x_finally_normal(LangRun *r, const Ctx *c, LangStmt *s, GcValue *ret, int *returned)
{
    GcValue saved = *ret, outer = r->borrowed_ret;
    int pending = *returned, borrowed = r->ret_borrowed;
    *ret = GC_NONE;
    *returned = 0;
    if (pending == 1 && borrowed)
        r->borrowed_ret = saved;
    int rc = exec_body(r, c, s->finalbody, s->nfinalbody, ret, returned);
    r->borrowed_ret = outer;
    if (rc == OK && *returned == 0)
        r->ret_borrowed = borrowed; /* for the finally clauses around this one */
    if (rc == OK && *returned == 0) {
        *ret = saved;
        *returned = pending;
        return OK;
    }
    if (pending == 1) {
        /* the pending value goes (FINALLY_END's POP_TOP), or an exception
         * of the clause leaves it on the unwound stack */
        int drc = decref(r, saved);
        return rc < 0 ? rc : drc;
    }
    return rc;
}

/* The finally clause with the exception r->cur_exc being raised through
 * it, in Python frame d: as for an except clause, the exception is handled
 * (PUSH_EXC_INFO: exc_info and the stack hold it) while the clause runs,
 * so that one it raises gets it as __context__; then RERAISE, its
 * traceback as it was.  A return, break or continue in the clause drops
 * it (POP_TOP, POP_EXCEPT). */
static int x_finally_exc(LangRun *r, const Ctx *c, LangStmt *s, GcValue *ret, int *returned)
{
    int d;
    GcValue exc;
    TRY(x_handle(r, &exc, &d));
    *ret = GC_NONE;
    *returned = 0;
    int rc = exec_body(r, c, s->finalbody, s->nfinalbody, ret, returned);
    if (rc == FATAL)
        return rc;
    if (rc == OK && *returned == 0) {
        /* RERAISE */
        r->cur_exc = pop(r);
        TRY(x_pop_except(r));
        x_retext(r, r->cur_exc, d, 0);
        return EXC;
    }
    /* an exception of the clause (the stack unwound, then POP_EXCEPT), or
     * a return, break or continue (POP_TOP, POP_EXCEPT) */
    GcValue cur = r->cur_exc;
    char text[sizeof r->exc];
    memcpy(text, r->exc, sizeof text);
    r->cur_exc = GC_NONE;
    int urc = pop_decref(r);
    if (urc == OK)
        urc = x_pop_except(r);
    r->cur_exc = cur;
    memcpy(r->exc, text, sizeof text);
    return urc < 0 ? urc : rc;
}

static int exec_try(LangRun *r, const Ctx *c, LangStmt *s, GcValue *ret, int *returned)
{
    if (r->in_finalizer > 0)
        return raise(r, "NotImplementedError",
                     "gcviz: try in a __del__, a weakref callback or a gc callback (or a function "
                     "they call) is not modelled");
    int rc = exec_try_except(r, c, s, ret, returned);
    if (!s->finalbody)
        return rc;
    if (rc == OK)
        return x_finally_normal(r, c, s, ret, returned);
    if (rc != EXC || r->cur_exc == GC_NONE)
        return rc; /* gcviz's own limits, out of memory: the run ends */
    return x_finally_exc(r, c, s, ret, returned);
}

/* The value of a raise statement, on the stack: a class is called (an
 * exception class of the program through its __init__), an exception
 * taken as it is; anything else is CPython's TypeError. */
static int x_raise_value(LangRun *r, LangStmt *s)
{
    GcValue v = gc_temp(r->h, gc_temp_count(r->h) - 1);
    int k = xkind(v);
    int32_t pk = prog_class(v);
    if (pk >= 0 && r->cls_xk[pk] >= 0) {
        /* raise Class: Class(), a call of the class as any other */
        TRY(instantiate(r, NULL, pk, 0, NULL));
        return x_set_text(r, gc_temp(r->h, gc_temp_count(r->h) - 1));
    }
    if (k >= 0 && k < NXK) {
        /* raise Class: Class() */
        TRY(pop_decref(r));
        TRY(x_new(r, k, 0));
        return x_set_text(r, gc_temp(r->h, gc_temp_count(r->h) - 1));
    }
    if (!x_is_exc(r, v)) {
        TRY(pop_decref(r));
        tb_note(r, s->off, s->end, NULL, 0);
        return raise(r, "TypeError", "exceptions must derive from BaseException");
    }
    return x_rec(r, v, 0) ? OK : x_set_text(r, v);
}

/* The exception on the stack starts being raised by statement s in
 * Python frame d: its traceback (the entries it had, if raised before),
 * __context__, a traceback entry here. */
static int x_raise_start(LangRun *r, LangStmt *s, int d)
{
    GcValue exc = pop(r);
    XRec *x = x_rec(r, exc, 0);
    if (x && x->ntb > 0)
        x_retext(r, exc, d, 1);
    else {
        memcpy(r->tb_snap, r->tb_stack, (size_t)r->ntb * sizeof r->tb_stack[0]);
        r->ntb_snap = r->ntb;
        for (int i = 0; i < r->ntb_snap; i++)
            r->tb_snap[i].end = 0;
        if (x)
            snprintf(r->exc, sizeof r->exc, "%s", x->text);
    }
    tb_note(r, s->off, s->end, NULL, 1);
    return x_start(r, exc, 1, 1) < 0 ? FATAL : EXC;
}

/* Releases v while an exception is being raised (it stays the one being
 * raised, with its text). */
static int x_release_raising(LangRun *r, GcValue v)
{
    GcValue cur = r->cur_exc;
    char text[sizeof r->exc];
    memcpy(text, r->exc, sizeof text);
    r->cur_exc = GC_NONE;
    int rc = decref(r, v);
    r->cur_exc = cur;
    memcpy(r->exc, text, sizeof text);
    return rc;
}

/* PyException_SetCause: __cause__ (None: none) and __suppress_context__,
 * the cause before __context__ as BaseException_traverse visits them. */
static int x_set_cause(LangRun *r, GcValue exc, GcValue cause)
{
    int32_t a = intern(r, "__cause__"), ctx = intern(r, "__context__");
    int32_t sup = intern(r, "__suppress_context__");
    if (a < 0 || ctx < 0 || sup < 0)
        return x_fatal(r);
    GcId id = GC_VAL_ID(exc);
    GcValue key = GC_MKVAL(GC_V_STR, a);
    int i = gc_slot_find(r->h, id, key), at = gc_slot_find(r->h, id, GC_MKVAL(GC_V_STR, ctx));
    if (i >= 0 || at < 0)
        TRY(x_slot_set(r, exc, "__cause__", cause));
    else
        TRY(chk(r, gc_slot_insert(r->h, id, (uint32_t)at, key, cause)));
    return x_slot_set(r, exc, "__suppress_context__", GC_MKVAL(GC_V_BOOL, 1));
}

/* do_raise's cause (raise exc from cause; its reference moves in), exc
 * on the stack: a class is called, an exception taken, None leaves no
 * cause.  Anything else is CPython's TypeError, raised instead (then exc
 * and the cause are released). */
static int x_raise_from(LangRun *r, LangStmt *s, GcValue cause)
{
    int d = r->ntb - 1;
    int xk = xkind(cause);
    int32_t pk = prog_class(cause);
    if (pk >= 0 && r->cls_xk[pk] >= 0) {
        TRY(push(r, cause));
        TRY(instantiate(r, NULL, pk, 0, NULL));
        TRY(x_set_text(r, gc_temp(r->h, gc_temp_count(r->h) - 1)));
        cause = pop(r);
    } else if (xk >= 0 && xk < NXK) {
        TRY(x_new(r, xk, 0));
        TRY(x_set_text(r, gc_temp(r->h, gc_temp_count(r->h) - 1)));
        cause = pop(r);
    } else if (x_is_exc(r, cause)) {
        if (!x_rec(r, cause, 0) && x_set_text(r, cause) < 0) {
            TRY(decref(r, cause));
            return FATAL;
        }
    } else if (GC_VAL_TAG(cause) != GC_V_NONE) {
        tb_note(r, s->off, s->end, NULL, 0);
        int rc = raise(r, "TypeError", "exception causes must derive from BaseException");
        if (rc == FATAL)
            return rc;
        int drc = x_release_raising(r, pop(r));
        if (drc == OK)
            drc = x_release_raising(r, cause);
        return drc < 0 ? drc : rc;
    }
    TRY(x_set_cause(r, gc_temp(r->h, gc_temp_count(r->h) - 1), cause));
    return x_raise_start(r, s, d);
}

static int exec_raise(LangRun *r, const Ctx *c, LangStmt *s)
{
    int d = r->ntb - 1;
    if (!s->value) {
        if (r->nhandled == 0)
            return raise(r, "RuntimeError", "No active exception to reraise");
        if (r->handled_at[r->nhandled - 1] != d)
            return raise(r, "NotImplementedError",
                         "gcviz: a bare raise in a function called from an except clause is "
                         "not modelled (write it in the except clause)");
        GcValue exc = r->handled[r->nhandled - 1];
        gc_incref(r->h, exc);
        TRY(x_start(r, exc, 0, 0));
        x_retext(r, exc, d, 0);
        return EXC;
    }
    TRY(eval(r, c, s->value));
    if (!s->target) {
        TRY(x_raise_value(r, s));
        return x_raise_start(r, s, d);
    }
    /* RAISE_VARARGS 2: the cause is evaluated before do_raise */
    int rc = eval(r, c, s->target);
    if (rc < 0) {
        unwind(r, gc_temp_count(r->h) - 1);
        return rc;
    }
    GcValue cause = pop(r);
    rc = x_raise_value(r, s);
    if (rc < 0) {
        /* raise_error: the cause released after the error is set */
        int drc = rc == FATAL ? OK : x_release_raising(r, cause);
        return drc < 0 ? drc : rc;
    }
    return x_raise_from(r, s, cause);
}

/* An exception class of the program with its own __str__ or __repr__. */
static int x_own_text(LangRun *r, int32_t k)
{
    int at;
    int32_t s = intern(r, "__str__"), p = intern(r, "__repr__");
    return (s >= 0 && class_lookup(r, k, s, &at) >= 0) ||
           (p >= 0 && class_lookup(r, k, p, &at) >= 0);
}

/* The __dict__ of an exception of a class of the program (BaseException's
 * dict slot: a plain dict made by the first attribute set on it,
 * _PyObjectDict_SetItem), 0 if it has none. */
static GcId x_dict(LangRun *r, GcValue exc)
{
    GcValue d = x_slot(r, exc, "__dict__");
    return GC_VAL_IS_OBJ(d) ? GC_VAL_ID(d) : 0;
}

/* STORE_ATTR on an exception of a class of the program: [v, owner] ->
 * [], v into its __dict__ (made first if it has none: the collector
 * visits it before args, as BaseException_traverse does). */
/* An attribute name of exception exc that is not an entry of its
 * __dict__ (BaseException's members and methods, dunders, the name and
 * obj members of AttributeError and NameError). */
static int x_own_member(LangRun *r, GcValue exc, const char *n)
{
    int k = x_obj_class(r, exc);
    int named = xk_sub(k, XK_ATTRIBUTEERROR) || xk_sub(k, XK_NAMEERROR);
    return is_dunder(n) || strcmp(n, "args") == 0 || strcmp(n, "with_traceback") == 0 ||
           strcmp(n, "add_note") == 0 || (named && strcmp(n, "name") == 0) ||
           (xk_sub(k, XK_ATTRIBUTEERROR) && strcmp(n, "obj") == 0);
}

static int x_store_attr(LangRun *r, int32_t a)
{
    GcValue owner = gc_temp(r->h, gc_temp_count(r->h) - 1);
    if (!x_is_exc(r, owner) || x_own_member(r, owner, atom(r, a)))
        return x_attr_refused(r);
    GcId d = x_dict(r, owner);
    if (!d) {
        /* after an AttributeError's obj, which its traverse visits first */
        int32_t k = intern(r, "__dict__"), o = intern(r, "obj");
        int at = o < 0 ? -1 : gc_slot_find(r->h, GC_VAL_ID(owner), GC_MKVAL(GC_V_STR, o));
        d = gc_new(r->h, GC_KIND_DICT, 0);
        if (!d || k < 0)
            return x_fatal(r);
        TRY(chk(r, gc_slot_insert(r->h, GC_VAL_ID(owner), (uint32_t)(at + 1), GC_MKVAL(GC_V_STR, k),
                                  GC_VAL_OBJ(d))));
    }
    owner = pop(r);
    GcValue v = pop(r);
    TRY(dict_store(r, d, GC_MKVAL(GC_V_STR, a), v));
    return decref(r, owner);
}

/* DELETE_ATTR on an exception: [owner] -> [], the entry of its
 * __dict__ removed (its value released), then the owner. */
static int x_delete_attr(LangRun *r, int32_t a)
{
    GcValue owner = gc_temp(r->h, gc_temp_count(r->h) - 1);
    if (!x_is_exc(r, owner) || x_own_member(r, owner, atom(r, a))) {
        TRY(pop_decref(r));
        return x_attr_refused(r);
    }
    GcId d = x_dict(r, owner);
    int i = d ? dict_find_equal(r, gc_object(r->h, d), GC_MKVAL(GC_V_STR, a)) : -1;
    if (i < 0) {
        int rc = no_attr(r, owner, a);
        int drc = x_release_raising(r, pop(r));
        return drc < 0 ? drc : rc;
    }
    GcValue removed;
    TRY(dict_del_entry(r, d, (uint32_t)i, &removed));
    TRY(decref(r, removed));
    return pop_decref(r);
}

/* LOAD_ATTR of a name an exception does not hold in args, __traceback__,
 * __context__ (...): its __dict__, then its class (of the program). */
static int x_load_prog_attr(LangRun *r, GcValue owner, int32_t a)
{
    GcId d = x_dict(r, owner);
    int i = d ? dict_find_equal(r, gc_object(r->h, d), GC_MKVAL(GC_V_STR, a)) : -1;
    if (i >= 0) {
        GcValue v = gc_slot(gc_object(r->h, d), (uint32_t)i).val;
        gc_incref(r->h, v);
        owner = pop(r);
        TRY(push(r, v));
        return decref(r, owner);
    }
    int at;
    int32_t k = obj_of(r, owner)->cls;
    if (x_prog_exc(r, owner) && class_lookup(r, k, a, &at) >= 0)
        return load_class_attr(r, owner, k, a);
    const char *n = atom(r, a);
    if (x_own_member(r, owner, n))
        return raise(r, "NotImplementedError",
                     "gcviz: the attribute '%s' of an exception is not modelled (args, "
                     "__traceback__, __context__, __cause__, __suppress_context__ and the "
                     "attributes the program sets are)",
                     n);
    return no_attr(r, owner, a);
}

/* LOAD_ATTR on an exception, a traceback or a frame object. */
static int x_load_attr(LangRun *r, GcValue owner, int32_t a)
{
    int k = x_obj_class(r, owner);
    const char *n = atom(r, a);
    GcValue v = GC_UNBOUND;
    int chain = strcmp(n, "__context__") == 0 || strcmp(n, "__cause__") == 0;
    int suppress = strcmp(n, "__suppress_context__") == 0;
    if (k < NXK && strcmp(n, "args") != 0 && strcmp(n, "__traceback__") != 0 && !chain && !suppress)
        return x_load_prog_attr(r, owner, a);
    if (k < NXK && (strcmp(n, "args") == 0 || strcmp(n, "__traceback__") == 0))
        v = x_slot(r, owner, n);
    else if (k < NXK && chain)
        v = x_slot(r, owner, n) == GC_UNBOUND ? GC_NONE : x_slot(r, owner, n);
    else if (k < NXK && suppress)
        v = GC_MKVAL(GC_V_BOOL, x_slot(r, owner, n) != GC_UNBOUND);
    else if (k == XC_TRACEBACK && (strcmp(n, "tb_next") == 0 || strcmp(n, "tb_frame") == 0))
        v = x_slot(r, owner, n);
    else if (k == XC_FRAME && strcmp(n, "f_back") == 0)
        v = x_slot(r, owner, n);
    if (v == GC_UNBOUND || GC_VAL_TAG(v) == GC_V_STR)
        return raise(r, "NotImplementedError",
                     "gcviz: the attribute '%s' of %s object is not modelled (of exceptions: "
                     "args, __traceback__, __context__, __cause__ and __suppress_context__; of "
                     "tracebacks: tb_next and tb_frame; of frames: f_back, once the frame has "
                     "ended)",
                     n,
                     k < NXK             ? "an exception"
                     : k == XC_TRACEBACK ? "a traceback"
                                         : "a frame");
    gc_incref(r->h, v);
    owner = pop(r);
    TRY(push(r, v));
    return decref(r, owner);
}

/* Does a program statement list hold a try? */
static int has_try(LangStmt **b, int32_t n)
{
    for (int32_t i = 0; i < n; i++)
        if (b[i]->kind == LANG_S_TRY || has_try(b[i]->body, b[i]->nbody) ||
            has_try(b[i]->handlers, b[i]->nhandlers) || has_try(b[i]->orelse, b[i]->norelse))
            return 1;
    return 0;
}

static int program_has_try(LangProgram *p)
{
    for (int32_t i = 0; i < lang_step_count(p); i++) {
        LangStmt *s = lang_step(p, i);
        if (has_try(&s, 1))
            return 1;
    }
    for (int32_t f = 0; f < lang_func_count(p); f++)
        if (has_try(lang_func(p, f)->body, lang_func(p, f)->nbody))
            return 1;
    return 0;
}

/* Does the program define a class derived from a built-in exception? */
static int program_has_xclass(LangProgram *p)
{
    for (int32_t k = 0; k < lang_class_count(p); k++)
        if (lang_class(p, k)->xbase >= 0)
            return 1;
    return 0;
}

/* The classes of the interpreter's objects, after the program's. */
static int x_setup(LangRun *r)
{
    r->xcls0 = INT32_MAX;
    r->cur_exc = GC_NONE;
    r->x_arg = GC_NONE;
    r->borrowed_ret = GC_NONE;
    if (!r->xmode)
        return 0;
    for (int k = 0; k < NXK + 2; k++) {
        const char *n = k < NXK ? XK[k].name : k == XC_TRACEBACK ? "traceback" : "frame";
        int32_t a = intern(r, n), cls = a < 0 ? -1 : gc_class_add(r->h, a, 0);
        if (cls < 0)
            return -1;
        if (k == 0)
            r->xcls0 = cls;
    }
    return 0;
}

/* The chain printed before an exception that ends the run, as
 * print_exception_recursive follows it: its __cause__ ("The above
 * exception was the direct cause of the following exception:"), else its
 * __context__ unless __suppress_context__ ("During handling of the above
 * exception, another exception occurred:"), each with its own chain
 * before it. */
static void tb_append(LangRun *r, size_t *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void format_entries(LangRun *r, size_t *at, const struct TbFrame *tb, int n);

static void x_format_context(LangRun *r, size_t *at, GcValue exc, int depth)
{
    GcValue cause = x_slot(r, exc, "__cause__");
    int by_cause = GC_VAL_IS_OBJ(cause);
    GcValue ctx = by_cause ? cause : x_slot(r, exc, "__context__");
    if (!by_cause && x_slot(r, exc, "__suppress_context__") != GC_UNBOUND)
        return;
    XRec *x = GC_VAL_IS_OBJ(ctx) ? x_rec(r, ctx, 0) : NULL;
    if (!x || depth > 50)
        return;
    x_format_context(r, at, ctx, depth + 1);
    if (x->ntb > 0) { /* a cause never raised has no traceback */
        tb_append(r, at, "Traceback (most recent call last):\n");
        format_entries(r, at, x->tb, x->ntb);
    }
    tb_append(r, at, "%s\n\n%s\n\n", x->text,
              by_cause ? "The above exception was the direct cause of the following exception:"
                       : "During handling of the above exception, another exception occurred:");
}

/* ---- the source lines of a traceback's frame, and their carets ---------- */

/* The lines an instruction spans, for its caret lines: one byte per
 * character (a non-ASCII character as 'X': only ASCII decides anything,
 * and the carets count characters), and where each line is in the text. */
#define TB_MAXL 32
#define TB_BUF  8192
typedef struct TbLines {
    int n;               /* lines */
    int first;           /* the first one's number (1-based) */
    int cs[TB_MAXL];     /* each line's first character in c */
    int cn[TB_MAXL];     /* its length in characters (without the newline) */
    int32_t bs[TB_MAXL]; /* its first byte in the text */
    int32_t bn[TB_MAXL]; /* its length in bytes */
    char c[TB_BUF];
} TbLines;

static int utf8_chars(const char *s, int32_t n)
{
    int k = 0;
    for (int32_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* Lines from the one holding byte off to the one holding byte end - 1;
 * 0, or -1 if they do not fit. */
static int tb_lines(const char *t, int32_t tlen, int32_t off, int32_t end, TbLines *L)
{
    if (off < 0 || end > tlen || end <= off)
        return -1;
    int32_t b = off;
    while (b > 0 && t[b - 1] != '\n')
        b--;
    L->first = 1;
    for (int32_t i = 0; i < b; i++)
        L->first += t[i] == '\n';
    L->n = 0;
    int at = 0;
    while (b < tlen && (L->n == 0 || b < end)) {
        if (L->n == TB_MAXL)
            return -1;
        int32_t e = b;
        while (e < tlen && t[e] != '\n')
            e++;
        int32_t eb = e > b && t[e - 1] == '\r' ? e - 1 : e;
        L->bs[L->n] = b;
        L->bn[L->n] = eb - b;
        L->cs[L->n] = at;
        for (int32_t i = b; i < eb; i++) {
            if (((unsigned char)t[i] & 0xC0) == 0x80)
                continue;
            if (at >= TB_BUF)
                return -1;
            L->c[at++] = (unsigned char)t[i] < 0x80 ? t[i] : 'X';
        }
        L->cn[L->n] = at - L->cs[L->n];
        L->n++;
        b = e + 1;
    }
    return L->n > 0 ? 0 : -1;
}

/* Line index and character column of byte b of the text in L (-1 if
 * outside). */
static int tb_col(const char *t, const TbLines *L, int32_t b, int *col)
{
    for (int k = 0; k < L->n; k++)
        if (b >= L->bs[k] && b <= L->bs[k] + L->bn[k]) {
            *col = utf8_chars(t + L->bs[k], b - L->bs[k]);
            return k;
        }
    return -1;
}

typedef struct TbOut {
    char *s;
    size_t n, cap;
} TbOut;

static void out_put(TbOut *o, const char *s, size_t n)
{
    if (o->n + n + 1 > o->cap)
        n = o->cap > o->n + 1 ? o->cap - o->n - 1 : 0;
    memcpy(o->s + o->n, s, n);
    o->n += n;
    o->s[o->n] = 0;
}

static void out_ch(TbOut *o, char ch)
{
    out_put(o, &ch, 1);
}

static int ws312(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\f';
}
static int ws_py(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\f' || ch == '\v' || ch == '\r';
}

/* CPython 3.12.1's tb_displayline (Python/traceback.c): the line, without
 * its indentation, then the carets when the instruction does not span the
 * whole line (or a binary operation or a subscript marks its parts: "~"
 * and "^", extract_anchors_from_expr). */
static void tb_source_312(const char *t, int32_t tlen, int32_t off, int32_t end, const LangExpr *x,
                          TbOut *o)
{
    TbLines L;
    if (tb_lines(t, tlen, off, end, &L) < 0)
        return;
    const char *c = L.c + L.cs[0];
    int n = L.cn[0], lead = 0;
    while (lead < n && ws312(c[lead]))
        lead++;
    out_put(o, "    ", 4);
    out_put(o, t + L.bs[0] + lead, (size_t)(L.bn[0] - lead)); /* the indentation is ASCII */
    out_ch(o, '\n');
    int start = utf8_chars(t + L.bs[0], off - L.bs[0]), stop;
    int left = -1, right = -1;
    char prim = '^', sec = '^';
    if (L.n == 1) {
        stop = utf8_chars(t + L.bs[0], end - L.bs[0]);
        const char *seg = t + off;
        int32_t len = end - off;
        if (x && x->off == off && x->end == end && x->kind == LANG_E_BINOP) {
            int32_t lo = x->base->end - off, hi = x->index->off - off;
            for (int32_t i = lo; i < hi; i++) {
                if (ws312(seg[i]))
                    continue;
                left = (int)i;
                right = (int)i + 1;
                if (i + 1 < hi && !ws312(seg[i + 1]))
                    right++;
                if (i + 1 < hi && seg[i] == ')')
                    continue;
                prim = '~';
                sec = '^';
                break;
            }
        } else if (x && x->off == off && x->end == end && x->kind == LANG_E_INDEX) {
            int32_t la = x->base->end - off, ra = x->index->end - off + 1;
            while (la < len && seg[la] != '[')
                la++;
            while (ra < len && seg[ra] != ']')
                ra++;
            if (ra < len)
                ra++;
            left = (int)la;
            right = (int)ra;
            prim = '~';
            sec = '^';
        }
        if (left >= 0) {
            left = utf8_chars(seg, left) + start;
            right = utf8_chars(seg, right) + start;
        }
    } else {
        /* a multi-line instruction: up to the line's last non-blank byte */
        const char *b = t + L.bs[0];
        int i = L.bn[0];
        while (--i >= 0 && ws312(b[i]))
            ;
        stop = i + 1;
    }
    if (stop - start == n - lead && left < 0)
        return;
    for (int k = lead - 4 + 1; k <= stop; k++)
        out_ch(o, k <= start ? ' ' : left >= 0 && left < k && k <= right ? sec : prim);
    out_ch(o, '\n');
}

/* The anchors of 3.13's _extract_caret_anchors_from_line_segment, over
 * the segment's lines (seg[j], nseg[j] characters). */
typedef struct TbSeg {
    int n;
    const char *s[TB_MAXL];
    int len[TB_MAXL];
} TbSeg;

static int seg_valid(const TbSeg *g, int *j, int *col)
{
    while (*j < g->n && *col >= g->len[*j]) {
        *col = 0;
        (*j)++;
    }
    return *j < g->n ? 0 : -1;
}

/* increment_until: stop 0 a non-blank character but ')', else that one. */
static int seg_until(const TbSeg *g, int *j, int *col, char stop)
{
    for (;;) {
        char ch = g->s[*j][*col];
        if (ch == '\\' || ch == '#') {
            (*j)++;
            *col = 0;
        } else if (stop ? ch != stop : (ws_py(ch) || ch == ')')) {
            (*col)++;
        } else
            return 0;
        if (seg_valid(g, j, col) < 0)
            return -1;
    }
}

/* CPython 3.13.0's StackSummary.format_frame_summary (Lib/traceback.py)
 * for a frame whose instruction spans off..end: its lines, dedented, each
 * with its carets when _should_show_carets says so ("~" and "^" for the
 * parts of a binary operation, a subscript or a call), lines between
 * the significant ones elided. */
/* long: it follows format_frame_summary and _should_show_carets step by
 * step, in their order, so that it can be read against them */
static void tb_source_313(const char *t, int32_t tlen, int32_t off, int32_t end, const LangExpr *x,
                          const LangStmt *st, TbOut *o)
{
    TbLines L;
    if (tb_lines(t, tlen, off, end, &L) < 0)
        return;
    int n = L.n;
    /* rstrip, then textwrap.dedent */
    int len[TB_MAXL], margin = -1;
    const char *m0 = NULL;
    for (int k = 0; k < n; k++) {
        const char *c = L.c + L.cs[k];
        len[k] = L.cn[k];
        while (len[k] > 0 && (ws_py(c[len[k] - 1])))
            len[k]--;
        if (len[k] == 0)
            continue;
        int w = 0;
        while (w < len[k] && (c[w] == ' ' || c[w] == '\t'))
            w++;
        if (margin < 0) {
            margin = w;
            m0 = c;
        } else {
            int q = 0;
            while (q < margin && q < w && c[q] == m0[q])
                q++;
            margin = q;
        }
    }
    if (margin < 0)
        return;
    const char *all[TB_MAXL];
    int alen[TB_MAXL];
    for (int k = 0; k < n; k++) {
        int d = len[k] > 0 ? margin : 0;
        all[k] = L.c + L.cs[k] + d;
        alen[k] = len[k] - d;
    }
    int c0, c1;
    if (tb_col(t, &L, off, &c0) != 0 || tb_col(t, &L, end, &c1) != n - 1)
        return;
    int start = (c0 < len[0] ? c0 : len[0]) - (len[0] > 0 ? margin : 0);
    int stop = (c1 < len[n - 1] ? c1 : len[n - 1]) - (len[n - 1] > 0 ? margin : 0);
    if (start < 0)
        start = 0;
    if (stop < 0)
        stop = 0;
    /* the segment */
    TbSeg g;
    g.n = n;
    for (int k = 0; k < n; k++) {
        g.s[k] = all[k] + (k == 0 ? start : 0);
        int e = k == n - 1 ? stop : alen[k];
        g.len[k] = e - (k == 0 ? start : 0);
        if (g.len[k] < 0)
            g.len[k] = 0;
    }
    int anchors = 0, lj = 0, lc = 0, rj = 0, rc = 0;
    if (x && x->off == off && x->end == end &&
        (x->kind == LANG_E_BINOP || x->kind == LANG_E_INDEX || x->kind == LANG_E_CALL)) {
        /* where byte b is in the segment's lines */
        int bj, bc;
        const LangExpr *sub = x->base;
        bj = tb_col(t, &L, sub->end, &bc);
        if (bj >= 0) {
            bc -= bj == 0 ? margin + start : (len[bj] > 0 ? margin : 0);
            if (seg_valid(&g, &bj, &bc) == 0) {
                if (x->kind == LANG_E_BINOP) {
                    if (seg_until(&g, &bj, &bc, 0) == 0) {
                        int r0 = bc + 1, xj, xc;
                        xj = tb_col(t, &L, x->index->off, &xc);
                        xc -= xj == 0 ? margin + start : (len[xj] > 0 ? margin : 0);
                        char ch = r0 < g.len[bj] ? g.s[bj][r0] : 0;
                        if (r0 < g.len[bj] && (xj > bj || r0 < xc) && !ws_py(ch) && ch != '\\' &&
                            ch != '#')
                            r0++;
                        anchors = 1;
                        lj = rj = bj;
                        lc = bc;
                        rc = r0;
                    }
                } else if (seg_until(&g, &bj, &bc, x->kind == LANG_E_CALL ? '(' : '[') == 0) {
                    anchors = 1;
                    lj = bj;
                    lc = bc;
                    rj = n - 1;
                    rc = g.len[n - 1];
                }
            }
        }
        if (anchors) {
            if (lj == 0)
                lc += start;
            if (rj == 0)
                rc += start;
        }
    }
    /* _should_show_carets */
    int show = anchors;
    int spawns = 0;
    if (st && st->end > 0) {
        const LangExpr *v = NULL;
        if (st->kind == LANG_S_RETURN && st->value && st->value->kind == LANG_E_CALL &&
            st->value->base->kind == LANG_E_NAME)
            v = st->value;
        else if (st->kind == LANG_S_ASSIGN && st->nextra == 0 && st->target->kind == LANG_E_NAME &&
                 st->value->kind == LANG_E_CALL)
            v = st->value;
        int sc, ec, vc, wc;
        if (v && tb_col(t, &L, st->off, &sc) == 0 && tb_col(t, &L, st->end, &ec) == n - 1 &&
            tb_col(t, &L, v->off, &vc) == 0 && tb_col(t, &L, v->end, &wc) == n - 1) {
            /* ast's offsets are bytes of the dedented lines */
            int32_t vb = v->off - L.bs[0] - (len[0] > 0 ? margin : 0);
            int32_t we = v->end - L.bs[n - 1] - (len[n - 1] > 0 ? margin : 0);
            spawns = vb == start && we == stop;
        }
    }
    if (spawns)
        show = 0;
    else if (!anchors) {
        for (int k = 0; k < start && k < alen[0]; k++)
            if (!ws_py(all[0][k]))
                show = 1;
        for (int k = stop; k < alen[n - 1]; k++)
            if (!ws_py(all[n - 1][k]))
                show = 1;
    }
    /* significant lines */
    char sig[TB_MAXL] = {0};
    sig[0] = sig[n - 1] = 1;
    if (anchors)
        for (int d = -1; d <= 1; d++) {
            if (lj + d >= 0 && lj + d < n)
                sig[lj + d] = 1;
            if (rj + d >= 0 && rj + d < n)
                sig[rj + d] = 1;
        }
    /* the lines and carets before the second dedent: at most 2n + n lines */
    char buf[TB_BUF];
    TbOut res = {buf, 0, sizeof buf};
    int32_t lstart[3 * TB_MAXL + 2], nres = 0;
    int prev = -1;
    for (int k = 0; k < n; k++) {
        if (!sig[k])
            continue;
        int todo[2] = {-1, k};
        if (prev >= 0 && k - prev == 2)
            todo[0] = k - 1;
        else if (prev >= 0 && k - prev > 2) {
            char m[48];
            int q = snprintf(m, sizeof m, "...<%d lines>...\n", k - prev - 1);
            lstart[nres++] = (int32_t)res.n;
            out_put(&res, m, (size_t)q);
        }
        prev = k;
        for (int w = 0; w < 2; w++) {
            int j = todo[w];
            if (j < 0)
                continue;
            /* the line's own bytes: the characters of all[j] */
            lstart[nres++] = (int32_t)res.n;
            int32_t bfrom = L.bs[j] + (len[j] > 0 ? margin : 0), bto = L.bs[j] + L.bn[j];
            while (bto > bfrom && ws_py(t[bto - 1]))
                bto--;
            out_put(&res, t + bfrom, (size_t)(bto - bfrom));
            out_ch(&res, '\n');
            if (!show)
                continue;
            lstart[nres++] = (int32_t)res.n;
            int sp = 0;
            while (sp < alen[j] && ws_py(all[j][sp]))
                sp++;
            int ncar = j == n - 1 ? stop : alen[j];
            for (int col = 0; col < ncar; col++) {
                if (col < sp || (j == 0 && col < start))
                    out_ch(&res, ' ');
                else if (anchors && (j > lj || (j == lj && col >= lc)) &&
                         (j < rj || (j == rj && col < rc)))
                    out_ch(&res, '^');
                else
                    out_ch(&res, anchors ? '~' : '^');
            }
            out_ch(&res, '\n');
        }
    }
    /* textwrap.dedent of the result, then each line indented by 4 */
    int dm = -1;
    for (int i = 0; i < nres; i++) {
        const char *a = res.s + lstart[i];
        int w = 0;
        while (a[w] == ' ' || a[w] == '\t')
            w++;
        if (a[w] == '\n' || a[w] == 0)
            continue;
        if (dm < 0 || w < dm)
            dm = w; /* the lines' whitespace is spaces here */
    }
    for (int i = 0; i < nres; i++) {
        const char *a = res.s + lstart[i];
        const char *e = strchr(a, '\n');
        size_t ln = e ? (size_t)(e - a) : strlen(a);
        int w = 0;
        while ((size_t)w < ln && (a[w] == ' ' || a[w] == '\t'))
            w++;
        out_put(o, "    ", 4);
        if ((size_t)w < ln)
            out_put(o, a + (dm > 0 ? dm : 0), ln - (size_t)(dm > 0 ? dm : 0));
        out_ch(o, '\n');
    }
}

/* A frame of a traceback: its source line(s) as CPython `version` prints
 * them (312, 313; 0: 3.13's reports of ignored exceptions, which print
 * no carets) into out; returns the line number its File line names (the
 * first line of the instruction). */
static int tb_frame_source(LangRun *r, const struct TbFrame *f, const LangLoc *loc, int version,
                           char *out, size_t cap)
{
    TbOut o = {out, 0, cap};
    out[0] = 0;
    const char *t = lang_source(r->p);
    int32_t tlen = t ? (int32_t)strlen(t) : 0;
    TbLines L;
    if (!t || f->end <= 0 || tb_lines(t, tlen, f->off, f->end, &L) < 0) {
        char line[256];
        int k = snprintf(line, sizeof line, "    %.200s\n", loc->text);
        out_put(&o, line, (size_t)k);
        return loc->line;
    }
    if (version == 312)
        tb_source_312(t, tlen, f->off, f->end, f->x, &o);
    else if (version == 313)
        tb_source_313(t, tlen, f->off, f->end, f->x, f->st, &o);
    else {
        int32_t b = L.bs[0], e = b + L.bn[0];
        while (b < e && ws312(t[b]))
            b++;
        while (e > b && ws_py(t[e - 1]))
            e--;
        out_put(&o, "    ", 4);
        out_put(&o, t + b, (size_t)(e - b));
        out_ch(&o, '\n');
    }
    return L.first;
}

/* ---- finalizers and callbacks (called by the engine) ------------------- */

/* Appends to the unraisable reports; -1 out of memory. */
static int unr_append(LangRun *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int unr_append(LangRun *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (k < 0)
        return 0;
    if (GC_VEC_RESERVE_Z(r->unr, r->nunr + (size_t)k + 1, r->capunr, 1024, gc_realloc) < 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(r->unr + r->nunr, r->capunr - r->nunr, fmt, ap);
    va_end(ap);
    r->nunr += (size_t)k;
    return 0;
}

/* PyErr_WriteUnraisable's report of the exception that left the __del__
 * or weakref callback func (its frame is traceback entry tb_base):
 * "Exception ignored in: <function NAME at 0x...>" (the address masked,
 * as tests/oracle/make_py_goldens.sh masks CPython's), the traceback from
 * that frame down and the exception: 3.12 prints caret lines there (its
 * C traceback printer's), 3.13 none.  -1 out of memory. */
static int report_unraisable(LangRun *r, int32_t func, int tb_base)
{
    const char *file = r->opt.file ? r->opt.file : "<program>";
    if (!r->py || func < 0)
        return 0;
    int rc = unr_append(r, "Exception ignored in: <function %s at 0x...>\n",
                        atom(r, lang_func(r->p, func)->name));
    if (rc == 0)
        rc = unr_append(r, "Traceback (most recent call last):\n");
    int n = r->ntb_snap < (int)(sizeof r->tb_snap / sizeof r->tb_snap[0])
                ? r->ntb_snap
                : (int)(sizeof r->tb_snap / sizeof r->tb_snap[0]);
    for (int i = tb_base; i < n && rc == 0; i++) {
        const LangLoc *loc = lang_loc(r->p, r->tb_snap[i].loc);
        int32_t f = r->tb_snap[i].func;
        if (!loc || f < 0)
            continue;
        char src[TB_BUF];
        int line = tb_frame_source(r, &r->tb_snap[i], loc, lang_python(r->p) >= 313 ? 0 : 312, src,
                                   sizeof src);
        if (r->modules_gone) /* _Py_DisplaySourceLine cannot import io */
            src[0] = 0;
        rc = unr_append(r, "  File \"%s\", line %d, in %s\n%s", file, line,
                        atom(r, lang_func(r->p, f)->short_name), src);
    }
    if (rc == 0)
        rc = unr_append(r, "%s\n", r->exc);
    return rc;
}

static int run_code_frame(LangRun *r, int32_t kind, int32_t func, GcId self, const FuncInfo *fi,
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
    int saved_ntb_snap = r->ntb_snap;
    struct TbFrame *saved_snap = NULL;
    if (r->ntb_snap > 0) {
        saved_snap = gc_malloc((size_t)r->ntb_snap * sizeof *saved_snap);
        if (!saved_snap)
            return FATAL;
        memcpy(saved_snap, r->tb_snap, (size_t)r->ntb_snap * sizeof *saved_snap);
    }
    int kmark = r->nkept;
    int tb_base = r->ntb;
    tb_push(r, func >= 0 ? func : kind);
    int rc = safe_point(r);
    if (rc == OK)
        rc = exec_body(r, &c, body, n, &ret, &returned);
    tb_pop(r);
    if (rc == EXC && report_unraisable(r, func, tb_base) < 0)
        rc = FATAL;
    if (saved_snap)
        memcpy(r->tb_snap, saved_snap, (size_t)saved_ntb_snap * sizeof *saved_snap);
    gc_free(saved_snap);
    r->ntb_snap = saved_ntb_snap;
    if (rc == FATAL) {
        r->in_finalizer--;
        r->depth--;
        return FATAL;
    }
    unwind(r, mark);
    /* An exception leaving the body: its traceback's frame object takes
     * this frame's locals over too. */
    if (rc == EXC && keep_frame_locals(r) < 0)
        rc = FATAL;
    r->in_finalizer--;
    r->depth--;
    if (rc == FATAL)
        return FATAL;
    if (gc_frame_pop(h) < 0)
        return FATAL;
    /* The frame is cleared (its locals die) before slot_tp_finalize or
     * handle_callback drops the returned value. */
    if (rc == OK && gc_decref(h, ret) < 0)
        return FATAL;
    /* PyErr_WriteUnraisable reports the exception, then drops it: what it
     * kept dies (AttributeError_clear's obj first, then the traceback's
     * frames from the innermost, each frame's locals in order).  A __del__
     * run by these releases may keep its own segment beyond `end`. */
    int end = r->nkept;
    for (int i = kmark; i < end; i++) {
        GcValue v = r->kept[i];
        r->kept[i] = GC_NONE;
        if (gc_decref(h, v) < 0)
            return FATAL;
    }
    r->nkept = kmark;
    /* An exception in __del__ or a callback is "ignored" (unraisable). */
    memcpy(r->exc, saved_exc, sizeof saved_exc);
    r->step = saved_step;
    return OK;
}

/* Python's depth drops before a frame's locals are released, and releasing
 * them can run another __del__ (whose locals release another...).  In
 * CPython the trashcan bounds that chain (the engine models it: 50
 * deallocators deep in 3.12, about 3300 __del__ calls deep in 3.13, where
 * each takes 3 of the 10000 C recursion units), so such a chain can run
 * forever.  LANG_C_NEST_LIMIT is only a guard for gcviz's own C stack,
 * above what the trashcan lets through. */
#define LANG_C_NEST_LIMIT 4000

static int run_code(LangRun *r, int32_t kind, int32_t func, GcId self, const FuncInfo *fi,
                    const int32_t *params, GcValue *args, int nargs, LangStmt **body, int32_t n)
{
    if (r->c_nest >= LANG_C_NEST_LIMIT)
        return EXC; /* RecursionError inside a finalizer: ignored, as unraisable */
    r->c_nest++;
    int rc = run_code_frame(r, kind, func, self, fi, params, args, nargs, body, n);
    r->c_nest--;
    return rc;
}

/* What a finalizer or a callback returns to the engine: a Python exception
 * in it is unraisable (0: the collection goes on), a fatal error (out of
 * memory in lang's own tables, a limit) must stop the run, and the engine
 * stops only on a failed heap: mark it, or the failure would be swallowed
 * as if __del__ had raised. */
static int host_status(LangRun *r, int rc)
{
    if (rc != FATAL)
        return 0;
    if (!gc_failed(r->h))
        gc_fail(r->h, "MemoryError: out of memory");
    return -1;
}

static int host_del(void *ctx, GcHeap *h, GcId self)
{
    LangRun *r = ctx;
    const GcObject *o = gc_object(h, self);
    const LangClass *k = lang_class(r->p, o->cls);
    GcValue args[1] = {GC_VAL_OBJ(self)};
    if (r->py) {
        const LangFunc *fn = lang_func(r->p, k->del_func);
        int rc = run_code(r, k->del_func, k->del_func, self, &r->funcs[k->del_func], fn->params,
                          args, 1, fn->body, fn->nbody);
        return host_status(r, rc);
    }
    int32_t params[1] = {r->a_self};
    int rc = run_code(r, -2, -1, self, &r->dels[o->cls], params, args, 1, k->del_body, k->ndel);
    return host_status(r, rc);
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
    int rc = run_code(r, -3, f, wr, &r->funcs[f], fn->params, args, 1, fn->body, fn->nbody);
    return host_status(r, rc);
}

static int32_t intern(LangRun *r, const char *s)
{
    return gc_strtab_intern(lang_atoms(r->p), s, strlen(s));
}

/* invoke_gc_callback: info = {"generation", "collected", "uncollectable"}
 * (a new dict of ints: untracked), then each function of gc.callbacks
 * called with the phase and info (an exception in one is unraisable), then
 * info released. */
static int host_gc_cb(void *ctx, GcHeap *h, int stop, int gen, int64_t collected,
                      int64_t uncollectable)
{
    LangRun *r = ctx;
    static const char *const keys[3] = {"generation", "collected", "uncollectable"};
    int64_t vals[3] = {gen, collected, uncollectable};
    GcId info = gc_new(h, GC_KIND_DICT, -1);
    if (!info)
        return host_status(r, FATAL);
    for (int i = 0; i < 3; i++) {
        int32_t a = intern(r, keys[i]);
        if (a < 0 || dict_store(r, info, GC_MKVAL(GC_V_STR, a), GC_MKVAL(GC_V_INT, vals[i])) < 0)
            return host_status(r, FATAL);
    }
    int32_t phase = intern(r, stop ? "stop" : "start");
    if (phase < 0)
        return host_status(r, FATAL);
    for (int i = 0; i < r->ngccb; i++) {
        int32_t f = r->gccb[i];
        const LangFunc *fn = lang_func(r->p, f);
        GcValue args[2] = {GC_MKVAL(GC_V_STR, phase), GC_VAL_OBJ(info)};
        int rc = run_code(r, f, f, 0, &r->funcs[f], fn->params, args, 2, fn->body, fn->nbody);
        if (host_status(r, rc) < 0)
            return -1;
    }
    return gc_decref(h, GC_VAL_OBJ(info));
}

/* ---- the run ---------------------------------------------------------- */

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

/* Python's traceback of the exception that ended the run (.py only),
 * written straight into r->traceback: it allocates nothing, so that an
 * allocation failure can never leave a run that ended on a Python
 * exception without its traceback. */
static void tb_append(LangRun *r, size_t *at, const char *fmt, ...)
{
    if (*at >= sizeof r->traceback - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(r->traceback + *at, sizeof r->traceback - *at, fmt, ap);
    va_end(ap);
    if (k > 0)
        *at += (size_t)k < sizeof r->traceback - *at ? (size_t)k : sizeof r->traceback - *at - 1;
}

static void tb_repeated(LangRun *r, size_t *at, int cnt)
{
    if (cnt > 3)
        tb_append(r, at, "  [Previous line repeated %d more time%s]\n", cnt - 3,
                  cnt - 3 > 1 ? "s" : "");
}

static void format_traceback(LangRun *r)
{
    size_t at = 0;
    r->traceback[0] = 0;
    if (!r->py)
        return;
    if (r->xmode && GC_VAL_IS_OBJ(r->cur_exc))
        x_format_context(r, &at, r->cur_exc, 0);
    tb_append(r, &at, "Traceback (most recent call last):\n");
    int n = r->ntb_snap < (int)(sizeof r->tb_snap / sizeof r->tb_snap[0])
                ? r->ntb_snap
                : (int)(sizeof r->tb_snap / sizeof r->tb_snap[0]);
    format_entries(r, &at, r->tb_snap, n);
    tb_append(r, &at, "%s\n", r->exc);
}

/* The entries of a traceback, outermost first. */
static void format_entries(LangRun *r, size_t *at, const struct TbFrame *tb, int n)
{
    const char *file = r->opt.file ? r->opt.file : "<program>";
    /* a frame of the same function at the same line as the one before it
     * is printed 3 times at most (_RECURSIVE_CUTOFF), then counted */
    int32_t last_f = -2;
    int last_line = -1, cnt = 0;
    for (int i = 0; i < n; i++) {
        const LangLoc *loc = lang_loc(r->p, tb[i].loc);
        if (!loc)
            continue;
        int32_t f = tb[i].func;
        const LangFunc *fn = f >= 0 ? lang_func(r->p, f) : NULL;
        char src[TB_BUF];
        int line =
            tb_frame_source(r, &tb[i], loc, lang_python(r->p) >= 313 ? 313 : 312, src, sizeof src);
        if (f != last_f || line != last_line) {
            tb_repeated(r, at, cnt);
            last_f = f;
            last_line = line;
            cnt = 0;
        }
        if (++cnt <= 3)
            tb_append(r, at, "  File \"%s\", line %d, in %s\n%s", file, line,
                      fn ? atom(r, fn->short_name) : "<module>", src);
    }
    tb_repeated(r, at, cnt);
}

/* Does class k (or a base) have a method?  Its function objects hold
 * __main__'s dict as their __globals__. */
static int class_holds_globals(LangRun *r, int32_t k)
{
    for (int d = 0; k >= 0 && d < 1000; d++) {
        const LangClass *c = lang_class(r->p, k);
        for (int32_t i = 0; i < c->nattrs; i++)
            if (!c->attrs[i].value)
                return 1;
        k = c->base;
    }
    return 0;
}

static int value_holds_globals(LangRun *r, GcValue v)
{
    return (GC_VAL_TAG(v) == GC_V_FUNC && builtin_atom(v) < 0) ||
           (prog_class(v) >= 0 && class_holds_globals(r, prog_class(v)));
}

/* Is __main__'s dict in a cycle when __main__ goes (after the first exit
 * collection)?  Yes when a function object is alive: a global function,
 * a method of a class that a global, an instance or a stored value keeps
 * alive, a weakref's callback.  Otherwise module_dealloc's DECREF frees
 * the dict at once (dict_dealloc, values in order), frozen or not. */
static int main_dict_cyclic(LangRun *r)
{
    GcHeap *h = r->h;
    const GcFrame *f = gc_frame(h, 0);
    for (uint32_t i = 0; f && i < f->nvars; i++)
        if (value_holds_globals(r, f->vars[i].val))
            return 1;
    for (GcId id = 1; id <= gc_max_id(h); id++) {
        const GcObject *o = gc_object(h, id);
        if (o->state != GC_STATE_ALIVE)
            continue;
        if (o->kind == GC_KIND_WEAKREF) {
            if (value_holds_globals(r, GC_WR_CALLBACK(o)))
                return 1;
            continue;
        }
        if (o->kind == GC_KIND_INSTANCE && o->cls < r->xcls0 && class_holds_globals(r, o->cls))
            return 1;
        for (uint32_t i = 0; i < gc_nslots(o); i++)
            if (value_holds_globals(r, gc_slot(o, i).key) ||
                value_holds_globals(r, gc_slot(o, i).val))
                return 1;
    }
    return 0;
}

/* The hidden holder of the exit (CPython's __main__ dict), placed where
 * the start-up heap is, with the globals moved in, in the dict's order
 * (gorder_delete), and held from outside (sys.modules -> __main__) by a
 * temporary.  0 on failure. */
static GcId exit_holder(LangRun *r)
{
    GcHeap *h = r->h;
    GcId holder = gc_new(h, GC_KIND_DICT, -1);
    if (!holder)
        return 0;
    r->exit_holder = holder;
    gc_set_label(h, holder, "globals()"); /* __main__.__dict__ */
    gc_track_at_startup(h, holder);
    if (gc_temp_push(h, GC_VAL_OBJ(holder)) < 0)
        return 0;
    const GcFrame *f = gc_frame(h, 0);
    uint32_t n = r->ngorder >= 0 ? (uint32_t)r->ngorder : f ? f->nvars : 0;
    for (uint32_t i = 0; i < n; i++) {
        int32_t name = r->ngorder >= 0 ? r->gorder[i] : (int32_t)GC_VAL_PAYLOAD(f->vars[i].key);
        GcValue v = gc_var_get(h, 0, name);
        if (!GC_VAL_IS_OBJ(v))
            continue;
        gc_incref(h, v);
        const GcObject *d = gc_object(h, holder);
        if (gc_slot_set(h, holder, gc_nslots(d), GC_MKVAL(GC_V_STR, name), v) < 0)
            return 0;
        if (gc_var_set(h, 0, name, GC_UNBOUND) < 0)
            return 0;
        f = gc_frame(h, 0);
    }
    return holder;
}

/* The interpreter's exit (see lang.h): a first full collection with
 * __main__ alive, then __main__ goes and its dict (the hidden holder) is
 * freed at once, or, in a cycle as CPython's dict is with the program's
 * functions, found unreachable by a last full collection with all it
 * holds and, older than the program's objects, cleared first.  While the
 * start-up heap is the oldest part of the lists the dict changes nothing
 * in the first collection (it is scanned first and reaches the globals
 * before they are scanned), so the globals stay the frame's until it is
 * over; after gc.freeze()/gc.unfreeze() it is among the program's
 * objects and takes part: objects ahead of it that only it reaches go
 * behind it (move_unreachable).  A frozen cyclic dict is never collected. */
static void run_exit(LangRun *r)
{
    GcHeap *h = r->h;
    int32_t nsteps = lang_step_count(r->p);
    int failed = r->status != 0;
    r->step = nsteps;
    r->ntb = 1;
    unwind(r, 0);
    gc_stmt(h, nsteps, lang_exit_loc(r->p));
    stdout_flush(r); /* flush_std_files, before the modules go */
    /* One GC object of the interpreter dies between the last statement and
     * Py_FinalizeEx's collection (measured on 3.12.1 and 3.13.0 with a
     * function in gc.callbacks: its "start" reads count[0] one lower, unless
     * 0, after any program; which object is not known). */
    gc_count_hidden(h, -1);
    if (gc_failed(h)) /* the flush's or that death's event: out of memory */
        goto fatal;
    int early = !gc_startup_oldest(h);
    if (early && !exit_holder(r))
        goto fatal;
    /* Py_FinalizeEx's PyGC_Collect: nothing while gc is disabled */
    if (gc_globals(h)->enabled && gc_collect(h, 2) < 0)
        goto fatal;
    if (!early && !exit_holder(r))
        goto fatal;
    GcId holder = r->exit_holder;
    /* The functions in gc.callbacks hold __main__'s dict (their globals)
     * until the interpreter clears the gc module's state, after its last
     * collection and after sys.stdout is gone: nothing more of the program
     * is freed or finalized while anything could be seen. */
    if (r->ngccb > 0)
        goto done;
    if (main_dict_cyclic(r)) { /* function.__globals__ */
        gc_incref(h, GC_VAL_OBJ(holder));
        if (gc_slot_set(h, holder, gc_nslots(gc_object(h, holder)),
                        GC_MKVAL(GC_V_STR, r->a_globals_key), GC_VAL_OBJ(holder)) < 0)
            goto fatal;
    }
    /* finalize_remove_modules: __main__ goes, and with sys.modules empty
     * and sys.meta_path None a traceback's source lines cannot be read */
    r->modules_gone = 1;
    if (gc_decref(h, gc_temp_pop(h)) < 0)
        goto fatal;
    gc_set_callbacks(h, 0);   /* _PyGC_CollectNoFail calls no gc.callbacks */
    if (gc_collect(h, 2) < 0) /* finalize_modules' _PyGC_CollectNoFail */
        goto fatal;
done:
    /* a failure a teardown recorded without returning it (not the
     * history's budget filled during the exit: the run keeps what it has) */
    if (gc_failed(h) && !gc_history_info(h).full)
        goto fatal;
    gc_step_end(h);
    if (!failed && r->opt.on_step)
        r->opt.on_step(r->opt.ctx, r, nsteps);
    return;
fatal:
    r->status = 3;
    snprintf(r->err, sizeof r->err, "exit: %s", gc_error(h));
}

/* The names the interpreter compares against, interned once; -1 when
 * one could not be (out of memory). */
static int intern_names(LangRun *r)
{
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
    r->a_print = intern(r, "print");
    r->a_len = intern(r, "len");
    r->a_str = intern(r, "str");
    r->a_id = intern(r, "id");
    r->a_isinstance = intern(r, "isinstance");
    r->a_sys = intern(r, "sys");
    r->a_getrefcount = intern(r, "getrefcount");
    r->a_isenabled = intern(r, "isenabled");
    r->a_get_count = intern(r, "get_count");
    r->a_get_threshold = intern(r, "get_threshold");
    r->a_is_tracked = intern(r, "is_tracked");
    r->a_get_freeze_count = intern(r, "get_freeze_count");
    r->a_get_referents = intern(r, "get_referents");
    r->a_insert = intern(r, "insert");
    r->a_remove = intern(r, "remove");
    r->a_extend = intern(r, "extend");
    r->a_index = intern(r, "index");
    r->a_count = intern(r, "count");
    r->a_copy = intern(r, "copy");
    r->a_items = intern(r, "items");
    r->a_keys = intern(r, "keys");
    r->a_values = intern(r, "values");
    r->a_enumerate = intern(r, "enumerate");
    r->a_abs = intern(r, "abs");
    r->a_min = intern(r, "min");
    r->a_max = intern(r, "max");
    r->a_sum = intern(r, "sum");
    r->a_sort = intern(r, "sort");
    r->a_reverse = intern(r, "reverse");
    r->a_sorted = intern(r, "sorted");
    r->a_list = intern(r, "list");
    r->a_tuple = intern(r, "tuple");
    r->a_get = intern(r, "get");
    r->a_init = intern(r, "__init__");
    r->a_del = intern(r, "__del__");
    r->a_globals_key = intern(r, "<functions>"); /* their __globals__: the exit dict's cycle */
    r->a_name = intern(r, "__name__");
    r->a_main = intern(r, "__main__");
    r->a_type = intern(r, "type");
    r->a_hasattr = intern(r, "hasattr");
    r->a_getattr = intern(r, "getattr");
    r->a_setattr = intern(r, "setattr");
    r->a_class = intern(r, "__class__");
    /* every name interned above (-1 when out of memory) */
    const int32_t *names[] = {&r->a_self,          &r->a_gc,
                              &r->a_weakref,       &r->a_ref,
                              &r->a_append,        &r->a_pop,
                              &r->a_clear,         &r->a_collect,
                              &r->a_enable,        &r->a_disable,
                              &r->a_set_threshold, &r->a_freeze,
                              &r->a_unfreeze,      &r->a_range,
                              &r->a_print,         &r->a_len,
                              &r->a_str,           &r->a_id,
                              &r->a_isinstance,    &r->a_sys,
                              &r->a_getrefcount,   &r->a_isenabled,
                              &r->a_get_count,     &r->a_get_threshold,
                              &r->a_is_tracked,    &r->a_get_freeze_count,
                              &r->a_get_referents, &r->a_insert,
                              &r->a_remove,        &r->a_extend,
                              &r->a_index,         &r->a_get,
                              &r->a_init,          &r->a_del,
                              &r->a_globals_key,   &r->a_name,
                              &r->a_main,          &r->a_count,
                              &r->a_copy,          &r->a_sorted,
                              &r->a_list,          &r->a_tuple,
                              &r->a_type,          &r->a_hasattr,
                              &r->a_getattr,       &r->a_setattr,
                              &r->a_class};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (*names[i] < 0)
            return -1;
    return 0;
}

/* Each class's attribute defaults, its keys in the heap and its __del__'s
 * analysis; -1 out of memory (r->status and r->err set). */
static int setup_classes(LangRun *r, LangProgram *p, int32_t nc)
{
    r->cattr = gc_calloc((size_t)(nc ? nc : 1), sizeof *r->cattr);
    r->class_made = gc_calloc((size_t)(nc ? nc : 1), 1);
    r->plain_cls = gc_calloc((size_t)(nc ? nc : 1), 1);
    r->cls_xk = gc_calloc((size_t)(nc ? nc : 1), 1);
    if (!r->cattr || !r->class_made || !r->plain_cls || !r->cls_xk) {
        r->status = 3;
        snprintf(r->err, sizeof r->err, "out of memory");
        return -1;
    }
    for (int32_t i = 0; i < nc; i++) {
        const LangClass *k = lang_class(p, i);
        r->cattr[i] = gc_calloc((size_t)(k->nattrs ? k->nattrs : 1), sizeof **r->cattr);
        if (!r->cattr[i]) {
            r->status = 3;
            snprintf(r->err, sizeof r->err, "out of memory");
            return -1;
        }
        for (int32_t a = 0; a < k->nattrs; a++) {
            const LangExpr *d = k->attrs[a].value;
            r->cattr[i][a] = !d                       ? GC_UNBOUND
                             : d->kind == LANG_E_NONE ? GC_NONE
                             : d->kind == LANG_E_BOOL ? GC_MKVAL(GC_V_BOOL, d->ival != 0)
                             : d->kind == LANG_E_INT  ? LANG_INT_VALUE(d)
                             : d->kind == LANG_E_STR  ? GC_MKVAL(GC_V_STR, d->atom)
                                                      : GC_MKVAL(GC_V_CONST, d->atom);
        }
        int at;
        r->plain_cls[i] = class_lookup(r, i, r->a_init, &at) < 0;
        r->cls_xk[i] = (int8_t)(k->xbase >= 0  ? xk_find(atom(r, k->xbase))
                                : k->base >= 0 ? r->cls_xk[k->base]
                                               : -1);
        if (gc_class_add(r->h, k->name, k->del_body != NULL || (r->py && k->del_func >= 0)) < 0) {
            /* the heap would have no keys for this class: out of memory
             * (3), or gcviz's limit on classes (the program's: 1) */
            r->status = gc_limit_hit(r->h) ? 1 : 3;
            snprintf(r->err, sizeof r->err, "%s",
                     gc_failed(r->h) ? gc_error(r->h) : "out of memory");
            return -1;
        }
        if (analyse(&r->dels[i], &r->a_self, 1, k->del_body, k->ndel) < 0) {
            r->status = 3;
            snprintf(r->err, sizeof r->err, "out of memory");
            return -1;
        }
    }
    return 0;
}

/* Runs the top-level steps in order until one fails (r->status, r->err
 * and the traceback then say why). */
static void run_steps(LangRun *r, LangProgram *p)
{
    Ctx top = {NULL, 0};
    tb_push(r, -1);
    for (int32_t i = 0; i < lang_step_count(p); i++) {
        LangStmt *s = lang_step(p, i);
        r->step = i;
        r->collected = -1;
        GcValue ret = GC_NONE;
        int returned = 0;
        if (r->opt.on_progress)
            r->progress_at = 0; /* each step's start is reported */
        int rc = exec_stmt(r, &top, s, &ret, &returned);
        if (rc == OK)
            rc = safe_point(r); /* the end of the step is an eval-breaker check */
        if (rc != FATAL && gc_failed(r->h))
            rc = fatal(r); /* an engine failure that no return value carried up */
        if (rc == OK) {
            gc_step_end(r->h);
            if (r->opt.on_step)
                r->opt.on_step(r->opt.ctx, r, i);
            continue;
        }
        const LangLoc *loc = lang_loc(p, s->loc);
        /* Out of memory is the machine's failure (3); gcviz's object limit
         * is the scenario's, like a Python MemoryError (1). */
        r->status = rc == FATAL && !gc_limit_hit(r->h) && !r->cancelled ? 3 : 1;
        r->err_step = i;
        snprintf(r->err, sizeof r->err, "%s: '%s': %s", loc ? loc->path : "steps",
                 loc ? loc->text : "", r->exc);
        gc_error_event(r->h, r->exc);
        format_traceback(r);
        if (r->xmode && rc != FATAL) {
            /* the exception (sys.last_exc) dies with what it holds */
            GcValue e = r->cur_exc;
            r->cur_exc = GC_NONE;
            while (r->nhandled > 0)
                x_pop_except(r);
            decref(r, e);
        }
        r->unr_before_error = r->nunr;
        break;
    }
    /* the module's frame ends: its frame object, if a traceback made one */
    if (r->xmode && r->status != 3 && r->fobj[0] && x_frame_exit(r, 0) < 0 && r->status == 0)
        r->status = 3;
}

LangRun *lang_run(LangProgram *p, const LangRunOptions *opt)
{
    LangRun *r = gc_calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->p = p;
    r->depth = 1; /* the module's frame counts towards the limit (999 calls deep in CPython) */
    if (opt)
        r->opt = *opt;
    if (r->opt.max_stmts <= 0)
        r->opt.max_stmts = LANG_MAX_EXEC_STMTS;
    r->progress_at = r->opt.on_progress ? 0 : INT64_MAX;
    r->collected = -1;
    r->err_step = -1;
    r->ngorder = -1;
    int names_oom = intern_names(r) < 0;
    r->py = lang_is_py(p);
    r->xmode = r->py && (program_has_try(p) || program_has_xclass(p));
    r->internals = r->opt.internals ? r->opt.internals : lang_python(p);
    GcConfig cfg = {lang_python(p),
                    r->opt.internals,
                    lang_collector(p),
                    r->opt.record || r->opt.checked,
                    r->opt.timing,
                    r->opt.max_objects,
                    r->opt.lean && !r->opt.record && !r->opt.checked && !r->xmode,
                    r->opt.history_budget,
                    r->opt.fine_from,
                    0,
                    0,
                    r->opt.checkpoint_every,
                    r->opt.stop_at,
                    r->opt.stop_msg};
    if (r->py)
        cfg.startup_objects = startup_objects(p, &cfg.startup_untrack_later);
    GcHost host = {r, host_del, host_weakref_cb, host_gc_cb};
    r->h = gc_heap_new(&cfg, lang_atoms(p), &host);
    r->lean = r->h && r->py && gc_is_lean(r->h);
    int32_t nf = lang_func_count(p), nc = lang_class_count(p);
    r->funcs = gc_calloc((size_t)(nf ? nf : 1), sizeof *r->funcs);
    r->dels = gc_calloc((size_t)(nc ? nc : 1), sizeof *r->dels);
    int oom = !r->h || !r->funcs || !r->dels;
    oom |= names_oom;
    for (int32_t i = 0; !oom && i < nf; i++) {
        const LangFunc *f = lang_func(p, i);
        oom = analyse(&r->funcs[i], f->params, f->nparams, f->body, f->nbody) < 0;
    }
    if (oom) {
        r->status = 3;
        snprintf(r->err, sizeof r->err, "out of memory");
        return r;
    }
    if (setup_classes(r, p, nc) < 0)
        return r;
    if (x_setup(r) < 0) {
        r->status = 3;
        snprintf(r->err, sizeof r->err, "out of memory");
        return r;
    }
    run_steps(r, p);
    /* a run the history's budget stopped has no exit: its collections would
     * be kept in a history that has no room left */
    if (r->py && r->status != 3 && !r->cancelled && !gc_history_info(r->h).full &&
        lang_exit_loc(p) >= 0)
        run_exit(r);
    if (r->opt.checked && r->status != 3)
        check_history(r);
    return r;
}

void lang_run_free(LangRun *r)
{
    if (!r)
        return;
    gc_heap_free(r->h);
    for (int32_t i = 0; r->cattr && i < lang_class_count(r->p); i++)
        gc_free(r->cattr[i]);
    gc_free(r->cattr);
    gc_free(r->class_made);
    gc_free(r->cls_xk);
    gc_free(r->plain_cls);
    gc_free(r->out);
    gc_free(r->unr);
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
    gc_free(r->gorder);
    gc_free(r->kept);
    for (int i = 0; i < r->nxrec; i++)
        gc_free(r->xrec[i].tb);
    gc_free(r->xrec);
    gc_free(r);
}

GcHeap *lang_run_heap(LangRun *r) { return r->h; }
int lang_run_status(const LangRun *r) { return r->status; }
int lang_run_cancelled(const LangRun *r)
{
    return r->cancelled;
}
const char *lang_run_error(const LangRun *r) { return r->err; }
int64_t lang_run_collected(const LangRun *r) { return r->collected; }
const char *lang_run_exception(const LangRun *r) { return r->exc; }
const char *lang_run_traceback(const LangRun *r)
{
    return r->traceback;
}
const char *lang_run_unraisable(const LangRun *r, size_t *before_error)
{
    *before_error = r->traceback[0] ? r->unr_before_error : r->nunr;
    return r->unr ? r->unr : "";
}
GcId lang_run_exit_holder(const LangRun *r)
{
    return r->exit_holder;
}
int32_t lang_run_error_step(const LangRun *r)
{
    return r->err_step;
}

const char *lang_run_output(const LangRun *r, size_t *len)
{
    if (len)
        *len = r->nout;
    return r->out ? r->out : "";
}

size_t lang_run_output_at(const LangRun *r, int32_t cursor, const GcRunIndex *x)
{
    /* the last GC_EV_OUTPUT event before cursor tells how much was printed */
    int32_t n = gc_event_count(r->h);
    if (cursor > n)
        cursor = n;
    if (x && x->nevents == n) {
        int32_t i = gc_index_output_before(x, cursor);
        if (i >= 0)
            return (size_t)gc_event(r->h, i)->b;
        cursor = 0; /* no output before it */
    }
    for (int32_t i = cursor - 1; i >= 0; i--) {
        const GcEvent *e = gc_event(r->h, i);
        if (e->kind == GC_EV_OUTPUT)
            return (size_t)e->b;
    }
    return cursor >= n && n == 0 ? r->nout : 0;
}
