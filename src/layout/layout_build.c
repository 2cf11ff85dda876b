/*
 * layout_build.c: the layout of a recorded run.  One pass over the events
 * finds, for every object, when it is born, which object or name first
 * refers to it, how many fields it ever has and when its card disappears
 * (the end of the statement that freed it); a second pass seeks to the end
 * of every top-level step to note which objects are unreachable there.
 */
#include <stdlib.h>
#include <string.h>

#include "layout.h"

/* Above this many (steps x objects) the unreachability pass is skipped. */
#define UNREACH_BUDGET 40000000LL

static GcId pin_target(GcHeap *h, const char *key)
{
    const char *hash = strstr(key, " #");
    if (hash) {
        long id = strtol(hash + 2, NULL, 10);
        return id > 0 && id <= gc_max_id(h) ? (GcId)id : 0;
    }
    int32_t n = gc_event_count(h);
    GcStrtab *atoms = gc_atoms(h);
    for (int32_t i = 0; i < n; i++) {
        const GcEvent *ev = gc_event(h, i);
        if (ev->kind == GC_EV_BIND && ev->obj > 0 &&
            strcmp(gc_strtab_get(atoms, (int32_t)ev->b), key) == 0)
            return ev->obj;
    }
    return 0;
}

static int unreachable_pass(Layout *l, GcHeap *h)
{
    int32_t n = gc_event_count(h);
    GcId maxid = gc_max_id(h);
    int64_t nsteps = 0;
    for (int32_t i = 0; i < n; i++)
        nsteps += gc_event(h, i)->kind == GC_EV_STEP_END;
    if (nsteps * (int64_t)(maxid + 1) > UNREACH_BUDGET)
        return 0;
    uint8_t *seen = malloc((size_t)maxid + 1);
    if (!seen)
        return -1;
    int32_t saved = gc_cursor(h);
    int rc = 0;
    for (int32_t i = 0; i < n && rc == 0; i++) {
        const GcEvent *ev = gc_event(h, i);
        if (ev->kind != GC_EV_STEP_END && !(ev->kind == GC_EV_ERROR))
            continue;
        int32_t step = ev->step;
        gc_seek(h, i + 1);
        memset(seen, 0, (size_t)maxid + 1);
        gc_reachable(h, seen);
        for (GcId id = 1; id <= maxid && rc == 0; id++) {
            const GcObject *o = gc_object(h, id);
            if (o && o->state == GC_STATE_ALIVE && !seen[id])
                rc = layout_add_unreachable(l, id, step, step);
        }
    }
    gc_seek(h, saved);
    free(seen);
    return rc;
}

int layout_build(Layout *l, GcHeap *h, const ScenarioPin *pins, int npins)
{
    GcId maxid = gc_max_id(h);
    int32_t n = gc_event_count(h);
    LayoutItem *items = calloc((size_t)maxid + 1, sizeof *items);
    uint32_t *slots = calloc((size_t)maxid + 1, sizeof *slots);
    uint8_t *parented = calloc((size_t)maxid + 1, 1);
    int32_t *died = malloc(((size_t)maxid + 1) * sizeof *died);
    GcId *pending = malloc(((size_t)maxid + 1) * sizeof *pending);
    int32_t npending = 0;
    if (!items || !slots || !parented || !died || !pending) {
        free(pending);
        free(items);
        free(slots);
        free(parented);
        free(died);
        return -1;
    }
    for (GcId id = 0; id <= maxid; id++) {
        items[id].id = id;
        items[id].born = 0;
        items[id].gone = -1;
        died[id] = -1;
    }
    for (int32_t i = 0; i < n; i++) {
        const GcEvent *ev = gc_event(h, i);
        switch (ev->kind) {
        case GC_EV_ALLOC:
            if (ev->obj > 0 && ev->obj <= maxid)
                items[ev->obj].born = i;
            break;
        case GC_EV_STORE:
            if (ev->obj > 0 && ev->obj <= maxid && ev->slot >= 0 &&
                (uint32_t)ev->slot + 1 > slots[ev->obj])
                slots[ev->obj] = (uint32_t)ev->slot + 1;
            if (ev->obj2 > 0 && ev->obj2 <= maxid && !parented[ev->obj2]) {
                parented[ev->obj2] = 1;
                items[ev->obj2].parent = ev->obj == ev->obj2 ? 0 : ev->obj;
            }
            break;
        case GC_EV_BIND:
            if (ev->obj > 0 && ev->obj <= maxid && !parented[ev->obj]) {
                parented[ev->obj] = 1;
                items[ev->obj].parent = 0;
            }
            break;
        case GC_EV_DEALLOC:
            if (ev->obj > 0 && ev->obj <= maxid && died[ev->obj] < 0) {
                died[ev->obj] = i;
                pending[npending++] = ev->obj;
            }
            break;
        case GC_EV_STMT:
            /* a card freed in the previous statement disappears here */
            if (ev->depth == 0) {
                while (npending > 0)
                    items[pending[--npending]].gone = i;
            }
            break;
        default:
            break;
        }
    }
    for (GcId id = 1; id <= maxid; id++) {
        const GcObject *o = gc_object(h, id);
        if (died[id] >= 0 && items[id].gone < 0)
            items[id].gone = n;
        uint32_t ns = slots[id];
        if (o && o->nslots > ns)
            ns = o->nslots;
        layout_card_size(o ? o->kind : GC_KIND_INSTANCE, ns, &items[id].w, &items[id].h);
    }
    int rc = 0;
    for (int i = 0; i < npins && rc == 0; i++) {
        GcId id = pin_target(h, pins[i].key);
        if (id > 0) {
            rc = layout_pin(l, id, (float)pins[i].x, (float)pins[i].y);
            if (rc == 0)
                rc = layout_place(l, &items[id], 1); /* records size and lifetime */
        }
    }
    if (rc == 0 && maxid > 0)
        rc = layout_place(l, items + 1, (int)maxid);
    if (rc == 0)
        rc = unreachable_pass(l, h);
    free(items);
    free(slots);
    free(parented);
    free(died);
    free(pending);
    return rc;
}
