import gc
gc.collect()

# Too many positional arguments to a function with defaults: CPython says
# "takes from 1 to 2" (gcviz said "takes 2" before session 22).


def f(a, b=1):
    return [a, b]


print(f(1), f(1, b=[2]), gc.get_count())
f(1, 2, 3)
