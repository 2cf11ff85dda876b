class Node
gc.disable()
head = Node()
head.next = Node()
head.next.next = Node()
del head
root = Node()
root.left = Node()
root.right = Node()
root.left.left = Node()
root.left.right = Node()
leaf = root.left.right
del root
