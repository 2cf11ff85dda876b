# Deeper calls than the frames panel has rows for at 1280x720
# (render.crowded_frames): the innermost frames are shown.
def down(n, keep):
    a = [n]
    if n > 0:
        down(n - 1, keep)
    else:
        keep.append(a)


keep = []
down(6, keep)
