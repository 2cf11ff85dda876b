/*
 * gc_heap.c: the object heap.  Allocation and tracking, reference counts,
 * slots, frames and temporaries, the history of writes (undo/redo), and the
 * teardown of an object whose count reaches zero (subtype_dealloc order),
 * done with an explicit worklist so that a chain of a million objects
 * freed by one DECREF never deepens the C stack.
 *
 * Start reading at gc_decref and gc__dealloc.
 */
#include <string.h>
#include <time.h>

#include "gc_internal.h"

#define DEFAULT_MAX_OBJECTS 20000000

/* The hot entry points (gc_incref, gc_decref, gc_temp_push, gc_temp_pop)
 * are a few instructions in a lean run and call out of line for the rest,
 * so that link-time optimisation inlines them into the interpreter. */
#define GC_NOINLINE __attribute__((noinline))

/* ---- small vectors ------------------------------------------------------ */

int gc__idvec_push(IdVec *v, GcId id)
{
    if (v->n == v->cap) {
        int32_t cap = v->cap ? v->cap * 2 : 64;
        GcId *p = gc_realloc(v->v, (size_t)cap * sizeof *p);
        if (!p)
            return -1;
        v->v = p;
        v->cap = cap;
    }
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
    if (r->n == r->cap) {
        int32_t cap = r->cap ? r->cap * 2 : 16;
        GcId *a = gc_realloc(r->ids, (size_t)cap * sizeof *a);
        if (!a)
            return -1;
        r->ids = a;
        int32_t *b = gc_realloc(r->slots, (size_t)cap * sizeof *b);
        if (!b)
            return -1;
        r->slots = b;
        r->cap = cap;
    }
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

/* ---- the key index (see gc_internal.h) ------------------------------- */

static inline uint32_t *ix_table(GcObject *o)
{
    return (uint32_t *)(o->s_.heap + o->cap);
}
static inline const uint32_t *ix_ctable(const GcObject *o)
{
    return (const uint32_t *)(o->s_.heap + o->cap);
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
    uint32_t *t = ix_table(o), mask = 2 * o->cap - 1;
    const GcSlot *s = o->s_.heap;
    uint32_t j = ix_home(key, mask);
    while (t[j] && s[t[j] - 1].key != key)
        j = (j + 1) & mask;
    t[j] = p + 1;
}

/* Removes key's entry if it points at slot p (key still there); the
 * entries after it move back (deletion without tombstones). */
static void ix_del(GcObject *o, GcValue key, uint32_t p)
{
    uint32_t *t = ix_table(o), mask = 2 * o->cap - 1;
    const GcSlot *s = o->s_.heap;
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
    memset(ix_table(o), 0, (size_t)o->cap * 2 * sizeof(uint32_t));
    const GcSlot *s = o->s_.heap;
    for (uint32_t p = 0; p < o->cap; p++)
        if (s[p].key != GC_UNBOUND)
            ix_put(o, s[p].key, p);
}

void gc__slot_key_store(GcObject *o, uint32_t i, GcValue key)
{
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

int gc__ensure_slots(GcHeap *h, GcObject *o, uint32_t n)
{
    if (n <= 1 || n <= o->cap)
        return 0;
    uint32_t cap = o->cap < 4 ? 4 : o->cap;
    while (cap < n)
        cap *= 2;
    /* A dict's block holds its key index after the slots. */
    size_t bytes = (size_t)cap * sizeof(GcSlot);
    if (o->kind == GC_KIND_DICT && cap >= GC_IX_MIN)
        bytes += (size_t)cap * 2 * sizeof(uint32_t);
    GcSlot *s;
    uint32_t had = o->cap <= 1 ? 1 : o->cap;
    if (o->cap <= 1) {
        s = gc_malloc(bytes);
        if (!s)
            return gc_fail(h, "out of memory");
        s[0] = o->s_.one;
    } else {
        s = gc_realloc(o->s_.heap, bytes);
        if (!s)
            return gc_fail(h, "out of memory");
    }
    memset(s + had, 0, (size_t)(cap - had) * sizeof *s);
    o->s_.heap = s;
    o->cap = cap;
    if (gc__has_ix(o))
        ix_rebuild(o);
    return 0;
}

void gc__slot_write_full(GcHeap *h, GcId id, uint32_t i, GcValue key, GcValue val)
{
    GcObject *o = &h->objs[id];
    GcSlot *s = gc__slots(o);
    if (h->record) {
        if (s[i].key != key)
            gc__log(h, W_SLOTK, 0, id, i, (int64_t)s[i].key, (int64_t)key);
        gc__log(h, W_SLOTV, 0, id, i, (int64_t)s[i].val, (int64_t)val);
    }
    gc__slot_key_store(o, i, key);
    s[i].val = val;
}

static int frame_ensure(GcHeap *h, int depth, uint32_t n)
{
    if (n <= h->framecap[depth])
        return 0;
    uint32_t cap = h->framecap[depth] ? h->framecap[depth] * 2 : 8;
    while (cap < n)
        cap *= 2;
    GcSlot *v = gc_realloc(h->frames[depth].vars, cap * sizeof *v);
    if (!v)
        return gc_fail(h, "out of memory");
    memset(v + h->framecap[depth], 0, (cap - h->framecap[depth]) * sizeof *v);
    h->frames[depth].vars = v;
    h->framecap[depth] = cap;
    return 0;
}

static int frames_ensure(GcHeap *h, int32_t n)
{
    if (n <= h->capframes)
        return 0;
    int32_t cap = h->capframes ? h->capframes * 2 : 16;
    while (cap < n)
        cap *= 2;
    GcFrame *f = gc_realloc(h->frames, (size_t)cap * sizeof *f);
    if (!f)
        return gc_fail(h, "out of memory");
    h->frames = f;
    uint32_t *fc = gc_realloc(h->framecap, (size_t)cap * sizeof *fc);
    if (!fc)
        return gc_fail(h, "out of memory");
    h->framecap = fc;
    memset(h->frames + h->capframes, 0, (size_t)(cap - h->capframes) * sizeof *f);
    memset(h->framecap + h->capframes, 0, (size_t)(cap - h->capframes) * sizeof *fc);
    h->capframes = cap;
    return 0;
}

static int temps_ensure(GcHeap *h, int32_t n)
{
    if (n <= h->captemps)
        return 0;
    int32_t cap = h->captemps ? h->captemps * 2 : 64;
    while (cap < n)
        cap *= 2;
    GcValue *t = gc_realloc(h->temps, (size_t)cap * sizeof *t);
    if (!t)
        return gc_fail(h, "out of memory");
    memset(t + h->captemps, 0, (size_t)(cap - h->captemps) * sizeof *t);
    h->temps = t;
    h->captemps = cap;
    return 0;
}

static int objs_ensure(GcHeap *h, GcId n)
{
    if (n < h->cap)
        return 0;
    GcId cap = h->cap ? h->cap : 1024;
    while (cap <= n)
        cap *= 2;
    GcObject *o = gc_realloc(h->objs, (size_t)cap * sizeof *o);
    if (!o)
        return gc_fail(h, "out of memory: %d objects", (int)n);
    /* A lean run zeroes each record when it first uses it (lean_record):
     * zeroing the whole new half here would touch pages it never uses. */
    if (!h->lean)
        memset(o + h->cap, 0, (size_t)(cap - h->cap) * sizeof *o);
    else if (!h->cap)
        memset(o, 0, sizeof *o); /* record 0: no object */
    h->objs = o;
    h->cap = cap;
    return 0;
}

/* Applies one write forwards (redo) or backwards (undo). */
static void apply_write(GcHeap *h, const GcWrite *w, int forward)
{
    int64_t v = forward ? w->new_ : w->old;
    switch (w->what) {
    case W_OBJ:
        if (w->field == OF_NSLOTS)
            gc__ensure_slots(h, &h->objs[w->id], (uint32_t)v);
        gc__obj_put(&h->objs[w->id], w->field, v);
        break;
    case W_GLOBAL:
        h->g[w->field] = v;
        break;
    case W_SLOTK:
        gc__slot_key_store(&h->objs[w->id], w->idx, (GcValue)v);
        break;
    case W_SLOTV:
        gc__slots(&h->objs[w->id])[w->idx].val = (GcValue)v;
        break;
    case W_FRAME: {
        GcFrame *f = &h->frames[w->id];
        if (w->field == FF_FUNC)
            f->func = (int32_t)v;
        else if (w->field == FF_SELF)
            f->self_obj = (GcId)v;
        else if (w->field == FF_LOC)
            f->loc = (int32_t)v;
        else {
            frame_ensure(h, w->id, (uint32_t)v);
            f->nvars = (uint32_t)v;
        }
        break;
    }
    case W_VARK:
        h->frames[w->id].vars[w->idx].key = (GcValue)v;
        break;
    case W_VARV:
        h->frames[w->id].vars[w->idx].val = (GcValue)v;
        break;
    case W_TEMP:
        h->temps[w->idx] = (GcValue)v;
        break;
    case W_INFL:
        h->infl[w->idx] = (GcValue)v;
        break;
    }
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

/* ---- events -------------------------------------------------------- */

int32_t gc__event_rec(GcHeap *h, GcEventKind kind, GcId obj, GcId obj2, int32_t slot, int64_t a,
                      int64_t b)
{
    if (!h->record || !gc__budget_keeps(h, kind))
        return -1;
    gc__budget_close(h);
    if (h->nevents == h->capevents) {
        int32_t cap = h->capevents ? h->capevents * 2 : 1024;
        GcEvent *e = gc_realloc(h->events, (size_t)cap * sizeof *e);
        if (!e) {
            h->record = 0;
            gc_fail(h, "out of memory while recording the history");
            return -1;
        }
        h->events = e;
        h->capevents = cap;
    }
    GcEvent *e = &h->events[h->nevents];
    e->kind = (uint8_t)kind;
    e->phase = (uint8_t)h->g[GF_PHASE];
    e->depth = (uint16_t)(h->g[GF_NFRAMES] > 0 ? h->g[GF_NFRAMES] - 1 : 0);
    e->step = (int32_t)h->g[GF_STEP];
    e->loc = h->loc;
    e->obj = obj;
    e->obj2 = obj2;
    e->slot = slot;
    e->a = a;
    e->b = b;
    e->first_write = (int32_t)h->nwrites;
    e->nwrites = 0;
    if (h->nevents > 0)
        h->events[h->nevents - 1].nwrites = (int32_t)(h->nwrites - h->events[h->nevents - 1].first_write);
    h->nevents++;
    h->cursor = h->nevents;
    return h->nevents - 1;
}

/* Closes the last event's write range. */
static void close_events(GcHeap *h)
{
    if (h->nevents > 0)
        h->events[h->nevents - 1].nwrites = (int32_t)(h->nwrites - h->events[h->nevents - 1].first_write);
}

int32_t gc_event_count(const GcHeap *h) { return h->nevents; }

const GcEvent *gc_event(const GcHeap *h, int32_t i)
{
    if (i < 0 || i >= h->nevents)
        return NULL;
    return &h->events[i];
}

int32_t gc_cursor(const GcHeap *h) { return h->cursor; }

void gc_seek(GcHeap *h, int32_t cursor)
{
    close_events(h);
    if (cursor < 0)
        cursor = 0;
    if (cursor > h->nevents)
        cursor = h->nevents;
    while (h->cursor > cursor) {
        const GcEvent *e = &h->events[h->cursor - 1];
        for (int32_t k = e->first_write + e->nwrites - 1; k >= e->first_write; k--)
            apply_write(h, &h->writes[k], 0);
        h->cursor--;
    }
    while (h->cursor < cursor) {
        const GcEvent *e = &h->events[h->cursor];
        for (int32_t k = e->first_write; k < e->first_write + e->nwrites; k++)
            apply_write(h, &h->writes[k], 1);
        h->cursor++;
    }
    /* The current location follows the cursor. */
    h->loc = h->cursor > 0 ? h->events[h->cursor - 1].loc : -1;
}

int gc_event_touches(const GcHeap *h, int32_t i, GcId id)
{
    if (i < 0 || i >= h->nevents)
        return 0;
    const GcEvent *e = &h->events[i];
    if (e->obj == id || e->obj2 == id)
        return 1;
    int32_t n = e->nwrites;
    if (i == h->nevents - 1)
        n = (int32_t)(h->nwrites - e->first_write);
    for (int32_t k = e->first_write; k < e->first_write + n; k++) {
        const GcWrite *w = &h->writes[k];
        if ((w->what == W_OBJ || w->what == W_SLOTK || w->what == W_SLOTV) && w->id == id)
            return 1;
    }
    return 0;
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
    if (h->cfg.history_budget <= 0)
        h->cfg.history_budget = gc_history_default_budget();
    h->coarse_from = -1;
    h->fine_start = h->fine_end = -1;
    if (h->cfg.fine_from > 0) { /* a recomputed history starts statement-level */
        h->coarse = 1;
        h->coarse_from = 0;
    }
    h->atoms = atoms;
    if (host)
        h->host = *host;
    h->record = cfg->record;
    h->lean = cfg->lean && !cfg->record && cfg->collector == GC_COLLECTOR_CPYTHON;
    h->loc = -1;
    h->log_step = -1;
    h->c_units = 2; /* the module's frame, entered from C */
    h->g[GF_ENABLED] = 1;
    h->g[GF_T0] = h->cfg.python >= 313 ? 2000 : 700;
    h->g[GF_T1] = 10;
    h->g[GF_T2] = 10;
    h->g[GF_GEN] = -1;
    h->g[GF_STEP] = -1;
    if (objs_ensure(h, 1) < 0 || frames_ensure(h, 4) < 0 || temps_ensure(h, 64) < 0) {
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

void gc_heap_free(GcHeap *h)
{
    if (!h)
        return;
    /* a lean run's records above the highest id were never written */
    GcId end = h->lean ? (GcId)h->g[GF_MAXID] + 1 : h->cap;
    for (GcId i = 1; i < end; i++)
        if (h->objs[i].cap > 1)
            gc_free(h->objs[i].s_.heap);
    gc_free(h->objs);
    for (int32_t i = 0; i < h->capframes; i++)
        gc_free(h->frames[i].vars);
    gc_free(h->frames);
    gc_free(h->framecap);
    gc_free(h->temps);
    for (int32_t i = 0; i < h->nclasses; i++)
        gc_free(h->classkeys[i].atoms);
    gc_free(h->classkeys);
    gc_free(h->classes);
    gc_free(h->writes);
    gc_free(h->events);
    gc_free(h->coal);
    gc_free(h->freed.v);
    gc_free(h->finalized.v);
    gc_free(h->colls);
    gc_free(h->work.v);
    gc_free(h->work2.v);
    gc_free(h->trash.v);
    gc_free(h->dead.v);
    gc_free(h->spare.v);
    gc_free(h->tear);
    gc_free(h->infl);
    gc_free(h);
}

GcStrtab *gc_atoms(const GcHeap *h) { return h->atoms; }

int32_t gc_class_add(GcHeap *h, int32_t name_atom, int has_del)
{
    if (h->nclasses == h->capclasses) {
        int32_t cap = h->capclasses ? h->capclasses * 2 : 8;
        GcClass *c = gc_realloc(h->classes, (size_t)cap * sizeof *c);
        if (!c)
            return -1;
        h->classes = c;
        ClassKeys *k = gc_realloc(h->classkeys, (size_t)cap * sizeof *k);
        if (!k)
            return -1;
        h->classkeys = k;
        h->capclasses = cap;
    }
    h->classes[h->nclasses].name = name_atom;
    h->classes[h->nclasses].has_del = has_del;
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
    if (k->n == k->cap) {
        int32_t cap = k->cap ? k->cap * 2 : 8;
        int32_t *a = gc_realloc(k->atoms, (size_t)cap * sizeof *a);
        if (!a) {
            gc_fail(h, "out of memory");
            return -2;
        }
        k->atoms = a;
        k->cap = cap;
    }
    k->usable--;
    k->atoms[k->n] = atom;
    return k->n++;
}

/* ---- reading ---------------------------------------------------------- */

GcId gc_max_id(const GcHeap *h) { return (GcId)h->g[GF_MAXID]; }

const GcObject *gc_object(const GcHeap *h, GcId id)
{
    if (id <= 0 || id > h->g[GF_MAXID])
        return NULL;
    return &h->objs[id];
}

const GcSlot *gc_slots(const GcObject *o) { return o->cap <= 1 ? &o->s_.one : o->s_.heap; }

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
 * order.  O(n) here because each object records its list. */
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
}

/* ---- allocation ------------------------------------------------------- */

static void count_alloc(GcHeap *h)
{
    /* _PyObject_GC_Link: count, and schedule a collection when due. */
    SET_G(h, GF_COUNT0, h->g[GF_COUNT0] + 1);
    if (h->g[GF_COUNT0] > h->g[GF_T0] && h->g[GF_ENABLED] && h->g[GF_T0] &&
        !h->g[GF_COLLECTING] && h->cfg.collector != GC_COLLECTOR_REFCOUNT)
        SET_G(h, GF_SCHEDULED, 1);
}

/* The free list an object of this kind and size uses, or -1. */
static int freelist_of(GcKind kind, int64_t size)
{
    if (kind == GC_KIND_LIST)
        return GF_FL_LIST;
    if (kind == GC_KIND_DICT)
        return GF_FL_DICT;
    if (kind == GC_KIND_TUPLE && size >= 1 && size <= GC_TUPLE_MAXSAVESIZE)
        return GF_FL_TUPLE + (int)size - 1;
    return -1;
}

static int64_t freelist_max(int fl)
{
    return fl == GF_FL_LIST ? GC_FREELIST_LIST : fl == GF_FL_DICT ? GC_FREELIST_DICT : GC_TUPLE_MAXFREELIST;
}

/* A lean run's record for a new object: a freed one if any is spare (its
 * slot storage kept, emptied), else a new one.  0 over the limit. */
static GcId lean_record(GcHeap *h)
{
    if (h->spare.n == 0) {
        GcId id = (GcId)h->g[GF_MAXID] + 1;
        if (id > h->cfg.max_objects || objs_ensure(h, id) < 0)
            return 0;
        h->g[GF_MAXID] = id;
        GcObject *o = gc__o(h, id);
        memset(o, 0, sizeof *o); /* not zeroed by objs_ensure in a lean run */
        o->id = id;
        return id;
    }
    GcId id = h->spare.v[--h->spare.n];
    GcObject *o = gc__o(h, id);
    if (o->cap >= GC_IX_MIN) {
        /* a big block may hold a key index (or lack one a dict needs) */
        gc_free(o->s_.heap);
        o->cap = 0;
    }
    GcSlot *heap = o->cap > 1 ? o->s_.heap : NULL;
    uint32_t cap = o->cap > 1 ? o->cap : 0;
    if (heap)
        memset(heap, 0, (size_t)cap * sizeof *heap);
    memset(o, 0, sizeof *o);
    if (heap) {
        o->s_.heap = heap;
        o->cap = cap;
    }
    o->id = id;
    return id;
}

/* Lean runs: the records freed since the last call become spare, once no
 * teardown or collection (whose C frames may still name them) runs.  Out
 * of line: gc_stmt, which calls it, runs for every statement. */
static GC_NOINLINE void lean_recycle(GcHeap *h)
{
    if (h->busy)
        return;
    for (int32_t i = 0; i < h->dead.n; i++)
        if (gc__idvec_push(&h->spare, h->dead.v[i]) < 0)
            break; /* those stay unused: only memory is lost */
    h->dead.n = 0;
}

GcId gc_new(GcHeap *h, GcKind kind, int32_t cls)
{
    if (h->failed)
        return 0;
    GcId id;
    if (h->lean) {
        id = lean_record(h);
        GcObject *o = id ? gc__o(h, id) : NULL;
        if (o && kind == GC_KIND_WEAKREF && o->cap > 1) {
            /* a weakref keeps its callback and links in the slot storage */
            gc_free(o->s_.heap);
            memset(&o->s_, 0, sizeof o->s_);
            o->cap = 0;
        }
    } else {
        id = (GcId)h->g[GF_MAXID] + 1;
        if (id <= h->cfg.max_objects && objs_ensure(h, id) == 0) {
            SET_G(h, GF_MAXID, id);
            GcObject *o = gc__o(h, id);
            if (o->cap > 1)
                gc_free(o->s_.heap);
            memset(o, 0, sizeof *o);
            o->id = id;
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
    int fl = freelist_of(kind, kind == GC_KIND_TUPLE ? cls : 0);
    int reuse = fl >= 0 && h->g[fl] > 0;
    int32_t ev = gc__event(h, GC_EV_ALLOC, id, 0, -1, kind, reuse);
    if (ev < 0 && h->record) /* a statement-level history: born in the statement kept */
        ev = h->nevents - 1;
    SET_OBJ(h, id, OF_KIND, kind);
    SET_OBJ(h, id, OF_STATE, GC_STATE_ALIVE);
    h->nlive[kind]++;
    SET_OBJ(h, id, OF_CLS, kind == GC_KIND_INSTANCE ? cls : -1);
    SET_OBJ(h, id, OF_REFCNT, 1);
    SET_OBJ(h, id, OF_BORN, ev);
    SET_OBJ(h, id, OF_DIED, -1);
    SET_G(h, GF_ALLOCATED, h->g[GF_ALLOCATED] + 1);
    if (kind == GC_KIND_INSTANCE && h->classkeys[cls].usable > 1)
        h->classkeys[cls].usable--; /* init_inline_values */
    if (reuse)
        SET_G(h, fl, h->g[fl] - 1);
    else
        count_alloc(h);
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

GcId gc_new_weakref(GcHeap *h, GcId referent, GcValue callback)
{
    GcObject *r = gc__o(h, referent);
    if (GC_VAL_TAG(callback) == GC_V_NONE || callback == GC_UNBOUND) {
        /* get_basic_refs: a callback-less ref at the head is reused. */
        GcId head = r->wr_head;
        if (head && GC_VAL_TAG(GC_WR_CALLBACK(gc__o(h, head))) == GC_V_NONE) {
            gc_incref(h, GC_VAL_OBJ(head));
            return head;
        }
        callback = GC_NONE;
    }
    GcId w = gc_new(h, GC_KIND_WEAKREF, -1);
    if (!w)
        return 0;
    SET_OBJ(h, w, OF_WR_REFERENT, referent);
    SET_OBJ(h, w, OF_WR_CALLBACK, callback);
    r = gc__o(h, referent);
    GcId head = r->wr_head;
    if (GC_VAL_TAG(callback) == GC_V_NONE || !head ||
        GC_VAL_TAG(GC_WR_CALLBACK(gc__o(h, head))) != GC_V_NONE) {
        /* insert_head */
        SET_OBJ(h, w, OF_WR_NEXT, head);
        SET_OBJ(h, w, OF_WR_PREV, 0);
        if (head)
            SET_OBJ(h, head, OF_WR_PREV, w);
        SET_OBJ(h, referent, OF_WR_HEAD, w);
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
        SET_OBJ(h, ref, OF_WR_HEAD, n);
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
    const GcObject *o = &h->objs[obj];
    const GcSlot *s = gc_slots(o);
    if (gc__has_ix(o)) {
        const uint32_t *t = ix_ctable(o);
        uint32_t mask = 2 * o->cap - 1;
        for (uint32_t j = ix_home(key, mask); t[j]; j = (j + 1) & mask)
            if (s[t[j] - 1].key == key)
                return t[j] - 1 < o->nslots ? (int)(t[j] - 1) : -1;
        return -1;
    }
    for (uint32_t i = 0; i < o->nslots; i++)
        if (s[i].key == key)
            return (int)i;
    return -1;
}

void gc_maybe_track_dict(GcHeap *h, GcId dict, GcValue stored)
{
    GcObject *d = gc__o(h, dict);
    if (d->list != GC_LIST_NONE || !GC_VAL_IS_OBJ(stored))
        return;
    /* MAINTAIN_TRACKING: track when a value that may be tracked is stored.
     * _PyObject_GC_MAY_BE_TRACKED: any GC object but an untracked tuple
     * (an untracked dict may be tracked later, so it counts). */
    GcObject *s = gc__o(h, GC_VAL_ID(stored));
    if (s->kind != GC_KIND_TUPLE || s->list != GC_LIST_NONE) {
        gc__event(h, GC_EV_TRACK, dict, 0, -1, 0, 0);
        gc__list_append(h, GC_LIST_GEN0, dict);
    }
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
    SET_OBJ(h, obj, OF_LIST, l);
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
    int32_t prev = (int32_t)GC_VAL_PAYLOAD(gc__slots((GcObject *)o)[i - 1].key);
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
        if (i == o->nslots) {
            if (o->kind == GC_KIND_INSTANCE)
                note_attr_order(h, o, i, key);
            if (gc__ensure_slots(h, o, i + 1) < 0)
                return -1;
            o->nslots = i + 1;
        } else {
            old = gc__slots(o)[i].val;
        }
        GcSlot *s = gc__slots(o);
        s[i].key = key;
        s[i].val = v;
        return gc_decref(h, old);
    }
    return slot_set_full(h, obj, i, key, v);
}

/* The general path of gc_slot_set. */
static GC_NOINLINE int slot_set_full(GcHeap *h, GcId obj, uint32_t i, GcValue key, GcValue v)
{
    GcObject *o = gc__o(h, obj);
    GcValue old = GC_UNBOUND;
    if (i == o->nslots) {
        if (o->kind == GC_KIND_INSTANCE)
            note_attr_order(h, o, i, key);
        if (gc__ensure_slots(h, o, i + 1) < 0)
            return -1;
        o = gc__o(h, obj);
        SET_OBJ(h, obj, OF_NSLOTS, i + 1);
    } else {
        old = gc__slots(o)[i].val;
    }
    gc__event(h, GC_EV_STORE, obj, GC_VAL_IS_OBJ(v) ? GC_VAL_ID(v) : 0, (int32_t)i, 0, 0);
    gc__inflight_del(h, v);
    gc__slot_write(h, obj, i, key, v);
    gc__inflight_add(h, old);
    if (gc__o(h, obj)->kind == GC_KIND_DICT)
        gc_maybe_track_dict(h, obj, v);
    else if (gc__o(h, obj)->kind == GC_KIND_TUPLE && h->cfg.python >= 314 && GC_VAL_IS_OBJ(v) &&
             gc__o(h, obj)->list == GC_LIST_NONE) {
        gc__event(h, GC_EV_TRACK, obj, 0, -1, 0, 0);
        gc__list_append(h, GC_LIST_GEN0, obj);
    }
    return gc_decref(h, old);
}

int gc_slot_insert(GcHeap *h, GcId obj, uint32_t i, GcValue key, GcValue v)
{
    GcObject *o = gc__o(h, obj);
    uint32_t n = o->nslots;
    if (gc__ensure_slots(h, o, n + 1) < 0)
        return -1;
    SET_OBJ(h, obj, OF_NSLOTS, n + 1);
    o = gc__o(h, obj);
    GcSlot *s = gc__slots(o);
    for (uint32_t k = n; k > i; k--)
        gc__slot_write(h, obj, k, s[k - 1].key, s[k - 1].val);
    gc__event(h, GC_EV_STORE, obj, GC_VAL_IS_OBJ(v) ? GC_VAL_ID(v) : 0, (int32_t)i, 0, 0);
    gc__inflight_del(h, v);
    gc__slot_write(h, obj, i, key, v);
    if (o->kind == GC_KIND_DICT)
        gc_maybe_track_dict(h, obj, v);
    return 0;
}

int gc_slots_clear(GcHeap *h, GcId obj, int last_first, GcValue *out)
{
    GcObject *o = gc__o(h, obj);
    uint32_t n = o->nslots;
    gc__event(h, GC_EV_SLOT_DEL, obj, 0, -1, n, 0);
    if (!h->record && gc__has_ix(o)) {
        /* Nothing logged: empty the slots in one sweep and rebuild the
         * key index once, instead of deleting each key from it (a random
         * probe per key). */
        GcSlot *s = gc__slots(o);
        for (uint32_t i = 0; i < n; i++) {
            out[i] = s[i].val;
            s[i].key = GC_UNBOUND;
            s[i].val = GC_UNBOUND;
        }
        ix_rebuild(o);
    } else {
        for (uint32_t i = 0; i < n; i++) {
            GcSlot *s = gc__slots(gc__o(h, obj));
            out[i] = s[i].val;
            gc__slot_write(h, obj, i, GC_UNBOUND, GC_UNBOUND);
        }
    }
    /* Each release will take the newest in-flight entry. */
    for (uint32_t k = 0; k < n; k++)
        gc__inflight_add(h, out[last_first ? k : n - 1 - k]);
    SET_OBJ(h, obj, OF_NSLOTS, 0);
    return h->failed ? -1 : 0;
}

/* ---- instance attributes (3.12 inline values, shared keys) ---------------- */

GcId gc_attr_holder(const GcHeap *h, GcId obj)
{
    const GcObject *o = &h->objs[obj];
    if (o->kind == GC_KIND_INSTANCE && (o->flags & GC_F_DICT))
        return GC_VAL_ID(gc_slots(o)[0].val);
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
    uint32_t n = o->nslots;
    int track = 0;
    for (uint32_t i = 0; i < n; i++) {
        GcSlot sl = gc__slots(gc__o(h, obj))[i];
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
        GcSlot *s = gc__slots(o);
        for (uint32_t i = 0; i < o->nslots; i++)
            if (s[i].key == key) {
                GcValue old = s[i].val;
                s[i].val = v;
                return gc_decref(h, old);
            }
        /* a new attribute with a shared key to spare: appended (the slot
         * search below would find nothing) */
        int32_t k = class_key_insert(h, o->cls, atom);
        if (k >= 0)
            return gc_slot_set(h, obj, o->nslots, key, v);
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
    return gc_slot_set(h, holder, i >= 0 ? (uint32_t)i : gc__o(h, holder)->nslots, key, v);
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
    uint32_t n = o->nslots;
    const GcSlot *s = gc_slots(o);
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
        rank[i] = gc__class_key_lookup(h, o->cls, (int32_t)GC_VAL_PAYLOAD(s[i].key));
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

int gc_slot_remove(GcHeap *h, GcId obj, uint32_t i, GcValue *out)
{
    GcObject *o = gc__o(h, obj);
    uint32_t n = o->nslots;
    GcSlot *s = gc__slots(o);
    *out = s[i].val;
    gc__event(h, GC_EV_SLOT_DEL, obj, 0, (int32_t)i, 0, 0);
    for (uint32_t k = i; k + 1 < n; k++)
        gc__slot_write(h, obj, k, s[k + 1].key, s[k + 1].val);
    gc__slot_write(h, obj, n - 1, GC_UNBOUND, GC_UNBOUND);
    SET_OBJ(h, obj, OF_NSLOTS, n - 1);
    gc__inflight_add(h, *out);
    return 0;
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
    if (frame_ensure(h, d, (uint32_t)n) < 0)
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
    if (frame_ensure(h, depth, i + 1) < 0)
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
        if (frame_ensure(h, depth, i + 1) < 0)
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
    if (n == h->capinfl) {
        int32_t cap = h->capinfl ? h->capinfl * 2 : 32;
        GcValue *p = gc_realloc(h->infl, (size_t)cap * sizeof *p);
        if (!p) {
            gc_fail(h, "out of memory");
            return;
        }
        h->infl = p;
        h->capinfl = cap;
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
    if (h->lean && h->dead.n > 0)
        lean_recycle(h);
    if (depth == 0 && step != h->log_step) {
        h->log_step = step;
        h->freed.n = 0;
        h->finalized.n = 0;
        h->ncolls = 0;
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
    if (h->record || (h->lean && h->dead.n > 0) || (depth == 0 && step != h->log_step) ||
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
    /* A summary of the statement for the caption: obj = collected in its
     * collections, slot = how many collections, a = freed, b = finalized. */
    int64_t m = 0;
    for (int32_t i = 0; i < h->ncolls; i++)
        m += h->colls[i].collected;
    gc__event(h, GC_EV_STEP_END, (GcId)m, 0, h->ncolls, h->freed.n, h->finalized.n);
}

void gc_output_event(GcHeap *h, int64_t start, int64_t end)
{
    gc__event(h, GC_EV_OUTPUT, 0, 0, -1, start, end);
}

void gc_count_hidden(GcHeap *h, int n)
{
    for (; n > 0; n--)
        count_alloc(h);
    for (; n < 0; n++)
        if (h->g[GF_COUNT0] > 0)
            SET_G(h, GF_COUNT0, h->g[GF_COUNT0] - 1);
}

void gc_hidden_alloc(GcHeap *h, GcKind kind, int32_t size)
{
    int fl = freelist_of(kind, size);
    if (fl >= 0 && h->g[fl] > 0)
        SET_G(h, fl, h->g[fl] - 1);
    else
        count_alloc(h);
}

void gc_hidden_live(GcHeap *h, int64_t n)
{
    SET_G(h, GF_HIDDEN + GC_LIST_GEN0, h->g[GF_HIDDEN + GC_LIST_GEN0] + n);
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
    int fl = freelist_of(kind, size);
    if (fl >= 0 && h->g[fl] < freelist_max(fl))
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
        count_alloc(h);
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
    GcId head = gc__o(h, id)->wr_head;
    if (!head)
        return 0;
    /* "Remove the callback-less basic and proxy references" at the head:
     * at most two in 3.12, all of them in 3.13. */
    for (int k = 0; head && GC_VAL_TAG(GC_WR_CALLBACK(gc__o(h, head))) != GC_V_FUNC &&
                    (k < 2 || h->cfg.internals >= 313);
         k++) {
        gc__weakref_unlink(h, head);
        head = gc__o(h, id)->wr_head;
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
        gc__event(h, GC_EV_WEAKREF_CALLBACK, head, id, -1, 0, 0);
        if (gc__host_weakref_cb(h, GC_WR_CALLBACK(gc__o(h, head)), head) < 0)
            return -1;
        return gc_decref(h, GC_VAL_OBJ(head));
    }
    /* Several weakrefs: CPython builds a tuple (ref, callback, ...), clears
     * them all, then calls the callbacks in order, then drops the tuple. */
    GcId t = gc_new(h, GC_KIND_TUPLE, 2 * count);
    if (!t)
        return -1;
    for (int i = 0; i < count; i++) {
        GcId w = gc__o(h, id)->wr_head;
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
        const GcSlot *s = gc__slots(gc__o(h, t));
        GcValue cb = s[2 * i + 1].val;
        if (GC_VAL_TAG(cb) != GC_V_FUNC)
            continue;
        GcId w = GC_VAL_ID(s[2 * i].val);
        gc__event(h, GC_EV_WEAKREF_CALLBACK, w, id, -1, 0, 0);
        if (gc__host_weakref_cb(h, cb, w) < 0)
            return -1;
    }
    return gc_decref(h, GC_VAL_OBJ(t));
}

/* Returns the slots of id in teardown order: lists and tuples last first. */
static int teardown_reversed(const GcObject *o)
{
    return o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE;
}

/* The k-th slot of an instance in shared-key order (n is at most ~30). */
static uint32_t kth_in_key_order(const GcHeap *h, const GcObject *o, uint32_t k)
{
    uint32_t idx[GC_SHARED_KEYS_MAX_SIZE + 2];
    if (o->nslots > GC_SHARED_KEYS_MAX_SIZE + 2)
        return k;
    gc__attr_order(h, o, idx);
    return idx[k];
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
        if (gc__idvec_push(&h->finalized, id) < 0)
            return gc_fail(h, "out of memory");
        gc__event(h, GC_EV_DEL_CALL, id, 0, -1, 0, 0);
        SET_OBJ(h, id, OF_REFCNT, 1);
        gc__inflight_add(h, GC_VAL_OBJ(id));
        gc__set_flags(h, id, GC_F_FINALIZED, 0);
        if (gc__host_del(h, id) < 0)
            return -1;
        gc__event(h, GC_EV_DEL_RETURN, id, 0, -1, 0, 0);
        gc__inflight_del(h, GC_VAL_OBJ(id));
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

/* The start of a deallocator, up to its children: untrack, the trashcan's
 * BEGIN, __del__, weakrefs.  from_trash: the body of a deposited object,
 * called by the trashcan (its deallocation was already counted). */
static int begin_teardown(GcHeap *h, GcId id, int from_trash)
{
    if (!from_trash) {
        if (!h->lean && gc__idvec_push(&h->freed, id) < 0)
            return gc_fail(h, "out of memory");
        gc__event(h, GC_EV_DEALLOC, id, 0, -1, 0, 0);
        gc__list_remove(h, id);
        if (h->failed)
            return TEAR_FAIL;
        if (uses_trashcan(gc__o(h, id)) && trash_full(h)) {
            if (gc__idvec_push(&h->trash, id) < 0)
                return gc_fail(h, "out of memory");
            gc__event(h, GC_EV_TRASH_DEPOSIT, id, 0, -1, h->trash.n, 0);
            return TEAR_DEPOSITED;
        }
    } else {
        gc__event(h, GC_EV_TRASH_DESTROY, id, 0, -1, h->trash.n, 0);
    }
    if (uses_trashcan(gc__o(h, id)))
        trash_enter(h);
    int r = finalize_from_dealloc(h, id);
    if (r < 0)
        return TEAR_FAIL;
    if (r > 0) {
        freed_forget(h, id); /* resurrected: it was not freed after all */
        return trash_leave(h) < 0 ? TEAR_FAIL : TEAR_RESURRECTED;
    }
    GcObject *o = gc__o(h, id);
    if (o->kind == GC_KIND_WEAKREF) {
        gc__weakref_unlink(h, id);
        return h->failed ? TEAR_FAIL : TEAR_BODY;
    }
    if (gc__clear_weakrefs_dealloc(h, id) < 0)
        return TEAR_FAIL;
    return h->failed ? TEAR_FAIL : TEAR_BODY;
}

/* The end of a deallocator: the memory goes (to a free list or back to the
 * allocator, count[0] down), then the trashcan's END. */
static int finish_teardown(GcHeap *h, GcId id)
{
    GcObject *o = gc__o(h, id);
    SET_OBJ(h, id, OF_STATE, GC_STATE_FREED);
    SET_OBJ(h, id, OF_DIED, h->nevents);
    h->nlive[o->kind]--;
    int fl = freelist_of((GcKind)o->kind, o->nslots);
    if (fl >= 0 && h->g[fl] < freelist_max(fl))
        SET_G(h, fl, h->g[fl] + 1); /* kept on a free list: count[0] unchanged */
    else if (h->g[GF_COUNT0] > 0)
        SET_G(h, GF_COUNT0, h->g[GF_COUNT0] - 1);
    SET_G(h, GF_FREED, h->g[GF_FREED] + 1);
    if (h->failed)
        return -1;
    int trash = uses_trashcan(o);
    if (h->lean && gc__idvec_push(&h->dead, id) < 0)
        return gc_fail(h, "out of memory");
    return trash ? trash_leave(h) : 0;
}

/* Pushes a teardown frame on the shared worklist. */
static int tear_push(GcHeap *h, GcId id)
{
    if (h->ntear == h->captear) {
        int32_t cap = h->captear ? h->captear * 2 : 64;
        TearFrame *t = gc_realloc(h->tear, (size_t)cap * sizeof *t);
        if (!t)
            return gc_fail(h, "out of memory");
        h->tear = t;
        h->captear = cap;
    }
    h->tear[h->ntear++] = (TearFrame){id, 0};
    return 0;
}

static int teardown_run(GcHeap *h, GcId root, int from_trash)
{
    int rc = 0;
    h->busy++;
    int r = begin_teardown(h, root, from_trash);
    if (r != TEAR_BODY) {
        h->busy--;
        return r == TEAR_FAIL ? -1 : 0;
    }
    /* This teardown's frames are the entries from base up; a nested one
     * (a __del__ freeing objects) pushes above them and is back to where
     * it started when it returns. */
    int32_t base = h->ntear;
    if (tear_push(h, root) < 0) {
        h->busy--;
        return -1;
    }
    while (h->ntear > base) {
        TearFrame *t = &h->tear[h->ntear - 1];
        GcId tid = t->id;
        GcObject *o = gc__o(h, tid);
        if (o->kind == GC_KIND_WEAKREF || t->next >= o->nslots) {
            h->ntear--;
            if (finish_teardown(h, tid) < 0) {
                rc = -1;
                break;
            }
            continue;
        }
        uint32_t i = teardown_reversed(o) ? o->nslots - 1 - t->next : t->next;
        if (o->kind == GC_KIND_INSTANCE && o->nslots > 1)
            i = kth_in_key_order(h, o, t->next);
        t->next++;
        GcValue v = gc__slots(o)[i].val;
        if (!GC_VAL_IS_OBJ(v)) {
            gc__slot_write(h, tid, i, gc__slots(o)[i].key, GC_UNBOUND);
            continue;
        }
        GcId c = GC_VAL_ID(v);
        int64_t crc = gc__o(h, c)->refcnt;
        gc__event(h, GC_EV_DECREF, c, tid, (int32_t)i, crc, crc - 1);
        gc__slot_write(h, tid, i, gc__slots(gc__o(h, tid))[i].key, GC_UNBOUND);
        SET_OBJ(h, c, OF_REFCNT, crc - 1);
        if (crc - 1 > 0 || h->cfg.collector == GC_COLLECTOR_MARKSWEEP)
            continue;
        r = begin_teardown(h, c, 0);
        if (r == TEAR_FAIL) {
            rc = -1;
            break;
        }
        if (r == TEAR_BODY && tear_push(h, c) < 0) {
            rc = -1;
            break;
        }
    }
    h->ntear = base;
    h->busy--;
    return h->failed ? -1 : rc;
}

int gc__dealloc(GcHeap *h, GcId root)
{
    return teardown_run(h, root, 0);
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
