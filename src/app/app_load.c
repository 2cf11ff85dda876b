/*
 * app_load.c: the long part of opening a scenario (issue 14): running its
 * program with history, indexing its timeline and laying out its cards,
 * in a worker thread so that the window opens at once, shows how far the
 * run has come and can cancel it; or in the caller's thread (record, the
 * tests, a reload), with the same code and the same progress reports.
 *
 * The worker owns everything it builds until app_load_take hands it over;
 * the only state shared while it runs is the progress snapshot (under a
 * mutex) and the cancel flag (an atomic).  The program's own cancel point
 * is LangRunOptions.on_progress, called every few thousand statements:
 * a cancelled run stops at the next statement; the layout asks the same
 * flag every few thousand cards (layout_set_stop) and stops.  The index
 * is not interruptible (a fraction of the run's time); a cancel during it
 * discards what it built.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_window_internal.h"

struct AppLoad {
    Scenario *sc;
    LangRunOptions ro;
    Layout *layout;     /* built here when not NULL */
    RenderCache *cache; /* the frames' grid of layout, built here too */
    char name[256];     /* the file's name, for the texts */
    void (*report)(void *ctx, const AppLoadStatus *st);
    void *report_ctx;
    SDL_Thread *thread;
    SDL_mutex *mu;
    SDL_atomic_t cancel;
    SDL_atomic_t done;
    /* under mu */
    AppLoadStatus st;
    /* the worker's results */
    LangRun *run;
    GcRunIndex tl;
    int tl_rc, layout_rc;
};

static void publish(AppLoad *j, const AppLoadStatus *st)
{
    if (j->mu)
        SDL_LockMutex(j->mu);
    j->st = *st;
    if (j->mu)
        SDL_UnlockMutex(j->mu);
    if (j->report)
        j->report(j->report_ctx, st);
}

static int on_progress(void *ctx, const LangProgress *p)
{
    AppLoad *j = ctx;
    AppLoadStatus st = j->st; /* only this thread writes it */
    if (p->step != st.pg.step)
        st.step_base = p->executed;
    st.pg = *p;
    st.ms = SDL_GetTicks() - st.start;
    publish(j, &st);
    return SDL_AtomicGet(&j->cancel) != 0;
}

/* The layout's stop question: Escape (app_load_cancel) while laying out. */
static int stop_asked(void *ctx)
{
    AppLoad *j = ctx;
    return SDL_AtomicGet(&j->cancel) != 0;
}

static void set_phase(AppLoad *j, AppLoadPhase phase)
{
    AppLoadStatus st = j->st;
    uint32_t now = SDL_GetTicks();
    st.ms = now - st.start;
    if (phase == APP_LOAD_INDEXING)
        st.run_ms = st.ms;
    if (phase == APP_LOAD_DONE)
        st.layout_ms = st.ms - st.run_ms;
    st.phase = phase;
    publish(j, &st);
}

/* What the history's budget did to the run (AppLoadStatus). */
static void history_status(AppLoadStatus *st, const GcHeap *h)
{
    GcHistoryInfo hi = gc_history_info(h);
    int32_t n = gc_event_count(h);
    st->pg.history_bytes = hi.bytes;
    st->coarse = hi.coarse_from >= 0;
    st->full = hi.full;
    st->full_step = hi.full && n > 0 ? gc_event(h, n - 1)->step + 1 : -1;
    st->fine_first = st->fine_last = -1;
    if (hi.fine_from >= 0 && hi.fine_to > hi.fine_from) {
        st->fine_first = gc_event(h, hi.fine_from)->step + 1;
        st->fine_last = gc_event(h, hi.fine_to - 1)->step + 1;
    }
}

static int work(void *arg)
{
    AppLoad *j = arg;
    j->ro.on_progress = on_progress;
    j->ro.ctx = j;
    j->run = lang_run(j->sc->program, &j->ro);
    if (j->run) {
        GcHeap *h = lang_run_heap(j->run);
        AppLoadStatus st = j->st;
        st.pg.events = gc_event_count(h);
        history_status(&st, h);
        st.cancelled = lang_run_cancelled(j->run);
        st.cards = (int64_t)gc_max_id(h);
        publish(j, &st);
        if (!st.cancelled) {
            set_phase(j, APP_LOAD_INDEXING);
            j->tl_rc = gc_index_build(&j->tl, h);
        }
        if (!st.cancelled && j->layout && !SDL_AtomicGet(&j->cancel)) {
            set_phase(j, APP_LOAD_LAYING_OUT);
            layout_set_arrange(j->layout, j->sc->arrange);
            layout_set_stop(j->layout, stop_asked, j);
            j->layout_rc = layout_build(j->layout, h, j->sc->pins, j->sc->npins);
            layout_set_stop(j->layout, NULL, NULL);
        }
        /* what the first frame would build (the grid of the card places,
         * 10 ms at 10^5 cards) is part of the load; out of memory here,
         * the first frame tries again and says so */
        if (!st.cancelled && j->layout && j->layout_rc == 0 && !SDL_AtomicGet(&j->cancel)) {
            j->cache = render_cache_new();
            if (j->cache && render_cache_prepare(j->cache, j->layout) < 0) {
                render_cache_free(j->cache);
                j->cache = NULL;
            }
        }
    }
    AppLoadStatus st = j->st;
    st.cancelled = st.cancelled || SDL_AtomicGet(&j->cancel) != 0;
    publish(j, &st);
    set_phase(j, APP_LOAD_DONE);
    SDL_AtomicSet(&j->done, 1);
    return 0;
}

AppLoad *app_load_start(Scenario *sc, const LangRunOptions *ro, Layout *layout, const char *name,
                        int threaded, void (*report)(void *ctx, const AppLoadStatus *st),
                        void *report_ctx)
{
    AppLoad *j = calloc(1, sizeof *j);
    if (!j)
        return NULL;
    j->sc = sc;
    j->ro = *ro;
    j->layout = layout;
    j->report = report;
    j->report_ctx = report_ctx;
    snprintf(j->name, sizeof j->name, "%s", name ? name : "");
    j->st.start = SDL_GetTicks();
    j->st.phase = APP_LOAD_RUNNING;
    j->st.pg.step = -1;
    if (threaded) {
        j->mu = SDL_CreateMutex();
        if (j->mu)
            j->thread = SDL_CreateThread(work, "gcviz-load", j);
        if (j->thread)
            return j;
        /* no thread: the work is done here, as without a window */
        if (j->mu)
            SDL_DestroyMutex(j->mu);
        j->mu = NULL;
    }
    work(j);
    return j;
}

int app_load_done(const AppLoad *j)
{
    return SDL_AtomicGet((SDL_atomic_t *)&j->done) != 0;
}

void app_load_cancel(AppLoad *j)
{
    SDL_AtomicSet(&j->cancel, 1);
}

AppLoadStatus app_load_status(AppLoad *j)
{
    AppLoadStatus st;
    if (j->mu)
        SDL_LockMutex(j->mu);
    st = j->st;
    if (j->mu)
        SDL_UnlockMutex(j->mu);
    if (st.phase != APP_LOAD_DONE)
        st.ms = SDL_GetTicks() - st.start;
    return st;
}

const char *app_load_name(const AppLoad *j)
{
    return j->name;
}

void app_load_take(AppLoad *j, AppLoadResult *out)
{
    if (j->thread)
        SDL_WaitThread(j->thread, NULL);
    j->thread = NULL;
    if (j->mu)
        SDL_DestroyMutex(j->mu);
    out->sc = j->sc;
    out->run = j->run;
    out->tl = j->tl;
    out->layout = j->layout;
    out->cache = j->cache;
    out->tl_rc = j->tl_rc;
    out->layout_rc = j->layout_rc;
    out->st = j->st;
    free(j);
}

void app_load_result_free(AppLoadResult *res)
{
    gc_index_free(&res->tl);
    layout_free(res->layout);
    render_cache_free(res->cache);
    lang_run_free(res->run);
    scenario_free(res->sc);
    memset(res, 0, sizeof *res);
}

/* 1288490188 -> "1.2 GB", 3145728 -> "3 MB" */
static void bytes_text(char *buf, size_t n, int64_t b)
{
    if (b >= (1LL << 30))
        snprintf(buf, n, "%.1f GB", (double)b / (double)(1LL << 30));
    else
        snprintf(buf, n, "%lld MB", (long long)((b + (1 << 19)) >> 20));
}

/* The DONE line's detail: the events, the history's memory, and what its
 * budget did to the run (stopped it, or kept only statement stops from
 * some statement on): a recording that lacks frames must say why. */
static void history_outcome(const AppLoadStatus *st, const char *events, const char *used,
                            const char *budget, char *detail, size_t dn)
{
    char kept[160] = "";
    if (st->coarse && st->fine_first < 0)
        snprintf(kept, sizeof kept, ": statement stops only");
    else if (st->coarse && st->fine_first <= 1)
        snprintf(kept, sizeof kept,
                 ": every micro-step up to statement %d, then statement stops only",
                 (int)st->fine_last);
    else if (st->coarse)
        snprintf(kept, sizeof kept,
                 ": every micro-step of statements %d to %d, statement stops elsewhere",
                 (int)st->fine_first, (int)st->fine_last);
    if (st->full)
        snprintf(detail, dn,
                 "%s events \xC2\xB7 the history filled its %s budget and stopped the run at "
                 "statement %d%s; --history-budget gives it more",
                 events, budget, (int)st->full_step, kept);
    else
        snprintf(detail, dn, "%s events \xC2\xB7 history %s of its %s budget%s", events, used,
                 budget, kept);
}

float app_load_describe(const AppLoadStatus *st, const char *name, char *title, size_t tn,
                        char *detail, size_t dn)
{
    char stmts[32], cards[32], events[32], used[32], budget[32];
    render_thousands(stmts, sizeof stmts, st->pg.executed);
    render_thousands(cards, sizeof cards, st->cards);
    render_thousands(events, sizeof events, st->pg.events);
    bytes_text(used, sizeof used, st->pg.history_bytes);
    bytes_text(budget, sizeof budget, st->pg.history_budget);
    double s = st->ms / 1000.0;
    switch (st->phase) {
    case APP_LOAD_RUNNING:
    default: {
        snprintf(title, tn, "Running %s: %s statements, %s budget", name, stmts, budget);
        if (st->pg.nsteps > 0 && st->pg.step >= 0)
            snprintf(detail, dn, "step %d of %d \xC2\xB7 history %s of %s \xC2\xB7 %.1f s",
                     (int)st->pg.step + 1, (int)st->pg.nsteps, used, budget, s);
        else
            snprintf(detail, dn, "starting \xC2\xB7 %.1f s", s);
        if (st->pg.nsteps <= 0 || st->pg.step < 0)
            return 0;
        /* a step's share fills as its statements run, never quite to the
         * end: how many a loop will run is not known before it has run */
        double in_step = (double)(st->pg.executed - st->step_base);
        double g = 1.0 - 1.0 / (1.0 + in_step / 50000.0);
        return (float)(0.6 * ((double)st->pg.step + g) / (double)st->pg.nsteps);
    }
    case APP_LOAD_INDEXING:
        snprintf(title, tn, "Indexing %s: %s events", name, events);
        snprintf(detail, dn, "%s statements ran in %.1f s \xC2\xB7 history %s of %s", stmts,
                 st->run_ms / 1000.0, used, budget);
        return 0.6f;
    case APP_LOAD_LAYING_OUT:
        snprintf(title, tn, "Laying out %s: %s cards", name, cards);
        snprintf(detail, dn, "%s statements ran in %.1f s \xC2\xB7 %s events \xC2\xB7 %.1f s",
                 stmts, st->run_ms / 1000.0, events, s);
        return 0.7f;
    case APP_LOAD_DONE:
        if (st->cancelled) {
            snprintf(title, tn, "Cancelled %s after %s statements", name, stmts);
            snprintf(detail, dn, "%.1f s \xC2\xB7 the program was not opened", s);
        } else {
            snprintf(title, tn, "Ran %s: %s statements in %.1f s, laid out %s cards in %.1f s",
                     name, stmts, st->run_ms / 1000.0, cards, st->layout_ms / 1000.0);
            history_outcome(st, events, used, budget, detail, dn);
        }
        return 1;
    }
}
