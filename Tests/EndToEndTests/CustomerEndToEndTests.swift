import Foundation
import Testing

/// Issue 14, through the real binary: customers and units as records, intake that finds the
/// caller, and the calls a new one may be about on standard error and in `show --json`.
@Suite struct CustomerEndToEndTests {
    func json(_ arguments: [String], _ journal: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(CallboardCLI.succeed(arguments, journal: journal).utf8)) as? [String: Any])
    }

    func setUp(_ journal: String) throws {
        try CallboardCLI.succeed(["customer", "add", "K001", "--name", "上海华东电气有限公司", "--phone", "021-6952 3310",
                                  "--address", "上海市浦东新区张江路 88 号", "--contact", "李工 138 0013 8000", "--contact", "王经理：139 1234 5678"],
                                 journal: journal)
        let unit = try CallboardCLI.succeed(["customer", "unit", "K001", "--serial", "SN-7781", "--product", "UPS-3000", "--purchased", "2026-03-01"],
                                            journal: journal)
        #expect(unit.contains("SN-7781") && unit.contains("K001"), "\(unit)")
    }

    @Test func aContactsCallIsLinkedAndARepeatOrDuplicateIsSaidOnStandardError() throws {
        let scratch = try Scratch()
        try setUp(scratch.journal)
        // The contact calls about the unit: only the phone, the words and the serial are typed.
        let first = try CallboardCLI.run(["intake", "--phone", "13800138000", "--summary", "UPS 报警", "--serial", "sn-7781", "--level", "2"],
                                         journal: scratch.journal)
        #expect(first.status == 0 && first.stdout == "C-0001\n" && first.stderr.isEmpty, "\(first)")
        let call = try json(["show", "C-0001", "--json"], scratch.journal)
        #expect(call["customer"] as? String == "上海华东电气有限公司" && call["customer_id"] as? String == "K001", "\(call)")
        #expect(call["address"] as? String == "上海市浦东新区张江路 88 号" && call["product"] as? String == "UPS-3000")
        #expect((call["contact"] as? [String: String]) == ["name": "李工", "phone": "138 0013 8000"])
        #expect((call["related"] as? [Any])?.isEmpty == true)

        // The main number again, the same unit: a possible duplicate, the new ID alone on standard output.
        let second = try CallboardCLI.run(["intake", "--phone", "021 6952 3310", "--summary", "又报警", "--serial", "SN-7781"], journal: scratch.journal)
        #expect(second.status == 0 && second.stdout == "C-0002\n", "\(second)")
        #expect(second.stderr.contains("possible duplicate: C-0001 on the same unit is still open"), "\(second)")
        try CallboardCLI.succeed(["cancel", "C-0002", "--reason", "重复"], journal: scratch.journal)
        for verb in ["resolve", "close"] { try CallboardCLI.succeed([verb, "C-0001"], journal: scratch.journal) }

        // Fixed and closed, and the unit fails again: a repeat, in English and in Chinese.
        let third = try CallboardCLI.run(["intake", "--phone", "139 1234 5678", "--summary", "UPS 又坏了", "--serial", "SN-7781", "--lang", "zh"],
                                         journal: scratch.journal)
        #expect(third.status == 0 && third.stdout == "C-0003\n", "\(third)")
        #expect(third.stderr.contains("重复报修：同一设备的 C-0001 结案不到 72h"), "\(third)")
        let related = try #require(try json(["show", "C-0003", "--json"], scratch.journal)["related"] as? [[String: String]])
        #expect(related.count == 1 && related[0]["call"] == "C-0001" && related[0]["reason"]?.contains("repeat") == true, "\(related)")
        let text = try CallboardCLI.succeed(["show", "C-0003"], journal: scratch.journal)
        #expect(text.contains("Related") && text.contains("王经理 139 1234 5678"), "\(text)")

        // The customer's whole history, and the list.
        let shown = try CallboardCLI.succeed(["customer", "show", "K001"], journal: scratch.journal)
        for word in ["C-0001", "C-0002", "C-0003", "SN-7781  UPS-3000  purchased 2026-03-01  warranty", "2027-02-28", "李工 138 0013 8000"] {
            #expect(shown.contains(word), "\(word): \(shown)")
        }
        let customer = try json(["customer", "show", "K001", "--json"], scratch.journal)
        #expect(customer["calls"] as? [String] == ["C-0001", "C-0002", "C-0003"] && customer["open_calls"] as? Int == 1, "\(customer)")
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(CallboardCLI.succeed(["customer", "list", "--json"], journal: scratch.journal).utf8)) as? [[String: Any]])
        #expect(listed.count == 1 && listed[0]["id"] as? String == "K001")
        // The repeated call reopened: the repeat stays as intake found it, saying where that call stands now.
        try CallboardCLI.succeed(["reopen", "C-0001", "--reason", "客户说没修好"], journal: scratch.journal)
        #expect(try CallboardCLI.succeed(["show", "C-0003"], journal: scratch.journal).contains("less than 72h before (now new)"))
        let now = try #require(try json(["show", "C-0003", "--json"], scratch.journal)["related"] as? [[String: String]])
        #expect(now.first?["status"] == "new", "\(now)")
        let chinese = try CallboardCLI.succeed(["customer", "show", "k001", "--lang", "zh"], journal: scratch.journal)
        #expect(chinese.contains("设备") && chinese.contains("工单"), "\(chinese)")
    }

    @Test func badCustomerInputNamesTheOptionAndChangesNothing() throws {
        let scratch = try Scratch()
        try setUp(scratch.journal)
        let size = try FileManager.default.attributesOfItem(atPath: scratch.journal)[.size] as? Int
        let cases: [([String], Int32, String)] = [
            (["customer", "add", "K001", "--name", "x", "--phone", "13700000000"], 1, "customer K001 already exists (上海华东电气有限公司); change it with callboard customer edit K001"),
            (["customer", "add", "K2", "--name", "x", "--phone", "13700000000", "--contact", "李工"], 64, "--contact: contact '李工' is not a name and a phone number"),
            (["customer", "add", "K2", "--name", "x", "--phone", "138-0013-8000"], 1, "--phone: phone 138-0013-8000 is already customer K001's"),
            (["customer", "add", "K2", "--name", "x"], 64, "--phone:"),
            (["customer", "edit", "K404", "--name", "x"], 1, "there is no customer K404"),
            (["customer", "unit", "K001", "--serial", "S2", "--purchased", "2026-03-01", "--warranty-until", "2026-01-01"], 64, "--warranty-until:"),
            (["customer", "add", "K2", "--name", "x\u{1b}[2J", "--phone", "13700000000"], 64, "--name:"),
        ]
        for (arguments, status, says) in cases {
            let result = try CallboardCLI.run(arguments, journal: scratch.journal)
            #expect(result.status == status && result.stderr.contains(says), "\(arguments): \(result)")
            #expect(!result.stderr.contains("\u{1b}"), "nothing raw reaches the terminal")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: scratch.journal)[.size] as? Int == size, "the journal is as it was")
        #expect(try CallboardCLI.run(["customer", "show", "K9"], journal: scratch.journal).status == 1)
    }

    /// In the console: typing a contact's number fills in the customer, and the form says which
    /// open call this one may duplicate before it is saved; the call's view shows it after.
    @Test func theFormFillsTheCustomerAsThePhoneIsTypedAndNamesAPossibleDuplicate() throws {
        let scratch = try Scratch()
        try setUp(scratch.journal)
        try CallboardCLI.succeed(["intake", "--phone", "021-6952 3310", "--summary", "UPS 报警", "--level", "2"], journal: scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 120, height: 40)
        try console.waitFor(text: "C-0001")
        try console.send("n")
        try console.waitFor(text: "New call")
        try console.send("Tab")
        try console.type("138 0013 8000")
        let filled = try console.waitFor(text: "customer on record: K001")
        #expect(filled.contains("上海华东电气有限公司") && filled.contains("李工 138 0013 8000") && filled.contains("张江路 88 号"), "\(filled)")
        #expect(filled.contains("possible duplicate: C-0001 for the same customer is still open"), "\(filled)")
        try console.send("Tab")
        try console.type("又停电了")
        try console.send("Enter")
        try console.waitFor(text: "C-0002: received")
        let call = try json(["show", "C-0002", "--json"], scratch.journal)
        #expect(call["customer_id"] as? String == "K001" && (call["related"] as? [[String: String]])?.first?["call"] == "C-0001", "\(call)")
        try console.send("q")
        try console.waitForExit()
    }

    /// A call recorded late (`--at -79h`) repeats one closed 80 h ago, which has retired from
    /// every desk's memory since: the command line reads it back to find it.
    @Test func aLateRecordedCallFindsTheRepeatThatRetired() throws {
        let scratch = try Scratch()
        try setUp(scratch.journal)
        try CallboardCLI.succeed(["intake", "--phone", "13800138000", "--summary", "UPS 报警", "--serial", "SN-7781", "--at", "-100h"], journal: scratch.journal)
        try CallboardCLI.succeed(["resolve", "C-0001", "--at", "-90h"], journal: scratch.journal)
        try CallboardCLI.succeed(["close", "C-0001", "--at", "-80h"], journal: scratch.journal)
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊"], journal: scratch.journal)  // the desk's latest event: now
        let late = try CallboardCLI.run(["intake", "--phone", "13800138000", "--summary", "又报警", "--serial", "ＳＮ－７７８１", "--at", "-79h"],
                                        journal: scratch.journal)
        #expect(late.status == 0 && late.stdout == "C-0002\n", "\(late)")
        #expect(late.stderr.contains("repeat: C-0001 on the same unit"), "\(late)")
    }

    /// An edit changes what it gives and keeps the units; a number removed no longer finds them.
    @Test func anEditChangesWhatItGivesAndIntakeFollowsIt() throws {
        let scratch = try Scratch()
        try setUp(scratch.journal)
        let edited = try CallboardCLI.succeed(["customer", "edit", "K001", "--address", "上海市闵行区", "--no-contacts"], journal: scratch.journal)
        #expect(edited.contains("K001"), "\(edited)")
        let record = try json(["customer", "show", "K001", "--json"], scratch.journal)
        #expect(record["address"] as? String == "上海市闵行区" && (record["contacts"] as? [Any])?.isEmpty == true)
        #expect((record["units"] as? [[String: Any]])?.first?["serial"] as? String == "SN-7781", "units stay")
        let stranger = try CallboardCLI.run(["intake", "--phone", "138 0013 8000", "--summary", "x"], journal: scratch.journal)
        #expect(stranger.status == 64 && stranger.stderr.contains("--customer"), "the contact's number finds nobody now: \(stranger)")
    }
}
