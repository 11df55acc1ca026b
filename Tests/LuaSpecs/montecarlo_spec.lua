-- bt.montecarlo and bt.stability: reproducible studies, their tables, files and errors.
local spec = dofile("spec.lua")
local it, expect = spec.it, spec.expect

local bars = data.synthetic{bars = 3000, seed = 5, timeframe = "1h", vol = 0.01}
local sma_file = "../../strategies/sma_cross.lua"
local r = bt.run(sma_file, bars)

it("reproduces a study from its seed and changes with another", function()
  local a = bt.montecarlo(r, {runs = 300, seed = 7, method = "bootstrap"})
  local b = bt.montecarlo(r, {runs = 300, seed = 7, method = "bootstrap"})
  local c = bt.montecarlo(r, {runs = 300, seed = 8, method = "bootstrap"})
  expect(a.runs).to_be(300)
  expect(a.seed).to_be(7)
  expect(a.method).to_be("bootstrap")
  expect(a.trades).to_be(#r.trades)
  for _, p in ipairs({5, 25, 50, 75, 95}) do
    expect(a.percentiles.return_pct[p]).to_be(b.percentiles.return_pct[p])
    expect(a.percentiles.max_drawdown_pct[p]).to_be(b.percentiles.max_drawdown_pct[p])
  end
  expect(a.percentiles.return_pct[50] ~= c.percentiles.return_pct[50]).to_be(true)
  expect(#a.final_equity).to_be(300)
end)

it("keeps the final equity of a shuffle and orders the percentiles", function()
  local mc = bt.montecarlo(r, {percentiles = {1, 99.5}})
  expect(mc.runs).to_be(1000)
  expect(mc.method).to_be("shuffle")
  local dd = mc.percentiles.max_drawdown_pct
  expect(dd[1] <= dd[5] and dd[5] <= dd[50] and dd[50] <= dd[95] and dd[95] <= dd[99.5]).to_be(true)
  expect(dd[5] < dd[95]).to_be(true)
  expect(mc.percentiles.final_equity[5]).to_be_near(r.stats.final_equity, 1e-6 * r.stats.final_equity)
  expect(mc.original.final_equity).to_be_near(r.stats.final_equity, 1e-6 * r.stats.final_equity)
  expect(mc.final_equity:max()).to_be_near(mc.final_equity:min(), 1e-6 * r.stats.final_equity)
  expect(mc.ruin_probability).to_be(nil)
  expect(tostring(mc):find("MonteCarlo(sma_cross: shuffle, 1000 runs", 1, true) ~= nil).to_be(true)
end)

it("resolves ambiguous bars between the stop-first and target-first outcomes", function()
  -- Tight levels on a volatile series: many bars reach both.
  local tight = dofile(sma_file)
  tight.exits = {stop_pct = 0.004, target_pct = 0.004}
  local rp = bt.run(tight, data.synthetic{bars = 3000, seed = 5, timeframe = "1h", vol = 0.02})
  expect(rp.stats.ambiguous_exits > 10).to_be(true)
  local stop = bt.montecarlo(rp, {method = "intrabar", stop_first = 1, runs = 50, compound = false})
  local target = bt.montecarlo(rp, {method = "intrabar", stop_first = 0, runs = 50, compound = false})
  local mixed = bt.montecarlo(rp, {method = "intrabar", runs = 400, compound = false})
  expect(mixed.ambiguous_exits).to_be(rp.stats.ambiguous_exits)
  expect(stop.final_equity:max()).to_be(stop.final_equity:min())
  expect(stop.final_equity:max() < target.final_equity:min()).to_be(true)
  expect(mixed.final_equity:min() < mixed.final_equity:max()).to_be(true)
  expect(mixed.mean.final_equity >= stop.final_equity:min() - 1e-6).to_be(true)
  expect(mixed.mean.final_equity <= target.final_equity:max() + 1e-6).to_be(true)
end)

it("reports the probability of ruin", function()
  local mc = bt.montecarlo(r, {runs = 200, ruin = 0.999999})
  expect(mc.ruin_probability >= 0 and mc.ruin_probability <= 1).to_be(true)
  expect(bt.montecarlo(r, {runs = 200, ruin = 0}).ruin_probability).to_be(0)
end)

it("writes its chart and files", function()
  local dir = os.tmpname()
  os.remove(dir)
  local mc = bt.montecarlo(r, {runs = 100})
  mc:save(dir)
  for _, name in ipairs({"montecarlo.csv", "montecarlo.json", "montecarlo.png"}) do
    local f = io.open(dir .. "/" .. name, "rb")
    expect(f ~= nil).to_be(true)
    f:close()
  end
  local count = 0
  for _ in io.lines(dir .. "/montecarlo.csv") do count = count + 1 end
  expect(count).to_be(101)
  expect(mc:plot(dir .. "/fan.png")).to_be(dir .. "/fan.png")
  for _, name in ipairs({"montecarlo.csv", "montecarlo.json", "montecarlo.png", "fan.png"}) do os.remove(dir .. "/" .. name) end
  os.remove(dir)
end)

it("names bad options", function()
  expect(function() bt.montecarlo(r, {runs = 0}) end).to_fail_with("bt.montecarlo: 'runs' must be an integer in 1...10000000, got 0")
  expect(function() bt.montecarlo(r, {method = "jackknife"}) end).to_fail_with("\"shuffle\", \"bootstrap\" or \"intrabar\"")
  expect(function() bt.montecarlo(r, {percentiles = {50, 120}}) end).to_fail_with("'percentiles' must be numbers in (0, 100)")
  expect(function() bt.montecarlo(r, {run = 5}) end).to_fail_with("did you mean 'runs'?")
  expect(function() bt.montecarlo(bars) end).to_fail_with("Result expected")
end)

it("runs one parameter set over equal sub-periods", function()
  local s = bt.stability(sma_file, bars, {periods = 4, params = {fast = 12}})
  expect(#s.periods).to_be(4)
  local total = 0
  for k, p in ipairs(s.periods) do
    total = total + p.bars_in_period
    expect(p.label).to_be(tostring(k))
    expect(p.stats.bars).to_be(p.bars_in_period)
  end
  expect(total).to_be(3000)
  expect(s.periods[4].to).to_be(nil)
  expect(s.periods[2].from).to_be(s.periods[1].to)
  -- Each period is its own backtest: the same as bt.run over that range.
  local one = bt.run(sma_file, bars, {params = {fast = 12}, from = s.periods[2].from, to = s.periods[2].to})
  expect(s.periods[2].stats.sharpe).to_be(one.stats.sharpe)
  local sum, sq = 0, 0
  for _, p in ipairs(s.periods) do sum = sum + p.stats.return_pct end
  local mean = sum / 4
  for _, p in ipairs(s.periods) do sq = sq + (p.stats.return_pct - mean) ^ 2 end
  expect(s.dispersion.return_pct.mean).to_be_near(mean, 1e-9)
  expect(s.dispersion.return_pct.std).to_be_near(math.sqrt(sq / 3), 1e-9)
  expect(s.dispersion.trades.count).to_be(4)
  expect(s.keys[1]).to_be("bars")
end)

it("splits by calendar year and refuses bad splits", function()
  local daily = data.synthetic{bars = 800, seed = 3, timeframe = "1d", start = "2021-01-01"}
  local s = bt.stability(sma_file, daily, {by = "year"})
  expect(#s.periods).to_be(3)
  expect(s.periods[1].label).to_be("2021")
  expect(s.periods[2].from).to_be("2022-01-01T00:00:00Z")
  expect(function() bt.stability(sma_file, daily, {by = "month"}) end).to_fail_with("\"year\" expected")
  expect(function() bt.stability(sma_file, daily, {by = "year", periods = 3}) end).to_fail_with("not both")
  expect(function() bt.stability(sma_file, daily, {periods = 1000}) end).to_fail_with("'periods' must be at most 400 periods")
end)

spec.finish()
