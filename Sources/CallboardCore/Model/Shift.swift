import Foundation

/// Which part of the day a technician normally works.
public enum Shift: String, Sendable, CaseIterable {
    case day, night, oncall

    /// The word shown to people: "on-call" reads better than the flag value.
    public var label: String { self == .oncall ? "on-call" : rawValue }

    /// The words a Chinese roster or spreadsheet uses.
    static let chinese: [String: Shift] = ["白班": .day, "日班": .day, "夜班": .night, "晚班": .night, "待命": .oncall, "值班": .oncall]

    public static func parse(_ text: String) throws(DeskError) -> Shift {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "")
        guard let shift = Shift(rawValue: key) ?? chinese[key] else {
            throw .invalid(.shift, DeskText.unknownShift(["text": .text(Printable.quoted(text))]))
        }
        return shift
    }
}
