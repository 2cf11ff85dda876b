/*
 * layout.h: where each object's card sits in the heap, keyed by object id.
 *
 * The layout of a run is computed once, from the whole history, so it is a
 * pure function of the run: stepping forwards, backwards or jumping shows
 * every card at the same place, and a recorded frame is the same whatever
 * path led to it.  An object is placed when it is born, next to the object
 * or name that first refers to it, on a spot that no card alive at the same
 * time covers.  Cards never move by themselves; the user may drag one
 * (which pins it) and a scenario may pin cards ("layout" in the file).
 * Each card remembers its home, where placement or the scenario's pin put
 * it, apart from where a drag left it, so that a drag can be undone.
 *
 * Coordinates are world units (logical pixels at zoom 1), y down.  A card's
 * rectangle includes the strip above it where the names pointing at it are
 * drawn (LAYOUT_TAG_H).
 *
 * The layout also keeps, per object, when it became unreachable from the
 * roots (at top-level step granularity), for "unreachable since step k".
 */
#ifndef GCVIZ_LAYOUT_H
#define GCVIZ_LAYOUT_H

#include <stdint.h>

#include "scenario.h"

/* Card geometry in world units, shared with the renderer. */
#define LAYOUT_TAG_H 30.0f       /* name tags above the card */
#define LAYOUT_HEADER_H 44.0f    /* "Node #3" + badges */
#define LAYOUT_ROW_H 32.0f       /* one field */
#define LAYOUT_PAD 8.0f
#define LAYOUT_CARD_W 300.0f     /* instances, dicts, weakrefs */
#define LAYOUT_CARD_W_COMPACT 196.0f     /* an instance in an arranged structure, at least */
#define LAYOUT_GAP_X_COMPACT  56.0f      /* between a structure's columns */
#define LAYOUT_GAP_Y_COMPACT  16.0f      /* between a structure's rows */
#define LAYOUT_CELL_W 50.0f      /* one list/tuple cell */
#define LAYOUT_CELL_W_MAX     136.0f     /* widened for a value of up to 12 characters */
#define LAYOUT_CELL_H 44.0f
#define LAYOUT_MAX_CELLS 8       /* cells drawn before "+N" */
#define LAYOUT_MAX_ROWS 10       /* rows drawn before "+N more" */
#define LAYOUT_GAP_X 84.0f       /* room for arrows between columns */
#define LAYOUT_GAP_Y 40.0f
#define LAYOUT_COLUMN_H       560.0f     /* least height of a column before a new one starts */
#define LAYOUT_ASPECT 1.3f       /* width / height aimed at when a run has many cards */

typedef struct Layout Layout;

/* One object for the plain-array placement API. */
typedef struct LayoutItem {
    GcId id;
    float w, h;          /* largest size over its life, tags included */
    int32_t born, gone;  /* event interval during which the card is drawn; gone = -1: forever */
    GcId parent;         /* first object that referred to it, 0 = a name (root) */
} LayoutItem;

Layout *layout_new(void);
void layout_free(Layout *l);
/* Forgets every position (pins included). */
void layout_clear(Layout *l);

/* The height of a column of cards for items: LAYOUT_COLUMN_H, or taller
 * when the most cards alive at one time would otherwise make a long row
 * (the heap then fills a block about LAYOUT_ASPECT times as wide as tall,
 * which F fits in the window). */
float layout_column_height(const LayoutItem *items, int n);

/* Places items (in the given order, normally by id) that have no position
 * yet.  Returns 0, or -1 on OOM. */
int layout_place(Layout *l, const LayoutItem *items, int n);

/* How layout_build arranges cards (a scenario's "layout": "row" | "tree" |
 * "ring"; the default is SCENARIO_ARRANGE_DEFAULT).  Every arrangement but
 * the default follows fields: an object's parent is the earliest-born
 * object whose field first referred to it (so a doubly linked list made
 * from named nodes is one row, not a column of names).  "row": a chain
 * (one child each) in one row in field order, any other card next to that
 * parent, by the usual placement.  "tree": every structure of
 * two or more objects as a tree in levels, one column per depth, a parent
 * centred on its children, children in field order.  "ring": a structure
 * whose last object refers back to its first on a circle, the others as
 * trees.  Cards not in a structure are placed as usual around them.  The
 * instances of an arranged structure have compact cards (layout_set_compact). */
void layout_set_arrange(Layout *l, ScenarioArrange arrange);
ScenarioArrange layout_arrange(const Layout *l);

/* Where the roots columns of the usual placement start (0 by default):
 * right of a big folded tree (layout_build sets it), whose blocks' empty
 * corners would otherwise be searched, column after column, for every
 * card placed after it. */
void layout_set_roots_x(Layout *l, float x);

/* A question layout_build and layout_place ask every few thousand cards
 * and events: nonzero stops them, and they return LAYOUT_STOPPED (the
 * window's Escape while a big run is laid out).  NULL: never asked. */
#define LAYOUT_STOPPED (-2)
void layout_set_stop(Layout *l, int (*stop)(void *ctx), void *ctx);
/* Whether to stop at the i-th card or event (asked when i is a multiple of
 * 4096). */
int layout_stopped(const Layout *l, int64_t i);

/* Puts id at x, y as its home (an arrangement's place: not pinned, and
 * never moved by placement).  0, or -1 on OOM. */
int layout_put(Layout *l, GcId id, float x, float y);

/* The object a pin key names in the run ("Node #3", or the first object
 * bound to a variable of that name), 0 if none. */
GcId layout_pin_target(GcHeap *h, const char *key);

/* Computes the layout of a recorded run: positions of every object ever
 * allocated, the scenario's pins (by "Node #3" or variable name) and the
 * unreachability intervals.  Seeks through the history and restores the
 * cursor.  Positions already present (dragged cards kept across a reload)
 * are kept.  Returns 0, or -1 on OOM. */
int layout_build(Layout *l, struct GcHeap *h, const ScenarioPin *pins, int npins);

/* Position (top-left of the card's rectangle, tags included) of id; returns
 * 0 if known, -1 if not. */
int layout_get(const Layout *l, GcId id, float *x, float *y);
/* Moves id.  pinned = 1: the user dragged it there (away from its home);
 * pinned = 0: moves it and keeps its flags (a card gliding somewhere).
 * Known cards are never moved by placement. */
int layout_set(Layout *l, GcId id, float x, float y, int pinned);
/* A scenario's pin: id's home and position, and it forgets a drag. */
int layout_pin(Layout *l, GcId id, float x, float y);
/* Forgets the drag of id: returns 0 and its home in x, y, for the caller
 * to move it there (at once with layout_set, or gliding); -1 if id is
 * unknown or was not dragged.  The card is not moved. */
int layout_unpin(Layout *l, GcId id, float *x, float *y);
/* Whether id is pinned by the scenario or by a drag. */
int layout_is_pinned(const Layout *l, GcId id);
/* Largest reserved size of id (0 x 0 if unknown). */
void layout_reserved(const Layout *l, GcId id, float *w, float *h);
/* The event from which id's card is drawn no more: the first top-level
 * statement after its object's last deallocation or sweep, so at or after
 * its death (gc_died); -1 when never freed or unknown.  Unlike the lifetime
 * placement uses (LayoutItem.gone: from the first deallocation), it holds
 * for an object __del__ brought back.  Set by layout_build for the cards
 * it placed. */
int32_t layout_drawn_until(const Layout *l, GcId id);
void layout_set_drawn_until(Layout *l, GcId id, int32_t until);
GcId layout_max_id(const Layout *l);
/* A number that changes whenever a position or size in l may have
 * changed: whoever keeps something derived from the layout (the
 * renderer's grid of cards) rebuilds it when this differs. */
uint32_t layout_version(const Layout *l);
/* The ids whose entries changed after version v (a drag, a glide): how
 * many changes, their ids written into ids (in order, repeats kept), or -1
 * when they are not known (more than max or LAYOUT_LOG, or a
 * layout_clear since), when whatever was derived at v is made anew. */
#define LAYOUT_LOG 1024
int layout_changed(const Layout *l, uint32_t v, GcId *ids, int max);

/* Size of a card as drawn for kind with nslots fields (tags included),
 * list and tuple cells LAYOUT_CELL_W wide. */
void layout_card_size(int kind, uint32_t nslots, float *w, float *h);
/* The same with cells cell_w wide. */
void layout_card_size_cells(int kind, uint32_t nslots, float cell_w, float *w, float *h);
/* The width of id's list or tuple cells: wide enough for the values its
 * cells show in the run (a short string whole: 'root', not 'ro...'), up to
 * LAYOUT_CELL_W_MAX; LAYOUT_CELL_W if not known. */
float layout_cell_w(const Layout *l, GcId id);
/* Sets it (layout_build does, before placing); 0, or -1 on OOM. */
int layout_set_cell_w(Layout *l, GcId id, float cell_w);
/* A member of an arranged structure (a row, ring or tree of instances) has
 * a compact card: card_w wide (title and reference count, fields cut
 * shorter) and, with no attributes, no body row, so that a structure a
 * lecture draws fits a slide at a readable size.  0, or -1 on OOM. */
int layout_set_compact(Layout *l, GcId id, float card_w);
int layout_is_compact(const Layout *l, GcId id);
/* An interpreter temporary (an argument tuple: gc_event_interpreter_only
 * at its birth) lives inside one statement; a slide's view of the whole
 * run leaves it out.  layout_build marks them.  0, or -1 on OOM. */
int layout_set_temporary(Layout *l, GcId id);
int layout_is_temporary(const Layout *l, GcId id);
/* The size of id's card (layout_card_size_cells with its cells' width; a
 * compact instance's width and height). */
void layout_card_dims(const Layout *l, GcId id, int kind, uint32_t nslots, float *w, float *h);
/* What sizing and placing id's card needs, from one read of its entry: its
 * place (layout_get), its cells' width (layout_cell_w) and its compact
 * card's width (layout_set_compact; 0: not compact); 0, or -1 (nothing
 * written) if id has no place. */
int layout_card_geom(const Layout *l, GcId id, float *x, float *y, float *cell_w, float *card_w);
/* layout_card_dims from what layout_card_geom gave. */
void layout_card_dims_of(int kind, uint32_t nslots, float cell_w, float card_w, float *w, float *h);

/* The top-level step (0-based) since which id has been continuously
 * unreachable at top-level step `step`, or -1 if it is not known to be
 * unreachable then. */
int32_t layout_unreachable_since(const Layout *l, GcId id, int32_t step);
/* Records that id is unreachable over top-level steps [from, to]. */
int layout_add_unreachable(Layout *l, GcId id, int32_t from, int32_t to);

#endif
