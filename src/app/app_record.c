/*
 * app_record.c: `gcviz record SCENARIO.json --out DIR ...` (DESIGN.md 1).
 *
 * Frames are made exactly as the window makes them: the window's core
 * (AppWin: loading, fitting the heap, seeking, app_win_draw) drives
 * render_scene and the SDL backend, here on a software renderer over a
 * surface, with SDL's offscreen video driver forced so that no window is
 * ever opened and no display is needed.  The record module turns the
 * surface into PNG (and GIF) and the display list into SVG.
 *
 * Same scenario and options, same bytes: nothing here depends on the
 * clock except the progress line on stderr.
 */
#include <errno.h>
#include <signal.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "app_window_internal.h"
#include "record.h"

static const char RECORD_USAGE[] =
    "usage: gcviz record LESSON.py|SCENARIO.json --out DIR [options]\n"
    "Renders frames of the scenario to DIR/<scenario>-s<step>-p<n>_<phase>-<event>.png\n"
    "without a window or a display.\n"
    "  --every statement|phase|micro  which stops to record (default statement)\n"
    "  --from K --to K                only statements K..K (1-based; 0 = the beginning)\n"
    "  --size WxH                     frame size in logical pixels (default 1920x1080)\n"
    "  --scale S                      render at S x (2: 3840x2160 with the same layout)\n"
    "  --theme dark|light|contrast    colours (default dark)\n"
    "  --fit                          show every card of the run at once (as small as it\n"
    "                                 takes; default: as the window opens, at 80 % or more)\n"
    "  --slide                        slides: the heap large, the caption as the title, the\n"
    "                                 code beside it, no controls (laid out for 1280x720,\n"
    "                                 larger sizes scale it up)\n"
    "  --python 3.12|3.13|3.14|3.15   the CPython version modelled (default: the file's)\n"
    "  --beginner                     hide interpreter temporaries (argument tuples, the\n"
    "                                 evaluation stack): their cards and micro-steps\n"
    "  --svg                          also write each frame as SVG\n"
    "  --gif FILE                     also write one animated GIF of all the frames\n"
    "  --gif-delay S[,P[,M]]          seconds a GIF frame shows: a statement's end S, a\n"
    "                                 phase P, a micro-step M (default 1.6,2.5,0.6; one\n"
    "                                 value for all); a step marked \"pause\" 3 s longer\n"
    "  --jobs N                       render with N processes (default: one per CPU)\n"
    "  --quiet                        no progress line\n"
    "Exit status: 0 fine, 1 bad scenario or a Python error in it, 2 bad usage,\n"
    "3 cannot write (or no font).\n";

typedef struct RecOptions {
    const char *scenario, *out, *gif;
    int every;         /* RenderGranularity */
    long from, to;     /* statement numbers, to < 0: the last */
    int width, height; /* logical */
    double scale;
    int theme;
    int svg, quiet, fit, slide, beginner;
    int python;        /* --python: 312..315, 0 = the file's version */
    long jobs;         /* 0: one per CPU */
    int delay[RENDER_GRAN_COUNT]; /* GIF frame delays by the stop's kind, in 1/100 s */
} RecOptions;

#define GIF_PAUSE_EXTRA 300 /* 1/100 s more on a step marked "pause" (the teacher talks) */
#define GIF_DELAY_MIN   2   /* 1/100 s: what GIF players honour */
#define GIF_DELAY_MAX   6000

static int usage(const char *msg)
{
    fprintf(stderr, "gcviz record: %s\n%s", msg, RECORD_USAGE);
    return 2;
}

static int parse_long(const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 0)
        return -1;
    *out = v;
    return 0;
}

/* "S[,P[,M]]" seconds into delay[statement, phase, micro] (one value: all
 * three).  Returns 0 or -1. */
static int parse_delays(const char *v, int *delay)
{
    double d[RENDER_GRAN_COUNT];
    int n = 0;
    for (const char *c = v;;) {
        char *end;
        errno = 0;
        double x = strtod(c, &end);
        if (errno || end == c || n == RENDER_GRAN_COUNT ||
            !(x * 100 >= GIF_DELAY_MIN && x * 100 <= GIF_DELAY_MAX))
            return -1;
        d[n++] = x;
        if (*end == 0)
            break;
        if (*end != ',')
            return -1;
        c = end + 1;
    }
    if (n == 2)
        return -1;
    for (int i = 0; i < RENDER_GRAN_COUNT; i++)
        delay[i] = (int)floor(d[n == 1 ? 0 : i] * 100 + 0.5);
    return 0;
}

static int parse_args(int argc, char **argv, RecOptions *o)
{
    memset(o, 0, sizeof *o);
    o->every = RENDER_GRAN_STATEMENT;
    o->to = -1;
    o->width = 1920;
    o->height = 1080;
    o->scale = 1;
    o->theme = RENDER_THEME_DARK;
    o->delay[RENDER_GRAN_STATEMENT] = 160;
    o->delay[RENDER_GRAN_PHASE] = 250; /* a phase's summary takes longer to read (issue 13) */
    o->delay[RENDER_GRAN_MICRO] = 60;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--out") == 0 || strcmp(a, "--gif") == 0 || strcmp(a, "--every") == 0 ||
            strcmp(a, "--from") == 0 || strcmp(a, "--to") == 0 || strcmp(a, "--size") == 0 ||
            strcmp(a, "--scale") == 0 || strcmp(a, "--theme") == 0 || strcmp(a, "--jobs") == 0 ||
            strcmp(a, "--gif-delay") == 0 || strcmp(a, "--python") == 0) {
            if (!v) {
                char msg[100];
                snprintf(msg, sizeof msg, "%s needs a value", a);
                return usage(msg);
            }
            i++;
        }
        if (strcmp(a, "--out") == 0) {
            o->out = v;
        } else if (strcmp(a, "--gif") == 0) {
            o->gif = v;
        } else if (strcmp(a, "--gif-delay") == 0) {
            if (parse_delays(v, o->delay) < 0)
                return usage("--gif-delay needs seconds S or S,P,M (statement, phase, micro-step), "
                             "each between 0.02 and 60, e.g. 2,3,0.8");
        } else if (strcmp(a, "--every") == 0) {
            if (strcmp(v, "statement") == 0)
                o->every = RENDER_GRAN_STATEMENT;
            else if (strcmp(v, "phase") == 0)
                o->every = RENDER_GRAN_PHASE;
            else if (strcmp(v, "micro") == 0)
                o->every = RENDER_GRAN_MICRO;
            else
                return usage("--every must be statement, phase or micro");
        } else if (strcmp(a, "--from") == 0) {
            if (parse_long(v, &o->from) < 0)
                return usage("--from needs a statement number (0 or more)");
        } else if (strcmp(a, "--to") == 0) {
            if (parse_long(v, &o->to) < 0)
                return usage("--to needs a statement number (0 or more)");
        } else if (strcmp(a, "--size") == 0) {
            char x;
            if (sscanf(v, "%d%c%d", &o->width, &x, &o->height) != 3 || (x != 'x' && x != 'X') ||
                o->width < 320 || o->height < 240 || o->width > 16384 || o->height > 16384)
                return usage("--size needs WxH between 320x240 and 16384x16384, e.g. 1920x1080");
        } else if (strcmp(a, "--scale") == 0) {
            char *end;
            o->scale = strtod(v, &end);
            if (end == v || *end || !(o->scale >= 0.25 && o->scale <= 8))
                return usage("--scale needs a factor between 0.25 and 8, e.g. 2");
        } else if (strcmp(a, "--theme") == 0) {
            o->theme = render_theme_from_name(v);
            if (o->theme < 0)
                return usage("--theme must be dark, light or contrast");
        } else if (strcmp(a, "--jobs") == 0) {
            if (parse_long(v, &o->jobs) < 0 || o->jobs < 1 || o->jobs > 64)
                return usage("--jobs needs a number of processes between 1 and 64");
        } else if (strcmp(a, "--fit") == 0) {
            o->fit = 1;
        } else if (strcmp(a, "--svg") == 0) {
            o->svg = 1;
        } else if (strcmp(a, "--beginner") == 0) {
            o->beginner = 1;
        } else if (strcmp(a, "--slide") == 0) {
            o->slide = 1;
        } else if (strcmp(a, "--python") == 0) {
            if ((o->python = app_parse_python(v)) < 0)
                return usage("--python takes 3.12, 3.13, 3.14 or 3.15 (the versions gcviz models)");
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            o->quiet = 1;
        } else if (a[0] == '-' && a[1]) {
            char msg[300];
            snprintf(msg, sizeof msg, "unknown option '%.200s'", a);
            return usage(msg);
        } else if (o->scenario) {
            return usage("only one scenario file at a time");
        } else {
            o->scenario = a;
        }
    }
    if (!o->scenario)
        return usage("which scenario? (gcviz record LESSON.py --out DIR)");
    if (!o->out)
        return usage("--out DIR is needed");
    if (o->to >= 0 && o->to < o->from)
        return usage("--to must not be before --from");
    double pw = floor(o->width * o->scale + 0.5), ph = floor(o->height * o->scale + 0.5);
    if (pw < 16 || ph < 16 || pw > 16384 || ph > 16384)
        return usage("--size x --scale must stay within 16384 x 16384 pixels");
    return 0;
}

/* ---- progress ------------------------------------------------------------------ */

typedef struct Progress {
    int on, tty;
    struct timespec t0;
    double last;
    int last_tenth;
} Progress;

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) * 1e-9;
}

/* The run's progress (issue 14), before any frame: on a terminal
 * redrawn in place ten times a second after the first half second, else a
 * line every 2 seconds; and one line when the program has run and its
 * cards are laid out (also for a short run: how long it took, how much
 * history it made). */
typedef struct RunProgress {
    int tty, shown;
    uint32_t last;
    const char *name;
} RunProgress;

static void run_progress(void *ctx, const AppLoadStatus *st)
{
    RunProgress *p = ctx;
    if (st->phase != APP_LOAD_DONE &&
        (st->ms < 500 || st->ms - p->last < (uint32_t)(p->tty ? 100 : 2000)))
        return;
    char title[400], detail[400];
    app_load_describe(st, p->name, title, sizeof title, detail, sizeof detail);
    p->last = st->ms;
    int done = st->phase == APP_LOAD_DONE;
    fprintf(stderr, "%sgcviz record: %s (%s)%s%s", p->tty && p->shown ? "\r" : "", title, detail,
            p->tty ? "\033[K" : "", p->tty && !done ? "" : "\n");
    p->shown = !done;
    fflush(stderr);
}

/* "frames done / total, time left": redrawn in place on a terminal (at most
 * ten times a second, after the first half second), else a line per tenth
 * for recordings of 20 frames or more. */
static void progress(Progress *p, int32_t done, int32_t total)
{
    if (!p->on || total <= 1)
        return;
    double t = seconds_since(&p->t0);
    int tenth = (int)(done * 10 / total);
    if (p->tty) {
        if (done < total && (t < 0.5 || t - p->last < 0.1))
            return;
        if (done == total && p->last == 0)
            return; /* finished before anything was shown */
    } else if (total < 20 || tenth == p->last_tenth || done == 0) {
        return;
    }
    p->last = t;
    p->last_tenth = tenth;
    double left = done > 0 ? t / done * (total - done) : 0;
    int ls = (int)(left + 0.5);
    fprintf(stderr, "%sgcviz record: %d/%d frames, %d:%02d left, %.1f frames/s%s",
            p->tty ? "\r" : "", (int)done, (int)total, ls / 60, ls % 60,
            t > 0 ? done / t : 0.0, p->tty ? "\033[K" : "\n");
    if (p->tty && done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

/* ---- the recording -------------------------------------------------------------- */

/* The folder part of a file path ("." if none), into buf. */
static void parent_dir(const char *path, char *buf, size_t n)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(buf, n, ".");
    else if (slash == path)
        snprintf(buf, n, "/");
    else
        snprintf(buf, n, "%.*s", (int)(slash - path), path);
}

typedef struct Rec {
    RecOptions o;
    SDL_Surface *surf;
    SDL_Renderer *r;
    AppWin *w;
    RecordPoint *pts;
    RecordGif *gif;
    int sdl_up;
} Rec;

static void rec_free(Rec *rc)
{
    record_gif_free(rc->gif);
    free(rc->pts);
    app_win_free(rc->w);
    if (rc->r)
        SDL_DestroyRenderer(rc->r);
    if (rc->surf)
        SDL_FreeSurface(rc->surf);
    if (rc->sdl_up)
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

/* How long a frame stays in the GIF, in hundredths of a second: by the
 * kind of stop (--gif-delay), longer on the end of a step marked "pause"
 * (where playing in the window stops), on the first and on the last. */
static int gif_delay(const Rec *rc, const RecordPoint *p, int first, int last)
{
    int d = rc->o.delay[p->kind < RENDER_GRAN_COUNT ? p->kind : RENDER_GRAN_MICRO];
    const LangProgram *prog = rc->w->sc ? rc->w->sc->program : NULL;
    if (prog && p->kind == RENDER_GRAN_STATEMENT && p->step >= 1 &&
        p->step <= lang_step_count(prog)) {
        const LangLoc *loc = lang_loc(prog, lang_step(prog, p->step - 1)->loc);
        if (loc && loc->pause)
            d += GIF_PAUSE_EXTRA;
    }
    if (first)
        d += 100;
    if (last)
        d += 250;
    return d;
}

/* Renders and writes one frame (and adds it to the GIF if rc->gif).
 * Returns 0 or -1 (SDL_GetError). */
static int one_frame(Rec *rc, const RecordPoint *p, const RecordNaming *nm, int first, int last)
{
    AppWin *w = rc->w;
    app_win_seek(w, p->cursor, 0);
    if (app_win_draw(w, 0) < 0)
        return -1;
    SDL_RenderFlush(rc->r);
    char name[1024], path[APP_PATH_MAX + 1100];
    if (SDL_MUSTLOCK(rc->surf) && SDL_LockSurface(rc->surf) < 0)
        return -1;
    const void *px = rc->surf->pixels;
    int pitch = rc->surf->pitch;
    int err = 0;
    if (record_frame_name(name, sizeof name, w->sc->name, p, nm, ".png") < 0)
        err = SDL_SetError("file name too long");
    if (!err) {
        snprintf(path, sizeof path, "%s/%s", rc->o.out, name);
        err = record_png_write(px, rc->surf->w, rc->surf->h, pitch, RECORD_PNG_LEVEL, path);
    }
    if (!err && rc->gif)
        err = record_gif_add(rc->gif, px, pitch, gif_delay(rc, p, first, last));
    if (SDL_MUSTLOCK(rc->surf))
        SDL_UnlockSurface(rc->surf);
    if (!err && rc->o.svg) {
        record_frame_name(name, sizeof name, w->sc->name, p, nm, ".svg");
        snprintf(path, sizeof path, "%s/%s", rc->o.out, name);
        err = record_svg_write(&w->list, w->fonts, path);
    }
    return err ? -1 : 0;
}

/* One process renders every frame, in order; the GIF takes the pixels as
 * they are drawn. */
static int record_serial(Rec *rc, int32_t n, int32_t first, const RecordNaming *nm, Progress *pr)
{
    /* come from the stop before the first one, as the window would */
    if (first > 0)
        app_win_seek(rc->w, rc->pts[first - 1].cursor, 0);
    for (int32_t i = 0; i < n; i++) {
        if (one_frame(rc, &rc->pts[i], nm, i == 0, i == n - 1) < 0) {
            if (pr->tty && pr->last > 0)
                fputc('\n', stderr);
            fprintf(stderr, "gcviz record: %s\n", SDL_GetError());
            return 3;
        }
        progress(pr, i + 1, n);
    }
    return 0;
}

/* Writes all of buf to fd (a pipe); 0 or -1. */
static int write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t k = write(fd, p, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        len -= (size_t)k;
    }
    return 0;
}

/* Several processes render frames i = job, job + jobs, ...: a frame
 * depends only on its cursor (the layout is computed once for the whole
 * run and a settled frame has no memory of the previous one), so the
 * bytes are those of a serial recording.  Processes, not threads: SDL's
 * renderers and FreeType's library are not meant to be shared between
 * threads, and after fork() each worker owns a copy of everything.
 * Workers report each finished frame on a pipe; this process prints the
 * progress and, with --gif, reads the PNGs back in order into the GIF. */
static int record_parallel(Rec *rc, int32_t n, int jobs, const RecordNaming *nm, Progress *pr)
{
    int fds[2];
    if (pipe(fds) < 0) {
        fprintf(stderr, "gcviz record: %s\n", strerror(errno));
        return 3;
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pids[64];
    int started = 0;
    for (int j = 0; j < jobs; j++) {
        pid_t pid = fork();
        if (pid < 0)
            break;
        if (pid == 0) {
            close(fds[0]);
            int st = 0;
            for (int32_t i = j; i < n && !st; i += jobs) {
                RecordGif *gif = rc->gif;
                rc->gif = NULL; /* the parent writes the GIF */
                int rcode = one_frame(rc, &rc->pts[i], nm, i == 0, i == n - 1);
                rc->gif = gif;
                if (rcode < 0) {
                    fprintf(stderr, "gcviz record: %s\n", SDL_GetError());
                    st = 3;
                } else if (write_all(fds[1], &i, sizeof i) < 0) {
                    st = 3;
                }
            }
            close(fds[1]);
            fflush(stderr);
            _exit(st);
        }
        pids[started++] = pid;
    }
    close(fds[1]);
    if (started == 0) {
        close(fds[0]);
        fprintf(stderr, "gcviz record: cannot start a process: %s\n", strerror(errno));
        return 3;
    }
    if (started < jobs) {
        /* frames of the missing workers would never come: stop them all */
        for (int j = 0; j < started; j++)
            kill(pids[j], SIGTERM);
    }
    uint8_t *done = calloc((size_t)n, 1);
    int32_t ndone = 0, next_gif = 0;
    int st = done && started == jobs ? 0 : 3;
    int32_t idx;
    for (;;) {
        ssize_t k = read(fds[0], &idx, sizeof idx);
        if (k < 0 && errno == EINTR)
            continue;
        if (k != (ssize_t)sizeof idx)
            break;
        if (!done || idx < 0 || idx >= n)
            continue;
        done[idx] = 1;
        progress(pr, ++ndone, n);
        while (!st && rc->gif && next_gif < n && done[next_gif]) {
            char name[1024], path[APP_PATH_MAX + 1100];
            uint32_t *px = NULL;
            int w = 0, h = 0;
            record_frame_name(name, sizeof name, rc->w->sc->name, &rc->pts[next_gif], nm, ".png");
            snprintf(path, sizeof path, "%s/%s", rc->o.out, name);
            if (record_png_read(path, &px, &w, &h) < 0 ||
                record_gif_add(
                    rc->gif, px, w * 4,
                    gif_delay(rc, &rc->pts[next_gif], next_gif == 0, next_gif == n - 1)) < 0) {
                fprintf(stderr, "gcviz record: %s\n", SDL_GetError());
                st = 3;
            }
            free(px);
            next_gif++;
        }
    }
    close(fds[0]);
    for (int j = 0; j < started; j++) {
        int ws = 0;
        while (waitpid(pids[j], &ws, 0) < 0 && errno == EINTR)
            ;
        if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
            st = 3;
    }
    if (!st && ndone != n) {
        fprintf(stderr, "gcviz record: only %d of %d frames were written\n", (int)ndone, (int)n);
        st = 3;
    }
    free(done);
    return st;
}

/* Frames finer than statements where the history's budget kept only
 * statements: the program runs again keeping the micro-steps from the
 * first statement asked for (gc_history.c); what even that cannot keep is
 * said.  -1: the second run failed to load. */
static int record_fine(AppWin *w, const RecOptions *o)
{
    GcHeap *h = w->heap;
    GcHistoryInfo hist = gc_history_info(h);
    if (hist.coarse_from < 0 || o->every == RENDER_GRAN_STATEMENT)
        return 0;
    int32_t n = gc_event_count(h), first = -1, dropped = -1;
    for (int32_t i = 0; i < n; i++) {
        int32_t step = gc_event(h, i)->step + 1; /* numbered as --from counts (record_points) */
        if (step < o->from || (o->to >= 0 && step > o->to))
            continue;
        if (first < 0)
            first = i;
        if (!gc_history_fine(h, i)) {
            dropped = i;
            break;
        }
    }
    if (dropped >= 0) {
        /* from the stop before: a step's first micro-steps may come before
         * its statement's start (the loop before it ending) */
        int64_t stop = gc_history_stop(h, first) - 1;
        if (!o->quiet)
            fprintf(stderr,
                    "gcviz record: the history's budget (%lld MB) kept only whole statements from "
                    "statement %d on; running the program again for the micro-steps of the "
                    "statements asked for\n",
                    (long long)(hist.budget >> 20), (int)gc_event(h, dropped)->step + 1);
        w->fine_from = stop > 0 ? stop : 0;
        if (app_win_load(w, o->scenario, 1) < 0) {
            fprintf(stderr, "%s\n", w->load_error ? w->load_error : "cannot load the scenario");
            return -1;
        }
        h = w->heap;
        hist = gc_history_info(h);
    }
    /* what is still only statements within the frames asked for */
    n = gc_event_count(h);
    for (int32_t i = 0; i < n; i++) {
        int32_t step = gc_event(h, i)->step + 1;
        if (step >= o->from && (o->to < 0 || step <= o->to) && !gc_history_fine(h, i) &&
            i + 1 < n) {
            fprintf(stderr,
                    "gcviz record: the history's budget (%lld MB) keeps the micro-steps up to "
                    "statement %d; after it only statement stops and collections\n",
                    (long long)(hist.budget >> 20), (int)step);
            break;
        }
    }
    return 0;
}

/* The scenario readable, SDL's offscreen driver and a software renderer of
 * the recording's size (*pwp x *php); 0, or the exit status. */
static int start_offscreen(Rec *rc, int *pwp, int *php)
{
    RecOptions *o = &rc->o;
    /* the scenario first: a bad file is reported before anything is created */
    FILE *f = fopen(o->scenario, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot read the scenario: %s\n", o->scenario, strerror(errno));
        return 3;
    }
    fclose(f);
    /* never a window: the offscreen driver even when a display is there */
    SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, "offscreen", SDL_HINT_OVERRIDE);
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    /* Ctrl-C and kill stop the recording: SDL's own handlers would turn
     * them into a quit event that no frame loop here reads, and the
     * workers would go on writing frames */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_Init(SDL_INIT_VIDEO) < 0) {
        fprintf(stderr, "gcviz record: cannot start SDL's offscreen video driver: %s\n",
                SDL_GetError());
        return 3;
    }
    rc->sdl_up = 1;
    int pw = *pwp = (int)floor(o->width * o->scale + 0.5);
    int ph = *php = (int)floor(o->height * o->scale + 0.5);
    /* ARGB8888, opaque everywhere (the frame's clear is): the PNG and GIF
     * writers read it as XRGB8888, and the backend writes its pixels itself
     * (render_sdl_set_surface) only on this format */
    rc->surf = SDL_CreateRGBSurfaceWithFormat(0, pw, ph, 32, SDL_PIXELFORMAT_ARGB8888);
    rc->r = rc->surf ? SDL_CreateSoftwareRenderer(rc->surf) : NULL;
    if (!rc->r) {
        fprintf(stderr, "gcviz record: cannot make a %dx%d software renderer: %s\n", pw, ph,
                SDL_GetError());
        return 3;
    }
    return 0;
}

/* The output folder (and a test that it takes files) and the GIF, before
 * any rendering; 0, or the exit status. */
static int open_outputs(Rec *rc, int pw, int ph)
{
    RecOptions *o = &rc->o;
    /* the folder, and a test that it takes files, before any rendering */
    if (record_make_dirs(o->out) < 0) {
        fprintf(stderr, "gcviz record: cannot write to %s: %s\n", o->out, SDL_GetError());
        return 3;
    }
    {
        char probe[APP_PATH_MAX + 64];
        RecordFile rf;
        snprintf(probe, sizeof probe, "%s/gcviz-probe", o->out);
        if (record_file_open(&rf, probe) < 0) {
            fprintf(stderr, "gcviz record: cannot write to %s: %s\n", o->out, strerror(errno));
            return 3;
        }
        record_file_abort(&rf);
    }
    if (o->gif) {
        char dir[APP_PATH_MAX];
        parent_dir(o->gif, dir, sizeof dir);
        if (record_make_dirs(dir) < 0 || !(rc->gif = record_gif_new(o->gif, pw, ph))) {
            fprintf(stderr, "gcviz record: %s\n", SDL_GetError());
            return 3;
        }
    }
    return 0;
}

static int record_run(Rec *rc)
{
    RecOptions *o = &rc->o;
    int pw, ph;
    int sst = start_offscreen(rc, &pw, &ph);
    if (sst)
        return sst;
    /* every frame gets the view that shows its subject (one cursor, one view:
     * the parallel workers draw the bytes of a serial recording) */
    AppWinOptions wo = {NULL, o->theme, 1, o->slide, 1, o->beginner, o->python};
    rc->w = app_win_new(rc->r, pw, ph, (float)o->scale, &wo);
    if (!rc->w) {
        fprintf(stderr, "gcviz record: %s\n", SDL_GetError());
        return 3;
    }
    AppWin *w = rc->w;
    if (render_sdl_set_surface(w->backend, rc->surf) < 0) /* else SDL draws it all */
        SDL_ClearError();
    w->settled = 1; /* no fades, no toasts: the picture a still shows */
    RunProgress rp = {isatty(2), 0, 0, NULL};
    const char *slash = strrchr(o->scenario, '/');
    rp.name = slash ? slash + 1 : o->scenario;
    if (!o->quiet) {
        w->on_load_progress = run_progress;
        w->load_progress_ctx = &rp;
    }
    w->view.gran = (RenderGranularity)o->every;
    /* every frame's view is computed at its own cursor (w->follow), so where
     * the load leaves the cursor changes no byte; the end is where the run is */
    w->open_at_end = 1;
    if (app_win_load(w, o->scenario, 0) < 0) {
        fprintf(stderr, "%s\n", w->load_error ? w->load_error : "cannot load the scenario");
        return 1;
    }
    if (record_fine(w, o) < 0)
        return 1;
    w->on_load_progress = NULL; /* rp goes out of scope with this function */
    if (o->fit)
        app_win_fit_run(w);
    app_win_frame_view(w, &w->view.zoom, &w->view.pan_x, &w->view.pan_y);
    /* the stops, then those of the statements asked for */
    RecordPoint *all = NULL;
    int32_t nall = record_points(w->heap, &w->tl, (RenderGranularity)o->every, &all);
    if (nall < 0) {
        fprintf(stderr, "gcviz record: %s\n", SDL_GetError());
        return 3;
    }
    if (o->beginner) {
        /* a beginner's recording skips the micro-steps of interpreter
         * temporaries, as the window's Right key does */
        int32_t k = 0;
        for (int32_t i = 0; i < nall; i++)
            if (all[i].kind != RENDER_GRAN_MICRO || all[i].cursor <= 0 ||
                !gc_event_interpreter_only(w->heap, all[i].cursor - 1))
                all[k++] = all[i];
        nall = k;
    }
    RecordNaming nm;
    record_naming(all, nall, &nm);
    int32_t first = -1, n = 0;
    for (int32_t i = 0; i < nall; i++) {
        if (all[i].step < o->from || (o->to >= 0 && all[i].step > o->to))
            continue;
        if (first < 0)
            first = i;
        all[n++] = all[i];
    }
    rc->pts = all;
    if (n == 0) {
        int32_t last = nall > 0 ? all[nall - 1].step : 0;
        fprintf(stderr, "gcviz record: no frame between --from %ld and --to %ld (statements 0..%d)\n",
                o->from, o->to, (int)last);
        if (w->run_error[0]) {
            /* the run stopped early (an error, the history's budget): that
             * is why the statements asked for have no frame */
            fprintf(stderr, "%s: %s\n", o->scenario, w->run_error);
            return 1;
        }
        return 2;
    }
    /* the folder, and a test that it takes files, before any rendering */
    int ost = open_outputs(rc, pw, ph);
    if (ost)
        return ost;
    Progress pr;
    memset(&pr, 0, sizeof pr);
    pr.on = !o->quiet;
    pr.tty = isatty(2);
    pr.last_tenth = 0;
    clock_gettime(CLOCK_MONOTONIC, &pr.t0);
    long jobs = o->jobs;
    if (jobs == 0) {
        jobs = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = jobs < 1 ? 1 : jobs > 8 ? 8 : jobs;
    }
    if (jobs > n / 4)
        jobs = n / 4; /* starting a process is worth a few frames */
    int st = jobs > 1 ? record_parallel(rc, n, (int)jobs, &nm, &pr)
                      : record_serial(rc, n, first, &nm, &pr);
    if (st)
        return st;
    if (rc->gif) {
        RecordGif *g = rc->gif;
        rc->gif = NULL;
        if (record_gif_finish(g) < 0) {
            fprintf(stderr, "gcviz record: %s\n", SDL_GetError());
            return 3;
        }
    }
    if (!o->quiet) {
        fprintf(stderr, "gcviz record: %d frame%s (%dx%d) in %s%s%s%s\n", (int)n, n == 1 ? "" : "s",
                pw, ph, o->out, o->svg ? ", with SVG" : "", o->gif ? ", GIF " : "",
                o->gif ? o->gif : "");
    }
    if (w->run_error[0]) {
        fprintf(stderr, "%s: %s\n", o->scenario, w->run_error);
        return 1;
    }
    return 0;
}

int app_record_main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("%s", RECORD_USAGE);
            return 0;
        }
    Rec rc;
    memset(&rc, 0, sizeof rc);
    int st = parse_args(argc, argv, &rc.o);
    if (st)
        return st;
    st = record_run(&rc);
    rec_free(&rc);
    return st;
}
