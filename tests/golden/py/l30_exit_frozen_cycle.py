"""A frozen __main__ is never collected

gc.freeze() also froze __main__'s dict, which the class's methods keep in
a cycle: the exit's collections never look at the permanent generation,
so the dict and everything it holds stay, and no __del__ runs at exit."""
import gc

gc.collect()


class Item:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("bye", self.name)


a = Item("a")
a.me = a
gc.freeze()
b = Item("b")
b.me = b
c = Item("c")
del a
print("frozen cycle not collected:", gc.collect())
