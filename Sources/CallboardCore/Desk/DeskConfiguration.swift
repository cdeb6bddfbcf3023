import Yams

/// The desk configuration file, desk.yaml beside the journal, owned by the desk's
/// administrator: who may do what, and the command that sends notifications.
public struct DeskConfiguration: Equatable, Sendable {
    public var roles: DeskRoles
    public var notify: NotificationCommand?

    public init(roles: DeskRoles, notify: NotificationCommand? = nil) {
        self.roles = roles
        self.notify = notify
    }

    /// Without a file: every user may do everything, and no notification command.
    public static let none = DeskConfiguration(roles: .everyone)

    /// Reads `roles:`, `engineers:`, `default:` (see DeskRoles) and `notify:`.
    public static func parse(_ yaml: String) throws(DeskError) -> DeskConfiguration {
        let root: [String: Any]
        do {
            root = try Yams.load(yaml: yaml) as? [String: Any] ?? [:]
        } catch {
            throw DeskError(.invalidInput, DeskText.configNotYAML(["error": "\(error)"]))
        }
        for key in root.keys where !["roles", "default", "engineers", "notify"].contains(key) {
            throw DeskError(.invalidInput, DeskText.configUnknownKey(["key": .text(Printable.quoted(key))]))
        }
        return DeskConfiguration(roles: try DeskRoles(root), notify: try root["notify"].map { v throws(DeskError) in try NotificationCommand.parse(v) })
    }
}
