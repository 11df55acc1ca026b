"""pandas.read_csv with date parsing on the same CSV: prints "pandas\t<median ms>"."""
import statistics
import sys
import time

import pandas as pd

path, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
samples = []
frame = None
for _ in range(runs):
    # Free the previous frame before the clock starts (crescent's runs collect garbage
    # before timing too), so no run pays for releasing the one before.
    frame = None
    t0 = time.perf_counter()
    frame = pd.read_csv(path, parse_dates=["time"], index_col="time")
    samples.append((time.perf_counter() - t0) * 1000)
assert len(frame) > 0
print(f"pandas\t{statistics.median(samples):.1f}")
