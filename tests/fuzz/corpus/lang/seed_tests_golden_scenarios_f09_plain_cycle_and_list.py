class Node
gc.disable()
a = Node()
b = Node()
a.x = b
b.x = a
l = []
l.append(l)
del a, b, l
gc.collect()
