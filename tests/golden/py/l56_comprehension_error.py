"""An exception inside a comprehension

The run stops; on the way out the iterator, the list being built and the
loop variable are released in CPython's order."""
import gc

gc.collect()


class Obj:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


o = Obj("global o")
short = [Obj("k")]
made = [Obj("r" + o.name) for o in [Obj("a"), Obj("b")]]
print([m.name for m in made], o.name)
made = [Obj("r" + o.name) if o.name != "c" else short[5] for o in [Obj("a"), Obj("b"), Obj("c")]]
print("not reached")
