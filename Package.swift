// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "crescent",
  products: [
    .executable(name: "crescent", targets: ["crescent"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
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
    .target(name: "LuaRuntime", dependencies: ["CLuaBridge", "CLua"]),
    // Domain modules: never import Lua.
    .target(name: "MarketData"),
    // C: cache hints (header only): a prefetch for the exit scan, a store fence for indicators.
    .systemLibrary(name: "CMemoryHints"),
    .target(name: "Indicators", dependencies: ["CMemoryHints"], exclude: ["README.md"]),
    .target(name: "Simulator", dependencies: ["MarketData", "CMemoryHints"]),
    .target(name: "Analytics", dependencies: ["MarketData", "Simulator"]),
    // C: the system zlib, for PNG encoding (deflate, crc32).
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    .target(name: "Plotting", dependencies: ["CZlib", "MarketData"]),
    // Dry-run engine: candles from ticks, risk layer, paper broker, SQLite state.
    .target(
      name: "Execution",
      dependencies: ["MarketData", "Simulator", "Analytics", .product(name: "GRDB", package: "GRDB.swift")]),
    // HTTP/1.1 requests and WebSocket connections over SwiftNIO (TLS by NIOSSL), blocking, for
    // exchange adapters and data downloads.
    .target(
      name: "WebTransport",
      dependencies: [
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOWebSocket", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]),
    // Binance Spot: signed REST, the user-data stream and market streams over SwiftNIO (TLS by NIOSSL).
    .target(
      name: "BinanceSpot",
      dependencies: [
        "Execution", "MarketData", "Simulator", "WebTransport", .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOWebSocket", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), .product(name: "Crypto", package: "swift-crypto"),
      ]),
    // A loopback exchange speaking Binance Spot's HTTP and WebSocket protocol, for tests.
    .target(
      name: "ExchangeSimulator",
      dependencies: [
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOWebSocket", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), .product(name: "Crypto", package: "swift-crypto"),
      ]),
    // The command-line console the loopback simulators share.
    .target(name: "SimulatorConsole"),
    .executableTarget(name: "crescent-exchange-simulator", dependencies: ["ExchangeSimulator", "SimulatorConsole"]),
    // Shared by the equity brokers: the order journal, request pacing, retries.
    .target(name: "BrokerSupport", dependencies: ["Execution", "WebTransport"]),
    // Interactive Brokers: the TWS API's socket protocol (server version 176) over TCP.
    .target(name: "InteractiveBrokers", dependencies: ["BrokerSupport", "Execution", "Simulator", "WebTransport"]),
    // A loopback TWS / IB Gateway speaking the same socket protocol, for tests.
    .target(name: "IBGatewaySimulator", dependencies: ["InteractiveBrokers"]),
    .executableTarget(name: "crescent-ib-simulator", dependencies: ["IBGatewaySimulator", "SimulatorConsole"]),
    // Trading212: its public REST API (v0) with an API key and secret.
    .target(
      name: "Trading212",
      dependencies: [
        "BrokerSupport", "Execution", "Simulator", "WebTransport", .product(name: "NIOHTTP1", package: "swift-nio"),
      ]),
    // A loopback Trading212 speaking the same REST API, for tests.
    .target(
      name: "Trading212Simulator",
      dependencies: [
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ]),
    .executableTarget(
      name: "crescent-trading212-simulator", dependencies: ["Trading212Simulator", "SimulatorConsole"]),
    // A replay run in its own process, for the crash-safety tests.
    .executableTarget(name: "crescent-execution-replay", dependencies: ["Execution", "MarketData", "Simulator"]),

    // One binding file per Lua module.
    .target(
      name: "LuaBindings",
      dependencies: ["LuaRuntime", "MarketData", "Indicators", "Simulator", "Analytics", "Plotting", "Execution"]),
    .executableTarget(
      name: "crescent",
      dependencies: [
        "LuaBindings", "LuaRuntime", "MarketData", "Simulator", "Analytics", "CEditLine", "Execution", "BinanceSpot",
        "InteractiveBrokers", "Trading212",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "MarketDataTests", dependencies: ["MarketData"], resources: [.copy("Fixtures")]),
    .testTarget(name: "IndicatorsTests", dependencies: ["Indicators"], resources: [.copy("Fixtures")]),
    .testTarget(
      name: "SimulatorTests", dependencies: ["Simulator", "MarketData"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "AnalyticsTests", dependencies: ["Analytics", "Simulator", "MarketData"],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "PlottingTests", dependencies: ["Plotting", "CZlib"], exclude: ["Fixtures"]),
    .testTarget(name: "LuaRuntimeTests", dependencies: ["LuaRuntime"]),
    .testTarget(name: "LuaBindingsTests", dependencies: ["LuaBindings", "LuaRuntime", "MarketData"]),
    .testTarget(
      name: "CLITests",
      dependencies: [
        "crescent", "Execution", "crescent-exchange-simulator", "crescent-ib-simulator", "crescent-trading212-simulator",
      ]),
    .testTarget(
      name: "ExecutionTests", dependencies: ["Execution", "Simulator", "MarketData", "Analytics", "crescent-execution-replay"],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "WebTransportTests", dependencies: ["WebTransport"]),
    .testTarget(
      name: "BinanceSpotTests",
      dependencies: [
        "BinanceSpot", "ExchangeSimulator", "Execution", "Simulator", "MarketData", "crescent-exchange-simulator",
      ]),
    .testTarget(
      name: "InteractiveBrokersTests",
      dependencies: [
        "InteractiveBrokers", "IBGatewaySimulator", "BrokerSupport", "Execution", "WebTransport", "crescent-ib-simulator",
      ]),
    .testTarget(
      name: "Trading212Tests",
      dependencies: [
        "Trading212", "Trading212Simulator", "BrokerSupport", "Execution", "WebTransport", "crescent-trading212-simulator",
      ]),
  ],
  swiftLanguageModes: [.v6]
)
