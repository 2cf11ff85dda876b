class Node
gc.disable()
a = Node()
x = 5
y = x()
