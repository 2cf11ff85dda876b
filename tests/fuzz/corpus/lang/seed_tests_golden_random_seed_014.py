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
gc.collect(1)
c = mk(None)
del c
gc.collect()
for i in range(6):
 t = (i, A())
d = 1
del d
grave.clear()
a = A()
for i in range(8):
 t = B()
 u = [t]
 t.q = u
a.me = None
del a
churn()
churn()
gc.collect()
c = A()
for i in range(2):
 t = {"k": B()}
y = None
del c
