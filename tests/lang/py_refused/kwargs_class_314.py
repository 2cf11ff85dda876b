import gc
gc.collect()


class Node:
    def __init__(self, value, next=None):
        self.value = value


def pair(a, b=None):
    return [a, b]


p = pair(1, b=2)
n = Node(1, next=None)
