class D:
 pass
def cb(r):
 log.append(r)
gc.disable()
log = []
a = D()
b = D()
c = D()
a.a = b
b.a = c
wa = weakref.ref(a, cb)
wb = weakref.ref(b, cb)
wc = weakref.ref(c, cb)
del b
del c
del a
