import CallboardCore
import Foundation

/// What a report counts, read from a log: one `ReportEntry` per call the log holds that was
/// received in the report's days, the old closed calls it retired from memory included. The one
/// way both the `report` verb and the console's report screen gather their figures, so both
/// show the same numbers from the same code (`DeskReport` then counts them).
public enum JournalReport {
    /// The log read from its start (a snapshot holds only the live desk, not the calls it
    /// retired): each old closed call taken in as it retires, as `list --all` reads them, then
    /// the live desk, whose calls win over what they were when they retired (a call read back and
    /// reopened). Memory holds a small entry per call of the days, not the calls. Each promise's
    /// outcome is as it stands at `now`; days are `zone`'s. Also returns the desk as it now stands
    /// (its current policy names and orders the timers; its customers name the customer groups).
    /// `whatIf`: another policy each call is timed under as well (`report --policy`).
    public static func read(_ log: any EventLog, days: ClosedRange<LocalDate>, zone: TimeZone, at now: Date, whatIf: SLAPolicy? = nil) throws(JournalError)
        -> (entries: [ReportEntry], desk: DeskState) {
        let timekeeper = Timekeeper()
        var entries: [Int: ReportEntry] = [:]
        func take(_ call: ServiceCall, _ state: DeskState) {
            entries[call.id.number] = days.contains(LocalDate(call.receivedAt, in: zone))
                ? ReportEntry(call, in: state, timekeeper: timekeeper, at: now, zone: zone, whatIf: whatIf) : nil
        }
        let desk = try JournalDesk(log: log, fromSnapshot: false, snapshots: .never) { call, state in take(call, state) }
        desk.state.calls.forEach { take($0, desk.state) }
        return (entries.values.sorted { $0.call < $1.call }, desk.state)
    }
}
