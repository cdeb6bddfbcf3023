/// Splits a `:` command line into words as a shell would for the simple cases a dispatcher
/// types: spaces separate words, single or double quotes keep spaces (and the other quote)
/// inside a word, a backslash keeps the next character. A leading `callboard` is dropped.
public enum CommandLineWords {
    public struct Problem: Error, Equatable {
        /// The quote left open.
        public var quote: Character
    }

    public static func split(_ line: String) -> Result<[String], Problem> {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in line {
            if escaped {
                current.append(c)
                escaped = false
                continue
            }
            if let q = quote {
                if c == q { quote = nil } else if c == "\\" && q == "\"" { escaped = true } else { current.append(c) }
                continue
            }
            switch c {
            case "\\": escaped = true; inWord = true
            // A quote opens quoting at the start of a word; inside one (it's) it is a letter.
            case "\"" where current.isEmpty && !inWord, "'" where current.isEmpty && !inWord: quote = c; inWord = true
            case " ", "\t", "\u{3000}":
                if inWord { words.append(current); current = ""; inWord = false }
            default:
                current.append(c)
                inWord = true
            }
        }
        if let quote { return .failure(Problem(quote: quote)) }
        if inWord { words.append(current) }
        if words.first == "callboard" { words.removeFirst() }
        return .success(words)
    }
}
