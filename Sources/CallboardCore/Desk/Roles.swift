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

    /// Who holds `role` or a higher one, as a refusal names them: "li, zhang", or that the
    /// desk configuration names nobody.
    public func who(atLeast role: Role) -> Message.Argument {
        let people = people(atLeast: role)
        return people.isEmpty ? .message(DeskText.nobodyNamed()) : .text(people.joined(separator: ", "))
    }

    /// Refuses `actor` unless their role is `role` or a higher one, saying who may: "releveling
    /// is for a supervisor (li, zhang); you are wang, a dispatcher". `doing` names what they
    /// asked for (`Command.verb`, or a verb that is not a command: `DeskText.doingRepairJournal`).
    public func require(_ role: Role, of actor: String, for doing: Message) throws(DeskError) {
        let held = self.role(of: actor)
        guard held < role else { return }
        throw .forbidden(DeskText.notAllowed(["doing": .message(doing), "role": .message(role.text), "who": who(atLeast: role),
                                              "actor": .text(actor), "actorRole": .message(held.text)]))
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
                throw DeskError(.invalidInput, DeskText.configUnknownRole(["role": .text(Printable.quoted(name))]))
            }
            // A list of users, or a single one.
            let members = (list as? [Any])?.map { "\($0)" } ?? (list as? String).map { [$0] } ?? []
            for user in members {
                if let other = users[user], other != role {
                    throw DeskError(.invalidInput, DeskText.configTwoRoles(["user": .text(Printable.quoted(user)), "role": .text(other.rawValue), "other": .text(role.rawValue)]))
                }
                users[user] = role
            }
        }
        var technicians: [String: TechnicianID] = [:]
        for (user, id) in root["engineers"] as? [String: Any] ?? [:] {
            guard let tech = TechnicianID("\(id)") else { throw DeskError(.invalidInput, DeskText.configNotTechnicianID(["id": .text(Printable.quoted("\(id)")), "user": .text(Printable.quoted(user))])) }
            technicians[user] = tech
            if users[user] == nil { users[user] = .engineer }
        }
        // A file that names no one (only the notification command) keeps a desk of one.
        var unlisted = root["roles"] == nil && root["engineers"] == nil ? Role.supervisor : .viewer
        if let text = root["default"] as? String {
            guard let role = Role(rawValue: text) else { throw DeskError(.invalidInput, DeskText.configDefaultNotRole(["text": .text(Printable.quoted(text))])) }
            unlisted = role
        }
        self.init(users: users, unlisted: unlisted, technicians: technicians)
    }
}
