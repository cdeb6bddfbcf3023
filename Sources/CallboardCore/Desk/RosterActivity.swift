/// What a technician is doing now, derived from the calls assigned to them.
public enum TechnicianActivity: String, Sendable, CaseIterable, Comparable {
    case available
    case assigned
    case enRoute = "en_route"
    case onSite = "on_site"

    public var label: String {
        switch self {
        case .available: "available"
        case .assigned: "assigned"
        case .enRoute: "en route"
        case .onSite: "on site"
        }
    }

    public static func < (a: TechnicianActivity, b: TechnicianActivity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A technician with their current activity and load.
public struct RosterEntry: Equatable, Sendable {
    public var technician: Technician
    public var activity: TechnicianActivity
    /// Active (unresolved) calls assigned to them.
    public var openJobs: Int
}

extension DeskState {
    /// The roster with each technician's activity: on site beats en route beats assigned.
    public var rosterEntries: [RosterEntry] {
        var jobs: [TechnicianID: (count: Int, activity: TechnicianActivity)] = [:]
        calls.forEach { call in
            guard call.isActive, let id = call.technician else { return }
            let activity: TechnicianActivity = call.arrivedAt != nil ? .onSite : call.departedAt != nil ? .enRoute : .assigned
            let current = jobs[id] ?? (0, .available)
            jobs[id] = (current.count + 1, max(current.activity, activity))
        }
        return roster.map { technician in
            let load = jobs[technician.id] ?? (0, .available)
            return RosterEntry(technician: technician, activity: load.activity, openJobs: load.count)
        }
    }
}
