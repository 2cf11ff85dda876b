import sys


class A:
    pass


print(sys.getrefcount(A))
