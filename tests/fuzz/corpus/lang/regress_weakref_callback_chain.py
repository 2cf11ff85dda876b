class N
def cb(w):
 n = N()
 r = weakref.ref(n, cb)
 del n
n = N()
r = weakref.ref(n, cb)
del n
