import Foundation

/// Who should take a call: every technician ranked by fit, with the reasons in words, so a
/// dispatcher sees why the first is first and why someone is not offered at all.
///
/// Fit, in order: on shift now (on-call engineers after those on shift), covers the call's
/// region, has a skill the fault needs, fewest open jobs. Off-shift technicians are not
/// eligible (the dispatcher may still choose one, after confirming); an on-call engineer is
/// off shift outside the on-call calendar's hours, like anyone else (DutyStatus).
public struct AssignmentCandidate: Equatable, Sendable {
    public var technician: Technician
    /// On shift, on call or off shift now (DutyStatus).
    public var duty: DutyStatus
    /// On shift or on call; off-shift technicians may still be chosen, after confirming.
    public var eligible: Bool { duty.isOnDuty }
    public var onShift: Bool { duty == .onShift }
    public var onCall: Bool { duty == .onCall }
    public var coversRegion: Bool?
    /// The technician's skills the fault mentions.
    public var matchingSkills: [String]
    public var openJobs: Int
    public var activity: TechnicianActivity
    /// Why, in the order the ranking weighs it.
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

    /// Shifts are on duty by `policy`'s shift calendars (the desk's current policy if none).
    public static func rank(for call: ServiceCall, in state: DeskState, at now: Date, zone: TimeZone, policy: SLAPolicy? = nil) -> [AssignmentCandidate] {
        let duty = state.dutyHours(at: now, zone: zone, policy: policy)
        let text = [call.intake.summary, call.intake.product ?? "", call.intake.kind ?? ""].joined(separator: " ").lowercased()
        let candidates = state.rosterEntries.map { entry -> AssignmentCandidate in
            let t = entry.technician
            let status = duty.status(of: t)
            let covers = call.intake.region.map { region in t.region.map { $0.caseInsensitiveCompare(region) == .orderedSame } ?? true }
            let skills = t.skills.filter { skill in
                let words = [skill.lowercased()] + (skillWords[skill.lowercased()] ?? [])
                return words.contains { text.contains($0) }
            }
            var reasons: [String] = []
            switch status {
            case .onCall: reasons.append("on call")
            case .onShift: reasons.append("on shift (\(t.shift.label) \(t.shift.hours))")
            case .offShift: reasons.append("off shift (\(t.shift.label) \(t.shift.hours))")
            }
            if let covers, let region = call.intake.region {
                reasons.append(covers ? (t.region == nil ? "covers every region" : "covers \(region)") : "covers \(t.region ?? "-"), not \(region)")
            }
            reasons.append(skills.isEmpty ? "no skill the fault names" : "skill " + skills.joined(separator: ", "))
            reasons.append(entry.openJobs == 1 ? "1 open job" : "\(entry.openJobs) open jobs")
            if call.technician == t.id { reasons.append("has this call now") }
            return AssignmentCandidate(technician: t, duty: status, coversRegion: covers,
                                       matchingSkills: skills, openJobs: entry.openJobs, activity: entry.activity, reasons: reasons)
        }
        return candidates.sorted { a, b in
            func key(_ c: AssignmentCandidate) -> (Int, Int, Int, Int, Int) {
                (c.eligible ? 0 : 1, c.onShift ? 0 : 1, c.coversRegion == false ? 1 : 0, c.matchingSkills.isEmpty ? 1 : 0, c.openJobs)
            }
            let (ka, kb) = (key(a), key(b))
            return ka != kb ? ka < kb : a.technician.id < b.technician.id
        }
    }
}
