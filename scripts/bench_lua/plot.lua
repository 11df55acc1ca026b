-- Times a 1600x900 candlestick chart of N bars with two SMA overlays, written as PNG:
-- median of R runs in ms, printed as "chart\t<ms>".
local n = tonumber(arg[1]) or 1000000
local runs = tonumber(arg[2]) or 5
local out = arg[3] or os.tmpname()
local bars = data.synthetic{bars = n, seed = 7, timeframe = "1m", vol = 0.001}
local fast, slow = ta.sma(bars.close, 200), ta.sma(bars.close, 5000)
local samples = {}
for i = 1, runs do
  local t0 = crescent.clock()
  plot.chart{bars = bars, overlays = {sma200 = fast, sma5000 = slow}, volume = false,
    width = 1600, height = 900}:save(out)
  samples[i] = (crescent.clock() - t0) * 1000
end
table.sort(samples)
print(string.format("chart\t%.1f", samples[(runs + 1) // 2]))
