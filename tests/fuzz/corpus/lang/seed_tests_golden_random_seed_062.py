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
gc.collect(0)
gc.unfreeze()
b = A()
y = b
c = y
gc.collect(1)
n = gc.collect()
log.clear()
gc.set_threshold(3, 4, 3)
link(c, b)
gc.collect(1)
y = F()
x = None
grave.clear()
gc.enable()
y.p = x
link(c, b)
gc.disable()
del y.p
c = b
a = (x, 1)
for i in range(4):
 t = {"k": B()}
y = F()
a = R()
y = [a]
x = weakref.ref(a)
for i in range(2):
 t = chain(2)
 y.append(t)
y = weakref.ref(a)
e = {"k": y}
y = y()
link(b, c)
c.q = None
a.q = y
c = b
b.me = c
a = weakref.ref(c, cb)
b.q = e
link(b, c)
b.p = b
e["j"] = b
c = a()
del e["k"]
churn()
for i in range(4):
 t = {"k": B()}
for i in range(10):
 t = F()
 t.p = t
del b
gc.freeze()
a = a()
