import Foundation

/// How badly the customer is affected (故障级别): 1 is worst. Levels decide on-site targets
/// and service hours in the SLA policy.
public enum FaultLevel: Int, Sendable, Comparable, CaseIterable {
    /// System down or service interrupted.
    case one = 1
    /// Risk of the system going down.
    case two = 2
    /// Performance or service partly degraded.
    case three = 3
    /// Intermittent or indirect effect.
    case four = 4

    public static func < (a: FaultLevel, b: FaultLevel) -> Bool { a.rawValue < b.rawValue }

    public static func parse(_ text: String) throws(DeskError) -> FaultLevel {
        let trimmed = TextRules.halfWidth(text).trimmingCharacters(in: .whitespaces)
        guard trimmed.allSatisfy(\.isASCII), let number = Int(trimmed), let level = FaultLevel(rawValue: number) else {
            let meanings = Dictionary(uniqueKeysWithValues: allCases.map { ("\($0.rawValue)", Message.Argument.message($0.meaning)) })
            throw .invalid(.level, DeskText.notLevel(meanings.merging(["text": .text(Printable.quoted(trimmed))]) { $1 }))
        }
        return level
    }

    /// What the level means (PROMISES.md, 故障级别), in the one wording every message, form and
    /// help text uses: "system down", 系统瘫痪.
    public var meaning: Message {
        switch self {
        case .one: DeskText.levelSystemDown()
        case .two: DeskText.levelRiskOfGoingDown()
        case .three: DeskText.levelDegraded()
        case .four: DeskText.levelIntermittent()
        }
    }

    /// Every level and its meaning, in English, for the command line's help (which is English):
    /// "1 system down, 2 risk of going down, 3 degraded, 4 intermittent".
    public static var choices: String {
        allCases.map { "\($0.rawValue) \($0.meaning)" }.joined(separator: ", ")
    }
}
