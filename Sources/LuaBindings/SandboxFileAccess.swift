import LuaRuntime

extension LuaCall {
  /// Functions that read or write files by path are closed in the sandbox (`--sandbox`), just
  /// as `io` is: a third-party script gets its data from the host, not from paths it chooses.
  func requireFileAccess() throws {
    if state.options.sandbox {
      throw LuaMessageError("not available in the sandbox (no file access)")
    }
  }
}
