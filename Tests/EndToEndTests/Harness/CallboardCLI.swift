import Foundation

/// What a run of the real `callboard` binary said and how it ended.
struct CLIResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
    var line: String { stdout.trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// Runs the real `callboard` binary as a dispatcher's shell would.
enum CallboardCLI {
    @discardableResult
    /// With `program`, `arguments` is a whole command line (e.g. wrapped in `sh -c`).
    static func run(_ arguments: [String], journal: String? = nil, environment: [String: String] = [:], program: String? = nil) throws -> CLIResult {
        let outputs = FileManager.default.temporaryDirectory.appendingPathComponent("callboard-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outputs) }
        let out = outputs.appendingPathComponent("out").path, err = outputs.appendingPathComponent("err").path
        let command = program == nil ? [Binary.path] + arguments : arguments
        let status = try Spawn.run(command + (journal.map { ["--journal", $0] } ?? []),
                                   environment: TestEnvironment.variables(environment), stdout: out, stderr: err)
        return CLIResult(status: status, stdout: try String(contentsOfFile: out, encoding: .utf8),
                         stderr: try String(contentsOfFile: err, encoding: .utf8))
    }

    /// Runs a command that must succeed and returns its output, trimmed.
    @discardableResult
    static func succeed(_ arguments: [String], journal: String?) throws -> String {
        let result = try run(arguments, journal: journal)
        guard result.status == 0 else { throw HarnessError("callboard \(arguments.joined(separator: " ")) failed: \(result)") }
        return result.line
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
