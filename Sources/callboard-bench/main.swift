// callboard-bench — reproducible figures for BENCHMARKS.md.
//
//   callboard-bench replay [EVENTS]        write a journal of EVENTS events, then time replaying it
//   callboard-bench frame [CALLS] [TECHS]  time building and rendering one 200×60 console frame
//   callboard-bench timers [CALLS]          time evaluating every timer of CALLS open calls from scratch
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

func context(at: Date? = nil) -> CommandContext {
    CommandContext(now: now, at: at, actor: "bench", timeZone: zone, policy: policy)
}

/// A busy desk's events: technicians, then calls moving through their lives.
func syntheticEvents(count: Int, technicians: Int = 300) throws -> [Event] {
    var state = DeskState()
    var events: [Event] = []
    func record(_ command: Command, at: Date) throws {
        for event in try state.decide(command, context(at: at)) {
            state.apply(event)
            events.append(event)
        }
    }
    for n in 0..<technicians {
        try record(.addTechnician(TechnicianDraft(id: "T\(n)", name: "技术员\(n)", region: n % 3 == 0 ? "city" : "jiading",
                                                  skills: "printer,server", shift: "day", phone: "138 0000 \(1000 + n)")),
                   at: now.addingTimeInterval(-86_400))
    }
    var n = 0
    while events.count < count {
        let at = now.addingTimeInterval(-Double(count - events.count))
        try record(.intake(IntakeDraft(customer: "上海客户\(n)有限公司", phone: "021-6952 3310", summary: "服务器频繁重启，生产线中断",
                                       level: String(n % 4 + 1), region: "city")), at: at)
        let id = CallID(number: n + 1)
        for step: Command in [.respond(id), .assign(id, TechnicianID("T\(n % technicians)")!, reassign: false), .depart(id),
                              .arrive(id), .resolve(id), .close(id)] where events.count < count {
            try record(step, at: at)
        }
        n += 1
    }
    return events
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func replay(_ count: Int) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("callboard-bench-\(UUID().uuidString.prefix(8))")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("journal").path
    let events = try syntheticEvents(count: count)
    let writer = try JournalDesk(journal: Journal(path: path))
    for start in stride(from: 0, to: events.count, by: 10_000) {
        try writer.record(now: now) { _ in Array(events[start..<min(start + 10_000, events.count)]) }
    }
    let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let clock = ContinuousClock()
    var best = Double.infinity
    for _ in 0..<3 {
        let elapsed = try clock.measure { _ = try JournalDesk(journal: Journal(path: path)) }
        best = min(best, seconds(elapsed))
    }
    print("replay: \(events.count) events, \(size / 1_048_576) MiB, best of 3: \(String(format: "%.3f", best)) s = \(Int(Double(events.count) / best)) events/s")
}

func frame(calls: Int, technicians: Int) throws {
    // Open calls only: intake each call, assign a third of them.
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
    let layout = ConsoleLayout(width: 200, height: 60, technicians: technicians)
    let clock = ContinuousClock()
    let rounds = 20
    var model = ConsoleModel()
    // One timekeeper for the run, as in the console: schedules are worked out once per call,
    // on the first frame; later frames (each second's tick) only compare instants.
    let timekeeper = Timekeeper()
    func frame(_ second: Int) {
        let snapshot = ConsoleSnapshot(state: state, now: now.addingTimeInterval(Double(second)), zone: zone, timekeeper: timekeeper)
        let queue = snapshot.order()
        model.reconcile(order: queue, visibleRows: layout.queueRows)
        _ = ConsoleView.render(snapshot, queue: queue, model: model, layout: layout)
    }
    let first = clock.measure { frame(0) }
    let elapsed = clock.measure { for second in 1...rounds { frame(second) } }
    print("frame: \(calls) open calls, \(technicians) technicians, 200×60: first \(String(format: "%.1f", seconds(first) * 1000)) ms (works out every schedule), then \(String(format: "%.2f", seconds(elapsed) / Double(rounds) * 1000)) ms per frame (mean of \(rounds))")
}

/// Every timer of `count` open calls worked out from the calls' facts (no cache): the mix of a
/// real desk — all four levels, in and out of the city, some emergency contracts and complaints,
/// some calls paused, some with engineers on site — received over the last three weeks.
func timers(calls count: Int, rounds: Int = 3) throws {
    var state = DeskState()
    func run(_ command: Command, at: Date) throws {
        for event in try state.decide(command, context(at: at)) { state.apply(event) }
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
    print("timers: every timer of \(calls) open calls (\(breached) breached), best of \(rounds): cold \(String(format: "%.1f", cold * 1000)) ms (every schedule worked out), warm \(String(format: "%.1f", warm * 1000)) ms (the tick)")
}

DisplayText.adoptUTF8Locale()
let arguments = CommandLine.arguments.dropFirst()
do {
    switch arguments.first {
    case "replay": try replay(arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000)
    case "timers": try timers(calls: arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000,
                              rounds: arguments.dropFirst(2).first.flatMap { Int($0) } ?? 3)
    case "frame": try frame(calls: arguments.dropFirst().first.flatMap { Int($0) } ?? 10_000,
                            technicians: arguments.dropFirst(2).first.flatMap { Int($0) } ?? 300)
    default:
        print("usage: callboard-bench replay [EVENTS] | frame [CALLS] [TECHNICIANS] | timers [CALLS]")
        exit(2)
    }
} catch {
    print("callboard-bench: \(error)")
    exit(1)
}
