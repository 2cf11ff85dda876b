"""A __del__'s return value dies after its locals

CPython clears the finalizer's frame (its locals die) before it drops the
value __del__ returned; the same for a weakref callback."""
import gc
import weakref

gc.collect()


class Msg:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


class Holder:
    def __del__(self):
        local = Msg("local")
        return Msg("returned")


def callback(wr):
    local = Msg("cb local")
    return Msg("cb returned")


h = Holder()
del h
t = Msg("target")
w = weakref.ref(t, callback)
del t
print("end")
