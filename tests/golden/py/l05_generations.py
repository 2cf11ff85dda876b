"""Generations and promotion

Survivors of a collection move to the next generation."""
import gc

gc.collect()
gc.disable()
print(gc.isenabled(), gc.get_threshold())


class Cell:
    pass


a = Cell()
b = Cell()
a.link = b
print("count after two objects:", gc.get_count())
print("young collection:", gc.collect(0), gc.get_count())
c = Cell()
c.me = c
print("count:", gc.get_count())
del c
print("collect(0) frees the self-loop:", gc.collect(0))
print("count:", gc.get_count())
print("collect(1):", gc.collect(1), gc.get_count())
print("collect(2):", gc.collect(2), gc.get_count())
print(gc.is_tracked(a), gc.is_tracked(1), gc.is_tracked("x"), gc.is_tracked([]))
gc.enable()
print(gc.isenabled())
