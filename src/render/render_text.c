/*
 * render_text.c: the bundled DejaVu fonts through SDL_ttf: finding them,
 * opening each (face, pixel size) once, measuring text.  Widths are kept
 * by (face, size, text) in a table of WIDTH_CACHE entries: a frame
 * measures the same labels, fields and captions again and again (a
 * card's footer and title are fitted by measuring shorter forms), and
 * each measure shapes the text anew with HarfBuzz (about 1 ms a frame).
 * The window warms the glyph caches of the sizes a zoom may need while
 * it is idle (render_fonts_warm).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "render.h"
#include "render_internal.h"

#ifndef GCVIZ_SOURCE_DIR
#define GCVIZ_SOURCE_DIR ""
#endif
#ifndef GCVIZ_DATA_DIR
#define GCVIZ_DATA_DIR ""
#endif

#define WIDTH_CACHE 4096 /* power of two */
#define WIDTH_TEXT  256  /* longer texts are measured every time */

/* One measured text: the key (face, size, text) and its width. */
typedef struct WidthEntry {
    uint64_t hash;
    char *text; /* NULL: an empty entry */
    int font, px, w;
} WidthEntry;

static const char *const font_files[RENDER_FONT_COUNT] = {
    "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf"};

/* The font files are read into memory once and every size is opened from
 * that memory: no file descriptor is shared, so processes forked by
 * `gcviz record --jobs` cannot race on a shared file offset (which garbled
 * glyphs now and then), and no read can fail after start-up. */
struct RenderFonts {
    char dir[1024];
    TTF_Font *open[RENDER_FONT_COUNT][RENDER_MAX_PX + 1];
    void *data[RENDER_FONT_COUNT];
    size_t size[RENDER_FONT_COUNT];
    int inited_ttf;
    WidthEntry *widths; /* WIDTH_CACHE entries, made on the first measure */
    int warmed;         /* (face, size) pairs render_fonts_warm has done */
};

/* the sizes render_fonts_warm loads: a card's texts from 36 % (the
 * overview style below) to 200 % */
#define RENDER_WARM_MIN 6
#define RENDER_WARM_MAX 32

static int probe_dir(const char *dir, const char *probe, char *buf, size_t n)
{
    char path[1400];
    if (!dir || !*dir)
        return -1;
    snprintf(path, sizeof path, "%s/%s", dir, probe);
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fclose(f);
    snprintf(buf, n, "%s", dir);
    return 0;
}

int render_find_data_dir(const char *sub, const char *probe, char *buf, size_t n)
{
    char dir[1200];
    const char *env = getenv("GCVIZ_DATA_DIR");
    if (env && *env) {
        snprintf(dir, sizeof dir, "%s/%s", env, sub);
        if (probe_dir(dir, probe, buf, n) == 0)
            return 0;
    }
    char *base = SDL_GetBasePath();
    if (base) {
        static const char *const ups[] = {"", "../", "../../", "../share/gcviz/"};
        for (size_t i = 0; i < sizeof ups / sizeof ups[0]; i++) {
            snprintf(dir, sizeof dir, "%s%s%s", base, ups[i], sub);
            if (probe_dir(dir, probe, buf, n) == 0) {
                SDL_free(base);
                return 0;
            }
        }
        SDL_free(base);
    }
    if (*GCVIZ_DATA_DIR) {
        snprintf(dir, sizeof dir, "%s/%s", GCVIZ_DATA_DIR, sub);
        if (probe_dir(dir, probe, buf, n) == 0)
            return 0;
    }
    if (*GCVIZ_SOURCE_DIR) {
        snprintf(dir, sizeof dir, "%s/%s", GCVIZ_SOURCE_DIR, sub);
        if (probe_dir(dir, probe, buf, n) == 0)
            return 0;
    }
    return -1;
}

RenderFonts *render_fonts_new(void)
{
    RenderFonts *f = calloc(1, sizeof *f);
    if (!f) {
        SDL_OutOfMemory();
        return NULL;
    }
    if (render_find_data_dir("assets", font_files[0], f->dir, sizeof f->dir) < 0) {
        SDL_SetError("cannot find the bundled fonts (assets/%s); set GCVIZ_DATA_DIR",
                     font_files[0]);
        free(f);
        return NULL;
    }
    /* SDL_ttf counts its users: each set of fonts holds it until freed */
    if (TTF_Init() < 0) {
        free(f);
        return NULL;
    }
    f->inited_ttf = 1;
    /* open one size of each face now, so a missing file fails here */
    for (int i = 0; i < RENDER_FONT_COUNT; i++) {
        if (!render_font(f, (RenderFont)i, 16)) {
            render_fonts_free(f);
            return NULL;
        }
    }
    return f;
}

void render_fonts_free(RenderFonts *f)
{
    if (!f)
        return;
    for (int i = 0; i < RENDER_FONT_COUNT; i++)
        for (int px = 0; px <= RENDER_MAX_PX; px++)
            if (f->open[i][px])
                TTF_CloseFont(f->open[i][px]);
    for (int i = 0; i < RENDER_FONT_COUNT; i++)
        SDL_free(f->data[i]);
    if (f->widths)
        for (int i = 0; i < WIDTH_CACHE; i++)
            free(f->widths[i].text);
    free(f->widths);
    if (f->inited_ttf)
        TTF_Quit();
    free(f);
}

TTF_Font *render_font(RenderFonts *f, RenderFont font, int px)
{
    if (px < 4)
        px = 4;
    if (px > RENDER_MAX_PX)
        px = RENDER_MAX_PX;
    if ((int)font < 0 || font >= RENDER_FONT_COUNT)
        font = RENDER_FONT_SANS;
    if (!f->open[font][px]) {
        if (!f->data[font]) {
            char path[1400];
            snprintf(path, sizeof path, "%s/%s", f->dir, font_files[font]);
            f->data[font] = SDL_LoadFile(path, &f->size[font]);
            if (!f->data[font])
                return NULL;
        }
        SDL_RWops *rw = SDL_RWFromConstMem(f->data[font], (int)f->size[font]);
        f->open[font][px] = rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
        if (f->open[font][px])
            TTF_SetFontHinting(f->open[font][px], TTF_HINTING_LIGHT);
    }
    return f->open[font][px];
}

int render_fonts_warm(RenderFonts *f)
{
    int nsizes = RENDER_WARM_MAX - RENDER_WARM_MIN + 1;
    if (f->warmed >= nsizes * RENDER_FONT_COUNT)
        return 0;
    /* every face at a size before the next size: the small ones first */
    int px = RENDER_WARM_MIN + f->warmed / RENDER_FONT_COUNT;
    RenderFont font = (RenderFont)(f->warmed % RENDER_FONT_COUNT);
    f->warmed++;
    char text[128];
    int n = 0;
    for (int ch = 32; ch < 127; ch++)
        text[n++] = (char)ch;
    memcpy(text + n, "\xc3\x97\xe2\x80\xa6\xe2\x86\x92\xc2\xb7", 11); /* × … → · and the 0 */
    TTF_Font *ttf = render_font(f, font, px);
    int w, h;
    if (ttf && TTF_SizeUTF8(ttf, text, &w, &h) == 0) {
        SDL_Color white = {255, 255, 255, 255};
        SDL_FreeSurface(TTF_RenderUTF8_Blended(ttf, text, white));
    }
    return 1;
}

/* The entry for (font, px, text) in the width table: the one holding it,
 * or the one it would replace; NULL when there is no table. */
static WidthEntry *width_entry(RenderFonts *f, RenderFont font, int px, const char *text,
                               uint64_t *hash)
{
    uint64_t h = 1469598103934665603ULL;
    h = (h ^ (uint64_t)font) * 1099511628211ULL;
    h = (h ^ (uint64_t)px) * 1099511628211ULL;
    for (const char *p = text; *p; p++)
        h = (h ^ (uint8_t)*p) * 1099511628211ULL;
    *hash = h;
    if (!f->widths)
        f->widths = calloc(WIDTH_CACHE, sizeof *f->widths);
    return f->widths ? &f->widths[h & (WIDTH_CACHE - 1)] : NULL;
}

int render_text_width(RenderFonts *f, RenderFont font, int px, const char *text)
{
    if (!text || !*text)
        return 0;
    uint64_t hash;
    WidthEntry *e = width_entry(f, font, px, text, &hash);
    if (e && e->text && e->hash == hash && e->font == (int)font && e->px == px &&
        strcmp(e->text, text) == 0)
        return e->w;
    TTF_Font *ttf = render_font(f, font, px);
    int w = 0, h = 0;
    if (!ttf || TTF_SizeUTF8(ttf, text, &w, &h) < 0)
        return 0;
    size_t n = strlen(text);
    char *copy = e && n < WIDTH_TEXT ? malloc(n + 1) : NULL;
    if (copy) {
        memcpy(copy, text, n + 1);
        free(e->text);
        *e = (WidthEntry){hash, copy, (int)font, px, w};
    }
    return w;
}

int render_line_height(RenderFonts *f, RenderFont font, int px)
{
    TTF_Font *ttf = render_font(f, font, px);
    return ttf ? TTF_FontHeight(ttf) : px;
}
