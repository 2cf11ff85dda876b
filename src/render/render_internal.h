/* render_internal.h: shared between the files of the render module only. */
#ifndef GCVIZ_RENDER_INTERNAL_H
#define GCVIZ_RENDER_INTERNAL_H

#include <SDL_ttf.h>

#include "render.h"

#define RENDER_MAX_PX 160
#define RENDER_MAX_ROOTS 256

/* The font of a face at a pixel size (opened on first use), NULL on failure. */
TTF_Font *render_font(RenderFonts *f, RenderFont font, int px);


/* ---- the scene builder's shared state ---------------------------------------- */

struct GcHeap;
struct LangProgram;

typedef struct Scene {
    RenderList *l;
    RenderFonts *fonts;
    const RenderTheme *t;
    const RenderView *v;
    const struct GcHeap *h;
    const struct LangProgram *p;
    const Layout *layout;
    const struct GcRunIndex *tl;
    RenderRegions rg;
    float s;          /* logical -> physical pixels */
    int width, height;
    int32_t cursor;   /* gc_cursor */
    int32_t nevents;
    int32_t ev;       /* the event just shown (cursor - 1), -1 before any */
    const uint8_t *reach; /* gc_reachable, by id: render_scene_reach */
    RenderCache *cache;   /* the view's, or this frame's own (NULL only on OOM) */
    GcId maxid;
    /* names in the frames panel, for the arrows drawn over the heap */
    float root_x[RENDER_MAX_ROOTS], root_y[RENDER_MAX_ROOTS];
    GcId root_id[RENDER_MAX_ROOTS];
    int nroots;
    /* a slide's ghosts side by side (render_ghost_row), as render_heap drew
     * them: render_offscreen_note looks for them there */
    RenderGhosts ghosts;
    /* a slide's heap with nothing alive, said in words (render_heap's
     * empty_slide): no card is off screen */
    int empty;
} Scene;

const uint8_t *render_cache_reach(RenderCache *c, const struct GcHeap *h);

/* gc_reachable by id at the cursor (NULL on OOM), computed on first use
 * (a pass over the live heap, kept in the cache while the cursor stays). */
static inline const uint8_t *render_scene_reach(Scene *s)
{
    if (!s->reach && s->cache && s->h)
        s->reach = render_cache_reach(s->cache, s->h);
    return s->reach;
}

/* Logical pixels to physical. */
static inline float sc(const Scene *s, float v) { return v * s->s; }
static inline int spx(const Scene *s, float v)
{
    int px = (int)(v * s->s + 0.5f);
    return px < 4 ? 4 : px;
}
static inline RenderColor with_alpha(RenderColor c, float a)
{
    if (a < 0)
        a = 0;
    if (a > 1)
        a = 1;
    c.a = (uint8_t)((float)c.a * a + 0.5f);
    return c;
}

/* Copies text into buf, cut with an ellipsis to fit maxw pixels. */
const char *render_fit(Scene *s, RenderFont font, int px, const char *text, float maxw, char *buf,
                       size_t n);
/* Text vertically centred in a box of height h at y. */
void render_text_mid(Scene *s, float x, float y, float h, RenderFont font, int px,
                     RenderAlign align, RenderColor c, const char *text);
/* A pill (rounded box sized to its text); returns its width. */
float render_pill(Scene *s, float x, float y, float h, RenderFont font, int px, RenderColor bg,
                  RenderColor fg, const char *text);
/* A titled panel background. */
void render_panel(Scene *s, float x, float y, float w, float h, const char *title);
/* Writes a short form of value v ("3", "'ab'", "None", "Node #3") into buf. */
const char *render_value_text(const struct GcHeap *h, GcValue v, char *buf, size_t n);
/* Label of object id: "Node #3". */
const char *render_obj_label(const struct GcHeap *h, GcId id, char *buf, size_t n);

/* The heap area: cards, arrows, name tags. */
void render_heap(Scene *s);
/* Screen point where an arrow into id's card should land (from the left), 0 if not drawn. */
int render_card_anchor(Scene *s, GcId id, float *x, float *y);
/* Left and right columns, bottom bars, overlays. */
void render_code_panel(Scene *s, float x, float y, float w, float h);
void render_frames_panel(Scene *s, float x, float y, float w, float h);
void render_collector_panel(Scene *s, float x, float y, float w, float h);
void render_inspector(Scene *s);
/* The last lines `print` printed so far (RenderView.output). */
void render_output_panel(Scene *s, float x, float y, float w, float h);
/* Height of the output strip (0 when the program prints nothing). */
float render_output_h(const Scene *s, float w);
/* A slide's panel of mark-sweep's grey worklist (and the white, grey and
 * black counts) during the mark phase; its height, 0 when there is none. */
void render_worklist_panel(Scene *s, float x, float y, float w, float h);
float render_worklist_h(const Scene *s);
/* Slide mode: the whole frame but the overlays (render_slide.c). */
void render_slide(Scene *s);
/* The byte offset of the last space in text before which it fits maxw
 * pixels, or 0 (render_scene.c). */
size_t render_wrap_at(Scene *s, RenderFont font, int px, const char *text, float maxw);
/* A note at the bottom of the heap naming the subject's cards that are
 * not inside the heap view. */
void render_offscreen_note(Scene *s);
/* Text wrapped at spaces into at most maxlines lines of width w, at the
 * first of the sizes px[0..npx) where it fits whole (the last size cuts);
 * returns the height used. */
float render_wrapped(Scene *s, RenderFont font, const int *px, int npx, const char *text, float x,
                     float y, float w, int maxlines, float line_gap, RenderColor c);

/* ---- arrow routing around cards (render_route.c) ------------------------------ */

/* An obstacle: a card's screen rectangle (tags included), inflated. */
typedef struct RouteRect {
    float x0, y0, x1, y1;
} RouteRect;

typedef struct RouteReq {
    RenderPt s;        /* start */
    int dir;           /* first leg: 0 = rightwards, 1 = down, -1 = up, 2 = leftwards */
    int src, tgt;      /* obstacle indices of the source (-1: none) and target cards */
    const RouteRect *keep; /* parts of the source card (tags, footer) no leg may cross */
    int nkeep;
    int sides;         /* target sides that may be entered: 1 = left, 2 = right, 4 = the
                          bottom at (entry_x, entry_b), tried first */
    float entry_y;     /* height at which the target is entered */
    float entry_x, entry_b; /* where the bottom is entered */
    float inset;       /* the end point lies this far inside the target's obstacle */
    float gap_x, gap_y;   /* distance from a card edge to the middle of the gap */
    float lane_x, lane_y; /* offsets that keep arrows sharing a gap apart */
    float head;        /* shortest last leg (room for the arrowhead) */
    float bend;        /* cost of a bend, in pixels of length */
    float reach;       /* cards this far beyond the ends give channels */
} RouteReq;

/* The obstacles of a frame in a grid of cells (a spatial index), so that
 * a route is tested against the cards near it, not against every card of
 * the heap: a frame costs what its arrows pass, not the heap's size. */
typedef struct RouteIndex {
    const RouteRect *obs;
    int n;
    float x0, y0, cell; /* the grid's corner and cell size */
    int gw, gh;         /* cells across and down */
    int *start;         /* per cell (gw * gh + 1): where its obstacles begin in items */
    int *items;         /* obstacle indices, cell by cell */
    uint32_t *stamp;    /* per obstacle: the last query that returned it */
    uint32_t query;
    int *hit; /* the last query's answer */
    int nhit, caphit;
    uint32_t *in_win; /* per obstacle: the route_find whose window holds it (win_no) */
    uint32_t win_no;
    int oom; /* a query of route_find's gaps ran out of memory */
} RouteIndex;

/* Indexes the n obstacles obs (borrowed until route_index_free); 0, or -1
 * on OOM. */
int route_index_build(RouteIndex *ix, const RouteRect *obs, int n);
void route_index_free(RouteIndex *ix);
/* The obstacles whose rectangles may meet [x0, x1] x [y0, y1] (each once,
 * a superset of those that do), into ix->hit; returns the count, max + 1
 * as soon as there are more than max, -1 on OOM. */
int route_query(RouteIndex *ix, float x0, float y0, float x1, float y1, int max);

/* Does the polyline cross an obstacle other than skip_a (but then one of
 * its nkeep parts keep) and skip_b? */
int route_blocked(RouteIndex *ix, int skip_a, const RouteRect *keep, int nkeep, int skip_b,
                  const RenderPt *pts, int npts);
/* The shortest clear orthogonal route (up to 8 corner points into out), 0 if none. */
int route_find(RouteIndex *ix, const RouteReq *q, RenderPt *out);
/* The polyline with rounded corners into out (at most max points); returns the count. */
int route_round(const RenderPt *p, int n, float radius, RenderPt *out, int max);

/* ---- what frames share (render_cache.c) ---------------------------------------- */

/* A query: the cards whose place (layout_reserved size) meets the world
 * rectangle box (x0, y0, x1, y1); the grid is rebuilt first when l
 * changed.  Returns their count, or -1 on OOM.  render_cache_add adds id
 * to the answer (once; 0, or -1 on OOM), render_cache_ids gives it in
 * ascending order (valid until the next query). */
int render_cache_near(RenderCache *c, const Layout *l, const float box[4]);
/* The same query left to the cards still drawn at a step: the ids up to
 * maxid whose card is not gone (layout_drawn_until) before event from, which
 * leaves out only objects freed before from. */
int render_cache_near_drawn(RenderCache *c, const Layout *l, const float box[4], GcId maxid,
                            int32_t from);
int render_cache_add(RenderCache *c, GcId id);
/* Array k (below RENDER_SCRATCH) of at least n elements of size bytes,
 * kept from frame to frame: all zero when a frame asks for it, so the
 * frame zeroes again every element it wrote before it ends.  NULL on OOM. */
#define RENDER_SCRATCH 4
void *render_cache_scratch(RenderCache *c, int k, size_t n, size_t size);
const GcId *render_cache_ids(RenderCache *c, int *n);
/* gc_reachable at h's cursor, by id (kept until the cursor moves); NULL
 * on OOM. */
const uint8_t *render_cache_reach(RenderCache *c, const struct GcHeap *h);

/* ---- the blocks view's counts per grid cell (render_cells.c) ------------------ */

/* A card's place, its cells' width and its compact width (layout_card_geom)
 * kept by id with the grid (16 bytes, not the layout's entry of 64): what
 * the blocks view's first count reads of the layout (render_cells.c). */
typedef struct RenderGeom {
    float x, y, cell_w, card_w; /* cell_w 0: no place */
} RenderGeom;

/* Which of RENDER_AGG_KINDS counts an object falls in: a generation (0-2),
 * permanent, untracked, a collector's list, freed (a ghost of this
 * statement: RENDER_AGG_FREED). */
#define RENDER_AGG_KINDS 7
#define RENDER_AGG_FREED 6
static inline int render_agg_kind(const GcObject *o)
{
    if (o->state == GC_STATE_FREED)
        return RENDER_AGG_FREED;
    switch (o->list) {
    case GC_LIST_GEN0:
        return 0;
    case GC_LIST_GEN1:
        return 1;
    case GC_LIST_GEN2:
        return 2;
    case GC_LIST_PERMANENT:
        return 3;
    case GC_LIST_NONE:
        return 4;
    default:
        return 5;
    }
}

/* What the cells were computed for (compared whole: zero it first). */
typedef struct RenderCellsKey {
    const struct GcHeap *h;
    const Layout *l;
    uint32_t version; /* layout_version */
    int32_t cursor, nevents, stmt_start;
    GcId maxid;
    int beginner;
} RenderCellsKey;

typedef struct RenderCellType {
    int32_t kind, cls; /* cls: instances' class, else -1 */
    GcId example;      /* the least id of the type: for its name */
    uint32_t n;
} RenderCellType;

/* The cards at home in one cell (their centre in it). */
typedef struct RenderCell {
    uint32_t gen[RENDER_AGG_KINDS]; /* drawn cards by render_agg_kind */
    uint32_t total;                 /* cards drawn at this step */
    uint32_t unreach;               /* alive ones no root reaches */
    uint32_t nval;                  /* object references in their alive cards' values */
    uint32_t crowd;                 /* cards crowded() counts (also those not drawn) */
    float box[4];   /* world x0, y0, x1, y1: every one of its cards' boxes (ni > 0) */
    float cbox[4];  /* the same of its drawn cards' centres (total > 0) */
    int32_t i0, ni; /* its cards (also those not drawn), ascending: ids[i0 .. i0 + ni) */
    int32_t t0, nt; /* its drawn cards' types: types[t0 .. t0 + nt) */
    int32_t p0, np; /* references from its drawn cards by target cell: pairs[p0 .. p0 + np) */
} RenderCell;

typedef struct RenderCellPair {
    int32_t to; /* the targets' home cell */
    uint32_t n; /* references: refs[r0 .. r0 + n) */
    int32_t r0;
} RenderCellPair;

typedef struct RenderCells {
    RenderCellsKey key;
    float x0, y0, size; /* the grid's (render_cache_grid) */
    int gw, gh;
    GcId n;           /* ids 1..n */
    int unsure;       /* a card would fade in (card_alpha): count card by card */
    float maxw, maxh; /* world: the widest and the highest card (a card in view is at home
                         at most that far out of it) */
    RenderCell *cell;
    int32_t *home;    /* by id: its cell, -1: none */
    uint8_t *counted; /* by id: drawn at this step (not a beginner's hidden temporary) */
    GcId *ids;
    RenderCellType *types;
    int32_t ntypes;
    RenderCellPair *pairs;
    int32_t npairs, cappairs;
    GcId (*refs)[2]; /* source, target */
    int32_t nrefs;
    int32_t
        *block; /* by cell, a frame's own: its block, or -1 out of view, -2 counted card by card */
    /* What moving the cells to the next cursor needs (render_cells.c):
     * each cell's room in ids, types, pairs and refs (a cell that outgrows
     * its room moves to the arrays' ends), the reachability counted, the
     * cards that would fade in, and the ids a step changed. */
    struct RenderCellRoom *room;
    GcId cap; /* home, counted, reach, flag: ids 1..cap (layout_max_id) */
    int32_t nids, capids, captypes, caprefs;
    int64_t waste;  /* elements left behind by cells that moved */
    uint8_t *reach; /* by id: reachable as counted (1 without a reachability) */
    int has_reach;
    uint8_t *flag;          /* by id: CELLS_* bits (render_cells.c) */
    int32_t nunsure;        /* cards that would fade in (unsure while > 0) */
    uint8_t *dirty;         /* by cell, while moving: to be counted again */
    int32_t moves;          /* cursors moved to since computed (tests) */
    int32_t patches;        /* cards moved slot by slot since computed (tests) */
    uint32_t *nval;         /* by id: the value references of a drawn card as counted */
    int32_t *tcount;        /* by id, zero between moves: references counted by target */
    struct CellsMove *move; /* render_cells.c's buffers from one move to the next */
    int spare; /* render_cells_prepare's arrays, no cells yet (the cache's until F counts) */
    /* by cell (NULL until the first move): moves + 1 of the last move that counted it
     * again or changed its unreach, 0: none since computed */
    int32_t *recounted;
    struct AggKeep *keep; /* render_heap.c's blocks view of the last frame, freed with the cells */
    const RenderGeom *geom; /* the cache's (render_cache_geom), while computed or moved */
} RenderCells;

/* Frees render_heap.c's RenderCells.keep. */
void render_agg_keep_free(struct AggKeep *k);
/* The cells the last blocks frame counted card by card kept from the
 * frame before (*reused) and counted again (*counted) (tests). */
void render_agg_keep_stats(const RenderCells *rc, int32_t *reused, int32_t *counted);
/* The source cells whose references the last blocks frame counted one by
 * one kept from the frame before (*reused) and counted again (*counted)
 * (tests). */
void render_agg_refs_stats(const RenderCells *rc, int32_t *reused, int32_t *counted);
/* The cells at key, computed when key differs from the last one asked
 * (NULL then if !build); reach: gc_reachable at the cursor, asked for only
 * then (NULL: none unreachable).  NULL on OOM. */
RenderCells *render_cells_at(RenderCache *rc, const struct GcHeap *h, const Layout *l,
                             const RenderCellsKey *k, const uint8_t *(*reach)(void *), void *arg,
                             int build);
void render_cells_free(RenderCells *c);
/* The arrays render_cells_at's first cells need for l (by id and by cell
 * of the grid) allocated and written now, at the load (render_cache_prepare,
 * the worker thread), when l has enough cards for F to show blocks: the
 * first frame of F does not map them page by page.  0, or -1 on OOM. */
int render_cells_prepare(RenderCache *rc, const Layout *l);
/* The cells at key computed afresh (a pass over the heap), not kept in
 * the cache: what render_cells_at's cells, moved from step to step by
 * the changes in between, must equal (tests).  NULL on OOM. */
RenderCells *render_cells_fresh(RenderCache *rc, const struct GcHeap *h, const Layout *l,
                                const RenderCellsKey *k, const uint8_t *reach);
/* 1 when a and b hold the same cells (counts, boxes, cards, types in
 * order, references by pair of cells), else 0 and what differs in why. */
int render_cells_same(const RenderCells *a, const RenderCells *b, char *why, size_t n);
/* The ids filed in the grid's cells that box (world x0, y0, x1, y1)
 * meets (*near) and in all its cells (*all; a card is filed in every
 * cell its place meets); -1 on OOM. */
int render_cache_filed(RenderCache *c, const Layout *l, const float box[4], int64_t *near,
                       int64_t *all);
/* The cache's cells (render_cells_at's), freed with it. */
RenderCells **render_cache_cells(RenderCache *c);
/* The grid of the cards' places, built for l when needed: its origin,
 * cell size and cells across and down.  -1 on OOM. */
int render_cache_grid(RenderCache *c, const Layout *l, float *x0, float *y0, float *size, int *gw,
                      int *gh);
/* By id 0 .. layout_max_id(l), brought up to date for l with the grid
 * (built with it at the load, kept by its moves); NULL on OOM. */
const RenderGeom *render_cache_geom(RenderCache *c, const Layout *l);
/* How many times the grid was brought to a new layout version by filing
 * again only the cards that changed (a drag, a glide), not built anew;
 * whether a's and b's grids for l (built or brought up to date first) are
 * the same, cell by cell, else 0 and what differs in why (tests). */
long render_cache_grid_moves(const RenderCache *c);
int render_cache_grid_same(RenderCache *a, RenderCache *b, const Layout *l, char *why, size_t n);
/* (render_cache_grid_same also compares both caches' render_cache_geom with
 * l's layout_card_geom, id by id.) */

/* The teacher's caption for the frame shown: the statement's "say", or,
 * during a collection the statement runs, its caption for that phase when
 * the scenario gives one ("say" keyed by phase).  NULL if none. */
const char *render_say(const struct GcHeap *h, const LangLoc *loc);

#endif
