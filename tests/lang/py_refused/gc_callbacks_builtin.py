import gc
gc.collect()
gc.callbacks.append(len)
