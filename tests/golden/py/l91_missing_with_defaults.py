import gc
gc.collect()

# Missing arguments of a function with a default: only the parameters
# without one are named (gcviz named all three before session 22).


def f(a, b, c=1):
    return [a, b, c]


print(f(1, 2), f(c=3, b=2, a=1), gc.get_count())
f()
