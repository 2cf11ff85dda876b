class A
class B
class F:
 self.a = None
class R:
 grave.append(self)
def mk(x):
 o = A()
 o.peer = x
 return o
def link(a, b):
 a.next = b
 b.prev = a
def chain(n):
 h = None
 for i in range(n):
  nd = B()
  nd.next = h
  h = nd
 return h
def churn():
 t = A()
 t.me = t
 keep = [t]
 t = None
 return keep
def cb(r):
 log.append(r)
grave = []
log = []
d = A()
y = weakref.ref(d)
grave.clear()
gc.collect(1)
d.p = d
gc.freeze()
del d.p
n = gc.collect()
d.q = None
del y, d
grave.clear()
gc.set_threshold(6, 4, 1)
churn()
e = mk(None)
x = weakref.ref(e)
for i in range(5):
 t = F()
 t.p = t
e.p = e
del e.p
x = weakref.ref(e, cb)
e.q = e
gc.freeze()
del x
del e
x = A()
x.me = x
grave.clear()
x = weakref.ref(x, cb)
gc.disable()
gc.collect(1)
gc.set_threshold(9, 1, 1)
gc.enable()
del x
c = mk(None)
del c
e = F()
del e
b = A()
gc.set_threshold(7, 2, 1)
gc.collect(2)
for i in range(3):
 t = {"k": B()}
b.me = None
n = gc.collect()
del b
log.clear()
d = mk(None)
