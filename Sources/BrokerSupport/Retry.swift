import Foundation
import WebTransport

/// Runs a request that is safe to repeat (a read, a connect) until it succeeds, waiting
/// `backoff`'s delays between attempts, and gives up after `attempts` tries with the last
/// error. Never use it for an order placement: a placement whose answer was lost may have
/// gone through, and only a look-up can tell.
public func retrying<T, E: Error>(
  attempts: Int, backoff: Backoff, isRetryable: (E) -> Bool, _ body: () throws(E) -> T
) throws(E) -> T {
  var attempt = 0
  while true {
    do {
      return try body()
    } catch {
      attempt += 1
      if attempt >= max(1, attempts) || !isRetryable(error) { throw error }
      Thread.sleep(forTimeInterval: Double(backoff.delay(attempt: attempt - 1)) / 1000)
    }
  }
}

/// Decimal text for prices and quantities sent to a broker: up to 10 decimals, no trailing
/// zeros, no exponent ("2", "0.5", "101.25").
public func decimalText(_ value: Double) -> String {
  guard value.isFinite else { return "" }
  var text = String(format: "%.10f", value)
  while text.hasSuffix("0") { text.removeLast() }
  if text.hasSuffix(".") { text.removeLast() }
  return text == "-0" ? "0" : text
}
