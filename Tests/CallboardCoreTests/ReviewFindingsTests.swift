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

@Suite struct CallTableTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let now = TimeText.parseISO("2026-11-23T09:00:00+08:00")!

    func received(_ number: Int, _ customer: String) -> Event {
        Event(occurredAt: Self.now, recordedAt: Self.now, actor: "t",
              change: .callReceived(CallID(number: number), CallIntake(customer: customer, phone: "138", summary: "x"), policy: nil))
    }

    @Test func aCallWithAFarNumberStaysFoundWhenTheDenseRunGrowsPastIt() throws {
        // A hand-made journal: C-1, C-70000, C-5000, then the desk's own next call C-70001.
        var state = DeskState(replaying: [received(1, "a"), received(70_000, "far"), received(5000, "b")])
        let next = try state.decide(.intake(IntakeDraft(customer: "next", phone: "138 0013 8000", summary: "x")),
                                    CommandContext(now: Self.now, actor: "t", timeZone: Self.zone))
        next.forEach { state.apply($0) }
        #expect(state.calls[CallID(number: 70_001)]?.intake.customer == "next")
        #expect(state.calls[CallID(number: 70_000)]?.intake.customer == "far")
        #expect(state.calls.count == 4)
        // A second receipt of the same call changes nothing.
        state.apply(received(70_000, "again"))
        #expect(state.calls.count == 4)
        #expect(state.calls[CallID(number: 70_000)]?.intake.customer == "far")
        #expect(state.calls[CallID(number: 0)] == nil)
    }
}

@Suite struct SplitHoursAroundDaylightSavingTests {
    @Test func rangesEitherSideOfTheSpringGapAreNotCountedTwice() throws {
        let zone = TimeZone(identifier: "America/New_York")!
        let calendar = BusinessCalendar(name: "split", zone: zone, weekly: Array(repeating: [
            BusinessCalendar.Hours(start: 0, end: 9000), BusinessCalendar.Hours(start: 10_800, end: 21_600),
        ], count: 7))
        // Sunday 14 March 2027, clocks go from 02:00 to 03:00. 02:30 does not exist, so the first
        // range runs to 03:30 EDT: 2.5 real hours. The second range (03:00-06:00 EDT) overlaps it
        // until 03:30, which is counted once: 2.5 more hours end at 06:00 EDT, not earlier.
        let start = TimeText.parseISO("2027-03-14T00:00:00-05:00")!
        let result = try #require(calendar.advance(start, by: 5 * 3600))
        #expect(TimeText.iso(result.deadline, in: zone) == "2027-03-14T06:00:00-04:00")
        #expect(calendar.openSeconds(from: start, to: result.deadline) == 5 * 3600)
        #expect(zip(result.segments, result.segments.dropFirst()).allSatisfy { $0.end <= $1.start })
    }
}
