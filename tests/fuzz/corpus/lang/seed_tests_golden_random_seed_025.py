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
for i in range(6):
 churn()
for i in range(6):
 t = A()
 t.me = t
n = gc.collect()
e = A()
e = 1
gc.freeze()
for i in range(11):
 t = B()
 u = [t]
 t.q = u
grave.clear()
del e
d = R()
gc.collect()
gc.set_threshold(4, 2, 2)
d.q = None
del d
gc.collect(1)
for i in range(10):
 t = F()
 t.p = t
a = B()
gc.disable()
del a
log.clear()
b = mk(None)
b.me = None
log.clear()
d = []
for i in range(3):
 t = F()
 t.p = t
gc.collect()
del b.me
a = A()
y = B()
b = A()
log.clear()
b.q = y
for i in range(2):
 t = B()
 u = [t]
 t.q = u
 d.append(t)
a = d
n = gc.collect()
e = d[0]
churn()
