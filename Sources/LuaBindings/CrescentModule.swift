import LuaRuntime

/// The `crescent` table's own fields: version and clock.
enum CrescentModule {
  static let module = LuaModule(
    name: "crescent",
    summary: "crescent itself: version, clock; also holds every module (crescent.data, …).",
    functions: [clock],
    constants: [("version", CrescentLibrary.version, "crescent's version, e.g. \"0.1.0\".")]
  )

  private static let origin = ContinuousClock.now

  static let clock = LuaFunction(
    "clock",
    LuaDoc(
      "Monotonic wall-clock seconds (a float) from an arbitrary origin; subtract two readings to time code.",
      returns: [.init("number")],
      example: "local t0 = crescent.clock()\n-- work\nprint(crescent.clock() - t0)")
  ) { call in
    let elapsed = ContinuousClock.now - origin
    let (seconds, attoseconds) = elapsed.components
    call.stack.push(Double(seconds) + Double(attoseconds) * 1e-18)
    return 1
  }
}
