# Thousands of micro-steps: a recording of every one of them takes minutes,
# long enough to interrupt (tests/record/interrupt.sh).
class Node:
    pass

keep = []
for i in range(3000):
    n = Node()
    n.me = n
    keep.append(n)
del n
keep.clear()
