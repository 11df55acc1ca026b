-- Times bt.sweep on a 10×10 SmaCross grid (fast 5..50 step 5 × slow 60..150 step 10) on
-- bars held in memory; prints "<case> <median seconds> <detail>" per case. Used by
-- `scripts/bench sweep`.
--   crescent run scripts/bench_lua/sweep.lua BARS_CSV STRATEGY_FILE [RUNS]
-- BARS_CSV is written when missing (100k one-minute bars, seed 3) so that vectorbt times
-- the same bars. The strategy (reversal SmaCross, all equity, fractional units, no costs,
-- next-open fills) is written to STRATEGY_FILE.
local path, strategy, runs = arg[1], arg[2], tonumber(arg[3] or "5")
local bars
local f = io.open(path, "r")
if f then
  f:close()
  bars = data.load(path)
else
  bars = data.synthetic{bars = 100000, seed = 3, timeframe = "1m", vol = 0.002}
  data.save(bars, path)
end

local out = assert(io.open(strategy, "w"))
out:write([[
return {
  params = {fast = 10, slow = 20},
  signals = function(b, p)
    local fast, slow = ta.sma(b.close, p.fast), ta.sma(b.close, p.slow)
    local up, down = ta.crossover(fast, slow), ta.crossunder(fast, slow)
    return {long_entry = up, long_exit = down, short_entry = down, short_exit = up}
  end,
  sizing = {mode = "equity", fraction = 1},
  cash = 1000000,
}
]])
out:close()

local grid = {fast = "5:50:5", slow = "60:150:10"}

-- Median wall-clock seconds of `runs` calls, the median process CPU seconds (all threads:
-- a check on a shared, loaded machine) and the last result.
local function median(body)
  local times, cpu, result = {}, {}, nil
  for r = 1, runs do
    collectgarbage()
    local t0, c0 = crescent.clock(), os.clock()
    result = body()
    times[r], cpu[r] = crescent.clock() - t0, os.clock() - c0
  end
  table.sort(times)
  table.sort(cpu)
  return times[(#times + 1) // 2], cpu[(#cpu + 1) // 2], result
end

local function detail(s, cpu)
  local trades = 0
  for _, row in ipairs(s.rows) do trades = trades + row.stats.trades end
  return string.format("rows=%d trades=%d best=fast%d/slow%d sharpe=%.4f cpu=%.3fs", #s.rows, trades,
    s.best.params.fast, s.best.params.slow, s.best.stats.sharpe, cpu)
end

for _, jobs in ipairs({1, 2}) do
  local t, cpu, s = median(function() return bt.sweep(strategy, bars, {grid = grid, jobs = jobs}) end)
  print("sweep_jobs" .. jobs, t, detail(s, cpu))
end
