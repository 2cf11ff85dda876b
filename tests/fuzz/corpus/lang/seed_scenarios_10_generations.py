class Node
gc.disable()
a = Node()
b = Node()
a.peer = b
b.peer = a
gc.collect(0)
gc.collect(1)
del a, b
young = Node()
young.myself = young
del young
gc.collect(0)
gc.collect(1)
gc.collect(2)
