class Node
gc.disable()
o = Node()
gc.collect()
x = Node()
y = Node()
x.a = y
y.a = x
x.b = o
del o
del x
del y
gc.collect(0)
