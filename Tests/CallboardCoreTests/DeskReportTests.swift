import CallboardCore
import CallboardResources
import Foundation
import Testing

/// Reports (`report`): the figures over a known set of calls, worked out by hand in each test.
@Suite struct DeskReportTests {
    static let zone = TestDesk.shanghai
    /// Friday 2026-11-20 08:00 in Shanghai.
    static let friday8 = TimeText.parseISO("2026-11-20T08:00:00+08:00")!
    static let friday = LocalDate("2026-11-20")!

    /// Calls on the general promise (24 h response, 12 h on site, round the clock), received
    /// Friday from 08:00 an hour apart; each responded and fixed at once after `minutes`.
    static func desk(_ minutes: [(region: String, minutes: Double)]) throws -> TestDesk {
        var desk = TestDesk()
        for (index, call) in minutes.enumerated() {
            let received = friday8.addingTimeInterval(.hours(Double(index)))
            let id = try desk.run(.intake(IntakeDraft(customer: "客户\(index)", phone: "021-6952 33\(10 + index)", summary: "宕机", level: "2",
                                                      region: call.region)), at: received).change.call!
            try desk.run(.respond(id), at: received.addingTimeInterval(.minutes(call.minutes)))
            try desk.run(.resolve(id), at: received.addingTimeInterval(.minutes(call.minutes)))
        }
        return desk
    }

    static func report(_ desk: TestDesk, days: ClosedRange<LocalDate> = friday...friday, by: ReportGrouping? = nil) -> DeskReport {
        let timekeeper = Timekeeper()
        let entries = desk.state.calls.values.map { ReportEntry($0, in: desk.state, timekeeper: timekeeper, at: desk.now, zone: zone) }
        return DeskReport(entries, days: days, by: by, order: TimerDefinition.builtIn.map(\.name))
    }

    @Test func tenResponsesOneLateGiveNinetyPercentMetP50FiftyMinutesAndP90NinetyMinutes() throws {
        // Responded after 10, 20, …, 90 minutes and one after 30 hours (its 24 h promise missed).
        let minutes: [Double] = [10, 20, 30, 40, 50, 60, 70, 80, 90, 30 * 60]
        let desk = try Self.desk(minutes.map { (region: "city", minutes: $0) })
        let report = Self.report(desk)
        let response = try #require(report.total.timer(.response))
        // By hand: met 9 of 10 decided = 90%. Sorted times 600 … 5400, 108000 s; nearest rank:
        // p50 is the ⌈0.5 × 10⌉ = 5th (3000 s, 50 min), p90 the ⌈0.9 × 10⌉ = 9th (5400 s, 90 min).
        #expect(response.met == 9 && response.missed == 1 && response.running == 0)
        #expect(response.metPercent == 90)
        #expect(response.p50 == 3000 && response.p90 == 5400)
        #expect(report.total.received == 10 && report.total.resolved == 10 && report.total.closed == 0)
        #expect(report.total.timers.map(\.timer) == [.response, .onsite, .restore], "every timer of the policy, even one no rule sets")
        #expect(report.total.timer(.restore) == TimerFigures(timer: .restore))
        #expect(report.total.satisfaction == SatisfactionFigures(count: 0, sum: 0) && report.total.satisfaction.average == nil)
    }

    @Test func perGroupFiguresByRegionEachWithItsOwnPercentiles() throws {
        let desk = try Self.desk([("city", 10), ("city", 20), ("city", 30), ("city", 40), ("city", 50),
                                  ("郊区", 60), ("郊区", 70), ("郊区", 80), ("郊区", 90), ("郊区", 30 * 60)])
        let report = Self.report(desk, by: .region)
        #expect(report.groups.map(\.key) == ["city", "郊区"])
        // city: 600 1200 1800 2400 3000 s, all met. p50: rank ⌈2.5⌉ = 3rd (1800); p90: ⌈4.5⌉ = 5th (3000).
        let city = try #require(report.groups[0].timer(.response))
        #expect(city.met == 5 && city.missed == 0 && city.metPercent == 100 && city.p50 == 1800 && city.p90 == 3000)
        // 郊区: 3600 4200 4800 5400 108000 s, one late: 80%, p50 the 3rd (4800), p90 the 5th (108000).
        let suburb = try #require(report.groups[1].timer(.response))
        #expect(suburb.met == 4 && suburb.missed == 1 && suburb.metPercent == 80 && suburb.p50 == 4800 && suburb.p90 == 108_000)
        // The on-site promise (12 h) stopped at the same fixes: the same times, the 30 h one late.
        #expect(report.groups[1].timer(.onsite) == TimerFigures(timer: .onsite, met: 4, missed: 1, taken: [3600, 4200, 4800, 5400, 108_000]))
        #expect(report.total.received == 10 && report.groups.map(\.received) == [5, 5])
    }

    /// What if (`report --policy`): the same history timed under another policy as well.
    static func whatIf(_ desk: TestDesk, _ policy: SLAPolicy, by: ReportGrouping? = .region) -> DeskReport {
        let timekeeper = Timekeeper()
        let entries = desk.state.calls.values.map { ReportEntry($0, in: desk.state, timekeeper: timekeeper, at: desk.now, zone: zone, whatIf: policy) }
        return DeskReport(entries, days: friday...friday, by: by, order: TimerDefinition.builtIn.map(\.name), whatIfOrder: policy.timers.map(\.name))
    }

    @Test func whatIfATighterResponseGainsBreachesPerGroupAndATimerItDoesNotMakeLosesThem() throws {
        let desk = try Self.desk([("city", 10), ("city", 20), ("city", 30), ("city", 40), ("city", 50),
                                  ("郊区", 60), ("郊区", 70), ("郊区", 80), ("郊区", 90), ("郊区", 30 * 60)])
        // Response within 25 min, and no on-site promise at all.
        let tight = try PolicyParser.parse("time_zone: Asia/Shanghai\nrules:\n  - response: 25m\n")
        let report = Self.whatIf(desk, tight)
        #expect(report.isWhatIf)
        func figures(_ group: ReportGroup, _ timer: TimerName) -> WhatIfFigures? { group.whatIf.first { $0.timer == timer } }
        // Under the general promise (24 h) only 郊区's 30 h response broke. Under 25 min, city's
        // 30, 40 and 50 min break too (3 gained); in 郊区 all five (4 gained besides the 30 h).
        #expect(figures(report.groups[0], .response) == WhatIfFigures(timer: .response, breachesNow: 0, breachesUnder: 3, gained: 3, lost: 0))
        #expect(figures(report.groups[1], .response) == WhatIfFigures(timer: .response, breachesNow: 1, breachesUnder: 5, gained: 4, lost: 0))
        #expect(figures(report.total, .response) == WhatIfFigures(timer: .response, breachesNow: 1, breachesUnder: 8, gained: 7, lost: 0))
        // On site: 郊区's 30 h fix broke 12 h; a policy that makes no on-site promise loses it.
        #expect(figures(report.groups[1], .onsite) == WhatIfFigures(timer: .onsite, breachesNow: 1, breachesUnder: 0, gained: 0, lost: 1))
        #expect(figures(report.total, .restore) == WhatIfFigures(timer: .restore))
        for group in report.groups + [report.total] {
            for timer in group.whatIf { #expect(timer.breachesUnder - timer.breachesNow == timer.gained - timer.lost) }
        }
        // The report's own figures are as they were without the what-if.
        #expect(report.total.timers == Self.report(desk).total.timers)
        #expect(Self.report(desk).total.whatIf.isEmpty && !Self.report(desk).isWhatIf)
    }

    /// Review s5 L4: the what-if lists the timers in the report's order (the desk's policy's),
    /// then those only the what-if policy has, whatever order that policy lists them in.
    @Test func whatIfListsTheTimersInTheReportsOrderThenThoseOnlyTheOtherPolicyHas() throws {
        let desk = try Self.desk([("city", 10), ("郊区", 30 * 60)])
        let other = try PolicyParser.parse("""
            time_zone: Asia/Shanghai
            timers:
              - response
              - restore
              - name: follow_up
                starts: resolved
                stops: closed
              - name: callback
                starts: received
                stops: responded
            rules:
              - response: 25m
                restore: 4h
                follow_up: 1d
                callback: 5m
            """)
        let report = Self.whatIf(desk, other)
        #expect(report.total.timers.map(\.timer) == [.response, .onsite, .restore])
        let expected: [TimerName] = [.response, .onsite, .restore, TimerName(rawValue: "follow_up")!, TimerName(rawValue: "callback")!]
        #expect(report.total.whatIf.map(\.timer) == expected, "\(report.total.whatIf.map(\.timer))")
        for group in report.groups { #expect(group.whatIf.map(\.timer) == expected, "\(group.key ?? "-")") }
    }

    @Test func whatIfALooserPolicyLosesBreachesAndTheSamePolicyChangesNothing() throws {
        let desk = try Self.desk([("city", 10), ("city", 26 * 60), ("郊区", 30 * 60)])
        // Response within 28 h, on site within 12 h: the 26 h response is kept, the 30 h not.
        let loose = try PolicyParser.parse("time_zone: Asia/Shanghai\nrules:\n  - response: 28h\n    onsite: 12h\n")
        let report = Self.whatIf(desk, loose)
        #expect(report.total.whatIf.first { $0.timer == .response } == WhatIfFigures(timer: .response, breachesNow: 2, breachesUnder: 1, gained: 0, lost: 1))
        #expect(report.groups[0].whatIf.first { $0.timer == .response }?.lost == 1 && report.groups[1].whatIf.first { $0.timer == .response }?.lost == 0)
        // The desk's own policy (the general promise's figures) as the what-if: nothing moves.
        let same = try PolicyParser.parse("time_zone: UTC\nrules:\n  - response: 24h\n    onsite: 12h\n")
        let unchanged = Self.whatIf(desk, same)
        #expect(unchanged.total.whatIf.allSatisfy { $0.gained == 0 && $0.lost == 0 })
        #expect(unchanged.total.whatIf.first { $0.timer == .onsite }?.breachesNow == 2)
    }

    @Test func aPromiseStillRunningIsNotYetDecidedAndOneRunningPastItsDeadlineIsMissed() throws {
        var desk = TestDesk() // now: Monday 09:00
        let fresh = try desk.intake(ago: .hours(1))          // Monday 08:00: 24 h to respond, 12 h on site
        let forgotten = try desk.intake(ago: .hours(28))     // Sunday 05:00: response due Monday 05:00, now breached
        let paused = try desk.intake(ago: .hours(2))
        try desk.run(.pause(paused, reason: "等待备件"), at: desk.ago(.hours(1)))
        let report = Self.report(desk, days: LocalDate("2026-11-22")!...LocalDate("2026-11-23")!)
        let response = try #require(report.total.timer(.response))
        // Running: the fresh and the paused one; missed: the forgotten one (3 calls, none stopped).
        #expect(response.running == 2 && response.missed == 1 && response.met == 0 && response.metPercent == 0)
        #expect(response.p50 == nil && response.p90 == nil, "no promise stopped: no time taken yet")
        _ = (fresh, forgotten)
    }

    @Test func timeTakenIsCountedAsTheTargetIsOpenHoursOnlyAndPausesLeftOut() throws {
        // Level 3 in the city on the default policy: 8 h on site of office hours (Mon-Fri 08:00-18:00).
        var desk = TestDesk()
        desk.policy = try PolicyParser.parse(CallboardResources.defaultPolicy())
        desk.now = TimeText.parseISO("2026-11-24T12:00:00+08:00")!
        let friday17 = TimeText.parseISO("2026-11-20T17:00:00+08:00")!
        let id = try desk.run(.intake(IntakeDraft(customer: "甲", phone: "021-6952 3310", summary: "打印慢", level: "3", region: "city")),
                              at: friday17).change.call!
        try desk.run(.addTechnician(TechnicianDraft(id: "T03", name: "王磊", region: "city", shift: "day")), at: friday17.addingTimeInterval(-3600))
        try desk.run(.assign(id, TechnicianID("T03")!, reassign: false), at: TimeText.parseISO("2026-11-23T08:30:00+08:00")!)
        try desk.run(.pause(id, reason: "客户不在"), at: TimeText.parseISO("2026-11-23T09:00:00+08:00")!)
        try desk.run(.resume(id), at: TimeText.parseISO("2026-11-23T10:00:00+08:00")!)
        try desk.run(.arrive(id), at: TimeText.parseISO("2026-11-23T11:00:00+08:00")!)
        // Friday 17:00-18:00 (1 h) + Monday 08:00-09:00 (1 h) + 10:00-11:00 (1 h), the hour paused
        // left out: 3 h, though the customer waited 66 hours on the wall clock.
        let report = Self.report(desk, days: Self.friday...Self.friday)
        let onsite = try #require(report.total.timer(.onsite))
        #expect(onsite.taken == [3 * 3600] && onsite.met == 1)
    }

    @Test func countsReceivedResolvedClosedReopenedRepeatsAndCancelledByTheDayReceived() throws {
        var desk = TestDesk() // Monday 09:00
        let first = try desk.run(.intake(IntakeDraft(customer: "甲", phone: "021-6952 3310", summary: "漏水", level: "2", serial: "SN-1")),
                                 at: desk.ago(.hours(30))).change.call! // Sunday 03:00
        try desk.run(.resolve(first, ResolutionDraft(cause: "hardware")), at: desk.ago(.hours(29)))
        try desk.run(.close(first), at: desk.ago(.hours(28)))
        // The same unit again within 72 h of the close: a repeat, Sunday too.
        let again = try desk.run(.intake(IntakeDraft(customer: "甲", phone: "021-6952 3310", summary: "又漏水", level: "2", serial: "SN-1")),
                                 at: desk.ago(.hours(20))).change.call!
        try desk.run(.resolve(again, ResolutionDraft(cause: "wear")), at: desk.ago(.hours(19)))
        try desk.run(.close(again), at: desk.ago(.hours(18)))
        try desk.run(.reopen(again, reason: "还在漏"), at: desk.ago(.hours(2)))
        let duplicate = try desk.intake("乙", ago: .hours(10)) // Sunday 23:00
        try desk.run(.cancel(duplicate, reason: "重复"), at: desk.ago(.hours(9)))
        let today = try desk.intake("丙", ago: .hours(1))       // Monday: another period
        let sunday = LocalDate("2026-11-22")!
        let report = Self.report(desk, days: sunday...sunday, by: .cause)
        let total = report.total
        #expect(total.received == 3 && total.resolved == 1 && total.closed == 1 && total.reopened == 1 && total.repeats == 1 && total.cancelled == 1)
        // By the cause the fix recorded: the reopened call has none now; the cancelled one never had.
        #expect(report.groups.map(\.key) == ["hardware", nil])
        #expect(report.groups[1].received == 2 && report.groups[1].reopened == 1 && report.groups[1].cancelled == 1)
        // A cancelled call counts in no promise: 2 calls' responses, both stopped by the fixes.
        #expect(total.timer(.response).map { $0.met + $0.missed + $0.running } == 2)
        let monday = Self.report(desk, days: LocalDate("2026-11-23")!...LocalDate("2026-11-23")!)
        #expect(monday.total.received == 1)
        _ = today
    }

    @Test func groupsByCustomerRecordOrTypedNameTechnicianAndLevelWithoutAKeyLast() throws {
        var desk = TestDesk()
        try desk.run(.addCustomer(CustomerDraft(id: "K001", name: "华东电气", phones: ["021-6952 3310"])), at: desk.ago(.hours(48)))
        _ = try desk.intake("华东电气", ago: .hours(3))                       // found by phone: K001
        _ = try desk.run(.intake(IntakeDraft(customer: "散客", phone: "139 0000 1111", summary: "坏了")), at: desk.ago(.hours(2)))
        let today = LocalDate(desk.now, in: Self.zone)
        #expect(Self.report(desk, days: today...today, by: .customer).groups.map(\.key) == ["K001", "散客"])
        #expect(Self.report(desk, days: today...today, by: .level).groups.map(\.key) == ["2", nil])
        #expect(Self.report(desk, days: today...today, by: .technician).groups.map(\.key) == [nil])
    }

    @Test func nearestRankPercentilesOfSmallSets() {
        #expect(Percentile.nearestRank(50, of: []) == nil)
        #expect(Percentile.nearestRank(50, of: [7]) == 7 && Percentile.nearestRank(90, of: [7]) == 7)
        // Of 4: p50 is the ⌈2⌉ = 2nd, p90 the ⌈3.6⌉ = 4th.
        #expect(Percentile.nearestRank(50, of: [10, 20, 30, 40]) == 20 && Percentile.nearestRank(90, of: [10, 20, 30, 40]) == 40)
        // Of 20: p90 is the 18th.
        #expect(Percentile.nearestRank(90, of: Array(1...20)) == 18)
    }

    @Test func periodsAreTheDesksDaysWeeksFromMondayAndCalendarMonths() {
        let now = TimeText.parseISO("2026-11-23T00:30:00+08:00")! // Monday just after midnight in Shanghai (Sunday in UTC)
        func days(_ period: ReportPeriod, _ zone: TimeZone = Self.zone) -> String {
            let range = period.days(at: now, in: zone)
            return "\(range.lowerBound) \(range.upperBound)"
        }
        #expect(days(.today) == "2026-11-23 2026-11-23" && days(.yesterday) == "2026-11-22 2026-11-22")
        #expect(days(.thisWeek) == "2026-11-23 2026-11-29" && days(.lastWeek) == "2026-11-16 2026-11-22")
        #expect(days(.thisMonth) == "2026-11-01 2026-11-30" && days(.lastMonth) == "2026-10-01 2026-10-31")
        #expect(days(.today, TimeZone(identifier: "UTC")!) == "2026-11-22 2026-11-22")
        let january = TimeText.parseISO("2027-01-03T12:00:00+08:00")! // a Sunday
        #expect(ReportPeriod.lastMonth.days(at: january, in: Self.zone) == LocalDate("2026-12-01")!...LocalDate("2026-12-31")!)
        #expect(ReportPeriod.thisWeek.days(at: january, in: Self.zone) == LocalDate("2026-12-28")!...LocalDate("2027-01-03")!)
    }

    @Test func aDayOfDaylightSavingCountsTheCallsOfItsTwentyThreeHours() throws {
        // New York springs forward on 2026-03-08: that day has 23 hours; a call at 23:30 local is on it.
        let york = TimeZone(identifier: "America/New_York")!
        let lateOnTheShortDay = TimeText.parseISO("2026-03-08T23:30:00-04:00")!
        let entry = ReportEntry(call: CallID(number: 1), received: LocalDate(lateOnTheShortDay, in: york))
        let day = LocalDate("2026-03-08")!
        #expect(DeskReport([entry], days: day...day, by: nil, order: []).total.received == 1)
        #expect(ReportPeriod.today.days(at: lateOnTheShortDay, in: york) == day...day)
    }

    /// Calls on the general promise (24 h to respond), each responded after `minutes`; received
    /// at 10:00 Shanghai on the day given, an hour apart.
    static func responses(_ calls: [(day: String, minutes: Double)]) throws -> TestDesk {
        var desk = TestDesk() // now: Monday 2026-11-23 09:00, after them all
        var perDay: [String: Double] = [:]
        for (index, call) in calls.enumerated() {
            let received = TimeText.parseISO("\(call.day)T10:00:00+08:00")!.addingTimeInterval(.hours(perDay[call.day, default: 0]))
            perDay[call.day, default: 0] += 1
            let id = try desk.run(.intake(IntakeDraft(customer: "客户\(index)", phone: "021-6952 33\(10 + index)", summary: "宕机", level: "2",
                                                      region: "city")), at: received).change.call!
            try desk.run(.respond(id), at: received.addingTimeInterval(.minutes(call.minutes)))
        }
        return desk
    }

    @Test func eachDaysMetPercentIsTheReportOverThatDayAloneWorkedOutByHand() throws {
        // Thursday: responded after 10 min and after 25 h (late): 1 of 2. Friday: 10 and 20 min:
        // 2 of 2. Saturday: after 25 h: 0 of 1. Sunday: no call.
        let desk = try Self.responses([("2026-11-19", 10), ("2026-11-19", 25 * 60), ("2026-11-20", 10), ("2026-11-20", 20),
                                       ("2026-11-21", 25 * 60)])
        let timekeeper = Timekeeper()
        let entries = desk.state.calls.values.map { ReportEntry($0, in: desk.state, timekeeper: timekeeper, at: desk.now, zone: Self.zone) }
        let days = LocalDate("2026-11-19")!...LocalDate("2026-11-22")!
        let order = TimerDefinition.builtIn.map(\.name)
        let daily = DeskReport.daily(entries, days: days, order: order)
        #expect(daily.map(\.day.description) == ["2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22"])
        let response = daily.map { $0.total.timer(.response)! }
        #expect(response.map(\.met) == [1, 2, 0, 0] && response.map(\.missed) == [1, 0, 1, 0])
        #expect(response.map(\.metPercent) == [50, 100, 0, nil], "a day with no promise decided has no met %")
        #expect(daily.map(\.total.received) == [2, 2, 1, 0])
        // Thursday's times, 600 and 90000 s: p50 the 1st, p90 the 2nd (nearest rank of 2).
        #expect(response[0].p50 == 600 && response[0].p90 == 90_000)
        // The same counting as the report over each day, and the days add up to the period's.
        for day in daily { #expect(day.total == DeskReport(entries, days: day.day...day.day, by: nil, order: order).total) }
        let period = DeskReport(entries, days: days, by: nil, order: order).total.timer(.response)!
        #expect(period.met == 3 && period.missed == 2 && period.metPercent == 60)
        #expect(daily.map { $0.total.timers.map(\.timer) } == Array(repeating: order, count: 4), "every day lists every timer, even an empty one")
    }

    @Test func theDaysOfADaylightSavingChangeAreTheDesksDays() {
        // New York springs forward on 2026-03-08 (23 hours) and falls back on 2026-11-01 (25):
        // a call just after midnight and one at 23:30 are both on the short day, and one at 23:30
        // on the long day is on it too (UTC puts each 23:30 on the next day).
        let york = TimeZone(identifier: "America/New_York")!
        func entry(_ number: Int, _ iso: String) -> ReportEntry {
            ReportEntry(call: CallID(number: number), received: LocalDate(TimeText.parseISO(iso)!, in: york))
        }
        let spring = DeskReport.daily([entry(1, "2026-03-08T00:30:00-05:00"), entry(2, "2026-03-08T23:30:00-04:00"), entry(3, "2026-03-09T00:10:00-04:00")],
                                      days: LocalDate("2026-03-07")!...LocalDate("2026-03-09")!, order: [])
        #expect(spring.map(\.total.received) == [0, 2, 1])
        let autumn = DeskReport.daily([entry(4, "2026-11-01T01:30:00-05:00"), entry(5, "2026-11-01T23:30:00-05:00")],
                                      days: LocalDate("2026-11-01")!...LocalDate("2026-11-02")!, order: [])
        #expect(autumn.map(\.total.received) == [2, 0])
    }
}
