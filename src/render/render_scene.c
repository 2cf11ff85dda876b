/*
 * render_scene.c: one gcviz frame as a display list.  Start reading at
 * render_scene(): it lays out the regions of the window (DESIGN.md 5) and
 * calls the builders of each panel; this file also holds the top bar, the
 * caption, the timeline with the transport controls and the overlays.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "render_internal.h"

/* ---- small helpers shared by the builders ------------------------------------ */

RenderColor render_mix(RenderColor a, RenderColor b, float t)
{
    RenderColor c;
    c.r = (uint8_t)((float)a.r + ((float)b.r - (float)a.r) * t + 0.5f);
    c.g = (uint8_t)((float)a.g + ((float)b.g - (float)a.g) * t + 0.5f);
    c.b = (uint8_t)((float)a.b + ((float)b.b - (float)a.b) * t + 0.5f);
    c.a = (uint8_t)((float)a.a + ((float)b.a - (float)a.a) * t + 0.5f);
    return c;
}

const char *render_fit(Scene *s, RenderFont font, int px, const char *text, float maxw, char *buf,
                       size_t n)
{
    snprintf(buf, n, "%s", text ? text : "");
    if ((float)render_text_width(s->fonts, font, px, buf) <= maxw)
        return buf;
    size_t len = strlen(buf);
    while (len > 0) {
        len--;
        while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80)
            len--;
        if (len + 4 > n)
            continue;
        memcpy(buf + len, "\xE2\x80\xA6", 4); /* … */
        if ((float)render_text_width(s->fonts, font, px, buf) <= maxw)
            return buf;
    }
    buf[0] = 0;
    return buf;
}

void render_text_mid(Scene *s, float x, float y, float h, RenderFont font, int px,
                     RenderAlign align, RenderColor c, const char *text)
{
    float lh = (float)render_line_height(s->fonts, font, px);
    render_text(s->l, x, y + (h - lh) * 0.5f, font, px, align, c, text);
}

float render_pill(Scene *s, float x, float y, float h, RenderFont font, int px, RenderColor bg,
                  RenderColor fg, const char *text)
{
    float w = (float)render_text_width(s->fonts, font, px, text) + h * 0.9f;
    render_rect(s->l, x, y, w, h, h * 0.5f, bg);
    render_text_mid(s, x + w * 0.5f, y, h, font, px, RENDER_ALIGN_CENTER, fg, text);
    return w;
}

void render_panel(Scene *s, float x, float y, float w, float h, const char *title)
{
    const RenderTheme *t = s->t;
    render_rect(s->l, x, y, w, h, sc(s, 12), t->panel);
    render_frame(s->l, x, y, w, h, sc(s, 12), sc(s, 1), 0, t->panel_border);
    if (title)
        render_text(s->l, x + sc(s, 18), y + sc(s, 12), RENDER_FONT_BOLD, spx(s, 16),
                    RENDER_ALIGN_LEFT, t->panel_title, title);
}

const char *render_obj_label(const GcHeap *h, GcId id, char *buf, size_t n)
{
    if (gc_label(h, id))
        snprintf(buf, n, "%s", gc_label(h, id));
    else
        snprintf(buf, n, "%s #%d", gc_type_name(h, id), (int)id);
    return buf;
}

const char *render_value_text(const GcHeap *h, GcValue v, char *buf, size_t n)
{
    switch (GC_VAL_TAG(v)) {
    case GC_V_UNBOUND:
        snprintf(buf, n, "<unbound>");
        break;
    case GC_V_NONE:
        snprintf(buf, n, "None");
        break;
    case GC_V_BOOL:
        snprintf(buf, n, "%s", GC_VAL_PAYLOAD(v) ? "True" : "False");
        break;
    case GC_V_INT:
        snprintf(buf, n, "%lld", (long long)GC_VAL_PAYLOAD(v));
        break;
    case GC_V_STR:
        snprintf(buf, n, "'%s'", gc_strtab_get(gc_atoms(h), (int32_t)GC_VAL_PAYLOAD(v)));
        break;
    case GC_V_BIGINT:
    case GC_V_CONST:
        snprintf(buf, n, "%s", gc_strtab_get(gc_atoms(h), (int32_t)GC_VAL_PAYLOAD(v)));
        break;
    case GC_V_OBJ:
        render_obj_label(h, GC_VAL_ID(v), buf, n);
        break;
    case GC_V_FUNC:
        snprintf(buf, n, "<function>");
        break;
    case GC_V_CLASS:
        snprintf(buf, n, "<class>");
        break;
    default:
        snprintf(buf, n, "?");
        break;
    }
    return buf;
}

/* ---- regions ------------------------------------------------------------------ */

void render_regions(int width, int height, float scale, RenderRegions *o)
{
    float W = (float)width / scale, H = (float)height / scale;
    o->top_h = 56;
    o->caption_h = 84;
    o->timeline_h = 64;
    o->left_w = W * 0.25f;
    if (o->left_w < 300)
        o->left_w = 300;
    if (o->left_w > 440)
        o->left_w = 440;
    o->right_w = W * 0.22f;
    if (o->right_w < 290)
        o->right_w = 290;
    if (o->right_w > 400)
        o->right_w = 400;
    float m = 12; /* margin between panels */
    o->heap_x = (o->left_w + m) * scale;
    o->heap_y = (o->top_h) * scale;
    o->heap_w = (W - o->left_w - o->right_w - 2 * m) * scale;
    o->heap_h = (H - o->top_h - o->caption_h - o->timeline_h - m) * scale;
    o->code_x = m * scale;
    o->code_y = o->top_h * scale;
    o->code_w = (o->left_w - m) * scale;
    o->code_h = (H - o->top_h - o->caption_h - o->timeline_h - m) * 0.56f * scale;
}

/* ---- the top bar --------------------------------------------------------------- */

static const char *gran_name(RenderGranularity g)
{
    return g == RENDER_GRAN_STATEMENT ? "statement" : g == RENDER_GRAN_PHASE ? "phase" : "micro-step";
}

static float button(Scene *s, float x, float y, float w, float h, RenderButton id, const char *label,
                    int active)
{
    const RenderTheme *t = s->t;
    if (w <= 0)
        w = (float)render_text_width(s->fonts, RENDER_FONT_SANS, spx(s, 16), label) + sc(s, 28);
    render_rect(s->l, x, y, w, h, sc(s, 8), active ? t->accent : t->button);
    if (!active)
        render_frame(s->l, x, y, w, h, sc(s, 8), sc(s, 1), 0, t->panel_border);
    render_text_mid(s, x + w * 0.5f, y, h, RENDER_FONT_SANS, spx(s, 16), RENDER_ALIGN_CENTER,
                    active ? t->bg : t->button_text, label);
    render_hit(s->l, RENDER_HIT_BUTTON, id, x, y, w, h);
    return w;
}

static void top_bar(Scene *s)
{
    const RenderTheme *t = s->t;
    float h = sc(s, s->rg.top_h);
    float x = sc(s, 18);
    float y = sc(s, 10), bh = sc(s, 36);
    render_text_mid(s, x, 0, h, RENDER_FONT_BOLD, spx(s, 22), RENDER_ALIGN_LEFT, t->accent, "gcviz");
    x += (float)render_text_width(s->fonts, RENDER_FONT_BOLD, spx(s, 22), "gcviz") + sc(s, 16);
    char buf[512];
    /* right side, from the right edge leftwards */
    float rx = (float)s->width - sc(s, 12);
    rx -= button(s, rx - sc(s, 44), y, sc(s, 44), bh, RENDER_BTN_HELP, "?", s->v->show_help);
    rx -= sc(s, 8);
    float lw = (float)render_text_width(s->fonts, RENDER_FONT_SANS, spx(s, 16), "Legend") + sc(s, 28);
    rx -= button(s, rx - lw, y, lw, bh, RENDER_BTN_LEGEND, "Legend", s->v->show_legend);
    rx -= sc(s, 8);
    snprintf(buf, sizeof buf, "Step by: %s", gran_name(s->v->gran));
    float gw = (float)render_text_width(s->fonts, RENDER_FONT_SANS, spx(s, 16), buf) + sc(s, 28);
    rx -= button(s, rx - gw, y, gw, bh, RENDER_BTN_GRANULARITY, buf, 0);
    rx -= sc(s, 14);
    const char *title = s->v->title && *s->v->title ? s->v->title : "No scenario loaded";
    if (s->h) {
        const GcGlobals *g = gc_globals(s->h);
        const char *coll = g->collector == GC_COLLECTOR_REFCOUNT    ? "refcount only"
                           : g->collector == GC_COLLECTOR_MARKSWEEP ? "mark-sweep"
                                                                    : "CPython gc";
        /* the CPython collector names the release its goldens come from
         * ("matches CPython 3.12.1"), in short when the title would not fit
         * beside it; the teaching models (mark-sweep, refcount only) match
         * none */
        const char *onoff = g->enabled ? "enabled" : "disabled";
        if (g->collector == GC_COLLECTOR_CPYTHON) {
            snprintf(buf, sizeof buf, "Python %s \xC2\xB7 matches %s \xC2\xB7 gc %s",
                     gc_python_name(g->python), gc_python_release(g->python), onoff);
            float need = (float)render_text_width(s->fonts, RENDER_FONT_SANS, spx(s, 16), buf) +
                         bh * 0.9f + sc(s, 20) +
                         (float)render_text_width(s->fonts, RENDER_FONT_BOLD, spx(s, 20), title);
            if (need > rx - x)
                snprintf(buf, sizeof buf, "Python %s (%s) \xC2\xB7 gc %s",
                         gc_python_name(g->python),
                         gc_python_release(g->python) + strlen("CPython "), onoff);
        } else {
            snprintf(buf, sizeof buf, "Python %s \xC2\xB7 %s \xC2\xB7 gc %s",
                     gc_python_name(g->python), coll, onoff);
        }
        float pw = (float)render_text_width(s->fonts, RENDER_FONT_SANS, spx(s, 16), buf) + bh * 0.9f;
        rx -= pw;
        render_pill(s, rx, y, bh, RENDER_FONT_SANS, spx(s, 16), t->button, t->text_dim, buf);
        rx -= sc(s, 10);
    }
    float maxw = rx - x - sc(s, 10);
    render_text_mid(s, x, 0, h, RENDER_FONT_BOLD, spx(s, 20), RENDER_ALIGN_LEFT, t->text,
                    render_fit(s, RENDER_FONT_BOLD, spx(s, 20), title, maxw, buf, sizeof buf));
}

/* ---- caption ------------------------------------------------------------------------ */

static const LangLoc *current_top_loc(Scene *s)
{
    /* the module frame's line is logged state: right at any cursor */
    const GcFrame *f = s->p && s->h ? gc_frame(s->h, 0) : NULL;
    return f && f->loc >= 0 ? lang_loc(s->p, f->loc) : NULL;
}

/* The byte offset of the last space in text before which it fits maxw
 * pixels, or 0.  A binary search over the spaces (the width grows with
 * the prefix): drawn every frame, a word-by-word scan shaped the whole
 * sentence again for each word. */
size_t render_wrap_at(Scene *s, RenderFont font, int px, const char *text, float maxw)
{
    size_t spaces[300], n = 0;
    char line[1024];
    for (size_t i = 0; text[i] && i < sizeof line - 1 && n < sizeof spaces / sizeof spaces[0]; i++)
        if (text[i] == ' ')
            spaces[n++] = i;
    size_t lo = 0, hi = n, best = 0; /* spaces[0 .. lo) fit, spaces[hi ..) do not */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2, i = spaces[mid];
        memcpy(line, text, i);
        line[i] = 0;
        if ((float)render_text_width(s->fonts, font, px, line) > maxw) {
            hi = mid;
        } else {
            best = i;
            lo = mid + 1;
        }
    }
    return best;
}

/* A sentence in a line of w pixels at y: at 18 px when it fits, else at
 * 16 px, else on two lines at 15 px (cut only past them, or when bottom
 * leaves no room): a teacher's sentence is not lost at the right edge. */
static void text_lines(Scene *s, const char *say, float x, float y, float w, float bottom,
                       RenderColor color)
{
    char buf[600];
    for (int px = 18; px >= 16; px -= 2)
        if ((float)render_text_width(s->fonts, RENDER_FONT_SANS, spx(s, (float)px), say) <= w) {
            render_text(s->l, x, y + sc(s, (float)(18 - px)), RENDER_FONT_SANS, spx(s, (float)px),
                        RENDER_ALIGN_LEFT, color, say);
            return;
        }
    int px = spx(s, 15);
    float lh = sc(s, 18), y0 = y - sc(s, 12);
    size_t cut = render_wrap_at(s, RENDER_FONT_SANS, px, say, w);
    if (cut == 0 || y0 + 2 * lh > bottom) {
        render_text(s->l, x, y, RENDER_FONT_SANS, px, RENDER_ALIGN_LEFT, color,
                    render_fit(s, RENDER_FONT_SANS, px, say, w, buf, sizeof buf));
        return;
    }
    snprintf(buf, sizeof buf, "%.*s", (int)cut, say);
    render_text(s->l, x, y0, RENDER_FONT_SANS, px, RENDER_ALIGN_LEFT, color, buf);
    char rest[600];
    render_text(s->l, x, y0 + lh, RENDER_FONT_SANS, px, RENDER_ALIGN_LEFT, color,
                render_fit(s, RENDER_FONT_SANS, px, say + cut + 1, w, rest, sizeof rest));
}

/* The caption's sentence at 19 px, else 17 or 16 px when that fits; a
 * longer one (a phase summary naming its objects) takes a second line, at
 * 16 px when nothing is drawn below it, else at 15 px a little higher
 * (the line below then moves down: *below_y), and is cut only past that. */
static void caption_title(Scene *s, const char *text, float x, float y, float w, int two_lines,
                          float *below_y)
{
    char buf[600], rest[600];
    static const int sizes[] = {19, 17, 16};
    for (int k = 0; k < 3; k++) {
        int px = spx(s, (float)sizes[k]);
        if ((float)render_text_width(s->fonts, RENDER_FONT_BOLD, px, text) <= w) {
            render_text(s->l, x, y + sc(s, (float)(19 - sizes[k]) * 0.5f), RENDER_FONT_BOLD, px,
                        RENDER_ALIGN_LEFT, s->t->text,
                        render_fit(s, RENDER_FONT_BOLD, px, text, w, buf, sizeof buf));
            return;
        }
    }
    int px = spx(s, two_lines ? 16 : 15);
    float y0 = two_lines ? y : y - sc(s, 5), lh = sc(s, two_lines ? 24 : 19);
    size_t cut = render_wrap_at(s, RENDER_FONT_BOLD, px, text, w);
    if (cut == 0) {
        render_text(s->l, x, y, RENDER_FONT_BOLD, px, RENDER_ALIGN_LEFT, s->t->text,
                    render_fit(s, RENDER_FONT_BOLD, px, text, w, buf, sizeof buf));
        return;
    }
    snprintf(buf, sizeof buf, "%.*s", (int)cut, text);
    render_text(s->l, x, y0, RENDER_FONT_BOLD, px, RENDER_ALIGN_LEFT, s->t->text, buf);
    render_text(s->l, x, y0 + lh, RENDER_FONT_BOLD, px, RENDER_ALIGN_LEFT, s->t->text,
                render_fit(s, RENDER_FONT_BOLD, px, text + cut + 1, w, rest, sizeof rest));
    if (!two_lines)
        *below_y = y0 + 2 * lh + sc(s, 2);
}

void render_caption_text(const GcHeap *h, const LangProgram *p, RenderGranularity gran, char *buf,
                         size_t n)
{
    int32_t ev = h ? gc_cursor(h) - 1 : -1;
    if (n == 0)
        return;
    buf[0] = 0;
    if (ev < 0)
        return;
    /* a phase stop tells what the phase did, not its last micro-step */
    if (gran == RENDER_GRAN_PHASE && gc_phase_start(h, ev) >= 0) {
        gc_phase_summary(h, ev, buf, n);
        if (buf[0])
            return;
    }
    const GcEvent *e = gc_event(h, ev);
    const LangLoc *loc = e->kind == GC_EV_STMT && p ? lang_loc(p, (int32_t)e->a) : NULL;
    if (loc && loc->text && *loc->text) {
        snprintf(buf, n, "%s: %s", e->depth > 0 ? "Next in the function" : "Next statement",
                 loc->text);
        return;
    }
    gc_event_explain(h, ev, buf, n);
}

int render_hidden_before(const GcHeap *h)
{
    int n = 0;
    for (int32_t i = gc_cursor(h) - 2; i >= 0 && n < 1000 && gc_event_interpreter_only(h, i); i--)
        n++;
    return n;
}

const char *render_say(const GcHeap *h, const LangLoc *loc)
{
    if (!loc)
        return NULL;
    int32_t ev = h ? gc_cursor(h) - 1 : -1;
    const GcEvent *e = ev >= 0 ? gc_event(h, ev) : NULL;
    if (e && loc->phase_say && e->phase > GC_PHASE_IDLE && e->phase < GC_PHASE_COUNT &&
        loc->phase_say[e->phase] && *loc->phase_say[e->phase])
        return loc->phase_say[e->phase];
    return loc->say && *loc->say ? loc->say : NULL;
}

static void caption(Scene *s, float x, float y, float w, float h)
{
    const RenderTheme *t = s->t;
    render_rect(s->l, x, y, w, h, sc(s, 12), t->panel);
    render_frame(s->l, x, y, w, h, sc(s, 12), sc(s, 1), 0, t->panel_border);
    if (!s->h)
        return;
    char expl[512], buf[600];
    int err_here = s->tl && s->tl->error_event >= 0 && s->ev >= s->tl->error_event;
    if (s->ev >= 0) {
        render_caption_text(s->h, s->p, s->v->gran, expl, sizeof expl);
        int hidden =
            s->v->beginner && s->v->gran == RENDER_GRAN_MICRO ? render_hidden_before(s->h) : 0;
        if (hidden > 0) {
            size_t len = strlen(expl);
            snprintf(expl + len, sizeof expl - len, " (%d interpreter step%s hidden)", hidden,
                     hidden == 1 ? "" : "s");
        }
    } else
        snprintf(expl, sizeof expl, "Before the first statement. Press \xE2\x86\x92 to step.");
    float pad = sc(s, 18);
    float tx = x + pad;
    if (err_here) {
        /* the exception, Python style, at the step where it stopped */
        const char *msg = s->v->run_error && *s->v->run_error ? s->v->run_error : gc_error(s->h);
        const char *exc = s->v->run_exception;
        char title[600], where[600];
        size_t ml = strlen(msg), el = exc ? strlen(exc) : 0;
        render_rect(s->l, x + sc(s, 4), y + sc(s, 4), sc(s, 8), h - sc(s, 8), sc(s, 4), t->error);
        if (el > 0 && ml > el + 2 && strcmp(msg + ml - el, exc) == 0) {
            /* the exception in the title, where it is never cut off by a
             * long statement; where it happened below */
            snprintf(title, sizeof title, "Traceback: %s", exc);
            snprintf(where, sizeof where, "%.*s", (int)(ml - el - 2), msg);
        } else {
            snprintf(title, sizeof title, "Traceback: the scenario stopped here");
            snprintf(where, sizeof where, "%s", msg);
        }
        render_text(s->l, tx, y + sc(s, 12), RENDER_FONT_BOLD, spx(s, 18), RENDER_ALIGN_LEFT,
                    t->error, render_fit(s, RENDER_FONT_BOLD, spx(s, 18), title, w - 2 * pad, buf, sizeof buf));
        render_text(s->l, tx, y + sc(s, 44), RENDER_FONT_MONO, spx(s, 17), RENDER_ALIGN_LEFT,
                    t->text,
                    render_fit(s, RENDER_FONT_MONO, spx(s, 17), where, w - 2 * pad, buf, sizeof buf));
        return;
    }
    float rw = sc(s, 190);
    snprintf(buf, sizeof buf, "event %d / %d", (int)s->cursor, (int)s->nevents);
    render_text(s->l, x + w - pad, y + sc(s, 14), RENDER_FONT_SANS, spx(s, 16), RENDER_ALIGN_RIGHT,
                t->text_faint, buf);
    if (s->ev >= 0) {
        const GcEvent *e = gc_event(s->h, s->ev);
        if (e->phase != GC_PHASE_IDLE) {
            snprintf(buf, sizeof buf, "%s", gc_phase_name((GcPhase)e->phase));
            float pw = (float)render_text_width(s->fonts, RENDER_FONT_BOLD, spx(s, 16), buf) +
                       sc(s, 30);
            render_pill(s, x + w - pad - pw, y + sc(s, 42), sc(s, 28), RENDER_FONT_BOLD,
                        spx(s, 16), t->timeline_phase, t->bg, buf);
        }
    }
    const LangLoc *loc = current_top_loc(s);
    const char *tsay = render_say(s->h, loc);
    int below = (s->ev < 0 && s->v->description && *s->v->description) || tsay;
    float below_y = y + sc(s, 46);
    caption_title(s, expl, tx, y + sc(s, 12), w - 2 * pad - rw, !below, &below_y);
    if (s->ev < 0 && s->v->description && *s->v->description) {
        /* before the first statement: what the scenario is about */
        text_lines(s, s->v->description, tx, below_y, w - 2 * pad - rw, y + h, t->accent);
    } else if (tsay) {
        char say[600];
        snprintf(say, sizeof say, "\xE2\x80\x9C%s\xE2\x80\x9D", tsay);
        text_lines(s, say, tx, below_y, w - 2 * pad - rw, y + h, t->accent);
    }
}

/* ---- transport and timeline ------------------------------------------------------ */

static void icon(Scene *s, float cx, float cy, float r, RenderButton b, RenderColor c)
{
    RenderPt tri[3];
    float bw = r * 0.28f;
    switch (b) {
    case RENDER_BTN_HOME:
        render_rect(s->l, cx - r, cy - r, bw, 2 * r, 0, c);
        tri[0] = (RenderPt){cx - r + bw * 1.5f, cy};
        tri[1] = (RenderPt){cx + r * 0.8f, cy - r};
        tri[2] = (RenderPt){cx + r * 0.8f, cy + r};
        render_poly(s->l, tri, 3, c);
        break;
    case RENDER_BTN_END:
        render_rect(s->l, cx + r - bw, cy - r, bw, 2 * r, 0, c);
        tri[0] = (RenderPt){cx + r - bw * 1.5f, cy};
        tri[1] = (RenderPt){cx - r * 0.8f, cy - r};
        tri[2] = (RenderPt){cx - r * 0.8f, cy + r};
        render_poly(s->l, tri, 3, c);
        break;
    case RENDER_BTN_PREV:
        tri[0] = (RenderPt){cx - r * 0.7f, cy};
        tri[1] = (RenderPt){cx + r * 0.7f, cy - r};
        tri[2] = (RenderPt){cx + r * 0.7f, cy + r};
        render_poly(s->l, tri, 3, c);
        break;
    case RENDER_BTN_NEXT:
        tri[0] = (RenderPt){cx + r * 0.7f, cy};
        tri[1] = (RenderPt){cx - r * 0.7f, cy - r};
        tri[2] = (RenderPt){cx - r * 0.7f, cy + r};
        render_poly(s->l, tri, 3, c);
        break;
    case RENDER_BTN_PLAY:
        if (s->v->playing) {
            render_rect(s->l, cx - r * 0.75f, cy - r, r * 0.5f, 2 * r, sc(s, 1), c);
            render_rect(s->l, cx + r * 0.25f, cy - r, r * 0.5f, 2 * r, sc(s, 1), c);
        } else {
            tri[0] = (RenderPt){cx + r, cy};
            tri[1] = (RenderPt){cx - r * 0.7f, cy - r * 1.1f};
            tri[2] = (RenderPt){cx - r * 0.7f, cy + r * 1.1f};
            render_poly(s->l, tri, 3, c);
        }
        break;
    default:
        break;
    }
}

/* Over the timeline: "step 7 · gc.collect() · subtract_refs", the step a
 * click there shows, in a box above the track at mouse x (kept between
 * left and right). */
static void timeline_tip(Scene *s, int32_t cursor, float mx, float bottom, float left, float right)
{
    const RenderTheme *t = s->t;
    if (cursor <= 0 || cursor > s->nevents)
        return;
    const GcEvent *e = gc_event(s->h, cursor - 1);
    const char *stmt = NULL;
    /* the top-level statement it is in, from the run index (not a scan
     * back: a loop of 10^6 events is one statement's body) */
    int32_t at = s->tl && s->p ? gc_index_stmt_at(s->tl, cursor - 1) : -1;
    if (at >= 0) {
        const LangLoc *loc = lang_loc(s->p, (int32_t)gc_event(s->h, at)->a);
        stmt = loc ? loc->text : NULL;
    }
    char buf[400], fit[400];
    int exit = s->p && lang_step_count(s->p) > 0 && e->step >= lang_step_count(s->p);
    int k = exit ? snprintf(buf, sizeof buf, "the interpreter's exit")
                 : snprintf(buf, sizeof buf, "step %d", (int)e->step + 1);
    if (exit)
        stmt = NULL; /* its text is "<exit>" */
    if (stmt && k > 0 && (size_t)k < sizeof buf)
        k += snprintf(buf + k, sizeof buf - (size_t)k, " \xC2\xB7 %s", stmt);
    if (e->phase != GC_PHASE_IDLE && k > 0 && (size_t)k < sizeof buf)
        snprintf(buf + k, sizeof buf - (size_t)k, " \xC2\xB7 %s", gc_phase_name((GcPhase)e->phase));
    int px = spx(s, 16);
    const char *txt = render_fit(s, RENDER_FONT_SANS, px, buf, (right - left) * 0.6f, fit, sizeof fit);
    float bw = (float)render_text_width(s->fonts, RENDER_FONT_SANS, px, txt) + sc(s, 24);
    float bh = sc(s, 32), bx = mx - bw * 0.5f, by = bottom - bh;
    bx = bx < left ? left : bx + bw > right ? right - bw : bx;
    render_rect(s->l, bx + sc(s, 1), by + sc(s, 3), bw, bh, sc(s, 8), t->card_shadow);
    render_rect(s->l, bx, by, bw, bh, sc(s, 8), t->toast);
    render_text_mid(s, bx + bw * 0.5f, by, bh, RENDER_FONT_SANS, px, RENDER_ALIGN_CENTER, t->toast_text, txt);
    /* where the history's budget kept only statements, why stepping pauses */
    for (int c = 0; s->tl && c < s->tl->ncoarse; c++) {
        if (cursor - 1 < s->tl->coarse_from[c] || cursor - 1 >= s->tl->coarse_to[c])
            continue;
        txt = render_fit(s, RENDER_FONT_SANS, px,
                         "statements only here: finer steps are recomputed when you step there",
                         (right - left) * 0.8f, fit, sizeof fit);
        float cw = (float)render_text_width(s->fonts, RENDER_FONT_SANS, px, txt) + sc(s, 24);
        float cx = mx - cw * 0.5f, cy = by - bh - sc(s, 4);
        cx = cx < left ? left : cx + cw > right ? right - cw : cx;
        render_rect(s->l, cx + sc(s, 1), cy + sc(s, 3), cw, bh, sc(s, 8), t->card_shadow);
        render_rect(s->l, cx, cy, cw, bh, sc(s, 8), t->toast);
        render_text_mid(s, cx + cw * 0.5f, cy, bh, RENDER_FONT_SANS, px, RENDER_ALIGN_CENTER,
                        t->toast_text, txt);
        break;
    }
}

/* The parts of the timeline where the history kept only statement stops:
 * a sparse cross-hatch in the faint text colour with a dashed outline
 * (unlike a collection's filled band), labelled when there is room. */
static void timeline_coarse(Scene *s, float tx, float tw, float ty, float th)
{
    const RenderTheme *t = s->t;
    float n = (float)s->nevents;
    for (int k = 0; k < s->tl->ncoarse; k++) {
        float x0 = tx + tw * ((float)s->tl->coarse_from[k] / n),
              x1 = tx + tw * ((float)s->tl->coarse_to[k] / n);
        if (x1 - x0 < sc(s, 2))
            x1 = x0 + sc(s, 2);
        render_rect(s->l, x0, ty, x1 - x0, th, sc(s, 3), with_alpha(t->text_faint, 0.18f));
        render_hatch(s->l, x0, ty, x1 - x0, th, sc(s, 1), sc(s, 10),
                     with_alpha(t->text_faint, 0.7f));
        render_frame(s->l, x0, ty, x1 - x0, th, sc(s, 3), sc(s, 1), sc(s, 4), t->text_faint);
    }
}

/* The label of the widest statements-only part, under the track. */
static void timeline_coarse_label(Scene *s, float tx, float tw, float ty, float th)
{
    const RenderTheme *t = s->t;
    float n = (float)s->nevents, best = 0, bx = 0;
    for (int k = 0; k < s->tl->ncoarse; k++) {
        float x0 = tx + tw * ((float)s->tl->coarse_from[k] / n),
              x1 = tx + tw * ((float)s->tl->coarse_to[k] / n);
        if (x1 - x0 > best) {
            best = x1 - x0;
            bx = x0;
        }
    }
    const char *label = "statements only";
    int px = spx(s, 12);
    float lw = (float)render_text_width(s->fonts, RENDER_FONT_SANS, px, label);
    if (best < lw + sc(s, 8))
        return;
    render_text(s->l, bx + best * 0.5f, ty + th + sc(s, 2), RENDER_FONT_SANS, px,
                RENDER_ALIGN_CENTER, t->text_dim, label);
}

static void timeline(Scene *s, float x, float y, float w, float h)
{
    const RenderTheme *t = s->t;
    /* all but the cursor is the same from step to step: a group the
     * backend keeps as pixels (a long run's track has thousands of marks),
     * from the first frame on (drawing them twice made the first jump the
     * slowest: 5 ms of phase marks at 10^5 iterations) */
    int32_t group = render_group_begin_lasting(s->l);
    float bs = sc(s, 44), gap = sc(s, 8);
    float by = y + (h - bs) * 0.5f;
    static const RenderButton order[] = {RENDER_BTN_HOME, RENDER_BTN_PREV, RENDER_BTN_PLAY,
                                         RENDER_BTN_NEXT, RENDER_BTN_END};
    float bx = x;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        int active = order[i] == RENDER_BTN_PLAY && s->v->playing;
        render_rect(s->l, bx, by, bs, bs, sc(s, 10), active ? t->accent : t->button);
        render_frame(s->l, bx, by, bs, bs, sc(s, 10), sc(s, 1), 0, t->panel_border);
        icon(s, bx + bs * 0.5f, by + bs * 0.5f, sc(s, 9), order[i], active ? t->bg : t->button_text);
        render_hit(s->l, RENDER_HIT_BUTTON, order[i], bx, by, bs, bs);
        bx += bs + gap;
    }
    bx += sc(s, 4);
    bx += button(s, bx, by, 0, bs, RENDER_BTN_NEXT_GC, "Next GC", 0) + gap;
    char buf[64];
    snprintf(buf, sizeof buf, "%d/s", s->v->speed);
    render_text_mid(s, bx + sc(s, 4), by, bs, RENDER_FONT_SANS, spx(s, 16), RENDER_ALIGN_LEFT,
                    t->text_faint, buf);
    bx += sc(s, 56);
    /* the track */
    float tx = bx + sc(s, 10), tw = x + w - tx - sc(s, 10);
    float ty = y + h * 0.5f - sc(s, 11), th = sc(s, 22);
    render_rect(s->l, tx, ty, tw, th, th * 0.5f, t->timeline);
    if (!s->h || !s->tl || s->nevents <= 0 || tw <= 0) {
        render_group_end(s->l, group);
        return;
    }
    float n = (float)s->nevents;
#define TX(i) (tx + tw * ((float)(i) / n))
    for (int32_t i = 0; i < s->tl->ncollections; i++) {
        float x0 = TX(s->tl->gc_start[i]), x1 = TX(s->tl->gc_end[i] + 1);
        if (x1 - x0 < sc(s, 3))
            x1 = x0 + sc(s, 3);
        render_rect(s->l, x0, ty, x1 - x0, th, sc(s, 3), t->timeline_gc);
        render_hatch(s->l, x0, ty, x1 - x0, th, sc(s, 1), sc(s, 6), with_alpha(t->timeline_phase, 0.6f));
    }
    timeline_coarse(s, tx, tw, ty, th);
    int32_t step_every = 1;
    while (s->tl->nstmts / step_every > (int32_t)(tw / sc(s, 5)))
        step_every *= 2;
    for (int32_t i = 0; i < s->tl->nstmts; i += step_every) {
        float sx = TX(s->tl->stmts[i]);
        render_rect(s->l, sx, ty + th * 0.25f, sc(s, 1.5f), th * 0.5f, 0, t->timeline_stmt);
    }
    for (int32_t i = 0; i < s->tl->nphases; i++) {
        float px = TX(s->tl->phases[i]);
        RenderPt d[4] = {{px, ty - sc(s, 6)}, {px + sc(s, 4), ty - sc(s, 2)}, {px, ty + sc(s, 2)},
                         {px - sc(s, 4), ty - sc(s, 2)}};
        render_poly(s->l, d, 4, t->timeline_phase);
    }
    timeline_coarse_label(s, tx, tw, ty, th);
    if (s->tl->error_event >= 0) {
        float ex = TX(s->tl->error_event);
        render_rect(s->l, ex - sc(s, 2), ty - sc(s, 4), sc(s, 4), th + sc(s, 8), sc(s, 2), t->error);
    }
    render_group_end(s->l, group);
    float cx = TX(s->cursor);
    render_rect(s->l, tx, ty + th * 0.5f - sc(s, 2), cx - tx, sc(s, 4), sc(s, 2), with_alpha(t->accent, 0.8f));
    render_rect(s->l, cx - sc(s, 2), ty - sc(s, 8), sc(s, 4), th + sc(s, 16), sc(s, 2), t->cursor);
    render_rect(s->l, cx - sc(s, 8), ty + th * 0.5f - sc(s, 8), sc(s, 16), sc(s, 16), sc(s, 8), t->cursor);
    render_hit(s->l, RENDER_HIT_TIMELINE, s->nevents, tx, y, tw, h);
    if (s->v->hover_cursor >= 0)
        timeline_tip(s, s->v->hover_cursor, s->v->hover_x, ty - sc(s, 10), x, x + w);
#undef TX
}

/* ---- overlays ---------------------------------------------------------------------- */

static void overlay_box(Scene *s, float w, float h, const char *title, float *ox, float *oy)
{
    const RenderTheme *t = s->t;
    render_rect(s->l, 0, 0, (float)s->width, (float)s->height, 0, t->overlay_dim);
    float x = ((float)s->width - w) * 0.5f, y = ((float)s->height - h) * 0.5f;
    render_rect(s->l, x + sc(s, 2), y + sc(s, 6), w, h, sc(s, 16), t->card_shadow);
    render_rect(s->l, x, y, w, h, sc(s, 16), t->panel);
    render_frame(s->l, x, y, w, h, sc(s, 16), sc(s, 1.5f), 0, t->card_border);
    render_text(s->l, x + sc(s, 28), y + sc(s, 22), RENDER_FONT_BOLD, spx(s, 22), RENDER_ALIGN_LEFT,
                t->text, title);
    render_text(s->l, x + w - sc(s, 28), y + sc(s, 26), RENDER_FONT_SANS, spx(s, 16),
                RENDER_ALIGN_RIGHT, t->text_faint, "Esc closes");
    *ox = x;
    *oy = y;
}

static void help_overlay(Scene *s)
{
    static const char *const rows[][2] = {
        {"\xE2\x86\x92 / \xE2\x86\x90", "next / previous step at the current granularity"},
        {"Shift+\xE2\x86\x92 / Shift+\xE2\x86\x90", "next / previous statement"},
        {"Tab", "granularity: statement \xE2\x86\x92 phase \xE2\x86\x92 micro-step"},
        {"Space", "play / pause"},
        {"+ / \xE2\x88\x92", "faster / slower"},
        {"Home / End", "first / last step"},
        {"C / Shift+C", "next / previous collection"},
        {"B", "beginner view: hide interpreter temporaries"},
        {"PgDn / PgUp", "next / previous chapter of the course"},
        {"S / L / T / F", "screenshot (PNG) / legend / theme / fit to window"},
        {"O / R", "open a scenario / reload the file"},
        {"F1 or ?", "this help"},
        {"F11", "full screen (Esc leaves it)"},
        {"Ctrl + / \xE2\x88\x92 / 0", "larger / smaller / normal interface"},
        {"Esc", "close an overlay or leave full screen (never quits)"},
        {"Q or Ctrl+Q", "quit (asks first: Q or Enter again)"},
        {"Mouse", "drag a card to pin it \xC2\xB7 double-click it to unpin it"},
        {"Ctrl+S", "save the pinned cards' places into the file"},
        {"", "wheel zooms \xC2\xB7 drag the background to pan"},
        {"", "click a card to inspect it \xC2\xB7 drop a .json file to open it"},
    };
    int n = (int)(sizeof rows / sizeof rows[0]);
    float rh = sc(s, 34);
    /* closer rows in a small window (the box stays inside it) */
    float room = ((float)s->height - sc(s, 24) - sc(s, 90)) / (float)n;
    if (rh > room)
        rh = room > sc(s, 27) ? room : sc(s, 27);
    float w = sc(s, 900), h = sc(s, 90) + rh * (float)n;
    float x, y;
    overlay_box(s, w, h, "Keys", &x, &y);
    for (int i = 0; i < n; i++) {
        float ry = y + sc(s, 70) + rh * (float)i;
        if (rows[i][0][0])
            render_pill(s, x + sc(s, 28), ry + sc(s, 3), rh - sc(s, 6), RENDER_FONT_MONO,
                        spx(s, 16), s->t->button, s->t->text, rows[i][0]);
        render_text_mid(s, x + sc(s, 270), ry, rh, RENDER_FONT_SANS, spx(s, 17), RENDER_ALIGN_LEFT,
                        s->t->text_dim, rows[i][1]);
    }
}

/* A small card sample for the legend. */
static void legend_sample(Scene *s, float x, float y, RenderColor stripe, int bars, float dash,
                          RenderColor border, int hatch, float alpha)
{
    const RenderTheme *t = s->t;
    float w = sc(s, 54), h = sc(s, 34);
    render_rect(s->l, x, y, w, h, sc(s, 6), with_alpha(t->card, alpha));
    if (hatch)
        render_hatch(s->l, x + sc(s, 2), y + sc(s, 2), w - sc(s, 4), h - sc(s, 4), sc(s, 1.5f),
                     sc(s, 7), with_alpha(t->leaked, 0.7f));
    for (int b = 0; b < bars; b++)
        render_rect(s->l, x + sc(s, 4) + (float)b * sc(s, 6), y + sc(s, 5), sc(s, 3.5f), h - sc(s, 10),
                    sc(s, 1), stripe);
    render_frame(s->l, x, y, w, h, sc(s, 6), sc(s, 2), dash, border);
}

static void legend_overlay(Scene *s)
{
    const RenderTheme *t = s->t;
    float rh = sc(s, 46);
    float w = sc(s, 880), h = sc(s, 100) + rh * 7;
    float x, y;
    overlay_box(s, w, h, "Legend", &x, &y);
    float c1 = x + sc(s, 28), c2 = x + w * 0.5f + sc(s, 10);
    float ty = y + sc(s, 74);
    struct {
        RenderColor stripe;
        int bars;
        float dash;
        RenderColor border;
        int hatch;
        float alpha;
        const char *label;
    } items[] = {
        {t->gen[0], 1, 0, t->card_border, 0, 1, "generation 0 (one bar)"},
        {t->gen[1], 2, 0, t->card_border, 0, 1, "generation 1 (two bars)"},
        {t->gen[2], 3, 0, t->card_border, 0, 1, "generation 2 (three bars)"},
        {t->gen[3], 4, 0, t->card_border, 0, 1, "permanent (frozen, four bars)"},
        {t->untracked, 0, 0, t->card_border, 0, 1, "untracked (no bars)"},
        {t->gen[0], 1, 0, t->hot, 0, 1, "touched by this step (thick outline)"},
        {t->gen[0], 1, sc(s, 7), t->unreachable, 0, 0.6f, "unreachable, not yet collected (dashed)"},
        {t->gen[0], 1, sc(s, 3), t->freed, 0, 0.35f, "freed (fades out, dotted)"},
        {t->gen[0], 1, 0, t->leaked, 1, 1, "leaked: never freed (hatched)"},
    };
    int n = (int)(sizeof items / sizeof items[0]);
    for (int i = 0; i < n; i++) {
        float cx = i < 7 ? c1 : c2;
        float cy = ty + rh * (float)(i < 7 ? i : i - 7);
        legend_sample(s, cx, cy + sc(s, 4), items[i].stripe, items[i].bars, items[i].dash,
                      items[i].border, items[i].hatch, items[i].alpha);
        render_text_mid(s, cx + sc(s, 70), cy, sc(s, 42), RENDER_FONT_SANS, spx(s, 17),
                        RENDER_ALIGN_LEFT, t->text, items[i].label);
    }
    /* badges and arrows, second column */
    float cy = ty + rh * 2;
    render_pill(s, c2, cy + sc(s, 8), sc(s, 26), RENDER_FONT_BOLD, spx(s, 16), t->badge,
                t->badge_text, "rc 2");
    render_text_mid(s, c2 + sc(s, 70), cy, sc(s, 42), RENDER_FONT_SANS, spx(s, 17), RENDER_ALIGN_LEFT,
                    t->text, "reference count (ob_refcnt)");
    cy += rh;
    render_rect(s->l, c2, cy + sc(s, 8), sc(s, 54), sc(s, 26), sc(s, 3), t->gcrefs);
    render_text_mid(s, c2 + sc(s, 27), cy + sc(s, 8), sc(s, 26), RENDER_FONT_BOLD, spx(s, 16),
                    RENDER_ALIGN_CENTER, t->gcrefs_text, "gc 1");
    render_text_mid(s, c2 + sc(s, 70), cy, sc(s, 42), RENDER_FONT_SANS, spx(s, 17), RENDER_ALIGN_LEFT,
                    t->text, "gc_refs during a collection (square)");
    cy += rh;
    RenderPt a[2] = {{c2, cy + sc(s, 21)}, {c2 + sc(s, 54), cy + sc(s, 21)}};
    render_line(s->l, a, 2, sc(s, 2.5f), 0, sc(s, 13), t->arrow);
    render_text_mid(s, c2 + sc(s, 70), cy, sc(s, 42), RENDER_FONT_SANS, spx(s, 17), RENDER_ALIGN_LEFT,
                    t->text, "strong reference");
    cy += rh;
    RenderPt b[2] = {{c2, cy + sc(s, 21)}, {c2 + sc(s, 54), cy + sc(s, 21)}};
    render_line(s->l, b, 2, sc(s, 2.5f), sc(s, 6), sc(s, 13), t->arrow_weak);
    render_text_mid(s, c2 + sc(s, 70), cy, sc(s, 42), RENDER_FONT_SANS, spx(s, 17), RENDER_ALIGN_LEFT,
                    t->text, "weak reference (dashed)");
    cy += rh;
    render_pill(s, c2, cy + sc(s, 8), sc(s, 26), RENDER_FONT_MONO, spx(s, 16), t->text_dim,
                t->bg, "a");
    render_text_mid(s, c2 + sc(s, 70), cy, sc(s, 42), RENDER_FONT_SANS, spx(s, 17), RENDER_ALIGN_LEFT,
                    t->text, "a name that refers to the object");
}

static void picker_overlay(Scene *s)
{
    const RenderTheme *t = s->t;
    int n = s->v->picker_count;
    float rh = sc(s, 40), desc_h = s->v->picker_desc ? sc(s, 48) : 0;
    int shown = n < 14 ? n : 14;
    /* fewer rows in a small window: the box stays inside it */
    while (shown > 3 && sc(s, 110) + desc_h + rh * (float)shown > (float)s->height - sc(s, 24))
        shown--;
    float w = sc(s, 760), h = sc(s, 110) + desc_h + rh * (float)(shown > 0 ? shown : 1);
    float x, y;
    overlay_box(s, w, h, "Open a scenario", &x, &y);
    if (n == 0) {
        render_text(s->l, x + sc(s, 28), y + sc(s, 76), RENDER_FONT_SANS, spx(s, 17),
                    RENDER_ALIGN_LEFT, t->text_dim, "No scenarios found. Drop a .json file here.");
        return;
    }
    int first = s->v->picker_sel - shown / 2;
    if (first > n - shown)
        first = n - shown;
    if (first < 0)
        first = 0;
    char buf[512];
    for (int i = 0; i < shown; i++) {
        int k = first + i;
        float ry = y + sc(s, 70) + rh * (float)i;
        int sel = k == s->v->picker_sel;
        if (sel)
            render_rect(s->l, x + sc(s, 16), ry, w - sc(s, 32), rh - sc(s, 4), sc(s, 8), t->code_hl);
        float fw = 0;
        if (s->v->picker_files) {
            /* the file name at the right, dimmer: what the title is */
            char fb[300];
            const char *fn = render_fit(s, RENDER_FONT_SANS, spx(s, 15), s->v->picker_files[k],
                                        w * 0.4f, fb, sizeof fb);
            fw = (float)render_text_width(s->fonts, RENDER_FONT_SANS, spx(s, 15), fn) + sc(s, 16);
            render_text_mid(s, x + w - sc(s, 30), ry, rh - sc(s, 4), RENDER_FONT_SANS, spx(s, 15),
                            RENDER_ALIGN_RIGHT, sel ? t->code_hl_text : t->text_faint, fn);
        }
        render_text_mid(s, x + sc(s, 30), ry, rh - sc(s, 4), RENDER_FONT_SANS, spx(s, 17),
                        RENDER_ALIGN_LEFT, sel ? t->code_hl_text : t->text,
                        render_fit(s, RENDER_FONT_SANS, spx(s, 17), s->v->picker_items[k],
                                   w - sc(s, 60) - fw, buf, sizeof buf));
        render_hit(s->l, RENDER_HIT_PICKER, k, x + sc(s, 16), ry, w - sc(s, 32), rh - sc(s, 4));
    }
    int sel = s->v->picker_sel;
    if (s->v->picker_desc && sel >= 0 && sel < n && s->v->picker_desc[sel][0]) {
        float dy = y + sc(s, 70) + rh * (float)shown + sc(s, 6);
        text_lines(s, s->v->picker_desc[sel], x + sc(s, 30), dy + sc(s, 9), w - sc(s, 60),
                   dy + desc_h, t->text_dim);
    }
    render_text(s->l, x + sc(s, 28), y + h - sc(s, 34), RENDER_FONT_SANS, spx(s, 16),
                RENDER_ALIGN_LEFT, t->text_faint, "\xE2\x86\x91 \xE2\x86\x93 choose \xC2\xB7 Enter opens");
}

#define ERROR_LINES 10 /* lines of messages the load-error panel shows */

static void load_error_panel(Scene *s)
{
    const RenderTheme *t = s->t;
    const char *msg = s->v->load_error;
    float x = s->rg.heap_x + sc(s, 16), w = s->rg.heap_w - sc(s, 32), lh = sc(s, 26);
    int px = spx(s, 16);
    /* each problem wrapped to the panel (monospace: a fixed count of
     * characters per line, broken after a space where there is one): the
     * message is what the panel is for, it is not cut */
    static const char ms[] = "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM"; /* 50: the advance */
    int cpl = (int)((w - sc(s, 48)) * 50.0f / (float)render_text_width(s->fonts, RENDER_FONT_MONO, px, ms));
    if (cpl < 20)
        cpl = 20;
    char lines[ERROR_LINES][512];
    int n = 0;
    for (const char *c = msg; *c && n < ERROR_LINES;) {
        size_t k = strcspn(c, "\n");
        while (k > 0 && n < ERROR_LINES) {
            int first = c == msg || c[-1] == '\n'; /* the rest of a problem is indented */
            size_t take = k, room = (size_t)(first ? cpl : cpl - 2);
            if (take > room) {
                take = room;
                for (size_t j = take; j > room / 2; j--)
                    if (c[j - 1] == ' ') {
                        take = j;
                        break;
                    }
            }
            if (take > 500)
                take = 500;
            snprintf(lines[n++], sizeof lines[0], "%s%.*s", first ? "" : "  ", (int)take, c);
            c += take;
            k -= take;
        }
        c += k;
        if (*c == '\n')
            c++;
    }
    float y = s->rg.heap_y + sc(s, 12), h = sc(s, 56) + lh * (float)(n > 0 ? n : 1);
    render_rect(s->l, x + sc(s, 2), y + sc(s, 4), w, h, sc(s, 12), t->card_shadow);
    render_rect(s->l, x, y, w, h, sc(s, 12), t->panel);
    render_frame(s->l, x, y, w, h, sc(s, 12), sc(s, 2.5f), 0, t->error);
    render_rect(s->l, x, y, sc(s, 10), h, sc(s, 5), t->error);
    const char *hint = "Esc closes";
    float hw = (float)render_text_width(s->fonts, RENDER_FONT_SANS, spx(s, 16), hint) + sc(s, 24);
    const char *title = "Could not load the scenario (the previous one stays open)";
    if ((float)render_text_width(s->fonts, RENDER_FONT_BOLD, spx(s, 18), title) > w - sc(s, 26) - hw)
        title = "Could not load the scenario";
    render_text(s->l, x + sc(s, 26), y + sc(s, 12), RENDER_FONT_BOLD, spx(s, 18), RENDER_ALIGN_LEFT,
                t->error, title);
    render_text(s->l, x + w - sc(s, 16), y + sc(s, 14), RENDER_FONT_SANS, spx(s, 16),
                RENDER_ALIGN_RIGHT, t->text_faint, hint);
    char buf[560];
    for (int i = 0; i < n; i++)
        render_text(s->l, x + sc(s, 26), y + sc(s, 46) + lh * (float)i, RENDER_FONT_MONO, px,
                    RENDER_ALIGN_LEFT, t->text,
                    render_fit(s, RENDER_FONT_MONO, px, lines[i], w - sc(s, 48), buf, sizeof buf));
}

static void toast(Scene *s)
{
    const RenderTheme *t = s->t;
    char buf[600];
    const char *msg = render_fit(s, RENDER_FONT_SANS, spx(s, 17), s->v->toast,
                                 s->rg.heap_w - sc(s, 60), buf, sizeof buf);
    float w = (float)render_text_width(s->fonts, RENDER_FONT_SANS, spx(s, 17), msg) + sc(s, 48);
    float h = sc(s, 44);
    float x = s->rg.heap_x + (s->rg.heap_w - w) * 0.5f;
    float y = s->rg.heap_y + s->rg.heap_h - h - sc(s, 18);
    RenderColor bg = s->v->toast_is_error ? t->error : t->toast;
    render_rect(s->l, x + sc(s, 2), y + sc(s, 4), w, h, h * 0.5f, t->card_shadow);
    render_rect(s->l, x, y, w, h, h * 0.5f, bg);
    render_text_mid(s, x + w * 0.5f, y, h, RENDER_FONT_SANS, spx(s, 17), RENDER_ALIGN_CENTER,
                    s->v->toast_is_error ? (RenderColor){255, 255, 255, 255} : t->toast_text, msg);
}

/* The quit question or the end-of-chapter prompt: a box over the heap's
 * bottom, above where toasts appear, outlined in the accent colour so it
 * is seen from the back of the room.  A second line (after '\n') is
 * drawn below the first in the plain font. */
static void prompt_box(Scene *s)
{
    const RenderTheme *t = s->t;
    char line1[400], buf1[600], buf2[600];
    const char *nl = strchr(s->v->prompt, '\n');
    snprintf(line1, sizeof line1, "%.*s", nl ? (int)(nl - s->v->prompt) : (int)strlen(s->v->prompt),
             s->v->prompt);
    int px = spx(s, 19), px2 = spx(s, 17);
    float maxw = s->rg.heap_w - sc(s, 80);
    const char *m1 = render_fit(s, RENDER_FONT_BOLD, px, line1, maxw, buf1, sizeof buf1);
    const char *m2 =
        nl ? render_fit(s, RENDER_FONT_SANS, px2, nl + 1, maxw, buf2, sizeof buf2) : NULL;
    float tw = (float)render_text_width(s->fonts, RENDER_FONT_BOLD, px, m1);
    if (m2) {
        float tw2 = (float)render_text_width(s->fonts, RENDER_FONT_SANS, px2, m2);
        tw = tw2 > tw ? tw2 : tw;
    }
    float w = tw + sc(s, 56), h = sc(s, m2 ? 84 : 54);
    float x = s->rg.heap_x + (s->rg.heap_w - w) * 0.5f;
    float y = s->rg.heap_y + s->rg.heap_h - h - sc(s, 80);
    render_rect(s->l, x + sc(s, 2), y + sc(s, 5), w, h, sc(s, 12), t->card_shadow);
    render_rect(s->l, x, y, w, h, sc(s, 12), t->panel);
    render_frame(s->l, x, y, w, h, sc(s, 12), sc(s, 3), 0, t->accent);
    render_text_mid(s, x + w * 0.5f, y + sc(s, m2 ? 2 : 0), sc(s, 50), RENDER_FONT_BOLD, px,
                    RENDER_ALIGN_CENTER, t->text, m1);
    if (m2)
        render_text_mid(s, x + w * 0.5f, y + sc(s, 40), sc(s, 36), RENDER_FONT_SANS, px2,
                        RENDER_ALIGN_CENTER, t->text, m2);
}

static void welcome(Scene *s)
{
    const RenderTheme *t = s->t;
    float cx = s->rg.heap_x + s->rg.heap_w * 0.5f, cy = s->rg.heap_y + s->rg.heap_h * 0.4f;
    render_text(s->l, cx, cy, RENDER_FONT_BOLD, spx(s, 26), RENDER_ALIGN_CENTER, t->text,
                "Watch CPython manage memory");
    render_text(s->l, cx, cy + sc(s, 48), RENDER_FONT_SANS, spx(s, 18), RENDER_ALIGN_CENTER,
                t->text_dim, "Press O to open a scenario, or drop a .json file on this window.");
}

/* ---- the frame ------------------------------------------------------------------------ */

int render_scene(RenderList *l, RenderFonts *fonts, const GcHeap *h, const LangProgram *p,
                 const Layout *layout, const struct GcRunIndex *tl, const RenderView *v, int width,
                 int height)
{
    Scene s;
    RenderCache *own = NULL;
    memset(&s, 0, sizeof s);
    s.l = l;
    s.fonts = fonts;
    s.t = render_theme(v->theme);
    s.v = v;
    s.h = h;
    s.p = h ? p : NULL;
    s.layout = layout;
    s.tl = tl;
    s.s = v->scale > 0 ? v->scale : 1;
    s.width = width;
    s.height = height;
    render_list_reset(l, width, height, s.t->bg);
    render_regions_for(width, height, s.s, v->slide, p, layout, &s.rg);
    if (h) {
        s.cursor = gc_cursor(h);
        s.nevents = gc_event_count(h);
        s.ev = s.cursor - 1;
        s.maxid = gc_max_id(h);
        /* the window's cache, else one for this frame alone */
        s.cache = v->cache ? v->cache : (own = render_cache_new());
        /* s.reach when first asked for (render_scene_reach): blocks of
         * counts do not need it */
    } else {
        s.ev = -1;
    }
    const RenderRegions *rg = &s.rg;
    float m = sc(&s, 12);
    if (v->slide) {
        render_slide(&s);
        goto overlays;
    }
    top_bar(&s);
    /* left column: code above frames */
    float colh = rg->heap_h;
    render_code_panel(&s, rg->code_x, rg->code_y, rg->code_w, rg->code_h);
    render_frames_panel(&s, rg->code_x, rg->code_y + rg->code_h + m, rg->code_w,
                        colh - rg->code_h - m);
    /* right column */
    float rx = rg->heap_x + rg->heap_w + m;
    /* what print printed: below the collector (the frames panel needs its room) */
    float out_h = render_output_h(&s, (float)width - rx - m);
    render_collector_panel(&s, rx, rg->heap_y, (float)width - rx - m,
                           colh - (out_h > 0 ? out_h + m : 0));
    if (out_h > 0)
        render_output_panel(&s, rx, rg->heap_y + colh - out_h, (float)width - rx - m, out_h);
    /* heap */
    render_rect(l, rg->heap_x, rg->heap_y, rg->heap_w, rg->heap_h, sc(&s, 12), s.t->heap_bg);
    render_frame(l, rg->heap_x, rg->heap_y, rg->heap_w, rg->heap_h, sc(&s, 12), sc(&s, 1), 0,
                 s.t->panel_border);
    render_hit(l, RENDER_HIT_HEAP, 0, rg->heap_x, rg->heap_y, rg->heap_w, rg->heap_h);
    if (h) {
        render_heap(&s); /* cards, their arrows, and the arrows from the names */
        render_offscreen_note(&s);
    } else
        welcome(&s);
    /* bottom: caption, then the timeline */
    float by = rg->heap_y + rg->heap_h + m;
    caption(&s, rg->code_x, by, (float)width - 2 * m, sc(&s, rg->caption_h) - m);
    timeline(&s, rg->code_x, by + sc(&s, rg->caption_h) - m, (float)width - 2 * m,
             sc(&s, rg->timeline_h));
overlays:
    if (h && v->selected > 0)
        render_inspector(&s);
    if (v->load_error && *v->load_error)
        load_error_panel(&s);
    if (v->toast && *v->toast)
        toast(&s);
    if (v->prompt && *v->prompt)
        prompt_box(&s);
    if (v->show_legend)
        legend_overlay(&s);
    if (v->show_help)
        help_overlay(&s);
    if (v->show_picker)
        picker_overlay(&s);
    render_cache_free(own);
    return l->oom ? -1 : 0;
}

int32_t render_shown_step(const GcHeap *h)
{
    int32_t c = h ? gc_cursor(h) : 0;
    return c > 0 ? gc_event(h, c - 1)->step : -1;
}

const char *render_phase_slug(const GcHeap *h)
{
    if (!h)
        return "idle";
    /* the phase of the event just shown, as the caption and the collector panel tell it */
    int32_t c = gc_cursor(h);
    return gc_phase_name(c > 0 ? (GcPhase)gc_event(h, c - 1)->phase : GC_PHASE_IDLE);
}
