/*
 * scenario_json.c: the raw-text side of scenario loading.
 *
 * cJSON builds the tree but keeps no positions, recurses once per nesting
 * level and accepts a few things JSON does not (raw line breaks in strings,
 * "\u0000" that silently cuts a string short, leading zeros).  So before
 * cJSON sees a text, one loop here checks the bytes (UTF-8, no NUL), walks
 * the JSON grammar with an explicit container stack bounded by
 * SCENARIO_MAX_JSON_DEPTH (no recursion), stops at the first problem with a
 * message saying what was expected, and records where every value and key
 * starts.  Values start in text order exactly in the pre-order of cJSON's
 * tree, which is how scenario.c maps nodes to positions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"
#include "scenario_internal.h"

/* ---- bytes ------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at t[i], or 0 if it is invalid. */
static size_t utf8_len(const unsigned char *t, size_t i, size_t len)
{
    unsigned char b = t[i];
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        n = 2;
    else if (b >= 0xE0 && b <= 0xEF) {
        n = 3;
        if (b == 0xE0)
            lo = 0xA0;
        if (b == 0xED)
            hi = 0x9F; /* no UTF-16 surrogates */
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4;
        if (b == 0xF0)
            lo = 0x90;
        if (b == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (i + n > len)
        return 0;
    if (t[i + 1] < lo || t[i + 1] > hi)
        return 0;
    for (size_t k = 2; k < n; k++)
        if ((t[i + k] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* ---- the scan --------------------------------------------------------- */

/* What the grammar expects next. */
enum {
    X_VALUE,          /* top level, or after ':' */
    X_VALUE_OR_END,   /* just after '[' */
    X_ARRAY_VALUE,    /* after ',' in a list */
    X_KEY_OR_END,     /* just after '{' */
    X_KEY,            /* after ',' in an object */
    X_COLON,          /* after a key */
    X_COMMA_OR_END,   /* after a value inside a container */
    X_DONE            /* after the top-level value */
};

typedef struct Scanner {
    const unsigned char *t;
    size_t len;
    ScnScan *out;
    int32_t cap;
    int oom;
} Scanner;

static void set_problem(Scanner *s, int kind, size_t off, const char *fmt, const char *arg)
{
    if (s->out->problem)
        return;
    s->out->problem = kind;
    s->out->problem_off = off;
    snprintf(s->out->problem_msg, sizeof s->out->problem_msg, fmt, arg ? arg : "");
}

static void record(Scanner *s, size_t off, long key)
{
    ScnScan *o = s->out;
    if (GC_VEC_ROOM2(o->val_off, o->key_off, o->nvals, s->cap, 256, realloc) < 0) {
        s->oom = 1;
        return;
    }
    o->val_off[o->nvals] = (int32_t)off;
    o->key_off[o->nvals] = (int32_t)key;
    o->nvals++;
}

static const char *expected(int x, char top, unsigned char c)
{
    switch (x) {
    case X_VALUE:
        return "invalid JSON: expected a value%s";
    case X_VALUE_OR_END:
        return "invalid JSON: expected a value or ']'%s";
    case X_ARRAY_VALUE:
        return c == ']' ? "invalid JSON: trailing comma before ']'%s"
                        : "invalid JSON: expected a value after ','%s";
    case X_KEY_OR_END:
        return "invalid JSON: expected a \"key\" in double quotes or '}'%s";
    case X_KEY:
        return c == '}' ? "invalid JSON: trailing comma before '}'%s"
                        : "invalid JSON: expected a \"key\" in double quotes after ','%s";
    case X_COLON:
        return "invalid JSON: expected ':' after the key%s";
    case X_COMMA_OR_END:
        return top == '{' ? "invalid JSON: expected ',' or '}' after the value%s"
                          : "invalid JSON: expected ',' or ']' after the value%s";
    default:
        return "invalid JSON: unexpected text after the end of the JSON value%s";
    }
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Reads \uXXXX at t[j]; returns the code unit or -1. */
static long read_u(const Scanner *s, size_t j)
{
    long v = 0;
    if (j + 6 > s->len || s->t[j] != '\\' || s->t[j + 1] != 'u')
        return -1;
    for (size_t k = 2; k < 6; k++) {
        int h = hexval(s->t[j + k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Scans the string whose quote is at i; returns the offset just past its
 * closing quote, or 0 after recording a problem. */
static size_t scan_string(Scanner *s, size_t i)
{
    const unsigned char *t = s->t;
    size_t j = i + 1;
    while (j < s->len) {
        unsigned char b = t[j];
        if (b == '"')
            return j + 1;
        if (b == '\\') {
            if (j + 1 >= s->len)
                break;
            unsigned char e = t[j + 1];
            if (strchr("\"\\/bfnrt", e) && e) {
                j += 2;
                continue;
            }
            if (e != 'u') {
                char esc[3] = {'\\', (char)(e >= 0x20 && e < 0x7F ? e : '?'), 0};
                set_problem(s, SCN_P_SYNTAX, j, "invalid JSON: invalid escape '%s' in a string", esc);
                return 0;
            }
            long u = read_u(s, j);
            if (u < 0) {
                set_problem(s, SCN_P_SYNTAX, j,
                            "invalid JSON: '\\u' must be followed by four hex digits%s", NULL);
                return 0;
            }
            if (u == 0) {
                set_problem(s, SCN_P_STRING, j, "a string may not contain \\u0000 (a NUL character)%s",
                            NULL);
                return 0;
            }
            if (u >= 0xD800 && u <= 0xDBFF) {
                long lo = read_u(s, j + 6);
                if (lo < 0xDC00 || lo > 0xDFFF) {
                    set_problem(s, SCN_P_SYNTAX, j, "invalid JSON: unpaired surrogate in '\\u' escape%s",
                                NULL);
                    return 0;
                }
                j += 12;
                continue;
            }
            if (u >= 0xDC00 && u <= 0xDFFF) {
                set_problem(s, SCN_P_SYNTAX, j, "invalid JSON: unpaired surrogate in '\\u' escape%s", NULL);
                return 0;
            }
            j += 6;
            continue;
        }
        if (b == '\n' || b == '\r') {
            set_problem(s, SCN_P_STRING, i,
                        "unterminated string (a string cannot run past the end of the line; "
                        "write a line break as \\n)%s",
                        NULL);
            return 0;
        }
        if (b < 0x20) {
            char hex[8];
            snprintf(hex, sizeof hex, "0x%02X", b);
            set_problem(s, SCN_P_STRING, j, "control character %s in a string (escape it, e.g. \\t)", hex);
            return 0;
        }
        j++;
    }
    set_problem(s, SCN_P_STRING, i, "unterminated string%s", NULL);
    return 0;
}

static int is_word(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c == '.' || c == '+' || c == '-';
}

/* JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int is_number(const unsigned char *p, size_t n)
{
    size_t i = 0;
    if (i < n && p[i] == '-')
        i++;
    if (i < n && p[i] == '0')
        i++;
    else if (i < n && p[i] >= '1' && p[i] <= '9')
        while (i < n && p[i] >= '0' && p[i] <= '9')
            i++;
    else
        return 0;
    if (i < n && p[i] == '.') {
        size_t d = ++i;
        while (i < n && p[i] >= '0' && p[i] <= '9')
            i++;
        if (i == d)
            return 0;
    }
    if (i < n && (p[i] == 'e' || p[i] == 'E')) {
        i++;
        if (i < n && (p[i] == '+' || p[i] == '-'))
            i++;
        size_t d = i;
        while (i < n && p[i] >= '0' && p[i] <= '9')
            i++;
        if (i == d)
            return 0;
    }
    return i == n;
}

/* A word that is not a JSON value: explain the likely slip. */
static void bad_word(Scanner *s, size_t i, size_t n)
{
    char w[40];
    size_t k = n < sizeof w - 1 ? n : sizeof w - 1;
    memcpy(w, s->t + i, k);
    w[k] = 0;
    if (!strcmp(w, "True") || !strcmp(w, "False") || !strcmp(w, "None") || !strcmp(w, "TRUE") ||
        !strcmp(w, "FALSE") || !strcmp(w, "NULL") || !strcmp(w, "Null"))
        set_problem(s, SCN_P_SYNTAX, i,
                    "invalid JSON: '%s' is not a JSON value (JSON writes true, false and null)", w);
    else if ((s->t[i] >= '0' && s->t[i] <= '9') || s->t[i] == '-')
        set_problem(s, SCN_P_SYNTAX, i, "invalid JSON: invalid number '%s'", w);
    else
        set_problem(s, SCN_P_SYNTAX, i, "invalid JSON: '%s' is not a JSON value (strings need double quotes)",
                    w);
}

static void unexpected(Scanner *s, size_t i)
{
    unsigned char c = s->t[i];
    char what[16];
    if (c == '\'') {
        set_problem(s, SCN_P_SYNTAX, i, "invalid JSON: strings need double quotes (\"...\")%s", NULL);
        return;
    }
    if (c == '/' && i + 1 < s->len && (s->t[i + 1] == '/' || s->t[i + 1] == '*')) {
        set_problem(s, SCN_P_SYNTAX, i, "invalid JSON: JSON has no comments%s", NULL);
        return;
    }
    if (c < 0x20 || c == 0x7F)
        snprintf(what, sizeof what, "byte 0x%02X", c);
    else {
        size_t n = utf8_len(s->t, i, s->len);
        if (n == 0)
            n = 1;
        what[0] = '\'';
        memcpy(what + 1, s->t + i, n);
        what[n + 1] = '\'';
        what[n + 2] = 0;
    }
    set_problem(s, SCN_P_SYNTAX, i, "invalid JSON: unexpected %s", what);
}

/* No NUL byte and valid UTF-8; -1 with the problem set. */
static int check_bytes(Scanner *s)
{
    const unsigned char *t = s->t;
    size_t len = s->len;
    for (size_t i = 0; i < len;) {
        size_t n = utf8_len(t, i, len);
        if (t[i] == 0) {
            set_problem(s, SCN_P_ENCODING, i, "NUL byte in the file (is it a binary file?)%s",
                        NULL);
            return -1;
        }
        if (n == 0) {
            char hex[8];
            snprintf(hex, sizeof hex, "0x%02X", t[i]);
            set_problem(s, SCN_P_ENCODING, i, "invalid UTF-8 (byte %s); save the file as UTF-8",
                        hex);
            return -1;
        }
        i += n;
    }
    return 0;
}

/* The end of the text reached with x expected at this depth. */
static void at_end(Scanner *s, int x, int depth, const char *stack)
{
    if (x == X_VALUE && depth == 0)
        set_problem(s, SCN_P_EMPTY, 0, "the file is empty%s", NULL);
    else if (x != X_DONE)
        set_problem(
            s, SCN_P_SYNTAX, s->len,
            depth > 0 && stack[depth - 1] == '{'
                ? "invalid JSON: unexpected end of file (an object is not closed with '}')%s"
                : "invalid JSON: unexpected end of file (a list is not closed with ']')%s",
            NULL);
}

int scn_scan(const char *text, size_t len, ScnScan *out)
{
    Scanner s = {(const unsigned char *)text, len, out, 0, 0};
    const unsigned char *t = s.t;
    char stack[SCENARIO_MAX_JSON_DEPTH + 1];
    int depth = 0, x = X_VALUE;
    long key = -1;
    size_t i = 0;
    memset(out, 0, sizeof *out);

    /* 1. Bytes: no NUL, valid UTF-8. */
    if (check_bytes(&s) < 0)
        return 0;

    /* 2. Grammar, depth and positions. */
    i = (len >= 3 && t[0] == 0xEF && t[1] == 0xBB && t[2] == 0xBF) ? 3 : 0;
    for (;;) {
        while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
            i++;
        if (s.oom)
            return -1;
        if (i >= len) {
            at_end(&s, x, depth, stack);
            return 0;
        }
        unsigned char c = t[i];
        char top = depth ? stack[depth - 1] : 0;
        int want_value = x == X_VALUE || x == X_VALUE_OR_END || x == X_ARRAY_VALUE;
        switch (c) {
        case '{':
        case '[':
            if (!want_value) {
                set_problem(&s, SCN_P_SYNTAX, i, expected(x, top, c), NULL);
                return 0;
            }
            record(&s, i, key);
            key = -1;
            if (depth == SCENARIO_MAX_JSON_DEPTH) {
                char lim[16];
                snprintf(lim, sizeof lim, "%d", SCENARIO_MAX_JSON_DEPTH);
                set_problem(&s, SCN_P_DEPTH, i, "JSON nested more than %s levels deep", lim);
                return 0;
            }
            stack[depth++] = (char)c;
            x = c == '{' ? X_KEY_OR_END : X_VALUE_OR_END;
            i++;
            continue;
        case '}':
        case ']':
            if (!(x == X_COMMA_OR_END && top == (c == '}' ? '{' : '[')) &&
                !(x == X_KEY_OR_END && c == '}') && !(x == X_VALUE_OR_END && c == ']')) {
                set_problem(&s, SCN_P_SYNTAX, i, expected(x, top, c), NULL);
                return 0;
            }
            depth--;
            i++;
            break; /* a value is complete */
        case ',':
            if (x != X_COMMA_OR_END) {
                set_problem(&s, SCN_P_SYNTAX, i, expected(x, top, c), NULL);
                return 0;
            }
            x = top == '{' ? X_KEY : X_ARRAY_VALUE;
            i++;
            continue;
        case ':':
            if (x != X_COLON) {
                set_problem(&s, SCN_P_SYNTAX, i, expected(x, top, c), NULL);
                return 0;
            }
            x = X_VALUE;
            i++;
            continue;
        case '"': {
            if (!want_value && x != X_KEY && x != X_KEY_OR_END) {
                set_problem(&s, SCN_P_SYNTAX, i, expected(x, top, c), NULL);
                return 0;
            }
            size_t end = scan_string(&s, i);
            if (!end)
                return 0;
            if (!want_value) {
                key = (long)i;
                x = X_COLON;
                i = end;
                continue;
            }
            record(&s, i, key);
            key = -1;
            i = end;
            break;
        }
        default: {
            if (!is_word(c) || c == '.' || c == '+') {
                unexpected(&s, i);
                return 0;
            }
            size_t n = 0;
            while (i + n < len && is_word(t[i + n]))
                n++;
            if (!want_value) {
                set_problem(&s, SCN_P_SYNTAX, i, expected(x, top, c), NULL);
                return 0;
            }
            int ok = (n == 4 && !memcmp(t + i, "true", 4)) || (n == 5 && !memcmp(t + i, "false", 5)) ||
                     (n == 4 && !memcmp(t + i, "null", 4)) || is_number(t + i, n);
            if (!ok) {
                bad_word(&s, i, n);
                return 0;
            }
            record(&s, i, key);
            key = -1;
            i += n;
            break;
        }
        }
        /* A value just ended. */
        x = depth == 0 ? X_DONE : X_COMMA_OR_END;
    }
}

void scn_scan_free(ScnScan *s)
{
    if (!s)
        return;
    free(s->val_off);
    free(s->key_off);
    s->val_off = s->key_off = NULL;
    s->nvals = 0;
}

/* ---- lines and columns ------------------------------------------------ */

int scn_lines_init(ScnLines *l, const char *text, size_t len)
{
    int cap = 0;
    memset(l, 0, sizeof *l);
    l->text = text;
    l->len = len;
    if (GC_VEC_ROOM(l->starts, l->nlines, cap, 64, realloc) < 0)
        return -1;
    l->starts[l->nlines++] = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] != '\n')
            continue;
        if (GC_VEC_ROOM(l->starts, l->nlines, cap, 64, realloc) < 0)
            return -1;
        l->starts[l->nlines++] = i + 1;
    }
    l->cur_off = 0;
    l->cur_line = 1;
    l->cur_col = 1;
    return 0;
}

void scn_lines_free(ScnLines *l)
{
    free(l->starts);
    l->starts = NULL;
}

void scn_linecol(ScnLines *l, size_t off, int *line, int *col)
{
    if (off > l->len)
        off = l->len;
    /* Line: the last start <= off. */
    int lo = 0, hi = l->nlines - 1;
    while (lo < hi) {
        int mid = lo + (hi - lo + 1) / 2;
        if (l->starts[mid] <= off)
            lo = mid;
        else
            hi = mid - 1;
    }
    size_t from = l->starts[lo];
    int c = 1;
    if (l->cur_line == lo + 1 && l->cur_off <= off && l->cur_off >= from) {
        from = l->cur_off;
        c = l->cur_col;
    } else if (from == 0 && l->len >= 3 && !memcmp(l->text, "\xEF\xBB\xBF", 3) && off >= 3)
        from = 3; /* a byte-order mark takes no column */
    for (size_t i = from; i < off; i++)
        if (((unsigned char)l->text[i] & 0xC0) != 0x80)
            c++;
    l->cur_off = off;
    l->cur_line = lo + 1;
    l->cur_col = c;
    *line = lo + 1;
    *col = c;
}

/* ---- strings ---------------------------------------------------------- */

size_t scn_string_byte_off(const char *text, size_t len, size_t quote_off, size_t byte)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t j = quote_off + 1, produced = 0;
    while (j < len && t[j] != '"') {
        size_t src, dec;
        if (t[j] == '\\' && j + 1 < len && t[j + 1] == 'u' && j + 6 <= len) {
            long u = 0;
            for (size_t k = 2; k < 6; k++)
                u = u * 16 + (hexval(t[j + k]) & 15);
            if (u >= 0xD800 && u <= 0xDBFF) {
                src = 12;
                dec = 4;
            } else {
                src = 6;
                dec = u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
            }
        } else if (t[j] == '\\') {
            src = 2;
            dec = 1;
        } else {
            src = t[j] < 0x80 ? 1 : t[j] < 0xE0 ? 2 : t[j] < 0xF0 ? 3 : 4;
            dec = src;
        }
        if (byte < produced + dec)
            return j;
        produced += dec;
        j += src;
    }
    return j < len ? j : len;
}

/* ---- suggestions ------------------------------------------------------ */

int scn_edit_distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    int row[65];
    if (na > 64 || nb > 64)
        return 99;
    for (size_t j = 0; j <= nb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= na; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= nb; j++) {
            int up = row[j];
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int best = diag + cost;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}
