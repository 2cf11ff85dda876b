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
gc.collect(0)
gc.disable()
e = A()
del e
for i in range(7):
 churn()
c = mk(None)
del c
log.clear()
gc.collect()
gc.collect(1)
for i in range(7):
 t = B()
 u = [t]
 t.q = u
gc.collect(1)
x = mk(None)
x.q = None
gc.collect(0)
churn()
d = x.q
for i in range(12):
 t = F()
 t.p = t
x.me = x
for i in range(5):
 churn()
x.me = d
d = chain(1)
