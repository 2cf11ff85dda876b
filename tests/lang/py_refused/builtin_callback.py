import gc
import weakref
gc.collect()


class Box:
    pass


box = Box()
r = weakref.ref(box, len)
