import CallboardTUI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real terminal for end-to-end tests: a private tmux server with one window of a given
/// size, running the real `callboard` binary (or a shell). Tests send keys and wait for what a
/// person would see in `tmux capture-pane -p`.
final class TmuxConsole {
    let socket: String
    let width: Int
    let height: Int
    private(set) var lastScreen = ""

    /// Starts `callboard ARGUMENTS` full screen on `journal`.
    convenience init(_ arguments: [String], journal: String?, width: Int = 120, height: Int = 40,
                     environment: [String: String] = [:]) throws {
        let command = ([Binary.path] + arguments + (journal.map { ["--journal", $0] } ?? [])).map(Self.shellQuoted).joined(separator: " ")
        try self.init(command: command, width: width, height: height, environment: environment)
    }

    /// Starts an interactive shell, for tests that look at the terminal around the console.
    static func shell(width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws -> TmuxConsole {
        try TmuxConsole(command: "env PS1='$ ' bash --norc --noprofile", width: width, height: height, environment: environment)
    }

    init(command: String, width: Int, height: Int, environment: [String: String]) throws {
        self.socket = "callboard-e2e-\(UUID().uuidString.prefix(12))"
        self.width = width
        self.height = height
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", String(width), "-y", String(height), command],
                 environment: environment)
        // Keep the window at the requested size whatever clients attach (none do).
        _ = try? tmux(["set-option", "-t", "main", "window-size", "manual"])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        // tmux leaves the socket file of a killed server behind; do not litter /tmp.
        let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(folder)/tmux-\(getuid())/\(socket)")
    }

    /// Types keys as tmux names them ("q", "Enter", "Up", "C-c") or literal text.
    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "main"] + keys)
    }

    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "main", "-l", text])
    }

    /// Pastes `text` as a terminal paste does: all at once, through tmux's paste buffer. With
    /// `bracketed`, marked as a paste (ESC[200~ … ESC[201~) when the program asked for that, as
    /// terminals do; without, as a terminal that does not mark pastes (line breaks as Enter).
    func paste(_ text: String, bracketed: Bool = false) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("callboard-paste-\(UUID().uuidString)").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        try tmux(["load-buffer", file])
        try tmux(["paste-buffer"] + (bracketed ? ["-p"] : []) + ["-t", "main"])
    }

    /// The screen as text, one line per row.
    func capture() throws -> String {
        lastScreen = try tmux(["capture-pane", "-p", "-t", "main"])
        return lastScreen
    }

    /// The screen with colour and attribute escape sequences, for tests about colour.
    func captureWithAttributes() throws -> String {
        try tmux(["capture-pane", "-p", "-e", "-t", "main"])
    }

    /// Waits until `condition` holds for the screen, or fails after `timeout` seconds with the
    /// last screen in the message.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 10, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let screen = (try? capture()) ?? ""
            if condition(screen) { return settled(screen, condition) }
            if Date() > deadline {
                throw HarnessError("timed out after \(timeout)s waiting for \(what); the screen was:\n\(screen)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// The screen once the frame that showed what was waited for has reached it whole: on a busy
    /// machine a capture can land while the console is still writing a frame (its title there,
    /// its body not yet). Captures again until two in a row agree (at most a second).
    private func settled(_ first: String, _ condition: (String) -> Bool) -> String {
        var last = first
        for _ in 0..<30 {
            Thread.sleep(forTimeInterval: 0.03)
            guard let next = try? capture(), condition(next) else { return last }
            if next == last { return next }
            last = next
        }
        return last
    }

    @discardableResult
    func waitFor(text: String, timeout: TimeInterval = 10) throws -> String {
        try waitFor("'\(text)'", timeout: timeout) { $0.contains(text) }
    }

    func waitUntilGone(_ text: String, timeout: TimeInterval = 10) throws {
        try waitFor("'\(text)' to go away", timeout: timeout) { !$0.contains(text) }
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", String(width), "-y", String(height)])
    }

    /// Whether the program in the window is still running (the session ends when it exits).
    var isRunning: Bool {
        (try? tmux(["has-session", "-t", "main"])) != nil
    }

    /// The process ID of the program in the window.
    func panePID() throws -> Int32 {
        let text = try tmux(["display-message", "-p", "-t", "main", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let pid = Int32(text) else { throw HarnessError("no pane pid in '\(text)'") }
        return pid
    }

    func waitForExit(timeout: TimeInterval = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning {
            if Date() > deadline { throw HarnessError("console still running after \(timeout)s; screen:\n\((try? capture()) ?? "")") }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Runs tmux against this console's private server.
    @discardableResult
    private func tmux(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("callboard-tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let status = try Spawn.run(["tmux", "-u", "-L", socket] + arguments, environment: TestEnvironment.variables(environment), stdout: output)
        guard status == 0 else {
            throw HarnessError("tmux \(arguments.first ?? "") failed with status \(status)")
        }
        return try String(contentsOfFile: output, encoding: .utf8)
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Reading a captured screen the way a person does: by display column.
enum Screen {
    /// Display widths need the C library in a UTF-8 locale, as in the console itself.
    private static let locale: Bool = DisplayText.adoptUTF8Locale()

    /// The display column at which `needle` starts in `line`, or nil.
    static func column(of needle: String, in line: String) -> Int? {
        _ = locale
        guard let range = line.range(of: needle) else { return nil }
        return DisplayText.width(String(line[..<range.lowerBound]))
    }

    static func width(_ line: String) -> Int {
        _ = locale
        return DisplayText.width(line)
    }

    static func line(containing needle: String, in screen: String) -> String? {
        screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).first { $0.contains(needle) }
    }
}
