class Node
gc.disable()
a = Node()
a.me = a
del a
n = gc.collect(1)
