import gc
gc.collect()

# A class called with a keyword but without a required parameter: the
# error names Node.__init__ and the missing parameters in order.


class Node:
    def __init__(self, value, weight, next=None):
        self.value = value


class Tree(Node):
    pass


t = Tree(1, 2, next=None)
print(gc.get_count(), t.value)
Tree(next=t)
