"""A call with more than eight arguments releases every one of them

After a call, the arguments on the evaluation stack are released one by
one: the ninth as much as the first."""
import gc
import sys

gc.collect()


class Item:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("freed", self.n)


class Many:
    def __init__(self, a, b, c, d, e, f, g, h, i):
        self.a = a


def count(a, b, c, d, e, f, g, h, i, j):
    return sys.getrefcount(j)


m = Many(Item(1), Item(2), Item(3), Item(4), Item(5), Item(6), Item(7), Item(8), Item(9))
print("made")
del m
print(count(Item(11), Item(12), 3, 4, 5, 6, 7, 8, Item(19), Item(20)))
print(len([1]), Item(21).n, Item(22).n, Item(23).n, Item(24).n, Item(25).n, Item(26).n, Item(27).n,
      Item(28).n, Item(29).n)
print("end")
