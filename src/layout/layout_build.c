/*
 * layout_build.c: the layout of a recorded run.  One pass over the events
 * finds, for every object, when it is born, which object or name first
 * refers to it, how many fields it ever has and when its card disappears
 * (the end of the statement that freed it); a second pass seeks to the end
 * of every top-level step to note which objects are unreachable there and
 * how wide the lists' cells must be.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

/* Above this many (steps x objects) the unreachability pass is skipped. */
#define UNREACH_BUDGET 40000000LL

GcId layout_pin_target(GcHeap *h, const char *key)
{
    const char *hash = strstr(key, " #");
    if (hash) {
        long id = strtol(hash + 2, NULL, 10);
        return id > 0 && id <= gc_max_id(h) ? (GcId)id : 0;
    }
    int32_t n = gc_event_count(h);
    GcStrtab *atoms = gc_atoms(h);
    for (int32_t i = 0; i < n; i++) {
        const GcEvent *ev = gc_event(h, i);
        if (ev->kind == GC_EV_BIND && ev->obj > 0 &&
            strcmp(gc_strtab_get(atoms, (int32_t)ev->b), key) == 0)
            return ev->obj;
    }
    return 0;
}

/* Do the passes that look at every object at the end of every top-level
 * step fit UNREACH_BUDGET?  (Above it they are skipped.) */
static int per_step_passes_fit(GcHeap *h)
{
    int32_t n = gc_event_count(h);
    int64_t nsteps = 0;
    for (int32_t i = 0; i < n; i++)
        nsteps += gc_event(h, i)->kind == GC_EV_STEP_END;
    return nsteps * (int64_t)(gc_max_id(h) + 1) <= UNREACH_BUDGET;
}

/* The objects alive but unreachable at the end of a top-level step (or at
 * the error), noted by step_end_pass and added to the layout after the
 * cards are placed, in the order found. */
typedef struct Unreach {
    struct {
        GcId id;
        int32_t step;
    } * v;
    int64_t n, cap;
} Unreach;

static int unreach_push(Unreach *u, GcId id, int32_t step)
{
    if (u->n == u->cap) {
        int64_t cap = u->cap ? u->cap * 2 : 1024;
        void *v = realloc(u->v, (size_t)cap * sizeof *u->v);
        if (!v)
            return -1;
        u->v = v;
        u->cap = cap;
    }
    u->v[u->n].id = id;
    u->v[u->n].step = step;
    u->n++;
    return 0;
}

static int unreachable_at(GcHeap *h, uint8_t *seen, GcId maxid, int32_t step, Unreach *u)
{
    memset(seen, 0, (size_t)maxid + 1);
    gc_reachable(h, seen);
    for (GcId id = 1; id <= maxid; id++) {
        const GcObject *o = gc_object(h, id);
        if (o && o->state == GC_STATE_ALIVE && !seen[id] && unreach_push(u, id, step) < 0)
            return -1;
    }
    return 0;
}

static int add_unreachable(Layout *l, const Unreach *u)
{
    for (int64_t i = 0; i < u->n; i++)
        if (layout_add_unreachable(l, u->v[i].id, u->v[i].step, u->v[i].step) < 0)
            return -1;
    return 0;
}

/* ---- cells wide enough for their values ---------------------------------------- */

#define CHAR_W         9.7f /* world units per character of a cell's text (16 px mono) */
#define CELL_CHARS_MAX 12

/* Characters of v as a cell shows it ('root' is 6), 0 for an object. */
static int value_chars(const GcHeap *h, GcValue v)
{
    const char *t = NULL;
    int extra = 0;
    switch (GC_VAL_TAG(v)) {
    case GC_V_STR:
        t = gc_strtab_get(gc_atoms(h), (int32_t)GC_VAL_PAYLOAD(v));
        extra = 2;
        break;
    case GC_V_CONST:
        t = gc_strtab_get(gc_atoms(h), (int32_t)GC_VAL_PAYLOAD(v));
        break;
    case GC_V_INT: {
        int64_t n = GC_VAL_PAYLOAD(v);
        int d = n < 0 ? 2 : 1;
        for (n = n < 0 ? -(n / 10) : n / 10; n > 0; n /= 10)
            d++;
        return d;
    }
    case GC_V_NONE:
    case GC_V_BOOL:
        return 5;
    default:
        return 0;
    }
    int k = extra;
    for (; t && *t; t++)
        k += ((unsigned char)*t & 0xC0) != 0x80; /* UTF-8: count characters */
    return k;
}

/* The widest value each list or tuple shows in its cells at the end of
 * every top-level step sets its cells' width (up to CELL_CHARS_MAX
 * characters; longer values are cut).  Widens chars[id].  And the first
 * dict seen holding each object as a key: keyof[key] (0: none). */
static void cells_at(GcHeap *h, GcId maxid, uint8_t *chars, GcId *keyof)
{
    for (GcId id = 1; id <= maxid; id++) {
        const GcObject *o = gc_object(h, id);
        if (o && o->state == GC_STATE_ALIVE && o->kind == GC_KIND_DICT)
            for (uint32_t s = 0; s < gc_nslots(o) && s < LAYOUT_MAX_ROWS; s++) {
                GcValue key = gc_slot(o, s).key;
                GcId kid = GC_VAL_IS_OBJ(key) ? GC_VAL_ID(key) : 0;
                if (kid > 0 && kid <= maxid && kid != id && !keyof[kid])
                    keyof[kid] = id;
            }
        if (!o || o->state != GC_STATE_ALIVE ||
            (o->kind != GC_KIND_LIST && o->kind != GC_KIND_TUPLE))
            continue;
        for (uint32_t s = 0; s < gc_nslots(o) && s < LAYOUT_MAX_CELLS; s++) {
            int c = value_chars(h, gc_slot(o, s).val);
            c = c > CELL_CHARS_MAX ? CELL_CHARS_MAX : c;
            chars[id] = (uint8_t)(c > chars[id] ? c : chars[id]);
        }
    }
}

/* One walk through the history to the end of every top-level step (and
 * the error) serves both passes that look at the heap there: the cells'
 * widths, set here (before placing), and the unreachable objects, noted in
 * *u for after placing.  One walk, not one per pass: at a million objects
 * a walk through the history is a second.  Its first seek, from the end
 * back to the first step's end, restores the heap checkpoint nearest it
 * (gc_seek, gc_checkpoint.c) instead of undoing the whole history.
 * Skipped above UNREACH_BUDGET.  The dict each key object was first seen
 * in: keyof (cells_at).  0, or -1 on OOM. */
static int step_end_pass(Layout *l, GcHeap *h, Unreach *u, GcId *keyof)
{
    int32_t n = gc_event_count(h);
    GcId maxid = gc_max_id(h);
    if (maxid <= 0 || !per_step_passes_fit(h))
        return 0;
    uint8_t *chars = calloc((size_t)maxid + 1, 1);
    uint8_t *seen = malloc((size_t)maxid + 1);
    int rc = chars && seen ? 0 : -1;
    int32_t saved = gc_cursor(h);
    for (int32_t i = 0; i < n && rc == 0; i++) {
        if (layout_stopped(l, i)) {
            rc = LAYOUT_STOPPED;
            break;
        }
        const GcEvent *ev = gc_event(h, i);
        if (ev->kind != GC_EV_STEP_END && ev->kind != GC_EV_ERROR)
            continue;
        gc_seek(h, i + 1);
        if (ev->kind == GC_EV_STEP_END)
            cells_at(h, maxid, chars, keyof);
        rc = unreachable_at(h, seen, maxid, ev->step, u);
    }
    gc_seek(h, saved);
    for (GcId id = 1; id <= maxid && rc == 0; id++) {
        float w =
            10 + (float)chars[id] * CHAR_W; /* the text is cut 8 units narrower than the cell */
        if (w > LAYOUT_CELL_W)
            rc = layout_set_cell_w(l, id, w < LAYOUT_CELL_W_MAX ? w : LAYOUT_CELL_W_MAX);
    }
    free(chars);
    free(seen);
    return rc;
}

/* ---- arrangements: rows, trees and rings of fields ---------------------------- */

/* Children of each object in the field-parent forest, as linked lists in
 * field order (the slot of the first store, then birth). */
typedef struct Forest {
    GcId *parent;       /* field parent, 0 = none */
    int32_t *slot;      /* the parent's slot that first held it */
    GcId *first, *next; /* first child, next sibling */
} Forest;

static void forest_free(Forest *f)
{
    free(f->parent);
    free(f->slot);
    free(f->first);
    free(f->next);
}

/* Whether making p the parent of id would close a loop (p is id or below
 * it); a walk longer than 64 is taken as one. */
static int would_loop(const Forest *f, GcId p, GcId id)
{
    for (int k = 0; p && k < 64; k++, p = f->parent[p])
        if (p == id)
            return 1;
    return p != 0;
}

static int is_instance(const GcHeap *h, GcId id)
{
    const GcObject *o = gc_object(h, id);
    return o && o->kind == GC_KIND_INSTANCE;
}

/* Seeks h to the end of the last top-level statement (of the last 8)
 * after which an instance is alive: the program's last state before the
 * interpreter's exit and the statements that drop the whole heap free
 * it. */
static void holders_at_end(GcHeap *h, GcId maxid, int32_t nev)
{
    int tries = 0;
    for (int32_t i = nev - 1; i >= 0 && tries < 8; i--) {
        if (gc_event(h, i)->kind != GC_EV_STEP_END)
            continue;
        tries++;
        gc_seek(h, i + 1);
        for (GcId id = 1; id <= maxid; id++) {
            const GcObject *o = gc_object(h, id);
            if (o && o->state == GC_STATE_ALIVE && o->kind == GC_KIND_INSTANCE)
                return;
        }
    }
    gc_seek(h, nev);
}

/* instances: only fields of instances holding instances count (the
 * structures found without a hint are made of a lesson's own objects). */
static int forest_build(Forest *f, GcHeap *h, GcId maxid, int instances)
{
    size_t n = (size_t)maxid + 1;
    f->parent = calloc(n, sizeof *f->parent);
    f->slot = calloc(n, sizeof *f->slot);
    f->first = calloc(n, sizeof *f->first);
    f->next = calloc(n, sizeof *f->next);
    if (!f->parent || !f->slot || !f->first || !f->next)
        return -1;
    int32_t nev = gc_event_count(h);
    int upward = 0; /* a parent born after its child (pass 1) */
    /* a holder born earlier, the first one; then, for an object that has
     * none, its first holder born later unless that closes a loop (a
     * nested constructor, Node("a", Node("b")), builds children first) */
    for (int pass = 0; pass < 2; pass++)
        for (int32_t i = 0; i < nev; i++) {
            const GcEvent *ev = gc_event(h, i);
            if (ev->kind != GC_EV_STORE || ev->obj <= 0 || ev->obj2 <= 0 || ev->obj2 > maxid ||
                ev->obj > maxid || ev->obj == ev->obj2 || f->parent[ev->obj2] ||
                (pass == 0 && ev->obj > ev->obj2))
                continue;
            if (instances && (!is_instance(h, ev->obj) || !is_instance(h, ev->obj2)))
                continue;
            if (pass == 1 && would_loop(f, ev->obj, ev->obj2))
                continue;
            f->parent[ev->obj2] = ev->obj;
            f->slot[ev->obj2] = ev->slot;
            upward |= pass == 1;
        }
    /* where the history kept only statements it has no stores: an object
     * held by an earlier-born one at the end of the program's last state
     * with an instance alive (holders_at_end: a tree's nodes built in that
     * part) gets it as its parent.  Parents born first can
     * make no loop unless a later-born parent is already in the forest */
    if (gc_history_info(h).coarse_from >= 0) {
        int32_t saved = gc_cursor(h);
        holders_at_end(h, maxid, nev);
        for (GcId id = 1; id <= maxid; id++) {
            const GcObject *o = gc_object(h, id);
            if (!o || o->state != GC_STATE_ALIVE || (instances && o->kind != GC_KIND_INSTANCE))
                continue;
            for (uint32_t s = 0; s < gc_nslots(o); s++) {
                GcValue v = gc_slot(o, s).val;
                GcId c = GC_VAL_IS_OBJ(v) ? GC_VAL_ID(v) : 0;
                if (c <= id || c > maxid || f->parent[c] || (instances && !is_instance(h, c)) ||
                    (upward && would_loop(f, id, c)))
                    continue;
                f->parent[c] = id;
                f->slot[c] = (int32_t)s;
            }
        }
        gc_seek(h, saved);
    }
    /* children lists in (slot, id) order: insert from the highest id down,
     * each before the first sibling with a larger slot */
    for (GcId id = maxid; id >= 1; id--) {
        GcId p = f->parent[id];
        if (!p)
            continue;
        GcId *link = &f->first[p];
        while (*link && f->slot[*link] < f->slot[id])
            link = &f->next[*link];
        f->next[id] = *link;
        *link = id;
    }
    return 0;
}

/* Whether id's field ever referred to target. */
static int ever_refers(GcHeap *h, GcId id, GcId target)
{
    int32_t nev = gc_event_count(h);
    for (int32_t i = 0; i < nev; i++) {
        const GcEvent *ev = gc_event(h, i);
        if (ev->kind == GC_EV_STORE && ev->obj == id && ev->obj2 == target)
            return 1;
    }
    return 0;
}

/* A ring: root, its only child, that one's only child ... and the last
 * refers back to root.  Returns the count (0: not a ring) and the members. */
static int ring_of(const Forest *f, GcHeap *h, GcId root, GcId *out, int max)
{
    int k = 0;
    for (GcId id = root; id; id = f->first[id]) {
        if (k == max || (f->first[id] && f->next[f->first[id]]))
            return 0;
        out[k++] = id;
    }
    return k >= 3 && ever_refers(h, out[k - 1], root) ? k : 0;
}

/* The gaps between a structure's cards: narrower between compact cards. */
static float gap_x(const Layout *l, GcId id)
{
    return layout_is_compact(l, id) ? LAYOUT_GAP_X_COMPACT : LAYOUT_GAP_X;
}

static float gap_y(const Layout *l, GcId id)
{
    return layout_is_compact(l, id) ? LAYOUT_GAP_Y_COMPACT : LAYOUT_GAP_Y;
}

/* Lays the ring's k cards on a circle whose top-left is at (x0, y0);
 * returns the circle's height. */
static float put_ring(Layout *l, const LayoutItem *items, const GcId *ring, int k, float x0,
                      float y0)
{
    const float gx = gap_x(l, ring[0]), gy = gap_y(l, ring[0]);
    float w = 0, h = 0;
    for (int i = 0; i < k; i++) {
        w = fmaxf(w, items[ring[i]].w);
        h = fmaxf(h, items[ring[i]].h);
    }
    const float pi = 3.14159265f;
    /* neighbours a card and a gap apart, then larger until no two meet */
    float r = (w + gx) / (2 * sinf(pi / (float)k));
    for (int tries = 0; tries < 50; tries++, r *= 1.1f) {
        int ok = 1;
        for (int i = 0; i < k && ok; i++)
            for (int j = i + 1; j < k && ok; j++) {
                float ai = -pi / 2 + 2 * pi * (float)i / (float)k,
                      aj = -pi / 2 + 2 * pi * (float)j / (float)k;
                float dx = fabsf(r * (cosf(ai) - cosf(aj))), dy = fabsf(r * (sinf(ai) - sinf(aj)));
                ok = dx >= w + gx * 0.5f || dy >= h + gy * 0.5f;
            }
        if (ok)
            break;
    }
    for (int i = 0; i < k; i++) {
        float a = -pi / 2 + 2 * pi * (float)i / (float)k;
        float cx = x0 + r + w * 0.5f + r * cosf(a), cy = y0 + r + h * 0.5f + r * sinf(a);
        if (!layout_is_pinned(l, ring[i]))
            layout_put(l, ring[i], floorf(cx - items[ring[i]].w * 0.5f), floorf(cy - h * 0.5f));
    }
    return 2 * r + h;
}

/* Lays the tree under root in levels (one column per depth, x from x0,
 * the tree's top at y0): each leaf takes its card's height and a gap in
 * order, a parent is centred on its children.  Returns the tree's height.
 * No recursion: an explicit stack (a chain of 10^5 is a tree too). */
static int put_tree(Layout *l, const Forest *f, const LayoutItem *items, GcId root, float x0,
                    float y0, GcId *stack, float *span, float *colx, int32_t *depth, int maxdepth,
                    float *height)
{
    /* pass 1: depth and column widths, pre-order */
    int top = 0, deepest = 0;
    for (int d = 0; d < maxdepth; d++)
        colx[d] = 0;
    stack[top++] = root;
    depth[root] = 0;
    while (top > 0) {
        GcId id = stack[--top];
        int d = depth[id] < maxdepth - 1 ? depth[id] : maxdepth - 1;
        colx[d] = fmaxf(colx[d], items[id].w);
        deepest = d > deepest ? d : deepest;
        for (GcId c = f->first[id]; c; c = f->next[c]) {
            depth[c] = depth[id] + 1;
            stack[top++] = c;
        }
    }
    float x = x0;
    for (int d = 0; d <= deepest; d++) {
        float wd = colx[d];
        colx[d] = x;
        x += wd + gap_x(l, root);
    }
    /* pass 2: heights of subtrees, post-order (children before parents:
     * a reversed pre-order) */
    int n = 0;
    stack[n++] = root;
    for (int i = 0; i < n; i++)
        for (GcId c = f->first[stack[i]]; c; c = f->next[c])
            stack[n++] = c;
    for (int i = n - 1; i >= 0; i--) {
        GcId id = stack[i];
        float sum = 0;
        for (GcId c = f->first[id]; c; c = f->next[c])
            sum += span[c];
        span[id] = fmaxf(sum, items[id].h + gap_y(l, id));
    }
    /* pass 3: places, pre-order; span[id] is reused as the subtree's top */
    float total = span[root];
    top = 0;
    stack[top++] = root;
    span[root] = -(y0 + 1); /* negative: a top, not a height (tops are >= 0) */
    while (top > 0) {
        GcId id = stack[--top];
        float ytop = -span[id] - 1;
        float sum = 0;
        for (GcId c = f->first[id]; c; c = f->next[c])
            sum += span[c];
        float own = items[id].h + gap_y(l, id);
        float block = fmaxf(sum, own);
        int d = depth[id] < maxdepth - 1 ? depth[id] : maxdepth - 1;
        float y = ytop + (block - own) * 0.5f;
        float cy = ytop + (block - sum) * 0.5f;
        GcId only = f->first[id] && !f->next[f->first[id]] ? f->first[id] : 0;
        float own_c = only ? items[only].h + gap_y(l, only) : 0;
        /* a row's titles in line: a parent at its only child's top, or a
         * smaller only child at its parent's */
        if (only && own <= span[only])
            y = cy + (span[only] - own_c) * 0.5f;
        else if (only)
            cy = y;
        if (!layout_is_pinned(l, id) && layout_put(l, id, colx[d], floorf(y)) < 0)
            return -1;
        for (GcId c = f->first[id]; c; c = f->next[c]) {
            float hc = span[c];
            span[c] = -(cy + 1);
            cy += hc;
            stack[top++] = c;
        }
    }
    *height = total;
    return 0;
}

/* The width of id's compact card: as wide as its title "Node #12" and a
 * badge need, at least LAYOUT_CARD_W_COMPACT, at most LAYOUT_CARD_W; 0
 * for an object that is no instance (other kinds keep their cards). */
static float compact_w(GcHeap *h, GcId id)
{
    const GcObject *o = gc_object(h, id);
    if (!o || o->kind != GC_KIND_INSTANCE)
        return 0;
    const char *tn = gc_type_name(h, id);
    int chars = (tn ? (int)strlen(tn) : 6) + 2;
    for (GcId k = id; k > 0; k /= 10)
        chars++;
    /* 15.5 units a character of the 22 px bold title, its inset and an
     * "rc 1" badge beside it */
    float w = fmaxf(LAYOUT_CARD_W_COMPACT, 15.5f * (float)chars + 85);
    return fminf(w, LAYOUT_CARD_W);
}

/* Gives an instance of an arranged structure its compact card, w wide
 * (the widest compact_w of its structure: the cards of a row or a level
 * are alike), and the size that goes with it; slots: the most fields it
 * ever has.  Other kinds keep their cards.  0, or -1 on OOM. */
static int make_compact(Layout *l, GcHeap *h, LayoutItem *items, const uint32_t *slots, GcId id,
                        float w)
{
    const GcObject *o = gc_object(h, id);
    if (!o || o->kind != GC_KIND_INSTANCE || layout_is_compact(l, id))
        return 0;
    if (layout_set_compact(l, id, w) < 0)
        return -1;
    uint32_t ns = gc_nslots(o) > slots[id] ? gc_nslots(o) : slots[id];
    layout_card_dims(l, id, o->kind, ns, &items[id].w, &items[id].h);
    return 0;
}

/* ---- structures found without a hint --------------------------------------- */

#define AUTO_MIN 3  /* a structure found without a hint: 3 .. AUTO_MAX instances */
#define AUTO_MAX 64 /* (a lecture's list, ring or tree; bigger trees are folded) */

/* The structure under root, breadth first, into out (room for max + 1);
 * returns its size, max + 1 when it is bigger than max. */
static int members_of(const Forest *f, GcId root, GcId *out, int max)
{
    int n = 0;
    out[n++] = root;
    for (int i = 0; i < n; i++)
        for (GcId c = f->first[out[i]]; c; c = f->next[c]) {
            if (n == max + 1)
                return n;
            out[n++] = c;
        }
    return n;
}

/* A structure already put: its rows and its life. */
typedef struct Band {
    float y0, y1;
    int32_t born, gone; /* gone INT32_MAX: to the end */
    GcId root;          /* a big folded tree's root (put_left), or 0 */
} Band;

/* The first top y >= 0 where a band of height hgt alive over [born, gone)
 * meets no band of bands[0..n) alive at the same time. */
static float free_band(const Band *bands, int n, float hgt, int32_t born, int32_t gone)
{
    float y = 0;
    for (int moved = 1; moved;) {
        moved = 0;
        for (int i = 0; i < n; i++)
            if (bands[i].born < gone && born < bands[i].gone && y < bands[i].y1 + LAYOUT_GAP_Y &&
                bands[i].y0 < y + hgt + LAYOUT_GAP_Y) {
                y = bands[i].y1 + LAYOUT_GAP_Y;
                moved = 1;
            }
    }
    return y;
}

/* Whether the structure under root is a chain (one child each): "row"
 * lays it out as put_tree does, a row at the compact cards' spacing; a
 * long one is folded into rows (fold_chain). */
static int is_chain(const Forest *f, GcId root)
{
    for (GcId id = root; id; id = f->first[id])
        if (f->first[id] && f->next[f->first[id]])
            return 0;
    return 1;
}

/* ---- big trees, folded --------------------------------------------------------- */

/* A tree of more than AUTO_MAX instances (10^5 nodes a program builds) in
 * pure levels would be a column per depth and tens of thousands of rows;
 * by the usual placement its children drift thousands of units from their
 * parents.  It is folded instead: every subtree of at most FOLD_BLOCK
 * nodes whose parent's subtree is bigger is a block, laid out in levels
 * (put_tree); the nodes above the blocks (the upper nodes, about one a
 * block) go in a header row above the first block of their subtree
 * (depth first), ancestors first, so that a node's first child is beside
 * it; the units (a header and its block) follow each other depth first,
 * down the first band, up the second, down the third ... (a snake: units
 * next in the order are next in the picture), bands of about the height
 * that gives the tree the heap's aspect (LAYOUT_ASPECT).  A child inside
 * a block, and an upper node's first child, is within a unit of its
 * parent; only an upper node's later children are further, by the units
 * of the subtrees between.  The first levels of upper nodes (the crown:
 * at most CROWN_LEVELS levels of at most CROWN_WIDE nodes) are laid out
 * in levels as a small tree is, left of the units: the picture a view of
 * the root opens on is the top of a tree, not a header row. */
#define FOLD_BLOCK   40
#define CROWN_LEVELS 4
#define CROWN_WIDE   8
#define CROWN_MAX    (CROWN_LEVELS * CROWN_WIDE)
#define FOLD_ROW_MIN 16 /* a folded chain's cards a row, at least */

typedef struct FoldUnit {
    GcId block;            /* the block's root */
    int32_t chain, nchain; /* its header: chain[chain .. chain + nchain) */
    float bw, bh;          /* the block as put_tree lays it at (0, 0) */
    float w, h, hdr;       /* the unit: width, height, header height */
    float x, y;
} FoldUnit;

/* The subtree under root (root first), into out; returns its size. */
static int32_t subtree_of(const Forest *f, GcId root, GcId *out)
{
    int32_t n = 0;
    out[n++] = root;
    for (int32_t i = 0; i < n; i++)
        for (GcId c = f->first[out[i]]; c; c = f->next[c])
            out[n++] = c;
    return n;
}

/* Moves the cards of out[0..n) (not pinned) by dx, dy.  0, or -1 on OOM. */
static int shift_cards(Layout *l, const GcId *ids, int32_t n, float dx, float dy)
{
    for (int32_t i = 0; i < n; i++) {
        float x, y;
        if (!layout_is_pinned(l, ids[i]) && layout_get(l, ids[i], &x, &y) == 0 &&
            layout_put(l, ids[i], x + dx, y + dy) < 0)
            return -1;
    }
    return 0;
}

/* Places units[0..n) in bands band_h tall, filled down, up, down ...
 * (the first unit of a band beside the last of the one before); *used
 * gets the tallest band's height.  Returns the bands' width. */
static float snake(FoldUnit *units, int32_t n, float band_h, float *used_max)
{
    float bx = 0;
    for (int32_t i = 0, band = 0; i < n; band++) {
        int32_t j = i;
        float used = 0, bw = 0;
        do {
            used += units[j].h + (j > i ? LAYOUT_GAP_Y : 0);
            bw = fmaxf(bw, units[j].w);
            j++;
        } while (j < n && used + LAYOUT_GAP_Y + units[j].h <= band_h);
        float y = band % 2 ? band_h : 0;
        for (int32_t m = i; m < j; m++) {
            FoldUnit *u = &units[m];
            if (band % 2)
                y -= u->h;
            u->x = bx;
            u->y = floorf(y);
            if (band % 2 == 0)
                y += u->h + LAYOUT_GAP_Y;
            else
                y -= LAYOUT_GAP_Y;
        }
        *used_max = fmaxf(*used_max, used);
        bx += bw + LAYOUT_GAP_X;
        i = j;
    }
    return bx > 0 ? bx - LAYOUT_GAP_X : 0;
}

/* The depth of every member of mem[0..k) (breadth first) into depth[],
 * and the crown's levels: the first levels whose upper nodes (subtrees of
 * more than FOLD_BLOCK) number 1 .. CROWN_WIDE, at most CROWN_LEVELS; 0
 * when fewer than two. */
static int crown_levels(const Forest *f, const GcId *mem, int32_t k, const int32_t *sub,
                        int32_t *depth)
{
    int32_t count[CROWN_LEVELS + 1] = {0};
    for (int32_t i = 0; i < k; i++) {
        GcId id = mem[i];
        depth[id] = i > 0 ? depth[f->parent[id]] + 1 : 0;
        if (sub[id] > FOLD_BLOCK && depth[id] <= CROWN_LEVELS)
            count[depth[id]]++;
    }
    int levels = 0;
    while (levels < CROWN_LEVELS && count[levels] > 0 && count[levels] <= CROWN_WIDE)
        levels++;
    return levels >= 2 ? levels : 0;
}

/* Whether id is in the crown of so many levels. */
static int in_crown(GcId id, const int32_t *sub, const int32_t *depth, int levels)
{
    return sub[id] > FOLD_BLOCK && depth[id] < levels;
}

/* Lays the crown under root in levels at (0, 0), as put_tree lays a tree:
 * a column per depth, each leaf (a crown node without a child in the
 * crown) its card's height and a gap in order, a parent centred on its
 * children.  *w and *h get its width (with the gap after its last
 * column) and height.  0, or -1 on OOM. */
static int put_crown(Layout *l, const Forest *f, const LayoutItem *items, GcId root,
                     const int32_t *sub, const int32_t *depth, int levels, float *w, float *h)
{
    GcId pre[CROWN_MAX], stack[CROWN_MAX];
    float y[CROWN_MAX];
    int n = 0, top = 0;
    float cw = 0, next = 0;
    stack[top++] = root;
    while (top > 0) { /* pre-order, children in field order */
        GcId id = stack[--top];
        pre[n++] = id;
        cw = fmaxf(cw, items[id].w);
        int first = top;
        for (GcId c = f->first[id]; c; c = f->next[c])
            if (in_crown(c, sub, depth, levels))
                stack[top++] = c;
        for (int a = first, b = top - 1; a < b; a++, b--) {
            GcId t = stack[a];
            stack[a] = stack[b];
            stack[b] = t;
        }
    }
    for (int i = 0; i < n; i++) { /* the leaves one under the other */
        int leaf = i + 1 >= n || depth[pre[i + 1]] <= depth[pre[i]];
        y[i] = leaf ? next : 0;
        next += leaf ? items[pre[i]].h + gap_y(l, pre[i]) : 0;
    }
    for (int i = n - 1; i >= 0; i--) { /* parents on their children */
        int first = -1, last = -1;
        for (int j = i + 1; j < n && depth[pre[j]] > depth[pre[i]]; j++)
            if (depth[pre[j]] == depth[pre[i]] + 1) {
                first = first < 0 ? j : first;
                last = j;
            }
        if (first >= 0)
            y[i] = (y[first] + y[last] + items[pre[last]].h - items[pre[i]].h) * 0.5f;
    }
    const float col = cw + gap_x(l, root);
    for (int i = 0; i < n; i++)
        if (!layout_is_pinned(l, pre[i]) &&
            layout_put(l, pre[i], (float)depth[pre[i]] * col, floorf(y[i])) < 0)
            return -1;
    *w = (float)levels * col;
    *h = next;
    return 0;
}

/* Lays out the k members mem[0..k) of the tree under mem[0] (breadth
 * first, as members_of lists them) folded, with (0, 0) its top-left;
 * *hgt gets its height.  sub and tmp: room for every id; stack, span,
 * depth, colx, maxdepth: put_tree's.  *wid gets its width.  0, or -1 on
 * OOM. */
static int fold_tree(Layout *l, const Forest *f, const LayoutItem *items, const GcId *mem,
                     int32_t k, int32_t *sub, GcId *tmp, GcId *stack, float *span, int32_t *depth,
                     float *colx, int maxdepth, float *hgt, float *wid)
{
    const GcId root = mem[0];
    const float gx = gap_x(l, root), gy = gap_y(l, root);
    FoldUnit *units = NULL;
    GcId *chain = malloc((size_t)k * sizeof *chain);
    int32_t nunits = 0, capunits = 0, nchain = 0, pending = 0;
    int rc = chain ? 0 : -1;
    /* subtree sizes: children after their parents in mem */
    for (int32_t i = 0; i < k; i++)
        sub[mem[i]] = 1;
    for (int32_t i = k - 1; i > 0; i--)
        sub[f->parent[mem[i]]] += sub[mem[i]];
    int levels = crown_levels(f, mem, k, sub, depth);
    float crown_w = 0, crown_h = 0;
    /* units, depth first: an upper node waits in the header of the next
     * block found (children pushed last first, to pop in field order) */
    int32_t top = 0;
    if (rc == 0)
        stack[top++] = root;
    while (top > 0 && rc == 0) {
        GcId id = stack[--top];
        if (sub[id] > FOLD_BLOCK) {
            if (!in_crown(id, sub, depth, levels)) {
                chain[nchain++] = id;
                pending++;
            }
            int32_t first = top;
            for (GcId c = f->first[id]; c; c = f->next[c])
                stack[top++] = c;
            for (int32_t a = first, b = top - 1; a < b; a++, b--) {
                GcId t = stack[a];
                stack[a] = stack[b];
                stack[b] = t;
            }
            continue;
        }
        if (GC_VEC_ROOM(units, nunits, capunits, 256, realloc) < 0) {
            rc = -1;
            break;
        }
        FoldUnit *u = &units[nunits++];
        memset(u, 0, sizeof *u);
        u->block = id;
        u->chain = nchain - pending;
        u->nchain = pending;
        pending = 0;
    }
    if (rc == 0 && levels > 0)
        rc = put_crown(l, f, items, root, sub, depth, levels, &crown_w, &crown_h);
    /* each block in levels at (0, 0), measured; the unit's header above it */
    double area = 0;
    float tallest = 0;
    for (int32_t i = 0; i < nunits && rc == 0; i++) {
        FoldUnit *u = &units[i];
        rc = put_tree(l, f, items, u->block, 0, 0, stack, span, colx, depth, maxdepth, &u->bh);
        int32_t n = subtree_of(f, u->block, tmp);
        for (int32_t j = 0; j < n; j++) {
            float x, y;
            if (layout_get(l, tmp[j], &x, &y) == 0)
                u->bw = fmaxf(u->bw, x + items[tmp[j]].w);
        }
        float cw = 0, ch = 0;
        for (int32_t j = 0; j < u->nchain; j++) {
            cw = fmaxf(cw, items[chain[u->chain + j]].w);
            ch = fmaxf(ch, items[chain[u->chain + j]].h);
        }
        int32_t per_row = 1;
        while (u->nchain > 0 && (float)(per_row + 1) * (cw + gx) - gx <= u->bw)
            per_row++;
        int32_t rows = (u->nchain + per_row - 1) / per_row;
        u->hdr = (float)rows * (ch + gy);
        u->w = fmaxf(u->bw, u->nchain > 0 ? (float)per_row * (cw + gx) - gx : 0);
        u->h = u->hdr + u->bh;
        area += (double)(u->w + LAYOUT_GAP_X) * (double)(u->h + LAYOUT_GAP_Y);
        tallest = fmaxf(tallest, u->h);
        /* the header's cards, per_row a row, ancestors first */
        for (int32_t j = 0; j < u->nchain && rc == 0; j++) {
            GcId id = chain[u->chain + j];
            if (!layout_is_pinned(l, id))
                rc = layout_put(l, id, (float)(j % per_row) * (cw + gx),
                                (float)(j / per_row) * (ch + gy));
        }
    }
    /* bands of about the height that makes the tree LAYOUT_ASPECT times
     * as wide as tall */
    float band_h = fmaxf((float)sqrt(area / LAYOUT_ASPECT), tallest), total = 0;
    *wid = rc == 0 ? crown_w + snake(units, nunits, band_h, &total) : 0;
    for (int32_t i = 0; i < nunits && rc == 0; i++) {
        FoldUnit *u = &units[i];
        int32_t n = subtree_of(f, u->block, tmp);
        rc = shift_cards(l, tmp, n, crown_w + u->x, u->y + u->hdr);
        if (rc == 0)
            rc = shift_cards(l, chain + u->chain, u->nchain, crown_w + u->x, u->y);
    }
    *hgt = fmaxf(fmaxf(band_h, total), crown_h);
    free(units);
    free(chain);
    return rc;
}

/* A chain of more than AUTO_MAX instances (a linked list of 10^5 nodes a
 * program builds) in one row would be millions of units wide, far more
 * than F can show: it is folded into rows read left to right, each below
 * the one before as text wraps, so many that the chain is about
 * LAYOUT_ASPECT times as wide as tall.  A node's next is beside it, but
 * for a row's last, whose arrow goes back to the next row's first (rows
 * further apart than a tree's levels, for that arrow's lane).  mem[0..k)
 * in the chain's order. */
static int fold_chain(Layout *l, const LayoutItem *items, const GcId *mem, int32_t k, float *hgt,
                      float *wid)
{
    const float gx = gap_x(l, mem[0]), gy = 2 * gap_y(l, mem[0]);
    float cw = 0, ch = 0;
    for (int32_t i = 0; i < k; i++) {
        cw = fmaxf(cw, items[mem[i]].w);
        ch = fmaxf(ch, items[mem[i]].h);
    }
    /* rows x (ch + gy) x LAYOUT_ASPECT = per_row x (cw + gx), rows = k / per_row */
    double want = sqrt((double)k * (ch + gy) * LAYOUT_ASPECT / (cw + gx));
    int32_t per_row = want < FOLD_ROW_MIN ? FOLD_ROW_MIN : (int32_t)ceil(want);
    per_row = per_row > k ? k : per_row;
    int32_t rows = (k + per_row - 1) / per_row;
    for (int32_t i = 0; i < k; i++)
        if (!layout_is_pinned(l, mem[i]) && layout_put(l, mem[i], (float)(i % per_row) * (cw + gx),
                                                       (float)(i / per_row) * (ch + gy)) < 0)
            return -1;
    *wid = (float)per_row * (cw + gx) - gx;
    *hgt = (float)rows * (ch + gy) - gy;
    return 0;
}

/* The zoom at which a block of w x h world units fills a slide's heap (at
 * 1280 x 720, beside the code: about 860 x 580 logical pixels). */
static float slide_fill(float w, float h)
{
    return fminf(860.0f / (w + 56), 580.0f / (h + 56));
}

/* What held an object first (layout_build): another object's field, or a
 * name or itself (a root). */
enum { HELD_FIELD = 1, HELD_ROOT = 2 };

#define UNDER_MAX 4  /* named cards put beside or under the structures, at most */
#define UNDER_TRY 64 /* named cards tried for it (each try looks at every structure's card) */

/* Whether a card w x h at x, y (with a gap around it) stays clear of every
 * arranged card placed. */
static int clear_of_structures(const Layout *l, GcId maxid, float x, float y, float w, float h)
{
    for (GcId id = 1; id <= maxid; id++) {
        float cx, cy, cw, ch;
        if (!layout_is_compact(l, id) || layout_get(l, id, &cx, &cy) < 0)
            continue;
        layout_reserved(l, id, &cw, &ch);
        if (x < cx + cw + LAYOUT_GAP_X * 0.5f && cx < x + w + LAYOUT_GAP_X * 0.5f &&
            y < cy + ch + LAYOUT_GAP_Y * 0.5f && cy < y + h + LAYOUT_GAP_Y * 0.5f)
            return 0;
    }
    return 1;
}

/* Whether card id (item it) is one a name refers to, not placed yet (a
 * name or itself held it before any field did (held[id]), no structure's,
 * no temporary), alive
 * at the same time as one of the structures bands[0..n): put_under's and
 * put_left's candidates.  Where the history kept only statements there
 * are no binding events: the objects made there are not candidates (a
 * loop's hundred thousand argument tuples would each be tried). */
static int named_with(const Layout *l, const LayoutItem *it, const uint8_t *held, GcId id,
                      const Band *bands, int n)
{
    if (held[id] != HELD_ROOT || it->w <= 0 || layout_is_compact(l, id) ||
        layout_is_temporary(l, id) || layout_get(l, id, &(float){0}, &(float){0}) == 0)
        return 0;
    int32_t gone = it->gone < 0 ? INT32_MAX : it->gone;
    for (int i = 0; i < n; i++)
        if (bands[i].born < gone && it->born < bands[i].gone)
            return 1;
    return 0;
}

/* A card a name refers to (a list the lesson writes into, its finalizers'
 * "order", the list of a tree's nodes while it is built), alive with a
 * structure, would by the usual placement go in the first roots column
 * clear of the structures: to their right, where a slide zooms out to show
 * both.  It goes where the block of the structures and it fills a slide's
 * heap best, when that is at least 5 % larger: beside them (in the
 * structures' first column above their leftmost cards, its right edge on
 * that column's: a tree's root sits halfway down its levels, so the corner
 * above it is empty and the block grows only to the left) or under them,
 * at the left (after the ones already put there).  bands[0..nbands) are
 * the structures put.  0, or -1 on OOM. */
static int put_under(Layout *l, LayoutItem *items, const uint8_t *held, GcId maxid,
                     const Band *bands, int nbands)
{
    float b[4] = {0, 0, 0, 0}, row_x = 0, row_y = 0, col_r = 0, side_y = 0;
    int any = 0, nput = 0;
    for (GcId id = 1; id <= maxid; id++) {
        float x, y, w, h;
        if (!layout_is_compact(l, id) || layout_get(l, id, &x, &y) < 0)
            continue;
        layout_reserved(l, id, &w, &h);
        b[0] = any ? fminf(b[0], x) : x;
        b[1] = any ? fminf(b[1], y) : y;
        b[2] = any ? fmaxf(b[2], x + w) : x + w;
        b[3] = any ? fmaxf(b[3], y + h) : y + h;
        any = 1;
    }
    if (!any)
        return 0;
    for (GcId id = 1; id <= maxid; id++) { /* the first column's right edge */
        float x, y, w, h;
        if (layout_is_compact(l, id) && layout_get(l, id, &x, &y) == 0 && x == b[0]) {
            layout_reserved(l, id, &w, &h);
            col_r = fmaxf(col_r, x + w);
        }
    }
    row_x = b[0];
    row_y = b[3] + LAYOUT_GAP_Y;
    side_y = b[1];
    int ntry = 0;
    for (GcId id = 1; id <= maxid && nput < UNDER_MAX && ntry < UNDER_TRY; id++) {
        const LayoutItem *it = &items[id];
        if (!named_with(l, it, held, id, bands, nbands))
            continue;
        ntry++;
        /* the usual spot: the first roots column (LAYOUT_CARD_W +
         * LAYOUT_GAP_X apart) clear of the structures */
        const float pitch = LAYOUT_CARD_W + LAYOUT_GAP_X;
        float rx = ceilf((b[2] + LAYOUT_GAP_X * 0.5f) / pitch) * pitch;
        float right = slide_fill(rx + it->w - b[0], fmaxf(b[3] - b[1], it->h));
        float ux = row_x + it->w > b[2] && row_x > b[0] ? b[0] : row_x;
        float uy = ux == row_x ? row_y : b[3] + LAYOUT_GAP_Y;
        float under = slide_fill(fmaxf(b[2], ux + it->w) - b[0], uy + it->h - b[1]);
        float sx = fminf(b[0], col_r - it->w), side = 0;
        if (side_y + it->h <= b[3] && clear_of_structures(l, maxid, sx, side_y, it->w, it->h))
            side = slide_fill(b[2] - sx, b[3] - b[1]);
        if (fmaxf(under, side) < right * 1.05f)
            continue;
        if (side >= under) {
            ux = sx;
            uy = side_y;
            side_y += it->h + LAYOUT_GAP_Y;
        } else {
            row_x = ux + it->w + LAYOUT_GAP_X;
            row_y = uy;
        }
        if (layout_put(l, id, ux, uy) < 0 || layout_place(l, it, 1) < 0)
            return -1;
        b[0] = fminf(b[0], ux);
        b[2] = fmaxf(b[2], ux + it->w);
        b[3] = fmaxf(b[3], uy + it->h);
        nput++;
    }
    return 0;
}

/* A card a name refers to, alive with a big folded tree (the list of its
 * nodes while a program builds it), by the usual placement would go in
 * the first roots column right of the tree, far from its root at the
 * top-left: it goes left of the root instead, the first UNDER_MAX of
 * them one under the other, the first level with the root.  0, or -1 on
 * OOM. */
static int put_left(Layout *l, LayoutItem *items, const uint8_t *held, GcId maxid, const Band *big,
                    int nbig)
{
    float y = big[0].y0, rx;
    layout_get(l, big[0].root, &rx, &y); /* level with the root */
    int nput = 0;
    for (GcId id = 1; id <= maxid && nput < UNDER_MAX; id++) {
        const LayoutItem *it = &items[id];
        if (!named_with(l, it, held, id, big, nbig))
            continue;
        if (layout_put(l, id, -(it->w + LAYOUT_GAP_X), y) < 0 || layout_place(l, it, 1) < 0)
            return -1;
        y += it->h + LAYOUT_GAP_Y;
        nput++;
    }
    return 0;
}

/* Without a hint: every structure of AUTO_MIN .. AUTO_MAX instances
 * linked by their fields (parents as for the hints, children born first
 * too) is laid out as what it is: a ring on a circle (of three: a row),
 * a chain (each one child) as a row, anything else as a tree in levels, at the left, below
 * the structures alive at the same time; a bigger one that branches (a
 * tree a program builds) folded (fold_tree), the names alive with it left
 * of its root (put_left) and the roots columns right of it.  A bigger
 * chain or ring, and the other cards, keep the usual placement around
 * them.  Deterministic: structures by root id.  0, or -1 on OOM. */
static int arrange_auto(Layout *l, GcHeap *h, LayoutItem *items, const uint32_t *slots,
                        const uint8_t *held, GcId maxid)
{
    enum { MAXDEPTH = AUTO_MAX + 1 };
    Forest f;
    memset(&f, 0, sizeof f);
    GcId *stack = malloc(((size_t)maxid + 1) * sizeof *stack);
    float *span = malloc(((size_t)maxid + 1) * sizeof *span);
    int32_t *depth = malloc(((size_t)maxid + 1) * sizeof *depth);
    float colx[MAXDEPTH];
    Band *bands = NULL;
    int nbands = 0, capbands = 0;
    GcId *big = NULL, *tmp = NULL; /* a big tree's members; room for fold_tree */
    int32_t *sub = NULL;
    Band *bigbands = NULL; /* the big trees folded, and their right edge */
    int nbig = 0, capbig = 0;
    float folded_right = 0;
    int rc = stack && span && depth ? forest_build(&f, h, maxid, 1) : -1;
    for (GcId root = 1; root <= maxid && rc == 0; root++) {
        if (f.parent[root] || !f.first[root])
            continue; /* not a structure's root */
        GcId small[AUTO_MAX + 1];
        GcId *mem = small;
        int k = members_of(&f, root, small, AUTO_MAX);
        if (k < AUTO_MIN)
            continue;
        int chain = k > AUTO_MAX && is_chain(&f, root);
        if (k > AUTO_MAX) { /* a big tree or a long chain: folded */
            if (!big) {
                big = malloc(((size_t)maxid + 1) * sizeof *big);
                tmp = malloc(((size_t)maxid + 1) * sizeof *tmp);
                sub = malloc(((size_t)maxid + 1) * sizeof *sub);
                if (!big || !tmp || !sub) {
                    rc = -1;
                    break;
                }
            }
            mem = big;
            k = members_of(&f, root, big, (int)maxid);
        }
        /* compact cards whatever moves them: a dragged structure keeps
         * its cards' sizes */
        float cw = 0;
        for (int i = 0; i < k; i++)
            cw = fmaxf(cw, compact_w(h, mem[i]));
        for (int i = 0; i < k && rc == 0; i++)
            rc = make_compact(l, h, items, slots, mem[i], cw);
        if (rc < 0 || layout_get(l, root, &(float){0}, &(float){0}) == 0)
            continue; /* pinned or kept from before a reload */
        Band b = {0, 0, INT32_MAX, 0, 0};
        for (int i = 0; i < k; i++) {
            const LayoutItem *it = &items[mem[i]];
            b.born = it->born < b.born ? it->born : b.born;
            int32_t g = it->gone < 0 ? INT32_MAX : it->gone;
            b.gone = g > b.gone ? g : b.gone;
        }
        /* a ring of three is a row whose last refers back to the first
         * (chapter 19's link_1 -> link_2 -> link_3, as garbage_collector.md
         * draws it): on a triangle every arrow leaves a card's right side
         * towards a card below or left of it, and two of them cross */
        int nring = k > AUTO_MAX ? 0 : ring_of(&f, h, root, stack, AUTO_MAX);
        if (nring == 3)
            nring = 0;
        float hgt = 0, wid = 0;
        if (chain)
            rc = fold_chain(l, items, mem, k, &hgt, &wid);
        else if (k > AUTO_MAX)
            rc = fold_tree(l, &f, items, mem, k, sub, tmp, stack, span, depth, colx, MAXDEPTH, &hgt,
                           &wid);
        else if (nring > 0)
            hgt = put_ring(l, items, stack, nring, 0, 0);
        else
            rc = put_tree(l, &f, items, root, 0, 0, stack, span, colx, depth, MAXDEPTH, &hgt);
        b.y0 = free_band(bands, nbands, hgt, b.born, b.gone);
        b.y1 = b.y0 + hgt;
        for (int i = 0; i < k && rc == 0; i++) {
            float x, y;
            if (!layout_is_pinned(l, mem[i]) && layout_get(l, mem[i], &x, &y) == 0)
                rc = layout_put(l, mem[i], x, y + b.y0);
            if (rc == 0)
                rc = layout_place(l, &items[mem[i]], 1); /* its size and life, as for pins */
        }
        if (GC_VEC_ROOM(bands, nbands, capbands, 16, realloc) < 0) {
            rc = -1;
            break;
        }
        bands[nbands++] = b;
        if (k > AUTO_MAX) {
            folded_right = fmaxf(folded_right, wid);
            if (GC_VEC_ROOM(bigbands, nbig, capbig, 4, realloc) < 0) {
                rc = -1;
                break;
            }
            b.root = root;
            bigbands[nbig++] = b;
        }
    }
    if (nbig > 0)
        layout_set_roots_x(l, folded_right + LAYOUT_GAP_X);
    if (rc == 0 && nbig > 0)
        rc = put_left(l, items, held, maxid, bigbands, nbig);
    if (rc == 0)
        rc = put_under(l, items, held, maxid, bands, nbands);
    free(bands);
    free(bigbands);
    free(big);
    free(tmp);
    free(sub);
    free(stack);
    free(span);
    free(depth);
    forest_free(&f);
    return rc;
}

/* The arrangement of the layout's kind: parents from fields, and for trees
 * and rings their places.  0, or -1 on OOM. */
static int arrange(Layout *l, GcHeap *h, LayoutItem *items, const uint32_t *slots,
                   const uint8_t *held, GcId maxid)
{
    ScenarioArrange how = layout_arrange(l);
    if (how == SCENARIO_ARRANGE_DEFAULT)
        return arrange_auto(l, h, items, slots, held, maxid);
    Forest f;
    memset(&f, 0, sizeof f);
    int rc = forest_build(&f, h, maxid, 0);
    float cw = 0; /* one width for every arranged card (a hint's structures) */
    for (GcId id = 1; id <= maxid && rc == 0; id++)
        if (f.parent[id] || f.first[id])
            cw = fmaxf(cw, compact_w(h, id));
    for (GcId id = 1; id <= maxid && rc == 0; id++) {
        if (f.parent[id])
            items[id].parent = f.parent[id];
        if (f.parent[id] || f.first[id])
            rc = make_compact(l, h, items, slots, id, cw);
    }
    if (rc == 0) {
        enum { MAXDEPTH = 4096 };
        GcId *stack = malloc(((size_t)maxid + 1) * sizeof *stack);
        float *span = malloc(((size_t)maxid + 1) * sizeof *span);
        int32_t *depth = malloc(((size_t)maxid + 1) * sizeof *depth);
        float *colx = malloc(MAXDEPTH * sizeof *colx);
        rc = stack && span && depth && colx ? 0 : -1;
        float y = 0;
        for (GcId root = 1; root <= maxid && rc == 0; root++) {
            if (f.parent[root] || !f.first[root])
                continue; /* not the root of a structure */
            if (layout_get(l, root, &(float){0}, &(float){0}) == 0)
                continue; /* pinned or kept from before a reload */
            if (how == SCENARIO_ARRANGE_ROW && !is_chain(&f, root))
                continue; /* a row hint: a branching structure by placement */
            float height = 0;
            int k = how == SCENARIO_ARRANGE_RING ? ring_of(&f, h, root, stack, 4096) : 0;
            if (k > 0)
                height = put_ring(l, items, stack, k, 0, y);
            else
                rc =
                    put_tree(l, &f, items, root, 0, y, stack, span, colx, depth, MAXDEPTH, &height);
            y += height + LAYOUT_GAP_Y;
        }
        free(stack);
        free(span);
        free(depth);
        free(colx);
        /* sizes and lives of the cards just put (as for pins) */
        for (GcId id = 1; id <= maxid && rc == 0; id++)
            if ((f.parent[id] || f.first[id]) && layout_get(l, id, &(float){0}, &(float){0}) == 0)
                rc = layout_place(l, &items[id], 1);
    }
    forest_free(&f);
    return rc;
}

/* layout_drawn_until for every placed card: the first top-level
 * statement after each deallocation or sweep of its object, the last one
 * kept (an object __del__ brought back dies again later); where the
 * history kept only statements, its record's death.  Returns 0, or -1 on
 * OOM. */
static int drawn_until(Layout *l, GcHeap *h, GcId maxid, int32_t n)
{
    int32_t *until = malloc(((size_t)maxid + 1) * sizeof *until);
    GcId *pending = malloc(((size_t)maxid + 1) * sizeof *pending);
    if (!until || !pending) {
        free(until);
        free(pending);
        return -1;
    }
    for (GcId id = 0; id <= maxid; id++)
        until[id] = -1;
    int32_t npending = 0;
    for (int32_t i = 0; i < n; i++) {
        const GcEvent *ev = gc_event(h, i);
        if ((ev->kind == GC_EV_DEALLOC || ev->kind == GC_EV_SWEEP) && ev->obj > 0 &&
            ev->obj <= maxid && until[ev->obj] != INT32_MIN) {
            until[ev->obj] = INT32_MIN; /* pending: dead until the statement ends */
            pending[npending++] = ev->obj;
        } else if (ev->kind == GC_EV_STMT && ev->depth == 0) {
            while (npending > 0)
                until[pending[--npending]] = i;
        }
    }
    while (npending > 0)
        until[pending[--npending]] = n;
    int coarse = gc_history_info(h).coarse_from >= 0;
    for (GcId id = 1; id <= maxid; id++) {
        int32_t d = coarse && gc_object(h, id) ? gc_died(h, id) : -1;
        layout_set_drawn_until(l, id, d > until[id] ? d : until[id]);
    }
    free(until);
    free(pending);
    return 0;
}

/* Places every card (layout_place) with a dict's key next to the dict,
 * as a value it held first is (d[k] = v: k in the column right of d):
 * keyof[k] is the first dict seen holding object k as a key (a key a
 * field held first stays with that field's object).  A key born before
 * its dict is placed after the others, once its dict is.  0, or -1 on
 * OOM. */
static int place_with_keys(Layout *l, LayoutItem *items, const uint8_t *held, const GcId *keyof,
                           GcId maxid)
{
    int32_t nlate = 0;
    uint8_t *late = calloc((size_t)maxid + 1, 1);
    if (!late)
        return -1;
    for (GcId id = 1; id <= maxid; id++) {
        GcId d = keyof[id];
        if (!d || held[id] == HELD_FIELD || layout_is_temporary(l, id))
            continue;
        items[id].parent = d;
        late[id] = d > id;
        nlate += d > id;
    }
    LayoutItem *order = nlate ? malloc((size_t)maxid * sizeof *order) : NULL;
    if (nlate == 0 || !order) {
        free(late);
        free(order);
        return nlate ? -1 : layout_place(l, items + 1, (int)maxid);
    }
    int32_t n = 0, m = (int32_t)maxid - nlate;
    for (GcId id = 1; id <= maxid; id++) /* the others, then the keys born first */
        order[late[id] ? m++ : n++] = items[id];
    int rc = layout_place(l, order, n);
    if (rc == 0)
        rc = layout_place(l, order + n, nlate);
    free(order);
    free(late);
    return rc;
}

int layout_build(Layout *l, GcHeap *h, const ScenarioPin *pins, int npins)
{
    GcId maxid = gc_max_id(h);
    int32_t n = gc_event_count(h);
    LayoutItem *items = calloc((size_t)maxid + 1, sizeof *items);
    uint32_t *slots = calloc((size_t)maxid + 1, sizeof *slots);
    uint8_t *held = calloc((size_t)maxid + 1, 1); /* what held it first: HELD_* */
    int32_t *died = malloc(((size_t)maxid + 1) * sizeof *died);
    GcId *pending = malloc(((size_t)maxid + 1) * sizeof *pending);
    int32_t npending = 0;
    int oom = 0, stopped = 0;
    if (!items || !slots || !held || !died || !pending) {
        free(pending);
        free(items);
        free(slots);
        free(held);
        free(died);
        return -1;
    }
    layout_set_roots_x(l, 0); /* arrange_auto sets it again */
    for (GcId id = 0; id <= maxid; id++) {
        items[id].id = id;
        items[id].born = 0;
        items[id].gone = -1;
        died[id] = -1;
    }
    for (int32_t i = 0; i < n && !stopped; i++) {
        stopped = layout_stopped(l, i);
        const GcEvent *ev = gc_event(h, i);
        switch (ev->kind) {
        case GC_EV_ALLOC:
            if (ev->obj > 0 && ev->obj <= maxid) {
                items[ev->obj].born = i;
                const GcObject *o = gc_object(h, ev->obj);
                if (o && o->kind == GC_KIND_TUPLE && gc_event_interpreter_only(h, i) &&
                    layout_set_temporary(l, ev->obj) < 0)
                    oom = 1;
            }
            break;
        case GC_EV_STORE:
            if (ev->obj > 0 && ev->obj <= maxid && ev->slot >= 0 &&
                (uint32_t)ev->slot + 1 > slots[ev->obj])
                slots[ev->obj] = (uint32_t)ev->slot + 1;
            if (ev->obj2 > 0 && ev->obj2 <= maxid && !held[ev->obj2]) {
                held[ev->obj2] = ev->obj == ev->obj2 ? HELD_ROOT : HELD_FIELD;
                items[ev->obj2].parent = ev->obj == ev->obj2 ? 0 : ev->obj;
            }
            break;
        case GC_EV_BIND:
            if (ev->obj > 0 && ev->obj <= maxid && !held[ev->obj]) {
                held[ev->obj] = HELD_ROOT;
                items[ev->obj].parent = 0;
            }
            break;
        case GC_EV_DEALLOC:
            if (ev->obj > 0 && ev->obj <= maxid && died[ev->obj] < 0) {
                died[ev->obj] = i;
                pending[npending++] = ev->obj;
            }
            break;
        case GC_EV_STMT:
            /* a card freed in the previous statement disappears here */
            if (ev->depth == 0) {
                while (npending > 0)
                    items[pending[--npending]].gone = i;
            }
            break;
        default:
            break;
        }
    }
    Unreach u = {NULL, 0, 0};
    GcId *keyof = calloc((size_t)maxid + 1, sizeof *keyof);
    int rc = stopped ? LAYOUT_STOPPED : oom || !keyof ? -1 : step_end_pass(l, h, &u, keyof);
    /* Where the history's budget kept only statements there are no
     * allocation or deallocation events: an object's record says between
     * which kept events it lived.  Without this every object of that part
     * would seem alive from the start to the end, and placing a hundred
     * thousand such cards, each clear of all the others, is quadratic. */
    int coarse = gc_history_info(h).coarse_from >= 0;
    for (GcId id = 1; id <= maxid; id++) {
        const GcObject *o = gc_object(h, id);
        int32_t o_born = o && coarse ? gc_born(h, id) : -1,
                o_died = o && coarse ? gc_died(h, id) : -1;
        if (coarse && o && items[id].born == 0 && o_born > 0)
            items[id].born = o_born;
        if (coarse && o && died[id] < 0 && o_died >= 0)
            items[id].gone = o_died > items[id].born ? o_died : items[id].born + 1;
        if (died[id] >= 0 && items[id].gone < 0)
            items[id].gone = n;
        uint32_t ns = slots[id];
        if (o && gc_nslots(o) > ns)
            ns = gc_nslots(o);
        layout_card_dims(l, id, o ? o->kind : GC_KIND_INSTANCE, ns, &items[id].w, &items[id].h);
    }
    for (int i = 0; i < npins && rc == 0; i++) {
        GcId id = layout_pin_target(h, pins[i].key);
        if (id > 0) {
            rc = layout_pin(l, id, (float)pins[i].x, (float)pins[i].y);
            if (rc == 0)
                rc = layout_place(l, &items[id], 1); /* records size and lifetime */
        }
    }
    if (rc == 0 && maxid > 0)
        rc = arrange(l, h, items, slots, held, maxid);
    if (rc == 0 && maxid > 0)
        rc = place_with_keys(l, items, held, keyof, maxid);
    if (rc == 0)
        rc = add_unreachable(l, &u);
    if (rc == 0)
        rc = drawn_until(l, h, maxid, n);
    free(u.v);
    free(keyof);
    free(items);
    free(slots);
    free(held);
    free(died);
    free(pending);
    return rc;
}
