class Node
gc.disable()
node = Node()
alias = node
holder = Node()
holder.child = node
items = [node, node]
items[0] = None
items.pop()
alias = holder
holder.child = None
