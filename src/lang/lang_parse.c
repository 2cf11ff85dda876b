/*
 * lang_parse.c: the tokenizer and recursive-descent parser for one
 * statement of the gcviz Python subset (DESIGN.md 2), and for the header
 * "i in range(N)" of a loop.
 *
 * Start reading at lang_parse_stmt.  A statement is first cut into tokens
 * (tokenize: rejects characters, literals, keywords and operators outside
 * the language, and checks bracket matching and nesting), then parsed
 * (parse_expr and friends), then checked once more as a whole (check_modules:
 * gc and weakref may only be used to call their functions).
 *
 * Invariants the interpreter relies on:
 *  - brackets nest at most LANG_MAX_EXPR_DEPTH deep, and every expression
 *    tree has at most LANG_MAX_EXPR_DEPTH levels of non-leaf nodes, so the
 *    parser and any recursive walk of a tree are bounded;
 *  - a CALL's base is a NAME (function, class, weakref variable) or an
 *    ATTR: gc.<collect|enable|disable|set_threshold|freeze|unfreeze>,
 *    weakref.ref, or <expr>.<append|pop|clear> with a valid argument count;
 *  - the names gc and weakref appear only as the base of such an ATTR, or
 *    as a bare assignment/del target (left for lang_validate to report);
 *  - dict keys are STR or INT nodes; a tuple of constants has is_const = 1
 *    and atom = its Python repr.
 * Never aborts on bad input: every failure is a NULL return with err set.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"

#define MAX_STR_BYTES 200

enum { T_EOF, T_NAME, T_INT, T_STR, T_OP };

enum { KW_NONE_ = 0, KW_NONE, KW_TRUE, KW_FALSE, KW_PASS, KW_DEL, KW_RETURN, KW_GLOBAL, KW_IN };

typedef struct Tok {
    uint8_t kind;
    uint8_t kw;     /* T_NAME: KW_* or 0 */
    char op[4];     /* T_OP */
    int32_t col, len;
    int64_t ival;   /* T_INT (without sign) */
    int32_t atom;   /* T_NAME, T_STR */
} Tok;

typedef struct Parser {
    LangProgram *p;
    const char *text;
    int32_t len;
    Tok *toks;
    int32_t ntok, pos;
    LangError *err;
    int failed;
    int rec;        /* current recursion depth of parse_expr */
    int32_t a_gc, a_weakref;
} Parser;

/* ---- errors ------------------------------------------------------------- */

static void *fail(Parser *ps, int col, const char *fmt, ...)
{
    if (ps->failed)
        return NULL;
    ps->failed = 1;
    if (ps->err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(ps->err->msg, sizeof ps->err->msg, fmt, ap);
        va_end(ap);
        ps->err->col = col;
    }
    return NULL;
}

static void set_error(LangError *err, int col, const char *msg)
{
    if (!err)
        return;
    err->col = col;
    snprintf(err->msg, sizeof err->msg, "%s", msg);
}

/* The source text of a token, shortened for messages. */
static void tok_text(const Parser *ps, const Tok *t, char *out, size_t size)
{
    int n = t->len;
    const char *dots = "";
    if (n > 24) {
        n = 24;
        dots = "...";
    }
    snprintf(out, size, "%.*s%s", n, ps->text + t->col, dots);
}

static int is_op(const Tok *t, const char *op)
{
    return t->kind == T_OP && strcmp(t->op, op) == 0;
}

static const char *const AUG_OPS[] = {"+=", "-=", "*=", "/=", "//=", "%=", "@=", "&=",
                                      "|=", "^=", ">>=", "<<=", "**=", NULL};

static int is_aug_op(const Tok *t)
{
    for (int i = 0; AUG_OPS[i]; i++)
        if (is_op(t, AUG_OPS[i]))
            return 1;
    return 0;
}

/* The error for a token that cannot stand where it is. */
static void *unexpected(Parser *ps, const Tok *t)
{
    char buf[40];
    if (t->kind == T_EOF)
        return fail(ps, t->col, "invalid syntax: unexpected end of statement");
    if (t->kind == T_OP) {
        if (is_op(t, ";"))
            return fail(ps, t->col, "one statement per step: ';' is not supported");
        if (is_aug_op(t))
            return fail(ps, t->col, "augmented assignment ('%s') is not supported", t->op);
        if (is_op(t, ":="))
            return fail(ps, t->col, "assignment expressions (':=') are not supported");
        if (is_op(t, "*") || is_op(t, "**"))
            return fail(ps, t->col, "operator '%s' is not supported (no arithmetic, no unpacking)",
                        t->op);
        if (strchr("()[]{},:.=", t->op[0]) && t->op[1] == '\0')
            return fail(ps, t->col, "invalid syntax: unexpected '%s'", t->op);
        return fail(ps, t->col, "operator '%s' is not supported in gcviz scenarios", t->op);
    }
    tok_text(ps, t, buf, sizeof buf);
    return fail(ps, t->col, "invalid syntax: unexpected '%s'", buf);
}

/* ---- the tokenizer ------------------------------------------------------ */

typedef struct KwInfo {
    const char *word;
    const char *msg; /* NULL: a keyword of the language (kw set) */
    int kw;
} KwInfo;

static const KwInfo KEYWORDS[] = {
    {"None", NULL, KW_NONE},
    {"True", NULL, KW_TRUE},
    {"False", NULL, KW_FALSE},
    {"pass", NULL, KW_PASS},
    {"del", NULL, KW_DEL},
    {"return", NULL, KW_RETURN},
    {"global", NULL, KW_GLOBAL},
    {"in", NULL, KW_IN}, /* only in a loop header; rejected elsewhere */
    {"import", "'import' is not supported: gc and weakref are always available", 0},
    {"from", "'from' is not supported: gc and weakref are always available", 0},
    {"def", "'def' is not supported: declare functions under \"functions\"", 0},
    {"class", "'class' is not supported: declare classes under \"classes\"", 0},
    {"for",
     "'for' is not supported inside a statement: write a loop as "
     "{\"for\": \"i in range(N)\", \"body\": [...]}",
     0},
    {"while", "'while' is not supported: scenarios are straight-line code", 0},
    {"if", "'if' is not supported: scenarios are straight-line code", 0},
    {"elif", "'elif' is not supported: scenarios are straight-line code", 0},
    {"else", "'else' is not supported: scenarios are straight-line code", 0},
    {"and", "'and' is not supported: gcviz scenarios have no operators", 0},
    {"or", "'or' is not supported: gcviz scenarios have no operators", 0},
    {"not", "'not' is not supported: gcviz scenarios have no operators", 0},
    {"is", "'is' is not supported: gcviz scenarios have no operators", 0},
    {"lambda", "'lambda' is not supported in gcviz scenarios", 0},
    {"yield", "'yield' is not supported in gcviz scenarios", 0},
    {"async", "'async' is not supported in gcviz scenarios", 0},
    {"await", "'await' is not supported in gcviz scenarios", 0},
    {"with", "'with' is not supported in gcviz scenarios", 0},
    {"try", "'try' is not supported in gcviz scenarios", 0},
    {"except", "'except' is not supported in gcviz scenarios", 0},
    {"finally", "'finally' is not supported in gcviz scenarios", 0},
    {"raise", "'raise' is not supported in gcviz scenarios", 0},
    {"assert", "'assert' is not supported in gcviz scenarios", 0},
    {"break", "'break' is not supported in gcviz scenarios", 0},
    {"continue", "'continue' is not supported in gcviz scenarios", 0},
    {"nonlocal", "'nonlocal' is not supported in gcviz scenarios", 0},
    {"as", "'as' is not supported in gcviz scenarios", 0},
    /* builtins that would reach outside the simulation */
    {"exec", "'exec' is not supported in gcviz scenarios", 0},
    {"eval", "'eval' is not supported in gcviz scenarios", 0},
    {"compile", "'compile' is not supported in gcviz scenarios", 0},
    {"open", "'open' is not supported in gcviz scenarios", 0},
    {"print", "'print' is not supported in gcviz scenarios: use \"say\" for captions", 0},
    {"input", "'input' is not supported in gcviz scenarios", 0},
    {"getattr", "'getattr' is not supported in gcviz scenarios", 0},
    {"setattr", "'setattr' is not supported in gcviz scenarios", 0},
    {"delattr", "'delattr' is not supported in gcviz scenarios", 0},
    {"globals", "'globals' is not supported in gcviz scenarios", 0},
    {"locals", "'locals' is not supported in gcviz scenarios", 0},
    {"vars", "'vars' is not supported in gcviz scenarios", 0},
    {"breakpoint", "'breakpoint' is not supported in gcviz scenarios", 0},
    {"exit", "'exit' is not supported in gcviz scenarios", 0},
    {"quit", "'quit' is not supported in gcviz scenarios", 0},
    {NULL, NULL, 0},
};

/* Longest match first. */
static const char *const OPS[] = {
    "**=", "//=", ">>=", "<<=", "...", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->",
    ":=",  "+=",  "-=",  "*=",  "/=",  "%=", "@=", "&=", "|=", "^=", "+",  "-",  "*",  "/",
    "%",   "@",   "&",   "|",   "^",   "~",  "<",  ">",  "=",  ".",  ",",  ":",  ";",  "(",
    ")",   "[",   "]",   "{",   "}",   NULL};

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* Characters no statement may contain anywhere (strings and comments too). */
static int bad_char(Parser *ps, int32_t i)
{
    unsigned char c = (unsigned char)ps->text[i];
    if (c >= 0x80) {
        fail(ps, i, "non-ASCII character (byte 0x%02X): statements must be plain ASCII", c);
        return 1;
    }
    if (c == '\n' || c == '\r') {
        fail(ps, i, "a statement must fit on one line (found a line break)");
        return 1;
    }
    if ((c < 0x20 && c != '\t') || c == 0x7f) {
        fail(ps, i, "control character 0x%02X is not allowed", c);
        return 1;
    }
    return 0;
}

static int lex_name(Parser *ps, int32_t i, Tok *t, int for_header)
{
    const char *s = ps->text;
    int32_t j = i;
    while (j < ps->len && (is_alpha(s[j]) || is_digit(s[j])))
        j++;
    int32_t n = j - i;
    t->kind = T_NAME;
    t->len = n;
    if (j < ps->len && (s[j] == '\'' || s[j] == '"') && n <= 2) {
        int prefix = 1;
        for (int32_t k = i; k < j; k++)
            if (!strchr("rRbBuUfF", s[k]))
                prefix = 0;
        if (prefix) {
            fail(ps, i, "string prefixes (f'', b'', r'', u'') are not supported");
            return -1;
        }
    }
    if (n > LANG_MAX_IDENT_LEN) {
        fail(ps, i, "identifier longer than %d characters", LANG_MAX_IDENT_LEN);
        return -1;
    }
    if (n >= 2 && s[i] == '_' && s[i + 1] == '_') {
        fail(ps, i, "'%.*s': names starting with '__' are not supported", (int)n, s + i);
        return -1;
    }
    for (const KwInfo *k = KEYWORDS; k->word; k++) {
        if ((int32_t)strlen(k->word) == n && memcmp(k->word, s + i, (size_t)n) == 0) {
            if (k->msg) {
                if (!(for_header && k->kw == 0 && strcmp(k->word, "for") == 0)) {
                    fail(ps, i, "%s", k->msg);
                    return -1;
                }
                /* "for i in range(N)" as a loop header: said by the caller */
                fail(ps, i,
                     "write the loop header without 'for': {\"for\": \"i in range(N)\", ...}");
                return -1;
            }
            if (k->kw == KW_IN && !for_header) {
                fail(ps, i, "'in' is not supported: gcviz scenarios have no operators");
                return -1;
            }
            t->kw = (uint8_t)k->kw;
            break;
        }
    }
    t->atom = gc_strtab_intern(lang_atoms(ps->p), s + i, (size_t)n);
    if (t->atom < 0) {
        fail(ps, i, "out of memory");
        return -1;
    }
    return j;
}

static int lex_number(Parser *ps, int32_t i, Tok *t)
{
    const char *s = ps->text;
    int32_t j = i;
    int64_t v = 0;
    int big = 0;
    while (j < ps->len && is_digit(s[j])) {
        if (v >= GC_INT_MAX)
            big = 1; /* stays big; v stays small enough not to overflow */
        else
            v = v * 10 + (s[j] - '0');
        j++;
    }
    char c = j < ps->len ? s[j] : '\0';
    if (c == '.' || ((c == 'e' || c == 'E') && j + 1 < ps->len &&
                     (is_digit(s[j + 1]) || s[j + 1] == '+' || s[j + 1] == '-'))) {
        fail(ps, i, "floating-point numbers are not supported: use integers");
        return -1;
    }
    if (c == 'j' || c == 'J') {
        fail(ps, i, "complex numbers are not supported");
        return -1;
    }
    if (s[i] == '0' && j == i + 1 && strchr("xXoObB", c) && c) {
        fail(ps, i, "only decimal integers are supported");
        return -1;
    }
    if (c == '_') {
        fail(ps, i, "digit separators ('_') are not supported");
        return -1;
    }
    if (is_alpha(c) || is_digit(c)) {
        fail(ps, i, "invalid decimal literal");
        return -1;
    }
    if (s[i] == '0') {
        for (int32_t k = i; k < j; k++)
            if (s[k] != '0') {
                fail(ps, i,
                     "leading zeros in decimal integer literals are not permitted; "
                     "use an 0o prefix for octal integers");
                return -1;
            }
    }
    if (big || v >= GC_INT_MAX) {
        fail(ps, i, "integer literal too large (the limit is 2**58 - 1)");
        return -1;
    }
    t->kind = T_INT;
    t->ival = v;
    t->len = j - i;
    return j;
}

static int lex_string(Parser *ps, int32_t i, Tok *t)
{
    const char *s = ps->text;
    char q = s[i];
    char buf[MAX_STR_BYTES + 1];
    int n = 0;
    if (i + 2 < ps->len && s[i + 1] == q && s[i + 2] == q) {
        fail(ps, i, "triple-quoted strings are not supported");
        return -1;
    }
    int32_t j = i + 1;
    for (;;) {
        if (j >= ps->len) {
            fail(ps, i, "unterminated string literal");
            return -1;
        }
        if (bad_char(ps, j))
            return -1;
        char c = s[j];
        if (c == q)
            break;
        if (c == '\\') {
            if (j + 1 >= ps->len) {
                fail(ps, i, "unterminated string literal");
                return -1;
            }
            if (bad_char(ps, j + 1))
                return -1;
            char e = s[j + 1];
            switch (e) {
            case '\\': c = '\\'; break;
            case '\'': c = '\''; break;
            case '"': c = '"'; break;
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            default:
                fail(ps, j, "unsupported escape sequence '\\%c' (supported: \\\\ \\' \\\" \\n \\t)",
                     e);
                return -1;
            }
            j += 2;
        } else {
            j++;
        }
        if (n == MAX_STR_BYTES) {
            fail(ps, i, "string literal longer than %d bytes", MAX_STR_BYTES);
            return -1;
        }
        buf[n++] = c;
    }
    t->kind = T_STR;
    t->len = j + 1 - i;
    t->atom = gc_strtab_intern(lang_atoms(ps->p), buf, (size_t)n);
    if (t->atom < 0) {
        fail(ps, i, "out of memory");
        return -1;
    }
    return j + 1;
}

/* Cuts ps->text into ps->toks (ending with T_EOF).  Returns 0 or -1. */
static int tokenize(Parser *ps, int for_header)
{
    const char *s = ps->text;
    char stack[LANG_MAX_EXPR_DEPTH];
    int32_t stack_col[LANG_MAX_EXPR_DEPTH];
    int depth = 0;
    int32_t i = 0;
    ps->ntok = 0;
    if (ps->len > 0 && (s[0] == ' ' || s[0] == '\t'))
        return fail(ps, 0, "unexpected indent"), -1;
    while (i < ps->len) {
        char c = s[i];
        if (c == ' ' || c == '\t') {
            i++;
            continue;
        }
        if (c == '#') { /* a comment runs to the end */
            for (int32_t k = i; k < ps->len; k++)
                if (bad_char(ps, k))
                    return -1;
            break;
        }
        if (bad_char(ps, i))
            return -1;
        Tok *t = &ps->toks[ps->ntok];
        memset(t, 0, sizeof *t);
        t->col = i;
        int32_t j;
        if (is_alpha(c)) {
            j = lex_name(ps, i, t, for_header);
        } else if (is_digit(c)) {
            j = lex_number(ps, i, t);
        } else if (c == '\'' || c == '"') {
            j = lex_string(ps, i, t);
        } else if (c == '.' && i + 1 < ps->len && is_digit(s[i + 1])) {
            fail(ps, i, "floating-point numbers are not supported: use integers");
            j = -1;
        } else {
            const char *op = NULL;
            for (int k = 0; OPS[k]; k++) {
                size_t n = strlen(OPS[k]);
                if (strncmp(s + i, OPS[k], n) == 0) {
                    op = OPS[k];
                    break;
                }
            }
            if (!op) {
                if (c == '!')
                    fail(ps, i, "invalid syntax: unexpected '!'");
                else if (c == '\\')
                    fail(ps, i, "line continuation ('\\') is not supported");
                else
                    fail(ps, i, "invalid character '%c'", c);
                return -1;
            }
            if (strcmp(op, "...") == 0)
                return fail(ps, i, "'...' (Ellipsis) is not supported"), -1;
            t->kind = T_OP;
            strcpy(t->op, op);
            t->len = (int32_t)strlen(op);
            j = i + t->len;
            if (strchr("([{", c)) {
                if (depth == LANG_MAX_EXPR_DEPTH)
                    return fail(ps, i, "too many nested parentheses (more than %d)",
                                LANG_MAX_EXPR_DEPTH),
                           -1;
                stack[depth] = c;
                stack_col[depth++] = i;
            } else if (strchr(")]}", c)) {
                char open = c == ')' ? '(' : c == ']' ? '[' : '{';
                if (depth == 0)
                    return fail(ps, i, "unmatched '%c'", c), -1;
                if (stack[depth - 1] != open)
                    return fail(ps, i,
                                "closing parenthesis '%c' does not match opening parenthesis '%c'",
                                c, stack[depth - 1]),
                           -1;
                depth--;
            }
        }
        if (j < 0)
            return -1;
        ps->ntok++;
        i = j;
    }
    if (depth > 0)
        return fail(ps, stack_col[depth - 1], "'%c' was never closed", stack[depth - 1]), -1;
    Tok *e = &ps->toks[ps->ntok++];
    memset(e, 0, sizeof *e);
    e->kind = T_EOF;
    e->col = ps->len;
    return 0;
}

/* ---- the parser --------------------------------------------------------- */

static Tok *peek(Parser *ps)
{
    return &ps->toks[ps->pos];
}

static Tok *peek2(Parser *ps)
{
    return ps->pos + 1 < ps->ntok ? &ps->toks[ps->pos + 1] : &ps->toks[ps->ntok - 1];
}

static Tok *advance(Parser *ps)
{
    Tok *t = &ps->toks[ps->pos];
    if (t->kind != T_EOF)
        ps->pos++;
    return t;
}

static LangExpr *new_expr(Parser *ps, int kind, int col)
{
    LangExpr *e = lang_alloc(ps->p, sizeof *e);
    if (!e)
        return fail(ps, col, "out of memory");
    e->kind = (uint8_t)kind;
    e->col = col;
    return e;
}

/* Appends e to an arena array, doubling it when full (the old copy stays
 * in the arena: at most twice the space). */
static int push(Parser *ps, LangExpr ***arr, int32_t *n, int32_t *cap, LangExpr *e)
{
    if (*n == *cap) {
        int32_t ncap = *cap ? *cap * 2 : 4;
        LangExpr **a = lang_alloc(ps->p, (size_t)ncap * sizeof *a);
        if (!a)
            return fail(ps, e ? e->col : 0, "out of memory"), -1;
        if (*n)
            memcpy(a, *arr, (size_t)*n * sizeof *a);
        *arr = a;
        *cap = ncap;
    }
    (*arr)[(*n)++] = e;
    return 0;
}

static int nest(Parser *ps, int col, int child_depth, int *depth)
{
    *depth = child_depth + 1;
    if (*depth > LANG_MAX_EXPR_DEPTH) {
        fail(ps, col, "expression nested too deeply (more than %d levels)", LANG_MAX_EXPR_DEPTH);
        return -1;
    }
    return 0;
}

static int is_const_expr(const LangExpr *e)
{
    return e->kind == LANG_E_NONE || e->kind == LANG_E_BOOL || e->kind == LANG_E_INT ||
           e->kind == LANG_E_STR || (e->kind == LANG_E_TUPLE && e->is_const);
}

typedef struct Buf {
    char *s;
    size_t n, cap;
    int oom;
} Buf;

static void buf_put(Buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (GC_VEC_RESERVE_Z(b->s, b->n + n + 1, b->cap, 64, realloc) < 0) {
        b->oom = 1;
        return;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void buf_str(Buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

/* Python's repr of a str: single quotes unless it has ' and no ". */
static void repr_str(Buf *b, const char *s)
{
    char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';
    buf_put(b, &q, 1);
    for (; *s; s++) {
        if (*s == '\\')
            buf_str(b, "\\\\");
        else if (*s == '\n')
            buf_str(b, "\\n");
        else if (*s == '\t')
            buf_str(b, "\\t");
        else if (*s == q) {
            buf_put(b, "\\", 1);
            buf_put(b, s, 1);
        } else
            buf_put(b, s, 1);
    }
    buf_put(b, &q, 1);
}

/* Folds a tuple whose items are all constants, as CPython's compiler does:
 * the atom is its repr, e.g. "(1, 'a')", "(1,)", "()". */
static int fold_tuple(Parser *ps, LangExpr *e)
{
    GcStrtab *atoms = lang_atoms(ps->p);
    for (int32_t i = 0; i < e->nitems; i++)
        if (!is_const_expr(e->items[i]))
            return 0;
    Buf b = {0};
    buf_str(&b, "(");
    for (int32_t i = 0; i < e->nitems; i++) {
        const LangExpr *it = e->items[i];
        char num[32];
        if (i)
            buf_str(&b, ", ");
        switch (it->kind) {
        case LANG_E_NONE: buf_str(&b, "None"); break;
        case LANG_E_BOOL: buf_str(&b, it->ival ? "True" : "False"); break;
        case LANG_E_INT:
            snprintf(num, sizeof num, "%lld", (long long)it->ival);
            buf_str(&b, num);
            break;
        case LANG_E_STR: repr_str(&b, gc_strtab_get(atoms, it->atom)); break;
        default: buf_str(&b, gc_strtab_get(atoms, it->atom)); break; /* folded tuple */
        }
    }
    buf_str(&b, e->nitems == 1 ? ",)" : ")");
    int32_t a = b.oom ? -1 : gc_strtab_intern(atoms, b.s, b.n);
    free(b.s);
    if (a < 0)
        return fail(ps, e->col, "out of memory"), -1;
    e->is_const = 1;
    e->atom = a;
    return 0;
}

static LangExpr *parse_expr(Parser *ps, int *depth);

/* Items up to the closing bracket `close`, with an optional trailing comma.
 * Returns 0 or -1; *maxd is the deepest item. */
static int parse_items(Parser *ps, const char *close, LangExpr *into, int *maxd, int is_call)
{
    int32_t cap = 0;
    *maxd = 0;
    while (!is_op(peek(ps), close)) {
        Tok *t = peek(ps);
        if (is_call && t->kind == T_NAME && is_op(peek2(ps), "="))
            return fail(ps, t->col, "keyword arguments are not supported"), -1;
        if (is_op(t, "*") || is_op(t, "**"))
            return fail(ps, t->col, "star arguments and unpacking ('%s') are not supported",
                        t->op),
                   -1;
        int d;
        LangExpr *e = parse_expr(ps, &d);
        if (!e || push(ps, &into->items, &into->nitems, &cap, e) < 0)
            return -1;
        if (d > *maxd)
            *maxd = d;
        if (is_op(peek(ps), ","))
            advance(ps);
        else if (!is_op(peek(ps), close)) {
            Tok *u = peek(ps);
            if (u->kind == T_NAME || u->kind == T_INT || u->kind == T_STR)
                return fail(ps, u->col, "invalid syntax. Perhaps you forgot a comma?"), -1;
            if (is_op(u, "=") && is_call)
                return fail(ps, u->col, "keyword arguments are not supported"), -1;
            if (is_op(u, ":") && !is_call)
                return fail(ps, u->col, "slices are not supported"), -1;
            return unexpected(ps, u), -1;
        }
    }
    advance(ps); /* close */
    return 0;
}

static LangExpr *parse_dict(Parser *ps, Tok *open, int *depth)
{
    LangExpr *e = new_expr(ps, LANG_E_DICT, open->col);
    int32_t cap = 0, kcap = 0, kn = 0;
    int maxd = 0;
    if (!e)
        return NULL;
    while (!is_op(peek(ps), "}")) {
        Tok *kt = peek(ps);
        if (is_op(kt, "**"))
            return fail(ps, kt->col, "dict unpacking ('**') is not supported");
        int kd, vd;
        LangExpr *k = parse_expr(ps, &kd);
        if (!k)
            return NULL;
        if (is_op(peek(ps), ",") || is_op(peek(ps), "}"))
            return fail(ps, k->col, "set literals are not supported");
        if (!is_op(peek(ps), ":")) {
            Tok *u = peek(ps);
            if (u->kind == T_NAME || u->kind == T_INT || u->kind == T_STR)
                return fail(ps, u->col, "expected ':' after the dict key");
            return unexpected(ps, u);
        }
        if (k->kind != LANG_E_STR && k->kind != LANG_E_INT)
            return fail(ps, k->col, "dict keys must be strings or integers here");
        advance(ps);
        LangExpr *v = parse_expr(ps, &vd);
        if (!v)
            return NULL;
        if (push(ps, &e->keys, &kn, &kcap, k) < 0 || push(ps, &e->items, &e->nitems, &cap, v) < 0)
            return NULL;
        if (vd > maxd)
            maxd = vd;
        if (is_op(peek(ps), ","))
            advance(ps);
        else if (!is_op(peek(ps), "}")) {
            Tok *u = peek(ps);
            if (u->kind == T_NAME || u->kind == T_INT || u->kind == T_STR)
                return fail(ps, u->col, "invalid syntax. Perhaps you forgot a comma?");
            return unexpected(ps, u);
        }
    }
    advance(ps);
    if (nest(ps, e->col, maxd, depth) < 0)
        return NULL;
    return e;
}

static LangExpr *parse_atom(Parser *ps, int *depth)
{
    Tok *t = advance(ps);
    LangExpr *e;
    *depth = 0;
    switch (t->kind) {
    case T_NAME:
        switch (t->kw) {
        case KW_NONE:
            return new_expr(ps, LANG_E_NONE, t->col);
        case KW_TRUE:
        case KW_FALSE:
            e = new_expr(ps, LANG_E_BOOL, t->col);
            if (e)
                e->ival = t->kw == KW_TRUE;
            return e;
        case 0:
            e = new_expr(ps, LANG_E_NAME, t->col);
            if (e)
                e->atom = t->atom;
            return e;
        default:
            return unexpected(ps, t);
        }
    case T_INT:
        e = new_expr(ps, LANG_E_INT, t->col);
        if (e)
            e->ival = t->ival;
        return e;
    case T_STR:
        e = new_expr(ps, LANG_E_STR, t->col);
        if (e)
            e->atom = t->atom;
        return e;
    case T_OP:
        break;
    default:
        return unexpected(ps, t);
    }
    if (is_op(t, "-")) {
        Tok *n = peek(ps);
        if (n->kind != T_INT)
            return fail(ps, t->col, "unary minus is only supported on integer literals");
        advance(ps);
        e = new_expr(ps, LANG_E_INT, t->col);
        if (e)
            e->ival = -n->ival;
        return e;
    }
    if (is_op(t, "+") || is_op(t, "~"))
        return fail(ps, t->col, "operator '%s' is not supported in gcviz scenarios", t->op);
    if (is_op(t, "*") || is_op(t, "**"))
        return fail(ps, t->col, "star arguments and unpacking ('%s') are not supported", t->op);
    if (is_op(t, "[")) {
        int maxd;
        e = new_expr(ps, LANG_E_LIST, t->col);
        if (!e || parse_items(ps, "]", e, &maxd, 0) < 0 || nest(ps, t->col, maxd, depth) < 0)
            return NULL;
        return e;
    }
    if (is_op(t, "{"))
        return parse_dict(ps, t, depth);
    if (is_op(t, "(")) {
        if (is_op(peek(ps), ")")) {
            advance(ps);
            e = new_expr(ps, LANG_E_TUPLE, t->col);
            if (!e || fold_tuple(ps, e) < 0 || nest(ps, t->col, 0, depth) < 0)
                return NULL;
            return e;
        }
        if (is_op(peek(ps), "*"))
            return unexpected(ps, peek(ps));
        int d;
        LangExpr *first = parse_expr(ps, &d);
        if (!first)
            return NULL;
        if (is_op(peek(ps), ")")) { /* parenthesised expression */
            advance(ps);
            *depth = d;
            return first;
        }
        if (!is_op(peek(ps), ",")) {
            Tok *u = peek(ps);
            if (u->kind == T_NAME || u->kind == T_INT || u->kind == T_STR)
                return fail(ps, u->col, "invalid syntax. Perhaps you forgot a comma?");
            return unexpected(ps, u);
        }
        advance(ps);
        e = new_expr(ps, LANG_E_TUPLE, t->col);
        int32_t cap = 0;
        int maxd;
        if (!e || push(ps, &e->items, &e->nitems, &cap, first) < 0)
            return NULL;
        /* parse_items appends after the first item; it must see the same
         * capacity, so give it a fresh array holding first */
        LangExpr tmp = {0};
        if (parse_items(ps, ")", &tmp, &maxd, 0) < 0)
            return NULL;
        for (int32_t i = 0; i < tmp.nitems; i++)
            if (push(ps, &e->items, &e->nitems, &cap, tmp.items[i]) < 0)
                return NULL;
        if (d > maxd)
            maxd = d;
        if (nest(ps, t->col, maxd, depth) < 0 || fold_tuple(ps, e) < 0)
            return NULL;
        return e;
    }
    return unexpected(ps, t);
}

typedef struct CallRule {
    const char *module; /* "gc", "weakref", or NULL for list methods */
    const char *name;
    int min, max;
} CallRule;

static const CallRule CALLS[] = {
    {"gc", "collect", 0, 1},      {"gc", "enable", 0, 0},   {"gc", "disable", 0, 0},
    {"gc", "set_threshold", 1, 3}, {"gc", "freeze", 0, 0},  {"gc", "unfreeze", 0, 0},
    {"weakref", "ref", 1, 2},     {NULL, "append", 1, 1},   {NULL, "pop", 0, 1},
    {NULL, "clear", 0, 0},        {NULL, NULL, 0, 0},
};

static const char *module_of(const Parser *ps, const LangExpr *e)
{
    if (e && e->kind == LANG_E_NAME) {
        if (e->atom == ps->a_gc)
            return "gc";
        if (e->atom == ps->a_weakref)
            return "weakref";
    }
    return NULL;
}

static const char *supported_list(const char *module)
{
    if (!module)
        return "supported list methods: append, pop, clear";
    if (strcmp(module, "gc") == 0)
        return "supported: gc.collect, gc.enable, gc.disable, gc.set_threshold, gc.freeze, "
               "gc.unfreeze";
    return "supported: weakref.ref";
}

static const CallRule *find_rule(const char *module, const char *name)
{
    for (const CallRule *r = CALLS; r->name; r++)
        if (strcmp(r->name, name) == 0 &&
            (module ? r->module && strcmp(r->module, module) == 0 : !r->module))
            return r;
    return NULL;
}

/* The call e = base(args) is one the language has. */
static int check_call(Parser *ps, LangExpr *e, int name_col)
{
    LangExpr *b = e->base;
    if (b->kind == LANG_E_NAME)
        return 0; /* function, class or weakref: lang_validate knows */
    if (b->kind != LANG_E_ATTR)
        return fail(ps, e->col,
                    "only names, gc functions, weakref.ref and list methods can be called"),
               -1;
    const char *module = module_of(ps, b->base);
    const char *name = gc_strtab_get(lang_atoms(ps->p), b->atom);
    const CallRule *r = find_rule(module, name);
    char full[2 * LANG_MAX_IDENT_LEN + 16];
    snprintf(full, sizeof full, "%s%s%s", module ? module : "", module ? "." : "", name);
    if (!r)
        return fail(ps, name_col, "'%s' is not supported here; %s", full, supported_list(module)),
               -1;
    char what[2 * LANG_MAX_IDENT_LEN + 32];
    snprintf(what, sizeof what, "%s%s", module ? "" : "list.", full);
    int n = e->nitems;
    if (r->min == r->max && n != r->min) {
        if (r->min == 0)
            return fail(ps, e->col, "%s() takes no arguments (%d given)", what, n), -1;
        return fail(ps, e->col, "%s() takes exactly one argument (%d given)", what, n), -1;
    }
    if (n < r->min)
        return fail(ps, e->col, "%s() takes at least %d argument%s (%d given)", what, r->min,
                    r->min == 1 ? "" : "s", n),
               -1;
    if (n > r->max)
        return fail(ps, e->col, "%s() takes at most %d argument%s (%d given)", what, r->max,
                    r->max == 1 ? "" : "s", n),
               -1;
    return 0;
}

/* expr := atom trailer* */
static LangExpr *parse_expr(Parser *ps, int *depth)
{
    if (++ps->rec > LANG_MAX_EXPR_DEPTH + 2) /* cannot happen: brackets are bounded */
        return fail(ps, peek(ps)->col, "expression nested too deeply");
    LangExpr *e = parse_atom(ps, depth);
    while (e) {
        Tok *t = peek(ps);
        LangExpr *n;
        int d;
        if (is_op(t, ".")) {
            advance(ps);
            Tok *name = advance(ps);
            if (name->kind != T_NAME || name->kw)
                return unexpected(ps, name);
            n = new_expr(ps, LANG_E_ATTR, e->col);
            if (!n)
                return NULL;
            n->base = e;
            n->atom = name->atom;
            d = *depth;
        } else if (is_op(t, "[")) {
            advance(ps);
            if (is_op(peek(ps), ":"))
                return fail(ps, peek(ps)->col, "slices are not supported");
            if (is_op(peek(ps), "]"))
                return unexpected(ps, peek(ps));
            LangExpr *ix = parse_expr(ps, &d);
            if (!ix)
                return NULL;
            if (is_op(peek(ps), ":"))
                return fail(ps, peek(ps)->col, "slices are not supported");
            if (is_op(peek(ps), ","))
                return fail(ps, peek(ps)->col,
                            "write a tuple index in parentheses: x[(a, b)]");
            if (!is_op(peek(ps), "]"))
                return unexpected(ps, peek(ps));
            advance(ps);
            n = new_expr(ps, LANG_E_INDEX, e->col);
            if (!n)
                return NULL;
            n->base = e;
            n->index = ix;
            if (*depth > d)
                d = *depth;
        } else if (is_op(t, "(")) {
            advance(ps);
            n = new_expr(ps, LANG_E_CALL, e->col);
            if (!n)
                return NULL;
            n->base = e;
            if (parse_items(ps, ")", n, &d, 1) < 0)
                return NULL;
            if (*depth > d)
                d = *depth;
            /* the column of the method name, for messages */
            int name_col = t > ps->toks ? t[-1].col : t->col;
            if (check_call(ps, n, name_col) < 0)
                return NULL;
        } else {
            break;
        }
        if (nest(ps, n->col, d, depth) < 0)
            return NULL;
        e = n;
    }
    ps->rec--;
    return e;
}

/* gc and weakref are modules: only gc.f(...) and weakref.ref(...) use them. */
static int check_modules(Parser *ps, const LangExpr *e)
{
    if (!e)
        return 0;
    const char *m;
    switch (e->kind) {
    case LANG_E_NAME:
        if ((m = module_of(ps, e)))
            return fail(ps, e->col,
                        "'%s' is a module: it can only be used to call its functions, as in %s",
                        m, strcmp(m, "gc") == 0 ? "gc.collect()" : "weakref.ref(x)"),
                   -1;
        return 0;
    case LANG_E_ATTR:
        if ((m = module_of(ps, e->base))) {
            const char *name = gc_strtab_get(lang_atoms(ps->p), e->atom);
            if (find_rule(m, name))
                return fail(ps, e->col, "%s.%s must be called: %s.%s(...)", m, name, m, name), -1;
            return fail(ps, e->col, "'%s.%s' is not supported here; %s", m, name,
                        supported_list(m)),
                   -1;
        }
        return check_modules(ps, e->base);
    case LANG_E_CALL:
        if (!(e->base->kind == LANG_E_ATTR && module_of(ps, e->base->base)) &&
            check_modules(ps, e->base) < 0)
            return -1;
        break;
    default:
        if (check_modules(ps, e->base) < 0 || check_modules(ps, e->index) < 0)
            return -1;
        break;
    }
    for (int32_t i = 0; i < e->nitems; i++)
        if ((e->keys && check_modules(ps, e->keys[i]) < 0) ||
            (e->items && check_modules(ps, e->items[i]) < 0))
            return -1;
    return 0;
}

/* Stores and deletes may name gc or weakref: lang_validate reports them
 * with a clearer message than "it is a module". */
static int check_target_modules(Parser *ps, const LangExpr *t)
{
    return t->kind == LANG_E_NAME ? 0 : check_modules(ps, t);
}

static const char *target_error(const LangExpr *e, int del)
{
    switch (e->kind) {
    case LANG_E_NAME:
    case LANG_E_ATTR:
    case LANG_E_INDEX:
        return NULL;
    case LANG_E_CALL: return del ? "cannot delete function call" : "cannot assign to function call";
    case LANG_E_NONE: return del ? "cannot delete None" : "cannot assign to None";
    case LANG_E_BOOL:
        return e->ival ? (del ? "cannot delete True" : "cannot assign to True")
                       : (del ? "cannot delete False" : "cannot assign to False");
    case LANG_E_INT:
    case LANG_E_STR: return del ? "cannot delete literal" : "cannot assign to literal";
    case LANG_E_DICT: return del ? "cannot delete dict literal" : "cannot assign to dict literal";
    default:
        return del ? "deleting a tuple or list of targets is not supported: write del a, b"
                   : "unpacking assignment is not supported: assign one target at a time";
    }
}

/* A ',' after a complete expression at statement level. */
static void *stray_comma(Parser *ps, const Tok *t)
{
    for (int32_t i = ps->pos; i < ps->ntok; i++)
        if (is_op(&ps->toks[i], "="))
            return fail(ps, t->col, "tuple unpacking (a, b = ...) is not supported");
    return fail(ps, t->col, "a tuple must be written in parentheses, as in (a, b)");
}

/* After a complete statement only the end may follow. */
static LangStmt *expect_end(Parser *ps, LangStmt *s)
{
    Tok *t = peek(ps);
    if (t->kind == T_EOF)
        return s;
    if (is_op(t, ",") && s->kind != LANG_S_PASS)
        return stray_comma(ps, t);
    if (is_op(t, "=") && s->kind == LANG_S_ASSIGN)
        return fail(ps, t->col, "chained assignment (a = b = c) is not supported");
    return unexpected(ps, t);
}

static LangStmt *parse_statement(Parser *ps)
{
    LangStmt *s = lang_alloc(ps->p, sizeof *s);
    if (!s)
        return fail(ps, 0, "out of memory");
    s->loc = -1;
    Tok *t = peek(ps);
    int d;
    if (t->kind == T_EOF)
        return fail(ps, 0, "empty statement (write 'pass' for a step that does nothing)");
    if (t->kind == T_NAME && t->kw == KW_PASS) {
        advance(ps);
        s->kind = LANG_S_PASS;
        return expect_end(ps, s);
    }
    if (t->kind == T_NAME && t->kw == KW_DEL) {
        int32_t cap = 0;
        advance(ps);
        s->kind = LANG_S_DEL;
        for (;;) {
            if (peek(ps)->kind == T_EOF)
                return unexpected(ps, peek(ps));
            LangExpr *e = parse_expr(ps, &d);
            if (!e)
                return NULL;
            const char *msg = target_error(e, 1);
            if (msg)
                return fail(ps, e->col, "%s", msg);
            if (check_target_modules(ps, e) < 0 ||
                push(ps, &s->targets, &s->ntargets, &cap, e) < 0)
                return NULL;
            if (!is_op(peek(ps), ","))
                break;
            advance(ps);
            if (peek(ps)->kind == T_EOF) /* "del a," is Python */
                break;
        }
        return expect_end(ps, s);
    }
    if (t->kind == T_NAME && t->kw == KW_RETURN) {
        advance(ps);
        s->kind = LANG_S_RETURN;
        if (peek(ps)->kind != T_EOF) {
            s->value = parse_expr(ps, &d);
            if (!s->value || check_modules(ps, s->value) < 0)
                return NULL;
            if (is_op(peek(ps), ","))
                return fail(ps, peek(ps)->col,
                            "a tuple must be written in parentheses: return (a, b)");
        }
        return expect_end(ps, s);
    }
    if (t->kind == T_NAME && t->kw == KW_GLOBAL) {
        advance(ps);
        s->kind = LANG_S_GLOBAL;
        int32_t cap = 0;
        for (;;) {
            Tok *n = advance(ps);
            if (n->kind != T_NAME || n->kw)
                return unexpected(ps, n);
            if (s->nnames == cap) {
                int32_t ncap = cap ? cap * 2 : 4;
                int32_t *a = lang_alloc(ps->p, (size_t)ncap * sizeof *a);
                if (!a)
                    return fail(ps, n->col, "out of memory");
                if (s->nnames)
                    memcpy(a, s->names, (size_t)s->nnames * sizeof *a);
                s->names = a;
                cap = ncap;
            }
            s->names[s->nnames++] = n->atom;
            if (!is_op(peek(ps), ","))
                break;
            advance(ps);
        }
        return expect_end(ps, s);
    }

    LangExpr *e = parse_expr(ps, &d);
    if (!e)
        return NULL;
    Tok *u = peek(ps);
    if (is_op(u, "=")) {
        const char *msg = target_error(e, 0);
        if (msg)
            return fail(ps, e->col, "%s", msg);
        advance(ps);
        if (peek(ps)->kind == T_EOF)
            return unexpected(ps, peek(ps));
        s->kind = LANG_S_ASSIGN;
        s->target = e;
        s->value = parse_expr(ps, &d);
        if (!s->value || check_target_modules(ps, e) < 0 || check_modules(ps, s->value) < 0)
            return NULL;
        return expect_end(ps, s);
    }
    if (is_op(u, ":"))
        return fail(ps, u->col, "annotations are not supported");
    if (u->kind != T_EOF) {
        if (is_op(u, ","))
            return stray_comma(ps, u);
        return unexpected(ps, u);
    }
    if (e->kind != LANG_E_CALL)
        return fail(ps, e->col, "this statement has no effect");
    if (check_modules(ps, e) < 0)
        return NULL;
    s->kind = LANG_S_EXPR;
    s->value = e;
    return s;
}

/* Sets up ps for text; returns 0, or -1 with err set. */
static int begin(Parser *ps, LangProgram *p, const char *text, LangError *err)
{
    memset(ps, 0, sizeof *ps);
    ps->p = p;
    ps->err = err;
    if (err) {
        err->col = -1;
        err->msg[0] = '\0';
    }
    if (!p || !text) {
        set_error(err, -1, "no statement");
        return -1;
    }
    const char *end = memchr(text, '\0', LANG_MAX_STMT_LEN + 1);
    if (!end) {
        if (err) {
            err->col = LANG_MAX_STMT_LEN;
            snprintf(err->msg, sizeof err->msg, "statement longer than %d bytes",
                     LANG_MAX_STMT_LEN);
        }
        return -1;
    }
    ps->text = text;
    ps->len = (int32_t)(end - text);
    ps->a_gc = gc_strtab_intern(lang_atoms(p), "gc", 2);
    ps->a_weakref = gc_strtab_intern(lang_atoms(p), "weakref", 7);
    /* at most one token per byte, plus the end */
    ps->toks = malloc(((size_t)ps->len + 1) * sizeof *ps->toks);
    if (!ps->toks || ps->a_gc < 0 || ps->a_weakref < 0) {
        free(ps->toks);
        ps->toks = NULL;
        set_error(err, -1, "out of memory");
        return -1;
    }
    return 0;
}

LangStmt *lang_parse_stmt(LangProgram *p, const char *text, LangError *err)
{
    Parser ps;
    if (begin(&ps, p, text, err) < 0)
        return NULL;
    LangStmt *s = NULL;
    if (tokenize(&ps, 0) == 0)
        s = parse_statement(&ps);
    free(ps.toks);
    return ps.failed ? NULL : s;
}

int lang_parse_for(LangProgram *p, const char *header, int32_t *var, int64_t *count,
                   LangError *err)
{
    Parser ps;
    if (begin(&ps, p, header, err) < 0)
        return -1;
    int rc = -1;
    if (tokenize(&ps, 1) < 0)
        goto out;
    Tok *v = advance(&ps);
    if (v->kind == T_EOF) {
        fail(&ps, 0, "empty loop header: write \"i in range(N)\"");
        goto out;
    }
    if (v->kind != T_NAME || v->kw) {
        fail(&ps, v->col, "a loop header is \"NAME in range(N)\"");
        goto out;
    }
    Tok *in = advance(&ps);
    if (!(in->kind == T_NAME && in->kw == KW_IN)) {
        if (is_op(in, ",")) {
            fail(&ps, in->col, "only one loop variable is supported");
            goto out;
        }
        fail(&ps, in->col, "expected 'in' after the loop variable");
        goto out;
    }
    Tok *r = advance(&ps);
    if (r->kind != T_NAME || strcmp(gc_strtab_get(lang_atoms(p), r->atom), "range") != 0) {
        fail(&ps, r->col, "only range(N) loops are supported");
        goto out;
    }
    Tok *open = advance(&ps);
    if (!is_op(open, "(")) {
        fail(&ps, open->col, "expected '(' after range");
        goto out;
    }
    Tok *n = advance(&ps);
    int neg = 0;
    if (is_op(n, "-") && peek(&ps)->kind == T_INT) {
        neg = 1;
        n = advance(&ps);
    }
    /* N is an integer literal, or a variable read when the loop starts */
    int is_var = n->kind == T_NAME && !n->kw && !neg;
    if (n->kind != T_INT && !is_var) {
        fail(&ps, n->col, "the count in range(N) must be an integer or a variable");
        goto out;
    }
    Tok *close = advance(&ps);
    if (is_op(close, ",")) {
        fail(&ps, close->col, "only range(N) is supported, not range(start, stop)");
        goto out;
    }
    if (!is_op(close, ")")) {
        unexpected(&ps, close);
        goto out;
    }
    if (!is_var && neg && n->ival != 0) {
        fail(&ps, n->col - 1, "the count in range(N) must not be negative");
        goto out;
    }
    if (!is_var && n->ival > LANG_MAX_RANGE) {
        fail(&ps, n->col, "range(N) is limited to N <= %d", LANG_MAX_RANGE);
        goto out;
    }
    if (peek(&ps)->kind != T_EOF) {
        unexpected(&ps, peek(&ps));
        goto out;
    }
    if (var)
        *var = v->atom;
    if (count)
        *count = is_var ? -(int64_t)n->atom - 1 : n->ival;
    rc = 0;
out:
    free(ps.toks);
    return ps.failed ? -1 : rc;
}
