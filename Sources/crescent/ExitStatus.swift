import ArgumentParser
import LuaRuntime

#if canImport(Glibc)
  import Glibc
#endif

/// Process exit codes as DESIGN.md defines them.
enum ExitStatus {
  static let ok: Int32 = 0
  static let scriptError: Int32 = 1
  static let usage: Int32 = 2
  static let badData: Int32 = 3
}

/// Unbuffered writes to the standard streams (stdout through Swift's print is line
/// buffered on terminals and block buffered in pipes; errors must not wait).
enum FileHandleOutput {
  case standardOutput, standardError

  func write(_ text: String) {
    var copy = text
    copy.withUTF8 { bytes in
      var offset = 0
      let fd: Int32 = self == .standardOutput ? 1 : 2
      while offset < bytes.count {
        let written = Glibc.write(fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
        if written <= 0 { break }
        offset += written
      }
    }
  }
}

/// Reports a Lua error on stderr: the message first, one line, then the traceback.
func report(_ error: LuaError) {
  FileHandleOutput.standardError.write(error.description + "\n")
}
