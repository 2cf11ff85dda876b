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
 */
#include <math.h>

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

int route_blocked(const RouteRect *obs, int n, int skip_a, const RouteRect *keep, int nkeep, int skip_b,
                  const RenderPt *pts, int npts)
{
    if (npts < 2)
        return 0;
    float x0 = pts[0].x, x1 = x0, y0 = pts[0].y, y1 = y0;
    for (int i = 1; i < npts; i++) {
        x0 = fminf(x0, pts[i].x);
        x1 = fmaxf(x1, pts[i].x);
        y0 = fminf(y0, pts[i].y);
        y1 = fmaxf(y1, pts[i].y);
    }
    for (int k = 0; k < nkeep; k++)
        if (poly_hits(&keep[k], pts, npts))
            return 1;
    for (int j = 0; j < n; j++) {
        const RouteRect *r = &obs[j];
        if (j == skip_a || j == skip_b || r->x1 <= x0 || r->x0 >= x1 || r->y1 <= y0 || r->y0 >= y1)
            continue;
        if (poly_hits(r, pts, npts))
            return 1;
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
static int path_clear(const RouteRect *obs, int n, const RouteReq *q, const RenderPt *p, int np)
{
    for (int i = 0; i + 1 < np; i++) {
        RenderPt a = p[i], b = p[i + 1];
        float x0 = fminf(a.x, b.x), x1 = fmaxf(a.x, b.x), y0 = fminf(a.y, b.y), y1 = fmaxf(a.y, b.y);
        if (i == 0)
            for (int k = 0; k < q->nkeep; k++)
                if (leg_hits(&q->keep[k], x0, y0, x1, y1))
                    return 0;
        for (int j = 0; j < n; j++) {
            if ((i == np - 2 && j == q->tgt) || (i == 0 && j == q->src))
                continue;
            if (leg_hits(&obs[j], x0, y0, x1, y1))
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
 * top, bottom), at most g away, shifted by the lane scaled to the gap. */
static float gap_mid(const RouteRect *obs, const int *win, int nw, const RouteRect *r, int side,
                     float g, float lane)
{
    float best = g * 2;
    for (int w = 0; w < nw; w++) {
        const RouteRect *o = &obs[win[w]];
        if (o == r)
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

static void side_channels(const RouteRect *obs, const int *win, int nw, const RouteRect *r, float gx,
                          float gy, const RouteReq *q, float *chx, int *nx, float *chy, int *ny)
{
    add_ch(chx, nx, gap_mid(obs, win, nw, r, 0, gx, q->lane_x), 1);
    add_ch(chx, nx, gap_mid(obs, win, nw, r, 1, gx, q->lane_x), 1);
    add_ch(chy, ny, gap_mid(obs, win, nw, r, 2, gy, q->lane_y), 1);
    add_ch(chy, ny, gap_mid(obs, win, nw, r, 3, gy, q->lane_y), 1);
}

typedef struct Best {
    RenderPt p[8];
    int n;
    float cost;
} Best;

static void try_path(const RouteRect *obs, int n, const RouteReq *q, const RenderPt *p, int np, Best *b)
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
    if (!path_clear(obs, n, q, c, m))
        return;
    for (int i = 0; i < m; i++)
        b->p[i] = c[i];
    b->n = m;
    b->cost = cost;
}

int route_find(const RouteRect *obs, int n, const RouteReq *q, RenderPt *out)
{
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
    int win[256] = {0}, nw = 0;
    for (int j = 0; j < n && nw < 256; j++) {
        const RouteRect *r = &obs[j];
        if (r->x1 < lx || r->x0 > hx || r->y1 < ly || r->y0 > hy)
            continue;
        win[nw++] = j;
    }
    if (S)
        side_channels(obs, win, nw, S, gx, gy, q, chx, &nx, chy, &ny);
    side_channels(obs, win, nw, T, gx, gy, q, chx, &nx, chy, &ny);
    for (int w = 0; w < nw && (nx < ROUTE_MAX_CH || ny < ROUTE_MAX_CH); w++)
        side_channels(obs, win, nw, &obs[win[w]], gx, gy, q, chx, &nx, chy, &ny);
    Best b;
    b.n = 0;
    b.cost = 0;
    float ty = q->entry_y;
    for (int side = 0; side < 2; side++) {
        if (!(q->sides & (1 << side)))
            continue;
        RenderPt e = side == 0 ? (RenderPt){T->x0 + q->inset, ty} : (RenderPt){T->x1 - q->inset, ty};
        /* the last vertical leg's x must leave room for the arrowhead */
#define X2_OK(x) (side == 0 ? (x) <= T->x0 - head : (x) >= T->x1 + head)
        if (q->dir == 0) {
            float xmin = (S ? S->x1 : s.x) + 2;
            /* straight, then H-V-H */
            if (fabsf(s.y - ty) < 0.5f && side == 0 && s.x < T->x0 - head) {
                RenderPt p[2] = {s, e};
                try_path(obs, n, q, p, 2, &b);
            }
            for (int i = 0; i < nx; i++) {
                float x = chx[i];
                if (x < xmin || !X2_OK(x))
                    continue;
                RenderPt p[4] = {s, {x, s.y}, {x, ty}, e};
                try_path(obs, n, q, p, 4, &b);
            }
            /* H-V-H-V-H through a horizontal gap: the first vertical leg in
             * one of the gaps nearest the source, the last one in one of
             * those nearest the target's side */
            int n1 = 0, n2 = 0;
            float c1[4], c2[4];
            nearest(chx, nx, xmin, 1e30f, xmin, c1, &n1);
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
                        try_path(obs, n, q, p, 6, &b);
                    }
                }
            }
        } else for (int flip = 0; flip < 2; flip++) {
            float d = (float)(flip ? -q->dir : q->dir);
            float ymin = S ? (d > 0 ? S->y1 : S->y0) : s.y;
            /* V-H */
            if ((side == 0 && s.x <= T->x0 - head) || (side == 1 && s.x >= T->x1 + head)) {
                if ((ty - ymin) * d > 0) {
                    RenderPt p[3] = {s, {s.x, ty}, e};
                    try_path(obs, n, q, p, 3, &b);
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
                    try_path(obs, n, q, p, 5, &b);
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
