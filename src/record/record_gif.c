/*
 * record_gif.c: one animated GIF of a recording, with giflib.
 *
 * Each frame stores only the rectangle that differs from the previous
 * frame ("do not dispose" keeps the rest) with its own 256-colour palette:
 *
 *   1. count the exact colours of the rectangle;
 *   2. palette: colours by popularity, each taken only if it is far enough
 *      from those already taken (the distance shrinks in rounds until 256
 *      are chosen) -- the interface's flat colours, the most frequent, are
 *      always exact, and the rest cover the anti-aliased shades;
 *   3. a colour in the palette maps to itself; any other is a mix of its
 *      two nearest palette colours, drawn with a 4x4 Bayer pattern.  An
 *      ordered pattern is the same in every frame (error diffusion crawls
 *      when the picture changes) and only touches edge pixels, so text
 *      stays as readable as in the PNG.
 *
 * Everything is a function of the pixels: same frames, same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <gif_lib.h>

#include "record.h"

#define EMPTY 0xFFFFFFFFu

typedef struct Entry {
    uint32_t key;   /* 0xRRGGBB, EMPTY if free */
    uint32_t count;
    int16_t p1, p2; /* nearest palette colours, -1 = not computed yet */
    uint8_t mix;    /* 0..16: how much of p2 (in Bayer sixteenths) */
    uint8_t exact;
} Entry;

struct RecordGif {
    RecordFile rf;
    GifFileType *gif;
    int w, h;
    uint32_t *prev; /* the picture so far (0xRRGGBB), NULL before the first frame */
    Entry *tab;
    size_t tabcap;
    GifByteType *line;
    int failed;
};

static int write_fn(GifFileType *g, const GifByteType *buf, int n)
{
    RecordGif *rg = g->UserData;
    return (int)fwrite(buf, 1, (size_t)n, rg->rf.f);
}

static int gif_fail(RecordGif *g, const char *what, int err)
{
    g->failed = 1;
    return SDL_SetError("cannot write %s: %s (%s)", g->rf.path, what, GifErrorString(err));
}

RecordGif *record_gif_new(const char *path, int w, int h)
{
    if (w <= 0 || h <= 0 || w > 65535 || h > 65535) {
        SDL_SetError("cannot write %s: a GIF is at most 65535 x 65535 pixels", path);
        return NULL;
    }
    RecordGif *g = calloc(1, sizeof *g);
    if (!g) {
        SDL_OutOfMemory();
        return NULL;
    }
    g->w = w;
    g->h = h;
    g->line = malloc((size_t)w);
    if (!g->line) {
        free(g);
        SDL_OutOfMemory();
        return NULL;
    }
    if (record_file_open(&g->rf, path) < 0) {
        free(g->line);
        free(g);
        return NULL;
    }
    int err = 0;
    g->gif = EGifOpen(g, write_fn, &err);
    if (!g->gif) {
        gif_fail(g, "giflib", err);
        record_gif_free(g);
        return NULL;
    }
    EGifSetGifVersion(g->gif, true);
    if (EGifPutScreenDesc(g->gif, w, h, 8, 0, NULL) != GIF_OK) {
        gif_fail(g, "screen", g->gif->Error);
        record_gif_free(g);
        return NULL;
    }
    /* loop forever: NETSCAPE2.0, sub-block 1, count 0 */
    static const GifByteType loop[3] = {1, 0, 0};
    if (EGifPutExtensionLeader(g->gif, APPLICATION_EXT_FUNC_CODE) != GIF_OK ||
        EGifPutExtensionBlock(g->gif, 11, "NETSCAPE2.0") != GIF_OK ||
        EGifPutExtensionBlock(g->gif, 3, loop) != GIF_OK ||
        EGifPutExtensionTrailer(g->gif) != GIF_OK) {
        gif_fail(g, "loop extension", g->gif->Error);
        record_gif_free(g);
        return NULL;
    }
    return g;
}

static int dist2(uint32_t a, uint32_t b)
{
    int dr = (int)(a >> 16 & 255) - (int)(b >> 16 & 255);
    int dg = (int)(a >> 8 & 255) - (int)(b >> 8 & 255);
    int db = (int)(a & 255) - (int)(b & 255);
    /* green weighs most, as the eye sees it */
    return 2 * dr * dr + 4 * dg * dg + 3 * db * db;
}

static size_t slot_of(const RecordGif *g, uint32_t key)
{
    size_t mask = g->tabcap - 1;
    size_t i = (size_t)((key * 2654435761u) >> 8) & mask;
    while (g->tab[i].key != EMPTY && g->tab[i].key != key)
        i = (i + 1) & mask;
    return i;
}

/* qsort has no context argument in C11: sort keys (count << 24 | colour)
 * instead, which also breaks ties by colour so the order is total. */
static int cmp_u64_desc(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

static int build_palette(RecordGif *g, size_t ndistinct, uint32_t *pal)
{
    uint64_t *keys = malloc(ndistinct * sizeof *keys);
    if (!keys)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < g->tabcap; i++)
        if (g->tab[i].key != EMPTY)
            keys[k++] = (uint64_t)g->tab[i].count << 24 | g->tab[i].key;
    qsort(keys, k, sizeof *keys, cmp_u64_desc);
    int n = 0;
    static const int thresholds[] = {48 * 48 * 9, 24 * 24 * 9, 12 * 12 * 9, 6 * 6 * 9, 0};
    for (size_t t = 0; t < sizeof thresholds / sizeof thresholds[0] && n < 256; t++) {
        for (size_t i = 0; i < k && n < 256; i++) {
            uint32_t c = (uint32_t)(keys[i] & 0xFFFFFF);
            Entry *e = &g->tab[slot_of(g, c)];
            if (e->exact)
                continue;
            int far = 1;
            /* the most frequent colours always get in */
            if (t > 0 || n >= 16)
                for (int j = 0; j < n && far; j++)
                    far = dist2(c, pal[j]) > thresholds[t];
            if (!far)
                continue;
            e->exact = 1;
            e->p1 = e->p2 = (int16_t)n;
            e->mix = 0;
            pal[n++] = c;
        }
    }
    free(keys);
    return n;
}

/* The two palette colours whose mix is closest to c, and the mix. */
static void mix_of(Entry *e, const uint32_t *pal, int n)
{
    uint32_t c = e->key;
    int best = 0, bd = dist2(c, pal[0]);
    for (int i = 1; i < n; i++) {
        int d = dist2(c, pal[i]);
        if (d < bd) {
            bd = d;
            best = i;
        }
    }
    /* second: the colour that, mixed with the first, comes closest */
    int second = best, smix = 0;
    long sd = bd;
    int cr = (int)(c >> 16 & 255), cg = (int)(c >> 8 & 255), cb = (int)(c & 255);
    int ar = (int)(pal[best] >> 16 & 255), ag = (int)(pal[best] >> 8 & 255), ab = (int)(pal[best] & 255);
    for (int i = 0; i < n; i++) {
        if (i == best)
            continue;
        int br = (int)(pal[i] >> 16 & 255), bg = (int)(pal[i] >> 8 & 255), bb = (int)(pal[i] & 255);
        int dr = br - ar, dg = bg - ag, db = bb - ab;
        long len = 2L * dr * dr + 4L * dg * dg + 3L * db * db;
        if (len == 0)
            continue;
        long dot = 2L * (cr - ar) * dr + 4L * (cg - ag) * dg + 3L * (cb - ab) * db;
        if (dot <= 0)
            continue;
        int m = (int)((dot * 16 + len / 2) / len);
        if (m > 8) /* beyond half-way the other colour would be the nearest */
            m = 8;
        if (m == 0)
            continue;
        int mr = ar + dr * m / 16, mg = ag + dg * m / 16, mb = ab + db * m / 16;
        long d = 2L * (cr - mr) * (cr - mr) + 4L * (cg - mg) * (cg - mg) + 3L * (cb - mb) * (cb - mb);
        if (d < sd) {
            sd = d;
            second = i;
            smix = m;
        }
    }
    e->p1 = (int16_t)best;
    e->p2 = (int16_t)second;
    e->mix = (uint8_t)smix;
}

/* 1. of record_gif_add: the rectangle (x0, y0)-(x1, y1) of the pixels that
 * differ from the last frame's; one pixel when none does. */
static void changed_rect(const RecordGif *g, const uint8_t *base, int pitch, int *r)
{
    int w = g->w, h = g->h;
    int x0 = w, y0 = h, x1 = -1, y1 = -1;
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(base + (size_t)y * (size_t)pitch);
        const uint32_t *old = g->prev + (size_t)y * (size_t)w;
        int first = -1, last = -1;
        for (int x = 0; x < w; x++)
            if (((row[x] ^ old[x]) & 0xFFFFFF) != 0) {
                if (first < 0)
                    first = x;
                last = x;
            }
        if (first < 0)
            continue;
        if (first < x0)
            x0 = first;
        if (last > x1)
            x1 = last;
        if (y < y0)
            y0 = y;
        y1 = y;
    }
    if (x1 < 0) /* nothing changed: one unchanged pixel carries the delay */
        x0 = y0 = x1 = y1 = 0;
    r[0] = x0;
    r[1] = y0;
    r[2] = x1;
    r[3] = y1;
}

static const uint8_t bayer4[4][4] = {{0, 8, 2, 10}, {12, 4, 14, 6}, {3, 11, 1, 9}, {15, 7, 13, 5}};

int record_gif_add(RecordGif *g, const void *xrgb, int pitch, int delay_cs)
{
    if (!g || g->failed)
        return SDL_SetError("GIF already failed");
    const uint8_t *base = xrgb;
    int w = g->w, h = g->h;
    if (!g->prev) {
        g->prev = malloc((size_t)w * (size_t)h * 4);
        if (!g->prev)
            return SDL_OutOfMemory();
        memset(g->prev, 0xFF, (size_t)w * (size_t)h * 4); /* no colour matches: all changed */
    }
    /* 1. the rectangle that changed */
    int r[4];
    changed_rect(g, base, pitch, r);
    int x0 = r[0], y0 = r[1], x1 = r[2], y1 = r[3];
    int rw = x1 - x0 + 1, rh = y1 - y0 + 1;
    size_t npix = (size_t)rw * (size_t)rh;
    /* 2. exact colours (at 5 bits per channel if there are too many to
     * count: photographs, never gcviz's pictures) */
    uint32_t mask = 0xFFFFFF;
    size_t ndistinct = 0;
    for (;;) {
        size_t cap = 1024;
        while (cap < npix * 2 && cap < ((size_t)1 << 20))
            cap *= 2;
        if (mask != 0xFFFFFF)
            cap = (size_t)1 << 16;
        if (cap > g->tabcap) {
            Entry *t = realloc(g->tab, cap * sizeof *t);
            if (!t)
                return SDL_OutOfMemory();
            g->tab = t;
            g->tabcap = cap;
        }
        for (size_t i = 0; i < g->tabcap; i++)
            g->tab[i].key = EMPTY;
        ndistinct = 0;
        int full = 0;
        for (int y = y0; y <= y1 && !full; y++) {
            const uint32_t *row = (const uint32_t *)(base + (size_t)y * (size_t)pitch);
            for (int x = x0; x <= x1; x++) {
                uint32_t c = row[x] & mask;
                Entry *e = &g->tab[slot_of(g, c)];
                if (e->key == EMPTY) {
                    if (ndistinct + 1 > g->tabcap / 2) {
                        full = 1;
                        break;
                    }
                    e->key = c;
                    e->count = 0;
                    e->p1 = e->p2 = -1;
                    e->mix = 0;
                    e->exact = 0;
                    ndistinct++;
                }
                e->count++;
            }
        }
        if (!full)
            break;
        mask = 0xF8F8F8;
    }
    uint32_t pal[256];
    int n = build_palette(g, ndistinct, pal);
    if (n < 0)
        return SDL_OutOfMemory();
    if (n == 1) /* giflib wants at least two entries */
        pal[n++] = pal[0] ^ 0xFFFFFF;
    int bits = 1;
    while ((1 << bits) < n)
        bits++;
    ColorMapObject *cmap = GifMakeMapObject(1 << bits, NULL);
    if (!cmap)
        return SDL_OutOfMemory();
    for (int i = 0; i < (1 << bits); i++) {
        uint32_t c = i < n ? pal[i] : 0;
        cmap->Colors[i].Red = (GifByteType)(c >> 16);
        cmap->Colors[i].Green = (GifByteType)(c >> 8);
        cmap->Colors[i].Blue = (GifByteType)c;
    }
    /* 3. the frame */
    GraphicsControlBlock gcb;
    memset(&gcb, 0, sizeof gcb);
    gcb.DisposalMode = DISPOSE_DO_NOT;
    gcb.DelayTime = delay_cs < 0 ? 0 : delay_cs > 65535 ? 65535 : delay_cs;
    gcb.TransparentColor = NO_TRANSPARENT_COLOR;
    GifByteType ext[4];
    size_t elen = EGifGCBToExtension(&gcb, ext);
    int rc = EGifPutExtension(g->gif, GRAPHICS_EXT_FUNC_CODE, (int)elen, ext);
    if (rc == GIF_OK)
        rc = EGifPutImageDesc(g->gif, x0, y0, rw, rh, false, cmap);
    GifFreeMapObject(cmap);
    if (rc != GIF_OK)
        return gif_fail(g, "frame", g->gif->Error);
    for (int y = y0; y <= y1; y++) {
        const uint32_t *row = (const uint32_t *)(base + (size_t)y * (size_t)pitch);
        uint32_t *old = g->prev + (size_t)y * (size_t)w;
        for (int x = x0; x <= x1; x++) {
            Entry *e = &g->tab[slot_of(g, row[x] & mask)];
            if (e->p1 < 0)
                mix_of(e, pal, n);
            int use2 = e->mix > bayer4[y & 3][x & 3];
            g->line[x - x0] = (GifByteType)(use2 ? e->p2 : e->p1);
            old[x] = row[x];
        }
        if (EGifPutLine(g->gif, g->line, rw) != GIF_OK)
            return gif_fail(g, "pixels", g->gif->Error);
    }
    return 0;
}

int record_gif_finish(RecordGif *g)
{
    if (!g)
        return SDL_SetError("no GIF");
    int err = 0, rc = 0;
    if (g->failed) {
        rc = -1;
    } else if (EGifCloseFile(g->gif, &err) != GIF_OK) {
        rc = gif_fail(g, "closing", err);
    }
    g->gif = NULL;
    if (rc == 0)
        rc = record_file_commit(&g->rf);
    else
        record_file_abort(&g->rf);
    free(g->prev);
    free(g->tab);
    free(g->line);
    free(g);
    return rc;
}

void record_gif_free(RecordGif *g)
{
    if (!g)
        return;
    if (g->gif)
        EGifCloseFile(g->gif, NULL);
    record_file_abort(&g->rf);
    free(g->prev);
    free(g->tab);
    free(g->line);
    free(g);
}
