"""__del__ can bring an object back

A __del__ method may store self somewhere reachable: the dying object is
resurrected and not freed. CPython remembers that the finalizer already ran,
so when the object dies again, __del__ is not called a second time."""
import gc

# say: A clean start: collect what Python's own start-up left behind.
gc.collect()
gc.disable()


class Node:
    def __init__(self):
        self.peer = None


class Phoenix:
    def __init__(self):
        self.peer = None

    def __del__(self):
        print("__del__ saves the Phoenix")
        graveyard.append(self)


# say: __del__ of Phoenix appends self to this list.
graveyard = []
# say: A Phoenix with refcount 1.
bird = Phoenix()
# pause
# say: Refcount 0: __del__ runs and saves self in graveyard. Resurrected!
del bird
print(len(graveyard))
# pause
# say: Refcount 0 again: __del__ already ran once, so it is freed now.
graveyard.clear()
a = Phoenix()
b = Node()
a.peer = b
# say: A cycle: a Phoenix and a Node.
b.peer = a
# say: The cycle is garbage.
del a, b
# pause
# say: __del__ resurrects the Phoenix, which keeps the Node alive: returns 0.
print(gc.collect())
# say: Garbage again, still a cycle, so refcounting can't free it.
graveyard.clear()
# pause
# say: Both freed (2), and no second __del__.
print(gc.collect())
