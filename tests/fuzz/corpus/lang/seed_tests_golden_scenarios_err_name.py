class Node
gc.disable()
a = Node()
b = missing
