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

---The last value; NaN when empty.
---@return number
function Series:last() end

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

---Bar times as integer nanoseconds since the Unix epoch (UTC); data.iso(t[i]) formats one.
---@class TimeColumn
---@field [integer] integer The i-th time in nanoseconds, 1-based.
---@operator len: integer
local TimeColumn = {}

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

---Market data: synthetic bars, series, time conversion.
---@class crescent.data
data = {}

---Formats integer nanoseconds since the Unix epoch as ISO-8601 UTC text.
---
---```lua
---data.iso(bars.time[1])  --> "2024-01-01T00:00:00Z"
---```
---@param ns integer
---@return string
function data.iso(ns) end

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
