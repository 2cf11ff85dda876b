"""Dictionaries"""
import gc
import sys

gc.collect()


class Value:
    pass


v = Value()
d = {"a": 1, "b": v, "c": "three"}
print(len(d), sys.getrefcount(v), d.get("a"), d.get("zz"), d.get("zz", 0))
print("b" in d, "q" not in d)
d["d"] = v
print(sys.getrefcount(v))
got = d.pop("b")
print(got is v, sys.getrefcount(v), len(d))
del got
print(d.pop("nope", "missing"))
del d["d"]
print(sys.getrefcount(v), d)
d["a"] += 10
print(d["a"], d)
empty = {}
print(gc.is_tracked(empty), gc.is_tracked(d))
d["v"] = v
print(gc.is_tracked(d))
d.clear()
print(d, sys.getrefcount(v))
print({1: "one", "two": 2, None: [1, {"x": (1, 2)}]})
