class Noisy:
 events.append(self.name)
def ping(ref):
 events.append("cb")
gc.disable()
events = []
a = Noisy()
a.name = "a"
b = Noisy()
b.name = "b"
a.peer = b
b.peer = a
wa = weakref.ref(a, ping)
wb = weakref.ref(b, ping)
del a, b
gc.collect()
c = Noisy()
c.name = "c"
wc = weakref.ref(c, ping)
del c
