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
gc.collect(0)
log.clear()
churn()
grave.clear()
log.clear()
d = mk(None)
d.p = None
del d
grave.clear()
n = gc.collect()
for i in range(9):
 t = B()
 u = [t]
 t.q = u
gc.enable()
for i in range(9):
 t = mk(None)
 t.peer = t
grave.clear()
gc.disable()
x = A()
d = B()
for i in range(5):
 t = chain(2)
grave.clear()
for i in range(9):
 t = B()
 u = [t]
 t.q = u
for i in range(4):
 t = A()
 t.me = t
for i in range(3):
 t = (i, A())
x.q = x
churn()
grave.clear()
del x
d.p = None
grave.clear()
