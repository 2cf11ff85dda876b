"""The exit after gc.unfreeze()

gc.freeze() moved the young objects into the permanent generation ahead of
the interpreter's own (among them __main__'s dict), and gc.unfreeze() put
them back into generation 2 in that order. At exit, the collection with
__main__ still alive finds the objects ahead of the dict reachable only
through it and moves them behind it; the last collection runs the
finalizers in that new order and empties the dict first."""
import gc

gc.collect()


class Item:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("bye", self.name)


a = Item("a")
a.me = a
b = [Item("in b")]
gc.freeze()
gc.unfreeze()
c = Item("c")
c.me = c
d = Item("d")
print("the end")
