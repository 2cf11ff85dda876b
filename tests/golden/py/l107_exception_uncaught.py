"""An exception of your own ends the program

Uncaught, the traceback names the class without its module, and the
__del__ messages come at the exit."""
import gc


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


class ValidationError(ValueError):
    def __init__(self, field, value):
        ValueError.__init__(self, field, value)
        self.field = field


def check(record):
    n = Node("checker")
    if record["age"] < 0:
        raise ValidationError("age", record["age"])
    return True


gc.collect()
print(check({"age": 3}), gc.get_count())
try:
    check({"age": -1})
except ValueError as e:
    print("invalid", e, e.field, e.args)
print(gc.get_count())
check({"age": -2})
