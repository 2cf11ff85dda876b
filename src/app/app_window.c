/*
 * app_window.c: `gcviz [--shots DIR] [--theme T] [--size WxH] [SCENARIO]`:
 * the SDL window and its event loop.  SDL events become AppCmd commands
 * (the same map the tests replay) or mouse gestures handled by the core;
 * the loop redraws only when something changed and sleeps in
 * SDL_WaitEventTimeout otherwise (the timeout polls the scenario file for
 * changes and drives playing, fades and gliding cards).
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app_window_internal.h"

static int usage(const char *msg)
{
    fprintf(stderr,
            "gcviz: %s\nusage: gcviz [--shots DIR] [--theme dark|light|contrast] "
            "[--size WxH] [--ui-scale S] [--slide] [--fullscreen] [--beginner]\n"
            "       [--python 3.12|3.13|3.14|3.15] [LESSON.py|SCENARIO.json]\n",
            msg);
    return 2;
}

static void update_title(SDL_Window *win, const AppWin *w)
{
    char title[600];
    app_win_title(w, title, sizeof title);
    SDL_SetWindowTitle(win, title);
}

static void drawable_size(SDL_Window *win, SDL_Renderer *r, int *pw, int *ph, float *scale)
{
    int ww, wh;
    SDL_GetWindowSize(win, &ww, &wh);
    if (SDL_GetRendererOutputSize(r, pw, ph) < 0) {
        *pw = ww;
        *ph = wh;
    }
    *scale = ww > 0 ? (float)*pw / (float)ww : 1.0f;
    if (*scale < 1)
        *scale = 1;
}

/* Opens the bundled tour (or the first bundled scenario) when no file was given. */
static void open_tour(AppWin *w)
{
    char dir[APP_PATH_MAX];
    if (render_find_data_dir("scenarios", ".", dir, sizeof dir) < 0) {
        app_win_command(w, APP_CMD_PICKER, 0);
        return;
    }
    char path[APP_PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/tour.json", dir);
    FILE *f = fopen(path, "rb");
    if (f) {
        fclose(f);
        if (app_win_load(w, path, 0) == 0) {
            app_win_scan_picker(w);
            return;
        }
    }
    app_win_scan_picker(w);
    if (w->npicker > 0 && app_win_load(w, w->picker_paths[0], 0) == 0)
        return;
    w->view.show_picker = 1;
}

/* The window follows w->fullscreen (F11, Escape, --fullscreen): the
 * desktop's resolution, no mode change; a refusal is a toast. */
static void apply_fullscreen(SDL_Window *win, AppWin *w, uint32_t now)
{
    if (!w->fullscreen_changed)
        return;
    w->fullscreen_changed = 0;
    if (SDL_SetWindowFullscreen(win, w->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) < 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "Full screen is not available: %s", SDL_GetError());
        w->fullscreen = !w->fullscreen;
        app_win_toast(w, msg, 1, now);
    }
    w->dirty = 1;
}

/* The command line into opt, the window size and the scenario's path:
 * 0, or usage()'s status. */
static int parse_args(int argc, char **argv, AppWinOptions *opt, int *width_, int *height_,
                      int *fullscreen, const char **scenario_)
{
    int width = *width_, height = *height_;
    const char *scenario = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--shots") == 0) {
            if (++i >= argc)
                return usage("--shots needs a folder");
            opt->shots_dir = argv[i];
        } else if (strcmp(a, "--theme") == 0) {
            if (++i >= argc)
                return usage("--theme needs dark, light or contrast");
            opt->theme = render_theme_from_name(argv[i]);
            if (opt->theme < 0)
                return usage("--theme must be dark, light or contrast");
        } else if (strcmp(a, "--size") == 0) {
            if (++i >= argc || sscanf(argv[i], "%dx%d", &width, &height) != 2 || width < 320 ||
                height < 240 || width > 16384 || height > 16384)
                return usage("--size needs WxH, e.g. 1600x1000");
        } else if (strcmp(a, "--ui-scale") == 0) {
            char *end = NULL;
            if (++i < argc)
                opt->ui = strtof(argv[i], &end);
            if (i >= argc || !end || *end || !(opt->ui >= 0.8f && opt->ui <= 2.0f))
                return usage("--ui-scale needs a size between 0.8 and 2 (1.25: a quarter larger)");
        } else if (strcmp(a, "--beginner") == 0) {
            opt->beginner = 1;
        } else if (strcmp(a, "--fullscreen") == 0) {
            *fullscreen = 1;
        } else if (strcmp(a, "--slide") == 0) {
            opt->slide = 1;
        } else if (strcmp(a, "--python") == 0) {
            if (++i >= argc || (opt->python = app_parse_python(argv[i])) < 0)
                return usage("--python takes 3.12, 3.13, 3.14 or 3.15 (the versions gcviz models)");
        } else if (a[0] == '-' && a[1]) {
            char msg[300];
            snprintf(msg, sizeof msg, "unknown option '%s'", a);
            return usage(msg);
        } else if (scenario) {
            return usage("only one scenario file at a time");
        } else {
            scenario = a;
        }
    }
    *width_ = width;
    *height_ = height;
    *scenario_ = scenario;
    return 0;
}

/* Whether r is OpenGL drawn by the CPU (Mesa's llvmpipe or softpipe, a
 * software rasteriser: no GPU, as under Xvfb or in many virtual machines). */
static int gl_on_cpu(SDL_Renderer *r)
{
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(r, &info) < 0 || strncmp(info.name, "opengl", 6) != 0)
        return 0;
    /* the renderer's context is current: glGetString(GL_RENDERER) */
    typedef const unsigned char *(*GetString)(unsigned);
    GetString get = (GetString)SDL_GL_GetProcAddress("glGetString");
    const char *name = get ? (const char *)get(0x1F01) : NULL;
    return name && (strstr(name, "llvmpipe") || strstr(name, "softpipe") ||
                    strstr(name, "Software") || strstr(name, "software"));
}

SDL_Renderer *app_window_renderer(SDL_Window *win)
{
    /* a software renderer draws into the window's framebuffer: X11's
     * shared memory, not SDL's default of a texture it draws with OpenGL at
     * every present (on the CPU too, without a GPU: 10-30 ms a frame at
     * 1920x1080).  No effect on the other renderers; the environment's
     * SDL_FRAMEBUFFER_ACCELERATION overrides it. */
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_Renderer *r =
        SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    const char *asked = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    int on_cpu = r && gl_on_cpu(r) && !(asked && *asked);
    if (on_cpu) {
        SDL_DestroyRenderer(r);
        r = NULL;
    }
    if (!r)
        r = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    if (!r && on_cpu) /* no framebuffer for the window (Wayland): OpenGL as before */
        r = SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    return r;
}

/* SDL, the window and a renderer (app_window_renderer): 0, or 3 with a
 * message. */
static int open_window(int width, int height, SDL_Window **win_, SDL_Renderer **r_)
{
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) < 0) {
        fprintf(stderr, "gcviz: cannot open a window: %s\n", SDL_GetError());
        return 3;
    }
    SDL_Window *win = SDL_CreateWindow("gcviz", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width,
                                       height,
                                       SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!win) {
        fprintf(stderr, "gcviz: cannot open a window: %s\n", SDL_GetError());
        SDL_Quit();
        return 3;
    }
    SDL_SetWindowMinimumSize(win, 960, 640);
    SDL_Renderer *r = app_window_renderer(win);
    if (!r) {
        fprintf(stderr, "gcviz: cannot draw in the window: %s\n", SDL_GetError());
        SDL_DestroyWindow(win);
        SDL_Quit();
        return 3;
    }
    *win_ = win;
    *r_ = r;
    return 0;
}

/* One SDL event: a resize, a key's command, a mouse gesture, a dropped
 * file. */
static void handle_event(SDL_Window *win, SDL_Renderer *r, AppWin *w, SDL_Event *ev, float *scale,
                         uint32_t now)
{
    SDL_Event e = *ev;
    int pw, ph;
    switch (e.type) {
    case SDL_QUIT:
        w->quit = 1;
        break;
    case SDL_WINDOWEVENT:
        if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            drawable_size(win, r, &pw, &ph, scale);
            app_win_resize(w, pw, ph, *scale);
        } else if (e.window.event == SDL_WINDOWEVENT_EXPOSED) {
            w->dirty = 1;
        } else if (e.window.event == SDL_WINDOWEVENT_LEAVE) {
            app_win_mouse_leave(w);
        }
        break;
    case SDL_KEYDOWN: {
        AppCmd c = app_cmd_from_key(e.key.keysym.sym, e.key.keysym.mod, w->view.show_picker);
        /* '?' arrives as Shift+/ on most layouts */
        app_win_command(w, c, now);
        apply_fullscreen(win, w, now);
        if (c == APP_CMD_PICKER_OPEN || c == APP_CMD_RELOAD || c == APP_CMD_NEXT_CHAPTER ||
            c == APP_CMD_PREV_CHAPTER)
            update_title(win, w);
        break;
    }
    case SDL_MOUSEBUTTONDOWN:
        if (e.button.button == SDL_BUTTON_LEFT) {
            app_win_mouse_down(w, (float)e.button.x * *scale, (float)e.button.y * *scale,
                               e.button.clicks, now);
            update_title(win, w);
        }
        break;
    case SDL_MOUSEMOTION:
        app_win_mouse_move(w, (float)e.motion.x * *scale, (float)e.motion.y * *scale, now);
        break;
    case SDL_MOUSEBUTTONUP:
        if (e.button.button == SDL_BUTTON_LEFT)
            app_win_mouse_up(w, (float)e.button.x * *scale, (float)e.button.y * *scale, now);
        break;
    case SDL_MOUSEWHEEL: {
        int mx, my;
        SDL_GetMouseState(&mx, &my);
        float dy = e.wheel.preciseY != 0 ? e.wheel.preciseY : (float)e.wheel.y;
        app_win_wheel(w, (float)mx * *scale, (float)my * *scale, dy);
        break;
    }
    case SDL_DROPFILE:
        if (e.drop.file) {
            if (app_win_open(w, e.drop.file) < 0)
                app_win_toast(w, "The dropped file has errors: see the panel.", 1, now);
            SDL_free(e.drop.file);
            update_title(win, w);
        }
        break;
    default:
        break;
    }
}

int app_window_main(int argc, char **argv)
{
    AppWinOptions opt = {NULL, RENDER_THEME_DARK, 1, 0, 0, 0, 0};
    int width = 1600, height = 1000, fullscreen = 0;
    const char *scenario = NULL;
    int bad = parse_args(argc, argv, &opt, &width, &height, &fullscreen, &scenario);
    if (bad)
        return bad;
    /* X11 window titles are converted through the C library's locale: a
     * UTF-8 character type lets "gcviz — title" through under the C locale too */
    const char *ctype = setlocale(LC_CTYPE, "");
    if (!ctype || (!strstr(ctype, "UTF-8") && !strstr(ctype, "utf8")))
        setlocale(LC_CTYPE, "C.UTF-8");
    SDL_Window *win;
    SDL_Renderer *r;
    if (open_window(width, height, &win, &r) != 0)
        return 3;
    int pw, ph;
    float scale;
    drawable_size(win, r, &pw, &ph, &scale);
    AppWin *w = app_win_new(r, pw, ph, scale, &opt);
    if (!w) {
        fprintf(stderr, "gcviz: %s\n", SDL_GetError());
        SDL_DestroyRenderer(r);
        SDL_DestroyWindow(win);
        SDL_Quit();
        return 3;
    }
    /* a software renderer draws into the window's surface: the backend
     * writes the pixels itself there (a GPU's renderer: SDL draws) */
    render_sdl_follow_window(w->backend);
    int status = 0;
    /* a long program runs in a worker thread: the window shows how far it
     * is and Escape cancels it; a short one is ready before the first frame */
    w->async = 1;
    if (scenario) {
        if (app_win_open(w, scenario) < 0)
            app_win_scan_picker(w); /* the window still opens and shows the problems */
        else
            app_win_wait_load(w, 300);
    } else {
        open_tour(w);
    }
    update_title(win, w);
    w->fullscreen = w->fullscreen_changed = fullscreen;
    apply_fullscreen(win, w, SDL_GetTicks());
    SDL_EventState(SDL_DROPFILE, SDL_ENABLE);
    uint32_t wait = 0;
    while (!w->quit) {
        SDL_Event e;
        /* idle: the glyphs of a size a zoom may need, one at a time (a
         * few ms in all the first seconds), the blocks' cells of a big
         * heap's step, then waiting for events */
        int got = w->dirty || render_fonts_warm(w->fonts) || app_win_idle(w)
                      ? SDL_PollEvent(&e)
                      : SDL_WaitEventTimeout(&e, (int)wait);
        uint32_t now = SDL_GetTicks();
        while (got) {
            handle_event(win, r, w, &e, &scale, now);
            got = SDL_PollEvent(&e);
        }
        now = SDL_GetTicks();
        app_win_tick(w, now, &wait);
        if (w->title_changed) {
            w->title_changed = 0;
            update_title(win, w);
        }
        if (w->dirty && !w->quit) {
            if (app_win_draw(w, now) < 0) {
                fprintf(stderr, "gcviz: drawing failed: %s\n", SDL_GetError());
                status = 3;
                break;
            }
            SDL_RenderPresent(r);
            if (w->view.anim < 1 || w->fitting || w->ntweens)
                wait = 16;
        }
    }
    app_win_free(w);
    SDL_DestroyRenderer(r);
    SDL_DestroyWindow(win);
    SDL_Quit();
    return status;
}
