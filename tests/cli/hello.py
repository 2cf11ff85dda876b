"""Hello

prints two lines."""
class A:
    def __del__(self):
        print("bye")


a = A()
print("hello", 3)
