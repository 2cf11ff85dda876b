"""list.sort(key=...) empties the list while it sorts

The key function sees the list empty (list_sort_impl moves the items
out, and back when it is done): len() says 0, the items keep their
references.  Sorting objects that have no '<' raises TypeError, the
list unchanged."""
import gc
import sys

gc.collect()


class Box:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("__del__ Box", self.n)


boxes = [Box(3), Box(1), Box(2)]


def peek(box):
    print("key", box.n, len(boxes), sys.getrefcount(box))
    return box.n


boxes.sort(key=peek)
print([b.n for b in boxes], gc.get_count())
boxes.sort(key=peek, reverse=True)
print([b.n for b in boxes], gc.get_count())
ranked = sorted(boxes, key=peek)
print([b.n for b in ranked], len(boxes), gc.get_count())
del ranked
single = [Box(9)]
single.sort(key=peek)
print(sorted([]), sorted([1]), gc.get_count())
del single
print(sorted(boxes, reverse=True))
