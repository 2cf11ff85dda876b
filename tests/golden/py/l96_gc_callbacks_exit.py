import gc
gc.collect()


class Pair:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print("__del__", self.name)


def show(phase, info):
    print(phase, info)


# The interpreter's exit runs one more collection with the callbacks
# (Py_FinalizeEx's PyGC_Collect) and a last one without them; a function
# left in gc.callbacks holds the module's globals (its __globals__) until
# sys.stdout is gone: the cycle c-d is never seen to die.
gc.callbacks.append(show)
a = Pair("a")
b = Pair("b")
a.other = b
b.other = a
del a, b
print(gc.collect())
x = [1]
x.append(x)
del x
c = Pair("c")
c.other = Pair("d")
c.other.other = c
