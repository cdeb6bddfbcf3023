import CallboardCore
import Foundation

/// Calls as rows of a spreadsheet (`list --format csv`): headed in the run's language, a call's
/// status and its timers' states in words, times in ISO 8601 with the offset (as JSON gives
/// them), people's text as written (sanitized, as everywhere it is printed).
public enum CallCSV {
    public static func header(_ timers: [TimerName], policy: SLAPolicy?, strings t: UIStrings) -> [String] {
        [t(.csvCall), t(.csvStatus), t(.csvLevel), t(.csvRegion), t(.csvTier), t(.csvKind), t(.csvTechnician), t(.csvCustomer),
         t(.csvCustomerID), t(.csvPhone), t(.csvSummary), t(.csvProduct), t(.csvSerial), t(.csvReceivedAt), t(.csvResolvedAt),
         t(.csvClosedAt), t(.csvCause)]
            + timers.flatMap { name -> [String] in
                let label = ["timer": t.timerLabel(name, policy: policy)]
                return [t(.csvTimerState, label), t(.csvTimerDeadline, label)]
            }
    }

    /// One call: a timer of `columns` the call does not have (not started, or not set by its
    /// policy) is two empty cells.
    public static func row(_ call: ServiceCall, timers: [TimerReading], columns: [TimerName], zone: TimeZone, strings t: UIStrings) -> [String] {
        let s = DisplayText.sanitized
        func iso(_ date: Date?) -> String { date.map { TimeText.iso($0, in: zone) } ?? "" }
        let intake = call.intake
        return [call.id.description, t(.status(call.status)), intake.level.map { "\($0.rawValue)" } ?? "", s(intake.region ?? ""),
                s(intake.tier ?? ""), s(intake.kind ?? ""), call.technician?.rawValue ?? "", s(intake.customer), intake.customerID?.rawValue ?? "",
                s(intake.phone), s(intake.summary), s(intake.product ?? ""), s(intake.serial ?? ""), iso(call.receivedAt), iso(call.resolvedAt),
                iso(call.closedAt), s(call.resolution?.cause ?? "")]
            + columns.flatMap { name -> [String] in
                guard let reading = timers.first(where: { $0.name == name }) else { return ["", ""] }
                return [t(.state(reading.state)), iso(reading.deadline)]
            }
    }
}
