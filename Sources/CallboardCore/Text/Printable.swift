/// Makes text that came from outside (a journal, a command line) safe to echo in a message:
/// control characters and bidirectional overrides become visible `\u{…}` escapes, and long
/// text is cut short. The screen has its own, width-aware sanitiser; this one is for messages.
public enum Printable {
    public static func quoted(_ text: String, limit: Int = 60) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit { out += "…"; break }
            if TextRules.isUnsafe(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }
}
