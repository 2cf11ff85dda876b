class Node
gc.disable()
l = []
w = weakref.ref(l)
