import Foundation

/// How the customer reached the desk.
public enum Channel: String, Sendable, CaseIterable {
    case phone, email, web

    /// The words a Chinese desk types for each channel: what `show` and the console print in
    /// Chinese (report.yaml's channelPhone, … — a test keeps them in step), and the usual other
    /// words for it. Typed input only: the journal records the channel's own name.
    public static let chineseWords: [String: Channel] = [
        "电话": .phone, "邮件": .email, "电子邮件": .email, "网页": .web, "在线": .web,
    ]

    public static func parse(_ text: String) throws(DeskError) -> Channel {
        let word = TextRules.halfWidth(text).trimmingCharacters(in: .whitespaces).lowercased()
        guard let channel = Channel(rawValue: word) ?? chineseWords[word] else {
            throw .invalid(.channel, DeskText.unknownChannel(["text": .text(Printable.quoted(text))]))
        }
        return channel
    }
}
