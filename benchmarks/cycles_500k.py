# The same program as cycles_500k.json, for CPython 3.12: builds 500,000
# two-object cycles at module level, drops them, collects them.  Prints one
# JSON line like `gcviz run --timings`.
import gc
import json
import time

t0 = time.perf_counter()


class Node:
    pass


gc.disable()
for i in range(500000):
    a = Node()
    b = Node()
    a.peer = b
    b.peer = a
del a, b
t1 = time.perf_counter()
collected = gc.collect()
t2 = time.perf_counter()
print(json.dumps({"collected": collected, "collect_ms": (t2 - t1) * 1e3,
                  "elapsed_ms": (t2 - t0) * 1e3}))
