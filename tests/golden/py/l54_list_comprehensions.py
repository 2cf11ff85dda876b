"""List comprehensions

[expr for v in iterable if cond]: inlined since 3.12 (no function, no
frame); the list being built and the iterator sit on the evaluation
stack, and the loop variable is the comprehension's own."""
import gc
import sys

gc.collect()


class Obj:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


class Node:
    def __init__(self, name):
        self.name = name
        self.me = self

    def __del__(self):
        print("collected", self.name)


squares = [i * i for i in range(6)]
print(squares)
evens = [i for i in range(10) if i % 2 == 0 if i > 2]
print(evens, len(evens))
# say: Each item is made, appended, and the loop variable moves on.
objs = [Obj("o" + str(i)) for i in range(3)]
print([o.name for o in objs])
print([sys.getrefcount(o) for o in objs])
# say: The loop variable's last value is released after the iterator.
names = [o.name for o in objs if o.name != "o1"]
print(names, sys.getrefcount(objs[2]))
del objs
print("after del")
pairs = [(a, b) for a in range(3) for b in range(a)]
print(pairs)
grid = [[r * 10 + c for c in range(3)] for r in range(2)]
print(grid)
flat = [x for row in grid for x in row if x % 2]
print(flat)
x = "outer x"
print([x for x in range(3)], x)
o = Obj("global o")
kept = [o for o in [Obj("tmp1"), Obj("tmp2")]]
print(o.name, [k.name for k in kept])
del kept
print("kept gone")
# say: Cycles made inside a comprehension are garbage once the list goes.
ring = [Node("n" + str(i)) for i in range(3)]
print([sys.getrefcount(n) for n in ring])
del ring
print("collected:", gc.collect())
words = ["ab", "cde", "f"]
print([len(w) for w in words], [w + "!" for w in words if len(w) > 1])
print([(k, v) for k, v in [("a", 1), ("b", 2)]])
d = {"p": 1, "q": 2}
print([k for k in d], [d[k] * 2 for k in d])
print([t for t in (1, 2, 3)], [n for n in range(10, 0, -4)])
print([[] for _ in range(2)], [i if i % 2 else -i for i in range(4)])


def shadow(items):
    x = Obj("local x")
    v = [sys.getrefcount(x) for x in items]
    print("inside", v, x.name)
    return [x.name for x in items]


print(shadow([Obj("s1"), Obj("s2")]))


def count_inside(n):
    return [gc.get_count()[0] for i in range(n)]


gc.collect()
print(count_inside(3))
gc.collect()
print([gc.get_count()[0] for i in range(3)])
print(gc.get_count())
print([len(w) for w in words][1], [w for w in words][-1])
print("end")
