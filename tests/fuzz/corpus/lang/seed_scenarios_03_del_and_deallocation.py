class Node
gc.disable()
a = Node()
b = a
del a
del b
x = Node()
x = Node()
items = [Node(), Node()]
del items[0]
del items
