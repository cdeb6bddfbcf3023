import Foundation

/// What a person at the desk may do. Viewers change nothing; dispatchers run the queue;
/// supervisors also relevel, cancel, reopen and change the desk's policy.
public enum Role: String, Sendable, Comparable, CaseIterable {
    /// Engineers accept calls offered to them and take charge of their escalations; nothing else.
    case viewer, engineer, dispatcher, supervisor

    public static func < (a: Role, b: Role) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// The desk configuration file's roles: operating-system users by role. Without a file every
/// user is a supervisor (a desk of one); with one, users it does not list get `default`
/// (viewer unless it says otherwise).
public struct DeskRoles: Equatable, Sendable {
    public var users: [String: Role]
    public var unlisted: Role
    /// Which technician each engineer's login is (`engineers: {sunqiang: T09}`): they may
    /// accept only offers made to themselves.
    public var technicians: [String: TechnicianID]

    public static let everyone = DeskRoles(users: [:], unlisted: .supervisor)

    public init(users: [String: Role], unlisted: Role, technicians: [String: TechnicianID] = [:]) {
        self.users = users
        self.unlisted = unlisted
        self.technicians = technicians
    }

    public func role(of user: String) -> Role { users[user] ?? unlisted }

    /// Who holds `role` or a higher one, for "ask li or zhang".
    public func people(atLeast role: Role) -> [String] {
        users.filter { $0.value >= role }.map(\.key).sorted()
    }

    /// Reads desk.yaml's roles (DeskConfiguration reads the whole file).
    public static func parse(_ yaml: String) throws(DeskError) -> DeskRoles {
        try DeskConfiguration.parse(yaml).roles
    }

    /// `roles: {supervisor: [li], dispatcher: [wang], viewer: [wall]}`, `engineers:` and
    /// `default:` from desk.yaml's top level.
    init(_ root: [String: Any]) throws(DeskError) {
        var users: [String: Role] = [:]
        for (name, list) in root["roles"] as? [String: Any] ?? [:] {
            guard let role = Role(rawValue: name) else {
                throw DeskError(.invalidInput, "unknown role '\(name)' in the desk configuration; use supervisor, dispatcher, engineer or viewer")
            }
            // A list of users, or a single one.
            let members = (list as? [Any])?.map { "\($0)" } ?? (list as? String).map { [$0] } ?? []
            for user in members {
                if let other = users[user], other != role {
                    throw DeskError(.invalidInput, "user \(user) is both \(other.rawValue) and \(role.rawValue) in the desk configuration; give one role")
                }
                users[user] = role
            }
        }
        var technicians: [String: TechnicianID] = [:]
        for (user, id) in root["engineers"] as? [String: Any] ?? [:] {
            guard let tech = TechnicianID("\(id)") else { throw DeskError(.invalidInput, "engineers: '\(id)' for \(user) is not a technician ID such as T09") }
            technicians[user] = tech
            if users[user] == nil { users[user] = .engineer }
        }
        // A file that names no one (only the notification command) keeps a desk of one.
        var unlisted = root["roles"] == nil && root["engineers"] == nil ? Role.supervisor : .viewer
        if let text = root["default"] as? String {
            guard let role = Role(rawValue: text) else { throw DeskError(.invalidInput, "default '\(text)' is not a role; use supervisor, dispatcher or viewer") }
            unlisted = role
        }
        self.init(users: users, unlisted: unlisted, technicians: technicians)
    }
}
