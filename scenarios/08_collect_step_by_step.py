"""gc.collect() step by step

A 3-cycle a -> b -> c -> a hangs off a live holder. Step through the two
gc.collect() calls phase by phase (Tab): update_refs copies each refcount
into gc_refs, subtract_refs removes references from inside the generation,
and move_unreachable keeps what is reachable from outside; once holder is
gone, all three are unreachable."""
import gc

# say: A clean start: collect what Python's own start-up left behind.
gc.collect()
gc.disable()


class Node:
    def __init__(self, name):
        self.name = name
        self.next = None


# say: holder will stay reachable: it has a global name.
holder = Node("holder")
a = Node("a")
b = Node("b")
c = Node("c")
a.next = b
b.next = c
# say: a -> b -> c -> a: a cycle.
c.next = a
# say: holder refers to a, so the cycle is reachable.
holder.next = a
# say: Only holder's reference leads into the cycle now.
del a, b, c
# pause
# say: Only holder keeps gc_refs 1, but the cycle is reached from it: 0 freed.
print(gc.collect())
# say: holder is freed by refcounting. The cycle stays: each refcount is 1.
del holder
# pause
# say: Every gc_refs ends at 0: a, b and c are unreachable and freed.
print(gc.collect())
