"""Carets of an instruction over several lines

A call over three lines whose callee fails: 3.12 shows its first line,
3.13 all three, each with carets."""
import gc
import sys

gc.collect()


class Cell:
    def __init__(self, value):
        self.value = value

    def __del__(self):
        print("__del__", self.value)


def link(a, b, label):
    a.next = b
    return b.next.value


c1 = Cell(1)
c2 = Cell(2)
print(gc.get_count(), sys.getrefcount(c1))
print(link(c1,
           c2,
           "first"))
