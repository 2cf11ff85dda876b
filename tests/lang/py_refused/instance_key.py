import gc
gc.collect()


class Box:
    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return 1


box = Box()
seen = {box: 1}
