"""Displays and calls with more than 30 items

CPython compiles a list display with more than 30 items as an empty list
and one append per item (the list exists before its items), a tuple
display the same way and then a tuple made from the list, and a call with
more than 30 arguments through such a tuple (CALL_FUNCTION_EX)."""
import gc
import sys

gc.collect()
gc.disable()
print(gc.isenabled(), gc.get_threshold())


class Item:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("freed", self.n)


class Wide:
    def __init__(self, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, a30):
        self.first = a0
        self.last = a30


def many(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, a30):
    print("in the call:", gc.get_count(), sys.getrefcount(a0))
    return a30


x = Item(99)
print("before:", gc.get_count())
print(many(x, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30))
print("after the call:", gc.get_count())
print(many(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30))
print("after a constant call:", gc.get_count())
big = [Item(0), 1, 2, 3, 4, 5, 6, 7, 8, 9, Item(10), 11, 12, 13, 14, 15, 16, 17, 18, 19, Item(20), 21, 22, 23, 24, 25, 26, 27, 28, 29, Item(30)]
print("list:", gc.get_count(), len(big))
tup = (Item(0), 1, 2, 3, 4, 5, 6, 7, 8, 9, Item(10), 11, 12, 13, 14, 15, 16, 17, 18, 19, Item(20), 21, 22, 23, 24, 25, 26, 27, 28, 29, Item(30))
print("tuple:", gc.get_count(), len(tup))
w = Wide(Item(100), Item(101), Item(102), Item(103), Item(104), Item(105), Item(106), Item(107), Item(108), Item(109), Item(110), Item(111), Item(112), Item(113), Item(114), Item(115), Item(116), Item(117), Item(118), Item(119), Item(120), Item(121), Item(122), Item(123), Item(124), Item(125), Item(126), Item(127), Item(128), Item(129), Item(130))
print("instance:", gc.get_count(), w.first.n, w.last.n)
print(Item(200).n, 1, 2, 3, 4, 5, 6, 7, 8, 9, Item(210).n, 11, 12, 13, 14, 15, 16, 17, 18, 19, Item(220).n, 21, 22, 23, 24, 25, 26, 27, 28, 29, Item(230).n)
print("printed:", gc.get_count())
del big, tup, w
print("end:", gc.get_count())
