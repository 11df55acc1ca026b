/// An error from running Lua: the one type every Lua status becomes.
///
/// `message` is one line a script author can act on (`script.lua:3: attempt to call a nil
/// value (global 'x')`); `traceback` holds the Lua stack when one was taken.
public struct LuaError: Error, CustomStringConvertible, Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// The chunk did not compile.
    case syntax
    /// A runtime error raised by a script or a crescent function.
    case runtime
    /// A file could not be read.
    case file
    /// The memory cap was exceeded (or the system ran out of memory).
    case memory
    /// The wall-clock budget ran out.
    case timeout
    /// The instruction budget ran out.
    case instructionLimit
    /// SIGINT (Ctrl-C) interrupted the script.
    case interrupted
    /// Input data was invalid (crescent functions raise these; exit code 3).
    case data
  }

  public let kind: Kind
  public let message: String
  public let traceback: String?

  public init(kind: Kind, message: String, traceback: String? = nil) {
    self.kind = kind
    self.message = message
    self.traceback = traceback
  }

  public var description: String {
    if let traceback { return message + "\n" + traceback }
    return message
  }

  /// The process exit code DESIGN.md assigns: 3 for bad data, 1 for every other failure.
  public var exitCode: Int32 { kind == .data ? 3 : 1 }
}

/// An error thrown by a Swift function that Lua called, turned into a Lua error raised at
/// the caller's position. Conform other error types to choose their kind.
public protocol LuaRaisable: Error {
  /// How the error is classified when it reaches the host (`.runtime` or `.data`).
  var luaErrorKind: LuaError.Kind { get }
}

/// A bad argument or option, worded like Lua's own `bad argument #2 to 'f'`.
public struct LuaArgumentError: Error, CustomStringConvertible, Sendable, Equatable {
  public let position: String
  public let expected: String
  public let got: String

  /// `position` names the argument, e.g. `argument #2 'period'` or `field 'bars' of argument #1`.
  public init(position: String, expected: String, got: String) {
    self.position = position
    self.expected = expected
    self.got = got
  }

  public var description: String { "bad \(position) (\(expected) expected, got \(got))" }
}

/// An error with a free-form message, for conditions that are not about one argument.
public struct LuaMessageError: Error, CustomStringConvertible, LuaRaisable, Sendable {
  public let description: String
  public let luaErrorKind: LuaError.Kind

  public init(_ message: String, kind: LuaError.Kind = .runtime) {
    self.description = message
    self.luaErrorKind = kind
  }
}
