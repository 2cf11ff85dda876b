"""Short-lived self-cycles, freed by the automatic collections

95,000 iterations: enough generation-1 collections for count[2] to pass
its threshold, so the start-up heap's size (long_lived_total) decides
whether generation 2 is collected (it is not: pending < total / 4).
"""
import gc

gc.collect()


class Tmp:
    def __init__(self, i):
        self.i = i
        self.me = self


class Noisy(Tmp):
    def __del__(self):
        global gone
        gone += 1


gone = 0
total = 0
for i in range(95000):
    if i % 100 == 0:
        t = Noisy(i)
    else:
        t = Tmp(i)
    total += t.i % 3
del t
print("total:", total)
print("collected:", gc.collect())
print("finalized:", gone)
