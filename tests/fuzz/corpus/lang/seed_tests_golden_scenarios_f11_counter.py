class Node
gc.disable()
old = Node()
gc.collect(0)
a = Node()
del a
del old
b = Node()
