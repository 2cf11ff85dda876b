"""Survivors grow old

Objects that survive a collection are promoted: generation 0 to 1, then 1
to 2. Collecting a young generation never looks at older ones, so a cycle
that dies after reaching generation 2 waits for a full collection."""
import gc

# say: A clean start: collect what Python's own start-up left behind.
gc.collect()
gc.disable()


class Node:
    def __init__(self):
        self.peer = None


a = Node()
b = Node()
a.peer = b
# say: A pair of Nodes in generation 0, kept alive by a and b.
b.peer = a
# pause
# say: They survive a generation-0 collection and move to generation 1.
gc.collect(0)
# say: They survive generation 1 too and move to generation 2, the oldest.
gc.collect(1)
# say: Now the old pair is garbage.
del a, b
young = Node()
# say: A brand-new self-cycle in generation 0.
young.peer = young
# say: It is garbage too.
del young
# pause
# say: A young collection frees the young cycle but never looks at generation 2.
print(gc.collect(0))
# say: Generations 0 and 1 only: the old pair is still not seen. Returns 0.
print(gc.collect(1))
# pause
# say: A full collection finally finds the old pair: 2.
print(gc.collect(2))
