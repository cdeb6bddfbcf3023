import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts programs for the tests with posix_spawn and waits with waitpid.
///
/// Not Foundation's `Process`: it watches its child through a descriptor that a daemon started
/// by the child (the tmux server) inherits, so waiting never ends. Here the child gets only
/// standard input, output and error; every other descriptor is closed before it runs.
enum Spawn {
    /// Runs `arguments` (the program found on PATH) to completion and returns its exit status,
    /// or 128 + the signal that ended it.
    static func run(_ arguments: [String], environment: [String: String], stdout: String? = nil, stderr: String? = nil) throws -> Int32 {
        try wait(for: try start(arguments, environment: environment, stdout: stdout.map(Output.file) ?? .file("/dev/null"), stderr: stderr))
    }

    enum Output {
        case file(String)
        /// The write end of a pipe the test reads.
        case descriptor(Int32)
    }

    /// Starts `arguments` and returns its process ID without waiting.
    static func start(_ arguments: [String], environment: [String: String], stdout: Output, stderr: String? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        switch stdout {
        case .file(let path): posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        case .descriptor(let fd): posix_spawn_file_actions_adddup2(&actions, fd, 1)
        }
        posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard let closeFrom = closeFromAction else { throw HarnessError("posix_spawn_file_actions_addclosefrom_np is missing (glibc 2.34+ needed)") }
        _ = closeFrom(&actions, 3)

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // The test runner's threads block some signals; a terminal program must not inherit that.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard rc == 0 else { throw HarnessError("cannot start \(arguments[0]): \(String(cString: strerror(rc)))") }
        return pid
    }

    /// Waits for a started process; its exit status, or 128 + the signal that ended it.
    static func wait(for pid: pid_t) throws -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw HarnessError("waitpid failed: \(String(cString: strerror(errno)))") }
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    private static let closeFromAction: CloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: CloseFrom.self)
    }()
}
