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
gc.collect(2)
a = A()
gc.collect(0)
x = [a]
x[0] = None
for i in range(2):
 t = F()
 t.p = t
 x.append(t)
for i in range(8):
 t = B()
 u = [t]
 t.q = u
 x.append(t)
b = [a]
gc.set_threshold(4, 4, 2)
c = weakref.ref(a)
del c
grave.clear()
log.clear()
x.append(x)
x = x
for i in range(6):
 t = mk(None)
 t.peer = t
x = weakref.ref(a)
b = {}
a = A()
b["k"] = None
e = F()
x = weakref.ref(e, cb)
a.me = x
gc.enable()
e.q = a
gc.disable()
c = mk(x)
x = F()
del b, x
y = weakref.ref(e)
for i in range(6):
 t = mk(None)
 t.peer = t
c = weakref.ref(a)
c = F()
c.p = None
e.q = a
del e
gc.set_threshold(9, 4, 4)
