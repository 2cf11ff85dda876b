/*
 * lang.h: the Python subset of gcviz scenarios (DESIGN.md 2): its syntax
 * tree, the statement parser, the program (classes, functions, steps) and
 * the interpreter that runs it on the engine's heap with Python's
 * evaluation order, reference counting and exceptions.
 *
 * A program is built once (by the scenario loader), then run any number of
 * times.  All syntax nodes live in the program's arena and die with it.
 * Names, attribute names and strings are atoms of the program's string
 * table, which the heap borrows.
 */
#ifndef GCVIZ_LANG_H
#define GCVIZ_LANG_H

#include <stddef.h>
#include <stdint.h>

#include "gc.h"

#define LANG_MAX_STMT_LEN 4096   /* bytes in one statement */
#define LANG_MAX_IDENT_LEN 64    /* bytes in one identifier */
#define LANG_MAX_EXPR_DEPTH 64   /* nesting of brackets and calls */
#define LANG_MAX_RANGE 10000000  /* N in "for i in range(N)" */
#define LANG_MAX_GC_CALLBACKS 16        /* functions in gc.callbacks at once */
#define LANG_RECURSION_LIMIT 1000
/* Statements executed in one run (each loop iteration's body counts, and
 * gc.collect() one per tracked object): a bound on run time whatever the
 * loops and calls multiply to (about 2 s of "pass").  The 1,000,000-object
 * benchmark executes about 3,000,000. */
#define LANG_MAX_EXEC_STMTS 100000000

typedef struct LangError {
    int col;        /* 0-based byte offset in the statement text, -1 if none */
    char msg[256];
} LangError;

typedef enum LangExprKind {
    LANG_E_NONE = 1,
    LANG_E_BOOL,  /* ival 0/1 */
    LANG_E_INT,   /* ival; beyond 59 bits: ival LANG_INT_BIG, atom = its decimal text */
    LANG_E_STR,   /* atom = the string's text */
    LANG_E_NAME,  /* atom = the name */
    LANG_E_ATTR,  /* base.atom */
    LANG_E_INDEX, /* base[index] */
    LANG_E_CALL,  /* base(items...) ; base is a NAME or an ATTR (method, gc.x, weakref.ref) */
    LANG_E_LIST,  /* [items...] */
    LANG_E_TUPLE, /* (items...) ; constant if every item is constant (see is_const) */
    LANG_E_DICT,  /* {keys[i]: items[i]} */
    /* .py programs (lang_py.c) */
    LANG_E_BINOP,   /* base OP index ; ival = LangOp */
    LANG_E_UNARY,   /* OP base ; ival = LANG_OP_NEG or LANG_OP_NOT */
    LANG_E_COMPARE, /* items[0] ops[0] items[1] ops[1] items[2] ... (a chain) */
    LANG_E_BOOLOP,  /* items joined by ival = LANG_OP_AND / LANG_OP_OR */
    LANG_E_FSTRING, /* items: STR parts and {expr} fields, concatenated with str() */
    LANG_E_SLICE,   /* the index of an INDEX: items start, stop[, step] (None when omitted) */
    LANG_E_IFEXP,   /* items[1] if items[0] else items[2] (test first: compile order) */
    /* Comprehensions, inlined as CPython 3.12+ compiles them (PEP 709):
     * items = ival generators (COMPFOR), then the element (LISTCOMP) or
     * the key and the value (DICTCOMP); ops = the nlocals variables the
     * comprehension binds (its targets and its nested comprehensions'),
     * saved before it and restored after it, in CPython's symbol order.
     * At module level these are hidden fast locals, not globals: the
     * parser renames them (and their uses inside) "x (comprehension)". */
    LANG_E_LISTCOMP,
    LANG_E_DICTCOMP,
    LANG_E_COMPFOR, /* for index in base if items[0] if items[1] ...: one generator */
    /* lambda as the key= of sorted, min, max or list.sort at the top level
     * (not in a comprehension): ival = its function (<lambda>, body
     * `return expr`), made by MAKE_FUNCTION and dead when the call ends */
    LANG_E_LAMBDA
} LangExprKind;

typedef enum LangOp {
    LANG_OP_ADD = 1,
    LANG_OP_SUB,
    LANG_OP_MUL,
    LANG_OP_FLOORDIV,
    LANG_OP_MOD,
    LANG_OP_NEG,
    LANG_OP_NOT,
    LANG_OP_AND,
    LANG_OP_OR,
    LANG_OP_EQ,
    LANG_OP_NE,
    LANG_OP_LT,
    LANG_OP_LE,
    LANG_OP_GT,
    LANG_OP_GE,
    LANG_OP_IS,
    LANG_OP_IS_NOT,
    LANG_OP_IN,
    LANG_OP_NOT_IN
} LangOp;

/* An int literal too large for a GcValue's payload (CPython's ints have no
 * limit below 4,300 digits): its LANG_E_INT has ival LANG_INT_BIG and the
 * atom of its decimal text, and runs as a GC_V_BIGINT. */
#define LANG_INT_BIG GC_INT_MAX
#define LANG_INT_VALUE(e)                                                                          \
    ((e)->ival == LANG_INT_BIG ? GC_MKVAL(GC_V_BIGINT, (e)->atom) : GC_MKVAL(GC_V_INT, (e)->ival))

/* is_const of the LANG_E_ATTR node `gc.callbacks` where it is the list of
 * gc.callbacks.append(f), .remove(f) or .clear() (lang_py.c marks it; the
 * only uses of gc.callbacks a program may make). */
#define LANG_GC_CALLBACKS 3

/* is_const of the LANG_E_NAME node `super` in `super().name(...)` written
 * in a method (lang_py.c marks it; the only use of super() a program may
 * make), its ival the method's function index. */
#define LANG_SUPER_CALL 4

typedef struct LangExpr {
    uint8_t kind;
    uint8_t is_const;   /* tuple of constants: folded to an atom, as CPython does; lang_py.c
                           marks the callee of enumerate(...) / d.items() in a loop with 2 */
    int32_t col;        /* byte offset of the expression in the statement */
    int64_t ival;
    int32_t atom;
    struct LangExpr *base;
    struct LangExpr *index;
    struct LangExpr **items;
    struct LangExpr **keys; /* DICT: keys; CALL: keys[i] = STR node of a keyword argument's
                               name (NULL for a positional one), keys NULL if none */
    int32_t nitems;
    int32_t *ops; /* COMPARE: nitems - 1 LangOp; LISTCOMP/DICTCOMP: nlocals atoms */
    int32_t nlocals;
    int32_t line;     /* .py: the line of the expression (1-based), 0 for JSON */
    int32_t hint;     /* NAME: the variable's index in its frame when last run
                         (a cache for gc_var_get_hint; any value is safe) */
    int32_t off, end; /* .py: the bytes of the program's text the expression spans, as
                         CPython's col_offset .. end_col_offset do (end exclusive; end 0
                         for none): the caret lines of a traceback */
} LangExpr;

typedef enum LangStmtKind {
    LANG_S_ASSIGN = 1, /* target = value; target is NAME, ATTR or INDEX */
    LANG_S_DEL,        /* del targets[0], targets[1], ... */
    LANG_S_EXPR,       /* a call as a statement */
    LANG_S_RETURN,     /* return [value] (value may be NULL) */
    LANG_S_PASS,
    LANG_S_GLOBAL, /* global names... */
    LANG_S_FOR,    /* for var in range(count): body (from {"for":..., "body":[...]}) */
    /* .py programs (lang_py.c) */
    LANG_S_IF,     /* if value: body else: orelse (elif = an IF alone in orelse) */
    LANG_S_WHILE,  /* while value: body */
    LANG_S_FOR_IN, /* for target in value: body (a range call, list, tuple or dict) */
    LANG_S_BREAK,
    LANG_S_CONTINUE,
    LANG_S_AUGASSIGN, /* target OP= value ; op = LangOp */
    LANG_S_DEF,       /* def: binds function `func` to names[0] */
    LANG_S_CLASS,     /* class: creates class `cls` and binds it to names[0] */
    LANG_S_IMPORT,    /* import names... (gc, sys, weakref) */
    LANG_S_ASSERT,    /* assert value[, target] (target: the message, or NULL) */
    /* try: body, handlers (LANG_S_EXCEPT each), else: orelse */
    LANG_S_TRY,
    /* except [value [as target]]: body (value: a NAME or a TUPLE of NAMEs) */
    LANG_S_EXCEPT,
    LANG_S_RAISE /* raise [value] */
} LangStmtKind;

typedef struct LangStmt {
    uint8_t kind;
    LangExpr *target;
    LangExpr *value;
    LangExpr **targets;
    int32_t ntargets;
    int32_t *names;          /* GLOBAL: name atoms */
    int32_t nnames;
    int32_t for_var;         /* FOR: loop variable atom */
    int64_t for_count;       /* FOR: N */
    int32_t for_count_var;   /* FOR: atom of the variable holding N, 0 if N is a literal */
    struct LangStmt **body;  /* FOR, IF, WHILE, FOR_IN body */
    int32_t nbody;
    struct LangStmt **orelse; /* IF: the else branch; TRY: its else clause */
    int32_t norelse;
    struct LangStmt **handlers; /* TRY: its except clauses, in order */
    int32_t nhandlers;
    struct LangStmt **finalbody; /* TRY: its finally clause (NULL for none) */
    int32_t nfinalbody;
    int32_t op;        /* AUGASSIGN: LangOp */
    int32_t func, cls; /* DEF: function index; CLASS: class index */
    LangExpr **extra;  /* ASSIGN: more targets of "a = b = value" (stored after target) */
    int32_t nextra;
    int32_t loc;             /* this statement's location (index in the program's table) */
    int32_t off, end;        /* .py: its bytes in the text, as LangExpr's (a for: with its body) */
} LangStmt;

/* Where a statement came from: for messages, the code panel and captions. */
typedef struct LangLoc {
    const char *path;   /* JSON path: "steps[4]", "functions.make_pair.body[2]" */
    const char *text;   /* the statement as written */
    const char *say;    /* caption, or NULL */
    int pause;          /* "pause": true */
    int line, col;      /* position of the statement's JSON string in the file (1-based) */
    int32_t owner;      /* -1 steps, function index, or -(2 + class index) for __del__ */
    int32_t index;      /* index within its owner's list (top-level: step index) */
    const char **phase_say; /* NULL, or GC_PHASE_COUNT captions (NULL entries: none) for the
                               phases of the collections this statement runs ("say" keyed
                               by phase); set with lang_loc_set_phase_say */
} LangLoc;

typedef struct LangFunc {
    int32_t name;       /* atom: "make", or the qualified "Node.__init__" of a method */
    int32_t *params;    /* atoms */
    int32_t nparams;
    LangStmt **body;
    int32_t nbody;
    /* .py: */
    LangExpr **defaults; /* constant defaults of the last ndefaults parameters */
    int32_t ndefaults;
    int32_t short_name; /* atom of the plain name ("__init__"); = name for functions */
    int32_t cls;        /* class index of a method, -1 for a function */
    int32_t line;       /* line of the def (1-based), 0 for JSON */
    int32_t uses_super; /* a method calling super(): CPython gives it a __class__ closure */
} LangFunc;

typedef struct LangClassAttr {
    int32_t name;    /* atom */
    LangExpr *value; /* a constant (int, str, None, bool, constant tuple), or NULL for a
                        method (then func is its function index) */
    int32_t func;
} LangClassAttr;

typedef struct LangClass {
    int32_t name;       /* atom */
    LangStmt **del_body;/* NULL if no __del__ */
    int32_t ndel;
    /* .py: */
    int32_t base;         /* index of the base class, -1 for object */
    int32_t xbase;        /* atom of the built-in exception class that is the base (class
                             MyError(Exception)), -1 for none (then base says) */
    LangClassAttr *attrs; /* class body in order: attributes and methods */
    int32_t nattrs;
    int32_t del_func; /* function index of __del__ (own or inherited), -1 if none */
    int32_t line;
} LangClass;

typedef struct LangProgram LangProgram;

LangProgram *lang_program_new(void);
void lang_program_free(LangProgram *p);
GcStrtab *lang_atoms(LangProgram *p);
/* Arena allocation (zeroed), freed with the program; NULL on OOM. */
void *lang_alloc(LangProgram *p, size_t n);
/* Copies a string into the arena. */
const char *lang_strdup(LangProgram *p, const char *s);

/* Parses one statement (not "for"; see lang_parse_for).  Returns NULL with
 * err filled (column + message) on a syntax error or anything outside the
 * language.  Names are interned in the program's atoms. */
LangStmt *lang_parse_stmt(LangProgram *p, const char *text, LangError *err);
/* Parses a for header "i in range(N)" into *var and *count. N is an integer
 * literal (*count >= 0) or a variable name (*count = -atom - 1; store it in
 * LangStmt.for_count_var).  Returns 0 or -1. */
int lang_parse_for(LangProgram *p, const char *header, int32_t *var, int64_t *count,
                   LangError *err);

/* Building the program (the scenario loader calls these). */
int32_t lang_add_loc(LangProgram *p, const LangLoc *loc);   /* returns loc index or -1 */
/* The caption of location loc for collector phase `phase` (copied); 0 or -1 (OOM). */
int lang_loc_set_phase_say(LangProgram *p, int32_t loc, GcPhase phase, const char *text);
const LangLoc *lang_loc(const LangProgram *p, int32_t loc);
int32_t lang_loc_count(const LangProgram *p);
int32_t lang_add_class(LangProgram *p, const LangClass *c); /* index or -1 */
int32_t lang_add_func(LangProgram *p, const LangFunc *f);   /* index or -1 */
int lang_add_step(LangProgram *p, LangStmt *s);
void lang_set_meta(LangProgram *p, int python, GcCollector collector);

int32_t lang_class_count(const LangProgram *p);
const LangClass *lang_class(const LangProgram *p, int32_t i);
int32_t lang_func_count(const LangProgram *p);
const LangFunc *lang_func(const LangProgram *p, int32_t i);
int32_t lang_step_count(const LangProgram *p);
/* The whole .py text of a program written in Python (a .py file or a
 * scenario's "source"), NULL for the JSON statement form. */
const char *lang_source(const LangProgram *p);
void lang_set_source(LangProgram *p, const char *text); /* copied into the arena */
/* 1 for programs written in Python: names are bound by the statements that
 * define them (def, class, import), as in CPython. */
int lang_is_py(const LangProgram *p);
/* .py programs end with the interpreter's exit (a last step after the
 * program's statements, text "<exit>"): its location, -1 for JSON. */
void lang_set_exit_loc(LangProgram *p, int32_t loc);
int32_t lang_exit_loc(const LangProgram *p);

/*
 * The exit, and its trace (the contract with tests/oracle, also in
 * docs of the oracle): after the last statement (or after the uncaught
 * exception's traceback) CPython finalizes (Py_FinalizeEx, measured on
 * 3.13.0 with the oracle and on 3.12.1 by the __del__ output:
 * tests/golden/py/l17, l28-l31):
 * 1. a full collection while __main__ is alive: its dict holds the
 *    globals.  The dict was made at start-up, before anything of the
 *    program, and sits with the start-up heap in the lists (at the head
 *    of generation 2 once a lesson's first gc.collect() ran; gc.freeze()
 *    and gc.unfreeze() move it like any object): objects ahead of it
 *    that only it reaches go behind it (move_unreachable).
 * 2. __main__ leaves sys.modules and is freed.  Its dict survives only if
 *    a function holds it (__globals__: a def, a method of a live class, a
 *    weakref callback); otherwise dict_dealloc frees it at once, its
 *    values released in dict order (the order names were first bound; a
 *    deleted name bound again goes last), frozen or not.
 * 3. a full collection: the cyclic dict is unreachable with all only it
 *    reached; finalizers run in list order, then tp_clear empties the
 *    dict first (the oldest), values in dict order with their cascades,
 *    then clears the remaining cycles in list order.  A frozen cyclic
 *    dict is never collected: what it holds stays alive.
 * gcviz models this with a hidden holder (CPython's dict; not an object
 * of the trace) put at the start-up heap's place (gc_track_at_startup),
 * held from outside during the first gc.collect(2)-like collection, then
 * released (in a self-cycle if a function holds it) before the second.
 * `gcviz trace` prints it as one more line after the program's steps:
 *   {"step": N, "stmt": "<exit>", "objects": [...], "freed": [...],
 *    "finalized": [...], "collections": [...], "count": [...]}
 * where N = the number of top-level statements, objects lists what is
 * still alive after both collections (nothing unless something leaked),
 * freed/finalized list the program's objects in order, and collections
 * lists the two exit collections (automatic false).
 */

/* ---- Python source (lang_py.c) --------------------------------------- */

typedef struct LangPyMeta {
    const char *title;       /* the module docstring's first line, or NULL (arena) */
    const char *description; /* the docstring's rest, or NULL (arena) */
} LangPyMeta;

/* Compiles Python source text into p: classes, functions, top-level
 * steps, one location per statement with its .py line and column, the
 * "# say:" captions and "# pause" marks.  line0 is the line of the text's
 * first line in its file (1 for a .py file).  Every problem is reported
 * through report(ctx, line, col, message) (line/col 1-based); returns the
 * number of problems (0 = the program is complete), -1 if out of memory. */
int lang_py_compile(LangProgram *p, const char *text, size_t len, LangPyMeta *meta,
                    void (*report)(void *ctx, int line, int col, const char *msg), void *ctx);
/* Whether the n bytes at s are one of Python's keywords (3.12's
 * keyword.kwlist): not a name in either form of a program. */
int lang_is_py_keyword(const char *s, size_t n);
LangStmt *lang_step(const LangProgram *p, int32_t i);
int lang_python(const LangProgram *p);
GcCollector lang_collector(const LangProgram *p);

/* Static checks after building: names of classes/functions called exist,
 * arities match, return only in functions.  Returns the number of problems;
 * each is reported through report(ctx, loc, col, message). */
int lang_validate(LangProgram *p, void (*report)(void *ctx, int32_t loc, int col, const char *msg),
                  void *ctx);

/* ---- running ---------------------------------------------------------- */

typedef struct LangRun LangRun;

/* How far a run has come (LangRunOptions.on_progress), for a progress bar
 * and for `record`'s progress line while a long program runs. */
typedef struct LangProgress {
    int64_t executed;       /* statements executed so far */
    int32_t step, nsteps;   /* the top-level step running (0-based), of how many */
    int32_t events;         /* events in the history so far (0 without one) */
    int64_t history_bytes;  /* memory the history uses (gc_history_info) */
    int64_t history_budget; /* and its budget */
} LangProgress;
/* Statements between two calls of on_progress. */
#define LANG_PROGRESS_EVERY 4096

typedef struct LangRunOptions {
    int record;          /* keep the history for stepping */
    int timing;
    int checked;         /* run gc_check after every micro-step (tests) */
    int lean;            /* nothing but the output and the totals will be read:
                            GcConfig.lean (ignored with record or checked) */
    int64_t max_objects; /* 0 = default */
    int64_t max_stmts;   /* statements executed; 0 = LANG_MAX_EXEC_STMTS */
    int internals;       /* 312 / 313 internals; 0 = the scenario's python */
    const char *file;    /* the program's file name for Python tracebacks (may be NULL) */
    /* Called after each top-level step (may be NULL): for trace output. */
    void (*on_step)(void *ctx, LangRun *r, int32_t step);
    void *ctx;
    /* Bytes the history may use (GcConfig.history_budget; 0 = the default). */
    int64_t history_budget;
    /* Recompute the micro-steps from this statement stop on
     * (GcConfig.fine_from; 0 = the ordinary history). */
    int64_t fine_from;
    /* With fine_from, where the run it recomputes was stopped by its
     * budget (GcConfig.stop_at, stop_msg; 0 / NULL: it was not). */
    int64_t stop_at;
    const char *stop_msg;
    /* Called (may be NULL) at the start of each top-level step and about
     * every LANG_PROGRESS_EVERY statements executed, in the thread that
     * runs the program, with ctx.  A nonzero return cancels the run: it
     * stops before the next statement (lang_run_cancelled), with status 1,
     * the error "the run was cancelled" and no interpreter exit. */
    int (*on_progress)(void *ctx, const LangProgress *p);
    /* Heap checkpoints every this many writes (GcConfig.checkpoint_every;
     * 0 = the default, < 0 = none: every seek replays writes). */
    int64_t checkpoint_every;
} LangRunOptions;

/* Runs the whole program.  Returns a run (never NULL unless out of memory)
 * whose status tells how it ended. */
LangRun *lang_run(LangProgram *p, const LangRunOptions *opt);
void lang_run_free(LangRun *r);
GcHeap *lang_run_heap(LangRun *r);
/* 0 fine; 1 a Python exception stopped it; 3 an internal failure (OOM). */
int lang_run_status(const LangRun *r);
/* Did on_progress cancel the run? */
int lang_run_cancelled(const LangRun *r);
/* "steps[7]: 'del x': NameError: name 'x' is not defined" (empty if fine). */
const char *lang_run_error(const LangRun *r);
/* The return value of the last gc.collect() in the step just finished,
 * -1 if the step made no gc.collect() call at top level. */
int64_t lang_run_collected(const LangRun *r);
/* The Python exception text alone ("NameError: name 'x' is not defined"). */
const char *lang_run_exception(const LangRun *r);
/* Everything the program printed (stdout), *len bytes; never NULL. */
const char *lang_run_output(const LangRun *r, size_t *len);
/* Bytes printed before history event index `cursor` (each print is a
 * GC_EV_OUTPUT event whose a..b is its range of the output); the whole
 * output for a cursor at or past the end.  Needs a recorded run.  With
 * the run's index (gc_index_build of its heap; NULL to scan the events
 * back from the cursor) it costs O(log n). */
size_t lang_run_output_at(const LangRun *r, int32_t cursor, const GcRunIndex *x);
/* A .py program's Python traceback ("Traceback (most recent call
 * last):\n  File ..."), empty if the run did not end on an exception or
 * the program is in the JSON form. */
const char *lang_run_traceback(const LangRun *r);
/* The reports CPython's PyErr_WriteUnraisable writes on stderr for the
 * exceptions that left a __del__ or a weakref callback ("Exception ignored
 * in: <function C.__del__ at 0x...>" and the traceback, with 3.12's caret
 * lines, none for 3.13; .py only), in order; never NULL.  *before_error: how many bytes
 * of them came before the exception that ended the run (all if none). */
const char *lang_run_unraisable(const LangRun *r, size_t *before_error);
/* The hidden object that holds __main__'s globals at exit (not shown in
 * traces), 0 if the run has not reached its exit. */
GcId lang_run_exit_holder(const LangRun *r);
/* The top-level step an exception ended (0-based), -1 if the run did not
 * end on one.  A .py run's exit comes after it, so the heap's current step
 * is then the exit's, not this one. */
int32_t lang_run_error_step(const LangRun *r);

#endif
