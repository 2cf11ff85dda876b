print(type(5).real)
