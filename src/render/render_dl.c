/*
 * render_dl.c: the display list: growable arrays of commands, points,
 * characters and hit regions.  An allocation failure sets `oom` and drops
 * the command; callers check it once after building.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

void render_list_init(RenderList *l, int width, int height, RenderColor clear)
{
    memset(l, 0, sizeof *l);
    render_list_reset(l, width, height, clear);
}

void render_list_reset(RenderList *l, int width, int height, RenderColor clear)
{
    l->ncmds = l->npts = l->nchars = l->nhits = l->ngroups = 0;
    l->width = width;
    l->height = height;
    l->clear = clear;
    l->oom = 0;
}

void render_list_free(RenderList *l)
{
    if (!l)
        return;
    free(l->cmds);
    free(l->pts);
    free(l->chars);
    free(l->hits);
    free(l->groups);
    memset(l, 0, sizeof *l);
}

static RenderCmd *push(RenderList *l, RenderCmdKind kind, RenderColor c)
{
    if (GC_VEC_RESERVE(l->cmds, l->ncmds + 1, l->capcmds, 256, realloc) < 0) {
        l->oom = 1;
        return NULL;
    }
    RenderCmd *cmd = &l->cmds[l->ncmds++];
    memset(cmd, 0, sizeof *cmd);
    cmd->kind = (uint8_t)kind;
    cmd->color = c;
    return cmd;
}

/* A command over the box (x, y, w, h); NULL, and nothing added, when it
 * would draw nothing (transparent, empty) or out of memory. */
static RenderCmd *push_box(RenderList *l, RenderCmdKind kind, float x, float y, float w, float h,
                           RenderColor c)
{
    if (c.a == 0 || w <= 0 || h <= 0)
        return NULL;
    RenderCmd *cmd = push(l, kind, c);
    if (!cmd)
        return NULL;
    cmd->x = x;
    cmd->y = y;
    cmd->w = w;
    cmd->h = h;
    return cmd;
}

void render_rect(RenderList *l, float x, float y, float w, float h, float radius, RenderColor c)
{
    RenderCmd *cmd = push_box(l, RENDER_CMD_RECT, x, y, w, h, c);
    if (cmd)
        cmd->radius = radius;
}

void render_frame(RenderList *l, float x, float y, float w, float h, float radius, float width,
                  float dash, RenderColor c)
{
    RenderCmd *cmd = push_box(l, RENDER_CMD_FRAME, x, y, w, h, c);
    if (!cmd)
        return;
    cmd->radius = radius;
    cmd->width = width;
    cmd->dash = dash;
}

void render_hatch(RenderList *l, float x, float y, float w, float h, float width, float spacing,
                  RenderColor c)
{
    if (spacing <= 0)
        return;
    RenderCmd *cmd = push_box(l, RENDER_CMD_HATCH, x, y, w, h, c);
    if (!cmd)
        return;
    cmd->width = width;
    cmd->dash = spacing;
}

static int push_pts(RenderList *l, RenderCmd *cmd, const RenderPt *pts, int n)
{
    if (GC_VEC_RESERVE(l->pts, l->npts + n, l->cappts, 256, realloc) < 0) {
        l->oom = 1;
        l->ncmds--;
        return -1;
    }
    memcpy(l->pts + l->npts, pts, (size_t)n * sizeof *pts);
    cmd->pts = l->npts;
    cmd->npts = n;
    l->npts += n;
    return 0;
}

void render_line(RenderList *l, const RenderPt *pts, int n, float width, float dash, float head,
                 RenderColor c)
{
    if (c.a == 0 || n < 2)
        return;
    RenderCmd *cmd = push(l, RENDER_CMD_LINE, c);
    if (!cmd)
        return;
    cmd->width = width;
    cmd->dash = dash;
    cmd->head = head;
    push_pts(l, cmd, pts, n);
}

void render_poly(RenderList *l, const RenderPt *pts, int n, RenderColor c)
{
    if (c.a == 0 || n < 3)
        return;
    RenderCmd *cmd = push(l, RENDER_CMD_POLY, c);
    if (!cmd)
        return;
    push_pts(l, cmd, pts, n);
}

void render_text(RenderList *l, float x, float y, RenderFont font, int px, RenderAlign align,
                 RenderColor c, const char *text)
{
    if (c.a == 0 || !text || !*text || px < 4)
        return;
    int32_t len = (int32_t)strlen(text);
    if (GC_VEC_RESERVE(l->chars, l->nchars + len + 1, l->capchars, 256, realloc) < 0) {
        l->oom = 1;
        return;
    }
    RenderCmd *cmd = push(l, RENDER_CMD_TEXT, c);
    if (!cmd)
        return;
    memcpy(l->chars + l->nchars, text, (size_t)len + 1);
    cmd->text = l->nchars;
    l->nchars += len + 1;
    cmd->x = x;
    cmd->y = y;
    cmd->font = (uint8_t)font;
    cmd->px = px;
    cmd->align = (uint8_t)align;
}

void render_clip(RenderList *l, float x, float y, float w, float h)
{
    RenderCmd *cmd = push(l, RENDER_CMD_CLIP, (RenderColor){0, 0, 0, 0});
    if (!cmd)
        return;
    cmd->x = x;
    cmd->y = y;
    cmd->w = w > 0 ? w : 0.001f;
    cmd->h = h > 0 ? h : 0.001f;
}

void render_unclip(RenderList *l)
{
    push(l, RENDER_CMD_CLIP, (RenderColor){0, 0, 0, 0});
}

int32_t render_group_begin(RenderList *l)
{
    if (GC_VEC_RESERVE(l->groups, l->ngroups + 1, l->capgroups, 16, realloc) < 0)
        return -1;
    l->groups[l->ngroups] = (RenderGroup){l->ncmds, l->ncmds, 0};
    return l->ngroups++;
}

int32_t render_group_begin_lasting(RenderList *l)
{
    int32_t g = render_group_begin(l);
    if (g >= 0)
        l->groups[g].lasting = 1;
    return g;
}

void render_group_end(RenderList *l, int32_t group)
{
    if (group >= 0 && group < l->ngroups)
        l->groups[group].end = l->ncmds;
}

void render_hit(RenderList *l, RenderHitKind kind, int32_t id, float x, float y, float w, float h)
{
    if (GC_VEC_RESERVE(l->hits, l->nhits + 1, l->caphits, 256, realloc) < 0) {
        l->oom = 1;
        return;
    }
    l->hits[l->nhits++] = (RenderHit){(uint8_t)kind, id, x, y, w, h};
}

const RenderHit *render_hit_at(const RenderList *l, float x, float y)
{
    for (int32_t i = l->nhits - 1; i >= 0; i--) {
        const RenderHit *h = &l->hits[i];
        if (x >= h->x && x < h->x + h->w && y >= h->y && y < h->y + h->h)
            return h;
    }
    return NULL;
}

const char *render_cmd_text(const RenderList *l, const RenderCmd *c)
{
    return l->chars + c->text;
}
