import Foundation
import HeapModule

/// What a console's tick has to look at, kept from one second to the next: for each open call
/// the next instant at which the clock alone changes what the console shows or supervises of it
/// (a warning or a deadline reached, an escalation step's `after` elapsed, a re-alert's `repeat`
/// come round, an offer lapsing), in a heap; and as they stand the header's counts, each
/// technician's jobs, the queue's order and the call that alerted last. A tick then looks only at
/// the calls whose instant came and those whose facts changed (a call's history grew, it came or
/// went; looked for only in the table's chunks that are not the storage it last went over), so
/// its cost follows what changed rather than the size of the desk.
///
/// A memo beside the Timekeeper, like it kept by each call's place in the desk (moved when calls
/// retire) and its history's length: it changes how fast, never what. The exact functions stay the authority —
/// `Escalations.due(for:…)` decides what is due, `TimerSchedule.state(at:)` each count — and the
/// agenda only says which calls to ask, and when. A change of the desk's policy, or a clock that
/// goes back, starts it afresh. Not thread-safe: one per console or watcher.
public final class TickAgenda {
    /// The counts a supervisor glances at in the header.
    public struct Counts: Equatable, Sendable {
        public var open = 0
        public var unassigned = 0
        public var warning = 0
        public var breached = 0

        public init(open: Int = 0, unassigned: Int = 0, warning: Int = 0, breached: Int = 0) {
            self.open = open
            self.unassigned = unassigned
            self.warning = warning
            self.breached = breached
        }
    }

    /// What the agenda last saw of the call at one place in the table.
    private struct Record {
        var call: Int
        var version: Int
        var open: Bool
        var unassigned: Bool
        /// 0 nothing, 1 a timer warns, 2 a timer is breached (the header counts the worst).
        var alarm: UInt8
        /// The instant of its entry in the heap (seconds since 2001), +∞ for none.
        var next: Double
        /// Its escalations must be looked at: its facts changed, or its instant came.
        var needsLook: Bool
        /// Its place in the queue (Urgency's key); nil once closed.
        var key: OrderKey?
        /// Its key is in `ordered`; waits in `toOrder` to go in.
        var inOrder = false
        var waitsForOrder = false
        /// The technician it keeps busy and how (an active, assigned call).
        var job: (technician: TechnicianID, activity: TechnicianActivity)?
        /// When its latest escalation nobody took charge of last alerted (−∞: none).
        var alert = -Double.infinity
    }

    /// Urgency's key for a call: sorting these sorts the queue.
    struct OrderKey: Comparable {
        var group: Int
        var instant: Double
        var number: Int
        static func < (a: OrderKey, b: OrderKey) -> Bool { (a.group, a.instant, a.number) < (b.group, b.instant, b.number) }
    }

    /// A call's next instant (by its number: places move when calls retire); an entry is current
    /// only while the call's record still names that instant.
    private struct Entry: Comparable {
        var instant: Double
        var call: Int
        static func < (a: Entry, b: Entry) -> Bool { a.instant < b.instant }
    }

    // Used from one thread at a time (the class is not Sendable), so the dynamic exclusivity
    // checks Swift adds to class properties are pure cost here.
    @exclusivity(unchecked) private var records: [Record] = []
    @exclusivity(unchecked) private var heap = Heap<Entry>()
    /// Calls (by number) whose escalations the next look asks about (each once: `needsLook`).
    @exclusivity(unchecked) private var toLook: [Int] = []
    /// Calls for which the last look found something due: due it stays until the call changes
    /// (what is due is recorded, which changes the call), so each look asks again.
    @exclusivity(unchecked) private var dueAtLastLook: [Int] = []
    private var counts = Counts()
    private var now: Date?
    private var policy: (current: Int?, known: Int) = (nil, 0)
    /// The table's chunks last gone over, kept so that their storage cannot be reused: while a
    /// chunk is the same storage, no call in it changed (a change copies it away from this
    /// reference).
    private var table: [[ServiceCall]] = []
    /// Goes up whenever a call came, went or changed since the last look: what depends only on
    /// the calls' facts (the queue's order, each technician's jobs) is kept while it stays.
    public private(set) var generation = 0
    /// Tells this agenda's generations from another's (a console that forgot its caches).
    public let identity = UInt64.random(in: 0 ... .max)

    /// Each technician's active calls by what they are doing on them.
    private var jobs: [TechnicianID: [TechnicianActivity: Int]] = [:]
    private var loads: (generation: Int, jobs: [TechnicianID: TechnicianLoad])?
    /// The open calls' keys in order, kept by taking out the keys of calls that changed and
    /// merging in their new ones; nil until first asked for (or after a reset).
    @exclusivity(unchecked) private var ordered: [OrderKey]?
    /// Keys in `ordered` whose calls changed or left: taken out at the next merge.
    @exclusivity(unchecked) private var unordered: [OrderKey] = []
    /// Calls (by number) whose new keys go in at the next merge (each once: `waitsForOrder`).
    @exclusivity(unchecked) private var toOrder: [Int] = []
    private var order: (generation: Int, ids: [CallID])?
    /// The open call whose unacknowledged escalation alerted last (the earliest call on a tie),
    /// nil when it must be found again (it was acknowledged, closed or retired).
    private var latestAlert: (instant: Double, call: Int)? = (-.infinity, 0)

    public init() {}

    /// The header's counts for `state` at `now`.
    public func counts(_ state: DeskState, at now: Date, timekeeper: Timekeeper) -> Counts {
        advance(state, to: now, timekeeper: timekeeper)
        return counts
    }

    /// What `Escalations.due(in:at:timekeeper:)` says, asking only the calls that may have
    /// something new since the last look.
    public func escalationsDue(in state: DeskState, at now: Date, timekeeper: Timekeeper) -> [Change] {
        advance(state, to: now, timekeeper: timekeeper)
        // In number order, as the whole desk is gone over.
        var calls = toLook + dueAtLastLook
        toLook.removeAll(keepingCapacity: true)
        calls.sort()
        var changes: [Change] = []
        var due: [Int] = []
        let deskPolicy = state.currentPolicy
        var previous = -1
        for number in calls where number != previous {
            previous = number
            // Each call lent in place.
            state.calls.withCall(CallID(number: number)) { call, position in
                records[position].needsLook = false
                guard call.closedAt == nil else { return }
                let before = changes.count
                let policy = deskPolicy ?? Timekeeper.policy(for: call, in: state)
                Escalations.due(for: call, policy: policy, schedules: timekeeper.schedules(for: call, in: state), at: now, into: &changes)
                if changes.count > before { due.append(number) }
            }
        }
        dueAtLastLook = due
        return changes
    }

    /// Each technician's active jobs and what they are doing, worked out again only when a call
    /// came, went or changed.
    public func technicianLoads(_ state: DeskState, at now: Date, timekeeper: Timekeeper) -> [TechnicianID: TechnicianLoad] {
        advance(state, to: now, timekeeper: timekeeper)
        if let loads, loads.generation == generation { return loads.jobs }
        var out: [TechnicianID: TechnicianLoad] = [:]
        for (technician, activities) in jobs {
            let count = activities.values.reduce(0, +)
            guard count > 0 else { continue }
            out[technician] = TechnicianLoad(openJobs: count, activity: activities.filter { $0.value > 0 }.keys.max() ?? .available)
        }
        loads = (generation, out)
        return out
    }

    /// What `Urgency.openOrder` says: the desk's open calls, most urgent first. A call's key
    /// follows its facts, not the clock (a running timer stays running as it warns and breaches),
    /// so only calls that came, went or changed move.
    public func openOrder(_ state: DeskState, at now: Date, timekeeper: Timekeeper) -> [CallID] {
        advance(state, to: now, timekeeper: timekeeper)
        if let order, order.generation == generation, unordered.isEmpty, toOrder.isEmpty, ordered != nil { return order.ids }
        var added: [OrderKey] = []
        for number in toOrder {
            guard let position = state.calls.position(of: CallID(number: number)), records[position].waitsForOrder else { continue }
            records[position].waitsForOrder = false
            if let key = records[position].key {
                added.append(key)
                records[position].inOrder = true
            }
        }
        toOrder.removeAll(keepingCapacity: true)
        if var kept = ordered, unordered.count + added.count < kept.count / 4 + 64 {
            ordered = nil // `kept` is then the only reference: changed in place
            // Out with the old keys (both lists sorted: one pass), then the new merged in.
            unordered.sort()
            var next = 0
            kept.removeAll { key in
                while next < unordered.count, unordered[next] < key { next += 1 }
                guard next < unordered.count, unordered[next] == key else { return false }
                next += 1
                return true
            }
            added.sort()
            var merged: [OrderKey] = []
            merged.reserveCapacity(kept.count + added.count)
            var a = 0, b = 0
            while a < kept.count || b < added.count {
                if b == added.count || (a < kept.count && kept[a] < added[b]) {
                    merged.append(kept[a])
                    a += 1
                } else {
                    merged.append(added[b])
                    b += 1
                }
            }
            ordered = merged
        } else {
            var all: [OrderKey] = []
            for position in records.indices {
                records[position].inOrder = records[position].key != nil
                records[position].waitsForOrder = false
                if let key = records[position].key { all.append(key) }
            }
            ordered = all.sorted()
        }
        unordered.removeAll(keepingCapacity: true)
        let ids = (ordered ?? []).map { CallID(number: $0.number) }
        order = (generation, ids)
        return ids
    }

    /// The open call with the latest alert of an escalation nobody took charge of, as going
    /// over every open call finds it (the earliest call on a tie); nil if none.
    public func latestAlert(_ state: DeskState, at now: Date, timekeeper: Timekeeper) -> CallID? {
        advance(state, to: now, timekeeper: timekeeper)
        if latestAlert == nil {
            var latest: (instant: Double, call: Int) = (-.infinity, 0)
            for record in records where record.alert > latest.instant { latest = (record.alert, record.call) }
            latestAlert = latest
        }
        guard let latest = latestAlert, latest.instant > -.infinity else { return nil }
        return CallID(number: latest.call)
    }

    /// Brings the agenda to `state` at `now`: calls that came, went or changed are entered
    /// again, the calls whose instant came are looked at anew. Returns the generation.
    @discardableResult
    public func advance(_ state: DeskState, to now: Date, timekeeper: Timekeeper) -> Int {
        let policyKey = (state.currentPolicyNumber, state.policies.count)
        if let last = self.now, now < last || policyKey != policy { reset() }
        policy = policyKey
        self.now = now
        let deskPolicy = state.currentPolicy
        let instant = now.timeIntervalSinceReferenceDate
        let chunks = state.calls.chunks
        // A chunk that is the storage last gone over, at the same place in the list, holds no
        // call that changed since.
        let unchanged = chunks.indices.map { $0 < table.count && CallTable.sameStorage(chunks[$0], table[$0]) }
        let sameTable = chunks.count == table.count && !unchanged.contains(false)
        if !sameTable {
            // Calls that went, or came back between others: each record to its call's place.
            // (Calls new at the end are entered below.) A chunk kept from before is in place if
            // it starts where it did; one that changed is looked at call by call.
            var misaligned = records.count > state.calls.count
            var start = 0, oldStart = 0
            for index in chunks.indices where !misaligned {
                if unchanged[index] {
                    misaligned = start != oldStart
                } else {
                    misaligned = chunks[index].withUnsafeBufferPointer { calls in
                        (0..<min(calls.count, max(records.count - start, 0))).contains { records[start + $0].call != calls.baseAddress![$0].id.number }
                    }
                }
                start += chunks[index].count
                if index < table.count { oldStart += table[index].count }
            }
            if misaligned { realign(state.calls, timekeeper: timekeeper) }
            // Calls that came or changed: in the chunks that changed (or were not there).
            start = 0
            for index in chunks.indices {
                defer { start += chunks[index].count }
                guard !unchanged[index] else { continue }
                chunks[index].withUnsafeBufferPointer { calls in
                    guard let base = calls.baseAddress else { return }
                    for place in 0..<calls.count {
                        let position = start + place
                        if position < records.count, records[position].call == base[place].id.number,
                           records[position].version == base[place].history.count { continue }
                        enter(base[place], at: position, policy: deskPolicy, state: state, now: now, timekeeper: timekeeper)
                    }
                }
            }
        }
        // The calls whose instant came.
        while let top = heap.min, top.instant <= instant {
            _ = heap.removeMin()
            state.calls.withCall(CallID(number: top.call)) { call, position in
                guard position < records.count, records[position].call == top.call, records[position].next == top.instant else { return }
                enter(call, at: position, policy: deskPolicy, state: state, now: now, timekeeper: timekeeper)
            }
        }
        if !sameTable { table = chunks }
        // Entries left behind by calls that changed are dropped once they outnumber the calls.
        if heap.count > 2 * records.count + 1024 { rebuildHeap() }
        return generation
    }

    /// Moves each record to its call's place in `calls` (both in number order): calls that left
    /// the table are counted out, calls new to it get a record to be entered. The timekeeper's
    /// schedules move along, so a retirement costs moves, not calendar arithmetic.
    private func realign(_ calls: CallTable, timekeeper: Timekeeper) {
        var moved: [Record] = []
        moved.reserveCapacity(calls.count)
        var old = 0
        func leave(_ record: Record) {
            tally(record, -1)
            if record.inOrder, let key = record.key { unordered.append(key) }
        }
        calls.forEachChunk { chunk, _ in
            guard let base = chunk.baseAddress else { return }
            for place in 0..<chunk.count {
                let number = base[place].id.number
                while old < records.count, records[old].call < number {
                    leave(records[old])
                    old += 1
                }
                if old < records.count, records[old].call == number {
                    moved.append(records[old])
                    old += 1
                } else {
                    // Entered next: nothing counted yet.
                    moved.append(Record(call: number, version: -1, open: false, unassigned: false, alarm: 0, next: .infinity, needsLook: false))
                }
            }
        }
        while old < records.count {
            leave(records[old])
            old += 1
        }
        records = moved
        generation += 1
        timekeeper.realign(calls)
    }

    /// Looks at the call at `position` as it stands at `now`: its counts, its next instant, and
    /// a look at its escalations.
    private func enter(_ call: ServiceCall, at position: Int, policy deskPolicy: SLAPolicy?, state: DeskState, now: Date,
                       timekeeper: Timekeeper) {
        let open = call.closedAt == nil
        var record = Record(call: call.id.number, version: call.history.count, open: open, unassigned: open && call.isActive && call.technician == nil,
                            alarm: 0, next: .infinity, needsLook: false)
        if open {
            for escalation in call.escalations where escalation.acknowledgedAt == nil {
                record.alert = max(record.alert, escalation.lastAlertAt.timeIntervalSinceReferenceDate)
            }
        }
        if call.isActive, let technician = call.technician {
            record.job = (technician, call.arrivedAt != nil ? .onSite : call.departedAt != nil ? .enRoute : .assigned)
        }
        if open {
            let key = Urgency.key(for: call, in: state, timekeeper: timekeeper, at: now)
            record.key = OrderKey(group: key.0, instant: key.1, number: key.2)
            let schedules = timekeeper.schedules(for: call, in: state)
            for schedule in schedules {
                switch schedule.state(at: now) {
                case .breached: record.alarm = 2
                case .warning: record.alarm = max(record.alarm, 1)
                default: break
                }
            }
            let policy = deskPolicy ?? Timekeeper.policy(for: call, in: state)
            if let next = Escalations.nextChange(for: call, policy: policy, schedules: schedules, after: now) {
                record.next = next.timeIntervalSinceReferenceDate
                heap.insert(Entry(instant: record.next, call: record.call))
            }
        }
        let latestBefore = latestAlert
        defer {
            // The call that alerted last, looked at again and alerting no earlier: still the one.
            if latestAlert == nil, let latestBefore, latestBefore.call == record.call, record.alert >= latestBefore.instant {
                latestAlert = (record.alert, record.call)
            }
        }
        if position < records.count {
            let old = records[position]
            if old.call != record.call || old.version != record.version { generation += 1 }
            tally(old, -1)
            record.needsLook = old.needsLook
            if old.key == record.key {
                record.inOrder = old.inOrder
                record.waitsForOrder = old.waitsForOrder
            } else {
                if old.inOrder, let key = old.key { unordered.append(key) }
                record.waitsForOrder = old.waitsForOrder
            }
            records[position] = record
        } else {
            generation += 1
            records.append(record)
        }
        if record.key != nil, !record.inOrder, !record.waitsForOrder {
            records[position].waitsForOrder = true
            toOrder.append(record.call)
        }
        tally(record, 1)
        if open, !record.needsLook {
            records[position].needsLook = true
            toLook.append(record.call)
        }
    }

    private func tally(_ record: Record, _ sign: Int) {
        if var latest = latestAlert {
            if sign < 0, latest.call == record.call, record.alert > -.infinity {
                latestAlert = nil // it may have been acknowledged: found again when asked
            } else if sign > 0, record.alert > latest.instant || (record.alert == latest.instant && record.alert > -.infinity && record.call < latest.call) {
                latest = (record.alert, record.call)
                latestAlert = latest
            }
        }
        if let job = record.job { jobs[job.technician, default: [:]][job.activity, default: 0] += sign }
        guard record.open else { return }
        counts.open += sign
        if record.unassigned { counts.unassigned += sign }
        if record.alarm == 2 { counts.breached += sign } else if record.alarm == 1 { counts.warning += sign }
    }

    private func rebuildHeap() {
        heap = Heap(records.compactMap { $0.next.isFinite ? Entry(instant: $0.next, call: $0.call) : nil })
    }

    private func reset() {
        records.removeAll()
        heap = Heap()
        toLook.removeAll()
        dueAtLastLook.removeAll()
        counts = Counts()
        table = []
        jobs = [:]
        loads = nil
        ordered = nil
        latestAlert = (-.infinity, 0)
        unordered = []
        toOrder = []
        order = nil
        generation += 1
    }
}
