/*
 * test_record.c: `gcviz record` end to end, in process (app_record_main
 * with the window's core, exactly as the executable links them), then the
 * files are read back: same bytes twice (and with one or two processes),
 * PNG sizes, pixels of a card, an arrow and the caption bar in the theme's
 * colours at the places the display list says, the GIF's frames, the
 * unwritable folder, the temporary names; micro-steps the history's budget
 * dropped, recomputed for `record` and for the window's step keys; a
 * long program loading in the window's worker thread, cancelled.
 *
 * `test_record NAME OUTDIR` runs one test; files go under OUTDIR.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <gif_lib.h>

#include "app.h"
#include "app_window_internal.h"
#include "record.h"

#include "../common/check.h"

#ifndef GCVIZ_GOLDEN_DIR
#define GCVIZ_GOLDEN_DIR "tests/golden/scenarios"
#endif

static const char *outdir;

static const char *scenario(const char *name)
{
    static char buf[2][1024];
    static int k;
    k ^= 1;
    snprintf(buf[k], sizeof buf[k], "%s/%s", GCVIZ_GOLDEN_DIR, name);
    return buf[k];
}

static const char *out(const char *sub)
{
    static char buf[4][2048];
    static int k;
    k = (k + 1) & 3;
    snprintf(buf[k], sizeof buf[k], "%s/%s", outdir, sub);
    return buf[k];
}

/* Runs `gcviz record ARGS...` in process; NULL ends the list. */
static int record(const char *first, ...)
{
    char *argv[64];
    int argc = 0;
    argv[argc++] = (char *)"record";
    va_list ap;
    va_start(ap, first);
    for (const char *a = first; a && argc < 63; a = va_arg(ap, const char *))
        argv[argc++] = (char *)a;
    va_end(ap);
    argv[argc] = NULL;
    return app_record_main(argc, argv);
}

static void rm_rf(const char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot clean %s\n", dir);
}

/* Sorted names of the files in dir with the extension ext (NULL: all). */
static int list_files(const char *dir, const char *ext, char names[][256], int max)
{
    DIR *d = opendir(dir);
    int n = 0;
    if (!d)
        return 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < max) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.' && (len <= 2 || !ext))
            continue;
        if (ext && (len < strlen(ext) || strcmp(de->d_name + len - strlen(ext), ext) != 0))
            continue;
        snprintf(names[n++], 256, "%s", de->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, 256, (int (*)(const void *, const void *))strcmp);
    return n;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = 0;
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static int same_file(const char *a, const char *b)
{
    size_t la, lb;
    char *x = slurp(a, &la), *y = slurp(b, &lb);
    int same = x && y && la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

static char names_a[2000][256], names_b[2000][256];

/* Every file of dir a is in b with the same bytes, and b has no other. */
static void same_dirs(const char *a, const char *b)
{
    int na = list_files(a, NULL, names_a, 2000), nb = list_files(b, NULL, names_b, 2000);
    CHECK(na == nb && na > 0, "%s has %d files, %s has %d", a, na, b, nb);
    for (int i = 0; i < na && i < nb; i++) {
        char pa[2400], pb[2400];
        snprintf(pa, sizeof pa, "%.2000s/%.255s", a, names_a[i]);
        snprintf(pb, sizeof pb, "%.2000s/%.255s", b, names_b[i]);
        CHECK(strcmp(names_a[i], names_b[i]) == 0, "%s vs %s", names_a[i], names_b[i]);
        CHECK(same_file(pa, pb), "%s and %s differ", pa, pb);
    }
}

/* ---- tests ------------------------------------------------------------------------ */

/* The same scenario and options twice give the same bytes (PNG, SVG, GIF),
 * whether one process renders or two. */
static void t_twice(void)
{
    const char *s = scenario("f02_two_cycle.json");
    rm_rf(out("twice"));
    CHECK(record(s, "--out", out("twice/a"), "--every", "phase", "--svg", "--gif",
                 out("twice/a/all.gif"), "--quiet", "--jobs", "1", NULL) == 0, "first run");
    CHECK(record(s, "--out", out("twice/b"), "--every", "phase", "--svg", "--gif",
                 out("twice/b/all.gif"), "--quiet", "--jobs", "1", NULL) == 0, "second run");
    CHECK(record(s, "--out", out("twice/c"), "--every", "phase", "--svg", "--gif",
                 out("twice/c/all.gif"), "--quiet", "--jobs", "2", NULL) == 0, "two processes");
    same_dirs(out("twice/a"), out("twice/b"));
    same_dirs(out("twice/a"), out("twice/c"));
    /* names sort in recording order: cursors (the last number) increase */
    int n = list_files(out("twice/a"), ".png", names_a, 2000);
    CHECK(n > 10, "%d frames", n);
    long prev = -1;
    for (int i = 0; i < n; i++) {
        const char *dash = strrchr(names_a[i], '-');
        long c = dash ? strtol(dash + 1, NULL, 10) : -1;
        CHECK(c > prev, "%s is out of order", names_a[i]);
        prev = c;
    }
}

/* A software renderer on a w x h surface: the window tests draw without a
 * display.  NULL (a failed check) when SDL cannot make one. */
static SDL_Renderer *soft_renderer(int w, int h, SDL_Surface **surf)
{
    *surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_XRGB8888);
    SDL_Renderer *r = *surf ? SDL_CreateSoftwareRenderer(*surf) : NULL;
    CHECK(r != NULL, "renderer: %s", SDL_GetError());
    return r;
}

static void soft_free(SDL_Renderer *r, SDL_Surface *surf)
{
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
}

static void png_size(const char *path, int *w, int *h)
{
    uint32_t *px = NULL;
    *w = *h = 0;
    if (record_png_read(path, &px, w, h) < 0)
        fprintf(stderr, "%s\n", SDL_GetError());
    free(px);
}

/* Every PNG is --size x --scale pixels. */
static void t_sizes(void)
{
    static const struct {
        const char *size, *scale;
        int w, h;
    } cases[] = {{NULL, NULL, 1920, 1080}, {"800x600", "2", 1600, 1200}, {"1024x768", "1.5", 1536, 1152}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char sub[64];
        snprintf(sub, sizeof sub, "sizes/%zu", i);
        rm_rf(out(sub));
        const char *dir = out(sub);
        int rc = cases[i].size ? record(scenario("f02_two_cycle.json"), "--out", dir, "--from", "2",
                                        "--to", "3", "--size", cases[i].size, "--scale",
                                        cases[i].scale, "--quiet", NULL)
                               : record(scenario("f02_two_cycle.json"), "--out", dir, "--from", "2",
                                        "--to", "3", "--quiet", NULL);
        CHECK(rc == 0, "case %zu: exit %d", i, rc);
        int n = list_files(dir, ".png", names_a, 2000);
        CHECK(n == 2, "case %zu: %d frames for statements 2..3", i, n);
        for (int k = 0; k < n; k++) {
            char p[2400];
            int w, h;
            snprintf(p, sizeof p, "%.2000s/%.255s", dir, names_a[k]);
            png_size(p, &w, &h);
            CHECK(w == cases[i].w && h == cases[i].h, "%s is %dx%d, not %dx%d", p, w, h, cases[i].w,
                  cases[i].h);
        }
    }
}

static RenderColor px_at(const uint32_t *px, int w, int x, int y)
{
    uint32_t v = px[(size_t)y * (size_t)w + (size_t)x];
    return (RenderColor){(uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v, 255};
}

static int near(RenderColor a, RenderColor b, int tol)
{
    return abs(a.r - b.r) <= tol && abs(a.g - b.g) <= tol && abs(a.b - b.b) <= tol;
}

static double coverage(const uint32_t *px, int w, float x, float y, float rw, float rh, RenderColor c)
{
    long hit = 0, all = 0;
    for (int j = (int)y; j < (int)(y + rh); j++)
        for (int i = (int)x; i < (int)(x + rw); i++, all++)
            hit += near(px_at(px, w, i, j), c, 2);
    return all ? (double)hit / (double)all : 0;
}

/* Pixels of a recorded frame where the window's display list puts a card,
 * an arrow and the caption bar, in the theme's colours; for each theme and
 * at scale 1 and 2. */
static void t_pixels(void)
{
    static const char *const themes[] = {"dark", "light", "contrast"};
    for (int ti = 0; ti < 3; ti++)
        for (int scale = 1; scale <= 2; scale++) {
            char sub[64], sc[8];
            snprintf(sub, sizeof sub, "pixels/%s%d", themes[ti], scale);
            snprintf(sc, sizeof sc, "%d", scale);
            const char *dir = out(sub);
            rm_rf(dir);
            /* after statement 4 of f02: two nodes, a.peer = b drawn as an arrow */
            int rc = record(scenario("f02_two_cycle.json"), "--out", dir, "--from", "4", "--to", "4",
                            "--theme", themes[ti], "--size", "1280x800", "--scale", sc, "--quiet",
                            NULL);
            CHECK(rc == 0, "exit %d", rc);
            int n = list_files(dir, ".png", names_a, 10);
            CHECK(n == 1, "%d frames", n);
            if (n != 1)
                continue;
            char p[2400];
            snprintf(p, sizeof p, "%.2000s/%.255s", dir, names_a[0]);
            uint32_t *px = NULL;
            int w = 0, h = 0;
            CHECK(record_png_read(p, &px, &w, &h) == 0, "%s", SDL_GetError());
            if (!px)
                continue;
            /* the same frame's display list, as the window builds it */
            SDL_Surface *surf;
            SDL_Renderer *r = soft_renderer(w, h, &surf);
            if (!r) {
                free(px);
                continue;
            }
            /* following the subject, as record's window does (a recording
             * has its own view: the run zoomed to fill the heap) */
            AppWinOptions o = {NULL, render_theme_from_name(themes[ti]), 1, 0, 1, 0, 0};
            AppWin *win = app_win_new(r, w, h, (float)scale, &o);
            win->settled = 1;
            CHECK(app_win_load(win, scenario("f02_two_cycle.json"), 0) == 0, "load");
            app_win_frame_view(win, &win->view.zoom, &win->view.pan_x, &win->view.pan_y);
            long cur = strtol(strrchr(names_a[0], '-') + 1, NULL, 10);
            app_win_seek(win, (int32_t)cur, 0);
            CHECK(app_win_draw(win, 0) == 0, "draw");
            const RenderTheme *t = render_theme(o.theme);
            const RenderList *l = &win->list;
            /* a card: its header and body colours fill most of it */
            int cards = 0;
            for (int32_t i = 0; i < l->nhits; i++) {
                const RenderHit *hit = &l->hits[i];
                if (hit->kind != RENDER_HIT_CARD)
                    continue;
                cards++;
                double head = coverage(px, w, hit->x, hit->y, hit->w, hit->h, t->card_header);
                double body = coverage(px, w, hit->x, hit->y, hit->w, hit->h, t->card);
                CHECK(head > 0.15 && head + body > 0.4,
                      "%s x%d card #%d: %.0f %% header colour, %.0f %% body colour", themes[ti],
                      scale, (int)hit->id, head * 100, body * 100);
            }
            CHECK(cards == 2, "%d cards", cards);
            /* an arrow: the middle of each arrowhead in the arrow's colour */
            int heads = 0, checked = 0;
            for (int32_t i = 0; i < l->ncmds; i++) {
                const RenderCmd *c = &l->cmds[i];
                if (c->kind != RENDER_CMD_LINE || c->head <= 0 || c->color.a != 255)
                    continue;
                const RenderPt *q = l->pts + c->pts;
                RenderPt tip = q[c->npts - 1], from = q[c->npts - 2];
                float dx = tip.x - from.x, dy = tip.y - from.y, len = sqrtf(dx * dx + dy * dy);
                if (len < 1)
                    continue;
                float mx = tip.x - dx / len * c->head * 0.55f, my = tip.y - dy / len * c->head * 0.55f;
                RenderColor got = px_at(px, w, (int)mx, (int)my);
                CHECK(near(got, c->color, 24), "%s x%d arrowhead at %.0f,%.0f is %02x%02x%02x, not %02x%02x%02x",
                      themes[ti], scale, mx, my, got.r, got.g, got.b, c->color.r, c->color.g, c->color.b);
                heads += near(c->color, t->arrow, 0) || near(c->color, t->arrow_root, 0);
                checked++;
            }
            CHECK(heads >= 1 && checked >= 1, "%s x%d: %d arrowheads, %d in the theme's arrow colours",
                  themes[ti], scale, checked, heads);
            /* the caption bar: the panel colour around the text */
            RenderRegions rg;
            render_regions(w, h, (float)scale, &rg);
            float m = 12.0f * (float)scale;
            float cy = rg.heap_y + rg.heap_h + m, ch = rg.caption_h * (float)scale - m;
            double cap = coverage(px, w, rg.code_x + m, cy + 4, (float)w - 2 * m - 2 * m, ch - 8, t->panel);
            CHECK(cap > 0.7, "%s x%d: caption bar %.0f %% panel colour", themes[ti], scale, cap * 100);
            app_win_free(win);
            soft_free(r, surf);
            free(px);
        }
}

/* --gif-delay S,P,M (on the course's chapter 8, a .py program): each frame
 * shows as long as its kind of stop says,
 * 3 s longer at the end of a step marked "pause", 1 s more on the first
 * frame and 2.5 s on the last; bad values are usage errors. */
static void t_gif_delay(void)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/../../../scenarios/08_collect_step_by_step.py", GCVIZ_GOLDEN_DIR);
    const char *dir = out("gifdelay");
    rm_rf(dir);
    CHECK(record(path, "--out", dir, "--every", "phase", "--gif", out("gifdelay/anim/all.gif"), "--gif-delay",
                 "2,3,0.5", "--size", "640x360", "--quiet", "--jobs", "1", NULL) == 0,
          "record");
    /* the same stops, to know each frame's kind and statement */
    Scenario *sc = scenario_load(path, NULL);
    CHECK(sc != NULL, "load %s", path);
    if (!sc)
        return;
    LangRunOptions ro;
    memset(&ro, 0, sizeof ro);
    ro.record = 1;
    LangRun *run = lang_run(sc->program, &ro);
    GcHeap *h = lang_run_heap(run);
    GcRunIndex tl;
    memset(&tl, 0, sizeof tl);
    CHECK(gc_index_build(&tl, h) == 0, "timeline");
    RecordPoint *pts = NULL;
    int32_t n = record_points(h, &tl, RENDER_GRAN_PHASE, &pts);
    int err = 0;
    GifFileType *g = DGifOpenFileName(out("gifdelay/anim/all.gif"), &err);
    CHECK(g != NULL && DGifSlurp(g) == GIF_OK, "decode");
    int pauses = 0, phases = 0;
    for (int32_t i = 0; g && i < n && i < g->ImageCount; i++) {
        GraphicsControlBlock gcb;
        CHECK(DGifSavedExtensionToGCB(g, i, &gcb) == GIF_OK, "frame %d has no delay", (int)i);
        int want = pts[i].kind == RENDER_GRAN_STATEMENT ? 200 : pts[i].kind == RENDER_GRAN_PHASE ? 300 : 50;
        /* a .py program's last stop is its exit step, which is no statement */
        if (pts[i].kind == RENDER_GRAN_STATEMENT && pts[i].step >= 1 &&
            pts[i].step <= lang_step_count(sc->program)) {
            const LangLoc *loc = lang_loc(sc->program, lang_step(sc->program, pts[i].step - 1)->loc);
            if (loc && loc->pause) {
                want += 300;
                pauses++;
            }
        }
        phases += pts[i].kind == RENDER_GRAN_PHASE;
        want += (i == 0 ? 100 : 0) + (i == n - 1 ? 250 : 0);
        CHECK(gcb.DelayTime == want, "frame %d (kind %d, step %d): delay %d, want %d", (int)i, pts[i].kind,
              (int)pts[i].step, gcb.DelayTime, want);
    }
    CHECK(g && g->ImageCount == n, "%d frames for %d stops", g ? g->ImageCount : -1, (int)n);
    CHECK(pauses >= 1 && phases >= 10, "%d pause frames, %d phase frames", pauses, phases);
    if (g)
        DGifCloseFile(g, &err);
    free(pts);
    gc_index_free(&tl);
    lang_run_free(run);
    scenario_free(sc);
    static const char *const bad[] = {"1,2", "0", "abc", "1,2,3,4", "2,,3", "61", "1,2,x"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        CHECK(record(path, "--out", out("gifdelay/bad"), "--gif-delay", bad[k], "--quiet", NULL) == 2,
              "--gif-delay %s is refused", bad[k]);
    rm_rf(dir);
}

/* The GIF has one frame per PNG, loops, and each frame has a delay. */
static void t_gif(void)
{
    const char *dir = out("gif");
    rm_rf(dir);
    CHECK(record(scenario("f02_two_cycle.json"), "--out", dir, "--every", "phase", "--gif",
                 out("gif/anim/all.gif"), "--quiet", NULL) == 0, "record");
    int n = list_files(dir, ".png", names_a, 2000);
    int err = 0;
    GifFileType *g = DGifOpenFileName(out("gif/anim/all.gif"), &err);
    CHECK(g != NULL, "open: %s", GifErrorString(err));
    if (!g)
        return;
    CHECK(DGifSlurp(g) == GIF_OK, "decode: %s", GifErrorString(g->Error));
    CHECK(g->ImageCount == n && n > 5, "%d GIF frames for %d PNGs", g->ImageCount, n);
    CHECK(g->SWidth == 1920 && g->SHeight == 1080, "%dx%d", g->SWidth, g->SHeight);
    int loops = 0;
    for (int i = 0; i < g->ImageCount; i++) {
        GraphicsControlBlock gcb;
        CHECK(DGifSavedExtensionToGCB(g, i, &gcb) == GIF_OK, "frame %d has no delay", i);
        CHECK(gcb.DelayTime > 0, "frame %d: delay %d", i, gcb.DelayTime);
        for (int k = 0; k < g->SavedImages[i].ExtensionBlockCount; k++) {
            const ExtensionBlock *e = &g->SavedImages[i].ExtensionBlocks[k];
            loops += e->Function == APPLICATION_EXT_FUNC_CODE && e->ByteCount == 11 &&
                     memcmp(e->Bytes, "NETSCAPE2.0", 11) == 0;
        }
    }
    CHECK(loops == 1, "NETSCAPE2.0 loop block found %d times", loops);
    /* the first frame, decoded, is the first PNG within the dithering */
    if (g->ImageCount > 0 && n > 0) {
        char p[2400];
        snprintf(p, sizeof p, "%.2000s/%.255s", dir, names_a[0]);
        uint32_t *px = NULL;
        int w, h;
        if (record_png_read(p, &px, &w, &h) == 0) {
            const SavedImage *im = &g->SavedImages[0];
            const ColorMapObject *cm = im->ImageDesc.ColorMap ? im->ImageDesc.ColorMap : g->SColorMap;
            long close = 0, all = 0;
            for (int y = 0; y < im->ImageDesc.Height; y += 3)
                for (int x = 0; x < im->ImageDesc.Width; x += 3, all++) {
                    GifColorType c = cm->Colors[im->RasterBits[y * im->ImageDesc.Width + x]];
                    RenderColor want = px_at(px, w, x + im->ImageDesc.Left, y + im->ImageDesc.Top);
                    close += near((RenderColor){c.Red, c.Green, c.Blue, 255}, want, 40);
                }
            CHECK(close > all * 97 / 100, "only %ld of %ld GIF pixels near the PNG", close, all);
            free(px);
        }
    }
    DGifCloseFile(g, &err);
}

/* A folder that cannot be written: exit 3, and nothing in it. */
static void t_unwritable(void)
{
    char file[2100], dir[2200];
    snprintf(file, sizeof file, "%s", out("a_file"));
    FILE *f = fopen(file, "w");
    CHECK(f != NULL, "cannot make %s", file);
    if (f)
        fclose(f);
    /* under a regular file: no folder can be made there, even as root */
    snprintf(dir, sizeof dir, "%s/sub", file);
    CHECK(record(scenario("f02_two_cycle.json"), "--out", dir, "--quiet", NULL) == 3, "file/sub");
    CHECK(strstr(SDL_GetError(), "not a") || strstr(SDL_GetError(), "cannot"), "message: %s",
          SDL_GetError());
    CHECK(record(scenario("f02_two_cycle.json"), "--out", "/proc/gcviz-record-test", "--quiet", NULL) == 3,
          "/proc");
    /* the GIF's folder too */
    snprintf(dir, sizeof dir, "%s/x.gif", file);
    CHECK(record(scenario("f02_two_cycle.json"), "--out", out("unw"), "--gif", dir, "--quiet", NULL) == 3,
          "gif under a file");
}

/* A file being written never has its final name until it is complete. */
static void t_temp_names(void)
{
    const char *dir = out("temp");
    rm_rf(dir);
    CHECK(record_make_dirs(dir) == 0, "%s", SDL_GetError());
    char path[2400];
    snprintf(path, sizeof path, "%s/frame.png", dir);
    RecordFile rf;
    CHECK(record_file_open(&rf, path) == 0, "%s", SDL_GetError());
    fputs("half", rf.f);
    fflush(rf.f);
    struct stat st;
    CHECK(stat(path, &st) != 0, "the final name exists while writing");
    CHECK(stat(rf.tmp, &st) == 0 && strstr(rf.tmp, "/.frame.png.part"), "temporary %s", rf.tmp);
    record_file_abort(&rf);
    CHECK(stat(path, &st) != 0 && stat(rf.tmp, &st) != 0, "something left after abort");
    CHECK(record_file_open(&rf, path) == 0, "%s", SDL_GetError());
    fputs("whole", rf.f);
    CHECK(record_file_commit(&rf) == 0, "%s", SDL_GetError());
    CHECK(stat(path, &st) == 0 && st.st_size == 5, "commit");
    /* after a recording, no temporary is left */
    rm_rf(dir);
    CHECK(record(scenario("f19_list_and_instance.json"), "--out", dir, "--svg", "--quiet", NULL) == 0,
          "record");
    int n = list_files(dir, NULL, names_a, 2000), parts = 0;
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d && (de = readdir(d)))
        parts += strstr(de->d_name, ".part") != NULL;
    if (d)
        closedir(d);
    CHECK(n > 0 && parts == 0, "%d files, %d temporaries", n, parts);
}

/* Names, stops and options: the pieces a user sees. */
static void t_points(void)
{
    ScenarioErrors errs;
    memset(&errs, 0, sizeof errs);
    Scenario *s = scenario_load(scenario("f02_two_cycle.json"), &errs);
    CHECK(s != NULL, "load");
    if (!s)
        return;
    LangRunOptions o;
    memset(&o, 0, sizeof o);
    o.record = 1;
    LangRun *r = lang_run(s->program, &o);
    GcHeap *h = lang_run_heap(r);
    GcRunIndex tl;
    memset(&tl, 0, sizeof tl);
    CHECK(gc_index_build(&tl, h) == 0, "timeline");
    RecordPoint *st = NULL, *ph = NULL, *mi = NULL;
    int32_t ns = record_points(h, &tl, RENDER_GRAN_STATEMENT, &st);
    int32_t np = record_points(h, &tl, RENDER_GRAN_PHASE, &ph);
    int32_t nm = record_points(h, &tl, RENDER_GRAN_MICRO, &mi);
    /* the beginning and the end of each of the 8 statements */
    CHECK(ns == 9, "%d statement stops", ns);
    CHECK(np > ns && nm > np && nm == gc_event_count(h) + 1, "%d %d %d", ns, np, nm);
    for (int32_t i = 0; i < ns; i++)
        CHECK(st[i].step == i, "stop %d shows statement %d", i, st[i].step);
    RecordNaming nmg;
    record_naming(mi, nm, &nmg);
    char a[256], b[256];
    int ordered = 1;
    for (int32_t i = 1; i < nm; i++) {
        record_frame_name(a, sizeof a, "x", &mi[i - 1], &nmg, ".png");
        record_frame_name(b, sizeof b, "x", &mi[i], &nmg, ".png");
        ordered &= strcmp(a, b) < 0;
    }
    CHECK(ordered, "micro-step names do not sort in order");
    record_frame_name(a, sizeof a, "f02_two_cycle", &st[ns - 1], &nmg, ".png");
    CHECK(strncmp(a, "f02_two_cycle-s008-p", 20) == 0 && strstr(a, "_idle-"), "%s", a);
    free(st);
    free(ph);
    free(mi);
    gc_index_free(&tl);
    lang_run_free(r);
    scenario_free(s);
}

/* ---- micro-steps the history's budget dropped (issue 14) ----------------------------- */

/* A loop that fills a small history budget, then a cycle collected. */
static const char LONG_PY[] =
    "import gc\n"
    "\n"
    "\n"
    "class Node:\n"
    "    pass\n"
    "\n"
    "\n"
    "keep = []\n"
    "for i in range(1500):\n"
    "    n = Node()\n"
    "    n.me = n\n"
    "    keep.append(n)\n"
    "    if len(keep) > 3:\n"
    "        keep.pop(0)\n"
    "a = Node()\n"
    "b = Node()\n"
    "a.other = b\n"
    "b.other = a\n"
    "del a, b\n"
    "print(gc.collect())\n";

/* Writes LONG_PY under the output folder; returns its path and sets
 * *budget to half of what its whole history needs (statement-level from
 * a quarter of the run on). */
static const char *long_program(int64_t *budget)
{
    const char *path = out("long.py");
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(LONG_PY, 1, sizeof LONG_PY - 1, f) == sizeof LONG_PY - 1, "write %s", path);
    if (f)
        fclose(f);
    ScenarioErrors errs;
    memset(&errs, 0, sizeof errs);
    Scenario *s = scenario_load(path, &errs);
    *budget = 0;
    if (!s)
        return path;
    LangRunOptions o;
    memset(&o, 0, sizeof o);
    o.record = 1;
    o.history_budget = (int64_t)1 << 40;
    LangRun *r = lang_run(s->program, &o);
    *budget = gc_history_info(lang_run_heap(r)).bytes / 2;
    lang_run_free(r);
    scenario_free(s);
    return path;
}

/* The frame names without their event number ("long-s012-p00_idle"). */
static int frame_names(const char *dir, char names[][256], int max)
{
    int n = list_files(dir, ".png", names, max);
    for (int i = 0; i < n; i++) {
        char *dash = strrchr(names[i], '-');
        if (dash)
            *dash = 0;
    }
    return n;
}

/* record --every micro of the statements after the loop: the frames of an
 * unbounded history, though the budget kept only statements there. */
static void t_recompute(void)
{
    int64_t budget;
    char py[2048];
    snprintf(py, sizeof py, "%s", long_program(&budget));
    char b[32];
    snprintf(b, sizeof b, "%lld", (long long)budget);
    rm_rf(out("recompute/a"));
    rm_rf(out("recompute/b"));
    setenv("GCVIZ_HISTORY_BUDGET", b, 1);
    CHECK(record(py, "--out", out("recompute/a"), "--every", "micro", "--from", "8", "--to", "9",
                 "--size", "427x240", "--quiet", NULL) == 0,
          "record with budget %s", b);
    setenv("GCVIZ_HISTORY_BUDGET", "1G", 1);
    CHECK(record(py, "--out", out("recompute/b"), "--every", "micro", "--from", "8", "--to", "9",
                 "--size", "427x240", "--quiet", NULL) == 0,
          "record unbounded");
    unsetenv("GCVIZ_HISTORY_BUDGET");
    int na = frame_names(out("recompute/a"), names_a, 2000),
        nb = frame_names(out("recompute/b"), names_b, 2000);
    CHECK(na == nb && nb >= 10, "%d frames with the budget, %d without", na, nb);
    for (int i = 0; i < na && i < nb; i++)
        if (strcmp(names_a[i], names_b[i]) != 0) {
            CHECK(0, "frame %d: %s vs %s", i, names_a[i], names_b[i]);
            break;
        }
}

/* Two windows on the program py: *f with the whole history, *a with the
 * history's budget set to budget (GCVIZ_HISTORY_BUDGET stays set, so the
 * runs a recomputes read it too; the caller unsets it).  0 when both
 * loaded. */
static int load_pair(SDL_Renderer *r, int w, int h, const char *py, int64_t budget, AppWin **a,
                     AppWin **f)
{
    AppWinOptions wo = {out("shots"), 0, 1, 0, 0, 0, 0};
    char bb[32];
    snprintf(bb, sizeof bb, "%lld", (long long)budget);
    *a = app_win_new(r, w, h, 1, &wo);
    *f = app_win_new(r, w, h, 1, &wo);
    setenv("GCVIZ_HISTORY_BUDGET", "1G", 1);
    CHECK(*f && app_win_load(*f, py, 0) == 0, "load unbounded");
    setenv("GCVIZ_HISTORY_BUDGET", bb, 1);
    CHECK(*a && app_win_load(*a, py, 0) == 0, "load with budget %s", bb);
    return *a && *f && (*a)->heap && (*f)->heap ? 0 : -1;
}

/* The window: stepping micro-steps forwards and back where the budget kept
 * only statements runs the program again and shows the same states, event
 * by event, as a window with the whole history.  async: as the window
 * does it, in the worker thread (the step is taken when the run is
 * installed; before, the whole window waited for the run). */
static void recompute_window(int async)
{
    int64_t budget;
    char py[2048];
    snprintf(py, sizeof py, "%s", long_program(&budget));
    SDL_Surface *surf;
    SDL_Renderer *r = soft_renderer(640, 360, &surf);
    if (!r)
        return;
    /* the environment is read by every run, the recomputed ones too */
    AppWin *a, *f;
    if (load_pair(r, 640, 360, py, budget, &a, &f) < 0)
        return;
    a->settled = f->settled = 1;
    a->async = async;
    GcHistoryInfo hi = gc_history_info(a->heap);
    CHECK(hi.coarse_from > 0, "the budget run kept every micro-step");
    /* statement granularity to the last statement, then micro-steps */
    app_win_command(a, APP_CMD_END, 0);
    app_win_command(f, APP_CMD_END, 0);
    for (int i = 0; i < 3; i++) {
        app_win_command(a, APP_CMD_PREV_STMT, 0);
        app_win_command(f, APP_CMD_PREV_STMT, 0);
    }
    CHECK(!gc_history_fine(a->heap, gc_cursor(a->heap)), "already fine at %d", gc_cursor(a->heap));
    a->view.gran = f->view.gran = RENDER_GRAN_MICRO;
    int steps = 0, differ = 0, in_worker = 0;
    for (int dir = 0; dir < 2; dir++)
        for (int i = 0; i < 40; i++) {
            AppCmd c = dir == 0 ? APP_CMD_NEXT : APP_CMD_PREV;
            app_win_command(a, c, 0);
            if (a->loading) {
                in_worker++;
                CHECK(app_win_wait_load(a, 120000), "the recompute did not end");
            }
            app_win_command(f, c, 0);
            const GcGlobals *ga = gc_globals(a->heap), *gf = gc_globals(f->heap);
            const GcEvent *ea = gc_event(a->heap, gc_cursor(a->heap) - 1),
                          *ef = gc_event(f->heap, gc_cursor(f->heap) - 1);
            int same = ea && ef && ea->kind == ef->kind && ea->obj == ef->obj && ea->a == ef->a &&
                       ea->b == ef->b && ga->count[0] == gf->count[0] &&
                       ga->allocated == gf->allocated && ga->freed == gf->freed;
            for (GcId id = 1; same && id <= gc_max_id(f->heap); id++) {
                const GcObject *oa = gc_object(a->heap, id), *of = gc_object(f->heap, id);
                same = (!oa) == (!of) &&
                       (!oa || (oa->refcnt == of->refcnt && oa->state == of->state &&
                                oa->gc_refs == of->gc_refs && oa->list == of->list));
            }
            differ += !same;
            steps++;
        }
    CHECK(differ == 0, "%d of %d micro-steps differ from the whole history's", differ, steps);
    CHECK(a->fine_from > 0, "the window did not recompute");
    CHECK(!async || in_worker > 0, "no recompute ran in the worker");
    CHECK(async || in_worker == 0, "a recompute ran in the worker without async");
    unsetenv("GCVIZ_HISTORY_BUDGET");
    app_win_free(a);
    app_win_free(f);
    soft_free(r, surf);
}

static void t_recompute_window(void) { recompute_window(0); }
static void t_recompute_async(void) { recompute_window(1); }

/* A run the history's budget stopped, recomputed by the window from a
 * statement of its statement-level part: it ends where the first run
 * ended, with the same error (by its own budget it ran further). */
static void t_recompute_stopped(void)
{
    int64_t budget;
    char py[2048];
    snprintf(py, sizeof py, "%s", long_program(&budget));
    SDL_Surface *surf;
    SDL_Renderer *r = soft_renderer(640, 360, &surf);
    if (!r)
        return;
    AppWinOptions wo = {out("shots"), 0, 1, 0, 0, 0, 0};
    char bb[32];
    snprintf(bb, sizeof bb, "%lld", (long long)(budget / 4));
    setenv("GCVIZ_HISTORY_BUDGET", bb, 1);
    AppWin *a = app_win_new(r, 640, 360, 1, &wo);
    CHECK(a && app_win_load(a, py, 0) == 0 && a->heap, "load with budget %s", bb);
    if (a && a->heap) {
        GcHistoryInfo hi = gc_history_info(a->heap);
        int32_t n = gc_event_count(a->heap);
        int64_t last = gc_history_stop(a->heap, n), first = gc_history_stop(a->heap, hi.coarse_from);
        CHECK(hi.full && last > first + 10, "the budget did not stop the run (stops %lld..%lld)",
              (long long)first, (long long)last);
        char err[sizeof a->run_error];
        snprintf(err, sizeof err, "%s", a->run_error);
        int step = gc_event(a->heap, n - 1)->step;
        CHECK(app_win_recompute(a, first + (last - first) / 3, 0) == 0 && a->fine_from > 0,
              "the window did not recompute");
        n = gc_event_count(a->heap);
        CHECK(strcmp(a->run_error, err) == 0, "the recomputed run's error:\n%s\nnot\n%s",
              a->run_error, err);
        CHECK(gc_history_stop(a->heap, n) == last && gc_event(a->heap, n - 1)->step == step,
              "the recomputed run ends at stop %lld step %d, the first at %lld step %d",
              (long long)gc_history_stop(a->heap, n), gc_event(a->heap, n - 1)->step,
              (long long)last, step);
    }
    unsetenv("GCVIZ_HISTORY_BUDGET");
    app_win_free(a);
    soft_free(r, surf);
}

/* A program that would run for an hour with its history (9 million
 * iterations, each object kept): only ever run to be cancelled. */
static const char ENDLESS_PY[] = "import gc\n"
                                 "\n"
                                 "\n"
                                 "class Node:\n"
                                 "    pass\n"
                                 "\n"
                                 "\n"
                                 "gc.disable()\n"
                                 "keep = []\n"
                                 "for i in range(9000000):\n"
                                 "    t = Node()\n"
                                 "    keep.append(t)\n"
                                 "print(len(keep))\n";

/* Does the display list hold a text that starts with prefix and contains
 * part? */
static int list_has_text(const RenderList *l, const char *prefix, const char *part)
{
    for (int32_t i = 0; i < l->ncmds; i++) {
        if (l->cmds[i].kind != RENDER_CMD_TEXT)
            continue;
        const char *t = render_cmd_text(l, &l->cmds[i]);
        if (t && strncmp(t, prefix, strlen(prefix)) == 0 && strstr(t, part))
            return 1;
    }
    return 0;
}

/* Ticks w until its load has run at least stmts statements (or ended, or
 * 300 s passed); the statements it ran. */
static int64_t tick_until(AppWin *w, int64_t stmts)
{
    uint32_t t0 = SDL_GetTicks();
    int64_t ran = 0;
    while (w->loading && SDL_GetTicks() - t0 < 300000) {
        ran = app_load_status(w->loading).pg.executed;
        if (ran >= stmts || app_load_done(w->loading))
            break;
        uint32_t wait;
        app_win_tick(w, SDL_GetTicks(), &wait);
        SDL_Delay(10);
    }
    return ran;
}

/* A 1280x720 window that loads in its worker thread, as the window does
 * (NULL when it cannot be made: said). */
static AppWin *async_window(SDL_Renderer **r, SDL_Surface **surf)
{
    *r = soft_renderer(1280, 720, surf);
    if (!*r)
        return NULL;
    AppWinOptions wo = {out("shots"), 0, 1, 0, 0, 0, 0};
    AppWin *w = app_win_new(*r, 1280, 720, 1, &wo);
    CHECK(w != NULL, "window: %s", SDL_GetError());
    if (w)
        w->async = 1;
    return w;
}

/* The window opens a long program in its worker thread: the frame shows
 * the progress panel while it runs, Escape cancels it part way (the
 * scenario shown before stays, the status says what happened), and
 * closing the window while another one runs stops it; ASan finds no leak
 * and no race on the freed run.  Then a short program opened the same way
 * is installed by the ticks. */
static void t_load_cancel(void)
{
    const char *path = out("endless.py");
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(ENDLESS_PY, 1, sizeof ENDLESS_PY - 1, f) == sizeof ENDLESS_PY - 1, "write %s",
          path);
    if (f)
        fclose(f);
    SDL_Surface *surf;
    SDL_Renderer *r;
    AppWin *w = async_window(&r, &surf);
    if (!w)
        return;
    const char *first = scenario("f19_list_and_instance.json");
    CHECK(app_win_open(w, first) == 0 && app_win_wait_load(w, 60000) && w->heap,
          "open %s", first);
    GcHeap *before = w->heap;
    CHECK(app_win_open(w, path) == 0 && w->loading, "the long program is not loading in a thread");
    int64_t ran = tick_until(w, 3 * LANG_PROGRESS_EVERY);
    CHECK(w->loading && !app_load_done(w->loading) && ran >= 3 * LANG_PROGRESS_EVERY,
          "the load ended or did not report (%lld statements)", (long long)ran);
    SDL_Delay(200); /* the panel shows from 150 ms on */
    CHECK(app_win_build(w) == 0, "build: %s", SDL_GetError());
    CHECK(list_has_text(&w->list, "Running endless.py: ", " statements, "),
          "no 'Running endless.py: N statements' in the frame");
    CHECK(list_has_text(&w->list, "Escape cancels", ""), "the frame does not say Escape cancels");
    /* the old scenario is neither stepped nor replaced while it loads */
    int32_t cur = gc_cursor(w->heap);
    app_win_command(w, APP_CMD_END, SDL_GetTicks());
    CHECK(gc_cursor(w->heap) == cur, "End stepped the old scenario while loading");
    app_win_command(w, APP_CMD_ESCAPE, SDL_GetTicks());
    CHECK(!w->loading, "Escape did not cancel the load");
    CHECK(w->heap == before && strstr(w->path, "f19_list_and_instance.json"),
          "the scenario shown before the cancelled load is gone");
    CHECK(strncmp(w->load_status, "Cancelled endless.py after ", 27) == 0 &&
              strstr(w->load_status, " statements"),
          "status after the cancel: '%s'", w->load_status);
    CHECK(!w->load_error, "a cancelled load shows an error: %s", w->load_error);
    CHECK(strstr(w->toast, "Cancelled endless.py"), "toast: '%s'", w->toast);
    /* a short program through the thread, installed by a tick */
    const char *second = scenario("f05_resurrect_cycle.json");
    CHECK(app_win_open(w, second) == 0, "open %s", second);
    uint32_t t0 = SDL_GetTicks();
    while (w->loading && SDL_GetTicks() - t0 < 60000) {
        uint32_t wait;
        app_win_tick(w, SDL_GetTicks(), &wait);
        SDL_Delay(5);
    }
    CHECK(!w->loading && w->heap && w->heap != before && strstr(w->path, "f05_resurrect_cycle"),
          "the short program was not installed (%s)", w->path);
    CHECK(w->title_changed, "the window's title is not told of the new scenario");
    /* closing the window while the long one runs */
    CHECK(app_win_open(w, path) == 0 && w->loading, "the second long load did not start");
    tick_until(w, LANG_PROGRESS_EVERY);
    app_win_free(w);
    soft_free(r, surf);
}

/* Writes text to path and moves its modification time on by secs. */
static void write_later(const char *path, const char *text, int secs)
{
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(text, 1, strlen(text), f) == strlen(text), "write %s", path);
    if (f)
        fclose(f);
    struct stat st;
    if (stat(path, &st) == 0) {
        struct timeval tv[2] = {{st.st_mtime + secs, 0}, {st.st_mtime + secs, 0}};
        utimes(path, tv);
    }
}

/* A file changed on disk is loaded again in the worker thread, as opening
 * one is (the window keeps drawing while a big program runs again): the
 * tick that sees the change starts the load, the old run stays shown until
 * it is installed, then the step shown is kept and the toast says it; a
 * file with errors keeps the old run and says so at once. */
static void t_reload_async(void)
{
    const char *path = out("reload.py");
    write_later(path, "a = [1]\nb = [a]\nc = 3\n", 0);
    SDL_Surface *surf;
    SDL_Renderer *r;
    AppWin *w = async_window(&r, &surf);
    if (!w)
        return;
    CHECK(app_win_open(w, path) == 0 && app_win_wait_load(w, 60000) && w->heap, "open %s", path);
    app_win_command(w, APP_CMD_NEXT_STMT, SDL_GetTicks());
    app_win_command(w, APP_CMD_NEXT_STMT, SDL_GetTicks());
    int32_t step = render_shown_step(w->heap);
    GcHeap *before = w->heap;
    uint32_t wait, t = SDL_GetTicks() + 5000; /* steps and glides over */
    app_win_tick(w, t, &wait);
    write_later(path, "a = [1]\nb = [a, a]\nc = 4\n", 10);
    w->dirty = 0;
    app_win_tick(w, t, &wait);
    CHECK(w->loading != NULL, "the changed file was not loaded in the worker");
    CHECK(w->heap == before, "the old run was replaced before the new one ran");
    CHECK(app_win_wait_load(w, 60000) && w->heap && w->heap != before, "the reload was not installed");
    int32_t now_step = render_shown_step(w->heap);
    CHECK(now_step == step, "the reload moved from step %d to %d", (int)step, (int)now_step);
    CHECK(strstr(w->toast, "reloaded"), "toast after the reload: '%s'", w->toast);
    /* errors: the old run stays, said at once */
    before = w->heap;
    t = SDL_GetTicks() + 10000;
    app_win_tick(w, t, &wait);
    write_later(path, "a = [1\n", 20);
    w->dirty = 0;
    app_win_tick(w, t, &wait);
    CHECK(!w->loading && w->heap == before, "a file with errors replaced the run");
    CHECK(strstr(w->toast, "has errors"), "toast after a bad change: '%s'", w->toast);
    app_win_free(w);
    soft_free(r, surf);
}

/* The window's timeline marks the part where the history's budget kept
 * only statements: the band covers exactly the events gc_history_fine
 * says no for, its label is drawn, and the tooltip over it tells why
 * stepping there pauses; a window with the whole history has none. */
static void t_timeline_coarse(void)
{
    int64_t budget;
    char py[2048];
    snprintf(py, sizeof py, "%s", long_program(&budget));
    SDL_Surface *surf;
    SDL_Renderer *r = soft_renderer(1280, 720, &surf);
    if (!r)
        return;
    AppWin *a, *f;
    int loaded = load_pair(r, 1280, 720, py, budget, &a, &f);
    unsetenv("GCVIZ_HISTORY_BUDGET");
    if (loaded < 0)
        return;
    CHECK(f->tl.ncoarse == 0, "the whole history has %d statements-only parts", f->tl.ncoarse);
    CHECK(a->tl.ncoarse == 1, "%d statements-only parts with the budget", a->tl.ncoarse);
    int32_t n = gc_event_count(a->heap), wrong = 0;
    for (int32_t i = 0; i + 1 < n; i++) {
        int in = a->tl.ncoarse > 0 && i >= a->tl.coarse_from[0] && i < a->tl.coarse_to[0];
        wrong += in == gc_history_fine(a->heap, i);
    }
    CHECK(wrong == 0, "%d events where the band and gc_history_fine disagree", wrong);
    CHECK(app_win_build(f) == 0 && !list_has_text(&f->list, "statements only", ""),
          "the whole history's timeline says 'statements only'");
    CHECK(app_win_build(a) == 0 && list_has_text(&a->list, "statements only", ""),
          "no 'statements only' label on the timeline");
    const RenderHit *hit = NULL;
    for (int32_t i = 0; i < a->list.nhits; i++)
        if (a->list.hits[i].kind == RENDER_HIT_TIMELINE)
            hit = &a->list.hits[i];
    CHECK(hit != NULL, "no timeline");
    if (hit && a->tl.ncoarse > 0) {
        /* the middle of the band, then a point before it */
        float mid = (float)(a->tl.coarse_from[0] + a->tl.coarse_to[0]) * 0.5f / (float)n;
        float hy = hit->y + hit->h * 0.5f;
        app_win_mouse_move(a, hit->x + hit->w * mid, hy, 0);
        CHECK(app_win_build(a) == 0 && list_has_text(&a->list, "statements only here: finer steps",
                                                     "recomputed"),
              "no tooltip over the band (cursor %d)", a->view.hover_cursor);
        float before = (float)a->tl.coarse_from[0] * 0.5f / (float)n;
        app_win_mouse_move(a, hit->x + hit->w * before, hy, 0);
        CHECK(app_win_build(a) == 0 && !list_has_text(&a->list, "statements only here", ""),
              "the tooltip before the band says statements only (cursor %d)",
              a->view.hover_cursor);
    }
    app_win_free(a);
    app_win_free(f);
    soft_free(r, surf);
}

/* Ticks w until its view has stopped gliding. */
static void settle_view(AppWin *w)
{
    uint32_t now = SDL_GetTicks();
    for (int i = 0; i < 100 && w->fitting; i++) {
        now += 50;
        uint32_t wait;
        app_win_tick(w, now, &wait);
    }
}

/* A click at the centre of the hit rectangle h (a block), then the zoom
 * it starts, to its end. */
static void click_block(AppWin *w, const RenderHit *h)
{
    float x = h->x + h->w * 0.5f, y = h->y + h->h * 0.5f;
    app_win_mouse_down(w, x, y, 1, 0);
    app_win_mouse_up(w, x, y, 0);
    settle_view(w);
}

/* The crowded overview of 8,000 objects: blocks with their types and
 * counts, the references between blocks as arrows with their counts (not
 * dropped), a click on a block zooms into it (fewer objects in view, the
 * Back out button), Backspace goes back to the same view. */
static void t_overview_drill(void)
{
    const char *path = out("pairs.py");
    FILE *f = fopen(path, "wb");
    static const char py[] = "import gc\n\n\nclass Node:\n    pass\n\n\n"
                             "gc.disable()\nkeep = []\nfor i in range(4000):\n"
                             "    a = Node()\n    b = Node()\n    a.peer = b\n    b.peer = a\n"
                             "    keep.append(a)\ndel a, b\nprint(len(keep))\n";
    CHECK(f && fwrite(py, 1, sizeof py - 1, f) == sizeof py - 1, "write %s", path);
    if (f)
        fclose(f);
    SDL_Surface *surf;
    SDL_Renderer *r = soft_renderer(1280, 720, &surf);
    if (!r)
        return;
    AppWinOptions wo = {out("shots"), 0, 1, 0, 0, 0, 0};
    AppWin *w = app_win_new(r, 1280, 720, 1, &wo);
    CHECK(w && app_win_load(w, path, 0) == 0, "load %s", path);
    if (!w || !w->heap)
        return;
    app_win_command(w, APP_CMD_END, 0);
    app_win_command(w, APP_CMD_PREV_STMT, 0); /* before the exit's collections */
    app_win_command(w, APP_CMD_FIT, 0);
    settle_view(w);
    float zoom0 = w->view.zoom, px0 = w->view.pan_x, py0 = w->view.pan_y;
    CHECK(app_win_build(w) == 0, "build");
    const RenderList *l = &w->list;
    int blocks = 0, arrows = 0, counts = 0, cards = 0;
    const RenderHit *first = NULL;
    for (int32_t i = 0; i < l->nhits; i++) {
        cards += l->hits[i].kind == RENDER_HIT_CARD;
        if (l->hits[i].kind == RENDER_HIT_BLOCK) {
            blocks++;
            if (!first || l->hits[i].id == 5)
                first = &l->hits[i];
        }
    }
    for (int32_t i = 0; i < l->ncmds; i++) {
        arrows += l->cmds[i].kind == RENDER_CMD_LINE && l->cmds[i].head > 0;
        const char *t = l->cmds[i].kind == RENDER_CMD_TEXT ? render_cmd_text(l, &l->cmds[i]) : "";
        counts += t && t[0] >= '1' && t[0] <= '9' && strspn(t, "0123456789,") == strlen(t);
    }
    CHECK(blocks >= 4 && cards == 0, "%d blocks, %d cards in the overview of 8,001 objects", blocks,
          cards);
    CHECK(list_has_text(l, "8,001 objects in view in ", " blocks"), "no summary line");
    CHECK(list_has_text(l, "Node \xC3\x97 ", ""), "no 'Node \xC3\x97 N' in a block");
    /* a count with no room along its arrow that covers no block is left
     * out (render.crowd_labels): most arrows still carry theirs */
    CHECK(arrows >= 2 && counts * 4 >= arrows * 3, "%d summarised arrows, %d counts", arrows, counts);
    if (!first)
        return;
    /* a click on a block zooms into it */
    click_block(w, first);
    CHECK(w->ndrill == 1 && w->view.zoom > zoom0 * 2, "zoom %.4f after the click (was %.4f)",
          w->view.zoom, zoom0);
    CHECK(app_win_build(w) == 0 && list_has_text(&w->list, "\xE2\x86\x90 Back out", ""),
          "no Back out button inside a block");
    /* Backspace: back to the same view */
    app_win_command(w, app_cmd_from_key(SDLK_BACKSPACE, 0, 0), 0);
    settle_view(w);
    CHECK(w->ndrill == 0 && fabsf(w->view.zoom - zoom0) < 1e-6f && fabsf(w->view.pan_x - px0) < 1e-3f &&
              fabsf(w->view.pan_y - py0) < 1e-3f,
          "Backspace left zoom %.4f pan %.1f,%.1f (was %.4f %.1f,%.1f)", w->view.zoom,
          w->view.pan_x, w->view.pan_y, zoom0, px0, py0);
    /* drilling on ends on cards that can be read (zoom 0.35 or more: a
     * card's title 6 px or more), not on a screen of hundreds of specks */
    int level = 0, on_cards = 0;
    for (; level < 8 && !on_cards; level++) {
        CHECK(app_win_build(w) == 0, "build");
        const RenderHit *b = NULL;
        int ncards = 0;
        for (int32_t i = 0; i < w->list.nhits; i++) {
            ncards += w->list.hits[i].kind == RENDER_HIT_CARD;
            if (w->list.hits[i].kind == RENDER_HIT_BLOCK && !b)
                b = &w->list.hits[i];
        }
        on_cards = ncards > 0 && !b;
        if (!b)
            break;
        click_block(w, b);
    }
    CHECK(on_cards && w->view.zoom >= 0.35f, "after %d drills: %s at zoom %.3f", level,
          on_cards ? "cards" : "no cards", w->view.zoom);
    app_win_free(w);
    soft_free(r, surf);
}

/* The block hit whose rectangle holds the heap area's centre (NULL: none). */
static const RenderHit *middle_block(AppWin *w)
{
    RenderRegions rg;
    app_win_regions(w, &rg);
    float x = rg.heap_x + rg.heap_w * 0.5f, y = rg.heap_y + rg.heap_h * 0.5f;
    for (int32_t i = 0; i < w->list.nhits; i++) {
        const RenderHit *h = &w->list.hits[i];
        if (h->kind == RENDER_HIT_BLOCK && x >= h->x && x < h->x + h->w && y >= h->y &&
            y < h->y + h->h)
            return h;
    }
    return NULL;
}

/* A teacher reaches cards a class can read from the whole heap of
 * 100,000 objects (F) in two clicks on blocks, at 1280x720 and
 * 1920x1080: the first shows the block's own blocks, the second zooms
 * to cards whole (zoom 0.6 or more) where the block's cards are;
 * Backspace goes back one click at a time to the same views.  After the
 * collection, F shows the 100,000 ghosts of the statement (as blocks), not
 * the two cards left alive. */
static void t_drill_two_clicks(void)
{
    const char *path = out("pairs_big.py");
    FILE *f = fopen(path, "wb");
    static const char py[] = "import gc\n\n\nclass Node:\n    pass\n\n\n"
                             "gc.disable()\npairs = []\nfor i in range(50000):\n"
                             "    a = Node()\n    b = Node()\n    a.peer = b\n    b.peer = a\n"
                             "    pairs.append(a)\ndel a, b\npairs = None\n"
                             "print(\"collected\", gc.collect())\n";
    CHECK(f && fwrite(py, 1, sizeof py - 1, f) == sizeof py - 1, "write %s", path);
    if (f)
        fclose(f);
    static const int sizes[][2] = {{1280, 720}, {1920, 1080}};
    for (int si = 0; si < 2; si++) {
        SDL_Surface *surf;
        SDL_Renderer *r = soft_renderer(sizes[si][0], sizes[si][1], &surf);
        if (!r)
            return;
        AppWinOptions wo = {out("shots"), 0, 1, 0, 0, 0, 0};
        AppWin *w = app_win_new(r, sizes[si][0], sizes[si][1], 1, &wo);
        CHECK(w && app_win_load(w, path, 0) == 0, "load %s", path);
        if (!w || !w->heap)
            return;
        app_win_command(w, APP_CMD_END, 0);
        app_win_command(w, APP_CMD_PREV_STMT, 0);
        app_win_command(w, APP_CMD_PREV_STMT, 0); /* pairs = None: 100,000 garbage objects */
        app_win_command(w, APP_CMD_FIT, 0);
        settle_view(w);
        float views[4][3];
        int clicks = 0, ncards = 0;
        for (; clicks < 4; clicks++) {
            views[clicks][0] = w->view.zoom;
            views[clicks][1] = w->view.pan_x;
            views[clicks][2] = w->view.pan_y;
            CHECK(app_win_build(w) == 0, "build");
            ncards = 0;
            for (int32_t i = 0; i < w->list.nhits; i++)
                ncards += w->list.hits[i].kind == RENDER_HIT_CARD;
            const RenderHit *b = middle_block(w);
            if (!b)
                break;
            click_block(w, b);
        }
        CHECK(clicks <= 2 && ncards >= 4 && w->view.zoom >= 0.6f,
              "%dx%d: %d clicks from F to %d cards at zoom %.3f", sizes[si][0], sizes[si][1], clicks,
              ncards, w->view.zoom);
        for (int back = clicks - 1; back >= 0; back--) {
            app_win_command(w, app_cmd_from_key(SDLK_BACKSPACE, 0, 0), 0);
            settle_view(w);
            CHECK(w->ndrill == back && fabsf(w->view.zoom - views[back][0]) < 1e-6f &&
                      fabsf(w->view.pan_x - views[back][1]) < 1e-2f &&
                      fabsf(w->view.pan_y - views[back][2]) < 1e-2f,
                  "Backspace %d: zoom %.5f pan %.2f,%.2f, not the view before click %d (%.5f "
                  "%.2f,%.2f)",
                  clicks - back, w->view.zoom, w->view.pan_x, w->view.pan_y, back + 1,
                  views[back][0], views[back][1], views[back][2]);
        }
        /* after gc.collect(), F fits the cards drawn: the 100,000 ghosts, as blocks */
        app_win_command(w, APP_CMD_NEXT_STMT, 0);
        app_win_command(w, APP_CMD_FIT, 0);
        settle_view(w);
        CHECK(app_win_build(w) == 0 && middle_block(w) != NULL &&
                  list_has_text(&w->list, "100,000 objects in view in ", ""),
              "%dx%d: F after the collection does not show its ghosts as blocks (zoom %.3f)",
              sizes[si][0], sizes[si][1], w->view.zoom);
        app_win_free(w);
        soft_free(r, surf);
    }
}

/* record's load leaves the cursor where the run ended (open_at_end: no
 * walk back to the start and forward again to the first frame) and draws
 * the same bytes at every cursor as a load that opens at the start, as
 * the window does (which must still open at 0). */
static void t_open_at_end(void)
{
    const int W = 1280, H = 720;
    SDL_Surface *sa, *sb;
    SDL_Renderer *ra = soft_renderer(W, H, &sa), *rb = soft_renderer(W, H, &sb);
    if (!ra || !rb)
        return;
    AppWinOptions o = {NULL, 0, 1, 0, 1, 0, 0};
    AppWin *a = app_win_new(ra, W, H, 1, &o), *b = app_win_new(rb, W, H, 1, &o);
    CHECK(a && b, "windows");
    if (!a || !b)
        return;
    a->settled = b->settled = 1;
    b->open_at_end = 1;
    CHECK(app_win_load(a, scenario("f02_two_cycle.json"), 0) == 0, "load a");
    CHECK(app_win_load(b, scenario("f02_two_cycle.json"), 0) == 0, "load b");
    if (!a->heap || !b->heap)
        return;
    int32_t n = gc_event_count(b->heap);
    CHECK(gc_cursor(a->heap) == 0, "the window opens at %d, not at the start", gc_cursor(a->heap));
    CHECK(n > 4 && gc_cursor(b->heap) == n, "open_at_end left the cursor at %d of %d",
          gc_cursor(b->heap), n);
    app_win_frame_view(a, &a->view.zoom, &a->view.pan_x, &a->view.pan_y);
    app_win_frame_view(b, &b->view.zoom, &b->view.pan_x, &b->view.pan_y);
    /* the end first (b does not move), then back, then forward */
    const int32_t cur[] = {n, 0, n / 2, n - 1, 1, n};
    for (size_t i = 0; i < sizeof cur / sizeof cur[0]; i++) {
        app_win_seek(a, cur[i], 0);
        app_win_seek(b, cur[i], 0);
        CHECK(app_win_draw(a, 0) == 0 && app_win_draw(b, 0) == 0, "draw");
        SDL_RenderFlush(ra);
        SDL_RenderFlush(rb);
        CHECK(a->view.zoom == b->view.zoom && a->view.pan_x == b->view.pan_x &&
                  a->view.pan_y == b->view.pan_y,
              "cursor %d: view %.4f %.1f,%.1f against %.4f %.1f,%.1f", (int)cur[i], a->view.zoom,
              a->view.pan_x, a->view.pan_y, b->view.zoom, b->view.pan_x, b->view.pan_y);
        int same = 1;
        for (int y = 0; y < H && same; y++)
            same = memcmp((const uint8_t *)sa->pixels + (size_t)y * (size_t)sa->pitch,
                          (const uint8_t *)sb->pixels + (size_t)y * (size_t)sb->pitch,
                          (size_t)W * 4) == 0;
        CHECK(same, "cursor %d: the frames differ", (int)cur[i]);
    }
    app_win_free(a);
    app_win_free(b);
    soft_free(ra, sa);
    soft_free(rb, sb);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_record NAME OUTDIR\n");
        return 2;
    }
    outdir = argv[2];
    if (record_make_dirs(outdir) < 0) {
        fprintf(stderr, "%s\n", SDL_GetError());
        return 2;
    }
    static const struct {
        const char *name;
        void (*fn)(void);
    } tests[] = {{"twice", t_twice},         {"sizes", t_sizes},   {"pixels", t_pixels},
                 {"gif", t_gif},             {"gif_delay", t_gif_delay},             {"unwritable", t_unwritable},
                 {"temp_names", t_temp_names}, {"points", t_points},
                 {"recompute", t_recompute}, {"recompute_window", t_recompute_window},
                 {"recompute_async", t_recompute_async}, {"recompute_stopped", t_recompute_stopped},
                 {"load_cancel", t_load_cancel}, {"reload_async", t_reload_async}, {"timeline_coarse", t_timeline_coarse},
                 {"overview_drill", t_overview_drill}, {"drill_two_clicks", t_drill_two_clicks}, {"open_at_end", t_open_at_end}};
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
        if (strcmp(argv[1], tests[i].name) == 0) {
            /* the tests draw with SDL on a surface: no display */
            SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, "offscreen", SDL_HINT_OVERRIDE);
            if (SDL_Init(SDL_INIT_VIDEO) < 0) {
                fprintf(stderr, "SDL: %s\n", SDL_GetError());
                return 1;
            }
            tests[i].fn();
            SDL_Quit();
            if (failures)
                fprintf(stderr, "%s: %d check(s) failed\n", argv[1], failures);
            return failures ? 1 : 0;
        }
    fprintf(stderr, "no test named %s\n", argv[1]);
    return 2;
}
