import gc
import weakref
gc.collect()


# At exit, after the first collection, __main__ leaves sys.modules; its
# dict is in a cycle with the program's functions (their __globals__), so
# the last collection finds it unreachable with everything it holds and
# runs every __del__ before clearing anything: a __del__ still reads (and
# writes) the globals, whichever object dies first.
class K:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("K del", self.name, "sees", v.name, len(items), box["k"].name)


class V:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        global last
        print("V del", self.name, "sees", a.name, "last", last)
        last = self.name
        graveyard.append(self.name)
        print("graveyard", graveyard)


class T:
    pass


def on_dead(ref):
    print("callback", a.name)


graveyard = []
last = None
items = [V("first in list"), K("second in list")]
a = K("a")
v = V("v")
box = {"k": K("in dict"), "v": V("in dict")}
c = K("cycle")
c.me = c
t = T()
w = weakref.ref(t, on_dead)
l = [a, V("after a")]
print("end", gc.get_count())
