import CallboardCore
import Foundation

/// The queue's filter as typed after `/`: words that must all match. `level:1` (or `l:1`),
/// `region:city`, `tech:T03` (or a technician's name), `state:breached` (breached, warning,
/// paused, unassigned, offered, unaccepted, followup (call-backs due), or a status such as new, assigned, en_route, on_site, resolved,
/// closed, cancelled: asking for one of the last two has the queue look at closed calls too); any
/// other word matches the call's ID, customer, phone, summary, product, region or technician.
public struct QueueFilter: Equatable, Sendable {
    public var text: String
    /// The words, lower-cased, split once (the filter runs over every open call).
    private let words: [String]
    /// The values of `state:` this filter does not know (a slip the console names, rather than
    /// showing an empty queue).
    public let unknownStates: [String]
    /// Whether it asks for calls that left the queue (`state:closed`, `state:cancelled`): the
    /// queue then looks at the closed calls the desk holds too.
    public let asksForClosed: Bool

    /// `aliases` maps words of the console's language to the English keys and values
    /// (`state:在途` reads as `state:en_route`).
    public init(_ text: String = "", aliases: [String: String] = [:]) {
        self.text = text
        words = text.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).map { word in
            let lower = word.lowercased()
            guard let colon = lower.firstIndex(of: ":") ?? lower.firstIndex(of: "："), !aliases.isEmpty else { return lower }
            let key = String(lower[..<colon]), value = String(lower[lower.index(after: colon)...])
            return (aliases[key] ?? key) + ":" + (aliases[value] ?? value)
        }
        unknownStates = words.compactMap { word in
            guard let colon = word.firstIndex(of: ":"), ["state", "s", "status"].contains(word[..<colon]) else { return nil }
            let value = String(word[word.index(after: colon)...])
            return value.isEmpty || Self.isState(value) ? nil : value
        }
        asksForClosed = words.contains { word in
            guard let colon = word.firstIndex(of: ":"), ["state", "s", "status"].contains(word[..<colon]) else { return false }
            let value = Self.normalized(String(word[word.index(after: colon)...]))
            return value == CallStatus.closed.rawValue || value == CallStatus.cancelled.rawValue
        }
    }

    /// The policy's own words for regions (市区 for city), for `region:` as typed.
    public static func aliases(of vocabulary: PolicyVocabulary) -> [String: String] {
        (vocabulary.aliases[.region] ?? [:]).reduce(into: [:]) { $0[$1.key.lowercased()] = $1.value.lowercased() }
    }

    /// Whether `value` is a state or status the filter knows.
    static func isState(_ value: String) -> Bool {
        if timerStates.contains(value) { return true }
        return CallStatus(rawValue: normalized(value)) != nil
    }
    private static let timerStates: Set<String> = ["breached", "breach", "overdue", "✗", "warning", "warn", "paused", "unassigned", "offered", "unaccepted", "followup"]
    private static func normalized(_ value: String) -> String {
        value.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
    }

    public var isEmpty: Bool { words.isEmpty }

    /// `searchText` is the call's words in lower case (see `searchText(of:in:)`), passed in so
    /// a console can keep it between key presses instead of lower-casing every call each time.
    public func matches(_ call: ServiceCall, in state: DeskState, timers: @autoclosure () -> [TimerReading],
                        searchText: @autoclosure () -> String? = nil) -> Bool {
        for lower in words {
            if let colon = lower.firstIndex(of: ":") {
                let key = lower[..<colon], value = String(lower[lower.index(after: colon)...])
                switch key {
                case "level", "l", "lv":
                    // As typed or as the column shows it: level:1 or level:L1.
                    let number = value.hasPrefix("l") ? String(value.dropFirst()) : value
                    guard call.intake.level.map({ String($0.rawValue) }) == number || (value == "none" && call.intake.level == nil) else { return false }
                    continue
                case "region", "r":
                    guard call.intake.region?.lowercased() == value else { return false }
                    continue
                case "tech", "t":
                    guard let id = call.technician else { return false }
                    let name = state.technicians[id]?.name.lowercased() ?? ""
                    guard id.rawValue.lowercased() == value || name.contains(value) else { return false }
                    continue
                case "state", "s", "status":
                    guard matchesState(value, call, timers()) else { return false }
                    continue
                default:
                    break // not a known key: treat the whole word as text
                }
            }
            if let id = CallID(lower), id == call.id { continue }
            guard Self.contains(searchText() ?? Self.searchText(of: call, in: state), lower) else { return false }
        }
        return true
    }

    private func matchesState(_ value: String, _ call: ServiceCall, _ timers: [TimerReading]) -> Bool {
        switch value {
        case "breached", "breach", "overdue", "✗": return timers.contains { $0.state == .breached }
        case "warning", "warn": return timers.contains { $0.state == .warning }
        case "paused": return call.isPaused
        case "unassigned": return call.technician == nil
        case "offered": return call.technician == nil && call.dispatchRequest != nil
        case "unaccepted": return JobAcceptance.waiting(call, timers: timers)
        // Call-backs due (回访): fixed, and the follow-up not yet done.
        case "followup": return timers.contains { $0.name == .followup && $0.stoppedAt == nil }
        default:
            return call.status.rawValue == Self.normalized(value)
        }
    }

    /// Substring search on UTF-8 bytes: for lower-cased text and a lower-cased word this is the
    /// same answer as String.contains, without its per-character Unicode work (a filter runs it
    /// over every open call on every key typed).
    static func contains(_ text: String, _ word: String) -> Bool {
        var text = text, word = word
        return text.withUTF8 { haystack in
            word.withUTF8 { needle in
                guard !needle.isEmpty else { return true }
                guard needle.count <= haystack.count else { return false }
                let first = needle[0], last = haystack.count - needle.count
                var at = 0
                while at <= last {
                    if haystack[at] == first {
                        var k = 1
                        while k < needle.count, haystack[at + k] == needle[k] { k += 1 }
                        if k == needle.count { return true }
                    }
                    at += 1
                }
                return false
            }
        }
    }

    /// Everything free text matches, lower-cased, one line: ID, customer, phone, summary,
    /// product, region, technician ID and name.
    public static func searchText(of call: ServiceCall, in state: DeskState) -> String {
        // The phone also as its digits alone: a caller reads the number out without the spaces.
        var parts = [call.id.description, call.intake.customer, call.intake.phone, String(call.intake.phone.filter(\.isASCII).filter(\.isNumber)),
                     call.intake.summary, call.intake.product ?? "", call.intake.region ?? ""]
        if let id = call.technician {
            parts.append(id.rawValue)
            parts.append(state.technicians[id]?.name ?? "")
        }
        return parts.joined(separator: "\n").lowercased()
    }
}

/// Each call's search text, kept until the call changes (a console filters 10,000 calls on
/// every key typed into the filter). Keyed by the call's position and history length, like
/// the Timekeeper (an entry counts only for the call it was made for: positions move as calls
/// retire); the roster's size is part of the key so a renamed technician is seen.
public final class SearchIndex {
    private var cache: [(call: CallID, version: Int, roster: Int, text: String)?] = []

    public init() {}

    public func text(for call: ServiceCall, in state: DeskState) -> String {
        guard let position = state.calls.position(of: call.id) else { return QueueFilter.searchText(of: call, in: state) }
        let version = call.history.count, roster = state.technicians.count
        if position < cache.count, let kept = cache[position], kept.call == call.id, kept.version == version, kept.roster == roster { return kept.text }
        if cache.count < state.calls.count { cache.append(contentsOf: repeatElement(nil, count: state.calls.count - cache.count)) }
        let text = QueueFilter.searchText(of: call, in: state)
        cache[position] = (call.id, version, roster, text)
        return text
    }
}
