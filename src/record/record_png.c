/*
 * record_png.c: the PNG writer shared by `gcviz record` and the window's
 * screenshots.  libpng's low-level API, so that the zlib level and the row
 * filter can be chosen for speed (a recording encodes thousands of frames);
 * no time chunk or other varying data, so the same pixels give the same
 * bytes.
 */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <png.h>

#include "record.h"

typedef struct PngErr {
    jmp_buf jb;
    char msg[256];
} PngErr;

static void on_error(png_structp png, png_const_charp msg)
{
    PngErr *e = png_get_error_ptr(png);
    snprintf(e->msg, sizeof e->msg, "%s", msg);
    longjmp(e->jb, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

/* Writes the rows; 0 or -1 (message in e->msg).  Kept apart from the file
 * handling so that nothing but libpng state lives across the longjmp. */
static int encode(FILE *f, const uint8_t *px, int w, int h, int pitch, int level, PngErr *e)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, e, on_error, on_warning);
    if (!png) {
        snprintf(e->msg, sizeof e->msg, "out of memory");
        return -1;
    }
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        snprintf(e->msg, sizeof e->msg, "out of memory");
        return -1;
    }
    if (setjmp(e->jb)) {
        png_destroy_write_struct(&png, &info);
        return -1;
    }
    png_init_io(png, f);
    png_set_compression_level(png, level < 0 ? 0 : level > 9 ? 9 : level);
    /* no row filter: the interface is flat colour and repeated glyphs, which
     * deflate finds as they are; filtering (SUB, or choosing one per row as
     * libpng does by default) made files larger and encoding up to 2.5 x
     * slower on recorded frames */
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    png_write_info(png, info);
    /* XRGB8888 is B, G, R, X in memory on little-endian machines, X, R, G, B
     * on big-endian ones: let libpng drop the filler and swap */
#if SDL_BYTEORDER == SDL_LIL_ENDIAN
    png_set_bgr(png);
    png_set_filler(png, 0, PNG_FILLER_AFTER);
#else
    png_set_filler(png, 0, PNG_FILLER_BEFORE);
#endif
    for (int y = 0; y < h; y++)
        png_write_row(png, px + (size_t)y * (size_t)pitch);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return 0;
}

int record_png_write(const void *xrgb, int w, int h, int pitch, int level, const char *path)
{
    if (w <= 0 || h <= 0 || !xrgb)
        return SDL_SetError("nothing to save");
    RecordFile rf;
    if (record_file_open(&rf, path) < 0)
        return -1;
    PngErr e;
    memset(&e, 0, sizeof e);
    if (encode(rf.f, xrgb, w, h, pitch, level, &e) < 0) {
        record_file_abort(&rf);
        return SDL_SetError("cannot write %s: %s", path, e.msg);
    }
    return record_file_commit(&rf);
}

int record_png_save(SDL_Renderer *r, int w, int h, const char *path)
{
    if (w <= 0 || h <= 0)
        return SDL_SetError("nothing to save");
    uint32_t *px = malloc((size_t)w * (size_t)h * 4);
    if (!px)
        return SDL_OutOfMemory();
    SDL_Rect all = {0, 0, w, h};
    int rc = SDL_RenderReadPixels(r, &all, SDL_PIXELFORMAT_XRGB8888, px, w * 4);
    if (rc == 0)
        rc = record_png_write(px, w, h, w * 4, RECORD_PNG_LEVEL, path);
    free(px);
    return rc;
}

int record_png_read(const char *path, uint32_t **out, int *w, int *h)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    *out = NULL;
    if (!png_image_begin_read_from_file(&img, path))
        return SDL_SetError("cannot read %s: %s", path, img.message);
    /* XRGB8888 in memory order */
#if SDL_BYTEORDER == SDL_LIL_ENDIAN
    img.format = PNG_FORMAT_BGRA;
#else
    img.format = PNG_FORMAT_ARGB;
#endif
    uint32_t *px = malloc((size_t)img.width * img.height * 4);
    if (!px) {
        png_image_free(&img);
        return SDL_OutOfMemory();
    }
    if (!png_image_finish_read(&img, NULL, px, (png_int_32)img.width * 4, NULL)) {
        free(px);
        return SDL_SetError("cannot read %s: %s", path, img.message);
    }
    *out = px;
    *w = (int)img.width;
    *h = (int)img.height;
    return 0;
}
