import CallboardCore
import CallboardStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The journal under real crashes, real concurrency and a really full disk: real processes,
/// real signals, real files.
@Suite(.serialized) struct JournalDurabilityTests {
    /// Writer processes, each reporting every acknowledged call through a pipe.
    final class Writers {
        let journal: String
        var pids: [pid_t] = []
        private var readEnds: [Int32] = []
        private var received: [[UInt8]] = []

        init(journal: String) { self.journal = journal }

        func start(_ name: String, count: Int) throws {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw HarnessError("pipe failed") }
            for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            let pid = try Spawn.start([BenchBinary.path, "writer", journal, String(count), name], environment: TestEnvironment.variables(),
                                      stdout: .descriptor(ends[1]))
            close(ends[1])
            pids.append(pid)
            readEnds.append(ends[0])
            received.append([])
        }

        /// Reads what each writer has reported so far (blocking until each pipe closes if `all`).
        func collect(untilClosed all: Bool) {
            for (index, fd) in readEnds.enumerated() where fd >= 0 {
                var chunk = [UInt8](repeating: 0, count: 65_536)
                let flags = fcntl(fd, F_GETFL)
                _ = fcntl(fd, F_SETFL, all ? flags & ~O_NONBLOCK : flags | O_NONBLOCK)
                while true {
                    let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if n > 0 { received[index] += chunk[0..<n]; continue }
                    if n < 0 && errno == EINTR { continue }
                    break
                }
            }
        }

        /// Waits until some writer has had a call acknowledged: a writer's start-up (a process,
        /// the journal opened and replayed) takes longer on a loaded machine, and a kill before
        /// it tests nothing about appends. (A writer that fails to start is caught by its
        /// exit status after the wait's 30 seconds.)
        func awaitFirstAcknowledgement() {
            for _ in 0..<15_000 where acknowledged.isEmpty {
                collect(untilClosed: false)
                if !acknowledged.isEmpty { return }
                usleep(2_000)
            }
        }

        func waitAll() throws -> [Int32] {
            collect(untilClosed: true)
            let statuses = try pids.map { try Spawn.wait(for: $0) }
            readEnds.forEach { close($0) }
            readEnds = readEnds.map { _ in -1 }
            return statuses
        }

        /// Acknowledged calls: "customer C-0007", complete lines only (a line cut by a kill
        /// was never fully reported).
        var acknowledged: [(customer: String, id: String)] {
            received.flatMap { bytes in
                let text = String(decoding: bytes, as: UTF8.self)
                let complete = text.hasSuffix("\n") ? text : String(text[..<(text.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex)])
                return complete.split(separator: "\n").map { line in
                    let parts = line.split(separator: " ")
                    return (String(parts[0]), String(parts[1]))
                }
            }
        }
    }

    /// Opens the journal as a new console would and returns every call by customer.
    func callsByCustomer(_ journal: String) throws -> [String: [String]] {
        let desk = try JournalDesk(log: FileJournal(path: journal))
        var found: [String: [String]] = [:]
        desk.state.calls.forEach { found[$0.intake.customer, default: []].append($0.id.description) }
        return found
    }

    @Test func writersKilledAtRandomMomentsNeverLoseAnAcknowledgedCall() throws {
        let scratch = try Scratch()
        var generator = SystemRandomNumberGenerator()
        var acknowledged: [(customer: String, id: String)] = []
        // At least 25 rounds, and more until the writers have had a hundred calls acknowledged:
        // how many a round gets depends on the machine's speed and load, not on what is tested.
        // Each round's kill falls at a random moment once the writers are appending (after the
        // first acknowledgement), so a slow start-up under load does not use the moment up.
        var round = 0
        while round < 25 || (acknowledged.count <= 100 && round < 100) {
            defer { round += 1 }
            let writers = Writers(journal: scratch.journal)
            try writers.start("r\(round)a", count: 400)
            try writers.start("r\(round)b", count: 400)
            writers.awaitFirstAcknowledgement()
            usleep(UInt32.random(in: 0...120_000, using: &generator))
            for pid in writers.pids { kill(pid, SIGKILL) }
            let statuses = try writers.waitAll()
            #expect(statuses.allSatisfy { $0 == 128 + SIGKILL || $0 == 0 }, "\(statuses)")
            acknowledged += writers.acknowledged
            // After every crash the journal opens, and a following write repairs any torn tail.
            let found = try callsByCustomer(scratch.journal)
            for ack in writers.acknowledged { #expect(found[ack.customer] == [ack.id], "round \(round): \(ack.customer)") }
        }
        #expect(acknowledged.count > 100, "the writers got going before being killed")
        try CallboardCLI.succeed(["intake", "--customer", "after the crashes", "--phone", "138 0013 8000", "--summary", "x"], journal: scratch.journal)
        let found = try callsByCustomer(scratch.journal)
        for ack in acknowledged { #expect(found[ack.customer] == [ack.id], "\(ack.customer)") }
        // Each call exactly once, numbered without gaps.
        let ids = found.values.flatMap { $0 }
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids) == Set((1...ids.count).map { CallID(number: $0).description }))
        let verify = try CallboardCLI.run(["journal", "verify"], journal: scratch.journal)
        #expect(verify.status == 0, "\(verify)")
    }

    @Test func fourWritersAtOnceAppendEveryEventExactlyOnceWhileAReaderFollows() throws {
        let scratch = try Scratch()
        let writers = Writers(journal: scratch.journal)
        for name in ["w1", "w2", "w3", "w4"] { try writers.start(name, count: 2_000) }
        // A follower, as a console is: it takes in what has been written as it goes.
        let follower = try JournalDesk(log: FileJournal(path: scratch.journal))
        var seenSequences: [UInt64] = []
        var lastSequence: UInt64 = 0
        func follow() throws {
            try follower.refresh(wait: false)
            if follower.position.sequence > lastSequence {
                seenSequences.append(contentsOf: (lastSequence + 1)...follower.position.sequence)
                lastSequence = follower.position.sequence
            }
        }
        while writers.pids.contains(where: { kill($0, 0) == 0 && !isZombie($0) }) {
            try follow()
            writers.collect(untilClosed: false)
            usleep(20_000)
        }
        let statuses = try writers.waitAll()
        #expect(statuses == [0, 0, 0, 0])
        try follow()
        #expect(follower.state.calls.count == 8_000)
        // 8,000 calls and the desk's policy, journaled with the first call.
        #expect(follower.position.sequence == 8_001)
        // Compared without printing 8,000 numbers on failure.
        let firstWrong = zip(seenSequences, 1...).first { $0.0 != UInt64($0.1) }
        #expect(seenSequences.count == 8_001 && firstWrong == nil, "the follower saw every event once, in order: \(seenSequences.count) seen, first out of place \(String(describing: firstWrong))")
        let customers = follower.state.calls.values.map(\.intake.customer)
        #expect(Set(customers).count == 8_000)
        #expect(Set(writers.acknowledged.map(\.customer)) == Set(customers))
        #expect(follower.state.calls.values.map(\.id.number) == Array(1...8_000))
    }

    private func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
    }

    /// Takes calls until the file system refuses to store more: each refusal is a clear error,
    /// nothing half-written stays, every acknowledged call is there.
    func takeCallsUntilFull(journal: String, wrap: [String]) throws -> (accepted: [String], refusal: CLIResult) {
        var accepted: [String] = []
        for n in 0..<2_000 {
            let customer = "客户\(n)号" + String(repeating: "满", count: 90)
            let intake = ["intake", "--customer", customer, "--phone", "138 0013 8000", "--summary", String(repeating: "磁盘将满", count: 100), "--journal", journal]
            let result = wrap.isEmpty ? try CallboardCLI.run(intake) : try CallboardCLI.run(wrap + [Binary.path] + intake, program: wrap[0])
            if result.status != 0 { return (accepted, result) }
            accepted.append(customer)
        }
        throw HarnessError("the disk never filled")
    }

    @Test func aFileSizeLimitRefusesTheWriteAndLeavesNothingHalfWritten() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊"], journal: scratch.journal)
        // The first call also journals the desk's policy (several kilobytes).
        try CallboardCLI.succeed(["intake", "--customer", "first", "--phone", "138 0013 8000", "--summary", "x"], journal: scratch.journal)
        let size = try FileManager.default.attributesOfItem(atPath: scratch.journal)[.size] as! UInt64
        // prlimit caps how large a file the process may write (RLIMIT_FSIZE): the kernel refuses
        // the write past it, as it would on a full disk (callboard ignores SIGXFSZ itself).
        let wrap = ["prlimit", "--fsize=\(size + 9_000)"]
        let (accepted, refusal) = try takeCallsUntilFull(journal: scratch.journal, wrap: wrap)
        #expect(refusal.stderr.contains("File too large"), "\(refusal)")
        try checkRefusal(refusal, accepted: accepted + ["first"], journal: scratch.journal)
    }

    @Test(.enabled(if: geteuid() == 0, "mounting a tmpfs needs root"))
    func aFullDiskRefusesTheWriteAndLeavesNothingHalfWritten() throws {
        let scratch = try Scratch()
        let disk = scratch.path("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        #expect(try Spawn.run(["mount", "-t", "tmpfs", "-o", "size=64k,mode=1770", "tmpfs", disk], environment: TestEnvironment.variables()) == 0)
        defer { _ = try? Spawn.run(["umount", disk], environment: TestEnvironment.variables()) }
        let journal = disk + "/journal"
        let (accepted, refusal) = try takeCallsUntilFull(journal: journal, wrap: [])
        #expect(refusal.stderr.contains("No space left on device"), "\(refusal)")
        try checkRefusal(refusal, accepted: accepted, journal: journal)
    }

    private func checkRefusal(_ refusal: CLIResult, accepted: [String], journal: String) throws {
        #expect(refusal.status == 74, "\(refusal)")
        #expect(refusal.stderr.contains("cannot write \(journal)") || refusal.stderr.contains("cannot"), "\(refusal)")
        #expect(accepted.count > 3, "\(refusal)")
        let before = try Data(contentsOf: URL(fileURLWithPath: journal))
        let verify = try CallboardCLI.run(["journal", "verify"], journal: journal)
        #expect(verify.status == 0 && verify.stdout.contains("ok") && !verify.stdout.contains("unfinished"), "\(verify)")
        let found = try callsByCustomer(journal)
        #expect(found.count == accepted.count)
        for customer in accepted { #expect(found[customer]?.count == 1) }
        // The refused call left nothing behind, and the file is exactly as before the refusal.
        #expect(try Data(contentsOf: URL(fileURLWithPath: journal)) == before)
    }
}
