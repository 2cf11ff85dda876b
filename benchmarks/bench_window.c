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
 * set).  With BENCH_WINDOW_EACH set in the environment, each jump's
 * CPU time (seek, display list, pixels) and the groups the backend copied
 * instead of drawing go to stderr (frames: each frame's, with its display list
 * and pixels); with BENCH_WINDOW_SHOTS=DIR each jump's
 * frame is saved as DIR/jNN.bmp (frames: each view's last frame as
 * DIR/frame_Z.bmp, Z -1 for F; to compare two builds' pixels: a cache
 * must leave them byte for byte).  bench_window.py makes the scenarios
 * and prints the ratios against the targets (60 frames/s with 300 cards at
 * 1920x1080; a jump anywhere in a 10,000-step scenario within one 16 ms
 * frame).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app_window_internal.h"

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

/* CPU time of a frame's parts, summed over the frames */
typedef struct Split {
    double seek, build, draw;
} Split;

/* app_win_draw in its two halves: the display list (render_scene) and the
 * SDL backend's pixels */
static void draw_frame(AppWin *win, SDL_Renderer *r, Split *split)
{
    double c0 = cpu_ms();
    app_win_build(win);
    double c1 = cpu_ms();
    render_sdl_draw(win->backend, &win->list);
    win->dirty = 0;
    SDL_RenderFlush(r);
    split->build += c1 - c0;
    split->draw += cpu_ms() - c1;
}

/* What a frames measurement is told: the window, its surface, the
 * busiest point of the run and its live cards, the frames to draw, the
 * view (0: the one the load chose; -1: F; a zoom: F, then that zoom
 * around the middle of the heap view, as the mouse wheel does there) and
 * whether the step stays. */
typedef struct FramesRun {
    AppWin *win;
    SDL_Renderer *r;
    SDL_Surface *surf;
    int32_t best;
    int most, n, w, h, stay, drag;
    float view;
    double load_ms;
} FramesRun;

/* Micro-steps up to the busiest point of the run in one view: every frame
 * shows a new state with the most cards on screen.  Prints a JSON line. */
static void frames(const FramesRun *f)
{
    AppWin *win = f->win;
    int n = f->n;
    double worst = 0, total = 0, cpu_total = 0, cpu_worst = 0, first_build = 0;
    Split split = {0, 0, 0};
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
    for (int i = 0; i < n; i++) {
        if ((!f->stay && !f->drag) || i == 0) {
            app_win_command(win, APP_CMD_NEXT, 0);
        } else if (f->drag && dragged) {
            layout_set(win->layout, dragged, drag_x + 3.0f * (float)i, drag_y + 2.0f * (float)i, 1);
            win->dirty = 1;
        }
        double t0 = now_ms(), c0 = cpu_ms(), b0 = split.build, d0 = split.draw;
        long pg = render_sdl_groups_copied(win->backend);
        draw_frame(win, f->r, &split);
        first_build = i == 0 ? split.build - b0 : first_build;
        double dt = now_ms() - t0, dc = cpu_ms() - c0;
        if (getenv("BENCH_WINDOW_EACH"))
            fprintf(
                stderr,
                "frame %d (zoom %.3f): cpu %.2f ms (build %.2f, draw %.2f), %ld groups copied\n", i,
                (double)f->view, dc, split.build - b0, split.draw - d0,
                render_sdl_groups_copied(win->backend) - pg);
        cpu_total += dc;
        cpu_worst = dc > cpu_worst ? dc : cpu_worst;
        total += dt;
        worst = dt > worst ? dt : worst;
    }
    const char *shots = getenv("BENCH_WINDOW_SHOTS");
    if (shots) {
        char path[1200];
        snprintf(path, sizeof path, "%s/frame_%.3f.bmp", shots, (double)f->view);
        SDL_SaveBMP(f->surf, path);
    }
    int drawn = 0;
    for (int32_t i = 0; i < win->list.nhits; i++)
        drawn += win->list.hits[i].kind == RENDER_HIT_CARD;
    printf("{\"what\": \"frames\", \"width\": %d, \"height\": %d, \"frames\": %d, \"cards\": %d, "
           "\"ms_per_frame\": %.2f, \"worst_ms\": %.2f, \"fps\": %.1f, \"cards_drawn\": %d, "
           "\"fit\": %s, \"zoom\": %.4f, \"load_ms\": %.1f, \"cpu_ms_per_frame\": %.2f, "
           "\"cpu_worst_ms\": %.2f, \"build_cpu_ms\": %.2f, \"draw_cpu_ms\": %.2f, \"stay\": %s, "
           "\"drag\": %s, "
           "\"first_build_cpu_ms\": %.2f}\n",
           f->w, f->h, n, f->most, total / n, worst, 1000.0 * n / total, drawn,
           f->view != 0 ? "true" : "false", (double)win->view.zoom, f->load_ms, cpu_total / n,
           cpu_worst, split.build / n, split.draw / n, f->stay ? "true" : "false",
           f->drag ? "true" : "false", first_build);
    fflush(stdout);
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
    SDL_setenv("SDL_VIDEODRIVER", "offscreen", 1);
    if (SDL_Init(SDL_INIT_VIDEO) < 0) {
        fprintf(stderr, "bench_window: %s\n", SDL_GetError());
        return 3;
    }
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    AppWinOptions o = {NULL, 0, 1, 0, 0, 0, 0};
    AppWin *win = r ? app_win_new(r, w, h, 1.0f, &o) : NULL;
    /* the backend writes into the surface itself (BENCH_WINDOW_SDL: through
     * SDL alone, to compare) */
    if (win && !getenv("BENCH_WINDOW_SDL"))
        render_sdl_set_surface(win->backend, surf);
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
    Split split = {0, 0, 0};
    if (!jumps) {
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
            FramesRun f = {win, r, surf, best, most, n, w, h, stay, drag, views[v], load_ms};
            frames(&f);
        }
    } else {
        /* The window draws its first frame as soon as a file is loaded (fonts
         * opened, text textures made); jumps come after that. */
        app_win_draw(win, 0);
        SDL_RenderFlush(r);
        uint32_t seed = 7;
        double seek_total = 0, seek_worst = 0, seek_cpu_worst = 0;
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            int32_t c = (int32_t)((seed >> 8) % (uint32_t)(nev + 1));
            t0 = now_ms();
            double c0 = cpu_ms(), pb = split.build, pd = split.draw;
            long pg = render_sdl_groups_copied(win->backend);
            app_win_seek(win, c, 0);
            double ts = now_ms() - t0, cs = cpu_ms() - c0;
            split.seek += cs;
            seek_cpu_worst = cs > seek_cpu_worst ? cs : seek_cpu_worst;
            draw_frame(win, r, &split);
            double dt = now_ms() - t0;
            double dc = cpu_ms() - c0;
            const char *shots = getenv("BENCH_WINDOW_SHOTS");
            if (shots) {
                char path[1200];
                snprintf(path, sizeof path, "%s/j%02d.bmp", shots, i);
                SDL_SaveBMP(surf, path);
            }
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
               "\"build_cpu_ms\": %.2f, \"draw_cpu_ms\": %.2f}\n",
               lang_step_count(win->sc->program), nev, n, total / n, worst, seek_total / n,
               seek_worst, load_ms, cpu_total / n, cpu_worst, split.seek / n, seek_cpu_worst,
               split.build / n, split.draw / n);
    }
    app_win_free(win);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
    SDL_Quit();
    return 0;
}
