import Foundation
import Synchronization
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
    /// Format 4 added `label:` on rules and escalation steps (how each is shown in a language,
    /// `label: {zh: 值班主管}`; its name still identifies it) and so no longer lets a new timer be
    /// named `label`. A format 3 file reads the same, but a build that reads only format 3 would
    /// refuse the key on replay, so it must say "upgrade callboard" instead.
    /// Format 5 lets a rule's `breach:` be given per language (`breach: {en: substitute owed,
    /// zh: 应提供备用机}`), as labels are; a format 4 file reads the same. Format 5 is not released
    /// yet, so what issue 14 adds goes in it: `causes:`, and `accept:` with the milestones
    /// `assigned` and `accepted` (taking a job).
    public static let formatVersion = 5

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
        // A process reads the same few policies again and again (the built-in one as the
        // runtime's default, and again from the journal's snapshot): a start pays for one parse.
        // Policies are immutable, so one parsed instance serves every reader of the same text.
        // A text that reads as a policy file reads the same from the journal (a file's policy
        // cannot carry what a recorded one drops), so a file's parse serves both.
        if let known = parsed.withLock({ $0[Parsed(text: text, recorded: recorded)] ?? (recorded ? $0[Parsed(text: text, recorded: false)] : nil) }) {
            return known
        }
        let policy = try parseAfresh(text, recorded: recorded)
        parsed.withLock { memo in
            if memo.count >= 16 { memo.removeAll() }
            memo[Parsed(text: text, recorded: recorded)] = policy
        }
        return policy
    }

    private struct Parsed: Hashable {
        let text: String
        let recorded: Bool
    }
    private static let parsed = Mutex<[Parsed: SLAPolicy]>([:])

    private static func parseAfresh(_ text: String, recorded: Bool) throws(PolicyProblems) -> SLAPolicy {
        var reader = Reader(recorded: recorded)
        let root: Node
        do {
            // Every value is read as the text it is written as (the reader gives it its meaning),
            // so YAML's guessing of bools, numbers and dates (a regular expression per scalar,
            // most of a parse) is not asked for.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                throw PolicyProblems(problems: [PolicyProblem(line: 1, text: PolicyText.empty())])
            }
            root = node
        } catch let problems as PolicyProblems {
            throw problems
        } catch let error as YamlError {
            throw PolicyProblems(problems: [Reader.problem(from: error, in: text)])
        } catch {
            throw PolicyProblems(problems: [PolicyProblem(line: 1, text: PolicyText.notReadable(["error": "\(error)"]))])
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

        mutating func fail(_ node: Node?, _ text: Message) {
            problems.append(PolicyProblem(line: node?.mark?.line ?? 1, text: text))
        }

        /// A problem on a line of its own (a rule's, a step's, a timer's).
        mutating func fail(line: Int, _ text: Message) {
            problems.append(PolicyProblem(line: line, text: text))
        }

        static func problem(from error: YamlError, in text: String) -> PolicyProblem {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                return PolicyProblem(line: mark.line, text: PolicyText.invalidYAML(["problem": .text(problem)]))
            case .duplicatedKeysInMapping(let duplicates, let context):
                // Point at the second time the key is written, after the mapping's start.
                let key = duplicates.sorted().first ?? ""
                let lines = text.components(separatedBy: "\n")
                let uses = lines.indices.filter { $0 + 1 >= context.mark.line && lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix(key + ":") }
                let line = (uses.count > 1 ? uses[1] : uses.first).map { $0 + 1 } ?? context.mark.line
                return PolicyProblem(line: line, text: PolicyText.givenTwice(["key": .text(key)]))
            default:
                return PolicyProblem(line: 1, text: PolicyText.invalidYAMLPlain())
            }
        }

        /// The entries of a mapping, with unknown keys reported.
        mutating func entries(_ node: Node, allowed: [String], what: Message.Argument) -> [(key: String, keyNode: Node, value: Node)]? {
            guard let mapping = node.mapping else {
                fail(node, PolicyText.notMapping(["what": what]))
                return nil
            }
            var out: [(String, Node, Node)] = []
            for (keyNode, value) in mapping {
                guard let key = keyNode.string else { fail(keyNode, PolicyText.keysNotWords(["what": what])); continue }
                if !allowed.isEmpty, !allowed.contains(key) {
                    fail(keyNode, PolicyText.unknownKeyIn(["key": .text(key), "what": what, "keys": DeskText.either(allowed)]))
                    continue
                }
                out.append((key, keyNode, value))
            }
            return out
        }

        mutating func string(_ node: Node, what: Message.Argument) -> String? {
            guard let text = node.scalar?.string, !text.isEmpty else {
                fail(node, PolicyText.notSingleValue(["what": what]))
                return nil
            }
            return text
        }

        /// A single value or a list of values.
        mutating func strings(_ node: Node, what: Message.Argument) -> [(String, Node)] {
            if let sequence = node.sequence {
                return sequence.compactMap { item in string(item, what: what).map { ($0, item) } }
            }
            return string(node, what: what).map { [($0, node)] } ?? []
        }

        mutating func policy(_ root: Node, source: String) -> SLAPolicy? {
            guard let top = entries(root, allowed: ["time_zone", "warning_at", "holidays", "working_days", "calendars", "rules",
                                                    "shifts", "escalations", "notify", "auto_dispatch", "warranty", "aliases", "timers", "causes",
                                                    "accept", "progress", "followup"],
                                      what: .message(PolicyText.whatPolicy())) else { return nil }
            var deskNodes: [String: Node] = [:]
            var zone = TimeZone(identifier: "Asia/Shanghai")!
            var share = 0.75
            var holidays: Set<LocalDate> = [], workingDays: Set<LocalDate> = []
            var calendarNodes: Node?, ruleNodes: Node?, aliasNodes: Node?, timerNodes: Node?, causeNodes: Node?, acceptNode: Node?, progressNode: Node?, followUpNode: Node?
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
                case "causes": causeNodes = value
                case "accept": acceptNode = value
                case "progress": progressNode = value
                case "followup": followUpNode = value
                case "shifts", "escalations", "notify", "auto_dispatch", "warranty": deskNodes[key] = value
                default: fail(keyNode, PolicyText.unknownKey(["key": .text(key)]))
                }
            }
            var calendars: [String: BusinessCalendar] = [SLAPolicy.roundTheClock: .roundTheClock(zone: zone)]
            if let calendarNodes, let defined = entries(calendarNodes, allowed: [], what: "calendars") {
                for (name, keyNode, value) in defined {
                    if name == SLAPolicy.roundTheClock { fail(keyNode, PolicyText.calendarBuiltIn()); continue }
                    if let calendar = calendar(name, value, zone: zone, holidays: holidays, workingDays: workingDays) {
                        calendars[name] = calendar
                    }
                }
            }
            // Before the rules and the escalation steps, which name the timers.
            if let timerNodes { timers = timerDefinitions(timerNodes, share: share) }
            // `accept:` asks every assignment to wait for its engineer: the accept timer, for
            // the rules to set too, then its rule for every call and its escalation step.
            var acceptance: Acceptance?
            if let acceptNode { acceptance = self.acceptance(acceptNode, calendars: calendars) }
            // `progress:` times every job from its latest update: a stalled call.
            let progress = progressNode.flatMap { self.progress($0, calendars: calendars) }
            // `followup:` calls the customer back after each fix (回访).
            let followUp = followUpNode.flatMap { self.followUp($0, calendars: calendars) }
            guard let ruleNodes else {
                fail(root, PolicyText.noRules())
                return nil
            }
            guard let list = ruleNodes.sequence, !list.isEmpty else {
                fail(ruleNodes, PolicyText.rulesNotList())
                return nil
            }
            var rules = list.enumerated().compactMap { rule($1, number: $0 + 1, calendars: calendars) }
            // Every desk promises an answer: the response timer, when the policy has one.
            if !rules.isEmpty, timers.contains(where: { $0.name == .response }),
               !rules.contains(where: { $0.timers[.response].map { !$0.isNone } ?? false }) {
                fail(ruleNodes, PolicyText.noResponseRule())
            }
            checkOrder(rules)
            if let acceptance, !rules.isEmpty { rules.append(acceptanceRule(acceptance, besides: rules)) }
            if let progress, !rules.isEmpty { rules.append(progressRule(progress, besides: rules)) }
            if let followUp, !rules.isEmpty { rules.append(followUpRule(followUp.target, line: followUp.rules.line, besides: rules)) }
            if let timerNodes, !rules.isEmpty { checkEverySet(rules, timerNodes) }
            var desk = deskRules(deskNodes, calendars: calendars.merging(DeskRules.standardCalendars(zone: zone)) { own, _ in own })
            if let acceptance { addAcceptanceStep(acceptance, to: &desk) }
            if let followUp { desk.followUp = followUp.rules }
            if let progress { desk.progress = DeskRules.Progress(within: progress.target.seconds, calendar: progress.target.calendar, line: progress.line) }
            let aliases = aliasNodes.map { self.aliases($0, rules: rules) } ?? [:]
            let causes = causeNodes.map { self.causes($0) } ?? CauseDefinition.builtIn
            return SLAPolicy(source: source, zone: zone, warningShare: share, calendars: calendars, rules: rules, timers: timers, desk: desk,
                             aliases: aliases, causes: causes)
        }

        /// A span such as 15m or 1h30m; `what` names it in the problem.
        mutating func span(_ node: Node, what: Message.Argument, allowZero: Bool = false) -> Int? {
            guard let text = string(node, what: what) else { return nil }
            guard let seconds = DurationText.seconds(text), allowZero || seconds > 0 else {
                fail(node, PolicyText.notSpan(["what": what, "text": .text(text)]))
                return nil
            }
            return seconds
        }

        /// shifts, escalations, auto_dispatch and warranty: each optional, each with the
        /// standard desk's rules where it is not given; notify only in a recorded policy.
        mutating func deskRules(_ nodes: [String: Node], calendars: [String: BusinessCalendar]) -> DeskRules {
            var desk = DeskRules.standard
            func calendarName(_ node: Node, what: Message.Argument) -> String? {
                guard let name = string(node, what: what) else { return nil }
                guard calendars[name] != nil else {
                    fail(node, PolicyText.shiftCalendarUndefined(["name": .text(name)]))
                    return nil
                }
                return name
            }
            if let node = nodes["shifts"], let fields = entries(node, allowed: ["day", "night", "oncall"], what: "shifts") {
                for (key, _, value) in fields {
                    if let name = calendarName(value, what: .message(PolicyText.whatShiftCalendar(["shift": .text(key)]))) { desk.shifts[Shift(rawValue: key)!] = name }
                }
            }
            if let node = nodes["escalations"], let fields = entries(node, allowed: ["repeat", "steps"], what: "escalations") {
                for (key, _, value) in fields {
                    if key == "repeat" { desk.repeatEvery = span(value, what: "repeat") ?? desk.repeatEvery; continue }
                    guard let list = value.sequence else { fail(value, PolicyText.stepsNotList()); continue }
                    desk.steps = list.compactMap { escalationStep($0) }
                    // A step is known by its name: two with one name would fire as one.
                    for (index, step) in desk.steps.enumerated() {
                        if let earlier = desk.steps[..<index].first(where: { $0.name == step.name }) {
                            fail(line: step.line, PolicyText.stepNameUsed(["name": .text(step.name), "line": "\(earlier.line)"]))
                        }
                    }
                }
            }
            if let node = nodes["notify"], !recorded {
                fail(node, PolicyText.notifyMoved(["shape": "{command, timeout, retries}"]))
            }
            if let node = nodes["auto_dispatch"], let fields = entries(node, allowed: ["levels", "outside", "accept_within", "unaccepted"], what: "auto_dispatch") {
                for (key, _, value) in fields {
                    switch key {
                    case "levels":
                        desk.autoDispatch.levels = Set(strings(value, what: "levels").compactMap { text, item in
                            guard let level = Int(text).flatMap(FaultLevel.init(rawValue:)) else { fail(item, PolicyText.levelNot1to4(["text": .text(text)])); return nil }
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
            if let node = nodes["warranty"], let fields = entries(node, allowed: ["default", "products", "repeat_within", "first_visit_within", "visit_every"], what: "warranty") {
                for (key, _, value) in fields {
                    if key == "repeat_within" { desk.repeatWithin = span(value, what: "repeat_within") ?? desk.repeatWithin; continue }
                    if key == "first_visit_within" { desk.firstVisitWithin = span(value, what: "first_visit_within", allowZero: true) ?? desk.firstVisitWithin; continue }
                    if key == "visit_every" { desk.visitEvery = span(value, what: "visit_every", allowZero: true) ?? desk.visitEvery; continue }
                    if key == "default" { desk.warrantyDays = (span(value, what: .message(PolicyText.whatDefaultWarranty())) ?? desk.warrantyDays * 86_400) / 86_400; continue }
                    guard let products = entries(value, allowed: [], what: .message(PolicyText.whatWarrantyProducts())) else { continue }
                    for (product, _, period) in products {
                        if let seconds = span(period, what: .message(PolicyText.whatProductWarranty(["product": .text(product)]))) { desk.productWarrantyDays[product.lowercased()] = seconds / 86_400 }
                    }
                }
            }
            return desk
        }

        /// `{name: duty supervisor, at: breach, after: 1h, notify: supervisor, timers: [onsite]}`
        mutating func escalationStep(_ node: Node) -> DeskRules.Step? {
            guard let fields = entries(node, allowed: ["name", "label", "at", "after", "notify", "timers"], what: .message(PolicyText.whatStep())) else { return nil }
            var labelNode: Node?
            var step = DeskRules.Step(name: "", state: .breached, notify: "", line: node.mark?.line ?? 0)
            for (key, _, value) in fields {
                switch key {
                case "name": step.name = string(value, what: "name") ?? ""
                case "label": labelNode = value
                case "at":
                    switch string(value, what: "at") {
                    case "warning": step.state = .warning
                    case "breach", "breached": step.state = .breached
                    case let other?: fail(value, PolicyText.atNotState(["text": .text(other)]))
                    case nil: break
                    }
                case "after": step.after = span(value, what: "after", allowZero: true) ?? 0
                case "notify": step.notify = string(value, what: "notify") ?? ""
                default:
                    step.timers = strings(value, what: "timers").compactMap { text, item in
                        guard let timer = timers.first(where: { $0.name.rawValue == text })?.name else {
                            fail(item, PolicyText.unknownTimer(["text": .text(text), "timers": DeskText.either(timers.map(\.name.rawValue))]))
                            return nil
                        }
                        return timer
                    }
                }
            }
            if step.notify.isEmpty { fail(node, PolicyText.stepNeedsNotify()); return nil }
            if step.name.isEmpty { step.name = "\(step.state == .warning ? "warning" : "breach") → \(step.notify)" }
            if let labelNode { step.labels = labels(labelNode, of: PolicyText.ownerStep(["name": .text(step.name)])) }
            return step
        }

        /// Rule names identify rules in explanations, and a rule whose timers are all decided by
        /// an earlier, broader rule can never apply: both are mistakes worth stopping for.
        mutating func checkOrder(_ rules: [PolicyRule]) {
            for (index, rule) in rules.enumerated() {
                if let earlier = rules[..<index].first(where: { $0.name == rule.name }) {
                    fail(line: rule.line, PolicyText.ruleNameUsed(["name": .text(rule.name), "line": "\(earlier.line)"]))
                }
                for timer in timers.map(\.name) where rule.timers[timer] != nil {
                    if let earlier = rules[..<index].first(where: { $0.timers[timer] != nil && $0.match.covers(rule.match) }) {
                        fail(line: rule.line, PolicyText.ruleShadowed(["rule": .text(rule.name), "timer": .text(timer.rawValue), "earlier": .text(earlier.name),
                                                                       "line": "\(earlier.line)"]))
                    }
                }
            }
        }

        mutating func timeZone(_ node: Node) -> TimeZone? {
            guard let name = string(node, what: "time_zone") else { return nil }
            guard name.contains("/") || name == "UTC", let zone = TimeZone(identifier: name) else {
                fail(node, PolicyText.unknownZone(["text": .text(name)]))
                return nil
            }
            return zone
        }

        mutating func warningShare(_ node: Node) -> Double? {
            guard let text = string(node, what: "warning_at") else { return nil }
            let number = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
            guard let share = number, share > 0, share < 1 else {
                fail(node, PolicyText.badWarningShare(["text": .text(text)]))
                return nil
            }
            return share
        }

        /// Dates and date ranges: `2026-10-01` or `2026-10-01..2026-10-07`. An item may also be a
        /// list of them, so that a year's holidays can be added as one line:
        /// `- [2027-01-01, 2027-02-06..2027-02-12]`.
        mutating func dates(_ node: Node, what: String, weekendsOnly: Bool = false) -> Set<LocalDate> {
            let what = Message.Argument.text(what)
            guard let list = node.sequence else {
                fail(node, PolicyText.datesNotList(["what": what]))
                return []
            }
            var out: Set<LocalDate> = []
            for item in list.flatMap({ $0.sequence.map(Array.init) ?? [$0] }) {
                guard let text = string(item, what: what) else { continue }
                let ends = text.components(separatedBy: "..")
                guard (1...2).contains(ends.count), let first = LocalDate(ends[0]), let last = LocalDate(ends.last!) else {
                    fail(item, PolicyText.notDate(["text": .text(text), "what": what]))
                    continue
                }
                guard first <= last else { fail(item, PolicyText.rangeBackwards(["text": .text(text), "what": what])); continue }
                guard last.dayNumber - first.dayNumber < 366 else { fail(item, PolicyText.rangeTooLong(["text": .text(text), "what": what])); continue }
                for n in first.dayNumber...last.dayNumber {
                    let date = LocalDate(dayNumber: n)
                    if weekendsOnly, date.weekday < 5 {
                        fail(item, PolicyText.workingDayNotWeekend(["date": "\(date)", "weekday": .message(LocalDate.weekdayText(date.weekday))]))
                        continue
                    }
                    out.insert(date)
                }
            }
            return out
        }

        mutating func calendar(_ name: String, _ node: Node, zone: TimeZone, holidays: Set<LocalDate>, workingDays: Set<LocalDate>) -> BusinessCalendar? {
            guard let fields = entries(node, allowed: ["time_zone", "hours", "holidays", "working_days"],
                                       what: .message(PolicyText.whatCalendar(["name": .text(name)]))) else { return nil }
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
                    guard let days = entries(value, allowed: [], what: .message(PolicyText.whatCalendarHours(["name": .text(name)]))) else { continue }
                    for (spec, specNode, hoursNode) in days {
                        guard let indices = weekdays(spec) else {
                            fail(specNode, PolicyText.notDays(["text": .text(spec)]))
                            continue
                        }
                        let ranges = strings(hoursNode, what: .message(PolicyText.whatOpeningHours())).compactMap { hours($0.0, $0.1) }
                        for index in indices { weekly[index] = (weekly[index] + ranges).sorted { $0.start < $1.start } }
                    }
                }
            }
            if !sawHours { fail(node, PolicyText.noHours(["name": .text(name)])) }
            var overlaps: [String] = []
            for (index, day) in weekly.enumerated() {
                for (a, b) in zip(day, day.dropFirst()) where b.start < a.end {
                    let pair = "\(a) and \(b)"
                    if !overlaps.contains(pair) {
                        overlaps.append(pair)
                        fail(hoursNode ?? node, PolicyText.hoursOverlap(["name": .text(name), "first": "\(a)", "second": "\(b)",
                                                                         "weekday": .message(LocalDate.weekdayText(index))]))
                    }
                }
            }
            let calendar = BusinessCalendar(name: name, zone: calendarZone, weekly: weekly, holidays: ownHolidays, workingDays: ownWorkingDays)
            // A calendar whose hours could not be read is not "never open": that would only repeat the problem.
            if sawHours, problems.count == problemsBefore, !calendar.opensAtAll {
                fail(hoursNode ?? node, PolicyText.neverOpen(["name": .text(name)]))
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
                fail(node, PolicyText.notHours(["text": .text(text)]))
                return nil
            }
            return BusinessCalendar.Hours(start: start, end: end)
        }

        mutating func rule(_ node: Node, number: Int, calendars: [String: BusinessCalendar]) -> PolicyRule? {
            let timerKeys = self.timers.map(\.name.rawValue)
            // `label` is a rule's label unless the policy names a timer so, which only a policy
            // recorded before labels could (format 3).
            let labelKey = timerKeys.contains("label") ? [] : ["label"]
            guard let fields = entries(node, allowed: ["name", "when"] + timerKeys + labelKey,
                                       what: .message(PolicyText.whatRule(["number": "\(number)"]))) else { return nil }
            var name = "rule \(number)"
            var match = RuleMatch()
            var timers: [TimerName: TimerTarget] = [:]
            var gaveTimer = false
            var labelNode: Node?
            for (key, _, value) in fields {
                switch key {
                case "name": name = string(value, what: .message(PolicyText.whatRuleName())) ?? name
                case "when": match = self.match(value, rule: number)
                case "label" where labelKey == ["label"]: labelNode = value
                default:
                    gaveTimer = true
                    if let timer = TimerName(rawValue: key), let target = target(value, timer: timer, rule: number, calendars: calendars) {
                        timers[timer] = target
                    }
                }
            }
            if !gaveTimer {
                fail(node, PolicyText.ruleSetsNoTimer(["number": "\(number)", "name": .text(name), "timers": DeskText.either(self.timers.map(\.name.rawValue))]))
            }
            let shown = labelNode.map { labels($0, of: PolicyText.ownerRule(["name": .text(name)])) } ?? [:]
            return PolicyRule(name: name, match: match, timers: timers, labels: shown, line: node.mark?.line ?? 1)
        }

        mutating func match(_ node: Node, rule: Int) -> RuleMatch {
            var match = RuleMatch()
            guard let fields = entries(node, allowed: ["level", "region", "tier", "kind"],
                                       what: .message(PolicyText.whatRuleWhen(["number": "\(rule)"]))) else { return match }
            for (key, _, value) in fields {
                let values = strings(value, what: .text(key))
                if values.isEmpty {
                    if value.sequence != nil { fail(value, PolicyText.emptyList(["key": .text(key), "number": "\(rule)"])) }
                    continue
                }
                switch key {
                case "level":
                    var levels: Set<Int> = []
                    for (text, item) in values {
                        if text == "none" { levels.insert(RuleMatch.noLevel); continue }
                        guard let level = Int(text), FaultLevel(rawValue: level) != nil else {
                            fail(item, PolicyText.levelOrNone(["text": .text(text)])); continue
                        }
                        levels.insert(level)
                    }
                    match.levels = levels
                default:
                    // Calls carry these as single words (letters, digits, '-', '_'), lower case.
                    var words: Set<String> = []
                    for (text, item) in values {
                        guard text.count <= 32, text.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" || $0 == "_" }) else {
                            fail(item, PolicyText.neverMatches(["key": .text(key), "text": .text(text)]))
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
            var breachLabels: [String: String] = [:]
            var share: Double?
            if node.scalar?.string == "none" { return .noPromise }
            if node.scalar != nil {
                within = string(node, what: .message(PolicyText.whatTarget(["timer": .text(timer.rawValue)]))).map { ($0, node) }
            } else if let fields = entries(node, allowed: ["within", "calendar", "breach", "warning_at"],
                                           what: .message(PolicyText.whatRuleTimer(["timer": .text(timer.rawValue), "number": "\(rule)"]))) {
                for (key, _, value) in fields {
                    switch key {
                    case "within": within = string(value, what: "within").map { ($0, value) }
                    case "calendar":
                        if let name = string(value, what: "calendar") {
                            if calendars[name] == nil {
                                fail(value, PolicyText.calendarUndefined(["name": .text(name)]))
                            }
                            calendar = name
                        }
                    case "warning_at": share = warningShare(value)
                    default: (breach, breachLabels) = breachWords(value)
                    }
                }
            }
            guard let (text, where_) = within else {
                fail(node, PolicyText.needsTarget(["timer": .text(timer.rawValue), "number": "\(rule)"]))
                return nil
            }
            guard let seconds = DurationText.seconds(text) else {
                fail(where_, PolicyText.notDuration(["text": .text(text)]))
                return nil
            }
            guard seconds > 0 else { fail(where_, PolicyText.targetZero(["timer": .text(timer.rawValue)])); return nil }
            guard seconds <= 365 * 86_400 else { fail(where_, PolicyText.targetTooLong(["timer": .text(timer.rawValue), "text": .text(text)])); return nil }
            var target = TimerTarget(seconds: seconds, calendar: calendar, breach: breach, warningShare: share)
            target.breachLabels = breachLabels
            return target
        }

        /// `breach: substitute owed`, or per language as labels are: `breach: {en: substitute
        /// owed, zh: 应提供备用机}`. The words as written (English where given) are what JSON and
        /// the journal keep; the others are how each interface says them.
        mutating func breachWords(_ node: Node) -> (String?, [String: String]) {
            if node.scalar != nil { return (string(node, what: "breach"), [:]) }
            guard let fields = entries(node, allowed: TimerDefinition.labelLanguages, what: "breach") else { return (nil, [:]) }
            var words: [String: String] = [:]
            for (language, _, value) in fields {
                if let text = string(value, what: .text("breach \(language)")) { words[language] = text }
            }
            return (words["en"] ?? words.sorted { $0.key < $1.key }.first?.value, words)
        }
    }
}
