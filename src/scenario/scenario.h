/*
 * scenario.h: loading and validating scenario files (DESIGN.md 2).
 *
 * A scenario file is JSON, read with cJSON; no cJSON type leaves this
 * module, and the cJSON tree is freed before scenario_load returns.  Every
 * problem is reported with the file, the line and column in the JSON text,
 * the JSON path (steps[4], functions.make_pair.body[2]) and a message, and
 * everything is validated before the engine is touched.
 */
#ifndef GCVIZ_SCENARIO_H
#define GCVIZ_SCENARIO_H

#include <stddef.h>

#include "lang.h"

#define SCENARIO_MAX_FILE_BYTES (8 * 1024 * 1024)
#define SCENARIO_MAX_JSON_DEPTH 64
#define SCENARIO_MAX_STEPS 100000
#define SCENARIO_MAX_ERRORS 50

typedef struct ScenarioProblem {
    int line, col;     /* 1-based position in the JSON text (0 if unknown) */
    char path[128];    /* JSON path, e.g. "steps[4]" ("" for the whole file) */
    char msg[320];
} ScenarioProblem;

typedef struct ScenarioErrors {
    int count;         /* problems found (may exceed the stored ones) */
    int stored;
    ScenarioProblem items[SCENARIO_MAX_ERRORS];
    int io;            /* 1 if the file could not be read (exit status 3 territory) */
} ScenarioErrors;

/* A manual card position: "layout": {"Node #3": [x, y]} or {"a": [x, y]},
 * in world units (a logical pixel at 100 % zoom; a card is 300 wide), the
 * top-left corner of the card with its name strip, y down. */
typedef struct ScenarioPin {
    const char *key;   /* "Node #3" or a variable name */
    double x, y;
    int line, col; /* where the key is in the file (for check's messages) */
} ScenarioPin;

/* How cards are arranged ("layout": "row" | "tree" | "ring" instead of pins):
 * the default places each card next to the object or name that first refers
 * to it; the others follow the objects' fields (see layout.h). */
typedef enum ScenarioArrange {
    SCENARIO_ARRANGE_DEFAULT,
    SCENARIO_ARRANGE_ROW,
    SCENARIO_ARRANGE_TREE,
    SCENARIO_ARRANGE_RING
} ScenarioArrange;

typedef struct Scenario {
    const char *path;
    const char *name;        /* file name without folder and ".json" */
    const char *title;
    const char *description;
    const char *chapter;     /* optional "chapter" */
    LangProgram *program;    /* owned */
    ScenarioPin *pins;
    int npins;
    ScenarioArrange arrange;
} Scenario;

/* Loads and validates path.  On success returns the scenario; on failure
 * returns NULL and fills errs (each problem formatted by
 * scenario_format_problem). */
Scenario *scenario_load(const char *path, ScenarioErrors *errs);
/* The same from text in memory (name is used in messages as the file). */
Scenario *scenario_load_text(const char *name, const char *text, size_t len, ScenarioErrors *errs);
void scenario_free(Scenario *s);
/* Is this a Python program (a .py file) rather than a JSON scenario? */
int scenario_is_py(const char *path);

/* A chapter of a course folder's table of contents. */
typedef struct ScenarioChapter {
    char file[128];  /* file name in the folder */
    char title[160]; /* "7. Cycles refcounting cannot free" */
} ScenarioChapter;

/* Reads DIR/index.json ({"chapters": [{"file": F, "chapter": T}, ...]})
 * into out, in its order, up to max; entries that are not so are skipped.
 * Returns the number read: 0 when there is no index or it cannot be read. */
int scenario_read_index(const char *dir, ScenarioChapter *out, int max);
/* Writes pins into the file at path as its card arrangement: a .py lesson
 * gets "# pin: KEY X Y" lines at its end (its old ones removed); a JSON
 * scenario its "layout" object (the file is printed again by cJSON).  A
 * JSON "layout" that is an arrangement ("row", ...) is not replaced.
 * Returns 0, or -1 with the reason in err. */
int scenario_save_pins(const char *path, const ScenarioPin *pins, int n, char *err, size_t errn);
/* "FILE:LINE:COL: steps[4]: message" */
void scenario_format_problem(const char *file, const ScenarioProblem *p, char *buf, size_t n);

#endif
