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
 * Checkpoints share what was not written between them.  The records
 * are copied a chunk at a time (GcCkChunk: 2^GC_CK_SHIFT records with
 * their slots): heap chunk k remembers the copy it equals (ck_src[k]),
 * every logged write to one of its records forgets it (gc__ck_touch), and
 * a checkpoint refers to that copy, counted, instead of copying again.  A
 * restore likewise copies only the chunks that differ from the
 * checkpoint's (after which they equal it), so a seek costs the chunks
 * written since the heap last equalled the checkpoint plus the writes
 * replayed.  Frames, variables, temporaries and in-flight references are
 * small and copied whole.
 *
 * A big block (GC_CK_PAGED slots or more: a list appended to through a
 * long loop) is shared the same way by pages of GC_CK_PAGE slots
 * (GcCkPage): its record's chunk copy refers to a GcCkBig, the block's
 * capacity and slot count then and its pages, each shared with the copy
 * before where no slot of the page was written since (GcCkPaged, the
 * heap's side, says which copy each page equals); a restore copies only
 * the pages that differ.  Without it each checkpoint copied the whole of
 * such a list again (8 MB for a million items), and the budget allowed a
 * few checkpoints far apart.
 *
 * Their number and bytes are bounded: at most CK_MAX, and at most an
 * eighth of the history's budget, in which they are counted (a shared
 * chunk once).  When a new one does not fit, every other one is dropped
 * and the spacing doubles, so they stay evenly spread over the run.
 */
#include <stdlib.h>
#include <string.h>

#include "gc_internal.h"

#define CK_MAX 256

/* ---- paged blocks ----------------------------------------------------- */

static int paged(const GcObject *o)
{
    return gc__big(o) && gc__cap(o) >= GC_CK_PAGED;
}

/* The bytes of one slot of o's block (a value, or a key and a value). */
static size_t unit_of(const GcObject *o)
{
    return gc__blk_bytes(o, 1);
}

static uint32_t npages_of(uint32_t cap)
{
    return (cap + GC_CK_PAGE - 1) >> GC_CK_PAGE_SHIFT;
}

/* The slots page j of a block of cap slots holds. */
static uint32_t span(uint32_t cap, uint32_t j)
{
    uint32_t n = cap - (j << GC_CK_PAGE_SHIFT);
    return n < GC_CK_PAGE ? n : GC_CK_PAGE;
}

/* Record id's entry in ck_pg (sorted by id), or NULL. */
static GcCkPaged *pg_find(const GcHeap *h, GcId id)
{
    int32_t lo = 0, hi = h->ck_npg;
    while (lo < hi) {
        int32_t mid = (lo + hi) / 2;
        if (h->ck_pg[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < h->ck_npg && h->ck_pg[lo].id == id ? &h->ck_pg[lo] : NULL;
}

/* Record id's entry with room for npages pages (the new ones equal no
 * copy), made if need be; NULL when out of memory.  The pointer is good
 * until the next pg_get. */
static GcCkPaged *pg_get(GcHeap *h, GcId id, uint32_t npages)
{
    GcCkPaged *e = pg_find(h, id);
    if (!e) {
        if (GC_VEC_ROOM(h->ck_pg, h->ck_npg, h->ck_cappg, 8, gc_realloc) < 0)
            return NULL;
        int32_t at = h->ck_npg;
        while (at > 0 && h->ck_pg[at - 1].id > id)
            at--;
        memmove(&h->ck_pg[at + 1], &h->ck_pg[at], (size_t)(h->ck_npg - at) * sizeof *h->ck_pg);
        h->ck_npg++;
        e = &h->ck_pg[at];
        *e = (GcCkPaged){id, 0, NULL};
        h->ck_haspg[id >> GC_CK_SHIFT] = 1; /* ck_nsrc covers every record (src_room) */
    }
    if (e->npages < npages) {
        GcCkPage **src = gc_realloc(e->src, (size_t)npages * sizeof *src);
        if (!src)
            return NULL;
        memset(src + e->npages, 0, (size_t)(npages - e->npages) * sizeof *src);
        e->src = src;
        e->npages = npages;
    }
    return e;
}

void gc__ck_page_touch(GcHeap *h, int32_t id, uint32_t idx)
{
    GcCkPaged *e = pg_find(h, id);
    if (e && (idx >> GC_CK_PAGE_SHIFT) < e->npages)
        e->src[idx >> GC_CK_PAGE_SHIFT] = NULL;
}

/* Record id's slots were all written: no page of it equals a copy. */
static void pg_forget(GcHeap *h, GcId id)
{
    GcCkPaged *e = pg_find(h, id);
    if (e && e->npages)
        memset(e->src, 0, (size_t)e->npages * sizeof *e->src);
}

static void page_release(GcHeap *h, GcCkPage *pg)
{
    if (!pg || --pg->refs > 0)
        return;
    GcCkPaged *e = pg_find(h, pg->id);
    if (e && pg->j < e->npages && e->src[pg->j] == pg)
        e->src[pg->j] = NULL;
    h->ck_bytes -= pg->bytes;
    gc_free(pg);
}

static void big_release(GcHeap *h, GcCkBig *b)
{
    if (!b)
        return;
    for (uint32_t j = 0; j < b->npages; j++)
        page_release(h, b->page[j]);
    gc_free(b);
}

static int64_t big_bytes(uint32_t npages)
{
    return (int64_t)sizeof(GcCkBig) + (int64_t)npages * (int64_t)sizeof(GcCkPage *);
}

static int64_t page_bytes(const GcObject *o, uint32_t n)
{
    return (int64_t)sizeof(GcCkPage) + (int64_t)n * (int64_t)unit_of(o);
}

/* What a copy of record id's paged block o adds: its GcCkBig and the
 * pages written since their last copy (*copies of them). */
static int64_t big_need(const GcHeap *h, GcId id, const GcObject *o, int64_t *copies)
{
    uint32_t cap = gc__cap(o), np = npages_of(cap);
    const GcCkPaged *e = pg_find(h, id);
    int64_t bytes = big_bytes(np);
    for (uint32_t j = 0; j < np; j++) {
        const GcCkPage *pg = e && j < e->npages ? e->src[j] : NULL;
        if (!pg || pg->n != span(cap, j)) {
            bytes += page_bytes(o, span(cap, j));
            (*copies)++;
        }
    }
    return bytes;
}

/* A copy of record id's paged block o: the pages not written since their
 * last copy shared, the others copied (*copies of them); NULL when out
 * of memory. */
static GcCkBig *copy_big(GcHeap *h, GcId id, const GcObject *o, int64_t *copies)
{
    uint32_t cap = gc__cap(o), np = npages_of(cap);
    size_t unit = unit_of(o);
    GcCkPaged *e = pg_get(h, id, np);
    GcCkBig *b = e ? gc_malloc((size_t)big_bytes(np)) : NULL;
    if (!b)
        return NULL;
    b->id = id;
    b->cap = cap;
    b->n = gc_nslots(o);
    b->npages = 0;
    const char *items = gc__items(o);
    for (uint32_t j = 0; j < np; j++) {
        uint32_t n = span(cap, j);
        GcCkPage *pg = e->src[j];
        if (pg && pg->n == n) {
            pg->refs++;
        } else {
            pg = gc_malloc((size_t)page_bytes(o, n));
            if (!pg) {
                big_release(h, b);
                return NULL;
            }
            pg->refs = 1;
            pg->id = id;
            pg->j = j;
            pg->n = n;
            pg->bytes = page_bytes(o, n);
            memcpy(pg->data, items + ((size_t)j << GC_CK_PAGE_SHIFT) * unit, n * unit);
            h->ck_bytes += pg->bytes;
            e->src[j] = pg;
            (*copies)++;
        }
        b->page[b->npages++] = pg;
    }
    return b;
}

/* ---- checkpoints -------------------------------------------------------- */

/* Frees chunk copy p's storage and drops its paged blocks (its bytes
 * are the caller's). */
static void chunk_free(GcHeap *h, GcCkChunk *p)
{
    for (int32_t i = 0; i < p->nbigs; i++)
        big_release(h, p->bigs[i]);
    gc_free(p->bigs);
    gc_free(p->objs);
    gc_free(p->lives);
    gc_free(p->slots);
    gc_free(p);
}

/* Drops a reference to chunk copy p, freeing it with the last. */
static void chunk_release(GcHeap *h, GcCkChunk *p)
{
    if (!p || --p->refs > 0)
        return;
    if (p->k < h->ck_nsrc && h->ck_src[p->k] == p)
        h->ck_src[p->k] = NULL;
    h->ck_bytes -= p->bytes;
    chunk_free(h, p);
}

static void ck_release(GcHeap *h, GcCheckpoint *c)
{
    for (int32_t k = 0; k < c->nchunks; k++)
        chunk_release(h, c->chunk[k]);
    gc_free(c->chunk);
    gc_free(c->wr);
    gc_free(c->frames);
    gc_free(c->framecap);
    gc_free(c->vars);
    gc_free(c->temps);
    gc_free(c->infl);
    h->ck_bytes -= c->bytes;
    memset(c, 0, sizeof *c);
}

void gc__ck_free(GcHeap *h)
{
    for (int32_t i = 0; i < h->nck; i++)
        ck_release(h, &h->ck[i]);
    gc_free(h->ck);
    h->ck = NULL;
    h->nck = h->capck = 0;
    gc_free(h->ck_src);
    h->ck_src = NULL;
    h->ck_nsrc = 0;
    for (int32_t i = 0; i < h->ck_npg; i++)
        gc_free(h->ck_pg[i].src);
    gc_free(h->ck_pg);
    h->ck_pg = NULL;
    h->ck_npg = h->ck_cappg = 0;
    gc_free(h->ck_haspg);
    h->ck_haspg = NULL;
    h->ck_bytes = 0;
    gc__reach_free(h);
}

/* Drops every other checkpoint (the first, the third, ...) and doubles
 * the spacing. */
static void thin(GcHeap *h)
{
    int32_t k = 0;
    for (int32_t i = 0; i < h->nck; i++) {
        if (i % 2 == 0)
            ck_release(h, &h->ck[i]);
        else
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

/* The records of chunk k a checkpoint of records 1..maxid holds: lo..hi. */
static GcId chunk_lo(int32_t k)
{
    return k == 0 ? 1 : (GcId)k << GC_CK_SHIFT;
}

static GcId chunk_hi(int32_t k, GcId maxid)
{
    GcId hi = chunk_lo(k) | ((1 << GC_CK_SHIFT) - 1);
    return hi < maxid ? hi : maxid;
}

/* The room a copy of a block's first n slots takes with its head
 * (capacity and slot count), in GcSlot (a values-only block of n values
 * takes about half as many). */
static uint32_t blk_units(const GcObject *o, uint32_t n)
{
    return (uint32_t)((GC_BLK_HEAD + gc__blk_bytes(o, n) + sizeof(GcSlot) - 1) / sizeof(GcSlot));
}

/* The slots a copy of records lo..hi holds (GcSlot units; a paged block
 * has its own pages), and its paged blocks (*nbigs). */
static int64_t count_slots(const GcHeap *h, GcId lo, GcId hi, int32_t *nbigs)
{
    int64_t n = 0;
    *nbigs = 0;
    for (GcId id = lo; id <= hi; id++) {
        const GcObject *o = gc__o(h, id);
        if (paged(o))
            (*nbigs)++;
        else if (gc__big(o))
            n += blk_units(o, gc_nslots(o));
    }
    return n;
}

static int64_t chunk_bytes(GcId lo, GcId hi, int64_t nslots, int32_t nbigs)
{
    return (int64_t)sizeof(GcCkChunk) +
           (int64_t)(hi - lo + 1) * (int64_t)(sizeof(GcObject) + sizeof(GcLife)) +
           nslots * (int64_t)sizeof(GcSlot) + (int64_t)nbigs * (int64_t)sizeof(GcCkBig *);
}

/* The copy heap chunk k equals, if a checkpoint of records 1..maxid can
 * share it; else NULL. */
static GcCkChunk *shareable(const GcHeap *h, int32_t k, GcId maxid)
{
    GcCkChunk *p = k < h->ck_nsrc ? h->ck_src[k] : NULL;
    return p && p->hi == chunk_hi(k, maxid) ? p : NULL;
}

/* A copy of chunk k's records lo..hi with their slots; NULL when out of
 * memory. */
static GcCkChunk *copy_chunk(GcHeap *h, int32_t k, GcId hi)
{
    GcId lo = chunk_lo(k);
    int32_t nbigs;
    int64_t nslots = count_slots(h, lo, hi, &nbigs);
    GcCkChunk *p = gc_calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->refs = 1;
    p->k = k;
    p->lo = lo;
    p->hi = hi;
    p->objs = gc_malloc((size_t)(hi - lo + 1) * sizeof *p->objs);
    p->lives = gc_malloc((size_t)(hi - lo + 1) * sizeof *p->lives);
    p->slots = nslots ? gc_malloc((size_t)nslots * sizeof *p->slots) : NULL;
    p->bigs = nbigs ? gc_calloc((size_t)nbigs, sizeof *p->bigs) : NULL;
    if (!p->objs || !p->lives || (nslots && !p->slots) || (nbigs && !p->bigs)) {
        chunk_free(h, p);
        return NULL;
    }
    /* the records and their GcLife lie in one block each (GC_CK_SHIFT) */
    memcpy(p->objs, gc__o(h, lo), (size_t)(hi - lo + 1) * sizeof *p->objs);
    memcpy(p->lives, gc__life(h, lo), (size_t)(hi - lo + 1) * sizeof *p->lives);
    /* a copied record with a block has its head (capacity and slot count
     * then) and the slots in use copied: the block itself may move or
     * grow, and the copy's s_ is not read but for its tag; the slots
     * beyond those in use are zero (a record of 2 attributes has room for
     * 4: copies and restores moved twice the bytes) */
    GcSlot *s = p->slots;
    int64_t big_cost = 0;
    for (GcId id = lo; id <= hi; id++) {
        const GcObject *o = gc__o(h, id);
        if (paged(o)) {
            int64_t copies = 0;
            GcCkBig *b = copy_big(h, id, o, &copies);
            if (!b) {
                chunk_free(h, p);
                return NULL;
            }
            p->bigs[p->nbigs++] = b;
            p->bytes += big_bytes(b->npages);
            /* a restore compares every page and copies the ones that
             * differ: those written since the copy before, here */
            big_cost += b->npages / 16 + (copies > 1 ? copies : 1) * (GC_CK_PAGE / 8);
        } else if (gc__big(o)) {
            uint32_t used = gc_nslots(o);
            memcpy(s, gc__blk(o), GC_BLK_HEAD + gc__blk_bytes(o, used));
            s += blk_units(o, used);
        }
    }
    p->bytes += chunk_bytes(lo, hi, nslots, nbigs);
    /* a write replayed costs 9-12 ns, a record restored about half of
     * that, a slot less (measured with 10^5 records and 7.2 million
     * writes: a restore 0.55-0.7 ms, 100,000 writes 1.1-1.2 ms) */
    p->cost = (hi - lo + 1) / 2 + nslots / 8 + big_cost;
    h->ck_bytes += p->bytes;
    return p;
}

/* What a checkpoint holds alone: the weakref heads, frames, variables,
 * temporaries and in-flight references (not its chunks). */
static int64_t own_bytes(const GcHeap *h, int64_t nvars)
{
    return (int64_t)sizeof(GcCheckpoint) + (int64_t)h->wrn * 2 * (int64_t)sizeof(GcId) +
           nvars * (int64_t)sizeof(GcSlot) +
           (int64_t)h->capframes * (int64_t)(sizeof(GcFrame) + sizeof(uint32_t)) +
           ((int64_t)h->captemps + h->g[GF_NINFL]) * (int64_t)sizeof(GcValue);
}

/* What a checkpoint of the state now adds to ck_bytes: what it holds
 * alone and the chunks written since they were last copied. */
static int64_t bytes_needed(const GcHeap *h, int64_t nvars)
{
    GcId maxid = (GcId)h->g[GF_MAXID];
    int64_t bytes = own_bytes(h, nvars);
    for (int32_t k = 0; maxid > 0 && k <= (maxid >> GC_CK_SHIFT); k++)
        if (!shareable(h, k, maxid)) {
            GcId lo = chunk_lo(k), hi = chunk_hi(k, maxid);
            int32_t nbigs;
            int64_t nslots = count_slots(h, lo, hi, &nbigs), copies = 0;
            bytes += (int64_t)sizeof(GcCkChunk *) + chunk_bytes(lo, hi, nslots, nbigs);
            for (GcId id = lo; nbigs > 0 && id <= hi; id++)
                if (paged(gc__o(h, id)))
                    bytes += big_need(h, id, gc__o(h, id), &copies);
        }
    return bytes;
}

/* Copies the weakref heads, frames, variables, temporaries and in-flight
 * references into c; -1 when out of memory. */
static int copy_frames(const GcHeap *h, GcCheckpoint *c, int64_t nvars)
{
    c->wr = h->wrn ? gc_malloc((size_t)h->wrn * 2 * sizeof *c->wr) : NULL;
    c->nframes = h->capframes;
    c->frames = dup(h->frames, (size_t)c->nframes * sizeof *c->frames);
    c->framecap = dup(h->framecap, (size_t)c->nframes * sizeof *c->framecap);
    c->vars = nvars ? gc_malloc((size_t)nvars * sizeof *c->vars) : NULL;
    c->ntemps = h->captemps;
    c->temps = dup(h->temps, (size_t)c->ntemps * sizeof *c->temps);
    c->ninfl = (int32_t)h->g[GF_NINFL];
    c->infl = dup(h->infl, (size_t)c->ninfl * sizeof *c->infl);
    if ((h->wrn && !c->wr) || !c->frames || !c->framecap || (nvars && !c->vars) || !c->temps ||
        (c->ninfl && !c->infl))
        return -1;
    for (int32_t i = 0; i < h->wrcap; i++)
        if (h->wrk[i]) {
            c->wr[2 * c->nwr] = h->wrk[i];
            c->wr[2 * c->nwr++ + 1] = h->wrv[i];
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

/* Fills c with the logged state now: its own copies, and a chunk copy
 * per chunk of records, shared with the checkpoint before it where the
 * chunk was not written since; -1 when out of memory. */
static int copy_state(GcHeap *h, GcCheckpoint *c, int64_t nvars)
{
    GcId maxid = (GcId)h->g[GF_MAXID];
    memcpy(c->g, h->g, sizeof c->g);
    c->bytes = own_bytes(h, nvars);
    int32_t n = maxid > 0 ? (maxid >> GC_CK_SHIFT) + 1 : 0;
    c->chunk = n ? gc_calloc((size_t)n, sizeof *c->chunk) : NULL;
    if (n && !c->chunk)
        return -1;
    c->bytes += (int64_t)n * (int64_t)sizeof *c->chunk;
    h->ck_bytes += c->bytes;
    if (copy_frames(h, c, nvars) < 0)
        return -1;
    for (int32_t k = 0; k < n; k++) {
        GcCkChunk *p = shareable(h, k, maxid);
        if (p)
            p->refs++;
        else if (!(p = copy_chunk(h, k, chunk_hi(k, maxid))))
            return -1;
        c->chunk[k] = p;
        c->nchunks = k + 1;
        h->ck_src[k] = p;
    }
    c->cost = 256 + nvars / 8 + c->ntemps / 8;
    return 0;
}

/* Room in ck_src for every record the heap has storage for; -1 when out
 * of memory. */
static int src_room(GcHeap *h)
{
    int32_t n = (int32_t)(h->cap >> GC_CK_SHIFT);
    if (h->ck_nsrc >= n)
        return 0;
    uint8_t *pg = gc_realloc(h->ck_haspg, (size_t)n);
    if (!pg)
        return -1;
    memset(pg + h->ck_nsrc, 0, (size_t)(n - h->ck_nsrc));
    h->ck_haspg = pg;
    GcCkChunk **s = gc_realloc(h->ck_src, (size_t)n * sizeof *s);
    if (!s)
        return -1;
    memset(s + h->ck_nsrc, 0, (size_t)(n - h->ck_nsrc) * sizeof *s);
    h->ck_src = s;
    h->ck_nsrc = n;
    return 0;
}

void gc__ck_take(GcHeap *h)
{
    int64_t nvars = 0;
    for (int32_t d = 0; d < h->capframes; d++)
        nvars += h->framecap[d];
    int64_t bytes = bytes_needed(h, nvars);
    int64_t limit = h->cfg.history_budget / 8;
    if (h->failed || bytes > limit / 2) {
        h->ck_next = INT64_MAX; /* the heap only grows: none fits any more */
        return;
    }
    while (h->nck > 0 && (h->nck >= CK_MAX || h->ck_bytes + bytes > limit)) {
        thin(h);
        bytes = bytes_needed(h, nvars); /* chunks it would have shared may be gone */
    }
    h->ck_next = h->nwrites + h->ck_every;
    if (src_room(h) < 0 || GC_VEC_ROOM(h->ck, h->nck, h->capck, 8, gc_realloc) < 0)
        return; /* out of memory: seeking replays further, as exact */
    GcCheckpoint *c = &h->ck[h->nck];
    memset(c, 0, sizeof *c);
    if (copy_state(h, c, nvars) < 0) {
        ck_release(h, c);
        return;
    }
    c->ev = h->nevents;
    c->w = h->nwrites;
    h->nck++;
}

/* A record as gc_new found it (and undo leaves it): every logged field
 * and slot 0, its storage kept.  A dict's key index (if its block has
 * one) is emptied with its keys. */
static void fresh(GcObject *o)
{
    uint32_t cap = gc__cap(o);
    if (gc__big(o)) {
        size_t bytes = gc__blk_bytes(o, cap);
        if (gc__has_ix(o))
            bytes += (size_t)cap * 2 * sizeof(uint32_t);
        char *blk = gc__blk(o);
        int vals = gc__valsonly(o);
        memset(blk + GC_BLK_HEAD, 0, bytes);
        memset(o, 0, sizeof *o);
        gc__set_blk(o, blk, cap, 0, vals);
    } else
        memset(o, 0, sizeof *o);
}

void gc__ck_fresh(GcHeap *h, GcId from, GcId to)
{
    for (GcId id = from; id <= to && id < h->cap; id++) {
        gc__ck_touch(h, W_OBJ, id, 0);
        if (paged(gc__o(h, id)))
            pg_forget(h, id); /* its slots are zeroed */
        fresh(gc__o(h, id));
        *gc__life(h, id) = (GcLife){0, 0};
    }
}

/* Record id from checkpoint record s (whose block, if it had one, is at
 * *pool: its head, then the slots in use then), keeping the record's
 * storage.  The heap's slots beyond those it uses are zero (a recorded
 * run keeps them so, and so does a restore): only those up to its count
 * are cleared. */
static void restore_record(GcObject *o, const GcObject *s, const GcSlot **pool)
{
    if (!gc__big(o)) { /* inline then and now (capacities only grow) */
        *o = *s;
        return;
    }
    /* the record's block has the layout it had then (an id's kind never
     * changes in a recorded run) and at least its capacity then */
    uint32_t cap = gc__cap(o), was = gc_nslots(o);
    char *blk = gc__blk(o);
    GcSlot *heap = (GcSlot *)(void *)(blk + GC_BLK_HEAD);
    int had_ix = gc__has_ix(o), vals = gc__valsonly(o);
    GcSlot one = gc__big(s) ? (GcSlot){0, 0} : gc__slot(s, 0); /* s's block is not read */
    const uint32_t *head = (const uint32_t *)(const void *)*pool;
    uint32_t used = gc__big(s) ? head[1] : (uint32_t)s->nslots1, n = gc__big(s) ? used : 1;
    GC_ASSERT(!gc__big(s) || gc__valsonly(s) == vals);
    *o = *s;
    o->key0 = 0;
    gc__set_blk(o, blk, cap, used, vals);
    if (gc__big(s)) {
        memcpy(heap, (const char *)*pool + GC_BLK_HEAD, gc__blk_bytes(o, n));
        *pool += blk_units(o, n);
    } else if (vals)
        *(GcValue *)(void *)heap = one.val;
    else
        heap[0] = one;
    if (was > n)
        memset((char *)heap + gc__blk_bytes(o, n), 0, gc__blk_bytes(o, was - n));
    if (gc__has_ix(o))
        gc__ix_rebuild(o);
    else if (had_ix) /* a dict's block, the record not a dict at the checkpoint */
        memset(heap + cap, 0, (size_t)cap * 2 * sizeof(uint32_t));
}

/* Record o from checkpoint record s whose block was paged (b), keeping
 * the record's storage: only the pages that differ from b's are copied. */
static void restore_big(GcHeap *h, GcObject *o, const GcObject *s, const GcCkBig *b)
{
    /* the block has the layout it had then and at least its capacity then */
    GC_ASSERT(gc__big(o) && gc__cap(o) >= b->cap && gc__valsonly(s) == gc__valsonly(o));
    uint32_t cap = gc__cap(o), was = gc_nslots(o);
    char *blk = gc__blk(o);
    int had_ix = gc__has_ix(o), vals = gc__valsonly(o);
    *o = *s;
    o->key0 = 0;
    gc__set_blk(o, blk, cap, b->n, vals);
    size_t unit = unit_of(o);
    char *items = gc__items(o);
    GcCkPaged *e = pg_find(h, b->id); /* made by the copy */
    uint32_t tracked = e ? e->npages : 0;
    for (uint32_t j = 0; j < b->npages; j++) {
        const GcCkPage *pg = b->page[j];
        if (j < tracked && e->src[j] == pg)
            continue;
        memcpy(items + ((size_t)j << GC_CK_PAGE_SHIFT) * unit, pg->data, pg->n * unit);
        if (j < tracked)
            e->src[j] = (GcCkPage *)pg;
    }
    for (uint32_t j = b->npages; j < tracked; j++)
        e->src[j] = NULL; /* zeroed below */
    /* the slots beyond those in use are zero already */
    if (was > b->cap)
        memset(items + (size_t)b->cap * unit, 0, (size_t)(was - b->cap) * unit);
    if (gc__has_ix(o))
        gc__ix_rebuild(o);
    else if (had_ix)
        memset((GcSlot *)(void *)items + cap, 0, (size_t)cap * 2 * sizeof(uint32_t));
}

#define RESTORE_AHEAD 16

/* Chunk copy p into the heap's chunk, unless the chunk equals it. */
static void restore_chunk(GcHeap *h, GcCkChunk *p)
{
    if (h->ck_src[p->k] == p)
        return;
    const GcSlot *pool = p->slots;
    int32_t nb = 0;
    for (GcId id = p->lo; id <= p->hi; id++) {
        GcObject *o = gc__o(h, id);
        /* the records' blocks lie all over the heap: the read of each
         * one's capacity waited for its cache miss (half of gc_seek's own
         * time at 10^6 records, perf); fetched RESTORE_AHEAD records
         * ahead, the misses overlap */
        if (id + RESTORE_AHEAD <= p->hi && gc__big(o + RESTORE_AHEAD))
            __builtin_prefetch(gc__blk(o + RESTORE_AHEAD), 1);
        if (nb < p->nbigs && p->bigs[nb]->id == id) {
            restore_big(h, o, &p->objs[id - p->lo], p->bigs[nb++]);
            continue;
        }
        if (paged(o))
            pg_forget(h, id); /* all its slots are written */
        restore_record(o, &p->objs[id - p->lo], &pool);
    }

    memcpy(gc__life(h, p->lo), p->lives, (size_t)(p->hi - p->lo + 1) * sizeof *p->lives);
    h->ck_src[p->k] = p;
    h->ck_chunks_restored++;
}

static void restore(GcHeap *h, const GcCheckpoint *c)
{
    memcpy(h->g, c->g, sizeof h->g);
    for (int32_t k = 0; k < c->nchunks; k++)
        restore_chunk(h, c->chunk[k]);
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
    if (!h->record) { /* the history stopped (out of memory): the run went on unlogged */
        memset(h->ck_src, 0, (size_t)h->ck_nsrc * sizeof *h->ck_src);
        for (int32_t i = 0; i < h->ck_npg; i++)
            pg_forget(h, h->ck_pg[i].id);
    }
    int64_t wt = writes_at(h, cursor), best = dist(wt, writes_at(h, h->cursor));
    int32_t k = -1;
    for (int32_t i = 0; i < h->nck; i++) {
        const GcCheckpoint *ck = &h->ck[i];
        int64_t c = ck->cost + dist(wt, ck->w);
        for (int32_t j = 0; j < ck->nchunks && c < best; j++)
            if (h->ck_src[j] != ck->chunk[j]) /* the chunks the heap does not equal */
                c += ck->chunk[j]->cost;
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
