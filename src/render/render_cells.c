/*
 * render_cells.c: the blocks view's counts per cell of the render cache's
 * grid at one cursor, so that a frame of the blocks view (render_heap.c's
 * agg_*) costs the cells and the blocks, not the cards.
 *
 * Every card a frame of the blocks view may count (alive, or a ghost of
 * this statement) has a home: the grid cell its centre is in (the centre
 * the blocks place it by, card_geo's).  Each cell keeps, for the cards at
 * home in it and drawn at this step, their counts by generation (agg
 * kind), by type, unreachable, the references their values hold, the box
 * their cards cover and the box of their centres; and the references
 * between the drawn cards, by pair of home cells, with the references
 * themselves.  A frame sums the cells whose cards are all in view and
 * whose centres all fall in one block, and counts the cards of the other
 * cells (at the view's edges and on the blocks' borders) one by one, as
 * before: the counts stay exactly those of the cards drawn there.
 *
 * The cells are computed when a frame asks at a new (heap, cursor,
 * layout, statement start, beginner view): once per step, not per frame.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "render_internal.h"

void render_cells_free(RenderCells *c)
{
    if (!c)
        return;
    free(c->cell);
    free(c->home);
    free(c->counted);
    free(c->ids);
    free(c->types);
    free(c->pairs);
    free(c->refs);
    free(c->block);
    free(c);
}

static void box_add(float b[4], float x0, float y0, float x1, float y1)
{
    b[0] = x0 < b[0] ? x0 : b[0];
    b[1] = y0 < b[1] ? y0 : b[1];
    b[2] = x1 > b[2] ? x1 : b[2];
    b[3] = y1 > b[3] ? y1 : b[3];
}

/* Value references to objects that o holds (those agg_edges counts). */
static uint32_t value_refs(const GcObject *o)
{
    uint32_t n = 0, ns = o->kind == GC_KIND_WEAKREF ? 0 : gc_nslots(o);
    for (uint32_t i = 0; i < ns; i++)
        n += GC_VAL_IS_OBJ(gc_slot(o, i).val);
    return n;
}

static int grow(void **p, int32_t *cap, int32_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    int32_t n = *cap ? *cap : 1024;
    while (n < need)
        n *= 2;
    void *m = realloc(*p, (size_t)n * size);
    if (!m)
        return -1;
    *p = m;
    *cap = n;
    return 0;
}

/* What the passes share: each cell's types as a list through the pool
 * (pass 1 meets the cells in id order), then the references. */
typedef struct CellsBuild {
    RenderCellType *pool;
    int32_t *next, *head; /* by pool entry; by cell (-1: none) */
    int32_t npool, cappool, capnext;
    GcId (*tmp)[2]; /* references in id order */
    int32_t ntmp, captmp;
} CellsBuild;

/* One drawn card of type (kind, cls) into its cell's list. */
static int type_add(CellsBuild *b, int32_t ci, int32_t kind, int32_t cls, GcId id)
{
    for (int32_t t = b->head[ci]; t >= 0; t = b->next[t])
        if (b->pool[t].kind == kind && b->pool[t].cls == cls) {
            b->pool[t].n++;
            return 0;
        }
    if (grow((void **)&b->pool, &b->cappool, b->npool + 1, sizeof *b->pool) < 0 ||
        grow((void **)&b->next, &b->capnext, b->npool + 1, sizeof *b->next) < 0)
        return -1;
    b->pool[b->npool] = (RenderCellType){kind, cls, id, 1};
    b->next[b->npool] = b->head[ci];
    b->head[ci] = b->npool++;
    return 0;
}

/* Pass 1, in id order: each eligible card's home cell, its cell's counts,
 * boxes and types. */
static int cells_home(RenderCells *c, CellsBuild *b, const GcHeap *h, const Layout *l,
                      const RenderCellsKey *k, const uint8_t *reach)
{
    for (GcId id = 1; id <= c->n; id++) {
        const GcObject *o = gc_object(h, id);
        float wx, wy;
        c->home[id] = -1;
        if (!o)
            continue;
        int alive = o->state == GC_STATE_ALIVE;
        if (!alive && (o->state != GC_STATE_FREED || gc_died(h, id) < k->stmt_start))
            continue;
        if (layout_get(l, id, &wx, &wy) < 0)
            continue;
        uint32_t ns = gc_nslots(o);
        /* the ghost's box (card_screen) and the box crowded() counts */
        float aw, ah, cw, ch;
        layout_card_dims(l, id, o->kind, alive ? ns : 0, &aw, &ah);
        if (alive)
            cw = aw, ch = ah;
        else
            layout_card_dims(l, id, o->kind, ns, &cw, &ch);
        float cx = wx + aw * 0.5f, cy = wy + LAYOUT_TAG_H + (ah - LAYOUT_TAG_H) * 0.5f;
        int ix = (int)((cx - c->x0) / c->size), iy = (int)((cy - c->y0) / c->size);
        ix = ix < 0 ? 0 : ix >= c->gw ? c->gw - 1 : ix;
        iy = iy < 0 ? 0 : iy >= c->gh ? c->gh - 1 : iy;
        int32_t ci = iy * c->gw + ix;
        RenderCell *cell = &c->cell[ci];
        c->home[id] = ci;
        if (!cell->ni)
            memcpy(cell->box, (float[4]){wx, wy, wx, wy}, sizeof cell->box);
        float mw = aw > cw ? aw : cw, mh = ah > ch ? ah : ch;
        c->maxw = mw > c->maxw ? mw : c->maxw;
        c->maxh = mh > c->maxh ? mh : c->maxh;
        box_add(cell->box, wx, wy, wx + mw, wy + mh);
        cell->ni++;
        cell->crowd++;
        if (alive && gc_born(h, id) > k->cursor - 1)
            c->unsure = 1; /* card_alpha would fade it in: not counted by the cells */
        if (k->beginner && render_is_temporary(h, id))
            continue;
        c->counted[id] = 1;
        if (!cell->total)
            memcpy(cell->cbox, (float[4]){cx, cy, cx, cy}, sizeof cell->cbox);
        box_add(cell->cbox, cx, cy, cx, cy);
        cell->total++;
        cell->gen[render_agg_kind(o)]++;
        cell->unreach += reach && alive && !reach[id];
        cell->nval += alive ? value_refs(o) : 0;
        if (type_add(b, ci, (int32_t)o->kind, o->kind == GC_KIND_INSTANCE ? (int32_t)o->cls : -1,
                     id) < 0)
            return -1;
    }
    return 0;
}

/* Pass 2, in id order: the references between drawn cards (agg_edges's:
 * keys and values, from alive cards), counted by the source's cell in
 * its np until cells_refs files them. */
static int cells_tmp_refs(RenderCells *c, CellsBuild *b, const GcHeap *h)
{
    for (GcId id = 1; id <= c->n; id++) {
        if (!c->counted[id])
            continue;
        const GcObject *o = gc_object(h, id);
        uint32_t ns = o->state != GC_STATE_ALIVE || o->kind == GC_KIND_WEAKREF ? 0 : gc_nslots(o);
        for (uint32_t s = 0; s < ns; s++)
            for (int kv = 0; kv < 2; kv++) {
                GcValue v = kv ? gc_slot(o, s).val : gc_slot(o, s).key;
                if (!GC_VAL_IS_OBJ(v))
                    continue;
                GcId to = (GcId)GC_VAL_PAYLOAD(v);
                if (to < 1 || to > c->n || !c->counted[to])
                    continue;
                if (grow((void **)&b->tmp, &b->captmp, b->ntmp + 1, sizeof *b->tmp) < 0)
                    return -1;
                b->tmp[b->ntmp][0] = id;
                b->tmp[b->ntmp++][1] = to;
                c->cell[c->home[id]].np++;
            }
    }
    return 0;
}

/* A reference with its sort key: its target's home cell. */
typedef struct CellRef {
    int32_t to_cell;
    GcId s, t;
} CellRef;

#define RADIX_BITS 9
#define RADIX      (1 << RADIX_BITS)
#define RADIX_MIN  64 /* references of one cell sorted by insertion alone */

/* refs[0 .. n) by their target's cell, stably (least significant digits
 * first, RADIX_BITS at a time, through tmp): the order of the sources and
 * of each source's slots is kept. */
static void refs_radix(RenderCells *c, GcId (*r)[2], int32_t n, CellRef *tmp, int32_t ncell)
{
    CellRef *a = tmp, *b = tmp + n;
    for (int32_t i = 0; i < n; i++)
        a[i] = (CellRef){c->home[r[i][1]], r[i][0], r[i][1]};
    for (int shift = 0; (ncell - 1) >> shift; shift += RADIX_BITS) {
        int32_t count[RADIX + 1];
        memset(count, 0, sizeof count);
        for (int32_t i = 0; i < n; i++)
            count[((a[i].to_cell >> shift) & (RADIX - 1)) + 1]++;
        for (int d = 0; d < RADIX; d++)
            count[d + 1] += count[d];
        for (int32_t i = 0; i < n; i++)
            b[count[(a[i].to_cell >> shift) & (RADIX - 1)]++] = a[i];
        CellRef *x = a;
        a = b;
        b = x;
    }
    for (int32_t i = 0; i < n; i++) {
        r[i][0] = a[i].s;
        r[i][1] = a[i].t;
    }
}

/* A cell's references (refs[r0 .. r0 + n)) by their target's cell, then
 * source, then target (equal keys are equal references).  They come in
 * source order; a cell holds a few, sorted by insertion.  One list of
 * 10^5 items (a tree built through a list) holds 10^5: those are first
 * put in order of target cell (refs_radix, through tmp: 2 n entries), so
 * that the insertion sort only orders targets of one source in one cell
 * (a few cards). */
static void refs_sort(RenderCells *c, int32_t r0, int32_t n, CellRef *tmp, int32_t ncell)
{
    GcId(*r)[2] = c->refs + r0;
    if (n > RADIX_MIN && tmp)
        refs_radix(c, r, n, tmp, ncell);
    for (int32_t i = 1; i < n; i++) {
        GcId s = r[i][0], t = r[i][1];
        int32_t ht = c->home[t], j = i;
        while (j > 0) {
            int32_t hp = c->home[r[j - 1][1]];
            if (hp < ht ||
                (hp == ht && (r[j - 1][0] < s || (r[j - 1][0] == s && r[j - 1][1] <= t))))
                break;
            r[j][0] = r[j - 1][0];
            r[j][1] = r[j - 1][1];
            j--;
        }
        r[j][0] = s;
        r[j][1] = t;
    }
}

/* The cards by home cell (ascending ids), each cell's types from the
 * pool, its references filed and grouped in pairs of cells. */
static int cells_lists(RenderCells *c, CellsBuild *b, const GcHeap *h)
{
    int32_t at = 0, rat = 0, ncell = c->gw * c->gh;
    if (cells_tmp_refs(c, b, h) < 0)
        return -1;
    int32_t *rfill = malloc(((size_t)ncell + 1) * sizeof *rfill);
    c->types = malloc(((size_t)b->npool + 1) * sizeof *c->types);
    c->refs = malloc(((size_t)b->ntmp + 1) * sizeof *c->refs);
    if (!rfill || !c->types || !c->refs) {
        free(rfill);
        return -1;
    }
    for (int32_t i = 0; i < ncell; i++) {
        RenderCell *cell = &c->cell[i];
        cell->i0 = at;
        at += cell->ni;
        cell->ni = 0;
        rfill[i] = rat;
        rat += cell->np;
        cell->np = 0;
        /* its types (in any order: a block sorts its own) */
        cell->t0 = c->ntypes;
        for (int32_t t = b->head[i]; t >= 0; t = b->next[t])
            c->types[c->ntypes++] = b->pool[t];
        cell->nt = c->ntypes - cell->t0;
    }
    c->ids = malloc(((size_t)at + 1) * sizeof *c->ids);
    if (!c->ids) {
        free(rfill);
        return -1;
    }
    for (GcId id = 1; id <= c->n; id++)
        if (c->home[id] >= 0) {
            RenderCell *cell = &c->cell[c->home[id]];
            c->ids[cell->i0 + cell->ni++] = id;
        }
    for (int32_t r = 0; r < b->ntmp; r++) {
        int32_t f = rfill[c->home[b->tmp[r][0]]]++;
        c->refs[f][0] = b->tmp[r][0];
        c->refs[f][1] = b->tmp[r][1];
    }
    c->nrefs = b->ntmp;
    /* room to sort the most references a cell holds (refs_radix); rfill[i]
     * is now where cell i's references end */
    int32_t most = 0;
    for (int32_t i = 0; i < ncell; i++) {
        int32_t n = rfill[i] - (i ? rfill[i - 1] : 0);
        most = n > most ? n : most;
    }
    CellRef *sorted = most > RADIX_MIN ? malloc((size_t)most * 2 * sizeof *sorted) : NULL;
    if (most > RADIX_MIN && !sorted) {
        free(rfill);
        return -1;
    }
    free(rfill);
    for (int32_t i = 0, r0 = 0; i < ncell; i++) {
        RenderCell *cell = &c->cell[i];
        cell->p0 = c->npairs;
        int32_t end = r0;
        while (end < c->nrefs && c->home[c->refs[end][0]] == i)
            end++;
        refs_sort(c, r0, end - r0, sorted, ncell);
        for (int32_t r = r0; r < end; r++) {
            int32_t to = c->home[c->refs[r][1]];
            if (r == r0 || to != c->home[c->refs[r - 1][1]]) {
                if (grow((void **)&c->pairs, &c->cappairs, c->npairs + 1, sizeof *c->pairs) < 0) {
                    free(sorted);
                    return -1;
                }
                c->pairs[c->npairs++] = (RenderCellPair){to, 0, r};
            }
            c->pairs[c->npairs - 1].n++;
        }
        cell->np = c->npairs - cell->p0;
        r0 = end;
    }
    free(sorted);
    return 0;
}

static RenderCells *cells_build(RenderCache *rc, const GcHeap *h, const Layout *l,
                                const RenderCellsKey *k, const uint8_t *reach)
{
    RenderCells *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->key = *k;
    if (render_cache_grid(rc, l, &c->x0, &c->y0, &c->size, &c->gw, &c->gh) < 0) {
        free(c);
        return NULL;
    }
    GcId lmax = layout_max_id(l);
    c->n = k->maxid < lmax ? k->maxid : lmax;
    size_t ncell = (size_t)c->gw * (size_t)c->gh;
    c->cell = calloc(ncell, sizeof *c->cell);
    c->block = malloc(ncell * sizeof *c->block);
    c->home = malloc(((size_t)c->n + 1) * sizeof *c->home);
    c->counted = calloc((size_t)c->n + 1, 1);
    if (!c->cell || !c->block || !c->home || !c->counted) {
        render_cells_free(c);
        return NULL;
    }
    c->home[0] = -1;
    CellsBuild b;
    memset(&b, 0, sizeof b);
    b.head = malloc(ncell * sizeof *b.head);
    if (b.head)
        memset(b.head, 0xff, ncell * sizeof *b.head);
    if (!b.head || cells_home(c, &b, h, l, k, reach) < 0 || cells_lists(c, &b, h) < 0) {
        render_cells_free(c);
        c = NULL;
    }
    free(b.head);
    free(b.next);
    free(b.pool);
    free(b.tmp);
    return c;
}

RenderCells *render_cells_at(RenderCache *rc, const GcHeap *h, const Layout *l,
                             const RenderCellsKey *k, const uint8_t *(*reach)(void *), void *arg,
                             int build)
{
    RenderCells **slot = render_cache_cells(rc);
    RenderCells *c = *slot;
    if (c && memcmp(&c->key, k, sizeof *k) == 0)
        return c;
    if (!build)
        return NULL;
    render_cells_free(c);
    *slot = cells_build(rc, h, l, k, reach(arg));
    return *slot;
}
