"""List methods and what they do to reference counts"""
import gc
import sys

gc.collect()


class Item:
    def __init__(self, tag):
        self.tag = tag


x = Item("x")
items = [1, 2, 3]
items.append(x)
items.insert(0, x)
print(len(items), sys.getrefcount(x), items.index(x), items.index(3))
items.remove(x)
print(len(items), sys.getrefcount(x))
items.extend([x, x])
print(len(items), sys.getrefcount(x))
last = items.pop()
print(last is x, sys.getrefcount(x))
del last
first = items.pop(0)
print(first, items[0], items[-1] is x)
print(2 in items, 7 not in items, x in items)
items[0] = x
print(sys.getrefcount(x), len(items))
items.clear()
print(items, sys.getrefcount(x))
nested = [[1, 2], [3, [4, 5]], "s", None, True, (1,), (2, 3)]
print(nested)
print(len(nested[1][1]))
