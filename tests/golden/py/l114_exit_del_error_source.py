import gc
gc.collect()


# An exception leaving a __del__ is reported and ignored.  In the exit's
# first collection (garbage cycles, __main__ still imported) the report
# shows the source line; in the last one __main__ and the other modules
# are gone, the source cannot be read, and only the File line is printed.
class K:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("K del", self.name, keep.name)
        self.missing


class M:
    def __del__(self):
        print("M del", gone)


keep = K("kept")
t = K("cycle")
t.me = t
t = None
m = M()
print("end")
