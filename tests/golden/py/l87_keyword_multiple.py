import gc
gc.collect()

# A parameter given both by position and by keyword, in a call inside a
# function: "got multiple values for argument", checked before the count
# of positional arguments.


def link(a, b, label="x"):
    return [a, b, label]


def build(n):
    items = []
    for i in range(n):
        items.append(link(i, b=i + 1, label="ok"))
    print(items, gc.get_count())
    return link(n, n, a=0)


print(link(b=2, a=1))
build(2)
