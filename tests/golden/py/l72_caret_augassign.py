"""Carets of an augmented assignment

x.count += value: the operator's error has the statement's place (no
carets when it spans the line), its message names '+='."""
import gc
import sys

gc.collect()


class Counter:
    def __init__(self, name):
        self.name = name
        self.count = 0

    def __del__(self):
        print("__del__", self.name)


def bump(c, by):
    c.count += by  # the operator
    return c.count


c = Counter("c")
print(bump(c, 2), bump(c, 3), gc.get_count(), sys.getrefcount(c))
print(bump(c, "more"))
