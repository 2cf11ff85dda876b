/*
 * layout.c: the table of card positions keyed by object id, and the
 * placement of new cards next to their referrer without covering any card
 * alive at the same time (see layout.h for the invariant).
 *
 * While placing, the cards already placed are kept in a hashed grid of
 * square cells, so that testing a spot looks only at the cards near it;
 * a card gone before the newest card was born can never be in the way of a
 * later one (cards are placed in order of birth) and is dropped from the
 * grid when met.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

typedef struct Span {
    int32_t from, to;
} Span;

typedef struct Entry {
    float x, y, w, h;
    float hx, hy;       /* home: where placement or the scenario's pin put it */
    float cell_w;       /* list/tuple cells' width, 0: LAYOUT_CELL_W */
    float card_w;       /* a compact card's width (a structure's member), 0: LAYOUT_CARD_W */
    int32_t born, gone; /* lifetime interval of the card (gone -1 = forever) */
    int32_t until1;     /* layout_drawn_until + 1 (0: never freed, or unknown) */
    uint8_t known, pinned, dragged; /* pinned: by the scenario; dragged: by the user */
    uint8_t temporary;              /* an interpreter temporary (layout_set_temporary) */
    Span *unreach;
    int32_t nunreach, capunreach;
} Entry;

struct Layout {
    Entry *e;      /* indexed by id */
    GcId cap;
    GcId max_id;
    ScenarioArrange arrange;
    float roots_x;          /* layout_set_roots_x */
    uint32_t version;       /* counts the changes (layout_version) */
    GcId log[LAYOUT_LOG];   /* the id of change v at v % LAYOUT_LOG (layout_changed) */
    uint32_t log_base;      /* the changes up to it are not logged (layout_clear) */
    int (*stop)(void *ctx); /* layout_set_stop */
    void *stop_ctx;
};

void layout_set_stop(Layout *l, int (*stop)(void *ctx), void *ctx)
{
    l->stop = stop;
    l->stop_ctx = ctx;
}

int layout_stopped(const Layout *l, int64_t i)
{
    return l->stop && (i & 4095) == 0 && l->stop(l->stop_ctx);
}

void layout_set_arrange(Layout *l, ScenarioArrange arrange)
{
    l->arrange = arrange;
}

ScenarioArrange layout_arrange(const Layout *l)
{
    return l->arrange;
}

void layout_set_roots_x(Layout *l, float x)
{
    l->roots_x = x;
}

Layout *layout_new(void)
{
    return calloc(1, sizeof(Layout));
}

static void clear_spans(Layout *l)
{
    for (GcId i = 0; i < l->cap; i++) {
        free(l->e[i].unreach);
        l->e[i].unreach = NULL;
        l->e[i].nunreach = l->e[i].capunreach = 0;
    }
}

void layout_free(Layout *l)
{
    if (!l)
        return;
    clear_spans(l);
    free(l->e);
    free(l);
}

void layout_clear(Layout *l)
{
    l->version++;
    l->log_base = l->version;
    clear_spans(l);
    if (l->cap)
        memset(l->e, 0, (size_t)l->cap * sizeof *l->e);
    l->max_id = 0;
    l->roots_x = 0;
}

/* Every change of an entry comes through here (and layout_clear), so the
 * version counts them. */
static Entry *entry(Layout *l, GcId id)
{
    if (id <= 0)
        return NULL;
    l->version++;
    l->log[l->version % LAYOUT_LOG] = id;
    GcId old = l->cap;
    if (GC_VEC_RESERVE(l->e, id + 1, l->cap, 64, realloc) < 0)
        return NULL;
    memset(l->e + old, 0, (size_t)(l->cap - old) * sizeof *l->e);
    if (id > l->max_id)
        l->max_id = id;
    return &l->e[id];
}

static const Entry *centry(const Layout *l, GcId id)
{
    return (id > 0 && id < l->cap && l->e[id].known) ? &l->e[id] : NULL;
}

GcId layout_max_id(const Layout *l)
{
    return l->max_id;
}

uint32_t layout_version(const Layout *l)
{
    return l ? l->version : 0;
}

int layout_changed(const Layout *l, uint32_t v, GcId *ids, int max)
{
    uint32_t n = l->version - v;
    if (n > l->version - l->log_base || n > LAYOUT_LOG || n > (uint32_t)max)
        return -1;
    for (uint32_t k = 0; k < n; k++)
        ids[k] = l->log[(v + 1 + k) % LAYOUT_LOG];
    return (int)n;
}

void layout_card_size(int kind, uint32_t nslots, float *w, float *h)
{
    layout_card_size_cells(kind, nslots, LAYOUT_CELL_W, w, h);
}

float layout_cell_w(const Layout *l, GcId id)
{
    const Entry *e = l && id > 0 && id < l->cap ? &l->e[id] : NULL;
    return e && e->cell_w > 0 ? e->cell_w : LAYOUT_CELL_W;
}

int layout_set_cell_w(Layout *l, GcId id, float cell_w)
{
    Entry *e = entry(l, id);
    if (!e)
        return -1;
    e->cell_w = cell_w;
    return 0;
}

int layout_set_compact(Layout *l, GcId id, float card_w)
{
    Entry *e = entry(l, id);
    if (!e)
        return -1;
    e->card_w = card_w;
    return 0;
}

int layout_set_temporary(Layout *l, GcId id)
{
    Entry *e = entry(l, id);
    if (!e)
        return -1;
    e->temporary = 1;
    return 0;
}

int layout_is_temporary(const Layout *l, GcId id)
{
    return l && id > 0 && id < l->cap && l->e[id].temporary;
}

int layout_is_compact(const Layout *l, GcId id)
{
    return l && id > 0 && id < l->cap && l->e[id].card_w > 0;
}

void layout_card_dims(const Layout *l, GcId id, int kind, uint32_t nslots, float *w, float *h)
{
    layout_card_dims_of(kind, nslots, layout_cell_w(l, id),
                        layout_is_compact(l, id) ? l->e[id].card_w : 0, w, h);
}

void layout_card_dims_of(int kind, uint32_t nslots, float cell_w, float card_w, float *w, float *h)
{
    layout_card_size_cells(kind, nslots, cell_w, w, h);
    if (card_w > 0 && kind == GC_KIND_INSTANCE) {
        *w = card_w;
        if (nslots == 0) /* no "no attributes" row: a leaf is its header */
            *h = LAYOUT_TAG_H + LAYOUT_HEADER_H + LAYOUT_PAD;
    }
}

void layout_card_size_cells(int kind, uint32_t nslots, float cell_w, float *w, float *h)
{
    if (kind == GC_KIND_LIST || kind == GC_KIND_TUPLE) {
        uint32_t cells = nslots < 1 ? 1 : nslots;
        float cw = 2 * LAYOUT_PAD + (float)cells * cell_w;
        if (cells > LAYOUT_MAX_CELLS) /* the cells drawn, then the "+N" cell */
            cw = 2 * LAYOUT_PAD + (float)LAYOUT_MAX_CELLS * cell_w + LAYOUT_CELL_W;
        *w = cw < 240.0f ? 240.0f : cw;
        *h = LAYOUT_TAG_H + LAYOUT_HEADER_H + LAYOUT_CELL_H + 2 * LAYOUT_PAD;
        return;
    }
    uint32_t rows = nslots < 1 ? 1 : nslots;
    if (kind == GC_KIND_WEAKREF)
        rows = 1;
    if (rows > LAYOUT_MAX_ROWS)
        rows = LAYOUT_MAX_ROWS + 1;
    *w = LAYOUT_CARD_W;
    *h = LAYOUT_TAG_H + LAYOUT_HEADER_H + (float)rows * LAYOUT_ROW_H + LAYOUT_PAD;
}

/* ---- the grid of placed cards ------------------------------------------------ */

#define CELL 256.0f /* world units; a card covers a few cells */

typedef struct GridNode {
    int32_t cx, cy; /* cell */
    GcId id;
    int32_t next;   /* next node in the bucket, -1 */
} GridNode;

typedef struct Grid {
    int32_t *heads;  /* per bucket: first node, -1 */
    int32_t nbuckets; /* power of two */
    GridNode *nodes;
    int32_t nnodes, capnodes;
    int32_t free_list; /* unlinked nodes for reuse, -1 */
    int32_t born;    /* cards gone at or before this event are dropped when met */
} Grid;

static uint32_t cell_hash(int32_t cx, int32_t cy)
{
    return ((uint32_t)cx * 73856093u) ^ ((uint32_t)cy * 19349663u);
}

static int32_t cell_of(float v)
{
    float c = floorf(v / CELL);
    return c < -1e9f ? -1000000000 : c > 1e9f ? 1000000000 : (int32_t)c;
}

/* Twice the buckets, the nodes relinked (kept below two nodes a bucket, so
 * a test looks at a few nodes whatever the heap's size). */
static int grid_grow(Grid *g)
{
    int32_t nb = g->nbuckets * 2;
    int32_t *heads = malloc((size_t)nb * sizeof *heads);
    if (!heads)
        return -1;
    memset(heads, 0xff, (size_t)nb * sizeof *heads);
    for (int32_t b = 0; b < g->nbuckets; b++)
        for (int32_t k = g->heads[b], next; k >= 0; k = next) {
            next = g->nodes[k].next;
            uint32_t nbk = cell_hash(g->nodes[k].cx, g->nodes[k].cy) & (uint32_t)(nb - 1);
            g->nodes[k].next = heads[nbk];
            heads[nbk] = k;
        }
    free(g->heads);
    g->heads = heads;
    g->nbuckets = nb;
    return 0;
}

static int grid_add(Grid *g, int32_t cx, int32_t cy, GcId id)
{
    if (g->nnodes > 2 * g->nbuckets && g->nbuckets < (1 << 26) && grid_grow(g) < 0)
        return -1;
    int32_t n = g->free_list;
    if (n >= 0) {
        g->free_list = g->nodes[n].next;
    } else {
        if (GC_VEC_ROOM(g->nodes, g->nnodes, g->capnodes, 1024, realloc) < 0)
            return -1;
        n = g->nnodes++;
    }
    uint32_t b = cell_hash(cx, cy) & (uint32_t)(g->nbuckets - 1);
    g->nodes[n] = (GridNode){cx, cy, id, g->heads[b]};
    g->heads[b] = n;
    return 0;
}

static int grid_insert(Grid *g, const Entry *e, GcId id)
{
    int32_t x0 = cell_of(e->x), x1 = cell_of(e->x + e->w);
    int32_t y0 = cell_of(e->y), y1 = cell_of(e->y + e->h);
    if ((int64_t)(x1 - x0 + 1) * (y1 - y0 + 1) > 4096) { /* absurd sizes: clamp */
        x1 = x0 + 63;
        y1 = y0 + 63;
    }
    for (int32_t cy = y0; cy <= y1; cy++)
        for (int32_t cx = x0; cx <= x1; cx++)
            if (grid_add(g, cx, cy, id) < 0)
                return -1;
    return 0;
}

static void grid_free(Grid *g)
{
    free(g->heads);
    free(g->nodes);
    memset(g, 0, sizeof *g);
}

/* A grid of every known card; 0 or -1 on OOM. */
static int grid_build(Grid *g, const Layout *l, int32_t born)
{
    grid_free(g);
    int32_t nb = 1024;
    while (nb < 4 * (l->max_id + 1) && nb < (1 << 22))
        nb *= 2;
    g->heads = malloc((size_t)nb * sizeof *g->heads);
    if (!g->heads)
        return -1;
    memset(g->heads, 0xff, (size_t)nb * sizeof *g->heads);
    g->nbuckets = nb;
    g->free_list = -1;
    g->born = born;
    for (GcId i = 1; i <= l->max_id && i < l->cap; i++)
        if (l->e[i].known && grid_insert(g, &l->e[i], i) < 0)
            return -1;
    return 0;
}

static int lives_overlap(const Entry *a, int32_t born, int32_t gone)
{
    int32_t a_gone = a->gone < 0 ? INT32_MAX : a->gone;
    int32_t b_gone = gone < 0 ? INT32_MAX : gone;
    return a->born < b_gone && born < a_gone;
}

/* Whether no card alive at the same time as [born, gone) is within the
 * gaps of the rectangle x, y, w, h; if one is, *block is that card. */
static int free_spot(const Layout *l, Grid *g, GcId self, float x, float y, float w, float h,
                     int32_t born, int32_t gone, const Entry **block)
{
    const float mx = LAYOUT_GAP_X * 0.5f, my = LAYOUT_GAP_Y * 0.5f;
    int32_t x0 = cell_of(x - mx), x1 = cell_of(x + w + mx);
    int32_t y0 = cell_of(y - my), y1 = cell_of(y + h + my);
    for (int32_t cy = y0; cy <= y1; cy++)
        for (int32_t cx = x0; cx <= x1; cx++) {
            int32_t *link = &g->heads[cell_hash(cx, cy) & (uint32_t)(g->nbuckets - 1)];
            while (*link >= 0) {
                GridNode *n = &g->nodes[*link];
                const Entry *o = &l->e[n->id];
                if (o->gone >= 0 && o->gone <= g->born) { /* never in the way again */
                    int32_t dead = *link;
                    *link = n->next;
                    g->nodes[dead].next = g->free_list;
                    g->free_list = dead;
                    continue;
                }
                link = &n->next;
                if (n->cx != cx || n->cy != cy || n->id == self || !o->known ||
                    !lives_overlap(o, born, gone))
                    continue;
                if (x < o->x + o->w + mx && o->x < x + w + mx && y < o->y + o->h + my &&
                    o->y < y + h + my) {
                    *block = o;
                    return 0;
                }
            }
        }
    return 1;
}

#define STEP 16.0f /* world units between the spots tried in a column */
#define PITCH (LAYOUT_CARD_W + LAYOUT_GAP_X) /* the roots columns' spacing */

/* The size and life of a card being placed (or of the smallest card of the
 * run, for the hints below). */
typedef struct Probe {
    float w, h;
    int32_t born, gone;
} Probe;

/* The first j in j0..jmax for which the spot at y0 + dir * j * STEP is free
 * for c, or -1.  Spots above 0 are not used.  It gives the spot that trying
 * every j in turn would give, but jumps over each card in the way at once
 * (a list of a thousand cards would otherwise cost a try per 16 units of
 * every column it fills, for every new card). */
static int32_t scan_column(const Layout *l, Grid *g, const Probe *c, GcId id, float x, float y0,
                           int dir, int32_t j0, int32_t jmax)
{
    const float my = LAYOUT_GAP_Y * 0.5f;
    for (int32_t j = j0; j <= jmax;) {
        float y = dir > 0 ? y0 + (float)j * STEP : y0 - (float)j * STEP;
        if (y < 0) {
            if (dir < 0)
                return -1;
            j++;
            continue;
        }
        const Entry *o = NULL;
        if (free_spot(l, g, id, x, y, c->w, c->h, c->born, c->gone, &o))
            return j;
        /* every spot before the one clear of o is in o's way too; floor and
         * a second look keep rounding from skipping a free spot */
        float need = dir > 0 ? (o->y + o->h + my - y0) / STEP : (y0 - (o->y - c->h - my)) / STEP;
        if (!(need <= (float)jmax))
            return -1;
        int32_t nj = (int32_t)floorf(need);
        j = nj > j ? nj : j + 1;
    }
    return -1;
}

/* ---- hints: where earlier scans found every spot taken ----------------------
 *
 * Scanning a column jumps over each card in the way, so a full column of k
 * cards costs k tries, and a heap of n cards in columns of about sqrt(n)
 * cards each costs n^1.5 to n^2 tries in all.  The hints remember which
 * spots earlier scans found taken for the smallest card of the run (the
 * smallest card's rectangle at a spot lies inside any other card's
 * rectangle at that spot, so a spot taken for it is taken for every card):
 * per column x, the tops y in open spans (lo, hi), merged as they meet, so
 * that a scan crosses a column of touching cards in one binary search; and
 * per roots column, how many spots from its top are taken, with a bit for
 * the columns that have room at all.  Only cards already born and still
 * alive count, so a hint stays true while cards are added; it can only
 * become false when a card dies, and deaths (a heap by time of death) cut
 * the spans and lower the roots hints they were in before the next card is
 * placed.  A hint never changes where a card goes, only where the scan for
 * it starts: the result is the plain scan's, which test_render's
 * layout_reference checks against the rule written the simplest way. */

typedef struct Taken {
    float lo, hi; /* tops y with lo < y < hi are taken for the smallest card */
} Taken;

typedef struct Memo {
    float x;
    Taken *s; /* sorted by lo, disjoint */
    int32_t n, cap;
} Memo;

typedef struct Death {
    int32_t gone;
    GcId id;
} Death;

typedef struct Hints {
    Probe small;        /* the smallest card of the run, alive at the current birth */
    int32_t jmax_small; /* its last spot in a roots column */
    int32_t *root;      /* per roots column: spots 0 .. root[c]-1 are taken */
    uint64_t *open;     /* per roots column: whether root[c] <= jmax_small */
    int32_t ncols, capcols;
    Memo *memo; /* per column x met, sorted by x */
    int32_t nmemo, capmemo;
    Death *heap; /* cards placed or known that die later, by time of death */
    int32_t nheap, capheap;
} Hints;

static void memos_clear(Hints *hs)
{
    for (int32_t i = 0; i < hs->nmemo; i++)
        free(hs->memo[i].s);
    hs->nmemo = 0;
}

static void hints_free(Hints *hs)
{
    memos_clear(hs);
    free(hs->memo);
    free(hs->root);
    free(hs->open);
    free(hs->heap);
    memset(hs, 0, sizeof *hs);
}

/* Forgets every hint (the grid was rebuilt for an earlier birth). */
static void hints_reset(Hints *hs)
{
    for (int32_t c = 0; c < hs->ncols; c++)
        hs->root[c] = 0;
    if (hs->ncols)
        memset(hs->open, 0xff, ((size_t)hs->capcols / 64) * sizeof *hs->open);
    memos_clear(hs);
    hs->nheap = 0;
}

/* The first memo with x >= x0. */
static int32_t memo_lower(const Hints *hs, float x0)
{
    int32_t a = 0, b = hs->nmemo;
    while (a < b) {
        int32_t m = (a + b) / 2;
        if (hs->memo[m].x < x0)
            a = m + 1;
        else
            b = m;
    }
    return a;
}

/* The memo of column x, made empty if new; NULL on OOM. */
static Memo *memo_get(Hints *hs, float x)
{
    int32_t i = memo_lower(hs, x);
    if (i < hs->nmemo && hs->memo[i].x == x)
        return &hs->memo[i];
    if (GC_VEC_ROOM(hs->memo, hs->nmemo, hs->capmemo, 64, realloc) < 0)
        return NULL;
    memmove(hs->memo + i + 1, hs->memo + i, (size_t)(hs->nmemo - i) * sizeof *hs->memo);
    hs->memo[i] = (Memo){x, NULL, 0, 0};
    hs->nmemo++;
    return &hs->memo[i];
}

/* The span holding y, or -1. */
static int32_t memo_find(const Memo *m, float y)
{
    int32_t a = 0, b = m->n; /* the last span with lo < y */
    while (a < b) {
        int32_t k = (a + b) / 2;
        if (m->s[k].lo < y)
            a = k + 1;
        else
            b = k;
    }
    return a > 0 && y < m->s[a - 1].hi ? a - 1 : -1;
}

/* The first span with hi > lo (m->n if none): where (lo, ...) starts to meet
 * the spans, which are sorted and disjoint. */
static int32_t memo_first_after(const Memo *m, float lo)
{
    int32_t a = 0, b = m->n;
    while (a < b) {
        int32_t k = (a + b) / 2;
        if (m->s[k].hi <= lo)
            a = k + 1;
        else
            b = k;
    }
    return a;
}

/* Adds the open span (lo, hi), merged with the spans it meets.  0, or -1 on
 * OOM. */
static int memo_add(Memo *m, float lo, float hi)
{
    int32_t a = memo_first_after(m, lo);
    int32_t end = a; /* spans a .. end-1 meet (lo, hi) */
    while (end < m->n && m->s[end].lo < hi)
        end++;
    if (end > a) {
        lo = fminf(lo, m->s[a].lo);
        hi = fmaxf(hi, m->s[end - 1].hi);
        m->s[a] = (Taken){lo, hi};
        memmove(m->s + a + 1, m->s + end, (size_t)(m->n - end) * sizeof *m->s);
        m->n -= end - a - 1;
        return 0;
    }
    if (GC_VEC_ROOM(m->s, m->n, m->cap, 8, realloc) < 0)
        return -1;
    memmove(m->s + a + 1, m->s + a, (size_t)(m->n - a) * sizeof *m->s);
    m->s[a] = (Taken){lo, hi};
    m->n++;
    return 0;
}

/* Takes (lo, hi) out of the spans (a dead card's spots are free again;
 * the ends of what is left lose a point, which only makes them smaller).
 * 0, or -1 on OOM. */
static int memo_cut(Memo *m, float lo, float hi)
{
    int32_t a = memo_first_after(m, lo);
    for (int32_t k = a; k < m->n && m->s[k].lo < hi;) {
        Taken t = m->s[k];
        if (t.lo < lo) {
            m->s[k].hi = lo; /* the part before the cut stays */
            if (hi < t.hi)   /* and the part after it too */
                return memo_add(m, hi, t.hi);
            k++;
        } else if (hi < t.hi) {
            m->s[k].lo = hi;
            return 0;
        } else {
            memmove(m->s + k, m->s + k + 1, (size_t)(m->n - k - 1) * sizeof *m->s);
            m->n--;
        }
    }
    return 0;
}

static int cols_grow(Hints *hs, int32_t c)
{
    if (c < hs->ncols)
        return 0;
    if (c >= hs->capcols) {
        int32_t n = hs->capcols ? hs->capcols : 64;
        while (n <= c)
            n *= 2;
        int32_t *nr = realloc(hs->root, (size_t)n * sizeof *nr);
        if (!nr)
            return -1;
        hs->root = nr;
        uint64_t *no = realloc(hs->open, ((size_t)n / 64) * sizeof *no);
        if (!no)
            return -1;
        memset(no + hs->capcols / 64, 0xff, ((size_t)(n - hs->capcols) / 64) * sizeof *no);
        hs->open = no;
        hs->capcols = n;
    }
    for (int32_t i = hs->ncols; i <= c; i++) {
        hs->root[i] = 0;
        hs->open[i / 64] |= 1ull << (i % 64);
    }
    hs->ncols = c + 1;
    return 0;
}

/* The first open roots column at or after c (columns not made yet are empty,
 * so open). */
static int32_t next_open(const Hints *hs, int32_t c)
{
    while (c < hs->ncols) {
        uint64_t w = hs->open[c / 64] >> (c % 64);
        if (w) {
            while (!(w & 1)) {
                w >>= 1;
                c++;
            }
            return c;
        }
        c = (c / 64 + 1) * 64;
    }
    return c;
}

static int death_before(Death a, Death b)
{
    return a.gone < b.gone || (a.gone == b.gone && a.id < b.id);
}

static int heap_push(Hints *hs, int32_t gone, GcId id)
{
    if (GC_VEC_ROOM(hs->heap, hs->nheap, hs->capheap, 1024, realloc) < 0)
        return -1;
    Death d = {gone, id};
    int32_t i = hs->nheap++;
    while (i > 0 && death_before(d, hs->heap[(i - 1) / 2])) {
        hs->heap[i] = hs->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    hs->heap[i] = d;
    return 0;
}

static Death heap_pop(Hints *hs)
{
    Death top = hs->heap[0], last = hs->heap[--hs->nheap];
    int32_t i = 0, n = hs->nheap;
    for (;;) {
        int32_t k = 2 * i + 1;
        if (k >= n)
            break;
        if (k + 1 < n && death_before(hs->heap[k + 1], hs->heap[k]))
            k++;
        if (!death_before(hs->heap[k], last))
            break;
        hs->heap[i] = hs->heap[k];
        i = k;
    }
    if (n > 0)
        hs->heap[i] = last;
    return top;
}

/* The tops y at which the smallest card at column x would meet o (open),
 * made a little smaller so that rounding never marks a free spot taken. */
static Taken taken_by(const Hints *hs, const Entry *o)
{
    const float my = LAYOUT_GAP_Y * 0.5f;
    Taken t = {o->y - hs->small.h - my, o->y + o->h + my};
    float eps = 0.01f + 1e-6f * fmaxf(fabsf(t.lo), fabsf(t.hi));
    t.lo += eps;
    t.hi -= eps;
    return t;
}

/* Cards dead by birth `born` free their spots: the spans they made are cut
 * and the roots columns they were near start their scans above them again.
 * 0, or -1 on OOM. */
static int hints_deaths(Hints *hs, const Layout *l, int32_t born)
{
    const float mx = LAYOUT_GAP_X * 0.5f, my = LAYOUT_GAP_Y * 0.5f;
    while (hs->nheap > 0 && hs->heap[0].gone <= born) {
        Death d = heap_pop(hs);
        const Entry *o = &l->e[d.id];
        /* the columns whose smallest card could meet o */
        float x0 = o->x - hs->small.w - mx, x1 = o->x + o->w + mx;
        Taken t = taken_by(hs, o);
        t.lo -= 1.0f; /* cut a little more than the span it made */
        t.hi += 1.0f;
        for (int32_t i = memo_lower(hs, x0); i < hs->nmemo && hs->memo[i].x <= x1; i++)
            if (memo_cut(&hs->memo[i], t.lo, t.hi) < 0)
                return -1;
        float jl = floorf((o->y - hs->small.h - my) / STEP) - 1;
        int32_t jlow = jl < 0 ? 0 : jl > 1e9f ? 1000000000 : (int32_t)jl;
        float c0f = floorf(x0 / PITCH), c1f = floorf(x1 / PITCH);
        int32_t c0 = c0f < 0 ? 0 : c0f > 1e9f ? INT32_MAX : (int32_t)c0f;
        int32_t c1 = c1f > (float)(hs->ncols - 1) ? hs->ncols - 1 : (int32_t)c1f;
        for (int32_t c = c0; c <= c1; c++) {
            if (hs->root[c] > jlow)
                hs->root[c] = jlow;
            hs->open[c / 64] |= 1ull << (c % 64);
        }
    }
    return 0;
}

/* As scan_column for the smallest card alive now, but over the spans of
 * column x known taken, and adding to them what it finds.  -2 on OOM. */
static int32_t scan_small(const Layout *l, Grid *g, Hints *hs, GcId id, float x, float y0, int dir,
                          int32_t j0, int32_t jmax)
{
    Memo *m = memo_get(hs, x);
    if (!m)
        return -2;
    for (int32_t j = j0; j <= jmax;) {
        float y = dir > 0 ? y0 + (float)j * STEP : y0 - (float)j * STEP;
        if (y < 0) {
            if (dir < 0)
                return -1;
            j++;
            continue;
        }
        int32_t k = memo_find(m, y);
        if (k < 0) {
            const Entry *o = NULL;
            if (free_spot(l, g, id, x, y, hs->small.w, hs->small.h, hs->small.born, hs->small.gone,
                          &o))
                return j;
            Taken t = taken_by(hs, o);
            if (memo_add(m, t.lo, t.hi) < 0)
                return -2;
            k = memo_find(m, y);
            if (k < 0) { /* o only grazes the spot (the span's margin): step on */
                j++;
                continue;
            }
        }
        /* the first spot past the span */
        float need = dir > 0 ? ceilf((m->s[k].hi - y0) / STEP) : ceilf((y0 - m->s[k].lo) / STEP);
        if (!(need <= (float)jmax))
            return -1;
        int32_t nj = (int32_t)need;
        j = nj > j ? nj : j + 1;
    }
    return -1;
}

/* The first spot for c in a column next to a parent (scan_column's answer),
 * or -1; -2 on OOM. */
static int32_t scan_kids(const Layout *l, Grid *g, Hints *hs, const Probe *c, GcId id, float x,
                         float y0, int dir, int32_t j0, int32_t jmax)
{
    int32_t js = scan_small(l, g, hs, id, x, y0, dir, j0, jmax);
    if (js < 0)
        return js;
    return scan_column(l, g, c, id, x, y0, dir, js, jmax);
}

/* The last spot of a roots column for a card of height h (the top one
 * always). */
static int32_t roots_jmax(float h, float col_h)
{
    int32_t jmax = col_h > h ? (int32_t)((col_h - h) / STEP) : 0;
    while (jmax > 0 && (float)jmax * STEP + h > col_h)
        jmax--;
    while ((float)(jmax + 1) * STEP + h <= col_h)
        jmax++;
    return jmax;
}

/* Next to the parent: the column to its right first (same row, then rows
 * below and above, nearest first, below first on a tie), then further
 * columns; a root goes in the roots columns at the left, top to bottom,
 * in the first column with room.  col_h is the height of a column
 * (layout_column_height).  Returns 0, or -1 on OOM. */
static int place_one(Layout *l, Grid *g, Hints *hs, Entry *e, GcId id, GcId parent, float col_h)
{
    const Entry *p = parent ? centry(l, parent) : NULL;
    Probe c = {e->w, e->h, e->born, e->gone};
    hs->small.born = e->born;
    hs->small.gone = e->born + 1; /* alive now: cards born later are not counted */
    if (p) {
        int32_t tries = (int32_t)(col_h / STEP);
        if (tries < 120)
            tries = 120;
        /* tries spots, alternating: 0, +1, -1, +2, -2 ... steps */
        int32_t down_max = tries / 2, up_max = (tries - 1) / 2;
        for (int col = 1; col <= 8; col++) {
            float x = p->x + (float)col * (p->w > e->w ? p->w : e->w) + (float)col * LAYOUT_GAP_X;
            if (col == 1)
                x = p->x + p->w + LAYOUT_GAP_X;
            int32_t down = scan_kids(l, g, hs, &c, id, x, p->y, 1, 0, down_max);
            int32_t up = down < -1 ? -2
                                   : scan_kids(l, g, hs, &c, id, x, p->y, -1, 1,
                                               down >= 0 && down - 1 < up_max ? down - 1 : up_max);
            if (up < -1)
                return -1;
            if (down >= 0 || up >= 0) {
                e->x = x;
                e->y = up >= 0 ? p->y - (float)up * STEP : p->y + (float)down * STEP;
                return 0;
            }
        }
    }
    int32_t jmax = roots_jmax(e->h, col_h);
    int32_t col0 = l->roots_x > 0 ? (int32_t)ceilf(l->roots_x / PITCH) : 0;
    for (int32_t col = next_open(hs, col0);; col = next_open(hs, col + 1)) {
        if (cols_grow(hs, col) < 0)
            return -1;
        float x = (float)col * PITCH;
        /* where the smallest card first fits: nothing fits above it */
        int32_t js = scan_column(l, g, &hs->small, id, x, 0, 1, hs->root[col], hs->jmax_small);
        if (js < 0) {
            hs->root[col] = hs->jmax_small + 1;
            hs->open[col / 64] &= ~(1ull << (col % 64));
            continue;
        }
        hs->root[col] = js;
        if (js > jmax)
            continue;
        int32_t j = scan_column(l, g, &c, id, x, 0, 1, js, jmax);
        if (j >= 0) {
            e->x = x;
            e->y = (float)j * STEP;
            return 0;
        }
    }
}

typedef struct AreaEv {
    int32_t at;
    float da;
} AreaEv;

static int cmp_area_ev(const void *a, const void *b)
{
    const AreaEv *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    return (x->da > y->da) - (x->da < y->da); /* a card gone before one is born */
}

float layout_column_height(const LayoutItem *items, int n)
{
    AreaEv *ev = malloc(((size_t)n * 2 + 1) * sizeof *ev);
    if (!ev)
        return LAYOUT_COLUMN_H;
    int m = 0;
    for (int i = 0; i < n; i++) {
        float a = (items[i].w + LAYOUT_GAP_X) * (items[i].h + LAYOUT_GAP_Y);
        ev[m++] = (AreaEv){items[i].born, a};
        if (items[i].gone >= 0)
            ev[m++] = (AreaEv){items[i].gone, -a};
    }
    qsort(ev, (size_t)m, sizeof *ev, cmp_area_ev);
    double cur = 0, peak = 0;
    for (int i = 0; i < m; i++) {
        cur += ev[i].da;
        if (cur > peak)
            peak = cur;
    }
    free(ev);
    float h = (float)sqrt(peak / LAYOUT_ASPECT);
    return h > LAYOUT_COLUMN_H ? h : LAYOUT_COLUMN_H;
}

int layout_place(Layout *l, const LayoutItem *items, int n)
{
    Grid g;
    Hints hs;
    memset(&g, 0, sizeof g);
    memset(&hs, 0, sizeof hs);
    int rc = 0;
    float col_h = layout_column_height(items, n);
    hs.small.w = hs.small.h = INFINITY;
    for (int i = 0; i < n; i++) {
        hs.small.w = fminf(hs.small.w, items[i].w);
        hs.small.h = fminf(hs.small.h, items[i].h);
    }
    hs.jmax_small = n ? roots_jmax(hs.small.h, col_h) : 0;
    for (int i = 0; i < n && rc == 0; i++) {
        if (layout_stopped(l, i)) {
            rc = LAYOUT_STOPPED;
            break;
        }
        Entry *e = entry(l, items[i].id);
        if (!e) {
            rc = -1;
            break;
        }
        e->born = items[i].born;
        e->gone = items[i].gone;
        e->until1 = 0; /* layout_build sets it once every card is placed */
        if (e->known) {
            if (items[i].w > e->w || items[i].h > e->h) {
                if (items[i].w > e->w)
                    e->w = items[i].w;
                if (items[i].h > e->h)
                    e->h = items[i].h;
                if (g.heads && grid_insert(&g, e, items[i].id) < 0) /* the cells it grew into */
                    rc = -1;
            }
            continue; /* its death is in the heap since the grid was built */
        }
        e->w = items[i].w;
        e->h = items[i].h;
        /* the grid drops cards gone before g.born: out of birth order,
         * start again from every known card (and forget every hint) */
        if (!g.heads || items[i].born < g.born) {
            if (grid_build(&g, l, items[i].born) < 0) {
                rc = -1;
                break;
            }
            hints_reset(&hs);
            for (GcId k = 1; k <= l->max_id && k < l->cap && rc == 0; k++)
                if (l->e[k].known && l->e[k].gone > items[i].born)
                    rc = heap_push(&hs, l->e[k].gone, k);
            if (rc < 0)
                break;
        }
        g.born = items[i].born;
        if (hints_deaths(&hs, l, items[i].born) < 0 ||
            place_one(l, &g, &hs, e, items[i].id, items[i].parent, col_h) < 0) {
            rc = -1;
            break;
        }
        e->hx = e->x;
        e->hy = e->y;
        e->known = 1;
        if (grid_insert(&g, e, items[i].id) < 0 ||
            (e->gone >= 0 && heap_push(&hs, e->gone, items[i].id) < 0))
            rc = -1;
    }
    grid_free(&g);
    hints_free(&hs);
    return rc;
}

int32_t layout_drawn_until(const Layout *l, GcId id)
{
    const Entry *e = l ? centry(l, id) : NULL;
    return e && e->until1 > 0 ? e->until1 - 1 : -1;
}

void layout_set_drawn_until(Layout *l, GcId id, int32_t until)
{
    if (id <= 0 || id >= l->cap || !l->e[id].known)
        return;
    l->e[id].until1 = until < 0 ? 0 : until + 1;
    l->version++;
    l->log[l->version % LAYOUT_LOG] = id;
}

int layout_get(const Layout *l, GcId id, float *x, float *y)
{
    const Entry *e = l ? centry(l, id) : NULL;
    if (!e)
        return -1;
    *x = e->x;
    *y = e->y;
    return 0;
}

int layout_card_geom(const Layout *l, GcId id, float *x, float *y, float *cell_w, float *card_w)
{
    const Entry *e = l ? centry(l, id) : NULL;
    if (!e)
        return -1;
    *x = e->x;
    *y = e->y;
    *cell_w = e->cell_w > 0 ? e->cell_w : LAYOUT_CELL_W;
    *card_w = e->card_w > 0 ? e->card_w : 0;
    return 0;
}

/* The entry of id, made known at x, y (its home too if it was unknown). */
static Entry *entry_at(Layout *l, GcId id, float x, float y)
{
    Entry *e = entry(l, id);
    if (!e)
        return NULL;
    if (!e->known) {
        e->born = 0;
        e->gone = -1;
        layout_card_dims(l, id, GC_KIND_INSTANCE, 0, &e->w, &e->h); /* grown by placement */
        e->hx = x;
        e->hy = y;
        e->known = 1;
    }
    e->x = x;
    e->y = y;
    return e;
}

int layout_set(Layout *l, GcId id, float x, float y, int pinned)
{
    Entry *e = entry_at(l, id, x, y);
    if (!e)
        return -1;
    e->dragged = e->dragged || pinned;
    return 0;
}

/* entry_at, its home moved to (x, y) too. */
static Entry *entry_home(Layout *l, GcId id, float x, float y)
{
    Entry *e = entry_at(l, id, x, y);
    if (e) {
        e->hx = x;
        e->hy = y;
    }
    return e;
}

int layout_put(Layout *l, GcId id, float x, float y)
{
    return entry_home(l, id, x, y) ? 0 : -1;
}

int layout_pin(Layout *l, GcId id, float x, float y)
{
    Entry *e = entry_home(l, id, x, y);
    if (!e)
        return -1;
    e->pinned = 1;
    e->dragged = 0;
    return 0;
}

int layout_unpin(Layout *l, GcId id, float *x, float *y)
{
    if (id <= 0 || id >= l->cap || !l->e[id].known || !l->e[id].dragged)
        return -1;
    Entry *e = &l->e[id];
    e->dragged = 0;
    *x = e->hx;
    *y = e->hy;
    return 0;
}

int layout_is_pinned(const Layout *l, GcId id)
{
    const Entry *e = centry(l, id);
    return e && (e->pinned || e->dragged);
}

void layout_reserved(const Layout *l, GcId id, float *w, float *h)
{
    const Entry *e = centry(l, id);
    *w = e ? e->w : 0;
    *h = e ? e->h : 0;
}

int layout_add_unreachable(Layout *l, GcId id, int32_t from, int32_t to)
{
    Entry *e = entry(l, id);
    if (!e)
        return -1;
    if (e->nunreach && e->unreach[e->nunreach - 1].to + 1 >= from) {
        if (to > e->unreach[e->nunreach - 1].to)
            e->unreach[e->nunreach - 1].to = to;
        return 0;
    }
    if (GC_VEC_ROOM(e->unreach, e->nunreach, e->capunreach, 2, realloc) < 0)
        return -1;
    e->unreach[e->nunreach++] = (Span){from, to};
    return 0;
}

int32_t layout_unreachable_since(const Layout *l, GcId id, int32_t step)
{
    if (!l || id <= 0 || id >= l->cap)
        return -1;
    const Entry *e = &l->e[id];
    for (int32_t i = 0; i < e->nunreach; i++)
        if (e->unreach[i].from <= step && step <= e->unreach[i].to)
            return e->unreach[i].from;
    return -1;
}
