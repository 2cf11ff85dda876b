class Node
def cb(r):
 log.append(r)
gc.disable()
log = []
a = Node()
l = [a]
a.a = l
wa = weakref.ref(a, cb)
del a
gc.collect(0)
del l
gc.collect(1)
