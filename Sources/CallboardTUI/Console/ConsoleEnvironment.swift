import CallboardCore
import Foundation

/// What the reducer and the views are given besides the state: the desk's zone and policy, the
/// interface's words, how a command is decided for the person at the keyboard, the verbs the
/// `:` line completes, and the caches that spare the tick repeated work (each a memo of a pure
/// function: it changes how fast, never what).
public struct ConsoleEnvironment {
    public var zone: TimeZone
    public var strings: UIStrings
    /// The policy new calls are timed under (the header warns when its holidays run out).
    public var policy: SLAPolicy?
    /// The context a command is decided in at an instant: who, their role, the policy.
    public var context: (Date) -> CommandContext
    /// The command-line tool's verbs, for Tab on the `:` line.
    public var verbs: [String]
    public private(set) var timekeeper = Timekeeper()
    /// What each second's tick must look at (the calls whose instants came or facts changed).
    public private(set) var agenda = TickAgenda()
    public private(set) var searchIndex = SearchIndex()
    /// Past fixes, for the new-call form.
    public private(set) var knowledge = KnowledgeCache()

    public init(zone: TimeZone, strings: UIStrings = .english, policy: SLAPolicy? = nil, verbs: [String] = [],
                context: @escaping (Date) -> CommandContext) {
        self.zone = zone
        self.strings = strings
        self.policy = policy
        self.verbs = verbs
        self.context = context
    }

    /// The caches are kept by each call's place in the desk: a desk read again from the start
    /// (compacted, repaired) needs new ones.
    public mutating func forgetCaches() {
        timekeeper = Timekeeper()
        agenda = TickAgenda()
        searchIndex = SearchIndex()
        knowledge = KnowledgeCache()
    }
}
