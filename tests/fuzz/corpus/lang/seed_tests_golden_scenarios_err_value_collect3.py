class Node
gc.disable()
a = Node()
gc.collect(3)
