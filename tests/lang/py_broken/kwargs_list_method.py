import gc
gc.collect()
xs = [1]
xs.append(item=2)
