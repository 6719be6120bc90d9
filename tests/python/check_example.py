"""Runs an example script (examples/*.py) with an output PNG path and checks the chart: the script exits 0 and
the file is a PNG of at least 200x200 pixels and 10 kB whose pixels are not all one colour.
Usage: check_example.py EXAMPLE.py OUTPUT.png"""
import os
import subprocess
import sys

import matplotlib.image

example, output = sys.argv[1], sys.argv[2]
os.makedirs(os.path.dirname(output), exist_ok=True)
if os.path.exists(output):
    os.remove(output)
subprocess.run([sys.executable, example, output], check=True)
with open(output, "rb") as png:
    assert png.read(8) == b"\x89PNG\r\n\x1a\n", f"{output} is not a PNG"
assert os.path.getsize(output) >= 10_000, f"{output} is only {os.path.getsize(output)} bytes"
pixels = matplotlib.image.imread(output)
assert pixels.shape[0] >= 200 and pixels.shape[1] >= 200, f"{output} is {pixels.shape}"
assert pixels.reshape(-1, pixels.shape[-1]).std(axis=0).max() > 0.05, f"{output} is blank"
print(f"{output}: {pixels.shape[1]}x{pixels.shape[0]} px, {os.path.getsize(output)} bytes")
