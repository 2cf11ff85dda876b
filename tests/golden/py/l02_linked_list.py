"""A five-node doubly linked list

Every neighbour points both ways, so the nodes form cycles:
reference counting alone cannot free them."""
import gc
import sys

gc.collect()


class Node:
    def __init__(self, value):
        self.value = value
        self.prev = None
        self.next = None


class DoublyLinkedList:
    def __init__(self):
        self.head = None
        self.tail = None
        self.size = 0

    def append(self, value):
        node = Node(value)
        if self.tail is None:
            self.head = node
            self.tail = node
        else:
            node.prev = self.tail
            self.tail.next = node
            self.tail = node
        self.size += 1
        return node

    def values(self):
        out = []
        node = self.head
        while node is not None:
            out.append(node.value)
            node = node.next
        return out


# say: Build the list: five nodes, each linked to its neighbours.
lst = DoublyLinkedList()
for v in range(1, 6):
    lst.append(v * 10)
print(lst.values(), lst.size)
middle = lst.head.next.next
print("middle holds", middle.value, "refcount", sys.getrefcount(middle))
del middle
print("head refcount", sys.getrefcount(lst.head))
# say: Dropping the list object leaves five nodes holding each other.
del lst
# pause
print("tracked by gc before collect:", gc.get_count()[0] > 0)
# say: Only the cycle collector frees them: 5 nodes.
print("collected:", gc.collect())
print("again:", gc.collect())
