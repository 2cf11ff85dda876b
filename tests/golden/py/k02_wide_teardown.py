"""Wide instances torn down: attributes released in the class's key order.

An instance keeps its attributes in the order it stored them, but its
deallocation (and a collection's tp_clear) releases them in the order of
its class's shared keys, the order the first instance stored them in."""
import gc

gc.collect()


class Item:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


class Plain:
    pass


class Wide:
    pass


first = Wide()
first.a = 1
first.b = 2
first.c = 3
first.d = 4
first.e = 5
first.f = 6
first.g = 7
first.h = 8
w = Wide()
w.h = Item("h")
w.c = Item("c")
w.f = Item("f")
w.a = Item("a")
w.g = Item("g")
w.b = Item("b")
w.e = Item("e")
w.d = Item("d")
print("del w")
del w
ring = Wide()
ring.g = Plain()
ring.d = Plain()
ring.me = ring
ring.b = Plain()
ring.h = Plain()
ring.a = Plain()
inner = Wide()
inner.e = Plain()
inner.b = Plain()
inner.h = Plain()
inner.a = Plain()
inner.c = Plain()
ring.c = inner
del inner
del ring
print(gc.collect())
print("end")
