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
gc.collect()
gc.collect()
log.clear()
gc.disable()
gc.collect(0)
b = churn()
del b
log.clear()
e = mk(None)
churn()
y = 1
del e
gc.set_threshold(10, 2, 2)
gc.enable()
del y
n = gc.collect()
grave.clear()
d = B()
d.me = None
a = weakref.ref(d, cb)
del a
gc.collect(1)
d = []
d.append(None)
churn()
del d
x = mk(None)
x = {"k": x}
b = {"k": x}
gc.collect(1)
n = gc.collect()
grave.clear()
gc.collect(2)
del b
d = x["k"]
y = None
d.p = y
gc.set_threshold(4, 2, 2)
d.p = x
