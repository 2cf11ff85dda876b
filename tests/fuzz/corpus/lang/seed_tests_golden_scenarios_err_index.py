class Node
gc.disable()
l = [Node()]
l.pop()
l.pop()
