/// Technical indicators as kernels over contiguous Float64 buffers.
///
/// Every TA-Lib function in the catalogue has a typed entry point (`Indicators.sma(_:period:)`)
/// and a descriptor in ``Indicators/catalog`` that a binding can call generically by TA-Lib's
/// lowercase name with positional parameters in TA-Lib's order.
///
/// ## Conventions
/// - Outputs have the input's length. Positions before the first computable value (TA-Lib's
///   lookback) are NaN. Values equal TA-Lib 0.6's, with unstable period 0 (TA-Lib's default).
/// - Parameters default to TA-Lib's defaults; invalid values throw
///   ``IndicatorError/invalidParameter(name:expected:got:)`` before anything is computed.
/// - Several outputs come back in TA-Lib's output order.
///
/// ## NaN policy (inputs with gaps)
/// A bar is a *gap* when any of the function's inputs is NaN there. Gaps split the input into
/// runs of gap-free bars, and each run is computed as an independent series: the output is NaN
/// at every gap and through the lookback at the start of every run, then the indicator restarts
/// (moving averages re-seed, cumulative sums such as OBV and AD restart from their first value
/// of the run). For window indicators this is exactly "NaN until the window is clean again".
/// Leading NaNs (the lookback of another indicator fed as input) therefore cost nothing but
/// their own positions, which is what TA-Lib's Python wrapper does for leading NaNs.
/// Infinite values are not gaps: they flow through the arithmetic as in TA-Lib.
public enum Indicators {}
