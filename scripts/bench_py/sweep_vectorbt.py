"""vectorbt's broadcast grid for `scripts/bench sweep`: SmaCross over fast 5..50 step 5 ×
slow 60..150 step 10 (100 columns) on the bars crescent times, reversal long/short signals,
all cash, no fees; per column the total return, Sharpe, max drawdown and trade count (what a
sweep ranks by). Prints "vectorbt_grid <median seconds> <detail>".

    python sweep_vectorbt.py BARS_CSV [RUNS]
"""
import resource
import sys
import time

import numpy as np
import pandas as pd

path, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
import vectorbt as vbt  # noqa: E402

# A RangeIndex with an explicit frequency: vectorbt's fast path (as in backtest_peers.py).
close = pd.Series(pd.read_csv(path)["close"].to_numpy(dtype=np.float64))
fast_windows = list(range(5, 51, 5))
slow_windows = list(range(60, 151, 10))
fast_list = [f for f in fast_windows for _ in slow_windows]
slow_list = [s for _ in fast_windows for s in slow_windows]


def grid():
    fast = vbt.MA.run(close, window=fast_list, short_name="fast")
    slow = vbt.MA.run(close, window=slow_list, short_name="slow")
    up = fast.ma_crossed_above(slow)
    down = fast.ma_crossed_below(slow)
    pf = vbt.Portfolio.from_signals(close, up, down, short_entries=down, short_exits=up, init_cash=1_000_000, freq="1min")
    sharpe = pf.sharpe_ratio()
    return pf.total_return(), sharpe, pf.max_drawdown(), pf.trades.count()


grid()  # warm numba's compilation cache outside the timed runs
times, cpu = [], []
for _ in range(runs):
    t0, r0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
    result = grid()
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    times.append(time.perf_counter() - t0)
    cpu.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
times.sort()
cpu.sort()
total, sharpe, drawdown, trades = result
best = sharpe.idxmax()
print("vectorbt_grid", times[len(times) // 2],
      f"columns={len(sharpe)} trades={int(trades.sum())} best=fast{best[0]}/slow{best[1]} sharpe={sharpe.max():.4f} cpu={cpu[len(cpu) // 2]:.3f}s")
