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
gc.disable()
gc.freeze()
e = A()
c = B()
x = {}
del x
x = F()
for i in range(11):
 t = mk(None)
 t.peer = t
gc.unfreeze()
gc.collect(0)
gc.enable()
for i in range(3):
 t = chain(2)
log.clear()
gc.set_threshold(5, 1, 1)
del x
d = B()
for i in range(6):
 t = A()
 t.me = t
gc.collect()
x = c
x = weakref.ref(x, cb)
del x
link(c, e)
