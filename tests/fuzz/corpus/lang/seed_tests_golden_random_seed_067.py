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
c = A()
del c
gc.collect(2)
churn()
gc.collect(0)
d = A()
a = (d, 1)
d.me = d
gc.set_threshold(6, 4, 4)
a = d.me
e = a.me
e.q = a
x = A()
x = (a, 1)
del d, a
x = A()
