/*
 * gc_heap.c: the heap itself.  Its creation and the module-level state
 * around the objects: the failure message, the Python versions, the growth
 * of the frame, temporary and object arrays, the read-only views, the GC
 * lists, the interpreter's frames, variables, temporaries and in-flight
 * references, statements and steps, the hidden (not drawn) allocations,
 * and the gc module's functions.
 *
 * The rest of the heap is in three files beside this one, all sharing
 * gc_internal.h: gc_object.c (objects: allocation, free lists, reference
 * counts, slots, attributes, weakrefs), gc_teardown.c (dealloc, the
 * trashcan, finalizers and weakref callbacks called from it, freeing the
 * heap) and gc_history.c (the write log, events, seeking, the budget).
 *
 * Start reading at gc_decref (gc_object.c) and gc__dealloc (gc_teardown.c).
 */
#include <string.h>
#include <time.h>

#include "gc_internal.h"

#define DEFAULT_MAX_OBJECTS 20000000

/* ---- small vectors ------------------------------------------------------ */

int gc__idvec_push_grow(IdVec *v, GcId id)
{
    if (GC_VEC_ROOM(v->v, v->n, v->cap, 64, gc_realloc) < 0)
        return -1;
    v->v[v->n++] = id;
    return 0;
}

void gc__reflist_free(RefList *r)
{
    gc_free(r->ids);
    gc_free(r->slots);
    memset(r, 0, sizeof *r);
}

int gc__reflist_push(RefList *r, GcId id, int32_t slot)
{
    if (GC_VEC_ROOM2(r->ids, r->slots, r->n, r->cap, 16, gc_realloc) < 0)
        return -1;
    r->ids[r->n] = id;
    r->slots[r->n] = slot;
    r->n++;
    return 0;
}

/* ---- failure -------------------------------------------------------------- */

int gc_fail(GcHeap *h, const char *fmt, ...)
{
    if (!h->failed) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(h->err, sizeof h->err, fmt, ap);
        va_end(ap);
        h->failed = 1;
    }
    return -1;
}

const char *gc_error(const GcHeap *h) { return h->err; }

int gc_limit_hit(const GcHeap *h) { return h->limit_hit; }

int gc_failed(const GcHeap *h)
{
    return h->failed;
}

int gc_is_lean(const GcHeap *h)
{
    return h->lean;
}

/* Each "python" value: its name in headers and the release whose measured
 * behaviour it follows; anything else is 3.12, the first row. */
static const struct {
    int python;
    const char *name, *release;
} versions[] = {
    {312, "3.12", "CPython 3.12.1"},
    {313, "3.13", "CPython 3.13.0"},
    {314, "3.14.5+", "CPython 3.14.2 and 3.15.0rc1"},
    {315, "3.15", "CPython 3.15.0rc1"},
};

static int version_row(int python)
{
    for (int i = 0; i < (int)(sizeof versions / sizeof versions[0]); i++)
        if (versions[i].python == python)
            return i;
    return 0;
}

const char *gc_python_name(int python)
{
    return versions[version_row(python)].name;
}

const char *gc_python_release(int python)
{
    return versions[version_row(python)].release;
}

int gc__frame_ensure(GcHeap *h, int depth, uint32_t n)
{
    if (n <= h->framecap[depth])
        return 0;
    size_t cap = h->framecap[depth];
    if (GC_VEC_RESERVE_Z(h->frames[depth].vars, n, cap, 8, gc_realloc) < 0)
        return gc_fail(h, "out of memory");
    memset(h->frames[depth].vars + h->framecap[depth], 0,
           (cap - h->framecap[depth]) * sizeof *h->frames[depth].vars);
    h->framecap[depth] = (uint32_t)cap;
    return 0;
}

static int frames_ensure(GcHeap *h, int32_t n)
{
    if (n <= h->capframes)
        return 0;
    int32_t cap = h->capframes;
    if (GC_VEC_RESERVE2(h->frames, h->framecap, n, cap, 16, gc_realloc) < 0)
        return gc_fail(h, "out of memory");
    memset(h->frames + h->capframes, 0, (size_t)(cap - h->capframes) * sizeof *h->frames);
    memset(h->framecap + h->capframes, 0, (size_t)(cap - h->capframes) * sizeof *h->framecap);
    h->capframes = cap;
    return 0;
}

static int temps_ensure(GcHeap *h, int32_t n)
{
    if (n <= h->captemps)
        return 0;
    int32_t cap = h->captemps;
    if (GC_VEC_RESERVE(h->temps, n, cap, 64, gc_realloc) < 0)
        return gc_fail(h, "out of memory");
    memset(h->temps + h->captemps, 0, (size_t)(cap - h->captemps) * sizeof *h->temps);
    h->captemps = cap;
    return 0;
}

/* The address space for the records (and their GcLife when the heap
 * records): every id up to max_objects, so that records never move. */
static int objs_reserve(GcHeap *h)
{
    size_t n = ((size_t)h->cfg.max_objects + GC_OBJ_CHUNK) & ~(size_t)(GC_OBJ_CHUNK - 1);
    h->objs = gc_reserve(n * sizeof *h->objs);
    if (!h->objs)
        return -1;
    h->reserved = (GcId)(n - 1); /* ids 0..n-1 (n - 1 >= max_objects) */
    if (h->lives && !(h->lifev = gc_reserve(n * sizeof *h->lifev)))
        return -1;
    return 0;
}

/* Storage for records up to n: the next chunks of the reserved range made
 * usable, never a copy (records do not move, gc.h).  They come zeroed
 * (fresh pages; a lean run zeroes a record again when it reuses it,
 * lean_record). */
int gc__objs_ensure(GcHeap *h, GcId n)
{
    if (!h->objs && objs_reserve(h) < 0)
        return gc_fail(h, "out of memory: %d objects", (int)n);
    while (n >= h->cap) {
        /* the first chunk alone (a small program stays small), then
         * GC_OBJ_GROUP chunks at a time, their pages present at once */
        int32_t k = h->nchunks, g = k == 0 ? 1 : (int32_t)GC_OBJ_GROUP;
        size_t left = ((size_t)h->reserved + 1) / GC_OBJ_CHUNK - (size_t)k;
        if (left == 0)
            return gc_fail(h, "out of memory: %d objects", (int)n);
        if ((size_t)g > left)
            g = (int32_t)left;
        size_t at = (size_t)k * GC_OBJ_CHUNK, len = (size_t)g * GC_OBJ_CHUNK;
        if (gc_commit(h->objs, at * sizeof *h->objs, len * sizeof *h->objs, k > 0) < 0 ||
            (h->lives &&
             gc_commit(h->lifev, at * sizeof *h->lifev, len * sizeof *h->lifev, k > 0) < 0))
            return gc_fail(h, "out of memory: %d objects", (int)n);
        h->nchunks += g;
        h->cap += g * GC_OBJ_CHUNK;
    }
    return 0;
}

static void frame_set(GcHeap *h, int depth, int field, int64_t v)
{
    GcFrame *f = &h->frames[depth];
    int64_t old = field == FF_FUNC ? f->func
                  : field == FF_SELF ? f->self_obj
                  : field == FF_LOC  ? f->loc
                                     : (int64_t)f->nvars;
    if (h->record)
        gc__log(h, W_FRAME, (uint8_t)field, depth, 0, old, v);
    if (field == FF_FUNC)
        f->func = (int32_t)v;
    else if (field == FF_SELF)
        f->self_obj = (GcId)v;
    else if (field == FF_LOC)
        f->loc = (int32_t)v;
    else
        f->nvars = (uint32_t)v;
}

/* ---- heap life cycle ------------------------------------------------- */

GcHeap *gc_heap_new(const GcConfig *cfg, GcStrtab *atoms, const GcHost *host)
{
    GcHeap *h = gc_calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->cfg = *cfg;
    if (h->cfg.python < 312 || h->cfg.python > 315)
        h->cfg.python = 312;
    /* Hidden allocations: 3.14 and 3.15 make the ones 3.13 makes. */
    if (h->cfg.internals < 312 || h->cfg.internals > 315)
        h->cfg.internals = h->cfg.python;
    if (h->cfg.internals > 313)
        h->cfg.internals = 313;
    if (h->cfg.max_objects <= 0)
        h->cfg.max_objects = DEFAULT_MAX_OBJECTS;
    if (h->cfg.max_objects > GC_MAX_ID) /* what a record's id holds */
        h->cfg.max_objects = GC_MAX_ID;
    if (h->cfg.history_budget <= 0)
        h->cfg.history_budget = gc_history_default_budget();
    h->ck_every = !h->cfg.record                 ? 0
                  : h->cfg.checkpoint_every == 0 ? GC_CHECKPOINT_EVERY
                  : h->cfg.checkpoint_every > 0  ? h->cfg.checkpoint_every
                                                 : 0;
    h->ck_next = h->ck_every;
    h->coarse_from = -1;
    h->fine_start = h->fine_end = -1;
    h->stopped_at = -1;
    if (h->cfg.fine_from > 0) { /* a recomputed history starts statement-level */
        h->coarse = 1;
        h->coarse_from = 0;
    }
    h->atoms = atoms;
    if (host)
        h->host = *host;
    h->record = cfg->record;
    h->lean = cfg->lean && !cfg->record && cfg->collector == GC_COLLECTOR_CPYTHON;
    h->lives = cfg->record;
    gc__tags_init(h);
    h->loc = -1;
    h->log_step = -1;
    h->c_units = 2; /* the module's frame, entered from C */
    h->g[GF_ENABLED] = 1;
    h->g[GF_T0] = h->cfg.python >= 313 ? 2000 : 700;
    h->g[GF_T1] = 10;
    h->g[GF_T2] = 10;
    h->g[GF_GEN] = -1;
    h->g[GF_STEP] = -1;
    if (gc__objs_ensure(h, 1) < 0 || frames_ensure(h, 4) < 0 || temps_ensure(h, 64) < 0) {
        gc_heap_free(h);
        return NULL;
    }
    /* The module frame. */
    h->g[GF_NFRAMES] = 1;
    h->g[GF_SU_LIST] = GC_LIST_GEN2; /* at the head: as after a first gc.collect() */
    h->g[GF_HIDDEN + GC_LIST_GEN2] = h->cfg.startup_objects;
    h->g[GF_UNTRACK_LATER] = h->cfg.startup_untrack_later;
    h->frames[0].func = -1;
    h->frames[0].loc = -1;
    gc__event(h, GC_EV_BEGIN, 0, 0, -1, 0, 0);
    return h;
}

GcStrtab *gc_atoms(const GcHeap *h) { return h->atoms; }

/* ---- reading ---------------------------------------------------------- */

GcId gc_max_id(const GcHeap *h)
{
    return (GcId)h->g[GF_MAXID];
}

const GcObject *gc_object(const GcHeap *h, GcId id)
{
    if (id <= 0 || id > h->g[GF_MAXID])
        return NULL;
    return gc__o(h, id);
}

GcId gc_object_id(const GcHeap *h, const GcObject *o)
{
    return gc__id(h, o);
}

uint32_t gc_slot_cap(const GcObject *o)
{
    return gc__cap(o);
}

int32_t gc_born(const GcHeap *h, GcId id)
{
    if (id <= 0 || id > h->g[GF_MAXID] || !h->lives)
        return -1;
    return gc__life(h, id)->born;
}

int32_t gc_died(const GcHeap *h, GcId id)
{
    if (id <= 0 || id > h->g[GF_MAXID])
        return -1;
    if (!h->lives) /* no history: freed at event 0, as the one it has */
        return gc__o(h, id)->state == GC_STATE_FREED ? 0 : -1;
    return gc__life(h, id)->died;
}

const GcGlobals *gc_globals(const GcHeap *h)
{
    GcGlobals *v = &((GcHeap *)h)->view;
    const int64_t *g = h->g;
    v->python = h->cfg.python;
    v->collector = h->cfg.collector;
    v->enabled = (int)g[GF_ENABLED];
    v->collecting = (int)g[GF_COLLECTING];
    for (int i = 0; i < 3; i++) {
        v->count[i] = g[GF_COUNT0 + i];
        v->threshold[i] = g[GF_T0 + i];
        v->stats[i].collections = g[GF_STATS + i * 3];
        v->stats[i].collected = g[GF_STATS + i * 3 + 1];
        v->stats[i].uncollectable = g[GF_STATS + i * 3 + 2];
    }
    v->long_lived_total = g[GF_LLT];
    v->long_lived_pending = g[GF_LLP];
    v->phase = (GcPhase)g[GF_PHASE];
    v->gen = (int)g[GF_GEN];
    v->auto_collect = (int)g[GF_AUTO];
    v->scan = (GcId)g[GF_SCAN];
    v->allocated = g[GF_ALLOCATED];
    v->freed = g[GF_FREED];
    v->step = (int32_t)g[GF_STEP];
    v->errors = (int32_t)g[GF_ERRORS];
    return v;
}

GcListView gc_list(const GcHeap *h, GcListId l)
{
    GcListView v = {(GcId)h->g[GF_LFIRST(l)], (GcId)h->g[GF_LLAST(l)], h->g[GF_LLEN(l)]};
    return v;
}

int gc_frame_count(const GcHeap *h) { return (int)h->g[GF_NFRAMES]; }

const GcFrame *gc_frame(const GcHeap *h, int depth)
{
    if (depth < 0 || depth >= h->g[GF_NFRAMES])
        return NULL;
    return &h->frames[depth];
}

int gc_temp_count(const GcHeap *h) { return (int)h->g[GF_NTEMPS]; }

GcValue gc_temp(const GcHeap *h, int i)
{
    if (i < 0 || i >= gc_temp_count(h))
        return GC_UNBOUND;
    return h->temps[i];
}

const char *gc_kind_name(GcKind k)
{
    switch (k) {
    case GC_KIND_INSTANCE: return "instance";
    case GC_KIND_LIST: return "list";
    case GC_KIND_TUPLE: return "tuple";
    case GC_KIND_DICT: return "dict";
    case GC_KIND_WEAKREF: return "weakref";
    }
    return "?";
}

const char *gc_list_name(GcListId l)
{
    static const char *names[GC_LIST_COUNT] = {"untracked",  "gen0",  "gen1",       "gen2",
                                               "permanent",  "unreachable", "finalizers",
                                               "wrcb_to_call", "seen", "final_unreachable"};
    return (unsigned)l < GC_LIST_COUNT ? names[l] : "?";
}

const char *gc_phase_name(GcPhase p)
{
    static const char *names[GC_PHASE_COUNT] = {
        "idle", "start", "merge", "update_refs", "subtract_refs", "move_unreachable",
        "untrack_tuples", "promote", "legacy_finalizers", "handle_weakrefs",
        "finalize_garbage", "handle_resurrected", "delete_garbage", "done", "mark", "sweep"};
    return (unsigned)p < GC_PHASE_COUNT ? names[p] : "?";
}

const char *gc_type_name(const GcHeap *h, GcId id)
{
    const GcObject *o = gc_object(h, id);
    if (!o)
        return "?";
    if (o->kind == GC_KIND_INSTANCE && o->cls >= 0 && o->cls < h->nclasses)
        return gc_strtab_get(h->atoms, h->classes[o->cls].name);
    return gc_kind_name((GcKind)o->kind);
}

GcStepLog gc_step_log(const GcHeap *h)
{
    GcStepLog l = {h->freed.v, h->freed.n, h->finalized.v, h->finalized.n, h->colls, h->ncolls};
    return l;
}

/* ---- lists --------------------------------------------------------------- */

void gc__hidden_move(GcHeap *h, GcListId from, GcListId to)
{
    if (from == to || !h->g[GF_HIDDEN + from])
        return;
    if (h->g[GF_HIDDEN_ONE] == from)
        SET_G(h, GF_HIDDEN_ONE, to);
    SET_G(h, GF_HIDDEN + to, h->g[GF_HIDDEN + to] + h->g[GF_HIDDEN + from]);
    SET_G(h, GF_HIDDEN + from, 0);
}

/* gc_list_merge: appends every object of `from` to the tail of `to`, in
 * order.  O(n) when recording, because each object records its list (the
 * history logs every change); O(1) in a lean run, whose objects carry
 * list tags (gc__tags_merge). */
void gc__list_merge(GcHeap *h, GcListId from, GcListId to)
{
    if (from == to)
        return;
    gc__hidden_move(h, from, to);
    if (h->g[GF_SU_LIST] == from) {
        SET_G(h, GF_SU_LIST, to);
        if (!h->g[GF_SU_PREV])
            SET_G(h, GF_SU_PREV, h->g[GF_LLAST(to)]);
    }
    if (h->g[GF_LLEN(from)] == 0)
        return;
    GcId first = (GcId)h->g[GF_LFIRST(from)];
    GcId last = (GcId)h->g[GF_LLAST(from)];
    GcId tolast = (GcId)h->g[GF_LLAST(to)];
    if (!h->lean)
        for (GcId id = first; id; id = gc__o(h, id)->next)
            SET_OBJ(h, id, OF_LIST, to);
    if (tolast) {
        SET_OBJ(h, tolast, OF_NEXT, first);
        SET_OBJ(h, first, OF_PREV, tolast);
    } else {
        SET_G(h, GF_LFIRST(to), first);
    }
    SET_G(h, GF_LLAST(to), last);
    SET_G(h, GF_LLEN(to), h->g[GF_LLEN(to)] + h->g[GF_LLEN(from)]);
    SET_G(h, GF_LFIRST(from), 0);
    SET_G(h, GF_LLAST(from), 0);
    SET_G(h, GF_LLEN(from), 0);
    if (h->lean)
        gc__tags_merge(h, from, to); /* after the lengths: it may free empty lists' tags */
}

/* ---- frames and temporaries ------------------------------------------ */

int gc_frame_push(GcHeap *h, int32_t func, GcId self_obj)
{
    int32_t d = (int32_t)h->g[GF_NFRAMES];
    if (frames_ensure(h, d + 1) < 0)
        return -1;
    frame_set(h, d, FF_FUNC, func);
    frame_set(h, d, FF_SELF, self_obj);
    frame_set(h, d, FF_LOC, -1);
    frame_set(h, d, FF_NVARS, 0);
    SET_G(h, GF_NFRAMES, d + 1);
    gc__event(h, GC_EV_CALL, self_obj, 0, -1, func, d);
    return 0;
}

int gc_frame_enter(GcHeap *h, int32_t func, const int32_t *names, int32_t n, int nargs)
{
    GC_ASSERT(nargs <= n && nargs <= h->g[GF_NTEMPS]);
    if (gc_frame_push(h, func, 0) < 0)
        return -1;
    int d = (int)h->g[GF_NFRAMES] - 1;
    if (!h->lean) { /* the history logs each variable's creation and binding */
        for (int32_t i = 0; i < n; i++)
            if (gc_var_declare(h, d, names[i]) < 0)
                return -1;
        for (int i = nargs - 1; i >= 0; i--) {
            int32_t at = i;
            if (gc_var_set_hint(h, d, names[i], gc_temp_pop(h), &at) < 0)
                return -1;
        }
        return 0;
    }
    /* A lean run: the same end state written directly (the names are
     * distinct, the frame has no variables yet, nothing is logged, and
     * moving a reference from the stack into a variable changes no count) */
    if (gc__frame_ensure(h, d, (uint32_t)n) < 0)
        return -1;
    GcFrame *f = &h->frames[d];
    int32_t top = (int32_t)h->g[GF_NTEMPS] - nargs;
    for (int32_t i = 0; i < n; i++) {
        f->vars[i].key = GC_MKVAL(GC_V_STR, names[i]);
        f->vars[i].val = i < nargs ? h->temps[top + i] : GC_UNBOUND;
    }
    for (int i = 0; i < nargs; i++)
        h->temps[top + i] = GC_UNBOUND;
    h->g[GF_NTEMPS] = top;
    f->nvars = (uint32_t)n;
    return 0;
}

int gc_frame_pop(GcHeap *h)
{
    int32_t d = (int32_t)h->g[GF_NFRAMES] - 1;
    GC_ASSERT(d > 0);
    GcFrame *f = &h->frames[d];
    /* Drop the variables as frame clearing does: in order up to 3.13
     * (_PyFrame_ClearExceptCode), last first from 3.14 (_PyFrame_ClearLocals
     * pops them off the top).  A decref can run a __del__ that pushes
     * frames and moves h->frames: re-read it. */
    uint32_t n = h->frames[d].nvars;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t i = h->cfg.python >= 314 ? n - 1 - k : k;
        f = &h->frames[d];
        GcValue v = f->vars[i].val;
        if (v != GC_UNBOUND) {
            if (h->record)
                gc__log(h, W_VARV, 0, d, i, (int64_t)v, (int64_t)GC_UNBOUND);
            f->vars[i].val = GC_UNBOUND;
            gc__inflight_add(h, v);
            if (gc_decref(h, v) < 0)
                return -1;
        }
    }
    gc__event(h, GC_EV_RETURN, 0, 0, -1, h->frames[d].func, d);
    f = &h->frames[d];
    for (uint32_t i = 0; i < f->nvars; i++) {
        if (h->record)
            gc__log(h, W_VARK, 0, d, i, (int64_t)f->vars[i].key, 0);
        f->vars[i].key = 0;
    }
    frame_set(h, d, FF_NVARS, 0);
    SET_G(h, GF_NFRAMES, d);
    return 0;
}

/* The index of name_atom's variable in frame depth, hint first; nvars if
 * it has none. */
static uint32_t var_index(const GcFrame *f, int32_t name_atom, int32_t hint)
{
    GcValue key = GC_MKVAL(GC_V_STR, name_atom);
    if (hint >= 0 && (uint32_t)hint < f->nvars && f->vars[hint].key == key)
        return (uint32_t)hint;
    uint32_t i = 0;
    while (i < f->nvars && f->vars[i].key != key)
        i++;
    return i;
}

GcValue gc_var_get(const GcHeap *h, int depth, int32_t name_atom)
{
    int32_t hint = -1;
    return gc_var_get_hint(h, depth, name_atom, &hint);
}

GcValue gc_var_get_hint(const GcHeap *h, int depth, int32_t name_atom, int32_t *hint)
{
    const GcFrame *f = &h->frames[depth];
    uint32_t i = var_index(f, name_atom, *hint);
    if (i == f->nvars)
        return GC_UNBOUND;
    *hint = (int32_t)i;
    return f->vars[i].val;
}

int gc_var_declare(GcHeap *h, int depth, int32_t name_atom)
{
    GcFrame *f = &h->frames[depth];
    GcValue key = GC_MKVAL(GC_V_STR, name_atom);
    for (uint32_t i = 0; i < f->nvars; i++)
        if (f->vars[i].key == key)
            return 0;
    uint32_t i = f->nvars;
    if (gc__frame_ensure(h, depth, i + 1) < 0)
        return -1;
    f = &h->frames[depth];
    if (h->record)
        gc__log(h, W_VARK, 0, depth, i, (int64_t)f->vars[i].key, (int64_t)key);
    f->vars[i].key = key;
    f->vars[i].val = GC_UNBOUND;
    frame_set(h, depth, FF_NVARS, i + 1);
    return 0;
}

int gc_var_set(GcHeap *h, int depth, int32_t name_atom, GcValue v)
{
    int32_t hint = -1;
    return gc_var_set_hint(h, depth, name_atom, v, &hint);
}

static GC_NOINLINE int var_set_full(GcHeap *h, int depth, int32_t name_atom, GcValue v,
                                    int32_t *hint);

int gc_var_set_hint(GcHeap *h, int depth, int32_t name_atom, GcValue v, int32_t *hint)
{
    GcFrame *f = &h->frames[depth];
    if (h->lean && *hint >= 0 && (uint32_t)*hint < f->nvars &&
        f->vars[*hint].key == GC_MKVAL(GC_V_STR, name_atom)) {
        /* a lean run rebinding a variable found at its hint: what
         * var_set_full does then (no event, no log, no in-flight) */
        GcValue old = f->vars[*hint].val;
        f->vars[*hint].val = v;
        return gc_decref(h, old);
    }
    return var_set_full(h, depth, name_atom, v, hint);
}

/* The general path of gc_var_set_hint (apart, so that its fast path saves
 * no registers for it). */
static GC_NOINLINE int var_set_full(GcHeap *h, int depth, int32_t name_atom, GcValue v,
                                    int32_t *hint)
{
    GcFrame *f = &h->frames[depth];
    GcValue key = GC_MKVAL(GC_V_STR, name_atom);
    uint32_t i = var_index(f, name_atom, *hint);
    *hint = (int32_t)i;
    if (i == f->nvars) {
        if (v == GC_UNBOUND)
            return 0;
        if (gc__frame_ensure(h, depth, i + 1) < 0)
            return -1;
        f = &h->frames[depth];
        if (h->record)
            gc__log(h, W_VARK, 0, depth, i, 0, (int64_t)key);
        f->vars[i].key = key;
        f->vars[i].val = GC_UNBOUND;
        frame_set(h, depth, FF_NVARS, i + 1);
        f = &h->frames[depth];
    }
    GcValue old = f->vars[i].val;
    gc__event(h, GC_EV_BIND, GC_VAL_IS_OBJ(v) ? GC_VAL_ID(v) : 0, 0, (int32_t)i, depth, name_atom);
    gc__inflight_del(h, v);
    if (h->record)
        gc__log(h, W_VARV, 0, depth, i, (int64_t)old, (int64_t)v);
    h->frames[depth].vars[i].val = v;
    gc__inflight_add(h, old);
    return gc_decref(h, old);
}

GcValue gc_var_take(GcHeap *h, int depth, int32_t name_atom)
{
    const GcFrame *f = &h->frames[depth];
    uint32_t i = var_index(f, name_atom, -1);
    if (i == f->nvars || f->vars[i].val == GC_UNBOUND)
        return GC_UNBOUND;
    GcValue v = f->vars[i].val;
    gc__event(h, GC_EV_BIND, 0, 0, (int32_t)i, depth, name_atom);
    if (h->record)
        gc__log(h, W_VARV, 0, depth, i, (int64_t)v, (int64_t)GC_UNBOUND);
    h->frames[depth].vars[i].val = GC_UNBOUND;
    gc__inflight_add(h, v);
    return v;
}

/*
 * References "in flight": every reference that no slot, variable or stack
 * entry holds yet (a new object, an INCREF before the store, a value just
 * popped or removed before its DECREF) sits in this logged list, so that
 * every micro-step of the history accounts for every count (gc_check) and
 * the window can say who holds what.  Producers add; consumers (push,
 * stores, DECREF) take one occurrence out.
 */
void gc__inflight_push(GcHeap *h, GcValue v)
{
    int32_t n = (int32_t)h->g[GF_NINFL];
    if (GC_VEC_ROOM(h->infl, n, h->capinfl, 32, gc_realloc) < 0) {
        gc_fail(h, "out of memory");
        return;
    }
    if (h->record)
        gc__log(h, W_INFL, 0, 0, (uint32_t)n, 0, (int64_t)v);
    h->infl[n] = v;
    SET_G(h, GF_NINFL, n + 1);
}

void gc__inflight_take(GcHeap *h, GcValue v)
{
    int32_t n = (int32_t)h->g[GF_NINFL];
    for (int32_t i = n - 1; i >= 0; i--) {
        if (h->infl[i] != v)
            continue;
        if (i != n - 1) {
            if (h->record)
                gc__log(h, W_INFL, 0, 0, (uint32_t)i, (int64_t)v, (int64_t)h->infl[n - 1]);
            h->infl[i] = h->infl[n - 1];
        }
        if (h->record)
            gc__log(h, W_INFL, 0, 0, (uint32_t)(n - 1), (int64_t)h->infl[n - 1], 0);
        h->infl[n - 1] = 0;
        SET_G(h, GF_NINFL, n - 1);
        return;
    }
}

static GC_NOINLINE int temp_push_full(GcHeap *h, GcValue v)
{
    int32_t n = (int32_t)h->g[GF_NTEMPS];
    if (temps_ensure(h, n + 1) < 0)
        return -1;
    gc__inflight_del(h, v);
    if (h->record)
        gc__log(h, W_TEMP, 0, 0, (uint32_t)n, (int64_t)h->temps[n], (int64_t)v);
    h->temps[n] = v;
    SET_G(h, GF_NTEMPS, n + 1);
    return 0;
}

int gc_temp_push(GcHeap *h, GcValue v)
{
    int32_t n = (int32_t)h->g[GF_NTEMPS];
    if (!h->lean || n >= h->captemps)
        return temp_push_full(h, v);
    h->temps[n] = v;
    h->g[GF_NTEMPS] = n + 1;
    return 0;
}

GcValue gc_temp_pop(GcHeap *h)
{
    int32_t n = (int32_t)h->g[GF_NTEMPS];
    if (!h->lean)
        return gc_temp_take(h, n - 1);
    GC_ASSERT(n > 0);
    GcValue v = h->temps[n - 1];
    h->temps[n - 1] = GC_UNBOUND;
    h->g[GF_NTEMPS] = n - 1;
    return v;
}

GcValue gc_temp_take(GcHeap *h, int i)
{
    int32_t n = (int32_t)h->g[GF_NTEMPS];
    GC_ASSERT(i >= 0 && i < n);
    GcValue v = h->temps[i];
    for (int32_t k = i; k + 1 < n; k++) {
        if (h->record)
            gc__log(h, W_TEMP, 0, 0, (uint32_t)k, (int64_t)h->temps[k], (int64_t)h->temps[k + 1]);
        h->temps[k] = h->temps[k + 1];
    }
    if (h->record)
        gc__log(h, W_TEMP, 0, 0, (uint32_t)(n - 1), (int64_t)h->temps[n - 1], (int64_t)GC_UNBOUND);
    h->temps[n - 1] = GC_UNBOUND;
    SET_G(h, GF_NTEMPS, n - 1);
    gc__inflight_add(h, v);
    return v;
}

int gc_inflight_count(const GcHeap *h) { return (int)h->g[GF_NINFL]; }

GcValue gc_inflight(const GcHeap *h, int i)
{
    if (i < 0 || i >= h->g[GF_NINFL])
        return GC_UNBOUND;
    return h->infl[i];
}

/* ---- statements and steps ---------------------------------------------- */

static GC_NOINLINE void stmt_full(GcHeap *h, int32_t step, int32_t loc)
{
    int depth = (int)h->g[GF_NFRAMES] - 1;
    if (h->lean && h->dead)
        gc__lean_recycle(h);
    if (depth == 0 && step != h->log_step) {
        h->log_step = step;
        h->freed.n = 0;
        h->finalized.n = 0;
        h->ncolls = 0;
        h->step_alloc0 = h->g[GF_ALLOCATED];
        h->step_args_made = 0;
        h->step_args_freed = 0;
    }
    /* The event first: the new step and line belong to this micro-step. */
    h->loc = loc;
    int32_t ev = gc__event(h, GC_EV_STMT, 0, 0, -1, loc, depth);
    if (ev >= 0)
        h->events[ev].step = step;
    if (step != h->g[GF_STEP])
        SET_G(h, GF_STEP, step);
    frame_set(h, depth, FF_LOC, loc);
}

void gc_stmt(GcHeap *h, int32_t step, int32_t loc)
{
    int depth = (int)h->g[GF_NFRAMES] - 1;
    if (h->record || (h->lean && h->dead) || (depth == 0 && step != h->log_step) ||
        step != h->g[GF_STEP]) {
        stmt_full(h, step, loc);
        return;
    }
    /* What stmt_full does when only the line moves, without the register
     * saves of its calls: every statement of a run comes here. */
    h->loc = loc;
    h->frames[depth].loc = loc;
}

void gc_step_end(GcHeap *h)
{
    if (h->cfg.collector == GC_COLLECTOR_REFCOUNT)
        gc__update_leaks(h);
    /* A summary of the statement for the caption (gc.h): the argument
     * tuples were real allocations, but "7 objects freed" after seven
     * Node(...) calls would say the nodes went. */
    int64_t m = 0;
    for (int32_t i = 0; i < h->ncolls; i++)
        m += h->colls[i].collected;
    int64_t temps = h->step_args_freed < h->freed.n ? h->step_args_freed : h->freed.n;
    int64_t made = h->g[GF_ALLOCATED] - h->step_alloc0 - h->step_args_made;
    made = made < 0 ? 0 : made > INT32_MAX ? INT32_MAX : made;
    gc__event(h, GC_EV_STEP_END, (GcId)m, (GcId)temps, h->ncolls, h->freed.n - temps,
              h->finalized.n + (made << 32));
}

void gc_note_args_tuple(GcHeap *h, int died)
{
    if (died)
        h->step_args_freed++;
    else
        h->step_args_made++;
}

void gc_output_event(GcHeap *h, int64_t start, int64_t end)
{
    gc__event(h, GC_EV_OUTPUT, 0, 0, -1, start, end);
}

void gc_count_hidden(GcHeap *h, int n)
{
    for (; n > 0; n--)
        gc__count_alloc(h);
    for (; n < 0; n++)
        if (h->g[GF_COUNT0] > 0)
            SET_G(h, GF_COUNT0, h->g[GF_COUNT0] - 1);
}

void gc_hidden_alloc(GcHeap *h, GcKind kind, int32_t size)
{
    int fl = gc__freelist_of(kind, size);
    if (fl >= 0 && h->g[fl] > 0)
        SET_G(h, fl, h->g[fl] - 1);
    else
        gc__count_alloc(h);
}

void gc_hidden_live(GcHeap *h, int64_t n)
{
    SET_G(h, GF_HIDDEN + GC_LIST_GEN0, h->g[GF_HIDDEN + GC_LIST_GEN0] + n);
}

void gc_hidden_dead(GcHeap *h, GcListId l)
{
    if (h->g[GF_HIDDEN + l] > 0)
        SET_G(h, GF_HIDDEN + l, h->g[GF_HIDDEN + l] - 1);
}

int64_t gc_hidden_in(const GcHeap *h, GcListId l)
{
    return h->g[GF_HIDDEN + l];
}

void gc_hidden_one(GcHeap *h, int alive)
{
    GcListId l = (GcListId)h->g[GF_HIDDEN_ONE];
    if (alive && l == GC_LIST_NONE) {
        gc_hidden_live(h, 1);
        SET_G(h, GF_HIDDEN_ONE, GC_LIST_GEN0);
    } else if (!alive && l != GC_LIST_NONE) {
        SET_G(h, GF_HIDDEN + l, h->g[GF_HIDDEN + l] - 1);
        SET_G(h, GF_HIDDEN_ONE, GC_LIST_NONE);
    }
}

void gc_hidden_untrack(GcHeap *h, int64_t n, int later)
{
    int f = later ? GF_UNTRACK_LATER : GF_UNTRACK_NEXT;
    SET_G(h, f, h->g[f] + n);
}

void gc__hidden_full_collection(GcHeap *h, GcListId young)
{
    int64_t n = h->g[GF_UNTRACK_NEXT];
    if (n > h->g[GF_HIDDEN + young]) /* frozen meanwhile: not in this collection */
        return;
    SET_G(h, GF_HIDDEN + young, h->g[GF_HIDDEN + young] - n);
    SET_G(h, GF_UNTRACK_NEXT, h->g[GF_UNTRACK_LATER]);
    SET_G(h, GF_UNTRACK_LATER, 0);
}

void gc_hidden_free(GcHeap *h, GcKind kind, int32_t size)
{
    int fl = gc__freelist_of(kind, size);
    if (fl >= 0 && h->g[fl] < gc__freelist_max(fl))
        SET_G(h, fl, h->g[fl] + 1);
    else if (h->g[GF_COUNT0] > 0)
        SET_G(h, GF_COUNT0, h->g[GF_COUNT0] - 1);
}

void gc_hidden_cfunc(GcHeap *h, int alive)
{
    int64_t free = h->g[GF_FL_CFUNC];
    if (alive && free > 0)
        SET_G(h, GF_FL_CFUNC, free - 1);
    else if (alive)
        gc__count_alloc(h);
    else if (free < GC_FREELIST_CFUNC)
        SET_G(h, GF_FL_CFUNC, free + 1);
    else if (h->g[GF_COUNT0] > 0)
        SET_G(h, GF_COUNT0, h->g[GF_COUNT0] - 1);
}

void gc_error_event(GcHeap *h, const char *text)
{
    snprintf(h->exc, sizeof h->exc, "%s", text ? text : "");
    SET_G(h, GF_ERRORS, 1);
    gc__event(h, GC_EV_ERROR, 0, 0, -1, 0, 0);
}

/* ---- gc module functions ------------------------------------------------ */

void gc_enable(GcHeap *h, int on) { SET_G(h, GF_ENABLED, on ? 1 : 0); }

void gc_set_threshold(GcHeap *h, int n, const int64_t *t)
{
    for (int i = 0; i < n && i < 3; i++)
        SET_G(h, GF_T0 + i, t[i]);
}

void gc_freeze(GcHeap *h)
{
    /* gc.freeze(): every generation into the permanent one, counts to 0;
     * long_lived_* untouched. */
    for (int g = 0; g < 3; g++) {
        gc__list_merge(h, (GcListId)(GC_LIST_GEN0 + g), GC_LIST_PERMANENT);
        SET_G(h, GF_COUNT0 + g, 0);
    }
}

void gc_unfreeze(GcHeap *h) { gc__list_merge(h, GC_LIST_PERMANENT, GC_LIST_GEN2); }

int gc_safe_point(GcHeap *h)
{
    if (!h->g[GF_SCHEDULED])
        return 0;
    SET_G(h, GF_SCHEDULED, 0);
    if (!h->g[GF_ENABLED] || h->g[GF_COLLECTING])
        return 0;
    return gc__collect_generations(h);
}
