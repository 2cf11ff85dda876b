/*
 * gc_explain.c: what the history means, in sentences for students.
 *
 * gc_event_explain says what one micro-step did; gc_phase_summary says
 * what a whole phase of a collection did and with what outcome.  Both
 * only read the history (events and their logged writes), never the
 * engine's state, so an explanation is the same at any cursor.
 *
 * Who holds a reference is not stored in INCREF and DECREF events: it is
 * found in the write log.  Every reference that no name, slot or stack
 * entry holds sits in the logged "in flight" list (gc_heap.c), so the
 * reference a DECREF releases was added to that list by the write just
 * after it left its holder (a name unbound, a slot cleared, a stack entry
 * popped), or by an INCREF or an allocation; likewise an INCREF's
 * reference leaves the list into its new holder.  The list is LIFO per
 * value (removal takes the newest copy), which a scan matches by counting.
 *
 * Explanations are one line each, in a table by event kind.
 */
#include <string.h>

#include "gc_internal.h"

#define SCAN_LIMIT 20000 /* writes looked at to find a holder: a bound on the cost per caption */

/* ---- labels ---------------------------------------------------------- */

static void obj_label(const GcHeap *h, GcId id, char *buf, size_t n)
{
    if (gc_label(h, id))
        snprintf(buf, n, "%s", gc_label(h, id));
    else
        snprintf(buf, n, "%s #%d", gc_type_name(h, id), id);
}

static void value_label(const GcHeap *h, GcValue v, char *buf, size_t n)
{
    switch (GC_VAL_TAG(v)) {
    case GC_V_OBJ:
        obj_label(h, GC_VAL_ID(v), buf, n);
        break;
    case GC_V_NONE:
        snprintf(buf, n, "None");
        break;
    case GC_V_BOOL:
        snprintf(buf, n, "%s", GC_VAL_PAYLOAD(v) ? "True" : "False");
        break;
    case GC_V_INT:
        snprintf(buf, n, "%lld", (long long)GC_VAL_PAYLOAD(v));
        break;
    case GC_V_STR:
        snprintf(buf, n, "'%.40s'", gc_strtab_get(h->atoms, (int32_t)GC_VAL_PAYLOAD(v)));
        break;
    case GC_V_BIGINT:
    case GC_V_CONST:
        snprintf(buf, n, "%.40s", gc_strtab_get(h->atoms, (int32_t)GC_VAL_PAYLOAD(v)));
        break;
    case GC_V_FUNC:
        snprintf(buf, n, "a function");
        break;
    case GC_V_CLASS:
        snprintf(buf, n, "a class");
        break;
    default:
        snprintf(buf, n, "nothing");
        break;
    }
}

/* The key slot idx of object id had at write w: the newest W_SLOTK write
 * up to w (one that cleared the key gives the key it cleared: the events
 * about a slot come before it is compacted away), else the key it has now. */
static GcValue slot_key_at(const GcHeap *h, GcId id, uint32_t idx, int64_t w)
{
    for (int64_t k = w < h->nwrites ? w : h->nwrites - 1, stop = w - 4 * SCAN_LIMIT;
         k >= 0 && k > stop; k--) {
        const GcWrite wcopy = *gc__write(h, k), *wr = &wcopy;
        if (wr->what == W_SLOTK && wr->id == id && wr->idx == idx)
            return (GcValue)(wr->new_ != 0 ? wr->new_ : wr->old);
    }
    const GcObject *o = gc_object(h, id);
    if (o && idx < gc_slot_cap(o))
        return gc_slot(o, idx).key;
    return GC_UNBOUND;
}

static void slot_label_key(const GcHeap *h, GcId id, int32_t slot, GcValue key, char *buf, size_t n)
{
    const GcObject *o = gc_object(h, id);
    if (!o || slot < 0) {
        obj_label(h, id, buf, n);
        return;
    }
    if (o->kind == GC_KIND_INSTANCE && GC_VAL_TAG(key) == GC_V_STR)
        snprintf(buf, n, "%s #%d.%s", gc_type_name(h, id), id,
                 gc_strtab_get(h->atoms, (int32_t)GC_VAL_PAYLOAD(key)));
    else if (o->kind == GC_KIND_DICT && GC_VAL_TAG(key) == GC_V_STR && gc_label(h, id))
        snprintf(buf, n, "%s[\"%s\"]", gc_label(h, id),
                 gc_strtab_get(h->atoms, (int32_t)GC_VAL_PAYLOAD(key)));
    else if (o->kind == GC_KIND_DICT && GC_VAL_TAG(key) == GC_V_STR)
        snprintf(buf, n, "dict #%d[\"%s\"]", id,
                 gc_strtab_get(h->atoms, (int32_t)GC_VAL_PAYLOAD(key)));
    else if (o->kind == GC_KIND_DICT && GC_VAL_TAG(key) == GC_V_INT)
        snprintf(buf, n, "dict #%d[%lld]", id, (long long)GC_VAL_PAYLOAD(key));
    else if (o->kind == GC_KIND_DICT && GC_VAL_IS_OBJ(key)) /* an instance or tuple as the key */
        snprintf(buf, n, "dict #%d[%s #%d]", id, gc_type_name(h, GC_VAL_ID(key)), GC_VAL_ID(key));
    else
        snprintf(buf, n, "%s #%d[%d]", gc_type_name(h, id), id, slot);
}

/* The label of slot `slot` of object id as it was at event i. */
static void slot_label(const GcHeap *h, GcId id, int32_t slot, int32_t i, char *buf, size_t n)
{
    int64_t end = i + 1 < h->nevents ? h->events[i + 1].first_write : h->nwrites;
    GcValue key = slot >= 0 ? slot_key_at(h, id, (uint32_t)slot, end - 1) : GC_UNBOUND;
    slot_label_key(h, id, slot, key, buf, n);
}

/* ---- the write log ------------------------------------------------------ */

static int64_t ev_first(const GcHeap *h, int32_t i)
{
    return h->events[i].first_write;
}

static int64_t ev_end(const GcHeap *h, int32_t i)
{
    return i + 1 < h->nevents ? h->events[i + 1].first_write : h->nwrites;
}

/* The event whose micro-step made write w. */
static int32_t event_of_write(const GcHeap *h, int64_t w)
{
    int32_t lo = 0, hi = h->nevents - 1;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo + 1) / 2;
        if (h->events[mid].first_write <= w)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

static const GcEvent *ev_at(const GcHeap *h, int32_t i)
{
    return i >= 0 && i < h->nevents ? &h->events[i] : NULL;
}

static int ev_is(const GcHeap *h, int32_t i, GcEventKind kind, GcId obj)
{
    const GcEvent *e = ev_at(h, i);
    return e && e->kind == kind && e->obj == obj;
}

/* The name atom of variable idx of the frame at depth, at write w. */
static int32_t var_name_at(const GcHeap *h, int32_t depth, uint32_t idx, int64_t w)
{
    for (int64_t k = w; k >= 0 && k > w - SCAN_LIMIT; k--) {
        const GcWrite wcopy = *gc__write(h, k), *wr = &wcopy;
        if (wr->what == W_VARK && wr->id == depth && wr->idx == idx && wr->new_ != 0)
            return (int32_t)GC_VAL_PAYLOAD((GcValue)wr->new_);
    }
    return 0;
}

/* ---- who holds a reference ------------------------------------------------ */

typedef enum HoldKind {
    HOLD_NONE = 0,
    HOLD_NAME,      /* a variable (atom) */
    HOLD_SLOT,      /* a field of an object (id, idx) */
    HOLD_STACK,     /* the evaluation stack */
    HOLD_NEW,       /* a new object's first reference */
    HOLD_FINALIZER, /* the collector or dealloc, while __del__ runs */
    HOLD_CLEAR,     /* delete_garbage, while tp_clear runs */
    HOLD_CALLBACK,  /* held while a weakref callback runs */
    HOLD_INTERP     /* the interpreter, for a moment */
} HoldKind;

typedef struct Hold {
    HoldKind kind;
    int32_t ev;   /* the event where the reference moved */
    GcId id;      /* HOLD_SLOT: the object */
    uint32_t idx; /* HOLD_SLOT: the slot */
    int32_t atom; /* HOLD_NAME: the name */
    int64_t w;    /* the holder's write */
} Hold;

/* Why the engine or interpreter took reference k (an INCREF event). */
static HoldKind incref_purpose(const GcHeap *h, int32_t k)
{
    const GcEvent *e = ev_at(h, k);
    if (ev_is(h, k + 1, GC_EV_DEL_CALL, e->obj))
        return HOLD_FINALIZER;
    if (ev_is(h, k - 1, GC_EV_CLEAR, e->obj))
        return HOLD_CLEAR;
    if (e->phase == GC_PHASE_WEAKREFS || ev_is(h, k + 1, GC_EV_WEAKREF_CALLBACK, e->obj))
        return HOLD_CALLBACK;
    return HOLD_INTERP;
}

/* A holder write of v next to in-flight write w in its micro-step:
 * before it for a source (old == v), after it for a taker (new == v). */
static Hold holder_near(const GcHeap *h, GcValue v, int64_t w, int taker)
{
    Hold r = {HOLD_NONE, event_of_write(h, w), 0, 0, 0, -1};
    int64_t lo = ev_first(h, r.ev), hi = ev_end(h, r.ev);
    for (int64_t k = taker ? w + 1 : w - 1; taker ? k < hi : k >= lo; k += taker ? 1 : -1) {
        const GcWrite wcopy = *gc__write(h, k), *wr = &wcopy;
        int64_t match = taker ? wr->new_ : wr->old;
        if (match != (int64_t)v)
            continue;
        if (wr->what == W_TEMP)
            r.kind = HOLD_STACK;
        else if (wr->what == W_VARV) {
            r.kind = HOLD_NAME;
            const GcEvent *e = ev_at(h, r.ev);
            r.atom = e->kind == GC_EV_BIND && e->slot == (int32_t)wr->idx
                         ? (int32_t)e->b
                         : var_name_at(h, wr->id, wr->idx, k);
        } else if (wr->what == W_SLOTV) {
            r.kind = HOLD_SLOT;
            r.id = wr->id;
            r.idx = wr->idx;
        } else
            continue;
        r.w = k;
        return r;
    }
    const GcEvent *e = ev_at(h, r.ev);
    GcId id = GC_VAL_ID(v);
    if (e->kind == GC_EV_ALLOC && e->obj == id)
        r.kind = HOLD_NEW;
    else if (e->kind == GC_EV_INCREF && e->obj == id)
        r.kind = incref_purpose(h, r.ev);
    else if ((e->kind == GC_EV_DEL_CALL || e->kind == GC_EV_DEALLOC) && e->obj == id)
        r.kind = HOLD_FINALIZER;
    else
        r.kind = HOLD_INTERP;
    return r;
}

/* Where the reference released by DECREF event i (with no obj2) was. */
static Hold released_from(const GcHeap *h, int32_t i)
{
    GcValue v = GC_VAL_OBJ(h->events[i].obj);
    int skip = 0;
    for (int64_t w = ev_first(h, i) - 1, stop = w - SCAN_LIMIT; w >= 0 && w > stop; w--) {
        const GcWrite wcopy = *gc__write(h, w), *wr = &wcopy;
        if (wr->what != W_INFL)
            continue;
        int add = wr->new_ == (int64_t)v, del = wr->old == (int64_t)v;
        if (del && !add)
            skip++;
        else if (add && !del && skip > 0)
            skip--;
        else if (add && !del)
            return holder_near(h, v, w, 0);
    }
    return (Hold){HOLD_INTERP, -1, 0, 0, 0, -1};
}

/* Where the reference taken by INCREF event i goes next. */
static Hold taken_by(const GcHeap *h, int32_t i)
{
    HoldKind p = incref_purpose(h, i);
    if (p != HOLD_INTERP)
        return (Hold){p, i, 0, 0, 0, -1};
    GcValue v = GC_VAL_OBJ(h->events[i].obj);
    int skip = 0,
        own = 1; /* the first add is the INCREF's own; the push may follow in its micro-step */
    for (int64_t w = ev_first(h, i), stop = w + SCAN_LIMIT; w < h->nwrites && w < stop; w++) {
        const GcWrite wcopy = *gc__write(h, w), *wr = &wcopy;
        if (wr->what != W_INFL)
            continue;
        int add = wr->new_ == (int64_t)v, del = wr->old == (int64_t)v;
        if (add && !del && own)
            own = 0;
        else if (add && !del)
            skip++;
        else if (del && !add && skip > 0)
            skip--;
        else if (del && !add) {
            Hold r = holder_near(h, v, w, 1);
            if (r.kind == HOLD_NAME || r.kind == HOLD_SLOT || r.kind == HOLD_STACK)
                return r;
            return (Hold){HOLD_INTERP, i, 0, 0, 0, -1};
        }
    }
    return (Hold){HOLD_INTERP, i, 0, 0, 0, -1};
}

/* The ALLOC event of id at or before event i, within i's step; -1 if none. */
static int32_t find_alloc(const GcHeap *h, int32_t i, GcId id)
{
    int32_t step = h->events[i].step;
    for (int32_t k = i; k >= 0 && h->events[k].step == step; k--)
        if (h->events[k].kind == GC_EV_ALLOC && h->events[k].obj == id)
            return k;
    return -1;
}

/* The DECREF that frees id (to 0) at or after event i, within i's step; -1 if none. */
static int32_t find_death(const GcHeap *h, int32_t i, GcId id)
{
    int32_t step = h->events[i].step;
    for (int32_t k = i; k < h->nevents && h->events[k].step == step; k++)
        if (h->events[k].kind == GC_EV_DECREF && h->events[k].obj == id && h->events[k].b == 0)
            return k;
    return -1;
}

/* The DECREF that freed id (to 0) at or before event i, within i's step. */
static int32_t find_death_back(const GcHeap *h, int32_t i, GcId id)
{
    int32_t step = h->events[i].step;
    for (int32_t k = i; k >= 0 && h->events[k].step == step; k--)
        if (h->events[k].kind == GC_EV_DECREF && h->events[k].obj == id && h->events[k].b == 0)
            return k;
    return -1;
}

/* Is the DECREF event death (to 0) of a tuple the end of an argument tuple
 * the interpreter made for a call (make_args_tuple): born in the same step,
 * never bound to a name or stored in a field, dropped from the stack? */
static int is_args_tuple_death(const GcHeap *h, int32_t death)
{
    const GcEvent *e = ev_at(h, death);
    if (!e || e->kind != GC_EV_DECREF || e->b != 0 || e->obj2 || e->obj <= 0)
        return 0;
    /* the kind from the allocation event: the state shown may be before it */
    int32_t born = find_alloc(h, death, e->obj);
    if (born < 0 || h->events[born].a != GC_KIND_TUPLE)
        return 0;
    GcValue v = GC_VAL_OBJ(e->obj);
    for (int64_t w = ev_first(h, born); w < ev_first(h, death); w++) {
        const GcWrite wcopy = *gc__write(h, w), *wr = &wcopy;
        if ((wr->what == W_VARV || wr->what == W_SLOTV) && wr->new_ == (int64_t)v)
            return 0;
    }
    return released_from(h, death).kind == HOLD_STACK;
}

/* Will object id's __del__ run because of deallocation event i (a refcount
 * death), and does it resurrect the object?  0: no __del__ runs; 1: it
 * runs and the object is freed; 2: it runs and resurrects it. */
static int death_with_del(const GcHeap *h, int32_t i, GcId id)
{
    int32_t d = ev_is(h, i + 1, GC_EV_DEALLOC, id) ? i + 2
                : ev_is(h, i, GC_EV_DEALLOC, id)   ? i + 1
                                                   : -1;
    if (d >= 0 && ev_is(h, d, GC_EV_TRASH_DEPOSIT, id))
        return 3; /* deferred by the trashcan */
    if (d < 0 || !ev_is(h, d, GC_EV_DEL_CALL, id))
        return 0;
    for (int32_t k = d + 1; k < h->nevents; k++)
        if (ev_is(h, k, GC_EV_DEL_RETURN, id))
            return ev_is(h, k + 1, GC_EV_RESURRECTED, id) ? 2 : 1;
    return 1;
}

/* ", so ..." after a count that reached new_rc (refcount deaths). */
static const char *death_suffix(const GcHeap *h, int32_t i, GcId id, int64_t new_rc)
{
    if (new_rc != 0 || h->cfg.collector == GC_COLLECTOR_MARKSWEEP)
        return ".";
    switch (death_with_del(h, i, id)) {
    case 1:
        return ": its __del__ runs first, then it is freed.";
    case 2:
        return ": its __del__ runs first, and resurrects it.";
    case 3:
        return ", but the deallocators are nested too deep: it waits in the trashcan.";
    default:
        return ", so it is freed at once.";
    }
}

/* ---- one sentence per event kind --------------------------------------------- */

typedef struct Ex {
    const GcHeap *h;
    int32_t i;
    const GcEvent *e;
    char a[96]; /* label of e->obj */
} Ex;

typedef void (*ExplainFn)(const Ex *x, char *buf, size_t n);

static void x_begin(const Ex *x, char *buf, size_t n)
{
    (void)x;
    snprintf(buf, n, "The program starts: no objects yet.");
}

void gc_thousands(char *buf, size_t n, int64_t v)
{
    char raw[32];
    int len = snprintf(raw, sizeof raw, "%lld", (long long)(v < 0 ? 0 : v));
    size_t k = 0;
    for (int i = 0; i < len && k + 2 < n; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[k++] = ',';
        buf[k++] = raw[i];
    }
    if (n > 0)
        buf[k < n ? k : n - 1] = 0;
}

/* gc_thousands into a caller's 32 bytes, for a snprintf argument. */
static const char *th(char b[32], int64_t v)
{
    gc_thousands(b, 32, v);
    return b;
}

static void x_stmt(const Ex *x, char *buf, size_t n)
{
    snprintf(buf, n, "%s", x->e->depth > 0 ? "Next statement of the function." : "Next statement.");
}

/* A statement's end (gc_step_end's summary): what it freed, finalized and
 * collected; the argument tuples its calls made and freed apart, with the
 * objects it made, so that "7 objects freed" never stands for seven calls'
 * temporaries while the seven objects they made live on. */
static void x_step_end(const Ex *x, char *buf, size_t n)
{
    const GcEvent *e = x->e;
    long long freed = (long long)e->a, dels = (long long)(e->b & 0xffffffff),
              made = (long long)(e->b >> 32), temps = (long long)e->obj2;
    char parts[4][96], main_[420] = "", tail[96] = "", c1[32], c2[32];
    int k = 0;
    if (temps > 0 && made > 0) {
        gc_thousands(c1, sizeof c1, made);
        snprintf(parts[k++], sizeof parts[0], "%s object%s made", c1, made == 1 ? "" : "s");
    }
    if (freed) {
        gc_thousands(c1, sizeof c1, freed);
        snprintf(parts[k++], sizeof parts[0], "%s object%s freed", c1, freed == 1 ? "" : "s");
    }
    if (dels) {
        gc_thousands(c1, sizeof c1, dels);
        snprintf(parts[k++], sizeof parts[0], "%s __del__ call%s", c1, dels == 1 ? "" : "s");
    }
    if (e->slot > 0) {
        gc_thousands(c1, sizeof c1, e->slot);
        gc_thousands(c2, sizeof c2, e->obj);
        snprintf(parts[k++], sizeof parts[0], "%s collection%s found %s unreachable", c1,
                 e->slot == 1 ? "" : "s", c2);
    }
    gc_thousands(c1, sizeof c1, temps);
    if (temps > 0)
        snprintf(tail, sizeof tail, "%s%s temporar%s freed (%s)", k ? "; " : "", c1,
                 temps == 1 ? "y" : "ies",
                 temps == 1 ? "a call's argument tuple" : "the calls' argument tuples");
    if (k == 0 && temps == 0)
        snprintf(main_, sizeof main_, "nothing was freed");
    else if (k == 1)
        snprintf(main_, sizeof main_, "%s", parts[0]);
    else if (k == 2)
        snprintf(main_, sizeof main_, "%s and %s", parts[0], parts[1]);
    else if (k == 3)
        snprintf(main_, sizeof main_, "%s, %s and %s", parts[0], parts[1], parts[2]);
    else if (k == 4)
        snprintf(main_, sizeof main_, "%s, %s, %s and %s", parts[0], parts[1], parts[2], parts[3]);
    snprintf(buf, n, "Done: %s%s.", main_, tail);
}

static void x_alloc(const Ex *x, char *buf, size_t n)
{
    if (x->h->cfg.collector == GC_COLLECTOR_MARKSWEEP)
        snprintf(buf, n, "%s is allocated.", x->a);
    else
        snprintf(buf, n, "%s is allocated: refcount 1, %s.", x->a,
                 x->e->a == GC_KIND_DICT ? "untracked until it holds a tracked value"
                 : x->h->cfg.collector == GC_COLLECTOR_REFCOUNT
                     ? "and no collector tracks it"
                     : "tracked at the tail of generation 0");
}

static void x_incref(const Ex *x, char *buf, size_t n)
{
    const GcHeap *h = x->h;
    const GcEvent *e = x->e;
    Hold t = taken_by(h, x->i);
    char who[128], rc[64];
    snprintf(rc, sizeof rc, "refcount %lld -> %lld", (long long)e->a, (long long)e->b);
    switch (t.kind) {
    case HOLD_FINALIZER:
        snprintf(buf, n, "The collector holds %s while its __del__ runs: %s.", x->a, rc);
        return;
    case HOLD_CLEAR:
        snprintf(buf, n, "delete_garbage holds %s while tp_clear runs on it: %s.", x->a, rc);
        return;
    case HOLD_CALLBACK:
        snprintf(buf, n, "%s is held until its callback has run: %s.", x->a, rc);
        return;
    case HOLD_STACK:
        snprintf(buf, n, "%s goes on the evaluation stack (a temporary reference): %s.", x->a, rc);
        return;
    case HOLD_NAME:
        snprintf(buf, n, "A new reference to %s, for the name '%s': %s.", x->a,
                 gc_strtab_get(h->atoms, t.atom), rc);
        return;
    case HOLD_SLOT:
        slot_label_key(h, t.id, (int32_t)t.idx, slot_key_at(h, t.id, t.idx, t.w), who, sizeof who);
        snprintf(buf, n, "A new reference to %s, to be stored in %s: %s.", x->a, who, rc);
        return;
    default:
        snprintf(buf, n, "The interpreter takes a reference to %s: %s.", x->a, rc);
        return;
    }
}

static void x_decref(const Ex *x, char *buf, size_t n)
{
    const GcHeap *h = x->h;
    const GcEvent *e = x->e;
    char who[128], rc[64];
    snprintf(rc, sizeof rc, "refcount %lld -> %lld", (long long)e->a, (long long)e->b);
    const char *end = death_suffix(h, x->i, e->obj, e->b);
    if (e->obj2) {
        slot_label(h, e->obj2, e->slot, x->i, who, sizeof who);
        snprintf(buf, n, "%s lets go of %s: %s%s", who, x->a, rc, end);
        return;
    }
    Hold s = released_from(h, x->i);
    switch (s.kind) {
    case HOLD_NAME: {
        const GcEvent *src = ev_at(h, s.ev);
        int del = src && src->kind == GC_EV_BIND;
        snprintf(buf, n, "%s '%s' no longer refers to %s: %s%s",
                 del ? "The name" : "The function's frame is cleared:",
                 gc_strtab_get(h->atoms, s.atom), x->a, rc, end);
        return;
    }
    case HOLD_SLOT:
        slot_label_key(h, s.id, (int32_t)s.idx, slot_key_at(h, s.id, s.idx, s.w), who, sizeof who);
        snprintf(buf, n, "%s no longer refers to %s: %s%s", who, x->a, rc, end);
        return;
    case HOLD_STACK:
        if (is_args_tuple_death(h, x->i))
            snprintf(buf, n,
                     "The call is over: its argument tuple #%d, a temporary, is dropped: %s%s",
                     (int)e->obj, rc, end);
        else
            snprintf(buf, n, "The evaluation stack lets go of %s (a temporary reference): %s%s",
                     x->a, rc, end);
        return;
    case HOLD_NEW:
        snprintf(buf, n, "%s was never stored anywhere: %s%s", x->a, rc, end);
        return;
    case HOLD_FINALIZER:
        snprintf(buf, n,
                 "__del__ has returned: the reference held on %s during it is dropped: %s%s", x->a,
                 rc, end);
        return;
    case HOLD_CLEAR:
        snprintf(buf, n, "tp_clear is done: delete_garbage drops its own reference to %s: %s%s",
                 x->a, rc, end);
        return;
    case HOLD_CALLBACK:
        snprintf(buf, n, "The callback has run: the reference held on %s is dropped: %s%s", x->a,
                 rc, end);
        return;
    default:
        snprintf(buf, n, "The interpreter drops a temporary reference to %s: %s%s", x->a, rc, end);
        return;
    }
}

/* The value variable event i wrote (old and new), from its own writes. */
static int bind_values(const GcHeap *h, int32_t i, GcValue *old, GcValue *new_)
{
    const GcEvent *e = &h->events[i];
    for (int64_t w = ev_first(h, i); w < ev_end(h, i); w++) {
        const GcWrite wcopy = *gc__write(h, w), *wr = &wcopy;
        if (wr->what == W_VARV && wr->id == (int32_t)e->a && wr->idx == (uint32_t)e->slot) {
            *old = (GcValue)wr->old;
            *new_ = (GcValue)wr->new_;
            return 0;
        }
    }
    return -1;
}

static void x_bind(const Ex *x, char *buf, size_t n)
{
    const GcHeap *h = x->h;
    const char *name = gc_strtab_get(h->atoms, (int32_t)x->e->b);
    GcValue old = GC_UNBOUND, nv = GC_UNBOUND;
    char was[96], now[96];
    if (bind_values(h, x->i, &old, &nv) < 0)
        nv = x->e->obj ? GC_VAL_OBJ(x->e->obj) : GC_NONE;
    value_label(h, old, was, sizeof was);
    value_label(h, nv, now, sizeof now);
    if (nv == GC_UNBOUND)
        snprintf(
            buf, n,
            "del %s unbinds the name: '%s' no longer refers to %s (the object is not deleted).",
            name, name, was);
    else if (GC_VAL_IS_OBJ(old) && old != nv)
        snprintf(buf, n, "The name '%s' now refers to %s instead of %s.", name, now, was);
    else
        snprintf(buf, n, "The name '%s' now refers to %s.", name, now);
}

static void x_store(const Ex *x, char *buf, size_t n)
{
    char b[96];
    slot_label(x->h, x->e->obj, x->e->slot, x->i, b, sizeof b);
    if (x->e->obj2) {
        char a[96];
        obj_label(x->h, x->e->obj2, a, sizeof a);
        snprintf(buf, n, "%s now refers to %s.", b, a);
    } else {
        snprintf(buf, n, "%s is set.", b);
    }
}

static void x_slot_del(const Ex *x, char *buf, size_t n)
{
    if (x->e->slot < 0 && x->e->a > 0) {
        snprintf(buf, n, "%s is emptied: its %lld item%s %s let go.", x->a, (long long)x->e->a,
                 x->e->a == 1 ? "" : "s", x->e->a == 1 ? "is" : "are");
        return;
    }
    char b[96];
    slot_label(x->h, x->e->obj, x->e->slot, x->i, b, sizeof b);
    snprintf(buf, n, "%s is removed.", b);
}

static void x_dealloc(const Ex *x, char *buf, size_t n)
{
    switch (death_with_del(x->h, x->i, x->e->obj)) {
    case 1:
        snprintf(buf, n, "%s has no references left: before it is freed, its __del__ runs.", x->a);
        break;
    case 2:
        snprintf(buf, n,
                 "%s has no references left: its __del__ runs first, and will make it reachable "
                 "again (it is not freed).",
                 x->a);
        break;
    case 3:
        snprintf(buf, n,
                 "%s has no references left, but the deallocators are nested too deep: "
                 "it waits in the trashcan.",
                 x->a);
        break;
    default:
        snprintf(buf, n, "%s has no references left: it is deallocated.", x->a);
        break;
    }
}

static void x_track(const Ex *x, char *buf, size_t n)
{
    snprintf(buf, n, "%s now holds a tracked object, so the collector starts tracking it.", x->a);
}

static void x_untrack(const Ex *x, char *buf, size_t n)
{
    snprintf(buf, n, "%s holds no trackable objects: the collector stops tracking it.", x->a);
}

static void x_del_call(const Ex *x, char *buf, size_t n)
{
    if (x->e->phase == GC_PHASE_FINALIZERS)
        snprintf(buf, n, "finalize_garbage: %s.__del__() runs (once per object, PEP 442).", x->a);
    else
        snprintf(buf, n,
                 "%s.__del__() runs before the object is freed (only ever once per object).", x->a);
}

static void x_del_return(const Ex *x, char *buf, size_t n)
{
    const GcHeap *h = x->h;
    if (ev_is(h, x->i + 1, GC_EV_RESURRECTED, x->e->obj))
        snprintf(buf, n, "%s.__del__() returns.", x->a);
    else if (x->e->phase == GC_PHASE_FINALIZERS)
        snprintf(
            buf, n,
            "%s.__del__() returns; handle_resurrected_objects will check what still reaches it.",
            x->a);
    else
        snprintf(buf, n, "%s.__del__() returns: nothing new refers to it, so it is freed now.",
                 x->a);
}

static void x_resurrected(const Ex *x, char *buf, size_t n)
{
    snprintf(buf, n,
             "__del__ stored a new reference to %s: it is resurrected (refcount %lld), not freed.",
             x->a, (long long)x->e->a);
}

static void x_weakref_clear(const Ex *x, char *buf, size_t n)
{
    char b[96];
    obj_label(x->h, x->e->obj2, b, sizeof b);
    snprintf(buf, n, "%s is cleared: it no longer refers to %s.", x->a, b);
}

static void x_weakref_callback(const Ex *x, char *buf, size_t n)
{
    snprintf(buf, n, "The callback of %s is called, with the dead weakref as its argument.", x->a);
}

static void x_call(const Ex *x, char *buf, size_t n)
{
    if (x->e->a == -2)
        snprintf(buf, n, "__del__ gets a frame of its own: 'self' is a new reference to %s.", x->a);
    else if (x->e->a == -3)
        snprintf(buf, n, "The weakref callback gets a frame of its own.");
    else
        snprintf(buf, n, "A function is called: a new frame with its own local names.");
}

static void x_return(const Ex *x, char *buf, size_t n)
{
    (void)x;
    snprintf(buf, n, "The function returns: its frame and local names go away.");
}

static void x_count_reset(const Ex *x, char *buf, size_t n)
{
    (void)x;
    snprintf(buf, n, "Counts reset.");
}

static void x_gc_start(const Ex *x, char *buf, size_t n)
{
    if (x->h->cfg.collector == GC_COLLECTOR_MARKSWEEP)
        snprintf(buf, n, "%s mark-and-sweep collection starts: every object is white (unmarked).",
                 x->e->b ? "An automatic" : "A");
    else
        snprintf(buf, n, "%s collection of generation %lld starts%s.",
                 x->e->b ? "An automatic" : "A", (long long)x->e->a,
                 x->e->a == 2 ? " (a full collection)" : "");
}

static void x_phase(const Ex *x, char *buf, size_t n)
{
    static const char *why[GC_PHASE_COUNT] = {
        "The collector is idle.",
        "start: the counts of the collected generations are reset.",
        "merge: the younger generations are appended to the one being collected.",
        "update_refs: each object's gc_refs starts as its refcount.",
        "subtract_refs: references from inside the set are subtracted; what remains comes from "
        "outside.",
        "move_unreachable: objects with gc_refs > 0 are reachable, and so is everything they "
        "reach.",
        "untrack_tuples: tuples holding only untracked objects leave the collector.",
        "The survivors move to the next generation.",
        "Legacy finalizers (tp_del): none for Python classes.",
        "handle_weakrefs: weak references to the garbage are cleared; callbacks run first.",
        "finalize_garbage: __del__ runs for each unreachable object not yet finalized.",
        "handle_resurrected_objects: does anything still reach the garbage after __del__?",
        "delete_garbage: tp_clear breaks the references; refcounting frees the rest.",
        "The collection is done.",
        "mark: from the roots, each object reached turns grey, then black once its references are "
        "followed.",
        "sweep: every object still white (unmarked) is freed."};
    snprintf(buf, n, "%s", why[x->e->a >= 0 && x->e->a < GC_PHASE_COUNT ? x->e->a : 0]);
}

static void x_merge(const Ex *x, char *buf, size_t n)
{
    snprintf(buf, n, "%s is appended to %s.", gc_list_name((GcListId)x->e->a),
             gc_list_name((GcListId)x->e->b));
}

static void x_update_refs(const Ex *x, char *buf, size_t n)
{
    snprintf(buf, n, "update_refs: gc_refs(%s) = refcount = %lld.", x->a, (long long)x->e->b);
}

static void x_subtract(const Ex *x, char *buf, size_t n)
{
    char b[96];
    slot_label(x->h, x->e->obj2, x->e->slot, x->i, b, sizeof b);
    snprintf(buf, n, "subtract_refs: %s -> %s, gc_refs(%s) %lld -> %lld.", b, x->a, x->a,
             (long long)x->e->a, (long long)x->e->b);
}

static void x_scan_reachable(const Ex *x, char *buf, size_t n)
{
    snprintf(
        buf, n,
        "move_unreachable: gc_refs(%s) = %lld > 0, so it is reachable; what it refers to is too.",
        x->a, (long long)x->e->a);
}

static void x_visit_reachable(const Ex *x, char *buf, size_t n)
{
    char b[96];
    slot_label(x->h, x->e->obj2, x->e->slot, x->i, b, sizeof b);
    snprintf(buf, n, "%s reaches %s: gc_refs 0 -> 1, it will be kept.", b, x->a);
}

static void x_move_back(const Ex *x, char *buf, size_t n)
{
    char b[96];
    slot_label(x->h, x->e->obj2, x->e->slot, x->i, b, sizeof b);
    snprintf(buf, n, "%s reaches %s, so it moves back from 'unreachable' to the end of the list.",
             b, x->a);
}

static void x_move_unreachable(const Ex *x, char *buf, size_t n)
{
    snprintf(buf, n, "move_unreachable: gc_refs(%s) = 0: tentatively unreachable.", x->a);
}

static void x_promote(const Ex *x, char *buf, size_t n)
{
    snprintf(buf, n, "%lld survivor%s go%s to %s.", (long long)x->e->b, x->e->b == 1 ? "" : "s",
             x->e->b == 1 ? "es" : "", gc_list_name((GcListId)x->e->a));
}

static void x_finalize(const Ex *x, char *buf, size_t n)
{
    snprintf(buf, n, "finalize_garbage: %s has a __del__ that has not run yet.", x->a);
}

static void x_clear(const Ex *x, char *buf, size_t n)
{
    snprintf(buf, n, "delete_garbage: tp_clear(%s) drops its references.", x->a);
}

static void x_survive_clear(const Ex *x, char *buf, size_t n)
{
    snprintf(buf, n, "%s is still alive after tp_clear: it moves to the older generation.", x->a);
}

static void x_mark(const Ex *x, char *buf, size_t n)
{
    if (x->e->a == 1)
        snprintf(
            buf, n,
            "mark: %s is reached: grey, waiting on the worklist to have its references followed.",
            x->a);
    else
        snprintf(buf, n, "mark: %s's references are followed: it is black (reachable, done).",
                 x->a);
}

static void x_sweep(const Ex *x, char *buf, size_t n)
{
    snprintf(buf, n, "sweep: %s is still white (never reached): it is freed.", x->a);
}

static void x_leak(const Ex *x, char *buf, size_t n)
{
    snprintf(buf, n, "%s is unreachable, but with no cycle collector it is never freed: a leak.",
             x->a);
}

static void x_gc_end(const Ex *x, char *buf, size_t n)
{
    char c[32];
    gc_thousands(c, sizeof c, x->e->a);
    snprintf(buf, n, "The collection found %s unreachable object%s.", c, x->e->a == 1 ? "" : "s");
}

static void x_error(const Ex *x, char *buf, size_t n)
{
    const GcHeap *h = x->h;
    snprintf(buf, n, "%s",
             h->exc[0]   ? h->exc
             : h->err[0] ? h->err
                         : "An exception stopped the program.");
}

static void x_skip_full(const Ex *x, char *buf, size_t n)
{
    snprintf(buf, n,
             "count[2] is over its threshold, but generation 2 waits: only %s new long-lived "
             "object(s), fewer than 25%% of the %s it holds.",
             th((char[32]){0}, x->e->a), th((char[32]){0}, x->e->b));
}

static void x_output(const Ex *x, char *buf, size_t n)
{
    (void)x;
    snprintf(buf, n, "The program prints.");
}

static void x_trash_deposit(const Ex *x, char *buf, size_t n)
{
    snprintf(buf, n,
             "The trashcan: %s (refcount 0, untracked) is put aside until the deallocators "
             "return (%lld waiting, the last one in comes out first).",
             x->a, (long long)x->e->a);
}

static void x_trash_destroy(const Ex *x, char *buf, size_t n)
{
    snprintf(buf, n,
             "The nesting is back down: %s, the last one put in the trashcan, is "
             "deallocated now.",
             x->a);
}

static const ExplainFn explain_table[] = {
    [GC_EV_BEGIN] = x_begin,
    [GC_EV_STMT] = x_stmt,
    [GC_EV_STEP_END] = x_step_end,
    [GC_EV_ALLOC] = x_alloc,
    [GC_EV_INCREF] = x_incref,
    [GC_EV_DECREF] = x_decref,
    [GC_EV_BIND] = x_bind,
    [GC_EV_STORE] = x_store,
    [GC_EV_SLOT_DEL] = x_slot_del,
    [GC_EV_DEALLOC] = x_dealloc,
    [GC_EV_TRACK] = x_track,
    [GC_EV_UNTRACK] = x_untrack,
    [GC_EV_DEL_CALL] = x_del_call,
    [GC_EV_DEL_RETURN] = x_del_return,
    [GC_EV_RESURRECTED] = x_resurrected,
    [GC_EV_WEAKREF_CLEAR] = x_weakref_clear,
    [GC_EV_WEAKREF_CALLBACK] = x_weakref_callback,
    [GC_EV_CALL] = x_call,
    [GC_EV_RETURN] = x_return,
    [GC_EV_COUNT_RESET] = x_count_reset,
    [GC_EV_GC_START] = x_gc_start,
    [GC_EV_PHASE] = x_phase,
    [GC_EV_MERGE] = x_merge,
    [GC_EV_UPDATE_REFS] = x_update_refs,
    [GC_EV_SUBTRACT] = x_subtract,
    [GC_EV_SCAN_REACHABLE] = x_scan_reachable,
    [GC_EV_VISIT_REACHABLE] = x_visit_reachable,
    [GC_EV_MOVE_BACK] = x_move_back,
    [GC_EV_MOVE_UNREACHABLE] = x_move_unreachable,
    [GC_EV_PROMOTE] = x_promote,
    [GC_EV_FINALIZE] = x_finalize,
    [GC_EV_CLEAR] = x_clear,
    [GC_EV_SURVIVE_CLEAR] = x_survive_clear,
    [GC_EV_MARK] = x_mark,
    [GC_EV_SWEEP] = x_sweep,
    [GC_EV_LEAK] = x_leak,
    [GC_EV_GC_END] = x_gc_end,
    [GC_EV_ERROR] = x_error,
    [GC_EV_SKIP_FULL] = x_skip_full,
    [GC_EV_OUTPUT] = x_output,
    [GC_EV_TRASH_DEPOSIT] = x_trash_deposit,
    [GC_EV_TRASH_DESTROY] = x_trash_destroy,
};

/* Under mark-and-sweep there are no reference counts: ": refcount a -> b"
 * is taken out of a sentence. */
static void strip_counts(char *buf)
{
    char *c = strstr(buf, ": refcount ");
    if (!c)
        return;
    char *e = c + strlen(": refcount ");
    while (*e && (strchr("0123456789-> ", *e)))
        e++;
    memmove(c, e, strlen(e) + 1);
}

void gc_event_explain(const GcHeap *h, int32_t i, char *buf, size_t n)
{
    const GcEvent *e = gc_event(h, i);
    if (n == 0)
        return;
    buf[0] = 0;
    if (!e || e->kind >= sizeof explain_table / sizeof explain_table[0] || !explain_table[e->kind])
        return;
    Ex x = {h, i, e, {0}};
    if (e->obj > 0 && e->obj <= gc_max_id(h))
        obj_label(h, e->obj, x.a, sizeof x.a);
    explain_table[e->kind](&x, buf, n);
    if (h->cfg.collector == GC_COLLECTOR_MARKSWEEP &&
        (e->kind == GC_EV_INCREF || e->kind == GC_EV_DECREF))
        strip_counts(buf);
}

int gc_event_interpreter_only(const GcHeap *h, int32_t i)
{
    const GcEvent *e = gc_event(h, i);
    if (!e)
        return 0;
    switch ((GcEventKind)e->kind) {
    case GC_EV_INCREF: {
        HoldKind k = taken_by(h, i).kind;
        return k == HOLD_STACK || k == HOLD_INTERP;
    }
    case GC_EV_DECREF:
        if (e->obj2) /* an item let go while an argument tuple is torn down */
            return is_args_tuple_death(h, find_death_back(h, i, e->obj2));
        if (e->b == 0)
            return is_args_tuple_death(h, i);
        switch (released_from(h, i).kind) {
        case HOLD_STACK:
        case HOLD_INTERP:
        case HOLD_NEW:
            return 1;
        default:
            return 0;
        }
    case GC_EV_ALLOC:
    case GC_EV_STORE: {
        /* the argument tuple of a call, from its birth to its end */
        int32_t born = e->obj > 0 ? find_alloc(h, i, e->obj) : -1;
        return born >= 0 && h->events[born].a == GC_KIND_TUPLE &&
               is_args_tuple_death(h, find_death(h, i, e->obj));
    }
    case GC_EV_DEALLOC:
        return is_args_tuple_death(h, find_death_back(h, i, e->obj));
    default:
        return 0;
    }
}

/* ---- phase summaries ------------------------------------------------------------ */

/* Objects named in a summary: the first few by label, then how many more. */
typedef struct IdList {
    GcId ids[6];
    int n; /* all of them, also those not kept */
} IdList;

static void idl_add(IdList *l, GcId id)
{
    for (int k = 0; k < l->n && k < 6; k++)
        if (l->ids[k] == id)
            return;
    if (l->n < 6)
        l->ids[l->n] = id;
    l->n++;
}

static void idl_text(const GcHeap *h, const IdList *l, char *buf, size_t n)
{
    size_t k = 0;
    buf[0] = 0;
    int shown = l->n <= 4 ? l->n : 3;
    for (int i = 0; i < shown && k < n; i++) {
        char a[96];
        obj_label(h, l->ids[i], a, sizeof a);
        k += (size_t)snprintf(buf + k, n - k, "%s%s",
                              i == 0          ? ""
                              : i + 1 == l->n ? " and "
                                              : ", ",
                              a);
    }
    if (shown < l->n && k < n)
        snprintf(buf + k, n - k, " and %d more", l->n - shown);
}

/* A name of the module that refers to id now, or NULL. */
static const char *global_name_of(const GcHeap *h, GcId id)
{
    if (h->g[GF_NFRAMES] <= 0)
        return NULL;
    const GcFrame *f = &h->frames[0];
    for (uint32_t i = 0; i < f->nvars; i++)
        if (f->vars[i].val == GC_VAL_OBJ(id) && GC_VAL_TAG(f->vars[i].key) == GC_V_STR)
            return gc_strtab_get(h->atoms, (int32_t)GC_VAL_PAYLOAD(f->vars[i].key));
    return NULL;
}

/* What __del__ of obj (called at event call) did with self: stored it in
 * a field or bound it to a global name.  "" if neither. */
static void del_outcome(const GcHeap *h, int32_t call, int32_t end, GcId obj, char *buf, size_t n)
{
    buf[0] = 0;
    for (int32_t k = call + 1; k < end; k++) {
        const GcEvent *e = &h->events[k];
        if (e->kind == GC_EV_DEL_RETURN && e->obj == obj)
            break;
        if (e->kind == GC_EV_STORE && e->obj2 == obj && e->obj != obj) {
            GcId holder = e->obj;
            const char *name = global_name_of(h, holder);
            char a[96];
            obj_label(h, holder, a, sizeof a);
            if (name)
                snprintf(buf, n, " and stored self in %s (%s)", name, a);
            else
                snprintf(buf, n, " and stored self in %s", a);
            return;
        }
        if (e->kind == GC_EV_BIND && e->obj == obj && e->a == 0) {
            snprintf(buf, n, " and bound self to the global name '%s'",
                     gc_strtab_get(h->atoms, (int32_t)e->b));
            return;
        }
    }
}

typedef struct Span {
    const GcHeap *h;
    int32_t gc;          /* the GC_START event of the collection */
    int32_t first, last; /* the phase's events */
} Span;

static int count_kind(const Span *s, GcEventKind kind, IdList *l)
{
    int c = 0;
    for (int32_t k = s->first; k <= s->last; k++)
        if (s->h->events[k].kind == kind) {
            c++;
            if (l)
                idl_add(l, s->h->events[k].obj);
        }
    return c;
}

static void sum_start(const Span *s, char *buf, size_t n)
{
    const GcEvent *g = &s->h->events[s->gc];
    if (s->h->cfg.collector == GC_COLLECTOR_MARKSWEEP)
        snprintf(buf, n, "start: a mark-and-sweep collection of the whole heap.");
    else
        snprintf(buf, n,
                 "start: %s collection of generation %lld%s; the counts of generations 0-%lld are "
                 "reset.",
                 g->b ? "an automatic" : "a", (long long)g->a, g->a == 2 ? " (full)" : "",
                 (long long)g->a);
}

static void sum_merge(const Span *s, char *buf, size_t n)
{
    char lists[128] = "";
    size_t k = 0;
    int m = 0;
    GcListId to = GC_LIST_NONE;
    for (int32_t i = s->first; i <= s->last; i++) {
        const GcEvent *e = &s->h->events[i];
        if (e->kind != GC_EV_MERGE)
            continue;
        k += (size_t)snprintf(lists + k, sizeof lists - k, "%s%s", m ? " and " : "",
                              gc_list_name((GcListId)e->a));
        to = (GcListId)e->b;
        m++;
    }
    if (m == 0)
        snprintf(buf, n,
                 "merge: no younger generation holds anything: only generation %lld is examined.",
                 (long long)s->h->events[s->gc].a);
    else
        snprintf(buf, n, "merge: %s %s appended to %s, which is examined as one list.", lists,
                 m == 1 ? "is" : "are", gc_list_name(to));
}

static void sum_update_refs(const Span *s, char *buf, size_t n)
{
    char part[400] = "";
    size_t k = 0;
    int c = 0;
    for (int32_t i = s->first; i <= s->last; i++) {
        const GcEvent *e = &s->h->events[i];
        if (e->kind != GC_EV_UPDATE_REFS)
            continue;
        if (c < 4) {
            char a[96];
            obj_label(s->h, e->obj, a, sizeof a);
            k += (size_t)snprintf(part + k, sizeof part - k, "%s%s: %lld", c ? ", " : "", a,
                                  (long long)e->b);
        }
        c++;
    }
    if (c > 4)
        snprintf(part + k, sizeof part - k, ", ...");
    if (c == 0)
        snprintf(buf, n, "update_refs: nothing to examine.");
    else
        snprintf(buf, n, "update_refs: gc_refs = refcount for the %s object%s examined (%s).",
                 th((char[32]){0}, c), c == 1 ? "" : "s", part);
}

static void sum_subtract(const Span *s, char *buf, size_t n)
{
    /* each object's gc_refs at the end: its last update or subtraction */
    const GcHeap *h = s->h;
    GcId maxid = gc_max_id(h);
    int32_t *last = gc_calloc((size_t)maxid + 1, sizeof *last);
    if (!last) {
        snprintf(buf, n, "subtract_refs: references from inside the set are subtracted.");
        return;
    }
    int subs = 0;
    for (int32_t i = s->gc; i <= s->last; i++) {
        const GcEvent *e = &h->events[i];
        if (e->kind == GC_EV_UPDATE_REFS && e->obj <= maxid)
            last[e->obj] = i + 1;
        if (e->kind == GC_EV_SUBTRACT && e->obj <= maxid && i >= s->first) {
            last[e->obj] = i + 1;
            subs++;
        }
    }
    IdList outside = {{0}, 0}, zero = {{0}, 0};
    for (int32_t i = s->gc; i <= s->last; i++) {
        const GcEvent *e = &h->events[i];
        if ((e->kind != GC_EV_UPDATE_REFS && e->kind != GC_EV_SUBTRACT) || e->obj > maxid)
            continue;
        if (last[e->obj] != i + 1)
            continue; /* not its final value */
        if (e->b > 0)
            idl_add(&outside, e->obj);
        else
            idl_add(&zero, e->obj);
    }
    gc_free(last);
    char o[300], z[300];
    idl_text(h, &outside, o, sizeof o);
    idl_text(h, &zero, z, sizeof z);
    if (outside.n == 0)
        snprintf(buf, n,
                 "subtract_refs: %d internal reference%s subtracted; every gc_refs is 0: nothing "
                 "is referenced from outside.",
                 subs, subs == 1 ? "" : "s");
    else if (zero.n == 0)
        snprintf(buf, n,
                 "subtract_refs: %d internal reference%s subtracted; all keep gc_refs > 0 "
                 "(referenced from outside).",
                 subs, subs == 1 ? "" : "s");
    else
        snprintf(buf, n,
                 "subtract_refs: %d internal reference%s subtracted; still > 0 (from outside): %s; "
                 "now 0: %s.",
                 subs, subs == 1 ? "" : "s", o, z);
}

/* move_unreachable and its repetition in handle_resurrected_objects:
 * which objects ended reachable, which unreachable. */
static void scan_outcome(const Span *s, IdList *reach, IdList *unreach)
{
    const GcHeap *h = s->h;
    for (int32_t i = s->first; i <= s->last; i++) {
        const GcEvent *e = &h->events[i];
        if (e->kind == GC_EV_SCAN_REACHABLE || e->kind == GC_EV_VISIT_REACHABLE ||
            e->kind == GC_EV_MOVE_BACK)
            idl_add(reach, e->obj);
    }
    for (int32_t i = s->first; i <= s->last; i++) {
        const GcEvent *e = &h->events[i];
        if (e->kind != GC_EV_MOVE_UNREACHABLE)
            continue;
        int back = 0; /* moved back later in the scan */
        for (int32_t k = i + 1; k <= s->last && !back; k++)
            back = h->events[k].kind == GC_EV_MOVE_BACK && h->events[k].obj == e->obj;
        if (!back)
            idl_add(unreach, e->obj);
    }
}

static void sum_move_unreachable(const Span *s, char *buf, size_t n)
{
    IdList reach = {{0}, 0}, unreach = {{0}, 0};
    scan_outcome(s, &reach, &unreach);
    char r[300], u[300];
    idl_text(s->h, &reach, r, sizeof r);
    idl_text(s->h, &unreach, u, sizeof u);
    if (unreach.n == 0)
        snprintf(buf, n, "move_unreachable: everything is reachable (%s): nothing to collect.",
                 reach.n ? r : "none");
    else if (reach.n == 0)
        snprintf(
            buf, n,
            "move_unreachable: nothing is reached from outside: %s %s tentatively unreachable.", u,
            unreach.n == 1 ? "is" : "are");
    else
        snprintf(buf, n, "move_unreachable: reachable: %s; tentatively unreachable: %s.", r, u);
}

static void sum_untrack_tuples(const Span *s, char *buf, size_t n)
{
    IdList l = {{0}, 0};
    int c = count_kind(s, GC_EV_UNTRACK, &l);
    char t[300];
    idl_text(s->h, &l, t, sizeof t);
    if (c == 0)
        snprintf(buf, n,
                 "untrack_tuples: no tuple holds only untracked objects: nothing to untrack.");
    else
        snprintf(buf, n, "untrack_tuples: %s hold%s only untracked objects: no longer tracked.", t,
                 c == 1 ? "s" : "");
}

static void sum_promote(const Span *s, char *buf, size_t n)
{
    const GcHeap *h = s->h;
    for (int32_t i = s->first; i <= s->last; i++) {
        const GcEvent *e = &h->events[i];
        if (e->kind != GC_EV_PROMOTE)
            continue;
        if (h->events[s->gc].a == 2)
            snprintf(buf, n,
                     "promote: the %s reachable object%s stay%s in gen2, the oldest generation.",
                     th((char[32]){0}, e->b), e->b == 1 ? "" : "s", e->b == 1 ? "s" : "");
        else
            snprintf(buf, n, "promote: the %s reachable object%s move%s to %s: %s older now.",
                     th((char[32]){0}, e->b), e->b == 1 ? "" : "s", e->b == 1 ? "s" : "",
                     gc_list_name((GcListId)e->a), e->b == 1 ? "it is" : "they are");
        return;
    }
    snprintf(buf, n, "promote: the survivors move to the next generation.");
}

static void sum_legacy(const Span *s, char *buf, size_t n)
{
    (void)s;
    snprintf(buf, n,
             "legacy_finalizers: no object has a legacy tp_del (Python classes use __del__, PEP "
             "442): nothing to do.");
}

static void sum_weakrefs(const Span *s, char *buf, size_t n)
{
    IdList cleared = {{0}, 0}, called = {{0}, 0};
    int c = count_kind(s, GC_EV_WEAKREF_CLEAR, &cleared),
        k = count_kind(s, GC_EV_WEAKREF_CALLBACK, &called);
    char a[300], b[300];
    idl_text(s->h, &cleared, a, sizeof a);
    idl_text(s->h, &called, b, sizeof b);
    if (c == 0 && k == 0)
        snprintf(buf, n, "handle_weakrefs: no weak reference points into the garbage.");
    else if (k == 0)
        snprintf(buf, n,
                 "handle_weakrefs: %s cleared (%s pointed into the garbage); no callback to run.",
                 a, c == 1 ? "it" : "they");
    else
        snprintf(buf, n, "handle_weakrefs: %s cleared; the callback of %s ran.", c ? a : "weakrefs",
                 b);
}

static void sum_finalizers(const Span *s, char *buf, size_t n)
{
    const GcHeap *h = s->h;
    size_t k = 0;
    int c = 0;
    buf[0] = 0;
    for (int32_t i = s->first; i <= s->last; i++) {
        const GcEvent *e = &h->events[i];
        if (e->kind != GC_EV_DEL_CALL || e->depth != h->events[s->first].depth)
            continue;
        char a[96], out[200];
        obj_label(h, e->obj, a, sizeof a);
        del_outcome(h, i, s->last + 1, e->obj, out, sizeof out);
        if (c < 3 && k < n)
            k += (size_t)snprintf(buf + k, n - k, "%s%s.__del__ ran%s",
                                  c == 0 ? "finalize_garbage: " : "; ", a, out);
        c++;
    }
    if (c > 3 && k < n)
        k += (size_t)snprintf(buf + k, n - k, "; %d more", c - 3);
    if (c == 0)
        snprintf(buf, n, "finalize_garbage: no unreachable object has a __del__ still to run.");
    else if (k < n)
        snprintf(buf + k, n - k, ".");
}

static void sum_resurrection(const Span *s, char *buf, size_t n)
{
    IdList reach = {{0}, 0}, unreach = {{0}, 0};
    scan_outcome(s, &reach, &unreach);
    char r[300], u[300];
    idl_text(s->h, &reach, r, sizeof r);
    idl_text(s->h, &unreach, u, sizeof u);
    if (reach.n == 0 && unreach.n == 0)
        snprintf(buf, n, "handle_resurrected: no garbage left to check.");
    else if (reach.n == 0)
        snprintf(buf, n, "handle_resurrected: nothing was resurrected: %s will be freed.", u);
    else if (unreach.n == 0)
        snprintf(buf, n,
                 "handle_resurrected: %s %s reachable again after __del__: nothing is freed.", r,
                 reach.n == 1 ? "is" : "are");
    else
        snprintf(buf, n, "handle_resurrected: %s reachable again; %s will be freed.", r, u);
}

static void sum_clear(const Span *s, char *buf, size_t n)
{
    IdList cleared = {{0}, 0}, freed = {{0}, 0}, survived = {{0}, 0};
    count_kind(s, GC_EV_CLEAR, &cleared);
    count_kind(s, GC_EV_DEALLOC, &freed);
    count_kind(s, GC_EV_SURVIVE_CLEAR, &survived);
    char c[300], f[300], v[300];
    idl_text(s->h, &cleared, c, sizeof c);
    idl_text(s->h, &freed, f, sizeof f);
    idl_text(s->h, &survived, v, sizeof v);
    if (cleared.n == 0)
        snprintf(buf, n, "delete_garbage: no garbage: nothing is freed.");
    else if (survived.n == 0)
        snprintf(buf, n, "delete_garbage: tp_clear(%s) broke the references; %s freed: %s.", c,
                 th((char[32]){0}, freed.n), f);
    else
        snprintf(buf, n, "delete_garbage: tp_clear(%s); %s freed: %s; still alive: %s.", c,
                 th((char[32]){0}, freed.n), freed.n ? f : "none", v);
}

static void sum_done(const Span *s, char *buf, size_t n)
{
    for (int32_t i = s->last; i >= s->first; i--) {
        const GcEvent *e = &s->h->events[i];
        if (e->kind == GC_EV_GC_END) {
            char c[32];
            gc_thousands(c, sizeof c, e->a);
            snprintf(buf, n, "done: the collection found %s unreachable object%s%s.", c,
                     e->a == 1 ? "" : "s",
                     s->h->events[s->gc].b ? "" : " (what gc.collect() returns)");
            return;
        }
    }
    snprintf(buf, n, "done: statistics are updated.");
}

static void sum_mark(const Span *s, char *buf, size_t n)
{
    IdList black = {{0}, 0};
    for (int32_t i = s->first; i <= s->last; i++)
        if (s->h->events[i].kind == GC_EV_MARK && s->h->events[i].a == 0)
            idl_add(&black, s->h->events[i].obj);
    char b[300];
    idl_text(s->h, &black, b, sizeof b);
    if (black.n == 0)
        snprintf(buf, n, "mark: nothing is reachable from the roots: every object stays white.");
    else
        snprintf(
            buf, n,
            "mark: %s object%s reached from the roots %s black (%s); everything else stays white.",
            th((char[32]){0}, black.n), black.n == 1 ? "" : "s", black.n == 1 ? "is" : "are", b);
}

static void sum_sweep(const Span *s, char *buf, size_t n)
{
    IdList swept = {{0}, 0};
    count_kind(s, GC_EV_SWEEP, &swept);
    char w[300];
    idl_text(s->h, &swept, w, sizeof w);
    if (swept.n == 0)
        snprintf(buf, n, "sweep: no white object: nothing is freed.");
    else
        snprintf(buf, n, "sweep: %s white object%s freed: %s.", th((char[32]){0}, swept.n),
                 swept.n == 1 ? "" : "s", w);
}

typedef void (*SummaryFn)(const Span *s, char *buf, size_t n);

static const SummaryFn summary_table[GC_PHASE_COUNT] = {
    [GC_PHASE_START] = sum_start,
    [GC_PHASE_MERGE] = sum_merge,
    [GC_PHASE_UPDATE_REFS] = sum_update_refs,
    [GC_PHASE_SUBTRACT_REFS] = sum_subtract,
    [GC_PHASE_MOVE_UNREACHABLE] = sum_move_unreachable,
    [GC_PHASE_UNTRACK_TUPLES] = sum_untrack_tuples,
    [GC_PHASE_PROMOTE] = sum_promote,
    [GC_PHASE_LEGACY_FINALIZERS] = sum_legacy,
    [GC_PHASE_WEAKREFS] = sum_weakrefs,
    [GC_PHASE_FINALIZERS] = sum_finalizers,
    [GC_PHASE_RESURRECTION] = sum_resurrection,
    [GC_PHASE_CLEAR] = sum_clear,
    [GC_PHASE_DONE] = sum_done,
    [GC_PHASE_MARK] = sum_mark,
    [GC_PHASE_SWEEP] = sum_sweep,
};

int32_t gc_phase_start(const GcHeap *h, int32_t i)
{
    const GcEvent *e = gc_event(h, i);
    if (!e || e->phase == GC_PHASE_IDLE)
        return -1;
    int32_t s = i;
    while (s > 0 && !(h->events[s].kind == GC_EV_PHASE && h->events[s].a == e->phase) &&
           h->events[s].kind != GC_EV_GC_START)
        s--;
    return s;
}

void gc_phase_summary(const GcHeap *h, int32_t i, char *buf, size_t n)
{
    if (n == 0)
        return;
    buf[0] = 0;
    int32_t first = gc_phase_start(h, i);
    if (first < 0)
        return;
    const GcEvent *e = gc_event(h, i);
    Span s = {h, first, first, i};
    while (s.gc > 0 && h->events[s.gc].kind != GC_EV_GC_START)
        s.gc--;
    if (summary_table[e->phase])
        summary_table[e->phase](&s, buf, n);
}
