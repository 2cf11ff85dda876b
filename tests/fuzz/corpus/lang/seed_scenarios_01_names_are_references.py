class Node
gc.disable()
a = []
b = a
point = Node()
b.append(point)
c = []
b = c
a = point
