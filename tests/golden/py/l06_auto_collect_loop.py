"""Automatic collection in a loop

1000 cycles under threshold 700: the collector runs on its own."""
import gc

gc.collect()
gc.set_threshold(700, 10, 10)
freed = 0


class Pair:
    def __init__(self):
        self.other = None

    def __del__(self):
        global freed
        freed += 1


for i in range(1000):
    a = Pair()
    b = Pair()
    a.other = b
    b.other = a
    if i == 300 or i == 600:
        print("at", i, "freed so far", freed)
del a, b
print("after the loop, freed by automatic collections:", freed)
# say: A manual collection frees what is left.
print("collect:", gc.collect())
print("total freed:", freed)
