/*
 * render_cache.c: what the frames of one run share, so that a frame costs
 * what is on screen and not the size of the heap.
 *
 * - The cards in a grid of square world cells by their layout place
 *   (layout_get, layout_reserved): a frame asks for the cards near the view
 *   (render_cache_cards) instead of looking at every object.  The layout
 *   moves only when it is built, when a card is dragged or glides, so the
 *   grid is rebuilt when layout_version changes, not per frame.  Beside
 *   each filed id, the event from which its card is gone (layout_drawn_until),
 *   and the latest of those per block of CELL_BLOCK filed ids: a query
 *   for the cards still drawn at a step skips whole blocks of cards gone
 *   long before (a loop's million short-lived objects, whose places are
 *   used again and again, leave thousands of ids in a cell).
 * - Which objects are reachable from the roots (gc_reachable, a pass over
 *   the live heap) at the cursor it was last asked for: redrawing the same
 *   step (an animation, the mouse over the timeline) does not mark again.
 * - Arrays by id a frame writes a few entries of (render_cache_scratch):
 *   zeroed once, and the frame zeroes what it wrote, instead of a calloc
 *   and free of 50 MB per frame at 10^6 objects (whose page faults and
 *   unmapping cost up to 20 ms on a busy machine).  They are mapped pages
 *   straight from the kernel, zero until written: a jump to a later step,
 *   with more ids, grows them at the cost of the few pages written (calloc
 *   cleared 18 MB by hand there, 5 ms, once its heap had grown past them).
 *
 * The window keeps one RenderCache per run (render_cache_reset on a new
 * run), whose grid the load builds (render_cache_prepare: with the layout,
 * in the worker thread), not the first frame; a NULL cache in RenderView means one made and dropped
 * per frame (the same answers, at the old cost).
 */
#define _DEFAULT_SOURCE /* mmap's MAP_ANONYMOUS */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "render.h"
#include "render_internal.h"

#define CELL_MIN   512.0f /* world units: a few cards across */
#define MAX_CELLS  (1 << 18)
#define CELL_BLOCK 32  /* filed ids per entry of gone_max */
#define MOVES_MAX  256 /* changes of the layout filed again (grid_move), not a new grid */

struct RenderCache {
    /* the grid: cell c holds ids[start[c] .. start[c + 1]) */
    const Layout *layout;
    uint32_t version;
    int built;
    GcId nids; /* ids 1..nids are indexed */
    float x0, y0, cell;
    int gw, gh;
    float lo[2], hi[2]; /* the bounds of the cards' boxes at the build */
    GcId edge[4];       /* a card on each of them (left, top, right, bottom) */
    int32_t *start;
    GcId *ids;
    int32_t *gone;     /* by position in ids: layout_drawn_until, INT32_MAX: never */
    int32_t *gone_max; /* per CELL_BLOCK positions: the latest of their gone */
    uint32_t *stamp;   /* by id: the last query that returned it */
    uint32_t query;
    GcId *hits; /* the last query's answer (render_cache_near, render_cache_add) */
    int nhits, caphits;
    int all;      /* the last query met the whole grid: hits is placed[] */
    long builds;  /* full builds of the grid (render_cache_grid_builds) */
    long moves;   /* grid_move's updates (render_cache_grid_moves) */
    GcId *placed; /* every id with a place, ascending */
    int nplaced;
    RenderGeom *geom; /* by id 0..nids: layout_card_geom's (cell_w 0: no place) */
    /* reachability at (heap, cursor) */
    const GcHeap *heap;
    int32_t cursor, nevents;
    GcId maxid;
    uint8_t *reach;
    size_t reach_cap;
    RenderCells *cells; /* the blocks view's counts at one cursor (render_cells.c) */
    struct {
        void *p;
        size_t bytes;
    } scratch[RENDER_SCRATCH];
};

RenderCache *render_cache_new(void)
{
    return calloc(1, sizeof(RenderCache));
}

static void grid_free(RenderCache *c)
{
    free(c->start);
    free(c->ids);
    free(c->gone);
    free(c->gone_max);
    free(c->stamp);
    free(c->placed);
    free(c->geom);
    c->geom = NULL;
    c->start = NULL;
    c->ids = NULL;
    c->gone = NULL;
    c->gone_max = NULL;
    c->stamp = NULL;
    c->placed = NULL;
    c->nplaced = 0;
    c->built = 0;
    c->nids = 0;
    c->query = 0;
}

void render_cache_reset(RenderCache *c)
{
    if (!c)
        return;
    grid_free(c);
    free(c->reach);
    c->reach = NULL;
    c->reach_cap = 0;
    render_cells_free(c->cells);
    c->cells = NULL;
    c->heap = NULL;
    c->layout = NULL;
}

void render_cache_free(RenderCache *c)
{
    if (!c)
        return;
    render_cache_reset(c);
    for (int k = 0; k < RENDER_SCRATCH; k++)
        if (c->scratch[k].bytes)
            munmap(c->scratch[k].p, c->scratch[k].bytes);
    free(c->hits);
    free(c);
}

/* World rectangle of id in the grid: its place and the largest size it
 * has over the run; 0 if it has no place. */
static int card_box(const Layout *l, GcId id, float b[4])
{
    float x, y, w, h;
    if (layout_get(l, id, &x, &y) < 0)
        return 0;
    layout_reserved(l, id, &w, &h);
    b[0] = x;
    b[1] = y;
    b[2] = x + (w > 0 ? w : LAYOUT_CARD_W);
    b[3] = y + (h > 0 ? h : LAYOUT_TAG_H + LAYOUT_HEADER_H);
    return 1;
}

static int cell_range(const RenderCache *c, float lo, float hi, float origin, int n, int *a, int *b)
{
    int i0 = (int)((lo - origin) / c->cell), i1 = (int)((hi - origin) / c->cell);
    if (hi < origin || i0 >= n)
        return 0;
    *a = i0 < 0 ? 0 : i0;
    *b = i1 >= n ? n - 1 : i1;
    return *a <= *b;
}

/* id's layout_card_geom into g (cell_w 0 when it has no place). */
static void geom_of(const Layout *l, GcId id, RenderGeom *g)
{
    if (layout_card_geom(l, id, &g->x, &g->y, &g->cell_w, &g->card_w) < 0)
        *g = (RenderGeom){0, 0, 0, 0};
}

/* Counts (fill == 0) or files (fill == 1) every card in the cells it meets. */
static void grid_pass(RenderCache *c, int fill, int32_t *at)
{
    for (GcId id = 1; id <= c->nids; id++) {
        float b[4];
        int x0, x1, y0, y1;
        if (!card_box(c->layout, id, b) || !cell_range(c, b[0], b[2], c->x0, c->gw, &x0, &x1) ||
            !cell_range(c, b[1], b[3], c->y0, c->gh, &y0, &y1))
            continue;
        int32_t gone = fill ? layout_drawn_until(c->layout, id) : 0;
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++) {
                int cell = y * c->gw + x;
                if (fill) {
                    c->gone[at[cell]] = gone < 0 ? INT32_MAX : gone;
                    c->ids[at[cell]++] = id;
                } else {
                    c->start[cell + 1]++;
                }
            }
        if (fill)
            c->placed[c->nplaced++] = id;
    }
}

/* gone_max from gone, for nfiled filed ids. */
static void gone_blocks(RenderCache *c, size_t nfiled)
{
    for (size_t b = 0; b < nfiled / CELL_BLOCK + 1; b++) {
        int32_t m = INT32_MIN;
        for (size_t k = b * CELL_BLOCK; k < (b + 1) * CELL_BLOCK && k < nfiled; k++)
            m = c->gone[k] > m ? c->gone[k] : m;
        c->gone_max[b] = m;
    }
}

static int grid_build(RenderCache *c, const Layout *l)
{
    grid_free(c);
    c->builds++;
    c->layout = l;
    c->version = layout_version(l);
    c->nids = layout_max_id(l);
    float lo[2] = {0, 0}, hi[2] = {0, 0};
    int any = 0;
    c->geom = malloc(((size_t)c->nids + 1) * sizeof *c->geom);
    if (!c->geom) {
        grid_free(c);
        return -1;
    }
    c->geom[0] = (RenderGeom){0, 0, 0, 0};
    for (GcId id = 1; id <= c->nids; id++) {
        float b[4];
        geom_of(l, id, &c->geom[id]);
        if (!card_box(l, id, b))
            continue;
        c->edge[0] = !any || b[0] < lo[0] ? id : c->edge[0];
        c->edge[1] = !any || b[1] < lo[1] ? id : c->edge[1];
        c->edge[2] = !any || b[2] > hi[0] ? id : c->edge[2];
        c->edge[3] = !any || b[3] > hi[1] ? id : c->edge[3];
        lo[0] = any && lo[0] < b[0] ? lo[0] : b[0];
        lo[1] = any && lo[1] < b[1] ? lo[1] : b[1];
        hi[0] = any && hi[0] > b[2] ? hi[0] : b[2];
        hi[1] = any && hi[1] > b[3] ? hi[1] : b[3];
        any = 1;
    }
    memcpy(c->lo, lo, sizeof lo);
    memcpy(c->hi, hi, sizeof hi);
    c->x0 = lo[0];
    c->y0 = lo[1];
    c->cell = CELL_MIN;
    float w = hi[0] - lo[0] + 1, h = hi[1] - lo[1] + 1;
    while ((w / c->cell + 1) * (h / c->cell + 1) > MAX_CELLS)
        c->cell *= 2;
    c->gw = (int)(w / c->cell) + 1;
    c->gh = (int)(h / c->cell) + 1;
    size_t ncell = (size_t)c->gw * (size_t)c->gh;
    c->start = calloc(ncell + 1, sizeof *c->start);
    c->stamp = calloc((size_t)c->nids + 1, sizeof *c->stamp);
    int32_t *at = malloc(ncell * sizeof *at);
    if (!c->start || !c->stamp || !at) {
        free(at);
        grid_free(c);
        return -1;
    }
    grid_pass(c, 0, NULL);
    for (size_t i = 0; i < ncell; i++)
        c->start[i + 1] += c->start[i];
    memcpy(at, c->start, ncell * sizeof *at);
    size_t nfiled = (size_t)c->start[ncell], nblocks = nfiled / CELL_BLOCK + 1;
    c->ids = malloc((nfiled + 1) * sizeof *c->ids);
    c->gone = malloc((nfiled + 1) * sizeof *c->gone);
    c->gone_max = malloc(nblocks * sizeof *c->gone_max);
    c->placed = malloc(((size_t)c->nids + 1) * sizeof *c->placed);
    if (!c->ids || !c->gone || !c->gone_max || !c->placed) {
        free(at);
        grid_free(c);
        return -1;
    }
    grid_pass(c, 1, at);
    free(at);
    gone_blocks(c, nfiled);
    c->built = 1;
    return 0;
}

static int cmp_id(const void *a, const void *b);

/* A card filed in a cell (grid_move). */
typedef struct Filing {
    int32_t cell;
    GcId id;
    int32_t gone;
} Filing;

static int cmp_filing(const void *a, const void *b)
{
    const Filing *x = a, *y = b;
    if (x->cell != y->cell)
        return (x->cell > y->cell) - (x->cell < y->cell);
    return (x->id > y->id) - (x->id < y->id);
}

/* Whether id is in placed[] (ascending). */
static int was_placed(const RenderCache *c, GcId id)
{
    return bsearch(&id, c->placed, (size_t)c->nplaced, sizeof id, cmp_id) != NULL;
}

/* The grid brought to l's version by filing again only the cards whose
 * entries changed since (layout_changed: a drag or a glide moves one
 * card a frame): their old filings left out, their new ones merged in
 * id order, the rest copied, so that the grid is exactly the one a full
 * build gives (test render.grid_moves), at the cost of a copy (10^5
 * cards: 0.3 ms, where a build is 10 ms).  Not when the bounds of the
 * cards' boxes, and so the grid's cells, may change (a card on them or
 * moved onto or past them), for too many changes, or for a card without
 * a place before or after: 1 done, 0 not done, -1 on OOM. */
static int grid_move(RenderCache *c, const Layout *l)
{
    GcId ch[MOVES_MAX];
    int n = layout_changed(l, c->version, ch, MOVES_MAX), m = 0;
    if (n < 0 || layout_max_id(l) != c->nids || c->query >= UINT32_MAX - 1)
        return 0;
    qsort(ch, (size_t)n, sizeof *ch, cmp_id);
    size_t nadd = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && ch[i] == ch[i - 1])
            continue;
        GcId id = ch[i];
        float b[4] = {0, 0, 0, 0};
        int x0, x1, y0, y1;
        if (id < 1 || id > c->nids || id == c->edge[0] || id == c->edge[1] || id == c->edge[2] ||
            id == c->edge[3])
            return 0;
        int placed = card_box(l, id, b);
        if (placed != was_placed(c, id))
            return 0;
        if (placed && !(b[0] > c->lo[0] && b[1] > c->lo[1] && b[2] < c->hi[0] && b[3] < c->hi[1]))
            return 0;
        if (placed && cell_range(c, b[0], b[2], c->x0, c->gw, &x0, &x1) &&
            cell_range(c, b[1], b[3], c->y0, c->gh, &y0, &y1))
            nadd += (size_t)(x1 - x0 + 1) * (size_t)(y1 - y0 + 1);
        ch[m++] = id;
    }
    size_t ncell = (size_t)c->gw * (size_t)c->gh, nold = (size_t)c->start[ncell];
    Filing *add = malloc((nadd + 1) * sizeof *add);
    int32_t *start = malloc((ncell + 1) * sizeof *start);
    GcId *ids = malloc((nold + nadd + 1) * sizeof *ids);
    int32_t *gone = malloc((nold + nadd + 1) * sizeof *gone);
    int32_t *gone_max = malloc(((nold + nadd) / CELL_BLOCK + 1) * sizeof *gone_max);
    if (!add || !start || !ids || !gone || !gone_max) {
        free(add);
        free(start);
        free(ids);
        free(gone);
        free(gone_max);
        return -1;
    }
    size_t na = 0;
    for (int i = 0; i < m; i++) {
        float b[4];
        int x0, x1, y0, y1;
        if (!card_box(l, ch[i], b) || !cell_range(c, b[0], b[2], c->x0, c->gw, &x0, &x1) ||
            !cell_range(c, b[1], b[3], c->y0, c->gh, &y0, &y1))
            continue;
        int32_t g = layout_drawn_until(l, ch[i]);
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
                add[na++] = (Filing){y * c->gw + x, ch[i], g < 0 ? INT32_MAX : g};
    }
    qsort(add, na, sizeof *add, cmp_filing);
    /* the changed ids' stamps, set apart for the pass (and put back:
     * they may be in the last query's answer) */
    uint32_t mark = c->query + 1, keep[MOVES_MAX];
    for (int i = 0; i < m; i++) {
        keep[i] = c->stamp[ch[i]];
        c->stamp[ch[i]] = mark;
    }
    size_t at = 0, a = 0;
    for (size_t cell = 0; cell < ncell; cell++) {
        start[cell] = (int32_t)at;
        int32_t k = c->start[cell], end = c->start[cell + 1];
        for (;;) {
            while (k < end && c->stamp[c->ids[k]] == mark)
                k++;
            int more = a < na && add[a].cell == (int32_t)cell;
            if (k < end && (!more || c->ids[k] < add[a].id)) {
                ids[at] = c->ids[k];
                gone[at++] = c->gone[k++];
            } else if (more) {
                ids[at] = add[a].id;
                gone[at++] = add[a++].gone;
            } else {
                break;
            }
        }
    }
    start[ncell] = (int32_t)at;
    for (int i = 0; i < m; i++) {
        c->stamp[ch[i]] = keep[i];
        geom_of(l, ch[i], &c->geom[ch[i]]);
    }
    free(add);
    free(c->start);
    free(c->ids);
    free(c->gone);
    free(c->gone_max);
    c->start = start;
    c->ids = ids;
    c->gone = gone;
    c->gone_max = gone_max;
    gone_blocks(c, at);
    c->version = layout_version(l);
    c->moves++;
    return 1;
}

/* The grid up to date for l: 0, or -1 on OOM. */
static int grid_ready(RenderCache *c, const Layout *l)
{
    if (c->built && c->layout == l && c->version != layout_version(l)) {
        int rc = grid_move(c, l);
        if (rc != 0)
            return rc < 0 ? -1 : 0;
    }
    if (!c->built || c->layout != l || c->version != layout_version(l))
        return grid_build(c, l);
    return 0;
}

int render_cache_prepare(RenderCache *c, const Layout *l)
{
    /* the blocks view's arrays too: without them F's first frame makes them */
    if (grid_ready(c, l) < 0)
        return -1;
    render_cells_prepare(c, l);
    return 0;
}

long render_cache_grid_builds(const RenderCache *c)
{
    return c->builds;
}

long render_cache_grid_moves(const RenderCache *c)
{
    return c->moves;
}

int render_cache_grid_same(RenderCache *a, RenderCache *b, const Layout *l, char *why, size_t n)
{
    if (grid_ready(a, l) < 0 || grid_ready(b, l) < 0) {
        snprintf(why, n, "out of memory");
        return 0;
    }
    size_t ncell = (size_t)a->gw * (size_t)a->gh, nf = (size_t)a->start[ncell];
    if (a->x0 != b->x0 || a->y0 != b->y0 || a->cell != b->cell || a->gw != b->gw ||
        a->gh != b->gh || a->nids != b->nids) {
        snprintf(why, n, "grids at (%g, %g) and (%g, %g), %dx%d and %dx%d cells of %g and %g",
                 (double)a->x0, (double)a->y0, (double)b->x0, (double)b->y0, a->gw, a->gh, b->gw,
                 b->gh, (double)a->cell, (double)b->cell);
        return 0;
    }
    if (memcmp(a->start, b->start, (ncell + 1) * sizeof *a->start) != 0 ||
        memcmp(a->ids, b->ids, nf * sizeof *a->ids) != 0 ||
        memcmp(a->gone, b->gone, nf * sizeof *a->gone) != 0 ||
        memcmp(a->gone_max, b->gone_max, (nf / CELL_BLOCK + 1) * sizeof *a->gone_max) != 0 ||
        a->nplaced != b->nplaced ||
        memcmp(a->placed, b->placed, (size_t)a->nplaced * sizeof *a->placed) != 0) {
        snprintf(why, n, "the cells' cards differ (%zu and %d filed)", nf, (int)b->start[ncell]);
        return 0;
    }
    for (GcId id = 0; id <= a->nids; id++) {
        RenderGeom g;
        geom_of(l, id, &g);
        if (memcmp(&a->geom[id], &g, sizeof g) != 0 || memcmp(&b->geom[id], &g, sizeof g) != 0) {
            snprintf(why, n, "#%d: the places kept by id differ from the layout's", (int)id);
            return 0;
        }
    }
    return 1;
}

const RenderGeom *render_cache_geom(RenderCache *c, const Layout *l)
{
    return grid_ready(c, l) < 0 ? NULL : c->geom;
}

int render_cache_grid(RenderCache *c, const Layout *l, float *x0, float *y0, float *size, int *gw,
                      int *gh)
{
    if (grid_ready(c, l) < 0)
        return -1;
    *x0 = c->x0;
    *y0 = c->y0;
    *size = c->cell;
    *gw = c->gw;
    *gh = c->gh;
    return 0;
}

int render_cache_filed(RenderCache *c, const Layout *l, const float box[4], int64_t *near,
                       int64_t *all)
{
    int x0, x1, y0, y1;
    if (grid_ready(c, l) < 0)
        return -1;
    *near = 0;
    *all = c->start[(size_t)c->gw * (size_t)c->gh];
    if (!cell_range(c, box[0], box[2], c->x0, c->gw, &x0, &x1) ||
        !cell_range(c, box[1], box[3], c->y0, c->gh, &y0, &y1))
        return 0;
    for (int y = y0; y <= y1; y++)
        *near += c->start[y * c->gw + x1 + 1] - c->start[y * c->gw + x0];
    return 0;
}

RenderCells **render_cache_cells(RenderCache *c)
{
    return &c->cells;
}

static int cmp_id(const void *a, const void *b)
{
    GcId x = *(const GcId *)a, y = *(const GcId *)b;
    return (x > y) - (x < y);
}

int render_cache_add(RenderCache *c, GcId id)
{
    if (c->all || id <= 0 || id > c->nids || c->stamp[id] == c->query)
        return 0;
    c->stamp[id] = c->query;
    if (GC_VEC_ROOM(c->hits, c->nhits, c->caphits, 256, realloc) < 0)
        return -1;
    c->hits[c->nhits++] = id;
    return 0;
}

/* The grid up to date for l and a new query begun (no answer yet). */
static int query_begin(RenderCache *c, const Layout *l)
{
    c->nhits = 0;
    if (grid_ready(c, l) < 0)
        return -1;
    if (++c->query == 0) { /* wrapped: every stamp is stale again */
        memset(c->stamp, 0, ((size_t)c->nids + 1) * sizeof *c->stamp);
        c->query = 1;
    }
    c->all = 0;
    return 0;
}

/* A query's start (query_begin) and the grid cells box meets: -1 out of
 * memory, 0 none, 1 cells x0..x1, y0..y1. */
static int query_cells(RenderCache *c, const Layout *l, const float box[4], int *x0, int *x1,
                       int *y0, int *y1)
{
    if (query_begin(c, l) < 0)
        return -1;
    return cell_range(c, box[0], box[2], c->x0, c->gw, x0, x1) &&
           cell_range(c, box[1], box[3], c->y0, c->gh, y0, y1);
}

int render_cache_near_drawn(RenderCache *c, const Layout *l, const float box[4], GcId maxid,
                            int32_t from)
{
    int x0, x1, y0, y1, q = query_cells(c, l, box, &x0, &x1, &y0, &y1);
    if (q <= 0)
        return q;
    for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++) {
            int cell = y * c->gw + x;
            /* ids ascend within a cell: those up to maxid come first */
            for (int32_t k = c->start[cell], end = c->start[cell + 1]; k < end; k++) {
                if (k % CELL_BLOCK == 0 && k + CELL_BLOCK <= end &&
                    c->gone_max[k / CELL_BLOCK] < from) {
                    k += CELL_BLOCK - 1; /* every card of the block gone before from */
                    continue;
                }
                if (c->ids[k] > maxid)
                    break;
                if (c->gone[k] >= from && render_cache_add(c, c->ids[k]) < 0)
                    return -1;
            }
        }
    return c->nhits;
}

int render_cache_near(RenderCache *c, const Layout *l, const float box[4])
{
    int x0, x1, y0, y1, q = query_cells(c, l, box, &x0, &x1, &y0, &y1);
    if (q <= 0)
        return q;
    if (box[0] <= c->x0 && box[1] <= c->y0 && box[2] >= c->x0 + (float)c->gw * c->cell &&
        box[3] >= c->y0 + (float)c->gh * c->cell) {
        /* the overview: every card, already in order (a card outside the
         * box is in none of its cells) */
        if (c->caphits < c->nplaced) {
            GcId *m = realloc(c->hits, ((size_t)c->nplaced + 1) * sizeof *m);
            if (!m)
                return -1;
            c->hits = m;
            c->caphits = c->nplaced + 1;
        }
        if (c->nplaced > 0)
            memcpy(c->hits, c->placed, (size_t)c->nplaced * sizeof *c->hits);
        c->nhits = c->nplaced;
        c->all = 1;
        return c->nhits;
    }
    for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++) {
            int cell = y * c->gw + x;
            for (int32_t k = c->start[cell]; k < c->start[cell + 1]; k++)
                if (render_cache_add(c, c->ids[k]) < 0)
                    return -1;
        }
    return c->nhits;
}

int render_cache_cards_in(RenderCache *c, const Layout *l, const float box[4], GcId maxid,
                          int32_t from, const GcId **ids)
{
    int n = render_cache_near_drawn(c, l, box, maxid, from);
    *ids = n >= 0 ? render_cache_ids(c, &n) : NULL;
    return n;
}

const GcId *render_cache_ids(RenderCache *c, int *n)
{
    if (c->all) {
        *n = c->nhits;
        return c->hits;
    }
    /* in id order, as the heap was always drawn: a later card over an
     * earlier one.  Most of the heap (the overview): read the stamps in
     * order, cheaper than sorting */
    if ((GcId)c->nhits > c->nids / 8) {
        int k = 0;
        for (GcId id = 1; id <= c->nids; id++)
            if (c->stamp[id] == c->query)
                c->hits[k++] = id;
    } else if (c->nhits > 1) {
        qsort(c->hits, (size_t)c->nhits, sizeof *c->hits, cmp_id);
    }
    *n = c->nhits;
    return c->hits;
}

void *render_cache_scratch(RenderCache *c, int k, size_t n, size_t size)
{
    size_t bytes = n * size;
    if (c->scratch[k].bytes < bytes) {
        if (c->scratch[k].bytes)
            munmap(c->scratch[k].p, c->scratch[k].bytes);
        bytes += bytes / 4; /* room for a few more objects */
        void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        c->scratch[k].p = p == MAP_FAILED ? NULL : p;
        c->scratch[k].bytes = c->scratch[k].p ? bytes : 0;
    }
    return c->scratch[k].p;
}

int render_cache_scratch_clean(const RenderCache *c)
{
    for (int k = 0; k < RENDER_SCRATCH; k++)
        for (size_t i = 0; i < c->scratch[k].bytes; i++)
            if (((const uint8_t *)c->scratch[k].p)[i])
                return 0;
    return 1;
}

const uint8_t *render_cache_reach(RenderCache *c, const GcHeap *h)
{
    GcId maxid = gc_max_id(h);
    if (c->reach && c->heap == h && c->cursor == gc_cursor(h) && c->nevents == gc_event_count(h) &&
        c->maxid == maxid)
        return c->reach;
    /* kept from the last answer when it has room (gc_reachable writes
     * every entry): no calloc and free of 1 MB at each jump of a run of
     * 10^6 objects, whose pages the kernel mapped and unmapped each time */
    if (!c->reach || c->reach_cap < (size_t)maxid + 1) {
        free(c->reach);
        c->reach_cap = (size_t)maxid + 1 + ((size_t)maxid + 1) / 4;
        c->reach = malloc(c->reach_cap);
        if (!c->reach)
            c->reach_cap = 0;
    }
    c->heap = h;
    c->cursor = gc_cursor(h);
    c->nevents = gc_event_count(h);
    c->maxid = maxid;
    if (c->reach)
        gc_reachable(h, c->reach);
    return c->reach;
}
