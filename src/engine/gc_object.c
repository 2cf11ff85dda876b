/*
 * gc_object.c: objects.  Allocation (free lists, a lean run's recycled
 * records), weakref creation, reference counts, slots with their key index,
 * instance attributes (3.12 inline values and shared keys) and classes.
 * The reference count reaching zero hands the object to gc__dealloc
 * (gc_teardown.c).
 *
 * Start reading at gc_new and gc_decref.
 */
#include <string.h>

#include "gc_internal.h"

/* ---- the key index (see gc_internal.h) ------------------------------- */

static inline uint32_t *ix_table(GcObject *o)
{
    return (uint32_t *)(gc__slots(o) + gc__cap(o));
}
static inline const uint32_t *ix_ctable(const GcObject *o)
{
    return (const uint32_t *)(gc__slots((GcObject *)o) + gc__cap(o));
}

/* The table's first probe for key.  An int is its own hash, as in CPython
 * (long_hash), so the keys 0..n of a dict of n keys take consecutive
 * entries, read and written in order: Fibonacci hashing scattered them
 * over the table, one cache miss per lookup once the table outgrew the
 * cache (bench_py lists at 10^6: 1.6-1.7 s -> 1.1 s).  The bits above the
 * table's are mixed into it (Fibonacci hashing), where CPython's probe
 * sequence brings them in through `perturb`: keys such as i * 65536 would
 * otherwise share a few entries and, under linear probing, one long run.
 * Other keys (atoms of strings and big ints): Fibonacci hashing. */
static inline uint32_t ix_home(GcValue key, uint32_t mask)
{
    if (GC_VAL_TAG(key) == GC_V_INT) {
        uint64_t p = (uint64_t)GC_VAL_PAYLOAD(key), high = p >> __builtin_popcount(mask);
        return (uint32_t)(p ^ (high ? (high * UINT64_C(0x9E3779B97F4A7C15)) >> 32 : 0)) & mask;
    }
    return (uint32_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & mask;
}

/* Points key's entry at slot p (which holds key now): a key also held at
 * another position (while a shift moves the slots one by one) is found at
 * the position written last. */
static void ix_put(GcObject *o, GcValue key, uint32_t p)
{
    uint32_t *t = ix_table(o), mask = 2 * gc__cap(o) - 1;
    const GcSlot *s = gc__slots(o);
    uint32_t j = ix_home(key, mask);
    while (t[j] && s[t[j] - 1].key != key)
        j = (j + 1) & mask;
    t[j] = p + 1;
}

/* Removes key's entry if it points at slot p (key still there); the
 * entries after it move back (deletion without tombstones). */
static void ix_del(GcObject *o, GcValue key, uint32_t p)
{
    uint32_t *t = ix_table(o), mask = 2 * gc__cap(o) - 1;
    const GcSlot *s = gc__slots(o);
    uint32_t i = ix_home(key, mask);
    while (t[i] != p + 1) {
        if (!t[i])
            return; /* another position holds key's entry */
        i = (i + 1) & mask;
    }
    for (uint32_t j = (i + 1) & mask; t[j]; j = (j + 1) & mask) {
        uint32_t k = ix_home(s[t[j] - 1].key, mask);
        /* t[j] may fill the hole at i unless its home lies in (i, j]. */
        if (i <= j ? (i < k && k <= j) : (i < k || k <= j))
            continue;
        t[i] = t[j];
        i = j;
    }
    t[i] = 0;
}

static void ix_rebuild(GcObject *o)
{
    uint32_t cap = gc__cap(o);
    memset(ix_table(o), 0, (size_t)cap * 2 * sizeof(uint32_t));
    const GcSlot *s = gc__slots(o);
    for (uint32_t p = 0; p < cap; p++)
        if (s[p].key != GC_UNBOUND)
            ix_put(o, s[p].key, p);
}

void gc__ix_rebuild(GcObject *o)
{
    ix_rebuild(o);
}

void gc__slot_key_store(GcObject *o, uint32_t i, GcValue key)
{
    if (gc__valsonly(o)) { /* a list's or tuple's items have no key */
        GC_ASSERT(key == GC_UNBOUND);
        return;
    }
    if (!gc__big(o)) {
        gc__key0_put(o, key);
        return;
    }
    GcSlot *s = gc__slots(o);
    if (s[i].key == key)
        return;
    if (!gc__has_ix(o)) {
        s[i].key = key;
        return;
    }
    if (s[i].key != GC_UNBOUND)
        ix_del(o, s[i].key, i);
    s[i].key = key;
    if (key != GC_UNBOUND)
        ix_put(o, key, i);
}

/* The capacity a block grows to for n slots (n > old, the capacity it
 * has).  A list grows as CPython's list_resize over-allocates, by about an
 * eighth (a list of 10^7 items had room for 2^24, 6.8 million slots more
 * than it used); the others double from 4 (a dict's key index needs a
 * power of two; instances and tuples are small or sized once). */
static uint32_t grown_cap(const GcObject *o, uint32_t old, uint32_t n)
{
    if (o->kind == GC_KIND_LIST) {
        uint64_t c = ((uint64_t)n + (n >> 3) + 6) & ~(uint64_t)3;
        return c > UINT32_MAX ? UINT32_MAX : (uint32_t)c;
    }
    uint32_t cap = old < 4 ? 4 : old;
    while (cap < n)
        cap *= 2;
    return cap;
}

int gc__ensure_slots(GcHeap *h, GcObject *o, uint32_t n)
{
    /* a dict keeps no slot inline (its keys need not be atoms) */
    uint32_t had = gc__big(o) ? gc__cap(o) : o->kind == GC_KIND_DICT ? 0 : 1;
    if (n <= had)
        return 0;
    uint32_t used = gc_nslots(o); /* the head of a block that moves is not read after */
    uint32_t cap = grown_cap(o, had, n);
    int vals = gc__big(o) ? gc__valsonly(o) : gc__kind_vals(o->kind);
    size_t unit = vals ? sizeof(GcValue) : sizeof(GcSlot);
    /* A dict's block holds its key index after the slots. */
    size_t bytes = GC_BLK_HEAD + (size_t)cap * unit;
    if (o->kind == GC_KIND_DICT && cap >= GC_IX_MIN)
        bytes += (size_t)cap * 2 * sizeof(uint32_t);
    char *s;
    if (!gc__big(o)) {
        s = gc_malloc(bytes);
        if (!s)
            return gc_fail(h, "out of memory");
        if (had && vals) /* a list's or tuple's key is unused */
            *(GcValue *)(void *)(s + GC_BLK_HEAD) = o->s_.one;
        else if (had)
            *(GcSlot *)(void *)(s + GC_BLK_HEAD) = gc__slot(o, 0);
        o->key0 = 0;
        h->nblocks += h->lean;
    } else {
        s = gc_realloc(gc__blk(o), bytes);
        if (!s)
            return gc_fail(h, "out of memory");
    }
    /* Slots beyond nslots are zero wherever they may be read: by the
     * history and the checkpoints (a recorded run) and by a dict's key
     * index, which reads every key of the block.  A lean run's other
     * blocks leave the new part unwritten: only the slots it fills are
     * touched (a list of 10^7 items no longer writes the 6.8 million
     * slots of its 2^24 it never uses, 108 MB); lean_record zeroes a block
     * it reuses. */
    if (!h->lean || o->kind == GC_KIND_DICT)
        memset(s + GC_BLK_HEAD + had * unit, 0, (size_t)(cap - had) * unit);
    gc__set_blk(o, s, cap, used, vals);
    if (gc__has_ix(o))
        ix_rebuild(o);
    return 0;
}

void gc__slot_write_full(GcHeap *h, GcId id, uint32_t i, GcValue key, GcValue val)
{
    GcObject *o = gc__o(h, id);
    if (h->record) {
        GcSlot s = gc__slot(o, i);
        if (s.key != key)
            gc__log(h, W_SLOTK, 0, id, i, (int64_t)s.key, (int64_t)key);
        gc__log(h, W_SLOTV, 0, id, i, (int64_t)s.val, (int64_t)val);
    }
    gc__slot_key_store(o, i, key);
    gc__slot_val_put(o, i, val);
}

int32_t gc_class_add(GcHeap *h, int32_t name_atom, int has_del)
{
    if (h->nclasses >= GC_MAX_CLASSES) { /* a record's cls has GC_CLS_BITS bits */
        gc_fail(h, "more than %d classes (gcviz's limit)", GC_MAX_CLASSES);
        h->limit_hit = 1;
        return -1;
    }
    if (GC_VEC_ROOM2(h->classes, h->classkeys, h->nclasses, h->capclasses, 8, gc_realloc) < 0)
        return -1;
    h->classes[h->nclasses].name = name_atom;
    h->classes[h->nclasses].has_del = has_del;
    h->ndel += has_del != 0;
    memset(&h->classkeys[h->nclasses], 0, sizeof(ClassKeys));
    h->classkeys[h->nclasses].usable = GC_SHARED_KEYS_MAX_SIZE;
    h->classkeys[h->nclasses].ordered = 1;
    return h->nclasses++;
}

const GcClass *gc_class(const GcHeap *h, int32_t cls)
{
    if (cls < 0 || cls >= h->nclasses)
        return NULL;
    return &h->classes[cls];
}

int32_t gc__class_key_lookup(const GcHeap *h, int32_t cls, int32_t atom)
{
    const ClassKeys *k = &h->classkeys[cls];
    for (int32_t i = 0; i < k->n; i++)
        if (k->atoms[i] == atom)
            return i;
    return -1;
}

/* insert_into_dictkeys: a new key takes one of the shared keys' usable
 * entries; -1 when none is left (the caller materializes a dict), -2 on
 * OOM. */
static int32_t class_key_insert(GcHeap *h, int32_t cls, int32_t atom)
{
    int32_t i = gc__class_key_lookup(h, cls, atom);
    if (i >= 0)
        return i;
    ClassKeys *k = &h->classkeys[cls];
    if (k->usable <= 0)
        return -1;
    if (GC_VEC_ROOM(k->atoms, k->n, k->cap, 8, gc_realloc) < 0) {
        gc_fail(h, "out of memory");
        return -2;
    }
    k->usable--;
    k->atoms[k->n] = atom;
    return k->n++;
}

/* ---- allocation ------------------------------------------------------- */

void gc__count_alloc(GcHeap *h)
{
    /* _PyObject_GC_Link: count, and schedule a collection when due. */
    SET_G(h, GF_COUNT0, h->g[GF_COUNT0] + 1);
    if (h->g[GF_COUNT0] > h->g[GF_T0] && h->g[GF_ENABLED] && h->g[GF_T0] && !h->g[GF_COLLECTING] &&
        h->cfg.collector != GC_COLLECTOR_REFCOUNT)
        SET_G(h, GF_SCHEDULED, 1);
}

/* The free list an object of this kind and size uses, or -1. */
int gc__freelist_of(GcKind kind, int64_t size)
{
    if (kind == GC_KIND_LIST)
        return GF_FL_LIST;
    if (kind == GC_KIND_DICT)
        return GF_FL_DICT;
    if (kind == GC_KIND_TUPLE && size >= 1 && size <= GC_TUPLE_MAXSAVESIZE)
        return GF_FL_TUPLE + (int)size - 1;
    return -1;
}

int64_t gc__freelist_max(int fl)
{
    return fl == GF_FL_LIST   ? GC_FREELIST_LIST
           : fl == GF_FL_DICT ? GC_FREELIST_DICT
                              : GC_TUPLE_MAXFREELIST;
}

/* A lean run's record for a new object: a freed one if any is spare (its
 * slot storage kept, emptied), else a new one.  0 over the limit. */
static GcId lean_record(GcHeap *h)
{
    if (!h->spare) {
        GcId id = (GcId)h->g[GF_MAXID] + 1;
        if (id > h->cfg.max_objects || gc__objs_ensure(h, id) < 0)
            return 0;
        h->g[GF_MAXID] = id;
        GcObject *o = gc__o(h, id);
        memset(o, 0, sizeof *o); /* not zeroed by objs_ensure in a lean run */
        return id;
    }
    GcId id = h->spare;
    GcObject *o = gc__o(h, id);
    h->spare = o->prev; /* the stack's link (gc_internal.h) */
    if (gc__cap(o) >= GC_IX_MIN) {
        /* a big block may hold a key index (or lack one a dict needs) */
        gc__blk_free(o);
        h->nblocks--;
    }
    char *blk = gc__big(o) ? gc__blk(o) : NULL;
    uint32_t cap = gc__cap(o);
    int vals = gc__valsonly(o);
    if (blk)
        memset(blk + GC_BLK_HEAD, 0, gc__blk_bytes(o, cap));
    memset(o, 0, sizeof *o);
    if (blk)
        gc__set_blk(o, blk, cap, 0, vals);
    return id;
}

/* Lean runs: the records freed since the last call become spare, once no
 * teardown or collection (whose C frames may still name them) runs.  Out
 * of line: gc_stmt, which calls it, runs for every statement. */
GC_NOINLINE void gc__lean_recycle(GcHeap *h)
{
    if (h->busy)
        return;
    gc__o(h, h->dead_bottom)->prev = h->spare;
    h->spare = h->dead;
    h->dead = h->dead_bottom = 0;
}

GcId gc_new(GcHeap *h, GcKind kind, int32_t cls)
{
    if (h->failed)
        return 0;
    GcId id;
    if (h->lean) {
        id = lean_record(h);
        GcObject *o = id ? gc__o(h, id) : NULL;
        if (o && kind == GC_KIND_WEAKREF && gc__big(o)) {
            /* a weakref keeps its callback and links in the slot storage */
            gc__blk_free(o);
            h->nblocks--;
        } else if (o && gc__big(o) && gc__valsonly(o) != gc__kind_vals(kind)) {
            /* the freed record's (empty) block, in the new kind's layout */
            uint32_t cap = gc__cap(o), c = gc__valsonly(o) ? cap / 2 : cap * 2;
            if (c > 1) {
                gc__set_blk(o, gc__blk(o), c, 0, gc__kind_vals(kind));
            } else {
                gc__blk_free(o);
                h->nblocks--;
            }
        }
    } else {
        id = (GcId)h->g[GF_MAXID] + 1;
        if (id <= h->cfg.max_objects && gc__objs_ensure(h, id) == 0) {
            SET_G(h, GF_MAXID, id);
            GcObject *o = gc__o(h, id);
            if (gc__big(o))
                gc_free(gc__blk(o));
            memset(o, 0, sizeof *o);
            if (h->lives)
                *gc__life(h, id) = (GcLife){0, 0};
        } else {
            id = 0;
        }
    }
    if (!id) {
        if (h->failed)
            return 0;
        gc_fail(h, "MemoryError: more than %lld objects (gcviz's limit)",
                (long long)h->cfg.max_objects);
        h->limit_hit = 1;
        return 0;
    }
    int fl = kind == GC_KIND_LIST && cls == GC_NEW_TYPE_ALLOC
                 ? -1
                 : gc__freelist_of(kind, kind == GC_KIND_TUPLE ? cls : 0);
    int reuse = fl >= 0 && h->g[fl] > 0;
    int32_t ev = gc__event(h, GC_EV_ALLOC, id, 0, -1, kind, reuse);
    if (ev < 0 && h->record) /* a statement-level history: born in the statement kept */
        ev = h->nevents - 1;
    SET_OBJ(h, id, OF_KIND, kind);
    SET_OBJ(h, id, OF_STATE, GC_STATE_ALIVE);
    h->nlive[kind]++;
    SET_OBJ(h, id, OF_CLS, kind == GC_KIND_INSTANCE ? cls : -1);
    SET_OBJ(h, id, OF_REFCNT, 1);
    gc__life_set(h, id, OF_BORN, ev);
    gc__life_set(h, id, OF_DIED, -1);
    SET_G(h, GF_ALLOCATED, h->g[GF_ALLOCATED] + 1);
    if (kind == GC_KIND_INSTANCE && h->classkeys[cls].usable > 1)
        h->classkeys[cls].usable--; /* init_inline_values */
    if (reuse)
        SET_G(h, fl, h->g[fl] - 1);
    else
        gc__count_alloc(h);
    /* 3.12/3.13: dicts are born untracked (lazy tracking).  3.14+: dicts
     * are always tracked, and a tuple is born untracked, tracked by the
     * first item that is a GC object (gc_slot_set): (x, 1) with an int x
     * stays untracked, measured in 3.14.2 and 3.15.0rc1. */
    int untracked = h->cfg.python >= 314 ? kind == GC_KIND_TUPLE : kind == GC_KIND_DICT;
    if (!untracked)
        gc__list_append(h, GC_LIST_GEN0, id);
    gc__inflight_add(h, GC_VAL_OBJ(id));
    return id;
}

void gc__clear_freelists(GcHeap *h)
{
    int64_t n = h->g[GF_FL_CFUNC];
    if (n)
        SET_G(h, GF_FL_CFUNC, 0);
    for (int f = GF_FL_LIST; f < GF_FL_TUPLE + GC_TUPLE_MAXSAVESIZE; f++) {
        n += h->g[f];
        if (h->g[f])
            SET_G(h, f, 0);
    }
    int64_t c = h->g[GF_COUNT0] - n;
    if (n)
        SET_G(h, GF_COUNT0, c > 0 ? c : 0);
}

/* ---- weakref heads ---------------------------------------------------- */

/* Few objects have weakrefs, so the first weakref to an object is kept in
 * a map (gc_internal.h) instead of a field of every record. */
static int wr_grow(GcHeap *h)
{
    int32_t cap = h->wrcap ? h->wrcap * 2 : 16;
    GcId *k = gc_calloc((size_t)cap, sizeof *k), *v = gc_calloc((size_t)cap, sizeof *v);
    if (!k || !v || cap <= h->wrcap) {
        gc_free(k);
        gc_free(v);
        return gc_fail(h, "out of memory");
    }
    uint32_t m = (uint32_t)cap - 1;
    for (int32_t j = 0; j < h->wrcap; j++) {
        if (!h->wrk[j])
            continue;
        uint32_t i = gc__wr_hash(h->wrk[j]) & m;
        while (k[i])
            i = (i + 1) & m;
        k[i] = h->wrk[j];
        v[i] = h->wrv[j];
    }
    gc_free(h->wrk);
    gc_free(h->wrv);
    h->wrk = k;
    h->wrv = v;
    h->wrcap = cap;
    return 0;
}

/* Removes entry i, moving back the entries of its run that would no
 * longer be found (linear probing without tombstones). */
static void wr_remove_at(GcHeap *h, uint32_t i)
{
    uint32_t m = (uint32_t)h->wrcap - 1;
    h->wrn--;
    for (uint32_t j = (i + 1) & m; h->wrk[j]; j = (j + 1) & m) {
        uint32_t home = gc__wr_hash(h->wrk[j]) & m;
        /* entry j stays when its home lies cyclically in (i, j] */
        if (i < j ? (home > i && home <= j) : (home > i || home <= j))
            continue;
        h->wrk[i] = h->wrk[j];
        h->wrv[i] = h->wrv[j];
        i = j;
    }
    h->wrk[i] = 0;
    h->wrv[i] = 0;
}

/* Where id is in the map, or the empty entry where it would go. */
static uint32_t wr_find(const GcHeap *h, GcId id)
{
    uint32_t m = (uint32_t)h->wrcap - 1, i = gc__wr_hash(id) & m;
    while (h->wrk[i] && h->wrk[i] != id)
        i = (i + 1) & m;
    return i;
}

/* Grows only to add an id, at most half full: a seek, which sets only
 * what the map held before, never allocates. */
int gc__wr_head_put(GcHeap *h, GcId id, GcId head)
{
    uint32_t i = h->wrcap ? wr_find(h, id) : 0;
    if (!h->wrcap || !h->wrk[i]) {
        if (!head)
            return 0;
        if ((h->wrn + 1) * 2 > h->wrcap) {
            if (wr_grow(h) < 0)
                return -1;
            i = wr_find(h, id);
        }
        h->wrk[i] = id;
        h->wrn++;
    } else if (!head) {
        wr_remove_at(h, i);
        return 0;
    }
    h->wrv[i] = head;
    return 0;
}

void gc__wr_head_set(GcHeap *h, GcId id, GcId head)
{
    if (h->record)
        gc__log(h, W_OBJ, OF_WR_HEAD, id, 0, gc__wr_head(h, id), head);
    gc__wr_head_put(h, id, head);
}

GcId gc_weakref_head(const GcHeap *h, GcId id)
{
    return id > 0 && id <= h->g[GF_MAXID] ? gc__wr_head(h, id) : 0;
}

GcId gc_new_weakref(GcHeap *h, GcId referent, GcValue callback)
{
    if (GC_VAL_TAG(callback) == GC_V_NONE || callback == GC_UNBOUND) {
        /* get_basic_refs: a callback-less ref at the head is reused. */
        GcId head = gc__wr_head(h, referent);
        if (head && GC_VAL_TAG(GC_WR_CALLBACK(gc__o(h, head))) == GC_V_NONE) {
            gc_incref(h, GC_VAL_OBJ(head));
            return head;
        }
        callback = GC_NONE;
    }
    if (callback >> 31) { /* a record's key0, which holds it, has 31 bits */
        gc_fail(h, "a weakref callback among more than %d functions (gcviz's limit)",
                (int)((uint32_t)1 << 27));
        h->limit_hit = 1;
        return 0;
    }
    GcId w = gc_new(h, GC_KIND_WEAKREF, -1);
    if (!w)
        return 0;
    SET_OBJ(h, w, OF_WR_REFERENT, referent);
    SET_OBJ(h, w, OF_WR_CALLBACK, callback);
    GcId head = gc__wr_head(h, referent);
    if (GC_VAL_TAG(callback) == GC_V_NONE || !head ||
        GC_VAL_TAG(GC_WR_CALLBACK(gc__o(h, head))) != GC_V_NONE) {
        /* insert_head */
        SET_OBJ(h, w, OF_WR_NEXT, head);
        SET_OBJ(h, w, OF_WR_PREV, 0);
        if (head)
            SET_OBJ(h, head, OF_WR_PREV, w);
        gc__wr_head_set(h, referent, w);
    } else {
        /* insert_after the basic ref */
        GcId next = WR_NEXT(gc__o(h, head));
        SET_OBJ(h, w, OF_WR_PREV, head);
        SET_OBJ(h, w, OF_WR_NEXT, next);
        if (next)
            SET_OBJ(h, next, OF_WR_PREV, w);
        SET_OBJ(h, head, OF_WR_NEXT, w);
    }
    return w;
}

/* clear_weakref: unlinks wr from its referent's list and forgets the
 * referent. */
void gc__weakref_unlink(GcHeap *h, GcId wr)
{
    GcObject *w = gc__o(h, wr);
    GcId ref = w->wr_referent;
    if (!ref)
        return;
    GcId p = WR_PREV(w), n = WR_NEXT(w);
    if (p)
        SET_OBJ(h, p, OF_WR_NEXT, n);
    else
        gc__wr_head_set(h, ref, n);
    if (n)
        SET_OBJ(h, n, OF_WR_PREV, p);
    SET_OBJ(h, wr, OF_WR_PREV, 0);
    SET_OBJ(h, wr, OF_WR_NEXT, 0);
    SET_OBJ(h, wr, OF_WR_REFERENT, 0);
    gc__event(h, GC_EV_WEAKREF_CLEAR, wr, ref, -1, 0, 0);
}

/* ---- reference counts ----------------------------------------------- */

static GC_NOINLINE void incref_full(GcHeap *h, GcValue v)
{
    GcId id = GC_VAL_ID(v);
    GcObject *o = gc__o(h, id);
    GC_ASSERT(o->state == GC_STATE_ALIVE);
    int64_t rc = o->refcnt;
    if (h->record)
        gc__event(h, GC_EV_INCREF, id, 0, -1, rc, rc + 1);
    SET_OBJ(h, id, OF_REFCNT, rc + 1);
    gc__inflight_add(h, v);
}

void gc_incref(GcHeap *h, GcValue v)
{
    if (!GC_VAL_IS_OBJ(v))
        return;
    if (h->lean)
        gc__o(h, GC_VAL_ID(v))->refcnt++;
    else
        incref_full(h, v);
}

static GC_NOINLINE int decref_full(GcHeap *h, GcValue v)
{
    GcId id = GC_VAL_ID(v);
    GcObject *o = gc__o(h, id);
    GC_ASSERT(o->state == GC_STATE_ALIVE && o->refcnt > 0);
    int64_t rc = o->refcnt;
    if (h->record)
        gc__event(h, GC_EV_DECREF, id, 0, -1, rc, rc - 1);
    gc__inflight_del(h, v);
    SET_OBJ(h, id, OF_REFCNT, rc - 1);
    if (rc - 1 == 0 && h->cfg.collector != GC_COLLECTOR_MARKSWEEP)
        return gc__dealloc(h, id);
    return 0;
}

int gc_decref(GcHeap *h, GcValue v)
{
    if (!GC_VAL_IS_OBJ(v))
        return 0;
    if (!h->lean)
        return decref_full(h, v);
    GcId id = GC_VAL_ID(v);
    GcObject *o = gc__o(h, id);
    GC_ASSERT(o->state == GC_STATE_ALIVE && o->refcnt > 0);
    if (--o->refcnt > 0)
        return 0;
    return gc__dealloc(h, id); /* a lean run has the cpython collector */
}

/* ---- slots ----------------------------------------------------------- */

int gc_slot_find(const GcHeap *h, GcId obj, GcValue key)
{
    const GcObject *o = gc__o(h, obj);
    if (!gc__big(o) || gc__valsonly(o)) /* one slot inline, or items without keys */
        return gc_nslots(o) && gc__slot(o, 0).key == key ? 0 : -1;
    const GcSlot *s = gc__slots((GcObject *)o);
    if (gc__has_ix(o)) {
        const uint32_t *t = ix_ctable(o);
        uint32_t mask = 2 * gc__cap(o) - 1;
        for (uint32_t j = ix_home(key, mask); t[j]; j = (j + 1) & mask)
            if (s[t[j] - 1].key == key)
                return t[j] - 1 < gc_nslots(o) ? (int)(t[j] - 1) : -1;
        return -1;
    }
    for (uint32_t i = 0; i < gc_nslots(o); i++)
        if (s[i].key == key)
            return (int)i;
    return -1;
}

int gc_may_be_tracked(const GcHeap *h, GcValue v)
{
    /* any GC object but an untracked tuple (an untracked dict may be
     * tracked later, so it counts); a static type is not a GC object */
    switch (GC_VAL_TAG(v)) {
    case GC_V_FUNC:
        return 1;
    case GC_V_CLASS:
        return GC_VAL_PAYLOAD(v) < GC_CLASS_STATIC;
    case GC_V_OBJ: {
        const GcObject *o = gc_object(h, GC_VAL_ID(v));
        return o->kind != GC_KIND_TUPLE || o->list != GC_LIST_NONE;
    }
    default:
        return 0;
    }
}

void gc_maybe_track_dict(GcHeap *h, GcId dict, GcValue key, GcValue stored)
{
    /* MAINTAIN_TRACKING: track when a key or value that may be tracked is
     * stored */
    if (gc__o(h, dict)->list == GC_LIST_NONE &&
        (gc_may_be_tracked(h, key) || gc_may_be_tracked(h, stored))) {
        gc__event(h, GC_EV_TRACK, dict, 0, -1, 0, 0);
        gc__list_append(h, GC_LIST_GEN0, dict);
    }
}

void gc_track_again(GcHeap *h, GcId obj)
{
    if (gc__o(h, obj)->list != GC_LIST_NONE)
        return;
    gc__event(h, GC_EV_TRACK, obj, 0, -1, 0, 0);
    gc__list_append(h, GC_LIST_GEN0, obj);
}

void gc_untrack(GcHeap *h, GcId obj)
{
    if (gc__o(h, obj)->list == GC_LIST_NONE)
        return;
    gc__event(h, GC_EV_UNTRACK, obj, 0, -1, 0, 0);
    gc__list_remove(h, obj);
}

void gc_set_label(GcHeap *h, GcId id, const char *label)
{
    h->label_id = id;
    snprintf(h->label, sizeof h->label, "%s", label);
}

const char *gc_label(const GcHeap *h, GcId id)
{
    return id && id == h->label_id ? h->label : NULL;
}

int gc_startup_oldest(const GcHeap *h)
{
    return h->g[GF_SU_LIST] == GC_LIST_GEN2 && !h->g[GF_SU_PREV];
}

void gc_track_at_startup(GcHeap *h, GcId obj)
{
    if (gc__o(h, obj)->list == GC_LIST_NONE)
        gc__event(h, GC_EV_TRACK, obj, 0, -1, 0, 0);
    gc__list_remove(h, obj);
    GcListId l = (GcListId)h->g[GF_SU_LIST];
    GcId prev = (GcId)h->g[GF_SU_PREV];
    GcId next = prev ? gc__o(h, prev)->next : (GcId)h->g[GF_LFIRST(l)];
    SET_OBJ(h, obj, OF_LIST, h->lcur[l]);
    SET_OBJ(h, obj, OF_PREV, prev);
    SET_OBJ(h, obj, OF_NEXT, next);
    if (prev)
        SET_OBJ(h, prev, OF_NEXT, obj);
    else
        SET_G(h, GF_LFIRST(l), obj);
    if (next)
        SET_OBJ(h, next, OF_PREV, obj);
    else
        SET_G(h, GF_LLAST(l), obj);
    SET_G(h, GF_LLEN(l), h->g[GF_LLEN(l)] + 1);
}

/* An instance's new attribute at slot i: does it break its class's key
 * order (ClassKeys.ordered)? */
static void note_attr_order(GcHeap *h, const GcObject *o, uint32_t i, GcValue key)
{
    ClassKeys *k = &h->classkeys[o->cls];
    if (!k->ordered || i == 0 || (o->flags & GC_F_DICT))
        return;
    int32_t prev = (int32_t)GC_VAL_PAYLOAD(gc__slot(o, i - 1).key);
    if (gc__class_key_lookup(h, o->cls, (int32_t)GC_VAL_PAYLOAD(key)) <
        gc__class_key_lookup(h, o->cls, prev))
        k->ordered = 0;
}

static GC_NOINLINE int slot_set_full(GcHeap *h, GcId obj, uint32_t i, GcValue key, GcValue v);

int gc_slot_set(GcHeap *h, GcId obj, uint32_t i, GcValue key, GcValue v)
{
    GcObject *o = gc__o(h, obj);
    GcValue old = GC_UNBOUND;
    if (h->lean &&
        (o->kind == GC_KIND_INSTANCE || (o->kind == GC_KIND_TUPLE && h->cfg.python < 314))) {
        /* A lean run's instance attribute or tuple item: the general path
         * below without its event, log and in-flight bookkeeping (none in a
         * lean run), no key index (dicts only) and no tracking (dicts, and
         * tuples from 3.14 on) */
        if (i == gc_nslots(o)) {
            if (o->kind == GC_KIND_INSTANCE)
                note_attr_order(h, o, i, key);
            if (gc__ensure_slots(h, o, i + 1) < 0)
                return -1;
            gc__nslots_put(o, i + 1);
        } else {
            old = gc__slot(o, i).val;
        }
        gc__slot_put(o, i, key, v);
        return gc_decref(h, old);
    }
    return slot_set_full(h, obj, i, key, v);
}

/* The general path of gc_slot_set. */
static GC_NOINLINE int slot_set_full(GcHeap *h, GcId obj, uint32_t i, GcValue key, GcValue v)
{
    GcObject *o = gc__o(h, obj);
    GcValue old = GC_UNBOUND;
    if (i == gc_nslots(o)) {
        if (o->kind == GC_KIND_INSTANCE)
            note_attr_order(h, o, i, key);
        if (gc__ensure_slots(h, o, i + 1) < 0)
            return -1;
        o = gc__o(h, obj);
        SET_OBJ(h, obj, OF_NSLOTS, i + 1);
    } else {
        old = gc__slot(o, i).val;
        GC_ASSERT(o->kind != GC_KIND_DICT || gc__slot(o, i).key == key);
    }
    gc__event(h, GC_EV_STORE, obj, GC_VAL_IS_OBJ(v) ? GC_VAL_ID(v) : 0, (int32_t)i, 0, 0);
    gc__inflight_del(h, v);
    if (GC_VAL_IS_OBJ(key) && old == GC_UNBOUND && gc__o(h, obj)->kind == GC_KIND_DICT) {
        gc__inflight_del(h, key); /* the new entry's key: the dict's reference now */
        h->objkeys++;
    }
    gc__slot_write(h, obj, i, key, v);
    gc__inflight_add(h, old);
    if (gc__o(h, obj)->kind == GC_KIND_DICT)
        gc_maybe_track_dict(h, obj, key, v);
    else if (gc__o(h, obj)->kind == GC_KIND_TUPLE && h->cfg.python >= 314 &&
             gc_may_be_tracked(h, v) && gc__o(h, obj)->list == GC_LIST_NONE) {
        gc__event(h, GC_EV_TRACK, obj, 0, -1, 0, 0);
        gc__list_append(h, GC_LIST_GEN0, obj);
    }
    return gc_decref(h, old);
}

int gc_slot_insert(GcHeap *h, GcId obj, uint32_t i, GcValue key, GcValue v)
{
    GcObject *o = gc__o(h, obj);
    uint32_t n = gc_nslots(o);
    if (gc__ensure_slots(h, o, n + 1) < 0)
        return -1;
    /* the event first: the items moving up belong to the store (before,
     * the micro-step ahead of it showed the list with one item twice) */
    gc__event(h, GC_EV_STORE, obj, GC_VAL_IS_OBJ(v) ? GC_VAL_ID(v) : 0, (int32_t)i, 0, 0);
    SET_OBJ(h, obj, OF_NSLOTS, n + 1);
    o = gc__o(h, obj);
    for (uint32_t k = n; k > i; k--) {
        GcSlot s = gc__slot(o, k - 1);
        gc__slot_write(h, obj, k, s.key, s.val);
    }
    gc__inflight_del(h, v);
    gc__slot_write(h, obj, i, key, v);
    if (o->kind == GC_KIND_DICT)
        gc_maybe_track_dict(h, obj, key, v);
    return 0;
}

int gc_slot_take(GcHeap *h, GcId obj, uint32_t i, GcValue *out)
{
    *out = gc__slot(gc__o(h, obj), i).val;
    gc__event(h, GC_EV_SLOT_DEL, obj, 0, (int32_t)i, 0, 0);
    gc__slot_write(h, obj, i, GC_UNBOUND, GC_UNBOUND);
    gc__inflight_add(h, *out);
    return 0;
}

void gc_slots_drop_holes(GcHeap *h, GcId obj, uint32_t from)
{
    uint32_t n = gc_nslots(gc__o(h, obj)), j = from;
    for (uint32_t k = from; k < n; k++) {
        GcSlot s = gc__slot(gc__o(h, obj), k);
        if (s.val == GC_UNBOUND)
            continue;
        if (j != k)
            gc__slot_write(h, obj, j, s.key, s.val);
        j++;
    }
    for (uint32_t k = j; k < n; k++)
        gc__slot_write(h, obj, k, GC_UNBOUND, GC_UNBOUND);
    if (j != n)
        SET_OBJ(h, obj, OF_NSLOTS, j);
}

int gc_slots_open(GcHeap *h, GcId obj, uint32_t at, uint32_t n)
{
    GcObject *o = gc__o(h, obj);
    uint32_t size = gc_nslots(o);
    if (n == 0)
        return 0;
    if (gc__ensure_slots(h, o, size + n) < 0)
        return -1;
    SET_OBJ(h, obj, OF_NSLOTS, size + n);
    for (uint32_t k = size; k-- > at;) {
        GcSlot s = gc__slot(gc__o(h, obj), k);
        gc__slot_write(h, obj, k + n, s.key, s.val);
    }
    for (uint32_t k = at; k < at + n; k++)
        gc__slot_write(h, obj, k, GC_UNBOUND, GC_UNBOUND);
    return 0;
}

int gc_slots_clear(GcHeap *h, GcId obj, int last_first, GcValue *out)
{
    GcObject *o = gc__o(h, obj);
    uint32_t n = gc_nslots(o);
    /* a dict gives each entry's key and then its value */
    uint32_t w = o->kind == GC_KIND_DICT ? 2 : 1, m = w * n;
    gc__event(h, GC_EV_SLOT_DEL, obj, 0, -1, n, 0);
    if (!h->record && gc__has_ix(o)) {
        /* Nothing logged: empty the slots in one sweep and rebuild the
         * key index once, instead of deleting each key from it (a random
         * probe per key). */
        GcSlot *s = gc__slots(o);
        for (uint32_t i = 0; i < n; i++) {
            if (w == 2)
                out[2 * i] = s[i].key;
            out[w * i + w - 1] = s[i].val;
            s[i].key = GC_UNBOUND;
            s[i].val = GC_UNBOUND;
        }
        ix_rebuild(o);
    } else {
        for (uint32_t i = 0; i < n; i++) {
            GcSlot s = gc__slot(gc__o(h, obj), i);
            if (w == 2)
                out[2 * i] = s.key;
            out[w * i + w - 1] = s.val;
            gc__slot_write(h, obj, i, GC_UNBOUND, GC_UNBOUND);
        }
    }
    /* Each release will take the newest in-flight entry. */
    for (uint32_t k = 0; k < m; k++)
        gc__inflight_add(h, out[last_first ? k : m - 1 - k]);
    SET_OBJ(h, obj, OF_NSLOTS, 0);
    return h->failed ? -1 : 0;
}

/* ---- instance attributes (3.12 inline values, shared keys) ---------------- */

GcId gc_attr_holder(const GcHeap *h, GcId obj)
{
    const GcObject *o = gc__o(h, obj);
    if (o->kind == GC_KIND_INSTANCE && (o->flags & GC_F_DICT))
        return GC_VAL_ID(gc__slot(o, 0).val);
    return obj;
}

int gc_attr_find(const GcHeap *h, GcId obj, int32_t atom, GcId *holder)
{
    *holder = gc_attr_holder(h, obj);
    return gc_slot_find(h, *holder, GC_MKVAL(GC_V_STR, atom));
}

/*
 * make_dict_from_instance_attributes: the values move into a new dict
 * object (in insertion order), tracked if any of them may be; the instance
 * keeps only a reference to it, shown as the slot __dict__.
 */
static GcId materialize_dict(GcHeap *h, GcId obj)
{
    GcId d = gc_new(h, GC_KIND_DICT, -1);
    if (!d)
        return 0;
    GcObject *o = gc__o(h, obj);
    uint32_t n = gc_nslots(o);
    int track = 0;
    for (uint32_t i = 0; i < n; i++) {
        GcSlot sl = gc__slot(gc__o(h, obj), i);
        if (GC_VAL_IS_OBJ(sl.val)) {
            GcObject *t = gc__o(h, GC_VAL_ID(sl.val));
            track |= t->kind != GC_KIND_TUPLE || t->list != GC_LIST_NONE;
        }
        if (gc__ensure_slots(h, gc__o(h, d), i + 1) < 0)
            return 0;
        SET_OBJ(h, d, OF_NSLOTS, i + 1);
        gc__slot_write(h, d, i, sl.key, sl.val);
        gc__slot_write(h, obj, i, GC_UNBOUND, GC_UNBOUND);
    }
    if (track && gc__o(h, d)->list == GC_LIST_NONE) { /* 3.14+: tracked since birth */
        gc__event(h, GC_EV_TRACK, d, 0, -1, 0, 0);
        gc__list_append(h, GC_LIST_GEN0, d);
    }
    int32_t a = gc_strtab_intern(h->atoms, "__dict__", 8);
    if (a < 0) {
        gc_fail(h, "out of memory");
        return 0;
    }
    gc__event(h, GC_EV_STORE, obj, d, 0, 0, 0);
    gc__inflight_del(h, GC_VAL_OBJ(d));
    gc__slot_write(h, obj, 0, GC_MKVAL(GC_V_STR, a), GC_VAL_OBJ(d));
    for (uint32_t i = 1; i < n; i++)
        gc__slot_write(h, obj, i, GC_UNBOUND, GC_UNBOUND);
    SET_OBJ(h, obj, OF_NSLOTS, 1);
    gc__set_flags(h, obj, GC_F_DICT, 0);
    return d;
}

static GC_NOINLINE int setattr_full(GcHeap *h, GcId obj, int32_t atom, GcValue v);

int gc_setattr(GcHeap *h, GcId obj, int32_t atom, GcValue v)
{
    GcValue key = GC_MKVAL(GC_V_STR, atom);
    GcObject *o = gc__o(h, obj);
    if (h->lean && !h->failed && o->kind == GC_KIND_INSTANCE && !(o->flags & GC_F_DICT)) {
        /* A lean run rebinding an attribute in the instance's values: the
         * key is among the class's shared keys already (class_key_insert
         * below would find it and change nothing), so only the value moves */
        for (uint32_t i = 0; i < gc_nslots(o); i++)
            if (gc__slot(o, i).key == key) {
                GcValue old = gc__slot(o, i).val;
                gc__slot_val_put(o, i, v);
                return gc_decref(h, old);
            }
        /* a new attribute with a shared key to spare: appended (the slot
         * search below would find nothing) */
        int32_t k = class_key_insert(h, o->cls, atom);
        if (k >= 0)
            return gc_slot_set(h, obj, gc_nslots(o), key, v);
        if (k != -1)
            return -1;
        /* no shared key left: the general path makes the dict (its
         * class_key_insert says -1 again, changing nothing) */
    }
    return setattr_full(h, obj, atom, v);
}

/* The general path of gc_setattr. */
static GC_NOINLINE int setattr_full(GcHeap *h, GcId obj, int32_t atom, GcValue v)
{
    GcValue key = GC_MKVAL(GC_V_STR, atom);
    GcId holder = gc_attr_holder(h, obj);
    if (holder == obj) {
        int32_t cls = gc__o(h, obj)->cls;
        if (class_key_insert(h, cls, atom) == -1) {
            holder = materialize_dict(h, obj);
            if (!holder)
                return -1;
        } else if (h->failed) {
            return -1;
        }
    }
    int i = gc_slot_find(h, holder, key);
    return gc_slot_set(h, holder, i >= 0 ? (uint32_t)i : gc_nslots(gc__o(h, holder)), key, v);
}

int gc_delattr(GcHeap *h, GcId obj, int32_t atom, GcValue *out)
{
    GcId holder = gc_attr_holder(h, obj);
    if (holder == obj && class_key_insert(h, gc__o(h, obj)->cls, atom) == -1) {
        /* Even a failing delete of a new name needs the key: 3.12 makes
         * the dict first, then raises AttributeError. */
        holder = materialize_dict(h, obj);
        if (!holder)
            return -1;
    }
    int i = gc_slot_find(h, holder, GC_MKVAL(GC_V_STR, atom));
    if (i < 0)
        return 1;
    return gc_slot_remove(h, holder, (uint32_t)i, out);
}

/* The order in which CPython visits and releases an instance's inline
 * values: the class's shared-key order.  Fills idx[0..n).  Returns 1 when
 * that is the slots' own order (the usual case: attributes first stored
 * in the same order by every instance), 0 otherwise. */
int gc__attr_order(const GcHeap *h, const GcObject *o, uint32_t *idx)
{
    uint32_t n = gc_nslots(o);
    for (uint32_t i = 0; i < n; i++)
        idx[i] = i;
    if (o->kind != GC_KIND_INSTANCE || (o->flags & GC_F_DICT) || n < 2 ||
        h->classkeys[o->cls].ordered)
        return 1;
    /* Each slot's place in the shared keys, looked up once (at most 30
     * keys are shared: more and the attributes live in a dict). */
    int32_t rank[GC_SHARED_KEYS_MAX_SIZE + 2];
    if (n > GC_SHARED_KEYS_MAX_SIZE + 2)
        return 1; /* cannot happen; the insertion order then */
    int sorted = 1;
    for (uint32_t i = 0; i < n; i++) {
        rank[i] = gc__class_key_lookup(h, o->cls, (int32_t)GC_VAL_PAYLOAD(gc__slot(o, i).key));
        if (i > 0 && rank[i] < rank[i - 1])
            sorted = 0;
    }
    if (sorted)
        return 1;
    for (uint32_t i = 1; i < n; i++) { /* insertion sort: n is small */
        uint32_t x = idx[i];
        uint32_t j = i;
        while (j > 0 && rank[idx[j - 1]] > rank[x]) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = x;
    }
    return 0;
}

uint32_t gc_referents(const GcHeap *h, GcId obj, GcValue *out)
{
    const GcObject *o = gc__o(h, obj);
    uint32_t n = gc_nslots(o), m = 0;
    if (o->kind == GC_KIND_WEAKREF) {
        if (GC_WR_CALLBACK(o) != GC_NONE)
            out[m++] = GC_WR_CALLBACK(o);
        return m;
    }
    if (o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE) {
        for (uint32_t k = n; k-- > 0;)
            out[m++] = gc__slot(o, k).val;
        return m;
    }
    int general = 0;
    for (uint32_t k = 0; o->kind == GC_KIND_DICT && k < n && !general; k++)
        general = GC_VAL_TAG(gc__slot(o, k).key) != GC_V_STR;
    uint32_t idx[GC_SHARED_KEYS_MAX_SIZE + 2];
    int plain =
        o->kind != GC_KIND_INSTANCE || n > GC_SHARED_KEYS_MAX_SIZE + 2 || gc__attr_order(h, o, idx);
    for (uint32_t k = 0; k < n; k++) {
        GcSlot s = gc__slot(o, plain ? k : idx[k]);
        out[m++] = s.val;
        if (general)
            out[m++] = s.key;
    }
    return m;
}

int gc_slot_remove(GcHeap *h, GcId obj, uint32_t i, GcValue *out)
{
    GcValue key;
    int rc = gc_dict_remove(h, obj, i, &key, out);
    GC_ASSERT(!GC_VAL_IS_OBJ(key));
    return rc;
}

int gc_dict_remove(GcHeap *h, GcId obj, uint32_t i, GcValue *key, GcValue *out)
{
    GcObject *o = gc__o(h, obj);
    uint32_t n = gc_nslots(o);
    *out = gc__slot(o, i).val;
    *key = o->kind == GC_KIND_DICT ? gc__slot(o, i).key : GC_UNBOUND;
    gc__event(h, GC_EV_SLOT_DEL, obj, 0, (int32_t)i, 0, 0);
    for (uint32_t k = i; k + 1 < n; k++) {
        GcSlot s = gc__slot(o, k + 1);
        gc__slot_write(h, obj, k, s.key, s.val);
    }
    gc__slot_write(h, obj, n - 1, GC_UNBOUND, GC_UNBOUND);
    SET_OBJ(h, obj, OF_NSLOTS, n - 1);
    gc__inflight_add(h, *out);
    gc__inflight_add(h, *key);
    return 0;
}
