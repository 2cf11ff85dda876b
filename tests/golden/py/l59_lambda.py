"""Lambdas

A lambda bound to a name is a function object, as a def makes."""
import gc
import sys
import weakref

gc.collect()

# say: A lambda statement costs what a def costs: one function object.
before = gc.get_count()
on_free = lambda ref: print("callback: a Thing is gone")
after = gc.get_count()
print("lambda made:", after[0] - before[0])
square = lambda n: n * n
add = lambda a, b=10: a + b
describe = lambda t: "Thing " + str(t.n)
print(square(7), add(1), add(1, 2))


class Thing:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("__del__", self.n)


t = Thing(1)
print(describe(t), sys.getrefcount(t))
w = weakref.ref(t, on_free)
print("count before del:", gc.get_count()[0] > 0)
del t
print(w() is None)
u = Thing(2)
u.me = u
wu = weakref.ref(u, on_free)
del u
# say: The callback, a lambda, runs during the collection.
print("collected:", gc.collect())
print(wu() is None)
keep = [Thing(3), Thing(4)]
first = lambda xs: xs[0]
print(first(keep).n, sys.getrefcount(keep))
pick = first(keep)
print(sys.getrefcount(pick))
del pick
keep.clear()
print(gc.get_count())
bad = lambda x: x.missing
print(bad(Thing(5)))
