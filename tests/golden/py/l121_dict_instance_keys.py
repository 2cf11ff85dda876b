"""Instances as dict keys"""
import gc
import sys

gc.collect()


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


# say: The dict owns a reference to each key: the key lives as long as its entry.
cache = {}
cache[Node("k1")] = Node("v1")
print(gc.is_tracked(cache), len(cache))
a = Node("a")
cache[a] = 1
print(sys.getrefcount(a), a in cache, cache.get(a), Node("tmp") in cache)
# say: A replaced value dies; the key stays.
cache[a] = Node("v2")
cache[a] = Node("v3")
print(sys.getrefcount(a))
# say: del d[k] releases the key, then the value.
del cache[a]
print(sys.getrefcount(a), len(cache))
cache[a] = Node("v4")
v = cache.pop(a)
print(sys.getrefcount(a), v.name)
del v
print(cache.pop(a, "gone"))
b = Node("b")
cache[b] = Node("vb")
cache[a] = Node("va")
for key in cache:
    print(key.name, sys.getrefcount(key))
for key, value in cache.items():
    print(key.name, value.name)
del key, value
del a, b
print("clear")
cache.clear()
print(len(cache))
cache[Node("k2")] = Node("v5")
cache[Node("k3")] = Node("v6")
print("del cache")
del cache
print("display")
d = {Node("k4"): Node("v7"), Node("k5"): Node("v8")}
e = {key: value.name for key, value in d.items()}
print(len(e), gc.is_tracked(e))
del d
print("after d")
e = None
print("end")
