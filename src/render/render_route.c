/*
 * render_route.c: reference arrows that go around cards.
 *
 * An arrow whose ordinary curve would cross a card it neither starts nor
 * ends at is rerouted as an orthogonal path through the free space between
 * cards (the layout leaves gaps between columns and rows): out of the
 * source, along a gap, and into a side of the target at header height.  A
 * few families of routes are tried with channel positions taken from the
 * edges of nearby cards; the shortest clear one wins.  When none is clear
 * the caller keeps its curve.
 *
 * The obstacles are kept in a grid of cells (RouteIndex) and every test
 * asks the grid for the cards near it, so that a frame with 10^5 cards in
 * the heap and a few dozen on screen costs about what the few dozen cost.
 * The answers are the same as testing every card (route_find's window
 * takes the same cards, in index order).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

static int seg_hits(const RouteRect *r, RenderPt a, RenderPt b)
{
    /* slab test of segment ab against the rectangle */
    float t0 = 0, t1 = 1;
    float d[2] = {b.x - a.x, b.y - a.y};
    float p[2] = {a.x, a.y};
    float lo[2] = {r->x0, r->y0}, hi[2] = {r->x1, r->y1};
    for (int i = 0; i < 2; i++) {
        if (fabsf(d[i]) < 1e-6f) {
            if (p[i] <= lo[i] || p[i] >= hi[i])
                return 0;
        } else {
            float u0 = (lo[i] - p[i]) / d[i], u1 = (hi[i] - p[i]) / d[i];
            if (u0 > u1) {
                float tmp = u0;
                u0 = u1;
                u1 = tmp;
            }
            if (u0 > t0)
                t0 = u0;
            if (u1 < t1)
                t1 = u1;
            if (t0 >= t1)
                return 0;
        }
    }
    return 1;
}

static int poly_hits(const RouteRect *r, const RenderPt *pts, int npts)
{
    for (int i = 0; i + 1 < npts; i++)
        if (seg_hits(r, pts[i], pts[i + 1]))
            return 1;
    return 0;
}

/* ---- the spatial index ------------------------------------------------------- */

#define ROUTE_MAX_CELLS (1 << 21)

static int cell_x(const RouteIndex *ix, float x)
{
    float c = floorf((x - ix->x0) / ix->cell);
    return c < 0 ? 0 : c >= (float)ix->gw ? ix->gw - 1 : (int)c;
}

static int cell_y(const RouteIndex *ix, float y)
{
    float c = floorf((y - ix->y0) / ix->cell);
    return c < 0 ? 0 : c >= (float)ix->gh ? ix->gh - 1 : (int)c;
}

int route_index_build(RouteIndex *ix, const RouteRect *obs, int n)
{
    memset(ix, 0, sizeof *ix);
    ix->obs = obs;
    ix->n = n;
    float x0 = 0, y0 = 0, x1 = 1, y1 = 1, size = 0;
    int m = 0;
    for (int j = 0; j < n; j++) {
        const RouteRect *r = &obs[j];
        if (!(r->x0 <= r->x1 && r->y0 <= r->y1)) /* NaN or empty: never hit */
            continue;
        if (m++ == 0) {
            x0 = r->x0;
            y0 = r->y0;
            x1 = r->x1;
            y1 = r->y1;
        }
        x0 = fminf(x0, r->x0);
        y0 = fminf(y0, r->y0);
        x1 = fmaxf(x1, r->x1);
        y1 = fmaxf(y1, r->y1);
        size += (r->x1 - r->x0) + (r->y1 - r->y0);
    }
    /* cells about the size of a card, at most a few per obstacle */
    float cell = m ? size / (float)(2 * m) : 1;
    double area = ((double)x1 - x0) * ((double)y1 - y0);
    double most = 4.0 * (m + 16) < ROUTE_MAX_CELLS ? 4.0 * (m + 16) : ROUTE_MAX_CELLS;
    if (!(cell > 1e-3f))
        cell = 1;
    if (area / ((double)cell * cell) > most)
        cell = (float)sqrt(area / most);
    ix->x0 = x0;
    ix->y0 = y0;
    ix->cell = cell;
    double gw = floor((x1 - x0) / cell) + 1, gh = floor((y1 - y0) / cell) + 1;
    ix->gw = gw > 65536 ? 65536 : (int)gw;
    ix->gh = gh > 65536 ? 65536 : (int)gh;
    while ((int64_t)ix->gw * ix->gh > ROUTE_MAX_CELLS) { /* a sliver: fewer cells */
        if (ix->gw > ix->gh)
            ix->gw = (ix->gw + 1) / 2;
        else
            ix->gh = (ix->gh + 1) / 2;
    }
    size_t ncell = (size_t)ix->gw * (size_t)ix->gh;
    ix->cell = fmaxf(cell, fmaxf((x1 - x0) / (float)ix->gw, (y1 - y0) / (float)ix->gh) * 1.0001f);
    ix->start = calloc(ncell + 1, sizeof *ix->start);
    ix->stamp = calloc((size_t)n + 1, sizeof *ix->stamp);
    ix->in_win = calloc((size_t)n + 1, sizeof *ix->in_win);
    if (!ix->start || !ix->stamp || !ix->in_win)
        goto oom;
    int64_t total = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (int j = 0; j < n; j++) {
            const RouteRect *r = &obs[j];
            if (!(r->x0 <= r->x1 && r->y0 <= r->y1))
                continue;
            int cx0 = cell_x(ix, r->x0), cx1 = cell_x(ix, r->x1);
            int cy0 = cell_y(ix, r->y0), cy1 = cell_y(ix, r->y1);
            for (int cy = cy0; cy <= cy1; cy++)
                for (int cx = cx0; cx <= cx1; cx++) {
                    size_t c = (size_t)cy * (size_t)ix->gw + (size_t)cx;
                    if (pass == 0) {
                        ix->start[c + 1]++;
                        total++;
                    } else {
                        ix->items[ix->start[c]++] = j;
                    }
                }
        }
        if (pass == 0) {
            if (total > INT32_MAX / 2)
                goto oom;
            for (size_t c = 0; c < ncell; c++)
                ix->start[c + 1] += ix->start[c];
            ix->items = malloc(((size_t)total + 1) * sizeof *ix->items);
            if (!ix->items)
                goto oom;
        }
    }
    /* the fill moved each start to the next cell's: shift back */
    for (size_t c = ncell; c > 0; c--)
        ix->start[c] = ix->start[c - 1];
    ix->start[0] = 0;
    return 0;
oom:
    route_index_free(ix);
    return -1;
}

void route_index_free(RouteIndex *ix)
{
    free(ix->start);
    free(ix->items);
    free(ix->stamp);
    free(ix->hit);
    free(ix->in_win);
    memset(ix, 0, sizeof *ix);
}

int route_query(RouteIndex *ix, float x0, float y0, float x1, float y1, int max)
{
    ix->nhit = 0;
    if (!ix->start || !(x0 <= x1 && y0 <= y1))
        return 0;
    if (++ix->query == 0) { /* wrapped: forget every stamp */
        memset(ix->stamp, 0, (size_t)ix->n * sizeof *ix->stamp);
        ix->query = 1;
    }
    int cx0 = cell_x(ix, x0), cx1 = cell_x(ix, x1), cy0 = cell_y(ix, y0), cy1 = cell_y(ix, y1);
    for (int cy = cy0; cy <= cy1; cy++)
        for (int cx = cx0; cx <= cx1; cx++) {
            size_t c = (size_t)cy * (size_t)ix->gw + (size_t)cx;
            for (int k = ix->start[c]; k < ix->start[c + 1]; k++) {
                int j = ix->items[k];
                if (ix->stamp[j] == ix->query)
                    continue;
                ix->stamp[j] = ix->query;
                if (ix->nhit >= max)
                    return max + 1;
                if (GC_VEC_ROOM(ix->hit, ix->nhit, ix->caphit, 256, realloc) < 0)
                    return -1;
                ix->hit[ix->nhit++] = j;
            }
        }
    return ix->nhit;
}

/* ---- tests against the obstacles --------------------------------------------- */

int route_blocked(RouteIndex *ix, int skip_a, const RouteRect *keep, int nkeep, int skip_b,
                  const RenderPt *pts, int npts)
{
    if (npts < 2)
        return 0;
    for (int k = 0; k < nkeep; k++)
        if (poly_hits(&keep[k], pts, npts))
            return 1;
    /* segment by segment: a long diagonal curve's box holds far more cards
     * than the cells along it */
    for (int i = 0; i + 1 < npts; i++) {
        float x0 = fminf(pts[i].x, pts[i + 1].x), x1 = fmaxf(pts[i].x, pts[i + 1].x);
        float y0 = fminf(pts[i].y, pts[i + 1].y), y1 = fmaxf(pts[i].y, pts[i + 1].y);
        int nh = route_query(ix, x0, y0, x1, y1, INT32_MAX - 1);
        if (nh < 0)
            return 0; /* out of memory: the curve is drawn as it is */
        for (int h = 0; h < nh; h++) {
            int j = ix->hit[h];
            if (j != skip_a && j != skip_b && seg_hits(&ix->obs[j], pts[i], pts[i + 1]))
                return 1;
        }
    }
    return 0;
}

/* Does the axis-aligned leg [x0, x1] x [y0, y1] touch the inside of r? */
static int leg_hits(const RouteRect *r, float x0, float y0, float x1, float y1)
{
    if (r->x1 > x0 && r->x0 < x1 && r->y1 > y0 && r->y0 < y1)
        return 1;
    /* zero-width legs: the overlap test above needs a strict interior */
    if (x0 == x1 && x0 > r->x0 && x0 < r->x1 && r->y1 > y0 && r->y0 < y1)
        return 1;
    if (y0 == y1 && y0 > r->y0 && y0 < r->y1 && r->x1 > x0 && r->x0 < x1)
        return 1;
    return 0;
}

/* Is the orthogonal path clear?  The first leg may cross the source (but
 * not the parts of it in q->keep), the last one the target. */
static int path_clear(RouteIndex *ix, const RouteReq *q, const RenderPt *p, int np)
{
    for (int i = 0; i + 1 < np; i++) {
        RenderPt a = p[i], b = p[i + 1];
        float x0 = fminf(a.x, b.x), x1 = fmaxf(a.x, b.x), y0 = fminf(a.y, b.y), y1 = fmaxf(a.y, b.y);
        if (i == 0)
            for (int k = 0; k < q->nkeep; k++)
                if (leg_hits(&q->keep[k], x0, y0, x1, y1))
                    return 0;
        int nh = route_query(ix, x0, y0, x1, y1, INT32_MAX - 1);
        if (nh < 0)
            return 0;
        for (int h = 0; h < nh; h++) {
            int j = ix->hit[h];
            if ((i == np - 2 && j == q->tgt) || (i == 0 && j == q->src))
                continue;
            if (leg_hits(&ix->obs[j], x0, y0, x1, y1))
                return 0;
        }
    }
    return 1;
}

static float path_cost(const RenderPt *p, int np, float bend)
{
    float c = 0;
    for (int i = 0; i + 1 < np; i++)
        c += fabsf(p[i + 1].x - p[i].x) + fabsf(p[i + 1].y - p[i].y);
    return c + bend * (float)(np - 2);
}

#define ROUTE_MAX_CH 48
#define ROUTE_MAX_WINDOW 600 /* cards near an arrow's ends beyond which it is not routed */
#define WIN_MAX          256 /* the cards of the window whose sides give channels */

/* Adds v to the channel list if it is not (nearly) there already. */
static void add_ch(float *ch, int *n, float v, float eps)
{
    for (int i = 0; i < *n; i++)
        if (fabsf(ch[i] - v) < eps)
            return;
    if (*n < ROUTE_MAX_CH)
        ch[(*n)++] = v;
}

/* The (up to 4) channels in [lo, hi] nearest to ref. */
static void nearest(const float *ch, int n, float lo, float hi, float ref, float *out, int *nout)
{
    float d[4];
    *nout = 0;
    for (int i = 0; i < n; i++) {
        if (ch[i] < lo || ch[i] > hi)
            continue;
        float di = fabsf(ch[i] - ref);
        int at = *nout;
        while (at > 0 && d[at - 1] > di)
            at--;
        if (at >= 4)
            continue;
        for (int k = (*nout < 4 ? *nout : 3); k > at; k--) {
            d[k] = d[k - 1];
            out[k] = out[k - 1];
        }
        d[at] = di;
        out[at] = ch[i];
        if (*nout < 4)
            (*nout)++;
    }
}

/* The middle of the gap next to one side of r (side 0..3: left, right,
 * top, bottom), at most g away, shifted by the lane scaled to the gap:
 * the least distance across that side to a card of the arrow's window
 * (in_win, set by route_find), looked for with the index among the cards
 * that meet the strip 2 g wide along the side, not among the whole window
 * (an arrow asks for the gaps of every card in it: 256 x 4 x 256 tests,
 * 26 million a frame for the 100 arrows of a list of a tree's nodes).
 * Out of memory: ix->oom, and route_find keeps the caller's curve. */
static float gap_mid(RouteIndex *ix, const RouteRect *r, int side, float g, float lane)
{
    float best = g * 2;
    float qx0 = side == 0 ? r->x0 - best : side == 1 ? r->x1 : r->x0;
    float qx1 = side == 0 ? r->x0 : side == 1 ? r->x1 + best : r->x1;
    float qy0 = side == 2 ? r->y0 - best : side == 3 ? r->y1 : r->y0;
    float qy1 = side == 2 ? r->y0 : side == 3 ? r->y1 + best : r->y1;
    int nh = route_query(ix, qx0, qy0, qx1, qy1, INT32_MAX - 1);
    ix->oom |= nh < 0;
    for (int h = 0; h < nh; h++) {
        const RouteRect *o = &ix->obs[ix->hit[h]];
        if (ix->in_win[ix->hit[h]] != ix->win_no || o == r)
            continue;
        float d;
        if (side < 2) {
            if (o->y1 <= r->y0 || o->y0 >= r->y1)
                continue;
            d = side == 0 ? r->x0 - o->x1 : o->x0 - r->x1;
        } else {
            if (o->x1 <= r->x0 || o->x0 >= r->x1)
                continue;
            d = side == 2 ? r->y0 - o->y1 : o->y0 - r->y1;
        }
        if (d >= 0 && d < best)
            best = d;
    }
    float half = best * 0.5f, l = lane * half / g;
    float edge = side == 0 ? r->x0 : side == 1 ? r->x1 : side == 2 ? r->y0 : r->y1;
    return side == 0 || side == 2 ? edge - half + l : edge + half + l;
}

static void side_channels(RouteIndex *ix, const RouteRect *r, float gx, float gy, const RouteReq *q,
                          float *chx, int *nx, float *chy, int *ny)
{
    add_ch(chx, nx, gap_mid(ix, r, 0, gx, q->lane_x), 1);
    add_ch(chx, nx, gap_mid(ix, r, 1, gx, q->lane_x), 1);
    add_ch(chy, ny, gap_mid(ix, r, 2, gy, q->lane_y), 1);
    add_ch(chy, ny, gap_mid(ix, r, 3, gy, q->lane_y), 1);
}

typedef struct Best {
    RenderPt p[8];
    int n;
    float cost;
} Best;

static void try_path(RouteIndex *ix, const RouteReq *q, const RenderPt *p, int np, Best *b)
{
    /* drop zero-length legs */
    RenderPt c[8];
    int m = 0;
    for (int i = 0; i < np; i++) {
        if (m > 0 && fabsf(c[m - 1].x - p[i].x) < 0.5f && fabsf(c[m - 1].y - p[i].y) < 0.5f)
            continue;
        c[m++] = p[i];
    }
    if (m < 2)
        return;
    float cost = path_cost(c, m, q->bend);
    if (b->n && cost >= b->cost)
        return;
    if (!path_clear(ix, q, c, m))
        return;
    for (int i = 0; i < m; i++)
        b->p[i] = c[i];
    b->n = m;
    b->cost = cost;
}

/* Paths of a field's arrow (leaving rightwards) up into the bottom of a
 * target above it at (q->entry_x, q->entry_b): along the row and up
 * (H-V), or out to a vertical channel, up to a horizontal one under the
 * target, along it and up (H-V-H-V).  Returns the best one's length. */
static int bottom_paths(RouteIndex *ix, const RouteReq *q, const RouteRect *S, const float *chx,
                        int nx, const float *chy, int ny, Best *b)
{
    RenderPt s = q->s, e = {q->entry_x, q->entry_b};
    float xmin = (S ? S->x1 : s.x) + 2, below = fmaxf(ix->obs[q->tgt].y1, e.y + q->head);
    if (s.y <= below + q->head)
        return 0;
    if (e.x >= xmin) {
        RenderPt p[3] = {s, {e.x, s.y}, e};
        try_path(ix, q, p, 3, b);
    }
    float c1[4], c2[4];
    int n1 = 0, n2 = 0;
    nearest(chx, nx, xmin, 1e30f, xmin, c1, &n1);
    nearest(chy, ny, below, s.y - q->head, below, c2, &n2);
    for (int i = 0; i < n1; i++)
        for (int j = 0; j < n2; j++) {
            RenderPt p[5] = {s, {c1[i], s.y}, {c1[i], c2[j]}, {e.x, c2[j]}, e};
            try_path(ix, q, p, 5, b);
        }
    return b->n;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Paths whose first leg leaves the source rightwards (q->dir 0) or
 * leftwards (2) into the target's side (0 left, 1 right) at e: its first
 * vertical leg lies beyond that side of the source. */
static void horizontal_paths(RouteIndex *ix, const RouteReq *q, const RouteRect *S,
                             const RouteRect *T, int side, RenderPt e, const float *chx, int nx,
                             const float *chy, int ny, Best *b)
{
    RenderPt s = q->s;
    float head = q->head, ty = q->entry_y;
    float sx = q->dir == 0 ? 1.0f : -1.0f;
    float xmin = q->dir == 0 ? (S ? S->x1 : s.x) + 2 : (S ? S->x0 : s.x) - 2;
    /* straight, then H-V-H */
    if (fabsf(s.y - ty) < 0.5f && ((side == 0 && sx > 0 && s.x < T->x0 - head) ||
                                   (side == 1 && sx < 0 && s.x > T->x1 + head))) {
        RenderPt p[2] = {s, e};
        try_path(ix, q, p, 2, b);
    }
    /* leftwards (a list's first cell, render_heap's cell_sideways)
     * the arrowhead may use less room than the margin asks: the
     * gap beside the list then takes the arrow straight down
     * instead of with a jog of a few pixels into the next gap */
    float room = q->dir == 2 ? head * 0.5f : head;
    for (int i = 0; i < nx; i++) {
        float x = chx[i];
        if ((x - xmin) * sx < 0 || (side == 0 ? x > T->x0 - room : x < T->x1 + room))
            continue;
        RenderPt p[4] = {s, {x, s.y}, {x, ty}, e};
        try_path(ix, q, p, 4, b);
    }
    /* H-V-H-V-H through a horizontal gap: the first vertical leg in
     * one of the gaps nearest the source, the last one in one of
     * those nearest the target's side */
    int n1 = 0, n2 = 0;
    float c1[4], c2[4];
    if (sx > 0)
        nearest(chx, nx, xmin, 1e30f, xmin, c1, &n1);
    else
        nearest(chx, nx, -1e30f, xmin, xmin, c1, &n1);
    if (side == 0)
        nearest(chx, nx, -1e30f, T->x0 - head, T->x0, c2, &n2);
    else
        nearest(chx, nx, T->x1 + head, 1e30f, T->x1, c2, &n2);
    for (int i = 0; i < n1; i++) {
        float x1 = c1[i];
        for (int j = 0; j < n2; j++) {
            float x2 = c2[j];
            if (x2 == x1)
                continue;
            for (int m = 0; m < ny; m++) {
                RenderPt p[6] = {s, {x1, s.y}, {x1, chy[m]}, {x2, chy[m]}, {x2, ty}, e};
                try_path(ix, q, p, 6, b);
            }
        }
    }
}

int route_find(RouteIndex *ix, const RouteReq *q, RenderPt *out)
{
    const RouteRect *obs = ix->obs;
    const RouteRect *T = &obs[q->tgt];
    const RouteRect *S = q->src >= 0 ? &obs[q->src] : NULL;
    RenderPt s = q->s;
    float gx = q->gap_x, gy = q->gap_y, head = q->head;
    /* channels from the cards near the source and the target */
    float lx = fminf(s.x, T->x0) - q->reach, hx = fmaxf(s.x, T->x1) + q->reach;
    float ly = fminf(s.y, T->y0) - q->reach, hy = fmaxf(s.y, T->y1) + q->reach;
    float chx[ROUTE_MAX_CH], chy[ROUTE_MAX_CH];
    int nx = 0, ny = 0;
    /* the cards in reach, by index */
    int win[WIN_MAX] = {0}, nw = 0;
    int nh = route_query(ix, lx, ly, hx, hy, ROUTE_MAX_WINDOW);
    if (nh < 0 || nh > ROUTE_MAX_WINDOW)
        return 0; /* through a crowd no detour is readable: the caller keeps its curve */
    qsort(ix->hit, (size_t)nh, sizeof *ix->hit, cmp_int); /* the first WIN_MAX by index */
    for (int h = 0; h < nh && nw < WIN_MAX; h++) {
        const RouteRect *r = &obs[ix->hit[h]];
        if (r->x1 < lx || r->x0 > hx || r->y1 < ly || r->y0 > hy)
            continue;
        win[nw++] = ix->hit[h];
    }
    if (++ix->win_no == 0) { /* wrapped: forget every mark */
        memset(ix->in_win, 0, (size_t)ix->n * sizeof *ix->in_win);
        ix->win_no = 1;
    }
    for (int w = 0; w < nw; w++)
        ix->in_win[win[w]] = ix->win_no;
    ix->oom = 0;
    /* just clear of the target's sides with room for the arrowhead: the
     * lane's shift may have moved the middle of a narrow gap next to it
     * too close (a weakref on the right of its referent then went all
     * the way round the referent into its far side) */
    if (gap_mid(ix, T, 0, gx, q->lane_x) > T->x0 - head)
        add_ch(chx, &nx, T->x0 - head - q->inset, 1);
    if (gap_mid(ix, T, 1, gx, q->lane_x) < T->x1 + head)
        add_ch(chx, &nx, T->x1 + head + q->inset, 1);
    if (S)
        side_channels(ix, S, gx, gy, q, chx, &nx, chy, &ny);
    side_channels(ix, T, gx, gy, q, chx, &nx, chy, &ny);
    for (int w = 0; w < nw && (nx < ROUTE_MAX_CH || ny < ROUTE_MAX_CH); w++)
        side_channels(ix, &obs[win[w]], gx, gy, q, chx, &nx, chy, &ny);
    if (ix->oom)
        return 0; /* out of memory: the caller keeps its curve */
    Best b;
    b.n = 0;
    b.cost = 0;
    if ((q->sides & 4) && q->dir == 0 && bottom_paths(ix, q, S, chx, nx, chy, ny, &b) > 0) {
        for (int i = 0; i < b.n; i++)
            out[i] = b.p[i];
        return b.n;
    }
    float ty = q->entry_y;
    for (int side = 0; side < 2; side++) {
        if (!(q->sides & (1 << side)))
            continue;
        RenderPt e = side == 0 ? (RenderPt){T->x0 + q->inset, ty} : (RenderPt){T->x1 - q->inset, ty};
        /* the last vertical leg's x must leave room for the arrowhead */
#define X2_OK(x) (side == 0 ? (x) <= T->x0 - head : (x) >= T->x1 + head)
        if (q->dir == 0 || q->dir == 2) {
            horizontal_paths(ix, q, S, T, side, e, chx, nx, chy, ny, &b);
        } else
            for (int flip = 0; flip < 2; flip++) {
                float d = (float)(flip ? -q->dir : q->dir);
                float ymin = S ? (d > 0 ? S->y1 : S->y0) : s.y;
                /* V-H */
                if ((side == 0 && s.x <= T->x0 - head) || (side == 1 && s.x >= T->x1 + head)) {
                    if ((ty - ymin) * d > 0) {
                        RenderPt p[3] = {s, {s.x, ty}, e};
                        try_path(ix, q, p, 3, &b);
                    }
                }
                /* V-H-V-H */
                for (int m = 0; m < ny; m++) {
                    float y = chy[m];
                    if ((y - ymin) * d <= 0)
                        continue;
                    for (int i = 0; i < nx; i++) {
                        float x = chx[i];
                        if (!X2_OK(x))
                            continue;
                        RenderPt p[5] = {s, {s.x, y}, {x, y}, {x, ty}, e};
                        try_path(ix, q, p, 5, &b);
                    }
                }
            }
#undef X2_OK
    }
    for (int i = 0; i < b.n; i++)
        out[i] = b.p[i];
    return b.n;
}

int route_round(const RenderPt *p, int n, float radius, RenderPt *out, int max)
{
    int m = 0;
    if (n < 2 || max < n)
        return 0;
    out[m++] = p[0];
    for (int i = 1; i + 1 < n; i++) {
        RenderPt a = p[i - 1], c = p[i], b = p[i + 1];
        float la = hypotf(c.x - a.x, c.y - a.y), lb = hypotf(b.x - c.x, b.y - c.y);
        float r = radius;
        /* at most half of each leg (the whole of the first and last legs' free part) */
        if (r > la * (i == 1 ? 0.9f : 0.5f))
            r = la * (i == 1 ? 0.9f : 0.5f);
        if (r > lb * (i + 2 == n ? 0.5f : 0.5f))
            r = lb * 0.5f;
        if (r < 0.5f || la < 1e-3f || lb < 1e-3f || m + 7 > max) {
            out[m++] = c;
            continue;
        }
        RenderPt u = {(a.x - c.x) / la, (a.y - c.y) / la}, v = {(b.x - c.x) / lb, (b.y - c.y) / lb};
        RenderPt q0 = {c.x + u.x * r, c.y + u.y * r}, q2 = {c.x + v.x * r, c.y + v.y * r};
        /* quadratic bezier q0 -> c -> q2 */
        for (int k = 0; k <= 6; k++) {
            float t = (float)k / 6.0f, w = 1 - t;
            out[m++] = (RenderPt){w * w * q0.x + 2 * w * t * c.x + t * t * q2.x,
                                  w * w * q0.y + 2 * w * t * c.y + t * t * q2.y};
        }
    }
    if (m >= max)
        return 0;
    out[m++] = p[n - 1];
    return m;
}
