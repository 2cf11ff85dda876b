import sys

x = []
print(sys.getsizeof(x))
