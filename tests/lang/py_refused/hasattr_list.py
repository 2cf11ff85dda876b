print(hasattr([], "append"))
