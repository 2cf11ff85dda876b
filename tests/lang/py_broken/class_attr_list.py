class A:
    items = []
