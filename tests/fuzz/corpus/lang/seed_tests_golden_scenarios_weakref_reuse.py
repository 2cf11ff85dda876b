class Node
def cb(r):
 pass
gc.disable()
a = Node()
w1 = weakref.ref(a)
w2 = weakref.ref(a)
w3 = weakref.ref(a, cb)
x = w1()
del x
del a
y = w2()
