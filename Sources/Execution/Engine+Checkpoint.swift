extension Engine {
  /// Commits the state now, with any equity marks still waiting (they are otherwise
  /// committed with the next change). A run paused or stopped here resumes at exactly the
  /// next feed event, and readers of the state directory see every event processed so far.
  public func checkpoint() throws(ExecutionError) {
    pendingChange = true
    try commit()
  }
}
