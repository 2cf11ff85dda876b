class Node:
    def __init__(self, parent):
        self.parent = parent


class Leaf(Node):
    def __init__(self, parent):
        base = super()
        base.__init__(parent)


leaf = Leaf(None)
