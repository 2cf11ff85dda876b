"""Carets in reports of ignored exceptions

An exception leaving __del__ or a weakref callback is reported and
ignored; 3.12 puts caret lines under its source lines, 3.13 none."""
import gc
import sys
import weakref

gc.collect()


class Res:
    def __init__(self, name, slots):
        self.name = name
        self.slots = slots

    def __del__(self):
        print("__del__", self.name)
        print(self.slots[3] + 1)


class Pair:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print("__del__", self.name)
        print(self.other.name + 1)


def gone(ref):
    print("callback", ref() is None)
    print(ref.target)


r = Res("r", [1, 2])
print(sys.getrefcount(r), gc.get_count())
del r
a = Pair("a")
b = Pair("b")
a.other = b
b.other = a
w = weakref.ref(a, gone)
del a, b
print("collected", gc.collect())
print("end", w() is None)
