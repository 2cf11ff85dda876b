/*
 * render_theme.c: the theme table.  Three themes share one structure; the
 * state colours come from the Okabe-Ito palette, and the scene builder
 * always pairs a colour with a shape or pattern (stripes per generation,
 * dashes for unreachable, hatching for leaks), so no state is told by
 * colour alone.
 */
#include <string.h>

#include "render.h"

#define C(hex) {(uint8_t)((hex) >> 16), (uint8_t)((hex) >> 8), (uint8_t)(hex), 255}
#define CA(hex, a) {(uint8_t)((hex) >> 16), (uint8_t)((hex) >> 8), (uint8_t)(hex), (uint8_t)(a)}

static const RenderTheme themes[RENDER_THEME_COUNT] =
    {
        [RENDER_THEME_DARK] =
            {
                .name = "dark",
                .bg = C(0x14161b),
                .panel = C(0x1c1f26),
                .panel_border = C(0x2c313b),
                .panel_title = C(0x8f98a8),
                .text = C(0xe9ecf1),
                .text_dim = C(0xaeb5c1),
                .text_faint = C(0x9aa2b0),
                .accent = C(0x56b4e9),
                .heap_bg = C(0x171a20),
                .heap_grid = C(0x1e2129),
                .card = C(0x252a34),
                .card_header = C(0x2e3440),
                .card_border = C(0x4a5364),
                .card_shadow = CA(0x000000, 90),
                .card_text = C(0xe9ecf1),
                .row_sep = C(0x343a46),
                .arrow = C(0xc3c9d4),
                .arrow_weak = C(0x8f98a8),
                .arrow_root = C(0x7d8aa3),
                .arrow_hot = C(0xf0e442),
                .hot = C(0xf0e442),
                .hot_fill = CA(0xf0e442, 28),
                .changed = C(0xe69f00),
                .gen = {C(0x56b4e9), C(0x009e73), C(0xcc79a7), C(0xe69f00)},
                .untracked = C(0x7a8292),
                .unreachable = C(0xe8702a),
                .leaked = C(0xe8702a),
                .freed = C(0x6c7483),
                .error = C(0xe0603a),
                .ok = C(0x009e73),
                .badge = C(0x3b4352),
                .badge_text = C(0xffffff),
                .gcrefs = C(0x0072b2),
                .gcrefs_text = C(0xffffff),
                .code_hl = CA(0x56b4e9, 60),
                .code_hl_text = C(0xffffff),
                .code_fn_hl = CA(0x009e73, 60),
                .timeline = C(0x2a2f39),
                .timeline_stmt = C(0x6c7483),
                .timeline_gc = CA(0xcc79a7, 150),
                .timeline_phase = C(0xcc79a7),
                .cursor = C(0xf0e442),
                .button = C(0x2a2f39),
                .button_hover = C(0x3a4150),
                .button_text = C(0xe9ecf1),
                .overlay_dim = CA(0x000000, 150),
                .toast = C(0x2e3440),
                .toast_text = C(0xffffff),
            },
        [RENDER_THEME_LIGHT] =
            {
                .name = "light",
                .bg = C(0xeef0f4),
                .panel = C(0xffffff),
                .panel_border = C(0xd5d9e1),
                .panel_title = C(0x5b6473),
                .text = C(0x1b1f27),
                .text_dim = C(0x4d5564),
                .text_faint = C(0x5f6775),
                .accent = C(0x0072b2),
                .heap_bg = C(0xf8f9fb),
                .heap_grid = C(0xeceef2),
                .card = C(0xffffff),
                .card_header = C(0xeaeef5),
                .card_border = C(0x9aa3b2),
                .card_shadow = CA(0x1b1f27, 34),
                .card_text = C(0x1b1f27),
                .row_sep = C(0xe1e4ea),
                .arrow = C(0x39404d),
                .arrow_weak = C(0x6b7382),
                .arrow_root = C(0x7f8797),
                .arrow_hot = C(0xa35700),
                .hot = C(0xa35700),
                .hot_fill = CA(0xe69f00, 40),
                .changed = C(0xb34d00),
                /* Okabe-Ito, darkened where they are text on white (WCAG AA 4.5:1) */
                .gen = {C(0x00659e), C(0x007a5a), C(0xa0508a), C(0x9a5b00)},
                .untracked = C(0x656d7b),
                .unreachable = C(0xb34d00),
                .leaked = C(0xb34d00),
                .freed = C(0xa0a7b3),
                .error = C(0xc0392b),
                .ok = C(0x007a5a),
                .badge = C(0x39404d),
                .badge_text = C(0xffffff),
                .gcrefs = C(0x0072b2),
                .gcrefs_text = C(0xffffff),
                .code_hl = CA(0x0072b2, 40),
                .code_hl_text = C(0x0b1320),
                .code_fn_hl = CA(0x009e73, 45),
                .timeline = C(0xdfe3ea),
                .timeline_stmt = C(0x8a92a0),
                .timeline_gc = CA(0xcc79a7, 140),
                .timeline_phase = C(0xa0508a),
                .cursor = C(0xd55e00),
                .button = C(0xe6e9ef),
                .button_hover = C(0xd5dae3),
                .button_text = C(0x1b1f27),
                .overlay_dim = CA(0x1b1f27, 110),
                .toast = C(0x1b1f27),
                .toast_text = C(0xffffff),
            },
        [RENDER_THEME_CONTRAST] =
            {
                .name = "contrast",
                .bg = C(0x000000),
                .panel = C(0x000000),
                .panel_border = C(0xffffff),
                .panel_title = C(0xffffff),
                .text = C(0xffffff),
                .text_dim = C(0xffffff),
                .text_faint = C(0xc8c8c8),
                .accent = C(0x56b4e9),
                .heap_bg = C(0x000000),
                .heap_grid = C(0x1a1a1a),
                .card = C(0x000000),
                .card_header = C(0x1f1f1f),
                .card_border = C(0xffffff),
                .card_shadow = CA(0x000000, 0),
                .card_text = C(0xffffff),
                .row_sep = C(0x8a8a8a),
                .arrow = C(0xffffff),
                .arrow_weak = C(0xd0d0d0),
                .arrow_root = C(0xd0d0d0),
                .arrow_hot = C(0xffff00),
                .hot = C(0xffff00),
                .hot_fill = CA(0xffff00, 40),
                .changed = C(0xffa500),
                .gen = {C(0x56b4e9), C(0x00c896), C(0xff8ad0), C(0xffb000)},
                .untracked = C(0xc8c8c8),
                .unreachable = C(0xff6a1a),
                .leaked = C(0xff6a1a),
                .freed = C(0x9a9a9a),
                .error = C(0xff5a36),
                .ok = C(0x00e0a0),
                .badge = C(0xffffff),
                .badge_text = C(0x000000),
                .gcrefs = C(0x56b4e9),
                .gcrefs_text = C(0x000000),
                .code_hl = CA(0xffff00, 255),
                .code_hl_text = C(0x000000),
                .code_fn_hl = CA(0x00c896, 255),
                .timeline = C(0x1f1f1f),
                .timeline_stmt = C(0xffffff),
                .timeline_gc = CA(0xff8ad0, 200),
                .timeline_phase = C(0xff8ad0),
                .cursor = C(0xffff00),
                .button = C(0x000000),
                .button_hover = C(0x333333),
                .button_text = C(0xffffff),
                .overlay_dim = CA(0x000000, 190),
                .toast = C(0xffffff),
                .toast_text = C(0x000000),
            },
};

const RenderTheme *render_theme(RenderThemeId id)
{
    if ((int)id < 0 || id >= RENDER_THEME_COUNT)
        id = RENDER_THEME_DARK;
    return &themes[id];
}

int render_theme_from_name(const char *name)
{
    for (int i = 0; i < RENDER_THEME_COUNT; i++)
        if (name && strcmp(name, themes[i].name) == 0)
            return i;
    return -1;
}
