local spec = dofile("spec.lua")
local it, expect = spec.it, spec.expect
local bars = data.synthetic{bars = 300, seed = 12, timeframe = "1h"}
local close = bars.close

local function isnan(x) return x ~= x end

it("aligns outputs with the input, NaN through the lookback", function()
  local sma = ta.sma(close, 10)
  expect(#sma).to_be(#close)
  expect(isnan(sma[9])).to_be(true)
  local sum = 0
  for i = 1, 10 do sum = sum + close[i] end
  expect(sma[10]).to_be_near(sum / 10, 1e-9)
end)

it("uses TA-Lib's defaults and parameter order", function()
  local a = ta.rsi(close)
  local b = ta.rsi(close, 14)
  expect(a[300]).to_be(b[300])
  expect(isnan(a[14])).to_be(true)
  expect(isnan(a[15])).to_be(false)
  local upper, middle, lower = ta.bbands(close, 20, 2, 2)
  expect(middle[300]).to_be_near(ta.sma(close, 20)[300], 1e-9)
  expect(upper[300] - middle[300]).to_be_near(middle[300] - lower[300], 1e-9)
end)

it("takes Bars for high/low/close functions", function()
  local atr = ta.atr(bars, 14)
  expect(#atr).to_be(#bars)
  expect(isnan(atr[14])).to_be(true)
  assert(atr[15] > 0)
  local k, d = ta.stoch(bars)
  assert(k[300] >= 0 and k[300] <= 100)
  assert(d[300] >= 0 and d[300] <= 100)
end)

it("computes several periods in one call", function()
  local a, b, c = ta.sma(close, {5, 20, 50})
  expect(a[300]).to_be(ta.sma(close, 5)[300])
  expect(b[300]).to_be(ta.sma(close, 20)[300])
  expect(c[300]).to_be(ta.sma(close, 50)[300])
  local e1, e2 = ta.ema(close, {12, 26})
  expect(e2[300]).to_be(ta.ema(close, 26)[300])
end)

it("returns 1-based positions from maxindex", function()
  local s = data.series{1, 5, 3, 2, 4}
  local idx = ta.maxindex(s, 3)
  expect(idx[3]).to_be(2)
  expect(idx[5]).to_be(5)
end)

it("finds crossovers", function()
  local a = data.series{1, 2, 3, 2, 1}
  local cross_up = ta.crossover(a, 2.5)
  local cross_down = ta.crossunder(a, 2.5)
  expect(cross_up:count()).to_be(1)
  expect(cross_up[3]).to_be(true)
  expect(cross_down[4]).to_be(true)
end)

it("names bad parameters", function()
  expect(function() return ta.sma(close, 0) end).to_fail_with("ta.sma: 'timeperiod' must be an integer")
  expect(function() return ta.atr(close) end).to_fail_with("crescent.Bars expected, got crescent.Series")
  expect(function() return ta.rsi(close, 14, 3) end).to_fail_with("at most 1 parameters")
end)

spec.finish()
