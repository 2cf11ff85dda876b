/*
 * render_heap.c: the heap area.  Each object is a card at its layout
 * position: the names that refer to it above, its type and id, a refcount
 * badge (and a gc_refs badge while it is being collected), its fields as
 * rows or cells, and an arrow from each field to the card it refers to.
 * State is drawn with shape as well as colour: generation = number of
 * bars, unreachable = dashed outline, freed = dotted and faded, leaked =
 * hatched, touched by this micro-step = thick outline and glow.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "render_internal.h"

typedef struct CardGeo {
    float x, y, w, h; /* screen, body only (without the tag strip) */
    float k;          /* world -> screen factor */
    float cw;         /* list/tuple cells' width, world units */
    float bottom;     /* lowest drawn y: the body or the footer below it */
    float tag_l;      /* right end of the name tags (x when there are none) */
    float tag_r;      /* left end of the generation label */
    float foot_r;     /* right end of the footer text (0: no footer) */
    float title_r;    /* right end of the header's title (0: none drawn) */
    float badge_l;    /* left end of the header's badges */
    float alpha;
    int drawn;
    int shown; /* drawn in the heap area (on a slide whole, or named by the caption) */
} CardGeo;

/* Lists and tuples per frame whose cells may name their objects. */
#define NAMED_MAX 8

#define AGG_KINDS RENDER_AGG_KINDS /* render_agg_kind's counts */
#define AGG_FREED RENDER_AGG_FREED /* render_agg_kind of this statement's ghosts */

typedef struct HeapCtx {
    Scene *s;
    CardGeo *geo; /* by id */
    int32_t stmt_start;
    /* drawn cards as obstacles for the arrows, and each id's index (-1: none) */
    RouteRect *obs;
    int *obs_of; /* by id: 1 + its index in obs, 0: none */
    int nobs;
    RouteIndex ix; /* obs in a grid */
    int routed;    /* arrows tested against the cards in this frame */
    /* a crowd too big for one block per card: the heap area in blocks
     * (AggBlock), each object in view counted in the block its card's
     * centre is in, references between blocks counted by pair */
    int aggregate;
    int agg_w, agg_h;
    float agg_gh;         /* the grid's height: the heap area's, less a strip the window covers */
    const uint8_t *reach; /* gc_reachable by id (unreachable objects are counted), or NULL */
    struct AggBlock *agg;
    int32_t *agg_of; /* by id: 1 + the block, 0: not in view */
    /* the blocks summed from the render cache's cells (agg_from_cells):
     * cells->block says each cell's block, and agg_of (then the cells'
     * keep's, agg_edges_keep) only the blocks of the cards counted one by
     * one */
    RenderCells *cells;
    int64_t agg_count[AGG_KINDS], agg_refs;
    float labels[32][4]; /* the counts drawn on the summarised arrows (AGG_ARROWS) */
    int nlabels;
    /* by id: 1 + the atom of the module name that last referred to it
     * (0: none known), for a card no name refers to now ("was a"); the
     * ids written (at most WAS_NAMES) */
    int32_t *was;
    GcId was_ids[64];
    int nwas;
    /* geo, obs_of, agg_of and was are the cache's (render_cache_scratch):
     * heap_free zeroes what the frame wrote instead of freeing them */
    int scratch;
    /* the cards this frame looks at (near_cards), ascending */
    GcId *cand;
    int ncand;
    /* a slide's subject (the cards its caption names): never left out */
    GcId subject[16];
    int nsubject;
    /* a slide that cannot show every living card whole: the height of the
     * strip along the heap's bottom edge that counts those it does not
     * show (more_note; 0: every living card is in view) */
    float more_h;
    /* drilled down to cards (the window's Back out button over the heap):
     * the top of the strip along the heap's bottom edge that holds the
     * button and the names' pills, where no card is drawn (0: none) */
    float strip_y;
    /* the lists and tuples whose cells name their objects instead of
     * arrows (tangled_lists) */
    GcId named[NAMED_MAX];
    int nnamed;
    /* arrows into a card's side at its header: made twice, first only
     * counted (counting: each one's target and the height it leaves at,
     * in ent, in the order they are made), then drawn, each one's entry
     * spread along the edge by its rank among its target's (entry_y) */
    int counting;
    struct Entry *ent;
    int32_t nent, capent, next_ent;
    int ent_oom; /* one could not be counted: none is spread */
} HeapCtx;

/* One arrow into a card's side: its target, the height it leaves at, its
 * number in the order the arrows are made; after entries_rank, its rank
 * among its target's arrows by height and their count. */
typedef struct Entry {
    GcId tgt;
    float y;
    int32_t seq, rank, n;
} Entry;

/* Events looked back at for the names cards had ("was a"). */
#define WAS_LOOKBACK 200000

/* Cards in view beyond which the overview draws blocks of counts instead
 * of one block per card (a frame of 10^5 cards costs what a few dozen
 * blocks cost), the least size of a block in logical pixels, the types a
 * block names, the most blocks across and down, and the summarised
 * arrows drawn at most. */
#define AGG_LIMIT   2500
#define AGG_SMALL_N 300 /* heaps of at most this many objects never get blocks */
/* Cards in view beyond which, below AGG_ZOOM, blocks are drawn: below 0.35
 * a card's title is under 6 px, and a screen of such cards reads as noise
 * where their blocks with counts do not (a drill-down then ends on cards
 * that can be read) */
#define AGG_FEW     12
#define AGG_ZOOM    0.35f
#define AGG_BLOCK_W 170
#define AGG_BLOCK_H 120
#define AGG_MAX_W   5
#define AGG_MAX_H   4
#define AGG_TYPES   6
#define AGG_ARROWS  32

/* One block of the crowded overview: what its cards are, by generation
 * (render_agg_kind) and by type; a click on it zooms into it
 * (RENDER_HIT_BLOCK).  Every type is kept (the block names the
 * AGG_TYPES most numerous, the least example first among equals, and
 * counts the rest as other types). */
typedef RenderCellType AggType;

typedef struct AggBlock {
    uint32_t gen[AGG_KINDS]; /* objects by render_agg_kind */
    uint32_t total, inside;  /* objects; references between two of them */
    uint32_t unreach;        /* alive objects no root reaches (garbage to collect) */
    int ntypes, captypes;
    AggType *type;
} AggBlock;

/* Arrows routed around cards in one frame, at most: beyond, in a crowd of
 * arrows, the rest keep their curves (a frame stays within its time). */
#define ROUTE_MAX_FRAME 600

#define ROUTE_MARGIN 5.0f /* world units around a card that arrows keep clear of */

static float zk(const Scene *s)
{
    return s->v->zoom * s->s;
}

static void to_screen(const Scene *s, float wx, float wy, float *x, float *y)
{
    float k = zk(s);
    *x = s->rg.heap_x + (wx - s->v->pan_x) * k;
    *y = s->rg.heap_y + (wy - s->v->pan_y) * k;
}

int render_card_rect(const GcHeap *h, const Layout *layout, GcId id, float *x, float *y, float *w,
                     float *h_out)
{
    const GcObject *o = gc_object(h, id);
    if (!o || layout_get(layout, id, x, y) < 0)
        return -1;
    layout_card_dims(layout, id, o->kind, gc_nslots(o), w, h_out);
    return 0;
}

static int zpx(const Scene *s, float px)
{
    return (int)(px * zk(s) + 0.5f);
}

/* Is the card of id drawn in this frame, and how opaque? */
int render_is_temporary(const GcHeap *h, GcId id)
{
    const GcObject *o = gc_object(h, id);
    int32_t born = gc_born(h, id);
    return o && o->kind == GC_KIND_TUPLE && born >= 0 && born < gc_event_count(h) &&
           gc_event(h, born)->kind == GC_EV_ALLOC && gc_event(h, born)->obj == id &&
           gc_event_interpreter_only(h, born);
}

#define SLIDE_GHOST_ZMIN 0.66f /* ghosts alone smaller than this: listed instead */

static float card_alpha(HeapCtx *c, const GcObject *o)
{
    Scene *s = c->s;
    if (s->v->beginner && render_is_temporary(s->h, gc_object_id(s->h, o)))
        return 0; /* a beginner's view: no interpreter temporaries */
    if (o->state == GC_STATE_ALIVE) {
        int32_t born = gc_born(s->h, gc_object_id(s->h, o));
        if (born > s->ev && s->v->anim < 1 && born >= s->v->prev_cursor)
            return s->v->anim;
        return 1;
    }
    int32_t died = gc_died(s->h, gc_object_id(s->h, o));
    if (died < c->stmt_start)
        return 0;
    float ghost = 0.35f;
    if (s->v->anim < 1 && s->v->prev_cursor >= 0 && died >= s->v->prev_cursor)
        return 1 - (1 - ghost) * s->v->anim;
    return ghost;
}

static int is_hot(const Scene *s, GcId id)
{
    if (s->ev < 0)
        return 0;
    const GcEvent *e = gc_event(s->h, s->ev);
    if (e->kind == GC_EV_STMT || e->kind == GC_EV_STEP_END || e->kind == GC_EV_PHASE ||
        e->kind == GC_EV_GC_START || e->kind == GC_EV_GC_END)
        return 0;
    return e->obj == id || e->obj2 == id;
}

static float badge(Scene *s, float right, float y, float h, const char *text, RenderColor bg,
                   RenderColor fg, float radius, int px);

/* The gc_refs badge of o (in a collection) ending at right; its width. */
static float gc_badge(Scene *s, const GcObject *o, float right, float y, float h, int px,
                      float alpha)
{
    const RenderTheme *t = s->t;
    const GcEvent *e = s->ev >= 0 ? gc_event(s->h, s->ev) : NULL;
    char buf[64];
    int gr_hot = e &&
                 (e->kind == GC_EV_UPDATE_REFS || e->kind == GC_EV_SUBTRACT ||
                  e->kind == GC_EV_VISIT_REACHABLE) &&
                 e->obj == gc_object_id(s->h, o);
    if (gr_hot && e->kind != GC_EV_UPDATE_REFS)
        snprintf(buf, sizeof buf, "gc %lld\xE2\x86\x92%lld", (long long)e->a, (long long)e->b);
    else
        snprintf(buf, sizeof buf, "gc %lld", (long long)o->gc_refs);
    return badge(s, right, y, h, buf, with_alpha(gr_hot ? t->hot : t->gcrefs, alpha),
                 with_alpha(gr_hot ? t->bg : t->gcrefs_text, alpha), h / 8, px);
}

static void tag_strip(HeapCtx *c, GcId id, float x, float y, float w, float k, float alpha,
                      const GcObject *o)
{
    Scene *s = c->s;
    const RenderTheme *t = s->t;
    int px = zpx(s, 16);
    if (px < 7)
        return;
    float th = LAYOUT_TAG_H * k - 6 * k;
    float tx = x;
    const GcEvent *e = s->ev >= 0 ? gc_event(s->h, s->ev) : NULL;
    char buf[96], fit_was[96];
    /* generation label at the right (bars + text) */
    int bars = 0;
    RenderColor gc = t->untracked;
    const char *gl = "untracked";
    switch (o->list) {
    case GC_LIST_GEN0: bars = 1; gc = t->gen[0]; gl = "gen 0"; break;
    case GC_LIST_GEN1: bars = 2; gc = t->gen[1]; gl = "gen 1"; break;
    case GC_LIST_GEN2: bars = 3; gc = t->gen[2]; gl = "gen 2"; break;
    case GC_LIST_PERMANENT: bars = 4; gc = t->gen[3]; gl = "permanent"; break;
    case GC_LIST_NONE: break;
    default: gc = t->unreachable; gl = gc_list_name((GcListId)o->list); break;
    }
    if (bars && gc_globals(s->h)->collector != GC_COLLECTOR_CPYTHON)
        gl = ""; /* refcount only and mark-sweep have no generations: none is drawn */
    const uint8_t *reach = render_scene_reach(s);
    if (o->state == GC_STATE_FREED)
        gl = "freed";
    else if (o->flags & GC_F_UNREACHABLE)
        gl = ""; /* one state label per card: the footer says "tentatively unreachable" */
    else if (!bars && o->list != GC_LIST_NONE && reach && id <= s->maxid && !reach[id])
        gl = ""; /* a collector's list: the footer says "unreachable" and names the list */
    float gw = gl[0] ? (float)render_text_width(s->fonts, RENDER_FONT_SANS, px, gl) : 0;
    CardGeo *g = &c->geo[id];
    if (o->state == GC_STATE_ALIVE && (o->flags & GC_F_COLLECTING) &&
        gc_globals(s->h)->collector == GC_COLLECTOR_CPYTHON && layout_is_compact(s->layout, id)) {
        /* a compact card's header has room for its title and rc only: its
         * gc_refs badge stands above it, where the generation's name was
         * (its bars still say which) */
        gw = gc_badge(s, o, x + w, y, th, zpx(s, 16), alpha);
    } else {
        render_text_mid(s, x + w, y, th, RENDER_FONT_SANS, px, RENDER_ALIGN_RIGHT,
                        o->state == GC_STATE_FREED ? t->text_faint : with_alpha(gc, alpha), gl);
    }
    g->tag_r = x + w - gw;
    float right = x + w - gw - 8 * k;
    /* names from every frame */
    for (int d = 0; d < gc_frame_count(s->h); d++) {
        const GcFrame *f = gc_frame(s->h, d);
        for (uint32_t i = 0; i < f->nvars; i++) {
            if (f->vars[i].val != GC_VAL_OBJ(id))
                continue;
            const char *name = gc_strtab_get(gc_atoms(s->h), (int32_t)GC_VAL_PAYLOAD(f->vars[i].key));
            snprintf(buf, sizeof buf, "%s", name);
            float pw = (float)render_text_width(s->fonts, RENDER_FONT_MONO, px, buf) + th * 0.8f;
            if (tx + pw > right && tx == x && right - x > th * 3) {
                /* a first name too long for the card: cut, not hidden */
                char cut[96];
                snprintf(buf, sizeof buf, "%s", render_fit(s, RENDER_FONT_MONO, px, name,
                                                           right - x - th * 0.8f, cut, sizeof cut));
                pw = (float)render_text_width(s->fonts, RENDER_FONT_MONO, px, buf) + th * 0.8f;
            }
            if (tx + pw > right) {
                g->tag_l = right;
                render_text_mid(s, tx, y, th, RENDER_FONT_SANS, px, RENDER_ALIGN_LEFT,
                                with_alpha(t->text_dim, alpha), "+");
                return;
            }
            int hot = e && e->kind == GC_EV_BIND && e->obj == id && e->a == d && (uint32_t)e->slot == i;
            RenderColor bg = hot ? t->arrow_hot : (d == 0 ? t->text_dim : t->gen[1]);
            render_rect(s->l, tx, y, pw, th, th * 0.5f, with_alpha(bg, alpha));
            render_text_mid(s, tx + pw * 0.5f, y, th, RENDER_FONT_MONO, px, RENDER_ALIGN_CENTER,
                            with_alpha(t->bg, alpha), buf);
            tx += pw + 5 * k;
            g->tag_l = tx;
        }
    }
    if (tx == x && c->was && c->was[id] > 0) {
        /* no name now: the one that last referred to it, after del */
        snprintf(buf, sizeof buf, "was %s", gc_strtab_get(gc_atoms(s->h), c->was[id] - 1));
        const char *wt =
            render_fit(s, RENDER_FONT_MONO, px, buf, right - x, fit_was, sizeof fit_was);
        render_text_mid(s, x, y, th, RENDER_FONT_MONO, px, RENDER_ALIGN_LEFT, t->text_dim, wt);
        g->tag_l = x + (float)render_text_width(s->fonts, RENDER_FONT_MONO, px, wt);
    }
    (void)bars;
}

/* Distinct module-level names looked back at for "was a": past them the
 * older names are not shown. */
#define WAS_NAMES 64
_Static_assert(sizeof((HeapCtx *)0)->was_ids >= WAS_NAMES * sizeof(GcId), "was_ids holds them");

/* c->was from the module-level bindings before the event shown (at most
 * WAS_LOOKBACK events back), asked of the run index (each name's last
 * binding, gc_index_name_bound) instead of reading the events back; left
 * NULL when there is no memory for it.  Only a name's last binding to an
 * object counts: "was p" is the object p referred to last, not every
 * object a loop variable passed through (a tree built in a loop read
 * "was p" on every inner node).  The WAS_NAMES names bound last count;
 * for an object two of them held, the later. */
static void names_were(HeapCtx *c)
{
    Scene *s = c->s;
    const GcRunIndex *x = s->tl;
    c->was = c->scratch ? render_cache_scratch(s->cache, 2, (size_t)s->maxid + 1, sizeof *c->was)
                        : calloc((size_t)s->maxid + 1, sizeof *c->was);
    if (!c->was || !x)
        return;
    int32_t at[WAS_NAMES]; /* the binding events, newest first */
    int n = 0;
    for (int32_t k = 0; k < x->nnames; k++) {
        int32_t e = gc_index_name_bound(x, k, s->ev);
        if (e < 0 || e <= s->ev - WAS_LOOKBACK || (n == WAS_NAMES && e < at[n - 1]))
            continue;
        int i = n < WAS_NAMES ? n++ : n - 1;
        for (; i > 0 && at[i - 1] < e; i--)
            at[i] = at[i - 1];
        at[i] = e;
    }
    for (int i = 0; i < n; i++) {
        const GcEvent *e = gc_event(s->h, at[i]);
        if (e->obj <= s->maxid && !c->was[e->obj]) {
            c->was[e->obj] = (int32_t)e->b + 1;
            c->was_ids[c->nwas++] = e->obj;
        }
    }
}

static int gen_bars(const GcObject *o, const RenderTheme *t, RenderColor *c)
{
    switch (o->list) {
    case GC_LIST_GEN0: *c = t->gen[0]; return 1;
    case GC_LIST_GEN1: *c = t->gen[1]; return 2;
    case GC_LIST_GEN2: *c = t->gen[2]; return 3;
    case GC_LIST_PERMANENT: *c = t->gen[3]; return 4;
    case GC_LIST_NONE: *c = t->untracked; return 0;
    default: *c = t->unreachable; return 1;
    }
}

/* A badge at the right of the header; returns its width. */
static float badge(Scene *s, float right, float y, float h, const char *text, RenderColor bg,
                   RenderColor fg, float radius, int px)
{
    float w = (float)render_text_width(s->fonts, RENDER_FONT_BOLD, px, text) + h * 0.8f;
    render_rect(s->l, right - w, y, w, h, radius, bg);
    render_text_mid(s, right - w * 0.5f, y, h, RENDER_FONT_BOLD, px, RENDER_ALIGN_CENTER, fg, text);
    return w;
}

/* The outline that shows a card's state by shape as well as colour:
 * dotted when freed, thick when leaked, dashed when unreachable, thicker
 * still when the micro-step touches it or it is selected; u is the unit
 * of widths and dashes. */
static void outline_style(const RenderTheme *t, int freed, int leaked, int unreach, int hot,
                          int selected, float u, RenderColor *oc, float *ow, float *dash)
{
    *oc = t->card_border;
    *ow = 1.5f * u;
    *dash = 0;
    if (freed) {
        *oc = t->freed;
        *dash = 4 * u;
    } else if (leaked) {
        *oc = t->leaked;
        *ow = 2.5f * u;
    } else if (unreach) {
        *oc = t->unreachable;
        *ow = 2.5f * u;
        *dash = 9 * u;
    }
    if (hot) {
        *oc = t->hot;
        *ow = 3.5f * u;
    } else if (selected) {
        *oc = t->accent;
        *ow = 3 * u;
    }
}

/* Below this zoom the 16 px text of a card is under 7 px: cards are drawn
 * in the overview style (draw_card_overview). */
#define OVERVIEW_PX 7

static int overview(const Scene *s)
{
    return zpx(s, 16) < OVERVIEW_PX;
}

/* The overview style: a card too small for its rows is one square block
 * with its label ("Node #3", or "#3" when that does not fit) and refcount
 * in text of a readable size, the generation bars, and the state's
 * outline. */
static void draw_card_overview(HeapCtx *c, GcId id, const GcObject *o, int hot, int selected,
                               int unreach, int leaked, float content_a)
{
    Scene *s = c->s;
    const RenderTheme *t = s->t;
    const CardGeo *g = &c->geo[id];
    float bx = g->x, by = g->y, bw = g->w, bh = g->h, a = g->alpha;
    float r = 0; /* square: whole-pixel fills, cheap for hundreds of cards */
    int freed = o->state == GC_STATE_FREED;
    if (hot)
        render_rect(s->l, bx - sc(s, 4), by - sc(s, 4), bw + sc(s, 8), bh + sc(s, 8), r + sc(s, 4),
                    t->hot_fill);
    render_rect(s->l, bx, by, bw, bh, r, with_alpha(t->card_header, freed ? a * 0.5f : content_a));
    if (leaked)
        render_hatch(s->l, bx + 1, by + 1, bw - 2, bh - 2, sc(s, 1), sc(s, 5),
                     with_alpha(t->leaked, 0.45f * a));
    RenderColor gcol;
    GcCollector coll = gc_globals(s->h)->collector;
    int bars = freed || coll != GC_COLLECTOR_CPYTHON ? 0 : gen_bars(o, t, &gcol);
    float bar_w = sc(s, 2), bar_step = sc(s, 3.5f);
    for (int b = 0; b < bars; b++)
        render_rect(s->l, bx + sc(s, 3) + bar_step * (float)b, by + bh * 0.18f, bar_w, bh * 0.64f, 0,
                    with_alpha(gcol, content_a));
    float left = bx + sc(s, 3) + bar_step * (float)(bars ? bars : 0) + sc(s, 3);
    float right = bx + bw - sc(s, 4);
    int px = (int)(bh * 0.62f);
    if (px > spx(s, 13))
        px = spx(s, 13);
    if (px >= spx(s, 8) && right - left > sc(s, 12)) {
        char label[160], rc[32], fit[160];
        rc[0] = 0;
        if (!freed && coll != GC_COLLECTOR_MARKSWEEP)
            snprintf(rc, sizeof rc, "%lld", (long long)o->refcnt);
        float rcw = rc[0] ? (float)render_text_width(s->fonts, RENDER_FONT_BOLD, px, rc) : 0;
        render_obj_label(s->h, id, label, sizeof label);
        float lw = (float)render_text_width(s->fonts, RENDER_FONT_BOLD, px, label);
        const char *l = label;
        if (lw > right - left - rcw - sc(s, 6)) {
            l = strchr(label, '#') ? strchr(label, '#') : label;
            lw = (float)render_text_width(s->fonts, RENDER_FONT_BOLD, px, l);
        }
        if (rc[0] && lw + rcw + sc(s, 6) <= right - left)
            render_text_mid(s, right, by, bh, RENDER_FONT_BOLD, px, RENDER_ALIGN_RIGHT,
                            with_alpha(t->text_dim, content_a), rc);
        render_text_mid(s, left, by, bh, RENDER_FONT_BOLD, px, RENDER_ALIGN_LEFT,
                        freed ? t->text_faint : with_alpha(t->card_text, content_a),
                        render_fit(s, RENDER_FONT_BOLD, px, l, right - left, fit, sizeof fit));
    }
    RenderColor oc;
    float ow, dash;
    outline_style(t, freed, leaked, unreach, hot, selected, sc(s, 0.7f), &oc, &ow, &dash);
    render_frame(s->l, bx, by, bw, bh, r, ow, dash, with_alpha(oc, a));
    render_hit(s->l, RENDER_HIT_CARD, id, bx, by, bw, bh);
}

/* The block of a card's centre (screen, cx and cy from the heap area's
 * corner): a card beyond the grid's edge is counted in the edge's block. */
static int agg_block_at(const HeapCtx *c, float cx, float cy)
{
    const Scene *s = c->s;
    int ix = (int)floorf(cx * (float)c->agg_w / s->rg.heap_w),
        iy = (int)floorf(cy * (float)c->agg_h / c->agg_gh);
    ix = ix < 0 ? 0 : ix >= c->agg_w ? c->agg_w - 1 : ix;
    iy = iy < 0 ? 0 : iy >= c->agg_h ? c->agg_h - 1 : iy;
    return iy * c->agg_w + ix;
}

/* n objects of a type into block b (the least example kept). */
static int agg_type_add(AggBlock *b, const AggType *ty)
{
    int t;
    for (t = 0; t < b->ntypes; t++)
        if (b->type[t].kind == ty->kind && b->type[t].cls == ty->cls)
            break;
    if (t < b->ntypes) {
        b->type[t].n += ty->n;
        b->type[t].example = ty->example < b->type[t].example ? ty->example : b->type[t].example;
        return 0;
    }
    if (b->ntypes == b->captypes) {
        int cap = b->captypes ? 2 * b->captypes : 8;
        AggType *m = realloc(b->type, (size_t)cap * sizeof *m);
        if (!m)
            return -1;
        b->type = m;
        b->captypes = cap;
    }
    b->type[b->ntypes++] = *ty;
    return 0;
}

static void agg_add(HeapCtx *c, GcId id, const CardGeo *g, const GcObject *o)
{
    const Scene *s = c->s;
    int bi = agg_block_at(c, g->x + g->w * 0.5f - s->rg.heap_x, g->y + g->h * 0.5f - s->rg.heap_y);
    AggBlock *b = &c->agg[bi];
    c->agg_of[id] = bi + 1;
    int kd = render_agg_kind(o);
    b->gen[kd]++;
    c->agg_count[kd]++;
    b->total++;
    b->unreach += c->reach && o->state == GC_STATE_ALIVE && !c->reach[id];
    AggType ty = {(int32_t)o->kind, o->kind == GC_KIND_INSTANCE ? (int32_t)o->cls : -1, id, 1};
    if (agg_type_add(b, &ty) < 0)
        s->l->oom = 1;
}

/* The block id is counted in, -1: none (not in view, or no blocks). */
static int agg_block_of(const HeapCtx *c, GcId id)
{
    if (!c->aggregate || id <= 0 || id > c->s->maxid)
        return -1;
    if (!c->cells)
        return c->agg_of[id] - 1;
    if (id > c->cells->n || c->cells->home[id] < 0 || !c->cells->counted[id])
        return -1;
    int32_t b = c->cells->block[c->cells->home[id]];
    return b >= 0 ? b : b == -2 ? c->agg_of[id] - 1 : -1;
}

/* The references between the objects in view, by pair of blocks (from *
 * nb + to; inside a block: AggBlock.inside). */
static uint32_t *agg_edges(HeapCtx *c)
{
    const Scene *s = c->s;
    int nb = c->agg_w * c->agg_h;
    uint32_t *e = calloc((size_t)nb * (size_t)nb, sizeof *e);
    if (!e)
        return NULL;
    for (int ci = 0; ci < c->ncand; ci++) {
        GcId id = c->cand[ci];
        int from = c->agg_of[id] - 1;
        const GcObject *o = from >= 0 ? gc_object(s->h, id) : NULL;
        if (!o || o->state != GC_STATE_ALIVE)
            continue;
        uint32_t ns = o->kind == GC_KIND_WEAKREF ? 0 : gc_nslots(o);
        for (uint32_t i = 0; i < ns; i++) {
            for (int kv = 0; kv < 2; kv++) {
                GcValue v = kv ? gc_slot(o, i).val : gc_slot(o, i).key;
                if (!GC_VAL_IS_OBJ(v))
                    continue;
                GcId to = (GcId)GC_VAL_PAYLOAD(v);
                c->agg_refs += kv;
                int tb = to >= 1 && to <= s->maxid ? c->agg_of[to] - 1 : -1;
                if (tb < 0)
                    continue;
                if (tb == from)
                    c->agg[from].inside++;
                else
                    e[(size_t)from * (size_t)nb + (size_t)tb]++;
            }
        }
    }
    return e;
}

/* One reference from block a to block b (-1: not in view). */
static void agg_ref(HeapCtx *c, uint32_t *e, int a, int b, uint32_t n)
{
    int nb = c->agg_w * c->agg_h;
    if (a < 0 || b < 0)
        return;
    if (a == b)
        c->agg[a].inside += n;
    else
        e[(size_t)a * (size_t)nb + (size_t)b] += n;
}

/* agg_edges from the cells (below, by the keep of the cells). */
static uint32_t *agg_edges_cells(HeapCtx *c);

void render_thousands(char *buf, size_t n, int64_t v)
{
    gc_thousands(buf, n, v);
}

/* Block bi's cell of the heap area (its cards are those whose centre is
 * in it: a click there zooms to it) and the block drawn inside it, with
 * room between blocks for the arrows and, in the top row, for the
 * summary line. */
static void agg_cell(const HeapCtx *c, int bi, float cell[4], float box[4])
{
    const Scene *s = c->s;
    float cw = s->rg.heap_w / (float)c->agg_w, ch = c->agg_gh / (float)c->agg_h;
    cell[0] = s->rg.heap_x + cw * (float)(bi % c->agg_w);
    cell[1] = s->rg.heap_y + ch * (float)(bi / c->agg_w);
    cell[2] = cw;
    cell[3] = ch;
    float in = sc(s, 12), top = bi < c->agg_w ? (float)spx(s, 13) + sc(s, 20) : in;
    box[0] = cell[0] + in;
    box[1] = cell[1] + top;
    box[2] = cw - 2 * in;
    box[3] = ch - top - in;
}

static int cmp_type(const void *a, const void *b)
{
    const AggType *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return (x->example > y->example) - (x->example < y->example);
}

/* One block: its types with their counts (the most numerous first), how
 * many of its objects are unreachable or were freed in this statement
 * (outlined dashed or dotted as their cards are when all are), a bar
 * split by generation in the generations' colours, the references inside
 * it, and a hit region for the drill-down. */
static void agg_block(HeapCtx *c, int bi)
{
    Scene *s = c->s;
    const RenderTheme *t = s->t;
    AggBlock *b = &c->agg[bi];
    float pad = sc(s, 8), r = sc(s, 8), cell[4], box[4];
    agg_cell(c, bi, cell, box);
    float x = box[0], y = box[1], w = box[2], h = box[3];
    render_rect(s->l, x, y, w, h, r, with_alpha(t->card_header, 0.94f));
    RenderColor oc;
    float ow, dash;
    uint32_t freed = b->gen[AGG_FREED];
    int state = b->unreach > 0 || freed > 0;
    outline_style(t, freed == b->total, 0, b->unreach == b->total, 0, 0, sc(s, 0.8f), &oc, &ow,
                  &dash);
    render_frame(s->l, x, y, w, h, r, ow, dash, oc);
    /* types, most numerous first (the least example first among equals:
     * the first met in id order); those beyond AGG_TYPES as others */
    if (b->ntypes > 1)
        qsort(b->type, (size_t)b->ntypes, sizeof *b->type, cmp_type);
    uint32_t other_types = 0;
    for (int i = AGG_TYPES; i < b->ntypes; i++)
        other_types += b->type[i].n;
    int px = spx(s, 14), px2 = spx(s, 12);
    float ly = y + pad, lh = (float)px * 1.35f, lh2 = (float)px2 * 1.35f;
    char buf[160], num[32], fit[160];
    int rows = (int)((h - pad * 2 - sc(s, 12) - lh2) / lh2) - state;
    for (int i = 0; i < b->ntypes && i < AGG_TYPES && (i == 0 || i < rows); i++) {
        const AggType *ty = &b->type[i];
        render_thousands(num, sizeof num, (int64_t)ty->n);
        snprintf(buf, sizeof buf, "%s \xC3\x97 %s", gc_type_name(s->h, ty->example), num);
        int big = i == 0;
        render_text(s->l, x + pad, ly, big ? RENDER_FONT_BOLD : RENDER_FONT_SANS, big ? px : px2,
                    RENDER_ALIGN_LEFT, big ? t->card_text : t->text_dim,
                    render_fit(s, big ? RENDER_FONT_BOLD : RENDER_FONT_SANS, big ? px : px2, buf,
                               w - 2 * pad, fit, sizeof fit));
        ly += big ? lh : lh2;
    }
    if (other_types) {
        render_thousands(num, sizeof num, (int64_t)other_types);
        snprintf(buf, sizeof buf, "+ %s of other types", num);
        if (ly + lh2 < y + h - pad - sc(s, 12) - lh2 * (state ? 2 : 1)) {
            render_text(s->l, x + pad, ly, RENDER_FONT_SANS, px2, RENDER_ALIGN_LEFT, t->text_faint,
                        buf);
            ly += lh2;
        }
    }
    /* unreachable and freed objects, then references inside, above the
     * generation bar */
    float by = y + h - pad - sc(s, 10);
    if (state && by - 2 * lh2 >= y + pad + lh) {
        char un[32], fr[32];
        render_thousands(un, sizeof un, (int64_t)b->unreach);
        render_thousands(fr, sizeof fr, (int64_t)freed);
        if (b->unreach && freed)
            snprintf(buf, sizeof buf, "%s unreachable \xC2\xB7 %s freed", un, fr);
        else
            snprintf(buf, sizeof buf, "%s%s %s", b->unreach + freed == b->total ? "all " : "",
                     b->unreach ? un : fr, b->unreach ? "unreachable" : "freed");
        float line = by - 2 * lh2;
        if (b->unreach && freed &&
            (float)render_text_width(s->fonts, RENDER_FONT_BOLD, px2, buf) > w - 2 * pad &&
            line - lh2 >= ly) {
            /* "5,029 unreachable · 1 freed" does not fit a narrow block:
             * the freed ones on a line of their own, under the others */
            snprintf(buf, sizeof buf, "%s freed", fr);
            render_text(s->l, x + pad, line, RENDER_FONT_BOLD, px2, RENDER_ALIGN_LEFT, t->text_dim,
                        render_fit(s, RENDER_FONT_BOLD, px2, buf, w - 2 * pad, fit, sizeof fit));
            snprintf(buf, sizeof buf, "%s unreachable", un);
            line -= lh2;
        }
        render_text(s->l, x + pad, line, RENDER_FONT_BOLD, px2, RENDER_ALIGN_LEFT,
                    b->unreach ? t->unreachable : t->text_dim,
                    render_fit(s, RENDER_FONT_BOLD, px2, buf, w - 2 * pad, fit, sizeof fit));
    }
    render_thousands(num, sizeof num, (int64_t)b->inside);
    snprintf(buf, sizeof buf, "%s reference%s inside", num, b->inside == 1 ? "" : "s");
    if (b->inside || freed < b->total) /* ghosts refer to nothing: no "0 references" */
        render_text(s->l, x + pad, by - lh2, RENDER_FONT_SANS, px2, RENDER_ALIGN_LEFT, t->text_dim,
                    render_fit(s, RENDER_FONT_SANS, px2, buf, w - 2 * pad, fit, sizeof fit));
    float bx = x + pad, bw = w - 2 * pad;
    for (int k = 0; k < AGG_KINDS; k++) {
        if (!b->gen[k])
            continue;
        float gw = bw * (float)b->gen[k] / (float)b->total;
        RenderColor col = k < 4    ? t->gen[k]
                          : k == 4 ? t->untracked
                          : k == 5 ? t->unreachable
                                   : with_alpha(t->freed, 0.6f);
        render_rect(s->l, bx, by, gw, sc(s, 8), 0, col);
        bx += gw;
    }
    /* the drill-down target: the block's cell (a click zooms it to the heap
     * area), the bottom row's down to the heap's edge (its objects under the
     * window's button are counted in it) */
    float ch = bi / c->agg_w == c->agg_h - 1 ? s->rg.heap_y + s->rg.heap_h - cell[1] : cell[3];
    render_hit(s->l, RENDER_HIT_BLOCK, bi, cell[0], cell[1], cell[2], ch);
}

/* Whether the rectangles a and b (x0, y0, x1, y1) overlap once b is grown
 * by m on every side (touching edges do not). */
static int rects_meet(const float a[4], const float b[4], float m)
{
    return a[0] < b[2] + m && a[2] > b[0] - m && a[1] < b[3] + m && a[3] > b[1] - m;
}

/* Whether the screen rectangle r (x0, y0, x1, y1) meets a block of counts
 * or a count already drawn. */
static int label_overlaps(const HeapCtx *c, const float r[4])
{
    float m = sc(c->s, 3);
    for (int i = 0; i < c->nlabels; i++)
        if (rects_meet(r, c->labels[i], m))
            return 1;
    for (int bi = 0; bi < c->agg_w * c->agg_h; bi++) {
        float cell[4], box[4];
        if (!c->agg[bi].total)
            continue;
        agg_cell(c, bi, cell, box);
        float q[4] = {box[0], box[1], box[0] + box[2], box[1] + box[3]};
        if (rects_meet(r, q, 0))
            return 1;
    }
    return 0;
}

/* A summarised arrow: every reference from the objects of one block to
 * those of another, one arrow with its count (wider for more); the
 * opposite direction runs beside it. */
static void agg_arrow(HeapCtx *c, int from, int to, uint32_t n, int label)
{
    Scene *s = c->s;
    const RenderTheme *t = s->t;
    float cell[4], fb[4], tb[4];
    agg_cell(c, from, cell, fb);
    agg_cell(c, to, cell, tb);
    float ax = fb[0] + fb[2] * 0.5f, ay = fb[1] + fb[3] * 0.5f, bx = tb[0] + tb[2] * 0.5f,
          by = tb[1] + tb[3] * 0.5f;
    float dx = bx - ax, dy = by - ay, len = sqrtf(dx * dx + dy * dy);
    if (len < 1)
        return;
    float ux = dx / len, uy = dy / len, off = sc(s, 8);
    /* from edge to edge of the two blocks */
    float ca = fminf(fabsf(ux) > 1e-4f ? fb[2] * 0.5f / fabsf(ux) : 1e9f,
                     fabsf(uy) > 1e-4f ? fb[3] * 0.5f / fabsf(uy) : 1e9f),
          cb = fminf(fabsf(ux) > 1e-4f ? tb[2] * 0.5f / fabsf(ux) : 1e9f,
                     fabsf(uy) > 1e-4f ? tb[3] * 0.5f / fabsf(uy) : 1e9f);
    ca += sc(s, 2);
    cb += sc(s, 2);
    if (len < ca + cb + sc(s, 8))
        return;
    RenderPt pts[2] = {{ax + ux * ca - uy * off, ay + uy * ca + ux * off},
                       {bx - ux * cb - uy * off, by - uy * cb + ux * off}};
    float width = sc(s, 1.5f) + sc(s, 1.2f) * log10f((float)n + 1);
    if (!label) {
        render_line(s->l, pts, 2, width, 0, sc(s, 10) + width, with_alpha(t->arrow, 0.9f));
        return;
    }
    char num[32];
    render_thousands(num, sizeof num, (int64_t)n);
    int px = spx(s, 12);
    float tw = (float)render_text_width(s->fonts, RENDER_FONT_BOLD, px, num) + sc(s, 10),
          th = (float)px + sc(s, 6);
    /* the count past the middle, towards the target, on the arrow's own
     * side: the labels of arrows leaving one block spread out, those of
     * opposite arrows do not meet */
    float side = fabsf(ux) * th * 0.5f + fabsf(uy) * tw * 0.5f + sc(s, 2);
    /* where along it the count covers no block's text and no other count
     * (a long arrow crosses blocks): else it has none, its width tells */
    static const float along[] = {0.62f, 0.5f, 0.74f, 0.38f, 0.86f, 0.26f};
    float mx = 0, my = 0;
    int free_at = -1;
    for (int a = 0; a < 6 && free_at < 0; a++) {
        mx = pts[0].x + (pts[1].x - pts[0].x) * along[a] - uy * side;
        my = pts[0].y + (pts[1].y - pts[0].y) * along[a] + ux * side;
        float r[4] = {mx - tw * 0.5f, my - th * 0.5f, mx + tw * 0.5f, my + th * 0.5f};
        if (!label_overlaps(c, r))
            free_at = a;
    }
    if (free_at < 0 || c->nlabels == (int)(sizeof c->labels / sizeof c->labels[0]))
        return;
    float *lr = c->labels[c->nlabels++];
    lr[0] = mx - tw * 0.5f;
    lr[1] = my - th * 0.5f;
    lr[2] = mx + tw * 0.5f;
    lr[3] = my + th * 0.5f;
    render_rect(s->l, mx - tw * 0.5f, my - th * 0.5f, tw, th, th * 0.5f, t->badge);
    render_text_mid(s, mx, my - th * 0.5f, th, RENDER_FONT_BOLD, px, RENDER_ALIGN_CENTER,
                    t->badge_text, num);
}

/* The crowd as blocks (agg_block) with summarised arrows between them
 * (the AGG_ARROWS largest counts), and one line that counts what is
 * there. */
static void agg_draw(HeapCtx *c)
{
    Scene *s = c->s;
    const RenderTheme *t = s->t;
    int nb = c->agg_w * c->agg_h;
    uint32_t *e = c->cells ? agg_edges_cells(c) : agg_edges(c);
    if (!e)
        s->l->oom = 1;
    int drawn = 0, pairs = 0;
    uint32_t floor_n = 0; /* arrows below this count are left out */
    for (size_t i = 0; e && i < (size_t)nb * (size_t)nb; i++)
        pairs += e[i] > 0;
    if (pairs > AGG_ARROWS) {
        /* the count of the AGG_ARROWS-th largest pair, by halving */
        uint32_t lo = 1, hi = UINT32_MAX;
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo + 1) / 2;
            int above = 0;
            for (size_t i = 0; i < (size_t)nb * (size_t)nb; i++)
                above += e[i] >= mid;
            if (above >= AGG_ARROWS)
                lo = mid;
            else
                hi = mid - 1;
        }
        floor_n = lo;
    }
    /* the arrows under the blocks (one passing a block goes beneath it),
     * their counts over everything */
    for (int pass = 0; pass < 2; pass++) {
        drawn = 0;
        for (int a = 0; e && a < nb; a++)
            for (int b = 0; b < nb; b++) {
                uint32_t n = e[(size_t)a * (size_t)nb + (size_t)b];
                if (!n || n < floor_n || drawn >= AGG_ARROWS)
                    continue;
                agg_arrow(c, a, b, n, pass);
                drawn++;
            }
        for (int bi = 0; pass == 0 && bi < nb; bi++)
            if (c->agg[bi].total) {
                /* a group the backend keeps as pixels: a step changes
                 * the counts of a few blocks, the others look the same */
                int32_t g = render_group_begin(s->l);
                agg_block(c, bi);
                if (g >= 0)
                    render_group_end(s->l, g);
            }
    }
    free(e);
    char line[400], refs_s[32];
    int64_t all = 0;
    int blocks = 0;
    for (int k = 0; k < AGG_KINDS; k++)
        all += c->agg_count[k];
    for (int bi = 0; bi < nb; bi++)
        blocks += c->agg[bi].total > 0;
    render_thousands(refs_s, sizeof refs_s, (int64_t)c->agg_refs);
    char all_s[32];
    render_thousands(all_s, sizeof all_s, all);
    snprintf(line, sizeof line,
             "%s objects in view in %d blocks \xC2\xB7 %s references%s \xC2\xB7 click a block "
             "to zoom into it",
             all_s, blocks, refs_s, pairs > drawn ? " (arrows: the largest counts)" : "");
    float px = (float)spx(s, 13);
    char fit[400];
    render_rect(s->l, s->rg.heap_x + sc(s, 8), s->rg.heap_y + sc(s, 8), s->rg.heap_w - sc(s, 16),
                px + sc(s, 10), sc(s, 4), with_alpha(t->panel, 0.92f));
    render_text(
        s->l, s->rg.heap_x + sc(s, 14), s->rg.heap_y + sc(s, 13), RENDER_FONT_SANS, (int)px,
        RENDER_ALIGN_LEFT, t->text,
        render_fit(s, RENDER_FONT_SANS, (int)px, line, s->rg.heap_w - sc(s, 28), fit, sizeof fit));
}

/* Whether the cards in view are too many for one block each: more than
 * AGG_LIMIT, or more than AGG_SMALL_N at a zoom where a card's block
 * would be a few pixels high (a drill-down goes on until its cards can
 * be read). */
static int crowded(HeapCtx *c)
{
    Scene *s = c->s;
    if (!overview(s) || s->maxid <= AGG_SMALL_N)
        return 0;
    float k = zk(s);
    int n = 0, small = s->v->zoom < AGG_ZOOM;
    for (int ci = 0; ci < c->ncand; ci++) {
        GcId id = c->cand[ci];
        const GcObject *o = gc_object(s->h, id);
        float wx, wy, x, y, ww, wh;
        if (!o || layout_get(s->layout, id, &wx, &wy) < 0)
            continue;
        /* the ghosts of this statement's frees are drawn too (card_alpha) */
        if (o->state != GC_STATE_ALIVE &&
            (o->state != GC_STATE_FREED || gc_died(s->h, id) < c->stmt_start))
            continue;
        layout_card_dims(s->layout, id, o->kind, gc_nslots(o), &ww, &wh);
        to_screen(s, wx, wy, &x, &y);
        if (x <= s->rg.heap_x + s->rg.heap_w && x + ww * k >= s->rg.heap_x &&
            y <= s->rg.heap_y + s->rg.heap_h && y + wh * k >= s->rg.heap_y &&
            ++n > (small ? AGG_FEW : AGG_LIMIT))
            return 1;
    }
    return 0;
}

/* What the parts of one card share while it is drawn (draw_card and the
 * card_* helpers below it): the card's box on screen, its header's height
 * and text column, the micro-step shown and the alpha of its contents. */
typedef struct CardPaint {
    Scene *s;
    const RenderTheme *t;
    GcId id;
    const GcObject *o;
    const GcEvent *e; /* the micro-step shown, or NULL */
    float k;          /* zoom */
    float content_a;
    float bx, by, bw, bh; /* the card below its tag strip */
    float hh;             /* header height */
    float left;           /* where the header's and rows' text starts */
    float cw;             /* a list or tuple cell's width (world units) */
    int named;            /* its cells name their objects (tangled_lists) */
} CardPaint;

/* The card's geometry in c->geo[id] (kept for arrows even when it is not
 * drawn).  Returns 0 when nothing more is drawn: invisible, a slide's cut
 * ghost, out of view, or counted in a block of the aggregate view. */
/* The card's body on screen (g's x, y, w, h and k), its top-left corner
 * with the tag strip (*sx, *sy), and its height with the strip (*sh);
 * whether it is in the heap area's view (else culled). */
static int card_screen(const Scene *s, GcId id, const GcObject *o, float wx, float wy, CardGeo *g,
                       float *sx, float *sy, float *sh)
{
    float k = zk(s);
    float ww, wh;
    /* a freed card's ghost is its outline and title: the same height for
     * every ghost of a kind, whatever fields tp_clear left it */
    layout_card_dims(s->layout, id, o->kind, o->state == GC_STATE_FREED ? 0 : gc_nslots(o), &ww,
                     &wh);
    float x, y;
    to_screen(s, wx, wy, &x, &y);
    *sx = x;
    *sy = y;
    float w = ww * k, h = wh * k;
    *sh = h;
    g->x = x;
    g->y = y + LAYOUT_TAG_H * k;
    g->w = w;
    g->h = h - LAYOUT_TAG_H * k;
    g->k = k;
    return !(x > s->rg.heap_x + s->rg.heap_w || x + w < s->rg.heap_x ||
             y > s->rg.heap_y + s->rg.heap_h + 30 * k || y + h < s->rg.heap_y);
}

static int is_subject(const HeapCtx *c, GcId id)
{
    int named = 0;
    for (int i = 0; i < c->nsubject; i++)
        named |= c->subject[i] == id;
    return named;
}

/* Does a slide leave out the card at (x, y, w, h) on screen (tag strip
 * included)?  When it meets the heap area without lying inside it (1 px
 * of slack, as tests/render's cut_cards counts), or lies on the strip of
 * more_note (c->more_h above the bottom edge). */
static int slide_hides(const HeapCtx *c, float x, float y, float w, float h)
{
    const Scene *s = c->s;
    float x0 = s->rg.heap_x - 1, y0 = s->rg.heap_y - 1, x1 = s->rg.heap_x + s->rg.heap_w + 1,
          y1 = s->rg.heap_y + s->rg.heap_h + 1;
    int meets = x < x1 && x + w > x0 && y < y1 && y + h > y0;
    int inside = x >= x0 && y >= y0 && x + w <= x1 && y + h <= y1 - c->more_h;
    return meets && !inside;
}

static int card_geo(HeapCtx *c, GcId id, const GcObject *o, float wx, float wy, float *sx,
                    float *sy)
{
    Scene *s = c->s;
    CardGeo *g = &c->geo[id];
    float h;
    int in_view = card_screen(s, id, o, wx, wy, g, sx, sy, &h);
    float x = *sx, y = *sy, w = g->w;
    g->cw = layout_cell_w(s->layout, id);
    g->alpha = card_alpha(c, o);
    g->bottom = g->y + g->h;
    g->tag_l = x;
    g->tag_r = x + w;
    g->foot_r = 0;
    g->title_r = 0;
    g->badge_l = x + w;
    if (g->alpha <= 0)
        return 0;
    if (s->v->slide && o->state == GC_STATE_FREED &&
        (x < s->rg.heap_x - 1 || y < s->rg.heap_y - 1 || x + w > s->rg.heap_x + s->rg.heap_w + 1 ||
         y + h > s->rg.heap_y + s->rg.heap_h + 1)) {
        /* a slide shows whole cards: the ghost of a freed card that its
         * edge would cut is left out (the caption counts it), unless the
         * caption names it */
        if (!is_subject(c, id))
            return 0;
    }
    if (s->v->slide && !c->aggregate && o->state != GC_STATE_FREED && slide_hides(c, x, y, w, h))
        return 0; /* a slide shows whole cards: the living one its edge would cut is
                     left out too (one the caption names is in its "Off screen"
                     note), and counted in the strip of more_note */
    g->drawn = 1;
    if (!in_view) /* culled */
        return 0;
    if (c->aggregate) {
        agg_add(c, id, g, o);
        return 0;
    }
    /* in the heap area (the cull above keeps a strip below it for footers) */
    g->shown = x < s->rg.heap_x + s->rg.heap_w && x + w > s->rg.heap_x &&
               y < s->rg.heap_y + s->rg.heap_h && y + h > s->rg.heap_y;
    return 1;
}

/* The header's badges from the right edge leftwards: mark-sweep's mark
 * colour during a collection, or the reference count (its change during
 * an incref/decref) and the collector's gc_refs.  Returns the new right
 * edge for the title. */
static float card_badges(const CardPaint *p, float right, int bpx)
{
    Scene *s = p->s;
    const RenderTheme *t = p->t;
    const GcObject *o = p->o;
    const GcEvent *e = p->e;
    GcId id = p->id;
    float k = p->k, by = p->by, content_a = p->content_a;
    int alive = o->state != GC_STATE_FREED;
    const GcGlobals *gg = gc_globals(s->h);
    int marksweep = gg->collector == GC_COLLECTOR_MARKSWEEP;
    if (bpx >= 7 && alive && marksweep) {
        /* no reference counts: during a collection the mark colour instead */
        if (gg->collecting && gg->phase != GC_PHASE_IDLE) {
            int black = (o->flags & GC_F_MARKED) != 0, grey = (o->flags & GC_F_GREY) != 0;
            int mhot = e && e->kind == GC_EV_MARK && e->obj == id;
            RenderColor fill = black  ? (RenderColor){20, 20, 20, 255}
                               : grey ? (RenderColor){110, 110, 110, 255}
                                      : (RenderColor){255, 255, 255, 255};
            RenderColor ink =
                black || grey ? (RenderColor){255, 255, 255, 255} : (RenderColor){0, 0, 0, 255};
            float bwid =
                badge(s, right, by + 10 * k, 24 * k,
                      black  ? "black"
                      : grey ? "grey"
                             : "white",
                      with_alpha(fill, content_a), with_alpha(ink, content_a), 12 * k, bpx);
            render_frame(s->l, right - bwid, by + 10 * k, bwid, 24 * k, 12 * k,
                         (mhot ? 3.0f : 1.0f) * k, 0, mhot ? t->hot : t->card_border);
            right -= bwid + 6 * k;
        }
    }
    if (bpx >= 7 && alive && !marksweep) {
        char buf[160];
        int rc_hot = e && (e->kind == GC_EV_INCREF || e->kind == GC_EV_DECREF) && e->obj == id;
        if (rc_hot)
            snprintf(buf, sizeof buf, "rc %lld\xE2\x86\x92%lld", (long long)e->a, (long long)e->b);
        else
            snprintf(buf, sizeof buf, "rc %lld", (long long)o->refcnt);
        float bwid = badge(s, right, by + 10 * k, 24 * k, buf,
                           with_alpha(rc_hot ? t->hot : t->badge, content_a),
                           with_alpha(rc_hot ? t->bg : t->badge_text, content_a), 12 * k, bpx);
        right -= bwid + 6 * k;
        if ((o->flags & GC_F_COLLECTING) && !layout_is_compact(s->layout, id)) {
            bwid = gc_badge(s, o, right, by + 10 * k, 24 * k, bpx, content_a);
            right -= bwid + 6 * k;
        }
    }
    return right;
}

/* The header's title (type and id) left of the badges, made smaller down
 * to 14 px before it is cut.  Returns the right end of its text. */
static float card_title(const CardPaint *p, float right, int hpx)
{
    Scene *s = p->s;
    const RenderTheme *t = p->t;
    float k = p->k, left = p->left;
    char buf[160], fit[160];
    render_obj_label(s->h, p->id, buf, sizeof buf);
    /* the title is what the caption names: a smaller size before a cut */
    while (hpx > zpx(s, 14) &&
           (float)render_text_width(s->fonts, RENDER_FONT_BOLD, hpx, buf) > right - left - 4 * k)
        hpx--;
    /* a freed card's ghost keeps a readable title */
    const char *shown =
        render_fit(s, RENDER_FONT_BOLD, hpx, buf, right - left - 4 * k, fit, sizeof fit);
    render_text_mid(s, left, p->by, p->hh, RENDER_FONT_BOLD, hpx, RENDER_ALIGN_LEFT,
                    p->o->state == GC_STATE_FREED ? t->text_faint
                                                  : with_alpha(t->card_text, p->content_a),
                    shown);
    return left + (float)render_text_width(s->fonts, RENDER_FONT_BOLD, hpx, shown);
}

static int edge_followed(const GcEvent *e, GcId id, GcId tid, uint32_t i);
static int cells_named(const HeapCtx *c, GcId id);

/* A list's or tuple's body: one cell per item (a dot for an object, or
 * its name when the list's arrows would tangle, the value otherwise), the
 * cell a store just wrote marked. */
static void card_cells(const CardPaint *p, int rpx)
{
    Scene *s = p->s;
    const RenderTheme *t = p->t;
    const GcObject *o = p->o;
    const GcEvent *e = p->e;
    float k = p->k, bx = p->bx, bw = p->bw, cw = p->cw, content_a = p->content_a;
    char buf[160], fit[160];
    uint32_t n = gc_nslots(o) < LAYOUT_MAX_CELLS ? gc_nslots(o) : LAYOUT_MAX_CELLS;
    float cy = p->by + p->hh + LAYOUT_PAD * k;
    for (uint32_t i = 0; i < n; i++) {
        float cx = bx + (LAYOUT_PAD + cw * (float)i) * k;
        int changed = e && e->kind == GC_EV_STORE && e->obj == p->id && (uint32_t)e->slot == i;
        render_rect(s->l, cx + 2 * k, cy, cw * k - 4 * k, LAYOUT_CELL_H * k, 5 * k,
                    with_alpha(changed ? t->hot_fill : t->card_header, content_a));
        render_frame(s->l, cx + 2 * k, cy, cw * k - 4 * k, LAYOUT_CELL_H * k, 5 * k,
                     (changed ? 2.5f : 1) * k, 0,
                     with_alpha(changed ? t->changed : t->row_sep, content_a));
        GcValue v = gc_slot(o, i).val;
        if (GC_VAL_IS_OBJ(v) && p->named && !(e && edge_followed(e, p->id, GC_VAL_ID(v), i))) {
            /* the object's name for its arrow: "Node #5", or "#5" */
            render_obj_label(s->h, GC_VAL_ID(v), buf, sizeof buf);
            const char *nm = buf;
            if ((float)render_text_width(s->fonts, RENDER_FONT_MONO, rpx, nm) > cw * k - 8 * k &&
                strchr(buf, '#'))
                nm = strchr(buf, '#');
            render_text_mid(
                s, cx + cw * k * 0.5f, cy, LAYOUT_CELL_H * k, RENDER_FONT_MONO, rpx,
                RENDER_ALIGN_CENTER, with_alpha(t->card_text, content_a),
                render_fit(s, RENDER_FONT_MONO, rpx, nm, cw * k - 6 * k, fit, sizeof fit));
        } else if (GC_VAL_IS_OBJ(v)) {
            render_rect(s->l, cx + cw * k * 0.5f - 5 * k, cy + LAYOUT_CELL_H * k * 0.5f - 5 * k,
                        10 * k, 10 * k, 5 * k, with_alpha(t->arrow, content_a));
        } else if (GC_VAL_TAG(v) != GC_V_UNBOUND) {
            /* (an item not stored yet, NULL in CPython's new list, stays empty) */
            render_value_text(s->h, v, buf, sizeof buf);
            render_text_mid(
                s, cx + cw * k * 0.5f, cy, LAYOUT_CELL_H * k, RENDER_FONT_MONO, rpx,
                RENDER_ALIGN_CENTER, with_alpha(changed ? t->changed : t->card_text, content_a),
                render_fit(s, RENDER_FONT_MONO, rpx, buf, cw * k - 8 * k, fit, sizeof fit));
        }
    }
    if (gc_nslots(o) > LAYOUT_MAX_CELLS) {
        snprintf(buf, sizeof buf, "+%u", gc_nslots(o) - LAYOUT_MAX_CELLS);
        render_text_mid(s, bx + (LAYOUT_PAD + (cw * LAYOUT_MAX_CELLS + cw * 0.5f)) * k, cy,
                        LAYOUT_CELL_H * k, RENDER_FONT_SANS, rpx, RENDER_ALIGN_CENTER,
                        with_alpha(t->text_dim, content_a), buf);
    }
    if (gc_nslots(o) == 0)
        render_text_mid(s, bx + bw * 0.5f, cy, LAYOUT_CELL_H * k, RENDER_FONT_SANS, rpx,
                        RENDER_ALIGN_CENTER, with_alpha(t->text_faint, content_a),
                        o->kind == GC_KIND_LIST ? "empty list" : "empty tuple");
}

/* A weakref's body: "referent" with a dot its arrow leaves from, or dead. */
static void card_weakref(const CardPaint *p, int rpx)
{
    Scene *s = p->s;
    const RenderTheme *t = p->t;
    const GcObject *o = p->o;
    float k = p->k, ry = p->by + p->hh;
    const char *txt = o->wr_referent > 0 ? "referent" : "dead (cleared)";
    render_text_mid(s, p->left, ry, LAYOUT_ROW_H * k, RENDER_FONT_MONO, rpx, RENDER_ALIGN_LEFT,
                    with_alpha(t->card_text, p->content_a), txt);
    if (o->wr_referent > 0)
        render_rect(s->l, p->bx + p->bw - 19 * k, ry + LAYOUT_ROW_H * k * 0.5f - 5 * k, 10 * k,
                    10 * k, 5 * k, with_alpha(t->arrow_weak, p->content_a));
}

/* Where the ring of a dict's row i whose key is an object sits (the card
 * bx wide from x, at scale k): about the middle, each row's a step left
 * of the one above it (four steps, then again), so that a key's arrow
 * leaving its ring up or down passes the other rows' rings, not through
 * them, and two keys' arrows do not run along one line. */
static float key_ring_x(float bx, float bw, float k, uint32_t i)
{
    return bx + bw * 0.5f + (1.5f - (float)(i % 4)) * 12 * k;
}

/* Row i of a dict or instance: the key, and the value or a dot for an
 * object; the row a store just wrote marked. */
static void card_row(const CardPaint *p, int rpx, uint32_t i)
{
    Scene *s = p->s;
    const RenderTheme *t = p->t;
    const GcObject *o = p->o;
    const GcEvent *e = p->e;
    float k = p->k, bx = p->bx, bw = p->bw, left = p->left, content_a = p->content_a;
    char buf[160], fit[160];
    float ry = p->by + p->hh + LAYOUT_ROW_H * k * (float)i;
    if (gc_slot(o, i).key == GC_UNBOUND)
        return; /* a slot made for the key being inserted: nothing in it yet */
    int changed = e && (e->kind == GC_EV_STORE) && e->obj == p->id && (uint32_t)e->slot == i;
    if (changed) {
        render_rect(s->l, bx + 3 * k, ry + 2 * k, bw - 6 * k, LAYOUT_ROW_H * k - 4 * k, 5 * k,
                    t->hot_fill);
        render_rect(s->l, bx + 3 * k, ry + 4 * k, 4 * k, LAYOUT_ROW_H * k - 8 * k, 2 * k,
                    t->changed);
    }
    if (i > 0)
        render_rect(s->l, left, ry, bx + bw - left - 10 * k, 1 * k, 0,
                    with_alpha(t->row_sep, content_a));
    render_value_text(s->h, gc_slot(o, i).key, buf, sizeof buf);
    const char *key = buf;
    if (o->kind == GC_KIND_INSTANCE && GC_VAL_TAG(gc_slot(o, i).key) == GC_V_STR)
        key = gc_strtab_get(gc_atoms(s->h), (int32_t)GC_VAL_PAYLOAD(gc_slot(o, i).key));
    char kb[160];
    snprintf(kb, sizeof kb, "%s", key);
    GcValue v = gc_slot(o, i).val;
    float vx = bx + bw - 14 * k;
    if (o->kind == GC_KIND_DICT && GC_VAL_IS_OBJ(gc_slot(o, i).key)) {
        /* a key that is an object: its name in the left half, a ring about
         * the middle (key_ring_x) that its arrow leaves from (draw_arrows),
         * the value in the right half */
        float mx = key_ring_x(bx, bw, k, i), cy = ry + LAYOUT_ROW_H * k * 0.5f;
        render_frame(s->l, mx - 5 * k, cy - 5 * k, 10 * k, 10 * k, 5 * k, 2 * k, 0,
                     with_alpha(t->arrow, content_a));
        render_text_mid(
            s, left, ry, LAYOUT_ROW_H * k, RENDER_FONT_MONO, rpx, RENDER_ALIGN_LEFT,
            with_alpha(t->card_text, content_a),
            render_fit(s, RENDER_FONT_MONO, rpx, kb, mx - 10 * k - left, fit, sizeof fit));
        if (GC_VAL_IS_OBJ(v)) {
            render_rect(s->l, vx - 5 * k, cy - 5 * k, 10 * k, 10 * k, 5 * k,
                        with_alpha(changed ? t->changed : t->arrow, content_a));
            return;
        }
        char vb[160];
        render_value_text(s->h, v, vb, sizeof vb);
        render_text_mid(
            s, vx + 4 * k, ry, LAYOUT_ROW_H * k, RENDER_FONT_MONO, rpx, RENDER_ALIGN_RIGHT,
            with_alpha(changed ? t->changed : t->text_dim, content_a),
            render_fit(s, RENDER_FONT_MONO, rpx, vb, vx - mx - 10 * k, fit, sizeof fit));
        return;
    }
    if (GC_VAL_IS_OBJ(v)) {
        render_rect(s->l, vx - 5 * k, ry + LAYOUT_ROW_H * k * 0.5f - 5 * k, 10 * k, 10 * k, 5 * k,
                    with_alpha(changed ? t->changed : t->arrow, content_a));
        render_text_mid(
            s, left, ry, LAYOUT_ROW_H * k, RENDER_FONT_MONO, rpx, RENDER_ALIGN_LEFT,
            with_alpha(t->card_text, content_a),
            render_fit(s, RENDER_FONT_MONO, rpx, kb, vx - left - 16 * k, fit, sizeof fit));
    } else {
        const char *kt =
            render_fit(s, RENDER_FONT_MONO, rpx, kb, (bw - 30 * k) * 0.5f, fit, sizeof fit);
        render_text_mid(s, left, ry, LAYOUT_ROW_H * k, RENDER_FONT_MONO, rpx, RENDER_ALIGN_LEFT,
                        with_alpha(t->card_text, content_a), kt);
        /* the value has the room the key leaves ('holder' whole
         * beside "name" on a compact card) */
        float room =
            vx + 4 * k -
            (left + (float)render_text_width(s->fonts, RENDER_FONT_MONO, rpx, kt) + 10 * k);
        char vb[160];
        render_value_text(s->h, v, vb, sizeof vb);
        render_text_mid(s, vx + 4 * k, ry, LAYOUT_ROW_H * k, RENDER_FONT_MONO, rpx,
                        RENDER_ALIGN_RIGHT,
                        with_alpha(changed ? t->changed : t->text_dim, content_a),
                        render_fit(s, RENDER_FONT_MONO, rpx, vb, fmaxf(room, (bw - 30 * k) * 0.5f),
                                   fit, sizeof fit));
    }
}

/* A dict's or instance's body: its rows, "+n more" past the last one,
 * or that it is empty. */
static void card_rows(const CardPaint *p, int rpx)
{
    Scene *s = p->s;
    const RenderTheme *t = p->t;
    const GcObject *o = p->o;
    float k = p->k;
    uint32_t n = gc_nslots(o) < LAYOUT_MAX_ROWS ? gc_nslots(o) : LAYOUT_MAX_ROWS;
    for (uint32_t i = 0; i < n; i++)
        card_row(p, rpx, i);
    if (gc_nslots(o) > LAYOUT_MAX_ROWS) {
        char buf[160];
        snprintf(buf, sizeof buf, "+%u more", gc_nslots(o) - LAYOUT_MAX_ROWS);
        render_text_mid(s, p->left, p->by + p->hh + LAYOUT_ROW_H * k * LAYOUT_MAX_ROWS,
                        LAYOUT_ROW_H * k, RENDER_FONT_SANS, rpx, RENDER_ALIGN_LEFT,
                        with_alpha(t->text_dim, p->content_a), buf);
    }
    if (gc_nslots(o) == 0 && p->bh > p->hh + LAYOUT_ROW_H * k) /* a compact leaf has no row */
        render_text_mid(s, p->left, p->by + p->hh, LAYOUT_ROW_H * k, RENDER_FONT_SANS, rpx,
                        RENDER_ALIGN_LEFT, with_alpha(t->text_faint, p->content_a),
                        o->kind == GC_KIND_DICT ? "{} (empty)" : "no attributes");
}

/* The footer under the card: what is special about it (leaked, tentatively
 * unreachable, unreachable since a step, __del__ ran); it moves g->bottom
 * and g->foot_r. */
/* Room at the right of a card's bottom edge for a self-arrow's head
 * (arrow_to), which the footer's text leaves free. */
#define SELF_ENTRY_W 48.0f

/* Whether a field (not a cell) of o holds o itself: its arrow may loop
 * into the card's bottom edge (arrow_to's self == 2). */
static int refers_to_itself(const GcObject *o, GcId id)
{
    if (o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE || o->kind == GC_KIND_WEAKREF ||
        o->state != GC_STATE_ALIVE)
        return 0;
    for (uint32_t i = 0; i < gc_nslots(o) && i < LAYOUT_MAX_ROWS; i++)
        if (GC_VAL_IS_OBJ(gc_slot(o, i).val) && GC_VAL_ID(gc_slot(o, i).val) == id)
            return 1;
    return 0;
}

/* A self-loop's control points lie SELF_LOOP_D + 0.22 of its height right
 * of the card (arrow_to); a cubic Bezier reaches 3/4 of that. */
#define SELF_LOOP_D 64.0f

float render_self_loop_reach(const GcHeap *h, GcId id, float h_card)
{
    const GcObject *o = gc_object(h, id);
    if (!o || !refers_to_itself(o, id))
        return 0;
    return 0.75f * (SELF_LOOP_D + 0.22f * h_card) + 4; /* and the line's width */
}

static void card_footer(const CardPaint *p, CardGeo *g, int leaked, int tentative, int unreach)
{
    Scene *s = p->s;
    const RenderTheme *t = p->t;
    const GcObject *o = p->o;
    float k = p->k, bx = p->bx, by = p->by, bw = p->bw, bh = p->bh;
    int freed = o->state == GC_STATE_FREED;
    char foot[256], shorter[256], fit[160];
    foot[0] = shorter[0] = 0;
    RenderColor fc = t->text_dim;
    if (freed) {
        /* the tag strip says "freed" */
    } else if (leaked) {
        snprintf(foot, sizeof foot, "leaked: unreachable, never freed");
        snprintf(shorter, sizeof shorter, "leaked: never freed");
        fc = t->leaked;
    } else if (tentative) {
        snprintf(foot, sizeof foot, "tentatively unreachable");
        fc = t->unreachable;
    } else if (unreach) {
        int32_t step = render_shown_step(s->h);
        int32_t since = layout_unreachable_since(s->layout, p->id, step);
        if (since < 0) /* the step is still running: unreachable since before it? */
            since = layout_unreachable_since(s->layout, p->id, step - 1);
        if (since >= 0 && since <= step)
            snprintf(foot, sizeof foot, "unreachable since step %d", (int)since + 1);
        else
            snprintf(foot, sizeof foot, "unreachable");
        /* in one of the collector's lists other than its generations and
         * "unreachable" (final_unreachable...): which, as the tag strip
         * leaves it to this line */
        const char *ln = o->list > GC_LIST_PERMANENT ? gc_list_name((GcListId)o->list) : NULL;
        if (ln && strcmp(ln, "unreachable") != 0) {
            size_t len = strlen(foot);
            snprintf(foot + len, sizeof foot - len, " \xC2\xB7 in %s", ln);
            snprintf(shorter, sizeof shorter, "in %s", ln); /* a narrow card: the list says it */
        }
        fc = t->unreachable;
    }
    if (!freed && (o->flags & GC_F_FINALIZED)) {
        size_t len = strlen(foot);
        snprintf(foot + len, sizeof foot - len, "%s__del__ ran", len ? " \xC2\xB7 " : "");
    }
    int fpx = zpx(s, 16); /* a compact card's too: its footer is wider than the card */
    if (foot[0] && fpx >= 7) {
        /* as wide as the card and most of the gap after it (a row's next
         * card has its own footer there): the short form when the long
         * one would be cut */
        float fw = bw + (layout_is_compact(s->layout, p->id) ? 40 : 60) * k;
        if (refers_to_itself(o, p->id))
            fw = bw - SELF_ENTRY_W * k; /* its self-arrow may come into the bottom edge there */
        if (shorter[0] && (float)render_text_width(s->fonts, RENDER_FONT_SANS, fpx, foot) > fw)
            snprintf(foot, sizeof foot, "%s", shorter);
        const char *ft = render_fit(s, RENDER_FONT_SANS, fpx, foot, fw, fit, sizeof fit);
        g->bottom = by + bh + 4 * k + (float)fpx * 1.3f;
        g->foot_r = bx + 4 * k + (float)render_text_width(s->fonts, RENDER_FONT_SANS, fpx, ft);
        render_text(s->l, bx + 4 * k, by + bh + 4 * k, RENDER_FONT_SANS, fpx, RENDER_ALIGN_LEFT,
                    with_alpha(fc, g->alpha), ft);
    }
}

/* One card: geometry (card_geo), then its tag strip, box, header (bars,
 * badges, title), body by kind, outline and footer. */
static void draw_card(HeapCtx *c, GcId id, const GcObject *o, float wx, float wy)
{
    float x, y;
    if (!card_geo(c, id, o, wx, wy, &x, &y))
        return;
    Scene *s = c->s;
    const RenderTheme *t = s->t;
    float k = zk(s);
    CardGeo *g = &c->geo[id];
    float w = g->w;
    float a = g->alpha;
    int freed = o->state == GC_STATE_FREED;
    int alive = !freed;
    const uint8_t *reach = render_scene_reach(s);
    int unreach = alive && reach && id <= s->maxid && !reach[id];
    int tentative = alive && (o->flags & GC_F_UNREACHABLE);
    int leaked = (o->flags & GC_F_LEAKED) != 0;
    int hot = is_hot(s, id);
    int selected = s->v->selected == id;
    /* a card under collection is the subject: drawn whole (its dashed
     * outline and label say unreachable), never faded */
    float content_a = a;
    float bx = g->x, by = g->y, bw = g->w, bh = g->h;
    float r = 10 * k;
    const GcEvent *e = s->ev >= 0 ? gc_event(s->h, s->ev) : NULL;

    if (overview(s)) {
        draw_card_overview(c, id, o, hot, selected, unreach || tentative, leaked, content_a);
        return;
    }
    /* a card is a group the backend keeps as pixels: most cards look the
     * same from one frame to the next */
    int32_t group = render_group_begin(s->l);
    tag_strip(c, id, x, y, w, k, a, o);
    if (hot)
        render_rect(s->l, bx - 7 * k, by - 7 * k, bw + 14 * k, bh + 14 * k, r + 7 * k, t->hot_fill);
    if (!freed)
        render_rect(s->l, bx + 1 * k, by + 4 * k, bw, bh, r, with_alpha(t->card_shadow, a));
    render_rect(s->l, bx, by, bw, bh, r, with_alpha(t->card, freed ? a * 0.5f : a));
    render_rect(s->l, bx, by, bw, LAYOUT_HEADER_H * k, r, with_alpha(t->card_header, content_a));
    render_rect(s->l, bx, by + LAYOUT_HEADER_H * k - r, bw, r, 0, with_alpha(t->card_header, content_a));
    if (leaked)
        render_hatch(s->l, bx + 2 * k, by + 2 * k, bw - 4 * k, bh - 4 * k, 1.5f * k, 9 * k,
                     with_alpha(t->leaked, 0.45f * a));
    /* generation bars along the left edge */
    RenderColor gcol;
    int bars = gen_bars(o, t, &gcol);
    if (freed || gc_globals(s->h)->collector != GC_COLLECTOR_CPYTHON)
        bars = 0; /* honest counterfactuals: no generations without CPython's collector */
    for (int b = 0; b < bars; b++)
        render_rect(s->l, bx + (6 + 6 * (float)b) * k, by + 8 * k, 3.5f * k, bh - 16 * k, 1.5f * k,
                    with_alpha(gcol, content_a));
    CardPaint p = {s,
                   t,
                   id,
                   o,
                   e,
                   k,
                   content_a,
                   bx,
                   by,
                   bw,
                   bh,
                   LAYOUT_HEADER_H * k,
                   bx + (bars ? 12 + 6 * (float)bars : 14) * k,
                   g->cw,
                   cells_named(c, id)};
    /* header: type and id, badges */
    /* a structure's compact card: a larger title (a slide shows the whole
     * list or tree, so its cards are drawn smaller) */
    int hpx = zpx(s, layout_is_compact(s->layout, id) ? 22 : 18), bpx = zpx(s, 16);
    float right = card_badges(&p, bx + bw - 10 * k, bpx);
    g->badge_l = right;
    if (bpx >= 7 && hpx >= 7)
        g->title_r = card_title(&p, right, hpx);
    render_rect(s->l, bx, by + p.hh, bw, 1 * k, 0, with_alpha(t->row_sep, content_a));
    /* body (a compact card's fields larger too: its rows have the room) */
    int rpx = zpx(s, layout_is_compact(s->layout, id) ? 18 : 16);
    if (!freed && rpx >= 7) {
        if (o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE)
            card_cells(&p, rpx);
        else if (o->kind == GC_KIND_WEAKREF)
            card_weakref(&p, rpx);
        else
            card_rows(&p, rpx);
    }
    /* outline: the state's shape */
    RenderColor oc;
    float ow, dash;
    outline_style(t, freed, leaked, unreach || tentative, hot, selected, k, &oc, &ow, &dash);
    render_frame(s->l, bx, by, bw, bh, r, ow < 1 ? 1 : ow, dash, with_alpha(oc, a));
    card_footer(&p, g, leaked, tentative, unreach);
    render_group_end(s->l, group);
    float hh = bh + LAYOUT_TAG_H * k;
    if (c->strip_y > 0 && y + hh > c->strip_y)
        hh = c->strip_y > y ? c->strip_y - y : 0; /* (under the strip: not there) */
    if (hh > 0)
        render_hit(s->l, RENDER_HIT_CARD, id, bx, y, bw, hh);
}

/* ---- arrows ------------------------------------------------------------------- */

/* Does the micro-step e follow the reference in slot i of object id to
 * tid?  A store makes it; every traversal follows it: subtract_refs (also
 * inside handle_resurrected_objects), move_unreachable's scan of a
 * reachable object and what it reaches or moves back, mark-sweep turning an
 * object black, tp_clear dropping it, a deallocation letting go of it. */
static int edge_followed(const GcEvent *e, GcId id, GcId tid, uint32_t i)
{
    switch ((GcEventKind)e->kind) {
    case GC_EV_STORE:
        return e->obj == id && (uint32_t)e->slot == i;
    case GC_EV_SUBTRACT:
    case GC_EV_VISIT_REACHABLE:
    case GC_EV_MOVE_BACK:
    case GC_EV_DECREF:
        return e->obj2 == id && e->obj == tid && (e->slot < 0 || (uint32_t)e->slot == i);
    case GC_EV_SCAN_REACHABLE:
    case GC_EV_CLEAR:
        return e->obj == id;
    case GC_EV_MARK:
        return e->obj == id && e->a == 0;
    default:
        return 0;
    }
}

static void bezier(RenderPt *out, int n, RenderPt p0, RenderPt p1, RenderPt p2, RenderPt p3)
{
    for (int i = 0; i < n; i++) {
        float u = (float)i / (float)(n - 1), a = 1 - u;
        out[i].x = a * a * a * p0.x + 3 * a * a * u * p1.x + 3 * a * u * u * p2.x + u * u * u * p3.x;
        out[i].y = a * a * a * p0.y + 3 * a * a * u * p1.y + 3 * a * u * u * p2.y + u * u * u * p3.y;
    }
}

static float dist2(RenderPt a, RenderPt b)
{
    return sqrtf((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y));
}

/* Whether the card's rectangle (tags included) meets the heap view. */
static int on_view(const Scene *s, const CardGeo *g)
{
    return g->x + g->w >= s->rg.heap_x && g->x <= s->rg.heap_x + s->rg.heap_w &&
           g->bottom >= s->rg.heap_y && g->y - LAYOUT_TAG_H * g->k <= s->rg.heap_y + s->rg.heap_h;
}

/* A list cell's arrow that finds no way up (through its list's title) or
 * down (through its footer): out along the cells' row,
 * leftwards from the first cell or rightwards from the last, then round
 * to the target (chapter 15's list #2 -> Node #1 went up through "list
 * #2" and the node's footer).  keep[0..nbase) are the tags and footer. */
static int cell_sideways(HeapCtx *c, RouteReq *q, RouteRect *keep, int nbase, GcId src_id, int cell,
                         RenderPt *path)
{
    const CardGeo *g = &c->geo[src_id];
    const GcObject *o = gc_object(c->s->h, src_id);
    if (!o || (o->kind != GC_KIND_LIST && o->kind != GC_KIND_TUPLE))
        return 0;
    uint32_t ncells = gc_nslots(o) < LAYOUT_MAX_CELLS ? gc_nslots(o) : LAYOUT_MAX_CELLS;
    float k = g->k, in = 2 * k, half = LAYOUT_CELL_H * 0.5f * k;
    int nkeep = nbase;
    /* the leg runs in the cells' band: not over the header or below it */
    if (q->s.y - half > g->y + in)
        keep[nkeep++] = (RouteRect){g->x + in, g->y + in, g->x + g->w - in, q->s.y - half};
    if (q->s.y + half < g->y + g->h - in)
        keep[nkeep++] = (RouteRect){g->x + in, q->s.y + half, g->x + g->w - in, g->y + g->h - in};
    q->keep = keep;
    q->nkeep = nkeep;
    q->sides = 3;
    int n = 0;
    if (cell == 0) {
        q->dir = 2;
        n = route_find(&c->ix, q, path);
    }
    if (n < 2 && (uint32_t)cell + 1 == ncells) {
        q->dir = 0;
        n = route_find(&c->ix, q, path);
    }
    /* not along the heap's edge (the slide's walls let a leg lie on it) */
    const RenderRegions *rg = &c->s->rg;
    for (int i = 0; i < n; i++)
        if (path[i].x < rg->heap_x + in * 4 || path[i].x > rg->heap_x + rg->heap_w - in * 4 ||
            path[i].y < rg->heap_y + in * 4 || path[i].y > rg->heap_y + rg->heap_h - in * 4)
            return 0;
    return n;
}

/* Draws the arrow pts (its curve), or, when that crosses a card other than
 * the ends, an orthogonal route around the cards with rounded bends. */
static void route_draw(HeapCtx *c, const RenderPt *pts, int npts, GcId src_id, GcId tgt_id,
                       RenderPt start, int dir, int sides, float entry_y, int lane, float k,
                       float width, float dash, float head, RenderColor col)
{
    Scene *s = c->s;
    int is = src_id > 0 ? c->obs_of[src_id] - 1 : -1, it = c->obs_of[tgt_id] - 1;
    /* an arrow leaves its own card, but not across its name tags,
     * generation label or footer */
    RouteRect keep[5];
    int nkeep = 0, nbase = 0;
    int cell = dir != 0 && !overview(s); /* a list cell's arrow (a field's leaves rightwards) */
    if (is >= 0) {
        const CardGeo *g = &c->geo[src_id];
        float m = ROUTE_MARGIN * k, top = g->y - LAYOUT_TAG_H * k, th = (LAYOUT_TAG_H - 6) * k;
        if (g->tag_l > g->x)
            keep[nkeep++] = (RouteRect){g->x - m, top - m, g->tag_l + m, top + th + m};
        if (g->tag_r < g->x + g->w)
            keep[nkeep++] = (RouteRect){g->tag_r - m, top - m, g->x + g->w + m, top + th + m};
        if (g->foot_r > 0)
            keep[nkeep++] = (RouteRect){g->x - m, g->y + g->h, g->foot_r + m, g->bottom + m};
        nbase = nkeep;
        if (dir == 0 && src_id != tgt_id) {
            /* a field's arrow leaves along its own row: back across the
             * card (a target on the left) it would run over the header and
             * the other rows */
            float half = LAYOUT_ROW_H * 0.5f * k, in = 2 * k;
            if (start.y - half > g->y + in)
                keep[nkeep++] = (RouteRect){g->x + in, g->y + in, g->x + g->w - in, start.y - half};
            if (start.y + half < g->y + g->h - in)
                keep[nkeep++] = (RouteRect){g->x + in, start.y + half, g->x + g->w - in, g->y + g->h - in};
        } else if (cell && nkeep < 4) {
            /* a list cell's arrow: not up through its own list's title or
             * badges (between them the header is free) */
            float in = 2 * k, hb = g->y + LAYOUT_HEADER_H * k;
            float title_r = g->title_r > 0 ? g->title_r + m : g->x + g->w - in;
            keep[nkeep++] = (RouteRect){g->x + in, g->y + in, title_r, hb};
            if (g->badge_l - m < g->x + g->w - in)
                keep[nkeep++] = (RouteRect){g->badge_l - m, g->y + in, g->x + g->w - in, hb};
        }
    }
    /* an arrow is routed when one of its ends is in view; one crossing the
     * view between two cards out of it keeps its curve (a route would cost
     * a search through cards never drawn) and is drawn faint: it passes
     * over the cards in view, which are not its ends */
    int seen = src_id <= 0 || on_view(s, &c->geo[src_id]) || on_view(s, &c->geo[tgt_id]);
    if (!seen)
        col.a = (uint8_t)(col.a * 2 / 5);
    if (it >= 0 && seen && c->routed++ < ROUTE_MAX_FRAME &&
        route_blocked(&c->ix, is, keep, nkeep, it, pts, npts)) {
        RouteReq q;
        q.s = start;
        q.dir = dir;
        q.src = is;
        q.tgt = it;
        q.keep = keep;
        q.nkeep = nkeep;
        q.sides = sides;
        q.entry_y = entry_y;
        q.entry_x = pts[npts - 1].x;
        q.entry_b = pts[npts - 1].y;
        q.inset = ROUTE_MARGIN * k;
        q.gap_x = (LAYOUT_GAP_X * 0.5f - ROUTE_MARGIN) * k;
        q.gap_y = (LAYOUT_GAP_Y * 0.5f - ROUTE_MARGIN) * k;
        q.lane_x = ((float)(lane % 8) - 3.5f) * 7 * k;
        q.lane_y = ((float)(lane % 8) - 3.5f) * 4 * k;
        q.head = 20 * k;
        q.bend = 40 * k;
        q.reach = 400 * k;
        RenderPt path[8], out[64];
        int n = route_find(&c->ix, &q, path);
        if (n < 2 && cell && is >= 0)
            n = cell_sideways(c, &q, keep, nbase, src_id, lane, path);
        if (n >= 2) {
            int m = route_round(path, n, 14 * k, out, 64);
            if (m >= 2) {
                render_line(s->l, out, m, width, dash, head, col);
                return;
            }
        }
    }
    render_line(s->l, pts, npts, width, dash, head, col);
}

/* Whether an arrow between the cards src and tgt can reach the heap view:
 * its curve bulges at most 180 units (a loop 64 units and a quarter of its
 * height) beyond the two cards, and a route around cards stays within
 * route reach (400 units) and a gap of them.  Arrows that cannot are not
 * made at all, so that a frame of a big heap costs what is on screen. */
static int arrow_may_show(const HeapCtx *c, const CardGeo *src, const CardGeo *tgt)
{
    const Scene *s = c->s;
    float x0 = fminf(src->x, tgt->x), x1 = fmaxf(src->x + src->w, tgt->x + tgt->w);
    float y0 = fminf(src->y - LAYOUT_TAG_H * src->k, tgt->y - LAYOUT_TAG_H * tgt->k);
    float y1 = fmaxf(src->bottom, tgt->bottom);
    float m = 600 * tgt->k + 0.25f * (y1 - y0);
    return x1 + m >= s->rg.heap_x && x0 - m <= s->rg.heap_x + s->rg.heap_w &&
           y1 + m >= s->rg.heap_y && y0 - m <= s->rg.heap_y + s->rg.heap_h;
}

/* The height at which the arrow made next, leaving at height sy, enters
 * the side of card tgt whose header's middle is at hy.  Counting, it is
 * recorded and hy returned.  Drawing, the arrows into one card are
 * spread along its edge, the highest source highest, 18 units apart
 * about the header's middle (within the card, closer when they do not
 * fit), so that a teacher can count them: into one point they
 * merged into one arrowhead (chapter 1's a and point into Node #3). */
static float entry_y(HeapCtx *c, GcId tgt, float sy, float hy)
{
    if (c->counting) {
        if (GC_VEC_ROOM(c->ent, c->nent, c->capent, 64, realloc) == 0) {
            c->ent[c->nent] = (Entry){tgt, sy, c->nent, 0, 1};
            c->nent++;
        } else {
            c->ent_oom = 1;
        }
        return hy;
    }
    int32_t q = c->next_ent++;
    if (c->ent_oom || q >= c->nent || c->ent[q].n < 2 || c->ent[q].tgt != tgt)
        return hy;
    const CardGeo *g = &c->geo[tgt];
    float k = g->k, lo = g->y + 8 * k, hi = g->y + g->h - 8 * k;
    float n1 = (float)(c->ent[q].n - 1), d = 18 * k;
    if (hi <= lo)
        return hy;
    if (d * n1 > hi - lo)
        d = (hi - lo) / n1;
    float top = fminf(fmaxf(hy - d * n1 * 0.5f, lo), hi - d * n1);
    return top + d * (float)c->ent[q].rank;
}

static int cmp_entry(const void *a, const void *b)
{
    const Entry *x = a, *y = b;
    if (x->tgt != y->tgt)
        return (x->tgt > y->tgt) - (x->tgt < y->tgt);
    if (x->y != y->y)
        return (x->y > y->y) - (x->y < y->y);
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Each counted entry's rank among its target's and their count, the
 * entries back in the order they were made. */
static void entries_rank(HeapCtx *c)
{
    Entry *e = c->ent;
    if (c->nent > 1) /* (none: no array, and qsort's may not be NULL) */
        qsort(e, (size_t)c->nent, sizeof *e, cmp_entry);
    for (int32_t i = 0, j; i < c->nent; i = j) {
        for (j = i; j < c->nent && e[j].tgt == e[i].tgt; j++)
            e[j].rank = j - i;
        for (int32_t m = i; m < j; m++)
            e[m].n = j - i;
    }
    /* back by seq: seq is a permutation of 0 .. nent-1 */
    for (int32_t i = 0; i < c->nent; i++)
        while (e[i].seq != i) {
            Entry t = e[e[i].seq];
            e[e[i].seq] = e[i];
            e[i] = t;
        }
    c->next_ent = 0;
}

/* Whether a field of card id refers to a card on its left: that arrow
 * leaves id's right side and loops back over the row (a ring's return). */
static int loops_back(const HeapCtx *c, GcId id)
{
    const GcObject *o = gc_object(c->s->h, id);
    if (!o || o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE)
        return 0;
    for (uint32_t i = 0; i < gc_nslots(o) && i < LAYOUT_MAX_ROWS; i++) {
        GcId tid = GC_VAL_IS_OBJ(gc_slot(o, i).val) ? GC_VAL_ID(gc_slot(o, i).val) : 0;
        if (tid > 0 && tid <= c->s->maxid && tid != id && c->geo[tid].drawn &&
            c->geo[tid].x + c->geo[tid].w < c->geo[id].x)
            return 1;
    }
    return 0;
}

static void arrow_to(HeapCtx *c, float sx, float sy, float dx, float dy, GcId src_id, GcId tgt_id,
                     int lane, int self, RenderColor col, float width, float dash)
{
    const CardGeo *src = &c->geo[src_id], *tgt = &c->geo[tgt_id];
    float k = tgt->k;
    if (!arrow_may_show(c, src, tgt))
        return;
    RenderPt p0 = {sx, sy}, p3, in;
    float hy = overview(c->s) ? tgt->y + tgt->h * 0.5f : tgt->y + LAYOUT_HEADER_H * k * 0.5f;
    float ax = sx < tgt->x + 30 * k ? tgt->x + 30 * k : sx > tgt->x + tgt->w - 30 * k ? tgt->x + tgt->w - 30 * k : sx;
    /* into a side (also a route's, whatever the curve's end) at the
     * arrow's own height among those into the card */
    if (!self)
        hy = entry_y(c, tgt_id, sy, hy);
    if (self && overview(c->s) && src_id == tgt_id) {
        p3 = (RenderPt){tgt->x + tgt->w, tgt->y + tgt->h * 0.8f}; /* a loop on the right edge */
        in = (RenderPt){-1, 0};
    } else if (self == 2) {
        /* a field that holds its own object below a row whose arrow leaves
         * the card too: into its own bottom edge (a loop back into the
         * header would enclose that arrow's start, and they would cross) */
        p3 = (RenderPt){tgt->x + tgt->w - 30 * k, tgt->y + tgt->h};
        if (tgt->foot_r > 0) /* right of the footer's text (card_footer leaves room) */
            p3.x = fminf(fmaxf(p3.x, tgt->foot_r + 12 * k), tgt->x + tgt->w - 10 * k);
        in = (RenderPt){0, -1};
    } else if (self) {
        p3 = (RenderPt){tgt->x + tgt->w, hy};
        in = (RenderPt){-1, 0};
    } else if (dy > 0 && tgt->y > sy + 40 * k) {
        /* a list cell above its target: down into the top edge, between
         * the target's name tags ("was a") and its generation label, not
         * through them */
        float lo = tgt->tag_l + 10 * k, hi = tgt->tag_r - 10 * k;
        if (lo <= hi)
            ax = ax < lo ? lo : ax > hi ? hi : ax;
        p3 = (RenderPt){ax, tgt->y};
        in = (RenderPt){0, 1};
    } else if (dy < 0 && tgt->y + tgt->h < sy - 40 * k) {
        p3 = (RenderPt){ax, tgt->y + tgt->h};
        in = (RenderPt){0, -1};
    } else if (tgt->x > sx + 24 * k) {
        p3 = (RenderPt){tgt->x, hy};
        in = (RenderPt){1, 0};
    } else if (tgt->x + tgt->w < src->x - 24 * k) {
        p3 = (RenderPt){tgt->x + tgt->w, hy};
        in = (RenderPt){-1, 0};
    } else if (dx > 0 && tgt->bottom < src->y - LAYOUT_TAG_H * src->k && loops_back(c, tgt_id)) {
        /* a field's target above its card (the globals dict under the
         * ring at the interpreter's exit): up into the target's bottom
         * edge, right of its footer's text.  Into a side it would cross
         * an arrow that leaves that side and loops back over the row */
        float lo = fmaxf(tgt->x + 30 * k, tgt->foot_r + 12 * k), hi = tgt->x + tgt->w - 24 * k;
        ax = lo <= hi ? fminf(fmaxf(sx, lo), hi) : hi;
        p3 = (RenderPt){ax, tgt->y + tgt->h};
        in = (RenderPt){0, -1};
    } else {
        /* stacked cards: loop out on the right and come back into the target's right edge */
        p3 = (RenderPt){tgt->x + tgt->w, hy};
        in = (RenderPt){-1, 0};
        self = 1;
    }
    if (c->counting)
        return;
    float dist = sqrtf((p3.x - p0.x) * (p3.x - p0.x) + (p3.y - p0.y) * (p3.y - p0.y));
    float d = dist * 0.45f;
    if (d < 50 * k)
        d = 50 * k;
    if (d > 180 * k)
        d = 180 * k;
    if (self)
        d = SELF_LOOP_D * k + fabsf(p3.y - p0.y) * 0.22f;
    RenderPt p1 = {p0.x + dx * d, p0.y + dy * d};
    RenderPt p2 = {p3.x - in.x * d, p3.y - in.y * d};
    /* a point every 6 px or so of the curve (its control polygon bounds its
     * length): short arrows, as in the overview, cost a few segments */
    float len = dist2(p0, p1) + dist2(p1, p2) + dist2(p2, p3);
    int npts = 2 + (int)(len / sc(c->s, 6));
    npts = npts < 6 ? 6 : npts > 33 ? 33 : npts;
    RenderPt pts[33];
    bezier(pts, npts, p0, p1, p2, p3);
    float head = 14 * k;
    if (head < sc(c->s, 6))
        head = sc(c->s, 6);
    if (src_id == tgt_id) {
        render_line(c->s->l, pts, npts, width, dash, head, col);
        return;
    }
    route_draw(c, pts, npts, src_id, tgt_id, p0,
               dx > 0   ? 0
               : dy > 0 ? 1
                        : -1,
               in.y < 0 && dx > 0 ? 7 : 3, hy, lane, k, width, dash, head, col);
}

/* A cell of a list that holds the list itself: out of the card's left
 * edge, up its side and back into the header from the left (a little
 * below where a name's arrow lands).  Below the card its footer text is
 * in the way, above it the header and the name tags. */
static void self_cell_arrow(HeapCtx *c, const CardGeo *g, uint32_t i, RenderColor col, float width)
{
    float k = g->k;
    float cx = g->x + (LAYOUT_PAD + g->cw * ((float)i + 0.5f)) * k;
    float cy = g->y + (LAYOUT_HEADER_H + LAYOUT_PAD + LAYOUT_CELL_H * 0.5f) * k;
    float side = g->x - 22 * k, hy = g->y + (LAYOUT_HEADER_H * 0.5f + 7) * k;
    RenderPt path[4] = {{cx, cy}, {side, cy}, {side, hy}, {g->x, hy}};
    RenderPt out[64];
    int m = route_round(path, 4, 10 * k, out, 64);
    if (m >= 2)
        render_line(c->s->l, out, m, width, 0, 14 * k, col);
}

/* Neighbours in a row (a list, a chain: cards side by side, tops in line,
 * at most a gap apart) get arrows a student can follow one by one.  A
 * field referring to the card on the right is a straight line from its
 * row into the neighbour's left edge.  One referring back to the card on
 * the left leaves its row to the right, climbs just past its own card,
 * runs left above the row's name tags and comes down into the
 * neighbour's right edge below the same field's row there.  In a doubly
 * linked list each back-arrow then has its own stretch of the lane
 * (disjoint in x), and no two arrows of the row cross: a back-arrow's
 * climb is next to its own card, left of the descent into that card, and
 * both stay above the forward arrow of the row below them.  One referring
 * further back along the row takes the lane too and comes down into its
 * target's top edge.  Returns 1
 * when it drew the arrow, 0 (the caller draws the usual one) when the
 * cards are not such neighbours or the path meets another card. */
static int row_arrow(HeapCtx *c, GcId id, GcId tid, uint32_t i, float sy, RenderColor col,
                     float width)
{
    const CardGeo *g = &c->geo[id], *tg = &c->geo[tid];
    float k = g->k;
    if (overview(c->s) || fabsf(tg->y - g->y) > 2 * k || fabsf(tg->k - k) > 1e-4f ||
        c->obs_of[id] < 1 || c->obs_of[tid] < 1)
        return 0;
    float reach = (LAYOUT_GAP_X + 8) * k;
    float head = 14 * k < sc(c->s, 6) ? sc(c->s, 6) : 14 * k;
    RenderPt p[6];
    int n;
    if (tg->x >= g->x + g->w && tg->x - (g->x + g->w) <= reach) {
        /* forward: straight into the left edge at the field's height */
        if (sy > tg->y + tg->h - 6 * k || sy < tg->y + LAYOUT_HEADER_H * k)
            return 0;
        p[0] = (RenderPt){g->x + g->w - 14 * k, sy};
        p[1] = (RenderPt){tg->x, sy};
        n = 2;
    } else if (tg->x + tg->w <= g->x && g->x - (tg->x + tg->w) <= reach) {
        float gap = g->x - (tg->x + tg->w);
        float out = g->x + g->w + fminf(12 * k, gap * 0.25f);
        float down = tg->x + tg->w + fminf(28 * k, gap * 0.55f);
        float lane = fminf(g->y, tg->y) - (LAYOUT_TAG_H + 2 * ROUTE_MARGIN) * k;
        float ey = tg->y + (LAYOUT_HEADER_H + LAYOUT_ROW_H * ((float)i + 1)) * k;
        ey = fminf(ey, tg->y + tg->h - 8 * k);
        ey = fmaxf(ey, tg->y + LAYOUT_HEADER_H * 0.5f * k);
        p[0] = (RenderPt){g->x + g->w - 14 * k, sy};
        p[1] = (RenderPt){out, sy};
        p[2] = (RenderPt){out, lane};
        p[3] = (RenderPt){down, lane};
        p[4] = (RenderPt){down, ey};
        p[5] = (RenderPt){tg->x + tg->w, ey};
        n = 6;
    } else if (tg->x + tg->w <= g->x) {
        /* further back along the row (a ring of three in a row, chapter
         * 08's c -> a): over the lane and down into the target's top edge
         * between its name tags and its generation label; into a side, it
         * would cross the arrow that enters the neighbour after it */
        float out = g->x + g->w + 12 * k;
        float lane = fminf(g->y, tg->y) - (LAYOUT_TAG_H + 2 * ROUTE_MARGIN) * k;
        float lo = tg->tag_l + 10 * k, hi = tg->tag_r - 10 * k;
        if (lo > hi)
            return 0;
        float ex = fminf(fmaxf(tg->x + tg->w * 0.5f, lo), hi);
        p[0] = (RenderPt){g->x + g->w - 14 * k, sy};
        p[1] = (RenderPt){out, sy};
        p[2] = (RenderPt){out, lane};
        p[3] = (RenderPt){ex, lane};
        p[4] = (RenderPt){ex, tg->y};
        n = 5;
    } else {
        return 0;
    }
    if (route_blocked(&c->ix, c->obs_of[id] - 1, NULL, 0, c->obs_of[tid] - 1, p, n))
        return 0;
    if (c->counting)
        return 1;
    RenderPt rounded[64];
    int m = n > 2 ? route_round(p, n, 10 * k, rounded, 64) : 0;
    if (n > 2 && m < 2)
        return 0;
    render_line(c->s->l, n > 2 ? rounded : p, n > 2 ? m : n, width, 0, head, col);
    return 1;
}

/* Whether a slot of o's [from, to) holds an object whose card is drawn. */
static int rows_with_arrows(const HeapCtx *c, const GcObject *o, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to; i++) {
        GcValue v = gc_slot(o, i).val;
        GcId tid = GC_VAL_IS_OBJ(v) ? GC_VAL_ID(v) : 0;
        if (tid > 0 && tid <= c->s->maxid && c->geo[tid].drawn)
            return 1;
    }
    return 0;
}

/* The arrow from card id's slot i to card tid: -1 when tid's card is not
 * drawn (or not shown on a slide that hides some), else whether the event
 * shown follows it (hot), its colour in *col (dimmed from an unreachable
 * card, faded with the fainter of the two). */
static int slot_arrow(HeapCtx *c, GcId id, GcId tid, uint32_t i, const GcEvent *e, RenderColor *col)
{
    const Scene *s = c->s;
    if (tid <= 0 || tid > s->maxid || !c->geo[tid].drawn || (c->more_h > 0 && !c->geo[tid].shown))
        return -1;
    const CardGeo *g = &c->geo[id], *tg = &c->geo[tid];
    int hot = e && edge_followed(e, id, tid, i);
    float alpha = g->alpha < tg->alpha ? g->alpha : tg->alpha;
    const uint8_t *reach = render_scene_reach(c->s);
    int dim = reach && !reach[id];
    *col = hot ? s->t->arrow_hot : with_alpha(s->t->arrow, dim ? alpha * 0.6f : alpha);
    return hot;
}

/* Where the text of dict o's row i's value begins (card_row draws it
 * right-aligned in the row's right half): the card's right edge when it
 * draws none. */
static float key_value_left(HeapCtx *c, GcId id, const GcObject *o, uint32_t i)
{
    Scene *s = c->s;
    const CardGeo *g = &c->geo[id];
    float k = g->k, vx = g->x + g->w - 14 * k, mx = key_ring_x(g->x, g->w, k, i);
    int rpx = zpx(s, layout_is_compact(s->layout, id) ? 18 : 16);
    if (rpx < 7)
        return g->x + g->w;
    char vb[160], fit[160];
    render_value_text(s->h, gc_slot(o, i).val, vb, sizeof vb);
    const char *txt = render_fit(s, RENDER_FONT_MONO, rpx, vb, vx - mx - 10 * k, fit, sizeof fit);
    return vx + 4 * k - (float)render_text_width(s->fonts, RENDER_FONT_MONO, rpx, txt);
}

/* A key's card on the right of its dict with the key's row at its height
 * (dict_key_places.py's dict #5 and Node #2): straight right from the
 * ring into the card's left edge at the row's height, the line broken
 * round the row's value (it passes behind it); a route over the dict's
 * top reads as a reference from somewhere else.  Returns 0 (the caller
 * draws the usual arrow) when the value is an object (its own arrow
 * leaves along the row) or the line would meet another card. */
static int key_straight(HeapCtx *c, GcId id, const GcObject *o, uint32_t i, GcId tid, float sy,
                        RenderColor col, float width, float dash)
{
    const CardGeo *g = &c->geo[id], *tg = &c->geo[tid];
    float k = g->k;
    if (tid == id || GC_VAL_IS_OBJ(gc_slot(o, i).val) || fabsf(tg->k - k) > 1e-4f ||
        tg->x < g->x + g->w + 24 * k || sy < tg->y + 8 * k || sy > tg->y + tg->h - 8 * k ||
        c->obs_of[id] < 1 || c->obs_of[tid] < 1)
        return 0;
    float mx = key_ring_x(g->x, g->w, k, i);
    RenderPt p[2] = {{mx + 5 * k, sy}, {tg->x, sy}};
    if (route_blocked(&c->ix, c->obs_of[id] - 1, NULL, 0, c->obs_of[tid] - 1, p, 2))
        return 0;
    if (c->counting)
        return 1;
    float head = 14 * k < sc(c->s, 6) ? sc(c->s, 6) : 14 * k;
    float gap0 = key_value_left(c, id, o, i) - 6 * k;
    if (gap0 > p[0].x + 4 * k) {
        RenderPt a[2] = {p[0], {gap0, sy}};
        render_line(c->s->l, a, 2, width, dash, 0, col);
        p[0].x = g->x + g->w;
    }
    render_line(c->s->l, p, 2, width, dash, head, col);
    return 1;
}

/* The arrows of dict o's keys that are objects (its rows [0, n)): dashed,
 * from the ring about the middle of the row (card_row), up or down to the
 * key's card; a collector's pass along one (subtract_refs, a decref in a
 * teardown) shows it hot. */
static void draw_key_arrows(HeapCtx *c, GcId id, const GcObject *o, uint32_t n, float aw)
{
    Scene *s = c->s;
    const CardGeo *g = &c->geo[id];
    float k = g->k;
    const GcEvent *e = s->ev >= 0 ? gc_event(s->h, s->ev) : NULL;
    for (uint32_t i = 0; i < n; i++) {
        GcValue key = gc_slot(o, i).key;
        GcId tid = GC_VAL_IS_OBJ(key) ? GC_VAL_ID(key) : 0;
        RenderColor col;
        int hot = slot_arrow(c, id, tid, i, e, &col);
        if (hot < 0)
            continue;
        const CardGeo *tg = &c->geo[tid];
        float sy = g->y + (LAYOUT_HEADER_H + LAYOUT_ROW_H * ((float)i + 0.5f)) * k;
        if (key_straight(c, id, o, i, tid, sy, col, hot ? aw * 1.5f : aw, 7 * k))
            continue;
        float dir = tg->y + tg->h * 0.5f >= sy ? 1.0f : -1.0f;
        /* (lanes of their own: a route around cards beside those of the
         * values' and of a tuple's cells, not along them) */
        arrow_to(c, key_ring_x(g->x, g->w, k, i), sy, 0, dir, id, tid, (int)i + 4, tid == id, col,
                 hot ? aw * 1.5f : aw, 7 * k);
    }
}

static void draw_arrows(HeapCtx *c, GcId id, const GcObject *o)
{
    Scene *s = c->s;
    const RenderTheme *t = s->t;
    const CardGeo *g = &c->geo[id];
    /* a slide that does not show every card: arrows between those it shows */
    if (!g->drawn || o->state != GC_STATE_ALIVE || (c->more_h > 0 && !g->shown))
        return;
    float k = g->k;
    const GcEvent *e = s->ev >= 0 ? gc_event(s->h, s->ev) : NULL;
    float aw = 2.5f * k < 1.2f ? 1.2f : 2.5f * k;
    if (o->kind == GC_KIND_WEAKREF) {
        GcId tid = o->wr_referent;
        if (tid > 0 && tid <= s->maxid && c->geo[tid].drawn &&
            (c->more_h <= 0 || c->geo[tid].shown)) {
            float sy = g->y + (LAYOUT_HEADER_H + LAYOUT_ROW_H * 0.5f) * k;
            arrow_to(c, g->x + g->w - 14 * k, sy, 1, 0, id, tid, 0, tid == id,
                     with_alpha(t->arrow_weak, g->alpha), aw, 7 * k);
        }
        return;
    }
    int cells = o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE;
    uint32_t n = gc_nslots(o);
    uint32_t max = cells ? LAYOUT_MAX_CELLS : LAYOUT_MAX_ROWS;
    if (n > max)
        n = max;
    for (uint32_t i = 0; i < n; i++) {
        GcValue v = gc_slot(o, i).val;
        if (!GC_VAL_IS_OBJ(v))
            continue;
        GcId tid = GC_VAL_ID(v);
        RenderColor col;
        int hot = slot_arrow(c, id, tid, i, e, &col);
        if (hot < 0)
            continue;
        const CardGeo *tg = &c->geo[tid];
        float w = hot ? aw * 1.5f : aw;
        if (overview(s)) {
            /* no rows or cells to start from: the cells' arrows leave the
             * bottom edge, the fields' the right edge */
            if (cells) {
                float cx = g->x + (LAYOUT_PAD + g->cw * ((float)i + 0.5f)) * k;
                arrow_to(c, cx, g->y + g->h, 0, 1, id, tid, (int)i, 0, col, w, 0);
            } else {
                arrow_to(c, g->x + g->w, g->y + g->h * (tid == id ? 0.2f : 0.5f), 1, 0, id, tid,
                         (int)i, tid == id, col, w, 0);
            }
        } else if (cells && !hot && cells_named(c, id)) {
            continue; /* the cell names its object (tangled_lists) */
        } else if (cells && tid == id) {
            if (!c->counting)
                self_cell_arrow(c, g, i, col, w);
        } else if (cells) {
            float cx = g->x + (LAYOUT_PAD + g->cw * ((float)i + 0.5f)) * k;
            float cy = g->y + (LAYOUT_HEADER_H + LAYOUT_PAD + LAYOUT_CELL_H * 0.5f) * k;
            float dir = tg->y + tg->h * 0.5f >= cy ? 1.0f : -1.0f;
            arrow_to(c, cx, cy, 0, dir, id, tid, (int)i, 0, col, w, 0);
        } else {
            float sy = g->y + (LAYOUT_HEADER_H + LAYOUT_ROW_H * ((float)i + 0.5f)) * k;
            if (tid != id && row_arrow(c, id, tid, i, sy, col, w))
                continue;
            int self = tid == id ? 1 : 0;
            if (self && rows_with_arrows(c, o, 0, i) && !rows_with_arrows(c, o, i + 1, n))
                self = 2;
            arrow_to(c, g->x + g->w - 14 * k, sy, 1, 0, id, tid, (int)i, self, col, w, 0);
        }
    }
    if (o->kind == GC_KIND_DICT && !overview(s))
        draw_key_arrows(c, id, o, n, aw);
}

/* The arrows from the names in the frames panel (the panel records where
 * each name is), routed around the cards.  They are drawn here, where the
 * cards' rectangles are known. */
/* Does a pill at x, y (w x h) keep off the pills placed and, by how
 * strict: 2, the cards drawn, the blocks of counts whole and the counts
 * on their arrows; 1, the cards and the blocks' title lines; 0, nothing
 * else? */
static int pill_clear(const HeapCtx *c, float x, float y, float w, float h, float (*pills)[4],
                      int npills, int strict)
{
    /* (the strip below strip_y has no card drawn) */
    int cards = strict && !(c->strip_y > 0 && y >= c->strip_y);
    for (int j = 0; j < (cards ? c->nobs : 0); j++)
        if (x < c->obs[j].x1 && c->obs[j].x0 < x + w && y < c->obs[j].y1 && c->obs[j].y0 < y + h)
            return 0;
    float r[4] = {x, y, x + w, y + h};
    if (strict == 2 && c->aggregate && label_overlaps(c, r))
        return 0;
    for (int bi = 0; strict == 1 && c->aggregate && bi < c->agg_w * c->agg_h; bi++) {
        /* a block's title line (its types and counts) */
        float cell[4], box[4];
        agg_cell(c, bi, cell, box);
        if (c->agg[bi].total > 0 && x < box[0] + box[2] && box[0] < x + w &&
            y < box[1] + sc(c->s, 26) && box[1] < y + h)
            return 0;
    }
    float m = sc(c->s, 6); /* pills a little apart */
    for (int j = 0; j < npills; j++)
        if (x < pills[j][2] + m && pills[j][0] - m < x + w && y < pills[j][3] + m &&
            pills[j][1] - m < y + h)
            return 0;
    return 1;
}

/* Where a pill w x h goes inside the box e (x0, y0, x1, y1): at *px, *py
 * (the place level with its object on the edge edge0: 0 left, 1 right, 2
 * top, 3 bottom) or the nearest place along that edge, in small steps,
 * clear of cards, blocks, counts and pills (pill_clear 2); else along the
 * bottom, top, left and right edges, nearest to it; else along its own
 * edge clear of the cards and the blocks' titles, then of the pills only.
 * Returns 0 when even that fails (*px, *py stay). */
static int pill_spot(const HeapCtx *c, int edge0, float *px, float *py, float w, float h,
                     const float e[4], float (*pills)[4], int npills)
{
    static const int order[5] = {-1, 3, 2, 0, 1};
    float fine = sc(c->s, 4);
    for (int strict = 2; strict >= 0; strict--)
        for (int k = 0; k < (strict == 2 ? 5 : 1); k++) {
            int edge = k == 0 ? edge0 : order[k];
            if (k > 0 && edge == edge0)
                continue;
            int along_y = edge < 2; /* a side: the pill moves up and down */
            float fx = edge == 0 ? e[0] : edge == 1 ? e[2] - w : *px;
            float fy = edge == 2 ? e[1] : edge == 3 ? e[3] - h : *py;
            float lo = along_y ? e[1] : e[0], hi = along_y ? e[3] - h : e[2] - w;
            float at = along_y ? fy : fx;
            at = at < lo ? lo : at > hi ? hi : at;
            for (int j = 0;; j++) {
                float d = (float)((j + 1) / 2) * fine * (j % 2 ? 1.0f : -1.0f);
                if (at - fabsf(d) < lo && at + fabsf(d) > hi)
                    break;
                float q = at + d;
                if (q < lo || q > hi)
                    continue;
                float qx = along_y ? fx : q, qy = along_y ? q : fy;
                if (pill_clear(c, qx, qy, w, h, pills, npills, strict)) {
                    *px = qx;
                    *py = qy;
                    return 1;
                }
            }
        }
    return 0;
}

/* Whether a name's arrow that ends at (x, y), a card's anchor, ends in
 * the heap's view: a card framed close to the view's left edge (a
 * recording's whole row, chapter 8's holder) is in view, not named by a
 * pill beside itself. */
static int anchor_in_view(const Scene *s, float x, float y)
{
    float m = sc(s, 8);
    return x >= s->rg.heap_x && x <= s->rg.heap_x + s->rg.heap_w - m && y >= s->rg.heap_y + m &&
           y <= s->rg.heap_y + s->rg.heap_h - m;
}

/* A name's object outside the heap's view: its arrow ends at the view's
 * edge, at a pill that names the object and points the way to it ("Node
 * #2 →"), instead of running out of the panel.  The pill keeps
 * off cards, blocks, their counts and the pills already placed
 * (pills[*npills]): it moves along the edge, else to another edge
 * (pill_spot).  *tx, *ty become the arrow's end; 0 if the object is in
 * view. */
static int off_view_end(HeapCtx *c, GcId id, int hot, float *tx, float *ty, float (*pills)[4],
                        int *npills, char (*texts)[100])
{
    Scene *s = c->s;
    float m = sc(s, 8), ph = sc(s, 26);
    float x0 = s->rg.heap_x + m, y0 = s->rg.heap_y + m;
    float x1 = s->rg.heap_x + s->rg.heap_w - m, y1 = s->rg.heap_y + s->rg.heap_h - m;
    if (anchor_in_view(s, *tx, *ty))
        return 0;
    if (c->aggregate)
        y0 += sc(s, 22); /* the blocks' header line */
    int edge = *tx > x1 ? 1 : *tx < x0 ? 0 : *ty > y1 ? 3 : 2;
    static const char *const way[4] = {"\xE2\x86\x90", "\xE2\x86\x92", "\xE2\x86\x91",
                                       "\xE2\x86\x93"};
    char label[64], text[96];
    render_obj_label(s->h, id, label, sizeof label);
    snprintf(text, sizeof text, "%s %s", label, way[edge]);
    int px = spx(s, 15);
    float pw = (float)render_text_width(s->fonts, RENDER_FONT_SANS, px, text) + ph * 0.9f;
    /* the pill at the edge the object lies beyond, level with it */
    float cy = *ty < y0 + ph * 0.5f ? y0 + ph * 0.5f : *ty > y1 - ph * 0.5f ? y1 - ph * 0.5f : *ty;
    float px0 = *tx > x1 ? x1 - pw : *tx < x0 ? x0 : *tx - pw * 0.5f;
    if (px0 < x0)
        px0 = x0;
    if (px0 + pw > x1)
        px0 = x1 - pw;
    float py0 = cy - ph * 0.5f;
    float e[4] = {x0, y0, x1, y1};
    pill_spot(c, edge, &px0, &py0, pw, ph, e, pills, *npills);
    /* a pill that had to sit on another edge (its own full) points the
     * way to the object from where it sits: "Node #3 ←" on the bottom
     * edge read as an object below; "Node #3 ↖" does not */
    float mx = px0 + pw * 0.5f, my = py0 + ph * 0.5f, f = sc(s, 1);
    int off_edge = edge == 0   ? px0 > x0 + f
                   : edge == 1 ? px0 + pw < x1 - f
                   : edge == 2 ? py0 > y0 + f
                               : py0 + ph < y1 - f;
    if (off_edge) {
        static const char *const diag[4] = {"\xE2\x86\x96", "\xE2\x86\x97", "\xE2\x86\x99",
                                            "\xE2\x86\x98"}; /* ↖ ↗ ↙ ↘ */
        int right = *tx > mx, down = *ty > my;
        int side = edge < 2 ? edge : right; /* the way across the edge the pill left */
        int vert = edge < 2 ? down : edge == 3;
        snprintf(text, sizeof text, "%s %s", label, diag[side + 2 * vert]);
    }
    if (*npills <= RENDER_MAX_ROOTS) {
        /* drawn by root_arrows over all the arrows (hot: the text starts with '!') */
        float *r = pills[*npills];
        r[0] = px0, r[1] = py0, r[2] = px0 + pw, r[3] = py0 + ph;
        snprintf(texts[(*npills)++], 100, "%c%s", hot ? '!' : ' ', text);
    }
    /* the arrow meets the pill's side facing the name */
    *tx = px0 - sc(s, 2);
    *ty = py0 + ph * 0.5f;
    return 1;
}

/* Whether name i's arrow ends at its card's side in view (at *tx, *ty,
 * render_card_anchor's; not at a block of counts or at a pill). */
static int root_enters(HeapCtx *c, int i, float *tx, float *ty)
{
    Scene *s = c->s;
    GcId id = s->root_id[i];
    if (!render_card_anchor(s, id, tx, ty) || agg_block_of(c, id) >= 0 || id <= 0 ||
        id > s->maxid || c->obs_of[id] < 1)
        return 0;
    return anchor_in_view(s, *tx, *ty); /* (off_view_end's) */
}

/* The names' arrows into their cards' sides, counted (entry_y). */
static void root_entries(HeapCtx *c)
{
    for (int i = 0; i < c->s->nroots; i++) {
        float tx, ty;
        if (root_enters(c, i, &tx, &ty))
            entry_y(c, c->s->root_id[i], c->s->root_y[i], ty);
    }
}

static void root_arrows(HeapCtx *c)
{
    Scene *s = c->s;
    const RenderTheme *t = s->t;
    float clip_x = s->rg.code_x + s->rg.code_w - sc(s, 30);
    render_clip(s->l, clip_x, s->rg.heap_y, s->rg.heap_x + s->rg.heap_w - clip_x, s->rg.heap_h);
    const GcEvent *e = s->ev >= 0 ? gc_event(s->h, s->ev) : NULL;
    float k = zk(s);
    float pills[RENDER_MAX_ROOTS + 1][4];
    char texts[RENDER_MAX_ROOTS + 1][100];
    int npills = 0, first = 0;
    const float *cov = s->v->covered;
    if (cov[2] > 0) { /* the window's own box over the heap, as a pill already placed */
        float *r = pills[npills++];
        r[0] = cov[0], r[1] = cov[1], r[2] = cov[0] + cov[2], r[3] = cov[1] + cov[3];
        first = 1;
    }
    for (int i = 0; i < s->nroots; i++) {
        float tx, ty;
        GcId id = s->root_id[i];
        if (root_enters(c, i, &tx, &ty))
            ty = entry_y(c, id, s->root_y[i], ty);
        else if (!render_card_anchor(s, id, &tx, &ty))
            continue;
        int bi = agg_block_of(c, id);
        if (bi >= 0) {
            /* blocks of counts: to the left edge of the block the card is in */
            float cell[4], box[4];
            agg_cell(c, bi, cell, box);
            tx = box[0];
            ty = box[1] + sc(s, 18);
        }
        int hot = e && e->kind == GC_EV_BIND && e->obj == id;
        float x0 = s->root_x[i], y0 = s->root_y[i];
        int off = off_view_end(c, id, hot, &tx, &ty, pills, &npills, texts);
        RenderPt pts[25];
        float dx = (tx - x0) * 0.5f;
        if (dx < sc(s, 40))
            dx = sc(s, 40);
        for (int j = 0; j <= 24; j++) {
            float u = (float)j / 24.0f, a = 1 - u;
            float bx = a * a * a * x0 + 3 * a * a * u * (x0 + dx) + 3 * a * u * u * (tx - dx) + u * u * u * tx;
            float by = a * a * a * y0 + 3 * a * a * u * y0 + 3 * a * u * u * ty + u * u * u * ty;
            pts[j] = (RenderPt){bx, by};
        }
        RenderColor col = hot ? t->arrow_hot : with_alpha(t->arrow_root, 0.75f);
        float w = sc(s, hot ? 3.0f : 2.0f), head = sc(s, 12) * s->v->zoom;
        if (off)
            render_line(s->l, pts, 25, w, sc(s, 6), head, col);
        else if (id > 0 && id <= s->maxid && c->obs_of[id] >= 1)
            route_draw(c, pts, 25, 0, id, (RenderPt){x0, y0}, 0, 1, ty, i, k, w, 0, head, col);
        else
            render_line(s->l, pts, 25, w, 0, head, col);
    }
    /* the pills over the arrows: one that passes a pill on its way to
     * another goes under it */
    for (int j = first; j < npills; j++)
        render_pill(s, pills[j][0], pills[j][1], pills[j][3] - pills[j][1], RENDER_FONT_SANS,
                    spx(s, 15), texts[j][0] == '!' ? t->arrow_hot : t->badge, t->badge_text,
                    texts[j] + 1);
    render_unclip(s->l);
}

int render_card_anchor(Scene *s, GcId id, float *x, float *y)
{
    const GcObject *o = s->h ? gc_object(s->h, id) : NULL;
    float wx, wy;
    if (!o || o->state != GC_STATE_ALIVE || layout_get(s->layout, id, &wx, &wy) < 0)
        return 0;
    to_screen(s, wx, wy, x, y);
    *y += (LAYOUT_TAG_H + LAYOUT_HEADER_H * 0.5f) * zk(s);
    return 1;
}

/* Are the ghosts of a slide with nothing alive scattered: several of them
 * their reserved places covering less than a quarter of the box round
 * them?  Chapter 05's last
 * frame showed Node #10 and globals() in opposite corners of an empty
 * heap; a list of them reads better than two cards far apart. */
static int ghosts_scattered(HeapCtx *c)
{
    Scene *s = c->s;
    float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f, area = 0;
    int n = 0;
    for (int ci = 0; ci < c->ncand; ci++) {
        GcId id = c->cand[ci];
        const GcObject *o = gc_object(s->h, id);
        float wx, wy, w, h;
        if (!o || o->state == GC_STATE_ALIVE || card_alpha(c, o) <= 0 ||
            layout_is_temporary(s->layout, id) || layout_get(s->layout, id, &wx, &wy) < 0)
            continue;
        layout_reserved(s->layout, id, &w, &h);
        if (w <= 0 || h <= 0)
            continue;
        x0 = wx < x0 ? wx : x0;
        y0 = wy < y0 ? wy : y0;
        x1 = wx + w > x1 ? wx + w : x1;
        y1 = wy + h > y1 ? wy + h : y1;
        area += w * h;
        n++;
    }
    return n > 1 && area * 4 < (x1 - x0) * (y1 - y0);
}

/* A slide's heap with nothing alive in it: says so, and (listed) names
 * the objects the step freed, whose ghosts would be too small to read
 * where they were.  With their ghosts drawn, it says nothing more. */
static void empty_slide(HeapCtx *c, int listed)
{
    Scene *s = c->s;
    char names[400];
    int n = 0, k = 0, drawn = 0;
    names[0] = 0;
    for (GcId id = 1; id <= s->maxid; id++) {
        const GcObject *o = gc_object(s->h, id);
        drawn |= c->geo[id].drawn;
        if (!listed || !o || o->state == GC_STATE_ALIVE || card_alpha(c, o) <= 0 ||
            layout_is_temporary(s->layout, id))
            continue;
        char label[96];
        render_obj_label(s->h, id, label, sizeof label);
        if (k >= 0 && (size_t)k < sizeof names)
            k += snprintf(names + k, sizeof names - (size_t)k, "%s%s", n ? ", " : "", label);
        n++;
    }
    if (drawn)
        return; /* the ghosts say what was freed */
    s->empty = 1;
    float x = s->rg.heap_x + sc(s, 40), w = s->rg.heap_w - sc(s, 80);
    float y = s->rg.heap_y + s->rg.heap_h * 0.4f;
    static const int big[] = {28}, small[] = {20, 18};
    render_wrapped(s, RENDER_FONT_BOLD, big, 1, "Nothing is alive on the heap.", x, y, w, 1, 0,
                   s->t->text_dim);
    if (n > 0) {
        char msg[480];
        snprintf(msg, sizeof msg, "Freed by this step: %s", names);
        render_wrapped(s, RENDER_FONT_SANS, small, 2, msg, x, y + sc(s, 48), w, 3, 4,
                       s->t->text_dim);
    }
}

/* The cards a frame looks at, into c->cand in id order: those whose place
 * meets the heap area widened on each side by the view's own size (at
 * least NEAR_WORLD world units: the arrows between them may cross the
 * view), and the targets of their fields (an arrow leaving the view for a
 * card far away).  A frame so costs what is near the view, not the heap:
 * 10^5 cards at full zoom look at a few hundred.  A card farther away
 * whose field refers to a card in view is the one thing left out: its
 * arrow would enter from the edge of the view. */
#define NEAR_WORLD 1200.0f

/* c->cand from the cache's answer: the existing objects, ascending. */
static int take_cards(HeapCtx *c)
{
    Scene *s = c->s;
    int n;
    const GcId *ids = render_cache_ids(s->cache, &n);
    free(c->cand);
    c->ncand = 0;
    c->cand = malloc(((size_t)n + 1) * sizeof *c->cand);
    if (!c->cand)
        return -1;
    for (int i = 0; i < n; i++)
        if (ids[i] <= s->maxid && gc_object(s->h, ids[i]))
            c->cand[c->ncand++] = ids[i];
    return 0;
}

static int near_cards(HeapCtx *c)
{
    Scene *s = c->s;
    float k = zk(s), vw = s->rg.heap_w / k, vh = s->rg.heap_h / k;
    float mx = vw > NEAR_WORLD ? vw : NEAR_WORLD, my = vh > NEAR_WORLD ? vh : NEAR_WORLD;
    float box[4] = {s->v->pan_x - mx, s->v->pan_y - my, s->v->pan_x + vw + mx,
                    s->v->pan_y + vh + my};
    if (!s->cache)
        return -1;
    /* cards of objects freed before the statement shown are not drawn
     * (card_alpha): the window's frame leaves them out of the query (a
     * slide keeps them, as its estimate of tangled lists counts them) */
    int n = s->v->slide
                ? render_cache_near(s->cache, s->layout, box)
                : render_cache_near_drawn(s->cache, s->layout, box, s->maxid, c->stmt_start);
    if (n < 0)
        return -1;
    return take_cards(c);
}

/* Adds to c->cand the targets of the fields of its live cards (the
 * arrows the frame may draw end there). */
static int near_targets(HeapCtx *c)
{
    Scene *s = c->s;
    for (int i = 0; i < c->ncand; i++) {
        const GcObject *o = gc_object(s->h, c->cand[i]);
        if (!o || o->state != GC_STATE_ALIVE)
            continue;
        if (o->kind == GC_KIND_WEAKREF) {
            if (o->wr_referent <= s->maxid && render_cache_add(s->cache, o->wr_referent) < 0)
                return -1;
            continue;
        }
        uint32_t max = o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE ? LAYOUT_MAX_CELLS
                                                                           : LAYOUT_MAX_ROWS;
        for (uint32_t f = 0; f < gc_nslots(o) && f < max; f++)
            if (GC_VAL_IS_OBJ(gc_slot(o, f).val) && GC_VAL_ID(gc_slot(o, f).val) <= s->maxid &&
                render_cache_add(s->cache, GC_VAL_ID(gc_slot(o, f).val)) < 0)
                return -1;
    }
    return take_cards(c);
}

/* ---- lists whose cells name their objects ------------------------------------ */

/* A reference drawn straight, for tangled_lists' estimate of the arrows:
 * from its row or cell to the nearest point of its target's card, both
 * cards by their index in c->cand. */
typedef struct TangleSeg {
    RenderPt a, b;
    int src, tgt;
} TangleSeg;

/* Frames with more cards near the view are not estimated (a slide shows
 * a lesson's heap), and references beyond TANGLE_SEGS are left out. */
#define TANGLE_CARDS 400
#define TANGLE_SEGS  2000
/* A list's arrows, drawn straight, tangle when they cross more than
 * TANGLE_CROSS cards or meet more than TANGLE_MEET other arrows. */
#define TANGLE_CROSS 0
#define TANGLE_MEET  4

static float tangle_side(RenderPt o, RenderPt a, RenderPt b)
{
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/* Whether the segments ab and cd cross (touching ends do not count). */
static int tangle_meet(RenderPt a, RenderPt b, RenderPt c, RenderPt d)
{
    float d1 = tangle_side(a, b, c), d2 = tangle_side(a, b, d);
    float d3 = tangle_side(c, d, a), d4 = tangle_side(c, d, b);
    return d1 * d2 < 0 && d3 * d4 < 0;
}

/* Whether the segment ab passes through the inside of r (x0, y0, x1, y1). */
static int tangle_through(RenderPt a, RenderPt b, const float r[4])
{
    float t0 = 0, t1 = 1, d[2] = {b.x - a.x, b.y - a.y}, p[2] = {a.x, a.y};
    for (int i = 0; i < 2; i++) {
        float lo = r[i], hi = r[i + 2];
        if (fabsf(d[i]) < 1e-6f) {
            if (p[i] <= lo || p[i] >= hi)
                return 0;
            continue;
        }
        float u0 = (lo - p[i]) / d[i], u1 = (hi - p[i]) / d[i];
        t0 = fmaxf(t0, fminf(u0, u1));
        t1 = fminf(t1, fmaxf(u0, u1));
        if (t0 >= t1)
            return 0;
    }
    return 1;
}

/* The index of id in c->cand (ascending), or -1. */
static int cand_index(const HeapCtx *c, GcId id)
{
    int lo = 0, hi = c->ncand - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (c->cand[mid] == id)
            return mid;
        if (c->cand[mid] < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* The screen rectangle of each candidate's body (r[i][2] < r[i][0]: not
 * drawn) and whether it meets the heap view. */
static void tangle_rects(HeapCtx *c, float (*r)[4], uint8_t *seen)
{
    Scene *s = c->s;
    float k = zk(s);
    for (int i = 0; i < c->ncand; i++) {
        const GcObject *o = gc_object(s->h, c->cand[i]);
        float wx, wy, ww, wh, x, y;
        r[i][0] = 1, r[i][2] = 0;
        seen[i] = 0;
        if (!o || card_alpha(c, o) <= 0 || layout_get(s->layout, c->cand[i], &wx, &wy) < 0)
            continue;
        layout_card_dims(s->layout, c->cand[i], o->kind,
                         o->state == GC_STATE_FREED ? 0 : gc_nslots(o), &ww, &wh);
        to_screen(s, wx, wy, &x, &y);
        r[i][0] = x, r[i][1] = y + LAYOUT_TAG_H * k, r[i][2] = x + ww * k, r[i][3] = y + wh * k;
        seen[i] = r[i][2] >= s->rg.heap_x && r[i][0] <= s->rg.heap_x + s->rg.heap_w &&
                  r[i][3] >= s->rg.heap_y && r[i][1] <= s->rg.heap_y + s->rg.heap_h;
    }
}

/* The references with an end in view as straight segments (a list above
 * the view draws its arrows down into it); their count. */
static int tangle_segs(HeapCtx *c, float (*r)[4], const uint8_t *seen, TangleSeg *sg)
{
    Scene *s = c->s;
    float k = zk(s);
    int n = 0;
    for (int i = 0; i < c->ncand; i++) {
        const GcObject *o = gc_object(s->h, c->cand[i]);
        if (r[i][2] < r[i][0] || o->state != GC_STATE_ALIVE || o->kind == GC_KIND_WEAKREF)
            continue;
        int cells = o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE;
        float cw = layout_cell_w(s->layout, c->cand[i]);
        for (uint32_t f = 0; f < gc_nslots(o) && f < (cells ? LAYOUT_MAX_CELLS : LAYOUT_MAX_ROWS);
             f++) {
            int j =
                GC_VAL_IS_OBJ(gc_slot(o, f).val) ? cand_index(c, GC_VAL_ID(gc_slot(o, f).val)) : -1;
            if (j < 0 || j == i || r[j][2] < r[j][0] || !(seen[i] || seen[j]) || n >= TANGLE_SEGS)
                continue;
            RenderPt a =
                cells ? (RenderPt){r[i][0] + (LAYOUT_PAD + cw * ((float)f + 0.5f)) * k,
                                   r[i][1] +
                                       (LAYOUT_HEADER_H + LAYOUT_PAD + LAYOUT_CELL_H * 0.5f) * k}
                      : (RenderPt){r[i][2] - 14 * k,
                                   r[i][1] +
                                       (LAYOUT_HEADER_H + LAYOUT_ROW_H * ((float)f + 0.5f)) * k};
            RenderPt b = {fminf(fmaxf(a.x, r[j][0]), r[j][2]), fminf(fmaxf(a.y, r[j][1]), r[j][3])};
            sg[n++] = (TangleSeg){a, b, i, j};
        }
    }
    return n;
}

/* The lists and tuples of a slide whose arrows would tangle: drawn
 * straight from their cells (tangle_segs), they cross more than
 * TANGLE_CROSS other cards or meet more than TANGLE_MEET arrows of other
 * cards (a list holding every node of a tree laid out beside it: its
 * arrows run across the tree's).  Their cells name their objects instead
 * (card_cells), one note says so (named_note), and only the arrow a
 * micro-step follows is drawn.  Deterministic and cheap: a slide's few
 * dozen cards, by their layout places. */
static void tangled_lists(HeapCtx *c)
{
    Scene *s = c->s;
    c->nnamed = 0;
    if (!s->v->slide || overview(s) || c->ncand > TANGLE_CARDS || c->ncand < 4)
        return;
    float(*r)[4] = malloc((size_t)c->ncand * sizeof *r);
    uint8_t *seen = malloc((size_t)c->ncand);
    TangleSeg *sg = malloc(TANGLE_SEGS * sizeof *sg);
    if (r && seen && sg) {
        tangle_rects(c, r, seen);
        int n = tangle_segs(c, r, seen, sg);
        for (int a = 0; a < n && c->nnamed < NAMED_MAX;) {
            int b = a, cross = 0, meet = 0, i = sg[a].src;
            const GcObject *o = gc_object(s->h, c->cand[i]);
            int cells = o->kind == GC_KIND_LIST || o->kind == GC_KIND_TUPLE;
            for (; b < n && sg[b].src == i; b++) {
                for (int j = 0; cells && j < c->ncand; j++) {
                    float in[4] = {r[j][0] + 2, r[j][1] + 2, r[j][2] - 2, r[j][3] - 2};
                    cross += j != i && j != sg[b].tgt && in[2] > in[0] &&
                             tangle_through(sg[b].a, sg[b].b, in);
                }
                for (int q = 0; cells && q < n; q++)
                    meet += sg[q].src != i && sg[q].tgt != sg[b].tgt &&
                            tangle_meet(sg[b].a, sg[b].b, sg[q].a, sg[q].b);
            }
            if (cells && b - a >= 3 && (cross > TANGLE_CROSS || meet > TANGLE_MEET))
                c->named[c->nnamed++] = c->cand[i];
            a = b;
        }
    }
    free(r);
    free(seen);
    free(sg);
}

/* Whether card id's cells name their objects (tangled_lists). */
static int cells_named(const HeapCtx *c, GcId id)
{
    for (int i = 0; i < c->nnamed; i++)
        if (c->named[i] == id)
            return 1;
    return 0;
}

/* Whether the rectangle [x0, x1] x [y0, y1] meets a drawn card other
 * than id (its tags and footer included). */
static int meets_card(const HeapCtx *c, GcId id, float x0, float y0, float x1, float y1)
{
    const float r[4] = {x0, y0, x1, y1};
    for (int ci = 0; ci < c->ncand; ci++) {
        GcId o = c->cand[ci];
        const CardGeo *g = &c->geo[o];
        const float card[4] = {g->x, g->y - LAYOUT_TAG_H * g->k, g->x + g->w, g->bottom};
        if (o != id && g->drawn && rects_meet(r, card, 0))
            return 1;
    }
    return 0;
}

/* Under each list whose cells name their objects (tangled_lists), once, in
 * the footer's colour: why its arrows are missing.  Below the card, or
 * where the card below leaves no room for it (chapter 11's note ran into
 * globals' generation label), after the footer on its line, shorter if
 * it must be. */
static void named_notes(HeapCtx *c)
{
    Scene *s = c->s;
    int npx = zpx(s, 15);
    if (npx < 7 || overview(s))
        return;
    static const char *const texts[] = {"cells name their objects: arrows left out",
                                        "cells name their objects"};
    for (int i = 0; i < c->nnamed; i++) {
        GcId id = c->named[i];
        const GcObject *o = id <= s->maxid ? gc_object(s->h, id) : NULL;
        CardGeo *g = &c->geo[id];
        if (!o || !g->drawn || o->state == GC_STATE_FREED)
            continue;
        float k = g->k, lh = (float)npx * 1.3f, below = fmaxf(g->bottom, g->y + g->h) + 3 * k;
        float line = g->y + g->h + 4 * k, left = g->foot_r > 0 ? g->foot_r + 14 * k : g->x + 4 * k;
        float x = g->x + 4 * k, y = below;
        int on_line = 0; /* after the footer, not below the card */
        const char *txt = NULL;
        for (int t = 0; t < 2 && !txt; t++) {
            float tw = (float)render_text_width(s->fonts, RENDER_FONT_SANS, npx, texts[t]);
            if (t == 0 && !meets_card(c, id, x, below, x + tw, below + lh)) {
                txt = texts[t];
            } else if (left + tw <= g->x + g->w - 4 * k) {
                txt = texts[t]; /* after the footer, clear of arrows into the card's right side */
                x = left;
                y = line;
                on_line = 1;
            }
        }
        if (!txt)
            txt = texts[0]; /* nowhere free: below, as wide as the card allows */
        char fit[160];
        txt = render_fit(s, RENDER_FONT_SANS, npx, txt, fmaxf(g->w - 8 * k, 400 * k), fit,
                         sizeof fit);
        render_text(s->l, x, y, RENDER_FONT_SANS, npx, RENDER_ALIGN_LEFT,
                    with_alpha(s->t->text_dim, g->alpha), txt);
        if (!on_line)
            g->bottom = y + lh;
    }
}

/* ---- what a slide does not show ----------------------------------------------- */

#define MORE_MAX_IDS 100000 /* a slide of more objects is drawn as blocks of counts */
#define MORE_TYPES   3      /* the types more_note names, the most numerous first */

/* Is the living card of id one a slide counts (it would be drawn: not a
 * beginner's hidden temporary, not an argument tuple, with a place)?  Its
 * screen rectangle, tag strip included, in r. */
static int counted_card(HeapCtx *c, GcId id, float r[4])
{
    Scene *s = c->s;
    const GcObject *o = gc_object(s->h, id);
    float wx, wy, ww, wh;
    if (!o || o->state != GC_STATE_ALIVE || layout_is_temporary(s->layout, id) ||
        card_alpha(c, o) <= 0 || layout_get(s->layout, id, &wx, &wy) < 0)
        return 0;
    layout_card_dims(s->layout, id, o->kind, gc_nslots(o), &ww, &wh);
    to_screen(s, wx, wy, &r[0], &r[1]);
    r[2] = ww * zk(s);
    r[3] = wh * zk(s);
    return 1;
}

/* A slide whose heap view does not hold every living card whole keeps a
 * strip along its bottom edge for more_note: its height, else 0. */
static float more_strip(HeapCtx *c)
{
    Scene *s = c->s;
    if (!s->v->slide || c->aggregate || s->maxid > MORE_MAX_IDS)
        return 0;
    for (GcId id = 1; id <= s->maxid; id++) {
        float r[4];
        if (counted_card(c, id, r) && (r[0] < s->rg.heap_x - 1 || r[1] < s->rg.heap_y - 1 ||
                                       r[0] + r[2] > s->rg.heap_x + s->rg.heap_w + 1 ||
                                       r[1] + r[3] > s->rg.heap_y + s->rg.heap_h + 1))
            return sc(s, RENDER_SLIDE_MORE_H);
    }
    return 0;
}

/* Drilled to cards: they stop at the strip the Back out button sits on
 * (strip_y).  Above it they fade out and a rule marks it, so that a card
 * cut there reads as going on below the heap's edge, not as a glitch. */
static void strip_edge(HeapCtx *c)
{
    Scene *s = c->s;
    if (c->strip_y <= 0 || c->aggregate)
        return;
    enum { STEPS = 6 };
    float fade = sc(s, 18), x = s->rg.heap_x, w = s->rg.heap_w;
    for (int i = 0; i < STEPS; i++)
        render_rect(s->l, x, c->strip_y - fade * (float)(STEPS - i) / STEPS, w, fade / STEPS, 0,
                    with_alpha(s->t->heap_bg, (float)(i + 1) / (STEPS + 1)));
    render_rect(s->l, x, c->strip_y - sc(s, 1), w, sc(s, 1), 0, s->t->panel_border);
}

/* The strip of a slide that cannot show every living card whole: how many
 * it does not show, by type ("+ 187 more objects out of view: Node × 186,
 * list × 1"), or their names when they are one or two.  At the bottom
 * left, else the bottom right when a card the caption names lies there.
 * (First the edge of a drill-down's strip: strip_edge.) */
static void more_note(HeapCtx *c)
{
    Scene *s = c->s;
    strip_edge(c);
    if (c->more_h <= 0)
        return;
    const char *type[8];
    int count[8], ntype = 0, total = 0, other = 0;
    GcId few[2] = {0, 0};
    for (GcId id = 1; id <= s->maxid; id++) {
        float r[4];
        if (!counted_card(c, id, r) || c->geo[id].shown)
            continue;
        if (total < 2)
            few[total] = id;
        total++;
        const char *tn = gc_type_name(s->h, id);
        int i = 0;
        while (i < ntype && strcmp(type[i], tn) != 0)
            i++;
        if (i == ntype && ntype < 8) {
            type[ntype] = tn;
            count[ntype++] = 0;
        }
        if (i < ntype)
            count[i]++;
        else
            other++;
    }
    if (total == 0)
        return;
    char msg[400], label[96];
    int k;
    if (total <= 2) {
        k = snprintf(msg, sizeof msg, "Out of view: %s",
                     render_obj_label(s->h, few[0], label, sizeof label));
        if (total == 2)
            snprintf(msg + k, sizeof msg - (size_t)k, ", %s",
                     render_obj_label(s->h, few[1], label, sizeof label));
    } else {
        k = snprintf(msg, sizeof msg, "+ %d more objects out of view:", total);
        for (int n = 0; n < MORE_TYPES && n < ntype; n++) {
            int best = n; /* the most numerous left, the first met among equals */
            for (int i = n + 1; i < ntype; i++)
                if (count[i] > count[best])
                    best = i;
            const char *bt = type[best];
            int bc = count[best];
            memmove(&type[n + 1], &type[n], (size_t)(best - n) * sizeof *type);
            memmove(&count[n + 1], &count[n], (size_t)(best - n) * sizeof *count);
            type[n] = bt;
            count[n] = bc;
            k += snprintf(msg + k, sizeof msg - (size_t)k, "%s %s \xC3\x97 %d", n ? "," : "", bt,
                          bc);
        }
        for (int i = MORE_TYPES; i < ntype; i++)
            other += count[i];
        if (other > 0)
            snprintf(msg + k, sizeof msg - (size_t)k, ", %d other%s", other, other > 1 ? "s" : "");
    }
    const RenderTheme *t = s->t;
    int px = spx(s, 15);
    char fit[400];
    const char *txt =
        render_fit(s, RENDER_FONT_SANS, px, msg, s->rg.heap_w - sc(s, 48), fit, sizeof fit);
    float h = sc(s, 26),
          w = (float)render_text_width(s->fonts, RENDER_FONT_SANS, px, txt) + sc(s, 24);
    float x = s->rg.heap_x + sc(s, 12), y = s->rg.heap_y + s->rg.heap_h - c->more_h + sc(s, 4);
    for (int i = 0; i < c->nsubject; i++) {
        const CardGeo *g = &c->geo[c->subject[i]];
        float gt = g->y - LAYOUT_TAG_H * g->k;
        if (c->subject[i] <= s->maxid && g->shown && g->x < x + w && g->x + g->w > x &&
            gt < y + h && g->bottom > y)
            x = s->rg.heap_x + s->rg.heap_w - w - sc(s, 12);
    }
    render_rect(s->l, x, y, w, h, h * 0.5f, t->card);
    render_frame(s->l, x, y, w, h, h * 0.5f, sc(s, 1), 0, t->card_border);
    render_text_mid(s, x + w * 0.5f, y, h, RENDER_FONT_SANS, px, RENDER_ALIGN_CENTER, t->text_dim,
                    txt);
}

static void heap_free(HeapCtx *c)
{
    route_index_free(&c->ix);
    for (int bi = 0; c->agg && bi < c->agg_w * c->agg_h; bi++)
        free(c->agg[bi].type);
    free(c->agg);
    free(c->obs);
    free(c->ent);
    if (c->scratch) {
        /* the frame wrote only its candidates' entries (and was's) */
        for (int i = 0; i < c->ncand; i++) {
            GcId id = c->cand[i];
            if (c->geo)
                memset(&c->geo[id], 0, sizeof c->geo[id]);
            if (c->obs_of)
                c->obs_of[id] = 0;
            if (c->agg_of)
                c->agg_of[id] = 0;
        }
        for (int i = 0; c->was && i < c->nwas; i++)
            c->was[c->was_ids[i]] = 0;
    } else {
        free(c->agg_of);
        free(c->obs_of);
        free(c->geo);
        free(c->was);
    }
    free(c->cand);
}

/* The blocks of a crowd too big for one block per card. */
static void agg_start(HeapCtx *c)
{
    Scene *s = c->s;
    /* the window's box over the heap's bottom edge (its "Back out" button)
     * is a strip the blocks leave free */
    const float *cov = s->v->covered;
    float strip = cov[2] > 0 ? s->rg.heap_y + s->rg.heap_h - cov[1] + sc(s, 4) : 0;
    c->agg_gh = s->rg.heap_h - (strip > 0 && strip < s->rg.heap_h * 0.3f ? strip : 0);
    c->agg_w = (int)(s->rg.heap_w / sc(s, AGG_BLOCK_W));
    c->agg_h = (int)(c->agg_gh / sc(s, AGG_BLOCK_H));
    c->reach = render_scene_reach(s);
    /* a few large blocks: a class reads them from the back row */
    c->agg_w = c->agg_w < 1 ? 1 : c->agg_w > AGG_MAX_W ? AGG_MAX_W : c->agg_w;
    c->agg_h = c->agg_h < 1 ? 1 : c->agg_h > AGG_MAX_H ? AGG_MAX_H : c->agg_h;
    c->agg = calloc((size_t)c->agg_w * (size_t)c->agg_h, sizeof *c->agg);
    c->agg_of = c->scratch
                    ? render_cache_scratch(s->cache, 3, (size_t)s->maxid + 1, sizeof *c->agg_of)
                    : calloc((size_t)s->maxid + 1, sizeof *c->agg_of);
    c->aggregate = c->agg != NULL && c->agg_of != NULL;
}

/* The view and the blocks' borders in world units, for the cells, each
 * widened or narrowed by a margin that holds the float rounding of
 * card_screen (a few units in the last place of world coordinates up to
 * 2^21, and of screen ones, times the zoom): a cell's box inside `in` has
 * every card in view (culled by none, counted by crowded), beyond `out`
 * none; centres on one side of every border are in one block. */
typedef struct CellView {
    float in[4], out[4];                /* x0, y0, x1, y1 */
    float bx[AGG_MAX_W], by[AGG_MAX_H]; /* left (top) edges of the block columns (rows) 1.. */
    float e;
} CellView;

static void cell_view(const HeapCtx *c, CellView *v)
{
    const Scene *s = c->s;
    float k = zk(s), e = 0.5f + 0.02f / k, x0 = s->v->pan_x, y0 = s->v->pan_y;
    float x1 = x0 + s->rg.heap_w / k, y1 = y0 + s->rg.heap_h / k;
    v->e = e;
    v->in[0] = x0 + e, v->in[1] = y0 + e, v->in[2] = x1 - e, v->in[3] = y1 - e;
    v->out[0] = x0 - e, v->out[1] = y0 - e, v->out[2] = x1 + e, v->out[3] = y1 + 30 + e;
    for (int j = 1; j < c->agg_w; j++)
        v->bx[j] = x0 + (float)j * s->rg.heap_w / (float)c->agg_w / k;
    for (int j = 1; j < c->agg_h; j++)
        v->by[j] = y0 + (float)j * c->agg_gh / (float)c->agg_h / k;
}

/* Where a cell's cards are (its RenderCell box): -1 every one out of
 * view, 1 every one in it, 0 some or unsure. */
static int cell_in_view(const CellView *v, const float box[4])
{
    if (box[0] > v->out[2] || box[2] < v->out[0] || box[1] > v->out[3] || box[3] < v->out[1])
        return -1;
    return box[0] >= v->in[0] && box[2] <= v->in[2] && box[1] >= v->in[1] && box[3] <= v->in[3];
}

/* The block column (or row) of world x (y) among the n borders at b[1..],
 * or -1 when lo and hi fall on two sides of one. */
static int cell_band(const float *b, int n, float lo, float hi)
{
    int i = 0, j = 0;
    for (int t = 1; t < n; t++) {
        i += b[t] <= lo;
        j += b[t] <= hi;
    }
    return i == j ? i : -1;
}

/* The cards of the cells at the view's edge or across two blocks,
 * counted one by one, kept from frame to frame with the cells
 * (RenderCells.keep): a step counts again only the cells it changed
 * (RenderCells.recounted), a frame at another view (a pan, a zoom, a
 * resize) every one.  Each such cell's cards as parts, one per block
 * they are counted in, and their ids, whose blocks are in `of`. */
typedef struct AggPart {
    int32_t block;
    uint32_t gen[AGG_KINDS], total, unreach;
    int64_t nval;   /* value references */
    int32_t t0, nt; /* its types: AggSet.type[t0 .. t0 + nt) */
} AggPart;

typedef struct AggEdge {
    int32_t cell;
    int32_t p0, np; /* its parts: AggSet.part[p0 .. p0 + np) */
    int32_t i0, ni; /* the ids counted: AggSet.ids[i0 .. i0 + ni) */
} AggEdge;

typedef struct AggSet {
    AggEdge *edge;
    AggPart *part;
    AggType *type;
    GcId *ids;
    int32_t nedge, capedge, npart, cappart, ntype, captype, nids, capids;
} AggSet;

/* The references agg_edges_cells counts one by one (a pair of cells with
 * one of them counted card by card), kept by their source cell: summed by
 * pair of blocks, parts[p0 .. p0 + np). */
typedef struct AggRefPart {
    int32_t a, b; /* from block a to block b (a == b: inside) */
    uint32_t n;
} AggRefPart;

typedef struct AggRefCell {
    int32_t cell, p0, np;
} AggRefCell;

typedef struct AggRefSet {
    AggRefCell *cell;
    AggRefPart *part;
    int32_t ncell, capcell, npart, cappart;
} AggRefSet;

struct AggKeep {
    float view[10]; /* what a card's block depends on besides its cell (agg_view) */
    int valid;
    int32_t moves; /* the cells' moves when kept */
    int32_t *of;   /* by id (1 .. cap): 1 + the block of a kept card, else 0 */
    int32_t *at;   /* by cell: 1 + its edge in set[cur], 0: none */
    AggSet set[2]; /* the last frame's (cur) and the next's */
    int cur;
    AggBlock part[AGG_MAX_W * AGG_MAX_H]; /* one cell's parts while counted */
    int32_t reused, counted; /* cells kept and counted again in the last frame (tests) */
    /* the references counted one by one (agg_edges_cells), kept alike:
     * valid at the view rview while neither a source cell nor a cell its
     * references go to was counted again since rmoves */
    float rview[10];
    int rvalid;
    int32_t rmoves;
    int32_t *rat;      /* by cell: 1 + its entry in rset[rcur], 0: none */
    AggRefSet rset[2]; /* the last frame's (rcur) and the next's */
    int rcur;
    int32_t rreused, rcounted; /* source cells kept and counted again (tests) */
};

void render_agg_keep_free(struct AggKeep *k)
{
    if (!k)
        return;
    free(k->of);
    free(k->at);
    free(k->rat);
    for (int i = 0; i < 2; i++) {
        free(k->rset[i].cell);
        free(k->rset[i].part);
        free(k->set[i].edge);
        free(k->set[i].part);
        free(k->set[i].type);
        free(k->set[i].ids);
    }
    for (int b = 0; b < AGG_MAX_W * AGG_MAX_H; b++)
        free(k->part[b].type);
    free(k);
}

void render_agg_keep_stats(const RenderCells *rc, int32_t *reused, int32_t *counted)
{
    *reused = rc && rc->keep ? rc->keep->reused : 0;
    *counted = rc && rc->keep ? rc->keep->counted : 0;
}

void render_agg_refs_stats(const RenderCells *rc, int32_t *reused, int32_t *counted)
{
    *reused = rc && rc->keep ? rc->keep->rreused : 0;
    *counted = rc && rc->keep ? rc->keep->rcounted : 0;
}

/* The view a kept cell's blocks were counted at. */
static void agg_view(const HeapCtx *c, float v[10])
{
    const Scene *s = c->s;
    v[0] = s->v->pan_x, v[1] = s->v->pan_y, v[2] = zk(s);
    v[3] = s->rg.heap_x, v[4] = s->rg.heap_y, v[5] = s->rg.heap_w;
    v[6] = s->rg.heap_h, v[7] = c->agg_gh, v[8] = (float)(c->agg_w * 16 + c->agg_h);
    v[9] = c->reach != NULL;
}

/* Cell ci's references counted one by one (its pairs with a cell counted
 * card by card, ba or the pair's block -2) into set as parts by pair of
 * blocks; -1 on OOM. */
static int agg_refs_count(const HeapCtx *c, const RenderCells *rc, AggRefSet *set, int32_t ci)
{
    const RenderCell *cell = &rc->cell[ci];
    int32_t ba = rc->block[ci], p0 = set->npart;
    if (GC_VEC_ROOM(set->cell, set->ncell, set->capcell, 64, realloc) < 0)
        return -1;
    for (int32_t p = cell->p0; p < cell->p0 + cell->np; p++) {
        const RenderCellPair *pr = &rc->pairs[p];
        int32_t bb = rc->block[pr->to];
        if (bb == -1 || (ba >= 0 && bb >= 0))
            continue;
        int32_t last = -1; /* the part the reference before went to */
        for (int32_t r = pr->r0; r < pr->r0 + (int32_t)pr->n; r++) {
            int32_t a = ba >= 0 ? ba : c->agg_of[rc->refs[r][0]] - 1,
                    b = bb >= 0 ? bb : c->agg_of[rc->refs[r][1]] - 1;
            if (a < 0 || b < 0)
                continue;
            if (last < 0 || set->part[last].a != a || set->part[last].b != b) {
                for (last = p0; last < set->npart; last++)
                    if (set->part[last].a == a && set->part[last].b == b)
                        break;
                if (last == set->npart) {
                    if (GC_VEC_ROOM(set->part, set->npart, set->cappart, 256, realloc) < 0)
                        return -1;
                    set->part[set->npart++] = (AggRefPart){a, b, 0};
                }
            }
            set->part[last].n++;
        }
    }
    set->cell[set->ncell++] = (AggRefCell){ci, p0, set->npart - p0};
    return 0;
}

/* Kept entry ei of the last frame's references into set, as it was. */
static int agg_refs_copy(AggRefSet *set, const AggRefSet *was, int32_t ei)
{
    const AggRefCell *w = &was->cell[ei];
    if (GC_VEC_ROOM(set->cell, set->ncell, set->capcell, 64, realloc) < 0 ||
        GC_VEC_RESERVE(set->part, set->npart + w->np, set->cappart, 256, realloc) < 0)
        return -1;
    set->cell[set->ncell++] = (AggRefCell){w->cell, set->npart, w->np};
    if (w->np > 0)
        memcpy(set->part + set->npart, was->part + w->p0, (size_t)w->np * sizeof *set->part);
    set->npart += w->np;
    return 0;
}

/* agg_edges from the cells (agg_from_cells): a pair of cells each in one
 * block adds its count, others their references one by one, kept from
 * frame to frame with the cells (AggKeep.rset): a source cell's are
 * counted again when it or a cell its references go to was counted again
 * (RenderCells.recounted: a step changed it, or a card it refers to moved
 * out of it), and every one at another view. */
static uint32_t *agg_edges_cells(HeapCtx *c)
{
    RenderCells *rc = c->cells;
    struct AggKeep *k = rc->keep;
    int nb = c->agg_w * c->agg_h;
    uint32_t *e = calloc((size_t)nb * (size_t)nb, sizeof *e);
    if (!e || !k)
        return e;
    float view[10];
    agg_view(c, view);
    int valid = k->valid && k->rvalid && memcmp(view, k->rview, sizeof view) == 0, oom = 0;
    const int32_t *rec = rc->recounted;
    AggRefSet *was = &k->rset[k->rcur], *set = &k->rset[1 - k->rcur];
    set->ncell = set->npart = 0;
    k->rreused = k->rcounted = 0;
    for (int32_t ci = 0; ci < rc->gw * rc->gh && !oom; ci++) {
        int32_t ba = rc->block[ci];
        const RenderCell *cell = &rc->cell[ci];
        if (ba == -1)
            continue;
        int one = ba == -2; /* some of its references are counted one by one */
        int kept = valid && k->rat[ci] && (!rec || rec[ci] <= k->rmoves);
        for (int32_t p = cell->p0; p < cell->p0 + cell->np; p++) {
            const RenderCellPair *pr = &rc->pairs[p];
            int32_t bb = rc->block[pr->to];
            kept &= !rec || rec[pr->to] <= k->rmoves;
            if (bb == -1)
                continue;
            if (ba >= 0 && bb >= 0)
                agg_ref(c, e, ba, bb, pr->n);
            else
                one = 1;
        }
        if (!one)
            continue;
        if (kept ? agg_refs_copy(set, was, k->rat[ci] - 1) < 0
                 : agg_refs_count(c, rc, set, ci) < 0) {
            oom = 1;
            break;
        }
        k->rreused += kept;
        k->rcounted += !kept;
        const AggRefCell *rcell = &set->cell[set->ncell - 1];
        for (int32_t p = rcell->p0; p < rcell->p0 + rcell->np; p++)
            agg_ref(c, e, set->part[p].a, set->part[p].b, set->part[p].n);
    }
    for (int32_t ei = 0; ei < was->ncell; ei++)
        k->rat[was->cell[ei].cell] = 0;
    if (oom) {
        /* nothing kept: the next frame counts them again */
        set->ncell = was->ncell = 0;
        k->rvalid = 0;
        free(e);
        return NULL;
    }
    for (int32_t ei = 0; ei < set->ncell; ei++)
        k->rat[set->cell[ei].cell] = ei + 1;
    k->rcur = 1 - k->rcur;
    memcpy(k->rview, view, sizeof view);
    k->rmoves = rc->moves;
    k->rvalid = 1;
    return e;
}

/* The keep of the cells, made when first needed (its `of` for their ids);
 * NULL on OOM. */
static struct AggKeep *agg_keep(RenderCells *rc)
{
    if (rc->keep)
        return rc->keep;
    struct AggKeep *k = calloc(1, sizeof *k);
    if (!k)
        return NULL;
    k->of = calloc((size_t)rc->cap + 1, sizeof *k->of);
    k->at = calloc((size_t)rc->gw * (size_t)rc->gh, sizeof *k->at);
    k->rat = calloc((size_t)rc->gw * (size_t)rc->gh, sizeof *k->rat);
    if (!k->of || !k->at || !k->rat) {
        render_agg_keep_free(k);
        return NULL;
    }
    rc->keep = k;
    return k;
}

/* Whether the kept counts of cell ci hold at this frame. */
static int agg_kept(const struct AggKeep *k, const RenderCells *rc, const float view[10],
                    int32_t ci)
{
    return k->valid && k->at[ci] && (!rc->recounted || rc->recounted[ci] <= k->moves) &&
           memcmp(view, k->view, sizeof k->view) == 0;
}

/* A part's sums into its block. */
static void agg_part_add(HeapCtx *c, const AggSet *set, const AggPart *p)
{
    AggBlock *b = &c->agg[p->block];
    for (int k = 0; k < AGG_KINDS; k++) {
        b->gen[k] += p->gen[k];
        c->agg_count[k] += p->gen[k];
    }
    b->total += p->total;
    b->unreach += p->unreach;
    c->agg_refs += p->nval;
    for (int32_t t = p->t0; t < p->t0 + p->nt; t++)
        if (agg_type_add(b, &set->type[t]) < 0)
            c->s->l->oom = 1;
}

/* Cell ci's cards one by one, as draw_card counts them (card_geo,
 * agg_add): into set's parts (k->part while counted) and k->of.  The
 * cells tell what card_alpha and the card's slots would: a card at home
 * in a cell is drawn (alive, or a ghost of this statement) and none
 * fades in (else the frame is not summed from them: RenderCells.unsure),
 * so it is drawn unless it is a beginner's hidden temporary (not
 * counted); its value references are the cell's nval.  -1 on OOM. */
static int agg_edge_count(HeapCtx *c, struct AggKeep *k, AggSet *set, const RenderCells *rc,
                          int32_t ci)
{
    Scene *s = c->s;
    const RenderCell *cell = &rc->cell[ci];
    int32_t used[AGG_MAX_W * AGG_MAX_H], nused = 0;
    int oom = 0;
    int64_t nval[AGG_MAX_W * AGG_MAX_H];
    if (GC_VEC_RESERVE(set->ids, set->nids + cell->ni, set->capids, 256, realloc) < 0 ||
        GC_VEC_ROOM(set->edge, set->nedge, set->capedge, 64, realloc) < 0)
        return -1;
    AggEdge *e = &set->edge[set->nedge];
    *e = (AggEdge){ci, set->npart, 0, set->nids, 0};
    for (int32_t i = cell->i0; i < cell->i0 + cell->ni; i++) {
        GcId id = rc->ids[i];
        const GcObject *o = rc->counted[id] ? gc_object(s->h, id) : NULL;
        float wx, wy, sx, sy, sh;
        CardGeo g;
        if (!o || layout_get(s->layout, id, &wx, &wy) < 0 ||
            !card_screen(s, id, o, wx, wy, &g, &sx, &sy, &sh))
            continue;
        int bi = agg_block_at(c, g.x + g.w * 0.5f - s->rg.heap_x, g.y + g.h * 0.5f - s->rg.heap_y);
        AggBlock *b = &k->part[bi];
        if (!b->total) {
            used[nused++] = bi;
            nval[bi] = 0;
        }
        k->of[id] = bi + 1;
        set->ids[set->nids++] = id;
        int kd = render_agg_kind(o);
        b->gen[kd]++;
        b->total++;
        b->unreach += c->reach && o->state == GC_STATE_ALIVE && !c->reach[id];
        nval[bi] += rc->nval[id];
        AggType ty = {(int32_t)o->kind, o->kind == GC_KIND_INSTANCE ? (int32_t)o->cls : -1, id, 1};
        oom |= agg_type_add(b, &ty) < 0;
    }
    e->ni = set->nids - e->i0;
    for (int u = 0; u < nused; u++) {
        AggBlock *b = &k->part[used[u]];
        if (!oom &&
            (GC_VEC_ROOM(set->part, set->npart, set->cappart, 64, realloc) < 0 ||
             GC_VEC_RESERVE(set->type, set->ntype + b->ntypes, set->captype, 256, realloc) < 0))
            oom = 1;
        if (!oom) {
            AggPart *p = &set->part[set->npart++];
            p->block = used[u];
            memcpy(p->gen, b->gen, sizeof p->gen);
            p->total = b->total;
            p->unreach = b->unreach;
            p->nval = nval[used[u]];
            p->t0 = set->ntype;
            p->nt = b->ntypes;
            memcpy(set->type + set->ntype, b->type, (size_t)b->ntypes * sizeof *b->type);
            set->ntype += b->ntypes;
        }
        /* emptied for the next cell, its types' room kept */
        memset(b->gen, 0, sizeof b->gen);
        b->total = b->unreach = 0;
        b->ntypes = 0;
    }
    e->np = set->npart - e->p0;
    set->nedge++;
    return oom ? -1 : 0;
}

/* Kept edge ei of the last frame's set into set, as it was. */
static int agg_edge_copy(AggSet *set, const AggSet *was, int32_t ei)
{
    const AggEdge *w = &was->edge[ei];
    int32_t nt = 0;
    for (int32_t p = w->p0; p < w->p0 + w->np; p++)
        nt += was->part[p].nt;
    if (GC_VEC_ROOM(set->edge, set->nedge, set->capedge, 64, realloc) < 0 ||
        GC_VEC_RESERVE(set->part, set->npart + w->np, set->cappart, 64, realloc) < 0 ||
        GC_VEC_RESERVE(set->type, set->ntype + nt, set->captype, 256, realloc) < 0 ||
        GC_VEC_RESERVE(set->ids, set->nids + w->ni, set->capids, 256, realloc) < 0)
        return -1;
    set->edge[set->nedge++] = (AggEdge){w->cell, set->npart, w->np, set->nids, w->ni};
    memcpy(set->ids + set->nids, was->ids + w->i0, (size_t)w->ni * sizeof *set->ids);
    set->nids += w->ni;
    for (int32_t p = w->p0; p < w->p0 + w->np; p++) {
        AggPart *q = &set->part[set->npart++];
        *q = was->part[p];
        q->t0 = set->ntype;
        memcpy(set->type + set->ntype, was->type + was->part[p].t0,
               (size_t)q->nt * sizeof *set->type);
        set->ntype += q->nt;
    }
    return 0;
}

/* The cells counted card by card this frame (rc->block -2) into the
 * blocks: those kept from the last frame as they were, the others
 * counted again; then kept for the next.  -1 on OOM (nothing kept). */
static int agg_edges_keep(HeapCtx *c, RenderCells *rc, struct AggKeep *k, int cx0, int cx1, int cy0,
                          int cy1)
{
    float view[10];
    agg_view(c, view);
    AggSet *was = &k->set[k->cur], *set = &k->set[1 - k->cur];
    set->nedge = set->npart = set->ntype = set->nids = 0;
    /* the ids of the kept cells counted again (or no longer at an edge)
     * out of `of` first: a card may have moved to a cell counted now */
    for (int32_t ei = 0; ei < was->nedge; ei++) {
        const AggEdge *w = &was->edge[ei];
        if (rc->block[w->cell] == -2 && agg_kept(k, rc, view, w->cell))
            continue;
        for (int32_t i = w->i0; i < w->i0 + w->ni; i++)
            k->of[was->ids[i]] = 0;
    }
    int oom = 0;
    k->reused = k->counted = 0;
    for (int y = cy0; y <= cy1 && !oom; y++)
        for (int x = cx0; x <= cx1 && !oom; x++) {
            int32_t ci = y * rc->gw + x;
            if (rc->block[ci] != -2)
                continue;
            int kept = agg_kept(k, rc, view, ci);
            if (kept ? agg_edge_copy(set, was, k->at[ci] - 1) < 0
                     : agg_edge_count(c, k, set, rc, ci) < 0) {
                oom = 1;
                break;
            }
            k->reused += kept;
            k->counted += !kept;
            const AggEdge *e = &set->edge[set->nedge - 1];
            for (int32_t p = e->p0; p < e->p0 + e->np; p++)
                agg_part_add(c, set, &set->part[p]);
        }
    for (int32_t ei = 0; ei < was->nedge; ei++)
        k->at[was->edge[ei].cell] = 0;
    if (oom) {
        /* nothing kept: the next frame counts every cell again */
        memset(k->of, 0, ((size_t)rc->cap + 1) * sizeof *k->of);
        set->nedge = was->nedge = 0;
        k->valid = 0;
        return -1;
    }
    for (int32_t ei = 0; ei < set->nedge; ei++)
        k->at[set->edge[ei].cell] = ei + 1;
    k->cur = 1 - k->cur;
    memcpy(k->view, view, sizeof view);
    k->moves = rc->moves;
    k->valid = 1;
    return 0;
}

/* A cell whose cards are all in view and whose centres are all in one
 * block: its sums into that block. */
static void agg_cell_sum(HeapCtx *c, const RenderCells *rc, const RenderCell *cell, int bi)
{
    AggBlock *b = &c->agg[bi];
    for (int k = 0; k < AGG_KINDS; k++) {
        b->gen[k] += cell->gen[k];
        c->agg_count[k] += cell->gen[k];
    }
    b->total += cell->total;
    b->unreach += c->reach ? cell->unreach : 0;
    c->agg_refs += cell->nval;
    for (int32_t t = cell->t0; t < cell->t0 + cell->nt; t++)
        if (agg_type_add(b, &rc->types[t]) < 0)
            c->s->l->oom = 1;
}

/* Each cell in view into its block (cells->block), or card by card. */
static void agg_cells_sum(HeapCtx *c, RenderCells *rc, const CellView *v, int cx0, int cx1, int cy0,
                          int cy1)
{
    memset(rc->block, 0xff, (size_t)rc->gw * (size_t)rc->gh * sizeof *rc->block);
    for (int y = cy0; y <= cy1; y++)
        for (int x = cx0; x <= cx1; x++) {
            int32_t ci = y * rc->gw + x;
            const RenderCell *cell = &rc->cell[ci];
            int in = cell->ni ? cell_in_view(v, cell->box) : -1;
            if (in < 0 || (in && !cell->total))
                continue;
            /* in view: the block its centres' box is in, a margin round */
            int ix =
                in ? cell_band(v->bx, c->agg_w, cell->cbox[0] - v->e, cell->cbox[2] + v->e) : -1;
            int iy = ix >= 0
                         ? cell_band(v->by, c->agg_h, cell->cbox[1] - v->e, cell->cbox[3] + v->e)
                         : -1;
            if (iy >= 0) {
                rc->block[ci] = iy * c->agg_w + ix;
                agg_cell_sum(c, rc, cell, rc->block[ci]);
                continue;
            }
            rc->block[ci] = -2; /* counted card by card (agg_edges_keep) */
        }
}

/* Filed ids near the view beyond which the cells are computed at a new
 * step whatever part of the heap the view is (card by card, a frame of
 * 20,000 cards costs about 2 ms). */
#define AGG_CELLS_NEAR 20000

static const uint8_t *scene_reach(void *s)
{
    return render_scene_reach(s);
}

/* What the cells of heap h at its cursor are computed for. */
static void cells_key(RenderCellsKey *key, const GcHeap *h, const Layout *l,
                      const struct GcRunIndex *tl, int beginner)
{
    memset(key, 0, sizeof *key);
    key->h = h;
    key->l = l;
    key->version = layout_version(l);
    key->cursor = gc_cursor(h);
    key->nevents = gc_event_count(h);
    key->stmt_start = tl ? gc_index_stmt_at(tl, key->cursor - 1) : -1;
    if (key->stmt_start < 0)
        key->stmt_start = 0;
    key->maxid = gc_max_id(h);
    key->beginner = beginner;
}

static const uint8_t *cache_reach(void *arg)
{
    const void **a = arg;
    return render_cache_reach((RenderCache *)a[0], a[1]);
}

int render_cells_warm(RenderCache *rc, const GcHeap *h, const Layout *l,
                      const struct GcRunIndex *tl, int beginner)
{
    if (!rc || !h || !l || gc_max_id(h) <= AGG_SMALL_N)
        return 0;
    RenderCellsKey key;
    cells_key(&key, h, l, tl, beginner);
    RenderCells **slot = render_cache_cells(rc);
    if (*slot && memcmp(&(*slot)->key, &key, sizeof key) == 0)
        return 0;
    const void *arg[2] = {rc, h};
    return render_cells_at(rc, h, l, &key, cache_reach, arg, 1) ? 1 : -1;
}

/* The blocks view from the render cache's cells (render_cells.c) instead
 * of card by card: when the cards every one of which is in view are
 * already too many (crowded), the blocks are summed from the cells, and
 * only the cards of cells at the view's edges or across two blocks are
 * counted one by one.  A frame so costs the cells, not the cards (10^6
 * cards after F).  1 done (c->aggregate), 0 not (the frame counts card by
 * card: not crowded enough to tell from whole cells, a slide, a frame
 * without the window's cache, a small part of a big heap at a step the
 * cells were not computed for). */
static int agg_from_cells(HeapCtx *c)
{
    Scene *s = c->s;
    if (!s->v->cache || s->v->slide || !overview(s) || s->maxid <= AGG_SMALL_N)
        return 0;
    RenderCellsKey key;
    cells_key(&key, s->h, s->layout, s->tl, s->v->beginner);
    /* the cells, computed at a new step (a pass over the heap) only when
     * the view is a good part of it: a few thousand cards near the view
     * of a big heap are cheaper card by card */
    float k = zk(s);
    float near_box[4] = {s->v->pan_x, s->v->pan_y, s->v->pan_x + s->rg.heap_w / k,
                         s->v->pan_y + s->rg.heap_h / k};
    int64_t near = 0, all = 0;
    if (render_cache_filed(s->cache, s->layout, near_box, &near, &all) < 0)
        return 0;
    RenderCells *rc = render_cells_at(s->cache, s->h, s->layout, &key, scene_reach, s,
                                      near >= AGG_CELLS_NEAR || near * 4 >= all);
    if (!rc || rc->unsure)
        return 0;
    /* the cells a card in view can be at home in */
    float vx0 = s->v->pan_x - rc->maxw, vy0 = s->v->pan_y - rc->maxh;
    float vx1 = s->v->pan_x + s->rg.heap_w / k + rc->maxw,
          vy1 = s->v->pan_y + (s->rg.heap_h + 30 * k) / k + rc->maxh;
    int cx0 = (int)floorf((vx0 - rc->x0) / rc->size), cx1 = (int)floorf((vx1 - rc->x0) / rc->size);
    int cy0 = (int)floorf((vy0 - rc->y0) / rc->size), cy1 = (int)floorf((vy1 - rc->y0) / rc->size);
    cx0 = cx0 < 0 ? 0 : cx0;
    cy0 = cy0 < 0 ? 0 : cy0;
    cx1 = cx1 >= rc->gw ? rc->gw - 1 : cx1;
    cy1 = cy1 >= rc->gh ? rc->gh - 1 : cy1;
    /* crowded for sure: the cards of the cells wholly in view are enough */
    int64_t sure = 0, limit = s->v->zoom < AGG_ZOOM ? AGG_FEW : AGG_LIMIT;
    CellView v;
    cell_view(c, &v);
    for (int y = cy0; y <= cy1 && sure <= limit; y++)
        for (int x = cx0; x <= cx1; x++) {
            const RenderCell *cell = &rc->cell[y * rc->gw + x];
            if (cell->ni && cell_in_view(&v, cell->box) > 0)
                sure += cell->crowd;
        }
    if (sure <= limit)
        return 0;
    agg_start(c);
    if (!c->aggregate) {
        free(c->agg);
        c->agg = NULL;
        return 0;
    }
    cell_view(c, &v); /* with the blocks' borders */
    c->cells = rc;
    struct AggKeep *keep = agg_keep(rc);
    if (!keep) {
        s->l->oom = 1;
        return 1;
    }
    c->agg_of = keep->of; /* the cards counted one by one: the keep's */
    agg_cells_sum(c, rc, &v, cx0, cx1, cy0, cy1);
    if (agg_edges_keep(c, rc, keep, cx0, cx1, cy0, cy1) < 0)
        s->l->oom = 1;
    return 1;
}

/* A slide's edges are walls: an arrow routed round a column runs inside
 * the heap (chapter 01's list -> Node went round the list between them,
 * out of the slide's left edge), and above the strip of more_note.  Four
 * obstacles after the cards'. */
static void slide_walls(HeapCtx *c)
{
    const Scene *s = c->s;
    float x0 = s->rg.heap_x, y0 = s->rg.heap_y, x1 = x0 + s->rg.heap_w;
    float y1 = y0 + s->rg.heap_h - c->more_h; /* above more_note's strip */
    float t = 40;
    c->obs[c->nobs++] = (RouteRect){x0 - t, y0 - t, x0, y1 + t};
    c->obs[c->nobs++] = (RouteRect){x1, y0 - t, x1 + t, y1 + t};
    c->obs[c->nobs++] = (RouteRect){x0 - t, y0 - t, x1 + t, y0};
    c->obs[c->nobs++] = (RouteRect){x0 - t, y1, x1 + t, y1 + t};
}

/* The cards' arrows: counted (entry_y), with the names' into cards, then
 * drawn. */
static void cards_arrows(HeapCtx *c)
{
    for (c->counting = 1; c->counting >= 0; c->counting--) {
        for (int ci = 0; ci < c->ncand; ci++) {
            GcId id = c->cand[ci];
            const GcObject *o = gc_object(c->s->h, id);
            if (o)
                draw_arrows(c, id, o);
        }
        if (c->counting) {
            root_entries(c);
            entries_rank(c);
        }
    }
    c->counting = 0;
}

void render_heap(Scene *s)
{
    if (!s->layout)
        return;
    HeapCtx c;
    memset(&c, 0, sizeof c);
    c.s = s;
    /* by id, but only the cards near the view are written: kept zeroed
     * from frame to frame by the cache */
    c.scratch = s->cache != NULL;
    size_t n = (size_t)s->maxid + 1;
    c.geo =
        c.scratch ? render_cache_scratch(s->cache, 0, n, sizeof *c.geo) : calloc(n, sizeof *c.geo);
    c.obs_of = c.scratch ? render_cache_scratch(s->cache, 1, n, sizeof *c.obs_of)
                         : calloc(n, sizeof *c.obs_of);
    c.stmt_start = s->tl ? gc_index_stmt_at(s->tl, s->ev) : -1;
    if (c.stmt_start < 0)
        c.stmt_start = 0;
    int cells = c.geo && c.obs_of ? agg_from_cells(&c) : 0;
    if (!c.geo || !c.obs_of || (!cells && near_cards(&c) < 0)) {
        s->l->oom = 1;
        heap_free(&c);
        return;
    }
    if (s->v->slide)
        c.nsubject = render_subjects(s->h, s->p, s->v->gran, c.subject, 16);
    render_clip(s->l, s->rg.heap_x, s->rg.heap_y, s->rg.heap_w, s->rg.heap_h);
    if (!cells && crowded(&c))
        agg_start(&c);
    const float *cov = s->v->covered;
    if (!c.aggregate && cov[2] > 0 && cov[1] > s->rg.heap_y + s->rg.heap_h * 0.7f) {
        /* drilled to cards: the button's strip is not the heap's (a card
         * under the button, a pill over a card) */
        c.strip_y = cov[1] - sc(s, 4);
        render_clip(s->l, s->rg.heap_x, s->rg.heap_y, s->rg.heap_w, c.strip_y - s->rg.heap_y);
    }
    if (!c.aggregate && near_targets(&c) < 0)
        s->l->oom = 1;
    c.more_h = more_strip(&c);
    if (!c.aggregate) {
        names_were(&c);
        tangled_lists(&c);
    }
    /* a slide with nothing alive: the ghosts where their objects were,
     * or, when they are too small to read there, a list of them */
    int living = 0, ghosts_listed = 0;
    for (GcId id = 1; s->v->slide && !living && id <= s->maxid; id++) {
        const GcObject *o = gc_object(s->h, id);
        float wx, wy, x, y;
        if (!o || o->state != GC_STATE_ALIVE || layout_get(s->layout, id, &wx, &wy) < 0 ||
            card_alpha(&c, o) <= 0)
            continue;
        to_screen(s, wx, wy, &x, &y); /* a card in the heap view, not one the run keeps out of it */
        living = x < s->rg.heap_x + s->rg.heap_w && y < s->rg.heap_y + s->rg.heap_h &&
                 x + LAYOUT_CARD_W * zk(s) > s->rg.heap_x &&
                 y + LAYOUT_HEADER_H * zk(s) > s->rg.heap_y;
    }
    RenderGhosts row = {0};
    if (s->v->slide && !living)
        render_ghost_row(s->h, s->layout, c.stmt_start, render_ghost_row_width(&s->rg, s->s), &row);
    s->ghosts = row;
    if (s->v->slide && !living &&
        (s->v->zoom < SLIDE_GHOST_ZMIN || row.n < 0 || (!row.n && ghosts_scattered(&c))))
        ghosts_listed = 1;
    for (int ci = 0; ci < c.ncand; ci++) {
        GcId id = c.cand[ci];
        const GcObject *o = gc_object(s->h, id);
        float wx, wy;
        if (!o || layout_get(s->layout, id, &wx, &wy) < 0 ||
            (ghosts_listed && o->state != GC_STATE_ALIVE))
            continue;
        render_ghost_at(&row, id, &wx, &wy); /* side by side (app_win_frame_view frames them so) */
        draw_card(&c, id, o, wx, wy);
    }
    if (c.aggregate)
        agg_draw(&c);
    else
        named_notes(&c);
    /* every drawn card is an obstacle for the arrows */
    c.obs = malloc(((size_t)c.ncand + 5) * sizeof *c.obs);
    if (!c.obs) {
        s->l->oom = 1;
        heap_free(&c);
        render_unclip(s->l);
        return;
    }
    for (int ci = 0; ci < c.ncand; ci++) {
        GcId id = c.cand[ci];
        const CardGeo *g = &c.geo[id];
        /* blocks of counts: no card is drawn, no arrow is routed (the
         * names' arrows too point at cards, which a block stands for) */
        if (!g->drawn || c.aggregate)
            continue;
        float m = ROUTE_MARGIN * g->k;
        c.obs[c.nobs] =
            (RouteRect){g->x - m, g->y - LAYOUT_TAG_H * g->k - m, g->x + g->w + m, g->bottom + m};
        c.obs_of[id] = ++c.nobs;
    }
    if (s->v->slide && !c.aggregate)
        slide_walls(&c);
    if (route_index_build(&c.ix, c.obs, c.nobs) < 0)
        s->l->oom = 1;
    if (!c.aggregate)
        cards_arrows(&c);
    if (s->maxid == 0 && !s->v->slide) {
        render_text(s->l, s->rg.heap_x + s->rg.heap_w * 0.5f, s->rg.heap_y + s->rg.heap_h * 0.45f,
                    RENDER_FONT_SANS, spx(s, 18), RENDER_ALIGN_CENTER, s->t->text_faint,
                    "The heap is empty. Step forward with \xE2\x86\x92.");
    } else if (s->v->slide && !living) {
        empty_slide(&c, ghosts_listed);
    }
    more_note(&c); /* over the arrows that pass under it (and strip_edge) */
    render_unclip(s->l);
    root_arrows(&c);
    heap_free(&c);
}
