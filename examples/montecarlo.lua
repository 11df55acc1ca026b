-- A research session: how much of a backtest is luck? Monte Carlo over its trades and the
-- same parameters over sub-periods.
-- Run: crescent run examples/montecarlo.lua [out_dir]
local out = arg[1] or "runs/montecarlo-session"
local bars = data.load("examples/data/synthetic_BTCUSD_1h.csv")
local strategy = "strategies/sma_cross.lua"

local r = bt.run(strategy, bars)
print(string.format("%s: %d trades, return %.2f%%, max drawdown %.2f%%",
  r.name, r.stats.trades, r.stats.return_pct, r.stats.max_drawdown_pct))

-- 1. Trade order: the same trades shuffled. The final equity stays (compounding is a
--    product); the drawdown is what changes. How unlucky could the order have been?
local shuffle = bt.montecarlo(r, {runs = 2000, seed = 1, percentiles = {1}})
local dd = shuffle.percentiles.max_drawdown_pct
print(string.format("shuffle: max drawdown p50 %.2f%%, p5 %.2f%%, p1 %.2f%% (original %.2f%%)",
  dd[50], dd[5], dd[1], shuffle.original.max_drawdown_pct))

-- 2. Bootstrap: trades drawn with replacement, so the return varies too.
local boot = bt.montecarlo(r, {runs = 2000, seed = 1, method = "bootstrap", ruin = 0.8})
local ret = boot.percentiles.return_pct
print(string.format("bootstrap: return p5 %.2f%%, p50 %.2f%%, p95 %.2f%%; P(equity <= 80%% of cash) = %.1f%%",
  ret[5], ret[50], ret[95], boot.ruin_probability * 100))
boot:save(out .. "/bootstrap")

-- 3. Intrabar paths: tight stops and targets make bars that reach both; the simulator took
--    the stop first. Resolve each such bar at random instead.
local tight = dofile(strategy)
tight.exits = {stop_pct = 0.002, target_pct = 0.002}
local rt = bt.run(tight, bars)
local intrabar = bt.montecarlo(rt, {runs = 2000, seed = 1, method = "intrabar", stop_first = 0.5})
print(string.format("intrabar: %d ambiguous bars; return %.2f%% as booked, p5 %.2f%%, p50 %.2f%%, p95 %.2f%%",
  intrabar.ambiguous_exits, intrabar.original.return_pct, intrabar.percentiles.return_pct[5],
  intrabar.percentiles.return_pct[50], intrabar.percentiles.return_pct[95]))

-- 4. Stability: the same parameters on five consecutive slices of the data.
local s = bt.stability(strategy, bars, {periods = 5})
print("period  from                   trades  return_pct  sharpe")
for _, p in ipairs(s.periods) do
  print(string.format("%-7s %-22s %6d  %10.2f  %6.2f", p.label, p.from, p.stats.trades, p.stats.return_pct, p.stats.sharpe))
end
local sh = s.dispersion.sharpe
print(string.format("sharpe across periods: mean %.2f, std %.2f, min %.2f, max %.2f", sh.mean, sh.std, sh.min, sh.max))

print("chart: " .. shuffle:plot(out .. "/shuffle.png"))
