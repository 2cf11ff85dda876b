class Node
def build():
 scratch = Node()
 result = Node()
 return result
def peek(x):
 y = x
 pass
gc.disable()
kept = build()
peek(kept)
build()
kept = build()
