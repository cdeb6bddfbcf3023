import Foundation

/// What a policy says beyond the timers: when each shift works, who is told when a promise is
/// about to break or has broken, how out-of-hours calls are dispatched without a dispatcher,
/// and how long products are under warranty. The command that carries the message is not
/// here: the policy is recorded in the journal, and see NotificationCommand for why that
/// must not decide what runs.
public struct DeskRules: Equatable, Sendable {
    /// One escalation step: when a call's timer reaches `state` (warning or breached) and
    /// `after` more seconds have passed, tell `notify` (technician, supervisor, manager, …).
    public struct Step: Equatable, Sendable {
        /// What identifies the step: its escalations record it, in every language.
        public var name: String
        public var state: TimerState
        public var after: Int
        public var notify: String
        /// The timers it watches (all when empty).
        public var timers: [TimerName]
        /// How the step is shown, by interface language (`label:`), when not by its name.
        public var labels: [String: String]
        /// Where it is in the policy file (0: one of the standard desk's, built in).
        public var line: Int

        public init(name: String, state: TimerState, after: Int = 0, notify: String, timers: [TimerName] = [],
                    labels: [String: String] = [:], line: Int = 0) {
            self.name = name
            self.state = state
            self.after = after
            self.notify = notify
            self.timers = timers
            self.labels = labels
            self.line = line
        }
    }

    public struct AutoDispatch: Equatable, Sendable {
        /// Levels dispatched automatically outside the calendar's hours.
        public var levels: Set<FaultLevel>
        /// The desk's office calendar: auto-dispatch when it is closed (`always`: at any hour).
        public var outside: String
        /// How long an engineer has to accept (`callboard accept`) before the next is asked.
        public var acceptWithin: Int
        /// Who is told (an escalation, alerting again every `repeat` until acknowledged) once
        /// every on-call engineer has let an offer lapse.
        public var unaccepted = "supervisor"
    }

    /// Calendar name per shift: who is on duty now is worked out from these.
    public var shifts: [Shift: String]
    public var steps: [Step]
    /// An escalation nobody acknowledged alerts again this often.
    public var repeatEvery: Int
    public var autoDispatch: AutoDispatch
    /// Warranty in days: the default, and by product (the words of a call's product).
    public var warrantyDays: Int
    public var productWarrantyDays: [String: Int]
    /// A call on the same unit or for the same customer within this many seconds of one being
    /// closed is a repeat (`warranty: repeat_within`, 72 hours by default).
    public var repeatWithin = 72 * 3600
    /// Units in warranty are visited for service: the first within `firstVisitWithin` seconds of
    /// the purchase, then every `visitEvery` (six months each, the seed letters' "at least twice
    /// a year, the first within six months", line 143); 0 turns the visits off.
    public var firstVisitWithin = 182 * 86_400
    public var visitEvery = 182 * 86_400
    /// The policy's `accept:`, when it asks engineers to accept each assignment (its timer, rule
    /// and step are the policy's like any other; this is what it said, for summaries).
    public var acceptance: Acceptance?
    /// The policy's `progress:`, when it times stalled calls (for summaries, like `acceptance`).
    public var progress: Progress?
    /// The policy's `followup:`, when calls are called back after the fix (回访).
    public var followUp: FollowUp?

    /// The warranty of a product, in days: the longest product name of the policy's that its
    /// name contains decides (the same in every process), else the default.
    public func warrantyDays(for product: String?) -> Int {
        let product = (product ?? "").lowercased()
        return productWarrantyDays.filter { product.contains($0.key) }
            .max { ($0.key.count, $1.key) < ($1.key.count, $0.key) }?.value ?? warrantyDays
    }

    /// Day shift 08:00-20:00, night shift 20:00-08:00, on call any hour; at warning tell the
    /// technician, at breach the duty supervisor, an hour later the manager; re-alert every 15
    /// minutes; levels 1-2 dispatched automatically outside office hours with 10 minutes to
    /// accept, the duty supervisor told when nobody does; one year's warranty.
    public static let standard = DeskRules(
        shifts: [.day: "day-shift", .night: "night-shift", .oncall: SLAPolicy.roundTheClock],
        steps: [Step(name: "tell the technician", state: .warning, notify: "technician"),
                Step(name: "duty supervisor", state: .breached, notify: "supervisor"),
                Step(name: "manager", state: .breached, after: 3600, notify: "manager")],
        repeatEvery: 900,
        autoDispatch: AutoDispatch(levels: [.one, .two], outside: "office", acceptWithin: 600),
        warrantyDays: 365, productWarrantyDays: [:])

    public init(shifts: [Shift: String], steps: [Step], repeatEvery: Int, autoDispatch: AutoDispatch,
                warrantyDays: Int, productWarrantyDays: [String: Int]) {
        self.shifts = shifts
        self.steps = steps
        self.repeatEvery = repeatEvery
        self.autoDispatch = autoDispatch
        self.warrantyDays = warrantyDays
        self.productWarrantyDays = productWarrantyDays
    }

    /// The built-in shift calendars, for policies that do not define them.
    static func standardCalendars(zone: TimeZone) -> [String: BusinessCalendar] {
        let day = BusinessCalendar.Hours(start: 8 * 3600, end: 20 * 3600)
        let early = BusinessCalendar.Hours(start: 0, end: 8 * 3600), late = BusinessCalendar.Hours(start: 20 * 3600, end: 24 * 3600)
        return ["day-shift": BusinessCalendar(name: "day-shift", zone: zone, weekly: Array(repeating: [day], count: 7)),
                "night-shift": BusinessCalendar(name: "night-shift", zone: zone, weekly: Array(repeating: [early, late], count: 7))]
    }
}
