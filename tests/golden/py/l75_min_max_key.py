"""min() and max() with key=

key= is called once per item; the item whose key is smallest (largest)
comes back, the first of equals.  3.12 passes the keyword in a dict (one
more GC object for the call), 3.13 parses it in place, but its first
min(..., key=...) and first max(..., key=...) each make a tuple of keyword
names kept for good.  A key that raises ends the call with its frame in
the traceback."""
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


def by_w(item):
    return item.w


items = [Item("a", 3), Item("b", 1), Item("c", 3), Item("d", 1)]
print(gc.get_count())
low = min(items, key=by_v)
print(low.name, sys.getrefcount(low), gc.get_count())
high = max(items, key=by_v)
print(high.name, sys.getrefcount(high), gc.get_count())
print(min(items, key=by_v).name, max(items, key=by_v).name, gc.get_count())
print(max([2, 7, 5], key=None), min((4, 9)), gc.get_count())
del items[0]
print(high.name, sys.getrefcount(high), len(items))
del high
print(max(items, key=by_w).name)
