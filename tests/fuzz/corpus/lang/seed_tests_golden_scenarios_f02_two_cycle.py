class Node
gc.disable()
a = Node()
b = Node()
a.peer = b
b.peer = a
del a
del b
gc.collect(2)
