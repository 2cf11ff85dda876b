"""sorted(), list() and tuple(): copies, key= and reverse=

sorted(x) and list(x) make a new list holding the same items (one more
reference each); tuple(t) of a tuple is the tuple itself; key= calls a
function once per item, reverse= sorts backwards and stays stable."""
import gc
import sys

gc.collect()


class Item:
    def __init__(self, name, v):
        self.name = name
        self.v = v

    def __del__(self):
        print("__del__", self.name)


def by_v(item):
    return item.v


def neg(n):
    return -n


def size(word):
    return len(word)


a = Item("a", 3)
b = Item("b", 1)
c = Item("c", 2)
e = Item("e", 1)
items = [a, b, c, e]
print(gc.get_count(), sys.getrefcount(a))
s = sorted(items, key=by_v)
print([x.name for x in s], sys.getrefcount(a), gc.get_count())
r = sorted(items, key=by_v, reverse=True)
print([x.name for x in r], gc.get_count())
nums = [5, 2, 8, 1]
print(sorted(nums), sorted(nums, reverse=True), sorted(nums, key=neg))
nums.sort(key=neg)
print(nums, gc.get_count())
nums.sort(reverse=True, key=neg)
print(nums, gc.get_count())
l = list(items)
t = tuple(items)
print(sys.getrefcount(a), len(l), len(t), gc.get_count())
print(tuple(t) is t, list(l) is l, tuple([]) == (), list(), tuple())
d = {"y": a, "x": b}
print(sorted(d), list(d), tuple(d), gc.get_count())
print(sorted((3, 1, 2)), list((1, 2)), tuple((1, 2)), gc.get_count())
words = ["pear", "fig", "apple"]
print(sorted(words), sorted(words, key=size), gc.get_count())
del s, r, l, t, items
print(sys.getrefcount(a), gc.get_count())
del a
print("end")
