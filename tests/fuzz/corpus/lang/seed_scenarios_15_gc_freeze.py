class Node
gc.disable()
settings = Node()
cache = [settings]
settings.cache = cache
gc.freeze()
scratch = Node()
scratch.me = scratch
del scratch
gc.collect()
del settings, cache
gc.collect()
gc.unfreeze()
gc.collect()
