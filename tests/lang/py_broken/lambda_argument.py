import weakref
class A:
    pass
a = A()
w = weakref.ref(a, lambda r: print("gone"))
