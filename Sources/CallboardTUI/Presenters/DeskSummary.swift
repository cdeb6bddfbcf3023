import CallboardCore
import Foundation

/// The counts a supervisor glances at in the header.
public struct DeskSummary: Sendable, Equatable {
    public var open = 0
    public var unassigned = 0
    public var warning = 0
    public var breached = 0

    public init(_ state: DeskState, timekeeper: Timekeeper, now: Date) {
        state.forEachOpenCall { call in
            open += 1
            guard call.isActive else { return }
            if call.technician == nil { unassigned += 1 }
            let states = timekeeper.schedules(for: call, in: state).map { $0.state(at: now) }
            if states.contains(.breached) {
                breached += 1
            } else if states.contains(.warning) {
                warning += 1
            }
        }
    }
}
