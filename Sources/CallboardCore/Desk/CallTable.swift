/// The desk's calls in number order (the order they were received), found by ID.
///
/// Calls are numbered in order, so they live in number order in chunks of at most
/// `chunkCapacity` calls, and an ID finds its chunk and its place in it by index (a dictionary
/// only for numbers far outside that run, as a hand-made journal might hold). Each chunk is an
/// array of its own, copied on write by itself: a console and the journal's desk share one
/// table, and a change to one call copies that call's chunk and the short list of chunks, not
/// every call (at 100,000 calls a whole copy was a handful of retains per call, and as much again
/// to free the old one). Going over every call — which a console does each second — borrows
/// each call in place, chunk by chunk, instead of copying it out of a hash table.
///
/// Calls leave the table when they retire (DeskState.retireClosedCalls) and may come back; the
/// order is the numbers' either way, so two desks that took the same events in different
/// batches hold the same calls in the same order (cut into chunks perhaps differently).
public struct CallTable: Equatable, Sendable {
    /// The most calls a chunk holds, and so the most a change to one call copies.
    public static let standardChunkCapacity = 512
    /// This table's (tests cut small tables into many chunks).
    let chunkCapacity: Int

    /// The calls in number order, cut into chunks of 1 to `chunkCapacity` calls. Taking out
    /// and putting back calls keeps any two neighbouring chunks above `chunkCapacity` together,
    /// so there are at most about twice as many chunks as full ones would take.
    @usableFromInline private(set) var chunks: [[ServiceCall]] = []
    /// Where each chunk's first call stands in the table, and the number of calls last.
    private var starts: [Int] = [0]
    /// For call number n, at index n − 1, where it is: its chunk << `placeBits` | its place in
    /// the chunk (−1: no such call).
    private var dense: [Int32] = []
    /// How many slots the dense index has (for tests: it stays near the desk's own numbers).
    var denseCount: Int { dense.count }
    private var sparse: [Int: Int32] = [:]
    private static let placeBits = 11

    public init() { chunkCapacity = Self.standardChunkCapacity }

    /// Calls already cut into chunks in number order (a snapshot's, decoded a chunk at a time),
    /// taken as they are: no call is copied. Chunks must be full but for the last, as calls
    /// taken in order fill them; any others (or calls out of order) are put in one at a time.
    public init(chunks given: [[ServiceCall]]) {
        self.init()
        var last = 0, ordered = true
        for (index, chunk) in given.enumerated() where ordered {
            guard !chunk.isEmpty, chunk.count == chunkCapacity || (index == given.count - 1 && chunk.count < chunkCapacity) else {
                ordered = false
                break
            }
            chunk.withUnsafeBufferPointer { calls in
                for place in 0..<calls.count {
                    let number = calls.baseAddress![place].id.number
                    if number <= last { ordered = false }
                    last = number
                }
            }
        }
        if ordered {
            chunks = given
            reindex()
        } else {
            for chunk in given { for call in chunk { insert(call) } }
        }
    }

    init(chunkCapacity: Int) {
        precondition((1..<(1 << Self.placeBits)).contains(chunkCapacity), "a chunk's place fits in placeBits")
        self.chunkCapacity = chunkCapacity
    }

    public var count: Int { starts[starts.count - 1] }
    public var isEmpty: Bool { chunks.isEmpty }

    /// The calls in number order, chunk after chunk: a view over the chunks, nothing copied
    /// until a call is read from it.
    public var values: FlattenSequence<[[ServiceCall]]> { chunks.joined() }

    /// The chunk a call is in and its place there, if it is in the table.
    private func location(of id: CallID) -> (chunk: Int, place: Int)? {
        guard id.number > 0 else { return nil }
        let index = id.number - 1
        let packed: Int32
        // A number first kept in `sparse` stays there even after `dense` grows past it.
        if index < dense.count, dense[index] >= 0 {
            packed = dense[index]
        } else if let found = sparse[id.number] {
            packed = found
        } else {
            return nil
        }
        return (Int(packed) >> Self.placeBits, Int(packed) & (1 << Self.placeBits - 1))
    }

    /// Where a call stands in the table (0 for the lowest number), if it is there.
    public func position(of id: CallID) -> Int? {
        location(of: id).map { starts[$0.chunk] + $0.place }
    }

    public subscript(id: CallID) -> ServiceCall? {
        location(of: id).map { chunks[$0.chunk][$0.place] }
    }

    /// Lends the call `id` names to `body` in place, with its position; nil if it is not here.
    func withCall<Result>(_ id: CallID, _ body: (ServiceCall, Int) throws -> Result) rethrows -> Result? {
        guard let (chunk, place) = location(of: id) else { return nil }
        let position = starts[chunk] + place
        return try chunks[chunk].withUnsafeBufferPointer { calls in try body(calls.baseAddress![place], position) }
    }

    /// Adds a call that is not yet in the table, in its place by number.
    mutating func insert(_ call: ServiceCall) {
        let number = call.id.number
        guard number > 0, location(of: call.id) == nil else { return }
        if let last = chunks.last, let highest = last.last, highest.id.number > number {
            // Back in its place (a retired call read back, a hand-made journal): into the chunk
            // that holds the numbers around it. One that overflows hands a call to a neighbour
            // with room, or else is cut in two (its neighbours are full: any two stay above a
            // chunk's capacity together). The positions after it move, so the index is built again.
            let chunk = max(chunks.partitionPoint { $0[0].id.number < number } - 1, 0)
            chunks[chunk].insert(call, at: chunks[chunk].partitionPoint { $0.id.number < number })
            if chunks[chunk].count > chunkCapacity {
                if chunk > 0, chunks[chunk - 1].count < chunkCapacity {
                    let first = chunks[chunk].removeFirst()
                    chunks[chunk - 1].append(first)
                } else if chunk + 1 < chunks.count, chunks[chunk + 1].count < chunkCapacity {
                    let last = chunks[chunk].removeLast()
                    chunks[chunk + 1].insert(last, at: 0)
                } else {
                    let half = chunks[chunk].count / 2
                    let tail = Array(chunks[chunk][half...])
                    chunks[chunk].removeSubrange(half...)
                    chunks.insert(tail, at: chunk + 1)
                }
            }
            reindex()
            return
        }
        // After every other, as new calls come.
        if chunks.isEmpty || chunks[chunks.count - 1].count == chunkCapacity {
            var chunk: [ServiceCall] = []
            chunk.reserveCapacity(chunkCapacity)
            chunks.append(chunk)
            starts.append(count)
        }
        let chunk = chunks.count - 1
        index(number, chunk: chunk, place: chunks[chunk].count)
        chunks[chunk].append(call)
        starts[chunk + 1] += 1
    }

    /// Takes out the calls `leaves` picks, handing each to `body` first; the rest keep their
    /// order. A chunk none leaves is kept as it is (still shared with any other desk that has
    /// it); a chunk left small joins its neighbour when the two fit in one.
    mutating func remove(where leaves: (ServiceCall) -> Bool, _ body: (ServiceCall) -> Void) {
        // Looked over in place first: most looks find nothing to take out.
        // `leaves` is asked once per call: what is handed to `body` is exactly what goes (asked
        // again, a test that changed its answer would hand a call over and keep it, or lose one).
        var touched: [Bool] = []
        var leaving = Set<Int>()
        for chunk in chunks.indices {
            let any = chunks[chunk].withUnsafeBufferPointer { calls in
                var any = false
                for index in 0..<calls.count where leaves(calls.baseAddress![index]) {
                    body(calls.baseAddress![index])
                    leaving.insert(calls.baseAddress![index].id.number)
                    any = true
                }
                return any
            }
            if any, touched.isEmpty { touched = Array(repeating: false, count: chunks.count) }
            if any { touched[chunk] = true }
        }
        guard !touched.isEmpty else { return }
        // Taken out of the table first, so that a chunk this desk alone holds is changed in
        // place rather than copied.
        var old = chunks
        chunks = []
        var kept: [[ServiceCall]] = []
        kept.reserveCapacity(old.count)
        var lastTouched = false
        for index in old.indices {
            var chunk: [ServiceCall] = []
            swap(&chunk, &old[index])
            if touched[index] { chunk.removeAll { leaving.contains($0.id.number) } }
            guard !chunk.isEmpty else {
                // Its neighbours are now side by side: they may fit in one.
                lastTouched = true
                continue
            }
            if touched[index] || lastTouched, let last = kept.last, last.count + chunk.count <= chunkCapacity {
                kept[kept.count - 1].append(contentsOf: chunk)
                lastTouched = true
            } else {
                kept.append(chunk)
                lastTouched = touched[index]
            }
        }
        chunks = kept
        reindex()
    }

    /// Changes a call in place (copying its chunk first if another desk shares it).
    mutating func modify(_ id: CallID, _ change: (inout ServiceCall) -> Void) {
        guard let (chunk, place) = location(of: id) else { return }
        change(&chunks[chunk][place])
        // The index finds a call by its number: a change may not give it another.
        precondition(chunks[chunk][place].id == id, "a call's number does not change")
    }

    /// Hands each call to `body` in number order without copying it.
    @inlinable
    public func forEach(_ body: (ServiceCall) throws -> Void) rethrows {
        for chunk in chunks {
            try chunk.withUnsafeBufferPointer { calls in
                guard let base = calls.baseAddress else { return }
                for index in 0..<calls.count { try body(base[index]) }
            }
        }
    }

    /// Lends each chunk's calls in place, in number order, with the position of the chunk's
    /// first call: the loops that go over every call each second read straight from storage
    /// (an UnsafePointer's subscript addresses a call; a buffer's subscript returns a copy).
    @inlinable
    public func forEachChunk(_ body: (UnsafeBufferPointer<ServiceCall>, _ start: Int) throws -> Void) rethrows {
        var start = 0
        for chunk in chunks {
            try chunk.withUnsafeBufferPointer { try body($0, start) }
            start += chunk.count
        }
    }

    /// Whether two chunks are one storage: a chunk still shared with a table kept from before
    /// holds no change since (a change copies it away), so a look can pass over it.
    static func sameStorage(_ a: [ServiceCall], _ b: [ServiceCall]) -> Bool {
        a.count == b.count && a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { $0.baseAddress == a.baseAddress } }
    }

    private mutating func index(_ number: Int, chunk: Int, place: Int) {
        let index = number - 1, packed = Int32(chunk << Self.placeBits | place)
        // Dense as far as the desk's own run of numbers goes (twice its calls, and some): numbers
        // far beyond (a hand-made journal) go to `sparse`, so no number can make it any size.
        if index < dense.count || index < 2 * count + 65_536 {
            if dense.count <= index { dense.append(contentsOf: repeatElement(-1, count: index + 1 - dense.count)) }
            dense[index] = packed
        } else {
            sparse[number] = packed
        }
    }

    private mutating func reindex() {
        for i in dense.indices { dense[i] = -1 }
        sparse.removeAll()
        starts = [0]
        starts.reserveCapacity(chunks.count + 1)
        for chunk in chunks.indices {
            // By number only, read in place: going over an array by value copies every call.
            let numbers = chunks[chunk].withUnsafeBufferPointer { calls in (0..<calls.count).map { calls.baseAddress![$0].id.number } }
            for (place, number) in numbers.enumerated() { index(number, chunk: chunk, place: place) }
            starts.append(starts[chunk] + numbers.count)
        }
    }

    /// The same calls in the same order, however they are cut into chunks.
    public static func == (a: CallTable, b: CallTable) -> Bool {
        guard a.count == b.count else { return false }
        // Tables that share every chunk (a desk and its copy) are equal without reading a call.
        if a.chunks.count == b.chunks.count, zip(a.chunks, b.chunks).allSatisfy({ sameStorage($0, $1) }) { return true }
        return a.values.elementsEqual(b.values)
    }
}

extension Array {
    /// The first index whose element is not `before` (the elements `before` holds for come first).
    package func partitionPoint(_ before: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if before(self[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
