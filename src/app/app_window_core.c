/*
 * app_window_core.c: everything the window does except owning the OS
 * window: the loaded scenario and its recorded run, stepping at the three
 * granularities, the command mapping shared with the tests, mouse
 * gestures, cards gliding to a new place, screenshots, the scenario
 * picker.  Drawing is delegated to the render module (display list, then
 * the SDL backend).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <dirent.h>
#include <limits.h>
#include <errno.h>
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#include <malloc.h>
#define APP_MALLOPT 1
#endif
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app_window_internal.h"
#include "record.h"

#define ANIM_MS 250
#define FIT_MS 220
#define GLIDE_MS 220 /* a card's move: the issue allows at most 250 ms */
#define APP_ZOOM_MIN                                                                               \
    0.002f /* wheel and F: a million cards at once (blocks of counts);                             \
               below about 45 % cards are drawn in the overview style */
#define APP_ZOOM_MAX          4.0f
#define TOAST_MS 3500
#define APP_PICKER_PEEK_BYTES (256 * 1024) /* larger files are listed by name */
#define APP_UI_MIN 0.8f /* interface sizes (Ctrl+ / Ctrl-) */
#define APP_UI_MAX 2.0f
#define APP_LOAD_SHOW_MS      150 /* a load shorter than this shows no progress panel */
#define APP_LOAD_FRAME_MS     100

static const int speeds[] = {1, 2, 4, 8, 16, 32};

/* Copies src into dst (n bytes), cut if needed. */
static void scopy(char *dst, size_t n, const char *src)
{
    size_t len = strlen(src);
    if (len >= n)
        len = n - 1;
    memcpy(dst, src, len);
    dst[len] = 0;
}

/* ---- memory the frames reuse ----------------------------------------------- */

/* Frames allocate and free their working memory (the blocks' cells of a
 * step, the pixels the backend keeps of a block).  By default glibc gives
 * blocks over 128 KiB back to the system when they are freed and maps
 * them afresh when asked again, page by page on first touch; on a virtual
 * machine that hands freed pages back to its host a first touch costs
 * 14-24 us (measured on the 2-core machines of benchmarks/: the first
 * frame of F on a 10^5-card tree paid 600 faults, the frame after it
 * 1,600, 10 and 30 ms).  The window keeps what it frees for its next
 * frames: blocks up to APP_KEEP_BLOCK come from the heap, which keeps up
 * to APP_KEEP_TOP free at its end.  Bigger blocks (a history's arrays of
 * a big run) are still mapped apart, so that growing them moves no
 * bytes (with every block in the heap the first frame of a 10^6-node tree
 * took 7.6 s instead of 3.4-3.9). */
#define APP_KEEP_BLOCK (32L << 20)
#define APP_KEEP_TOP   (256L << 20)

static void mem_keep(void)
{
#ifdef APP_MALLOPT
    mallopt(M_MMAP_THRESHOLD, (int)APP_KEEP_BLOCK);
    mallopt(M_TRIM_THRESHOLD, (int)APP_KEEP_TOP);
#endif
}

/* Cards from which a load maps, once, room for the working memory of the
 * first frames of F (render_cells_prepare's threshold: past 2,500 cards
 * F shows blocks): the backend's kept pixels of blocks at the window's
 * size (render_sdl_keep_bytes) and 64 bytes a card (the cells' lists,
 * sorted references and types), at most APP_WARM_MAX, in pieces the
 * heap serves (APP_WARM_PIECE).  Touched and freed on this thread, whose
 * heap the frames allocate from. */
#define APP_WARM_MIN   2500
#define APP_WARM_MAX   (64L << 20)
#define APP_WARM_PIECE (8L << 20)

static void mem_warm(const AppWin *w)
{
#ifdef APP_MALLOPT
    GcId n = layout_max_id(w->layout);
    if (n < APP_WARM_MIN)
        return;
    size_t bytes = render_sdl_keep_bytes(w->width, w->height) + 64 * (size_t)n;
    bytes = bytes > (size_t)APP_WARM_MAX ? (size_t)APP_WARM_MAX : bytes;
    enum { NPIECE = APP_WARM_MAX / APP_WARM_PIECE };
    char *piece[NPIECE];
    int np = 0;
    for (size_t done = 0; done < bytes && np < NPIECE; done += APP_WARM_PIECE) {
        if (!(piece[np] = malloc(APP_WARM_PIECE)))
            break;
        for (size_t i = 0; i < APP_WARM_PIECE; i += 4096)
            ((volatile char *)piece[np])[i] = 0;
        np++;
    }
    while (np > 0)
        free(piece[--np]);
#else
    (void)w;
#endif
}

/* ---- keys ------------------------------------------------------------------ */

AppCmd app_cmd_from_key(SDL_Keycode key, Uint16 mod, int picker_open)
{
    int shift = (mod & KMOD_SHIFT) != 0;
    if (picker_open) {
        switch (key) {
        case SDLK_UP:
            return APP_CMD_PICKER_UP;
        case SDLK_DOWN:
            return APP_CMD_PICKER_DOWN;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
            return APP_CMD_PICKER_OPEN;
        default:
            break;
        }
    }
    if (mod & KMOD_CTRL) {
        switch (key) {
        case SDLK_EQUALS:
        case SDLK_PLUS:
        case SDLK_KP_PLUS:
            return APP_CMD_UI_BIGGER;
        case SDLK_MINUS:
        case SDLK_KP_MINUS:
            return APP_CMD_UI_SMALLER;
        case SDLK_0:
        case SDLK_KP_0:
            return APP_CMD_UI_RESET;
        case SDLK_q:
            return APP_CMD_QUIT;
        case SDLK_s:
            return APP_CMD_SAVE_LAYOUT;
        default:
            return APP_CMD_NONE;
        }
    }
    switch (key) {
    case SDLK_RIGHT:
        return shift ? APP_CMD_NEXT_STMT : APP_CMD_NEXT;
    case SDLK_LEFT:
        return shift ? APP_CMD_PREV_STMT : APP_CMD_PREV;
    case SDLK_TAB:
        return APP_CMD_GRANULARITY;
    case SDLK_SPACE:
        return APP_CMD_PLAY;
    case SDLK_PLUS:
    case SDLK_KP_PLUS:
        return APP_CMD_FASTER;
    case SDLK_EQUALS:
        return shift ? APP_CMD_FASTER : APP_CMD_NONE;
    case SDLK_MINUS:
    case SDLK_KP_MINUS:
        return APP_CMD_SLOWER;
    case SDLK_HOME:
        return APP_CMD_HOME;
    case SDLK_END:
        return APP_CMD_END;
    case SDLK_c:
        return shift ? APP_CMD_PREV_GC : APP_CMD_NEXT_GC;
    case SDLK_b:
        return APP_CMD_BEGINNER;
    case SDLK_PAGEDOWN:
        return APP_CMD_NEXT_CHAPTER;
    case SDLK_PAGEUP:
        return APP_CMD_PREV_CHAPTER;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        return APP_CMD_CONFIRM;
    case SDLK_s:
        return APP_CMD_SCREENSHOT;
    case SDLK_l:
        return APP_CMD_LEGEND;
    case SDLK_t:
        return APP_CMD_THEME;
    case SDLK_f:
        return APP_CMD_FIT;
    case SDLK_o:
        return APP_CMD_PICKER;
    case SDLK_r:
        return APP_CMD_RELOAD;
    case SDLK_F1:
    case SDLK_QUESTION:
        return APP_CMD_HELP;
    case SDLK_F11:
        return APP_CMD_FULLSCREEN;
    case SDLK_SLASH:
        return shift ? APP_CMD_HELP : APP_CMD_NONE;
    case SDLK_ESCAPE:
        return APP_CMD_ESCAPE;
    case SDLK_BACKSPACE:
        return APP_CMD_BACK_OUT;
    case SDLK_q:
        return APP_CMD_QUIT;
    default:
        return APP_CMD_NONE;
    }
}

/* ---- life ------------------------------------------------------------------- */

AppWin *app_win_new(SDL_Renderer *r, int width, int height, float scale, const AppWinOptions *o)
{
    AppWin *w = calloc(1, sizeof *w);
    if (!w) {
        SDL_OutOfMemory();
        return NULL;
    }
    mem_keep();
    w->r = r;
    w->fonts = render_fonts_new();
    if (!w->fonts) {
        free(w);
        return NULL;
    }
    w->backend = render_sdl_new(r, w->fonts);
    w->layout = layout_new();
    w->cache = render_cache_new();
    if (!w->backend || !w->layout || !w->cache) {
        SDL_OutOfMemory();
        app_win_free(w);
        return NULL;
    }
    render_list_init(&w->list, width, height, (RenderColor){0, 0, 0, 255});
    w->ui = o && o->ui > 0 ? o->ui : 1;
    w->view.slide = o && o->slide;
    w->view.beginner = o && o->beginner;
    w->follow = o && o->follow;
    w->python = o ? o->python : 0;
    app_win_resize(w, width, height, scale);
    w->view.theme = (RenderThemeId)(o && o->theme >= 0 ? o->theme : RENDER_THEME_DARK);
    w->view.zoom = 1;
    w->view.speed = 2;
    w->view.anim = 1;
    w->view.prev_cursor = -1;
    w->view.hover_cursor = -1;
    w->tl.error_event = -1;
    snprintf(w->shots, sizeof w->shots, "%s", o && o->shots_dir ? o->shots_dir : "screenshots");
    w->dirty = 1;
    return w;
}

static void unload(AppWin *w)
{
    render_cache_reset(w->cache); /* its grid and reachability were the run's */
    gc_index_free(&w->tl);
    lang_run_free(w->run);
    scenario_free(w->sc);
    w->run = NULL;
    w->sc = NULL;
    w->heap = NULL;
}

static void picker_clear(AppWin *w)
{
    for (int i = 0; i < w->npicker; i++) {
        free(w->picker_paths[i]);
        free(w->picker_names[i]);
        free(w->picker_files[i]);
        free(w->picker_desc[i]);
    }
    w->npicker = 0;
}

void app_win_free(AppWin *w)
{
    if (!w)
        return;
    app_win_cancel_load(w); /* closing the window while a program runs */
    unload(w);
    layout_free(w->layout);
    render_cache_free(w->cache);
    render_list_free(&w->list);
    render_sdl_free(w->backend);
    render_fonts_free(w->fonts);
    free(w->load_error);
    free(w->tweens);
    picker_clear(w);
    free(w);
}

int32_t app_win_cursor(const AppWin *w)
{
    return w->heap ? gc_cursor(w->heap) : 0;
}

void app_win_title(const AppWin *w, char *buf, size_t n)
{
    if (w->sc && w->sc->title && *w->sc->title)
        snprintf(buf, n, "gcviz \xE2\x80\x94 %s", w->sc->title);
    else if (w->sc)
        snprintf(buf, n, "gcviz \xE2\x80\x94 %s", w->sc->name);
    else
        snprintf(buf, n, "gcviz");
}

void app_win_toast(AppWin *w, const char *msg, int is_error, uint32_t now)
{
    scopy(w->toast, sizeof w->toast, msg);
    w->view.toast_is_error = is_error;
    w->toast_until = now + (is_error ? TOAST_MS * 2 : TOAST_MS);
    w->dirty = 1;
}

static long long file_mtime(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    return (long long)st.st_mtime * 1000000000LL + (long long)st.st_mtim.tv_nsec;
}

static float ease_out(float a)
{
    return 1 - (1 - a) * (1 - a) * (1 - a);
}

/* ---- fitting ---------------------------------------------------------------- */

/* World bounding box of the cards; all: 1 every card of the run, 0 the
 * ones alive now, 2 those and the ghosts of the statement's frees.
 * Returns 0 if there is none. */
static int cards_bounds(AppWin *w, int all, float *x0, float *y0, float *x1, float *y1)
{
    int any = 0;
    GcId maxid = all == 1 ? layout_max_id(w->layout) : gc_max_id(w->heap);
    int32_t start = all == 2 ? gc_index_stmt_at(&w->tl, gc_cursor(w->heap) - 1) : 0;
    for (GcId id = 1; id <= maxid; id++) {
        float x, y, cw, ch;
        if (layout_get(w->layout, id, &x, &y) < 0)
            continue;
        if (all != 1) {
            const GcObject *o = gc_object(w->heap, id);
            int ghost =
                all == 2 && o && o->state == GC_STATE_FREED && gc_died(w->heap, id) >= start;
            if (!o || (o->state != GC_STATE_ALIVE && !ghost))
                continue;
            layout_card_dims(w->layout, id, o->kind, ghost ? 0 : gc_nslots(o), &cw, &ch);
        } else {
            layout_reserved(w->layout, id, &cw, &ch);
        }
        if (!any || x < *x0)
            *x0 = x;
        if (!any || y < *y0)
            *y0 = y;
        if (!any || x + cw > *x1)
            *x1 = x + cw;
        if (!any || y + ch + 24 > *y1)
            *y1 = y + ch + 24;
        any = 1;
    }
    return any;
}

#define FIT_LANE 48.0f /* beyond the fitted margin: a lane of arrows left of the cards */

/* The world bounds of the run's first card (the lowest id placed, no
 * interpreter temporary) into b; 0 if there is none. */
static int first_card(AppWin *w, float b[4])
{
    GcId maxid = layout_max_id(w->layout);
    for (GcId id = 1; id <= maxid; id++) {
        float cw, ch;
        if (layout_is_temporary(w->layout, id) || layout_get(w->layout, id, &b[0], &b[1]) < 0)
            continue;
        layout_reserved(w->layout, id, &cw, &ch);
        if (cw <= 0)
            continue;
        b[2] = b[0] + cw;
        b[3] = b[1] + ch;
        return 1;
    }
    return 0;
}

/* A view (zoom z, pan px, py over vw x vh world units) of cards bounded by
 * b that starts at their top-left corner can miss all a program made
 * first: a big tree's root sits halfway down its levels, and its list of
 * nodes level with it.  When the first card is out of view, the view
 * starts left of it (when it is off across) or is centred on it (when it
 * is off up or down), within b and the card (and margin m). */
static void show_first(AppWin *w, float z, float vw, float vh, const float b[4], float m, float *px,
                       float *py)
{
    float f[4];
    if (!first_card(w, f))
        return;
    if (f[0] < *px || f[2] > *px + vw / z) /* its lane of arrows from the names */
        *px = fmaxf(fminf(b[0], f[0]) - m, f[0] - FIT_LANE - m);
    if (f[1] < *py || f[3] > *py + vh / z)
        *py = fmaxf(fminf(b[1], f[1]) - m,
                    fminf((f[1] + f[3] - vh / z) * 0.5f, fmaxf(b[3], f[3]) + m - vh / z));
}

/* What F-like fits show: the whole run on load, the cards alive now (F),
 * the whole run as small as it takes (record --fit). */
enum { FIT_LOAD, FIT_NOW, FIT_RUN };

static void fit_target(AppWin *w, int mode, float *zoom, float *px, float *py)
{
    /* F: the cards drawn now, alive and the ghosts of the statement's
     * frees (after gc.collect() of 10^5 objects, their blocks) */
    int all = mode != FIT_NOW ? 1 : 2;
    RenderRegions rg;
    app_win_regions(w, &rg);
    float vw = rg.heap_w / w->scale, vh = rg.heap_h / w->scale;
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    *zoom = 1;
    *px = -40;
    *py = -24;
    if (!w->heap || !cards_bounds(w, all, &x0, &y0, &x1, &y1))
        return;
    /* and the lanes of the arrows routed round the first and the last
     * columns' cards (a list's cell to a card below its neighbour, a
     * field to a card below it on its left) */
    x0 -= FIT_LANE;
    x1 += FIT_LANE;
    const float margin = 48;
    float bw = x1 - x0 + 2 * margin, bh = y1 - y0 + 2 * margin;
    float z = vw / bw < vh / bh ? vw / bw : vh / bh;
    /* the whole run on load: at most 100 %, and not so small that text
     * falls far below 16 px (the rest is a pan or an F away; 72 %: chapter
     * 12 with its arrows' lanes at 1280x720, field names 12 px) */
    float zmax = all ? 1.0f : 1.25f, zmin = mode == FIT_LOAD ? 0.72f : APP_ZOOM_MIN;
    if (z > zmax)
        z = zmax;
    if (z < zmin)
        z = zmin;
    *zoom = z;
    /* centre horizontally when it fits, else start at the left */
    float cx = (x0 + x1) * 0.5f, cy = (y0 + y1) * 0.5f;
    *px = cx - vw / z * 0.5f;
    *py = cy - vh / z * 0.5f;
    if (bw * z > vw)
        *px = x0 - margin;
    if (bh * z > vh)
        *py = y0 - margin;
    /* a run too big for the view opens where it begins */
    if (mode == FIT_LOAD)
        show_first(w, z, vw, vh, (float[4]){x0, y0, x1, y1}, margin, px, py);
}

/* Starts the view's glide (FIT_MS) from where it is to zoom, pan x, y. */
static void glide_view(AppWin *w, float zoom, float x, float y, uint32_t now)
{
    w->fit_from[0] = w->view.zoom;
    w->fit_from[1] = w->view.pan_x;
    w->fit_from[2] = w->view.pan_y;
    w->fit_to[0] = zoom;
    w->fit_to[1] = x;
    w->fit_to[2] = y;
    w->fit_start = now;
    w->fitting = 1;
}

static void start_fit(AppWin *w, int mode, uint32_t now, int animate)
{
    float z, px, py;
    fit_target(w, mode, &z, &px, &py);
    if (!animate || w->settled) {
        w->view.zoom = z;
        w->view.pan_x = px;
        w->view.pan_y = py;
        w->fitting = 0;
    } else {
        glide_view(w, z, px, py, now);
    }
    w->dirty = 1;
}

/* ---- gliding cards ------------------------------------------------------------- */

/* Stops the glide of id where the card is now (a drag took it). */
static void glide_cancel(AppWin *w, GcId id)
{
    for (int i = 0; i < w->ntweens; i++)
        if (w->tweens[i].id == id) {
            w->tweens[i] = w->tweens[--w->ntweens];
            return;
        }
}

/* Moves id from x0, y0 to x1, y1: gliding from `start` (or from the next
 * tick when started is 0), at once when settled or out of memory. */
static void glide(AppWin *w, GcId id, float x0, float y0, float x1, float y1, uint32_t start,
                  int started)
{
    glide_cancel(w, id);
    w->dirty = 1;
    if (!w->settled)
        (void)GC_VEC_ROOM(w->tweens, w->ntweens, w->captweens, 16, realloc); /* else: no glide */
    if (w->settled || w->ntweens == w->captweens) {
        layout_set(w->layout, id, x1, y1, 0);
        return;
    }
    w->tweens[w->ntweens++] = (AppTween){id, x0, y0, x1, y1, start, started};
    layout_set(w->layout, id, x0, y0, 0);
}

/* Puts every gliding card where it is going. */
static void glide_finish(AppWin *w)
{
    for (int i = 0; i < w->ntweens; i++)
        layout_set(w->layout, w->tweens[i].id, w->tweens[i].x1, w->tweens[i].y1, 0);
    w->ntweens = 0;
}

/* Writes the positions at time now into the layout; returns 1 while some
 * card is still gliding. */
static int glide_tick(AppWin *w, uint32_t now)
{
    for (int i = 0; i < w->ntweens;) {
        AppTween *t = &w->tweens[i];
        if (!t->started) {
            t->start = now;
            t->started = 1;
        }
        float a = (float)(int32_t)(now - t->start) / GLIDE_MS;
        if (a >= 1) {
            layout_set(w->layout, t->id, t->x1, t->y1, 0); /* exactly there */
            *t = w->tweens[--w->ntweens];
            continue;
        }
        float e = ease_out(a < 0 ? 0 : a);
        layout_set(w->layout, t->id, t->x0 + (t->x1 - t->x0) * e, t->y0 + (t->y1 - t->y0) * e, 0);
        i++;
    }
    return w->ntweens > 0;
}

typedef struct CardPos {
    float x, y;
    int known;
} CardPos;

/* Where every card is shown now, indexed by id up to *n (NULL if out of
 * memory: nothing glides then). */
static CardPos *card_positions(const AppWin *w, GcId *n)
{
    *n = layout_max_id(w->layout);
    CardPos *p = malloc(((size_t)*n + 1) * sizeof *p);
    if (!p)
        return NULL;
    for (GcId id = 0; id <= *n; id++)
        p[id].known = layout_get(w->layout, id, &p[id].x, &p[id].y) == 0;
    return p;
}

/* Glides every card that is no longer where `before` shows it. */
static void glide_moved(AppWin *w, const CardPos *before, GcId n)
{
    for (GcId id = 1; id <= n; id++) {
        float x, y;
        if (before[id].known && layout_get(w->layout, id, &x, &y) == 0 &&
            (x != before[id].x || y != before[id].y))
            glide(w, id, before[id].x, before[id].y, x, y, 0, 0);
    }
}

/* ---- loading ------------------------------------------------------------------ */

static int32_t step_end_cursor(const GcHeap *h, int32_t step)
{
    int32_t n = gc_event_count(h);
    for (int32_t i = 1; i < n; i++) {
        const GcEvent *e = gc_event(h, i);
        if (e->kind == GC_EV_STMT && e->depth == 0 && e->step > step)
            return i;
    }
    return n;
}

static void find_chapters(AppWin *w);

/* The key that names id in the file: the module variable that held it
 * first among those layout_pin_target reads back as id, else "Node #3". */
static void pin_key(AppWin *w, GcId id, char *key, size_t n)
{
    int32_t ne = gc_event_count(w->heap);
    GcStrtab *atoms = gc_atoms(w->heap);
    for (int32_t i = 0; i < ne; i++) {
        const GcEvent *e = gc_event(w->heap, i);
        if (e->kind != GC_EV_BIND || e->obj != id || e->a != 0)
            continue; /* a module name: a method's self names the first instance too */
        const char *name = gc_strtab_get(atoms, (int32_t)e->b);
        if (layout_pin_target(w->heap, name) == id) {
            snprintf(key, n, "%s", name);
            return;
        }
    }
    snprintf(key, n, "%s #%d", gc_type_name(w->heap, id), (int)id);
}

static int load_async(AppWin *w, const char *path_in, int keep, const char *ok, const char *fail);

int app_win_save_layout(AppWin *w, char *msg, size_t n)
{
    if (!w->heap || !w->layout || !w->path[0]) {
        snprintf(msg, n, "No file to save the places into");
        return -1;
    }
    GcId maxid = layout_max_id(w->layout);
    ScenarioPin *pins = malloc(((size_t)maxid + 1) * sizeof *pins);
    char *keys = malloc(((size_t)maxid + 1) * 128);
    if (!pins || !keys) {
        free(pins);
        free(keys);
        snprintf(msg, n, "out of memory");
        return -1;
    }
    int np = 0;
    int32_t cursor = gc_cursor(w->heap);
    gc_seek(w->heap, gc_event_count(w->heap)); /* every object of the run, for its type name */
    for (GcId id = 1; id <= maxid; id++) {
        float x, y;
        if (!layout_is_pinned(w->layout, id) || layout_get(w->layout, id, &x, &y) < 0 ||
            !gc_object(w->heap, id))
            continue;
        char *key = keys + (size_t)np * 128;
        pin_key(w, id, key, 128);
        pins[np] = (ScenarioPin){key, x, y, 0, 0};
        np++;
    }
    gc_seek(w->heap, cursor);
    char path[APP_PATH_MAX];
    snprintf(path, sizeof path, "%s", w->path);
    int rc = scenario_save_pins(path, pins, np, msg, n);
    free(pins);
    free(keys);
    if (rc < 0)
        return -1;
    if (w->async) {
        /* the run again in the worker; a failure is toasted when it ends */
        if (load_async(w, path, 1, NULL,
                       "Saved, but the file does not load again: see the panel.") < 0) {
            snprintf(msg, n, "Saved, but the file does not load again: %s",
                     w->load_error ? w->load_error : "?");
            return -1;
        }
        return np;
    }
    if (app_win_load(w, path, 1) < 0) {
        snprintf(msg, n, "Saved, but the file does not load again: %s",
                 w->load_error ? w->load_error : "?");
        return -1;
    }
    return np;
}

/* Reads path: the scenario, or NULL with its problems in w->load_error. */
static Scenario *parse_file(AppWin *w, const char *path)
{
    ScenarioErrors errs;
    memset(&errs, 0, sizeof errs);
    Scenario *sc = scenario_load(path, &errs);
    if (sc) {
        if (w->python) /* --python: every file opened (picker, chapters, reload) runs as that
                          version */
            lang_set_meta(sc->program, w->python, lang_collector(sc->program));
        return sc;
    }
    size_t cap = 256 + (size_t)errs.stored * 600;
    char *msg = malloc(cap);
    if (msg) {
        size_t k = 0;
        msg[0] = 0;
        for (int i = 0; i < errs.stored && k + 600 < cap; i++) {
            char line[600];
            scenario_format_problem(path, &errs.items[i], line, sizeof line);
            k += (size_t)snprintf(msg + k, cap - k, "%s%s", i ? "\n" : "", line);
        }
        if (errs.stored == 0)
            snprintf(msg, cap, "%s: cannot be loaded", path);
    }
    free(w->load_error);
    w->load_error = msg;
    w->dirty = 1;
    return NULL;
}

static void load_failed(AppWin *w, const char *msg)
{
    free(w->load_error);
    w->load_error = strdup(msg);
    w->dirty = 1;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Starts the load of sc from path: a fresh layout unless a reload keeps
 * the places (same), in a worker thread if threaded.  NULL when out of
 * memory (sc freed, the error shown). */
static AppLoad *start_load(AppWin *w, Scenario *sc, const char *path, int same, int threaded)
{
    LangRunOptions ro;
    memset(&ro, 0, sizeof ro);
    ro.record = 1;
    /* another file: its ordinary history first */
    ro.fine_from = strcmp(path, w->path) == 0 ? w->fine_from : 0;
    if (ro.fine_from > 0 && w->stop_at > 0) {
        ro.stop_at = w->stop_at;
        ro.stop_msg = w->stop_msg;
    }
    Layout *lay = same ? NULL : layout_new();
    AppLoad *j = same || lay ? app_load_start(sc, &ro, lay, base_name(path), threaded,
                                              w->on_load_progress, w->load_progress_ctx)
                             : NULL;
    if (!j) {
        layout_free(lay);
        scenario_free(sc);
        load_failed(w, "out of memory while running the scenario");
    }
    return j;
}

/* Installs what a load built (res is emptied): the old scenario goes,
 * unless the run is missing (out of memory) or was cancelled. */
static int install(AppWin *w, AppLoadResult *res, const char *path, int keep_step)
{
    if (!res->run || res->st.cancelled) {
        if (res->run) {
            char title[400], detail[400];
            app_load_describe(&res->st, base_name(path), title, sizeof title, detail,
                              sizeof detail);
            scopy(w->load_status, sizeof w->load_status, title);
        } else {
            load_failed(w, "out of memory while running the scenario");
        }
        app_load_result_free(res);
        w->dirty = 1;
        return -1;
    }
    w->load_status[0] = 0;
    int32_t old_step = -1;
    if (keep_step && w->heap && gc_cursor(w->heap) > 0)
        old_step = gc_event(w->heap, gc_cursor(w->heap) - 1)->step;
    int same = keep_step && strcmp(path, w->path) == 0;
    /* a reload keeps the places and glides the cards it moves (an edited
     * pin) from where they are shown; cards still gliding are built from
     * where they were going */
    GcId nbefore = 0;
    CardPos *before = same && !w->settled ? card_positions(w, &nbefore) : NULL;
    glide_finish(w);
    unload(w);
    if (res->layout) {
        layout_free(w->layout);
        w->layout = res->layout;
        if (res->cache) { /* with its grid, built by the load */
            render_cache_free(w->cache);
            w->cache = res->cache;
        }
    } else if (!same) {
        layout_clear(w->layout);
    }
    if (strcmp(path, w->path) != 0)
        w->fine_from = 0;
    w->sc = res->sc;
    w->run = res->run;
    w->tl = res->tl;
    w->heap = lang_run_heap(w->run);
    snprintf(w->path, sizeof w->path, "%s", path);
    w->mtime = file_mtime(path);
    if (w->fine_from == 0) {
        GcHistoryInfo hi = gc_history_info(w->heap);
        w->stop_at = hi.full ? hi.stopped_at : 0;
        scopy(w->stop_msg, sizeof w->stop_msg, hi.full ? gc_error(w->heap) : "");
    }
    snprintf(w->run_error, sizeof w->run_error, "%s", lang_run_error(w->run));
    free(w->load_error);
    w->load_error = NULL;
    int rc = res->tl_rc < 0 || res->layout_rc < 0 ? -1 : 0;
    if (!res->layout) {
        layout_set_arrange(w->layout, w->sc->arrange);
        rc = rc < 0 ? rc : layout_build(w->layout, w->heap, w->sc->pins, w->sc->npins);
    }
    memset(res, 0, sizeof *res);
    if (rc < 0)
        w->load_error = strdup("out of memory while laying out the scenario");
    if (before)
        glide_moved(w, before, nbefore);
    free(before);
    /* built now (unless the load did), not by the first frame */
    render_cache_prepare(w->cache, w->layout);
    mem_warm(w);
    /* the run ends with the cursor at its end: staying there is free */
    int32_t cur = w->open_at_end ? gc_event_count(w->heap) : 0;
    if (keep_step && old_step >= 0)
        cur = step_end_cursor(w->heap, old_step);
    gc_seek(w->heap, cur);
    w->view.selected = 0;
    w->view.playing = 0;
    w->view.anim = 1;
    w->view.prev_cursor = -1;
    w->view.title = w->sc->title && *w->sc->title ? w->sc->title : w->sc->name;
    w->view.name = w->sc->name;
    w->view.description = w->sc->description;
    find_chapters(w);
    if (!same) {
        start_fit(w, FIT_LOAD, 0, 0);
        w->ndrill = 0;
    }
    w->home[0] = w->view.zoom;
    w->home[1] = w->view.pan_x;
    w->home[2] = w->view.pan_y;
    if (!same && (w->view.slide || (w->settled && w->follow)))
        app_win_frame_view(w, &w->view.zoom, &w->view.pan_x, &w->view.pan_y);
    w->title_changed = 1;
    w->dirty = 1;
    return 0;
}

int app_win_load(AppWin *w, const char *path_in, int keep_step)
{
    char path[APP_PATH_MAX];
    scopy(path, sizeof path, path_in); /* path_in may be w->path */
    app_win_cancel_load(w);
    Scenario *sc = parse_file(w, path);
    if (!sc)
        return -1;
    AppLoad *j = start_load(w, sc, path, keep_step && strcmp(path, w->path) == 0, 0);
    if (!j)
        return -1;
    AppLoadResult res;
    app_load_take(j, &res);
    return install(w, &res, path, keep_step);
}

/* Starts loading path in the worker thread; a reload (keep) keeps the
 * step shown and the places and toasts ok or fail when it ends.  0, or -1
 * when the file has errors (shown) or memory ran out. */
static int load_async(AppWin *w, const char *path_in, int keep, const char *ok, const char *fail)
{
    char path[APP_PATH_MAX];
    scopy(path, sizeof path, path_in); /* path_in may be w->path */
    app_win_cancel_load(w);
    Scenario *sc = parse_file(w, path);
    if (!sc)
        return -1;
    AppLoad *j = start_load(w, sc, path, keep && strcmp(path, w->path) == 0, 1);
    if (!j)
        return -1;
    w->loading = j;
    scopy(w->loading_path, sizeof w->loading_path, path);
    w->loading_keep = keep;
    scopy(w->loading_ok, sizeof w->loading_ok, ok ? ok : "");
    scopy(w->loading_fail, sizeof w->loading_fail, fail ? fail : "");
    w->loading_shown = 0;
    w->load_status[0] = 0;
    w->view.playing = 0;
    w->dirty = 1;
    return 0;
}

int app_win_open(AppWin *w, const char *path_in)
{
    if (!w->async)
        return app_win_load(w, path_in, 0);
    return load_async(w, path_in, 0, NULL, NULL);
}

/* Loads the file shown again, keeping the step shown and the places: in
 * the worker thread in the window (the run of a big program takes
 * seconds, and the window keeps drawing its progress), at once otherwise
 * (record, tests).  ok and fail are toasted when it ends; on errors the
 * run shown stays.  0, or -1 when it failed at once. */
static int reload(AppWin *w, const char *ok, const char *fail, uint32_t now)
{
    char path[APP_PATH_MAX];
    scopy(path, sizeof path, w->path);
    w->stop_at = 0; /* the program may have changed: where it stopped is not known */
    if (w->async) {
        if (load_async(w, path, 1, ok, fail) == 0)
            return 0;
    } else if (app_win_load(w, path, 1) == 0) {
        if (ok && ok[0])
            app_win_toast(w, ok, 0, now);
        return 0;
    }
    if (fail && fail[0])
        app_win_toast(w, fail, 1, now);
    return -1;
}

static void recompute_done(AppWin *w, int rc, const GcPlace *pl, int32_t at);

/* The load running has ended: installs it (or says it was cancelled). */
static int finish_load(AppWin *w)
{
    AppLoadResult res;
    app_load_take(w->loading, &res);
    w->loading = NULL;
    w->dirty = 1;
    int cancelled = res.st.cancelled;
    /* a recompute goes on from where the run shown is now */
    int32_t at = w->recomputing && w->heap ? gc_cursor(w->heap) : -1;
    GcPlace pl = {0};
    if (at >= 0)
        pl = gc_history_place_of(w->heap, at);
    int rc = install(w, &res, w->loading_path, w->loading_keep);
    if (w->recomputing)
        recompute_done(w, rc, &pl, at);
    const char *msg = rc == 0 ? w->loading_ok : cancelled ? "" : w->loading_fail;
    if (msg[0])
        app_win_toast(w, msg, rc != 0, SDL_GetTicks());
    w->loading_keep = 0;
    w->loading_ok[0] = w->loading_fail[0] = 0;
    return rc;
}

void app_win_cancel_load(AppWin *w)
{
    if (!w->loading)
        return;
    app_load_cancel(w->loading);
    finish_load(w); /* says "Cancelled ..." (w->load_status), unless it had ended */
}

int app_win_wait_load(AppWin *w, uint32_t ms)
{
    uint32_t t0 = SDL_GetTicks();
    while (w->loading && !app_load_done(w->loading) && SDL_GetTicks() - t0 < ms)
        SDL_Delay(5);
    if (w->loading && app_load_done(w->loading))
        finish_load(w);
    return w->loading == NULL;
}

void app_win_fit_run(AppWin *w)
{
    start_fit(w, FIT_RUN, 0, 0);
    w->home[0] = w->view.zoom;
    w->home[1] = w->view.pan_x;
    w->home[2] = w->view.pan_y;
}

/* The largest interface size that leaves the panels the room they were
 * designed for: 960 x 640 logical pixels. */
static float slide_factor(const AppWin *w)
{
    if (!w->view.slide)
        return 1;
    float fx = (float)w->width / (w->dpi * 1280.0f), fy = (float)w->height / (w->dpi * 720.0f);
    float f = fx < fy ? fx : fy;
    return f < 0.5f ? 0.5f : f;
}

static float ui_max(const AppWin *w)
{
    float f = slide_factor(w);
    float mx = (float)w->width / (w->dpi * f * 960.0f),
          my = (float)w->height / (w->dpi * f * 640.0f);
    float m = mx < my ? mx : my;
    return m < APP_UI_MIN ? APP_UI_MIN : m > APP_UI_MAX ? APP_UI_MAX : m;
}

static void apply_ui(AppWin *w)
{
    float m = ui_max(w);
    float ui = w->ui < APP_UI_MIN ? APP_UI_MIN : w->ui > m ? m : w->ui;
    /* a slide is laid out for 1280 x 720: a bigger output is the same slide, larger */
    w->scale = w->dpi * ui * slide_factor(w);
    w->view.scale = w->scale;
    w->dirty = 1;
}

void app_win_resize(AppWin *w, int width, int height, float scale)
{
    w->width = width;
    w->height = height;
    w->dpi = scale > 0 ? scale : 1;
    apply_ui(w); /* the size asked for is kept: a bigger window gives it back */
}

float app_win_ui_scale(const AppWin *w)
{
    return w->scale / (w->dpi * slide_factor(w));
}

void app_win_regions(const AppWin *w, RenderRegions *rg)
{
    render_regions_for(w->width, w->height, w->scale, w->view.slide, w->sc ? w->sc->program : NULL,
                       w->layout, rg);
}

/* ---- stepping ------------------------------------------------------------------ */

/* Stops are the run index's (gc_index_next_stop): the state after a whole
 * statement, phase or micro-step. */
static int32_t next_stop(const AppWin *w, int32_t c, RenderGranularity g)
{
    return gc_index_next_stop(&w->tl, w->heap, c, (GcGran)g, w->view.beginner);
}

static int32_t prev_stop(const AppWin *w, int32_t c, RenderGranularity g)
{
    return gc_index_prev_stop(&w->tl, w->heap, c, (GcGran)g, w->view.beginner);
}

/* The card a step is about: the object of the event shown, else (a
 * statement step forwards) the newest object the step allocated. */
static GcId step_object(const GcHeap *h, int32_t old, int32_t cursor)
{
    if (cursor <= 0)
        return 0;
    GcId subject = gc_event_subject(gc_event(h, cursor - 1));
    if (subject)
        return subject;
    for (int32_t i = cursor - 1; i >= old && i >= 0 && i >= cursor - 10000; i--)
        if (gc_event(h, i)->kind == GC_EV_ALLOC)
            return gc_event(h, i)->obj;
    return 0;
}

/* ---- the subject in view ------------------------------------------------------- */

#define SLIDE_ZMAX 1.6f /* cards at most 160 % on a slide */
#define SLIDE_ZMIN 0.9f /* card titles 16 px, badges 14 px at 720p: the back row reads them */
#define SLIDE_ZMIN_STRUCT                                                                          \
    0.66f /* a structure's compact cards: titles 12 px, 18 px at 1080p, the whole list or tree */
#define SUBJECT_ZMIN_SLIDE                                                                         \
    RENDER_SLIDE_ZMIN /* a slide never zooms out below this for its subject (titles 15 px at 720p) \
                       */
#define SUBJECT_ZMIN       0.6f /* and in the window and plain recordings */
#define SUBJECT_MARGIN     28.0f
#define SUBJECT_BACK_STMTS 4 /* statements a crowded slide looks back for its subject */

/* World bounds of card id (tags and footer included); 0 if it has no place. */
static int card_bounds(const AppWin *w, GcId id, float b[4])
{
    const GcObject *o = gc_object(w->heap, id);
    float x, y, cw, ch;
    if (!o || layout_get(w->layout, id, &x, &y) < 0)
        return 0;
    if (w->view.slide)
        render_ghost_at(&w->ghosts, id, &x, &y); /* drawn side by side (render_ghost_row) */
    /* a freed card's ghost is its header (render_heap draws it so) */
    layout_card_dims(w->layout, id, o->kind, o->state == GC_STATE_FREED ? 0 : gc_nslots(o), &cw,
                     &ch);
    b[0] = x;
    b[1] = y;
    b[2] = x + cw;
    b[3] = y + ch + 24;
    return 1;
}

/* The height of the heap's view in logical pixels: a crowded slide's
 * without the strip along its bottom edge that counts the cards it does
 * not show (render_heap's more_note). */
static float view_h(const AppWin *w, const RenderRegions *rg)
{
    return rg->heap_h / w->scale - (w->view.slide && w->crowded ? RENDER_SLIDE_MORE_H : 0);
}

/* The subject of the frame at the cursor: the cards the caption names,
 * else the card the event shown is about, else (a statement's end, "Done:
 * 1 object freed.") the cards the statement touched, the latest first. */
static int subject_ids(AppWin *w, int32_t old, GcId *ids, int max)
{
    int n = render_subjects(w->heap, w->sc ? w->sc->program : NULL, w->view.gran, ids, max);
    if (n > 0)
        return n;
    int32_t c = gc_cursor(w->heap);
    GcId id = step_object(w->heap, old, c);
    const GcObject *o = id > 0 ? gc_object(w->heap, id) : NULL;
    if (o && o->state == GC_STATE_ALIVE && !layout_is_temporary(w->layout, id))
        ids[n++] = id;
    /* a crowded slide whose statement touched no card ("The name 'i' now
     * refers to 3.") shows what the statements before it touched (the
     * garbage a loop leaves), not a corner of the heap */
    int stmts = w->view.slide && w->crowded ? SUBJECT_BACK_STMTS : 1, back = 0;
    for (int32_t i = c - 1; i >= 0 && i >= c - 4000 && n < max; i--) {
        const GcEvent *e = gc_event(w->heap, i);
        if (e->kind == GC_EV_STMT && e->depth == 0 && (n > 0 || --stmts == 0))
            break;
        back |= e->kind == GC_EV_STMT && e->depth == 0;
        /* (a crowded slide's statement end: the cards a collection in it
         * freed too, whose ghosts its "Done:" caption counts) */
        int freed = stmts > 1 && !back && e->kind == GC_EV_DEALLOC;
        if (e->kind == GC_EV_BEGIN || (e->phase != GC_PHASE_IDLE && !freed) || e->obj <= 0 ||
            layout_is_temporary(w->layout, e->obj)) /* an argument tuple is not the point */
            continue;
        int dup = 0;
        for (int k = 0; k < n; k++)
            dup |= ids[k] == e->obj;
        const GcObject *eo = gc_object(w->heap, e->obj);
        /* before the statement: what is still alive (its ghost is gone) */
        if (!dup && eo && (!back || eo->state == GC_STATE_ALIVE))
            ids[n++] = e->obj;
        if (back && n > 0)
            break; /* the latest of them (the list it was appended to gives way) */
    }
    /* the cards still alive last: when not all fit, keep_subject shows
     * the last ones (a freed card is a ghost the caption counts) */
    GcId sorted[64];
    int k = 0;
    for (int pass = 0; pass < 2 && n <= 64; pass++)
        for (int i = 0; i < n; i++) {
            const GcObject *so = gc_object(w->heap, ids[i]);
            if ((so && so->state == GC_STATE_ALIVE) == pass)
                sorted[k++] = ids[i];
        }
    if (k == n)
        memcpy(ids, sorted, (size_t)n * sizeof *ids);
    return n;
}

/* Moves the view (zoom, pan) just enough to show the subject: pans, then
 * zooms out (not below zfloor) when it does not fit; when it cannot fit
 * even then, shows as many of its cards as fit (the heap's note names the
 * others).  shown (if not NULL) gets the world bounds of the cards it
 * shows; returns 0 when there is no subject with a place. */
static int keep_subject(AppWin *w, int32_t old, float zfloor, float *zoom, float *px, float *py,
                        float shown[4], const float *structure)
{
    GcId ids[16];
    int n = subject_ids(w, old, ids, 16);
    float b[4], cb[4];
    int any = 0;
    for (int i = 0; i < n; i++) {
        if (!card_bounds(w, ids[i], cb))
            continue;
        if (!any) {
            memcpy(b, cb, sizeof b);
        } else {
            b[0] = fminf(b[0], cb[0]);
            b[1] = fminf(b[1], cb[1]);
            b[2] = fmaxf(b[2], cb[2]);
            b[3] = fmaxf(b[3], cb[3]);
        }
        any = 1;
    }
    RenderRegions rg;
    app_win_regions(w, &rg);
    float vw = rg.heap_w / w->scale, vh = view_h(w, &rg), m = SUBJECT_MARGIN;
    if (structure) {
        /* a slide about a structure keeps all of it: with the subject when
         * both fit at SLIDE_ZMIN_STRUCT; else alone when it fits so, unless
         * the caption names the subject (the statement's touched cards give
         * way); a structure too big even alone (a tree of 1,000 nodes) gives
         * way to the subject: a corner of it would show neither */
        float u[4] = {structure[0], structure[1], structure[2], structure[3]};
        int alone =
            fminf(vw / (u[2] - u[0] + 2 * m), vh / (u[3] - u[1] + 2 * m)) >= SLIDE_ZMIN_STRUCT;
        if (any) {
            u[0] = fminf(u[0], b[0]);
            u[1] = fminf(u[1], b[1]);
            u[2] = fmaxf(u[2], b[2]);
            u[3] = fmaxf(u[3], b[3]);
        }
        int named =
            render_subjects(w->heap, w->sc ? w->sc->program : NULL, w->view.gran, ids, 16) > 0;
        if (fminf(vw / (u[2] - u[0] + 2 * m), vh / (u[3] - u[1] + 2 * m)) >= SLIDE_ZMIN_STRUCT) {
            memcpy(b, u, sizeof b);
            zfloor = fminf(zfloor, SLIDE_ZMIN_STRUCT);
            any = 1;
        } else if (!any || (!named && alone)) {
            memcpy(b, structure, sizeof b);
            zfloor = fminf(zfloor, SLIDE_ZMIN_STRUCT);
            n = 0; /* the whole structure, not as many of its cards as fit */
            any = 1;
        }
    }
    if (!any)
        return 0;
    float bw = b[2] - b[0] + 2 * m, bh = b[3] - b[1] + 2 * m;
    float z = *zoom;
    if (bw > vw / z || bh > vh / z) {
        float zf = fminf(vw / bw, vh / bh);
        if (zf < z)
            z = zf < zfloor ? (zfloor < z ? zfloor : z) : zf;
    }
    if (bw > vw / z || bh > vh / z) {
        /* closer to the heap's edges before giving up on the whole subject */
        m = 4;
        bw = b[2] - b[0] + 2 * m;
        bh = b[3] - b[1] + 2 * m;
    }
    if (bw > vw / z || bh > vh / z) {
        /* the whole subject does not fit: as many of its cards as fit,
         * from the last named (a caption ends on its conclusion:
         * "...; tentatively unreachable: Link #4"); the heap's note
         * names the others */
        int have = 0;
        for (int i = n - 1; i >= 0; i--) {
            if (!card_bounds(w, ids[i], cb))
                continue;
            float t[4] = {cb[0], cb[1], cb[2], cb[3]};
            if (have) {
                t[0] = fminf(b[0], cb[0]);
                t[1] = fminf(b[1], cb[1]);
                t[2] = fmaxf(b[2], cb[2]);
                t[3] = fmaxf(b[3], cb[3]);
            }
            if (!have || (t[2] - t[0] + 2 * m <= vw / z && t[3] - t[1] + 2 * m <= vh / z)) {
                memcpy(b, t, sizeof b);
                have = 1;
            }
        }
    }
    float nx = *px, ny = *py;
    if (b[2] + m > nx + vw / z)
        nx = b[2] + m - vw / z;
    if (b[0] - m < nx)
        nx = b[0] - m;
    if (b[3] + m > ny + vh / z)
        ny = b[3] + m - vh / z;
    if (b[1] - m < ny)
        ny = b[1] - m;
    *zoom = z;
    *px = nx;
    *py = ny;
    if (shown) {
        /* and the loops of the cards shown that hold themselves (a slide's
         * whole cards keep them in view too: Junk's `self.me = self`) */
        memcpy(shown, b, sizeof b);
        for (int i = 0; i < n; i++)
            if (card_bounds(w, ids[i], cb) && cb[0] >= b[0] && cb[2] <= b[2] && cb[1] >= b[1] &&
                cb[3] <= b[3])
                shown[2] = fmaxf(
                    shown[2], cb[2] + render_self_loop_reach(w->heap, ids[i], cb[3] - 24 - cb[1]));
    }
    return 1;
}

/* ---- whole cards ---------------------------------------------------------------- */

#define WHOLE_MAX    400 /* cards looked at; a bigger heap keeps its pan */
#define WHOLE_MARGIN 12.0f

typedef struct Span2 {
    float a0, a1; /* along the axis moved */
    float b0, b1; /* across it */
} Span2;

/* Of the pans along one axis that start or end the view at a card's edge
 * (and the pan p itself), the one that keeps [s0, s1] (if s0 <= s1) in the
 * view of length len and shows the most whole cards less one and a half
 * for each card cut, of those meeting the view across it ([q, q + qlen]);
 * then the nearest to p. */
static float whole_pan(const Span2 *c, int n, float p, float len, float q, float qlen, float s0,
                       float s1)
{
    float best = p, best_score = -1e30f, best_d = 0;
    for (int k = -1; k < 2 * n; k++) {
        float cand = k < 0          ? p
                     : (k & 1) == 0 ? c[k / 2].a0 - WHOLE_MARGIN
                                    : c[k / 2].a1 + WHOLE_MARGIN - len;
        if (s0 <= s1 && (s0 < cand || s1 > cand + len))
            continue;
        int cut = 0, whole = 0;
        for (int i = 0; i < n; i++) {
            if (c[i].b1 <= q || c[i].b0 >= q + qlen || c[i].a1 <= cand || c[i].a0 >= cand + len)
                continue;
            if (c[i].a0 >= cand && c[i].a1 <= cand + len)
                whole++;
            else
                cut++;
        }
        float d = fabsf(cand - p), score = (float)whole - 1.5f * (float)cut;
        if (score > best_score || (score == best_score && d < best_d)) {
            best = cand;
            best_score = score;
            best_d = d;
        }
    }
    return best;
}

/* Pans a frame's view so that its edges cut as few cards as they can
 * (a slide shows whole cards, not halves at its top and bottom), keeping
 * the subject (sb, if has_subject) in view.  The zoom is not changed. */
static void whole_cards(AppWin *w, float zoom, float *px, float *py, const float sb[4],
                        int has_subject)
{
    Span2 cx[WHOLE_MAX], cy[WHOLE_MAX];
    int n = 0;
    RenderRegions rg;
    app_win_regions(w, &rg);
    float vw = rg.heap_w / w->scale / zoom, vh = view_h(w, &rg) / zoom, m = 4;
    for (GcId id = 1; id <= gc_max_id(w->heap); id++) {
        const GcObject *o = gc_object(w->heap, id);
        float b[4];
        if (!o || o->state != GC_STATE_ALIVE || !card_bounds(w, id, b))
            continue;
        /* only the cards a pan keeping the subject could meet (a crowded
         * slide of a tree of 1,000 nodes) */
        if (b[2] < *px - vw || b[0] > *px + 2 * vw || b[3] < *py - vh || b[1] > *py + 2 * vh)
            continue;
        if (n == WHOLE_MAX)
            return;
        /* a field's loop back to its own card is part of it on the right */
        b[2] += render_self_loop_reach(w->heap, id, b[3] - 24 - b[1]);
        cy[n] = (Span2){b[1], b[3], b[0], b[2]};
        cx[n] = (Span2){b[0], b[2], b[1], b[3]};
        n++;
    }
    float s0 = has_subject ? sb[1] - m : 1, s1 = has_subject ? sb[3] + m : 0;
    if (s1 - s0 > vh)
        s0 = 1, s1 = 0;
    *py = whole_pan(cy, n, *py, vh, *px, vw, s0, s1);
    s0 = has_subject ? sb[0] - m : 1;
    s1 = has_subject ? sb[2] + m : 0;
    if (s1 - s0 > vw)
        s0 = 1, s1 = 0;
    *px = whole_pan(cx, n, *px, vw, *py, vh, s0, s1);
}

static int drawn_cards(AppWin *w, int ghosts, float zoom, float px, float py, float b[4], int *cut);

#define SLIDE_LANE 22.0f /* arrows routed round a block run this far beyond its cards */
#define SLIDE_FILL 1.1f  /* a frame's cards this much larger alone: zoomed to fill */

/* Bounds b with room for the arrows' lanes: above the name tags (a
 * doubly linked list's back arrows) and right of the last column (a
 * ring's return arrow), so that a slide does not put them on its edge. */
static void lane_pad(float b[4])
{
    b[1] -= SLIDE_LANE;
    b[2] += SLIDE_LANE;
}

/* Widens box acc (x0, y0, x1, y1) to hold b; the first box (*any 0) is
 * copied. */
static void box_add(float *acc, const float *b, int *any)
{
    if (!*any)
        memcpy(acc, b, 4 * sizeof *acc);
    acc[0] = fminf(acc[0], b[0]);
    acc[1] = fminf(acc[1], b[1]);
    acc[2] = fmaxf(acc[2], b[2]);
    acc[3] = fmaxf(acc[3], b[3]);
    *any = 1;
}

/* World bounds of the arranged structures' cards drawn now (their compact
 * cards, alive or the ghosts of those the statement freed); 0 if there is
 * none. */
static int structure_bounds(AppWin *w, float b[4])
{
    int any = 0;
    int32_t start = gc_index_stmt_at(&w->tl, gc_cursor(w->heap) - 1);
    if (start < 0)
        start = 0;
    for (GcId id = 1; id <= gc_max_id(w->heap); id++) {
        const GcObject *o = gc_object(w->heap, id);
        float cb[4];
        if (!o || (o->state != GC_STATE_ALIVE && gc_died(w->heap, id) < start) ||
            !layout_is_compact(w->layout, id) || !card_bounds(w, id, cb))
            continue;
        box_add(b, cb, &any);
    }
    if (any)
        lane_pad(b);
    return any;
}

/* A slide's view before its subject: the cards of the whole run zoomed to
 * fill the heap when they fit at a readable size (the same view for the
 * whole chapter), else the cards alive now, else the arranged structures
 * alive now (a list or tree the lesson is about: whole, down to
 * SLIDE_ZMIN_STRUCT), else the readable size from their top-left corner.
 * Returns whether it is crowded: that last case, where the subject alone
 * decides what the slide shows. */
static int slide_view(AppWin *w, float *zoom, float *px, float *py)
{
    RenderRegions rg;
    app_win_regions(w, &rg);
    float vw = rg.heap_w / w->scale, vh = rg.heap_h / w->scale, m = SUBJECT_MARGIN;
    float b[4], sb[4];
    if (!render_slide_bounds(w->layout, b)) /* the run's cards but its temporaries */
        return 0;
    lane_pad(b);
    int structure = structure_bounds(w, sb);
    float zmin = structure ? SLIDE_ZMIN_STRUCT : SLIDE_ZMIN;
    float z = fminf(vw / (b[2] - b[0] + 2 * m), vh / (b[3] - b[1] + 2 * m));
    if (z < zmin && cards_bounds(w, 0, &b[0], &b[1], &b[2], &b[3]))
        z = fminf(vw / (b[2] - b[0] + 2 * m), vh / (b[3] - b[1] + 2 * m));
    if (z < zmin && structure) {
        float zs = fminf(vw / (sb[2] - sb[0] + 2 * m), vh / (sb[3] - sb[1] + 2 * m));
        if (zs >= SLIDE_ZMIN_STRUCT || zs > z) {
            memcpy(b, sb, sizeof b);
            z = zs;
        }
    }
    if (z > SLIDE_ZMAX)
        z = SLIDE_ZMAX;
    /* the cards drawn now (the living, the ghosts of those the statement
     * freed) when they are a small part of that view (chapter 05's chain
     * before its tree, the interpreter's exit): they fill the heap */
    float d[4];
    int cut = 0;
    if (drawn_cards(w, 1, 1, 0, 0, d, &cut)) {
        lane_pad(d);
        float zd = fminf(fminf(vw / (d[2] - d[0] + 2 * m), vh / (d[3] - d[1] + 2 * m)), SLIDE_ZMAX);
        if (zd > SLIDE_FILL * fmaxf(z, zmin)) {
            memcpy(b, d, sizeof b);
            z = zd;
        }
    }
    int crowded = z < zmin;
    if (crowded) {
        z = zmin;
        *px = b[0] - m;
        *py = b[1] - m;
    } else {
        *px = (b[0] + b[2]) * 0.5f - vw / z * 0.5f;
        *py = (b[1] + b[3]) * 0.5f - vh / z * 0.5f;
    }
    *zoom = z;
    return crowded;
}

#define RECORD_ZMAX 1.4f /* a plain recording zooms in up to this to fill its heap */

/* A plain recording's view before its subject: the cards of the whole run
 * zoomed in to fill the heap panel (the window opens smaller, leaving
 * room for what the run will add) when that is larger than the window's
 * opening zoom; else that view unchanged. */
static void record_view(AppWin *w, float *zoom, float *px, float *py)
{
    RenderRegions rg;
    app_win_regions(w, &rg);
    float vw = rg.heap_w / w->scale, vh = rg.heap_h / w->scale, m = SUBJECT_MARGIN;
    float b[4];
    if (!cards_bounds(w, 1, &b[0], &b[1], &b[2], &b[3]))
        return;
    float z = fminf(vw / (b[2] - b[0] + 2 * m), vh / (b[3] - b[1] + 2 * m));
    if (z > RECORD_ZMAX)
        z = RECORD_ZMAX;
    if (z <= *zoom)
        return;
    *zoom = z;
    *px = (b[0] + b[2]) * 0.5f - vw / z * 0.5f;
    *py = (b[1] + b[3]) * 0.5f - vh / z * 0.5f;
}

/* The cards drawn in the frame at the cursor (alive, or the ghosts of
 * those its statement freed): their world bounds, and whether the view
 * (zoom, px, py) cuts any of them; 0 if none is drawn. */
static int drawn_cards(AppWin *w, int ghosts, float zoom, float px, float py, float b[4], int *cut)
{
    RenderRegions rg;
    app_win_regions(w, &rg);
    float vw = rg.heap_w / w->scale / zoom, vh = rg.heap_h / w->scale / zoom;
    int32_t start = gc_index_stmt_at(&w->tl, gc_cursor(w->heap) - 1);
    if (start < 0)
        start = 0;
    int any = 0, alive = 0, ghost_cut = 0;
    *cut = 0;
    for (GcId id = 1; id <= gc_max_id(w->heap); id++) {
        const GcObject *o = gc_object(w->heap, id);
        float cb[4];
        if (!o || (o->state != GC_STATE_ALIVE && (!ghosts || gc_died(w->heap, id) < start)) ||
            !card_bounds(w, id, cb))
            continue;
        if (w->view.beginner && render_is_temporary(w->heap, id))
            continue;
        if (o->state != GC_STATE_ALIVE && layout_is_temporary(w->layout, id))
            continue; /* an argument tuple's ghost is not worth a smaller slide */
        cb[3] -= 24;  /* a footer may be cut; the card not */
        int inside = cb[0] >= px && cb[2] <= px + vw && cb[1] >= py && cb[3] <= py + vh;
        /* a living card cut by the view or out of it (a cut ghost is left
         * out; tree_del's `order` under the ghosts of its tree is not) */
        *cut |= !inside && o->state == GC_STATE_ALIVE;
        alive |= o->state == GC_STATE_ALIVE;
        ghost_cut |= !inside;
        if (!any)
            memcpy(b, cb, 4 * sizeof *b);
        b[0] = fminf(b[0], cb[0]);
        b[1] = fminf(b[1], cb[1]);
        b[2] = fmaxf(b[2], cb[2]);
        b[3] = fmaxf(b[3], cb[3] + 24);
        any = 1;
    }
    /* a recording's frame with nothing alive: its ghosts are the picture
     * (chapter 17's last frame cut holder's Node #1 at the left edge; a
     * slide lines them up, render_ghost_row) */
    if (!alive && !w->view.slide)
        *cut |= ghost_cut;
    return any;
}

#define NO_CUT_ZMIN 0.6f /* titles 11 px at 720p, 16 px at 1080p: smaller beats half a card */

/* A slide (or a recording's frame) whose heap edge still cuts a living
 * card after the pans of whole_cards shows every card drawn instead (the ghosts of those the
 * statement freed too, else the living), when they all fit at
 * NO_CUT_ZMIN or larger and that view keeps the cards the caption names
 * (sb, if has_subject). */
static void no_cut_cards(AppWin *w, float *zoom, float *px, float *py, const float sb[4],
                         int has_subject)
{
    float b[4];
    int cut = 0;
    if (!drawn_cards(w, 1, *zoom, *px, *py, b, &cut) || !cut)
        return;
    RenderRegions rg;
    app_win_regions(w, &rg);
    float vw = rg.heap_w / w->scale, vh = rg.heap_h / w->scale, m = WHOLE_MARGIN;
    float z = fminf(vw / (b[2] - b[0] + 2 * m), vh / (b[3] - b[1] + 2 * m));
    int living = 0;
    if (z < NO_CUT_ZMIN && drawn_cards(w, 0, *zoom, *px, *py, b, &cut)) {
        z = fminf(vw / (b[2] - b[0] + 2 * m), vh / (b[3] - b[1] + 2 * m));
        living = 1;
    }
    if (z < NO_CUT_ZMIN)
        return;
    /* the living alone (the statement freed a structure whose ghosts do
     * not fit with them: tree_del's `order` after `del root`) fill the
     * heap, as a slide's view does */
    z = fminf(z, living && w->view.slide ? SLIDE_ZMAX : *zoom); /* a recording's: never larger */
    float nx = (b[0] + b[2]) * 0.5f - vw / z * 0.5f, ny = (b[1] + b[3]) * 0.5f - vh / z * 0.5f;
    if (has_subject && (sb[0] < nx || sb[1] < ny || sb[2] > nx + vw / z || sb[3] > ny + vh / z))
        return;
    *zoom = z;
    *px = nx;
    *py = ny;
}

void app_win_frame_view(AppWin *w, float *zoom, float *x, float *y)
{
    *zoom = w->home[0];
    *x = w->home[1];
    *y = w->home[2];
    w->ghosts.n = 0;
    w->crowded = 0;
    if (!w->heap)
        return;
    if (w->view.slide) {
        int32_t start = gc_index_stmt_at(&w->tl, gc_cursor(w->heap) - 1);
        RenderRegions rg;
        app_win_regions(w, &rg);
        render_ghost_row(w->heap, w->layout, start < 0 ? 0 : start,
                         render_ghost_row_width(&rg, w->scale), &w->ghosts);
    }
    if (w->view.slide)
        w->crowded = slide_view(w, zoom, x, y);
    else if (w->follow)
        record_view(w, zoom, x, y);
    int32_t c = gc_cursor(w->heap);
    float sb[4], st[4];
    int structure = w->view.slide && structure_bounds(w, st);
    int has = keep_subject(w, c > 0 ? c - 1 : 0, w->view.slide ? SUBJECT_ZMIN_SLIDE : SUBJECT_ZMIN,
                           zoom, x, y, sb, structure ? st : NULL);
    whole_cards(w, *zoom, x, y, sb, has);
    /* a caption's cards stay; a statement's touched cards may give way
     * (a recording's too: chapter 8's ring ran off the heap's right edge
     * at its gc.collect(), chapter 14's list #1 stood beyond it) */
    GcId named[16];
    if (w->view.slide || w->follow)
        no_cut_cards(w, zoom, x, y, sb,
                     has && render_subjects(w->heap, w->sc ? w->sc->program : NULL, w->view.gran,
                                            named, 16) > 0);
}

/* Keeps what a step is about in view: when the cards its caption names
 * (or the card it touched) are outside the heap area, the view glides
 * just far enough to show them (zooming out only when they do not fit).
 * On a slide, each step has its own view.  Settled frames (recordings,
 * tests) take their view at once when w->follow is set, else keep the
 * one chosen. */
static void follow(AppWin *w, int32_t old, int32_t cursor, uint32_t now)
{
    (void)cursor;
    if (w->settled) {
        app_win_frame_view(w, &w->view.zoom, &w->view.pan_x, &w->view.pan_y);
        w->fitting = 0;
        return;
    }
    float z = w->fitting ? w->fit_to[0] : w->view.zoom;
    float px = w->fitting ? w->fit_to[1] : w->view.pan_x,
          py = w->fitting ? w->fit_to[2] : w->view.pan_y;
    float nz = z, nx = px, ny = py;
    if (w->view.slide) {
        app_win_frame_view(w, &nz, &nx, &ny);
    } else {
        keep_subject(w, old, z < SUBJECT_ZMIN ? z : SUBJECT_ZMIN, &nz, &nx, &ny, NULL, NULL);
    }
    if (nz != z || nx != px || ny != py)
        glide_view(w, nz, nx, ny, now);
}

void app_win_seek(AppWin *w, int32_t cursor, uint32_t now)
{
    if (!w->heap)
        return;
    int32_t n = gc_event_count(w->heap);
    if (cursor < 0)
        cursor = 0;
    if (cursor > n)
        cursor = n;
    int32_t old = gc_cursor(w->heap);
    if (cursor == old)
        return;
    gc_seek(w->heap, cursor);
    w->view.prev_cursor = old;
    w->view.anim = w->settled ? 1 : 0;
    w->anim_start = now;
    w->dirty = 1;
    if ((w->settled ? w->follow
                    : !w->dragging && w->drag_kind != 3)) /* not while scrubbing the timeline */
        follow(w, old, cursor, now);
}

/* Shows the place pl (gc_history_place_of) in the run installed: after a
 * recompute the same statement, phase and micro-step as before it. */
static void seek_place(AppWin *w, const GcPlace *pl)
{
    gc_seek(w->heap, gc_history_place(w->heap, pl));
    w->view.prev_cursor = -1;
    w->view.anim = 1;
}

static const char RECOMPUTED[] =
    "The history's budget kept only whole statements here: the program ran "
    "again to show the micro-steps from this statement on.";

int app_win_recompute(AppWin *w, int64_t stop, uint32_t now)
{
    if (!w->heap)
        return -1;
    GcPlace pl = gc_history_place_of(w->heap, gc_cursor(w->heap));
    int64_t was = w->fine_from;
    w->fine_from = stop > 0 ? stop : 0;
    if (app_win_load(w, w->path, 1) < 0) {
        w->fine_from = was;
        return -1;
    }
    seek_place(w, &pl);
    app_win_toast(w, RECOMPUTED, 0, now);
    return 0;
}

/* The window's recompute: the program runs again in the worker thread,
 * with the progress panel (a long loop takes seconds; Escape cancels and
 * the run shown stays), and finish_load takes the step (recompute_done).
 * 0 when it started. */
static int recompute_async(AppWin *w, int64_t stop, int forward)
{
    int64_t was = w->fine_from;
    w->fine_from = stop > 0 ? stop : 0;
    if (load_async(w, w->path, 1, RECOMPUTED,
                   "The program could not run again: the micro-steps here stay hidden.") < 0) {
        w->fine_from = was;
        return -1;
    }
    w->recomputing = 1;
    w->recompute_dir = forward ? 1 : -1;
    w->recompute_at = gc_cursor(w->heap);
    w->recompute_was = was;
    return 0;
}

/* The recomputed run is installed (rc 0) or not: at the place the run
 * shown was at (pl, cursor at), and one step on if the student did not
 * move meanwhile; a failed or cancelled one keeps the old fine_from. */
static void recompute_done(AppWin *w, int rc, const GcPlace *pl, int32_t at)
{
    w->recomputing = 0;
    if (rc != 0 || !w->heap) {
        w->fine_from = w->recompute_was;
        return;
    }
    if (at < 0)
        return;
    seek_place(w, pl);
    if (at == w->recompute_at) {
        int32_t c = gc_cursor(w->heap);
        app_win_seek(
            w, w->recompute_dir > 0 ? next_stop(w, c, w->view.gran) : prev_stop(w, c, w->view.gran),
            SDL_GetTicks());
    }
}

/* One step at a finer granularity than statements where the history kept
 * only statements: recompute first (once; a failed run stays as it was). */
static void fine_step(AppWin *w, int forward, uint32_t now)
{
    GcHeap *h = w->heap;
    int32_t c = gc_cursor(h), e = forward ? c : c - 1;
    if (w->view.gran != RENDER_GRAN_STATEMENT && e >= 0 && e < gc_event_count(h) &&
        !gc_history_fine(h, e)) {
        /* backwards, a few statements more: a student steps back through several */
        int64_t stop = gc_history_stop(h, e) - (forward ? 0 : 8);
        if (w->async) {
            /* in the worker; the step is taken when it is installed */
            if (!w->loading)
                recompute_async(w, stop, forward);
            return;
        }
        app_win_recompute(w, stop, now);
    }
    h = w->heap;
    c = gc_cursor(h);
    app_win_seek(w, forward ? next_stop(w, c, w->view.gran) : prev_stop(w, c, w->view.gran), now);
}

static void next_gc(AppWin *w, uint32_t now)
{
    int32_t c = gc_cursor(w->heap);
    for (int32_t i = 0; i < w->tl.ncollections; i++)
        if (w->tl.gc_start[i] + 1 > c) {
            app_win_seek(w, w->tl.gc_start[i] + 1, now);
            return;
        }
    app_win_toast(w, "No more collections after this point.", 0, now);
}

/* Shift+C: the start of the collection before the one shown (or of the
 * one shown, from inside it), the way back for a teacher who went too far. */
static void prev_gc(AppWin *w, uint32_t now)
{
    int32_t c = gc_cursor(w->heap);
    for (int32_t i = w->tl.ncollections - 1; i >= 0; i--)
        if (w->tl.gc_start[i] + 1 < c) {
            app_win_seek(w, w->tl.gc_start[i] + 1, now);
            return;
        }
    app_win_toast(w, "No collection before this point.", 0, now);
}

/* ---- the course ---------------------------------------------------------------- */

/* Finds the loaded file in its folder's index.json (the order the
 * no-argument tour and the picker follow) and keeps the chapters before
 * and after it; "" at the ends of the course or for a file outside one. */
static void find_chapters(AppWin *w)
{
    w->chapter_prev[0] = w->chapter_next[0] = 0;
    w->chapter_prev_title[0] = w->chapter_next_title[0] = 0;
    char real[PATH_MAX], dir[APP_PATH_MAX];
    snprintf(dir, sizeof dir, "%s", realpath(w->path, real) ? real : w->path);
    char *slash = strrchr(dir, '/');
    const char *base = slash ? slash + 1 : dir;
    char file[256];
    scopy(file, sizeof file, base);
    if (slash)
        *slash = 0;
    else
        snprintf(dir, sizeof dir, ".");
    ScenarioChapter *ch = malloc(APP_MAX_PICKER * sizeof *ch);
    int n = ch ? scenario_read_index(dir[0] ? dir : "/", ch, APP_MAX_PICKER) : 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(ch[i].file, file) != 0)
            continue;
        if (i > 0) {
            snprintf(w->chapter_prev, sizeof w->chapter_prev, "%.3800s/%s", dir, ch[i - 1].file);
            scopy(w->chapter_prev_title, sizeof w->chapter_prev_title, ch[i - 1].title);
        }
        if (i + 1 < n) {
            snprintf(w->chapter_next, sizeof w->chapter_next, "%.3800s/%s", dir, ch[i + 1].file);
            scopy(w->chapter_next_title, sizeof w->chapter_next_title, ch[i + 1].title);
        }
        break;
    }
    free(ch);
}

/* PageDown / PageUp: opens the next or previous chapter of the course. */
static void open_chapter(AppWin *w, int delta, uint32_t now)
{
    const char *path = delta > 0 ? w->chapter_next : w->chapter_prev;
    char msg[300];
    if (!path[0]) {
        if (!w->chapter_next[0] && !w->chapter_prev[0])
            app_win_toast(w, "This file is not a chapter of a course (no index.json lists it).", 0,
                          now);
        else
            app_win_toast(w, delta > 0 ? "This is the last chapter." : "This is the first chapter.",
                          0, now);
        return;
    }
    char p[APP_PATH_MAX], title[160];
    scopy(p, sizeof p, path);
    scopy(title, sizeof title, delta > 0 ? w->chapter_next_title : w->chapter_prev_title);
    if (app_win_open(w, p) < 0) {
        app_win_toast(w, "That chapter has errors: see the panel.", 1, now);
        return;
    }
    snprintf(msg, sizeof msg, "Chapter %s", title);
    app_win_toast(w, msg, 0, now);
}

const char *app_win_prompt(AppWin *w)
{
    w->prompt[0] = 0;
    if (w->confirm_quit)
        snprintf(w->prompt, sizeof w->prompt, "Quit gcviz?\nQ or Enter quits \xC2\xB7 Esc stays");
    else if (w->heap && gc_cursor(w->heap) >= gc_event_count(w->heap) && w->chapter_next[0] &&
             !w->view.show_picker)
        snprintf(w->prompt, sizeof w->prompt, "End of this chapter\nPageDown: %s",
                 w->chapter_next_title);
    return w->prompt;
}

/* ---- screenshots ---------------------------------------------------------------- */

static int make_dirs(const char *dir)
{
    char tmp[APP_PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s", dir);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

int app_win_screenshot(AppWin *w, char *path_out, size_t n)
{
    if (make_dirs(w->shots) < 0) {
        SDL_SetError("cannot create %s: %s", w->shots, strerror(errno));
        return -1;
    }
    const char *name = w->sc ? w->sc->name : "gcviz";
    int step = w->heap ? render_shown_step(w->heap) + 1 : 0;
    const char *phase = render_phase_slug(w->heap);
    char path[APP_PATH_MAX + 300];
    struct stat st;
    for (int k = 1; k < 100000; k++) {
        if (k == 1)
            snprintf(path, sizeof path, "%s/%s-s%d-%s.png", w->shots, name, step, phase);
        else
            snprintf(path, sizeof path, "%s/%s-s%d-%s-%d.png", w->shots, name, step, phase, k);
        if (stat(path, &st) != 0)
            break;
    }
    /* the settled frame: no half-finished fades or glides in a picture */
    glide_finish(w);
    int settled = w->settled;
    w->settled = 1;
    int rc = app_win_draw(w, 0);
    w->settled = settled;
    if (rc < 0)
        return -1;
    if (record_png_save(w->r, w->width, w->height, path) < 0)
        return -1;
    snprintf(path_out, n, "%s", path);
    w->dirty = 1;
    return 0;
}

/* ---- picker ---------------------------------------------------------------------- */

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the scenarios of dir to the picker: those of its course index
 * (index.json) first, in its order and under its chapter titles, then the
 * other .json and .py files by name under their own titles, each with its
 * description.  A file already listed (the current folder may be the
 * bundled one) is skipped. */
static void scan_dir(AppWin *w, const char *dir)
{
    ScenarioChapter *chapters = malloc(APP_MAX_PICKER * sizeof *chapters);
    int nch = chapters ? scenario_read_index(dir, chapters, APP_MAX_PICKER) : 0;
    char *names[APP_MAX_PICKER];
    int nnames = 0;
    DIR *d = opendir(dir);
    if (!d) {
        free(chapters);
        return;
    }
    struct dirent *de;
    while ((de = readdir(d)) != NULL && nnames < APP_MAX_PICKER) {
        size_t len = strlen(de->d_name);
        int json = len >= 6 && strcmp(de->d_name + len - 5, ".json") == 0;
        int py = len >= 4 && strcmp(de->d_name + len - 3, ".py") == 0;
        if ((!json && !py) || de->d_name[0] == '.' || strcmp(de->d_name, "index.json") == 0)
            continue;
        if ((names[nnames] = strdup(de->d_name)) != NULL)
            nnames++;
    }
    closedir(d);
    qsort(names, (size_t)nnames, sizeof names[0], cmp_names);
    /* the index's order first: a rank per file, chapters before the rest */
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < (pass == 0 ? nch : nnames); k++) {
            const char *file = pass == 0 ? chapters[k].file : names[k];
            int known = 0, in_index = 0;
            for (int i = 0; i < nnames; i++)
                known |= strcmp(names[i], file) == 0;
            for (int i = 0; i < nch; i++)
                in_index |= strcmp(chapters[i].file, file) == 0;
            if (!known || (pass == 1 && in_index) || w->npicker >= APP_MAX_PICKER)
                continue;
            char full[APP_PATH_MAX + 300];
            snprintf(full, sizeof full, "%s/%.255s", dir, file);
            int dup = 0;
            for (int i = 0; i < w->npicker; i++)
                dup |= strcmp(w->picker_paths[i], full) == 0;
            if (dup)
                continue;
            /* its title and description; a big file is not read just for that */
            struct stat st;
            Scenario *sc = stat(full, &st) == 0 && st.st_size <= APP_PICKER_PEEK_BYTES
                               ? scenario_load(full, NULL)
                               : NULL;
            const char *title = pass == 0 ? chapters[k].title : sc && sc->title ? sc->title : file;
            int i = w->npicker;
            w->picker_paths[i] = strdup(full);
            w->picker_names[i] = strdup(title);
            w->picker_files[i] = strdup(file);
            w->picker_desc[i] = strdup(sc && sc->description ? sc->description : "");
            scenario_free(sc);
            if (!w->picker_paths[i] || !w->picker_names[i] || !w->picker_files[i] ||
                !w->picker_desc[i]) {
                free(w->picker_paths[i]);
                free(w->picker_names[i]);
                free(w->picker_files[i]);
                free(w->picker_desc[i]);
                break;
            }
            w->npicker++;
        }
    for (int i = 0; i < nnames; i++)
        free(names[i]);
    free(chapters);
}

/* scan_dir on the folder's canonical path, so that one folder reached two
 * ways (the bundled one is often also the current one) is listed once. */
static void scan_real_dir(AppWin *w, const char *dir)
{
    char real[PATH_MAX];
    scan_dir(w, realpath(dir, real) ? real : dir);
}

void app_win_scan_picker(AppWin *w)
{
    picker_clear(w);
    char dir[APP_PATH_MAX];
    if (render_find_data_dir("scenarios", ".", dir, sizeof dir) == 0)
        scan_real_dir(w, dir);
    if (w->path[0]) {
        snprintf(dir, sizeof dir, "%s", w->path);
        char *slash = strrchr(dir, '/');
        if (slash) {
            *slash = 0;
            scan_real_dir(w, dir[0] ? dir : "/");
        } else {
            scan_real_dir(w, ".");
        }
    }
    w->view.picker_sel = 0;
    char real[PATH_MAX];
    const char *cur = w->path[0] && realpath(w->path, real) ? real : w->path;
    for (int i = 0; i < w->npicker; i++)
        if (strcmp(w->picker_paths[i], cur) == 0)
            w->view.picker_sel = i;
}

static void open_picked(AppWin *w, int i, uint32_t now)
{
    if (i < 0 || i >= w->npicker)
        return;
    w->view.show_picker = 0;
    char path[APP_PATH_MAX];
    snprintf(path, sizeof path, "%s", w->picker_paths[i]);
    if (app_win_open(w, path) < 0)
        app_win_toast(w, "The scenario has errors: see the panel.", 1, now);
}

/* ---- drill-down ----------------------------------------------------------------- */

static void to_world(const AppWin *w, float x, float y, float *wx, float *wy);

/* A zoom at which a class reads cards: drawn whole with their fields
 * (the overview style is below 0.4375, blocks of counts below 0.35 past a
 * dozen cards in view), titles about 10 px. */
#define DRILL_READ_ZOOM 0.6f

/* Whether object id has a card the blocks count in the world box b (x0,
 * y0, x1, y1: its header's centre inside), alive (alive) or a ghost of
 * the statement shown (its death at or after start); its centre. */
static int drill_card(const AppWin *w, GcId id, const float b[4], int alive, int32_t start,
                      float *cx, float *cy)
{
    const GcObject *o = gc_object(w->heap, id);
    float x, y;
    if (!o ||
        (alive ? o->state != GC_STATE_ALIVE
               : o->state != GC_STATE_FREED || gc_died(w->heap, id) < start) ||
        layout_get(w->layout, id, &x, &y) < 0)
        return 0;
    *cx = x + LAYOUT_CARD_W * 0.5f;
    *cy = y + LAYOUT_TAG_H + LAYOUT_HEADER_H * 0.5f;
    return *cx >= b[0] && *cx < b[2] && *cy >= b[1] && *cy < b[3];
}

/* The objects whose cards may meet the world box r (the render cache's
 * grid of card places, all but those freed before the statement shown):
 * their ids in *ids and their count, so that a click into a block costs
 * what the block holds; -1 (*ids NULL): look at every id, 1 to
 * gc_max_id (no cache, or OOM). */
static int drill_ids(const AppWin *w, const float r[4], const GcId **ids)
{
    int32_t start = gc_index_stmt_at(&w->tl, gc_cursor(w->heap) - 1);
    int n = w->cache ? render_cache_cards_in(w->cache, w->layout, r, gc_max_id(w->heap),
                                             start > 0 ? start : 0, ids)
                     : -1;
    if (n < 0)
        *ids = NULL;
    return n;
}

/* The i-th id of a drill_ids answer (n, ids). */
static GcId drill_id(const GcId *ids, int i)
{
    return ids ? ids[i] : (GcId)(i + 1);
}

/* Where to look in the world box b: the card nearest the mean place of
 * the cards in it (the alive ones, else this statement's ghosts), so a
 * zoom that shows part of b shows cards and not an empty corner of it.
 * 0 when b holds none. */
static int drill_focus(const AppWin *w, const float b[4], float *fx, float *fy)
{
    int32_t start = gc_index_stmt_at(&w->tl, gc_cursor(w->heap) - 1);
    const GcId *ids;
    int ni = drill_ids(w, b, &ids);
    long nid = ni >= 0 ? ni : (long)gc_max_id(w->heap);
    for (int alive = 1; alive >= 0; alive--) {
        double sx = 0, sy = 0;
        long n = 0;
        float cx, cy;
        for (long i = 0; i < nid; i++)
            if (drill_card(w, drill_id(ids, (int)i), b, alive, start, &cx, &cy)) {
                sx += cx;
                sy += cy;
                n++;
            }
        if (!n)
            continue;
        float mx = (float)(sx / (double)n), my = (float)(sy / (double)n), best = -1;
        for (long i = 0; i < nid; i++)
            if (drill_card(w, drill_id(ids, (int)i), b, alive, start, &cx, &cy)) {
                float d = (cx - mx) * (cx - mx) + (cy - my) * (cy - my);
                if (best < 0 || d < best) {
                    best = d;
                    *fx = cx;
                    *fy = cy;
                }
            }
        return 1;
    }
    return 0;
}

/* ---- the drill-down's frame ----------------------------------------------------- */

#define DRILL_ZOOM_MAX 1.0f /* a block of a few cards: they fill the heap, up to 100 % */
#define DRILL_CANDS    64   /* pans looked at along each axis for the densest part */
#define DRILL_NEAR_MAX                                                                             \
    32768 /* cards looked at in and around the block; beyond, the view                             \
           * is the middle of its cards */

/* The world bounds of the cards that the blocks count in the world box b
 * (drill_card: the alive ones, else this statement's ghosts), as a fresh
 * array of 4 floats each (free it); *n their number, 0 (NULL) for none or
 * on OOM. */
static float *drill_cards(const AppWin *w, const float b[4], int *n)
{
    int32_t start = gc_index_stmt_at(&w->tl, gc_cursor(w->heap) - 1);
    const GcId *ids;
    int ni = drill_ids(w, b, &ids);
    long nid = ni >= 0 ? ni : (long)gc_max_id(w->heap);
    float *out = NULL;
    int cap = 0;
    *n = 0;
    for (int alive = 1; alive >= 0 && *n == 0; alive--)
        for (long i = 0; i < nid; i++) {
            GcId id = drill_id(ids, (int)i);
            float cx, cy, cb[4];
            if (!drill_card(w, id, b, alive, start, &cx, &cy) || !card_bounds(w, id, cb))
                continue;
            cb[3] -= 24; /* as drill_near */
            if (*n == cap) {
                int nc = cap ? cap * 2 : 256;
                float *q = realloc(out, (size_t)nc * 4 * sizeof *q);
                if (!q) {
                    free(out);
                    *n = 0;
                    return NULL;
                }
                out = q;
                cap = nc;
            }
            memcpy(out + 4 * *n, cb, sizeof cb);
            (*n)++;
        }
    return out;
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* The pans along one axis (a = 0: x, 1: y) that start or end a view of
 * length len (or its part before len2, if len2 > 0: the button's side) at
 * the edge of one of the n cards c (4 floats each), sorted, at most
 * DRILL_CANDS of them spread evenly; their number.  tmp: room for 3n. */
static int drill_pans(const float *c, int n, int a, float len, float len2, float *out, float *tmp)
{
    int nt = 0;
    for (int i = 0; i < n; i++) {
        tmp[nt++] = c[4 * i + a] - WHOLE_MARGIN;
        tmp[nt++] = c[4 * i + a + 2] + WHOLE_MARGIN - len;
        if (len2 > 0)
            tmp[nt++] = c[4 * i + a + 2] + WHOLE_MARGIN - len2;
    }
    qsort(tmp, (size_t)nt, sizeof *tmp, cmp_float);
    int m = 0;
    for (int i = 0; i < nt; i++)
        if (m == 0 || tmp[i] > tmp[m - 1])
            tmp[m++] = tmp[i];
    if (m <= DRILL_CANDS) {
        memcpy(out, tmp, (size_t)m * sizeof *out);
        return m;
    }
    for (int i = 0; i < DRILL_CANDS; i++)
        out[i] = tmp[(int)((int64_t)i * (m - 1) / (DRILL_CANDS - 1))];
    return DRILL_CANDS;
}

/* Whether the card b (x0, y0, x1, y1) is whole in the view from x, y of
 * w x h world units, clear of the box btn (relative to the view's corner;
 * NULL: none): 1; cut by the view's edge: -1; under btn: -2; out of
 * view: 0. */
static int drill_seen(const float b[4], float x, float y, float w, float h, const float *btn)
{
    if (b[2] <= x || b[0] >= x + w || b[3] <= y || b[1] >= y + h)
        return 0;
    if (btn && b[0] < x + btn[2] && b[2] > x + btn[0] && b[1] < y + btn[3] && b[3] > y + btn[1])
        return -2;
    if (b[0] < x || b[2] > x + w || b[1] < y || b[3] > y + h)
        return -1;
    return 1;
}

/* What a card seen so (drill_seen) costs a view: a card under the button
 * far more than one cut by the edge. */
static float drill_cost(int seen)
{
    return seen == -2 ? 50.0f : seen < 0 ? 1.5f : 0.0f;
}

/* The view (vw x vh world units from *px, *py; the top vh0 of it for the
 * block's cards, clear of the button's box btn) over the nn cards near
 * (4 floats each; inb: which are the block's) that shows the most of the
 * block's cards whole less one and a half for each card it cuts (or
 * covers with btn), the nearest to their mean place among equals; keep
 * gets the bounds of the block's cards it shows.  0 when none fits. */
static int drill_densest(const float *near, const uint8_t *inb, int nn, float vw, float vh0,
                         float vh, const float *btn, float *px, float *py, float keep[4])
{
    int n = 0;
    float *c = malloc((size_t)nn * 4 * sizeof *c), *tmp = malloc((size_t)(3 * nn) * sizeof *tmp);
    float xs[DRILL_CANDS], ys[DRILL_CANDS];
    if (!c || !tmp) {
        free(c);
        free(tmp);
        return 0;
    }
    double mx = 0, my = 0;
    for (int i = 0; i < nn; i++)
        if (inb[i]) {
            memcpy(c + 4 * n++, near + 4 * i, 4 * sizeof *c);
            mx += (near[4 * i] + near[4 * i + 2]) * 0.5f;
            my += (near[4 * i + 1] + near[4 * i + 3]) * 0.5f;
        }
    int nx = n ? drill_pans(c, n, 0, vw, btn ? btn[0] : 0, xs, tmp) : 0;
    int ny = n ? drill_pans(c, n, 1, vh0, 0, ys, tmp) : 0;
    free(tmp);
    free(c);
    if (!n)
        return 0;
    mx /= n;
    my /= n;
    int found = 0;
    float best = 0;
    double best_d = 0;
    for (int i = 0; i < nx; i++)
        for (int j = 0; j < ny; j++) {
            float score = 0;
            int whole = 0;
            for (int k = 0; k < nn; k++) {
                const float *b = near + 4 * k;
                int seen = drill_seen(b, xs[i], ys[j], vw, vh, btn);
                if (seen > 0 && inb[k] && b[3] <= ys[j] + vh0) {
                    score += 1;
                    whole++;
                } else {
                    score -= drill_cost(seen);
                }
            }
            double dx = xs[i] + vw * 0.5 - mx, dy = ys[j] + vh0 * 0.5 - my, d = dx * dx + dy * dy;
            if (whole > 0 && (!found || score > best || (score == best && d < best_d))) {
                found = 1;
                best = score;
                best_d = d;
                *px = xs[i];
                *py = ys[j];
            }
        }
    if (!found)
        return 0;
    int any = 0;
    for (int k = 0; k < nn; k++) {
        const float *b = near + 4 * k;
        if (!inb[k] || drill_seen(b, *px, *py, vw, vh, btn) <= 0 || b[3] > *py + vh0)
            continue;
        box_add(keep, b, &any);
    }
    return any;
}

/* The pan along axis a (0: x, 1: y) of the n cards c near the view that
 * keeps keep (grown by WHOLE_MARGIN) inside [p, p + len] and shows the
 * most cards whole less one and a half for each card cut, of those
 * meeting the view across it ([q, q + qlen]); then the nearest to p.  A
 * card is whole inside [p, p + reach] (reach >= len: the strip beyond len
 * is in view but keeps no card of keep) unless it meets the box btn
 * (relative to the view's corner; NULL: none), the window's button over
 * the heap. */
static float drill_pan(const float *c, int n, int a, float p, float len, float reach, float q,
                       float qlen, const float keep[4], const float *btn)
{
    /* (across, a view that ends a card at the button's left edge) */
    float len2 = a == 0 && btn ? btn[0] : 0;
    float best = p, best_score = -1e30f, best_d = 0, m = WHOLE_MARGIN;
    float s0 = keep[a] - m, s1 = keep[a + 2] + m;
    if (s1 - s0 > len) { /* (the densest view's cards may touch its edges) */
        s0 = keep[a];
        s1 = keep[a + 2];
    }
    for (int k = -1; k < 3 * n; k++) {
        if (k >= 0 && k % 3 == 2 && len2 <= 0)
            continue;
        float cand = k < 0        ? p
                     : k % 3 == 0 ? c[4 * (k / 3) + a] - m
                     : k % 3 == 1 ? c[4 * (k / 3) + a + 2] + m - len
                                  : c[4 * (k / 3) + a + 2] + m - len2;
        if (s1 - s0 <= len && (s0 < cand || s1 > cand + len))
            continue;
        float vx = a == 0 ? cand : q, vy = a == 0 ? q : cand;
        float vw = a == 0 ? reach : qlen, vh = a == 0 ? qlen : reach;
        float score = 0;
        for (int i = 0; i < n; i++) {
            int seen = drill_seen(c + 4 * i, vx, vy, vw, vh, btn);
            score += seen > 0 ? 1.0f : -drill_cost(seen);
        }
        float d = fabsf(cand - p);
        if (score > best_score || (score == best_score && d < best_d)) {
            best = cand;
            best_score = score;
            best_d = d;
        }
    }
    return best;
}

#define DRILL_ARROW_ROOM 64.0f /* right of a column: its cards' arrows loop there */
#define DRILL_FOOT_ROOM  24.0f /* below a row: its cards' footers */
#define DRILL_UP         2.0f  /* drill_columns: a card tied to the row above it */

static int cmp_y0(const void *a, const void *b)
{
    return cmp_float((const float *)a + 1, (const float *)b + 1);
}

/* The columns (a = 0; rows: a = 1) of the n cards c (5 floats each: the
 * bounds and 1 for the block's cards, 0 for others, plus DRILL_UP for a
 * card tied to the row above it (drill_ties); sorted here by their left
 * (top) edge): runs of cards whose ranges along the axis meet.  Of the
 * runs of whole columns with a card of the block that fit in a view len
 * logical pixels long at a zoom of at least zmin (WHOLE_MARGIN before and
 * after, and room after the last: up to room_max, the gap to the next
 * column if smaller, less the margins for columns), the one whose first
 * column is tied to none before it (a structure of two rows, a 2-cycle,
 * starts the view whole), then the most columns, then the most of the
 * block's cards, then the nearest to their mean: its world range in *lo,
 * *hi (room included) and the zoom that fits it in *zc.  The number of
 * its columns; 0 when none fits (or on OOM). */
static int drill_columns(float *c, int n, int a, float len, float zmin, float room_max, float *lo,
                         float *hi, float *zc)
{
    if (n <= 0)
        return 0;
    qsort(c, (size_t)n, 5 * sizeof *c, a == 0 ? cmp_float : cmp_y0);
    float *g = malloc((size_t)n * 3 * sizeof *g); /* per column: start, end, the block's cards */
    uint8_t *up = calloc((size_t)n, 1);           /* per column: tied to the one before */
    if (!g || !up) {
        free(g);
        free(up);
        return 0;
    }
    int ng = 0;
    double mean = 0, nb = 0;
    for (int i = 0; i < n; i++) {
        const float *q = c + 5 * i;
        float inb = q[4] >= DRILL_UP ? q[4] - DRILL_UP : q[4];
        mean += (q[a] + q[a + 2]) * 0.5 * inb;
        nb += inb;
        if (ng > 0 && q[a] < g[3 * (ng - 1) + 1]) {
            g[3 * (ng - 1) + 1] = fmaxf(g[3 * (ng - 1) + 1], q[a + 2]);
            g[3 * (ng - 1) + 2] += inb;
        } else {
            g[3 * ng] = q[a];
            g[3 * ng + 1] = q[a + 2];
            g[3 * ng + 2] = inb;
            ng++;
        }
        up[ng - 1] |= a == 1 && q[4] >= DRILL_UP;
    }
    mean /= nb > 0 ? nb : 1;
    int best = 0, best_tied = 1;
    float best_cards = 0;
    double best_d = 0;
    for (int i = 0, j = 0; i < ng; i++) {
        /* the longest run from i that fits (j only grows with i) */
        if (j < i)
            j = i;
        float cards = 0;
        for (int q = i; q < j; q++)
            cards += g[3 * q + 2];
        for (;; j++) {
            /* columns: the margin after the room ends before the next
             * column (a folded chain's are 56 units apart), or that column
             * shows cut at the view's edge */
            float gap = j + 1 < ng ? g[3 * (j + 1)] - g[3 * j + 1] : 0;
            float room = j + 1 >= ng ? room_max
                         : a == 0    ? fmaxf(0.0f, fminf(room_max, gap - 2 * WHOLE_MARGIN))
                                     : fminf(room_max, gap);
            float s0 = g[3 * i], s1 = g[3 * j + 1] + room, span = s1 - s0 + 2 * WHOLE_MARGIN;
            if (len / span < zmin)
                break;
            cards += g[3 * j + 2];
            double d = fabs((s0 + s1) * 0.5 - mean);
            int cols = j - i + 1;
            int tied = up[i];
            if (cards > 0 && (tied < best_tied || (tied == best_tied && cols > best) ||
                              (tied == best_tied && cols == best &&
                               (cards > best_cards || (cards == best_cards && d < best_d))))) {
                best_tied = tied;
                best = cols;
                best_cards = cards;
                best_d = d;
                *lo = s0;
                *hi = s1;
                *zc = len / span;
            }
            if (j + 1 >= ng)
                break;
        }
    }
    free(g);
    free(up);
    return best;
}

/* The cards drawn (alive, or the ghosts of this statement) that meet the
 * world box r, as a fresh array of 4 floats each (card_bounds) and, in
 * *inb, whether the blocks count each in the world box b (drill_card);
 * *n their number.  NULL (and *n 0) on OOM or beyond DRILL_NEAR_MAX. */
static float *drill_near(const AppWin *w, const float r[4], const float b[4], uint8_t **inb, int *n,
                         GcId **idout)
{
    int32_t start = gc_index_stmt_at(&w->tl, gc_cursor(w->heap) - 1);
    float *out = NULL;
    uint8_t *in = NULL;
    GcId *ids_of = NULL;
    int cap = 0, alive_in = 0;
    *n = 0;
    *inb = NULL;
    const GcId *ids;
    float rq[4] = {r[0] - 32, r[1] - 32, r[2] + 32, r[3] + 32}; /* (card_bounds: the footer) */
    int ni = drill_ids(w, rq, &ids);
    long nid = ni >= 0 ? ni : (long)gc_max_id(w->heap);
    for (long i = 0; i < nid; i++) {
        GcId id = drill_id(ids, (int)i);
        const GcObject *o = gc_object(w->heap, id);
        float cb[4], cx, cy;
        if (!o || (o->state != GC_STATE_ALIVE && gc_died(w->heap, id) < start) ||
            (w->view.beginner && render_is_temporary(w->heap, id)) || !card_bounds(w, id, cb) ||
            cb[2] < r[0] || cb[0] > r[2] || cb[3] < r[1] || cb[1] > r[3])
            continue;
        if (*n == cap) {
            int nc = cap ? cap * 2 : 256;
            float *q = nc <= DRILL_NEAR_MAX ? realloc(out, (size_t)nc * 4 * sizeof *q) : NULL;
            uint8_t *qi = q ? realloc(in, (size_t)nc) : NULL;
            GcId *qd = qi && idout ? realloc(ids_of, (size_t)nc * sizeof *qd) : NULL;
            if (q)
                out = q;
            if (qi)
                in = qi;
            if (qd)
                ids_of = qd;
            if (!q || !qi || (idout && !qd)) {
                free(out);
                free(in);
                free(ids_of);
                *n = 0;
                return NULL;
            }
            cap = nc;
        }
        if (idout)
            ids_of[*n] = id;
        int alive = o->state == GC_STATE_ALIVE;
        cb[3] -= 24; /* a footer may be cut (most cards have none); the card not */
        in[*n] = (uint8_t)(drill_card(w, id, b, alive, start, &cx, &cy) ? 1 + alive : 0);
        alive_in |= in[*n] == 2;
        memcpy(out + 4 * (*n)++, cb, sizeof cb);
    }
    /* the block's cards: the alive ones, else this statement's ghosts */
    for (int i = 0; i < *n; i++)
        in[i] = alive_in ? in[i] == 2 : in[i] == 1;
    *inb = in;
    if (idout)
        *idout = ids_of;
    return out;
}

static int cmp_id_index(const void *a, const void *b)
{
    const GcId *x = a, *y = b;
    return (x[0] > y[0]) - (x[0] < y[0]);
}

/* Whether card bounds d end just above card bounds c (the row before
 * c's: less than c's height between them). */
static int drill_above(const float *d, const float *c)
{
    return d[3] <= c[1] && c[1] - d[3] < c[3] - c[1];
}

/* Of the n cards c (4 floats each: bounds) of objects ids, those tied to
 * the row above theirs: one of them refers to the other (a 2-cycle's
 * second card under its first): up[i] 1 (0 else).  0, or -1 on OOM. */
static int drill_ties(const AppWin *w, const float *c, const GcId *ids, int n, uint8_t *up)
{
    GcId *by = malloc((size_t)(n > 0 ? n : 1) * 2 * sizeof *by); /* (id, index), by id */
    if (!by)
        return -1;
    for (int i = 0; i < n; i++) {
        by[2 * i] = ids[i];
        by[2 * i + 1] = (GcId)i;
        up[i] = 0;
    }
    qsort(by, (size_t)n, 2 * sizeof *by, cmp_id_index);
    for (int i = 0; i < n; i++) {
        const GcObject *o = gc_object(w->heap, ids[i]);
        uint32_t ns = o ? gc_nslots(o) : 0;
        for (uint32_t k = 0; k < ns && k < LAYOUT_MAX_ROWS; k++) {
            GcValue v = gc_slot(o, k).val;
            GcId key[2] = {GC_VAL_IS_OBJ(v) ? GC_VAL_ID(v) : 0, 0};
            const GcId *f =
                key[0] ? bsearch(key, by, (size_t)n, 2 * sizeof *by, cmp_id_index) : NULL;
            int j = f ? (int)f[1] : i;
            if (j != i && drill_above(c + 4 * j, c + 4 * i))
                up[i] = 1;
            else if (j != i && drill_above(c + 4 * i, c + 4 * j))
                up[j] = 1;
        }
    }
    free(by);
    return 0;
}

/* The block's n cards c (world box b, their bounds bb) too many to fit
 * in a view of vw x vh logical pixels at the zoom *z: the run of whole
 * columns of the cards drawn in and around the block that fits, as large
 * as it reads (a column cut at the view's edge is no picture for a
 * class): its x range in *cx0, *cx1 and its zoom in *z; and in it the run
 * of whole rows from the view's top edge (its bottom edge may cut the
 * next: the column goes on), its top in *ry0 (*rows: 0 none; when that
 * run is every row, the top that puts them in the middle).  The number
 * of columns, 0 for none (*z stays). */
static int drill_whole(AppWin *w, const float b[4], const float *c, int n, const float bb[4],
                       float vw, float vh, float *z, float *cx0, float *cx1, float *ry0, int *rows)
{
    float W0 = vw / *z, H0 = vh / *z, r0[4] = {bb[0] - W0, bb[1] - H0, bb[2] + W0, bb[3] + H0};
    float zc = 0, ry1 = 0, zr = 0;
    uint8_t *in0 = NULL;
    int n0 = 0, cols = 0;
    GcId *ids0 = NULL;
    float *near0 = drill_near(w, r0, b, &in0, &n0, &ids0);
    int nq = near0 ? n0 : n;
    float *q = malloc((size_t)(nq > 0 ? nq : 1) * 5 * sizeof *q);
    uint8_t *up = near0 ? malloc((size_t)(nq > 0 ? nq : 1)) : NULL;
    if (up && drill_ties(w, near0, ids0, nq, up) < 0) {
        free(up);
        up = NULL;
    }
    for (int i = 0; q && i < nq; i++) {
        memcpy(q + 5 * i, near0 ? near0 + 4 * i : c + 4 * i, 4 * sizeof *q);
        q[5 * i + 4] = (near0 ? (float)in0[i] : 1.0f) + (up && up[i] ? DRILL_UP : 0.0f);
    }
    free(up);
    free(ids0);
    cols = q ? drill_columns(q, nq, 0, vw, *z, DRILL_ARROW_ROOM, cx0, cx1, &zc) : 0;
    *rows = 0;
    if (cols) {
        *z = fminf(zc, fmaxf(*z, DRILL_ZOOM_MAX));
        float vx0 = (*cx0 + *cx1 - vw / *z) * 0.5f, vx1 = vx0 + vw / *z;
        int nr = 0;
        for (int i = 0; i < nq; i++)
            if (q[5 * i] < vx1 && q[5 * i + 2] > vx0)
                memmove(q + 5 * nr++, q + 5 * i, 5 * sizeof *q);
        *rows = drill_columns(q, nr, 1, vh, *z, DRILL_FOOT_ROOM, ry0, &ry1, &zr);
        int all = *rows > 0;
        for (int i = 0; all && i < nr; i++)
            all = q[5 * i + 1] >= *ry0 && q[5 * i + 3] <= ry1;
        if (all) /* every row: in the middle, not at the top */
            *ry0 = (*ry0 + ry1 - vh / *z) * 0.5f + WHOLE_MARGIN;
    }
    free(q);
    free(near0);
    free(in0);
    return cols;
}

/* The view of a drill-down that ends on cards (zoom *zoom at least): the
 * block's cards (in the world box b) whole, their bounding box in the
 * middle, zoomed in up to DRILL_ZOOM_MAX when it fits; else whole
 * columns and rows of them (drill_whole); else the part of them that
 * shows the most whole and cuts the fewest.  Then panned so
 * that the heap's edges cut as few cards as they can, and so that the
 * strip along the heap's bottom edge that the window's button covers
 * (strip pixels high, the button's box btn in pixels from the heap's
 * corner; NULL: none) keeps the block's cards clear of it and no card is
 * under the button.  0 when the block holds no card (the view stays). */
static int drill_frame(AppWin *w, const float b[4], float strip, const float *btn, float *zoom,
                       float *px, float *py)
{
    RenderRegions rg;
    app_win_regions(w, &rg);
    int n = 0;
    float *c = drill_cards(w, b, &n);
    if (!c)
        return 0;
    float m = WHOLE_MARGIN, vw = rg.heap_w / w->scale, vh = (rg.heap_h - strip) / w->scale;
    float bb[4] = {c[0], c[1], c[2], c[3]}, keep[4];
    for (int i = 1; i < n; i++) {
        bb[0] = fminf(bb[0], c[4 * i]);
        bb[1] = fminf(bb[1], c[4 * i + 1]);
        bb[2] = fmaxf(bb[2], c[4 * i + 2]);
        bb[3] = fmaxf(bb[3], c[4 * i + 3]);
    }
    float z = *zoom, zfit = fminf(vw / (bb[2] - bb[0] + 2 * m), vh / (bb[3] - bb[1] + 2 * m));
    float cx0 = 0, cx1 = 0, ry0 = 0;
    int cols = 0, rows = 0;
    if (zfit < z)
        cols = drill_whole(w, b, c, n, bb, vw, vh, &z, &cx0, &cx1, &ry0, &rows);
    else
        z = fminf(zfit, fmaxf(z, DRILL_ZOOM_MAX)); /* all of them whole, as large as it reads */
    free(c);
    /* (below the strip the button sits on no card is drawn: render_heap) */
    float k = z * w->scale, W = vw / z, H = vh / z, full = (btn ? vh : rg.heap_h / w->scale) / z;
    float bw[4] = {btn ? btn[0] / k : 0, btn ? btn[1] / k : 0, btn ? btn[2] / k : 0,
                   btn ? btn[3] / k : 0};
    const float *bp = btn ? bw : NULL;
    if (cols && rows) {
        /* those columns and rows whole (the pans below would trade a
         * whole row for a card less cut) */
        *zoom = z;
        *px = (cx0 + cx1 - W) * 0.5f;
        *py = ry0 - m;
        return 1;
    }
    /* the cards drawn in and around the block: a view of them can meet */
    float r[4] = {bb[0] - W, bb[1] - full, bb[2] + W, bb[3] + full};
    uint8_t *inb = NULL;
    int nn = 0;
    float *near = drill_near(w, r, b, &inb, &nn, NULL);
    float x = (bb[0] + bb[2]) * 0.5f - W * 0.5f, y = (bb[1] + bb[3]) * 0.5f - H * 0.5f;
    memcpy(keep, bb, sizeof keep);
    for (int i = 0; cols && near && i < nn; i++)
        if (near[4 * i] < cx0 || near[4 * i + 2] > cx1)
            inb[i] = 0; /* the block's cards in those columns */
    if (zfit < z && (!near || !drill_densest(near, inb, nn, W, H, full, bp, &x, &y, keep))) {
        free(near);
        free(inb);
        return 0;
    }
    if (cols) {
        x = (cx0 + cx1 - W) * 0.5f;
        keep[0] = fminf(keep[0], cx0);
        keep[2] = fmaxf(keep[2], cx1 - DRILL_ARROW_ROOM);
    }
    if (near) {
        /* the pans meet only the cards around that view */
        int np = 0;
        for (int i = 0; i < nn; i++) {
            const float *q = near + 4 * i;
            if (q[2] >= x - W && q[0] <= x + 2 * W && q[3] >= y - full && q[1] <= y + 2 * full)
                memmove(near + 4 * np++, q, 4 * sizeof *q);
        }
        x = drill_pan(near, np, 0, x, W, W, y, full, keep, bp);
        y = drill_pan(near, np, 1, y, H, full, x, W, keep, bp);
        /* then the cards it shows whole in the middle, where that cuts
         * none more (the pans prefer the place nearest the one asked) */
        float wb[4] = {1e30f, 1e30f, -1e30f, -1e30f};
        for (int i = 0; i < np; i++) {
            const float *q = near + 4 * i;
            if (drill_seen(q, x, y, W, full, bp) <= 0)
                continue;
            wb[0] = fminf(wb[0], q[0]);
            wb[1] = fminf(wb[1], q[1]);
            wb[2] = fmaxf(wb[2], q[2]);
            wb[3] = fmaxf(wb[3], q[3]);
        }
        if (wb[0] <= wb[2]) {
            x = drill_pan(near, np, 0, (wb[0] + wb[2] - W) * 0.5f, W, W, y, full, keep, bp);
            if (wb[3] <= y + H)
                y = drill_pan(near, np, 1, (wb[1] + wb[3] - H) * 0.5f, H, full, x, W, keep, bp);
        }
    }
    free(near);
    free(inb);
    *zoom = z;
    *px = x;
    *py = y;
    return 1;
}

static int back_out_rect(const AppWin *w, char *label, size_t n, float r[4]);

/* A click on a block of the overview: the view zooms to it.  When its
 * cards are too many to read once it fills the heap area (the blocks
 * view again, its own blocks), the first click shows it so; the next
 * (or the first, when one more zoom like it would reach cards that can
 * be read) zooms straight to cards that can be read (DRILL_READ_ZOOM),
 * framed on the block's cards (drill_frame): two clicks from the whole
 * heap (F) to cards at any size of heap. */
void app_win_drill(AppWin *w, float x, float y, float rw, float rh, uint32_t now)
{
    RenderRegions rg;
    app_win_regions(w, &rg);
    if (rw <= 0 || rh <= 0 || !w->heap)
        return;
    float wx0, wy0, wx1, wy1;
    to_world(w, x, y, &wx0, &wy0);
    to_world(w, x + rw, y + rh, &wx1, &wy1);
    /* the block fills the heap area, with a little room around it */
    float fx = rg.heap_w / rw, fy = rg.heap_h / rh, f = (fx < fy ? fx : fy) * 0.92f;
    float z = w->view.zoom * f;
    float cx = (wx0 + wx1) * 0.5f, cy = (wy0 + wy1) * 0.5f;
    float b[4] = {wx0, wy0, wx1, wy1};
    int cards = z >= DRILL_READ_ZOOM;
    if (z < DRILL_READ_ZOOM && (w->ndrill > 0 || z * f >= DRILL_READ_ZOOM)) {
        z = DRILL_READ_ZOOM;
        drill_focus(w, b, &cx, &cy);
        cards = 1;
    }
    z = z > APP_ZOOM_MAX ? APP_ZOOM_MAX : z;
    float k = z * w->scale;
    if (w->ndrill < (int)(sizeof w->drill / sizeof w->drill[0])) {
        float *d = w->drill[w->ndrill++];
        d[0] = w->fitting ? w->fit_to[0] : w->view.zoom;
        d[1] = w->fitting ? w->fit_to[1] : w->view.pan_x;
        d[2] = w->fitting ? w->fit_to[2] : w->view.pan_y;
    }
    float px = cx - rg.heap_w * 0.5f / k, py = cy - rg.heap_h * 0.5f / k;
    if (cards) {
        /* cards a class reads: the block's, clear of the Back out button */
        char label[96];
        float r[4], strip = 0, btn[4];
        int has = back_out_rect(w, label, sizeof label, r);
        if (has) {
            strip = rg.heap_y + rg.heap_h - r[1] + 4 * w->scale;
            btn[0] = r[0] - rg.heap_x - 4 * w->scale;
            btn[1] = r[1] - rg.heap_y - 4 * w->scale;
            btn[2] = r[0] + r[2] - rg.heap_x + 4 * w->scale;
            btn[3] = r[1] + r[3] - rg.heap_y + 4 * w->scale;
        }
        float fz = z;
        if (drill_frame(w, b, strip, has ? btn : NULL, &fz, &px, &py))
            z = fz > APP_ZOOM_MAX ? APP_ZOOM_MAX : fz;
    }
    glide_view(w, z, px, py, now);
    w->dirty = 1;
}

static void back_out(AppWin *w, uint32_t now)
{
    if (w->ndrill == 0) {
        app_win_toast(w, "Not inside a block of the overview: F shows the whole heap.", 0, now);
        return;
    }
    const float *d = w->drill[--w->ndrill];
    glide_view(w, d[0], d[1], d[2], now);
}

/* While inside a block of the overview: a button back out, at the top
 * right of the heap (Backspace does the same). */
/* Where that button is (physical pixels: x, y, w, h) and its label; 0
 * when it is not drawn. */
static int back_out_rect(const AppWin *w, char *label, size_t n, float r[4])
{
    const RenderView *v = &w->view;
    if (!w->ndrill || !w->heap || v->show_help || v->show_legend || v->show_picker || v->slide)
        return 0;
    RenderRegions rg;
    app_win_regions(w, &rg);
    float s = w->scale;
    int px = (int)(15 * s + 0.5f);
    snprintf(label, n, "\xE2\x86\x90 Back out (Backspace) \xC2\xB7 %d", w->ndrill);
    r[2] = (float)render_text_width(w->fonts, RENDER_FONT_BOLD, px, label) + 24 * s;
    r[3] = 34 * s;
    r[0] = rg.heap_x + rg.heap_w - r[2] - 12 * s;
    r[1] = rg.heap_y + rg.heap_h - r[3] - 12 * s;
    return 1;
}

static void back_out_button(AppWin *w)
{
    char label[96];
    float r[4];
    if (!back_out_rect(w, label, sizeof label, r))
        return;
    const RenderTheme *t = render_theme(w->view.theme);
    float s = w->scale, bx = r[0], by = r[1], bw = r[2], bh = r[3];
    int px = (int)(15 * s + 0.5f);
    render_rect(&w->list, bx + s, by + 3 * s, bw, bh, 8 * s, t->card_shadow);
    render_rect(&w->list, bx, by, bw, bh, 8 * s, t->accent);
    render_text(&w->list, bx + 12 * s, by + (bh - (float)px * 1.2f) * 0.5f, RENDER_FONT_BOLD, px,
                RENDER_ALIGN_LEFT, t->bg, label);
    render_hit(&w->list, RENDER_HIT_BUTTON, RENDER_BTN_BACK_OUT, bx, by, bw, bh);
}

/* ---- commands --------------------------------------------------------------------- */

/* While a program loads: Escape cancels it; quitting, full screen and the
 * interface size work; the rest waits (the old scenario's heap is not
 * stepped meanwhile).  1 if cmd was taken here. */
static int loading_command(AppWin *w, AppCmd cmd, uint32_t now)
{
    switch (cmd) {
    case APP_CMD_ESCAPE:
        if (w->confirm_quit)
            return 0;
        app_win_cancel_load(w);
        app_win_toast(w, w->load_status[0] ? w->load_status : "Cancelled.", 0, now);
        return 1;
    case APP_CMD_QUIT:
    case APP_CMD_CONFIRM:
    case APP_CMD_FULLSCREEN:
    case APP_CMD_UI_BIGGER:
    case APP_CMD_UI_SMALLER:
    case APP_CMD_UI_RESET:
    case APP_CMD_HELP:
        return 0;
    default:
        return 1;
    }
}

/* ---- the commands' longer bodies (app_win_command) ------------------------------ */

/* Stepping and jumping through the history: one micro-step or stop at the
 * view's granularity, a statement, the start or end, a collection. */
static void move_command(AppWin *w, AppCmd cmd, uint32_t now)
{
    GcHeap *h = w->heap;
    switch (cmd) {
    case APP_CMD_NEXT:
        fine_step(w, 1, now);
        break;
    case APP_CMD_PREV:
        fine_step(w, 0, now);
        break;
    case APP_CMD_NEXT_STMT:
        app_win_seek(w, next_stop(w, gc_cursor(h), RENDER_GRAN_STATEMENT), now);
        break;
    case APP_CMD_PREV_STMT:
        app_win_seek(w, prev_stop(w, gc_cursor(h), RENDER_GRAN_STATEMENT), now);
        break;
    case APP_CMD_HOME:
        app_win_seek(w, 0, now);
        break;
    case APP_CMD_END:
        app_win_seek(w, gc_event_count(h), now);
        break;
    case APP_CMD_NEXT_GC:
        next_gc(w, now);
        break;
    case APP_CMD_PREV_GC:
        prev_gc(w, now);
        break;
    default:
        break;
    }
}

/* Play or pause; playing from the end starts again at the beginning. */
static void toggle_play(AppWin *w, uint32_t now)
{
    RenderView *v = &w->view;
    GcHeap *h = w->heap;
    v->playing = !v->playing;
    if (v->playing && h && gc_cursor(h) >= gc_event_count(h))
        app_win_seek(w, 0, now);
    w->next_play = now + (uint32_t)(1000 / v->speed);
}

static void toggle_beginner(AppWin *w, uint32_t now)
{
    RenderView *v = &w->view;
    v->beginner = !v->beginner;
    app_win_toast(w,
                  v->beginner ? "Beginner view: interpreter temporaries hidden (B shows them)"
                              : "All micro-steps and temporaries shown",
                  0, now);
}

/* Playing speed one step up (dir 1) or down (-1) the list of speeds. */
static void change_speed(AppWin *w, int dir, uint32_t now)
{
    RenderView *v = &w->view;
    int n = (int)(sizeof speeds / sizeof speeds[0]), i = 0;
    while (i < n - 1 && speeds[i] < v->speed)
        i++;
    i += dir;
    v->speed = speeds[i < 0 ? 0 : i >= n ? n - 1 : i];
    char msg[64];
    snprintf(msg, sizeof msg, "Speed: %d step%s per second", v->speed, v->speed == 1 ? "" : "s");
    app_win_toast(w, msg, 0, now);
}

/* APP_CMD_UI_BIGGER / _SMALLER / _RESET. */
static void change_ui_size(AppWin *w, AppCmd cmd, uint32_t now)
{
    /* steps of the interface size; the heap keeps the world point at
     * its centre in place */
    static const float sizes[] = {0.8f, 0.9f, 1.0f, 1.1f, 1.25f, 1.5f, 1.75f, 2.0f};
    int n = (int)(sizeof sizes / sizeof sizes[0]);
    float cur = app_win_ui_scale(w), want = cmd == APP_CMD_UI_SMALLER ? sizes[0] : sizes[n - 1];
    for (int i = 0; i < n; i++) {
        if (cmd == APP_CMD_UI_BIGGER && sizes[i] > cur + 0.01f) {
            want = sizes[i];
            break;
        }
        if (cmd == APP_CMD_UI_SMALLER && sizes[i] < cur - 0.01f)
            want = sizes[i];
    }
    if (cmd == APP_CMD_UI_RESET)
        want = 1;
    RenderRegions rg;
    app_win_regions(w, &rg);
    float k = w->view.zoom * w->scale;
    float cx = w->view.pan_x + rg.heap_w * 0.5f / k, cy = w->view.pan_y + rg.heap_h * 0.5f / k;
    w->ui = want;
    apply_ui(w);
    app_win_regions(w, &rg);
    k = w->view.zoom * w->scale;
    w->view.pan_x = cx - rg.heap_w * 0.5f / k;
    w->view.pan_y = cy - rg.heap_h * 0.5f / k;
    char msg[96];
    int pct = (int)lroundf(app_win_ui_scale(w) * 100);
    if (want > app_win_ui_scale(w) + 0.01f)
        snprintf(msg, sizeof msg, "Interface at %d %% (the largest this window allows)", pct);
    else
        snprintf(msg, sizeof msg, "Interface at %d %%", pct);
    app_win_toast(w, msg, 0, now);
}

static void screenshot_command(AppWin *w, uint32_t now)
{
    char path[APP_PATH_MAX + 300], msg[APP_PATH_MAX + 400];
    if (app_win_screenshot(w, path, sizeof path) == 0) {
        snprintf(msg, sizeof msg, "Saved %s", path);
        app_win_toast(w, msg, 0, now);
    } else {
        snprintf(msg, sizeof msg, "Screenshot failed: %s", SDL_GetError());
        app_win_toast(w, msg, 1, now);
    }
}

static void save_layout_command(AppWin *w, uint32_t now)
{
    char msg[APP_PATH_MAX + 400], done[APP_PATH_MAX + 400];
    int k = app_win_save_layout(w, msg, sizeof msg);
    if (k >= 0)
        snprintf(done, sizeof done, "Saved the places of %d card%s into %s", k, k == 1 ? "" : "s",
                 w->path);
    app_win_toast(w, k >= 0 ? done : msg, k < 0, now);
}

/* Loads the file again; on errors the run shown stays. */
static void reload_command(AppWin *w, uint32_t now)
{
    reload(w, "Reloaded.", "The file has errors: the previous version stays.", now);
}

/* Escape closes the innermost thing open: the quit question, an overlay,
 * the load error, the selection, full screen; it never quits. */
static void escape_command(AppWin *w, uint32_t now)
{
    RenderView *v = &w->view;
    if (w->confirm_quit) {
        w->confirm_quit = 0;
    } else if (v->show_help || v->show_legend || v->show_picker) {
        v->show_help = v->show_legend = v->show_picker = 0;
    } else if (w->load_error) {
        free(w->load_error);
        w->load_error = NULL;
    } else if (v->selected) {
        v->selected = 0;
    } else if (w->fullscreen) {
        /* in front of a class Escape means "out of full screen" */
        w->fullscreen = 0;
        w->fullscreen_changed = 1;
    } else {
        /* one press too many must not end the lecture */
        app_win_toast(w, "Esc only closes things: Q quits (after a question).", 0, now);
    }
}

void app_win_command(AppWin *w, AppCmd cmd, uint32_t now)
{
    GcHeap *h = w->heap;
    RenderView *v = &w->view;
    w->dirty = 1;
    if (w->loading && loading_command(w, cmd, now))
        return;
    /* the quit question is answered by Q, Enter or Esc; any other key
     * means "no" and does what it says */
    if (w->confirm_quit && cmd != APP_CMD_NONE && cmd != APP_CMD_QUIT && cmd != APP_CMD_CONFIRM &&
        cmd != APP_CMD_ESCAPE)
        w->confirm_quit = 0;
    switch (cmd) {
    case APP_CMD_NONE:
        w->dirty = 0;
        break;
    case APP_CMD_NEXT:
    case APP_CMD_PREV:
    case APP_CMD_NEXT_STMT:
    case APP_CMD_PREV_STMT:
    case APP_CMD_HOME:
    case APP_CMD_END:
    case APP_CMD_NEXT_GC:
    case APP_CMD_PREV_GC:
        if (h)
            move_command(w, cmd, now);
        break;
    case APP_CMD_GRANULARITY:
        v->gran = (RenderGranularity)((v->gran + 1) % RENDER_GRAN_COUNT);
        break;
    case APP_CMD_PLAY:
        toggle_play(w, now);
        break;
    case APP_CMD_FASTER:
    case APP_CMD_SLOWER:
        change_speed(w, cmd == APP_CMD_FASTER ? 1 : -1, now);
        break;
    case APP_CMD_UI_BIGGER:
    case APP_CMD_UI_SMALLER:
    case APP_CMD_UI_RESET:
        change_ui_size(w, cmd, now);
        break;
    case APP_CMD_BEGINNER:
        toggle_beginner(w, now);
        break;
    case APP_CMD_NEXT_CHAPTER:
    case APP_CMD_PREV_CHAPTER:
        open_chapter(w, cmd == APP_CMD_NEXT_CHAPTER ? 1 : -1, now);
        break;
    case APP_CMD_SCREENSHOT:
        screenshot_command(w, now);
        break;
    case APP_CMD_SAVE_LAYOUT:
        save_layout_command(w, now);
        break;
    case APP_CMD_LEGEND:
        v->show_legend = !v->show_legend;
        v->show_help = 0;
        break;
    case APP_CMD_THEME:
        v->theme = (RenderThemeId)((v->theme + 1) % RENDER_THEME_COUNT);
        break;
    case APP_CMD_FIT:
        start_fit(w, FIT_NOW, now, 1);
        break;
    case APP_CMD_PICKER:
        v->show_picker = !v->show_picker;
        if (v->show_picker)
            app_win_scan_picker(w);
        break;
    case APP_CMD_RELOAD:
        if (w->path[0])
            reload_command(w, now);
        break;
    case APP_CMD_HELP:
        v->show_help = !v->show_help;
        v->show_legend = 0;
        break;
    case APP_CMD_BACK_OUT:
        back_out(w, now);
        break;
    case APP_CMD_ESCAPE:
        escape_command(w, now);
        break;
    case APP_CMD_FULLSCREEN:
        w->fullscreen = !w->fullscreen;
        w->fullscreen_changed = 1;
        break;
    case APP_CMD_QUIT:
        if (w->confirm_quit)
            w->quit = 1;
        w->confirm_quit = 1;
        break;
    case APP_CMD_CONFIRM:
        if (w->confirm_quit)
            w->quit = 1;
        else
            w->dirty = 0;
        break;
    case APP_CMD_PICKER_UP:
        if (v->picker_sel > 0)
            v->picker_sel--;
        break;
    case APP_CMD_PICKER_DOWN:
        if (v->picker_sel < w->npicker - 1)
            v->picker_sel++;
        break;
    case APP_CMD_PICKER_OPEN:
        open_picked(w, v->picker_sel, now);
        break;
    }
}

/* ---- time ------------------------------------------------------------------------ */

/* Did the events [before, after) just shown end a step the scenario marks
 * "pause": true?  Playing stops there, for the teacher to talk. */
static int passed_pause(const AppWin *w, int32_t before, int32_t after)
{
    const LangProgram *p = w->sc ? w->sc->program : NULL;
    if (!p)
        return 0;
    for (int32_t i = before; i < after; i++) {
        const GcEvent *e = gc_event(w->heap, i);
        if (e->kind != GC_EV_STEP_END || e->step < 0 || e->step >= lang_step_count(p))
            continue;
        const LangLoc *loc = lang_loc(p, lang_step(p, e->step)->loc);
        if (loc && loc->pause)
            return 1;
    }
    return 0;
}

int app_win_tick(AppWin *w, uint32_t now, uint32_t *wait_ms)
{
    uint32_t wait = 500; /* file watching */
    if (w->loading) {
        if (app_load_done(w->loading)) {
            finish_load(w);
        } else {
            /* the progress panel, from APP_LOAD_SHOW_MS on, ten times a second */
            if (now - w->loading_shown >= APP_LOAD_FRAME_MS &&
                app_load_status(w->loading).ms >= APP_LOAD_SHOW_MS)
                w->dirty = 1;
            wait = 20; /* the end of the load is noticed soon */
        }
    }
    if (w->view.anim < 1) {
        float a = (float)(now - w->anim_start) / ANIM_MS;
        w->view.anim = a >= 1 ? 1 : a < 0 ? 0 : a;
        w->dirty = 1;
        wait = 16;
    }
    if (w->fitting) {
        float a = (float)(now - w->fit_start) / FIT_MS;
        if (a >= 1) {
            a = 1;
            w->fitting = 0;
        }
        float e = ease_out(a);
        w->view.zoom = w->fit_from[0] + (w->fit_to[0] - w->fit_from[0]) * e;
        w->view.pan_x = w->fit_from[1] + (w->fit_to[1] - w->fit_from[1]) * e;
        w->view.pan_y = w->fit_from[2] + (w->fit_to[2] - w->fit_from[2]) * e;
        w->dirty = 1;
        wait = 16;
    }
    if (w->ntweens) {
        if (glide_tick(w, now))
            wait = 16;
        w->dirty = 1; /* the last position too */
    }
    if (w->view.playing && w->heap) {
        if ((int32_t)(now - w->next_play) >= 0) {
            int32_t before = gc_cursor(w->heap);
            app_win_command(w, APP_CMD_NEXT, now);
            if (gc_cursor(w->heap) == before || gc_cursor(w->heap) >= gc_event_count(w->heap)) {
                w->view.playing = 0;
            } else if (passed_pause(w, before, gc_cursor(w->heap))) {
                w->view.playing = 0;
                app_win_toast(w, "Paused where the scenario asks: Space plays on.", 0, now);
            }
            w->next_play = now + (uint32_t)(1000 / w->view.speed);
        }
        uint32_t left = w->next_play - now;
        if ((int32_t)left > 0 && left < wait)
            wait = left;
    }
    if (w->toast[0]) {
        if ((int32_t)(now - w->toast_until) >= 0) {
            w->toast[0] = 0;
            w->dirty = 1;
        } else if (w->toast_until - now < wait) {
            wait = w->toast_until - now;
        }
    }
    if (w->path[0] && !w->dirty && !w->loading) {
        long long m = file_mtime(w->path);
        if (m >= 0 && m != w->mtime) {
            w->mtime = m;
            reload(w, "The file changed on disk: reloaded.",
                   "The file changed but has errors: the previous version stays.", now);
        }
    }
    if (wait_ms)
        *wait_ms = wait;
    return w->dirty;
}

/* The panel over the frame while a program loads: what runs, how far
 * (a bar, with a stripe that moves while the work has no measure), and
 * that Escape cancels. */
static void progress_panel(AppWin *w)
{
    AppLoadStatus st = app_load_status(w->loading);
    if (st.ms < APP_LOAD_SHOW_MS)
        return;
    w->loading_shown = SDL_GetTicks();
    const RenderTheme *t = render_theme(w->view.theme);
    RenderList *l = &w->list;
    float s = w->scale, W = (float)w->width, H = (float)w->height;
    char title[400], detail[400];
    float frac = app_load_describe(&st, app_load_name(w->loading), title, sizeof title, detail,
                                   sizeof detail);
    float bw = W - 48 * s < 820 * s ? W - 48 * s : 820 * s, bh = 196 * s;
    float x = (W - bw) * 0.5f, y = (H - bh) * 0.5f, pad = 28 * s;
    render_rect(l, 0, 0, W, H, 0, t->overlay_dim);
    render_rect(l, x + 2 * s, y + 6 * s, bw, bh, 16 * s, t->card_shadow);
    render_rect(l, x, y, bw, bh, 16 * s, t->panel);
    render_frame(l, x, y, bw, bh, 16 * s, 1.5f * s, 0, t->card_border);
    render_clip(l, x + pad, y, bw - 2 * pad, bh);
    render_text(l, x + pad, y + 24 * s, RENDER_FONT_BOLD, (int)(20 * s + 0.5f), RENDER_ALIGN_LEFT,
                t->text, title);
    render_text(l, x + pad, y + 60 * s, RENDER_FONT_SANS, (int)(16 * s + 0.5f), RENDER_ALIGN_LEFT,
                t->text_dim, detail);
    render_unclip(l);
    float tx = x + pad, tw = bw - 2 * pad, ty = y + 100 * s, th = 18 * s;
    render_rect(l, tx, ty, tw, th, th * 0.5f, t->timeline);
    render_rect(l, tx, ty, tw * frac, th, th * 0.5f, t->accent);
    /* alive: a lighter stripe sweeps the bar (the run's share has no end
     * known; the layout has no measure) */
    float sweep = (float)(st.ms % 1600) / 1600.0f, sw = tw * 0.12f;
    render_rect(l, tx + (tw - sw) * sweep, ty + 3 * s, sw, th - 6 * s, (th - 6 * s) * 0.5f,
                render_mix(t->accent, t->text, 0.45f));
    render_text(
        l, x + pad, y + 140 * s, RENDER_FONT_SANS, (int)(15 * s + 0.5f), RENDER_ALIGN_LEFT,
        t->text_faint,
        w->loading_keep
            ? "Escape cancels (the run shown stays) \xC2\xB7 the window shows the new run "
              "when it is ready"
            : "Escape cancels (the program is not opened) \xC2\xB7 the window opens it when "
              "it is ready");
}

int app_win_build(AppWin *w)
{
    RenderView v = w->view;
    if (w->settled)
        v.anim = 1;
    v.run_error = w->run_error;
    v.run_exception = w->run ? lang_run_exception(w->run) : NULL;
    v.load_error = w->load_error;
    v.toast = w->toast[0] && !w->settled ? w->toast : NULL;
    if (w->settled)
        v.hover_cursor = -1; /* no tooltip in a screenshot or a recording */
    v.picker_items = (const char *const *)w->picker_names;
    v.picker_files = (const char *const *)w->picker_files;
    v.picker_desc = (const char *const *)w->picker_desc;
    v.picker_count = w->npicker;
    v.cache = w->cache;
    if (w->run && w->heap) {
        v.output = lang_run_output(w->run, &v.output_total);
        v.output_len = lang_run_output_at(w->run, gc_cursor(w->heap), &w->tl);
    }
    const char *prompt = app_win_prompt(w);
    /* a question is always shown; the chapter prompt is not part of a picture */
    v.prompt = prompt[0] && (w->confirm_quit || !w->settled) ? prompt : NULL;
    char back[96];
    if (!back_out_rect(w, back, sizeof back, v.covered))
        memset(v.covered, 0, sizeof v.covered);
    if (render_scene(&w->list, w->fonts, w->heap, w->sc ? w->sc->program : NULL, w->layout, &w->tl,
                     &v, w->width, w->height) < 0)
        return SDL_SetError("out of memory while building the frame");
    back_out_button(w);
    if (w->loading)
        progress_panel(w);
    return w->list.oom ? SDL_SetError("out of memory while building the frame") : 0;
}

/* Objects up to which the window computes the blocks' cells while idle:
 * about 10 ms on these machines (a pass over the heap). */
#define IDLE_CELLS_MAX 250000

int app_win_idle(AppWin *w)
{
    /* the blocks' cells of the step shown, so that F (or a zoom out to the
     * blocks) only draws: a pass over the heap, 4-5 ms at 10^5 cards, done
     * once a step while nothing else is to do; not while a load runs (the
     * cache is the worker's), while playing or when drawing slides, nor
     * past IDLE_CELLS_MAX objects (a key pressed meanwhile would wait) */
    if (w->loading || !w->heap || !w->layout || w->view.playing || w->view.slide || w->dirty ||
        gc_max_id(w->heap) > IDLE_CELLS_MAX)
        return 0;
    int r = render_cells_warm(w->cache, w->heap, w->layout, &w->tl, w->view.beginner);
    return r > 0; /* OOM: F's frame tries again and says so */
}

int app_win_draw(AppWin *w, uint32_t now)
{
    (void)now;
    if (app_win_build(w) < 0)
        return -1;
    w->dirty = 0;
    return render_sdl_draw(w->backend, &w->list);
}

/* ---- mouse --------------------------------------------------------------------------- */

static void timeline_seek(AppWin *w, const RenderHit *hit, float x, uint32_t now)
{
    float f = (x - hit->x) / hit->w;
    if (f < 0)
        f = 0;
    if (f > 1)
        f = 1;
    app_win_seek(w, (int32_t)lroundf(f * (float)hit->id), now);
}

/* The world point under physical pixel x, y of the heap. */
static void to_world(const AppWin *w, float x, float y, float *wx, float *wy)
{
    RenderRegions rg;
    app_win_regions(w, &rg);
    float k = w->view.zoom * w->scale;
    *wx = (x - rg.heap_x) / k + w->view.pan_x;
    *wy = (y - rg.heap_y) / k + w->view.pan_y;
}

/* Takes card drag_id in hand where it is shown now (it stops gliding),
 * keeping its offset from the point where the button went down. */
static void grab(AppWin *w)
{
    float cx, cy, mx, my;
    glide_cancel(w, w->drag_id);
    if (layout_get(w->layout, w->drag_id, &cx, &cy) < 0) {
        w->drag_kind = 0;
        return;
    }
    to_world(w, w->down_x, w->down_y, &mx, &my);
    w->drag_dx = cx - mx;
    w->drag_dy = cy - my;
}

static const RenderHit *find_hit(AppWin *w, RenderHitKind kind, float x, float y)
{
    for (int32_t i = w->list.nhits - 1; i >= 0; i--) {
        const RenderHit *h = &w->list.hits[i];
        if (h->kind == kind && x >= h->x && x < h->x + h->w && y >= h->y && y < h->y + h->h)
            return h;
    }
    return NULL;
}

void app_win_mouse_down(AppWin *w, float x, float y, int clicks, uint32_t now)
{
    if (w->loading)
        return; /* the progress panel covers the frame */
    const RenderHit *hit = render_hit_at(&w->list, x, y);
    w->mouse_down = 1;
    w->down_block = 0;
    w->dragging = 0;
    w->drag_kind = 0;
    w->down_x = x;
    w->down_y = y;
    if (!hit)
        return;
    RenderView *v = &w->view;
    if (v->show_help || v->show_legend) {
        v->show_help = v->show_legend = 0;
        w->dirty = 1;
        return;
    }
    switch (hit->kind) {
    case RENDER_HIT_PICKER:
        open_picked(w, hit->id, now);
        break;
    case RENDER_HIT_BUTTON: {
        static const AppCmd map[] = {
            [RENDER_BTN_HOME] = APP_CMD_HOME,
            [RENDER_BTN_PREV_STMT] = APP_CMD_PREV_STMT,
            [RENDER_BTN_PREV] = APP_CMD_PREV,
            [RENDER_BTN_PLAY] = APP_CMD_PLAY,
            [RENDER_BTN_NEXT] = APP_CMD_NEXT,
            [RENDER_BTN_NEXT_STMT] = APP_CMD_NEXT_STMT,
            [RENDER_BTN_END] = APP_CMD_END,
            [RENDER_BTN_NEXT_GC] = APP_CMD_NEXT_GC,
            [RENDER_BTN_GRANULARITY] = APP_CMD_GRANULARITY,
            [RENDER_BTN_LEGEND] = APP_CMD_LEGEND,
            [RENDER_BTN_HELP] = APP_CMD_HELP,
            [RENDER_BTN_THEME] = APP_CMD_THEME,
            [RENDER_BTN_CLOSE] = APP_CMD_NONE,
            [RENDER_BTN_BACK_OUT] = APP_CMD_BACK_OUT,
        };
        if (hit->id == RENDER_BTN_CLOSE) {
            v->selected = 0;
            w->dirty = 1;
        } else if (hit->id > 0 && hit->id < (int32_t)(sizeof map / sizeof map[0])) {
            app_win_command(w, map[hit->id], now);
        }
        w->mouse_down = 0;
        break;
    }
    case RENDER_HIT_TIMELINE:
        w->drag_kind = 3;
        timeline_seek(w, hit, x, now);
        break;
    case RENDER_HIT_CARD: {
        float cx, cy, hx, hy;
        if (!w->heap || layout_get(w->layout, hit->id, &cx, &cy) < 0)
            break;
        /* a double-click undoes a drag: neither a new drag nor a selection */
        if (clicks >= 2 && layout_unpin(w->layout, hit->id, &hx, &hy) == 0) {
            glide(w, hit->id, cx, cy, hx, hy, now, 1);
            break;
        }
        w->drag_kind = 1;
        w->drag_id = hit->id;
        break;
    }
    case RENDER_HIT_BLOCK: /* a click zooms into it (mouse up), a drag pans */
        w->down_block = 1;
        w->block_rect[0] = hit->x;
        w->block_rect[1] = hit->y;
        w->block_rect[2] = hit->w;
        w->block_rect[3] = hit->h;
        /* fall through */
    case RENDER_HIT_HEAP:
        w->drag_kind = 2;
        w->pan0_x = w->view.pan_x;
        w->pan0_y = w->view.pan_y;
        break;
    default:
        break;
    }
}

/* The timeline under the mouse: which step a click there would show
 * (a tooltip tells it), or none. */
static void hover(AppWin *w, float x, float y)
{
    const RenderHit *hit = w->settled ? NULL : find_hit(w, RENDER_HIT_TIMELINE, x, y);
    int32_t c = -1;
    if (hit && hit->w > 0) {
        float f = (x - hit->x) / hit->w;
        c = (int32_t)lroundf((f < 0 ? 0 : f > 1 ? 1 : f) * (float)hit->id);
    }
    if (c != w->view.hover_cursor || (c >= 0 && x != w->view.hover_x)) {
        w->view.hover_cursor = c;
        w->view.hover_x = x;
        w->dirty = 1;
    }
}

void app_win_mouse_leave(AppWin *w)
{
    if (w->view.hover_cursor >= 0) {
        w->view.hover_cursor = -1;
        w->dirty = 1;
    }
}

void app_win_mouse_move(AppWin *w, float x, float y, uint32_t now)
{
    if (w->loading)
        return;
    hover(w, x, y);
    if (!w->mouse_down)
        return;
    if (!w->dragging && fabsf(x - w->down_x) + fabsf(y - w->down_y) > 4 * w->scale) {
        w->dragging = 1;
        if (w->drag_kind == 1)
            grab(w);
    }
    if (!w->dragging)
        return;
    float k = w->view.zoom * w->scale;
    if (w->drag_kind == 1) {
        float mx, my;
        to_world(w, x, y, &mx, &my);
        layout_set(w->layout, w->drag_id, mx + w->drag_dx, my + w->drag_dy, 1);
        w->dirty = 1;
    } else if (w->drag_kind == 2) {
        w->view.pan_x = w->pan0_x - (x - w->down_x) / k;
        w->view.pan_y = w->pan0_y - (y - w->down_y) / k;
        w->fitting = 0;
        w->dirty = 1;
    } else if (w->drag_kind == 3) {
        const RenderHit *hit = find_hit(w, RENDER_HIT_TIMELINE, x, w->down_y);
        if (hit)
            timeline_seek(w, hit, x, now);
    }
}

void app_win_mouse_up(AppWin *w, float x, float y, uint32_t now)
{
    (void)x;
    (void)y;
    if (w->mouse_down && !w->dragging) {
        if (w->drag_kind == 1) {
            w->view.selected = w->view.selected == w->drag_id ? 0 : w->drag_id;
            w->dirty = 1;
        } else if (w->drag_kind == 2 && w->down_block) {
            app_win_drill(w, w->block_rect[0], w->block_rect[1], w->block_rect[2], w->block_rect[3],
                          now);
        } else if (w->drag_kind == 2 && w->view.selected) {
            w->view.selected = 0;
            w->dirty = 1;
        }
    }
    w->down_block = 0;
    w->mouse_down = 0;
    w->dragging = 0;
    w->drag_kind = 0;
}

void app_win_wheel(AppWin *w, float x, float y, float dy)
{
    if (w->loading)
        return;
    RenderRegions rg;
    app_win_regions(w, &rg);
    if (x < rg.heap_x || x > rg.heap_x + rg.heap_w || y < rg.heap_y || y > rg.heap_y + rg.heap_h)
        return;
    float mx, my;
    to_world(w, x, y, &mx, &my);
    float z = w->view.zoom * powf(1.12f, dy);
    if (z < APP_ZOOM_MIN)
        z = APP_ZOOM_MIN;
    if (z > APP_ZOOM_MAX)
        z = APP_ZOOM_MAX;
    w->view.zoom = z;
    float k = z * w->scale;
    w->view.pan_x = mx - (x - rg.heap_x) / k;
    w->view.pan_y = my - (y - rg.heap_y) / k;
    w->fitting = 0;
    w->dirty = 1;
}
