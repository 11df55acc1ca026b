local spec = dofile("spec.lua")
local it, expect = spec.it, spec.expect
local samples = "../../examples/data/"
local tmp = os.tmpname()

it("loads every bundled layout", function()
  for _, name in ipairs{
    "synthetic_BTCUSD_1h.csv", "synthetic_SPY_1d_yahoo.csv", "synthetic_EURUSD_1m_mt5.csv",
    "synthetic_ETHUSDT_15m_binance.csv",
  } do
    local bars, report = data.load(samples .. name, {report = true})
    assert(#bars > 100, name)
    assert(report.rows_read >= #bars, name)
    assert(bars.timeframe ~= nil, name)
  end
end)

it("saves and loads back the same bars", function()
  local bars = data.synthetic{bars = 300, seed = 4, timeframe = "1h"}
  data.save(bars, tmp .. ".csv")
  local back = data.load(tmp .. ".csv")
  expect(#back).to_be(300)
  expect(back.close[300]).to_be(bars.close[300])
  expect(back.time[300]).to_be(bars.time[300])
  expect(back.timeframe).to_be("1h")
  data.save(bars, tmp .. ".crsbars")
  local binary, report = data.load(tmp .. ".crsbars", {report = true})
  expect(select("#", data.load(tmp .. ".crsbars"))).to_be(1)
  expect(report.layout).to_be("cache")
  expect(binary.high[17]).to_be(bars.high[17])
end)

it("names the file, line and column of bad data", function()
  local f = assert(io.open(tmp .. "_bad.csv", "w"))
  f:write("time,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1,abc,0.5,1.5,10\n")
  f:close()
  expect(function() return data.load(tmp .. "_bad.csv") end)
    .to_fail_with("_bad.csv:3: column 'high': expected a number, got 'abc'")
  local _, report = data.load(tmp .. "_bad.csv", {drop_invalid = true, report = true})
  expect(report.invalid_dropped).to_be(1)
  expect(function() return data.load(tmp .. "_bad.csv", {drop_invalids = true}) end)
    .to_fail_with("did you mean 'drop_invalid'?")
end)

it("resamples and aligns without look-ahead", function()
  local hourly = data.synthetic{bars = 24 * 10, seed = 8, timeframe = "1h"}
  local daily = hourly:resample("1d")
  expect(#daily).to_be(10)
  expect(daily.open[2]).to_be(hourly.open[25])
  expect(daily.close[2]).to_be(hourly.close[48])
  local aligned = daily:align(hourly)
  expect(#aligned).to_be(#hourly)
  -- The first day is complete only when its last hour closes.
  expect(aligned.close[23] ~= aligned.close[23]).to_be(true)
  expect(aligned.close[24]).to_be(daily.close[1])
  expect(aligned.close[47]).to_be(daily.close[1])
end)

it("slices by position and by time", function()
  local bars = data.synthetic{bars = 100, seed = 2, timeframe = "1h", start = "2024-01-01"}
  expect(#bars:slice(11, 20)).to_be(10)
  expect(bars:slice(-5).close[5]).to_be(bars.close[100])
  expect(#bars:tail(7)).to_be(7)
  expect(#bars:head(3)).to_be(3)
  expect(#bars:slice("2024-01-02", "2024-01-02")).to_be(24)
  expect(#bars:slice("2024-01-04T00:00:00Z")).to_be(28)
end)

it("turns ticks into bars and closes into Renko bricks", function()
  local ticks = data.load_ticks(samples .. "synthetic_XAUUSD_ticks.csv")
  assert(#ticks > 1000)
  local minutes = ticks:time_bars("1m")
  expect(#minutes).to_be(60)
  expect(#ticks:tick_bars(100)).to_be(#ticks // 100)
  local bars = data.synthetic{bars = 500, seed = 3}
  local bricks = bars:renko(0.5)
  assert(#bricks > 0)
  expect(math.abs(bricks.close[1] - bricks.open[1])).to_be_near(0.5)
end)

os.remove(tmp)
os.remove(tmp .. ".csv")
os.remove(tmp .. ".crsbars")
os.remove(tmp .. "_bad.csv")
spec.finish()
