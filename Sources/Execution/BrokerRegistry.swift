import Foundation
import Simulator

/// API credentials of an exchange account. Never printed: `description` and
/// `debugDescription` redact both parts, so interpolating a value into a log line or an
/// error message cannot leak it.
public struct BrokerCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
  public let key: String
  public let secret: String

  public init(key: String, secret: String) {
    self.key = key
    self.secret = secret
  }

  public var description: String { "credentials(redacted)" }
  public var debugDescription: String { description }
}

/// Where orders go: paper fills, the exchange's test network, or real money.
public enum BrokerMode: String, Sendable {
  case paper, testnet, production
}

/// What a broker factory gets to build a broker for a run.
public struct BrokerSetup: Sendable {
  /// The strategy's costs (the paper broker's fill model).
  public var costs: Costs
  /// Fills committed in the state directory, oldest first: a resumed run's broker knows them
  /// (idempotent resubmission, reconciliation against the exchange).
  public var fills: [Fill]
  public var mode: BrokerMode
  /// nil unless the mode needs keys.
  public var credentials: BrokerCredentials?
  /// The symbols the run trades (an exchange broker loads their rules).
  public var symbols: [String]
  /// The run's state directory, where a broker without client order ids keeps its own order
  /// journal (nil: none, e.g. a broker made outside a run).
  public var directory: String?

  public init(
    costs: Costs, fills: [Fill], mode: BrokerMode, credentials: BrokerCredentials?, symbols: [String] = [],
    directory: String? = nil
  ) {
    self.costs = costs
    self.fills = fills
    self.mode = mode
    self.credentials = credentials
    self.symbols = symbols
    self.directory = directory
  }
}

/// A named way to build a broker (`crescent live --broker NAME`).
public struct BrokerFactory: Sendable {
  public var name: String
  public var summary: String
  /// Modes the broker supports; the registry refuses the others with a clear error.
  public var modes: Set<BrokerMode>
  public var make: @Sendable (BrokerSetup) throws(ExecutionError) -> AnyBroker
  /// The environment variables of the broker's API key and secret, nil when it takes none
  /// (paper; Interactive Brokers, whose TWS or IB Gateway holds the login).
  public var keyVariables: BrokerKeys.Variables?

  public init(
    name: String, summary: String, modes: Set<BrokerMode>,
    keyVariables: BrokerKeys.Variables? = BrokerKeys.Variables.binance,
    make: @escaping @Sendable (BrokerSetup) throws(ExecutionError) -> AnyBroker
  ) {
    self.name = name
    self.summary = summary
    self.modes = modes
    self.keyVariables = keyVariables
    self.make = make
  }

  /// Paper trading with the simulator's fill model.
  public static let paper = BrokerFactory(
    name: "paper", summary: "paper trading: fills with the simulator's model, no exchange", modes: [.paper],
    keyVariables: nil
  ) { setup throws(ExecutionError) in
    AnyBroker(PaperBroker(costs: setup.costs, fills: setup.fills), name: "paper")
  }
}

/// The brokers this build knows. `paper` is always there; exchange adapters register
/// themselves at start-up (`BrokerRegistry.register(...)`; the crescent executable registers
/// `binance`). Names in `plannedNames` that a build lacks are reported as unavailable rather
/// than faked.
public enum BrokerRegistry {
  /// Exchange adapters crescent knows of, whether or not this build contains them.
  public static let plannedNames: [String] = []

  /// The key variables of broker `name` (nil for an unknown name or a broker without keys).
  public static func keyVariables(of name: String) -> BrokerKeys.Variables? {
    (try? factory(named: name))?.keyVariables
  }

  private final class Storage: @unchecked Sendable {
    let lock = NSLock()
    var factories: [String: BrokerFactory] = ["paper": .paper]
  }

  private static let storage = Storage()

  /// Adds (or replaces) a factory under its name.
  public static func register(_ factory: BrokerFactory) {
    storage.lock.lock()
    defer { storage.lock.unlock() }
    storage.factories[factory.name] = factory
  }

  /// Registered names, sorted.
  public static var names: [String] {
    storage.lock.lock()
    defer { storage.lock.unlock() }
    return storage.factories.keys.sorted()
  }

  /// The factory named `name`, or a clear error: unknown, or known but not in this build.
  public static func factory(named name: String) throws(ExecutionError) -> BrokerFactory {
    storage.lock.lock()
    let factory = storage.factories[name]
    storage.lock.unlock()
    if let factory { return factory }
    if plannedNames.contains(name) {
      throw .invalidArgument(
        "broker", expected: "a broker included in this build (\(names.joined(separator: ", ")))",
        got: "'\(name)', which is unavailable: its exchange adapter is not part of this build")
    }
    throw .invalidArgument(
      "broker", expected: "one of \((names + plannedNames).sorted().joined(separator: ", "))", got: "'\(name)'")
  }

  /// Builds the broker `name` for `setup`, refusing a mode it does not support.
  public static func make(_ name: String, _ setup: BrokerSetup) throws(ExecutionError) -> AnyBroker {
    let factory = try factory(named: name)
    guard factory.modes.contains(setup.mode) else {
      throw .invalidArgument(
        "broker mode", expected: "one of \(factory.modes.map(\.rawValue).sorted().joined(separator: ", ")) for broker '\(name)'",
        got: setup.mode.rawValue)
    }
    return try factory.make(setup)
  }
}
