import CallboardTUI

/// Table lines as plain text for standard output.
enum TextTable {
    static func render(_ line: Line) -> String {
        var text = line.text
        while text.last == " " { text.removeLast() }
        return text
    }
}
