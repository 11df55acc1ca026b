-- A research session: sweep a moving-average crossover's parameters, look at the best
-- combinations, draw the heatmap and check the winner with a single backtest.
-- Run: crescent run examples/sweep_session.lua [jobs]
local jobs = tonumber(arg and arg[1])
local bars = data.load("examples/data/synthetic_BTCUSD_1h.csv")

-- A strategy file runs on every core (one Lua state per worker); `grid` takes lists or
-- inclusive "a:b:step" ranges. Parameters are enumerated in name order (fast, then slow).
local t0 = crescent.clock()
local s = bt.sweep("strategies/sma_cross.lua", bars, {
  grid = {fast = "5:30:5", slow = {40, 60, 80, 100, 120}},
  metric = "sharpe", min_trades = 30, jobs = jobs,
})
print(string.format("%d combinations in %.2f s", #s.rows, crescent.clock() - t0))

print("best by " .. s.metric .. " (at least 30 trades):")
for rank = 1, math.min(5, #s.ranked) do
  local row = s.ranked[rank]
  print(string.format("  %d. fast=%-3d slow=%-4d sharpe %6.3f  return %7.2f%%  trades %d",
    rank, row.params.fast, row.params.slow, row.stats.sharpe, row.stats.return_pct, row.stats.trades))
end

-- The heatmap of Sharpe over the grid: fast across, slow down.
local fasts, slows, values = {5, 10, 15, 20, 25, 30}, {40, 60, 80, 100, 120}, {}
for j, slow in ipairs(slows) do
  values[j] = {}
  for i, fast in ipairs(fasts) do
    for _, row in ipairs(s.rows) do
      if row.params.fast == fast and row.params.slow == slow then values[j][i] = row.stats.sharpe end
    end
  end
end
local fig = plot.heatmap{x = fasts, y = slows, values = values, x_name = "fast", y_name = "slow", metric = "sharpe"}
print("heatmap: " .. fig:save((os.getenv("TMPDIR") or "/tmp") .. "/crescent_sweep_heatmap.png"))

-- A sweep row is the same run as bt.run with those params.
if s.best then
  local r = bt.run("strategies/sma_cross.lua", bars, {params = s.best.params})
  assert(r.stats.sharpe == s.best.stats.sharpe and r.stats.trades == s.best.stats.trades)
  print(r:summary())
end
