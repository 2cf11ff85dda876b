"""gc.freeze(): objects the collector stops looking at

gc.freeze() moves every tracked object into a permanent generation that
collections never scan (servers do this after start-up, before forking
workers). A cycle there is not collected until gc.unfreeze() moves it back
into generation 2."""
import gc

# say: A clean start: collect what Python's own start-up left behind.
gc.collect()
gc.disable()


class Node:
    pass


# say: Objects made at start-up.
settings = Node()
cache = [settings]
# say: settings and cache refer to each other.
settings.cache = cache
# pause
# say: All tracked objects move to the permanent generation.
gc.freeze()
scratch = Node()
scratch.me = scratch
# say: A young garbage cycle.
del scratch
# say: A full collection frees the young cycle; frozen objects aren't scanned.
print(gc.collect())
# say: Now the frozen pair is garbage too.
del settings, cache
# pause
# say: Nothing happens: the collector does not look at frozen objects. 0.
print(gc.collect())
# say: They move back to generation 2.
gc.unfreeze()
# pause
# say: Now the pair is found and freed: 2.
print(gc.collect())
