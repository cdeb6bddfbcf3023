import CallboardCore
import Foundation

/// The technician roster as rows of cells.
public enum RosterPresenter {
    /// In English.
    public static let columns = columns(strings: .english)

    /// The columns, titled in `strings`' language.
    public static func columns(strings s: UIStrings) -> [Column] {
        [
            Column(s(.columnTech), width: 4),
            Column(s(.columnName), width: 10, flex: 2),
            Column(s(.columnStatus), width: 9),
            Column(s(.columnRegion), width: 8),
            Column(s(.columnShift), width: 7),
            Column(s(.columnJobs), width: 4, alignRight: true),
            Column(s(.columnSkills), width: 14, flex: 3, dropPriority: 2),
            Column(s(.columnPhone), width: 13, dropPriority: 1),
        ]
    }

    /// With `now` and `zone` (the console), an engineer with nothing to do whose shift is not
    /// working at this hour reads "off shift" rather than "available".
    /// Its words (what a technician is doing, the shift) in `strings`' language; names,
    /// regions, skills and phones as they were written.
    /// `loads`: each technician's jobs if already known (the console's TickAgenda keeps them).
    /// Retired technicians are left out unless `all` (`tech list --all`), where they read
    /// "retired"; the shift is the one worked today (the rota's, when it has one for today).
    public static func rows(_ state: DeskState, now: Date? = nil, zone: TimeZone? = nil, strings s: UIStrings = .english,
                            loads: [TechnicianID: TechnicianLoad]? = nil, all: Bool = false) -> [[Cell]] {
        let duty = now.flatMap { now in zone.map { state.dutyHours(at: now, zone: $0) } }
        return entries(state, loads: loads ?? state.technicianLoads, all: all).map { entry in
            let t = entry.technician
            return [
                Cell(t.id.rawValue),
                Cell(t.name),
                status(entry, duty: duty, strings: s, retired: state.isRetired(t.id)),
                Cell(t.region ?? "", .muted),
                Cell(s(.shift(duty?.shift(of: t) ?? t.shift)), .muted),
                Cell(String(entry.openJobs), entry.openJobs == 0 ? .muted : .plain),
                Cell(t.skills.joined(separator: ","), .muted),
                Cell(t.phone ?? "", .muted),
            ]
        }
    }
}

extension RosterPresenter {
    /// What a technician is doing, or "off shift" when they have nothing to do and their shift
    /// is not working (DutyStatus): busy engineers keep their activity, whatever the hour.
    /// On leave and retired say so whatever they are doing (a job still open while on leave
    /// is the dispatcher's to hand over).
    public static func status(_ entry: RosterEntry, duty: DutyHours?, strings s: UIStrings = .english, retired: Bool = false) -> Cell {
        if retired { return Cell(s(.retired), .muted) }
        switch duty?.status(of: entry.technician) {
        case .retired?: return Cell(s(.retired), .muted)
        case .onLeave?: return Cell(s(.onLeave), .warning)
        case .offShift? where entry.activity == .available: return Cell(s(.offShift), .muted)
        default: break
        }
        let role: Role = switch entry.activity {
        case .available: .ok
        case .assigned: .plain
        case .enRoute, .onSite: .title
        }
        return Cell(s(.activity(entry.activity)), role)
    }

    /// The roster's entries in joining order, retired technicians only with `all`.
    static func entries(_ state: DeskState, loads: [TechnicianID: TechnicianLoad], all: Bool) -> [RosterEntry] {
        state.rosterEntries(loads: loads).filter { all || !state.isRetired($0.technician.id) }
    }

    struct TechnicianJSON: Encodable {
        var entry: RosterEntry
        var onDuty: Bool? = nil
        var plan = RosterPlan()
        var duty: DutyHours?

        enum Key: String, CodingKey { case id, name, region, skills, shift, phone, status, open_jobs, on_duty, duty, shift_today, on_leave, leave, retired, rota }
        enum SpanKey: String, CodingKey { case from, to, shift }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            let t = entry.technician
            try c.encode(t.id.rawValue, forKey: .id)
            try c.encode(t.name, forKey: .name)
            try c.encode(t.region, forKey: .region)
            try c.encode(t.skills, forKey: .skills)
            try c.encode(t.shift.rawValue, forKey: .shift)
            try c.encode(t.phone, forKey: .phone)
            try c.encode(entry.activity.rawValue, forKey: .status)
            try c.encode(entry.openJobs, forKey: .open_jobs)
            try c.encodeIfPresent(onDuty, forKey: .on_duty)
            try c.encode(plan.retired, forKey: .retired)
            if let duty {
                try c.encode(duty.status(of: t).rawValue, forKey: .duty)
                try c.encode(duty.shift(of: t).rawValue, forKey: .shift_today)
                let leave = duty.leave(of: t)
                try c.encode(leave != nil, forKey: .on_leave)
                if let leave {
                    var span = c.nestedContainer(keyedBy: SpanKey.self, forKey: .leave)
                    try span.encode(leave.from.description, forKey: .from)
                    try span.encode(leave.to.description, forKey: .to)
                }
                // The rota's entries still to come or under way, in the order recorded.
                var rota = c.nestedUnkeyedContainer(forKey: .rota)
                for entry in plan.rota where entry.span.to >= duty.day {
                    var item = rota.nestedContainer(keyedBy: SpanKey.self)
                    try item.encode(entry.span.from.description, forKey: .from)
                    try item.encode(entry.span.to.description, forKey: .to)
                    try item.encode(entry.shift.rawValue, forKey: .shift)
                }
            }
        }
    }

    /// `tech list --json`: the roster with what each technician is doing.
    /// With `now` and `zone`, each technician also says whether their shift is working
    /// (`on_duty`), as the console's roster does.
    /// `duty` (on_shift, on_call, off_shift, on_leave, retired), `shift_today` (the rota's or
    /// their own), `on_leave` and `leave` {from, to}, `rota` (entries not yet over) and
    /// `retired`; retired technicians only with `all`.
    public static func json(_ state: DeskState, now: Date? = nil, zone: TimeZone? = nil, all: Bool = false) -> String {
        let duty = now.flatMap { now in zone.map { state.dutyHours(at: now, zone: $0) } }
        return CallReport.json(entries(state, loads: state.technicianLoads, all: all).map { entry in
            TechnicianJSON(entry: entry, onDuty: duty?.status(of: entry.technician).isOnDuty, plan: state.plan(of: entry.technician.id), duty: duty)
        })
    }
}
