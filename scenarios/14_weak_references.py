"""Weak references

A weak reference points at an object without adding to its refcount, so it
does not keep the object alive. When the object dies the weakref is cleared
(calling it returns None), and if it has a callback, the callback is called
with the weakref."""
import gc
import sys
import weakref

# say: A clean start: collect what Python's own start-up left behind.
gc.collect()
gc.disable()


class Node:
    pass


def noticed(ref):
    notes.append(ref)


# say: The callback will append what it receives here.
notes = []
# say: A Node with refcount 1.
target = Node()
# pause
# say: w is a weak reference: target's refcount stays 1.
w = weakref.ref(target)
print(sys.getrefcount(target))
# say: Calling w() gives back a normal, strong reference: refcount 2.
strong = w()
print(sys.getrefcount(target), strong is target)
# say: Back to 1.
del strong
# say: Refcount 0: the Node is freed even though w still exists, and w is cleared.
del target
# say: w() now returns None.
gone = w()
print(gone)
# say: Another Node.
other = Node()
# say: This weakref has a callback, noticed.
w2 = weakref.ref(other, noticed)
# pause
# say: other dies: noticed(w2) runs and appends the dead weakref to notes.
del other
print(len(notes), notes[0] is w2)
# pin: notes 760 0
# pin: w 380 120
# pin: w2 430 400
