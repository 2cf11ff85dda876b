class A:
    def m(self):
        return 1


print(getattr(A(), "m"))
