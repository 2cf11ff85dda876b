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
a = {}
del a
gc.collect(2)
d = R()
gc.collect(0)
del d
churn()
b = mk(None)
churn()
log.clear()
b.p = None
del b.p
del b
gc.collect(2)
a = 1
gc.set_threshold(5, 4, 3)
del a
c = A()
c.q = c
gc.enable()
for i in range(2):
 t = mk(None)
 t.peer = t
d = c.q
del c
churn()
del d
for i in range(3):
 t = B()
 u = [t]
 t.q = u
gc.collect(1)
b = mk(None)
grave.clear()
del b
gc.disable()
gc.collect(2)
gc.collect(2)
a = A()
gc.collect(1)
