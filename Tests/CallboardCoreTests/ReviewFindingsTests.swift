import CallboardCore
import CallboardResources
import Foundation
import PropertyBased
import Testing

/// What the reviews of the SLA engine found, kept found.
@Suite struct PausingCannotHideABreachTests {
    static let policy = try! PolicyParser.parse(CallboardResources.defaultPolicy())

    @Test func pausingABreachedCallKeepsTheBreachAndWhatIsOwed() throws {
        var desk = TestDesk()
        desk.policy = Self.policy
        desk.now = TimeText.parseISO("2026-11-26T12:00:00+08:00")!
        let id = try desk.run(.intake(IntakeDraft(customer: "A", phone: "021-6952 3310", summary: "x", level: "2", region: "city")),
                              at: desk.ago(.hours(26))).change.call!
        try desk.run(.pause(id, reason: "waiting for parts"))
        let timers = Timekeeper().timers(for: desk.state.calls[id]!, in: desk.state, at: desk.now)
        let restore = try #require(timers.first { $0.name == .restore })
        #expect(restore.state == .breached)
        #expect(restore.remaining == -2 * 3600)
        #expect(restore.owed == "substitute owed")
        #expect(restore.deadline != nil)
        #expect(timers.first { $0.name == .response }?.state == .breached)
        // A timer not yet broken when the pause began does pause.
        desk.now = desk.now.addingTimeInterval(3600)
        let later = try desk.run(.intake(IntakeDraft(customer: "B", phone: "021-6952 3310", summary: "y", level: "2", region: "jiading")),
                                 at: desk.ago(.hours(2))).change.call!
        try desk.run(.pause(later, reason: "customer away"))
        let paused = Timekeeper().timers(for: desk.state.calls[later]!, in: desk.state, at: desk.now)
        #expect(paused.allSatisfy { $0.state == .paused })
    }

    @Test func aMakeUpDayOnACalendarOpenAtWeekendsKeepsItsOwnHours() throws {
        let policy = try PolicyParser.parse("""
            working_days: [2026-10-10]
            calendars:
              weekend-desk:
                hours: {sat-sun: "10:00-16:00"}
            rules:
              - response: {within: 2h, calendar: weekend-desk}
            """)
        let calendar = policy.calendar(named: "weekend-desk")
        let saturday = LocalDate("2026-10-10")!
        #expect(calendar.day(saturday).hours == [BusinessCalendar.Hours(start: 36_000, end: 57_600)])
        let friday = TimeText.parseISO("2026-10-09T12:00:00+08:00")!
        #expect(calendar.advance(friday, by: 7200)?.deadline == TimeText.parseISO("2026-10-10T12:00:00+08:00"))
    }
}

@Suite struct PolicyCheckFindingsTests {
    func problems(_ text: String) -> [PolicyProblem] {
        do { _ = try PolicyParser.parse(text); return [] } catch { return error.problems }
    }

    @Test func aRuleThatCanNeverApplyIsCaught() {
        let found = problems("""
            rules:
              - name: general
                response: 24h
                onsite: 12h
              - name: gold
                when: {tier: gold}
                onsite: 4h
            """)
        #expect(found.contains { $0.line == 5 && $0.message.contains("rule 'general' (line 2) already decides it") }, "\(found)")
    }

    @Test func aTypoInATargetIsReportedItselfNotAsAKnockOn() {
        let found = problems("rules:\n  - name: gold\n    when: {tier: gold}\n    onsite: 4hrs\n  - response: 24h\n")
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.line == 4)
        #expect(found.first?.message.contains("'4hrs' is not a duration") == true)
    }

    @Test func aDuplicateKeyIsReportedOnItsOwnLineWithoutTheFile() {
        let found = problems("warning_at: 75%\ntime_zone: Asia/Shanghai\nwarning_at: 80%\nrules:\n  - response: 24h\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 3)
        #expect(found.first?.message == "'warning_at' is given twice in the same place; keep one")
    }

    @Test(arguments: [
        ("rules:\n  - response: 0m", "must be longer than zero"),
        ("rules:\n  - response: 3700d", "longer than a year"),
        ("holidays: [2026-10-07..2026-10-01]\nrules:\n  - response: 1h", "ends before it starts"),
        ("working_days: [2026-10-12]\nrules:\n  - response: 1h", "2026-10-12 is a Monday"),
        ("rules:\n  - when: {level: []}\n    response: 1h\n  - response: 2h", "empty list"),
        ("rules:\n  - when: {region: City Centre}\n    response: 1h\n  - response: 2h", "can never match"),
        ("rules:\n  - name: a\n    response: 1h\n  - name: a\n    when: {level: 1}\n    onsite: 1h", "already used on line 2"),
    ])
    func moreMistakesAreExplained(text: String, words: String) {
        #expect(problems(text).contains { $0.message.contains(words) }, "\(problems(text))")
    }

    @Test func spacesAroundADayRangeAreFine() throws {
        let policy = try PolicyParser.parse("calendars:\n  office:\n    hours: {Mon - Fri: 08:00-18:00}\nrules:\n  - response: {within: 8h, calendar: office}\n")
        #expect(policy.calendar(named: "office").weekly[4] == [BusinessCalendar.Hours(start: 28_800, end: 64_800)])
    }

    @Test func overlappingHoursAreReportedOnceOnTheirLine() {
        let found = problems("calendars:\n  x:\n    hours:\n      mon-fri: [08:00-12:00, 11:00-13:00]\nrules:\n  - response: 1h\n")
        #expect(found.filter { $0.message.contains("overlap") }.count == 1, "\(found)")
        #expect(found.first?.line == 4)
    }
}

/// The offset table agrees with Foundation's time zones at any instant of this century.
@Suite struct ZoneOffsetTests {
    static let zones = ["Asia/Shanghai", "America/New_York", "Europe/London", "Australia/Sydney", "Asia/Tehran", "UTC"]
        .map { TimeZone(identifier: $0)! }
    static let tables = zones.map(ZoneOffsets.init)

    @Test func offsetsMatchFoundationEverywhere() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...5), Gen.int(in: 946_684_800...4_102_444_799)) { which, epoch in
            let expected = Self.zones[which].secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epoch)))
            #expect(Self.tables[which].offset(at: Int64(epoch)) == expected, "\(Self.zones[which].identifier) at \(epoch)")
        }
    }

    @Test func wallClockTimesRoundTrip() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...5), Gen.int(in: 946_684_800...4_102_444_799)) { which, epoch in
            let table = Self.tables[which]
            let local = table.local(Int64(epoch))
            // Every instant's wall-clock reading names that instant, or (in an overlap) the earlier one.
            let back = table.instant(ofLocal: local)
            #expect(back == Int64(epoch) || (back < Int64(epoch) && table.local(back) == local), "\(Self.zones[which].identifier) at \(epoch)")
        }
    }
}
