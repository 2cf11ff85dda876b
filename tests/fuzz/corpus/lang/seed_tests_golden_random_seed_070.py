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
gc.enable()
gc.disable()
x = mk(None)
x.q = x
n = gc.collect()
n = gc.collect()
del x
y = B()
y = B()
c = weakref.ref(y, cb)
gc.collect()
e = weakref.ref(y)
gc.collect(0)
e = weakref.ref(y)
log.clear()
a = F()
e = [y, y, e]
e.append(None)
gc.enable()
