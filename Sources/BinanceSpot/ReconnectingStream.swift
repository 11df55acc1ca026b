import Foundation
import WebTransport

/// What a stream reports about its connection.
public enum StreamStatus: Sendable, Equatable {
  /// Connected (and subscribed); `reconnect` is false for the first connection.
  case connected(reconnect: Bool)
  /// The connection ended or an attempt failed; the reason.
  case disconnected(String)
  /// Waiting `delay` ms before reconnect attempt `attempt` (1 for the first).
  case reconnecting(attempt: Int, delay: Int64)
}

/// A one-value mailbox a thread can wait on.
final class Waiter<T: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var value: T?

  func put(_ value: T) {
    condition.lock()
    if self.value == nil { self.value = value }
    condition.broadcast()
    condition.unlock()
  }

  /// The value, or nil when none came within `milliseconds` (real time).
  func take(milliseconds: Int64) -> T? {
    let deadline = Date().addingTimeInterval(Double(milliseconds) / 1000)
    condition.lock()
    defer { condition.unlock() }
    while value == nil {
      if !condition.wait(until: deadline) { break }
    }
    return value
  }
}

/// Keeps one WebSocket connection open: the first `open` runs on `start`; when the connection
/// ends, a supervisor thread waits `backoff.delay(attempt:)` (through the injected clock) and
/// opens again until it succeeds or `stop` is called.
final class ReconnectingStream: @unchecked Sendable {
  typealias Opener =
    @Sendable (_ onClose: @escaping @Sendable () -> Void) throws(BinanceError) -> WebSocketConnection

  let backoff: Backoff
  let clock: BinanceClock
  let opener: Opener
  let onStatus: @Sendable (StreamStatus) -> Void
  private let condition = NSCondition()
  private var connection: WebSocketConnection?
  private var connected = false
  private var running = false
  private var generation = 0

  init(
    backoff: Backoff, clock: BinanceClock, opener: @escaping Opener,
    onStatus: @escaping @Sendable (StreamStatus) -> Void
  ) {
    self.backoff = backoff
    self.clock = clock
    self.opener = opener
    self.onStatus = onStatus
  }

  /// Opens the first connection (its failure is thrown) and starts supervising.
  func start() throws(BinanceError) {
    condition.lock()
    let already = running
    running = true
    condition.unlock()
    if already { return }
    do {
      try connectOnce()
    } catch {
      condition.lock()
      running = false
      condition.unlock()
      throw error
    }
    onStatus(.connected(reconnect: false))
    supervise(reconnectingAfter: nil)
  }

  /// Opens the first connection; when that fails, reports `.disconnected` with the reason and
  /// keeps trying with backoff in the background (the first success then reports
  /// `.connected(reconnect: true)`). Returns whether the first attempt connected.
  @discardableResult
  func startRetrying() -> Bool {
    condition.lock()
    let already = running
    running = true
    condition.unlock()
    if already { return isConnected }
    do {
      try connectOnce()
      onStatus(.connected(reconnect: false))
      supervise(reconnectingAfter: nil)
      return true
    } catch {
      supervise(reconnectingAfter: error)
      return false
    }
  }

  /// Starts the supervisor thread; `failure` when the first connection already failed.
  private func supervise(reconnectingAfter failure: BinanceError?) {
    let thread = Thread { [self] in supervise(first: failure) }
    thread.name = "crescent.binance.stream"
    thread.start()
  }

  /// Closes the connection and stops reconnecting.
  func stop() {
    condition.lock()
    running = false
    let current = connection
    connection = nil
    condition.broadcast()
    condition.unlock()
    current?.close()
  }

  var isConnected: Bool {
    condition.lock()
    defer { condition.unlock() }
    return connected
  }

  private func connectOnce() throws(BinanceError) {
    condition.lock()
    generation += 1
    let mine = generation
    condition.unlock()
    let connection = try opener { [self] in
      condition.lock()
      if generation == mine {
        connected = false
        condition.broadcast()
      }
      condition.unlock()
    }
    condition.lock()
    if running && generation == mine && connection.isOpen {
      self.connection = connection
      connected = true
      condition.unlock()
    } else {
      condition.unlock()
      connection.close()
      throw .transport("the connection closed while it was being set up")
    }
  }

  private func supervise(first failure: BinanceError?) {
    var pending = failure
    while true {
      condition.lock()
      while running && connected { condition.wait() }
      let live = running
      condition.unlock()
      if !live { return }
      onStatus(.disconnected(pending.map(\.description) ?? "the connection ended"))
      pending = nil
      var attempt = 0
      while true {
        let delay = backoff.delay(attempt: attempt)
        onStatus(.reconnecting(attempt: attempt + 1, delay: delay))
        clock.sleep(delay)
        condition.lock()
        let still = running
        condition.unlock()
        if !still { return }
        do {
          try connectOnce()
          onStatus(.connected(reconnect: true))
          break
        } catch {
          onStatus(.disconnected(error.description))
          attempt += 1
        }
      }
    }
  }
}
