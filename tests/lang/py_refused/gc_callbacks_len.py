import gc
gc.collect()
print(len(gc.callbacks))
