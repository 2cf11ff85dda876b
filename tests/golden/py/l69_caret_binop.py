"""Carets under a binary operation

TypeError: '~' under the operands and '^' under the operator, also
across the lines of a bracketed expression (3.13)."""
import gc
import sys

gc.collect()


class Item:
    def __init__(self, name, weight):
        self.name = name
        self.weight = weight

    def __del__(self):
        print("__del__", self.name)


def total(items):
    t = 0
    for it in items:
        t += it.weight
    return t


items = [Item("x", 2), Item("y", 3)]
print(total(items), gc.get_count(), sys.getrefcount(items[0]))
items.append(Item("z", "heavy"))
heavy = (items[0].weight +
         items[2].weight)
