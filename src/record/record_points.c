/*
 * record_points.c: which cursors a recording visits, what their files are
 * called, and files that appear complete or not at all.
 *
 * The stops are those of the window's Right key (the run index's,
 * gc_index_is_stop): a stop shows the state after a whole statement (or phase)
 * ran, so the cursor sits on the event that starts the next one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>

#include "gc.h"
#include "record.h"

/* The stops are the run index's (gc_index_is_stop); kind says the
 * granularity that adds them. */
static int is_stop(const GcHeap *h, const GcRunIndex *tl, int32_t c, RenderGranularity g,
                   uint8_t *kind)
{
    *kind = RENDER_GRAN_STATEMENT;
    if (gc_index_is_stop(tl, h, c, GC_GRAN_STATEMENT, 0))
        return 1;
    *kind = gc_event_gran(gc_event(h, c)) == GC_GRAN_PHASE ? RENDER_GRAN_PHASE : RENDER_GRAN_MICRO;
    return g >= *kind;
}

int32_t record_points(const GcHeap *h, const struct GcRunIndex *tl, RenderGranularity g,
                      RecordPoint **out)
{
    int32_t n = gc_event_count(h);
    RecordPoint *pts = malloc(((size_t)n + 1) * sizeof *pts);
    *out = NULL;
    if (!pts) {
        SDL_OutOfMemory();
        return -1;
    }
    int32_t np = 0, phase_no = 0;
    for (int32_t c = 0; c <= n; c++) {
        /* the phase counter follows event c-1, the event shown at cursor c */
        if (c >= 2) {
            const GcEvent *a = gc_event(h, c - 2), *b = gc_event(h, c - 1);
            if (a->step != b->step)
                phase_no = 0;
            else if (a->phase != b->phase)
                phase_no++;
        }
        uint8_t kind;
        if (!is_stop(h, tl, c, g, &kind))
            continue;
        RecordPoint *p = &pts[np++];
        const GcEvent *e = c > 0 ? gc_event(h, c - 1) : NULL;
        p->cursor = c;
        p->step = e && e->step >= 0 ? e->step + 1 : 0;
        p->phase_no = c > 0 ? phase_no : 0;
        p->phase = e ? e->phase : GC_PHASE_IDLE;
        p->kind = kind;
    }
    *out = pts;
    return np;
}

static int digits(int64_t v)
{
    int d = 1;
    while (v >= 10) {
        v /= 10;
        d++;
    }
    return d;
}

void record_naming(const RecordPoint *pts, int32_t n, RecordNaming *out)
{
    int32_t ms = 0, mp = 0, mc = 0;
    for (int32_t i = 0; i < n; i++) {
        if (pts[i].step > ms)
            ms = pts[i].step;
        if (pts[i].phase_no > mp)
            mp = pts[i].phase_no;
        if (pts[i].cursor > mc)
            mc = pts[i].cursor;
    }
    /* a little wider than needed so names of a scenario look alike from one
     * recording to the next */
    out->step_digits = digits(ms) > 3 ? digits(ms) : 3;
    out->phase_digits = digits(mp) > 2 ? digits(mp) : 2;
    out->micro_digits = digits(mc) > 5 ? digits(mc) : 5;
}

int record_frame_name(char *buf, size_t n, const char *scenario, const RecordPoint *p,
                      const RecordNaming *nm, const char *ext)
{
    int k = snprintf(buf, n, "%s-s%0*d-p%0*d_%s-%0*d%s", scenario, nm->step_digits, (int)p->step,
                     nm->phase_digits, (int)p->phase_no, gc_phase_name((GcPhase)p->phase),
                     nm->micro_digits, (int)p->cursor, ext);
    return k < 0 || (size_t)k >= n ? -1 : 0;
}

/* ---- files ---------------------------------------------------------------------- */

int record_make_dirs(const char *dir)
{
    char tmp[4096];
    if (!dir || !*dir)
        return SDL_SetError("no folder given");
    if (snprintf(tmp, sizeof tmp, "%s", dir) >= (int)sizeof tmp)
        return SDL_SetError("%s: path too long", dir);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
            return SDL_SetError("cannot create %s: %s", tmp, strerror(errno));
        *p = '/';
    }
    if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
        return SDL_SetError("cannot create %s: %s", tmp, strerror(errno));
    struct stat st;
    if (stat(tmp, &st) != 0)
        return SDL_SetError("cannot create %s: %s", tmp, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return SDL_SetError("cannot create %s: not a folder", tmp);
    return 0;
}

int record_file_open(RecordFile *rf, const char *path)
{
    memset(rf, 0, sizeof *rf);
    if (snprintf(rf->path, sizeof rf->path, "%s", path) >= (int)sizeof rf->path)
        return SDL_SetError("%s: path too long", path);
    /* ".NAME.part" in the same folder: hidden, and rename() stays atomic */
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path) + 1 : 0;
    snprintf(rf->tmp, sizeof rf->tmp, "%.*s.%s.part", dirlen, path, path + dirlen);
    rf->f = fopen(rf->tmp, "wb");
    if (!rf->f)
        return SDL_SetError("cannot write %s: %s", path, strerror(errno));
    return 0;
}

int record_file_commit(RecordFile *rf)
{
    if (!rf->f)
        return SDL_SetError("cannot write %s", rf->path);
    int bad = ferror(rf->f);
    int err = errno;
    if (fclose(rf->f) != 0 && !bad) {
        bad = 1;
        err = errno;
    }
    rf->f = NULL;
    if (bad) {
        remove(rf->tmp);
        return SDL_SetError("cannot write %s: %s", rf->path, strerror(err));
    }
    if (rename(rf->tmp, rf->path) != 0) {
        err = errno;
        remove(rf->tmp);
        return SDL_SetError("cannot write %s: %s", rf->path, strerror(err));
    }
    return 0;
}

void record_file_abort(RecordFile *rf)
{
    if (!rf->f)
        return;
    fclose(rf->f);
    rf->f = NULL;
    remove(rf->tmp);
}
