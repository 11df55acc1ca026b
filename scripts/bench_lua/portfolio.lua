-- Times bt.run on portfolios of 4 and 8 synthetic symbols (BARS one-minute bars each, held in
-- memory); prints one line per case: "<case> <median seconds> <detail>". Used by
-- `scripts/bench portfolio`, which runs it once as is and once with CRESCENT_PARALLEL=0 (one
-- thread) and compares; the details (trades, final equity) must agree between the two.
--   crescent run scripts/bench_lua/portfolio.lua [BARS] [RUNS]
-- Cases, each on 4 and 8 symbols:
--   units_sim     SmaCross(10, 20) long/short, 2×ATR stop, 3×ATR trail, units sizing:
--                 symbols independent, simulated one per core. Signals are computed once
--                 outside the timed region (the simulator and stats alone).
--   units_e2e     the same end to end: signals(bars, p) in Lua per symbol, then the run.
--   equity_sim    the same with equity sizing (each entry reads the shared equity): one bar
--                 loop; only the per-symbol preparation runs in parallel.
local n, runs = tonumber(arg[1] or "1000000"), tonumber(arg[2] or "5")
local all = {}
for s = 1, 8 do
  all[s] = data.synthetic{bars = n, seed = 100 + s, timeframe = "1m", vol = 0.002, symbol = "S" .. s}
end

local function sma_masks(b)
  local fast, slow = ta.sma(b.close, 10), ta.sma(b.close, 20)
  local up, down = ta.crossover(fast, slow), ta.crossunder(fast, slow)
  return {long_entry = up, long_exit = down, short_entry = down, short_exit = up}
end

-- Masks per symbol, computed once (outside the timed region) for the *_sim cases.
local cached = {}
for s = 1, 8 do cached[all[s].symbol] = sma_masks(all[s]) end

local function strategy(sizing, precomputed)
  return {
    signals = precomputed and function(b) return cached[b.symbol] end or sma_masks,
    exits = {stop_atr = {14, 2}, trail_atr = {14, 3}},
    sizing = sizing,
    costs = {commission = 0.0005},
    cash = 10000000,
  }
end

-- Median wall-clock seconds of `runs` calls, and the detail: the result's numbers and the
-- median processor time (os.clock: every thread of the process), which shows the work the
-- parallel path adds when the machine is too busy for wall-clock speed-ups to show.
local function median(body)
  local times, cpu, result = {}, {}, nil
  for r = 1, runs do
    result = nil
    collectgarbage()
    local t0, c0 = crescent.clock(), os.clock()
    result = body()
    times[r], cpu[r] = crescent.clock() - t0, os.clock() - c0
  end
  table.sort(times)
  table.sort(cpu)
  local mid = (#times + 1) // 2
  return times[mid], string.format("trades=%d rejections=%d final_equity=%.6f cpu_ms=%.1f",
    result.stats.trades, #result.rejections, result.stats.final_equity, cpu[mid] * 1000)
end

local cases = {
  {"units_sim", {mode = "units", units = 100}, true},
  {"units_e2e", {mode = "units", units = 100}, false},
  {"equity_sim", {mode = "equity", fraction = 0.1}, true},
}
for _, count in ipairs{4, 8} do
  local bars = {}
  for s = 1, count do bars[s] = all[s] end
  for _, case in ipairs(cases) do
    local s = strategy(case[2], case[3])
    local t, detail = median(function() return bt.run(s, bars) end)
    print(string.format("%s_%d", case[1], count), t, detail)
  end
end
