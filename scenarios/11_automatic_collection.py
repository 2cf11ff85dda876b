"""Automatic collection and its thresholds

With gc enabled, each new container adds 1 to count[0]; when it passes
threshold 0, generation 0 is collected, and when enough of those have run,
generation 1, then 2. gc.get_count() shows the three counters."""
import gc

# say: A clean start: collect what Python's own start-up left behind.
gc.collect()
litter_freed = 0


class Node:
    pass


class Junk:
    def __init__(self):
        self.me = self

    def __del__(self):
        global litter_freed
        litter_freed += 1


def litter():
    junk = Junk()


# say: gc is enabled here: collections will start by themselves.
keep = []
# say: Small thresholds: gen 0 is collected once count[0] passes 5.
gc.set_threshold(5, 2, 2)
# pause
# say: Kept objects: they survive the collections and grow old.
for i in range(13):
    keep.append(Node())
print(gc.get_count())
# pause
# say: Only garbage now: the automatic collections free it as they go.
for i in range(20):
    litter()
print(litter_freed, gc.get_count())
