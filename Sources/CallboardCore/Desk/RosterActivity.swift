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

/// A technician's active calls and the most advanced thing they are doing on one.
public struct TechnicianLoad: Equatable, Sendable {
    public var openJobs = 0
    public var activity = TechnicianActivity.available
}

extension DeskState {
    /// The roster with each technician's activity: on site beats en route beats assigned.
    public var rosterEntries: [RosterEntry] { rosterEntries(loads: technicianLoads) }

    /// The roster with the loads given (a TickAgenda keeps them while no call changes).
    public func rosterEntries(loads: [TechnicianID: TechnicianLoad]) -> [RosterEntry] {
        roster.map { technician in
            let load = loads[technician.id] ?? TechnicianLoad()
            return RosterEntry(technician: technician, activity: load.activity, openJobs: load.openJobs)
        }
    }

    /// Each technician's active calls, from the calls' facts.
    public var technicianLoads: [TechnicianID: TechnicianLoad] {
        var jobs: [TechnicianID: TechnicianLoad] = [:]
        calls.forEach { call in
            guard call.isActive, let id = call.technician else { return }
            let activity: TechnicianActivity = call.arrivedAt != nil ? .onSite : call.departedAt != nil ? .enRoute : .assigned
            var load = jobs[id] ?? TechnicianLoad()
            load.openJobs += 1
            load.activity = max(load.activity, activity)
            jobs[id] = load
        }
        return jobs
    }
}
