"""assert

A passing assert costs nothing; a failing one raises AssertionError with
its message."""
import gc
import sys

gc.collect()


class Node:
    def __init__(self, name):
        self.name = name
        self.me = self

    def __del__(self):
        print("__del__", self.name)


def check(node, want):
    assert sys.getrefcount(node) == want, f"{node.name}: {sys.getrefcount(node)} references"
    return node.name


a = Node("a")
before = gc.get_count()
assert a.me is a
assert [n for n in range(3)], "never shown"
after = gc.get_count()
print(before, after, check(a, 4))
del a
assert gc.collect() == 1
b = Node("b")
c = b
print(check(b, 4))
