import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A progress bar with ETA on stderr, drawn only when stderr is a terminal (quiet when
/// piped) and at most ten times a second; safe to call from worker threads.
final class SweepProgress: Sendable {
  private let label: String
  private let enabled: Bool
  private let start = Date()
  private let lastDraw = Mutex<Double>(-1)

  init(label: String, enabled: Bool = isatty(2) == 1) {
    self.label = label
    self.enabled = enabled
  }

  func update(done: Int, total: Int) {
    guard enabled, total > 0 else { return }
    let elapsed = Date().timeIntervalSince(start)
    let due = lastDraw.withLock { last -> Bool in
      guard done == total || elapsed - last >= 0.1 else { return false }
      last = elapsed
      return true
    }
    guard due else { return }
    let width = 30
    let filled = done * width / total
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    let eta = done > 0 ? elapsed / Double(done) * Double(total - done) : .nan
    let etaText = eta.isFinite ? Self.clock(eta) : "--:--"
    FileHandleOutput.standardError.write(
      "\r\(label) \(bar) \(done)/\(total)  \(Self.clock(elapsed)) elapsed, ETA \(etaText) \u{1B}[K")
  }

  /// Clears the bar's line.
  func finish() {
    guard enabled else { return }
    FileHandleOutput.standardError.write("\r\u{1B}[K")
  }

  static func clock(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
  }
}
