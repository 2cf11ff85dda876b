"""Long output

A printed line longer than the output strip is wrapped, not cut."""
print("the quick brown fox jumps over the lazy dog, then runs on through the long grass to the end of the field: 0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ")
print("short")
