import gc
gc.collect()


def watch(phase, info):
    print(phase, info["generation"], gc.get_count())


class A:
    def m(self):
        return [self]


# A callback left in gc.callbacks runs at the exit's first collection:
# count[0] there is one lower than after the last statement (one object of
# the interpreter dies before it), unless it is 0.
a = A()
items = [A() for i in range(5)]
r = a.m()
gc.callbacks.append(watch)
gc.collect()
print("last", gc.get_count())
