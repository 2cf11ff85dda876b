/*
 * test_layout.c: the layout module without a renderer.  A heap of 100,000
 * cards of the shapes programs make (garbage 2-cycles, a long list, a chain,
 * a tree, short-lived temporaries) is laid out: every card placed, no two
 * cards alive at the same time overlap, children beside their parents, and
 * a second layout gives the same places.  The time is printed, not asserted.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "layout.h"

#include "../common/check.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint32_t rnd(uint32_t *seed, uint32_t n)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 8) % n;
}

static int lives_meet(const LayoutItem *a, const LayoutItem *b)
{
    int32_t ag = a->gone < 0 ? INT32_MAX : a->gone, bg = b->gone < 0 ? INT32_MAX : b->gone;
    return a->born < bg && b->born < ag;
}

/* Pairs of cards alive at the same time whose rectangles meet, counted with
 * a grid of its own (cells of 512 units; each pair is looked at in the
 * first cell both cover). */
static long overlaps(const LayoutItem *it, const float *x, const float *y, int n)
{
    enum { CELLS = 1 << 16 };
    const float C = 512.0f;
    int *head = malloc(CELLS * sizeof *head);
    int cap = 8 * n, used = 0;
    int *next = malloc((size_t)cap * sizeof *next), *who = malloc((size_t)cap * sizeof *who);
    long bad = 0;
    memset(head, 0xff, CELLS * sizeof *head);
    for (int i = 0; i < n; i++)
        for (int cy = (int)floorf(y[i] / C); cy <= (int)floorf((y[i] + it[i].h) / C); cy++)
            for (int cx = (int)floorf(x[i] / C); cx <= (int)floorf((x[i] + it[i].w) / C); cx++) {
                uint32_t b = ((uint32_t)cx * 73856093u ^ (uint32_t)cy * 19349663u) % CELLS;
                for (int k = head[b]; k >= 0; k = next[k]) {
                    int j = who[k];
                    if (x[i] < x[j] + it[j].w && x[j] < x[i] + it[i].w && y[i] < y[j] + it[j].h &&
                        y[j] < y[i] + it[i].h && lives_meet(&it[i], &it[j])) {
                        /* count once: in the cell of the overlap's top-left corner */
                        float ox = fmaxf(x[i], x[j]), oy = fmaxf(y[i], y[j]);
                        if ((int)floorf(ox / C) == cx && (int)floorf(oy / C) == cy) {
                            if (bad < 5)
                                fprintf(stderr, "  #%d (%g,%g %gx%g) and #%d (%g,%g %gx%g)\n",
                                        (int)it[i].id, x[i], y[i], it[i].w, it[i].h, (int)it[j].id,
                                        x[j], y[j], it[j].w, it[j].h);
                            bad++;
                        }
                    }
                }
                if (used == cap) {
                    cap *= 2;
                    next = realloc(next, (size_t)cap * sizeof *next);
                    who = realloc(who, (size_t)cap * sizeof *who);
                }
                who[used] = i;
                next[used] = head[b];
                head[b] = used++;
            }
    free(head);
    free(next);
    free(who);
    return bad;
}

/* 100,000 cards: 40,000 in garbage 2-cycles (each bound to a name first,
 * so roots), a list of 15,000 items, a chain of 10,000, a binary tree of
 * 15,000, and 20,000 temporaries of one to three events each, some bound
 * to names, some held by live cards. */
static void t_big(void)
{
    enum { N = 100000 };
    LayoutItem *it = calloc(N, sizeof *it);
    float inst_w, inst_h, list_w, list_h, big_w, big_h;
    layout_card_size(GC_KIND_INSTANCE, 1, &inst_w, &inst_h);
    layout_card_size(GC_KIND_LIST, 9, &list_w, &list_h);
    layout_card_size(GC_KIND_INSTANCE, 3, &big_w, &big_h);
    uint32_t seed = 4242;
    int32_t t = 0;
    int n = 0;
    int cyc0 = n;
    for (int i = 0; i < 40000; i++, n++)
        it[n] = (LayoutItem){n + 1, inst_w, inst_h, t += 4, -1, 0};
    int list = n;
    it[n] = (LayoutItem){n + 1, list_w, list_h, t += 4, -1, 0};
    n++;
    for (int i = 0; i < 15000; i++, n++)
        it[n] = (LayoutItem){n + 1, inst_w, inst_h, t += 4, -1, (GcId)(list + 1)};
    int chain = n;
    for (int i = 0; i < 10000; i++, n++)
        it[n] = (LayoutItem){n + 1, inst_w, inst_h, t += 4, -1, i == 0 ? 0 : (GcId)n};
    int tree = n;
    for (int i = 0; i < 15000; i++, n++)
        it[n] = (LayoutItem){n + 1, big_w, big_h, t += 4, -1, i == 0 ? 0 : (GcId)(tree + (i - 1) / 2 + 1)};
    int temps = n;
    while (n < N) {
        GcId parent = rnd(&seed, 2) ? 0 : (GcId)(1 + rnd(&seed, (uint32_t)temps));
        it[n] = (LayoutItem){n + 1, rnd(&seed, 3) ? inst_w : list_w, rnd(&seed, 3) ? inst_h : list_h,
                             t += 2, t + 1 + (int32_t)rnd(&seed, 6), parent};
        n++;
    }
    float *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
    double t0 = now();
    Layout *l = layout_new();
    CHECK(layout_place(l, it, N) == 0, "place");
    double t1 = now();
    printf("  %d cards laid out in %.2f s\n", N, t1 - t0);
    int unplaced = 0;
    for (int i = 0; i < N; i++)
        unplaced += layout_get(l, it[i].id, &x[i], &y[i]) != 0;
    CHECK(unplaced == 0, "%d cards not placed", unplaced);
    long bad = overlaps(it, x, y, N);
    CHECK(bad == 0, "%ld overlapping pairs", bad);
    /* beside the referrer: the chain runs to the right on its first card's
     * row, the first item of the list and the tree's children sit in a column
     * right of their parent */
    int chain_off = 0;
    for (int i = chain + 1; i < chain + 10000; i++)
        chain_off += !(y[i] == y[chain] && x[i] > x[i - 1]);
    CHECK(chain_off == 0, "%d chain links off its row", chain_off);
    CHECK(y[list + 1] == y[list] && x[list + 1] > x[list] + list_w, "the list's first item beside it");
    int right = 0;
    for (int i = tree + 1; i < tree + 15000; i++)
        right += x[i] > x[it[i].parent - 1];
    CHECK(right > 14000, "%d of 14999 tree nodes right of their parent", right);
    (void)cyc0;
    /* the same again */
    Layout *l2 = layout_new();
    CHECK(layout_place(l2, it, N) == 0, "place again");
    int diff = 0;
    for (int i = 0; i < N; i++) {
        float x2, y2;
        diff += layout_get(l2, it[i].id, &x2, &y2) != 0 || x2 != x[i] || y2 != y[i];
    }
    CHECK(diff == 0, "%d cards placed differently the second time", diff);
    layout_free(l2);
    layout_free(l);
    free(x);
    free(y);
    free(it);
}

/* The stop question (the window's Escape while a big run is laid out):
 * layout_place asks it every 4,096 cards and returns LAYOUT_STOPPED at the
 * first yes, before placing the rest; asked never, it places them all. */
static int asked;
static int stop_after_two(void *ctx)
{
    (void)ctx;
    return ++asked >= 2;
}

static void t_stop(void)
{
    enum { N = 20000 };
    LayoutItem *it = calloc(N, sizeof *it);
    float w, h;
    layout_card_size(GC_KIND_INSTANCE, 1, &w, &h);
    for (int i = 0; i < N; i++)
        it[i] = (LayoutItem){i + 1, w, h, 4 * i, -1, 0};
    Layout *l = layout_new();
    layout_set_stop(l, stop_after_two, NULL);
    int rc = layout_place(l, it, N);
    CHECK(rc == LAYOUT_STOPPED, "stopped: rc %d after %d questions", rc, asked);
    CHECK(asked == 2, "asked %d times", asked);
    int placed = 0;
    float x, y;
    for (int i = 0; i < N; i++)
        placed += layout_get(l, it[i].id, &x, &y) == 0;
    CHECK(placed > 0 && placed <= 4096 + 1, "%d cards placed before the stop", placed);
    layout_set_stop(l, NULL, NULL);
    CHECK(layout_place(l, it, N) == 0, "placed after the stop is taken away");
    placed = 0;
    for (int i = 0; i < N; i++)
        placed += layout_get(l, it[i].id, &x, &y) == 0;
    CHECK(placed == N, "%d of %d placed", placed, N);
    layout_free(l);
    free(it);
}

int main(int argc, char **argv)
{
    static const TestCase tests[] = {
        {"big", t_big},
        {"stop", t_stop},
    };
    return test_main(argc, argv, tests, sizeof tests / sizeof tests[0]);
}
