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
b = A()
del b
churn()
a = A()
for i in range(11):
 t = {"k": B()}
a.q = None
gc.collect()
del a
grave.clear()
churn()
gc.collect(2)
log.clear()
a = mk(None)
for i in range(12):
 t = mk(None)
 t.peer = t
a = {"k": a}
a["j"] = a
grave.clear()
gc.set_threshold(5, 2, 2)
gc.set_threshold(7, 2, 2)
gc.enable()
y = A()
for i in range(8):
 churn()
c = [y, y, y]
c = c
for i in range(2):
 t = F()
 t.p = t
 c.append(t)
for i in range(9):
 t = F()
 t.p = t
gc.set_threshold(6, 1, 2)
del y
x = c[0]
gc.collect(2)
gc.disable()
c.append(a)
churn()
b = weakref.ref(x)
x = a["k"]
x = [b]
x = R()
b = weakref.ref(x)
c.append(None)
a["k"] = b
for i in range(4):
 t = B()
 u = [t]
 t.q = u
 c.append(t)
x.p = b
x = a["j"]
d = b()
y = b
n = gc.collect()
