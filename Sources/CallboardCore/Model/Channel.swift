import Foundation

/// How the customer reached the desk.
public enum Channel: String, Sendable, CaseIterable {
    case phone, email, web

    public static func parse(_ text: String) throws(DeskError) -> Channel {
        guard let channel = Channel(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw .invalid(.channel, DeskText.unknownChannel(["text": .text(Printable.quoted(text))]))
        }
        return channel
    }
}
