import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs this same `callboard` binary with given words, for the console's `:` command line: the
/// very verbs and flags of the command line, against the console's journal and policy (passed
/// in the environment, so every verb takes them), with output captured instead of drawn over
/// the screen.
enum SelfRunner {
    static func run(_ words: [String], journal: String, policy: String?) -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["CALLBOARD_JOURNAL"] = journal
        if let policy { environment["CALLBOARD_POLICY"] = policy }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return (1, "cannot run the command: \(String(cString: strerror(errno)))") }
        for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 2)
        let program = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let argv = ([program] + words).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, program, &actions, nil, argv, envp)
        close(ends[1])
        guard rc == 0 else {
            close(ends[0])
            return (1, "cannot run the command: \(String(cString: strerror(rc)))")
        }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(ends[0], $0.baseAddress, $0.count) }
            if n > 0 { output += chunk[0..<n]; continue }
            if n < 0 && errno == EINTR { continue }
            break
        }
        close(ends[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        var text = String(decoding: output, as: UTF8.self)
        if text.hasPrefix("callboard: ") { text.removeFirst("callboard: ".count) }
        return (code, text)
    }
}
