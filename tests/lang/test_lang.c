/*
 * test_lang.c: tests of the statement parser, the program tables and
 * lang_validate.  Trees are compared as compact text dumps that carry every
 * node's kind, atom or value, and column, so one line checks a whole tree:
 *
 *   x = [1, 'a']   ->   assign x@0 (list 1@5 'a'@8)@4
 *
 * Usage: test_lang [parse|reject|for|fuzz|program|validate] (no argument: all).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"

#include "../common/check.h"

/* ---- dumping trees ------------------------------------------------------ */

typedef struct Out {
    char s[16384];
    size_t n;
} Out;

static void out(Out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (o->n < sizeof o->s) {
        int k = vsnprintf(o->s + o->n, sizeof o->s - o->n, fmt, ap);
        if (k > 0)
            o->n += (size_t)k;
        if (o->n >= sizeof o->s)
            o->n = sizeof o->s - 1;
    }
    va_end(ap);
}

static void dump_str(Out *o, const char *s)
{
    out(o, "'");
    for (; *s; s++) {
        if (*s == '\n')
            out(o, "\\n");
        else if (*s == '\t')
            out(o, "\\t");
        else if (*s == '\'' || *s == '\\')
            out(o, "\\%c", *s);
        else
            out(o, "%c", *s);
    }
    out(o, "'");
}

static void dump_expr(Out *o, LangProgram *p, const LangExpr *e)
{
    GcStrtab *a = lang_atoms(p);
    if (!e) {
        out(o, "NULL");
        return;
    }
    switch (e->kind) {
    case LANG_E_NONE: out(o, "None"); break;
    case LANG_E_BOOL: out(o, e->ival ? "True" : "False"); break;
    case LANG_E_INT: out(o, "%lld", (long long)e->ival); break;
    case LANG_E_STR: dump_str(o, gc_strtab_get(a, e->atom)); break;
    case LANG_E_NAME: out(o, "%s", gc_strtab_get(a, e->atom)); break;
    case LANG_E_ATTR:
        out(o, "(. ");
        dump_expr(o, p, e->base);
        out(o, " %s)", gc_strtab_get(a, e->atom));
        break;
    case LANG_E_INDEX:
        out(o, "([] ");
        dump_expr(o, p, e->base);
        out(o, " ");
        dump_expr(o, p, e->index);
        out(o, ")");
        break;
    case LANG_E_CALL:
    case LANG_E_LIST:
    case LANG_E_TUPLE:
    case LANG_E_DICT:
        out(o, "(%s", e->kind == LANG_E_CALL    ? "call"
                      : e->kind == LANG_E_LIST  ? "list"
                      : e->kind == LANG_E_TUPLE ? "tuple"
                                                : "dict");
        if (e->kind == LANG_E_CALL) {
            out(o, " ");
            dump_expr(o, p, e->base);
        }
        for (int32_t i = 0; i < e->nitems; i++) {
            out(o, " ");
            if (e->kind == LANG_E_DICT) {
                dump_expr(o, p, e->keys[i]);
                out(o, ":");
            }
            dump_expr(o, p, e->items[i]);
        }
        out(o, ")");
        if (e->kind == LANG_E_TUPLE && e->is_const)
            out(o, "#%s", gc_strtab_get(a, e->atom));
        break;
    default: out(o, "?%d", e->kind); break;
    }
    out(o, "@%d", (int)e->col);
    if (e->kind != LANG_E_TUPLE && e->is_const)
        out(o, "!const");
}

static void dump_stmt(Out *o, LangProgram *p, const LangStmt *s)
{
    switch (s->kind) {
    case LANG_S_ASSIGN:
        out(o, "assign ");
        dump_expr(o, p, s->target);
        out(o, " ");
        dump_expr(o, p, s->value);
        break;
    case LANG_S_DEL:
        out(o, "del");
        for (int32_t i = 0; i < s->ntargets; i++) {
            out(o, " ");
            dump_expr(o, p, s->targets[i]);
        }
        break;
    case LANG_S_EXPR:
        out(o, "expr ");
        dump_expr(o, p, s->value);
        break;
    case LANG_S_RETURN:
        out(o, "return");
        if (s->value) {
            out(o, " ");
            dump_expr(o, p, s->value);
        }
        break;
    case LANG_S_PASS: out(o, "pass"); break;
    case LANG_S_GLOBAL:
        out(o, "global");
        for (int32_t i = 0; i < s->nnames; i++)
            out(o, " %s", gc_strtab_get(lang_atoms(p), s->names[i]));
        break;
    default: out(o, "?stmt%d", s->kind); break;
    }
}

/* ---- parse: accepted statements and their trees ------------------------- */

typedef struct Accept {
    const char *text;
    const char *tree;
} Accept;

static const Accept ACCEPT[] = {
    {"pass", "pass"},
    {"pass  # nothing", "pass"},
    {"x = 1", "assign x@0 1@4"},
    {"x=1", "assign x@0 1@2"},
    {"x = -5", "assign x@0 -5@4"},
    {"x = - 5", "assign x@0 -5@4"},
    {"x = 0", "assign x@0 0@4"},
    {"x = 00", "assign x@0 0@4"},
    {"x = 288230376151711743", "assign x@0 288230376151711743@4"},
    {"x = -288230376151711743", "assign x@0 -288230376151711743@4"},
    {"x = None", "assign x@0 None@4"},
    {"x = True", "assign x@0 True@4"},
    {"x = False", "assign x@0 False@4"},
    {"s = 'hi'", "assign s@0 'hi'@4"},
    {"s = \"hi\"", "assign s@0 'hi'@4"},
    {"s = ''", "assign s@0 ''@4"},
    {"s = 'a\\nb\\tc\\\\d\\'e\\\"f'", "assign s@0 'a\\nb\\tc\\\\d\\'e\"f'@4"},
    {"s = \"it's\"", "assign s@0 'it\\'s'@4"},
    {"s = '# not a comment'", "assign s@0 '# not a comment'@4"},
    {"x = y", "assign x@0 y@4"},
    {"self_ = self", "assign self_@0 self@8"},
    {"_x1 = _", "assign _x1@0 _@6"},
    {"a.next = b", "assign (. a@0 next)@0 b@9"},
    {"a.next.peer = None", "assign (. (. a@0 next)@0 peer)@0 None@14"},
    {"l[0] = x", "assign ([] l@0 0@2)@0 x@7"},
    {"d['k'] = x", "assign ([] d@0 'k'@2)@0 x@9"},
    {"d[-1] = x", "assign ([] d@0 -1@2)@0 x@8"},
    {"a.b[1].c = d[2]", "assign (. ([] (. a@0 b)@0 1@4)@0 c)@0 ([] d@11 2@13)@11"},
    {"x = [1, 'a']", "assign x@0 (list 1@5 'a'@8)@4"},
    {"x = []", "assign x@0 (list)@4"},
    {"x = [a, ]", "assign x@0 (list a@5)@4"},
    {"x = [[a], [b, [c]]]", "assign x@0 (list (list a@6)@5 (list b@11 (list c@15)@14)@10)@4"},
    {"t = (a, b)", "assign t@0 (tuple a@5 b@8)@4"},
    {"t = (a,)", "assign t@0 (tuple a@5)@4"},
    {"t = (a, b,)", "assign t@0 (tuple a@5 b@8)@4"},
    {"t = (1, 'a')", "assign t@0 (tuple 1@5 'a'@8)#(1, 'a')@4"},
    {"t = (1,)", "assign t@0 (tuple 1@5)#(1,)@4"},
    {"t = ()", "assign t@0 (tuple)#()@4"},
    {"t = (None, True, False, -3)",
     "assign t@0 (tuple None@5 True@11 False@17 -3@24)#(None, True, False, -3)@4"},
    {"t = ((1, 2), ())", "assign t@0 (tuple (tuple 1@6 2@9)#(1, 2)@5 (tuple)#()@13)#((1, 2), ())@4"},
    {"t = (\"it's\", 'q\"', 'a\\nb')",
     "assign t@0 (tuple 'it\\'s'@5 'q\"'@13 'a\\nb'@19)#(\"it's\", 'q\"', 'a\\nb')@4"},
    {"t = ('both\\'\"',)", "assign t@0 (tuple 'both\\'\"'@5)#('both\\'\"',)@4"},
    {"t = ((1,), x)", "assign t@0 (tuple (tuple 1@6)#(1,)@5 x@11)@4"},
    {"t = (1, [2])", "assign t@0 (tuple 1@5 (list 2@9)@8)@4"},
    {"x = (y)", "assign x@0 y@5"},
    {"x = ((y))", "assign x@0 y@6"},
    {"(x) = 1", "assign x@1 1@6"},
    {"x = (f())", "assign x@0 (call f@5)@5"},
    {"d = {}", "assign d@0 (dict)@4"},
    {"d = {'k': x, 1: [y], -2: None,}",
     "assign d@0 (dict 'k'@5:x@10 1@13:(list y@17)@16 -2@21:None@25)@4"},
    {"f()", "expr (call f@0)@0"},
    {"f(x, y)", "expr (call f@0 x@2 y@5)@0"},
    {"f(x, y,)", "expr (call f@0 x@2 y@5)@0"},
    {"x = make_pair()", "assign x@0 (call make_pair@4)@4"},
    {"n = Node()", "assign n@0 (call Node@4)@4"},
    {"o = r()", "assign o@0 (call r@4)@4"},
    {"gc.collect()", "expr (call (. gc@0 collect)@0)@0"},
    {"gc.collect(2)", "expr (call (. gc@0 collect)@0 2@11)@0"},
    {"n = gc.collect(0)", "assign n@0 (call (. gc@4 collect)@4 0@15)@4"},
    {"gc.enable()", "expr (call (. gc@0 enable)@0)@0"},
    {"gc.disable()", "expr (call (. gc@0 disable)@0)@0"},
    {"gc.freeze()", "expr (call (. gc@0 freeze)@0)@0"},
    {"gc.unfreeze()", "expr (call (. gc@0 unfreeze)@0)@0"},
    {"gc.set_threshold(100)", "expr (call (. gc@0 set_threshold)@0 100@17)@0"},
    {"gc.set_threshold(1, 2, 3)", "expr (call (. gc@0 set_threshold)@0 1@17 2@20 3@23)@0"},
    {"r = weakref.ref(x)", "assign r@0 (call (. weakref@4 ref)@4 x@16)@4"},
    {"r = weakref.ref(x, cb)", "assign r@0 (call (. weakref@4 ref)@4 x@16 cb@19)@4"},
    {"l.append(v)", "expr (call (. l@0 append)@0 v@9)@0"},
    {"a.items.append(Node())", "expr (call (. (. a@0 items)@0 append)@0 (call Node@15)@15)@0"},
    {"l.pop()", "expr (call (. l@0 pop)@0)@0"},
    {"x = l.pop(0)", "assign x@0 (call (. l@4 pop)@4 0@10)@4"},
    {"l.clear()", "expr (call (. l@0 clear)@0)@0"},
    {"d['k'].append(1)", "expr (call (. ([] d@0 'k'@2)@0 append)@0 1@14)@0"},
    {"[].append(1)", "expr (call (. (list)@0 append)@0 1@10)@0"},
    {"x = f(a)[0].b", "assign x@0 (. ([] (call f@4 a@6)@4 0@9)@4 b)@4"},
    {"del x", "del x@4"},
    {"del x, y.z, l[0]", "del x@4 (. y@7 z)@7 ([] l@12 0@14)@12"},
    {"del x,", "del x@4"},
    {"del (x)", "del x@5"},
    {"return", "return"},
    {"return a", "return a@7"},
    {"return (a, b)", "return (tuple a@8 b@11)@7"},
    {"return None", "return None@7"},
    {"global g", "global g"},
    {"global a, b, c", "global a b c"},
    {"x = 1  # comment with 'quote and ( bracket", "assign x@0 1@4"},
    {"x = 1\t", "assign x@0 1@4"},
    {"x\t=\t1", "assign x@0 1@4"},
    {"match = 1", "assign match@0 1@8"},
    {"s = 'a\tb'", "assign s@0 'a\\tb'@4"}, /* a real tab, as Python allows */
    {"f(gc.collect())", "expr (call f@0 (call (. gc@2 collect)@2)@2)@0"},
    {NULL, NULL},
};

static void test_parse(void)
{
    for (const Accept *a = ACCEPT; a->text; a++) {
        LangProgram *p = lang_program_new();
        LangError err = {0};
        LangStmt *s = lang_parse_stmt(p, a->text, &err);
        CHECK(s != NULL, "%s: rejected at col %d: %s", a->text, err.col, err.msg);
        if (s) {
            Out o = {0};
            dump_stmt(&o, p, s);
            CHECK(strcmp(o.s, a->tree) == 0, "%s:\n   got  %s\n   want %s", a->text, o.s, a->tree);
            CHECK(s->loc == -1, "%s: loc %d", a->text, s->loc);
        }
        lang_program_free(p);
    }

    /* Atoms are shared: the same name in two statements is one atom. */
    LangProgram *p = lang_program_new();
    LangError err;
    LangStmt *s1 = lang_parse_stmt(p, "node = Node()", &err);
    LangStmt *s2 = lang_parse_stmt(p, "del node", &err);
    CHECK(s1 && s2, "parse");
    if (s1 && s2) {
        CHECK(s1->target->atom == s2->targets[0]->atom, "atoms differ");
        CHECK(s1->target->atom == gc_strtab_intern(lang_atoms(p), "node", 4), "intern");
        CHECK(s1->value->nitems == 0 && s1->value->items == NULL, "no args");
    }
    /* The longest identifier, the longest string and the deepest nesting
     * the language allows are all accepted. */
    char buf[LANG_MAX_STMT_LEN + 64];
    memset(buf, 'a', LANG_MAX_IDENT_LEN);
    strcpy(buf + LANG_MAX_IDENT_LEN, " = 1");
    CHECK(lang_parse_stmt(p, buf, &err) != NULL, "64-char identifier: %s", err.msg);
    strcpy(buf, "s = '");
    memset(buf + 5, 'x', 200);
    strcpy(buf + 205, "'");
    s1 = lang_parse_stmt(p, buf, &err);
    CHECK(s1 && strlen(gc_strtab_get(lang_atoms(p), s1->value->atom)) == 200, "200-byte string");
    /* escapes count as their decoded byte */
    strcpy(buf, "s = '");
    for (int i = 0; i < 200; i++)
        memcpy(buf + 5 + 2 * i, "\\n", 2);
    strcpy(buf + 405, "'");
    CHECK(lang_parse_stmt(p, buf, &err) != NULL, "200 escaped bytes: %s", err.msg);
    int n = 0;
    n += sprintf(buf + n, "x = ");
    for (int i = 0; i < LANG_MAX_EXPR_DEPTH; i++)
        n += sprintf(buf + n, "[");
    n += sprintf(buf + n, "y");
    for (int i = 0; i < LANG_MAX_EXPR_DEPTH; i++)
        n += sprintf(buf + n, "]");
    s1 = lang_parse_stmt(p, buf, &err);
    CHECK(s1 != NULL, "64 nested lists: %d %s", err.col, err.msg);
    if (s1) {
        int depth = 0;
        for (const LangExpr *e = s1->value; e->kind == LANG_E_LIST; e = e->items[0])
            depth++;
        CHECK(depth == LANG_MAX_EXPR_DEPTH, "depth %d", depth);
    }
    /* exactly LANG_MAX_STMT_LEN bytes */
    memset(buf, ' ', LANG_MAX_STMT_LEN);
    memcpy(buf, "x = 1", 5);
    buf[LANG_MAX_STMT_LEN] = '\0';
    CHECK(lang_parse_stmt(p, buf, &err) != NULL, "4096 bytes: %s", err.msg);
    /* many items */
    n = sprintf(buf, "x = [");
    for (int i = 0; i < 500; i++)
        n += sprintf(buf + n, "%d,", i);
    sprintf(buf + n, "]");
    s1 = lang_parse_stmt(p, buf, &err);
    CHECK(s1 && s1->value->nitems == 500 && s1->value->items[499]->ival == 499, "500 items");
    lang_program_free(p);

    /* err may be NULL */
    p = lang_program_new();
    CHECK(lang_parse_stmt(p, "x = ", NULL) == NULL, "NULL err");
    CHECK(lang_parse_stmt(p, "x = 1", NULL) != NULL, "NULL err ok");
    CHECK(lang_parse_stmt(p, NULL, &err) == NULL && err.col == -1, "NULL text");
    CHECK(lang_parse_stmt(NULL, "x = 1", &err) == NULL, "NULL program");
    lang_program_free(p);
}

/* ---- reject: everything outside the language ---------------------------- */

typedef struct Reject {
    const char *text;
    const char *msg; /* substring of the message */
    int col;
} Reject;

static const Reject REJECT[] = {
    /* empty, whitespace, layout */
    {"", "empty statement", 0},
    {"# just a comment", "empty statement", 0},
    {" x = 1", "unexpected indent", 0},
    {"x = 1\ny = 2", "on one line", 5},
    {"x = 1\r", "on one line", 5},
    {"x = 1; y = 2", "';' is not supported", 5},
    {"x = 1 y = 2", "invalid syntax: unexpected 'y'", 6},
    {"x = 1 \\", "line continuation", 6},
    /* characters */
    {"x = \x01", "control character 0x01", 4},
    {"x = 'a\x7f'", "control character 0x7F", 6},
    {"x = '\xc3\xa9'", "non-ASCII character (byte 0xC3)", 5},
    {"\xe2\x82\xac = 1", "non-ASCII", 0},
    {"x = 1 # caf\xc3\xa9", "non-ASCII", 11},
    {"x = $", "invalid character '$'", 4},
    {"x = ?", "invalid character '?'", 4},
    {"x = `y`", "invalid character '`'", 4},
    {"x = !y", "unexpected '!'", 4},
    /* keywords */
    {"import gc", "'import' is not supported", 0},
    {"from gc import collect", "'from' is not supported", 0},
    {"x = lambda: 1", "'lambda' is not supported", 4},
    {"class A: pass", "declare classes under \"classes\"", 0},
    {"def f(): pass", "declare functions under \"functions\"", 0},
    {"if x: pass", "'if' is not supported", 0},
    {"while x: pass", "'while' is not supported", 0},
    {"for i in range(3): pass", "write a loop as", 0},
    {"x = [i for i in l]", "'for' is not supported", 7},
    {"with x: pass", "'with' is not supported", 0},
    {"try: pass", "'try' is not supported", 0},
    {"yield x", "'yield' is not supported", 0},
    {"async def f(): pass", "'async' is not supported", 0},
    {"await f()", "'await' is not supported", 0},
    {"raise x", "'raise' is not supported", 0},
    {"assert x", "'assert' is not supported", 0},
    {"nonlocal x", "'nonlocal' is not supported", 0},
    {"x = a if b else c", "'if' is not supported", 6},
    {"x = a and b", "'and' is not supported", 6},
    {"x = not a", "'not' is not supported", 4},
    {"x = a is None", "'is' is not supported", 6},
    {"x = a in l", "'in' is not supported", 6},
    {"exec('x')", "'exec' is not supported", 0},
    {"x = eval('1')", "'eval' is not supported", 4},
    {"f = open('x')", "'open' is not supported", 4},
    {"print(x)", "'print' is not supported", 0},
    {"x = getattr(a, 'b')", "'getattr' is not supported", 4},
    {"setattr(a, 'b', 1)", "'setattr' is not supported", 0},
    {"__import__('os')", "names starting with '__'", 0},
    {"x.__dict__ = 1", "names starting with '__'", 2},
    {"x = a.__class__", "names starting with '__'", 6},
    {"__x = 1", "names starting with '__'", 0},
    {"pass = 1", "invalid syntax: unexpected '='", 5},
    {"x = pass", "invalid syntax: unexpected 'pass'", 4},
    {"x = del", "invalid syntax: unexpected 'del'", 4},
    {"global", "unexpected end of statement", 6},
    {"global x,", "unexpected end of statement", 9},
    {"global None", "unexpected 'None'", 7},
    {"global x y", "unexpected 'y'", 9},
    {"global a.b", "unexpected '.'", 8},
    {"del", "unexpected end of statement", 3},
    {"pass pass", "unexpected 'pass'", 5},
    {"return a, b", "return (a, b)", 8},
    {"return return", "unexpected 'return'", 7},
    /* operators */
    {"x = a + b", "operator '+' is not supported", 6},
    {"x = 1 - 2", "operator '-' is not supported", 6},
    {"x = a -1", "operator '-' is not supported", 6},
    {"x = a * b", "operator '*' is not supported", 6},
    {"x = a / b", "operator '/' is not supported", 6},
    {"x = a // b", "operator '//' is not supported", 6},
    {"x = a % b", "operator '%' is not supported", 6},
    {"x = a ** 2", "operator '**' is not supported", 6},
    {"x = a == b", "operator '==' is not supported", 6},
    {"x = a != b", "operator '!=' is not supported", 6},
    {"x = a < b", "operator '<' is not supported", 6},
    {"x = a >= b", "operator '>=' is not supported", 6},
    {"x = a | b", "operator '|' is not supported", 6},
    {"x = a & b", "operator '&' is not supported", 6},
    {"x = a @ b", "operator '@' is not supported", 6},
    {"x = a << 1", "operator '<<' is not supported", 6},
    {"x = ~a", "operator '~' is not supported", 4},
    {"x = +1", "operator '+' is not supported", 4},
    {"x = -a", "unary minus is only supported on integer literals", 4},
    {"x = -'a'", "unary minus is only supported on integer literals", 4},
    {"x = --1", "unary minus is only supported on integer literals", 4},
    {"x += 1", "augmented assignment ('+=') is not supported", 2},
    {"x -= 1", "augmented assignment ('-=') is not supported", 2},
    {"x //= 1", "augmented assignment ('//=') is not supported", 2},
    {"x.a **= 1", "augmented assignment ('**=') is not supported", 4},
    {"(x := 1)", "assignment expressions (':=') are not supported", 3},
    {"x = ...", "Ellipsis", 4},
    {"x: int = 1", "annotations are not supported", 1},
    /* assignment forms */
    {"a = b = c", "chained assignment", 6},
    {"a, b = 1, 2", "tuple unpacking", 1},
    {"(a, b) = t", "unpacking assignment is not supported", 0},
    {"[a, b] = t", "unpacking assignment is not supported", 0},
    {"x = 1, 2", "written in parentheses", 5},
    {"f() = 1", "cannot assign to function call", 0},
    {"l.pop() = 1", "cannot assign to function call", 0},
    {"a.b() = 1", "'b' is not supported here", 2},
    {"None = 1", "cannot assign to None", 0},
    {"True = 1", "cannot assign to True", 0},
    {"1 = x", "cannot assign to literal", 0},
    {"'s' = x", "cannot assign to literal", 0},
    {"{} = x", "cannot assign to dict literal", 0},
    {"x =", "unexpected end of statement", 3},
    {"= 1", "unexpected '='", 0},
    {"del f()", "cannot delete function call", 4},
    {"del 1", "cannot delete literal", 4},
    {"del None", "cannot delete None", 4},
    {"del (a, b)", "write del a, b", 4},
    {"del [a]", "write del a, b", 4},
    {"del x y", "unexpected 'y'", 6},
    /* statements without effect */
    {"x", "this statement has no effect", 0},
    {"1", "this statement has no effect", 0},
    {"'docstring'", "this statement has no effect", 0},
    {"a.b", "this statement has no effect", 0},
    {"l[0]", "this statement has no effect", 0},
    {"[f()]", "this statement has no effect", 0},
    {"(f(),)", "this statement has no effect", 0},
    {"None", "this statement has no effect", 0},
    {"f(), g()", "a tuple must be written in parentheses", 3},
    /* numbers */
    {"x = 1.5", "floating-point", 4},
    {"x = .5", "floating-point", 4},
    {"x = 1.", "floating-point", 4},
    {"x = 1e5", "floating-point", 4},
    {"x = 2j", "complex numbers", 4},
    {"x = 0x10", "only decimal integers", 4},
    {"x = 0o7", "only decimal integers", 4},
    {"x = 0b1", "only decimal integers", 4},
    {"x = 1_000", "digit separators", 4},
    {"x = 012", "leading zeros", 4},
    {"x = 12ab", "invalid decimal literal", 4},
    {"x = 288230376151711744", "integer literal too large", 4},
    {"x = -288230376151711744", "integer literal too large", 5},
    {"x = 99999999999999999999999999999", "integer literal too large", 4},
    /* strings */
    {"x = 'abc", "unterminated string literal", 4},
    {"x = \"abc'", "unterminated string literal", 4},
    {"x = 'abc\\", "unterminated string literal", 4},
    {"x = 'a\\x41'", "unsupported escape sequence '\\x'", 6},
    {"x = 'a\\0'", "unsupported escape sequence '\\0'", 6},
    {"x = '''abc'''", "triple-quoted strings", 4},
    {"x = f'{y}'", "string prefixes", 4},
    {"x = b'y'", "string prefixes", 4},
    {"x = rb'y'", "string prefixes", 4},
    {"x = 'a' 'b'", "unexpected ''b''", 8},
    /* brackets */
    {"x = (1", "'(' was never closed", 4},
    {"x = [1, (2]", "closing parenthesis ']' does not match opening parenthesis '('", 10},
    {"x = 1)", "unmatched ')'", 5},
    {"x = }", "unmatched '}'", 4},
    {"f(", "'(' was never closed", 1},
    {"x = {'a': [1}", "closing parenthesis '}' does not match opening parenthesis '['", 12},
    {"x = [(]", "closing parenthesis ']' does not match opening parenthesis '('", 6},
    {"x = [1 2]", "Perhaps you forgot a comma?", 7},
    {"f(a b)", "Perhaps you forgot a comma?", 4},
    {"x = (a b)", "Perhaps you forgot a comma?", 7},
    {"x = {'a': 1 'b': 2}", "Perhaps you forgot a comma?", 12},
    {"x = [,]", "unexpected ','", 5},
    {"f(,)", "unexpected ','", 2},
    {"x = (,)", "unexpected ','", 5},
    {"x = [1,,2]", "unexpected ','", 7},
    {"x = (a.)", "invalid syntax: unexpected ')'", 7},
    {"x = a.None", "invalid syntax: unexpected 'None'", 6},
    {"x = a.'b'", "invalid syntax: unexpected ''b''", 6},
    {"x = a.", "unexpected end of statement", 6},
    {"x = (1 2 3)", "Perhaps you forgot a comma?", 7},
    {"x = ()()", "only names, gc functions, weakref.ref and list methods can be called", 4},
    /* indexes, slices, dicts */
    {"x = l[1:2]", "slices are not supported", 7},
    {"x = l[:]", "slices are not supported", 6},
    {"x = l[::2]", "slices are not supported", 6},
    {"x = l[]", "unexpected ']'", 6},
    {"x = d[1, 2]", "tuple index in parentheses", 7},
    {"x = {1, 2}", "set literals are not supported", 5},
    {"x = {a}", "set literals are not supported", 5},
    {"x = {a: 1}", "dict keys must be strings or integers", 5},
    {"x = {(1, 2): 1}", "dict keys must be strings or integers", 5},
    {"x = {None: 1}", "dict keys must be strings or integers", 5},
    {"x = {**d}", "dict unpacking", 5},
    {"x = {'a' 1}", "expected ':' after the dict key", 9},
    {"x = {'a': }", "unexpected '}'", 10},
    /* calls */
    {"f(x=1)", "keyword arguments are not supported", 2},
    {"f(a, key=1)", "keyword arguments are not supported", 5},
    {"gc.collect(generation=2)", "keyword arguments are not supported", 11},
    {"f(*args)", "star arguments and unpacking ('*')", 2},
    {"f(**kw)", "star arguments and unpacking ('**')", 2},
    {"x = [*a]", "star arguments and unpacking ('*')", 5},
    {"l.sort()", "'sort' is not supported here; supported list methods: append, pop, clear", 2},
    {"x.items.extend([1])", "'extend' is not supported here; supported list methods", 8},
    {"x = d.get('k')", "'get' is not supported here", 6},
    {"x = a.peer()", "'peer' is not supported here", 6},
    {"gc.get_count()", "'gc.get_count' is not supported here; supported: gc.collect, gc.enable", 3},
    {"weakref.proxy(x)", "'weakref.proxy' is not supported here; supported: weakref.ref", 8},
    {"x = l[0]()", "only names, gc functions, weakref.ref and list methods can be called", 4},
    {"x = f()()", "only names, gc functions, weakref.ref and list methods can be called", 4},
    {"'abc'()", "only names, gc functions, weakref.ref and list methods can be called", 0},
    {"gc.collect(1, 2)", "gc.collect() takes at most 1 argument (2 given)", 0},
    {"gc.enable(1)", "gc.enable() takes no arguments (1 given)", 0},
    {"gc.disable(0)", "gc.disable() takes no arguments (1 given)", 0},
    {"gc.freeze(1)", "gc.freeze() takes no arguments (1 given)", 0},
    {"gc.unfreeze(1)", "gc.unfreeze() takes no arguments (1 given)", 0},
    {"gc.set_threshold()", "gc.set_threshold() takes at least 1 argument (0 given)", 0},
    {"gc.set_threshold(1, 2, 3, 4)", "gc.set_threshold() takes at most 3 arguments (4 given)", 0},
    {"r = weakref.ref()", "weakref.ref() takes at least 1 argument (0 given)", 4},
    {"r = weakref.ref(a, b, c)", "weakref.ref() takes at most 2 arguments (3 given)", 4},
    {"l.append()", "list.append() takes exactly one argument (0 given)", 0},
    {"l.append(1, 2)", "list.append() takes exactly one argument (2 given)", 0},
    {"l.pop(1, 2)", "list.pop() takes at most 1 argument (2 given)", 0},
    {"l.clear(1)", "list.clear() takes no arguments (1 given)", 0},
    /* modules used as values */
    {"x = gc", "'gc' is a module", 4},
    {"x = weakref", "'weakref' is a module", 4},
    {"gc()", "'gc' is a module", 0},
    {"f(gc)", "'gc' is a module", 2},
    {"x = gc.collect", "gc.collect must be called", 4},
    {"x = gc.garbage", "'gc.garbage' is not supported here", 4},
    {"x = weakref.ref", "weakref.ref must be called", 4},
    {"gc.collect.x = 1", "gc.collect must be called", 0},
    {"return gc", "'gc' is a module", 7},
    {"del gc.x", "'gc.x' is not supported here", 4},
    {"l[gc] = 1", "'gc' is a module", 2},
    {"gc.collect(gc.enable)", "gc.enable must be called", 11},
    /* limits */
    {"x = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaa'",
     "string literal longer than 200 bytes", 4},
    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa = 1",
     "identifier longer than 64 characters", 0},
    {NULL, NULL, 0},
};

static void expect_reject(LangProgram *p, const char *text, const char *msg, int col,
                          const char *label)
{
    LangError err = {.col = 12345};
    LangStmt *s = lang_parse_stmt(p, text, &err);
    CHECK(s == NULL, "%s: accepted", label);
    CHECK(strstr(err.msg, msg) != NULL, "%s: message \"%s\", want \"%s\"", label, err.msg, msg);
    CHECK(err.col == col, "%s: col %d, want %d (%s)", label, err.col, col, err.msg);
}

static void test_reject(void)
{
    LangProgram *p = lang_program_new();
    for (const Reject *r = REJECT; r->text; r++)
        expect_reject(p, r->text, r->msg, r->col, r->text);

    /* sizes and depths that are one too many */
    static char buf[3 * LANG_MAX_STMT_LEN];
    memset(buf, ' ', LANG_MAX_STMT_LEN + 1);
    memcpy(buf, "x = 1", 5);
    buf[LANG_MAX_STMT_LEN + 1] = '\0';
    expect_reject(p, buf, "statement longer than 4096 bytes", LANG_MAX_STMT_LEN, "4097 bytes");

    int n = sprintf(buf, "x = ");
    for (int i = 0; i <= LANG_MAX_EXPR_DEPTH; i++)
        n += sprintf(buf + n, "[");
    n += sprintf(buf + n, "y");
    for (int i = 0; i <= LANG_MAX_EXPR_DEPTH; i++)
        n += sprintf(buf + n, "]");
    expect_reject(p, buf, "too many nested parentheses", 4 + LANG_MAX_EXPR_DEPTH, "65 lists");

    /* deep nesting without brackets: a chain of 65 attributes */
    n = sprintf(buf, "x = a");
    for (int i = 0; i <= LANG_MAX_EXPR_DEPTH; i++)
        n += sprintf(buf + n, ".b");
    expect_reject(p, buf, "expression nested too deeply", 4, "65 attributes");
    n = sprintf(buf, "x = a");
    for (int i = 0; i < LANG_MAX_EXPR_DEPTH; i++)
        n += sprintf(buf + n, ".b");
    LangError err;
    CHECK(lang_parse_stmt(p, buf, &err) != NULL, "64 attributes: %s", err.msg);
    n = sprintf(buf, "x = a");
    for (int i = 0; i <= LANG_MAX_EXPR_DEPTH; i++)
        n += sprintf(buf + n, "[0]");
    expect_reject(p, buf, "expression nested too deeply", 4, "65 indexes");

    /* 4000 open parentheses: an error, not a stack overflow */
    memset(buf, '(', 4000);
    buf[4000] = '\0';
    expect_reject(p, buf, "too many nested parentheses", LANG_MAX_EXPR_DEPTH, "4000 '('");
    memset(buf, '[', 4000);
    expect_reject(p, buf, "too many nested parentheses", LANG_MAX_EXPR_DEPTH, "4000 '['");
    for (int i = 0; i < 4000; i++)
        buf[i] = "f("[i % 2];
    expect_reject(p, buf, "too many nested parentheses", 2 * LANG_MAX_EXPR_DEPTH + 1,
                  "f(f(f(...");
    lang_program_free(p);
}

/* ---- for headers -------------------------------------------------------- */

static void test_for(void)
{
    LangProgram *p = lang_program_new();
    LangError err;
    int32_t var = 0;
    int64_t count = -1;
    CHECK(lang_parse_for(p, "i in range(3)", &var, &count, &err) == 0, "%s", err.msg);
    CHECK(strcmp(gc_strtab_get(lang_atoms(p), var), "i") == 0 && count == 3, "i %lld",
          (long long)count);
    CHECK(lang_parse_for(p, "node_1 in range( 0 )", &var, &count, &err) == 0, "%s", err.msg);
    CHECK(strcmp(gc_strtab_get(lang_atoms(p), var), "node_1") == 0 && count == 0, "node_1");
    CHECK(lang_parse_for(p, "i in range(10000000)", &var, &count, &err) == 0 && count == 10000000,
          "max range: %s", err.msg);
    CHECK(lang_parse_for(p, "i in range(n)", &var, &count, &err) == 0 && count < 0 &&
              strcmp(gc_strtab_get(lang_atoms(p), (int32_t)(-count - 1)), "n") == 0,
          "range(n): %s", err.msg);
    CHECK(lang_parse_for(p, "_ in range(2)  # twice", &var, &count, &err) == 0 && count == 2,
          "comment: %s", err.msg);

    static const Reject BAD[] = {
        {"", "empty loop header", 0},
        {"i in range(10000001)", "range(N) is limited to N <= 10000000", 11},
        {"i in range(-1)", "must not be negative", 11},
        {"i in range(n, 2)", "only range(N) is supported, not range(start, stop)", 12},
        {"i in range(-n)", "must be an integer or a variable", 11},
        {"i in range(1, 5)", "only range(N) is supported, not range(start, stop)", 12},
        {"i in range(1.5)", "floating-point", 11},
        {"i in range()", "must be an integer or a variable", 11},
        {"i in range(3", "'(' was never closed", 10},
        {"i in range(3) x", "unexpected 'x'", 14},
        {"i in l", "only range(N) loops are supported", 5},
        {"i in range", "expected '(' after range", 10},
        {"i, j in range(3)", "only one loop variable", 1},
        {"i range(3)", "expected 'in'", 2},
        {"for i in range(3)", "without 'for'", 0},
        {"None in range(3)", "NAME in range(N)", 0},
        {"1 in range(3)", "NAME in range(N)", 0},
        {"__i in range(3)", "names starting with '__'", 0},
        {"i in range(3):", "unexpected ':'", 13},
        {" i in range(3)", "unexpected indent", 0},
        {"i in range(3)\n", "on one line", 13},
        {NULL, NULL, 0},
    };
    for (const Reject *r = BAD; r->text; r++) {
        err.col = 999;
        var = 77;
        count = 77;
        CHECK(lang_parse_for(p, r->text, &var, &count, &err) == -1, "%s: accepted", r->text);
        CHECK(strstr(err.msg, r->msg) != NULL, "%s: message \"%s\", want \"%s\"", r->text,
              err.msg, r->msg);
        CHECK(err.col == r->col, "%s: col %d, want %d", r->text, err.col, r->col);
        CHECK(var == 77 && count == 77, "%s: outputs written on failure", r->text);
    }
    CHECK(lang_parse_for(p, NULL, &var, &count, &err) == -1, "NULL header");
    lang_program_free(p);
}

/* ---- fuzz: nothing crashes, every failure has a message ----------------- */

static uint64_t g_rng = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(void)
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 7;
    g_rng ^= g_rng << 17;
    return (uint32_t)(g_rng >> 16);
}

static int walk_depth(const LangExpr *e)
{
    if (!e)
        return 0;
    int d = 0, k;
    if ((k = walk_depth(e->base)) > d)
        d = k;
    if ((k = walk_depth(e->index)) > d)
        d = k;
    for (int32_t i = 0; i < e->nitems; i++) {
        if (e->items && (k = walk_depth(e->items[i])) > d)
            d = k;
        if (e->keys && (k = walk_depth(e->keys[i])) > d)
            d = k;
    }
    return d + 1;
}

static int g_fuzz_bad;

/* Parses text and checks the result is coherent either way. */
static void fuzz_one(LangProgram *p, const char *text, size_t len)
{
    LangError err = {.col = -7};
    LangStmt *s = lang_parse_stmt(p, text, &err);
    if (s) {
        int ok = s->kind >= LANG_S_ASSIGN && s->kind <= LANG_S_GLOBAL;
        if (s->value && walk_depth(s->value) > LANG_MAX_EXPR_DEPTH + 1)
            ok = 0;
        if (s->kind == LANG_S_EXPR && (!s->value || s->value->kind != LANG_E_CALL))
            ok = 0;
        if (!ok && g_fuzz_bad++ < 5)
            fprintf(stderr, "fuzz: bad tree for \"%s\"\n", text);
        CHECK(ok, "bad tree");
    } else {
        int ok = err.msg[0] != '\0' && err.col >= -1 && err.col <= (int)len &&
                 strlen(err.msg) < sizeof err.msg;
        if (!ok && g_fuzz_bad++ < 5)
            fprintf(stderr, "fuzz: bad error col %d \"%s\" for \"%s\"\n", err.col, err.msg, text);
        CHECK(ok, "bad error");
    }
    int32_t var;
    int64_t count;
    if (lang_parse_for(p, text, &var, &count, &err) == 0)
        CHECK(count >= 0 && count <= LANG_MAX_RANGE, "for count %lld", (long long)count);
    else
        CHECK(err.msg[0] != '\0' && err.col >= -1 && err.col <= (int)len, "for error");
}

static const char *const PIECES[] = {
    "x",  "y",  "gc", "weakref", ".",  "(",  ")",  "[",      "]",      "{",    "}",      ",",
    ":",  "=",  " ",  "1",       "-",  "'a'", "\"", "'",     "\\",     "None", "True",   "del ",
    "return ", "global ", "pass", "collect", "append", "pop", "ref", "#", "\t", "+", "range", " in ",
    "0",  "__", "Node", "f",     "*",  "**", ";",  "\xff",   "\x01",   "..."};

static void test_fuzz(void)
{
    LangProgram *p = lang_program_new();
    static char buf[LANG_MAX_STMT_LEN * 2 + 16];
    int accepted = 0;
    /* random bytes */
    for (int iter = 0; iter < 20000; iter++) {
        size_t len = rnd() % 40;
        for (size_t i = 0; i < len; i++) {
            unsigned c = rnd() % 256;
            buf[i] = (char)(c ? c : 'x');
        }
        buf[len] = '\0';
        fuzz_one(p, buf, len);
    }
    /* random sequences of tokens, most of them near-statements */
    for (int iter = 0; iter < 60000; iter++) {
        size_t len = 0;
        int k = 1 + (int)(rnd() % 16);
        for (int j = 0; j < k; j++) {
            const char *piece = PIECES[rnd() % (sizeof PIECES / sizeof PIECES[0])];
            size_t n = strlen(piece);
            memcpy(buf + len, piece, n);
            len += n;
        }
        buf[len] = '\0';
        LangError err;
        if (lang_parse_stmt(p, buf, &err))
            accepted++;
        fuzz_one(p, buf, len);
    }
    CHECK(accepted > 100, "token fuzz accepted only %d statements", accepted);
    /* mutations of valid statements */
    for (const Accept *a = ACCEPT; a->text; a++) {
        size_t n = strlen(a->text);
        for (int m = 0; m < 200; m++) {
            memcpy(buf, a->text, n + 1);
            size_t len = n;
            int kind = (int)(rnd() % 3);
            size_t at = len ? rnd() % len : 0;
            if (kind == 0 && len) { /* replace one byte */
                buf[at] = (char)(1 + rnd() % 255);
            } else if (kind == 1 && len) { /* delete one byte */
                memmove(buf + at, buf + at + 1, len - at);
                len--;
            } else { /* truncate */
                buf[at] = '\0';
                len = at;
            }
            fuzz_one(p, buf, len);
        }
    }
    /* deep and long inputs, each at the maximum length */
    const char *fills[] = {"(", "[", "{", "f(", "a.", "a[", "-", "'", "((x,),", "[1,", "x = ",
                           "{'a':", "\\"};
    for (size_t f = 0; f < sizeof fills / sizeof fills[0]; f++) {
        size_t len = 0, n = strlen(fills[f]);
        while (len + n <= LANG_MAX_STMT_LEN) {
            memcpy(buf + len, fills[f], n);
            len += n;
        }
        buf[len] = '\0';
        fuzz_one(p, buf, len);
        /* and the same, too long by far */
        memset(buf, '(', sizeof buf - 1);
        buf[sizeof buf - 1] = '\0';
        fuzz_one(p, buf, sizeof buf - 1);
    }
    /* balanced deep nesting inside the byte limit */
    size_t len = 0;
    while (len < 2000)
        buf[len++] = '(';
    buf[len++] = 'x';
    while (len < 4001)
        buf[len++] = ')';
    buf[len] = '\0';
    LangError err;
    CHECK(lang_parse_stmt(p, buf, &err) == NULL &&
              strstr(err.msg, "too many nested parentheses") != NULL,
          "2000 balanced parens: %s", err.msg);
    lang_program_free(p);
}

/* ---- program: arena, tables, meta --------------------------------------- */

static void test_program(void)
{
    lang_program_free(NULL); /* no-op */
    LangProgram *p = lang_program_new();
    CHECK(p != NULL, "new");
    CHECK(lang_atoms(p) != NULL, "atoms");
    CHECK(lang_python(p) == 312 && lang_collector(p) == GC_COLLECTOR_CPYTHON, "defaults");
    lang_set_meta(p, 313, GC_COLLECTOR_MARKSWEEP);
    CHECK(lang_python(p) == 313 && lang_collector(p) == GC_COLLECTOR_MARKSWEEP, "meta");

    /* arena: zeroed, aligned, many sizes, big blocks */
    for (int i = 0; i < 5000; i++) {
        size_t n = (size_t)(i % 97) + 1;
        if (i % 1000 == 999)
            n = 100000;
        unsigned char *m = lang_alloc(p, n);
        CHECK(m != NULL, "alloc %zu", n);
        if (!m)
            break;
        CHECK(((uintptr_t)m % _Alignof(max_align_t)) == 0, "alignment");
        int zero = 1;
        for (size_t k = 0; k < n; k++)
            zero &= m[k] == 0;
        CHECK(zero, "not zeroed");
        memset(m, 0xAB, n);
    }
    CHECK(lang_alloc(p, 0) != NULL, "alloc 0");
    CHECK(lang_alloc(p, SIZE_MAX) == NULL, "alloc SIZE_MAX");
    const char *d = lang_strdup(p, "hello");
    CHECK(d && strcmp(d, "hello") == 0, "strdup");
    CHECK(lang_strdup(p, NULL) == NULL, "strdup NULL");

    /* locations copy their strings */
    char path[32] = "steps[0]", text[32] = "x = 1", say[32] = "caption";
    LangLoc l = {.path = path, .text = text, .say = say, .pause = 1, .line = 7, .col = 9,
                 .owner = -1, .index = 0};
    CHECK(lang_loc_count(p) == 0, "no locs");
    int32_t i0 = lang_add_loc(p, &l);
    strcpy(path, "changed");
    strcpy(text, "changed");
    strcpy(say, "changed");
    l.say = NULL;
    l.path = "functions.f.body[2]";
    l.owner = 3;
    l.index = 2;
    int32_t i1 = lang_add_loc(p, &l);
    CHECK(i0 == 0 && i1 == 1 && lang_loc_count(p) == 2, "loc indexes %d %d", i0, i1);
    const LangLoc *g = lang_loc(p, 0);
    CHECK(g && strcmp(g->path, "steps[0]") == 0 && strcmp(g->text, "x = 1") == 0 &&
              strcmp(g->say, "caption") == 0 && g->pause == 1 && g->line == 7 && g->col == 9 &&
              g->owner == -1,
          "loc 0");
    g = lang_loc(p, 1);
    CHECK(g && g->say == NULL && strcmp(g->path, "functions.f.body[2]") == 0 && g->owner == 3 &&
              g->index == 2,
          "loc 1");
    CHECK(lang_loc(p, 2) == NULL && lang_loc(p, -1) == NULL, "loc out of range");
    for (int i = 0; i < 1000; i++)
        lang_add_loc(p, &l);
    CHECK(lang_loc_count(p) == 1002 && strcmp(lang_loc(p, 0)->path, "steps[0]") == 0, "grow");

    /* classes and functions copy their arrays */
    LangError err;
    LangStmt *st = lang_parse_stmt(p, "pass", &err);
    LangStmt *body[2] = {st, st};
    int32_t params[2] = {gc_strtab_intern(lang_atoms(p), "a", 1),
                         gc_strtab_intern(lang_atoms(p), "b", 1)};
    LangClass c = {.name = gc_strtab_intern(lang_atoms(p), "Node", 4)};
    CHECK(lang_add_class(p, &c) == 0, "class 0");
    c.name = gc_strtab_intern(lang_atoms(p), "Phoenix", 7);
    c.del_body = body;
    c.ndel = 2;
    CHECK(lang_add_class(p, &c) == 1, "class 1");
    LangClass empty_del = {.name = gc_strtab_intern(lang_atoms(p), "E", 1), .del_body = body};
    CHECK(lang_add_class(p, &empty_del) == 2, "class 2");
    LangFunc f = {.name = gc_strtab_intern(lang_atoms(p), "f", 1), .params = params, .nparams = 2,
                  .body = body, .nbody = 1};
    CHECK(lang_add_func(p, &f) == 0, "func 0");
    body[0] = NULL;
    params[0] = 0;
    CHECK(lang_class_count(p) == 3 && lang_func_count(p) == 1, "counts");
    CHECK(lang_class(p, 0)->del_body == NULL && lang_class(p, 0)->ndel == 0, "no __del__");
    CHECK(lang_class(p, 1)->ndel == 2 && lang_class(p, 1)->del_body[0] == st &&
              lang_class(p, 1)->del_body != body,
          "__del__ copied");
    CHECK(lang_class(p, 2)->del_body != NULL && lang_class(p, 2)->ndel == 0, "empty __del__");
    const LangFunc *fn = lang_func(p, 0);
    CHECK(fn->nparams == 2 && fn->params[0] == gc_strtab_intern(lang_atoms(p), "a", 1) &&
              fn->body[0] == st && fn->nbody == 1,
          "func copied");
    CHECK(lang_class(p, 3) == NULL && lang_func(p, 1) == NULL && lang_class(p, -1) == NULL,
          "out of range");

    CHECK(lang_step_count(p) == 0, "no steps");
    CHECK(lang_add_step(p, st) == 0 && lang_add_step(p, NULL) == -1, "add step");
    for (int i = 0; i < 100; i++)
        lang_add_step(p, st);
    CHECK(lang_step_count(p) == 101 && lang_step(p, 100) == st && lang_step(p, 101) == NULL,
          "steps");
    lang_program_free(p);

    /* NULL-safe accessors */
    CHECK(lang_step_count(NULL) == 0 && lang_loc(NULL, 0) == NULL && lang_atoms(NULL) == NULL,
          "NULL program");
}

/* ---- validate ----------------------------------------------------------- */

typedef struct Problem {
    int32_t loc;
    int col;
    char msg[256];
} Problem;

typedef struct Problems {
    Problem v[64];
    int n;
} Problems;

static void collect(void *ctx, int32_t loc, int col, const char *msg)
{
    Problems *ps = ctx;
    if (ps->n < 64) {
        ps->v[ps->n].loc = loc;
        ps->v[ps->n].col = col;
        snprintf(ps->v[ps->n].msg, sizeof ps->v[ps->n].msg, "%s", msg);
        ps->n++;
    }
}

/* Builds statements into a body; each gets a loc whose text is the statement. */
static LangStmt *stmt(LangProgram *p, const char *text, int32_t owner, int32_t index)
{
    LangError err;
    LangStmt *s = lang_parse_stmt(p, text, &err);
    CHECK(s != NULL, "%s: %s", text, err.msg);
    if (!s)
        return lang_parse_stmt(p, "pass", &err);
    LangLoc l = {.path = "x", .text = text, .owner = owner, .index = index};
    s->loc = lang_add_loc(p, &l);
    return s;
}

static LangStmt *for_stmt(LangProgram *p, const char *header, LangStmt **body, int32_t n)
{
    LangError err;
    LangStmt *s = lang_alloc(p, sizeof *s);
    s->kind = LANG_S_FOR;
    CHECK(lang_parse_for(p, header, &s->for_var, &s->for_count, &err) == 0, "%s", err.msg);
    s->body = lang_alloc(p, (size_t)n * sizeof *s->body);
    memcpy(s->body, body, (size_t)n * sizeof *s->body);
    s->nbody = n;
    LangLoc l = {.path = "for", .text = header, .owner = -1};
    s->loc = lang_add_loc(p, &l);
    return s;
}

/* A program: classes Node and Phoenix (with __del__), functions
 * make_pair() and link(a, b, c), then the given top-level steps. */
static LangProgram *program(const char *const *steps, const char *const *func_body,
                            const char *const *del_body)
{
    LangProgram *p = lang_program_new();
    GcStrtab *a = lang_atoms(p);
    LangStmt *body[16];
    int n = 0;
    lang_add_class(p, &(LangClass){.name = gc_strtab_intern(a, "Node", 4)});
    for (n = 0; del_body && del_body[n]; n++)
        body[n] = stmt(p, del_body[n], -3, n);
    lang_add_class(p, &(LangClass){.name = gc_strtab_intern(a, "Phoenix", 7), .del_body = body,
                                   .ndel = n});
    LangStmt *ret = stmt(p, "return Node()", 0, 0);
    lang_add_func(p, &(LangFunc){.name = gc_strtab_intern(a, "make_pair", 9), .body = &ret,
                                 .nbody = 1});
    int32_t params[3] = {gc_strtab_intern(a, "a", 1), gc_strtab_intern(a, "b", 1),
                         gc_strtab_intern(a, "c", 1)};
    for (n = 0; func_body && func_body[n]; n++)
        body[n] = stmt(p, func_body[n], 1, n);
    lang_add_func(p, &(LangFunc){.name = gc_strtab_intern(a, "link", 4), .params = params,
                                 .nparams = 3, .body = body, .nbody = n});
    for (n = 0; steps && steps[n]; n++)
        lang_add_step(p, stmt(p, steps[n], -1, n));
    return p;
}

/* Checks that validating gives exactly the expected problems, in order:
 * each "TEXT|COL|MESSAGE" names the statement text, column and message part. */
static void expect_problems(LangProgram *p, const char *label, const char *const *want)
{
    Problems got = {0};
    int n = lang_validate(p, collect, &got);
    int nwant = 0;
    while (want && want[nwant])
        nwant++;
    CHECK(n == nwant && got.n == nwant, "%s: %d problems, want %d", label, n, nwant);
    for (int i = 0; i < got.n; i++)
        if (n != nwant)
            fprintf(stderr, "  %s: [%d] col %d: %s\n", label, i, got.v[i].col, got.v[i].msg);
    for (int i = 0; i < nwant && i < got.n; i++) {
        char text[128];
        int col;
        const char *msg;
        const char *bar = strchr(want[i], '|');
        snprintf(text, sizeof text, "%.*s", (int)(bar - want[i]), want[i]);
        col = atoi(bar + 1);
        msg = strchr(bar + 1, '|') + 1;
        const LangLoc *l = lang_loc(p, got.v[i].loc);
        const char *ltext = l ? l->text : "(no loc)";
        CHECK(strcmp(ltext, text) == 0, "%s [%d]: loc text \"%s\", want \"%s\"", label, i, ltext,
              text);
        CHECK(got.v[i].col == col, "%s [%d]: col %d, want %d", label, i, got.v[i].col, col);
        CHECK(strstr(got.v[i].msg, msg) != NULL, "%s [%d]: \"%s\", want \"%s\"", label, i,
              got.v[i].msg, msg);
    }
}

static void test_validate(void)
{
    /* a program with no problems */
    static const char *const good_steps[] = {
        "gc.disable()", "p = make_pair()", "n = Node()", "link(n, p, None)", "r = weakref.ref(n)",
        "o = r()", "l = [n]", "l.append(Node())", "gc.collect()", "del p", "x = l.pop()", NULL};
    static const char *const good_func[] = {"global g", "g = a", "a.peer = b", "return c", NULL};
    static const char *const good_del[] = {"global graveyard", "graveyard.append(self)",
                                           "self.x = None", "return", NULL};
    LangProgram *p = program(good_steps, good_func, good_del);
    Problems got = {0};
    CHECK(lang_validate(p, collect, &got) == 0 && got.n == 0, "good program: %d problems: %s",
          got.n, got.n ? got.v[0].msg : "");
    CHECK(lang_validate(p, NULL, NULL) == 0, "NULL report");
    lang_program_free(p);
    CHECK(lang_validate(NULL, collect, &got) == 0, "NULL program");

    static const char *const bad_steps[] = {
        "n = Node(1)",
        "x = make_pair(1)",
        "link(1, 2, 3, 4)",
        "link(1)",
        "link(1, 2)",
        "x = [foo(1)]",
        "return 1",
        "global x",
        "x = self",
        "self.a = 1",
        "gc = 1",
        "weakref = None",
        "Node = 1",
        "make_pair = None",
        "del Node",
        "del gc, x",
        "x = Node(make_pair(2))",
        "unknown_weakref()",
        NULL};
    static const char *const want_steps[] = {
        "n = Node(1)|4|Node() takes no arguments",
        "x = make_pair(1)|4|make_pair() takes 0 positional arguments but 1 was given",
        "link(1, 2, 3, 4)|0|link() takes 3 positional arguments but 4 were given",
        "link(1)|0|link() missing 2 required positional arguments: 'b' and 'c'",
        "link(1, 2)|0|link() missing 1 required positional argument: 'c'",
        "x = [foo(1)]|5|'foo' is not a class or function of this scenario",
        "return 1|0|'return' outside function",
        "global x|0|'global' is only allowed in function and __del__ bodies",
        "x = self|4|'self' can only be used inside __del__",
        "self.a = 1|0|'self' can only be used inside __del__",
        "gc = 1|0|cannot assign to 'gc': it is the gc module",
        "weakref = None|0|cannot assign to 'weakref': it is the weakref module",
        "Node = 1|0|cannot assign to 'Node': it is a class of this scenario",
        "make_pair = None|0|cannot assign to 'make_pair': it is a function of this scenario",
        "del Node|4|cannot delete 'Node': it is a class",
        "del gc, x|4|cannot delete 'gc'",
        "x = Node(make_pair(2))|4|Node() takes no arguments",
        "x = Node(make_pair(2))|9|make_pair() takes 0 positional arguments but 1 was given",
        "unknown_weakref()|0|'unknown_weakref' is not a class, function or variable of this scenario",
        NULL};
    p = program(bad_steps, NULL, NULL);
    expect_problems(p, "steps", want_steps);
    lang_program_free(p);

    /* function bodies: globals after use, parameters, self */
    static const char *const bad_func[] = {"x = g", "global g", "global a", "h = 1", "global h",
                                           "y = self", "return link(a, b)", NULL};
    static const char *const want_func[] = {
        "global g|0|name 'g' is used prior to global declaration",
        "global a|0|name 'a' is parameter and global",
        "global h|0|name 'h' is assigned to before global declaration",
        "y = self|4|'self' can only be used inside __del__",
        "return link(a, b)|7|link() missing 1 required positional argument: 'c'",
        NULL};
    p = program(NULL, bad_func, NULL);
    expect_problems(p, "function", want_func);
    lang_program_free(p);

    /* __del__ bodies may use self, global and return; not assign classes */
    static const char *const bad_del[] = {"self.peer = self", "global Node", "Node = self",
                                          "x = make_pair(self)", NULL};
    static const char *const want_del[] = {
        "Node = self|0|cannot assign to 'Node'",
        "x = make_pair(self)|4|make_pair() takes 0 positional arguments but 1 was given", NULL};
    p = program(NULL, NULL, bad_del);
    expect_problems(p, "__del__", want_del);
    lang_program_free(p);

    /* loops: the variable is a store, the body is checked */
    p = program(NULL, NULL, NULL);
    LangStmt *body[2] = {stmt(p, "t = Node()", -1, 0), stmt(p, "return t", -1, 1)};
    lang_add_step(p, for_stmt(p, "i in range(3)", body, 2));
    LangStmt *body2[1] = {stmt(p, "pass", -1, 0)};
    lang_add_step(p, for_stmt(p, "Node in range(2)", body2, 1));
    LangStmt *inner = for_stmt(p, "gc in range(1)", body2, 1);
    lang_add_step(p, for_stmt(p, "j in range(2)", &inner, 1));
    static const char *const want_for[] = {
        "return t|0|'return' outside function",
        "Node in range(2)|0|cannot use as loop variable 'Node': it is a class",
        "gc in range(1)|0|it is the gc module", NULL};
    expect_problems(p, "for", want_for);
    lang_program_free(p);

    /* declarations: reported without a statement (loc -1, col -1) */
    p = lang_program_new();
    GcStrtab *a = lang_atoms(p);
    int32_t x = gc_strtab_intern(a, "x", 1), gcn = gc_strtab_intern(a, "gc", 2);
    int32_t params[3] = {x, x, gcn};
    lang_add_class(p, &(LangClass){.name = gc_strtab_intern(a, "A", 1)});
    lang_add_func(p, &(LangFunc){.name = gc_strtab_intern(a, "A", 1)});
    lang_add_func(p, &(LangFunc){.name = gc_strtab_intern(a, "g", 1), .params = params,
                                 .nparams = 3});
    Problems pr = {0};
    CHECK(lang_validate(p, collect, &pr) == 3, "declarations: %d", pr.n);
    CHECK(pr.n == 3 && strstr(pr.v[0].msg, "'A' is both a class and a function") &&
              pr.v[0].loc == -1 && pr.v[0].col == -1,
          "both");
    CHECK(pr.n == 3 && strstr(pr.v[1].msg, "duplicate argument 'x' in function definition"),
          "duplicate: %s", pr.n > 1 ? pr.v[1].msg : "");
    CHECK(pr.n == 3 && strstr(pr.v[2].msg, "g(): parameter 'gc' would hide the gc module"),
          "param gc: %s", pr.n > 2 ? pr.v[2].msg : "");
    lang_program_free(p);
}

int main(int argc, char **argv)
{
    static const TestCase tests[] = {{"parse", test_parse},     {"reject", test_reject},
                                     {"for", test_for},         {"fuzz", test_fuzz},
                                     {"program", test_program}, {"validate", test_validate}};
    return test_main(argc, argv, tests, sizeof tests / sizeof tests[0]);
}
