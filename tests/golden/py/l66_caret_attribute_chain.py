"""Carets under an attribute chain

The traceback marks the failing part of a line: n.child.parent misses
'parent' and the carets underline the whole chain up to it."""
import gc
import sys

gc.collect()


class Node:
    def __init__(self, name):
        self.name = name
        self.child = None

    def __del__(self):
        print("__del__", self.name)


root = Node("root")
root.child = Node("leaf")
root.child.child = root
print(gc.get_count(), sys.getrefcount(root), sys.getrefcount(root.child))
del root
print("collected", gc.collect())
n = Node("n")
n.child = Node("m")
print(n.child.name, sys.getrefcount(n.child))
print(gc.get_count(), n.child.child, n.child.parent.name)
