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
x = mk(None)
for i in range(3):
 churn()
del x
gc.collect(2)
d = A()
del d
a = B()
a.q = a
gc.collect(1)
gc.enable()
for i in range(11):
 churn()
a.q = None
gc.disable()
a.me = None
y = B()
y = weakref.ref(a)
b = a.q
gc.collect(2)
a.me = b
gc.set_threshold(2, 3, 3)
for i in range(7):
 churn()
