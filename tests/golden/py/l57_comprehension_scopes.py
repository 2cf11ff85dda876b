"""Comprehensions: scopes, nesting, collections

Tuple targets restored in CPython's order, a nested comprehension reusing
its parent's variable, automatic collections while a comprehension runs,
comprehensions in methods and __del__, over dicts and tuples."""
import gc
import sys

gc.collect()


class Obj:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


class Cyc:
    def __init__(self, name):
        self.name = name
        self.me = self

    def __del__(self):
        print("cyc", self.name)


def f():
    a = Obj("a0")
    b = Obj("b0")
    r = [a.name + b.name for a, b in [(Obj("a1"), Obj("b1")), (Obj("a2"), Obj("b2"))]]
    print(r, a.name, b.name)
    return a


f()
print("--")
xs = [Obj("x1"), Obj("x2")]
print([[x.name for x in [x, x]] for x in xs])
print([sys.getrefcount(xs) for _ in xs], sys.getrefcount(xs))
print([y.name for y in [Obj("i" + str(x)) for x in range(2)]])


def g(xs):
    x = Obj("gx")
    out = [[x.name for x in [x, x]] for x in xs]
    print(out, x.name)
    d = {x.name: [x for x in range(2)] for x in xs}
    print(d, x.name)


g(xs)
gc.set_threshold(5)
made = [Cyc("c" + str(i)) for i in range(12)]
print(gc.get_count())
made = None
print([Cyc("d" + str(i)).name for i in range(8)])
print(gc.collect())
gc.set_threshold(700)
d = {"a": Obj("da"), "b": Obj("db")}
print([k + d[k].name for k in d])
print({k: d[k] for k in d if k == "b"}["b"].name)
del d
print([n for n in (1, 2)], [n for n in ()])
t = (Obj("t1"), Obj("t2"))
print([o.name for o in t if o.name != "t1"])
del t
print("after t")


class Holder:
    def __init__(self):
        self.items = [Obj("h1"), Obj("h2")]

    def names(self):
        return [i.name for i in self.items]

    def __del__(self):
        print("holder", [i.name for i in self.items])


h = Holder()
print(h.names())
del h
print([i for i in range(3) if i if i > 1], [(i, j) for i in range(3) if i for j in range(i) if j == 0])
print([[i * j for j in range(3)] for i in range(3)][2][1])
print("end")
