import CallboardCore
import Foundation
import Testing

/// Supervisors and the night shift, end to end: calls recorded in the past so their timers
/// are already breached.
@Suite struct SupervisionTests {
    /// The built-in policy with the given changes.
    static func policy(in scratch: Scratch, replacing: [(String, String)] = []) throws -> String {
        var text = try CallboardCLI.succeed(["policy", "default"], journal: nil)
        for (old, new) in replacing { text = text.replacingOccurrences(of: old, with: new) }
        let path = scratch.path("policy.yaml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The desk's notification command, in desk.yaml beside the journal (owner-writable only).
    static func notify(in scratch: Scratch, command: String) throws {
        let path = scratch.path("desk.yaml")
        try "notify: {command: \(command), timeout: 5s, retries: 1}\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o644)
    }

    static func run(_ arguments: [String], _ scratch: Scratch, policy: String, extra: [String: String] = [:]) throws -> CLIResult {
        try CallboardCLI.run(arguments, journal: scratch.journal, environment: ["CALLBOARD_POLICY": policy].merging(extra) { $1 })
    }

    @discardableResult
    static func succeed(_ arguments: [String], _ scratch: Scratch, policy: String, extra: [String: String] = [:]) throws -> String {
        let result = try run(arguments, scratch, policy: policy, extra: extra)
        guard result.status == 0 else { throw HarnessError("callboard \(arguments.joined(separator: " ")) failed: \(result)") }
        return result.line
    }

    func events(_ scratch: Scratch, type: String) throws -> [[String: Any]] {
        let export = try CallboardCLI.succeed(["journal", "export", "--json"], journal: scratch.journal)
        return try export.split(separator: "\n").compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["type"] as? String == type }
    }

    @Test func escalationsAreWrittenOnceWithTwoConsolesOpenAndTheHookGetsTheCallsFields() throws {
        let scratch = try Scratch()
        let log = scratch.path("hook.log")
        let hook = scratch.path("hook.sh")
        try "#!/bin/sh\necho \"$CALLBOARD_EVENT|$CALLBOARD_CALL|$CALLBOARD_STEP|$CALLBOARD_NOTIFY|$CALLBOARD_TIMER|$CALLBOARD_CUSTOMER|$CALLBOARD_PHONE|$CALLBOARD_TIMER_STATE\" >> \(log)\n"
            .write(toFile: hook, atomically: true, encoding: .utf8)
        chmod(hook, 0o755)
        let policy = try Self.policy(in: scratch)
        try Self.notify(in: scratch, command: hook)
        try Self.succeed(["intake", "--customer", "浦东新区人民医院", "--phone", "021-5830 1120", "--summary", "UPS 报警", "--level", "1",
                          "--region", "city", "--at", "-3h"], scratch, policy: policy)
        let environment = ["CALLBOARD_POLICY": policy]
        let first = try TmuxConsole([], journal: scratch.journal, width: 120, height: 36, environment: environment)
        let second = try TmuxConsole([], journal: scratch.journal, width: 120, height: 36, environment: environment)
        for console in [first, second] { try console.waitFor(text: "ESCALATION C-0001") }
        // Give both consoles a few more ticks to try again.
        Thread.sleep(forTimeInterval: 2.5)
        let escalated = try events(scratch, type: "call.escalated")
        let keys = escalated.map { "\($0["step"]!)/\($0["timer"]!)" }
        #expect(Set(keys).count == keys.count, "each step once: \(keys)")
        // Telling "the technician" waits until the call has one.
        #expect(Set(keys) == ["duty supervisor/onsite", "manager/onsite"])
        // The console that wrote each escalation sent its message, once.
        let deadline = Date().addingTimeInterval(10)
        while (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").count ?? 0 < 2, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
        }
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.contains("escalated|C-0001|duty supervisor|supervisor|onsite|浦东新区人民医院|021-5830 1120|breached"), "\(lines)")
        try first.send("b")
        try first.waitFor(text: "Escalations waiting for acknowledgment (2)")
        try Self.succeed(["ack", "C-0001"], scratch, policy: policy)
        try first.waitFor(text: "Escalations waiting for acknowledgment (0)")
        #expect(try events(scratch, type: "call.notified").count == 2)
    }

    @Test func unacknowledgedEscalationsAlertAgainUntilSomeoneTakesCharge() throws {
        let scratch = try Scratch()
        let policy = try Self.policy(in: scratch, replacing: [("repeat: 15m", "repeat: 1s")])
        try Self.succeed(["intake", "--customer", "甲", "--phone", "021-5830 1120", "--summary", "x", "--level", "2", "--region", "city", "--at", "-2h"], scratch, policy: policy)
        try Self.succeed(["watch", "--once"], scratch, policy: policy)
        Thread.sleep(forTimeInterval: 1.2)
        let again = try Self.succeed(["watch", "--once"], scratch, policy: policy)
        #expect(again.contains("alerted again"))
        let before = try events(scratch, type: "call.realerted").count
        #expect(before >= 1)
        try Self.succeed(["ack", "C-0001"], scratch, policy: policy)
        Thread.sleep(forTimeInterval: 1.2)
        let after = try Self.succeed(["watch", "--once"], scratch, policy: policy)
        #expect(!after.contains("alerted again"), "\(after)")
        #expect(try events(scratch, type: "call.realerted").count == before)
        let second = try Self.run(["ack", "C-0001"], scratch, policy: policy)
        #expect(second.status == 1 && second.stderr.contains("already acknowledged by"), "\(second)")
    }

    /// `--once` looks once: its first line says so rather than "every 30s".
    @Test func watchOnceSaysItLooksOnceInEitherLanguage() throws {
        let scratch = try Scratch()
        let policy = try Self.policy(in: scratch)
        try Self.succeed(["intake", "--customer", "甲", "--phone", "021-5830 1120", "--summary", "x"], scratch, policy: policy)
        let once = try Self.succeed(["watch", "--once"], scratch, policy: policy)
        #expect(once.hasPrefix("looking at \(scratch.journal) once as "), "\(once)")
        #expect(!once.contains("every"), "\(once)")
        let dispatching = try Self.succeed(["watch", "--once", "--auto-dispatch"], scratch, policy: policy)
        #expect(dispatching.hasPrefix("looking at \(scratch.journal) once, auto-dispatching as "), "\(dispatching)")
        let chinese = try Self.succeed(["watch", "--once", "--lang", "zh"], scratch, policy: policy)
        #expect(chinese.hasPrefix("以 ") && chinese.contains("的身份查看 \(scratch.journal) 一次"), "\(chinese)")
        #expect(!chinese.contains("每"), "\(chinese)")
    }

    @Test func aFailingHookIsRetriedReportedAndRecorded() throws {
        let scratch = try Scratch()
        let policy = try Self.policy(in: scratch)
        try Self.notify(in: scratch, command: "\"echo gateway down >&2; exit 3\"")
        try Self.succeed(["intake", "--customer", "甲", "--phone", "021-5830 1120", "--summary", "x", "--level", "1", "--region", "city", "--at", "-3h"], scratch, policy: policy)
        let output = try Self.succeed(["watch", "--once"], scratch, policy: policy)
        #expect(output.contains("notification FAILED"), "\(output)")
        #expect(output.contains("failed 2 times; last: exit 3: gateway down"), "\(output)")
        let failed = try events(scratch, type: "call.notified").filter { $0["ok"] as? Bool == false }
        #expect(failed.count == 2)
    }

    @Test func autoDispatchAsksTheBestOnCallEngineerAndMovesOnWhenNotAccepted() throws {
        let scratch = try Scratch()
        let policy = try Self.policy(in: scratch, replacing: [("outside: office", "outside: always"), ("accept_within: 10m", "accept_within: 1s")])
        try Self.succeed(["tech", "add", "T09", "--name", "孙强", "--region", "city", "--skills", "server", "--shift", "oncall"], scratch, policy: policy)
        try Self.succeed(["tech", "add", "T10", "--name", "周婷", "--region", "kunshan", "--shift", "oncall"], scratch, policy: policy)
        try Self.succeed(["intake", "--customer", "甲", "--phone", "021-5830 1120", "--summary", "服务器宕机", "--level", "1", "--region", "city"], scratch, policy: policy)
        let first = try Self.succeed(["watch", "--once", "--auto-dispatch"], scratch, policy: policy)
        #expect(first.contains("automatic dispatch asked T09 孙强"), "\(first)")
        Thread.sleep(forTimeInterval: 1.2)
        let lapsed = try Self.succeed(["watch", "--once", "--auto-dispatch"], scratch, policy: policy)
        #expect(lapsed.contains("T09 孙强 did not accept in time"), "\(lapsed)")
        let next = try Self.succeed(["watch", "--once", "--auto-dispatch"], scratch, policy: policy)
        #expect(next.contains("automatic dispatch asked T10 周婷"), "\(next)")
        #expect(next.contains("T09 did not accept"), "\(next)")
        try Self.succeed(["accept", "C-0001"], scratch, policy: policy)
        let show = try Self.succeed(["show", "C-0001"], scratch, policy: policy)
        #expect(show.contains("accepted by T10 周婷 (automatic dispatch)"))
        #expect(show.contains("best on-call engineer: on call, covers city, skill server"), "\(show)")
        let again = try Self.run(["accept", "C-0001"], scratch, policy: policy)
        #expect(again.status == 1 && again.stderr.contains("already assigned to T10"))
    }

    /// Two watchers run the night (as a desk may): the offer goes round both on-call engineers,
    /// both let it lapse, and the duty supervisor is told once, with one message.
    @Test func aCallNobodyAcceptsIsEscalatedToTheSupervisorOnceWhileTwoWatchersRun() throws {
        let scratch = try Scratch()
        let log = scratch.path("hook.log")
        let hook = scratch.path("hook.sh")
        try "#!/bin/sh\necho \"$CALLBOARD_EVENT|$CALLBOARD_CALL|$CALLBOARD_STEP|$CALLBOARD_NOTIFY|$CALLBOARD_TIMER|$CALLBOARD_LAPSED|$CALLBOARD_CUSTOMER\" >> \(log)\n"
            .write(toFile: hook, atomically: true, encoding: .utf8)
        chmod(hook, 0o755)
        let policy = try Self.policy(in: scratch, replacing: [("outside: office", "outside: always"), ("accept_within: 10m", "accept_within: 1s")])
        try Self.notify(in: scratch, command: hook)
        try Self.succeed(["tech", "add", "T09", "--name", "孙强", "--region", "city", "--shift", "oncall"], scratch, policy: policy)
        try Self.succeed(["tech", "add", "T10", "--name", "周婷", "--region", "city", "--shift", "oncall"], scratch, policy: policy)
        try Self.succeed(["intake", "--customer", "浦东新区人民医院", "--phone", "021-5830 1120", "--summary", "主控服务器宕机", "--level", "1",
                          "--region", "city"], scratch, policy: policy)
        let environment = TestEnvironment.variables(["CALLBOARD_POLICY": policy, "CALLBOARD_JOURNAL": scratch.journal])
        let watchers = try (1...2).map { n in
            try Spawn.start([Binary.path, "watch", "--interval", "1s", "--auto-dispatch"], environment: environment,
                            stdout: .file(scratch.path("watch\(n).log")))
        }
        defer { for pid in watchers { kill(pid, SIGKILL); _ = try? Spawn.wait(for: pid) } }
        let deadline = Date().addingTimeInterval(20)
        while try events(scratch, type: "call.escalated").isEmpty, Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        // A few more looks by both watchers (the next round of offers starts meanwhile).
        Thread.sleep(forTimeInterval: 3)
        let escalated = try events(scratch, type: "call.escalated")
        #expect(escalated.count == 1, "\(escalated)")
        #expect(escalated.first?["step"] as? String == "no one accepted" && escalated.first?["notify"] as? String == "supervisor", "\(escalated)")
        #expect(escalated.first?["timer"] == nil, "about the call, not one of its timers: \(escalated)")
        let lapsed = Set(try events(scratch, type: "call.request_lapsed").compactMap { $0["tech"] as? String })
        #expect(lapsed.isSuperset(of: ["T09", "T10"]), "only after both let it lapse: \(lapsed)")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init).filter { $0.hasPrefix("escalated|") }
        #expect(lines == ["escalated|C-0001|no one accepted|supervisor||T09 孙强, T10 周婷|浦东新区人民医院"], "\(lines)")
        let show = try Self.succeed(["show", "C-0001"], scratch, policy: policy)
        #expect(show.contains("escalated (no one accepted): every on-call engineer let the offer lapse; supervisor told"), "\(show)")
        let board = try Self.succeed(["board", "--print"], scratch, policy: policy)
        #expect(board.contains("Escalations waiting for acknowledgment (1)") && board.contains("no one accepted"), "\(board)")
        let check = try CallboardCLI.succeed(["policy", "check", policy], journal: nil)
        #expect(check.contains("when every on-call engineer lets it lapse, notify supervisor."), "\(check)")
    }

    /// At night the dispatcher's console and the board say which calls wait for an on-call
    /// engineer's answer, who was asked and until when.
    @Test func anOfferShowsInTheQueueTheSelectedLineAndTheBoard() throws {
        let scratch = try Scratch()
        let policy = try Self.policy(in: scratch, replacing: [("outside: office", "outside: always")])
        try Self.succeed(["tech", "add", "T09", "--name", "孙强", "--region", "city", "--shift", "oncall"], scratch, policy: policy)
        try Self.succeed(["intake", "--customer", "浦东新区人民医院", "--phone", "021-5830 1120", "--summary", "主控服务器宕机", "--level", "1",
                          "--region", "city"], scratch, policy: policy)
        let offered = try Self.succeed(["watch", "--once", "--auto-dispatch"], scratch, policy: policy)
        let until = try #require(offered.range(of: #"by \d\d:\d\d"#, options: .regularExpression).map { String(offered[$0].dropFirst(3)) }, "\(offered)")
        let console = try TmuxConsole([], journal: scratch.journal, width: 140, height: 36, environment: ["CALLBOARD_POLICY": policy])
        let screen = try console.waitFor(text: "▸ C-0001")
        let row = try #require(Screen.line(containing: "浦东新区人民医院", in: screen))
        #expect(row.contains("offered") && row.contains("T09"), "\(row)")
        #expect(try #require(Screen.line(containing: "▸ C-0001", in: screen)).contains("offered to T09 孙强 until \(until)"), "\(screen)")
        try console.send("b")
        let board = try console.waitFor(text: "Offers waiting for an answer (1)")
        #expect(try #require(Screen.line(containing: "offered to T09", in: board)).contains("C-0001 L1 offered to T09 孙强 until \(until)"), "\(board)")
    }

    /// `watch` under a service manager: a stop signal ends it like the console, 128 + signal.
    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func aStoppedWatchExitsWithTheSignalsStatus(signal: Int32) throws {
        let scratch = try Scratch()
        let policy = try Self.policy(in: scratch)
        try Self.succeed(["intake", "--customer", "甲", "--phone", "021-5830 1120", "--summary", "x"], scratch, policy: policy)
        let output = scratch.path("watch.log")
        let pid = try Spawn.start([Binary.path, "watch", "--interval", "1s"],
                                  environment: TestEnvironment.variables(["CALLBOARD_POLICY": policy, "CALLBOARD_JOURNAL": scratch.journal]),
                                  stdout: .file(output))
        let deadline = Date().addingTimeInterval(10)
        while !((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").contains("watching"), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        kill(pid, signal)
        #expect(try Spawn.wait(for: pid) == 128 + signal)
        #expect(try String(contentsOfFile: output, encoding: .utf8).contains("stopped by signal \(signal)"))
    }

    @Test func aViewerChangesNothingAndOnlySupervisorsRelevel() throws {
        let scratch = try Scratch()
        let policy = try Self.policy(in: scratch)
        let me = try CallboardCLI.run(["sh", "-c", "id -un"], program: "sh").line
        // The desk's roles live beside the journal, writable only by their owner.
        let deskFile = scratch.path("desk.yaml")
        func desk(_ role: String) throws -> [String: String] {
            let yaml = role == "supervisor" ? "roles:\n  supervisor: [\(me), li, zhang]\n" : "roles:\n  \(role): [\(me)]\n  supervisor: [li, zhang]\n"
            try? FileManager.default.removeItem(atPath: deskFile)
            try yaml.write(toFile: deskFile, atomically: false, encoding: .utf8)
            chmod(deskFile, 0o644)
            return [:]
        }
        try Self.succeed(["intake", "--customer", "甲", "--phone", "021-5830 1120", "--summary", "x", "--level", "3"], scratch, policy: policy)
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.journal))
        let viewer = try Self.run(["note", "C-0001", "看看"], scratch, policy: policy, extra: try desk("viewer"))
        #expect(viewer.status == 77, "\(viewer)")
        #expect(viewer.stderr.contains("is for a dispatcher") && viewer.stderr.contains("you are \(me), a viewer"), "\(viewer)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.journal)) == before)
        let dispatcher = try desk("dispatcher")
        try Self.succeed(["note", "C-0001", "已联系"], scratch, policy: policy, extra: dispatcher)
        let relevel = try Self.run(["relevel", "C-0001", "1", "--reason", "产线停了"], scratch, policy: policy, extra: dispatcher)
        #expect(relevel.status == 77 && relevel.stderr.contains("releveling is for a supervisor (li, zhang)"), "\(relevel)")
        let cancel = try Self.run(["cancel", "C-0001", "--reason", "重复报修"], scratch, policy: policy, extra: dispatcher)
        #expect(cancel.status == 77)
        try Self.succeed(["relevel", "C-0001", "1", "--reason", "产线停了"], scratch, policy: policy, extra: try desk("supervisor"))
        // A viewer's console is a wall display: keys that would change something are refused.
        let wall = try TmuxConsole([], journal: scratch.journal, width: 120, height: 30,
                                   environment: ["CALLBOARD_POLICY": policy].merging(try desk("viewer")) { $1 })
        try wall.waitFor(text: "C-0001")
        // Taking charge of an escalation is a board key, refused on a wall display.
        try wall.send("A")
        try wall.waitFor(text: "read-only")
        #expect(!(try wall.capture()).contains("New call"))
        // Nobody picks their own roles: another file, or a desk file others may write, is refused.
        let mine = scratch.path("mine.yaml")
        try "roles:\n  supervisor: [\(me)]\n".write(toFile: mine, atomically: false, encoding: .utf8)
        let other = try Self.run(["cancel", "C-0001", "--reason", "x", "--desk", mine], scratch, policy: policy)
        #expect(other.status == 1 && other.stderr.contains("may only name that file"), "\(other)")
        chmod(deskFile, 0o664)
        let writable = try Self.run(["list"], scratch, policy: policy)
        #expect(writable.status == 1 && writable.stderr.contains("chmod go-w"), "\(writable)")
    }

    @Test func repairThenReplaceThenRefundAndTheWarranty() throws {
        let scratch = try Scratch()
        let policy = try Self.policy(in: scratch)
        func intake(_ n: Int) throws -> String {
            try Self.succeed(["intake", "--customer", "嘉定区第二中学", "--phone", "021-5953 1276", "--summary", "复印机卡纸 第\(n)次",
                              "--serial", "SN2022M33045", "--defect", "E-302", "--product", "SD-3300", "--purchased", "2025-03-18"], scratch, policy: policy)
        }
        for n in 1...2 {
            let id = try intake(n)
            try Self.succeed(["resolve", id], scratch, policy: policy)
        }
        let third = try intake(3)
        let show = try Self.succeed(["show", third], scratch, policy: policy)
        #expect(show.contains("replacement due (the same defect after two repairs: C-0001, C-0002)"), "\(show)")
        #expect(show.contains("in warranty until 2026-03-17") == false && show.contains("out of warranty since 2026-03-18"), "\(show)")
        try Self.succeed(["replace", third], scratch, policy: policy)
        try Self.succeed(["resolve", third], scratch, policy: policy)
        let fourth = try intake(4)
        let after = try Self.succeed(["show", fourth], scratch, policy: policy)
        #expect(after.contains("refund due (still failing after the replacement on \(third))"), "\(after)")
        #expect(after.contains("in warranty until"), "a replacement starts the warranty again: \(after)")
        let board = try Self.succeed(["board", "--print"], scratch, policy: policy)
        #expect(board.contains("\(fourth) refund due"), "\(board)")
        let json = try Self.succeed(["show", fourth, "--json"], scratch, policy: policy)
        #expect(json.contains(#""refund_due" : "C-0003""#) || json.contains(#""refund_due":"C-0003""#), "\(json)")
    }
}

@Suite struct BoardTests {
    @Test func aReadOnlyBoardShowsTheBreachesAndChangesNothing() throws {
        let scratch = try Scratch()
        let policy = try SupervisionTests.policy(in: scratch)
        try SupervisionTests.succeed(["intake", "--customer", "浦东新区人民医院", "--phone", "021-5830 1120", "--summary", "UPS 报警", "--level", "1",
                                      "--region", "city", "--at", "-3h"], scratch, policy: policy)
        try SupervisionTests.succeed(["intake", "--customer", "徐汇区图书馆", "--phone", "021-6431 7788", "--summary", "打印机", "--level", "4"],
                                     scratch, policy: policy)
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.journal))
        let wall = try TmuxConsole(["board", "--read-only"], journal: scratch.journal, width: 120, height: 36, environment: ["CALLBOARD_POLICY": policy])
        let screen = try wall.waitFor(text: "Supervisor board")
        #expect(screen.contains("Promises breached (1 on 1 calls) and about to breach (0 on 0)"))
        #expect(screen.contains("by level: L1 ✗1 ▲0"))
        #expect(screen.contains("Unassigned: 2"))
        #expect(screen.contains("Oldest open call: C-0001 浦东新区人民医院"))
        // Taking charge of an escalation is a board key, refused on a wall display.
        try wall.send("A")
        try wall.waitFor(text: "read-only")
        Thread.sleep(forTimeInterval: 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.journal)) == before, "a wall display fires no escalations")
        let printed = try SupervisionTests.succeed(["board", "--print"], scratch, policy: policy)
        #expect(printed.contains("C-0001 L1 city     -    on-site"), "\(printed)")
    }

    @Test func aFailedNotificationShowsOnTheConsole() throws {
        let scratch = try Scratch()
        let policy = try SupervisionTests.policy(in: scratch)
        try SupervisionTests.succeed(["intake", "--customer", "甲", "--phone", "021-5830 1120", "--summary", "x", "--level", "1",
                                      "--region", "city", "--at", "-3h"], scratch, policy: policy)
        // The command of whoever runs this console, given as an option.
        let console = try TmuxConsole(["--notify-command", "exit 5"], journal: scratch.journal, width: 120, height: 30, environment: ["CALLBOARD_POLICY": policy])
        try console.waitFor(text: "the notification for C-0001 failed", timeout: 15)
        #expect(console.isRunning)
    }
}

@Suite struct CancelReopenTests {
    @Test func aCancelledCallLeavesTheQueueAndAReopenedOneComesBack() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["intake", "--customer", "重复报修客户", "--phone", "021-6431 7788", "--summary", "x"], journal: scratch.journal)
        let missingReason = try CallboardCLI.run(["cancel", "C-0001"], journal: scratch.journal)
        #expect(missingReason.status == 64 && missingReason.stderr.contains("reason"), "\(missingReason)")
        try CallboardCLI.succeed(["cancel", "C-0001", "--reason", "与 C-0000 重复"], journal: scratch.journal)
        #expect(!(try CallboardCLI.succeed(["list"], journal: scratch.journal)).contains("重复报修客户"))
        let show = try CallboardCLI.succeed(["show", "C-0001"], journal: scratch.journal)
        #expect(show.contains("cancelled: 与 C-0000 重复") && show.contains("Cancelled"))
        try CallboardCLI.succeed(["reopen", "C-0001", "--reason", "并非重复"], journal: scratch.journal)
        #expect(try CallboardCLI.succeed(["list"], journal: scratch.journal).contains("重复报修客户"))
        let again = try CallboardCLI.run(["reopen", "C-0001", "--reason", "x"], journal: scratch.journal)
        #expect(again.status == 1 && again.stderr.contains("nothing to reopen"), "\(again)")
    }

    /// The tester's report: a call cancelled seconds before its deadlines went on to breach, owed
    /// a substitute and counted against today's compliance, and read "closed".
    @Test func aCancelledCallsPromisesAreWithdrawnNotBrokenAndItReadsCancelledEverywhere() throws {
        let scratch = try Scratch()
        // Response and restore (24 h, then a substitute is owed) fall due three seconds from now.
        let id = try CallboardCLI.succeed(["intake", "--customer", "乙", "--phone", "13800138000", "--summary", "y", "--level", "4",
                                           "--region", "city", "--at", "-23h59m57s"], journal: scratch.journal)
        try CallboardCLI.succeed(["cancel", id, "--reason", "dup"], journal: scratch.journal)
        Thread.sleep(forTimeInterval: 5)

        let show = try CallboardCLI.succeed(["show", id], journal: scratch.journal)
        #expect(show.hasPrefix("C-0001  cancelled  ·  level 4"), "\(show)")
        #expect(!show.contains("Owed") && !show.contains("breached") && !show.contains("overdue"), "\(show)")
        #expect(show.contains("response  target 24h") && show.contains("withdrawn at "), "\(show)")
        let list = try CallboardCLI.succeed(["list", "--all"], journal: scratch.journal)
        #expect(list.contains("cancelled") && list.contains("withdrawn") && !list.contains("closed") && !list.contains("breached"), "\(list)")
        let json = try CallboardCLI.succeed(["show", id, "--json"], journal: scratch.journal)
        #expect(json.contains(#""status" : "cancelled""#) && json.contains(#""state" : "withdrawn""#), "\(json)")
        #expect(!json.contains(#""state" : "breached""#) && json.contains(#""owed" : [\#n\#n  ]"#), "\(json)")
        let board = try CallboardCLI.succeed(["board", "--print"], journal: scratch.journal)
        #expect(board.contains("Today's promises: response - · on-site - · restore -"), "\(board)")
        #expect(!board.contains("substitute"), "\(board)")

        let chinese = try CallboardCLI.succeed(["show", id, "--lang", "zh"], journal: scratch.journal)
        #expect(chinese.hasPrefix("C-0001  已撤销  ·  4 级") && chinese.contains("已撤销：") && !chinese.contains("超时"), "\(chinese)")
        let chineseList = try CallboardCLI.succeed(["list", "--all", "--lang", "zh"], journal: scratch.journal)
        #expect(chineseList.contains("已撤销") && !chineseList.contains("已结单"), "\(chineseList)")
    }
}
