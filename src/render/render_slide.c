/*
 * render_slide.c: slide mode (`--slide`) and the subject of a frame.
 *
 * A slide is what a teacher projects: the heap first and large, the
 * caption as the slide's title line, the code around the current line at
 * the side, a one-line footer; no buttons, no timeline, no frames or
 * collector panel.  Its regions are laid out for 1280 x 720 logical
 * pixels (the app scales a bigger output up, so a slide looks the same at
 * 720p and 1080p).
 *
 * The subject of a frame is the set of cards its caption names ("Link #4",
 * the object and the referent of the event shown): the app keeps them in
 * the heap view, and a note in the heap says which of them are off screen
 * when they cannot all be shown at a readable size.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "render_internal.h"

/* ---- regions ---------------------------------------------------------------- */

/* The code panel's width for lines of cols characters: its inset, line
 * numbers and 16 px mono text (9.7 logical pixels a character). */
#define SLIDE_CODE_W(cols) (72 + 9.7f * (float)(cols))

#define SLIDE_M        12.0f  /* between the regions */
#define SLIDE_MARGIN   28.0f  /* around the cards zoomed to fill the heap (the app's) */
#define SLIDE_ZMAX     1.6f   /* the app zooms cards up to this on a slide */
#define SLIDE_BAND_MIN 220.0f /* the code below the heap: its header and 6 lines at least */

int render_slide_bounds(const Layout *l, float b[4])
{
    int any = 0;
    GcId maxid = l ? layout_max_id(l) : 0;
    for (GcId id = 1; id <= maxid; id++) {
        float x, y, cw, ch;
        if (layout_is_temporary(l, id) || layout_get(l, id, &x, &y) < 0)
            continue;
        layout_reserved(l, id, &cw, &ch);
        b[0] = any ? fminf(b[0], x) : x;
        b[1] = any ? fminf(b[1], y) : y;
        b[2] = any ? fmaxf(b[2], x + cw) : x + cw;
        b[3] = any ? fmaxf(b[3], y + ch + 24) : y + ch + 24; /* and the card's footer */
        any = 1;
    }
    return any;
}

/* The ghost's rectangle as drawn (a freed card is its header: card_geo). */
static void ghost_rect(const GcHeap *h, const Layout *l, GcId id, float x, float y, float r[4])
{
    const GcObject *o = gc_object(h, id);
    float w, hh;
    layout_card_dims(l, id, o->kind, o->state == GC_STATE_FREED ? 0 : gc_nslots(o), &w, &hh);
    r[0] = x;
    r[1] = y;
    r[2] = x + w;
    r[3] = y + hh + 24; /* and its footer */
}

/* Whether some ghost of g (at their places) is farther than
 * RENDER_GHOST_APART from every other one: the ghosts are apart. */
static int ghosts_apart(const GcHeap *h, const Layout *l, const RenderGhosts *g, int n)
{
    for (int i = 0; i < n; i++) {
        float a[4], best = 1e30f;
        ghost_rect(h, l, g->id[i], g->x[i], g->y[i], a);
        for (int j = 0; j < n; j++) {
            float b[4];
            if (j == i)
                continue;
            ghost_rect(h, l, g->id[j], g->x[j], g->y[j], b);
            float dx = fmaxf(0, fmaxf(b[0] - a[2], a[0] - b[2]));
            float dy = fmaxf(0, fmaxf(b[1] - a[3], a[1] - b[3]));
            best = fminf(best, sqrtf(dx * dx + dy * dy));
        }
        if (best > RENDER_GHOST_APART)
            return 1;
    }
    return 0;
}

void render_ghost_row(const GcHeap *h, const Layout *l, int32_t stmt_start, float max_w,
                      RenderGhosts *g)
{
    g->n = 0;
    GcId maxid = h && l ? gc_max_id(h) : 0;
    int n = 0;
    for (GcId id = 1; id <= maxid; id++) {
        const GcObject *o = gc_object(h, id);
        float x, y;
        if (!o || layout_is_temporary(l, id) || layout_get(l, id, &x, &y) < 0)
            continue;
        if (o->state == GC_STATE_ALIVE)
            return; /* something alive: each ghost where it was */
        if (gc_died(h, id) < stmt_start)
            continue;
        if (n == RENDER_GHOSTS_MAX)
            return;
        /* insertion by place: top to bottom, then left to right */
        int at = n++;
        while (at > 0 && (g->y[at - 1] > y || (g->y[at - 1] == y && g->x[at - 1] > x))) {
            g->id[at] = g->id[at - 1];
            g->x[at] = g->x[at - 1];
            g->y[at] = g->y[at - 1];
            at--;
        }
        g->id[at] = id;
        g->x[at] = x;
        g->y[at] = y;
    }
    if (n < 2 || !ghosts_apart(h, l, g, n))
        return;
    if (n > RENDER_GHOSTS_ROW) {
        g->n = -1; /* too many to show at a readable size: render_heap lists them */
        return;
    }
    /* side by side in rows no wider than max_w */
    float x0 = g->x[0], x = x0, y = g->y[0], row_h = 0;
    for (int i = 0; i < n; i++) {
        float r[4]; /* as large as its ghost is drawn */
        ghost_rect(h, l, g->id[i], 0, 0, r);
        float w = r[2], hh = r[3] - 24;
        if (x > x0 && x + w - x0 > max_w) {
            x = x0;
            y += row_h + 24 + LAYOUT_GAP_Y; /* under the row's footers */
            row_h = 0;
        }
        g->x[i] = x;
        g->y[i] = y;
        x += w + LAYOUT_GAP_X;
        row_h = fmaxf(row_h, hh);
    }
    g->n = n;
}

float render_ghost_row_width(const RenderRegions *rg, float scale)
{
    return rg->heap_w / (RENDER_SLIDE_ZMIN * scale) - 2 * LAYOUT_GAP_X;
}

int render_ghost_at(const RenderGhosts *g, GcId id, float *x, float *y)
{
    for (int i = 0; i < g->n; i++)
        if (g->id[i] == id) {
            *x = g->x[i];
            *y = g->y[i];
            return 1;
        }
    return 0;
}

void render_slide_content(const Layout *l, float *w, float *h)
{
    float b[4];
    int any = render_slide_bounds(l, b);
    *w = any ? b[2] - b[0] : 0;
    *h = any ? b[3] - b[1] : 0;
}

/* The zoom at which content (world units, with the app's margin) fills a
 * heap of w x h logical pixels, as the app caps it. */
static float fill_zoom(float w, float h, float cw, float ch)
{
    float z = fminf(w / (cw + 2 * SLIDE_MARGIN), h / (ch + 2 * SLIDE_MARGIN));
    return fminf(z, SLIDE_ZMAX);
}

void render_regions_slide(int width, int height, float scale, int code_cols, float content_w,
                          float content_h, RenderRegions *o)
{
    float W = (float)width / scale, H = (float)height / scale;
    float m = SLIDE_M;
    memset(o, 0, sizeof *o);
    o->top_h = 106;     /* the title: the caption's sentence and the teacher's say */
    o->timeline_h = 34; /* the footer */
    o->caption_h = 0;
    o->left_w = 0;
    o->right_w = W * 0.3f;
    if (o->right_w < 300)
        o->right_w = 300;
    if (o->right_w > 480)
        o->right_w = 480;
    if (code_cols > 0 && SLIDE_CODE_W(code_cols) < o->right_w)
        o->right_w = SLIDE_CODE_W(code_cols) > 300 ? SLIDE_CODE_W(code_cols) : 300;
    float hw = W - o->right_w - 3 * m, hh = H - o->top_h - o->timeline_h;
    /* a run whose cards make a wide, short block (a linked list in a row)
     * would fill only a strip of the heap beside the code: it gets the
     * whole width, as tall as it needs at that width, and the code goes
     * below it, when that makes its cards at least a fifth larger */
    float fw = W - 2 * m, fh = hh;
    if (content_w > 0 && content_h > 0) {
        float zw = fminf((fw) / (content_w + 2 * SLIDE_MARGIN), SLIDE_ZMAX);
        fh = (content_h + 2 * SLIDE_MARGIN) * zw;
        fh = fmaxf(fh, hh * 0.4f);
        fh = fminf(fh, hh - SLIDE_BAND_MIN - m);
    }
    if (content_w > 0 && content_h > 0 &&
        fill_zoom(fw, fh, content_w, content_h) >= 1.2f * fill_zoom(hw, hh, content_w, content_h)) {
        o->code_below = 1;
        o->right_w = 0;
        o->heap_x = m * scale;
        o->heap_y = o->top_h * scale;
        o->heap_w = fw * scale;
        o->heap_h = fh * scale;
        float cw = code_cols > 0 ? SLIDE_CODE_W(code_cols) : fw * 0.6f;
        cw = fminf(fmaxf(cw, 300), fw * 0.62f);
        o->code_x = m * scale;
        o->code_y = (o->top_h + fh + m) * scale;
        o->code_w = cw * scale;
        o->code_h = (hh - fh - m) * scale;
        return;
    }
    o->heap_x = m * scale;
    o->heap_y = o->top_h * scale;
    o->heap_w = hw * scale;
    o->heap_h = hh * scale;
    o->code_x = (W - o->right_w - m) * scale;
    o->code_y = o->heap_y;
    o->code_w = o->right_w * scale;
    o->code_h = o->heap_h;
}

void render_regions_for(int width, int height, float scale, int slide, const LangProgram *p,
                        const Layout *layout, RenderRegions *o)
{
    if (slide) {
        float cw = 0, ch = 0;
        render_slide_content(layout, &cw, &ch);
        render_regions_slide(width, height, scale, render_code_columns(p), cw, ch, o);
    } else {
        render_regions(width, height, scale, o);
    }
}

/* ---- the subject -------------------------------------------------------------- */

/* The top-level statement's location of the event just shown, or NULL. */
static const LangLoc *top_loc(const GcHeap *h, const LangProgram *p)
{
    /* the module frame's line is logged state: right at any cursor */
    const GcFrame *f = p ? gc_frame(h, 0) : NULL;
    return f && f->loc >= 0 ? lang_loc(p, f->loc) : NULL;
}

static int add_id(GcId *out, int n, int max, GcId id)
{
    for (int i = 0; i < n; i++)
        if (out[i] == id)
            return n;
    if (n < max)
        out[n++] = id;
    return n;
}

int render_named_cards(const GcHeap *h, const char *text, GcId *out, int n, int max)
{
    if (!text)
        return n;
    /* "<Type> #<id>" where Type is the object's type name */
    for (const char *c = strchr(text, '#'); c; c = strchr(c + 1, '#')) {
        if (!isdigit((unsigned char)c[1]) || c - text < 2 || c[-1] != ' ')
            continue;
        long id = strtol(c + 1, NULL, 10);
        if (id <= 0 || id > (long)gc_max_id(h) || !gc_object(h, (GcId)id))
            continue;
        const char *end = c - 1, *start = end;
        while (start > text && (isalnum((unsigned char)start[-1]) || start[-1] == '_'))
            start--;
        const char *tn = gc_type_name(h, (GcId)id);
        if (tn && (size_t)(end - start) == strlen(tn) &&
            strncmp(start, tn, (size_t)(end - start)) == 0)
            n = add_id(out, n, max, (GcId)id);
    }
    return n;
}

int render_subjects(const GcHeap *h, const LangProgram *p, RenderGranularity gran, GcId *out,
                    int max)
{
    int n = 0;
    int32_t ev = gc_cursor(h) - 1;
    if (ev < 0 || max <= 0)
        return 0;
    char expl[512];
    render_caption_text(h, p, gran, expl, sizeof expl);
    n = render_named_cards(h, expl, out, n, max);
    const LangLoc *loc = top_loc(h, p);
    if (render_say(h, loc))
        n = render_named_cards(h, render_say(h, loc), out, n, max);
    return n;
}

/* ---- wrapped text --------------------------------------------------------------- */

/* The longest prefix of text (ending before a space, or the whole text)
 * that fits maxw pixels; 0 if not even the first word fits. */
static size_t fit_prefix(Scene *s, RenderFont font, int px, const char *text, float maxw)
{
    if ((float)render_text_width(s->fonts, font, px, text) <= maxw)
        return strlen(text);
    return render_wrap_at(s, font, px, text, maxw);
}

/* Draws text wrapped at spaces into at most maxlines lines of width w from
 * y, trying the sizes px[0..npx) until it fits whole; the last size cuts
 * the last line with an ellipsis.  Returns the height used. */
float render_wrapped(Scene *s, RenderFont font, const int *px, int npx, const char *text, float x,
                     float y, float w, int maxlines, float line_gap, RenderColor c)
{
    char buf[1024], fit[1024];
    for (int k = 0; k < npx; k++) {
        int size = spx(s, (float)px[k]);
        size_t starts[16], lens[16];
        int lines = 0;
        const char *t = text;
        while (*t && lines < maxlines && lines < 16) {
            size_t cut = fit_prefix(s, font, size, t, w);
            if (cut == 0)
                cut = strcspn(t, " ") ? strcspn(t, " ") : strlen(t);
            starts[lines] = (size_t)(t - text);
            lens[lines] = cut;
            lines++;
            t += cut;
            while (*t == ' ')
                t++;
        }
        if (*t && k < npx - 1)
            continue;
        float lh = (float)render_line_height(s->fonts, font, size) + sc(s, line_gap);
        for (int i = 0; i < lines; i++) {
            size_t len = lens[i];
            if (i == lines - 1 && *t)
                len = strlen(text + starts[i]); /* the rest, cut by render_fit */
            if (len >= sizeof buf)
                len = sizeof buf - 1;
            memcpy(buf, text + starts[i], len);
            buf[len] = 0;
            render_text(s->l, x, y + lh * (float)i, font, size, RENDER_ALIGN_LEFT, c,
                        render_fit(s, font, size, buf, w, fit, sizeof fit));
        }
        return lh * (float)lines;
    }
    return 0;
}

/* ---- cards off screen ------------------------------------------------------------ */

void render_offscreen_note(Scene *s)
{
    if (!s->h || !s->layout || s->empty)
        return;
    GcId ids[16];
    int n = render_subjects(s->h, s->p, s->v->gran, ids, 16);
    char msg[600];
    int k = 0, off = 0;
    msg[0] = 0;
    float k_ = s->v->zoom * s->s;
    for (int i = 0; i < n; i++) {
        float wx, wy, ww, wh;
        if (render_card_rect(s->h, s->layout, ids[i], &wx, &wy, &ww, &wh) < 0)
            continue;
        float bh = wh - LAYOUT_TAG_H;
        if (render_ghost_at(&s->ghosts, ids[i], &wx, &wy))
            bh = LAYOUT_HEADER_H; /* a ghost side by side, drawn as its header */
        /* the card's body: its name tags may be cut without hiding it */
        float x0 = s->rg.heap_x + (wx - s->v->pan_x) * k_,
              y0 = s->rg.heap_y + (wy + LAYOUT_TAG_H - s->v->pan_y) * k_;
        float x1 = x0 + ww * k_, y1 = y0 + bh * k_;
        if (x0 >= s->rg.heap_x - 1 && y0 >= s->rg.heap_y - 1 &&
            x1 <= s->rg.heap_x + s->rg.heap_w + 1 && y1 <= s->rg.heap_y + s->rg.heap_h + 1)
            continue;
        const char *dir = x1 <= s->rg.heap_x                  ? " \xE2\x86\x90"
                          : x0 >= s->rg.heap_x + s->rg.heap_w ? " \xE2\x86\x92"
                          : y1 <= s->rg.heap_y                ? " \xE2\x86\x91"
                          : y0 >= s->rg.heap_y + s->rg.heap_h ? " \xE2\x86\x93"
                                                              : "";
        char label[96];
        render_obj_label(s->h, ids[i], label, sizeof label);
        if (k >= 0 && (size_t)k < sizeof msg)
            k += snprintf(msg + k, sizeof msg - (size_t)k, "%s%s%s",
                          off ? ", " : "Off screen: ", label, dir);
        off++;
    }
    if (!off)
        return;
    const RenderTheme *t = s->t;
    char fit[600];
    int px = spx(s, 16);
    const char *txt =
        render_fit(s, RENDER_FONT_BOLD, px, msg, s->rg.heap_w - sc(s, 48), fit, sizeof fit);
    float h = sc(s, 32);
    float w = (float)render_text_width(s->fonts, RENDER_FONT_BOLD, px, txt) + sc(s, 28);
    /* at the top right, where it covers the fewest cards (layouts start at the left) */
    float x = s->rg.heap_x + s->rg.heap_w - w - sc(s, 12), y = s->rg.heap_y + sc(s, 12);
    render_rect(s->l, x, y, w, h, h * 0.5f, t->toast);
    render_text_mid(s, x + w * 0.5f, y, h, RENDER_FONT_BOLD, px, RENDER_ALIGN_CENTER, t->toast_text,
                    txt);
}

/* ---- the slide ---------------------------------------------------------------------- */

static void slide_title(Scene *s, float x, float y, float w, float h)
{
    const RenderTheme *t = s->t;
    if (!s->h)
        return;
    char expl[512], title[640];
    int err_here = s->tl && s->tl->error_event >= 0 && s->ev >= s->tl->error_event;
    const char *say = NULL;
    RenderColor tc = t->text;
    if (err_here) {
        const char *msg = s->v->run_error && *s->v->run_error ? s->v->run_error : gc_error(s->h);
        snprintf(title, sizeof title, "Traceback: %s", msg);
        tc = t->error;
    } else if (s->ev < 0) {
        snprintf(title, sizeof title, "%s",
                 s->v->title && *s->v->title ? s->v->title : "Before the first statement");
        say = s->v->description;
    } else {
        render_caption_text(s->h, s->p, s->v->gran, expl, sizeof expl);
        snprintf(title, sizeof title, "%s", expl);
        const LangLoc *loc = top_loc(s->h, s->p);
        say = render_say(s->h, loc);
    }
    /* the phase at the right of the title */
    float rw = 0;
    if (s->ev >= 0) {
        const GcEvent *e = gc_event(s->h, s->ev);
        if (e->phase != GC_PHASE_IDLE) {
            const char *ph = gc_phase_name((GcPhase)e->phase);
            float pw =
                (float)render_text_width(s->fonts, RENDER_FONT_BOLD, spx(s, 18), ph) + sc(s, 32);
            render_pill(s, x + w - pw, y + sc(s, 6), sc(s, 32), RENDER_FONT_BOLD, spx(s, 18),
                        t->timeline_phase, t->bg, ph);
            rw = pw + sc(s, 16);
        }
    }
    static const int big[] = {26, 24, 22};
    int say_lines = 2;
    float used = render_wrapped(s, RENDER_FONT_BOLD, big, 3, title, x, y, w - rw, 2, 0, tc);
    if (used > sc(s, 40))
        say_lines = 1;
    if (say) {
        char q[700];
        snprintf(q, sizeof q, "\xE2\x80\x9C%s\xE2\x80\x9D", say);
        static const int small[] = {21, 19, 18};
        render_wrapped(s, RENDER_FONT_SANS, small, 3, q, x, y + used + sc(s, 6), w, say_lines, 0,
                       t->accent);
    }
    (void)h;
}

static void slide_footer(Scene *s, float x, float y, float w, float h)
{
    const RenderTheme *t = s->t;
    char left[400], right[400], fit[400];
    int px = spx(s, 16);
    snprintf(left, sizeof left, "%s", s->v->title && *s->v->title ? s->v->title : "gcviz");
    right[0] = 0;
    if (s->h) {
        const GcGlobals *g = gc_globals(s->h);
        int32_t step = render_shown_step(s->h);
        int32_t nsteps = s->p ? lang_step_count(s->p) : 0;
        const char *coll = g->collector == GC_COLLECTOR_REFCOUNT    ? "refcount only"
                           : g->collector == GC_COLLECTOR_MARKSWEEP ? "mark-sweep"
                                                                    : "CPython gc";
        char where[64];
        if (step + 1 > nsteps) /* the interpreter's exit, after the last statement */
            snprintf(where, sizeof where, "exit after step %d", (int)nsteps);
        else
            snprintf(where, sizeof where, "step %d of %d", (int)(step + 1 > 0 ? step + 1 : 0),
                     (int)nsteps);
        snprintf(right, sizeof right, "%s \xC2\xB7 Python %s \xC2\xB7 %s %s", where,
                 gc_python_name(g->python), coll,
                 g->collector == GC_COLLECTOR_CPYTHON ? (g->enabled ? "enabled" : "disabled") : "");
    }
    float rwid = (float)render_text_width(s->fonts, RENDER_FONT_SANS, px, right);
    render_text_mid(s, x + w, y, h, RENDER_FONT_SANS, px, RENDER_ALIGN_RIGHT, t->text_dim, right);
    render_text_mid(
        s, x, y, h, RENDER_FONT_BOLD, px, RENDER_ALIGN_LEFT, t->text_dim,
        render_fit(s, RENDER_FONT_BOLD, px, left, w - rwid - sc(s, 24), fit, sizeof fit));
}

/* The output panel's width for the longest line printed so far (at
 * least 300 logical pixels: its title and a few words). */
static float output_w(const Scene *s)
{
    size_t longest = 0, run = 0;
    for (size_t i = 0; s->v->output && i < s->v->output_len; i++) {
        if (s->v->output[i] == '\n')
            run = 0;
        else if (((unsigned char)s->v->output[i] & 0xC0) != 0x80 && ++run > longest)
            longest = run;
    }
    return sc(s, fmaxf(300, SLIDE_CODE_W(longest)));
}

void render_slide(Scene *s)
{
    const RenderRegions *rg = &s->rg;
    float m = sc(s, 12);
    slide_title(s, m + sc(s, 6), sc(s, 10), (float)s->width - 2 * m - sc(s, 12),
                sc(s, rg->top_h) - sc(s, 16));
    float out_h = render_output_h(s, rg->code_w), wl_h = render_worklist_h(s);
    if (rg->code_below) {
        /* below the heap: the code at the left, as wide as its lines, the
         * worklist and the output beside it, the output as wide as its
         * longest line so far (a full width of short lines is mostly
         * empty: chapter 08) */
        float sx = rg->code_x + rg->code_w + m, sw = rg->heap_x + rg->heap_w - sx;
        render_code_panel(s, rg->code_x, rg->code_y, rg->code_w, rg->code_h);
        float oh = wl_h > 0 && out_h > 0 ? (rg->code_h - m) * 0.5f : rg->code_h;
        if (wl_h > 0)
            render_worklist_panel(s, sx, rg->code_y, sw, oh);
        if (out_h > 0)
            render_output_panel(s, sx, rg->code_y + rg->code_h - oh, fminf(sw, output_w(s)), oh);
    } else {
        /* beside the heap: the code, then (mark-sweep's mark phase) the
         * grey worklist, then the output */
        float below = (out_h > 0 ? out_h + m : 0) + (wl_h > 0 ? wl_h + m : 0);
        render_code_panel(s, rg->code_x, rg->code_y, rg->code_w, rg->code_h - below);
        if (wl_h > 0)
            render_worklist_panel(s, rg->code_x, rg->code_y + rg->code_h - below + m, rg->code_w,
                                  wl_h);
        if (out_h > 0)
            render_output_panel(s, rg->code_x, rg->code_y + rg->code_h - out_h, rg->code_w, out_h);
    }
    render_rect(s->l, rg->heap_x, rg->heap_y, rg->heap_w, rg->heap_h, sc(s, 12), s->t->heap_bg);
    render_frame(s->l, rg->heap_x, rg->heap_y, rg->heap_w, rg->heap_h, sc(s, 12), sc(s, 1), 0,
                 s->t->panel_border);
    render_hit(s->l, RENDER_HIT_HEAP, 0, rg->heap_x, rg->heap_y, rg->heap_w, rg->heap_h);
    if (s->h) {
        render_heap(s);
        render_offscreen_note(s);
    }
    slide_footer(s, m + sc(s, 6), (float)s->height - sc(s, rg->timeline_h),
                 (float)s->width - 2 * m - sc(s, 12), sc(s, rg->timeline_h));
}
