"""Resurrection

A __del__ may store self somewhere: the object lives on, and __del__
never runs again for it (PEP 442)."""
import gc
import sys

gc.collect()
graveyard = []


class Phoenix:
    def __init__(self, name):
        self.name = name
        self.me = self

    def __del__(self):
        print("__del__ of", self.name)
        graveyard.append(self)


p = Phoenix("fawkes")
del p
print("collect 1:", gc.collect())
print("graveyard:", len(graveyard), graveyard[0].name)
print("refcount:", sys.getrefcount(graveyard[0]))
graveyard.clear()
# say: Second time unreachable: no __del__ this time, it is freed.
print("collect 2:", gc.collect())
print("graveyard:", len(graveyard))


class Once:
    def __del__(self):
        print("Once.__del__")
        graveyard.append(self)


o = Once()
del o
print("resurrected without a cycle:", len(graveyard))
graveyard.pop()
print("popped, no second __del__")
