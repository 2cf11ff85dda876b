#!/usr/bin/env python3
"""gen_py_random.py - seeded random .py programs for the gcviz oracle.

    gen_py_random.py --seed N      prints one program on stdout

The program uses only the language of issue 10 (classes with __init__,
methods, __del__, class attributes, single inheritance, def with constant
defaults, if/elif/else, while, for over range/list/tuple/dict, break/continue,
assignments, augmented assignments, del, int arithmetic, lists, tuples, dicts,
weakref.ref with callbacks, print(sys.getrefcount(...)), gc.collect(),
gc.get_count(), gc.is_tracked(...)) and prints nothing that depends on
addresses or hashing, so CPython's output is deterministic.  It starts with
`import gc` and `gc.collect()` (the interpreter's start-up heap is a known
limit).  Every name is defined before it is used; a program ends in an
exception only when the generator draws one on purpose (about one seed in
twelve), as its last statement.

The same seed always gives the same program (random.Random(seed), no hashing
of strings involved).
"""
import random
import sys


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.seed = seed
        self.lines = []
        self.classes = []          # (name, base or None, has_del, fields)
        self.vars = []             # names bound to instances
        self.lists = []            # names bound to lists
        self.dicts = []            # names bound to dicts
        self.weaks = []            # names bound to weakrefs
        self.n = 0

    def emit(self, text, indent=0):
        self.lines.append("    " * indent + text)

    def fresh(self, prefix):
        self.n += 1
        return "%s%d" % (prefix, self.n)

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    # ------------------------------------------------------------ classes
    def gen_classes(self):
        r = self.r
        ncls = r.randint(1, 3)
        for i in range(ncls):
            name = "C%d" % i
            base = None
            if self.classes and r.random() < 0.4:
                base = self.pick(self.classes)
            has_del = r.random() < 0.5
            fields = ["a", "b"] if base is None else base[3] + ["c"]
            self.classes.append((name, base, has_del, fields))
            self.emit("")
            self.emit("")
            self.emit("class %s%s:" % (name, "(%s)" % base[0] if base else ""))
            self.emit("tag = %d" % r.randint(0, 9), 1)
            self.emit("", 0)
            if base is None:
                self.emit("def __init__(self, n, a=None):", 1)
                self.emit("self.n = n", 2)
                self.emit("self.a = a", 2)
                self.emit("self.b = None", 2)
            else:
                self.emit("def __init__(self, n, a=None, c=%d):" % r.randint(0, 5), 1)
                self.emit("%s.__init__(self, n, a)" % base[0], 2)
                self.emit("self.c = c", 2)
            self.emit("")
            self.emit("def link(self, other):", 1)
            self.emit("self.b = other", 2)
            self.emit("return self.n", 2)
            self.emit("")
            self.emit("def refs(self):", 1)
            self.emit("return sys.getrefcount(self)", 2)
            if r.random() < 0.5:
                self.emit("")
                self.emit("def total(self, k=1):", 1)
                self.emit("t = self.n * k", 2)
                self.emit("if self.a is not None:", 2)
                self.emit("t += self.a.n", 3)
                self.emit("return t", 2)
            if has_del:
                self.emit("")
                self.emit("def __del__(self):", 1)
                self.emit('print("del %s", self.n)' % name, 2)

    # ------------------------------------------------------------ helpers
    def gen_functions(self):
        self.emit("")
        self.emit("")
        self.emit("def make_ring(cls, k):")
        self.emit("first = cls(0)", 1)
        self.emit("cur = first", 1)
        self.emit("for i in range(1, k):", 1)
        self.emit("nxt = cls(i)", 2)
        self.emit("cur.link(nxt)", 2)
        self.emit("cur = nxt", 2)
        self.emit("cur.link(first)", 1)
        self.emit("return first", 1)
        self.emit("")
        self.emit("")
        self.emit("def count_ring(node):")
        self.emit("k = 1", 1)
        self.emit("cur = node.b", 1)
        self.emit("while cur is not node:", 1)
        self.emit("k += 1", 2)
        self.emit("cur = cur.b", 2)
        self.emit("if k > 100:", 2)
        self.emit("break", 3)
        self.emit("return k", 1)
        self.emit("")
        self.emit("")
        self.emit("def on_dead(ref):")
        self.emit('print("callback")', 1)

    def cls(self):
        return self.pick(self.classes)[0]

    # ------------------------------------------------------------ statements
    def stmt(self):
        r = self.r
        kinds = ["new", "new", "new", "link", "list", "append", "refcount", "collect", "del",
                 "dict", "loop", "if", "ring", "weak", "count", "tracked", "aug", "pop", "method",
                 "forlist"]
        k = self.pick(kinds)
        if k == "new" or not self.vars and k in ("link", "refcount", "del", "weak", "method",
                                                  "list", "dict", "aug"):
            v = self.fresh("o")
            arg = r.randint(0, 99)
            if self.vars and r.random() < 0.3:
                self.emit("%s = %s(%d, %s)" % (v, self.cls(), arg, self.pick(self.vars)))
            else:
                self.emit("%s = %s(%d)" % (v, self.cls(), arg))
            self.vars.append(v)
        elif k == "link":
            a, b = self.pick(self.vars), self.pick(self.vars)
            if r.random() < 0.5:
                self.emit("%s.b = %s" % (a, b))
            else:
                self.emit("print(%s.link(%s))" % (a, b))
        elif k == "list":
            v = self.fresh("l")
            items = [self.pick(self.vars) for _ in range(r.randint(0, 3))]
            if r.random() < 0.3:
                items.append(str(r.randint(0, 9)))
            self.emit("%s = [%s]" % (v, ", ".join(items)))
            self.lists.append(v)
        elif k == "append":
            if not self.lists or not self.vars:
                return self.stmt()
            self.emit("%s.append(%s)" % (self.pick(self.lists), self.pick(self.vars)))
        elif k == "pop":
            if not self.lists:
                return self.stmt()
            l = self.pick(self.lists)
            self.emit("if len(%s) > 0:" % l)
            self.emit("%s.pop()" % l, 1)
            self.emit("print(len(%s))" % l)
        elif k == "refcount":
            self.emit("print(sys.getrefcount(%s))" % self.pick(self.vars))
        elif k == "method":
            v = self.pick(self.vars)
            self.emit("print(%s.refs(), %s.n, %s.tag)" % (v, v, v))
        elif k == "collect":
            if r.random() < 0.3:
                self.emit("print(gc.collect(%d))" % r.randint(0, 2))
            else:
                self.emit("print(gc.collect())")
        elif k == "del":
            v = self.pick(self.vars)
            self.vars.remove(v)
            self.emit("del %s" % v)
        elif k == "dict":
            v = self.fresh("d")
            a = self.pick(self.vars)
            self.emit('%s = {"k": %s, "n": %d}' % (v, a, r.randint(0, 9)))
            self.dicts.append(v)
            self.emit('print(%s.get("n"), gc.is_tracked(%s))' % (v, v))
        elif k == "loop":
            n = r.randint(2, 40)
            c = self.cls()
            self.emit("for i in range(%d):" % n)
            self.emit("t = %s(i)" % c, 1)
            if r.random() < 0.7:
                self.emit("t.b = t", 1)
            if r.random() < 0.3:
                self.emit("if i % 7 == 3:", 1)
                self.emit("continue", 2)
            self.emit("del t")
        elif k == "if":
            if not self.vars:
                return self.stmt()
            v = self.pick(self.vars)
            self.emit("if %s.n %% 2 == 0:" % v)
            self.emit('print("even", %s.n)' % v, 1)
            self.emit("elif %s.n > 50:" % v)
            self.emit('print("big odd")', 1)
            self.emit("else:")
            self.emit("print(%s.n * 3 // 2 - 1)" % v, 1)
        elif k == "ring":
            v = self.fresh("ring")
            self.emit("%s = make_ring(%s, %d)" % (v, self.cls(), r.randint(2, 6)))
            self.emit("print(count_ring(%s))" % v)
            if r.random() < 0.6:
                self.emit("del %s" % v)
            else:
                self.vars.append(v)
        elif k == "weak":
            v = self.fresh("w")
            a = self.pick(self.vars)
            if r.random() < 0.5:
                self.emit("%s = weakref.ref(%s, on_dead)" % (v, a))
            else:
                self.emit("%s = weakref.ref(%s)" % (v, a))
            self.weaks.append(v)
            self.emit("print(%s() is None)" % v)
        elif k == "count":
            self.emit("print(gc.get_count())")
        elif k == "tracked":
            if self.dicts:
                self.emit("print(gc.is_tracked(%s))" % self.pick(self.dicts))
            else:
                self.emit("print(gc.is_tracked((1, 2)))")
        elif k == "aug":
            v = self.pick(self.vars)
            self.emit("%s.n += %d" % (v, r.randint(1, 5)))
            self.emit("%s.n *= 2" % v)
        elif k == "forlist":
            if not self.lists:
                return self.stmt()
            l = self.pick(self.lists)
            self.emit("for x in %s:" % l)
            self.emit("if x is None:", 1)
            self.emit("break", 2)
            self.emit("print(sys.getrefcount(x) > 1)", 1)
        return None

    def program(self):
        r = self.r
        self.emit('"""Random program, seed %d' % self.seed)
        self.emit("")
        self.emit('Generated by tests/oracle/gen_py_random.py --seed %d."""' % self.seed)
        self.emit("import gc")
        self.emit("import sys")
        self.emit("import weakref")
        self.emit("")
        self.emit("gc.collect()")
        if r.random() < 0.3:
            self.emit("gc.set_threshold(%d, %d, %d)" % (r.randint(5, 50), r.randint(2, 5),
                                                      r.randint(2, 5)))
        self.gen_classes()
        self.gen_functions()
        self.emit("")
        self.emit("")
        for _ in range(r.randint(15, 35)):
            self.stmt()
        if r.random() < 0.5:
            self.emit("print(gc.collect())")
        if r.random() < 1 / 12:
            self.emit("print(missing_name)")
        return "\n".join(self.lines) + "\n"


def main(argv):
    if len(argv) != 2 or argv[0] != "--seed":
        sys.stderr.write("usage: gen_py_random.py --seed N\n")
        return 2
    sys.stdout.write(Gen(int(argv[1])).program())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
