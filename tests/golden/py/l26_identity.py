"""Identity: is, is not, id"""
import gc

gc.collect()


class K:
    pass


a = K()
b = a
c = K()
print(a is b, a is c, a is not c, id(a) == id(b), id(a) == id(c))
print(None is None, [] is [], a is not None)
l1 = [1]
l2 = l1
l2.append(2)
print(l1, l1 is l2)
