"""__del__ inside a collection

When the collector frees a cycle whose objects have __del__, it first calls
every weakref callback, then every __del__, and only then breaks the cycle.
Compare with refcount death at the end, where each object runs __del__
before its callback."""
import gc
import weakref

# say: A clean start: collect what Python's own start-up left behind.
gc.collect()
gc.disable()


class Noisy:
    def __init__(self, name):
        self.name = name
        self.peer = None

    def __del__(self):
        events.append(self.name)


def ping(ref):
    events.append("cb")


# say: events records what runs, in order.
events = []
a = Noisy("a")
b = Noisy("b")
a.peer = b
# say: A cycle of two Noisy objects; each __del__ logs its name.
b.peer = a
wa = weakref.ref(a, ping)
# say: Weak references whose callback, ping, logs "cb".
wb = weakref.ref(b, ping)
# say: The cycle is garbage.
del a, b
# pause
# say: events: cb, cb, a, b. All callbacks run before any __del__.
gc.collect()
print(events)
# say: Now a single object, c, that will die by refcounting.
c = Noisy("c")
wc = weakref.ref(c, ping)
# pause
# say: Refcount death: c's __del__ runs first ("c"), then its callback.
del c
print(events)
