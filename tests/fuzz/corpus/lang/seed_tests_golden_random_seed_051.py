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
churn()
n = gc.collect()
gc.collect(2)
for i in range(3):
 t = A()
 t.me = t
a = mk(None)
grave.clear()
grave.clear()
churn()
a.me = None
for i in range(11):
 t = chain(2)
del a
b = mk(None)
del b
gc.collect(1)
d = mk(None)
del d
gc.collect(2)
churn()
b = A()
del b
grave.clear()
n = gc.collect()
for i in range(12):
 t = chain(2)
log.clear()
n = gc.collect()
y = R()
churn()
gc.disable()
