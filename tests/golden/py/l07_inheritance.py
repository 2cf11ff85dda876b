"""Single inheritance

A subclass calls Base.__init__ explicitly; class attributes are shared."""
import gc
import sys

gc.collect()


class Animal:
    kind = "animal"
    legs = 4

    def __init__(self, name):
        self.name = name

    def describe(self):
        return self.name + " is an " + self.kind + " with " + str(self.legs) + " legs"


class Bird(Animal):
    kind = "bird"
    legs = 2

    def __init__(self, name, can_fly=True):
        Animal.__init__(self, name)
        self.can_fly = can_fly

    def describe(self):
        text = Animal.describe(self)
        if self.can_fly:
            return text + " and flies"
        return text


a = Animal("cat")
b = Bird("robin")
p = Bird("penguin", False)
print(a.describe())
print(b.describe())
print(p.describe())
print(isinstance(b, Animal), isinstance(a, Bird), isinstance(p, Bird))
print(sys.getrefcount(a), sys.getrefcount(b))
zoo = [a, b, p]
for creature in zoo:
    print(creature.name, creature.legs)
print(sys.getrefcount(b))
del zoo, creature
print(sys.getrefcount(b))
