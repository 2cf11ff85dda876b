/*
 * test_layout_tree.c: layout_build on programs that build big trees (more
 * than the 64 instances a lecture's structure has), as a run lays them out:
 * a binary tree made breadth first through a list (benchmarks/bench_big.py's
 * "tree"), one made depth first by a recursive function, and one whose
 * nodes are freed in the middle of the run and replaced.  Checked: every
 * card placed, no two cards alive at the same time overlap, a second
 * layout gives the same places, and in the breadth-first tree every child
 * is near its parent but for the upper nodes' later children, the top of
 * the tree is drawn as a tree, and the tree's box has about the heap's
 * aspect.
 *
 *   test_layout_tree NAME             one test
 *   test_layout_tree measure FILE     the parent -> child distances of a
 *                                     scenario's layout, printed (README)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lang.h"
#include "layout.h"
#include "scenario.h"

#include "../common/check.h"

/* A run of a program and its layout. */
typedef struct Run {
    Scenario *sc;
    LangRun *r;
    GcHeap *h;
    Layout *l;
    double layout_s;
} Run;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int64_t history_budget; /* LangRunOptions.history_budget of the runs (0: default) */

static int run_open(Run *run, const char *name, const char *text, size_t len)
{
    ScenarioErrors errs;
    memset(run, 0, sizeof *run);
    memset(&errs, 0, sizeof errs);
    run->sc = scenario_load_text(name, text, len, &errs);
    if (!run->sc) {
        char buf[1024];
        scenario_format_problem(name, &errs.items[0], buf, sizeof buf);
        fprintf(stderr, "%s does not load: %s\n", name, buf);
        return -1;
    }
    LangRunOptions o;
    memset(&o, 0, sizeof o);
    o.record = 1;
    o.history_budget = history_budget;
    run->r = lang_run(run->sc->program, &o);
    if (!run->r || lang_run_status(run->r) != 0) {
        fprintf(stderr, "%s: %s\n", name, run->r ? lang_run_error(run->r) : "oom");
        return -1;
    }
    run->h = lang_run_heap(run->r);
    run->l = layout_new();
    layout_set_arrange(run->l, run->sc->arrange);
    double t0 = now();
    int rc = layout_build(run->l, run->h, run->sc->pins, run->sc->npins);
    run->layout_s = now() - t0;
    if (rc != 0) {
        fprintf(stderr, "%s: layout_build %d\n", name, rc);
        return -1;
    }
    return 0;
}

static void run_close(Run *run)
{
    layout_free(run->l);
    lang_run_free(run->r);
    scenario_free(run->sc);
}

/* Pairs of cards alive at the same time (born .. layout_drawn_until)
 * whose rectangles meet, by a sweep over x (cards sorted by left edge). */
typedef struct Card {
    GcId id;
    float x, y, w, h;
    int32_t born, gone;
} Card;

static int cmp_x(const void *a, const void *b)
{
    const Card *p = a, *q = b;
    return (p->x > q->x) - (p->x < q->x);
}

static int cards_of(const Run *run, Card **out)
{
    GcId maxid = gc_max_id(run->h);
    Card *c = malloc(((size_t)maxid + 1) * sizeof *c);
    int n = 0;
    for (GcId id = 1; id <= maxid; id++) {
        Card k = {id, 0, 0, 0, 0, gc_born(run->h, id), layout_drawn_until(run->l, id)};
        if (layout_get(run->l, id, &k.x, &k.y) < 0)
            continue;
        layout_reserved(run->l, id, &k.w, &k.h);
        k.gone = k.gone < 0 ? INT32_MAX : k.gone;
        c[n++] = k;
    }
    *out = c;
    return n;
}

static long overlaps(const Run *run)
{
    Card *c;
    int n = cards_of(run, &c);
    qsort(c, (size_t)n, sizeof *c, cmp_x);
    float widest = 0;
    for (int i = 0; i < n; i++)
        widest = fmaxf(widest, c[i].w);
    long bad = 0;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n && c[j].x < c[i].x + c[i].w; j++)
            if (c[i].y < c[j].y + c[j].h && c[j].y < c[i].y + c[i].h && c[i].born < c[j].gone &&
                c[j].born < c[i].gone && c[i].w > 0 && c[j].w > 0) {
                if (bad < 5)
                    fprintf(stderr, "  #%d (%g,%g %gx%g) and #%d (%g,%g %gx%g)\n", (int)c[i].id,
                            c[i].x, c[i].y, c[i].w, c[i].h, (int)c[j].id, c[j].x, c[j].y, c[j].w,
                            c[j].h);
                bad++;
            }
    free(c);
    return bad;
}

/* Whether two layouts of the same run place every card alike. */
static int same_places(const Run *a, const Layout *b)
{
    int diff = 0;
    for (GcId id = 1; id <= gc_max_id(a->h); id++) {
        float x1, y1, x2, y2;
        int k1 = layout_get(a->l, id, &x1, &y1), k2 = layout_get(b, id, &x2, &y2);
        diff += k1 != k2 || (k1 == 0 && (x1 != x2 || y1 != y2));
    }
    return diff;
}

/* The distances between the centres of each instance's card and its
 * parent's (the instance whose field first held it; without stores, the
 * earlier-born instance holding it at the end of the last statement
 * after which objects are alive). */
typedef struct Dist {
    int n, far;      /* pairs, and of them further than bound */
    double mean, max;
    double box[4];   /* the instances' cards' box */
} Dist;

static Dist distances(const Run *run, double bound)
{
    GcId maxid = gc_max_id(run->h);
    GcId *parent = calloc((size_t)maxid + 1, sizeof *parent);
    Dist d = {0, 0, 0, 0, {INFINITY, INFINITY, -INFINITY, -INFINITY}};
    for (int32_t i = 0; i < gc_event_count(run->h); i++) {
        const GcEvent *ev = gc_event(run->h, i);
        if (ev->kind != GC_EV_STORE || ev->obj <= 0 || ev->obj2 <= 0 || ev->obj == ev->obj2 ||
            parent[ev->obj2])
            continue;
        const GcObject *a = gc_object(run->h, ev->obj), *b = gc_object(run->h, ev->obj2);
        if (a && b && a->kind == GC_KIND_INSTANCE && b->kind == GC_KIND_INSTANCE)
            parent[ev->obj2] = ev->obj;
    }
    /* where the history kept only statements (no stores): the holder at
     * the end of the run, born first */
    int alive = 0;
    for (int32_t i = gc_event_count(run->h) - 1; i >= 0 && !alive; i--) {
        if (gc_event(run->h, i)->kind != GC_EV_STEP_END)
            continue;
        gc_seek(run->h, i + 1);
        for (GcId id = 1; id <= maxid && !alive; id++)
            alive = gc_object(run->h, id) && gc_object(run->h, id)->state == GC_STATE_ALIVE;
    }
    for (GcId id = 1; id <= maxid; id++) {
        const GcObject *o = gc_object(run->h, id);
        if (!o || o->state != GC_STATE_ALIVE || o->kind != GC_KIND_INSTANCE)
            continue;
        for (uint32_t s = 0; s < gc_nslots(o); s++) {
            GcValue v = gc_slot(o, s).val;
            GcId c = GC_VAL_IS_OBJ(v) ? GC_VAL_ID(v) : 0;
            const GcObject *co = c > id && c <= maxid ? gc_object(run->h, c) : NULL;
            if (co && co->kind == GC_KIND_INSTANCE && !parent[c])
                parent[c] = id;
        }
    }
    double sum = 0;
    for (GcId id = 1; id <= maxid; id++) {
        const GcObject *o = gc_object(run->h, id);
        float x, y, w, h;
        if (!o || o->kind != GC_KIND_INSTANCE || layout_get(run->l, id, &x, &y) < 0)
            continue;
        layout_reserved(run->l, id, &w, &h);
        d.box[0] = fmin(d.box[0], x);
        d.box[1] = fmin(d.box[1], y);
        d.box[2] = fmax(d.box[2], x + w);
        d.box[3] = fmax(d.box[3], y + h);
        float px, py, pw, ph;
        if (!parent[id] || layout_get(run->l, parent[id], &px, &py) < 0)
            continue;
        layout_reserved(run->l, parent[id], &pw, &ph);
        double dist = hypot((x + w / 2) - (px + pw / 2), (y + h / 2) - (py + ph / 2));
        sum += dist;
        d.max = fmax(d.max, dist);
        d.far += dist > bound;
        d.n++;
    }
    d.mean = d.n ? sum / d.n : 0;
    free(parent);
    return d;
}

/* A binary tree of n nodes made breadth first (bench_big.py's "tree"). */
static char *bfs_tree(int n)
{
    char *s = malloc(1024);
    snprintf(s, 1024,
             "import gc\n"
             "class Node:\n"
             "    pass\n"
             "gc.disable()\n"
             "root = Node()\n"
             "nodes = [root]\n"
             "for i in range(%d):\n"
             "    p = nodes[i]\n"
             "    p.left = Node()\n"
             "    p.right = Node()\n"
             "    nodes.append(p.left)\n"
             "    nodes.append(p.right)\n"
             "del nodes, p\n",
             (n - 1) / 2);
    return s;
}

/* The bound on a child's distance to its parent in a folded tree: a block
 * of at most 40 nodes in levels (a binary one: 5 levels, 16 leaves) with
 * its header, and the gap to the next unit. */
#define NEAR 2500.0

/* The first instance of the run (a tree's root) and the instances its
 * slots hold, into kids[0..2); how many. */
static int children_of(const Run *run, GcId id, GcId kids[2])
{
    const GcObject *o = gc_object(run->h, id);
    int n = 0;
    for (uint32_t s = 0; o && s < gc_nslots(o) && n < 2; s++) {
        GcValue v = gc_slot(o, s).val;
        if (GC_VAL_IS_OBJ(v))
            kids[n++] = GC_VAL_ID(v);
    }
    return n;
}

/* The top of a folded binary tree is drawn as a tree (the crown): the
 * root's two children in the next column, one above and one below it,
 * and their four children likewise in the column after. */
static void check_crown(const Run *run)
{
    GcId root = 0;
    for (GcId id = 1; id <= gc_max_id(run->h) && !root; id++) {
        const GcObject *o = gc_object(run->h, id);
        root = o && o->kind == GC_KIND_INSTANCE ? id : 0;
    }
    GcId level[4] = {root}, next[4];
    int n = 1;
    for (int depth = 0; depth < 2; depth++) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            GcId kids[2];
            float px, py, x0, y0, x1, y1;
            int k = children_of(run, level[i], kids);
            CHECK(k == 2, "#%d has %d children", (int)level[i], k);
            if (k != 2 || layout_get(run->l, level[i], &px, &py) < 0 ||
                layout_get(run->l, kids[0], &x0, &y0) < 0 ||
                layout_get(run->l, kids[1], &x1, &y1) < 0) {
                CHECK(0, "#%d and its children placed", (int)level[i]);
                return;
            }
            CHECK(x0 > px && x0 == x1, "#%d at x %g: children at x %g and %g", (int)level[i], px,
                  x0, x1);
            CHECK(y0 < py && py < y1, "#%d at y %g: children at y %g and %g", (int)level[i], py,
                  y0, y1);
            next[m++] = kids[0];
            next[m++] = kids[1];
        }
        memcpy(level, next, sizeof next);
        n = m;
    }
}

/* 30,000 nodes breadth first: no overlap, the same twice, every child
 * within NEAR of its parent but for one child of each upper node (fewer
 * than a tenth of the nodes), a mean well under NEAR, and a box between
 * 0.7 and 2.5 times as wide as tall (LAYOUT_ASPECT 1.3). */
static void t_bfs(void)
{
    enum { N = 30000 };
    char *src = bfs_tree(N);
    Run a, b;
    if (run_open(&a, "bfs.py", src, strlen(src)) < 0 || run_open(&b, "bfs.py", src, strlen(src)) < 0) {
        CHECK(0, "the runs");
        free(src);
        return;
    }
    long bad = overlaps(&a);
    CHECK(bad == 0, "%ld pairs of cards alive together overlap", bad);
    int diff = same_places(&a, b.l);
    CHECK(diff == 0, "%d cards placed differently the second time", diff);
    Dist d = distances(&a, NEAR);
    double bw = d.box[2] - d.box[0], bh = d.box[3] - d.box[1];
    printf("bfs %d: pairs %d, mean %.0f, max %.0f, further than %.0f: %d; box %.0f x %.0f; "
           "layout %.3f s\n",
           N, d.n, d.mean, d.max, NEAR, d.far, bw, bh, a.layout_s);
    CHECK(d.n == 2 * ((N - 1) / 2), "%d parent -> child pairs", d.n);
    CHECK(d.far <= N / 10, "%d children further than %.0f from their parents", d.far, NEAR);
    CHECK(d.mean < NEAR / 2, "mean distance %.0f", d.mean);
    CHECK(bw >= 0.7 * bh && bw <= 2.5 * bh, "box %.0f x %.0f", bw, bh);
    check_crown(&a);
    run_close(&a);
    run_close(&b);
    free(src);
}

/* A linked list of 30,000 nodes (a chain: one child each) folded into
 * rows: no overlap, the same twice, each node's next beside it on its row
 * (right of it, one card and a gap away) or, for a row's last, the first
 * of the next row (at the rows' left edge, one row lower), more than one
 * row and fewer than 30,000, and the box between 0.7 and 2.5 times as
 * wide as tall (in one row it was 30,000 cards wide). */
static void t_chain(void)
{
    enum { N = 30000 };
    char src[512];
    snprintf(src, sizeof src,
             "import gc\nclass Node:\n    pass\ngc.disable()\nhead = Node()\nn = head\n"
             "for i in range(%d):\n    n.next = Node()\n    n = n.next\n",
             N - 1);
    Run a, b;
    if (run_open(&a, "chain.py", src, strlen(src)) < 0 ||
        run_open(&b, "chain.py", src, strlen(src)) < 0) {
        CHECK(0, "the runs");
        return;
    }
    long bad = overlaps(&a);
    CHECK(bad == 0, "%ld pairs of cards alive together overlap", bad);
    int diff = same_places(&a, b.l);
    CHECK(diff == 0, "%d cards placed differently the second time", diff);
    Dist d = distances(&a, 1e9);
    double bw = d.box[2] - d.box[0], bh = d.box[3] - d.box[1];
    /* walk the chain from its head: the instance no field holds */
    GcId maxid = gc_max_id(a.h), *next = calloc((size_t)maxid + 1, sizeof *next);
    uint8_t *held = calloc((size_t)maxid + 1, 1);
    for (GcId id = 1; next && held && id <= maxid; id++) {
        const GcObject *o = gc_object(a.h, id);
        if (!o || o->kind != GC_KIND_INSTANCE)
            continue;
        for (uint32_t i = 0; i < gc_nslots(o); i++) {
            GcValue v = gc_slot(o, i).val;
            const GcObject *t = GC_VAL_IS_OBJ(v) ? gc_object(a.h, GC_VAL_ID(v)) : NULL;
            if (t && t->kind == GC_KIND_INSTANCE) {
                next[id] = GC_VAL_ID(v);
                held[GC_VAL_ID(v)] = 1;
            }
        }
    }
    GcId head = 0;
    for (GcId id = 1; next && held && id <= maxid && !head; id++)
        head = next[id] && !held[id] ? id : 0;
    int links = 0, beside = 0, wraps = 0, off = 0;
    float left = 0, top = 0, w = 0, h = 0;
    if (head) {
        layout_get(a.l, head, &left, &top);
        layout_reserved(a.l, head, &w, &h);
    }
    for (GcId id = head; id && next[id]; id = next[id], links++) {
        float x0, y0, x1, y1;
        layout_get(a.l, id, &x0, &y0);
        layout_get(a.l, next[id], &x1, &y1);
        if (y1 == y0 && x1 > x0 + w && x1 < x0 + 2 * w)
            beside++;
        else if (x1 == left && y1 > y0 + h && y1 < y0 + 3 * h)
            wraps++;
        else
            off++;
    }
    printf("chain %d: %d links, %d beside, %d wrap to the next row, %d off; box %.0f x %.0f; "
           "layout %.3f s\n",
           N, links, beside, wraps, off, bw, bh, a.layout_s);
    CHECK(links == N - 1, "%d links from the head", links);
    CHECK(off == 0 && wraps >= 1 && wraps < N / 16, "%d links beside, %d wrap, %d off", beside,
          wraps, off);
    CHECK(bw >= 0.7 * bh && bw <= 2.5 * bh, "box %.0f x %.0f", bw, bh);
    (void)top;
    free(next);
    free(held);
    run_close(&a);
    run_close(&b);
}

/* The same tree with a history budget that keeps only statements past
 * its first part: the links made there have no stores, and the nodes
 * still get their parents (the holders at the end of the run). */
static void t_coarse(void)
{
    enum { N = 30000 };
    char *src = bfs_tree(N);
    Run a;
    history_budget = 24 << 20;
    int rc = run_open(&a, "coarse.py", src, strlen(src));
    history_budget = 0;
    if (rc < 0) {
        CHECK(0, "the run");
        free(src);
        return;
    }
    CHECK(gc_history_info(a.h).coarse_from >= 0, "the history is every micro-step");
    long bad = overlaps(&a);
    CHECK(bad == 0, "%ld pairs of cards alive together overlap", bad);
    Dist d = distances(&a, NEAR);
    printf("coarse %d (statements from event %d): pairs %d, mean %.0f, max %.0f, further than "
           "%.0f: %d\n",
           N, (int)gc_history_info(a.h).coarse_from, d.n, d.mean, d.max, NEAR, d.far);
    CHECK(d.n == 2 * ((N - 1) / 2), "%d parent -> child pairs", d.n);
    CHECK(d.far <= N / 10, "%d children further than %.0f from their parents", d.far, NEAR);
    run_close(&a);
    free(src);
}

/* A tree as a teacher writes it: its nodes made by Node(i) into a list
 * (an argument tuple a call, made and freed in the statement), then
 * linked, with a budget that keeps only statements for most of the run.
 * The names alive with the tree (the list) go left of its root; the
 * argument tuples of the part kept as statements (no binding events
 * there) are no names: none of them goes there (each was tried against
 * every card of the tree: minutes for 10^5 nodes). */
static void t_coarse_args(void)
{
    enum { N = 30000 };
    char src[1024];
    snprintf(src, sizeof src,
             "import gc\n"
             "class Node:\n"
             "    def __init__(self, v):\n"
             "        self.v = v\n"
             "        self.left = None\n"
             "        self.right = None\n"
             "gc.disable()\n"
             "nodes = []\n"
             "for i in range(%d):\n"
             "    nodes.append(Node(i))\n"
             "for i in range(1, %d):\n"
             "    p = nodes[(i - 1) // 2]\n"
             "    if i %% 2 == 1:\n"
             "        p.left = nodes[i]\n"
             "    else:\n"
             "        p.right = nodes[i]\n"
             "root = nodes[0]\n"
             "del p\n",
             N, N);
    Run a;
    history_budget = 40 << 20;
    int rc = run_open(&a, "coarse_args.py", src, strlen(src));
    history_budget = 0;
    if (rc < 0) {
        CHECK(0, "the run");
        return;
    }
    CHECK(gc_history_info(a.h).coarse_from >= 0, "the history is every micro-step");
    GcId root = 0, list = 0;
    for (GcId id = 1; id <= gc_max_id(a.h) && (!root || !list); id++) {
        const GcObject *o = gc_object(a.h, id);
        if (o && o->kind == GC_KIND_INSTANCE && !root)
            root = id;
        if (o && o->kind == GC_KIND_LIST && !list)
            list = id;
    }
    float rx, ry, x, y, w, h;
    if (!root || !list || layout_get(a.l, root, &rx, &ry) < 0) {
        CHECK(0, "the root and the list placed");
        run_close(&a);
        return;
    }
    int left = 0, tuples = 0;
    for (GcId id = 1; id <= gc_max_id(a.h); id++) {
        const GcObject *o = gc_object(a.h, id);
        if (!o || layout_get(a.l, id, &x, &y) < 0)
            continue;
        layout_reserved(a.l, id, &w, &h);
        if (x + w <= rx && y + h > ry - 2000 && y < ry + 2000) {
            left++;
            tuples += o->kind == GC_KIND_TUPLE;
        }
    }
    CHECK(layout_get(a.l, list, &x, &y) == 0 && x + w <= rx && y == ry,
          "the list of nodes at %g, %g: not level with the root at %g, %g", x, y, rx, ry);
    CHECK(tuples == 0, "%d argument tuples left of the root (%d cards there)", tuples, left);
    printf("coarse_args %d: %d cards left of the root, %d of them tuples\n", N, left, tuples);
    long bad = overlaps(&a);
    CHECK(bad == 0, "%ld pairs of cards alive together overlap", bad);
    run_close(&a);
}

/* Checks a program's layout: no overlap, the same twice; returns the
 * distances (bound NEAR). */
static Dist check_program(const char *name, const char *src)
{
    Dist d = {0};
    Run a, b;
    if (run_open(&a, name, src, strlen(src)) < 0 || run_open(&b, name, src, strlen(src)) < 0) {
        CHECK(0, "%s: the runs", name);
        return d;
    }
    long bad = overlaps(&a);
    CHECK(bad == 0, "%s: %ld pairs of cards alive together overlap", name, bad);
    int diff = same_places(&a, b.l);
    CHECK(diff == 0, "%s: %d cards placed differently the second time", name, diff);
    d = distances(&a, NEAR);
    printf("%s: pairs %d, mean %.0f, max %.0f, further than %.0f: %d; layout %.3f s\n", name, d.n,
           d.mean, d.max, NEAR, d.far, a.layout_s);
    run_close(&a);
    run_close(&b);
    return d;
}

/* A tree of 2^13 - 1 nodes made depth first by a recursive function. */
static void t_dfs(void)
{
    const char *src = "import gc\n"
                      "class Node:\n"
                      "    pass\n"
                      "def build(d):\n"
                      "    n = Node()\n"
                      "    if d > 0:\n"
                      "        n.left = build(d - 1)\n"
                      "        n.right = build(d - 1)\n"
                      "    return n\n"
                      "gc.disable()\n"
                      "root = build(12)\n";
    Dist d = check_program("dfs.py", src);
    CHECK(d.n == 8190, "%d pairs", d.n);
    CHECK(d.far <= 8191 / 10, "%d children further than %.0f from their parents", d.far, NEAR);
}

/* A tree of 6,000 breadth first whose nodes 100 .. 399 lose their left
 * subtree in the middle of the run and get a new node with a child there
 * (cards that die and others born after them), and a second tree built
 * after the first is freed. */
static void t_replaced(void)
{
    const char *src = "import gc\n"
                      "class Node:\n"
                      "    pass\n"
                      "gc.disable()\n"
                      "root = Node()\n"
                      "nodes = [root]\n"
                      "for i in range(3000):\n"
                      "    p = nodes[i]\n"
                      "    p.left = Node()\n"
                      "    p.right = Node()\n"
                      "    nodes.append(p.left)\n"
                      "    nodes.append(p.right)\n"
                      "mids = []\n"
                      "for i in range(100, 400):\n"
                      "    mids.append(nodes[i])\n"
                      "del nodes, p\n"
                      "for m in mids:\n"
                      "    m.left = None\n"
                      "for m in mids:\n"
                      "    m.left = Node()\n"
                      "    m.left.right = Node()\n"
                      "del mids\n"
                      "del root\n"
                      "root = Node()\n"
                      "nodes = [root]\n"
                      "for i in range(1000):\n"
                      "    p = nodes[i]\n"
                      "    p.left = Node()\n"
                      "    p.right = Node()\n"
                      "    nodes.append(p.left)\n"
                      "    nodes.append(p.right)\n"
                      "del nodes, p\n";
    check_program("replaced.py", src);
}

static int measure(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        perror(path);
        return 2;
    }
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    size_t got = fread(text, 1, (size_t)n, fp);
    fclose(fp);
    const char *slash = strrchr(path, '/');
    Run a;
    if (run_open(&a, slash ? slash + 1 : path, text, got) < 0) {
        free(text);
        return 1;
    }
    Dist d = distances(&a, NEAR);
    printf("%s: pairs %d, mean %.0f, max %.0f, further than %.0f: %d; box %.0f x %.0f; "
           "overlaps %ld; layout %.3f s\n",
           path, d.n, d.mean, d.max, NEAR, d.far, d.box[2] - d.box[0], d.box[3] - d.box[1],
           overlaps(&a), a.layout_s);
    run_close(&a);
    free(text);
    return 0;
}

int main(int argc, char **argv)
{
    static const TestCase tests[] = {
        {"bfs", t_bfs},
        {"dfs", t_dfs},
        {"replaced", t_replaced},
        {"coarse", t_coarse},
        {"coarse_args", t_coarse_args},
        {"chain", t_chain},
    };
    if (argc >= 3 && strcmp(argv[1], "measure") == 0)
        return measure(argv[2]);
    return test_main(argc, argv, tests, sizeof tests / sizeof tests[0]);
}
