"""What happens at exit

The interpreter clears the module's globals and runs the collector one
last time: __del__ messages appear after the last line."""
import gc

gc.collect()


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("exit: bye", self.name)


first = Noisy("first")
second = Noisy("second")
_private = Noisy("_private")
loop = Noisy("loop")
loop.me = loop
holder = [Noisy("in a list")]
third = Noisy("third")
print("last statement")
