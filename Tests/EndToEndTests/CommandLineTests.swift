import CallboardCore
import Foundation
import Testing

/// The command-line contract: verbs, their output, and bad input refused with one clear line,
/// a non-zero status, and the journal untouched.
@Suite struct CommandLineTests {
    @Test func intakePrintsOnlyTheNewCallsID() throws {
        let scratch = try Scratch()
        let first = try CallboardCLI.run(["intake", "--customer", "李建国", "--phone", "137 6188 0423", "--summary", "打印机无法连接WiFi"], journal: scratch.journal)
        #expect(first.status == 0)
        #expect(first.stdout == "C-0001\n")
        #expect(first.stderr.isEmpty)
        // Two days ago, on the hour, in the desk's zone.
        let shanghai = TimeZone(identifier: TestEnvironment.zone)!
        let received = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 3600).rounded(.down) * 3600 - 2 * 86_400)
        func iso(_ date: Date) -> String { TimeText.iso(date, in: shanghai) }
        let second = try CallboardCLI.succeed(["intake", "--customer", "Acme", "--phone", "021-6552 1234", "--summary", "jam",
                                               "--level", "2", "--region", "jiading", "--product", "SD-3300", "--serial", "SN1",
                                               "--channel", "email", "--at", iso(received)], journal: scratch.journal)
        #expect(second == "C-0002")
        let json = try CallboardCLI.succeed(["show", "C-0002", "--json"], journal: scratch.journal)
        let call = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(call["received_at"] as? String == iso(received))
        #expect(call["level"] as? Int == 2)
        #expect(call["channel"] as? String == "email")
        let timers = try #require(call["timers"] as? [[String: Any]])
        // Level 2 outside the city: on site within 12 h; response and restore within 24 h.
        #expect(timers.map { $0["name"] as? String } == ["response", "onsite", "restore"])
        #expect(timers.map { $0["deadline"] as? String } == [iso(received + 86_400), iso(received + 43_200), iso(received + 86_400)])
        #expect(call["owed"] as? [String] == ["substitute owed"])
        #expect(timers.allSatisfy { $0["state"] as? String == "breached" })
    }

    @Test func theJournalComesFromTheFlagThenTheEnvironmentThenXDG() throws {
        let scratch = try Scratch()
        let viaEnvironment = scratch.path("from-env")
        try CallboardCLI.run(["tech", "add", "T01", "--name", "Env"], environment: ["CALLBOARD_JOURNAL": viaEnvironment])
        #expect(FileManager.default.fileExists(atPath: viaEnvironment))
        let xdg = scratch.path("xdg")
        try CallboardCLI.run(["tech", "add", "T01", "--name", "Xdg"], environment: ["XDG_DATA_HOME": xdg])
        #expect(FileManager.default.fileExists(atPath: xdg + "/callboard/journal"))
        let flagged = scratch.path("flagged")
        try CallboardCLI.run(["tech", "add", "T01", "--name", "Flag", "--journal", flagged], environment: ["CALLBOARD_JOURNAL": viaEnvironment])
        #expect(FileManager.default.fileExists(atPath: flagged))
        let listed = try CallboardCLI.run(["tech", "list"], environment: ["CALLBOARD_JOURNAL": viaEnvironment])
        #expect(listed.stdout.contains("Env"))
        #expect(!listed.stdout.contains("Flag"))
    }

    /// Each refusal: the arguments, the words the one-line message must contain, the status.
    static let refusals: [([String], String, Int32)] = [
        (["intake", "--phone", "138 0013 8000", "--summary", "x"], "--customer", 64),
        (["intake", "--customer", "A", "--phone", "not a phone", "--summary", "x"], "--phone", 64),
        (["intake", "--customer", "A", "--phone", "138 0013 8000", "--summary", "x", "--level", "5"], "--level", 64),
        (["intake", "--customer", "A", "--phone", "138 0013 8000", "--summary", "x", "--level", "high"], "--level", 64),
        (["intake", "--customer", "A", "--phone", "138 0013 8000", "--summary", "x", "--channel", "fax"], "--channel", 64),
        (["intake", "--customer", "A\u{1B}[2J", "--phone", "138 0013 8000", "--summary", "x"], "control or invisible character", 64),
        (["intake", "--customer", "A\u{200D}B", "--phone", "138 0013 8000", "--summary", "x"], "(U+200D)", 64),
        (["intake", "--customer", "A"], "phone and summary are required", 64),
        (["intake", "--customer", "A", "--phone", "138 0013 8000", "--summary", String(repeating: "长", count: 1001)], "limit is 1000", 64),
        (["intake", "--customer", "A", "--phone", "138 0013 8000", "--summary", "x", "--at", "2026-11-27 17:30"], "--at", 64),
        (["intake", "--customer", "A", "--phone", "138 0013 8000", "--summary", "x", "--at", "2026-02-30T10:00:00+08:00"], "--at", 64),
        (["intake", "--customer", "A", "--phone", "138 0013 8000", "--summary", "x", "--at", "2099-01-01T00:00:00+08:00"], "in the future", 1),
        (["assign", "C-0099", "T01"], "no call C-0099", 1),
        (["assign", "C-0001", "T99"], "no technician T99", 1),
        (["assign", "banana", "T01"], "not a call ID", 64),
        (["arrive", "C-0001"], "assign one first", 1),
        (["depart", "C-0001"], "assign one first", 1),
        (["close", "C-0001"], "not resolved", 1),
        (["respond", "C-0001", "--at=-2h"], "before C-0001's last event", 1),
        (["respond", "C-0001", "--at", "1970-01-01T00:00:00+08:00"], "more than 30 days ago", 1),
        (["note", "C-0001", ""], "note is required", 64),
        (["tech", "add", "T01", "--name", "Again"], "already exists", 1),
        (["tech", "add", "T 1", "--name", "Bad"], "not a technician ID", 64),
        (["tech", "add", "T02", "--name", "X", "--shift", "weekend"], "--shift", 64),
        (["intake", "--customer", "A", "--phone", "138 0013 8000", "--summary", "x", "--bogus"], "bogus", 64),
        (["log", "--customer", "A"], "'log' is not a callboard verb; the verbs are console, demo, intake", 64),
        (["--journal", "/tmp/x", "list"], "options go after the verb: callboard list --journal /tmp/x", 64),
        (["--lang", "en", "kb", "search", "卡纸"], "options go after the verb: callboard kb search --lang en 卡纸", 64),
    ]

    @Test func badInputIsRefusedWithOneClearLineAndTheJournalUnchanged() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊"], journal: scratch.journal)
        try CallboardCLI.succeed(["intake", "--customer", "A", "--phone", "138 0013 8000", "--summary", "x", "--at=-1h"], journal: scratch.journal)
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.journal))
        for (arguments, words, status) in Self.refusals {
            let result = try CallboardCLI.run(arguments, journal: scratch.journal)
            #expect(result.status == status, "\(arguments): \(result)")
            #expect(result.stdout.isEmpty, "\(arguments): \(result)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(arguments): \(result)")
            #expect(result.stderr.contains(words), "\(arguments): \(result)")
            #expect(!result.stderr.contains("\u{1B}"), "\(arguments): the message echoed an escape character")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.journal)) == before)
    }

    @Test func aSecondAssignmentIsRefusedNamingWhoHasTheCall() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["tech", "add", "T03", "--name", "张伟"], journal: scratch.journal)
        try CallboardCLI.succeed(["tech", "add", "T04", "--name", "陈静"], journal: scratch.journal)
        let id = try CallboardCLI.succeed(["intake", "--customer", "A", "--phone", "138 0013 8000", "--summary", "x"], journal: scratch.journal)
        try CallboardCLI.succeed(["assign", id, "T04"], journal: scratch.journal)
        let refused = try CallboardCLI.run(["assign", id, "T03"], journal: scratch.journal)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("already assigned to T04 陈静 by "), "\(refused)")
        #expect(refused.stderr.contains("--reassign"))
        try CallboardCLI.succeed(["assign", id, "T03", "--reassign"], journal: scratch.journal)
        let shown = try CallboardCLI.succeed(["show", id], journal: scratch.journal)
        #expect(shown.contains("reassigned from T04 陈静 to T03 张伟"))
    }

    @Test func showTellsTheWholeStoryInWords() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊", "--phone", "138 1762 0341"], journal: scratch.journal)
        let id = try CallboardCLI.succeed(["intake", "--customer", "浦江人民医院", "--phone", "021-5462 8810", "--summary", "UPS报警",
                                           "--level", "1", "--at=-5h"], journal: scratch.journal)
        try CallboardCLI.succeed(["respond", id, "--at=-4h50m"], journal: scratch.journal)
        try CallboardCLI.succeed(["assign", id, "T01", "--at=-4h40m"], journal: scratch.journal)
        try CallboardCLI.succeed(["note", id, "电池组老化"], journal: scratch.journal)
        let text = try CallboardCLI.succeed(["show", id], journal: scratch.journal)
        #expect(text.contains("浦江人民医院"))
        #expect(text.contains("T01 王磊  138 1762 0341"))
        #expect(text.contains("response  target 24h"))
        #expect(text.contains("met at"))
        #expect(text.contains("on-site   target 12h"))
        #expect(text.contains("running, 7h left") || text.contains("running, 6h 59m left"))
        #expect(text.contains("assigned to T01 王磊"))
        #expect(text.contains("note: 电池组老化"))
    }

    /// After the call, a note is every word typed, quoted or not: a temperature of -1 度 is part
    /// of it. Only the verb's own options (--at, --journal, …) are options, before or after it.
    @Test func anUnquotedNoteKeepsWordsThatStartWithADash() throws {
        let scratch = try Scratch()
        let id = try CallboardCLI.succeed(["intake", "--customer", "冷库", "--phone", "138 0013 8000", "--summary", "x", "--at", "-2h"],
                                          journal: scratch.journal)
        try CallboardCLI.succeed(["note", id, "库温", "-5", "到", "-18", "度，", "-x", "接口松动", "--at", "-1h"], journal: scratch.journal)
        // After --, every word is the note's, even one of the verb's options (--journal comes first here).
        try CallboardCLI.succeed(["note", "--at", "-30m", "--journal", scratch.journal, id, "-", "--", "--at", "是客户的原话"], journal: nil)
        let cold = try CallboardCLI.run(["note", id, "-1", "度"], journal: scratch.journal)
        #expect(cold.status == 0, "\(cold)")
        let show = try CallboardCLI.succeed(["show", id], journal: scratch.journal)
        #expect(show.contains("note: -1 度"), "\(show)")
        #expect(show.contains("note: 库温 -5 到 -18 度， -x 接口松动"), "\(show)")
        #expect(show.contains("note: - --at 是客户的原话") && !show.contains("-- --at"), "\(show)")
        let history = show.split(separator: "\n").filter { $0.contains("note:") }.map(String.init)
        #expect(history.count == 3 && history[0].contains("库温") && history[1].contains("原话") && history[2].contains("-1 度"),
                "--at before or after the note still says when: \(history)")

        // A mistyped option of the verb is not taken for words of the note (it would have gone
        // to another journal's call): refused, naming the option meant.
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.journal))
        let typo = try CallboardCLI.run(["note", id, "已联系", "--jornal", scratch.path("other")], journal: scratch.journal)
        #expect(typo.status == 64 && typo.stderr.contains("--jornal") && typo.stderr.contains("--journal"), "\(typo)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.journal)) == before)
    }

    @Test func listGivesOpenCallsMostUrgentFirstAsTextAndJSON() throws {
        let scratch = try Scratch()
        let late = try CallboardCLI.succeed(["intake", "--customer", "Late", "--phone", "138 0013 8000", "--summary", "x", "--at=-13h"], journal: scratch.journal)
        let fresh = try CallboardCLI.succeed(["intake", "--customer", "Fresh", "--phone", "138 0013 8000", "--summary", "x"], journal: scratch.journal)
        let done = try CallboardCLI.succeed(["intake", "--customer", "Done", "--phone", "138 0013 8000", "--summary", "x", "--at=-2h"], journal: scratch.journal)
        try CallboardCLI.succeed(["resolve", done], journal: scratch.journal)
        try CallboardCLI.succeed(["close", done], journal: scratch.journal)
        let text = try CallboardCLI.succeed(["list"], journal: scratch.journal).split(separator: "\n").map(String.init)
        #expect(text.count == 3)
        #expect(text[1].hasPrefix(late) && text[1].contains("breached"))
        #expect(text[2].hasPrefix(fresh) && text[2].contains("running"))
        let json = try CallboardCLI.succeed(["list", "--json"], journal: scratch.journal)
        let calls = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(calls.map { $0["id"] as? String } == [late, fresh])
        for call in calls {
            for key in ["id", "status", "level", "region", "technician", "received_at", "timers"] {
                #expect(call.keys.contains(key), "missing \(key)")
            }
        }
        let all = try CallboardCLI.succeed(["list", "--all", "--json"], journal: scratch.journal)
        #expect(all.contains(done))
    }

    @Test(arguments: [[], ["--help"], ["-h"], ["intake", "--help"], ["help", "intake"], ["tech", "add", "--help"]])
    func helpIsPrintedForEveryVerb(arguments: [String]) throws {
        let result = try CallboardCLI.run(arguments.isEmpty ? ["--help"] : arguments)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("USAGE:"), "\(result)")
        if arguments.contains("intake") {
            #expect(result.stdout.contains("--customer"))
            #expect(result.stdout.contains("Required."))
            #expect(result.stdout.contains("--at"))
        }
    }

    @Test func aRefusedCommandOnANewJournalCreatesNothing() throws {
        let scratch = try Scratch()
        let journal = scratch.path("not/yet/journal")
        let result = try CallboardCLI.run(["respond", "C-0001"], journal: journal)
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("not")))
    }

    @Test func aShortFileThatIsNotAJournalIsLeftAlone() throws {
        let scratch = try Scratch()
        let notes = scratch.path("notes.txt")
        try Data("hello desk\n".utf8).write(to: URL(fileURLWithPath: notes))
        for arguments in [["list"], ["tech", "add", "T01", "--name", "X"]] {
            let result = try CallboardCLI.run(arguments, journal: notes)
            #expect(result.status == 74, "\(result)")
            #expect(result.stderr.contains("is not a Callboard journal"))
        }
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "hello desk\n")
    }

    @Test func jsonNeverCarriesCharactersThatActOnATerminal() throws {
        let scratch = try Scratch()
        try JournalForge.writeCall(customer: "C1\u{9B}31mRED\u{202E}txt", summary: "del\u{7F}", to: scratch.journal)
        for arguments in [["list", "--json"], ["show", "C-0001", "--json"]] {
            let result = try CallboardCLI.run(arguments, journal: scratch.journal)
            #expect(result.status == 0)
            #expect(!result.stdout.unicodeScalars.contains { TextRules.isUnsafe($0) && $0 != "\n" }, "\(arguments)")
            #expect(result.stdout.contains("\\u009b31mRED\\u202etxt"))
            let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            #expect("\(parsed)".contains("RED"))
        }
        let text = try CallboardCLI.run(["show", "C-0001"], journal: scratch.journal)
        #expect(!text.stdout.unicodeScalars.contains { TextRules.isUnsafe($0) && $0 != "\n" })
    }

    @Test func theRosterIsAvailableAsJSON() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["tech", "add", "T09", "--name", "孙强", "--shift", "oncall", "--skills", "printer,server"], journal: scratch.journal)
        let json = try CallboardCLI.succeed(["tech", "list", "--json"], journal: scratch.journal)
        let roster = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(roster.count == 1)
        #expect(roster[0]["id"] as? String == "T09")
        #expect(roster[0]["shift"] as? String == "oncall")
        #expect(roster[0]["status"] as? String == "available")
        #expect(roster[0]["skills"] as? [String] == ["printer", "server"])
    }
}

@Suite struct ConcurrentWriterTests {
    @Test func dispatchersLoggingCallsAtTheSameMomentGetDistinctContiguousIDs() throws {
        let scratch = try Scratch()
        let writers = 4, each = 10
        let journal = scratch.journal
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            for n in 0..<each {
                let result = try? CallboardCLI.run(["intake", "--customer", "客户\(writer)-\(n)", "--phone", "138 0013 8000", "--summary", "x"],
                                                   journal: journal)
                results.add(result?.status == 0 ? result!.line : "failed: \(String(describing: result))")
            }
        }
        let ids = results.values
        #expect(ids.count == writers * each)
        #expect(Set(ids) == Set((1...(writers * each)).map { CallID(number: $0).description }), "\(ids.sorted())")
        let json = try CallboardCLI.succeed(["list", "--json"], journal: scratch.journal)
        let calls = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(Set(calls.compactMap { $0["customer"] as? String }).count == writers * each)
    }

    final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        func add(_ value: String) { lock.lock(); stored.append(value); lock.unlock() }
        var values: [String] { lock.lock(); defer { lock.unlock() }; return stored }
    }
}
