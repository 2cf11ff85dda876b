"""Cycles that reference counting cannot free

If objects refer to each other in a loop, their refcounts never reach 0,
even when the program can no longer reach them. Here are three such cycles:
two Nodes, a Node that refers to itself, and a list that contains itself;
only gc.collect() frees them."""
import gc

# say: A clean start: collect what Python's own start-up left behind.
gc.collect()
gc.disable()


class Node:
    def __init__(self):
        self.peer = None


a = Node()
b = Node()
# say: a refers to b...
a.peer = b
# say: ...and b refers back to a: each has refcount 2.
b.peer = a
# pause
# say: Both names are gone, but each Node still refers to the other: refcount 1.
del a, b
me = Node()
# say: A Node that refers to itself: refcount 2.
me.peer = me
# say: Unreachable, yet its own reference keeps the refcount at 1.
del me
loop = []
# say: A list that contains itself.
loop.append(loop)
# pause
# say: Same story: refcount 1 forever. Four objects leak.
del loop
# pause
# say: The cycle collector finds all four and frees them: it returns 4.
print(gc.collect())
