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
    LANG_E_BOOL,   /* ival 0/1 */
    LANG_E_INT,    /* ival */
    LANG_E_STR,    /* atom = the string's text */
    LANG_E_NAME,   /* atom = the name */
    LANG_E_ATTR,   /* base.atom */
    LANG_E_INDEX,  /* base[index] */
    LANG_E_CALL,   /* base(items...) ; base is a NAME or an ATTR (method, gc.x, weakref.ref) */
    LANG_E_LIST,   /* [items...] */
    LANG_E_TUPLE,  /* (items...) ; constant if every item is constant (see is_const) */
    LANG_E_DICT    /* {keys[i]: items[i]} */
} LangExprKind;

typedef struct LangExpr {
    uint8_t kind;
    uint8_t is_const;   /* tuple of constants: folded to an atom, as CPython does */
    int32_t col;        /* byte offset of the expression in the statement */
    int64_t ival;
    int32_t atom;
    struct LangExpr *base;
    struct LangExpr *index;
    struct LangExpr **items;
    struct LangExpr **keys;
    int32_t nitems;
} LangExpr;

typedef enum LangStmtKind {
    LANG_S_ASSIGN = 1, /* target = value; target is NAME, ATTR or INDEX */
    LANG_S_DEL,        /* del targets[0], targets[1], ... */
    LANG_S_EXPR,       /* a call as a statement */
    LANG_S_RETURN,     /* return [value] (value may be NULL) */
    LANG_S_PASS,
    LANG_S_GLOBAL,     /* global names... */
    LANG_S_FOR         /* for var in range(count): body (from {"for":..., "body":[...]}) */
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
    struct LangStmt **body;  /* FOR body */
    int32_t nbody;
    int32_t loc;             /* this statement's location (index in the program's table) */
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
} LangLoc;

typedef struct LangFunc {
    int32_t name;       /* atom */
    int32_t *params;    /* atoms */
    int32_t nparams;
    LangStmt **body;
    int32_t nbody;
} LangFunc;

typedef struct LangClass {
    int32_t name;       /* atom */
    LangStmt **del_body;/* NULL if no __del__ */
    int32_t ndel;
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

typedef struct LangRunOptions {
    int record;          /* keep the history for stepping */
    int timing;
    int checked;         /* run gc_check after every micro-step (tests) */
    int64_t max_objects; /* 0 = default */
    int64_t max_stmts;   /* statements executed; 0 = LANG_MAX_EXEC_STMTS */
    int internals;       /* 312 / 313 internals; 0 = the scenario's python */
    /* Called after each top-level step (may be NULL): for trace output. */
    void (*on_step)(void *ctx, LangRun *r, int32_t step);
    void *ctx;
} LangRunOptions;

/* Runs the whole program.  Returns a run (never NULL unless out of memory)
 * whose status tells how it ended. */
LangRun *lang_run(LangProgram *p, const LangRunOptions *opt);
void lang_run_free(LangRun *r);
GcHeap *lang_run_heap(LangRun *r);
/* 0 fine; 1 a Python exception stopped it; 3 an internal failure (OOM). */
int lang_run_status(const LangRun *r);
/* "steps[7]: 'del x': NameError: name 'x' is not defined" (empty if fine). */
const char *lang_run_error(const LangRun *r);
/* The return value of the last gc.collect() in the step just finished,
 * -1 if the step made no gc.collect() call at top level. */
int64_t lang_run_collected(const LangRun *r);
/* The Python exception text alone ("NameError: name 'x' is not defined"). */
const char *lang_run_exception(const LangRun *r);

#endif
