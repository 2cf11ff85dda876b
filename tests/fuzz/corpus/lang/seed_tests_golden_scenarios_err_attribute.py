class Node
gc.disable()
a = Node()
b = a.nothing
