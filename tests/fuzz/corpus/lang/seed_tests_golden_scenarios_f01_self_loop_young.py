class Node
def cb(r):
 log.append(r)
gc.disable()
log = []
a = Node()
a.a = a
w = weakref.ref(a, cb)
del a
gc.collect(0)
