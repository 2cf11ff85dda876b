class Node
class Phoenix:
 graveyard.append(self)
def cb(r):
 log.append(r)
gc.disable()
graveyard = []
log = []
a = Phoenix()
b = Node()
a.a = b
b.a = a
wa = weakref.ref(a, cb)
wb = weakref.ref(b, cb)
del a
del b
gc.collect()
x = wa()
graveyard.clear()
gc.collect()
