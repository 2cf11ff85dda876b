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
 * A step moves them from the cursor before (cells_move): only the cards
 * the history's writes in between changed (born, freed, written, moved
 * between lists), those whose reachability changed and the cells of
 * references to a card that changed cell are counted again, a cell at a
 * time; the result is exactly what a pass over the heap gives
 * (render_cells_fresh, test render.cells_steps).  A step that wrote
 * more than a part of the heap is a pass over it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "render_internal.h"

/* Each cell's room in the arrays and the largest of its cards. */
typedef struct RenderCellRoom {
    int32_t icap, tcap, pcap; /* ids[i0 ..], types[t0 ..], pairs[p0 ..] */
    int32_t r0, nr, rcap;     /* its references: refs[r0 .. r0 + nr) */
    float mw, mh;             /* its widest and highest card (maxw, maxh) */
} RenderCellRoom;

#define CELLS_UNSURE  1  /* flag: a card that would fade in (card_alpha) */
#define CELLS_MOVED   2  /* flag while moving: a drawn card that changed cell */
#define CELLS_SEEN    4  /* flag while moving: among the changed ids */
#define CELLS_SLOTS   8  /* flag while moving: a slot written between the cursors */
#define CELLS_FULL    16 /* flag while moving: its record written between the cursors */
#define CELLS_PATCH   32 /* flag while moving: its slots alone changed (counted slot by slot) */
#define CELLS_REACHED 64 /* flag while moving: a changed card whose reachability changed */

static void move_free(struct CellsMove *m);

void render_cells_free(RenderCells *c)
{
    if (!c)
        return;
    move_free(c->move);
    render_agg_keep_free(c->keep);
    free(c->recounted);
    free(c->room);
    free(c->dirty);
    free(c->tcount);
    free(c->reach);
    free(c->flag);
    free(c->cell);
    free(c->home);
    free(c->counted);
    free(c->nval);
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
 * (pass 2 meets the cells in turn), then the references. */
typedef struct CellsBuild {
    RenderCellType *pool;
    int32_t *next, *head; /* by pool entry; by cell (-1: none) */
    int32_t npool, cappool, capnext;
    GcId (*tmp)[2]; /* references by the source's cell, then id */
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

/* What counting a placed card needs (card_place's): its place, its size (the ghost's box,
 * card_screen's, and the box crowded() counts), its centre, its type and
 * render_agg_kind, its value references (nval: set by the caller, read
 * when it is counted and alive), whether it is alive and whether it is
 * counted (not a beginner's hidden temporary). */
typedef struct CardRec {
    float wx, wy, mw, mh, cx, cy;
    int32_t cls; /* instances' class, else -1 */
    uint32_t nval;
    uint8_t kind, agg, alive, counted;
} CardRec;

/* Where a card is counted at key k (card_geo's centre): its home cell
 * (-1: not drawn: not alive, not a ghost of this statement, not placed),
 * what counting it needs and whether it would fade in. */
typedef struct CardPlace {
    const GcObject *o;
    int32_t ci;
    int unsure;
    CardRec r;
} CardPlace;

static int32_t card_place(const RenderCells *c, const GcHeap *h, const RenderCellsKey *k, GcId id,
                          CardPlace *p)
{
    p->ci = -1;
    if (id < 1 || id > c->n)
        return -1;
    const GcObject *o = gc_object(h, id);
    if (!o)
        return -1;
    int alive = o->state == GC_STATE_ALIVE;
    if (!alive && (o->state != GC_STATE_FREED || gc_died(h, id) < k->stmt_start))
        return -1;
    /* the layout's place and widths, kept by id with the grid */
    const RenderGeom *g = &c->geom[id];
    if (g->cell_w == 0)
        return -1;
    float wx = g->x, wy = g->y;
    uint32_t ns = gc_nslots(o);
    float aw, ah, cw, ch;
    layout_card_dims_of(o->kind, alive ? ns : 0, g->cell_w, g->card_w, &aw, &ah);
    if (alive)
        cw = aw, ch = ah;
    else
        layout_card_dims_of(o->kind, ns, g->cell_w, g->card_w, &cw, &ch);
    float cx = wx + aw * 0.5f, cy = wy + LAYOUT_TAG_H + (ah - LAYOUT_TAG_H) * 0.5f;
    int ix = (int)((cx - c->x0) / c->size), iy = (int)((cy - c->y0) / c->size);
    ix = ix < 0 ? 0 : ix >= c->gw ? c->gw - 1 : ix;
    iy = iy < 0 ? 0 : iy >= c->gh ? c->gh - 1 : iy;
    p->o = o;
    p->r = (CardRec){wx,
                     wy,
                     aw > cw ? aw : cw,
                     ah > ch ? ah : ch,
                     cx,
                     cy,
                     o->kind == GC_KIND_INSTANCE ? (int32_t)o->cls : -1,
                     0,
                     (uint8_t)o->kind,
                     (uint8_t)render_agg_kind(o),
                     (uint8_t)alive,
                     (uint8_t) !(k->beginner && render_is_temporary(h, id))};
    p->unsure = alive && gc_born(h, id) > k->cursor - 1;
    p->ci = iy * c->gw + ix;
    return p->ci;
}

/* One placed card (p, at home in cell ci) into its cell's counts, boxes
 * and types (its cell's list through b->head[bi]). */
static int card_count(RenderCells *c, CellsBuild *b, int32_t bi, int32_t ci, const CardRec *p,
                      GcId id, const uint8_t *reach)
{
    RenderCell *cell = &c->cell[ci];
    RenderCellRoom *room = &c->room[ci];
    if (!cell->ni)
        memcpy(cell->box, (float[4]){p->wx, p->wy, p->wx, p->wy}, sizeof cell->box);
    room->mw = p->mw > room->mw ? p->mw : room->mw;
    room->mh = p->mh > room->mh ? p->mh : room->mh;
    box_add(cell->box, p->wx, p->wy, p->wx + p->mw, p->wy + p->mh);
    cell->ni++;
    cell->crowd++;
    if (!p->counted)
        return 0;
    if (!cell->total)
        memcpy(cell->cbox, (float[4]){p->cx, p->cy, p->cx, p->cy}, sizeof cell->cbox);
    box_add(cell->cbox, p->cx, p->cy, p->cx, p->cy);
    cell->total++;
    cell->gen[p->agg]++;
    cell->unreach += reach && p->alive && !reach[id];
    c->nval[id] = p->alive ? p->nval : 0;
    cell->nval += c->nval[id];
    return type_add(b, bi, p->kind, p->cls, id);
}

/* Appends the references an alive card id holds (keys and values) to
 * ids 1..c->n to b->tmp, drawn or not (source_refs keeps those to drawn
 * cards); its value references (value_refs), or -1 on OOM. */
static int64_t held_refs(CellsBuild *b, const RenderCells *c, const GcObject *o, GcId id)
{
    uint32_t ns = o->kind == GC_KIND_WEAKREF ? 0 : gc_nslots(o), nval = 0;
    if (grow((void **)&b->tmp, &b->captmp, b->ntmp + 2 * (int32_t)ns + 1, sizeof *b->tmp) < 0)
        return -1;
    for (uint32_t s = 0; s < ns; s++)
        for (int kv = 0; kv < 2; kv++) {
            GcValue v = kv ? gc_slot(o, s).val : gc_slot(o, s).key;
            if (!GC_VAL_IS_OBJ(v))
                continue;
            nval += (uint32_t)kv;
            GcId to = (GcId)GC_VAL_PAYLOAD(v);
            if (to < 1 || to > c->n)
                continue;
            b->tmp[b->ntmp][0] = id;
            b->tmp[b->ntmp++][1] = to;
        }
    return nval;
}

/* How many references (keys and values) to ids 1..c->n an alive card
 * holds, drawn or not (*nto: cells_refs files those to drawn cards), and
 * its value references (value_refs). */
static uint32_t held_count(const RenderCells *c, const GcObject *o, uint32_t *nto)
{
    uint32_t ns = o->kind == GC_KIND_WEAKREF ? 0 : gc_nslots(o), nval = 0, n = 0;
    for (uint32_t s = 0; s < ns; s++) {
        GcSlot sl = gc_slot(o, s);
        if (GC_VAL_IS_OBJ(sl.key)) {
            GcId to = (GcId)GC_VAL_PAYLOAD(sl.key);
            n += to >= 1 && to <= c->n;
        }
        if (GC_VAL_IS_OBJ(sl.val)) {
            GcId to = (GcId)GC_VAL_PAYLOAD(sl.val);
            nval++;
            n += to >= 1 && to <= c->n;
        }
    }
    *nto = n;
    return nval;
}

/* One pass in id order (the records, slots and places of the heap read in
 * turn): each card's home cell, its cell's counts, boxes and types (the
 * grid merged to at most one cell per CELLS_IDS ids: the cells' counts
 * stay in the cache while the ids go by) and how many references to ids
 * 1..n the drawn cards of each cell hold (nto, by cell: room for those
 * cells_refs files).  The number of cards with a home, or -1 on OOM. */
static int32_t cells_home(RenderCells *c, CellsBuild *b, const GcHeap *h, const RenderCellsKey *k,
                          const uint8_t *reach, int32_t *nto)
{
    int32_t n = 0;
    for (GcId id = 1; id <= c->n; id++) {
        CardPlace p;
        c->home[id] = card_place(c, h, k, id, &p);
        if (p.ci < 0)
            continue;
        if (p.unsure) {
            c->flag[id] |= CELLS_UNSURE;
            c->nunsure++;
        }
        c->counted[id] = p.r.counted;
        if (p.r.counted && p.r.alive) {
            uint32_t m;
            p.r.nval = held_count(c, p.o, &m);
            nto[p.ci] += (int32_t)m;
        }
        if (card_count(c, b, p.ci, p.ci, &p.r, id, reach) < 0)
            return -1;
        n++;
    }
    return n;
}

/* The cards by home cell, ascending ids in each (c->ids: cell ci's from
 * its i0), nrec of them; at: room for a position per cell. */
static int cells_ids(RenderCells *c, int32_t nrec, int32_t *at)
{
    int32_t ncell = c->gw * c->gh;
    if (!c->ids) /* else render_cells_prepare's: room for every id */
        c->ids = malloc(((size_t)nrec + 1) * sizeof *c->ids);
    if (!c->ids)
        return -1;
    for (int32_t ci = 0, i = 0; ci < ncell; i += c->cell[ci++].ni)
        at[ci] = c->cell[ci].i0 = i;
    for (GcId id = 1; id <= c->n; id++)
        if (c->home[id] >= 0)
            c->ids[at[c->home[id]]++] = id;
    c->nids = c->capids = nrec;
    return 0;
}

/* Appends the references card id holds to drawn cards (keys and values,
 * from an alive card) to b->tmp. */
static int source_refs(CellsBuild *b, const RenderCells *c, const GcHeap *h, GcId id)
{
    const GcObject *o = gc_object(h, id);
    if (!c->counted[id] || o->state != GC_STATE_ALIVE)
        return 0;
    int32_t from = b->ntmp, k = from;
    if (held_refs(b, c, o, id) < 0)
        return -1;
    for (int32_t i = from; i < b->ntmp; i++) /* those to drawn cards */
        if (c->counted[b->tmp[i][1]]) {
            b->tmp[k][0] = b->tmp[i][0];
            b->tmp[k++][1] = b->tmp[i][1];
        }
    b->ntmp = k;
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

/* a[0 .. n) by target cell, stably (the order of the sources and of each
 * source's slots is kept), through b: the one of the two they end in.
 * One counting pass when the cells they go to span at most 4 n cells and
 * count has room for them (ncount), else least significant digits first,
 * RADIX_BITS at a time. */
static CellRef *radix_cells(CellRef *a, CellRef *b, int32_t n, int32_t *count, int32_t ncount)
{
    int32_t lo = a[0].to_cell, hi = lo;
    for (int32_t i = 1; i < n; i++) {
        lo = a[i].to_cell < lo ? a[i].to_cell : lo;
        hi = a[i].to_cell > hi ? a[i].to_cell : hi;
    }
    int64_t span = (int64_t)hi - lo + 1;
    int one = span < ncount && span <= 4 * (int64_t)n;
    int32_t mask = one ? -1 : RADIX - 1, nb = one ? (int32_t)span : RADIX;
    for (int shift = 0; shift == 0 || (!one && (hi - lo) >> shift); shift += RADIX_BITS) {
        memset(count, 0, ((size_t)nb + 1) * sizeof *count);
        for (int32_t i = 0; i < n; i++)
            count[(((a[i].to_cell - lo) >> shift) & mask) + 1]++;
        for (int32_t d = 0; d < nb; d++)
            count[d + 1] += count[d];
        for (int32_t i = 0; i < n; i++)
            b[count[((a[i].to_cell - lo) >> shift) & mask]++] = a[i];
        CellRef *x = a;
        a = b;
        b = x;
    }
    return a;
}

/* References a[0 .. n) by their target's cell, then source, then target
 * (equal keys are equal references), through tmp (n entries; count:
 * ncount, radix_cells's).  They come in source order; a cell holds a
 * few, sorted by insertion.  One list of 10^5 items (a tree built through
 * a list) holds 10^5: those are first put in order of target cell
 * (radix_cells), so that the insertion sort only orders targets of one
 * source in one cell (a few cards). */
static void cellrefs_sort(CellRef *a, int32_t n, CellRef *tmp, int32_t *count, int32_t ncount)
{
    if (n > RADIX_MIN) {
        CellRef *r = radix_cells(a, tmp, n, count, ncount);
        if (r != a)
            memcpy(a, r, (size_t)n * sizeof *a);
    }
    for (int32_t i = 1; i < n; i++) {
        CellRef x = a[i];
        int32_t j = i;
        while (j > 0) {
            const CellRef *p = &a[j - 1];
            if (p->to_cell < x.to_cell ||
                (p->to_cell == x.to_cell && (p->s < x.s || (p->s == x.s && p->t <= x.t))))
                break;
            a[j] = *p;
            j--;
        }
        a[j] = x;
    }
}

/* A cell's references (refs[r0 .. r0 + n)) in cellrefs_sort's order,
 * through tmp (2 n entries). */
static void refs_sort(const int32_t *home, GcId (*r)[2], int32_t n, CellRef *tmp)
{
    int32_t count[RADIX + 1];
    for (int32_t i = 0; i < n; i++)
        tmp[i] = (CellRef){home[r[i][1]], r[i][0], r[i][1]};
    cellrefs_sort(tmp, n, tmp + n, count, RADIX + 1);
    for (int32_t i = 0; i < n; i++) {
        r[i][0] = tmp[i].s;
        r[i][1] = tmp[i].t;
    }
}

/* The references the drawn cards hold to drawn cards (agg_edges's),
 * filed by the source's home cell in a second pass in id order: cell ci's
 * from at[ci] (room for nto[ci] of them, cells_home's), in source order
 * and each source's in slot order, up to at[ci] after. */
static void cells_refs(RenderCells *c, const GcHeap *h, int32_t *at)
{
    for (GcId id = 1; id <= c->n; id++) {
        if (!c->counted[id])
            continue;
        const GcObject *o = gc_object(h, id);
        if (o->state != GC_STATE_ALIVE || o->kind == GC_KIND_WEAKREF)
            continue;
        uint32_t ns = gc_nslots(o);
        int32_t *pos = &at[c->home[id]];
        for (uint32_t s = 0; s < ns; s++)
            for (int kv = 0; kv < 2; kv++) {
                GcValue v = kv ? gc_slot(o, s).val : gc_slot(o, s).key;
                if (!GC_VAL_IS_OBJ(v))
                    continue;
                GcId to = (GcId)GC_VAL_PAYLOAD(v);
                if (to < 1 || to > c->n || !c->counted[to])
                    continue;
                c->refs[*pos][0] = id;
                c->refs[(*pos)++][1] = to;
            }
    }
}

/* A cell's references from cell `to` (n of them, from refs[r0]) as its
 * last pair. */
static int pair_add(RenderCells *c, int32_t to, uint32_t n, int32_t r0)
{
    if (grow((void **)&c->pairs, &c->cappairs, c->npairs + 1, sizeof *c->pairs) < 0)
        return -1;
    c->pairs[c->npairs++] = (RenderCellPair){to, n, r0};
    return 0;
}

/* Cells with at least this many references (a big list's) are sorted by
 * one counting pass over the target cells, through 8 bytes a reference
 * instead of 24 (cellrefs_sort's two arrays of CellRef: memory the first
 * frame of F pays page by page). */
#define CELLS_BIG_REFS 1024

/* A big cell's references refs[from .. from + n) into refs[r0 ..) (r0 <=
 * from) in cellrefs_sort's order, and its pairs: counted by target cell
 * (count: ncell + 1 entries), spread in order of it through out (n
 * entries), and those of one target cell sorted by source and target
 * (they come by source, each source's in slot order). */
static int refs_big(RenderCells *c, int32_t from, int32_t n, int32_t r0, GcId (*out)[2],
                    int32_t *count)
{
    int32_t ncell = c->gw * c->gh;
    memset(count, 0, ((size_t)ncell + 1) * sizeof *count);
    for (int32_t r = from; r < from + n; r++)
        count[c->home[c->refs[r][1]] + 1]++;
    for (int32_t ci = 0; ci < ncell; ci++)
        count[ci + 1] += count[ci];
    for (int32_t r = from; r < from + n; r++) {
        int32_t to = c->home[c->refs[r][1]];
        memcpy(out[count[to]++], c->refs[r], sizeof *out);
    }
    /* count[ci]: the end of target cell ci's references */
    for (int32_t ci = 0, e0 = 0; ci < ncell; e0 = count[ci++]) {
        if (count[ci] == e0)
            continue;
        for (int32_t i = e0 + 1; i < count[ci]; i++) {
            GcId x0 = out[i][0], x1 = out[i][1];
            int32_t j = i;
            for (; j > e0 && (out[j - 1][0] > x0 || (out[j - 1][0] == x0 && out[j - 1][1] > x1));
                 j--)
                memcpy(out[j], out[j - 1], sizeof *out);
            out[j][0] = x0;
            out[j][1] = x1;
        }
        if (pair_add(c, ci, (uint32_t)(count[ci] - e0), r0 + e0) < 0)
            return -1;
    }
    memcpy(c->refs + r0, out, (size_t)n * sizeof *out);
    return 0;
}

/* Each cell's types from the pool, its references (cells_refs's, filed
 * from start[ci] up to at[ci]) sorted and grouped in pairs of cells, the
 * cells' references moved together at the array's start. */
static int cells_lists(RenderCells *c, CellsBuild *b, const int32_t *start, const int32_t *at)
{
    int32_t ncell = c->gw * c->gh, ncount = (ncell > RADIX ? ncell : RADIX) + 1;
    c->types = malloc(((size_t)b->npool + 1) * sizeof *c->types);
    int32_t *count = malloc((size_t)ncount * sizeof *count);
    CellRef *ent = NULL, *sorted = NULL;
    GcId(*big)[2] = NULL;
    int32_t cap = 0, capsorted = 0, capbig = 0, rc = count && c->types ? 0 : -1;
    for (int32_t i = 0; i < ncell && rc == 0; i++) {
        RenderCell *cell = &c->cell[i];
        /* its types (in any order: a block sorts its own) */
        cell->t0 = c->ntypes;
        for (int32_t t = b->head[i]; t >= 0; t = b->next[t])
            c->types[c->ntypes++] = b->pool[t];
        cell->nt = c->ntypes - cell->t0;
        /* the references its cards hold to drawn cards, by target cell,
         * source and target */
        int32_t n = at[i] - start[i], r0 = c->nrefs; /* r0 <= start[i] */
        cell->p0 = c->npairs;
        if (n >= CELLS_BIG_REFS) {
            if (grow((void **)&big, &capbig, n, sizeof *big) < 0 ||
                refs_big(c, start[i], n, r0, big, count) < 0)
                rc = -1;
        } else if (grow((void **)&ent, &cap, n, sizeof *ent) < 0 ||
                   grow((void **)&sorted, &capsorted, n, sizeof *sorted) < 0) {
            rc = -1;
        } else {
            for (int32_t r = 0; r < n; r++) {
                const GcId *ref = c->refs[start[i] + r];
                ent[r] = (CellRef){c->home[ref[1]], ref[0], ref[1]};
            }
            cellrefs_sort(ent, n, sorted, count, ncount);
            for (int32_t r = 0; r < n && rc == 0; r++) {
                c->refs[r0 + r][0] = ent[r].s;
                c->refs[r0 + r][1] = ent[r].t;
                if (r == 0 || ent[r].to_cell != ent[r - 1].to_cell)
                    rc = pair_add(c, ent[r].to_cell, 0, r0 + r);
                if (rc == 0)
                    c->pairs[c->npairs - 1].n++;
            }
        }
        c->nrefs += n;
        cell->np = c->npairs - cell->p0;
        RenderCellRoom *room = &c->room[i];
        room->icap = cell->ni;
        room->tcap = cell->nt;
        room->pcap = cell->np;
        room->r0 = r0;
        room->nr = room->rcap = n;
    }
    free(ent);
    free(sorted);
    free(big);
    free(count);
    c->captypes = c->ntypes;
    return rc;
}

/* Ids per cell the cells' grid is at least made for (CELLS_MIN cells at
 * the least), while it keeps CELLS_SIDE cells across and down. */
#define CELLS_IDS  16
#define CELLS_MIN  16
#define CELLS_SIDE 8

/* The cells' grid: the render cache's, its cells merged 2, 4, 8 ... at a
 * time across and down until there are at most one per CELLS_IDS ids of
 * the layout, or until merging again would leave fewer than CELLS_SIDE
 * across or down (a chain of 10^6 items is a strip 14 cells high: there
 * the cells across the blocks' borders would be half of them).  A frame
 * of the blocks view costs its cells in view (their sums, their pairs of
 * cells), and the cache's grid is made for a few cards a cell (at 10^6
 * cards, 211,000 cells: 11 ms a frame where 53,000 cost 4); the cards of
 * cells across the blocks' borders, counted one by one, grow with the
 * cells' size. */
static int cells_grid(RenderCache *rc, const Layout *l, float *x0, float *y0, float *size, int *gw,
                      int *gh)
{
    if (render_cache_grid(rc, l, x0, y0, size, gw, gh) < 0)
        return -1;
    int64_t most = (int64_t)layout_max_id(l) / CELLS_IDS;
    int f = 1;
    most = most < CELLS_MIN ? CELLS_MIN : most;
    while ((int64_t)((*gw + f - 1) / f) * ((*gh + f - 1) / f) > most &&
           (*gw < *gh ? *gw : *gh) / (2 * f) >= CELLS_SIDE)
        f *= 2;
    *size *= (float)f;
    *gw = (*gw + f - 1) / f;
    *gh = (*gh + f - 1) / f;
    return 0;
}

/* Cards from which the load allocates the cells' arrays
 * (render_cells_prepare): F shows blocks past 2,500 cards in view. */
#define CELLS_SPARE_MIN 2500

/* Writes a zero into every page of the zeroed array p (n bytes), so that
 * they are mapped now: a volatile store, which no compiler leaves out. */
static void touch_pages(void *p, size_t n)
{
    for (size_t i = 0; i < n; i += 4096)
        ((volatile char *)p)[i] = 0;
}

/* Cells for l's grid and ids with their arrays by cell and by id
 * allocated: zero (home: -1) with touch, else as calloc leaves them
 * (pages mapped when first written).  NULL on OOM. */
static RenderCells *cells_alloc(RenderCache *rc, const Layout *l, int touch)
{
    RenderCells *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    if (cells_grid(rc, l, &c->x0, &c->y0, &c->size, &c->gw, &c->gh) < 0) {
        free(c);
        return NULL;
    }
    c->cap = layout_max_id(l);
    size_t ncell = (size_t)c->gw * (size_t)c->gh, nid = (size_t)c->cap + 1;
    c->cell = calloc(ncell, sizeof *c->cell);
    c->room = calloc(ncell, sizeof *c->room);
    c->dirty = calloc(ncell, 1);
    c->block = malloc(ncell * sizeof *c->block);
    c->home = malloc(nid * sizeof *c->home);
    c->counted = calloc(nid, 1);
    c->nval = calloc(nid, sizeof *c->nval);
    c->flag = calloc(nid, 1);
    c->reach = malloc(nid);
    if (touch) {
        /* room for a reference per id (more are allocated when needed) */
        c->ids = malloc(nid * sizeof *c->ids);
        c->refs = malloc(nid * sizeof *c->refs);
        c->caprefs = (int32_t)nid;
    }
    if (!c->cell || !c->room || !c->dirty || !c->block || !c->home || !c->counted || !c->nval ||
        !c->flag || !c->reach || (touch && (!c->ids || !c->refs))) {
        render_cells_free(c);
        return NULL;
    }
    memset(c->home, 0xff, nid * sizeof *c->home);
    if (touch) {
        /* every page written now, not by the first frame of F (a memset
         * of zeros after calloc, or after malloc, which the compiler
         * makes a calloc, is left out: the pages stayed unmapped) */
        touch_pages(c->cell, ncell * sizeof *c->cell);
        touch_pages(c->room, ncell * sizeof *c->room);
        touch_pages(c->dirty, ncell);
        memset(c->block, 0xff, ncell * sizeof *c->block);
        touch_pages(c->counted, nid);
        touch_pages(c->nval, nid * sizeof *c->nval);
        touch_pages(c->flag, nid);
        memset(c->reach, 1, nid);
        memset(c->ids, 0, nid * sizeof *c->ids);
        touch_pages(c->ids, nid * sizeof *c->ids);
        touch_pages(c->refs, nid * sizeof *c->refs);
    }
    return c;
}

int render_cells_prepare(RenderCache *rc, const Layout *l)
{
    RenderCells **slot = render_cache_cells(rc);
    if (*slot || layout_max_id(l) < CELLS_SPARE_MIN)
        return 0;
    RenderCells *c = cells_alloc(rc, l, 1);
    if (!c)
        return -1;
    c->spare = 1;
    *slot = c;
    return 0;
}

/* The cells at key k, a pass over the heap, in spare's arrays when they
 * were made for l's grid and ids (render_cells_prepare's; else freed). */
static RenderCells *cells_build(RenderCache *rc, const GcHeap *h, const Layout *l,
                                const RenderCellsKey *k, const uint8_t *reach, RenderCells *spare)
{
    RenderCells *c = spare;
    if (c) {
        float x0, y0, size;
        int gw, gh;
        if (cells_grid(rc, l, &x0, &y0, &size, &gw, &gh) < 0 || x0 != c->x0 || y0 != c->y0 ||
            size != c->size || gw != c->gw || gh != c->gh || c->cap != layout_max_id(l)) {
            render_cells_free(c);
            c = NULL;
        }
    }
    if (!c && !(c = cells_alloc(rc, l, 0)))
        return NULL;
    c->spare = 0;
    if (!(c->geom = render_cache_geom(rc, l))) {
        render_cells_free(c);
        return NULL;
    }
    c->key = *k;
    c->n = k->maxid < c->cap ? k->maxid : c->cap;
    size_t ncell = (size_t)c->gw * (size_t)c->gh, nid = (size_t)c->cap + 1;
    /* the reachability counted: reach[1 .. n] (1 throughout without one) */
    c->has_reach = reach != NULL;
    if (!spare)
        memset(c->reach, 1, nid);
    if (reach)
        memcpy(c->reach + 1, reach + 1, (size_t)c->n);
    CellsBuild b;
    memset(&b, 0, sizeof b);
    b.head = malloc(ncell * sizeof *b.head);
    int32_t *start = malloc((ncell + 1) * sizeof *start), *at = calloc(ncell + 1, sizeof *at);
    if (b.head)
        memset(b.head, 0xff, ncell * sizeof *b.head);
    int ok = b.head && start && at;
    if (ok) {
        int32_t nrec = cells_home(c, &b, h, k, reach, at);
        ok = nrec >= 0 && cells_ids(c, nrec, start) == 0;
        /* each cell's room for its references */
        int64_t nto = 0;
        for (size_t i = 0; i < ncell; i++) {
            int32_t m = at[i];
            start[i] = at[i] = (int32_t)nto;
            nto += m;
        }
        if (ok && nto < INT32_MAX && (!c->refs || c->caprefs < nto + 1)) {
            /* else render_cells_prepare's, mapped at the load */
            free(c->refs);
            c->caprefs = (int32_t)nto + 1;
            c->refs = malloc(((size_t)nto + 1) * sizeof *c->refs);
        }
        ok = ok && nto < INT32_MAX && c->refs;
        if (ok)
            cells_refs(c, h, at);
        ok = ok && cells_lists(c, &b, start, at) == 0;
    }
    if (!ok) {
        render_cells_free(c);
        c = NULL;
    }
    free(start);
    free(at);
    free(b.head);
    free(b.next);
    free(b.pool);
    free(b.tmp);
    if (!c)
        return NULL;
    c->unsure = c->nunsure > 0;
    for (size_t i = 0; i < ncell; i++) {
        c->maxw = c->room[i].mw > c->maxw ? c->room[i].mw : c->maxw;
        c->maxh = c->room[i].mh > c->maxh ? c->room[i].mh : c->maxh;
    }
    return c;
}

/* ---- moving the cells to another cursor ------------------------------------------ */

/* A changed card: its home cell before and after (-1: none). */
typedef struct CellMove {
    int32_t to;
    GcId id;
    int32_t from;
} CellMove;

/* A slot written between the cursors, its values as the move sees them
 * (gc_history_slots): a key (what 1) or a value (what 0). */
typedef struct SlotWrite {
    GcId id;
    int32_t what;
    GcValue before, after;
} SlotWrite;

/* What a move keeps while it runs, and for the next. */
typedef struct CellsMove {
    RenderCells *c;
    GcId *ids; /* the changed ids (flag CELLS_SEEN), once each */
    int32_t nids, capids;
    int32_t *dirty; /* the cells to count again (c->dirty) */
    int32_t ndirty, capdirty;
    int oom;
    /* one cell counted again: its cards, its types (b.head[0]) and
     * references (b.tmp), its pairs, room to sort */
    GcId *cards;
    int32_t capcards;
    CellsBuild b;
    RenderCellPair *pairs;
    int32_t cappairs;
    RenderCellType *types;
    int32_t captypes;
    CellRef *sorted;
    int32_t capsorted;
    int widest; /* a cell counted again held the widest or highest card */
    int moved;  /* a drawn card changed cell (CELLS_MOVED) */
    /* a big cell's references merged (refs_merge): which of its old ones
     * stay, those kept in order, those to sort in */
    uint8_t *keep;
    int32_t capkeep;
    GcId (*kept)[2], (*added)[2];
    int32_t capkept, capadded;
    struct CellMove *mv; /* the changed cards' homes */
    int32_t capmv;
    /* the slots written between the cursors that held or hold a
     * reference, by id once sorted */
    SlotWrite *sw;
    int32_t nsw, capsw;
} CellsMove;

/* The buffers a move keeps for the next (a big cell's references are
 * not allocated and touched afresh at each step). */
static void move_free(CellsMove *m)
{
    if (!m)
        return;
    free(m->ids);
    free(m->dirty);
    free(m->cards);
    free(m->b.head);
    free(m->b.next);
    free(m->b.pool);
    free(m->b.tmp);
    free(m->pairs);
    free(m->types);
    free(m->sorted);
    free(m->keep);
    free(m->kept);
    free(m->added);
    free(m->mv);
    free(m->sw);
    free(m);
}

static void move_changed(void *arg, GcId id)
{
    CellsMove *m = arg;
    RenderCells *c = m->c;
    if (id < 1 || id > c->cap || (c->flag[id] & CELLS_SEEN))
        return;
    if (grow((void **)&m->ids, &m->capids, m->nids + 1, sizeof *m->ids) < 0) {
        m->oom = 1;
        return;
    }
    c->flag[id] |= CELLS_SEEN;
    m->ids[m->nids++] = id;
}

/* gc_history_slots's visit: the cards whose slots or slot count changed
 * (CELLS_SLOTS) and the writes of references among them, those whose
 * record changed besides (CELLS_FULL).  Every such card is among the
 * changed ids. */
static void move_slot(void *arg, GcId id, int what, GcValue before, GcValue after)
{
    CellsMove *m = arg;
    RenderCells *c = m->c;
    if (id < 1 || id > c->cap)
        return;
    if (what < 0) {
        c->flag[id] |= CELLS_FULL;
        return;
    }
    c->flag[id] |= CELLS_SLOTS;
    if (what > 1 || before == after || (!GC_VAL_IS_OBJ(before) && !GC_VAL_IS_OBJ(after)))
        return;
    if (grow((void **)&m->sw, &m->capsw, m->nsw + 1, sizeof *m->sw) < 0) {
        m->oom = 1;
        return;
    }
    m->sw[m->nsw++] = (SlotWrite){id, what, before, after};
}

static int cmp_slot(const void *a, const void *b)
{
    const SlotWrite *x = a, *y = b;
    return (x->id > y->id) - (x->id < y->id);
}

/* id's slot writes: m->sw[*i0 .. *i1) (sorted by id). */
static void slot_range(const CellsMove *m, GcId id, int32_t *i0, int32_t *i1)
{
    int32_t lo = 0, hi = m->nsw;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (m->sw[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    *i0 = lo;
    while (hi < m->nsw && m->sw[hi].id == id)
        hi++;
    *i1 = hi;
}

/* The card slot write m->sw[i] took away (after: 0) or put in (1); 0 if
 * none, or not one of the cells' ids. */
static GcId written_target(const CellsMove *m, int32_t i, int after)
{
    GcValue v = after ? m->sw[i].after : m->sw[i].before;
    GcId t = GC_VAL_IS_OBJ(v) ? GC_VAL_ID(v) : 0;
    return t >= 1 && t <= m->c->cap ? t : 0;
}

/* id's slot writes m->sw[*i0 .. *i1), their targets counted by target in
 * tcount: +1 for what a slot holds after, -1 for what it held before. */
static void written_targets(CellsMove *m, GcId id, int32_t *i0, int32_t *i1)
{
    slot_range(m, id, i0, i1);
    for (int32_t i = *i0; i < *i1; i++)
        for (int after = 0; after < 2; after++) {
            GcId t = written_target(m, i, after);
            if (t)
                m->c->tcount[t] += after ? 1 : -1;
        }
}

/* A card's value references at the new cursor (CardRec's nval): the
 * old count for a card not changed, with its values' changes for one
 * whose slots alone changed, else -1 (counted again). */
static int64_t card_values(const CellsMove *m, GcId id)
{
    const RenderCells *c = m->c;
    if (!(c->flag[id] & CELLS_SEEN))
        return c->nval[id];
    if (!(c->flag[id] & CELLS_PATCH))
        return -1;
    int32_t i0, i1;
    slot_range(m, id, &i0, &i1);
    int64_t n = c->nval[id];
    for (int32_t i = i0; i < i1; i++)
        if (m->sw[i].what == 0)
            n += GC_VAL_IS_OBJ(m->sw[i].after) - GC_VAL_IS_OBJ(m->sw[i].before);
    return n;
}

static void move_dirty(CellsMove *m, int32_t ci)
{
    if (ci < 0 || m->c->dirty[ci])
        return;
    if (grow((void **)&m->dirty, &m->capdirty, m->ndirty + 1, sizeof *m->dirty) < 0) {
        m->oom = 1;
        return;
    }
    m->c->dirty[ci] = 1;
    m->dirty[m->ndirty++] = ci;
}

static int cmp_move(const void *a, const void *b)
{
    const CellMove *x = a, *y = b;
    if (x->to != y->to)
        return (x->to > y->to) - (x->to < y->to);
    return (x->id > y->id) - (x->id < y->id);
}

static int cmp_int(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* n elements of size bytes from src into a cell's part of *arr, at *at
 * while they fit its *room, else at the end (*end, *cap grown), the room
 * left behind counted in c->waste. */
static int room_put(RenderCells *c, void **arr, int32_t *end, int32_t *cap, int32_t *at,
                    int32_t *room, const void *src, int32_t n, size_t size)
{
    if (n > *room) {
        /* with room to grow (a list appended to at every step) */
        int32_t r = n + n / 8 + 4;
        if (grow(arr, cap, *end + r, size) < 0)
            return -1;
        c->waste += *room;
        *at = *end;
        *room = r;
        *end += r;
    }
    if (n)
        memcpy((char *)*arr + (size_t)*at * size, src, (size_t)n * size);
    return 0;
}

/* Cells with at least this many references are merged (refs_merge) when
 * at most CELLS_MERGE_SOURCES of their cards changed. */
#define CELLS_MERGE_MIN     32
#define CELLS_MERGE_SOURCES 4

static int ref_less(const int32_t *home, const GcId a[2], const GcId b[2])
{
    int32_t ha = home[a[1]], hb = home[b[1]];
    return ha != hb ? ha < hb : a[0] != b[0] ? a[0] < b[0] : a[1] < b[1];
}

static int grow_ref(GcId (**r)[2], int32_t *cap, int32_t need)
{
    return grow((void **)r, cap, need, sizeof **r);
}

/* Source s's references in cell ci moved slot by slot (s is
 * CELLS_PATCH: only its slots changed, it stayed in ci): the written
 * slots' references before and after are counted by target (c->tcount,
 * after less before), as many of its old references to a target as it
 * lost are dropped (m->keep[j] 0, the others 1), as many as it gained
 * are added to m->added (when drawn).  So a list of 10^6 items appended
 * to costs what was written, not a pass over its items.  0, or -1 on
 * OOM. */
static int refs_patch(CellsMove *m, int32_t ci, GcId s, int32_t *na)
{
    RenderCells *c = m->c;
    const RenderCellRoom *room = &c->room[ci];
    int32_t i0, i1;
    written_targets(m, s, &i0, &i1);
    const GcId(*l)[2] = c->refs + room->r0;
    for (int32_t j = 0; j < room->nr; j++)
        if (l[j][0] == s) {
            if (c->tcount[l[j][1]] < 0)
                c->tcount[l[j][1]]++;
            else
                m->keep[j] = 1;
        }
    for (int32_t i = i0; i < i1; i++)
        for (int after = 0; after < 2; after++) {
            GcId t = written_target(m, i, after);
            if (!t)
                continue;
            for (; c->tcount[t] > 0 && t <= c->n && c->counted[t]; c->tcount[t]--) {
                if (grow_ref(&m->added, &m->capadded, *na + 1) < 0)
                    return -1;
                m->added[*na][0] = s;
                m->added[(*na)++][1] = t;
            }
            c->tcount[t] = 0;
        }
    c->patches++;
    return 0;
}

/* Cell ci's references at the new cursor into m->b.tmp, in refs_sort's
 * order, from its old ones (a list of 10^5 items at home there is not
 * sorted again when one item is appended): those of the cards that did
 * not change stay where they are, a changed card's stay as far as it
 * still holds them (counted by target: m->c->tcount), and only the
 * others and those to a card that changed cell are sorted and merged in.
 * The number of references, -2 when more cards changed than
 * CELLS_MERGE_SOURCES, -1 on OOM. */
static int32_t refs_merge(CellsMove *m, const GcHeap *h, int32_t ci, const GcId *ids, int32_t n)
{
    RenderCells *c = m->c;
    const RenderCellRoom *room = &c->room[ci];
    GcId seen[CELLS_MERGE_SOURCES];
    int nseen = 0;
    for (int32_t i = 0; i < n; i++)
        if (c->flag[ids[i]] & CELLS_SEEN) {
            if (nseen == CELLS_MERGE_SOURCES)
                return -2;
            seen[nseen++] = ids[i];
        }
    int32_t nl = room->nr, nk = 0, na = 0;
    if (!c->tcount && !(c->tcount = calloc((size_t)c->cap + 1, sizeof *c->tcount)))
        return -1;
    if (grow((void **)&m->keep, &m->capkeep, nl + 1, 1) < 0 ||
        grow_ref(&m->kept, &m->capkept, nl + 1) < 0)
        return -1;
    memset(m->keep, 0, (size_t)nl);
    for (int i = 0; i < nseen; i++) {
        GcId s = seen[i];
        if (c->flag[s] & CELLS_PATCH) {
            if (refs_patch(m, ci, s, &na) < 0)
                return -1;
            continue;
        }
        m->b.ntmp = 0;
        if (source_refs(&m->b, c, h, s) < 0)
            return -1;
        for (int32_t r = 0; r < m->b.ntmp; r++)
            c->tcount[m->b.tmp[r][1]]++;
        /* c->refs moves only when written (after this) */
        const GcId(*l)[2] = c->refs + room->r0;
        for (int32_t j = 0; j < nl; j++)
            if (l[j][0] == s && c->tcount[l[j][1]] > 0) {
                c->tcount[l[j][1]]--;
                m->keep[j] = 1;
            }
        for (int32_t r = 0; r < m->b.ntmp; r++) {
            GcId t = m->b.tmp[r][1];
            if (c->tcount[t] <= 0)
                continue;
            c->tcount[t]--;
            if (grow_ref(&m->added, &m->capadded, na + 1) < 0)
                return -1;
            m->added[na][0] = s;
            m->added[na++][1] = t;
        }
    }
    const GcId(*l)[2] = c->refs + room->r0;
    for (int32_t j = 0; j < nl; j++) {
        GcId s = l[j][0], t = l[j][1];
        if ((c->flag[s] & CELLS_SEEN) && !m->keep[j])
            continue; /* no longer held, or its card left the cell */
        if (c->flag[t] & CELLS_MOVED) {
            if (grow_ref(&m->added, &m->capadded, na + 1) < 0)
                return -1;
            m->added[na][0] = s;
            m->added[na++][1] = t;
            continue;
        }
        m->kept[nk][0] = s;
        m->kept[nk++][1] = t;
    }
    if (grow((void **)&m->sorted, &m->capsorted, 2 * na + 1, sizeof *m->sorted) < 0)
        return -1;
    refs_sort(c->home, m->added, na, m->sorted);
    if (grow_ref(&m->b.tmp, &m->b.captmp, nk + na + 1) < 0)
        return -1;
    int32_t a = 0, b = 0, o = 0;
    while (a < nk || b < na) {
        int from_kept = b >= na || (a < nk && !ref_less(c->home, m->added[b], m->kept[a]));
        const GcId *r = from_kept ? m->kept[a++] : m->added[b++];
        m->b.tmp[o][0] = r[0];
        m->b.tmp[o++][1] = r[1];
    }
    m->b.ntmp = o;
    return o;
}

/* Where cell ci's pair to cell `to` is among its pairs[p0 .. p0 + np)
 * (*found), or would go (ascending targets). */
static int32_t pair_find(const RenderCells *c, int32_t p0, int32_t np, int32_t to, int *found)
{
    int32_t lo = 0, hi = np;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (c->pairs[p0 + mid].to < to)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = lo < np && c->pairs[p0 + lo].to == to;
    return lo;
}

/* Reference (s, t) dropped from (add 0) or filed in (add 1) cell ci's
 * references and pairs where they are (*p0, *np; refs_sort's order
 * kept), the cell moved to the arrays' ends when it has no room left.
 * A reference not filed is not dropped.  0, or -1 on OOM. */
static int ref_edit(CellsMove *m, int32_t ci, int32_t *p0, int32_t *np, GcId s, GcId t, int add)
{
    RenderCells *c = m->c;
    RenderCellRoom *room = &c->room[ci];
    int found;
    int32_t p = pair_find(c, *p0, *np, c->home[t], &found);
    if (!add) {
        /* under the target's cell, else (a target no longer drawn: filed
         * under the cell it had) anywhere in the cell */
        int32_t r = found ? c->pairs[*p0 + p].r0 : room->r0;
        int32_t e = found ? r + (int32_t)c->pairs[*p0 + p].n : r;
        while (r < e && !(c->refs[r][0] == s && c->refs[r][1] == t))
            r++;
        if (r == e) {
            for (r = room->r0, e = r + room->nr; r < e; r++)
                if (c->refs[r][0] == s && c->refs[r][1] == t)
                    break;
            if (r == e)
                return 0;
            for (p = 0; c->pairs[*p0 + p].r0 + (int32_t)c->pairs[*p0 + p].n <= r; p++)
                ;
        }
        RenderCellPair *pr = &c->pairs[*p0 + p];
        memmove(&c->refs[r], &c->refs[r + 1],
                (size_t)(room->r0 + room->nr - r - 1) * sizeof *c->refs);
        room->nr--;
        for (int32_t q = *p0 + p + 1; q < *p0 + *np; q++)
            c->pairs[q].r0--;
        if (--pr->n == 0) {
            memmove(pr, pr + 1, (size_t)(*np - p - 1) * sizeof *pr);
            (*np)--;
        }
        return 0;
    }
    if (room->nr + 1 > room->rcap) {
        /* through m->b.tmp: room_put may move c->refs */
        int32_t was = room->r0;
        if (grow_ref(&m->b.tmp, &m->b.captmp, room->nr + 1) < 0)
            return -1;
        memcpy(m->b.tmp, c->refs + room->r0, (size_t)room->nr * sizeof *c->refs);
        if (room_put(c, (void **)&c->refs, &c->nrefs, &c->caprefs, &room->r0, &room->rcap, m->b.tmp,
                     room->nr + 1, sizeof *c->refs) < 0)
            return -1;
        for (int32_t q = *p0; q < *p0 + *np; q++)
            c->pairs[q].r0 += room->r0 - was;
    }
    if (!found && *np + 1 > room->pcap) {
        if (grow((void **)&m->pairs, &m->cappairs, *np + 1, sizeof *m->pairs) < 0)
            return -1;
        memcpy(m->pairs, c->pairs + *p0, (size_t)*np * sizeof *c->pairs);
        if (room_put(c, (void **)&c->pairs, &c->npairs, &c->cappairs, p0, &room->pcap, m->pairs,
                     *np + 1, sizeof *c->pairs) < 0)
            return -1;
    }
    if (!found) {
        RenderCellPair *pr = &c->pairs[*p0 + p];
        int32_t at = p < *np ? pr->r0 : room->r0 + room->nr;
        memmove(pr + 1, pr, (size_t)(*np - p) * sizeof *pr);
        *pr = (RenderCellPair){c->home[t], 0, at};
        (*np)++;
    }
    RenderCellPair *pr = &c->pairs[*p0 + p];
    int32_t r = pr->r0, e = pr->r0 + (int32_t)pr->n;
    while (r < e && (c->refs[r][0] < s || (c->refs[r][0] == s && c->refs[r][1] <= t)))
        r++;
    memmove(&c->refs[r + 1], &c->refs[r], (size_t)(room->r0 + room->nr - r) * sizeof *c->refs);
    c->refs[r][0] = s;
    c->refs[r][1] = t;
    room->nr++;
    pr->n++;
    for (int32_t q = *p0 + p + 1; q < *p0 + *np; q++)
        c->pairs[q].r0++;
    return 0;
}

/* Whether cell ci's references can be edited where they are: no drawn
 * card changed cell, and every changed card it held (was) or holds
 * (ids[0 .. n)) changed its slots alone (CELLS_PATCH). */
static int cell_patchable(const CellsMove *m, const RenderCell *was, const GcId *ids, int32_t n)
{
    const RenderCells *c = m->c;
    if (m->moved)
        return 0;
    for (int32_t i = 0; i < n; i++)
        if ((c->flag[ids[i]] & (CELLS_SEEN | CELLS_PATCH)) == CELLS_SEEN)
            return 0;
    for (int32_t i = was->i0; i < was->i0 + was->ni; i++)
        if ((c->flag[c->ids[i]] & (CELLS_SEEN | CELLS_PATCH)) == CELLS_SEEN)
            return 0;
    return 1;
}

/* Source s's references in cell ci edited where they are (s is
 * CELLS_PATCH): what its written slots held before and hold now, counted
 * by target as refs_patch counts them.  A list of 10^6 items appended to
 * costs a few moves of its cell's references, not passes over them.  0,
 * or -1 on OOM. */
static int refs_in_place(CellsMove *m, int32_t ci, GcId s, int32_t *p0, int32_t *np)
{
    RenderCells *c = m->c;
    int32_t i0, i1;
    written_targets(m, s, &i0, &i1);
    for (int32_t i = i0; i < i1; i++)
        for (int after = 0; after < 2; after++) {
            GcId t = written_target(m, i, after);
            if (!t)
                continue;
            for (; c->tcount[t] < 0; c->tcount[t]++)
                if (ref_edit(m, ci, p0, np, s, t, 0) < 0)
                    return -1;
            for (; c->tcount[t] > 0 && t <= c->n && c->counted[t]; c->tcount[t]--)
                if (ref_edit(m, ci, p0, np, s, t, 1) < 0)
                    return -1;
            c->tcount[t] = 0;
        }
    c->patches++;
    return 0;
}

/* The end of cell_fill: cell ci's cards ids[0 .. n), its types (in
 * cells_lists's order: the list from its head), its pairs at
 * pairs[p0 .. p0 + np) and whether it held the only widest or highest
 * card (was: the cell before). */
static int cell_finish(CellsMove *m, int32_t ci, const RenderCell *was, float was_w, float was_h,
                       const GcId *ids, int32_t n, int32_t p0, int32_t np)
{
    RenderCells *c = m->c;
    RenderCell *cell = &c->cell[ci];
    RenderCellRoom *room = &c->room[ci];
    int32_t nt = 0;
    for (int32_t t = m->b.head[0]; t >= 0; t = m->b.next[t]) {
        if (grow((void **)&m->types, &m->captypes, nt + 1, sizeof *m->types) < 0)
            return -1;
        m->types[nt++] = m->b.pool[t];
    }
    cell->i0 = was->i0;
    cell->t0 = was->t0;
    cell->p0 = p0;
    if (room_put(c, (void **)&c->ids, &c->nids, &c->capids, &cell->i0, &room->icap, ids, n,
                 sizeof *c->ids) < 0 ||
        room_put(c, (void **)&c->types, &c->ntypes, &c->captypes, &cell->t0, &room->tcap, m->types,
                 nt, sizeof *c->types) < 0)
        return -1;
    cell->ni = n;
    cell->nt = nt;
    cell->np = np;
    /* it may have held the only widest or highest card */
    m->widest |= (was_w >= c->maxw && room->mw < was_w) || (was_h >= c->maxh && room->mh < was_h);
    return 0;
}

/* Cell ci counted again from its cards ids[0 .. n) (ascending), as
 * cells_home counts it. */
static int cell_fill(CellsMove *m, const GcHeap *h, const RenderCellsKey *k, const uint8_t *reach,
                     int32_t ci, const GcId *ids, int32_t n)
{
    RenderCells *c = m->c;
    RenderCell *cell = &c->cell[ci];
    RenderCellRoom *room = &c->room[ci];
    RenderCell was = *cell;
    float was_w = room->mw, was_h = room->mh;
    memset(cell, 0, sizeof *cell);
    room->mw = room->mh = 0;
    m->b.npool = m->b.ntmp = 0;
    m->b.head[0] = -1;
    for (int32_t i = 0; i < n; i++) {
        CardPlace p;
        card_place(c, h, k, ids[i], &p);
        int64_t nv = p.r.counted ? card_values(m, ids[i]) : 0;
        p.r.nval = nv >= 0 ? (uint32_t)nv : p.r.alive ? value_refs(p.o) : 0;
        if (card_count(c, &m->b, 0, p.ci, &p.r, ids[i], reach) < 0)
            return -1;
    }
    if (room->nr >= CELLS_MERGE_MIN && cell_patchable(m, &was, ids, n)) {
        /* its references edited where they are */
        int32_t p0 = was.p0, np = was.np;
        if (!c->tcount && !(c->tcount = calloc((size_t)c->cap + 1, sizeof *c->tcount)))
            return -1;
        for (int32_t i = 0; i < n; i++)
            if ((c->flag[ids[i]] & CELLS_PATCH) && refs_in_place(m, ci, ids[i], &p0, &np) < 0)
                return -1;
        return cell_finish(m, ci, &was, was_w, was_h, ids, n, p0, np);
    }
    /* its references, as cells_lists files them, sorted as refs_sort */
    int32_t nr = room->nr >= CELLS_MERGE_MIN ? refs_merge(m, h, ci, ids, n) : -2, np = 0;
    if (nr == -1)
        return -1;
    if (nr == -2) {
        m->b.ntmp = 0;
        for (int32_t i = 0; i < n; i++)
            if (source_refs(&m->b, c, h, ids[i]) < 0)
                return -1;
        nr = m->b.ntmp;
        if (grow((void **)&m->sorted, &m->capsorted, 2 * nr + 1, sizeof *m->sorted) < 0)
            return -1;
        refs_sort(c->home, m->b.tmp, nr, m->sorted);
    }
    for (int32_t r = 0; r < nr; r++) {
        int32_t to = c->home[m->b.tmp[r][1]];
        if (r == 0 || to != c->home[m->b.tmp[r - 1][1]]) {
            if (grow((void **)&m->pairs, &m->cappairs, np + 1, sizeof *m->pairs) < 0)
                return -1;
            m->pairs[np++] = (RenderCellPair){to, 0, r};
        }
        m->pairs[np - 1].n++;
    }
    cell->p0 = was.p0;
    if (room_put(c, (void **)&c->refs, &c->nrefs, &c->caprefs, &room->r0, &room->rcap, m->b.tmp, nr,
                 sizeof *c->refs) < 0)
        return -1;
    room->nr = nr;
    for (int32_t i = 0; i < np; i++)
        m->pairs[i].r0 += room->r0;
    if (room_put(c, (void **)&c->pairs, &c->npairs, &c->cappairs, &cell->p0, &room->pcap, m->pairs,
                 np, sizeof *c->pairs) < 0)
        return -1;
    return cell_finish(m, ci, &was, was_w, was_h, ids, n, cell->p0, np);
}

/* The changed cards' new homes (mv[i], flags), their cells and those of
 * references to a card that changed cell marked dirty; 0, or -1 on OOM. */
static int move_homes(CellsMove *m, CellMove *mv, const GcHeap *h, const RenderCellsKey *k)
{
    RenderCells *c = m->c;
    int moved = 0;
    for (int32_t i = 0; i < m->nids; i++) {
        GcId id = m->ids[i];
        int32_t from = c->home[id];
        int was = c->counted[id];
        CardPlace p;
        int32_t to = card_place(c, h, k, id, &p);
        /* only its slots changed, and it stays drawn in its cell: its
         * references and values move slot by slot (refs_patch) */
        if ((c->flag[id] & (CELLS_SLOTS | CELLS_FULL)) == CELLS_SLOTS && from >= 0 && to == from &&
            was && p.r.counted && p.r.alive && p.o->kind != GC_KIND_WEAKREF)
            c->flag[id] |= CELLS_PATCH;
        c->home[id] = to;
        c->counted[id] = (uint8_t)(to >= 0 && p.r.counted);
        int u = to >= 0 && p.unsure;
        c->nunsure += u - !!(c->flag[id] & CELLS_UNSURE);
        c->flag[id] = (uint8_t)((c->flag[id] & ~CELLS_UNSURE) | (u ? CELLS_UNSURE : 0));
        mv[i] = (CellMove){to, id, from};
        /* written only in the event before the cursors (gc_history_changed
         * looks one event further for births and deaths) or only its
         * counts and links: the same card in the same cell, counted as
         * before (it is no longer among the changed) */
        if (!(c->flag[id] & (CELLS_SLOTS | CELLS_FULL | CELLS_REACHED)) && to == from &&
            was == c->counted[id]) {
            c->flag[id] &= (uint8_t)~CELLS_SEEN;
            continue;
        }
        move_dirty(m, from);
        move_dirty(m, to);
        /* a drawn card in another cell: the references to it are filed
         * under its new cell.  (A card drawn or no longer drawn had none:
         * a reference to it is written, or unwritten, at the same step.) */
        if (from >= 0 && to >= 0 && from != to && was && c->counted[id]) {
            c->flag[id] |= CELLS_MOVED;
            moved = 1;
        }
    }
    m->moved = moved;
    if (moved) {
        int32_t ncell = c->gw * c->gh;
        for (int32_t ci = 0; ci < ncell; ci++) {
            const RenderCellRoom *room = &c->room[ci];
            if (c->dirty[ci])
                continue;
            for (int32_t r = room->r0; r < room->r0 + room->nr; r++)
                if (c->flag[c->refs[r][1]] & CELLS_MOVED) {
                    move_dirty(m, ci);
                    break;
                }
        }
    }
    return m->oom ? -1 : 0;
}

/* Each dirty cell counted again: its cards are those it had that still
 * are at home in it and the changed ones that came (mv sorted by new
 * home). */
static int move_cells(CellsMove *m, CellMove *mv, const GcHeap *h, const RenderCellsKey *k,
                      const uint8_t *reach)
{
    RenderCells *c = m->c;
    if (m->nids > 1)
        qsort(mv, (size_t)m->nids, sizeof *mv, cmp_move);
    if (m->ndirty > 1)
        qsort(m->dirty, (size_t)m->ndirty, sizeof *m->dirty, cmp_int);
    int32_t j = 0;
    for (int32_t d = 0; d < m->ndirty; d++) {
        int32_t ci = m->dirty[d];
        const RenderCell *cell = &c->cell[ci];
        while (j < m->nids && mv[j].to < ci)
            j++;
        int32_t j1 = j;
        while (j1 < m->nids && mv[j1].to == ci)
            j1++;
        if (grow((void **)&m->cards, &m->capcards, cell->ni + (j1 - j) + 1, sizeof *m->cards) < 0)
            return -1;
        /* merge: the cards still at home (ascending) and those that came */
        int32_t n = 0, a = cell->i0, ae = cell->i0 + cell->ni, b = j;
        for (;;) {
            while (a < ae && c->home[c->ids[a]] != ci)
                a++;
            while (b < j1 && mv[b].from == ci)
                b++;
            if (a >= ae && b >= j1)
                break;
            if (b >= j1 || (a < ae && c->ids[a] < mv[b].id))
                m->cards[n++] = c->ids[a++];
            else
                m->cards[n++] = mv[b++].id;
        }
        j = j1;
        /* cell_fill writes c->ids: the cards are copied out first */
        if (cell_fill(m, h, k, reach, ci, m->cards, n) < 0)
            return -1;
    }
    return 0;
}

/* The cells moved from their key to k (a step, a jump back or forth):
 * 1 done, 0 not worth it or not possible (another heap, layout, history
 * or view; a step that wrote more than a quarter as many places as there
 * are cards), -1 on OOM (the cells are then to be freed). */
static int cells_move(RenderCells *c, RenderCache *rc, const GcHeap *h, const Layout *l,
                      const RenderCellsKey *k, const uint8_t *reach)
{
    const RenderCellsKey *o = &c->key;
    float x0, y0, size;
    int gw, gh;
    if (o->h != k->h || o->l != k->l || o->version != k->version || o->nevents != k->nevents ||
        o->beginner != k->beginner || layout_max_id(l) != c->cap ||
        (reach != NULL) != c->has_reach ||
        c->waste > (int64_t)c->nids + c->ntypes + c->npairs + c->nrefs + 4096)
        return 0;
    if (cells_grid(rc, l, &x0, &y0, &size, &gw, &gh) < 0)
        return -1;
    if (x0 != c->x0 || y0 != c->y0 || size != c->size || gw != c->gw || gh != c->gh)
        return 0;
    if (!(c->geom = render_cache_geom(rc, l)))
        return -1;
    if (!c->move && !(c->move = calloc(1, sizeof *c->move)))
        return -1;
    if (!c->recounted && !(c->recounted = calloc((size_t)gw * (size_t)gh, sizeof *c->recounted)))
        return -1;
    CellsMove *m = c->move;
    m->c = c;
    m->nids = m->ndirty = m->nsw = 0;
    m->oom = m->widest = 0;
    int64_t limit = c->cap / 4 + 1024;
    /* the cards the writes between the cursors changed, and the ghosts
     * of the statements in between (freed before one cursor, drawn at the
     * other's statement).  An object's birth and death are written in
     * the event before the one they name (gc_born, gc_died): from one
     * event before, so that a card born at the event before a cursor
     * (which fades in) and a ghost that died at a statement's start are
     * among them. */
    int32_t lo = o->cursor < k->cursor ? o->cursor : k->cursor;
    int32_t hi = o->cursor < k->cursor ? k->cursor : o->cursor;
    int64_t w = gc_history_changed(h, lo - 1, hi, limit, move_changed, m);
    if (w <= limit && o->stmt_start != k->stmt_start) {
        lo = o->stmt_start < k->stmt_start ? o->stmt_start : k->stmt_start;
        hi = o->stmt_start < k->stmt_start ? k->stmt_start : o->stmt_start;
        w += gc_history_changed(h, lo - 1, hi, limit - w, move_changed, m);
    }
    GcId n1 = k->maxid < c->cap ? k->maxid : c->cap;
    for (GcId id = (n1 < c->n ? n1 : c->n) + 1; w <= limit && id <= (n1 > c->n ? n1 : c->n); id++)
        move_changed(m, id);
    /* the slots written between the cursors (a subset of those writes) */
    if (w <= limit && !m->oom)
        gc_history_slots(h, o->cursor, k->cursor, limit, move_slot, m);
    if (m->nsw > 1)
        qsort(m->sw, (size_t)m->nsw, sizeof *m->sw, cmp_slot);
    int ok = w <= limit && !m->oom ? 1 : m->oom ? -1 : 0;
    if (ok > 0 && grow((void **)&m->mv, &m->capmv, m->nids + 1, sizeof *m->mv) < 0)
        ok = -1;
    CellMove *mv = m->mv;
    if (ok > 0) {
        c->n = n1;
        /* the reachability: counted again where it changed (the changed
         * cards' cells are counted again whole) */
        for (GcId i = 1; reach && i <= n1; i += 4096) {
            GcId e = i + 4096 <= n1 + 1 ? i + 4096 : n1 + 1;
            if (memcmp(c->reach + i, reach + i, (size_t)(e - i)) == 0)
                continue;
            for (GcId id = i; id < e; id++) {
                if (c->reach[id] == reach[id])
                    continue;
                c->reach[id] = reach[id];
                if (c->flag[id] & CELLS_SEEN)
                    c->flag[id] |= CELLS_REACHED;
                else if (c->counted[id] && gc_object(h, id)->state == GC_STATE_ALIVE) {
                    RenderCell *cell = &c->cell[c->home[id]];
                    cell->unreach = reach[id] ? cell->unreach - 1 : cell->unreach + 1;
                    c->recounted[c->home[id]] = c->moves + 1;
                }
            }
        }
        if ((!m->b.head && !(m->b.head = malloc(sizeof *m->b.head))) ||
            move_homes(m, mv, h, k) < 0 || move_cells(m, mv, h, k, reach) < 0)
            ok = -1;
    }
    if (ok > 0) {
        /* the widest and highest card: from every cell when a cell
         * counted again held it, else from those */
        int32_t ncell = c->gw * c->gh, nd = m->widest ? ncell : m->ndirty;
        c->maxw = m->widest ? 0 : c->maxw;
        c->maxh = m->widest ? 0 : c->maxh;
        for (int32_t d = 0; d < nd; d++) {
            const RenderCellRoom *room = &c->room[m->widest ? d : m->dirty[d]];
            c->maxw = room->mw > c->maxw ? room->mw : c->maxw;
            c->maxh = room->mh > c->maxh ? room->mh : c->maxh;
        }
    }
    for (int32_t i = 0; i < m->nids; i++)
        c->flag[m->ids[i]] &= (uint8_t) ~(CELLS_SEEN | CELLS_MOVED | CELLS_SLOTS | CELLS_FULL |
                                          CELLS_PATCH | CELLS_REACHED);
    for (int32_t d = 0; d < m->ndirty; d++) {
        c->dirty[m->dirty[d]] = 0;
        c->recounted[m->dirty[d]] = c->moves + 1;
    }
    if (ok > 0) {
        c->key = *k;
        c->unsure = c->nunsure > 0;
        c->moves++;
    }
    return ok;
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
    const uint8_t *r = reach(arg);
    if (c && !c->spare && cells_move(c, rc, h, l, k, r) > 0)
        return c;
    RenderCells *spare = c && c->spare ? c : NULL;
    if (!spare)
        render_cells_free(c);
    *slot = cells_build(rc, h, l, k, r, spare);
    return *slot;
}

RenderCells *render_cells_fresh(RenderCache *rc, const GcHeap *h, const Layout *l,
                                const RenderCellsKey *k, const uint8_t *reach)
{
    return cells_build(rc, h, l, k, reach, NULL);
}

int render_cells_same(const RenderCells *a, const RenderCells *b, char *why, size_t n)
{
#define DIFF(...)                                                                                  \
    do {                                                                                           \
        snprintf(why, n, __VA_ARGS__);                                                             \
        return 0;                                                                                  \
    } while (0)
    if (a->n != b->n || a->gw != b->gw || a->gh != b->gh || a->x0 != b->x0 || a->y0 != b->y0 ||
        a->size != b->size)
        DIFF("ids 1..%d and 1..%d, grids %dx%d and %dx%d", (int)a->n, (int)b->n, a->gw, a->gh,
             b->gw, b->gh);
    if (a->unsure != b->unsure || a->maxw != b->maxw || a->maxh != b->maxh)
        DIFF("unsure %d and %d, widest %g and %g, highest %g and %g", a->unsure, b->unsure,
             (double)a->maxw, (double)b->maxw, (double)a->maxh, (double)b->maxh);
    for (GcId id = 1; id <= a->n; id++)
        if (a->home[id] != b->home[id] || a->counted[id] != b->counted[id])
            DIFF("#%d: home %d and %d, counted %d and %d", (int)id, a->home[id], b->home[id],
                 a->counted[id], b->counted[id]);
    for (int32_t ci = 0; ci < a->gw * a->gh; ci++) {
        const RenderCell *x = &a->cell[ci], *y = &b->cell[ci];
        if (memcmp(x->gen, y->gen, sizeof x->gen) || x->total != y->total ||
            x->unreach != y->unreach || x->nval != y->nval || x->crowd != y->crowd ||
            x->ni != y->ni || x->nt != y->nt || x->np != y->np)
            DIFF("cell %d: total %u and %u, unreachable %u and %u, values %u and %u, crowd %u "
                 "and %u, cards %d and %d, types %d and %d, pairs %d and %d",
                 (int)ci, x->total, y->total, x->unreach, y->unreach, x->nval, y->nval, x->crowd,
                 y->crowd, x->ni, y->ni, x->nt, y->nt, x->np, y->np);
        if ((x->ni && memcmp(x->box, y->box, sizeof x->box)) ||
            (x->total && memcmp(x->cbox, y->cbox, sizeof x->cbox)))
            DIFF("cell %d: boxes differ", (int)ci);
        if (memcmp(a->ids + x->i0, b->ids + y->i0, (size_t)x->ni * sizeof *a->ids))
            DIFF("cell %d: cards differ", (int)ci);
        if (memcmp(a->types + x->t0, b->types + y->t0, (size_t)x->nt * sizeof *a->types))
            DIFF("cell %d: types differ", (int)ci);
        for (int32_t p = 0; p < x->np; p++) {
            const RenderCellPair *px = &a->pairs[x->p0 + p], *py = &b->pairs[y->p0 + p];
            if (px->to != py->to || px->n != py->n ||
                memcmp(a->refs + px->r0, b->refs + py->r0, (size_t)px->n * sizeof *a->refs))
                DIFF("cell %d: references to cell %d and %d differ (%u and %u)", (int)ci, px->to,
                     py->to, px->n, py->n);
        }
    }
    return 1;
#undef DIFF
}
