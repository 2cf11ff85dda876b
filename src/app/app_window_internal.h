/*
 * app_window_internal.h: the window's state and its command mapping,
 * shared by the window (app_window.c), its core (app_window_core.c) and the
 * render tests, which drive the same commands as the keyboard without a
 * display (software renderer on a surface).
 */
#ifndef GCVIZ_APP_WINDOW_INTERNAL_H
#define GCVIZ_APP_WINDOW_INTERNAL_H

#include <SDL.h>

#include "layout.h"
#include "render.h"
#include "scenario.h"

#define APP_PATH_MAX 4096
#define APP_MAX_PICKER 256

/* What a key, a button or a scripted test asks for. */
typedef enum AppCmd {
    APP_CMD_NONE = 0,
    APP_CMD_NEXT, /* Right: next stop at the current granularity */
    APP_CMD_PREV,
    APP_CMD_NEXT_STMT, /* Shift+Right */
    APP_CMD_PREV_STMT,
    APP_CMD_GRANULARITY, /* Tab */
    APP_CMD_PLAY,        /* Space */
    APP_CMD_FASTER,
    APP_CMD_SLOWER,
    APP_CMD_HOME,
    APP_CMD_END,
    APP_CMD_NEXT_GC,      /* C */
    APP_CMD_PREV_GC,      /* Shift+C */
    APP_CMD_SCREENSHOT,   /* S */
    APP_CMD_LEGEND,       /* L */
    APP_CMD_THEME,        /* T */
    APP_CMD_FIT,          /* F */
    APP_CMD_PICKER,       /* O */
    APP_CMD_RELOAD,       /* R */
    APP_CMD_HELP,         /* F1, ? */
    APP_CMD_FULLSCREEN,   /* F11 */
    APP_CMD_UI_BIGGER,    /* Ctrl + */
    APP_CMD_UI_SMALLER,   /* Ctrl - */
    APP_CMD_UI_RESET,     /* Ctrl 0 */
    APP_CMD_ESCAPE,       /* Escape: close an overlay or full screen; never quits */
    APP_CMD_QUIT,         /* Q, Ctrl+Q: asks first; a second Q (or Enter) quits */
    APP_CMD_CONFIRM,      /* Enter: yes to the question shown (quit) */
    APP_CMD_NEXT_CHAPTER, /* PageDown: the next file of the course (index.json) */
    APP_CMD_PREV_CHAPTER, /* PageUp */
    APP_CMD_BEGINNER,     /* B: hide interpreter temporaries, or show them again */
    APP_CMD_SAVE_LAYOUT,  /* Ctrl+S: the dragged and pinned cards' places into the file */
    APP_CMD_PICKER_UP,
    APP_CMD_PICKER_DOWN,
    APP_CMD_PICKER_OPEN,
    APP_CMD_BACK_OUT /* Backspace: out of a drill-down into a block of the overview */
} AppCmd;

typedef struct AppWinOptions {
    const char *shots_dir;  /* NULL: ./screenshots */
    int theme;              /* RenderThemeId */
    float ui;               /* interface size, 0 or 1 = 100 % (--ui-scale) */
    int slide;              /* slide mode (--slide) */
    int follow;             /* settled frames too get a view that shows their subject (record) */
    int beginner;           /* --beginner: interpreter temporaries hidden */
    int python;             /* --python: 312..315 overrides the file's version, 0 = the file's */
} AppWinOptions;

/* ---- loading (app_load.c) ----------------------------------------------------
 * Opening a scenario runs its program with history, indexes the timeline
 * and lays the cards out: on a big program that takes seconds, so the
 * window does it in a worker thread and draws how far it is. */
typedef enum AppLoadPhase {
    APP_LOAD_RUNNING = 0, /* the program runs */
    APP_LOAD_INDEXING,    /* the timeline's markers */
    APP_LOAD_LAYING_OUT,  /* the cards' places */
    APP_LOAD_DONE
} AppLoadPhase;

typedef struct AppLoadStatus {
    AppLoadPhase phase;
    LangProgress pg;   /* the run's last report */
    int64_t step_base; /* statements executed when the step running started */
    int64_t cards;     /* objects the run allocated (the cards to lay out) */
    /* What the history's budget did, once the run is over, in statements
     * numbered as record's --from counts them (0: before the first): the
     * statements whose micro-steps were kept, fine_first..fine_last (both
     * -1: none), when the history kept only statement stops elsewhere
     * (coarse); and whether it stopped the run (full, at full_step). */
    int coarse, full;
    int32_t fine_first, fine_last, full_step;
    uint32_t start;     /* SDL ticks at the start */
    uint32_t ms;        /* since the start (to the end once done) */
    uint32_t run_ms;    /* the run alone (once it is over) */
    uint32_t layout_ms; /* indexing and layout (once done) */
    int cancelled;      /* the load was cancelled: nothing to install */
} AppLoadStatus;

/* What a finished load built (every part owned by the receiver). */
typedef struct AppLoadResult {
    Scenario *sc;
    LangRun *run; /* NULL: out of memory */
    GcRunIndex tl;
    Layout *layout;     /* the layout given to app_load_start (built), or NULL */
    RenderCache *cache; /* with layout: its grid built (render_cache_prepare), or NULL */
    int tl_rc, layout_rc;
    AppLoadStatus st;
} AppLoadResult;

typedef struct AppLoad AppLoad;

/* Starts loading sc (taken) with run options ro: runs the program, builds
 * the timeline and, when layout is not NULL (taken), lays out the cards
 * into it (sc's arrangement and pins).  threaded: in a worker thread
 * (falls back to doing it at once when no thread can be made), else now,
 * in this thread.  report (may be NULL) is called with every progress
 * snapshot, in the thread doing the work.  NULL when out of memory (then
 * nothing is taken). */
AppLoad *app_load_start(Scenario *sc, const LangRunOptions *ro, Layout *layout, const char *name,
                        int threaded, void (*report)(void *ctx, const AppLoadStatus *st),
                        void *report_ctx);
/* Has the work ended (never blocks)? */
int app_load_done(const AppLoad *j);
/* Asks the work to stop: the run at its next statement, the rest after
 * the part running. */
void app_load_cancel(AppLoad *j);
/* The latest snapshot (any thread). */
AppLoadStatus app_load_status(AppLoad *j);
const char *app_load_name(const AppLoad *j);
/* Waits for the work to end, hands over what it built and frees j. */
void app_load_take(AppLoad *j, AppLoadResult *out);
void app_load_result_free(AppLoadResult *res);
/* A status as two lines of text ("Running lesson.py: 412,000 statements,
 * 1.6 GB budget" and the details); returns how far the whole load is, 0..1
 * (the run's part grows with its steps, and within a step with its
 * statements, without ever reaching the end of it). */
float app_load_describe(const AppLoadStatus *st, const char *name, char *title, size_t tn,
                        char *detail, size_t dn);

/* A card gliding to its new place: a reload moved it (an edited pin) or a
 * double-click sent it home.  The layout holds the position shown, written
 * at every tick, so the renderer needs to know nothing of it. */
typedef struct AppTween {
    GcId id;
    float x0, y0, x1, y1;
    uint32_t start;
    int started; /* 0: starts at the next tick (a reload does not know the time) */
} AppTween;

typedef struct AppWin {
    SDL_Renderer *r;
    RenderFonts *fonts;
    RenderSdl *backend;
    RenderList list;
    int width, height;       /* target size in physical pixels */
    float scale;             /* logical -> physical pixels: dpi * ui */
    float dpi;               /* HiDPI factor (drawable pixels per window point) */
    float ui;                /* interface size chosen with Ctrl+ / Ctrl- (1 = 100 %) */
    /* the scenario and its run */
    int python; /* --python override (0 = the file's version), kept across loads */
    Scenario *sc;
    LangRun *run;
    GcHeap *heap;
    Layout *layout;
    RenderCache *cache; /* what frames of the run share (the grid of cards, reachability) */
    GcRunIndex tl;
    char path[APP_PATH_MAX];
    long long mtime;
    char run_error[512];
    char *load_error;        /* problems of the last failed load (owned) */
    /* view */
    RenderView view;
    float fit_from[3], fit_to[3]; /* zoom, pan_x, pan_y tween */
    uint32_t fit_start;
    int fitting;
    AppTween *tweens;        /* gliding cards, at most one per card */
    int ntweens, captweens;
    uint32_t anim_start;
    char toast[600];
    uint32_t toast_until;
    char shots[APP_PATH_MAX];
    /* picker */
    char *picker_paths[APP_MAX_PICKER];
    char *picker_names[APP_MAX_PICKER]; /* the chapter or the scenario's title */
    char *picker_files[APP_MAX_PICKER]; /* the file name */
    char *picker_desc[APP_MAX_PICKER];  /* the scenario's description ("" if none) */
    int npicker;
    /* playing */
    uint32_t next_play;
    /* mouse */
    int mouse_down, dragging, drag_kind; /* drag_kind: 1 card, 2 pan, 3 timeline */
    GcId drag_id;
    float down_x, down_y, drag_dx, drag_dy, pan0_x, pan0_y;
    int quit;
    int confirm_quit; /* Q was pressed once: the question is shown */
    /* the course around the loaded file (its folder's index.json); "" if none */
    char chapter_prev[APP_PATH_MAX], chapter_next[APP_PATH_MAX];
    char chapter_prev_title[160], chapter_next_title[160];
    char prompt[400]; /* the question or the end-of-chapter prompt shown */
    int dirty;
    int settled;             /* no animations: cards move at once (tests, screenshots) */
    int64_t fine_from;       /* the history was recomputed from this statement stop
                                (LangRunOptions.fine_from; 0: the ordinary history) */
    int64_t stop_at;         /* the ordinary history's budget stopped the run here
                                (GcHistoryInfo.stopped_at; 0: it did not), with this
                                message: a recompute stops there too */
    char stop_msg[600];
    int follow;              /* AppWinOptions.follow */
    int open_at_end;         /* a load leaves the cursor where the run ended, not at the start:
                                record seeks to its frames from there (a walk back to 0 and
                                forward again costs seconds at 10^6 events) */
    float home[3];           /* zoom, pan x, y chosen on load: each recorded frame starts there */
    RenderGhosts ghosts;     /* a slide's ghosts side by side (render_ghost_row), for its view */
    int crowded;             /* a slide's living cards do not fit its heap readable (slide_view) */
    int fullscreen;          /* wanted: the window follows it (fullscreen_changed) */
    int fullscreen_changed;
    /* loading (app_win_open): a worker thread when async (the window) */
    int async;
    AppLoad *loading; /* the load running, NULL if none */
    char loading_path[APP_PATH_MAX];
    /* a reload in the worker (a file changed on disk, R, Ctrl+S): it keeps
     * the step shown and the places, and says how it went when it is
     * installed (loading_ok) or not (loading_fail; "": nothing) */
    int loading_keep;
    char loading_ok[160], loading_fail[200];
    int loading_keep_picker; /* the picker was open: reopen it if the load fails */
    /* a recompute in the worker (micro-steps where the budget kept only
     * statements, fine_step): the step asked for is taken once the run is
     * installed, if the cursor is still where it was (recompute_at) */
    int recomputing;
    int recompute_dir;      /* 1: forwards, -1: back */
    int32_t recompute_at;   /* the cursor when it started */
    int64_t recompute_was;  /* fine_from before it: kept if it fails or is cancelled */
    uint32_t loading_shown; /* SDL ticks of the last progress frame drawn (0: none yet) */
    int title_changed;      /* a load was installed: the window's title follows */
    char load_status[300];  /* how the last load ended ("Cancelled ...") */
    /* drill-down: the views (zoom, pan x, y) a click on a block of the
     * crowded overview left, the last on top; Backspace goes back */
    float drill[16][3];
    int ndrill;
    int down_block; /* the mouse went down on a block: its rectangle */
    float block_rect[4];
    /* progress of synchronous loads (record's line on stderr) */
    void (*on_load_progress)(void *ctx, const AppLoadStatus *st);
    void *load_progress_ctx;
} AppWin;

/* The key map (the same for the window and the tests). */
AppCmd app_cmd_from_key(SDL_Keycode key, Uint16 mod, int picker_open);

/* The window's renderer (app_window.c): SDL's accelerated one with vsync,
 * but SDL's software renderer instead when that one is OpenGL drawn by the
 * CPU (llvmpipe: the backend writing the window's pixels itself is faster,
 * render_sdl_follow_window) or there is none.  SDL_RENDER_DRIVER, when
 * set, is obeyed.  NULL with SDL_GetError() when there is no renderer. */
SDL_Renderer *app_window_renderer(SDL_Window *win);

AppWin *app_win_new(SDL_Renderer *r, int width, int height, float scale, const AppWinOptions *o);
void app_win_free(AppWin *w);
/* Loads a scenario; on failure the old one stays and the error is shown.
 * keep_step: after a reload, go back to the same top-level step.  Always
 * done before it returns (app_win_open may not be). */
int app_win_load(AppWin *w, const char *path, int keep_step);
/* Opens path as a new scenario (app_win_load(w, path, 0)), in a worker
 * thread when w->async: the window goes on drawing (the old scenario under
 * a progress panel) and app_win_tick installs the run once it is ready;
 * Escape cancels it (the old scenario stays).  A load already running is
 * cancelled first.  -1 if the file does not load (the error is shown),
 * else 0. */
int app_win_open(AppWin *w, const char *path);
/* Cancels the load running, if any, and waits for its thread. */
void app_win_cancel_load(AppWin *w);
/* Waits up to ms milliseconds for the load running to end and installs
 * it; 1 if no load is running any more. */
int app_win_wait_load(AppWin *w, uint32_t ms);
void app_win_resize(AppWin *w, int width, int height, float scale);
/* Zooms into the screen rectangle x, y, w, h (a block of the crowded
 * overview), keeping the view it leaves for APP_CMD_BACK_OUT. */
void app_win_drill(AppWin *w, float x, float y, float rw, float rh, uint32_t now);
/* Applies a command at time now (SDL ticks). */
void app_win_command(AppWin *w, AppCmd cmd, uint32_t now);
/* Seeks to a cursor (clamped), starting the step transition. */
void app_win_seek(AppWin *w, int32_t cursor, uint32_t now);
/* The history's budget dropped the micro-steps here: runs the program
 * again keeping them from statement stop `stop` (gc_history_stop) on,
 * and carries the cursor over.  0 done, -1 the run failed (the old
 * history stays). */
int app_win_recompute(AppWin *w, int64_t stop, uint32_t now);
/* The interface size in use (1 = 100 %): the one asked for, or less when
 * the window is too small for it. */
float app_win_ui_scale(const AppWin *w);
/* Shows every card of the run at once, however small (record --fit). */
void app_win_fit_run(AppWin *w);
/* The regions of w's frames (slide mode or not). */
void app_win_regions(const AppWin *w, RenderRegions *rg);
/* The view (zoom, pan x, y) of the frame at the current cursor when it is
 * chosen for that frame alone (recordings, slides): the view chosen on
 * load (in slide mode: the cards zoomed to fill the heap), moved or zoomed
 * out just enough to show the cards the caption names. */
void app_win_frame_view(AppWin *w, float *zoom, float *x, float *y);
/* What the window does while idle (no event, nothing to draw): the blocks'
 * cells of the step shown (render_cells_warm).  1 if it did some work (ask
 * again), 0 if there is nothing to do. */
int app_win_idle(AppWin *w);
/* Advances animations, playing, toasts; returns 1 if a redraw is needed.
 * *wait_ms gets how long the loop may sleep. */
int app_win_tick(AppWin *w, uint32_t now, uint32_t *wait_ms);
/* Builds the frame's display list into w->list (nothing drawn). */
int app_win_build(AppWin *w);
/* Builds and draws the frame onto the renderer (not presented). */
int app_win_draw(AppWin *w, uint32_t now);
/* Mouse, in physical pixels (SDL gives window points: times scale).
 * clicks: SDL's count, 2 for a double-click, which sends a dragged card
 * back to its home. */
void app_win_mouse_down(AppWin *w, float x, float y, int clicks, uint32_t now);
void app_win_mouse_move(AppWin *w, float x, float y, uint32_t now);
/* The mouse left the window: no tooltip. */
void app_win_mouse_leave(AppWin *w);
void app_win_mouse_up(AppWin *w, float x, float y, uint32_t now);
void app_win_wheel(AppWin *w, float x, float y, float dy);
/* Saves a PNG of the current frame; returns 0 and the path, or -1. */
int app_win_screenshot(AppWin *w, char *path_out, size_t n);
/* Writes the places of the cards dragged or pinned into the loaded file
 * ("# pin:" lines of a .py, "layout" of a JSON scenario; a key is the
 * variable that first held the object, else "Node #3") and reloads it.
 * Returns the number of cards saved, or -1 with the reason in msg. */
int app_win_save_layout(AppWin *w, char *msg, size_t n);
void app_win_toast(AppWin *w, const char *msg, int is_error, uint32_t now);
int32_t app_win_cursor(const AppWin *w);
/* Fills the scenario picker from the bundled folder and the current one. */
void app_win_scan_picker(AppWin *w);
/* The question or prompt the frame shows now ("" if none): the quit
 * confirmation, or at the end of a chapter of a course, the next one. */
const char *app_win_prompt(AppWin *w);
/* The window title for the loaded scenario. */
void app_win_title(const AppWin *w, char *buf, size_t n);

#endif
