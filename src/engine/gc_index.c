/*
 * gc_index.c: what the events of a history mean, in one place.
 *
 * The event-kind table says for each kind of event the granularity at
 * which a cursor on it is a stop and what it is about (an object, an
 * edge).  The run index lists a history's landmarks once (the top-level
 * statements, the collection phases, the collections, the error) so that
 * "which statement is event i in", "the next stop at this granularity"
 * and the timeline cost a binary search, not a scan of the events: the
 * same at 10^3 and 10^7 events.
 *
 * The stop rule (the window's Right and Left keys, record's frames): a
 * stop shows the state after a whole statement (or phase) ran, so the
 * cursor sits on the event that starts the next one; the first
 * statement's start shows nothing more than the beginning and is no stop.
 */
#include <stdlib.h>
#include <string.h>

#include "gc.h"
#include "gc_internal.h"

#define S GC_GRAN_STATEMENT
#define P GC_GRAN_PHASE
#define M GC_GRAN_MICRO

/* name, granularity, obj is the subject, obj2 -> obj is the edge followed */
static const GcEventKindInfo kinds[GC_EV_KIND_COUNT] = {
    [GC_EV_BEGIN] = {"begin", M, 0, 0},
    [GC_EV_STMT] = {"stmt", S, 0, 0}, /* a stop at depth 0 only */
    [GC_EV_STEP_END] = {"step_end", M, 0, 0},
    [GC_EV_ALLOC] = {"alloc", M, 1, 0},
    [GC_EV_INCREF] = {"incref", M, 1, 0},
    [GC_EV_DECREF] = {"decref", M, 1, 0},
    [GC_EV_BIND] = {"bind", M, 1, 0},
    [GC_EV_STORE] = {"store", M, 1, 0},
    [GC_EV_SLOT_DEL] = {"slot_del", M, 1, 0},
    [GC_EV_DEALLOC] = {"dealloc", M, 1, 0},
    [GC_EV_TRACK] = {"track", M, 1, 0},
    [GC_EV_UNTRACK] = {"untrack", M, 1, 0},
    [GC_EV_DEL_CALL] = {"del_call", M, 1, 0},
    [GC_EV_DEL_RETURN] = {"del_return", M, 1, 0},
    [GC_EV_RESURRECTED] = {"resurrected", M, 1, 0},
    [GC_EV_WEAKREF_CLEAR] = {"weakref_clear", M, 1, 0},
    [GC_EV_WEAKREF_CALLBACK] = {"weakref_callback", M, 1, 0},
    [GC_EV_CALL] = {"call", M, 0, 0},
    [GC_EV_RETURN] = {"return", M, 0, 0},
    [GC_EV_COUNT_RESET] = {"count_reset", M, 0, 0},
    [GC_EV_GC_START] = {"gc_start", P, 0, 0},
    [GC_EV_PHASE] = {"phase", P, 0, 0},
    [GC_EV_MERGE] = {"merge", M, 0, 0},
    [GC_EV_UPDATE_REFS] = {"update_refs", M, 1, 0},
    [GC_EV_SUBTRACT] = {"subtract", M, 1, 1},
    [GC_EV_SCAN_REACHABLE] = {"scan_reachable", M, 1, 0},
    [GC_EV_VISIT_REACHABLE] = {"visit_reachable", M, 1, 1},
    [GC_EV_MOVE_BACK] = {"move_back", M, 1, 0},
    [GC_EV_MOVE_UNREACHABLE] = {"move_unreachable", M, 1, 0},
    [GC_EV_PROMOTE] = {"promote", M, 0, 0},
    [GC_EV_FINALIZE] = {"finalize", M, 1, 0},
    [GC_EV_CLEAR] = {"clear", M, 1, 0},
    [GC_EV_SURVIVE_CLEAR] = {"survive_clear", M, 1, 0},
    [GC_EV_MARK] = {"mark", M, 1, 0},
    [GC_EV_SWEEP] = {"sweep", M, 1, 0},
    [GC_EV_LEAK] = {"leak", M, 1, 0},
    [GC_EV_GC_END] = {"gc_end", M, 0, 0},
    [GC_EV_ERROR] = {"error", S, 0, 0},
    [GC_EV_SKIP_FULL] = {"skip_full", M, 0, 0},
    [GC_EV_OUTPUT] = {"output", M, 0, 0},
    [GC_EV_TRASH_DEPOSIT] = {"trash_deposit", M, 1, 0},
    [GC_EV_TRASH_DESTROY] = {"trash_destroy", M, 1, 0},
};

#undef S
#undef P
#undef M

const GcEventKindInfo *gc_event_kind_info(int kind)
{
    static const GcEventKindInfo unknown = {"?", GC_GRAN_MICRO, 0, 0};
    return kind >= 0 && kind < GC_EV_KIND_COUNT && kinds[kind].name ? &kinds[kind] : &unknown;
}

GcGran gc_event_gran(const GcEvent *e)
{
    if (e->kind == GC_EV_STMT && e->depth != 0)
        return GC_GRAN_MICRO;
    return (GcGran)gc_event_kind_info(e->kind)->gran;
}

GcId gc_event_subject(const GcEvent *e)
{
    return gc_event_kind_info(e->kind)->obj && e->obj > 0 ? e->obj : 0;
}

/* ---- building ------------------------------------------------------------ */

static int module_bind(const GcEvent *e)
{
    return e->kind == GC_EV_BIND && e->a == 0 && e->obj > 0;
}

/* x->name_*: the module-level bindings of objects grouped by name (the
 * cards' "was p" asks which object each name held last), by counting:
 * one pass for the atoms, one to file the events. */
static int index_names(GcRunIndex *x, const GcHeap *h)
{
    int32_t n = gc_event_count(h), maxatom = -1;
    for (int32_t i = 0; i < n; i++) {
        const GcEvent *e = gc_event(h, i);
        if (module_bind(e) && e->b > maxatom)
            maxatom = (int32_t)e->b;
    }
    if (maxatom < 0)
        return 0;
    int32_t *slot = gc_calloc((size_t)maxatom + 1, sizeof *slot); /* atom -> 1 + name */
    IdVec atoms = {0}, count = {0};
    int rc = slot ? 0 : -1;
    for (int32_t i = 0; i < n && rc == 0; i++) {
        const GcEvent *e = gc_event(h, i);
        if (!module_bind(e))
            continue;
        if (!slot[e->b]) {
            rc = gc__idvec_push(&atoms, (int32_t)e->b) | gc__idvec_push(&count, 0);
            slot[e->b] = atoms.n;
        }
        if (rc == 0)
            count.v[slot[e->b] - 1]++;
    }
    int32_t *start = rc == 0 ? gc_calloc((size_t)atoms.n + 1, sizeof *start) : NULL;
    int32_t total = 0;
    for (int32_t k = 0; start && k < atoms.n; k++) {
        start[k] = total;
        total += count.v[k];
        count.v[k] = start[k]; /* now where the next of name k goes */
    }
    int32_t *binds = start ? gc_calloc((size_t)total + 1, sizeof *binds) : NULL;
    for (int32_t i = 0; binds && i < n; i++) {
        const GcEvent *e = gc_event(h, i);
        if (module_bind(e))
            binds[count.v[slot[e->b] - 1]++] = i;
    }
    gc_free(slot);
    gc_free(count.v);
    if (!binds) {
        gc_free(start);
        gc_free(atoms.v);
        return -1;
    }
    start[atoms.n] = total;
    x->nnames = atoms.n;
    x->name_atom = atoms.v;
    x->name_start = start;
    x->name_binds = binds;
    return 0;
}

int gc_index_build(GcRunIndex *x, const GcHeap *h)
{
    memset(x, 0, sizeof *x);
    x->error_event = -1;
    int32_t n = gc_event_count(h);
    x->nevents = n;
    IdVec st = {0}, ph = {0}, pst = {0}, gs = {0}, ge = {0}, gg = {0}, out = {0};
    int rc = 0;
    for (int32_t i = 0; i < n && rc == 0; i++) {
        const GcEvent *e = gc_event(h, i);
        switch (e->kind) {
        case GC_EV_STMT:
            if (e->depth == 0)
                rc = gc__idvec_push(&st, i);
            break;
        case GC_EV_PHASE:
            rc = gc__idvec_push(&ph, i) | gc__idvec_push(&pst, i);
            break;
        case GC_EV_GC_START:
            rc = gc__idvec_push(&pst, i) | gc__idvec_push(&gs, i) |
                 gc__idvec_push(&gg, (int32_t)e->a) | gc__idvec_push(&ge, n - 1);
            break;
        case GC_EV_GC_END:
            if (ge.n > 0)
                ge.v[ge.n - 1] = i;
            break;
        case GC_EV_ERROR:
            x->error_event = i;
            break;
        case GC_EV_OUTPUT:
            rc = gc__idvec_push(&out, i);
            break;
        default:
            break;
        }
    }
    x->stmts = st.v, x->nstmts = st.n;
    x->phases = ph.v, x->nphases = ph.n;
    x->phase_stops = pst.v, x->nphase_stops = pst.n;
    x->gc_start = gs.v, x->gc_end = ge.v, x->gc_gen = gg.v;
    x->ncollections = gs.n;
    x->outputs = out.v, x->noutputs = out.n;
    /* the statement-level parts: around the part kept whole (gc_history_info) */
    GcHistoryInfo hi = gc_history_info(h);
    if (hi.coarse_from >= 0 && n > 0) {
        int32_t f0 = hi.fine_from < 0 ? 0 : hi.fine_from, f1 = hi.fine_to < 0 ? 0 : hi.fine_to;
        if (f0 > 0) {
            x->coarse_from[x->ncoarse] = 0;
            x->coarse_to[x->ncoarse++] = f0;
        }
        if (f1 < n - 1) {
            x->coarse_from[x->ncoarse] = f1 > 0 ? f1 - 1 : 0; /* its last holds the writes after */
            x->coarse_to[x->ncoarse++] = n;
        }
    }
    if (rc == 0)
        rc = index_names(x, h);
    if (rc != 0 || gs.n != ge.n || gs.n != gg.n) {
        gc_index_free(x);
        return -1;
    }
    return 0;
}

void gc_index_free(GcRunIndex *x)
{
    gc_free(x->stmts);
    gc_free(x->phases);
    gc_free(x->phase_stops);
    gc_free(x->gc_start);
    gc_free(x->gc_end);
    gc_free(x->gc_gen);
    gc_free(x->outputs);
    gc_free(x->name_atom);
    gc_free(x->name_start);
    gc_free(x->name_binds);
    memset(x, 0, sizeof *x);
    x->error_event = -1;
}

/* ---- queries ------------------------------------------------------------- */

/* The number of entries of the ascending a[0..n) that are <= v. */
static int32_t upto(const int32_t *a, int32_t n, int32_t v)
{
    int32_t lo = 0, hi = n;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (a[mid] <= v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int32_t gc_index_stmt_at(const GcRunIndex *x, int32_t i)
{
    int32_t k = upto(x->stmts, x->nstmts, i);
    return k > 0 ? x->stmts[k - 1] : -1;
}

int32_t gc_index_stmt_number(const GcRunIndex *x, int32_t i)
{
    return upto(x->stmts, x->nstmts, i) - 1;
}

int32_t gc_index_collection_at(const GcRunIndex *x, int32_t i)
{
    int32_t k = upto(x->gc_start, x->ncollections, i) - 1;
    return k >= 0 && i <= x->gc_end[k] ? k : -1;
}

/* Before the first statement's start only the beginning is a stop. */
static int before_first(const GcRunIndex *x, int32_t c)
{
    return x->nstmts > 0 && c <= x->stmts[0];
}

int gc_index_is_stop(const GcRunIndex *x, const GcHeap *h, int32_t c, GcGran g, int beginner)
{
    if (c <= 0 || c >= x->nevents)
        return 1;
    if (g == GC_GRAN_MICRO) /* a beginner does not stop on interpreter temporaries */
        return !beginner || !gc_event_interpreter_only(h, c - 1);
    if (before_first(x, c))
        return 0;
    return gc_event_gran(gc_event(h, c)) <= g;
}

/* The first entry of a[0..n) above c, or INT32_MAX. */
static int32_t first_above(const int32_t *a, int32_t n, int32_t c)
{
    int32_t k = upto(a, n, c);
    return k < n ? a[k] : INT32_MAX;
}

/* The last entry of a[0..n) below c, or -1. */
static int32_t last_below(const int32_t *a, int32_t n, int32_t c)
{
    int32_t k = upto(a, n, c - 1);
    return k > 0 ? a[k - 1] : -1;
}

int32_t gc_index_next_stop(const GcRunIndex *x, const GcHeap *h, int32_t c, GcGran g, int beginner)
{
    int32_t n = x->nevents;
    if (c >= n)
        return n;
    if (g == GC_GRAN_MICRO) {
        for (int32_t i = c + 1; i < n; i++)
            if (gc_index_is_stop(x, h, i, g, beginner))
                return i;
        return n;
    }
    /* nothing before the first statement's start is a stop */
    if (x->nstmts > 0 && c < x->stmts[0])
        c = x->stmts[0];
    int32_t best = first_above(x->stmts, x->nstmts, c);
    if (x->error_event > c && x->error_event < best)
        best = x->error_event;
    if (g >= GC_GRAN_PHASE) {
        int32_t p = first_above(x->phase_stops, x->nphase_stops, c);
        best = p < best ? p : best;
    }
    return best < n ? best : n;
}

int32_t gc_index_prev_stop(const GcRunIndex *x, const GcHeap *h, int32_t c, GcGran g, int beginner)
{
    if (c <= 0)
        return 0;
    if (c > x->nevents)
        c = x->nevents;
    if (g == GC_GRAN_MICRO) {
        for (int32_t i = c - 1; i > 0; i--)
            if (gc_index_is_stop(x, h, i, g, beginner))
                return i;
        return 0;
    }
    int32_t best = last_below(x->stmts, x->nstmts, c);
    if (x->error_event >= 0 && x->error_event < c && x->error_event > best)
        best = x->error_event;
    if (g >= GC_GRAN_PHASE) {
        int32_t p = last_below(x->phase_stops, x->nphase_stops, c);
        best = p > best ? p : best;
    }
    return best > 0 && !before_first(x, best) ? best : 0;
}

int32_t gc_index_output_before(const GcRunIndex *x, int32_t c)
{
    return last_below(x->outputs, x->noutputs, c);
}

int32_t gc_index_name_bound(const GcRunIndex *x, int32_t k, int32_t i)
{
    const int32_t *b = x->name_binds + x->name_start[k];
    int32_t m = upto(b, x->name_start[k + 1] - x->name_start[k], i);
    return m > 0 ? b[m - 1] : -1;
}
