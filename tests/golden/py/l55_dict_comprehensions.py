"""Dict comprehensions

{k: v for ...}: the dict is made first, then each key and value are
evaluated (key first) and stored; a repeated key replaces the value."""
import gc
import sys

gc.collect()


class Obj:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


def tag(s, v):
    print("eval", s)
    return v


sq = {i: i * i for i in range(5)}
print(sq, len(sq))
print({k: tag("value " + k, 1) for k in [tag("k1", "a"), tag("k2", "b")]})
# say: A repeated key releases the value it had.
d = {i % 2: Obj("v" + str(i)) for i in range(4)}
print([d[k].name for k in d])
print(sys.getrefcount(d[0]), sys.getrefcount(d[1]))
del d
print("after del")
names = ["ann", "bob", "cy"]
lengths = {n: len(n) for n in names if n != "bob"}
print(lengths)
inverted = {v: k for k, v in [("x", 1), ("y", 2), ("z", 1)]}
print(inverted)
nested = {r: [c for c in range(r)] for r in range(4)}
print(nested)
objs = {n: Obj(n) for n in names}
print([sys.getrefcount(objs[n]) for n in objs])
copy = {k: objs[k] for k in objs if k < "c"}
print([k for k in copy], sys.getrefcount(objs["ann"]))
del copy
gc.collect()
print({i: gc.get_count()[0] for i in range(3)})
gc.collect()
print({i: (i, gc.get_count()[0]) for i in range(2)})
print({i: Obj("c" + str(i)) for i in range(2)}[1].name)
print("made and freed")


class Pair:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print("collected", self.name)


ps = {n: Pair(n) for n in ["p", "q"]}
ps["p"].other = ps["q"]
ps["q"].other = ps["p"]
del ps
print("collected:", gc.collect())


def index_by(items):
    k = "saved"
    v = {k.name: sys.getrefcount(k) for k in items}
    print(k, len(v))
    return {o.name: o for o in items}


by = index_by([Obj("m"), Obj("n")])
print([by[k].name for k in by])
by = None
print("end")
