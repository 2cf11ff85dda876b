class Node
gc.disable()
node = Node()
holder = [node]
node.back = holder
del node
gc.collect()
del holder
gc.collect()
