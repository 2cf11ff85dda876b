#!/usr/bin/env python3
"""No function in src/ longer than 120 lines, unless it says why.

    check_funclen.py SOURCE_DIR          check every .c file under SOURCE_DIR/src
    check_funclen.py --list SOURCE_DIR   print every function with its length
    check_funclen.py --selftest          check the scanner on tricky input

A function's length is counted from the line of its name to its closing
brace.  A function over the limit passes only when a comment whose text
starts with `long:` and gives a reason sits just above it (blank lines and
other comment lines may come between), e.g.

    /* long: one switch over the token kinds; split, it runs slower */
    static int tokenize(...)

The scan is a real one: comments, string and character literals and
preprocessor lines are blanked before the braces are counted, so a brace
in "{" or '}' or in a macro does not move a function's end.
"""
import os
import re
import sys

LIMIT = 120


def blank(text):
    """text with comments, literals and preprocessor lines turned into
    spaces (newlines kept, so line numbers stay right).  Also returns the
    comments as (start offset, end offset, text)."""
    out = list(text)
    comments = []
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c in ' \t':
            i += 1
            continue
        if line_start and c == '#':
            # a preprocessor line, with its continuations
            j = i
            while j < n and text[j] != '\n':
                if text[j] == '\\' and j + 1 < n and text[j + 1] == '\n':
                    j += 2
                    continue
                if text.startswith('/*', j):
                    break  # a comment after the directive: handled below
                j += 1
            for k in range(i, j):
                if out[k] != '\n':
                    out[k] = ' '
            i = j
            line_start = False
            continue
        line_start = False
        if text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            comments.append((i, j, text[i + 2:j - 2]))
            for k in range(i, j):
                if out[k] != '\n':
                    out[k] = ' '
            i = j
            continue
        if text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            comments.append((i, j, text[i + 2:j]))
            for k in range(i, j):
                out[k] = ' '
            i = j
            continue
        if c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            j = min(j + 1, n)
            for k in range(i, j):
                if out[k] != '\n':
                    out[k] = ' '
            i = j
            continue
        if c == '\n':
            line_start = True
        i += 1
    return ''.join(out), comments


def functions(text):
    """(name, first line, last line, start offset of the header) of each
    function definition in one C file."""
    code, _ = blank(text)
    found = []
    depth = 0
    head = 0  # where the current top-level declaration starts
    open_at = -1
    for i, c in enumerate(code):
        if c == '{':
            if depth == 0:
                open_at = i
            depth += 1
        elif c == '}':
            depth -= 1
            if depth == 0 and open_at >= 0:
                before = code[head:open_at].rstrip()
                m = re.search(r'([A-Za-z_]\w*)\s*\(', code[head:open_at])
                if before.endswith(')') and m and '=' not in before:
                    start = head + m.start(1)
                    found.append((m.group(1), code.count('\n', 0, start) + 1,
                                  code.count('\n', 0, i) + 1, head + len(code[head:open_at]) -
                                  len(code[head:open_at].lstrip()), start))
                open_at = -1
                head = i + 1
            if depth < 0:
                depth = 0
        elif c == ';' and depth == 0:
            head = i + 1
    return found


def reason_above(text, comments, header_start):
    """The `long:` reason of the comments just above header_start, or None."""
    before = [c for c in comments if c[1] <= header_start]
    pos = header_start
    for start, end, body in reversed(before):
        if text[end:pos].strip():
            break  # code between: not just above
        m = re.match(r'\s*\*?\s*long:\s*(\S.*)', body, re.S)
        if m:
            return m.group(1).strip()
        pos = start
    return None


def scan(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        text = f.read()
    _, comments = blank(text)
    for name, first, last, hstart, _ in functions(text):
        yield name, first, last - first + 1, reason_above(text, comments, hstart)


def c_files(root):
    for d, _, files in sorted(os.walk(os.path.join(root, 'src'))):
        for f in sorted(files):
            if f.endswith('.c'):
                yield os.path.join(d, f)


def selftest():
    src = r'''
#define BRACE {
static const char *s = "}{";
struct P { int a; };
/* long: a reason */
int kept(void)
{
    char c = '}';
    const char *t = "\"}";
    /* } */ // }
    return c + t[0];
}

static int
short_one(int x) { if (x) { return 1; } return 0; }
int arr[] = { 1, 2 };
// long: other
static void two(void)
{
#if 1
    int y = 0;
#endif
}
'''
    got = [(n, a, b) for n, a, b, _, _ in functions(src)]
    want = [('kept', 6, 12), ('short_one', 15, 15), ('two', 18, 23)]
    ok = got == want
    _, comments = blank(src)
    reasons = [reason_above(src, comments, h) for _, _, _, h, _ in functions(src)]
    ok = ok and reasons == ['a reason', None, 'other']
    print('selftest', 'ok' if ok else 'FAILED: %r %r' % (got, reasons))
    return 0 if ok else 1


def main(argv):
    if argv[1:] == ['--selftest']:
        return selftest()
    listing = len(argv) > 2 and argv[1] == '--list'
    root = argv[-1]
    bad = 0
    for path in c_files(root):
        rel = os.path.relpath(path, root)
        for name, first, n, reason in scan(path):
            if listing:
                print('%5d %s:%d %s%s' % (n, rel, first, name, '  (long: %s)' % reason if reason else ''))
            elif n > LIMIT and not reason:
                print('%s:%d: %s is %d lines (limit %d; split it, or say why above it in'
                      ' a /* long: reason */ comment)' % (rel, first, name, n, LIMIT))
                bad += 1
    if not listing:
        print('function length ok' if not bad else '%d functions over %d lines' % (bad, LIMIT))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
