"""Moved to the unreachable list, and back

node is created before holder, so move_unreachable looks at node first. Its
gc_refs is 0, so it is moved to the unreachable list; then holder turns out
reachable and pulls node back to the end of the list. Afterwards the
generation's order is holder, node."""
import gc

# say: A clean start: collect what Python's own start-up left behind.
gc.collect()
gc.disable()


class Node:
    pass


# say: node is created first: it comes first in generation 0.
node = Node()
# say: A list, reachable through its global name, holds node.
holder = [node]
# say: node refers back to the list: a cycle.
node.back = holder
# say: node is reachable only through holder now.
del node
# pause
# say: Tab to micro steps: node goes to unreachable, then holder pulls it back.
print(gc.collect())
# say: Now the cycle is garbage. Note the new list order: holder, node.
del holder
# pause
# say: Both are unreachable this time and are freed: 2.
print(gc.collect())
