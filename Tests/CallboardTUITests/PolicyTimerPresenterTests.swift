import CallboardCore
import CallboardTUI
import Foundation
import Testing

/// A timer only the policy defines (a follow-up within 3 working days of the fix) shows in the
/// queue, `show`, its JSON, the board and `policy explain` with no presenter knowing its name.
@Suite struct PolicyTimerPresenterTests {
    init() { DisplayText.adoptUTF8Locale() }

    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    /// Friday 2026-11-27 16:00 in Shanghai.
    static let now = TimeText.parseISO("2026-11-27T16:00:00+08:00")!
    static let followUp = TimerName(rawValue: "follow_up")!
    static let policy = try! PolicyParser.parse("""
        calendars:
          working-days:
            hours: {mon-fri: 00:00-24:00}
        timers:
          - response
          - onsite
          - restore
          - name: follow_up
            label: {en: follow-up, zh: 回访}
            starts: resolved
            stops: closed
        rules:
          - name: general promise
            response: 24h
            onsite: 12h
            restore: {within: 24h, breach: substitute owed}
            follow_up: {within: 3d, calendar: working-days}
        """)

    /// C-0001 (before this policy: the general promise), C-0002 fixed at 15:00, C-0003 open.
    static func desk() throws -> DeskState {
        var state = DeskState()
        func run(_ command: Command, _ at: Date, policy: SLAPolicy? = Self.policy) throws {
            for event in try state.decide(command, CommandContext(now: now, at: at, actor: "t", timeZone: zone, policy: policy)) { state.apply(event) }
        }
        try run(.addTechnician(TechnicianDraft(id: "T01", name: "王磊", region: "city", shift: "night")), now.addingTimeInterval(-86_400), policy: nil)
        try run(.intake(IntakeDraft(customer: "老客户", phone: "138 0013 8000", summary: "旧的", level: "2", region: "city")),
                now.addingTimeInterval(-3 * 3600), policy: nil)
        for customer in ["已修复", "未修复"] {
            try run(.intake(IntakeDraft(customer: customer, phone: "138 0013 8000", summary: "故障", level: "2", region: "city")), now.addingTimeInterval(-2 * 3600))
        }
        try run(.resolve(CallID(number: 2)), now.addingTimeInterval(-3600))
        return state
    }

    func call(_ n: Int, _ state: DeskState) -> ServiceCall { state.calls[CallID(number: n)]! }

    @Test func theQueuesTimerColumnsComeFromTheDesksPolicyLabelledInTheInterfacesLanguage() throws {
        let english = TimerColumns(policy: Self.policy)
        #expect(english.names.map(\.rawValue) == ["response", "onsite", "restore", "follow_up"])
        #expect(english.titles == ["RESPONSE", "ON-SITE", "RESTORE", "FOLLOW-UP"])
        #expect(TimerColumns(policy: Self.policy, strings: try UIStrings.load("zh")).titles == ["响应", "到场", "修复", "回访"])
        #expect(TimerColumns.builtIn.titles == ["RESPONSE", "ON-SITE", "RESTORE"])
        let columns = QueuePresenter.columns(wideTimers: false, timers: english).map(\.title)
        #expect(columns.suffix(5) == ["RESPONSE", "ON-SITE", "RESTORE", "FOLLOW-UP", "SUMMARY"])
    }

    @Test func aCallWithoutTheTimerShowsADashAndAFixedCallItsFollowUp() throws {
        let state = try Self.desk()
        let rows = QueuePresenter.rows(state.openCalls, in: state, timekeeper: Timekeeper(), now: Self.now)
        func followUp(_ n: Int) -> String? { rows.first { $0.id == CallID(number: n) }?.cells[9].text }
        #expect(followUp(1) == "-", "timed under the general promise, which makes no such promise")
        #expect(followUp(3) == "-", "not fixed yet")
        #expect(followUp(2) == "  4d 23h", "3 working days from Friday's fix: Wednesday 15:00")
        #expect(rows.allSatisfy { $0.cells.count == 11 })
    }

    @Test func theConsoleHeadsTheColumnInChinese() throws {
        let state = try Self.desk()
        let zh = TestConsole(state, now: Self.now, width: 200, height: 40, strings: try UIStrings.load("zh")).frame
        #expect(zh.lines[1].text.contains("回访"), "\(zh.lines[1].text)")
        let en = TestConsole(state, now: Self.now, width: 200, height: 40).frame
        #expect(en.lines[1].text.contains("FOLLOW-UP"), "\(en.lines[1].text)")
    }

    @Test func showAndItsJSONListTheFollowUpByItsLabelAndName() throws {
        let state = try Self.desk()
        let text = CallReport.text(call: call(2, state), state: state, timekeeper: Timekeeper(), now: Self.now, zone: Self.zone)
        let line = try #require(text.split(separator: "\n").first { $0.contains("follow-up") })
        #expect(line.contains("target 72h working-") && line.contains("due 2026-12-02 15:00:00   running, 4d 23h left"), "\(line)")
        #expect(text.contains("fixed without a visit"), "the fix kept the on-site promise")
        let chinese = CallReport.text(call: call(2, state), state: state, timekeeper: Timekeeper(), now: Self.now, zone: Self.zone,
                                      strings: try UIStrings.load("zh"))
        #expect(chinese.contains("  回访"))
        let json = CallReport.json(call: call(2, state), state: state, timekeeper: Timekeeper(), now: Self.now, zone: Self.zone)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let timers = try #require(object["timers"] as? [[String: Any]])
        let followUp = try #require(timers.first { $0["name"] as? String == "follow_up" })
        #expect(followUp["deadline"] as? String == "2026-12-02T15:00:00+08:00")
        #expect(followUp["started_at"] as? String == "2026-11-27T15:00:00+08:00")
        #expect(followUp["state"] as? String == "running")
    }

    @Test func aFollowUpBrokenOnAResolvedCallCountsInTheHeader() throws {
        let state = try Self.desk()
        #expect(DeskSummary(state, timekeeper: Timekeeper(), now: Self.now).breached == 0)
        let thursday = TimeText.parseISO("2026-12-03T09:00:00+08:00")!
        let summary = DeskSummary(state, timekeeper: Timekeeper(), now: thursday)
        #expect(summary.breached == 3, "the two open calls' promises, and the fixed call's follow-up")
        #expect(summary.unassigned == 2, "a resolved call needs no technician")
    }

    @Test func whatACallOwesIsWordedFromTheCoresAnswer() {
        #expect(OwedText.short(.consequence(timer: .restore, "substitute owed")) == "substitute owed")
        #expect(OwedText.short(.replacement(repairs: [CallID(number: 3)])) == "replacement due")
        #expect(OwedText.long(.replacement(repairs: [CallID(number: 3), CallID(number: 7)]))
                == "replacement due (the same defect after two repairs: C-0003, C-0007)")
        #expect(OwedText.long(.refund(replacedOn: CallID(number: 4))) == "refund due (still failing after the replacement on C-0004)")
    }

    @Test func theBoardCountsTheFollowUpAndSaysWhoIsOffShift() throws {
        var state = try Self.desk()
        for event in try state.decide(.close(CallID(number: 2)), CommandContext(now: Self.now, actor: "t", timeZone: Self.zone, policy: Self.policy)) {
            state.apply(event)
        }
        let board = BoardPresenter.lines(state, now: Self.now, zone: Self.zone, timekeeper: Timekeeper(), width: 300).map(\.text)
        let compliance = try #require(board.first { $0.hasPrefix("Today's promises: ") })
        #expect(compliance == "Today's promises: response 1/1 met (100%) · on-site 1/1 met (100%) · restore 1/1 met (100%) · follow-up 1/1 met (100%)", "\(compliance)")
        #expect(board.contains { $0.contains("T01 王磊 off shift 0") }, "a night-shift engineer at 16:00")
        let roster = RosterPresenter.rows(state, now: Self.now, zone: Self.zone)
        #expect(roster[0][2].text == "off shift")
        let ranked = AssignmentRanking.rank(for: call(3, state), in: state, at: Self.now, zone: Self.zone)
        #expect(ranked[0].duty == .offShift && !ranked[0].eligible)
    }

    @Test func policyExplainExplainsEveryTimerEvenBeforeItStarts() throws {
        let state = try Self.desk()
        let fixed = PolicyReport.explain(call: call(2, state), state: state, now: Self.now)
        #expect(fixed.contains("Follow-up: 3 working days, from rule \"general promise\""), "\(fixed)")
        #expect(fixed.contains("Counts from when the call is resolved until it is closed. Started Friday 2026-11-27 15:00:00 +08:00."), "\(fixed)")
        let open = PolicyReport.explain(call: call(3, state), state: state, now: Self.now)
        #expect(open.contains("Follow-up: 3 working days, from rule \"general promise\""), "\(open)")
        #expect(open.contains("Not started: the call is not resolved yet."), "\(open)")
        #expect(open.contains("Response: 24h round the clock, from rule \"general promise\" (every call, policy line 13).\n  Calendar"),
                "the built-in timers count from intake, as README says")
    }

    @Test func policyCheckSummarisesTheTimers() {
        #expect(PolicyReport.timersSummary(Self.policy)
                == "Timers: response from received until responded or arrived or resolved; onsite from received until arrived or resolved; restore from received until resolved; follow_up (follow-up / 回访) from resolved until closed.")
    }

    @Test func bothStringTablesLabelTheBuiltInTimers() throws {
        let names = TimerDefinition.builtIn.map(\.name)
        #expect(names.map { UIStrings.english.timerLabel($0, policy: nil) } == ["response", "on-site", "restore"])
        #expect(try names.map { try UIStrings.load("zh").timerLabel($0, policy: nil) } == ["响应", "到场", "修复"])
        #expect(try UIStrings.load("zh").timerLabel(Self.followUp, policy: nil) == "follow_up", "a timer no one labelled is its name")
        #expect(try UIStrings.load("zh").timerLabel(Self.followUp, policy: Self.policy) == "回访")
    }
}
