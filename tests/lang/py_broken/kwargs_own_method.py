class A:
    def sort(self, key):
        print("sort", key)


a = A()
a.sort(key=1)
