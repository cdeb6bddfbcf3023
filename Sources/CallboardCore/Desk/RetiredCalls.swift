/// The numbers of calls that closed long enough ago to have left memory (DeskState's
/// retirement): a bit each, so a desk with years of history knows every old call exists
/// without holding it. Numbers far outside the run (a hand-made journal) go in a set.
public struct RetiredCalls: Equatable, Sendable {
    private var bits: [UInt64] = []
    private var outliers: Set<Int> = []
    public private(set) var count = 0

    public init() {}

    public func contains(_ id: CallID) -> Bool {
        let n = id.number
        guard n > 0 else { return false }
        let word = n >> 6
        if word < bits.count, bits[word] & (1 << UInt64(n & 63)) != 0 { return true }
        return !outliers.isEmpty && outliers.contains(n)
    }

    mutating func insert(_ id: CallID) {
        let n = id.number
        guard n > 0, !contains(id) else { return }
        let word = n >> 6
        if word < bits.count + 1024 {
            if word >= bits.count { bits.append(contentsOf: repeatElement(0, count: word + 1 - bits.count)) }
            bits[word] |= 1 << UInt64(n & 63)
        } else {
            outliers.insert(n)
        }
        count += 1
    }

    mutating func remove(_ id: CallID) {
        let n = id.number
        guard contains(id) else { return }
        let word = n >> 6
        if word < bits.count, bits[word] & (1 << UInt64(n & 63)) != 0 {
            bits[word] &= ~(1 << UInt64(n & 63))
        } else {
            outliers.remove(n)
        }
        count -= 1
    }

    /// Every retired number, in order (for a snapshot).
    public var numbers: [Int] {
        var result: [Int] = []
        result.reserveCapacity(count)
        for (word, value) in bits.enumerated() where value != 0 {
            for bit in 0..<64 where value & (1 << UInt64(bit)) != 0 { result.append(word << 6 | bit) }
        }
        result.append(contentsOf: outliers.filter { $0 >> 6 >= bits.count || bits[$0 >> 6] & (1 << UInt64($0 & 63)) == 0 })
        return result.sorted()
    }

    /// The same numbers, however they are stored.
    public static func == (a: RetiredCalls, b: RetiredCalls) -> Bool { a.count == b.count && a.numbers == b.numbers }
}
