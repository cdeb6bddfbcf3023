/// Whether a word typed at intake is most likely a slip of the keyboard for a name the policy
/// uses ("ctiy" for "city"), rather than another word.
///
/// The measure is the number of single-character slips between the two words — a wrong,
/// missing or extra character, or two neighbours swapped (optimal string alignment distance) —
/// counted by character, so a Chinese word is measured like an English one. One slip is a near
/// miss for words of four to seven characters and two for longer ones; words of three
/// characters or fewer (a two-character Chinese place name, an abbreviation) are too short to
/// tell a slip from a different word, so they are never near misses. Callers compare lower-case
/// words: case never counts.
public enum NearMiss {
    public static func isNearMiss(_ typed: String, of name: String) -> Bool {
        let a = Array(typed), b = Array(name)
        let allowed = slipsAllowed(max(a.count, b.count))
        guard allowed > 0, a != b, abs(a.count - b.count) <= allowed else { return false }
        return distance(a, b) <= allowed
    }

    static func slipsAllowed(_ length: Int) -> Int {
        switch length {
        case ..<4: 0
        case 4...7: 1
        default: 2
        }
    }

    /// Slips between `a` and `b`: the optimal string alignment distance, row by row.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforeLast = [Int](repeating: 0, count: b.count + 1)
        var last = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(last[j] + 1, row[j - 1] + 1, last[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    row[j] = min(row[j], beforeLast[j - 2] + 1)
                }
            }
            (beforeLast, last, row) = (last, row, beforeLast)
        }
        return last[b.count]
    }
}
