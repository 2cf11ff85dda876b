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
b = R()
b.me = b
for i in range(10):
 t = chain(2)
a = weakref.ref(b, cb)
x = b.me
c = (x, x)
link(b, x)
gc.set_threshold(2, 3, 4)
x.p = b
grave.clear()
x = chain(4)
a = a()
e = F()
del c, b
e = weakref.ref(e)
e = weakref.ref(x, cb)
n = gc.collect()
a = weakref.ref(x)
grave.clear()
grave.clear()
d = weakref.ref(x)
c = weakref.ref(x)
x.me = a
a = None
del a, e
y = x
c = weakref.ref(x, cb)
for i in range(3):
 t = {"k": B()}
gc.set_threshold(5, 3, 4)
gc.enable()
del y
x = x.me
e = 1
churn()
gc.collect(2)
churn()
gc.collect(1)
del e
gc.collect(1)
a = A()
for i in range(8):
 t = B()
 u = [t]
 t.q = u
a.q = a
e = A()
gc.collect(2)
gc.collect(1)
del a
x = weakref.ref(e)
e.q = d
churn()
