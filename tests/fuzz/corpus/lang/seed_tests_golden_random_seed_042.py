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
b = mk(None)
del b
a = chain(2)
gc.enable()
a = None
gc.collect()
del a
gc.collect(1)
gc.collect(0)
log.clear()
b = A()
for i in range(11):
 t = mk(None)
 t.peer = t
b.q = b
c = weakref.ref(b)
e = c
grave.clear()
del b
gc.set_threshold(10, 2, 3)
e = c()
a = A()
gc.collect(0)
b = R()
gc.collect(2)
a.p = b
c = b
a = (c, b)
c.me = None
gc.collect(2)
b.me = None
c = F()
x = []
gc.collect()
y = a[0]
y = weakref.ref(c, cb)
b.me = None
d = y()
d = {"k": y}
x.append(c)
c.me = x
e = y()
y = {}
d["j"] = a
x = A()
for i in range(6):
 t = chain(2)
x = B()
x.p = y
y = [y, d, c]
del c.me
c = b.me
x = [a, a]
log.clear()
b = A()
