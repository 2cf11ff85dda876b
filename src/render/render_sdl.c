/*
 * render_sdl.c: the SDL backend of the display list.  Shapes become
 * triangles for SDL_RenderGeometry with a one-pixel alpha fringe on every
 * edge (anti-aliasing the way Dear ImGui does it), batched until a text or
 * clip command needs a flush.  Text is rasterised once per (face, size,
 * string) in white and tinted with the texture colour mod.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>
#include <png.h>

#include "render.h"
#include "render_internal.h"

#define TEXT_CACHE 2048 /* power of two */
#define AA 1.0f
#define MAX_PATH_PTS 512

typedef struct TextEntry {
    uint64_t hash;
    char *text; /* the key: font, px and text */
    int font, px;
    SDL_Texture *tex;
    int w, h;
    uint32_t used; /* draw number of the last use */
} TextEntry;

struct RenderSdl {
    SDL_Renderer *r;
    RenderFonts *fonts;
    SDL_Vertex *v;
    int nv, capv;
    int *idx;
    int ni, capi;
    TextEntry cache[TEXT_CACHE];
    int ncached;
    uint32_t draw_no;
    int failed;
};

RenderSdl *render_sdl_new(SDL_Renderer *r, RenderFonts *fonts)
{
    RenderSdl *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->r = r;
    b->fonts = fonts;
    return b;
}

static void cache_clear(RenderSdl *b, int only_stale)
{
    for (int i = 0; i < TEXT_CACHE; i++) {
        TextEntry *e = &b->cache[i];
        if (e->tex && (!only_stale || b->draw_no - e->used > 2)) {
            SDL_DestroyTexture(e->tex);
            free(e->text);
            memset(e, 0, sizeof *e);
            b->ncached--;
        }
    }
}

void render_sdl_free(RenderSdl *b)
{
    if (!b)
        return;
    cache_clear(b, 0);
    free(b->v);
    free(b->idx);
    free(b);
}

/* ---- geometry batching ---------------------------------------------------- */

static int reserve(RenderSdl *b, int nv, int ni)
{
    if (b->nv + nv > b->capv) {
        int c = b->capv ? b->capv : 4096;
        while (c < b->nv + nv)
            c *= 2;
        SDL_Vertex *n = realloc(b->v, (size_t)c * sizeof *n);
        if (!n)
            return -1;
        b->v = n;
        b->capv = c;
    }
    if (b->ni + ni > b->capi) {
        int c = b->capi ? b->capi : 8192;
        while (c < b->ni + ni)
            c *= 2;
        int *n = realloc(b->idx, (size_t)c * sizeof *n);
        if (!n)
            return -1;
        b->idx = n;
        b->capi = c;
    }
    return 0;
}

static void flush(RenderSdl *b)
{
    if (b->ni > 0 && SDL_RenderGeometry(b->r, NULL, b->v, b->nv, b->idx, b->ni) < 0)
        b->failed = 1;
    b->nv = b->ni = 0;
}

static SDL_Vertex vert(float x, float y, RenderColor c, uint8_t a)
{
    SDL_Vertex v;
    v.position.x = x;
    v.position.y = y;
    v.color.r = c.r;
    v.color.g = c.g;
    v.color.b = c.b;
    v.color.a = a;
    v.tex_coord.x = 0;
    v.tex_coord.y = 0;
    return v;
}

/* A convex polygon with an alpha fringe (points in either winding). */
static void fill_convex(RenderSdl *b, const RenderPt *p, int n, RenderColor c)
{
    if (n < 3 || n > MAX_PATH_PTS)
        return;
    float area = 0;
    for (int i = 0; i < n; i++) {
        const RenderPt *a = &p[i], *q = &p[(i + 1) % n];
        area += a->x * q->y - q->x * a->y;
    }
    if (fabsf(area) < 1e-4f)
        return;
    float sgn = area > 0 ? 1.0f : -1.0f; /* y down: positive area = clockwise on screen */
    if (reserve(b, 2 * n, 3 * (n - 2) + 6 * n) < 0) {
        b->failed = 1;
        return;
    }
    float nx[MAX_PATH_PTS], ny[MAX_PATH_PTS];
    for (int i = 0; i < n; i++) {
        const RenderPt *a = &p[i], *q = &p[(i + 1) % n];
        float dx = q->x - a->x, dy = q->y - a->y;
        float len = sqrtf(dx * dx + dy * dy);
        if (len < 1e-6f) {
            nx[i] = ny[i] = 0;
            continue;
        }
        dx /= len;
        dy /= len;
        /* outward normal */
        nx[i] = dy * sgn;
        ny[i] = -dx * sgn;
    }
    int base = b->nv;
    for (int i = 0; i < n; i++) {
        int pi = (i + n - 1) % n;
        float dx = (nx[pi] + nx[i]) * 0.5f, dy = (ny[pi] + ny[i]) * 0.5f;
        float d2 = dx * dx + dy * dy;
        if (d2 > 1e-6f) {
            float inv = 1.0f / d2;
            if (inv > 20.0f)
                inv = 20.0f;
            dx *= inv;
            dy *= inv;
        }
        float h = AA * 0.5f;
        b->v[b->nv++] = vert(p[i].x - dx * h, p[i].y - dy * h, c, c.a);
        b->v[b->nv++] = vert(p[i].x + dx * h, p[i].y + dy * h, c, 0);
    }
    for (int i = 2; i < n; i++) {
        b->idx[b->ni++] = base;
        b->idx[b->ni++] = base + 2 * (i - 1);
        b->idx[b->ni++] = base + 2 * i;
    }
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        int ii = base + 2 * i, jj = base + 2 * j;
        b->idx[b->ni++] = ii;
        b->idx[b->ni++] = jj;
        b->idx[b->ni++] = jj + 1;
        b->idx[b->ni++] = ii;
        b->idx[b->ni++] = jj + 1;
        b->idx[b->ni++] = ii + 1;
    }
}

static void segment(RenderSdl *b, float x0, float y0, float x1, float y1, float w, RenderColor c)
{
    float dx = x1 - x0, dy = y1 - y0;
    float len = sqrtf(dx * dx + dy * dy);
    if (len < 1e-4f)
        return;
    if (w < 1.0f) { /* thin lines: keep coverage, fade alpha */
        c.a = (uint8_t)(c.a * w);
        w = 1.0f;
    }
    float nx = -dy / len * w * 0.5f, ny = dx / len * w * 0.5f;
    RenderPt q[4] = {{x0 + nx, y0 + ny}, {x1 + nx, y1 + ny}, {x1 - nx, y1 - ny}, {x0 - nx, y0 - ny}};
    fill_convex(b, q, 4, c);
}

/* Points of a rounded rect path, clockwise, `seg` segments per corner. */
static int round_rect_path(RenderPt *out, float x, float y, float w, float h, float r, int seg)
{
    float m = (w < h ? w : h) * 0.5f;
    if (r > m)
        r = m;
    if (r < 0.5f) {
        out[0] = (RenderPt){x, y};
        out[1] = (RenderPt){x + w, y};
        out[2] = (RenderPt){x + w, y + h};
        out[3] = (RenderPt){x, y + h};
        return 4;
    }
    const float cx[4] = {x + w - r, x + w - r, x + r, x + r};
    const float cy[4] = {y + r, y + h - r, y + h - r, y + r};
    const float start[4] = {-1.5707963f, 0.0f, 1.5707963f, 3.1415926f};
    int n = 0;
    for (int k = 0; k < 4; k++)
        for (int i = 0; i <= seg; i++) {
            float a = start[k] + 1.5707963f * (float)i / (float)seg;
            out[n++] = (RenderPt){cx[k] + cosf(a) * r, cy[k] + sinf(a) * r};
        }
    return n;
}

static int corner_segments(float r)
{
    int s = (int)(r * 0.6f) + 3;
    return s > 16 ? 16 : s;
}

/* A polyline, dashed or solid, without arrowhead. */
static void stroke(RenderSdl *b, const RenderPt *p, int n, int closed, float w, float dash,
                   RenderColor c)
{
    int segs = closed ? n : n - 1;
    if (dash <= 0) {
        for (int i = 0; i < segs; i++) {
            const RenderPt *a = &p[i], *q = &p[(i + 1) % n];
            segment(b, a->x, a->y, q->x, q->y, w, c);
        }
        /* fill the joints of thick lines */
        if (w > 2.0f)
            for (int i = closed ? 0 : 1; i < (closed ? n : n - 1); i++) {
                RenderPt d[8];
                for (int k = 0; k < 8; k++) {
                    float a = (float)k * 0.7853981f;
                    d[k] = (RenderPt){p[i].x + cosf(a) * w * 0.5f, p[i].y + sinf(a) * w * 0.5f};
                }
                fill_convex(b, d, 8, c);
            }
        return;
    }
    float gap = dash * 0.75f;
    int on = 1;           /* in a dash (else in a gap) */
    float left = dash;    /* length left in the current dash or gap */
    for (int i = 0; i < segs; i++) {
        const RenderPt *a = &p[i], *q = &p[(i + 1) % n];
        float dx = q->x - a->x, dy = q->y - a->y;
        float len = sqrtf(dx * dx + dy * dy);
        if (len < 1e-4f)
            continue;
        float t = 0;
        while (len - t > 1e-3f) {
            float step = left < len - t ? left : len - t;
            if (on)
                segment(b, a->x + dx * t / len, a->y + dy * t / len, a->x + dx * (t + step) / len,
                        a->y + dy * (t + step) / len, w, c);
            t += step;
            left -= step;
            if (left <= 1e-3f) {
                on = !on;
                left = on ? dash : gap;
            }
        }
    }
}

static void draw_rect(RenderSdl *b, const RenderCmd *c)
{
    RenderPt p[4 * 17 + 4];
    int n = round_rect_path(p, c->x, c->y, c->w, c->h, c->radius, corner_segments(c->radius));
    fill_convex(b, p, n, c->color);
}

static void draw_frame(RenderSdl *b, const RenderCmd *c)
{
    float hw = c->width * 0.5f;
    float r = c->radius;
    RenderPt p[4 * 17 + 4];
    int n = round_rect_path(p, c->x + hw, c->y + hw, c->w - 2 * hw, c->h - 2 * hw,
                            r > hw ? r - hw : 0, corner_segments(r));
    stroke(b, p, n, 1, c->width, c->dash, c->color);
}

static void draw_line(RenderSdl *b, const RenderList *l, const RenderCmd *c)
{
    const RenderPt *p = l->pts + c->pts;
    int n = c->npts;
    if (n < 2)
        return;
    if (c->head <= 0) {
        stroke(b, p, n, 0, c->width, c->dash, c->color);
        return;
    }
    /* stop the shaft where the head begins, so it does not poke through */
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
        return;
    dx /= len;
    dy /= len;
    RenderPt shaft[MAX_PATH_PTS];
    int m = 0;
    for (int i = 0; i <= k && m < MAX_PATH_PTS - 1; i++)
        shaft[m++] = p[i];
    shaft[m++] = (RenderPt){tip.x - dx * remain, tip.y - dy * remain};
    stroke(b, shaft, m, 0, c->width, c->dash, c->color);
    float hw = c->head * 0.5f;
    RenderPt head[4] = {
        tip,
        {tip.x - dx * c->head - dy * hw, tip.y - dy * c->head + dx * hw},
        {tip.x - dx * c->head * 0.78f, tip.y - dy * c->head * 0.78f},
        {tip.x - dx * c->head + dy * hw, tip.y - dy * c->head - dx * hw},
    };
    /* the notched head is concave: draw it as two convex halves */
    RenderPt h1[3] = {head[0], head[1], head[2]};
    RenderPt h2[3] = {head[0], head[2], head[3]};
    fill_convex(b, h1, 3, c->color);
    fill_convex(b, h2, 3, c->color);
}

static void draw_hatch(RenderSdl *b, const RenderCmd *c)
{
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
            segment(b, ax, ay, bx, by, c->width, c->color);
    }
}

static void draw_poly(RenderSdl *b, const RenderList *l, const RenderCmd *c)
{
    fill_convex(b, l->pts + c->pts, c->npts, c->color);
}

/* ---- text ------------------------------------------------------------------ */

static uint64_t text_hash(int font, int px, const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    h = (h ^ (uint64_t)font) * 1099511628211ULL;
    h = (h ^ (uint64_t)(px & 255)) * 1099511628211ULL;
    h = (h ^ (uint64_t)(px >> 8)) * 1099511628211ULL;
    for (; *s; s++) {
        h ^= (uint8_t)*s;
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

static TextEntry *text_texture(RenderSdl *b, int font, int px, const char *s)
{
    uint64_t h = text_hash(font, px, s);
    size_t i = (size_t)h & (TEXT_CACHE - 1);
    for (int probe = 0; probe < TEXT_CACHE; probe++, i = (i + 1) & (TEXT_CACHE - 1)) {
        TextEntry *e = &b->cache[i];
        if (e->tex && e->hash == h && e->font == font && e->px == px && strcmp(e->text, s) == 0) {
            e->used = b->draw_no;
            return e;
        }
        if (!e->tex)
            break;
    }
    if (b->ncached > TEXT_CACHE * 3 / 4)
        cache_clear(b, 1);
    if (b->ncached > TEXT_CACHE * 3 / 4)
        return NULL;
    /* find the free slot again: clearing may have emptied an earlier one */
    i = (size_t)h & (TEXT_CACHE - 1);
    while (b->cache[i].tex)
        i = (i + 1) & (TEXT_CACHE - 1);
    TTF_Font *f = render_font(b->fonts, (RenderFont)font, px);
    if (!f)
        return NULL;
    SDL_Color white = {255, 255, 255, 255};
    SDL_Surface *surf = TTF_RenderUTF8_Blended(f, s, white);
    if (!surf)
        return NULL;
    SDL_Texture *tex = SDL_CreateTextureFromSurface(b->r, surf);
    int w = surf->w, hh = surf->h;
    SDL_FreeSurface(surf);
    if (!tex)
        return NULL;
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    char *copy = strdup(s);
    if (!copy) {
        SDL_DestroyTexture(tex);
        return NULL;
    }
    TextEntry *e = &b->cache[i];
    e->text = copy;
    e->font = font;
    e->px = px;
    e->hash = h;
    e->tex = tex;
    e->w = w;
    e->h = hh;
    e->used = b->draw_no;
    b->ncached++;
    return e;
}

static void draw_text(RenderSdl *b, const RenderList *l, const RenderCmd *c)
{
    const char *s = render_cmd_text(l, c);
    TextEntry *e = text_texture(b, c->font, c->px, s);
    if (!e)
        return;
    float x = c->x;
    if (c->align == RENDER_ALIGN_CENTER)
        x -= (float)e->w * 0.5f;
    else if (c->align == RENDER_ALIGN_RIGHT)
        x -= (float)e->w;
    SDL_FRect dst = {floorf(x + 0.5f), floorf(c->y + 0.5f), (float)e->w, (float)e->h};
    SDL_SetTextureColorMod(e->tex, c->color.r, c->color.g, c->color.b);
    SDL_SetTextureAlphaMod(e->tex, c->color.a);
    if (SDL_RenderCopyF(b->r, e->tex, NULL, &dst) < 0)
        b->failed = 1;
}

int render_sdl_draw(RenderSdl *b, const RenderList *l)
{
    b->draw_no++;
    b->failed = 0;
    if (b->ncached > TEXT_CACHE / 2)
        cache_clear(b, 1);
    SDL_RenderSetClipRect(b->r, NULL);
    SDL_SetRenderDrawBlendMode(b->r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(b->r, l->clear.r, l->clear.g, l->clear.b, 255);
    if (SDL_RenderClear(b->r) < 0)
        return -1;
    for (int32_t i = 0; i < l->ncmds; i++) {
        const RenderCmd *c = &l->cmds[i];
        switch (c->kind) {
        case RENDER_CMD_RECT:
            draw_rect(b, c);
            break;
        case RENDER_CMD_FRAME:
            draw_frame(b, c);
            break;
        case RENDER_CMD_LINE:
            draw_line(b, l, c);
            break;
        case RENDER_CMD_POLY:
            draw_poly(b, l, c);
            break;
        case RENDER_CMD_HATCH:
            draw_hatch(b, c);
            break;
        case RENDER_CMD_TEXT:
            flush(b);
            draw_text(b, l, c);
            break;
        case RENDER_CMD_CLIP:
            flush(b);
            if (c->w <= 0) {
                SDL_RenderSetClipRect(b->r, NULL);
            } else {
                SDL_Rect r = {(int)floorf(c->x), (int)floorf(c->y), (int)ceilf(c->w),
                              (int)ceilf(c->h)};
                SDL_RenderSetClipRect(b->r, &r);
            }
            break;
        default:
            break;
        }
    }
    flush(b);
    SDL_RenderSetClipRect(b->r, NULL);
    return b->failed ? -1 : 0;
}

/* ---- PNG ---------------------------------------------------------------------- */

int render_save_png(SDL_Renderer *r, int w, int h, const char *path)
{
    if (w <= 0 || h <= 0)
        return SDL_SetError("nothing to save");
    unsigned char *px = malloc((size_t)w * (size_t)h * 3);
    if (!px)
        return SDL_OutOfMemory();
    SDL_Rect all = {0, 0, w, h};
    if (SDL_RenderReadPixels(r, &all, SDL_PIXELFORMAT_RGB24, px, w * 3) < 0) {
        free(px);
        return -1;
    }
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.part", path);
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    img.width = (png_uint_32)w;
    img.height = (png_uint_32)h;
    img.format = PNG_FORMAT_RGB;
    int ok = png_image_write_to_file(&img, tmp, 0, px, w * 3, NULL);
    free(px);
    if (!ok) {
        SDL_SetError("cannot write %s: %s", path, img.message);
        remove(tmp);
        return -1;
    }
    if (rename(tmp, path) != 0) {
        SDL_SetError("cannot write %s", path);
        remove(tmp);
        return -1;
    }
    return 0;
}
