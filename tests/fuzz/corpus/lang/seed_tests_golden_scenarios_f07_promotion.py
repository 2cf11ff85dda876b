class Node
gc.disable()
a = Node()
b = Node()
a.a = b
b.a = a
gc.collect(0)
gc.collect(1)
del a
del b
gc.collect(0)
gc.collect(1)
gc.collect(2)
