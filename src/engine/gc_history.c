/*
 * gc_history.c: the write log and the history's memory budget (issue 14).
 *
 * Every logged setter appends a write (old and new value of one place) to
 * the current event; seeking undoes and redoes them (gc_seek, below).
 * The writes are kept packed (about 4.5 bytes each instead of 32; see
 * "the packed write log").  Kept whole, the history still costs about
 * 1.7 KB per iteration of a two-line loop that makes a self-cycle (22
 * events of 48 bytes, 149 writes), so a long loop would fill the machine.
 * The budget bounds it:
 *
 *  - fine: every micro-step is kept until events and writes use a
 *    quarter of the budget (FINE_SHARE; the statement stops of a long
 *    run matter more than its micro-steps, which are recomputed on
 *    demand, and a window on a million-iteration loop then opens in well
 *    under 1 GB);
 *  - coarse: from then on only statement-level events are kept (see
 *    coarse_keeps).  The writes of the dropped micro-steps go to the last
 *    event kept, and a place written twice in one such event keeps one
 *    write (the first old value, the last new one): undoing or redoing
 *    the event still moves the heap between exactly the states at its two
 *    ends, so every statement stop (and every collection's start and end)
 *    is exact, while the micro-steps in between are gone;
 *  - full: when the coarse history too reaches the budget the run is
 *    stopped with a message (gc_fail; the scenario's limit, like the
 *    object limit), and the history up to there stays exact.  Writes are
 *    still logged while the interpreter unwinds, so the last state is the
 *    one the history ends in.
 *
 * Recomputing dropped micro-steps: a statement stop inside a loop or a
 * call is in the middle of the interpreter's C stack (lang_exec.c keeps
 * loops, calls and evaluation as C recursion), so the interpreter cannot
 * resume from a heap checkpoint.  The program runs again from its start
 * instead (the run is deterministic and `gcviz run` speed: a second or
 * so for a million objects), with GcConfig.fine_from: statement-level up
 * to the wanted statement stop, every micro-step from there for a quarter
 * of a budget.  Statement stops are numbered alike in every history of a run
 * (gc_history_stop), which carries the place across.  When the budget
 * stopped the run, the recomputed one keeps more writes up to there and
 * would stop elsewhere: it stops at the same offered event instead
 * (GcConfig.stop_at; events are offered alike in every history of a run),
 * with the same message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gc_internal.h"

#define MIB ((int64_t)1 << 20)
/* The fine part of a history may use 1/FINE_SHARE of its budget. */
#define FINE_SHARE 4

int64_t gc_parse_bytes(const char *s)
{
    if (!s || !*s)
        return -1;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (end == s || v <= 0)
        return -1;
    int64_t mul = 1;
    if (*end == 'K' || *end == 'k')
        mul = (int64_t)1 << 10;
    else if (*end == 'M' || *end == 'm')
        mul = MIB;
    else if (*end == 'G' || *end == 'g')
        mul = (int64_t)1 << 30;
    if (mul > 1)
        end++;
    if (*end || v > INT64_MAX / mul)
        return -1;
    return (int64_t)v * mul;
}

int64_t gc_history_default_budget(void)
{
    int64_t b = gc_parse_bytes(getenv("GCVIZ_HISTORY_BUDGET"));
    if (b < 0) {
        /* 10 % of the memory, at most 1 GiB: the history is most of a
         * window's memory, and a window on a long loop should open in
         * about 1 GB whatever the machine (a statement-level history of a
         * million iterations fits in the rest) */
        long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGE_SIZE);
        b = pages > 0 && size > 0 ? (int64_t)pages * size / 10 : 1024 * MIB;
        if (b > 1024 * MIB)
            b = 1024 * MIB;
    }
    return b < MIB ? MIB : b;
}

static int64_t used_bytes(const GcHeap *h)
{
    return (int64_t)h->nevents * (int64_t)sizeof(GcEvent) + h->wlog_n +
           (h->npacked / GC_WBLOCK + 1) * (int64_t)sizeof(int64_t) +
           h->ntail * (int64_t)sizeof(GcWrite) + h->capcoal * (int64_t)sizeof(CoalEntry) +
           h->ck_bytes;
}

GcHistoryInfo gc_history_info(const GcHeap *h)
{
    GcHistoryInfo r = {h->cfg.history_budget, used_bytes(h), h->coarse_from, h->budget_full, 0, 0,
                       h->stopped_at};
    if (h->cfg.fine_from > 0) {
        r.fine_from = h->fine_start;
        r.fine_to = h->fine_start < 0 ? -1 : h->fine_end < 0 ? h->nevents : h->fine_end;
    } else
        r.fine_to = h->coarse_from < 0 ? h->nevents : h->coarse_from;
    return r;
}

/* The events a statement-level history keeps: the stops of the statement
 * granularity (a module-level statement's start, a step's end, an error),
 * what the window reads besides (printed output, a collection's start and
 * end with its counts).  Phases are not kept: their summaries are made of
 * the micro-steps. */
static int coarse_keeps(const GcHeap *h, GcEventKind kind)
{
    switch (kind) {
    case GC_EV_BEGIN:
    case GC_EV_STEP_END:
    case GC_EV_ERROR:
    case GC_EV_OUTPUT:
    case GC_EV_GC_START:
    case GC_EV_GC_END:
        return 1;
    case GC_EV_STMT:
        return h->g[GF_NFRAMES] <= 1;
    default:
        return 0;
    }
}

/* A recomputed history's fine part starts at its statement stop: the
 * coarse event before it is closed, and its share of the budget counts
 * from here. */
static void fine_begin(GcHeap *h, int64_t used)
{
    gc__log_close(h);
    h->coarse = 0;
    h->fine_start = h->nevents;
    h->fine_base = used;
}

/* The budget stops the run: at its limit, or where the run it recomputes
 * stopped (GcConfig.stop_at), with that run's message. */
static void budget_stop(GcHeap *h, int64_t budget)
{
    h->budget_full = 1;
    h->limit_hit = 1;
    h->stopped_at = h->noffered;
    if (h->cfg.stop_at > 0 && h->cfg.stop_msg) {
        gc_fail(h, "%s", h->cfg.stop_msg);
        return;
    }
    gc_fail(h,
            "MemoryError: the history of this run needs more than its budget of %lld %s "
            "(--history-budget or GCVIZ_HISTORY_BUDGET): the run stops here; the "
            "statements before it can be shown, micro-steps up to event %d",
            (long long)(budget >= 10 * MIB ? budget / MIB : budget),
            budget >= 10 * MIB ? "MB" : "bytes", (int)h->coarse_from);
}

int gc__budget_keeps(GcHeap *h, GcEventKind kind)
{
    int64_t used = used_bytes(h);
    h->noffered++;
    if (kind == GC_EV_STMT && h->g[GF_NFRAMES] <= 1 && h->nstops++ == h->cfg.fine_from &&
        h->cfg.fine_from > 0)
        fine_begin(h, used);
    if (!h->coarse && used - h->fine_base > h->cfg.history_budget / FINE_SHARE) {
        h->coarse = 1;
        if (h->coarse_from < 0)
            h->coarse_from = h->nevents;
        if (h->fine_start >= 0)
            h->fine_end = h->nevents;
    }
    if (h->coarse && !coarse_keeps(h, kind))
        return 0;
    /* a recomputed history may hold its fine part besides the coarse one */
    int64_t b = h->cfg.history_budget, limit = h->cfg.fine_from > 0 ? b + b / FINE_SHARE : b;
    if (!h->budget_full && ((h->coarse && used > limit) || h->noffered == h->cfg.stop_at))
        budget_stop(h, b);
    return 1;
}

int gc_history_fine(const GcHeap *h, int32_t i)
{
    GcHistoryInfo in = gc_history_info(h);
    /* the fine part's last event holds the writes up to the next event kept */
    return i >= in.fine_from &&
           (i + 1 < in.fine_to || (in.fine_to == h->nevents && i < in.fine_to));
}

static int is_stop(const GcEvent *e)
{
    return e->kind == GC_EV_STMT && e->depth == 0;
}

int64_t gc_history_stop(const GcHeap *h, int32_t i)
{
    int64_t k = -1;
    for (int32_t j = 0; j <= i && j < h->nevents; j++)
        k += is_stop(&h->events[j]);
    return k;
}

int32_t gc_history_stop_event(const GcHeap *h, int64_t k)
{
    for (int32_t j = 0; j < h->nevents; j++)
        if (is_stop(&h->events[j]) && k-- == 0)
            return j;
    return -1;
}

static int same_event(const GcEvent *a, const GcEvent *b)
{
    return a->kind == b->kind && a->phase == b->phase && a->depth == b->depth &&
           a->step == b->step && a->loc == b->loc && a->obj == b->obj && a->obj2 == b->obj2 &&
           a->slot == b->slot && a->a == b->a && a->b == b->b;
}

GcPlace gc_history_place_of(const GcHeap *h, int32_t cursor)
{
    GcPlace p;
    memset(&p, 0, sizeof p);
    if (cursor >= h->nevents) {
        p.stop = -2;
        return p;
    }
    p.stop = gc_history_stop(h, cursor);
    int32_t from = p.stop < 0 ? 0 : gc_history_stop_event(h, p.stop) + 1;
    /* the last 64 events before the cursor name it: far enough in a
     * statement-level part, where a statement has a handful */
    if (cursor + 1 - from > 64)
        from = cursor + 1 - 64;
    for (int32_t i = from; i <= cursor; i++)
        p.after[p.n++] = h->events[i];
    return p;
}

int32_t gc_history_place(const GcHeap *h, const GcPlace *p)
{
    if (p->stop == -2)
        return h->nevents;
    int32_t i = p->stop < 0 ? -1 : gc_history_stop_event(h, p->stop);
    if (p->stop >= 0 && i < 0)
        return h->nevents;
    int32_t at = i < 0 ? 0 : i;
    for (int32_t k = 0; k < p->n; k++) {
        int32_t j = i + 1;
        while (j < h->nevents && !same_event(&h->events[j], &p->after[k]) &&
               !(h->events[j].kind == GC_EV_STMT && h->events[j].depth == 0))
            j++;
        if (j >= h->nevents || !same_event(&h->events[j], &p->after[k]))
            return at; /* not in this history: as near as it gets */
        at = i = j;
    }
    return at;
}

/* ---- one write per place in a statement-level event ------------------------ */

static uint64_t place_hash(uint8_t what, uint8_t field, int32_t id, uint32_t idx)
{
    uint64_t k =
        ((uint64_t)(uint32_t)id << 32) ^ ((uint64_t)idx << 12) ^ ((uint64_t)field << 4) ^ what;
    k ^= k >> 31;
    k *= 0x9E3779B97F4A7C15ull;
    return k ^ (k >> 29);
}

static int same_place(const GcWrite *w, uint8_t what, uint8_t field, int32_t id, uint32_t idx)
{
    return w->what == what && w->field == field && w->id == id && w->idx == idx;
}

/* Coarse mode's table of the current event's places: an entry is a tail
 * index and the event count when it was added; one added for an earlier
 * event is free (the table is emptied by recording an event, not by
 * clearing it).  Doubled when half full; out of memory it is left as it
 * is (-1), and a write to a place not found is then kept as a write of its
 * own, which is as exact, only larger. */
static int coal_grow(GcHeap *h)
{
    int64_t cap = h->capcoal ? h->capcoal * 2 : 4096;
    CoalEntry *tab = gc_malloc((size_t)cap * sizeof *tab);
    if (!tab)
        return -1;
    for (int64_t i = 0; i < cap; i++)
        tab[i] = (CoalEntry){0, -1};
    for (int64_t i = 0; i < h->capcoal; i++) {
        if (h->coal[i].span != h->nevents)
            continue;
        const GcWrite *w = &h->tail[h->coal[i].k];
        uint64_t j = place_hash(w->what, w->field, w->id, w->idx) & (uint64_t)(cap - 1);
        while (tab[j].span == h->nevents)
            j = (j + 1) & (uint64_t)(cap - 1);
        tab[j] = h->coal[i];
    }
    gc_free(h->coal);
    h->coal = tab;
    h->capcoal = cap;
    return 0;
}

/* Logs a write of the current event in coarse mode: a place it wrote
 * before keeps its first old value and takes the new one (one probe of the
 * table finds the place or where to note it).  1 if merged, 0 if the
 * caller is to append it as tail write h->ntail. */
static int coal_merge(GcHeap *h, uint8_t what, uint8_t field, int32_t id, uint32_t idx,
                      int64_t new_)
{
    if (h->coal_span != h->nevents) { /* the first write of a new event */
        h->coal_span = h->nevents;
        h->ncoal = 0;
    }
    if ((h->ncoal + 1) * 2 > h->capcoal && coal_grow(h) < 0 && h->ncoal + 1 >= h->capcoal)
        return 0;
    uint64_t m = (uint64_t)(h->capcoal - 1);
    for (uint64_t i = place_hash(what, field, id, idx) & m;; i = (i + 1) & m) {
        CoalEntry *c = &h->coal[i];
        if (c->span != h->nevents) {
            *c = (CoalEntry){h->ntail, h->nevents};
            h->ncoal++;
            return 0;
        }
        if (same_place(&h->tail[c->k], what, field, id, idx)) {
            h->tail[c->k].new_ = new_;
            return 1;
        }
    }
}

/* ---- the packed write log -------------------------------------------------
 *
 * A write is 32 bytes whole (GcWrite), but most of it repeats what the
 * write before it said: the same object, a count that moves by one, a
 * field that was 0.  The writes of the closed events are kept packed, 4 to
 * 8 bytes each, in a byte stream: a head byte (what, and which parts
 * follow), the field, the object id as a difference from the previous
 * write's object, the index, the old value and the new one as a difference
 * from the old (each a LEB128 varint, signed ones zigzag coded).  The open
 * event's writes stay whole in the tail (coarse mode merges and drops them
 * in place) until the next event closes it.  Every GC_WBLOCK writes start
 * a block, coded without reference to the block before it; wblock[j] is
 * where block j starts, so write k is found by decoding its block
 * (gc__write caches the last block decoded: seeking and the captions'
 * scans read the writes in order, forwards or backwards).
 */

enum {
    WH_WHAT = 15,     /* low bits: W_OBJ .. W_INFL */
    WH_SAME_ID = 16,  /* the object of the previous write in the block */
    WH_OLD_ZERO = 32, /* old == 0 (not stored) */
    WH_NEW_ZERO = 64, /* new_ == 0 (not stored) */
    WH_GENERAL = 128  /* field, id and idx all stored (not the kind's usual form) */
};

/* The parts of a write its kind has: a field, an object id (delta coded),
 * a frame depth, an index. */
enum { WP_FIELD = 1, WP_OBJ = 2, WP_DEPTH = 4, WP_IDX = 8 };
static inline int kind_parts(int what)
{
    switch (what) {
    case W_OBJ:
        return WP_FIELD | WP_OBJ;
    case W_GLOBAL:
        return WP_FIELD;
    case W_FRAME:
        return WP_FIELD | WP_DEPTH;
    case W_SLOTK:
    case W_SLOTV:
        return WP_OBJ | WP_IDX;
    case W_VARK:
    case W_VARV:
        return WP_DEPTH | WP_IDX;
    default:
        return WP_IDX; /* W_TEMP, W_INFL */
    }
}

static uint8_t *put_uv(uint8_t *p, uint64_t v)
{
    while (v >= 0x80) {
        *p++ = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    *p++ = (uint8_t)v;
    return p;
}

static inline const uint8_t *get_uv(const uint8_t *p, uint64_t *v)
{
    if (*p < 0x80) { /* most are one byte */
        *v = *p;
        return p + 1;
    }
    uint64_t r = 0;
    for (int s = 0;; s += 7) {
        uint8_t b = *p++;
        r |= (uint64_t)(b & 0x7f) << s;
        if (!(b & 0x80))
            break;
    }
    *v = r;
    return p;
}

static uint64_t zig(int64_t v)
{
    return ((uint64_t)v << 1) ^ (v < 0 ? ~(uint64_t)0 : 0);
}
static int64_t unzig(uint64_t u)
{
    return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

/* Appends w to the stream at p; *prev is the object id of the previous
 * write in the block. */
static uint8_t *pack_write(uint8_t *p, const GcWrite *w, int32_t *prev)
{
    int parts = kind_parts(w->what);
    int usual = (parts & WP_FIELD || w->field == 0) &&
                (parts & (WP_OBJ | WP_DEPTH) || w->id == 0) && (parts & WP_IDX || w->idx == 0) &&
                (!(parts & WP_DEPTH) || w->id >= 0);
    uint8_t head = (uint8_t)(w->what | (w->old == 0 ? WH_OLD_ZERO : 0) |
                             (w->new_ == 0 ? WH_NEW_ZERO : 0) | (usual ? 0 : WH_GENERAL));
    if (usual && parts & WP_OBJ && w->id == *prev)
        head |= WH_SAME_ID;
    *p++ = head;
    if (!usual) {
        *p++ = w->field;
        p = put_uv(p, zig(w->id));
        p = put_uv(p, w->idx);
    } else {
        if (parts & WP_FIELD)
            *p++ = w->field;
        if (parts & WP_OBJ && !(head & WH_SAME_ID))
            p = put_uv(p, zig((int64_t)w->id - *prev));
        if (parts & WP_DEPTH)
            p = put_uv(p, (uint64_t)w->id);
        if (parts & WP_IDX)
            p = put_uv(p, w->idx);
        if (parts & WP_OBJ)
            *prev = w->id;
    }
    if (w->old != 0)
        p = put_uv(p, zig(w->old));
    if (w->new_ != 0)
        p = put_uv(p, zig((int64_t)((uint64_t)w->new_ - (uint64_t)w->old)));
    return p;
}

static inline __attribute__((always_inline)) const uint8_t *unpack_write(const uint8_t *p,
                                                                         GcWrite *w, int32_t *prev)
{
    uint8_t head = *p++;
    uint64_t v;
    w->what = head & WH_WHAT;
    w->field = 0;
    w->id = 0;
    w->idx = 0;
    if (head & WH_GENERAL) {
        w->field = *p++;
        p = get_uv(p, &v);
        w->id = (int32_t)unzig(v);
        p = get_uv(p, &v);
        w->idx = (uint32_t)v;
    } else {
        int parts = kind_parts(w->what);
        if (parts & WP_FIELD)
            w->field = *p++;
        if (parts & WP_OBJ) {
            if (!(head & WH_SAME_ID)) {
                p = get_uv(p, &v);
                *prev = (int32_t)((int64_t)*prev + unzig(v));
            }
            w->id = *prev;
        }
        if (parts & WP_DEPTH) {
            p = get_uv(p, &v);
            w->id = (int32_t)v;
        }
        if (parts & WP_IDX) {
            p = get_uv(p, &v);
            w->idx = (uint32_t)v;
        }
    }
    w->old = 0;
    if (!(head & WH_OLD_ZERO)) {
        p = get_uv(p, &v);
        w->old = unzig(v);
    }
    w->new_ = 0;
    if (!(head & WH_NEW_ZERO)) {
        p = get_uv(p, &v);
        w->new_ = (int64_t)((uint64_t)w->old + (uint64_t)unzig(v));
    }
    return p;
}

#define PACKED_MAX 32 /* bytes a write takes at most: 1 + 1 + 5 + 5 + 10 + 10 */

/* Packs the tail onto the log; -1 (the tail kept whole) when out of memory. */
static int pack_tail(GcHeap *h)
{
    if (h->ntail == 0)
        return 0;
    int64_t need = h->wlog_n + h->ntail * PACKED_MAX;
    if (need > h->wlog_cap) {
        int64_t cap = h->wlog_cap ? h->wlog_cap : 1 << 16;
        while (cap < need)
            cap *= 2;
        uint8_t *b = gc_realloc(h->wlog, (size_t)cap);
        if (!b)
            return -1;
        h->wlog = b;
        h->wlog_cap = cap;
    }
    int64_t nblocks = (h->npacked + h->ntail + GC_WBLOCK - 1) / GC_WBLOCK;
    if (nblocks > h->capwblock) {
        int64_t cap = h->capwblock ? h->capwblock : 1024;
        while (cap < nblocks)
            cap *= 2;
        int64_t *b = gc_realloc(h->wblock, (size_t)cap * sizeof *b);
        if (!b)
            return -1;
        h->wblock = b;
        h->capwblock = cap;
    }
    uint8_t *p = h->wlog + h->wlog_n;
    for (int64_t i = 0; i < h->ntail; i++) {
        if (h->npacked % GC_WBLOCK == 0) {
            h->wblock[h->npacked / GC_WBLOCK] = p - h->wlog;
            h->wprev = 0;
        }
        p = pack_write(p, &h->tail[i], &h->wprev);
        h->npacked++;
    }
    h->wlog_n = p - h->wlog;
    h->ntail = 0;
    return 0;
}

const GcWrite *gc__write_block(const GcHeap *h, int64_t k)
{
    GcHeap *m = (GcHeap *)h; /* the cache only: the log is not changed */
    int64_t j = k / GC_WBLOCK, n = h->npacked - j * GC_WBLOCK;
    const uint8_t *p = h->wlog + h->wblock[j];
    int32_t prev = 0;
    for (int64_t i = 0; i < n && i < GC_WBLOCK; i++)
        p = unpack_write(p, &m->wcache[i], &prev);
    m->wcache_at = j + 1;
    return &h->wcache[k % GC_WBLOCK];
}

void gc__log_close(GcHeap *h)
{
    if (h->nevents > 0)
        h->events[h->nevents - 1].nwrites =
            (int32_t)(h->nwrites - h->events[h->nevents - 1].first_write);
    if (h->coarse && h->nevents > 0 && h->npacked <= h->events[h->nevents - 1].first_write) {
        /* A place written back to the value it had adds nothing (a
         * temporary pushed and popped, a count up and down): the event
         * keeps the others. */
        int64_t to = 0;
        for (int64_t k = 0; k < h->ntail; k++)
            if (h->tail[k].old != h->tail[k].new_)
                h->tail[to++] = h->tail[k];
        h->nwrites -= h->ntail - to;
        h->ntail = to;
        h->events[h->nevents - 1].nwrites =
            (int32_t)(h->nwrites - h->events[h->nevents - 1].first_write);
    }
    pack_tail(h); /* out of memory: the writes stay whole in the tail, as exact */
}

void gc__log_free(GcHeap *h)
{
    gc_free(h->wlog);
    gc_free(h->wblock);
    gc_free(h->tail);
    gc_free(h->coal);
}

/* ---- the write log ------------------------------------------------------------ */

int gc__log_slow(GcHeap *h, uint8_t what, uint8_t field, int32_t id, uint32_t idx, int64_t old,
                 int64_t new_)
{
    if (h->coarse && h->nevents > 0 && coal_merge(h, what, field, id, idx, new_))
        return 0;
    if (h->ntail == h->captail) {
        int64_t cap = h->captail ? h->captail * 2 : 4096;
        GcWrite *w = gc_realloc(h->tail, (size_t)cap * sizeof *w);
        if (!w) {
            h->record = 0; /* keep running; the history stops here */
            return gc_fail(h, "out of memory while recording the history");
        }
        h->tail = w;
        h->captail = cap;
    }
    h->tail[h->ntail++] = (GcWrite){what, field, id, idx, old, new_};
    h->nwrites++;
    return 0;
}

/* ---- the undo log: seeking ------------------------------------------ */

/* Applies one write forwards (redo) or backwards (undo). */
static void apply_write(GcHeap *h, const GcWrite *w, int forward)
{
    int64_t v = forward ? w->new_ : w->old;
    gc__ck_touch(h, w->what, w->id, w->idx);
    switch (w->what) {
    case W_OBJ:
        if (w->field == OF_BORN || w->field == OF_DIED) { /* beside the record */
            *gc__life_field(h, w->id, w->field) = (int32_t)v;
            break;
        }
        if (w->field == OF_WR_HEAD) { /* the map's capacity held it before */
            gc__wr_head_put(h, w->id, (GcId)v);
            break;
        }
        if (w->field == OF_NSLOTS)
            gc__ensure_slots(h, gc__o(h, w->id), (uint32_t)v);
        gc__obj_put(gc__o(h, w->id), w->field, v);
        break;
    case W_GLOBAL:
        if (w->field == GF_MAXID && forward && h->ck_dirty && v > w->old)
            gc__ck_fresh(h, (GcId)w->old + 1, (GcId)v); /* allocated again */
        h->g[w->field] = v;
        break;
    case W_SLOTK:
        gc__slot_key_store(gc__o(h, w->id), w->idx, (GcValue)v);
        break;
    case W_SLOTV:
        gc__slot_val_put(gc__o(h, w->id), w->idx, (GcValue)v);
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
            gc__frame_ensure(h, w->id, (uint32_t)v);
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

/* ---- events -------------------------------------------------------- */

int32_t gc__event_rec(GcHeap *h, GcEventKind kind, GcId obj, GcId obj2, int32_t slot, int64_t a,
                      int64_t b)
{
    if (!h->record)
        return -1;
    GC_ASSERT(h->cursor == h->nevents); /* see struct GcHeap */
    if (!gc__budget_keeps(h, kind))
        return -1;
    gc__log_close(h);
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
    gc__ck_maybe_take(h); /* the state at cursor nevents */
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
    h->nevents++;
    h->cursor = h->nevents;
    return h->nevents - 1;
}

/* Closes the last event's write range. */
static void close_events(GcHeap *h)
{
    if (h->nevents > 0)
        h->events[h->nevents - 1].nwrites =
            (int32_t)(h->nwrites - h->events[h->nevents - 1].first_write);
}

int32_t gc_event_count(const GcHeap *h)
{
    return h->nevents;
}

const GcEvent *gc_event(const GcHeap *h, int32_t i)
{
    if (i < 0 || i >= h->nevents)
        return NULL;
    return &h->events[i];
}

int32_t gc_cursor(const GcHeap *h)
{
    return h->cursor;
}

/* Applies writes [from, to) of the log, forwards in order or backwards in
 * reverse order.  The events' writes follow each other in the log, so a
 * seek over many events is one run of writes: the packed ones are decoded
 * a block at a time straight into a local buffer (no per-write lookup). */
static void apply_range(GcHeap *h, int64_t from, int64_t to, int forward)
{
    GcWrite buf[GC_WBLOCK];
    int64_t split = to < h->npacked ? to : h->npacked; /* [split, to): the tail */
    if (!forward)
        for (int64_t k = to - 1; k >= split && k >= from; k--)
            apply_write(h, &h->tail[k - h->npacked], 0);
    int64_t first = from / GC_WBLOCK, last = (split - 1) / GC_WBLOCK;
    for (int64_t n = from < split ? last - first + 1 : 0, i = 0; i < n; i++) {
        int64_t j = forward ? first + i : last - i, base = j * GC_WBLOCK;
        int64_t lo = from > base ? from - base : 0;
        int64_t hi = split - base < GC_WBLOCK ? split - base : GC_WBLOCK;
        const uint8_t *p = h->wlog + h->wblock[j];
        int32_t prev = 0;
        for (int64_t k = 0; k < hi; k++)
            p = unpack_write(p, &buf[k], &prev);
        if (forward)
            for (int64_t k = lo; k < hi; k++)
                apply_write(h, &buf[k], 1);
        else
            for (int64_t k = hi - 1; k >= lo; k--)
                apply_write(h, &buf[k], 0);
    }
    if (forward)
        for (int64_t k = from > split ? from : split; k < to; k++)
            apply_write(h, &h->tail[k - h->npacked], 1);
}

void gc__writes_each(const GcHeap *h, int64_t from, int64_t to,
                     void (*fn)(void *arg, const GcWrite *w), void *arg)
{
    GcWrite buf[GC_WBLOCK];
    int64_t split = to < h->npacked ? to : h->npacked; /* [split, to): the tail */
    for (int64_t j = from / GC_WBLOCK; from < split && j <= (split - 1) / GC_WBLOCK; j++) {
        int64_t base = j * GC_WBLOCK, lo = from > base ? from - base : 0;
        int64_t hi = split - base < GC_WBLOCK ? split - base : GC_WBLOCK;
        const uint8_t *p = h->wlog + h->wblock[j];
        int32_t prev = 0;
        for (int64_t k = 0; k < hi; k++)
            p = unpack_write(p, &buf[k], &prev);
        for (int64_t k = lo; k < hi; k++)
            fn(arg, &buf[k]);
    }
    for (int64_t k = from > split ? from : split; k < to; k++)
        fn(arg, &h->tail[k - h->npacked]);
}

void gc_seek(GcHeap *h, int32_t cursor)
{
    close_events(h);
    if (cursor < 0)
        cursor = 0;
    if (cursor > h->nevents)
        cursor = h->nevents;
    gc__ck_seek(h, cursor); /* from a checkpoint, if that costs less */
    /* writes [a, b) lie between the two cursors */
    int32_t lo = cursor < h->cursor ? cursor : h->cursor;
    int32_t hi = cursor < h->cursor ? h->cursor : cursor;
    if (lo < hi) {
        const GcEvent *e = &h->events[hi - 1];
        apply_range(h, h->events[lo].first_write, (int64_t)e->first_write + e->nwrites,
                    cursor > h->cursor);
    }
    h->cursor = cursor;
    /* The current location follows the cursor. */
    h->loc = h->cursor > 0 ? h->events[h->cursor - 1].loc : -1;
}

/* The writes [*from, *to) gc_seek applies between cursors a and b (either
 * order, clamped to the history); 0 (and an empty range) when there are
 * none. */
static int writes_between(const GcHeap *h, int32_t a, int32_t b, int64_t *from, int64_t *to)
{
    int32_t lo = a < b ? a : b, hi = a < b ? b : a;
    lo = lo < 0 ? 0 : lo;
    hi = hi > h->nevents ? h->nevents : hi;
    *from = *to = 0;
    if (lo >= hi)
        return 0;
    const GcEvent *e = &h->events[hi - 1];
    *from = h->events[lo].first_write;
    *to = hi == h->nevents ? h->nwrites : (int64_t)e->first_write + e->nwrites;
    return 1;
}

typedef struct Changed {
    void (*visit)(void *arg, GcId id);
    void *arg;
} Changed;

/* gc_history_changed's visit of one write: an object's record or slot,
 * not the counts and links a collection writes in every object it visits */
static void changed_one(void *arg, const GcWrite *w)
{
    const Changed *c = arg;
    if (w->what == W_OBJ && (w->field == OF_REFCNT || w->field == OF_GCREFS ||
                             w->field == OF_PREV || w->field == OF_NEXT))
        return;
    if (w->what == W_OBJ || w->what == W_SLOTK || w->what == W_SLOTV)
        c->visit(c->arg, w->id);
}

int64_t gc_history_changed(const GcHeap *h, int32_t a, int32_t b, int64_t limit,
                           void (*visit)(void *arg, GcId id), void *arg)
{
    int64_t from, to;
    if (!writes_between(h, a, b, &from, &to) || to - from > limit)
        return to - from;
    Changed c = {visit, arg};
    gc__writes_each(h, from, to, changed_one, &c);
    return to - from;
}

typedef struct Slots {
    void (*visit)(void *arg, GcId id, int what, GcValue before, GcValue after);
    void *arg;
    int back; /* the cursor moves backwards: a write's new value is before it */
} Slots;

/* gc_history_slots's visit of one write: a slot's key or value, or the
 * slot count, with its two values, or a write of the record that is
 * neither a count nor a link of the collector's lists */
static void slots_one(void *arg, const GcWrite *w)
{
    const Slots *s = arg;
    int what;
    if (w->what == W_SLOTV || w->what == W_SLOTK) {
        what = w->what == W_SLOTK;
    } else if (w->what == W_OBJ && w->field == OF_NSLOTS) {
        what = 2;
    } else {
        if (w->what == W_OBJ && w->field != OF_REFCNT && w->field != OF_GCREFS &&
            w->field != OF_PREV && w->field != OF_NEXT)
            s->visit(s->arg, w->id, -1, 0, 0);
        return;
    }
    s->visit(s->arg, w->id, what, (GcValue)(s->back ? w->new_ : w->old),
             (GcValue)(s->back ? w->old : w->new_));
}

int64_t gc_history_slots(const GcHeap *h, int32_t a, int32_t b, int64_t limit,
                         void (*visit)(void *arg, GcId id, int what, GcValue before, GcValue after),
                         void *arg)
{
    int64_t from, to;
    if (!writes_between(h, a, b, &from, &to) || to - from > limit)
        return to - from;
    Slots s = {visit, arg, a > b};
    gc__writes_each(h, from, to, slots_one, &s);
    return to - from;
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
        const GcWrite *w = gc__write(h, k);
        if ((w->what == W_OBJ || w->what == W_SLOTK || w->what == W_SLOTV) && w->id == id)
            return 1;
    }
    return 0;
}
