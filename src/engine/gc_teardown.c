/*
 * gc_teardown.c: the teardown of an object whose count reaches zero
 * (subtype_dealloc order: weakrefs cleared and their callbacks called,
 * __del__, the slots released), done with an explicit worklist so that a
 * chain of a million objects freed by one DECREF never deepens the C
 * stack; the trashcan that 3.12 and 3.13+ use to bound that depth; and
 * gc_heap_free, which frees the whole heap.
 *
 * Start reading at gc__dealloc.
 */
#include <string.h>

#include "gc_internal.h"

void gc_heap_free(GcHeap *h)
{
    if (!h)
        return;
    /* a lean run's records above the highest id were never written, and
     * it counts its slot blocks (nblocks) */
    GcId end = h->lean ? (GcId)h->g[GF_MAXID] + 1 : h->cap;
    int64_t left = h->lean ? h->nblocks : INT64_MAX;
    for (GcId i = 1; i < end && left > 0; i++)
        if (gc__big(gc__o(h, i))) {
            gc_free(gc__blk(gc__o(h, i)));
            left--;
        }
    size_t n = (size_t)h->reserved + 1;
    gc_unreserve(h->objs, n * sizeof *h->objs);
    gc_unreserve(h->lifev, n * sizeof *h->lifev);
    gc_free(h->wrk);
    gc_free(h->wrv);
    for (int32_t i = 0; i < h->capframes; i++)
        gc_free(h->frames[i].vars);
    gc_free(h->frames);
    gc_free(h->framecap);
    gc_free(h->temps);
    for (int32_t i = 0; i < h->nclasses; i++)
        gc_free(h->classkeys[i].atoms);
    gc_free(h->classkeys);
    gc_free(h->classes);
    gc__log_free(h);
    gc__ck_free(h);
    gc_free(h->events);
    gc_free(h->freed.v);
    gc_free(h->finalized.v);
    gc_free(h->colls);
    gc_free(h->work.v);
    gc_free(h->work2.v);
    gc_free(h->trash.v);
    gc_free(h->tear);
    gc_free(h->infl);
    gc_free(h);
}

/* ---- teardown ------------------------------------------------------------ */

/*
 * PyObject_ClearWeakRefs, as subtype_dealloc calls it: every weakref to id
 * is cleared first (in list order), then the callbacks run in that order.
 * The weakrefs are kept alive (INCREF) while their callbacks run.
 */
/*
 * PyObject_ClearWeakRefs as subtype_dealloc calls it.  The callback-less
 * refs at the head of the list are cleared first.  3.12: if one weakref is
 * left, it is cleared and its callback called directly; with several, a
 * tuple (ref, callback, ...) is built, all are cleared, then the callbacks
 * run in order.  3.13 (gh-111926) always builds the tuple.  Measured:
 * count[0] around the death of an object with a basic ref and one
 * callback ref moves by 0 on 3.12.1 and by +1 on 3.13.0.
 */
int gc__clear_weakrefs_dealloc(GcHeap *h, GcId id)
{
    GcId head = gc__wr_head(h, id);
    if (!head)
        return 0;
    /* "Remove the callback-less basic and proxy references" at the head:
     * at most two in 3.12, all of them in 3.13. */
    for (int k = 0; head && GC_VAL_TAG(GC_WR_CALLBACK(gc__o(h, head))) != GC_V_FUNC &&
                    (k < 2 || h->cfg.internals >= 313);
         k++) {
        gc__weakref_unlink(h, head);
        head = gc__wr_head(h, id);
    }
    if (!head)
        return 0;
    int count = 0;
    for (GcId w = head; w; w = WR_NEXT(gc__o(h, w)))
        count++;
    if (count == 1 && h->cfg.internals < 313) {
        gc__weakref_unlink(h, head);
        if (GC_VAL_TAG(GC_WR_CALLBACK(gc__o(h, head))) != GC_V_FUNC || gc__o(h, head)->refcnt <= 0)
            return 0;
        /* handle_callback: the callback is called with the weakref. */
        gc_incref(h, GC_VAL_OBJ(head));
        if (gc__call_weakref_cb(h, head, id, GC_WR_CALLBACK(gc__o(h, head)), 0) < 0)
            return -1;
        return gc_decref(h, GC_VAL_OBJ(head));
    }
    /* Several weakrefs: CPython builds a tuple (ref, callback, ...), clears
     * them all, then calls the callbacks in order, then drops the tuple. */
    GcId t = gc_new(h, GC_KIND_TUPLE, 2 * count);
    if (!t)
        return -1;
    for (int i = 0; i < count; i++) {
        GcId w = gc__wr_head(h, id);
        GcValue wv = GC_UNBOUND, cb = GC_UNBOUND;
        if (gc__o(h, w)->refcnt > 0) {
            gc_incref(h, GC_VAL_OBJ(w));
            wv = GC_VAL_OBJ(w);
            if (GC_VAL_TAG(GC_WR_CALLBACK(gc__o(h, w))) == GC_V_FUNC)
                cb = GC_WR_CALLBACK(gc__o(h, w));
        }
        gc_slot_set(h, t, (uint32_t)(2 * i), 0, wv);
        gc_slot_set(h, t, (uint32_t)(2 * i + 1), 0, cb);
        gc__weakref_unlink(h, w);
    }
    for (int i = 0; i < count; i++) {
        const GcObject *to = gc__o(h, t);
        GcValue cb = gc__slot(to, (uint32_t)(2 * i + 1)).val;
        if (GC_VAL_TAG(cb) != GC_V_FUNC)
            continue;
        if (gc__call_weakref_cb(h, GC_VAL_ID(gc__slot(to, (uint32_t)(2 * i)).val), id, cb, 0) < 0)
            return -1;
    }
    return gc_decref(h, GC_VAL_OBJ(t));
}

/* Returns the slots of id in teardown order: lists and tuples last first. */
static int teardown_reversed(const GcObject *o)
{
    return o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE;
}

/* Instance o's slots in shared-key order, when that is not their own
 * order (its class's instances did not all store their attributes in key
 * order): into t->order (keyed = 1), once per teardown, before its first
 * slot is released. */
static void tear_key_order(const GcHeap *h, const GcObject *o, TearFrame *t)
{
    uint32_t idx[GC_SHARED_KEYS_MAX_SIZE + 2];
    if (gc_nslots(o) > GC_SHARED_KEYS_MAX_SIZE + 2 || gc__attr_order(h, o, idx))
        return;
    for (uint32_t k = 0; k < gc_nslots(o); k++)
        t->order[k] = (uint8_t)idx[k];
    t->keyed = 1;
}

/*
 * The trashcan.  list_dealloc, tupledealloc, dict_dealloc and
 * subtype_dealloc wrap their bodies in Py_TRASHCAN_BEGIN/END (a weakref's
 * dealloc does not).  When the deallocators are nested too deep, BEGIN
 * does not run the body: the object (already untracked, refcount 0) is
 * deposited on the thread's delete_later list, and its body runs when the
 * nesting has fallen back, LIFO.  For subtype_dealloc the deposit comes
 * before __del__, so that finalizer is deferred too.
 *
 * 3.12 (Objects/object.c _PyTrash_begin/_PyTrash_end): BEGIN deposits when
 * delete_nesting >= _PyTrash_UNWIND_LEVEL (50), else increments it; END
 * decrements it and, back at 0 with deposits waiting, destroys them
 * (_PyTrash_thread_destroy_chain runs each body at nesting 1).
 *
 * 3.13 and later (Include/cpython/object.h): the depth is the C recursion
 * budget.  BEGIN deposits when c_recursion_remaining <= Py_TRASHCAN_HEADROOM
 * (50), else takes one unit; END gives it back and destroys the deposits
 * once more than 2 * 50 units remain.  The budget is Py_C_RECURSION_LIMIT
 * (10000); the module's frame takes 2 units and a Python frame called from
 * C (__del__, a weakref callback) 2 more, while it runs.  Measured on
 * 3.13.0: 9947 nested lists free at once, the 9948th list's item is
 * deposited.
 */
#define TRASH_UNWIND_LEVEL 50
#define TRASH_HEADROOM     50
#define C_RECURSION_LIMIT  10000
#define C_UNITS_PY_FRAME   2

static int trash_312(const GcHeap *h)
{
    return h->cfg.python == 312;
}

static int uses_trashcan(const GcObject *o)
{
    return o->kind != GC_KIND_WEAKREF;
}

/* Py_TRASHCAN_BEGIN's test: must this deallocation be deferred? */
static int trash_full(const GcHeap *h)
{
    if (trash_312(h))
        return h->trash_nest >= TRASH_UNWIND_LEVEL;
    return C_RECURSION_LIMIT - h->c_units <= TRASH_HEADROOM;
}

static void trash_enter(GcHeap *h)
{
    if (trash_312(h))
        h->trash_nest++;
    else
        h->c_units++;
}

static int teardown_run(GcHeap *h, GcId root, int from_trash);

/* _PyTrash_thread_destroy_chain: the deposits, last first, each body run
 * one level deeper than where the chain started. */
static int trash_destroy_chain(GcHeap *h)
{
    int rc = 0;
    trash_enter(h);
    while (h->trash.n > 0 && rc == 0) {
        GcId id = h->trash.v[--h->trash.n];
        rc = teardown_run(h, id, 1);
    }
    if (trash_312(h))
        h->trash_nest--;
    else
        h->c_units--;
    return rc;
}

/* Py_TRASHCAN_END. */
static int trash_leave(GcHeap *h)
{
    int destroy;
    if (trash_312(h)) {
        h->trash_nest--;
        destroy = h->trash_nest <= 0;
    } else {
        h->c_units--;
        destroy = C_RECURSION_LIMIT - h->c_units > 2 * TRASH_HEADROOM;
    }
    if (destroy && h->trash.n > 0 && !h->failed)
        return trash_destroy_chain(h);
    return 0;
}

static int host_enter(GcHeap *h)
{
    if (h->failed)
        return -1;
    h->c_units += C_UNITS_PY_FRAME;
    return 0;
}

static int host_leave(GcHeap *h, int r)
{
    h->c_units -= C_UNITS_PY_FRAME;
    /* The host's -1 is an exception it reported as unraisable, or a fatal
     * error; only the latter (h->failed) stops the run. */
    (void)r;
    return h->failed ? -1 : 0;
}

int gc__host_del(GcHeap *h, GcId id)
{
    h->host_calls++;
    if (host_enter(h) < 0)
        return -1;
    int r = h->host.call_del ? h->host.call_del(h->host.ctx, h, id) : 0;
    return host_leave(h, r);
}

int gc__host_weakref_cb(GcHeap *h, GcValue callback, GcId wr)
{
    h->host_calls++;
    if (host_enter(h) < 0)
        return -1;
    int r = h->host.call_weakref_cb ? h->host.call_weakref_cb(h->host.ctx, h, callback, wr) : 0;
    return host_leave(h, r);
}

int gc__call_finalizer(GcHeap *h, GcId id, int from_dealloc)
{
    if (!from_dealloc)
        gc_incref(h, GC_VAL_OBJ(id));
    if (gc__idvec_push(&h->finalized, id) < 0)
        return gc_fail(h, "out of memory");
    gc__event(h, GC_EV_DEL_CALL, id, 0, -1, 0, 0);
    if (from_dealloc) {
        SET_OBJ(h, id, OF_REFCNT, 1);
        gc__inflight_add(h, GC_VAL_OBJ(id));
        gc__set_flags(h, id, GC_F_FINALIZED, 0);
    }
    if (gc__host_del(h, id) < 0)
        return -1;
    gc__event(h, GC_EV_DEL_RETURN, id, 0, -1, 0, 0);
    if (from_dealloc) {
        gc__inflight_del(h, GC_VAL_OBJ(id));
        return 0;
    }
    return gc_decref(h, GC_VAL_OBJ(id));
}

int gc__call_weakref_cb(GcHeap *h, GcId wr, GcId about, GcValue cb, int hold)
{
    gc__event(h, GC_EV_WEAKREF_CALLBACK, wr, about, -1, 0, 0);
    if (hold)
        gc_incref(h, GC_VAL_OBJ(wr));
    if (gc__host_weakref_cb(h, cb, wr) < 0)
        return -1;
    return hold ? gc_decref(h, GC_VAL_OBJ(wr)) : 0;
}

/* Takes id's last entry out of the step's freed list (a __del__ may have
 * freed other objects after id's deallocation began). */
static void freed_forget(GcHeap *h, GcId id)
{
    for (int32_t i = h->freed.n - 1; i >= 0; i--) {
        if (h->freed.v[i] != id)
            continue;
        memmove(h->freed.v + i, h->freed.v + i + 1,
                (size_t)(h->freed.n - i - 1) * sizeof *h->freed.v);
        h->freed.n--;
        return;
    }
}

/*
 * Tears down objects whose count reached zero.  Depth-first in the same
 * order as CPython's recursive deallocators: an object's finalizer and
 * weakref callbacks first, then its children one by one (each child's own
 * teardown completes before the next child is released), then its memory.
 * The recursion is replaced by an explicit stack of (object, next slot);
 * the trashcan's nesting counts its entries (and those of the teardowns
 * further out, when a __del__ started this one).
 */
static int finalize_from_dealloc(GcHeap *h, GcId id)
{
    /* subtype_dealloc step 2: re-track at the tail of gen 0, give it a
     * temporary reference, run __del__ once, and see if it resurrected. */
    GcObject *o = gc__o(h, id);
    if (o->kind != GC_KIND_INSTANCE || !h->classes[o->cls].has_del)
        return 0;
    if (h->cfg.collector != GC_COLLECTOR_MARKSWEEP)
        gc__list_append(h, GC_LIST_GEN0, id);
    if (!(o->flags & GC_F_FINALIZED)) {
        if (gc__call_finalizer(h, id, 1) < 0)
            return -1;
        int64_t rc = gc__o(h, id)->refcnt - 1;
        SET_OBJ(h, id, OF_REFCNT, rc);
        if (rc > 0) {
            gc__event(h, GC_EV_RESURRECTED, id, 0, -1, rc, 0);
            return 1;
        }
    }
    gc__list_remove(h, id);
    return 0;
}

enum { TEAR_FAIL = -1, TEAR_BODY = 0, TEAR_RESURRECTED = 1, TEAR_DEPOSITED = 2 };

/* Py_TRASHCAN_BEGIN deferring id's deallocation. */
static int trash_deposit(GcHeap *h, GcId id)
{
    if (gc__idvec_push(&h->trash, id) < 0)
        return gc_fail(h, "out of memory");
    gc__event(h, GC_EV_TRASH_DEPOSIT, id, 0, -1, h->trash.n, 0);
    return TEAR_DEPOSITED;
}

/* In a lean run, an object whose deallocation has no __del__ to call and
 * no weakref to clear, and is not a weakref (the usual case): its start
 * is the untrack and the trashcan's BEGIN only (begin_teardown). */
static inline int lean_plain(const GcHeap *h, const GcObject *o, GcId id)
{
    if (o->kind == GC_KIND_WEAKREF || (o->kind == GC_KIND_INSTANCE && h->classes[o->cls].has_del))
        return 0;
    return h->wrn == 0 || !gc__wr_head(h, id);
}

/* The start of a deallocator, up to its children: untrack, the trashcan's
 * BEGIN, __del__, weakrefs.  from_trash: the body of a deposited object,
 * called by the trashcan (its deallocation was already counted). */
static GC_NOINLINE int begin_teardown(GcHeap *h, GcId id, int from_trash)
{
    GcObject *o = gc__o(h, id);
    if (!from_trash) {
        if (!h->lean && gc__idvec_push(&h->freed, id) < 0)
            return gc_fail(h, "out of memory");
        gc__event(h, GC_EV_DEALLOC, id, 0, -1, 0, 0);
        gc__list_remove(h, id);
        if (h->failed)
            return TEAR_FAIL;
        if (uses_trashcan(o) && trash_full(h))
            return trash_deposit(h, id);
    } else {
        gc__event(h, GC_EV_TRASH_DESTROY, id, 0, -1, h->trash.n, 0);
    }
    if (uses_trashcan(o))
        trash_enter(h);
    int r = finalize_from_dealloc(h, id);
    if (r < 0)
        return TEAR_FAIL;
    if (r > 0) {
        freed_forget(h, id); /* resurrected: it was not freed after all */
        return trash_leave(h) < 0 ? TEAR_FAIL : TEAR_RESURRECTED;
    }
    if (o->kind == GC_KIND_WEAKREF) {
        gc__weakref_unlink(h, id);
        return h->failed ? TEAR_FAIL : TEAR_BODY;
    }
    if (gc__clear_weakrefs_dealloc(h, id) < 0)
        return TEAR_FAIL;
    return h->failed ? TEAR_FAIL : TEAR_BODY;
}

/* begin_teardown, inline for what a lean run mostly tears down */
static inline int tear_begin(GcHeap *h, GcId id, int from_trash)
{
    GcObject *o = gc__o(h, id);
    if (!h->lean || from_trash || !lean_plain(h, o, id))
        return begin_teardown(h, id, from_trash);
    /* what begin_teardown does for it: untrack, BEGIN (no __del__ to
     * run, no weakref to clear: both would return at once) */
    gc__list_remove(h, id);
    if (h->failed)
        return TEAR_FAIL;
    if (trash_full(h))
        return trash_deposit(h, id);
    trash_enter(h);
    return TEAR_BODY;
}

/* finish_teardown in a lean run (nothing logged, no GcLife): the same
 * writes, and the record goes on the dead stack, linked through its prev
 * (it is untracked); up to the trashcan's END, which finish_lean adds. */
static inline int free_lean(GcHeap *h, GcId id, GcObject *o)
{
    o->state = GC_STATE_FREED;
    h->nlive[o->kind]--;
    int fl = gc__freelist_of((GcKind)o->kind, gc_nslots(o));
    if (fl >= 0 && h->g[fl] < gc__freelist_max(fl))
        h->g[fl]++;
    else if (h->g[GF_COUNT0] > 0)
        h->g[GF_COUNT0]--;
    h->g[GF_FREED]++;
    if (h->failed)
        return -1;
    o->prev = h->dead;
    if (!h->dead)
        h->dead_bottom = id;
    h->dead = id;
    return 0;
}

static inline int finish_lean(GcHeap *h, GcId id, GcObject *o)
{
    if (free_lean(h, id, o) < 0)
        return -1;
    return uses_trashcan(o) ? trash_leave(h) : 0;
}

/* The end of a deallocator: the memory goes (to a free list or back to the
 * allocator, count[0] down), then the trashcan's END (logged; a lean run
 * takes finish_lean, tear_finish picks). */
static GC_NOINLINE int finish_teardown(GcHeap *h, GcId id)
{
    GcObject *o = gc__o(h, id);
    SET_OBJ(h, id, OF_STATE, GC_STATE_FREED);
    gc__life_set(h, id, OF_DIED, h->nevents);
    h->nlive[o->kind]--;
    int fl = gc__freelist_of((GcKind)o->kind, gc_nslots(o));
    if (fl >= 0 && h->g[fl] < gc__freelist_max(fl))
        SET_G(h, fl, h->g[fl] + 1); /* kept on a free list: count[0] unchanged */
    else if (h->g[GF_COUNT0] > 0)
        SET_G(h, GF_COUNT0, h->g[GF_COUNT0] - 1);
    SET_G(h, GF_FREED, h->g[GF_FREED] + 1);
    if (h->failed)
        return -1;
    return uses_trashcan(o) ? trash_leave(h) : 0;
}

static inline int tear_finish(GcHeap *h, GcId id)
{
    return h->lean ? finish_lean(h, id, gc__o(h, id)) : finish_teardown(h, id);
}

/* A teardown whose body releases no slot: a weakref (its slot storage
 * holds its links) or an object with none. */
static int tear_leaf(const GcObject *o)
{
    return o->kind == GC_KIND_WEAKREF || gc_nslots(o) == 0;
}

/* Pushes a teardown frame on the shared worklist. */
static int tear_push(GcHeap *h, GcId id)
{
    if (GC_VEC_ROOM(h->tear, h->ntear, h->captear, 64, gc_realloc) < 0)
        return gc_fail(h, "out of memory");
    TearFrame *t = &h->tear[h->ntear++];
    t->id = id;
    t->next = 0;
    t->keyed = 0;
    return 0;
}

static int teardown_run(GcHeap *h, GcId root, int from_trash)
{
    int rc = 0;
    h->busy++;
    int r = tear_begin(h, root, from_trash);
    if (r != TEAR_BODY) {
        h->busy--;
        return r == TEAR_FAIL ? -1 : 0;
    }
    /* This teardown's frames are the entries from base up; a nested one
     * (a __del__ freeing objects) pushes above them and is back to where
     * it started when it returns. */
    int32_t base = h->ntear;
    if (tear_leaf(gc__o(h, root))) {
        rc = tear_finish(h, root) < 0 ? -1 : 0;
        h->busy--;
        return h->failed ? -1 : rc;
    }
    if (tear_push(h, root) < 0) {
        h->busy--;
        return -1;
    }
    while (h->ntear > base) {
        TearFrame *t = &h->tear[h->ntear - 1];
        GcId tid = t->id;
        GcObject *o = gc__o(h, tid);
        uint32_t n = gc_nslots(o);
        if (o->kind == GC_KIND_WEAKREF || t->next >= n) { /* tear_leaf, or all released */
            h->ntear--;
            if (tear_finish(h, tid) < 0) {
                rc = -1;
                break;
            }
            continue;
        }
        if (t->next == 0 && o->kind == GC_KIND_INSTANCE && n > 1 && !h->classkeys[o->cls].ordered)
            tear_key_order(h, o, t);
        uint32_t i = t->keyed               ? t->order[t->next]
                     : teardown_reversed(o) ? n - 1 - t->next
                                            : t->next;
        GcSlot s = gc__slot(o, i);
        GcValue v = s.val;
        /* free_keys_object: a dict's entry releases its key, then (the
         * next time round) its value */
        int key = o->kind == GC_KIND_DICT && GC_VAL_IS_OBJ(s.key);
        if (key)
            v = s.key;
        else
            t->next++;
        if (!GC_VAL_IS_OBJ(v)) {
            gc__slot_write(h, tid, i, s.key, GC_UNBOUND);
            continue;
        }
        GcId c = GC_VAL_ID(v);
        GcObject *co = gc__o(h, c);
        int64_t crc = co->refcnt;
        gc__event(h, GC_EV_DECREF, c, tid, (int32_t)i, crc, crc - 1);
        if (key)
            gc__slot_write(h, tid, i, GC_UNBOUND, s.val);
        else
            gc__slot_write(h, tid, i, s.key, GC_UNBOUND);
        SET_OBJ(h, c, OF_REFCNT, crc - 1);
        if (crc - 1 > 0 || h->cfg.collector == GC_COLLECTOR_MARKSWEEP)
            continue;
        r = tear_begin(h, c, 0);
        if (r == TEAR_FAIL) {
            rc = -1;
            break;
        }
        if (r != TEAR_BODY)
            continue;
        /* a frame with no slot to release would be popped at once */
        if (tear_leaf(gc__o(h, c)) ? tear_finish(h, c) < 0 : tear_push(h, c) < 0) {
            rc = -1;
            break;
        }
    }
    h->ntear = base;
    h->busy--;
    return h->failed ? -1 : rc;
}

/* An instance's attributes, released in slot order (its class's key
 * order, or one attribute), none of them the last reference to its object:
 * each such object holds more references than the instance has slots. */
static inline int releases_no_last(const GcHeap *h, const GcObject *o, uint32_t n)
{
    if (o->kind != GC_KIND_INSTANCE || (n > 1 && !h->classkeys[o->cls].ordered))
        return 0;
    for (uint32_t i = 0; i < n; i++) {
        GcValue v = gc__slot(o, i).val;
        if (GC_VAL_IS_OBJ(v) && gc__o(h, GC_VAL_ID(v))->refcnt <= (int64_t)n)
            return 0;
    }
    return 1;
}

/* A lean run's commonest deallocation is an object with no slot left to
 * release, no __del__ and no weakref (a collection's garbage after its
 * tp_clear): untrack and free, as teardown_run does it.  Its trashcan
 * BEGIN and END, with no deposit waiting and none possible in between,
 * change nothing (the nesting goes up and back; END destroys nothing).
 * And the same for an instance whose slots release no last reference (the
 * garbage of a list, the second of a 2-cycle): teardown_run's writes,
 * with no frame on the worklist, since no child's teardown can come in
 * between. */
int gc__dealloc(GcHeap *h, GcId root)
{
    GcObject *o = gc__o(h, root);
    uint32_t n = gc_nslots(o);
    if (!h->lean || h->failed || h->trash.n != 0 || !lean_plain(h, o, root) || trash_full(h) ||
        !(tear_leaf(o) || releases_no_last(h, o, n)))
        return teardown_run(h, root, 0);
    gc__list_remove(h, root);
    for (uint32_t i = 0; i < n; i++) { /* none for a leaf */
        GcSlot s = gc__slot(o, i);
        gc__slot_write(h, root, i, s.key, GC_UNBOUND);
        if (GC_VAL_IS_OBJ(s.val))
            gc__o(h, GC_VAL_ID(s.val))->refcnt--;
    }
    return free_lean(h, root, o);
}

/* delete_garbage (gc_collect.c) on the heads of list l in a lean run,
 * for as long as each is a plain instance that its tp_clear and the
 * decref after it free: no __del__ and no weakref in the heap (ndel,
 * wrn), its one attribute inline, and held by itself alone (a self-cycle)
 * or by the other half of a 2-cycle alone, a plain instance held by it
 * alone, which its tp_clear frees first (gc__dealloc's short path).  For
 * each, the writes of clear_instance_lean, of the other half's
 * deallocation, of the decref and of gc__dealloc_head, in that order;
 * a record's first word in one store (GC_HDR_MASK).  The list's head and
 * the heap's counters are kept in locals until the first head that is
 * not one (or the end): a freed head's prev is the dead stack's link, so
 * only the last head's is written.  Returns how many heads it freed. */
int64_t gc__delete_plain_heads(GcHeap *h, GcListId l)
{
    GC_ASSERT(h->lean);
    if (h->ndel || h->wrn || h->failed || h->trash.n != 0 || trash_full(h))
        return 0;
    /* an instance with its one slot inline; and what freeing one changes */
    const uint64_t shape = GC_HDR_KIND | GC_HDR_NSLOTS1,
                   plain = gc__hdr_put(GC_HDR_KIND, GC_KIND_INSTANCE) | GC_HDR_NSLOTS1,
                   freed_state = gc__hdr_put(GC_HDR_STATE, GC_STATE_FREED);
    GcObject *objs = h->objs;
    GcId id = (GcId)h->g[GF_LFIRST(l)], dead = h->dead, bottom = h->dead_bottom;
    int64_t k = 0, halves = 0;
    while (id) {
        GcObject *o = &objs[id];
        uint64_t w = o->hdr;
        GcValue v = o->s_.one;
        if ((w & shape) != plain || !GC_VAL_IS_OBJ(v) || o->refcnt != 1)
            break; /* (an object value is no block's address) */
        GcId cid = GC_VAL_ID(v);
        GC_ASSERT(h->ltag[o->list] == l && o->state == GC_STATE_ALIVE);
        if (cid != id) { /* the other half's deallocation, first */
            GcObject *c = &objs[cid];
            uint64_t cw = c->hdr;
            if ((cw & shape) != plain || c->s_.one != GC_VAL_OBJ(id) || c->refcnt != 1)
                break;
            GC_ASSERT(h->ltag[c->list] == l && c->prev); /* after the head */
            gc__list_unlink_run(h, l, cid, cid, 1, (GcId)h->g[GF_SU_PREV] == cid);
            c->hdr = (cw & ~(GC_HDR_PREV | GC_HDR_NEXT | GC_HDR_STATE)) |
                     gc__hdr_put(GC_HDR_PREV, (uint64_t)dead) | freed_state;
            c->refcnt = 0;
            c->list = GC_LIST_NONE;
            c->s_.one = GC_UNBOUND; /* its key stays, as gc__dealloc leaves it */
            bottom = dead ? bottom : cid;
            dead = cid;
            halves++;
            w = o->hdr; /* its next may be c's next now */
        }
        if ((GcId)h->g[GF_SU_PREV] == id) /* gc__list_unlink_head */
            h->g[GF_SU_PREV] = 0;
        /* clear_instance_lean (slot, key, count, GC_F_DICT), free_lean */
        o->hdr = (w & ~(GC_HDR_PREV | GC_HDR_STATE | GC_HDR_FLAG(GC_F_DICT) | GC_HDR_NSLOTS1)) |
                 gc__hdr_put(GC_HDR_PREV, (uint64_t)dead) | freed_state;
        o->refcnt = 0;
        o->list = GC_LIST_NONE;
        o->key0 = 0;
        o->s_.one = GC_UNBOUND;
        bottom = dead ? bottom : id;
        dead = id;
        k++;
        id = (GcId)gc__hdr_get(w, GC_HDR_NEXT);
    }
    if (k == 0)
        return 0;
    h->g[GF_LFIRST(l)] = id;
    if (id)
        objs[id].prev = 0;
    else
        h->g[GF_LLAST(l)] = 0;
    int64_t freed = k + halves;
    h->g[GF_LLEN(l)] -= k; /* the halves' unlinks counted theirs */
    h->dead = dead;
    h->dead_bottom = bottom;
    h->nlive[GC_KIND_INSTANCE] -= freed; /* free_lean's counts: instances have no free list */
    h->g[GF_COUNT0] = h->g[GF_COUNT0] > freed ? h->g[GF_COUNT0] - freed : 0;
    h->g[GF_FREED] += freed;
    return k;
}

/* gc__dealloc of id, in list l (delete_garbage's head): the leaf's
 * untrack needs no lookup of its list. */
int gc__dealloc_head(GcHeap *h, GcListId l, GcId id)
{
    GcObject *o = gc__o(h, id);
    GC_ASSERT(h->lean);
    if (h->failed || h->trash.n != 0 || !tear_leaf(o) || !lean_plain(h, o, id) || trash_full(h))
        return gc__dealloc(h, id);
    GC_ASSERT((GcId)h->g[GF_LFIRST(l)] == id && h->ltag[o->list] == l);
    gc__list_unlink_head(h, l, id);
    int rc = free_lean(h, id, o); /* it links o->prev */
    /* Untracked after free_lean: a byte store just before its load of
     * the record's first word stalled that load while `list` was in it
     * (the 40-byte record); next stays: nothing reads a freed record's. */
    o->list = GC_LIST_NONE;
    return rc;
}
