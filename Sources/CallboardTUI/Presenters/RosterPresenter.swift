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
    public static func rows(_ state: DeskState, now: Date? = nil, zone: TimeZone? = nil, strings s: UIStrings = .english,
                            loads: [TechnicianID: TechnicianLoad]? = nil) -> [[Cell]] {
        let duty = now.flatMap { now in zone.map { state.dutyHours(at: now, zone: $0) } }
        return state.rosterEntries(loads: loads ?? state.technicianLoads).map { entry in
            let t = entry.technician
            return [
                Cell(t.id.rawValue),
                Cell(t.name),
                status(entry, duty: duty, strings: s),
                Cell(t.region ?? "", .muted),
                Cell(s(.shift(t.shift)), .muted),
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
    public static func status(_ entry: RosterEntry, duty: DutyHours?, strings s: UIStrings = .english) -> Cell {
        if entry.activity == .available, duty?.status(of: entry.technician) == .offShift { return Cell(s(.offShift), .muted) }
        let role: Role = switch entry.activity {
        case .available: .ok
        case .assigned: .plain
        case .enRoute, .onSite: .title
        }
        return Cell(s(.activity(entry.activity)), role)
    }

    struct TechnicianJSON: Encodable {
        var entry: RosterEntry
        var onDuty: Bool? = nil

        enum Key: String, CodingKey { case id, name, region, skills, shift, phone, status, open_jobs, on_duty }

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
        }
    }

    /// `tech list --json`: the roster with what each technician is doing.
    /// With `now` and `zone`, each technician also says whether their shift is working
    /// (`on_duty`), as the console's roster does.
    public static func json(_ state: DeskState, now: Date? = nil, zone: TimeZone? = nil) -> String {
        let duty = now.flatMap { now in zone.map { state.dutyHours(at: now, zone: $0) } }
        return CallReport.json(state.rosterEntries.map { entry in TechnicianJSON(entry: entry, onDuty: duty?.status(of: entry.technician).isOnDuty) })
    }
}
