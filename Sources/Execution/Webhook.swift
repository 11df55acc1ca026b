import Dispatch
import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Posts notices as JSON to a URL from a background queue, so the engine loop never
/// waits on the network.
///
/// Each notice is one `POST` with `Content-Type: application/json` and the
/// notice's JSON object as the body. A request that fails (no answer within `timeout`
/// seconds, a connection error, a status outside 200–299) is retried up to `attempts` times
/// in all, waiting 0.2 s, 0.4 s, … between tries; then it is dropped and counted. At most
/// `capacity` notices wait; beyond that new ones are dropped and counted. Failures are
/// reported through `onFailure` without the URL, which may embed a token.
public final class Webhook: @unchecked Sendable {
  let url: URL
  let timeout: Double
  let attempts: Int
  let capacity: Int
  let queue = DispatchQueue(label: "crescent.webhook")
  let group = DispatchGroup()
  let session: URLSession
  let lock = NSLock()
  var waiting = 0
  var droppedCount = 0
  var deliveredCount = 0

  /// Notices given up on (after the retries, or because the queue was full).
  public var dropped: Int {
    lock.lock()
    defer { lock.unlock() }
    return droppedCount
  }

  /// Notices delivered with a 2xx answer.
  public var delivered: Int {
    lock.lock()
    defer { lock.unlock() }
    return deliveredCount
  }
  let onFailure: @Sendable (String) -> Void

  /// - Parameters:
  ///   - url: an `http` or `https` URL.
  ///   - timeout: seconds to wait for each request's answer.
  ///   - attempts: tries per notice (at least 1).
  ///   - capacity: notices that may wait at once.
  public init(
    url: URL, timeout: Double = 2, attempts: Int = 3, capacity: Int = 1_000,
    onFailure: @escaping @Sendable (String) -> Void = { _ in }
  ) throws(ExecutionError) {
    guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
      throw .invalidArgument("webhook", expected: "an http:// or https:// URL", got: "a URL without one")
    }
    self.url = url
    self.timeout = timeout
    self.attempts = max(attempts, 1)
    self.capacity = max(capacity, 1)
    self.onFailure = onFailure
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    configuration.timeoutIntervalForResource = timeout
    session = URLSession(configuration: configuration)
  }

  /// Queues `notice`; returns at once.
  public func post(_ notice: EngineNotice) {
    lock.lock()
    if waiting >= capacity {
      droppedCount += 1
      lock.unlock()
      onFailure("webhook: queue full, dropped a \(notice.kind.rawValue) notice")
      return
    }
    waiting += 1
    lock.unlock()
    let body = Data(notice.json.utf8)
    let kind = notice.kind.rawValue
    group.enter()
    queue.async {
      let ok = self.deliver(body)
      self.lock.lock()
      self.waiting -= 1
      if ok { self.deliveredCount += 1 } else { self.droppedCount += 1 }
      self.lock.unlock()
      if !ok { self.onFailure("webhook: gave up on a \(kind) notice after \(self.attempts) attempts") }
      self.group.leave()
    }
  }

  /// Waits until every queued notice was delivered or dropped, at most `seconds`;
  /// returns whether the queue drained.
  @discardableResult
  public func flush(seconds: Double) -> Bool {
    group.wait(timeout: .now() + seconds) == .success
  }

  /// Answers of one request, filled by the session's callback.
  final class Answer: @unchecked Sendable {
    var status = 0
  }

  func deliver(_ body: Data) -> Bool {
    for attempt in 0..<attempts {
      if attempt > 0 { usleep(useconds_t(200_000 << (attempt - 1))) }
      var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
      request.httpMethod = "POST"
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      request.httpBody = body
      let answer = Answer()
      let done = DispatchSemaphore(value: 0)
      let task = session.dataTask(with: request) { _, response, _ in
        answer.status = (response as? HTTPURLResponse)?.statusCode ?? 0
        done.signal()
      }
      task.resume()
      if done.wait(timeout: .now() + timeout + 0.5) == .timedOut {
        task.cancel()
        continue
      }
      if (200..<300).contains(answer.status) { return true }
    }
    return false
  }
}
