class D:
 pass
def cb(r):
 log.append(r)
gc.disable()
log = []
a = D()
w = weakref.ref(a, cb)
del a
log.clear()
