/*
 * render_sdl.c: the SDL backend of the display list.  Shapes become
 * triangles for SDL_RenderGeometry with a one-pixel alpha fringe on every
 * edge (anti-aliasing the way Dear ImGui does it), batched until a text or
 * clip command needs a flush.  Text is rasterised once per (face, size,
 * string) in white and tinted with the texture colour mod (on the software
 * renderer once per colour too: see text_texture).
 *
 * SDL's software renderer (no GPU; the tests, `gcviz record`, a window
 * under Xvfb) truncates every vertex to whole pixels and fills each blended
 * triangle through a temporary surface the size of its bounding box, so a
 * fan over a big rounded rect costs the rect's area once per triangle.  On
 * that renderer (`snap`) the inside of a convex shape is drawn instead as
 * runs of whole rows (SDL_RenderFillRects: a rounded rect becomes one big
 * rect and a few rows per corner) covering exactly the pixels the fan
 * would cover under SDL's top-left rule, long slanted edges are cut into
 * short pieces, and only the one-pixel fringe stays geometry.  Most
 * rounded rects and outlines do not even need that: on whole pixels they
 * are plain fills plus four corners copied from small cached anti-aliased
 * textures (pixel_round_rect); square ones are plain fills.  A fringe
 * side that lies between two neighbouring rows or columns of pixels (a
 * dash's sides and ends, a straight stretch of an arrow) is a run of rows
 * at half alpha (fringe_strip), the pixels and values SDL's triangles give
 * it.  A translucent fill over pixels of one value is an opaque fill of
 * the value blending gives there (flat_fill: a freed card's body).
 * Commands wholly outside the clip rectangle are skipped.  With the
 * target's pixels at hand, a small shape (a dash of an outline, an
 * arrowhead, a piece of a curve with its fringes) is remembered as the
 * pixels it blends, which depend only on its points' whole pixels, and
 * blended again from that record wherever the same shape recurs
 * (shape_memo).  Other renderers get the triangles unchanged.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "render.h"
#include "render_internal.h"

#define TEXT_CACHE 2048 /* power of two */
#define AA 1.0f
#define MAX_PATH_PTS 512
#define MAX_FILL_PTS 1024 /* a path after cutting its long slanted edges (snap) */
#define PIECE 16.0f       /* longest slanted piece, in pixels across (snap) */

/* groups kept as pixels (snap): at most GROUP_CACHE of them, GROUP_PIXELS
 * pixels in all (twice: before and after) */
#define GROUP_CACHE  256
#define GROUP_PIXELS (4L << 20)
#define CORNER_CACHE 96  /* corner shapes kept (radius x stroke width) */
#define CORNER_MAX_R 48   /* larger corners go through the polygon path */
#define BLEND_MEMO   16   /* blends of a colour over a pixel remembered (snap) */
#define FLAT_MIN_PX  256  /* smallest translucent fill looked under (snap) */

/* small convex shapes remembered as the pixels they blend (shape_memo) */
#define SHAPE_SLOTS   2048      /* shapes (a power of two) */
#define SHAPE_POOL    (1 << 18) /* their pixels, in all */
#define SHAPE_MAX_PTS 16        /* points of a shape */
#define SHAPE_MAX_OPS 1024      /* pixels of a shape */
#define SHAPE_REACH   256       /* pixels from its first point to any other */
#define SHAPE_SPAN    2048      /* whole-pixel coordinates it may lie at (within TRI_MAX) */

/* The four corners of a rounded rect of radius r (whole pixels), filled
 * (w4 == 0) or as a ring w4 / 4 pixels wide: white, the coverage in alpha,
 * tinted when copied. */
typedef struct CornerSet {
    int r, w4;
    Uint8 *cover;        /* r * r coverages per corner, in the order of tex */
    SDL_Texture *tex[4]; /* top left, top right, bottom left, bottom right (made
                          * when first copied through SDL) */
} CornerSet;

/* The pixels a group of commands left (render_group_begin), with what was
 * under them before (snap). */
typedef struct GroupEntry {
    uint64_t key;     /* group_key; 0: an empty entry */
    SDL_Rect box;     /* the pixels it may touch */
    Uint32 *pre;      /* the box before the group, ARGB8888 */
    SDL_Texture *tex; /* the box after it (through SDL) */
    Uint32 *post;     /* or the box after it, ARGB8888 (written directly: b->px) */
    int kept;         /* pre and tex or post hold it (else the key was only seen) */
    uint32_t used;    /* draw number of the last use */
} GroupEntry;

/* A pixel a remembered shape blends: its place from the shape's first
 * point and the alpha it is blended at (the colour is the shape's). */
typedef struct ShapeOp {
    int16_t dx, dy;
    uint8_t a;
} ShapeOp;

/* A remembered shape: its points' whole-pixel coordinates (from the
 * first point's) and alpha, and its pixels ops[first, first + n). */
typedef struct ShapeEntry {
    uint64_t hash; /* 0: an empty entry */
    int32_t key[4 + 2 * SHAPE_MAX_PTS];
    int32_t first, n;
} ShapeEntry;

/* One pixel value under a translucent fill colour and the value SDL's
 * blend left there (flat_fill). */
typedef struct BlendMemo {
    Uint32 under, over;
    RenderColor c;
} BlendMemo;

typedef struct TextEntry {
    uint64_t hash;
    char *text; /* the key: font, px and text; NULL: an empty entry */
    int font, px;
    uint32_t rgba; /* the colour it is drawn in (snap), else 0: white, tinted */
    SDL_Texture *tex;  /* the text through SDL */
    SDL_Surface *surf; /* or its pixels, ARGB8888, blended directly (b->px) */
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
    int snap;             /* software renderer: see the top of the file */
    SDL_Surface *surf;    /* the software renderer's target, when known (snap) */
    int window;           /* surf is the window's surface, asked for at each draw */
    Uint32 *px;           /* its pixels while drawing: written directly, see px_fill */
    int pitch;            /* pixels from one row of px to the next */
    SDL_Rect *rects;      /* pending row runs, all in rect_color (snap) */
    int nrects, caprects;
    RenderColor rect_color;
    int *rows;            /* span bounds per row while filling (snap) */
    int caprows;
    int *mask;            /* rows of an opaque shape drawn next (snap) */
    int capmask;
    int mask_y0, mask_n;  /* its rows: mask_y0 .. mask_y0 + mask_n - 1 */
    SDL_Rect clip;        /* current clip rectangle, in target pixels */
    SDL_Rect sdl_clip;    /* the one given to SDL (the target when none) */
    GroupEntry groups[GROUP_CACHE];
    Uint32 *under; /* pixels read back (draw_group) */
    Uint32 *flat;  /* pixels under a translucent fill, read back (flat_fill) */
    int32_t capflat;
    BlendMemo memo[BLEND_MEMO]; /* what a translucent colour makes of a pixel */
    int nmemo;
    long groups_copied;
    long group_px; /* pixels kept in the groups' textures */
    int32_t capunder;
    SDL_Texture *white;   /* 1x1 white texture for the fringe triangles (snap) */
    CornerSet corners[CORNER_CACHE]; /* anti-aliased corners of rounded rects (snap) */
    int ncorners;
    ShapeEntry *shapes; /* SHAPE_SLOTS of them, made on first use (shape_memo) */
    int nshapes;
    ShapeOp *ops; /* their pixels */
    int32_t nops, capops;
    int rec;           /* recording a shape's pixels instead of blending them */
    int rec_x, rec_y;  /* its first point */
    int32_t rec_first; /* its first op */
    int rec_fail;      /* something of it cannot be recorded */
    RenderColor rec_color;
    TextEntry cache[TEXT_CACHE];
    int ncached;
    int trim;             /* where cache_trim goes on */
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
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(r, &info) == 0)
        b->snap = (info.flags & SDL_RENDERER_SOFTWARE) != 0;
    return b;
}

static void text_drop(RenderSdl *b, TextEntry *e)
{
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    SDL_FreeSurface(e->surf);
    free(e->text);
    memset(e, 0, sizeof *e);
    b->ncached--;
}

static void cache_clear(RenderSdl *b, int only_stale)
{
    for (int i = 0; i < TEXT_CACHE; i++) {
        TextEntry *e = &b->cache[i];
        if (e->text && (!only_stale || b->draw_no - e->used > 2))
            text_drop(b, e);
    }
}

/* Destroys up to max stale entries, going on round the table from where
 * the last call stopped: spread over frames, where one cache_clear of a
 * thousand textures takes longer than a frame's margin. */
static void cache_trim(RenderSdl *b, int max)
{
    for (int k = 0; k < TEXT_CACHE && max > 0; k++) {
        TextEntry *e = &b->cache[b->trim];
        b->trim = (b->trim + 1) & (TEXT_CACHE - 1);
        if (e->text && b->draw_no - e->used > 2) {
            text_drop(b, e);
            max--;
        }
    }
}

static void group_drop(RenderSdl *b, GroupEntry *e);

static void corner_drop(CornerSet *cs)
{
    for (int k = 0; k < 4; k++)
        if (cs->tex[k])
            SDL_DestroyTexture(cs->tex[k]);
    free(cs->cover);
    memset(cs, 0, sizeof *cs);
}

void render_sdl_free(RenderSdl *b)
{
    if (!b)
        return;
    cache_clear(b, 0);
    if (b->white)
        SDL_DestroyTexture(b->white);
    for (int i = 0; i < b->ncorners; i++)
        corner_drop(&b->corners[i]);
    for (int i = 0; i < GROUP_CACHE; i++)
        group_drop(b, &b->groups[i]);
    free(b->shapes);
    free(b->ops);
    free(b->under);
    free(b->flat);
    free(b->v);
    free(b->idx);
    free(b->rects);
    free(b->rows);
    free(b->mask);
    free(b);
}

/* ---- the target's pixels, written directly (snap) ------------------------- */

/* The software renderer writes a fill, a blend or a copy into its target
 * surface with plain loops; when the backend has that surface (b->px,
 * render_sdl_set_surface) it does the same itself, value for value: no
 * command to queue and run, no texture to make for a text or a kept
 * group, and no non-temporal stores (SDL fills every row of 16 pixels or
 * more with them, so the pixels a frame blends over or reads back next
 * come from memory instead of the cache: a quarter of a frame at zoom
 * 0.42).  SDL still draws the triangles beyond TRI_MAX and the pixel
 * blend_of reads back; it has done all it was told when px_sync
 * returns. */

static void px_sync(RenderSdl *b)
{
    SDL_RenderFlush(b->r); /* a window's renderer queues its commands */
}

/* Records that the shape being recorded blends pixel (x, y) at alpha a. */
static void rec_op(RenderSdl *b, int x, int y, Uint32 a)
{
    if (a == 0 || b->rec_fail)
        return; /* blending at alpha 0 leaves the pixel */
    if (b->nops - b->rec_first >= SHAPE_MAX_OPS ||
        GC_VEC_ROOM(b->ops, b->nops, b->capops, 4096, realloc) < 0) {
        b->rec_fail = 1;
        return;
    }
    b->ops[b->nops++] = (ShapeOp){(int16_t)(x - b->rec_x), (int16_t)(y - b->rec_y), (uint8_t)a};
}

/* Records the pixels of rect r at alpha a. */
static void rec_rect(RenderSdl *b, const SDL_Rect *r, Uint32 a)
{
    if (a == 0 || b->rec_fail)
        return;
    if (b->nops - b->rec_first + r->w * r->h > SHAPE_MAX_OPS ||
        GC_VEC_RESERVE(b->ops, b->nops + r->w * r->h, b->capops, 4096, realloc) < 0) {
        b->rec_fail = 1;
        return;
    }
    for (int y = 0; y < r->h; y++)
        for (int x = 0; x < r->w; x++)
            b->ops[b->nops++] = (ShapeOp){(int16_t)(r->x + x - b->rec_x),
                                          (int16_t)(r->y + y - b->rec_y), (uint8_t)a};
}

/* Blends the n pixels ops of a shape in colour c, its first point at
 * (x, y), within the clip: each as SDL blends a translucent fill or a
 * triangle there (px_blend_rects, px_triangle: the same arithmetic),
 * the colour premultiplied by the pixel's alpha a, then each channel
 * d * (255 - a) / 255 plus it, alpha d * (255 - a) / 255 + a. */
static void px_ops(RenderSdl *b, const ShapeOp *ops, int32_t n, int x, int y, RenderColor c)
{
    int cx0 = b->clip.x, cy0 = b->clip.y, cx1 = cx0 + b->clip.w, cy1 = cy0 + b->clip.h;
    size_t pitch = (size_t)b->pitch;
    /* the last blend (pixel and alpha) and its value: the inside of a
     * shape over one background blends alike */
    Uint32 last_d = 0, last_a = 256, last_v = 0;
    px_sync(b);
    for (int32_t i = 0; i < n; i++) {
        int px = x + ops[i].dx, py = y + ops[i].dy;
        if (px < cx0 || px >= cx1 || py < cy0 || py >= cy1)
            continue;
        Uint32 *p = b->px + (size_t)py * pitch + (size_t)px, a = ops[i].a, d = *p;
        if (a == 255) {
            *p = 0xff000000u | (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b;
            continue;
        }
        if (d != last_d || a != last_a) {
            Uint32 na = 255 - a;
            last_d = d;
            last_a = a;
            last_v = (a + na * (d >> 24) / 255) << 24 |
                     (c.r * a / 255 + na * ((d >> 16) & 255) / 255) << 16 |
                     (c.g * a / 255 + na * ((d >> 8) & 255) / 255) << 8 |
                     (c.b * a / 255 + na * (d & 255) / 255);
        }
        *p = last_v;
    }
}

/* Fills rect r (within the target) with the pixel value v. */
static void px_fill(RenderSdl *b, const SDL_Rect *r, Uint32 v)
{
    /* locals: the stores cannot change them, so the loop is vectorised */
    int w = r->w, h = r->h;
    size_t pitch = (size_t)b->pitch;
    Uint32 *row = b->px + (size_t)r->y * pitch + r->x;
    for (int y = 0; y < h; y++, row += pitch)
        for (int x = 0; x < w; x++)
            row[x] = v;
}

/* SDL_RenderFillRects of n opaque rects in colour c, within the clip. */
static void px_fill_rects(RenderSdl *b, const SDL_Rect *rects, int n, RenderColor c)
{
    Uint32 v = (Uint32)c.a << 24 | (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b;
    px_sync(b);
    for (int i = 0; i < n; i++) {
        SDL_Rect r;
        if (!SDL_IntersectRect(&rects[i], &b->clip, &r))
            continue;
        if (b->rec)
            rec_rect(b, &r, 255);
        else
            px_fill(b, &r, v);
    }
}

/* Blends the ARGB8888 surface s onto the target with its top left corner
 * at (x, y), within the clip: SDL's blit of a texture with per-pixel
 * alpha onto ARGB8888 (BlitRGBtoRGBPixelAlphaMMX in SDL_blit_A.c):
 * transparent pixels left, opaque ones copied, the others
 * (s * a >> 8) + (d * (255 - a) >> 8) in each colour, alpha
 * (a * 255 >> 8) + (d * (255 - a) >> 8). */
static void px_blend(RenderSdl *b, const SDL_Surface *s, int x, int y)
{
    SDL_Rect to = {x, y, s->w, s->h}, r;
    if (!SDL_IntersectRect(&to, &b->clip, &r))
        return;
    px_sync(b);
    const Uint8 *src = (const Uint8 *)s->pixels + (size_t)(r.y - y) * (size_t)s->pitch;
    Uint32 *row = b->px + (size_t)r.y * (size_t)b->pitch + r.x;
    for (int j = 0; j < r.h; j++, src += s->pitch, row += b->pitch) {
        const Uint32 *sp = (const Uint32 *)src + (r.x - x);
        for (int i = 0; i < r.w; i++) {
            Uint32 p = sp[i], a = p >> 24;
            if (a == 0)
                continue;
            if (a == 255) {
                row[i] = p;
                continue;
            }
            Uint32 d = row[i], na = 255 - a;
            Uint32 ra = (a * 255 >> 8) + ((d >> 24) * na >> 8);
            Uint32 rr = (((p >> 16) & 255) * a >> 8) + (((d >> 16) & 255) * na >> 8);
            Uint32 rg = (((p >> 8) & 255) * a >> 8) + (((d >> 8) & 255) * na >> 8);
            Uint32 rb = ((p & 255) * a >> 8) + ((d & 255) * na >> 8);
            row[i] = ra << 24 | rr << 16 | rg << 8 | rb;
        }
    }
}

/* SDL's copy of a corner texture (white, the coverage `cover` in alpha,
 * w x h pixels) tinted by c onto the target at `to`, within the clip.
 * Untinted and opaque, it is the blit of px_blend; tinted, SDL's generic
 * blit (SDL_Blit_ARGB8888_ARGB8888_Modulate_Blend in SDL_blit_auto.c):
 * the texel's colour 255 * c / 255 = c, its alpha A * c.a / 255, the
 * colour premultiplied (c * A / 255) unless A is 255, then each channel
 * and alpha s + (255 - A) * d / 255. */
static void px_corner(RenderSdl *b, const Uint8 *cover, int w, const SDL_Rect *to, RenderColor c)
{
    SDL_Rect r;
    if (!SDL_IntersectRect(to, &b->clip, &r))
        return;
    px_sync(b);
    int tinted = (c.r & c.g & c.b) != 255 || c.a != 255;
    const Uint8 *src = cover + (size_t)(r.y - to->y) * (size_t)w + (r.x - to->x);
    Uint32 *row = b->px + (size_t)r.y * (size_t)b->pitch + r.x;
    for (int j = 0; j < r.h; j++, src += w, row += b->pitch)
        for (int i = 0; i < r.w; i++) {
            Uint32 a = src[i], d = row[i];
            if (!tinted) {
                if (a == 0)
                    continue;
                if (a == 255) {
                    row[i] = 0xffffffffu;
                    continue;
                }
                Uint32 na = 255 - a, v = 255 * a >> 8;
                row[i] = (v + ((d >> 24) * na >> 8)) << 24 |
                         (v + (((d >> 16) & 255) * na >> 8)) << 16 |
                         (v + (((d >> 8) & 255) * na >> 8)) << 8 | (v + ((d & 255) * na >> 8));
                continue;
            }
            Uint32 sa = a * c.a / 255, sr = c.r, sg = c.g, sb = c.b;
            if (sa < 255) {
                sr = sr * sa / 255;
                sg = sg * sa / 255;
                sb = sb * sa / 255;
            }
            Uint32 na = 255 - sa;
            row[i] = (sa + na * (d >> 24) / 255) << 24 | (sr + na * ((d >> 16) & 255) / 255) << 16 |
                     (sg + na * ((d >> 8) & 255) / 255) << 8 | (sb + na * (d & 255) / 255);
        }
}

/* SDL_BlendFillRects of n rects in the translucent colour c, within the
 * clip (SDL_blendfillrect.c, SDL_draw.h): the colour premultiplied,
 * v * c.a / 255, then each channel d * (255 - c.a) / 255 plus it, alpha
 * d * (255 - c.a) / 255 + c.a. */
static void px_blend_rects(RenderSdl *b, const SDL_Rect *rects, int n, RenderColor c)
{
    Uint32 a = c.a, na = 255 - a;
    Uint32 pr = c.r * a / 255, pg = c.g * a / 255, pb = c.b * a / 255;
    size_t pitch = (size_t)b->pitch;
    px_sync(b);
    for (int i = 0; i < n; i++) {
        SDL_Rect r;
        if (!SDL_IntersectRect(&rects[i], &b->clip, &r))
            continue;
        if (b->rec) {
            rec_rect(b, &r, a);
            continue;
        }
        int w = r.w, h = r.h;
        Uint32 *row = b->px + (size_t)r.y * pitch + r.x;
        /* the last pixel blended and what it became: a run of one value
         * (the heap's background under a block) costs a compare a pixel */
        Uint32 last = ~row[0], was = 0;
        for (int y = 0; y < h; y++, row += pitch)
            for (int x = 0; x < w; x++) {
                Uint32 d = row[x];
                if (d != last) {
                    last = d;
                    was = ((d >> 24) * na / 255 + a) << 24 |
                          (((d >> 16) & 255) * na / 255 + pr) << 16 |
                          (((d >> 8) & 255) * na / 255 + pg) << 8 | ((d & 255) * na / 255 + pb);
                }
                row[x] = was;
            }
    }
}

static int64_t floor_div(int64_t a, int64_t d);
static int32_t trunc_px(float v);
static int top_left(int64_t ax, int64_t ay, int64_t bx, int64_t by, int clockwise);

/* The quotient num / d and what is left, stepped along a row by dq, dr
 * (num >= 0 all along it): exactly the truncated division at every
 * step without dividing. */
typedef struct Step {
    int64_t q, r, dq, dr, d;
} Step;

static Step step_new(int64_t num, int64_t dnum, int64_t d)
{
    Step s = {num / d, num % d, floor_div(dnum, d), 0, d};
    s.dr = dnum - s.dq * d;
    return s;
}

static void step_next(Step *s)
{
    s->q += s->dq;
    s->r += s->dr;
    if (s->r >= s->d) {
        s->r -= s->d;
        s->q++;
    }
}

/* Coordinates within which px_triangle's arithmetic is SDL's exactly (its
 * ints cannot overflow); a triangle reaching further goes through SDL. */
#define TRI_MAX 4096

/* One triangle of the batch, blended as SDL's software renderer blends a
 * triangle of the one white pixel (white_texture) tinted by its vertex
 * colours (SDL_SW_BlitTriangle and SDL_BlitTriangle_Slow, SDL_triangle.c):
 * vertices truncated to whole pixels, in units of half a pixel; the pixels
 * of its bounding box (without its last column and row) within the clip
 * whose centres pass the three edge functions under the top-left rule;
 * at each, the vertex colours weighted by the edge functions and divided
 * by the doubled area (truncated), premultiplied by their alpha and
 * blended as px_blend_rects does.  Only each row's run of inside pixels is
 * visited, and the divisions are stepped (Step).  Returns -1 (nothing
 * drawn) for a triangle beyond TRI_MAX. */
static int px_triangle(RenderSdl *b, const SDL_Vertex *v0, const SDL_Vertex *v1,
                       const SDL_Vertex *v2)
{
    const SDL_Vertex *v[3] = {v0, v1, v2};
    int64_t X[3], Y[3];
    for (int k = 0; k < 3; k++) {
        int32_t x = trunc_px(v[k]->position.x), y = trunc_px(v[k]->position.y);
        if (x < -TRI_MAX || x > TRI_MAX || y < -TRI_MAX || y > TRI_MAX)
            return -1;
        X[k] = 2 * (int64_t)x;
        Y[k] = 2 * (int64_t)y;
    }
    int64_t area = (X[1] - X[0]) * (Y[2] - Y[0]) - (Y[1] - Y[0]) * (X[2] - X[0]);
    if (area == 0)
        return 0;
    int64_t x0 = X[0], x1 = X[0], y0 = Y[0], y1 = Y[0];
    for (int k = 1; k < 3; k++) {
        x0 = X[k] < x0 ? X[k] : x0;
        x1 = X[k] > x1 ? X[k] : x1;
        y0 = Y[k] < y0 ? Y[k] : y0;
        y1 = Y[k] > y1 ? Y[k] : y1;
    }
    SDL_Rect box = {(int)(x0 / 2), (int)(y0 / 2), (int)((x1 - x0) / 2), (int)((y1 - y0) / 2)}, r;
    if (!SDL_IntersectRect(&box, &b->clip, &r))
        return 0;
    int cw = area > 0;
    int64_t A = cw ? area : -area, sg = cw ? 1 : -1;
    /* edge k runs from vertex k+1 to k+2; its function at the first
     * pixel centre and its steps along x and y */
    int64_t w[3], sx[3], sy[3], bias[3];
    int64_t px = 2 * (int64_t)r.x + 1, py = 2 * (int64_t)r.y + 1;
    for (int k = 0; k < 3; k++) {
        int i = (k + 1) % 3, j = (k + 2) % 3;
        w[k] = sg * ((X[j] - X[i]) * (py - Y[i]) - (Y[j] - Y[i]) * (px - X[i]));
        sx[k] = sg * 2 * (Y[i] - Y[j]);
        sy[k] = sg * 2 * (X[j] - X[i]);
        bias[k] = top_left(X[i], Y[i], X[j], Y[j], cw) ? 0 : -1;
    }
    SDL_Color c[3] = {v0->color, v1->color, v2->color};
    if (c[0].a == 0 && c[1].a == 0 && c[2].a == 0)
        return 0; /* blending nothing leaves every pixel as it was */
    int flat = c[0].r == c[1].r && c[1].r == c[2].r && c[0].g == c[1].g && c[1].g == c[2].g &&
               c[0].b == c[1].b && c[1].b == c[2].b;
    if (b->rec && (!flat || c[0].r != b->rec_color.r || c[0].g != b->rec_color.g ||
                   c[0].b != b->rec_color.b)) {
        b->rec_fail = 1; /* a shape's pixels are recorded in its one colour */
        return 0;
    }
    px_sync(b);
    size_t pitch = (size_t)b->pitch;
    Uint32 *row = b->rec ? NULL : b->px + (size_t)r.y * pitch + r.x;
    for (int yy = 0; yy < r.h; yy++, row = row ? row + pitch : NULL) {
        /* the run of x where every w[k] + x sx[k] + bias[k] >= 0 */
        int64_t lo = 0, hi = r.w - 1;
        for (int k = 0; k < 3 && lo <= hi; k++) {
            int64_t e = w[k] + bias[k];
            if (sx[k] > 0) {
                int64_t m = -floor_div(e, sx[k]); /* ceil(-e / sx) */
                lo = m > lo ? m : lo;
            } else if (sx[k] < 0) {
                int64_t m = floor_div(e, -sx[k]);
                hi = m < hi ? m : hi;
            } else if (e < 0) {
                hi = -1;
            }
        }
        if (lo <= hi) {
            int64_t wl[3];
            for (int k = 0; k < 3; k++)
                wl[k] = w[k] + lo * sx[k];
            Step sa = step_new(wl[0] * c[0].a + wl[1] * c[1].a + wl[2] * c[2].a,
                               sx[0] * c[0].a + sx[1] * c[1].a + sx[2] * c[2].a, A);
            for (int64_t x = lo; x <= hi; x++) {
                Uint32 sr = c[0].r, sgr = c[0].g, sb = c[0].b, a = (Uint32)sa.q;
                if (!flat) {
                    int64_t q0 = wl[0] + (x - lo) * sx[0], q1 = wl[1] + (x - lo) * sx[1],
                            q2 = wl[2] + (x - lo) * sx[2];
                    sr = (Uint32)((q0 * c[0].r + q1 * c[1].r + q2 * c[2].r) / A);
                    sgr = (Uint32)((q0 * c[0].g + q1 * c[1].g + q2 * c[2].g) / A);
                    sb = (Uint32)((q0 * c[0].b + q1 * c[1].b + q2 * c[2].b) / A);
                }
                step_next(&sa);
                if (b->rec) {
                    rec_op(b, r.x + (int)x, r.y + yy, a);
                    continue;
                }
                if (a < 255) {
                    sr = sr * a / 255;
                    sgr = sgr * a / 255;
                    sb = sb * a / 255;
                }
                Uint32 d = row[x], na = 255 - a;
                row[x] = (a + na * (d >> 24) / 255) << 24 |
                         (sr + na * ((d >> 16) & 255) / 255) << 16 |
                         (sgr + na * ((d >> 8) & 255) / 255) << 8 | (sb + na * (d & 255) / 255);
            }
        }
        for (int k = 0; k < 3; k++)
            w[k] += sy[k];
    }
    return 0;
}

/* The pixels of r (inside the target) as ARGB8888 into buf. */
static int read_px(RenderSdl *b, const SDL_Rect *r, Uint32 *buf)
{
    if (b->px) {
        px_sync(b);
        const Uint32 *row = b->px + (size_t)r->y * (size_t)b->pitch + r->x;
        for (int y = 0; y < r->h; y++, row += b->pitch)
            memcpy(buf + (size_t)y * (size_t)r->w, row, (size_t)r->w * 4);
        return 0;
    }
    return SDL_RenderReadPixels(b->r, r, SDL_PIXELFORMAT_ARGB8888, buf, r->w * 4);
}

/* Replaces the pixels of r (inside the target) with buf's (ARGB8888). */
static void write_px(RenderSdl *b, const SDL_Rect *r, const Uint32 *buf)
{
    px_sync(b);
    Uint32 *row = b->px + (size_t)r->y * (size_t)b->pitch + r->x;
    for (int y = 0; y < r->h; y++, row += b->pitch)
        memcpy(row, buf + (size_t)y * (size_t)r->w, (size_t)r->w * 4);
}

/* ---- geometry batching ---------------------------------------------------- */

static int reserve(RenderSdl *b, int nv, int ni)
{
    if (GC_VEC_RESERVE(b->v, b->nv + nv, b->capv, 4096, realloc) < 0 ||
        GC_VEC_RESERVE(b->idx, b->ni + ni, b->capi, 8192, realloc) < 0)
        return -1;
    return 0;
}

/* At most one of the two batches (triangles, row runs) holds anything:
 * adding to one flushes the other, so the painter's order is kept. */
/* With a texture, the software renderer blends each triangle straight into
 * the target; without one it goes through a temporary surface per
 * triangle.  So on that renderer the triangles are textured with one white
 * pixel (the vertex colours tint it). */
static SDL_Texture *white_texture(RenderSdl *b)
{
    if (!b->white) {
        b->white = SDL_CreateTexture(b->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, 1, 1);
        if (b->white) {
            Uint32 px = 0xFFFFFFFFu;
            SDL_UpdateTexture(b->white, NULL, &px, 4);
            SDL_SetTextureBlendMode(b->white, SDL_BLENDMODE_BLEND);
        }
    }
    return b->white;
}

static void flush_geometry(RenderSdl *b)
{
    if (b->ni > 0 && b->px) {
        /* triangle by triangle, those beyond TRI_MAX through SDL in turn */
        for (int t = 0; t + 2 < b->ni; t += 3) {
            const SDL_Vertex *q[3] = {&b->v[b->idx[t]], &b->v[b->idx[t + 1]], &b->v[b->idx[t + 2]]};
            if (px_triangle(b, q[0], q[1], q[2]) == 0)
                continue;
            if (b->rec) {
                b->rec_fail = 1;
                continue;
            }
            SDL_Vertex one[3] = {*q[0], *q[1], *q[2]};
            SDL_SetRenderDrawBlendMode(b->r, SDL_BLENDMODE_BLEND);
            if (SDL_RenderGeometry(b->r, white_texture(b), one, 3, NULL, 0) < 0)
                b->failed = 1;
        }
        b->nv = b->ni = 0;
        return;
    }
    if (b->ni > 0) {
        SDL_SetRenderDrawBlendMode(b->r, SDL_BLENDMODE_BLEND);
        SDL_Texture *tex = b->snap ? white_texture(b) : NULL;
        if (SDL_RenderGeometry(b->r, tex, b->v, b->nv, b->idx, b->ni) < 0)
            b->failed = 1;
    }
    b->nv = b->ni = 0;
}

/* The value SDL's blend of colour c leaves on a pixel that was `under`
 * (ARGB8888 as read back), found by blending c into the pixel at (x, y),
 * which is `under` now, and reading it; remembered, as it depends on
 * nothing else.  Returns 0, or -1 when SDL failed (then nothing was
 * drawn, or the pixel holds the blend as a fill would leave it). */
static int blend_of(RenderSdl *b, Uint32 under, RenderColor c, int x, int y, Uint32 *over)
{
    for (int i = 0; i < b->nmemo; i++)
        if (b->memo[i].under == under && memcmp(&b->memo[i].c, &c, sizeof c) == 0) {
            *over = b->memo[i].over;
            return 0;
        }
    SDL_Rect one = {x, y, 1, 1};
    SDL_SetRenderDrawBlendMode(b->r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(b->r, c.r, c.g, c.b, c.a);
    if (SDL_RenderFillRect(b->r, &one) < 0 || read_px(b, &one, over) < 0)
        return -1;
    BlendMemo *m = &b->memo[b->nmemo < BLEND_MEMO ? b->nmemo++ : (int)(under % BLEND_MEMO)];
    *m = (BlendMemo){under, *over, c};
    return 0;
}

/* Snap only: the translucent fill of rect r in colour c where every pixel
 * under it (within the clip) is one value: there blending gives one value
 * too, so the rect is filled with that value, opaque (a plain fill costs a
 * fraction of a blend).  Returns 1 when done so, 0 when the pixels differ
 * (nothing drawn), -1 on failure. */
static int flat_fill(RenderSdl *b, const SDL_Rect *r, RenderColor c)
{
    SDL_Rect v;
    if (!SDL_IntersectRect(r, &b->clip, &v))
        return 1; /* nothing of it is drawn */
    size_t npx = (size_t)v.w * (size_t)v.h;
    if (npx < FLAT_MIN_PX)
        return 0;
    /* its first row, then all of it (a dimmed screen over text costs a
     * row, not a read of every pixel) */
    SDL_Rect row = {v.x, v.y, v.w, 1};
    if (GC_VEC_RESERVE(b->flat, (int32_t)npx, b->capflat, 4096, realloc) < 0 ||
        read_px(b, &row, b->flat) < 0)
        return 0;
    Uint32 p = b->flat[0];
    for (int i = 1; i < v.w; i++)
        if (b->flat[i] != p)
            return 0;
    if (read_px(b, &v, b->flat) < 0)
        return 0;
    for (size_t i = (size_t)v.w; i < npx; i++)
        if (b->flat[i] != p)
            return 0;
    Uint32 q;
    if (blend_of(b, p, c, v.x, v.y, &q) < 0)
        return -1;
    if (b->px) {
        px_sync(b);
        px_fill(b, &v, q);
        return 1;
    }
    SDL_SetRenderDrawBlendMode(b->r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(b->r, (Uint8)(q >> 16), (Uint8)(q >> 8), (Uint8)q, (Uint8)(q >> 24));
    return SDL_RenderFillRect(b->r, &v) < 0 ? -1 : 1;
}

/* n translucent rects of colour c, blended. */
static void blend_rects(RenderSdl *b, const SDL_Rect *rects, int n, RenderColor c)
{
    if (b->px) {
        px_blend_rects(b, rects, n, c);
        return;
    }
    SDL_SetRenderDrawBlendMode(b->r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(b->r, c.r, c.g, c.b, c.a);
    if (SDL_RenderFillRects(b->r, rects, n) < 0)
        b->failed = 1;
}

/* Snap only: the pending translucent row runs, in order: those over one
 * pixel value as opaque fills (flat_fill), runs of the others blended. */
static void flush_translucent(RenderSdl *b, RenderColor c)
{
    int from = 0; /* first run not drawn yet */
    for (int i = 0; i <= b->nrects; i++) {
        int flat = 0;
        if (i < b->nrects && (long)b->rects[i].w * b->rects[i].h >= FLAT_MIN_PX) {
            if (i > from) {
                blend_rects(b, b->rects + from, i - from, c);
                from = i;
            }
            flat = flat_fill(b, &b->rects[i], c);
            if (flat < 0)
                b->failed = 1;
        }
        if (flat != 0) {
            from = i + 1;
        } else if (i == b->nrects && i > from) {
            blend_rects(b, b->rects + from, i - from, c);
        }
    }
}

static void flush_rects(RenderSdl *b)
{
    if (b->nrects > 0) {
        RenderColor c = b->rect_color;
        if (b->rec) { /* its pixels, not what lies under them (flat_fill) */
            if (c.a < 255)
                px_blend_rects(b, b->rects, b->nrects, c);
            else
                px_fill_rects(b, b->rects, b->nrects, c);
            b->nrects = 0;
            return;
        }
        /* written directly, a translucent run over one value costs a
         * compare a pixel (px_blend_rects): no need to look under it */
        if (b->px && c.a < 255) {
            px_blend_rects(b, b->rects, b->nrects, c);
            b->nrects = 0;
            return;
        }
        if (b->snap && c.a < 255) {
            flush_translucent(b, c);
            b->nrects = 0;
            return;
        }
        /* opaque runs are plain fills, much cheaper than blending */
        if (b->px && c.a == 255) {
            px_fill_rects(b, b->rects, b->nrects, c);
            b->nrects = 0;
            return;
        }
        SDL_SetRenderDrawBlendMode(b->r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(b->r, c.r, c.g, c.b, c.a);
        if (SDL_RenderFillRects(b->r, b->rects, b->nrects) < 0)
            b->failed = 1;
    }
    b->nrects = 0;
}

static void flush(RenderSdl *b)
{
    flush_rects(b);
    flush_geometry(b);
}

/* Room for nv vertices and ni indices in the triangle batch. */
static int reserve_geometry(RenderSdl *b, int nv, int ni)
{
    flush_rects(b);
    return reserve(b, nv, ni);
}

static void push_rect(RenderSdl *b, int x, int y, int w, int h, RenderColor c)
{
    if (w <= 0 || h <= 0)
        return; /* SDL would fill an empty rect as a line */
    flush_geometry(b);
    if (b->nrects > 0 && memcmp(&b->rect_color, &c, sizeof c) != 0)
        flush_rects(b);
    if (GC_VEC_ROOM(b->rects, b->nrects, b->caprects, 256, realloc) < 0) {
        b->failed = 1;
        return;
    }
    b->rect_color = c;
    b->rects[b->nrects++] = (SDL_Rect){x, y, w, h};
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

/* ---- snap: the inside of a convex polygon as row runs ---------------------- */

/* What SDL's software renderer does to a vertex coordinate: (int) truncation
 * (clamped here so that far-away points cannot overflow). */
static int32_t trunc_px(float v)
{
    if (v > 1e8f)
        return 100000000;
    if (v < -1e8f)
        return -100000000;
    return (int32_t)v;
}

static int64_t floor_div(int64_t a, int64_t d) /* d > 0 */
{
    int64_t q = a / d;
    return (a % d != 0 && a < 0) ? q - 1 : q;
}

/* SDL's top-left rule for the edge a->b of a triangle of the given winding. */
static int top_left(int64_t ax, int64_t ay, int64_t bx, int64_t by, int clockwise)
{
    if (clockwise)
        return (ay == by && ax < bx) || by < ay;
    return (ay == by && bx < ax) || ay < by;
}

typedef struct IPt {
    int64_t x, y;
} IPt;

static int cmp_ipt(const void *a, const void *b)
{
    const IPt *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    return (p->y > q->y) - (p->y < q->y);
}

static int64_t cross3(IPt o, IPt a, IPt b)
{
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/* Convex hull of pts (sorted in place), written to out; returns its size. */
static int hull(IPt *pts, int n, IPt *out)
{
    if (n <= 16) { /* a quad or a corner: insertion sort, a fraction of qsort's calls */
        for (int i = 1; i < n; i++) {
            IPt v = pts[i];
            int j = i;
            for (; j > 0 && cmp_ipt(&pts[j - 1], &v) > 0; j--)
                pts[j] = pts[j - 1];
            pts[j] = v;
        }
    } else {
        qsort(pts, (size_t)n, sizeof *pts, cmp_ipt);
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
        while (k >= 2 && cross3(out[k - 2], out[k - 1], pts[i]) <= 0)
            k--;
        out[k++] = pts[i];
    }
    for (int i = n - 2, lower = k + 1; i >= 0; i--) {
        while (k >= lower && cross3(out[k - 2], out[k - 1], pts[i]) <= 0)
            k--;
        out[k++] = pts[i];
    }
    return k > 1 ? k - 1 : k;
}

/* A convex polygon as SDL's software renderer sees it: the hull of its
 * points truncated to whole pixels, in SDL's units of half a pixel
 * (vertices even, pixel centres odd).  Truncation can fold a convex path
 * slightly (a pill's ends); a fan of triangles then covers the fold
 * anyway, so the hull is what gets filled. */
typedef struct SnapPoly {
    IPt v[MAX_FILL_PTS + 1];
    int n;
    int clockwise;          /* SDL's "clockwise": cross(d0, d1, d2) > 0 */
    int64_t ymin, ymax;
} SnapPoly;

static int snap_poly(SnapPoly *sp, const RenderPt *p, int n)
{
    IPt pts[MAX_FILL_PTS];
    for (int i = 0; i < n; i++)
        pts[i] = (IPt){2 * (int64_t)trunc_px(p[i].x), 2 * (int64_t)trunc_px(p[i].y)};
    sp->n = hull(pts, n, sp->v);
    if (sp->n < 3)
        return -1;
    int64_t area = 0;
    sp->ymin = INT64_MAX;
    sp->ymax = INT64_MIN;
    for (int i = 0; i < sp->n; i++) {
        IPt a = sp->v[i], q = sp->v[(i + 1) % sp->n];
        area += a.x * q.y - q.x * a.y; /* the sign of SDL's cross product */
        sp->ymin = a.y < sp->ymin ? a.y : sp->ymin;
        sp->ymax = a.y > sp->ymax ? a.y : sp->ymax;
    }
    sp->clockwise = area > 0;
    return area == 0 ? -1 : 0;
}

/* The pixels of rows y0..y1-1 that SDL would cover with a fan over sp,
 * under its top-left rule: lo[r]..hi[r] (inclusive; empty when lo > hi). */
static void snap_rows(const SnapPoly *sp, int y0, int y1, int *lo, int *hi)
{
    int nrows = y1 - y0;
    for (int r = 0; r < nrows; r++) {
        lo[r] = INT32_MIN;
        hi[r] = INT32_MAX;
    }
    int64_t s = sp->clockwise ? 1 : -1;
    /* a convex polygon's row is bounded by the two edges crossing it; an
     * edge's half-plane holds the polygon's other rows anyway */
    for (int i = 0; i < sp->n; i++) {
        int64_t ax = sp->v[i].x, ay = sp->v[i].y;
        int64_t bx = sp->v[(i + 1) % sp->n].x, by = sp->v[(i + 1) % sp->n].y;
        if (ay == by)
            continue;
        int64_t t = top_left(ax, ay, bx, by, sp->clockwise) ? 0 : 1;
        int64_t d = s * (by - ay);
        /* rows whose centre 2y+1 lies between the ends */
        int64_t ey0 = (ay < by ? ay : by) / 2, ey1 = (ay < by ? by : ay) / 2;
        if (ey0 < y0)
            ey0 = y0;
        if (ey1 > y1)
            ey1 = y1;
        for (int64_t y = ey0; y < ey1; y++) {
            /* inside: s * cross(a, b, P) >= t at P = (2x + 1, 2y + 1), that
             * is cc - 2 d x >= t */
            int64_t cc = s * (bx - ax) * (2 * y + 1 - ay) - d * (1 - ax);
            int r = (int)(y - y0);
            if (d > 0) {
                int64_t x = floor_div(cc - t, 2 * d);
                if (x < hi[r])
                    hi[r] = (int)(x <= INT32_MIN ? INT32_MIN + 1 : x);
            } else {
                int64_t x = -floor_div(cc - t, -2 * d); /* ceil((t - cc) / (-2 d)) */
                if (x > lo[r])
                    lo[r] = (int)(x >= INT32_MAX ? INT32_MAX - 1 : x);
            }
        }
    }
    for (int r = 0; r < nrows; r++) /* rows outside the polygon */
        if (lo[r] == INT32_MIN || hi[r] == INT32_MAX) {
            lo[r] = 1;
            hi[r] = 0;
        }
}

static int *row_buffer(RenderSdl *b, int n)
{
    if (n > b->caprows) {
        int *r = realloc(b->rows, (size_t)n * sizeof *r);
        if (!r) {
            b->failed = 1;
            return NULL;
        }
        b->rows = r;
        b->caprows = n;
    }
    return b->rows;
}

/* fill_spans of the quad q when its points fall on the four corners of a
 * rect of whole pixels (a dash along a card's side, a straight piece of an
 * arrow): the pixel centres inside are its columns x0..x1-1 and rows
 * y0..y1-1 whatever the top-left rule says (none lies on an edge), so the
 * rect, clipped, is the one run fill_spans would give.  Returns 0 when q is
 * not such a rect (nothing drawn). */
static int fill_rect_spans(RenderSdl *b, const RenderPt *q, RenderColor c)
{
    int32_t x[4], y[4];
    for (int i = 0; i < 4; i++) {
        x[i] = trunc_px(q[i].x);
        y[i] = trunc_px(q[i].y);
    }
    int32_t x0 = x[0], x1 = x[0], y0 = y[0], y1 = y[0];
    for (int i = 1; i < 4; i++) {
        x0 = x[i] < x0 ? x[i] : x0;
        x1 = x[i] > x1 ? x[i] : x1;
        y0 = y[i] < y0 ? y[i] : y0;
        y1 = y[i] > y1 ? y[i] : y1;
    }
    if (x0 == x1 || y0 == y1)
        return 0;
    int corners = 0;
    for (int i = 0; i < 4; i++) {
        if ((x[i] != x0 && x[i] != x1) || (y[i] != y0 && y[i] != y1))
            return 0;
        corners |= 1 << ((x[i] == x1) + 2 * (y[i] == y1));
    }
    if (corners != 15)
        return 0;
    int64_t r0 = y0 > b->clip.y ? y0 : b->clip.y;
    int64_t r1 = (int64_t)b->clip.y + b->clip.h;
    r1 = y1 < r1 ? y1 : r1;
    int cx0 = b->clip.x, cx1 = b->clip.x + b->clip.w - 1;
    int lo = x0 < cx0 ? cx0 : x0, hi = x1 - 1 > cx1 ? cx1 : x1 - 1;
    if (r0 < r1 && lo <= hi)
        push_rect(b, lo, (int)r0, hi - lo + 1, (int)(r1 - r0), c);
    return 1;
}

/* Fills the pixels of polygon `in` that are not in polygon `hole` (may be
 * NULL), both convex, as runs of rows: exactly the pixels SDL's software
 * renderer would cover with a fan over `in` and not with one over `hole`. */
static void fill_spans(RenderSdl *b, const RenderPt *in, int n, const RenderPt *hole, int nh,
                       RenderColor c)
{
    if (!hole && n == 4 && fill_rect_spans(b, in, c))
        return;
    SnapPoly outer, inner;
    if (snap_poly(&outer, in, n) < 0)
        return;
    int has_hole = hole && snap_poly(&inner, hole, nh) == 0;
    int64_t y0 = outer.ymin / 2, y1 = outer.ymax / 2; /* rows [y0, y1) */
    if (y0 < b->clip.y)
        y0 = b->clip.y;
    if (y1 > (int64_t)b->clip.y + b->clip.h)
        y1 = (int64_t)b->clip.y + b->clip.h;
    if (y0 >= y1)
        return;
    int nrows = (int)(y1 - y0);
    int *lo = row_buffer(b, 4 * nrows);
    if (!lo)
        return;
    int *hi = lo + nrows, *hlo = lo + 2 * nrows, *hhi = lo + 3 * nrows;
    snap_rows(&outer, (int)y0, (int)y1, lo, hi);
    if (has_hole)
        snap_rows(&inner, (int)y0, (int)y1, hlo, hhi);
    int cx0 = b->clip.x, cx1 = b->clip.x + b->clip.w - 1;
    for (int r = 0; r < nrows; r++) {
        /* the row becomes up to two runs: [lo, hi] and [hlo, hhi] */
        int l = lo[r] < cx0 ? cx0 : lo[r], h = hi[r] > cx1 ? cx1 : hi[r];
        int l2 = 1, h2 = 0;
        if (has_hole && hlo[r] <= hhi[r] && hlo[r] <= h && hhi[r] >= l) {
            l2 = hhi[r] + 1;
            h2 = h;
            h = hlo[r] - 1;
        }
        lo[r] = l;
        hi[r] = h;
        hlo[r] = l2;
        hhi[r] = h2;
    }
    /* rows with the same runs become rects */
    int start = 0;
    for (int r = 1; r <= nrows; r++) {
        if (r < nrows && lo[r] == lo[start] && hi[r] == hi[start] && hlo[r] == hlo[start] &&
            hhi[r] == hhi[start])
            continue;
        if (lo[start] <= hi[start])
            push_rect(b, lo[start], (int)y0 + start, hi[start] - lo[start] + 1, r - start, c);
        if (hlo[start] <= hhi[start])
            push_rect(b, hlo[start], (int)y0 + start, hhi[start] - hlo[start] + 1, r - start, c);
        start = r;
    }
}

/* Copies the closed path p into out, cutting every edge that is long in
 * both directions into pieces of at most PIECE pixels across, so that no
 * triangle built on it has a big bounding box.  Returns the new count. */
static int cut_long_edges(const RenderPt *p, int n, RenderPt *out, int max)
{
    int m = 0;
    for (int i = 0; i < n && m < max; i++) {
        const RenderPt *a = &p[i], *q = &p[(i + 1) % n];
        out[m++] = *a;
        float dx = fabsf(q->x - a->x), dy = fabsf(q->y - a->y);
        float across = dx < dy ? dx : dy;
        if (across <= PIECE)
            continue;
        int k = (int)ceilf(across / PIECE);
        for (int j = 1; j < k && m < max - (n - i); j++) {
            float t = (float)j / (float)k;
            out[m++] = (RenderPt){a->x + (q->x - a->x) * t, a->y + (q->y - a->y) * t};
        }
    }
    return m;
}

/* The offset directions of a closed path (either winding): at each point,
 * the outward normals of its two edges averaged and lengthened so that an
 * offset by h along them keeps every edge h away.  Returns 0, or -1 for a
 * path without area. */
static int miters(const RenderPt *p, int n, float *mx, float *my)
{
    float area = 0;
    for (int i = 0; i < n; i++) {
        const RenderPt *a = &p[i], *q = &p[(i + 1) % n];
        area += a->x * q->y - q->x * a->y;
    }
    if (fabsf(area) < 1e-4f)
        return -1;
    float sgn = area > 0 ? 1.0f : -1.0f; /* y down: positive area = clockwise on screen */
    float nx[MAX_FILL_PTS], ny[MAX_FILL_PTS];
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
        mx[i] = dx;
        my[i] = dy;
    }
    return 0;
}

/* The one-pixel fringe between the closed paths `in` (alpha c.a) and `out`
 * (alpha 0).  When snapping, a side that lands on one whole column or row
 * of pixels is a rect at the alpha SDL would sample there (half). */
/* Snap only: if in is an axis-aligned rect on whole pixels and out the
 * same rect one pixel larger all round (a rect with square corners, a
 * straight dash), SDL samples the whole one-pixel ring between them at
 * half alpha, the corners too (their centres lie on the diagonals):
 * draws it as four rects and returns 1. */
static int fringe_ring(RenderSdl *b, const RenderPt *in, const RenderPt *out, RenderColor c)
{
    int32_t ix0 = INT32_MAX, iy0 = INT32_MAX, ix1 = INT32_MIN, iy1 = INT32_MIN;
    for (int i = 0; i < 4; i++) {
        int32_t x = trunc_px(in[i].x), y = trunc_px(in[i].y);
        ix0 = x < ix0 ? x : ix0;
        ix1 = x > ix1 ? x : ix1;
        iy0 = y < iy0 ? y : iy0;
        iy1 = y > iy1 ? y : iy1;
    }
    int corners = 0;
    for (int i = 0; i < 4; i++) {
        int32_t x = trunc_px(in[i].x), y = trunc_px(in[i].y);
        int32_t ox = trunc_px(out[i].x), oy = trunc_px(out[i].y);
        if ((x != ix0 && x != ix1) || (y != iy0 && y != iy1) || ox != (x == ix0 ? ix0 - 1 : ix1 + 1) ||
            oy != (y == iy0 ? iy0 - 1 : iy1 + 1))
            return 0;
        corners |= 1 << ((x == ix1) + 2 * (y == iy1));
    }
    if (corners != 15 || ix0 == ix1 || iy0 == iy1)
        return 0;
    RenderColor half = c;
    half.a = (uint8_t)(c.a / 2);
    if (half.a == 0)
        return 1;
    push_rect(b, ix0 - 1, iy0 - 1, ix1 - ix0 + 2, 1, half);
    push_rect(b, ix0 - 1, iy1, ix1 - ix0 + 2, 1, half);
    push_rect(b, ix0 - 1, iy0, 1, iy1 - iy0, half);
    push_rect(b, ix1, iy0, 1, iy1 - iy0, half);
    return 1;
}

/* Whether every pixel the fringe quad i-j could touch is one the opaque
 * shape drawn next fills anyway (b->mask; snap only). */
static int masked(const RenderSdl *b, const RenderPt *in, const RenderPt *out, int i, int j)
{
    if (b->mask_n <= 0)
        return 0;
    int32_t x0 = INT32_MAX, y0 = INT32_MAX, x1 = INT32_MIN, y1 = INT32_MIN;
    const RenderPt *q[4] = {&in[i], &in[j], &out[i], &out[j]};
    for (int k = 0; k < 4; k++) {
        int32_t x = trunc_px(q[k]->x), y = trunc_px(q[k]->y);
        x0 = x < x0 ? x : x0;
        x1 = x > x1 ? x : x1;
        y0 = y < y0 ? y : y0;
        y1 = y > y1 ? y : y1;
    }
    if (y0 < b->mask_y0 || y1 >= b->mask_y0 + b->mask_n)
        return 0;
    const int *lo = b->mask, *hi = b->mask + b->mask_n;
    for (int32_t y = y0; y <= y1; y++) {
        int r = (int)(y - b->mask_y0);
        if (lo[r] > x0 || hi[r] < x1)
            return 0;
    }
    return 1;
}

/* Snap only: the fringe quad i0-i1 (alpha c.a) / o1-o0 (alpha 0), drawn
 * as the triangles (i0, i1, o1) and (i0, o1, o0), when it lies between two
 * neighbouring columns (or rows) of whole pixels: the sides i0-i1 and o0-o1
 * each on one column, a column apart, running the same way (a trapezoid, so
 * convex).  Every pixel centre it covers lies halfway between the two
 * columns, where SDL's interpolation gives exactly c.a / 2 (the weights of
 * the two sides are each half the area) and c's own colour: so it is drawn
 * as the rows of that trapezoid under SDL's top-left rule (fill_spans), at
 * half alpha, the same pixels blended by the same formula.  Returns 1 when
 * it applied. */
static int fringe_strip(RenderSdl *b, RenderPt i0, RenderPt i1, RenderPt o1, RenderPt o0,
                        RenderColor c)
{
    int32_t ix0 = trunc_px(i0.x), iy0 = trunc_px(i0.y), ix1 = trunc_px(i1.x), iy1 = trunc_px(i1.y);
    int32_t ox0 = trunc_px(o0.x), oy0 = trunc_px(o0.y), ox1 = trunc_px(o1.x), oy1 = trunc_px(o1.y);
    int32_t di, dout; /* the two sides along their column or row */
    if (ix0 == ix1 && ox0 == ox1 && (ox0 - ix0 == 1 || ix0 - ox0 == 1)) {
        di = iy1 - iy0;
        dout = oy1 - oy0;
    } else if (iy0 == iy1 && oy0 == oy1 && (oy0 - iy0 == 1 || iy0 - oy0 == 1)) {
        di = ix1 - ix0;
        dout = ox1 - ox0;
    } else {
        return 0;
    }
    if ((di > 0 && dout < 0) || (di < 0 && dout > 0))
        return 0; /* the sides run opposite ways: the triangles cross */
    RenderColor half = c;
    half.a = (uint8_t)(c.a / 2);
    if (half.a > 0 && (di != 0 || dout != 0)) {
        RenderPt q[4] = {i0, i1, o1, o0};
        fill_spans(b, q, 4, NULL, 0, half);
    }
    return 1;
}

/* Two fringe triangles: alpha c.a along i0-i1, 0 along o0-o1. */
static void fringe_quad(RenderSdl *b, RenderPt i0, RenderPt i1, RenderPt o1, RenderPt o0,
                        RenderColor c)
{
    if (fringe_strip(b, i0, i1, o1, o0, c))
        return;
    if (reserve_geometry(b, 4, 6) < 0) {
        b->failed = 1;
        return;
    }
    int v = b->nv;
    b->v[b->nv++] = vert(i0.x, i0.y, c, c.a);
    b->v[b->nv++] = vert(i1.x, i1.y, c, c.a);
    b->v[b->nv++] = vert(o1.x, o1.y, c, 0);
    b->v[b->nv++] = vert(o0.x, o0.y, c, 0);
    static const int k[6] = {0, 1, 2, 0, 2, 3};
    for (int j = 0; j < 6; j++)
        b->idx[b->ni++] = v + k[j];
}

static void fringe(RenderSdl *b, const RenderPt *in, const RenderPt *out, int n, RenderColor c)
{
    uint8_t side[MAX_FILL_PTS]; /* 1: drawn as a rect */
    int nquads = n;
    if (b->snap && n == 4 && fringe_ring(b, in, out, c))
        return;
    if (b->snap) {
        RenderColor half = c;
        half.a = (uint8_t)(c.a / 2);
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            int32_t ix0 = trunc_px(in[i].x), iy0 = trunc_px(in[i].y);
            int32_t ix1 = trunc_px(in[j].x), iy1 = trunc_px(in[j].y);
            int32_t ox0 = trunc_px(out[i].x), oy0 = trunc_px(out[i].y);
            int32_t ox1 = trunc_px(out[j].x), oy1 = trunc_px(out[j].y);
            side[i] = 0;
            if (ix0 == ix1 && ox0 == ox1 && iy0 == oy0 && iy1 == oy1 && abs(ox0 - ix0) == 1) {
                side[i] = 1; /* a column */
                if (iy0 != iy1 && half.a > 0)
                    push_rect(b, ix0 < ox0 ? ix0 : ox0, iy0 < iy1 ? iy0 : iy1, 1, abs(iy1 - iy0),
                              half);
            } else if (iy0 == iy1 && oy0 == oy1 && ix0 == ox0 && ix1 == ox1 &&
                       abs(oy0 - iy0) == 1) {
                side[i] = 1; /* a row */
                if (ix0 != ix1 && half.a > 0)
                    push_rect(b, ix0 < ix1 ? ix0 : ix1, iy0 < oy0 ? iy0 : oy0, abs(ix1 - ix0), 1,
                              half);
            }
            nquads -= side[i];
        }
        /* the other sides in their turn (a strip's rows after the
         * triangles before it: where the fringe folds, sides overlap) */
        for (int i = 0; i < n && nquads > 0; i++)
            if (!side[i] && !masked(b, in, out, i, (i + 1) % n))
                fringe_quad(b, in[i], in[(i + 1) % n], out[(i + 1) % n], out[i], c);
        return;
    }
    memset(side, 0, (size_t)n);
    if (reserve_geometry(b, 2 * n, 6 * nquads) < 0) {
        b->failed = 1;
        return;
    }
    int base = b->nv;
    for (int i = 0; i < n; i++) {
        b->v[b->nv++] = vert(in[i].x, in[i].y, c, c.a);
        b->v[b->nv++] = vert(out[i].x, out[i].y, c, 0);
    }
    for (int i = 0; i < n; i++) {
        if (side[i] || masked(b, in, out, i, (i + 1) % n))
            continue;
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

/* How a kind of small shape is drawn from its n points p (snap): it must
 * look at nothing but their whole pixels, c's alpha and the clip. */
typedef void (*ShapeDraw)(RenderSdl *b, const RenderPt *p, int n, RenderColor c);

/* Snap, written directly: the shape drawn by draw from the n points p in
 * colour c.  What such a shape draws depends only on the points' whole
 * pixels, c's alpha, and the clip, which only bounds it: so a small
 * shape drawn again elsewhere (the dashes of an outline, the heads of
 * arrows) blends the same pixels at the same alphas, moved.  The first
 * time its pixels are recorded (draw, with an unbounded clip, recording
 * instead of blending), then blended from the record, as every later
 * time (px_ops).  Returns 0 when it does not apply (nothing drawn). */
static int shape_memo(RenderSdl *b, ShapeDraw draw, const RenderPt *p, int n, RenderColor c)
{
    if (!b->px || b->rec || n > SHAPE_MAX_PTS || b->mask_n > 0 || c.a == 0)
        return 0;
    int32_t key[4 + 2 * SHAPE_MAX_PTS];
    int x = trunc_px(p[0].x), y = trunc_px(p[0].y), nk = 0;
    if (x < -SHAPE_SPAN || x > SHAPE_SPAN || y < -SHAPE_SPAN || y > SHAPE_SPAN)
        return 0;
    /* the kind of shape: its draw function's address */
    uint64_t kind = (uint64_t)(uintptr_t)draw;
    key[nk++] = (int32_t)(uint32_t)kind;
    key[nk++] = (int32_t)(uint32_t)(kind >> 32);
    key[nk++] = n;
    key[nk++] = c.a;
    for (int i = 0; i < n; i++) {
        int32_t v[2] = {trunc_px(p[i].x) - x, trunc_px(p[i].y) - y};
        for (int k = 0; k < 2; k++) {
            if (v[k] < -SHAPE_REACH || v[k] > SHAPE_REACH)
                return 0;
            key[nk++] = v[k];
        }
    }
    uint64_t h = 1469598103934665603ULL;
    for (int k = 0; k < nk; k++)
        h = (h ^ (uint32_t)key[k]) * 1099511628211ULL;
    h = h ? h : 1;
    if (!b->shapes) {
        b->shapes = calloc(SHAPE_SLOTS, sizeof *b->shapes);
        if (!b->shapes)
            return 0;
    }
    size_t i = (size_t)h & (SHAPE_SLOTS - 1);
    for (; b->shapes[i].hash; i = (i + 1) & (SHAPE_SLOTS - 1)) {
        const ShapeEntry *e = &b->shapes[i];
        if (e->hash == h && memcmp(e->key, key, (size_t)nk * sizeof *key) == 0) {
            flush(b);
            px_ops(b, b->ops + e->first, e->n, x, y, c);
            return 1;
        }
    }
    if (b->nshapes >= SHAPE_SLOTS / 2 || b->nops > SHAPE_POOL - SHAPE_MAX_OPS) {
        /* full: start again */
        memset(b->shapes, 0, SHAPE_SLOTS * sizeof *b->shapes);
        b->nshapes = 0;
        b->nops = 0;
        i = (size_t)h & (SHAPE_SLOTS - 1);
    }
    flush(b);
    SDL_Rect clip = b->clip;
    b->clip = (SDL_Rect){-(1 << 20), -(1 << 20), 1 << 21, 1 << 21};
    b->rec = 1;
    b->rec_x = x;
    b->rec_y = y;
    b->rec_first = b->nops;
    b->rec_fail = 0;
    b->rec_color = c;
    draw(b, p, n, c);
    flush(b);
    b->rec = 0;
    b->clip = clip;
    int32_t first = b->rec_first, nops = b->nops - first;
    if (b->rec_fail) {
        b->nops = first;
        return 0;
    }
    ShapeEntry *e = &b->shapes[i];
    e->hash = h;
    memcpy(e->key, key, (size_t)nk * sizeof *key);
    e->first = first;
    e->n = nops;
    b->nshapes++;
    px_ops(b, b->ops + first, nops, x, y, c);
    return 1;
}

/* A convex polygon's inside and fringe (snap): p holds the n / 2 points
 * of the inside, then those of the fringe's outer edge. */
static void convex_shape(RenderSdl *b, const RenderPt *p, int n, RenderColor c)
{
    fill_spans(b, p, n / 2, NULL, 0, c);
    fringe(b, p, p + n / 2, n / 2, c);
}

/* A convex polygon with an alpha fringe (points in either winding). */
static void fill_convex(RenderSdl *b, const RenderPt *p, int n, RenderColor c)
{
    if (n < 3 || n > MAX_PATH_PTS)
        return;
    RenderPt cut[MAX_FILL_PTS];
    if (b->snap) {
        n = cut_long_edges(p, n, cut, MAX_FILL_PTS);
        p = cut;
    }
    float mx[MAX_FILL_PTS], my[MAX_FILL_PTS];
    if (miters(p, n, mx, my) < 0)
        return;
    RenderPt in[MAX_FILL_PTS], out[MAX_FILL_PTS];
    const float h = AA * 0.5f;
    for (int i = 0; i < n; i++) {
        in[i] = (RenderPt){p[i].x - mx[i] * h, p[i].y - my[i] * h};
        out[i] = (RenderPt){p[i].x + mx[i] * h, p[i].y + my[i] * h};
    }
    if (b->snap) {
        if (2 * n <= SHAPE_MAX_PTS) {
            RenderPt both[SHAPE_MAX_PTS];
            memcpy(both, in, (size_t)n * sizeof *in);
            memcpy(both + n, out, (size_t)n * sizeof *out);
            if (shape_memo(b, convex_shape, both, 2 * n, c))
                return;
        }
        fill_spans(b, in, n, NULL, 0, c);
    } else {
        if (reserve(b, n, 3 * (n - 2)) < 0) {
            b->failed = 1;
            return;
        }
        int base = b->nv;
        for (int i = 0; i < n; i++)
            b->v[b->nv++] = vert(in[i].x, in[i].y, c, c.a);
        for (int i = 2; i < n; i++) {
            b->idx[b->ni++] = base;
            b->idx[b->ni++] = base + i - 1;
            b->idx[b->ni++] = base + i;
        }
    }
    fringe(b, in, out, n, c);
}

/* The two sides of a stroke w wide along p (mitres mx, my): on each, the
 * edge the inside is filled to and the outer edge of its fringe.  A line
 * thinner than a pixel keeps a pixel's coverage and fades instead (as
 * segment does), which may lower c's alpha. */
static void stroke_sides(const RenderPt *p, int n, const float *mx, const float *my, float w,
                          RenderColor *c, RenderPt *a_in, RenderPt *a_out, RenderPt *b_in,
                          RenderPt *b_out)
{
    if (w < 1.0f) {
        c->a = (uint8_t)(c->a * w);
        w = 1.0f;
    }
    float hw = w * 0.5f, h = AA * 0.5f;
    for (int i = 0; i < n; i++) {
        a_in[i] = (RenderPt){p[i].x + mx[i] * (hw - h), p[i].y + my[i] * (hw - h)};
        a_out[i] = (RenderPt){p[i].x + mx[i] * (hw + h), p[i].y + my[i] * (hw + h)};
        b_in[i] = (RenderPt){p[i].x - mx[i] * (hw - h), p[i].y - my[i] * (hw - h)};
        b_out[i] = (RenderPt){p[i].x - mx[i] * (hw + h), p[i].y - my[i] * (hw + h)};
    }
}

/* Snap only: the solid outline of width w centred on the convex closed
 * path p, as one ring (inside minus hole, a fringe on both borders)
 * instead of a quad per side. */
static void stroke_ring(RenderSdl *b, const RenderPt *p, int n, float w, RenderColor c)
{
    RenderPt cut[MAX_FILL_PTS];
    n = cut_long_edges(p, n, cut, MAX_FILL_PTS);
    p = cut;
    float mx[MAX_FILL_PTS], my[MAX_FILL_PTS];
    if (miters(p, n, mx, my) < 0)
        return;
    RenderPt a_in[MAX_FILL_PTS], a_out[MAX_FILL_PTS], b_in[MAX_FILL_PTS], b_out[MAX_FILL_PTS];
    stroke_sides(p, n, mx, my, w, &c, a_in, a_out, b_in, b_out);
    fill_spans(b, a_in, n, b_in, n, c);
    fringe(b, a_in, a_out, n, c);
    fringe(b, b_in, b_out, n, c);
}

static void segment(RenderSdl *b, float x0, float y0, float x1, float y1, float w, RenderColor c)
{
    float dx = x1 - x0, dy = y1 - y0;
    float len = sqrtf(dx * dx + dy * dy);
    if (len < 1e-4f)
        return;
    render_thin_stroke(&w, &c); /* thin lines: keep coverage, fade alpha */
    float nx = -dy / len * w * 0.5f, ny = dx / len * w * 0.5f;
    RenderPt q[4] = {{x0 + nx, y0 + ny}, {x1 + nx, y1 + ny}, {x1 - nx, y1 - ny}, {x0 - nx, y0 - ny}};
    fill_convex(b, q, 4, c);
}

/* Points of a rounded rect path, clockwise, `seg` segments per corner. */
static int round_rect_path(RenderPt *out, float x, float y, float w, float h, float r, int seg)
{
    r = render_corner_radius(w, h, r);
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

static int corner_segments(const RenderSdl *b, float r)
{
    /* whole pixels: fewer points give the same corner within a tenth of
     * a pixel */
    int s = b->snap ? (int)ceilf(r * 0.35f) + 1 : (int)(r * 0.6f) + 3;
    return s > 16 ? 16 : s;
}

/* One piece of stroke_strip: the inside quad p[0..3] (left side p[0] to
 * p[1], right side p[3] to p[2]), the fringes out to p[4], p[5] on the
 * left and p[6], p[7] on the right. */
static void strip_piece(RenderSdl *b, const RenderPt *p, int n, RenderColor c)
{
    (void)n;
    fill_spans(b, p, 4, NULL, 0, c);
    fringe_quad(b, p[0], p[1], p[4], p[5], c);
    fringe_quad(b, p[3], p[2], p[6], p[7], c);
}

/* Snap only: a solid open polyline of width w as one strip with mitred
 * joints: per piece the rows inside it and a fringe along both sides, and
 * a fringe across both ends, where drawing piece by piece costs a quad
 * with four fringes per piece and an octagon per joint.  Returns -1 (and
 * draws nothing) when a joint turns by more than a right angle. */
static int stroke_strip(RenderSdl *b, const RenderPt *src, int nsrc, float w, RenderColor c)
{
    RenderPt p[MAX_FILL_PTS];
    int n = 0;
    for (int i = 0; i < nsrc && n < MAX_FILL_PTS; i++) {
        if (n > 0) {
            RenderPt a = p[n - 1], q = src[i];
            float dx = fabsf(q.x - a.x), dy = fabsf(q.y - a.y);
            if (dx + dy < 1e-3f)
                continue; /* a repeated point */
            float across = dx < dy ? dx : dy;
            int k = across > PIECE ? (int)ceilf(across / PIECE) : 1;
            for (int j = 1; j < k && n < MAX_FILL_PTS - 1; j++) {
                float t = (float)j / (float)k;
                p[n++] = (RenderPt){a.x + (q.x - a.x) * t, a.y + (q.y - a.y) * t};
            }
        }
        p[n++] = src[i];
    }
    if (n < 2)
        return 0;
    float ux[MAX_FILL_PTS], uy[MAX_FILL_PTS]; /* unit direction of each piece */
    for (int i = 0; i + 1 < n; i++) {
        float dx = p[i + 1].x - p[i].x, dy = p[i + 1].y - p[i].y;
        float len = sqrtf(dx * dx + dy * dy);
        ux[i] = dx / len;
        uy[i] = dy / len;
    }
    float mx[MAX_FILL_PTS], my[MAX_FILL_PTS]; /* mitre: left normal over cos(half turn) */
    for (int k = 0; k < n; k++) {
        int a = k > 0 ? k - 1 : 0, q = k + 1 < n ? k : n - 2;
        float nx = (-uy[a] - uy[q]) * 0.5f, ny = (ux[a] + ux[q]) * 0.5f;
        float d2 = nx * nx + ny * ny;
        if (d2 < 0.5f)
            return -1;
        mx[k] = nx / d2;
        my[k] = ny / d2;
    }
    RenderPt lin[MAX_FILL_PTS], lout[MAX_FILL_PTS], rin[MAX_FILL_PTS], rout[MAX_FILL_PTS];
    stroke_sides(p, n, mx, my, w, &c, lin, lout, rin, rout);
    float h = AA * 0.5f;
    /* the ends: the inside stops half a pixel short, the fringe goes half
     * a pixel beyond (as a single piece's quad does) */
    float ex[2] = {-ux[0] * h, ux[n - 2] * h}, ey[2] = {-uy[0] * h, uy[n - 2] * h};
    for (int e = 0; e < 2; e++) {
        int k = e ? n - 1 : 0;
        lin[k].x -= ex[e];
        lin[k].y -= ey[e];
        rin[k].x -= ex[e];
        rin[k].y -= ey[e];
        lout[k].x += ex[e];
        lout[k].y += ey[e];
        rout[k].x += ex[e];
        rout[k].y += ey[e];
    }
    for (int i = 0; i + 1 < n; i++) {
        RenderPt q[8] = {lin[i],      lin[i + 1], rin[i + 1],  rin[i],
                         lout[i + 1], lout[i],    rout[i + 1], rout[i]};
        if (!shape_memo(b, strip_piece, q, 8, c))
            strip_piece(b, q, 8, c);
    }
    fringe_quad(b, rin[0], lin[0], lout[0], rout[0], c);
    fringe_quad(b, lin[n - 1], rin[n - 1], rout[n - 1], lout[n - 1], c);
    return 0;
}

/* A polyline, dashed or solid, without arrowhead. */
static void stroke(RenderSdl *b, const RenderPt *p, int n, int closed, float w, float dash,
                   RenderColor c)
{
    int segs = closed ? n : n - 1;
    if (b->snap && dash <= 0 && !closed && stroke_strip(b, p, n, w, c) == 0)
        return;
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
    float gap = dash * RENDER_DASH_GAP;
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

/* Snap only: the inside polygon fill_convex fills for the rect command c
 * (the same points, so the same pixels).  Returns its size, or 0. */
static int rect_inside(const RenderSdl *b, const RenderCmd *c, RenderPt *in)
{
    RenderPt p[4 * 17 + 4], cut[MAX_FILL_PTS];
    int n = round_rect_path(p, c->x, c->y, c->w, c->h, c->radius, corner_segments(b, c->radius));
    n = cut_long_edges(p, n, cut, MAX_FILL_PTS);
    float mx[MAX_FILL_PTS], my[MAX_FILL_PTS];
    if (miters(cut, n, mx, my) < 0)
        return 0;
    const float h = AA * 0.5f;
    for (int i = 0; i < n; i++)
        in[i] = (RenderPt){cut[i].x - mx[i] * h, cut[i].y - my[i] * h};
    return n;
}

/* next: the command drawn right after c, or NULL.  On the software
 * renderer a translucent rect followed by an opaque one (a card's shadow,
 * then the card) leaves out the rows the opaque one fills anyway: blending
 * them costs more than anything else in a frame, and they end up the
 * opaque colour all the same. */
/* Snap only: a square-cornered rect is a plain fill of whole pixels (its
 * edges rounded to the nearest pixel), far cheaper than a polygon with
 * anti-aliased edges; the overview style draws hundreds of them. */
static void pixel_rect(RenderSdl *b, float x, float y, float w, float h, RenderColor c)
{
    int x0 = (int)lroundf(x), y0 = (int)lroundf(y), x1 = (int)lroundf(x + w), y1 = (int)lroundf(y + h);
    if (x1 <= x0)
        x1 = x0 + 1;
    if (y1 <= y0)
        y1 = y0 + 1;
    push_rect(b, x0, y0, x1 - x0, y1 - y0, c);
}

/* The corners for radius r and ring width w4 / 4 (0: filled), made on
 * first use; NULL when out of memory. */
static CornerSet *corner_set(RenderSdl *b, int r, int w4)
{
    for (int i = 0; i < b->ncorners; i++)
        if (b->corners[i].r == r && b->corners[i].w4 == w4)
            return &b->corners[i];
    if (b->ncorners == CORNER_CACHE) {
        /* zooming through many sizes filled it: start again (they are tiny) */
        for (int i = 0; i < b->ncorners; i++)
            corner_drop(&b->corners[i]);
        b->ncorners = 0;
    }
    float w = (float)w4 / 4.0f;
    CornerSet cs = {r, w4, malloc((size_t)(4 * r * r)), {NULL, NULL, NULL, NULL}};
    if (!cs.cover)
        return NULL;
    for (int k = 0; k < 4; k++) {
        /* the circle's centre, in the corner's own pixel square */
        float cx = (k & 1) ? 0 : (float)r, cy = (k & 2) ? 0 : (float)r;
        for (int j = 0; j < r; j++)
            for (int i = 0; i < r; i++) {
                int in = 0;
                for (int sy = 0; sy < 4; sy++)
                    for (int sx = 0; sx < 4; sx++) {
                        float dx = (float)i + ((float)sx + 0.5f) / 4 - cx;
                        float dy = (float)j + ((float)sy + 0.5f) / 4 - cy;
                        float d = sqrtf(dx * dx + dy * dy);
                        in += d <= (float)r && (w4 == 0 || d >= (float)r - w);
                    }
                cs.cover[(k * r + j) * r + i] = (Uint8)(in * 255 / 16);
            }
    }
    b->corners[b->ncorners] = cs;
    return &b->corners[b->ncorners++];
}

/* The textures of cs, for SDL to copy: white, the coverage in alpha.
 * Returns -1 when SDL fails. */
static int corner_textures(RenderSdl *b, CornerSet *cs)
{
    int r = cs->r;
    Uint32 px[CORNER_MAX_R * CORNER_MAX_R];
    for (int k = 0; k < 4 && !cs->tex[3]; k++) {
        if (cs->tex[k])
            continue;
        for (int i = 0; i < r * r; i++)
            px[i] = (Uint32)cs->cover[k * r * r + i] << 24 | 0xffffffu;
        cs->tex[k] =
            SDL_CreateTexture(b->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, r, r);
        if (!cs->tex[k] || SDL_UpdateTexture(cs->tex[k], NULL, px, r * 4) < 0)
            return -1;
        SDL_SetTextureBlendMode(cs->tex[k], SDL_BLENDMODE_BLEND);
    }
    return 0;
}

/* Snap only: a rounded rect (filled, or its outline lw pixels wide) on
 * whole pixels: straight parts as plain fills, the four corners copied
 * from cached anti-aliased textures.  Several times cheaper than the
 * polygon with its fringe; returns -1 when it does not apply. */
static int pixel_round_rect(RenderSdl *b, float x, float y, float w, float h, float radius,
                            float lw, RenderColor c)
{
    int x0 = (int)lroundf(x), y0 = (int)lroundf(y), x1 = (int)lroundf(x + w), y1 = (int)lroundf(y + h);
    int iw = x1 - x0, ih = y1 - y0;
    int r = (int)lroundf(radius);
    if (r > iw / 2)
        r = iw / 2;
    if (r > ih / 2)
        r = ih / 2;
    int l = lw > 0 ? (int)lroundf(lw) : 0;
    if (lw > 0 && l < 1)
        l = 1;
    if (r < 1 || r > CORNER_MAX_R || (l > 0 && l >= r))
        return -1;
    CornerSet *cs = corner_set(b, r, l * 4);
    if (!cs || (!b->px && corner_textures(b, cs) < 0))
        return -1;
    if (l == 0) {
        push_rect(b, x0, y0 + r, iw, ih - 2 * r, c);
        if (iw > 2 * r) {
            push_rect(b, x0 + r, y0, iw - 2 * r, r, c);
            push_rect(b, x0 + r, y1 - r, iw - 2 * r, r, c);
        }
    } else {
        if (iw > 2 * r) {
            push_rect(b, x0 + r, y0, iw - 2 * r, l, c);
            push_rect(b, x0 + r, y1 - l, iw - 2 * r, l, c);
        }
        if (ih > 2 * r) {
            push_rect(b, x0, y0 + r, l, ih - 2 * r, c);
            push_rect(b, x1 - l, y0 + r, l, ih - 2 * r, c);
        }
    }
    flush(b);
    const SDL_Rect at[4] = {{x0, y0, r, r}, {x1 - r, y0, r, r}, {x0, y1 - r, r, r}, {x1 - r, y1 - r, r, r}};
    if (b->px) {
        for (int k = 0; k < 4; k++)
            px_corner(b, cs->cover + (size_t)(k * r * r), r, &at[k], c);
        return 0;
    }
    for (int k = 0; k < 4; k++) {
        SDL_SetTextureColorMod(cs->tex[k], c.r, c.g, c.b);
        SDL_SetTextureAlphaMod(cs->tex[k], c.a);
        if (SDL_RenderCopy(b->r, cs->tex[k], NULL, &at[k]) < 0)
            b->failed = 1;
    }
    return 0;
}

static void draw_rect(RenderSdl *b, const RenderCmd *c, const RenderCmd *next)
{
    if (b->snap && c->radius <= 0) {
        pixel_rect(b, c->x, c->y, c->w, c->h, c->color);
        return;
    }
    /* a shadow under an opaque card goes on below, where only the rows
     * the card leaves uncovered are blended */
    int shadow = next && next->kind == RENDER_CMD_RECT && c->color.a < 255 && next->color.a == 255;
    if (b->snap && !shadow && pixel_round_rect(b, c->x, c->y, c->w, c->h, c->radius, 0, c->color) == 0)
        return;
    RenderPt p[4 * 17 + 4];
    int n = round_rect_path(p, c->x, c->y, c->w, c->h, c->radius, corner_segments(b, c->radius));
    if (b->snap && next && next->kind == RENDER_CMD_RECT && c->color.a < 255 &&
        next->color.a == 255 && n >= 3 && n <= MAX_PATH_PTS) {
        RenderPt hole[MAX_FILL_PTS];
        int nh = rect_inside(b, next, hole);
        RenderPt cut[MAX_FILL_PTS];
        int m = cut_long_edges(p, n, cut, MAX_FILL_PTS);
        float mx[MAX_FILL_PTS], my[MAX_FILL_PTS];
        if (nh >= 3 && miters(cut, m, mx, my) == 0) {
            RenderPt in[MAX_FILL_PTS], out[MAX_FILL_PTS];
            const float h = AA * 0.5f;
            for (int i = 0; i < m; i++) {
                in[i] = (RenderPt){cut[i].x - mx[i] * h, cut[i].y - my[i] * h};
                out[i] = (RenderPt){cut[i].x + mx[i] * h, cut[i].y + my[i] * h};
            }
            fill_spans(b, in, m, hole, nh, c->color);
            SnapPoly sp;
            if (snap_poly(&sp, hole, nh) == 0 && sp.ymax / 2 - sp.ymin / 2 > 0) {
                int y0 = (int)(sp.ymin / 2), nrows = (int)(sp.ymax / 2 - sp.ymin / 2);
                if (nrows * 2 > b->capmask) {
                    int *r = realloc(b->mask, (size_t)nrows * 2 * sizeof *r);
                    if (r) {
                        b->mask = r;
                        b->capmask = nrows * 2;
                    }
                }
                if (nrows * 2 <= b->capmask) {
                    snap_rows(&sp, y0, y0 + nrows, b->mask, b->mask + nrows);
                    b->mask_y0 = y0;
                    b->mask_n = nrows;
                }
            }
            fringe(b, in, out, m, c->color);
            b->mask_n = 0;
            return;
        }
    }
    fill_convex(b, p, n, c->color);
}

static void draw_frame(RenderSdl *b, const RenderCmd *c)
{
    if (b->snap && c->radius <= 0 && c->dash <= 0) {
        /* four whole-pixel bars, the outer edge on the rect's edge */
        float lw = c->width < 1 ? 1 : roundf(c->width);
        pixel_rect(b, c->x, c->y, c->w, lw, c->color);
        pixel_rect(b, c->x, c->y + c->h - lw, c->w, lw, c->color);
        pixel_rect(b, c->x, c->y + lw, lw, c->h - 2 * lw, c->color);
        pixel_rect(b, c->x + c->w - lw, c->y + lw, lw, c->h - 2 * lw, c->color);
        return;
    }
    if (b->snap && c->dash <= 0 &&
        pixel_round_rect(b, c->x, c->y, c->w, c->h, c->radius, c->width, c->color) == 0)
        return;
    float hw = c->width * 0.5f;
    float r = c->radius;
    RenderPt p[4 * 17 + 4];
    int n = round_rect_path(p, c->x + hw, c->y + hw, c->w - 2 * hw, c->h - 2 * hw,
                            r > hw ? r - hw : 0, corner_segments(b, r));
    if (b->snap && c->dash <= 0)
        stroke_ring(b, p, n, c->width, c->color);
    else
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
    RenderPt shaft[MAX_PATH_PTS], head[4];
    int m = render_arrow_split(l, c, shaft, MAX_PATH_PTS, head);
    if (m == 0)
        return;
    stroke(b, shaft, m, 0, c->width, c->dash, c->color);
    /* the notched head is concave: draw it as two convex halves */
    RenderPt h1[3] = {head[0], head[1], head[2]};
    RenderPt h2[3] = {head[0], head[2], head[3]};
    fill_convex(b, h1, 3, c->color);
    fill_convex(b, h2, 3, c->color);
}

typedef struct HatchCtx {
    RenderSdl *b;
    const RenderCmd *c;
} HatchCtx;

static void hatch_segment(void *ctx, RenderPt p, RenderPt q)
{
    HatchCtx *h = ctx;
    segment(h->b, p.x, p.y, q.x, q.y, h->c->width, h->c->color);
}

static void draw_hatch(RenderSdl *b, const RenderCmd *c)
{
    HatchCtx h = {b, c};
    render_hatch_lines(c, hatch_segment, &h);
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

/* On the software renderer a tinted copy goes through SDL's slow generic
 * modulating blit, so there the text is rasterised in its own colour
 * (rgba, part of the key) and copied untinted through the fast blending
 * blit; elsewhere rgba is 0 and one white texture serves every colour. */
static TextEntry *text_texture(RenderSdl *b, int font, int px, const char *s, uint32_t rgba)
{
    uint64_t h = text_hash(font, px, s);
    h = (h ^ rgba) * 1099511628211ULL;
    h = h ? h : 1;
    size_t i = (size_t)h & (TEXT_CACHE - 1);
    for (int probe = 0; probe < TEXT_CACHE; probe++, i = (i + 1) & (TEXT_CACHE - 1)) {
        TextEntry *e = &b->cache[i];
        if (e->text && e->hash == h && e->font == font && e->px == px && e->rgba == rgba &&
            strcmp(e->text, s) == 0) {
            e->used = b->draw_no;
            return e;
        }
        if (!e->text)
            break;
    }
    if (b->ncached > TEXT_CACHE * 3 / 4)
        cache_clear(b, 1);
    if (b->ncached > TEXT_CACHE * 3 / 4)
        return NULL;
    /* find the free slot again: clearing may have emptied an earlier one */
    i = (size_t)h & (TEXT_CACHE - 1);
    while (b->cache[i].text)
        i = (i + 1) & (TEXT_CACHE - 1);
    TTF_Font *f = render_font(b->fonts, (RenderFont)font, px);
    if (!f)
        return NULL;
    SDL_Color fg = {255, 255, 255, 255};
    if (rgba)
        fg = (SDL_Color){(Uint8)(rgba >> 24), (Uint8)(rgba >> 16), (Uint8)(rgba >> 8), (Uint8)rgba};
    SDL_Surface *surf = TTF_RenderUTF8_Blended(f, s, fg);
    if (!surf)
        return NULL;
    int w = surf->w, hh = surf->h;
    SDL_Texture *tex = NULL;
    if (!b->surf || surf->format->format != SDL_PIXELFORMAT_ARGB8888 || SDL_MUSTLOCK(surf)) {
        /* the texture SDL would blend from holds the same pixels */
        tex = SDL_CreateTextureFromSurface(b->r, surf);
        SDL_FreeSurface(surf);
        surf = NULL;
        if (!tex)
            return NULL;
        SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    }
    char *copy = strdup(s);
    if (!copy) {
        if (tex)
            SDL_DestroyTexture(tex);
        SDL_FreeSurface(surf);
        SDL_OutOfMemory();
        return NULL;
    }
    TextEntry *e = &b->cache[i];
    e->text = copy;
    e->font = font;
    e->px = px;
    e->rgba = rgba;
    e->hash = h;
    e->tex = tex;
    e->surf = surf;
    e->w = w;
    e->h = hh;
    e->used = b->draw_no;
    b->ncached++;
    return e;
}

/* The texture of a TEXT command and where it goes; NULL when it draws
 * nothing. */
static TextEntry *text_place(RenderSdl *b, const RenderList *l, const RenderCmd *c, SDL_FRect *dst)
{
    const char *s = render_cmd_text(l, c);
    uint32_t rgba = 0;
    if (b->snap) {
        if (c->color.a == 0)
            return NULL; /* invisible; rgba 0 means white to be tinted */
        rgba = (uint32_t)c->color.r << 24 | (uint32_t)c->color.g << 16 |
               (uint32_t)c->color.b << 8 | c->color.a;
    }
    TextEntry *e = text_texture(b, c->font, c->px, s, rgba);
    if (!e)
        return NULL;
    float x = c->x;
    if (c->align == RENDER_ALIGN_CENTER)
        x -= (float)e->w * 0.5f;
    else if (c->align == RENDER_ALIGN_RIGHT)
        x -= (float)e->w;
    *dst = (SDL_FRect){floorf(x + 0.5f), floorf(c->y + 0.5f), (float)e->w, (float)e->h};
    return e;
}

static void draw_text(RenderSdl *b, const RenderList *l, const RenderCmd *c)
{
    SDL_FRect dst;
    TextEntry *e = text_place(b, l, c, &dst);
    if (!e)
        return;
    if (e->surf && b->px) {
        px_blend(b, e->surf, (int)dst.x, (int)dst.y);
        return;
    }
    if (!e->tex) { /* the target's pixels are not at hand this time */
        e->tex = SDL_CreateTextureFromSurface(b->r, e->surf);
        if (!e->tex) {
            b->failed = 1;
            return;
        }
        SDL_SetTextureBlendMode(e->tex, SDL_BLENDMODE_BLEND);
    }
    if (!e->rgba) {
        SDL_SetTextureColorMod(e->tex, c->color.r, c->color.g, c->color.b);
        SDL_SetTextureAlphaMod(e->tex, c->color.a);
    }
    if (SDL_RenderCopyF(b->r, e->tex, NULL, &dst) < 0)
        b->failed = 1;
}

/* How far from its points a line or polygon may draw: its width or
 * arrowhead, the fringe and a pixel of truncation. */
static float shape_margin(const RenderCmd *c)
{
    return (c->width > c->head ? c->width : c->head) + 2 * AA + 1;
}

/* Bounds of what a shape command may draw (x0, y0, x1, y1, its fringe and
 * truncation included); 0 for text and clips, whose extent is not known
 * here. */
static int shape_bounds(const RenderList *l, const RenderCmd *c, float *bx)
{
    float x0, y0, x1, y1, m;
    switch (c->kind) {
    case RENDER_CMD_RECT:
    case RENDER_CMD_FRAME:
    case RENDER_CMD_HATCH:
        x0 = c->x;
        y0 = c->y;
        x1 = c->x + c->w;
        y1 = c->y + c->h;
        m = c->width;
        break;
    case RENDER_CMD_LINE:
    case RENDER_CMD_POLY: {
        if (c->npts < 1)
            return 0;
        const RenderPt *p = l->pts + c->pts;
        x0 = x1 = p[0].x;
        y0 = y1 = p[0].y;
        for (int32_t i = 1; i < c->npts; i++) {
            x0 = p[i].x < x0 ? p[i].x : x0;
            x1 = p[i].x > x1 ? p[i].x : x1;
            y0 = p[i].y < y0 ? p[i].y : y0;
            y1 = p[i].y > y1 ? p[i].y : y1;
        }
        m = shape_margin(c);
        break;
    }
    default:
        return 0;
    }
    if (c->kind != RENDER_CMD_LINE && c->kind != RENDER_CMD_POLY)
        m += 2 * AA + 1;
    bx[0] = x0 - m;
    bx[1] = y0 - m;
    bx[2] = x1 + m;
    bx[3] = y1 + m;
    return 1;
}

/* Whether c certainly draws nothing inside the clip rectangle (text is
 * never skipped: its width is not known here).  A line whose box meets
 * the clip may still pass by it: a long curve between two cards off
 * screen, whose box spans the view while the curve goes round it (a
 * freed list of 10^5 items sent 900 such arrows into a frame of a tree at
 * zoom 0.2: 85 ms of drawing, nothing of it on screen).  Each of its
 * pieces is looked at then, with the same margin: a pixel the line draws
 * lies that close to one of them. */
static int outside_clip(const RenderSdl *b, const RenderList *l, const RenderCmd *c)
{
    float bx[4];
    if (!shape_bounds(l, c, bx))
        return c->kind == RENDER_CMD_LINE || c->kind == RENDER_CMD_POLY; /* no points */
    float cx0 = (float)b->clip.x, cx1 = (float)(b->clip.x + b->clip.w);
    float cy0 = (float)b->clip.y, cy1 = (float)(b->clip.y + b->clip.h);
    if (bx[2] < cx0 || bx[0] > cx1 || bx[3] < cy0 || bx[1] > cy1)
        return 1;
    if (c->kind != RENDER_CMD_LINE || c->npts < 3)
        return 0;
    const RenderPt *p = l->pts + c->pts;
    float m = shape_margin(c);
    for (int32_t i = 0; i + 1 < c->npts; i++) {
        float x0 = fminf(p[i].x, p[i + 1].x) - m, x1 = fmaxf(p[i].x, p[i + 1].x) + m;
        float y0 = fminf(p[i].y, p[i + 1].y) - m, y1 = fmaxf(p[i].y, p[i + 1].y) + m;
        if (!(x1 < cx0 || x0 > cx1 || y1 < cy0 || y0 > cy1))
            return 0;
    }
    return 1;
}

/* ---- groups kept as pixels (snap) --------------------------------------------- */

static void draw_cmd(RenderSdl *b, const RenderList *l, int32_t i, const SDL_Rect *target);

/* A hash of what the commands [first, end) draw: every field, with the
 * points and the text they refer to instead of their offsets. */
static uint64_t mix(uint64_t h, const void *p, size_t n)
{
    const uint8_t *q = p;
    for (; n >= 8; n -= 8, q += 8) {
        uint64_t w;
        memcpy(&w, q, 8);
        h = (h ^ w) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    for (; n > 0; n--, q++)
        h = (h ^ *q) * 0x100000001b3ULL;
    return h;
}

/* The key of group g drawn within the current clip. */
static uint64_t group_key(const RenderSdl *b, const RenderList *l, const RenderGroup *g)
{
    uint64_t h = mix(0xcbf29ce484222325ULL, &b->clip, sizeof b->clip);
    for (int32_t i = g->first; i < g->end; i++) {
        RenderCmd c = l->cmds[i];
        c.pts = c.text = 0;
        h = mix(h, &c, sizeof c);
        const RenderCmd *o = &l->cmds[i];
        if (o->kind == RENDER_CMD_LINE || o->kind == RENDER_CMD_POLY)
            h = mix(h, l->pts + o->pts, (size_t)o->npts * sizeof *l->pts);
        else if (o->kind == RENDER_CMD_TEXT)
            h = mix(h, render_cmd_text(l, o), strlen(render_cmd_text(l, o)));
    }
    /* a translucent rect last looks at the command after it (draw_rect) */
    const RenderCmd *last = &l->cmds[g->end - 1];
    if (g->end < l->ncmds && last->kind == RENDER_CMD_RECT && last->color.a < 255) {
        RenderCmd c = l->cmds[g->end];
        c.pts = c.text = 0;
        h = mix(h, &c, sizeof c);
    }
    return h ? h : 1;
}

/* The whole pixels group g may touch, within the clip (empty when none). */
static SDL_Rect group_box(RenderSdl *b, const RenderList *l, const RenderGroup *g)
{
    float u[4] = {1e9f, 1e9f, -1e9f, -1e9f}, bx[4];
    for (int32_t i = g->first; i < g->end; i++) {
        const RenderCmd *c = &l->cmds[i];
        SDL_FRect d;
        if (c->kind == RENDER_CMD_TEXT) {
            if (!text_place(b, l, c, &d))
                continue;
            bx[0] = d.x - 1;
            bx[1] = d.y - 1;
            bx[2] = d.x + d.w + 1;
            bx[3] = d.y + d.h + 1;
        } else if (!shape_bounds(l, c, bx)) {
            continue;
        }
        u[0] = bx[0] < u[0] ? bx[0] : u[0];
        u[1] = bx[1] < u[1] ? bx[1] : u[1];
        u[2] = bx[2] > u[2] ? bx[2] : u[2];
        u[3] = bx[3] > u[3] ? bx[3] : u[3];
    }
    SDL_Rect box = {0, 0, 0, 0}, want;
    if (u[0] > u[2] || u[0] < -1e6f || u[1] < -1e6f || u[2] > 1e6f || u[3] > 1e6f)
        return u[0] > u[2] ? box : b->clip; /* nothing; or far off: the clip bounds it */
    want.x = (int)floorf(u[0]);
    want.y = (int)floorf(u[1]);
    want.w = (int)ceilf(u[2]) - want.x;
    want.h = (int)ceilf(u[3]) - want.y;
    if (!SDL_IntersectRect(&want, &b->clip, &box))
        box = (SDL_Rect){0, 0, 0, 0};
    return box;
}

static void group_drop(RenderSdl *b, GroupEntry *e)
{
    if (e->tex || e->post) {
        if (e->tex)
            SDL_DestroyTexture(e->tex);
        b->group_px -= (long)e->box.w * e->box.h;
    }
    free(e->post);
    free(e->pre);
    memset(e, 0, sizeof *e);
}

/* The entry of key (e->key == key), or the one to use for it: an empty
 * one, else the least recently used. */
static GroupEntry *group_entry(RenderSdl *b, uint64_t key)
{
    GroupEntry *best = &b->groups[0];
    for (int k = 0; k < GROUP_CACHE; k++) {
        GroupEntry *q = &b->groups[k];
        if (q->key == key)
            return q;
        if (best->key && (!q->key || q->used < best->used))
            best = q;
    }
    return best;
}

/* Keeps the pixels the group left in box (read now) as entry e, with
 * what was under it before (b->under); old entries go while the pixels
 * kept exceed GROUP_PIXELS. */
static void group_keep(RenderSdl *b, GroupEntry *e, const SDL_Rect *box, size_t npx)
{
    if ((e->tex || e->post) && (e->box.w != box->w || e->box.h != box->h)) {
        if (e->tex)
            SDL_DestroyTexture(e->tex);
        free(e->post);
        b->group_px -= (long)e->box.w * e->box.h;
        e->tex = NULL;
        e->post = NULL;
    }
    while (!e->tex && !e->post && b->group_px + (long)npx > GROUP_PIXELS) {
        GroupEntry *old = NULL;
        for (int k = 0; k < GROUP_CACHE; k++) {
            GroupEntry *q = &b->groups[k];
            if ((q->tex || q->post) && q != e && (!old || q->used < old->used))
                old = q;
        }
        if (!old)
            return;
        group_drop(b, old);
    }
    Uint32 *pre =
        e->pre && e->box.w * e->box.h == box->w * box->h ? e->pre : realloc(e->pre, npx * 4);
    if (!pre)
        return;
    e->pre = pre;
    memcpy(e->pre, b->under, npx * 4);
    if (!e->tex && !e->post) {
        /* the pixels after it: in memory of its own when written directly */
        if (b->px)
            e->post = malloc(npx * 4);
        else
            e->tex = SDL_CreateTexture(b->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC,
                                       box->w, box->h);
        if (e->tex || e->post)
            b->group_px += (long)npx;
    }
    e->box = *box;
    if (e->post && b->px) {
        read_px(b, box, e->post);
        e->kept = 1;
        return;
    }
    if (!e->tex || read_px(b, box, b->under) < 0 ||
        SDL_UpdateTexture(e->tex, NULL, b->under, box->w * 4) < 0) {
        uint64_t key = e->key;
        group_drop(b, e);
        e->key = key; /* seen */
        return;
    }
    e->kept = 1;
}

/* Draws the group g and returns the command after it (g->first when it
 * holds a clip: then drawn command by command).  On the software renderer
 * a group drawn before with the same commands, clip and pixels under it
 * is one copy of the pixels it left then, which replaces the box's
 * pixels: exactly the pixels drawing it would give.  A group's pixels are
 * kept the second time it is drawn (a group seen once, such as the cards
 * of a jump elsewhere, costs its key only), a lasting one's the first. */
static int32_t draw_group(RenderSdl *b, const RenderList *l, const RenderGroup *g,
                          const SDL_Rect *target)
{
    for (int32_t i = g->first; i < g->end; i++)
        if (l->cmds[i].kind == RENDER_CMD_CLIP)
            return g->first;
    uint64_t key = group_key(b, l, g);
    GroupEntry *e = group_entry(b, key);
    if (e->key != key) {
        /* first seen: only its key is kept, unless it is lasting */
        if (e->tex || e->post || e->pre)
            group_drop(b, e);
        e->key = key;
        e->used = b->draw_no;
        if (!g->lasting)
            return g->first;
    }
    e->used = b->draw_no;
    SDL_Rect box = e->kept ? e->box : group_box(b, l, g);
    if (box.w <= 0 || box.h <= 0)
        return g->end; /* all of it clipped away */
    flush(b);
    size_t npx = (size_t)box.w * (size_t)box.h;
    if (GC_VEC_RESERVE(b->under, (int32_t)npx, b->capunder, 4096, realloc) < 0 ||
        read_px(b, &box, b->under) < 0)
        return g->first;
    if (e->kept && memcmp(e->pre, b->under, npx * 4) == 0 && (e->tex || (e->post && b->px))) {
        b->groups_copied++;
        if (e->post) {
            write_px(b, &box, e->post);
            return g->end;
        }
        SDL_SetTextureBlendMode(e->tex, SDL_BLENDMODE_NONE);
        if (SDL_RenderCopy(b->r, e->tex, NULL, &box) < 0)
            b->failed = 1;
        return g->end;
    }
    /* drawn, clipped to the box (which it does not leave anyway) */
    SDL_Rect clip = b->clip, sdl_clip = b->sdl_clip;
    b->clip = box;
    b->sdl_clip = box;
    SDL_RenderSetClipRect(b->r, &box);
    for (int32_t i = g->first; i < g->end; i++)
        draw_cmd(b, l, i, target);
    flush(b);
    b->clip = clip;
    b->sdl_clip = sdl_clip;
    SDL_RenderSetClipRect(b->r, memcmp(&sdl_clip, target, sizeof *target) == 0 ? NULL : &sdl_clip);
    group_keep(b, e, &box, npx);
    return g->end;
}

long render_sdl_groups_copied(const RenderSdl *b)
{
    return b->groups_copied;
}

size_t render_sdl_keep_bytes(int width, int height)
{
    /* kept pixels (pre and post), and what is read back (under) */
    size_t target = (size_t)(width > 0 ? width : 0) * (size_t)(height > 0 ? height : 0);
    return 2 * (size_t)GROUP_PIXELS * 4 + target * 4;
}

/* One command of the list (i), within target. */
static void draw_cmd(RenderSdl *b, const RenderList *l, int32_t i, const SDL_Rect *target)
{
    const RenderCmd *c = &l->cmds[i];
    if (outside_clip(b, l, c))
        return;
    switch (c->kind) {
    case RENDER_CMD_RECT:
        draw_rect(b, c, i + 1 < l->ncmds ? &l->cmds[i + 1] : NULL);
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
            b->sdl_clip = *target;
            b->clip = *target;
        } else {
            b->sdl_clip = (SDL_Rect){(int)floorf(c->x), (int)floorf(c->y), (int)ceilf(c->w),
                                     (int)ceilf(c->h)};
            if (!SDL_IntersectRect(&b->sdl_clip, target, &b->clip))
                b->clip = (SDL_Rect){0, 0, 0, 0};
        }
        SDL_RenderSetClipRect(b->r, c->w <= 0 ? NULL : &b->sdl_clip);
        break;
    default:
        break;
    }
}

/* Whether the backend writes into s itself: 32-bit pixels with red, green
 * and blue in bytes 2, 1 and 0, ARGB8888 or XRGB8888 (SDL's RGB888: a
 * window's surface on X11 at depth 24), not RLE.  On XRGB8888 the fourth
 * byte is written as ARGB8888's alpha would be, where SDL writes 0 in its
 * fills, blends and triangles: nothing shows or reads it, and the red, green
 * and blue SDL computes do not depend on it. */
static int direct_format(const SDL_Surface *s)
{
    return s &&
           (s->format->format == SDL_PIXELFORMAT_ARGB8888 ||
            s->format->format == SDL_PIXELFORMAT_RGB888) &&
           !SDL_MUSTLOCK(s) && s->pitch % 4 == 0;
}

int render_sdl_draw(RenderSdl *b, const RenderList *l)
{
    b->draw_no++;
    b->failed = 0;
    SDL_Rect target = {0, 0, l->width, l->height};
    if (SDL_GetRendererOutputSize(b->r, &target.w, &target.h) < 0) {
        target.w = l->width;
        target.h = l->height;
    }
    b->clip = target;
    b->sdl_clip = target;
    if (b->ncached > TEXT_CACHE / 2)
        cache_clear(b, 1);
    else if (b->snap && b->ncached > TEXT_CACHE / 4)
        cache_trim(b, 64);
    SDL_RenderSetClipRect(b->r, NULL);
    b->px = NULL;
    if (b->window) {
        /* the window's surface now: SDL makes a new one after a resize */
        b->surf = SDL_GetWindowSurface(SDL_RenderGetWindow(b->r));
        b->surf = direct_format(b->surf) ? b->surf : NULL;
    }
    if (b->surf && b->surf->w == target.w && b->surf->h == target.h) {
        b->px = b->surf->pixels;
        b->pitch = b->surf->pitch / 4;
        px_sync(b);
        px_fill(b, &target,
                0xff000000u | (Uint32)l->clear.r << 16 | (Uint32)l->clear.g << 8 | l->clear.b);
    } else {
        SDL_SetRenderDrawBlendMode(b->r, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(b->r, l->clear.r, l->clear.g, l->clear.b, 255);
        if (SDL_RenderClear(b->r) < 0)
            return -1;
    }
    int32_t g = 0;
    for (int32_t i = 0; i < l->ncmds; i++) {
        while (g < l->ngroups && l->groups[g].first < i)
            g++;
        if (b->snap && g < l->ngroups && l->groups[g].first == i && l->groups[g].end > i) {
            int32_t next = draw_group(b, l, &l->groups[g], &target);
            if (next > i) {
                i = next - 1;
                continue;
            }
        }
        draw_cmd(b, l, i, &target);
    }
    flush(b);
    SDL_RenderSetClipRect(b->r, NULL);
    b->px = NULL;
    if (b->window)
        b->surf = NULL; /* SDL may free it before the next draw */
    return b->failed ? -1 : 0;
}

int render_sdl_set_surface(RenderSdl *b, SDL_Surface *target)
{
    b->surf = NULL;
    b->window = 0;
    if (!b->snap || !direct_format(target))
        return -1;
    b->surf = target;
    return 0;
}

int render_sdl_follow_window(RenderSdl *b)
{
    b->surf = NULL;
    b->window = b->snap && SDL_RenderGetWindow(b->r) != NULL;
    if (!b->window)
        return -1;
    SDL_Surface *s = SDL_GetWindowSurface(SDL_RenderGetWindow(b->r));
    return direct_format(s) ? 0 : -1;
}
