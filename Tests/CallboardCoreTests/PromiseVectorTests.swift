import CallboardCore
import CallboardResources
import Foundation
import Testing

/// The promises of the service letters, as the default policy keeps them: each test reads like
/// the promise it checks. Times are in Shanghai; 2026-11-27 is a Friday.
@Suite struct PromiseVectorTests {
    static let policy = try! PolicyParser.parse(CallboardResources.defaultPolicy())

    /// A desk running the default policy with its clock at `now`.
    func desk(now: String) -> TestDesk {
        var desk = TestDesk()
        desk.now = TimeText.parseISO(now)!
        desk.policy = Self.policy
        return desk
    }

    func call(_ desk: inout TestDesk, received: String, level: String?, region: String = "city", tier: String? = nil, kind: String? = nil) throws -> CallID {
        let draft = IntakeDraft(customer: "客户", phone: "021-6952 3310", summary: "故障", level: level, region: region, tier: tier, kind: kind)
        return try desk.run(.intake(draft), at: TimeText.parseISO(received)!).change.call!
    }

    func timer(_ name: TimerName, _ desk: TestDesk, _ id: CallID) -> TimerReading? {
        Timekeeper().timers(for: desk.state.calls[id]!, in: desk.state, at: desk.now).first { $0.name == name }
    }

    func due(_ name: TimerName, _ desk: TestDesk, _ id: CallID) -> String? {
        timer(name, desk, id)?.deadline.map { TimeText.iso($0, in: TestDesk.shanghai) }
    }

    @Test func aLevel3CallInTheCityReceivedFriday1730IsDueOnSiteMonday1530() throws {
        var desk = desk(now: "2026-11-27T18:00:00+08:00")
        let id = try call(&desk, received: "2026-11-27T17:30:00+08:00", level: "3")
        #expect(due(.onsite, desk, id) == "2026-11-30T15:30:00+08:00")
    }

    @Test func aLevel3CallReceivedSaturday1000CountsFromMondaysOpeningAndIsDueMonday1600() throws {
        var desk = desk(now: "2026-11-28T12:00:00+08:00")
        let id = try call(&desk, received: "2026-11-28T10:00:00+08:00", level: "3")
        #expect(due(.onsite, desk, id) == "2026-11-30T16:00:00+08:00")
        // Office time has not started, so nothing has been used up: not even a warning.
        #expect(timer(.onsite, desk, id)?.state == .running)
    }

    @Test func nationalDayIsClosedSoACallReceivedTheEveningBeforeIsDueTheDayAfter() throws {
        // Wednesday 30 September 17:00: one hour that day, then 1-7 October are public holidays.
        var desk = desk(now: "2026-10-01T12:00:00+08:00")
        let id = try call(&desk, received: "2026-09-30T17:00:00+08:00", level: "3")
        #expect(due(.onsite, desk, id) == "2026-10-08T15:00:00+08:00")
    }

    @Test func theMakeUpSaturdayAfterNationalDayIsAWorkingDay() throws {
        // Friday 9 October 17:00: one hour that day, the rest on Saturday 10 October (调休).
        var desk = desk(now: "2026-10-09T18:00:00+08:00")
        let id = try call(&desk, received: "2026-10-09T17:00:00+08:00", level: "3")
        #expect(due(.onsite, desk, id) == "2026-10-10T15:00:00+08:00")
    }

    @Test func theMakeUpSundayBeforeNationalDayIsAWorkingDay() throws {
        var desk = desk(now: "2026-09-19T12:00:00+08:00")
        let id = try call(&desk, received: "2026-09-19T10:00:00+08:00", level: "3") // a Saturday
        #expect(due(.onsite, desk, id) == "2026-09-20T16:00:00+08:00")
    }

    @Test func aLevel4CallElsewhereHas48HoursOfOfficeTime() throws {
        // Monday 09:00: 9 h Monday, then 10 h a day Tuesday to Thursday (39 h), 9 h Friday → 17:00.
        var desk = desk(now: "2026-11-23T10:00:00+08:00")
        let id = try call(&desk, received: "2026-11-23T09:00:00+08:00", level: "4", region: "kunshan")
        #expect(due(.onsite, desk, id) == "2026-11-27T17:00:00+08:00")
    }

    @Test func levels1And2AreTimedRoundTheClockOneHourInTheCityTwelveElsewhere() throws {
        var desk = desk(now: "2026-11-28T23:00:00+08:00")
        let city = try call(&desk, received: "2026-11-28T22:30:00+08:00", level: "1")
        let elsewhere = try call(&desk, received: "2026-11-28T22:30:00+08:00", level: "2", region: "jiading")
        #expect(due(.onsite, desk, city) == "2026-11-28T23:30:00+08:00")
        #expect(due(.onsite, desk, elsewhere) == "2026-11-29T10:30:00+08:00")
        #expect(due(.response, desk, city) == "2026-11-29T22:30:00+08:00")
    }

    @Test func aCallWithNoLevelYetHasTheGeneral12HourOnSitePromise() throws {
        var desk = desk(now: "2026-11-27T18:00:00+08:00")
        let id = try call(&desk, received: "2026-11-27T17:30:00+08:00", level: nil)
        #expect(due(.onsite, desk, id) == "2026-11-28T05:30:00+08:00")
    }

    @Test func anEmergencyContractIsAnswered30MinutesOnSite2HoursFixed4HoursOrALoanerIsOwed() throws {
        var desk = desk(now: "2026-11-27T22:00:00+08:00")
        let id = try call(&desk, received: "2026-11-27T17:30:00+08:00", level: "3", tier: "emergency")
        #expect(due(.response, desk, id) == "2026-11-27T18:00:00+08:00")
        #expect(due(.onsite, desk, id) == "2026-11-27T19:30:00+08:00")
        #expect(due(.restore, desk, id) == "2026-11-27T21:30:00+08:00")
        #expect(timer(.restore, desk, id)?.owed == "loaner owed (equivalent equipment)")
    }

    @Test func aRestoreTimerBrokenAfter24HoursOwesTheCustomerASubstitute() throws {
        var desk = desk(now: "2026-11-28T18:00:00+08:00")
        let id = try call(&desk, received: "2026-11-27T17:30:00+08:00", level: "2")
        let restore = try #require(timer(.restore, desk, id))
        #expect(restore.state == .breached)
        #expect(restore.owed == "substitute owed")
        try desk.run(.resolve(id))
        #expect(timer(.restore, desk, id)?.state == .missed)
        #expect(timer(.restore, desk, id)?.owed == "substitute owed")
    }

    @Test func aComplaintReceivedFridayAfternoonIsAnsweredByTuesdayAfternoon() throws {
        var desk = desk(now: "2026-11-27T16:00:00+08:00")
        let id = try call(&desk, received: "2026-11-27T15:00:00+08:00", level: nil, kind: "complaint")
        #expect(due(.response, desk, id) == "2026-12-01T15:00:00+08:00")
    }

    @Test func aPauseAcrossTheWeekendMovesTheDeadlines() throws {
        // Level 3 in the city, received Thursday 09:00: due on site Thursday 17:00 without a pause.
        var desk = desk(now: "2026-11-26T10:00:00+08:00")
        let id = try call(&desk, received: "2026-11-26T09:00:00+08:00", level: "3")
        #expect(due(.onsite, desk, id) == "2026-11-26T17:00:00+08:00")
        desk.now = TimeText.parseISO("2026-11-26T11:00:00+08:00")!
        try desk.run(.pause(id, reason: "等待客户确认停机时间"))
        // While paused there is no deadline: 2 h used, 6 h of office time left.
        let paused = try #require(timer(.onsite, desk, id))
        #expect(paused.state == .paused)
        #expect(paused.deadline == nil)
        #expect(paused.remaining == 6 * 3600)
        #expect(timer(.response, desk, id)?.remaining == 22 * 3600)
        desk.now = TimeText.parseISO("2026-11-30T10:00:00+08:00")!
        try desk.run(.resume(id))
        #expect(due(.onsite, desk, id) == "2026-11-30T16:00:00+08:00")
        // The 24x7 response promise: 2 h before the pause, 22 h after it.
        #expect(due(.response, desk, id) == "2026-12-01T08:00:00+08:00")
    }

    @Test func anEngineerSettingOffEndsAPause() throws {
        var desk = desk(now: "2026-11-26T12:00:00+08:00")
        try desk.addTechnician("T01")
        let id = try call(&desk, received: "2026-11-26T09:00:00+08:00", level: "3")
        try desk.run(.assign(id, TechnicianID("T01")!, reassign: false), at: desk.ago(.hours(2.5)))
        try desk.run(.pause(id, reason: "waiting for parts"), at: desk.ago(.hours(2)))
        try desk.run(.depart(id), at: desk.ago(.hours(1)))
        #expect(desk.state.calls[id]?.isPaused == false)
        #expect(desk.state.calls[id]?.pauses.first?.end == desk.ago(.hours(1)))
        #expect(due(.onsite, desk, id) == "2026-11-26T18:00:00+08:00") // 8 h of office time, 1 h paused
    }

    @Test func relevelingRecomputesTheTargetsFromTheOriginalIntakeTime() throws {
        var desk = desk(now: "2026-11-23T09:30:00+08:00")
        let id = try call(&desk, received: "2026-11-23T09:00:00+08:00", level: "4")
        #expect(due(.onsite, desk, id) == "2026-11-24T11:00:00+08:00") // 12 h of office time
        try desk.run(.relevel(id, level: "2", reason: "整条生产线停止"))
        #expect(due(.onsite, desk, id) == "2026-11-23T10:00:00+08:00") // 1 h from intake, not from now
        #expect(desk.state.calls[id]?.intake.level == .two)
    }

    @Test func aWarningComesOnceThreeQuartersOfTheOfficeTimeHasPassed() throws {
        var desk = desk(now: "2026-11-23T14:00:00+08:00")
        let id = try call(&desk, received: "2026-11-23T08:00:00+08:00", level: "3") // due 16:00
        #expect(timer(.onsite, desk, id)?.state == .warning) // 6 h of 8 used
        desk.now = TimeText.parseISO("2026-11-23T13:59:59+08:00")!
        #expect(timer(.onsite, desk, id)?.state == .running)
    }
}

/// Deadlines are exact in a zone with daylight saving time: calendars count wall-clock opening
/// hours in their own zone, round-the-clock timers count real elapsed hours.
@Suite struct DaylightSavingTests {
    static let policy = try! PolicyParser.parse("""
        time_zone: America/New_York
        calendars:
          office:
            hours: {mon-fri: "08:00-18:00"}
          every-day:
            hours: {mon-sun: "00:00-24:00"}
        rules:
          - when: {level: 3}
            onsite: {within: 8h, calendar: office}
          - when: {level: 4}
            onsite: {within: 30h, calendar: every-day}
          - response: 24h
        """)

    func deadline(_ timer: TimerName, level: String, received: String) throws -> String? {
        var desk = TestDesk()
        desk.now = TimeText.parseISO("2026-03-20T00:00:00Z")!
        desk.policy = Self.policy
        let draft = IntakeDraft(customer: "Acme", phone: "212 555 0100", summary: "down", level: level)
        let id = try desk.run(.intake(draft), at: TimeText.parseISO(received)!).change.call!
        let reading = Timekeeper().timers(for: desk.state.calls[id]!, in: desk.state, at: desk.now).first { $0.name == timer }
        return reading?.deadline.map { TimeText.iso($0, in: Self.policy.zone) }
    }

    @Test func officeHoursAcrossTheSpringChangeKeepTheirWallClockTimes() throws {
        // Friday 6 March 17:00 EST: 1 h; clocks go forward on Sunday 8 March; 7 h on Monday from 08:00 EDT.
        #expect(try deadline(.onsite, level: "3", received: "2026-03-06T17:00:00-05:00") == "2026-03-09T15:00:00-04:00")
    }

    @Test func roundTheClockCountsRealHoursAcrossTheChange() throws {
        // Saturday 12:00 EST + 24 real hours = Sunday 13:00 EDT.
        #expect(try deadline(.response, level: "3", received: "2026-03-07T12:00:00-05:00") == "2026-03-08T13:00:00-04:00")
    }

    @Test func theShortSpringDayHas23OpenHours() throws {
        // The whole of Sunday 8 March is 23 real hours, so 30 hours from
        // Sunday 00:00 EST end on Monday at 07:00 EDT.
        #expect(try deadline(.onsite, level: "4", received: "2026-03-08T00:00:00-05:00") == "2026-03-09T07:00:00-04:00")
    }
}
