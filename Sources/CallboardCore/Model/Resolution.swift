import Foundation

/// What fixed a call, as recorded when it was resolved: the cause (a code from the policy's
/// `causes:`), the fix in words, and the parts used. Every part is optional: a call resolved
/// before these were asked for, or by someone who did not say, has none.
public struct Resolution: Equatable, Sendable {
    public var cause: String?
    public var fix: String?
    public var parts: [PartUse]

    public init(cause: String? = nil, fix: String? = nil, parts: [PartUse] = []) {
        self.cause = cause
        self.fix = fix
        self.parts = parts
    }

    public var isEmpty: Bool { cause == nil && fix == nil && parts.isEmpty }
}

/// A part used on a call, and how many.
public struct PartUse: Equatable, Sendable {
    public var part: String
    public var count: Int

    public init(part: String, count: Int) {
        self.part = part
        self.count = count
    }

    /// As the journal keeps it and `show` prints it: `滤芯×2` (the count always written, so a
    /// part whose own name ends in `×3` reads back whole).
    public var text: String { "\(part)×\(count)" }

    /// The most parts one fix lists, the longest name, the largest count.
    public static let limit = 20
    public static let nameLimit = 64
    public static let countLimit = 9999

    /// `滤芯×2, 密封圈, 电源板 x 1`: parts separated by commas (`，` `、` too), each a name and an
    /// optional count after `x`, `X`, `×` or `*` (1 when not given). Full-width digits and signs
    /// read as ordinary ones.
    public static func parse(list text: String?) throws(DeskError) -> [PartUse] {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
        let items = text.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" || $0 == ";" || $0 == "；" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard items.count <= limit else {
            throw .invalid(.parts, DeskText.tooManyParts(["count": "\(items.count)", "limit": "\(limit)"]))
        }
        var out: [PartUse] = []
        for item in items {
            let use = try parse(item: item)
            // The same part twice is one line with the counts added.
            if let index = out.firstIndex(where: { $0.part == use.part }) {
                out[index].count = min(countLimit, out[index].count + use.count)
            } else {
                out.append(use)
            }
        }
        return out
    }

    /// One item: a name, then an optional sign and count.
    static func parse(item: String) throws(DeskError) -> PartUse {
        let signs: Set<Character> = ["x", "X", "×", "*", "＊", "Ｘ", "ｘ"]
        var name = item, count = 1
        let chars = Array(item)
        // The count: the digits at the end (full-width too), after a sign.
        var end = chars.count
        while end > 0, chars[end - 1] == " " { end -= 1 }
        var start = end
        while start > 0, TextRules.halfWidth(String(chars[start - 1])).first.map({ $0.isASCII && $0.isNumber }) == true { start -= 1 }
        var sign = start
        while sign > 0, chars[sign - 1] == " " { sign -= 1 }
        if start < end, sign > 0, signs.contains(chars[sign - 1]) {
            let digits = TextRules.halfWidth(String(chars[start..<end]))
            guard let number = Int(digits), number > 0, number <= countLimit else {
                throw .invalid(.parts, DeskText.badPartCount(["part": .text(Printable.quoted(item)), "limit": "\(countLimit)"]))
            }
            count = number
            name = String(chars[..<(sign - 1)])
        } else if let last = chars.lastIndex(where: { signs.contains($0) }),
                  case let tail = TextRules.halfWidth(String(chars[(last + 1)...])).trimmingCharacters(in: .whitespaces),
                  tail.contains(where: \.isNumber), tail.allSatisfy({ "+-.,0123456789".contains($0) }) {
            // A count that is not a whole number from 1 (×-1, ×1.5): not a part's name.
            throw .invalid(.parts, DeskText.badPartCount(["part": .text(Printable.quoted(item)), "limit": "\(countLimit)"]))
        } else if start < end, start == 0 {
            // Only a number: no part named.
            throw .invalid(.parts, DeskText.partWithoutName(["part": .text(Printable.quoted(item))]))
        }
        guard let clean = try TextRules.clean(name, field: .parts, required: false, maxLength: nameLimit) else {
            throw .invalid(.parts, DeskText.partWithoutName(["part": .text(Printable.quoted(item))]))
        }
        return PartUse(part: clean, count: count)
    }

    /// Reads back what `text` wrote (the last `×` and the digits after it).
    public static func stored(_ text: String) -> PartUse {
        if let sign = text.lastIndex(of: "×"), let count = Int(text[text.index(after: sign)...]), count > 0 {
            return PartUse(part: String(text[..<sign]), count: count)
        }
        return PartUse(part: text, count: 1)
    }
}

/// What fixed a call as typed (command line, console): raw text, checked against the causes
/// the desk's policy lists by `validated(causes:)`.
public struct ResolutionDraft: Equatable, Sendable {
    public var cause: String?
    public var fix: String?
    public var parts: String?

    public init(cause: String? = nil, fix: String? = nil, parts: String? = nil) {
        self.cause = cause
        self.fix = fix
        self.parts = parts
    }

    public static let fixLimit = 1000

    /// `causes` are the codes the desk takes (the policy's); a cause not among them is refused,
    /// listing them.
    public func validated(causes: [CauseDefinition]) throws(DeskError) -> Resolution {
        var code: String?
        if let typed = cause, !TextRules.halfWidth(typed).trimmingCharacters(in: .whitespaces).isEmpty {
            let word = TextRules.halfWidth(typed).trimmingCharacters(in: .whitespaces).lowercased()
            guard let known = causes.first(where: { $0.code == word || $0.labels.values.contains { $0.lowercased() == word } }) else {
                throw .invalid(.cause, DeskText.unknownCause(["cause": .text(Printable.quoted(String(typed.prefix(40)))),
                                                               "causes": .text(causes.map(\.code).joined(separator: ", "))]))
            }
            code = known.code
        }
        let fix = try TextRules.clean(fix, field: .fix, required: false, maxLength: Self.fixLimit)
        return Resolution(cause: code, fix: fix, parts: try PartUse.parse(list: parts))
    }
}

/// A cause of faults the desk records when a call is fixed (`causes:` in the policy): its code,
/// and its label in each language the policy gives (built-in causes' labels are in the string
/// tables).
public struct CauseDefinition: Equatable, Sendable {
    public var code: String
    public var labels: [String: String]
    /// The policy file's line; 0 for a built-in cause.
    public var line: Int

    public init(code: String, labels: [String: String] = [:], line: Int = 0) {
        self.code = code
        self.labels = labels
        self.line = line
    }

    /// The causes a desk has when its policy lists none.
    public static let builtIn: [CauseDefinition] = ["hardware", "software", "misuse", "wear", "environment", "installation", "unknown"]
        .map { CauseDefinition(code: $0) }

    /// A built-in cause's words in the string tables.
    public static func builtInLabel(_ code: String) -> Message? {
        switch code {
        case "hardware": PolicyText.causeHardware()
        case "software": PolicyText.causeSoftware()
        case "misuse": PolicyText.causeMisuse()
        case "wear": PolicyText.causeWear()
        case "environment": PolicyText.causeEnvironment()
        case "installation": PolicyText.causeInstallation()
        case "unknown": PolicyText.causeUnknown()
        default: nil
        }
    }
}

extension SLAPolicy {
    /// The cause `code`, as shown in `language`: the policy's label, a built-in cause's words,
    /// or the code as written.
    public func causeLabel(_ code: String, language: String) -> Message {
        let cause = causes.first { $0.code == code }
        if let label = cause?.labels[language] { return PolicyText.named(["name": .text(label)]) }
        if let builtIn = CauseDefinition.builtInLabel(code) { return builtIn }
        return PolicyText.named(["name": .text(code)])
    }
}

extension ServiceCall {
    /// What fixed it, as recorded when it was last resolved (nil: not resolved since it was
    /// last opened, or resolved without a word).
    public var resolution: Resolution? {
        guard resolvedAt != nil else { return nil }
        for event in history.reversed() {
            if case .resolved(_, let resolution) = event.change { return resolution.isEmpty ? nil : resolution }
        }
        return nil
    }
}
