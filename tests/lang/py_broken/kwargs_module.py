import gc
gc.collect(generation=2)
