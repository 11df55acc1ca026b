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

---A chart from plot.*: fig:save(path) writes it as PNG.
---@class Figure
local Figure = {}

---Renders the figure and writes a PNG file; returns the path.
---
---```lua
---plot.chart{bars = bars}:save("chart.png")
---```
---@param path string
---@return string
function Figure:save(path) end

---A finished backtest: stats, trades, equity curve, report.
---@class Result
---@field stats table<string, number|string> stats.json's keys: return_pct, sharpe, max_drawdown_pct, …
---@field trades table[] One table per closed trade or part: symbol, side, tag, entry_time, entry_price, exit_time, exit_price, qty, pnl, return_pct, exit_reason, bars_held, mae_pct, mfe_pct (times in ns).
---@field equity Series Equity at each bar time's close.
---@field rejections table[] Refused entries: symbol, side, tag, index, time, qty, price, reason.
---@field name string The strategy's name.
local Result = {}

---The console report: stats aligned, per-symbol and per-tag tables, rejections, ambiguous exits.
---
---```lua
---print(r:summary())
---```
---@return string
function Result:summary() end

---Writes stats.json, trades.csv, equity.csv, report.txt and the charts (equity.png, chart.png, monthly.png) into `dir` (created if needed).
---
---```lua
---r:save("runs/try1")
---```
---@param dir string
function Result:save(dir) end

---Writes one of the run's charts as PNG: "chart" (default: the first symbol's price with
---every trade coloured by outcome), "equity" (equity, buy-and-hold, drawdown) or "monthly".
---Returns the path.
---
---```lua
---r:plot("trades.png")
---r:plot("equity.png", "equity")
---```
---@param path string
---@param which "chart"|"equity"|"monthly"?
---@return string
function Result:plot(path, which) end

---A Monte Carlo study of a backtest's trades: per-run values, percentiles, chart and files.
---@class MonteCarlo
---@field percentiles table<string, table<number, number>> Per metric (return_pct, max_drawdown_pct, final_equity), the value at each percentile: mc.percentiles.max_drawdown_pct[5].
---@field mean table<string, number> Mean of each metric over the runs.
---@field original table<string, number> Each metric for the trades in their original order.
---@field return_pct Series Total return of each run, percent.
---@field max_drawdown_pct Series Maximum drawdown of each run, percent (<= 0).
---@field final_equity Series Final equity of each run.
---@field ruin_probability number? Share of runs reaching `ruin` x initial cash (nil without `ruin`).
---@field runs integer Number of runs.
---@field trades integer Closed trades drawn from.
---@field ambiguous_exits integer Ambiguous bars in the result's ledger.
---@field method string "shuffle", "bootstrap" or "intrabar".
---@field seed integer The seed.
local MonteCarlo = {}

---Writes the study's chart as PNG: equity paths over the trade number (a sample of runs,
---the 5–95 and 25–75 percentile bands, the median and the original order on top) above
---histograms of the runs' maximum drawdowns and total returns. Returns the path.
---
---```lua
---mc:plot("montecarlo.png")
---```
---@param path string
---@return string
function MonteCarlo:plot(path) end

---Writes montecarlo.csv (run, final_equity, return_pct, max_drawdown_pct), montecarlo.json
---(settings, original values, means, percentiles, ruin probability) and montecarlo.png into
---`dir` (created if needed).
---
---```lua
---mc:save("runs/mc1")
---```
---@param dir string
function MonteCarlo:save(dir) end

---The event form's per-bar context. Orders are intents: a buy or sell signalled at this close
---fills like a vectorized entry (next bar's open with fill="next_open", this close with
---fill="close"); buy while short (sell while long) reverses.
---@class Context
---@field position number Signed open quantity of this symbol (positive long, negative short, 0 flat).
---@field equity number Account equity at this close (cash plus open trades at their last prices).
---@field cash number Realized cash of the account.
---@field index integer 1-based index of the bar.
---@field time integer Bar time, ns since the epoch (UTC).
---@field symbol string
local Context = {}

---Opens (or adds to, up to pyramiding) a long position; closes shorts first.
---
---```lua
---ctx:buy{stop = bar.close * 0.98, tag = "dip"}
---```
---@param intent {qty?: number, stop?: number, target?: number, tag?: string}? qty (default: the strategy's sizing), absolute stop and target prices (override exits), tag (one open trade per tag)
function Context:buy(intent) end

---Opens (or adds to, up to pyramiding) a short position; closes longs first.
---
---```lua
---ctx:sell{qty = 1}
---```
---@param intent {qty?: number, stop?: number, target?: number, tag?: string}? qty (default: the strategy's sizing), absolute stop and target prices (override exits), tag (one open trade per tag)
function Context:sell(intent) end

---Closes this symbol's open trades (all, or those opened with `tag`) at the fill of the next market order.
---
---```lua
---if ctx.position > 0 then ctx:close() end
---```
---@param tag string?
function Context:close(tag) end

---The event form's per-candle context in the dry-run and live engines. Orders are intents
---the risk layer reviews; they fill at the next tick (fill="next_open") or at this close
---(fill="close").
---@class EngineContext
---@field position number Signed open quantity of this symbol (positive long, negative short, 0 flat).
---@field equity number Account equity at this close (cash plus open trades at their last prices).
---@field cash number Cash of the account.
---@field index integer 1-based index of the candle since the start of the run.
---@field time integer Candle time, ns since the epoch (UTC).
---@field symbol string
local EngineContext = {}

---Opens (or adds to) a long position; closes shorts first.
---
---```lua
---ctx:buy{stop = bar.close * 0.98}
---```
---@param intent {qty?: number, stop?: number, target?: number, tag?: string}? qty (default: the strategy's sizing), absolute stop and target prices (override exits), tag (one open trade per tag)
function EngineContext:buy(intent) end

---Opens (or adds to) a short position; closes longs first.
---
---```lua
---ctx:sell{qty = 1}
---```
---@param intent {qty?: number, stop?: number, target?: number, tag?: string}? qty (default: the strategy's sizing), absolute stop and target prices (override exits), tag (one open trade per tag)
function EngineContext:sell(intent) end

---Closes this symbol's open trades (all, or those opened with `tag`).
---
---```lua
---if ctx.position > 0 then ctx:close() end
---```
---@param tag string?
function EngineContext:close(tag) end

---A dry-run or live session: h:run() to the end of the feed, h:step(n) for n feed events,
---h:status() and h:trades() to look, h:stop() to end it. Every event is committed to the state
---directory before the next; reports are written when the run finishes or stops.
---@class Engine
local Engine = {}

---Feeds the rest of the feed through the engine, finishes the run and writes trades.csv, stats.json and equity.csv into the state directory; returns h:status().
---
---```lua
---local status = h:run()
---```
---@return table
function Engine:run() end

---Feeds up to n events (ticks and candle closes; a replayed bar is five); returns how many ran and whether the run finished.
---
---```lua
---local ran, finished = h:step(500)
---```
---@param n integer events, at least 1
---@return integer
---@return boolean
function Engine:step(n) end

---The committed state, as `crescent status --json`: finished, events, cash, equity,
---realized_pnl, unrealized_pnl, commissions, trades, orders, fills, positions (list),
---open_orders (list), decisions (the last 10: time, symbol, index, action, verdict, reason, …).
---
---```lua
---print(h:status().equity)
---```
---@return table
function Engine:status() end

---Closed trades (and parts) so far, as Result.trades: symbol, side, tag, entry_time, entry_price, exit_time, exit_price, qty, pnl, return_pct, exit_reason, bars_held, mae_pct, mfe_pct.
---
---```lua
---for _, t in ipairs(h:trades()) do print(t.exit_reason, t.pnl) end
---```
---@return table[]
function Engine:trades() end

---Stops the session: writes the reports of the run so far and releases the strategy (a new engine.dryrun{} on the same state resumes). Returns h:status().
---
---```lua
---h:stop()
---```
---@return table
function Engine:stop() end

---crescent itself: version, clock; also holds every module (crescent.data, …).
---@class crescent
---@field data crescent.data
---@field ta crescent.ta
---@field plot crescent.plot
---@field bt crescent.bt
---@field engine crescent.engine
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
---drop_invalid) and are counted on stderr (and in the report that `report = true` returns
---as a second value). cache = true keeps a binary copy beside the file, reused while the
---file is unchanged.
---
---```lua
---local bars = data.load("eurusd.csv", {tz = "Europe/London", columns = {time = "Gmt time"}})
---```
---@param path string
---@param opts {symbol?: string, tz?: string, columns?: table<string, string|integer>, separator?: string, header?: boolean, sort?: boolean, dedupe?: boolean, drop_invalid?: boolean, cache?: boolean, cache_dir?: string, timeframe?: string, max_line_length?: integer, report?: boolean}?
---@return Bars
---@return {layout: string, rows_read: integer, rows_sorted: integer, duplicates_removed: integer, invalid_dropped: integer, from_cache: boolean, columns: table<string, string>} # with report = true only: what the load found and changed
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

---Technical indicators: TA-Lib's functions with TA-Lib's numbers, plus crossovers and VWAP.
---@class crescent.ta
ta = {}

---Chaikin A/D Line (Volume Indicators).
---running Σ ((c − l) − (h − c))/(h − l) · volume
---Lookback at the defaults: 0 bars (NaN before).
---
---```lua
---local ad = ta.ad(bars)
---```
---@param bars Bars uses high, low, close, volume
---@return Series # real
function ta.ad(bars) end

---Chaikin A/D Oscillator (Volume Indicators).
---EMA(AD, fast) − EMA(AD, slow), EMAs seeded by the first AD value
---Lookback at the defaults: 9 bars (NaN before).
---
---```lua
---local adosc = ta.adosc(bars)
---```
---@param bars Bars uses high, low, close, volume
---@param fastperiod integer? default 3; an integer >= 2
---@param slowperiod integer? default 10; an integer >= 2
---@return Series # real
function ta.adosc(bars, fastperiod, slowperiod) end

---Average Directional Movement Index (Momentum Indicators).
---Wilder: mean of the first timeperiod DX, then adx = (adx·(n−1) + dx)/n
---Lookback at the defaults: 27 bars (NaN before).
---
---```lua
---local adx = ta.adx(bars)
---```
---@param bars Bars uses high, low, close
---@param timeperiod integer? default 14; an integer >= 2
---@return Series # real
function ta.adx(bars, timeperiod) end

---Average Directional Movement Index Rating (Momentum Indicators).
---(ADX + ADX timeperiod−1 bars ago) / 2
---Lookback at the defaults: 40 bars (NaN before).
---
---```lua
---local adxr = ta.adxr(bars)
---```
---@param bars Bars uses high, low, close
---@param timeperiod integer? default 14; an integer >= 2
---@return Series # real
function ta.adxr(bars, timeperiod) end

---Absolute Price Oscillator (Momentum Indicators).
---MA(fastperiod) − MA(slowperiod)
---Lookback at the defaults: 25 bars (NaN before).
---
---```lua
---local apo = ta.apo(bars.close)
---```
---@param real Series
---@param fastperiod integer? default 12; an integer >= 2
---@param slowperiod integer? default 26; an integer >= 2
---@param matype integer? default 1; an MA type in 0...8 (0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA, 5 TRIMA, 6 KAMA, 7 MAMA, 8 T3)
---@return Series # real
function ta.apo(real, fastperiod, slowperiod, matype) end

---Aroon (Momentum Indicators).
---down/up = 100/n · (n − bars since the lowest low / highest high) over n+1 bars
---Lookback at the defaults: 14 bars (NaN before).
---
---```lua
---local aroondown, aroonup = ta.aroon(bars)
---```
---@param bars Bars uses high, low
---@param timeperiod integer? default 14; an integer >= 2
---@return Series # aroondown
---@return Series # aroonup
function ta.aroon(bars, timeperiod) end

---Aroon Oscillator (Momentum Indicators).
---aroon up − aroon down
---Lookback at the defaults: 14 bars (NaN before).
---
---```lua
---local aroonosc = ta.aroonosc(bars)
---```
---@param bars Bars uses high, low
---@param timeperiod integer? default 14; an integer >= 2
---@return Series # real
function ta.aroonosc(bars, timeperiod) end

---Average True Range (Volatility Indicators).
---Wilder: mean of the first n true ranges, then atr = (atr·(n−1) + tr)/n
---Lookback at the defaults: 14 bars (NaN before).
---
---```lua
---local atr = ta.atr(bars)
---```
---@param bars Bars uses high, low, close
---@param timeperiod integer? default 14; an integer >= 1
---@return Series # real
function ta.atr(bars, timeperiod) end

---Average Price (Price Transform).
---(o + h + l + c) / 4
---Lookback at the defaults: 0 bars (NaN before).
---
---```lua
---local avgprice = ta.avgprice(bars)
---```
---@param bars Bars uses open, high, low, close
---@return Series # real
function ta.avgprice(bars) end

---Bollinger Bands (Overlap Studies).
---middle = MA(timeperiod, matype); upper/lower = middle ± nbdevup/nbdevdn · population stddev
---Lookback at the defaults: 19 bars (NaN before).
---
---```lua
---local upperband, middleband, lowerband = ta.bbands(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 20; an integer >= 2
---@param nbdevup number? default 2; a finite number
---@param nbdevdn number? default 2; a finite number
---@param matype integer? default 0; an MA type in 0...8 (0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA, 5 TRIMA, 6 KAMA, 7 MAMA, 8 T3)
---@return Series # upperband
---@return Series # middleband
---@return Series # lowerband
function ta.bbands(real, timeperiod, nbdevup, nbdevdn, matype) end

---Beta (Statistic Functions).
---regression slope of real0's one-bar returns on real1's over timeperiod returns
---Lookback at the defaults: 5 bars (NaN before).
---
---```lua
---local beta = ta.beta(bars.close)
---```
---@param real0 Series
---@param real1 Series
---@param timeperiod integer? default 5; an integer >= 1
---@return Series # real
function ta.beta(real0, real1, timeperiod) end

---Balance Of Power (Momentum Indicators).
---(close − open) / (high − low), 0 on a zero range
---Lookback at the defaults: 0 bars (NaN before).
---
---```lua
---local bop = ta.bop(bars)
---```
---@param bars Bars uses open, high, low, close
---@return Series # real
function ta.bop(bars) end

---Commodity Channel Index (Momentum Indicators).
---(tp − SMA(tp)) / (0.015 · mean deviation), tp = (h + l + c)/3
---Lookback at the defaults: 13 bars (NaN before).
---
---```lua
---local cci = ta.cci(bars)
---```
---@param bars Bars uses high, low, close
---@param timeperiod integer? default 14; an integer >= 2
---@return Series # real
function ta.cci(bars, timeperiod) end

---Chande Momentum Oscillator (Momentum Indicators).
---100·(G − L)/(G + L) with Wilder-smoothed gains G and losses L
---Lookback at the defaults: 14 bars (NaN before).
---
---```lua
---local cmo = ta.cmo(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 14; an integer >= 2
---@return Series # real
function ta.cmo(real, timeperiod) end

---Pearson's Correlation Coefficient (r) (Statistic Functions).
---cov(x, y) / (σx·σy) over timeperiod, from running sums
---Lookback at the defaults: 29 bars (NaN before).
---
---```lua
---local correl = ta.correl(bars.close)
---```
---@param real0 Series
---@param real1 Series
---@param timeperiod integer? default 30; an integer >= 1
---@return Series # real
function ta.correl(real0, real1, timeperiod) end

---Mask: a crosses above b on this bar (a[i] > b[i] and a[i-1] <= b[i-1]); false on the first bar and wherever a value is NaN. b may be a number.
---
---```lua
---local entries = ta.crossover(ta.sma(bars.close, 10), ta.sma(bars.close, 20))
---```
---@param a Series
---@param b Series|number
---@return Mask
function ta.crossover(a, b) end

---Mask: a crosses below b on this bar (a[i] < b[i] and a[i-1] >= b[i-1]); false on the first bar and wherever a value is NaN. b may be a number.
---
---```lua
---local entries = ta.crossunder(ta.sma(bars.close, 10), ta.sma(bars.close, 20))
---```
---@param a Series
---@param b Series|number
---@return Mask
function ta.crossunder(a, b) end

---Double Exponential Moving Average (Overlap Studies).
---2·EMA − EMA(EMA)
---Lookback at the defaults: 58 bars (NaN before).
---
---```lua
---local dema = ta.dema(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 30; an integer >= 1
---@return Series # real
function ta.dema(real, timeperiod) end

---Donchian Channel (Beyond TA-Lib).
---upper = highest high, lower = lowest low over timeperiod, middle = their mean
---Lookback at the defaults: 19 bars (NaN before).
---
---```lua
---local upperband, middleband, lowerband = ta.donchian(bars)
---```
---@param bars Bars uses high, low
---@param timeperiod integer? default 20; an integer >= 1
---@return Series # upperband
---@return Series # middleband
---@return Series # lowerband
function ta.donchian(bars, timeperiod) end

---Directional Movement Index (Momentum Indicators).
---100·|+DI − −DI| / (+DI + −DI)
---Lookback at the defaults: 14 bars (NaN before).
---
---```lua
---local dx = ta.dx(bars)
---```
---@param bars Bars uses high, low, close
---@param timeperiod integer? default 14; an integer >= 2
---@return Series # real
function ta.dx(bars, timeperiod) end

---Exponential Moving Average (Overlap Studies).
---k = 2/(timeperiod+1); seeded by the SMA of the first timeperiod values; ema += (x − ema)·k
---Lookback at the defaults: 29 bars (NaN before).
---A list of periods computes them all in one pass and returns one Series per period.
---
---```lua
---local ema = ta.ema(bars.close)
---```
---@param real Series
---@param timeperiod integer|integer[]? default 30; an integer >= 1
---@return Series # real
function ta.ema(real, timeperiod) end

---Heikin-Ashi candles (Beyond TA-Lib).
---close = (o+h+l+c)/4; open = (prev open + prev close)/2; high/low include open and close
---Lookback at the defaults: 0 bars (NaN before).
---
---```lua
---local open, high, low, close = ta.heikinashi(bars)
---```
---@param bars Bars uses open, high, low, close
---@return Series # open
---@return Series # high
---@return Series # low
---@return Series # close
function ta.heikinashi(bars) end

---Hilbert Transform - Instantaneous Trendline (Overlap Studies).
---Ehlers: mean price over the dominant cycle, smoothed (4, 3, 2, 1)/10
---Lookback at the defaults: 63 bars (NaN before).
---
---```lua
---local ht_trendline = ta.ht_trendline(bars.close)
---```
---@param real Series
---@return Series # real
function ta.ht_trendline(real) end

---Ichimoku Kinko Hyo (Beyond TA-Lib).
---tenkan/kijun = midprice; senkou A = (tenkan + kijun)/2 and senkou B = midprice, shifted forward; chikou = close shifted back
---Lookback at the defaults: 8 bars (NaN before).
---
---```lua
---local tenkan, kijun, senkou_a, senkou_b, chikou = ta.ichimoku(bars)
---```
---@param bars Bars uses high, low, close
---@param tenkan integer? default 9; an integer >= 1
---@param kijun integer? default 26; an integer >= 1
---@param senkou_b integer? default 52; an integer >= 1
---@param displacement integer? default 26; an integer >= 0
---@return Series # tenkan
---@return Series # kijun
---@return Series # senkou_a
---@return Series # senkou_b
---@return Series # chikou
function ta.ichimoku(bars, tenkan, kijun, senkou_b, displacement) end

---Kaufman Adaptive Moving Average (Overlap Studies).
---ER = |Δ over timeperiod| / Σ|Δ|; sc = (ER·(2/3 − 2/31) + 2/31)²; kama += sc·(x − kama)
---Lookback at the defaults: 30 bars (NaN before).
---
---```lua
---local kama = ta.kama(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 30; an integer >= 1
---@return Series # real
function ta.kama(real, timeperiod) end

---Keltner Channel (Beyond TA-Lib).
---middle = EMA(close, timeperiod); upper/lower = middle ± multiplier·ATR(atr_period)
---Lookback at the defaults: 19 bars (NaN before).
---
---```lua
---local upperband, middleband, lowerband = ta.keltner(bars)
---```
---@param bars Bars uses high, low, close
---@param timeperiod integer? default 20; an integer >= 1
---@param multiplier number? default 2; a finite number
---@param atr_period integer? default 10; an integer >= 1
---@return Series # upperband
---@return Series # middleband
---@return Series # lowerband
function ta.keltner(bars, timeperiod, multiplier, atr_period) end

---Linear Regression (Statistic Functions).
---least-squares line over timeperiod, value at the newest bar
---Lookback at the defaults: 13 bars (NaN before).
---
---```lua
---local linearreg = ta.linearreg(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 14; an integer >= 2
---@return Series # real
function ta.linearreg(real, timeperiod) end

---Linear Regression Angle (Statistic Functions).
---atan(slope) in degrees
---Lookback at the defaults: 13 bars (NaN before).
---
---```lua
---local linearreg_angle = ta.linearreg_angle(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 14; an integer >= 2
---@return Series # real
function ta.linearreg_angle(real, timeperiod) end

---Linear Regression Intercept (Statistic Functions).
---least-squares line's value at the oldest bar
---Lookback at the defaults: 13 bars (NaN before).
---
---```lua
---local linearreg_intercept = ta.linearreg_intercept(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 14; an integer >= 2
---@return Series # real
function ta.linearreg_intercept(real, timeperiod) end

---Linear Regression Slope (Statistic Functions).
---least-squares slope per bar
---Lookback at the defaults: 13 bars (NaN before).
---
---```lua
---local linearreg_slope = ta.linearreg_slope(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 14; an integer >= 2
---@return Series # real
function ta.linearreg_slope(real, timeperiod) end

---Moving Average (Overlap Studies).
---the moving average of type matype (period 1 copies)
---Lookback at the defaults: 29 bars (NaN before).
---
---```lua
---local ma = ta.ma(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 30; an integer >= 1
---@param matype integer? default 0; an MA type in 0...8 (0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA, 5 TRIMA, 6 KAMA, 7 MAMA, 8 T3)
---@return Series # real
function ta.ma(real, timeperiod, matype) end

---Moving Average Convergence/Divergence (Momentum Indicators).
---EMA(fast) − EMA(slow); signal = EMA(macd, signalperiod); hist = macd − signal
---Lookback at the defaults: 33 bars (NaN before).
---
---```lua
---local macd, macdsignal, macdhist = ta.macd(bars.close)
---```
---@param real Series
---@param fastperiod integer? default 12; an integer >= 2
---@param slowperiod integer? default 26; an integer >= 2
---@param signalperiod integer? default 9; an integer >= 1
---@return Series # macd
---@return Series # macdsignal
---@return Series # macdhist
function ta.macd(real, fastperiod, slowperiod, signalperiod) end

---MACD with controllable MA type (Momentum Indicators).
---MA(fast, fastmatype) − MA(slow, slowmatype); signal = MA(macd, signalperiod, signalmatype)
---Lookback at the defaults: 33 bars (NaN before).
---
---```lua
---local macd, macdsignal, macdhist = ta.macdext(bars.close)
---```
---@param real Series
---@param fastperiod integer? default 12; an integer >= 2
---@param fastmatype integer? default 0; an MA type in 0...8 (0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA, 5 TRIMA, 6 KAMA, 7 MAMA, 8 T3)
---@param slowperiod integer? default 26; an integer >= 2
---@param slowmatype integer? default 0; an MA type in 0...8 (0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA, 5 TRIMA, 6 KAMA, 7 MAMA, 8 T3)
---@param signalperiod integer? default 9; an integer >= 1
---@param signalmatype integer? default 0; an MA type in 0...8 (0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA, 5 TRIMA, 6 KAMA, 7 MAMA, 8 T3)
---@return Series # macd
---@return Series # macdsignal
---@return Series # macdhist
function ta.macdext(real, fastperiod, fastmatype, slowperiod, slowmatype, signalperiod, signalmatype) end

---Moving Average Convergence/Divergence Fix 12/26 (Momentum Indicators).
---MACD with fixed k = 0.15 (12) and 0.075 (26)
---Lookback at the defaults: 33 bars (NaN before).
---
---```lua
---local macd, macdsignal, macdhist = ta.macdfix(bars.close)
---```
---@param real Series
---@param signalperiod integer? default 9; an integer >= 1
---@return Series # macd
---@return Series # macdsignal
---@return Series # macdhist
function ta.macdfix(real, signalperiod) end

---MESA Adaptive Moving Average (Overlap Studies).
---Ehlers: α = fastlimit/ΔPhase in [slowlimit, fastlimit]; mama += α(x − mama); fama += α/2(mama − fama)
---Lookback at the defaults: 32 bars (NaN before).
---
---```lua
---local mama, fama = ta.mama(bars.close)
---```
---@param real Series
---@param fastlimit number? default 0.5; a number in [0.01, 0.99]
---@param slowlimit number? default 0.05; a number in [0.01, 0.99]
---@return Series # mama
---@return Series # fama
function ta.mama(real, fastlimit, slowlimit) end

---Highest value over a specified period (Math Operators).
---max over timeperiod (O(n), van Herk–Gil–Werman blocks)
---Lookback at the defaults: 29 bars (NaN before).
---
---```lua
---local max = ta.max(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 30; an integer >= 2
---@return Series # real
function ta.max(real, timeperiod) end

---Index of highest value over a specified period (Math Operators).
---0-based index into the input of the max over timeperiod (the binding adds 1 for Lua)
---Lookback at the defaults: 29 bars (NaN before).
---
---```lua
---local maxindex = ta.maxindex(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 30; an integer >= 2
---@return Series # real
function ta.maxindex(real, timeperiod) end

---Median Price (Price Transform).
---(h + l) / 2
---Lookback at the defaults: 0 bars (NaN before).
---
---```lua
---local medprice = ta.medprice(bars)
---```
---@param bars Bars uses high, low
---@return Series # real
function ta.medprice(bars) end

---Money Flow Index (Momentum Indicators).
---100·Σ positive flow / Σ flow, flow = tp·volume by direction of tp
---Lookback at the defaults: 14 bars (NaN before).
---
---```lua
---local mfi = ta.mfi(bars)
---```
---@param bars Bars uses high, low, close, volume
---@param timeperiod integer? default 14; an integer >= 2
---@return Series # real
function ta.mfi(bars, timeperiod) end

---MidPoint over period (Overlap Studies).
---(highest + lowest) / 2 over timeperiod
---Lookback at the defaults: 13 bars (NaN before).
---
---```lua
---local midpoint = ta.midpoint(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 14; an integer >= 2
---@return Series # real
function ta.midpoint(real, timeperiod) end

---Midpoint Price over period (Overlap Studies).
---(highest high + lowest low) / 2 over timeperiod
---Lookback at the defaults: 13 bars (NaN before).
---
---```lua
---local midprice = ta.midprice(bars)
---```
---@param bars Bars uses high, low
---@param timeperiod integer? default 14; an integer >= 2
---@return Series # real
function ta.midprice(bars, timeperiod) end

---Lowest value over a specified period (Math Operators).
---min over timeperiod (O(n), van Herk–Gil–Werman blocks)
---Lookback at the defaults: 29 bars (NaN before).
---
---```lua
---local min = ta.min(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 30; an integer >= 2
---@return Series # real
function ta.min(real, timeperiod) end

---Index of lowest value over a specified period (Math Operators).
---0-based index into the input of the min over timeperiod (the binding adds 1 for Lua)
---Lookback at the defaults: 29 bars (NaN before).
---
---```lua
---local minindex = ta.minindex(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 30; an integer >= 2
---@return Series # real
function ta.minindex(real, timeperiod) end

---Minus Directional Indicator (Momentum Indicators).
---100 · Wilder-smoothed −DM / smoothed TR
---Lookback at the defaults: 14 bars (NaN before).
---
---```lua
---local minus_di = ta.minus_di(bars)
---```
---@param bars Bars uses high, low, close
---@param timeperiod integer? default 14; an integer >= 1
---@return Series # real
function ta.minus_di(bars, timeperiod) end

---Minus Directional Movement (Momentum Indicators).
---Wilder-smoothed −DM: s = s − s/n + dm
---Lookback at the defaults: 13 bars (NaN before).
---
---```lua
---local minus_dm = ta.minus_dm(bars)
---```
---@param bars Bars uses high, low
---@param timeperiod integer? default 14; an integer >= 1
---@return Series # real
function ta.minus_dm(bars, timeperiod) end

---Momentum (Momentum Indicators).
---x − x[n bars ago]
---Lookback at the defaults: 10 bars (NaN before).
---
---```lua
---local mom = ta.mom(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 10; an integer >= 1
---@return Series # real
function ta.mom(real, timeperiod) end

---Normalized Average True Range (Volatility Indicators).
---ATR / close · 100
---Lookback at the defaults: 14 bars (NaN before).
---
---```lua
---local natr = ta.natr(bars)
---```
---@param bars Bars uses high, low, close
---@param timeperiod integer? default 14; an integer >= 1
---@return Series # real
function ta.natr(bars, timeperiod) end

---On Balance Volume (Volume Indicators).
---first volume, then ± volume on up/down closes
---Lookback at the defaults: 0 bars (NaN before).
---
---```lua
---local obv = ta.obv(bars)
---```
---@param bars Bars uses close, volume
---@return Series # real
function ta.obv(bars) end

---Classic pivot points (Beyond TA-Lib).
---from the previous bar: P = (H+L+C)/3, R1 = 2P−L, S1 = 2P−H, R2 = P+(H−L), S2 = P−(H−L), R3 = H+2(P−L), S3 = L−2(H−P)
---Lookback at the defaults: 1 bars (NaN before).
---
---```lua
---local pivot, r1, s1, r2, s2, r3, s3 = ta.pivots(bars)
---```
---@param bars Bars uses high, low, close
---@return Series # pivot
---@return Series # r1
---@return Series # s1
---@return Series # r2
---@return Series # s2
---@return Series # r3
---@return Series # s3
function ta.pivots(bars) end

---Plus Directional Indicator (Momentum Indicators).
---100 · Wilder-smoothed +DM / smoothed TR
---Lookback at the defaults: 14 bars (NaN before).
---
---```lua
---local plus_di = ta.plus_di(bars)
---```
---@param bars Bars uses high, low, close
---@param timeperiod integer? default 14; an integer >= 1
---@return Series # real
function ta.plus_di(bars, timeperiod) end

---Plus Directional Movement (Momentum Indicators).
---Wilder-smoothed +DM: s = s − s/n + dm
---Lookback at the defaults: 13 bars (NaN before).
---
---```lua
---local plus_dm = ta.plus_dm(bars)
---```
---@param bars Bars uses high, low
---@param timeperiod integer? default 14; an integer >= 1
---@return Series # real
function ta.plus_dm(bars, timeperiod) end

---Percentage Price Oscillator (Momentum Indicators).
---(MA(fastperiod) − MA(slowperiod)) / MA(slowperiod) · 100
---Lookback at the defaults: 25 bars (NaN before).
---
---```lua
---local ppo = ta.ppo(bars.close)
---```
---@param real Series
---@param fastperiod integer? default 12; an integer >= 2
---@param slowperiod integer? default 26; an integer >= 2
---@param matype integer? default 1; an MA type in 0...8 (0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA, 5 TRIMA, 6 KAMA, 7 MAMA, 8 T3)
---@return Series # real
function ta.ppo(real, fastperiod, slowperiod, matype) end

---Rate of change (Momentum Indicators).
---(x / prev − 1) · 100, 0 when prev is 0
---Lookback at the defaults: 10 bars (NaN before).
---
---```lua
---local roc = ta.roc(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 10; an integer >= 1
---@return Series # real
function ta.roc(real, timeperiod) end

---Rate of change Percentage (Momentum Indicators).
---(x − prev) / prev, 0 when prev is 0
---Lookback at the defaults: 10 bars (NaN before).
---
---```lua
---local rocp = ta.rocp(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 10; an integer >= 1
---@return Series # real
function ta.rocp(real, timeperiod) end

---Rate of change ratio (Momentum Indicators).
---x / prev, 0 when prev is 0
---Lookback at the defaults: 10 bars (NaN before).
---
---```lua
---local rocr = ta.rocr(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 10; an integer >= 1
---@return Series # real
function ta.rocr(real, timeperiod) end

---Rate of change ratio 100 scale (Momentum Indicators).
---x / prev · 100, 0 when prev is 0
---Lookback at the defaults: 10 bars (NaN before).
---
---```lua
---local rocr100 = ta.rocr100(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 10; an integer >= 1
---@return Series # real
function ta.rocr100(real, timeperiod) end

---Relative Strength Index (Momentum Indicators).
---100·G/(G + L) with Wilder-smoothed gains G and losses L
---Lookback at the defaults: 14 bars (NaN before).
---
---```lua
---local rsi = ta.rsi(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 14; an integer >= 2
---@return Series # real
function ta.rsi(real, timeperiod) end

---Parabolic SAR (Overlap Studies).
---Wilder: sar += af·(ep − sar), af += acceleration up to maximum at each new extreme
---Lookback at the defaults: 1 bars (NaN before).
---
---```lua
---local sar = ta.sar(bars)
---```
---@param bars Bars uses high, low
---@param acceleration number? default 0.02; a number >= 0
---@param maximum number? default 0.2; a number >= 0
---@return Series # real
function ta.sar(bars, acceleration, maximum) end

---Parabolic SAR - Extended (Overlap Studies).
---SAR with separate long/short accelerations, a start value and an offset on reversal; short positions negative
---Lookback at the defaults: 1 bars (NaN before).
---
---```lua
---local sarext = ta.sarext(bars)
---```
---@param bars Bars uses high, low
---@param startvalue number? default 0; a finite number
---@param offsetonreverse number? default 0; a number >= 0
---@param accelerationinitlong number? default 0.02; a number >= 0
---@param accelerationlong number? default 0.02; a number >= 0
---@param accelerationmaxlong number? default 0.2; a number >= 0
---@param accelerationinitshort number? default 0.02; a number >= 0
---@param accelerationshort number? default 0.02; a number >= 0
---@param accelerationmaxshort number? default 0.2; a number >= 0
---@return Series # real
function ta.sarext(bars, startvalue, offsetonreverse, accelerationinitlong, accelerationlong, accelerationmaxlong, accelerationinitshort, accelerationshort, accelerationmaxshort) end

---Simple Moving Average (Overlap Studies).
---mean of the last timeperiod values
---Lookback at the defaults: 29 bars (NaN before).
---A list of periods computes them all in one pass and returns one Series per period.
---
---```lua
---local sma = ta.sma(bars.close)
---```
---@param real Series
---@param timeperiod integer|integer[]? default 30; an integer >= 1
---@return Series # real
function ta.sma(real, timeperiod) end

---Standard Deviation (Statistic Functions).
---√(mean(x²) − mean(x)²) · nbdev (population)
---Lookback at the defaults: 4 bars (NaN before).
---
---```lua
---local stddev = ta.stddev(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 5; an integer >= 2
---@param nbdev number? default 1; a finite number
---@return Series # real
function ta.stddev(real, timeperiod, nbdev) end

---Stochastic (Momentum Indicators).
---slowk = MA(100·(c − LL)/(HH − LL), slowk_period); slowd = MA(slowk, slowd_period)
---Lookback at the defaults: 8 bars (NaN before).
---
---```lua
---local slowk, slowd = ta.stoch(bars)
---```
---@param bars Bars uses high, low, close
---@param fastk_period integer? default 5; an integer >= 1
---@param slowk_period integer? default 3; an integer >= 1
---@param slowk_matype integer? default 0; an MA type in 0...8 (0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA, 5 TRIMA, 6 KAMA, 7 MAMA, 8 T3)
---@param slowd_period integer? default 3; an integer >= 1
---@param slowd_matype integer? default 0; an MA type in 0...8 (0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA, 5 TRIMA, 6 KAMA, 7 MAMA, 8 T3)
---@return Series # slowk
---@return Series # slowd
function ta.stoch(bars, fastk_period, slowk_period, slowk_matype, slowd_period, slowd_matype) end

---Stochastic Fast (Momentum Indicators).
---fastk = 100·(c − LL)/(HH − LL); fastd = MA(fastk, fastd_period)
---Lookback at the defaults: 6 bars (NaN before).
---
---```lua
---local fastk, fastd = ta.stochf(bars)
---```
---@param bars Bars uses high, low, close
---@param fastk_period integer? default 5; an integer >= 1
---@param fastd_period integer? default 3; an integer >= 1
---@param fastd_matype integer? default 0; an MA type in 0...8 (0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA, 5 TRIMA, 6 KAMA, 7 MAMA, 8 T3)
---@return Series # fastk
---@return Series # fastd
function ta.stochf(bars, fastk_period, fastd_period, fastd_matype) end

---Stochastic Relative Strength Index (Momentum Indicators).
---STOCHF applied to RSI(timeperiod)
---Lookback at the defaults: 20 bars (NaN before).
---
---```lua
---local fastk, fastd = ta.stochrsi(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 14; an integer >= 2
---@param fastk_period integer? default 5; an integer >= 1
---@param fastd_period integer? default 3; an integer >= 1
---@param fastd_matype integer? default 0; an MA type in 0...8 (0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA, 5 TRIMA, 6 KAMA, 7 MAMA, 8 T3)
---@return Series # fastk
---@return Series # fastd
function ta.stochrsi(real, timeperiod, fastk_period, fastd_period, fastd_matype) end

---Summation (Math Operators).
---Σ over timeperiod (running sum)
---Lookback at the defaults: 29 bars (NaN before).
---
---```lua
---local sum = ta.sum(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 30; an integer >= 2
---@return Series # real
function ta.sum(real, timeperiod) end

---Supertrend (Beyond TA-Lib).
---hl2 ± multiplier·ATR(timeperiod) ratcheted bands; line = lower band in uptrends, upper in downtrends; direction ±1
---Lookback at the defaults: 10 bars (NaN before).
---
---```lua
---local supertrend, direction = ta.supertrend(bars)
---```
---@param bars Bars uses high, low, close
---@param timeperiod integer? default 10; an integer >= 1
---@param multiplier number? default 3; a number >= 0
---@return Series # supertrend
---@return Series # direction
function ta.supertrend(bars, timeperiod, multiplier) end

---Triple Exponential Moving Average (T3) (Overlap Studies).
---Tillson: six chained EMAs; c1·e6 + c2·e5 + c3·e4 + c4·e3 with volume factor a
---Lookback at the defaults: 24 bars (NaN before).
---
---```lua
---local t3 = ta.t3(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 5; an integer >= 1
---@param vfactor number? default 0.7; a number in [0, 1]
---@return Series # real
function ta.t3(real, timeperiod, vfactor) end

---Triple Exponential Moving Average (Overlap Studies).
---3·EMA − 3·EMA(EMA) + EMA(EMA(EMA))
---Lookback at the defaults: 87 bars (NaN before).
---
---```lua
---local tema = ta.tema(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 30; an integer >= 1
---@return Series # real
function ta.tema(real, timeperiod) end

---True Range (Volatility Indicators).
---max(h − l, |h − c₋₁|, |l − c₋₁|)
---Lookback at the defaults: 1 bars (NaN before).
---
---```lua
---local trange = ta.trange(bars)
---```
---@param bars Bars uses high, low, close
---@return Series # real
function ta.trange(bars) end

---Triangular Moving Average (Overlap Studies).
---SMA of an SMA: triangular weights 1, 2, …, peak, …, 2, 1 over timeperiod values
---Lookback at the defaults: 29 bars (NaN before).
---
---```lua
---local trima = ta.trima(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 30; an integer >= 1
---@return Series # real
function ta.trima(real, timeperiod) end

---1-day Rate-Of-Change (ROC) of a Triple Smooth EMA (Momentum Indicators).
---ROC(1) of EMA(EMA(EMA(x)))
---Lookback at the defaults: 88 bars (NaN before).
---
---```lua
---local trix = ta.trix(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 30; an integer >= 1
---@return Series # real
function ta.trix(real, timeperiod) end

---Time Series Forecast (Statistic Functions).
---least-squares line extended one bar ahead
---Lookback at the defaults: 13 bars (NaN before).
---
---```lua
---local tsf = ta.tsf(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 14; an integer >= 2
---@return Series # real
function ta.tsf(real, timeperiod) end

---Typical Price (Price Transform).
---(h + l + c) / 3
---Lookback at the defaults: 0 bars (NaN before).
---
---```lua
---local typprice = ta.typprice(bars)
---```
---@param bars Bars uses high, low, close
---@return Series # real
function ta.typprice(bars) end

---Ultimate Oscillator (Momentum Indicators).
---100·(4A₁ + 2A₂ + A₃)/7, A = Σ(c − true low)/Σ true range over the sorted periods
---Lookback at the defaults: 28 bars (NaN before).
---
---```lua
---local ultosc = ta.ultosc(bars)
---```
---@param bars Bars uses high, low, close
---@param timeperiod1 integer? default 7; an integer >= 1
---@param timeperiod2 integer? default 14; an integer >= 1
---@param timeperiod3 integer? default 28; an integer >= 1
---@return Series # real
function ta.ultosc(bars, timeperiod1, timeperiod2, timeperiod3) end

---Variance (Statistic Functions).
---mean(x²) − mean(x)² (population; nbdev is ignored, as in TA-Lib)
---Lookback at the defaults: 4 bars (NaN before).
---
---```lua
---local var = ta.var(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 5; an integer >= 1
---@param nbdev number? default 1; a finite number
---@return Series # real
function ta.var(real, timeperiod, nbdev) end

---Session-anchored VWAP: Σ(typical price · volume) / Σ volume since the bar's session
---began, typical price = (high + low + close) / 3. Sessions start each day at `start`
---(UTC, default "00:00") and last `hours` (default 24). NaN while the session's volume is 0.
---
---```lua
---local v = ta.vwap(bars, {start = "13:30", hours = 24})
---```
---@param bars Bars
---@param opts {start?: string, hours?: number}?
---@return Series
function ta.vwap(bars, opts) end

---Weighted Close Price (Price Transform).
---(h + l + 2c) / 4
---Lookback at the defaults: 0 bars (NaN before).
---
---```lua
---local wclprice = ta.wclprice(bars)
---```
---@param bars Bars uses high, low, close
---@return Series # real
function ta.wclprice(bars) end

---Williams' %R (Momentum Indicators).
---−100·(HH − c)/(HH − LL)
---Lookback at the defaults: 13 bars (NaN before).
---
---```lua
---local willr = ta.willr(bars)
---```
---@param bars Bars uses high, low, close
---@param timeperiod integer? default 14; an integer >= 2
---@return Series # real
function ta.willr(bars, timeperiod) end

---Weighted Moving Average (Overlap Studies).
---weights timeperiod…1 from the newest value, divided by timeperiod(timeperiod+1)/2
---Lookback at the defaults: 29 bars (NaN before).
---
---```lua
---local wma = ta.wma(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 30; an integer >= 1
---@return Series # real
function ta.wma(real, timeperiod) end

---Z-score (Beyond TA-Lib).
---(x − mean) / population stddev over timeperiod; 0 on a flat window
---Lookback at the defaults: 19 bars (NaN before).
---
---```lua
---local zscore = ta.zscore(bars.close)
---```
---@param real Series
---@param timeperiod integer? default 20; an integer >= 2
---@return Series # real
function ta.zscore(real, timeperiod) end

---Charts as PNG: candlesticks with overlays and panes, lines, equity, heatmaps, histograms.
---@class crescent.plot
plot = {}

---A price chart: candlesticks (or "ohlc", "line") with a volume pane, overlays on the
---price, indicator panes below, and markers from masks. 1M+ bars are decimated per pixel
---column (each column shows its bars' open, high, low and close).
---
---```lua
---local fast, slow = ta.sma(bars.close, 10), ta.sma(bars.close, 30)
---plot.chart{bars = bars, overlays = {sma10 = fast, sma30 = slow}, panes = {rsi = ta.rsi(bars.close)},
---           entries = ta.crossover(fast, slow), exits = ta.crossunder(fast, slow)}:save("chart.png")
---```
---@param opts {bars: Bars, style?: string, overlays?: table, panes?: table, entries?: Mask, exits?: Mask, short_entries?: Mask, volume?: boolean, log?: boolean, collapse_gaps?: boolean, title?: string, width?: integer, height?: integer, scale?: number, theme?: string} overlays: {name = Series, …} or a list of {name=, values=, kind=, color=}; panes: {rsi = Series} or a list of {title=, series=, references=, range=}
---@return Figure
function plot.chart(opts) end

---An equity curve with an underwater drawdown pane and buy-and-hold beside it: of a backtest Result, or of an equity Series over bars.
---@param opts Result|{equity: Series, bars: Bars, benchmark?: Series, title?: string, log?: boolean, width?: integer, height?: integer, scale?: number, theme?: string} bars give the times; benchmark defaults to buying and holding the bars' close with the same starting equity
---@return Figure
function plot.equity(opts) end

---A parameter heatmap: one cell per (x, y) pair coloured by a metric, best cell outlined.
---@param opts {x: number[], y: number[], values: number[][], x_name?: string, y_name?: string, metric?: string, higher_is_better?: boolean, title?: string, width?: integer, height?: integer, scale?: number, theme?: string} values[row][column]: a row per y, a column per x; NaN leaves a cell grey
---@return Figure
function plot.heatmap(opts) end

---A histogram (trade returns, R-multiples); zero always falls on a bin edge.
---@param opts {values: Series|number[], bins?: integer, unit?: string, title?: string, width?: integer, height?: integer, scale?: number, theme?: string}
---@return Figure
function plot.histogram(opts) end

---Lines against time (give bars = for their times) or against the sample number.
---
---```lua
---plot.line{series = {close = bars.close, sma = ta.sma(bars.close, 50)}, bars = bars}:save("line.png")
---```
---@param opts {series: Series|table, bars?: Bars, references?: number[], log?: boolean, title?: string, width?: integer, height?: integer, scale?: number, theme?: string}
---@return Figure
function plot.line(opts) end

---Monthly returns heatmap (percent, with yearly totals) of an equity curve.
---@param opts {equity: Series, bars: Bars, title?: string, width?: integer, height?: integer, scale?: number, theme?: string}
---@return Figure
function plot.monthly(opts) end

---Shows a figure: inline in terminals that speak the kitty or iTerm2 image protocol
---(detected; CRESCENT_IMAGE_PROTOCOL=kitty|iterm2|none overrides), otherwise writes a PNG
---and prints its path. Returns the PNG's path.
---@param fig Figure
---@param path string? default: a new file in $TMPDIR
---@return string
function plot.show(fig, path) end

---Backtests: run a strategy table or file on bars and get a Result (stats, trades, equity, report).
---@class crescent.bt
bt = {}

---Reruns a backtest's closed trades `runs` times: "shuffle" (the same trades in a random
---order), "bootstrap" (as many trades drawn with replacement) or "intrabar" (the original
---order, each ambiguous bar of the ambiguity ledger resolved stop-first with probability
---`stop_first`, default 0.5, else target-first). Each run's path has one point per trade;
---with `compound` (default true) each trade's P&L counts as a fraction of the closed-trade
---equity before it in the original run, so a shuffle keeps the final equity; without it,
---P&L adds in currency. Percentiles (5, 25, 50, 75, 95 and `percentiles`) interpolate
---linearly between ranks. `ruin` (a fraction of the initial cash) adds the share of runs
---whose equity fell to that level. Same `seed` (default 1), same numbers on any machine.
---
---```lua
---local r = bt.run("strategies/sma_cross.lua", data.load("examples/data/synthetic_BTCUSD_1h.csv"))
---local mc = bt.montecarlo(r, {runs = 2000, seed = 7, method = "bootstrap", percentiles = {1, 99}})
---print(mc.percentiles.max_drawdown_pct[5], mc.percentiles.return_pct[50])
---mc:plot("montecarlo.png")
---```
---@param result Result what bt.run returned
---@param opts {runs?: integer, seed?: integer, method?: "shuffle"|"bootstrap"|"intrabar", percentiles?: number[], compound?: boolean, ruin?: number, stop_first?: number, paths?: integer}? runs (1000), seed (1), method ("shuffle"), paths (runs kept whole for the chart, 100)
---@return MonteCarlo
function bt.montecarlo(result, opts) end

---Backtests a strategy (a table, or the path of a file returning one) on one Bars or a list
---of Bars (a portfolio sharing one account). Signals are read at each bar's close; market
---orders fill at the next bar's open (fill="next_open", default) or at that close
---(fill="close"). `opts.params` overrides the strategy's params; `from`/`to` (ISO-8601 or
---ns) select bars with from <= time < to; `cash` sets the starting cash (default 10000).
---
---```lua
---local bars = data.load("examples/data/synthetic_BTCUSD_1h.csv")
---local r = bt.run("strategies/sma_cross.lua", bars, {params = {fast = 20, slow = 50}})
---print(r.stats.sharpe, #r.trades)
---print(r:summary())
---```
---@param strategy table|string a strategy table or a strategy file path
---@param bars Bars|Bars[]
---@param opts {cash?: number, params?: table, from?: string|integer, to?: string|integer}?
---@return Result
function bt.run(strategy, bars, opts) end

---Exits of independent unit trades, one per true bar of `entries` (trades may overlap).
---An entry signalled at bar i fills at the next open (fill="next_open") or at i's close
---(fill="close"); stop = entry × (1 ∓ stop_pct), target = entry × (1 ± target_pct)
---(fractions); a bar opening beyond a level fills at the open; a bar reaching both levels
---resolves by `intrabar` and is counted in `ambiguous`; a trade open at entry + max_bars
---exits at that close, and one still open at the last bar at its close. Entries on the last
---bar with next-open fills do not fill (NaN in every column).
---
---```lua
---local bars = data.synthetic{bars = 100000}
---local s = bt.scan(bars, ta.crossover(bars.close, ta.sma(bars.close, 50)), {stop_pct = 0.005, target_pct = 0.01, max_bars = 100})
---print(s.returns:mean(), s.reasons.target, s.ambiguous)
---```
---@param bars Bars
---@param entries Mask
---@param opts {side?: "long"|"short", stop_pct?: number, target_pct?: number, max_bars?: integer, fill?: string, intrabar?: string}?
---@return table # {returns = Series, entry_index = Series, exit_index = Series, entry_price = Series, exit_price = Series, reasons = {stop=, target=, max_bars=, end=}, ambiguous = integer}
function bt.scan(bars, entries, opts) end

---Backtests the strategy once per sub-period — `periods` consecutive slices of equal bar
---counts (default 5), or `by = "year"` for UTC calendar years — each run starting afresh
---with the same cash and parameters (`params` overrides the strategy's), and returns each
---period's stats (stats.json's keys) and the dispersion of every numeric one over the
---periods: count, mean, std (sample), min, max and cv = std / |mean| (only when all values
---share one sign; NaN values are left out).
---
---```lua
---local bars = data.load("examples/data/synthetic_BTCUSD_1h.csv")
---local s = bt.stability("strategies/sma_cross.lua", bars, {periods = 4})
---for _, p in ipairs(s.periods) do print(p.label, p.stats.sharpe) end
---print(s.dispersion.sharpe.mean, s.dispersion.sharpe.std)
---```
---@param strategy table|string a strategy table or a strategy file path
---@param bars Bars|Bars[]
---@param opts {periods?: integer, by?: "year", params?: table, cash?: number}?
---@return table # {periods = {{label=, from=, to=, bars_in_period=, stats=}...}, dispersion = {key = {count=, mean=, std=, min=, max=, cv=}}, keys = string[]}
function bt.stability(strategy, bars, opts) end

---Backtests every combination of `opts.grid` (or `opts.random` distinct ones drawn with
---`opts.seed`) and ranks them by `opts.metric` (any numeric stats key, higher is
---better, ties to the earlier combination) among those with at least `opts.min_trades`
---trades. `grid` maps each parameter to a list of values or a range text "a:b:step"
---(inclusive); parameters are enumerated in name order, like nested loops with the last
---name fastest. A strategy file path runs on `opts.jobs` threads (default: all cores),
---each with its own Lua state; a strategy table runs in this state, one combination after
---another. Each row equals `bt.run` with the same params. Returns `rows` in enumeration
---order (each `{params =, stats =}`), `ranked` (the eligible rows, best first) and `best`
---(nil when none qualifies).
---
---```lua
---local bars = data.load("examples/data/synthetic_BTCUSD_1h.csv")
---local s = bt.sweep("strategies/sma_cross.lua", bars, {grid = {fast = {5, 10, 15}, slow = "20:60:10"}})
---print(#s.rows, s.best.params.fast, s.best.params.slow, s.best.stats.sharpe)
---```
---@param strategy table|string a strategy table or a strategy file path
---@param bars Bars|Bars[]
---@param opts {grid: table<string, any[]|string>, metric?: string, min_trades?: integer, jobs?: integer, random?: integer, seed?: integer, params?: table, cash?: number}
---@return table # {rows: table[], ranked: table[], best: table?, metric: string}
function bt.sweep(strategy, bars, opts) end

---Walk-forward analysis: sweeps `opts.grid` on each training window, picks the best
---combination by `opts.metric` (at least `opts.min_trades` trades), and backtests it on
---the following test window. `train`/`test` are bar counts (integers) or durations
---("90d", "12w", "36h"); windows roll by one test length, or with `anchored = true`
---every training window starts at the first bar. A test window never overlaps its
---training window and is backtested on its own bars (indicators warm up inside it); it
---starts with the previous window's final equity, so `equity` is one compounding
---out-of-sample curve. `efficiency` = mean out-of-sample ÷ mean in-sample metric
---(return_pct compared as cagr_pct; NaN when the in-sample mean is not positive).
---Other options as in `bt.sweep`. Times are integer nanoseconds (first and last bar).
---
---```lua
---local bars = data.load("examples/data/synthetic_BTCUSD_1h.csv")
---local wf = bt.walkforward("strategies/sma_cross.lua", bars,
---  {grid = {fast = "5:20:5", slow = {30, 50}}, train = 1000, test = 500})
---for _, w in ipairs(wf.windows) do print(w.number, w.params.fast, w.in_sample, w.out_of_sample) end
---print(wf.efficiency, wf.equity:last())
---```
---@param strategy table|string a strategy table or a strategy file path
---@param bars Bars|Bars[]
---@param opts {grid: table<string, any[]|string>, train: integer|string, test: integer|string, anchored?: boolean, metric?: string, min_trades?: integer, jobs?: integer, random?: integer, seed?: integer, params?: table, cash?: number}
---@return table # {windows: table[], equity: Series, time: integer[], efficiency: number, efficiency_metric: string, return_pct: number}
function bt.walkforward(strategy, bars, opts) end

---Dry-run and live engines: a strategy on a feed, through the risk layer, to a broker, with state in a directory.
---@class crescent.engine
engine = {}

---Opens a paper-trading session (the paper broker, the backtest's fill model) with its state
---in `opts.state`, resuming the run saved there. Nothing runs until `h:run()` or `h:step(n)`.
---Replaying a bar file gives the backtest's trades.
---
---```lua
---local h = engine.dryrun{strategy = "strategies/sma_cross.lua", feed = "replay:examples/data/synthetic_BTCUSD_1h.csv", state = "runs/paper"}
---h:run()
---print(h:status().equity, #h:trades())
---```
---@param opts {strategy: table|string, feed: string, state: string, params?: table, cash?: number, window?: integer, kill_switch?: string} strategy table or file; feed "replay:FILE[@SPEED]" or "binance:SYMBOL[,SYMBOL]@INTERVAL"; state directory; params overrides; starting cash; candles the strategy sees (default 1000); kill-switch file (default STATE/KILL)
---@return Engine
function engine.dryrun(opts) end

---Opens a session through a broker from the registry (`broker`: "paper" by default,
---"binance", "ib" or "trading212"). Real orders only with `live = true`; otherwise binance
---uses its testnet, trading212 its demo account and ib IB Gateway's paper port. binance and
---trading212 need API keys (CRESCENT_BINANCE_KEY/_SECRET, CRESCENT_TRADING212_KEY/_SECRET)
---in the environment or `keys` = a file readable by its owner only (mode 0600); ib needs
---none. A broker not in this build is an error, never a simulation.
---
---```lua
---local h = engine.live{strategy = "strategies/sma_cross.lua", broker = "paper", feed = "replay:examples/data/synthetic_BTCUSD_1h.csv", state = "runs/live-paper"}
---h:step(100)
---```
---@param opts {strategy: table|string, feed: string, state: string, broker?: string, live?: boolean, keys?: string, params?: table, cash?: number, window?: integer, kill_switch?: string} as engine.dryrun, plus broker name, live (real money) and a key file
---@return Engine
function engine.live(opts) end
