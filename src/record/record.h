/*
 * record.h: pictures of frames for slides (`gcviz record`, the window's S
 * key).  The frame itself is built elsewhere (render_scene, the same call
 * the window makes); this module turns what was built into files:
 *
 *   - which cursors to record at a granularity, and their file names;
 *   - PNG from the pixels the SDL backend drew (one writer for the window
 *     and `record`), SVG from the same display list the SDL backend drew
 *     (no second drawing code), one animated GIF of many frames;
 *   - every file appears complete or not at all: it is written under a
 *     temporary name in its folder (".NAME.part") and renamed when done.
 *
 * Invariant: output depends only on its input (no clock, no locale, no
 * address): the same frames give byte-identical PNG, SVG and GIF files.
 * Errors: functions return -1 with the message in SDL_GetError().
 */
#ifndef GCVIZ_RECORD_H
#define GCVIZ_RECORD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "render.h"

struct SDL_Renderer;
struct GcHeap;

/* ---- what to record ----------------------------------------------------------- */

/* One recorded point: the heap shown at `cursor` (events [0, cursor) applied). */
typedef struct RecordPoint {
    int32_t cursor;
    int32_t step;     /* 1-based statement just executed (or running), 0 before the first */
    int32_t phase_no; /* how many times the collector phase changed so far in this step */
    uint8_t phase;    /* GcPhase of the event shown (idle outside collections) */
    uint8_t kind;     /* RenderGranularity of the stop: a statement end, a phase, a micro-step */
} RecordPoint;

/* The stops of a run at granularity g, as the window's Right key visits
 * them: the beginning, the end of every statement (plus phase boundaries
 * at RENDER_GRAN_PHASE, every event at RENDER_GRAN_MICRO), the error
 * and the end.  The cursor of h is not moved.  *out is malloc'ed (caller
 * frees).  Returns the count, or -1 on OOM. */
int32_t record_points(const struct GcHeap *h, const struct GcRunIndex *tl, RenderGranularity g,
                      RecordPoint **out);

/* Widths of the zero-padded numbers, so that every name of one recording
 * sorts in recording order. */
typedef struct RecordNaming {
    int step_digits, phase_digits, micro_digits;
} RecordNaming;

void record_naming(const RecordPoint *pts, int32_t n, RecordNaming *out);
/* "<scenario>-s<step>-p<phase_no>_<phase>-<cursor><ext>", e.g.
 * "f02_two_cycle-s008-p03_subtract_refs-00142.png".  Returns 0, or -1 if
 * buf is too small. */
int record_frame_name(char *buf, size_t n, const char *scenario, const RecordPoint *p,
                      const RecordNaming *nm, const char *ext);

/* ---- files ------------------------------------------------------------------------ */

/* Creates dir and its parents (like mkdir -p). 0, or -1 with the reason. */
int record_make_dirs(const char *dir);

/* A file being written: opened under a temporary name beside path; commit
 * renames it to path, abort removes it. */
typedef struct RecordFile {
    FILE *f;
    char path[4096];
    char tmp[4200];
} RecordFile;

int record_file_open(RecordFile *rf, const char *path);
/* Closes and renames (fails if any write failed). */
int record_file_commit(RecordFile *rf);
/* Closes and removes the temporary file (no-op if not open). */
void record_file_abort(RecordFile *rf);

/* ---- PNG ---------------------------------------------------------------------------- */

/* zlib level used by default: on recorded frames levels 1 to 3 cost the
 * same and level 6 more than twice as much for 10 % smaller files
 * (benchmarks/bench_record.py). */
#define RECORD_PNG_LEVEL 2

/* Writes 32-bit pixels in SDL_PIXELFORMAT_XRGB8888 (ARGB8888 read as
 * opaque), w x h, pitch in bytes, as an RGB PNG at zlib level (0-9). */
int record_png_write(const void *xrgb, int w, int h, int pitch, int level, const char *path);
/* Reads a PNG into malloc'ed XRGB8888 pixels (pitch w * 4); the caller
 * frees *out.  For the GIF of a parallel recording and for tests. */
int record_png_read(const char *path, uint32_t **out, int *w, int *h);
/* The current content of a renderer's target (w x h) as a PNG: what the
 * window's S key needs: the one PNG writer of gcviz. */
int record_png_save(struct SDL_Renderer *r, int w, int h, const char *path);

/* ---- SVG ------------------------------------------------------------------------------ */

/* Writes the display list as SVG 1.1: shapes as paths with the same
 * geometry as the SDL backend, text as <text> in the named DejaVu family
 * (selectable), colours as in the PNG.  fonts gives the metrics used to
 * place text exactly where the SDL backend puts it. */
int record_svg_write(const RenderList *l, RenderFonts *fonts, const char *path);
/* The same into an open stream (tests); returns 0 or -1 on a write error. */
int record_svg_stream(const RenderList *l, RenderFonts *fonts, FILE *f);

/* ---- GIF ------------------------------------------------------------------------------ */

typedef struct RecordGif RecordGif;

/* Starts an animated GIF of w x h frames that loops forever.  NULL on failure. */
RecordGif *record_gif_new(const char *path, int w, int h);
/* Adds a frame (XRGB8888 pixels) shown for delay_cs hundredths of a second.
 * Each frame gets its own palette of the colours it uses most (the flat
 * colours of the interface exactly) and only the rectangle that changed
 * since the previous frame is stored; in-between colours (anti-aliased
 * edges) are ordered-dithered, which keeps text crisp and does not shimmer
 * from frame to frame as error diffusion does. */
int record_gif_add(RecordGif *g, const void *xrgb, int pitch, int delay_cs);
/* Finishes the file and renames it into place; frees g either way. */
int record_gif_finish(RecordGif *g);
/* Abandons the file (the temporary is removed); NULL is a no-op. */
void record_gif_free(RecordGif *g);

#endif
