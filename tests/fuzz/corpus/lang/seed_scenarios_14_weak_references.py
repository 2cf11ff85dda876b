class Node
def noticed(ref):
 notes.append(ref)
gc.disable()
notes = []
target = Node()
w = weakref.ref(target)
strong = w()
del strong
del target
gone = w()
other = Node()
w2 = weakref.ref(other, noticed)
del other
