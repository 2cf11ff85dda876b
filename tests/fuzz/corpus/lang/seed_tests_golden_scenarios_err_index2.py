class Node
gc.disable()
l = [Node()]
x = l[3]
