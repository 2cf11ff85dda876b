/*
 * test_checkpoint.c: heap checkpoints (issue 14, gc_checkpoint.c).
 *
 * Each program is run twice, recording the same history with a
 * checkpoint every few dozen writes (so that they are thinned many times
 * over); the second run then drops its checkpoints.  Both are sought to the same random cursors
 * in a random order (forwards and backwards, near and far), the first
 * through its checkpoints, the second by replaying writes only, and their
 * heaps must be the same word for word: every global, every record up to
 * maxid (each field, its slots up to their capacity), every frame up to
 * the frames' capacity with its variables, the temporaries, the in-flight
 * references, the printed output and the captions of the events around
 * the cursor; gc_check must pass on both.  The programs: garbage
 * 2-cycles, a churn loop with automatic collections (a dict with a key
 * index, a list, __del__, output), __del__ resurrecting objects in
 * collections, weakref callbacks, and the churn loop with its budget
 * forced small (statement-level from part way).
 *
 * Checkpoints share the chunks of records (GcCkChunk, 1,024 records) not
 * written between them: two programs of 20,000 lists (20 of those chunks,
 * two of the records' storage) then write, between one checkpoint and the
 * next, one chunk (few) or every chunk (many).  Their seeks must give
 * plain replay's heap as well; each checkpoint must share a chunk with
 * the one before exactly when no write between them went to it; those of
 * the first's loop share all chunks but one, those of the second's none.
 *
 * A big block (GC_CK_PAGED slots or more) is shared by pages of
 * GC_CK_PAGE slots: PAGES makes a list of 100,000 items, then
 * overwrites items all over it, appends to it, pops from it, fills a dict of
 * 6,000 keys (paged GcSlot slots and a key index rebuilt at a restore)
 * and deletes some of them; its seeks must give plain replay's heap too,
 * and its checkpoints must refer to far more pages than they copied.
 *
 * gc_reachable (what the window draws as unreachable) marks breadth
 * first through each object's values: reach checks it against a plain
 * depth-first search through gc_slot at every cursor of a few programs
 * with garbage cycles, collections, resurrection and weakrefs (whose
 * referents a weakref does not keep reachable).
 *
 * reach_ck: with a reachability mark every few dozen writes (the
 * checkpoints' spacing; each keeps the reachability as bits and the
 * roots' values), gc_reachable near one starts from those and the writes
 * since (gc_reach.c); at every cursor of the programs above and of DROPS
 * and TREE (reachable cycles dropped, subtrees given a second parent and
 * the list holding them dropped), and of ITEMS and TREE with a budget
 * that turns them statement-level part way, it must give the plain
 * search's answer, and at many of them come from a mark.  The marks must
 * be in cursor order, thinned to at most 256 and 1/64 of the budget; at
 * least as many as the checkpoints, and where a small budget keeps few
 * checkpoints (3), eight times as many.
 *
 * SHRINK's objects use fewer slots than they have room for (lists popped
 * and cleared, an attribute deleted, dict keys popped), with collections
 * and a resurrecting finalizer, also with a budget that turns it
 * statement-level part way: a checkpoint copies a block's slots in use
 * only (its slot pool must hold exactly those) and a restore clears the
 * heap's up to their count; its seeks must give plain replay's heap.
 *
 * Usage: test_checkpoint [cycles | churn | resurrection | items | counts | weakrefs | coarse |
 *        few | many | pages | shrink | reach | reach_ck] (no argument: all)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gc_internal.h"
#include "scenario.h"

#include "../common/check.h"

static const char CYCLES[] =
    "import gc\n"
    "gc.disable()\n"
    "\n"
    "\n"
    "class Node:\n"
    "    pass\n"
    "\n"
    "\n"
    "for i in range(150):\n"
    "    a = Node()\n"
    "    b = Node()\n"
    "    a.peer = b\n"
    "    b.peer = a\n"
    "del a, b\n"
    "print(gc.collect())\n";

static const char CHURN[] =
    "import gc\n"
    "gc.collect()\n"
    "gc.set_threshold(50, 3, 3)\n"
    "\n"
    "\n"
    "class Node:\n"
    "    def __del__(self):\n"
    "        if self.n % 40 == 0:\n"
    "            print('del', self.n)\n"
    "\n"
    "\n"
    "def make(n):\n"
    "    t = Node()\n"
    "    t.n = n\n"
    "    t.me = t\n"
    "    return t\n"
    "\n"
    "\n"
    "keep = []\n"
    "d = {}\n"
    "for i in range(200):\n"
    "    t = make(i)\n"
    "    keep.append([i, t])\n"
    "    d[i % 37] = t\n"
    "    if (i * 7) % 37 in d:\n"
    "        d.pop((i * 7) % 37)\n"
    "    if len(keep) > 5:\n"
    "        keep.pop(0)\n"
    "    if i % 50 == 0:\n"
    "        print('at', i, len(keep))\n"
    "del t\n"
    "d.clear()\n"
    "print('collected', gc.collect())\n";

static const char RESURRECTION[] =
    "import gc\n"
    "gc.collect()\n"
    "gc.set_threshold(30, 2, 2)\n"
    "\n"
    "\n"
    "class Phoenix:\n"
    "    def __del__(self):\n"
    "        graveyard.append(self)\n"
    "\n"
    "\n"
    "graveyard = []\n"
    "for i in range(80):\n"
    "    a = Phoenix()\n"
    "    b = Phoenix()\n"
    "    a.peer = b\n"
    "    b.peer = a\n"
    "    a.box = {'i': i, 'b': b}\n"
    "    del a, b\n"
    "    if len(graveyard) > 6:\n"
    "        graveyard.clear()\n"
    "print(gc.collect(), len(graveyard))\n"
    "graveyard.clear()\n"
    "print(gc.collect())\n";

static const char WEAKREFS[] =
    "import gc\n"
    "import weakref\n"
    "gc.collect()\n"
    "gc.set_threshold(25, 2, 2)\n"
    "\n"
    "\n"
    "class Node:\n"
    "    pass\n"
    "\n"
    "\n"
    "def noticed(ref):\n"
    "    notes.append(ref)\n"
    "\n"
    "\n"
    "notes = []\n"
    "refs = []\n"
    "for i in range(100):\n"
    "    t = Node()\n"
    "    t.me = t\n"
    "    refs.append(weakref.ref(t, noticed))\n"
    "    if i % 3 == 0:\n"
    "        refs.append(weakref.ref(t))\n"
    "    del t\n"
    "    if len(refs) > 8:\n"
    "        refs.pop(0)\n"
    "    if len(notes) > 4:\n"
    "        notes.clear()\n"
    "print(gc.collect(), len(notes))\n";

/* Lists and tuples keep their items as values only (8 bytes an item,
 * gc_internal.h): one item inline, then a block that grows; items moved by
 * insert, slice assignment and deletion, pop, clear; tuples made from
 * slices; freed lists' records reused. */
static const char ITEMS[] =
    "import gc\n"
    "class N:\n"
    "    pass\n"
    "keep = []\n"
    "tups = []\n"
    "for i in range(300):\n"
    "    a = [N()]\n"
    "    a.append(N())\n"
    "    a.insert(0, i)\n"
    "    a[1:1] = [N(), N(), i]\n"
    "    a.insert(2, N())\n"
    "    del a[0:2]\n"
    "    t = (a[1], N(), a[2])\n"
    "    a[::2] = [None] * len(a[::2])\n"
    "    a.pop()\n"
    "    tups.append(t)\n"
    "    tups.append(a[1:3])\n"
    "    keep.append(a)\n"
    "    if i % 7 == 0:\n"
    "        keep[len(keep) // 2].clear()\n"
    "    if len(keep) > 40:\n"
    "        del keep[3:30]\n"
    "        del tups[0:50]\n"
    "        a = None\n"
    "print(len(keep), len(tups), gc.collect())\n";

/* Slot counts (gc_nslots) live in the record while the slots are inline
 * (0 or 1) and in the block's head once they are not: instances gaining
 * and losing attributes, dicts filled and cleared, lists growing from
 * empty by appends and cleared, one-item tuples; at every cursor the
 * count is the one replay gives, whichever storage it was in at the
 * checkpoint restored. */
static const char COUNTS[] =
    "import gc\n"
    "class N:\n"
    "    pass\n"
    "keep = []\n"
    "for i in range(240):\n"
    "    o = N()\n"
    "    o.a = i\n"
    "    if i % 2 == 1:\n"
    "        o.b = N()\n"
    "    if i % 3 == 0:\n"
    "        del o.a\n"
    "    d = {}\n"
    "    d[i] = o\n"
    "    if i % 4 == 0:\n"
    "        d.clear()\n"
    "    lst = []\n"
    "    for k in range(i % 6):\n"
    "        lst.append(o)\n"
    "    lst.append(d)\n"
    "    if i % 5 == 0:\n"
    "        lst.clear()\n"
    "    t = (o,)\n"
    "    keep.append(lst)\n"
    "    keep.append(t)\n"
    "    if len(keep) > 40:\n"
    "        del keep[0:30]\n"
    "print(len(keep), gc.collect())\n";

/* 60,000 lists made in order (a checkpoint then copies the one or two
 * chunks allocation wrote since the one before), then a loop that writes
 * records of one chunk (FEW: the list of lists) or of every chunk (MANY:
 * each iteration frees one of the lists, all over the heap). */
#define BIG_HEAP                   \
    "import gc\n"                  \
    "gc.disable()\n"               \
    "xs = []\n"                    \
    "for i in range(20000):\n"     \
    "    xs.append([])\n"

static const char FEW[] = BIG_HEAP "for j in range(8000):\n"
                                   "    xs[j % 40] = j\n"
                                   "print(len(xs))\n";

static const char MANY[] = BIG_HEAP "for j in range(8000):\n"
                                    "    xs[(j * 7919) % 20000] = j\n"
                                    "print(len(xs))\n";

/* Objects whose slots in use drop below their room: lists popped and
 * cleared, an attribute deleted, dicts with keys popped, a finalizer
 * resurrecting its object in the collections (the checkpoints copy the
 * slots in use only). */
static const char SHRINK[] =
    "import gc\n"
    "gc.disable()\n"
    "\n"
    "\n"
    "class N:\n"
    "    pass\n"
    "\n"
    "\n"
    "class F:\n"
    "    def __del__(self):\n"
    "        grave.append(self)\n"
    "\n"
    "\n"
    "grave = []\n"
    "keep = []\n"
    "for i in range(60):\n"
    "    xs = []\n"
    "    for j in range(i % 13 + 3):\n"
    "        xs.append(N())\n"
    "    keep.append(xs)\n"
    "    if i % 3 == 0:\n"
    "        while len(xs) > 1:\n"
    "            xs.pop()\n"
    "    if i % 5 == 0:\n"
    "        keep[len(keep) // 2].clear()\n"
    "    n = F() if i % 6 == 0 else N()\n"
    "    n.a = xs\n"
    "    n.b = i\n"
    "    n.c = keep\n"
    "    if i % 4 == 1:\n"
    "        del n.b\n"
    "    if i % 6 == 0:\n"
    "        n.me = n\n"
    "    d = {}\n"
    "    for j in range(i % 7 + 18):\n"
    "        d[j] = N()\n"
    "    for j in range(i % 5 + 10):\n"
    "        d.pop(j)\n"
    "    if i % 20 == 19:\n"
    "        keep.clear()\n"
    "        del n\n"
    "        print(gc.collect(), len(grave))\n"
    "        grave.clear()\n"
    "print(len(keep))\n";

static const char PAGES[] = "import gc\n"
                            "gc.disable()\n"
                            "class N:\n"
                            "    pass\n"
                            "xs = [0] * 100000\n"
                            "for j in range(1500):\n"
                            "    xs[(j * 7919) % 100000] = N()\n"
                            "    if j % 100 == 0:\n"
                            "        for k in range(300):\n"
                            "            xs.append(k)\n"
                            "    if j % 200 == 7:\n"
                            "        for k in range(500):\n"
                            "            xs.pop()\n"
                            "d = {}\n"
                            "for i in range(6000):\n"
                            "    d[i] = xs[i * 3]\n"
                            "for i in range(0, 6000, 600):\n"
                            "    del d[i]\n"
                            "for i in range(100):\n"
                            "    d[i + 6000] = N()\n"
                            "    xs[i * 997] = d\n"
                            "print(len(xs), len(d))\n";

/* The program text as a scenario, or the test stops. */
static Scenario *load(const char *name, const char *text)
{
    ScenarioErrors errs;
    memset(&errs, 0, sizeof errs);
    Scenario *s = scenario_load_text(name, text, strlen(text), &errs);
    if (!s) {
        fprintf(stderr, "%s does not load\n", name);
        exit(1);
    }
    return s;
}

static LangRun *run(Scenario *s, int64_t budget, int64_t every)
{
    LangRunOptions o;
    memset(&o, 0, sizeof o);
    o.record = 1;
    o.history_budget = budget;
    o.checkpoint_every = every;
    LangRun *r = lang_run(s->program, &o);
    if (!r) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return r;
}

#define SAME(x, ...)                          \
    do {                                      \
        if (!(x)) {                           \
            snprintf(why, nwhy, __VA_ARGS__); \
            return 0;                         \
        }                                     \
    } while (0)

static int same_record(const GcHeap *ha, const GcHeap *hb, GcId id, char *why, size_t nwhy)
{
    const GcObject *a = gc__o(ha, id), *b = gc__o(hb, id);
    SAME(a->kind == b->kind && a->state == b->state && a->list == b->list && a->flags == b->flags,
         "object %d: kind/state/list/flags %d %d %d %d against %d %d %d %d", id, a->kind, a->state,
         a->list, a->flags, b->kind, b->state, b->list, b->flags);
    SAME(a->refcnt == b->refcnt && a->gc_refs == b->gc_refs,
         "object %d: refcnt %d gc_refs %d against %d %d", id, a->refcnt, a->gc_refs, b->refcnt,
         b->gc_refs);
    SAME(a->prev == b->prev && a->next == b->next, "object %d: links %d %d against %d %d", id,
         a->prev, a->next, b->prev, b->next);
    SAME(gc_nslots(a) == gc_nslots(b) && gc_slot_cap(a) == gc_slot_cap(b),
         "object %d: nslots/cap %u %u against %u %u", id, gc_nslots(a), gc_slot_cap(a), gc_nslots(b),
         gc_slot_cap(b));
    GcId wa = gc_weakref_head(ha, id), wb = gc_weakref_head(hb, id);
    SAME(a->cls == b->cls && wa == wb, "object %d: cls/wr_head %d %d against %d %d", id, a->cls,
         wa, b->cls, wb);
    /* the weakref heads' map agrees with the weakrefs' own links: the head
     * of id's list refers to id and has no previous; a live weakref is in
     * its referent's list */
    if (wa)
        SAME(gc__o(ha, wa)->kind == GC_KIND_WEAKREF && gc__o(ha, wa)->wr_referent == id &&
                 WR_PREV(gc__o(ha, wa)) == 0,
             "object %d: its first weakref %d does not refer to it first", id, wa);
    if (a->kind == GC_KIND_WEAKREF && a->state == GC_STATE_ALIVE && a->wr_referent) {
        GcId w = gc_weakref_head(ha, a->wr_referent);
        for (int k = 0; w && w != id && k < 100000; k++)
            w = WR_NEXT(gc__o(ha, w));
        SAME(w == id, "weakref %d is not in its referent %d's list", id, a->wr_referent);
    }
    /* born and died, kept beside the records (gc__life) */
    int32_t ba = gc_born(ha, id), da = gc_died(ha, id), bb = gc_born(hb, id), db = gc_died(hb, id);
    SAME(ba == bb && da == db, "object %d: born/died %d %d against %d %d", id, ba, da, bb, db);
    /* and they say what the history says: alive objects were born before
     * the cursor, by their allocation where every micro-step is kept */
    int32_t cf = gc_history_info(ha).coarse_from;
    if (a->state == GC_STATE_ALIVE) {
        SAME(ba >= 0 && ba < ha->cursor && da == -1, "object %d: alive, born %d died %d (cursor %d)",
             id, ba, da, ha->cursor);
        SAME((cf >= 0 && ba >= cf - 1) ||
                 (gc_event(ha, ba)->kind == GC_EV_ALLOC && gc_event(ha, ba)->obj == id),
             "object %d: born at event %d, not its allocation", id, ba);
    } else if (a->state == GC_STATE_FREED)
        SAME(da >= ba && da <= ha->cursor, "object %d: freed, born %d died %d (cursor %d)", id, ba,
             da, ha->cursor);
    for (uint32_t i = 0; i < gc_slot_cap(a); i++)
        SAME(gc_slot(a, i).key == gc_slot(b, i).key && gc_slot(a, i).val == gc_slot(b, i).val,
             "object %d: slot %u %llx=%llx against %llx=%llx", id, i,
             (unsigned long long)gc_slot(a, i).key, (unsigned long long)gc_slot(a, i).val,
             (unsigned long long)gc_slot(b, i).key, (unsigned long long)gc_slot(b, i).val);
    return 1;
}

/* The two heaps' whole state at their cursors: 1 if the same, else 0
 * with the first difference in why. */
static int same_heap(LangRun *ra, LangRun *rb, char *why, size_t nwhy)
{
    GcHeap *a = lang_run_heap(ra), *b = lang_run_heap(rb);
    SAME(a->cursor == b->cursor && a->loc == b->loc, "cursor/loc %d %d against %d %d", a->cursor,
         a->loc, b->cursor, b->loc);
    for (int i = 0; i < GF_NGLOBALS; i++)
        SAME(a->g[i] == b->g[i], "global %d: %lld against %lld", i, (long long)a->g[i],
             (long long)b->g[i]);
    for (GcId id = 1; id <= gc_max_id(a); id++)
        if (!same_record(a, b, id, why, nwhy))
            return 0;
    SAME(a->capframes == b->capframes, "frame capacity %d against %d", a->capframes,
         b->capframes);
    for (int d = 0; d < a->capframes; d++) {
        const GcFrame *fa = &a->frames[d], *fb = &b->frames[d];
        SAME(fa->func == fb->func && fa->self_obj == fb->self_obj && fa->loc == fb->loc &&
                 fa->nvars == fb->nvars && a->framecap[d] == b->framecap[d],
             "frame %d: %d %d %d %u against %d %d %d %u", d, fa->func, fa->self_obj, fa->loc,
             fa->nvars, fb->func, fb->self_obj, fb->loc, fb->nvars);
        for (uint32_t i = 0; i < a->framecap[d]; i++)
            SAME(fa->vars[i].key == fb->vars[i].key && fa->vars[i].val == fb->vars[i].val,
                 "frame %d: variable %u differs", d, i);
    }
    SAME(a->captemps == b->captemps, "temporaries' capacity %d against %d", a->captemps,
         b->captemps);
    for (int i = 0; i < a->captemps; i++)
        SAME(a->temps[i] == b->temps[i], "temporary %d: %llx against %llx", i,
             (unsigned long long)a->temps[i], (unsigned long long)b->temps[i]);
    for (int i = 0; i < gc_inflight_count(a); i++)
        SAME(a->infl[i] == b->infl[i], "in flight %d: %llx against %llx", i,
             (unsigned long long)a->infl[i], (unsigned long long)b->infl[i]);
    SAME(lang_run_output_at(ra, a->cursor, NULL) == lang_run_output_at(rb, b->cursor, NULL),
         "printed output differs");
    char ea[200], eb[200];
    for (int32_t i = a->cursor - 1; i <= a->cursor; i++) {
        if (i < 0 || i >= gc_event_count(a))
            continue;
        gc_event_explain(a, i, ea, sizeof ea);
        gc_event_explain(b, i, eb, sizeof eb);
        SAME(strcmp(ea, eb) == 0, "caption of event %d: '%s' against '%s'", i, ea, eb);
    }
    char buf[256];
    SAME(gc_check(a, buf, sizeof buf) == 0, "gc_check: %s", buf);
    return 1;
}

/* Checks that each checkpoint of h shares a chunk of records with the
 * one before it exactly when no write between them went to that chunk;
 * counts the pairs of checkpoints over four chunks or more that share all
 * but one of them (*few) or none (*many). */
static void check_sharing(const GcHeap *h, const char *name, int *few, int *many)
{
    *few = *many = 0;
    for (int32_t i = 1; i < h->nck; i++) {
        const GcCheckpoint *a = &h->ck[i - 1], *b = &h->ck[i];
        int32_t written[256] = {0}, shared = 0;
        CHECK(b->nchunks <= 256 && b->nchunks >= a->nchunks, "%s: %d chunks", name, b->nchunks);
        for (int64_t w = a->w; w < b->w; w++) {
            const GcWrite *x = gc__write(h, w);
            if ((x->what == W_OBJ || x->what == W_SLOTK || x->what == W_SLOTV) &&
                (x->id >> GC_CK_SHIFT) < 256)
                written[x->id >> GC_CK_SHIFT] = 1;
        }
        for (int32_t k = 0; k < b->nchunks && k < 256; k++) {
            int same = k < a->nchunks && a->chunk[k] == b->chunk[k];
            CHECK(same == (k < a->nchunks && !written[k]),
                  "%s: checkpoint %d %s chunk %d of the one before, %s since", name, i,
                  same ? "shares" : "does not share", k, written[k] ? "written" : "not written");
            shared += same;
        }
        *few += b->nchunks >= 4 && shared == b->nchunks - 1;
        *many += b->nchunks >= 4 && shared == 0;
    }
}

/* The page copies h's checkpoints refer to (*refs, once per checkpoint
 * and chunk copy) and hold (*held, each once). */
static void count_pages(const GcHeap *h, int64_t *refs, int64_t *held)
{
    *refs = *held = 0;
    const GcCkPage **seen = NULL;
    int64_t nseen = 0, capseen = 0;
    for (int32_t i = 0; i < h->nck; i++)
        for (int32_t k = 0; k < h->ck[i].nchunks; k++)
            for (int32_t b = 0; b < h->ck[i].chunk[k]->nbigs; b++) {
                const GcCkBig *big = h->ck[i].chunk[k]->bigs[b];
                for (uint32_t j = 0; j < big->npages; j++) {
                    (*refs)++;
                    int64_t at = 0;
                    while (at < nseen && seen[at] != big->page[j])
                        at++;
                    if (at < nseen)
                        continue;
                    if (nseen == capseen) {
                        capseen = capseen ? capseen * 2 : 256;
                        seen = realloc(seen, (size_t)capseen * sizeof *seen);
                        if (!seen)
                            exit(1);
                    }
                    seen[nseen++] = big->page[j];
                }
            }
    *held = nseen;
    free(seen);
}

/* Walks the slot pool of every chunk copy of h's checkpoints: a copied
 * record with a (not paged) block has there its head (capacity, slots in
 * use) and its slots in use, no more; the pool's bytes, from the chunk
 * copy's, must be exactly those.  *roomy: copied records whose block had
 * room for more slots than they used (their capacity not copied). */
static int check_pools(const GcHeap *h, const char *name, int64_t *roomy)
{
    *roomy = 0;
    for (int32_t i = 0; i < h->nck; i++)
        for (int32_t k = 0; k < h->ck[i].nchunks; k++) {
            const GcCkChunk *p = h->ck[i].chunk[k];
            int64_t n = p->hi - p->lo + 1, units = 0;
            int64_t bytes = p->bytes - (int64_t)sizeof(GcCkChunk) -
                            n * (int64_t)(sizeof(GcObject) + sizeof(GcLife)) -
                            p->nbigs * (int64_t)sizeof(GcCkBig *);
            int32_t nb = 0;
            for (GcId id = p->lo; id <= p->hi; id++) {
                const GcObject *o = &p->objs[id - p->lo];
                if (nb < p->nbigs && p->bigs[nb]->id == id) {
                    bytes -= (int64_t)sizeof(GcCkBig) +
                             (int64_t)p->bigs[nb]->npages * (int64_t)sizeof(GcCkPage *);
                    nb++;
                    continue;
                }
                if (!gc__big(o))
                    continue;
                const uint32_t *head = (const uint32_t *)(const void *)(p->slots + units);
                size_t one = gc__valsonly(o) ? sizeof(GcValue) : sizeof(GcSlot);
                *roomy += head[0] > head[1];
                units += (int64_t)((GC_BLK_HEAD + head[1] * one + sizeof(GcSlot) - 1) /
                                   sizeof(GcSlot));
            }
            if (bytes != units * (int64_t)sizeof(GcSlot)) {
                fprintf(stderr,
                        "%s: checkpoint %d chunk %d: %lld bytes of slots, %lld in the records' "
                        "heads\n",
                        name, i, k, (long long)bytes, (long long)(units * (int64_t)sizeof(GcSlot)));
                return 0;
            }
        }
    return 1;
}

/* What is reachable from the roots, depth first through gc_slot: the
 * frames' variables, the temporaries, the in-flight references and the
 * permanent generation; a weakref's referent is not followed. */
static void plain_reach(const GcHeap *h, uint8_t *m, GcId *stack)
{
    int32_t n = 0;
    memset(m, 0, (size_t)gc_max_id(h) + 1);
#define SEE(v)                                                                             \
    do {                                                                                   \
        GcValue v_ = (v);                                                                  \
        if (GC_VAL_IS_OBJ(v_) && !m[GC_VAL_ID(v_)] &&                                      \
            gc_object(h, GC_VAL_ID(v_))->state == GC_STATE_ALIVE) {                        \
            m[GC_VAL_ID(v_)] = 1;                                                          \
            stack[n++] = GC_VAL_ID(v_);                                                    \
        }                                                                                  \
    } while (0)
    for (int d = 0; d < h->g[GF_NFRAMES]; d++)
        for (uint32_t i = 0; i < h->frames[d].nvars; i++)
            SEE(h->frames[d].vars[i].val);
    for (int i = 0; i < gc_temp_count(h); i++)
        SEE(h->temps[i]);
    for (int i = 0; i < gc_inflight_count(h); i++)
        SEE(gc_inflight(h, i));
    for (GcId id = (GcId)h->g[GF_LFIRST(GC_LIST_PERMANENT)]; id; id = gc_object(h, id)->next)
        SEE(GC_VAL_OBJ(id));
    while (n > 0) {
        const GcObject *o = gc_object(h, stack[--n]);
        if (o->kind != GC_KIND_WEAKREF)
            for (uint32_t i = 0; i < gc_nslots(o); i++) {
                SEE(gc_slot(o, i).val);
                if (o->kind == GC_KIND_DICT) /* a key that is an object */
                    SEE(gc_slot(o, i).key);
            }
    }
#undef SEE
}

/* The heap at cursor c: gc_reachable into a against plain_reach into b;
 * 1 (reported) when they differ.  *alive and *unreachable count up the
 * alive objects and those of them plainly unreachable (up to the first
 * difference). */
static int reach_differs(const char *name, GcHeap *h, int32_t c, uint8_t *a, uint8_t *b,
                         GcId *stack, int64_t *alive, int64_t *unreachable)
{
    gc_seek(h, c);
    gc_reachable(h, a);
    plain_reach(h, b, stack);
    for (GcId id = 1; id <= gc_max_id(h); id++) {
        *alive += gc_object(h, id)->state == GC_STATE_ALIVE;
        *unreachable += gc_object(h, id)->state == GC_STATE_ALIVE && !b[id];
        if (a[id] != b[id]) {
            fprintf(stderr, "%s: cursor %d: object %d reachable %d, plainly %d\n", name, c, id,
                    a[id], b[id]);
            return 1;
        }
    }
    return 0;
}

/* gc_reachable against plain_reach at every cursor of a program, and at
 * random ones in a random order (the heap rewound and replayed). */
static void check_reach(const char *name, const char *text)
{
    Scenario *s = load(name, text);
    LangRun *r = run(s, (int64_t)1 << 40, 0);
    GcHeap *h = lang_run_heap(r);
    int32_t n = gc_event_count(h);
    GcId cap = gc_max_id(h) + 1;
    uint8_t *a = malloc((size_t)cap), *b = malloc((size_t)cap);
    GcId *stack = malloc((size_t)cap * sizeof *stack);
    if (!a || !b || !stack)
        exit(1);
    int bad = 0;
    int64_t unreachable = 0;
    uint32_t seed = 99;
    for (int32_t j = 0; j <= n + 400 && bad < 3; j++) {
        seed = seed * 1103515245u + 12345u;
        int32_t c = j <= n ? j : (int32_t)((seed >> 8) % (uint32_t)(n + 1));
        bad += reach_differs(name, h, c, a, b, stack, &(int64_t){0}, &unreachable);
    }
    CHECK(bad == 0, "%s: gc_reachable differs from a plain search", name);
    CHECK(unreachable > 0, "%s: no object was ever unreachable", name);
    printf("%s: gc_reachable at %d cursors (%lld unreachable objects seen)\n", name, n + 401,
           (long long)unreachable);
    free(a);
    free(b);
    free(stack);
    lang_run_free(r);
    scenario_free(s);
}

/* Pairs kept, some dropped (a reachable cycle turning to garbage in C,
 * between a checkpoint and the cursor) and collected; no other garbage
 * about, so reachability comes from a checkpoint at most cursors. */
static const char DROPS[] = "import gc\n"
                            "gc.disable()\n"
                            "class Node:\n"
                            "    pass\n"
                            "keep = []\n"
                            "for i in range(90):\n"
                            "    a = Node()\n"
                            "    b = Node()\n"
                            "    a.peer = b\n"
                            "    b.peer = a\n"
                            "    keep.append(a)\n"
                            "    if i % 3 == 0:\n"
                            "        keep.pop()\n"
                            "    if i % 4 == 0 and len(keep) > 2:\n"
                            "        keep[len(keep) // 2].peer = keep[len(keep) - 1]\n"
                            "    if i % 5 == 0:\n"
                            "        gc.collect()\n"
                            "del a, b\n"
                            "print(gc.collect(), len(keep))\n";

/* A binary tree built through a list, branches given a second parent,
 * then the list dropped: the nodes no branch holds are freed, the others
 * stay reachable through the tree. */
static const char TREE[] = "import gc\n"
                           "gc.disable()\n"
                           "class Node:\n"
                           "    pass\n"
                           "root = Node()\n"
                           "nodes = [root]\n"
                           "for i in range(120):\n"
                           "    p = nodes[i]\n"
                           "    p.left = Node()\n"
                           "    p.right = Node()\n"
                           "    nodes.append(p.left)\n"
                           "    nodes.append(p.right)\n"
                           "for i in range(0, 90, 3):\n"
                           "    nodes[i].left = nodes[i + 7]\n"
                           "del nodes, p\n"
                           "root.right = None\n"
                           "print(gc.collect())\n";

/* gc_reachable against plain_reach with a checkpoint every `every`
 * writes (each keeps its reachability; an answer near one starts from
 * it, gc_reach.c) at every cursor and at random ones; at every cursor the
 * alive objects number GF_ALLOCATED - GF_FREED (what gc_reach.c counts
 * on).  from_ck: how many answers must at least have come from a mark;
 * dense: the marks must number at least dense times the checkpoints.  A
 * long program: every stride-th cursor. */
static void check_reach_ck(const char *name, const char *text, int64_t budget, int64_t every,
                           int64_t from_ck, int dense)
{
    Scenario *s = load(name, text);
    LangRun *r = run(s, budget, every);
    GcHeap *h = lang_run_heap(r);
    int32_t n = gc_event_count(h);
    GcId cap = gc_max_id(h) + 1;
    uint8_t *a = malloc((size_t)cap), *b = malloc((size_t)cap);
    GcId *stack = malloc((size_t)cap * sizeof *stack);
    if (!a || !b || !stack)
        exit(1);
    CHECK(budget > (int64_t)1 << 30 || gc_history_info(h).coarse_from > 0,
          "%s: the history did not turn statement-level", name);
    int bad = 0, counted = 0;
    int64_t unreachable = 0, ck0 = h->rk_from_ck, whole0 = h->rk_whole;
    uint32_t seed = 7;
    int32_t stride = n / 30000 + 1; /* a long program: every stride-th cursor */
    for (int32_t j = 0; j <= n + 400 && bad < 3; j += j < n && j + stride <= n ? stride : 1) {
        seed = seed * 1103515245u + 12345u;
        int32_t c = j <= n ? j : (int32_t)((seed >> 8) % (uint32_t)(n + 1));
        memset(a, 0xA5, (size_t)cap); /* no answer left from the last cursor */
        int64_t alive = 0;
        bad += reach_differs(name, h, c, a, b, stack, &alive, &unreachable);
        if (alive != h->g[GF_ALLOCATED] - h->g[GF_FREED] && counted++ < 3)
            fprintf(stderr, "%s: cursor %d: %lld alive, allocated - freed %lld\n", name, c,
                    (long long)alive, (long long)(h->g[GF_ALLOCATED] - h->g[GF_FREED]));
    }
    int64_t ck = h->rk_from_ck - ck0, whole = h->rk_whole - whole0;
    CHECK(bad == 0, "%s: gc_reachable differs from a plain search", name);
    CHECK(counted == 0, "%s: alive objects are not allocated - freed", name);
    CHECK(ck >= from_ck, "%s: %lld answers from a mark, at least %lld expected", name,
          (long long)ck, (long long)from_ck);
    CHECK(h->nck >= 2, "%s: %d checkpoints", name, (int)h->nck);
    /* the marks: in cursor order, within their bounds, thinned */
    int order = 1;
    for (int32_t i = 1; i < h->nrk; i++)
        order &= h->rk[i - 1].w < h->rk[i].w && h->rk[i - 1].ev < h->rk[i].ev;
    CHECK(h->nrk >= 2 && order, "%s: %d marks, in cursor order %d", name, (int)h->nrk, order);
    CHECK(h->nrk <= 256 && h->rk_bytes <= budget / 64 && h->rk_taken > h->nrk,
          "%s: %d marks of %lld bytes, %lld taken", name, (int)h->nrk, (long long)h->rk_bytes,
          (long long)h->rk_taken);
    CHECK(h->nrk >= dense * h->nck, "%s: %d marks, %d checkpoints", name, (int)h->nrk,
          (int)h->nck);
    printf("%s: gc_reachable at %d cursors: %lld from a mark, %lld whole passes, %lld "
           "unreachable objects seen; %d marks (%lld taken), %d checkpoints\n",
           name, n / stride + 401, (long long)ck, (long long)whole, (long long)unreachable,
           (int)h->nrk, (long long)h->rk_taken, (int)h->nck);
    free(a);
    free(b);
    free(stack);
    lang_run_free(r);
    scenario_free(s);
}

/* Seeks both runs to random cursors in a random order; the first must
 * restore checkpoints (and does, counted), both must be the same.  shared:
 * 1 if the last checkpoints must share all but one chunk with the one
 * before (few), -1 if none (many), 0 not checked. */
static void compare(const char *name, const char *text, int64_t budget, int64_t every, int shared)
{
    Scenario *s = load(name, text);
    /* The same history twice (the checkpoints' bytes count in the budget,
     * so they move where a small one turns statement-level); the second
     * then drops its checkpoints and replays writes only. */
    LangRun *ck = run(s, budget, every), *plain = run(s, budget, every);
    GcHeap *hc = lang_run_heap(ck), *hp = lang_run_heap(plain);
    int64_t bytes = gc_history_info(hp).bytes;
    gc__ck_free(hp);
    CHECK(bytes == gc_history_info(hp).bytes + hc->ck_bytes && hc->ck_bytes > 0,
          "%s: the checkpoints' bytes are not counted in the budget", name);
    CHECK(lang_run_status(ck) == 0, "%s: %s", name, lang_run_error(ck));
    int32_t n = gc_event_count(hc);
    CHECK(n == gc_event_count(hp), "%s: %d events against %d", name, n, gc_event_count(hp));
    CHECK(hc->nck >= 4 && hp->nck == 0, "%s: %d checkpoints, %d without", name, hc->nck,
          hp->nck);
    int few, many;
    check_sharing(hc, name, &few, &many);
    if (shared) {
        CHECK(hc->nchunks >= 2 && hc->nck > 0 && hc->ck[hc->nck - 1].nchunks >= 16,
              "%s: %d chunks of records' storage, %d of checkpoints", name, hc->nchunks,
              hc->nck ? hc->ck[hc->nck - 1].nchunks : 0);
        CHECK(shared > 0 ? few >= 3 : many >= 3,
              "%s: %d checkpoints share all chunks but one with the one before, %d none", name,
              few, many);
    }
    int64_t page_refs, pages_held;
    count_pages(hc, &page_refs, &pages_held);
    if (strcmp(name, "pages.py") == 0)
        CHECK(pages_held > 0 && pages_held * 4 < page_refs,
              "%s: the checkpoints refer to %lld pages and hold %lld", name,
              (long long)page_refs, (long long)pages_held);
    int64_t roomy;
    CHECK(check_pools(hc, name, &roomy), "%s: the checkpoints' slot pools", name);
    if (strcmp(name, "shrink.py") == 0)
        CHECK(roomy > 100, "%s: %lld copied records with room to spare", name, (long long)roomy);
    char why[512];
    uint32_t seed = 12345;
    int bad = 0, seeks = 600;
    for (int j = 0; j < seeks && bad < 3; j++) {
        seed = seed * 1103515245u + 12345u;
        int32_t c = j == 0 ? n : j == 1 ? 0 : (int32_t)((seed >> 8) % (uint32_t)(n + 1));
        if (j % 7 == 3) /* a short step from where it is */
            c = gc_cursor(hc) + (int32_t)(seed % 9) - 4;
        gc_seek(hc, c);
        gc_seek(hp, c);
        if (!same_heap(ck, plain, why, sizeof why)) {
            fprintf(stderr, "%s: seek %d to cursor %d: %s\n", name, j, gc_cursor(hc), why);
            bad++;
        }
    }
    CHECK(bad == 0, "%s: the heaps differ after a checkpointed seek", name);
    CHECK(hc->ck_restores > seeks / 4, "%s: only %lld of %d seeks restored a checkpoint", name,
          (long long)hc->ck_restores, seeks);
    GcHistoryInfo in = gc_history_info(hc);
    int in_coarse = 0;
    for (int32_t i = 0; i < hc->nck; i++)
        in_coarse += in.coarse_from >= 0 && hc->ck[i].ev > in.coarse_from;
    printf("%s: %d events, %lld writes, %d checkpoints (%d in the statement-level part, every "
           "%lld writes, %lld bytes, %d sharing all chunks but one, %d none, %lld pages held for "
           "%lld), coarse from %d, %lld of %d seeks restored one (%lld chunks copied)\n",
           name, n, (long long)hc->nwrites, hc->nck, in_coarse, (long long)hc->ck_every,
           (long long)hc->ck_bytes, few, many, (long long)pages_held, (long long)page_refs,
           in.coarse_from, (long long)hc->ck_restores, seeks, (long long)hc->ck_chunks_restored);
    if (budget < ((int64_t)1 << 29))
        CHECK(in.coarse_from > 0 && in_coarse > 0,
              "%s: coarse from %d, %d checkpoints there", name, in.coarse_from, in_coarse);
    lang_run_free(ck);
    lang_run_free(plain);
    scenario_free(s);
}

/* Instances and built tuples as dict keys: a key held by its dict
 * alone (reachable through the key only), cycles through keys collected,
 * entries deleted, popped and cleared, dicts dying with their keys. */
static const char KEYS[] = "import gc\n"
                           "class N:\n"
                           "    def __init__(self, i):\n"
                           "        self.i = i\n"
                           "d = {}\n"
                           "for i in range(30):\n"
                           "    d[(i, N(i))] = N(-i)\n"
                           "    d[N(100 + i)] = i\n"
                           "    n = N(7)\n"
                           "    n.d = {n: (n, 1)}\n"
                           "    if i % 4 == 0:\n"
                           "        for k in d:\n"
                           "            break\n"
                           "        del d[k]\n"
                           "    if i % 5 == 0:\n"
                           "        gc.collect()\n"
                           "    if i % 7 == 0:\n"
                           "        d.pop(k, None)\n"
                           "del n, k\n"
                           "p = {N(300): 1, (N(301), 2): N(302)}\n"
                           "print(gc.collect(), len(d))\n"
                           "d.clear()\n"
                           "del p\n";

static const int64_t BIG = (int64_t)1 << 40; /* no budget to speak of */

static void t_cycles(void) { compare("cycles.py", CYCLES, BIG, 37, 0); }
static void t_churn(void) { compare("churn.py", CHURN, BIG, 61, 0); }
static void t_resurrection(void) { compare("resurrection.py", RESURRECTION, BIG, 53, 0); }
static void t_items(void) { compare("items.py", ITEMS, BIG, 43, 0); }
static void t_counts(void) { compare("counts.py", COUNTS, BIG, 41, 0); }
static void t_weakrefs(void) { compare("weakrefs.py", WEAKREFS, BIG, 47, 0); }
static void t_coarse(void) { compare("churn.py", CHURN, (int64_t)1 << 20, 61, 0); }
static void t_few(void) { compare("few.py", FEW, (int64_t)1 << 29, 1009, 1); }
static void t_many(void) { compare("many.py", MANY, (int64_t)1 << 29, 1009, -1); }
static void t_pages(void) { compare("pages.py", PAGES, BIG, 4099, 0); }
static void t_keys(void) { compare("keys.py", KEYS, BIG, 43, 0); }

static void t_shrink(void)
{
    compare("shrink.py", SHRINK, BIG, 29, 0);
    compare("shrink.py", SHRINK, (int64_t)1 << 21, 29, 0); /* statement-level part way */
}

static void t_reach(void)
{
    check_reach("cycles.py", CYCLES);
    check_reach("resurrection.py", RESURRECTION);
    check_reach("weakrefs.py", WEAKREFS);
    check_reach("items.py", ITEMS);
    check_reach("keys.py", KEYS);
}

static void t_reach_ck(void)
{
    check_reach_ck("drops.py", DROPS, BIG, 97, 1, 1);
    check_reach_ck("tree.py", TREE, BIG, 89, 1, 1);
    check_reach_ck("cycles.py", CYCLES, BIG, 37, 0, 1);
    check_reach_ck("churn.py", CHURN, BIG, 61, 0, 1);
    check_reach_ck("resurrection.py", RESURRECTION, BIG, 53, 0, 1);
    check_reach_ck("weakrefs.py", WEAKREFS, BIG, 47, 0, 1);
    check_reach_ck("items.py", ITEMS, BIG, 43, 1, 1);
    check_reach_ck("counts.py", COUNTS, BIG, 41, 1, 1);
    check_reach_ck("pages.py", PAGES, BIG, 4099, 1, 1);
    /* statement-level part way, few checkpoints: the marks stay dense */
    check_reach_ck("coarse items.py", ITEMS, (int64_t)1 << 20, 43, 1000, 8);
    check_reach_ck("small tree.py", TREE, (int64_t)1 << 18, 89, 900, 8);
}

int main(int argc, char **argv)
{
    static const TestCase tests[] = {
        {"cycles", t_cycles}, {"churn", t_churn},   {"resurrection", t_resurrection},
        {"items", t_items},   {"counts", t_counts}, {"weakrefs", t_weakrefs},
        {"coarse", t_coarse}, {"few", t_few},       {"many", t_many},
        {"pages", t_pages},   {"shrink", t_shrink}, {"reach", t_reach},
        {"reach_ck", t_reach_ck}, {"keys", t_keys}};
    return test_main(argc, argv, tests, sizeof tests / sizeof tests[0]);
}
