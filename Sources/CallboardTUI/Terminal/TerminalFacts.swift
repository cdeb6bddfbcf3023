import CNcursesw

/// What `callboard doctor` reads about the terminal and the locale, as the console itself would
/// meet them: the terminfo entry ncurses would start on, the locale's character set, and the
/// width the C library gives Chinese. Facts only; what they mean is the doctor's decision.
public enum TerminalFacts {
    /// What the terminfo database says of a terminal type.
    public enum Entry: Equatable, Sendable {
        /// Known, with its number of colours (nil or below 8: none to speak of), and whether it
        /// can move the cursor anywhere and clear the screen (`cup`, `clear`; TERM=dumb cannot).
        case known(colors: Int?, addressable: Bool = true)
        case unknown
        /// No terminfo database was found at all.
        case noDatabase
    }

    /// Looks `term` up in the terminfo database, without starting a screen.
    public static func entry(_ term: String) -> Entry {
        var colors: Int32 = -1, addressable: Int32 = 0
        switch cb_terminfo(term, &colors, &addressable) {
        case 1: return .known(colors: colors > 0 ? Int(colors) : nil, addressable: addressable != 0)
        case -1: return .noDatabase
        default: return .unknown
        }
    }

    /// The character set of the locale the environment names, once adopted ("UTF-8",
    /// "ANSI_X3.4-1968", …); nil when that locale is not installed here. Call before
    /// `chineseSampleWidth`, which adopts the console's locale afterwards.
    public static func environmentCodeset() -> String? {
        guard let codeset = cb_environment_codeset() else { return nil }
        return String(cString: codeset)
    }

    /// The sample whose width is measured: two Chinese characters, four columns on a terminal.
    public static let chineseSample = "中文"

    /// Columns the C library's wcwidth gives the sample under the locale the console adopts
    /// (the user's if UTF-8, else C.UTF-8), and whether that locale is UTF-8.
    public static func chineseSampleWidth() -> (width: Int, utf8: Bool) {
        let utf8 = DisplayText.adoptUTF8Locale()
        var width = 0
        for scalar in chineseSample.unicodeScalars { width += Int(cb_wcwidth(scalar.value)) }
        return (width, utf8)
    }
}
