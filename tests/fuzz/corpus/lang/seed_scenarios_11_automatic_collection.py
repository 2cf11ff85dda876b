class Node
def litter():
 junk = Node()
 junk.me = junk
keep = []
gc.set_threshold(1, 1, 1)
for i in range(13):
 keep.append(Node())
for i in range(20):
 litter()
