"""Carets under a builtin's call

sys.getrefcount() without its argument: the TypeError names
sys.getrefcount, and 3.13 marks the callee '~' and the parentheses '^'."""
import gc
import sys

gc.collect()


class Obj:
    def __del__(self):
        print("__del__ Obj")


o = Obj()
refs = [o, o]
print(sys.getrefcount(o), gc.get_count())
del refs
print(sys.getrefcount(o), len([sys.getrefcount(o)]))
print("refs", sys.getrefcount())
