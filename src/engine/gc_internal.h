/*
 * gc_internal.h: the heap's private layout and the logged setters shared
 * by the engine's files.  Every state change goes through SET_OBJ, SET_G,
 * slot_write, var_write or temp_write so that recording sees it.
 */
#ifndef GCVIZ_GC_INTERNAL_H
#define GCVIZ_GC_INTERNAL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "gc.h"

#ifdef GCVIZ_CHECKED
#define GC_ASSERT(e)                                                                          \
    do {                                                                                      \
        if (!(e)) {                                                                           \
            fprintf(stderr, "%s:%d: engine assertion failed: %s\n", __FILE__, __LINE__, #e); \
            abort();                                                                          \
        }                                                                                     \
    } while (0)
#else
#define GC_ASSERT(e) ((void)0)
#endif

/* The hot entry points (gc_incref, gc_decref, gc_temp_push, gc_temp_pop)
 * are a few instructions in a lean run and call out of line for the rest,
 * so that link-time optimisation inlines them into the interpreter. */
#define GC_NOINLINE __attribute__((noinline))
/* The field setters: with a constant field, a store (or a bit-field's);
 * left to itself the compiler may call them with the field's switch. */
#define GC_ALWAYS_INLINE __attribute__((always_inline))

/* Object fields that can be written (write log). */
enum {
    OF_REFCNT, OF_GCREFS, OF_LIST, OF_PREV, OF_NEXT, OF_FLAGS, OF_STATE, OF_KIND, OF_CLS,
    OF_NSLOTS, OF_WR_REFERENT, OF_WR_CALLBACK, OF_WR_HEAD, OF_WR_NEXT, OF_WR_PREV, OF_BORN,
    OF_DIED
};

/* Global fields (an int64 array). */
enum {
    GF_ENABLED, GF_COLLECTING, GF_COUNT0, GF_COUNT1, GF_COUNT2, GF_T0, GF_T1, GF_T2,
    GF_LLT, GF_LLP,
    GF_STATS, /* 9 entries: gen*3 + {collections, collected, uncollectable} */
    GF_PHASE = GF_STATS + 9, GF_GEN, GF_AUTO, GF_SCAN, GF_ALLOCATED, GF_FREED, GF_STEP,
    GF_ERRORS, GF_SCHEDULED, GF_MAXID, GF_NFRAMES, GF_NTEMPS, GF_NINFL,
    GF_FL_LIST, GF_FL_DICT,
    GF_FL_TUPLE, /* 20 entries: free tuples of sizes 1..20 */
    GF_LISTS = GF_FL_TUPLE + 20, /* GC_LIST_COUNT * 3 entries: first, last, len */
    GF_COUNT = GF_LISTS + GC_LIST_COUNT * 3
};
/* More global fields: where the start-up heap is (gc_track_at_startup):
 * its list, and the object just before it (0: at the list's head); and,
 * per list, how many tracked objects the interpreter keeps there that the
 * heap does not show (gc_hidden_live): they move with the merges and
 * count as survivors in long_lived_pending and long_lived_total. */
enum {
    GF_SU_LIST = GF_COUNT,
    GF_SU_PREV,
    GF_UNTRACK_NEXT,  /* hidden objects the next full collection untracks */
    GF_UNTRACK_LATER, /* hidden objects the one after it untracks (gc_hidden_untrack) */
    GF_HIDDEN_ONE,    /* the list of the one hidden object that can die (gc_hidden_one) */
    GF_HIDDEN,
    GF_FL_CFUNC = GF_HIDDEN + GC_LIST_COUNT, /* free builtin method objects (3.14+) */
    GF_NGLOBALS
};
#define GF_LFIRST(l) (GF_LISTS + (l) * 3)
#define GF_LLAST(l) (GF_LISTS + (l) * 3 + 1)
#define GF_LLEN(l) (GF_LISTS + (l) * 3 + 2)

/* CPython's free lists (3.12: PyList_MAXFREELIST, PyDict_MAXFREELIST,
 * PyTuple_MAXSAVESIZE, PyTuple_MAXFREELIST).  An object served from a free
 * list, or returned to one, does not move count[0]. */
#define GC_FREELIST_LIST 80
#define GC_FREELIST_DICT 80
#define GC_TUPLE_MAXSAVESIZE 20
#define GC_TUPLE_MAXFREELIST 2000
#define GC_FREELIST_CFUNC    16 /* 3.14: Py_pycfunctionobject_MAXFREELIST */

enum { W_OBJ = 1, W_GLOBAL, W_SLOTK, W_SLOTV, W_FRAME, W_VARK, W_VARV, W_TEMP, W_INFL };
enum { FF_FUNC, FF_SELF, FF_LOC, FF_NVARS };

typedef struct GcWrite {
    uint8_t what;
    uint8_t field;
    int32_t id;   /* object id, or frame depth */
    uint32_t idx; /* slot / variable / temporary index */
    int64_t old, new_;
} GcWrite;
#define GC_WBLOCK 64 /* writes in a block of the packed log (gc_history.c) */

/* A class's shared keys (CPython's CACHED_KEYS): attribute names in the
 * order first stored, and how many more may be added.  Each new instance
 * takes one (while more than one is left), as init_inline_values does. */
#define GC_SHARED_KEYS_MAX_SIZE 30
typedef struct ClassKeys {
    int32_t *atoms;
    int32_t n, cap;
    int32_t usable;
    /* Every instance so far stored its attributes in key order (so their
     * visiting order is their slot order: gc__attr_order reads nothing).
     * Cleared for good by the first instance that does not. */
    int ordered;
} ClassKeys;

/* One object being torn down: how many of its slots it has released, and
 * for an instance whose attributes are not in its class's key order
 * (keyed = 1) that order, found once when its teardown starts (the slots'
 * keys do not change while it is torn down, and keys are only ever added
 * to a class's shared keys, so each slot's rank among them stays). */
typedef struct TearFrame {
    GcId id;
    uint32_t next;
    uint8_t keyed;
    uint8_t order[GC_SHARED_KEYS_MAX_SIZE + 2];
} TearFrame;

typedef struct IdVec {
    GcId *v;
    int32_t n, cap;
} IdVec;

/* When a record was allocated and freed (event indices; died -1 while
 * alive), logged as its fields OF_BORN and OF_DIED.  Only in a heap with
 * h->lives: after the records of their chunk, in the same order. */
typedef struct GcLife {
    int32_t born, died;
} GcLife;

/* A chunk of records as checkpoints hold them: 2^GC_CK_SHIFT ids from
 * k << GC_CK_SHIFT, a sixteenth of a chunk of records' storage (so that a
 * checkpoint copies little more than what was written since the one
 * before it; never more than one storage chunk, made usable at once).
 * GcCkChunk: records lo..hi, their GcLife, and the
 * slots of each whose cap is over 1 (cap of them, in id order).
 * Checkpoints share it while the heap's records lo..hi are not written:
 * every one taken since it was copied, up to the next write to them,
 * refers to it (refs).  Another side array kept in chunks parallel to the
 * records is copied and restored with them as lives is. */
#define GC_CK_SHIFT 10
#if GC_CK_SHIFT > GC_OBJ_CHUNK_SHIFT
#error "a checkpoint's chunk of records must lie in one chunk of storage"
#endif
/* A big block's slots (GC_CK_PAGED slots or more) are not copied with
 * their record's chunk but by pages of GC_CK_PAGE slots, shared as chunks
 * are: the heap remembers which copy each page of such a record equals
 * (GcCkPaged), every logged write to a slot of the page forgets it, and a
 * checkpoint refers to the page copy, counted, instead of copying it
 * again (a list appended to across the run is otherwise copied whole at
 * every checkpoint).  GcCkPage: page j of record id, n slots of the
 * record's layout (values only or GcSlot); GcCkBig: the record's block at
 * a checkpoint: its capacity and slot count then, and its pages. */
#define GC_CK_PAGE_SHIFT 10
#define GC_CK_PAGE       (1u << GC_CK_PAGE_SHIFT)
#define GC_CK_PAGED      (4u * GC_CK_PAGE)
typedef struct GcCkPage {
    int32_t refs;
    GcId id;
    uint32_t j, n;
    int64_t bytes;
    GcSlot data[]; /* n slots, or n values in the first half */
} GcCkPage;
typedef struct GcCkBig {
    GcId id;
    uint32_t cap, n;
    uint32_t npages;
    GcCkPage *page[];
} GcCkBig;
/* The heap's side: the page copies record id's pages equal (NULL: none,
 * or written since), for the first npages pages. */
typedef struct GcCkPaged {
    GcId id;
    uint32_t npages;
    GcCkPage **src;
} GcCkPaged;

typedef struct GcCkChunk {
    int32_t refs;
    int32_t k;
    GcId lo, hi;
    int64_t bytes; /* counted once in ck_bytes, however many refer to it */
    int64_t cost;  /* what restoring it costs, in writes replayed */
    GcObject *objs;
    GcLife *lives; /* the records' born and died, as objs */
    GcSlot *slots;
    GcCkBig **bigs; /* its records with a paged block, in id order */
    int32_t nbigs;
} GcCkChunk;

/* A checkpoint of the heap (gc_checkpoint.c): a copy of everything the
 * logged setters write, at cursor ev (ev events and w writes applied):
 * g[], the records 1..maxid (chunk[k] for their chunk k, often shared with
 * the checkpoints before and after it), the weakref heads, the frames with
 * their variables (framecap[d] of them in `vars`, in depth order), the
 * temporaries and the in-flight references (their capacities). */
typedef struct GcCheckpoint {
    int32_t ev;
    int64_t w;
    int64_t bytes; /* what it holds alone (not its shared chunks) */
    int64_t cost;  /* what restoring what it holds alone costs */
    int64_t g[GF_NGLOBALS];
    GcCkChunk **chunk;
    GcId *wr;             /* the weakref heads: nwr pairs (id, head) */
    int32_t nchunks, nwr; /* side by side: the budget counts sizeof */
    GcFrame *frames;
    uint32_t *framecap;
    int32_t nframes;
    GcSlot *vars;
    GcValue *temps, *infl;
    int32_t ntemps, ninfl;
} GcCheckpoint;

/* A reachability mark (gc_reach.c): what gc_reachable gives at cursor ev
 * (w writes applied), a bit per id up to maxid (bit id & 7 of byte
 * id >> 3, nreach of them set), and the values the roots held then (the
 * frames' variables, the temporaries, the in-flight references, nroots
 * in all).  gc_reachable near one starts from there.  Kept apart from the
 * checkpoints and denser: a checkpoint of 10^6 records takes ~64 MB, a
 * mark 125 KB. */
typedef struct GcRkMark {
    int32_t ev, nroots;
    int64_t w, nreach;
    GcId maxid;
    GcValue *roots;
    uint8_t *reach;
} GcRkMark;

/* The heap.  What gc_seek rewinds is exactly what the logged setters
 * write (the records' fields and slots, g[], frames and their variables, temps,
 * infl): anything else a rewound state shows must be derived from those.
 * State outside the undo log, and why that is safe:
 *   - the history itself: the write log, events, nevents, cursor, the
 *     budget (coarse, coarse_from, budget_full, nstops, fine_*, coal*);
 *   - the checkpoints (ck, nck, ck_every, ck_next, ck_bytes): copies of
 *     the logged state at some cursors, which gc_seek may restore instead
 *     of replaying writes (gc_checkpoint.c); ck_dirty: records above the
 *     restored maxid may hold a later state until replay allocates them;
 *   - derived from the cursor by gc_seek: loc;
 *   - append-only tables a rewound state may name but never changes:
 *     atoms, classes, classkeys, colls (one record per collection, read
 *     by collection number), label;
 *   - capacities (cap, capframes, framecap, captemps, capinfl, ...);
 *   - run-time state read only while the run is being recorded, back to
 *     its start value when a statement ends: freed, finalized, step_*,
 *     log_step, work, work2, trash, trash_nest, c_units, busy;
 *   - a lean run's own (never rewound, no history): dead, spare, the live
 *     counts per kind.
 * gc__log and gc__event_rec assert (checked builds) that nothing is
 * recorded while the heap is rewound (cursor < nevents): a mutation there
 * would be logged after the end and undone against the wrong state. */
struct GcHeap {
    GcConfig cfg;
    GcStrtab *atoms;
    GcHost host;
    /* The object records: record id is objs[id] (gc__o), ids 1..maxid in
     * use, 0 none.  objs is a range of address space reserved for
     * `reserved` records (max_objects + 1, rounded up to a chunk), made
     * usable a chunk (then GC_OBJ_GROUP chunks) at a time: no record ever
     * moves (gc.h), and finding one is an index, not a chunk table's
     * lookup. */
    GcObject *objs;
    GcId reserved;
    int32_t nchunks; /* chunks of GC_OBJ_CHUNK records usable */
    GcId cap;        /* records usable: nchunks * GC_OBJ_CHUNK */
    /* A recording heap keeps the records' born and died, which only the
     * history's readers need, in lifev[id] (gc__life), reserved and made
     * usable as objs; a heap that does not record has none. */
    int lives;
    GcLife *lifev;
    /* The first weakref to each object that has one (gc_object.c, "weakref
     * heads"): open addressing on the id, linear probing, wrn of wrcap (a
     * power of two) taken, 0 = empty; logged as the record's OF_WR_HEAD.
     * Capacity only grows, so undo and redo never need a new one. */
    GcId *wrk, *wrv;
    int32_t wrn, wrcap;
    GcClass *classes;
    ClassKeys *classkeys;
    int32_t nclasses, capclasses;
    GcFrame *frames;
    int32_t capframes;
    uint32_t *framecap; /* capacity of each frame's vars */
    GcValue *temps;
    int32_t captemps;
    GcValue *infl;        /* references in the interpreter's or engine's hands (see gc_heap.c) */
    int32_t capinfl;
    int64_t g[GF_NGLOBALS];
    /* List tags (gc_collect.c): an object's `list` field holds a tag and
     * ltag[tag] is its list; list l's new members get lcur[l].  Tag = list
     * except in a lean run, where a merge remaps tags instead of touching
     * every object (O(1), as CPython's gc_list_merge). */
    uint8_t ltag[256];
    uint8_t lcur[GC_LIST_COUNT];
    /* The same as bit sets (tags 1..254): each list's tags, the free ones. */
    uint64_t tagbits[GC_LIST_COUNT][4];
    uint64_t tagfree[4];
    GcGlobals view;
    int record;
    /* The write log (gc_history.c): nwrites in all, the closed events'
     * npacked packed in wlog (block j of GC_WBLOCK writes from byte
     * wblock[j]; wprev: the packer's object id), the open event's ntail
     * whole in tail; wcache: block wcache_at - 1 decoded (0: none). */
    int64_t nwrites;
    uint8_t *wlog;
    int64_t wlog_n, wlog_cap;
    int64_t *wblock;
    int64_t capwblock;
    int64_t npacked;
    int32_t wprev;
    GcWrite *tail;
    int64_t ntail, captail;
    GcWrite wcache[GC_WBLOCK];
    int64_t wcache_at;
    GcEvent *events;
    int32_t nevents, capevents;
    int32_t cursor;
    /* The history's memory budget (gc_history.c): bytes allowed
     * (cfg.history_budget), whether only statement-level events are kept
     * now (coarse, from event coarse_from on), whether the budget stopped
     * the run, and the table that finds the write of the current event
     * to the same place (coarse mode keeps one write per place). */
    int coarse;
    int32_t coarse_from;
    int budget_full;
    /* A recomputed history (cfg.fine_from): statement stops seen, the
     * event where its fine part starts and ends (-1: not yet), and the
     * bytes used when it started (the fine part's share of the budget
     * counts from there). */
    int64_t nstops;
    int32_t fine_start, fine_end;
    /* Events offered to the history (gc__budget_keeps), and the count at
     * the one the budget stopped the run at (-1: it did not). */
    int64_t noffered, stopped_at;
    int64_t fine_base;
    struct CoalEntry *coal;
    int64_t capcoal, ncoal, coal_span;
    /* Checkpoints (gc_checkpoint.c), in cursor order. */
    GcCheckpoint *ck;
    int32_t nck, capck;
    int64_t ck_every, ck_next, ck_bytes;
    int ck_dirty;
    /* ck_src[k]: the checkpoint chunk (GC_CK_SHIFT) the heap's records
     * of chunk k are equal to (they were copied into it or restored from
     * it, and not written since), NULL when written since; chunks from
     * ck_nsrc on have none.  Every logged write to a record or its slots
     * clears its chunk's (gc__log, apply_write, gc__ck_fresh). */
    GcCkChunk **ck_src;
    int32_t ck_nsrc;
    /* The records with paged blocks (GcCkPaged), by id; ck_haspg[k] (as
     * ck_src): chunk k holds one of them. */
    GcCkPaged *ck_pg;
    int32_t ck_npg, ck_cappg;
    uint8_t *ck_haspg;
    int64_t ck_chunks_restored; /* chunks a restore copied (tests) */
    int64_t ck_restores;        /* seeks that restored one (tests, benchmarks) */
    /* gc_reach.c's scratch: the marks and the queue of a checkpoint's
     * reachability (not h->work: a checkpoint is taken between any two
     * events, a collection's included), and its lists; how many answers
     * of gc_reachable came from a checkpoint, how many from a whole pass
     * (tests, benchmarks). */
    uint8_t *rk_mark;
    IdVec rk_queue, rk_vec[4];
    int64_t rk_from_ck, rk_whole;
    /* The reachability marks (GcRkMark), in cursor order, one about every
     * rk_every writes (the next at rk_next; rk_every 0: not started),
     * their bytes (not in ck_bytes: the history is the one it was without
     * them) and how many were taken (tests). */
    GcRkMark *rk;
    int32_t nrk, caprk;
    int64_t rk_every, rk_next;
    int64_t rk_bytes;
    int64_t rk_taken;
    int32_t loc; /* current statement location */
    IdVec freed, finalized;
    /* The step's allocations before it, and the argument tuples it made
     * and freed (gc_note_args_tuple): its end says them apart. */
    int64_t step_alloc0, step_args_made, step_args_freed;
    GcCollectionRecord *colls;
    int32_t ncolls, capcolls;
    int32_t log_step;
    IdVec work; /* scratch worklists */
    IdVec work2;

    /* The trashcan (Py_TRASHCAN_BEGIN/END; gc_teardown.c): the objects whose
     * deallocation was deferred, last deposited on top, and how deep the
     * deallocators are nested: trash_nest counts trashcan levels (3.12's
     * delete_nesting), c_units the C recursion units in use (3.13+'s
     * C recursion limit minus c_recursion_remaining).  Run-time state
     * only: both are back to their start values when a statement ends. */
    IdVec trash;
    int32_t trash_nest;
    int32_t c_units;

    GcId label_id; /* gc_set_label */
    char label[64];

    /* Lean run (GcConfig.lean, see gc.h): no in-flight accounting, no
     * list of the step's freed ids, and the records of freed objects are
     * reused.  A freed record waits in `dead` until no engine code that
     * may still name it by its id is running (busy == 0 at the next
     * statement), then moves to `spare`, where gc_new takes it (last
     * freed first, as CPython's allocator reuses memory).  Both are
     * stacks linked through the freed records' own `prev` (a freed record
     * is untracked, its links unused until gc_new empties it), last freed
     * on top: no memory per freed object, and the move is O(1)
     * (dead_bottom, its first freed, is linked to spare's top). */
    int lean;
    /* Dict entries ever given a key that is an object (gc_slot_set; never
     * undone by a seek): gc_reachable then makes its whole pass, which
     * follows keys, instead of starting from a mark (gc_reach.c follows
     * the writes of values only). */
    int64_t objkeys;
    int32_t busy;                  /* teardowns and collections running (their C frames hold ids) */
    GcId dead, dead_bottom, spare; /* tops of the stacks, 0 when empty */
    /* Live objects of each kind (gc_new up, finish_teardown down): a lean
     * run's collections skip untrack_tuples / untrack_dicts when there are
     * none (a pass that would do nothing).  Not kept by the history, so
     * read only in a lean run, which never rewinds. */
    int64_t nlive[GC_KIND_WEAKREF + 1];
    /* A lean run's records that hold a slot block (gc__ensure_slots up,
     * the blocks lean_record and gc_new free down): gc_heap_free stops
     * looking for blocks after the last, instead of reading every record
     * (64 MB at 10^6 objects, none of whose 2-cycles has a block). */
    int64_t nblocks;
    int64_t host_calls; /* __del__ and weakref callbacks called so far */
    int32_t ngccb;      /* callables in gc.callbacks (gc_set_callbacks) */
    int32_t ndel;       /* classes with a __del__ (gc_class_add) */

    /* The teardown worklist (teardown_run), shared by nested teardowns:
     * each uses the entries above the ones it found. */
    TearFrame *tear;
    int32_t ntear, captear;

    int failed;
    int limit_hit; /* the failure is the scenario's: too many objects */
    char err[512];
    char exc[512]; /* the Python exception that stopped the run */
};

/* Logging. */
const GcWrite *gc__write_block(const GcHeap *h, int64_t k);
/* Write k of the log (0 <= k < nwrites).  The pointer is good until the
 * next call: copy what is kept. */
static inline const GcWrite *gc__write(const GcHeap *h, int64_t k)
{
    if (k >= h->npacked)
        return &h->tail[k - h->npacked];
    if (k / GC_WBLOCK + 1 == h->wcache_at)
        return &h->wcache[k % GC_WBLOCK];
    return gc__write_block(h, k);
}
/* Closes the last event's writes: sets its count, drops those that leave
 * their place as it was (statement-level history only) and packs them. */
void gc__log_close(GcHeap *h);
void gc__log_free(GcHeap *h);
int gc__log_slow(GcHeap *h, uint8_t what, uint8_t field, int32_t id, uint32_t idx, int64_t old,
                 int64_t new_);
/* A write of kind what to record id (slot idx) or to anything else: the
 * record's chunk no longer equals the checkpoint chunk it was copied into
 * or restored from (GcHeap.ck_src), nor, for a slot of a paged block, the
 * slot's page its page copy (gc__ck_page_touch). */
void gc__ck_page_touch(GcHeap *h, int32_t id, uint32_t idx);
static inline void gc__ck_touch(GcHeap *h, uint8_t what, int32_t id, uint32_t idx)
{
    if (((1u << what) & ((1u << W_OBJ) | (1u << W_SLOTK) | (1u << W_SLOTV))) &&
        (id >> GC_CK_SHIFT) < h->ck_nsrc) {
        h->ck_src[id >> GC_CK_SHIFT] = NULL;
        if (what != W_OBJ && h->ck_haspg[id >> GC_CK_SHIFT])
            gc__ck_page_touch(h, id, idx);
    }
}

/* Logs a write of the current event.  Inline, as every logged setter
 * calls it: the usual case (every micro-step kept, room in the tail) is an
 * append; coarse mode's merging and the tail's growth are gc__log_slow's. */
static inline int gc__log(GcHeap *h, uint8_t what, uint8_t field, int32_t id, uint32_t idx,
                          int64_t old, int64_t new_)
{
    /* a rewound heap is changed by gc_seek only: a write logged there would
     * be undone and redone against the wrong state (checked builds) */
    GC_ASSERT(h->cursor == h->nevents);
    gc__ck_touch(h, what, id, idx);
    if ((h->coarse && h->nevents > 0) || h->ntail == h->captail)
        return gc__log_slow(h, what, field, id, idx, old, new_);
    h->tail[h->ntail++] = (GcWrite){what, field, id, idx, old, new_};
    h->nwrites++;
    return 0;
}

#define SET_G(h, f, v)                                               \
    do {                                                             \
        int64_t v_ = (int64_t)(v);                                   \
        if ((h)->record)                                             \
            gc__log((h), W_GLOBAL, (uint8_t)(f), 0, 0, (h)->g[f], v_); \
        (h)->g[f] = v_;                                              \
    } while (0)

#define SET_OBJ(h, id, f, v) gc__obj_set_inline((h), (id), (f), (int64_t)(v))

/* The object chunks after the first are made usable GC_OBJ_GROUP at a
 * time (2 MiB of records), their pages made present in one call
 * (gc_commit): a run that makes millions of objects took a page fault per
 * 4 KB of records, a fifth of `gcviz run`'s time at 10^6 objects. */
#define GC_OBJ_CHUNK_BYTES ((size_t)GC_OBJ_CHUNK * sizeof(GcObject))
#define GC_OBJ_GROUP_BYTES ((size_t)2 << 20)
#define GC_OBJ_GROUP                                                                               \
    (GC_OBJ_CHUNK_BYTES < GC_OBJ_GROUP_BYTES ? GC_OBJ_GROUP_BYTES / GC_OBJ_CHUNK_BYTES : 1)

/* A record's first word (GcObject.hdr: prev, next, kind, state, flags,
 * nslots1) read and written whole where a loop writes several of its
 * fields: bit-field stores one after the other (a byte, then a word) made
 * the next load of the whole word wait for them (the store cannot be
 * forwarded), a third of delete_garbage's loop (perf).  The masks are
 * constants the compiler finds from gc.h's bit-fields, not a layout
 * written down twice. */
#define GC_HDR_MASK(field, ones)                                                                   \
    (__extension__({                                                                               \
        GcObject m_ = {0};                                                                         \
        m_.field = (ones);                                                                         \
        m_.hdr;                                                                                    \
    }))
#define GC_HDR_PREV    GC_HDR_MASK(prev, GC_MAX_ID)
#define GC_HDR_NEXT    GC_HDR_MASK(next, GC_MAX_ID)
#define GC_HDR_KIND    GC_HDR_MASK(kind, 7)
#define GC_HDR_STATE   GC_HDR_MASK(state, 3)
#define GC_HDR_FLAG(f) GC_HDR_MASK(flags, (f))
#define GC_HDR_NSLOTS1 GC_HDR_MASK(nslots1, 1)
/* Field `mask` of word w, and the value v placed in that field. */
static inline uint64_t gc__hdr_get(uint64_t w, uint64_t mask)
{
    return (w & mask) >> __builtin_ctzll(mask);
}
static inline uint64_t gc__hdr_put(uint64_t mask, uint64_t v)
{
    return (v << __builtin_ctzll(mask)) & mask;
}

/* Record id (0 <= id < h->cap).  Records never move: the pointer stays
 * good for the heap's life, across allocations, teardowns and seeks. */
static inline GcObject *gc__o(const GcHeap *h, GcId id)
{
    GC_ASSERT(id >= 0 && id < h->cap);
    return &h->objs[id];
}
/* The id of record o (its index). */
static inline GcId gc__id(const GcHeap *h, const GcObject *o)
{
    GC_ASSERT(o >= h->objs && o < h->objs + h->cap);
    return (GcId)(o - h->objs);
}
static inline GcLife *gc__life(const GcHeap *h, GcId id)
{
    GC_ASSERT(h->lives && id >= 0 && id < h->cap);
    return &h->lifev[id];
}
static inline int32_t *gc__life_field(const GcHeap *h, GcId id, int field)
{
    GcLife *l = gc__life(h, id);
    return field == OF_BORN ? &l->born : &l->died;
}
/* Sets OF_BORN or OF_DIED of id, logged (nothing without h->lives). */
static inline void gc__life_set(GcHeap *h, GcId id, int field, int32_t v)
{
    if (!h->lives)
        return;
    int32_t *p = gc__life_field(h, id, field);
    if (h->record)
        gc__log(h, W_OBJ, (uint8_t)field, id, 0, *p, v);
    *p = v;
}

/* An object's slot storage (GcObject.s_, gc.h): one slot inline (value
 * in s_.one, key in key0; the slot count, 0 or 1, in nslots1), or a block
 * ("big") of cap slots: its address tagged GC_BLK_TAG (GcSlot: key and
 * value) or GC_BLK_VALS_TAG (values only: a list's or a tuple's items,
 * whose keys are GC_UNBOUND: 8 bytes an item, as CPython's ob_item), the
 * capacity and the slot count in the block's first GC_BLK_HEAD bytes
 * (CPython's allocated and ob_size are in the list object, beside
 * ob_item; here they are beside the items, so that the record stays 32
 * bytes).  The block of a dict with a key index holds the index
 * after its cap slots; a dict's slots are always in a block (its keys need
 * not be atoms). */
static inline int gc__big(const GcObject *o)
{
    return (o->s_.blk & 15u) >= GC_BLK_VALS_TAG;
}
static inline int gc__valsonly(const GcObject *o)
{
    return (o->s_.blk & 15u) == GC_BLK_VALS_TAG;
}
/* The block's start (what gc_malloc gave) and its slots. */
static inline char *gc__blk(const GcObject *o)
{
    GC_ASSERT(gc__big(o));
    return (char *)(uintptr_t)(o->s_.blk & ~(uint64_t)15);
}
static inline void *gc__items(const GcObject *o)
{
    return gc__blk(o) + GC_BLK_HEAD;
}
static inline uint32_t gc__cap(const GcObject *o)
{
    return gc__big(o) ? *(const uint32_t *)(const void *)gc__blk(o) : 1;
}
/* o's storage is the block blk of cap slots (values only if vals), n of
 * them in use: the block's head says cap and n. */
static inline void gc__set_blk(GcObject *o, void *blk, uint32_t cap, uint32_t n, int vals)
{
    ((uint32_t *)blk)[0] = cap;
    ((uint32_t *)blk)[1] = n;
    o->nslots1 = 0; /* unused with a block */
    o->s_.blk = (uint64_t)(uintptr_t)blk | (vals ? GC_BLK_VALS_TAG : GC_BLK_TAG);
}
/* Frees o's block (o's storage is then one empty inline slot, and it
 * has no slot: its slots, if any, were released before). */
static inline void gc__blk_free(GcObject *o)
{
    gc_free(gc__blk(o));
    o->s_.blk = 0;
    o->nslots1 = 0;
}
/* Sets o's slot count (unlogged: SET_OBJ(OF_NSLOTS) logs it); o's
 * storage must have room for n slots. */
static inline void gc__nslots_put(GcObject *o, uint32_t n)
{
    if (gc__big(o)) {
        GC_ASSERT(n <= gc__cap(o));
        ((uint32_t *)(void *)gc__blk(o))[1] = n;
    } else {
        GC_ASSERT(n <= 1);
        o->nslots1 = n & 1u;
    }
}
/* Lists and tuples keep values-only blocks. */
static inline int gc__kind_vals(int kind)
{
    return kind == GC_KIND_LIST || kind == GC_KIND_TUPLE;
}
/* The slots of a GcSlot block. */
static inline GcSlot *gc__slots(GcObject *o)
{
    GC_ASSERT(gc__big(o) && !gc__valsonly(o));
    return (GcSlot *)gc__items(o);
}
/* The values of o's slots, whatever the storage: slot i's at v[i * stride]. */
static inline GcValue *gc__vals(GcObject *o, uint32_t *stride)
{
    if (!gc__big(o)) {
        *stride = 1;
        return &o->s_.one;
    }
    if (gc__valsonly(o)) {
        *stride = 1;
        return (GcValue *)gc__items(o);
    }
    *stride = 2;
    return &((GcSlot *)gc__items(o))->val;
}
/* Slot i (read), and its raw store (no log, no key index). */
static inline GcSlot gc__slot(const GcObject *o, uint32_t i)
{
    return gc_slot(o, i);
}
static inline void gc__slot_val_put(GcObject *o, uint32_t i, GcValue val)
{
    uint32_t st;
    gc__vals(o, &st)[i * st] = val;
}
/* The inline slot's key: an attribute name (an atom) or GC_UNBOUND. */
static inline void gc__key0_put(GcObject *o, GcValue key)
{
    GC_ASSERT(key == GC_UNBOUND || GC_VAL_TAG(key) == GC_V_STR);
    o->key0 = key == GC_UNBOUND ? 0 : (uint32_t)GC_VAL_PAYLOAD(key);
}
static inline void gc__slot_put(GcObject *o, uint32_t i, GcValue key, GcValue val)
{
    if (!gc__big(o)) {
        GC_ASSERT(i == 0);
        gc__key0_put(o, key);
        o->s_.one = val;
    } else if (gc__valsonly(o)) {
        GC_ASSERT(key == GC_UNBOUND);
        ((GcValue *)gc__items(o))[i] = val;
    } else {
        GcSlot *s = gc__slots(o);
        s[i].key = key;
        s[i].val = val;
    }
}
/* The bytes of a block of cap slots in o's layout (its header and key
 * index aside). */
static inline size_t gc__blk_bytes(const GcObject *o, uint32_t cap)
{
    return (size_t)cap * (gc__valsonly(o) ? sizeof(GcValue) : sizeof(GcSlot));
}

/* Weakref links live in the weakref's (unused) inline slot's value, above
 * its low nibble: 30 bits each (ids have GC_ID_BITS). */
#define WR_NEXT(o) ((GcId)(((o)->s_.one >> 4) & 0x3fffffffu))
#define WR_PREV(o) ((GcId)((o)->s_.one >> 34))

static inline GC_ALWAYS_INLINE int64_t gc__obj_get(const GcObject *o, int field)
{
    switch (field) {
    case OF_REFCNT: return o->refcnt;
    case OF_GCREFS: return o->gc_refs;
    case OF_LIST: return o->list;
    case OF_PREV: return o->prev;
    case OF_NEXT: return o->next;
    case OF_FLAGS: return o->flags;
    case OF_STATE: return o->state;
    case OF_KIND: return o->kind;
    case OF_CLS: return o->cls;
    case OF_NSLOTS:
        return gc_nslots(o);
    case OF_WR_REFERENT: return o->wr_referent;
    case OF_WR_CALLBACK:
        return (int64_t)o->key0;
    case OF_WR_NEXT: return WR_NEXT(o);
    case OF_WR_PREV:
        return WR_PREV(o);
    }
    return 0;
}

static inline GC_ALWAYS_INLINE void gc__obj_put(GcObject *o, int field, int64_t v)
{
    switch (field) {
    case OF_REFCNT: o->refcnt = (int32_t)v; break;
    case OF_GCREFS: o->gc_refs = (int32_t)v; break;
    case OF_LIST: o->list = (uint8_t)v; break;
    case OF_PREV: o->prev = (GcId)v; break;
    case OF_NEXT: o->next = (GcId)v; break;
    case OF_FLAGS: o->flags = (uint8_t)v; break;
    case OF_STATE: o->state = (uint8_t)v; break;
    case OF_KIND: o->kind = (uint8_t)v; break;
    case OF_CLS: o->cls = (int32_t)v; break;
    case OF_NSLOTS:
        gc__nslots_put(o, (uint32_t)v);
        break;
    case OF_WR_REFERENT: o->wr_referent = (GcId)v; break;
    case OF_WR_CALLBACK:
        o->key0 = (uint32_t)v; /* GC_NONE or a GC_V_FUNC value: 31 bits (gc_new_weakref) */
        break;
    case OF_WR_NEXT:
        o->s_.one = (o->s_.one & ~((GcValue)0x3fffffffu << 4)) | ((GcValue)(uint32_t)v << 4);
        break;
    case OF_WR_PREV:
        o->s_.one = (o->s_.one & ((GcValue)0x3fffffffu << 4)) | ((GcValue)(uint32_t)v << 34);
        break;
    }
}

/* Weakref heads (gc_object.c): the first weakref to id, 0 if none;
 * gc__wr_head_put sets it unlogged (0 removes it; -1 after gc_fail when
 * out of memory), gc__wr_head_set logged. */
static inline uint32_t gc__wr_hash(GcId id)
{
    return (uint32_t)id * 2654435761u;
}
static inline GcId gc__wr_head(const GcHeap *h, GcId id)
{
    if (h->wrn == 0)
        return 0;
    uint32_t m = (uint32_t)h->wrcap - 1;
    for (uint32_t i = gc__wr_hash(id) & m;; i = (i + 1) & m) {
        if (h->wrk[i] == id)
            return h->wrv[i];
        if (h->wrk[i] == 0)
            return 0;
    }
}
int gc__wr_head_put(GcHeap *h, GcId id, GcId head);
void gc__wr_head_set(GcHeap *h, GcId id, GcId head);

static inline GC_ALWAYS_INLINE void gc__obj_set_inline(GcHeap *h, GcId id, int field, int64_t v)
{
    GcObject *o = gc__o(h, id);
    if (h->record)
        gc__log(h, W_OBJ, (uint8_t)field, id, 0, gc__obj_get(o, field), v);
    gc__obj_put(o, field, v);
}

/* Checkpoints (gc_checkpoint.c).  gc__ck_take: a checkpoint of the state
 * now (the cursor at the end, the last event closed), when due; thins the
 * older ones to keep their number and bytes bounded.  gc__ck_seek: before
 * a seek to cursor from h->cursor, restores the checkpoint from which
 * replaying costs least, if that is less than replaying from where the
 * heap is (h->cursor is then the checkpoint's).  gc__ck_fresh: a record
 * about to be allocated again by a replay, set as undo would have left
 * it.  gc__ck_free: frees them all. */
void gc__ck_take(GcHeap *h);
void gc__rk_take(GcHeap *h);
static inline void gc__ck_maybe_take(GcHeap *h)
{
    if (h->ck_every > 0 && h->nwrites >= h->rk_next)
        gc__rk_take(h);
    if (h->ck_every > 0 && h->nwrites >= h->ck_next)
        gc__ck_take(h);
}
void gc__ck_seek(GcHeap *h, int32_t cursor);
/* Reachability (gc_reach.c).  gc__rk_take: a reachability mark of the
 * state now (the cursor at the end, the last event closed), when due;
 * thins the older ones to keep their number and bytes bounded.
 * gc__reach_mark: what gc_reachable gives, by a pass over the reachable
 * heap with queue as its worklist (0, or -1 out of memory).
 * gc__reach_from_ck: the same from the nearest mark and the writes
 * between it and the cursor, when that is cheaper than a pass; 0, or -1
 * with out unspecified (the caller makes a whole pass).  gc__reach_free:
 * the marks and their scratch. */
int gc__reach_mark(GcHeap *h, IdVec *queue, uint8_t *mark);
int gc__reach_from_ck(GcHeap *h, uint8_t *out);
void gc__reach_free(GcHeap *h);
/* Calls fn(arg, w) for each write [from, to) of the log, in log order. */
void gc__writes_each(const GcHeap *h, int64_t from, int64_t to,
                     void (*fn)(void *arg, const GcWrite *w), void *arg);
void gc__ck_fresh(GcHeap *h, GcId from, GcId to);
void gc__ck_free(GcHeap *h);
/* Rebuilds a dict's key index from its slots (gc_object.c). */
void gc__ix_rebuild(GcObject *o);

/* The budget (gc_history.c): may an event of this kind be kept now?
 * Switches to the statement-level history when the fine one has used its
 * share, and stops the run (gc_fail) when even that is over the budget. */
int gc__budget_keeps(GcHeap *h, GcEventKind kind);
typedef struct CoalEntry {
    int64_t k;    /* a write */
    int64_t span; /* the event count when it was added */
} CoalEntry;

/* Events (nothing is kept, and nothing paid, when recording is off). */
int32_t gc__event_rec(GcHeap *h, GcEventKind kind, GcId obj, GcId obj2, int32_t slot, int64_t a,
                      int64_t b);
#define gc__event(h, kind, obj, obj2, slot, a, b) \
    ((h)->record ? gc__event_rec((h), (kind), (obj), (obj2), (slot), (a), (b)) : -1)

/* Lists.  Append and remove are inline: the collector's passes and every
 * allocation and deallocation call them.  A recorded run logs each write
 * (gc__list_append_logged, gc__list_remove_logged in gc_collect.c, out of
 * line); a run nobody records makes the same writes directly, through one
 * record lookup each (the logged path, inlined, cost about 55 instructions
 * a call, most of them its register saves). */
void gc__list_append_logged(GcHeap *h, GcListId l, GcId id);
void gc__list_remove_logged(GcHeap *h, GcId id);
/* Links first..last (n objects, already linked to each other in that
 * order) at the tail of list l, unlogged: an append of one object, or of
 * a run (move_unreachable_lean). */
static inline void gc__list_link_run(GcHeap *h, GcListId l, GcId first, GcId last, int64_t n)
{
    GcId tail = (GcId)h->g[GF_LLAST(l)];
    gc__o(h, first)->prev = tail;
    gc__o(h, last)->next = 0;
    if (tail)
        gc__o(h, tail)->next = first;
    else
        h->g[GF_LFIRST(l)] = first;
    h->g[GF_LLAST(l)] = last;
    h->g[GF_LLEN(l)] += n;
}

static inline void gc__list_append(GcHeap *h, GcListId l, GcId id)
{
    if (h->record) {
        gc__list_append_logged(h, l, id);
        return;
    }
    gc__o(h, id)->list = h->lcur[l];
    gc__list_link_run(h, l, id, id, 1);
}

/* The start-up heap (gc_track_at_startup) is a place in the lists, just
 * after the object GF_SU_PREV (at the head when 0) of list GF_SU_LIST:
 * removing that object moves the place to the one before it, and a merge
 * of its list takes it along (after the tail the list is appended to).
 * Appends go after it, as after any object. */
/* Unlinks first..last (n objects, in that order in list l), unlogged,
 * leaving their links to each other and their outer links as they are;
 * su_in: the start-up heap's place is after one of them, and moves to
 * the object before them. */
static inline void gc__list_unlink_run(GcHeap *h, GcListId l, GcId first, GcId last, int64_t n,
                                       int su_in)
{
    GcId p = gc__o(h, first)->prev, nx = gc__o(h, last)->next;
    if (su_in)
        h->g[GF_SU_PREV] = p;
    if (p)
        gc__o(h, p)->next = nx;
    else
        h->g[GF_LFIRST(l)] = nx;
    if (nx)
        gc__o(h, nx)->prev = p;
    else
        h->g[GF_LLAST(l)] = p;
    h->g[GF_LLEN(l)] -= n;
}
/* gc__list_unlink_run of the head of l alone (no predecessor to read:
 * 12 instructions less a deallocation in delete_garbage, callgrind). */
static inline void gc__list_unlink_head(GcHeap *h, GcListId l, GcId id)
{
    GcId n = gc__o(h, id)->next;
    if ((GcId)h->g[GF_SU_PREV] == id)
        h->g[GF_SU_PREV] = 0;
    h->g[GF_LFIRST(l)] = n;
    if (n)
        gc__o(h, n)->prev = 0;
    else
        h->g[GF_LLAST(l)] = 0;
    h->g[GF_LLEN(l)]--;
}

static inline GC_ALWAYS_INLINE void gc__list_remove(GcHeap *h, GcId id)
{
    if (h->record) {
        gc__list_remove_logged(h, id);
        return;
    }
    GcObject *o = gc__o(h, id);
    GcListId l = (GcListId)h->ltag[o->list];
    if (l == GC_LIST_NONE)
        return;
    gc__list_unlink_run(h, l, id, id, 1, (GcId)h->g[GF_SU_PREV] == id);
    o->list = GC_LIST_NONE;
    o->prev = o->next = 0;
}

void gc__list_merge(GcHeap *h, GcListId from, GcListId to); /* hidden ones too */
/* List tags (gc_collect.c): all identity; list from's tags now name list
 * to and from gets a fresh one (lean runs, from not empty). */
void gc__tags_init(GcHeap *h);
void gc__tags_merge(GcHeap *h, GcListId from, GcListId to);
/* A full collection's effect on the hidden objects: those it untracks
 * (gc_hidden_untrack). */
void gc__hidden_full_collection(GcHeap *h, GcListId young);
/* Moves list from's hidden objects (gc_hidden_live) to list to. */
void gc__hidden_move(GcHeap *h, GcListId from, GcListId to);

static inline void gc__set_flags(GcHeap *h, GcId id, int set, int clear)
{
    GcObject *o = gc__o(h, id);
    int f = (o->flags | set) & ~clear;
    if (f != o->flags)
        SET_OBJ(h, id, OF_FLAGS, f);
}

/* Slots. */
int gc__ensure_slots(GcHeap *h, GcObject *o, uint32_t n);

/*
 * A dict's key index (gc_object.c, "the key index").  A dict with room for
 * GC_IX_MIN slots or more keeps, in the same block after its cap slots, an
 * open-addressing table of 2 * cap entries: slot position + 1, 0 = empty,
 * linear probing on the 64-bit key (str, int and big-int keys are
 * canonical values, so equal keys are equal bit for bit).  The table holds
 * positions only, never keys: every write of a slot's key (gc__slot_write,
 * and the history's undo and redo) moves its entry, so the index is in step
 * with the slots at every cursor.  Smaller dicts are scanned: measured on
 * this project's machine, a scan of up to 8 keys costs what a probe does
 * (4-7 ns), beyond that the probe wins (8 ns against 14 at 16 keys).
 */
#define GC_IX_MIN 16u
static inline int gc__has_ix(const GcObject *o)
{
    return o->kind == GC_KIND_DICT && gc__cap(o) >= GC_IX_MIN;
}
void gc__slot_key_store(GcObject *o, uint32_t i, GcValue key);

/* Writes slot i (key and value), logged, keeping the key index in step. */
void gc__slot_write_full(GcHeap *h, GcId id, uint32_t i, GcValue key, GcValue val);
static inline void gc__slot_write(GcHeap *h, GcId id, uint32_t i, GcValue key, GcValue val)
{
    GcObject *o = gc__o(h, id);
    if (!h->record && !gc__has_ix(o)) { /* what gc__slot_write_full does then */
        gc__slot_put(o, i, key, val);
        return;
    }
    gc__slot_write_full(h, id, i, key, val);
}

void gc__clear_freelists(GcHeap *h);

/* Growth of the heap's arrays (gc_heap.c): 0, or -1 after gc_fail. */
int gc__frame_ensure(GcHeap *h, int depth, uint32_t n);
int gc__objs_ensure(GcHeap *h, GcId n);

/* Allocation counting and free lists (gc_object.c). */
void gc__count_alloc(GcHeap *h);
/* The free list an object of this kind and size uses, or -1. */
int gc__freelist_of(GcKind kind, int64_t size);
int64_t gc__freelist_max(int fl);
/* Lean runs: the records freed since the last call become spare. */
void gc__lean_recycle(GcHeap *h);

/* Teardown (gc_teardown.c). */
int gc__dealloc(GcHeap *h, GcId id);
/* gc__dealloc of the head of list l, in a lean run (delete_garbage). */
int gc__dealloc_head(GcHeap *h, GcListId l, GcId id);
/* delete_garbage's loop for the heads of l that are plain instances
 * (gc_teardown.c): how many it freed. */
int64_t gc__delete_plain_heads(GcHeap *h, GcListId l);
/* Runs a __del__ / a weakref callback through the host, with the C
 * recursion units a call from C into Python costs (3.13+ trashcan).
 * Returns -1 on a fatal error (h->failed). */
int gc__host_del(GcHeap *h, GcId id);
int gc__host_weakref_cb(GcHeap *h, GcValue callback, GcId wr);
/* The one way the engine calls a __del__ (tp_finalize, PEP 442: the caller
 * has checked it runs once): pushes id on h->finalized and runs it between
 * GC_EV_DEL_CALL and GC_EV_DEL_RETURN.  from_dealloc: id's count is 0
 * (subtype_dealloc): it gets a temporary count of 1 and GC_F_FINALIZED
 * after DEL_CALL, and the caller takes the 1 back and checks for
 * resurrection; otherwise (a collection) the caller has set GC_F_FINALIZED
 * and id is held by an incref before and a decref after the call. */
int gc__call_finalizer(GcHeap *h, GcId id, int from_dealloc);
/* The one way the engine calls a weakref callback: logs
 * GC_EV_WEAKREF_CALLBACK (wr, about: the dying referent or 0) and calls
 * cb(wr) through the host.  hold: take a reference to wr for the call
 * (after the event) and drop it after; otherwise the caller keeps wr
 * alive.  -1 on a fatal error. */
int gc__call_weakref_cb(GcHeap *h, GcId wr, GcId about, GcValue cb, int hold);
int gc__clear_weakrefs_dealloc(GcHeap *h, GcId id);
void gc__weakref_unlink(GcHeap *h, GcId wr);
/* Appends id to v: 0, or -1 when out of memory (v unchanged).  Inline
 * while there is room (every deallocation of a lean run pushes one). */
int gc__idvec_push_grow(IdVec *v, GcId id);
static inline int gc__idvec_push(IdVec *v, GcId id)
{
    if (v->n < v->cap) {
        v->v[v->n++] = id;
        return 0;
    }
    return gc__idvec_push_grow(v, id);
}
void gc__inflight_push(GcHeap *h, GcValue v);
void gc__inflight_take(GcHeap *h, GcValue v);
/* In-flight references (gc_heap.c); nothing to do in a lean run. */
static inline void gc__inflight_add(GcHeap *h, GcValue v)
{
    if (GC_VAL_IS_OBJ(v) && !h->lean)
        gc__inflight_push(h, v);
}
static inline void gc__inflight_del(GcHeap *h, GcValue v)
{
    if (GC_VAL_IS_OBJ(v) && !h->lean)
        gc__inflight_take(h, v);
}

/* Collector (gc_collect.c). */
int64_t gc__collect_main(GcHeap *h, int gen, int automatic);
int gc__collect_generations(GcHeap *h);
void gc__update_leaks(GcHeap *h);

/* Traversal (tp_traverse): the object ids referenced by id's slots, in
 * CPython's visiting order (lists and tuples last item first; dicts and
 * instance attributes forward).  A weakref's referent is weak and not
 * visited.  Fills out (caller-owned IdVec, cleared first) with ids and
 * slot indices in slots (same length). */
typedef struct RefList {
    GcId *ids;
    int32_t *slots;
    int32_t n, cap;
} RefList;
int gc__traverse(GcHeap *h, GcId id, RefList *out);
void gc__reflist_free(RefList *r);
int gc__reflist_push(RefList *r, GcId id, int32_t slot);

int32_t gc__class_key_lookup(const GcHeap *h, int32_t cls, int32_t atom);
/* Fills idx[0..nslots) with o's slots in CPython's visiting order for
 * instance attributes (the shared keys' order); returns 1 when that is
 * the identity. */
int gc__attr_order(const GcHeap *h, const GcObject *o, uint32_t *idx);

#endif
