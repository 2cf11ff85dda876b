class Node
def dropper(r):
 global w
 del w
gc.disable()
a = Node()
a.a = a
w = weakref.ref(a, dropper)
del a
n = gc.collect()
