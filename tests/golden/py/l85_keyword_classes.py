import gc
import sys
gc.collect()

# A class called with keyword arguments: type.__call__ through
# _PyObject_MakeTpCall (a tuple of the positional arguments, a dict of the
# keywords), then slot_tp_init unpacks the dict again into a tuple of the
# keyword names for __init__'s vectorcall; all three die after __init__.


class Node:
    def __init__(self, value, next=None):
        print("init", value, sys.getrefcount(self), sys.getrefcount(next))
        self.value = value
        self.next = next

    def __del__(self):
        print("del", self.value)


class Leaf(Node):
    pass


class Empty:
    pass


print(gc.get_count())
n = Node(1, next=None)
print(gc.get_count(), sys.getrefcount(n))
m = Node(value=2, next=n)
print(gc.get_count(), sys.getrefcount(n))
k = Leaf(3, next=m)
print(gc.get_count(), gc.is_tracked(k), type(k).__name__)
t = Node(next=Node(value=5), value=4)
print(gc.get_count(), t.next.value)
gc.set_threshold(7)
head = None
for i in range(12):
    head = Node(i, next=head)
    print(gc.get_count())
gc.set_threshold(700)
print(gc.get_count())
x = Node(next=Leaf(8), value=9)
x.next.next = x
del x
print(gc.get_count())
print(gc.collect(), gc.get_count())
del n, m, k, t
print(gc.collect(), gc.get_count())
del head
print(gc.collect(), gc.get_count())
