# More names than the frames panel has rows for at 1280x720, and objects
# whose cards lie outside the heap view (render.crowded_frames).
class Node:
    pass

nodes = []
for i in range(300):
    nodes.append(Node())
first = nodes[0]
last = nodes[299]
middle = nodes[150]
done = 1
