/*
 * gc_collect.c: the cycle collector of CPython 3.12 (gcmodule.c's
 * gc_collect_main), phase by phase, on the simulated lists; plus the
 * generation choice for automatic collections, the mark-sweep collector
 * and the refcount-only collector's leak detection.
 *
 * Start reading at gc__collect_main.  Its steps follow CPYTHON_GC.md 1.5:
 *   0. start: count[g+1]++, count[0..g] = 0
 *   1. merge the younger generations at the tail of young
 *   2. deduce_unreachable: update_refs, subtract_refs, move_unreachable
 *   3. untrack_tuples; 4. promote survivors (untrack_dicts in full ones)
 *   5. legacy finalizers (never for Python classes)
 *   6. handle_weakrefs; 7. finalize_garbage; 8. handle_resurrected_objects
 *   9. delete_garbage (tp_clear and the cascades); 10. statistics
 * Contracts: returns m + n exactly as gc.collect() does; every survivor
 * ends in `old`; objects moved to the unreachable list and back change
 * order exactly as in CPython, since lists are appended at the tail.
 */
#include <string.h>
#include <time.h>

#include "gc_internal.h"

/* The phase change is part of its own micro-step: the event comes first,
 * so the state at that cursor shows the new phase. */
static void set_phase(GcHeap *h, GcPhase p)
{
    int32_t ev = gc__event(h, GC_EV_PHASE, 0, 0, -1, p, 0);
    if (ev >= 0)
        h->events[ev].phase = (uint8_t)p;
    SET_G(h, GF_PHASE, p);
}

static int64_t list_len(GcHeap *h, GcListId l)
{
    return h->g[GF_LLEN(l)];
}

/* ---- list tags ----------------------------------------------------------
 *
 * CPython merges two gc lists in O(1); an object here also says which list
 * it is in (gc__list_remove needs the list's head, tail and length, the
 * views show it).  While recording, a merge writes every object's `list`
 * (the history logs each write).  A lean run instead keeps in `list` a tag
 * and maps tags to lists (h->ltag): a merge remaps the tags of `from` to
 * `to` and gives `from` a fresh one; no object is touched.  Tags come back
 * when no object carries them: the first pass of every collection relabels
 * the set it collects with its list's current tag (it writes each object's
 * gc_refs there anyway), and a list's extra tags are free once it is empty.
 * Only if all 254 run out is a list walked to relabel it (the one holding
 * the most tags: the oldest generation, after some hundred younger
 * collections without a full one). */
#define TAG_FREE 0xff
#define TAG_LAST 254

/* The tags of each list and the free ones are also kept as bit sets
 * (tagbits[l], tagfree: bit t of word t / 64), so that a release, a merge
 * and finding a free tag cost the tags involved, not a scan of all 254
 * (four such scans a collection: some 3,000 instructions, as much as the
 * collection of 100 self-cycles). */
static inline void tagset_add(uint64_t *s, int t)
{
    s[t >> 6] |= (uint64_t)1 << (t & 63);
}

void gc__tags_init(GcHeap *h)
{
    memset(h->tagbits, 0, sizeof h->tagbits);
    memset(h->tagfree, 0, sizeof h->tagfree);
    for (int t = 0; t < 256; t++)
        h->ltag[t] = t < GC_LIST_COUNT ? (uint8_t)t : TAG_FREE;
    for (int t = 1; t <= TAG_LAST; t++)
        tagset_add(t < GC_LIST_COUNT ? h->tagbits[t] : h->tagfree, t);
    for (int l = 0; l < GC_LIST_COUNT; l++)
        h->lcur[l] = (uint8_t)l;
}

/* ltag[t] = to for every tag t of set s. */
static void tags_point(GcHeap *h, const uint64_t *s, uint8_t to)
{
    for (int w = 0; w < 4; w++)
        for (uint64_t m = s[w]; m; m &= m - 1)
            h->ltag[w * 64 + __builtin_ctzll(m)] = to;
}

/* List l's tags other than its current one are carried by no object. */
static void tags_release(GcHeap *h, GcListId l)
{
    uint64_t rel[4], *mine = h->tagbits[l];
    int cur = h->lcur[l];
    for (int w = 0; w < 4; w++) {
        rel[w] = mine[w] & ~(w == cur >> 6 ? (uint64_t)1 << (cur & 63) : 0);
        mine[w] &= ~rel[w];
        h->tagfree[w] |= rel[w];
    }
    tags_point(h, rel, TAG_FREE);
}

/* Every object of l gets l's current tag (a walk of l). */
static void tags_relabel(GcHeap *h, GcListId l)
{
    uint8_t tag = h->lcur[l];
    for (GcId id = (GcId)h->g[GF_LFIRST(l)]; id; id = gc__o(h, id)->next)
        gc__o(h, id)->list = tag;
    tags_release(h, l);
}

/* A tag no object carries, now naming list l. */
static uint8_t tag_fresh(GcHeap *h, GcListId l)
{
    for (;;) {
        for (int w = 0; w < 4; w++)
            if (h->tagfree[w]) {
                int t = w * 64 + __builtin_ctzll(h->tagfree[w]); /* the lowest free */
                h->tagfree[w] &= h->tagfree[w] - 1;
                h->ltag[t] = (uint8_t)l;
                tagset_add(h->tagbits[l], t);
                return (uint8_t)t;
            }
        /* none free: each tag names a list (the lengths are up to date) */
        int n[GC_LIST_COUNT] = {0}, emptied = 0, most = GC_LIST_GEN0;
        for (int k = 0; k < GC_LIST_COUNT; k++)
            for (int w = 0; w < 4; w++)
                n[k] += __builtin_popcountll(h->tagbits[k][w]);
        for (int k = 1; k < GC_LIST_COUNT; k++) {
            if (n[k] > 1 && h->g[GF_LLEN(k)] == 0) {
                tags_release(h, (GcListId)k);
                emptied = 1;
            }
            if (n[k] > n[most])
                most = k;
        }
        if (!emptied)
            tags_relabel(h, (GcListId)most);
    }
}

void gc__tags_merge(GcHeap *h, GcListId from, GcListId to)
{
    GC_ASSERT(h->lean);
    tags_point(h, h->tagbits[from], (uint8_t)to);
    for (int w = 0; w < 4; w++) {
        h->tagbits[to][w] |= h->tagbits[from][w];
        h->tagbits[from][w] = 0;
    }
    h->lcur[from] = tag_fresh(h, from);
}

/* gc__list_append and gc__list_remove of a recorded run (gc_internal.h):
 * every write logged. */
GC_NOINLINE void gc__list_append_logged(GcHeap *h, GcListId l, GcId id)
{
    GcId last = (GcId)h->g[GF_LLAST(l)];
    SET_OBJ(h, id, OF_LIST, h->lcur[l]);
    SET_OBJ(h, id, OF_PREV, last);
    SET_OBJ(h, id, OF_NEXT, 0);
    if (last)
        SET_OBJ(h, last, OF_NEXT, id);
    else
        SET_G(h, GF_LFIRST(l), id);
    SET_G(h, GF_LLAST(l), id);
    SET_G(h, GF_LLEN(l), h->g[GF_LLEN(l)] + 1);
}

GC_NOINLINE void gc__list_remove_logged(GcHeap *h, GcId id)
{
    GcObject *o = gc__o(h, id);
    GcListId l = (GcListId)h->ltag[o->list];
    if (l == GC_LIST_NONE)
        return;
    GcId p = o->prev, n = o->next;
    if ((GcId)h->g[GF_SU_PREV] == id)
        SET_G(h, GF_SU_PREV, p);
    if (p)
        SET_OBJ(h, p, OF_NEXT, n);
    else
        SET_G(h, GF_LFIRST(l), n);
    if (n)
        SET_OBJ(h, n, OF_PREV, p);
    else
        SET_G(h, GF_LLAST(l), p);
    SET_G(h, GF_LLEN(l), h->g[GF_LLEN(l)] - 1);
    SET_OBJ(h, id, OF_LIST, GC_LIST_NONE);
    SET_OBJ(h, id, OF_PREV, 0);
    SET_OBJ(h, id, OF_NEXT, 0);
}

/* Makes room for n references in r. */
static int reflist_reserve(GcHeap *h, RefList *r, uint32_t n)
{
    if ((int64_t)n <= r->cap)
        return 0;
    if (n > INT32_MAX || GC_VEC_RESERVE2(r->ids, r->slots, (int32_t)n, r->cap, 16, gc_realloc) < 0)
        return gc_fail(h, "out of memory");
    return 0;
}

int gc__traverse(GcHeap *h, GcId id, RefList *out)
{
    out->n = 0;
    GcObject *o = gc__o(h, id);
    uint32_t n = gc_nslots(o);
    if (o->kind == GC_KIND_WEAKREF || n == 0)
        return 0;
    if (reflist_reserve(h, out, n) < 0)
        return -1;
    uint32_t st;
    const GcValue *v = gc__vals(o, &st);
    GcId *ids = out->ids;
    int32_t *slots = out->slots;
    int32_t m = 0;
    if (o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE) {
        for (uint32_t k = n; k-- > 0;)
            if (GC_VAL_IS_OBJ(v[k * st])) {
                ids[m] = GC_VAL_ID(v[k * st]);
                slots[m++] = (int32_t)k;
            }
    } else {
        uint32_t idx[GC_SHARED_KEYS_MAX_SIZE + 2];
        int plain = o->kind != GC_KIND_INSTANCE || n < 2 || n > GC_SHARED_KEYS_MAX_SIZE + 2 ||
                    h->classkeys[o->cls].ordered || gc__attr_order(h, o, idx);
        int dict = o->kind == GC_KIND_DICT;
        if (dict && reflist_reserve(h, out, 2 * n) < 0)
            return -1;
        ids = out->ids;
        slots = out->slots;
        for (uint32_t k = 0; k < n; k++) {
            uint32_t i = plain ? k : idx[k];
            if (GC_VAL_IS_OBJ(v[i * st])) {
                ids[m] = GC_VAL_ID(v[i * st]);
                slots[m++] = (int32_t)i;
            }
            /* dict_traverse: a general table's key after its value */
            GcValue key = dict ? gc__slot(o, i).key : GC_UNBOUND;
            if (GC_VAL_IS_OBJ(key)) {
                ids[m] = GC_VAL_ID(key);
                slots[m++] = (int32_t)i;
            }
        }
    }
    out->n = m;
    return 0;
}

static int is_collecting(GcHeap *h, GcId id) { return (gc__o(h, id)->flags & GC_F_COLLECTING) != 0; }

static void set_refs(GcHeap *h, GcId id, int64_t v) { SET_OBJ(h, id, OF_GCREFS, v); }

/* update_refs: gc_refs := ob_refcnt, COLLECTING set. */
static void update_refs(GcHeap *h, GcListId l)
{
    for (GcId id = (GcId)h->g[GF_LFIRST(l)]; id; id = gc__o(h, id)->next) {
        int64_t rc = gc__o(h, id)->refcnt;
        gc__event(h, GC_EV_UPDATE_REFS, id, 0, -1, gc__o(h, id)->gc_refs, rc);
        set_refs(h, id, rc);
        gc__set_flags(h, id, GC_F_COLLECTING, 0);
    }
}

/* subtract_refs: for every reference from an object of the set to an
 * object of the set, gc_refs(target) -= 1. */
static int subtract_refs(GcHeap *h, GcListId l, RefList *refs)
{
    for (GcId id = (GcId)h->g[GF_LFIRST(l)]; id; id = gc__o(h, id)->next) {
        if (gc__traverse(h, id, refs) < 0)
            return -1;
        for (int32_t k = 0; k < refs->n; k++) {
            GcId t = refs->ids[k];
            if (!is_collecting(h, t))
                continue;
            int64_t r = gc__o(h, t)->gc_refs;
            gc__event(h, GC_EV_SUBTRACT, t, id, refs->slots[k], r, r - 1);
            set_refs(h, t, r - 1);
        }
    }
    return 0;
}

/* visit_reachable (see gcmodule.c): op reached from a reachable object.
 * An object is in the unreachable list when it has GC_F_UNREACHABLE, or,
 * in a lean run (utag != 0), when it carries that list's tag: the flag is
 * then never set, and no pass has to clear it afterwards. */
static void visit_reachable(GcHeap *h, GcId from, int32_t slot, GcId op, GcListId young,
                            uint8_t utag)
{
    GcObject *o = gc__o(h, op);
    if (!(o->flags & GC_F_COLLECTING))
        return;
    if (utag ? o->list == utag : (o->flags & GC_F_UNREACHABLE) != 0) {
        gc__event(h, GC_EV_MOVE_BACK, op, from, slot, o->gc_refs, 1);
        gc__list_remove(h, op);
        if (!utag)
            gc__set_flags(h, op, 0, GC_F_UNREACHABLE);
        gc__list_append(h, young, op);
        set_refs(h, op, 1);
    } else if (o->gc_refs == 0) {
        gc__event(h, GC_EV_VISIT_REACHABLE, op, from, slot, 0, 1);
        set_refs(h, op, 1);
    }
}

/* tp_traverse(gc, visit_reachable): gc__traverse's order, read in place
 * (visiting moves list links only, never gc's slots). */
static void visit_all_reachable(GcHeap *h, GcId gc, GcListId young, uint8_t utag)
{
    GcObject *o = gc__o(h, gc);
    uint32_t n = gc_nslots(o);
    if (o->kind == GC_KIND_WEAKREF || n == 0)
        return;
    uint32_t st;
    const GcValue *v = gc__vals(o, &st);
    if (o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE) {
        for (uint32_t k = n; k-- > 0;)
            if (GC_VAL_IS_OBJ(v[k * st]))
                visit_reachable(h, gc, (int32_t)k, GC_VAL_ID(v[k * st]), young, utag);
        return;
    }
    uint32_t idx[GC_SHARED_KEYS_MAX_SIZE + 2];
    int plain = o->kind != GC_KIND_INSTANCE || n < 2 || n > GC_SHARED_KEYS_MAX_SIZE + 2 ||
                h->classkeys[o->cls].ordered || gc__attr_order(h, o, idx);
    int dict = o->kind == GC_KIND_DICT;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t i = plain ? k : idx[k];
        if (GC_VAL_IS_OBJ(v[i * st]))
            visit_reachable(h, gc, (int32_t)i, GC_VAL_ID(v[i * st]), young, utag);
        GcValue key = dict ? gc__slot(o, i).key : GC_UNBOUND; /* after its value */
        if (GC_VAL_IS_OBJ(key))
            visit_reachable(h, gc, (int32_t)i, GC_VAL_ID(key), young, utag);
    }
}

/* move_unreachable: one forward scan of young.  Objects with gc_refs > 0
 * are reachable; they make what they reference reachable (moving it back
 * from unreachable to the tail of young if needed).  Objects with
 * gc_refs == 0 are moved, tentatively, to unreachable.  Returns 1.  A
 * lean run takes move_unreachable_lean instead (deduce_unreachable). */
static int move_unreachable(GcHeap *h, GcListId young, GcListId unreachable)
{
    GC_ASSERT(!h->lean);
    GcId gc = (GcId)h->g[GF_LFIRST(young)];
    while (gc) {
        GcObject *o = gc__o(h, gc);
        SET_G(h, GF_SCAN, gc);
        if (o->gc_refs > 0) {
            gc__event(h, GC_EV_SCAN_REACHABLE, gc, 0, -1, o->gc_refs, 0);
            visit_all_reachable(h, gc, young, 0);
            gc__set_flags(h, gc, 0, GC_F_COLLECTING);
            gc = gc__o(h, gc)->next; /* read after the traversal */
        } else {
            GcId next = o->next;
            gc__event(h, GC_EV_MOVE_UNREACHABLE, gc, 0, -1, 0, 0);
            gc__list_remove(h, gc);
            gc__list_append(h, unreachable, gc);
            gc__set_flags(h, gc, GC_F_UNREACHABLE, 0);
            gc = next;
        }
    }
    SET_G(h, GF_SCAN, 0);
    return 1;
}

/* Moves the run first..last (n objects, in order, of list `from`) to the
 * tail of list `to`, as moving them one by one does: the links inside the
 * run stay, and the start-up heap's place, when after one of them
 * (su_in), moves to the object before the run. */
static void run_move(GcHeap *h, GcListId from, GcListId to, GcId first, GcId last, int64_t n,
                     int su_in)
{
    gc__list_unlink_run(h, from, first, last, n, su_in);
    gc__list_link_run(h, to, first, last, n);
}

/* An object moved to unreachable that may give handle_weakrefs or
 * finalize_garbage work: a weakref, one with weakrefs to it, one whose
 * __del__ has not run. */
static inline int gives_work(const GcHeap *h, GcId id, const GcObject *o)
{
    return gc__wr_head(h, id) || o->kind == GC_KIND_WEAKREF ||
           (o->kind == GC_KIND_INSTANCE && !(o->flags & GC_F_FINALIZED) &&
            h->classes[o->cls].has_del);
}

/* move_unreachable in a lean run: the same end state, but the objects
 * found unreachable one after the other in young move to unreachable as
 * one run (run_move) when the scan meets a reachable object or the end,
 * before that object's traversal can move any of them back: a 2-cycle or
 * self-cycle of garbage costs a tag write, not an unlink and a link.
 * all: every object of young has gc_refs 0 or less (then, with no
 * weakref and no __del__ anywhere, the whole list moves in O(1)).  It
 * knows the unreachable list's members by their tag (visit_reachable) and
 * returns whether one of the objects it moved there may give
 * handle_weakrefs or finalize_garbage work (a weakref in the set or to
 * it, a __del__ not run yet). */
static int move_unreachable_lean(GcHeap *h, GcListId young, GcListId unreachable, int all)
{
    uint8_t utag = h->lcur[unreachable];
    /* no weakref and no __del__ anywhere: no object can give work */
    int work = 0, none = h->nlive[GC_KIND_WEAKREF] == 0 && h->ndel == 0;
    if (all && none && list_len(h, young) && !list_len(h, unreachable)) {
        /* Every object unreachable: the run is the whole list, and the tag
         * they all carry (update_subtract_refs_unrecorded) now names
         * unreachable: no object is touched. */
        for (int k = 0; k < 3; k++) {
            h->g[GF_LISTS + unreachable * 3 + k] = h->g[GF_LISTS + young * 3 + k];
            h->g[GF_LISTS + young * 3 + k] = 0;
        }
        if (h->g[GF_SU_LIST] == young) /* the run's su_in: after the run's predecessor, none */
            h->g[GF_SU_PREV] = 0;
        gc__tags_merge(h, young, unreachable);
        h->g[GF_SCAN] = 0;
        return 0;
    }
    GcObject *objs = h->objs;
    GcId su = (GcId)h->g[GF_SU_PREV];
    GcId gc = (GcId)h->g[GF_LFIRST(young)];
    while (gc) {
        GcObject *o = &objs[gc];
        if (o->gc_refs <= 0) { /* not > 0, as move_unreachable asks: a run of them */
            GcId first = gc, last;
            int64_t n = 0;
            int su_in = 0;
            do {
                o->list = utag;
                if (!none && !work)
                    work = gives_work(h, gc, o);
                su_in |= gc == su;
                n++;
                last = gc;
                gc = o->next;
            } while (gc && (o = &objs[gc])->gc_refs <= 0);
            run_move(h, young, unreachable, first, last, n, su_in);
            if (!gc)
                break;
        }
        visit_all_reachable(h, gc, young, utag);
        o->flags &= ~GC_F_COLLECTING;
        gc = o->next; /* read after the traversal */
        /* a move back from unreachable may have moved the start-up place */
        su = (GcId)h->g[GF_SU_PREV];
    }
    h->g[GF_SCAN] = 0;
    return work;
}

/* A reference from the set to t (update_subtract_refs_unrecorded): 1
 * when t's gc_refs is now 0 or less and was not before (it only goes
 * down once set, so each object of the set counts once, at most). */
static inline int64_t subtract_one(const uint8_t *ltag, GcListId l, GcObject *t)
{
    uint64_t w = t->hdr;
    if (w & GC_HDR_FLAG(GC_F_COLLECTING))
        return --t->gc_refs == 0;
    if (ltag[t->list] != l)
        return 0;
    t->gc_refs = t->refcnt - 1;
    t->hdr = w | GC_HDR_FLAG(GC_F_COLLECTING);
    return t->gc_refs <= 0;
}

/* update_refs and subtract_refs in one walk, for a run nobody records
 * (no events, no write log: only the end state counts).  Each object of
 * the set gets gc_refs := ob_refcnt and COLLECTING when first touched,
 * as itself or as a referent in the set (its list is l); every reference
 * between two objects of the set then takes one off.  The end state is
 * the two passes' exactly, given that no object of the set is COLLECTING
 * before (every pass that sets the flag clears it on the way out).
 * Returns how many objects of the set end with gc_refs 0 or less (all
 * of them: move_unreachable_lean moves the whole list at once). */
static int64_t update_subtract_refs_unrecorded(GcHeap *h, GcListId l)
{
#ifdef GCVIZ_CHECKED
    for (GcId id = (GcId)h->g[GF_LFIRST(l)]; id; id = gc__o(h, id)->next)
        GC_ASSERT(!(gc__o(h, id)->flags & GC_F_COLLECTING));
#endif
    const uint8_t *ltag = h->ltag;
    uint8_t tag = h->lcur[l];
    GcObject *objs = h->objs;
    int64_t zero = 0;
    const uint64_t weakref = gc__hdr_put(GC_HDR_KIND, GC_KIND_WEAKREF);
    for (GcId id = (GcId)h->g[GF_LFIRST(l)]; id;) {
        GcObject *o = &objs[id];
        uint64_t w = o->hdr; /* read and written whole (see GC_HDR_MASK) */
        id = (GcId)gc__hdr_get(w, GC_HDR_NEXT);
        o->list = tag; /* lean: one tag for the set (see "list tags") */
        if (!(w & GC_HDR_FLAG(GC_F_COLLECTING))) {
            o->gc_refs = o->refcnt;
            o->hdr = w | GC_HDR_FLAG(GC_F_COLLECTING);
            zero += o->refcnt <= 0;
        }
        uint64_t one = o->s_.blk;
        if ((one & 15u) < GC_BLK_VALS_TAG) { /* its one inline slot, if any */
            if ((w & GC_HDR_NSLOTS1) && GC_VAL_IS_OBJ(one) && (w & GC_HDR_KIND) != weakref)
                zero += subtract_one(ltag, l, &objs[GC_VAL_ID(one)]);
            continue;
        }
        if ((w & GC_HDR_KIND) == weakref)
            continue;
        uint32_t st, n = gc_nslots(o);
        const GcValue *v = gc__vals(o, &st);
        for (uint32_t k = 0; k < n; k++)
            if (GC_VAL_IS_OBJ(v[k * st]))
                zero += subtract_one(ltag, l, &objs[GC_VAL_ID(v[k * st])]);
        if (h->objkeys && o->kind == GC_KIND_DICT) /* keys that are objects */
            for (uint32_t k = 0; k < n; k++) {
                GcValue key = gc__slot(o, k).key;
                if (GC_VAL_IS_OBJ(key))
                    zero += subtract_one(ltag, l, &objs[GC_VAL_ID(key)]);
            }
    }
    if (h->lean)
        tags_release(h, l);
    return zero;
}

/* The three passes; `phases` is 0 when they run again inside
 * handle_resurrected_objects, which keeps its own phase.  Returns -1 on
 * failure, else move_unreachable's answer. */
static int deduce_unreachable(GcHeap *h, GcListId base, GcListId unreachable, RefList *refs,
                              int phases)
{
    if (!h->record) {
        int64_t zero = update_subtract_refs_unrecorded(h, base);
        if (h->lean)
            return move_unreachable_lean(h, base, unreachable, zero == list_len(h, base));
        return move_unreachable(h, base, unreachable);
    }
    if (phases)
        set_phase(h, GC_PHASE_UPDATE_REFS);
    update_refs(h, base);
    if (phases)
        set_phase(h, GC_PHASE_SUBTRACT_REFS);
    if (subtract_refs(h, base, refs) < 0)
        return -1;
    if (phases)
        set_phase(h, GC_PHASE_MOVE_UNREACHABLE);
    return move_unreachable(h, base, unreachable);
}

/* _PyTuple_MaybeUntrack's and _PyDict_MaybeUntrack's test: no item (and
 * no key of a dict) may be tracked. */
static int all_untracked(GcHeap *h, GcId id)
{
    GcObject *o = gc__o(h, id);
    for (uint32_t i = 0; i < gc_nslots(o); i++) {
        GcSlot s = gc__slot(gc__o(h, id), i);
        if (gc_may_be_tracked(h, s.val) || (o->kind == GC_KIND_DICT && gc_may_be_tracked(h, s.key)))
            return 0;
    }
    return 1;
}

static void untrack_kind(GcHeap *h, GcListId l, GcKind kind)
{
    if (h->lean && h->nlive[kind] == 0)
        return; /* nothing of that kind anywhere (a lean run never rewinds its counts) */
    GcId id = (GcId)h->g[GF_LFIRST(l)];
    while (id) {
        GcId next = gc__o(h, id)->next;
        if (gc__o(h, id)->kind == kind && all_untracked(h, id)) {
            gc__event(h, GC_EV_UNTRACK, id, 0, -1, 0, 0);
            gc__list_remove(h, id);
            gc__set_flags(h, id, 0, GC_F_COLLECTING);
        }
        id = next;
    }
}

static void gc_list_move(GcHeap *h, GcId id, GcListId to)
{
    gc__list_remove(h, id);
    gc__list_append(h, to, id);
}

/* handle_weakrefs (3.12): clear every weakref to an unreachable object;
 * call the callbacks of weakrefs that are not themselves trash.  3.15
 * (handle_weakref_callbacks, GH-135552) clears here only the weakrefs with
 * a callback; clear_weakrefs clears the others, and the weakrefs in the
 * unreachable set, after the finalizers (a plain weakref.ref to garbage
 * still answers while __del__ methods run). */
static int64_t handle_weakrefs(GcHeap *h, GcListId unreachable, GcListId old)
{
    int64_t freed = 0;
    int late = h->cfg.python >= 315;
    for (GcId id = (GcId)h->g[GF_LFIRST(unreachable)]; id;) {
        GcId next = gc__o(h, id)->next;
        if (!late && gc__o(h, id)->kind == GC_KIND_WEAKREF)
            gc__weakref_unlink(h, id);
        for (GcId wr = gc__wr_head(h, id), next_wr; wr; wr = next_wr) {
            next_wr = WR_NEXT(gc__o(h, wr));
            int has_cb = GC_VAL_TAG(GC_WR_CALLBACK(gc__o(h, wr))) == GC_V_FUNC;
            if (late && !has_cb)
                continue;
            gc__weakref_unlink(h, wr);
            if (!has_cb || is_collecting(h, wr))
                continue;
            gc_incref(h, GC_VAL_OBJ(wr));
            gc_list_move(h, wr, GC_LIST_WRCB);
        }
        id = next;
    }
    while (h->g[GF_LFIRST(GC_LIST_WRCB)]) {
        GcId wr = (GcId)h->g[GF_LFIRST(GC_LIST_WRCB)];
        if (gc__call_weakref_cb(h, wr, 0, GC_WR_CALLBACK(gc__o(h, wr)), 0) < 0)
            return -1;
        if (gc_decref(h, GC_VAL_OBJ(wr)) < 0)
            return -1;
        if (h->g[GF_LFIRST(GC_LIST_WRCB)] == wr)
            gc_list_move(h, wr, old);
        else
            freed++;
    }
    return freed;
}

/* clear_weakrefs (3.15): after the finalizers and the resurrection check,
 * clear the weakrefs in the final unreachable set and every weakref to it
 * (their callbacks, if any, never run). */
static void clear_weakrefs(GcHeap *h, GcListId unreachable)
{
    for (GcId id = (GcId)h->g[GF_LFIRST(unreachable)]; id; id = gc__o(h, id)->next) {
        if (gc__o(h, id)->kind == GC_KIND_WEAKREF)
            gc__weakref_unlink(h, id);
        while (gc__wr_head(h, id))
            gc__weakref_unlink(h, gc__wr_head(h, id));
    }
}

/* finalize_garbage: call __del__ once per object (PEP 442), taking the
 * head each time, since finalizers can free objects of the list. */
static int finalize_garbage(GcHeap *h, GcListId collectable)
{
    while (h->g[GF_LFIRST(collectable)]) {
        GcId id = (GcId)h->g[GF_LFIRST(collectable)];
        gc_list_move(h, id, GC_LIST_SEEN);
        GcObject *o = gc__o(h, id);
        if (o->kind == GC_KIND_INSTANCE && !(o->flags & GC_F_FINALIZED) &&
            h->classes[o->cls].has_del) {
            gc__set_flags(h, id, GC_F_FINALIZED, 0);
            gc__event(h, GC_EV_FINALIZE, id, 0, -1, 0, 0);
            if (gc__call_finalizer(h, id, 0) < 0)
                return -1;
        }
    }
    gc__list_merge(h, GC_LIST_SEEN, collectable);
    return 0;
}

/* After an instance's tp_clear released its attributes: the ones stored
 * again meanwhile (by a __del__ or a callback) close up, the rest of its
 * slots go, keys too. */
static void instance_compact(GcHeap *h, GcId id)
{
    GcObject *o = gc__o(h, id);
    uint32_t w = 0, had = gc_nslots(o);
    for (uint32_t i = 0; i < had; i++) {
        GcSlot s = gc__slot(o, i);
        if (s.val != GC_UNBOUND) {
            if (w != i)
                gc__slot_write(h, id, w, s.key, s.val);
            w++;
        }
    }
    for (uint32_t i = w; i < had; i++)
        gc__slot_write(h, id, i, GC_UNBOUND, GC_UNBOUND);
    if (w != had && h->lean)
        gc__nslots_put(o, w); /* SET_OBJ's write, inline */
    else if (w != had)
        SET_OBJ(h, id, OF_NSLOTS, w);
}

/* An instance's tp_clear in a lean run, its attributes in slot order (the
 * usual case): tp_clear's writes, unlogged, gc_decref's lean path inline;
 * when no __del__ or callback ran (nothing stored into o since), the
 * compaction's end state is every slot empty. */
static inline int clear_instance_lean(GcHeap *h, GcId id, GcObject *o, uint32_t n)
{
    int64_t calls = h->host_calls;
    for (uint32_t i = 0; i < n; i++) {
        GcValue v = gc__slot(o, i).val;
        if (v == GC_UNBOUND)
            continue;
        gc__slot_val_put(o, i, GC_UNBOUND);
        if (!GC_VAL_IS_OBJ(v))
            continue;
        GcId c = GC_VAL_ID(v);
        GC_ASSERT(gc__o(h, c)->state == GC_STATE_ALIVE && gc__o(h, c)->refcnt > 0);
        if (--gc__o(h, c)->refcnt == 0 && gc__dealloc(h, c) < 0)
            return -1;
    }
    if (o->flags & GC_F_DICT) /* no byte store the state's word load would wait for */
        o->flags &= ~GC_F_DICT;
    GC_ASSERT(o->state == GC_STATE_ALIVE); /* delete_garbage holds it */
    if (h->host_calls != calls) {
        instance_compact(h, id);
        return 0;
    }
    for (uint32_t i = 0; i < n; i++)
        gc__slot_put(o, i, GC_UNBOUND, GC_UNBOUND);
    gc__nslots_put(o, 0);
    return 0;
}

/* tp_clear of each type: drop the object's references.  Lists and dicts
 * are emptied first and then release their items (lists last first);
 * instances clear their attributes in key order; tuples have no
 * tp_clear. */
static int tp_clear(GcHeap *h, GcId id)
{
    GcObject *o = gc__o(h, id);
    if (o->kind == GC_KIND_TUPLE)
        return 0;
    if (o->kind == GC_KIND_WEAKREF) {
        gc__weakref_unlink(h, id);
        return 0;
    }
    uint32_t n = gc_nslots(o);
    if (n == 0)
        return 0;
    if (o->kind == GC_KIND_INSTANCE) {
        if (h->lean && (n < 2 || h->classkeys[o->cls].ordered))
            return clear_instance_lean(h, id, o, n);
        /* Py_CLEAR each attribute in turn, in shared-key order (plain: the
         * slots' own order, the usual case, found without a call) */
        uint32_t small[32], *idx = small;
        int plain = n < 2 || h->classkeys[o->cls].ordered;
        if (!plain && n > 32 && !(idx = gc_malloc(n * sizeof *idx)))
            return gc_fail(h, "out of memory");
        if (!plain)
            plain = gc__attr_order(h, o, idx);
        for (uint32_t k = 0; k < n; k++) {
            uint32_t i = plain ? k : idx[k];
            GcSlot s = gc__slot(gc__o(h, id), i);
            if (s.val == GC_UNBOUND)
                continue;
            gc__slot_write(h, id, i, s.key, GC_UNBOUND);
            gc__inflight_add(h, s.val);
            if (gc_decref(h, s.val) < 0) {
                if (idx != small)
                    gc_free(idx);
                return -1;
            }
        }
        if (idx != small)
            gc_free(idx);
        /* The cleared attributes are gone (a __dict__ too). */
        if (gc__o(h, id)->flags & GC_F_DICT)
            gc__set_flags(h, id, 0, GC_F_DICT);
        if (gc__o(h, id)->state == GC_STATE_ALIVE)
            instance_compact(h, id);
        return 0;
    }
    /* list / dict: make it empty first, then release. */
    if (h->lean && o->kind == GC_KIND_LIST && gc__big(o)) {
        /* Nothing logged (a lean run): the items' block leaves the list,
         * empty now, and is released from there, last item first, then
         * freed, as CPython's list_clear does, instead of copying the
         * values out first (8 bytes an item more at the peak). */
        char *blk = gc__blk(o);
        GcValue *items = (GcValue *)(void *)(blk + GC_BLK_HEAD);
        o->s_.blk = 0;
        o->nslots1 = 0; /* inline now: no slot */
        int rc = 0;
        for (uint32_t k = n; k-- > 0 && rc == 0;)
            rc = gc_decref(h, items[k]);
        gc_free(blk);
        return rc;
    }
    /* a dict releases each entry's key and then its value */
    uint32_t m = o->kind == GC_KIND_DICT ? 2 * n : n;
    GcValue *copy = gc_malloc(m * sizeof *copy);
    if (!copy)
        return gc_fail(h, "out of memory");
    int last_first = o->kind == GC_KIND_LIST;
    int rc = gc_slots_clear(h, id, last_first, copy);
    for (uint32_t k = 0; k < m && rc == 0; k++)
        rc = gc_decref(h, copy[last_first ? m - 1 - k : k]);
    gc_free(copy);
    return rc;
}

/* delete_garbage: tp_clear each object; one that survives goes to old.
 * A lean run frees runs of plain instances in one loop
 * (gc__delete_plain_heads), and for the others takes gc_incref's and
 * gc_decref's lean paths inline, and the deallocation as of the head of
 * the list (gc__dealloc_head). */
static int delete_garbage(GcHeap *h, GcListId collectable, GcListId old)
{
    while (h->g[GF_LFIRST(collectable)]) {
        if (h->lean && gc__delete_plain_heads(h, collectable))
            continue; /* the head now is not one of those (or there is none) */
        GcId id = (GcId)h->g[GF_LFIRST(collectable)];
        if (h->lean) {
            GcObject *o = gc__o(h, id);
            o->refcnt++;
            uint32_t n = gc_nslots(o);
            if (o->kind == GC_KIND_INSTANCE && n && (n < 2 || h->classkeys[o->cls].ordered)
                    ? clear_instance_lean(h, id, o, n) < 0
                    : tp_clear(h, id) < 0)
                return -1;
            if (--o->refcnt == 0 && gc__dealloc_head(h, collectable, id) < 0)
                return -1;
        } else {
            gc__event(h, GC_EV_CLEAR, id, 0, -1, 0, 0);
            gc_incref(h, GC_VAL_OBJ(id));
            if (tp_clear(h, id) < 0)
                return -1;
            if (gc_decref(h, GC_VAL_OBJ(id)) < 0)
                return -1;
        }
        if (h->g[GF_LFIRST(collectable)] == id) {
            gc__event(h, GC_EV_SURVIVE_CLEAR, id, 0, -1, 0, 0);
            gc__set_flags(h, id, 0, GC_F_COLLECTING);
            gc_list_move(h, id, old);
        }
    }
    return 0;
}

/* handle_resurrected_objects when no __del__ and no callback ran since
 * deduce_unreachable (a run nobody records): no count changed, so the
 * second deduce_unreachable would find every object of the set
 * unreachable again (each is referenced from the set only, gc_refs 0)
 * and move them all, in order, to `to` (empty), COLLECTING set and
 * UNREACHABLE clear, as they are now.  The list's hidden objects stay. */
static void take_all_unrecorded(GcHeap *h, GcListId from, GcListId to)
{
    GC_ASSERT(h->g[GF_LLEN(to)] == 0);
#ifdef GCVIZ_CHECKED
    for (GcId id = (GcId)h->g[GF_LFIRST(from)]; id; id = gc__o(h, id)->next)
        GC_ASSERT(gc__o(h, id)->gc_refs == 0 && (gc__o(h, id)->flags & GC_F_COLLECTING) &&
                  !(gc__o(h, id)->flags & GC_F_UNREACHABLE));
#endif
    if (!h->lean)
        for (GcId id = (GcId)h->g[GF_LFIRST(from)]; id; id = gc__o(h, id)->next)
            gc__o(h, id)->list = (uint8_t)to;
    for (int k = 0; k < 3; k++) {
        h->g[GF_LISTS + to * 3 + k] = h->g[GF_LISTS + from * 3 + k];
        h->g[GF_LISTS + from * 3 + k] = 0;
    }
    if (h->lean)
        gc__tags_merge(h, from, to); /* O(1): the objects keep their tags */
}

static void clear_flag_all(GcHeap *h, GcListId l, int flag)
{
    for (GcId id = (GcId)h->g[GF_LFIRST(l)]; id; id = gc__o(h, id)->next)
        gc__set_flags(h, id, 0, flag);
}

static int record_collection(GcHeap *h, int gen, int64_t m, int64_t n, int automatic)
{
    if (GC_VEC_ROOM(h->colls, h->ncolls, h->capcolls, 8, gc_realloc) < 0)
        return gc_fail(h, "out of memory");
    h->colls[h->ncolls++] = (GcCollectionRecord){gen, m, n, automatic};
    return 0;
}

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t collect_main(GcHeap *h, int gen, int automatic);

/* The collection; while it runs, records freed by it are not reused (its
 * passes name objects by id across the finalizers they run). */
int64_t gc__collect_main(GcHeap *h, int gen, int automatic)
{
    h->busy++;
    int64_t r = collect_main(h, gen, automatic);
    h->busy--;
    return r;
}

static int64_t collect_main(GcHeap *h, int gen, int automatic)
{
    int64_t t0 = h->cfg.timing ? now_ns() : 0;
    RefList refs = {0};
    GcListId young = (GcListId)(GC_LIST_GEN0 + gen);
    GcListId old = gen < 2 ? (GcListId)(young + 1) : young;
    int64_t m = 0, n = 0, calls = 0;

    gc__event(h, GC_EV_GC_START, 0, 0, -1, gen, automatic);
    SET_G(h, GF_GEN, gen);
    SET_G(h, GF_AUTO, automatic);
    set_phase(h, GC_PHASE_START);
    if (gen + 1 < 3)
        SET_G(h, GF_COUNT0 + gen + 1, h->g[GF_COUNT0 + gen + 1] + 1);
    for (int i = 0; i <= gen; i++)
        SET_G(h, GF_COUNT0 + i, 0);

    set_phase(h, GC_PHASE_MERGE);
    for (int i = 0; i < gen; i++) {
        if (list_len(h, (GcListId)(GC_LIST_GEN0 + i)) == 0) {
            gc__hidden_move(h, (GcListId)(GC_LIST_GEN0 + i), young);
            continue;
        }
        gc__event(h, GC_EV_MERGE, 0, 0, -1, GC_LIST_GEN0 + i, young);
        gc__list_merge(h, (GcListId)(GC_LIST_GEN0 + i), young);
    }

    int work = deduce_unreachable(h, young, GC_LIST_UNREACHABLE, &refs, 1);
    if (work < 0)
        goto fail;
    calls = h->host_calls;

    set_phase(h, GC_PHASE_UNTRACK_TUPLES);
    untrack_kind(h, young, GC_KIND_TUPLE);

    set_phase(h, GC_PHASE_PROMOTE);
    if (young != old) {
        if (gen == 1)
            SET_G(h, GF_LLP, h->g[GF_LLP] + list_len(h, young) + gc_hidden_in(h, young));
        gc__event(h, GC_EV_PROMOTE, 0, 0, -1, old, list_len(h, young));
        gc__list_merge(h, young, old);
    } else {
        if (h->cfg.python < 314) /* 3.14+ no longer untracks dicts */
            untrack_kind(h, young, GC_KIND_DICT);
        gc__hidden_full_collection(h, young);
        SET_G(h, GF_LLP, 0);
        SET_G(h, GF_LLT, list_len(h, young) + gc_hidden_in(h, young));
        gc__event(h, GC_EV_PROMOTE, 0, 0, -1, old, list_len(h, young));
    }

    /* Python classes have tp_finalize, never tp_del: nothing is moved to
     * the finalizers list; the unreachable mask is cleared. */
    set_phase(h, GC_PHASE_LEGACY_FINALIZERS);
    if (!h->lean) /* a lean run never set it (move_unreachable) */
        clear_flag_all(h, GC_LIST_UNREACHABLE, GC_F_UNREACHABLE);

    /* when neither phase has work, skipping them leaves the same state
     * (finalize_garbage moves each object to `seen` and back: same order) */
    set_phase(h, GC_PHASE_WEAKREFS);
    if (work) {
        int64_t f = handle_weakrefs(h, GC_LIST_UNREACHABLE, old);
        if (f < 0)
            goto fail;
        m += f;
    }

    set_phase(h, GC_PHASE_FINALIZERS);
    if (work && finalize_garbage(h, GC_LIST_UNREACHABLE) < 0)
        goto fail;

    /* handle_resurrected_objects */
    set_phase(h, GC_PHASE_RESURRECTION);
    if (!h->record && h->host_calls == calls) {
        take_all_unrecorded(h, GC_LIST_UNREACHABLE, GC_LIST_FINAL);
    } else {
        clear_flag_all(h, GC_LIST_UNREACHABLE, GC_F_COLLECTING);
        if (deduce_unreachable(h, GC_LIST_UNREACHABLE, GC_LIST_FINAL, &refs, 0) < 0)
            goto fail;
        clear_flag_all(h, GC_LIST_FINAL, GC_F_UNREACHABLE);
        clear_flag_all(h, GC_LIST_UNREACHABLE, GC_F_COLLECTING);
    }
    if (list_len(h, GC_LIST_UNREACHABLE))
        gc__event(h, GC_EV_PROMOTE, 0, 0, -1, old, list_len(h, GC_LIST_UNREACHABLE));
    gc__list_merge(h, GC_LIST_UNREACHABLE, old);

    if (h->cfg.python >= 315)
        clear_weakrefs(h, GC_LIST_FINAL);
    m += list_len(h, GC_LIST_FINAL);
    set_phase(h, GC_PHASE_CLEAR);
    if (delete_garbage(h, GC_LIST_FINAL, old) < 0)
        goto fail;

    set_phase(h, GC_PHASE_DONE);
    if (gen == 2)
        gc__clear_freelists(h); /* clear_freelists() */
    SET_G(h, GF_STATS + gen * 3, h->g[GF_STATS + gen * 3] + 1);
    SET_G(h, GF_STATS + gen * 3 + 1, h->g[GF_STATS + gen * 3 + 1] + m);
    SET_G(h, GF_STATS + gen * 3 + 2, h->g[GF_STATS + gen * 3 + 2] + n);
    record_collection(h, gen, m, n, automatic);
    int32_t end = gc__event(h, GC_EV_GC_END, 0, 0, -1, m, n);
    if (end >= 0)
        h->events[end].phase = GC_PHASE_DONE;
    SET_G(h, GF_PHASE, GC_PHASE_IDLE);
    SET_G(h, GF_GEN, -1);
    SET_G(h, GF_AUTO, 0);
    gc__reflist_free(&refs);
    if (h->cfg.timing)
        h->view.collect_ns += now_ns() - t0;
    return m + n;
fail:
    gc__reflist_free(&refs);
    return -1;
}

/* ---- mark-sweep ----------------------------------------------------- */

/* The roots of mark-sweep and of gc_reachable, each value handed to
 * VISIT (a macro of the caller's): the frames' variables, the
 * temporaries, the in-flight references and the permanent generation. */
#define FOR_EACH_ROOT(h, VISIT)                                                                    \
    do {                                                                                           \
        for (int d_ = 0; d_ < (h)->g[GF_NFRAMES]; d_++)                                            \
            for (uint32_t i_ = 0; i_ < (h)->frames[d_].nvars; i_++)                                \
                VISIT((h)->frames[d_].vars[i_].val);                                               \
        for (int i_ = 0; i_ < gc_temp_count(h); i_++)                                              \
            VISIT((h)->temps[i_]);                                                                 \
        for (int i_ = 0; i_ < gc_inflight_count(h); i_++)                                          \
            VISIT(gc_inflight((h), i_));                                                           \
        for (GcId r_ = (GcId)(h)->g[GF_LFIRST(GC_LIST_PERMANENT)]; r_; r_ = gc__o((h), r_)->next)  \
            VISIT(GC_VAL_OBJ(r_));                                                                 \
    } while (0)

/* Marks everything reachable from the roots; returns -1 on OOM.  The
 * tricolour scheme, one object at a time: white (not reached), grey
 * (reached, on the worklist: GC_F_GREY, a GC_EV_MARK with a = 1), black
 * (its references followed: GC_F_MARKED, a GC_EV_MARK with a = 0).  The
 * worklist is a stack, so marking is depth first and never recursive. */
static int mark_all(GcHeap *h, uint8_t *mark, int events)
{
    IdVec *stack = &h->work;
    stack->n = 0;
    GcId maxid = gc_max_id(h);
    memset(mark, 0, (size_t)maxid + 1);
#define PUSH_VAL(v)                                                                                \
    do {                                                                                           \
        if (GC_VAL_IS_OBJ(v)) {                                                                    \
            GcId id_ = GC_VAL_ID(v);                                                               \
            if (!mark[id_] && gc__o(h, id_)->state == GC_STATE_ALIVE) {                            \
                mark[id_] = 1;                                                                     \
                if (events) {                                                                      \
                    gc__event(h, GC_EV_MARK, id_, 0, -1, 1, 0);                                    \
                    gc__set_flags(h, id_, GC_F_GREY, 0);                                           \
                }                                                                                  \
                if (gc__idvec_push(stack, id_) < 0)                                                \
                    return gc_fail(h, "out of memory");                                            \
            }                                                                                      \
        }                                                                                          \
    } while (0)
    FOR_EACH_ROOT(h, PUSH_VAL);
    while (stack->n > 0) {
        GcId id = stack->v[--stack->n];
        if (events) {
            gc__event(h, GC_EV_MARK, id, 0, -1, 0, 0);
            gc__set_flags(h, id, GC_F_MARKED, GC_F_GREY);
        }
        GcObject *o = gc__o(h, id);
        if (o->kind == GC_KIND_WEAKREF)
            continue;
        for (uint32_t i = 0; i < gc_nslots(gc__o(h, id)); i++) {
            PUSH_VAL(gc__slot(gc__o(h, id), i).val);
            if (o->kind == GC_KIND_DICT)
                PUSH_VAL(gc__slot(gc__o(h, id), i).key);
        }
    }
#undef PUSH_VAL
    return 0;
}

/* mark_all without its events, for gc_reachable, which a window asks at
 * every jump (10^6 objects: 3-10 ms).  The same marks (what is reachable
 * does not depend on the order it is reached in), breadth first: a
 * program's objects are mostly made in the order they are reached from
 * their referrers, so the records are read in the order they lie in
 * memory (a tree of 10^6 nodes built breadth first: 9.2 ms depth first,
 * 6.6 ms so).  The queue has room for every record first (each id is
 * queued once, when marked), and an object's values are read through one
 * pointer (through gc__slot, every store to mark[], bytes that may alias
 * anything, made the compiler read the record and its block's head again
 * at each slot).  0, or -1 when out of memory. */
int gc__reach_mark(GcHeap *h, IdVec *stack, uint8_t *mark)
{
    GcId maxid = gc_max_id(h);
    stack->n = 0;
    if (stack->cap < maxid + 1) {
        GcId *v = gc_realloc(stack->v, ((size_t)maxid + 1) * sizeof *v);
        if (!v)
            return -1;
        stack->v = v;
        stack->cap = maxid + 1;
    }
    GcId *top = stack->v;
    memset(mark, 0, (size_t)maxid + 1);
#define REACH(v)                                                                                   \
    do {                                                                                           \
        GcValue v_ = (v);                                                                          \
        if (GC_VAL_IS_OBJ(v_)) {                                                                   \
            GcId id_ = GC_VAL_ID(v_);                                                              \
            if (!mark[id_] && gc__o(h, id_)->state == GC_STATE_ALIVE) {                            \
                mark[id_] = 1;                                                                     \
                *top++ = id_;                                                                      \
            }                                                                                      \
        }                                                                                          \
    } while (0)
    FOR_EACH_ROOT(h, REACH);
    for (const GcId *next = stack->v; next < top;) {
        GcObject *o = gc__o(h, *next++);
        if (o->kind == GC_KIND_WEAKREF)
            continue;
        uint32_t n = gc_nslots(o), stride;
        const GcValue *vals = gc__vals(o, &stride);
        for (uint32_t i = 0; i < n; i++)
            REACH(vals[(size_t)i * stride]);
        if (h->objkeys && o->kind == GC_KIND_DICT)
            for (uint32_t i = 0; i < n; i++)
                REACH(gc__slot(o, i).key);
    }
#undef REACH
    return 0;
}

void gc_reachable(const GcHeap *ch, uint8_t *out)
{
    GcHeap *h = (GcHeap *)ch; /* uses the scratch stack only */
    int rec = h->record;
    h->record = 0;
    /* near a checkpoint that kept its marks: those and the writes since
     * (a history that stopped recording went on unlogged: not there) */
    if (rec && gc__reach_from_ck(h, out) == 0) {
        h->record = rec;
        return;
    }
    h->rk_whole++;
    if (gc__reach_mark(h, &h->work, out) < 0 && mark_all(h, out, 0) < 0)
        memset(out, 1, (size_t)gc_max_id(h) + 1);
    h->record = rec;
}

static int64_t mark_sweep(GcHeap *h, int automatic)
{
    int64_t t0 = h->cfg.timing ? now_ns() : 0;
    GcId maxid = gc_max_id(h);
    uint8_t *mark = gc_malloc((size_t)maxid + 1);
    if (!mark)
        return gc_fail(h, "out of memory");
    int64_t m = 0;
    gc__event(h, GC_EV_GC_START, 0, 0, -1, 2, automatic);
    SET_G(h, GF_COLLECTING, 1);
    SET_G(h, GF_GEN, 2);
    SET_G(h, GF_AUTO, automatic);
    for (int i = 0; i < 3; i++)
        SET_G(h, GF_COUNT0 + i, 0);
    set_phase(h, GC_PHASE_MARK);
    if (mark_all(h, mark, 1) < 0)
        goto fail;
    /* Finalizers of the garbage, once each; they may resurrect. */
    set_phase(h, GC_PHASE_FINALIZERS);
    int ran = 0;
    for (GcId id = 1; id <= maxid; id++) {
        GcObject *o = gc__o(h, id);
        if (mark[id] || o->state != GC_STATE_ALIVE || o->kind != GC_KIND_INSTANCE ||
            !h->classes[o->cls].has_del || (o->flags & GC_F_FINALIZED))
            continue;
        gc__set_flags(h, id, GC_F_FINALIZED, 0);
        if (gc__call_finalizer(h, id, 0) < 0)
            goto fail;
        ran = 1;
    }
    if (ran) {
        for (GcId id = 1; id <= maxid; id++)
            if (gc__o(h, id)->flags & GC_F_MARKED)
                gc__set_flags(h, id, 0, GC_F_MARKED);
        set_phase(h, GC_PHASE_MARK);
        if (mark_all(h, mark, 1) < 0)
            goto fail;
    }
    set_phase(h, GC_PHASE_SWEEP);
    /* Weakrefs to garbage are cleared; callbacks of live weakrefs run. */
    for (GcId id = 1; id <= maxid; id++) {
        GcObject *o = gc__o(h, id);
        if (mark[id] || o->state != GC_STATE_ALIVE)
            continue;
        while (gc__wr_head(h, id)) {
            GcId wr = gc__wr_head(h, id);
            gc__weakref_unlink(h, wr);
            if (mark[wr] && GC_VAL_TAG(GC_WR_CALLBACK(gc__o(h, wr))) == GC_V_FUNC) {
                if (gc__call_weakref_cb(h, wr, id, GC_WR_CALLBACK(gc__o(h, wr)), 1) < 0)
                    goto fail;
            }
        }
    }
    for (GcId id = 1; id <= maxid; id++) {
        GcObject *o = gc__o(h, id);
        if (mark[id] || o->state != GC_STATE_ALIVE)
            continue;
        if (o->kind == GC_KIND_WEAKREF)
            gc__weakref_unlink(h, id);
        for (uint32_t i = 0; i < gc_nslots(gc__o(h, id)); i++) {
            GcSlot s = gc__slot(gc__o(h, id), i);
            if (o->kind == GC_KIND_DICT && GC_VAL_IS_OBJ(s.key)) { /* the key first */
                gc__slot_write(h, id, i, GC_UNBOUND, s.val);
                gc__inflight_add(h, s.key);
                if (gc_decref(h, s.key) < 0)
                    goto fail;
            }
            if (s.val == GC_UNBOUND)
                continue;
            gc__slot_write(h, id, i, gc__slot(gc__o(h, id), i).key, GC_UNBOUND);
            gc__inflight_add(h, s.val);
            if (gc_decref(h, s.val) < 0)
                goto fail;
        }
    }
    for (GcId id = 1; id <= maxid; id++) {
        GcObject *o = gc__o(h, id);
        if (mark[id] || o->state != GC_STATE_ALIVE)
            continue;
        gc__event(h, GC_EV_SWEEP, id, 0, -1, 0, 0);
        if (gc__idvec_push(&h->freed, id) < 0) {
            gc_fail(h, "out of memory");
            goto fail;
        }
        gc__list_remove(h, id);
        SET_OBJ(h, id, OF_REFCNT, 0);
        SET_OBJ(h, id, OF_STATE, GC_STATE_FREED);
        h->nlive[gc__o(h, id)->kind]--;
        gc__life_set(h, id, OF_DIED, h->nevents);
        SET_G(h, GF_FREED, h->g[GF_FREED] + 1);
        m++;
    }
    for (GcId id = 1; id <= maxid; id++)
        if (gc__o(h, id)->flags & GC_F_MARKED)
            gc__set_flags(h, id, 0, GC_F_MARKED);
    set_phase(h, GC_PHASE_DONE);
    SET_G(h, GF_STATS + 6, h->g[GF_STATS + 6] + 1);
    SET_G(h, GF_STATS + 7, h->g[GF_STATS + 7] + m);
    record_collection(h, 2, m, 0, automatic);
    gc__event(h, GC_EV_GC_END, 0, 0, -1, m, 0);
    SET_G(h, GF_PHASE, GC_PHASE_IDLE);
    SET_G(h, GF_GEN, -1);
    SET_G(h, GF_AUTO, 0);
    SET_G(h, GF_COLLECTING, 0);
    gc_free(mark);
    if (h->cfg.timing)
        h->view.collect_ns += now_ns() - t0;
    return m;
fail:
    gc_free(mark);
    return -1;
}

/* ---- entry points ------------------------------------------------------ */

void gc_set_callbacks(GcHeap *h, int n)
{
    h->ngccb = n;
}

/* gc_collect_with_callback: gc.callbacks' "start", the collection, their
 * "stop" with what it collected (generation_stats[gen]'s growth). */
static int64_t collect_with_callback(GcHeap *h, int gen, int automatic)
{
    if (!h->ngccb || !h->host.call_gc_cb)
        return gc__collect_main(h, gen, automatic);
    h->host_calls++;
    if (h->host.call_gc_cb(h->host.ctx, h, 0, gen, 0, 0) < 0)
        return -1;
    int64_t m0 = h->g[GF_STATS + 3 * gen + 1], n0 = h->g[GF_STATS + 3 * gen + 2];
    int64_t r = gc__collect_main(h, gen, automatic);
    if (r < 0)
        return -1;
    int64_t m = h->g[GF_STATS + 3 * gen + 1] - m0, n = h->g[GF_STATS + 3 * gen + 2] - n0;
    h->host_calls++;
    if (h->ngccb && h->host.call_gc_cb(h->host.ctx, h, 1, gen, m, n) < 0)
        return -1;
    return r;
}

int64_t gc_collect(GcHeap *h, int gen)
{
    if (h->cfg.collector == GC_COLLECTOR_REFCOUNT)
        return 0;
    if (h->g[GF_COLLECTING])
        return 0;
    if (h->cfg.collector == GC_COLLECTOR_MARKSWEEP)
        return mark_sweep(h, 0);
    SET_G(h, GF_COLLECTING, 1);
    int64_t r = collect_with_callback(h, gen, 0);
    SET_G(h, GF_COLLECTING, 0);
    return r;
}

/* gc_collect_generations: the oldest generation over its threshold,
 * skipping generation 2 while long_lived_pending < long_lived_total / 4. */
int gc__collect_generations(GcHeap *h)
{
    if (h->cfg.collector == GC_COLLECTOR_MARKSWEEP)
        return h->g[GF_COUNT0] > h->g[GF_T0] ? (mark_sweep(h, 1) < 0 ? -1 : 0) : 0;
    for (int i = 2; i >= 0; i--) {
        if (h->g[GF_COUNT0 + i] > h->g[GF_T0 + i]) {
            if (i == 2 && h->g[GF_LLP] < h->g[GF_LLT] / 4) {
                gc__event(h, GC_EV_SKIP_FULL, 0, 0, -1, h->g[GF_LLP], h->g[GF_LLT]);
                continue;
            }
            SET_G(h, GF_COLLECTING, 1);
            int64_t r = collect_with_callback(h, i, 1);
            SET_G(h, GF_COLLECTING, 0);
            return r < 0 ? -1 : 0;
        }
    }
    return 0;
}

/* Refcount collector: objects that became unreachable are leaked for good. */
void gc__update_leaks(GcHeap *h)
{
    GcId maxid = gc_max_id(h);
    uint8_t *mark = gc_malloc((size_t)maxid + 1);
    if (!mark) {
        gc_fail(h, "out of memory");
        return;
    }
    gc_reachable(h, mark);
    for (GcId id = 1; id <= maxid; id++) {
        GcObject *o = gc__o(h, id);
        if (o->state == GC_STATE_ALIVE && !mark[id] && !(o->flags & GC_F_LEAKED)) {
            gc__event(h, GC_EV_LEAK, id, 0, -1, 0, 0);
            gc__set_flags(h, id, GC_F_LEAKED, 0);
        }
    }
    gc_free(mark);
}
