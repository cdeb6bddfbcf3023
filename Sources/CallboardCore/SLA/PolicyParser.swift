import Foundation
import Yams

/// A problem in a policy file, with the line it is on.
public struct PolicyProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    /// What is wrong, by key (rendered in the person's language by `policy check`).
    public var text: Message

    public init(line: Int, text: Message) {
        self.line = line
        self.text = text
    }

    /// Words not yet in the string tables (being moved there).
    public init(line: Int, message: String) {
        self.init(line: line, text: UntranslatedText.text(["text": .text(message)]))
    }

    /// In English.
    public var message: String { text.description }
    public var description: String { "line \(line): \(message)" }
}

/// All the problems found in a policy file (never just the first).
public struct PolicyProblems: Error, Equatable, Sendable, CustomStringConvertible {
    public var problems: [PolicyProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Reads a YAML policy file into an `SLAPolicy`, checking every part of it and reporting each
/// problem with its line. The format is described in README.md, "SLA policy".
public enum PolicyParser {
    /// The policy file format this parser reads. Journals keep each adopted policy's text with
    /// this number; a parser that changes what a file means must raise it and keep reading the
    /// older formats, or old journals would replay differently. Format 2 added `aliases:` and
    /// a year of holidays on one line, and moved the notification command out of the policy
    /// (format 1 policies with `notify:` still replay; their command is never run): a build
    /// that reads only format 1 then says "upgrade callboard" instead of failing on a key.
    /// Format 3 added `timers:` (the promises a policy makes, beyond or instead of the built-in
    /// three) and `warning_at` per timer and per rule; a format 2 file reads the same.
    public static let formatVersion = 3

    public static func parse(_ text: String) throws(PolicyProblems) -> SLAPolicy {
        try parse(text, recorded: false)
    }

    /// A policy as the journal recorded it, read again on replay. A `notify:` section, which
    /// policies once carried, still reads but its command is dropped: whatever is in the journal
    /// must never decide what runs on a supervisor's account (see NotificationCommand).
    public static func parseRecorded(_ text: String) throws(PolicyProblems) -> SLAPolicy {
        try parse(text, recorded: true)
    }

    private static func parse(_ text: String, recorded: Bool) throws(PolicyProblems) -> SLAPolicy {
        var reader = Reader(recorded: recorded)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw PolicyProblems(problems: [PolicyProblem(line: 1, message: "the policy is empty")])
            }
            root = node
        } catch let problems as PolicyProblems {
            throw problems
        } catch let error as YamlError {
            throw PolicyProblems(problems: [Reader.problem(from: error, in: text)])
        } catch {
            throw PolicyProblems(problems: [PolicyProblem(line: 1, message: "not readable as YAML: \(error)")])
        }
        let policy = reader.policy(root, source: text)
        guard reader.problems.isEmpty, let policy else { throw PolicyProblems(problems: reader.problems.sorted { $0.line < $1.line }) }
        return policy
    }

    struct Reader {
        /// Reading a policy from the journal rather than a file given now.
        let recorded: Bool
        var problems: [PolicyProblem] = []
        /// The policy's timers, once read: rules and escalation steps name them.
        var timers = TimerDefinition.builtIn

        mutating func fail(_ node: Node?, _ message: String) {
            problems.append(PolicyProblem(line: node?.mark?.line ?? 1, message: message))
        }

        static func problem(from error: YamlError, in text: String) -> PolicyProblem {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                return PolicyProblem(line: mark.line, message: "not valid YAML: \(problem)")
            case .duplicatedKeysInMapping(let duplicates, let context):
                // Point at the second time the key is written, after the mapping's start.
                let key = duplicates.sorted().first ?? ""
                let lines = text.components(separatedBy: "\n")
                let uses = lines.indices.filter { $0 + 1 >= context.mark.line && lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix(key + ":") }
                let line = (uses.count > 1 ? uses[1] : uses.first).map { $0 + 1 } ?? context.mark.line
                return PolicyProblem(line: line, message: "'\(key)' is given twice in the same place; keep one")
            default:
                return PolicyProblem(line: 1, message: "not valid YAML")
            }
        }

        /// The entries of a mapping, with unknown keys reported.
        mutating func entries(_ node: Node, allowed: [String], what: String) -> [(key: String, keyNode: Node, value: Node)]? {
            guard let mapping = node.mapping else {
                fail(node, "\(what) must be a mapping of keys to values")
                return nil
            }
            var out: [(String, Node, Node)] = []
            for (keyNode, value) in mapping {
                guard let key = keyNode.string else { fail(keyNode, "keys in \(what) must be words"); continue }
                if !allowed.isEmpty, !allowed.contains(key) {
                    fail(keyNode, "unknown key '\(key)' in \(what); use \(allowed.joined(separator: ", "))")
                    continue
                }
                out.append((key, keyNode, value))
            }
            return out
        }

        mutating func string(_ node: Node, what: String) -> String? {
            guard let text = node.scalar?.string, !text.isEmpty else {
                fail(node, "\(what) must be a single value")
                return nil
            }
            return text
        }

        /// A single value or a list of values.
        mutating func strings(_ node: Node, what: String) -> [(String, Node)] {
            if let sequence = node.sequence {
                return sequence.compactMap { item in string(item, what: what).map { ($0, item) } }
            }
            return string(node, what: what).map { [($0, node)] } ?? []
        }

        mutating func policy(_ root: Node, source: String) -> SLAPolicy? {
            guard let top = entries(root, allowed: ["time_zone", "warning_at", "holidays", "working_days", "calendars", "rules",
                                                    "shifts", "escalations", "notify", "auto_dispatch", "warranty", "aliases", "timers"],
                                      what: "the policy") else { return nil }
            var deskNodes: [String: Node] = [:]
            var zone = TimeZone(identifier: "Asia/Shanghai")!
            var share = 0.75
            var holidays: Set<LocalDate> = [], workingDays: Set<LocalDate> = []
            var calendarNodes: Node?, ruleNodes: Node?, aliasNodes: Node?, timerNodes: Node?
            for (key, keyNode, value) in top {
                switch key {
                case "time_zone": zone = timeZone(value) ?? zone
                case "warning_at": share = warningShare(value) ?? share
                case "holidays": holidays = dates(value, what: "holidays")
                case "working_days": workingDays = dates(value, what: "working_days", weekendsOnly: true)
                case "calendars": calendarNodes = value
                case "rules": ruleNodes = value
                case "aliases": aliasNodes = value
                case "timers": timerNodes = value
                case "shifts", "escalations", "notify", "auto_dispatch", "warranty": deskNodes[key] = value
                default: fail(keyNode, "unknown key '\(key)'")
                }
            }
            var calendars: [String: BusinessCalendar] = [SLAPolicy.roundTheClock: .roundTheClock(zone: zone)]
            if let calendarNodes, let defined = entries(calendarNodes, allowed: [], what: "calendars") {
                for (name, keyNode, value) in defined {
                    if name == SLAPolicy.roundTheClock { fail(keyNode, "'24x7' is built in; give your calendar another name"); continue }
                    if let calendar = calendar(name, value, zone: zone, holidays: holidays, workingDays: workingDays) {
                        calendars[name] = calendar
                    }
                }
            }
            // Before the rules and the escalation steps, which name the timers.
            if let timerNodes { timers = timerDefinitions(timerNodes, share: share) }
            guard let ruleNodes else {
                fail(root, "the policy has no rules; add a 'rules' list")
                return nil
            }
            guard let list = ruleNodes.sequence, !list.isEmpty else {
                fail(ruleNodes, "'rules' must be a list of rules")
                return nil
            }
            let rules = list.enumerated().compactMap { rule($1, number: $0 + 1, calendars: calendars) }
            // Every desk promises an answer: the response timer, when the policy has one.
            if !rules.isEmpty, timers.contains(where: { $0.name == .response }),
               !rules.contains(where: { $0.timers[.response].map { !$0.isNone } ?? false }) {
                fail(ruleNodes, "no rule sets the response timer; every desk promises an answer")
            }
            if let timerNodes, !rules.isEmpty { checkEverySet(rules, timerNodes) }
            checkOrder(rules)
            let desk = deskRules(deskNodes, calendars: calendars.merging(DeskRules.standardCalendars(zone: zone)) { own, _ in own })
            let aliases = aliasNodes.map { self.aliases($0, rules: rules) } ?? [:]
            return SLAPolicy(source: source, zone: zone, warningShare: share, calendars: calendars, rules: rules, timers: timers, desk: desk,
                             aliases: aliases)
        }

        /// A span such as 15m or 1h30m; `what` names it in the problem.
        mutating func span(_ node: Node, what: String, allowZero: Bool = false) -> Int? {
            guard let text = string(node, what: what) else { return nil }
            guard let seconds = DurationText.seconds(text), allowZero || seconds > 0 else {
                fail(node, "\(what) '\(text)' is not a span; write it as 30m, 8h, 2d or 1h30m")
                return nil
            }
            return seconds
        }

        /// shifts, escalations, auto_dispatch and warranty: each optional, each with the
        /// standard desk's rules where it is not given; notify only in a recorded policy.
        mutating func deskRules(_ nodes: [String: Node], calendars: [String: BusinessCalendar]) -> DeskRules {
            var desk = DeskRules.standard
            func calendarName(_ node: Node, what: String) -> String? {
                guard let name = string(node, what: what) else { return nil }
                guard calendars[name] != nil else {
                    fail(node, "calendar '\(name)' is not defined; define it under 'calendars' (day-shift, night-shift and 24x7 are built in)")
                    return nil
                }
                return name
            }
            if let node = nodes["shifts"], let fields = entries(node, allowed: ["day", "night", "oncall"], what: "shifts") {
                for (key, _, value) in fields {
                    if let name = calendarName(value, what: "the \(key) shift's calendar") { desk.shifts[Shift(rawValue: key)!] = name }
                }
            }
            if let node = nodes["escalations"], let fields = entries(node, allowed: ["repeat", "steps"], what: "escalations") {
                for (key, _, value) in fields {
                    if key == "repeat" { desk.repeatEvery = span(value, what: "repeat") ?? desk.repeatEvery; continue }
                    guard let list = value.sequence else { fail(value, "escalation steps must be a list"); continue }
                    desk.steps = list.compactMap { escalationStep($0) }
                    // A step is known by its name: two with one name would fire as one.
                    for (index, step) in desk.steps.enumerated() {
                        if let earlier = desk.steps[..<index].first(where: { $0.name == step.name }) {
                            problems.append(PolicyProblem(line: step.line, message: "the escalation step name '\(step.name)' is already used on line \(earlier.line); give each step its own name"))
                        }
                    }
                }
            }
            if let node = nodes["notify"], !recorded {
                fail(node, "the notification command no longer belongs in the policy, which the journal records where any desk member can append: move notify: {command, timeout, retries} to desk.yaml beside the journal, or give watch and the console --notify-command")
            }
            if let node = nodes["auto_dispatch"], let fields = entries(node, allowed: ["levels", "outside", "accept_within", "unaccepted"], what: "auto_dispatch") {
                for (key, _, value) in fields {
                    switch key {
                    case "levels":
                        desk.autoDispatch.levels = Set(strings(value, what: "levels").compactMap { text, item in
                            guard let level = Int(text).flatMap(FaultLevel.init(rawValue:)) else { fail(item, "level '\(text)' is not 1, 2, 3 or 4"); return nil }
                            return level
                        })
                    case "outside":
                        // `always`: a desk with no dispatcher at any hour.
                        if value.scalar?.string == "always" { desk.autoDispatch.outside = "always"; continue }
                        desk.autoDispatch.outside = calendarName(value, what: "outside") ?? desk.autoDispatch.outside
                    // Who is told when every on-call engineer let an offer lapse.
                    case "unaccepted": desk.autoDispatch.unaccepted = string(value, what: "unaccepted") ?? desk.autoDispatch.unaccepted
                    default: desk.autoDispatch.acceptWithin = span(value, what: "accept_within") ?? desk.autoDispatch.acceptWithin
                    }
                }
            }
            // Without an office calendar of its own, a policy dispatches automatically only
            // when it says so (`outside: always`).
            if nodes["auto_dispatch"] == nil, calendars[desk.autoDispatch.outside] == nil { desk.autoDispatch.outside = SLAPolicy.roundTheClock }
            if let node = nodes["warranty"], let fields = entries(node, allowed: ["default", "products"], what: "warranty") {
                for (key, _, value) in fields {
                    if key == "default" { desk.warrantyDays = (span(value, what: "the default warranty") ?? desk.warrantyDays * 86_400) / 86_400; continue }
                    guard let products = entries(value, allowed: [], what: "warranty products") else { continue }
                    for (product, _, period) in products {
                        if let seconds = span(period, what: "the warranty of \(product)") { desk.productWarrantyDays[product.lowercased()] = seconds / 86_400 }
                    }
                }
            }
            return desk
        }

        /// `{name: duty supervisor, at: breach, after: 1h, notify: supervisor, timers: [onsite]}`
        mutating func escalationStep(_ node: Node) -> DeskRules.Step? {
            guard let fields = entries(node, allowed: ["name", "at", "after", "notify", "timers"], what: "an escalation step") else { return nil }
            var step = DeskRules.Step(name: "", state: .breached, notify: "", line: node.mark?.line ?? 0)
            for (key, _, value) in fields {
                switch key {
                case "name": step.name = string(value, what: "name") ?? ""
                case "at":
                    switch string(value, what: "at") {
                    case "warning": step.state = .warning
                    case "breach", "breached": step.state = .breached
                    case let other?: fail(value, "at '\(other)' is not a timer state an escalation can start at; use warning or breach")
                    case nil: break
                    }
                case "after": step.after = span(value, what: "after", allowZero: true) ?? 0
                case "notify": step.notify = string(value, what: "notify") ?? ""
                default:
                    step.timers = strings(value, what: "timers").compactMap { text, item in
                        guard let timer = timers.first(where: { $0.name.rawValue == text })?.name else {
                            fail(item, "unknown timer '\(text)'; use \(Self.list(timers.map(\.name.rawValue)))")
                            return nil
                        }
                        return timer
                    }
                }
            }
            if step.notify.isEmpty { fail(node, "an escalation step needs notify: who is told (technician, supervisor, manager, …)"); return nil }
            if step.name.isEmpty { step.name = "\(step.state == .warning ? "warning" : "breach") → \(step.notify)" }
            return step
        }

        /// Rule names identify rules in explanations, and a rule whose timers are all decided by
        /// an earlier, broader rule can never apply: both are mistakes worth stopping for.
        mutating func checkOrder(_ rules: [PolicyRule]) {
            for (index, rule) in rules.enumerated() {
                if let earlier = rules[..<index].first(where: { $0.name == rule.name }) {
                    problems.append(PolicyProblem(line: rule.line, message: "the rule name '\(rule.name)' is already used on line \(earlier.line); names identify rules in explanations"))
                }
                for timer in timers.map(\.name) where rule.timers[timer] != nil {
                    if let earlier = rules[..<index].first(where: { $0.timers[timer] != nil && $0.match.covers(rule.match) }) {
                        problems.append(PolicyProblem(line: rule.line, message: "rule '\(rule.name)' sets \(timer.rawValue), but rule '\(earlier.name)' (line \(earlier.line)) already decides it for every call this rule matches; move this rule above it"))
                    }
                }
            }
        }

        mutating func timeZone(_ node: Node) -> TimeZone? {
            guard let name = string(node, what: "time_zone") else { return nil }
            guard name.contains("/") || name == "UTC", let zone = TimeZone(identifier: name) else {
                fail(node, "unknown time zone '\(name)'; use an IANA name such as Asia/Shanghai")
                return nil
            }
            return zone
        }

        mutating func warningShare(_ node: Node) -> Double? {
            guard let text = string(node, what: "warning_at") else { return nil }
            let number = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
            guard let share = number, share > 0, share < 1 else {
                fail(node, "warning_at '\(text)' must be a share of the target between 0 and 100%, such as 75%")
                return nil
            }
            return share
        }

        /// Dates and date ranges: `2026-10-01` or `2026-10-01..2026-10-07`. An item may also be a
        /// list of them, so that a year's holidays can be added as one line:
        /// `- [2027-01-01, 2027-02-06..2027-02-12]`.
        mutating func dates(_ node: Node, what: String, weekendsOnly: Bool = false) -> Set<LocalDate> {
            guard let list = node.sequence else {
                fail(node, "\(what) must be a list of dates such as 2026-10-01 or 2026-10-01..2026-10-07")
                return []
            }
            var out: Set<LocalDate> = []
            for item in list.flatMap({ $0.sequence.map(Array.init) ?? [$0] }) {
                guard let text = string(item, what: what) else { continue }
                let ends = text.components(separatedBy: "..")
                guard (1...2).contains(ends.count), let first = LocalDate(ends[0]), let last = LocalDate(ends.last!) else {
                    fail(item, "'\(text)' in \(what) is not a date (2026-10-01) or a range of dates (2026-10-01..2026-10-07)")
                    continue
                }
                guard first <= last else { fail(item, "the range '\(text)' in \(what) ends before it starts"); continue }
                guard last.dayNumber - first.dayNumber < 366 else { fail(item, "the range '\(text)' in \(what) is longer than a year"); continue }
                for n in first.dayNumber...last.dayNumber {
                    let date = LocalDate(dayNumber: n)
                    if weekendsOnly, date.weekday < 5 {
                        fail(item, "\(date) is a \(LocalDate.weekdayLabels[date.weekday]); working_days are weekend days worked instead of a holiday")
                        continue
                    }
                    out.insert(date)
                }
            }
            return out
        }

        mutating func calendar(_ name: String, _ node: Node, zone: TimeZone, holidays: Set<LocalDate>, workingDays: Set<LocalDate>) -> BusinessCalendar? {
            guard let fields = entries(node, allowed: ["time_zone", "hours", "holidays", "working_days"], what: "calendar '\(name)'") else { return nil }
            var calendarZone = zone
            var weekly: [[BusinessCalendar.Hours]] = Array(repeating: [], count: 7)
            var ownHolidays = holidays, ownWorkingDays = workingDays
            var sawHours = false
            var hoursNode: Node?
            let problemsBefore = problems.count
            for (key, _, value) in fields {
                switch key {
                case "time_zone": calendarZone = timeZone(value) ?? zone
                case "holidays": ownHolidays.formUnion(dates(value, what: "holidays"))
                case "working_days": ownWorkingDays.formUnion(dates(value, what: "working_days", weekendsOnly: true))
                default:
                    sawHours = true
                    hoursNode = value
                    guard let days = entries(value, allowed: [], what: "hours of calendar '\(name)'") else { continue }
                    for (spec, specNode, hoursNode) in days {
                        guard let indices = weekdays(spec) else {
                            fail(specNode, "'\(spec)' is not a day or days; use mon, tue, … sun, a range such as mon-fri, or a list such as sat,sun")
                            continue
                        }
                        let ranges = strings(hoursNode, what: "opening hours").compactMap { hours($0.0, $0.1) }
                        for index in indices { weekly[index] = (weekly[index] + ranges).sorted { $0.start < $1.start } }
                    }
                }
            }
            if !sawHours { fail(node, "calendar '\(name)' has no 'hours'; give them as, for example, mon-fri: 08:00-18:00") }
            var overlaps: [String] = []
            for (index, day) in weekly.enumerated() {
                for (a, b) in zip(day, day.dropFirst()) where b.start < a.end {
                    let pair = "\(a) and \(b)"
                    if !overlaps.contains(pair) {
                        overlaps.append(pair)
                        fail(hoursNode ?? node, "calendar '\(name)': hours \(pair) overlap (on \(LocalDate.weekdayLabels[index]) and maybe other days)")
                    }
                }
            }
            let calendar = BusinessCalendar(name: name, zone: calendarZone, weekly: weekly, holidays: ownHolidays, workingDays: ownWorkingDays)
            // A calendar whose hours could not be read is not "never open": that would only repeat the problem.
            if sawHours, problems.count == problemsBefore, !calendar.opensAtAll {
                fail(hoursNode ?? node, "calendar '\(name)' is never open, so its deadlines would never come")
            }
            return calendar
        }

        /// `mon`, `mon-fri`, `sat,sun`.
        func weekdays(_ spec: String) -> [Int]? {
            var out: [Int] = []
            for part in spec.lowercased().split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                let ends = part.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
                guard (1...2).contains(ends.count), let a = LocalDate.weekdayNames.firstIndex(of: ends[0]),
                      let b = LocalDate.weekdayNames.firstIndex(of: ends.last!), a <= b else { return nil }
                out += Array(a...b)
            }
            return out.isEmpty ? nil : out
        }

        /// `08:00-18:00`; `24:00` is the end of the day.
        mutating func hours(_ text: String, _ node: Node) -> BusinessCalendar.Hours? {
            func seconds(_ clock: String) -> Int? {
                let parts = clock.trimmingCharacters(in: .whitespaces).split(separator: ":")
                guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
                      m < 60, h < 24 || (h == 24 && m == 0) else { return nil }
                return h * 3600 + m * 60
            }
            let ends = text.split(separator: "-").map(String.init)
            guard ends.count == 2, let start = seconds(ends[0]), let end = seconds(ends[1]), start < end else {
                fail(node, "'\(text)' is not opening hours; write them as 08:00-18:00 (24:00 ends the day)")
                return nil
            }
            return BusinessCalendar.Hours(start: start, end: end)
        }

        mutating func rule(_ node: Node, number: Int, calendars: [String: BusinessCalendar]) -> PolicyRule? {
            let timerKeys = self.timers.map(\.name.rawValue)
            guard let fields = entries(node, allowed: ["name", "when"] + timerKeys, what: "rule \(number)") else { return nil }
            var name = "rule \(number)"
            var match = RuleMatch()
            var timers: [TimerName: TimerTarget] = [:]
            var gaveTimer = false
            for (key, _, value) in fields {
                switch key {
                case "name": name = string(value, what: "a rule's name") ?? name
                case "when": match = self.match(value, rule: number)
                default:
                    gaveTimer = true
                    if let timer = TimerName(rawValue: key), let target = target(value, timer: timer, rule: number, calendars: calendars) {
                        timers[timer] = target
                    }
                }
            }
            if !gaveTimer, !fields.contains(where: { !["name", "when"].contains($0.key) }) {
                fail(node, "rule \(number) (\(name)) sets no timer; give it \(Self.list(self.timers.map(\.name.rawValue)))")
            }
            return PolicyRule(name: name, match: match, timers: timers, line: node.mark?.line ?? 1)
        }

        mutating func match(_ node: Node, rule: Int) -> RuleMatch {
            var match = RuleMatch()
            guard let fields = entries(node, allowed: ["level", "region", "tier", "kind"], what: "'when' of rule \(rule)") else { return match }
            for (key, _, value) in fields {
                let values = strings(value, what: key)
                if values.isEmpty {
                    if value.sequence != nil { fail(value, "'\(key)' in rule \(rule) is an empty list, which matches no call") }
                    continue
                }
                switch key {
                case "level":
                    var levels: Set<Int> = []
                    for (text, item) in values {
                        if text == "none" { levels.insert(RuleMatch.noLevel); continue }
                        guard let level = Int(text), FaultLevel(rawValue: level) != nil else {
                            fail(item, "level '\(text)' must be 1, 2, 3, 4 or none"); continue
                        }
                        levels.insert(level)
                    }
                    match.levels = levels
                default:
                    // Calls carry these as single words (letters, digits, '-', '_'), lower case.
                    var words: Set<String> = []
                    for (text, item) in values {
                        guard text.count <= 32, text.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" || $0 == "_" }) else {
                            fail(item, "\(key) '\(text)' can never match: calls give a \(key) as one word of letters, digits, '-' or '_'")
                            continue
                        }
                        words.insert(text.lowercased())
                    }
                    if key == "region" { match.regions = words } else if key == "tier" { match.tiers = words } else { match.kinds = words }
                }
            }
            return match
        }

        /// `24h`, or `{within: 8h, calendar: office, breach: substitute owed, warning_at: 90%}`.
        mutating func target(_ node: Node, timer: TimerName, rule: Int, calendars: [String: BusinessCalendar]) -> TimerTarget? {
            var within: (String, Node)?
            var calendar = SLAPolicy.roundTheClock
            var breach: String?
            var share: Double?
            if node.scalar?.string == "none" { return .noPromise }
            if node.scalar != nil {
                within = string(node, what: "\(timer.rawValue) target").map { ($0, node) }
            } else if let fields = entries(node, allowed: ["within", "calendar", "breach", "warning_at"], what: "\(timer.rawValue) of rule \(rule)") {
                for (key, _, value) in fields {
                    switch key {
                    case "within": within = string(value, what: "within").map { ($0, value) }
                    case "calendar":
                        if let name = string(value, what: "calendar") {
                            if calendars[name] == nil {
                                fail(value, "calendar '\(name)' is not defined; define it under 'calendars' or use 24x7")
                            }
                            calendar = name
                        }
                    case "warning_at": share = warningShare(value)
                    default: breach = string(value, what: "breach")
                    }
                }
            }
            guard let (text, where_) = within else {
                fail(node, "\(timer.rawValue) of rule \(rule) needs a target such as 24h ('within')")
                return nil
            }
            guard let seconds = DurationText.seconds(text) else {
                fail(where_, "'\(text)' is not a duration; write it as 30m, 8h, 2d or 1h30m (or none: no such promise)")
                return nil
            }
            guard seconds > 0 else { fail(where_, "the \(timer.rawValue) target must be longer than zero"); return nil }
            guard seconds <= 365 * 86_400 else { fail(where_, "the \(timer.rawValue) target '\(text)' is longer than a year"); return nil }
            return TimerTarget(seconds: seconds, calendar: calendar, breach: breach, warningShare: share)
        }
    }
}
