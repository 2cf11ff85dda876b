"""A cycle of objects with __del__

Since Python 3.4 (PEP 442) such cycles are collected: every finalizer
runs once, then the cycle is cleared."""
import gc

gc.collect()
log = []


class Res:
    def __init__(self, name):
        self.name = name
        self.peer = None

    def __del__(self):
        log.append(self.name)


a = Res("A")
b = Res("B")
c = Res("C")
a.peer = b
b.peer = c
c.peer = a
del a, b, c
print("before:", log)
print("collected:", gc.collect())
print("finalized:", log)
