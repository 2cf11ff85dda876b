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
churn()
log.clear()
n = gc.collect()
grave.clear()
gc.collect(1)
b = A()
del b
for i in range(10):
 t = A()
 t.me = t
y = R()
del y
gc.collect(1)
log.clear()
gc.set_threshold(8, 4, 3)
n = gc.collect()
gc.enable()
y = mk(None)
y = weakref.ref(y)
x = B()
c = R()
del c
x.q = x
gc.disable()
b = y()
del b
for i in range(3):
 t = A()
 t.me = t
del x
c = {}
churn()
gc.collect(2)
for i in range(12):
 t = chain(2)
x = (y, 1)
del y, c
for i in range(8):
 t = mk(None)
 t.peer = t
del x
a = R()
for i in range(10):
 t = mk(None)
 t.peer = t
for i in range(2):
 t = chain(2)
gc.freeze()
