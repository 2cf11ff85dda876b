/*
 * gc_reach.c: gc_reachable near a checkpoint (issue 14).
 *
 * The window asks what is reachable at every step and jump: a pass over
 * the reachable heap (gc__reach_mark), 3-14 ms at 10^6 objects, bound by
 * the memory it reads (each record, its block, its targets' records).
 * While the history is recorded, a mark keeps the answer about every
 * rk_every writes (GcRkMark: a bit per record and the roots' values, at
 * most RK_MAX of them and 1/RK_SHARE of the history's budget in all,
 * thinned and spread as the checkpoints are; each is made from the one
 * before and the writes since, the same way).  gc_reachable at a cursor
 * within RK_WRITES writes of one starts from its bits and follows only
 * what the writes between them changed.  The answer is the whole pass's,
 * byte for byte.
 *
 * The marks are not the checkpoints: a checkpoint of a 10^6-node tree
 * takes ~64 MB, and the budget keeps 7 of them over its 26 million
 * writes, so that the one nearest the busiest point was 1.2 million
 * writes away (following them cost what a pass does: 14 ms a step in the
 * blocks view).  A mark takes 125 KB: about a hundred of them fit in
 * 16 MB, 260,000 writes apart.
 *
 * Why it is exact.  Call B the mark's state and R_B its reachable
 * set, N the state at the cursor.  A reference is a value of a slot of an
 * alive object other than a weakref, or of a root (a frame's variable, a
 * temporary, an in-flight reference; the permanent generation is a root
 * too, and when it holds anything the whole pass runs).
 *  1. C = (R_B alive at N) plus everything reached at N from the roots
 *     and from the slots the writes changed of objects in C.  C holds
 *     every object reachable at N: a reference at N from an object of C
 *     was there at B (its target is in R_B) or was written between.
 *  2. Suspects: the objects of C that may have lost a path.  Following a
 *     path at B to any object of R_B, the first reference on it that is
 *     gone at N (a slot written between, an object freed, a root dropped)
 *     ends at a suspect: the value at B of a slot written between (its
 *     object in R_B), a value in the slots of an object of R_B freed
 *     since, a root's target at B no longer a root's target at N.  S is
 *     the suspects and what they reach at N in C, without the roots'
 *     targets at N (reachable whatever else): an object of C outside S
 *     is reachable at N (the rest of its path at B is still there, or it
 *     was reached in 1 from one that is).
 *  3. Which of S are reachable: CPython's own question (update_refs,
 *     subtract_refs, move_unreachable) asked of S with the reference
 *     counts, which count every reference at N (gc_check's invariant):
 *     an object of S with more references than S holds to it is referred
 *     to from outside S, from a root or an object of C (reachable, by 2)
 *     or from garbage outside C.  So it is asked only when no alive
 *     object is outside C (GF_ALLOCATED - GF_FREED alive objects); the
 *     ones referred to from outside and what they reach in S are
 *     reachable, the rest of S is not.
 * The whole pass runs instead when a condition fails (garbage outside C,
 * S more than RK_SUSPECTS, an object of S whose count is 0, a weakref
 * with slots in S), when a dict has held a key that is an object (the
 * writes of keys are not followed), when no mark is near, when the writes
 * to follow outnumber twice the objects the mark reached (a pass
 * is cheaper then), or when out of memory.  A program that leaves garbage
 * about (2-cycles, a churn loop) then pays the pass, which costs what is
 * reachable, not the garbage.
 *
 * Tests: test_checkpoint reach_ck (every cursor of programs with
 * collections, resurrection, finalizers, weakrefs, lists written and
 * popped, with marks dense and thinned; the answer against a plain
 * search, and how many came from a mark).
 */
#include <stdlib.h>
#include <string.h>

#include "gc_internal.h"

/* At most this many writes between a mark and the cursor (a mark is
 * taken every GC_CHECKPOINT_EVERY writes or more). */
#define RK_WRITES ((int64_t)1 << 20)

/* At most RK_MAX marks (as many as checkpoints), taking at most
 * 1/RK_SHARE of the history's budget (16 MB of 1 GiB: 128 marks of 10^6
 * records). */
#define RK_MAX   256
#define RK_SHARE 64

/* At most this many suspects and what they reach (and an eighth of the
 * ids): past that a whole pass costs about the same. */
#define RK_SUSPECTS(maxid) ((maxid) / 8 + 4096)

/* out[] flags while the answer is made (the answer is bit RK_IN) */
enum { RK_IN = 1, RK_ROOT = 2, RK_SUS = 4, RK_OUTER = 8 };

/* rk_vec: the lists the writes give, then S */
enum { RK_GONE, RK_SLOTS, RK_LOST, RK_S };

/* The bytes of mark m. */
static int64_t mark_bytes(const GcRkMark *m)
{
    return (int64_t)sizeof *m + (int64_t)(m->maxid >> 3) + 1 +
           (int64_t)m->nroots * (int64_t)sizeof(GcValue);
}

static void mark_release(GcHeap *h, GcRkMark *m)
{
    h->rk_bytes -= mark_bytes(m);
    gc_free(m->roots);
    gc_free(m->reach);
    memset(m, 0, sizeof *m);
}

void gc__reach_free(GcHeap *h)
{
    for (int32_t i = 0; i < h->nrk; i++)
        mark_release(h, &h->rk[i]);
    gc_free(h->rk);
    h->rk = NULL;
    h->nrk = h->caprk = 0;
    gc_free(h->rk_mark);
    h->rk_mark = NULL;
    gc_free(h->rk_queue.v);
    h->rk_queue = (IdVec){NULL, 0, 0};
    for (int k = 0; k < 4; k++) {
        gc_free(h->rk_vec[k].v);
        h->rk_vec[k] = (IdVec){NULL, 0, 0};
    }
}

/* What gc_reachable gives at the cursor, as a mark's bits (nbytes), or
 * NULL out of memory; *count: the bits set. */
static uint8_t *reach_bits(GcHeap *h, size_t nbytes, int64_t *count)
{
    GcId maxid = gc_max_id(h);
    uint8_t *m = gc_realloc(h->rk_mark, (size_t)maxid + 1);
    if (!m)
        return NULL;
    h->rk_mark = m;
    uint8_t *bits = gc_calloc(nbytes, 1);
    /* from the mark before (a pass costs the reachable heap at every
     * mark: 17 % of a 10^6-node tree's recording) */
    if (!bits || (gc__reach_from_ck(h, m) < 0 && gc__reach_mark(h, &h->rk_queue, m) < 0)) {
        gc_free(bits);
        return NULL;
    }
    /* eight marks (bytes 0 or 1) to a byte of bits at a time: the
     * multiply gathers byte k's low bit into bit 56 + k */
    GcId id = 0;
    for (; id + 7 <= maxid; id += 8) {
        uint64_t w;
        memcpy(&w, m + id, 8);
        bits[id >> 3] = (uint8_t)((w * 0x0102040810204080ull) >> 56);
    }
    for (; id <= maxid; id++)
        bits[id >> 3] |= (uint8_t)(m[id] << (id & 7));
    bits[0] &= 0xfe; /* id 0 is no object */
    int64_t n = 0;
    size_t k = 0;
    for (; k + 8 <= nbytes; k += 8) {
        uint64_t w;
        memcpy(&w, bits + k, 8);
        n += __builtin_popcountll(w);
    }
    for (; k < nbytes; k++)
        n += __builtin_popcount(bits[k]);
    *count = n;
    return bits;
}

static int bit(const uint8_t *bits, GcId maxid, GcId id)
{
    return id >= 1 && id <= maxid && (bits[id >> 3] >> (id & 7) & 1);
}

/* ---- the writes between the checkpoint and the cursor ------------------ */

typedef struct Scan {
    GcHeap *h;
    int back; /* the checkpoint is after the cursor: its side of a write is the new value */
    int fail; /* out of memory */
} Scan;

static void push(Scan *s, int k, GcId a)
{
    if (gc__idvec_push(&s->h->rk_vec[k], a) < 0)
        s->fail = 1;
}

/* Notes what a write may change of reachability: a slot's value (the
 * object, the index, and its value on the checkpoint's side), an
 * object's state.  A slot count changes nothing by itself: slots beyond
 * it are zero in a recorded run, and a slot written is a write. */
static void scan_write(void *arg, const GcWrite *w)
{
    Scan *s = arg;
    if (w->what == W_SLOTV) {
        GcValue there = (GcValue)(s->back ? w->new_ : w->old);
        push(s, RK_SLOTS, w->id);
        push(s, RK_SLOTS, (GcId)w->idx);
        if (GC_VAL_IS_OBJ(there)) {
            push(s, RK_LOST, w->id);
            push(s, RK_LOST, GC_VAL_ID(there));
        }
    } else if (w->what == W_OBJ && w->field == OF_STATE) {
        push(s, RK_GONE, w->id);
    }
}

/* ---- the answer ------------------------------------------------------------ */

typedef struct Ctx {
    GcHeap *h;
    uint8_t *out;
    GcId maxid;
    int64_t count; /* objects with RK_IN */
    int fail;
} Ctx;

/* v into C (step 1) and the queue, if it is an alive object not there */
static void take(Ctx *c, GcValue v)
{
    if (!GC_VAL_IS_OBJ(v))
        return;
    GcId id = GC_VAL_ID(v);
    if (id < 1 || id > c->maxid || c->out[id] & RK_IN || gc__o(c->h, id)->state != GC_STATE_ALIVE)
        return;
    c->out[id] |= RK_IN;
    c->count++;
    if (gc__idvec_push(&c->h->rk_queue, id) < 0)
        c->fail = 1;
}

/* The queue's objects and what they reach, into C. */
static void take_all(Ctx *c)
{
    IdVec *q = &c->h->rk_queue;
    while (q->n > 0 && !c->fail) {
        GcObject *o = gc__o(c->h, q->v[--q->n]);
        if (o->kind == GC_KIND_WEAKREF)
            continue;
        uint32_t n = gc_nslots(o), stride;
        const GcValue *vals = gc__vals(o, &stride);
        for (uint32_t i = 0; i < n; i++)
            take(c, vals[(size_t)i * stride]);
    }
}

/* v a suspect (step 2), if it is an object in C, not a root's target at
 * N and not one already. */
static void suspect(Ctx *c, GcValue v)
{
    if (!GC_VAL_IS_OBJ(v))
        return;
    GcId id = GC_VAL_ID(v);
    if (id < 1 || id > c->maxid || (c->out[id] & (RK_IN | RK_ROOT | RK_SUS)) != RK_IN)
        return;
    c->out[id] |= RK_SUS;
    if (gc__idvec_push(&c->h->rk_vec[RK_S], id) < 0)
        c->fail = 1;
}

/* Each value held at N by the roots, to fn. */
static void each_root(Ctx *c, void (*fn)(Ctx *, GcValue))
{
    const GcHeap *h = c->h;
    for (int d = 0; d < h->g[GF_NFRAMES]; d++)
        for (uint32_t i = 0; i < h->frames[d].nvars; i++)
            fn(c, h->frames[d].vars[i].val);
    for (int i = 0; i < gc_temp_count(h); i++)
        fn(c, h->temps[i]);
    for (int i = 0; i < gc_inflight_count(h); i++)
        fn(c, gc_inflight(h, i));
}

static void flag_root(Ctx *c, GcValue v)
{
    if (GC_VAL_IS_OBJ(v) && GC_VAL_ID(v) >= 1 && GC_VAL_ID(v) <= c->maxid)
        c->out[GC_VAL_ID(v)] |= RK_ROOT;
}

static void unflag_root(Ctx *c, GcValue v)
{
    if (GC_VAL_IS_OBJ(v) && GC_VAL_ID(v) >= 1 && GC_VAL_ID(v) <= c->maxid)
        c->out[GC_VAL_ID(v)] &= RK_IN;
}

/* The roots' targets at the mark, as suspects. */
static void mark_roots(Ctx *c, const GcRkMark *m)
{
    for (int32_t i = 0; i < m->nroots; i++)
        suspect(c, m->roots[i]);
}

/* Every value o's storage holds (up to its capacity), as suspects. */
static void suspect_storage(Ctx *c, GcObject *o)
{
    if (o->kind == GC_KIND_WEAKREF) /* its slots are not followed */
        return;
    if (!gc__big(o)) {
        suspect(c, o->s_.one);
        return;
    }
    uint32_t n = gc__cap(o), stride;
    const GcValue *vals = gc__vals(o, &stride);
    for (uint32_t i = 0; i < n; i++)
        suspect(c, vals[(size_t)i * stride]);
}

/* S: the suspects and what they reach at N in C (not through the roots'
 * targets).  0, or -1 when it is too big. */
static int close_suspects(Ctx *c)
{
    IdVec *s = &c->h->rk_vec[RK_S];
    for (int32_t k = 0; k < s->n && !c->fail; k++) {
        if (s->n > RK_SUSPECTS(c->maxid))
            return -1;
        GcObject *o = gc__o(c->h, s->v[k]);
        if (o->kind == GC_KIND_WEAKREF)
            continue;
        uint32_t n = gc_nslots(o), stride;
        const GcValue *vals = gc__vals(o, &stride);
        for (uint32_t i = 0; i < n; i++)
            suspect(c, vals[(size_t)i * stride]);
    }
    return c->fail ? -1 : 0;
}

/* A table of S's reference counts by id (open addressing). */
typedef struct Refs {
    GcId *id;
    int64_t *n;
    uint32_t mask;
} Refs;

static int64_t *refs_at(Refs *r, GcId id)
{
    uint32_t k = ((uint32_t)id * 2654435761u) & r->mask;
    while (r->id[k] && r->id[k] != id)
        k = (k + 1) & r->mask;
    r->id[k] = id;
    return &r->n[k];
}

/* Step 3: which of S are reachable; those that are not leave C.  0, or
 * -1 when the counts cannot say. */
static int sort_suspects(Ctx *c)
{
    GcHeap *h = c->h;
    IdVec *s = &h->rk_vec[RK_S];
    if (h->g[GF_ALLOCATED] - h->g[GF_FREED] != c->count)
        return -1; /* garbage outside C may refer into S */
    uint32_t size = 16;
    while (size < 2 * (uint32_t)s->n)
        size *= 2;
    Refs r = {gc_calloc(size, sizeof(GcId)), gc_malloc(size * sizeof(int64_t)), size - 1};
    int rc = -1;
    if (!r.id || !r.n)
        goto done;
    for (int32_t k = 0; k < s->n; k++) {
        GcObject *o = gc__o(h, s->v[k]);
        if (o->refcnt <= 0 || (o->kind == GC_KIND_WEAKREF && gc_nslots(o) > 0))
            goto done; /* being torn down, or references not followed */
        *refs_at(&r, s->v[k]) = o->refcnt;
    }
    /* subtract_refs: the references S holds to itself */
    for (int32_t k = 0; k < s->n; k++) {
        GcObject *o = gc__o(h, s->v[k]);
        uint32_t n = gc_nslots(o), stride;
        const GcValue *vals = gc__vals(o, &stride);
        for (uint32_t i = 0; i < n; i++) {
            GcValue v = vals[(size_t)i * stride];
            if (GC_VAL_IS_OBJ(v) && c->out[GC_VAL_ID(v)] & RK_SUS)
                (*refs_at(&r, GC_VAL_ID(v)))--;
        }
    }
    /* referred to from outside S: reachable, and what they reach in S */
    IdVec *q = &h->rk_queue;
    q->n = 0;
    for (int32_t k = 0; k < s->n; k++) {
        int64_t n = *refs_at(&r, s->v[k]);
        if (n < 0)
            goto done;
        if (n > 0) {
            c->out[s->v[k]] |= RK_OUTER;
            if (gc__idvec_push(q, s->v[k]) < 0)
                goto done;
        }
    }
    while (q->n > 0) {
        GcObject *o = gc__o(h, q->v[--q->n]);
        if (o->kind == GC_KIND_WEAKREF)
            continue;
        uint32_t n = gc_nslots(o), stride;
        const GcValue *vals = gc__vals(o, &stride);
        for (uint32_t i = 0; i < n; i++) {
            GcValue v = vals[(size_t)i * stride];
            if (!GC_VAL_IS_OBJ(v) || (c->out[GC_VAL_ID(v)] & (RK_SUS | RK_OUTER)) != RK_SUS)
                continue;
            c->out[GC_VAL_ID(v)] |= RK_OUTER;
            if (gc__idvec_push(q, GC_VAL_ID(v)) < 0)
                goto done;
        }
    }
    for (int32_t k = 0; k < s->n; k++)
        if (!(c->out[s->v[k]] & RK_OUTER)) {
            c->out[s->v[k]] = 0;
            c->count--;
        }
    rc = 0;
done:
    gc_free(r.id);
    gc_free(r.n);
    return rc;
}

/* The mark nearest the cursor's writes wt, within RK_WRITES, or NULL;
 * *dist: the writes between. */
static const GcRkMark *nearest(const GcHeap *h, int64_t wt, int64_t *dist)
{
    const GcRkMark *best = NULL;
    int64_t d = RK_WRITES + 1;
    for (int32_t i = 0; i < h->nrk; i++) {
        int64_t e = h->rk[i].w > wt ? h->rk[i].w - wt : wt - h->rk[i].w;
        if (e < d) {
            d = e;
            best = &h->rk[i];
        }
    }
    *dist = d;
    return best;
}

int gc__reach_from_ck(GcHeap *h, uint8_t *out)
{
    int32_t cur = gc_cursor(h);
    int64_t wt = cur < gc_event_count(h) ? h->events[cur].first_write : h->nwrites;
    int64_t dist;
    const GcRkMark *ck = nearest(h, wt, &dist);
    /* a whole pass costs about what decoding two writes does per object
     * it reaches: a heap of garbage (2-cycles, a churn loop) with little
     * reachable is cheaper to mark again than its writes to follow (a
     * mark is not taken while the permanent generation holds anything) */
    if (!ck || h->g[GF_LFIRST(GC_LIST_PERMANENT)] || dist > 2 * ck->nreach || h->objkeys)
        return -1; /* (a dict's key that is an object: the writes of keys are not followed) */
    for (int k = 0; k < 4; k++)
        h->rk_vec[k].n = 0;
    h->rk_queue.n = 0;
    Scan sc = {h, ck->w > wt, 0};
    gc__writes_each(h, ck->w < wt ? ck->w : wt, ck->w < wt ? wt : ck->w, scan_write, &sc);
    if (sc.fail)
        return -1;
    GcId maxid = gc_max_id(h), ckmax = ck->maxid, top = maxid < ckmax ? maxid : ckmax;
    Ctx c = {h, out, maxid, 0, 0};
    /* R_B, as bytes: a byte of bits to eight at a time (bit k to byte
     * k's top bit, then down) */
    GcId id = 0;
    for (; id + 7 <= top; id += 8) {
        uint8_t b = ck->reach[id >> 3];
        uint64_t w = ((uint64_t)b * 0x0101010101010101ull) & 0x8040201008040201ull;
        w = ((w + 0x7f7f7f7f7f7f7f7full) & 0x8080808080808080ull) >> 7;
        memcpy(out + id, &w, 8);
        c.count += __builtin_popcount(b);
    }
    for (; id <= top; id++) {
        out[id] = ck->reach[id >> 3] >> (id & 7) & 1;
        c.count += out[id];
    }
    if (maxid > top)
        memset(out + top + 1, 0, (size_t)(maxid - top));
    /* 1. C: R_B alive at N (an object of R_B freed since, or not yet
     * allocated, has a state write between) ... */
    IdVec *gone = &h->rk_vec[RK_GONE];
    int32_t ndead = 0;
    for (int32_t k = 0; k < gone->n; k++) {
        GcId g = gone->v[k];
        if (g <= maxid && out[g] & RK_IN && gc__o(h, g)->state != GC_STATE_ALIVE) {
            out[g] = 0;
            c.count--;
            gone->v[ndead++] = g; /* freed since the checkpoint, in R_B */
        }
    }
    gone->n = ndead;
    /* ... and what the roots and the slots written reach at N */
    each_root(&c, take);
    IdVec *slots = &h->rk_vec[RK_SLOTS];
    for (int32_t k = 0; k + 1 < slots->n; k += 2) {
        GcId u = slots->v[k]; /* above maxid: not allocated yet at N */
        uint32_t i = (uint32_t)slots->v[k + 1];
        if (u <= maxid && out[u] & RK_IN && gc__o(h, u)->kind != GC_KIND_WEAKREF &&
            i < gc_nslots(gc__o(h, u)))
            take(&c, gc_slot(gc__o(h, u), i).val);
    }
    take_all(&c);
    if (c.fail)
        return -1;
    /* 2. the suspects */
    each_root(&c, flag_root);
    mark_roots(&c, ck);
    IdVec *lost = &h->rk_vec[RK_LOST];
    for (int32_t k = 0; k + 1 < lost->n; k += 2)
        if (bit(ck->reach, ckmax, lost->v[k]))
            suspect(&c, GC_VAL_OBJ(lost->v[k + 1]));
    for (int32_t k = 0; k < gone->n; k++)
        suspect_storage(&c, gc__o(h, gone->v[k]));
    int rc = c.fail || close_suspects(&c) < 0 ? -1 : 0;
    /* 3. which of them are reachable */
    if (rc == 0 && h->rk_vec[RK_S].n > 0)
        rc = sort_suspects(&c);
    if (rc == 0) {
        each_root(&c, unflag_root);
        IdVec *s = &h->rk_vec[RK_S];
        for (int32_t k = 0; k < s->n; k++)
            out[s->v[k]] &= RK_IN;
        h->rk_from_ck++;
    }
    return rc;
}

/* Drops every other mark (the first, the third, ...) and doubles the
 * spacing. */
static void thin(GcHeap *h)
{
    int32_t k = 0;
    for (int32_t i = 0; i < h->nrk; i++) {
        if (i % 2 == 0)
            mark_release(h, &h->rk[i]);
        else
            h->rk[k++] = h->rk[i];
    }
    h->nrk = k;
    h->rk_every *= 2;
}

/* Each value held now by the roots, into m->roots (m->nroots counts them
 * when roots is NULL). */
static void copy_roots(const GcHeap *h, GcRkMark *m)
{
    int32_t n = 0;
    for (int d = 0; d < h->g[GF_NFRAMES]; d++)
        for (uint32_t i = 0; i < h->frames[d].nvars; i++, n++)
            if (m->roots)
                m->roots[n] = h->frames[d].vars[i].val;
    for (int i = 0; i < gc_temp_count(h); i++, n++)
        if (m->roots)
            m->roots[n] = h->temps[i];
    for (int i = 0; i < gc_inflight_count(h); i++, n++)
        if (m->roots)
            m->roots[n] = gc_inflight(h, i);
    m->nroots = n;
}

void gc__rk_take(GcHeap *h)
{
    if (h->rk_every == 0) { /* the checkpoints' first spacing, and places */
        h->rk_every = h->ck_every;
        h->rk_next = h->ck_next;
        return;
    }
    GcRkMark m = {h->nevents, 0, h->nwrites, 0, (GcId)h->g[GF_MAXID], NULL, NULL};
    copy_roots(h, &m);
    int64_t bytes = mark_bytes(&m), limit = h->cfg.history_budget / RK_SHARE;
    h->rk_next = h->nwrites + h->rk_every;
    /* the permanent generation: gc_reachable makes a pass */
    if (h->failed || h->g[GF_LFIRST(GC_LIST_PERMANENT)] || bytes > limit / 2 || h->objkeys)
        return;
    while (h->nrk > 0 && (h->nrk >= RK_MAX || h->rk_bytes + bytes > limit))
        thin(h);
    h->rk_next = h->nwrites + h->rk_every;
    if (GC_VEC_ROOM(h->rk, h->nrk, h->caprk, 8, gc_realloc) < 0)
        return; /* out of memory: gc_reachable makes a pass */
    m.roots = m.nroots ? gc_malloc((size_t)m.nroots * sizeof *m.roots) : NULL;
    if ((m.nroots && !m.roots) ||
        !(m.reach = reach_bits(h, (size_t)(m.maxid >> 3) + 1, &m.nreach))) {
        gc_free(m.roots);
        return;
    }
    copy_roots(h, &m);
    h->rk[h->nrk++] = m;
    h->rk_bytes += bytes;
    h->rk_taken++;
}
