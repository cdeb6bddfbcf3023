// callboard-bench — reproducible figures for BENCHMARKS.md.
//
//   callboard-bench replay [EVENTS]        write a journal of EVENTS events, then time replaying it
//   callboard-bench export EVENTS FILE [END]  a busy desk's export (JSON lines) of EVENTS events,
//                                          the last at END (default: now), for `callboard journal import`
//   callboard-bench codec [EVENTS]         decode the same events as binary and as JSON payloads
//   callboard-bench appends [EVENTS]       durable appends one at a time, then in groups
//   callboard-bench compare [EVENTS]       the journal and SQLite (WAL, synchronous=FULL) on the same work
//   callboard-bench writer JOURNAL N NAME  (for tests) take N calls, printing each once acknowledged
//   callboard-bench logs EVENTS URI URI    the file journal and PostgreSQL (two empty databases) side by side
//   callboard-bench frame [CALLS] [TECHS]  time building and rendering one 200×60 console frame
//   callboard-bench keypress [CALLS] [TECHS]  a key press to the next frame, on a busy desk
//   callboard-bench timers [CALLS] [ROUNDS] [follow-up]
//                                          time evaluating every timer of CALLS open calls from scratch
//                                          (follow-up: under the built-in policy with a fourth timer,
//                                          counted from the fix, and every seventh call fixed)
//
// Timings use the monotonic ContinuousClock; the desk itself runs on a fixed instant.
import CallboardCore
import CallboardResources
import CallboardStore
import CallboardTUI
import Foundation

let zone = TimeZone(identifier: "Asia/Shanghai")!
let now = TimeText.parseISO("2026-11-23T10:00:00+08:00")!
// The built-in policy, office-hours calendars and all, as a real desk would run.
let policy = try! PolicyParser.parse(CallboardResources.defaultPolicy())

extension CommandContext {
    func with(now: Date) -> CommandContext {
        var copy = self
        copy.now = now
        return copy
    }
}

func context(at: Date? = nil) -> CommandContext {
    CommandContext(now: now, at: at, actor: "bench", timeZone: zone, policy: policy)
}

/// A busy desk's events (SyntheticDesk), all in memory: for the benchmarks that time work on
/// an array of events.
func syntheticEvents(count: Int, technicians: Int = 300) throws -> [Event] {
    Array(SyntheticDesk(count: count, technicians: technicians, policy: policy, end: now))
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// A new journal of a busy desk's `count` events in the scratch folder, written as
/// `journal import` writes one (EventLog.importHistory), never holding the events in memory.
func writeJournal(count: Int, in dir: URL) throws -> (path: String, events: Int) {
    let path = dir.appendingPathComponent("journal").path
    var desk = SyntheticDesk(count: count, policy: policy, end: now)
    let result = try FileJournal(path: path).importHistory(now: now) { desk.next() }
    return (path, result.events)
}

func scratchFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("callboard-bench-\(UUID().uuidString.prefix(8))")
}

func format(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }

/// Opens a journal of `count` events into desk state (what start-up does), best of three, then
/// shows how the time splits, and the console's first frame on the replayed desk.
func replay(_ count: Int) throws {
    let dir = scratchFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (path, written) = try writeJournal(count: count, in: dir)
    let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let clock = ContinuousClock()
    var best = Double.infinity
    var desk: JournalDesk?
    for _ in 0..<3 {
        desk = nil
        let elapsed = try clock.measure { desk = try JournalDesk(log: FileJournal(path: path)) }
        best = min(best, seconds(elapsed))
    }
    let openCalls = desk?.state.openCalls.count ?? 0
    print("replay: \(written) events, \(size / 1_048_576) MiB, best of 3: \(format(best)) s = \(Int(Double(written) / best)) events/s")

    // Where the time goes: the file read, checksums and framing, decoding, the reducer.
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    var decoded: [Event] = []
    let scanTime = bytes.withUnsafeBytes { raw in
        clock.measure { _ = RecordScanner.scan(UnsafeRawBufferPointer(rebasing: raw[32...]), base: 32, epoch: epoch(of: raw), lastSequence: 0) }
    }
    let scan = bytes.withUnsafeBytes { raw in
        RecordScanner.scan(UnsafeRawBufferPointer(rebasing: raw[32...]), base: 32, epoch: epoch(of: raw), lastSequence: 0)
    }
    let decodeTime = try bytes.withUnsafeBytes { raw in
        try clock.measure {
            decoded.reserveCapacity(scan.records.count)
            let body = UnsafeRawBufferPointer(rebasing: raw[32...])
            for record in scan.records { decoded.append(try EventCodec.decode(UnsafeRawBufferPointer(rebasing: body[record.payload]))) }
        }
    }
    let applyTime = clock.measure { _ = DeskState(replaying: decoded) }
    print("  of which: checksums and framing \(format(seconds(scanTime) * 1000, 1)) ms, decoding \(format(seconds(decodeTime) * 1000, 1)) ms, reducer \(format(seconds(applyTime) * 1000, 1)) ms")

    // Start-up as a person sees it: open the journal, then the console's first frame.
    let layout = ConsoleLayout(width: 200, height: 60, technicians: 300)
    desk = nil
    decoded = []
    var startUp = Double.infinity
    for _ in 0..<3 {
        startUp = min(startUp, seconds(try clock.measure {
            let opened = try JournalDesk(log: FileJournal(path: path))
            let env = ConsoleEnvironment(zone: zone) { context(at: nil).with(now: $0) }
            var console = ConsoleState(desk: opened.state, position: opened.position, now: now)
            _ = ConsoleReducer.reduce(&console, .resized(width: layout.width, height: layout.height), env)
            _ = Renderer.frame(console, env)
        }))
    }
    print("  journal to the console's first frame (200×60, \(openCalls) open calls), best of 3: \(format(startUp)) s")
}

func epoch(of file: UnsafeRawBufferPointer) -> UInt64 {
    guard case .success(let header) = JournalFormat.decodeHeader(file) else { fatalError("not a journal") }
    return header.epoch
}

/// The payload encodings side by side on the same events: what chose the journal's encoding.
func codec(_ count: Int) throws {
    let events = try syntheticEvents(count: count)
    let binary = events.map { EventCodec.encode($0) }
    let json = events.map { EventCodec.json($0) }
    let clock = ContinuousClock()
    let decoder = JSONDecoder()
    func rate(_ payloads: [[UInt8]]) throws -> (perSecond: Int, bytes: Int) {
        var best = Double.infinity
        for _ in 0..<3 {
            let elapsed = try clock.measure {
                for payload in payloads { _ = try payload.withUnsafeBytes { try EventCodec.decode($0, decoder: decoder) } }
            }
            best = min(best, seconds(elapsed))
        }
        return (Int(Double(payloads.count) / best), payloads.reduce(0) { $0 + $1.count })
    }
    let b = try rate(binary), j = try rate(json)
    print("codec: \(count) events decoded, best of 3: binary \(b.perSecond) events/s (\(b.bytes / count) bytes each), JSON \(j.perSecond) events/s (\(j.bytes / count) bytes each)")
}

/// A console's tick on a busy desk as a live one looks: calls received over the last 25 hours
/// (so promises warn and break as the seconds pass), a third assigned, escalations fired and
/// some acknowledged, notes, and each call's history and supervision record allocated in a
/// shuffled order between other allocations, so the calls do not sit together in memory.
/// A tick is what the console does each second: the reducer's `.tick`, the look for escalations
/// due (recording what it finds, as the console would), and the frame.
func frame(calls: Int, technicians: Int) throws {
    var state = DeskState()
    func run(_ command: Command, at: Date? = nil) throws {
        for event in try state.decide(command, context(at: at)) { state.apply(event) }
    }
    for n in 0..<technicians {
        try run(.addTechnician(TechnicianDraft(id: "T\(n)", name: "技术员\(n)", region: "city")))
    }
    for n in 0..<calls {
        let at = now.addingTimeInterval(-Double(n * 7 % 90_000))
        try run(.intake(IntakeDraft(customer: "上海客户\(n)有限公司", phone: "021-6952 3310", summary: "主控服务器宕机，生产线停止",
                                    level: String(n % 4 + 1), region: n % 2 == 0 ? "city" : "jiading")), at: at)
        if n % 3 == 0 { try run(.assign(CallID(number: n + 1), TechnicianID("T\(n % technicians)")!, reassign: false), at: at) }
    }
    // Events reach the calls in a shuffled order (a seeded generator: the same desk every run),
    // each between allocations that stay alive, as on a desk that ran for hours.
    var random = SplitMix64(seed: 12)
    var junk: [[UInt8]] = []
    junk.reserveCapacity(calls * 2)
    func apply(_ change: Change, at: Date) {
        junk.append([UInt8](repeating: 0, count: 48 + Int(random.next() % 200)))
        state.apply(Event(occurredAt: at, recordedAt: at, actor: "bench", change: change))
    }
    var order = Array(1...calls)
    order.shuffle(using: &random)
    for number in order where number % 2 == 0 {
        let id = CallID(number: number)
        guard let call = state.calls[id] else { continue }
        apply(.noted(id, "客户要求上午到场，已电话确认"), at: max(call.lastEventAt, now.addingTimeInterval(-3600)))
    }
    // The escalations a console would have recorded half an hour ago, in shuffled order; one in
    // four of the calls escalated then is acknowledged.
    let earlier = now.addingTimeInterval(-1800)
    var escalated = Escalations.due(in: state, at: earlier, timekeeper: Timekeeper())
    escalated.shuffle(using: &random)
    for change in escalated { apply(change, at: earlier) }
    for change in escalated {
        guard case .escalated(let id, _, _, _) = change, id.number % 4 == 0, state.calls[id]?.pendingEscalations.isEmpty == false else { continue }
        apply(.acknowledged(id), at: earlier)
    }
    let escalatedCalls = Set(escalated.compactMap(\.call)).count
    let layout = ConsoleLayout(width: 200, height: 60, technicians: technicians)
    let clock = ContinuousClock()
    let rounds = 20
    // One environment for the run, as in the console: schedules are worked out once per call,
    // on the first frame; later frames (each second's tick) only compare instants.
    let env = ConsoleEnvironment(zone: zone) { context(at: nil).with(now: $0) }
    var console = ConsoleState(desk: state, position: .start, now: now)
    _ = ConsoleReducer.reduce(&console, .resized(width: layout.width, height: layout.height), env)
    var recorded = 0
    var look = Duration.zero, applying = Duration.zero
    /// Whether the tick recorded something (the desk changed, as when any event arrives).
    func tick(_ second: Int) -> Bool {
        let instant = now.addingTimeInterval(Double(second))
        let effects = ConsoleReducer.reduce(&console, .tick(instant), env)
        var changed = false
        for case .supervise(let at) in effects {
            let started = clock.now
            let due = TickLook.due(in: console.desk, at: at, env)
            look += clock.now - started
            // What the console's look records comes back as the desk read again.
            guard !due.isEmpty else { continue }
            var desk = console.desk
            let events = due.map { Event(occurredAt: at, recordedAt: at, actor: "bench", change: $0) }
            // What the journal's desk does when it records them: the first change copies the
            // table the console still shares (each call a handful of retains).
            applying += clock.measure { for event in events { desk.apply(event) } }
            recorded += events.count
            changed = true
            _ = ConsoleReducer.reduce(&console, .read(desk, .start, events), env)
        }
        _ = Renderer.frame(console, env)
        return changed
    }
    let first = clock.measure { _ = tick(0) }
    look = .zero
    applying = .zero
    recorded = 0
    var quiet: [Duration] = [], changing: [Duration] = []
    for second in 1...rounds {
        var changed = false
        let elapsed = clock.measure { changed = tick(second) }
        if changed { changing.append(elapsed) } else { quiet.append(elapsed) }
    }
    // The same desk on a wall display (read-only: nothing recorded, so the desk stays as it is):
    // the reducer's tick and the frame alone, the calls whose instants come still looked at.
    var wall = ConsoleState(desk: console.desk, position: .start, now: now, readOnly: true)
    _ = ConsoleReducer.reduce(&wall, .resized(width: layout.width, height: layout.height), env)
    var frames: [Duration] = []
    for second in (rounds + 1)...(2 * rounds) {
        frames.append(clock.measure {
            _ = ConsoleReducer.reduce(&wall, .tick(now.addingTimeInterval(Double(second))), env)
            _ = Renderer.frame(wall, env)
        })
    }
    func ms(_ d: [Duration]) -> String { d.isEmpty ? "-" : String(format: "%.2f", seconds(d.reduce(.zero, +)) / Double(d.count) * 1000) }
    func per(_ d: Duration) -> String { String(format: "%.2f", seconds(d) / Double(rounds) * 1000) }
    print("frame: \(calls) open calls (\(escalatedCalls) escalated), \(technicians) technicians, 200×60: first tick \(String(format: "%.1f", seconds(first) * 1000)) ms (works out every schedule, records what is due); then \(rounds) ticks: \(ms(quiet + changing)) ms each (\(quiet.count) where nothing came due \(ms(quiet)) ms, \(changing.count) that recorded escalations, \(recorded) in all, \(ms(changing)) ms); of a tick, the escalation look \(per(look)) ms, the desk applying what was recorded \(per(applying)) ms; a read-only console (the tick and the frame alone) \(ms(frames)) ms")
}


/// The console's look for escalations due, as ConsoleApp's `.supervise` effect makes it.
enum TickLook {
    static func due(in desk: DeskState, at now: Date, _ env: ConsoleEnvironment) -> [Change] {
        env.agenda.escalationsDue(in: desk, at: now, timekeeper: env.timekeeper)
    }
}

/// A key press to the next frame on a busy desk, as the console does it: the key through the
/// controller, the queue ordered (filtered, sorted), the frame built. Warm, as in a running
/// console (the terminal's own output is not counted).
func keypress(calls: Int, technicians: Int) throws {
    var state = DeskState()
    func run(_ command: Command, at: Date? = nil) throws {
        for event in try state.decide(command, context(at: at)) { state.apply(event) }
    }
    for n in 0..<technicians {
        try run(.addTechnician(TechnicianDraft(id: "T\(n)", name: "技术员\(n)", region: n % 2 == 0 ? "city" : "jiading",
                                               skills: n % 3 == 0 ? "printer" : "server", shift: ["day", "night", "oncall"][n % 3])))
    }
    for n in 0..<calls {
        let at = now.addingTimeInterval(-Double(n * 7 % 90_000))
        try run(.intake(IntakeDraft(customer: "上海客户\(n)有限公司", phone: "021-6952 3310", summary: "复印机卡纸，主控服务器宕机",
                                    level: String(n % 4 + 1), region: n % 2 == 0 ? "city" : "jiading")), at: at)
        if n % 3 == 0 { try run(.assign(CallID(number: n + 1), TechnicianID("T\(n % technicians)")!, reassign: false), at: at) }
    }
    let layout = ConsoleLayout(width: 200, height: 60, technicians: technicians)
    let env = ConsoleEnvironment(zone: zone) { context(at: nil).with(now: $0) }
    let searchIndex = env.searchIndex
    var console = ConsoleState(desk: state, position: .start, now: now)
    _ = ConsoleReducer.reduce(&console, .resized(width: layout.width, height: layout.height), env)
    let clock = ContinuousClock()
    // The key through the reducer (which keeps the queue's order when it changes) and the frame.
    func press(_ key: Key) -> Double {
        seconds(clock.measure {
            _ = ConsoleReducer.reduce(&console, .key(key), env)
            _ = Renderer.frame(console, env)
        })
    }
    var results: [(String, Double, Double)] = []
    func measure(_ name: String, _ keys: [Key], reset: [Key] = []) {
        var times: [Double] = []
        for _ in 0..<20 {
            for key in keys { times.append(press(key)) }
            for key in reset { _ = press(key) }
        }
        results.append((name, times.reduce(0, +) / Double(times.count), times.max() ?? 0))
    }
    _ = press(.character("j")) // the first frame works every schedule out
    state.forEachOpenCall { _ = searchIndex.text(for: $0, in: state) } // as the console does when first idle
    measure("move (j)", [.character("j")])
    measure("open the picker (a), 300 engineers ranked", [.character("a")], reset: [.escape])
    measure("open the new-call form (n)", [.character("n")], reset: [.escape])
    measure("type into the filter (/level:1)", [.character("/")] + "level:1".map { Key.character($0) }, reset: [.escape, .escape])
    measure("call in full (Enter)", [.enter])
    for (name, mean, worst) in results {
        print("keypress: \(name): mean \(format(mean * 1000, 2)) ms, worst \(format(worst * 1000, 2)) ms (\(calls) open calls, 200×60)")
    }
}

/// Every timer of `count` open calls worked out from the calls' facts (no cache): the mix of a
/// real desk — all four levels, in and out of the city, some emergency contracts and complaints,
/// some calls paused, some with engineers on site — received over the last three weeks.
/// The built-in policy with a fourth promise, a follow-up within 3 working days of the fix: what
/// a policy-defined timer costs the hot paths.
func followUpPolicy() throws -> SLAPolicy {
    let general = "    restore: {within: 24h, breach: substitute owed}\n"
    let text = try CallboardResources.defaultPolicy()
        .replacingOccurrences(of: general, with: general + "    follow_up: {within: 3d, calendar: working-days}\n")
        + "\ntimers: [response, onsite, restore, {name: follow_up, starts: resolved, stops: closed}]\n"
    return try PolicyParser.parse(text)
}

func timers(calls count: Int, rounds: Int = 3, followUp: Bool = false) throws {
    var state = DeskState()
    let desk = followUp ? try followUpPolicy() : policy
    func run(_ command: Command, at: Date) throws {
        for event in try state.decide(command, CommandContext(now: now, at: at, actor: "bench", timeZone: zone, policy: desk)) { state.apply(event) }
    }
    try run(.addTechnician(TechnicianDraft(id: "T1", name: "技术员", region: "city")), at: now.addingTimeInterval(-25 * 86_400))
    for n in 0..<count {
        let at = now.addingTimeInterval(-3600 - Double((n * 7919) % (21 * 86_400)))
        let level = n % 9 == 0 ? nil : String(n % 4 + 1)
        try run(.intake(IntakeDraft(customer: "客户\(n)", phone: "021-6952 3310", summary: "故障", level: level,
                                    region: n % 3 == 0 ? "kunshan" : "city", tier: n % 50 == 0 ? "emergency" : nil,
                                    kind: n % 40 == 0 ? "complaint" : nil)), at: at)
        let id = CallID(number: n + 1)
        if n % 5 == 0 { try run(.pause(id, reason: "等待备件"), at: at.addingTimeInterval(600)) }
        if n % 5 == 1 {
            try run(.assign(id, TechnicianID("T1")!, reassign: false), at: at.addingTimeInterval(300))
            try run(.arrive(id), at: at.addingTimeInterval(3000))
        }
        if followUp, n % 7 == 3 { try run(.resolve(id), at: at.addingTimeInterval(3300)) }
    }
    // As a console does it: a timekeeper goes over the open calls. Cold, a fresh timekeeper
    // works every schedule out (start-up, or a call that changed); warm, the same timekeeper
    // again (each second's tick) only compares instants.
    let clock = ContinuousClock()
    var cold = Double.infinity, warm = Double.infinity
    var breached = 0, calls = 0
    func evaluate(_ timekeeper: Timekeeper) {
        breached = 0
        calls = 0
        state.forEachOpenCall { call in
            calls += 1
            for schedule in timekeeper.schedules(for: call, in: state) where schedule.state(at: now) == .breached { breached += 1 }
        }
    }
    for _ in 0..<rounds {
        let timekeeper = Timekeeper()
        cold = min(cold, seconds(clock.measure { evaluate(timekeeper) }))
        warm = min(warm, seconds(clock.measure { evaluate(timekeeper) }))
    }
    print("timers\(followUp ? " (with a follow-up)" : ""): every timer of \(calls) open calls (\(breached) breached), best of \(rounds): cold \(String(format: "%.1f", cold * 1000)) ms (every schedule worked out), warm \(String(format: "%.1f", warm * 1000)) ms (the tick)")
}

/// Durable appends: one event per write and sync (a dispatcher's command), then the same
/// events in groups of 1,000 (a bulk import), each to a fresh journal.
func appends(_ count: Int) throws {
    let events = try syntheticEvents(count: count)
    let clock = ContinuousClock()
    func run(group: Int) throws -> Double {
        let dir = scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let desk = try JournalDesk(log: FileJournal(path: dir.appendingPathComponent("journal").path))
        return seconds(try clock.measure {
            for start in stride(from: 0, to: events.count, by: group) {
                try desk.record(now: now) { _ in Array(events[start..<min(start + group, events.count)]) }
            }
        })
    }
    let single = try run(group: 1), bulk = try run(group: 1_000)
    print("appends: \(count) events, each synced: \(format(single, 2)) s = \(Int(Double(count) / single)) events/s; in groups of 1,000: \(format(bulk, 3)) s = \(Int(Double(count) / bulk)) events/s")
}

/// A busy desk's export (`journal export --json`, JSON lines) of `count` events, written to
/// `path` (`-`: standard output) a piece at a time, its last event at `end`: what
/// `callboard journal import` builds a journal of any size from, for the other benchmarks.
func export(count: Int, to path: String, end: Date) throws {
    let fd = path == "-" ? STDOUT_FILENO : open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw BenchError("cannot create \(path): \(String(cString: strerror(errno)))") }
    defer { if fd != STDOUT_FILENO { close(fd) } }
    func write(_ bytes: [UInt8]) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw BenchError("cannot write \(path): \(String(cString: strerror(errno)))") }
            done += n
        }
    }
    var buffer: [UInt8] = []
    var sequence: UInt64 = 0
    for event in SyntheticDesk(count: count, policy: policy, end: end) {
        sequence += 1
        buffer += EventCodec.json(event, sequence: sequence)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 20 {
            try write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }
    try write(buffer)
}

/// For the journal's crash and concurrency tests: takes `count` calls one at a time as a
/// dispatcher's console would (catching up, deciding, appending, syncing), and writes a line
/// to standard output only after each call is acknowledged — on disk.
func writer(journal path: String, count: Int, name: String) throws {
    let desk = try JournalDesk(log: EventLogs.open(path))
    for n in 0..<count {
        let customer = "\(name)-\(n)"
        let events = try desk.perform(.intake(IntakeDraft(customer: customer, phone: "021-6952 3310", summary: "压力测试")),
                                      CommandContext(now: now, at: nil, actor: name, timeZone: zone, policy: policy))
        guard case .callReceived(let id, _, _) = events.last?.change else { throw BenchError("no call recorded") }
        let line = Array("\(customer) \(id)\n".utf8)
        line.withUnsafeBytes { _ = write(1, $0.baseAddress, $0.count) }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

DisplayText.adoptUTF8Locale()
let arguments = CommandLine.arguments.dropFirst()
do {
    switch arguments.first {
    case "replay": try replay(arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000)
    case "export":
        let rest = Array(arguments.dropFirst())
        guard (2...3).contains(rest.count), let count = Int(rest[0]) else { print("usage: callboard-bench export EVENTS FILE [END]"); exit(2) }
        guard let end = rest.count == 3 ? TimeText.parseISO(rest[2]) : Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)) else {
            print("callboard-bench export: END is a time such as 2026-11-23T10:00:00+08:00")
            exit(2)
        }
        try export(count: count, to: rest[1], end: end)
    case "appends": try appends(arguments.dropFirst().first.flatMap { Int($0) } ?? 20_000)
    case "logs":
        let rest = Array(arguments.dropFirst())
        guard rest.count == 3, let count = Int(rest[0]) else { print("usage: callboard-bench logs EVENTS POSTGRES_URI POSTGRES_URI (two empty databases)"); exit(2) }
        try LogComparison(events: syntheticEvents(count: count), databases: [rest[1], rest[2]]).run()
    case "writer":
        let rest = Array(arguments.dropFirst())
        guard rest.count == 3, let count = Int(rest[1]) else { print("usage: callboard-bench writer JOURNAL COUNT NAME"); exit(2) }
        try writer(journal: rest[0], count: count, name: rest[2])
    case "compare": try SQLiteComparison(events: syntheticEvents(count: arguments.dropFirst().first.flatMap { Int($0) } ?? 20_000)).run()
    case "keypress": try keypress(calls: arguments.dropFirst().first.flatMap { Int($0) } ?? 10_000,
                                  technicians: arguments.dropFirst(2).first.flatMap { Int($0) } ?? 300)
    case "codec": try codec(arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000)
    case "timers": try timers(calls: arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000,
                              rounds: arguments.dropFirst(2).first.flatMap { Int($0) } ?? 3,
                              followUp: arguments.dropFirst(3).first == "follow-up")
    case "frame": try frame(calls: arguments.dropFirst().first.flatMap { Int($0) } ?? 10_000,
                            technicians: arguments.dropFirst(2).first.flatMap { Int($0) } ?? 300)
    default:
        print("usage: callboard-bench replay [EVENTS] | export EVENTS FILE [END] | codec [EVENTS] | appends [EVENTS] | keypress [CALLS] [TECHNICIANS] | compare [EVENTS] | writer JOURNAL COUNT NAME | logs EVENTS URI URI | frame [CALLS] [TECHNICIANS] | timers [CALLS] [ROUNDS] [follow-up]")
        exit(2)
    }
} catch {
    print("callboard-bench: \(error)")
    exit(1)
}
