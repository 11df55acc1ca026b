/// Documentation of one Lua function: what `:help` shows and what the `---@meta` file
/// declares. Types are LuaCATS type expressions (`integer`, `Series|number`, `Bars`).
public struct LuaDoc: Sendable {
  public struct Parameter: Sendable {
    public let name: String
    public let type: String
    public let summary: String

    public init(_ name: String, _ type: String, _ summary: String = "") {
      self.name = name
      self.type = type
      self.summary = summary
    }
  }

  public struct Return: Sendable {
    public let type: String
    public let summary: String

    public init(_ type: String, _ summary: String = "") {
      self.type = type
      self.summary = summary
    }
  }

  public let summary: String
  public let parameters: [Parameter]
  public let returns: [Return]
  public let example: String?

  public init(
    _ summary: String, parameters: [Parameter] = [], returns: [Return] = [], example: String? = nil
  ) {
    self.summary = summary
    self.parameters = parameters
    self.returns = returns
    self.example = example
  }

  /// `data.synthetic(opts) -> Bars`
  public func signature(name: String) -> String {
    let parameterList = parameters.map(\.name).joined(separator: ", ")
    let returnList = returns.map(\.type).joined(separator: ", ")
    return "\(name)(\(parameterList))" + (returnList.isEmpty ? "" : " -> \(returnList)")
  }

  /// The text `:help NAME` prints.
  public func helpText(name: String) -> String {
    var lines = [signature(name: name), "", summary]
    if !parameters.isEmpty {
      lines.append("")
      lines.append("Parameters:")
      for parameter in parameters {
        let summary = parameter.summary.isEmpty ? "" : "  " + parameter.summary
        lines.append("  \(parameter.name): \(parameter.type)\(summary)")
      }
    }
    if !returns.isEmpty {
      lines.append("")
      lines.append("Returns:")
      for value in returns {
        lines.append("  \(value.type)" + (value.summary.isEmpty ? "" : "  " + value.summary))
      }
    }
    if let example {
      lines.append("")
      lines.append("Example:")
      lines.append(contentsOf: example.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 })
    }
    return lines.joined(separator: "\n")
  }
}
