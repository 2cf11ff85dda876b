"""A full collection waits for long_lived_pending >= long_lived_total / 4

The interpreter's own objects (about 5,000 after gc.collect()) are in
generation 2, so long_lived_total starts large: a loop that leaves one
survivor per generation-1 collection triggers generation 2 only rarely.
"""
import gc
import weakref

gc.collect()


class Tmp:
    def __init__(self, i, tag=None):
        self.i = i
        self.me = self


class Sub(Tmp):
    def label(self, prefix="t"):
        return prefix


def make(i, sub=False):
    if sub:
        return Sub(i)
    return Tmp(i)


# say: Small thresholds: a generation-1 collection every 22 allocations.
gc.set_threshold(10, 1, 1)
last = 0
fulls = 0
for i in range(30000):
    t = make(i, i % 7 == 0)
    c = gc.get_count()[2]
    if c < last:
        fulls += 1
        print("full collection", fulls, "at", i)
    last = c
gc.freeze()
print("frozen:", gc.get_freeze_count() > 5000)
last = 0
for i in range(20000):
    t = make(i)
    c = gc.get_count()[2]
    if c < last:
        print("after freeze, full collection at", i)
    last = c
gc.unfreeze()
print("collected:", gc.collect())
