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
    int32_t born, gone; /* lifetime interval of the card (gone -1 = forever) */
    uint8_t known, pinned, dragged; /* pinned: by the scenario; dragged: by the user */
    Span *unreach;
    int32_t nunreach, capunreach;
} Entry;

struct Layout {
    Entry *e;      /* indexed by id */
    GcId cap;
    GcId max_id;
};

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
    clear_spans(l);
    if (l->cap)
        memset(l->e, 0, (size_t)l->cap * sizeof *l->e);
    l->max_id = 0;
}

static Entry *entry(Layout *l, GcId id)
{
    if (id <= 0)
        return NULL;
    if (id >= l->cap) {
        GcId ncap = l->cap ? l->cap : 64;
        while (ncap <= id)
            ncap *= 2;
        Entry *n = realloc(l->e, (size_t)ncap * sizeof *n);
        if (!n)
            return NULL;
        memset(n + l->cap, 0, (size_t)(ncap - l->cap) * sizeof *n);
        l->e = n;
        l->cap = ncap;
    }
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

void layout_card_size(int kind, uint32_t nslots, float *w, float *h)
{
    if (kind == GC_KIND_LIST || kind == GC_KIND_TUPLE) {
        uint32_t cells = nslots < 1 ? 1 : nslots;
        if (cells > LAYOUT_MAX_CELLS)
            cells = LAYOUT_MAX_CELLS + 1; /* the "+N" cell */
        float cw = 2 * LAYOUT_PAD + (float)cells * LAYOUT_CELL_W;
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

static int grid_add(Grid *g, int32_t cx, int32_t cy, GcId id)
{
    int32_t n = g->free_list;
    if (n >= 0) {
        g->free_list = g->nodes[n].next;
    } else {
        if (g->nnodes == g->capnodes) {
            int32_t nc = g->capnodes ? g->capnodes * 2 : 1024;
            GridNode *nn = realloc(g->nodes, (size_t)nc * sizeof *nn);
            if (!nn)
                return -1;
            g->nodes = nn;
            g->capnodes = nc;
        }
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

/* The first j in j0..jmax for which the spot at y0 + dir * j * STEP is free
 * for e, or -1.  Spots above 0 are not used.  It gives the spot that trying
 * every j in turn would give, but jumps over each card in the way at once
 * (a list of a thousand cards would otherwise cost a try per 16 units of
 * every column it fills, for every new card). */
static int32_t scan_column(const Layout *l, Grid *g, const Entry *e, GcId id, float x, float y0,
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
        if (free_spot(l, g, id, x, y, e->w, e->h, e->born, e->gone, &o))
            return j;
        /* every spot before the one clear of o is in o's way too; floor and
         * a second look keep rounding from skipping a free spot */
        float need = dir > 0 ? (o->y + o->h + my - y0) / STEP : (y0 - (o->y - e->h - my)) / STEP;
        if (!(need <= (float)jmax))
            return -1;
        int32_t nj = (int32_t)floorf(need);
        j = nj > j ? nj : j + 1;
    }
    return -1;
}

/* Next to the parent: the column to its right first (same row, then rows
 * below and above, nearest first, below first on a tie), then further
 * columns; a root goes in the roots columns at the left, top to bottom.
 * col_h is the height of a column (layout_column_height). */
static void place_one(Layout *l, Grid *g, Entry *e, GcId id, GcId parent, float col_h)
{
    const Entry *p = parent ? centry(l, parent) : NULL;
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
            int32_t down = scan_column(l, g, e, id, x, p->y, 1, 0, down_max);
            int32_t up = scan_column(l, g, e, id, x, p->y, -1, 1,
                                     down >= 0 && down - 1 < up_max ? down - 1 : up_max);
            if (down >= 0 || up >= 0) {
                e->x = x;
                e->y = up >= 0 ? p->y - (float)up * STEP : p->y + (float)down * STEP;
                return;
            }
        }
    }
    for (int col = 0; col < 400; col++) {
        float x = (float)col * (LAYOUT_CARD_W + LAYOUT_GAP_X);
        /* the spots whose card ends within the column (the top one always) */
        int32_t jmax = col_h > e->h ? (int32_t)((col_h - e->h) / STEP) : 0;
        while (jmax > 0 && (float)jmax * STEP + e->h > col_h)
            jmax--;
        while ((float)(jmax + 1) * STEP + e->h <= col_h)
            jmax++;
        int32_t j = scan_column(l, g, e, id, x, 0, 1, 0, jmax);
        if (j >= 0) {
            e->x = x;
            e->y = (float)j * STEP;
            return;
        }
    }
    e->x = 0;
    e->y = 0;
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
    memset(&g, 0, sizeof g);
    int rc = 0;
    float col_h = layout_column_height(items, n);
    for (int i = 0; i < n && rc == 0; i++) {
        Entry *e = entry(l, items[i].id);
        if (!e) {
            rc = -1;
            break;
        }
        e->born = items[i].born;
        e->gone = items[i].gone;
        if (e->known) {
            if (items[i].w > e->w || items[i].h > e->h) {
                if (items[i].w > e->w)
                    e->w = items[i].w;
                if (items[i].h > e->h)
                    e->h = items[i].h;
                if (g.heads && grid_insert(&g, e, items[i].id) < 0) /* the cells it grew into */
                    rc = -1;
            }
            continue;
        }
        e->w = items[i].w;
        e->h = items[i].h;
        /* the grid drops cards gone before g.born: out of birth order,
         * start again from every known card */
        if (!g.heads || items[i].born < g.born) {
            if (grid_build(&g, l, items[i].born) < 0) {
                rc = -1;
                break;
            }
        }
        g.born = items[i].born;
        place_one(l, &g, e, items[i].id, items[i].parent, col_h);
        e->hx = e->x;
        e->hy = e->y;
        e->known = 1;
        if (grid_insert(&g, e, items[i].id) < 0)
            rc = -1;
    }
    grid_free(&g);
    return rc;
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

/* The entry of id, made known at x, y (its home too if it was unknown). */
static Entry *entry_at(Layout *l, GcId id, float x, float y)
{
    Entry *e = entry(l, id);
    if (!e)
        return NULL;
    if (!e->known) {
        e->born = 0;
        e->gone = -1;
        layout_card_size(GC_KIND_INSTANCE, 1, &e->w, &e->h);
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

int layout_pin(Layout *l, GcId id, float x, float y)
{
    Entry *e = entry_at(l, id, x, y);
    if (!e)
        return -1;
    e->hx = x;
    e->hy = y;
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
    if (e->nunreach == e->capunreach) {
        int32_t nc = e->capunreach ? e->capunreach * 2 : 2;
        Span *s = realloc(e->unreach, (size_t)nc * sizeof *s);
        if (!s)
            return -1;
        e->unreach = s;
        e->capunreach = nc;
    }
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
