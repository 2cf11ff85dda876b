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
b = F()
y = b
log.clear()
c = b
churn()
gc.collect(2)
del c
y = mk(y)
b = B()
c = y
churn()
y = A()
link(b, c)
y.q = None
churn()
log.clear()
del b
x = F()
c = weakref.ref(c)
y.q = None
grave.clear()
c = weakref.ref(y)
b = R()
y = [y, y]
del b
