/*
 * lang_py.c: Python source programs (issue 10): the tokenizer (with
 * indentation, brackets, continuation lines, strings and f-strings) and the
 * recursive-descent parser of the gcviz subset of Python, building the same
 * program (classes, functions, steps, locations) as the JSON form.
 *
 * Start reading at lang_py_compile.  The text is first cut into tokens
 * (tokenize: INDENT/DEDENT/NEWLINE as in CPython's tokenizer), then parsed
 * statement by statement.  Everything outside the language is refused with
 * its line and column and a message that says what is not supported; the
 * first problem stops the compilation, as CPython's SyntaxError does.
 *
 * Invariants the interpreter relies on (beyond lang_parse.c's):
 *  - def appears only at the top level (a function) or in a class body (a
 *    method, named "Class.method"); class only at the top level, with at
 *    most one base, which is a class defined before it;
 *  - class attributes and parameter defaults are constants (folded tuples
 *    included);
 *  - keyword arguments follow the positional ones, each keyword at most
 *    once, in calls of a name or attribute the program binds itself, of
 *    any other expression, or of the names print (sep, end), sorted (key,
 *    reverse), min and max (key) and of an attribute sort (key, reverse)
 *    (refuse_keywords); lang_exec.c checks at run time that the callee
 *    takes them;
 *  - every expression tree is at most LANG_MAX_EXPR_DEPTH deep, and
 *    blocks nest at most LANG_MAX_EXPR_DEPTH deep.
 * Never aborts on bad input: every failure is a reported problem.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "lang_bigint.h"

enum { P_EOF, P_NAME, P_INT, P_STR, P_FSTR, P_OP, P_NEWLINE, P_INDENT, P_DEDENT };

typedef struct PTok {
    uint8_t kind;
    char op[4];                 /* P_OP */
    int line, col;              /* 1-based */
    int32_t off, len;           /* bytes of the token in the text */
    int64_t ival;               /* P_INT */
    int32_t atom;               /* P_NAME, P_STR (decoded text) */
    int32_t body_off, body_len; /* P_FSTR: the text between the quotes */
} PTok;

typedef struct LineInfo {
    uint8_t kind; /* 0 code, 1 blank, 2 comment */
    uint8_t pause;
    int32_t say_off, say_len; /* "# say: text" */
} LineInfo;

typedef struct Py {
    LangProgram *p;
    const char *text;
    int32_t len;
    PTok *toks;
    int32_t ntok, cap, pos;
    LineInfo *lines;
    int nlines;
    int failed, oom;
    int32_t shift; /* an f-string field's parser: where its text is in the program's */
    void (*report)(void *ctx, int line, int col, const char *msg);
    void *ctx;
    int rec; /* expression recursion depth */
    int block_depth;
    /* where the statement being parsed belongs */
    int32_t cur_func;  /* function index, -1 at the top level */
    int lambda_ok;     /* the next parse_test may be a lambda (a key= argument) */
    PTok *stmt_tok;    /* the first token of the top-level statement being parsed */
    int32_t cur_class; /* class being defined, -1 outside */
    int in_loop;
    int32_t owner, index;
    int32_t a_print;
    /* answers of name_bound / attr_defined, by atom and question (each is
     * a walk of the whole program; the names asked about are few) */
    struct {
        int32_t atom;
        int8_t what, answer;
    } memo[256];
    int nmemo;
} Py;

/* ---- problems -------------------------------------------------------- */

static void *fail_at(Py *py, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void *fail_at(Py *py, int line, int col, const char *fmt, ...)
{
    if (py->failed)
        return NULL;
    py->failed = 1;
    char msg[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (py->report)
        py->report(py->ctx, line, col, msg);
    return NULL;
}

#define FAIL_TOK(py, t, ...) fail_at((py), (t)->line, (t)->col, __VA_ARGS__)

static void *oom(Py *py)
{
    py->oom = 1;
    return fail_at(py, 0, 0, "out of memory");
}

static void *alloc(Py *py, size_t n)
{
    void *m = lang_alloc(py->p, n);
    if (!m)
        oom(py);
    return m;
}

static int32_t intern_n(Py *py, const char *s, size_t n)
{
    int32_t a = gc_strtab_intern(lang_atoms(py->p), s, n);
    if (a < 0)
        oom(py);
    return a;
}

/* The atom of an int literal's decimal text, its '_' left out. */
static int32_t big_literal(Py *py, const char *s, int32_t n)
{
    char *t = malloc((size_t)n + 1);
    if (!t)
        return oom(py), -1;
    int32_t k = 0;
    for (int32_t i = 0; i < n; i++)
        if (s[i] != '_')
            t[k++] = s[i];
    int32_t a = intern_n(py, t, (size_t)k);
    free(t);
    return a;
}

static const char *atom_s(Py *py, int32_t a)
{
    return gc_strtab_get(lang_atoms(py->p), a);
}

/* ---- the tokenizer ---------------------------------------------------- */

static PTok *add_tok(Py *py, int kind, int line, int col, int32_t off, int32_t len)
{
    if (GC_VEC_ROOM(py->toks, py->ntok, py->cap, 256, realloc) < 0)
        return oom(py);
    PTok *t = &py->toks[py->ntok++];
    memset(t, 0, sizeof *t);
    t->kind = (uint8_t)kind;
    t->line = line;
    t->col = col;
    t->off = off;
    t->len = len;
    return t;
}

static int is_id_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static int is_id_char(int c)
{
    return is_id_start(c) || (c >= '0' && c <= '9');
}

static const char *const OPS3[] = {"//=", "**=", ">>=", "<<=", "...", NULL};
static const char *const OPS2[] = {"==", "!=", "<=", ">=", "//", "**", "+=", "-=", "*=", "/=",
                                   "%=", "->", ":=", "<<", ">>", "&=", "|=", "^=", "@=", NULL};
static const char OPS1[] = "+-*/%()[]{},:.=<>;@&|^~";

/* Decodes a string literal's body (escapes) into an atom.  Returns -1
 * after reporting a problem. */
static int32_t decode_str(Py *py, int line, int col, const char *s, int32_t n)
{
    char *buf = malloc((size_t)n + 1);
    if (!buf)
        return oom(py), -1;
    int32_t k = 0;
    for (int32_t i = 0; i < n; i++) {
        char c = s[i];
        if (c != '\\') {
            buf[k++] = c;
            continue;
        }
        if (++i >= n)
            break;
        switch (s[i]) {
        case 'n':
            buf[k++] = '\n';
            break;
        case 't':
            buf[k++] = '\t';
            break;
        case '\\':
            buf[k++] = '\\';
            break;
        case '\'':
            buf[k++] = '\'';
            break;
        case '"':
            buf[k++] = '"';
            break;
        case '\n':
            break; /* line continuation inside a string */
        default:
            free(buf);
            fail_at(py, line, col,
                    "the escape sequence '\\%c' is not supported in gcviz programs "
                    "(use \\n, \\t, \\\\, \\' or \\\")",
                    s[i]);
            return -1;
        }
    }
    int32_t a = intern_n(py, buf, (size_t)k);
    free(buf);
    return a;
}

/* Line and column of byte offset off (1-based); slow but only for tokens. */
typedef struct Cursor {
    int32_t off;
    int line, col;
} Cursor;

static void advance_to(const Py *py, Cursor *c, int32_t off)
{
    while (c->off < off) {
        if (py->text[c->off] == '\n') {
            c->line++;
            c->col = 1;
        } else if (((unsigned char)py->text[c->off] & 0xC0) != 0x80) {
            c->col++;
        }
        c->off++;
    }
}

/* The tokenizer's state, shared by its steps: the text and the cursor in
 * it, the indentation stack, the bracket stack (with each bracket's line
 * and column for "never closed"), the physical line, and the line/column
 * cursor of the last token.  The tokens go to py->toks. */
typedef struct Tokenizer {
    Py *py;
    const char *s;
    int32_t n, i;
    int indents[LANG_MAX_EXPR_DEPTH + 2];
    int nind;
    int depth; /* bracket nesting */
    char brackets[LANG_MAX_EXPR_DEPTH + 1];
    int bline[LANG_MAX_EXPR_DEPTH + 1], bcol[LANG_MAX_EXPR_DEPTH + 1];
    Cursor cur;
    int line;
    int at_line_start;
} Tokenizer;

/* What a step of the tokenizer did. */
enum { TK_NONE, TK_DONE, TK_END, TK_FAIL = -1 };

/* A comment line at s[j] (the '#'): notes "# say: text" and "# pause" for
 * the line.  Returns the offset of the line's end. */
static int32_t tk_comment_line(Tokenizer *tk, int32_t j)
{
    const char *s = tk->s;
    int32_t n = tk->n;
    LineInfo *li = &tk->py->lines[tk->line - 1];
    int32_t e = j;
    while (e < n && s[e] != '\n')
        e++;
    int32_t b = j + 1;
    while (b < e && s[b] == ' ')
        b++;
    int32_t te = e;
    while (te > b && (s[te - 1] == ' ' || s[te - 1] == '\r'))
        te--;
    if (te - b >= 4 && strncmp(s + b, "say:", 4) == 0) {
        int32_t sb = b + 4;
        while (sb < te && s[sb] == ' ')
            sb++;
        li->say_off = sb;
        li->say_len = te - sb;
    } else if (te - b == 5 && strncmp(s + b, "pause", 5) == 0) {
        li->pause = 1;
    }
    return e;
}

/* INDENT or DEDENTs for a logical line indented by width, its first token
 * at j. */
static int tk_indent(Tokenizer *tk, int width, int32_t j)
{
    Py *py = tk->py;
    Cursor *cur = &tk->cur;
    advance_to(py, cur, j);
    if (width > tk->indents[tk->nind - 1]) {
        if (tk->nind > LANG_MAX_EXPR_DEPTH)
            return fail_at(py, cur->line, cur->col, "blocks nest too deep (at most %d levels)",
                           LANG_MAX_EXPR_DEPTH),
                   TK_FAIL;
        tk->indents[tk->nind++] = width;
        if (!add_tok(py, P_INDENT, cur->line, cur->col, j, 0))
            return TK_FAIL;
    } else {
        while (width < tk->indents[tk->nind - 1]) {
            tk->nind--;
            if (!add_tok(py, P_DEDENT, cur->line, cur->col, j, 0))
                return TK_FAIL;
        }
        if (width != tk->indents[tk->nind - 1])
            return fail_at(py, cur->line, cur->col,
                           "unindent does not match any outer indentation level"),
                   TK_FAIL;
    }
    return TK_NONE;
}

/* The start of a logical line: measures its indentation; a blank or
 * comment line is passed over (TK_DONE, or TK_END at the end of the
 * text), else INDENT/DEDENTs (TK_NONE). */
static int tk_line_start(Tokenizer *tk)
{
    Py *py = tk->py;
    const char *s = tk->s;
    int32_t n = tk->n, j = tk->i;
    int width = 0;
    while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\f')) {
        if (s[j] == '\t') {
            advance_to(py, &tk->cur, j);
            return fail_at(py, tk->cur.line, tk->cur.col,
                           "a tab in the indentation: gcviz programs are indented with spaces"),
                   TK_FAIL;
        }
        width++;
        j++;
    }
    int blank =
        j >= n || s[j] == '\n' || s[j] == '#' || (s[j] == '\r' && j + 1 < n && s[j + 1] == '\n');
    if (tk->line - 1 < py->nlines && blank)
        py->lines[tk->line - 1].kind = (j < n && s[j] == '#') ? 2 : 1;
    if (blank) {
        if (j < n && s[j] == '#')
            j = tk_comment_line(tk, j);
        if (j >= n)
            return TK_END;
        tk->i = j + 1; /* the newline */
        tk->line++;
        return TK_DONE;
    }
    if (tk_indent(tk, width, j) < 0)
        return TK_FAIL;
    tk->i = j;
    tk->at_line_start = 0;
    return TK_NONE;
}

/* White space, a comment, a continuation line or a newline at s[i]:
 * passed over (a NEWLINE token outside brackets); TK_DONE, or TK_NONE when
 * s[i] is none of them. */
static int tk_space(Tokenizer *tk, char c)
{
    const char *s = tk->s;
    int32_t n = tk->n, i = tk->i;
    if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
        tk->i++;
        return TK_DONE;
    }
    if (c == '#') {
        while (i < n && s[i] != '\n')
            i++;
        tk->i = i;
        return TK_DONE;
    }
    if (c == '\\' && i + 1 < n &&
        (s[i + 1] == '\n' || (s[i + 1] == '\r' && i + 2 < n && s[i + 2] == '\n'))) {
        tk->i += s[i + 1] == '\n' ? 2 : 3;
        tk->line++;
        return TK_DONE;
    }
    if (c == '\n') {
        if (tk->depth == 0) {
            advance_to(tk->py, &tk->cur, i);
            if (!add_tok(tk->py, P_NEWLINE, tk->cur.line, tk->cur.col, i, 1))
                return TK_FAIL;
            tk->at_line_start = 1;
        }
        tk->i++;
        tk->line++;
        return TK_DONE;
    }
    return TK_NONE;
}

/* A string's prefix at s[i] (line tl, column tc): *q is where its quote
 * would be, *fstr set for f'...'; the prefixes outside the subset fail. */
static int tk_string_prefix(Tokenizer *tk, char c, int tl, int tc, int32_t *q, int *fstr)
{
    const char *s = tk->s;
    int32_t n = tk->n, i = tk->i;
    if ((c == 'f' || c == 'F') && i + 1 < n && (s[i + 1] == '\'' || s[i + 1] == '"')) {
        *fstr = 1;
        *q = i + 1;
    } else if (is_id_start((unsigned char)c) && i + 1 < n &&
               (s[i + 1] == '\'' || s[i + 1] == '"') && strchr("rRbBuU", c)) {
        return fail_at(tk->py, tl, tc,
                       "string prefix '%c' is not supported in gcviz programs (plain and "
                       "f-strings only)",
                       c),
               TK_FAIL;
    } else if (is_id_start((unsigned char)c) && i + 2 < n && strchr("rRbBfF", c) &&
               strchr("rRbBfF", s[i + 1]) && (s[i + 2] == '\'' || s[i + 2] == '"')) {
        return fail_at(tk->py, tl, tc, "string prefix '%c%c' is not supported in gcviz programs", c,
                       s[i + 1]),
               TK_FAIL;
    }
    return TK_NONE;
}

/* A string literal from s[i], its quote at s[q] (after an f prefix when
 * fstr): a P_STR token with its decoded atom, or a P_FSTR with its body. */
static int tk_string(Tokenizer *tk, int32_t q, int fstr, int tl, int tc)
{
    Py *py = tk->py;
    const char *s = tk->s;
    int32_t n = tk->n, i = tk->i;
    char qc = s[q];
    int triple = q + 2 < n && s[q + 1] == qc && s[q + 2] == qc;
    int32_t b = q + (triple ? 3 : 1), e = b;
    for (;;) {
        if (e >= n || (!triple && s[e] == '\n'))
            return fail_at(py, tl, tc, "unterminated string literal"), TK_FAIL;
        if (s[e] == '\\') {
            if (e + 1 < n && s[e + 1] == '\n')
                tk->line++;
            e += 2;
            continue;
        }
        if (s[e] == '\n')
            tk->line++;
        if (s[e] == qc && (!triple || (e + 2 < n && s[e + 1] == qc && s[e + 2] == qc)))
            break;
        e++;
    }
    int32_t end = e + (triple ? 3 : 1);
    PTok *t = add_tok(py, fstr ? P_FSTR : P_STR, tl, tc, i, end - i);
    if (!t)
        return TK_FAIL;
    if (fstr) {
        if (triple)
            return fail_at(py, tl, tc,
                           "triple-quoted f-strings are not supported in gcviz programs"),
                   TK_FAIL;
        t->body_off = b;
        t->body_len = e - b;
    } else {
        t->atom = decode_str(py, tl, tc, s + b, e - b);
        if (t->atom < 0)
            return TK_FAIL;
    }
    tk->i = end;
    return TK_DONE;
}

/* A name or keyword from s[i]: a P_NAME token with its atom. */
static int tk_name(Tokenizer *tk, int tl, int tc)
{
    Py *py = tk->py;
    const char *s = tk->s;
    int32_t i = tk->i, e = i;
    while (e < tk->n && is_id_char((unsigned char)s[e]))
        e++;
    if (e - i > LANG_MAX_IDENT_LEN)
        return fail_at(py, tl, tc, "name too long (at most %d characters)", LANG_MAX_IDENT_LEN),
               TK_FAIL;
    PTok *t = add_tok(py, P_NAME, tl, tc, i, e - i);
    if (!t || (t->atom = intern_n(py, s + i, (size_t)(e - i))) < 0)
        return TK_FAIL;
    tk->i = e;
    return TK_DONE;
}

/* A decimal int literal from s[i]: a P_INT token (LANG_INT_BIG with its
 * digits' atom past GC_INT_MAX); other number forms fail. */
static int tk_number(Tokenizer *tk, char c, int tl, int tc)
{
    Py *py = tk->py;
    const char *s = tk->s;
    int32_t n = tk->n, i = tk->i, e = i, digits = 0;
    int64_t v = 0;
    if (c == '0' && e + 1 < n && strchr("xXoObB", s[e + 1]))
        return fail_at(py, tl, tc, "only decimal integers are supported in gcviz programs"),
               TK_FAIL;
    while (e < n && ((s[e] >= '0' && s[e] <= '9') || s[e] == '_')) {
        if (s[e] != '_') {
            if (v < GC_INT_MAX) /* beyond it the literal is big: v stops growing */
                v = v * 10 + (s[e] - '0');
            digits++;
        }
        e++;
    }
    if (digits > LBIG_MAX_DIGITS)
        return fail_at(py, tl, tc,
                       "Exceeds the limit (%d digits) for integer string conversion: "
                       "value has %d digits",
                       LBIG_MAX_DIGITS, (int)digits),
               TK_FAIL;
    if (e < n && (s[e] == '.' || s[e] == 'e' || s[e] == 'E' || s[e] == 'j' || s[e] == 'J'))
        return fail_at(py, tl, tc,
                       "floats and complex numbers are not supported in gcviz programs "
                       "(ints only)"),
               TK_FAIL;
    if (e < n && is_id_char((unsigned char)s[e]))
        return fail_at(py, tl, tc, "invalid decimal literal"), TK_FAIL;
    PTok *t = add_tok(py, P_INT, tl, tc, i, e - i);
    if (!t)
        return TK_FAIL;
    t->ival = v;
    if (v >= GC_INT_MAX && (t->atom = big_literal(py, s + i, e - i)) < 0)
        return TK_FAIL;
    if (v >= GC_INT_MAX)
        t->ival = LANG_INT_BIG;
    tk->i = e;
    return TK_DONE;
}

/* An opening or closing bracket c at line tl, column tc: pushed on or
 * popped off the bracket stack, which it must match. */
static int tk_bracket(Tokenizer *tk, char c, int tl, int tc)
{
    Py *py = tk->py;
    if (strchr("([{", c)) {
        if (tk->depth >= LANG_MAX_EXPR_DEPTH)
            return fail_at(py, tl, tc, "brackets nest too deep (at most %d levels)",
                           LANG_MAX_EXPR_DEPTH),
                   TK_FAIL;
        tk->bline[tk->depth] = tl;
        tk->bcol[tk->depth] = tc;
        tk->brackets[tk->depth++] = c;
    } else if (strchr(")]}", c)) {
        char open = c == ')' ? '(' : c == ']' ? '[' : '{';
        if (tk->depth == 0)
            return fail_at(py, tl, tc, "unmatched '%c'", c), TK_FAIL;
        if (tk->brackets[tk->depth - 1] != open)
            return fail_at(py, tl, tc,
                           "closing parenthesis '%c' does not match opening parenthesis '%c'", c,
                           tk->brackets[tk->depth - 1]),
                   TK_FAIL;
        tk->depth--;
    }
    return TK_NONE;
}

/* An operator or bracket from s[i] (the longest of OPS3, OPS2, OPS1): a
 * P_OP token; any other character fails. */
static int tk_operator(Tokenizer *tk, char c, int tl, int tc)
{
    Py *py = tk->py;
    const char *s = tk->s;
    int32_t n = tk->n, i = tk->i;
    int olen = 0;
    for (int k = 0; OPS3[k] && !olen; k++)
        if (i + 3 <= n && strncmp(s + i, OPS3[k], 3) == 0)
            olen = 3;
    for (int k = 0; OPS2[k] && !olen; k++)
        if (i + 2 <= n && strncmp(s + i, OPS2[k], 2) == 0)
            olen = 2;
    if (!olen && strchr(OPS1, c))
        olen = 1;
    if (!olen) {
        if (c == '!')
            return fail_at(py, tl, tc, "invalid syntax: '!' (use 'not' or '!=')"), TK_FAIL;
        return fail_at(py, tl, tc, "invalid character '%c' (U+%04X)", c >= 32 ? c : '?',
                       (unsigned)(unsigned char)c),
               TK_FAIL;
    }
    if (olen == 1 && tk_bracket(tk, c, tl, tc) < 0)
        return TK_FAIL;
    PTok *t = add_tok(py, P_OP, tl, tc, i, olen);
    if (!t)
        return TK_FAIL;
    memcpy(t->op, s + i, (size_t)olen);
    t->op[olen] = 0;
    tk->i += olen;
    return TK_DONE;
}

/* The token that starts at s[i], not white space: a string, a name, a
 * number or an operator. */
static int tk_token(Tokenizer *tk, char c)
{
    advance_to(tk->py, &tk->cur, tk->i);
    int tl = tk->cur.line, tc = tk->cur.col;
    int fstr = 0;
    int32_t q = tk->i;
    if (tk_string_prefix(tk, c, tl, tc, &q, &fstr) < 0)
        return TK_FAIL;
    if (tk->s[q] == '\'' || tk->s[q] == '"')
        return tk_string(tk, q, fstr, tl, tc);
    if (is_id_start((unsigned char)c))
        return tk_name(tk, tl, tc);
    if ((unsigned char)c >= 0x80)
        return fail_at(tk->py, tl, tc,
                       "non-ASCII characters are only supported in strings and comments"),
               TK_FAIL;
    if (c >= '0' && c <= '9')
        return tk_number(tk, c, tl, tc);
    return tk_operator(tk, c, tl, tc);
}

/* The end of the text: a bracket never closed fails; else the last
 * NEWLINE, the DEDENTs of the open blocks and EOF. */
static int tk_finish(Tokenizer *tk)
{
    Py *py = tk->py;
    Cursor *cur = &tk->cur;
    advance_to(py, cur, tk->n);
    if (tk->depth > 0)
        return fail_at(py, tk->bline[tk->depth - 1], tk->bcol[tk->depth - 1],
                       "'%c' was never closed", tk->brackets[tk->depth - 1]),
               -1;
    if (py->ntok > 0 && py->toks[py->ntok - 1].kind != P_NEWLINE &&
        py->toks[py->ntok - 1].kind != P_DEDENT)
        if (!add_tok(py, P_NEWLINE, cur->line, cur->col, tk->n, 0))
            return -1;
    while (tk->nind > 1) {
        tk->nind--;
        if (!add_tok(py, P_DEDENT, cur->line, cur->col, tk->n, 0))
            return -1;
    }
    return add_tok(py, P_EOF, cur->line, cur->col, tk->n, 0) ? 0 : -1;
}

/* Cuts py->text into py->toks: INDENT/DEDENT/NEWLINE as in CPython's
 * tokenizer, brackets joining lines, and the say/pause notes of comment
 * lines into py->lines.  0, or -1 after reporting a problem. */
static int tokenize(Py *py)
{
    Tokenizer tk = {.py = py,
                    .s = py->text,
                    .n = py->len,
                    .nind = 1,
                    .cur = {0, 1, 1},
                    .line = 1,
                    .at_line_start = 1};
    tk.indents[0] = 0;
    while (tk.i <= tk.n && !py->failed) {
        if (tk.at_line_start && tk.depth == 0) {
            int r = tk_line_start(&tk);
            if (r == TK_FAIL)
                return -1;
            if (r == TK_END)
                break;
            if (r == TK_DONE)
                continue;
        }
        if (tk.i >= tk.n)
            break;
        char c = tk.s[tk.i];
        int r = tk_space(&tk, c);
        if (r == TK_NONE)
            r = tk_token(&tk, c);
        if (r == TK_FAIL)
            return -1;
    }
    if (py->failed)
        return -1;
    return tk_finish(&tk);
}

/* ---- parser helpers ---------------------------------------------------- */

static PTok *peek(Py *py)
{
    return &py->toks[py->pos];
}
static PTok *peek_at(Py *py, int k)
{
    int32_t i = py->pos + k;
    return &py->toks[i < py->ntok ? i : py->ntok - 1];
}
static PTok *next(Py *py)
{
    PTok *t = &py->toks[py->pos];
    if (py->pos < py->ntok - 1)
        py->pos++;
    return t;
}
static int is_op(const PTok *t, const char *op)
{
    return t->kind == P_OP && strcmp(t->op, op) == 0;
}
static int is_word(Py *py, const PTok *t, const char *w)
{
    return t->kind == P_NAME && t->len == (int32_t)strlen(w) &&
           strncmp(py->text + t->off, w, (size_t)t->len) == 0;
}

static int accept_op(Py *py, const char *op)
{
    if (is_op(peek(py), op)) {
        next(py);
        return 1;
    }
    return 0;
}

static const char *const KEYWORDS[] = {
    "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
    "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
    "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
    "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield",    NULL};

int lang_is_py_keyword(const char *s, size_t n)
{
    for (int i = 0; KEYWORDS[i]; i++)
        if (strlen(KEYWORDS[i]) == n && strncmp(s, KEYWORDS[i], n) == 0)
            return 1;
    return 0;
}

static int is_keyword(Py *py, const PTok *t)
{
    return t->kind == P_NAME && lang_is_py_keyword(py->text + t->off, (size_t)t->len);
}

/* The message for a keyword the language does not have. */
static void *refuse_keyword(Py *py, const PTok *t)
{
    static const struct {
        const char *w, *msg;
    } K[] = {
        {"lambda", "lambda is supported only as 'name = lambda ...: ...' and as the key= of "
                   "sorted, min, max and list.sort at the top level of gcviz programs (elsewhere "
                   "its function object can live on or capture names, which gcviz does not "
                   "model): bind it to a name first (on_free = lambda ref: ...; "
                   "weakref.ref(x, on_free)) or use def"},
        {"yield", "generators (yield) are not supported in gcviz programs"},
        {"async", "async is not supported in gcviz programs"},
        {"await", "await is not supported in gcviz programs"},
        {"with", "the with statement is not supported in gcviz programs"},
        {"except", "invalid syntax: 'except' without a matching try"},
        {"finally", "invalid syntax: 'finally' without a matching try"},
        {"nonlocal", "nonlocal is not supported in gcviz programs"},
        {"from", "from ... import is not supported: write import gc, import sys or import weakref"},
        {"as", "'as' is not supported in gcviz programs"},
        {NULL, NULL}};
    for (int i = 0; K[i].w; i++)
        if (is_word(py, t, K[i].w))
            return FAIL_TOK(py, t, "%s", K[i].msg);
    return FAIL_TOK(py, t, "invalid syntax: unexpected '%.*s'", t->len, py->text + t->off);
}

static void *unexpected(Py *py, const PTok *t)
{
    switch (t->kind) {
    case P_EOF:
        return FAIL_TOK(py, t, "invalid syntax: unexpected end of file");
    case P_NEWLINE:
        return FAIL_TOK(py, t, "invalid syntax: unexpected end of line");
    case P_INDENT:
        return FAIL_TOK(py, t, "unexpected indent");
    case P_DEDENT:
        return FAIL_TOK(py, t, "unexpected unindent");
    case P_NAME:
        if (is_keyword(py, t))
            return refuse_keyword(py, t);
        break;
    case P_OP:
        if (is_op(t, "**"))
            return FAIL_TOK(py, t, "the power operator ** is not supported in gcviz programs");
        if (is_op(t, "/"))
            return FAIL_TOK(py, t,
                            "true division / makes floats, which gcviz does not support: use //");
        if (is_op(t, ":="))
            return FAIL_TOK(py, t,
                            "assignment expressions (:=) are not supported in gcviz programs");
        if (is_op(t, "@"))
            return FAIL_TOK(py, t, "decorators and @ are not supported in gcviz programs");
        if (is_op(t, "..."))
            return FAIL_TOK(py, t, "Ellipsis (...) is not supported in gcviz programs (use pass)");
        if (strchr("&|^~<>", t->op[0]) && !is_op(t, "<") && !is_op(t, ">") && !is_op(t, "<=") &&
            !is_op(t, ">="))
            return FAIL_TOK(py, t, "bitwise operator '%s' is not supported in gcviz programs",
                            t->op);
        break;
    default:
        break;
    }
    return FAIL_TOK(py, t, "invalid syntax: unexpected '%.*s'", t->len > 24 ? 24 : t->len,
                    py->text + t->off);
}

static int expect_op(Py *py, const char *op)
{
    if (accept_op(py, op))
        return 0;
    PTok *t = peek(py);
    if (t->kind == P_OP || t->kind == P_NAME || t->kind == P_INT || t->kind == P_STR)
        FAIL_TOK(py, t, "invalid syntax: expected '%s'", op);
    else
        unexpected(py, t);
    return -1;
}

static LangExpr *new_expr(Py *py, int kind, const PTok *at)
{
    LangExpr *e = alloc(py, sizeof *e);
    if (!e)
        return NULL;
    e->kind = (uint8_t)kind;
    e->col = at ? at->col : 0;
    e->line = at ? at->line : 0;
    e->off = at ? at->off + py->shift : 0;
    e->end = at ? at->off + at->len + py->shift : 0;
    return e;
}

/* The byte after the last token consumed. */
static int32_t prev_end(const Py *py)
{
    const PTok *t = &py->toks[py->pos > 0 ? py->pos - 1 : 0];
    return t->off + t->len + py->shift;
}

/* e spans the tokens from first to the last consumed, as CPython's node
 * made by the same rule does (a parenthesised operand inside it too). */
static LangExpr *span(Py *py, LangExpr *e, const PTok *first)
{
    if (e) {
        e->off = first->off + py->shift;
        e->end = prev_end(py);
    }
    return e;
}

/* A growable list of pointers, copied into the arena when done. */
typedef struct PList {
    void **v;
    int32_t n, cap;
} PList;

static int plist_add(Py *py, PList *l, void *x)
{
    if (GC_VEC_ROOM(l->v, l->n, l->cap, 8, realloc) < 0)
        return oom(py), -1;
    l->v[l->n++] = x;
    return 0;
}

static void **plist_done(Py *py, PList *l)
{
    void **out = NULL;
    if (l->n > 0) {
        out = alloc(py, (size_t)l->n * sizeof *out);
        if (out)
            memcpy(out, l->v, (size_t)l->n * sizeof *out);
    }
    free(l->v);
    l->v = NULL;
    l->cap = 0;
    return out;
}

/* ---- constants: repr of a folded tuple ------------------------------- */

typedef struct SBuf {
    char s[1024];
    size_t n;
    int over;
} SBuf;

static void sb_put(SBuf *b, const char *s, size_t n)
{
    if (b->n + n >= sizeof b->s) {
        b->over = 1;
        return;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}
static void sb_str(SBuf *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

static void sb_repr_str(SBuf *b, const char *s)
{
    char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';
    sb_put(b, &q, 1);
    for (; *s; s++) {
        if (*s == '\\')
            sb_str(b, "\\\\");
        else if (*s == '\n')
            sb_str(b, "\\n");
        else if (*s == '\t')
            sb_str(b, "\\t");
        else if (*s == q) {
            sb_put(b, "\\", 1);
            sb_put(b, s, 1);
        } else
            sb_put(b, s, 1);
    }
    sb_put(b, &q, 1);
}

static int is_const(const LangExpr *e)
{
    return e->kind == LANG_E_NONE || e->kind == LANG_E_BOOL || e->kind == LANG_E_INT ||
           e->kind == LANG_E_STR || (e->kind == LANG_E_TUPLE && e->is_const);
}

/* CPython folds a tuple display of constants into one constant. */
static void fold_tuple(Py *py, LangExpr *e)
{
    for (int32_t i = 0; i < e->nitems; i++)
        if (!is_const(e->items[i]))
            return;
    SBuf b = {{0}, 0, 0};
    sb_str(&b, "(");
    for (int32_t i = 0; i < e->nitems; i++) {
        const LangExpr *it = e->items[i];
        char num[32];
        if (i)
            sb_str(&b, ", ");
        switch (it->kind) {
        case LANG_E_NONE:
            sb_str(&b, "None");
            break;
        case LANG_E_BOOL:
            sb_str(&b, it->ival ? "True" : "False");
            break;
        case LANG_E_INT:
            snprintf(num, sizeof num, "%lld", (long long)it->ival);
            sb_str(&b, it->ival == LANG_INT_BIG ? atom_s(py, it->atom) : num);
            break;
        case LANG_E_STR:
            sb_repr_str(&b, atom_s(py, it->atom));
            break;
        default:
            sb_str(&b, atom_s(py, it->atom));
            break;
        }
    }
    sb_str(&b, e->nitems == 1 ? ",)" : ")");
    if (b.over)
        return; /* too long to fold: built at run time instead */
    int32_t a = intern_n(py, b.s, b.n);
    if (a < 0)
        return;
    e->is_const = 1;
    e->atom = a;
}

/* CPython's AST optimizer (fold_iter in Python/ast_opt.c) turns a list
 * display that is iterated by a for loop or is the right operand of the
 * last `in`/`not in` of a comparison into a tuple display, folded into a
 * constant when its items are constants: no list is made. */
static void fold_iter(Py *py, LangExpr *e)
{
    if (!e || e->kind != LANG_E_LIST)
        return;
    e->kind = LANG_E_TUPLE;
    e->is_const = 0;
    fold_tuple(py, e);
}

/* ---- expressions ------------------------------------------------------- */

static LangExpr *parse_test(Py *py);
static LangExpr *new_expr(Py *py, int kind, const PTok *at);
static LangExpr *parse_fstring(Py *py, const PTok *t);

static int enter(Py *py, const PTok *t)
{
    if (++py->rec > LANG_MAX_EXPR_DEPTH) {
        FAIL_TOK(py, t, "expression nested too deep (at most %d levels)", LANG_MAX_EXPR_DEPTH);
        return -1;
    }
    return 0;
}

static LangExpr *parse_trailers(Py *py);
static LangExpr *parse_boolop(Py *py, int op);
static int check_target(Py *py, LangExpr *e, const char *what);

/* ---- comprehensions (PEP 709: inlined) ---------------------------------- */

/* A growable list of atoms. */
typedef struct AList {
    int32_t *v;
    int32_t n, cap;
} AList;

static int alist_has(const AList *l, int32_t a)
{
    for (int32_t i = 0; i < l->n; i++)
        if (l->v[i] == a)
            return 1;
    return 0;
}

static int alist_add(Py *py, AList *l, int32_t a)
{
    if (alist_has(l, a))
        return 0;
    if (GC_VEC_ROOM(l->v, l->n, l->cap, 8, realloc) < 0)
        return oom(py), -1;
    l->v[l->n++] = a;
    return 0;
}

/* The target of a comprehension's for: a name or names (a, b), up to 'in'. */
static LangExpr *parse_comp_target(Py *py)
{
    PList ts = {0};
    PTok *t0 = peek(py);
    int comma = 0;
    do {
        PTok *t = peek(py);
        LangExpr *x = parse_trailers(py);
        if (x && x->kind != LANG_E_NAME) {
            if (check_target(py, x, "for") == 0)
                FAIL_TOK(py, t,
                         "a comprehension's loop variable must be a name (or names: a, b) in "
                         "gcviz programs");
            x = NULL;
        }
        if (!x || plist_add(py, &ts, x) < 0) {
            free(ts.v);
            return NULL;
        }
        comma = accept_op(py, ",");
    } while (comma && !is_word(py, peek(py), "in"));
    if (ts.n == 1 && !comma) {
        LangExpr *x = ts.v[0];
        free(ts.v);
        return x;
    }
    LangExpr *e = new_expr(py, LANG_E_TUPLE, t0);
    if (!e) {
        free(ts.v);
        return NULL;
    }
    e->nitems = ts.n;
    e->items = (LangExpr **)plist_done(py, &ts);
    return e;
}

/* One generator: for target in iterable [if cond]...  (the iterable and
 * the conditions are disjunctions, as in Python's grammar; a list display
 * iterated is a tuple, fold_iter). */
static LangExpr *parse_comp_for(Py *py)
{
    PTok *t = next(py); /* for */
    LangExpr *g = new_expr(py, LANG_E_COMPFOR, t);
    if (!g || !(g->index = parse_comp_target(py)))
        return NULL;
    if (!is_word(py, peek(py), "in"))
        return FAIL_TOK(py, peek(py), "invalid syntax: expected 'in'");
    next(py);
    if (!(g->base = parse_boolop(py, LANG_OP_OR)))
        return NULL;
    fold_iter(py, g->base);
    PList ifs = {0};
    while (is_word(py, peek(py), "if") && !py->failed) {
        next(py);
        LangExpr *c = parse_boolop(py, LANG_OP_OR);
        if (!c || plist_add(py, &ifs, c) < 0)
            break;
    }
    if (py->failed) {
        free(ifs.v);
        return NULL;
    }
    g->nitems = ifs.n;
    g->items = (LangExpr **)plist_done(py, &ifs);
    return g;
}

static void comp_scope_mentions(LangExpr *e, AList *m, PList *kids, Py *py);

/* The names x mentions in the scope being walked, in the order CPython's
 * symbol table meets them; a nested comprehension contributes its first
 * iterable (evaluated in this scope) and goes into kids. */
static void mentions(LangExpr *x, AList *m, PList *kids, Py *py)
{
    if (!x || py->failed)
        return;
    switch (x->kind) {
    case LANG_E_NAME:
        alist_add(py, m, x->atom);
        return;
    case LANG_E_LISTCOMP:
    case LANG_E_DICTCOMP:
        mentions(x->items[0]->base, m, kids, py);
        plist_add(py, kids, x);
        return;
    case LANG_E_DICT:
        for (int32_t i = 0; i < x->nitems; i++) {
            mentions(x->keys[i], m, kids, py);
            mentions(x->items[i], m, kids, py);
        }
        return;
    default:
        mentions(x->base, m, kids, py);
        mentions(x->index, m, kids, py);
        for (int32_t i = 0; i < x->nitems; i++)
            mentions(x->items[i], m, kids, py);
        return;
    }
}

/* symtable_handle_comprehension's order: the first target and
 * conditions, then each later generator's target, iterable and
 * conditions, then the value (a dict's) and the element (or key). */
static void comp_scope_mentions(LangExpr *e, AList *m, PList *kids, Py *py)
{
    int32_t ng = (int32_t)e->ival;
    for (int32_t g = 0; g < ng; g++) {
        LangExpr *gen = e->items[g];
        mentions(gen->index, m, kids, py);
        if (g > 0)
            mentions(gen->base, m, kids, py);
        for (int32_t i = 0; i < gen->nitems; i++)
            mentions(gen->items[i], m, kids, py);
    }
    if (e->kind == LANG_E_DICTCOMP)
        mentions(e->items[ng + 1], m, kids, py);
    mentions(e->items[ng], m, kids, py);
}

static void target_names(const LangExpr *t, AList *out, Py *py)
{
    if (t->kind == LANG_E_NAME)
        alist_add(py, out, t->atom);
    else
        for (int32_t i = 0; i < t->nitems; i++)
            target_names(t->items[i], out, py);
}

/* The variables comprehension e binds, saved before it and restored after
 * it (push_inlined_comprehension_state): its targets in the order its
 * scope mentions them, then its nested comprehensions' ones not mentioned
 * (inline_comprehension copies a nested scope's names it lacks).  A name
 * a nested comprehension binds and e uses otherwise is refused. */
static int comp_locals(Py *py, LangExpr *e)
{
    AList m = {0}, targets = {0}, locals = {0};
    PList kids = {0};
    comp_scope_mentions(e, &m, &kids, py);
    for (int32_t g = 0; g < (int32_t)e->ival; g++)
        target_names(e->items[g]->index, &targets, py);
    for (int32_t i = 0; i < m.n; i++)
        if (alist_has(&targets, m.v[i]))
            alist_add(py, &locals, m.v[i]);
    for (int32_t k = 0; k < kids.n && !py->failed; k++) {
        LangExpr *kid = kids.v[k];
        for (int32_t i = 0; i < kid->nlocals && !py->failed; i++) {
            int32_t a = kid->ops[i];
            if (alist_has(&m, a) && !alist_has(&targets, a))
                fail_at(py, kid->line, kid->col,
                        "the name '%s' is bound by a nested comprehension and used by the "
                        "comprehension around it: not supported in gcviz programs (rename one)",
                        atom_s(py, a));
            else
                alist_add(py, &locals, a);
        }
    }
    if (!py->failed && locals.n > 0) {
        e->ops = alloc(py, (size_t)locals.n * sizeof *e->ops);
        if (e->ops)
            memcpy(e->ops, locals.v, (size_t)locals.n * sizeof *e->ops);
        e->nlocals = locals.n;
    }
    free(m.v);
    free(targets.v);
    free(locals.v);
    free(kids.v);
    return py->failed ? -1 : 0;
}

/* The rest of a comprehension whose element (or key and value) is parsed
 * and whose 'for' is next: the generators and the closing bracket, into
 * `into` (made a LISTCOMP or DICTCOMP). */
static LangExpr *parse_comp(Py *py, LangExpr *into, int kind, LangExpr *elt, LangExpr *value,
                            const char *close)
{
    PList gens = {0};
    if (is_word(py, peek(py), "async"))
        return refuse_keyword(py, peek(py));
    while (is_word(py, peek(py), "for") && !py->failed) {
        LangExpr *g = parse_comp_for(py);
        if (!g || plist_add(py, &gens, g) < 0)
            break;
    }
    if (py->failed || (!is_op(peek(py), close) && expect_op(py, close) < 0)) {
        free(gens.v);
        return NULL;
    }
    next(py);
    int32_t ng = gens.n;
    LangExpr **items = alloc(py, (size_t)(ng + 2) * sizeof *items);
    if (!items) {
        free(gens.v);
        return NULL;
    }
    memcpy(items, gens.v, (size_t)ng * sizeof *items);
    free(gens.v);
    items[ng] = elt;
    items[ng + 1] = value;
    into->kind = (uint8_t)kind;
    into->items = items;
    into->nitems = ng + (kind == LANG_E_DICTCOMP ? 2 : 1);
    into->ival = ng;
    into->keys = NULL;
    return comp_locals(py, into) < 0 ? NULL : into;
}

/* "x (comprehension)": the hidden fast local of a module-level
 * comprehension's x (PEP 709: not the global x). */
static int32_t hidden_atom(Py *py, int32_t a)
{
    char buf[LANG_MAX_IDENT_LEN + 32];
    int n = snprintf(buf, sizeof buf, "%s (comprehension)", atom_s(py, a));
    return intern_n(py, buf, (size_t)n);
}

static void rename_comp(Py *py, LangExpr *e, AList *scope);

/* Renames the names of x that are in scope to their hidden atoms. */
static void rename_walk(Py *py, LangExpr *x, AList *scope)
{
    if (!x || py->failed)
        return;
    if (x->kind == LANG_E_NAME) {
        if (alist_has(scope, x->atom))
            x->atom = hidden_atom(py, x->atom);
        return;
    }
    if (x->kind == LANG_E_LISTCOMP || x->kind == LANG_E_DICTCOMP) {
        rename_comp(py, x, scope);
        return;
    }
    rename_walk(py, x->base, scope);
    rename_walk(py, x->index, scope);
    for (int32_t i = 0; i < x->nitems; i++) {
        rename_walk(py, x->items[i], scope);
        if (x->kind == LANG_E_DICT)
            rename_walk(py, x->keys[i], scope);
    }
}

/* A comprehension at module level: its first iterable is in the scope
 * around it, the rest in its own, where its variables are hidden. */
static void rename_comp(Py *py, LangExpr *e, AList *scope)
{
    rename_walk(py, e->items[0]->base, scope);
    int32_t n0 = scope->n;
    for (int32_t i = 0; i < e->nlocals; i++)
        alist_add(py, scope, e->ops[i]);
    LangExpr *first = e->items[0];
    rename_walk(py, first->index, scope);
    for (int32_t i = 0; i < first->nitems; i++)
        rename_walk(py, first->items[i], scope);
    for (int32_t i = 1; i < e->nitems; i++)
        rename_walk(py, e->items[i], scope);
    for (int32_t i = 0; i < e->nlocals; i++)
        e->ops[i] = hidden_atom(py, e->ops[i]);
    scope->n = n0;
}

/* Items up to `close`; a trailing comma allowed.  For calls, keyword
 * arguments name=value go to *kw (same length as items, NULL for
 * positional ones). */
static const char *const *call_keywords(Py *py, const LangExpr *callee);
static int32_t parse_lambda_func(Py *py, PTok *t);

static int parse_items(Py *py, const char *close, LangExpr *into, int is_call)
{
    PList items = {0}, keys = {0};
    int any_kw = 0;
    while (!is_op(peek(py), close) && !py->failed) {
        PTok *t = peek(py);
        if (is_op(t, "*") || is_op(t, "**")) {
            FAIL_TOK(py, t, "unpacking with '%s' is not supported in gcviz programs", t->op);
            break;
        }
        LangExpr *k = NULL;
        if (is_call && t->kind == P_NAME && is_op(peek_at(py, 1), "=")) {
            k = new_expr(py, LANG_E_STR, t);
            if (!k)
                break;
            k->atom = t->atom;
            next(py);
            next(py);
            any_kw = 1;
        } else if (is_call && any_kw) {
            FAIL_TOK(py, t, "positional argument follows keyword argument");
            break;
        }
        /* key=lambda ...: for sorted, min, max and sort at the top level */
        const char *const *kws = k && into->base ? call_keywords(py, into->base) : NULL;
        py->lambda_ok =
            kws && kws[0][0] != 'p' && py->cur_func < 0 && strcmp(atom_s(py, k->atom), "key") == 0;
        LangExpr *v = parse_test(py);
        py->lambda_ok = 0;
        if (!v)
            break;
        if (is_call && is_word(py, peek(py), "for")) {
            FAIL_TOK(py, peek(py), "generator expressions are not supported in gcviz programs");
            break;
        }
        if (!is_call && is_word(py, peek(py), "async")) {
            refuse_keyword(py, peek(py));
            break;
        }
        if (!is_call && is_word(py, peek(py), "for")) {
            if (items.n == 0 && into->kind == LANG_E_LIST) {
                free(items.v);
                free(keys.v);
                return parse_comp(py, into, LANG_E_LISTCOMP, v, NULL, close) ? 0 : -1;
            }
            if (into->kind == LANG_E_LIST)
                FAIL_TOK(py, peek(py),
                         "invalid syntax: did you forget parentheses around the comprehension "
                         "target?");
            else
                FAIL_TOK(py, peek(py), "generator expressions are not supported in gcviz programs");
            break;
        }
        if (plist_add(py, &items, v) < 0 || plist_add(py, &keys, k) < 0)
            break;
        if (!accept_op(py, ","))
            break;
    }
    if (!py->failed && expect_op(py, close) < 0) {
        free(items.v);
        free(keys.v);
        return -1;
    }
    into->nitems = items.n;
    into->items = (LangExpr **)plist_done(py, &items);
    if (any_kw)
        into->keys = (LangExpr **)plist_done(py, &keys);
    else
        free(keys.v);
    return py->failed ? -1 : 0;
}

/* Adjacent string literals, concatenated. */
static LangExpr *parse_strings(Py *py, PTok *t)
{
    LangExpr *e;
    next(py);
    int32_t a = t->atom;
    /* adjacent literals concatenate */
    while (peek(py)->kind == P_STR) {
        PTok *u = next(py);
        const char *x = atom_s(py, a), *y = atom_s(py, u->atom);
        size_t nx = strlen(x), ny = strlen(y);
        char *buf = malloc(nx + ny + 1);
        if (!buf)
            return oom(py);
        memcpy(buf, x, nx);
        memcpy(buf + nx, y, ny + 1);
        a = intern_n(py, buf, nx + ny);
        free(buf);
        if (a < 0)
            return NULL;
    }
    if (peek(py)->kind == P_FSTR)
        return FAIL_TOK(
            py, peek(py),
            "concatenating a string and an f-string is not supported in gcviz programs");
    e = span(py, new_expr(py, LANG_E_STR, t), t);
    if (e)
        e->atom = a;
    return e;
}

/* ( ... ): an empty tuple, a parenthesised expression or a tuple. */
static LangExpr *parse_paren(Py *py, PTok *t)
{
    LangExpr *e;
    next(py);
    if (accept_op(py, ")")) {
        e = span(py, new_expr(py, LANG_E_TUPLE, t), t);
        if (e)
            fold_tuple(py, e);
        return e;
    }
    if (is_word(py, peek(py), "yield"))
        return refuse_keyword(py, peek(py));
    LangExpr *first = parse_test(py);
    if (!first)
        return NULL;
    if (is_word(py, peek(py), "for"))
        return FAIL_TOK(py, peek(py), "generator expressions are not supported in gcviz programs");
    if (accept_op(py, ")"))
        return first; /* parenthesised expression */
    if (expect_op(py, ",") < 0)
        return NULL;
    e = new_expr(py, LANG_E_TUPLE, t);
    if (!e)
        return NULL;
    LangExpr rest = {0};
    if (parse_items(py, ")", &rest, 0) < 0)
        return NULL;
    e->nitems = rest.nitems + 1;
    e->items = alloc(py, (size_t)e->nitems * sizeof *e->items);
    if (!e->items)
        return NULL;
    e->items[0] = first;
    for (int32_t i = 0; i < rest.nitems; i++)
        e->items[i + 1] = rest.items[i];
    span(py, e, t);
    fold_tuple(py, e);
    return e;
}

/* { key: value, ... } or a dict comprehension; sets, set comprehensions and ** are
 * refused. */
static LangExpr *parse_dict_display(Py *py, PTok *t)
{
    LangExpr *e;
    next(py);
    e = new_expr(py, LANG_E_DICT, t);
    if (!e)
        return NULL;
    PList ks = {0}, vs = {0};
    while (!is_op(peek(py), "}") && !py->failed) {
        if (is_op(peek(py), "**")) {
            FAIL_TOK(py, peek(py), "unpacking with '**' is not supported in gcviz programs");
            break;
        }
        LangExpr *k = parse_test(py);
        if (!k)
            break;
        if (!is_op(peek(py), ":")) {
            if (is_word(py, peek(py), "for"))
                FAIL_TOK(py, t,
                         "set comprehensions are not supported in gcviz programs (sets are not: "
                         "lists, tuples and dicts only)");
            else
                FAIL_TOK(py, t,
                         "sets are not supported in gcviz programs (lists, tuples and "
                         "dicts only)");
            break;
        }
        next(py);
        LangExpr *v = parse_test(py);
        if (!v)
            break;
        if (is_word(py, peek(py), "async")) {
            refuse_keyword(py, peek(py));
            break;
        }
        if (is_word(py, peek(py), "for")) {
            if (ks.n == 0) {
                free(ks.v);
                free(vs.v);
                return span(py, parse_comp(py, e, LANG_E_DICTCOMP, k, v, "}"), t);
            }
            FAIL_TOK(py, peek(py), "invalid syntax: a dict comprehension has one key: value pair");
            break;
        }
        if (plist_add(py, &ks, k) < 0 || plist_add(py, &vs, v) < 0)
            break;
        if (!accept_op(py, ","))
            break;
    }
    if (!py->failed)
        expect_op(py, "}");
    e->nitems = vs.n;
    e->keys = (LangExpr **)plist_done(py, &ks);
    e->items = (LangExpr **)plist_done(py, &vs);
    return py->failed ? NULL : span(py, e, t);
}

static LangExpr *parse_atom(Py *py)
{
    PTok *t = peek(py);
    LangExpr *e;
    switch (t->kind) {
    case P_INT:
        next(py);
        e = new_expr(py, LANG_E_INT, t);
        if (e) {
            e->ival = t->ival;
            e->atom = t->atom;
        }
        return e;
    case P_STR: {
        return parse_strings(py, t);
    }
    case P_FSTR:
        next(py);
        if (peek(py)->kind == P_FSTR || peek(py)->kind == P_STR)
            return FAIL_TOK(py, peek(py),
                            "concatenating f-strings is not supported in gcviz programs");
        return parse_fstring(py, t);
    case P_NAME:
        if (is_word(py, t, "None") || is_word(py, t, "True") || is_word(py, t, "False")) {
            next(py);
            e = new_expr(py, is_word(py, t, "None") ? LANG_E_NONE : LANG_E_BOOL, t);
            if (e)
                e->ival = is_word(py, t, "True");
            return e;
        }
        if (is_keyword(py, t))
            return refuse_keyword(py, t);
        next(py);
        e = new_expr(py, LANG_E_NAME, t);
        if (e)
            e->atom = t->atom;
        return e;
    case P_OP:
        if (is_op(t, "(")) {
            return parse_paren(py, t);
        }
        if (is_op(t, "[")) {
            next(py);
            e = new_expr(py, LANG_E_LIST, t);
            if (!e || parse_items(py, "]", e, 0) < 0)
                return NULL;
            return span(py, e, t);
        }
        if (is_op(t, "{")) {
            return parse_dict_display(py, t);
        }
        return unexpected(py, t);
    default:
        return unexpected(py, t);
    }
}

/* The rest of a subscript's slice after its start (NULL when omitted):
 * [start:stop] and [start:stop:step], each part optional.  A LANG_E_SLICE
 * with items start, stop and, when given, step; an omitted start or stop
 * is None, as CPython's compiler loads it (BINARY_SLICE, or BUILD_SLICE 3
 * with a step). */
static LangExpr *parse_slice(Py *py, LangExpr *start, const PTok *at)
{
    LangExpr *parts[3] = {start, NULL, NULL};
    int n = 2;
    next(py); /* ':' */
    if (!is_op(peek(py), ":") && !is_op(peek(py), "]") && !is_op(peek(py), ",") &&
        !(parts[1] = parse_test(py)))
        return NULL;
    if (is_op(peek(py), ":")) {
        next(py);
        if (!is_op(peek(py), "]") && !is_op(peek(py), ",")) {
            if (!(parts[2] = parse_test(py)))
                return NULL;
            n = 3;
        }
    }
    LangExpr *x = new_expr(py, LANG_E_SLICE, at);
    LangExpr **items = x ? alloc(py, 3 * sizeof *items) : NULL;
    if (!items)
        return NULL;
    for (int i = 0; i < n; i++)
        if (!(items[i] = parts[i] ? parts[i] : new_expr(py, LANG_E_NONE, at)))
            return NULL;
    x->items = items;
    x->nitems = n;
    return span(py, x, at + 1);
}
static int in_list(const char *const *list, const char *s);

/* The keywords a call may pass (lang_exec.c models these only): the
 * callee's name, then its keywords; NULL if the callee takes none here.
 * A name the program binds itself is refused later (refuse_unsupported). */
static const char *const *call_keywords(Py *py, const LangExpr *callee)
{
    static const char *const print_kw[] = {"print", "sep", "end", NULL};
    static const char *const sorted_kw[] = {"sorted", "key", "reverse", NULL};
    static const char *const sort_kw[] = {"sort", "key", "reverse", NULL};
    static const char *const min_kw[] = {"min", "key", NULL};
    static const char *const max_kw[] = {"max", "key", NULL};
    const char *n = atom_s(py, callee->atom);
    if (callee->kind == LANG_E_ATTR)
        return strcmp(n, "sort") == 0 ? sort_kw : NULL;
    if (callee->kind != LANG_E_NAME)
        return NULL;
    if (callee->atom == py->a_print)
        return print_kw;
    return strcmp(n, "sorted") == 0 ? sorted_kw
           : strcmp(n, "min") == 0  ? min_kw
           : strcmp(n, "max") == 0  ? max_kw
                                    : NULL;
}

static LangExpr *parse_trailers(Py *py)
{
    PTok *t0 = peek(py);
    LangExpr *e = parse_atom(py);
    while (e && !py->failed) {
        PTok *t = peek(py);
        if (is_op(t, ".")) {
            next(py);
            PTok *n = next(py);
            if (n->kind != P_NAME || is_keyword(py, n))
                return FAIL_TOK(py, n, "invalid syntax: expected an attribute name after '.'");
            LangExpr *a = new_expr(py, LANG_E_ATTR, n);
            if (!a)
                return NULL;
            a->base = e;
            a->atom = n->atom;
            a->col = e->col;
            a->line = e->line;
            e = span(py, a, t0);
        } else if (is_op(t, "(")) {
            next(py);
            if (enter(py, t) < 0)
                return NULL;
            LangExpr *c = new_expr(py, LANG_E_CALL, t0);
            if (!c)
                return NULL;
            c->base = e;
            if (parse_items(py, ")", c, 1) < 0)
                return NULL;
            py->rec--;
            /* which callee may take which keyword is checked once the
             * whole program is known (refuse_unsupported); a keyword
             * repeated is CPython's SyntaxError at compile time */
            int32_t nkw = 0;
            for (int32_t i = 0; c->keys && i < c->nitems; i++) {
                const char *k = c->keys[i] ? atom_s(py, c->keys[i]->atom) : NULL;
                for (int32_t j = 0; k && j < i; j++)
                    if (c->keys[j] && c->keys[j]->atom == c->keys[i]->atom)
                        return fail_at(py, c->keys[i]->line, c->keys[i]->col,
                                       "keyword argument repeated: %s", k);
                nkw += k != NULL;
            }
            /* Past 30 arguments CPython calls through CALL_FUNCTION_EX (a
             * list, then a tuple; lang_exec.c models it for a function, a
             * class or a builtin called by name); a method call with 30
             * or more makes a bound method object, which gcviz does not
             * model. */
            int32_t npos = c->nitems - nkw;
            if (e->kind == LANG_E_ATTR && npos + nkw >= 30)
                return FAIL_TOK(py, t,
                                "a method call with 30 or more arguments is not supported in "
                                "gcviz programs");
            if (npos + 2 * nkw > 30 && (nkw > 0 || e->kind != LANG_E_NAME))
                return FAIL_TOK(py, t,
                                "a call with more than 30 arguments is supported in gcviz "
                                "programs only for a function, class or builtin called by its "
                                "name, without keywords");
            e = span(py, c, t0);
        } else if (is_op(t, "[")) {
            next(py);
            if (enter(py, t) < 0)
                return NULL;
            LangExpr *idx = NULL;
            if (!is_op(peek(py), ":") && !(idx = parse_test(py)))
                return NULL;
            if (is_op(peek(py), ":") && !(idx = parse_slice(py, idx, t)))
                return NULL;
            if (is_op(peek(py), ","))
                return FAIL_TOK(py, peek(py),
                                "tuple subscripts are not supported in gcviz programs");
            if (expect_op(py, "]") < 0)
                return NULL;
            py->rec--;
            LangExpr *x = new_expr(py, LANG_E_INDEX, t0);
            if (!x)
                return NULL;
            x->base = e;
            x->index = idx;
            e = span(py, x, t0);
        } else {
            break;
        }
    }
    return e;
}

/* The atom of -N for the atom of a big int literal's text N. */
static int32_t negate_big(Py *py, int32_t a)
{
    const char *t = atom_s(py, a);
    size_t n = strlen(t);
    char *m = malloc(n + 2);
    if (!m)
        return oom(py), -1;
    if (t[0] == '-')
        memcpy(m, t + 1, n);
    else {
        m[0] = '-';
        memcpy(m + 1, t, n + 1);
    }
    int32_t r = intern_n(py, m, strlen(m));
    free(m);
    return r;
}

static LangExpr *parse_factor(Py *py)
{
    PTok *t = peek(py);
    if (is_op(t, "-") || is_op(t, "+")) {
        next(py);
        if (enter(py, t) < 0)
            return NULL;
        LangExpr *x = parse_factor(py);
        py->rec--;
        if (!x)
            return NULL;
        if (is_op(t, "+"))
            return FAIL_TOK(py, t, "unary + is not supported in gcviz programs");
        if (x->kind == LANG_E_INT) { /* folded, as CPython does */
            if (x->ival == LANG_INT_BIG && (x->atom = negate_big(py, x->atom)) < 0)
                return NULL;
            if (x->ival != LANG_INT_BIG)
                x->ival = -x->ival;
            x->col = t->col;
            x->off = t->off + py->shift;
            return x;
        }
        LangExpr *e = span(py, new_expr(py, LANG_E_UNARY, t), t);
        if (e) {
            e->ival = LANG_OP_NEG;
            e->base = x;
        }
        return e;
    }
    if (is_op(t, "~"))
        return FAIL_TOK(py, t, "bitwise operator '~' is not supported in gcviz programs");
    LangExpr *e = parse_trailers(py);
    if (e && is_op(peek(py), "**"))
        return unexpected(py, peek(py));
    return e;
}

static LangExpr *binop(Py *py, LangExpr *l, LangExpr *r, int op, const PTok *t, const PTok *first)
{
    LangExpr *e = span(py, new_expr(py, LANG_E_BINOP, t), first);
    if (!e)
        return NULL;
    e->ival = op;
    e->base = l;
    e->index = r;
    e->col = l->col;
    e->line = l->line;
    return e;
}

static LangExpr *parse_term(Py *py)
{
    PTok *t0 = peek(py);
    LangExpr *e = parse_factor(py);
    while (e && !py->failed) {
        PTok *t = peek(py);
        int op = is_op(t, "*")    ? LANG_OP_MUL
                 : is_op(t, "//") ? LANG_OP_FLOORDIV
                 : is_op(t, "%")  ? LANG_OP_MOD
                                  : 0;
        if (is_op(t, "/") || is_op(t, "@"))
            return unexpected(py, t);
        if (!op)
            break;
        next(py);
        if (enter(py, t) < 0)
            return NULL;
        LangExpr *r = parse_factor(py);
        py->rec--;
        e = r ? binop(py, e, r, op, t, t0) : NULL;
    }
    return e;
}

static LangExpr *parse_arith(Py *py)
{
    PTok *t0 = peek(py);
    LangExpr *e = parse_term(py);
    while (e && !py->failed) {
        PTok *t = peek(py);
        int op = is_op(t, "+") ? LANG_OP_ADD : is_op(t, "-") ? LANG_OP_SUB : 0;
        if (!op) {
            if (is_op(t, "<<") || is_op(t, ">>") || is_op(t, "&") || is_op(t, "|") || is_op(t, "^"))
                return FAIL_TOK(py, t, "bitwise operator '%s' is not supported in gcviz programs",
                                t->op);
            break;
        }
        next(py);
        if (enter(py, t) < 0)
            return NULL;
        LangExpr *r = parse_term(py);
        py->rec--;
        e = r ? binop(py, e, r, op, t, t0) : NULL;
    }
    return e;
}

static int comp_op(Py *py, int *op)
{
    PTok *t = peek(py);
    static const struct {
        const char *s;
        int op;
    } C[] = {{"==", LANG_OP_EQ}, {"!=", LANG_OP_NE}, {"<", LANG_OP_LT}, {"<=", LANG_OP_LE},
             {">", LANG_OP_GT},  {">=", LANG_OP_GE}, {NULL, 0}};
    for (int i = 0; C[i].s; i++)
        if (is_op(t, C[i].s)) {
            next(py);
            *op = C[i].op;
            return 1;
        }
    if (is_word(py, t, "is")) {
        next(py);
        if (is_word(py, peek(py), "not")) {
            next(py);
            *op = LANG_OP_IS_NOT;
        } else
            *op = LANG_OP_IS;
        return 1;
    }
    if (is_word(py, t, "in")) {
        next(py);
        *op = LANG_OP_IN;
        return 1;
    }
    if (is_word(py, t, "not") && is_word(py, peek_at(py, 1), "in")) {
        next(py);
        next(py);
        *op = LANG_OP_NOT_IN;
        return 1;
    }
    return 0;
}

static LangExpr *parse_comparison(Py *py)
{
    PTok *t0 = peek(py);
    LangExpr *first = parse_arith(py);
    if (!first)
        return NULL;
    int op;
    if (!comp_op(py, &op))
        return first;
    PList items = {0};
    int32_t ops[LANG_MAX_EXPR_DEPTH];
    int nops = 0;
    plist_add(py, &items, first);
    do {
        if (nops >= LANG_MAX_EXPR_DEPTH) {
            FAIL_TOK(py, t0, "comparison chain too long");
            break;
        }
        ops[nops++] = op;
        LangExpr *r = parse_arith(py);
        if (!r || plist_add(py, &items, r) < 0)
            break;
    } while (comp_op(py, &op));
    if (py->failed) {
        free(items.v);
        return NULL;
    }
    LangExpr *e = new_expr(py, LANG_E_COMPARE, t0);
    if (!e) {
        free(items.v);
        return NULL;
    }
    e->nitems = items.n;
    e->items = (LangExpr **)plist_done(py, &items);
    e->ops = alloc(py, (size_t)nops * sizeof *e->ops);
    if (!e->ops)
        return NULL;
    memcpy(e->ops, ops, (size_t)nops * sizeof *ops);
    if (ops[nops - 1] == LANG_OP_IN || ops[nops - 1] == LANG_OP_NOT_IN)
        fold_iter(py, e->items[nops]);
    e->col = first->col;
    e->line = first->line;
    return span(py, e, t0);
}

static LangExpr *parse_not(Py *py)
{
    PTok *t = peek(py);
    if (is_word(py, t, "not")) {
        next(py);
        if (enter(py, t) < 0)
            return NULL;
        LangExpr *x = parse_not(py);
        py->rec--;
        if (!x)
            return NULL;
        LangExpr *e = span(py, new_expr(py, LANG_E_UNARY, t), t);
        if (e) {
            e->ival = LANG_OP_NOT;
            e->base = x;
        }
        return e;
    }
    return parse_comparison(py);
}

static LangExpr *parse_boolop(Py *py, int op)
{
    PTok *t0 = peek(py);
    LangExpr *first = op == LANG_OP_OR ? parse_boolop(py, LANG_OP_AND) : parse_not(py);
    const char *w = op == LANG_OP_OR ? "or" : "and";
    if (!first || !is_word(py, peek(py), w))
        return first;
    PList items = {0};
    plist_add(py, &items, first);
    while (is_word(py, peek(py), w) && !py->failed) {
        next(py);
        LangExpr *r = op == LANG_OP_OR ? parse_boolop(py, LANG_OP_AND) : parse_not(py);
        if (!r || plist_add(py, &items, r) < 0)
            break;
    }
    if (py->failed) {
        free(items.v);
        return NULL;
    }
    LangExpr *e = new_expr(py, LANG_E_BOOLOP, NULL);
    if (!e) {
        free(items.v);
        return NULL;
    }
    e->ival = op;
    e->nitems = items.n;
    e->items = (LangExpr **)plist_done(py, &items);
    e->col = first->col;
    e->line = first->line;
    return span(py, e, t0);
}

/* body if test else orelse (after body): a LANG_E_IFEXP.  The test is a
 * disjunction, orelse a whole test (x if a else y if b else z nests to the
 * right), as in Python's grammar. */
static LangExpr *parse_ifexp(Py *py, LangExpr *body)
{
    PTok *t = next(py); /* if */
    LangExpr *test = parse_boolop(py, LANG_OP_OR);
    if (!test)
        return NULL;
    if (!is_word(py, peek(py), "else"))
        return FAIL_TOK(py, peek(py), "expected 'else' after 'if' expression");
    next(py);
    LangExpr *orelse = parse_test(py);
    LangExpr *e = orelse ? new_expr(py, LANG_E_IFEXP, t) : NULL;
    LangExpr **items = e ? alloc(py, 3 * sizeof *items) : NULL;
    if (!items)
        return NULL;
    items[0] = test;
    items[1] = body;
    items[2] = orelse;
    e->items = items;
    e->nitems = 3;
    e->col = body->col;
    e->line = body->line;
    return e;
}

static LangExpr *parse_test(Py *py)
{
    PTok *t = peek(py);
    if (enter(py, t) < 0)
        return NULL;
    if (is_word(py, t, "lambda")) {
        py->rec--;
        if (!py->lambda_ok)
            return refuse_keyword(py, t);
        /* key=lambda ...: its function, made where the argument is */
        py->lambda_ok = 0;
        LangExpr *e = new_expr(py, LANG_E_LAMBDA, t);
        if (!e)
            return NULL;
        int32_t fidx = parse_lambda_func(py, py->stmt_tok ? py->stmt_tok : t);
        if (fidx < 0)
            return NULL;
        e->ival = fidx;
        return span(py, e, t);
    }
    LangExpr *e = parse_boolop(py, LANG_OP_OR);
    if (e && is_word(py, peek(py), "if"))
        e = span(py, parse_ifexp(py, e), t);
    py->rec--;
    if (e && is_op(peek(py), ":="))
        return unexpected(py, peek(py));
    return e;
}

/* An expression list: "a, b" is a tuple. */
static LangExpr *parse_exprlist(Py *py)
{
    PTok *t = peek(py);
    LangExpr *first = parse_test(py);
    if (!first || !is_op(peek(py), ","))
        return first;
    PList items = {0};
    plist_add(py, &items, first);
    while (accept_op(py, ",") && !py->failed) {
        PTok *n = peek(py);
        if (n->kind == P_NEWLINE || is_op(n, "=") || is_op(n, ":") || is_op(n, ";") ||
            n->kind == P_EOF ||
            (n->kind == P_OP && strlen(n->op) == 2 && n->op[1] == '=' && !is_op(n, "==") &&
             !is_op(n, "!=") && !is_op(n, "<=") && !is_op(n, ">=")))
            break;
        if (is_word(py, n, "in"))
            break;
        LangExpr *x = parse_test(py);
        if (!x || plist_add(py, &items, x) < 0)
            break;
    }
    if (py->failed) {
        free(items.v);
        return NULL;
    }
    LangExpr *e = new_expr(py, LANG_E_TUPLE, t);
    if (!e) {
        free(items.v);
        return NULL;
    }
    e->nitems = items.n;
    e->items = (LangExpr **)plist_done(py, &items);
    span(py, e, t);
    fold_tuple(py, e);
    return e;
}

/* One f-string field, s[i+1 .. j) of the text, parsed by a parser of its
 * own; col is the field's column.  NULL after an error. */
static LangExpr *parse_fstring_field(Py *py, const PTok *t, int32_t i, int32_t j, int col)
{
    const char *s = py->text;
    /* parse s[i+1 .. j) with a sub-parser */
    Py sub = *py;
    sub.text = s;
    sub.toks = NULL;
    sub.ntok = sub.cap = sub.pos = 0;
    sub.lines = NULL;
    sub.nlines = 0;
    /* tokenize the slice: a temporary text */
    int32_t flen = j - (i + 1);
    char *ftxt = malloc((size_t)flen + 3);
    if (!ftxt) {
        oom(py);
        return NULL;
    }
    ftxt[0] = '(';
    memcpy(ftxt + 1, s + i + 1, (size_t)flen);
    ftxt[flen + 1] = ')';
    ftxt[flen + 2] = 0;
    sub.text = ftxt;
    sub.len = flen + 2;
    sub.shift = i; /* ftxt[0] stands for the '{' at s[i] */
    LangExpr *x = NULL;
    if (flen == 0 || strspn(s + i + 1, " ") >= (size_t)flen) {
        fail_at(py, t->line, col, "f-string: empty expression not allowed");
    } else if (tokenize(&sub) == 0) {
        /* columns of the sub-tokens: shift onto the f-string */
        for (int32_t k = 0; k < sub.ntok; k++) {
            sub.toks[k].line = t->line;
            sub.toks[k].col = col + sub.toks[k].col - 1;
        }
        x = parse_test(&sub);
        if (x && sub.toks[sub.pos].kind != P_NEWLINE && sub.toks[sub.pos].kind != P_EOF)
            x = unexpected(&sub, &sub.toks[sub.pos]);
    }
    py->failed = sub.failed;
    py->oom = sub.oom;
    free(sub.toks);
    free(ftxt);
    return x;
}

/* f'...{expr}...': literal parts and fields, each field's expression
 * parsed by a parser of its own over the same text. */
static LangExpr *parse_fstring(Py *py, const PTok *t)
{
    const char *s = py->text;
    int32_t b = t->body_off, e = b + t->body_len;
    PList parts = {0};
    char *lit = malloc((size_t)t->body_len + 1);
    if (!lit)
        return oom(py);
    int32_t nl = 0;
    int col0 = t->col + (int)(b - t->off);
    for (int32_t i = b; i <= e && !py->failed;) {
        int flush = i == e || (s[i] == '{' && !(i + 1 < e && s[i + 1] == '{'));
        if (flush) {
            if (nl > 0) {
                LangExpr *x = new_expr(py, LANG_E_STR, t);
                if (!x)
                    break;
                char *dec = malloc((size_t)nl + 1);
                if (!dec) {
                    oom(py);
                    break;
                }
                memcpy(dec, lit, (size_t)nl);
                x->atom = decode_str(py, t->line, t->col, dec, nl);
                free(dec);
                if (x->atom < 0 || plist_add(py, &parts, x) < 0)
                    break;
                nl = 0;
            }
            if (i == e)
                break;
            /* a field: find its closing brace */
            int32_t j = i + 1, depth = 0;
            while (j < e && !(depth == 0 && (s[j] == '}' || s[j] == '!' || (s[j] == ':')))) {
                if (s[j] == '(' || s[j] == '[' || s[j] == '{')
                    depth++;
                else if (s[j] == ')' || s[j] == ']' || s[j] == '}')
                    depth--;
                else if (s[j] == '\'' || s[j] == '"' || s[j] == '\\') {
                    fail_at(py, t->line, col0 + (int)(j - b),
                            "quotes and backslashes inside f-string fields are not supported in "
                            "gcviz programs");
                    break;
                }
                j++;
            }
            if (py->failed)
                break;
            if (j >= e) {
                fail_at(py, t->line, col0 + (int)(i - b), "f-string: expecting '}'");
                break;
            }
            if (s[j] != '}') {
                fail_at(py, t->line, col0 + (int)(j - b),
                        "f-string conversions (!r) and format specs (:...) are not supported in "
                        "gcviz programs (plain {expr} fields only)");
                break;
            }
            LangExpr *x = parse_fstring_field(py, t, i, j, col0 + (int)(i - b));
            if (!x || plist_add(py, &parts, x) < 0)
                break;
            i = j + 1;
            continue;
        }
        if (s[i] == '{' || (s[i] == '}' && i + 1 < e && s[i + 1] == '}')) {
            lit[nl++] = s[i];
            i += 2;
            continue;
        }
        if (s[i] == '}') {
            fail_at(py, t->line, col0 + (int)(i - b), "f-string: single '}' is not allowed");
            break;
        }
        lit[nl++] = s[i++];
    }
    free(lit);
    if (py->failed) {
        free(parts.v);
        return NULL;
    }
    LangExpr *x = new_expr(py, LANG_E_FSTRING, t);
    if (!x) {
        free(parts.v);
        return NULL;
    }
    x->nitems = parts.n;
    x->items = (LangExpr **)plist_done(py, &parts);
    return x;
}

/* ---- statements --------------------------------------------------------- */

static LangStmt **parse_block(Py *py, int32_t *n, const PTok *header);

/* The location of a statement starting at token t: its first line, from
 * its column, without trailing blanks. */
static int32_t add_loc(Py *py, const PTok *t, int top)
{
    const char *s = py->text;
    int32_t e = t->off;
    while (e < py->len && s[e] != '\n')
        e++;
    while (e > t->off && (s[e - 1] == ' ' || s[e - 1] == '\r' || s[e - 1] == '\t'))
        e--;
    char *text = alloc(py, (size_t)(e - t->off) + 1);
    char path[48];
    if (!text)
        return -1;
    memcpy(text, s + t->off, (size_t)(e - t->off));
    LangLoc loc;
    memset(&loc, 0, sizeof loc);
    snprintf(path, sizeof path, "line %d", t->line);
    loc.path = lang_strdup(py->p, path);
    loc.text = text;
    loc.line = t->line;
    loc.col = t->col;
    loc.owner = py->owner;
    loc.index = py->index;
    if (top) {
        /* the comment lines just above: "# say: ..." and "# pause" */
        for (int l = t->line - 2; l >= 0 && l < py->nlines && py->lines[l].kind != 0; l--) {
            if (py->lines[l].say_len > 0 && !loc.say) {
                char *say = alloc(py, (size_t)py->lines[l].say_len + 1);
                if (!say)
                    return -1;
                memcpy(say, s + py->lines[l].say_off, (size_t)py->lines[l].say_len);
                loc.say = say;
            }
            if (py->lines[l].pause)
                loc.pause = 1;
        }
    }
    int32_t i = lang_add_loc(py->p, &loc);
    if (i < 0)
        oom(py);
    return i;
}

static LangStmt *new_stmt(Py *py, int kind, const PTok *t, int top)
{
    LangStmt *st = alloc(py, sizeof *st);
    if (!st)
        return NULL;
    st->kind = (uint8_t)kind;
    st->loc = add_loc(py, t, top);
    return st->loc < 0 ? NULL : st;
}

static int check_target(Py *py, LangExpr *e, const char *what)
{
    switch (e->kind) {
    case LANG_E_NAME:
        return 0;
    case LANG_E_ATTR:
    case LANG_E_INDEX:
        return 0;
    case LANG_E_TUPLE:
    case LANG_E_LIST:
        if (strcmp(what, "assign") == 0 || strcmp(what, "for") == 0) {
            if (e->kind == LANG_E_LIST) {
                fail_at(py, e->line, e->col,
                        "unpacking into a list display is not supported in gcviz programs (use a, "
                        "b = ...)");
                return -1;
            }
            e->is_const = 0; /* a target, not a constant */
            for (int32_t i = 0; i < e->nitems; i++) {
                if (e->items[i]->kind == LANG_E_TUPLE) {
                    fail_at(py, e->items[i]->line, e->items[i]->col,
                            "nested unpacking is not supported in gcviz programs");
                    return -1;
                }
                if (check_target(py, e->items[i], what) < 0)
                    return -1;
            }
            return 0;
        }
        break;
    case LANG_E_CALL:
        fail_at(py, e->line, e->col, "cannot %s function call",
                strcmp(what, "del") == 0 ? "delete" : "assign to");
        return -1;
    default:
        break;
    }
    fail_at(py, e->line, e->col, "cannot %s %s", strcmp(what, "del") == 0 ? "delete" : "assign to",
            e->kind == LANG_E_INT || e->kind == LANG_E_STR || e->kind == LANG_E_NONE ||
                    e->kind == LANG_E_BOOL
                ? "literal"
                : "expression");
    return -1;
}

static int end_simple(Py *py)
{
    PTok *t = peek(py);
    if (t->kind == P_NEWLINE) {
        next(py);
        return 0;
    }
    if (is_op(t, ";")) {
        next(py);
        if (peek(py)->kind == P_NEWLINE)
            next(py);
        return 0;
    }
    if (t->kind == P_EOF)
        return 0;
    unexpected(py, t);
    return -1;
}

static int32_t *name_list(Py *py, int32_t *n, const char *what)
{
    int32_t buf[64];
    int k = 0;
    do {
        PTok *t = next(py);
        if (t->kind != P_NAME || is_keyword(py, t)) {
            FAIL_TOK(py, t, "invalid syntax: expected a name after '%s'", what);
            return NULL;
        }
        if (k == 64) {
            FAIL_TOK(py, t, "too many names");
            return NULL;
        }
        buf[k++] = t->atom;
    } while (accept_op(py, ","));
    int32_t *out = alloc(py, (size_t)k * sizeof *out);
    if (out)
        memcpy(out, buf, (size_t)k * sizeof *out);
    *n = k;
    return out;
}

/* import gc, sys, weakref: the only modules there are. */
static LangStmt *parse_import(Py *py, PTok *t, int top)
{
    LangStmt *st = NULL;
    next(py);
    st = new_stmt(py, LANG_S_IMPORT, t, top);
    if (!st)
        return NULL;
    int32_t buf[16];
    int k = 0;
    do {
        PTok *n = next(py);
        if (n->kind != P_NAME || is_keyword(py, n))
            return FAIL_TOK(py, n, "invalid syntax: expected a module name after 'import'");
        const char *m = atom_s(py, n->atom);
        if (is_op(peek(py), "."))
            return FAIL_TOK(py, n, "import %.*s...: only gc, sys and weakref can be imported",
                            n->len, py->text + n->off);
        if (strcmp(m, "gc") && strcmp(m, "sys") && strcmp(m, "weakref"))
            return FAIL_TOK(py, n, "import %s: only gc, sys and weakref can be imported", m);
        if (is_word(py, peek(py), "as"))
            return refuse_keyword(py, peek(py));
        if (k == 16)
            return FAIL_TOK(py, n, "too many modules in one import");
        buf[k++] = n->atom;
    } while (accept_op(py, ","));
    st->names = alloc(py, (size_t)k * sizeof *st->names);
    if (!st->names)
        return NULL;
    memcpy(st->names, buf, (size_t)k * sizeof *buf);
    st->nnames = k;
    return st;
}

/* An expression statement, an assignment (a = b = c) or an augmented
 * assignment (+=, -=, *=). */
static LangStmt *parse_stmt(Py *py, int top);
static LangExpr *const_default(Py *py);

/* lambda params: expr (at the lambda token, lt) as a function named
 * <lambda> whose body is `return expr`, its return statement located at
 * the statement's first token t when on its line; the function index, -1
 * on failure. */
static int32_t parse_lambda_func(Py *py, PTok *t)
{
    PTok *lt = next(py); /* lambda */
    int32_t params[64];
    LangExpr *defaults[64];
    int np = 0, nd = 0;
    while (!is_op(peek(py), ":") && !py->failed) {
        PTok *p = next(py);
        if (is_op(p, "*") || is_op(p, "**") || is_op(p, "/"))
            return FAIL_TOK(py, p,
                            "'%s' in a parameter list is not supported in gcviz programs "
                            "(positional parameters only)",
                            p->op),
                   -1;
        if (p->kind != P_NAME || is_keyword(py, p))
            return FAIL_TOK(py, p, "invalid syntax: expected a parameter name"), -1;
        if (np == 64)
            return FAIL_TOK(py, p, "too many parameters"), -1;
        for (int i = 0; i < np; i++)
            if (params[i] == p->atom)
                return FAIL_TOK(py, p, "duplicate argument '%s' in function definition",
                                atom_s(py, p->atom)),
                       -1;
        params[np++] = p->atom;
        if (accept_op(py, "=")) {
            LangExpr *d = const_default(py);
            if (!d)
                return -1;
            defaults[nd++] = d;
        } else if (nd > 0) {
            return FAIL_TOK(py, p, "parameter without a default follows parameter with a default"),
                   -1;
        }
        if (!accept_op(py, ","))
            break;
    }
    if (py->failed || expect_op(py, ":") < 0)
        return -1;
    int32_t fidx = lang_func_count(py->p);
    int32_t saved_func = py->cur_func, saved_owner = py->owner, saved_index = py->index;
    py->cur_func = fidx;
    py->owner = fidx;
    py->index = 0;
    LangFunc f;
    memset(&f, 0, sizeof f);
    f.name = intern_n(py, "<lambda>", 8);
    f.short_name = f.name;
    f.cls = -1;
    f.line = lt->line;
    f.params = params;
    f.nparams = np;
    f.defaults = defaults;
    f.ndefaults = nd;
    if (f.name < 0 || lang_add_func(py->p, &f) != fidx)
        return oom(py), -1;
    PTok *bt = peek(py);
    /* its location: the line as a traceback shows it, from the statement's start */
    LangStmt *ret = new_stmt(py, LANG_S_RETURN, bt->line == t->line ? t : bt, 0);
    if (ret && is_word(py, bt, "lambda"))
        ret = FAIL_TOK(py, bt, "a lambda inside a lambda is not supported in gcviz programs");
    if (ret)
        ret->value = parse_test(py);
    py->cur_func = saved_func;
    py->owner = saved_owner;
    py->index = saved_index;
    if (!ret || !ret->value)
        return -1;
    LangStmt **body = alloc(py, sizeof *body);
    if (!body)
        return -1;
    body[0] = ret;
    LangFunc *fp = (LangFunc *)lang_func(py->p, fidx);
    fp->body = body;
    fp->nbody = 1;
    return fidx;
}

/* NAME = lambda params: expr, a top-level statement: the same bytecode as
 * def (MAKE_FUNCTION, STORE_NAME), so it runs as a def of a function
 * named <lambda> whose body is `return expr`.  The name must be bound
 * nowhere else (refuse_unsupported_names): the function then lives until
 * the exit, as a def's does. */
static LangStmt *parse_lambda_stmt(Py *py, PTok *t, LangExpr *target)
{
    LangStmt *st = new_stmt(py, LANG_S_DEF, t, 1);
    if (!st)
        return NULL;
    int32_t fidx = parse_lambda_func(py, t);
    st->names = fidx < 0 ? NULL : alloc(py, sizeof *st->names);
    if (!st->names)
        return NULL;
    st->func = fidx;
    st->names[0] = target->atom;
    st->nnames = 1;
    return st;
}

static LangStmt *parse_expr_stmt(Py *py, PTok *t, int top)
{
    LangStmt *st = NULL;
    LangExpr *x = parse_exprlist(py);
    if (!x)
        return NULL;
    PTok *o = peek(py);
    static const struct {
        const char *s;
        int op;
    } AUG[] = {{"+=", LANG_OP_ADD}, {"-=", LANG_OP_SUB}, {"*=", LANG_OP_MUL}, {NULL, 0}};
    int aug = 0;
    for (int i = 0; AUG[i].s; i++)
        if (is_op(o, AUG[i].s))
            aug = AUG[i].op;
    if (aug) {
        next(py);
        if (x->kind != LANG_E_NAME && x->kind != LANG_E_ATTR && x->kind != LANG_E_INDEX)
            return fail_at(py, x->line, x->col,
                           "'%s' is an illegal expression for augmented assignment",
                           x->kind == LANG_E_TUPLE ? "tuple" : "expression");
        if (x->kind == LANG_E_INDEX && x->index->kind == LANG_E_SLICE)
            return fail_at(py, x->line, x->col,
                           "augmented assignment to a slice is not supported in gcviz programs "
                           "(write a[i:j] = a[i:j] + ...)");
        st = new_stmt(py, LANG_S_AUGASSIGN, t, top);
        if (!st)
            return NULL;
        st->target = x;
        st->op = aug;
        st->value = parse_exprlist(py);
        if (!st->value)
            return NULL;
    } else if (o->kind == P_OP && o->op[strlen(o->op) - 1] == '=' && strlen(o->op) >= 2 &&
               !is_op(o, "==") && !is_op(o, "!=") && !is_op(o, "<=") && !is_op(o, ">=")) {
        return FAIL_TOK(
            py, o,
            "augmented assignment '%s' is not supported in gcviz programs (+=, -= and *= only)",
            o->op);
    } else if (is_op(o, "=")) {
        PList ts = {0};
        LangExpr *value = x;
        while (accept_op(py, "=")) {
            if (check_target(py, value, "assign") < 0 || plist_add(py, &ts, value) < 0) {
                free(ts.v);
                return NULL;
            }
            if (is_word(py, peek(py), "yield")) {
                free(ts.v);
                return refuse_keyword(py, peek(py));
            }
            if (is_word(py, peek(py), "lambda") && top && ts.n == 1 && value->kind == LANG_E_NAME) {
                free(ts.v);
                return parse_lambda_stmt(py, t, value);
            }
            value = parse_exprlist(py);
            if (!value) {
                free(ts.v);
                return NULL;
            }
        }
        st = new_stmt(py, LANG_S_ASSIGN, t, top);
        if (!st) {
            free(ts.v);
            return NULL;
        }
        st->value = value;
        st->target = ts.v[0];
        if (ts.n > 1) {
            st->nextra = ts.n - 1;
            st->extra = alloc(py, (size_t)st->nextra * sizeof *st->extra);
            if (st->extra)
                memcpy(st->extra, ts.v + 1, (size_t)st->nextra * sizeof *st->extra);
        }
        free(ts.v);
    } else if (is_op(o, ":")) {
        return FAIL_TOK(py, o, "annotations are not supported in gcviz programs");
    } else {
        st = new_stmt(py, LANG_S_EXPR, t, top);
        if (st)
            st->value = x;
    }
    return st;
}

static LangStmt *parse_simple(Py *py, int top)
{
    PTok *t = peek(py);
    LangStmt *st = NULL;
    if (is_word(py, t, "pass") || is_word(py, t, "break") || is_word(py, t, "continue")) {
        next(py);
        int k = is_word(py, t, "pass")    ? LANG_S_PASS
                : is_word(py, t, "break") ? LANG_S_BREAK
                                          : LANG_S_CONTINUE;
        if (k != LANG_S_PASS && !py->in_loop)
            return FAIL_TOK(py, t, "'%s' outside loop", k == LANG_S_BREAK ? "break" : "continue");
        st = new_stmt(py, k, t, top);
    } else if (is_word(py, t, "return")) {
        next(py);
        if (py->cur_func < 0)
            return FAIL_TOK(py, t, "'return' outside function");
        st = new_stmt(py, LANG_S_RETURN, t, top);
        if (st && peek(py)->kind != P_NEWLINE && !is_op(peek(py), ";") && peek(py)->kind != P_EOF)
            st->value = parse_exprlist(py);
        if (st && peek(py)->kind != P_NEWLINE && !is_op(peek(py), ";") && !st->value)
            return NULL;
    } else if (is_word(py, t, "global")) {
        next(py);
        st = new_stmt(py, LANG_S_GLOBAL, t, top);
        if (st && !(st->names = name_list(py, &st->nnames, "global")))
            return NULL;
    } else if (is_word(py, t, "import")) {
        st = parse_import(py, t, top);
    } else if (is_word(py, t, "raise")) {
        next(py);
        st = new_stmt(py, LANG_S_RAISE, t, top);
        if (st && is_word(py, peek(py), "from"))
            return FAIL_TOK(py, peek(py), "invalid syntax");
        if (st && peek(py)->kind != P_NEWLINE && !is_op(peek(py), ";") && peek(py)->kind != P_EOF &&
            !(st->value = parse_test(py)))
            return NULL;
        /* raise value from cause: the cause in target */
        if (st && st->value && is_word(py, peek(py), "from")) {
            next(py);
            if (!(st->target = parse_test(py)))
                return NULL;
        }
    } else if (is_word(py, t, "assert")) {
        next(py);
        st = new_stmt(py, LANG_S_ASSERT, t, top);
        if (st && !(st->value = parse_test(py)))
            return NULL;
        if (st && accept_op(py, ",") && !(st->target = parse_test(py)))
            return NULL;
    } else if (is_word(py, t, "del")) {
        next(py);
        st = new_stmt(py, LANG_S_DEL, t, top);
        if (!st)
            return NULL;
        PList ts = {0};
        do {
            LangExpr *x = parse_trailers(py);
            if (!x || check_target(py, x, "del") < 0 || plist_add(py, &ts, x) < 0) {
                free(ts.v);
                return NULL;
            }
        } while (accept_op(py, ",") && peek(py)->kind != P_NEWLINE);
        st->ntargets = ts.n;
        st->targets = (LangExpr **)plist_done(py, &ts);
    } else if (is_keyword(py, t) && !is_word(py, t, "None") && !is_word(py, t, "True") &&
               !is_word(py, t, "False") && !is_word(py, t, "not")) {
        if (is_word(py, t, "elif") || is_word(py, t, "else"))
            return FAIL_TOK(py, t, "invalid syntax: '%.*s' without a matching if", t->len,
                            py->text + t->off);
        return refuse_keyword(py, t);
    } else {
        st = parse_expr_stmt(py, t, top);
    }
    if (!st || py->failed)
        return NULL;
    st->off = t->off;
    st->end = prev_end(py);
    if (end_simple(py) < 0)
        return NULL;
    return st;
}

static LangStmt *parse_stmt(Py *py, int top);

static LangExpr *const_default(Py *py)
{
    LangExpr *d = parse_test(py);
    if (d && !is_const(d))
        return fail_at(py, d->line, d->col,
                       "parameter defaults must be constants in gcviz programs (int, str, None, "
                       "bool or a tuple of them)");
    return d;
}

/* def NAME(params): block.  Adds a function; returns its index or -1. */
static int32_t parse_def(Py *py, const PTok *t, int32_t cls, LangStmt **out_stmt)
{
    next(py); /* def */
    PTok *n = next(py);
    if (n->kind != P_NAME || is_keyword(py, n))
        return FAIL_TOK(py, n, "invalid syntax: expected a function name after 'def'"), -1;
    if (expect_op(py, "(") < 0)
        return -1;
    int32_t params[64];
    LangExpr *defaults[64];
    int np = 0, nd = 0;
    while (!is_op(peek(py), ")") && !py->failed) {
        PTok *p = next(py);
        if (is_op(p, "*") || is_op(p, "**") || is_op(p, "/"))
            return FAIL_TOK(py, p,
                            "'%s' in a parameter list is not supported in gcviz programs "
                            "(positional parameters only)",
                            p->op),
                   -1;
        if (p->kind != P_NAME || is_keyword(py, p))
            return FAIL_TOK(py, p, "invalid syntax: expected a parameter name"), -1;
        if (np == 64)
            return FAIL_TOK(py, p, "too many parameters"), -1;
        for (int i = 0; i < np; i++)
            if (params[i] == p->atom)
                return FAIL_TOK(py, p, "duplicate argument '%s' in function definition",
                                atom_s(py, p->atom)),
                       -1;
        params[np++] = p->atom;
        if (is_op(peek(py), ":"))
            return FAIL_TOK(py, peek(py), "annotations are not supported in gcviz programs"), -1;
        if (accept_op(py, "=")) {
            LangExpr *d = const_default(py);
            if (!d)
                return -1;
            defaults[nd++] = d;
        } else if (nd > 0) {
            return FAIL_TOK(py, p, "parameter without a default follows parameter with a default"),
                   -1;
        }
        if (!accept_op(py, ","))
            break;
    }
    if (py->failed || expect_op(py, ")") < 0)
        return -1;
    if (is_op(peek(py), "->"))
        return FAIL_TOK(py, peek(py), "annotations are not supported in gcviz programs"), -1;
    if (expect_op(py, ":") < 0)
        return -1;
    if (cls >= 0 && np == 0)
        return FAIL_TOK(py, n, "a method needs its self parameter in gcviz programs"), -1;
    LangStmt *st = new_stmt(py, LANG_S_DEF, t, cls < 0 && py->cur_func < 0);
    if (!st)
        return -1;
    /* the function's index is known before its body: its statements' owner */
    int32_t fidx = lang_func_count(py->p);
    char qual[2 * LANG_MAX_IDENT_LEN + 2];
    if (cls >= 0)
        snprintf(qual, sizeof qual, "%s.%s",
                 atom_s(py, lang_class(py->p, cls) ? lang_class(py->p, cls)->name : py->cur_class),
                 atom_s(py, n->atom));
    else
        snprintf(qual, sizeof qual, "%s", atom_s(py, n->atom));
    int32_t saved_func = py->cur_func, saved_owner = py->owner, saved_index = py->index;
    int saved_loop = py->in_loop;
    py->cur_func = fidx;
    py->owner = fidx;
    py->index = 0;
    py->in_loop = 0;
    /* reserve the index: a placeholder, completed below */
    LangFunc f;
    memset(&f, 0, sizeof f);
    f.name = intern_n(py, qual, strlen(qual));
    f.short_name = n->atom;
    f.cls = cls;
    f.line = t->line;
    f.params = params;
    f.nparams = np;
    f.defaults = defaults;
    f.ndefaults = nd;
    if (f.name < 0 || lang_add_func(py->p, &f) != fidx)
        return oom(py), -1;
    int32_t nb = 0;
    LangStmt **body = parse_block(py, &nb, n);
    py->cur_func = saved_func;
    py->owner = saved_owner;
    py->index = saved_index;
    py->in_loop = saved_loop;
    if (!body)
        return -1;
    LangFunc *fp = (LangFunc *)lang_func(py->p, fidx);
    fp->body = body;
    fp->nbody = nb;
    st->func = fidx;
    st->names = alloc(py, sizeof *st->names);
    if (!st->names)
        return -1;
    st->names[0] = n->atom;
    st->nnames = 1;
    *out_stmt = st;
    return fidx;
}

static int32_t find_class_named(Py *py, int32_t atom)
{
    for (int32_t i = lang_class_count(py->p) - 1; i >= 0; i--)
        if (lang_class(py->p, i)->name == atom)
            return i;
    return -1;
}

/* The built-in exception classes a program's class may derive from. */
static const char *const PY_EXC_BASES[] = {
    "BaseException",       "Exception",         "ArithmeticError",
    "ZeroDivisionError",   "OverflowError",     "LookupError",
    "IndexError",          "KeyError",          "AttributeError",
    "NameError",           "UnboundLocalError", "TypeError",
    "ValueError",          "RuntimeError",      "RecursionError",
    "NotImplementedError", "AssertionError",    NULL};

/* class NAME(BASE): the base, one class of the program (or object), or one
 * of the built-in exception classes (*xbase: its atom); -1 after a syntax
 * error. */
static int parse_class_base(Py *py, int32_t *base, int32_t *xbase)
{
    if (!is_op(peek(py), ")")) {
        PTok *b = next(py);
        if (b->kind != P_NAME || is_keyword(py, b)) {
            FAIL_TOK(py, b, "a base class must be a class of the program in gcviz programs");
            return -1;
        }
        if (is_op(peek(py), "=")) {
            FAIL_TOK(py, b, "class keywords (metaclass=...) are not supported in gcviz programs");
            return -1;
        }
        if (strcmp(atom_s(py, b->atom), "object") != 0) {
            *base = find_class_named(py, b->atom);
            if (*base < 0 && in_list(PY_EXC_BASES, atom_s(py, b->atom)))
                *xbase = b->atom;
            else if (*base < 0) {
                FAIL_TOK(py, b,
                         "base class '%s' is not a class defined above in this program "
                         "(gcviz supports only the program's own classes and built-in exception "
                         "classes such as Exception and ValueError as bases)",
                         atom_s(py, b->atom));
                return -1;
            }
        }
        if (is_op(peek(py), ",")) {
            FAIL_TOK(py, peek(py),
                     "multiple inheritance is not supported in gcviz programs (one base class)");
            return -1;
        }
    }
    if (expect_op(py, ")") < 0)
        return -1;
    return 0;
}

/* Adds or replaces (a later definition wins) the class attribute a.name. */
static void class_attr_put(LangClassAttr *attrs, int *na, LangClassAttr a)
{
    for (int i = 0; i < *na; i++)
        if (attrs[i].name == a.name) {
            attrs[i] = a;
            return;
        }
    attrs[(*na)++] = a;
}

static LangStmt *parse_class(Py *py, const PTok *t)
{
    next(py); /* class */
    PTok *n = next(py);
    if (n->kind != P_NAME || is_keyword(py, n))
        return FAIL_TOK(py, n, "invalid syntax: expected a class name after 'class'");
    int32_t base = -1, xbase = -1;
    if (accept_op(py, "(") && parse_class_base(py, &base, &xbase) < 0)
        return NULL;
    if (expect_op(py, ":") < 0)
        return NULL;
    LangStmt *st = new_stmt(py, LANG_S_CLASS, t, 1);
    if (!st)
        return NULL;
    int32_t cidx = lang_class_count(py->p);
    LangClass k;
    memset(&k, 0, sizeof k);
    k.name = n->atom;
    k.base = base;
    k.xbase = xbase;
    k.del_func = base >= 0 ? lang_class(py->p, base)->del_func : -1;
    k.line = t->line;
    if (lang_add_class(py->p, &k) != cidx)
        return oom(py);
    /* the body: docstring, pass, NAME = constant, def */
    if (peek(py)->kind != P_NEWLINE)
        return FAIL_TOK(py, peek(py), "a class body must be an indented block in gcviz programs");
    next(py);
    if (peek(py)->kind != P_INDENT)
        return FAIL_TOK(py, peek(py),
                        "expected an indented block after class definition on line %d", t->line);
    next(py);
    LangClassAttr attrs[256];
    int na = 0;
    int first = 1;
    int32_t saved_class = py->cur_class;
    py->cur_class = n->atom;
    while (peek(py)->kind != P_DEDENT && peek(py)->kind != P_EOF && !py->failed) {
        PTok *s = peek(py);
        if (na == 256) {
            FAIL_TOK(py, s, "too many class attributes (at most 256)");
            break;
        }
        if (is_word(py, s, "def")) {
            LangStmt *d = NULL;
            int32_t f = parse_def(py, s, cidx, &d);
            if (f < 0)
                break;
            LangClassAttr a = {lang_func(py->p, f)->short_name, NULL, f};
            class_attr_put(attrs, &na, a);
        } else if (is_word(py, s, "pass")) {
            next(py);
            if (end_simple(py) < 0)
                break;
        } else if (first && s->kind == P_STR && (peek_at(py, 1)->kind == P_NEWLINE)) {
            next(py); /* the class docstring */
            next(py);
        } else if (s->kind == P_NAME && !is_keyword(py, s) && is_op(peek_at(py, 1), "=")) {
            next(py);
            next(py);
            LangExpr *v = parse_exprlist(py);
            if (!v)
                break;
            if (!is_const(v)) {
                fail_at(py, v->line, v->col,
                        "class attributes must be constants in gcviz programs (int, str, None, "
                        "bool or a tuple of them)");
                break;
            }
            if (end_simple(py) < 0)
                break;
            LangClassAttr a = {s->atom, v, -1};
            class_attr_put(attrs, &na, a);
        } else if (is_word(py, s, "class")) {
            FAIL_TOK(py, s, "nested classes are not supported in gcviz programs");
            break;
        } else {
            FAIL_TOK(py, s,
                     "a class body may hold only methods (def), constant attributes (name = "
                     "constant), a docstring and pass in gcviz programs");
            break;
        }
        first = 0;
    }
    py->cur_class = saved_class;
    if (py->failed)
        return NULL;
    if (peek(py)->kind == P_DEDENT)
        next(py);
    LangClass *kp = (LangClass *)lang_class(py->p, cidx);
    if (na > 0) {
        kp->attrs = alloc(py, (size_t)na * sizeof *kp->attrs);
        if (!kp->attrs)
            return NULL;
        memcpy(kp->attrs, attrs, (size_t)na * sizeof *attrs);
        kp->nattrs = na;
    }
    for (int i = 0; i < na; i++)
        if (attrs[i].value == NULL && strcmp(atom_s(py, attrs[i].name), "__del__") == 0) {
            kp->del_func = attrs[i].func;
            if (lang_func(py->p, attrs[i].func)->nparams != 1)
                return fail_at(py, lang_func(py->p, attrs[i].func)->line, 1,
                               "__del__ must take exactly one parameter (self)");
        }
    st->cls = cidx;
    st->names = alloc(py, sizeof *st->names);
    if (!st->names)
        return NULL;
    st->names[0] = n->atom;
    st->nnames = 1;
    return st;
}

/* The body of a while or for loop (break and continue allowed in it), and
 * the refusal of a loop's else clause. */
static LangStmt *parse_loop_body(Py *py, LangStmt *st, const PTok *t)
{
    int saved = py->in_loop;
    py->in_loop = 1;
    st->body = parse_block(py, &st->nbody, t);
    py->in_loop = saved;
    if (!st->body)
        return NULL;
    if (is_word(py, peek(py), "else"))
        return FAIL_TOK(py, peek(py), "else on a loop is not supported in gcviz programs");
    return st;
}

/* for target in value: body (the for keyword is t). */
static LangStmt *parse_for_in(Py *py, PTok *t, int top)
{
    next(py);
    LangStmt *st = new_stmt(py, LANG_S_FOR_IN, t, top);
    if (!st)
        return NULL;
    /* the target: names, attributes, subscripts (no comparison: 'in' follows) */
    PList ts = {0};
    PTok *t0 = peek(py);
    int comma = 0;
    do {
        LangExpr *x = parse_trailers(py);
        if (!x || plist_add(py, &ts, x) < 0) {
            free(ts.v);
            return NULL;
        }
        comma = accept_op(py, ",");
    } while (comma && !is_word(py, peek(py), "in"));
    LangExpr *target;
    if (ts.n == 1 && !comma) {
        target = ts.v[0];
        free(ts.v);
    } else {
        target = new_expr(py, LANG_E_TUPLE, t0);
        if (!target) {
            free(ts.v);
            return NULL;
        }
        target->nitems = ts.n;
        target->items = (LangExpr **)plist_done(py, &ts);
        span(py, target, t0);
    }
    if (check_target(py, target, "for") < 0)
        return NULL;
    if (!is_word(py, peek(py), "in"))
        return FAIL_TOK(py, peek(py), "invalid syntax: expected 'in'");
    next(py);
    st->target = target;
    if (!(st->value = parse_exprlist(py)) || expect_op(py, ":") < 0)
        return NULL;
    fold_iter(py, st->value);
    if (!parse_loop_body(py, st, t))
        return NULL;
    /* CPython's For node ends with its body's last token */
    int32_t k = py->pos - 1;
    while (k > 0 && (py->toks[k].kind == P_NEWLINE || py->toks[k].kind == P_INDENT ||
                     py->toks[k].kind == P_DEDENT))
        k--;
    st->off = t->off;
    st->end = py->toks[k].off + py->toks[k].len;
    return st;
}

/* An except clause's classes: a name, or a tuple of names. */
static int except_classes_ok(const LangExpr *e)
{
    if (e->kind == LANG_E_NAME)
        return 1;
    if (e->kind != LANG_E_TUPLE || e->nitems == 0)
        return 0;
    for (int32_t i = 0; i < e->nitems; i++)
        if (e->items[i]->kind != LANG_E_NAME)
            return 0;
    return 1;
}

/* try: body, except clauses, else:, finally: (at least one except or the
 * finally; the try keyword is t).  except* is refused. */
static LangStmt *parse_finally(Py *py, LangStmt *st)
{
    PTok *f = next(py);
    if (expect_op(py, ":") < 0 || !(st->finalbody = parse_block(py, &st->nfinalbody, f)))
        return NULL;
    return st;
}

static LangStmt *parse_try(Py *py, PTok *t, int top)
{
    next(py);
    LangStmt *st = new_stmt(py, LANG_S_TRY, t, top);
    if (!st || expect_op(py, ":") < 0 || !(st->body = parse_block(py, &st->nbody, t)))
        return NULL;
    PList hs = {0};
    PTok *bare = NULL;
    while (!py->failed && is_word(py, peek(py), "except")) {
        PTok *e = next(py);
        LangStmt *h = NULL;
        if (bare) {
            FAIL_TOK(py, bare, "default 'except:' must be last");
            break;
        }
        if (is_op(peek(py), "*")) {
            FAIL_TOK(py, peek(py), "except* (exception groups) is not supported in gcviz programs");
            break;
        }
        if (!(h = new_stmt(py, LANG_S_EXCEPT, e, 0)))
            break;
        if (!is_op(peek(py), ":")) {
            PTok *c = peek(py);
            if (!(h->value = parse_test(py)))
                break;
            if (!except_classes_ok(h->value)) {
                FAIL_TOK(py, c,
                         "an except clause names its exception classes in gcviz programs (a "
                         "name, or a tuple of names)");
                break;
            }
            if (is_word(py, peek(py), "as")) {
                next(py);
                PTok *n = peek(py);
                if (n->kind != P_NAME || is_keyword(py, n)) {
                    FAIL_TOK(py, n, "invalid syntax: expected a name after 'as'");
                    break;
                }
                if (!(h->target = parse_trailers(py)))
                    break;
                if (h->target->kind != LANG_E_NAME) {
                    FAIL_TOK(py, n, "invalid syntax: expected a name after 'as'");
                    break;
                }
            }
        } else {
            bare = e;
        }
        if (expect_op(py, ":") < 0 || !(h->body = parse_block(py, &h->nbody, e)) ||
            plist_add(py, &hs, h) < 0)
            break;
    }
    if (py->failed) {
        free(hs.v);
        return NULL;
    }
    if (hs.n == 0) {
        free(hs.v);
        if (is_word(py, peek(py), "finally"))
            return parse_finally(py, st);
        return FAIL_TOK(py, peek(py), "invalid syntax: expected 'except' or 'finally' block");
    }
    st->nhandlers = hs.n;
    st->handlers = (LangStmt **)plist_done(py, &hs);
    if (!st->handlers)
        return NULL;
    PTok *x = peek(py);
    if (is_word(py, x, "else")) {
        next(py);
        if (expect_op(py, ":") < 0 || !(st->orelse = parse_block(py, &st->norelse, x)))
            return NULL;
    }
    if (is_word(py, peek(py), "finally"))
        return parse_finally(py, st);
    return st;
}

static LangStmt *parse_compound(Py *py, int top)
{
    PTok *t = peek(py);
    if (is_word(py, t, "if")) {
        next(py);
        LangStmt *st = new_stmt(py, LANG_S_IF, t, top);
        if (!st || !(st->value = parse_test(py)) || expect_op(py, ":") < 0)
            return NULL;
        if (!(st->body = parse_block(py, &st->nbody, t)))
            return NULL;
        PTok *e = peek(py);
        if (is_word(py, e, "elif")) {
            LangStmt *inner = parse_compound(py, 0); /* elif parses as if */
            if (!inner)
                return NULL;
            st->orelse = alloc(py, sizeof *st->orelse);
            if (!st->orelse)
                return NULL;
            st->orelse[0] = inner;
            st->norelse = 1;
        } else if (is_word(py, e, "else")) {
            next(py);
            if (expect_op(py, ":") < 0 || !(st->orelse = parse_block(py, &st->norelse, e)))
                return NULL;
        }
        return st;
    }
    if (is_word(py, t, "elif")) {
        /* reached through the branch above: an elif is an if in orelse */
        PTok *e = next(py);
        LangStmt *st = new_stmt(py, LANG_S_IF, e, 0);
        if (!st || !(st->value = parse_test(py)) || expect_op(py, ":") < 0)
            return NULL;
        if (!(st->body = parse_block(py, &st->nbody, e)))
            return NULL;
        PTok *x = peek(py);
        if (is_word(py, x, "elif")) {
            LangStmt *inner = parse_compound(py, 0);
            if (!inner || !(st->orelse = alloc(py, sizeof *st->orelse)))
                return NULL;
            st->orelse[0] = inner;
            st->norelse = 1;
        } else if (is_word(py, x, "else")) {
            next(py);
            if (expect_op(py, ":") < 0 || !(st->orelse = parse_block(py, &st->norelse, x)))
                return NULL;
        }
        return st;
    }
    if (is_word(py, t, "while")) {
        next(py);
        LangStmt *st = new_stmt(py, LANG_S_WHILE, t, top);
        if (!st || !(st->value = parse_test(py)) || expect_op(py, ":") < 0)
            return NULL;
        return parse_loop_body(py, st, t);
    }
    if (is_word(py, t, "for"))
        return parse_for_in(py, t, top);
    if (is_word(py, t, "try"))
        return parse_try(py, t, top);
    if (is_word(py, t, "def")) {
        if (py->cur_func >= 0)
            return FAIL_TOK(
                py, t, "functions inside functions (closures) are not supported in gcviz programs");
        if (!top)
            return FAIL_TOK(
                py, t, "def is supported only at the top level of the program and in class bodies");
        LangStmt *st = NULL;
        return parse_def(py, t, -1, &st) < 0 ? NULL : st;
    }
    if (is_word(py, t, "class")) {
        if (!top)
            return FAIL_TOK(py, t, "class is supported only at the top level of gcviz programs");
        return parse_class(py, t);
    }
    return NULL;
}

static int is_compound(Py *py, const PTok *t)
{
    return is_word(py, t, "if") || is_word(py, t, "while") || is_word(py, t, "for") ||
           is_word(py, t, "def") || is_word(py, t, "class") || is_word(py, t, "try");
}

static LangStmt *parse_stmt(Py *py, int top)
{
    PTok *t = peek(py);
    py->stmt_tok = t;
    if (t->kind == P_INDENT)
        return FAIL_TOK(py, t, "unexpected indent");
    if (is_op(t, "@"))
        return FAIL_TOK(py, t, "decorators are not supported in gcviz programs");
    if (is_compound(py, t))
        return parse_compound(py, top);
    return parse_simple(py, top);
}

/* ":" was read; a NEWLINE INDENT stmts DEDENT block, or simple statements
 * on the same line. */
static LangStmt **parse_block(Py *py, int32_t *n, const PTok *header)
{
    PList body = {0};
    if (++py->block_depth > LANG_MAX_EXPR_DEPTH) {
        FAIL_TOK(py, header, "blocks nest too deep");
        return NULL;
    }
    if (peek(py)->kind != P_NEWLINE) {
        /* "if x: y = 1" */
        do {
            LangStmt *s = parse_simple(py, 0);
            if (!s || plist_add(py, &body, s) < 0)
                break;
            py->index++;
        } while (!py->failed && peek(py)->kind != P_NEWLINE && peek(py)->kind != P_EOF &&
                 peek(py)->kind != P_DEDENT && peek_at(py, -1)->kind != P_NEWLINE &&
                 !is_compound(py, peek(py)));
    } else {
        next(py);
        if (peek(py)->kind != P_INDENT) {
            FAIL_TOK(py, peek(py), "expected an indented block after line %d", header->line);
            free(body.v);
            py->block_depth--;
            return NULL;
        }
        next(py);
        while (peek(py)->kind != P_DEDENT && peek(py)->kind != P_EOF && !py->failed) {
            LangStmt *s = parse_stmt(py, 0);
            if (!s || plist_add(py, &body, s) < 0)
                break;
            py->index++;
        }
        if (peek(py)->kind == P_DEDENT)
            next(py);
    }
    py->block_depth--;
    if (py->failed) {
        free(body.v);
        return NULL;
    }
    *n = body.n;
    return (LangStmt **)plist_done(py, &body);
}

/* The docstring: title = first line, description = the rest (each line's
 * common indentation removed, as inspect.cleandoc does, simply, and its
 * lines joined by spaces). */
static void docstring(Py *py, const char *s, LangPyMeta *meta)
{
    while (*s == '\n' || *s == ' ')
        s++;
    const char *nl = strchr(s, '\n');
    size_t tl = nl ? (size_t)(nl - s) : strlen(s);
    while (tl > 0 && s[tl - 1] == ' ')
        tl--;
    char *title = alloc(py, tl + 1);
    if (!title)
        return;
    memcpy(title, s, tl);
    meta->title = title;
    if (!nl)
        return;
    const char *r = nl + 1;
    /* common indentation of the remaining non-blank lines */
    int common = -1;
    for (const char *l = r; *l;) {
        const char *e = strchr(l, '\n');
        size_t len = e ? (size_t)(e - l) : strlen(l);
        size_t ind = 0;
        while (ind < len && l[ind] == ' ')
            ind++;
        if (ind < len && (common < 0 || (int)ind < common))
            common = (int)ind;
        l = e ? e + 1 : l + len;
    }
    char *d = alloc(py, strlen(r) + 1);
    if (!d)
        return;
    size_t k = 0;
    for (const char *l = r; *l;) {
        const char *e = strchr(l, '\n');
        size_t len = e ? (size_t)(e - l) : strlen(l);
        size_t skip = common > 0 ? ((size_t)common < len ? (size_t)common : len) : 0;
        memcpy(d + k, l + skip, len - skip);
        k += len - skip;
        if (e)
            d[k++] = '\n';
        l = e ? e + 1 : l + len;
    }
    while (k > 0 && (d[k - 1] == '\n' || d[k - 1] == ' '))
        k--;
    size_t b = 0;
    while (b < k && d[b] == '\n')
        b++;
    /* The description is shown as one wrapped paragraph (window, picker,
     * slides): the docstring's line breaks, and blank lines between its
     * paragraphs, become single spaces. */
    size_t j = b;
    for (size_t i = b; i < k; i++) {
        if (d[i] == '\n') {
            while (i + 1 < k && d[i + 1] == '\n')
                i++;
            if (j > b && d[j - 1] != ' ')
                d[j++] = ' ';
        } else {
            d[j++] = d[i];
        }
    }
    d[j] = 0;
    if (j > b)
        meta->description = d + b;
}

/* ---- what the interpreter lacks, refused at load time ------------------ */

/* Python's built-in names that gcviz programs cannot use (print, len, str,
 * id, isinstance, type, hasattr, getattr, setattr and range are supported), and the methods of
 * lists, dicts and strings that lang_exec.c does not implement.  A program that uses one (and does
 * not define that name itself) would stop at run time with a NameError or AttributeError CPython
 * never raises: it is refused here, with its position, before anything runs. */
static const char *const PY_BUILTINS[] = {"aiter",        "all",         "anext",
                                          "any",          "ascii",       "bin",
                                          "bool",         "breakpoint",  "bytearray",
                                          "bytes",        "callable",    "chr",
                                          "classmethod",  "compile",     "complex",
                                          "delattr",      "dict",        "dir",
                                          "divmod",       "enumerate",   "eval",
                                          "exec",         "exit",        "filter",
                                          "float",        "format",      "frozenset",
                                          "globals",      "hash",        "help",
                                          "hex",          "input",       "int",
                                          "issubclass",   "iter",        "locals",
                                          "map",          "memoryview",  "next",
                                          "object",       "oct",         "open",
                                          "ord",          "pow",         "property",
                                          "quit",         "repr",        "reversed",
                                          "round",        "set",         "slice",
                                          "staticmethod", "super",       "vars",
                                          "zip",          "__import__",  "__build_class__",
                                          "__doc__",      "__file__",    "__spec__",
                                          "__loader__",   "__package__", "__builtins__",
                                          "__cached__",   NULL};

static const char *const PY_METHODS[] = {
    /* list and dict methods gcviz lacks (it has append extend insert remove pop clear index
       count copy, tuple count index, and get pop clear) */
    "fromkeys", "items", "keys", "popitem", "setdefault", "update", "values",
    /* str methods */
    "capitalize", "casefold", "center", "encode", "endswith", "expandtabs", "find", "format",
    "format_map", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier",
    "islower", "isnumeric", "isprintable", "isspace", "istitle", "isupper", "join", "ljust",
    "lower", "lstrip", "maketrans", "partition", "removeprefix", "removesuffix", "replace", "rfind",
    "rindex", "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith",
    "strip", "swapcase", "title", "translate", "upper", "zfill", NULL};

static const char *const GC_FUNCS[] = {
    "collect",          "enable",        "disable",    "isenabled", "get_count",
    "get_threshold",    "set_threshold", "is_tracked", "freeze",    "unfreeze",
    "get_freeze_count", "get_referents", NULL};

static int in_list(const char *const *list, const char *s)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

/* A visit of every statement and expression of the program: the top-level
 * steps and every function's body.  expr gets store = 1 for an assignment,
 * del or loop target (a name or attribute written, not read). */
typedef struct Visit {
    Py *py;
    int (*expr)(struct Visit *v, LangExpr *e, int store);
    int (*stmt)(struct Visit *v, LangStmt *s);
    int32_t atom; /* what the visitor looks for */
    int import_binds;
} Visit;

static int visit_expr(Visit *v, LangExpr *e, int store)
{
    if (!e)
        return 0;
    int r = v->expr(v, e, store);
    if (r)
        return r;
    if ((r = visit_expr(v, e->base, 0)) || (r = visit_expr(v, e->index, e->kind == LANG_E_COMPFOR)))
        return r;
    int items_store = store && (e->kind == LANG_E_TUPLE || e->kind == LANG_E_LIST);
    for (int32_t i = 0; i < e->nitems; i++)
        if ((r = visit_expr(v, e->items[i], items_store)))
            return r;
    for (int32_t i = 0; e->kind == LANG_E_DICT && e->keys && i < e->nitems; i++)
        if ((r = visit_expr(v, e->keys[i], 0)))
            return r;
    return 0;
}

static int visit_body(Visit *v, LangStmt **b, int32_t n);

static int visit_stmt(Visit *v, LangStmt *s)
{
    int r = v->stmt ? v->stmt(v, s) : 0;
    if (r)
        return r;
    int store = s->kind == LANG_S_ASSIGN || s->kind == LANG_S_AUGASSIGN ||
                s->kind == LANG_S_FOR_IN || s->kind == LANG_S_EXCEPT;
    if ((r = visit_expr(v, s->target, store)) || (r = visit_expr(v, s->value, 0)))
        return r;
    for (int32_t i = 0; i < s->ntargets; i++)
        if ((r = visit_expr(v, s->targets[i], 1)))
            return r;
    for (int32_t i = 0; i < s->nextra; i++)
        if ((r = visit_expr(v, s->extra[i], 1)))
            return r;
    if ((r = visit_body(v, s->body, s->nbody)) || (r = visit_body(v, s->handlers, s->nhandlers)) ||
        (r = visit_body(v, s->finalbody, s->nfinalbody)))
        return r;
    return visit_body(v, s->orelse, s->norelse);
}

static int visit_body(Visit *v, LangStmt **b, int32_t n)
{
    for (int32_t i = 0; i < n; i++) {
        int r = visit_stmt(v, b[i]);
        if (r)
            return r;
    }
    return 0;
}

static int visit_program(Visit *v)
{
    LangProgram *p = v->py->p;
    int r = 0;
    for (int32_t i = 0; !r && i < lang_step_count(p); i++)
        r = visit_stmt(v, lang_step(p, i));
    for (int32_t f = 0; !r && f < lang_func_count(p); f++)
        r = visit_body(v, lang_func(p, f)->body, lang_func(p, f)->nbody);
    return r;
}

/* Is v->atom bound as a name anywhere (assigned, a loop variable, a def,
 * a class, a parameter; an import only if v->import_binds)? */
static int binds_name(Visit *v, LangExpr *e, int store)
{
    return store && e->kind == LANG_E_NAME && e->atom == v->atom;
}

static int binds_name_stmt(Visit *v, LangStmt *s)
{
    if (s->kind == LANG_S_FOR && s->for_var == v->atom)
        return 1;
    if (s->kind == LANG_S_DEF || s->kind == LANG_S_CLASS ||
        (s->kind == LANG_S_IMPORT && v->import_binds))
        for (int32_t i = 0; i < s->nnames; i++)
            if (s->names[i] == v->atom)
                return 1;
    return 0;
}

static int memo_get(const Py *py, int32_t atom, int what)
{
    for (int i = 0; i < py->nmemo; i++)
        if (py->memo[i].atom == atom && py->memo[i].what == what)
            return py->memo[i].answer;
    return -1;
}

static int memo_put(Py *py, int32_t atom, int what, int answer)
{
    if (py->nmemo < (int)(sizeof py->memo / sizeof py->memo[0])) {
        py->memo[py->nmemo].atom = atom;
        py->memo[py->nmemo].what = (int8_t)what;
        py->memo[py->nmemo].answer = (int8_t)answer;
        py->nmemo++;
    }
    return answer;
}

static int name_bound_walk(Py *py, int32_t atom, int import_binds)
{
    for (int32_t f = 0; f < lang_func_count(py->p); f++) {
        const LangFunc *fn = lang_func(py->p, f);
        for (int32_t i = 0; i < fn->nparams; i++)
            if (fn->params[i] == atom)
                return 1;
    }
    Visit v = {py, binds_name, binds_name_stmt, atom, import_binds};
    return visit_program(&v);
}

static int name_bound(Py *py, int32_t atom, int import_binds)
{
    int m = memo_get(py, atom, import_binds);
    return m >= 0 ? m : memo_put(py, atom, import_binds, name_bound_walk(py, atom, import_binds));
}

/* Is the attribute name atom the program's own (a method or class
 * attribute of one of its classes, or an attribute it assigns)? */
static int binds_attr(Visit *v, LangExpr *e, int store)
{
    return store && e->kind == LANG_E_ATTR && e->atom == v->atom;
}

static int attr_defined(Py *py, int32_t atom)
{
    int m = memo_get(py, atom, 2);
    if (m >= 0)
        return m;
    for (int32_t k = 0; k < lang_class_count(py->p); k++) {
        const LangClass *c = lang_class(py->p, k);
        for (int32_t i = 0; i < c->nattrs; i++)
            if (c->attrs[i].name == atom)
                return memo_put(py, atom, 2, 1);
    }
    Visit v = {py, binds_attr, NULL, atom, 0};
    return memo_put(py, atom, 2, visit_program(&v));
}

/* The callee of a call allowed only as what a for loop or a comprehension
 * iterates (lang_exec.c iter_open_call): enumerate(...), x.items(),
 * x.keys(), x.values().  Marked with is_const = ITER_CALLEE (is_const is
 * read for tuples only). */
#define ITER_CALLEE 2

static void mark_iter_call(Py *py, LangExpr *x)
{
    if (!x || x->kind != LANG_E_CALL)
        return;
    LangExpr *b = x->base;
    const char *n = atom_s(py, b->atom);
    if ((b->kind == LANG_E_NAME && strcmp(n, "enumerate") == 0) ||
        (b->kind == LANG_E_ATTR &&
         (strcmp(n, "items") == 0 || strcmp(n, "keys") == 0 || strcmp(n, "values") == 0)))
        b->is_const = ITER_CALLEE;
}

/* gc.callbacks.append(f), .remove(f), .clear(): gc.callbacks marked
 * LANG_GC_CALLBACKS (the module gc imported, not rebound). */
static void mark_gc_callbacks(Py *py, LangExpr *e)
{
    LangExpr *b = e->base, *l = b ? b->base : NULL;
    if (b->kind != LANG_E_ATTR || !l || l->kind != LANG_E_ATTR || !l->base ||
        l->base->kind != LANG_E_NAME || strcmp(atom_s(py, l->atom), "callbacks") != 0 ||
        strcmp(atom_s(py, l->base->atom), "gc") != 0 || name_bound(py, l->base->atom, 0) ||
        !name_bound(py, l->base->atom, 1))
        return;
    const char *m = atom_s(py, b->atom);
    if (strcmp(m, "append") == 0 || strcmp(m, "remove") == 0 || strcmp(m, "clear") == 0)
        l->is_const = LANG_GC_CALLBACKS;
}

static int mark_iter_expr(Visit *v, LangExpr *e, int store)
{
    (void)store;
    if (e->kind == LANG_E_COMPFOR)
        mark_iter_call(v->py, e->base);
    if (e->kind == LANG_E_CALL)
        mark_gc_callbacks(v->py, e);
    return 0;
}

static int mark_iter_stmt(Visit *v, LangStmt *s)
{
    if (s->kind == LANG_S_FOR_IN)
        mark_iter_call(v->py, s->value);
    return 0;
}

/* super().name(...) in a method (v->atom: its function): the one form of
 * super() a program may write (lang_exec.c call_super).  The name super
 * is marked LANG_SUPER_CALL (ival: the function), the function
 * uses_super: CPython's compiler gives it the class body's __class__
 * cell as its closure. */
static int mark_super_expr(Visit *v, LangExpr *e, int store)
{
    (void)store;
    LangExpr *b = e->kind == LANG_E_CALL ? e->base : NULL;
    LangExpr *s = b && b->kind == LANG_E_ATTR ? b->base : NULL;
    if (!s || s->kind != LANG_E_CALL || s->nitems != 0 || s->base->kind != LANG_E_NAME ||
        strcmp(atom_s(v->py, s->base->atom), "super") != 0 || name_bound(v->py, s->base->atom, 1))
        return 0;
    s->base->is_const = LANG_SUPER_CALL;
    s->base->ival = v->atom;
    ((LangFunc *)lang_func(v->py->p, v->atom))->uses_super = 1;
    return 0;
}

static void mark_super(Py *py)
{
    for (int32_t f = 0; f < lang_func_count(py->p); f++) {
        const LangFunc *fn = lang_func(py->p, f);
        Visit v = {py, mark_super_expr, NULL, f, 0};
        if (fn->cls >= 0)
            visit_body(&v, fn->body, fn->nbody);
    }
}

/* A call with keyword arguments (e->keys): of a name or attribute the
 * program binds itself (its functions, classes, methods: lang_exec.c
 * binds the keywords as CPython does, and reports a callee that takes
 * none), of any other expression (a value the program made), or of the
 * built-ins print, sorted, min, max and list.sort with their keywords.
 * Anything else (len(x=1), gc.collect(generation=2)) is refused here. */
static int refuse_keywords(Py *py, const LangExpr *e)
{
    static const char *const MODULES[] = {"gc", "sys", "weakref", NULL};
    const LangExpr *b = e->base;
    int own = 1;
    if (b->kind == LANG_E_NAME)
        own = name_bound(py, b->atom, 1);
    else if (b->kind == LANG_E_ATTR)
        own = attr_defined(py, b->atom) &&
              !(b->base->kind == LANG_E_NAME && in_list(MODULES, atom_s(py, b->base->atom)) &&
                !name_bound(py, b->base->atom, 0));
    if (own)
        return 0;
    const char *const *kws = call_keywords(py, b);
    if (!kws) {
        fail_at(py, b->line, b->col,
                "keyword arguments are supported in gcviz programs only for the program's own "
                "functions, methods and classes, print(sep=..., end=...), sorted(x, key=..., "
                "reverse=...), x.sort(key=..., reverse=...), min(x, key=...) and max(x, "
                "key=...): not for %s%s%s()",
                b->kind == LANG_E_ATTR && b->base->kind == LANG_E_NAME ? atom_s(py, b->base->atom)
                                                                       : "",
                b->kind == LANG_E_ATTR ? "." : "", atom_s(py, b->atom));
        return 1;
    }
    for (int32_t i = 0; i < e->nitems; i++) {
        const char *k = e->keys[i] ? atom_s(py, e->keys[i]->atom) : NULL;
        if (k && !in_list(kws + 1, k)) {
            fail_at(py, e->keys[i]->line, e->keys[i]->col,
                    "%s() keyword '%s' is not supported (%s only)", kws[0], k,
                    kws[2] ? (kws[1][0] == 's' ? "sep and end" : "key and reverse") : "key");
            return 1;
        }
    }
    return 0;
}

static int refuse_unsupported(Visit *v, LangExpr *e, int store)
{
    Py *py = v->py;
    if ((e->kind == LANG_E_NAME || e->kind == LANG_E_ATTR) && e->is_const == ITER_CALLEE)
        return 0;
    if (e->kind == LANG_E_NAME && e->is_const == LANG_SUPER_CALL)
        return 0;
    if (e->kind == LANG_E_ATTR && e->is_const == LANG_GC_CALLBACKS)
        return 0;
    if (store && e->kind == LANG_E_NAME && strcmp(atom_s(py, e->atom), "__name__") == 0) {
        fail_at(py, e->line, e->col,
                "assigning or deleting __name__ is not supported in gcviz programs (it reads "
                "'__main__')");
        return 1;
    }
    if (store)
        return 0;
    if (e->kind == LANG_E_CALL && e->keys && refuse_keywords(py, e))
        return 1;
    if (e->kind == LANG_E_NAME) {
        const char *n = atom_s(py, e->atom);
        if (!in_list(PY_BUILTINS, n) || name_bound(py, e->atom, 1))
            return 0;
        const char *hint = "";
        if (strcmp(n, "super") == 0) {
            fail_at(py, e->line, e->col,
                    "super() is supported in gcviz programs only as super().name(...) in a "
                    "method (without arguments, its result called at once)");
            return 1;
        } else if (strcmp(n, "dict") == 0)
            hint = "; write a display instead: {}";
        else if (strcmp(n, "enumerate") == 0)
            hint = "; enumerate(x) only as what a for loop or a comprehension iterates";
        else if (n[0] == '_')
            hint = "; of the module's names only __name__ is";
        fail_at(py, e->line, e->col,
                "'%s' is not supported in gcviz programs (the built-ins here are print, len, str, "
                "id, isinstance, type, hasattr, getattr, setattr, range, enumerate, abs, min, "
                "max, sum, sorted, list and tuple%s)",
                n, hint);
        return 1;
    }
    if (e->kind != LANG_E_ATTR)
        return 0;
    const char *n = atom_s(py, e->atom);
    const char *mod = e->base && e->base->kind == LANG_E_NAME ? atom_s(py, e->base->atom) : "";
    if ((strcmp(mod, "gc") == 0 || strcmp(mod, "sys") == 0 || strcmp(mod, "weakref") == 0) &&
        !name_bound(py, e->base->atom, 0) && name_bound(py, e->base->atom, 1)) {
        /* an attribute of an imported module */
        const char *has = NULL;
        if (strcmp(mod, "gc") == 0 && strcmp(n, "callbacks") == 0) {
            fail_at(py, e->line, e->col,
                    "gc.callbacks is supported in gcviz programs only as "
                    "gc.callbacks.append(f), gc.callbacks.remove(f) and gc.callbacks.clear()");
            return 1;
        }
        if (strcmp(mod, "gc") == 0 && !in_list(GC_FUNCS, n))
            has = "collect, enable, disable, isenabled, get_count, get_threshold, set_threshold, "
                  "is_tracked, freeze, unfreeze, get_freeze_count and get_referents";
        else if (strcmp(mod, "sys") == 0 && strcmp(n, "getrefcount") != 0)
            has = "getrefcount";
        else if (strcmp(mod, "weakref") == 0 && strcmp(n, "ref") != 0)
            has = "ref";
        if (!has)
            return 0;
        fail_at(py, e->line, e->col, "%s.%s is not supported in gcviz programs (%s has only %s)",
                mod, n, mod, has);
        return 1;
    }
    if (!in_list(PY_METHODS, n) || attr_defined(py, e->atom))
        return 0;
    fail_at(py, e->line, e->col,
            "the method '%s' is not supported in gcviz programs (lists have append, extend, "
            "insert, remove, pop, clear, index, sort and reverse; dicts get, pop and clear, and "
            "items, keys and "
            "values only as what a for loop or a comprehension iterates; strings none)",
            n);
    return 1;
}

/* The comprehensions of a statement tree: each outermost one at module
 * level gets its hidden names (rename_comp); in a function (func >= 0),
 * one that binds a name the function declares global is refused. */
typedef struct CompPass {
    Py *py;
    int in_func;
    AList globals;
} CompPass;

static const LangExpr *find_lambda(const LangExpr *x)
{
    if (!x || x->kind == LANG_E_LAMBDA)
        return x;
    const LangExpr *l = find_lambda(x->base);
    if (!l)
        l = find_lambda(x->index);
    for (int32_t i = 0; !l && i < x->nitems; i++) {
        l = find_lambda(x->items[i]);
        if (!l && x->kind == LANG_E_DICT)
            l = find_lambda(x->keys[i]);
    }
    return l;
}

static void comp_pass_expr(CompPass *cp, LangExpr *x)
{
    Py *py = cp->py;
    if (!x || py->failed)
        return;
    if (x->kind == LANG_E_LISTCOMP || x->kind == LANG_E_DICTCOMP) {
        const LangExpr *l = find_lambda(x);
        if (l) {
            fail_at(py, l->line, l->col,
                    "a lambda inside a comprehension is not supported in gcviz programs (it "
                    "would capture the comprehension's names): use a def");
            return;
        }
        if (!cp->in_func) {
            AList scope = {0};
            rename_comp(py, x, &scope);
            free(scope.v);
            return;
        }
        for (int32_t i = 0; i < x->nlocals; i++)
            if (alist_has(&cp->globals, x->ops[i])) {
                fail_at(py, x->line, x->col,
                        "a comprehension binding '%s', which its function declares global, is "
                        "not supported in gcviz programs",
                        atom_s(py, x->ops[i]));
                return;
            }
    }
    comp_pass_expr(cp, x->base);
    comp_pass_expr(cp, x->index);
    for (int32_t i = 0; i < x->nitems; i++) {
        comp_pass_expr(cp, x->items[i]);
        if (x->kind == LANG_E_DICT)
            comp_pass_expr(cp, x->keys[i]);
    }
}

static void comp_pass_body(CompPass *cp, LangStmt **b, int32_t n, int globals_only)
{
    for (int32_t i = 0; i < n && !cp->py->failed; i++) {
        LangStmt *s = b[i];
        if (globals_only) {
            for (int32_t k = 0; s->kind == LANG_S_GLOBAL && k < s->nnames; k++)
                alist_add(cp->py, &cp->globals, s->names[k]);
        } else {
            comp_pass_expr(cp, s->target);
            comp_pass_expr(cp, s->value);
            for (int32_t k = 0; k < s->ntargets; k++)
                comp_pass_expr(cp, s->targets[k]);
            for (int32_t k = 0; k < s->nextra; k++)
                comp_pass_expr(cp, s->extra[k]);
        }
        comp_pass_body(cp, s->body, s->nbody, globals_only);
        comp_pass_body(cp, s->handlers, s->nhandlers, globals_only);
        comp_pass_body(cp, s->orelse, s->norelse, globals_only);
        comp_pass_body(cp, s->finalbody, s->nfinalbody, globals_only);
    }
}

static void comp_pass(Py *py)
{
    CompPass cp = {py, 0, {0}};
    for (int32_t i = 0; i < lang_step_count(py->p) && !py->failed; i++) {
        LangStmt *s = lang_step(py->p, i);
        comp_pass_body(&cp, &s, 1, 0);
    }
    cp.in_func = 1;
    for (int32_t f = 0; f < lang_func_count(py->p) && !py->failed; f++) {
        const LangFunc *fn = lang_func(py->p, f);
        cp.globals.n = 0;
        comp_pass_body(&cp, fn->body, fn->nbody, 1);
        comp_pass_body(&cp, fn->body, fn->nbody, 0);
    }
    free(cp.globals.v);
}

/* Counts the bindings of v->atom (in import_binds, abused as a counter). */
static int count_binds(Visit *v, LangExpr *e, int store)
{
    v->import_binds += binds_name(v, e, store);
    return 0;
}

static int count_binds_stmt(Visit *v, LangStmt *s)
{
    int saved = v->import_binds;
    v->import_binds = 1;
    int b = binds_name_stmt(v, s);
    v->import_binds = saved + b;
    return 0;
}

/* A lambda statement's name bound anywhere else (another assignment, a
 * del, a loop, a def, a parameter): the function object could die there,
 * which the interpreter does not model (it keeps functions until the
 * exit). */
static void refuse_rebound_lambdas(Py *py)
{
    for (int32_t i = 0; i < lang_step_count(py->p) && !py->failed; i++) {
        LangStmt *s = lang_step(py->p, i);
        if (s->kind != LANG_S_DEF ||
            strcmp(atom_s(py, lang_func(py->p, s->func)->name), "<lambda>"))
            continue;
        int32_t a = s->names[0];
        Visit v = {py, count_binds, count_binds_stmt, a, 0};
        visit_program(&v);
        int params = 0;
        for (int32_t f = 0; f < lang_func_count(py->p); f++)
            for (int32_t k = 0; k < lang_func(py->p, f)->nparams; k++)
                params += lang_func(py->p, f)->params[k] == a;
        if (v.import_binds + params > 1) {
            const LangLoc *l = lang_loc(py->p, s->loc);
            fail_at(py, l->line, l->col,
                    "'%s' holds a lambda and is bound again elsewhere: not supported in gcviz "
                    "programs (the lambda's function object would die there, which gcviz does "
                    "not model; use another name, or def)",
                    atom_s(py, a));
        }
    }
}

static void refuse_unsupported_names(Py *py)
{
    Visit m = {py, mark_iter_expr, mark_iter_stmt, 0, 0};
    visit_program(&m);
    mark_super(py);
    Visit v = {py, refuse_unsupported, NULL, 0, 0};
    visit_program(&v);
    if (!py->failed)
        refuse_rebound_lambdas(py);
}

int lang_py_compile(LangProgram *p, const char *text, size_t len, LangPyMeta *meta,
                    void (*report)(void *ctx, int line, int col, const char *msg), void *ctx)
{
    Py py;
    memset(&py, 0, sizeof py);
    LangPyMeta scratch;
    if (!meta)
        meta = &scratch;
    memset(meta, 0, sizeof *meta);
    if (len > INT32_MAX / 2) {
        if (report)
            report(ctx, 0, 0, "program too large");
        return 1;
    }
    py.p = p;
    py.text = text;
    py.len = (int32_t)len;
    py.report = report;
    py.ctx = ctx;
    py.cur_func = -1;
    py.cur_class = -1;
    py.owner = -1;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == 0) {
            int line = 1;
            for (size_t k = 0; k < i; k++)
                line += text[k] == '\n';
            if (report)
                report(ctx, line, 1, "source code cannot contain null bytes");
            return 1;
        }
        py.nlines += text[i] == '\n';
    }
    py.nlines++;
    py.lines = calloc((size_t)py.nlines, sizeof *py.lines);
    char *src = malloc(len + 1);
    if (!py.lines || !src) {
        free(py.lines);
        free(src);
        return -1;
    }
    memcpy(src, text, len);
    src[len] = 0;
    lang_set_source(p, src);
    free(src);
    py.a_print = intern_n(&py, "print", 5);
    if (!lang_source(p) || py.a_print < 0)
        py.oom = 1;
    if (!py.oom && tokenize(&py) == 0) {
        int first = 1;
        while (peek(&py)->kind != P_EOF && !py.failed) {
            PTok *t = peek(&py);
            if (t->kind == P_NEWLINE) {
                next(&py);
                continue;
            }
            if (first && t->kind == P_STR && peek_at(&py, 1)->kind == P_NEWLINE) {
                docstring(&py, atom_s(&py, t->atom), meta);
                next(&py);
                next(&py);
                first = 0;
                continue;
            }
            first = 0;
            py.index = lang_step_count(p);
            LangStmt *s = parse_stmt(&py, 1);
            if (!s)
                break;
            if (lang_add_step(p, s) < 0)
                oom(&py);
        }
        if (!py.failed && lang_step_count(p) == 0)
            fail_at(&py, 1, 1, "the program has no statements");
        if (!py.failed)
            comp_pass(&py);
        if (!py.failed)
            refuse_unsupported_names(&py);
        if (!py.failed) {
            LangLoc loc;
            memset(&loc, 0, sizeof loc);
            loc.path = "exit";
            loc.text = "<exit>";
            loc.line = peek(&py)->line;
            loc.col = 1;
            loc.owner = -1;
            loc.index = lang_step_count(p);
            int32_t l = lang_add_loc(p, &loc);
            if (l < 0)
                py.oom = 1;
            lang_set_exit_loc(p, l);
        }
    }
    free(py.toks);
    free(py.lines);
    if (py.oom)
        return -1;
    return py.failed ? 1 : 0;
}
