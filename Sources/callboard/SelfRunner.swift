import CallboardCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs this same `callboard` binary with given words, for the console's `:` command line: the
/// very verbs and flags of the command line, against the console's journal and policy and in
/// its language (passed in the environment, so every verb takes them), with output captured
/// instead of drawn over the screen.
enum SelfRunner {
    static func run(_ words: [String], journal: String, policy: String?, language: String,
                    interrupted: () -> Bool = { false }) -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["CALLBOARD_JOURNAL"] = journal
        environment["CALLBOARD_LANG"] = language
        if let policy { environment["CALLBOARD_POLICY"] = policy }
        let program = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let outcome = ChildProcess.run(program, words, environment: environment, interrupted: interrupted)
        if let problem = outcome.spawnError { return (1, Speech[CommandText.cannotRunCommand(["problem": "\(problem)"])]) }
        var text = outcome.output
        if text.hasPrefix("callboard: ") { text.removeFirst("callboard: ".count) }
        return (outcome.status, text)
    }
}
