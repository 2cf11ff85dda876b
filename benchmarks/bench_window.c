/*
 * bench_window.c: how fast the window draws and jumps, measured on the
 * software renderer (no GPU: a lower bound for a real window).
 *
 *   bench_window frames SCENARIO.json [W H N [fit|zoom=Z[,Z2,...,fit] [stay|drag]]]
 *                                                    ms per frame while stepping
 *   bench_window jumps  SCENARIO.json [N]            ms per random jump (seek + frame)
 *
 * Prints one JSON line.  "cards" counts the live objects at the busiest
 * point, "cards_drawn" the cards actually on screen in the last frame;
 * with "fit" the view first fits every live card in the window (F), which
 * draws them in the overview style; "zoom=Z" fits likewise and then zooms
 * to Z (0.002 to 4, 1 = 100 %) around the live card nearest the middle of
 * the heap view, as the mouse wheel does there (what a frame costs at any zoom: cards whole,
 * in the overview style, or blocks of the area); a list of zooms (and
 * "fit") measures each in turn, a JSON line each; with "stay" too, the frames after the
 * first are drawn again at the same step (what a frame costs while the
 * cursor stays: panning, an animation; first_build_cpu_ms is the first
 * frame's); with "drag" instead, the card the zoom is centred on is moved
 * by a few units before each frame after the first, as a drag with the
 * mouse moves it (what a frame costs while a card is dragged: the layout
 * changes every frame).  load_ms is app_win_load (run, layout,
 * timeline); after it the glyphs a zoom may need are loaded, as the
 * window does while idle (render_fonts_warm; not with BENCH_WINDOW_COLD
 * set), and before the frames of a view, at the step before the first,
 * the window is idle (app_win_idle: the blocks' cells of a big heap; not
 * with BENCH_WINDOW_COLD).  With BENCH_WINDOW_EACH set in the environment, each jump's
 * CPU time (seek, display list, pixels) and the groups the backend copied
 * instead of drawing go to stderr (frames: each frame's, with its display list
 * and pixels, and the page faults it took: on a virtual machine that hands
 * freed pages back to its host each costs microseconds); with
 * BENCH_CELLS=N the blocks' cells of the last frame's cursor are then
 * computed afresh N times (a pass over the heap, as F's first frame
 * does), CPU and page faults of each; with BENCH_WINDOW_SHOTS=DIR each jump's
 * frame is saved as DIR/jNN.bmp (frames: each view's last frame as
 * DIR/frame_Z.bmp, Z -1 for F; to compare two builds' pixels: a cache
 * must leave them byte for byte; the saving is not counted).
 *
 * By default the frames are drawn onto an ARGB8888 surface by SDL's
 * software renderer with the backend writing the pixels itself, as
 * `gcviz record` draws (BENCH_WINDOW_SDL=1: by SDL alone).  With
 * BENCH_WINDOW_REAL=1 they are drawn in a real window of W x H (on the
 * display of DISPLAY, e.g. Xvfb) with the renderer the window chooses
 * (app_window_renderer: without a GPU, SDL's software renderer with the
 * backend writing the window's surface, XRGB8888 under X11;
 * SDL_RENDER_DRIVER=opengl forces OpenGL, on llvmpipe without a GPU, as
 * the window drew up to session 20), and each frame is presented and
 * counted: present_ms and present_cpu_ms are the presents' share,
 * first_ms / first_cpu_ms the first frame of a view, proc_cpu_* the CPU
 * of every thread of the process (llvmpipe draws in threads of its own),
 * "renderer" SDL's name of it and "direct" whether the backend writes the
 * pixels; the window's first frame (the view the load chose) is drawn and
 * presented before any is counted, as the window draws it when it opens.  bench_window.py makes the scenarios and prints the ratios against the targets (60 frames/s with 300 cards at
 * 1920x1080; a jump anywhere in a 10,000-step scenario within one 16 ms
 * frame).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "app_window_internal.h"
#include "render_internal.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* CPU time of this thread: what a frame costs on a busy machine, where the
 * wall clock also counts the time other processes had the core */
static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Minor page faults of the process so far: on a virtual machine that
 * hands freed memory back to its host, each costs microseconds */
static long minor_faults(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_minflt;
}

/* CPU time of the whole process: with OpenGL on the CPU (llvmpipe) its
 * threads draw too */
static double proc_cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* A real window (BENCH_WINDOW_REAL): each frame is presented, as the
 * window does, and its time counts */
static int real_window;

/* The frame drawn so far saved as path (before it is presented: an OpenGL
 * back buffer is undefined after that). */
static void save_frame(SDL_Renderer *r, int w, int h, const char *path)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (s && SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) == 0)
        SDL_SaveBMP(s, path);
    SDL_FreeSurface(s);
}

/* CPU time of a frame's parts, summed over the frames */
typedef struct Split {
    double seek, build, draw, present, present_wall; /* present: in a real window */
    double shot, shot_cpu; /* saving frames (BENCH_WINDOW_SHOTS), not counted */
} Split;

/* app_win_draw in its two halves: the display list (render_scene) and the
 * SDL backend's pixels (in a real window, presented; saved as shot first
 * when not NULL) */
static void draw_frame(AppWin *win, SDL_Renderer *r, Split *split, const char *shot)
{
    double c0 = cpu_ms();
    app_win_build(win);
    double c1 = cpu_ms();
    render_sdl_draw(win->backend, &win->list);
    win->dirty = 0;
    SDL_RenderFlush(r);
    double c2 = cpu_ms(), t2 = now_ms();
    if (shot) {
        save_frame(r, win->width, win->height, shot);
        split->shot += now_ms() - t2;
        split->shot_cpu += cpu_ms() - c2;
        c2 = cpu_ms();
        t2 = now_ms();
    }
    if (real_window) {
        SDL_RenderPresent(r);
        SDL_PumpEvents();
    }
    split->build += c1 - c0;
    split->draw += c2 - c1;
    split->present += cpu_ms() - c2;
    split->present_wall += now_ms() - t2;
}

/* What a frames measurement is told: the window, its surface, the
 * busiest point of the run and its live cards, the frames to draw, the
 * view (0: the one the load chose; -1: F; a zoom: F, then that zoom
 * around the middle of the heap view, as the mouse wheel does there) and
 * whether the step stays. */
typedef struct FramesRun {
    AppWin *win;
    SDL_Renderer *r;
    int32_t best;
    int most, n, w, h, stay, drag;
    float view;
    double load_ms;
    const char *renderer; /* SDL's name for it */
    int direct;           /* the backend writes the pixels itself */
} FramesRun;

/* Micro-steps up to the busiest point of the run in one view: every frame
 * shows a new state with the most cards on screen.  Prints a JSON line. */
static void frames(const FramesRun *f)
{
    AppWin *win = f->win;
    int n = f->n;
    double worst = 0, total = 0, cpu_total = 0, cpu_worst = 0, first_build = 0;
    double first = 0, first_cpu = 0, proc_total = 0, proc_worst = 0;
    Split split = {0, 0, 0, 0, 0, 0, 0};
    GcId dragged = 0;
    float drag_x = 0, drag_y = 0;
    if (f->view != 0) {
        /* F at the busiest point (settled: no zoom animation): every
         * card on screen, in the overview style */
        app_win_seek(win, f->best, 0);
        app_win_command(win, APP_CMD_FIT, 0);
        if (f->view > 0) {
            /* centred on the live card nearest the middle of the fitted
             * view (a tree's middle may be empty space), then the wheel */
            RenderRegions rg;
            app_win_regions(win, &rg);
            float k = win->view.zoom * win->scale;
            float mx = win->view.pan_x + rg.heap_w / 2 / k, my = win->view.pan_y + rg.heap_h / 2 / k;
            float best = -1, bx = mx, by = my;
            for (GcId id = 1; id <= gc_max_id(win->heap); id++) {
                float x, y;
                if (gc_object(win->heap, id)->state != GC_STATE_ALIVE ||
                    layout_get(win->layout, id, &x, &y) < 0)
                    continue;
                float d = (x - mx) * (x - mx) + (y - my) * (y - my);
                if (best < 0 || d < best) {
                    best = d;
                    bx = x;
                    by = y;
                    dragged = id;
                }
            }
            drag_x = bx;
            drag_y = by;
            win->view.pan_x = bx - rg.heap_w / 2 / k;
            win->view.pan_y = by - rg.heap_h / 2 / k;
            float cx = rg.heap_x + rg.heap_w / 2, cy = rg.heap_y + rg.heap_h / 2;
            app_win_wheel(win, cx, cy, logf(f->view / win->view.zoom) / logf(1.12f));
        }
    }
    app_win_seek(win, f->best > n ? f->best - n : 0, 0);
    /* the window, idle after that step (drawn in the view before: none
     * here, so that the first frame counted is the first of the view),
     * computes the blocks' cells of a big heap (app_win_idle; not with
     * BENCH_WINDOW_COLD) */
    int dirty = win->dirty, warmed = 0;
    win->dirty = 0;
    while (!getenv("BENCH_WINDOW_COLD") && app_win_idle(win))
        warmed = 1;
    win->dirty = dirty;
    for (int i = 0; i < n; i++) {
        if (((!f->stay && !f->drag) || i == 0) && (i > 0 || !warmed)) {
            app_win_command(win, APP_CMD_NEXT, 0);
        } else if (f->drag && dragged) {
            layout_set(win->layout, dragged, drag_x + 3.0f * (float)i, drag_y + 2.0f * (float)i, 1);
            win->dirty = 1;
        }
        const char *shots = getenv("BENCH_WINDOW_SHOTS");
        char shot[1200];
        if (shots && i == n - 1)
            snprintf(shot, sizeof shot, "%s/frame_%.3f.bmp", shots, (double)f->view);
        double t0 = now_ms(), c0 = cpu_ms(), p0 = proc_cpu_ms(), b0 = split.build, d0 = split.draw;
        double s0 = split.shot, sc0 = split.shot_cpu;
        long pg = render_sdl_groups_copied(win->backend), pf = minor_faults();
        draw_frame(win, f->r, &split, shots && i == n - 1 ? shot : NULL);
        first_build = i == 0 ? split.build - b0 : first_build;
        double saving = split.shot - s0, saving_cpu = split.shot_cpu - sc0;
        double dt = now_ms() - t0 - saving, dc = cpu_ms() - c0 - saving_cpu,
               dp = proc_cpu_ms() - p0 - saving_cpu;
        if (i == 0) {
            first = dt;
            first_cpu = dc;
        }
        proc_total += dp;
        proc_worst = dp > proc_worst ? dp : proc_worst;
        if (getenv("BENCH_WINDOW_EACH"))
            fprintf(
                stderr,
                "frame %d (zoom %.3f): %.2f ms, cpu %.2f ms (build %.2f, draw %.2f), %ld groups "
                "copied, %ld page faults\n",
                i, (double)f->view, dt, dc, split.build - b0, split.draw - d0,
                render_sdl_groups_copied(win->backend) - pg, minor_faults() - pf);
        cpu_total += dc;
        cpu_worst = dc > cpu_worst ? dc : cpu_worst;
        total += dt;
        worst = dt > worst ? dt : worst;
    }
    int drawn = 0;
    for (int32_t i = 0; i < win->list.nhits; i++)
        drawn += win->list.hits[i].kind == RENDER_HIT_CARD;
    printf("{\"what\": \"frames\", \"width\": %d, \"height\": %d, \"frames\": %d, \"cards\": %d, "
           "\"ms_per_frame\": %.2f, \"worst_ms\": %.2f, \"fps\": %.1f, \"cards_drawn\": %d, "
           "\"fit\": %s, \"zoom\": %.4f, \"load_ms\": %.1f, \"cpu_ms_per_frame\": %.2f, "
           "\"cpu_worst_ms\": %.2f, \"build_cpu_ms\": %.2f, \"draw_cpu_ms\": %.2f, \"stay\": %s, "
           "\"drag\": %s, "
           "\"first_build_cpu_ms\": %.2f, \"first_ms\": %.2f, \"first_cpu_ms\": %.2f, "
           "\"proc_cpu_ms_per_frame\": %.2f, \"proc_cpu_worst_ms\": %.2f, \"renderer\": \"%s\", "
           "\"direct\": %s, \"present_cpu_ms\": %.2f, \"present_ms\": %.2f}\n",
           f->w, f->h, n, f->most, total / n, worst, 1000.0 * n / total, drawn,
           f->view != 0 ? "true" : "false", (double)win->view.zoom, f->load_ms, cpu_total / n,
           cpu_worst, split.build / n, split.draw / n, f->stay ? "true" : "false",
           f->drag ? "true" : "false", first_build, first, first_cpu, proc_total / n, proc_worst,
           f->renderer, f->direct ? "true" : "false", split.present / n, split.present_wall / n);
    fflush(stdout);
}

/* The blocks' cells of the cursor computed afresh n times (a pass over
 * the heap, as F's first frame does): CPU ms and page faults of each. */
static void cells_builds(AppWin *win, int n)
{
    RenderCellsKey key;
    memset(&key, 0, sizeof key);
    key.h = win->heap;
    key.l = win->layout;
    key.version = layout_version(win->layout);
    key.cursor = gc_cursor(win->heap);
    key.nevents = gc_event_count(win->heap);
    key.maxid = gc_max_id(win->heap);
    for (int i = 0; i < n; i++) {
        double c0 = cpu_ms();
        long pf = minor_faults();
        RenderCells *c = render_cells_fresh(win->cache, win->heap, win->layout, &key, NULL);
        fprintf(stderr, "cells %d: cpu %.2f ms, %ld page faults\n", i, cpu_ms() - c0,
                minor_faults() - pf);
        render_cells_free(c);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_window frames|jumps SCENARIO.json [W H N]\n");
        return 2;
    }
    int jumps = strcmp(argv[1], "jumps") == 0;
    /* the views to measure frames in: "fit", "zoom=Z", or a list
     * "zoom=Z1,Z2,fit" (one JSON line each) */
    float views[16];
    int nviews = 1;
    views[0] = 0;
    if (!jumps && argc >= 7) {
        const char *v = strncmp(argv[6], "zoom=", 5) == 0 ? argv[6] + 5 : argv[6];
        nviews = 0;
        while (*v && nviews < 16) {
            char *end;
            float z = strncmp(v, "fit", 3) == 0 ? -1 : strtof(v, &end);
            end = z < 0 ? (char *)v + 3 : end;
            if (z != -1 && !(z >= 0.002f && z <= 4.0f)) {
                fprintf(stderr, "bench_window: %s: fit or zooms from 0.002 to 4\n", argv[6]);
                return 2;
            }
            views[nviews++] = z;
            v = *end == ',' ? end + 1 : end;
            if (*end && *end != ',') {
                fprintf(stderr, "bench_window: %s: fit or zooms from 0.002 to 4\n", argv[6]);
                return 2;
            }
        }
    }
    int stay = views[0] != 0 && argc >= 8 && strcmp(argv[7], "stay") == 0;
    int drag = views[0] > 0 && argc >= 8 && strcmp(argv[7], "drag") == 0;
    int w = 1920, h = 1080, n = jumps ? 200 : 120;
    if (!jumps && argc >= 6) {
        w = atoi(argv[3]);
        h = atoi(argv[4]);
        n = atoi(argv[5]);
    } else if (jumps && argc >= 4) {
        n = atoi(argv[3]);
    }
    real_window = getenv("BENCH_WINDOW_REAL") != NULL;
    if (!real_window)
        SDL_setenv("SDL_VIDEODRIVER", "offscreen", 1);
    if (SDL_Init(SDL_INIT_VIDEO) < 0) {
        fprintf(stderr, "bench_window: %s\n", SDL_GetError());
        return 3;
    }
    SDL_Surface *surf = NULL;
    SDL_Window *window = NULL;
    SDL_Renderer *r = NULL;
    if (real_window) {
        /* the window's renderer, chosen as gcviz chooses it */
        window = SDL_CreateWindow("bench_window", 0, 0, w, h, SDL_WINDOW_ALLOW_HIGHDPI);
        r = window ? app_window_renderer(window) : NULL;
        int pw = w, ph = h;
        if (r && SDL_GetRendererOutputSize(r, &pw, &ph) == 0 && (pw != w || ph != h))
            fprintf(stderr, "bench_window: the window is %dx%d pixels\n", pw, ph);
    } else {
        surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        r = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    }
    AppWinOptions o = {NULL, 0, 1, 0, 0, 0, 0};
    AppWin *win = r ? app_win_new(r, w, h, 1.0f, &o) : NULL;
    /* the backend writes into the surface itself, as the window does
     * (BENCH_WINDOW_SDL: through SDL alone, to compare) */
    int direct = 0;
    if (win && !getenv("BENCH_WINDOW_SDL"))
        direct = (real_window ? render_sdl_follow_window(win->backend)
                              : render_sdl_set_surface(win->backend, surf)) == 0;
    SDL_RendererInfo info = {0};
    if (r)
        SDL_GetRendererInfo(r, &info);
    fprintf(stderr, "bench_window: renderer %s, %s\n", info.name ? info.name : "none",
            direct ? "the backend writes the pixels" : "SDL draws");
    double load0 = now_ms();
    if (!win || app_win_load(win, argv[2], 0) < 0) {
        fprintf(stderr, "bench_window: cannot load %s\n", argv[2]);
        return 3;
    }
    double load_ms = now_ms() - load0;
    /* what the window does while idle, before a user can zoom or jump:
     * the glyphs of the sizes a zoom may need (BENCH_WINDOW_COLD: not) */
    double warm0 = cpu_ms();
    while (!getenv("BENCH_WINDOW_COLD") && render_fonts_warm(win->fonts))
        ;
    fprintf(stderr, "bench_window: fonts warmed in %.1f ms of CPU\n", cpu_ms() - warm0);
    win->settled = 1;
    GcHeap *heap = win->heap;
    int32_t nev = gc_event_count(heap);
    double t0 = 0, worst = 0, total = 0, cpu_total = 0, cpu_worst = 0;
    Split split = {0, 0, 0, 0, 0, 0, 0};
    if (!jumps) {
        if (real_window) {
            /* the window's first frame, drawn and presented as soon as the
             * file is loaded (the window's framebuffer is then in memory):
             * not counted */
            app_win_draw(win, 0);
            SDL_RenderPresent(r);
        }
        /* the busiest point of the run: the most live cards */
        int32_t best = 0, most = -1;
        for (int32_t c = 0; c <= nev; c += 1 + nev / 400) {
            gc_seek(heap, c);
            int alive = 0;
            for (GcId id = 1; id <= gc_max_id(heap); id++)
                alive += gc_object(heap, id)->state == GC_STATE_ALIVE;
            if (alive > most) {
                most = alive;
                best = c;
            }
        }
        app_win_seek(win, best > n ? best - n : 0, 0);
        for (int g = 0; g < 2; g++)
            app_win_command(win, APP_CMD_GRANULARITY, 0);
        for (int v = 0; v < nviews; v++) {
            FramesRun f = {win,   r,    best, most,     n,       w,
                           h,     stay, drag, views[v], load_ms, info.name ? info.name : "none",
                           direct};
            frames(&f);
        }
        if (getenv("BENCH_CELLS"))
            cells_builds(win, atoi(getenv("BENCH_CELLS")));
    } else {
        /* The window draws its first frame as soon as a file is loaded (fonts
         * opened, text textures made); jumps come after that. */
        app_win_draw(win, 0);
        SDL_RenderFlush(r);
        if (real_window)
            SDL_RenderPresent(r);
        uint32_t seed = 7;
        double seek_total = 0, seek_worst = 0, seek_cpu_worst = 0;
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            int32_t c = (int32_t)((seed >> 8) % (uint32_t)(nev + 1));
            t0 = now_ms();
            double c0 = cpu_ms(), pb = split.build, pd = split.draw, s0 = split.shot,
                   sc0 = split.shot_cpu;
            long pg = render_sdl_groups_copied(win->backend);
            app_win_seek(win, c, 0);
            double ts = now_ms() - t0, cs = cpu_ms() - c0;
            split.seek += cs;
            seek_cpu_worst = cs > seek_cpu_worst ? cs : seek_cpu_worst;
            const char *shots = getenv("BENCH_WINDOW_SHOTS");
            char path[1200];
            if (shots)
                snprintf(path, sizeof path, "%s/j%02d.bmp", shots, i);
            draw_frame(win, r, &split, shots ? path : NULL);
            double dt = now_ms() - t0 - (split.shot - s0);
            double dc = cpu_ms() - c0 - (split.shot_cpu - sc0);
            if (getenv("BENCH_WINDOW_EACH"))
                fprintf(stderr,
                        "jump %d to %d: cpu %.2f ms (seek %.2f, build %.2f, draw %.2f), %ld groups "
                        "copied\n",
                        i, (int)c, dc, cs, split.build - pb, split.draw - pd,
                        render_sdl_groups_copied(win->backend) - pg);
            cpu_total += dc;
            cpu_worst = dc > cpu_worst ? dc : cpu_worst;
            total += dt;
            seek_total += ts;
            worst = dt > worst ? dt : worst;
            seek_worst = ts > seek_worst ? ts : seek_worst;
        }
        printf("{\"what\": \"jumps\", \"steps\": %d, \"events\": %d, \"jumps\": %d, "
               "\"ms_per_jump\": %.2f, \"worst_ms\": %.2f, \"seek_ms\": %.2f, "
               "\"seek_worst_ms\": %.2f, \"load_ms\": %.1f, \"cpu_ms_per_jump\": %.2f, "
               "\"cpu_worst_ms\": %.2f, \"seek_cpu_ms\": %.2f, \"seek_cpu_worst_ms\": %.2f, "
               "\"build_cpu_ms\": %.2f, \"draw_cpu_ms\": %.2f, \"present_cpu_ms\": %.2f, "
               "\"present_ms\": %.2f, \"renderer\": \"%s\", \"direct\": %s}\n",
               lang_step_count(win->sc->program), nev, n, total / n, worst, seek_total / n,
               seek_worst, load_ms, cpu_total / n, cpu_worst, split.seek / n, seek_cpu_worst,
               split.build / n, split.draw / n, split.present / n, split.present_wall / n,
               info.name ? info.name : "none", direct ? "true" : "false");
    }
    app_win_free(win);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
    if (window)
        SDL_DestroyWindow(window);
    SDL_Quit();
    return 0;
}
