import gc
gc.collect()


class Box:
    pass


box = Box()
seen = {box: 1}
