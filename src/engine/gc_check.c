/*
 * gc_check.c: the whole-heap validator (tests run it after every
 * micro-step) and the one-line explanations of events for students.
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
        const GcObject *o = &h->objs[id];
        if (o->state != GC_STATE_ALIVE)
            continue;
        const GcSlot *s = gc_slots(o);
        for (uint32_t i = 0; i < o->nslots; i++)
            if (GC_VAL_IS_OBJ(s[i].val)) {
                GcId t = GC_VAL_ID(s[i].val);
                CHECK(t >= 1 && t <= maxid, "object %d slot %u refers to bad id %d", id, i, t);
                CHECK(h->objs[t].state == GC_STATE_ALIVE, "object %d slot %u refers to freed %d",
                      id, i, t);
                expect[t]++;
            }
        if (o->kind == GC_KIND_WEAKREF && o->wr_referent)
            CHECK(h->objs[o->wr_referent].state == GC_STATE_ALIVE,
                  "weakref %d refers to freed %d", id, o->wr_referent);
    }
    for (int d = 0; d < h->g[GF_NFRAMES]; d++)
        for (uint32_t i = 0; i < h->frames[d].nvars; i++) {
            GcValue v = h->frames[d].vars[i].val;
            if (GC_VAL_IS_OBJ(v)) {
                CHECK(h->objs[GC_VAL_ID(v)].state == GC_STATE_ALIVE,
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
        const GcObject *o = &h->objs[id];
        if (o->state != GC_STATE_ALIVE)
            continue;
        /* refcnt 0 and alive: being torn down right now */
        if (o->refcnt == 0 && h->cfg.collector != GC_COLLECTOR_MARKSWEEP)
            continue;
        CHECK(o->refcnt == expect[id], "%s #%d: refcount %lld but %lld references exist",
              gc_type_name(h, id), id, (long long)o->refcnt, (long long)expect[id]);
    }
    /* Lists: links, lengths, membership. */
    int64_t seen = 0;
    for (int l = 1; l < GC_LIST_COUNT; l++) {
        int64_t len = 0;
        GcId prev = 0;
        for (GcId id = (GcId)h->g[GF_LFIRST(l)]; id; id = h->objs[id].next) {
            CHECK(id >= 1 && id <= maxid, "list %s holds bad id %d", gc_list_name(l), id);
            CHECK(h->objs[id].list == l, "#%d is linked in %s but says %s", id, gc_list_name(l),
                  gc_list_name(h->objs[id].list));
            CHECK(h->objs[id].prev == prev, "#%d has a wrong prev link", id);
            CHECK(h->objs[id].state == GC_STATE_ALIVE, "freed #%d is still in %s", id,
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
        if (h->objs[id].list != GC_LIST_NONE)
            tracked++;
    CHECK(tracked == seen, "%lld objects say they are tracked but the lists hold %lld",
          (long long)tracked, (long long)seen);
    for (int i = 0; i < 3; i++)
        CHECK(h->g[GF_COUNT0 + i] >= 0, "count[%d] is negative", i);
    gc_free(expect);
    return 0;
}

/* ---- explanations ------------------------------------------------------ */

static void obj_label(const GcHeap *h, GcId id, char *buf, size_t n)
{
    snprintf(buf, n, "%s #%d", gc_type_name(h, id), id);
}

static void slot_label(const GcHeap *h, GcId id, int32_t slot, char *buf, size_t n)
{
    const GcObject *o = gc_object(h, id);
    if (!o || slot < 0 || (uint32_t)slot >= (o->cap > 1 ? o->cap : 1)) {
        obj_label(h, id, buf, n);
        return;
    }
    GcValue key = gc_slots(o)[slot].key;
    if (o->kind == GC_KIND_INSTANCE && GC_VAL_TAG(key) == GC_V_STR)
        snprintf(buf, n, "%s #%d.%s", gc_type_name(h, id), id,
                 gc_strtab_get(h->atoms, (int32_t)GC_VAL_PAYLOAD(key)));
    else if (o->kind == GC_KIND_DICT && GC_VAL_TAG(key) == GC_V_STR)
        snprintf(buf, n, "dict #%d[\"%s\"]", id, gc_strtab_get(h->atoms, (int32_t)GC_VAL_PAYLOAD(key)));
    else if (o->kind == GC_KIND_DICT && GC_VAL_TAG(key) == GC_V_INT)
        snprintf(buf, n, "dict #%d[%lld]", id, (long long)GC_VAL_PAYLOAD(key));
    else
        snprintf(buf, n, "%s #%d[%d]", gc_type_name(h, id), id, slot);
}

void gc_event_explain(const GcHeap *h, int32_t i, char *buf, size_t n)
{
    const GcEvent *e = gc_event(h, i);
    char a[96], b[96];
    if (!e) {
        snprintf(buf, n, "%s", "");
        return;
    }
    obj_label(h, e->obj, a, sizeof a);
    switch ((GcEventKind)e->kind) {
    case GC_EV_BEGIN: snprintf(buf, n, "The program starts: no objects yet."); break;
    case GC_EV_STMT: snprintf(buf, n, "Next statement."); break;
    case GC_EV_STEP_END: {
        char parts[3][96];
        int k = 0;
        if (e->a)
            snprintf(parts[k++], sizeof parts[0], "%lld object%s freed", (long long)e->a,
                     e->a == 1 ? "" : "s");
        if (e->b)
            snprintf(parts[k++], sizeof parts[0], "%lld __del__ call%s", (long long)e->b,
                     e->b == 1 ? "" : "s");
        if (e->slot > 0)
            snprintf(parts[k++], sizeof parts[0], "%d collection%s found %d unreachable",
                     e->slot, e->slot == 1 ? "" : "s", e->obj);
        if (k == 0)
            snprintf(buf, n, "Done: nothing was freed.");
        else if (k == 1)
            snprintf(buf, n, "Done: %s.", parts[0]);
        else if (k == 2)
            snprintf(buf, n, "Done: %s and %s.", parts[0], parts[1]);
        else
            snprintf(buf, n, "Done: %s, %s and %s.", parts[0], parts[1], parts[2]);
        break;
    }
    case GC_EV_ALLOC:
        snprintf(buf, n, "%s is allocated: refcount 1, %s.", a,
                 e->a == GC_KIND_DICT ? "untracked until it holds a tracked value"
                                      : "tracked at the tail of generation 0");
        break;
    case GC_EV_INCREF:
        snprintf(buf, n, "A new reference to %s: refcount %lld -> %lld.", a, (long long)e->a,
                 (long long)e->b);
        break;
    case GC_EV_DECREF:
        if (e->obj2) {
            slot_label(h, e->obj2, e->slot, b, sizeof b);
            snprintf(buf, n, "%s lets go of %s: refcount %lld -> %lld%s", b, a, (long long)e->a,
                     (long long)e->b, e->b == 0 ? ", so it is freed at once." : ".");
        } else {
            snprintf(buf, n, "A reference to %s goes away: refcount %lld -> %lld%s", a,
                     (long long)e->a, (long long)e->b,
                     e->b == 0 ? ", so it is freed at once." : ".");
        }
        break;
    case GC_EV_BIND:
        snprintf(buf, n, "The name '%s' now refers to %s.",
                 gc_strtab_get(h->atoms, (int32_t)e->b),
                 e->obj ? a : "a value that is not a heap object");
        break;
    case GC_EV_STORE:
        slot_label(h, e->obj, e->slot, b, sizeof b);
        if (e->obj2) {
            obj_label(h, e->obj2, a, sizeof a);
            snprintf(buf, n, "%s now refers to %s.", b, a);
        } else {
            snprintf(buf, n, "%s is set.", b);
        }
        break;
    case GC_EV_SLOT_DEL: slot_label(h, e->obj, e->slot, b, sizeof b); snprintf(buf, n, "%s is removed.", b); break;
    case GC_EV_DEALLOC: snprintf(buf, n, "%s has no references left: it is deallocated.", a); break;
    case GC_EV_TRACK: snprintf(buf, n, "%s now holds a tracked object, so the collector starts tracking it.", a); break;
    case GC_EV_UNTRACK: snprintf(buf, n, "%s holds no trackable objects: the collector stops tracking it.", a); break;
    case GC_EV_DEL_CALL: snprintf(buf, n, "%s.__del__() runs (only ever once per object).", a); break;
    case GC_EV_DEL_RETURN: snprintf(buf, n, "%s.__del__() returns.", a); break;
    case GC_EV_RESURRECTED: snprintf(buf, n, "__del__ stored a new reference to %s: it is resurrected (refcount %lld).", a, (long long)e->a); break;
    case GC_EV_WEAKREF_CLEAR:
        obj_label(h, e->obj2, b, sizeof b);
        snprintf(buf, n, "%s is cleared: it no longer refers to %s.", a, b);
        break;
    case GC_EV_WEAKREF_CALLBACK: snprintf(buf, n, "The callback of %s is called.", a); break;
    case GC_EV_CALL: snprintf(buf, n, "A function is called: a new frame with its own local names."); break;
    case GC_EV_RETURN: snprintf(buf, n, "The function returns: its frame and local names go away."); break;
    case GC_EV_COUNT_RESET: snprintf(buf, n, "Counts reset."); break;
    case GC_EV_GC_START:
        snprintf(buf, n, "%s collection of generation %lld starts%s.",
                 e->b ? "An automatic" : "A", (long long)e->a,
                 e->a == 2 ? " (a full collection)" : "");
        break;
    case GC_EV_PHASE: {
        static const char *why[GC_PHASE_COUNT] = {
            "The collector is idle.",
            "start: the counts of the collected generations are reset.",
            "merge: the younger generations are appended to the one being collected.",
            "update_refs: each object's gc_refs starts as its refcount.",
            "subtract_refs: references from inside the set are subtracted; what remains comes from outside.",
            "move_unreachable: objects with gc_refs > 0 are reachable, and so is everything they reach.",
            "untrack_tuples: tuples holding only untracked objects leave the collector.",
            "The survivors move to the next generation.",
            "Legacy finalizers (tp_del): none for Python classes.",
            "handle_weakrefs: weak references to the garbage are cleared; callbacks run first.",
            "finalize_garbage: __del__ runs for each unreachable object not yet finalized.",
            "handle_resurrected_objects: does anything still reach the garbage after __del__?",
            "delete_garbage: tp_clear breaks the references; refcounting frees the rest.",
            "The collection is done.",
            "mark: everything reachable from the roots is marked.",
            "sweep: every unmarked object is freed."};
        snprintf(buf, n, "%s", why[e->a < GC_PHASE_COUNT ? e->a : 0]);
        break;
    }
    case GC_EV_MERGE: snprintf(buf, n, "%s is appended to %s.", gc_list_name((GcListId)e->a), gc_list_name((GcListId)e->b)); break;
    case GC_EV_UPDATE_REFS: snprintf(buf, n, "update_refs: gc_refs(%s) = refcount = %lld.", a, (long long)e->b); break;
    case GC_EV_SUBTRACT:
        slot_label(h, e->obj2, e->slot, b, sizeof b);
        snprintf(buf, n, "subtract_refs: %s -> %s, gc_refs(%s) %lld -> %lld.", b, a, a,
                 (long long)e->a, (long long)e->b);
        break;
    case GC_EV_SCAN_REACHABLE: snprintf(buf, n, "move_unreachable: gc_refs(%s) = %lld > 0, so it is reachable; what it refers to is too.", a, (long long)e->a); break;
    case GC_EV_VISIT_REACHABLE:
        obj_label(h, e->obj2, b, sizeof b);
        snprintf(buf, n, "%s reaches %s: gc_refs 0 -> 1, it will be kept.", b, a);
        break;
    case GC_EV_MOVE_BACK:
        obj_label(h, e->obj2, b, sizeof b);
        snprintf(buf, n, "%s reaches %s, so it moves back from 'unreachable' to the end of the list.", b, a);
        break;
    case GC_EV_MOVE_UNREACHABLE: snprintf(buf, n, "move_unreachable: gc_refs(%s) = 0: tentatively unreachable.", a); break;
    case GC_EV_PROMOTE: snprintf(buf, n, "%lld survivor(s) go to %s.", (long long)e->b, gc_list_name((GcListId)e->a)); break;
    case GC_EV_FINALIZE: snprintf(buf, n, "finalize_garbage: %s has a __del__ that has not run yet.", a); break;
    case GC_EV_CLEAR: snprintf(buf, n, "delete_garbage: tp_clear(%s) drops its references.", a); break;
    case GC_EV_SURVIVE_CLEAR: snprintf(buf, n, "%s is still alive after tp_clear: it moves to the older generation.", a); break;
    case GC_EV_MARK: snprintf(buf, n, "mark: %s is reachable from a root.", a); break;
    case GC_EV_SWEEP: snprintf(buf, n, "sweep: %s was not marked: it is freed.", a); break;
    case GC_EV_LEAK: snprintf(buf, n, "%s is unreachable, but with no cycle collector it is never freed: a leak.", a); break;
    case GC_EV_GC_END: snprintf(buf, n, "The collection found %lld unreachable object(s).", (long long)e->a); break;
    case GC_EV_ERROR:
        snprintf(buf, n, "%s", h->exc[0] ? h->exc : h->err[0] ? h->err : "An exception stopped the program.");
        break;
    case GC_EV_OUTPUT: snprintf(buf, n, "The program prints."); break;
    case GC_EV_SKIP_FULL:
        snprintf(buf, n,
                 "count[2] is over its threshold, but generation 2 waits: only %lld new long-lived "
                 "object(s), fewer than 25%% of the %lld it holds.",
                 (long long)e->a, (long long)e->b);
        break;
    }
}
