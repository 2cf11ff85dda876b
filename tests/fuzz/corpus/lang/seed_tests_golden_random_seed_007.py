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
for i in range(10):
 t = B()
 u = [t]
 t.q = u
a = A()
del a
for i in range(5):
 t = A()
 t.me = t
b = B()
y = mk(b)
del y, b
grave.clear()
gc.set_threshold(2, 1, 3)
grave.clear()
for i in range(3):
 t = {"k": B()}
churn()
c = mk(None)
log.clear()
churn()
gc.set_threshold(5, 2, 1)
del c
e = mk(None)
y = mk(e)
for i in range(5):
 churn()
gc.freeze()
for i in range(2):
 t = F()
 t.p = t
churn()
e.me = y
link(y, e)
y = weakref.ref(y)
e = e.me
grave.clear()
x = y()
x = y()
e.p = y
b = F()
b = weakref.ref(b, cb)
