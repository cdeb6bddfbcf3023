/// The command run for each escalation, re-alert and automatic-dispatch offer (with the call's
/// fields in its environment), killed after `timeout` seconds and tried `retries` more times.
///
/// It is never read from the journal: every member of the desk's group can append to a file
/// journal, so a command recorded there would run as whoever runs `watch` or a console. It
/// comes from desk.yaml (writable only by its owner) or from the options of the person who
/// runs the watch or the console; the policy says only whom to tell and when.
public struct NotificationCommand: Equatable, Sendable {
    public var command: String
    public var timeout: Int
    public var retries: Int

    public init(command: String, timeout: Int = 10, retries: Int = 2) {
        self.command = command
        self.timeout = timeout
        self.retries = retries
    }

    /// Reads desk.yaml's `notify: {command: /usr/local/bin/desk-notify, timeout: 10s, retries: 2}`.
    static func parse(_ value: Any) throws(DeskError) -> NotificationCommand {
        guard let fields = value as? [String: Any] else {
            throw DeskError(.invalidInput, DeskText.notifyShape(["shape": "{command: PROGRAM, timeout: 10s, retries: 2}"]))
        }
        for key in fields.keys where !["command", "timeout", "retries"].contains(key) {
            throw DeskError(.invalidInput, DeskText.notifyUnknownKey(["key": .text(Printable.quoted(key))]))
        }
        guard let command = fields["command"].map({ "\($0)" }), !command.isEmpty else {
            throw DeskError(.invalidInput, DeskText.notifyNoCommand())
        }
        var result = NotificationCommand(command: command)
        if let timeout = fields["timeout"].map({ "\($0)" }) {
            guard let seconds = DurationText.seconds(timeout), seconds > 0 else {
                throw DeskError(.invalidInput, DeskText.notifyTimeout(["text": .text(Printable.quoted(timeout))]))
            }
            result.timeout = seconds
        }
        if let retries = fields["retries"].map({ "\($0)" }) {
            guard let n = Int(retries), (0...10).contains(n) else {
                throw DeskError(.invalidInput, DeskText.notifyRetries(["text": .text(Printable.quoted(retries))]))
            }
            result.retries = n
        }
        return result
    }
}
