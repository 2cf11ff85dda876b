/*
 * render_panels.c: the side panels of a frame: the code (steps with the
 * current statement, and the body of a running function), the frames
 * (globals and function frames, their names), the collector (phases,
 * generation lists in list order, counts against thresholds, statistics)
 * and the inspector of the selected card.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "render_internal.h"

/* ---- code ------------------------------------------------------------------- */

typedef struct CodeRow {
    int32_t loc;
    int indent;
    int is_for;
    int32_t step; /* top-level step index */
} CodeRow;

typedef struct CodeRows {
    CodeRow *r;
    int n, cap;
} CodeRows;

static void add_rows(CodeRows *rows, LangStmt *const *stmts, int32_t n, int indent, int32_t step)
{
    for (int32_t i = 0; i < n; i++) {
        const LangStmt *st = stmts[i];
        if (GC_VEC_ROOM(rows->r, rows->n, rows->cap, 64, realloc) < 0)
            return;
        rows->r[rows->n++] = (CodeRow){st->loc, indent, st->kind == LANG_S_FOR, step < 0 ? i : step};
        if (st->kind == LANG_S_FOR && indent < 6)
            add_rows(rows, st->body, st->nbody, indent + 1, step < 0 ? i : step);
    }
}

static const char *row_text(const LangLoc *loc, int is_for, char *buf, size_t n)
{
    const char *t = loc && loc->text ? loc->text : "";
    if (is_for && strncmp(t, "for ", 4) != 0)
        snprintf(buf, n, "for %s:", t);
    else if (is_for && t[strlen(t) - 1] != ':')
        snprintf(buf, n, "%s:", t);
    else
        snprintf(buf, n, "%s", t);
    return buf;
}

/* Draws rows in a box; highlights `cur`.  Returns the height used. */
static float draw_rows(Scene *s, const CodeRows *rows, float x, float y, float w, float h,
                       int32_t cur, int32_t cur_step, int numbered, RenderColor hl)
{
    const RenderTheme *t = s->t;
    float rh = sc(s, 30);
    int visible = (int)(h / rh);
    if (visible < 1)
        return 0;
    int cur_row = -1;
    for (int i = 0; i < rows->n; i++)
        if (rows->r[i].loc == cur) {
            cur_row = i;
            break;
        }
    int first = 0;
    if (rows->n > visible && cur_row >= 0) {
        first = cur_row - visible / 2;
        if (first > rows->n - visible)
            first = rows->n - visible;
        if (first < 0)
            first = 0;
    }
    float gutter = numbered ? sc(s, 40) : sc(s, 8);
    char buf[600], fit[600];
    int px = spx(s, 17);
    int drawn = 0;
    for (int i = first; i < rows->n && drawn < visible; i++, drawn++) {
        const CodeRow *r = &rows->r[i];
        float ry = y + rh * (float)drawn;
        int is_cur = i == cur_row;
        if (is_cur) {
            render_rect(s->l, x, ry + sc(s, 1), w, rh - sc(s, 2), sc(s, 6), hl);
            RenderPt tri[3] = {{x + sc(s, 5), ry + sc(s, 8)}, {x + sc(s, 13), ry + rh * 0.5f},
                               {x + sc(s, 5), ry + rh - sc(s, 8)}};
            render_poly(s->l, tri, 3, t->accent);
        }
        if (numbered && r->indent == 0) {
            snprintf(buf, sizeof buf, "%d", (int)r->step + 1);
            render_text_mid(s, x + gutter - sc(s, 6), ry, rh, RENDER_FONT_MONO, spx(s, 16),
                            RENDER_ALIGN_RIGHT, is_cur ? t->code_hl_text : t->text_faint, buf);
        }
        const LangLoc *loc = s->p ? lang_loc(s->p, r->loc) : NULL;
        row_text(loc, r->is_for, buf, sizeof buf);
        float tx = x + gutter + sc(s, 10) + sc(s, 22) * (float)r->indent;
        RenderColor c = is_cur ? t->code_hl_text : (cur_step >= 0 && r->step > cur_step) ? t->text_dim : t->text;
        render_text_mid(s, tx, ry, rh, RENDER_FONT_MONO, px, RENDER_ALIGN_LEFT, c,
                        render_fit(s, RENDER_FONT_MONO, px, buf, x + w - tx - sc(s, 8), fit, sizeof fit));
        if (loc && loc->say && *loc->say && !is_cur)
            render_rect(s->l, x + w - sc(s, 10), ry + rh * 0.5f - sc(s, 3), sc(s, 6), sc(s, 6),
                        sc(s, 3), t->accent);
    }
    return rh * (float)drawn;
}

static int32_t current_loc(Scene *s, int depth)
{
    if (!s->h)
        return -1;
    /* the frame's line is logged state, the module's too: right at any cursor */
    const GcFrame *f = gc_frame(s->h, depth);
    return f ? f->loc : -1;
}

/* ---- the whole program (.py source) -------------------------------------------- */

#define SRC_MAX_ROWS 4000

typedef struct SrcRow {
    int32_t start, len; /* bytes of the source shown on this row */
    int line;           /* .py line (1-based) */
    int cont;           /* a continuation of a wrapped line */
    int indent;         /* columns of the continuation's indent */
} SrcRow;

/* Is the line a teacher's annotation ("# say: ...", "# pause", "# pin: KEY
 * X Y")?  A caption's text is the slide's caption already, a pin is where
 * the card stands: the panel shows the program. */
static int annotation(const char *l, size_t n)
{
    size_t i = 0;
    while (i < n && (l[i] == ' ' || l[i] == '\t'))
        i++;
    if (n - i >= 6 && (strncmp(l + i, "# say:", 6) == 0 || strncmp(l + i, "# pin:", 6) == 0))
        return 1;
    if (n - i >= 7 && strncmp(l + i, "# pause", 7) == 0) {
        size_t j = i + 7;
        while (j < n && (l[j] == ' ' || l[j] == '\t' || l[j] == '\r'))
            j++;
        return j == n;
    }
    return 0;
}

/* Does line l (n bytes) contain a triple quote at or after byte from? */
static int has_triple(const char *l, size_t n, size_t from)
{
    for (size_t i = from; i + 3 <= n; i++)
        if ((l[i] == '"' || l[i] == '\'') && l[i + 1] == l[i] && l[i + 2] == l[i])
            return 1;
    return 0;
}

/* Splits the source into rows of at most cpl characters (long lines
 * wrapped at a space where there is one, continuations indented); skips
 * the module docstring (the title and description are shown elsewhere)
 * and annotation lines.  Returns the count. */
static int src_rows(const char *src, int cpl, SrcRow *rows, int max)
{
    int n = 0, line = 1, in_doc = 0, doc_done = 0;
    const char *p = src;
    while (*p && n < max) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        size_t lead = 0;
        while (lead < len && (p[lead] == ' ' || p[lead] == '\t'))
            lead++;
        int blank = lead == len || (len - lead == 1 && p[lead] == '\r');
        int skip = 0;
        if (in_doc) {
            skip = 1;
            in_doc = !has_triple(p, len, 0);
        } else if (!doc_done && !blank) {
            doc_done = 1;
            if (len - lead >= 3 && has_triple(p + lead, 3, 0)) {
                skip = 1;
                in_doc = !has_triple(p, len, lead + 3);
            }
        }
        if (!skip && annotation(p, len))
            skip = 1;
        if (!skip && blank && (n == 0 || rows[n - 1].len == 0))
            skip = 1; /* one blank row at most, none at the top */
        if (!skip) {
            if (len > 0 && p[len - 1] == '\r')
                len--;
            if (blank)
                len = 0;
            size_t off = 0;
            int first = 1;
            do {
                int cind = (int)lead + 4 < cpl / 3 ? (int)lead + 4 : cpl / 3;
                size_t room = first ? (size_t)cpl : (size_t)(cpl - cind);
                size_t take = len - off;
                if (take > room) {
                    /* after a space, else after a comma, a bracket or a dot */
                    static const char *const breaks[] = {" ", ",([{.="};
                    take = room;
                    for (int b = 0; b < 2 && take == room; b++)
                        for (size_t j = room; j > room / 3; j--)
                            if (strchr(breaks[b], p[off + j - 1])) {
                                take = j;
                                break;
                            }
                }
                rows[n].start = (int32_t)(p - src) + (int32_t)off;
                rows[n].len = (int32_t)take;
                rows[n].line = line;
                rows[n].cont = !first;
                rows[n].indent = first ? 0 : ((int)lead + 4 < cpl / 3 ? (int)lead + 4 : cpl / 3);
                n++;
                off += take;
                first = 0;
            } while (off < len && n < max);
        }
        line++;
        if (!e)
            break;
        p = e + 1;
    }
    while (n > 0 && rows[n - 1].len == 0)
        n--;
    return n;
}

/* The .py line of the statement at loc index, 0 if unknown. */
static int loc_line(Scene *s, int32_t loc)
{
    const LangLoc *l = loc >= 0 ? lang_loc(s->p, loc) : NULL;
    return l ? l->line : 0;
}

static int row_has(const char *src, const SrcRow *r, const char *what)
{
    size_t wl = strlen(what);
    for (int32_t i = 0; i + (int32_t)wl <= r->len; i++)
        if (strncmp(src + r->start + i, what, wl) == 0)
            return 1;
    return 0;
}

int render_code_columns(const LangProgram *p)
{
    const char *src = p ? lang_source(p) : NULL;
    if (!src)
        return 0;
    SrcRow *rows = malloc(SRC_MAX_ROWS * sizeof *rows);
    if (!rows)
        return 0;
    int n = src_rows(src, 1 << 20, rows, SRC_MAX_ROWS), most = 0;
    for (int i = 0; i < n; i++) {
        int chars = 0;
        for (int32_t b = 0; b < rows[i].len; b++) /* UTF-8: count characters */
            chars += ((unsigned char)src[rows[i].start + b] & 0xC0) != 0x80;
        most = chars > most ? chars : most;
    }
    free(rows);
    return n == SRC_MAX_ROWS ? 0 : most;
}

/* The whole program: every line (class and function bodies included),
 * long lines wrapped, scrolled so that the current line and the next
 * gc.collect() after it are in view; the top-level statement is
 * highlighted, and the running line of a function or method too. */
static void source_panel(Scene *s, const char *src, float x, float y, float w, float h)
{
    const RenderTheme *t = s->t;
    int px = spx(s, 16);
    float rh = sc(s, 25);
    float gutter = sc(s, 30), in = sc(s, 10);
    float tx = x + in + gutter + sc(s, 10);
    float tw = x + w - in - tx - sc(s, 4);
    float adv = (float)render_text_width(s->fonts, RENDER_FONT_MONO, px, "MMMMMMMMMM") / 10.0f;
    int cpl = adv > 0 ? (int)(tw / adv) : 40;
    if (cpl < 12)
        cpl = 12;
    SrcRow *rows = malloc(SRC_MAX_ROWS * sizeof *rows);
    if (!rows) {
        s->l->oom = 1;
        return;
    }
    int n = src_rows(src, cpl, rows, SRC_MAX_ROWS);
    int top_line = loc_line(s, current_loc(s, 0));
    int nframes = gc_frame_count(s->h);
    int run_line = nframes > 1 ? loc_line(s, gc_frame(s->h, nframes - 1)->loc) : 0;
    if (run_line == top_line)
        run_line = 0;
    /* the rows of the lines to keep in view */
    int top_row = -1, run_row = -1, gc_row = -1;
    for (int i = 0; i < n; i++) {
        if (rows[i].cont)
            continue;
        if (rows[i].line == top_line && top_row < 0)
            top_row = i;
        if (rows[i].line == run_line && run_row < 0)
            run_row = i;
    }
    for (int i = top_row >= 0 ? top_row + 1 : 0; i < n && gc_row < 0; i++)
        if (!rows[i].cont && row_has(src, &rows[i], "gc.collect("))
            gc_row = i;
    int visible = (int)(h / rh);
    if (visible < 1) {
        free(rows);
        return;
    }
    int focus = run_row >= 0 ? run_row : top_row;
    if (focus < 0 && render_shown_step(s->h) + 1 > lang_step_count(s->p))
        focus = n - 1; /* the interpreter's exit: the program's end */
    int first = 0;
    if (n > visible && focus >= 0) {
        first = focus - visible / 3;
        if (gc_row > focus && gc_row - focus < visible - 1 && gc_row >= first + visible)
            first = gc_row - visible + 1;
        if (run_row >= 0 && top_row >= 0 && abs(run_row - top_row) < visible - 1) {
            int lo = run_row < top_row ? run_row : top_row,
                hi = run_row < top_row ? top_row : run_row;
            if (lo < first)
                first = lo;
            if (hi >= first + visible)
                first = hi - visible + 1;
        }
        if (first > n - visible)
            first = n - visible;
        if (first < 0)
            first = 0;
    }
    char buf[1024], num[16];
    for (int i = first; i < n && i < first + visible; i++) {
        const SrcRow *r = &rows[i];
        float ry = y + rh * (float)(i - first);
        int is_top = r->line == top_line && top_line > 0;
        int is_run = r->line == run_line && run_line > 0;
        if (is_top || is_run) {
            render_rect(s->l, x + in, ry + sc(s, 1), w - 2 * in, rh - sc(s, 2), sc(s, 6),
                        is_run ? t->code_fn_hl : t->code_hl);
            if (!r->cont) {
                RenderPt tri[3] = {{x + in + sc(s, 4), ry + sc(s, 7)},
                                   {x + in + sc(s, 11), ry + rh * 0.5f},
                                   {x + in + sc(s, 4), ry + rh - sc(s, 7)}};
                render_poly(s->l, tri, 3, is_run ? t->gen[1] : t->accent);
            }
        }
        if (!r->cont && r->len > 0) {
            snprintf(num, sizeof num, "%d", r->line);
            render_text_mid(s, x + in + gutter, ry, rh, RENDER_FONT_MONO, spx(s, 14),
                            RENDER_ALIGN_RIGHT, is_top || is_run ? t->code_hl_text : t->text_faint,
                            num);
        }
        int len = r->len < (int)sizeof buf - 1 ? r->len : (int)sizeof buf - 1;
        memcpy(buf, src + r->start, (size_t)len);
        buf[len] = 0;
        int comment = 0;
        for (char *c = buf; *c; c++) {
            if (*c == '\t')
                *c = ' ';
        }
        const char *nb = buf + strspn(buf, " ");
        comment = nb[0] == '#';
        RenderColor c = is_top || is_run                     ? t->code_hl_text
                        : comment                            ? t->text_dim
                        : top_line > 0 && r->line > top_line ? t->text_dim
                                                             : t->text;
        render_text_mid(s, tx + adv * (float)r->indent, ry, rh, RENDER_FONT_MONO, px,
                        RENDER_ALIGN_LEFT, c, buf);
    }
    /* more above / below */
    if (first > 0)
        render_text(s->l, x + w - in - sc(s, 6), y - sc(s, 30), RENDER_FONT_SANS, spx(s, 14),
                    RENDER_ALIGN_RIGHT, t->text_dim, "\xE2\x86\x91 more above");
    if (first + visible < n)
        render_text(s->l, x + w - in - sc(s, 6), y + rh * (float)visible + sc(s, 2),
                    RENDER_FONT_SANS, spx(s, 14), RENDER_ALIGN_RIGHT, t->text_dim,
                    "\xE2\x86\x93 more below");
    free(rows);
}

void render_code_panel(Scene *s, float x, float y, float w, float h)
{
    render_panel(s, x, y, w, h, "CODE");
    if (!s->h || !s->p)
        return;
    const char *src = lang_source(s->p);
    if (src) {
        source_panel(s, src, x, y + sc(s, 44), w, h - sc(s, 68));
        return;
    }
    float in = sc(s, 10);
    float top = y + sc(s, 44);
    float avail = h - sc(s, 54);
    int nframes = gc_frame_count(s->h);
    const GcFrame *fn = nframes > 1 ? gc_frame(s->h, nframes - 1) : NULL;
    CodeRows fnrows = {0};
    char head[300];
    head[0] = 0;
    if (fn && fn->func >= 0 && fn->func < lang_func_count(s->p)) {
        const LangFunc *f = lang_func(s->p, fn->func);
        add_rows(&fnrows, f->body, f->nbody, 0, -2);
        int k = snprintf(head, sizeof head, "def %s(", gc_strtab_get(gc_atoms(s->h), f->name));
        for (int32_t i = 0; i < f->nparams && k > 0 && (size_t)k < sizeof head; i++)
            k += snprintf(head + k, sizeof head - (size_t)k, "%s%s", i ? ", " : "",
                          gc_strtab_get(gc_atoms(s->h), f->params[i]));
        if (k > 0 && (size_t)k < sizeof head)
            snprintf(head + k, sizeof head - (size_t)k, "):");
    } else if (fn && fn->func == -2 && fn->self_obj > 0) {
        const GcObject *o = gc_object(s->h, fn->self_obj);
        if (o && o->cls >= 0 && o->cls < lang_class_count(s->p)) {
            const LangClass *c = lang_class(s->p, o->cls);
            if (c->del_body)
                add_rows(&fnrows, c->del_body, c->ndel, 0, -2);
            snprintf(head, sizeof head, "def %s.__del__(self):  # self = #%d",
                     gc_strtab_get(gc_atoms(s->h), c->name), (int)fn->self_obj);
        }
    }
    CodeRows rows = {0};
    int32_t nsteps = lang_step_count(s->p);
    for (int32_t i = 0; i < nsteps; i++) {
        LangStmt *st = lang_step(s->p, i);
        add_rows(&rows, &st, 1, 0, i);
    }
    float fn_h = 0;
    if (fnrows.n > 0) {
        fn_h = sc(s, 30) * (float)(fnrows.n < 8 ? fnrows.n : 8) + sc(s, 56);
        if (fn_h > avail * 0.55f)
            fn_h = avail * 0.55f;
    }
    draw_rows(s, &rows, x + in, top, w - 2 * in, avail - fn_h, current_loc(s, 0), render_shown_step(s->h), 1,
              s->t->code_hl);
    if (fnrows.n > 0) {
        float fy = y + h - fn_h - sc(s, 6);
        render_rect(s->l, x + in, fy, w - 2 * in, fn_h, sc(s, 8), s->t->heap_bg);
        render_frame(s->l, x + in, fy, w - 2 * in, fn_h, sc(s, 8), sc(s, 1.5f), 0, s->t->gen[1]);
        char fit[300];
        render_text(s->l, x + in + sc(s, 12), fy + sc(s, 8), RENDER_FONT_MONO, spx(s, 16),
                    RENDER_ALIGN_LEFT, s->t->gen[1],
                    render_fit(s, RENDER_FONT_MONO, spx(s, 16), head, w - 2 * in - sc(s, 24), fit,
                               sizeof fit));
        draw_rows(s, &fnrows, x + in + sc(s, 14), fy + sc(s, 38), w - 2 * in - sc(s, 20),
                  fn_h - sc(s, 44), fn->loc, -1, 0, s->t->code_fn_hl);
    }
    free(rows.r);
    free(fnrows.r);
}

/* ---- frames ------------------------------------------------------------------- */

/* A frame's names the panel lists (functions and classes are not drawn as
 * names: they are the program's, not the lesson's). */
static int frame_var_listed(const GcFrame *f, uint32_t i)
{
    GcValue v = f->vars[i].val;
    return !(v == GC_UNBOUND || GC_VAL_TAG(v) == GC_V_FUNC || GC_VAL_TAG(v) == GC_V_CLASS);
}

static int frame_var_hot(const Scene *s, int d, uint32_t i)
{
    if (s->ev < 0)
        return 0;
    const GcEvent *e = gc_event(s->h, s->ev);
    return e->kind == GC_EV_BIND && e->a == d && (uint32_t)e->slot == i;
}

/* What the frames panel shows of frame d when not all of its names fit:
 * rows for names [from, from + count) of the listed ones, then a "+N more"
 * row when some are left out; a frame that gets no row at all is counted
 * in the line above the ones shown. */
typedef struct FramePlan {
    int shown;       /* the frame gets its header */
    int listed;      /* names it lists */
    int from, count; /* the names drawn, in listed order */
} FramePlan;

/* Fits the frames into rows rows of the panel, the innermost first (the
 * one running, the one a class is looking at), each whole while it fits;
 * the frame that does not fit gets what is left, with the name the event
 * shown binds among its rows; the frames outside it get one line saying
 * how many there are.  Returns how many frames were left out. */
static int frames_plan(const Scene *s, int n, int rows, FramePlan *plan)
{
    int d = n - 1;
    for (; d >= 0; d--) {
        const GcFrame *f = gc_frame(s->h, d);
        FramePlan *fp = &plan[d]; /* listed counted by the caller */
        int hot = -1;
        for (uint32_t i = 0, k = 0; i < f->nvars && hot < 0; i++)
            if (frame_var_listed(f, i)) {
                if (frame_var_hot(s, d, i))
                    hot = (int)k;
                k++;
            }
        int need = 1 + (fp->listed > 0 ? fp->listed : 1);
        if (need <= rows) {
            *fp = (FramePlan){1, fp->listed, 0, fp->listed};
            rows -= need;
            continue;
        }
        /* a line for the frames outside this one, if any */
        int avail = rows - 1 - (d > 0);
        if (avail < 1)
            break;
        /* header, names, and a "+N more" row */
        int names = avail - 1;
        /* the name the event binds, else the newest ones (the ones the
         * lesson has just made) */
        int from = hot < 0 ? fp->listed - names : hot >= names ? hot - names + 1 : 0;
        *fp = (FramePlan){1, fp->listed, from, names};
        d--;
        break;
    }
    for (int k = 0; k <= d; k++)
        plan[k].shown = 0;
    return d + 1;
}

/* One name and its value (an object's gets the dot its arrow leaves from). */
static void frame_var_row(Scene *s, const GcFrame *f, int d, uint32_t i, float x, float w, float ry,
                          float rh)
{
    const RenderTheme *t = s->t;
    char buf[300], fit[300];
    GcValue v = f->vars[i].val;
    int hot = frame_var_hot(s, d, i);
    if (hot)
        render_rect(s->l, x + sc(s, 16), ry + sc(s, 1), w - sc(s, 32), rh - sc(s, 2), sc(s, 6),
                    t->hot_fill);
    const char *vn = gc_strtab_get(gc_atoms(s->h), (int32_t)GC_VAL_PAYLOAD(f->vars[i].key));
    float vx = x + w - sc(s, 22);
    render_value_text(s->h, v, buf, sizeof buf);
    /* the value keeps its room (an atom at most half the row), the name
     * gets the rest, cut with an ellipsis if it must be */
    float vw =
        GC_VAL_IS_OBJ(v)
            ? (float)render_text_width(s->fonts, RENDER_FONT_SANS, spx(s, 16), buf) + sc(s, 14)
            : (float)render_text_width(
                  s->fonts, RENDER_FONT_MONO, spx(s, 17),
                  render_fit(s, RENDER_FONT_MONO, spx(s, 17), buf, w * 0.5f, fit, sizeof fit));
    char nfit[200];
    render_text_mid(s, x + sc(s, 28), ry, rh, RENDER_FONT_MONO, spx(s, 17), RENDER_ALIGN_LEFT,
                    t->text,
                    render_fit(s, RENDER_FONT_MONO, spx(s, 17), vn,
                               vx - vw - sc(s, 12) - (x + sc(s, 28)), nfit, sizeof nfit));
    if (GC_VAL_IS_OBJ(v)) {
        render_rect(s->l, vx - sc(s, 5), ry + rh * 0.5f - sc(s, 5), sc(s, 10), sc(s, 10), sc(s, 5),
                    hot ? t->arrow_hot : t->arrow_root);
        render_text_mid(s, vx - sc(s, 14), ry, rh, RENDER_FONT_SANS, spx(s, 16), RENDER_ALIGN_RIGHT,
                        hot ? t->changed : t->text_faint, buf);
        if (s->nroots < RENDER_MAX_ROOTS) {
            s->root_x[s->nroots] = vx;
            s->root_y[s->nroots] = ry + rh * 0.5f;
            s->root_id[s->nroots] = GC_VAL_ID(v);
            s->nroots++;
        }
    } else {
        render_text_mid(
            s, vx, ry, rh, RENDER_FONT_MONO, spx(s, 17), RENDER_ALIGN_RIGHT,
            hot ? t->changed : t->text_dim,
            render_fit(s, RENDER_FONT_MONO, spx(s, 17), buf, w * 0.5f, fit, sizeof fit));
    }
}

/* Frame d: its header, the names its plan gives rows, "+N more names"
 * for the ones left out; returns the y below it. */
static float frame_rows(Scene *s, int d, const FramePlan *fp, float x, float w, float ry, float rh)
{
    const RenderTheme *t = s->t;
    const GcFrame *f = gc_frame(s->h, d);
    char name[200], fit[300];
    if (d == 0)
        snprintf(name, sizeof name, "module globals");
    else if (f->func >= 0 && s->p && f->func < lang_func_count(s->p))
        snprintf(name, sizeof name, "%s() frame",
                 gc_strtab_get(gc_atoms(s->h), lang_func(s->p, f->func)->name));
    else if (f->func == -2)
        snprintf(name, sizeof name, "__del__ of #%d", (int)f->self_obj);
    else
        snprintf(name, sizeof name, "weakref callback");
    RenderColor fc = d == 0 ? t->text_dim : t->gen[1];
    render_rect(s->l, x + sc(s, 10), ry, sc(s, 4), rh - sc(s, 8), sc(s, 2), fc);
    render_text_mid(
        s, x + sc(s, 22), ry, rh - sc(s, 6), RENDER_FONT_BOLD, spx(s, 16), RENDER_ALIGN_LEFT, fc,
        render_fit(s, RENDER_FONT_BOLD, spx(s, 16), name, w - sc(s, 34), fit, sizeof fit));
    ry += rh;
    char more[64];
    int left = fp->listed - fp->count, above = fp->from > 0 && fp->from + fp->count == fp->listed;
    if (above) {
        /* the newest names are shown: the older ones are above them */
        snprintf(more, sizeof more, "\xE2\x86\x91 %d more name%s", left, left == 1 ? "" : "s");
        render_text_mid(s, x + sc(s, 28), ry, rh, RENDER_FONT_SANS, spx(s, 16), RENDER_ALIGN_LEFT,
                        t->text_faint, more);
        ry += rh;
    }
    int k = 0;
    for (uint32_t i = 0; i < f->nvars; i++) {
        if (!frame_var_listed(f, i))
            continue;
        if (k >= fp->from && k < fp->from + fp->count) {
            frame_var_row(s, f, d, i, x, w, ry, rh);
            ry += rh;
        }
        k++;
    }
    const char *note = NULL;
    if (fp->listed == 0) {
        int gone = 0; /* names bound before and deleted since */
        for (uint32_t i = 0; i < f->nvars; i++)
            gone |= f->vars[i].val == GC_UNBOUND;
        note = gone ? "(no names left)" : "(no names yet)";
    } else if (left > 0 && !above) {
        snprintf(more, sizeof more, "+%d more name%s", left, left == 1 ? "" : "s");
        note = more;
    }
    if (note) {
        render_text_mid(s, x + sc(s, 28), ry, rh, RENDER_FONT_SANS, spx(s, 16), RENDER_ALIGN_LEFT,
                        t->text_faint, note);
        ry += rh;
    }
    return ry + sc(s, 8);
}

void render_frames_panel(Scene *s, float x, float y, float w, float h)
{
    const RenderTheme *t = s->t;
    render_panel(s, x, y, w, h, "FRAMES");
    s->nroots = 0;
    if (!s->h)
        return;
    int n = gc_frame_count(s->h), nt = gc_temp_count(s->h);
    float ry = y + sc(s, 44);
    float rh = sc(s, 30);
    float bottom = y + h - sc(s, 8);
    char buf[300], fit[300];
    FramePlan stack_plan[16], *plan = n <= 16 ? stack_plan : malloc((size_t)n * sizeof *plan);
    if (!plan) {
        s->l->oom = 1;
        return;
    }
    /* rows: each frame's gap below it counts as a quarter row; when not
     * every name fits, rows close up to 24 px before names are left out */
    int need = (nt > 0) + (n > 1 ? (n - 1) / 4 : 0);
    for (int d = 0; d < n; d++) {
        const GcFrame *f = gc_frame(s->h, d);
        plan[d].listed = 0;
        for (uint32_t i = 0; i < f->nvars; i++)
            plan[d].listed += frame_var_listed(f, i);
        need += 1 + (plan[d].listed > 0 ? plan[d].listed : 1);
    }
    if ((float)need * rh > bottom - ry)
        rh = fmaxf(sc(s, 24), (bottom - ry) / (float)need);
    int rows = (int)((bottom - ry) / rh) - (n > 1 ? (n - 1) / 4 : 0) - (nt > 0);
    int left_out = frames_plan(s, n, rows > 0 ? rows : 0, plan);
    if (left_out > 0) {
        snprintf(buf, sizeof buf, "\xE2\x8B\xAF %d outer frame%s%s", left_out,
                 left_out == 1 ? "" : "s", left_out == n ? "" : " above");
        render_text_mid(s, x + sc(s, 22), ry, rh, RENDER_FONT_SANS, spx(s, 16), RENDER_ALIGN_LEFT,
                        t->text_faint, buf);
        ry += rh;
    }
    for (int d = 0; d < n; d++)
        if (plan[d].shown)
            ry = frame_rows(s, d, &plan[d], x, w, ry, rh);
    if (plan != stack_plan)
        free(plan);
    if (nt > 0 && ry + rh <= bottom + sc(s, 8)) {
        int k = snprintf(buf, sizeof buf, "evaluation stack:");
        for (int i = 0; i < nt && k > 0 && (size_t)k < sizeof buf - 40; i++) {
            char vb[120];
            k += snprintf(buf + k, sizeof buf - (size_t)k, " %s",
                          render_value_text(s->h, gc_temp(s->h, i), vb, sizeof vb));
        }
        render_text_mid(s, x + sc(s, 22), ry, rh, RENDER_FONT_SANS, spx(s, 16), RENDER_ALIGN_LEFT,
                        t->text_faint,
                        render_fit(s, RENDER_FONT_SANS, spx(s, 16), buf, w - sc(s, 40), fit, sizeof fit));
    }
}

/* ---- collector ------------------------------------------------------------------ */

static RenderColor list_color(const RenderTheme *t, int list)
{
    switch (list) {
    case GC_LIST_GEN0:
        return t->gen[0];
    case GC_LIST_GEN1:
        return t->gen[1];
    case GC_LIST_GEN2:
        return t->gen[2];
    case GC_LIST_PERMANENT:
        return t->gen[3];
    case GC_LIST_UNREACHABLE:
    case GC_LIST_FINAL:
        return t->unreachable;
    default:
        return t->untracked;
    }
}

/* A list as an ordered strip of chips; returns the height used. */
static float list_strip(Scene *s, GcListId list, float x, float y, float w, float bottom)
{
    const RenderTheme *t = s->t;
    GcListView lv = gc_list(s->h, list);
    float ch = sc(s, 28), gap = sc(s, 6);
    float cx = x, cy = y;
    int rows = 1;
    char buf[32];
    RenderColor col = list_color(t, list);
    int dashed = list == GC_LIST_UNREACHABLE || list == GC_LIST_FINAL;
    const GcGlobals *g = gc_globals(s->h);
    if (lv.len == 0) {
        render_text_mid(s, x, y, ch, RENDER_FONT_SANS, spx(s, 16), RENDER_ALIGN_LEFT, t->text_faint,
                        "empty");
        return ch;
    }
    /* up to three rows, fewer where the panel ends (a 720-pixel window) */
    int maxrows = (int)((bottom - y + gap) / (ch + gap));
    maxrows = maxrows < 1 ? 1 : maxrows > 3 ? 3 : maxrows;
    int64_t k = 0;
    for (GcId id = lv.first; id > 0 && k < 100000; k++) {
        const GcObject *o = gc_object(s->h, id);
        if (!o)
            break;
        snprintf(buf, sizeof buf, "#%d", (int)id);
        float cw = (float)render_text_width(s->fonts, RENDER_FONT_BOLD, spx(s, 16), buf) + sc(s, 18);
        if (cx + cw > x + w && cx > x) {
            rows++;
            cx = x;
            cy += ch + gap;
        }
        /* on the last row, keep room for "+N more" after this chip */
        if (rows == maxrows && k + 1 < lv.len) {
            char more[48];
            snprintf(more, sizeof more, "+%lld more", (long long)(lv.len - k - 1));
            float mw = (float)render_text_width(s->fonts, RENDER_FONT_SANS, spx(s, 16), more);
            if (cx + cw + gap + mw > x + w) {
                snprintf(more, sizeof more, "+%lld more", (long long)(lv.len - k));
                render_text_mid(s, cx, cy, ch, RENDER_FONT_SANS, spx(s, 16), RENDER_ALIGN_LEFT,
                                t->text_dim, more);
                break;
            }
        }
        int hot = s->ev >= 0 && (gc_event(s->h, s->ev)->obj == id || gc_event(s->h, s->ev)->obj2 == id);
        render_rect(s->l, cx, cy, cw, ch, sc(s, 6), with_alpha(col, 0.22f));
        render_frame(s->l, cx, cy, cw, ch, sc(s, 6), sc(s, hot ? 3 : 1.5f), dashed ? sc(s, 5) : 0,
                     hot ? t->hot : col);
        if (g->scan == id && g->phase == GC_PHASE_MOVE_UNREACHABLE)
            render_rect(s->l, cx + sc(s, 3), cy + ch - sc(s, 5), cw - sc(s, 6), sc(s, 3), sc(s, 1), t->hot);
        render_text_mid(s, cx + cw * 0.5f, cy, ch, RENDER_FONT_BOLD, spx(s, 16), RENDER_ALIGN_CENTER,
                        t->text, buf);
        cx += cw + gap;
        id = o->next;
    }
    return cy + ch - y;
}

/* Chips "#id" for ids[0..n) in rows of width w (at most three rows, then
 * "+N more"), outlined in col; the one the event shown is about is thick.
 * Returns the height used. */
static float id_strip(Scene *s, const GcId *ids, int n, float x, float y, float w, RenderColor col)
{
    const RenderTheme *t = s->t;
    float ch = sc(s, 28), gap = sc(s, 6), cx = x, cy = y;
    int rows = 1;
    char buf[32];
    if (n == 0) {
        render_text_mid(s, x, y, ch, RENDER_FONT_SANS, spx(s, 16), RENDER_ALIGN_LEFT, t->text_faint,
                        "empty");
        return ch;
    }
    const GcEvent *e = s->ev >= 0 ? gc_event(s->h, s->ev) : NULL;
    for (int k = 0; k < n; k++) {
        snprintf(buf, sizeof buf, "#%d", (int)ids[k]);
        float cw =
            (float)render_text_width(s->fonts, RENDER_FONT_BOLD, spx(s, 16), buf) + sc(s, 18);
        if (cx + cw > x + w && cx > x) {
            if (rows == 3) {
                snprintf(buf, sizeof buf, "+%d more", n - k);
                render_text_mid(s, cx, cy, ch, RENDER_FONT_SANS, spx(s, 16), RENDER_ALIGN_LEFT,
                                t->text_dim, buf);
                break;
            }
            rows++;
            cx = x;
            cy += ch + gap;
        }
        int hot = e && e->obj == ids[k];
        render_rect(s->l, cx, cy, cw, ch, sc(s, 6), with_alpha(col, 0.22f));
        render_frame(s->l, cx, cy, cw, ch, sc(s, 6), sc(s, hot ? 3 : 1.5f), 0, hot ? t->hot : col);
        render_text_mid(s, cx + cw * 0.5f, cy, ch, RENDER_FONT_BOLD, spx(s, 16),
                        RENDER_ALIGN_CENTER, t->text, buf);
        cx += cw + gap;
    }
    return cy + ch - y;
}

/* Mark-sweep's colour of a live object counted (white, grey or black);
 * 0 for a dead or absent one. */
static int count_colour(const GcObject *o, int *white, int *grey, int *black)
{
    if (!o || o->state != GC_STATE_ALIVE)
        return 0;
    *black += (o->flags & GC_F_MARKED) != 0;
    *grey += (o->flags & GC_F_GREY) != 0;
    *white += !(o->flags & (GC_F_MARKED | GC_F_GREY));
    return 1;
}

/* The grey worklist of the mark phase shown, in push order (the last is
 * the top of the stack, marked next): the grey pushes (GC_EV_MARK, a = 1)
 * since the phase began, less those turned black.  Returns the count. */
static int grey_worklist(Scene *s, GcId *out, int max)
{
    int n = 0;
    int32_t start = s->ev >= 0 ? gc_phase_start(s->h, s->ev) : -1;
    if (start < 0 || gc_event(s->h, s->ev)->phase != GC_PHASE_MARK)
        return 0;
    for (int32_t i = start; i <= s->ev; i++) {
        const GcEvent *e = gc_event(s->h, i);
        if (e->kind != GC_EV_MARK)
            continue;
        if (e->a == 1 && n < max) {
            out[n++] = e->obj;
        } else if (e->a == 0) {
            for (int k = n - 1; k >= 0; k--)
                if (out[k] == e->obj) {
                    memmove(out + k, out + k + 1, (size_t)(n - k - 1) * sizeof *out);
                    n--;
                    break;
                }
        }
    }
    return n;
}

float render_worklist_h(const Scene *s)
{
    if (!s->h || s->ev < 0)
        return 0;
    const GcGlobals *g = gc_globals(s->h);
    if (g->collector != GC_COLLECTOR_MARKSWEEP || !g->collecting ||
        gc_event(s->h, s->ev)->phase != GC_PHASE_MARK)
        return 0;
    return sc(s, 150);
}

void render_worklist_panel(Scene *s, float x, float y, float w, float h)
{
    const RenderTheme *t = s->t;
    render_panel(s, x, y, w, h, "GREY WORKLIST (TOP LAST)");
    enum { MAXIDS = 512 };
    GcId ids[MAXIDS];
    int white = 0, grey = 0, black = 0;
    for (GcId id = 1; id <= s->maxid; id++)
        count_colour(gc_object(s->h, id), &white, &grey, &black);
    char buf[160];
    float in = sc(s, 18), cy = y + sc(s, 38);
    snprintf(buf, sizeof buf, "white %d \xC2\xB7 grey %d \xC2\xB7 black %d", white, grey, black);
    render_text_mid(s, x + in, cy, sc(s, 26), RENDER_FONT_SANS, spx(s, 16), RENDER_ALIGN_LEFT,
                    t->text, buf);
    cy += sc(s, 32);
    int n = grey_worklist(s, ids, MAXIDS);
    id_strip(s, ids, n, x + in, cy, w - 2 * in, t->text_dim);
    (void)h;
}

/* The collector panel of the counterfactual collectors, which have no
 * generations: mark-sweep shows its colours and the grey worklist;
 * refcount only shows what leaked.  Returns the y below. */
static float counterfactual_lists(Scene *s, const GcGlobals *g, float cx, float cy, float cw,
                                  float bottom)
{
    const RenderTheme *t = s->t;
    char buf[160];
    enum { MAXIDS = 4096 };
    GcId *ids = malloc(MAXIDS * sizeof *ids);
    if (!ids)
        return cy;
    int white = 0, grey = 0, black = 0, leaked = 0, n = 0;
    for (GcId id = 1; id <= s->maxid; id++) {
        const GcObject *o = gc_object(s->h, id);
        if (!count_colour(o, &white, &grey, &black))
            continue;
        if ((o->flags & GC_F_LEAKED) && n < MAXIDS)
            ids[n++] = id;
        leaked += (o->flags & GC_F_LEAKED) != 0;
    }
    if (g->collector == GC_COLLECTOR_MARKSWEEP) {
        render_text_mid(s, cx, cy, sc(s, 28), RENDER_FONT_BOLD, spx(s, 17), RENDER_ALIGN_LEFT,
                        t->text, "No generations, no counts");
        cy += sc(s, 30);
        if (g->collecting && g->phase != GC_PHASE_IDLE) {
            snprintf(buf, sizeof buf, "white %d \xC2\xB7 grey %d \xC2\xB7 black %d", white, grey,
                     black);
            render_text_mid(s, cx, cy, sc(s, 28), RENDER_FONT_SANS, spx(s, 17), RENDER_ALIGN_LEFT,
                            t->text, buf);
            cy += sc(s, 36);
            render_text_mid(s, cx, cy, sc(s, 28), RENDER_FONT_BOLD, spx(s, 17), RENDER_ALIGN_LEFT,
                            t->text, "grey worklist (top last)");
            cy += sc(s, 32);
            int nw = grey_worklist(s, ids, MAXIDS);
            cy += id_strip(s, ids, nw, cx, cy, cw, t->text_dim) + sc(s, 14);
        } else {
            snprintf(buf, sizeof buf, "%lld / %lld allocations until the next collection",
                     (long long)g->count[0], (long long)g->threshold[0]);
            char fit[200];
            render_text_mid(s, cx, cy, sc(s, 28), RENDER_FONT_SANS, spx(s, 16), RENDER_ALIGN_LEFT,
                            t->text_dim,
                            render_fit(s, RENDER_FONT_SANS, spx(s, 16), buf, cw, fit, sizeof fit));
            cy += sc(s, 36);
        }
    } else {
        render_text_mid(s, cx, cy, sc(s, 28), RENDER_FONT_BOLD, spx(s, 17), RENDER_ALIGN_LEFT,
                        t->text, "Reference counting only");
        cy += sc(s, 30);
        render_text_mid(s, cx, cy, sc(s, 28), RENDER_FONT_SANS, spx(s, 16), RENDER_ALIGN_LEFT,
                        t->text_dim, "no generations, no cycle collector");
        cy += sc(s, 36);
        snprintf(buf, sizeof buf, "leaked (never freed): %d", leaked);
        render_text_mid(s, cx, cy, sc(s, 28), RENDER_FONT_BOLD, spx(s, 17), RENDER_ALIGN_LEFT,
                        t->leaked, buf);
        cy += sc(s, 32);
        cy += id_strip(s, ids, n, cx, cy, cw, t->leaked) + sc(s, 14);
    }
    (void)bottom;
    free(ids);
    return cy;
}

static void stripes(Scene *s, float x, float y, float h, int bars, RenderColor c)
{
    for (int b = 0; b < bars; b++)
        render_rect(s->l, x + (float)b * sc(s, 6), y, sc(s, 3.5f), h, sc(s, 1), c);
}

/* Every phase a collection passes through, in order: a phase missing here
 * would leave the strip without its ticks while it runs (legacy_finalizers
 * did). */
static const GcPhase cpython_phases[] = {GC_PHASE_START,
                                         GC_PHASE_MERGE,
                                         GC_PHASE_UPDATE_REFS,
                                         GC_PHASE_SUBTRACT_REFS,
                                         GC_PHASE_MOVE_UNREACHABLE,
                                         GC_PHASE_UNTRACK_TUPLES,
                                         GC_PHASE_PROMOTE,
                                         GC_PHASE_LEGACY_FINALIZERS,
                                         GC_PHASE_WEAKREFS,
                                         GC_PHASE_FINALIZERS,
                                         GC_PHASE_RESURRECTION,
                                         GC_PHASE_CLEAR,
                                         GC_PHASE_DONE};
static const GcPhase marksweep_phases[] = {GC_PHASE_MARK, GC_PHASE_FINALIZERS, GC_PHASE_SWEEP,
                                           GC_PHASE_DONE};

/* Room the generations and the unreachable list need below the phases
 * (logical pixels): three generations with a row of chips each, the list. */
#define COLLECTOR_LISTS_H 380.0f

/* The phases of a collection in little room: one segment per phase (done
 * filled, the current one in the phase colour, those to come outlined),
 * then the current phase's name and number.  Returns the y below. */
static float phase_segments(Scene *s, const GcPhase *ph, int nph, int cur, float x, float y, float w)
{
    const RenderTheme *t = s->t;
    float gap = sc(s, 4), sh = sc(s, 10);
    float sw = (w - gap * (float)(nph - 1)) / (float)nph;
    for (int i = 0; i < nph; i++) {
        float sx = x + (float)i * (sw + gap);
        if (i < cur)
            render_rect(s->l, sx, y, sw, sh, sc(s, 3), t->text_dim);
        else if (i == cur)
            render_rect(s->l, sx, y, sw, sh, sc(s, 3), t->timeline_phase);
        else
            render_frame(s->l, sx, y, sw, sh, sc(s, 3), sc(s, 1), 0, t->text_faint);
    }
    y += sh + sc(s, 8);
    if (cur >= 0) {
        char buf[96];
        float ph_h = sc(s, 26);
        float pw = render_pill(s, x, y, ph_h, RENDER_FONT_BOLD, spx(s, 16), t->timeline_phase, t->bg,
                               gc_phase_name(ph[cur]));
        /* "5 of 12", or "5/12", or nothing: a number cut short says nothing */
        float room = w - pw - sc(s, 10);
        snprintf(buf, sizeof buf, "%d of %d", cur + 1, nph);
        if ((float)render_text_width(s->fonts, RENDER_FONT_SANS, spx(s, 16), buf) > room)
            snprintf(buf, sizeof buf, "%d/%d", cur + 1, nph);
        if ((float)render_text_width(s->fonts, RENDER_FONT_SANS, spx(s, 16), buf) <= room)
            render_text_mid(s, x + pw + sc(s, 10), y, ph_h, RENDER_FONT_SANS, spx(s, 16),
                            RENDER_ALIGN_LEFT, t->text_dim, buf);
        y += ph_h;
    }
    return y;
}

/* The status line during a collection: which collector, which
 * generation, started automatically or by gc.collect(). */
static float collecting_title(Scene *s, const GcGlobals *g, float cx, float cy, float cw)
{
    const RenderTheme *t = s->t;
    char buf[256];
    int ms = g->collector == GC_COLLECTOR_MARKSWEEP;
    if (ms)
        snprintf(buf, sizeof buf, "Mark and sweep \xC2\xB7 %s",
                 g->auto_collect ? "automatic" : "gc.collect()");
    else
        snprintf(buf, sizeof buf, "Collecting gen %d \xC2\xB7 %s", g->gen,
                 g->auto_collect ? "automatic" : "gc.collect()");
    if (render_text_width(s->fonts, RENDER_FONT_BOLD, spx(s, 16), buf) > cw - sc(s, 24)) {
        if (ms)
            snprintf(buf, sizeof buf, "Mark and sweep");
        else
            snprintf(buf, sizeof buf, "Collecting gen %d", g->gen); /* a narrow panel */
    }
    render_rect(s->l, cx, cy, cw, sc(s, 34), sc(s, 8), with_alpha(t->timeline_phase, 0.25f));
    char fit[256];
    render_text_mid(
        s, cx + sc(s, 12), cy, sc(s, 34), RENDER_FONT_BOLD, spx(s, 16), RENDER_ALIGN_LEFT, t->text,
        render_fit(s, RENDER_FONT_BOLD, spx(s, 16), buf, cw - sc(s, 24), fit, sizeof fit));
    cy += sc(s, 42);
    return cy;
}

/* The collection's phases as a flow of pills: done (check), current
 * (filled), to come (dashed); segments in a short panel. */
static float phase_pills(Scene *s, const GcGlobals *g, GcPhase phase, float cx, float cy, float cw,
                         float bottom)
{
    const RenderTheme *t = s->t;
    char buf[256];
    /* the phases as a flow of pills: done (check), current (filled), to come (dashed) */
    const GcPhase *ph = g->collector == GC_COLLECTOR_MARKSWEEP ? marksweep_phases : cpython_phases;
    int nph = g->collector == GC_COLLECTOR_MARKSWEEP
                  ? (int)(sizeof marksweep_phases / sizeof marksweep_phases[0])
                  : (int)(sizeof cpython_phases / sizeof cpython_phases[0]);
    int cur = -1;
    for (int i = 0; i < nph; i++)
        if (ph[i] == phase)
            cur = i;
    float px = cx, ph_h = sc(s, 26);
    /* the flow of pills wraps over several rows; when they would push the
     * lists (what a collection is about) out of a short panel, the
     * phases become a row of segments and the current one's name */
    int rows = 1;
    for (int i = 0; i < nph; i++) {
        snprintf(buf, sizeof buf, "%s%s", cur > i ? "\xE2\x9C\x93 " : "", gc_phase_name(ph[i]));
        float pw = (float)render_text_width(
                       s->fonts, cur == i ? RENDER_FONT_BOLD : RENDER_FONT_SANS, spx(s, 16), buf) +
                   sc(s, 14);
        if (px + pw > cx + cw) {
            px = cx;
            rows++;
        }
        px += pw + sc(s, 5);
    }
    px = cx;
    if (cy + (float)rows * (ph_h + sc(s, 5)) + sc(s, COLLECTOR_LISTS_H) > bottom) {
        cy = phase_segments(s, ph, nph, cur, cx, cy, cw) + sc(s, 14);
    } else {
        for (int i = 0; i < nph; i++) {
            snprintf(buf, sizeof buf, "%s%s", cur > i ? "\xE2\x9C\x93 " : "", gc_phase_name(ph[i]));
            RenderFont f = cur == i ? RENDER_FONT_BOLD : RENDER_FONT_SANS;
            float pw = (float)render_text_width(s->fonts, f, spx(s, 16), buf) + sc(s, 14);
            if (px + pw > cx + cw) {
                px = cx;
                cy += ph_h + sc(s, 5);
            }
            if (cur == i) {
                render_rect(s->l, px, cy, pw, ph_h, sc(s, 6), t->timeline_phase);
                render_text_mid(s, px + pw * 0.5f, cy, ph_h, f, spx(s, 16), RENDER_ALIGN_CENTER,
                                t->bg, buf);
            } else {
                render_frame(s->l, px, cy, pw, ph_h, sc(s, 6), sc(s, 1), cur < i ? sc(s, 3) : 0,
                             cur > i ? t->text_dim : t->text_faint);
                render_text_mid(s, px + pw * 0.5f, cy, ph_h, f, spx(s, 16), RENDER_ALIGN_CENTER,
                                cur > i ? t->text_dim : t->text_faint, buf);
            }
            px += pw + sc(s, 5);
        }
        cy += ph_h + sc(s, 14);
    }
    return cy;
}

/* The status line when no collection runs: whether automatic collection
 * is on. */
static float idle_status(Scene *s, const GcGlobals *g, float cx, float cy, float cw)
{
    const RenderTheme *t = s->t;
    char buf[256];
    const char *state = g->collector == GC_COLLECTOR_REFCOUNT ? "absent"
                        : g->enabled                          ? "on"
                                                              : "off";
    snprintf(buf, sizeof buf, "Idle \xC2\xB7 automatic collection %s", state);
    if (render_text_width(s->fonts, RENDER_FONT_SANS, spx(s, 17), buf) > cw)
        snprintf(buf, sizeof buf, "Idle \xC2\xB7 automatic gc %s", state); /* a narrow panel */
    char fit[256];
    render_text_mid(s, cx, cy, sc(s, 28), RENDER_FONT_SANS, spx(s, 17), RENDER_ALIGN_LEFT,
                    g->enabled ? t->text_dim : t->changed,
                    render_fit(s, RENDER_FONT_SANS, spx(s, 17), buf, cw, fit, sizeof fit));
    cy += sc(s, 38);
    return cy;
}

/* One generation's block: header with its role in the collection and a
 * count bar, its list, its statistics (not during a collection in a
 * tight panel), a separator. */
static float generation_block(Scene *s, const GcGlobals *g, int gen, GcListView lv, int collecting,
                              int tight, float cx, float cy, float cw, float bottom)
{
    const RenderTheme *t = s->t;
    GcListId list = (GcListId)(GC_LIST_GEN0 + gen);
    char buf[256];
    RenderColor col = t->gen[gen];
    float rowh = sc(s, 30);
    stripes(s, cx, cy + sc(s, 5), rowh - sc(s, 10), gen + 1, col);
    if (gen < 3)
        snprintf(buf, sizeof buf, "gen %d", gen);
    else
        snprintf(buf, sizeof buf, "permanent");
    float sx = cx + sc(s, 6) * (float)(gen + 1) + sc(s, 8);
    render_text_mid(s, sx, cy, rowh, RENDER_FONT_BOLD, spx(s, 17), RENDER_ALIGN_LEFT, t->text, buf);
    sx += (float)render_text_width(s->fonts, RENDER_FONT_BOLD, spx(s, 17), buf) + sc(s, 10);
    /* CPython's names during a collection of generation g: "young" is
     * g's list (the younger ones are merged into it), "old" is g + 1,
     * where the survivors go (a full collection's old is young itself). */
    const char *role = NULL;
    if (collecting && gen < 3 && g->gen >= 0) {
        if (gen == g->gen)
            role = g->gen == 2 ? "young = old" : "young";
        else if (gen < g->gen)
            role = g->phase <= GC_PHASE_START ? "to merge" : "merged";
        else if (gen == g->gen + 1)
            role = "old";
    }
    int64_t c = gen < 3 ? g->count[gen] : 0, th = gen < 3 ? g->threshold[gen] : 0;
    snprintf(buf, sizeof buf, "%lld / %lld", (long long)c, (long long)th);
    float tw = (float)render_text_width(s->fonts, RENDER_FONT_SANS, spx(s, 16), buf);
    int counts = gen < 3 && g->collector != GC_COLLECTOR_REFCOUNT;
    if (role) {
        /* in a narrow panel the list's role in the collection matters
         * more than the count (which the collection resets anyway) */
        float rw = (float)render_text_width(s->fonts, RENDER_FONT_SANS, spx(s, 16), role) +
                   (rowh - sc(s, 8)) * 0.9f;
        if (sx + rw + sc(s, 10) > cx + cw - tw)
            counts = 0;
        sx += render_pill(s, sx, cy + sc(s, 4), rowh - sc(s, 8), RENDER_FONT_SANS, spx(s, 16),
                          with_alpha(t->timeline_phase, 0.3f), t->text, role) +
              sc(s, 10);
    }
    if (counts) {
        render_text_mid(s, cx + cw, cy, rowh, RENDER_FONT_SANS, spx(s, 16), RENDER_ALIGN_RIGHT,
                        t->text_dim, buf);
        float bx = sx, bw = cx + cw - tw - sc(s, 10) - bx;
        if (bw > sc(s, 30)) {
            float frac = th > 0 ? (float)c / (float)th : 0;
            if (frac > 1)
                frac = 1;
            float bh = sc(s, 8);
            render_rect(s->l, bx, cy + (rowh - bh) * 0.5f, bw, bh, bh * 0.5f, t->timeline);
            if (frac > 0)
                render_rect(s->l, bx, cy + (rowh - bh) * 0.5f, bw * frac < bh ? bh : bw * frac, bh,
                            bh * 0.5f, col);
        }
    }
    cy += rowh + sc(s, 4);
    cy += list_strip(s, list, cx, cy, cw, bottom) + sc(s, 4);
    if (gen < 3 && !(collecting && tight) && cy + sc(s, 28) <= bottom) {
        const GcGenStats *st = &g->stats[gen];
        char n1[32], n2[32], n3[32], n4[32];
        render_thousands(n1, sizeof n1, (int64_t)lv.len);
        render_thousands(n2, sizeof n2, (int64_t)st->collections);
        render_thousands(n3, sizeof n3, (int64_t)st->collected);
        render_thousands(n4, sizeof n4, (int64_t)st->uncollectable);
        snprintf(buf, sizeof buf, "%s object%s \xC2\xB7 %s run%s \xC2\xB7 %s collected", n1,
                 lv.len == 1 ? "" : "s", n2, st->collections == 1 ? "" : "s", n3);
        if (st->uncollectable)
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " \xC2\xB7 %s uncollectable", n4);
        if (render_text_width(s->fonts, RENDER_FONT_SANS, spx(s, 16), buf) > cw) /* narrow */
            snprintf(buf, sizeof buf, "%s object%s \xC2\xB7 %s collected", n1,
                     lv.len == 1 ? "" : "s", n3);
        char fit[256];
        render_text_mid(s, cx, cy, sc(s, 24), RENDER_FONT_SANS, spx(s, 16), RENDER_ALIGN_LEFT,
                        t->text_faint,
                        render_fit(s, RENDER_FONT_SANS, spx(s, 16), buf, cw, fit, sizeof fit));
        cy += sc(s, 28);
    }
    render_rect(s->l, cx, cy, cw, sc(s, 1), 0, t->row_sep);
    cy += sc(s, 10);
    return cy;
}

void render_collector_panel(Scene *s, float x, float y, float w, float h)
{
    const RenderTheme *t = s->t;
    render_panel(s, x, y, w, h, "COLLECTOR");
    if (!s->h)
        return;
    const GcGlobals *g = gc_globals(s->h);
    float in = sc(s, 18);
    float cx = x + in, cw = w - 2 * in;
    float cy = y + sc(s, 44);
    float bottom = y + h - sc(s, 10);
    char buf[256];
    /* the phase shown is the one of the event just shown */
    GcPhase phase = s->ev >= 0 ? (GcPhase)gc_event(s->h, s->ev)->phase : GC_PHASE_IDLE;
    int collecting = g->collecting && phase != GC_PHASE_IDLE;
    /* status */
    if (collecting)
        cy = phase_pills(s, g, phase, cx, collecting_title(s, g, cx, cy, cw), cw, bottom);
    else
        cy = idle_status(s, g, cx, cy, cw);
    /* generations: header with a count bar, the list in order, statistics
     * (left out during a collection in a short panel: the working lists
     * below come first) */
    int tight = h < sc(s, 720);
    if (g->collector != GC_COLLECTOR_CPYTHON)
        cy = counterfactual_lists(s, g, cx, cy, cw, bottom);
    for (int gen = 0; gen < 4 && cy < bottom - sc(s, 60) && g->collector == GC_COLLECTOR_CPYTHON;
         gen++) {
        GcListView lv = gc_list(s->h, (GcListId)(GC_LIST_GEN0 + gen));
        if (gen == 3 && lv.len == 0)
            break;
        cy = generation_block(s, g, gen, lv, collecting, tight, cx, cy, cw, bottom - sc(s, 30));
    }
    /* the working lists of a collection */
    static const GcListId work[] = {GC_LIST_UNREACHABLE, GC_LIST_FINALIZERS, GC_LIST_WRCB,
                                    GC_LIST_SEEN, GC_LIST_FINAL};
    for (size_t i = 0; i < sizeof work / sizeof work[0] && cy < bottom - sc(s, 50); i++) {
        GcListView lv = gc_list(s->h, work[i]);
        if (lv.len == 0 &&
            !(work[i] == GC_LIST_UNREACHABLE && collecting && g->collector == GC_COLLECTOR_CPYTHON))
            continue;
        snprintf(buf, sizeof buf, "%s list", gc_list_name(work[i]));
        render_text_mid(s, cx, cy, sc(s, 28), RENDER_FONT_BOLD, spx(s, 17), RENDER_ALIGN_LEFT,
                        work[i] == GC_LIST_UNREACHABLE ? t->unreachable : t->text, buf);
        cy += sc(s, 32);
        cy += list_strip(s, work[i], cx, cy, cw, bottom - sc(s, 30)) + sc(s, 14);
    }
    /* totals at the bottom (the lists above stop short of them) */
    if (cy <= bottom - sc(s, 26)) {
        char na[32], nf[32], nl[32];
        render_thousands(na, sizeof na, (int64_t)g->allocated);
        render_thousands(nf, sizeof nf, (int64_t)g->freed);
        render_thousands(nl, sizeof nl, (int64_t)(g->allocated - g->freed));
        snprintf(buf, sizeof buf, "allocated %s \xC2\xB7 freed %s \xC2\xB7 alive %s", na, nf, nl);
        if (render_text_width(s->fonts, RENDER_FONT_SANS, spx(s, 16), buf) > cw) /* narrow */
            snprintf(buf, sizeof buf, "alive %s \xC2\xB7 freed %s", nl, nf);
        char fit[256];
        render_text_mid(s, cx, bottom - sc(s, 28), sc(s, 24), RENDER_FONT_SANS, spx(s, 16),
                        RENDER_ALIGN_LEFT, t->text_dim,
                        render_fit(s, RENDER_FONT_SANS, spx(s, 16), buf, cw, fit, sizeof fit));
    }
}

/* ---- inspector -------------------------------------------------------------------- */

void render_inspector(Scene *s)
{
    const RenderTheme *t = s->t;
    GcId id = s->v->selected;
    const GcObject *o = gc_object(s->h, id);
    if (!o)
        return;
    char rows[16][200];
    int n = 0;
    const GcGlobals *g = gc_globals(s->h);
    snprintf(rows[n++], 200, "state: %s", o->state == GC_STATE_FREED ? "freed" : "alive");
    snprintf(rows[n++], 200, "refcount: %lld", (long long)o->refcnt);
    if (o->flags & GC_F_COLLECTING)
        snprintf(rows[n++], 200, "gc_refs: %lld", (long long)o->gc_refs);
    snprintf(rows[n++], 200, "generation: %s",
             o->list == GC_LIST_NONE ? "none (untracked)" : gc_list_name((GcListId)o->list));
    snprintf(rows[n++], 200, "tracked by the gc: %s", o->list == GC_LIST_NONE ? "no" : "yes");
    snprintf(rows[n++], 200, "finalized (__del__ ran): %s", o->flags & GC_F_FINALIZED ? "yes" : "no");
    const uint8_t *reach = render_scene_reach(s);
    if (reach && id <= s->maxid && o->state == GC_STATE_ALIVE)
        snprintf(rows[n++], 200, "reachable from the roots: %s", reach[id] ? "yes" : "no");
    if (o->flags & GC_F_LEAKED)
        snprintf(rows[n++], 200, "leaked: never freed");
    /* referrers */
    char refs[600];
    int k = snprintf(refs, sizeof refs, "referrers:");
    int nref = 0;
    for (GcId r = 1; r <= s->maxid && k > 0 && (size_t)k < sizeof refs - 60; r++) {
        const GcObject *ro = gc_object(s->h, r);
        if (!ro || ro->state != GC_STATE_ALIVE)
            continue;
        for (uint32_t i = 0; i < gc_nslots(ro); i++)
            if (gc_slot(ro, i).val == GC_VAL_OBJ(id) && (size_t)k < sizeof refs - 60) {
                char lb[80];
                k += snprintf(refs + k, sizeof refs - (size_t)k, "%s %s", nref ? "," : "",
                              render_obj_label(s->h, r, lb, sizeof lb));
                nref++;
            }
    }
    for (int d = 0; d < gc_frame_count(s->h); d++) {
        const GcFrame *f = gc_frame(s->h, d);
        for (uint32_t i = 0; i < f->nvars; i++)
            if (f->vars[i].val == GC_VAL_OBJ(id) && (size_t)k < sizeof refs - 60) {
                k += snprintf(refs + k, sizeof refs - (size_t)k, "%s %s", nref ? "," : "",
                              gc_strtab_get(gc_atoms(s->h), (int32_t)GC_VAL_PAYLOAD(f->vars[i].key)));
                nref++;
            }
    }
    if (nref == 0)
        snprintf(refs + k, sizeof refs - (size_t)k, " none");
    (void)g;
    float w = sc(s, 380), rh = sc(s, 28);
    float h = sc(s, 60) + rh * (float)(n + 1) + sc(s, 10);
    float cx, cy;
    float x, y;
    float wx, wy, ww, wh;
    if (render_card_anchor(s, id, &cx, &cy) &&
        render_card_rect(s->h, s->layout, id, &wx, &wy, &ww, &wh) == 0) {
        /* beside the card: right if there is room, else left, else the heap's corner */
        float zk = s->v->zoom * s->s;
        float cw = ww * zk, ch = (wh - LAYOUT_TAG_H) * zk;
        float top = cy - LAYOUT_HEADER_H * 0.5f * zk;
        float hx0 = s->rg.heap_x + sc(s, 8), hx1 = s->rg.heap_x + s->rg.heap_w - sc(s, 8);
        float hy1 = s->rg.heap_y + s->rg.heap_h - sc(s, 8);
        y = cy - sc(s, 40);
        if (cx + cw + sc(s, 16) + w <= hx1) {
            x = cx + cw + sc(s, 16);
        } else if (cx - w - sc(s, 16) >= hx0) {
            x = cx - w - sc(s, 16);
        } else {
            /* below the card (its footer included), else above it */
            x = cx < hx0 ? hx0 : cx + w > hx1 ? hx1 - w : cx;
            y = top + ch + sc(s, 34);
            if (y + h > hy1)
                y = top - LAYOUT_TAG_H * zk - h - sc(s, 8);
        }
    } else {
        x = s->rg.heap_x + s->rg.heap_w - w - sc(s, 12);
        y = s->rg.heap_y + sc(s, 12);
    }
    if (y + h > s->rg.heap_y + s->rg.heap_h)
        y = s->rg.heap_y + s->rg.heap_h - h - sc(s, 8);
    if (y < s->rg.heap_y + sc(s, 8))
        y = s->rg.heap_y + sc(s, 8);
    render_rect(s->l, x + sc(s, 2), y + sc(s, 5), w, h, sc(s, 12), t->card_shadow);
    render_rect(s->l, x, y, w, h, sc(s, 12), t->panel);
    render_frame(s->l, x, y, w, h, sc(s, 12), sc(s, 2), 0, t->accent);
    char lb[120], fit[600];
    render_text(s->l, x + sc(s, 18), y + sc(s, 14), RENDER_FONT_BOLD, spx(s, 19), RENDER_ALIGN_LEFT,
                t->text, render_obj_label(s->h, id, lb, sizeof lb));
    render_text(s->l, x + w - sc(s, 16), y + sc(s, 17), RENDER_FONT_SANS, spx(s, 16),
                RENDER_ALIGN_RIGHT, t->text_faint, "inspector");
    for (int i = 0; i < n; i++)
        render_text_mid(s, x + sc(s, 18), y + sc(s, 52) + rh * (float)i, rh, RENDER_FONT_SANS,
                        spx(s, 16), RENDER_ALIGN_LEFT, t->text_dim, rows[i]);
    render_text_mid(s, x + sc(s, 18), y + sc(s, 52) + rh * (float)n, rh, RENDER_FONT_SANS, spx(s, 16),
                    RENDER_ALIGN_LEFT, t->text,
                    render_fit(s, RENDER_FONT_SANS, spx(s, 16), refs, w - sc(s, 36), fit, sizeof fit));
    render_hit(s->l, RENDER_HIT_BUTTON, RENDER_BTN_CLOSE, x, y, w, h);
}

/* ---- output ------------------------------------------------------------------ */

/* One row of the output panel: len bytes of the output from b. */
typedef struct OutRow {
    size_t b, len;
} OutRow;

#define OUT_PX 15 /* the output's text size */

/* The rows of the output's last max_lines lines wrapped to width (at a
 * space when one is in the row's second half, else where the row is
 * full), the newest last; at most max rows (the oldest go).  Returns
 * their number. */
static int output_rows(const Scene *s, float width, OutRow *rows, int max, int max_lines)
{
    const char *out = s->v->output;
    size_t end = s->v->output_len;
    if (!out || end == 0 || max <= 0)
        return 0;
    if (out[end - 1] == '\n')
        end--;
    int cw = render_text_width(s->fonts, RENDER_FONT_MONO, spx(s, OUT_PX), "0");
    size_t per = cw > 0 ? (size_t)(width / (float)cw) : 40;
    if (per < 8)
        per = 8;
    OutRow back[64];
    int n = 0, lines = 0;
    if (max > 64)
        max = 64;
    for (size_t i = end; n < max && lines < max_lines; lines++) {
        size_t b = i;
        while (b > 0 && out[b - 1] != '\n')
            b--;
        OutRow lr[64];
        int m = 0;
        size_t p = b;
        do {
            size_t r = i - p;
            if (r > per) {
                size_t sp = per;
                while (sp > per / 2 && out[p + sp - 1] != ' ')
                    sp--;
                r = sp > per / 2 ? sp : per;
                while (r > 1 && ((unsigned char)out[p + r] & 0xC0) == 0x80)
                    r--; /* not inside a UTF-8 character */
            }
            lr[m++] = (OutRow){p, r};
            p += r;
        } while (p < i && m < 64);
        for (int k = m - 1; k >= 0 && n < max; k--)
            back[n++] = lr[k];
        if (b == 0)
            break;
        i = b - 1;
    }
    for (int k = 0; k < n; k++)
        rows[k] = back[n - 1 - k];
    return n;
}

/* What `print` printed up to this point: the last lines that fit, the
 * newest at the bottom, a line too long for the panel wrapped (no text
 * is lost at its edge). */
void render_output_panel(Scene *s, float x, float y, float w, float h)
{
    const RenderTheme *t = s->t;
    render_panel(s, x, y, w, h, "OUTPUT");
    const char *out = s->v->output;
    size_t len = s->v->output_len;
    int px = spx(s, OUT_PX);
    float lh = sc(s, 21), top = y + sc(s, 40), in = sc(s, 18);
    int visible = (int)((h - sc(s, 48)) / lh);
    if (visible < 1)
        return;
    if (!out || len == 0) {
        render_text(s->l, x + in, top, RENDER_FONT_SANS, px, RENDER_ALIGN_LEFT, t->text_dim,
                    "nothing printed yet");
        return;
    }
    OutRow rows[64];
    int n = output_rows(s, w - 2 * in, rows, visible, 64);
    /* the rows of the newest line are bright */
    size_t last = len > 0 && out[len - 1] == '\n' ? len - 1 : len;
    while (last > 0 && out[last - 1] != '\n')
        last--;
    char line[512], fit[512];
    for (int k = 0; k < n; k++) {
        size_t l = rows[k].len < sizeof line - 1 ? rows[k].len : sizeof line - 1;
        memcpy(line, out + rows[k].b, l);
        line[l] = 0;
        render_text(s->l, x + in, top + lh * (float)k, RENDER_FONT_MONO, px, RENDER_ALIGN_LEFT,
                    rows[k].b >= last ? t->text : t->text_dim,
                    render_fit(s, RENDER_FONT_MONO, px, line, w - 2 * in, fit, sizeof fit));
    }
}

float render_output_h(const Scene *s, float w)
{
    if (s->v->output_total <= 0)
        return 0;
    /* four lines on a slide, three beside the collector; up to eight
     * rows when they wrap */
    int rows = s->v->slide ? 4 : 3;
    OutRow r[8];
    int n = output_rows(s, w - sc(s, 36), r, 8, rows);
    rows = n > rows ? n : rows;
    return sc(s, 48) + sc(s, 21) * (float)rows;
}
