/*
 * scenario_internal.h: what the scenario files share inside the module.
 *
 * scenario_json.c checks the raw text (UTF-8, NUL bytes, nesting depth,
 * strings) before cJSON sees it, and records where every JSON value starts,
 * because cJSON keeps no positions.  The invariant that makes the mapping
 * work: the values of a JSON text start, in text order, in exactly the
 * order of a pre-order walk of the tree cJSON builds from it (duplicate keys
 * included, since cJSON keeps them all), so the k-th recorded offset belongs
 * to the k-th node of that walk.
 */
#ifndef GCVIZ_SCENARIO_INTERNAL_H
#define GCVIZ_SCENARIO_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* What the raw scan learnt about a text. */
typedef struct ScnScan {
    /* Positions, in text order (= cJSON pre-order); valid only if the text
     * is valid JSON. */
    int32_t *val_off;   /* byte offset where each value starts */
    int32_t *key_off;   /* offset of its key's opening quote, -1 if none */
    int32_t nvals;
    /* The first problem in the text, if any: the scan stops there. */
    int problem;        /* SCN_P_* */
    size_t problem_off;
    char problem_msg[200];
} ScnScan;

enum {
    SCN_P_NONE = 0,
    SCN_P_ENCODING,  /* NUL byte or bad UTF-8: cJSON must not see the text */
    SCN_P_DEPTH,     /* too deep: cJSON must not see the text */
    SCN_P_EMPTY,     /* nothing but white space */
    SCN_P_STRING,    /* unterminated string, control character, \u0000 */
    SCN_P_SYNTAX     /* not JSON: the message says what was expected */
};

/* Scans text[0..len) (which may contain anything).  Returns 0, or -1 when
 * out of memory.  Free with scn_scan_free. */
int scn_scan(const char *text, size_t len, ScnScan *out);
void scn_scan_free(ScnScan *s);

/* Line and column (1-based, columns count UTF-8 characters) of byte offset
 * off; a cursor makes increasing offsets on the same line cheap. */
typedef struct ScnLines {
    const char *text;
    size_t len;
    size_t *starts;     /* byte offset where each line starts */
    int nlines;
    size_t cur_off;     /* cursor: cur_off is on line cur_line at column cur_col */
    int cur_line, cur_col;
} ScnLines;
int scn_lines_init(ScnLines *l, const char *text, size_t len); /* 0, or -1 if out of memory */
void scn_lines_free(ScnLines *l);
void scn_linecol(ScnLines *l, size_t off, int *line, int *col);

/* The offset in the file of the character that produced byte `byte` of the
 * decoded JSON string whose opening quote is at quote_off (escapes count as
 * one character).  Offsets past the end map to the closing quote. */
size_t scn_string_byte_off(const char *text, size_t len, size_t quote_off, size_t byte);

/* Levenshtein distance of two short strings (capped at 99). */
int scn_edit_distance(const char *a, const char *b);

#endif
