"""key=lambda: a function object for the length of one call

sorted(xs, key=lambda n: n.v) makes a function object (MAKE_FUNCTION:
one more GC object in gc.get_count()) that lives while sorted runs and
dies when the call returns (min and max take one too: l75 shows why this
lesson's trace leaves them out).  A traceback through it names its frame
<lambda>."""
import gc
import sys

gc.collect()


class Node:
    def __init__(self, name, v):
        self.name = name
        self.v = v

    def __del__(self):
        print("__del__", self.name)


nodes = [Node("x", 2), Node("y", 3), Node("z", 1)]
print(gc.get_count())
s = sorted(nodes, key=lambda n: n.v)
print([n.name for n in s], gc.get_count())
print(gc.get_count(), sorted(nodes, key=lambda n: n.v)[-1].name, gc.get_count())
low = sorted(nodes, key=lambda n: print("key", n.name, gc.get_count()) or n.v)[0]
print(low.name, gc.get_count())
nodes.sort(key=lambda n: -n.v, reverse=True)
print([n.name for n in nodes], sys.getrefcount(nodes[0]), gc.get_count())
print(sorted([3, 1, 2], key=lambda k: (k * 7) % 5), sorted(nodes, key=lambda n, d=10: d - n.v)[0].name)
words = ["kiwi", "fig", "banana"]
print(sorted(words, key=lambda w: len(w)), gc.get_count())
del s
print(sorted(nodes, key=lambda n: n.w))
