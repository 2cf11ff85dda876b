/*
 * layout.c: the table of card positions keyed by object id, and the
 * placement of new cards next to their referrer without covering any card
 * alive at the same time (see layout.h for the invariant).
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
    int32_t born, gone; /* lifetime interval of the card (gone -1 = forever) */
    uint8_t known, pinned;
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

static int lives_overlap(const Entry *a, int32_t born, int32_t gone)
{
    int32_t a_gone = a->gone < 0 ? INT32_MAX : a->gone;
    int32_t b_gone = gone < 0 ? INT32_MAX : gone;
    return a->born < b_gone && born < a_gone;
}

static int free_spot(const Layout *l, GcId self, float x, float y, float w, float h, int32_t born,
                     int32_t gone)
{
    const float mx = LAYOUT_GAP_X * 0.5f, my = LAYOUT_GAP_Y * 0.5f;
    for (GcId i = 1; i <= l->max_id && i < l->cap; i++) {
        const Entry *o = &l->e[i];
        if (i == self || !o->known || !lives_overlap(o, born, gone))
            continue;
        if (x < o->x + o->w + mx && o->x < x + w + mx && y < o->y + o->h + my && o->y < y + h + my)
            return 0;
    }
    return 1;
}

/* Next to the parent: the column to its right first (same row, then rows
 * below and above), then further columns; a root goes in the roots
 * columns at the left, top to bottom. */
static void place_one(Layout *l, Entry *e, GcId id, GcId parent)
{
    const Entry *p = parent ? centry(l, parent) : NULL;
    const float step = 16.0f;
    if (p) {
        for (int col = 1; col <= 8; col++) {
            float x = p->x + (float)col * (p->w > e->w ? p->w : e->w) + (float)col * LAYOUT_GAP_X;
            if (col == 1)
                x = p->x + p->w + LAYOUT_GAP_X;
            for (int k = 0; k < 120; k++) {
                float dy = (float)((k + 1) / 2) * step * ((k & 1) ? 1.0f : -1.0f);
                if (k == 0)
                    dy = 0;
                float y = p->y + dy;
                if (y < 0)
                    continue;
                if (free_spot(l, id, x, y, e->w, e->h, e->born, e->gone)) {
                    e->x = x;
                    e->y = y;
                    return;
                }
            }
        }
    }
    for (int col = 0; col < 400; col++) {
        float x = (float)col * (LAYOUT_CARD_W + LAYOUT_GAP_X);
        for (float y = 0; y + e->h <= LAYOUT_COLUMN_H || y == 0; y += step) {
            if (free_spot(l, id, x, y, e->w, e->h, e->born, e->gone)) {
                e->x = x;
                e->y = y;
                return;
            }
        }
    }
    e->x = 0;
    e->y = 0;
}

int layout_place(Layout *l, const LayoutItem *items, int n)
{
    for (int i = 0; i < n; i++) {
        Entry *e = entry(l, items[i].id);
        if (!e)
            return -1;
        e->born = items[i].born;
        e->gone = items[i].gone;
        if (e->known) {
            if (items[i].w > e->w)
                e->w = items[i].w;
            if (items[i].h > e->h)
                e->h = items[i].h;
            continue;
        }
        e->w = items[i].w;
        e->h = items[i].h;
        place_one(l, e, items[i].id, items[i].parent);
        e->known = 1;
    }
    return 0;
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

int layout_set(Layout *l, GcId id, float x, float y, int pinned)
{
    Entry *e = entry(l, id);
    if (!e)
        return -1;
    if (!e->known) {
        e->born = 0;
        e->gone = -1;
        layout_card_size(GC_KIND_INSTANCE, 1, &e->w, &e->h);
    }
    e->x = x;
    e->y = y;
    e->known = 1;
    e->pinned = e->pinned || pinned;
    return 0;
}

int layout_is_pinned(const Layout *l, GcId id)
{
    const Entry *e = centry(l, id);
    return e && e->pinned;
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
