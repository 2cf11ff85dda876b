# A loop long enough to fill a small history budget (tests/record/cli.cmake).
class Node:
    pass

for i in range(20000):
    n = Node()
    n.me = n
done = 1
