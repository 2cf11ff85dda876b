"""The exit releases the globals in the order of __main__'s dict

The interpreter's last collection empties __main__'s dict first: its
values are released in the dict's order, the order in which the names
were first bound. A name deleted and bound again goes to the end, also
when a function rebinds it through `global`. Cycles go after, in the
collector's order."""
import gc

gc.collect()


class Item:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("bye", self.name)


def rebind():
    global p, q
    del p
    p = Item("p again")
    q = Item("q")


p = Item("p")
r = Item("r")
for i in range(2):
    it = Item("it" + str(i))
rebind()
del r
r = [Item("r in a list")]
loop = Item("loop")
loop.me = loop
del it
x, it = Item("x"), Item("it again")
print("the end")
