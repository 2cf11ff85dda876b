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
c = mk(None)
a = [c, c, c]
c.me = a
for i in range(11):
 t = B()
 u = [t]
 t.q = u
x = a[0]
for i in range(10):
 t = B()
 u = [t]
 t.q = u
 a.append(t)
del a
del x
for i in range(5):
 t = chain(2)
del c
x = F()
d = x
del d, x
d = B()
