-- bt.sweep and bt.walkforward: rows, ranking, equality with bt.run, windows, errors.
local spec = dofile("spec.lua")
local it, expect = spec.it, spec.expect

local bars = data.synthetic{bars = 2000, seed = 8, timeframe = "1h", vol = 0.01}
local sma_file = "../../strategies/sma_cross.lua"

local function sma_table()
  return {
    params = {fast = 10, slow = 20},
    signals = function(b, p)
      local fast, slow = ta.sma(b.close, p.fast), ta.sma(b.close, p.slow)
      return {long_entry = ta.crossover(fast, slow), long_exit = ta.crossunder(fast, slow)}
    end,
  }
end

it("sweeps a file on several workers: rows in enumeration order, each equal to bt.run", function()
  local s = bt.sweep(sma_file, bars, {grid = {fast = {5, 10}, slow = "30:50:10"}, jobs = 2})
  expect(#s.rows).to_be(6)
  expect(s.metric).to_be("sharpe")
  local order = {}
  for _, row in ipairs(s.rows) do order[#order + 1] = row.params.fast .. "/" .. row.params.slow end
  expect(table.concat(order, " ")).to_be("5/30 5/40 5/50 10/30 10/40 10/50")
  for _, row in ipairs(s.rows) do
    local r = bt.run(sma_file, bars, {params = row.params})
    expect(row.stats.sharpe).to_be(r.stats.sharpe)
    expect(row.stats.final_equity).to_be(r.stats.final_equity)
    expect(row.stats.trades).to_be(r.stats.trades)
  end
  expect(s.best).to_be(s.ranked[1])
  for k = 2, #s.ranked do expect(s.ranked[k - 1].stats.sharpe >= s.ranked[k].stats.sharpe).to_be(true) end
end)

it("sweeps a table strategy in this state with the same rows as the file", function()
  local a = bt.sweep(sma_table(), bars, {grid = {fast = {5, 8}, slow = {30}}, metric = "return_pct"})
  local b = bt.sweep(sma_table(), bars, {grid = {fast = {5, 8}, slow = {30}}, metric = "return_pct", jobs = 1})
  expect(#a.rows).to_be(2)
  expect(a.rows[2].stats.return_pct).to_be(b.rows[2].stats.return_pct)
  expect(a.best.stats.return_pct >= a.rows[1].stats.return_pct).to_be(true)
end)

it("applies min_trades and random search", function()
  local s = bt.sweep(sma_file, bars, {grid = {fast = "2:20", slow = "25:60:5"}, random = 10, seed = 4, min_trades = 1000000})
  expect(#s.rows).to_be(10)
  expect(#s.ranked).to_be(0)
  expect(s.best).to_be(nil)
  local again = bt.sweep(sma_file, bars, {grid = {fast = "2:20", slow = "25:60:5"}, random = 10, seed = 4})
  for k = 1, 10 do expect(again.rows[k].params.fast).to_be(s.rows[k].params.fast) end
end)

it("reports bad grids and names with the nearest parameter", function()
  expect(function() bt.sweep(sma_file, bars, {grid = {fsat = {5}}}) end).to_fail_with("unknown parameter 'fsat' (did you mean 'fast'?)")
  expect(function() bt.sweep(sma_file, bars, {grid = {fast = "5:a"}}) end).to_fail_with("the range's end must be a number")
  expect(function() bt.sweep(sma_file, bars, {grid = {}}) end).to_fail_with("opts.grid needs at least one parameter")
  expect(function() bt.sweep(sma_file, bars, {grid = {fast = {5}}, metric = "sharp"}) end).to_fail_with("did you mean 'sharpe'")
  expect(function() bt.sweep(sma_file, bars, {grid = {fast = {5}}, jbos = 2}) end).to_fail_with("unknown option 'jbos'")
end)

it("walks forward with windows that never overlap and a compounding equity", function()
  local wf = bt.walkforward(sma_file, bars, {grid = {fast = {5, 10}, slow = {30, 40}}, train = 600, test = 300})
  expect(#wf.windows).to_be(4)
  local total = 0
  for k, w in ipairs(wf.windows) do
    expect(w.number).to_be(k)
    expect(w.test_start > w.train_end).to_be(true)
    if k > 1 then expect(w.test_start > wf.windows[k - 1].test_end).to_be(true) end
    total = total + 300
  end
  expect(#wf.equity).to_be(total)
  expect(#wf.time).to_be(total)
  expect(wf.efficiency_metric).to_be("sharpe")
  expect(wf.return_pct).to_be_near((wf.equity:last() / 1000000 - 1) * 100, 1e-9)
  local anchored = bt.walkforward(sma_table(), bars, {grid = {fast = {5, 10}}, train = "20d", test = "10d", anchored = true})
  for _, w in ipairs(anchored.windows) do expect(w.train_start).to_be(bars.time[1]) end
  expect(function() bt.walkforward(sma_file, bars, {grid = {fast = {5}}, train = 5000, test = 10}) end)
    .to_fail_with("need at least 5010 bars, the data has 2000")
end)

spec.finish()
