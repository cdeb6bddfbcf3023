@testable import CallboardCore
import Foundation
import Testing

/// The desk's table of calls is cut into chunks that copy on write one by one: whatever goes in,
/// out or changes, and wherever chunks begin and end, the calls stay in number order, each found
/// by its number at its position, and a desk sharing the table sees none of another's changes.
@Suite struct CallTableChunkTests {
    static let now = TimeText.parseISO("2026-11-23T09:00:00+08:00")!

    static func call(_ number: Int, _ customer: String = "") -> ServiceCall {
        ServiceCall(id: CallID(number: number), intake: CallIntake(customer: customer.isEmpty ? "客户\(number)" : customer, phone: "138", summary: "x"),
                    receivedAt: now)
    }

    static func table(_ numbers: some Sequence<Int>, chunkCapacity: Int = 4) -> CallTable {
        var table = CallTable(chunkCapacity: chunkCapacity)
        for number in numbers { table.insert(call(number)) }
        return table
    }

    /// Everything a table promises, checked against the numbers it should hold in order.
    static func check(_ table: CallTable, holds numbers: [Int], absent: [Int] = [], _ comment: Comment? = nil,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(table.values.map(\.id.number) == numbers, "in number order", sourceLocation: sourceLocation)
        #expect(table.count == numbers.count, sourceLocation: sourceLocation)
        #expect(table.isEmpty == numbers.isEmpty, sourceLocation: sourceLocation)
        for (position, number) in numbers.enumerated() {
            let id = CallID(number: number)
            #expect(table.position(of: id) == position, "C-\(number)", sourceLocation: sourceLocation)
            #expect(table[id]?.id == id, "C-\(number)", sourceLocation: sourceLocation)
            #expect(table.withCall(id) { call, at in (call.id.number, at) }.map { [$0.0, $0.1] } == [number, position], sourceLocation: sourceLocation)
        }
        for number in absent {
            #expect(table.position(of: CallID(number: number)) == nil, "C-\(number) is not there", sourceLocation: sourceLocation)
            #expect(table[CallID(number: number)] == nil, sourceLocation: sourceLocation)
        }
        // Going over the table in place, chunk by chunk, finds the same calls at the same positions.
        var lent: [Int] = [], starts: [Int] = []
        table.forEachChunk { calls, start in
            starts.append(start)
            for index in 0..<calls.count { lent.append(calls.baseAddress![index].id.number) }
        }
        var each: [Int] = []
        table.forEach { each.append($0.id.number) }
        #expect(lent == numbers && each == numbers, sourceLocation: sourceLocation)
        let sizes = table.chunks.map(\.count)
        #expect(starts == sizes.indices.map { sizes[..<$0].reduce(0, +) }, sourceLocation: sourceLocation)
        // No chunk empty or over capacity, and no two neighbours that would fit in one.
        #expect(sizes.allSatisfy { (1...table.chunkCapacity).contains($0) }, "chunks \(sizes)", sourceLocation: sourceLocation)
        #expect(zip(sizes, sizes.dropFirst()).allSatisfy { $0 + $1 > table.chunkCapacity }, "chunks \(sizes)", sourceLocation: sourceLocation)
    }

    /// A snapshot's calls, decoded in full chunks, are taken as they are; anything else is put
    /// in call by call, so the table is the same either way.
    @Test func chunksGivenWholeAreTakenAsTheyAreOrElseCallByCall() {
        let capacity = CallTable.standardChunkCapacity
        let numbers = Array(1...(capacity * 2 + 7))
        let calls = numbers.map { Self.call($0) }
        let middle = Array(calls[capacity..<(2 * capacity)])
        let whole = CallTable(chunks: [Array(calls[0..<capacity]), middle, Array(calls[(2 * capacity)...])])
        Self.check(whole, holds: numbers)
        #expect(whole.chunks.count == 3)
        #expect(CallTable.sameStorage(whole.chunks[1], middle), "taken as it is, not copied")
        let small = CallTable(chunks: [Array(calls[0..<3]), Array(calls[3..<5])])
        Self.check(small, holds: [1, 2, 3, 4, 5])
        let unordered = CallTable(chunks: [[calls[4], calls[1]], [calls[0]]])
        Self.check(unordered, holds: [1, 2, 5])
        let repeated = CallTable(chunks: [[calls[0], calls[0]]])
        Self.check(repeated, holds: [1])
    }

    /// What leaves is decided once per call: the calls handed to `body` are exactly those taken
    /// out, even for a test that would answer differently if asked again (asked twice, a call
    /// could be handed over and stay, or go without being handed over: lost).
    @Test func theCallsHandedOverAreExactlyTheCallsTakenOut() {
        var table = Self.table(1...40)
        var asked = 0, handed: [Int] = []
        table.remove(where: { _ in asked += 1; return asked % 3 == 0 }) { handed.append($0.id.number) }
        Self.check(table, holds: (1...40).filter { !handed.contains($0) }, absent: handed)
        #expect(!handed.isEmpty && asked == 40, "asked once per call")
    }

    /// Numbers far apart (a hand-made journal) go to the sparse index: the dense one grows only
    /// as far as the desk's own run of numbers.
    @Test func numbersFarApartDoNotGrowTheDenseIndex() {
        let numbers = (0..<100).map { 1 + $0 * 65_000 }
        let table = Self.table(numbers)
        Self.check(table, holds: numbers)
        #expect(table.denseCount < 140_000, "\(table.denseCount) slots for 100 calls")
    }

    @Test func callsTakenInOrderFillOneChunkAfterAnother() {
        let table = Self.table(1...10)
        #expect(table.chunks.map(\.count) == [4, 4, 2])
        Self.check(table, holds: Array(1...10), absent: [0, 11, 12, 1000])
        // The desk's own size: a thousand calls in two chunks.
        let big = Self.table(1...1000, chunkCapacity: CallTable.standardChunkCapacity)
        #expect(big.chunks.map(\.count) == [512, 488])
        Self.check(big, holds: Array(1...1000), absent: [1001])
    }

    @Test func callsLeavingAtEitherEdgeOfAChunkLeaveTheRestInOrder() {
        var table = Self.table(1...12) // [1 2 3 4] [5 6 7 8] [9 10 11 12]
        var handed: [Int] = []
        table.remove(where: { [4, 5, 8, 9].contains($0.id.number) }) { handed.append($0.id.number) }
        #expect(handed == [4, 5, 8, 9], "each handed over once, in order")
        Self.check(table, holds: [1, 2, 3, 6, 7, 10, 11, 12], absent: [4, 5, 8, 9])
    }

    @Test func aChunkEmptiedGoesAndSmallNeighboursJoin() {
        var table = Self.table(1...16) // four full chunks
        table.remove(where: { (5...8).contains($0.id.number) || [10, 11, 12].contains($0.id.number) }) { _ in }
        Self.check(table, holds: [1, 2, 3, 4, 9, 13, 14, 15, 16], absent: Array(5...8) + [10, 11, 12])
        // A chunk emptied between two small ones: they join.
        var gap = Self.table(1...12)
        gap.remove(where: { [3, 4].contains($0.id.number) }) { _ in }
        gap.remove(where: { [11, 12].contains($0.id.number) }) { _ in }
        #expect(gap.chunks.map(\.count) == [2, 4, 2])
        gap.remove(where: { (5...8).contains($0.id.number) }) { _ in }
        #expect(gap.chunks.map(\.count) == [4])
        Self.check(gap, holds: [1, 2, 9, 10], absent: Array(3...8) + [11, 12])
        // Nothing leaving changes nothing: the very same chunks.
        let before = table
        table.remove(where: { _ in false }) { _ in Issue.record("nothing leaves") }
        #expect(zip(table.chunks, before.chunks).allSatisfy { CallTable.sameStorage($0, $1) })
        // Everything leaving leaves an empty table that fills again.
        table.remove(where: { _ in true }) { _ in }
        Self.check(table, holds: [], absent: [1, 9, 16])
        table.insert(Self.call(20))
        Self.check(table, holds: [20], absent: [1])
    }

    @Test func callsReadBackGoInAtTheirPlaceAcrossChunkEdges() {
        var table = Self.table(1...12)
        table.remove(where: { $0.id.number % 4 == 0 || $0.id.number % 4 == 1 }) { _ in }
        Self.check(table, holds: [2, 3, 6, 7, 10, 11], absent: [1, 4, 5, 8, 9, 12])
        // Back in a shuffled order: before the first call, between chunks, after the last.
        for number in [8, 1, 12, 5, 4, 9] {
            table.insert(Self.call(number))
        }
        Self.check(table, holds: Array(1...12))
        // Into a full chunk between full ones: it is cut in two.
        var full = Self.table([1, 2, 3, 5, 6, 7, 8, 9])
        full.insert(Self.call(4))
        #expect(full.chunks.map(\.count) == [2, 3, 4])
        Self.check(full, holds: Array(1...9))
        // Into a full chunk beside one with room: the neighbour takes a call.
        var roomy = Self.table([1, 2, 3, 4, 5, 6, 8, 9, 10, 11])
        roomy.insert(Self.call(7))
        #expect(roomy.chunks.map(\.count) == [4, 4, 3])
        Self.check(roomy, holds: Array(1...11))
        roomy.insert(Self.call(12))
        roomy.remove(where: { $0.id.number == 3 }) { _ in }
        roomy.insert(Self.call(3))
        Self.check(roomy, holds: Array(1...12))
        // A call already there is not added again.
        full.insert(Self.call(4, "again"))
        Self.check(full, holds: Array(1...9))
        #expect(full[CallID(number: 4)]?.intake.customer == "客户4")
    }

    @Test func manyRetirementsAndReadBacksKeepTheTableTrue() {
        var random = SplitMix(seed: 7)
        var table = Self.table(1...200, chunkCapacity: 8)
        var held = Set(1...200), next = 201
        for round in 0..<60 {
            // Calls here and there, and a run of them (closed one after another, they retire together).
            var leaving = Set(held.filter { _ in Int.random(in: 0..<5, using: &random) == 0 })
            let from = Int.random(in: 1..<next, using: &random)
            leaving.formUnion((from..<from + Int.random(in: 0..<20, using: &random)).filter(held.contains))
            table.remove(where: { leaving.contains($0.id.number) }) { _ in }
            held.subtract(leaving)
            let gone = Array(Set(1..<next).subtracting(held)).shuffled(using: &random)
            for number in gone.prefix(Int.random(in: 0...gone.count, using: &random)) {
                table.insert(Self.call(number))
                held.insert(number)
            }
            for _ in 0..<Int.random(in: 0..<10, using: &random) {
                table.insert(Self.call(next))
                held.insert(next)
                next += 1
            }
            Self.check(table, holds: held.sorted(), absent: Array(Set(1..<next).subtracting(held)), "round \(round)")
        }
    }

    @Test func aChangeThroughOneDeskLeavesTheOtherAsItWas() {
        let shared = Self.table(1...12)
        var console = shared, journal = shared
        journal.modify(CallID(number: 6)) { $0 = Self.call(6, "改过的") }
        #expect(journal[CallID(number: 6)]?.intake.customer == "改过的")
        #expect(console[CallID(number: 6)]?.intake.customer == "客户6", "the other desk's call is as it was")
        // Only the changed call's chunk was copied; the others are still shared.
        #expect(zip(journal.chunks, console.chunks).map { CallTable.sameStorage($0, $1) } == [true, false, true])
        // Calls leaving one desk, or coming to it, stay in the other.
        journal.remove(where: { $0.id.number == 9 }) { _ in }
        journal.insert(Self.call(13))
        Self.check(journal, holds: Array(1...8) + [10, 11, 12, 13])
        Self.check(console, holds: Array(1...12))
        #expect(console == shared && journal != shared)
        console.modify(CallID(number: 1)) { $0 = Self.call(1, "也改了") }
        #expect(shared[CallID(number: 1)]?.intake.customer == "客户1")
    }

    @Test func twoTablesOfTheSameCallsCutDifferentlyAreEqual() {
        var cut = Self.table(1...12)
        cut.remove(where: { $0.id.number == 4 || $0.id.number == 5 }) { _ in }
        #expect(cut.chunks.map(\.count) == [3, 3, 4])
        cut.insert(Self.call(4))
        cut.insert(Self.call(5))
        let wider = Self.table(1...12, chunkCapacity: 5)
        #expect(cut.chunks.map(\.count) != wider.chunks.map(\.count))
        #expect(cut == wider && wider == Self.table(1...12))
        #expect(cut != Self.table(1...11))
        cut.modify(CallID(number: 12)) { $0 = Self.call(12, "另一个") }
        #expect(cut != wider)
    }
}

/// A small seeded generator, so each run draws the same numbers.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
