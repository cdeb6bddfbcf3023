import Foundation

/// The desk's promises as data: calendars, and rules that give each of a call's timers a
/// target and a calendar. Loaded from a YAML policy file; recorded in the journal in full when
/// adopted, so that every console and every replay computes the same deadlines.
///
/// Immutable, and a class so that looking one up for each of a hundred thousand calls costs a
/// reference, not a copy of its rules and calendars.
public final class SLAPolicy: Equatable, Sendable {
    /// The file's text exactly as written: what the journal keeps.
    public let source: String
    /// The desk's time zone: deadlines are shown with its offset.
    public let zone: TimeZone
    /// Share of a target after which a running timer shows as a warning.
    public let warningShare: Double
    public let calendars: [String: BusinessCalendar]
    public let rules: [PolicyRule]
    /// The promises it makes, in the order the queue shows them: its `timers:` section, or the
    /// built-in response, onsite and restore.
    public let timers: [TimerDefinition]
    /// Shifts, escalations, the notification hook, auto-dispatch and warranty.
    public let desk: DeskRules
    /// The tiers, kinds and regions the rules name, and the aliases a desk may type for them.
    public let vocabulary: PolicyVocabulary
    /// The causes of faults recorded when a call is fixed (`causes:`, or the built-in list).
    public let causes: [CauseDefinition]
    /// The rules compiled for matching a hundred thousand calls: level bitmasks, short word
    /// lists, and which timers each sets.
    private let compiled: [CompiledRule]
    /// For rule r and timer t (its place in `timers`), `slots[r * timers.count + t]` is the
    /// timer's decision under that rule as a position in `decisions`, or -1 when the rule does
    /// not set it.
    private let slots: [Int32]
    /// What each rule decides for each timer it sets: lent out, not copied, per call (the
    /// target itself stays in the rule).
    private let decisions: [(spec: TimerSpec, calendar: BusinessCalendar, isNone: Bool)]

    public init(source: String, zone: TimeZone, warningShare: Double, calendars: [String: BusinessCalendar], rules: [PolicyRule],
                timers: [TimerDefinition] = TimerDefinition.builtIn, desk: DeskRules = .standard, aliases: [Field: [String: String]] = [:],
                causes: [CauseDefinition] = CauseDefinition.builtIn) {
        self.source = source
        self.causes = causes.isEmpty ? CauseDefinition.builtIn : causes
        self.zone = zone
        self.warningShare = warningShare
        // The shift calendars are there even when a policy does not define its own.
        let calendars = calendars.merging(DeskRules.standardCalendars(zone: zone)) { own, _ in own }
        self.calendars = calendars
        self.rules = rules
        // The parser never gives more; a policy built in code keeps the first `limit`.
        let timers = Array(timers.prefix(TimerDefinition.limit))
        self.timers = timers
        self.desk = desk
        vocabulary = PolicyVocabulary(rules: rules, aliases: aliases)
        let roundTheClock = calendars[Self.roundTheClock] ?? .roundTheClock(zone: zone)
        var decisions: [(spec: TimerSpec, calendar: BusinessCalendar, isNone: Bool)] = []
        var slots: [Int32] = []
        slots.reserveCapacity(rules.count * timers.count)
        compiled = rules.enumerated().map { index, rule in
            var sets: UInt32 = 0
            for (place, timer) in timers.enumerated() {
                guard let target = rule.timers[timer.name] else { slots.append(-1); continue }
                let spec = TimerSpec(name: timer.name, target: target.seconds, calendar: target.calendar, rule: rule.name, ruleIndex: index,
                                     breach: target.breach, warningShare: target.warningShare ?? timer.warningShare ?? warningShare,
                                     starts: timer.starts, stops: MilestoneSet(timer.stops))
                decisions.append((spec, calendars[target.calendar] ?? roundTheClock, target.isNone))
                slots.append(Int32(decisions.count - 1))
                sets |= 1 << UInt32(place)
            }
            return CompiledRule(rule.match, sets: sets)
        }
        self.slots = slots
        self.decisions = decisions
    }

    public static func == (a: SLAPolicy, b: SLAPolicy) -> Bool {
        a === b || (a.source == b.source && a.zone == b.zone && a.warningShare == b.warningShare && a.rules == b.rules
                    && a.timers == b.timers && a.calendars == b.calendars && a.desk == b.desk && a.vocabulary == b.vocabulary && a.causes == b.causes)
    }

    /// Whether someone on `shift` is working at `instant`, by the policy's shift calendars.
    public func isOnDuty(_ shift: Shift, at instant: Date) -> Bool {
        guard let name = desk.shifts[shift], let calendar = calendars[name] else { return shift == .oncall }
        return calendar.isOpen(at: instant)
    }

    /// The name of the built-in round-the-clock calendar.
    public static let roundTheClock = "24x7"

    /// For each timer, the first rule that matches the call and sets that timer (and where that
    /// rule stands). A rule that sets a timer to `none` decides that the call has no such promise.
    public func target(for timer: TimerName, of call: CallAttributes) -> (index: Int, rule: PolicyRule, target: TimerTarget)? {
        resolve(call).first { $0.timer == timer }.map { ($0.index, rules[$0.index], $0.target) }
    }

    /// Every timer's target for a call, in one pass over the rules (each rule is matched once).
    public func resolve(_ call: CallAttributes) -> [(timer: TimerName, index: Int, target: TimerTarget)] {
        var out: [(timer: TimerName, index: Int, target: TimerTarget)] = []
        forEachDecision(for: call, includingNone: true) { spec, _ in
            out.append((spec.name, spec.ruleIndex, rules[spec.ruleIndex].timers[spec.name]!))
        }
        return out.filter { !$0.target.isNone }
    }

    /// Hands each timer's decision (its spec and calendar) for a call to `body`, in timer order,
    /// matching each rule at most once and allocating nothing: this runs for every call. The
    /// decisions so far live in a small buffer on the stack, one place per timer.
    func forEachDecision(for call: CallAttributes, includingNone: Bool = false, _ body: (TimerSpec, BusinessCalendar) -> Void) {
        let count = timers.count
        guard count > 0 else { return }
        let levelBit = UInt8(1) << UInt8(call.level?.rawValue ?? RuleMatch.noLevel)
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: count) { decision in
            decision.initialize(repeating: -1)
            // Bit t: timer t has no rule yet (at most TimerDefinition.limit timers, so it fits).
            var undecided: UInt32 = (1 << UInt32(count)) - 1
            compiled.withUnsafeBufferPointer { rules in
                slots.withUnsafeBufferPointer { slots in
                    for index in rules.indices where undecided & rules[index].sets != 0 {
                        guard rules[index].matches(levelBit, call) else { continue }
                        var fresh = undecided & rules[index].sets
                        undecided &= ~fresh
                        while fresh != 0 {
                            let place = fresh.trailingZeroBitCount
                            decision[place] = slots[index * count + place]
                            fresh &= fresh - 1
                        }
                        if undecided == 0 { break }
                    }
                }
            }
            decisions.withUnsafeBufferPointer { decisions in
                for position in decision where position >= 0 {
                    let place = Int(position)
                    if includingNone || !decisions[place].isNone { body(decisions[place].spec, decisions[place].calendar) }
                }
            }
        }
    }

    /// The timer the policy defines by that name.
    public func timer(named name: TimerName) -> TimerDefinition? { timers.first { $0.name == name } }

    public func calendar(named name: String) -> BusinessCalendar {
        calendars[name] ?? .roundTheClock(zone: zone)
    }
}

/// A rule's conditions in the form matched fastest: a bitmask of levels, short word lists.
private struct CompiledRule {
    /// Bit n for level n (bit 0: no level yet); all bits when the rule does not ask.
    let levels: UInt8
    let regions: [String]?
    let tiers: [String]?
    let kinds: [String]?
    /// Bit t: the rule sets the policy's timer t.
    let sets: UInt32

    init(_ match: RuleMatch, sets: UInt32) {
        levels = match.levels.map { $0.reduce(UInt8(0)) { $0 | (1 << UInt8($1)) } } ?? .max
        regions = match.regions.map { Array($0) }
        tiers = match.tiers.map { Array($0) }
        kinds = match.kinds.map { Array($0) }
        self.sets = sets
    }

    func matches(_ levelBit: UInt8, _ call: CallAttributes) -> Bool {
        guard levels & levelBit != 0 else { return false }
        if let regions { guard let region = call.region, regions.contains(region) else { return false } }
        if let tiers { guard let tier = call.tier, tiers.contains(tier) else { return false } }
        if let kinds { guard let kind = call.kind, kinds.contains(kind) else { return false } }
        return true
    }
}

/// What a rule can match on.
public struct CallAttributes: Equatable, Sendable {
    public var level: FaultLevel?
    public var region: String?
    public var tier: String?
    public var kind: String?

    public init(level: FaultLevel?, region: String?, tier: String?, kind: String?) {
        self.level = level
        self.region = region
        self.tier = tier
        self.kind = kind
    }
}

public struct PolicyRule: Equatable, Sendable {
    /// What identifies the rule: in events, explanations and problems, in every language.
    public var name: String
    public var match: RuleMatch
    public var timers: [TimerName: TimerTarget]
    /// How the rule is shown, by interface language (`label:`), when not by its name.
    public var labels: [String: String]
    /// Where the rule starts in the policy file.
    public var line: Int

    public init(name: String, match: RuleMatch, timers: [TimerName: TimerTarget], labels: [String: String] = [:], line: Int) {
        self.name = name
        self.match = match
        self.timers = timers
        self.labels = labels
        self.line = line
    }
}

/// Conditions on a call; an absent condition matches anything. A level condition may include
/// "none" for calls whose level is not yet known.
public struct RuleMatch: Equatable, Sendable {
    public var levels: Set<Int>?
    public var regions: Set<String>?
    public var tiers: Set<String>?
    public var kinds: Set<String>?

    public static let noLevel = 0

    public func matches(_ call: CallAttributes) -> Bool {
        if let levels, !levels.contains(call.level?.rawValue ?? Self.noLevel) { return false }
        if let regions, !Self.contains(regions, call.region) { return false }
        if let tiers, !Self.contains(tiers, call.tier) { return false }
        if let kinds, !Self.contains(kinds, call.kind) { return false }
        return true
    }

    /// Membership by comparison: conditions list a word or two, and comparing is cheaper than
    /// hashing a call's words a hundred thousand times a second.
    private static func contains(_ words: Set<String>, _ word: String?) -> Bool {
        guard let word else { return false }
        return words.count <= 4 ? words.contains { $0 == word } : words.contains(word)
    }

    /// Whether every call this condition set `other` matches is matched by this one too.
    public func covers(_ other: RuleMatch) -> Bool {
        func covers(_ mine: Set<Int>?, _ theirs: Set<Int>?) -> Bool { mine.map { m in theirs.map { $0.isSubset(of: m) } ?? false } ?? true }
        func covers(_ mine: Set<String>?, _ theirs: Set<String>?) -> Bool { mine.map { m in theirs.map { $0.isSubset(of: m) } ?? false } ?? true }
        return covers(levels, other.levels) && covers(regions, other.regions) && covers(tiers, other.tiers) && covers(kinds, other.kinds)
    }
}

/// One timer's promise under a rule.
public struct TimerTarget: Equatable, Sendable {
    public var seconds: Int
    public var calendar: String
    /// What the customer is owed if the promise is broken, e.g. "substitute owed".
    public var breach: String?
    /// The same words by interface language, where the policy gives them (`breach: {zh: …}`).
    public var breachLabels: [String: String] = [:]
    /// `none`: the calls this rule matches make no such promise.
    public var isNone = false
    /// The share of the target after which it warns, when the rule gives its own (`warning_at`).
    public var warningShare: Double?

    public init(seconds: Int, calendar: String, breach: String? = nil, isNone: Bool = false, warningShare: Double? = nil) {
        self.seconds = seconds
        self.calendar = calendar
        self.breach = breach
        self.isNone = isNone
        self.warningShare = warningShare
    }

    public static let noPromise = TimerTarget(seconds: 0, calendar: SLAPolicy.roundTheClock, isNone: true)
}
