import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts a program with standard input from /dev/null and standard output and error captured
/// together, and waits for it: the one way the executable runs other programs (the notification
/// command, and itself for the console's `:` line).
enum ChildProcess {
    struct Outcome {
        /// Exit status, or 128 + the signal that ended it.
        var status: Int32
        var output: String
        /// It did not finish within the timeout and was killed.
        var timedOut = false
        /// It could not be started (why, from the system).
        var spawnError: String?
    }

    /// The program runs in its own process group: keys meant for the console (Ctrl-C, Ctrl-Z)
    /// never reach it, so it is not stopped while the console it runs for waits on it; with
    /// `timeout`, the whole group is killed when the time (on a monotonic clock) is up. Once
    /// `interrupted` says so (the console's Ctrl-C), the group gets SIGINT as a shell's Ctrl-C
    /// would send it, and SIGKILL if it has not ended a few seconds later. Waiting ends when the
    /// program exits: a background job it left holding the output does not keep its caller
    /// waiting.
    static func run(_ program: String, _ arguments: [String], environment: [String: String], timeout: Int? = nil,
                    interrupted: () -> Bool = { false }) -> Outcome {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return Outcome(status: 127, output: "", spawnError: String(cString: strerror(errno))) }
        for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        close(ends[1])
        guard rc == 0 else {
            close(ends[0])
            return Outcome(status: 127, output: "", spawnError: String(cString: strerror(rc)))
        }
        defer { close(ends[0]) }
        _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
        let monotonic = ContinuousClock()
        let deadline = timeout.map { monotonic.now.advanced(by: .seconds($0)) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        var status: Int32 = 0
        var interruptedAt: ContinuousClock.Instant?
        /// Takes what the program has written so far (at most a megabyte is kept).
        func drain() {
            while true {
                let n = chunk.withUnsafeMutableBytes { read(ends[0], $0.baseAddress, $0.count) }
                if n > 0 { if output.count < 1 << 20 { output += chunk[0..<n] }; continue }
                if n < 0 && errno == EINTR { continue }
                return
            }
        }
        while true {
            var entry = pollfd(fd: ends[0], events: Int16(POLLIN), revents: 0)
            _ = poll(&entry, 1, 50)
            drain()
            if waitpid(pid, &status, WNOHANG) == pid {
                drain()
                break
            }
            if let deadline, monotonic.now >= deadline {
                kill(-pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                return Outcome(status: -1, output: String(decoding: output, as: UTF8.self), timedOut: true)
            }
            if let since = interruptedAt {
                if monotonic.now >= since.advanced(by: .seconds(5)) { kill(-pid, SIGKILL) }
            } else if interrupted() {
                kill(-pid, SIGINT)
                interruptedAt = monotonic.now
            }
        }
        let code = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Outcome(status: code, output: String(decoding: output, as: UTF8.self))
    }
}
