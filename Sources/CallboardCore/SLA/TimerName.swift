import Foundation

/// A promise's name, as a policy gives it: `response`, `onsite`, `restore`, or any other its
/// `timers:` section defines (`follow_up`). The name identifies the timer in rules, escalation
/// steps, the journal's escalation events and JSON; people read its label (TimerDefinition).
///
/// Any word rather than a closed list, so that a desk adds a promise by writing a policy, not
/// by changing code. Each name's text is kept once, in a table for the process, and a
/// TimerName is its number there: as small and as cheap to copy and compare as the enum it
/// replaced, which matters because every event, schedule and reading carries one (a String
/// here made every event 8 bytes larger and replay 4% slower).
public struct TimerName: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    private let number: UInt32

    /// Nil unless `rawValue` is one word of at most 32 letters, digits, '-' or '_': a name is a
    /// key in a rule and a word in the journal, never free text.
    /// Nil too once the process has seen `limit` names.
    public init?(rawValue: String) {
        // A name already in the table passed the check when it came in: every escalation event
        // read back names one, so the check (Unicode properties per letter) is paid once per name.
        if let known = Self.table.known(rawValue) {
            number = known
            return
        }
        guard !rawValue.isEmpty, TextRules.isToken(rawValue), let number = Self.table.number(for: rawValue) else { return nil }
        self.number = number
    }

    /// A built-in timer: its number is fixed here, and the table, which numbers the built-in
    /// names first, must agree, or every timer would read back under another's name.
    private init(builtIn name: String, number: UInt32) {
        precondition(Self.table.number(for: name) == number, "the built-in timer \(name) is not number \(number)")
        self.number = number
    }

    public var rawValue: String { Self.table.name(number) }

    /// The customer has been called back with a diagnosis or a plan.
    public static let response = TimerName(builtIn: "response", number: 0)
    /// An engineer is on site.
    public static let onsite = TimerName(builtIn: "onsite", number: 1)
    /// The fault is fixed; if not in time, a substitute or loaner is owed.
    public static let restore = TimerName(builtIn: "restore", number: 2)
    /// The engineer assigned took the job (接单): a policy's `accept:` asks for it.
    public static let accept = TimerName(builtIn: "accept", number: 3)
    /// The job moved on since its last update (a stalled call): a policy's `progress:` asks for it.
    public static let progress = TimerName(builtIn: "progress", number: 4)
    /// The customer was called back after the fix (回访): a policy's `followup:` asks for it.
    public static let followup = TimerName(builtIn: "followup", number: 5)

    public var description: String { rawValue }

    public static func < (a: TimerName, b: TimerName) -> Bool { a.rawValue < b.rawValue }

    /// The most names a process takes. A desk's policies define a few (at most 16 each) and a
    /// whole test run sees a few dozen; a journal forged to name endless timers is refused as
    /// naming an unknown timer once this many are known, instead of growing the process.
    static let limit = 4096

    /// Every name seen in this process, numbered in the order first seen; the built-in ones
    /// first, so their numbers are fixed. Names are never removed: a process sees the few its
    /// policies define and those its journal's escalations name.
    private static let table = NameTable(["response", "onsite", "restore", "accept", "progress", "followup"], limit: limit)
}

/// The names behind TimerName's numbers, shared by every thread of the process.
final class NameTable: @unchecked Sendable {
    // Guarded by `lock`: the table only grows, and a name read back is never changed.
    private let lock = NSLock()
    private var numbers: [String: UInt32] = [:]
    private var names: [String] = []
    private let limit: Int

    init(_ builtIn: [String], limit: Int) {
        self.limit = limit
        for name in builtIn { _ = number(for: name) }
    }

    /// The name's number if the table has it.
    func known(_ name: String) -> UInt32? {
        lock.lock()
        defer { lock.unlock() }
        return numbers[name]
    }

    /// The name's number; nil for a new name once the table holds `limit`.
    func number(for name: String) -> UInt32? {
        lock.lock()
        defer { lock.unlock() }
        if let known = numbers[name] { return known }
        guard names.count < limit else { return nil }
        let number = UInt32(names.count)
        names.append(name)
        numbers[name] = number
        return number
    }

    func name(_ number: UInt32) -> String {
        lock.lock()
        defer { lock.unlock() }
        return names[Int(number)]
    }
}
