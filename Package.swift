// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "crescent",
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // C: Lua's headers, macros made callable.
    .systemLibrary(
      name: "CLua",
      pkgConfig: "lua5.4",
      providers: [.apt(["liblua5.4-dev"])]
    ),
    // C: trampolines, hooks, allocator and protected helpers (symbols prefixed crs_).
    .target(name: "CLuaBridge", dependencies: ["CLua"]),
    // C: libedit for the REPL's line editing and history.
    .systemLibrary(
      name: "CEditLine",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]
    ),
    // The only Swift code that imports the Lua C targets.
    // .target(name: "LuaRuntime", dependencies: ["CLuaBridge", "CLua"]),
    // Domain modules: never import Lua.
    .target(name: "MarketData"),
    .target(name: "Indicators", exclude: ["README.md"]),

    .testTarget(name: "MarketDataTests", dependencies: ["MarketData"]),
    .testTarget(name: "IndicatorsTests", dependencies: ["Indicators"], resources: [.copy("Fixtures")]),
  ],
  swiftLanguageModes: [.v6]
)
