"""Weakref callbacks during a collection"""
import gc
import weakref

gc.collect()
events = []


class Obj:
    def __init__(self, tag):
        self.tag = tag


def on_death(ref):
    events.append("callback")


x = Obj("x")
x.cycle = x
keep = weakref.ref(x, on_death)
plain = weakref.ref(x)
del x
print(keep() is not None, plain() is not None)
print(gc.collect())
print(events, keep() is None, plain() is None)
y = Obj("y")
wy = weakref.ref(y, on_death)
del y
print(events)
