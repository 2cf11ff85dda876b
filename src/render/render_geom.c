/*
 * render_geom.c: the geometry every backend draws the same way, so that
 * the SDL backend (render_sdl.c) and the SVG writer (record_svg.c) make the
 * same picture: arrow shafts and heads, hatch lines, dash patterns, thin
 * strokes and corner radii.  Backend-neutral: points and colours only.
 */
#include <math.h>

#include "render.h"

int render_arrow_split(const RenderList *l, const RenderCmd *c, RenderPt *shaft, int max,
                       RenderPt head[4])
{
    const RenderPt *p = l->pts + c->pts;
    int n = c->npts;
    if (n < 2 || max < 2)
        return 0;
    RenderPt tip = p[n - 1];
    int k = n - 2;
    float remain = c->head * 0.8f;
    while (k > 0) {
        float dx = tip.x - p[k].x, dy = tip.y - p[k].y;
        if (sqrtf(dx * dx + dy * dy) >= remain)
            break;
        k--;
    }
    float dx = tip.x - p[k].x, dy = tip.y - p[k].y;
    float len = sqrtf(dx * dx + dy * dy);
    if (len < 1e-4f)
        return 0;
    dx /= len;
    dy /= len;
    int m = 0;
    for (int i = 0; i <= k && m < max - 1; i++)
        shaft[m++] = p[i];
    shaft[m++] = (RenderPt){tip.x - dx * remain, tip.y - dy * remain};
    float hw = c->head * 0.5f;
    head[0] = tip;
    head[1] = (RenderPt){tip.x - dx * c->head - dy * hw, tip.y - dy * c->head + dx * hw};
    head[2] = (RenderPt){tip.x - dx * c->head * 0.78f, tip.y - dy * c->head * 0.78f};
    head[3] = (RenderPt){tip.x - dx * c->head + dy * hw, tip.y - dy * c->head - dx * hw};
    return m;
}

void render_thin_stroke(float *width, RenderColor *c)
{
    if (*width < 1.0f) {
        c->a = (uint8_t)(c->a * *width);
        *width = 1.0f;
    }
}

float render_corner_radius(float w, float h, float r)
{
    float m = (w < h ? w : h) * 0.5f;
    return r > m ? m : r;
}

void render_hatch_lines(const RenderCmd *c, void (*fn)(void *ctx, RenderPt a, RenderPt b),
                        void *ctx)
{
    if (c->dash <= 0)
        return;
    float x0 = c->x, y0 = c->y, x1 = c->x + c->w, y1 = c->y + c->h;
    for (float t = c->dash * 0.5f; t < c->w + c->h; t += c->dash) {
        /* the line x + y = x0 + y0 + t, clipped to the rect */
        float s = x0 + y0 + t;
        float ax = s - y0, ay = y0;
        if (ax > x1) {
            ax = x1;
            ay = s - x1;
        }
        float bx = s - y1, by = y1;
        if (bx < x0) {
            bx = x0;
            by = s - x0;
        }
        if (ay <= y1 && by >= y0)
            fn(ctx, (RenderPt){ax, ay}, (RenderPt){bx, by});
    }
}
