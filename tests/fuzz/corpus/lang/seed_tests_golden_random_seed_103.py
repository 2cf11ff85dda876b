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
n = gc.collect()
d = A()
gc.enable()
del d
y = mk(None)
e = R()
del e, y
gc.disable()
a = mk(None)
a.me = a
a.p = a
x = F()
link(x, a)
e = F()
a.q = a
for i in range(11):
 t = B()
 u = [t]
 t.q = u
gc.collect(1)
churn()
a = e
x = {}
a = F()
e.q = a
for i in range(6):
 t = B()
 u = [t]
 t.q = u
n = gc.collect()
link(e, a)
d = (e, a)
for i in range(8):
 t = (i, A())
del e.q
x["j"] = e
e.p = e
x["k"] = None
x = x["j"]
a.me = d
del e
e = A()
del e
gc.collect()
e = x.p
del e
d = A()
a.q = a
a.me = d
del x.p
x.me = None
y = [x, d, x]
grave.clear()
link(a, x)
churn()
for i in range(3):
 t = {"k": B()}
a = A()
del x
y.pop(0)
del a, y
churn()
gc.enable()
d.me = None
for i in range(8):
 t = F()
 t.p = t
