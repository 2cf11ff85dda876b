"""The figures of garbage_collector.md

The example of CPython's InternalDocs/garbage_collector.md: a circle
link_1 -> link_2 -> link_3 -> link_1 reachable from A, and a garbage
self-loop link_4. Step through gc.collect() by phase and micro step to see
the document's images 1 to 5."""
import gc

# say: A clean start: collect what Python's own start-up left behind.
gc.collect()
gc.disable()


class Link:
    def __init__(self, name, next_link=None):
        self.name = name
        self.next_link = next_link


# say: The document's code creates link_3 first.
link_3 = Link("link_3")
link_2 = Link("link_2", link_3)
link_1 = Link("link_1", link_2)
# say: A circular linked list of three Links.
link_3.next_link = link_1
# say: A is the only outside reference into the circle.
A = link_1
# say: Only A still leads into the circle.
del link_1, link_2, link_3
link_4 = Link("link_4")
# say: link_4 refers to itself.
link_4.next_link = link_4
# pause
# say: Generation 0 list: link_3, link_2, link_1, link_4.
del link_4
# pause
# say: Step by phase and micro step to see images 1 to 5. Returns 1.
print(gc.collect())
