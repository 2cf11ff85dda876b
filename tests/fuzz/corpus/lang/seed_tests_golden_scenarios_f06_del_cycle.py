class D:
 pass
def cb(r):
 log.append(r)
gc.disable()
log = []
a = D()
b = D()
a.a = b
b.a = a
wa = weakref.ref(a, cb)
wb = weakref.ref(b, cb)
del a
del b
gc.collect()
