/*
 * gc_checkpoint.c: checkpoints of the heap (issue 14, DESIGN.md §4).
 *
 * gc_seek costs the writes it crosses (about 9 ns each): a jump across a
 * history of 10^6 events replays millions of them.  While the history is
 * recorded, a copy of the logged state is taken about every ck_every
 * writes (gc__ck_take, at an event boundary); gc_seek then restores the
 * checkpoint nearest the target (counting what the copy costs) and
 * replays from there, forwards or backwards (writes hold both values).
 *
 * What a restore must give is what plain replay gives, word for word:
 *  - the logged state (g[], the records 1..maxid with their slots up to
 *    their capacity, the frames with their variables, the temporaries,
 *    the in-flight references) is the checkpoint's;
 *  - capacities only grow, and are never undone: a record, frame or array
 *    keeps its storage; what lies beyond the checkpoint's capacity was
 *    made (zeroed) after it and is zero at its cursor, as undo leaves it;
 *    a dict's key index is rebuilt from its slots;
 *  - records above the checkpoint's maxid: plain undo leaves them as
 *    gc_new found them (every logged field and slot 0, their storage
 *    kept), a restore leaves them as they were (a later state).  Nobody
 *    reads them (gc_object stops at maxid) until a replay allocates them
 *    again, so the replay of that allocation (the write of GF_MAXID,
 *    forwards) sets them as undo would (gc__ck_fresh).
 * The rest of the heap is outside the undo log (struct GcHeap).
 *
 * Their number and bytes are bounded: at most CK_MAX, and at most an
 * eighth of the history's budget, in which they are counted.  When a new
 * one does not fit, every other one is dropped and the spacing doubles,
 * so they stay evenly spread over the run.
 */
#include <stdlib.h>
#include <string.h>

#include "gc_internal.h"

#define CK_MAX 32

static void ck_release(GcCheckpoint *c)
{
    gc_free(c->objs);
    gc_free(c->lives);
    gc_free(c->wr);
    gc_free(c->slots);
    gc_free(c->frames);
    gc_free(c->framecap);
    gc_free(c->vars);
    gc_free(c->temps);
    gc_free(c->infl);
    memset(c, 0, sizeof *c);
}

void gc__ck_free(GcHeap *h)
{
    for (int32_t i = 0; i < h->nck; i++)
        ck_release(&h->ck[i]);
    gc_free(h->ck);
    h->ck = NULL;
    h->nck = h->capck = 0;
    h->ck_bytes = 0;
}

/* Drops every other checkpoint (the first, the third, ...) and doubles
 * the spacing. */
static void thin(GcHeap *h)
{
    int32_t k = 0;
    for (int32_t i = 0; i < h->nck; i++) {
        if (i % 2 == 0) {
            h->ck_bytes -= h->ck[i].bytes;
            ck_release(&h->ck[i]);
        } else
            h->ck[k++] = h->ck[i];
    }
    h->nck = k;
    h->ck_every *= 2;
}

static void *dup(const void *p, size_t n)
{
    if (n == 0)
        return NULL;
    void *q = gc_malloc(n);
    if (q)
        memcpy(q, p, n);
    return q;
}

/* Copies the heap's logged state into c; -1 when out of memory. */
static int copy_state(const GcHeap *h, GcCheckpoint *c, int64_t nslots, int64_t nvars)
{
    memcpy(c->g, h->g, sizeof c->g);
    c->nobjs = (GcId)h->g[GF_MAXID];
    c->objs = c->nobjs ? gc_malloc((size_t)c->nobjs * sizeof *c->objs) : NULL;
    c->lives = c->nobjs ? gc_malloc((size_t)c->nobjs * sizeof *c->lives) : NULL;
    c->wr = h->wrn ? gc_malloc((size_t)h->wrn * 2 * sizeof *c->wr) : NULL;
    c->slots = nslots ? gc_malloc((size_t)nslots * sizeof *c->slots) : NULL;
    c->nframes = h->capframes;
    c->frames = dup(h->frames, (size_t)c->nframes * sizeof *c->frames);
    c->framecap = dup(h->framecap, (size_t)c->nframes * sizeof *c->framecap);
    c->vars = nvars ? gc_malloc((size_t)nvars * sizeof *c->vars) : NULL;
    c->ntemps = h->captemps;
    c->temps = dup(h->temps, (size_t)c->ntemps * sizeof *c->temps);
    c->ninfl = (int32_t)h->g[GF_NINFL];
    c->infl = dup(h->infl, (size_t)c->ninfl * sizeof *c->infl);
    if ((c->nobjs && (!c->objs || !c->lives)) || (h->wrn && !c->wr) || (nslots && !c->slots) ||
        !c->frames || !c->framecap || (nvars && !c->vars) || !c->temps || (c->ninfl && !c->infl))
        return -1;
    /* records 1..nobjs, a chunk at a time (record 0 is not copied) */
    for (GcId id = 1, n; id <= c->nobjs; id += n) {
        n = GC_OBJ_CHUNK - (id & (GC_OBJ_CHUNK - 1));
        if (n > c->nobjs - id + 1)
            n = c->nobjs - id + 1;
        memcpy(&c->objs[id - 1], gc__o(h, id), (size_t)n * sizeof *c->objs);
        memcpy(&c->lives[id - 1], gc__life(h, id), (size_t)n * sizeof *c->lives);
    }
    for (int32_t i = 0; i < h->wrcap; i++)
        if (h->wrk[i]) {
            c->wr[2 * c->nwr] = h->wrk[i];
            c->wr[2 * c->nwr++ + 1] = h->wrv[i];
        }
    GcSlot *p = c->slots;
    for (GcId id = 1; id <= c->nobjs; id++) {
        const GcObject *o = gc__o(h, id);
        if (o->cap > 1) {
            memcpy(p, o->s_.heap, (size_t)o->cap * sizeof *p);
            p += o->cap;
        }
    }
    GcSlot *v = c->vars;
    for (int32_t d = 0; d < c->nframes; d++) {
        if (h->framecap[d]) {
            memcpy(v, h->frames[d].vars, (size_t)h->framecap[d] * sizeof *v);
            v += h->framecap[d];
        }
    }
    return 0;
}

void gc__ck_take(GcHeap *h)
{
    GcId n = (GcId)h->g[GF_MAXID];
    int64_t nslots = 0, nvars = 0;
    for (GcId id = 1; id <= n; id++)
        if (gc__o(h, id)->cap > 1)
            nslots += gc__o(h, id)->cap;
    for (int32_t d = 0; d < h->capframes; d++)
        nvars += h->framecap[d];
    int64_t bytes =
        (int64_t)sizeof(GcCheckpoint) + (int64_t)n * (int64_t)(sizeof(GcObject) + sizeof(GcLife)) +
        (int64_t)h->wrn * 2 * (int64_t)sizeof(GcId) + (nslots + nvars) * (int64_t)sizeof(GcSlot) +
        (int64_t)h->capframes * (int64_t)(sizeof(GcFrame) + sizeof(uint32_t)) +
        ((int64_t)h->captemps + h->g[GF_NINFL]) * (int64_t)sizeof(GcValue);
    int64_t limit = h->cfg.history_budget / 8;
    if (h->failed || bytes > limit / 2) {
        h->ck_next = INT64_MAX; /* the heap only grows: none fits any more */
        return;
    }
    while (h->nck > 0 && (h->nck >= CK_MAX || h->ck_bytes + bytes > limit))
        thin(h);
    h->ck_next = h->nwrites + h->ck_every;
    if (GC_VEC_ROOM(h->ck, h->nck, h->capck, 8, gc_realloc) < 0)
        return; /* out of memory: seeking replays further, as exact */
    GcCheckpoint *c = &h->ck[h->nck];
    memset(c, 0, sizeof *c);
    if (copy_state(h, c, nslots, nvars) < 0) {
        ck_release(c);
        return;
    }
    c->ev = h->nevents;
    c->w = h->nwrites;
    c->bytes = bytes;
    /* a write replayed costs 9-12 ns, a record restored about half of
     * that, a slot less (measured with 10^5 records and 7.2 million
     * writes: a restore 0.55-0.7 ms, 100,000 writes 1.1-1.2 ms) */
    c->cost = 256 + n / 2 + (nslots + nvars) / 8 + c->ntemps / 8;
    h->ck_bytes += bytes;
    h->nck++;
}

/* A record as gc_new found it (and undo leaves it): every logged field
 * and slot 0, its storage kept.  A dict's key index (if its block has
 * one) is emptied with its keys. */
static void fresh(GcObject *o, GcId id)
{
    uint32_t cap = o->cap;
    if (cap > 1) {
        size_t bytes = (size_t)cap * sizeof(GcSlot);
        if (gc__has_ix(o))
            bytes += (size_t)cap * 2 * sizeof(uint32_t);
        GcSlot *heap = o->s_.heap;
        memset(heap, 0, bytes);
        memset(o, 0, sizeof *o);
        o->s_.heap = heap;
    } else
        memset(o, 0, sizeof *o);
    o->cap = cap;
    o->id = id;
}

void gc__ck_fresh(GcHeap *h, GcId from, GcId to)
{
    for (GcId id = from; id <= to && id < h->cap; id++) {
        fresh(gc__o(h, id), id);
        *gc__life(h, id) = (GcLife){0, 0};
    }
}

/* Record id from checkpoint record s (whose slots, if it has a block, are
 * at *pool), keeping the record's storage. */
static void restore_record(GcObject *o, const GcObject *s, const GcSlot **pool)
{
    uint32_t cap = o->cap;
    if (cap <= 1) { /* inline then and now (capacities only grow) */
        *o = *s;
        o->cap = cap;
        return;
    }
    GcSlot *heap = o->s_.heap;
    int had_ix = gc__has_ix(o);
    *o = *s;
    o->cap = cap;
    o->s_.heap = heap;
    uint32_t n = 1;
    if (s->cap > 1) {
        n = s->cap;
        memcpy(heap, *pool, (size_t)n * sizeof *heap);
        *pool += n;
    } else
        heap[0] = s->s_.one;
    memset(heap + n, 0, (size_t)(cap - n) * sizeof *heap);
    if (gc__has_ix(o))
        gc__ix_rebuild(o);
    else if (had_ix) /* a dict's block, the record not a dict at the checkpoint */
        memset(heap + cap, 0, (size_t)cap * 2 * sizeof(uint32_t));
}

static void restore(GcHeap *h, const GcCheckpoint *c)
{
    memcpy(h->g, c->g, sizeof h->g);
    const GcSlot *pool = c->slots;
    for (GcId id = 1; id <= c->nobjs; id++) {
        restore_record(gc__o(h, id), &c->objs[id - 1], &pool);
        *gc__life(h, id) = c->lives[id - 1];
    }
    /* the weakref heads: the map's capacity held more than these */
    if (h->wrcap) {
        memset(h->wrk, 0, (size_t)h->wrcap * sizeof *h->wrk);
        memset(h->wrv, 0, (size_t)h->wrcap * sizeof *h->wrv);
    }
    h->wrn = 0;
    for (int32_t i = 0; i < c->nwr; i++)
        gc__wr_head_put(h, c->wr[2 * i], c->wr[2 * i + 1]);
    const GcSlot *v = c->vars;
    for (int32_t d = 0; d < h->capframes; d++) {
        GcFrame *f = &h->frames[d];
        GcSlot *vars = f->vars;
        uint32_t cap = h->framecap[d], n = 0;
        if (d < c->nframes) {
            *f = c->frames[d];
            n = c->framecap[d];
            if (n)
                memcpy(vars, v, (size_t)n * sizeof *vars);
            v += n;
        } else
            memset(f, 0, sizeof *f);
        f->vars = vars;
        if (cap > n)
            memset(vars + n, 0, (size_t)(cap - n) * sizeof *vars);
    }
    if (c->ntemps)
        memcpy(h->temps, c->temps, (size_t)c->ntemps * sizeof *h->temps);
    if (h->captemps > c->ntemps)
        memset(h->temps + c->ntemps, 0, (size_t)(h->captemps - c->ntemps) * sizeof *h->temps);
    if (c->ninfl)
        memcpy(h->infl, c->infl, (size_t)c->ninfl * sizeof *h->infl);
    if (h->capinfl > c->ninfl)
        memset(h->infl + c->ninfl, 0, (size_t)(h->capinfl - c->ninfl) * sizeof *h->infl);
    h->ck_dirty = 1;
}

/* The writes applied at cursor c (the events are closed). */
static int64_t writes_at(const GcHeap *h, int32_t c)
{
    return c < h->nevents ? h->events[c].first_write : h->nwrites;
}

static int64_t dist(int64_t a, int64_t b)
{
    return a > b ? a - b : b - a;
}

void gc__ck_seek(GcHeap *h, int32_t cursor)
{
    if (h->nck == 0 || cursor == h->cursor)
        return;
    int64_t wt = writes_at(h, cursor), best = dist(wt, writes_at(h, h->cursor));
    int32_t k = -1;
    for (int32_t i = 0; i < h->nck; i++) {
        int64_t c = h->ck[i].cost + dist(wt, h->ck[i].w);
        if (c < best) {
            best = c;
            k = i;
        }
    }
    if (k < 0)
        return;
    restore(h, &h->ck[k]);
    h->cursor = h->ck[k].ev;
    h->ck_restores++;
}
