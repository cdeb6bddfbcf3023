/// A desk timed under the built-in policy with one more line: the timers a desk turns on by a
/// key of their own (`accept:`, `progress:`, `followup:`), which the built-in policy leaves off.
extension Scratch {
    /// Writes the built-in policy plus `line` beside the journal and returns its path.
    func builtInPolicy(adding line: String) throws -> String {
        let text = try CallboardCLI.succeed(["policy", "default"], journal: nil) + "\n\(line)\n"
        let path = path("policy.yaml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs callboard on this journal under `policy` (as CALLBOARD_POLICY).
    func run(_ arguments: [String], policy: String) throws -> CLIResult {
        try CallboardCLI.run(arguments, journal: journal, environment: ["CALLBOARD_POLICY": policy])
    }

    /// As `run`, throwing unless it succeeds; its standard output.
    @discardableResult
    func succeed(_ arguments: [String], policy: String) throws -> String {
        let result = try run(arguments, policy: policy)
        guard result.status == 0 else { throw HarnessError("callboard \(arguments.joined(separator: " ")) failed: \(result)") }
        return result.stdout
    }
}
