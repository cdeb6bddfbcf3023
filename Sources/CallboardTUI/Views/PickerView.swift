import CallboardCore

/// Choosing the engineer for a call: the roster ranked by fit (AssignmentRanking), with the
/// reasons, eligible ones first.
public struct AssignPicker: Equatable, Sendable {
    public var call: CallID
    public var candidates: [AssignmentCandidate]
    public var selection = 0

    public init(call: CallID, candidates: [AssignmentCandidate]) {
        self.call = call
        self.candidates = candidates
    }

    public var chosen: AssignmentCandidate? { candidates.indices.contains(selection) ? candidates[selection] : nil }

    public mutating func move(by delta: Int) {
        guard !candidates.isEmpty else { return }
        selection = max(0, min(candidates.count - 1, selection + delta))
    }
}

/// The picker as a panel: ↑↓ choose, Enter assigns (reassigning, or choosing someone off shift,
/// asks first), Esc goes back.
public struct PickerView: ConsoleView {
    public var picker: AssignPicker

    public init(picker: AssignPicker) { self.picker = picker }

    public static let table = KeyTable([
        KeyBinding([.up, .character("k")], "↑↓", .up, .keySelectEngineer, footer: true),
        KeyBinding([.down, .character("j")], "", .down, .keySelectEngineer),
        KeyBinding([.enter], "Enter", .choose, .keyChoose, changesDesk: true, essential: true),
        KeyBinding([.escape, .character("q")], "Esc", .dismiss, .keyCancel, essential: true),
    ])

    public func keys(_ state: ConsoleState) -> KeyTable { Self.table }

    public func title(_ state: ConsoleState, _ env: ConsoleEnvironment) -> String {
        guard let call = state.desk.calls[picker.call] else { return "" }
        return env.strings[call.technician == nil ? .pickerTitle : .reassignTitle,
                           ["call": call.id.description, "customer": call.intake.customer, "tech": call.technician?.rawValue ?? ""]]
    }

    public func draw(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int, height: Int) -> Drawing {
        let s = env.strings
        guard let call = state.desk.calls[picker.call] else { return Drawing([]) }
        let level = call.intake.level.map { "L\($0.rawValue)" } ?? "-"
        var lines = [Line([Span("\(level)  \(call.intake.region ?? "-")  ", .muted), Span(call.intake.summary)])]
        var cursorLine = 0
        let firstIneligible = picker.candidates.firstIndex { !$0.eligible }
        for (index, candidate) in picker.candidates.enumerated() {
            if index == firstIneligible { lines.append(Line([Span(s[.notEligible], .muted)])) }
            let t = candidate.technician
            let marker = index == picker.selection ? "▸ " : "  "
            if index == picker.selection { cursorLine = lines.count }
            let role: Role = candidate.eligible ? .plain : .muted
            lines.append(Line([Span(marker, .key), Span(DisplayText.fit("\(t.id) \(t.name)", 18), role),
                               // Free but on leave reads "on leave", as in the roster, not "available".
                               Span(DisplayText.fit(candidate.duty == .onLeave && candidate.activity == .available ? s(.onLeave)
                                                        : s(.activity(candidate.activity)), 10), .muted),
                               Span(Self.reasons(candidate, call: call, policy: state.desk.currentPolicy, strings: s).joined(separator: " · "), role)],
                              highlighted: index == picker.selection))
        }
        if picker.candidates.isEmpty { lines.append(Line([Span(s[.noTechnicians], .alert)])) }
        // The chosen line stays in view on a short screen (the panel scrolls to the "cursor").
        return Drawing(lines, cursor: (cursorLine, 0))
    }

    /// Why a candidate stands where it does, in the ranking's order.
    static func reasons(_ c: AssignmentCandidate, call: ServiceCall, policy: SLAPolicy?, strings s: UIStrings) -> [String] {
        let t = c.technician
        var out: [String] = []
        // The policy's shift calendar by name when the desk has its own; the standard hours otherwise.
        let calendar = policy?.desk.shifts[c.shift]
        let hours = calendar.map { ["day-shift", "night-shift", SLAPolicy.roundTheClock].contains($0) ? c.shift.hours : $0 } ?? c.shift.hours
        let shift = ["shift": s(.shift(c.shift)), "hours": c.shift == .oncall ? "" : hours]
        // The hours only when they are the reason someone is not offered.
        switch c.duty {
        case .onLeave: out.append(s[.reasonOnLeave, ["to": c.leave.map { "\($0.to)" } ?? "-"]])
        case .onCall: out.append(s[.reasonOnCall])
        case .onShift: out.append(s[.reasonOnShiftShort])
        case .offShift, .retired: out.append(s[.reasonOffShift, shift])
        }
        if c.shift != t.shift, c.duty != .onLeave { out.append(s[.reasonRota, ["shift": s(.shift(c.shift))]]) }
        if c.onSiteElsewhere { out.append(s[.reasonBusyOnSite]) }
        if c.manyJobs {
            out.append(s[.reasonBusyJobs, ["count": "\(c.openJobs - (call.technician == t.id ? 1 : 0))"]])
        }
        if let covers = c.coversRegion, let region = call.intake.region {
            out.append(covers ? (t.region == nil ? s[.reasonCoversAll] : s[.reasonCovers, ["region": region]])
                              : s[.reasonOtherRegion, ["own": t.region ?? "-", "region": region]])
        }
        out.append(c.matchingSkills.isEmpty ? s[.reasonNoSkill] : s[.reasonSkill, ["skills": c.matchingSkills.joined(separator: ", ")]])
        if call.technician == t.id { out.insert(s[.reasonHasCall], at: 0) }
        out.append(s[c.openJobs == 1 ? .reasonOneJob : .reasonJobs, ["count": "\(c.openJobs)"]])
        return out
    }

    public static func handle(_ binding: KeyBinding, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        guard let view = state.top(PickerView.self) else { return [] }
        let s = env.strings
        switch binding.act {
        case .up: state.updateTop(PickerView.self) { $0.picker.move(by: -1) }
        case .down: state.updateTop(PickerView.self) { $0.picker.move(by: 1) }
        case .choose:
            guard let chosen = view.picker.chosen, let call = state.desk.calls[view.picker.call] else { return [] }
            let tech = chosen.technician
            if call.technician == tech.id {
                state.say(s[.alreadyHas, ["tech": "\(tech.id) \(tech.name)", "call": call.id.description]], error: true)
                return []
            }
            var doubts: [String] = []
            if let current = call.technician { doubts.append(s[.reassignFrom, ["from": current.rawValue]]) }
            if let leave = chosen.leave {
                doubts.append(s[.onLeaveNow, ["tech": "\(tech.id) \(tech.name)", "to": "\(leave.to)"]])
            } else if !chosen.eligible { doubts.append(s[.offShiftNow, ["tech": "\(tech.id) \(tech.name)"]]) }
            state.close()
            return DeskActions.decide(.assign(call.id, tech.id, reassign: call.technician != nil), asks: false, &state, env,
                                      returnTo: .picker(view), doubts: doubts)
        default: state.close()
        }
        return []
    }
}
