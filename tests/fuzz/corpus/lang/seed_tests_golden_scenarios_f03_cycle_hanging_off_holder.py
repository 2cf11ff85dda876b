class Node
gc.disable()
h = Node()
a = Node()
b = Node()
c = Node()
h.a = a
a.a = b
b.a = c
c.a = a
del a
del b
del c
gc.collect()
del h
gc.collect()
