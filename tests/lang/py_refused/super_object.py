import gc


class Node:
    def __init__(self, name):
        super().__init__()
        self.name = name


gc.collect()
n = Node("a")
