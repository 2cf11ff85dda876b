/*
 * record_svg.c: a display list as SVG.  The second backend of the list
 * beside render_sdl.c: it reads the same commands and reproduces the SDL
 * backend's geometry (frames stroked inside their rectangle, arrow shafts
 * stopped where the notched head begins, dashes of `dash` on and 0.75 x
 * `dash` off, thin lines widened to one pixel with their alpha scaled
 * down, integer clip rectangles, text boxes placed at rounded positions).
 *
 * Text stays text: each TEXT command is a <text> element in the DejaVu
 * family the PNG was drawn with, its baseline at the font's ascent below
 * the top of the line box, so the words can be selected and searched.
 * Numbers are printed with at most two decimals: the output depends only
 * on the list.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "record.h"

#define MAX_PX 160

static const char *const family[RENDER_FONT_COUNT] = {"'DejaVu Sans'", "'DejaVu Sans'",
                                                      "'DejaVu Sans Mono'"};
static const char *const generic[RENDER_FONT_COUNT] = {"sans-serif", "sans-serif", "monospace"};
static const char *const files[RENDER_FONT_COUNT] = {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf",
                                                     "DejaVuSansMono.ttf"};

typedef struct Svg {
    FILE *f;
    RenderFonts *fonts;
    char dir[1024];
    int have_dir;
    /* ascent by face and size, 0 = not known yet, -1 = cannot be known */
    short ascent[RENDER_FONT_COUNT][MAX_PX + 1];
    int clip_open, nclips;
} Svg;

/* Prints v with at most two decimals and no trailing zeros ("12", "12.5"). */
static void num(FILE *f, float v)
{
    long k = lroundf(v * 100.0f);
    if (k < 0) {
        fputc('-', f);
        k = -k;
    }
    fprintf(f, "%ld", k / 100);
    long d = k % 100;
    if (d)
        fprintf(f, d % 10 ? ".%02ld" : ".%ld", d % 10 ? d : d / 10);
}

static void paint(FILE *f, const char *what, RenderColor c)
{
    fprintf(f, " %s=\"#%02x%02x%02x\"", what, c.r, c.g, c.b);
    if (c.a != 255) {
        fprintf(f, " %s-opacity=\"", what);
        num(f, (float)c.a / 255.0f);
        fputc('"', f);
    }
}

static void attr(FILE *f, const char *name, float v)
{
    fprintf(f, " %s=\"", name);
    num(f, v);
    fputc('"', f);
}

/* The font's ascent in pixels, as SDL_ttf places the baseline in the
 * surfaces the SDL backend draws. */
static int ascent(Svg *s, int font, int px)
{
    if (px < 4)
        px = 4;
    if (px > MAX_PX)
        px = MAX_PX;
    if (font < 0 || font >= RENDER_FONT_COUNT)
        font = RENDER_FONT_SANS;
    short *a = &s->ascent[font][px];
    if (*a == 0) {
        TTF_Font *ttf = NULL;
        if (s->have_dir) {
            char path[1200];
            snprintf(path, sizeof path, "%s/%s", s->dir, files[font]);
            ttf = TTF_OpenFont(path, px);
        }
        if (ttf) {
            TTF_SetFontHinting(ttf, TTF_HINTING_LIGHT);
            *a = (short)TTF_FontAscent(ttf);
            TTF_CloseFont(ttf);
        } else {
            *a = -1;
        }
    }
    /* DejaVu's ascender is 0.928 em: the fallback if the file is missing */
    return *a > 0 ? *a : (int)lroundf((float)px * 0.928f);
}

/* Writes UTF-8 text escaped for XML; invalid bytes and control characters
 * become U+FFFD so the file always parses. */
static void xml_text(FILE *f, const char *t)
{
    const unsigned char *p = (const unsigned char *)t;
    while (*p) {
        unsigned c = *p;
        int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        int ok = len > 0 && !(len == 2 && c < 0xC2);
        for (int i = 1; ok && i < len; i++)
            ok = (p[i] & 0xC0) == 0x80;
        if (!ok) {
            fputs("\xEF\xBF\xBD", f);
            p++;
            continue;
        }
        if (len == 1) {
            if (c == '&')
                fputs("&amp;", f);
            else if (c == '<')
                fputs("&lt;", f);
            else if (c == '>')
                fputs("&gt;", f);
            else if (c == '"')
                fputs("&quot;", f);
            else if (c < 0x20 || c == 0x7F)
                fputs("\xEF\xBF\xBD", f);
            else
                fputc((int)c, f);
        } else {
            fwrite(p, 1, (size_t)len, f);
        }
        p += len;
    }
}

/* Dash pattern of the SDL backend (render.h: RENDER_DASH_GAP). */
static void dashes(FILE *f, float dash)
{
    if (dash <= 0)
        return;
    fputs(" stroke-dasharray=\"", f);
    num(f, dash);
    fputc(' ', f);
    num(f, dash * RENDER_DASH_GAP);
    fputc('"', f);
}

/* Stroke attributes; lines thinner than a pixel are drawn one pixel wide
 * with their alpha scaled down, as the SDL backend does. */
static void stroke_attrs(FILE *f, float width, float dash, RenderColor c)
{
    render_thin_stroke(&width, &c);
    paint(f, "stroke", c);
    attr(f, "stroke-width", width);
    dashes(f, dash);
}

static void points(FILE *f, const RenderPt *p, int n)
{
    fputs(" points=\"", f);
    for (int i = 0; i < n; i++) {
        if (i)
            fputc(' ', f);
        num(f, p[i].x);
        fputc(',', f);
        num(f, p[i].y);
    }
    fputc('"', f);
}

static void rect(Svg *s, const RenderCmd *c)
{
    float r = render_corner_radius(c->w, c->h, c->radius);
    fputs("<rect", s->f);
    attr(s->f, "x", c->x);
    attr(s->f, "y", c->y);
    attr(s->f, "width", c->w);
    attr(s->f, "height", c->h);
    if (r >= 0.5f)
        attr(s->f, "rx", r);
    paint(s->f, "fill", c->color);
    fputs("/>\n", s->f);
}

static void frame(Svg *s, const RenderCmd *c)
{
    float hw = c->width * 0.5f;
    float w = c->w - 2 * hw, h = c->h - 2 * hw;
    if (w <= 0 || h <= 0)
        return;
    float r = render_corner_radius(w, h, c->radius > hw ? c->radius - hw : 0);
    fputs("<rect", s->f);
    attr(s->f, "x", c->x + hw);
    attr(s->f, "y", c->y + hw);
    attr(s->f, "width", w);
    attr(s->f, "height", h);
    if (r >= 0.5f)
        attr(s->f, "rx", r);
    fputs(" fill=\"none\"", s->f);
    stroke_attrs(s->f, c->width, c->dash, c->color);
    fputs("/>\n", s->f);
}

static void polyline(Svg *s, const RenderPt *p, int n, const RenderCmd *c)
{
    fputs("<polyline", s->f);
    points(s->f, p, n);
    fputs(" fill=\"none\" stroke-linejoin=\"round\"", s->f);
    stroke_attrs(s->f, c->width, c->dash, c->color);
    fputs("/>\n", s->f);
}

static void line(Svg *s, const RenderList *l, const RenderCmd *c)
{
    const RenderPt *p = l->pts + c->pts;
    int n = c->npts;
    if (n < 2)
        return;
    if (c->head <= 0) {
        polyline(s, p, n, c);
        return;
    }
    /* the same geometry as the SDL backend */
    RenderPt *shaft = malloc(((size_t)n + 1) * sizeof *shaft), head[4];
    if (!shaft)
        return;
    int m = render_arrow_split(l, c, shaft, n + 1, head);
    if (m > 0)
        polyline(s, shaft, m, c);
    free(shaft);
    if (m == 0)
        return;
    fputs("<polygon", s->f);
    points(s->f, head, 4);
    paint(s->f, "fill", c->color);
    fputs("/>\n", s->f);
}

static void poly(Svg *s, const RenderList *l, const RenderCmd *c)
{
    if (c->npts < 3)
        return;
    fputs("<polygon", s->f);
    points(s->f, l->pts + c->pts, c->npts);
    paint(s->f, "fill", c->color);
    fputs("/>\n", s->f);
}

typedef struct HatchPath {
    FILE *f;
    int any; /* a line written: the path is open */
} HatchPath;

static void hatch_line(void *ctx, RenderPt a, RenderPt b)
{
    HatchPath *p = ctx;
    fputs(p->any ? " " : "<path d=\"", p->f);
    p->any = 1;
    fputc('M', p->f);
    num(p->f, a.x);
    fputc(' ', p->f);
    num(p->f, a.y);
    fputc('L', p->f);
    num(p->f, b.x);
    fputc(' ', p->f);
    num(p->f, b.y);
}

/* The hatch lines as one path, where the SDL backend draws them. */
static void hatch(Svg *s, const RenderCmd *c)
{
    HatchPath p = {s->f, 0};
    render_hatch_lines(c, hatch_line, &p);
    if (!p.any)
        return;
    fputs("\" fill=\"none\"", s->f);
    stroke_attrs(s->f, c->width, 0, c->color);
    fputs("/>\n", s->f);
}

static void text(Svg *s, const RenderList *l, const RenderCmd *c)
{
    const char *t = render_cmd_text(l, c);
    if (!t || !*t)
        return;
    float x = c->x;
    if (c->align != RENDER_ALIGN_LEFT) {
        float w = (float)render_text_width(s->fonts, (RenderFont)c->font, c->px, t);
        x -= c->align == RENDER_ALIGN_CENTER ? w * 0.5f : w;
    }
    /* the SDL backend puts the text box at rounded coordinates */
    x = floorf(x + 0.5f);
    float y = floorf(c->y + 0.5f) + (float)ascent(s, c->font, c->px);
    int font = c->font < RENDER_FONT_COUNT ? c->font : RENDER_FONT_SANS;
    fputs("<text", s->f);
    attr(s->f, "x", x);
    attr(s->f, "y", y);
    if (font != RENDER_FONT_SANS)
        fprintf(s->f, " font-family=\"%s, %s\"", family[font], generic[font]);
    if (font == RENDER_FONT_BOLD)
        fputs(" font-weight=\"bold\"", s->f);
    fprintf(s->f, " font-size=\"%d\"", (int)c->px);
    paint(s->f, "fill", c->color);
    fputc('>', s->f);
    xml_text(s->f, t);
    fputs("</text>\n", s->f);
}

static void clip(Svg *s, const RenderCmd *c)
{
    if (s->clip_open) {
        fputs("</g>\n", s->f);
        s->clip_open = 0;
    }
    if (c->w <= 0)
        return;
    int id = ++s->nclips;
    fprintf(s->f, "<clipPath id=\"c%d\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/></clipPath>\n",
            id, (int)floorf(c->x), (int)floorf(c->y), (int)ceilf(c->w), (int)ceilf(c->h));
    fprintf(s->f, "<g clip-path=\"url(#c%d)\">\n", id);
    s->clip_open = 1;
}

int record_svg_stream(const RenderList *l, RenderFonts *fonts, FILE *f)
{
    Svg *s = calloc(1, sizeof *s);
    if (!s)
        return SDL_OutOfMemory();
    s->f = f;
    s->fonts = fonts;
    s->have_dir = render_find_data_dir("assets", files[0], s->dir, sizeof s->dir) == 0;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" font-family=\"%s, %s\" xml:space=\"preserve\">\n",
            (int)l->width, (int)l->height, (int)l->width, (int)l->height, family[0], generic[0]);
    fputs("<rect width=\"100%\" height=\"100%\"", f);
    RenderColor bg = l->clear;
    bg.a = 255;
    paint(f, "fill", bg);
    fputs("/>\n", f);
    for (int32_t i = 0; i < l->ncmds; i++) {
        const RenderCmd *c = &l->cmds[i];
        switch (c->kind) {
        case RENDER_CMD_RECT:
            rect(s, c);
            break;
        case RENDER_CMD_FRAME:
            frame(s, c);
            break;
        case RENDER_CMD_LINE:
            line(s, l, c);
            break;
        case RENDER_CMD_POLY:
            poly(s, l, c);
            break;
        case RENDER_CMD_HATCH:
            hatch(s, c);
            break;
        case RENDER_CMD_TEXT:
            text(s, l, c);
            break;
        case RENDER_CMD_CLIP:
            clip(s, c);
            break;
        default:
            break;
        }
    }
    if (s->clip_open)
        fputs("</g>\n", f);
    fputs("</svg>\n", f);
    free(s);
    return ferror(f) ? SDL_SetError("write error") : 0;
}

int record_svg_write(const RenderList *l, RenderFonts *fonts, const char *path)
{
    RecordFile rf;
    if (record_file_open(&rf, path) < 0)
        return -1;
    if (record_svg_stream(l, fonts, rf.f) < 0) {
        record_file_abort(&rf);
        return SDL_SetError("cannot write %s", path);
    }
    return record_file_commit(&rf);
}
