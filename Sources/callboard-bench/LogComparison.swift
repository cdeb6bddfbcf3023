import CallboardCore
import CallboardStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The file journal and the log in PostgreSQL side by side in one run (BENCHMARKS.md, 4/7):
/// durable appends one at a time and in groups of 1,000, a replay into desk state, and how long
/// after an append returns a follower (woken as a console is: inotify, or LISTEN) has read it.
/// `databases` are two empty databases' locations: one for the appends, one for the groups.
struct LogComparison {
    let events: [Event]
    let databases: [String]

    struct Figures {
        var single: Double
        var bulk: Double
        var replay: Double
        var follow: [Double]
    }

    func run() throws {
        let folder = scratchFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try measure(single: FileJournal(path: folder.appendingPathComponent("single").path),
                               bulk: FileJournal(path: folder.appendingPathComponent("bulk").path))
        let postgres = try measure(single: EventLogs.open(databases[0]), bulk: EventLogs.open(databases[1]))
        func rate(_ seconds: Double) -> String { "\(Int(Double(events.count) / seconds)) events/s" }
        func milliseconds(_ samples: [Double], _ fraction: Double) -> String {
            let sorted = samples.sorted()
            return String(format: "%.2f ms", sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))] * 1000)
        }
        print("logs: \(events.count) events, the file journal and PostgreSQL (\(EventLogs.redacted(databases[0])))")
        print("  one at a time, durable: file \(rate(file.single)), PostgreSQL \(rate(postgres.single))")
        print("  in groups of 1,000:     file \(rate(file.bulk)), PostgreSQL \(rate(postgres.bulk))")
        print("  read back into state:   file \(rate(file.replay)), PostgreSQL \(rate(postgres.replay))")
        print("  append to a follower having read it (\(file.follow.count) appends): file p50 \(milliseconds(file.follow, 0.5)) p99 \(milliseconds(file.follow, 0.99)), "
              + "PostgreSQL p50 \(milliseconds(postgres.follow, 0.5)) p99 \(milliseconds(postgres.follow, 0.99))")
    }

    private func measure(single: any EventLog, bulk: any EventLog) throws -> Figures {
        let clock = ContinuousClock()
        func write(_ log: any EventLog, group: Int) throws -> Double {
            let desk = try JournalDesk(log: log)
            return seconds(try clock.measure {
                for start in stride(from: 0, to: events.count, by: group) {
                    try desk.record(now: now) { _ in Array(events[start..<min(start + group, events.count)]) }
                }
            })
        }
        let singleSeconds = try write(single, group: 1)
        let bulkSeconds = try write(bulk, group: 1_000)
        let replay = seconds(try clock.measure { _ = try JournalDesk(log: bulk, fromSnapshot: false) })
        return Figures(single: singleSeconds, bulk: bulkSeconds, replay: replay, follow: try followLatency(single))
    }

    /// A writer appends a note every 20 ms; a follower sleeps in poll(2) on the log's changes
    /// (with the one-second look as a console has) and reads; each sample is the time from the
    /// append's return to the follower having the event.
    private func followLatency(_ log: any EventLog) throws -> [Double] {
        let writer = try JournalDesk(log: log)
        let follower = try JournalDesk(log: EventLogs.open(log.location))
        let changes = log.changes()
        let samples = 200
        let appended = Instants(count: samples)
        nonisolated(unsafe) let writing = writer
        let call = CallID(number: 1)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            for n in 0..<samples {
                Thread.sleep(forTimeInterval: 0.02)
                _ = try? writing.record(now: now) { _ in
                    [Event(occurredAt: now, recordedAt: now, actor: "bench", change: .noted(call, "跟进 \(n)"))]
                }
                appended.set(n, ContinuousClock.now)
            }
            done.signal()
        }
        var seen: [Double] = []
        var taken = 0
        let start = follower.position.sequence
        while taken < samples {
            if let descriptor = changes.descriptor {
                var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&entry, 1, 1000)
            } else {
                Thread.sleep(forTimeInterval: Double(changes.pollMilliseconds) / 1000)
            }
            changes.drain()
            _ = try follower.refresh()
            let arrived = ContinuousClock.now
            let now = Int(follower.position.sequence - start)
            while taken < min(now, samples) {
                // Read before the writer's call had even returned: no wait at all.
                seen.append(appended.get(taken).map { max(0, seconds(arrived - $0)) } ?? 0)
                taken += 1
            }
        }
        done.wait()
        return seen
    }
}

/// When each append returned, from the writer's thread to the follower's.
final class Instants: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [ContinuousClock.Instant?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ instant: ContinuousClock.Instant) { lock.withLock { values[index] = instant } }
    func get(_ index: Int) -> ContinuousClock.Instant? { lock.withLock { values[index] } }
}
