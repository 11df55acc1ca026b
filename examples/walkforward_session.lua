-- A research session: walk-forward analysis of a moving-average crossover. Each training
-- window picks the best parameters by Sharpe; the next (unseen) test window trades them.
-- Run: crescent run examples/walkforward_session.lua [train] [test]
local train = arg and arg[1] or "30d"
local test = arg and arg[2] or "14d"
local bars = data.load("examples/data/synthetic_BTCUSD_1h.csv")

local wf = bt.walkforward("strategies/sma_cross.lua", bars, {
  grid = {fast = "5:25:5", slow = {30, 50, 70, 90}},
  train = train, test = test, metric = "sharpe", min_trades = 10,
})

print(string.format("%d windows (train %s, test %s, rolling)", #wf.windows, train, test))
for _, w in ipairs(wf.windows) do
  local chosen = w.params and string.format("fast=%-3d slow=%-3d", w.params.fast, w.params.slow) or "(none qualified)"
  print(string.format("  %2d  test %s .. %s  %s  in-sample %7.3f  out-of-sample %7.3f",
    w.number, data.iso(w.test_start):sub(1, 10), data.iso(w.test_end):sub(1, 10), chosen, w.in_sample, w.out_of_sample))
end

-- The stitched out-of-sample equity compounds window after window.
print(string.format("out-of-sample return %.2f%%, final equity %.2f", wf.return_pct, wf.equity:last()))
print(string.format("walk-forward efficiency (%s, out-of-sample / in-sample): %.3f", wf.efficiency_metric, wf.efficiency))

-- The same windows anchored at the first bar: training windows grow instead of rolling.
local anchored = bt.walkforward("strategies/sma_cross.lua", bars, {
  grid = {fast = "5:25:5", slow = {30, 50, 70, 90}}, train = train, test = test, anchored = true,
})
print(string.format("anchored: return %.2f%%, efficiency %.3f", anchored.return_pct, anchored.efficiency))

local fig = plot.line{series = {["out-of-sample equity"] = wf.equity}, title = "walk-forward: out-of-sample equity"}
print("chart: " .. fig:save((os.getenv("TMPDIR") or "/tmp") .. "/crescent_walkforward.png"))
