"""60 nested lists dropped by one del

Each list holds an object with __del__ and the next list.  3.12 defers the
deallocations nested 50 deep (the trashcan): the innermost finalize last.
"""
import gc

order = []


class F:
    def __init__(self, i):
        self.i = i

    def __del__(self):
        order.append(self.i)


gc.disable()
L = None
for k in range(60):
    L = [F(k), L]
del L
print(len(order))
print(order)
