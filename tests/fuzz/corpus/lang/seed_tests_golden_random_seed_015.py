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
gc.enable()
for i in range(12):
 t = F()
 t.p = t
gc.collect(2)
grave.clear()
gc.collect(0)
gc.collect(2)
x = mk(None)
x.q = None
for i in range(10):
 t = {"k": B()}
grave.clear()
d = churn()
x = d.pop()
y = chain(4)
grave.clear()
c = [y]
del c
link(y, x)
x.p = y
b = x.me
x = weakref.ref(y, cb)
x = x()
c = weakref.ref(y, cb)
y.q = c
gc.collect(0)
d.append(c)
