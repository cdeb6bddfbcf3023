/// The desk's calls in the order they were received, found by ID.
///
/// Calls are numbered in order and never removed, so they live in one array and an ID finds
/// its position by index (a dictionary only for numbers far outside that run, as a hand-made
/// journal might hold). Going over every call — which a console does each second — then
/// borrows each call in place instead of copying it out of a hash table.
public struct CallTable: Equatable, Sendable {
    /// Every call, in intake order.
    public private(set) var values: [ServiceCall] = []
    /// For call number n, its position in `values` at index n − 1 (−1: no such call).
    private var dense: [Int32] = []
    private var sparse: [Int: Int] = [:]

    public init() {}

    public var count: Int { values.count }
    public var isEmpty: Bool { values.isEmpty }

    /// Where a call stands in intake order, if it exists.
    public func position(of id: CallID) -> Int? {
        guard id.number > 0 else { return nil }
        let index = id.number - 1
        // A number first kept in `sparse` stays there even after `dense` grows past it.
        if index < dense.count, dense[index] >= 0 { return Int(dense[index]) }
        return sparse[id.number]
    }

    public subscript(id: CallID) -> ServiceCall? {
        position(of: id).map { values[$0] }
    }

    /// Adds a call that is not yet in the table.
    mutating func insert(_ call: ServiceCall) {
        guard position(of: call.id) == nil, call.id.number > 0 else { return }
        let index = call.id.number - 1
        if index < dense.count + 65_536 {
            while dense.count <= index { dense.append(-1) }
            dense[index] = Int32(values.count)
        } else {
            sparse[call.id.number] = values.count
        }
        values.append(call)
    }

    /// Changes a call in place.
    mutating func modify(_ id: CallID, _ change: (inout ServiceCall) -> Void) {
        guard let position = position(of: id) else { return }
        change(&values[position])
    }

    /// Hands each call to `body` without copying it.
    @inlinable
    public func forEach(_ body: (ServiceCall) throws -> Void) rethrows {
        try values.withUnsafeBufferPointer { calls in
            guard let base = calls.baseAddress else { return }
            for index in 0..<calls.count { try body(base[index]) }
        }
    }

    public static func == (a: CallTable, b: CallTable) -> Bool { a.values == b.values }
}
