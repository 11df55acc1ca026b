"""Joins crescent's and TA-Lib's indicator timings into a markdown table with speed-ups,
the geometric mean, and the checks issue targets name. Run by scripts/bench."""
import math
import sys


def read(path):
    rows = {}
    for line in open(path):
        name, ms = line.split("\t")
        rows[name] = float(ms)
    return rows


crescent, talib = read(sys.argv[1]), read(sys.argv[2])
print("| function | crescent ms | TA-Lib ms | speed-up |")
print("|---|---|---|---|")
ratios = []
slower = []
for name in sorted(set(crescent) & set(talib) - {"copy", "sma8"}):
    ratio = talib[name] / crescent[name]
    ratios.append(ratio)
    if ratio < 1:
        slower.append(name)
    print(f"| {name} | {crescent[name]:.1f} | {talib[name]:.1f} | {ratio:.2f}× |")
geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
print()
print(f"- functions compared: {len(ratios)}; geometric mean speed-up {geo:.2f}×; "
      f"slower than TA-Lib: {', '.join(slower) if slower else 'none'}")
copy = crescent["copy"]
for name in ("sma", "ema", "roc"):
    print(f"- {name}: {crescent[name] / copy:.2f}× the time of writing a fresh buffer "
          f"(crescent `s + 0`: {copy:.1f} ms; numpy copy: {talib['copy']:.1f} ms)")
for name in ("cci", "stoch", "adx", "bbands"):
    print(f"- {name}: {talib[name] / crescent[name]:.2f}× faster than TA-Lib")
print(f"- SMA over 8 periods in one call: {crescent['sma8']:.1f} ms vs 8 TA-Lib calls "
      f"{talib['sma8']:.1f} ms = {talib['sma8'] / crescent['sma8']:.2f}×")
