import LuaRuntime

/// crescent's Lua API: every module and class, and the states that carry them.
public enum CrescentLibrary {
  public static let version = "0.1.0"

  /// Modules in registration order.
  static var modules: [LuaModule] {
    [CrescentModule.module, DataModule.module, TAModule.module, PlotModule.module, BTModule.module]
      + [EngineModule.module]
  }

  /// Builds a state with the standard libraries and every crescent module; in sandbox mode
  /// the globals are replaced by the allow-list environment.
  public static func makeState(options: LuaState.Options = .init()) throws(LuaError) -> LuaState {
    let state = try LuaState(options: options)
    state.register(class: SeriesClass.spec)
    state.register(class: BarsClass.spec)
    state.register(class: TimeColumnClass.spec)
    state.register(class: MaskClass.spec)
    state.register(class: TicksClass.spec)
    state.register(class: FigureClass.spec)
    state.register(class: ResultClass.spec)
    state.register(class: MonteCarloClass.spec)
    state.register(class: ContextClass.spec)
    state.register(class: LiveContextClass.spec)
    state.register(class: EngineHandleClass.spec)
    for module in modules { state.register(module: module) }
    if options.sandbox {
      try state.enterSandbox(keeping: ["crescent"] + modules.map(\.name).filter { $0 != "crescent" })
    }
    return state
  }

  /// Names of every registered function and constant (`data.synthetic`, `Series:last`, …).
  public static func registeredNames(in state: LuaState) -> [String] {
    state.documentation.keys.sorted()
  }
}
