"""Which containers the collector tracks"""
import gc

gc.collect()
empty = {}
ints = {"a": 1, "b": 2}
nested = {"l": []}
t1 = (1, 2)
t2 = ([],)
l = []
print(gc.is_tracked(empty), gc.is_tracked(ints), gc.is_tracked(nested))
print(gc.is_tracked(t1), gc.is_tracked(t2), gc.is_tracked(l))
n = 4
t3 = (n, n + 1)
print("tuple of ints built at run time:", gc.is_tracked(t3))
gc.collect()
print("after a collection:", gc.is_tracked(t3))
d = {"k": 1}
print(gc.is_tracked(d))
d["x"] = []
print(gc.is_tracked(d))
