local spec = dofile("spec.lua")
local it, expect = spec.it, spec.expect
local bars = data.synthetic{bars = 400, seed = 21, timeframe = "1h"}
local tmp = os.tmpname()

-- The PNG signature and the IHDR width/height (big-endian) of a file.
local function png_size(path)
  local f = assert(io.open(path, "rb"))
  local head = f:read(24)
  f:close()
  assert(head:sub(1, 8) == "\137PNG\r\n\26\n", "not a PNG")
  return string.unpack(">I4I4", head, 17)
end

it("draws a candlestick chart with overlays, panes and markers", function()
  local fast, slow = ta.sma(bars.close, 10), ta.sma(bars.close, 30)
  local fig = plot.chart{bars = bars, overlays = {fast = fast, slow = slow},
    panes = {rsi = ta.rsi(bars.close)}, entries = ta.crossover(fast, slow), width = 800, height = 500}
  expect(fig:save(tmp .. ".png")).to_be(tmp .. ".png")
  local w, h = png_size(tmp .. ".png")
  expect(w).to_be(800)
  expect(h).to_be(500)
end)

it("scales for high-DPI screens", function()
  plot.line{series = bars.close, bars = bars, width = 400, height = 300, scale = 2}:save(tmp .. ".png")
  local w, h = png_size(tmp .. ".png")
  expect(w).to_be(800)
  expect(h).to_be(600)
end)

it("draws equity, heatmaps, histograms and monthly returns", function()
  local equity = bars.close / bars.close[1] * 1000
  plot.equity{equity = equity, bars = bars, theme = "dark"}:save(tmp .. ".png")
  plot.heatmap{x = {1, 2}, y = {3, 4}, values = {{1, 2}, {3, 0 / 0}}}:save(tmp .. ".png")
  plot.histogram{values = bars.close:pct_change() * 100}:save(tmp .. ".png")
  plot.monthly{equity = equity, bars = bars}:save(tmp .. ".png")
  assert(png_size(tmp .. ".png") > 0)
end)

it("checks its options", function()
  expect(function() return plot.chart{bars = bars, overlay = {}} end).to_fail_with("did you mean 'overlays'?")
  expect(function() return plot.chart{bars = bars, overlays = {x = data.series{1, 2}}} end)
    .to_fail_with("has 2 values, the bars have 400")
  expect(function() return plot.chart{bars = bars, width = 10} end).to_fail_with("width")
  expect(function() return plot.chart{bars = bars, theme = "pink"} end).to_fail_with("\"light\" or \"dark\" expected")
end)

it("shows a figure as a file path when the terminal has no image protocol", function()
  local path = plot.show(plot.line{series = bars.close}, tmp .. "_show.png")
  expect(path).to_be(tmp .. "_show.png")
  assert(png_size(path) == 1200)
  os.remove(path)
end)

os.remove(tmp)
os.remove(tmp .. ".png")
spec.finish()
