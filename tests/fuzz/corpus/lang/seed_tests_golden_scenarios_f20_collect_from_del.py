class Node
class Nested:
 global sel
 sel = choices[gc.collect()]
gc.disable()
choices = [Node(), Node()]
d = Nested()
d.self = d
del d
gc.collect()
del sel
