/*
 * test_render.c: headless render tests.  Frames are drawn by the software
 * renderer onto a surface (no display), then pixels are checked: a card's
 * region in the theme's card colour, an arrow reaching its target, the
 * highlighted code line, themes that differ.  Input is replayed through
 * the same key map and commands as the window.
 *
 * `test_render NAME` runs one test; `test_render shot SCENARIO OUT.png
 * [--size WxH] [--theme T] [command...]` saves a frame for looking at.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>
#include <ctype.h>

#include "app_window_internal.h"
#include "render_internal.h"
#include "record.h"

#include "../common/check.h"

#ifndef GCVIZ_TEST_DATA
#define GCVIZ_TEST_DATA "tests/render/data"
#endif
#ifndef GCVIZ_SOURCE_DIR
#define GCVIZ_SOURCE_DIR "."
#endif
#ifndef GCVIZ_SCENARIOS_DIR
#define GCVIZ_SCENARIOS_DIR "scenarios"
#endif
#ifndef GCVIZ_GOLDEN_DIR
#define GCVIZ_GOLDEN_DIR "tests/golden/scenarios"
#endif

/* ---- a headless target ------------------------------------------------------- */

typedef struct Target {
    SDL_Surface *surf;
    SDL_Renderer *r;
    AppWin *w;
} Target;

/* A target of width x height physical pixels, scale of them per window
 * point (2: a HiDPI display), in pixel format `format`. */
static int target_open_format(Target *t, int width, int height, float scale, int theme,
                              Uint32 format)
{
    memset(t, 0, sizeof *t);
    t->surf = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, format);
    if (!t->surf)
        return -1;
    t->r = SDL_CreateSoftwareRenderer(t->surf);
    if (!t->r)
        return -1;
    AppWinOptions o = {NULL, theme, 1, 0, 0, 0, 0};
    t->w = app_win_new(t->r, width, height, scale, &o);
    if (!t->w)
        return -1;
    t->w->settled = 1;
    /* as bench_window and gcviz record: the backend writes the pixels */
    return render_sdl_set_surface(t->w->backend, t->surf);
}

/* The same in ARGB8888, the format of `gcviz record`'s frames. */
static int target_open_scaled(Target *t, int width, int height, float scale, int theme)
{
    return target_open_format(t, width, height, scale, theme, SDL_PIXELFORMAT_ARGB8888);
}

/* A target for slides (--slide) or recordings (each frame's view shows
 * its subject), as `gcviz record` makes them. */
static int target_open_record(Target *t, int width, int height, int theme, int slide)
{
    memset(t, 0, sizeof *t);
    t->surf = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    t->r = t->surf ? SDL_CreateSoftwareRenderer(t->surf) : NULL;
    if (!t->r)
        return -1;
    AppWinOptions o = {NULL, theme, 1, slide, 1, 0, 0};
    t->w = app_win_new(t->r, width, height, 1.0f, &o);
    if (!t->w)
        return -1;
    t->w->settled = 1;
    return render_sdl_set_surface(t->w->backend, t->surf);
}

static int target_open(Target *t, int width, int height, int theme)
{
    return target_open_scaled(t, width, height, 1.0f, theme);
}

static void target_close(Target *t)
{
    app_win_free(t->w);
    if (t->r)
        SDL_DestroyRenderer(t->r);
    if (t->surf)
        SDL_FreeSurface(t->surf);
}

static int draw(Target *t)
{
    int rc = app_win_draw(t->w, 0);
    SDL_RenderFlush(t->r);
    return rc;
}

static RenderColor pixel(const Target *t, int x, int y)
{
    RenderColor c = {0, 0, 0, 0};
    if (x < 0 || y < 0 || x >= t->surf->w || y >= t->surf->h)
        return c;
    Uint32 p = ((Uint32 *)t->surf->pixels)[(size_t)y * (size_t)(t->surf->pitch / 4) + (size_t)x];
    SDL_GetRGBA(p, t->surf->format, &c.r, &c.g, &c.b, &c.a);
    return c;
}

static int near(RenderColor a, RenderColor b, int tol)
{
    return abs(a.r - b.r) <= tol && abs(a.g - b.g) <= tol && abs(a.b - b.b) <= tol;
}

/* Fraction of pixels of a rect equal (within tol) to c. */
static double coverage(const Target *t, int x, int y, int w, int h, RenderColor c, int tol)
{
    long n = 0, hit = 0;
    for (int j = y; j < y + h; j++)
        for (int i = x; i < x + w; i++, n++)
            hit += near(pixel(t, i, j), c, tol);
    return n ? (double)hit / (double)n : 0;
}

/* Fraction of pixels of a rect that are not the heap's background. */
static double ink(const Target *t, int x, int y, int w, int h, const RenderTheme *tm)
{
    long n = 0, hit = 0;
    for (int j = y; j < y + h; j++)
        for (int i = x; i < x + w; i++, n++) {
            RenderColor p = pixel(t, i, j);
            hit += !near(p, tm->heap_bg, 12) && !near(p, tm->heap_grid, 12);
        }
    return n ? (double)hit / (double)n : 0;
}

static uint64_t frame_hash(const Target *t)
{
    uint64_t h = 1469598103934665603ULL;
    for (int y = 0; y < t->surf->h; y++) {
        const uint8_t *row = (const uint8_t *)t->surf->pixels + (size_t)y * (size_t)t->surf->pitch;
        for (int x = 0; x < t->surf->w * 4; x++) {
            h ^= row[x];
            h *= 1099511628211ULL;
        }
    }
    return h;
}

static int load(Target *t, const char *name)
{
    char path[1024];
    if (name[0] == '/')
        snprintf(path, sizeof path, "%s", name);
    else
        snprintf(path, sizeof path, "%s/%s", GCVIZ_TEST_DATA, name);
    int rc = app_win_load(t->w, path, 0);
    if (rc < 0)
        fprintf(stderr, "load %s failed: %s\n", path, t->w->load_error ? t->w->load_error : "?");
    return rc;
}

static void key(Target *t, SDL_Keycode k, Uint16 mod)
{
    app_win_command(t->w, app_cmd_from_key(k, mod, t->w->view.show_picker), 0);
}

/* Screen rectangle of card id's body (below its name tags). */
static int card_screen(Target *t, GcId id, float *x, float *y, float *w, float *h)
{
    float wx, wy, ww, wh;
    if (render_card_rect(t->w->heap, t->w->layout, id, &wx, &wy, &ww, &wh) < 0)
        return -1;
    RenderRegions rg;
    render_regions(t->w->width, t->w->height, t->w->scale, &rg);
    float k = t->w->view.zoom * t->w->scale;
    *x = rg.heap_x + (wx - t->w->view.pan_x) * k;
    *y = rg.heap_y + (wy + LAYOUT_TAG_H - t->w->view.pan_y) * k;
    *w = ww * k;
    *h = (wh - LAYOUT_TAG_H) * k;
    return 0;
}

/* ---- tests ---------------------------------------------------------------------- */

static void t_display_list(void)
{
    RenderList l;
    render_list_init(&l, 100, 80, (RenderColor){1, 2, 3, 255});
    RenderColor c = {10, 20, 30, 255};
    render_rect(&l, 1, 2, 3, 4, 1, c);
    RenderPt p[3] = {{0, 0}, {10, 0}, {10, 10}};
    render_line(&l, p, 3, 2, 0, 8, c);
    render_text(&l, 5, 6, RENDER_FONT_MONO, 16, RENDER_ALIGN_LEFT, c, "hello");
    render_text(&l, 5, 6, RENDER_FONT_MONO, 16, RENDER_ALIGN_LEFT, c, ""); /* dropped */
    render_hit(&l, RENDER_HIT_CARD, 7, 0, 0, 50, 50);
    render_hit(&l, RENDER_HIT_BUTTON, 2, 10, 10, 5, 5);
    CHECK(l.ncmds == 3, "ncmds %d", l.ncmds);
    CHECK(l.cmds[1].npts == 3 && l.pts[l.cmds[1].pts + 2].y == 10, "points kept");
    CHECK(strcmp(render_cmd_text(&l, &l.cmds[2]), "hello") == 0, "text kept");
    const RenderHit *h = render_hit_at(&l, 12, 12);
    CHECK(h && h->kind == RENDER_HIT_BUTTON, "topmost hit wins");
    h = render_hit_at(&l, 40, 40);
    CHECK(h && h->kind == RENDER_HIT_CARD && h->id == 7, "card hit");
    CHECK(render_hit_at(&l, 90, 70) == NULL, "no hit");
    render_list_reset(&l, 10, 10, c);
    CHECK(l.ncmds == 0 && l.nhits == 0 && !l.oom, "reset empties");
    render_list_free(&l);
}

static void t_theme_table(void)
{
    for (int i = 0; i < RENDER_THEME_COUNT; i++) {
        const RenderTheme *t = render_theme((RenderThemeId)i);
        CHECK(render_theme_from_name(t->name) == i, "name round trip %s", t->name);
        CHECK(!near(t->card, t->heap_bg, 0) || t->card_border.a, "card visible on heap %s", t->name);
        CHECK(!near(t->text, t->panel, 60), "text contrasts with panel in %s", t->name);
        for (int g = 0; g < 4; g++)
            for (int k = g + 1; k < 4; k++)
                CHECK(!near(t->gen[g], t->gen[k], 20), "generation colours differ in %s", t->name);
    }
    CHECK(render_theme_from_name("nope") == -1, "unknown theme");
}

static void t_text_metrics(void)
{
    RenderFonts *f = render_fonts_new();
    CHECK(f != NULL, "fonts found: %s", SDL_GetError());
    if (!f)
        return;
    int a = render_text_width(f, RENDER_FONT_SANS, 16, "Node #3");
    int b = render_text_width(f, RENDER_FONT_SANS, 32, "Node #3");
    CHECK(a > 20 && b > a * 3 / 2, "width scales with size (%d, %d)", a, b);
    CHECK(render_text_width(f, RENDER_FONT_MONO, 16, "iiii") ==
              render_text_width(f, RENDER_FONT_MONO, 16, "MMMM"),
          "mono is monospaced");
    CHECK(render_line_height(f, RENDER_FONT_SANS, 16) >= 16, "line height");
    render_fonts_free(f);
}

static void t_backend_pixels(void)
{
    Target t;
    CHECK(target_open(&t, 200, 120, 0) == 0, "target: %s", SDL_GetError());
    RenderList l;
    render_list_init(&l, 200, 120, (RenderColor){0, 0, 0, 255});
    render_rect(&l, 10, 10, 60, 40, 8, (RenderColor){255, 0, 0, 255});
    RenderPt p[2] = {{100, 30}, {190, 30}};
    render_line(&l, p, 2, 3, 0, 14, (RenderColor){0, 255, 0, 255});
    render_frame(&l, 10, 70, 80, 40, 6, 2, 6, (RenderColor){0, 0, 255, 255});
    render_text(&l, 100, 70, RENDER_FONT_BOLD, 24, RENDER_ALIGN_LEFT, (RenderColor){255, 255, 255, 255},
                "Ab");
    CHECK(render_sdl_draw(t.w->backend, &l) == 0, "draw: %s", SDL_GetError());
    SDL_RenderFlush(t.r);
    CHECK(near(pixel(&t, 40, 30), (RenderColor){255, 0, 0, 255}, 2), "rect filled");
    CHECK(near(pixel(&t, 10, 10), (RenderColor){0, 0, 0, 255}, 40), "rounded corner left empty");
    CHECK(near(pixel(&t, 130, 30), (RenderColor){0, 255, 0, 255}, 10), "line drawn");
    /* the head: thicker than the shaft, and reaching close to the tip */
    int shaft = 0, head = 0;
    for (int y = 15; y < 45; y++) {
        shaft += pixel(&t, 130, y).g > 100;
        head += pixel(&t, 180, y).g > 100;
    }
    CHECK(shaft >= 2 && shaft <= 5, "shaft width %d", shaft);
    CHECK(head >= shaft + 4, "arrowhead wider than the shaft (%d vs %d)", head, shaft);
    CHECK(pixel(&t, 188, 30).g > 60 || pixel(&t, 188, 29).g > 60, "arrowhead reaches the tip");
    CHECK(coverage(&t, 100, 70, 40, 30, (RenderColor){255, 255, 255, 255}, 30) > 0.05, "text drawn");
    /* a dashed frame has gaps along its top edge */
    int on = 0, off = 0;
    for (int x = 20; x < 80; x++) {
        if (pixel(&t, x, 70).b > 200 || pixel(&t, x, 71).b > 200)
            on++;
        else
            off++;
    }
    CHECK(on > 10 && off > 10, "dashes (on %d off %d)", on, off);
    /* PNG */
    char path[] = "/tmp/gcviz-render-test-XXXXXX";
    int fd = mkstemp(path);
    if (fd >= 0)
        close(fd);
    CHECK(record_png_save(t.r, 200, 120, path) == 0, "png: %s", SDL_GetError());
    if (getenv("GCVIZ_KEEP_PNG"))
        record_png_save(t.r, 200, 120, getenv("GCVIZ_KEEP_PNG"));
    struct stat st;
    CHECK(stat(path, &st) == 0 && st.st_size > 100, "png written");
    FILE *f = fopen(path, "rb");
    unsigned char sig[8] = {0};
    if (f) {
        CHECK(fread(sig, 1, 8, f) == 8, "png read");
        fclose(f);
    }
    CHECK(memcmp(sig, "\x89PNG\r\n\x1a\n", 8) == 0, "png signature");
    remove(path);
    render_list_free(&l);
    target_close(&t);
}

/* Rounded rects and outlines on the software renderer (whole-pixel bands
 * plus cached anti-aliased corners): a translucent pill is one even colour
 * down its middle (no seam where the bands meet), corners are empty outside
 * the arc, partly covered on it and full inside, an outline is its width
 * thick with the inside left alone. */
static void t_backend_round(void)
{
    Target t;
    CHECK(target_open(&t, 200, 120, 0) == 0, "target: %s", SDL_GetError());
    RenderList l;
    const RenderColor bg = {0, 0, 0, 255}, red = {255, 0, 0, 255}, blue = {0, 0, 255, 255};
    render_list_init(&l, 200, 120, bg);
    render_rect(&l, 10, 50, 60, 40, 10, red);
    render_frame(&l, 110, 50, 60, 40, 10, 3, 0, blue);
    /* last: a translucent rect before an opaque one is drawn as a shadow */
    render_rect(&l, 10, 10, 80, 24, 12, (RenderColor){200, 200, 200, 128}); /* a pill, 24 high */
    CHECK(render_sdl_draw(t.w->backend, &l) == 0, "draw: %s", SDL_GetError());
    SDL_RenderFlush(t.r);
    RenderColor mid = pixel(&t, 50, 22);
    CHECK(mid.r > 80 && mid.r < 120, "pill half covered: %d", mid.r);
    for (int y = 12; y < 32; y++)
        CHECK(near(pixel(&t, 50, y), mid, 2), "pill row %d: %d, not %d", y, pixel(&t, 50, y).r, mid.r);
    CHECK(near(pixel(&t, 10, 50), bg, 2), "corner outside the arc is empty");
    CHECK(near(pixel(&t, 20, 60), red, 2), "inside the arc is filled");
    int partial = 0;
    for (int i = 0; i < 10; i++) {
        RenderColor p = pixel(&t, 10 + i, 50 + (int)(10 - sqrtf(100.0f - (float)((10 - i) * (10 - i)))));
        partial += p.r > 20 && p.r < 235;
    }
    CHECK(partial >= 3, "the arc is anti-aliased (%d partial pixels)", partial);
    CHECK(near(pixel(&t, 140, 50), blue, 2) && near(pixel(&t, 140, 52), blue, 2), "outline 3 px");
    CHECK(near(pixel(&t, 140, 54), bg, 2) && near(pixel(&t, 140, 70), bg, 2), "inside left alone");
    CHECK(near(pixel(&t, 110, 50), bg, 2), "outline corner outside the arc is empty");
    render_list_free(&l);
    target_close(&t);
}

/* Square quads at fractional places on the software renderer (a dash
 * along a card's side is one): the inside, inset half a pixel, is exactly
 * the pixels whose centres it holds, in the full colour; the one-pixel
 * ring around it is half covered; beyond it nothing is touched. */
static void t_backend_quads(void)
{
    Target t;
    CHECK(target_open(&t, 200, 200, 0) == 0, "target: %s", SDL_GetError());
    RenderList l;
    const RenderColor bg = {0, 0, 0, 255}, red = {255, 0, 0, 255};
    render_list_init(&l, 200, 200, bg);
    static const float f[4] = {0.0f, 0.2f, 0.5f, 0.7f};
    for (int i = 0; i < 16; i++) {
        float x0 = 10.0f + 45.0f * (float)(i % 4) + f[i % 4], y0 = 10.0f + 45.0f * (float)(i / 4) + f[i / 4];
        float x1 = x0 + 20.3f + f[i / 4], y1 = y0 + 12.6f + f[i % 4];
        RenderPt q[4] = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
        render_poly(&l, q, 4, red);
    }
    CHECK(render_sdl_draw(t.w->backend, &l) == 0, "draw: %s", SDL_GetError());
    SDL_RenderFlush(t.r);
    int bad = 0;
    for (int i = 0; i < 16; i++) {
        float x0 = 10.0f + 45.0f * (float)(i % 4) + f[i % 4], y0 = 10.0f + 45.0f * (float)(i / 4) + f[i / 4];
        float x1 = x0 + 20.3f + f[i / 4], y1 = y0 + 12.6f + f[i % 4];
        int ix0 = (int)(x0 + 0.5f), ix1 = (int)(x1 - 0.5f), iy0 = (int)(y0 + 0.5f), iy1 = (int)(y1 - 0.5f);
        for (int y = iy0 - 3; y < iy1 + 3; y++)
            for (int x = ix0 - 3; x < ix1 + 3; x++) {
                int in = x >= ix0 && x < ix1 && y >= iy0 && y < iy1;
                int ring = !in && x >= ix0 - 1 && x <= ix1 && y >= iy0 - 1 && y <= iy1;
                RenderColor p = pixel(&t, x, y);
                int ok = in ? near(p, red, 0) : ring ? p.r > 110 && p.r < 145 && p.g == 0 : near(p, bg, 0);
                if (!ok && bad++ < 5)
                    fprintf(stderr, "quad %d pixel (%d, %d): %d %d %d (%s)\n", i, x, y, p.r, p.g, p.b,
                            in ? "inside" : ring ? "ring" : "outside");
            }
    }
    CHECK(bad == 0, "%d pixels of the quads wrong", bad);
    render_list_free(&l);
    target_close(&t);
}

/* Two windows' worth of fonts alive at once: freeing one leaves the other
 * drawing text (SDL_ttf is held by each until it is freed). */
static void t_two_windows(void)
{
    Target a, b;
    CHECK(target_open(&a, 400, 300, 0) == 0, "first: %s", SDL_GetError());
    CHECK(target_open(&b, 400, 300, 0) == 0, "second: %s", SDL_GetError());
    target_close(&a);
    RenderList l;
    render_list_init(&l, 400, 300, (RenderColor){0, 0, 0, 255});
    render_text(&l, 20, 20, RENDER_FONT_BOLD, 32, RENDER_ALIGN_LEFT, (RenderColor){255, 255, 255, 255},
                "Node #3");
    CHECK(render_sdl_draw(b.w->backend, &l) == 0, "draw: %s", SDL_GetError());
    SDL_RenderFlush(b.r);
    CHECK(coverage(&b, 20, 20, 120, 40, (RenderColor){255, 255, 255, 255}, 30) > 0.05,
          "text drawn after the other window's fonts were freed");
    render_list_free(&l);
    target_close(&b);
}

static void t_layout_plain(void)
{
    Layout *l = layout_new();
    LayoutItem items[4] = {
        {1, 236, 150, 0, -1, 0},
        {2, 236, 150, 5, -1, 1},  /* child of 1: to its right */
        {3, 236, 150, 6, -1, 1},  /* another child of 1: right, not overlapping 2 */
        {4, 236, 150, 7, -1, 0},  /* a root: below 1 */
    };
    CHECK(layout_place(l, items, 4) == 0, "place");
    float x[5], y[5];
    for (int i = 1; i <= 4; i++)
        CHECK(layout_get(l, i, &x[i], &y[i]) == 0, "placed %d", i);
    CHECK(x[2] > x[1] + 236, "child right of parent");
    CHECK(fabsf(y[2] - y[1]) < 1, "first child on the same row");
    for (int i = 1; i <= 4; i++)
        for (int j = i + 1; j <= 4; j++) {
            int overlap = x[i] < x[j] + 236 && x[j] < x[i] + 236 && y[i] < y[j] + 150 && y[j] < y[i] + 150;
            CHECK(!overlap, "cards %d and %d overlap", i, j);
        }
    CHECK(fabsf(x[4] - x[1]) < 1 && y[4] > y[1], "second root below the first");
    /* an object whose life does not overlap may reuse a spot */
    LayoutItem dead[2] = {{5, 236, 150, 100, 200, 0}, {6, 236, 150, 300, -1, 0}};
    layout_clear(l);
    CHECK(layout_place(l, dead, 2) == 0, "place");
    CHECK(layout_get(l, 5, &x[1], &y[1]) == 0 && layout_get(l, 6, &x[2], &y[2]) == 0, "got");
    CHECK(fabsf(x[1] - x[2]) < 1 && fabsf(y[1] - y[2]) < 1, "spot reused after death");
    /* pins are kept */
    CHECK(layout_set(l, 9, 500, 600, 1) == 0 && layout_is_pinned(l, 9), "pin");
    CHECK(layout_get(l, 9, &x[0], &y[0]) == 0 && x[0] == 500 && y[0] == 600, "pin position");
    CHECK(layout_add_unreachable(l, 5, 2, 2) == 0 && layout_add_unreachable(l, 5, 3, 3) == 0, "spans");
    CHECK(layout_unreachable_since(l, 5, 3) == 2, "merged span");
    CHECK(layout_unreachable_since(l, 5, 4) == -1, "outside span");
    layout_free(l);
}

/* 300 cards alive at once, all children of one list: the layout fills a
 * block about as wide as tall (so F shows every card), without overlaps. */
static void t_layout_many(void)
{
    enum { N = 300 };
    static LayoutItem items[N];
    float w = 0, h = 0;
    layout_card_size(GC_KIND_INSTANCE, 1, &w, &h);
    for (int i = 0; i < N; i++)
        items[i] = (LayoutItem){i + 1, i == 0 ? 470.0f : w, h, i, -1, i == 0 ? 0 : 1};
    Layout *l = layout_new();
    CHECK(layout_place(l, items, N) == 0, "place");
    float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
    static float x[N + 1], y[N + 1];
    for (int i = 1; i <= N; i++) {
        CHECK(layout_get(l, i, &x[i], &y[i]) == 0, "placed %d", i);
        float cw = items[i - 1].w, ch = items[i - 1].h;
        x0 = fminf(x0, x[i]);
        y0 = fminf(y0, y[i]);
        x1 = fmaxf(x1, x[i] + cw);
        y1 = fmaxf(y1, y[i] + ch);
    }
    int overlaps = 0;
    for (int i = 1; i <= N; i++)
        for (int j = i + 1; j <= N; j++)
            overlaps += x[i] < x[j] + items[j - 1].w && x[j] < x[i] + items[i - 1].w &&
                        y[i] < y[j] + items[j - 1].h && y[j] < y[i] + items[i - 1].h;
    CHECK(overlaps == 0, "%d overlapping pairs", overlaps);
    float aspect = (x1 - x0) / (y1 - y0);
    CHECK(aspect > 0.7f && aspect < 2.2f, "block %.0f x %.0f (aspect %.2f)", x1 - x0, y1 - y0, aspect);
    /* the cards fill the block: no long row with holes */
    double used = (double)N * (w + LAYOUT_GAP_X) * (h + LAYOUT_GAP_Y);
    double box = (double)(x1 - x0 + LAYOUT_GAP_X) * (y1 - y0 + LAYOUT_GAP_Y);
    CHECK(used / box > 0.6, "fill %.2f", used / box);
    /* a few cards keep the usual column height */
    CHECK(layout_column_height(items, 5) == LAYOUT_COLUMN_H, "small runs: %.0f",
          layout_column_height(items, 5));
    layout_free(l);
}

/* Zoomed out (F on a heap of 121 cards) cards switch to the overview
 * style: one block each, still labelled, clickable, with arrows. */
static void t_overview(void)
{
    for (int th = 0; th < RENDER_THEME_COUNT; th++) {
        Target t;
        CHECK(target_open(&t, 1600, 1000, th) == 0, "target");
        CHECK(load(&t, "many.json") == 0, "load");
        key(&t, SDLK_END, 0);
        key(&t, SDLK_f, 0);
        CHECK(t.w->view.zoom < 0.4f, "zoomed out to %.2f", t.w->view.zoom);
        CHECK(draw(&t) == 0, "draw");
        const RenderTheme *tm = render_theme((RenderThemeId)th);
        RenderRegions rg;
        render_regions(t.w->width, t.w->height, t.w->scale, &rg);
        int on_screen = 0, labelled = 0;
        GcId last = gc_max_id(t.w->heap);
        for (GcId id = 1; id <= last; id++) {
            float x, y, w, h;
            if (card_screen(&t, id, &x, &y, &w, &h) < 0)
                continue;
            if (x >= rg.heap_x && y >= rg.heap_y && x + w <= rg.heap_x + rg.heap_w &&
                y + h <= rg.heap_y + rg.heap_h)
                on_screen++;
            /* text in the card: pixels near the card text colour in its left half */
            if (coverage(&t, (int)x + 4, (int)y + 2, (int)(w * 0.5f), (int)h - 4, tm->card_text, 60) > 0.03)
                labelled++;
        }
        CHECK(on_screen == (int)last, "%s: %d of %d cards on screen", tm->name, on_screen, (int)last);
        CHECK(labelled == (int)last, "%s: %d of %d cards labelled", tm->name, labelled, (int)last);
        /* the block is in the card header colour */
        float x, y, w, h;
        CHECK(card_screen(&t, 50, &x, &y, &w, &h) == 0, "card 50");
        double cov = coverage(&t, (int)(x + w * 0.5f), (int)y + 2, (int)(w * 0.2f), 2, tm->card_header, 8);
        CHECK(cov > 0.5, "%s: card colour %.2f", tm->name, cov);
        /* #7's field points to itself: an arrow leaves its right edge */
        CHECK(card_screen(&t, 7, &x, &y, &w, &h) == 0, "card 7");
        double arrow = ink(&t, (int)(x + w) + 1, (int)y, 8, (int)h, tm);
        double beside = ink(&t, (int)x + 2, (int)(y + h) + 2, 8, 4, tm);
        CHECK(arrow > 0.1 && beside < 0.05, "%s: self arrow %.2f, below the card %.2f", tm->name,
              arrow, beside);
        /* a click selects a card, as in the full style */
        CHECK(card_screen(&t, 33, &x, &y, &w, &h) == 0, "card 33");
        app_win_mouse_down(t.w, x + w * 0.5f, y + h * 0.5f, 1, 0);
        app_win_mouse_up(t.w, x + w * 0.5f, y + h * 0.5f, 0);
        CHECK(t.w->view.selected == 33, "%s: selected %d", tm->name, (int)t.w->view.selected);
        target_close(&t);
    }
}

/* ---- the layout against a plain reference ---------------------------------- */

/* The placement rule written the simplest way: try every spot, 16 units
 * apart, nearest the parent first, against every card placed so far.
 * layout_place must give exactly the same places (it jumps over cards and
 * keeps a grid, which must change nothing). */
typedef struct RefCard {
    float x, y, w, h;
    int32_t born, gone;
} RefCard;

static int ref_free(const RefCard *c, int n, float x, float y, float w, float h, int32_t born,
                    int32_t gone)
{
    const float mx = LAYOUT_GAP_X * 0.5f, my = LAYOUT_GAP_Y * 0.5f;
    for (int i = 0; i < n; i++) {
        int32_t a_gone = c[i].gone < 0 ? INT32_MAX : c[i].gone, b_gone = gone < 0 ? INT32_MAX : gone;
        if (!(c[i].born < b_gone && born < a_gone))
            continue;
        if (x < c[i].x + c[i].w + mx && c[i].x < x + w + mx && y < c[i].y + c[i].h + my &&
            c[i].y < y + h + my)
            return 0;
    }
    return 1;
}

static void ref_place(RefCard *c, int n, const LayoutItem *it, const RefCard *parent, float col_h)
{
    const float step = 16.0f;
    RefCard *e = &c[n];
    e->w = it->w;
    e->h = it->h;
    e->born = it->born;
    e->gone = it->gone;
    if (parent) {
        int tries = (int)(col_h / step) < 120 ? 120 : (int)(col_h / step);
        for (int col = 1; col <= 8; col++) {
            float mw = parent->w > e->w ? parent->w : e->w;
            float x = col == 1 ? parent->x + parent->w + LAYOUT_GAP_X
                               : parent->x + (float)col * mw + (float)col * LAYOUT_GAP_X;
            for (int k = 0; k < tries; k++) {
                float dy = k == 0 ? 0 : (float)((k + 1) / 2) * step * ((k & 1) ? 1.0f : -1.0f);
                float y = parent->y + dy;
                if (y >= 0 && ref_free(c, n, x, y, e->w, e->h, e->born, e->gone)) {
                    e->x = x;
                    e->y = y;
                    return;
                }
            }
        }
    }
    for (int col = 0; col < 400; col++) {
        float x = (float)col * (LAYOUT_CARD_W + LAYOUT_GAP_X);
        for (float y = 0; y + e->h <= col_h || y == 0; y += step)
            if (ref_free(c, n, x, y, e->w, e->h, e->born, e->gone)) {
                e->x = x;
                e->y = y;
                return;
            }
    }
    e->x = e->y = 0;
}

static uint32_t rnd(uint32_t *seed, uint32_t n)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 8) % n;
}

static void t_layout_reference(void)
{
    uint32_t seed = 12345;
#define RND(n) rnd(&seed, (uint32_t)(n))
    static const float sizes[][2] = {{300, 114}, {300, 178}, {240, 126}, {470, 126}, {300, 434}};
    for (int trial = 0; trial < 40; trial++) {
        int n = 20 + (int)RND(trial < 30 ? 80 : 400);
        LayoutItem *items = calloc((size_t)n, sizeof *items);
        RefCard *ref = calloc((size_t)n, sizeof *ref);
        int32_t t = 0;
        for (int i = 0; i < n; i++) {
            const float *sz = sizes[RND(5)];
            t += 1 + (int32_t)RND(5);
            int32_t gone = RND(3) == 0 ? t + 1 + (int32_t)RND(60) : -1;
            /* many children of a few parents, as lists make them */
            uint32_t among = RND(2) ? 3u : (uint32_t)i;
            GcId parent = i == 0 || RND(4) == 0 ? 0 : (GcId)(1 + RND(among < (uint32_t)i ? among : (uint32_t)i));
            items[i] = (LayoutItem){i + 1, sz[0], sz[1], t, gone, parent};
        }
        float col_h = layout_column_height(items, n);
        for (int i = 0; i < n; i++)
            ref_place(ref, i, &items[i], items[i].parent ? &ref[items[i].parent - 1] : NULL, col_h);
        Layout *l = layout_new();
        CHECK(layout_place(l, items, n) == 0, "place");
        int diff = 0;
        for (int i = 0; i < n && !diff; i++) {
            float x, y;
            layout_get(l, i + 1, &x, &y);
            if (x != ref[i].x || y != ref[i].y) {
                diff = 1;
                CHECK(0, "trial %d, %d cards: #%d at %g,%g, the reference says %g,%g", trial, n, i + 1,
                      x, y, ref[i].x, ref[i].y);
            }
        }
        layout_free(l);
        free(items);
        free(ref);
    }
#undef RND
}

static void t_layout_run(void)
{
    Target t;
    CHECK(target_open(&t, 1600, 1000, 0) == 0, "target");
    CHECK(load(&t, "cycle.json") == 0, "load");
    GcHeap *h = t.w->heap;
    GcId maxid = gc_max_id(h);
    gc_seek(h, gc_event_count(h));
    maxid = gc_max_id(h);
    CHECK(maxid >= 5, "objects: %d", (int)maxid);
    for (GcId a = 1; a <= maxid; a++) {
        float ax, ay;
        CHECK(layout_get(t.w->layout, a, &ax, &ay) == 0, "placed #%d", (int)a);
    }
    /* determinism: a second build gives the same positions */
    Layout *l2 = layout_new();
    CHECK(layout_build(l2, h, NULL, 0) == 0, "build");
    for (GcId a = 1; a <= maxid; a++) {
        float ax, ay, bx, by;
        layout_get(t.w->layout, a, &ax, &ay);
        layout_get(l2, a, &bx, &by);
        CHECK(ax == bx && ay == by, "same place for #%d", (int)a);
    }
    layout_free(l2);
    target_close(&t);
}

/* A scenario's "layout" pins cards by "Node #2" or by variable name, and
 * pinned cards stay where they were pinned. */
static void t_layout_pins(void)
{
    Target t;
    CHECK(target_open(&t, 1600, 1000, 0) == 0, "target");
    CHECK(load(&t, "pins.json") == 0, "load");
    float x, y;
    CHECK(layout_get(t.w->layout, 2, &x, &y) == 0 && x == 640 && y == 40,
          "Node #2 pinned at (640, 40): (%g, %g)", x, y);
    CHECK(layout_is_pinned(t.w->layout, 2), "Node #2 is pinned");
    CHECK(layout_get(t.w->layout, 1, &x, &y) == 0 && x == 40 && y == 400,
          "a (Node #1) pinned at (40, 400): (%g, %g)", x, y);
    CHECK(draw(&t) == 0, "draw");
    target_close(&t);
}

/* Moves to the first cursor where object id is alive and drawn. */
static int seek_alive(Target *t, GcId id, int nslots)
{
    GcHeap *h = t->w->heap;
    for (int32_t c = 0; c <= gc_event_count(h); c++) {
        gc_seek(h, c);
        const GcObject *o = gc_object(h, id);
        if (o && o->state == GC_STATE_ALIVE && (int)gc_nslots(o) >= nslots &&
            (nslots == 0 || GC_VAL_IS_OBJ(gc_slot(o, nslots - 1).val))) {
            app_win_seek(t->w, c, 0);
            return 0;
        }
    }
    return -1;
}

static void t_card_color(void)
{
    for (int th = 0; th < RENDER_THEME_COUNT; th++) {
        Target t;
        CHECK(target_open(&t, 1600, 1000, th) == 0, "target");
        CHECK(load(&t, "cycle.json") == 0, "load");
        /* after "p = make_pair()": nothing is touched by the event shown */
        key(&t, SDLK_RIGHT, 0);
        key(&t, SDLK_RIGHT, 0);
        const GcObject *o1 = gc_object(t.w->heap, 1);
        CHECK(o1 && o1->state == GC_STATE_ALIVE, "#1 alive");
        CHECK(draw(&t) == 0, "draw");
        float x, y, w, h;
        CHECK(card_screen(&t, 1, &x, &y, &w, &h) == 0, "card rect");
        const RenderTheme *tm = render_theme((RenderThemeId)th);
        /* the lower part of the body (below the header, right of the bars) */
        double cov = coverage(&t, (int)(x + w * 0.3f), (int)(y + h - 12), (int)(w * 0.2f), 4, tm->card, 6);
        CHECK(cov > 0.6, "card colour in %s: %.2f", tm->name, cov);
        target_close(&t);
    }
}

static void t_arrow_reaches(void)
{
    Target t;
    CHECK(target_open(&t, 1600, 1000, 0) == 0, "target");
    CHECK(load(&t, "cycle.json") == 0, "load");
    /* a.peer = b: #1 has a field pointing at #2 */
    CHECK(seek_alive(&t, 1, 1) == 0, "#1 has a field");
    CHECK(draw(&t) == 0, "draw");
    GcHeap *hp = t.w->heap;
    const GcObject *o = gc_object(hp, 1);
    CHECK(o && gc_nslots(o) >= 1 && GC_VAL_IS_OBJ(gc_slot(o, 0).val), "field is a reference");
    GcId tgt = GC_VAL_ID(gc_slot(o, 0).val);
    float x, y, w, h;
    CHECK(card_screen(&t, tgt, &x, &y, &w, &h) == 0, "target rect");
    /* the arrowhead lands on the target's left or right edge at about
     * header height (arrows into one card are spread along its edge) */
    const RenderTheme *tm = render_theme(RENDER_THEME_DARK);
    double left = 0, right = 0, hot_l = 0, hot_r = 0;
    for (int hy = (int)(y + 4); hy <= (int)(y + LAYOUT_HEADER_H); hy++) {
        left = fmax(left, coverage(&t, (int)x - 12, hy - 3, 10, 7, tm->arrow, 40));
        right = fmax(right, coverage(&t, (int)(x + w) + 2, hy - 3, 10, 7, tm->arrow, 40));
        hot_l = fmax(hot_l, coverage(&t, (int)x - 12, hy - 3, 10, 7, tm->arrow_hot, 40));
        hot_r = fmax(hot_r, coverage(&t, (int)(x + w) + 2, hy - 3, 10, 7, tm->arrow_hot, 40));
    }
    CHECK(left + right + hot_l + hot_r > 0.2, "arrowhead at the target (%.2f %.2f %.2f %.2f)", left,
          right, hot_l, hot_r);
    target_close(&t);
}

/* A dict's key that is an object (dict_keys.py: edges[a] and
 * edges[(a, b)], dict #3, rows 1 and 2): a ring about the middle of its
 * row and a dashed arrow leaving it towards the key's card (Node #1,
 * above). */
static void t_key_arrows(void)
{
    Target t;
    CHECK(target_open(&t, 1600, 1000, 0) == 0, "target");
    CHECK(load(&t, "dict_keys.py") == 0, "load");
    /* the first cursor after edges[(a, b)] = 3 stored its value */
    GcHeap *hp = t.w->heap;
    int32_t at = -1;
    for (int32_t c = 0; c <= gc_event_count(hp) && at < 0; c++) {
        gc_seek(hp, c);
        const GcObject *o = gc_object(hp, 3);
        if (o && o->state == GC_STATE_ALIVE && gc_nslots(o) == 3 &&
            gc_slot(o, 2).val == GC_MKVAL(GC_V_INT, 3))
            at = c;
    }
    CHECK(at >= 0, "edges[(a, b)] = 3 stored");
    app_win_seek(t.w, at + 1, 0);
    CHECK(draw(&t) == 0, "draw");
    const GcObject *d = gc_object(t.w->heap, 3);
    CHECK(d && d->kind == GC_KIND_DICT && gc_nslots(d) == 3 &&
              gc_slot(d, 1).key == GC_VAL_OBJ(1) && GC_VAL_IS_OBJ(gc_slot(d, 2).key),
          "dict #3 keyed by Node #1 and tuple #4");
    float x, y, w, h, nx, ny, nw, nh;
    CHECK(card_screen(&t, 3, &x, &y, &w, &h) == 0, "dict rect");
    CHECK(card_screen(&t, 1, &nx, &ny, &nw, &nh) == 0 && ny + nh < y, "Node #1 above the dict");
    const RenderTheme *tm = render_theme(RENDER_THEME_DARK);
    /* (row 1's ring: half a step right of the middle, key_ring_x) */
    float kz = t.w->view.zoom * t.w->scale;
    int cx = (int)(x + w * 0.5f + 6 * kz), cy = (int)(y + (LAYOUT_HEADER_H + LAYOUT_ROW_H * 1.5f) * kz);
    double ring = coverage(&t, cx - 6, cy - 6, 13, 13, tm->arrow, 40);
    /* the arrow goes up from the ring, out of the card's top */
    double up = coverage(&t, cx - 2, (int)y + 4, 5, cy - 8 - ((int)y + 4), tm->arrow, 40);
    /* the value's row (row 0, a constant key) has no ring */
    double none = coverage(&t, cx - 6, cy - (int)LAYOUT_ROW_H - 6, 13, 13, tm->arrow, 40);
    CHECK(ring > 0.15 && up > 0.05 && none < 0.05 + up, /* (one dashed line: the tuple's ran along it) */
          "key ring %.2f, arrow above it %.2f, row 0's middle %.2f", ring, up, none);
    target_close(&t);
}

static void t_code_highlight(void)
{
    Target t;
    CHECK(target_open(&t, 1600, 1000, 0) == 0, "target");
    CHECK(load(&t, "cycle.json") == 0, "load");
    RenderRegions rg;
    render_regions(1600, 1000, 1, &rg);
    const RenderTheme *tm = render_theme(RENDER_THEME_DARK);
    RenderColor hl = render_mix(tm->panel, (RenderColor){tm->code_hl.r, tm->code_hl.g, tm->code_hl.b, 255},
                                (float)tm->code_hl.a / 255.0f);
    /* after k statements, row k-1 of the code panel is highlighted */
    for (int k = 1; k <= 3; k++) {
        key(&t, SDLK_RIGHT, 0);
        CHECK(draw(&t) == 0, "draw");
        int best = -1;
        double best_cov = 0;
        for (int row = 0; row < 8; row++) {
            int ry = (int)(rg.code_y + 44 + 30 * row + 15);
            double c = coverage(&t, (int)(rg.code_x + rg.code_w - 60), ry - 4, 30, 8, hl, 6);
            if (c > best_cov) {
                best_cov = c;
                best = row;
            }
        }
        CHECK(best == k - 1 && best_cov > 0.8, "after %d statements row %d highlighted (%.2f)", k,
              best, best_cov);
    }
    target_close(&t);
}

static void t_themes_differ(void)
{
    uint64_t hs[RENDER_THEME_COUNT];
    RenderColor bg[RENDER_THEME_COUNT];
    for (int th = 0; th < RENDER_THEME_COUNT; th++) {
        Target t;
        CHECK(target_open(&t, 1200, 800, th) == 0, "target");
        CHECK(load(&t, "cycle.json") == 0, "load");
        app_win_command(t.w, APP_CMD_END, 0);
        CHECK(draw(&t) == 0, "draw");
        hs[th] = frame_hash(&t);
        bg[th] = pixel(&t, 2, 2);
        target_close(&t);
    }
    CHECK(hs[0] != hs[1] && hs[1] != hs[2] && hs[0] != hs[2], "frames differ");
    int lum_dark = bg[0].r + bg[0].g + bg[0].b, lum_light = bg[1].r + bg[1].g + bg[1].b;
    CHECK(lum_light > lum_dark + 300, "light is light (%d vs %d)", lum_light, lum_dark);
}

static void t_states_drawn(void)
{
    /* every cursor of a few scenarios draws without error and with cards */
    const char *names[] = {"cycle.json", GCVIZ_GOLDEN_DIR "/f05_resurrect_cycle.json",
                           GCVIZ_GOLDEN_DIR "/f10_weakref_drops_itself.json"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        Target t;
        CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
        if (load(&t, names[i]) < 0) {
            CHECK(0, "load %s", names[i]);
            target_close(&t);
            continue;
        }
        int32_t n = gc_event_count(t.w->heap);
        int32_t stride = n / 120 + 1; /* about 120 frames each, every kind of event included */
        for (int32_t c = 0; c <= n; c += (c % 7 == 0) ? 1 : stride) {
            app_win_seek(t.w, c, 0);
            if (app_win_draw(t.w, 0) < 0) {
                CHECK(0, "%s: draw at %d: %s", names[i], (int)c, SDL_GetError());
                break;
            }
        }
        target_close(&t);
    }
}

static void t_replay_back_forth(void)
{
    Target t;
    CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
    CHECK(load(&t, "cycle.json") == 0, "load");
    CHECK(draw(&t) == 0, "draw");
    uint64_t h0 = frame_hash(&t);
    int32_t c0 = app_win_cursor(t.w);
    for (int i = 0; i < 4; i++)
        key(&t, SDLK_RIGHT, 0);
    CHECK(draw(&t) == 0, "draw");
    uint64_t h4 = frame_hash(&t);
    CHECK(app_win_cursor(t.w) > c0, "moved forward");
    CHECK(h4 != h0, "frame changed");
    for (int i = 0; i < 4; i++)
        key(&t, SDLK_LEFT, 0);
    CHECK(draw(&t) == 0, "draw");
    CHECK(app_win_cursor(t.w) == c0, "cursor back");
    CHECK(frame_hash(&t) == h0, "identical frame after 4 right, 4 left");
    /* the same at micro-step granularity */
    key(&t, SDLK_TAB, 0);
    key(&t, SDLK_TAB, 0);
    for (int i = 0; i < 4; i++)
        key(&t, SDLK_RIGHT, 0);
    CHECK(app_win_cursor(t.w) == c0 + 4, "micro steps are events");
    for (int i = 0; i < 4; i++)
        key(&t, SDLK_LEFT, 0);
    key(&t, SDLK_TAB, 0);
    CHECK(draw(&t) == 0, "draw");
    CHECK(frame_hash(&t) == h0, "identical frame after micro steps");
    target_close(&t);
}

/* The timeline's marks are a group the software backend keeps as pixels
 * (render_group_begin): a frame that copies them is the frame drawn from
 * scratch, byte for byte, through steps, a theme change and a jump. */
static void t_group_cache(void)
{
    const char *files[] = {"cycle.json", "many.json"};
    for (int f = 0; f < 2; f++) {
        Target t;
        CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
        CHECK(load(&t, files[f]) == 0, "load");
        CHECK(draw(&t) == 0, "draw");
        /* the timeline is a lasting group: kept the first time it is
         * drawn, copied from the second frame on */
        RenderSdl *first = t.w->backend;
        t.w->backend = render_sdl_new(t.r, t.w->fonts);
        CHECK(t.w->backend && draw(&t) == 0 && draw(&t) == 0, "draw twice");
        CHECK(render_sdl_groups_copied(t.w->backend) >= 1,
              "%s: the timeline was drawn again in the second frame", files[f]);
        render_sdl_free(t.w->backend);
        t.w->backend = first;
        long copied = render_sdl_groups_copied(t.w->backend);
        for (int i = 0; i < 12; i++) {
            key(&t, i == 6 ? SDLK_t : i == 9 ? SDLK_END : SDLK_RIGHT, 0);
            CHECK(draw(&t) == 0, "draw");
            uint64_t kept = frame_hash(&t);
            /* the same frame from a new backend: nothing kept */
            RenderSdl *old = t.w->backend;
            t.w->backend = render_sdl_new(t.r, t.w->fonts);
            CHECK(t.w->backend && draw(&t) == 0, "draw");
            CHECK(render_sdl_groups_copied(t.w->backend) == 0, "a new backend draws");
            CHECK(frame_hash(&t) == kept, "%s step %d: the copied frame differs from the drawn one",
                  files[f], i);
            render_sdl_free(t.w->backend);
            t.w->backend = old;
        }
        CHECK(render_sdl_groups_copied(t.w->backend) - copied >= 8,
              "%s: the timeline was copied in %ld of 12 frames", files[f],
              render_sdl_groups_copied(t.w->backend) - copied);
        target_close(&t);
    }
}

/* The first (x, y) where two targets' pixels differ (in red, green and
 * blue when a has no alpha: XRGB8888's fourth byte is not compared); 0
 * when none does. */
static int first_difference(const Target *a, const Target *b, int *x, int *y)
{
    Uint32 mask = a->surf->format->Amask ? 0xffffffffu : 0x00ffffffu;
    for (*y = 0; *y < a->surf->h; (*y)++)
        for (*x = 0; *x < a->surf->w; (*x)++) {
            Uint32 p =
                ((const Uint32 *)
                     a->surf->pixels)[(size_t)*y * (size_t)(a->surf->pitch / 4) + (size_t)*x];
            Uint32 q =
                ((const Uint32 *)
                     b->surf->pixels)[(size_t)*y * (size_t)(b->surf->pitch / 4) + (size_t)*x];
            if ((p ^ q) & mask)
                return 1;
        }
    return 0;
}

/* A pseudo-random number below n. */
static int rnd_below(uint32_t *seed, int n)
{
    *seed = *seed * 1103515245u + 12345u;
    return (int)((*seed >> 8) % (uint32_t)n);
}

/* Draws l on both targets (through SDL alone, and written directly) and
 * says where their pixels first differ; returns 1 when they do. */
static int draw_both_differ(Target *sdl, Target *direct, const RenderList *l, const char *what)
{
    CHECK(render_sdl_draw(sdl->w->backend, l) == 0 && render_sdl_draw(direct->w->backend, l) == 0,
          "%s: draw: %s", what, SDL_GetError());
    SDL_RenderFlush(sdl->r);
    SDL_RenderFlush(direct->r);
    int x, y;
    if (!first_difference(sdl, direct, &x, &y))
        return 0;
    RenderColor p = pixel(sdl, x, y), q = pixel(direct, x, y);
    fprintf(stderr, "%s: pixel (%d, %d) is %d %d %d %d through SDL, %d %d %d %d written directly\n",
            what, x, y, p.r, p.g, p.b, p.a, q.r, q.g, q.b, q.a);
    return 1;
}

/* A backend given its target surface (render_sdl_set_surface) writes the
 * pixels SDL's software renderer would, byte for byte: (1) lists of
 * random shapes over a random background, each kind alone and all mixed
 * (rects square and rounded, opaque and translucent, shadows under cards,
 * outlines solid and dashed, curves with and without heads, thin and
 * translucent lines, polygons, hatching, text in random colours, clips,
 * groups drawn twice so that they are copied), at fractional places,
 * partly off the target; (2) the frames of scenarios through steps, a
 * theme change, zooms down to the overview and a 2x scale.  Fails with
 * the first pixel that differs (SDL's blend, triangle or blit arithmetic
 * not matched). */
static void direct_pixels(Uint32 format)
{
    Target sdl, direct;
    CHECK(target_open_format(&sdl, 320, 240, 1, 0, format) == 0 &&
              target_open_format(&direct, 320, 240, 1, 0, format) == 0,
          "targets: %s", SDL_GetError());
    CHECK(render_sdl_set_surface(sdl.w->backend, NULL) < 0, "no surface: SDL alone");
    uint32_t seed = 12345;
#define RND(n)  rnd_below(&seed, n)
#define RNDF(n) ((float)rnd_below(&seed, (n)*8) / 8.0f)
    static const char *const texts[] = {"Node #12", "rc 1", "unreachable since step 2",
                                        "gen 0",    "peer", "\xc3\x97 2 \xe2\x86\x92 x",
                                        "Wy"};
    int bad = 0;
    for (int round = 0; round < 48; round++) {
        int kind = round % 8; /* 0-6: one kind of shape; 7: all mixed */
        RenderList l;
        RenderColor bg = {(uint8_t)RND(256), (uint8_t)RND(256), (uint8_t)RND(256), 255};
        render_list_init(&l, 320, 240, bg);
        for (int i = 0; i < 40; i++) {
            int k = kind == 7 ? RND(7) : kind;
            RenderColor c = {(uint8_t)RND(256), (uint8_t)RND(256), (uint8_t)RND(256),
                             (uint8_t)(RND(3) == 0 ? 255 : RND(256))};
            float x = RNDF(360) - 20, y = RNDF(280) - 20, w = RNDF(120) + 1, h = RNDF(80) + 1;
            int32_t g = RND(4) == 0 ? render_group_begin(&l) : -1;
            if (k == 0) {
                render_rect(&l, x, y, w, h, RND(2) ? 0 : RNDF(12), c);
            } else if (k == 1) {
                RenderColor shadow = {0, 0, 0, (uint8_t)(RND(120) + 1)}, body = c;
                body.a = 255;
                render_rect(&l, x + 2, y + 3, w, h, 6, shadow);
                render_rect(&l, x, y, w, h, RND(2) ? 6 : RNDF(8), body);
            } else if (k == 2) {
                render_frame(&l, x, y, w, h, RND(2) ? 0 : RNDF(10), RNDF(3) + 0.5f,
                             RND(2) ? 0 : RNDF(6) + 2, c);
            } else if (k == 3 || k == 4) {
                RenderPt p[12];
                int n = 2 + RND(10);
                for (int j = 0; j < n; j++)
                    p[j] = (RenderPt){x + (float)j * w / (float)n + RNDF(20),
                                      y + h * sinf((float)j * 0.7f) + RNDF(10)};
                render_line(&l, p, n, k == 4 ? RNDF(1) + 0.2f : RNDF(4) + 0.5f,
                            RND(3) == 0 ? RNDF(6) + 2 : 0, RND(2) ? RNDF(10) + 4 : 0, c);
            } else if (k == 5) {
                RenderPt p[6];
                int n = 3 + RND(4);
                for (int j = 0; j < n; j++) {
                    float a = 6.2831853f * (float)j / (float)n;
                    p[j] = (RenderPt){x + w * cosf(a), y + h * sinf(a)};
                }
                if (RND(2))
                    render_poly(&l, p, n, c);
                else
                    render_hatch(&l, x, y, w, h, RNDF(2) + 0.5f, RNDF(8) + 3, c);
            } else {
                if (RND(4) == 0)
                    render_clip(&l, x, y, w, h);
                render_text(&l, x, y, (RenderFont)RND(RENDER_FONT_COUNT), 6 + RND(20),
                            (RenderAlign)RND(3), c, texts[RND(7)]);
            }
            if (g >= 0)
                render_group_end(&l, g);
        }
        render_unclip(&l);
        char what[64];
        snprintf(what, sizeof what, "shapes, round %d (kind %d)", round, kind);
        /* twice: the second time the groups are copied from kept pixels */
        bad += draw_both_differ(&sdl, &direct, &l, what);
        bad += draw_both_differ(&sdl, &direct, &l, what);
        render_list_free(&l);
    }
    /* (1b) rounded rects and outlines on whole pixels (their corners are
     * copies of anti-aliased coverage): untinted and opaque (SDL's
     * per-pixel alpha blit), white translucent and tinted (its
     * modulating blit), over a few colours, radii 1 to 48, partly off
     * the target and under a clip */
    static const RenderColor tints[] = {{255, 255, 255, 255}, {255, 255, 255, 128},
                                        {37, 42, 52, 255},    {86, 180, 233, 255},
                                        {0, 0, 0, 90},        {230, 160, 20, 7}};
    for (int round = 0; round < 6; round++) {
        RenderList l;
        render_list_init(&l, 320, 240, (RenderColor){(uint8_t)RND(256), 40, 90, 255});
        for (int i = 0; i < 40; i++) {
            RenderColor c = {(uint8_t)RND(256), (uint8_t)RND(256), (uint8_t)RND(256), 255};
            render_rect(&l, (float)RND(280) - 20, (float)RND(200) - 20, (float)RND(80) + 2,
                        (float)RND(60) + 2, 0, c);
        }
        if (round & 1)
            render_clip(&l, 30.5f, 20.5f, 250, 190);
        for (int i = 0; i < 60; i++) {
            RenderColor c = tints[(round + i) % 6];
            float x = (float)RND(300) - 20 + RNDF(1), y = (float)RND(220) - 20 + RNDF(1);
            float w = (float)RND(110) + 4, h = (float)RND(90) + 4, r = (float)RND(48) + 1;
            if (i % 3 == 2)
                render_frame(&l, x, y, w, h, r, (float)RND(4) + 1, 0, c);
            else
                render_rect(&l, x, y, w, h, r, c);
        }
        render_unclip(&l);
        char what[64];
        snprintf(what, sizeof what, "rounded corners, round %d", round);
        bad += draw_both_differ(&sdl, &direct, &l, what);
        render_list_free(&l);
    }
#undef RND
#undef RNDF
    CHECK(bad == 0, "%d lists of shapes differ", bad);
    target_close(&sdl);
    target_close(&direct);

    static const struct {
        const char *file;
        float scale;
    } runs[] = {{"cycle.json", 1},
                {"many.json", 1},
                {"many.json", 2},
                {GCVIZ_SCENARIOS_DIR "/08_collect_step_by_step.py", 1}};
    for (size_t f = 0; f < sizeof runs / sizeof runs[0]; f++) {
        CHECK(target_open_format(&sdl, 1280, 800, runs[f].scale, 0, format) == 0 &&
                  target_open_format(&direct, 1280, 800, runs[f].scale, 0, format) == 0,
              "targets");
        render_sdl_set_surface(sdl.w->backend, NULL);
        CHECK(load(&sdl, runs[f].file) == 0 && load(&direct, runs[f].file) == 0, "load");
        int frames = 0;
        for (int i = 0; i < 14; i++) {
            Target *both[2] = {&sdl, &direct};
            for (int k = 0; k < 2; k++) {
                if (i == 5)
                    key(both[k], SDLK_t, 0);
                else if (i == 7)
                    key(both[k], SDLK_END, 0);
                else if (i >= 8) {
                    RenderRegions rg;
                    app_win_regions(both[k]->w, &rg);
                    app_win_wheel(both[k]->w, rg.heap_x + rg.heap_w * 0.45f,
                                  rg.heap_y + rg.heap_h * 0.55f, i < 12 ? -3.0f : 4.0f);
                } else
                    key(both[k], SDLK_RIGHT, 0);
            }
            CHECK(draw(&sdl) == 0 && draw(&direct) == 0, "draw");
            int x, y;
            if (first_difference(&sdl, &direct, &x, &y)) {
                RenderColor p = pixel(&sdl, x, y), q = pixel(&direct, x, y);
                CHECK(0,
                      "%s frame %d (zoom %g): pixel (%d, %d) is %d %d %d through SDL, %d %d %d "
                      "written directly",
                      runs[f].file, i, (double)sdl.w->view.zoom, x, y, p.r, p.g, p.b, q.r, q.g,
                      q.b);
            }
            frames++;
        }
        CHECK(frames == 14 && sdl.w->view.zoom < 0.5f, "%s: frames down to zoom %g", runs[f].file,
              (double)sdl.w->view.zoom);
        target_close(&sdl);
        target_close(&direct);
    }
}

static void t_direct_pixels(void)
{
    direct_pixels(SDL_PIXELFORMAT_ARGB8888);
}

/* The fourth byte of pixels of a, b (XRGB8888) that differ, counted. */
static long x_bytes_differ(const Target *a, const Target *b)
{
    long n = 0;
    for (int y = 0; y < a->surf->h; y++)
        for (int x = 0; x < a->surf->w; x++) {
            size_t i = (size_t)y * (size_t)(a->surf->pitch / 4) + (size_t)x;
            n += (((const Uint32 *)a->surf->pixels)[i] ^ ((const Uint32 *)b->surf->pixels)[i]) >>
                     24 !=
                 0;
        }
    return n;
}

/* The same on XRGB8888 (SDL's RGB888), the format of a window's surface on
 * X11 at depth 24: red, green and blue byte for byte (the fourth byte is
 * ARGB8888's alpha written directly, 0 where SDL fills, blends or draws a
 * triangle: shown by a count, not compared).  Formats the backend does not
 * write itself are refused (-1) and drawn through SDL alone: the clear
 * colour and a white rect land where they should. */
static void t_direct_pixels_xrgb(void)
{
    direct_pixels(SDL_PIXELFORMAT_RGB888);

    Target sdl, direct;
    CHECK(target_open_format(&sdl, 320, 240, 1, 0, SDL_PIXELFORMAT_RGB888) == 0 &&
              target_open_format(&direct, 320, 240, 1, 0, SDL_PIXELFORMAT_RGB888) == 0,
          "targets");
    render_sdl_set_surface(sdl.w->backend, NULL);
    CHECK(load(&sdl, "cycle.json") == 0 && load(&direct, "cycle.json") == 0, "load");
    CHECK(draw(&sdl) == 0 && draw(&direct) == 0, "draw");
    fprintf(stderr, "XRGB8888: the fourth byte differs from SDL's in %ld of %d pixels\n",
            x_bytes_differ(&sdl, &direct), 320 * 240);
    target_close(&sdl);
    target_close(&direct);

    static const Uint32 refused[] = {SDL_PIXELFORMAT_ABGR8888, SDL_PIXELFORMAT_BGR888,
                                     SDL_PIXELFORMAT_RGBA8888, SDL_PIXELFORMAT_BGRA8888};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        Target t;
        const char *name = SDL_GetPixelFormatName(refused[i]);
        CHECK(target_open_format(&t, 200, 120, 1, 0, refused[i]) < 0 && t.w,
              "%s: refused, the backend made", name);
        RenderList l;
        render_list_init(&l, 200, 120, (RenderColor){30, 60, 90, 255});
        render_rect(&l, 50, 40, 60, 30, 0, (RenderColor){255, 255, 255, 255});
        CHECK(render_sdl_draw(t.w->backend, &l) == 0, "%s: draw: %s", name, SDL_GetError());
        SDL_RenderFlush(t.r);
        RenderColor bg = pixel(&t, 5, 5), in = pixel(&t, 70, 50), out = pixel(&t, 120, 50);
        CHECK(near(bg, (RenderColor){30, 60, 90, 255}, 0) &&
                  near(in, (RenderColor){255, 255, 255, 255}, 0) &&
                  near(out, (RenderColor){30, 60, 90, 255}, 0),
              "%s through SDL: %d %d %d, %d %d %d, %d %d %d", name, bg.r, bg.g, bg.b, in.r, in.g,
              in.b, out.r, out.g, out.b);
        render_list_free(&l);
        target_close(&t);
    }
}

/* The first pixel where the window's surface and target t differ in red,
 * green or blue; 0 when none does (or the sizes differ: -1). */
static int window_differs(SDL_Window *win, const Target *t, int *x, int *y)
{
    SDL_Surface *s = SDL_GetWindowSurface(win);
    if (!s || s->w != t->surf->w || s->h != t->surf->h)
        return -1;
    for (*y = 0; *y < s->h; (*y)++)
        for (*x = 0; *x < s->w; (*x)++) {
            Uint32 p =
                ((const Uint32 *)s->pixels)[(size_t)*y * (size_t)(s->pitch / 4) + (size_t)*x];
            RenderColor q = pixel(t, *x, *y);
            Uint8 r, g, b;
            SDL_GetRGB(p, s->format, &r, &g, &b);
            if (r != q.r || g != q.g || b != q.b)
                return 1;
        }
    return 0;
}

/* The window's software renderer (app_window_renderer with
 * SDL_RENDER_DRIVER=software, which it obeys: OpenGL on the CPU, which it
 * replaces, loads Mesa, whose leaks LeakSanitizer reports; the real window
 * under Xvfb takes that path): the backend follows the window's surface
 * (render_sdl_follow_window) and writes it directly, a new one after each
 * resize (the old one freed by SDL: under ASan a frame drawn into it
 * fails).  At each size the window's frame is, in red, green and blue,
 * the frame of an ARGB8888 target of that size written directly, through
 * steps and a zoom; a frame drawn after a resize the app has not heard of
 * yet (the list of the old size) draws too; and full screen and back. */
static void t_window_surface(void)
{
    CHECK(SDL_InitSubSystem(SDL_INIT_VIDEO) == 0, "video: %s", SDL_GetError());
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    SDL_Window *win = SDL_CreateWindow("gcviz test", 0, 0, 1000, 640, SDL_WINDOW_RESIZABLE);
    CHECK(win != NULL, "window: %s", SDL_GetError());
    SDL_Renderer *r = win ? app_window_renderer(win) : NULL;
    CHECK(r != NULL, "renderer: %s", SDL_GetError());
    if (!r)
        return;
    SDL_RendererInfo info = {0};
    CHECK(SDL_GetRendererInfo(r, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE),
          "SDL_RENDER_DRIVER obeyed: the software renderer, not %s", info.name ? info.name : "?");
    AppWinOptions o = {NULL, 0, 1, 0, 0, 0, 0};
    Target w = {NULL, r, app_win_new(r, 1000, 640, 1.0f, &o)};
    CHECK(w.w != NULL, "window's app");
    SDL_Surface *s = SDL_GetWindowSurface(win);
    CHECK(s != NULL, "window surface: %s", SDL_GetError());
    if (!w.w || !s)
        return;
    w.w->settled = 1;
    CHECK(render_sdl_follow_window(w.w->backend) == 0,
          "the window's surface (%s) is written directly",
          SDL_GetPixelFormatName(s->format->format));
    CHECK(load(&w, "cycle.json") == 0, "load");
    static const struct {
        int w, h; /* 0: full screen */
    } sizes[] = {{1000, 640}, {1100, 700}, {0, 0}, {960, 720}};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        if (k > 0 && sizes[k].w) {
            SDL_SetWindowFullscreen(win, 0);
            SDL_SetWindowSize(win, sizes[k].w, sizes[k].h);
        } else if (k > 0) {
            CHECK(SDL_SetWindowFullscreen(win, SDL_WINDOW_FULLSCREEN_DESKTOP) == 0,
                  "full screen: %s", SDL_GetError());
        }
        int pw, ph;
        SDL_PumpEvents();
        CHECK(SDL_GetRendererOutputSize(r, &pw, &ph) == 0, "output size");
        if (k > 0) {
            /* drawn before the app hears of the new size: the old list */
            CHECK(draw(&w) == 0, "size %zu: a frame of the old size: %s", k, SDL_GetError());
            app_win_resize(w.w, pw, ph, 1.0f);
        }
        Target ref;
        CHECK(target_open(&ref, pw, ph, 0) == 0, "reference %dx%d", pw, ph);
        CHECK(load(&ref, "cycle.json") == 0 && (k == 0 || load(&w, "cycle.json") == 0), "load");
        for (int i = 0; i < 5; i++) {
            Target *both[2] = {&w, &ref};
            for (int j = 0; j < 2; j++) {
                if (i == 4) {
                    RenderRegions rg;
                    app_win_regions(both[j]->w, &rg);
                    app_win_wheel(both[j]->w, rg.heap_x + rg.heap_w * 0.4f,
                                  rg.heap_y + rg.heap_h * 0.5f, -4.0f);
                } else if (i > 0) {
                    key(both[j], SDLK_RIGHT, 0);
                }
            }
            CHECK(draw(&w) == 0 && draw(&ref) == 0, "draw");
            int x = 0, y = 0, d = window_differs(win, &ref, &x, &y);
            CHECK(d == 0, "%dx%d frame %d: %s (%d, %d)", pw, ph, i,
                  d < 0 ? "the window's surface is not the output's size" : "differs at", x, y);
            /* written directly, not by SDL: on XRGB8888 the clear's fourth
             * byte is 255 (SDL writes 0) */
            s = SDL_GetWindowSurface(win);
            CHECK(!s || s->format->Amask || *(const Uint32 *)s->pixels >> 24 == 255,
                  "%dx%d frame %d: drawn by SDL, not written directly", pw, ph, i);
            SDL_RenderPresent(r);
        }
        target_close(&ref);
    }
    app_win_free(w.w);
    SDL_DestroyRenderer(r);
    SDL_DestroyWindow(win);
    SDL_ResetHint(SDL_HINT_RENDER_DRIVER);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

/* The glyphs the window loads while idle (render_fonts_warm) change no
 * pixel: a window whose fonts were warmed draws the frames of one whose
 * were not, byte for byte, through zooms in and out and a theme change;
 * it warms 3 faces x 27 sizes, one a call, then says it is done. */
static void t_fonts_warm(void)
{
    Target cold, warm;
    CHECK(target_open(&cold, 1280, 800, 0) == 0 && target_open(&warm, 1280, 800, 0) == 0,
          "targets");
    int calls = 0;
    while (render_fonts_warm(warm.w->fonts) && calls < 1000)
        calls++;
    CHECK(calls == 3 * 27, "warmed %d (face, size) pairs", calls);
    CHECK(render_fonts_warm(warm.w->fonts) == 0, "nothing left to warm");
    CHECK(load(&cold, "many.json") == 0 && load(&warm, "many.json") == 0, "load");
    key(&cold, SDLK_END, 0); /* every card */
    key(&warm, SDLK_END, 0);
    CHECK(draw(&cold) == 0 && draw(&warm) == 0, "draw");
    uint64_t last = frame_hash(&cold);
    int changed = 0;
    static const float steps[] = {-2, -3, -2, 1, 5, 4, -3, -6};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        Target *both[2] = {&cold, &warm};
        for (int k = 0; k < 2; k++) {
            RenderRegions rg;
            app_win_regions(both[k]->w, &rg);
            app_win_wheel(both[k]->w, rg.heap_x + rg.heap_w * 0.4f, rg.heap_y + rg.heap_h * 0.6f,
                          steps[i]);
            if (i == 4)
                key(both[k], SDLK_t, 0);
        }
        CHECK(draw(&cold) == 0 && draw(&warm) == 0, "draw");
        changed += frame_hash(&cold) != last;
        last = frame_hash(&cold);
        CHECK(frame_hash(&cold) == frame_hash(&warm), "zoom %g: the warmed window's frame differs",
              (double)cold.w->view.zoom);
    }
    CHECK(changed >= 6, "the zooms changed %d of 8 frames", changed);
    CHECK(cold.w->view.zoom < 0.6f, "zoomed out to %g", (double)cold.w->view.zoom);
    CHECK(render_text_width(warm.w->fonts, RENDER_FONT_MONO, 9, "Node #12") ==
              render_text_width(cold.w->fonts, RENDER_FONT_MONO, 9, "Node #12"),
          "widths at a warmed size");
    target_close(&cold);
    target_close(&warm);
}

/* A window's frame leaves out of its query the cards gone before the
 * statement shown (render_cache_near_drawn), by layout_drawn_until: that
 * must be at or after every freed object's death, also for an object
 * __del__ brought back (its first deallocation is not its death), under
 * mark-sweep (sweeps, no deallocations) and for a collected cycle. */
static void t_drawn_until(void)
{
    static const char *const files[] = {
        GCVIZ_SCENARIOS_DIR "/13_resurrection.py", GCVIZ_SCENARIOS_DIR "/12_finalizers.py",
        GCVIZ_SCENARIOS_DIR "/17_mark_sweep.json", GCVIZ_GOLDEN_DIR "/f05_resurrect_cycle.json",
        GCVIZ_TEST_DATA "/cycle.json"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        Target t;
        CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
        CHECK(load(&t, files[f]) == 0, "load %s", files[f]);
        GcHeap *h = t.w->heap;
        app_win_seek(t.w, gc_event_count(h), 0);
        int freed = 0;
        for (GcId id = 1; id <= gc_max_id(h); id++) {
            int32_t d = gc_died(h, id), u = layout_drawn_until(t.w->layout, id);
            float x, y;
            if (d < 0 || layout_get(t.w->layout, id, &x, &y) < 0)
                continue;
            freed++;
            CHECK(u >= d, "%s: #%d died at %d, its card gone from %d", files[f], (int)id, (int)d,
                  (int)u);
        }
        CHECK(freed > 0, "%s: objects freed", files[f]);
        target_close(&t);
    }
}

/* A window's frames keep their arrays by id in the cache
 * (render_cache_scratch) and zero every entry they wrote again: after
 * frames at many steps, with "was" names, arrows, and in the overview (F,
 * blocks of counts for many.json), each array is all zero. */
static void t_scratch_clean(void)
{
    static const char *const files[] = {"cycle.json", "many.json",
                                        GCVIZ_SCENARIOS_DIR "/13_resurrection.py"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        Target t;
        CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
        CHECK(load(&t, files[f]) == 0, "load %s", files[f]);
        int32_t n = gc_event_count(t.w->heap), drawn = 0;
        for (int fit = 0; fit < 2; fit++) {
            if (fit)
                app_win_command(t.w, APP_CMD_FIT, 0);
            for (int32_t c = 0; c <= n; c += n / 30 + 1) {
                app_win_seek(t.w, c, 0);
                CHECK(draw(&t) == 0, "draw");
                drawn++;
                CHECK(render_cache_scratch_clean(t.w->cache), "%s: left written after the frame at %d%s",
                      files[f], (int)c, fit ? " (fit)" : "");
            }
        }
        CHECK(drawn > 10, "%s: frames drawn", files[f]);
        target_close(&t);
    }
}

/* The frames of one target at a few cursors, before and after F: their
 * hashes into out (at most max); returns how many. */
static int grid_frames(Target *t, uint64_t *out, int max)
{
    int n = 0;
    int32_t nev = gc_event_count(t->w->heap);
    for (int fit = 0; fit < 2; fit++) {
        if (fit)
            app_win_command(t->w, APP_CMD_FIT, 0);
        for (int32_t c = 0; c <= nev && n < max; c += nev / 6 + 1) {
            app_win_seek(t->w, c, 0);
            CHECK(draw(t) == 0, "draw at %d", (int)c);
            out[n++] = frame_hash(t);
        }
    }
    return n;
}

/* The grid of the card places is built by the load (render_cache_prepare:
 * in the worker thread when the window loads in the background), not by
 * the first frame, and its frames are byte for byte those of a grid the
 * first frame builds; a layout that changes (a drag) is filed again. */
static void t_grid_at_load(void)
{
    static const char *const files[] = {"many.json", "cycle.json"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        for (int async = 0; async < 2; async++) {
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", GCVIZ_TEST_DATA, files[f]);
            Target t, u;
            CHECK(target_open(&t, 1280, 800, 0) == 0 && target_open(&u, 1280, 800, 0) == 0,
                  "targets");
            t.w->async = async;
            CHECK(app_win_open(t.w, path) == 0 && app_win_wait_load(t.w, 120000), "open %s",
                  path);
            CHECK(app_win_load(u.w, path, 0) == 0, "load %s", path);
            CHECK(render_cache_grid_builds(t.w->cache) == 1,
                  "%s (%s): the load built the grid %ld times, not once", files[f],
                  async ? "worker" : "at once", render_cache_grid_builds(t.w->cache));
            /* u's grid is left to its first frame */
            render_cache_reset(u.w->cache);
            long u0 = render_cache_grid_builds(u.w->cache);
            uint64_t a[16], b[16];
            int na = grid_frames(&t, a, 16), nb = grid_frames(&u, b, 16);
            CHECK(na == nb && na >= 8, "%d and %d frames", na, nb);
            for (int i = 0; i < na && i < nb; i++)
                CHECK(a[i] == b[i], "%s (%s): frame %d differs from one whose grid it built",
                      files[f], async ? "worker" : "at once", i);
            CHECK(render_cache_grid_builds(t.w->cache) == 1,
                  "%s: %ld builds after the frames of a grid built by the load", files[f],
                  render_cache_grid_builds(t.w->cache));
            CHECK(render_cache_grid_builds(u.w->cache) == u0 + 1,
                  "%s: the first frame built the grid (%ld builds)", files[f],
                  render_cache_grid_builds(u.w->cache) - u0);
            /* a card moved: the grid files it where it is now */
            GcId id = 0;
            float x = 0, y = 0;
            for (GcId i = 1; i <= layout_max_id(t.w->layout) && !id; i++)
                id = layout_get(t.w->layout, i, &x, &y) == 0 ? i : 0;
            CHECK(id, "a card with a place");
            uint32_t v = layout_version(t.w->layout);
            layout_set(t.w->layout, id, x + 5000, y + 5000, 1);
            CHECK(layout_version(t.w->layout) != v, "the layout changed");
            float box[4] = {x + 5000, y + 5000, x + 5001, y + 5001};
            CHECK(render_cache_near(t.w->cache, t.w->layout, box) >= 1, "query");
            int n;
            const GcId *ids = render_cache_ids(t.w->cache, &n);
            int found = 0;
            for (int i = 0; i < n; i++)
                found |= ids[i] == id;
            CHECK(found, "%s: #%d not found where it was moved", files[f], (int)id);
            target_close(&t);
            target_close(&u);
        }
    }
}

static void drag_card(Target *t, GcId id, float dx, float dy, uint32_t now);

/* Cards moved one or a few at a time (as a drag or a glide moves them):
 * the window's grid, brought up to date by filing again only the moved
 * cards (render_cache_grid_moves), is cell for cell the grid a full
 * build gives at every change; a card moved past the cards' bounds, or a
 * card on them, makes a new grid. */
static void t_grid_moves(void)
{
    static const char *const files[] = {"many.json", "cycle.json", "many_names.py",
                                        GCVIZ_SCENARIOS_DIR "/13_resurrection.py"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        Target t;
        CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
        CHECK(load(&t, files[f]) == 0, "load %s", files[f]);
        Layout *l = t.w->layout;
        RenderCache *fresh = render_cache_new();
        GcId placed[4096];
        int np = 0;
        float x, y;
        for (GcId id = 1; id <= layout_max_id(l) && np < 4096; id++)
            if (layout_get(l, id, &x, &y) == 0)
                placed[np++] = id;
        CHECK(np >= 3 && fresh, "%s: %d cards with a place", files[f], np);
        uint32_t seed = 12345;
        long moves0 = render_cache_grid_moves(t.w->cache), small = 0, builds = 0;
        for (int i = 0; i < 60 && np >= 3; i++) {
            int k = 1 + (i % 5 == 4) * 2; /* a few at once now and then */
            int far = i % 13 == 12;         /* past the bounds: a new grid */
            long b0 = render_cache_grid_builds(t.w->cache);
            for (int j = 0; j < k; j++) {
                seed = seed * 1103515245u + 12345u;
                GcId id = placed[(seed >> 8) % (uint32_t)np];
                CHECK(layout_get(l, id, &x, &y) == 0, "#%d placed", (int)id);
                float dx = (float)((int)((seed >> 4) % 121) - 60), dy = (float)((int)(seed % 81) - 40);
                if (far) /* past the last one too */
                    dx += 1e5f * (float)(1 + i / 13);
                layout_set(l, id, x + dx, y + dy, 1);
            }
            small += !far;
            CHECK(render_cache_prepare(t.w->cache, l) == 0, "prepare");
            builds += render_cache_grid_builds(t.w->cache) - b0;
            if (far)
                CHECK(render_cache_grid_builds(t.w->cache) == b0 + 1,
                      "%s change %d: a card past the bounds, no new grid", files[f], i);
            render_cache_reset(fresh);
            char why[256] = "";
            CHECK(render_cache_grid_same(t.w->cache, fresh, l, why, sizeof why),
                  "%s change %d: the grid moved differs from one built: %s", files[f], i, why);
        }
        /* a few cards are all on the bounds; among many, few are */
        long moved = render_cache_grid_moves(t.w->cache) - moves0;
        CHECK(moved + builds >= 60 && moved >= (np >= 50 ? small * 3 / 4 : 1),
              "%s: %ld of %ld small changes moved the grid, %ld new grids (%d cards)", files[f],
              moved, small, builds, np);
        /* a drag in the window */
        app_win_command(t.w, APP_CMD_END, 0);
        GcId id = 0;
        for (GcId i = 1; i <= gc_max_id(t.w->heap) && !id; i++) {
            float cx, cy, cw, ch;
            id = gc_object(t.w->heap, i)->state == GC_STATE_ALIVE &&
                         card_screen(&t, i, &cx, &cy, &cw, &ch) == 0
                     ? i
                     : 0;
        }
        if (id) {
            long m0 = render_cache_grid_moves(t.w->cache);
            drag_card(&t, id, 30, 20, 1000);
            CHECK(draw(&t) == 0, "draw");
            render_cache_reset(fresh);
            char why[256] = "";
            CHECK(render_cache_grid_same(t.w->cache, fresh, l, why, sizeof why),
                  "%s: the grid after a drag differs from one built: %s", files[f], why);
            CHECK(render_cache_grid_moves(t.w->cache) > m0 ||
                      render_cache_grid_builds(t.w->cache) > 0,
                  "%s: the drag was filed", files[f]);
        }
        render_cache_free(fresh);
        target_close(&t);
    }
}

static void t_replay_tab(void)
{
    Target t;
    CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
    CHECK(load(&t, "cycle.json") == 0, "load");
    CHECK(t.w->view.gran == RENDER_GRAN_STATEMENT, "starts at statement");
    key(&t, SDLK_TAB, 0);
    CHECK(t.w->view.gran == RENDER_GRAN_PHASE, "then phase");
    key(&t, SDLK_TAB, 0);
    CHECK(t.w->view.gran == RENDER_GRAN_MICRO, "then micro");
    key(&t, SDLK_TAB, 0);
    CHECK(t.w->view.gran == RENDER_GRAN_STATEMENT, "cycles back");
    /* granularity changes the step size: statement >= phase >= micro */
    int32_t d[3];
    for (int g = 0; g < 3; g++) {
        app_win_command(t.w, APP_CMD_HOME, 0);
        app_win_command(t.w, APP_CMD_NEXT_GC, 0);
        int32_t a = app_win_cursor(t.w);
        key(&t, SDLK_RIGHT, 0);
        d[g] = app_win_cursor(t.w) - a;
        key(&t, SDLK_TAB, 0);
    }
    CHECK(d[0] >= d[1] && d[1] >= d[2] && d[2] == 1 && d[0] > d[1],
          "step sizes statement %d, phase %d, micro %d", d[0], d[1], d[2]);
    target_close(&t);
}

static void t_replay_next_gc(void)
{
    Target t;
    CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
    CHECK(load(&t, "cycle.json") == 0, "load");
    key(&t, SDLK_c, 0);
    GcHeap *h = t.w->heap;
    const GcGlobals *g = gc_globals(h);
    CHECK(g->collecting, "in a collection after C");
    int32_t c = app_win_cursor(t.w);
    CHECK(c > 0 && gc_event(h, c - 1)->kind == GC_EV_GC_START, "at the collection's start");
    CHECK(draw(&t) == 0, "draw");
    /* Shift+Right leaves the collection at the next statement */
    key(&t, SDLK_RIGHT, KMOD_LSHIFT);
    CHECK(!gc_globals(h)->collecting, "statement step finishes the collection");
    key(&t, SDLK_c, 0);
    CHECK(app_win_cursor(t.w) >= c, "no collection left: stays");
    target_close(&t);
}

/* The collector panel during move_unreachable, at a projector's 1280x720
 * and at the default size: the unreachable list (what the phase is about)
 * and every generation are drawn inside the panel; at 720 rows the phases
 * are a row of segments, at the default size a flow of named pills. */
static void t_collector_small(void)
{
    static const int sizes[2][2] = {{1280, 720}, {1600, 1000}};
    for (int k = 0; k < 2; k++) {
        Target t;
        CHECK(target_open(&t, sizes[k][0], sizes[k][1], 0) == 0, "target");
        CHECK(load(&t, "cycle.json") == 0, "load");
        key(&t, SDLK_c, 0);
        GcHeap *h = t.w->heap;
        while (app_win_cursor(t.w) < gc_event_count(h) &&
               !(gc_globals(h)->phase == GC_PHASE_MOVE_UNREACHABLE &&
                 gc_list(h, GC_LIST_UNREACHABLE).len > 0))
            app_win_seek(t.w, app_win_cursor(t.w) + 1, 0);
        CHECK(gc_globals(h)->phase == GC_PHASE_MOVE_UNREACHABLE, "in move_unreachable");
        CHECK(draw(&t) == 0, "draw");
        RenderRegions rg;
        render_regions(t.w->width, t.w->height, t.w->scale, &rg);
        float px0 = rg.heap_x + rg.heap_w, bottom = rg.heap_y + rg.heap_h;
        int lists = 0, gens = 0, pills = 0;
        for (int32_t i = 0; i < t.w->list.ncmds; i++) {
            const RenderCmd *c = &t.w->list.cmds[i];
            if (c->kind != RENDER_CMD_TEXT || c->x < px0)
                continue;
            const char *txt = render_cmd_text(&t.w->list, c);
            int inside = c->y + (float)c->px <= bottom;
            lists += strcmp(txt, "unreachable list") == 0 && inside;
            gens += strncmp(txt, "gen ", 4) == 0 && strlen(txt) == 5 && inside;
            pills += strstr(txt, "subtract_refs") != NULL;
        }
        CHECK(lists == 1, "%dx%d: unreachable list shown in the panel (%d)", sizes[k][0], sizes[k][1], lists);
        CHECK(gens == 3, "%dx%d: %d generations shown", sizes[k][0], sizes[k][1], gens);
        CHECK(k == 0 ? pills == 0 : pills == 1, "%dx%d: phase pills %d", sizes[k][0], sizes[k][1], pills);
        target_close(&t);
    }
}

/* F11 asks for full screen and back; Escape closes an overlay first, then
 * leaves full screen, and never quits (issue 13: one press too many lost
 * the lecture's place). */
static void t_replay_fullscreen(void)
{
    Target t;
    CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
    CHECK(load(&t, "cycle.json") == 0, "load");
    key(&t, SDLK_F11, 0);
    CHECK(t.w->fullscreen && t.w->fullscreen_changed, "F11: full screen wanted");
    t.w->fullscreen_changed = 0; /* the window followed */
    key(&t, SDLK_F1, 0);
    key(&t, SDLK_ESCAPE, 0);
    CHECK(!t.w->view.show_help && t.w->fullscreen && !t.w->quit, "Escape closes the help first");
    key(&t, SDLK_ESCAPE, 0);
    CHECK(!t.w->fullscreen && t.w->fullscreen_changed && !t.w->quit, "then leaves full screen");
    t.w->fullscreen_changed = 0;
    key(&t, SDLK_F11, 0);
    key(&t, SDLK_F11, 0);
    CHECK(!t.w->fullscreen && !t.w->quit, "F11 twice: back in a window");
    key(&t, SDLK_ESCAPE, 0);
    key(&t, SDLK_ESCAPE, 0);
    CHECK(!t.w->quit, "Escape with nothing to close does not quit");
    target_close(&t);
}

/* Whether a TEXT command of the last frame contains needle. */
static int frame_has_text(const Target *t, const char *needle)
{
    for (int32_t i = 0; i < t->w->list.ncmds; i++)
        if (t->w->list.cmds[i].kind == RENDER_CMD_TEXT &&
            strstr(render_cmd_text(&t->w->list, &t->w->list.cmds[i]), needle))
            return 1;
    return 0;
}

/* The header names the version and the CPython release it matches: in
 * full where the title leaves room, in short at a projector's 1280x720;
 * --python overrides the file's version and the header follows it. */
static void t_header_release(void)
{
    static const struct {
        int w, h, python;
        const char *file, *text;
    } cases[] = {
        {1920, 1080, 0, "cycle.json", "Python 3.12 \xC2\xB7 matches CPython 3.12.1 \xC2\xB7 gc "},
        {1280, 720, 0, "cycle.json", "Python 3.12 \xC2\xB7 matches CPython 3.12.1 \xC2\xB7 gc "},
        {1280, 720, 0, "long_names.json", "Python 3.12 (3.12.1) \xC2\xB7 gc "},
        {1920, 1080, 313, "cycle.json", "Python 3.13 \xC2\xB7 matches CPython 3.13.0"},
        {1920, 1080, 315, "cycle.json", "Python 3.15 \xC2\xB7 matches CPython 3.15.0rc1"},
        {1280, 720, 315, "long_names.json", "Python 3.15 (3.15.0rc1)"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        Target t;
        CHECK(target_open(&t, cases[k].w, cases[k].h, 0) == 0, "target");
        t.w->python = cases[k].python;
        CHECK(load(&t, cases[k].file) == 0, "load");
        CHECK(draw(&t) == 0 && frame_has_text(&t, cases[k].text), "%s %dx%d python %d: header '%s'",
              cases[k].file, cases[k].w, cases[k].h, cases[k].python, cases[k].text);
        target_close(&t);
    }
}

/* Q and Ctrl+Q ask before quitting: the question is drawn (also in a
 * settled frame), a second Q or Enter quits, Esc or any other key means no. */
static void t_quit_confirm(void)
{
    Target t;
    CHECK(target_open(&t, 1280, 720, 0) == 0, "target");
    CHECK(load(&t, "cycle.json") == 0, "load");
    key(&t, SDLK_q, 0);
    CHECK(!t.w->quit && t.w->confirm_quit, "Q asks first");
    CHECK(draw(&t) == 0 && frame_has_text(&t, "Quit gcviz?"), "the question is drawn");
    key(&t, SDLK_ESCAPE, 0);
    CHECK(!t.w->quit && !t.w->confirm_quit, "Esc: stay");
    CHECK(draw(&t) == 0 && !frame_has_text(&t, "Quit gcviz?"), "the question is gone");
    key(&t, SDLK_q, KMOD_LCTRL);
    CHECK(!t.w->quit && t.w->confirm_quit, "Ctrl+Q asks too");
    int32_t c = app_win_cursor(t.w);
    key(&t, SDLK_RIGHT, 0);
    CHECK(!t.w->quit && !t.w->confirm_quit && app_win_cursor(t.w) > c,
          "another key means no and does its job");
    key(&t, SDLK_RETURN, 0);
    CHECK(!t.w->quit, "Enter with no question does nothing");
    key(&t, SDLK_q, 0);
    key(&t, SDLK_RETURN, 0);
    CHECK(t.w->quit, "Q then Enter quits");
    t.w->quit = t.w->confirm_quit = 0;
    key(&t, SDLK_q, 0);
    key(&t, SDLK_q, 0);
    CHECK(t.w->quit, "Q twice quits");
    target_close(&t);
}

/* Stepping by phase, the caption is the phase's summary and outcome, not
 * its last micro-step (issue 13: "A reference to Phoenix #3 goes away" at
 * finalize_garbage); by micro-step it is the micro-step again. */
static void t_phase_captions(void)
{
    char dir[1024], path[1200];
    /* the JSON form of chapter 13 (tests/golden/scenarios/course) */
    snprintf(dir, sizeof dir, "%s", GCVIZ_GOLDEN_DIR "/course");
    snprintf(path, sizeof path, "%s/13_resurrection.json", dir);
    Target t;
    CHECK(target_open(&t, 1280, 720, RENDER_THEME_LIGHT) == 0, "target");
    CHECK(load(&t, path) == 0, "load 13");
    key(&t, SDLK_TAB, 0);
    CHECK(t.w->view.gran == RENDER_GRAN_PHASE, "phase granularity");
    int found = 0;
    for (int i = 0; i < 200 && !found; i++) {
        key(&t, SDLK_RIGHT, 0);
        CHECK(draw(&t) == 0, "draw");
        found = frame_has_text(&t, "finalize_garbage: Phoenix #3.__del__ ran and stored self in graveyard (list #1).");
        CHECK(!frame_has_text(&t, "goes away"), "no micro-step caption at a phase stop (step %d)", i);
    }
    CHECK(found, "the finalize_garbage summary is shown");
    key(&t, SDLK_RIGHT, 0);
    CHECK(draw(&t) == 0 && frame_has_text(&t, "handle_resurrected: Phoenix #3 and Node #4 are reachable again"),
          "then handle_resurrected's outcome");
    key(&t, SDLK_TAB, 0);
    CHECK(draw(&t) == 0 && !frame_has_text(&t, "handle_resurrected: Phoenix #3 and Node #4"),
          "by micro-step the micro-step's sentence");
    target_close(&t);
}

/* One state label per card in the exit collection of chapter 13: a card
 * in final_unreachable had the list's name above it and "unreachable"
 * under it; now the footer alone says both ("unreachable \xC2\xB7 in
 * final_unreachable", on a narrow card "in final_unreachable"). */
static void t_one_state_label(void)
{
    char path[1200];
    snprintf(path, sizeof path, "%s", GCVIZ_GOLDEN_DIR "/course/13_resurrection.json");
    Target t;
    CHECK(target_open(&t, 1280, 720, RENDER_THEME_LIGHT) == 0, "target");
    CHECK(load(&t, path) == 0, "load 13");
    key(&t, SDLK_TAB, 0);
    int footers = 0;
    for (int i = 0; i < 400; i++) {
        int32_t before = gc_cursor(t.w->heap);
        key(&t, SDLK_RIGHT, 0);
        CHECK(draw(&t) == 0, "draw");
        for (int32_t j = 0; j < t.w->list.ncmds; j++) {
            const RenderCmd *m = &t.w->list.cmds[j];
            const char *x = m->kind == RENDER_CMD_TEXT ? render_cmd_text(&t.w->list, m) : "";
            CHECK(strcmp(x, "final_unreachable") != 0, "a final_unreachable tag at event %d", (int)before);
            footers += strstr(x, "in final_unreachable") != NULL;
        }
        if (gc_cursor(t.w->heap) == before)
            break;
    }
    CHECK(footers > 0, "no footer names final_unreachable");
    /* chapter 14's "# pin:" lines place its cards; the code panel leaves
     * them out, as it does "# say:" lines */
    char dir[1024];
    CHECK(render_find_data_dir("scenarios", "index.json", dir, sizeof dir) == 0, "the course");
    snprintf(path, sizeof path, "%s/14_weak_references.py", dir);
    CHECK(load(&t, path) == 0, "load 14");
    key(&t, SDLK_END, 0);
    CHECK(draw(&t) == 0, "draw");
    CHECK(frame_has_text(&t, "print(len(notes)"), "the code panel shows chapter 14's last line");
    CHECK(!frame_has_text(&t, "# pin:"), "the code panel shows a '# pin:' line");
    target_close(&t);
}

/* The frames panel when names do not all fit (1280x720): rows close up,
 * the names left out are counted ("+N more names", "↑ N more names" above
 * the newest), the innermost frames are shown with a line for the outer
 * ones; and a name whose object lies outside the heap's view gets an arrow
 * that ends inside the view at a pill naming the object, not one that runs
 * out of the panel. */
static void t_crowded_frames(void)
{
    Target t;
    CHECK(target_open(&t, 1280, 720, RENDER_THEME_LIGHT) == 0, "target");
    CHECK(load(&t, "many_names.py") == 0, "load many_names.py");
    GcHeap *h = t.w->heap;
    int32_t at = -1;
    for (int32_t i = 0; i < gc_event_count(h); i++)
        if (gc_event(h, i)->step == 6)
            at = i + 1; /* after `done = 1`: six names bound */
    CHECK(at > 0, "no stop at done = 1");
    app_win_seek(t.w, at, 0);
    CHECK(draw(&t) == 0, "draw");
    CHECK(frame_has_text(&t, "more name"), "the names left out are not counted");
    CHECK(frame_has_text(&t, "middle"), "the newest name is not shown");
    RenderRegions rg;
    render_regions(t.w->width, t.w->height, t.w->scale, &rg);
    int roots = 0, pills = 0;
    for (int32_t j = 0; j < t.w->list.ncmds; j++) {
        const RenderCmd *m = &t.w->list.cmds[j];
        if (m->kind == RENDER_CMD_TEXT && strstr(render_cmd_text(&t.w->list, m), "Node #") &&
            strstr(render_cmd_text(&t.w->list, m), "\xE2\x86"))
            pills++;
        if (m->kind != RENDER_CMD_LINE || m->npts < 2)
            continue;
        RenderPt a = t.w->list.pts[m->pts], b = t.w->list.pts[m->pts + m->npts - 1];
        if (a.x >= rg.heap_x)
            continue; /* from a name in the frames panel: a name's arrow */
        roots++;
        CHECK(b.x >= rg.heap_x && b.x <= rg.heap_x + rg.heap_w && b.y >= rg.heap_y &&
                  b.y <= rg.heap_y + rg.heap_h,
              "a name's arrow ends at (%.0f, %.0f), outside the heap (%.0f..%.0f x %.0f..%.0f)", b.x, b.y,
              rg.heap_x, rg.heap_x + rg.heap_w, rg.heap_y, rg.heap_y + rg.heap_h);
    }
    CHECK(roots >= 3, "%d names' arrows drawn", roots);
    CHECK(pills >= 1, "no pill names an object outside the view");
    CHECK(load(&t, "deep_frames.py") == 0, "load deep_frames.py");
    h = t.w->heap;
    at = -1;
    for (int32_t i = 0; i < gc_event_count(h) && at < 0; i++)
        if (gc_event(h, i)->depth >= 7)
            at = i + 1;
    CHECK(at > 0, "no event seven calls deep");
    app_win_seek(t.w, at, 0);
    CHECK(draw(&t) == 0, "draw");
    CHECK(frame_has_text(&t, "outer frames above"), "the outer frames left out are not counted");
    CHECK(frame_has_text(&t, "down() frame"), "the innermost frame is not shown");
    target_close(&t);
}

/* The pills of names whose objects lie outside the view ("list #1 ↑")
 * in a drill-down of a tree of 20,000 nodes as a teacher writes it: after
 * F, a click into each block and then into its first block, no pill
 * covers a text of the heap (a block's title and counts, a card's title
 * and rows, the counts on the arrows, the Back out button) or another
 * pill, at 1280x720 and 1920x1080.  Positions in the display list: a
 * pill is the rounded rect under its centred text.  The pills sat on the
 * first block's title when the top edge had no place clear of titles. */
static int pill_text(const char *x)
{
    size_t n = strlen(x);
    return n > 4 && (unsigned char)x[n - 3] == 0xE2 && (unsigned char)x[n - 2] == 0x86 &&
           (unsigned char)x[n - 1] >= 0x90 && (unsigned char)x[n - 1] <= 0x99 &&
           strchr(x, '#') != NULL;
}

/* How many times a pill of the list covers a text of the heap or another
 * pill, or points straight (← → ↑ ↓) across an edge it does not sit on
 * (each printed); *npills: how many pills. */
static int pills_over_text(Target *t, const char *where, int *npills)
{
    const RenderList *l = &t->w->list;
    RenderRegions rg;
    render_regions(t->w->width, t->w->height, t->w->scale, &rg);
    int bad = 0;
    *npills = 0;
    for (int32_t i = 1; i < l->ncmds; i++) {
        const RenderCmd *m = &l->cmds[i], *p = &l->cmds[i - 1];
        if (m->kind != RENDER_CMD_TEXT || p->kind != RENDER_CMD_RECT ||
            !pill_text(render_cmd_text(l, m)))
            continue;
        (*npills)++;
        /* a straight arrow sits on the edge it points across (a pill
         * moved to another edge points the way from there: ↖ ↗ ↙ ↘) */
        RenderRegions hr;
        app_win_regions(t->w, &hr);
        const char *pt = render_cmd_text(l, m);
        int way = (unsigned char)pt[strlen(pt) - 1] - 0x90;
        float e = 40 * t->w->scale; /* (the rect drawn is the text's, inside the pill's place) */
        int astray = way == 0   ? p->x > hr.heap_x + e                              /* ← */
                     : way == 1 ? p->y > hr.heap_y + e + 22 * t->w->scale         /* ↑ */
                     : way == 2 ? p->x + p->w < hr.heap_x + hr.heap_w - e         /* → */
                     : way == 3 ? p->y + p->h < hr.heap_y + hr.heap_h - e         /* ↓ */
                                : 0;
        if (astray) {
            fprintf(stderr, "%s: pill '%s' at %.0f,%.0f %.0fx%.0f is not on the edge it points to (heap %.0f+%.0f)\n",
                    where, pt, p->x, p->y, p->w, p->h, hr.heap_x, hr.heap_w);
            bad++;
        }
        const RenderCmd *clip = NULL; /* the part of a text outside it is not drawn */
        for (int32_t j = 0; j < l->ncmds; j++) {
            const RenderCmd *q = &l->cmds[j];
            if (q->kind == RENDER_CMD_CLIP)
                clip = q->w > 0 ? q : NULL;
            if (j == i || q->kind != RENDER_CMD_TEXT)
                continue;
            const char *x = render_cmd_text(l, q);
            float w = (float)render_text_width(t->w->fonts, (RenderFont)q->font, q->px, x);
            float x0 = q->align == RENDER_ALIGN_CENTER  ? q->x - w * 0.5f
                       : q->align == RENDER_ALIGN_RIGHT ? q->x - w
                                                        : q->x;
            float y0 = q->y, x1 = x0 + w, y1 = q->y + (float)q->px * 1.15f;
            if (clip) {
                x0 = fmaxf(x0, clip->x), y0 = fmaxf(y0, clip->y);
                x1 = fminf(x1, clip->x + clip->w), y1 = fminf(y1, clip->y + clip->h);
                if (x1 <= x0 || y1 <= y0)
                    continue;
                w = x1 - x0;
            }
            if (x0 < rg.heap_x || x1 > rg.heap_x + rg.heap_w || y0 < rg.heap_y ||
                y1 > rg.heap_y + rg.heap_h || w <= 0)
                continue; /* a panel's */
            if (x0 < p->x + p->w && p->x < x1 && y0 < p->y + p->h && p->y < y1) {
                fprintf(stderr, "%s: pill '%s' at %.0f,%.0f %.0fx%.0f covers '%s' at %.0f,%.0f\n",
                        where, render_cmd_text(l, m), p->x, p->y, p->w, p->h, x, x0, y0);
                bad++;
            }
        }
    }
    return bad;
}

/* The block hits of the list, copied (a click rebuilds the list). */
static int block_hits(const RenderList *l, RenderHit *out, int max)
{
    int n = 0;
    for (int32_t i = 0; i < l->nhits && n < max; i++)
        if (l->hits[i].kind == RENDER_HIT_BLOCK)
            out[n++] = l->hits[i];
    return n;
}

/* The zoom a fit or a click on a block started, to its end. */
static void settle(Target *t)
{
    uint32_t now = SDL_GetTicks();
    for (int i = 0; i < 100 && t->w->fitting; i++) {
        now += 50;
        uint32_t wait;
        app_win_tick(t->w, now, &wait);
    }
}

static void click_hit(Target *t, const RenderHit *h)
{
    float x = h->x + h->w * 0.5f, y = h->y + h->h * 0.5f;
    app_win_mouse_down(t->w, x, y, 1, 0);
    app_win_mouse_up(t->w, x, y, 0);
    settle(t);
}

/* Writes the teacher's tree of n nodes (render.drill_pills and drill_frame) to path. */
static int write_tree(const char *path, int n)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fprintf(f,
            "import gc\ngc.collect()\nclass Node:\n    def __init__(self, i):\n        self.i = i\n"
            "        self.left = None\n        self.right = None\nnodes = []\n"
            "for i in range(%d):\n    nodes.append(Node(i))\nfor i in range(1, %d):\n"
            "    p = nodes[(i - 1) // 2]\n    if i %% 2: p.left = nodes[i]\n"
            "    else: p.right = nodes[i]\nroot = nodes[0]\n",
            n, n);
    return fclose(f);
}

/* Opens a w x h target on the program at path, at its last statement's
 * start (the tree program's root = nodes[0]: every name bound), after F
 * (a big heap's blocks), built; -1, the target closed, if it did not load. */
static int tree_blocks(Target *t, const char *path, int w, int h)
{
    CHECK(target_open(t, w, h, RENDER_THEME_DARK) == 0, "target");
    CHECK(load(t, path) == 0, "load %s", path);
    if (!t->w->heap) {
        target_close(t);
        return -1;
    }
    app_win_command(t->w, APP_CMD_END, 0);
    app_win_command(t->w, APP_CMD_PREV_STMT, 0);
    app_win_command(t->w, APP_CMD_FIT, 0);
    settle(t);
    CHECK(app_win_build(t->w) == 0, "build");
    return 0;
}

/* Backspace until no drill-down is left, then a frame. */
static void back_out_all(Target *t)
{
    while (t->w->ndrill > 0) {
        app_win_command(t->w, app_cmd_from_key(SDLK_BACKSPACE, 0, 0), 0);
        settle(t);
    }
    CHECK(app_win_build(t->w) == 0, "build");
}

/* Arrows of the frame built with a head that cross the heap area with
 * both ends more than 300 px outside it (an arrow between two cards out of
 * view): *crossing their number, *faint those drawn faint (alpha below
 * half); *bad those drawn faint although an end lies in the heap area
 * (the frames panel's dashed arrows to pills are 3/4 opaque, not faint). */
static void faint_arrows(const Target *t, int *crossing, int *faint, int *bad)
{
    RenderRegions rg;
    app_win_regions(t->w, &rg);
    const RenderList *l = &t->w->list;
    float m = 300, hx0 = rg.heap_x, hy0 = rg.heap_y, hx1 = hx0 + rg.heap_w, hy1 = hy0 + rg.heap_h;
    for (int32_t i = 0; i < l->ncmds; i++) {
        const RenderCmd *c = &l->cmds[i];
        if (c->kind != RENDER_CMD_LINE || c->head <= 0 || c->npts < 2)
            continue;
        const RenderPt *p = &l->pts[c->pts];
        RenderPt e[2] = {p[0], p[c->npts - 1]};
        int far = 0, in = 0;
        for (int j = 0; j < 2; j++) {
            far += e[j].x < hx0 - m || e[j].x > hx1 + m || e[j].y < hy0 - m || e[j].y > hy1 + m;
            in += e[j].x >= hx0 && e[j].x <= hx1 && e[j].y >= hy0 && e[j].y <= hy1;
        }
        float b[4] = {p[0].x, p[0].y, p[0].x, p[0].y};
        for (int32_t j = 1; j < c->npts; j++) {
            b[0] = fminf(b[0], p[j].x);
            b[1] = fminf(b[1], p[j].y);
            b[2] = fmaxf(b[2], p[j].x);
            b[3] = fmaxf(b[3], p[j].y);
        }
        int across = far == 2 && b[2] >= hx0 && b[0] <= hx1 && b[3] >= hy0 && b[1] <= hy1;
        *crossing += across;
        *faint += across && c->color.a < 128;
        *bad += in > 0 && c->color.a < 128;
    }
}

/* Drilled once and twice into each block of a tree of 20,000 nodes: no
 * pill over a text of the heap or another pill; and (the cards of a
 * subtree's block, with arrows of other blocks crossing the view between
 * cards out of it) an arrow with neither end in view is drawn faint, so
 * that it does not read as one of the cards in view, while every arrow
 * with an end in view is drawn opaque. */
static void t_drill_pills(void)
{
    char path[128];
    snprintf(path, sizeof path, "/tmp/gcviz-drill-pills-%d.py", (int)getpid());
    CHECK(write_tree(path, 20000) == 0, "write %s", path);
    static const int sizes[][2] = {{1280, 720}, {1920, 1080}};
    for (int si = 0; si < 2; si++) {
        Target t;
        if (tree_blocks(&t, path, sizes[si][0], sizes[si][1]) < 0)
            break;
        RenderHit top[64];
        int ntop = block_hits(&t.w->list, top, 64), bad = 0, pills = 0, views = 0;
        int crossing = 0, faint = 0, fbad = 0;
        CHECK(ntop >= 4, "%dx%d: %d blocks after F", sizes[si][0], sizes[si][1], ntop);
        for (int b = 0; b < ntop; b++) {
            char where[96];
            for (int depth = 0; depth < 2; depth++) {
                RenderHit sub[64];
                if (depth == 0) {
                    click_hit(&t, &top[b]);
                } else {
                    if (block_hits(&t.w->list, sub, 64) < 1)
                        break;
                    click_hit(&t, &sub[0]);
                }
                CHECK(app_win_build(t.w) == 0, "build");
                snprintf(where, sizeof where, "%dx%d, block %d, drill %d", sizes[si][0],
                         sizes[si][1], b, depth + 1);
                int n;
                bad += pills_over_text(&t, where, &n);
                pills += n;
                views++;
                faint_arrows(&t, &crossing, &faint, &fbad);
            }
            back_out_all(&t);
        }
        CHECK(pills >= 8, "%dx%d: only %d pills in %d drilled views", sizes[si][0], sizes[si][1],
              pills, views);
        CHECK(bad == 0, "%dx%d: %d pills cover a text of the heap or another pill", sizes[si][0],
              sizes[si][1], bad);
        CHECK(crossing >= 1 && faint == crossing,
              "%dx%d: %d of %d arrows between cards out of view drawn faint", sizes[si][0],
              sizes[si][1], faint, crossing);
        CHECK(fbad == 0, "%dx%d: %d arrows with an end in view drawn faint", sizes[si][0],
              sizes[si][1], fbad);
        target_close(&t);
    }
    unlink(path);
}


/* The block hit whose rectangle holds the heap area's centre, else the
 * first (0: none). */
static int middle_block_hit(Target *t, RenderHit *out)
{
    RenderRegions rg;
    app_win_regions(t->w, &rg);
    float x = rg.heap_x + rg.heap_w * 0.5f, y = rg.heap_y + rg.heap_h * 0.5f;
    int any = 0;
    for (int32_t i = 0; i < t->w->list.nhits; i++) {
        const RenderHit *h = &t->w->list.hits[i];
        if (h->kind != RENDER_HIT_BLOCK)
            continue;
        if (!any || (x >= h->x && x < h->x + h->w && y >= h->y && y < h->y + h->h))
            *out = *h;
        any = 1;
    }
    return any;
}

/* The Back out button's hit region in l (the last one), NULL if none. */
static const RenderHit *back_out_hit(const RenderList *l)
{
    const RenderHit *btn = NULL;
    for (int32_t i = 0; i < l->nhits; i++)
        if (l->hits[i].kind == RENDER_HIT_BUTTON && l->hits[i].id == RENDER_BTN_BACK_OUT)
            btn = &l->hits[i];
    return btn;
}

/* The last drill-down of the teacher's tree of 20,000 nodes (the click
 * that zooms to cards drawn whole) frames the cards of the block, not the
 * middle of its box: after F, a click into each block and on into its
 * middle block until cards are drawn, at 1280x720 and 1920x1080, the view
 * shows at least 5 cards whole, cuts at most 3 at the heap's edges (a
 * column of leaves has no gap where the view's edge can fall, and the
 * tree's columns do not all fit across), and no card is under the Back
 * out button.  Positions of the cards' and the
 * button's hit regions in the display list.  The view was centred on the
 * block's middle card: cards cut at the left edge, mostly empty space,
 * the button over a card. */
static void t_drill_frame(void)
{
    char path[128];
    snprintf(path, sizeof path, "/tmp/gcviz-drill-frame-%d.py", (int)getpid());
    CHECK(write_tree(path, 20000) == 0, "write %s", path);
    static const int sizes[][2] = {{1280, 720}, {1920, 1080}};
    for (int si = 0; si < 2; si++) {
        Target t;
        if (tree_blocks(&t, path, sizes[si][0], sizes[si][1]) < 0)
            break;
        RenderHit top[64];
        int ntop = block_hits(&t.w->list, top, 64), views = 0;
        CHECK(ntop >= 4, "%dx%d: %d blocks after F", sizes[si][0], sizes[si][1], ntop);
        RenderRegions rg;
        app_win_regions(t.w, &rg);
        float hx0 = rg.heap_x, hy0 = rg.heap_y, hx1 = rg.heap_x + rg.heap_w,
              hy1 = rg.heap_y + rg.heap_h;
        for (int b = 0; b < ntop; b++) {
            click_hit(&t, &top[b]);
            CHECK(app_win_build(t.w) == 0, "build");
            RenderHit sub = {0};
            for (int depth = 0; depth < 3 && middle_block_hit(&t, &sub); depth++) {
                click_hit(&t, &sub);
                CHECK(app_win_build(t.w) == 0, "build");
            }
            const RenderList *l = &t.w->list;
            const RenderHit *btn = back_out_hit(l);
            int whole = 0, cut_side = 0, cut_end = 0, under = 0;
            for (int32_t i = 0; i < l->nhits; i++) {
                const RenderHit *h = &l->hits[i];
                if (h->kind != RENDER_HIT_CARD || h->x >= hx1 || h->x + h->w <= hx0 ||
                    h->y >= hy1 || h->y + h->h <= hy0)
                    continue;
                int side = h->x < hx0 || h->x + h->w > hx1, end = h->y < hy0 || h->y + h->h > hy1;
                cut_side += side;
                cut_end += end && !side;
                whole += !side && !end;
                under += btn && h->x < btn->x + btn->w && btn->x < h->x + h->w &&
                         h->y < btn->y + btn->h && btn->y < h->y + h->h;
            }
            CHECK(btn != NULL, "%dx%d, block %d: no Back out button", sizes[si][0], sizes[si][1], b);
            CHECK(whole >= 5 && cut_side + cut_end <= 3 && under == 0,
                  "%dx%d, block %d (zoom %.3f): %d cards whole, %d cut at the left or right "
                  "edge, %d at the top or bottom, %d under the Back out button",
                  sizes[si][0], sizes[si][1], b, t.w->view.zoom, whole, cut_side, cut_end, under);
            views++;
            back_out_all(&t);
        }
        CHECK(views >= 4, "%dx%d: %d drilled views", sizes[si][0], sizes[si][1], views);
        target_close(&t);
    }
    unlink(path);
}

/* The last drill-down of 2-cycles of 20,000 objects (a and b still name
 * the last pair, out of view; the cycles garbage) is a picture for a
 * class: after F, a click into the middle block and on into its middle
 * block until cards are drawn, at 1280x720 and 1920x1080, no card is cut
 * at the heap's left or right edge (whole columns), no text of the heap
 * is drawn under the Back out button, and the names' pills cover no text
 * of the heap (texts clipped away do not count).  At 60 % the view held
 * 2.8 columns: one cut at the left edge, a card under the button and the
 * pills "Node #20000 →" over the right column's cards.  And the view
 * starts at a pair: no arrow leaves the heap's top edge (at 1280x720 it
 * started at a pair's second card, whose arrows left the top edge); the
 * cards stop at the button's strip under a rule along it (a bare cut
 * through a row of cards read as a glitch). */
static void t_drill_cycles(void)
{
    char path[128];
    snprintf(path, sizeof path, "/tmp/gcviz-drill-cycles-%d.py", (int)getpid());
    /* the teacher's 2-cycles held by a list then dropped (a name left: a
     * pill), and bench_big's 10^5 objects in 2-cycles with gc disabled,
     * whose columns stand closer: the last column's loops were cut at
     * 1920x1080 when the frame left 48 units of room for them */
    static const char *progs[] = {
        "import gc\ngc.collect()\nclass Node:\n    def __init__(self, i):\n"
        "        self.i = i\n        self.other = None\nnodes = []\n"
        "for i in range(10000):\n    a = Node(2 * i)\n    b = Node(2 * i + 1)\n"
        "    a.other = b\n    b.other = a\n    nodes.append(a)\ndel nodes\n",
        "import gc\ngc.collect()\nclass Node:\n    pass\ngc.disable()\n"
        "for i in range(50000):\n    a = Node()\n    b = Node()\n"
        "    a.peer = b\n    b.peer = a\ndel a, b\n"};
    static const int sizes[][2] = {{1280, 720}, {1920, 1080}};
    for (int pi = 0; pi < 2; pi++)
    for (int si = 0; si < 2; si++) {
        FILE *f = fopen(path, "w");
        CHECK(f != NULL, "write %s", path);
        if (!f)
            return;
        fputs(progs[pi], f);
        fclose(f);
        Target t;
        if (tree_blocks(&t, path, sizes[si][0], sizes[si][1]) < 0)
            break;
        char where[64];
        snprintf(where, sizeof where, "program %d, %dx%d", pi, sizes[si][0], sizes[si][1]);
        RenderRegions rg;
        app_win_regions(t.w, &rg);
        float hx0 = rg.heap_x, hx1 = rg.heap_x + rg.heap_w;
        RenderHit sub = {0};
        for (int depth = 0; depth < 4 && middle_block_hit(&t, &sub); depth++) {
            click_hit(&t, &sub);
            CHECK(app_win_build(t.w) == 0, "build");
        }
        const RenderList *l = &t.w->list;
        const RenderHit *btn = back_out_hit(l);
        CHECK(btn != NULL, "%s: no Back out button", where);
        int whole = 0, cut_side = 0, under = 0, npills = 0;
        for (int32_t i = 0; i < l->nhits; i++) {
            const RenderHit *h = &l->hits[i];
            if (h->kind != RENDER_HIT_CARD || h->x >= hx1 || h->x + h->w <= hx0)
                continue;
            int side = h->x < hx0 || h->x + h->w > hx1;
            cut_side += side;
            whole += !side;
        }
        /* the texts drawn before the button (the heap's), where the clip lets them be seen */
        const RenderCmd *clip = NULL;
        for (int32_t j = 0; btn && j < l->ncmds; j++) {
            const RenderCmd *q = &l->cmds[j];
            if (q->kind == RENDER_CMD_CLIP)
                clip = q->w > 0 ? q : NULL;
            if (q->kind != RENDER_CMD_TEXT)
                continue;
            const char *x = render_cmd_text(l, q);
            if (strstr(x, "Back out"))
                break;
            float w = (float)render_text_width(t.w->fonts, (RenderFont)q->font, q->px, x);
            float x0 = q->align == RENDER_ALIGN_CENTER  ? q->x - w * 0.5f
                       : q->align == RENDER_ALIGN_RIGHT ? q->x - w
                                                        : q->x;
            float y0 = q->y, x1 = x0 + w, y1 = q->y + (float)q->px * 1.15f;
            if (clip) {
                x0 = fmaxf(x0, clip->x), y0 = fmaxf(y0, clip->y);
                x1 = fminf(x1, clip->x + clip->w), y1 = fminf(y1, clip->y + clip->h);
            }
            if (x0 < x1 && y0 < y1 && x0 < btn->x + btn->w && btn->x < x1 &&
                y0 < btn->y + btn->h && btn->y < y1) {
                fprintf(stderr, "%s: '%s' at %.0f,%.0f under the Back out button\n", where, x,
                        x0, y0);
                under++;
            }
        }
        /* the arrows that start and end in the heap area (each pair's two
         * references, looping out right of its column) stay inside it */
        int cut_arrows = 0, arrows = 0;
        for (int32_t j = 0; j < l->ncmds; j++) {
            const RenderCmd *q = &l->cmds[j];
            if (q->kind != RENDER_CMD_LINE || q->head <= 0 || q->npts < 2)
                continue;
            const RenderPt *p = &l->pts[q->pts];
            int ends_in = 1;
            for (int e = 0; e < 2; e++) {
                RenderPt pe = p[e ? q->npts - 1 : 0];
                ends_in &= pe.x >= hx0 && pe.x <= hx1 && pe.y >= rg.heap_y &&
                           pe.y <= rg.heap_y + rg.heap_h;
            }
            if (!ends_in)
                continue;
            int out = 0;
            for (int32_t k = 0; k < q->npts; k++)
                out |= p[k].x < hx0 || p[k].x > hx1;
            cut_arrows += out;
            arrows++;
        }
        /* the view starts at a pair (no arrow of a card in view leaves
         * the heap's top edge to its other card), and a card cut at the
         * top of the button's strip lies under the rule along it */
        int top_arrows = 0, strip_cut = 0, rule = 0;
        for (int32_t j = 0; j < l->ncmds; j++) {
            const RenderCmd *q = &l->cmds[j];
            if (q->kind != RENDER_CMD_LINE || q->head <= 0 || q->npts < 2)
                continue;
            const RenderPt *p = &l->pts[q->pts];
            RenderPt e0 = p[0], e1 = p[q->npts - 1];
            int in0 = e0.x >= hx0 && e0.x <= hx1 && e0.y >= rg.heap_y && e0.y <= rg.heap_y + rg.heap_h;
            int in1 = e1.x >= hx0 && e1.x <= hx1 && e1.y >= rg.heap_y && e1.y <= rg.heap_y + rg.heap_h;
            top_arrows += (in0 && e1.y < rg.heap_y) || (in1 && e0.y < rg.heap_y);
        }
        float strip_y = btn ? btn->y - 4 * t.w->scale : 0;
        for (int32_t i = 0; btn && i < l->nhits; i++) {
            const RenderHit *h = &l->hits[i];
            strip_cut += h->kind == RENDER_HIT_CARD && fabsf(h->y + h->h - strip_y) < 1;
        }
        for (int32_t j = 0; btn && j < l->ncmds; j++) {
            const RenderCmd *q = &l->cmds[j];
            rule += q->kind == RENDER_CMD_RECT && q->x <= hx0 && q->x + q->w >= hx1 &&
                    q->h <= 2 * t.w->scale && fabsf(q->y + q->h - strip_y) < 1;
        }
        CHECK(top_arrows == 0 && (strip_cut == 0 || rule > 0),
              "%s (zoom %.3f): %d arrows leave the heap's top edge; %d cards cut at the "
              "button's strip, %d rules along it",
              where, t.w->view.zoom, top_arrows, strip_cut, rule);
        int bad = pills_over_text(&t, where, &npills);
        CHECK(whole >= 4 && cut_side == 0 && under == 0 && bad == 0 && (npills >= 1 || pi == 1),
              "%s (zoom %.3f): %d cards whole, %d cut at the left or right edge, %d texts under "
              "the Back out button, %d of %d pills over a text",
              where, t.w->view.zoom, whole, cut_side, under, bad, npills);
        CHECK(arrows >= 4 && cut_arrows == 0,
              "%s (zoom %.3f): %d of %d arrows between cards in view cut by the heap's edge", where,
              t.w->view.zoom, cut_arrows, arrows);
        target_close(&t);
    }
    unlink(path);
}

/* The last drill-down of a chain of 20,000 nodes (a scenario's, folded into rows) at
 * 1280x720 shows its cards whole, none cut at the left or right edge, and
 * the row in the middle of the heap, not along its top edge.  Positions
 * of the cards' hit regions.  At 60 % a card was cut at the left edge;
 * framed by whole rows from the top, the row sat along the top edge over
 * an empty heap. */
static void t_drill_chain(void)
{
    char path[128];
    snprintf(path, sizeof path, "/tmp/gcviz-drill-chain-%d.json", (int)getpid());
    FILE *f = fopen(path, "w");
    CHECK(f != NULL, "write %s", path);
    if (!f)
        return;
    fprintf(f, "{\"title\": \"chain\", \"classes\": {\"Node\": {}}, \"steps\": "
               "[\"gc.disable()\", \"head = Node()\", \"n = head\", {\"for\": \"i in "
               "range(19999)\", \"body\": [\"n.next = Node()\", \"n = n.next\"]}, "
               "\"x = 0\"]}\n");
    fclose(f);
    Target t;
    if (tree_blocks(&t, path, 1280, 720) < 0) {
        unlink(path);
        return;
    }
    RenderRegions rg;
    app_win_regions(t.w, &rg);
    RenderHit sub = {0};
    for (int depth = 0; depth < 6 && middle_block_hit(&t, &sub); depth++) {
        click_hit(&t, &sub);
        CHECK(app_win_build(t.w) == 0, "build");
    }
    const RenderList *l = &t.w->list;
    int whole = 0, cut = 0;
    float y0 = 1e30f, y1 = -1e30f;
    for (int32_t i = 0; i < l->nhits; i++) {
        const RenderHit *h = &l->hits[i];
        if (h->kind != RENDER_HIT_CARD || h->x >= rg.heap_x + rg.heap_w ||
            h->x + h->w <= rg.heap_x)
            continue;
        int side = h->x < rg.heap_x || h->x + h->w > rg.heap_x + rg.heap_w;
        cut += side;
        whole += !side;
        y0 = fminf(y0, h->y);
        y1 = fmaxf(y1, h->y + h->h);
    }
    float mid = (y0 + y1) * 0.5f, hmid = rg.heap_y + rg.heap_h * 0.5f;
    CHECK(whole >= 2 && cut == 0 && fabsf(mid - hmid) < rg.heap_h * 0.15f,
          "zoom %.3f: %d cards whole, %d cut at the left or right edge, their middle at y %.0f "
          "(the heap's %.0f)",
          t.w->view.zoom, whole, cut, mid, hmid);
    target_close(&t);
    unlink(path);
}

/* How much of the polyline a (n points) runs within 2 px of the polyline
 * b (m points): its length in pixels, sampled every 2 px. */
static float along(const RenderPt *a, int n, const RenderPt *b, int m)
{
    float len = 0;
    for (int i = 0; i + 1 < n; i++) {
        float dx = a[i + 1].x - a[i].x, dy = a[i + 1].y - a[i].y, d = sqrtf(dx * dx + dy * dy);
        int steps = (int)(d / 2) + 1;
        for (int k = 0; k < steps; k++) {
            float px = a[i].x + dx * (float)k / (float)steps, py = a[i].y + dy * (float)k / (float)steps;
            int near = 0;
            for (int j = 0; j + 1 < m && !near; j++) {
                float ex = b[j + 1].x - b[j].x, ey = b[j + 1].y - b[j].y, ee = ex * ex + ey * ey;
                float t = ee > 0 ? ((px - b[j].x) * ex + (py - b[j].y) * ey) / ee : 0;
                t = t < 0 ? 0 : t > 1 ? 1 : t;
                float qx = b[j].x + t * ex - px, qy = b[j].y + t * ey - py;
                near = qx * qx + qy * qy < 4;
            }
            len += near ? d / (float)steps : 0;
        }
    }
    return len;
}

/* A lesson's dict keys that are objects (dict_key_places.py: two Node
 * keys in one dict, a tuple key in another; README "as a dict key"): at
 * its last statement,
 * at 1280x720 and 1920x1080, each key's card sits in the column right of
 * its dict, its top within three of the dict's heights of the dict's
 * (placed as a value is), and the dashed arrows from the keys' rings run
 * along no other arrow for more than 16 px (apart from the last 16 px,
 * where arrows into one card's edge meet).  The keys stood in the roots
 * column left of the dicts, and the two keys' arrows of one dict left
 * from one ring's line and ran along one route. */
static void t_dict_keys(void)
{
    static const int sizes[][2] = {{1280, 720}, {1920, 1080}};
    for (int si = 0; si < 2; si++) {
        Target t;
        if (tree_blocks(&t, "dict_key_places.py", sizes[si][0], sizes[si][1]) < 0)
            break;
        const RenderList *l = &t.w->list;
        int keys = 0, far = 0;
        for (int32_t i = 0; i < l->nhits; i++) {
            const RenderHit *dh = &l->hits[i];
            const GcObject *o = dh->kind == RENDER_HIT_CARD ? gc_object(t.w->heap, dh->id) : NULL;
            for (uint32_t s = 0; o && o->kind == GC_KIND_DICT && s < gc_nslots(o); s++) {
                GcValue key = gc_slot(o, s).key;
                for (int32_t j = 0; GC_VAL_IS_OBJ(key) && j < l->nhits; j++) {
                    const RenderHit *kh = &l->hits[j];
                    if (kh->kind != RENDER_HIT_CARD || kh->id != (int32_t)GC_VAL_ID(key))
                        continue;
                    keys++;
                    int beside = kh->x >= dh->x + dh->w && kh->x <= dh->x + 2 * dh->w &&
                                 fabsf(kh->y - dh->y) <= 3 * dh->h;
                    if (!beside)
                        fprintf(stderr, "%dx%d: key #%d at %.0f,%.0f, its dict #%d at %.0f,%.0f %.0fx%.0f\n",
                                sizes[si][0], sizes[si][1], kh->id, kh->x, kh->y, dh->id, dh->x, dh->y, dh->w, dh->h);
                    far += !beside;
                }
            }
        }
        int shared = 0, dashed = 0;
        for (int32_t i = 0; i < l->ncmds; i++) {
            const RenderCmd *a = &l->cmds[i];
            if (a->kind != RENDER_CMD_LINE || a->head <= 0 || a->dash <= 0 || a->npts < 2)
                continue;
            dashed++;
            /* (without its last 16 px: the arrows into one card's edge meet there) */
            const RenderPt *pa = &l->pts[a->pts];
            int na = a->npts;
            float tail = 0;
            while (na > 2 && tail < 16) {
                tail += hypotf(pa[na - 1].x - pa[na - 2].x, pa[na - 1].y - pa[na - 2].y);
                na--;
            }
            for (int32_t j = 0; j < l->ncmds; j++) {
                const RenderCmd *b = &l->cmds[j];
                if (j == i || b->kind != RENDER_CMD_LINE || b->head <= 0 || b->npts < 2)
                    continue;
                float run = along(pa, na, &l->pts[b->pts], b->npts);
                if (run > 16) {
                    fprintf(stderr, "%dx%d: a key's arrow runs %.0f px along another arrow\n",
                            sizes[si][0], sizes[si][1], run);
                    shared++;
                }
            }
        }
        CHECK(keys == 3 && far == 0, "%dx%d: %d of %d keys' cards away from their dicts",
              sizes[si][0], sizes[si][1], far, keys);
        CHECK(dashed == 3 && shared == 0, "%dx%d: %d of %d keys' arrows run along another arrow",
              sizes[si][0], sizes[si][1], shared, dashed);
        target_close(&t);
    }
}

/* A dict's key whose card stands right of the dict at the key's row's
 * height (dict_key_places.py's dict #5 and Node #2): its dashed arrow
 * runs straight right at the row's height into the card's left edge, at
 * 1280x720 and 1920x1080.  It left the ring upwards, went over the
 * dict's top and came down into Node #2's header. */
static void t_key_straight(void)
{
    static const int sizes[][2] = {{1280, 720}, {1920, 1080}};
    for (int si = 0; si < 2; si++) {
        Target t;
        if (tree_blocks(&t, "dict_key_places.py", sizes[si][0], sizes[si][1]) < 0)
            break;
        const RenderList *l = &t.w->list;
        float k = t.w->view.zoom * t.w->scale;
        int level = 0, straight = 0;
        for (GcId id = 1; id <= gc_max_id(t.w->heap); id++) {
            const GcObject *o = gc_object(t.w->heap, id);
            float dx, dy, dw, dh;
            if (!o || o->kind != GC_KIND_DICT || card_screen(&t, id, &dx, &dy, &dw, &dh) < 0)
                continue;
            for (uint32_t s = 0; s < gc_nslots(o); s++) {
                GcValue key = gc_slot(o, s).key;
                float kx, ky, kw, kh;
                if (!GC_VAL_IS_OBJ(key) || card_screen(&t, GC_VAL_ID(key), &kx, &ky, &kw, &kh) < 0)
                    continue;
                float sy = dy + (LAYOUT_HEADER_H + LAYOUT_ROW_H * ((float)s + 0.5f)) * k;
                if (kx < dx + dw || sy < ky + 8 * k || sy > ky + kh - 8 * k)
                    continue;
                level++;
                int found = 0;
                for (int32_t i = 0; i < l->ncmds && !found; i++) {
                    const RenderCmd *a = &l->cmds[i];
                    if (a->kind != RENDER_CMD_LINE || a->head <= 0 || a->dash <= 0 || a->npts < 2)
                        continue;
                    const RenderPt *p = &l->pts[a->pts];
                    if (fabsf(p[a->npts - 1].x - kx) > 2 || fabsf(p[a->npts - 1].y - sy) > 2)
                        continue;
                    found = 1;
                    for (int j = 0; j < a->npts; j++)
                        found &= fabsf(p[j].y - sy) < 1 && p[j].x >= dx;
                }
                if (!found)
                    fprintf(stderr, "%dx%d: dict #%d's key #%d at the row's height: no straight arrow into %.0f,%.0f\n",
                            sizes[si][0], sizes[si][1], (int)id, (int)GC_VAL_ID(key), kx, sy);
                straight += found;
            }
        }
        CHECK(level == 1 && straight == level, "%dx%d: %d of %d keys level with their row reached straight",
              sizes[si][0], sizes[si][1], straight, level);
        target_close(&t);
    }
}

/* Arrowheads of one frame that meet: two arrows ending within 4 px of
 * each other (into one card's edge they merged into one head). */
static int heads_met(const RenderList *l, const char *what)
{
    int met = 0;
    for (int32_t i = 0; i < l->ncmds; i++) {
        const RenderCmd *a = &l->cmds[i];
        if (a->kind != RENDER_CMD_LINE || a->head <= 0 || a->npts < 2)
            continue;
        RenderPt pa = l->pts[a->pts + a->npts - 1];
        for (int32_t j = i + 1; j < l->ncmds; j++) {
            const RenderCmd *b = &l->cmds[j];
            if (b->kind != RENDER_CMD_LINE || b->head <= 0 || b->npts < 2)
                continue;
            RenderPt pb = l->pts[b->pts + b->npts - 1];
            if (fabsf(pa.x - pb.x) < 4 && fabsf(pa.y - pb.y) < 4) {
                fprintf(stderr, "%s: two arrowheads at %.0f,%.0f\n", what, pa.x, pa.y);
                met++;
            }
        }
    }
    return met;
}

/* Several arrows into one card enter it at points apart (a teacher counts
 * the references): at every statement of chapter 1 (a and point into
 * Node #3, b and c into list #4, a list's cell and a name into Node #3)
 * and of dict_key_places.py, at 1280x720 and 1920x1080, no two
 * arrowheads end within 4 px.  They entered at the header's middle, one
 * head over the other. */
static void t_arrow_entries(void)
{
    static const int sizes[][2] = {{1280, 720}, {1920, 1080}};
    static const char *const files[] = {GCVIZ_SCENARIOS_DIR "/01_names_are_references.py",
                                        "dict_key_places.py"};
    for (int si = 0; si < 2; si++)
        for (int fi = 0; fi < 2; fi++) {
            Target t;
            CHECK(target_open(&t, sizes[si][0], sizes[si][1], RENDER_THEME_DARK) == 0, "target");
            CHECK(load(&t, files[fi]) == 0, "load %s", files[fi]);
            if (!t.w->heap) {
                target_close(&t);
                continue;
            }
            int met = 0, frames = 0, arrows = 0;
            int32_t last = -1;
            while (app_win_cursor(t.w) > last && frames < 200) {
                last = app_win_cursor(t.w);
                app_win_command(t.w, APP_CMD_FIT, 0);
                settle(&t);
                CHECK(app_win_build(t.w) == 0, "build");
                char what[200];
                snprintf(what, sizeof what, "%dx%d %s cursor %d", sizes[si][0], sizes[si][1],
                         files[fi], (int)last);
                met += heads_met(&t.w->list, what);
                for (int32_t i = 0; i < t.w->list.ncmds; i++)
                    arrows += t.w->list.cmds[i].kind == RENDER_CMD_LINE && t.w->list.cmds[i].head > 0;
                frames++;
                app_win_command(t.w, APP_CMD_NEXT_STMT, 0);
            }
            CHECK(frames >= 10 && arrows >= 20 && met == 0,
                  "%dx%d %s: %d pairs of arrowheads met in %d frames (%d arrows)", sizes[si][0],
                  sizes[si][1], files[fi], met, frames, arrows);
            target_close(&t);
        }
}

/* Honest counterfactuals (issue 13 item 7): under mark-sweep no reference
 * counts and no generations are drawn, and the mark phase steps object by
 * object with its white/grey/black badges and the grey worklist; under
 * refcount only, no generations.  And the collector's phase strip keeps
 * its ticks in every phase (it lost them during legacy_finalizers). */
static void t_counterfactuals(void)
{
    char dir[1024], path[1200];
    CHECK(render_find_data_dir("scenarios", "index.json", dir, sizeof dir) == 0, "the course");
    Target t;
    CHECK(target_open(&t, 1280, 720, RENDER_THEME_LIGHT) == 0, "target");
    static const char *const gens[] = {"gen 0", "gen 1", "gen 2", "permanent"};
    snprintf(path, sizeof path, "%s/17_mark_sweep.json", dir);
    CHECK(load(&t, path) == 0, "load 17");
    int greys = 0, worklists = 0, stops = 0;
    for (int32_t c = 0; c <= gc_event_count(t.w->heap); c++) {
        app_win_seek(t.w, c, 0);
        CHECK(draw(&t) == 0, "draw");
        for (int32_t i = 0; i < t.w->list.ncmds; i++) {
            const RenderCmd *cmd = &t.w->list.cmds[i];
            if (cmd->kind != RENDER_CMD_TEXT)
                continue;
            const char *txt = render_cmd_text(&t.w->list, cmd);
            CHECK(strncmp(txt, "rc ", 3) != 0, "mark-sweep cursor %d draws a refcount '%s'", (int)c, txt);
            CHECK(!strstr(txt, "refcount") || strncmp(txt, "\xE2\x80\x9C", 3) == 0, /* not the teacher's say */
                  "mark-sweep cursor %d: '%s'", (int)c, txt);
            for (int g = 0; g < 4; g++)
                CHECK(strcmp(txt, gens[g]) != 0, "mark-sweep cursor %d draws '%s'", (int)c, txt);
            greys += strcmp(txt, "grey") == 0;
        }
        worklists += frame_has_text(&t, "grey worklist (top last)");
        stops++;
    }
    CHECK(greys >= 4 && worklists >= 8, "%d grey badges, %d worklists in %d frames", greys, worklists, stops);
    snprintf(path, sizeof path, "%s/16_refcount_only.json", dir);
    CHECK(load(&t, path) == 0, "load 16");
    int leaks = 0;
    for (int32_t c = 0; c <= gc_event_count(t.w->heap); c++) {
        app_win_seek(t.w, c, 0);
        CHECK(draw(&t) == 0, "draw");
        for (int g = 0; g < 4; g++)
            CHECK(!frame_has_text(&t, gens[g]), "refcount cursor %d draws '%s'", (int)c, gens[g]);
        leaks += frame_has_text(&t, "leaked (never freed): ");
    }
    CHECK(leaks > 0, "the leaked list is shown");
    /* CPython: the phase strip has a current phase in every phase */
    snprintf(path, sizeof path, "%s/08_collect_step_by_step.py", dir);
    CHECK(load(&t, path) == 0, "load 8");
    int legacy = 0;
    for (int32_t c = 1; c <= gc_event_count(t.w->heap); c++) {
        const GcEvent *e = gc_event(t.w->heap, c - 1);
        if (e->phase == GC_PHASE_IDLE || e->kind == GC_EV_GC_END)
            continue;
        app_win_seek(t.w, c, 0);
        CHECK(draw(&t) == 0, "draw");
        /* the current phase in the collector panel: "8 of 13" beside the
         * segments, or its pill among the others */
        RenderRegions rg;
        app_win_regions(t.w, &rg);
        int current = 0;
        for (int32_t i = 0; i < t.w->list.ncmds; i++) {
            const RenderCmd *cmd = &t.w->list.cmds[i];
            if (cmd->kind != RENDER_CMD_TEXT || cmd->x < rg.heap_x + rg.heap_w || cmd->y > rg.heap_y + rg.heap_h)
                continue;
            const char *txt = render_cmd_text(&t.w->list, cmd);
            current |= strstr(txt, " of 13") != NULL || strstr(txt, "/13") != NULL ||
                       (cmd->font == RENDER_FONT_BOLD && strcmp(txt, gc_phase_name((GcPhase)e->phase)) == 0);
        }
        CHECK(current, "cursor %d (%s): no current phase in the strip", (int)c, gc_phase_name((GcPhase)e->phase));
        legacy += e->phase == GC_PHASE_LEGACY_FINALIZERS;
    }
    CHECK(legacy > 0, "legacy_finalizers seen");
    target_close(&t);
}

/* Every traversal phase highlights the arrow it follows (issue 13: only
 * subtract_refs did): subtract_refs, move_unreachable's scan and visits,
 * the same in handle_resurrected_objects, tp_clear, mark-sweep's black. */
static void t_traversal_arrows(void)
{
    char dir[1024], path[1200];
    CHECK(render_find_data_dir("scenarios", "index.json", dir, sizeof dir) == 0, "the course");
    static const char *const files[] = {"13_resurrection.py", "17_mark_sweep.json", "09_tentatively_unreachable.py"};
    int seen[GC_EV_SKIP_FULL + 1] = {0};
    Target t;
    CHECK(target_open(&t, 1280, 720, RENDER_THEME_LIGHT) == 0, "target");
    const RenderTheme *tm = render_theme(RENDER_THEME_LIGHT);
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[f]);
        CHECK(load(&t, path) == 0, "load %s", files[f]);
        for (int32_t i = 0; i < gc_event_count(t.w->heap); i++) {
            const GcEvent *e = gc_event(t.w->heap, i);
            GcId from;
            switch (e->kind) {
            case GC_EV_SUBTRACT: case GC_EV_VISIT_REACHABLE: case GC_EV_MOVE_BACK: from = e->obj2; break;
            case GC_EV_SCAN_REACHABLE: case GC_EV_CLEAR: from = e->obj; break;
            case GC_EV_MARK: from = e->a == 0 ? e->obj : 0; break;
            default: from = 0;
            }
            if (from <= 0)
                continue;
            app_win_seek(t.w, i + 1, 0);
            const GcObject *o = gc_object(t.w->heap, from);
            int edges = 0;
            for (uint32_t k = 0; o && k < gc_nslots(o); k++)
                edges += GC_VAL_IS_OBJ(gc_slot(o, k).val) &&
                         gc_object(t.w->heap, GC_VAL_ID(gc_slot(o, k).val))->state == GC_STATE_ALIVE;
            if (!edges)
                continue;
            CHECK(draw(&t) == 0, "draw");
            int hot = 0;
            for (int32_t k = 0; k < t.w->list.ncmds; k++) {
                const RenderCmd *c = &t.w->list.cmds[k];
                hot += c->kind == RENDER_CMD_LINE && c->head > 0 && near(c->color, tm->arrow_hot, 0);
            }
            CHECK(hot > 0, "%s event %d (kind %d): no arrow highlighted", files[f], (int)i, e->kind);
            seen[e->kind]++;
        }
    }
    CHECK(seen[GC_EV_SUBTRACT] && seen[GC_EV_VISIT_REACHABLE] && seen[GC_EV_SCAN_REACHABLE] && seen[GC_EV_CLEAR] &&
              seen[GC_EV_MARK],
          "kinds seen: subtract %d visit %d scan %d clear %d mark %d", seen[GC_EV_SUBTRACT],
          seen[GC_EV_VISIT_REACHABLE], seen[GC_EV_SCAN_REACHABLE], seen[GC_EV_CLEAR], seen[GC_EV_MARK]);
    target_close(&t);
}

/* B (or --beginner) hides interpreter temporaries: stepping by micro-step
 * never stops on one, the caption says how many were skipped, and the
 * argument tuple of weakref.ref(...) has no card; B again shows them. */
static void t_beginner(void)
{
    char dir[1024], path[1200];
    /* the JSON form of chapter 14 (its ids: the argument tuple is #3) */
    snprintf(dir, sizeof dir, "%s", GCVIZ_GOLDEN_DIR "/course");
    snprintf(path, sizeof path, "%s/14_weak_references.json", dir);
    Target t;
    CHECK(target_open(&t, 1280, 720, RENDER_THEME_LIGHT) == 0, "target");
    CHECK(load(&t, path) == 0, "load 14");
    key(&t, SDLK_b, 0);
    CHECK(t.w->view.beginner, "B: beginner view");
    key(&t, SDLK_TAB, 0);
    key(&t, SDLK_TAB, 0);
    CHECK(t.w->view.gran == RENDER_GRAN_MICRO, "micro-steps");
    int said = 0, stops = 0, tuple_cards = 0;
    while (app_win_cursor(t.w) < gc_event_count(t.w->heap) && stops < 500) {
        key(&t, SDLK_RIGHT, 0);
        stops++;
        int32_t c = app_win_cursor(t.w);
        if (c < gc_event_count(t.w->heap))
            CHECK(!gc_event_interpreter_only(t.w->heap, c - 1), "stopped on interpreter event %d", (int)(c - 1));
        CHECK(draw(&t) == 0, "draw");
        said += frame_has_text(&t, "interpreter steps hidden)") || frame_has_text(&t, "interpreter step hidden)");
        for (int32_t i = 0; i < t.w->list.nhits; i++)
            tuple_cards += t.w->list.hits[i].kind == RENDER_HIT_CARD && t.w->list.hits[i].id == 3;
    }
    CHECK(said > 2 && tuple_cards == 0, "%d captions say what was hidden, tuple #3 drawn %d times", said, tuple_cards);
    key(&t, SDLK_b, 0);
    CHECK(!t.w->view.beginner, "B again");
    app_win_seek(t.w, 16, 0);
    CHECK(draw(&t) == 0, "draw");
    tuple_cards = 0;
    for (int32_t i = 0; i < t.w->list.nhits; i++)
        tuple_cards += t.w->list.hits[i].kind == RENDER_HIT_CARD && t.w->list.hits[i].id == 3;
    CHECK(tuple_cards == 1 && !frame_has_text(&t, "hidden)"), "the argument tuple is back");
    target_close(&t);
}

/* "say" keyed by phase: during the collection a statement runs, the
 * caption line is the scenario's caption for the phase shown, if any;
 * else the statement's own. */
static void t_phase_say(void)
{
    Target t;
    CHECK(target_open(&t, 1280, 720, RENDER_THEME_LIGHT) == 0, "target");
    CHECK(load(&t, "phase_say.json") == 0, "load");
    int sub = 0, clear = 0, plain = 0;
    for (int32_t c = 1; c <= gc_event_count(t.w->heap); c++) {
        const GcEvent *e = gc_event(t.w->heap, c - 1);
        if (e->step != 4)
            continue;
        app_win_seek(t.w, c, 0);
        CHECK(draw(&t) == 0, "draw");
        int s1 = frame_has_text(&t, "The self-reference cancels out: gc_refs 0.");
        int s2 = frame_has_text(&t, "tp_clear breaks the cycle.");
        int s0 = frame_has_text(&t, "The collector finds the cycle.");
        CHECK(s1 == (e->phase == GC_PHASE_SUBTRACT_REFS), "cursor %d (%s): subtract_refs caption %d", (int)c,
              gc_phase_name((GcPhase)e->phase), s1);
        CHECK(s2 == (e->phase == GC_PHASE_CLEAR), "cursor %d: delete_garbage caption %d", (int)c, s2);
        CHECK(s0 == (e->phase != GC_PHASE_SUBTRACT_REFS && e->phase != GC_PHASE_CLEAR), "cursor %d: statement caption %d",
              (int)c, s0);
        sub += s1;
        clear += s2;
        plain += s0;
    }
    CHECK(sub > 0 && clear > 0 && plain > 0, "%d %d %d", sub, clear, plain);
    target_close(&t);
}

/* PageDown / PageUp follow the course's index.json; at the end of a
 * chapter the frame says which one comes next; Shift+C goes back a
 * collection. */
static void t_chapters(void)
{
    char dir[1024], path[1200];
    CHECK(render_find_data_dir("scenarios", "index.json", dir, sizeof dir) == 0, "the course");
    Target t;
    CHECK(target_open(&t, 1280, 720, 0) == 0, "target");
    snprintf(path, sizeof path, "%s/07_cycles.py", dir);
    CHECK(load(&t, path) == 0, "load 07");
    key(&t, SDLK_PAGEDOWN, 0);
    CHECK(strstr(t.w->path, "08_collect_step_by_step.py") != NULL, "PageDown: chapter 8 (%s)",
          t.w->path);
    CHECK(strstr(t.w->toast, "8. gc.collect() step by step") != NULL, "a toast names it: %s",
          t.w->toast);
    key(&t, SDLK_PAGEUP, 0);
    key(&t, SDLK_PAGEUP, 0);
    CHECK(strstr(t.w->path, "06_containers_and_tracking.py") != NULL, "PageUp twice: 6 (%s)",
          t.w->path);
    key(&t, SDLK_PAGEDOWN, 0);
    key(&t, SDLK_PAGEDOWN, 0);
    CHECK(strstr(t.w->path, "08_") != NULL, "back on 8");
    /* the end of the chapter: the prompt, not in a settled picture */
    CHECK(draw(&t) == 0 && !frame_has_text(&t, "End of this chapter"), "no prompt at the start");
    key(&t, SDLK_END, 0);
    t.w->settled = 0;
    CHECK(draw(&t) == 0 && frame_has_text(&t, "PageDown: 9. Tentatively unreachable"),
          "the end-of-chapter prompt names chapter 9");
    t.w->settled = 1;
    CHECK(draw(&t) == 0 && !frame_has_text(&t, "End of this chapter"), "not in a recording");
    /* Shift+C: back through the collections, then a toast */
    int ngc = t.w->tl.ncollections;
    CHECK(ngc >= 1, "chapter 8 collects");
    key(&t, SDLK_c, KMOD_LSHIFT);
    CHECK(app_win_cursor(t.w) == t.w->tl.gc_start[ngc - 1] + 1, "Shift+C: the last collection");
    key(&t, SDLK_c, 0);
    CHECK(app_win_cursor(t.w) == t.w->tl.gc_start[ngc - 1] + 1, "C: no later one, stays");
    for (int i = ngc - 2; i >= 0; i--) {
        key(&t, SDLK_c, KMOD_RSHIFT);
        CHECK(app_win_cursor(t.w) == t.w->tl.gc_start[i] + 1, "Shift+C: collection %d", i);
    }
    t.w->toast[0] = 0;
    int32_t c = app_win_cursor(t.w);
    key(&t, SDLK_c, KMOD_LSHIFT);
    CHECK(app_win_cursor(t.w) == c && strstr(t.w->toast, "No collection before"), "none before");
    /* the last chapter, and a file outside the course */
    snprintf(path, sizeof path, "%s/20_exceptions_and_frames.py", dir);
    CHECK(load(&t, path) == 0, "load 20");
    key(&t, SDLK_PAGEDOWN, 0);
    CHECK(strstr(t.w->path, "20_") && strstr(t.w->toast, "last chapter"), "20 is the last: %s",
          t.w->toast);
    CHECK(load(&t, "cycle.json") == 0, "load a file outside the course");
    key(&t, SDLK_PAGEDOWN, 0);
    CHECK(strstr(t.w->path, "cycle.json") && strstr(t.w->toast, "not a chapter"), "%s", t.w->toast);
    target_close(&t);
}

/* Ctrl+ / Ctrl- / Ctrl+0 change the interface size in steps, never beyond
 * what leaves 960 x 640 logical pixels, keeping the heap's centre; text
 * grows with it; a smaller window lowers it, a larger one gives it back. */
static void t_ui_scale(void)
{
    Target t;
    CHECK(target_open(&t, 1920, 1080, 0) == 0, "target");
    CHECK(load(&t, "cycle.json") == 0, "load");
    CHECK(draw(&t) == 0, "draw");
    int px1 = 0;
    for (int32_t i = 0; i < t.w->list.ncmds; i++)
        if (t.w->list.cmds[i].kind == RENDER_CMD_TEXT && px1 == 0)
            px1 = t.w->list.cmds[i].px;
    RenderRegions rg;
    render_regions(t.w->width, t.w->height, t.w->scale, &rg);
    float k = t.w->view.zoom * t.w->scale;
    float cx = t.w->view.pan_x + rg.heap_w * 0.5f / k, cy = t.w->view.pan_y + rg.heap_h * 0.5f / k;
    key(&t, SDLK_EQUALS, KMOD_LCTRL);
    CHECK(fabsf(app_win_ui_scale(t.w) - 1.1f) < 0.001f, "Ctrl+=: 110 %% (%.2f)", app_win_ui_scale(t.w));
    CHECK(t.w->view.playing == 0 && t.w->view.speed == 2, "not the speed key");
    render_regions(t.w->width, t.w->height, t.w->scale, &rg);
    k = t.w->view.zoom * t.w->scale;
    CHECK(fabsf(t.w->view.pan_x + rg.heap_w * 0.5f / k - cx) < 0.5f &&
              fabsf(t.w->view.pan_y + rg.heap_h * 0.5f / k - cy) < 0.5f,
          "the heap keeps its centre");
    CHECK(draw(&t) == 0, "draw");
    int px2 = 0;
    for (int32_t i = 0; i < t.w->list.ncmds; i++)
        if (t.w->list.cmds[i].kind == RENDER_CMD_TEXT && px2 == 0)
            px2 = t.w->list.cmds[i].px;
    CHECK(px2 > px1, "text grows: %d -> %d px", px1, px2);
    for (int i = 0; i < 10; i++)
        key(&t, SDLK_KP_PLUS, KMOD_RCTRL);
    CHECK(fabsf(app_win_ui_scale(t.w) - 1080.0f / 640.0f) < 0.001f, "capped by the window: %.3f",
          app_win_ui_scale(t.w));
    key(&t, SDLK_0, KMOD_LCTRL);
    CHECK(fabsf(t.w->scale - 1) < 0.001f, "Ctrl+0: 100 %%");
    key(&t, SDLK_MINUS, KMOD_LCTRL);
    CHECK(fabsf(app_win_ui_scale(t.w) - 0.9f) < 0.001f, "Ctrl+-: 90 %%");
    key(&t, SDLK_MINUS, KMOD_LCTRL);
    key(&t, SDLK_MINUS, KMOD_LCTRL);
    CHECK(fabsf(app_win_ui_scale(t.w) - 0.8f) < 0.001f, "at least 80 %%");
    /* 150 % asked for, the window shrinks below room for it, then grows */
    key(&t, SDLK_0, KMOD_LCTRL);
    for (int i = 0; i < 3; i++) /* 110, 125, 150 */
        key(&t, SDLK_EQUALS, KMOD_LCTRL);
    CHECK(fabsf(app_win_ui_scale(t.w) - 1.5f) < 0.001f, "150 %% (%.2f)", app_win_ui_scale(t.w));
    app_win_resize(t.w, 1200, 800, 1);
    CHECK(fabsf(app_win_ui_scale(t.w) - 1.25f) < 0.001f, "1200x800 allows 125 %% (%.2f)",
          app_win_ui_scale(t.w));
    app_win_resize(t.w, 1920, 1080, 1);
    CHECK(fabsf(app_win_ui_scale(t.w) - 1.5f) < 0.001f, "back to 150 %%");
    /* HiDPI: the interface size multiplies the display's factor */
    app_win_resize(t.w, 3840, 2160, 2);
    CHECK(fabsf(t.w->scale - 3.0f) < 0.001f, "scale 2 x 150 %% = %.2f", t.w->scale);
    target_close(&t);
}

/* A step about a card outside the heap area glides the view (zoom kept)
 * until the card is in it; a step about a card in view leaves the view
 * alone; settled frames (recordings) never move the view. */
static void t_follow(void)
{
    Target t;
    CHECK(target_open(&t, 1600, 1000, 0) == 0, "target");
    CHECK(load(&t, "many.json") == 0, "load");
    t.w->settled = 0;
    GcHeap *h = t.w->heap;
    int32_t at = -1;
    for (int32_t i = 0; i < gc_event_count(h) && at < 0; i++)
        if (gc_event(h, i)->kind == GC_EV_ALLOC && gc_event(h, i)->obj == 100)
            at = i;
    CHECK(at > 0, "#100 allocated");
    float zoom = t.w->view.zoom, x, y, w, hh;
    RenderRegions rg;
    render_regions(t.w->width, t.w->height, t.w->scale, &rg);
    app_win_seek(t.w, at + 1, 1000);
    CHECK(card_screen(&t, 100, &x, &y, &w, &hh) == 0, "card");
    CHECK(x + w > rg.heap_x + rg.heap_w || y + hh > rg.heap_y + rg.heap_h, "#100 starts out of view");
    CHECK(t.w->fitting, "the view glides");
    uint32_t wait = 0;
    app_win_tick(t.w, 1100, &wait);
    CHECK(t.w->fitting && wait == 16, "still gliding at +100 ms");
    app_win_tick(t.w, 1300, &wait);
    CHECK(!t.w->fitting && t.w->view.zoom == zoom, "done by +300 ms, zoom kept");
    CHECK(card_screen(&t, 100, &x, &y, &w, &hh) == 0, "card");
    CHECK(x >= rg.heap_x && y >= rg.heap_y && x + w <= rg.heap_x + rg.heap_w &&
              y + hh <= rg.heap_y + rg.heap_h,
          "#100 in view: %.0f,%.0f %.0fx%.0f", x, y, w, hh);
    /* the next micro-step is about #100 too: nothing moves */
    float px = t.w->view.pan_x, py = t.w->view.pan_y;
    app_win_seek(t.w, at + 2, 1400);
    CHECK(!t.w->fitting && t.w->view.pan_x == px && t.w->view.pan_y == py, "view kept");
    /* settled: the view stays even for a card out of view */
    t.w->settled = 1;
    app_win_seek(t.w, 0, 1500);
    app_win_seek(t.w, gc_event_count(h), 1500);
    CHECK(!t.w->fitting && t.w->view.pan_x == px && t.w->view.pan_y == py, "settled: no glide");
    target_close(&t);
}

/* A big tree as a teacher writes it (its nodes into a list, then linked)
 * opened at 1280x720: the run is far too big for the view, whose home
 * (its top-left corner, at 72 %) showed an empty heap with the list and
 * the root below it.  It opens on the list of nodes, its first card. */
static void t_open_first(void)
{
    char path[128];
    snprintf(path, sizeof path, "/tmp/gcviz-open-first-%d.py", (int)getpid());
    FILE *f = fopen(path, "w");
    CHECK(f != NULL, "write %s", path);
    if (!f)
        return;
    fputs("class Node:\n"
          "    def __init__(self, v):\n"
          "        self.v = v\n"
          "        self.left = None\n"
          "        self.right = None\n"
          "nodes = []\n"
          "for i in range(3000):\n"
          "    nodes.append(Node(i))\n"
          "for i in range(1, 3000):\n"
          "    parent = nodes[(i - 1) // 2]\n"
          "    if i % 2 == 1:\n"
          "        parent.left = nodes[i]\n"
          "    else:\n"
          "        parent.right = nodes[i]\n"
          "root = nodes[0]\n",
          f);
    fclose(f);
    Target t;
    CHECK(target_open(&t, 1280, 720, 0) == 0, "target");
    CHECK(load(&t, path) == 0, "load");
    remove(path);
    GcHeap *h = t.w->heap;
    gc_seek(h, gc_event_count(h));
    const GcObject *o = gc_object(h, 1);
    CHECK(o && o->kind == GC_KIND_LIST, "#1 is the list of nodes");
    RenderRegions rg;
    render_regions(t.w->width, t.w->height, t.w->scale, &rg);
    float x, y, w, hh;
    CHECK(card_screen(&t, 1, &x, &y, &w, &hh) == 0, "card");
    CHECK(x >= rg.heap_x && y >= rg.heap_y && x + w <= rg.heap_x + rg.heap_w &&
              y + hh <= rg.heap_y + rg.heap_h,
          "the list in view: %.0f,%.0f %.0fx%.0f (heap %.0f,%.0f %.0fx%.0f)", x, y, w, hh,
          (double)rg.heap_x, (double)rg.heap_y, (double)rg.heap_w, (double)rg.heap_h);
    CHECK(x - rg.heap_x < 0.25f * rg.heap_w, "at the left: %.0f", x - rg.heap_x);
    CHECK(t.w->view.zoom >= 0.72f, "zoom %.2f", t.w->view.zoom);
    target_close(&t);
}

/* Long names and captions at 1280x720: a variable's name is cut before
 * its value (never drawn over it), a card's only name is cut rather than
 * hidden, and the scenario's long `say` is shown whole on two lines. */
static void t_long_texts(void)
{
    Target t;
    CHECK(target_open(&t, 1280, 720, 0) == 0, "target");
    CHECK(load(&t, "long_names.json") == 0, "load");
    key(&t, SDLK_RIGHT, KMOD_LSHIFT);
    key(&t, SDLK_RIGHT, KMOD_LSHIFT);
    CHECK(draw(&t) == 0, "draw");
    RenderRegions rg;
    render_regions(t.w->width, t.w->height, t.w->scale, &rg);
    int name_cut = 0, value = 0, tag = 0, say_end = 0;
    float name_r = 0, value_l = 1e9f;
    for (int32_t i = 0; i < t.w->list.ncmds; i++) {
        const RenderCmd *c = &t.w->list.cmds[i];
        if (c->kind != RENDER_CMD_TEXT)
            continue;
        const char *txt = render_cmd_text(&t.w->list, c);
        float tw = (float)render_text_width(t.w->fonts, (RenderFont)c->font, c->px, txt);
        int frames_panel = c->x < rg.heap_x && c->y > rg.code_y + rg.code_h;
        if (frames_panel && strncmp(txt, "a_variable_wi", 13) == 0) {
            name_cut += strstr(txt, "\xE2\x80\xA6") != NULL;
            name_r = c->x + tw;
        }
        if (frames_panel && strcmp(txt, "Node #1") == 0) {
            value++;
            value_l = c->align == RENDER_ALIGN_RIGHT ? c->x - tw : c->x;
        }
        if (c->x >= rg.heap_x && c->x < rg.heap_x + rg.heap_w && strncmp(txt, "a_variable", 10) == 0)
            tag++;
        say_end += strstr(txt, "right edge of the window.") != NULL;
    }
    CHECK(name_cut == 1 && value == 1, "name cut (%d), value shown (%d)", name_cut, value);
    CHECK(name_r < value_l, "the name ends at %.0f, before the value at %.0f", name_r, value_l);
    CHECK(tag == 1, "the card's name tag is drawn, cut (%d)", tag);
    CHECK(say_end == 1, "the whole caption is shown");
    target_close(&t);
}

/* Playing stops after a step marked "pause": true (with a toast), and Space
 * plays on from there to the end. */
static void t_play_pause(void)
{
    Target t;
    CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
    CHECK(load(&t, "pause.json") == 0, "load");
    t.w->settled = 0;
    GcHeap *h = t.w->heap;
    key(&t, SDLK_SPACE, 0);
    CHECK(t.w->view.playing, "playing");
    uint32_t now = 0;
    for (int i = 0; i < 200 && t.w->view.playing; i++) {
        now += 1000;
        app_win_tick(t.w, now, NULL);
    }
    int32_t c = app_win_cursor(t.w);
    CHECK(!t.w->view.playing && c < gc_event_count(h), "stopped before the end (%d of %d)", (int)c,
          (int)gc_event_count(h));
    CHECK(c > 0 && gc_event(h, c - 1)->step == 1, "after step 2 (step index %d)",
          c > 0 ? (int)gc_event(h, c - 1)->step : -1);
    CHECK(strstr(t.w->toast, "Paused") != NULL, "toast: %s", t.w->toast);
    key(&t, SDLK_SPACE, 0);
    for (int i = 0; i < 200 && t.w->view.playing; i++) {
        now += 1000;
        app_win_tick(t.w, now, NULL);
    }
    CHECK(app_win_cursor(t.w) == gc_event_count(h), "then to the end");
    target_close(&t);
}

/* Before the first statement the caption tells what the scenario is
 * about (its "description"); after it, the step's own caption. */
static int list_has_text(const Target *t, const char *want)
{
    for (int32_t i = 0; i < t->w->list.ncmds; i++)
        if (t->w->list.cmds[i].kind == RENDER_CMD_TEXT &&
            strstr(render_cmd_text(&t->w->list, &t->w->list.cmds[i]), want))
            return 1;
    return 0;
}

static void t_description(void)
{
    Target t;
    CHECK(target_open(&t, 1600, 1000, 0) == 0, "target");
    CHECK(load(&t, "cycle.json") == 0, "load");
    CHECK(draw(&t) == 0, "draw");
    CHECK(list_has_text(&t, "Reference counting alone cannot free a cycle."), "description shown");
    key(&t, SDLK_RIGHT, KMOD_LSHIFT);
    key(&t, SDLK_RIGHT, KMOD_LSHIFT);
    CHECK(draw(&t) == 0, "draw");
    CHECK(!list_has_text(&t, "Reference counting alone"), "not after the first step");
    CHECK(list_has_text(&t, "Two objects that point at each other."), "the step's say instead");
    target_close(&t);
}

/* The picker (O): the bundled course under its chapter titles in the
 * index's order, each folder once, no index.json, the current scenario
 * selected under its own title with its description; Enter opens. */
static void t_picker(void)
{
    Target t;
    CHECK(target_open(&t, 1600, 1000, 0) == 0, "target");
    CHECK(load(&t, "cycle.json") == 0, "load");
    key(&t, SDLK_o, 0);
    CHECK(t.w->view.show_picker, "picker open");
    AppWin *w = t.w;
    int ch1 = -1, ch2 = -1, index_json = 0, dups = 0;
    for (int i = 0; i < w->npicker; i++) {
        if (strcmp(w->picker_names[i], "1. Names are references") == 0)
            ch1 = i;
        if (strcmp(w->picker_names[i], "2. Reference counts") == 0)
            ch2 = i;
        index_json += strcmp(w->picker_files[i], "index.json") == 0;
        for (int j = 0; j < i; j++)
            dups += strcmp(w->picker_paths[i], w->picker_paths[j]) == 0;
    }
    CHECK(ch1 >= 0 && ch2 == ch1 + 1, "chapters in order (%d, %d)", ch1, ch2);
    CHECK(ch1 >= 0 && strcmp(w->picker_files[ch1], "01_names_are_references.py") == 0, "file name");
    CHECK(index_json == 0 && dups == 0, "index.json listed %d times, %d duplicates", index_json, dups);
    int sel = w->view.picker_sel;
    CHECK(strcmp(w->picker_names[sel], "Two objects in a cycle") == 0, "current selected: %s",
          w->picker_names[sel]);
    CHECK(strcmp(w->picker_desc[sel], "Reference counting alone cannot free a cycle.") == 0, "desc");
    CHECK(draw(&t) == 0, "draw");
    CHECK(list_has_text(&t, "Reference counting alone cannot free a cycle."), "description drawn");
    /* the arrow keys to the first chapter, and Enter opens it */
    while (w->view.picker_sel != ch1)
        key(&t, w->view.picker_sel > ch1 ? SDLK_UP : SDLK_DOWN, 0);
    key(&t, SDLK_RETURN, 0);
    CHECK(!w->view.show_picker && w->sc && strcmp(w->sc->name, "01_names_are_references") == 0,
          "Enter opened %s", w->sc ? w->sc->name : "nothing");
    target_close(&t);
}

/* The mouse over the timeline (no button) shows which step a click there
 * would show; elsewhere, or out of the window, no tooltip; no redraw when
 * the mouse moves over the heap. */
static void t_timeline_hover(void)
{
    Target t;
    CHECK(target_open(&t, 1600, 1000, 0) == 0, "target");
    CHECK(load(&t, "cycle.json") == 0, "load");
    t.w->settled = 0;
    CHECK(draw(&t) == 0, "draw");
    const RenderHit *tl = NULL;
    for (int32_t i = 0; i < t.w->list.nhits; i++)
        if (t.w->list.hits[i].kind == RENDER_HIT_TIMELINE)
            tl = &t.w->list.hits[i];
    CHECK(tl != NULL, "timeline");
    if (!tl) {
        target_close(&t);
        return;
    }
    float hx = tl->x + tl->w * 0.99f, hy = tl->y + tl->h * 0.5f;
    app_win_mouse_move(t.w, hx, hy, 0);
    CHECK(t.w->view.hover_cursor > 0 && t.w->dirty, "hovering at %d", (int)t.w->view.hover_cursor);
    CHECK(draw(&t) == 0, "draw");
    CHECK(list_has_text(&t, "gc.collect()") && list_has_text(&t, "step 5"), "tooltip: step 5, gc.collect()");
    RenderRegions rg;
    render_regions(t.w->width, t.w->height, t.w->scale, &rg);
    app_win_mouse_move(t.w, rg.heap_x + 50, rg.heap_y + 50, 0);
    CHECK(t.w->view.hover_cursor == -1, "no tooltip over the heap");
    CHECK(draw(&t) == 0, "draw");
    app_win_mouse_move(t.w, rg.heap_x + 60, rg.heap_y + 60, 0);
    CHECK(!t.w->dirty, "moving over the heap draws nothing");
    app_win_mouse_move(t.w, hx, hy, 0);
    app_win_mouse_leave(t.w);
    CHECK(t.w->view.hover_cursor == -1, "left the window");
    target_close(&t);
}

/* A file that fails to load, at 1280x720: the whole message is shown,
 * wrapped over lines, none cut with an ellipsis. */
static void t_load_error_narrow(void)
{
    Target t;
    CHECK(target_open(&t, 1280, 720, 0) == 0, "target");
    CHECK(load(&t, "cycle.json") == 0, "load");
    char bad[1200];
    snprintf(bad, sizeof bad, "%s/../../scenario/broken/bad_collector.json", GCVIZ_TEST_DATA);
    CHECK(app_win_load(t.w, bad, 0) < 0 && t.w->load_error, "load fails");
    CHECK(draw(&t) == 0, "draw");
    int cut = 0;
    for (int32_t i = 0; i < t.w->list.ncmds; i++) {
        const RenderCmd *c = &t.w->list.cmds[i];
        if (c->kind == RENDER_CMD_TEXT && c->font == RENDER_FONT_MONO &&
            strstr(render_cmd_text(&t.w->list, c), "\xE2\x80\xA6"))
            cut++;
    }
    CHECK(list_has_text(&t, "1:29: collector:") && list_has_text(&t, "\"mark-sweep\")"),
          "the message, start and end");
    CHECK(cut == 0, "%d lines cut", cut);
    target_close(&t);
}

static void t_replay_stmt(void)
{
    Target t;
    CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
    CHECK(load(&t, "cycle.json") == 0, "load");
    GcHeap *h = t.w->heap;
    int stmts = 0;
    int32_t last = -1;
    while (app_win_cursor(t.w) < gc_event_count(h) && stmts < 1000) {
        key(&t, SDLK_RIGHT, KMOD_LSHIFT);
        CHECK(app_win_cursor(t.w) > last, "moves forward");
        last = app_win_cursor(t.w);
        stmts++;
    }
    /* statements: 5 steps, the for loop runs 2 statements 3 times, plus its header */
    CHECK(stmts >= 5, "statements stepped: %d", stmts);
    key(&t, SDLK_END, 0);
    CHECK(app_win_cursor(t.w) == gc_event_count(h), "End");
    key(&t, SDLK_HOME, 0);
    CHECK(app_win_cursor(t.w) == 0, "Home");
    target_close(&t);
}

static void rm_rf_pngs(const char *dir)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot clean %s\n", dir);
}

static void t_screenshot_file(void)
{
    Target t;
    char dir[256];
    snprintf(dir, sizeof dir, "/tmp/gcviz-shots-%d/nested", (int)getpid());
    CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
    snprintf(t.w->shots, sizeof t.w->shots, "%s", dir);
    CHECK(load(&t, "cycle.json") == 0, "load");
    key(&t, SDLK_RIGHT, 0);
    key(&t, SDLK_RIGHT, 0);
    char p1[1200], p2[1200];
    CHECK(app_win_screenshot(t.w, p1, sizeof p1) == 0, "shot: %s", SDL_GetError());
    CHECK(app_win_screenshot(t.w, p2, sizeof p2) == 0, "shot 2");
    CHECK(strstr(p1, "/cycle-s2-idle.png") != NULL, "name %s", p1);
    CHECK(strstr(p2, "/cycle-s2-idle-2.png") != NULL, "never overwrites: %s", p2);
    struct stat st;
    CHECK(stat(p1, &st) == 0 && st.st_size > 1000, "file written");
    /* through the key: a toast names the file */
    key(&t, SDLK_s, 0);
    CHECK(strstr(t.w->toast, "cycle-s2-idle-3.png") != NULL && !t.w->view.toast_is_error,
          "toast: %s", t.w->toast);
    char parent[256];
    snprintf(parent, sizeof parent, "/tmp/gcviz-shots-%d", (int)getpid());
    rm_rf_pngs(parent);
    target_close(&t);
}

static void t_screenshot_fail(void)
{
    Target t;
    CHECK(target_open(&t, 800, 600, 0) == 0, "target");
    snprintf(t.w->shots, sizeof t.w->shots, "/proc/gcviz-cannot-write-here");
    CHECK(load(&t, "cycle.json") == 0, "load");
    key(&t, SDLK_s, 0);
    CHECK(t.w->view.toast_is_error && strstr(t.w->toast, "failed") != NULL, "error toast: %s",
          t.w->toast);
    CHECK(!t.w->quit, "app keeps running");
    CHECK(draw(&t) == 0, "still draws");
    target_close(&t);
}

static void t_load_error(void)
{
    Target t;
    CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
    CHECK(load(&t, "cycle.json") == 0, "load");
    key(&t, SDLK_RIGHT, 0);
    int32_t c = app_win_cursor(t.w);
    char bad[256];
    snprintf(bad, sizeof bad, "/tmp/gcviz-bad-%d.json", (int)getpid());
    FILE *f = fopen(bad, "w");
    CHECK(f != NULL, "tmp file");
    if (!f) {
        target_close(&t);
        return;
    }
    fputs("{\n  \"steps\": [\n    \"x = = 1\"\n  ]\n}\n", f);
    fclose(f);
    CHECK(app_win_load(t.w, bad, 0) < 0, "bad file refused");
    CHECK(t.w->load_error && strstr(t.w->load_error, bad) && strstr(t.w->load_error, ":3:"),
          "error names file and line: %s", t.w->load_error ? t.w->load_error : "(none)");
    CHECK(t.w->sc && strcmp(t.w->sc->name, "cycle") == 0, "old scenario stays");
    CHECK(app_win_cursor(t.w) == c, "and its step");
    CHECK(draw(&t) == 0, "draw");
    /* the error panel is drawn in the error colour at the top of the heap */
    RenderRegions rg;
    render_regions(1280, 800, 1, &rg);
    const RenderTheme *tm = render_theme(RENDER_THEME_DARK);
    CHECK(coverage(&t, (int)rg.heap_x + 18, (int)rg.heap_y + 30, 6, 30, tm->error, 20) > 0.8,
          "error panel drawn");
    key(&t, SDLK_ESCAPE, 0);
    CHECK(!t.w->load_error && !t.w->quit, "Escape closes the panel first");
    remove(bad);
    target_close(&t);
}

/* Automatic or R reload of a file that vanished or became unreadable: a
 * message, and the scenario and step on screen stay. */
static void t_reload_vanished(void)
{
    Target t;
    CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
    char src[1024], tmp[256];
    snprintf(src, sizeof src, "%s/cycle.json", GCVIZ_TEST_DATA);
    snprintf(tmp, sizeof tmp, "/tmp/gcviz-vanish-%d.json", (int)getpid());
    FILE *in = fopen(src, "rb"), *out = fopen(tmp, "wb");
    CHECK(in && out, "copy");
    int ch;
    while (in && out && (ch = fgetc(in)) != EOF)
        fputc(ch, out);
    if (in)
        fclose(in);
    if (out)
        fclose(out);
    CHECK(app_win_load(t.w, tmp, 0) == 0, "load the copy");
    key(&t, SDLK_RIGHT, 0);
    key(&t, SDLK_RIGHT, 0);
    int32_t c = app_win_cursor(t.w);
    remove(tmp);
    app_win_command(t.w, APP_CMD_RELOAD, 0);
    CHECK(t.w->load_error && strstr(t.w->load_error, tmp), "the message names the file: %s",
          t.w->load_error ? t.w->load_error : "(none)");
    CHECK(t.w->heap != NULL && app_win_cursor(t.w) == c, "the scenario and its step stay");
    CHECK(draw(&t) == 0, "draw");
    target_close(&t);
}

static void t_runtime_error(void)
{
    Target t;
    CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
    CHECK(load(&t, GCVIZ_GOLDEN_DIR "/err_name.json") == 0, "load");
    CHECK(t.w->run_error[0] != 0, "run error kept: %s", t.w->run_error);
    CHECK(t.w->tl.error_event >= 0, "error on the timeline");
    key(&t, SDLK_END, 0);
    CHECK(draw(&t) == 0, "draw");
    int found = 0;
    for (int32_t i = 0; i < t.w->list.ncmds; i++) {
        const RenderCmd *c = &t.w->list.cmds[i];
        if (c->kind == RENDER_CMD_TEXT && strstr(render_cmd_text(&t.w->list, c), "NameError"))
            found = 1;
    }
    CHECK(found, "the exception is shown at the step");
    /* the exception in the title (never cut by a long statement), where below */
    CHECK(list_has_text(&t, "Traceback: NameError") && list_has_text(&t, "steps["),
          "title and place of the exception");
    target_close(&t);
}

static void t_every_scenario(void)
{
    /* every golden scenario loads, and its first, middle and last frames draw */
    DIR *d = opendir(GCVIZ_GOLDEN_DIR);
    CHECK(d != NULL, "golden dir");
    if (!d)
        return;
    Target t;
    CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
    struct dirent *de;
    int n = 0;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", GCVIZ_GOLDEN_DIR, de->d_name);
        if (app_win_load(t.w, path, 0) < 0) {
            CHECK(0, "load %s: %s", path, t.w->load_error ? t.w->load_error : "");
            continue;
        }
        int32_t ne = gc_event_count(t.w->heap);
        int32_t at[3] = {0, ne / 2, ne};
        for (int k = 0; k < 3; k++) {
            app_win_seek(t.w, at[k], 0);
            CHECK(draw(&t) == 0, "%s at %d", de->d_name, (int)at[k]);
        }
        n++;
    }
    closedir(d);
    CHECK(n > 10, "scenarios: %d", n);
    target_close(&t);
}


/* ---- the subject of every frame --------------------------------------------------- */

/* The cards a text names as "<Type> #<id>" (the type checked against the
 * heap), appended to ids; returns the new count. */
static int named_in(const GcHeap *h, const char *text, GcId *ids, int n, int max)
{
    for (const char *c = strstr(text, " #"); c; c = strstr(c + 1, " #")) {
        char *end;
        long id = strtol(c + 2, &end, 10);
        if (end == c + 2 || id <= 0 || id > (long)gc_max_id(h) || !gc_object(h, (GcId)id))
            continue;
        const char *st = c;
        while (st > text && (isalnum((unsigned char)st[-1]) || st[-1] == '_'))
            st--;
        const char *tn = gc_type_name(h, (GcId)id);
        if ((size_t)(c - st) != strlen(tn) || strncmp(st, tn, strlen(tn)) != 0)
            continue;
        int dup = 0;
        for (int i = 0; i < n; i++)
            dup |= ids[i] == (GcId)id;
        if (!dup && n < max)
            ids[n++] = (GcId)id;
    }
    return n;
}

/* For the frame built in t->w->list: every card named by the text drawn
 * in [y0, y1) (the caption) is drawn inside the heap area, or (when the
 * subject cannot fit: a phase's caption names cards all over chapter 11's
 * heap) some are and the heap's "Off screen" note names the others.
 * Returns the number of cards named. */
static int check_subject_frame(Target *t, float y0, float y1, const char *what)
{
    const RenderList *l = &t->w->list;
    RenderRegions rg;
    app_win_regions(t->w, &rg);
    static char cap[8192], note[2048];
    size_t k = 0;
    cap[0] = note[0] = 0;
    int clipped = 0; /* texts inside the heap's clip are cards, not the caption */
    for (int32_t i = 0; i < l->ncmds; i++) {
        const RenderCmd *c = &l->cmds[i];
        if (c->kind == RENDER_CMD_CLIP)
            clipped = c->w > 0;
        if (c->kind != RENDER_CMD_TEXT || clipped)
            continue;
        const char *txt = render_cmd_text(l, c);
        if (strncmp(txt, "Off screen: ", 12) == 0)
            snprintf(note, sizeof note, "%s", txt);
        if (c->y >= y0 && c->y < y1 && k + strlen(txt) + 2 < sizeof cap)
            k += (size_t)snprintf(cap + k, sizeof cap - k, " %s", txt);
    }
    GcId ids[32];
    int n = named_in(t->w->heap, cap, ids, 0, 32), inside[32], any = 0;
    for (int i = 0; i < n; i++) {
        const RenderHit *hit = NULL;
        for (int32_t j = 0; j < l->nhits; j++)
            if (l->hits[j].kind == RENDER_HIT_CARD && l->hits[j].id == ids[i])
                hit = &l->hits[j];
        inside[i] = hit && hit->x >= rg.heap_x - 1 && hit->y >= rg.heap_y - 1 &&
                    hit->x + hit->w <= rg.heap_x + rg.heap_w + 1 &&
                    hit->y + hit->h <= rg.heap_y + rg.heap_h + 1;
        /* a freed card takes no clicks: its ghost's title, or its label in
         * an empty slide's "Freed by this step: ...", drawn in the heap */
        const GcObject *o = gc_object(t->w->heap, ids[i]);
        if (!hit && o && o->state == GC_STATE_FREED) {
            char label[64];
            snprintf(label, sizeof label, "%s #%d", gc_type_name(t->w->heap, ids[i]), (int)ids[i]);
            size_t ll = strlen(label);
            for (int32_t j = 0; j < l->ncmds && !inside[i]; j++) {
                const RenderCmd *c = &l->cmds[j];
                const char *txt = c->kind == RENDER_CMD_TEXT ? render_cmd_text(l, c) : "";
                const char *at = strstr(txt, label);
                while (at && isdigit((unsigned char)at[ll]))
                    at = strstr(at + 1, label);
                inside[i] = at && c->x >= rg.heap_x && c->y >= rg.heap_y &&
                            c->x < rg.heap_x + rg.heap_w && c->y < rg.heap_y + rg.heap_h;
            }
        }
        any |= inside[i];
    }
    for (int i = 0; i < n; i++) {
        if (inside[i])
            continue;
        char label[64];
        snprintf(label, sizeof label, "%s #%d", gc_type_name(t->w->heap, ids[i]), (int)ids[i]);
        CHECK(any && strstr(note, label), "%s: '%s' names %s, not inside the heap view%s%s", what,
              cap + 1, label, note[0] ? "; note: " : "", note);
    }
    return n;
}

/* The heap view's bounds in t's frame, a pixel wider on each side:
 * x0, y0, x1, y1. */
static void heap_box(Target *t, float b[4])
{
    RenderRegions rg;
    app_win_regions(t->w, &rg);
    b[0] = rg.heap_x - 1;
    b[1] = rg.heap_y - 1;
    b[2] = rg.heap_x + rg.heap_w + 1;
    b[3] = rg.heap_y + rg.heap_h + 1;
}

static int in_box(const float b[4], RenderPt p)
{
    return p.x >= b[0] && p.x <= b[2] && p.y >= b[1] && p.y <= b[3];
}

/* Whether a point of the line p[0..n) lies outside b. */
static int line_leaves(const float b[4], const RenderPt *p, int32_t n)
{
    for (int32_t i = 0; i < n; i++)
        if (!in_box(b, p[i]))
            return 1;
    return 0;
}

/* The number of cards of the frame built in t->w->list that the heap's
 * edge cuts (partly inside the heap view). */
static int cut_cards(Target *t)
{
    const RenderList *l = &t->w->list;
    float b[4];
    heap_box(t, b);
    int n = 0;
    for (int32_t j = 0; j < l->nhits; j++) {
        const RenderHit *hk = &l->hits[j];
        if (hk->kind != RENDER_HIT_CARD)
            continue;
        int meets = hk->x < b[2] && hk->x + hk->w > b[0] && hk->y < b[3] && hk->y + hk->h > b[1];
        int inside = hk->x >= b[0] && hk->y >= b[1] && hk->x + hk->w <= b[2] && hk->y + hk->h <= b[3];
        if (meets && !inside)
            n++;
    }
    return n;
}

/* The number of arrows of the frame built in t->w->list that loop from a
 * card whole in the heap view back to it (a field that holds its own
 * object: Junk's `self.me = self`) and that the heap's edge cuts. */
static int cut_loops(Target *t)
{
    const RenderList *l = &t->w->list;
    float b[4];
    heap_box(t, b);
    int n = 0;
    for (int32_t c = 0; c < l->ncmds; c++) {
        const RenderCmd *cmd = &l->cmds[c];
        if (cmd->kind != RENDER_CMD_LINE || cmd->npts < 2)
            continue;
        const RenderPt *p = &l->pts[cmd->pts], *q = &l->pts[cmd->pts + cmd->npts - 1];
        int self = 0;
        for (int32_t j = 0; j < l->nhits && !self; j++) {
            const RenderHit *hk = &l->hits[j];
            self = hk->kind == RENDER_HIT_CARD && hk->x >= b[0] && hk->y >= b[1] &&
                   hk->x + hk->w <= b[2] && hk->y + hk->h <= b[3] && p->x >= hk->x - 3 &&
                   p->x <= hk->x + hk->w + 3 && p->y >= hk->y - 3 && p->y <= hk->y + hk->h + 3 &&
                   q->x >= hk->x - 3 && q->x <= hk->x + hk->w + 3 && q->y >= hk->y - 3 &&
                   q->y <= hk->y + hk->h + 3;
        }
        n += self && line_leaves(b, p, cmd->npts);
    }
    return n;
}

/* For the frame built in t->w->list: the living cards (argument tuples
 * aside) it does not draw in the heap view are counted by the note along
 * the heap's bottom edge ("+ 187 more objects out of view: Node × 186,
 * list × 1"; "Out of view: list #1" for one or two), and there is no
 * such note when it draws them all.  Returns how many it does not draw. */
static int check_more_note(Target *t, const char *what)
{
    const RenderList *l = &t->w->list;
    RenderRegions rg;
    app_win_regions(t->w, &rg);
    float x0 = rg.heap_x, y0 = rg.heap_y, x1 = rg.heap_x + rg.heap_w, y1 = rg.heap_y + rg.heap_h;
    int n = 0;
    for (GcId id = 1; id <= gc_max_id(t->w->heap); id++) {
        const GcObject *o = gc_object(t->w->heap, id);
        float x, y;
        if (!o || o->state != GC_STATE_ALIVE || layout_is_temporary(t->w->layout, id) ||
            layout_get(t->w->layout, id, &x, &y) < 0)
            continue;
        int drawn = 0;
        for (int32_t j = 0; j < l->nhits; j++) {
            const RenderHit *hk = &l->hits[j];
            drawn |= hk->kind == RENDER_HIT_CARD && hk->id == id && hk->x < x1 && hk->x + hk->w > x0 &&
                     hk->y < y1 && hk->y + hk->h > y0;
        }
        n += !drawn;
    }
    int more = -1, few = 0;
    for (int32_t i = 0; i < l->ncmds; i++) {
        const RenderCmd *c = &l->cmds[i];
        int m;
        if (c->kind != RENDER_CMD_TEXT)
            continue;
        const char *txt = render_cmd_text(l, c);
        if (strstr(txt, " more objects out of view") && sscanf(txt, "+ %d more", &m) == 1)
            more = m;
        few |= strncmp(txt, "Out of view: ", 13) == 0;
    }
    if (n > 2)
        CHECK(more == n && !few, "%s: %d living cards not drawn, the note says %d", what, n, more);
    else
        CHECK(more < 0 && few == (n > 0), "%s: %d living cards not drawn, the note %s", what, n,
              more >= 0 ? "counts them" : few ? "names some" : "is missing");
    return n;
}

/* The structure lessons of the layout tests, recorded as lecture chapters
 * after the bundled ones. */
static const char *const LESSONS[] = {"dll.py", "tree15.py", "tree_del.py"};
#define NLESSONS ((int)(sizeof LESSONS / sizeof LESSONS[0]))

/* The path of chapter ci of the nch in ch, or past them of lesson ci - nch
 * (whose name goes into ch[ci].file). */
static void chapter_path(ScenarioChapter *ch, int nch, int ci, char *path, size_t n)
{
    if (ci >= nch) {
        snprintf(ch[ci].file, sizeof ch[ci].file, "%s", LESSONS[ci - nch]);
        snprintf(path, n, "%s/../../layout/data/%s", GCVIZ_TEST_DATA, LESSONS[ci - nch]);
    } else {
        snprintf(path, n, "%s/%.127s", GCVIZ_SCENARIOS_DIR, ch[ci].file);
    }
}

/* Every frame of every bundled chapter (scenarios/index.json, as the tour
 * and the picker list them: .py lessons and the JSON chapters 16 and 17)
 * and of the structure lessons (the doubly linked list, the trees),
 * recorded as slides at 1280x720 and 1920x1080 (each phase, as --every
 * phase records them): the cards the caption names are inside the heap
 * view, and the heap's edge cuts no card (chapters 11 and 18 too, whose
 * heaps grow to 200 objects: a slide leaves out the cards its edge would
 * cut and counts what it does not show). */
static void t_slide_subjects(void)
{
    static const int sizes[][2] = {{1280, 720}, {1920, 1080}};
    ScenarioChapter ch[64];
    int nch = scenario_read_index(GCVIZ_SCENARIOS_DIR, ch, 64);
    CHECK(nch >= 19, "index.json: %d chapters", nch);
    /* and the structure lessons of the layout tests, as lecture chapters */
    int nlessons = NLESSONS;
    int frames = 0, named = 0, npy = 0, cut_frames = 0, more_frames = 0, loop_frames = 0;
    /* each size twice: as the window steps (its captions), and with the
     * phase captions --every phase records: whole cards in both */
    for (int pass = 0; pass < 4; pass++) {
        int si = pass % 2, phase = pass >= 2;
        Target t;
        CHECK(target_open_record(&t, sizes[si][0], sizes[si][1], RENDER_THEME_LIGHT, 1) == 0, "target");
        for (int ci = 0; ci < nch + nlessons && ci < 64; ci++) {
            char path[1024];
            chapter_path(ch, nch, ci, path, sizeof path);
            if (app_win_load(t.w, path, 0) < 0) {
                CHECK(0, "load %s", path);
                continue;
            }
            if (phase)
                t.w->view.gran = RENDER_GRAN_PHASE;
            npy += pass == 0 && scenario_is_py(path);
            RecordPoint *pts = NULL;
            int32_t np = record_points(t.w->heap, &t.w->tl, RENDER_GRAN_PHASE, &pts);
            CHECK(np > 0, "%s: stops", ch[ci].file);
            for (int32_t i = 0; i < np; i++) {
                app_win_seek(t.w, pts[i].cursor, 0);
                CHECK(app_win_build(t.w) == 0, "build");
                RenderRegions rg;
                app_win_regions(t.w, &rg);
                char what[1200];
                snprintf(what, sizeof what, "%.127s %dx%d%s cursor %d", ch[ci].file, sizes[si][0], sizes[si][1],
                         phase ? " phase" : "", (int)pts[i].cursor);
                named += check_subject_frame(&t, 0, rg.heap_y, what);
                /* every card drawn is whole (a living card inside the
                 * heap view or out of it; a card the edge would cut is
                 * left out) */
                /* the footer never counts past the last statement ("step 22
                 * of 21" at the exit collection) */
                for (int32_t c = 0; c < t.w->list.ncmds; c++) {
                    int a, b;
                    const RenderCmd *cmd = &t.w->list.cmds[c];
                    if (cmd->kind == RENDER_CMD_TEXT &&
                        sscanf(render_cmd_text(&t.w->list, cmd), "step %d of %d", &a, &b) == 2)
                        CHECK(a <= b, "%s: footer 'step %d of %d'", what, a, b);
                }
                int k = cut_cards(&t);
                CHECK(k == 0, "%s: %d cards cut by the heap's edge", what, k);
                cut_frames += k > 0;
                /* nor the loop of a field that holds its own card */
                int kl = cut_loops(&t);
                CHECK(kl == 0, "%s: %d loops back to a card cut by the heap's edge", what, kl);
                loop_frames += kl > 0;
                more_frames += check_more_note(&t, what) > 0;
                frames++;
            }
            free(pts);
        }
        target_close(&t);
    }
    printf("slide_subjects: %d chapters (%d .py), %d frames, %d cards named; %d frames cut a card, "
           "%d a card's loop; %d frames do not draw every living card (and count them)\n",
           nch, npy, frames, named, cut_frames, loop_frames, more_frames);
    CHECK(cut_frames == 0, "%d of %d frames cut a card", cut_frames, frames);
    CHECK(npy >= 17, ".py chapters: %d", npy);
    CHECK(frames > 400 && named > 100, "frames %d, named %d", frames, named);
}

/* The number of arrows of the frame built in t->w->list that start and
 * end inside the heap view but leave it on the way (a route round a
 * column of cards through a lane past the view's edge: a line that comes
 * from nowhere). */
static int arrows_leaving(Target *t)
{
    const RenderList *l = &t->w->list;
    float b[4];
    heap_box(t, b);
    int n = 0;
    for (int32_t c = 0; c < l->ncmds; c++) {
        const RenderCmd *cmd = &l->cmds[c];
        if (cmd->kind != RENDER_CMD_LINE || cmd->npts < 2)
            continue;
        const RenderPt *p = &l->pts[cmd->pts];
        n += in_box(b, p[0]) && in_box(b, p[cmd->npts - 1]) && line_leaves(b, p, cmd->npts);
    }
    return n;
}

/* The window's view as a chapter opens (the whole run fitted, kept while
 * stepping): an arrow between two cards in view stays in view, at every
 * statement of every chapter, at 1280x720 and 1920x1080. */
static void t_arrows_in_view(void)
{
    static const int sizes[][2] = {{1280, 720}, {1920, 1080}};
    ScenarioChapter ch[64];
    int nch = scenario_read_index(GCVIZ_SCENARIOS_DIR, ch, 64);
    CHECK(nch >= 19, "index.json: %d chapters", nch);
    int frames = 0, bad = 0;
    for (int si = 0; si < 2; si++) {
        Target t;
        CHECK(target_open(&t, sizes[si][0], sizes[si][1], RENDER_THEME_DARK) == 0, "target");
        for (int ci = 0; ci < nch && ci < 64; ci++) {
            char path[1024];
            chapter_path(ch, nch, ci, path, sizeof path);
            if (app_win_load(t.w, path, 0) < 0) {
                CHECK(0, "load %s", path);
                continue;
            }
            RecordPoint *pts = NULL;
            int32_t np = record_points(t.w->heap, &t.w->tl, RENDER_GRAN_STATEMENT, &pts);
            for (int32_t i = 0; i < np; i++) {
                app_win_seek(t.w, pts[i].cursor, 0);
                CHECK(app_win_build(t.w) == 0, "build");
                int k = arrows_leaving(&t);
                CHECK(k == 0, "%.127s %dx%d cursor %d: %d arrows between cards in view leave it",
                      ch[ci].file, sizes[si][0], sizes[si][1], (int)pts[i].cursor, k);
                bad += k > 0;
                frames++;
            }
            free(pts);
        }
        target_close(&t);
    }
    printf("arrows_in_view: %d frames, %d with an arrow leaving the view\n", frames, bad);
    CHECK(frames > 300, "frames %d", frames);
}

/* A crowded slide shows what its step is about: chapter 11's heap (a
 * list, 13 Nodes and the Junk its loop litters) does not fit a slide
 * readable, and at every stop of the loop that litters, while some Junk
 * is alive (garbage waiting for the next automatic collection), the
 * slide draws a Junk card: at the name 'i' of the loop too, whose
 * statement touches no card (it showed a corner of Nodes). */
static void t_slide_crowded_subject(void)
{
    static const int sizes[][2] = {{1280, 720}, {1920, 1080}};
    char path[1024];
    snprintf(path, sizeof path, "%s/11_automatic_collection.py", GCVIZ_SCENARIOS_DIR);
    int frames = 0, junk_frames = 0;
    for (int si = 0; si < 2; si++) {
        Target t;
        CHECK(target_open_record(&t, sizes[si][0], sizes[si][1], RENDER_THEME_LIGHT, 1) == 0, "target");
        CHECK(app_win_load(t.w, path, 0) == 0, "load %s", path);
        RecordPoint *pts = NULL;
        int32_t np = record_points(t.w->heap, &t.w->tl, RENDER_GRAN_PHASE, &pts);
        for (int32_t i = 0; i < np; i++) {
            app_win_seek(t.w, pts[i].cursor, 0);
            CHECK(app_win_build(t.w) == 0, "build");
            const GcHeap *h = t.w->heap;
            int alive = 0, shown = 0;
            for (GcId id = 1; id <= gc_max_id(h); id++) {
                const GcObject *o = gc_object(h, id);
                alive |= o && o->state == GC_STATE_ALIVE && strcmp(gc_type_name(h, id), "Junk") == 0;
            }
            if (!alive || gc_globals(h)->collecting)
                continue;
            RenderRegions rg;
            app_win_regions(t.w, &rg);
            for (int32_t j = 0; j < t.w->list.nhits; j++) {
                const RenderHit *hk = &t.w->list.hits[j];
                shown |= hk->kind == RENDER_HIT_CARD && strcmp(gc_type_name(h, hk->id), "Junk") == 0 &&
                         hk->x >= rg.heap_x - 1 && hk->y >= rg.heap_y - 1 &&
                         hk->x + hk->w <= rg.heap_x + rg.heap_w + 1 &&
                         hk->y + hk->h <= rg.heap_y + rg.heap_h + 1;
            }
            CHECK(shown, "%dx%d cursor %d: Junk is alive, no Junk card on the slide", sizes[si][0],
                  sizes[si][1], (int)pts[i].cursor);
            frames++;
            junk_frames += shown;
        }
        free(pts);
        target_close(&t);
    }
    printf("slide_crowded_subject: %d of %d frames with Junk alive show a Junk card\n", junk_frames, frames);
    CHECK(frames > 50, "frames %d", frames);
}

/* A slide of a tree too big for it (1,000 nodes as a teacher builds
 * them: into a list, then linked by index): at `root = nodes[0]` the
 * slide showed a corner of the tree (Node #5's subtree) because a slide
 * about a structure keeps all of it and this one does not fit even
 * alone.  It shows what the statement touched instead: the root's card
 * and the list of nodes, whole, at 1280x720 and 1920x1080. */
static void t_slide_big_structure(void)
{
    static const int sizes[][2] = {{1280, 720}, {1920, 1080}};
    char path[128];
    snprintf(path, sizeof path, "/tmp/gcviz-big-structure-%d.py", (int)getpid());
    FILE *f = fopen(path, "w");
    CHECK(f != NULL, "write %s", path);
    if (!f)
        return;
    fputs("class Node:\n"
          "    def __init__(self, i):\n"
          "        self.i = i\n"
          "        self.left = None\n"
          "        self.right = None\n"
          "nodes = []\n"
          "for i in range(1000):\n"
          "    nodes.append(Node(i))\n"
          "for i in range(1, 1000):\n"
          "    p = nodes[(i - 1) // 2]\n"
          "    if i % 2: p.left = nodes[i]\n"
          "    else: p.right = nodes[i]\n"
          "root = nodes[0]\n",
          f);
    fclose(f);
    for (int si = 0; si < 2; si++) {
        Target t;
        CHECK(target_open_record(&t, sizes[si][0], sizes[si][1], RENDER_THEME_DARK, 1) == 0,
              "target");
        CHECK(app_win_load(t.w, path, 0) == 0, "load %s", path);
        const GcHeap *h = t.w->heap;
        /* the last statement's end: the last stop with the list alive
         * (the stop after it is the interpreter's exit, which frees all) */
        RecordPoint *pts = NULL;
        int32_t np = record_points(t.w->heap, &t.w->tl, RENDER_GRAN_STATEMENT, &pts);
        for (int32_t i = np - 1; i >= 0; i--) {
            app_win_seek(t.w, pts[i].cursor, 0);
            const GcObject *o = gc_object(h, 1);
            if (o && o->state == GC_STATE_ALIVE)
                break;
        }
        free(pts);
        CHECK(app_win_build(t.w) == 0, "build");
        GcId list = 0, root = 0;
        for (GcId id = 1; id <= gc_max_id(h) && !root; id++) {
            const GcObject *o = gc_object(h, id);
            if (o && o->kind == GC_KIND_LIST && !list)
                list = id;
            if (o && strcmp(gc_type_name(h, id), "Node") == 0)
                root = id; /* Node(0): the first made */
        }
        RenderRegions rg;
        app_win_regions(t.w, &rg);
        int shown_list = 0, shown_root = 0, nodes = 0;
        for (int32_t j = 0; j < t.w->list.nhits; j++) {
            const RenderHit *hk = &t.w->list.hits[j];
            int whole = hk->kind == RENDER_HIT_CARD && hk->x >= rg.heap_x - 1 &&
                        hk->y >= rg.heap_y - 1 && hk->x + hk->w <= rg.heap_x + rg.heap_w + 1 &&
                        hk->y + hk->h <= rg.heap_y + rg.heap_h + 1;
            shown_list |= whole && hk->id == list;
            shown_root |= whole && hk->id == root;
            nodes += whole && strcmp(gc_type_name(h, hk->id), "Node") == 0;
        }
        CHECK(list && root, "list #%u, root Node #%u", (unsigned)list, (unsigned)root);
        CHECK(shown_root, "%dx%d: the root's card (Node #%u) is not on the slide", sizes[si][0],
              sizes[si][1], (unsigned)root);
        CHECK(shown_list, "%dx%d: the list of nodes (#%u) is not on the slide", sizes[si][0],
              sizes[si][1], (unsigned)list);
        printf("slide_big_structure: %dx%d: root shown %d, list shown %d, %d Node cards whole\n",
               sizes[si][0], sizes[si][1], shown_root, shown_list, nodes);
        target_close(&t);
    }
    remove(path);
}

/* A slide about a structure shows all of it: at every statement's end at
 * which all the nodes of the doubly linked list (5) or the binary tree
 * (15) are alive, each of their cards lies inside the heap view of a
 * 1280x720 and a 1920x1080 slide, with and without a "layout" hint. */
static void t_slide_structures(void)
{
    static const struct {
        const char *file;
        int nodes;
    } lessons[] = {{"dll.py", 5}, {"dll.json", 5}, {"tree15.py", 15}, {"tree15.json", 15}};
    static const int sizes[][2] = {{1280, 720}, {1920, 1080}};
    for (int si = 0; si < 2; si++)
        for (size_t li = 0; li < sizeof lessons / sizeof lessons[0]; li++) {
            Target t;
            CHECK(target_open_record(&t, sizes[si][0], sizes[si][1], RENDER_THEME_LIGHT, 1) == 0, "target");
            char path[1024];
            snprintf(path, sizeof path, "%s/../../layout/data/%s", GCVIZ_TEST_DATA, lessons[li].file);
            CHECK(app_win_load(t.w, path, 0) == 0, "load %s", path);
            RecordPoint *pts = NULL;
            int32_t np = record_points(t.w->heap, &t.w->tl, RENDER_GRAN_STATEMENT, &pts);
            int whole = 0;
            for (int32_t i = 0; i < np; i++) {
                app_win_seek(t.w, pts[i].cursor, 0);
                CHECK(app_win_build(t.w) == 0, "build");
                GcHeap *h = t.w->heap;
                int alive = 0;
                for (GcId id = 1; id <= gc_max_id(h); id++) {
                    const GcObject *o = gc_object(h, id);
                    alive += o && o->state == GC_STATE_ALIVE && o->kind == GC_KIND_INSTANCE &&
                             strcmp(gc_type_name(h, id), "Node") == 0;
                }
                if (alive != lessons[li].nodes)
                    continue;
                RenderRegions rg;
                app_win_regions(t.w, &rg);
                int inside = 0;
                for (int32_t j = 0; j < t.w->list.nhits; j++) {
                    const RenderHit *hk = &t.w->list.hits[j];
                    const GcObject *o = hk->kind == RENDER_HIT_CARD ? gc_object(h, hk->id) : NULL;
                    if (!o || o->kind != GC_KIND_INSTANCE || strcmp(gc_type_name(h, hk->id), "Node") != 0)
                        continue;
                    inside += hk->x >= rg.heap_x - 1 && hk->y >= rg.heap_y - 1 &&
                              hk->x + hk->w <= rg.heap_x + rg.heap_w + 1 &&
                              hk->y + hk->h <= rg.heap_y + rg.heap_h + 1;
                }
                CHECK(inside == lessons[li].nodes, "%s %dx%d cursor %d: %d of %d node cards in the frame",
                      lessons[li].file, sizes[si][0], sizes[si][1], (int)pts[i].cursor, inside,
                      lessons[li].nodes);
                whole++;
            }
            CHECK(whole > 0, "%s: no statement with all %d nodes alive", lessons[li].file, lessons[li].nodes);
            free(pts);
            target_close(&t);
        }
}

static int segs_meet(RenderPt a, RenderPt b, RenderPt c, RenderPt d);
static int arrows_crossing_cards(Target *t, char *what, size_t n);

/* The hit rectangle of card id in the frame built, or NULL. */
static const RenderHit *card_hit(const Target *t, GcId id)
{
    for (int32_t j = 0; j < t->w->list.nhits; j++)
        if (t->w->list.hits[j].kind == RENDER_HIT_CARD && t->w->list.hits[j].id == id)
            return &t->w->list.hits[j];
    return NULL;
}

/* Arrows (lines with a head) of the frame built that start in card src's
 * rectangle and end at card tgt's (within 4 px): their count; the first
 * one's command in *out. */
static int arrows_between(const Target *t, GcId src, GcId tgt, const RenderCmd **out)
{
    const RenderHit *hs = card_hit(t, src), *ht = card_hit(t, tgt);
    const RenderList *l = &t->w->list;
    int n = 0;
    if (!hs || !ht)
        return 0;
    for (int32_t i = 0; i < l->ncmds; i++) {
        const RenderCmd *c = &l->cmds[i];
        if (c->kind != RENDER_CMD_LINE || c->head <= 0 || c->npts < 2)
            continue;
        RenderPt a = l->pts[c->pts], b = l->pts[c->pts + c->npts - 1];
        if (a.x >= hs->x && a.x <= hs->x + hs->w && a.y >= hs->y && a.y <= hs->y + hs->h &&
            b.x >= ht->x - 4 && b.x <= ht->x + ht->w + 4 && b.y >= ht->y - 4 && b.y <= ht->y + ht->h + 4) {
            if (n++ == 0)
                *out = c;
        }
    }
    return n;
}

/* The pairs of arrows of the frame built that cross or share a line. */
static int arrows_meeting(const Target *t)
{
    const RenderList *l = &t->w->list;
    int bad = 0;
    for (int32_t i = 0; i < l->ncmds; i++) {
        const RenderCmd *ci = &l->cmds[i];
        if (ci->kind != RENDER_CMD_LINE || ci->head <= 0 || ci->npts < 2)
            continue;
        for (int32_t j = i + 1; j < l->ncmds; j++) {
            const RenderCmd *cj = &l->cmds[j];
            if (cj->kind != RENDER_CMD_LINE || cj->head <= 0 || cj->npts < 2)
                continue;
            const RenderPt *p = &l->pts[ci->pts], *q = &l->pts[cj->pts];
            int meet = 0;
            for (int32_t a = 0; a + 1 < ci->npts && !meet; a++)
                for (int32_t b = 0; b + 1 < cj->npts && !meet; b++)
                    meet = segs_meet(p[a], p[a + 1], q[b], q[b + 1]);
            bad += meet;
        }
    }
    return bad;
}

/* The pictures brief slides7 found wrong, each as a check (each fails on
 * the main before it, checked):
 * - dll.py on a 1280x720 slide, its five nodes alive: the list is wide
 *   and short, so the code goes below the heap and the nodes are drawn at
 *   86 % or more (titles 19 px; beside the code they were 71 %, 15.6 px)
 *   and span most of the heap's width;
 * - tree_del.py: the finalizers' `order` list sits beside the tree, above
 *   its root (it was in a roots column 400 units right of it, then under
 *   the tree, out of view while the tree lived); after `del root` it fills
 *   the heap alone (the main before showed it at about 50 %);
 * - chapter 08 after its fourth node: an argument tuple's ghost does not
 *   shrink the row (it did to 68 %);
 * - chapter 14: every weakref's arrow to its referent stays near the two
 *   cards and is at most 250 px longer than the way between its ends
 *   (step 19's went round the referent into its far side);
 * - chapters 19 (the ring of three) and 08 (holder -> a -> b -> c -> a):
 *   at every statement's end and phase of their collections (until the
 *   exit) no two arrows cross or share a line, and none crosses a card
 *   (the ring's were a triangle whose arrows crossed; 08's c -> a went
 *   under the row and up across holder -> a). */
static void t_slide_pictures(void)
{
    Target t;
    CHECK(target_open_record(&t, 1280, 720, RENDER_THEME_LIGHT, 1) == 0, "target");
    CHECK(load(&t, "../../layout/data/dll.py") == 0, "load dll");
    CHECK(t.w->tl.nstmts > 3, "statements");
    app_win_seek(t.w, t.w->tl.stmts[t.w->tl.nstmts - 3], 0); /* all linked, before the del */
    CHECK(app_win_build(t.w) == 0, "build");
    RenderRegions rg;
    app_win_regions(t.w, &rg);
    CHECK(rg.code_below && rg.heap_w > 1200, "dll: code below the heap (%d), heap %g wide", rg.code_below,
          rg.heap_w);
    float x0 = 1e9f, x1 = -1e9f;
    for (char c = 'a'; c <= 'e'; c++) {
        GcId id = layout_pin_target(t.w->heap, (char[2]){c, 0});
        const RenderHit *hk = card_hit(&t, id);
        float ww, wh;
        layout_reserved(t.w->layout, id, &ww, &wh);
        CHECK(hk && hk->w >= 0.86f * ww, "dll: node %c drawn %g px wide, %g world units", c,
              hk ? hk->w : 0, ww);
        CHECK(hk && hk->x >= rg.heap_x && hk->x + hk->w <= rg.heap_x + rg.heap_w && hk->y >= rg.heap_y &&
                  hk->y + hk->h <= rg.heap_y + rg.heap_h,
              "dll: node %c inside the heap", c);
        if (hk) {
            x0 = fminf(x0, hk->x);
            x1 = fmaxf(x1, hk->x + hk->w);
        }
    }
    CHECK(x1 - x0 >= 0.75f * rg.heap_w, "dll: the row spans %g of the heap's %g px", x1 - x0, rg.heap_w);
    /* the code below the heap is as wide as its lines (the widest panel
     * of the band's height: at most 40 % of the slide; it took the whole
     * width with no output beside it) */
    float band = 0;
    for (int32_t c = 0; c < t.w->list.ncmds; c++) {
        const RenderCmd *cmd = &t.w->list.cmds[c];
        if (cmd->kind == RENDER_CMD_RECT && fabsf(cmd->y - rg.code_y) < 1 && fabsf(cmd->h - rg.code_h) < 1)
            band = fmaxf(band, cmd->w);
    }
    CHECK(band > 200 && band <= 0.4f * 1280, "dll: the code panel below is %g px wide", band);
    target_close(&t);

    /* tree_del.py: `order` beside the tree */
    CHECK(target_open_record(&t, 1280, 720, RENDER_THEME_LIGHT, 1) == 0, "target");
    CHECK(load(&t, "../../layout/data/tree_del.py") == 0, "load tree_del");
    float tb[4] = {1e9f, 1e9f, -1e9f, -1e9f}, lx = 0, ly = 0, lw = 0, lh = 0;
    GcId order = layout_pin_target(t.w->heap, "order");
    for (GcId id = 1; id <= layout_max_id(t.w->layout); id++) {
        float x, y, w, h;
        if (!layout_is_compact(t.w->layout, id) || layout_get(t.w->layout, id, &x, &y) < 0)
            continue;
        layout_reserved(t.w->layout, id, &w, &h);
        tb[0] = fminf(tb[0], x);
        tb[1] = fminf(tb[1], y);
        tb[2] = fmaxf(tb[2], x + w);
        tb[3] = fmaxf(tb[3], y + h);
    }
    CHECK(order > 0 && layout_get(t.w->layout, order, &lx, &ly) == 0, "tree_del: order placed");
    layout_reserved(t.w->layout, order, &lw, &lh);
    /* beside the tree: above its root, in the root's column (its right
     * edge there), so that the block grows only to the left */
    float rx = 0, ry = 0, rw = 0, rh = 0;
    GcId root = layout_pin_target(t.w->heap, "root");
    CHECK(root > 0 && layout_get(t.w->layout, root, &rx, &ry) == 0, "tree_del: root placed");
    layout_reserved(t.w->layout, root, &rw, &rh);
    CHECK(tb[2] > tb[0] && ly >= tb[1] && ly + lh <= ry && lx + lw <= rx + rw + 1 && rx == tb[0],
          "tree_del: order at %g,%g (%g x %g); the root at %g,%g; the tree %g,%g .. %g,%g", lx, ly, lw, lh, rx,
          ry, tb[0], tb[1], tb[2], tb[3]);
    /* the statement that makes the tree: the tree and the empty `order`
     * in the frame (the tree filled the slide and `order` under it was
     * out of view: both fitted only at 55-60 %) */
    RecordPoint *bpts = NULL;
    int32_t nbp = record_points(t.w->heap, &t.w->tl, RENDER_GRAN_STATEMENT, &bpts), both = 0;
    for (int32_t i = 0; i < nbp; i++) {
        app_win_seek(t.w, bpts[i].cursor, 0);
        const GcObject *ro = gc_object(t.w->heap, root);
        if (!ro || ro->state != GC_STATE_ALIVE)
            continue;
        CHECK(app_win_build(t.w) == 0, "build");
        app_win_regions(t.w, &rg);
        int inside = 0, cards = 0;
        for (GcId id = 1; id <= gc_max_id(t.w->heap); id++) {
            const GcObject *o = gc_object(t.w->heap, id);
            if (!o || o->state != GC_STATE_ALIVE || (id != order && !layout_is_compact(t.w->layout, id)))
                continue;
            const RenderHit *hk = card_hit(&t, id);
            cards++;
            inside += hk && hk->x >= rg.heap_x && hk->x + hk->w <= rg.heap_x + rg.heap_w && hk->y >= rg.heap_y &&
                      hk->y + hk->h <= rg.heap_y + rg.heap_h;
        }
        CHECK(cards == 8 && inside == cards, "tree_del cursor %d: %d of %d cards (the tree, order) in the frame",
              (int)bpts[i].cursor, inside, cards);
        both++;
    }
    CHECK(both >= 1, "tree_del: %d frames with the tree", both);
    free(bpts);
    /* after `del root`: `del root`'s frame shows the list beside the
     * ghosts of the tree it freed (at a structure's readable 66 % or
     * more), the next ones the list alone, filling the heap (100 % or
     * more) */
    RecordPoint *tpts = NULL;
    int32_t ntp = record_points(t.w->heap, &t.w->tl, RENDER_GRAN_STATEMENT, &tpts), full = 0, alone = 0;
    for (int32_t i = 0; i < ntp; i++) {
        app_win_seek(t.w, tpts[i].cursor, 0); /* as record shows a statement's end */
        const GcObject *lo = gc_object(t.w->heap, order);
        if (!lo || lo->state != GC_STATE_ALIVE || gc_nslots(lo) != 7) /* after `del root` */
            continue;
        CHECK(app_win_build(t.w) == 0, "build");
        const RenderHit *oh = card_hit(&t, order);
        app_win_regions(t.w, &rg);
        CHECK(oh && oh->w >= 0.66f * lw && oh->x >= rg.heap_x && oh->x + oh->w <= rg.heap_x + rg.heap_w,
              "tree_del cursor %d: order drawn %g px wide (%g world units)", (int)tpts[i].cursor,
              oh ? oh->w : 0, lw);
        full++;
        alone += oh && oh->w >= lw;
    }
    CHECK(alone >= 1, "tree_del: %d frames with the list alone, filling the heap", alone);
    CHECK(full >= 2, "tree_del: %d frames with the whole order", full);
    free(tpts);
    target_close(&t);

    /* chapter 08 after `c = Node("c")`: the argument tuple's ghost does not
     * shrink the row (the nodes at 86 % or more, the code below) */
    CHECK(target_open_record(&t, 1280, 720, RENDER_THEME_LIGHT, 1) == 0, "target");
    CHECK(load(&t, GCVIZ_SCENARIOS_DIR "/08_collect_step_by_step.py") == 0, "load 08");
    int rows = 0;
    RecordPoint *spts = NULL;
    int32_t nsp = record_points(t.w->heap, &t.w->tl, RENDER_GRAN_STATEMENT, &spts);
    for (int32_t si = 0; si < nsp; si++) {
        app_win_seek(t.w, spts[si].cursor, 0); /* as record shows a statement's end */
        CHECK(app_win_build(t.w) == 0, "build");
        static const char *const names[] = {"holder", "a", "b", "c"};
        int alive = 0, ghost = 0;
        for (int i = 0; i < 4; i++) {
            const GcObject *o = gc_object(t.w->heap, layout_pin_target(t.w->heap, names[i]));
            alive += o && o->state == GC_STATE_ALIVE;
        }
        for (GcId id = 1; id <= gc_max_id(t.w->heap); id++)
            ghost |= layout_is_temporary(t.w->layout, id) && gc_object(t.w->heap, id) &&
                     gc_object(t.w->heap, id)->state != GC_STATE_ALIVE && card_hit(&t, id);
        if (alive < 4)
            continue;
        for (int i = 0; i < 4; i++) {
            GcId id = layout_pin_target(t.w->heap, names[i]);
            const RenderHit *hk = card_hit(&t, id);
            float ww, wh;
            layout_reserved(t.w->layout, id, &ww, &wh);
            CHECK(hk && hk->w >= 0.86f * ww, "08 step %d%s: %s drawn %g px wide, %g world units", (int)si,
                  ghost ? " (a tuple's ghost drawn)" : "", names[i], hk ? hk->w : 0, ww);
        }
        rows++;
    }
    CHECK(rows >= 3, "08: %d frames with the four nodes", rows);
    free(spts);
    target_close(&t);

    /* chapter 14: short weakref arrows */
    CHECK(target_open_record(&t, 1280, 720, RENDER_THEME_LIGHT, 1) == 0, "target");
    CHECK(load(&t, GCVIZ_SCENARIOS_DIR "/14_weak_references.py") == 0, "load 14");
    int weak = 0;
    for (int32_t si = 1; si < t.w->tl.nstmts; si++) {
        app_win_seek(t.w, t.w->tl.stmts[si], 0);
        CHECK(app_win_build(t.w) == 0, "build");
        for (GcId id = 1; id <= gc_max_id(t.w->heap); id++) {
            const GcObject *o = gc_object(t.w->heap, id);
            const RenderCmd *c = NULL;
            if (!o || o->state != GC_STATE_ALIVE || o->kind != GC_KIND_WEAKREF || o->wr_referent <= 0 ||
                arrows_between(&t, id, o->wr_referent, &c) != 1)
                continue;
            const RenderPt *p = &t.w->list.pts[c->pts];
            const RenderHit *hs = card_hit(&t, id), *ht = card_hit(&t, o->wr_referent);
            float len = 0, m = 60;
            int near = 1;
            for (int32_t k = 0; k < c->npts; k++) {
                if (k > 0)
                    len += hypotf(p[k].x - p[k - 1].x, p[k].y - p[k - 1].y);
                near &= p[k].x >= fminf(hs->x, ht->x) - m && p[k].x <= fmaxf(hs->x + hs->w, ht->x + ht->w) + m &&
                        p[k].y >= fminf(hs->y, ht->y) - m && p[k].y <= fmaxf(hs->y + hs->h, ht->y + ht->h) + m;
            }
            RenderPt a = p[0], b = p[c->npts - 1];
            float way = fabsf(b.x - a.x) + fabsf(b.y - a.y);
            CHECK(near && len <= way + 250, "14 step %d: weakref #%d's arrow to #%d: %g px for %g px%s", (int)si,
                  (int)id, (int)o->wr_referent, len, way, near ? "" : ", far from the two cards");
            weak++;
        }
    }
    CHECK(weak >= 5, "14: %d weakref arrows looked at", weak);
    target_close(&t);

    /* chapter 05 at every statement's end and the exit: the cards drawn
     * fill the heap (a frame of the chain, the tree or the leaf alone was
     * small at the top of the whole run's view), and a heap with nothing
     * alive says so */
    CHECK(target_open_record(&t, 1280, 720, RENDER_THEME_LIGHT, 1) == 0, "target");
    CHECK(load(&t, GCVIZ_SCENARIOS_DIR "/05_dealloc_cascade.py") == 0, "load 05");
    RecordPoint *fpts = NULL;
    int32_t nfp = record_points(t.w->heap, &t.w->tl, RENDER_GRAN_STATEMENT, &fpts);
    int filled = 0, empty = 0;
    float least = 1;
    for (int32_t i = 0; i < nfp; i++) {
        app_win_seek(t.w, fpts[i].cursor, 0);
        CHECK(app_win_build(t.w) == 0, "build");
        app_win_regions(t.w, &rg);
        float u[4] = {1e9f, 1e9f, -1e9f, -1e9f}, area = 0;
        int any = 0, alive = 0, ncards = 0;
        for (int32_t j = 0; j < t.w->list.nhits; j++) {
            const RenderHit *hk = &t.w->list.hits[j];
            const GcObject *o = hk->kind == RENDER_HIT_CARD ? gc_object(t.w->heap, hk->id) : NULL;
            if (!o)
                continue;
            area += hk->w * hk->h;
            ncards++;
            u[0] = fminf(u[0], hk->x);
            u[1] = fminf(u[1], hk->y);
            u[2] = fmaxf(u[2], hk->x + hk->w);
            u[3] = fmaxf(u[3], hk->y + hk->h);
            any = 1;
            alive += o->state == GC_STATE_ALIVE;
        }
        if (!any) {
            int said = 0;
            for (int32_t c = 0; c < t.w->list.ncmds; c++)
                said |= t.w->list.cmds[c].kind == RENDER_CMD_TEXT &&
                        strstr(render_cmd_text(&t.w->list, &t.w->list.cmds[c]), "Nothing is alive") != NULL;
            CHECK(said, "05 cursor %d: an empty heap says nothing", (int)fpts[i].cursor);
            empty++;
            continue;
        }
        /* ghosts where their objects were, close together: the exit's
         * Node #10 and globals() were drawn in opposite corners of an
         * empty slide (they are listed now) */
        CHECK(alive || ncards < 2 || area * 4 >= (u[2] - u[0]) * (u[3] - u[1]),
              "05 cursor %d: %d ghosts scattered over the heap (%.0f %% of their box)", (int)fpts[i].cursor,
              ncards, 100 * area / ((u[2] - u[0]) * (u[3] - u[1])));
        if (!alive)
            continue;
        /* (or are at the largest zoom: the leaf alone) */
        float f = fmaxf((u[2] - u[0]) / rg.heap_w, (u[3] - u[1]) / rg.heap_h);
        if (t.w->view.zoom < 1.55f)
            least = fminf(least, f);
        CHECK(f >= 0.7f || t.w->view.zoom >= 1.55f, "05 cursor %d: the cards fill %.0f %% of the heap at %.0f %%",
              (int)fpts[i].cursor, f * 100, t.w->view.zoom * 100);
        filled++;
    }
    printf("slide_pictures: 05: %d frames filled (least %.0f %%), %d empty\n", filled, least * 100, empty);
    CHECK(filled >= 5 && empty >= 3, "05: %d filled frames, %d empty", filled, empty);
    free(fpts);
    target_close(&t);

    /* chapters 01, 03 and 06 at every statement's end: no arrow leaves
     * the heap (a column's arrow routed round the card between its ends
     * ran out of the slide's left edge) */
    static const char *const columns[] = {"01_names_are_references.py", "03_del_and_deallocation.py",
                                          "06_containers_and_tracking.py"};
    for (int ci = 0; ci < 3; ci++) {
        CHECK(target_open_record(&t, 1280, 720, RENDER_THEME_LIGHT, 1) == 0, "target");
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", GCVIZ_SCENARIOS_DIR, columns[ci]);
        CHECK(load(&t, path) == 0, "load %s", columns[ci]);
        RecordPoint *pts = NULL;
        int32_t np = record_points(t.w->heap, &t.w->tl, RENDER_GRAN_STATEMENT, &pts), arrows = 0;
        for (int32_t i = 0; i < np; i++) {
            app_win_seek(t.w, pts[i].cursor, 0);
            CHECK(app_win_build(t.w) == 0, "build");
            app_win_regions(t.w, &rg);
            const RenderList *l = &t.w->list;
            for (int32_t c = 0; c < l->ncmds; c++) {
                const RenderCmd *cmd = &l->cmds[c];
                if (cmd->kind != RENDER_CMD_LINE || cmd->head <= 0 || cmd->npts < 2)
                    continue;
                int out = 0;
                for (int32_t k = 0; k < cmd->npts; k++) {
                    RenderPt p = l->pts[cmd->pts + k];
                    out |= p.x < rg.heap_x || p.x > rg.heap_x + rg.heap_w || p.y < rg.heap_y ||
                           p.y > rg.heap_y + rg.heap_h;
                }
                CHECK(!out, "%s cursor %d: an arrow leaves the heap", columns[ci], (int)pts[i].cursor);
                arrows++;
            }
        }
        CHECK(arrows >= 3, "%s: %d arrows looked at", columns[ci], (int)arrows);
        free(pts);
        target_close(&t);
    }

    /* chapters 19, 08 and 14: arrows that neither cross nor cross cards
     * (14's exit: list #1 -> weakref #7 crossed weakref #4's footer and
     * the globals' arrows crossed, until its pins put the list right of
     * the weakrefs) */
    static const char *const rings[] = {"19_internaldocs_figures.py", "08_collect_step_by_step.py",
                                        "14_weak_references.py"};
    for (int ri = 0; ri < 3; ri++) {
        CHECK(target_open_record(&t, 1280, 720, RENDER_THEME_LIGHT, 1) == 0, "target");
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", GCVIZ_SCENARIOS_DIR, rings[ri]);
        CHECK(load(&t, path) == 0, "load %s", rings[ri]);
        RecordPoint *pts = NULL;
        int32_t np = record_points(t.w->heap, &t.w->tl, RENDER_GRAN_PHASE, &pts);
        int frames = 0;
        for (int32_t i = 0; i < np; i++) {
            app_win_seek(t.w, pts[i].cursor, 0);
            /* the program's statements and the interpreter's exit (its
             * globals dict and functions come in too) */
            CHECK(app_win_build(t.w) == 0, "build");
            char what[160] = "";
            int meet = arrows_meeting(&t), cross = arrows_crossing_cards(&t, what, sizeof what);
            CHECK(meet == 0 && cross == 0, "%s cursor %d: %d pairs of arrows meet; %d cross cards %s", rings[ri],
                  (int)pts[i].cursor, meet, cross, what);
            frames++;
        }
        CHECK(frames > 20, "%s: %d frames", rings[ri], frames);
        free(pts);
        target_close(&t);
    }
}

/* Does segment ab pass through the rectangle [x0, x1] x [y0, y1]? */
static int seg_in_rect(RenderPt a, RenderPt b, float x0, float y0, float x1, float y1)
{
    float t0 = 0, t1 = 1, d[2] = {b.x - a.x, b.y - a.y}, p[2] = {a.x, a.y};
    float lo[2] = {x0, y0}, hi[2] = {x1, y1};
    for (int i = 0; i < 2; i++) {
        if (fabsf(d[i]) < 1e-6f) {
            if (p[i] <= lo[i] || p[i] >= hi[i])
                return 0;
            continue;
        }
        float u0 = (lo[i] - p[i]) / d[i], u1 = (hi[i] - p[i]) / d[i];
        if (u0 > u1) {
            float tmp = u0;
            u0 = u1;
            u1 = tmp;
        }
        t0 = fmaxf(t0, u0);
        t1 = fminf(t1, u1);
        if (t0 >= t1)
            return 0;
    }
    return 1;
}

/* Whether the arrow (a line command) starts and ends at one card: a
 * field that holds its own object. */
static int self_arrow(const RenderList *l, const RenderCmd *a)
{
    RenderPt p = l->pts[a->pts], q = l->pts[a->pts + a->npts - 1];
    for (int32_t k = 0; k < l->nhits; k++) {
        const RenderHit *h = &l->hits[k];
        if (h->kind == RENDER_HIT_CARD && p.x >= h->x && p.x <= h->x + h->w && p.y >= h->y &&
            p.y <= h->y + h->h && q.x >= h->x - 4 && q.x <= h->x + h->w + 4 && q.y >= h->y - 4 &&
            q.y <= h->y + h->h + 4)
            return 1;
    }
    return 0;
}

/* The self-arrows of the frame built. */
static int self_arrow_count(const Target *t)
{
    const RenderList *l = &t->w->list;
    int n = 0;
    for (int32_t j = 0; j < l->ncmds; j++) {
        const RenderCmd *a = &l->cmds[j];
        n += a->kind == RENDER_CMD_LINE && a->head > 0 && a->npts >= 2 && self_arrow(l, a);
    }
    return n;
}

/* The pairs (arrow, text) of the frame built where the arrow (a line with
 * a head; only self-arrows if self_only) runs over the text's letters, for
 * the texts drawn inside the heap (card titles, rows, badges, name tags,
 * footers); the first one in what. */
static int arrows_over_text(Target *t, int self_only, char *what, size_t n)
{
    const RenderList *l = &t->w->list;
    RenderRegions rg;
    app_win_regions(t->w, &rg);
    int bad = 0, clipped = 0;
    for (int32_t i = 0; i < l->ncmds; i++) {
        const RenderCmd *c = &l->cmds[i];
        if (c->kind == RENDER_CMD_CLIP)
            clipped = c->w > 0;
        if (c->kind != RENDER_CMD_TEXT || !clipped)
            continue;
        const char *txt = render_cmd_text(l, c);
        float tw = (float)render_text_width(t->w->fonts, (RenderFont)c->font, c->px, txt);
        float lh = (float)render_line_height(t->w->fonts, (RenderFont)c->font, c->px);
        float x0 = c->align == RENDER_ALIGN_LEFT ? c->x : c->align == RENDER_ALIGN_CENTER ? c->x - tw * 0.5f : c->x - tw;
        /* the letters: the line's box less its leading */
        float bx0 = x0 + 1, bx1 = x0 + tw - 1, by0 = c->y + lh * 0.2f, by1 = c->y + lh * 0.8f;
        if (bx1 <= bx0 || bx1 < rg.heap_x || bx0 > rg.heap_x + rg.heap_w || by1 < rg.heap_y ||
            by0 > rg.heap_y + rg.heap_h)
            continue;
        for (int32_t j = 0; j < l->ncmds; j++) {
            const RenderCmd *a = &l->cmds[j];
            if (a->kind != RENDER_CMD_LINE || a->head <= 0 || a->npts < 2 || (self_only && !self_arrow(l, a)))
                continue;
            const RenderPt *p = &l->pts[a->pts];
            int hit = 0;
            for (int32_t k = 0; k + 1 < a->npts && !hit; k++)
                hit = seg_in_rect(p[k], p[k + 1], bx0, by0, bx1, by1);
            if (hit && bad++ == 0)
                snprintf(what, n, "an arrow from (%.0f,%.0f) to (%.0f,%.0f) runs over '%s'", p[0].x, p[0].y,
                         p[a->npts - 1].x, p[a->npts - 1].y, txt);
        }
    }
    return bad;
}

/* For a slide frame with nothing alive on its heap that draws two or more
 * ghosts: they are together, each at most RENDER_GHOST_APART world units
 * from the nearest other one (tree_del's exit drew list #1 and globals()
 * in opposite corners).  Returns 1 for such a frame. */
static int check_ghosts_together(Target *t, const char *file, int width, int cursor)
{
    const RenderList *l = &t->w->list;
    const RenderHit *g[128];
    int n = 0;
    for (int32_t k = 0; k < l->nhits; k++) {
        const RenderHit *hk = &l->hits[k];
        const GcObject *o = hk->kind == RENDER_HIT_CARD ? gc_object(t->w->heap, hk->id) : NULL;
        if (!o)
            continue;
        if (o->state == GC_STATE_ALIVE)
            return 0;
        if (n < 128)
            g[n++] = hk;
    }
    if (n < 2)
        return 0;
    float k = t->w->view.zoom * t->w->scale;
    /* and inside the slide's heap, clear of its edges, none said to be off
     * screen (chapter 14's exit drew its ghosts in a row wider than the
     * slide, cut at its edges, with "Off screen: weakref #4" beside them) */
    RenderRegions rg;
    app_win_regions(t->w, &rg);
    CHECK(!frame_has_text(t, "Off screen"), "%s %d wide, cursor %d: an 'Off screen' note over ghosts",
          file, width, cursor);
    for (int i = 0; i < n && t->w->ghosts.n > 0; i++) /* the ones drawn side by side */
        CHECK(g[i]->x >= rg.heap_x + 4 && g[i]->x + g[i]->w <= rg.heap_x + rg.heap_w - 4 &&
                  g[i]->y >= rg.heap_y + 4 && g[i]->y + g[i]->h <= rg.heap_y + rg.heap_h - 4,
              "%s %d wide, cursor %d: ghost #%d cut by the slide's edge", file, width, cursor,
              (int)g[i]->id);
    for (int i = 0; i < n; i++) {
        float best = 1e30f;
        for (int j = 0; j < n; j++) {
            if (j == i)
                continue;
            float dx = fmaxf(0, fmaxf(g[j]->x - (g[i]->x + g[i]->w), g[i]->x - (g[j]->x + g[j]->w)));
            /* (each with its footer's line under it, as render_ghost_row counts) */
            float dy = fmaxf(0, fmaxf(g[j]->y - (g[i]->y + g[i]->h + 24 * k), g[i]->y - (g[j]->y + g[j]->h + 24 * k)));
            best = fminf(best, sqrtf(dx * dx + dy * dy) / k);
        }
        CHECK(best <= RENDER_GHOST_APART + 2, "%s %d wide, cursor %d: ghost #%d is %.0f units from the nearest of %d",
              file, width, cursor, (int)g[i]->id, best, n);
    }
    return 1;
}

/* Slides of every bundled chapter and the structure lessons at 1280x720
 * and 1920x1080, every phase (as `record --slide --every phase` makes
 * them): the ghosts of a frame with nothing alive are drawn together
 * (check_ghosts_together); no self-arrow runs over its card's text (the globals' self-arrow
 * of the interpreter's exit came up into its bottom edge through the
 * footer "unreachable · in final_unreachable" in chapters 01-05, 12, 13,
 * 19 and tree_del; it failed before the footer left it room), and in the
 * structure lessons (dll, tree15, tree_del) no arrow crosses a card.  It
 * prints, per chapter and size, how many frames have any arrow over a
 * card's text, across a card, or meeting another (the defects left). */
static void t_slide_defects(void)
{
    static const int sizes[][2] = {{1280, 720}, {1920, 1080}};
    ScenarioChapter ch[64];
    int nch = scenario_read_index(GCVIZ_SCENARIOS_DIR, ch, 64);
    CHECK(nch >= 19, "index.json: %d chapters", nch);
    int nlessons = NLESSONS, frames = 0, selfs = 0, ghost_frames = 0;
    for (int si = 0; si < 2; si++) {
        Target t;
        CHECK(target_open_record(&t, sizes[si][0], sizes[si][1], RENDER_THEME_LIGHT, 1) == 0, "target");
        for (int ci = 0; ci < nch + nlessons && ci < 64; ci++) {
            char path[1024];
            int lesson = ci >= nch;
            chapter_path(ch, nch, ci, path, sizeof path);
            if (app_win_load(t.w, path, 0) < 0) {
                CHECK(0, "load %s", path);
                continue;
            }
            RecordPoint *pts = NULL;
            int32_t np = record_points(t.w->heap, &t.w->tl, RENDER_GRAN_PHASE, &pts);
            int over_frames = 0, cross_frames = 0, meet_frames = 0;
            for (int32_t i = 0; i < np; i++) {
                app_win_seek(t.w, pts[i].cursor, 0);
                CHECK(app_win_build(t.w) == 0, "build");
                char w1[200] = "", w2[200] = "";
                int self = arrows_over_text(&t, 1, w1, sizeof w1);
                CHECK(self == 0, "%s %dx%d cursor %d: %s", ch[ci].file, sizes[si][0], sizes[si][1],
                      (int)pts[i].cursor, w1);
                int cross = arrows_crossing_cards(&t, w2, sizeof w2);
                CHECK(!lesson || cross == 0, "%s %dx%d cursor %d: %s", ch[ci].file, sizes[si][0], sizes[si][1],
                      (int)pts[i].cursor, w2);
                int over = arrows_over_text(&t, 0, w1, sizeof w1);
                over_frames += over > 0;
                cross_frames += cross > 0;
                /* GCVIZ_DEFECTS=1 names the frames; GCVIZ_DEFECTS_DIR=DIR saves
                 * them as PNGs (every frame with GCVIZ_DEFECTS_ALL=1) */
                if (getenv("GCVIZ_DEFECTS") && (over || cross))
                    printf("  %s %dx%d cursor %d: %s %s\n", ch[ci].file, sizes[si][0], sizes[si][1],
                           (int)pts[i].cursor, over ? w1 : "", cross ? w2 : "");
                if (getenv("GCVIZ_DEFECTS_DIR") && (over || cross || getenv("GCVIZ_DEFECTS_ALL"))) {
                    char png[1200];
                    snprintf(png, sizeof png, "%s/%.40s-%d-%d.png", getenv("GCVIZ_DEFECTS_DIR"), ch[ci].file,
                             sizes[si][0], (int)pts[i].cursor);
                    app_win_draw(t.w, 0);
                    record_png_save(t.r, sizes[si][0], sizes[si][1], png);
                }
                meet_frames += arrows_meeting(&t) > 0;
                selfs += self_arrow_count(&t);
                ghost_frames += check_ghosts_together(&t, ch[ci].file, sizes[si][0], (int)pts[i].cursor);
                frames++;
            }
            printf("slide_defects %s %dx%d: %d frames; %d with an arrow over a card's text, %d with one "
                   "across a card, %d with two meeting\n",
                   ch[ci].file, sizes[si][0], sizes[si][1], (int)np, over_frames, cross_frames, meet_frames);
            /* the list `keep` of 11 and 18 holds nodes laid out in columns
             * beside it: its arrows ran across them and the cards between
             * (146 and 215 frames of 220 and 989 at each size); its cells
             * name them now (tangled_lists: 19 and 2 left), and a slide
             * that does not show every card draws arrows only between
             * those it shows (none left) */
            int bound = strncmp(ch[ci].file, "11_", 3) == 0 || strncmp(ch[ci].file, "18_", 3) == 0 ? 0 : -1;
            CHECK(lesson || bound < 0 || cross_frames <= bound, "%s %dx%d: %d frames with an arrow across a card (at most %d)",
                  ch[ci].file, sizes[si][0], sizes[si][1], cross_frames, bound);
            /* a list cell's arrow to a card straight above or below left
             * through its own list's title or footer (03, 06, 09, 14, 15:
             * 1, 38, 14, 13 and 14 frames at each size); it leaves by the
             * side of its row now (cell_sideways).  What is left: 11's and
             * 18's globals -> list over a title, 19's three */
            int over_bound = strncmp(ch[ci].file, "19_", 3) == 0                                      ? 3
                             : strncmp(ch[ci].file, "11_", 3) == 0 || strncmp(ch[ci].file, "18_", 3) == 0 ? 1
                                                                                                           : 0;
            CHECK(over_frames <= over_bound, "%s %dx%d: %d frames with an arrow over a card's text (at most %d)",
                  ch[ci].file, sizes[si][0], sizes[si][1], over_frames, over_bound);
            free(pts);
        }
        target_close(&t);
    }
    printf("slide_defects: %d frames, %d self-arrows, %d frames of ghosts alone\n", frames, selfs, ghost_frames);
    CHECK(frames > 4000 && selfs > 100 && ghost_frames >= 20, "%d frames, %d self-arrows, %d frames of ghosts",
          frames, selfs, ghost_frames);
}

/* The texts drawn inside card id's rectangle in the frame built, joined
 * by spaces into buf. */
static void texts_in_card(const Target *t, GcId id, char *buf, size_t n)
{
    const RenderHit *h = card_hit(t, id);
    size_t len = 0;
    buf[0] = 0;
    for (int32_t i = 0; h && i < t->w->list.ncmds; i++) {
        const RenderCmd *c = &t->w->list.cmds[i];
        if (c->kind == RENDER_CMD_TEXT && c->x >= h->x && c->x <= h->x + h->w && c->y >= h->y &&
            c->y <= h->y + h->h && len + 2 < n)
            len += (size_t)snprintf(buf + len, n - len, "%s ", render_cmd_text(&t->w->list, c));
        if (len >= n)
            len = n - 1;
    }
}

/* tree15.py on a slide at 1280x720 and 1920x1080, at every statement's end
 * while the list `nodes` holds the tree's nodes (three or more): its
 * arrows ran across the tree's (23-28 pairs of arrows met at step 6, the
 * list of all 15 nodes); now its cells name their nodes ("#5") and one
 * note says the arrows are left out, so at most 2 pairs of arrows meet and
 * none crosses a card. */
static void t_slide_named_cells(void)
{
    static const int sizes[][2] = {{1280, 720}, {1920, 1080}};
    for (int si = 0; si < 2; si++) {
        Target t;
        CHECK(target_open_record(&t, sizes[si][0], sizes[si][1], RENDER_THEME_LIGHT, 1) == 0, "target");
        CHECK(load(&t, "../../layout/data/tree15.py") == 0, "load tree15");
        GcId list = layout_pin_target(t.w->heap, "nodes");
        CHECK(list > 0, "the list nodes");
        RecordPoint *pts = NULL;
        int32_t np = record_points(t.w->heap, &t.w->tl, RENDER_GRAN_STATEMENT, &pts);
        int frames = 0, full = 0;
        for (int32_t i = 0; i < np; i++) {
            app_win_seek(t.w, pts[i].cursor, 0);
            const GcObject *o = gc_object(t.w->heap, list);
            if (!o || o->state != GC_STATE_ALIVE || gc_nslots(o) < 3)
                continue;
            CHECK(app_win_build(t.w) == 0, "build");
            char what[200] = "", texts[2048];
            int meet = arrows_meeting(&t), cross = arrows_crossing_cards(&t, what, sizeof what);
            CHECK(meet <= 2 && cross == 0, "tree15 %dx%d cursor %d (%u nodes in the list): %d pairs of arrows meet, %d cross cards %s",
                  sizes[si][0], sizes[si][1], (int)pts[i].cursor, gc_nslots(o), meet, cross, what);
            texts_in_card(&t, list, texts, sizeof texts);
            for (uint32_t f = 0; f < gc_nslots(o) && f < LAYOUT_MAX_CELLS; f++) {
                char name[32];
                snprintf(name, sizeof name, "#%d ", (int)GC_VAL_ID(gc_slot(o, f).val));
                CHECK(GC_VAL_IS_OBJ(gc_slot(o, f).val) && strstr(texts, name),
                      "tree15 %dx%d cursor %d: cell %u does not name %s(cell texts: %s)", sizes[si][0],
                      sizes[si][1], (int)pts[i].cursor, f, name, texts);
            }
            CHECK(frame_has_text(&t, "cells name their objects"), "tree15 %dx%d cursor %d: no note",
                  sizes[si][0], sizes[si][1], (int)pts[i].cursor);
            full += gc_nslots(o) == 15;
            frames++;
        }
        CHECK(frames >= 3 && full >= 1, "tree15: %d frames with the list, %d with all 15 nodes", frames, full);
        /* the cell a store writes (the caption's subject) keeps its arrow:
         * the last one of the first eight */
        int32_t store = -1;
        for (int32_t ev = 0; ev < gc_event_count(t.w->heap); ev++) {
            const GcEvent *e = gc_event(t.w->heap, ev);
            if (e->kind == GC_EV_STORE && e->obj == list && e->slot == LAYOUT_MAX_CELLS - 1)
                store = ev;
        }
        CHECK(store > 0, "tree15: a store into the list's eighth cell");
        app_win_seek(t.w, store + 1, 0);
        CHECK(app_win_build(t.w) == 0, "build");
        const GcObject *o = gc_object(t.w->heap, list);
        const RenderCmd *arrow = NULL;
        GcId written = o && gc_nslots(o) >= LAYOUT_MAX_CELLS ? GC_VAL_ID(gc_slot(o, LAYOUT_MAX_CELLS - 1).val) : 0;
        CHECK(written > 0 && arrows_between(&t, list, written, &arrow) == 1,
              "tree15 %dx%d: the cell written at event %d has no arrow to #%d", sizes[si][0], sizes[si][1],
              (int)store, (int)written);
        free(pts);
        target_close(&t);
    }
}

/* Plain recordings (no --slide) at 1280x720 follow their subject too: the
 * frames the issue found cut (chapter 19's subtract_refs on Link #4,
 * chapter 14's last frame, chapter 12 at gc.collect()), and every other
 * stop of those chapters. */
static void t_record_subjects(void)
{
    static const char *const chapters[] = {"19_internaldocs_figures.py", "14_weak_references.py",
                                           "12_finalizers.py", "13_resurrection.py",
                                           "20_exceptions_and_frames.py"};
    int named = 0;
    for (size_t ci = 0; ci < sizeof chapters / sizeof chapters[0]; ci++) {
        Target t;
        CHECK(target_open_record(&t, 1280, 720, RENDER_THEME_LIGHT, 0) == 0, "target");
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", GCVIZ_SCENARIOS_DIR, chapters[ci]);
        CHECK(app_win_load(t.w, path, 0) == 0, "load %s", path);
        RecordPoint *pts = NULL;
        int32_t np = record_points(t.w->heap, &t.w->tl, RENDER_GRAN_MICRO, &pts);
        for (int32_t i = 0; i < np; i++) {
            app_win_seek(t.w, pts[i].cursor, 0);
            CHECK(app_win_build(t.w) == 0, "build");
            RenderRegions rg;
            app_win_regions(t.w, &rg);
            char what[1200];
            snprintf(what, sizeof what, "%s cursor %d", chapters[ci], (int)pts[i].cursor);
            /* the caption's band, below the heap */
            named += check_subject_frame(&t, rg.heap_y + rg.heap_h, rg.heap_y + rg.heap_h + rg.caption_h,
                                         what);
        }
        free(pts);
        target_close(&t);
    }
    CHECK(named > 100, "named %d", named);
}

/* A plain recording at 1280x720 (record --size 1280x720) of chapters 8,
 * 14 and 17: at every statement's end each living card (with nothing
 * alive, each ghost of the statement's frees) is whole in the heap view,
 * and no name's pill ("Node #2 <-") names a card in view.  Chapter
 * 8's ring ran off the right edge at its gc.collect() (Node #8 out of
 * view), chapter 14's list #1 stood beyond it, the weakref's arrow
 * running out and back, chapter 17's last frame cut holder's ghost at the
 * left edge; framed whole, a card at the left edge got a pill beside
 * itself. */
static void t_record_whole(void)
{
    static const char *const chapters[] = {"08_collect_step_by_step.py", "14_weak_references.py",
                                           "17_mark_sweep.json"};
    for (size_t ci = 0; ci < sizeof chapters / sizeof chapters[0]; ci++) {
        Target t;
        CHECK(target_open_record(&t, 1280, 720, RENDER_THEME_DARK, 0) == 0, "target");
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", GCVIZ_SCENARIOS_DIR, chapters[ci]);
        CHECK(app_win_load(t.w, path, 0) == 0, "load %s", path);
        RecordPoint *pts = NULL;
        int32_t np = record_points(t.w->heap, &t.w->tl, RENDER_GRAN_STATEMENT, &pts);
        int cut = 0, pills = 0, cards = 0;
        for (int32_t i = 0; i < np; i++) {
            app_win_seek(t.w, pts[i].cursor, 0);
            CHECK(app_win_build(t.w) == 0, "build");
            RenderRegions rg;
            app_win_regions(t.w, &rg);
            /* nothing alive: the ghosts of the statement's frees are the
             * picture (chapter 17's last frame cut holder's at the left) */
            int alive = 0;
            int32_t start = gc_index_stmt_at(&t.w->tl, pts[i].cursor - 1);
            for (GcId id = 1; id <= gc_max_id(t.w->heap); id++) {
                const GcObject *o = gc_object(t.w->heap, id);
                float x, y, w, h;
                alive += o && o->state == GC_STATE_ALIVE && card_screen(&t, id, &x, &y, &w, &h) == 0;
            }
            for (GcId id = 1; id <= gc_max_id(t.w->heap); id++) {
                const GcObject *o = gc_object(t.w->heap, id);
                float x, y, w, h;
                int ghost = o && !alive && o->state != GC_STATE_ALIVE &&
                            gc_died(t.w->heap, id) >= (start < 0 ? 0 : start) &&
                            !layout_is_temporary(t.w->layout, id);
                if (!o || (o->state != GC_STATE_ALIVE && !ghost) ||
                    card_screen(&t, id, &x, &y, &w, &h) < 0)
                    continue;
                cards++;
                int inside = x >= rg.heap_x - 1 && x + w <= rg.heap_x + rg.heap_w + 1 &&
                             y >= rg.heap_y - 1 && y + h <= rg.heap_y + rg.heap_h + 1;
                if (!inside)
                    fprintf(stderr, "%s cursor %d: #%d at %.0f,%.0f %.0fx%.0f, the heap %.0f,%.0f %.0fx%.0f\n",
                            chapters[ci], (int)pts[i].cursor, (int)id, x, y, w, h, rg.heap_x, rg.heap_y,
                            rg.heap_w, rg.heap_h);
                cut += !inside;
                if (ghost)
                    continue;
                char label[64], pill[80];
                render_obj_label(t.w->heap, id, label, sizeof label);
                snprintf(pill, sizeof pill, "%s \xE2\x86", label);
                for (int32_t c = 0; inside && c < t.w->list.ncmds; c++) {
                    const RenderCmd *cmd = &t.w->list.cmds[c];
                    if (cmd->kind == RENDER_CMD_TEXT &&
                        strncmp(render_cmd_text(&t.w->list, cmd), pill, strlen(pill)) == 0) {
                        fprintf(stderr, "%s cursor %d: a pill '%s' for #%d in view\n", chapters[ci],
                                (int)pts[i].cursor, render_cmd_text(&t.w->list, cmd), (int)id);
                        pills++;
                    }
                }
            }
        }
        CHECK(np >= 10 && cards >= 20 && cut == 0 && pills == 0,
              "%s: %d of %d cards cut or out of view, %d pills for cards in view (%d statements)",
              chapters[ci], cut, cards, pills, (int)np);
        free(pts);
        target_close(&t);
    }
}

/* ---- contrast ------------------------------------------------------------------------ */

static double channel_lin(int v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double rel_lum(RenderColor c)
{
    return 0.2126 * channel_lin(c.r) + 0.7152 * channel_lin(c.g) + 0.0722 * channel_lin(c.b);
}

/* WCAG 2 contrast ratio of two opaque colours. */
static double contrast_ratio(RenderColor a, RenderColor b)
{
    double la = rel_lum(a), lb = rel_lum(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static RenderColor over(RenderColor top, RenderColor bottom)
{
    float a = top.a / 255.0f;
    RenderColor c;
    c.r = (uint8_t)(top.r * a + bottom.r * (1 - a) + 0.5f);
    c.g = (uint8_t)(top.g * a + bottom.g * (1 - a) + 0.5f);
    c.b = (uint8_t)(top.b * a + bottom.b * (1 - a) + 0.5f);
    c.a = 255;
    return c;
}

/* Every text of the frame built in t->w->list against what is drawn under
 * its middle (the rects before it, blended in order over the clear
 * colour): at least 4.5:1 (WCAG AA).  Texts outside the clip are not
 * seen and not checked.  Returns the number of texts checked. */
static int check_contrast_frame(Target *t, const char *what)
{
    const RenderList *l = &t->w->list;
    int n = 0, clipped = 0;
    float cx0 = 0, cy0 = 0, cx1 = 0, cy1 = 0;
    for (int32_t i = 0; i < l->ncmds; i++) {
        const RenderCmd *c = &l->cmds[i];
        if (c->kind == RENDER_CMD_CLIP) {
            clipped = c->w > 0;
            cx0 = c->x;
            cy0 = c->y;
            cx1 = c->x + c->w;
            cy1 = c->y + c->h;
        }
        if (c->kind != RENDER_CMD_TEXT)
            continue;
        const char *txt = render_cmd_text(l, c);
        float tw = (float)render_text_width(t->w->fonts, (RenderFont)c->font, c->px, txt);
        float lh = (float)render_line_height(t->w->fonts, (RenderFont)c->font, c->px);
        float x0 = c->align == RENDER_ALIGN_LEFT ? c->x : c->align == RENDER_ALIGN_CENTER ? c->x - tw * 0.5f : c->x - tw;
        float px = x0 + tw * 0.5f, py = c->y + lh * 0.5f;
        if (clipped && (px < cx0 || px > cx1 || py < cy0 || py > cy1))
            continue;
        if (px < 0 || py < 0 || px >= (float)l->width || py >= (float)l->height)
            continue;
        RenderColor bg = l->clear;
        bg.a = 255;
        for (int32_t j = 0; j < i; j++) {
            const RenderCmd *r = &l->cmds[j];
            if (r->kind == RENDER_CMD_RECT && px >= r->x && px <= r->x + r->w && py >= r->y &&
                py <= r->y + r->h)
                bg = over(r->color, bg);
        }
        RenderColor fg = over(c->color, bg);
        double cr = contrast_ratio(fg, bg);
        CHECK(cr >= 4.5, "%s: '%s' (%d px) %.2f:1, text #%02x%02x%02x on #%02x%02x%02x", what, txt,
              (int)c->px, cr, fg.r, fg.g, fg.b, bg.r, bg.g, bg.b);
        n++;
    }
    return n;
}

/* WCAG AA for every text and badge in all three themes: every phase stop
 * of the chapters lectures use, in the window's layout and as slides, and
 * the overlays. */
static void t_contrast(void)
{
    static const char *const chapters[] = {"07_cycles.py", "08_collect_step_by_step.py",
                                           "12_finalizers.py", "13_resurrection.py",
                                           "14_weak_references.py", "19_internaldocs_figures.py",
                                           "20_exceptions_and_frames.py",
                                           /* a .py lesson: the whole source, the output strip */
                                           "tests/golden/py/l03_tree_del.py"};
    int texts = 0;
    for (int theme = 0; theme < RENDER_THEME_COUNT; theme++)
        for (int slide = 0; slide < 2; slide++) {
            Target t;
            CHECK(target_open_record(&t, 1280, 720, theme, slide) == 0, "target");
            for (size_t ci = 0; ci < sizeof chapters / sizeof chapters[0]; ci++) {
                char path[1024];
                if (strchr(chapters[ci], '/'))
                    snprintf(path, sizeof path, "%s/%s", GCVIZ_SOURCE_DIR, chapters[ci]);
                else
                    snprintf(path, sizeof path, "%s/%s", GCVIZ_SCENARIOS_DIR, chapters[ci]);
                CHECK(app_win_load(t.w, path, 0) == 0, "load %s", path);
                RecordPoint *pts = NULL;
                int32_t np = record_points(t.w->heap, &t.w->tl, RENDER_GRAN_PHASE, &pts);
                for (int32_t i = 0; i < np; i++) {
                    app_win_seek(t.w, pts[i].cursor, 0);
                    CHECK(app_win_build(t.w) == 0, "build");
                    char what[1200];
                    snprintf(what, sizeof what, "%s %s%s cursor %d", render_theme((RenderThemeId)theme)->name,
                             slide ? "slide " : "", chapters[ci], (int)pts[i].cursor);
                    texts += check_contrast_frame(&t, what);
                }
                free(pts);
            }
            if (!slide) {
                t.w->view.show_legend = 1;
                CHECK(app_win_build(t.w) == 0, "build");
                texts += check_contrast_frame(&t, "legend");
                t.w->view.show_legend = 0;
                t.w->view.show_help = 1;
                CHECK(app_win_build(t.w) == 0, "build");
                texts += check_contrast_frame(&t, "help");
                t.w->view.show_help = 0;
            }
            target_close(&t);
        }
    printf("contrast: %d texts\n", texts);
    CHECK(texts > 10000, "texts %d", texts);
}

/* Does the frame built in t->w->list draw exactly this text? */
static int draws_text(Target *t, const char *text)
{
    const RenderList *l = &t->w->list;
    for (int32_t i = 0; i < l->ncmds; i++)
        if (l->cmds[i].kind == RENDER_CMD_TEXT && strcmp(render_cmd_text(l, &l->cmds[i]), text) == 0)
            return 1;
    return 0;
}

/* A .py lesson: the code panel shows the program as written (a method's
 * body while it runs, its line highlighted; long lines wrapped, not cut);
 * the output strip shows what print printed so far, in the window and on
 * slides. */
static void t_py_panels(void)
{
    for (int slide = 0; slide < 2; slide++) {
        Target t;
        CHECK(target_open_record(&t, 1280, 720, RENDER_THEME_LIGHT, slide) == 0, "target");
        char path[1024];
        snprintf(path, sizeof path, "%s/tests/golden/py/l03_tree_del.py", GCVIZ_SOURCE_DIR);
        CHECK(app_win_load(t.w, path, 0) == 0, "load %s", path);
        GcHeap *h = t.w->heap;
        CHECK(app_win_build(t.w) == 0, "build");
        CHECK(draws_text(&t, "nothing printed yet"), "slide %d: empty output strip", slide);
        /* inside TreeNode.__init__: its body is shown and its running line highlighted */
        int32_t in_init = -1;
        for (int32_t i = 0; i < gc_event_count(h) && in_init < 0; i++) {
            gc_seek(h, i + 1);
            if (gc_frame_count(h) > 1 && gc_event(h, i)->kind == GC_EV_STORE)
                in_init = i + 1;
        }
        CHECK(in_init > 0, "a store inside __init__");
        app_win_seek(t.w, in_init, 0);
        CHECK(app_win_build(t.w) == 0, "build");
        CHECK(draws_text(&t, "        self.name = name"), "slide %d: __init__'s body shown", slide);
        const RenderTheme *tm = render_theme(RENDER_THEME_LIGHT);
        int fn_hl = 0;
        for (int32_t i = 0; i < t.w->list.ncmds; i++) {
            const RenderCmd *c = &t.w->list.cmds[i];
            fn_hl |= c->kind == RENDER_CMD_RECT && c->color.r == tm->code_fn_hl.r &&
                     c->color.g == tm->code_fn_hl.g && c->color.a == tm->code_fn_hl.a;
        }
        CHECK(fn_hl, "slide %d: the method's running line highlighted", slide);
        CHECK(!draws_text(&t, "\"\"\"A parent/child tree with __del__"),
              "the docstring is the title, not code");
        /* the end: the last line printed is at the bottom of the strip */
        app_win_seek(t.w, gc_event_count(h), 0);
        CHECK(app_win_build(t.w) == 0, "build");
        size_t len = 0;
        const char *out = lang_run_output(t.w->run, &len);
        char last[200];
        size_t e = len > 0 && out[len - 1] == '\n' ? len - 1 : len, b = e;
        while (b > 0 && out[b - 1] != '\n')
            b--;
        snprintf(last, sizeof last, "%.*s", (int)(e - b), out + b);
        CHECK(len > 0 && draws_text(&t, last), "slide %d: last output line '%s' shown", slide, last);
        CHECK(!draws_text(&t, "nothing printed yet"), "slide %d: output shown", slide);
        target_close(&t);
    }
}

/* A printed line longer than the output strip is wrapped into rows that
 * hold all of its text, on a slide at 1280x720 and 1920x1080 and in the
 * window (the previous strip cut it with an ellipsis). */
static void t_output_wrap(void)
{
    static const int sizes[][3] = {{1280, 720, 1}, {1920, 1080, 1}, {1280, 720, 0}};
    for (int si = 0; si < 3; si++) {
        Target t;
        CHECK(target_open_record(&t, sizes[si][0], sizes[si][1], RENDER_THEME_LIGHT, sizes[si][2]) == 0,
              "target");
        CHECK(app_win_load(t.w, GCVIZ_TEST_DATA "/long_print.py", 0) == 0, "load");
        app_win_seek(t.w, gc_event_count(t.w->heap), 0);
        CHECK(app_win_build(t.w) == 0, "build");
        size_t len = 0;
        const char *out = lang_run_output(t.w->run, &len);
        const char *nl = out ? memchr(out, '\n', len) : NULL;
        CHECK(nl && nl - out > 100, "a long first line printed");
        static char all[1 << 16];
        size_t k = 0;
        for (int32_t i = 0; i < t.w->list.ncmds; i++) {
            const RenderCmd *c = &t.w->list.cmds[i];
            if (c->kind != RENDER_CMD_TEXT)
                continue;
            const char *txt = render_cmd_text(&t.w->list, c);
            if (k + strlen(txt) + 1 < sizeof all)
                k += (size_t)snprintf(all + k, sizeof all - k, "%s", txt);
        }
        char line[400];
        snprintf(line, sizeof line, "%.*s", nl ? (int)(nl - out) : 0, out ? out : "");
        CHECK(strstr(all, line) != NULL, "%dx%d slide %d: the whole line '%s' in the output strip",
              sizes[si][0], sizes[si][1], sizes[si][2], line);
        CHECK(strstr(all, "short") != NULL, "the last line shown");
        target_close(&t);
    }
}

/* ---- gliding cards ------------------------------------------------------------------ */

/* Presses the button at the centre of card id (drawn first: hits come from
 * the frame), moves it by dx, dy physical pixels and releases it. */
static void drag_card(Target *t, GcId id, float dx, float dy, uint32_t now)
{
    float x, y, w, h;
    draw(t);
    CHECK(card_screen(t, id, &x, &y, &w, &h) == 0, "card %d on screen", (int)id);
    float cx = x + w * 0.5f, cy = y + h * 0.5f;
    app_win_mouse_down(t->w, cx, cy, 1, now);
    for (int i = 1; i <= 4; i++)
        app_win_mouse_move(t->w, cx + dx * (float)i / 4, cy + dy * (float)i / 4, now);
    app_win_mouse_up(t->w, cx + dx, cy + dy, now);
}

/* Two clicks at the centre of card id, as SDL reports a double-click. */
static void double_click(Target *t, GcId id, uint32_t now)
{
    float x, y, w, h;
    draw(t);
    CHECK(card_screen(t, id, &x, &y, &w, &h) == 0, "card %d on screen", (int)id);
    float cx = x + w * 0.5f, cy = y + h * 0.5f;
    for (int clicks = 1; clicks <= 2; clicks++) {
        app_win_mouse_down(t->w, cx, cy, clicks, now);
        app_win_mouse_up(t->w, cx, cy, now);
    }
}

static int between(float v, float a, float b)
{
    return (a < v && v < b) || (b < v && v < a);
}

/* A dragged card is pinned; a double-click sends it back to its computed
 * place, gliding (ease-out, done within 250 ms), and unpins it; the loop
 * then sleeps again.  A drag takes a gliding card where it is; settled
 * (tests, record), the card goes home at once. */
static void t_glide_unpin(void)
{
    Target t;
    CHECK(target_open(&t, 1600, 1000, 0) == 0, "target");
    CHECK(load(&t, "cycle.json") == 0, "load");
    key(&t, SDLK_RIGHT, 0);
    key(&t, SDLK_RIGHT, 0);
    t.w->settled = 0;
    float hx, hy, dx, dy, x, y;
    CHECK(layout_get(t.w->layout, 1, &hx, &hy) == 0 && !layout_is_pinned(t.w->layout, 1),
          "#1 home");
    float k = t.w->view.zoom * t.w->scale;
    drag_card(&t, 1, 240, 120, 1000);
    CHECK(layout_get(t.w->layout, 1, &dx, &dy) == 0 && fabsf(dx - (hx + 240 / k)) < 0.01f &&
              fabsf(dy - (hy + 120 / k)) < 0.01f,
          "dragged to (%g, %g) from (%g, %g)", dx, dy, hx, hy);
    CHECK(layout_is_pinned(t.w->layout, 1) && t.w->ntweens == 0, "a drag pins, no glide");

    uint32_t t0 = 2000, wait = 0;
    double_click(&t, 1, t0);
    CHECK(t.w->ntweens == 1 && !layout_is_pinned(t.w->layout, 1),
          "double-click: gliding, unpinned");
    CHECK(app_win_tick(t.w, t0, &wait) && wait == 16, "redraws while gliding (wait %u)", wait);
    CHECK(layout_get(t.w->layout, 1, &x, &y) == 0 && x == dx && y == dy,
          "starts at the dragged spot");
    app_win_tick(t.w, t0 + 100, &wait);
    CHECK(layout_get(t.w->layout, 1, &x, &y) == 0 && between(x, dx, hx) && between(y, dy, hy),
          "at +100 ms between (%g, %g) and home (%g, %g): (%g, %g)", dx, dy, hx, hy, x, y);
    CHECK(app_win_tick(t.w, t0 + 250, &wait), "the last position is drawn");
    CHECK(layout_get(t.w->layout, 1, &x, &y) == 0 && x == hx && y == hy,
          "at +250 ms home (%g, %g): (%g, %g)", hx, hy, x, y);
    CHECK(!layout_is_pinned(t.w->layout, 1) && t.w->ntweens == 0, "home, not pinned, done");
    CHECK(draw(&t) == 0, "draw");
    CHECK(!app_win_tick(t.w, t0 + 266, &wait) && wait > 16, "then it sleeps (wait %u)", wait);

    /* a drag stops the glide where the card is shown */
    drag_card(&t, 1, -200, 160, 3000);
    CHECK(layout_get(t.w->layout, 1, &dx, &dy) == 0 && layout_is_pinned(t.w->layout, 1),
          "dragged again");
    double_click(&t, 1, 4000);
    app_win_tick(t.w, 4000, &wait);
    app_win_tick(t.w, 4100, &wait);
    float mx, my;
    CHECK(layout_get(t.w->layout, 1, &mx, &my) == 0 && between(mx, dx, hx), "half way (%g)", mx);
    drag_card(&t, 1, 100, 0, 4100);
    CHECK(t.w->ntweens == 0 && layout_is_pinned(t.w->layout, 1),
          "the drag ends the glide and pins");
    app_win_tick(t.w, 4400, &wait);
    CHECK(layout_get(t.w->layout, 1, &x, &y) == 0 && fabsf(x - (mx + 100 / k)) < 0.01f &&
              fabsf(y - my) < 0.01f,
          "the card stays where it was dropped: (%g, %g), from (%g, %g)", x, y, mx, my);

    /* settled: home at once */
    t.w->settled = 1;
    double_click(&t, 1, 5000);
    CHECK(t.w->ntweens == 0 && layout_get(t.w->layout, 1, &x, &y) == 0 && x == hx && y == hy &&
              !layout_is_pinned(t.w->layout, 1),
          "settled: home at once (%g, %g)", x, y);
    target_close(&t);
}

/* Writes a two-card scenario that pins Node #2 at x, y. */
static int write_pinned(const char *path, int x, int y)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fprintf(f,
            "{\"title\": \"Glide\", \"classes\": {\"Node\": {}},\n"
            " \"layout\": {\"Node #2\": [%d, %d]},\n"
            " \"steps\": [\"gc.disable()\", \"a = Node()\", \"b = Node()\",\n"
            "           \"a.p = b\", \"b.p = a\"]}\n",
            x, y);
    return fclose(f);
}

/* A reload that moves a card (its pin edited in the file) glides it from
 * where it was shown to its new place; other cards stay; a reload during
 * a glide starts from where the card is shown; settled, it jumps. */
static void t_glide_reload(void)
{
    char path[256];
    snprintf(path, sizeof path, "/tmp/gcviz-glide-%d.json", (int)getpid());
    Target t;
    CHECK(target_open(&t, 1600, 1000, 0) == 0, "target");
    t.w->settled = 0;
    CHECK(write_pinned(path, 640, 40) == 0, "write %s", path);
    CHECK(app_win_load(t.w, path, 0) == 0, "load");
    float x, y, ax, ay;
    CHECK(layout_get(t.w->layout, 2, &x, &y) == 0 && x == 640 && y == 40, "pinned: (%g, %g)", x, y);
    CHECK(layout_get(t.w->layout, 1, &ax, &ay) == 0, "#1 placed");

    CHECK(write_pinned(path, 900, 300) == 0, "rewrite");
    CHECK(app_win_load(t.w, path, 1) == 0, "reload");
    CHECK(t.w->ntweens == 1, "only the moved card glides: %d", t.w->ntweens);
    CHECK(layout_get(t.w->layout, 2, &x, &y) == 0 && x == 640 && y == 40, "shown where it was");
    uint32_t t0 = 7000, wait = 0;
    app_win_tick(t.w, t0, &wait);
    app_win_tick(t.w, t0 + 110, &wait);
    CHECK(layout_get(t.w->layout, 2, &x, &y) == 0 && between(x, 640, 900) && between(y, 40, 300),
          "at +110 ms between: (%g, %g)", x, y);
    app_win_tick(t.w, t0 + 250, &wait);
    CHECK(layout_get(t.w->layout, 2, &x, &y) == 0 && x == 900 && y == 300 &&
              layout_is_pinned(t.w->layout, 2),
          "at +250 ms at the new pin: (%g, %g)", x, y);
    CHECK(layout_get(t.w->layout, 1, &x, &y) == 0 && x == ax && y == ay, "#1 kept its place");
    CHECK(draw(&t) == 0, "draw");
    CHECK(!app_win_tick(t.w, t0 + 270, &wait), "then it sleeps");

    /* edited again half way: from where it is shown to the newest pin */
    CHECK(write_pinned(path, 100, 600) == 0, "rewrite");
    CHECK(app_win_load(t.w, path, 1) == 0, "reload");
    app_win_tick(t.w, t0 + 1000, &wait);
    app_win_tick(t.w, t0 + 1100, &wait);
    float mx, my;
    CHECK(layout_get(t.w->layout, 2, &mx, &my) == 0 && between(mx, 900, 100), "half way (%g)", mx);
    CHECK(write_pinned(path, 400, 500) == 0, "rewrite");
    CHECK(app_win_load(t.w, path, 1) == 0, "reload");
    CHECK(layout_get(t.w->layout, 2, &x, &y) == 0 && x == mx && y == my, "starts where shown");
    app_win_tick(t.w, t0 + 1200, &wait);
    app_win_tick(t.w, t0 + 1450, &wait);
    CHECK(layout_get(t.w->layout, 2, &x, &y) == 0 && x == 400 && y == 500, "ends at (%g, %g)", x,
          y);

    /* settled: at once */
    t.w->settled = 1;
    CHECK(write_pinned(path, 200, 700) == 0, "rewrite");
    CHECK(app_win_load(t.w, path, 1) == 0, "reload");
    CHECK(t.w->ntweens == 0 && layout_get(t.w->layout, 2, &x, &y) == 0 && x == 200 && y == 700,
          "settled: moved at once (%g, %g)", x, y);
    remove(path);
    target_close(&t);
}

/* ---- HiDPI ------------------------------------------------------------------------------ */

/* Length of the longest run of pixels near colour c along a row (dy = 0)
 * or a column (dx = 0) from x, y, n pixels. */
static int run_of(const Target *t, int x, int y, int dx, int dy, int n, RenderColor c, int tol)
{
    int best = 0, cur = 0;
    for (int i = 0; i < n; i++) {
        cur = near(pixel(t, x + i * dx, y + i * dy), c, tol) ? cur + 1 : 0;
        if (cur > best)
            best = cur;
    }
    return best;
}

/* Rows from y0 (n of them) with pixels far from the panel colour, between
 * x and x + w: the height of a line of text. */
static int ink_rows(const Target *t, int x, int y0, int w, int n, RenderColor panel)
{
    int first = -1, last = -1;
    for (int j = 0; j < n; j++)
        for (int i = 0; i < w; i++)
            if (!near(pixel(t, x + i, y0 + j), panel, 60)) {
                if (first < 0)
                    first = j;
                last = j;
                break;
            }
    return first < 0 ? 0 : last - first + 1;
}

/* The first text command of the frame that draws `text`. */
static const RenderCmd *first_code_text(const Target *t, const char *text)
{
    for (int32_t i = 0; i < t->w->list.ncmds; i++) {
        const RenderCmd *c = &t->w->list.cmds[i];
        if (c->kind == RENDER_CMD_TEXT && strcmp(render_cmd_text(&t->w->list, c), text) == 0)
            return c;
    }
    return NULL;
}

/* A 2x display, headless: a surface twice the logical size with scale 2
 * against the same window at 1x.  Cards and text are drawn twice as big,
 * the mouse (window points times the scale, as app_window.c passes it)
 * hits the card under it, the wheel keeps the point under the mouse, and
 * a screenshot has every physical pixel. */
static void t_hidpi(void)
{
    enum { W = 1000, H = 640 }; /* logical: about the smallest window */
    const RenderTheme *tm = render_theme(RENDER_THEME_DARK);
    /* the 1x window first: one window at a time, as the first one's fonts
     * shut SDL_ttf down when freed */
    Target t;
    CHECK(target_open(&t, W, H, 0) == 0, "1x target");
    CHECK(load(&t, "cycle.json") == 0, "load");
    key(&t, SDLK_RIGHT, 0);
    key(&t, SDLK_RIGHT, 0);
    CHECK(draw(&t) == 0, "draw");
    RenderView v1 = t.w->view;
    float ax, ay, aw, ah;
    CHECK(card_screen(&t, 1, &ax, &ay, &aw, &ah) == 0, "card #1 at 1x");
    int ra = run_of(&t, (int)ax - 10, (int)(ay + ah - 12), 1, 0, (int)aw + 20, tm->card, 6);
    int ca = run_of(&t, (int)(ax + aw * 0.9f), (int)ay, 0, 1, (int)ah + 10, tm->card, 6);
    const RenderCmd *line = first_code_text(&t, "gc.disable()");
    CHECK(line != NULL, "the first statement is drawn at 1x");
    int ha = line ? ink_rows(&t, (int)line->x, (int)line->y - 4, 80, line->px + 8, tm->panel) : 0;
    target_close(&t);

    CHECK(target_open_scaled(&t, 2 * W, 2 * H, 2.0f, 0) == 0, "2x target");
    CHECK(load(&t, "cycle.json") == 0, "load");
    key(&t, SDLK_RIGHT, 0);
    key(&t, SDLK_RIGHT, 0);
    CHECK(draw(&t) == 0, "draw");
    CHECK(t.w->view.zoom == v1.zoom && t.w->view.pan_x == v1.pan_x && t.w->view.pan_y == v1.pan_y,
          "the same view in world units (zoom %g / %g)", t.w->view.zoom, v1.zoom);

    /* the card body: twice as wide and as tall, in the card colour */
    float bx, by, bw, bh;
    CHECK(card_screen(&t, 1, &bx, &by, &bw, &bh) == 0, "card #1 at 2x");
    CHECK(fabsf(bx - 2 * ax) < 0.5f && fabsf(by - 2 * ay) < 0.5f && fabsf(bw - 2 * aw) < 0.5f &&
              fabsf(bh - 2 * ah) < 0.5f,
          "2x rect (%g %g %g %g) vs (%g %g %g %g)", bx, by, bw, bh, ax, ay, aw, ah);
    int rb = run_of(&t, (int)bx - 20, (int)(by + bh - 24), 1, 0, (int)bw + 40, tm->card, 6);
    CHECK(ra > aw * 0.5f && abs(rb - 2 * ra) <= 4,
          "card colour across the body: %d px at 2x, %d at 1x", rb, ra);
    int cb = run_of(&t, (int)(bx + bw * 0.9f), (int)by, 0, 1, (int)bh + 20, tm->card, 6);
    CHECK(ca > 8 && abs(cb - 2 * ca) <= 4, "card colour down the body: %d px at 2x, %d at 1x", cb,
          ca);
    double cov =
        coverage(&t, (int)(bx + bw * 0.3f), (int)(by + bh - 24), (int)(bw * 0.2f), 8, tm->card, 6);
    CHECK(cov > 0.6, "card colour at 2x: %.2f", cov);

    /* the code: lines of at least 16 logical pixels, drawn twice as tall */
    RenderRegions rg;
    render_regions(t.w->width, t.w->height, t.w->scale, &rg);
    int lines = 0;
    float prev_y = -1, min_pitch = 1e9f;
    for (int32_t i = 0; i < t.w->list.ncmds; i++) {
        const RenderCmd *c = &t.w->list.cmds[i];
        if (c->kind != RENDER_CMD_TEXT || c->font != RENDER_FONT_MONO || c->x < rg.code_x ||
            c->x > rg.code_x + rg.code_w || c->y < rg.code_y || c->y > rg.code_y + rg.code_h)
            continue;
        CHECK(c->px >= 32, "code text \"%s\" at %d px", render_cmd_text(&t.w->list, c), (int)c->px);
        if (c->align == RENDER_ALIGN_LEFT) {
            if (prev_y >= 0 && c->y - prev_y < min_pitch)
                min_pitch = c->y - prev_y;
            prev_y = c->y;
            lines++;
        }
    }
    CHECK(lines >= 3 && min_pitch >= 32, "%d code lines, %.0f px apart", lines, min_pitch);
    line = first_code_text(&t, "gc.disable()");
    CHECK(line != NULL, "the first statement is drawn at 2x");
    if (line) {
        int hb = ink_rows(&t, (int)line->x, (int)line->y - 8, 160, line->px + 16, tm->panel);
        /* glyphs are hinted at each size: about, not exactly, twice as tall */
        CHECK(ha >= 8 && hb * 10 >= ha * 17 && hb * 10 <= ha * 23,
              "a code line's ink: %d px at 2x, %d at 1x", hb, ha);
    }

    /* the wheel keeps the world point under the mouse (on the card's body) */
    float mx = bx + bw * 0.4f, my = by + bh - 20;
    CHECK(near(pixel(&t, (int)mx, (int)my), tm->card, 6), "the mouse is on the card's body");
    float k = t.w->view.zoom * t.w->scale;
    float wx = (mx - rg.heap_x) / k + t.w->view.pan_x, wy = (my - rg.heap_y) / k + t.w->view.pan_y;
    app_win_wheel(t.w, mx, my, 2);
    k = t.w->view.zoom * t.w->scale;
    float wx2 = (mx - rg.heap_x) / k + t.w->view.pan_x,
          wy2 = (my - rg.heap_y) / k + t.w->view.pan_y;
    CHECK(fabsf(t.w->view.zoom - v1.zoom * 1.12f * 1.12f) < 1e-4f, "zoomed in: %g -> %g", v1.zoom,
          t.w->view.zoom);
    CHECK(fabsf(wx2 - wx) < 0.01f && fabsf(wy2 - wy) < 0.01f,
          "world point kept: (%g, %g) -> (%g, %g)", wx, wy, wx2, wy2);
    CHECK(draw(&t) == 0, "draw");
    CHECK(coverage(&t, (int)mx - 2, (int)my - 2, 4, 4, tm->card, 6) > 0.9,
          "still the card's body there");

    /* the mouse: SDL's window points times the scale are physical pixels */
    CHECK(card_screen(&t, 2, &bx, &by, &bw, &bh) == 0, "card #2");
    float px = (bx + bw * 0.5f) / t.w->scale, py = (by + bh * 0.5f) / t.w->scale; /* points */
    app_win_mouse_down(t.w, px * t.w->scale, py * t.w->scale, 1, 0);
    app_win_mouse_up(t.w, px * t.w->scale, py * t.w->scale, 0);
    CHECK(t.w->view.selected == 2, "a click on the card selects it: %d", (int)t.w->view.selected);

    /* a screenshot has every physical pixel */
    char dir[256], shot[1200];
    snprintf(dir, sizeof dir, "/tmp/gcviz-hidpi-%d", (int)getpid());
    snprintf(t.w->shots, sizeof t.w->shots, "%s", dir);
    app_win_command(t.w, APP_CMD_ESCAPE, 0); /* unselected: the card's colour as before */
    CHECK(app_win_screenshot(t.w, shot, sizeof shot) == 0, "shot: %s", SDL_GetError());
    uint32_t *pix = NULL;
    int pw = 0, ph = 0;
    CHECK(record_png_read(shot, &pix, &pw, &ph) == 0, "read %s", shot);
    CHECK(pw == 2 * W && ph == 2 * H, "PNG %d x %d", pw, ph);
    if (pix && pw == 2 * W && ph == 2 * H) {
        uint32_t p = pix[(size_t)my * (size_t)pw + (size_t)mx];
        RenderColor c = {(uint8_t)(p >> 16), (uint8_t)(p >> 8), (uint8_t)p, 255};
        CHECK(near(c, tm->card, 6), "the PNG has the card's body under the mouse");
    }
    free(pix);
    rm_rf_pngs(dir);
    target_close(&t);
}

/* ---- shot mode (for looking at frames) -------------------------------------------------- */

static int shot(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    int w = 1600, h = 1000, theme = 0;
    int i = 2;
    float scale = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        if (strcmp(argv[i], "--size") == 0 && i + 1 < argc)
            sscanf(argv[++i], "%dx%d", &w, &h);
        else if (strcmp(argv[i], "--theme") == 0 && i + 1 < argc)
            theme = render_theme_from_name(argv[++i]);
        else if (strcmp(argv[i], "--scale") == 0 && i + 1 < argc)
            scale = (float)atof(argv[++i]);
    }
    Target t;
    if (target_open(&t, w, h, theme) < 0) {
        fprintf(stderr, "target: %s\n", SDL_GetError());
        return 3;
    }
    app_win_resize(t.w, w, h, scale);
    if (app_win_load(t.w, argv[0], 0) < 0)
        fprintf(stderr, "load: %s\n", t.w->load_error);
    for (; i < argc; i++) {
        const char *c = argv[i];
        static const struct {
            const char *name;
            AppCmd cmd;
        } cmds[] = {{"next", APP_CMD_NEXT},     {"prev", APP_CMD_PREV},       {"stmt", APP_CMD_NEXT_STMT},
                    {"tab", APP_CMD_GRANULARITY}, {"end", APP_CMD_END},       {"gc", APP_CMD_NEXT_GC},
                    {"legend", APP_CMD_LEGEND}, {"help", APP_CMD_HELP},       {"picker", APP_CMD_PICKER},
                    {"fit", APP_CMD_FIT},       {"theme", APP_CMD_THEME},
                    {"quit", APP_CMD_QUIT},     {"prevgc", APP_CMD_PREV_GC}};
        int done = 0;
        for (size_t k = 0; k < sizeof cmds / sizeof cmds[0]; k++)
            if (strcmp(c, cmds[k].name) == 0) {
                app_win_command(t.w, cmds[k].cmd, 0);
                done = 1;
            }
        if (!done && strcmp(c, "live") == 0) { /* toasts and prompts drawn, as in the window */
            t.w->settled = 0;
            done = 1;
        }
        if (!done && strncmp(c, "seek=", 5) == 0) {
            app_win_seek(t.w, atoi(c + 5), 0);
            done = 1;
        }
        if (!done && strncmp(c, "select=", 7) == 0) {
            t.w->view.selected = atoi(c + 7);
            done = 1;
        }
        if (!done && strcmp(c, "dump") == 0 && t.w->heap) {
            for (GcId id = 1; id <= gc_max_id(t.w->heap); id++) {
                const GcObject *o = gc_object(t.w->heap, id);
                if (!o)
                    continue;
                float lx = 0, ly = 0;
                layout_get(t.w->layout, id, &lx, &ly);
                fprintf(stderr, "#%d kind %d state %d nslots %u at %g,%g:", (int)id, o->kind, o->state,
                        gc_nslots(o), lx, ly);
                for (uint32_t k = 0; k < gc_nslots(o); k++)
                    fprintf(stderr, " [%llx %llx]", (unsigned long long)gc_slot(o, k).key,
                            (unsigned long long)gc_slot(o, k).val);
                fprintf(stderr, "\n");
            }
            done = 1;
        }
        if (!done && strncmp(c, "load=", 5) == 0) {
            app_win_load(t.w, c + 5, 0);
            done = 1;
        }
        if (!done)
            fprintf(stderr, "unknown command %s\n", c);
    }
    int rc = draw(&t);
    if (rc == 0)
        rc = record_png_save(t.r, w, h, argv[1]);
    if (rc < 0)
        fprintf(stderr, "shot: %s\n", SDL_GetError());
    if (t.w->heap)
        fprintf(stderr, "cursor %d / %d\n", (int)gc_cursor(t.w->heap), (int)gc_event_count(t.w->heap));
    target_close(&t);
    return rc < 0 ? 1 : 0;
}

/* ---- reference images ---------------------------------------------------------- */

/* Whole frames compared with committed pictures (tests/render/data/ref)
 * within a tolerance, as SDL's own render tests do: what the pixel probes
 * above do not look at (text, routing, badges, panels) cannot change
 * unnoticed.  GCVIZ_UPDATE_REFS=1 rewrites them, on purpose, after looking
 * at the new pictures; a mismatch leaves the frame drawn next to the test
 * binary as ref-NAME-actual.png. */
typedef struct RefCase {
    const char *name, *scenario;
    int w, h, theme;
    int kind, nth;  /* the nth event (1-based) of this GcEventKind; 0: the end */
    int fit;        /* F before drawing */
} RefCase;

static int seek_event(Target *t, int kind, int nth)
{
    GcHeap *h = t->w->heap;
    if (kind == 0) {
        app_win_seek(t->w, gc_event_count(h), 0);
        return 0;
    }
    for (int32_t i = 0; i < gc_event_count(h); i++)
        if (gc_event(h, i)->kind == kind && --nth == 0) {
            app_win_seek(t->w, i + 1, 0);
            return 0;
        }
    return -1;
}

static void t_reference_images(void)
{
    static const RefCase cases[] = {
        {"cycle-subtract-dark", "cycle.json", 1280, 800, RENDER_THEME_DARK, GC_EV_SUBTRACT, 2, 0},
        {"cycle-move-light", "cycle.json", 1280, 800, RENDER_THEME_LIGHT, GC_EV_MOVE_UNREACHABLE, 2, 0},
        {"many-overview-contrast", "many.json", 1280, 800, RENDER_THEME_CONTRAST, 0, 0, 1},
        {"pins-end-dark-720", "pins.json", 1280, 720, RENDER_THEME_DARK, 0, 0, 0},
    };
    int update = getenv("GCVIZ_UPDATE_REFS") != NULL;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const RefCase *c = &cases[k];
        Target t;
        CHECK(target_open(&t, c->w, c->h, c->theme) == 0, "target");
        CHECK(load(&t, c->scenario) == 0, "load %s", c->scenario);
        CHECK(seek_event(&t, c->kind, c->nth) == 0, "%s: event", c->name);
        if (c->fit)
            key(&t, SDLK_f, 0);
        CHECK(draw(&t) == 0, "draw");
        char ref[1200], actual[1200];
        snprintf(ref, sizeof ref, "%s/ref/%s.png", GCVIZ_TEST_DATA, c->name);
        snprintf(actual, sizeof actual, "ref-%s-actual.png", c->name);
        if (update) {
            CHECK(record_png_save(t.r, c->w, c->h, ref) == 0, "write %s", ref);
            target_close(&t);
            continue;
        }
        uint32_t *px = NULL;
        int rw = 0, rh = 0;
        CHECK(record_png_read(ref, &px, &rw, &rh) == 0, "%s: %s", ref, SDL_GetError());
        if (px && rw == c->w && rh == c->h) {
            long off = 0;
            double sum = 0;
            for (int y = 0; y < rh; y++)
                for (int x = 0; x < rw; x++) {
                    RenderColor a = pixel(&t, x, y);
                    uint32_t b = px[(size_t)y * (size_t)rw + (size_t)x];
                    int d = abs(a.r - (int)((b >> 16) & 255)) + abs(a.g - (int)((b >> 8) & 255)) +
                            abs(a.b - (int)(b & 255));
                    sum += d;
                    off += d > 48;
                }
            double n = (double)rw * rh, frac = (double)off / n, mean = sum / n;
            /* hinting and rounding may move a few pixels; a changed label,
             * arrow or panel moves hundreds */
            int ok = frac < 0.001 && mean < 0.5;
            if (!ok)
                record_png_save(t.r, c->w, c->h, actual);
            CHECK(ok, "%s: %.3f%% of pixels differ, mean difference %.2f (see %s)", c->name, frac * 100,
                  mean, actual);
        } else {
            CHECK(0, "%s: reference is %dx%d, frame %dx%d", c->name, rw, rh, c->w, c->h);
        }
        free(px);
        target_close(&t);
    }
}

/* ---- arrangements (issue 13 item 4) -------------------------------------------- */

/* Arrows that cross a card other than their own two: every line with an
 * arrowhead in the display list, segment by segment, against the card
 * rectangles (hit regions) shrunk by 2 px; its source is the card holding
 * its first point (none for a name's arrow), its target the card its head
 * touches. */
static int arrows_crossing_cards(Target *t, char *what, size_t n)
{
    const RenderList *l = &t->w->list;
    int bad = 0;
    for (int32_t i = 0; i < l->ncmds; i++) {
        const RenderCmd *c = &l->cmds[i];
        if (c->kind != RENDER_CMD_LINE || c->head <= 0 || c->npts < 2)
            continue;
        const RenderPt *p = &l->pts[c->pts];
        RenderPt a = p[0], b = p[c->npts - 1];
        int src = -1, tgt = -1;
        for (int32_t k = 0; k < l->nhits; k++) {
            const RenderHit *hk = &l->hits[k];
            if (hk->kind != RENDER_HIT_CARD)
                continue;
            if (a.x >= hk->x && a.x <= hk->x + hk->w && a.y >= hk->y && a.y <= hk->y + hk->h)
                src = k;
            if (b.x >= hk->x - 4 && b.x <= hk->x + hk->w + 4 && b.y >= hk->y - 4 && b.y <= hk->y + hk->h + 4)
                tgt = k;
        }
        for (int32_t k = 0; k < l->nhits; k++) {
            const RenderHit *hk = &l->hits[k];
            if (hk->kind != RENDER_HIT_CARD || k == src || k == tgt)
                continue;
            float x0 = hk->x + 2, y0 = hk->y + 2, x1 = hk->x + hk->w - 2, y1 = hk->y + hk->h - 2;
            for (int32_t j = 0; j + 1 < c->npts; j++) {
                /* sample the segment: arrows are short polylines */
                int hit = 0;
                for (int s = 0; s <= 8 && !hit; s++) {
                    float u = (float)s / 8.0f;
                    float x = p[j].x + (p[j + 1].x - p[j].x) * u, y = p[j].y + (p[j + 1].y - p[j].y) * u;
                    hit = x > x0 && x < x1 && y > y0 && y < y1;
                }
                if (hit) {
                    if (!bad)
                        snprintf(what, n, "an arrow to card #%d crosses card #%d",
                                 tgt >= 0 ? (int)l->hits[tgt].id : 0, (int)hk->id);
                    bad++;
                    break;
                }
            }
        }
    }
    return bad;
}

/* "layout": "row" (dll.json), and without a hint (dll.py, whose list is
 * made by the lesson's own class): a doubly linked list made from five
 * named nodes is one row in field order; "tree" (tree15.json), and without
 * a hint (tree15.py): a 15-node binary tree in levels (one column per
 * depth, a parent between its two children); none has an arrow across a
 * card, at 100 % and fitted. */
static void t_arrange_one(const char *dll, const char *tree)
{
    Target t;
    CHECK(target_open(&t, 2600, 1000, 0) == 0, "target");
    CHECK(load(&t, dll) == 0, "load %s", dll);
    key(&t, SDLK_END, 0);
    float x[6], y[6];
    GcId node[6];
    for (int i = 1; i <= 5; i++) {
        node[i] = layout_pin_target(t.w->heap, (char[2]){(char)('a' + i - 1), 0});
        CHECK(node[i] > 0 && layout_get(t.w->layout, node[i], &x[i], &y[i]) == 0, "%s: node %c placed",
              dll, 'a' + i - 1);
    }
    for (int i = 2; i <= 5; i++) {
        float pw, ph; /* a structure's cards are compact: the row is as wide as they are */
        layout_reserved(t.w->layout, node[i - 1], &pw, &ph);
        CHECK(y[i] == y[1] && pw >= LAYOUT_CARD_W_COMPACT && x[i] > x[i - 1] + pw,
              "%s: #%d at %g,%g: in the row right of #%d (%g,%g, %g wide)", dll, (int)node[i], x[i],
              y[i], (int)node[i - 1], x[i - 1], y[i - 1], pw);
    }
    char what[160] = "";
    for (int fit = 0; fit < 2; fit++) {
        if (fit)
            key(&t, SDLK_f, 0);
        CHECK(draw(&t) == 0, "draw");
        CHECK(arrows_crossing_cards(&t, what, sizeof what) == 0, "%s%s: %s", dll, fit ? " fitted" : "", what);
    }
    target_close(&t);

    CHECK(target_open(&t, 1920, 1080, 0) == 0, "target");
    CHECK(load(&t, tree) == 0, "load %s", tree);
    key(&t, SDLK_END, 0);
    if (strstr(tree, ".py") && t.w->tl.nstmts > 0) /* before the exit, which frees the tree */
        app_win_seek(t.w, t.w->tl.stmts[t.w->tl.nstmts - 1], 0);
    /* the tree from the root's fields: depth of each node, parent between children */
    GcHeap *h = t.w->heap;
    GcId queue[32], root = layout_pin_target(h, "root");
    int depth[128] = {0}, nq = 0, nodes = 0;
    float colx[8];
    int seen_depth[8] = {0};
    queue[nq++] = root;
    for (int i = 0; i < nq; i++) {
        GcId id = queue[i];
        const GcObject *o = gc_object(h, id);
        float px, py, pw, ph;
        CHECK(o && layout_get(t.w->layout, id, &px, &py) == 0, "node #%d placed", (int)id);
        if (!o)
            break;
        nodes++;
        int d = depth[id];
        if (!seen_depth[d]) {
            seen_depth[d] = 1;
            colx[d] = px;
        }
        CHECK(px == colx[d], "#%d at depth %d: x %g, the level's x %g", (int)id, d, px, colx[d]);
        layout_reserved(t.w->layout, id, &pw, &ph);
        GcId kids[2];
        int nk = 0;
        for (uint32_t s = 0; s < gc_nslots(o) && nk < 2; s++)
            if (GC_VAL_IS_OBJ(gc_slot(o, s).val))
                kids[nk++] = GC_VAL_ID(gc_slot(o, s).val);
        if (nk == 2) {
            float ax, ay, bx, by;
            layout_get(t.w->layout, kids[0], &ax, &ay);
            layout_get(t.w->layout, kids[1], &bx, &by);
            CHECK(ax > px + pw && ay < py && by > py, "#%d (%g,%g): children #%d (%g,%g) and #%d (%g,%g)",
                  (int)id, px, py, (int)kids[0], ax, ay, (int)kids[1], bx, by);
        }
        for (int k = 0; k < nk && nq < 32; k++) {
            depth[kids[k]] = d + 1;
            queue[nq++] = kids[k];
        }
    }
    CHECK(nodes == 15 && seen_depth[3] && !seen_depth[4], "%d nodes in levels", nodes);
    for (int fit = 0; fit < 2; fit++) {
        if (fit)
            key(&t, SDLK_f, 0);
        CHECK(draw(&t) == 0, "draw");
        CHECK(arrows_crossing_cards(&t, what, sizeof what) == 0, "%s%s: %s", tree, fit ? " fitted" : "", what);
    }
    target_close(&t);
}

static void t_arrange(void)
{
    t_arrange_one("../../layout/data/dll.json", "../../layout/data/tree15.json");
    t_arrange_one("../../layout/data/dll.py", "../../layout/data/tree15.py");
}

/* A card keeps the name that last referred to it after del: after
 * `del a, b, c, d, e` the five nodes of dll.py read "was a" .. "was e"
 * (not anonymous Node #2..10), and none of them reads so while its name is
 * there. */
static void t_was_name(void)
{
    Target t;
    CHECK(target_open(&t, 2600, 1000, 0) == 0, "target");
    CHECK(load(&t, "../../layout/data/dll.py") == 0, "load");
    CHECK(t.w->tl.nstmts > 3, "statements");
    /* before the del (its start), then after it (gc.collect()'s start) */
    app_win_seek(t.w, t.w->tl.stmts[t.w->tl.nstmts - 3], 0);
    CHECK(draw(&t) == 0, "draw");
    for (char c = 'a'; c <= 'e'; c++)
        CHECK(!list_has_text(&t, (char[6]){'w', 'a', 's', ' ', c, 0}), "'was %c' while a is bound", c);
    app_win_seek(t.w, t.w->tl.stmts[t.w->tl.nstmts - 2], 0);
    key(&t, SDLK_f, 0);
    CHECK(draw(&t) == 0, "draw");
    for (char c = 'a'; c <= 'e'; c++) {
        char want[8];
        snprintf(want, sizeof want, "was %c", c);
        CHECK(list_has_text(&t, want), "after del: '%s' drawn", want);
    }
    target_close(&t);
    /* tree15.py's loop binds p to each of the seven inner nodes in turn:
     * after `del nodes, p` only the last of them reads "was p" (every
     * inner node did before) */
    CHECK(target_open(&t, 1920, 1080, 0) == 0, "target");
    CHECK(load(&t, "../../layout/data/tree15.py") == 0, "load");
    CHECK(t.w->tl.nstmts > 1, "statements");
    app_win_seek(t.w, t.w->tl.stmts[t.w->tl.nstmts - 1], 0); /* the exit: after the del */
    key(&t, SDLK_f, 0);
    CHECK(draw(&t) == 0, "draw");
    int was_p = 0;
    for (int32_t i = 0; i < t.w->list.ncmds; i++)
        was_p += t.w->list.cmds[i].kind == RENDER_CMD_TEXT &&
                 strcmp(render_cmd_text(&t.w->list, &t.w->list.cmds[i]), "was p") == 0;
    CHECK(was_p == 1, "'was p' drawn %d times after del nodes, p; want once", was_p);
    target_close(&t);
}

/* Do segments ab and cd cross (properly), or overlap along one line for
 * more than 2 px? */
static int segs_meet(RenderPt a, RenderPt b, RenderPt c, RenderPt d)
{
    float d1 = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    float d2 = (b.x - a.x) * (d.y - a.y) - (b.y - a.y) * (d.x - a.x);
    float d3 = (d.x - c.x) * (a.y - c.y) - (d.y - c.y) * (a.x - c.x);
    float d4 = (d.x - c.x) * (b.y - c.y) - (d.y - c.y) * (b.x - c.x);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        return 1;
    float len = hypotf(b.x - a.x, b.y - a.y);
    if (len < 1e-3f || fabsf(d1) / len > 1.0f || fabsf(d2) / len > 1.0f)
        return 0; /* not on one line */
    /* collinear: the overlap of their projections on ab */
    float ux = (b.x - a.x) / len, uy = (b.y - a.y) / len;
    float c0 = (c.x - a.x) * ux + (c.y - a.y) * uy, c1 = (d.x - a.x) * ux + (d.y - a.y) * uy;
    float lo = fmaxf(0, fminf(c0, c1)), hi = fminf(len, fmaxf(c0, c1));
    return hi - lo > 2.0f;
}

/* A doubly linked list on a 1280x720 slide (issue 13, brief slides6 item
 * 1): after `del a, b, c, d, e` its eight arrows (four next, four prev)
 * are all drawn and no two of them cross or run along the same line (the
 * prev arrows shared one line under the row before). */
static void t_row_arrows(void)
{
    Target t;
    CHECK(target_open_record(&t, 1280, 720, RENDER_THEME_DARK, 1) == 0, "target");
    CHECK(load(&t, "../../layout/data/dll.py") == 0, "load");
    CHECK(t.w->tl.nstmts > 3, "statements");
    app_win_seek(t.w, t.w->tl.stmts[t.w->tl.nstmts - 2], 0); /* after the del */
    CHECK(draw(&t) == 0, "draw");
    const RenderList *l = &t.w->list;
    int32_t arrows[32], n = 0;
    for (int32_t i = 0; i < l->ncmds && n < 32; i++) {
        const RenderCmd *c = &l->cmds[i];
        if (c->kind == RENDER_CMD_LINE && c->head > 0 && c->npts >= 2)
            arrows[n++] = i;
    }
    CHECK(n == 8, "%d arrows drawn, want 8 (next and prev of five nodes)", (int)n);
    int bad = 0;
    for (int32_t i = 0; i < n; i++)
        for (int32_t j = i + 1; j < n; j++) {
            const RenderCmd *ci = &l->cmds[arrows[i]], *cj = &l->cmds[arrows[j]];
            const RenderPt *p = &l->pts[ci->pts], *q = &l->pts[cj->pts];
            int meet = 0;
            for (int32_t a = 0; a + 1 < ci->npts && !meet; a++)
                for (int32_t b = 0; b + 1 < cj->npts && !meet; b++)
                    meet = segs_meet(p[a], p[a + 1], q[b], q[b + 1]);
            if (meet && bad++ == 0)
                CHECK(0, "arrows from (%g,%g) and (%g,%g) cross or share a line", p[0].x, p[0].y,
                      q[0].x, q[0].y);
        }
    CHECK(bad == 0, "%d pairs of arrows meet", bad);
    target_close(&t);
}

/* Structures of three and four instances are arranged too (brief slides6
 * item 2): chapter 08's holder -> a -> b -> c (c back to a) is one row of
 * compact cards in that order; chapter 19's ring link_1 -> link_2 ->
 * link_3 has compact cards (the previous main left both to the usual
 * placement: a column of full cards). */
static void t_small_structures(void)
{
    Target t;
    CHECK(target_open(&t, 1920, 1080, 0) == 0, "target");
    CHECK(load(&t, GCVIZ_SCENARIOS_DIR "/08_collect_step_by_step.py") == 0, "load 08");
    static const char *const names[] = {"holder", "a", "b", "c"};
    float px = 0, py = 0;
    for (int i = 0; i < 4; i++) {
        GcId id = layout_pin_target(t.w->heap, names[i]);
        float x, y;
        CHECK(id > 0 && layout_get(t.w->layout, id, &x, &y) == 0, "08: %s placed", names[i]);
        CHECK(layout_is_compact(t.w->layout, id), "08: %s's card is compact", names[i]);
        CHECK(i == 0 || (y == py && x > px), "08: %s at %g,%g: right of %s at %g,%g", names[i], x, y,
              names[i - 1 > 0 ? i - 1 : 0], px, py);
        px = x;
        py = y;
    }
    target_close(&t);
    CHECK(target_open(&t, 1920, 1080, 0) == 0, "target");
    CHECK(load(&t, GCVIZ_SCENARIOS_DIR "/19_internaldocs_figures.py") == 0, "load 19");
    static const char *const links[] = {"link_1", "link_2", "link_3"};
    for (int i = 0; i < 3; i++) {
        GcId id = layout_pin_target(t.w->heap, links[i]);
        CHECK(id > 0 && layout_is_compact(t.w->layout, id), "19: %s's card is compact", links[i]);
    }
    target_close(&t);
}

/* Short strings are shown whole in list cells (the tree lesson's
 * finalizer order read 'ro…' 'le…'): after `del root` in tree_del.py the
 * list order draws 'root' 'left' 'll' 'lr' 'right' 'rl' 'rr', its cells
 * widened for them; chapter 12's list of 'cb' 'a' 'b' keeps the usual cells. */
static void t_cell_strings(void)
{
    Target t;
    CHECK(target_open(&t, 1920, 1080, 0) == 0, "target");
    CHECK(load(&t, "../../layout/data/tree_del.py") == 0, "load");
    CHECK(t.w->tl.nstmts > 2, "statements");
    app_win_seek(t.w, t.w->tl.stmts[t.w->tl.nstmts - 2], 0); /* print(order) */
    GcId order = layout_pin_target(t.w->heap, "order");
    CHECK(order > 0 && layout_cell_w(t.w->layout, order) > LAYOUT_CELL_W, "order's cells widened: %g",
          order > 0 ? layout_cell_w(t.w->layout, order) : 0);
    t.w->view.zoom = 1;
    float x, y;
    CHECK(layout_get(t.w->layout, order, &x, &y) == 0, "order placed");
    t.w->view.pan_x = x - 20;
    t.w->view.pan_y = y - 20;
    CHECK(draw(&t) == 0, "draw");
    static const char *const names[] = {"'root'", "'left'", "'ll'", "'lr'", "'right'", "'rl'", "'rr'"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        CHECK(list_has_text(&t, names[i]), "%s drawn whole", names[i]);
    target_close(&t);
    /* chapter 12's events list holds 'cb' 'cb' 'a' 'b': they fit as they are */
    CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
    CHECK(load(&t, GCVIZ_SCENARIOS_DIR "/12_finalizers.py") == 0, "load");
    GcId events = layout_pin_target(t.w->heap, "events");
    CHECK(events > 0 && layout_cell_w(t.w->layout, events) == LAYOUT_CELL_W, "events' cells: %g",
          events > 0 ? layout_cell_w(t.w->layout, events) : 0);
    target_close(&t);
}

/* Dragged cards saved into the file (Ctrl+S) come back in their places:
 * a .py lesson gets "# pin: a X Y" lines (saving twice keeps one line per
 * card), a JSON scenario its "layout" object; a new window on the saved
 * file shows the cards there, pinned. */
static void save_round_trip(const char *src, const char *name)
{
    char cwd[900], path[1100];
    CHECK(getcwd(cwd, sizeof cwd) != NULL, "cwd");
    snprintf(path, sizeof path, "%s/%s", cwd, name);
    FILE *in = fopen(src, "rb"), *out = fopen(path, "wb");
    CHECK(in && out, "copy %s", src);
    for (int ch; in && out && (ch = fgetc(in)) != EOF;)
        fputc(ch, out);
    if (in)
        fclose(in);
    if (out)
        fclose(out);
    Target t;
    CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
    CHECK(load(&t, path) == 0, "load %s", path);
    GcId a = layout_pin_target(t.w->heap, "a"), b = layout_pin_target(t.w->heap, "b");
    CHECK(a > 0 && b > 0, "a and b");
    layout_set(t.w->layout, a, 1000, 40, 1); /* as a drag leaves them */
    layout_set(t.w->layout, b, 1400, 520, 1);
    for (int k = 0; k < 2; k++)
        key(&t, SDLK_s, KMOD_CTRL);
    CHECK(strstr(t.w->toast, "Saved the places of 2 cards"), "toast: %s", t.w->toast);
    target_close(&t);
    static char text[1 << 16];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    text[n] = 0;
    if (f)
        fclose(f);
    if (scenario_is_py(path)) {
        /* a "# pin:" line in the docstring or a string is text, kept as it was */
        CHECK(!strstr(src, "strings") || (strstr(text, "\n# pin: b 5 5\n") &&
                                         strstr(text, "\n    # pin: a 7 7\n")),
              "the string's pin lines kept:\n%s", text);
        const char *p1 = strstr(text, "# pin: a 1000 40\n");
        CHECK(p1 && !strstr(p1 + 1, "# pin: a "), "one '# pin: a 1000 40' line:\n%s", text);
        CHECK(strstr(text, "# pin: b 1400 520\n"), "'# pin: b 1400 520':\n%s", text);
    }
    CHECK(target_open(&t, 1280, 800, 0) == 0, "target");
    CHECK(load(&t, path) == 0, "load the saved %s", path);
    float x, y;
    CHECK(layout_get(t.w->layout, a, &x, &y) == 0 && x == 1000 && y == 40, "a at %g,%g", x, y);
    CHECK(layout_get(t.w->layout, b, &x, &y) == 0 && x == 1400 && y == 520, "b at %g,%g", x, y);
    CHECK(layout_is_pinned(t.w->layout, a) && t.w->sc->npins == 2, "pinned by the file: %d pins",
          t.w->sc->npins);
    target_close(&t);
}

static void t_save_layout(void)
{
    save_round_trip(GCVIZ_TEST_DATA "/../../layout/data/dll.py", "saved_dll.py");
    FILE *f = fopen("saved_strings.py", "w");
    CHECK(f != NULL, "write");
    if (f) {
        fputs("\"\"\"Pins in strings\n\nA docstring shows a pin:\n# pin: b 5 5\n\"\"\"\n"
              "s = '''\n    # pin: a 7 7\n'''\na = [1]\nb = [a]\n# pin: a 3 3\n",
              f);
        fclose(f);
    }
    save_round_trip("saved_strings.py", "saved_strings2.py");
    f = fopen("saved_src.json", "w");
    CHECK(f != NULL, "write");
    if (f) {
        fputs("{\"title\": \"two\", \"classes\": {\"Node\": {}},\n \"layout\": {\"a\": [0, 0]},\n"
              " \"steps\": [\"a = Node()\", \"b = Node()\", \"a.peer = b\"]}\n",
              f);
        fclose(f);
    }
    save_round_trip("saved_src.json", "saved.json");
}

/* A mark-sweep slide shows the grey worklist during the mark phase (the
 * window's collector panel, which a slide has not): after the first grey
 * push of chapter 17 the panel names that object; after the mark phase
 * there is no such panel. */
static void t_slide_worklist(void)
{
    Target t;
    CHECK(target_open_record(&t, 1280, 720, RENDER_THEME_LIGHT, 1) == 0, "target");
    CHECK(app_win_load(t.w, GCVIZ_SCENARIOS_DIR "/17_mark_sweep.json", 0) == 0, "load");
    int32_t ne = gc_event_count(t.w->heap), grey = -1, after = -1;
    for (int32_t i = 0; i < ne; i++) {
        const GcEvent *e = gc_event(t.w->heap, i);
        if (grey < 0 && e->kind == GC_EV_MARK && e->a == 1 && e->phase == GC_PHASE_MARK)
            grey = i;
        if (grey >= 0 && after < 0 && e->phase == GC_PHASE_SWEEP)
            after = i;
    }
    CHECK(grey >= 0 && after > grey, "a grey push (%d) and a sweep after it (%d)", (int)grey, (int)after);
    t.w->view.gran = RENDER_GRAN_MICRO;
    app_win_seek(t.w, grey + 1, 0);
    CHECK(app_win_build(t.w) == 0, "build");
    char chip[16];
    snprintf(chip, sizeof chip, "#%d", (int)gc_event(t.w->heap, grey)->obj);
    CHECK(list_has_text(&t, "GREY WORKLIST"), "the worklist panel on the slide");
    int found = 0;
    for (int32_t i = 0; i < t.w->list.ncmds; i++)
        found |= t.w->list.cmds[i].kind == RENDER_CMD_TEXT &&
                 strcmp(render_cmd_text(&t.w->list, &t.w->list.cmds[i]), chip) == 0;
    CHECK(found, "the worklist holds %s", chip);
    app_win_seek(t.w, after + 1, 0);
    CHECK(app_win_build(t.w) == 0, "build");
    CHECK(!list_has_text(&t, "GREY WORKLIST"), "no worklist panel while sweeping");
    target_close(&t);
}

/* Draws t's frame zoomed out to 2 %: the blocks view. */
static void draw_zoomed_out(Target *t)
{
    t->w->view.zoom = 0.02f;
    t->w->view.pan_x = -100;
    t->w->view.pan_y = -100;
    CHECK(draw(t) == 0, "draw");
}

/* Writes the scenario text json to file name, opens it in t (w x h),
 * goes to its end and draws it zoomed out (draw_zoomed_out).
 * 0, or -1 (checked) when it cannot. */
static int open_zoomed_out(Target *t, const char *name, const char *json, int w, int h)
{
    FILE *f = fopen(name, "w");
    CHECK(f != NULL, "write %s", name);
    if (!f)
        return -1;
    fputs(json, f);
    fclose(f);
    CHECK(target_open(t, w, h, 0) == 0, "target");
    char cwd[900], path[1000];
    CHECK(getcwd(cwd, sizeof cwd) != NULL, "cwd");
    snprintf(path, sizeof path, "%s/%s", cwd, name);
    if (load(t, path) != 0) {
        CHECK(0, "load %s", name);
        target_close(t);
        return -1;
    }
    key(t, SDLK_END, 0);
    draw_zoomed_out(t);
    return 0;
}

/* A heap far too big for one block per card in view (6,000 cards zoomed
 * out to 2 %) is drawn as blocks of counts with one summary line, no card
 * blocks and no arrows: a frame costs what the cells cost. */
static void t_crowd(void)
{
    Target t;
    if (open_zoomed_out(&t, "crowd.json",
                        "{\"title\": \"crowd\", \"classes\": {\"Node\": {}}, \"steps\": [\"gc.disable()\", "
                        "{\"for\": \"i in range(3000)\", \"body\": [\"a = Node()\", \"b = Node()\", "
                        "\"a.peer = b\", \"b.peer = a\"]}, \"del a, b\"]}\n",
                        1920, 1080) < 0)
        return;
    const RenderList *l = &t.w->list;
    int cards = 0, lines = 0, summary = 0;
    for (int32_t i = 0; i < l->nhits; i++)
        cards += l->hits[i].kind == RENDER_HIT_CARD;
    for (int32_t i = 0; i < l->ncmds; i++) {
        lines += l->cmds[i].kind == RENDER_CMD_LINE && l->cmds[i].head > 0;
        if (l->cmds[i].kind == RENDER_CMD_TEXT && strstr(l->chars + l->cmds[i].text, "6,000 objects in view"))
            summary++;
    }
    CHECK(summary == 1, "one summary line counting 6,000 objects (%d)", summary);
    CHECK(cards == 0 && lines <= 2, "%d card blocks and %d arrows drawn", cards, lines);
    CHECK(l->ncmds < 8000, "%d drawing commands", (int)l->ncmds);
    /* zoomed in again: cards and arrows */
    t.w->view.zoom = 1.0f;
    t.w->view.pan_x = 0;
    t.w->view.pan_y = 0;
    CHECK(draw(&t) == 0, "draw");
    cards = 0;
    for (int32_t i = 0; i < l->nhits; i++)
        cards += l->hits[i].kind == RENDER_HIT_CARD;
    CHECK(cards > 5, "zoomed in: %d cards", cards);
    target_close(&t);
    remove("crowd.json");
}

/* Texts of the form "[all ]N WORD" (a block's state line, N a count). */
static int state_lines(const RenderList *l, const char *word)
{
    int n = 0;
    for (int32_t i = 0; i < l->ncmds; i++) {
        if (l->cmds[i].kind != RENDER_CMD_TEXT)
            continue;
        const char *t = render_cmd_text(l, &l->cmds[i]);
        if (strncmp(t, "all ", 4) == 0)
            t += 4;
        size_t d = strspn(t, "0123456789,");
        n += d > 0 && t[d] == ' ' && strcmp(t + d + 1, word) == 0;
    }
    return n;
}

/* The blocks tell the state of their objects as the cards do: after `del
 * a, b` every pair is garbage ("all N unreachable", outlined dashed);
 * after gc.collect() this statement's ghosts are counted in blocks too
 * ("all N freed") instead of 6,000 ghost cards drawn one by one. */
static void t_crowd_states(void)
{
    Target t;
    if (open_zoomed_out(&t, "crowd_states.json",
                        "{\"title\": \"crowd states\", \"classes\": {\"Node\": {}}, \"steps\": "
                        "[\"gc.disable()\", {\"for\": \"i in range(3000)\", \"body\": [\"a = Node()\", "
                        "\"b = Node()\", \"a.peer = b\", \"b.peer = a\"]}, \"del a, b\", "
                        "\"gc.collect()\"]}\n",
                        1280, 720) < 0)
        return;
    const RenderList *l = &t.w->list;
    int cards = 0;
    for (int32_t i = 0; i < l->nhits; i++)
        cards += l->hits[i].kind == RENDER_HIT_CARD;
    CHECK(cards == 0, "after the collection: %d ghost cards drawn, not blocks", cards);
    CHECK(list_has_text(&t, "6,000 objects in view in "), "no summary line of the ghosts");
    CHECK(state_lines(l, "freed") >= 4, "%d blocks say 'all N freed'", state_lines(l, "freed"));
    CHECK(state_lines(l, "unreachable") == 0, "ghosts counted as unreachable");
    /* counts of thousands read as such in the caption and the panel */
    CHECK(list_has_text(&t, "6,000 objects freed") && list_has_text(&t, "found 6,000 unreachable"),
          "the caption's counts have no thousands separators");
    CHECK(list_has_text(&t, "freed 6,000"), "the collector panel's totals: no separators");
    key(&t, SDLK_LEFT, 0); /* the stop before gc.collect(): after del a, b */
    draw_zoomed_out(&t);
    int dashed = 0;
    for (int32_t i = 0; i < l->ncmds; i++)
        dashed += l->cmds[i].kind == RENDER_CMD_FRAME && l->cmds[i].dash > 0;
    CHECK(list_has_text(&t, "6,000 objects in view in "), "no summary line");
    CHECK(state_lines(l, "unreachable") >= 4, "%d blocks say 'all N unreachable'",
          state_lines(l, "unreachable"));
    CHECK(state_lines(l, "freed") == 0, "the garbage counted as freed");
    CHECK(dashed >= 4, "%d dashed outlines: the blocks of garbage are not outlined as such", dashed);
    target_close(&t);
    remove("crowd_states.json");
}

/* A copy of a display list's commands, points, texts and hit regions. */
static void list_copy(const RenderList *from, RenderList *to)
{
    to->ncmds = from->ncmds;
    to->npts = from->npts;
    to->nchars = from->nchars;
    to->nhits = from->nhits;
    to->cmds = malloc(((size_t)from->ncmds + 1) * sizeof *to->cmds);
    to->pts = malloc(((size_t)from->npts + 1) * sizeof *to->pts);
    to->chars = malloc((size_t)from->nchars + 1);
    to->hits = malloc(((size_t)from->nhits + 1) * sizeof *to->hits);
    if (to->cmds)
        memcpy(to->cmds, from->cmds, (size_t)from->ncmds * sizeof *to->cmds);
    if (to->pts)
        memcpy(to->pts, from->pts, (size_t)from->npts * sizeof *to->pts);
    if (to->chars)
        memcpy(to->chars, from->chars, (size_t)from->nchars);
    if (to->hits)
        memcpy(to->hits, from->hits, (size_t)from->nhits * sizeof *to->hits);
}

static int list_same(const RenderList *a, const RenderList *b)
{
    if (!(a->ncmds == b->ncmds && a->npts == b->npts && a->nchars == b->nchars &&
          a->nhits == b->nhits && a->cmds && a->pts && a->chars && a->hits &&
          memcmp(a->cmds, b->cmds, (size_t)a->ncmds * sizeof *a->cmds) == 0 &&
          memcmp(a->pts, b->pts, (size_t)a->npts * sizeof *a->pts) == 0 &&
          memcmp(a->chars, b->chars, (size_t)a->nchars) == 0))
        return 0;
    /* field by field: a hit's padding is whatever its memory held */
    for (int32_t i = 0; i < a->nhits; i++) {
        const RenderHit *x = &a->hits[i], *y = &b->hits[i];
        if (x->kind != y->kind || x->id != y->id || x->x != y->x || x->y != y->y || x->w != y->w ||
            x->h != y->h)
            return 0;
    }
    return 1;
}

static void list_copy_free(RenderList *l)
{
    free(l->cmds);
    free(l->pts);
    free(l->chars);
    free(l->hits);
}

/* The number N of the text "N objects in view in ..." (-1: none). */
static long objects_in_view(const RenderList *l)
{
    for (int32_t i = 0; i < l->ncmds; i++) {
        if (l->cmds[i].kind != RENDER_CMD_TEXT)
            continue;
        const char *t = render_cmd_text(l, &l->cmds[i]);
        if (!strstr(t, " objects in view in "))
            continue;
        long n = 0;
        for (; *t && *t != ' '; t++)
            if (*t >= '0' && *t <= '9')
                n = n * 10 + (*t - '0');
        return n;
    }
    return -1;
}

/* The cards the blocks view counts at the cursor with the whole heap in
 * view: alive ones and this statement's ghosts, with a place. */
static long cards_now(Target *t)
{
    const GcHeap *h = t->w->heap;
    int32_t ev = gc_cursor(h) - 1, start = gc_index_stmt_at(&t->w->tl, ev);
    long n = 0;
    for (GcId id = 1; id <= gc_max_id(h); id++) {
        const GcObject *o = gc_object(h, id);
        float x, y;
        if (o && layout_get(t->w->layout, id, &x, &y) == 0 &&
            (o->state == GC_STATE_ALIVE ||
             (o->state == GC_STATE_FREED && gc_died(h, id) >= (start < 0 ? 0 : start))))
            n++;
    }
    return n;
}

/* The blocks view summed from the render cache's cells (agg_from_cells)
 * draws exactly what counting card by card draws (a frame without the
 * window's cache): every count, type, state line, arrow and hit region,
 * at views that hold the whole heap, cut through it or sit on a few
 * cards, at steps and jumps back and forth (the cells are computed again
 * at each cursor, kept while it stays); and with the whole heap in view
 * it counts every card alive and every ghost of the statement. */
static void t_blocks_cells(void)
{
    Target t;
    if (open_zoomed_out(&t, "blocks_cells.json",
                        "{\"title\": \"blocks cells\", \"classes\": {\"Node\": {}, \"Leaf\": {}}, "
                        "\"steps\": [\"gc.disable()\", \"keep = []\", {\"for\": \"i in range(1500)\", "
                        "\"body\": [\"a = Node()\", \"b = Leaf()\", \"a.peer = b\", \"b.peer = a\", "
                        "\"keep.append(a)\"]}, {\"for\": \"i in range(1200)\", \"body\": [\"c = Node()\", "
                        "\"c.me = c\", \"d = {'k': c}\"]}, \"del a, b, c, d\", \"keep = None\", "
                        "\"gc.collect()\"]}\n",
                        1280, 720) < 0)
        return;
    int32_t nev = gc_event_count(t.w->heap);
    /* jumps back and forth, then the last stops */
    const int32_t at[] = {nev, nev * 5 / 7, nev * 3 / 7, nev * 6 / 7, nev / 2, nev - 1, nev * 4 / 7, nev};
    const float views[][3] = {{0.02f, -100, -100}, {0.06f, 4000, 2000}, {0.04f, -3000, 6000},
                              {0.3f, 2000, 1500}};
    int blocks = 0, compared = 0;
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        app_win_seek(t.w, at[i], 0);
        for (size_t v = 0; v < sizeof views / sizeof views[0]; v++)
            for (int again = 0; again < 2; again++) { /* a new cursor, then the same */
                t.w->view.zoom = views[v][0];
                t.w->view.pan_x = views[v][1] + (float)again * 37;
                t.w->view.pan_y = views[v][2];
                CHECK(draw(&t) == 0, "draw");
                RenderList fast, slow;
                list_copy(&t.w->list, &fast);
                long n = objects_in_view(&fast);
                RenderCells *cells = *render_cache_cells(t.w->cache);
                RenderCache *keep = t.w->cache;
                t.w->cache = NULL; /* a frame of its own: card by card */
                CHECK(draw(&t) == 0, "draw");
                t.w->cache = keep;
                list_copy(&t.w->list, &slow);
                CHECK(list_same(&fast, &slow),
                      "cursor %d, zoom %.2f pan %.0f %.0f: the blocks from the cells differ from "
                      "those counted card by card (%d and %d commands)",
                      (int)at[i], (double)views[v][0], (double)t.w->view.pan_x,
                      (double)views[v][2], (int)fast.ncmds, (int)slow.ncmds);
                compared++;
                if (n >= 0) {
                    blocks++;
                    CHECK(cells && cells->key.cursor == gc_cursor(t.w->heap),
                          "a blocks view not summed from the cells at cursor %d", (int)at[i]);
                }
                if (n >= 0 && v == 0)
                    CHECK(n == cards_now(&t), "cursor %d: %ld objects in view, %ld cards",
                          (int)at[i], n, cards_now(&t));
                list_copy_free(&fast);
                list_copy_free(&slow);
            }
    }
    CHECK(blocks >= 30, "only %d of %d frames were blocks", blocks, compared);
    target_close(&t);
    remove("blocks_cells.json");
}

/* One frame of t with the window's cache, and one without (counted card
 * by card): 1 when their display lists are the same.  *n: the objects
 * the blocks view counts (-1: not blocks).  With pixels, also the frame
 * drawn by a new backend (every block drawn, none copied from the
 * blocks the backend kept as pixels): the same pixels. */
static int keep_frame(Target *t, const char *what, long *n, int pixels, long *copied)
{
    long was = render_sdl_groups_copied(t->w->backend);
    CHECK(draw(t) == 0, "draw");
    *copied += render_sdl_groups_copied(t->w->backend) - was;
    if (pixels) {
        uint64_t kept = frame_hash(t);
        RenderSdl *old = t->w->backend;
        t->w->backend = render_sdl_new(t->r, t->w->fonts);
        CHECK(t->w->backend && render_sdl_set_surface(t->w->backend, t->surf) == 0 &&
                  draw(t) == 0,
              "draw");
        CHECK(frame_hash(t) == kept, "%s, cursor %d: the blocks copied from kept pixels differ "
                                     "from those drawn",
              what, (int)gc_cursor(t->w->heap));
        render_sdl_free(t->w->backend);
        t->w->backend = old;
    }
    RenderList fast, slow;
    list_copy(&t->w->list, &fast);
    *n = objects_in_view(&fast);
    RenderCache *keep = t->w->cache;
    t->w->cache = NULL;
    CHECK(draw(t) == 0, "draw");
    t->w->cache = keep;
    list_copy(&t->w->list, &slow);
    int same = list_same(&fast, &slow);
    CHECK(same,
          "%s, cursor %d, zoom %.3f pan %.0f %.0f: the blocks kept from the frame before "
          "differ from those counted card by card (%d and %d commands)",
          what, (int)gc_cursor(t->w->heap), (double)t->w->view.zoom, (double)t->w->view.pan_x,
          (double)t->w->view.pan_y, (int)fast.ncmds, (int)slow.ncmds);
    list_copy_free(&fast);
    list_copy_free(&slow);
    return same;
}

/* The frames of a keep test (render.blocks_keep, blocks_refs_keep): in
 * each of the nviews views (zoom, pan x, pan y), a seek to each cursor
 * at[0..nat), then event(t, i, nat, view) (a drag, a theme change...,
 * naming it in *what; may be NULL), then a frame checked by keep_frame
 * (its pixels too every shots_every frames, 0: never); stats gives what
 * the cache kept and counted again.  The tallies of the blocks frames in
 * *tally; the number of frames that differed (it stops after 3). */
typedef struct KeepTally {
    long reused, counted, blocks, stepped, copied;
} KeepTally;

static int keep_frames(Target *t, const int32_t *at, int nat, const float (*views)[3], int nviews,
                       void (*event)(Target *t, int i, int nat, const float *view,
                                     const char **what),
                       void (*stats)(const RenderCells *c, int32_t *reused, int32_t *counted),
                       int shots_every, KeepTally *tally)
{
    int bad = 0;
    memset(tally, 0, sizeof *tally);
    for (int v = 0; v < nviews; v++) {
        t->w->view.zoom = views[v][0];
        t->w->view.pan_x = views[v][1];
        t->w->view.pan_y = views[v][2];
        for (int i = 0; i < nat && bad < 3; i++) {
            app_win_seek(t->w, at[i], 0);
            const char *what = "a step";
            event(t, i, nat, views[v], &what);
            t->w->dirty = 1;
            long n;
            bad += !keep_frame(t, what, &n, shots_every > 0 && i % shots_every == 0,
                               &tally->copied);
            RenderCells *cells = *render_cache_cells(t->w->cache);
            int32_t r = 0, k = 0;
            stats(cells, &r, &k);
            if (n >= 0) {
                tally->blocks++;
                tally->reused += r;
                tally->counted += k;
                tally->stepped += r > 0;
            }
        }
    }
    return bad;
}

/* blocks_keep's events: a card in view dragged to another place, theme
 * changes, resizes and a pan. */
static void keep_events(Target *t, int i, int nat, const float *view, const char **what)
{
    if (i == nat / 5) {
        /* a drag: a card in view to another place */
        for (GcId id = 1; id <= gc_max_id(t->w->heap); id++) {
            float wx, wy;
            if (gc_object(t->w->heap, id)->state == GC_STATE_ALIVE &&
                layout_get(t->w->layout, id, &wx, &wy) == 0 && wx > view[1] + 900) {
                layout_set(t->w->layout, id, wx + 2500, wy + 1700, 1);
                break;
            }
        }
        *what = "a drag";
    } else if (i == nat / 3 || i == nat / 3 + 40) {
        app_win_command(t->w, APP_CMD_THEME, 0);
        *what = "a theme change";
    } else if (i == nat / 2) {
        app_win_resize(t->w, 1100, 700, 1);
        *what = "a resize";
    } else if (i == nat * 2 / 3) {
        app_win_resize(t->w, 1280, 720, 1);
        *what = "a resize";
    } else if (i == nat * 3 / 4) {
        t->w->view.pan_x += 37; /* a pan */
        *what = "a pan";
    }
}

/* blocks_refs_keep's event: a referenced card in view dragged far into
 * another block. */
static void refs_keep_events(Target *t, int i, int nat, const float *view, const char **what)
{
    if (i != nat / 4)
        return;
    for (GcId id = 1; id <= gc_max_id(t->w->heap); id++) {
        const GcObject *o = gc_object(t->w->heap, id);
        float wx, wy;
        if (o->state == GC_STATE_ALIVE && o->refcnt > 1 &&
            layout_get(t->w->layout, id, &wx, &wy) == 0 && wx > view[1] + 600) {
            layout_set(t->w->layout, id, wx + 9000, wy + 6000, 1);
            break;
        }
    }
    *what = "a drag";
}

/* The blocks view keeps the cells it counts card by card (at the view's
 * edges, across two blocks) from frame to frame with the cells
 * (RenderCells.keep) and counts again only those a step changed: at
 * every micro-step of a stretch of the program (objects made, linked,
 * deleted, collected), back, at jumps, after a drag, a theme change and
 * a resize, each frame equals one counted card by card without the
 * window's cache, and the frames of steps kept most of those cells.
 * Each block is a group the backend keeps as pixels: copied when a step
 * left it alike, the pixels those of the blocks drawn. */
static void t_blocks_keep(void)
{
    Target t;
    if (open_zoomed_out(
            &t, "blocks_keep.json",
            "{\"title\": \"blocks keep\", \"classes\": {\"Node\": {}, \"Leaf\": {}}, "
            "\"steps\": [\"gc.disable()\", \"keep = []\", {\"for\": \"i in range(1500)\", "
            "\"body\": [\"a = Node()\", \"b = Leaf()\", \"a.peer = b\", \"b.peer = a\", "
            "\"keep.append(a)\"]}, {\"for\": \"i in range(1200)\", \"body\": [\"c = Node()\", "
            "\"c.me = c\", \"d = {'k': c}\", \"c.d = d\"]}, \"del a, b, c, d\", "
            "{\"for\": \"i in range(300)\", \"body\": [\"p = keep[i]\", \"p.peer = None\"]}, "
            "\"keep = None\", \"gc.collect()\"]}\n",
            1280, 720) < 0)
        return;
    int32_t nev = gc_event_count(t.w->heap);
    /* micro-steps while the cycles are made, those of the end (cut,
     * dropped, collected), back, and jumps */
    static int32_t at[2400];
    int nat = 0;
    for (int32_t c = nev / 2; c < nev / 2 + 300; c++)
        at[nat++] = c;
    for (int32_t c = nev - 900; c <= nev; c++)
        at[nat++] = c;
    for (int32_t c = nev; c >= nev - 600; c -= 5)
        at[nat++] = c;
    uint32_t x = 4242;
    for (int i = 0; i < 60; i++) {
        x = x * 1103515245u + 12345u;
        at[nat++] = (int32_t)((x >> 8) % (uint32_t)(nev + 1));
    }
    const float views[][3] = {{0.02f, -100, -100}, {0.05f, 3000, 1500}};
    KeepTally k;
    keep_frames(&t, at, nat, views, 2, keep_events, render_agg_keep_stats, 8, &k);
    long reused = k.reused, counted = k.counted, blocks = k.blocks, stepped = k.stepped,
         copied = k.copied;
    CHECK(blocks >= nat, "only %ld of %d frames were blocks", blocks, 2 * nat);
    /* the blocks a step did not change copied (and the timeline) */
    CHECK(copied >= 4 * blocks, "%ld groups copied in %ld blocks frames", copied, blocks);
    CHECK(stepped * 2 >= blocks && reused > counted,
          "%ld of %ld blocks frames kept cells (%ld kept, %ld counted again)", stepped, blocks,
          reused, counted);
    target_close(&t);
    remove("blocks_keep.json");
}

/* The references the blocks view counts one by one (a pair of cells one
 * of which is counted card by card: at the view's edges, across two
 * blocks) are kept from frame to frame with the cells and counted again
 * only for the cells a step changed or whose references go to a cell it
 * changed: while referenced cards grow (their centres, so their blocks,
 * move), references are redirected, a seek goes back and a referenced
 * card is dragged into another block, each frame equals one counted card
 * by card, and most frames of steps kept most of those cells. */
static void t_blocks_refs_keep(void)
{
    Target t;
    if (open_zoomed_out(
            &t, "blocks_refs_keep.json",
            "{\"title\": \"blocks refs keep\", \"classes\": {\"Node\": {}, \"Leaf\": {}}, "
            "\"steps\": [\"gc.disable()\", \"keep = []\", \"fresh = []\", {\"for\": \"i in range(1500)\", "
            "\"body\": [\"a = Node()\", \"b = Leaf()\", \"a.peer = b\", \"b.peer = a\", "
            "\"keep.append(a)\"]}, {\"for\": \"i in range(300)\", \"body\": [\"c = Leaf()\", "
            "\"fresh.append(c)\"]}, \"del a, b, c\", {\"for\": \"i in range(1000)\", \"body\": "
            "[\"n = keep[i]\", \"n.x1 = 1\", \"n.x2 = 2\", \"n.x3 = 3\", \"n.x4 = 4\", "
            "\"n.x5 = 5\", \"n.x6 = 6\", \"n.x7 = 7\", \"n.x8 = 8\"]}, {\"for\": \"i in range(300)\", "
            "\"body\": [\"n = keep[i]\", \"n.peer = fresh[i]\"]}, \"n = None\"]}\n",
            1280, 720) < 0)
        return;
    int32_t nev = gc_event_count(t.w->heap);
    /* micro-steps while the cards grow and references move, back over
     * them, and jumps */
    static int32_t at[1200];
    int nat = 0;
    for (int32_t c = nev / 3; c < nev && nat < 700; c += 15)
        at[nat++] = c;
    for (int32_t c = nev; c >= nev - 3000 && nat < 1000; c -= 17)
        at[nat++] = c;
    uint32_t x = 77;
    for (int i = 0; i < 30; i++) {
        x = x * 1103515245u + 12345u;
        at[nat++] = nev / 3 + (int32_t)((x >> 8) % (uint32_t)(nev * 2 / 3 + 1));
    }
    const float views[][3] = {{0.02f, -100, -100}, {0.05f, 3000, 1500}, {0.035f, 1200, -400}};
    KeepTally k;
    keep_frames(&t, at, nat, views, 3, refs_keep_events, render_agg_refs_stats, 0, &k);
    long reused = k.reused, counted = k.counted, blocks = k.blocks, stepped = k.stepped;
    CHECK(blocks >= nat * 2, "only %ld of %d frames were blocks", blocks, 3 * nat);
    CHECK(stepped * 2 >= blocks && reused > counted,
          "%ld of %ld blocks frames kept references (%ld cells kept, %ld counted again)", stepped,
          blocks, reused, counted);
    target_close(&t);
    remove("blocks_refs_keep.json");
}

typedef struct CellsReach {
    RenderCache *rc;
    const GcHeap *h;
} CellsReach;

static const uint8_t *cells_reach(void *arg)
{
    CellsReach *r = arg;
    return render_cache_reach(r->rc, r->h);
}

/* The cells of a cursor (render_cells_at with agg_from_cells's key),
 * moved from the cursor before, and compared with cells computed afresh
 * there: 1 when the same. */
static int cells_check(Target *t, RenderCache *rc, int32_t cursor, int beginner, int *moved,
                       int *patched)
{
    GcHeap *h = t->w->heap;
    gc_seek(h, cursor);
    RenderCellsKey key;
    memset(&key, 0, sizeof key);
    key.h = h;
    key.l = t->w->layout;
    key.version = layout_version(t->w->layout);
    key.cursor = gc_cursor(h);
    key.nevents = gc_event_count(h);
    int32_t start = gc_index_stmt_at(&t->w->tl, key.cursor - 1);
    key.stmt_start = start < 0 ? 0 : start;
    key.maxid = gc_max_id(h);
    key.beginner = beginner;
    RenderCells *was = *render_cache_cells(rc);
    int32_t moves = was ? was->moves : 0, patches = was ? was->patches : 0;
    CellsReach arg = {rc, h};
    const uint8_t *reach = render_cache_reach(rc, h);
    RenderCells *c = render_cells_at(rc, h, t->w->layout, &key, cells_reach, &arg, 1);
    RenderCells *f = render_cells_fresh(rc, h, t->w->layout, &key, reach);
    CHECK(c && f, "cells at cursor %d", (int)cursor);
    if (!c || !f) {
        render_cells_free(f);
        return 0;
    }
    *moved += c->moves == moves + 1;
    *patched += c->moves == moves + 1 ? c->patches - patches : 0;
    char why[300];
    int same = render_cells_same(c, f, why, sizeof why);
    CHECK(same, "cursor %d (%s): the cells moved there differ from fresh ones: %s", (int)cursor,
          beginner ? "beginner" : "full", why);
    render_cells_free(f);
    return same;
}

/* Incremental cells (render_cells.c's cells_move: only what the writes
 * between two cursors changed is counted again) equal cells computed
 * afresh at every micro-step of programs that make and free cycles,
 * collect them (gc.collect and automatic collections), grow lists and
 * dicts, and `del` the root of a big structure with back-pointers (every
 * card at once unreachable), with and without the beginner view, and at
 * jumps back and forth.  The big list and dict of "cells 4" are appended
 * to, overwritten, popped, deleted from (every item after moves down),
 * cleared by a collection and by clear(): cards whose slots alone changed
 * are moved slot by slot (RenderCells.patches), and must still equal. */
static void t_cells_steps(void)
{
    static const char *const progs[] = {
        "{\"title\": \"cells 1\", \"classes\": {\"Node\": {}, \"Leaf\": {}}, \"steps\": [\"gc.disable()\", "
        "\"keep = []\", {\"for\": \"i in range(150)\", \"body\": [\"a = Node()\", \"b = Leaf()\", "
        "\"a.peer = b\", \"b.peer = a\", \"keep.append(a)\"]}, {\"for\": \"i in range(120)\", \"body\": "
        "[\"c = Node()\", \"c.me = c\", \"d = {'k': c, 'n': i}\"]}, \"del a, b, c, d\", \"keep = None\", "
        "\"gc.collect()\"]}\n",
        "{\"title\": \"cells 2\", \"classes\": {\"Node\": {}}, \"steps\": [\"gc.disable()\", \"root = Node()\", "
        "\"nodes = [root]\", {\"for\": \"i in range(200)\", \"body\": [\"p = nodes[i]\", \"p.left = Node()\", "
        "\"p.right = Node()\", \"p.left.up = p\", \"p.right.up = p\", \"nodes.append(p.left)\", "
        "\"nodes.append(p.right)\"]}, \"del nodes, p\", \"del root\", \"gc.collect()\"]}\n",
        "{\"title\": \"cells 3\", \"classes\": {\"Node\": {}}, \"steps\": [{\"for\": \"i in range(900)\", "
        "\"body\": [\"t = Node()\", \"t.me = t\"]}, \"del t\"]}\n",
        "{\"title\": \"cells 4\", \"classes\": {\"Node\": {}}, \"steps\": [\"gc.disable()\", \"keep = []\", "
        "\"d = {}\", {\"for\": \"i in range(300)\", \"body\": [\"n = Node()\", \"keep.append(n)\", "
        "\"d[i] = n\"]}, {\"for\": \"i in range(60)\", \"body\": [\"keep[i] = Node()\", \"d[i] = None\"]}, "
        "{\"for\": \"i in range(40)\", \"body\": [\"keep.pop()\", \"del d[i]\", \"del keep[0]\"]}, "
        "\"ring = []\", {\"for\": \"i in range(120)\", \"body\": [\"ring.append(Node())\"]}, "
        "\"ring.append(ring)\", \"del ring\", \"gc.collect()\", \"keep.clear()\", \"del n, d\"]}\n",
    };
    /* the least cards moved slot by slot in each program (with and
     * without the beginner view) */
    static const int least_patched[] = {0, 0, 0, 2000};
    for (size_t p = 0; p < sizeof progs / sizeof progs[0]; p++) {
        Target t;
        char name[40];
        snprintf(name, sizeof name, "cells_steps%d.json", (int)p);
        if (open_zoomed_out(&t, name, progs[p], 1280, 720) < 0)
            return;
        int32_t nev = gc_event_count(t.w->heap);
        for (int beginner = 0; beginner < 2; beginner++) {
            RenderCache *rc = render_cache_new();
            CHECK(rc != NULL, "cache");
            int moved = 0, stops = 0, bad = 0, patched = 0;
            /* every micro-step, forth and then back */
            for (int32_t c = 0; c <= nev && bad < 3; c++, stops++)
                bad += !cells_check(&t, rc, c, beginner, &moved, &patched);
            for (int32_t c = nev; c >= 0 && bad < 3; c -= 7, stops++)
                bad += !cells_check(&t, rc, c, beginner, &moved, &patched);
            /* jumps */
            uint32_t x = 12345;
            for (int i = 0; i < 200 && bad < 3; i++, stops++) {
                x = x * 1103515245u + 12345u;
                bad += !cells_check(&t, rc, (int32_t)((x >> 8) % (uint32_t)(nev + 1)), beginner,
                                    &moved, &patched);
            }
            /* moved, not computed again, at most stops */
            CHECK(moved * 10 >= stops * 9, "%s: only %d of %d stops moved the cells", name, moved,
                  stops);
            CHECK(patched >= least_patched[p], "%s: %d cards moved slot by slot, at least %d",
                  name, patched, least_patched[p]);
            render_cache_free(rc);
        }
        target_close(&t);
        remove(name);
    }
}

/* Whether cells c are on the render cache's grid merged as cells_grid
 * merges it (2, 4, 8 ... cells across and down in one, until at most one
 * per 16 ids of the layout or fewer than 8 across or down if merged
 * again), merged at least once, and hold each card with a home in the
 * cell its centre (card_place's: its alive size) is in, and no other. */
static int cells_merged_ok(Target *t, RenderCache *rc, const RenderCells *c)
{
    const Layout *l = t->w->layout;
    float x0, y0, size;
    int gw, gh;
    CHECK(render_cache_grid(rc, l, &x0, &y0, &size, &gw, &gh) == 0, "grid");
    int f = (int)(c->size / size + 0.5f), g = f / 2;
    int64_t most = (int64_t)layout_max_id(l) / 16;
    most = most < 16 ? 16 : most;
    int merged = f >= 2 && (f & (f - 1)) == 0 && c->size == size * (float)f && c->x0 == x0 &&
                 c->y0 == y0 && c->gw == (gw + f - 1) / f && c->gh == (gh + f - 1) / f &&
                 ((int64_t)c->gw * c->gh <= most || (c->gw < c->gh ? c->gw : c->gh) / 2 < 8) &&
                 (int64_t)((gw + g - 1) / g) * ((gh + g - 1) / g) > most;
    CHECK(merged,
          "cells of %g on %dx%d: not the cache's %dx%d cells of %g merged to at most %ld (or 8 "
          "across)",
          (double)c->size, c->gw, c->gh, gw, gh, (double)size, (long)most);
    int64_t homes = 0, held = 0, bad = 0;
    for (GcId id = 1; id <= c->n; id++) {
        if (c->home[id] < 0)
            continue;
        homes++;
        const GcObject *o = gc_object(t->w->heap, id);
        float wx, wy, aw, ah;
        if (!o || layout_get(l, id, &wx, &wy) < 0) {
            bad++;
            continue;
        }
        layout_card_dims(l, id, o->kind, o->state == GC_STATE_ALIVE ? gc_nslots(o) : 0, &aw, &ah);
        float cx = wx + aw * 0.5f, cy = wy + LAYOUT_TAG_H + (ah - LAYOUT_TAG_H) * 0.5f;
        int ix = (int)((cx - c->x0) / c->size), iy = (int)((cy - c->y0) / c->size);
        ix = ix < 0 ? 0 : ix >= c->gw ? c->gw - 1 : ix;
        iy = iy < 0 ? 0 : iy >= c->gh ? c->gh - 1 : iy;
        bad += c->home[id] != iy * c->gw + ix;
    }
    for (int32_t ci = 0; ci < c->gw * c->gh; ci++)
        for (int32_t i = c->cell[ci].i0; i < c->cell[ci].i0 + c->cell[ci].ni; i++, held++)
            bad += c->ids[i] < 1 || c->ids[i] > c->n || c->home[c->ids[i]] != ci;
    CHECK(bad == 0 && held == homes, "%ld cards with a home, %ld in the cells, %ld misplaced",
          (long)homes, (long)held, (long)bad);
    return merged && bad == 0 && held == homes;
}

/* render.cells_steps on a heap wide enough that the cells' grid merges
 * the render cache's cells (a tree of 2,401 nodes built through a list,
 * as bench_big.py's tree is, 1,100 of them popped into another list, in
 * descending ids: a cell of more references than render_cells.c sorts
 * one by one, a source's targets in one cell out of order, then
 * relinked, cut and collected): the cells
 * moved from step to step equal fresh ones at every micro-step after the
 * tree is built (every 11th while it is: a few minutes under ASan
 * otherwise), back and at jumps, and the fresh ones are on the merged
 * grid with each card in the cell of its centre. */
static void t_cells_merged(void)
{
    static const char *const prog =
        "{\"title\": \"cells merged\", \"classes\": {\"Node\": {}}, \"steps\": [\"gc.disable()\", "
        "\"root = Node()\", \"nodes = [root]\", {\"for\": \"i in range(1200)\", \"body\": [\"p = "
        "nodes[i]\", \"p.left = Node()\", \"p.right = Node()\", \"nodes.append(p.left)\", "
        "\"nodes.append(p.right)\"]}, \"back = []\", {\"for\": \"i in range(1100)\", \"body\": "
        "[\"back.append(nodes.pop())\"]}, \"back = None\", {\"for\": \"i in range(30)\", \"body\": "
        "[\"p = nodes.pop()\", "
        "\"q = nodes[i]\", \"q.left = p\", \"p.up = q\"]}, \"del p, q\", \"root.left = None\", "
        "\"nodes = None\", \"gc.collect()\"]}\n";
    Target t;
    if (open_zoomed_out(&t, "cells_merged.json", prog, 1280, 720) < 0)
        return;
    int32_t nev = gc_event_count(t.w->heap);
    for (int beginner = 0; beginner < 2; beginner++) {
        RenderCache *rc = render_cache_new();
        CHECK(rc != NULL, "cache");
        int moved = 0, stops = 0, bad = 0, patched = 0, grids = 0;
        /* every 11th micro-step while the tree is built, every one of
         * the last 1,500 (relinked, cut, collected), then back every
         * 25th, and 200 jumps; the grid and the homes checked at every
         * 29th stop */
        int32_t dense = nev > 1500 ? nev - 1500 : 0, at[3 * 4096];
        int nat = 0;
        for (int32_t c = 0; c < dense && nat < 4096; c += 11)
            at[nat++] = c;
        for (int32_t c = dense; c <= nev && nat < 2 * 4096; c++)
            at[nat++] = c;
        for (int32_t c = nev; c >= 0 && nat < 3 * 4096 - 200; c -= 25)
            at[nat++] = c;
        uint32_t x = 777;
        for (int i = 0; i < 200; i++) {
            x = x * 1103515245u + 12345u;
            at[nat++] = (int32_t)((x >> 8) % (uint32_t)(nev + 1));
        }
        for (int i = 0; i < nat && bad < 3; i++, stops++) {
            bad += !cells_check(&t, rc, at[i], beginner, &moved, &patched);
            if (i % 29 == 0 || at[i] == nev) {
                RenderCells *f = render_cells_fresh(rc, t.w->heap, t.w->layout,
                                                    &(*render_cache_cells(rc))->key,
                                                    render_cache_reach(rc, t.w->heap));
                CHECK(f != NULL, "fresh cells");
                bad += f && !cells_merged_ok(&t, rc, f);
                grids++;
                render_cells_free(f);
            }
        }
        CHECK(moved * 10 >= stops * 9, "cells_merged: only %d of %d stops moved the cells", moved,
              stops);
        CHECK(patched >= 1000, "cells_merged: %d cards moved slot by slot, at least 1000",
              patched);
        CHECK(grids >= 20, "only %d grids checked", grids);
        render_cache_free(rc);
    }
    target_close(&t);
    remove("cells_merged.json");
}

/* The arrays the load prepares for the first cells (render_cells_prepare,
 * from 2,500 cards: a tree of 2,601 nodes built through a list, 1,300 of
 * them popped into another): a prepared cache holds a spare, which is
 * not cells (render_cells_at without build gives none); the first cells
 * are counted into its arrays and equal fresh ones, at the end of the
 * run (every id) and in its middle (ids not yet born, -1 from the load),
 * then moved step by step; a card dragged far away after the load
 * (another grid) leaves the spare aside, and the cells still equal. */
static void t_cells_spare(void)
{
    static const char *const prog =
        "{\"title\": \"cells spare\", \"classes\": {\"Node\": {}}, \"steps\": [\"gc.disable()\", "
        "\"root = Node()\", \"nodes = [root]\", {\"for\": \"i in range(1300)\", \"body\": [\"p = "
        "nodes[i]\", \"p.left = Node()\", \"p.right = Node()\", \"p.left.up = p\", "
        "\"nodes.append(p.left)\", \"nodes.append(p.right)\"]}, \"back = []\", {\"for\": \"i in "
        "range(1300)\", \"body\": [\"back.append(nodes.pop())\"]}, \"del p\", \"nodes = None\", "
        "\"root.right = None\", \"gc.collect()\"]}\n";
    Target t;
    if (open_zoomed_out(&t, "cells_spare.json", prog, 1280, 720) < 0)
        return;
    GcHeap *h = t.w->heap;
    int32_t nev = gc_event_count(h);
    CHECK(layout_max_id(t.w->layout) >= 2500, "%d ids, at least 2,500",
          (int)layout_max_id(t.w->layout));
    for (int round = 0; round < 4; round++) {
        int beginner = round & 1, drag = round >= 2;
        RenderCache *rc = render_cache_new();
        CHECK(rc != NULL, "cache");
        if (!rc)
            break;
        CHECK(render_cache_prepare(rc, t.w->layout) == 0, "prepare");
        RenderCells *spare = *render_cache_cells(rc);
        CHECK(spare && spare->spare, "no spare arrays after render_cache_prepare");
        if (!spare)
            break;
        uintptr_t home = (uintptr_t)spare->home;
        RenderCellsKey key;
        memset(&key, 0, sizeof key);
        key.h = h;
        key.l = t.w->layout;
        key.version = layout_version(t.w->layout);
        key.cursor = gc_cursor(h);
        key.nevents = nev;
        key.maxid = gc_max_id(h);
        CellsReach arg = {rc, h};
        CHECK(render_cells_at(rc, h, t.w->layout, &key, cells_reach, &arg, 0) == NULL,
              "the spare taken for cells");
        float x = 0, y = 0;
        GcId far = 7;
        if (drag) {
            layout_get(t.w->layout, far, &x, &y);
            layout_set(t.w->layout, far, x + 400000.0f, y + 300000.0f, 1);
        }
        /* the first cells in the middle of the run or at its end */
        int32_t first = beginner ? nev / 2 : nev, moved = 0, patched = 0;
        int ok = cells_check(&t, rc, first, beginner, &moved, &patched);
        RenderCells *c = *render_cache_cells(rc);
        CHECK(c && !c->spare && (drag || (uintptr_t)c->home == home),
              "round %d: the first cells %s the spare's arrays", round, drag ? "in" : "not in");
        for (int32_t cur = first - 1; ok && cur >= first - 300 && cur >= 0; cur--)
            ok = cells_check(&t, rc, cur, beginner, &moved, &patched);
        CHECK(moved >= 250, "round %d: %d stops moved the cells", round, moved);
        if (drag)
            layout_set(t.w->layout, far, x, y, 1);
        render_cache_free(rc);
    }
    target_close(&t);
    remove("cells_spare.json");
}

/* The window, idle after a step, computes the blocks' cells that a zoom
 * out to the blocks would (app_win_idle, 6,000 cards): once a step, not
 * with a frame to draw, not while playing, not for a small heap; the
 * blocks frame then takes them as they are (no pass over the heap) and is
 * the frame of a window that never idled, command by command. */
static void t_cells_idle(void)
{
    static const char *const prog =
        "{\"title\": \"cells idle\", \"classes\": {\"Node\": {}}, \"steps\": [\"gc.disable()\", "
        "{\"for\": \"i in range(3000)\", \"body\": [\"a = Node()\", \"b = Node()\", "
        "\"a.peer = b\", \"b.peer = a\"]}, \"del a, b\"]}\n";
    FILE *f = fopen("cells_idle.json", "w");
    CHECK(f != NULL, "write cells_idle.json");
    if (!f)
        return;
    fputs(prog, f);
    fclose(f);
    char cwd[900], path[1000];
    CHECK(getcwd(cwd, sizeof cwd) != NULL, "cwd");
    snprintf(path, sizeof path, "%s/cells_idle.json", cwd);
    Target t, cold;
    CHECK(target_open(&t, 1920, 1080, 0) == 0 && target_open(&cold, 1920, 1080, 0) == 0, "targets");
    if (load(&t, path) != 0 || load(&cold, path) != 0) {
        CHECK(0, "load cells_idle.json");
        target_close(&t);
        target_close(&cold);
        return;
    }
    key(&t, SDLK_END, 0);
    key(&cold, SDLK_END, 0);
    CHECK(app_win_idle(t.w) == 0, "idle with a frame to draw");
    CHECK(draw(&t) == 0 && draw(&cold) == 0, "draw");
    CHECK(app_win_idle(t.w) == 1, "idle after the step's frame computes the cells");
    RenderCells *c = *render_cache_cells(t.w->cache);
    CHECK(c && !c->spare && c->key.cursor == gc_cursor(t.w->heap), "the cells of the step shown");
    CHECK(app_win_idle(t.w) == 0, "idle again at the same step: nothing to do");
    draw_zoomed_out(&t);
    draw_zoomed_out(&cold);
    CHECK(*render_cache_cells(t.w->cache) == c && c->key.cursor == gc_cursor(t.w->heap),
          "the blocks frame took the idle's cells");
    CHECK(objects_in_view(&t.w->list) == 6000, "blocks of 6,000 objects: %ld",
          objects_in_view(&t.w->list));
    CHECK(list_same(&t.w->list, &cold.w->list), "the blocks frame differs from a cold window's");
    /* steps back at 100 %: the cells follow, and the blocks still agree */
    for (int i = 0; i < 3; i++) {
        t.w->view.zoom = cold.w->view.zoom = 1;
        key(&t, SDLK_LEFT, 0);
        key(&cold, SDLK_LEFT, 0);
        CHECK(draw(&t) == 0 && draw(&cold) == 0, "draw");
        CHECK(app_win_idle(t.w) == 1, "step %d: idle computes the cells", i);
        draw_zoomed_out(&t);
        draw_zoomed_out(&cold);
        CHECK(list_same(&t.w->list, &cold.w->list), "step %d: the blocks differ", i);
    }
    t.w->view.zoom = 1;
    t.w->view.playing = 1;
    key(&t, SDLK_LEFT, 0);
    CHECK(draw(&t) == 0, "draw");
    CHECK(app_win_idle(t.w) == 0, "idle while playing");
    target_close(&t);
    target_close(&cold);
    remove("cells_idle.json");
    /* a heap too small for blocks */
    if (open_zoomed_out(&t, "cells_idle_small.json",
                        "{\"title\": \"small\", \"classes\": {\"Node\": {}}, \"steps\": [\"a = Node()\", "
                        "\"a.peer = Node()\"]}\n",
                        1280, 720) < 0)
        return;
    t.w->view.zoom = 1;
    key(&t, SDLK_LEFT, 0);
    CHECK(draw(&t) == 0, "draw");
    CHECK(app_win_idle(t.w) == 0 && *render_cache_cells(t.w->cache) == NULL,
          "idle on a heap of %d objects", (int)gc_max_id(t.w->heap));
    target_close(&t);
    remove("cells_idle_small.json");
}

/* Whether the text is a count only ("8,073"): the label of a summarised
 * arrow in the blocks view. */
static int is_count(const char *t)
{
    if (!*t)
        return 0;
    for (; *t; t++)
        if (!(*t >= '0' && *t <= '9') && *t != ',')
            return 0;
    return 1;
}

/* In the blocks view a list holding 6,000 nodes sends one arrow to every
 * block; the arrows' counts lie where they cover no block and no other
 * count (a count on a block hid its type line), and the names panel's
 * arrow ends at the block its object is in. */
static void t_crowd_labels(void)
{
    Target t;
    if (open_zoomed_out(&t, "crowd_list.json",
                        "{\"title\": \"crowd list\", \"classes\": {\"Node\": {}}, \"steps\": "
                        "[\"gc.disable()\", \"nodes = []\", {\"for\": \"i in range(6000)\", \"body\": "
                        "[\"n = Node()\", \"nodes.append(n)\"]}]}\n",
                        1280, 720) < 0)
        return;
    const RenderList *l = &t.w->list;
    float blocks[64][4], labels[64][4];
    int nblocks = 0, nlabels = 0, arrows = 0;
    for (int32_t i = 0; i < l->nhits; i++)
        if (l->hits[i].kind == RENDER_HIT_BLOCK && nblocks < 64) {
            /* the block's box: the frame drawn inside its cell */
            const RenderHit *h = &l->hits[i];
            for (int32_t j = 0; j < l->ncmds; j++) {
                const RenderCmd *m = &l->cmds[j];
                if (m->kind == RENDER_CMD_FRAME && m->x >= h->x && m->y >= h->y &&
                    m->x + m->w <= h->x + h->w + 0.5f && m->y + m->h <= h->y + h->h + 0.5f &&
                    m->w > h->w * 0.5f) {
                    float *b = blocks[nblocks++];
                    b[0] = m->x, b[1] = m->y, b[2] = m->x + m->w, b[3] = m->y + m->h;
                    break;
                }
            }
        }
    for (int32_t i = 1; i < l->ncmds; i++) {
        const RenderCmd *m = &l->cmds[i], *r = &l->cmds[i - 1];
        arrows += m->kind == RENDER_CMD_LINE && m->head > 0;
        if (m->kind == RENDER_CMD_TEXT && is_count(render_cmd_text(l, m)) &&
            r->kind == RENDER_CMD_RECT && nlabels < 64) {
            float *b = labels[nlabels++];
            b[0] = r->x, b[1] = r->y, b[2] = r->x + r->w, b[3] = r->y + r->h;
        }
    }
    CHECK(nblocks >= 4 && arrows >= 3 && nlabels >= 1, "%d blocks, %d arrows, %d counts", nblocks,
          arrows, nlabels);
    for (int a = 0; a < nlabels; a++) {
        const float *p = labels[a];
        for (int b = 0; b < nblocks; b++) {
            const float *q = blocks[b];
            CHECK(!(p[0] < q[2] && p[2] > q[0] && p[1] < q[3] && p[3] > q[1]),
                  "count %d (%g,%g)-(%g,%g) lies on block %d (%g,%g)-(%g,%g)", a, p[0], p[1], p[2],
                  p[3], b, q[0], q[1], q[2], q[3]);
        }
        for (int b = a + 1; b < nlabels; b++) {
            const float *q = labels[b];
            CHECK(!(p[0] < q[2] && p[2] > q[0] && p[1] < q[3] && p[3] > q[1]),
                  "counts %d and %d overlap", a, b);
        }
    }
    target_close(&t);
    remove("crowd_list.json");
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "shot") == 0)
        return shot(argc - 2, argv + 2);
    static const TestCase tests[] = {
        {"display_list", t_display_list},     {"theme_table", t_theme_table},
        {"text_metrics", t_text_metrics},     {"backend_pixels", t_backend_pixels},
        {"backend_round", t_backend_round}, {"backend_quads", t_backend_quads}, {"two_windows", t_two_windows},
        {"layout_plain", t_layout_plain}, {"arrange", t_arrange}, {"was_name", t_was_name}, {"row_arrows", t_row_arrows}, {"small_structures", t_small_structures}, {"cell_strings", t_cell_strings}, {"save_layout", t_save_layout}, {"slide_worklist", t_slide_worklist}, {"crowd", t_crowd}, {"crowd_labels", t_crowd_labels}, {"crowd_states", t_crowd_states}, {"blocks_cells", t_blocks_cells}, {"cells_steps", t_cells_steps}, {"cells_merged", t_cells_merged}, {"cells_spare", t_cells_spare}, {"cells_idle", t_cells_idle}, {"blocks_keep", t_blocks_keep}, {"blocks_refs_keep", t_blocks_refs_keep},     {"layout_run", t_layout_run},
        {"layout_many", t_layout_many},       {"overview", t_overview},
        {"layout_reference", t_layout_reference},
        {"card_color", t_card_color},         {"arrow_reaches", t_arrow_reaches},
        {"key_arrows", t_key_arrows},
        {"code_highlight", t_code_highlight}, {"themes_differ", t_themes_differ},
        {"states_drawn", t_states_drawn},     {"replay_back_forth", t_replay_back_forth},
        {"replay_tab", t_replay_tab},         {"replay_next_gc", t_replay_next_gc},
        {"replay_stmt", t_replay_stmt}, {"collector_small", t_collector_small}, {"replay_fullscreen", t_replay_fullscreen}, {"ui_scale", t_ui_scale}, {"follow", t_follow}, {"open_first", t_open_first}, {"long_texts", t_long_texts}, {"play_pause", t_play_pause}, {"description", t_description}, {"picker", t_picker}, {"timeline_hover", t_timeline_hover}, {"load_error_narrow", t_load_error_narrow}, {"reference_images", t_reference_images}, {"group_cache", t_group_cache}, {"direct_pixels", t_direct_pixels}, {"fonts_warm", t_fonts_warm}, {"drawn_until", t_drawn_until}, {"scratch_clean", t_scratch_clean}, {"grid_at_load", t_grid_at_load}, {"grid_moves", t_grid_moves},       {"screenshot_file", t_screenshot_file},
        {"screenshot_fail", t_screenshot_fail}, {"load_error", t_load_error},
        {"reload_vanished", t_reload_vanished}, {"layout_pins", t_layout_pins},
        {"runtime_error", t_runtime_error},   {"every_scenario", t_every_scenario},
        {"glide_unpin", t_glide_unpin},       {"glide_reload", t_glide_reload},
        {"hidpi", t_hidpi},
        {"direct_pixels_xrgb", t_direct_pixels_xrgb},
        {"window_surface", t_window_surface},
        {"quit_confirm", t_quit_confirm}, {"chapters", t_chapters}, {"phase_captions", t_phase_captions}, {"one_state_label", t_one_state_label}, {"crowded_frames", t_crowded_frames}, {"drill_pills", t_drill_pills}, {"drill_frame", t_drill_frame}, {"drill_cycles", t_drill_cycles}, {"drill_chain", t_drill_chain}, {"dict_keys", t_dict_keys}, {"key_straight", t_key_straight}, {"arrow_entries", t_arrow_entries}, {"record_whole", t_record_whole},
        {"counterfactuals", t_counterfactuals}, {"traversal_arrows", t_traversal_arrows},
        {"beginner", t_beginner}, {"phase_say", t_phase_say},
        {"slide_subjects", t_slide_subjects}, {"slide_crowded_subject", t_slide_crowded_subject}, {"slide_big_structure", t_slide_big_structure}, {"arrows_in_view", t_arrows_in_view}, {"slide_pictures", t_slide_pictures}, {"slide_structures", t_slide_structures}, {"output_wrap", t_output_wrap}, {"record_subjects", t_record_subjects},
        {"contrast", t_contrast}, {"slide_defects", t_slide_defects}, {"slide_named_cells", t_slide_named_cells}, {"header_release", t_header_release}, {"py_panels", t_py_panels},
    };
    return test_main(argc, argv, tests, sizeof tests / sizeof tests[0]);
}
