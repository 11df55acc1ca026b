---@meta crescent
-- crescent's Lua API for lua-language-server. Generated from the bindings; do not edit.

---A column of Float64 values, NaN for missing. Arithmetic is element-wise.
---@class Series
---@field [integer] number The i-th value, 1-based.
---@operator len: integer
---@operator add(Series|number): Series
---@operator sub(Series|number): Series
---@operator mul(Series|number): Series
---@operator div(Series|number): Series
---@operator unm: Series
local Series = {}

---The values as a Lua table (NaN stays NaN).
---@return number[]
function Series:values() end

---The last value (NaN when empty or when the last value is NaN).
---@return number
function Series:last() end

---Sum of the non-NaN values; 0 when there are none.
---@return number
function Series:sum() end

---Mean of the non-NaN values; NaN when there are none.
---@return number
function Series:mean() end

---Sample standard deviation (ddof 1) of the non-NaN values.
---@return number
function Series:std() end

---Smallest non-NaN value; NaN when there are none.
---@return number
function Series:min() end

---Largest non-NaN value; NaN when there are none.
---@return number
function Series:max() end

---s > x element-wise, x a Series or a number; false where either side is NaN.
---@param x Series|number
---@return Mask
function Series:gt(x) end

---s >= x element-wise, x a Series or a number; false where either side is NaN.
---@param x Series|number
---@return Mask
function Series:ge(x) end

---s < x element-wise, x a Series or a number; false where either side is NaN.
---@param x Series|number
---@return Mask
function Series:lt(x) end

---s <= x element-wise, x a Series or a number; false where either side is NaN.
---@param x Series|number
---@return Mask
function Series:le(x) end

---s == x element-wise, x a Series or a number; false where either side is NaN.
---@param x Series|number
---@return Mask
function Series:eq(x) end

---The series moved n places later (negative: earlier); vacated places are NaN. s:shift(1)[i] is s[i-1].
---@param n integer
---@return Series
function Series:shift(n) end

---s[i] - s[i-n] (n defaults to 1); NaN for the first n.
---@param n integer?
---@return Series
function Series:diff(n) end

---s[i] / s[i-n] - 1 (n defaults to 1); NaN for the first n.
---@param n integer?
---@return Series
function Series:pct_change(n) end

---Mean of the last n values; NaN until n values, and while a NaN is in the window.
---@param n integer
---@return Series
function Series:rolling_mean(n) end

---Sample standard deviation of the last n values (ddof 1).
---@param n integer
---@return Series
function Series:rolling_std(n) end

---Largest of the last n values.
---@param n integer
---@return Series
function Series:rolling_max(n) end

---Smallest of the last n values.
---@param n integer
---@return Series
function Series:rolling_min(n) end

---NaN replaced by v.
---@param v number
---@return Series
function Series:fillna(v) end

---NaN replaced by the last non-NaN value before it (leading NaN stay).
---@return Series
function Series:ffill() end

---Running sum; NaN are skipped and stay NaN in the output.
---@return Series
function Series:cumsum() end

---OHLCV bars of one symbol; time in integer nanoseconds since the Unix epoch, UTC.
---@class Bars
---@field open Series
---@field high Series
---@field low Series
---@field close Series
---@field volume Series
---@field time TimeColumn Bar open times, integer nanoseconds since the Unix epoch (UTC).
---@field symbol string
---@field timeframe string? e.g. "1m"; nil when unknown.
---@operator len: integer
local Bars = {}

---Bars a..b. Integers are 1-based positions, inclusive, negative counting from the end (as
---string.sub). Strings are ISO-8601 times: from a (inclusive) to b (inclusive; a date-only b
---includes that whole day). nil leaves a side open.
---
---```lua
---bars:slice(-100)                        -- the last 100 bars
---bars:slice("2024-01-01", "2024-03-31")  -- the first quarter
---```
---@param a integer|string|nil
---@param b integer|string|nil
---@return Bars
function Bars:slice(a, b) end

---The first n bars.
---@param n integer
---@return Bars
function Bars:head(n) end

---The last n bars.
---@param n integer
---@return Bars
function Bars:tail(n) end

---Bars of a higher timeframe: open first, high max, low min, close last, volume sum, each
---labelled with its period's start; empty periods dropped. Periods are anchored at UTC
---midnight (weeks on Monday, months on the 1st), or at a session's open in its time zone;
---bars outside the session are dropped.
---
---```lua
---local daily = bars:resample("1d", {session = "09:30-16:00", tz = "America/New_York"})
---```
---@param timeframe string "5m", "1h", "1d", "1w", "1M", …
---@param opts {session?: string, tz?: string}? session = "09:30-16:00", tz = "America/New_York"
---@return Bars
function Bars:resample(timeframe, opts) end

---These (higher-timeframe) bars spread over `lower`'s bars without look-ahead: row i holds
---the last bar that was complete when lower's bar i closed (NaN before the first), with
---lower's times. An unfinished higher bar is never exposed.
---
---```lua
---local daily = bars:resample("1d")
---local trend = daily:align(bars).close  -- yesterday's close on every hourly bar
---```
---@param lower Bars
---@return Bars
function Bars:align(lower) end

---Renko bricks from the closes, as Bars: a fixed brick size, or {atr = n} for the size of
---the n-bar ATR known at bar n (bricks start there, so none uses later data).
---
---```lua
---local bricks = bars:renko(0.5)
---local adaptive = bars:renko{atr = 14}
---```
---@param size number|{atr: integer}
---@return Bars
function Bars:renko(size) end

---Bar times as integer nanoseconds since the Unix epoch (UTC); data.iso(t[i]) formats one.
---@class TimeColumn
---@field [integer] integer The i-th time in nanoseconds, 1-based.
---@operator len: integer
local TimeColumn = {}

---A boolean column for signals: & | ~ combine masks element-wise.
---@class Mask
---@field [integer] boolean The i-th element, 1-based.
---@operator len: integer
---@operator band(Mask): Mask
---@operator bor(Mask): Mask
---@operator bnot: Mask
local Mask = {}

---Number of true elements.
---@return integer
function Mask:count() end

---1-based positions of the true elements, ascending.
---@return integer[]
function Mask:indices() end

---Trades or quotes of one symbol; time_bars, tick_bars and volume_bars aggregate them.
---@class Ticks
---@field price Series
---@field size Series
---@field time TimeColumn
---@field symbol string
---@operator len: integer
local Ticks = {}

---Bars of a timeframe (open first price, high max, low min, close last, volume sum of sizes), labelled with their period's start; periods without ticks are left out.
---@param timeframe string
---@param opts {session?: string, tz?: string}?
---@return Bars
function Ticks:time_bars(timeframe, opts) end

---A bar every n ticks, labelled with its first tick's time; a last partial bar is left out.
---@param n integer
---@return Bars
function Ticks:tick_bars(n) end

---A bar closes with the tick that brings its summed size to v or more; a last partial bar is left out.
---@param v number
---@return Bars
function Ticks:volume_bars(v) end

---crescent itself: version, clock; also holds every module (crescent.data, …).
---@class crescent
---@field data crescent.data
crescent = {}

---Monotonic wall-clock seconds (a float) from an arbitrary origin; subtract two readings to time code.
---
---```lua
---local t0 = crescent.clock()
----- work
---print(crescent.clock() - t0)
---```
---@return number
function crescent.clock() end

---crescent's version, e.g. "0.1.0".
---@type string
crescent.version = ""

---Market data: loading and saving bars and ticks, synthetic bars, series, time conversion.
---@class crescent.data
data = {}

---Inspects a bar file without stopping at problems: rows, span, inferred timeframe, gaps, duplicates, unsorted and invalid rows (as `crescent data info`).
---@param path string
---@param opts table? as data.load
---@return table
function data.info(path, opts) end

---Formats integer nanoseconds since the Unix epoch as ISO-8601 UTC text.
---
---```lua
---data.iso(bars.time[1])  --> "2024-01-01T00:00:00Z"
---```
---@param ns integer
---@return string
function data.iso(ns) end

---Loads bars from a CSV (generic OHLCV with any header, Yahoo, pandas dumps, MT4/MT5,
---Binance klines, Dukascopy, Stooq; `,` `;` or tab; layout detected) or a crescent binary
---file. Validates strictly: times strictly increasing, high >= max(open, close), low <=
---min(open, close), finite prices, volume >= 0; a violation is an error naming file, line,
---column and value (exit code 3). Repairs happen only when asked (sort, dedupe,
---drop_invalid) and are counted in the returned report and on stderr. cache = true keeps
---a binary copy beside the file, reused while the file is unchanged.
---
---```lua
---local bars = data.load("eurusd.csv", {tz = "Europe/London", columns = {time = "Gmt time"}})
---```
---@param path string
---@param opts {symbol?: string, tz?: string, columns?: table<string, string|integer>, separator?: string, header?: boolean, sort?: boolean, dedupe?: boolean, drop_invalid?: boolean, cache?: boolean, cache_dir?: string, timeframe?: string, max_line_length?: integer}?
---@return Bars
---@return {layout: string, rows_read: integer, rows_sorted: integer, duplicates_removed: integer, invalid_dropped: integer, from_cache: boolean, columns: table<string, string>} # what the load found and changed
function data.load(path, opts) end

---Loads a tick file: time (or date and time) with price and size, or bid and ask (price is then the mid). Times may repeat but not go backwards unless sort = true.
---
---```lua
---local ticks = data.load_ticks("trades.csv")
---local bars = ticks:time_bars("1m")
---```
---@param path string
---@param opts {symbol?: string, tz?: string, columns?: table, separator?: string, header?: boolean, sort?: boolean}?
---@return Ticks
function data.load_ticks(path, opts) end

---Writes bars as CSV (time,open,high,low,close,volume; ISO-8601 UTC; shortest exact numbers) or, for a path ending in .crsbars, in crescent's binary format.
---
---```lua
---data.save(bars:resample("1h"), "hourly.csv")
---```
---@param bars Bars
---@param path string
function data.save(bars, path) end

---A Series from a Lua sequence of numbers.
---
---```lua
---local s = data.series{1, 2, 3}
---print(s * 2)
---```
---@param values number[]
---@return Series
function data.series(values) end

---Deterministic synthetic OHLCV bars: a geometric random walk whose per-bar log return is
---normal with mean `drift` and standard deviation `vol`. Each bar opens at the previous
---close; high and low are the extremes of a four-step path to the close. The same options
---give the same bars on every run.
---
---```lua
---local bars = data.synthetic{bars = 5000, seed = 42, timeframe = "1h"}
---print(#bars, bars.close[1])
---```
---@param opts {bars?: integer, seed?: integer, start?: string|integer, timeframe?: string, drift?: number, vol?: number, price?: number, symbol?: string} bars (default 1000), seed (1), start (ISO-8601 or ns, 2024-01-01T00:00:00Z), timeframe ("1m"), drift (0), vol (0.01), price (100), symbol ("SYNTH")
---@return Bars
function data.synthetic(opts) end

---Parses ISO-8601 text (a date, or a datetime with optional fraction and Z or ±HH:MM offset; no offset means UTC) into integer nanoseconds since the Unix epoch.
---
---```lua
---data.time("2024-01-02T09:30:00Z")  --> 1704187800000000000
---```
---@param text string
---@return integer
function data.time(text) end
