import weakref

class A:
    pass


a = A()
d = weakref.WeakValueDictionary()
