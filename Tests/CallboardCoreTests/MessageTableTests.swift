import CallboardCore
import CallboardResources
import Foundation
import Testing

/// The core's words come from the string tables, in English and in Chinese, and what people
/// wrote only ever fills a hole, untouched (issue 11, item 6).
@Suite struct MessageTableTests {
    static let chinese: Catalog = {
        do { return try Catalog(language: "zh", tables: CallboardResources.stringTables("zh")) } catch {
            Issue.record("the Chinese string tables do not load: \(error)")
            return .english
        }
    }()

    /// The `{holes}` of a template, in order of first use.
    static func holes(_ template: String) -> Set<String> {
        var out: Set<String> = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
            out.insert(String(rest[afterOpen..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    /// The keys a table's file gives (a flat mapping, one `key: "template"` a line).
    static func keysInFile(_ table: String) throws -> Set<String> {
        let text = try #require(try CallboardResources.stringTables("zh")[table], "no zh/\(table).yaml")
        return Set(text.split(separator: "\n").compactMap { line -> String? in
            guard let first = line.first, first.isLetter, let colon = line.firstIndex(of: ":") else { return nil }
            return String(line[..<colon])
        })
    }

    static func checkComplete<Key: MessageKey>(_ type: Key.Type) throws {
        #expect(chinese.missing(type) == [], "untranslated in zh/\(Key.table).yaml")
        for key in Key.allCases {
            let name = Key.table + "." + String(describing: key)
            guard let translation = chinese.template(name) else { continue }
            #expect(holes(translation) == holes(key.rawValue), "\(name): \"\(translation)\" has other holes than \"\(key.rawValue)\"")
        }
        let cases = Set(Key.allCases.map { String(describing: $0) })
        #expect(try keysInFile(Key.table).subtracting(cases) == [], "zh/\(Key.table).yaml translates keys the code no longer has")
    }

    /// YAML reads an unquoted `yes`, `no`, `null` or a number as something else than text
    /// (`yes` would show as "true"): a table holding one does not load, and says which key.
    @Test(arguments: ["yes", "no", "null", "~", "12", "true"])
    func aTranslationThatIsNotTextStopsTheTableNamingTheKey(value: String) throws {
        #expect {
            _ = try Catalog(language: "zh", tables: ["report": "keyYes: \(value)\n"])
        } throws: { error in
            "\(error)".contains("report.keyYes") && "\(error)".contains("quote")
        }
        #expect(try Catalog(language: "zh", tables: ["report": "keyYes: \"\(value)\"\n"]).template("report.keyYes") == value)
    }

    @Test func everyMessageOfTheDeskHasAChineseTranslationWithTheSameHoles() throws {
        try Self.checkComplete(DeskText.self)
    }

    @Test func everyProblemInAPolicyFileHasAChineseTranslationWithTheSameHoles() throws {
        try Self.checkComplete(PolicyText.self)
    }

    @Test func assigningAnAlreadyAssignedCallIsRefusedInChinese() throws {
        var desk = TestDesk()
        try desk.addTechnician("T03", name: "张伟")
        try desk.addTechnician("T04", name: "陈静")
        let id = try desk.intake(ago: .hours(1))
        try desk.run(.assign(id, TechnicianID("T04")!, reassign: false), at: desk.ago(.minutes(58)), actor: "wang")
        let error = try #require(desk.refusal(.assign(id, TechnicianID("T03")!, reassign: false)))
        #expect(error.message == "\(id) is already assigned to T04 陈静 by wang at 11-23 08:02; use --reassign to hand it to T03")
        #expect(Self.chinese.render(error.text) == "\(id) 已派给 T04 陈静（wang 于 11-23 08:02 派工）；如要改派给 T03，请加 --reassign")
    }

    @Test func aRefusalNamesTheRoleAndWhoMayInChinese() throws {
        let roles = DeskRoles(users: ["li": .supervisor, "zhang": .supervisor, "wang": .dispatcher], unlisted: .viewer)
        let desk = TestDesk()
        let context = CommandContext(now: desk.now, actor: "wang", timeZone: TestDesk.shanghai, roles: roles)
        do {
            _ = try desk.state.decide(.relevel(CallID(number: 1), level: "2", reason: "x"), context)
            Issue.record("a dispatcher releveled")
        } catch {
            #expect(error.message == "releveling is for a supervisor (li, zhang); you are wang, a dispatcher")
            #expect(Self.chinese.render(error.text) == "调整故障级别须由主管操作（li, zhang）；你（wang）是调度员")
        }
        // An engineer's role reads as English does: "an engineer".
        #expect(throws: DeskError.self) { try roles.require(.engineer, of: "guest", for: DeskText.doingAccept()) }
        do { try roles.require(.engineer, of: "guest", for: DeskText.doingAccept()) } catch {
            #expect(error.message == "accepting a call is for an engineer (li, wang, zhang); you are guest, a viewer")
        }
    }

    @Test func missingFieldsAreListedInTheReadersLanguage() throws {
        var refusal: DeskError?
        do { _ = try IntakeDraft(customer: "上海").validated() } catch { refusal = error }
        let error = try #require(refusal)
        #expect(error.message == "phone and summary are required")
        #expect(Self.chinese.render(error.text) == "请填写电话和故障描述")
        let all = DeskText.allRequired(["fields": DeskText.all(["a", "b", "c"])])
        #expect(all.description == "a, b and c are required")
        #expect(Self.chinese.render(all) == "请填写 a、b 和 c", "a Latin word gets a space beside Chinese")
    }

    /// The console once translated by finding words in finished text, so a customer named "new
    /// breached met" showed as 新建 超时 达成. What people wrote fills a hole and stays as it is.
    @Test func whatPeopleWroteIsNeverTranslated() throws {
        var desk = TestDesk()
        try desk.addTechnician("T01", name: "new breached met")
        let again = try #require(desk.refusal(.addTechnician(TechnicianDraft(id: "T01", name: "x"))))
        #expect(Self.chinese.render(again.text) == "技术员 T01 已存在（new breached met）；修改其资料请用：callboard tech edit T01")
        let id = try desk.intake("new breached met", ago: .hours(1))
        try desk.run(.pause(id, reason: "new {call} resolved"), at: desk.ago(.minutes(30)))
        let paused = try #require(desk.refusal(.pause(id, reason: "again")))
        #expect(Self.chinese.render(paused.text) == "\(id) 自 11-23 08:30 起已暂停（new {call} resolved）；请先恢复")
        // The demo desk's own mistakes name the customer as written too.
        let seed = try DemoDesk.parse(yaml: """
            setup_by: wang
            technicians: []
            calls:
              - {customer: new breached met, phone: 021-6952 3310, summary: 卡纸, received: -1h, by: wang,
                 steps: [{do: respond, at: -2h}]}
            """)
        do {
            _ = try DemoDesk.events(from: seed, now: desk.now, timeZone: TestDesk.shanghai)
            Issue.record("a step before its call's intake was recorded")
        } catch let error as DemoSeedError {
            #expect(error.description == "demo desk: a step of new breached met comes before its intake")
            #expect(Self.chinese.render(error.text) == "演示服务台：new breached met 的一个步骤排在受理之前")
        }
    }

    @Test func aProblemInAPolicyFileReadsInChinese() throws {
        do {
            _ = try PolicyParser.parse("rules:\n  - response: soon\n")
            Issue.record("a policy with 'soon' for a span was accepted")
        } catch {
            let problem = try #require(error.problems.first)
            #expect(problem.message == "'soon' is not a duration; write it as 30m, 8h, 2d or 1h30m (or none: no such promise)")
            #expect(Self.chinese.render(problem.text) == "“soon”不是时长；请写成 30m、8h、2d 或 1h30m（或 none：不作此承诺）")
        }
    }

    @Test func aMakeUpWorkingDayOnAWeekdayIsNamedByItsWeekdayInChinese() throws {
        do {
            _ = try PolicyParser.parse("working_days: [2026-11-25]\nrules:\n  - response: 1h\n")
            Issue.record("a Wednesday was taken for a make-up working day")
        } catch {
            let problem = try #require(error.problems.first)
            #expect(problem.message.hasPrefix("2026-11-25 is a Wednesday;"))
            #expect(Self.chinese.render(problem.text).hasPrefix("2026-11-25 是星期三；"))
        }
    }
}

/// Chinese is written without spaces between words and with one between Chinese and a Latin
/// word or digit; a template cannot know which will fill its holes, so the spacing beside a hole
/// is settled once it is filled — and what fills it is never touched.
@Suite struct ChineseSpacingTests {
    enum Words: String, MessageKey {
        case notify = "notify {whom}", changed = "from {from} to {to}", either = "use {words}"
        static let table = "spacing"
    }

    static let catalog: Catalog = {
        let table = "notify: \"通知 {whom}。\"\nchanged: \"由 {from} 调整为 {to}\"\neither: \"请用{words}\""
        do { return try Catalog(language: "zh", tables: ["spacing": table]) } catch {
            Issue.record("the table does not load: \(error)")
            return .english
        }
    }()

    @Test func aSpaceBesideAHoleGoesWhenChineseFillsIt() {
        #expect(Self.catalog.render(Words.notify(["whom": "主管"])) == "通知主管。")
        #expect(Self.catalog.render(Words.changed(["from": "4 级", "to": "3 级"])) == "由 4 级调整为 3 级")
        #expect(Self.catalog.render(Words.changed(["from": "未定级", "to": .message(Words.notify(["whom": "主管"]))])) == "由未定级调整为通知主管。",
                "a message in a hole is settled the same way")
    }

    @Test func aSpaceBesideAHoleStaysOrComesWhereChineseMeetsALatinWord() {
        #expect(Self.catalog.render(Words.notify(["whom": "T03"])) == "通知 T03。")
        #expect(Self.catalog.render(Words.either(["words": "emergency 或紧急"])) == "请用 emergency 或紧急")
        #expect(Self.catalog.render(Words.either(["words": "紧急"])) == "请用紧急")
    }

    @Test func whatFillsAHoleIsNeverRespaced() {
        #expect(Self.catalog.render(Words.notify(["whom": "王 磊  and 李"])) == "通知王 磊  and 李。")
        #expect(Catalog.english.render(Words.notify(["whom": "主管"])) == "notify 主管", "English keeps its spaces")
    }
}
