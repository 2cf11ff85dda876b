"""An uncaught exception with a cause

The traceback prints the cause first, then "The above exception was the
direct cause of the following exception:"; an exception raised from
None shows no context."""
import gc


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


class ConfigError(Exception):
    pass


def lookup(d, key):
    return d[key]


def load(d, key):
    node = Node("local " + key)
    try:
        return lookup(d, key)
    except KeyError as err:
        raise ConfigError("missing " + key) from err


gc.collect()
try:
    try:
        load({}, "a")
    except ConfigError:
        raise RuntimeError("hidden") from None
except RuntimeError as e:
    print("caught", e, e.__cause__, [e.__context__])
print(gc.get_count())
keep = Node("kept")
load({"b": 2}, "z")
