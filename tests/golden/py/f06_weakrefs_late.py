"""Weakrefs to garbage while finalizers run (3.15)

In a collection, CPython 3.12 and 3.13 clear every weakref to the garbage
before any __del__ runs.  CPython 3.15 clears first only the weakrefs with a
callback (and calls the callbacks); a plain weakref.ref to garbage still
answers while the finalizers run, and is cleared after them, before the
cycles are broken (a weakref made during a finalizer too)."""
import gc
import weakref

gc.collect()
gc.disable()
seen = []


class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None
        self.probe = None

    def __del__(self):
        target = None
        if self.probe is not None:
            target = self.probe()
        if target is None:
            print("__del__", self.name, "probe: dead")
        else:
            print("__del__", self.name, "probe:", target.name)
            if self.name == "keeper":
                seen.append(target)


def callback(w):
    print("callback: referent", w())


a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
a.probe = weakref.ref(b)
b.probe = weakref.ref(a, callback)
w_plain = weakref.ref(a)
w_cb = weakref.ref(b, callback)
del a, b
print("collected:", gc.collect())
print("plain weakref after:", w_plain(), "with callback:", w_cb())

k = Node("keeper")
v = Node("victim")
k.peer = v
v.peer = k
k.probe = weakref.ref(v)
w_victim = weakref.ref(v)
del k, v
print("collected:", gc.collect())
print("victim after:", w_victim() is not None, len(seen))
if seen:
    print("resurrected:", seen[0].name, seen[0].peer.name)
seen.clear()
print("collected:", gc.collect())
print("victim at last:", w_victim())
