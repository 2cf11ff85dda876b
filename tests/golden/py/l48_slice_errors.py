# A slice assigned to an extended slice of another length: ValueError, and
# the list is unchanged (the items it holds die at exit).
import gc

gc.collect()


class Node:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


a = []
for i in range(5):
    a.append(Node(i))
try_step = a[::2]
second = a[1:4:2][0].n
print(len(try_step), second)
del try_step
a[::2] = a[1::2]
print("not reached")
