/*
 * gc_check.c: the whole-heap validator (tests run it after every
 * micro-step).  The explanations of events are in gc_explain.c.
 */
#include <string.h>

#include "gc_internal.h"

#define CHECK(cond, ...)                         \
    do {                                         \
        if (!(cond)) {                           \
            snprintf(buf, n, __VA_ARGS__);       \
            gc_free(expect);                        \
            return -1;                           \
        }                                        \
    } while (0)

/* A dict's key index (gc_object.c) finds every key of its slots, at a slot
 * that holds it, and each entry is the one its key's probe finds. */
static int check_key_index(const GcHeap *h, const GcObject *o, char *buf, size_t n)
{
    const GcSlot *s = gc__slots((GcObject *)o);
    uint32_t cap = gc_slot_cap(o);
    GcId id = gc__id(h, o);
    const uint32_t *t = (const uint32_t *)(s + cap);
    for (uint32_t p = 0; p < gc_nslots(o); p++) {
        if (s[p].key == GC_UNBOUND)
            continue;
        int q = gc_slot_find(h, id, s[p].key);
        if (q < 0 || s[q].key != s[p].key) {
            snprintf(buf, n, "dict #%d: its key index does not find slot %u's key", id, p);
            return -1;
        }
    }
    for (uint32_t j = 0; j < 2 * cap; j++) {
        if (!t[j])
            continue;
        uint32_t p = t[j] - 1;
        if (p >= cap || s[p].key == GC_UNBOUND ||
            (p < gc_nslots(o) && gc_slot_find(h, id, s[p].key) != (int)p)) {
            snprintf(buf, n, "dict #%d: key index entry %u (slot %u) is stale", id, j, p);
            return -1;
        }
    }
    return 0;
}

int gc_check(const GcHeap *ch, char *buf, size_t n)
{
    const GcHeap *h = ch;
    GcId maxid = gc_max_id(h);
    int64_t *expect = gc_calloc((size_t)maxid + 1, sizeof *expect);
    if (!expect) {
        snprintf(buf, n, "out of memory");
        return -1;
    }
    /* Count the references that exist. */
    for (GcId id = 1; id <= maxid; id++) {
        const GcObject *o = gc__o(h, id);
        if (o->state != GC_STATE_ALIVE)
            continue;
        for (uint32_t i = 0; i < gc_nslots(o); i++)
            if (GC_VAL_IS_OBJ(gc__slot(o, i).val)) {
                GcId t = GC_VAL_ID(gc__slot(o, i).val);
                CHECK(t >= 1 && t <= maxid, "object %d slot %u refers to bad id %d", id, i, t);
                CHECK(gc__o(h, t)->state == GC_STATE_ALIVE, "object %d slot %u refers to freed %d",
                      id, i, t);
                expect[t]++;
            }
        for (uint32_t i = 0; o->kind == GC_KIND_DICT && i < gc_nslots(o); i++)
            if (GC_VAL_IS_OBJ(gc__slot(o, i).key)) { /* a key that is an object */
                GcId t = GC_VAL_ID(gc__slot(o, i).key);
                CHECK(t >= 1 && t <= maxid, "dict %d key %u refers to bad id %d", id, i, t);
                CHECK(gc__o(h, t)->state == GC_STATE_ALIVE, "dict %d key %u refers to freed %d", id,
                      i, t);
                expect[t]++;
            }
        if (o->kind == GC_KIND_WEAKREF && o->wr_referent)
            CHECK(gc__o(h, o->wr_referent)->state == GC_STATE_ALIVE,
                  "weakref %d refers to freed %d", id, o->wr_referent);
    }
    for (int d = 0; d < h->g[GF_NFRAMES]; d++)
        for (uint32_t i = 0; i < h->frames[d].nvars; i++) {
            GcValue v = h->frames[d].vars[i].val;
            if (GC_VAL_IS_OBJ(v)) {
                CHECK(gc__o(h, GC_VAL_ID(v))->state == GC_STATE_ALIVE,
                      "frame %d variable refers to freed %d", d, GC_VAL_ID(v));
                expect[GC_VAL_ID(v)]++;
            }
        }
    for (int i = 0; i < h->g[GF_NTEMPS]; i++)
        if (GC_VAL_IS_OBJ(h->temps[i]))
            expect[GC_VAL_ID(h->temps[i])]++;
    for (int i = 0; i < gc_inflight_count(h); i++)
        if (GC_VAL_IS_OBJ(gc_inflight(h, i)))
            expect[GC_VAL_ID(gc_inflight(h, i))]++;
    for (GcId id = 1; id <= maxid; id++) {
        const GcObject *o = gc__o(h, id);
        if (o->state != GC_STATE_ALIVE)
            continue;
        /* refcnt 0 and alive: being torn down right now */
        if (o->refcnt == 0 && h->cfg.collector != GC_COLLECTOR_MARKSWEEP)
            continue;
        CHECK(o->refcnt == expect[id], "%s #%d: refcount %lld but %lld references exist",
              gc_type_name(h, id), id, (long long)o->refcnt, (long long)expect[id]);
        if (gc__has_ix(o) && check_key_index(h, o, buf, n) < 0) {
            gc_free(expect);
            return -1;
        }
    }
    /* Lists: links, lengths, membership. */
    int64_t seen = 0;
    for (int l = 1; l < GC_LIST_COUNT; l++) {
        int64_t len = 0;
        GcId prev = 0;
        for (GcId id = (GcId)h->g[GF_LFIRST(l)]; id; id = gc__o(h, id)->next) {
            CHECK(id >= 1 && id <= maxid, "list %s holds bad id %d", gc_list_name(l), id);
            CHECK(h->ltag[gc__o(h, id)->list] == l, "#%d is linked in %s but says %s", id,
                  gc_list_name(l), gc_list_name(h->ltag[gc__o(h, id)->list]));
            CHECK(gc__o(h, id)->prev == prev, "#%d has a wrong prev link", id);
            CHECK(gc__o(h, id)->state == GC_STATE_ALIVE, "freed #%d is still in %s", id,
                  gc_list_name(l));
            prev = id;
            CHECK(++len <= maxid, "list %s has a loop", gc_list_name(l));
        }
        CHECK(prev == h->g[GF_LLAST(l)], "list %s has a wrong tail", gc_list_name(l));
        CHECK(len == h->g[GF_LLEN(l)], "list %s has %lld objects but says %lld", gc_list_name(l),
              (long long)len, (long long)h->g[GF_LLEN(l)]);
        seen += len;
        if (!h->g[GF_COLLECTING] && l > GC_LIST_PERMANENT)
            CHECK(len == 0, "working list %s is not empty outside a collection", gc_list_name(l));
    }
    int64_t tracked = 0;
    for (GcId id = 1; id <= maxid; id++)
        if (gc__o(h, id)->list != GC_LIST_NONE)
            tracked++;
    CHECK(tracked == seen, "%lld objects say they are tracked but the lists hold %lld",
          (long long)tracked, (long long)seen);
    for (int i = 0; i < 3; i++)
        CHECK(h->g[GF_COUNT0 + i] >= 0, "count[%d] is negative", i);
    /* the start-up heap's place: after an object of its list, or at its head */
    GcId su = (GcId)h->g[GF_SU_PREV];
    CHECK(h->g[GF_SU_LIST] > GC_LIST_NONE && h->g[GF_SU_LIST] < GC_LIST_COUNT,
          "the start-up heap is in no list");
    CHECK(!su || (su <= maxid && h->ltag[gc__o(h, su)->list] == h->g[GF_SU_LIST]),
          "the start-up heap is after #%d, which is not in %s", su,
          gc_list_name((GcListId)h->g[GF_SU_LIST]));
    /* the list tags' bit sets say what ltag says (gc_collect.c) */
    for (int t = 1; t <= 254; t++) {
        uint64_t bit = (uint64_t)1 << (t & 63);
        int l = h->ltag[t], isfree = (h->tagfree[t >> 6] & bit) != 0;
        CHECK(l == 0xff ? isfree : !isfree && l < GC_LIST_COUNT && (h->tagbits[l][t >> 6] & bit),
              "list tag %d: the bit sets disagree with its list (%d)", t, l);
        for (int k = 0; k < GC_LIST_COUNT; k++)
            CHECK(k == l || !(h->tagbits[k][t >> 6] & bit), "list tag %d is in two lists' sets", t);
    }
    gc_free(expect);
    return 0;
}
