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
b = F()
y = b
gc.collect(2)
for i in range(4):
 t = B()
 u = [t]
 t.q = u
del b
del y
churn()
for i in range(3):
 t = F()
 t.p = t
for i in range(9):
 t = A()
 t.me = t
grave.clear()
gc.collect()
n = gc.collect()
grave.clear()
for i in range(11):
 t = mk(None)
 t.peer = t
x = A()
x = [x]
churn()
b = x
d = b
gc.freeze()
x.append(None)
for i in range(4):
 churn()
 d.append(4)
d = []
d = mk(x)
d = R()
b = mk(b)
gc.collect(2)
churn()
log.clear()
n = gc.collect()
gc.enable()
del d
x[0] = None
gc.collect(1)
b.q = b
gc.disable()
x.append(x)
y = x[0]
n = gc.collect()
a = A()
del b.q
b.me = b
gc.unfreeze()
gc.set_threshold(2, 1, 1)
x.pop(0)
a = [y, b, y]
gc.collect()
