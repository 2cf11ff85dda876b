/*
 * gc.h: the simulated CPython 3.12 object heap, its reference counts and its
 * generational cycle collector, as a steppable, reversible state machine.
 *
 * Invariant (checked by gc_check): for every live object, refcnt equals the
 * number of strong references to it that exist in the simulation: object
 * slots, frame variables, temporaries on the evaluation stack and the
 * engine's own transient references (a finalizer's INCREF, a weakref being
 * called back).  Every tracked object is in exactly one list, and the
 * list's links are consistent.  Outside a collection, only the four
 * generation lists (0, 1, 2, permanent) are non-empty.
 *
 * Every mutation of the state goes through a few internal setters.  When
 * recording is on, each setter appends a "write" (old and new value) to the
 * history, and writes are grouped into micro-steps (GcEvent).  Moving the
 * cursor of the history undoes or redoes writes, so stepping back is exact at
 * every granularity and costs only the writes in between (or, for a long
 * jump, a copy of the heap taken while recording and the writes from
 * there: gc_checkpoint.c).  When recording is
 * off (gcviz run, benchmarks) nothing is kept and nothing is paid.
 *
 * Objects are named by stable integer ids (1, 2, 3, ... in allocation order,
 * exactly as CPython would allocate them).  A freed object keeps its record
 * (state GC_STATE_FREED) so the renderer can fade it out; ids are never
 * reused, except in a lean run (GcConfig.lean), which nobody draws.
 *
 * Views returned by this module are borrowed: valid until the next mutation
 * or cursor move.  One exception: an object's record (gc_object) never
 * moves.  Records live in a range of address space reserved for all of
 * them when the heap starts, made usable GC_OBJ_CHUNK records at a time as
 * the heap grows, and given back only with it, so a GcObject pointer stays
 * good for the heap's life, across allocations (a __del__ run by a decref may make
 * millions of objects), teardowns and seeks; what it reads is the state
 * shown now.  Its slots (gc_slots) are borrowed like the other views.
 */
#ifndef GCVIZ_GC_H
#define GCVIZ_GC_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t GcId; /* 0 = no object */

/* ---- values ----------------------------------------------------------- */

/*
 * A value is 64 bits: a tag in the low 4 bits, a payload above.  Ints are
 * limited to 59 bits (checked by the interpreter).  Strings and constant
 * tuples are atoms of the string table: atomic, never heap objects, drawn
 * inline (CPython interns or folds them; they are immortal or owned by code).
 */
typedef uint64_t GcValue;
typedef enum GcTag {
    GC_V_UNBOUND = 0, /* an unbound variable or an empty slot */
    GC_V_NONE,
    GC_V_BOOL,
    GC_V_INT,
    GC_V_STR,   /* payload: atom of the string */
    GC_V_CONST, /* constant tuple, payload: atom of its repr, e.g. "(1, 2)" */
    GC_V_OBJ,   /* payload: object id */
    GC_V_FUNC,  /* a scenario function, payload: function index (not a heap object here) */
    GC_V_CLASS, /* a scenario class, payload: class index (or GC_CLASS_STATIC + n) */
    GC_V_BIGINT /* an int beyond GC_INT_MAX, payload: atom of its decimal text */
} GcTag;

/* GC_V_CLASS payloads from here on are static built-in types (int, list,
 * ...): not GC objects, where a class of the program (a heap type) and a
 * function are, so that a dict or tuple holding one is tracked. */
#define GC_CLASS_STATIC ((int64_t)1 << 30)

#define GC_VAL_TAG(v) ((GcTag)((v) & 15u))
#define GC_VAL_PAYLOAD(v) ((int64_t)(v) >> 4)
#define GC_MKVAL(tag, p) ((GcValue)(((uint64_t)(int64_t)(p) << 4) | (uint64_t)(tag)))
#define GC_UNBOUND ((GcValue)GC_V_UNBOUND)
#define GC_NONE ((GcValue)GC_V_NONE)
#define GC_VAL_OBJ(id) GC_MKVAL(GC_V_OBJ, (id))
#define GC_VAL_IS_OBJ(v) (GC_VAL_TAG(v) == GC_V_OBJ)
#define GC_VAL_ID(v) ((GcId)GC_VAL_PAYLOAD(v))
#define GC_INT_MAX ((int64_t)1 << 58)

/* ---- memory ------------------------------------------------------------ */

/* The engine's and interpreter's allocator (gc_mem.c).  gc_mem_fail_after(n)
 * makes the allocation after the next n fail (tests only; -1 = never). */
void *gc_malloc(size_t n);
void *gc_calloc(size_t n, size_t m);
void *gc_realloc(void *p, size_t n);
void gc_free(void *p);
/* Address space for n bytes (a multiple of GC_PAGE_SIZE), not usable yet
 * and costing no memory: gc_commit makes bytes [off, off + len) of it
 * usable, zeroed, their pages made present at once when `touch` (madvise
 * MADV_POPULATE_WRITE: one system call instead of a page fault per 4 KB
 * when they are first written); gc_unreserve gives it all back.  What
 * grows there never moves.  Both count for gc_mem_fail_after like the
 * others (NULL, -1). */
#define GC_PAGE_SIZE ((size_t)4096)
void *gc_reserve(size_t n);
int gc_commit(void *p, size_t off, size_t len, int touch);
void gc_unreserve(void *p, size_t n);
void gc_mem_fail_after(long n);
long gc_mem_count(void);

/* The one growable-array helper of every module.  An array is a pointer p
 * to its items, a count and a capacity (int32_t or int).  gc_vec_reserve
 * makes room for `need` items: when need exceeds *cap it doubles *cap
 * (from `first` when 0) until need fits and resizes the array, whose
 * address is at pp, through re: gc_realloc in the engine and the
 * interpreter (so the allocation-failure tests reach it), realloc above
 * them.  0, or -1 when out of memory (the array and *cap unchanged: the
 * caller says so its own way, and the app exits with status 3). */
int gc_vec_reserve(void *pp, int32_t need, int32_t *cap, size_t size, int32_t first,
                   void *(*re)(void *, size_t));
/* Room for need items in the array (p, cap) / for one more after n. */
#define GC_VEC_RESERVE(p, need, cap, first, re)                                                    \
    ((need) <= (cap) ? 0 : gc_vec_reserve(&(p), (need), &(cap), sizeof *(p), (first), (re)))
#define GC_VEC_ROOM(p, n, cap, first, re) GC_VEC_RESERVE(p, (n) + 1, cap, first, re)
/* The same for two arrays of one capacity (ids and slots, say): both are
 * resized to the new capacity, *cap set when both were (when only the
 * first was, it is larger than *cap says, which is harmless). */
int gc_vec_reserve2(void *pp, size_t psize, void *qq, size_t qsize, int32_t need, int32_t *cap,
                    int32_t first, void *(*re)(void *, size_t));
#define GC_VEC_RESERVE2(p, q, need, cap, first, re)                                                \
    ((need) <= (cap)                                                                               \
         ? 0                                                                                       \
         : gc_vec_reserve2(&(p), sizeof *(p), &(q), sizeof *(q), (need), &(cap), (first), (re)))
#define GC_VEC_ROOM2(p, q, n, cap, first, re) GC_VEC_RESERVE2(p, q, (n) + 1, cap, first, re)
/* The same for an array counted in size_t (text buffers): need and *cap
 * are size_t, the capacity is limited only by SIZE_MAX / size. */
int gc_vec_reserve_z(void *pp, size_t need, size_t *cap, size_t size, size_t first,
                     void *(*re)(void *, size_t));
#define GC_VEC_RESERVE_Z(p, need, cap, first, re)                                                  \
    ((need) <= (cap) ? 0 : gc_vec_reserve_z(&(p), (need), &(cap), sizeof *(p), (first), (re)))

/* ---- the string table (atoms) ------------------------------------------ */

typedef struct GcStrtab GcStrtab;
GcStrtab *gc_strtab_new(void);
void gc_strtab_free(GcStrtab *t);
/* Returns the atom (>= 1) of the n bytes at s, adding them if new; -1 on OOM. */
int32_t gc_strtab_intern(GcStrtab *t, const char *s, size_t n);
/* The NUL-terminated text of an atom (borrowed, stable until free). */
const char *gc_strtab_get(const GcStrtab *t, int32_t atom);

/* ---- objects ------------------------------------------------------------ */

typedef enum GcKind {
    GC_KIND_INSTANCE = 1, /* an instance of a scenario class (inline values, 3.11+) */
    GC_KIND_LIST,
    GC_KIND_TUPLE,
    GC_KIND_DICT,
    GC_KIND_WEAKREF
} GcKind;

typedef enum GcState { GC_STATE_ALIVE = 1, GC_STATE_FREED } GcState;

/*
 * The list an object is linked in.  GC_LIST_NONE = untracked.  During a
 * collection objects move through the working lists exactly as in
 * gc_collect_main; "young" is the list of the generation being collected.
 */
typedef enum GcListId {
    GC_LIST_NONE = 0,
    GC_LIST_GEN0,
    GC_LIST_GEN1,
    GC_LIST_GEN2,
    GC_LIST_PERMANENT,
    GC_LIST_UNREACHABLE,
    GC_LIST_FINALIZERS,      /* legacy tp_del objects (never for Python classes) */
    GC_LIST_WRCB,            /* wrcb_to_call in handle_weakrefs */
    GC_LIST_SEEN,            /* finalize_garbage's temporary list */
    GC_LIST_FINAL,           /* final_unreachable, after resurrection handling */
    GC_LIST_COUNT
} GcListId;

/* Object flags (GcObject.flags). */
enum {
    GC_F_FINALIZED = 1 << 0,   /* __del__ has run (PEP 442, permanent) */
    GC_F_COLLECTING = 1 << 1,  /* in the set being collected */
    GC_F_UNREACHABLE = 1 << 2, /* NEXT_MASK_UNREACHABLE: in the unreachable list */
    GC_F_LEAKED = 1 << 3,      /* refcount collector: unreachable and never freed */
    GC_F_MARKED = 1 << 4,      /* mark-sweep: reached by marking */
    GC_F_TEMP = 1 << 5,        /* held by the evaluation stack right now */
    GC_F_DICT = 1 << 6,        /* instance whose attributes moved to a __dict__ object */
    GC_F_GREY = 1 << 7 /* mark-sweep: reached, on the worklist, references not yet followed */
};

/* One field of an object: attribute (key = GC_V_STR atom), list/tuple item
 * (key unused), dict entry (key = any hashable value).  A dict entry's key
 * that is an object (an instance or a tuple: GC_V_OBJ) is a strong
 * reference the dict owns, as its value is: counted, visited by the
 * collector after the value (dict_traverse's general table) and released
 * before it (free_keys_object).  val may be UNBOUND only transiently. */
typedef struct GcSlot {
    GcValue key;
    GcValue val;
} GcSlot;

/* Records per chunk of the object storage (see the top of this file). */
#define GC_OBJ_CHUNK_SHIFT 14
#define GC_OBJ_CHUNK       (1 << GC_OBJ_CHUNK_SHIFT)

/* Ids have GC_ID_BITS bits in a record (GcConfig.max_objects is at most
 * GC_MAX_ID). */
#define GC_ID_BITS 25
#define GC_MAX_ID  ((1 << GC_ID_BITS) - 1)

/* Classes have GC_CLS_BITS bits, with the sign, in a record: at most
 * GC_MAX_CLASSES class statements in a program (gc_class_add fails with a
 * message beyond that: a program 16 million class statements long). */
#define GC_CLS_BITS    25
#define GC_MAX_CLASSES (1 << (GC_CLS_BITS - 1))

/* A record is 32 bytes, four words: the list links, kind, state, flags
 * and the inline slot count; the reference count and gc_refs; the list,
 * the class (or a weakref's referent) and the inline slot's key; the
 * inline slot's value or the slot block's address.  Bit-fields are read
 * and written as plain fields are.  Its id is not stored: it is the
 * record's index (gc_object_id). */
typedef struct GcObject {
    union {
        struct {
            uint64_t prev : GC_ID_BITS; /* neighbours in `list` (0 at the ends) */
            uint64_t next : GC_ID_BITS;
            uint64_t kind : 3;  /* GcKind */
            uint64_t state : 2; /* GcState */
            uint64_t flags : 8; /* GC_F_* */
            /* Private: use gc_nslots().  The slot count of an object whose
             * slots are inline (0 or 1); a block holds its own (below). */
            uint64_t nslots1 : 1;
        };
        /* Private: the word as a whole (the engine's GC_HDR_* masks). */
        uint64_t hdr;
    };
    int32_t refcnt;
    int32_t gc_refs; /* meaningful while GC_F_COLLECTING */
    union {
        /* list in the low byte (a byte load: the list code reads it most),
         * the key in the top bits (a shift) */
        struct {
            uint64_t list : 8; /* GcListId (in a lean run a tag that h->ltag maps to one: only
                                  GC_LIST_NONE, untracked, may be read from it directly) */
            int64_t cls : GC_CLS_BITS; /* instances: class index, else -1 */
            /* Private: the inline slot's key (below). */
            uint64_t key0 : 64 - 8 - GC_CLS_BITS;
        };
        struct {
            uint64_t : 8;
            uint64_t wr_referent : GC_ID_BITS; /* weakrefs: the object referred to (0 once
                                                  cleared) */
            uint64_t : 64 - 8 - GC_ID_BITS;
        };
    };
    /* Private: use gc_slot(), gc_nslots() and gc_slot_cap().  One slot is
     * stored inline: its value in s_.one, its key in key0 (an attribute
     * name's atom, 0 = GC_UNBOUND: atoms are below 2^31; a weakref's
     * callback, a GC_V_FUNC value of fewer than 31 bits or GC_NONE, whose
     * links in its referent's weakref list are in s_.one).  More slots
     * live in a block: s_.blk is its address (16-byte aligned) with a low
     * nibble no value's tag has, GC_BLK_TAG (key and value, GcSlot) or
     * GC_BLK_VALS_TAG (a list's or a tuple's items: values only, 8 bytes
     * each); the block starts with its capacity and its slot count
     * (GC_BLK_HEAD bytes: two uint32_t), then the slots.  A dict's slots
     * are always in a block. */
    union {
        uint64_t blk;
        GcValue one;
    } s_;
} GcObject;
_Static_assert(sizeof(GcObject) == 32, "a record is 32 bytes");

/* A weakref's callback (GC_V_FUNC or GC_NONE). */
#define GC_WR_CALLBACK(o) ((GcValue)(o)->key0)

/* ---- classes, frames ---------------------------------------------------- */

typedef struct GcClass {
    int32_t name;    /* atom */
    int has_del;     /* defines __del__ (tp_finalize) */
} GcClass;

/*
 * A frame: the module (depth 0) or a running scenario function.  Its
 * variables are roots (frame locals are not GC objects in 3.11+).
 * vars[i].key is the name atom, vars[i].val the value (UNBOUND if unbound).
 */
typedef struct GcFrame {
    int32_t func;    /* function index, -1 for the module, -2 for __del__, -3 for a weakref callback */
    GcId self_obj;   /* for __del__ / callbacks: the object whose code runs */
    int32_t loc;     /* current statement location (opaque, owned by lang) */
    uint32_t nvars;
    GcSlot *vars;
} GcFrame;

/* ---- collector state ------------------------------------------------- */

typedef enum GcCollector {
    GC_COLLECTOR_CPYTHON = 0,
    GC_COLLECTOR_REFCOUNT, /* no cycle collector: cycles leak */
    GC_COLLECTOR_MARKSWEEP /* no reference counts: mark from roots, sweep */
} GcCollector;

/*
 * Phases of one collection, in the order gc_collect_main runs them
 * (CPYTHON_GC.md 1.5).  GC_PHASE_IDLE outside collections.
 */
typedef enum GcPhase {
    GC_PHASE_IDLE = 0,
    GC_PHASE_START,            /* callbacks "start", counts reset */
    GC_PHASE_MERGE,            /* younger generations appended to young */
    GC_PHASE_UPDATE_REFS,      /* gc_refs := refcnt */
    GC_PHASE_SUBTRACT_REFS,    /* gc_refs -= internal references */
    GC_PHASE_MOVE_UNREACHABLE, /* scan: reachable stay, others tentatively unreachable */
    GC_PHASE_UNTRACK_TUPLES,
    GC_PHASE_PROMOTE,          /* survivors to the next generation (untrack dicts if full) */
    GC_PHASE_LEGACY_FINALIZERS,
    GC_PHASE_WEAKREFS,         /* clear weakrefs, call callbacks of reachable ones */
    GC_PHASE_FINALIZERS,       /* __del__ (PEP 442) */
    GC_PHASE_RESURRECTION,     /* deduce_unreachable again; resurrected go to old */
    GC_PHASE_CLEAR,            /* delete_garbage: tp_clear and the cascades */
    GC_PHASE_DONE,             /* statistics, callbacks "stop" */
    GC_PHASE_MARK,             /* mark-sweep collector */
    GC_PHASE_SWEEP,
    GC_PHASE_COUNT
} GcPhase;

typedef struct GcGenStats {
    int64_t collections, collected, uncollectable;
} GcGenStats;

/* A read-only view of the global state (borrowed). */
typedef struct GcGlobals {
    int python;          /* 312 or 313 */
    GcCollector collector;
    int enabled;
    int collecting;
    int64_t count[3];
    int64_t threshold[3];
    int64_t long_lived_total, long_lived_pending;
    GcGenStats stats[3];
    GcPhase phase;
    int gen;             /* generation being collected, -1 when idle */
    int auto_collect;    /* the running collection is automatic */
    GcId scan;           /* move_unreachable: object being scanned */
    int64_t allocated, freed; /* totals */
    int64_t collect_ns;  /* time spent inside collections (only with timing on) */
    int32_t step;        /* top-level step index (-1 before the first) */
    int32_t errors;      /* 1 once a runtime error stopped the scenario */
} GcGlobals;

typedef struct GcListView {
    GcId first, last;
    int64_t len;
} GcListView;

/* ---- events (micro-steps) ------------------------------------------------ */

typedef enum GcEventKind {
    GC_EV_BEGIN = 0, /* the scenario starts */
    GC_EV_STMT,      /* a statement starts (a = location) */
    GC_EV_STEP_END,  /* a top-level step has finished */
    GC_EV_ALLOC,     /* obj allocated (a = kind) */
    GC_EV_INCREF,    /* obj refcnt before -> after */
    GC_EV_DECREF,
    GC_EV_BIND,     /* a frame variable bound: a = frame depth, b = name atom */
    GC_EV_STORE,    /* obj's slot set: a = slot index, obj2 = new target if object */
    GC_EV_SLOT_DEL, /* obj's slot removed */
    GC_EV_DEALLOC,  /* obj freed */
    GC_EV_TRACK,
    GC_EV_UNTRACK,
    GC_EV_DEL_CALL, /* __del__ of obj starts */
    GC_EV_DEL_RETURN,
    GC_EV_RESURRECTED,      /* obj survived its __del__ */
    GC_EV_WEAKREF_CLEAR,    /* weakref obj cleared (obj2 = referent) */
    GC_EV_WEAKREF_CALLBACK, /* callback of weakref obj called (obj2 = former referent) */
    GC_EV_CALL,             /* scenario function called (a = function index) */
    GC_EV_RETURN,
    GC_EV_COUNT_RESET,
    /* collector */
    GC_EV_GC_START,         /* a = generation, b = automatic */
    GC_EV_PHASE,            /* a = GcPhase */
    GC_EV_MERGE,            /* a = from list, b = to list */
    GC_EV_UPDATE_REFS,      /* obj: gc_refs := refcnt (after) */
    GC_EV_SUBTRACT,         /* obj2 -> obj edge: gc_refs(obj) before -> after */
    GC_EV_SCAN_REACHABLE,   /* move_unreachable: obj has gc_refs > 0, is reachable */
    GC_EV_VISIT_REACHABLE,  /* obj2 reached from obj (gc_refs before -> after, or moved back) */
    GC_EV_MOVE_BACK,        /* obj moved from unreachable back to young's tail */
    GC_EV_MOVE_UNREACHABLE, /* obj tentatively unreachable */
    GC_EV_PROMOTE,          /* young merged into a = list */
    GC_EV_FINALIZE,         /* __del__ about to run for obj in a collection */
    GC_EV_CLEAR,            /* tp_clear(obj) */
    GC_EV_SURVIVE_CLEAR,    /* obj still alive after tp_clear: moved to old */
    GC_EV_MARK,             /* mark-sweep: obj reached, grey on the worklist (a = 1), or its
                               references followed, black (a = 0) */
    GC_EV_SWEEP,
    GC_EV_LEAK,          /* refcount collector: obj is now unreachable forever */
    GC_EV_GC_END,        /* a = collected (m), b = uncollectable (n) */
    GC_EV_ERROR,         /* a runtime error stopped the scenario (text in gc_error) */
    GC_EV_SKIP_FULL,     /* count[2] is over its threshold, but the long-lived 25% rule
                            skips generation 2: a = long_lived_pending, b = long_lived_total */
    GC_EV_OUTPUT,        /* the program printed: a = start, b = end offset in lang's output
                            buffer (lang_run_output) */
    GC_EV_TRASH_DEPOSIT, /* the deallocators are nested too deep: obj (refcount 0,
                            untracked) waits in the trashcan; a = objects waiting */
    GC_EV_TRASH_DESTROY  /* obj is taken from the trashcan (last in, first out) and its
                            deallocation goes on; a = objects waiting before */
} GcEventKind;
#define GC_EV_KIND_COUNT (GC_EV_TRASH_DESTROY + 1)

typedef struct GcEvent {
    uint8_t kind;  /* GcEventKind */
    uint8_t phase; /* GcPhase at the time */
    uint16_t depth;/* frame depth */
    int32_t step;  /* top-level step index */
    int32_t loc;   /* statement location (opaque, lang's) */
    GcId obj, obj2;
    int32_t slot;  /* slot index in obj2 (or obj) the event is about, -1 if none */
    int64_t a, b;  /* kind-specific (often before / after) */
    int32_t first_write, nwrites; /* the writes of this micro-step */
} GcEvent;

/* ---- the heap -------------------------------------------------------- */

typedef struct GcHeap GcHeap;

/* Host callbacks: the engine runs Python code (finalizers, weakref
 * callbacks) through these; lang provides them.  Each returns 0, or -1 if
 * the code raised (the engine treats it as the unraisable hook does and
 * goes on).  A fatal error (out of memory, limit) is reported through
 * gc_fail and aborts the run. */
typedef struct GcHost {
    void *ctx;
    int (*call_del)(void *ctx, GcHeap *h, GcId self);
    int (*call_weakref_cb)(void *ctx, GcHeap *h, GcValue callback, GcId weakref);
    /* gc.callbacks (invoke_gc_callback): "start" (stop 0) before a
     * collection of generation gen, "stop" (stop 1) after it with what it
     * collected; called only while gc_set_callbacks says there are some. */
    int (*call_gc_cb)(void *ctx, GcHeap *h, int stop, int gen, int64_t collected,
                      int64_t uncollectable);
} GcHost;

typedef struct GcConfig {
    int python;            /* 312 or 313: default thresholds */
    int internals;         /* 312 or 313: interpreter internals that differ in
                              what they allocate (0 = same as python) */
    GcCollector collector;
    int record;            /* keep the history (window, trace, record) */
    int timing;            /* measure time inside collections */
    int64_t max_objects;   /* limit on allocations (0 = default); in a lean run, on
                              the objects alive at once */
    /* A lean run (gcviz run): nobody will read the history, gc_check, the
     * in-flight references, the step log's freed ids or the records of
     * freed objects, so none of them is kept.  A freed object's record
     * (and its slot storage) is reused by a later allocation: ids are then
     * handles, unique among the live objects only, and memory follows the
     * live objects.  Honoured only without record and with the cpython
     * collector (the others use the in-flight references as roots). */
    int lean;
    /* The history's memory budget in bytes (0: GCVIZ_HISTORY_BUDGET, else
     * gc_history_default_budget()); see gc_history_info. */
    int64_t history_budget;
    /* A recomputed history (gc_history_info): > 0 keeps statement-level
     * events only up to statement stop number fine_from (the module-level
     * statement starts, counted from 0 as gc_history_stop counts them),
     * every micro-step from there for up to a quarter of the budget, then
     * statement-level events again.  The whole history may then use up to
     * one and a quarter budgets.  0: the ordinary history. */
    int64_t fine_from;
    /* Tracked objects of the interpreter in generation 2 when the program
     * starts (gc_hidden_live): generation 2's long_lived_total after a
     * first gc.collect(); 0 when the program's collections never see them
     * (the oracle's JSON scenarios run with the start-up heap frozen). */
    int64_t startup_objects;
    int64_t startup_untrack_later; /* of those, gc_hidden_untrack(later) */
    /* Checkpoints of the heap while recording (gc_checkpoint.c): one about
     * every this many writes (0: GC_CHECKPOINT_EVERY; < 0: none).  gc_seek
     * restores the nearest one when that costs less than replaying. */
    int64_t checkpoint_every;
    /* A recomputed history of a run the budget stopped: stop_at > 0 is
     * that run's GcHistoryInfo.stopped_at, where this one stops too, with
     * the message stop_msg (borrowed; that run's gc_error).  The recomputed
     * run keeps more writes before it, so its own budget would stop it
     * elsewhere; the program must end where it ended. */
    int64_t stop_at;
    const char *stop_msg;
} GcConfig;
#define GC_CHECKPOINT_EVERY 65536

/* Creates an empty heap. atoms is borrowed and must outlive the heap.
 * Returns NULL on out of memory. */
GcHeap *gc_heap_new(const GcConfig *cfg, GcStrtab *atoms, const GcHost *host);
void gc_heap_free(GcHeap *h);
GcStrtab *gc_atoms(const GcHeap *h);

/* Registers a class (before running). Returns its index, or -1. */
int32_t gc_class_add(GcHeap *h, int32_t name_atom, int has_del);
const GcClass *gc_class(const GcHeap *h, int32_t cls);

/* ---- reading the state (borrowed views) -------------------------------- */

GcId gc_max_id(const GcHeap *h);                 /* highest id allocated so far */
const GcObject *gc_object(const GcHeap *h, GcId id); /* NULL if never allocated; never moves */
/* The id of a record gc_object returned (its index: records are not
 * copied, so a copy of one has none). */
GcId gc_object_id(const GcHeap *h, const GcObject *o);
/* Slot i of o (i < gc_slot_cap(o)), by value: a list's or a tuple's
 * items have the key GC_UNBOUND (they are stored as values only).  Inline:
 * the interpreter reads every item through it (the storage: GcObject.s_). */
#define GC_BLK_TAG      15u
#define GC_BLK_VALS_TAG 14u
#define GC_BLK_HEAD     8u
static inline __attribute__((always_inline)) GcSlot gc_slot(const GcObject *o, uint32_t i)
{
    uint64_t w = o->s_.blk;
    if ((w & 15u) == GC_BLK_VALS_TAG)
        return (GcSlot){GC_UNBOUND,
                        ((const GcValue *)(uintptr_t)((w & ~(uint64_t)15) + GC_BLK_HEAD))[i]};
    if ((w & 15u) == GC_BLK_TAG)
        return ((const GcSlot *)(uintptr_t)((w & ~(uint64_t)15) + GC_BLK_HEAD))[i];
    return (GcSlot){o->key0 ? GC_MKVAL(GC_V_STR, o->key0) : GC_UNBOUND, o->s_.one};
}
/* How many slots o has (slots 0 .. gc_nslots(o) - 1 are its fields,
 * items or entries): the record's nslots1 when its slot is inline, else
 * the second uint32_t of its block's head. */
static inline __attribute__((always_inline)) uint32_t gc_nslots(const GcObject *o)
{
    uint64_t w = o->s_.blk;
    if ((w & 15u) >= GC_BLK_VALS_TAG)
        return ((const uint32_t *)(uintptr_t)(w & ~(uint64_t)15))[1];
    return (uint32_t)o->nslots1;
}
/* The slots o has room for without growing (at least 1: one is inline). */
uint32_t gc_slot_cap(const GcObject *o);
/* The event index of id's allocation, and of its deallocation (-1 while
 * alive), at the cursor; kept only by a heap made with GcConfig.record
 * (in chunks beside the records'), else -1 and, once freed, 0. */
/* The first weakref to id (0 if none). */
GcId gc_weakref_head(const GcHeap *h, GcId id);
int32_t gc_born(const GcHeap *h, GcId id);
int32_t gc_died(const GcHeap *h, GcId id);
const GcGlobals *gc_globals(const GcHeap *h);
GcListView gc_list(const GcHeap *h, GcListId l);
int gc_frame_count(const GcHeap *h);
const GcFrame *gc_frame(const GcHeap *h, int depth);
int gc_temp_count(const GcHeap *h);
GcValue gc_temp(const GcHeap *h, int i);
const char *gc_kind_name(GcKind k);             /* "list", "tuple", ... */
const char *gc_list_name(GcListId l);           /* "gen0", "unreachable", ... */
const char *gc_phase_name(GcPhase p);           /* "subtract_refs", ... */
/* Type name for display: the class name for instances, else the kind. */
const char *gc_type_name(const GcHeap *h, GcId id);
/* Error text of the run (empty if none). */
const char *gc_error(const GcHeap *h);
/* Did the run stop on gcviz's object limit (the scenario's fault, not the
 * machine's)? */
int gc_limit_hit(const GcHeap *h);
/* The CPython releases a "python" value (312..315) stands for, for
 * headers: "3.12", "3.13", "3.14.5+" (3.14.0-3.14.4 had another
 * collector), "3.15". */
const char *gc_python_name(int python);
/* The CPython release whose measured behaviour a version follows, as the
 * window's header names it ("CPython 3.12.1"): the goldens come from it. */
const char *gc_python_release(int python);
/* Has the run failed (out of memory, limit)?  Once set, the state is no
 * longer CPython's: the run must stop with gc_error(). */
int gc_failed(const GcHeap *h);
/* Is this a lean run (GcConfig.lean honoured: no record, the cpython
 * collector)?  Then nothing reads the temporaries but the program itself. */
int gc_is_lean(const GcHeap *h);

/* Marks every object reachable from the roots (frames, temporaries,
 * permanent generation) into out[id] = 1; out has gc_max_id()+1 bytes. */
void gc_reachable(const GcHeap *h, uint8_t *out);

/* Validates the whole heap (see the invariant above).  Returns 0, or -1
 * with a description in buf. */
int gc_check(const GcHeap *h, char *buf, size_t n);

/* ---- mutations (used by lang) --------------------------------------- */
/* All return 0 on success, -1 on a fatal error (out of memory, limit):
 * the message is then in gc_error().  Python-level exceptions are lang's. */

int gc_fail(GcHeap *h, const char *fmt, ...);

/* Allocates an object; it starts with refcnt 1 (the caller owns that
 * reference, usually as a temporary).  Instances and lists are tracked at
 * once, tuples are tracked unless empty, dicts start untracked.  Counts
 * the allocation (unless a free list serves it) and schedules an automatic
 * collection when due.  cls: the class for instances, the number of items
 * for tuples (free lists are per size), GC_NEW_TYPE_ALLOC for a list
 * made by calling the type (list(x): PyType_GenericAlloc, never from the
 * free list), else ignored. */
GcId gc_new(GcHeap *h, GcKind kind, int32_t cls);
#define GC_NEW_TYPE_ALLOC (-2)
/* Weakref: returns the existing basic ref when callback is GC_NONE and one
 * exists (with a new reference), else a new weakref object. 0 on error. */
GcId gc_new_weakref(GcHeap *h, GcId referent, GcValue callback);

void gc_incref(GcHeap *h, GcValue v);
/* Decrements; at zero, the object is torn down at once (subtype_dealloc
 * order), with the cascade done by a worklist.  May run finalizers and
 * callbacks through the host. */
int gc_decref(GcHeap *h, GcValue v);

/* Slots.  gc_slot_set stores v (the caller's reference is moved in) at
 * index i (i == nslots appends), then DECREFs the old value: store, then
 * decref, as CPython does.  A dict's new entry whose key is an object
 * takes the caller's reference to the key too; a replaced value keeps
 * the entry's key (key must be the slot's own then). */
int gc_slot_set(GcHeap *h, GcId obj, uint32_t i, GcValue key, GcValue v);
/* Inserts a new slot at i (shifting the rest up); v's reference moves in. */
int gc_slot_insert(GcHeap *h, GcId obj, uint32_t i, GcValue key, GcValue v);
/* Instance attributes.  They are kept in insertion order; CPython visits
 * and releases them in the order of the class's shared keys.  When the
 * shared keys are full (30 names, one fewer per instance created), 3.12
 * moves the attributes into a real dict object: the instance then has the
 * single slot __dict__ (flag GC_F_DICT) and its attributes live there. */
GcId gc_attr_holder(const GcHeap *h, GcId obj);   /* the instance or its dict */
int gc_attr_find(const GcHeap *h, GcId obj, int32_t atom, GcId *holder); /* slot or -1 */
int gc_setattr(GcHeap *h, GcId obj, int32_t atom, GcValue v); /* v's reference moves in */
/* 0 removed (value in *out, in flight), 1 no such attribute, -1 fatal. */
int gc_delattr(GcHeap *h, GcId obj, int32_t atom, GcValue *out);
/* Removes slot i (shifting the rest); the removed value's reference is
 * returned in *out (moved to the caller, who must DECREF or keep it).
 * gc_dict_remove is the same for a dict's entry, whose key's reference
 * (when the key is an object) goes to *key, in flight too; gc_slot_remove
 * asserts there is none. */
int gc_slot_remove(GcHeap *h, GcId obj, uint32_t i, GcValue *out);
int gc_dict_remove(GcHeap *h, GcId obj, uint32_t i, GcValue *key, GcValue *out);
/* Slice assignment and deletion (list_ass_slice) move a list's tail once,
 * not once per item: gc_slot_take empties slot i in place (a hole; the
 * value goes to *out and in flight, as gc_slot_remove's), then
 * gc_slots_drop_holes closes every hole from slot `from` on and
 * gc_slots_open makes n empty slots at `at` (the tail moves up), which
 * gc_slot_set then fills.  The moves belong to the micro-step before. */
int gc_slot_take(GcHeap *h, GcId obj, uint32_t i, GcValue *out);
void gc_slots_drop_holes(GcHeap *h, GcId obj, uint32_t from);
int gc_slots_open(GcHeap *h, GcId obj, uint32_t at, uint32_t n);
/* Empties obj at once (list.clear, dict.clear, tp_clear): the n values go
 * to out[] (caller-sized nslots) and in flight; the caller then releases
 * them, last first if last_first (lists) else first first (dicts).  A
 * dict gives 2 * nslots values (out sized so): each entry's key and then
 * its value, the order free_keys_object releases them in (a key that is
 * not an object is released as nothing). */
int gc_slots_clear(GcHeap *h, GcId obj, int last_first, GcValue *out);
/* Index of the slot with this key, or -1. */
int gc_slot_find(const GcHeap *h, GcId obj, GcValue key);
/* What obj's tp_traverse visits, objects or not (gc.get_referents), in
 * CPython's order: a list's or tuple's items last first; an instance's
 * values in its class's shared-key order (its __dict__ when the values
 * moved there); a dict's values, or each value and then its key when a key
 * is not a str (a table of general keys); a weakref's callback.  out has
 * room for 2 * nslots + 1 values; returns how many it filled.  The class an
 * instance visits after its values is the caller's to add.  (A dict whose
 * last non-str key was deleted keeps CPython's general table and is seen
 * here as a str-keyed one.) */
uint32_t gc_referents(const GcHeap *h, GcId obj, GcValue *out);
/* n tracked objects the interpreter keeps alive that the heap does not
 * show (a class's type, dict and mro tuple, a def's function, a module's
 * objects): born in generation 0, they move with the collections and count
 * in long_lived_pending/total as CPython's would.  gc_hidden_in: how many
 * are in list l (generation 2 starts with the start-up heap's). */
void gc_hidden_live(GcHeap *h, int64_t n);
int64_t gc_hidden_in(const GcHeap *h, GcListId l);
/* One of them died in list l (a key=lambda's function after its call;
 * its count[0] is gc_count_hidden's). */
void gc_hidden_dead(GcHeap *h, GcListId l);
/* n of the hidden objects are tuples or dicts that the next full
 * collection untracks (a dict of untracked values), or, if later, the one
 * after it (measured, not explained: 1 object of the start-up heap, 3 of
 * `import weakref` in 3.13, 3.13's tuples of constant defaults). */
void gc_hidden_untrack(GcHeap *h, int64_t n, int later);
/* One hidden object that dies while the program runs (sys.stdout's list
 * of pending writes): alive 1 makes it (in generation 0), 0 frees it from
 * wherever the collections have moved it. */
void gc_hidden_one(GcHeap *h, int alive);
/* Tracks a dict (when it first holds a key or value that may be tracked),
 * as CPython's MAINTAIN_TRACKING does.  No-op if already tracked. */
void gc_maybe_track_dict(GcHeap *h, GcId dict, GcValue key, GcValue stored);
/* _PyObject_GC_MAY_BE_TRACKED of a value: a heap object other than an
 * untracked tuple, a function or a class of the program. */
int gc_may_be_tracked(const GcHeap *h, GcValue v);
/* Tracks obj again if a collection untracked it (a tuple the interpreter
 * reuses: the result tuple of dict.items() and enumerate iterators,
 * bpo-42536), in generation 0, as _PyObject_GC_TRACK does.  No-op if
 * tracked. */
void gc_track_again(GcHeap *h, GcId obj);
/* Untracks obj (no-op if untracked), as _PyObject_GC_UNTRACK does: a frame
 * object made for a running frame (_PyFrame_New_NoTrack) is tracked only
 * when it takes the frame's locals over. */
void gc_untrack(GcHeap *h, GcId obj);
/* Tracks obj (or moves it, if tracked) where the interpreter's start-up
 * heap is in the lists: an object made before the program ran (the
 * exit's __main__ dict, lang_exec.c run_exit).  The start-up heap is
 * older than anything the program makes; it starts at the head of
 * generation 2 (a lesson begins with gc.collect()) and moves with the
 * collections, gc.freeze() and gc.unfreeze() as its objects would. */
void gc_track_at_startup(GcHeap *h, GcId obj);
/* A name for one object the interpreter made ("globals()", the
 * exit's __main__.__dict__): captions and cards say it instead of
 * "dict #N".  gc_label is NULL for every other object. */
void gc_set_label(GcHeap *h, GcId id, const char *label);
const char *gc_label(const GcHeap *h, GcId id);
/* 1 while the start-up heap is at the head of generation 2: older than
 * every object a collection looks at. */
int gc_startup_oldest(const GcHeap *h);

/* Frames: push / pop a function frame; set a variable (moves the reference
 * in, then DECREFs the old value). */
int gc_frame_push(GcHeap *h, int32_t func, GcId self_obj);
int gc_frame_pop(GcHeap *h); /* all variables must be unbound first */
/* A call's frame: gc_frame_push(func, no self), then the n distinct names
 * declared in order (gc_var_declare), then the nargs values on top of the
 * stack moved into the first nargs of them, the last first (as CALL moves
 * a call's arguments into its parameters). */
int gc_frame_enter(GcHeap *h, int32_t func, const int32_t *names, int32_t n, int nargs);
int gc_var_set(GcHeap *h, int depth, int32_t name_atom, GcValue v);
/* Creates an unbound variable slot (function locals in co_varnames order). */
int gc_var_declare(GcHeap *h, int depth, int32_t name_atom);
GcValue gc_var_get(const GcHeap *h, int depth, int32_t name_atom); /* UNBOUND if none */
/* The same two with a hint: *hint (any value) is tried first as the
 * variable's index and is set to the index found, so that the interpreter
 * finds a name it looked up before with one comparison. */
GcValue gc_var_get_hint(const GcHeap *h, int depth, int32_t name_atom, int32_t *hint);
int gc_var_set_hint(GcHeap *h, int depth, int32_t name_atom, GcValue v, int32_t *hint);
/* LOAD_FAST_AND_CLEAR (an inlined comprehension saving a variable it
 * binds): the variable's reference moves out, in flight (no DECREF), and
 * the variable is unbound; GC_UNBOUND if it had no value. */
GcValue gc_var_take(GcHeap *h, int depth, int32_t name_atom);
/* Temporaries: references held on the evaluation stack. */
int gc_temp_push(GcHeap *h, GcValue v);   /* moves the reference in */
GcValue gc_temp_pop(GcHeap *h);           /* moves it out (into "in flight") */
GcValue gc_temp_take(GcHeap *h, int i);   /* moves entry i out, closing the gap */
/* References in flight: held by the interpreter or the engine between two
 * holders (a new object before it is stored, a value being released). */
int gc_inflight_count(const GcHeap *h);
GcValue gc_inflight(const GcHeap *h, int i);

/* The statement about to run (location opaque to the engine) at a frame. */
void gc_stmt(GcHeap *h, int32_t step, int32_t loc);
/* The end of a top-level step: a GC_EV_STEP_END event summing it up for
 * its caption: obj = objects its collections collected, slot = how many
 * collections, a = objects of the program freed, obj2 = interpreter
 * temporaries (argument tuples) freed, b = __del__ calls + (objects of the
 * program made << 32).  Both "of the program" counts leave the argument
 * tuples out (gc_note_args_tuple). */
void gc_step_end(GcHeap *h);
/* lang: an argument tuple (a call's interpreter temporary) was made
 * (died = 0) or freed (died = 1).  Counted for the step's end only. */
void gc_note_args_tuple(GcHeap *h, int died);

/* gc module functions. */
int64_t gc_collect(GcHeap *h, int gen);   /* returns gc.collect()'s value, -1 on fatal error */
void gc_enable(GcHeap *h, int on);
void gc_set_threshold(GcHeap *h, int n, const int64_t *t);
void gc_freeze(GcHeap *h);
void gc_unfreeze(GcHeap *h);
/* An eval-breaker check: runs a scheduled automatic collection. */
int gc_safe_point(GcHeap *h);

/* Records that the program printed bytes [start, end) of lang's output
 * buffer (a GC_EV_OUTPUT micro-step; nothing when not recording). */
void gc_output_event(GcHeap *h, int64_t start, int64_t end);
/* Allocations (n > 0) or deallocations (n < 0) of GC-tracked interpreter
 * objects that get no id (functions, types, iterators, a class body's
 * frame objects): they move count[0] exactly as _PyObject_GC_Link and
 * PyObject_GC_Del do, and an allocation can schedule a collection. */
void gc_count_hidden(GcHeap *h, int n);
/* The same for an interpreter object of a kind with a free list (a tuple
 * of `size` items, a list, a dict): an allocation takes one from the free
 * list when it has one (count[0] unchanged), a deallocation returns it
 * there unless the list is full, exactly as for the objects with ids. */
void gc_hidden_alloc(GcHeap *h, GcKind kind, int32_t size);
void gc_hidden_free(GcHeap *h, GcKind kind, int32_t size);
/* The same for a builtin method object (PyCFunctionObject: a bound
 * file.write, super().__init_subclass__, a bound __format__), which has a
 * free list of 16 from CPython 3.14 on (Py_pycfunctionobject_MAXFREELIST;
 * cleared by a full collection like the others).  Before 3.14 use
 * gc_count_hidden. */
void gc_hidden_cfunc(GcHeap *h, int alive);

/* The number of callables in gc.callbacks (0: none, the host is not
 * called).  A collection that shutdown runs (_PyGC_CollectNoFail) calls
 * none: set 0 before it. */
void gc_set_callbacks(GcHeap *h, int n);

/* Records a runtime error (Python exception text) as the last event. */
void gc_error_event(GcHeap *h, const char *text);

/* What the current top-level step did (reset by gc_stmt at depth 0 with a
 * new step index): ids freed in deallocation order, ids finalized in call
 * order, collections run.  Borrowed. */
typedef struct GcCollectionRecord {
    int gen;
    int64_t collected, uncollectable;
    int automatic;
} GcCollectionRecord;
typedef struct GcStepLog {
    const GcId *freed;
    int32_t nfreed;
    const GcId *finalized;
    int32_t nfinalized;
    const GcCollectionRecord *collections;
    int32_t ncollections;
} GcStepLog;
GcStepLog gc_step_log(const GcHeap *h);

/* ---- the history ----------------------------------------------------- */

int32_t gc_event_count(const GcHeap *h);
const GcEvent *gc_event(const GcHeap *h, int32_t i);
/* Writes a one-line explanation of event i for students into buf: what
 * the micro-step did and, for a reference count, who took or let go of
 * the reference (a name, a field, the evaluation stack, the collector).
 * The same at any cursor (it reads the history, not the state), except
 * for names of holders, which are those of the state shown. */
void gc_event_explain(const GcHeap *h, int32_t i, char *buf, size_t n);
/* v in decimal with thousands separators ("100,000"; negative: "0"), as
 * the captions and the window write counts. */
void gc_thousands(char *buf, size_t n, int64_t v);
/* The first event of the collection phase event i belongs to (its
 * GC_EV_PHASE event), or -1 when event i is outside a collection. */
int32_t gc_phase_start(const GcHeap *h, int32_t i);
/* A one-line summary of the phase event i belongs to, from its start to
 * event i, and its outcome ("finalize_garbage: Phoenix #3.__del__ ran and
 * stored self in graveyard (list #1)."); "" outside a collection. */
void gc_phase_summary(const GcHeap *h, int32_t i, char *buf, size_t n);
/* Is event i only about an interpreter temporary (a reference on the
 * evaluation stack or in the interpreter's hands, an argument tuple),
 * which a beginner's view may skip? */
int gc_event_interpreter_only(const GcHeap *h, int32_t i);
/* The current cursor: the state shown is the state after event cursor-1
 * (0 = before anything happened).  The cursor is at the end after a run. */
int32_t gc_cursor(const GcHeap *h);
/* Moves the cursor, undoing or redoing writes (from the nearest heap
 * checkpoint when that costs less: GcConfig.checkpoint_every); the heap
 * then shows the state at that point, the same whichever way it came
 * (read-only: do not mutate a rewound heap). */
void gc_seek(GcHeap *h, int32_t cursor);
/*
 * The history's memory budget (issue 14).  The history keeps every
 * micro-step until it has used a quarter of its budget; from then on it keeps
 * only the statement-level events (the start of each statement of the
 * module, the end of each top-level step, printed output, the start and
 * end of each collection, an error), each with one write per place it
 * changed, so that every statement stop is still reached exactly.  When
 * even that would pass the budget, the run stops there (gc_failed, with
 * gc_limit_hit: the scenario's, not the machine's) with a message that
 * says so; the statements run so far stay reachable.
 */
typedef struct GcHistoryInfo {
    int64_t budget;      /* bytes */
    int64_t bytes;       /* used by events, writes, the coarse mode's table and the
                            heap checkpoints (gc_checkpoint.c) */
    int32_t coarse_from; /* first event of a statement-level part, -1 if none */
    int full;            /* the budget stopped the run */
    /* The events [fine_from, fine_to) are every micro-step: [0, coarse_from)
     * in an ordinary history, the recomputed part in one run with
     * GcConfig.fine_from (-1, -1 if the run never reached that stop).  The
     * last of them, unless it is the last event, also holds the writes up
     * to the next event kept (gc_history_fine says no for it). */
    int32_t fine_from, fine_to;
    /* When the budget stopped the run (full): the events offered to the
     * history up to the one it stopped at, kept or not (the same count in
     * every history of the run, whatever its budget); else -1.  A
     * recomputed history stops there too (GcConfig.stop_at). */
    int64_t stopped_at;
} GcHistoryInfo;
GcHistoryInfo gc_history_info(const GcHeap *h);
/* Are the micro-steps between event i and the next event kept? */
int gc_history_fine(const GcHeap *h, int32_t i);
/* Statement stops: the events of kind GC_EV_STMT at depth 0 (the start of
 * each module-level statement, also inside a module-level loop), counted
 * from 0.  They are the same in every history of a run, whatever its
 * budget kept, so their numbers carry a place from one history of a
 * program to a recomputed one.  gc_history_stop: the number of the last
 * stop at or before event i (-1 if none); gc_history_stop_event: the event
 * of stop k, -1 if there is none.  Both scan the events (O(i), O(n)). */
int64_t gc_history_stop(const GcHeap *h, int32_t i);
int32_t gc_history_stop_event(const GcHeap *h, int64_t k);
/* A cursor of one history carried to another history of the same run: a
 * cursor c is "just before event c", named by its statement stop
 * (gc_history_stop(h, c)) and the events from that stop's event to c
 * (gc_history_place_events: after[0..n) are events stop+1 .. c, those of a
 * statement-level history being in every history).  gc_history_place
 * finds them in h in order and returns the cursor before the last; the
 * end of the run (c == event count) is carried as stop -2.  A place not
 * found (the other history kept fewer events) gives the nearest cursor
 * before it. */
typedef struct GcPlace {
    int64_t stop;
    int32_t n;
    GcEvent after[64];
} GcPlace;
GcPlace gc_history_place_of(const GcHeap *h, int32_t cursor);
int32_t gc_history_place(const GcHeap *h, const GcPlace *p);
/* GCVIZ_HISTORY_BUDGET (bytes, or with a K, M or G suffix) if set and
 * valid, else 10 % of physical memory but at most 1 GiB (1 GiB if the
 * memory is unknown), at least 1 MiB. */
int64_t gc_history_default_budget(void);
/* Parses "64M", "1G", "500000" into bytes (K, M, G are 1024-based);
 * -1 if s is not that. */
int64_t gc_parse_bytes(const char *s);

/* Did object id change in event i (one of its writes)? */
int gc_event_touches(const GcHeap *h, int32_t i, GcId id);
/* The objects that changed between cursors a and b (either order): visit
 * is called with the id of each write of an object's record or slots
 * (duplicates included) in the events between them, except the writes
 * of reference counts, gc_refs and the links of the collector's lists
 * (prev, next), which a collection makes in every object it visits
 * without moving it.  When more than limit writes lie between a and b,
 * nothing is visited.  Returns how many writes lie there (what it costs
 * to visit them). */
int64_t gc_history_changed(const GcHeap *h, int32_t a, int32_t b, int64_t limit,
                           void (*visit)(void *arg, GcId id), void *arg);

/* The slots written between cursors a and b (either order), with what
 * the cursor's move from a to b does to them: visit is called for each
 * write of a slot's value (what 0), a slot's key (what 1) or an object's
 * slot count (what 2) in the events between them, in the log's order,
 * with the value before and after the write as seen moving from a to b
 * (a > b: the write undone, its new value before and its old one after).
 * Summed per object, the slot values after less those before are the
 * references it holds at b less those at a (a slot beyond the slot count
 * is emptied before the count drops).  Writes of an object's record
 * other than reference counts, gc_refs, the links of the collector's
 * lists and the slot count are visited with what -1 (values 0): the
 * object changed otherwise.  When more than limit
 * writes lie between a and b, nothing is visited.  Returns how many
 * writes lie there. */
int64_t gc_history_slots(const GcHeap *h, int32_t a, int32_t b, int64_t limit,
                         void (*visit)(void *arg, GcId id, int what, GcValue before, GcValue after),
                         void *arg);

/* ---- what events mean: the kind table and the run index (gc_index.c) ---- */

/* The granularities a user steps by, coarsest first: a cursor on an event
 * is a stop at granularity g when the event's granularity is <= g. */
typedef enum GcGran { GC_GRAN_STATEMENT = 0, GC_GRAN_PHASE, GC_GRAN_MICRO } GcGran;

/* One row per event kind. */
typedef struct GcEventKindInfo {
    const char *name; /* "stmt", "incref", ... */
    uint8_t gran;     /* GcGran: statement (a top-level statement's start, an
                         error), phase (a collection's start, a phase), micro */
    uint8_t obj;      /* obj names the object the event is about */
    uint8_t edge;     /* obj2 -> obj is the reference the event follows */
} GcEventKindInfo;
const GcEventKindInfo *gc_event_kind_info(int kind);
/* The granularity of event e: its kind's, but a statement inside a
 * function or a __del__ (depth > 0) is a micro-step. */
GcGran gc_event_gran(const GcEvent *e);
/* The object event e is about (its kind says whether obj is one), or 0. */
GcId gc_event_subject(const GcEvent *e);

/* The landmarks of a history, listed once (O(n)) and asked in O(log n):
 * every array is ascending event indices.  Build it again when the
 * history changes (a new run, a recomputed one). */
typedef struct GcRunIndex {
    int32_t nevents;
    int32_t *stmts; /* each top-level statement's start (GC_EV_STMT, depth 0) */
    int32_t nstmts;
    int32_t *phases; /* each GC_EV_PHASE */
    int32_t nphases;
    int32_t *phase_stops; /* the stops a phase adds: GC_EV_GC_START and GC_EV_PHASE */
    int32_t nphase_stops;
    int32_t *gc_start; /* [i]: GC_EV_GC_START event of collection i */
    int32_t *gc_end;   /* [i]: its GC_EV_GC_END (or the last event) */
    int32_t *gc_gen;   /* [i]: the generation it collects */
    int32_t ncollections;
    int32_t error_event; /* the GC_EV_ERROR event, -1 if none */
    int32_t *outputs;    /* each GC_EV_OUTPUT (printed output) */
    int32_t noutputs;
    /* Parts of the history whose micro-steps the budget dropped (kept only
     * statement stops, gc_history_fine): events [coarse_from[k],
     * coarse_to[k]); stepping finer there runs the program again. */
    int32_t coarse_from[2], coarse_to[2];
    int ncoarse;
    /* The module-level names bound to objects (GC_EV_BIND at depth 0 of an
     * object): name k (atom name_atom[k]) is bound at the events
     * name_binds[name_start[k] .. name_start[k + 1]), ascending. */
    int32_t nnames;
    int32_t *name_atom, *name_start, *name_binds;
} GcRunIndex;
/* 0, or -1 when out of memory (x is then empty). */
int gc_index_build(GcRunIndex *x, const GcHeap *h);
void gc_index_free(GcRunIndex *x);
/* The top-level statement event i belongs to: its start event (-1 before
 * the first), or its number among x->stmts (-1 before the first). */
int32_t gc_index_stmt_at(const GcRunIndex *x, int32_t i);
int32_t gc_index_stmt_number(const GcRunIndex *x, int32_t i);
/* The collection event i lies in (index into gc_start), or -1. */
int32_t gc_index_collection_at(const GcRunIndex *x, int32_t i);
/* The last event at or before i that bound module name k (0 <= k <
 * x->nnames) to an object, or -1. */
int32_t gc_index_name_bound(const GcRunIndex *x, int32_t k, int32_t i);
/* The last GC_EV_OUTPUT event before cursor c, or -1 if none. */
int32_t gc_index_output_before(const GcRunIndex *x, int32_t c);
/* Stops (the window's Right and Left keys, record's frames): a stop shows
 * the state after a whole statement, phase or micro-step, so cursor c is a
 * stop when event c starts the next one at granularity g; the ends (0 and
 * the event count) always are, the first statement's start never (it
 * shows nothing more than the beginning).  A beginner (micro only) does
 * not stop on interpreter temporaries (gc_event_interpreter_only).
 * Statement and phase stops cost O(log n). */
int gc_index_is_stop(const GcRunIndex *x, const GcHeap *h, int32_t c, GcGran g, int beginner);
int32_t gc_index_next_stop(const GcRunIndex *x, const GcHeap *h, int32_t c, GcGran g, int beginner);
int32_t gc_index_prev_stop(const GcRunIndex *x, const GcHeap *h, int32_t c, GcGran g, int beginner);

#endif
