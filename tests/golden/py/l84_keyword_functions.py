import gc
import sys
gc.collect()

# Keyword arguments to the program's own functions, lambdas and methods:
# CPython binds them into the new frame's parameters (initialize_locals),
# no object made on the way; the arguments are evaluated left to right.


def make_pair(a, b=None, c=3):
    print("pair", sys.getrefcount(a), sys.getrefcount(b), c)
    return [a, b, c]


def tag(label):
    print("eval", label)
    return [label]


class Box:
    def __init__(self, item):
        self.item = item

    def put(self, item=None, times=1):
        self.item = item
        print("put", times, sys.getrefcount(item))
        return self

    def __del__(self):
        print("del Box", type(self.item).__name__)


twice = lambda x, y=2: [x, y, x]

print(gc.get_count())
p = make_pair(1, b=[2])
print(gc.get_count(), p)
p = make_pair(c=tag("c"), a=tag("a"), b=tag("b"))
print(gc.get_count(), p)
q = twice(y=7, x="k")
print(gc.get_count(), q, twice(5))
box = Box(0)
box.put(item=[1, 2], times=2)
print(gc.get_count(), sys.getrefcount(box.item))
Box.put(box, times=3, item=box)
print(gc.get_count(), gc.is_tracked(box))


def chain(n):
    first = Box(None)
    last = first
    for i in range(n):
        last = last.put(times=i, item=Box(i)).item
    return first


c = chain(3)
print(gc.get_count())
del box
print(gc.get_count())
del c
print(gc.collect(), gc.get_count())
