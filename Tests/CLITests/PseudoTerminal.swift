import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a program on a real pseudo-terminal, as a person at a terminal would: it is the
/// session leader with the pty as its controlling terminal, so Ctrl-C (\u{3}) typed into the
/// master raises SIGINT in it.
final class PseudoTerminal {
  private let master: Int32
  let pid: pid_t
  private(set) var transcript = ""

  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  init(_ executable: String, arguments: [String] = [], environment: [String: String] = [:]) throws {
    // posix_openpt/unlockpt/ptsname are hidden from Swift's Glibc module; on Linux they
    // are /dev/ptmx plus two ioctls (values from <asm-generic/ioctls.h>).
    let lockRequest: UInt = 0x4004_5431  // TIOCSPTLCK
    let numberRequest: UInt = 0x8004_5430  // TIOCGPTN
    master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
    var unlock: Int32 = 0
    var number: Int32 = 0
    guard master >= 0, ioctl(master, lockRequest, &unlock) == 0, ioctl(master, numberRequest, &number) == 0
    else {
      throw Failure(description: "cannot allocate a pseudo-terminal")
    }
    let slavePath = "/dev/pts/\(number)"
    var size = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(master, UInt(TIOCSWINSZ), &size)

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addclose(&actions, master)
    posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // The test runner's threads may block or ignore signals; the child starts clean.
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGINT)
    sigaddset(&defaults, SIGQUIT)
    sigaddset(&defaults, SIGPIPE)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    let newSession: Int16 = 0x80  // POSIX_SPAWN_SETSID, hidden from Swift's Glibc module
    posix_spawnattr_setflags(
      &attributes, newSession | Int16(POSIX_SPAWN_SETSIGMASK) | Int16(POSIX_SPAWN_SETSIGDEF))

    var env = ProcessInfo.processInfo.environment
    env["TERM"] = "xterm"
    env.merge(environment) { _, new in new }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var child: pid_t = 0
    let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
    guard status == 0 else { throw Failure(description: "posix_spawn failed: \(status)") }
    pid = child
  }

  deinit {
    kill(pid, SIGKILL)
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    close(master)
  }

  /// Types `text` (use "\r" for Enter, "\t" for Tab, "\u{3}" for Ctrl-C, "\u{4}" for Ctrl-D).
  /// Waits a moment first, as a person would: line editors flush input typed before they
  /// switch the terminal to raw mode.
  func type(_ text: String) {
    Thread.sleep(forTimeInterval: 0.15)
    var bytes = Array(text.utf8)
    _ = write(master, &bytes, bytes.count)
  }

  /// Reads output until `marker` appears after the current position, or fails after `timeout`.
  /// Returns the output read since the call began.
  @discardableResult
  func expect(_ marker: String, timeout: Double = 10) throws -> String {
    let start = transcript.endIndex
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let fresh = transcript[start...]
      if fresh.contains(marker) { return String(fresh) }
      let remaining = deadline.timeIntervalSinceNow
      guard remaining > 0 else {
        throw Failure(description: "timed out waiting for \(marker.debugDescription); got \(String(fresh).debugDescription)")
      }
      var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      if poll(&poller, 1, Int32(min(remaining, 0.2) * 1000)) > 0 {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        if count <= 0 {
          throw Failure(description: "terminal closed waiting for \(marker.debugDescription); got \(String(fresh).debugDescription)")
        }
        transcript += String(decoding: buffer[0..<count], as: UTF8.self)
      }
    }
  }

  /// Waits for the program to exit and returns its exit status, or nil after `timeout`.
  func waitForExit(timeout: Double = 10) -> Int32? {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      // Drain output so the child never blocks on a full terminal buffer.
      var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      if poll(&poller, 1, 50) > 0 {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        if count > 0 { transcript += String(decoding: buffer[0..<count], as: UTF8.self) }
      }
      var status: Int32 = 0
      if waitpid(pid, &status, WNOHANG) == pid {
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
      }
    }
    return nil
  }
}
