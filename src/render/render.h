/*
 * render.h: drawing one frame of gcviz.
 *
 * Drawing is split in two, as microui does: the scene builder turns const
 * engine state + layout + view state into a DISPLAY LIST of neutral
 * commands (rounded rects, polylines with arrowheads, convex polygons,
 * text with a font id and a pixel size, dashes, clip rectangles), and a
 * backend turns the list into pixels.  The SDL backend is in
 * render_sdl.c; an SVG writer can walk the same list (every command is
 * plain data, strings live in the list's own buffer).
 *
 * Coordinates in a display list are physical pixels of the target, y down.
 * The builder also emits hit regions (cards, buttons, timeline) so the app
 * can turn clicks into commands without knowing the geometry.
 *
 * Invariant: building never mutates the engine; everything the builder
 * needs across frames (timeline markers) is precomputed once per run.
 */
#ifndef GCVIZ_RENDER_H
#define GCVIZ_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "layout.h"

/* ---- colours and themes --------------------------------------------------- */

typedef struct RenderColor {
    uint8_t r, g, b, a;
} RenderColor;

typedef enum RenderThemeId {
    RENDER_THEME_DARK = 0,
    RENDER_THEME_LIGHT,
    RENDER_THEME_CONTRAST,
    RENDER_THEME_COUNT
} RenderThemeId;

/* One theme: every colour the renderer uses comes from here.  The state
 * colours are from the Okabe-Ito palette (safe for the common forms of
 * colour blindness); every state is also told by a shape or a pattern. */
typedef struct RenderTheme {
    const char *name;
    RenderColor bg, panel, panel_border, panel_title;
    RenderColor text, text_dim, text_faint, accent;
    RenderColor heap_bg, heap_grid;
    RenderColor card, card_header, card_border, card_shadow, card_text, row_sep;
    RenderColor arrow, arrow_weak, arrow_root, arrow_hot;
    RenderColor hot, hot_fill, changed;
    RenderColor gen[4];      /* gen0, gen1, gen2, permanent */
    RenderColor untracked;
    RenderColor unreachable, leaked, freed, error, ok;
    RenderColor badge, badge_text, gcrefs, gcrefs_text;
    RenderColor code_hl, code_hl_text, code_fn_hl;
    RenderColor timeline, timeline_stmt, timeline_gc, timeline_phase, cursor;
    RenderColor button, button_hover, button_text;
    RenderColor overlay_dim, toast, toast_text;
} RenderTheme;

const RenderTheme *render_theme(RenderThemeId id);
/* a + (b - a) * t, per channel (alpha too). */
RenderColor render_mix(RenderColor a, RenderColor b, float t);
/* Theme by name ("dark", "light", "contrast"); -1 if unknown. */
int render_theme_from_name(const char *name);

/* ---- fonts ------------------------------------------------------------------ */

typedef enum RenderFont {
    RENDER_FONT_SANS = 0,
    RENDER_FONT_BOLD,
    RENDER_FONT_MONO,
    RENDER_FONT_COUNT
} RenderFont;

typedef struct RenderFonts RenderFonts;

/* Finds the bundled fonts (next to the executable, in the source tree or in
 * the installed data directory) and opens them with SDL_ttf (TTF_Init is
 * called if needed).  Returns NULL with SDL_GetError() set on failure. */
RenderFonts *render_fonts_new(void);
void render_fonts_free(RenderFonts *f);
/* Loads the glyphs of one more (face, size) a zoom may need (the printable
 * ASCII and a few signs, metrics and pixels; 6 to 32 px, small ones
 * first) into SDL_ttf's caches, for the window to call while
 * idle: the first frame at a new zoom otherwise loads them, a few ms.
 * Returns 1 when it warmed one, 0 when all are. */
int render_fonts_warm(RenderFonts *f);
/* Width in pixels of UTF-8 text at a pixel size; line height of a size. */
int render_text_width(RenderFonts *f, RenderFont font, int px, const char *text);
/* 412000 -> "412,000" (negative counts as 0), for counts in labels. */
void render_thousands(char *buf, size_t n, int64_t v);
int render_line_height(RenderFonts *f, RenderFont font, int px);
/* Finds a data folder `sub` ("assets", "scenarios") holding the file
 * `probe`: $GCVIZ_DATA_DIR/sub, next to the executable (and up to two
 * folders above it), the installed data directory, then the source tree
 * the program was built from.  Writes the folder into buf and returns 0,
 * or returns -1. */
int render_find_data_dir(const char *sub, const char *probe, char *buf, size_t n);

/* ---- the display list ------------------------------------------------------- */

typedef enum RenderCmdKind {
    RENDER_CMD_RECT = 1, /* filled (rounded) rect x,y,w,h radius */
    RENDER_CMD_FRAME,    /* outline of a (rounded) rect: width, dash */
    RENDER_CMD_LINE,     /* polyline pts[npts]: width, dash, head (arrowhead size at the end) */
    RENDER_CMD_POLY,     /* filled convex polygon pts[npts] */
    RENDER_CMD_TEXT,     /* text at x,y (top of the line box), align */
    RENDER_CMD_CLIP,     /* clip to x,y,w,h; w == 0 removes the clip */
    RENDER_CMD_HATCH     /* diagonal hatching inside x,y,w,h: width, dash = spacing */
} RenderCmdKind;

typedef enum RenderAlign { RENDER_ALIGN_LEFT = 0, RENDER_ALIGN_CENTER, RENDER_ALIGN_RIGHT } RenderAlign;

typedef struct RenderPt {
    float x, y;
} RenderPt;

typedef struct RenderCmd {
    uint8_t kind;  /* RenderCmdKind */
    uint8_t font;  /* RenderFont (TEXT) */
    uint8_t align; /* RenderAlign (TEXT) */
    uint8_t pad_;
    RenderColor color;
    float x, y, w, h;
    float radius;  /* corner radius (RECT, FRAME) */
    float width;   /* stroke width (FRAME, LINE, HATCH) */
    float dash;    /* dash length, 0 = solid (FRAME, LINE); spacing (HATCH) */
    float head;    /* arrowhead length at the last point, 0 = none (LINE) */
    int32_t px;    /* font size in pixels (TEXT) */
    int32_t pts, npts; /* first point in RenderList.pts and count (LINE, POLY) */
    int32_t text;  /* offset of the NUL-terminated text in RenderList.chars (TEXT) */
} RenderCmd;

/* What a hit region stands for. */
typedef enum RenderHitKind {
    RENDER_HIT_CARD = 1, /* id = object id */
    RENDER_HIT_BUTTON,   /* id = RenderButton */
    RENDER_HIT_TIMELINE, /* x..x+w maps linearly onto events [0, id] */
    RENDER_HIT_HEAP,     /* the heap area (pan, zoom) */
    RENDER_HIT_PICKER,   /* id = index of the scenario in the picker */
    RENDER_HIT_BLOCK     /* a block of the crowded overview (a click zooms into it);
                            id = the block */
} RenderHitKind;

typedef enum RenderButton {
    RENDER_BTN_HOME = 1,
    RENDER_BTN_PREV_STMT,
    RENDER_BTN_PREV,
    RENDER_BTN_PLAY,
    RENDER_BTN_NEXT,
    RENDER_BTN_NEXT_STMT,
    RENDER_BTN_END,
    RENDER_BTN_NEXT_GC,
    RENDER_BTN_GRANULARITY,
    RENDER_BTN_LEGEND,
    RENDER_BTN_HELP,
    RENDER_BTN_THEME,
    RENDER_BTN_CLOSE,
    RENDER_BTN_BACK_OUT /* out of a drill-down into the overview's blocks */
} RenderButton;

typedef struct RenderHit {
    uint8_t kind; /* RenderHitKind */
    int32_t id;
    float x, y, w, h;
} RenderHit;

/* Commands [first, end) (no clips among them) whose pixels a backend may
 * keep and copy again while the commands and what lies under them are the
 * same (render_sdl.c).  A lasting group is kept the first time it is
 * drawn, others the second (the cards of a jump elsewhere are seldom seen
 * again). */
typedef struct RenderGroup {
    int32_t first, end;
    int lasting;
} RenderGroup;

typedef struct RenderList {
    RenderCmd *cmds;
    int32_t ncmds, capcmds;
    RenderPt *pts;
    int32_t npts, cappts;
    char *chars;
    int32_t nchars, capchars;
    RenderHit *hits;
    int32_t nhits, caphits;
    int32_t width, height; /* size of the target in pixels */
    RenderColor clear;     /* background */
    int oom;               /* set once an allocation failed (the list is then partial) */
    RenderGroup *groups;   /* parts a backend may keep as pixels (render_group_begin) */
    int32_t ngroups, capgroups;
} RenderList;

void render_list_init(RenderList *l, int width, int height, RenderColor clear);
void render_list_reset(RenderList *l, int width, int height, RenderColor clear);
void render_list_free(RenderList *l);
/* Starts a group of the commands that follow; returns its number for
 * render_group_end, or -1 (out of memory: the commands are drawn as
 * usual).  Groups do not nest. */
int32_t render_group_begin(RenderList *l);
/* The same for a group drawn alike in most frames (the timeline's marks). */
int32_t render_group_begin_lasting(RenderList *l);
void render_group_end(RenderList *l, int32_t group);

void render_rect(RenderList *l, float x, float y, float w, float h, float radius, RenderColor c);
void render_frame(RenderList *l, float x, float y, float w, float h, float radius, float width,
                  float dash, RenderColor c);
void render_hatch(RenderList *l, float x, float y, float w, float h, float width, float spacing,
                  RenderColor c);
/* A polyline; head > 0 draws a filled arrowhead of that length at the end. */
void render_line(RenderList *l, const RenderPt *pts, int n, float width, float dash, float head,
                 RenderColor c);
void render_poly(RenderList *l, const RenderPt *pts, int n, RenderColor c);
void render_text(RenderList *l, float x, float y, RenderFont font, int px, RenderAlign align,
                 RenderColor c, const char *text);
void render_clip(RenderList *l, float x, float y, float w, float h);
void render_unclip(RenderList *l);
void render_hit(RenderList *l, RenderHitKind kind, int32_t id, float x, float y, float w, float h);
/* The geometry of an arrow (a LINE with head > 0), the same for every
 * backend: the shaft stops where the head begins, so it does not poke
 * through; the head is a notched quad (tip, left, notch, right).  Writes at
 * most max shaft points and returns their count, or 0 when the arrow is too
 * short to draw. */
int render_arrow_split(const RenderList *l, const RenderCmd *c, RenderPt *shaft, int max,
                       RenderPt head[4]);
/* The rest of the backend-neutral geometry (render_geom.c, with
 * render_arrow_split): a dashed stroke is `dash` on, RENDER_DASH_GAP * dash
 * off; a stroke thinner than a pixel is drawn one pixel wide with its alpha
 * scaled down (render_thin_stroke); a rounded rect's corner radius is at
 * most half its shorter side (render_corner_radius); a HATCH command's
 * lines run at 45 degrees, c->dash apart, clipped to its rect: fn gets each
 * one's ends in order (none when c->dash <= 0). */
#define RENDER_DASH_GAP 0.75f
void render_thin_stroke(float *width, RenderColor *c);
float render_corner_radius(float w, float h, float r);
void render_hatch_lines(const RenderCmd *c, void (*fn)(void *ctx, RenderPt a, RenderPt b),
                        void *ctx);
/* The topmost hit region containing (x, y), or NULL. */
const RenderHit *render_hit_at(const RenderList *l, float x, float y);
/* The text of a TEXT command. */
const char *render_cmd_text(const RenderList *l, const RenderCmd *c);

/* ---- the SDL backend ---------------------------------------------------------- */

struct SDL_Renderer;
struct SDL_Surface;
typedef struct RenderSdl RenderSdl;

/* A backend drawing onto r (a window's renderer or a software renderer on a
 * surface).  Both are borrowed. Returns NULL on OOM. */
RenderSdl *render_sdl_new(struct SDL_Renderer *r, RenderFonts *fonts);
void render_sdl_free(RenderSdl *b);
/* Clears the target and draws the whole list.  Returns 0, or -1 with
 * SDL_GetError() set. */
int render_sdl_draw(RenderSdl *b, const RenderList *l);
/* Tells a backend on a software renderer the surface that renderer draws
 * onto (SDL_CreateSoftwareRenderer's, borrowed while the backend lives):
 * the backend then writes fills, text and kept groups into its pixels
 * itself, the same values SDL would write, faster.  Returns 0, or -1
 * (and the backend draws through SDL alone) when target is NULL, the
 * renderer is not a software one or the surface is not ARGB8888 or
 * XRGB8888 (SDL's RGB888; its fourth byte: see render_sdl.c) without
 * RLE. */
int render_sdl_set_surface(RenderSdl *b, struct SDL_Surface *target);
/* The same for a window's software renderer (SDL_CreateRenderer with
 * SDL_RENDERER_SOFTWARE): its target is the window's surface, asked for
 * again at every draw (a resize or full screen replaces it), written
 * directly whenever its format allows.  Returns 0 when the window's surface
 * allows it now, -1 otherwise (not a window's software renderer: SDL alone,
 * as before). */
int render_sdl_follow_window(RenderSdl *b);
/* How many groups (render_group_begin) were copied from kept pixels
 * instead of drawn, since the backend was made. */
long render_sdl_groups_copied(const RenderSdl *b);
/* The most bytes the backend keeps of drawn groups (their pixels before
 * and after), for width x height pixels of target: what its frames may
 * allocate beyond the target's own pixels. */
size_t render_sdl_keep_bytes(int width, int height);

/* ---- the scene: one gcviz frame ------------------------------------------------- */

/* the same order as the engine's GcGran (gc_index.c) */
typedef enum RenderGranularity {
    RENDER_GRAN_STATEMENT = 0,
    RENDER_GRAN_PHASE,
    RENDER_GRAN_MICRO,
    RENDER_GRAN_COUNT
} RenderGranularity;

/* The timeline's markers are the engine's run index (GcRunIndex, gc.h:
 * gc_index_build), built once per history. */
struct GcHeap;
struct LangProgram;
struct GcRunIndex;

/* Everything about a frame that is not engine state. */
/* What the frames of one run share (render_cache.c): the cards in a grid
 * by their place, so that a frame looks only at the cards near the view,
 * and the objects reachable from the roots at the cursor last drawn.  The
 * window keeps one per run and resets it when it loads another. */
typedef struct RenderCache RenderCache;
RenderCache *render_cache_new(void);
void render_cache_free(RenderCache *c);
/* Forgets everything (a new run, heap or layout). */
void render_cache_reset(RenderCache *c);
/* Builds now what the frames of layout l need once (the grid of its card
 * places), so that the first frame does not: part of a load, which may
 * run in a worker thread (c is then the worker's until handed over).
 * 0, or -1 on OOM (the first frame then tries again). */
int render_cache_prepare(RenderCache *c, const Layout *l);
/* The blocks' cells (a pass over the heap) that F's first frame at h's
 * cursor would compute, computed now: what the window does while idle, so
 * that F then only draws.  Heaps too small for blocks: nothing.  1 if it
 * computed them, 0 if there was nothing to do (already there), -1 on OOM. */
int render_cells_warm(RenderCache *c, const struct GcHeap *h, const Layout *l,
                      const struct GcRunIndex *tl, int beginner);
/* The cards of l whose place meets the world box (x0, y0, x1, y1) and that
 * are drawn at event from (all but objects freed before it), found in
 * the grid of card places: their ids in *ids, ascending (valid until the
 * next query or frame), and their count; -1 on OOM.  The window's
 * drill-down looks in a block this way, not at every object. */
int render_cache_cards_in(RenderCache *c, const Layout *l, const float box[4], GcId maxid,
                          int32_t from, const GcId **ids);
/* How many times c built its grid in full (tests). */
long render_cache_grid_builds(const RenderCache *c);
/* Whether the arrays by id the frames keep in c are all zero again, as
 * they must be between frames (tests). */
int render_cache_scratch_clean(const RenderCache *c);

typedef struct RenderView {
    RenderThemeId theme;
    float scale;           /* HiDPI factor: physical pixels per logical pixel */
    float zoom;            /* heap zoom (1 = 100 %) */
    float pan_x, pan_y;    /* world coordinates shown at the heap area's top-left */
    RenderGranularity gran;
    int playing;
    int speed;             /* steps per second while playing */
    GcId selected;         /* inspector target, 0 none */
    GcId hover;
    int show_legend, show_help, show_picker;
    const char *title;     /* scenario title */
    const char *name;      /* scenario file name (no folder) */
    const char *description; /* the scenario's "description", or NULL */
    const char *run_error; /* Python-style exception text, "" or NULL if none */
    const char *run_exception; /* its exception alone ("TypeError: ..."), or NULL */
    const char *load_error;/* load problems (one per line), NULL if none */
    const char *toast;     /* NULL if none */
    const char *prompt;    /* a question or the end-of-chapter prompt, NULL if none */
    int beginner;          /* hide interpreter temporaries (gc_event_interpreter_only): their
                              cards, their micro-steps; the caption says how many it hid */
    int toast_is_error;
    const char *const *picker_items; /* names shown in the scenario picker */
    const char *const *picker_files; /* their file names (NULL: none shown) */
    const char *const *picker_desc;  /* their descriptions (NULL: none shown) */
    int picker_count, picker_sel;
    float anim;            /* 0..1 progress of the step transition (1 = settled) */
    int32_t prev_cursor;   /* cursor before the last step (for fades), -1 none */
    int32_t hover_cursor;  /* the timeline under the mouse: this cursor's step, -1 none */
    float hover_x;         /* where the mouse is on it (physical pixels) */
    int slide;             /* slide mode: heap first, caption as the title, no controls */
    float covered[4];      /* a box the window draws over the heap (its "Back out" button
                              inside a block of the overview): x, y, w, h in physical
                              pixels; w = 0: none */
    const char *output;    /* what the program printed up to the cursor (output_len bytes) */
    size_t output_len;
    size_t output_total; /* bytes it prints in the whole run: 0 = no output strip */
    RenderCache *cache;  /* NULL: each frame makes and drops its own */
} RenderView;

/* Logical size of the regions of the window, so the app and the tests can
 * find the heap area and the panels. */
typedef struct RenderRegions {
    float top_h, left_w, right_w, caption_h, timeline_h;
    float heap_x, heap_y, heap_w, heap_h; /* physical pixels */
    float code_x, code_y, code_w, code_h;
    int code_below; /* a slide's code is below the heap, not beside it */
} RenderRegions;

void render_regions(int width, int height, float scale, RenderRegions *out);
/* The regions of a slide (RenderView.slide): the title (top_h), the heap,
 * the code at the right (code_*), the footer (timeline_h).  code_cols: the
 * longest line of the program the code panel shows (render_code_columns;
 * 0: not known): a program of short lines gets a narrower code panel and
 * the heap the rest, down to 300 logical pixels for the code.  content_w,
 * content_h: the world size of the run's cards (render_slide_content; 0:
 * not known): a wide, short block of cards (a linked list in a row) gets
 * the whole width and the code goes below the heap (code_below), when that
 * draws its cards at least a fifth larger. */
void render_regions_slide(int width, int height, float scale, int code_cols, float content_w,
                          float content_h, RenderRegions *out);
/* The world bounds (x0, y0, x1, y1) of every card of the run in layout
 * but the interpreter's temporaries (tags and footers included): what a
 * slide shows over the run; 0 if there is none. */
int render_slide_bounds(const Layout *layout, float b[4]);
/* Their size; 0 x 0 if none. */
void render_slide_content(const Layout *layout, float *w, float *h);
/* A slide with nothing alive on its heap shows the ghosts of the cards its
 * statement freed together, near where they were: when one of them is
 * more than RENDER_GHOST_APART world units from every other (tree_del's
 * exit drew list #1 and globals() in opposite corners of the slide), side
 * by side, tops in line, in the order of their places (top to bottom,
 * then left to right), from the place of the first, in rows no wider than
 * max_w.  ghost_row fills g with them when there are 2 ..
 * RENDER_GHOSTS_ROW of them and they are apart; n = -1 when more are apart
 * (the slide lists them), 0 otherwise (each ghost where it was, a freed
 * list still a row); stmt_start: the event that starts
 * the statement shown (gc_index_stmt_at).  ghost_at gives id's place in the row, or 0. */
#define RENDER_GHOSTS_MAX  64
#define RENDER_GHOSTS_ROW  8 /* more ghosts apart than this: listed by name instead */
#define RENDER_GHOST_APART (LAYOUT_GAP_X + 8)
typedef struct RenderGhosts {
    int n;
    GcId id[RENDER_GHOSTS_MAX];
    float x[RENDER_GHOSTS_MAX], y[RENDER_GHOSTS_MAX];
} RenderGhosts;
/* max_w: the widest a row may be, in world units (the heap's width at the
 * slide's least zoom for its subject, RENDER_SLIDE_ZMIN: a row wider than
 * that ran out of the slide, chapter 14's exit); more ghosts go on the
 * next row. */
#define RENDER_SLIDE_ZMIN 0.85f /* a slide never zooms out below this for its subject */
/* A slide that does not show every living card keeps a strip this high
 * (logical pixels) along its heap's bottom edge, where a note counts them:
 * the slide's framing keeps its subject above it. */
#define RENDER_SLIDE_MORE_H 34.0f
void render_ghost_row(const struct GcHeap *h, const Layout *layout, int32_t stmt_start, float max_w,
                      RenderGhosts *g);
/* That max_w for a heap area rg drawn at scale (physical pixels per
 * logical one): what the slide's framing and its drawing both use. */
float render_ghost_row_width(const RenderRegions *rg, float scale);
int render_ghost_at(const RenderGhosts *g, GcId id, float *x, float *y);
/* render_regions, or render_regions_slide for p's code and layout's cards. */
void render_regions_for(int width, int height, float scale, int slide, const LangProgram *p,
                        const Layout *layout, RenderRegions *out);
/* The characters of the longest row the code panel shows of p's source
 * (docstring and teacher's annotations left out); 0 without a source. */
int render_code_columns(const LangProgram *p);

/* The caption's sentence for the frame at h's cursor, stepping at gran:
 * at phase granularity inside a collection, the summary of the phase and
 * its outcome (gc_phase_summary); at a statement's start, the statement;
 * else the explanation of the event shown (gc_event_explain).  "" before
 * the first event. */
void render_caption_text(const struct GcHeap *h, const struct LangProgram *p,
                         RenderGranularity gran, char *buf, size_t n);
/* Is object id an interpreter temporary a beginner's view hides (an
 * argument tuple of a call)? */
int render_is_temporary(const struct GcHeap *h, GcId id);
/* How many interpreter-only micro-steps come just before the event shown
 * (those a beginner stepping by micro-step skipped to get here). */
int render_hidden_before(const struct GcHeap *h);
/* The subject of the frame at h's cursor: the cards its caption names
 * ("Link #4" in render_caption_text or the statement's say), at most
 * max into out, in the order named.  Returns the count. */
int render_subjects(const struct GcHeap *h, const struct LangProgram *p, RenderGranularity gran,
                    GcId *out, int max);
/* Adds to out[0..n) the cards text names as "<Type> #<id>" (type names
 * checked against h); returns the new count. */
int render_named_cards(const struct GcHeap *h, const char *text, GcId *out, int n, int max);

/* Builds the frame for the heap's current cursor into l (reset first).
 * h may be NULL (nothing loaded: a welcome screen).  p and layout may be NULL
 * when h is. Returns 0, or -1 if the list ran out of memory. */
int render_scene(RenderList *l, RenderFonts *fonts, const struct GcHeap *h,
                 const struct LangProgram *p, const Layout *layout, const struct GcRunIndex *tl,
                 const RenderView *v, int width, int height);

/* World rectangle of card id as drawn (layout position + current size). */
int render_card_rect(const struct GcHeap *h, const Layout *layout, GcId id, float *x, float *y,
                     float *w, float *h_out);

/* How far right of card id (h_card world units tall) the arrow of a
 * field that holds the card itself loops (its curve, arrow_to's), 0 when
 * no field does: a slide that shows the card whole shows its loop too. */
float render_self_loop_reach(const struct GcHeap *h, GcId id, float h_card);

/* The top-level step (0-based) of the event just shown (cursor - 1), -1
 * before the first. */
int32_t render_shown_step(const struct GcHeap *h);
/* The phase part of a screenshot name for the current state ("idle", "subtract_refs"). */
const char *render_phase_slug(const struct GcHeap *h);

#endif
