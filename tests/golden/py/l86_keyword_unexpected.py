import gc
gc.collect()

# An unexpected keyword to a subclass's inherited __init__: the error names
# the method's qualified name; 3.13 adds "Did you mean" (a list of the
# parameter names made for the suggestion).  The argument tuple and the
# keyword dict die before the traceback is printed, with the new object.


class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next

    def __del__(self):
        print("del", type(self).__name__)


class Leaf(Node):
    pass


n = Node(1, next=None)
print(gc.get_count())
k = Leaf(value=2, next=n)
print(gc.get_count())
Leaf(3, nxt=n)
