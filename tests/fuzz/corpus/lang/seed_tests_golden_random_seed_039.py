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
gc.collect(1)
y = A()
y.q = None
del y
churn()
b = churn()
b[0] = b
b.append(b)
b = b
del b
gc.set_threshold(10, 1, 1)
gc.enable()
e = B()
log.clear()
grave.clear()
c = weakref.ref(e, cb)
e.q = None
c = c()
x = weakref.ref(e, cb)
for i in range(2):
 t = chain(2)
del x, e
for i in range(7):
 t = {"k": B()}
gc.collect(1)
del c
z = {}["k"]
