"""An IndexError raised inside a method"""
import gc

gc.collect()


class Stack:
    def __init__(self):
        self.items = []

    def push(self, x):
        self.items.append(x)

    def pop(self):
        return self.items.pop()


s = Stack()
s.push(1)
print(s.pop())
print(s.pop())
