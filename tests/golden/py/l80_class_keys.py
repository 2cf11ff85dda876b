import gc
gc.collect()


class Circle:
    pass


class Square:
    pass


def area(shape):
    return 0


# Classes and functions are hashable: they can be the keys of a dict.
made = {}
print(gc.is_tracked(made), gc.get_count())
made[Circle] = 0
print(gc.is_tracked(made), gc.get_count())
made[Square] = 0
for i in range(3):
    c = Circle()
    made[type(c)] = made[type(c)] + 1
made[area] = "area"
print(len(made), made[Circle], made[Square], made[area])
print(Circle in made, type(7) in made, made.get(type("x"), "none"))
names = {type(1): "int", type(""): "str", type(None): "none"}
print(names)
print(names[type(5)], gc.is_tracked(names))
del made[Square]
print(Square in made, len(made), gc.get_count())
kinds = {Circle: [], Square: []}
kinds[Circle].append(c)
print(len(kinds[Circle]), gc.collect(), gc.get_count())

# A class or function held as a value keeps a dict or tuple tracked; the
# built-in types are static, not GC objects, and do not.
shapes = {1: Circle}
plain = {1: type(1)}
pair = (Square, 2)
ints = (type(1), 2)
job = (area, 3)
print(gc.is_tracked(shapes), gc.is_tracked(plain), gc.get_count())
print(gc.collect(), gc.is_tracked(pair), gc.is_tracked(ints), gc.is_tracked(job))
print(gc.is_tracked(shapes), gc.is_tracked(plain), gc.is_tracked(made))
print(made[Square])
