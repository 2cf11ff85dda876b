/*
 * reftracer.c - in-interpreter probe for the gcviz fidelity oracle
 * (tests/oracle/cpython_trace.py compiles and imports it at run time).
 *
 * Everything the oracle does *between* the scenario's statements happens in
 * this file, in C, without allocating a single Python object, so the
 * interpreter's own state (gc counts, free lists, generation lists, the
 * long-lived counters) is exactly what the scenario alone would have made it.
 *
 *  - On CPython >= 3.13 a PyRefTracer (CREATE / DESTROY) hook assigns ids in
 *    allocation order to every object whose exact type is in the scenario
 *    type table (scenario classes, list, tuple, dict, weakref.ref) and logs
 *    deallocations (DESTROY = entry of _Py_Dealloc).  A DESTROY that is later
 *    found to be a resurrection (refcount __del__ resurrection) is undone.
 *  - __del__ of scenario classes starts with __rt_fin(self), which logs the
 *    finalizer call.
 *  - gc.get_stats()-equivalent counters (gcstate->generation_stats) are sampled
 *    at every tracer event and every hook, so each collection is seen on its
 *    own; manual ones are bracketed by __rt_collect().
 *  - Generations are read by walking the interpreter's generation lists
 *    (internal headers, Py_BUILD_CORE), refcounts from ob_refcnt.
 *  - gc.unfreeze() is replaced by __rt_unfreeze(), which moves back to
 *    generation 2 only what the scenario froze (the oracle's own start-up heap
 *    stays frozen behind a sentinel).
 *
 * On 3.12 (no PyRefTracer) only the "observable" mode is available: tracked
 * scenario-typed objects found on the generation lists, as a multiset.
 */
#define PY_SSIZE_T_CLEAN
#ifndef Py_BUILD_CORE
#define Py_BUILD_CORE 1
#endif
#include <Python.h>
#include "internal/pycore_interp.h"
#include "internal/pycore_pystate.h"
#include "internal/pycore_gc.h"
#if PY_VERSION_HEX >= 0x030D0000
#include "internal/pycore_frame.h"
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if PY_VERSION_HEX >= 0x030D0000
#define HAVE_REFTRACER 1
#else
#define HAVE_REFTRACER 0
#endif

#define MAX_TYPES 64

enum { ST_LIVE = 0, ST_DYING = 1, ST_FREED = 2 };

typedef struct {
    void *addr;
    int tidx;
    int state;
} Obj;

typedef struct {
    int gen;
    Py_ssize_t collected;
    Py_ssize_t uncollectable;
    int autoflag;
} Coll;

/* growable arrays */
#define DEFVEC(name, T) \
    typedef struct { T *v; size_t n, cap; } name; \
    static __attribute__((unused)) int name##_push(name *a, T x) { \
        if (a->n == a->cap) { \
            size_t nc = a->cap ? a->cap * 2 : 64; \
            T *nv = (T *)realloc(a->v, nc * sizeof(T)); \
            if (!nv) return -1; \
            a->v = nv; a->cap = nc; \
        } \
        a->v[a->n++] = x; return 0; \
    }
DEFVEC(ObjVec, Obj)
DEFVEC(LongVec, long)
DEFVEC(CollVec, Coll)
DEFVEC(CharVec, char)

/* ---------------------------------------------------------------- state */
static PyTypeObject *types[MAX_TYPES];
static char *type_json[MAX_TYPES];     /* JSON-encoded type names */
static int ntypes;
static char **step_prefix;             /* '{"step": k, "stmt": "...", ' */
static long nsteps;
static int observable_mode;

static ObjVec objs;                    /* index = id - 1 */
static void **hkeys; static long *hvals; static size_t hcap, hused;

static LongVec step_freed, step_final;
static CollVec step_colls;
static long cur_step = -1;
static int have_collected; static Py_ssize_t step_collected;
static long fin_count;                 /* finalizer calls this step */
static long hidden_allocs;             /* GC allocations of other types this step */
static long hidden_total;
static int unraisable_seen;
static int tracer_on;
static int manual_depth;
static int debug_on; static long debug_step = -2;               /* inside __rt_collect__ */
static int internal_error;
static char internal_msg[256];

static Py_ssize_t last_stats[3][3];

/* Source mode (.py programs, cpython_trace.py + py_runner.py): the program runs
   as __main__ on CPython 3.13 itself (no 3.12 corrections, "native").  Hooks
   are attribute reads of a probe object (`__rt__.b`, `.e`, `.f`), not calls:
   a CALL checks the eval breaker after it returns and could run a pending
   automatic collection earlier than the program alone would. */
static int native_mode;                /* no 3.12 corrections */
static int source_mode;
static int is_class_t[MAX_TYPES];      /* the type is a program class */
static char *noid_steps;               /* per step: class/def/import, no ids */
static PyObject **class_keys;          /* per step: class name to register or NULL */
static PyObject *prog_globals;         /* borrowed: __main__'s dict */
static int noid_now, in_print, exit_mode, errored;
static char *exit_prefix;
static PyObject *real_print, *real_excepthook;
static FILE *outfp;
static PyObject *name_gc, *name_collect;
static char *collect_steps;            /* per step: the statement's value is gc.collect(...) */
static PyObject *collect_wrapper;      /* replaces gc.collect once the program imported gc */
static PyObject *module_code;          /* the program's module code (frame test) */
static destructor orig_finalize;         /* slot_tp_finalize of the classes with __del__ */
static PyObject *sentinel;             /* last oracle object in the permanent generation */
static PyObject *real_collect;         /* gc.collect (source mode: looked up at first use) */

static CharVec out;

static void set_internal_error(const char *msg)
{
    if (!internal_error) {
        internal_error = 1;
        snprintf(internal_msg, sizeof internal_msg, "%s", msg);
    }
}

static struct _gc_runtime_state *GCS(void)
{
    return &PyInterpreterState_Get()->gc;
}

/* ---------------------------------------------------------------- hash */
static size_t hslot(void *p, size_t cap)
{
    uintptr_t x = (uintptr_t)p;
    x ^= x >> 17; x *= 0x9E3779B97F4A7C15ull; x ^= x >> 29;
    return (size_t)x & (cap - 1);
}

static int hput(void *k, long v);
static int hgrow(void)
{
    size_t oc = hcap; void **ok = hkeys; long *ov = hvals;
    size_t nc = oc ? oc * 2 : 1024;
    hkeys = (void **)calloc(nc, sizeof(void *));
    hvals = (long *)calloc(nc, sizeof(long));
    if (!hkeys || !hvals) return -1;
    hcap = nc; hused = 0;
    for (size_t i = 0; i < oc; i++)
        if (ok[i]) hput(ok[i], ov[i]);
    free(ok); free(ov);
    return 0;
}

static int hput(void *k, long v)
{
    if ((hused + 1) * 2 > hcap && hgrow() < 0) return -1;
    size_t i = hslot(k, hcap);
    while (hkeys[i] && hkeys[i] != k) i = (i + 1) & (hcap - 1);
    if (!hkeys[i]) { hkeys[i] = k; hused++; }
    hvals[i] = v;
    return 0;
}

static __attribute__((unused)) long hget(void *k)
{
    if (!hcap) return -1;
    size_t i = hslot(k, hcap);
    while (hkeys[i]) {
        if (hkeys[i] == k) return hvals[i];
        i = (i + 1) & (hcap - 1);
    }
    return -1;
}

/* generation map (rebuilt per snapshot) */
static void **gkeys; static int *gvals; static size_t gcap;
static void gmap_clear(void) { if (gkeys) memset(gkeys, 0, gcap * sizeof(void *)); }
static void gput(void *k, int v)
{
    size_t i = hslot(k, gcap);
    while (gkeys[i] && gkeys[i] != k) i = (i + 1) & (gcap - 1);
    gkeys[i] = k; gvals[i] = v;
}
static int gget(void *k, int *v)
{
    size_t i = hslot(k, gcap);
    while (gkeys[i]) {
        if (gkeys[i] == k) { *v = gvals[i]; return 1; }
        i = (i + 1) & (gcap - 1);
    }
    return 0;
}

static size_t list_len(PyGC_Head *head, PyGC_Head *from)
{
    size_t n = 0;
    for (PyGC_Head *g = _PyGCHead_NEXT(from); g != head; g = _PyGCHead_NEXT(g)) n++;
    return n;
}

/* gen: 0,1,2 or 3 = permanent (scenario-frozen part only) */
static int build_gen_map(void)
{
    struct _gc_runtime_state *s = GCS();
    PyGC_Head *perm = &s->permanent_generation.head;
    PyGC_Head *sg = sentinel ? _Py_AS_GC(sentinel) : perm;
    size_t total = 0;
    for (int g = 0; g < 3; g++) total += list_len(&s->generations[g].head, &s->generations[g].head);
    total += list_len(perm, sg);
    size_t need = 64;
    while (need < total * 2 + 2) need *= 2;
    if (need > gcap) {
        free(gkeys); free(gvals);
        gkeys = (void **)calloc(need, sizeof(void *));
        gvals = (int *)calloc(need, sizeof(int));
        if (!gkeys || !gvals) { set_internal_error("out of memory"); gcap = 0; return -1; }
        gcap = need;
    } else {
        gmap_clear();
    }
    for (int g = 0; g < 3; g++) {
        PyGC_Head *h = &s->generations[g].head;
        for (PyGC_Head *x = _PyGCHead_NEXT(h); x != h; x = _PyGCHead_NEXT(x))
            gput((void *)(x + 1), g);
    }
    for (PyGC_Head *x = _PyGCHead_NEXT(sg); x != perm; x = _PyGCHead_NEXT(x))
        gput((void *)(x + 1), 3);
    return 0;
}

/* ---------------------------------------------------------------- stats */
static void add_colls(int gen, Py_ssize_t n, Py_ssize_t c, Py_ssize_t u, int autoflag)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        Coll r = { gen, i == 0 ? c : 0, i == 0 ? u : 0, autoflag };
        if (CollVec_push(&step_colls, r) < 0) set_internal_error("out of memory");
    }
}

/* manual_gen < 0: whatever changed is automatic.
   manual_gen in 0..2: one collection of that generation is the manual one. */
static void sample_stats(int manual_gen)
{
    struct _gc_runtime_state *s = GCS();
    int manual_done = 0;
    for (int g = 0; g < 3; g++) {
        Py_ssize_t n = s->generation_stats[g].collections - last_stats[g][0];
        if (n <= 0) continue;
        Py_ssize_t c = s->generation_stats[g].collected - last_stats[g][1];
        Py_ssize_t u = s->generation_stats[g].uncollectable - last_stats[g][2];
        if (g == manual_gen && !manual_done) {
            add_colls(g, 1, c, u, 0);
            if (n > 1) add_colls(g, n - 1, 0, 0, 1);
            manual_done = 1;
        } else {
            add_colls(g, n, c, u, 1);
        }
        last_stats[g][0] = s->generation_stats[g].collections;
        last_stats[g][1] = s->generation_stats[g].collected;
        last_stats[g][2] = s->generation_stats[g].uncollectable;
    }
}

static void reset_stats_baseline(void)
{
    struct _gc_runtime_state *s = GCS();
    for (int g = 0; g < 3; g++) {
        last_stats[g][0] = s->generation_stats[g].collections;
        last_stats[g][1] = s->generation_stats[g].collected;
        last_stats[g][2] = s->generation_stats[g].uncollectable;
    }
}

/* ---------------------------------------------------------------- objects */
static int type_index(PyTypeObject *tp)
{
    for (int i = 0; i < ntypes; i++)
        if (types[i] == tp) return i;
    return -1;
}

static __attribute__((unused)) void longvec_remove(LongVec *a, long x)
{
    for (size_t i = 0; i < a->n; i++) {
        if (a->v[i] == x) {
            memmove(a->v + i, a->v + i + 1, (a->n - i - 1) * sizeof(long));
            a->n--;
            return;
        }
    }
}

#if HAVE_REFTRACER
/* 3.12 vs 3.13 difference in PyObject_ClearWeakRefs (refcount death of an
   object that has weak references):
     3.12: the callback-less refs at the head (at most two) are cleared, then
           a tuple of 2*count items is built only if count >= 2 remain;
     3.13: a tuple of 2*n items whenever n >= 1 weakrefs have a callback.
   (Measured: an object with a basic ref and one callback ref dies with
   count[0] +0 on 3.12.1, +1 on 3.13.0.)  The goldens follow 3.12, so the
   3.13-only tuple (exactly one weakref left after the callback-less ones)
   is not given an id.  It is recognised as the
   first 2-tuple created while the dying owner's refcount is back to 0 (after
   its __del__, if any, and only if not resurrected). */
#define WR_MAX 1024
static PyObject *wr_owner[WR_MAX];
static int wr_n;
static long wr_suppressed;
/* The suppressed tuple must also leave no trace in count[0], in the GC
   scheduling flag and in the tuple free list.  The tracer samples count[0] and
   the eval-breaker GC bit at every event; a CREATE that raised count[0] by one
   was a fresh allocation (not a free-list reuse): it is undone, and the tuple
   is later freed without going to the free list (rt_dealloc). */
#define GC_SCHED_BIT ((uintptr_t)1 << 4)      /* _PY_GC_SCHEDULED_BIT, 3.13 */
static Py_ssize_t last_count0;
static int last_sched;
#define SUP_MAX 256
static PyObject *sup_fresh[SUP_MAX];
static int nsup_fresh;

static void note_counters(void)
{
    if (native_mode) return;
    last_count0 = GCS()->generations[0].count;
    last_sched = (PyThreadState_Get()->eval_breaker & GC_SCHED_BIT) != 0;
}

static void wr_forget(PyObject *op)
{
    for (int i = 0; i < wr_n; i++)
        if (wr_owner[i] == op) {
            memmove(wr_owner + i, wr_owner + i + 1, (size_t)(wr_n - i - 1) * sizeof(PyObject *));
            wr_n--;
            return;
        }
}

static void wr_note_destroy(PyObject *op)
{
    PyTypeObject *tp = Py_TYPE(op);
    wr_forget(op);
    if (tp->tp_weaklistoffset == 0) return;
    /* heap types: managed weakref list at a negative offset, same formula */
    PyWeakReference *r = *(PyWeakReference **)((char *)op + tp->tp_weaklistoffset);
    /* 3.12 first clears up to two callback-less refs at the head of the
       list, then builds the tuple only if two or more weakrefs are left. */
    int n_all = 0, n_lead = 0, leading = 1;
    for (; r != NULL; r = r->wr_next) {
        n_all++;
        if (leading && r->wr_callback == NULL && n_lead < 2)
            n_lead++;
        else
            leading = 0;
    }
    if (n_all - n_lead == 1) {
        if (wr_n < WR_MAX) wr_owner[wr_n++] = op;
        else set_internal_error("weakref owner stack overflow");
    }
}

static int wr_is_clear_tuple(PyObject *op)
{
    /* (ob_size is not set yet when a fresh tuple is reported) */
    if (Py_TYPE(op) != &PyTuple_Type) return 0;
    for (int i = wr_n - 1; i >= 0; i--) {
        if (Py_REFCNT(wr_owner[i]) == 0) {
            memmove(wr_owner + i, wr_owner + i + 1, (size_t)(wr_n - i - 1) * sizeof(PyObject *));
            wr_n--;
            wr_suppressed++;
            return 1;
        }
    }
    return 0;
}

static void on_create(PyObject *op, int ti)
{
    if (source_mode) {
        /* no ids before the first step, in class/def/import steps, inside
           print (the text layer's pending list) and, at exit, for anything
           but instances of the program's classes */
        if (cur_step < 0 || noid_now || in_print || (exit_mode && !is_class_t[ti])) {
            long j = hget(op);
            if (j >= 0 && objs.v[j].state == ST_LIVE) objs.v[j].state = ST_FREED;
            /* a dying object whose address a new object takes (a list of
               the free list made inside print) is dead for good: emit_trace
               must not take the new one for it, resurrected */
            if (j >= 0 && objs.v[j].state == ST_DYING &&
                !(PyObject_IS_GC(op) && _PyGC_FINALIZED(op) && objs.v[j].tidx == ti))
                objs.v[j].state = ST_FREED;
            if (j >= 0) hput(op, -1);
            return;
        }
    }
    long idx = hget(op);
    if (idx >= 0 && objs.v[idx].state == ST_DYING && objs.v[idx].tidx == ti &&
        PyObject_IS_GC(op) && _PyGC_FINALIZED(op)) {
        /* 3.13 reports a resurrection by __del__ as CREATE (_Py_ResurrectReference):
           the same object, already finalized, not a new one */
        objs.v[idx].state = ST_LIVE;
        longvec_remove(&step_freed, idx + 1);
        return;
    }
    if (idx >= 0 && objs.v[idx].state != ST_FREED) {
        if (objs.v[idx].state == ST_LIVE)
            set_internal_error("CREATE at the address of a live object");
        objs.v[idx].state = ST_FREED;
    }
    wr_forget(op);
    if (!native_mode && wr_n && wr_is_clear_tuple(op)) {
        if (hput(op, -1) < 0) set_internal_error("out of memory");
        struct _gc_runtime_state *s = GCS();
        if (s->generations[0].count == last_count0 + 1) {
            s->generations[0].count--;
            PyThreadState *ts = PyThreadState_Get();
            if (!last_sched && (ts->eval_breaker & GC_SCHED_BIT))
                _Py_atomic_and_uintptr(&ts->eval_breaker, ~GC_SCHED_BIT);
            if (nsup_fresh < SUP_MAX) sup_fresh[nsup_fresh++] = op;
            else set_internal_error("too many suppressed tuples");
        }
        return;
    }
    Obj o = { op, ti, ST_LIVE };
    if (ObjVec_push(&objs, o) < 0 || hput(op, (long)objs.n - 1) < 0)
        set_internal_error("out of memory");
}

static void on_destroy(PyObject *op)
{
    long idx = hget(op);
    if (idx < 0) return;
    Obj *o = &objs.v[idx];
    if (o->state != ST_LIVE) return;   /* FREED, or DYING: reported already */
    if (!native_mode && is_class_t[o->tidx]) wr_note_destroy(op);    /* scenario classes */
    o->state = ST_DYING;
    if (LongVec_push(&step_freed, idx + 1) < 0) set_internal_error("out of memory");
}

static int tracer(PyObject *op, PyRefTracerEvent ev, void *data)
{
    (void)data;
    if (!tracer_on) return 0;
    if (!manual_depth && !exit_mode) sample_stats(-1);
    if (op == NULL) return 0;
    PyTypeObject *tp = Py_TYPE(op);
    if (debug_on && cur_step == debug_step)
        fprintf(stderr, "  ev %s %s %p size=%ld count0=%ld last=%ld sched=%d wr_n=%d\n",
                ev == PyRefTracer_CREATE ? "CREATE" : "DESTROY", tp->tp_name, (void *)op,
                (long)Py_SIZE(op), (long)GCS()->generations[0].count, (long)last_count0,
                (int)((PyThreadState_Get()->eval_breaker & GC_SCHED_BIT) != 0), wr_n);
    int ti = type_index(tp);
    if (ev == PyRefTracer_CREATE) {
        if (ti < 0) {
            if (PyType_IS_GC(tp)) { hidden_allocs++; hidden_total++; }
        } else {
            on_create(op, ti);
        }
    } else if (ev == PyRefTracer_DESTROY) {
        if (ti >= 0) on_destroy(op);
    }
    note_counters();
    return 0;
}

/* CPython 3.13.0's eval loop redefines Py_DECREF (Python/ceval_macros.h) to
   call tp_dealloc directly, without the PyRefTracer DESTROY event, so objects
   whose last reference is dropped by the eval loop itself (POP_TOP of a call
   result, STORE_FAST/DELETE_FAST of a local, the owner in LOAD_ATTR, call
   arguments, ...) would be missed.  While tracing, every type of the table has
   its tp_dealloc replaced by rt_dealloc, which reports the DESTROY (once) and
   calls the original.  While the original runs, the type's tp_dealloc is put
   back (subtype_dealloc looks for "the nearest base with a different
   tp_dealloc", and the trashcan compares tp_dealloc with the running
   deallocator), so the original behaves exactly as without the oracle.
   Remaining blind spot: during that window, an object of the same type whose
   last reference is dropped by the eval loop (e.g. inside a __del__ of the same
   class) is not seen; rt_end then finds a live object with refcount 0 and the
   run is reported as inexact (exit 4). */
static destructor orig_dealloc[MAX_TYPES];
static int dealloc_window[MAX_TYPES];
static int class_window;

static void rt_dealloc(PyObject *op)
{
    PyTypeObject *tp = Py_TYPE(op);
    int ti = type_index(tp);
    if (ti < 0) {
        /* a subclass made after the wrapping (weakref.KeyedRef): its
           subtype_dealloc calls the base's deallocator, i.e. this one; not a
           table type, nothing to report */
        for (PyTypeObject *b = tp->tp_base; b; b = b->tp_base) {
            int bi = type_index(b);
            if (bi >= 0 && orig_dealloc[bi]) { orig_dealloc[bi](op); return; }
        }
    }
    if (ti < 0 || orig_dealloc[ti] == NULL) {
        fprintf(stderr, "oracle: rt_dealloc on an unknown type %s\n", tp->tp_name);
        abort();
    }
    if (tracer_on) {
        if (!manual_depth && !exit_mode) sample_stats(-1);
        on_destroy(op);
    }
    for (int i = 0; i < nsup_fresh; i++) {
        if (sup_fresh[i] != op) continue;
        /* tupledealloc without the free list, count[0] left as it was */
        memmove(sup_fresh + i, sup_fresh + i + 1, (size_t)(nsup_fresh - i - 1) * sizeof(PyObject *));
        nsup_fresh--;
        PyObject_GC_UnTrack(op);
        Py_ssize_t n = Py_SIZE(op);
        while (--n >= 0) Py_XDECREF(((PyTupleObject *)op)->ob_item[n]);
        struct _gc_runtime_state *s = GCS();
        Py_ssize_t before = s->generations[0].count;
        PyObject_GC_Del(op);
        s->generations[0].count = before;
        note_counters();
        return;
    }
    destructor d = orig_dealloc[ti];
    if (is_class_t[ti] && source_mode) {
        /* program classes may derive from each other: subtype_dealloc calls
           "the nearest base with a different tp_dealloc", so while one runs
           every class has its own deallocator back */
        int outer = class_window++ == 0;
        if (outer)
            for (int i = 0; i < ntypes; i++)
                if (is_class_t[i] && orig_dealloc[i]) types[i]->tp_dealloc = orig_dealloc[i];
        d(op);
        if (outer) {
            class_window = 0;
            for (int i = 0; i < ntypes; i++)
                if (is_class_t[i] && orig_dealloc[i]) types[i]->tp_dealloc = rt_dealloc;
        }
        return;
    }
    int outer = dealloc_window[ti]++ == 0;
    tp->tp_dealloc = d;
    note_counters();
    d(op);
    note_counters();
    if (outer) {
        dealloc_window[ti] = 0;
        if (orig_dealloc[ti]) tp->tp_dealloc = rt_dealloc;
    }
}

static void install_deallocs(void)
{
    for (int i = 0; i < ntypes; i++) {
        if (orig_dealloc[i]) continue;
        orig_dealloc[i] = types[i]->tp_dealloc;
        dealloc_window[i] = 0;
        types[i]->tp_dealloc = rt_dealloc;
    }
}

static void remove_deallocs(void)
{
    for (int i = 0; i < ntypes; i++) {
        if (!orig_dealloc[i]) continue;
        types[i]->tp_dealloc = orig_dealloc[i];
        orig_dealloc[i] = NULL;
    }
}
#endif

/* ---------------------------------------------------------------- output */
static void outs(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++)
        if (CharVec_push(&out, s[i]) < 0) { set_internal_error("out of memory"); return; }
}

static void outf(const char *fmt, long long x)
{
    char b[64];
    snprintf(b, sizeof b, fmt, x);
    outs(b);
}

static void flush_out(void)
{
    FILE *fp = outfp ? outfp : stdout;
    if (out.n) {
        fwrite(out.v, 1, out.n, fp);
        out.n = 0;
    }
    fflush(fp);
}

static void out_gen(int found, int g)
{
    if (!found) outs("null");
    else if (g == 3) outs("\"permanent\"");
    else outf("%lld", g);
}

static void out_tail(void)
{
    struct _gc_runtime_state *s = GCS();
    if (have_collected) outf("\"collected\": %lld, ", (long long)step_collected);
    outs("\"collections\": [");
    for (size_t i = 0; i < step_colls.n; i++) {
        Coll *c = &step_colls.v[i];
        if (i) outs(", ");
        outf("{\"gen\": %lld, ", c->gen);
        outf("\"collected\": %lld, ", (long long)c->collected);
        outf("\"uncollectable\": %lld, ", (long long)c->uncollectable);
        outs(c->autoflag ? "\"auto\": true}" : "\"auto\": false}");
    }
    outs("], \"count\": [");
    for (int g = 0; g < 3; g++) {
        if (g) outs(", ");
        outf("%lld", (long long)s->generations[g].count);
    }
    outs("]}\n");
}

typedef struct { int t; Py_ssize_t rc; int gen; } OTuple;
static int otcmp(const void *a, const void *b)
{
    const OTuple *x = (const OTuple *)a, *y = (const OTuple *)b;
    int c = strcmp(type_json[x->t], type_json[y->t]);
    if (c) return c;
    if (x->rc != y->rc) return x->rc < y->rc ? -1 : 1;
    return x->gen - y->gen;
}

static void emit_observable(long k)
{
    struct _gc_runtime_state *s = GCS();
    OTuple *v = NULL; size_t n = 0, cap = 0;
    PyGC_Head *perm = &s->permanent_generation.head;
    for (int g = 0; g < 4; g++) {
        PyGC_Head *h = g < 3 ? &s->generations[g].head : perm;
        PyGC_Head *x = g < 3 ? _PyGCHead_NEXT(h) : _PyGCHead_NEXT(_Py_AS_GC(sentinel));
        for (; x != h; x = _PyGCHead_NEXT(x)) {
            PyObject *op = (PyObject *)(x + 1);
            int ti = type_index(Py_TYPE(op));
            if (ti < 0) continue;
            if (n == cap) { cap = cap ? cap * 2 : 64; v = (OTuple *)realloc(v, cap * sizeof *v); }
            v[n].t = ti; v[n].rc = Py_REFCNT(op); v[n].gen = g; n++;
        }
    }
    if (n) qsort(v, n, sizeof *v, otcmp);
    outs(step_prefix[k]);
    outs("\"tracked\": [");
    for (size_t i = 0; i < n; i++) {
        if (i) outs(", ");
        outs("["); outs(type_json[v[i].t]); outf(", %lld, ", (long long)v[i].rc);
        out_gen(1, v[i].gen); outs("]");
    }
    free(v);
    outf("], \"finalized\": %lld, ", fin_count);
    /* per-generation sums only: collections may merge without a tracer */
    Py_ssize_t sums[3][3] = {{0}};
    for (size_t i = 0; i < step_colls.n; i++) {
        Coll *c = &step_colls.v[i];
        sums[c->gen][0]++; sums[c->gen][1] += c->collected; sums[c->gen][2] += c->uncollectable;
    }
    if (have_collected) outf("\"collected\": %lld, ", (long long)step_collected);
    outs("\"gen_sums\": [");
    for (int g = 0; g < 3; g++) {
        if (g) outs(", ");
        outf("[%lld, ", (long long)sums[g][0]); outf("%lld, ", (long long)sums[g][1]);
        outf("%lld]", (long long)sums[g][2]);
    }
    outf("], \"count0\": %lld", (long long)s->generations[0].count);
    outf(", \"count12\": [%lld, ", (long long)s->generations[1].count);
    outf("%lld]}\n", (long long)s->generations[2].count);
}

static void emit_trace(long k)
{
    if (build_gen_map() < 0) return;
    /* resolve DESTROY events: resurrected objects are still on a gc list */
    for (size_t i = 0; i < step_freed.n;) {
        long id = step_freed.v[i];
        Obj *o = &objs.v[id - 1];
        int g;
        if (o->state == ST_DYING && gget(o->addr, &g) &&
            Py_TYPE((PyObject *)o->addr) == types[o->tidx]) {
            o->state = ST_LIVE;        /* resurrected by its __del__ */
            memmove(step_freed.v + i, step_freed.v + i + 1, (step_freed.n - i - 1) * sizeof(long));
            step_freed.n--;
            continue;
        }
        o->state = ST_FREED;
        i++;
    }
#if HAVE_REFTRACER
    wr_n = 0;                      /* no dealloc is in progress between steps */
#endif
    outs(step_prefix[k]);
    outs("\"objects\": [");
    int first = 1;
    for (size_t i = 0; i < objs.n; i++) {
        Obj *o = &objs.v[i];
        if (o->state != ST_LIVE) continue;
        PyObject *op = (PyObject *)o->addr;
        int g = 0, found = gget(o->addr, &g);
        if (Py_REFCNT(op) <= 0 || Py_TYPE(op) != types[o->tidx])
            set_internal_error("a deallocation was not seen");
        if (!first) outs(", ");
        first = 0;
        outf("{\"id\": %lld, \"type\": ", (long long)(i + 1));
        outs(type_json[o->tidx]);
        outf(", \"refcount\": %lld, \"gen\": ", (long long)Py_REFCNT(op));
        out_gen(found, g);
        outs("}");
    }
    outs("], \"freed\": [");
    for (size_t i = 0; i < step_freed.n; i++) { if (i) outs(", "); outf("%lld", step_freed.v[i]); }
    outs("], \"finalized\": [");
    for (size_t i = 0; i < step_final.n; i++) { if (i) outs(", "); outf("%lld", step_final.v[i]); }
    outs("], ");
    out_tail();
}

/* ---------------------------------------------------------------- hooks */
static PyObject *rt_begin(PyObject *self, PyObject *arg)
{
    long k = PyLong_AsLong(arg);
    if (k == -1 && PyErr_Occurred()) return NULL;
    sample_stats(-1);          /* nothing should be pending; keep it out of the step */
    cur_step = k;
#if HAVE_REFTRACER
    note_counters();
#endif
    step_freed.n = 0; step_final.n = 0; step_colls.n = 0;
    have_collected = 0; fin_count = 0; hidden_allocs = 0;
    Py_RETURN_NONE;
}

static PyObject *rt_tick(PyObject *self, PyObject *unused)
{
    /* deliberately empty: the CALL of a C function checks the eval breaker
       right after it returns, so a collection scheduled during the step runs
       here at the latest */
    Py_RETURN_NONE;
}

static PyObject *rt_end(PyObject *self, PyObject *arg)
{
    long k = PyLong_AsLong(arg);
    if (k == -1 && PyErr_Occurred()) return NULL;
    sample_stats(-1);
    if (k < 0 || k >= nsteps) { PyErr_SetString(PyExc_SystemError, "bad step"); return NULL; }
    if (observable_mode) emit_observable(k);
    else emit_trace(k);
    if (hidden_allocs)
        fprintf(stderr, "oracle: step %ld: %ld GC allocation(s) of non-scenario types\n", k, hidden_allocs);
    flush_out();
    Py_RETURN_NONE;
}

static PyObject *rt_fin(PyObject *self, PyObject *op)
{
    if (!manual_depth) sample_stats(-1);
    fin_count++;
#if HAVE_REFTRACER
    if (!observable_mode) {
        long idx = hget(op);
        if (idx < 0 || objs.v[idx].state == ST_FREED) set_internal_error("__del__ of an unknown object");
        else if (LongVec_push(&step_final, idx + 1) < 0) set_internal_error("out of memory");
        note_counters();
    }
#endif
    Py_RETURN_NONE;
}

static PyObject *do_collect(PyObject *const *args, Py_ssize_t nargs, int top)
{
    int gen = 2;
    if (nargs >= 1 && PyLong_Check(args[0])) {
        long g = PyLong_AsLong(args[0]);
        if (g == -1 && PyErr_Occurred()) PyErr_Clear();
        gen = (g >= 0 && g <= 2) ? (int)g : -1;
    }
#if HAVE_REFTRACER
    if (!real_collect && source_mode) {
        /* the program's own `import gc` made the module */
        PyObject *m = PyImport_GetModule(name_gc);
        if (m) { real_collect = PyObject_GetAttr(m, name_collect); Py_DECREF(m); }
        if (!real_collect) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_NameError, "name 'gc' is not defined");
            return NULL;
        }
    }
#endif
    if (!manual_depth && !exit_mode) sample_stats(-1);
    manual_depth++;
    PyObject *r = PyObject_Vectorcall(real_collect, args, (size_t)nargs, NULL);
    manual_depth--;
    if (r == NULL) return NULL;
    /* a gc.collect() reached from a __del__ during a collection returns 0
       without collecting; the outer call owns the statistics */
    if (!manual_depth && !exit_mode) sample_stats(gen);
#if HAVE_REFTRACER
    if (tracer_on) note_counters();
#endif
    if (top) {
        Py_ssize_t v = PyLong_AsSsize_t(r);
        if (v == -1 && PyErr_Occurred()) { Py_DECREF(r); return NULL; }
        have_collected = 1;
        step_collected = v;
    }
    return r;
}

static PyObject *rt_collect(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_collect(args, nargs, 0);
}

static PyObject *rt_collect_top(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return do_collect(args, nargs, 1);
}

static PyObject *rt_unfreeze(PyObject *self, PyObject *unused)
{
    /* gc.unfreeze() = gc_list_merge(permanent, gen2), restricted to what
       follows the sentinel (what the scenario itself froze). */
    struct _gc_runtime_state *s = GCS();
    PyGC_Head *perm = &s->permanent_generation.head;
    PyGC_Head *sg = _Py_AS_GC(sentinel);
    PyGC_Head *first = _PyGCHead_NEXT(sg);
    if (first != perm) {
        PyGC_Head *last = _PyGCHead_PREV(perm);
        PyGC_Head *to = &s->generations[2].head;
        PyGC_Head *to_tail = _PyGCHead_PREV(to);
        _PyGCHead_SET_NEXT(sg, perm);
        _PyGCHead_SET_PREV(perm, sg);
        _PyGCHead_SET_NEXT(to_tail, first);
        _PyGCHead_SET_PREV(first, to_tail);
        _PyGCHead_SET_NEXT(last, to);
        _PyGCHead_SET_PREV(to, last);
    }
    Py_RETURN_NONE;
}

static PyObject *rt_unraisable(PyObject *self, PyObject *arg)
{
    unraisable_seen++;
    Py_RETURN_NONE;
}

/* ---------------------------------------------------------------- setup */
static PyObject *rt_configure(PyObject *self, PyObject *args)
{
    PyObject *tlist, *nlist, *plist, *collect;
    int obs;
    if (!PyArg_ParseTuple(args, "OOOOp", &tlist, &nlist, &plist, &collect, &obs)) return NULL;
    Py_ssize_t nt = PyList_Size(tlist);
    if (nt < 0 || nt > MAX_TYPES || PyList_Size(nlist) != nt) {
        PyErr_SetString(PyExc_ValueError, "bad type table");
        return NULL;
    }
    ntypes = (int)nt;
    for (Py_ssize_t i = 0; i < nt; i++) {
        PyObject *t = PyList_GetItem(tlist, i);
        if (!PyType_Check(t)) { PyErr_SetString(PyExc_TypeError, "not a type"); return NULL; }
        Py_INCREF(t);
        types[i] = (PyTypeObject *)t;
        const char *s = PyUnicode_AsUTF8(PyList_GetItem(nlist, i));
        if (!s) return NULL;
        type_json[i] = strdup(s);
        is_class_t[i] = i < nt - 4;    /* scenario classes, then list, tuple, dict, weakref */
    }
    nsteps = (long)PyList_Size(plist);
    step_prefix = (char **)calloc((size_t)nsteps + 1, sizeof(char *));
    for (long i = 0; i < nsteps; i++) {
        const char *s = PyUnicode_AsUTF8(PyList_GetItem(plist, i));
        if (!s) return NULL;
        step_prefix[i] = strdup(s);
    }
    Py_INCREF(collect);
    real_collect = collect;
    observable_mode = obs;
#if !HAVE_REFTRACER
    if (!obs) {
        PyErr_SetString(PyExc_RuntimeError, "PyRefTracer needs CPython >= 3.13; use the observable mode");
        return NULL;
    }
#endif
    Py_RETURN_NONE;
}

static PyObject *rt_make_sentinel(PyObject *self, PyObject *unused)
{
    if (!sentinel) {
        sentinel = PyList_New(0);
        if (!sentinel) return NULL;
    }
    Py_RETURN_NONE;
}

/* call right after gc.freeze(): move the sentinel to the tail of the
   permanent generation */
static PyObject *rt_place_sentinel(PyObject *self, PyObject *unused)
{
    if (!sentinel || !_PyObject_GC_IS_TRACKED(sentinel)) {
        PyErr_SetString(PyExc_RuntimeError, "sentinel missing");
        return NULL;
    }
    struct _gc_runtime_state *s = GCS();
    PyGC_Head *g = _Py_AS_GC(sentinel);
    PyGC_Head *prev = _PyGCHead_PREV(g), *next = _PyGCHead_NEXT(g);
    _PyGCHead_SET_NEXT(prev, next);
    _PyGCHead_SET_PREV(next, prev);
    PyGC_Head *perm = &s->permanent_generation.head;
    PyGC_Head *tail = _PyGCHead_PREV(perm);
    _PyGCHead_SET_NEXT(tail, g);
    _PyGCHead_SET_PREV(g, tail);
    _PyGCHead_SET_NEXT(g, perm);
    _PyGCHead_SET_PREV(perm, g);
    Py_RETURN_NONE;
}

static PyObject *rt_start(PyObject *self, PyObject *unused)
{
    struct _gc_runtime_state *s = GCS();
    if (!source_mode && (s->generations[0].count || s->generations[1].count ||
        s->generations[2].count || s->long_lived_total || s->long_lived_pending))
        set_internal_error("gc state not clean at scenario start");
    reset_stats_baseline();
    if (getenv("GCVIZ_ORACLE_DEBUG_STEP")) { debug_on = 1; debug_step = atol(getenv("GCVIZ_ORACLE_DEBUG_STEP")); }
#if HAVE_REFTRACER
    if (!observable_mode) {
        if (PyRefTracer_SetTracer(tracer, NULL) < 0) return NULL;
        install_deallocs();
        tracer_on = 1;
    }
#endif
    Py_RETURN_NONE;
}

static PyObject *rt_stop(PyObject *self, PyObject *unused)
{
    tracer_on = 0;
#if HAVE_REFTRACER
    if (!observable_mode) {
        PyRefTracer_SetTracer(NULL, NULL);
        remove_deallocs();
    }
#endif
    flush_out();
    Py_RETURN_NONE;
}

/* ---------------------------------------------------------------- source mode */
#if HAVE_REFTRACER
static char **class_json;              /* per step: JSON name of the class defined */
static void rt_finalize(PyObject *op);
static PyMethodDef collect_def;

static void json_str(const char *s)
{
    char b[8];
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') { b[0] = '\\'; b[1] = (char)c; b[2] = 0; outs(b); }
        else if (c == '\n') outs("\\n");
        else if (c == '\t') outs("\\t");
        else if (c < 0x20) { snprintf(b, sizeof b, "\\u%04x", c); outs(b); }
        else { b[0] = (char)c; b[1] = 0; outs(b); }
    }
}

static void add_class(PyTypeObject *tp, const char *json)
{
    if (type_index(tp) >= 0) return;
    if (ntypes >= MAX_TYPES) { set_internal_error("too many classes"); return; }
    destructor d = tp->tp_dealloc;
    if (d == rt_dealloc) {             /* inherited from a wrapped class */
        d = NULL;
        for (int i = 0; i < ntypes; i++)
            if (is_class_t[i] && orig_dealloc[i]) d = orig_dealloc[i];
        if (!d) { set_internal_error("class deallocator unknown"); return; }
    }
    /* no reference: a class's methods hold __main__'s dict, which must die at
       exit as in a plain run (the pointer is only compared afterwards) */
    types[ntypes] = tp;
    type_json[ntypes] = strdup(json);
    is_class_t[ntypes] = 1;
    orig_dealloc[ntypes] = d;
    dealloc_window[ntypes] = 0;
    tp->tp_dealloc = rt_dealloc;
    if (tp->tp_finalize && tp->tp_finalize != rt_finalize) {
        if (orig_finalize && orig_finalize != tp->tp_finalize)
            set_internal_error("two different tp_finalize in program classes");
        orig_finalize = tp->tp_finalize;
        tp->tp_finalize = rt_finalize;
    }
    ntypes++;
}

static void rt_finalize(PyObject *op)
{
    /* a program class's __del__ is about to run (called where CPython calls
       tp_finalize: at refcount death or in a collection's finalize phase) */
    if (tracer_on) {
        if (!manual_depth && !exit_mode) sample_stats(-1);
        fin_count++;
        long idx = hget(op);
        if (idx < 0 || objs.v[idx].state == ST_FREED) {
            if (!exit_mode) set_internal_error("__del__ of an unknown object");
        } else if (LongVec_push(&step_final, idx + 1) < 0) {
            set_internal_error("out of memory");
        }
    }
    orig_finalize(op);
}

static void patch_gc_collect(void)
{
    if (real_collect) return;
    PyObject *m = PyImport_GetModule(name_gc);
    if (!m) { PyErr_Clear(); return; }
    real_collect = PyObject_GetAttr(m, name_collect);
    if (!real_collect || PyObject_SetAttr(m, name_collect, collect_wrapper) < 0)
        set_internal_error("cannot wrap gc.collect");
    Py_DECREF(m);
}

static void src_begin(void)
{
    sample_stats(-1);
    if (cur_step + 1 >= nsteps) { set_internal_error("more steps than statements"); return; }
    cur_step++;
    step_freed.n = 0; step_final.n = 0; step_colls.n = 0;
    have_collected = 0; fin_count = 0; hidden_allocs = 0;
    noid_now = noid_steps[cur_step];
    if (!module_code) {
        _PyInterpreterFrame *f = PyThreadState_Get()->current_frame;
        module_code = f ? f->f_executable : NULL;
    }
}

static void src_end(void)
{
    sample_stats(-1);
    noid_now = 0;
    if (cur_step < 0) return;
    if (class_keys[cur_step]) {
        PyObject *t = prog_globals ? PyDict_GetItemWithError(prog_globals, class_keys[cur_step]) : NULL;
        if (t && PyType_Check(t)) add_class((PyTypeObject *)t, class_json[cur_step]);
        else set_internal_error("a class statement bound no class");
    }
    if (noid_steps[cur_step]) patch_gc_collect();
    emit_trace(cur_step);
    flush_out();
    if (cur_step == nsteps - 1) {
        exit_mode = 1;
        step_freed.n = 0; step_final.n = 0;
    }
}

static PyObject *probe_getattro(PyObject *self, PyObject *name)
{
    const char *s = PyUnicode_AsUTF8(name);
    if (s && s[0] && !s[1]) {
        switch (s[0]) {
        case 'b': src_begin(); Py_RETURN_NONE;
        case 'e': src_end(); Py_RETURN_NONE;
        }
    }
    PyErr_SetString(PyExc_AttributeError, "gcviz probe");
    return NULL;
}

static PyTypeObject ProbeType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "gcviz_probe",
    .tp_basicsize = sizeof(PyObject),
    .tp_getattro = probe_getattro,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

static void src_atexit(void)
{
    /* after Py_FinalizeEx: the interpreter is gone, only our tables remain */
    tracer_on = 0;
    if (exit_prefix && !internal_error && !errored) {
        outf("{\"step\": %lld, \"stmt\": \"<exit>\", ", (long long)(cur_step + 1));
        outs("\"freed\": [");
        for (size_t i = 0; i < step_freed.n; i++) { if (i) outs(", "); outf("%lld", step_freed.v[i]); }
        outs("], \"finalized\": [");
        for (size_t i = 0; i < step_final.n; i++) { if (i) outs(", "); outf("%lld", step_final.v[i]); }
        outs("]}\n");
    }
    if (internal_error) {
        outs("{\"oracle_error\": \"");
        json_str(internal_msg);
        outs("\"}\n");
    }
    flush_out();
    if (outfp) fclose(outfp);
    outfp = NULL;
}

/* configure_source(prefixes, noid, classes, exit_prefix, trace_path, globals,
                    print, excepthook) -> probe object
   classes[k] = (name, json_name) for a class statement, else None */
static PyObject *rt_configure_source(PyObject *self, PyObject *args)
{
    PyObject *plist, *nlist, *clist, *klist, *glob;
    const char *xprefix, *path;
    if (!PyArg_ParseTuple(args, "OOOOssO!OO", &plist, &nlist, &clist, &klist, &xprefix, &path,
                          &PyDict_Type, &glob, &real_print, &real_excepthook)) return NULL;
    Py_INCREF(real_print);
    Py_INCREF(real_excepthook);
    PyTypeObject *base[4] = { &PyList_Type, &PyTuple_Type, &PyDict_Type, &_PyWeakref_RefType };
    const char *bname[4] = { "\"list\"", "\"tuple\"", "\"dict\"", "\"weakref\"" };
    ntypes = 4;
    for (int i = 0; i < 4; i++) {
        types[i] = base[i];
        type_json[i] = strdup(bname[i]);
        is_class_t[i] = 0;
    }
    nsteps = (long)PyList_Size(plist);
    if (nsteps < 0 || PyList_Size(nlist) != nsteps || PyList_Size(clist) != nsteps ||
        PyList_Size(klist) != nsteps) {
        PyErr_SetString(PyExc_ValueError, "bad step tables");
        return NULL;
    }
    step_prefix = (char **)calloc((size_t)nsteps + 1, sizeof(char *));
    noid_steps = (char *)calloc((size_t)nsteps + 1, 1);
    collect_steps = (char *)calloc((size_t)nsteps + 1, 1);
    class_keys = (PyObject **)calloc((size_t)nsteps + 1, sizeof(PyObject *));
    class_json = (char **)calloc((size_t)nsteps + 1, sizeof(char *));
    for (long i = 0; i < nsteps; i++) {
        const char *p = PyUnicode_AsUTF8(PyList_GetItem(plist, i));
        if (!p) return NULL;
        step_prefix[i] = strdup(p);
        noid_steps[i] = (char)PyObject_IsTrue(PyList_GetItem(nlist, i));
        collect_steps[i] = (char)PyObject_IsTrue(PyList_GetItem(klist, i));
        PyObject *c = PyList_GetItem(clist, i);
        if (c != Py_None) {
            PyObject *nm, *js;
            if (!PyArg_ParseTuple(c, "UU", &nm, &js)) return NULL;
            Py_INCREF(nm);
            class_keys[i] = nm;
            class_json[i] = strdup(PyUnicode_AsUTF8(js));
        }
    }
    exit_prefix = strdup(xprefix);
    outfp = fopen(path, "w");
    if (!outfp) { PyErr_SetFromErrnoWithFilename(PyExc_OSError, path); return NULL; }
    prog_globals = glob;               /* borrowed: no reference of the oracle's in __main__ */
    name_gc = PyUnicode_InternFromString("gc");
    name_collect = PyUnicode_InternFromString("collect");
    native_mode = 1;
    source_mode = 1;
    observable_mode = 0;
    cur_step = -1;
    if (PyType_Ready(&ProbeType) < 0) return NULL;
    collect_wrapper = PyCFunction_New(&collect_def, NULL);
    if (!collect_wrapper) return NULL;
    if (Py_AtExit(src_atexit) < 0) { PyErr_SetString(PyExc_RuntimeError, "Py_AtExit failed"); return NULL; }
    return PyObject_New(PyObject, &ProbeType);
}

static PyObject *do_collect(PyObject *const *args, Py_ssize_t nargs, int top);

static PyObject *rt_gc_collect(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    /* gc.collect as the program calls it: the statement's own value when
       called from the module's code in a step whose value it is */
    int top = 0;
    if (!exit_mode && cur_step >= 0 && collect_steps[cur_step] && !manual_depth) {
        _PyInterpreterFrame *f = PyThreadState_Get()->current_frame;
        top = f && f->f_executable == module_code;
    }
    return do_collect(args, nargs, top);
}

static PyMethodDef collect_def = {"collect", (PyCFunction)(void (*)(void))rt_gc_collect,
                                  METH_FASTCALL, NULL};

static PyObject *rt_print(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    in_print++;
    PyObject *r = PyObject_Vectorcall(real_print, args, (size_t)nargs, kwnames);
    in_print--;
    return r;
}

static PyObject *rt_excepthook(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs == 3 && !exit_mode && cur_step >= 0 && cur_step < nsteps) {
        PyObject *msg = PyObject_Str(args[1]);
        const char *m = msg ? PyUnicode_AsUTF8(msg) : NULL;
        outs(step_prefix[cur_step]);
        outs("\"error\": \"");
        json_str(PyType_Check(args[0]) ? ((PyTypeObject *)args[0])->tp_name : "?");
        if (m && *m) { outs(": "); json_str(m); }
        outs("\"}\n");
        flush_out();
        Py_XDECREF(msg);
        PyErr_Clear();
    }
    exit_mode = 1;
    errored = 1;                       /* the error line is the last one */
    step_freed.n = 0; step_final.n = 0;
    return PyObject_Vectorcall(real_excepthook, args, (size_t)nargs, NULL);
}
#endif

static PyObject *rt_emit(PyObject *self, PyObject *arg)
{
    const char *s = PyUnicode_AsUTF8(arg);
    if (!s) return NULL;
    outs(s);
    flush_out();
    Py_RETURN_NONE;
}

static PyObject *rt_current_step(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(cur_step);
}

static PyObject *rt_status(PyObject *self, PyObject *unused)
{
#if HAVE_REFTRACER
    long sup = wr_suppressed;
#else
    long sup = 0;
#endif
    return Py_BuildValue("(iisll)", unraisable_seen, internal_error, internal_msg, hidden_total, sup);
}

static PyObject *rt_count0(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong((long)GCS()->generations[0].count);
}

static PyMethodDef methods[] = {
    {"begin", rt_begin, METH_O, NULL},
    {"tick", rt_tick, METH_NOARGS, NULL},
    {"end", rt_end, METH_O, NULL},
    {"fin", rt_fin, METH_O, NULL},
    {"collect", (PyCFunction)(void (*)(void))rt_collect, METH_FASTCALL, NULL},
    {"collect_top", (PyCFunction)(void (*)(void))rt_collect_top, METH_FASTCALL, NULL},
    {"unfreeze", rt_unfreeze, METH_NOARGS, NULL},
    {"unraisable", rt_unraisable, METH_O, NULL},
    {"configure", rt_configure, METH_VARARGS, NULL},
    {"make_sentinel", rt_make_sentinel, METH_NOARGS, NULL},
    {"place_sentinel", rt_place_sentinel, METH_NOARGS, NULL},
    {"start", rt_start, METH_NOARGS, NULL},
    {"stop", rt_stop, METH_NOARGS, NULL},
    {"emit", rt_emit, METH_O, NULL},
    {"current_step", rt_current_step, METH_NOARGS, NULL},
    {"status", rt_status, METH_NOARGS, NULL},
    {"count0", rt_count0, METH_NOARGS, NULL},
#if HAVE_REFTRACER
    {"configure_source", rt_configure_source, METH_VARARGS, NULL},
    {"print", (PyCFunction)(void (*)(void))rt_print, METH_FASTCALL | METH_KEYWORDS, NULL},
    {"excepthook", (PyCFunction)(void (*)(void))rt_excepthook, METH_FASTCALL, NULL},
#endif
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef moddef = {
    PyModuleDef_HEAD_INIT, "gcviz_reftracer", NULL, -1, methods
};

PyMODINIT_FUNC PyInit_gcviz_reftracer(void)
{
    return PyModule_Create(&moddef);
}
