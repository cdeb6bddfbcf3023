import CallboardCore
import Foundation

/// The counts a supervisor glances at in the header.
public struct DeskSummary: Sendable, Equatable {
    public var open = 0
    public var unassigned = 0
    public var warning = 0
    public var breached = 0

    /// The counts a TickAgenda keeps (the console's header, each second).
    public init(_ counts: TickAgenda.Counts) {
        open = counts.open
        unassigned = counts.unassigned
        warning = counts.warning
        breached = counts.breached
    }

    /// The counts worked out from every open call.
    public init(_ state: DeskState, timekeeper: Timekeeper, now: Date) {
        state.forEachOpenCall { call in
            open += 1
            if call.isActive, call.technician == nil { unassigned += 1 }
            // A resolved call's timers stopped with the fix, unless its policy counts one from
            // the fix (a follow-up): that one can still warn and breach.
            // No array per call: the header counts ten thousand calls every second.
            var isBreached = false, isWarning = false
            for schedule in timekeeper.schedules(for: call, in: state) {
                switch schedule.state(at: now) {
                case .breached: isBreached = true
                case .warning: isWarning = true
                default: break
                }
            }
            if isBreached {
                breached += 1
            } else if isWarning {
                warning += 1
            }
        }
    }
}
