import Foundation

/// Who should take a call: every technician on the live roster ranked by fit, with the
/// reasons in words, so a dispatcher sees why the first is first and why someone is not
/// offered at all.
///
/// Fit, in order: on duty now (on shift or on call, by the shift they work today: the rota's
/// or their own; not on leave), not busy (on site at another call, or `busyJobs` open jobs or
/// more), covers the call's region, has a skill the fault needs, on shift before on call,
/// fewest open jobs. Load and skills come before the kind of shift: an idle on-call engineer
/// with the skill is a better answer than a night-shift engineer with four open jobs and
/// none. Off-duty technicians are not eligible (the dispatcher may still choose one, after
/// confirming); retired ones are not ranked at all.
public struct AssignmentCandidate: Equatable, Sendable {
    public var technician: Technician
    /// On shift, on call, off shift or on leave now (DutyStatus).
    public var duty: DutyStatus
    /// The shift they work today: the rota's, or their own.
    public var shift: Shift
    /// The leave they are on today, if any.
    public var leave: DateSpan?
    /// On shift or on call; off-shift technicians may still be chosen, after confirming.
    public var eligible: Bool { duty.isOnDuty }
    public var onShift: Bool { duty == .onShift }
    public var onCall: Bool { duty == .onCall }
    public var coversRegion: Bool?
    /// The technician's skills the fault mentions.
    public var matchingSkills: [String]
    /// Their active calls, this one included if it is theirs.
    public var openJobs: Int
    public var activity: TechnicianActivity
    /// On site at another call now.
    public var onSiteElsewhere: Bool
    /// `busyJobs` or more open jobs besides this call.
    public var manyJobs: Bool
    /// On site elsewhere or with many open jobs: ranked after everyone on duty who is free.
    public var busy: Bool { onSiteElsewhere || manyJobs }
    /// Why, in the order the ranking weighs it (English; the console words its own).
    public var reasons: [String]
}

public enum AssignmentRanking {
    /// Words that show a fault needs a skill, beyond the skill's own name: what callers write.
    public static let skillWords: [String: [String]] = [
        "printer": ["打印", "复印", "扫描", "卡纸", "硒鼓", "墨", "printer", "copier", "scanner", "toner"],
        "network": ["网络", "交换机", "路由", "网线", "wifi", "无线", "network", "switch", "router"],
        "server": ["服务器", "宕机", "重启", "server", "raid"],
        "storage": ["存储", "硬盘", "磁盘", "阵列", "storage", "disk", "nas"],
        "ups": ["ups", "不间断", "电池"],
        "power": ["电源", "供电", "断电", "power"],
        "pos": ["pos", "收银", "刷卡"],
    ]

    /// Open jobs besides the call at hand from which an engineer counts as busy.
    public static let busyJobs = 3

    /// Shifts are on duty by `policy`'s shift calendars (the desk's current policy if none).
    public static func rank(for call: ServiceCall, in state: DeskState, at now: Date, zone: TimeZone, policy: SLAPolicy? = nil) -> [AssignmentCandidate] {
        let duty = state.dutyHours(at: now, zone: zone, policy: policy)
        let text = [call.intake.summary, call.intake.product ?? "", call.intake.kind ?? ""].joined(separator: " ").lowercased()
        // Each technician's other calls: how many, and whether they are on site at one.
        var others: [TechnicianID: (jobs: Int, onSite: Bool)] = [:]
        state.forEachOpenCall { other in
            guard other.isActive, other.id != call.id, let id = other.technician else { return }
            var load = others[id] ?? (0, false)
            load.jobs += 1
            if other.arrivedAt != nil { load.onSite = true }
            others[id] = load
        }
        let candidates = state.rosterEntries.compactMap { entry -> AssignmentCandidate? in
            let t = entry.technician
            let status = duty.status(of: t)
            if status == .retired { return nil }
            let shift = duty.shift(of: t)
            let covers = call.intake.region.map { region in t.region.map { $0.caseInsensitiveCompare(region) == .orderedSame } ?? true }
            let skills = t.skills.filter { skill in
                let words = [skill.lowercased()] + (skillWords[skill.lowercased()] ?? [])
                return words.contains { text.contains($0) }
            }
            let other = others[t.id] ?? (0, false)
            let manyJobs = other.jobs >= busyJobs
            var reasons: [String] = []
            switch status {
            case .onCall: reasons.append("on call")
            case .onShift: reasons.append("on shift (\(shift.label) \(shift.hours))")
            case .offShift: reasons.append("off shift (\(shift.label) \(shift.hours))")
            case .onLeave: reasons.append("on leave until \(duty.leave(of: t).map { "\($0.to)" } ?? "-")")
            case .retired: break
            }
            if other.onSite { reasons.append("busy: on site at another call") }
            if manyJobs { reasons.append("busy: \(other.jobs) other open jobs") }
            if let covers, let region = call.intake.region {
                reasons.append(covers ? (t.region == nil ? "covers every region" : "covers \(region)") : "covers \(t.region ?? "-"), not \(region)")
            }
            reasons.append(skills.isEmpty ? "no skill the fault names" : "skill " + skills.joined(separator: ", "))
            reasons.append(entry.openJobs == 1 ? "1 open job" : "\(entry.openJobs) open jobs")
            if call.technician == t.id { reasons.append("has this call now") }
            return AssignmentCandidate(technician: t, duty: status, shift: shift, leave: duty.leave(of: t), coversRegion: covers,
                                       matchingSkills: skills, openJobs: entry.openJobs, activity: entry.activity,
                                       onSiteElsewhere: other.onSite, manyJobs: manyJobs, reasons: reasons)
        }
        return candidates.sorted { a, b in
            func key(_ c: AssignmentCandidate) -> (Int, Int, Int, Int, Int, Int) {
                (c.eligible ? 0 : c.duty == .offShift ? 1 : 2, c.busy ? 1 : 0, c.coversRegion == false ? 1 : 0,
                 c.matchingSkills.isEmpty ? 1 : 0, c.onShift ? 0 : 1, c.openJobs)
            }
            let (ka, kb) = (key(a), key(b))
            return ka != kb ? ka < kb : a.technician.id < b.technician.id
        }
    }
}
