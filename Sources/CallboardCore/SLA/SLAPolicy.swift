import Foundation

/// The desk's promises as data: calendars, and rules that give each of a call's timers a
/// target and a calendar. Loaded from a YAML policy file; recorded in the journal in full when
/// adopted, so that every console and every replay computes the same deadlines.
public struct SLAPolicy: Equatable, Sendable {
    /// The file's text exactly as written: what the journal keeps.
    public var source: String
    /// The desk's time zone: deadlines are shown with its offset.
    public var zone: TimeZone
    /// Share of a target after which a running timer shows as a warning.
    public var warningShare: Double
    public var calendars: [String: BusinessCalendar]
    public var rules: [PolicyRule]

    /// The name of the built-in round-the-clock calendar.
    public static let roundTheClock = "24x7"

    /// For each timer, the first rule that matches the call and sets that timer (and where that
    /// rule stands). A rule that sets a timer to `none` decides that the call has no such promise.
    public func target(for timer: TimerName, of call: CallAttributes) -> (index: Int, rule: PolicyRule, target: TimerTarget)? {
        for (index, rule) in rules.enumerated() where rule.match.matches(call) {
            if let target = rule.timers[timer] { return target.isNone ? nil : (index, rule, target) }
        }
        return nil
    }

    public func calendar(named name: String) -> BusinessCalendar {
        calendars[name] ?? .roundTheClock(zone: zone)
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
    public var name: String
    public var match: RuleMatch
    public var timers: [TimerName: TimerTarget]
    /// Where the rule starts in the policy file.
    public var line: Int
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
        if let regions, !regions.contains(call.region ?? "") { return false }
        if let tiers, !tiers.contains(call.tier ?? "") { return false }
        if let kinds, !kinds.contains(call.kind ?? "") { return false }
        return true
    }

    /// Whether every call this condition set `other` matches is matched by this one too.
    public func covers(_ other: RuleMatch) -> Bool {
        func covers(_ mine: Set<Int>?, _ theirs: Set<Int>?) -> Bool { mine.map { m in theirs.map { $0.isSubset(of: m) } ?? false } ?? true }
        func covers(_ mine: Set<String>?, _ theirs: Set<String>?) -> Bool { mine.map { m in theirs.map { $0.isSubset(of: m) } ?? false } ?? true }
        return covers(levels, other.levels) && covers(regions, other.regions) && covers(tiers, other.tiers) && covers(kinds, other.kinds)
    }

    /// In words, for explanations: "level 1 or 2, region city".
    public var description: String {
        var parts: [String] = []
        if let levels {
            let names = levels.sorted().map { $0 == Self.noLevel ? "none" : String($0) }
            parts.append("level " + names.joined(separator: " or "))
        }
        if let regions { parts.append("region " + regions.sorted().joined(separator: " or ")) }
        if let tiers { parts.append("tier " + tiers.sorted().joined(separator: " or ")) }
        if let kinds { parts.append("kind " + kinds.sorted().joined(separator: " or ")) }
        return parts.isEmpty ? "every call" : parts.joined(separator: ", ")
    }
}

/// One timer's promise under a rule.
public struct TimerTarget: Equatable, Sendable {
    public var seconds: Int
    public var calendar: String
    /// What the customer is owed if the promise is broken, e.g. "substitute owed".
    public var breach: String?
    /// `none`: the calls this rule matches make no such promise.
    public var isNone = false

    public init(seconds: Int, calendar: String, breach: String? = nil, isNone: Bool = false) {
        self.seconds = seconds
        self.calendar = calendar
        self.breach = breach
        self.isNone = isNone
    }

    public static let noPromise = TimerTarget(seconds: 0, calendar: SLAPolicy.roundTheClock, isNone: true)
}
