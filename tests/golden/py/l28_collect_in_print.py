"""Collections in the middle of a print

print writes its pieces one at a time. For each piece it binds file.write (a
new object, so count[0] may pass the threshold) and calls str() of the
piece, which first runs a collection that is due. The first print of a
program also makes the list that holds the pending output. A __del__ that
such a collection runs prints before the rest of the line."""
import gc

gc.collect()


class Noisy:
    def __init__(self, name):
        self.name = name
        self.me = self

    def __del__(self):
        print("[del", self.name, end="] ")


n = Noisy("a")
del n
gc.set_threshold(gc.get_count()[0] + 2)
# say: The pending-output list passes the threshold after "first" is written.
print("first", "line", "of", "output")
gc.set_threshold(700)
for k in range(4):
    gc.collect()
    n = Noisy(k)
    del n
    gc.set_threshold(gc.get_count()[0] + k)
    print("item", k, "in", [k, (k,), {"k": k}], f"{k} {None} {True}")
    gc.set_threshold(700)
gc.collect()
n = Noisy("x")
del n
gc.set_threshold(gc.get_count()[0])
print(str(7), f"{[1]}")
gc.set_threshold(700)
print(gc.collect(), gc.get_count())
