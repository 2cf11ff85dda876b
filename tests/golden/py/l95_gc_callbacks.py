"""Watching the collector

gc.callbacks: a function called with "start" and "stop" around every
collection, automatic ones included."""
import gc
gc.collect()


def watch(phase, info):
    print(phase, "gen", info["generation"], "collected", info["collected"],
          "uncollectable", info["uncollectable"], gc.get_count())


class Node:
    def __init__(self, i):
        self.i = i
        self.me = self


def quiet(phase, info):
    if phase == "stop" and info["collected"]:
        print("  freed", info["collected"])


# say: every collection now calls watch twice, before and after
gc.callbacks.append(watch)
for i in range(1500):
    n = Node(i)
print(gc.get_count())
del n
print(gc.collect(), gc.get_count())
gc.callbacks.append(quiet)
print(gc.collect(1))
gc.callbacks.remove(watch)
for i in range(800):
    n = Node(i)
del n
print(gc.collect())
gc.callbacks.clear()
print(gc.collect(), gc.get_count())
