import CallboardCore
import CallboardResources
import Foundation
import Testing

/// Where a policy's listed holidays end, worked out from the policy and a given `now` (never
/// today's date): the warning window, and which deadlines are uncertain.
@Suite struct HolidayHorizonTests {
    static func at(_ text: String) -> Date { TimeText.parseISO(text)! }

    static let policy = try! PolicyParser.parse(CallboardResources.defaultPolicy())

    @Test func theBuiltInPolicyListsHolidaysToTheEndOf2026OnItsOfficeHourCalendars() {
        let horizons = Self.policy.holidayHorizons
        #expect(horizons.map(\.calendar) == ["office", "working-days"])
        #expect(horizons.allSatisfy { $0.lastDay == LocalDate("2026-12-31")! })
    }

    @Test func theWarningStarts60DaysBeforeTheLastListedYearEndsAndStays() {
        #expect(Self.policy.holidayWarnings(at: Self.at("2026-11-01T23:59:59+08:00")).isEmpty)
        #expect(Self.policy.holidayWarnings(at: Self.at("2026-11-02T00:00:00+08:00")).count == 2)
        #expect(Self.policy.holidayWarnings(at: Self.at("2027-03-01T09:00:00+08:00")).count == 2)
    }

    @Test func eachCalendarCountsItsOwnListAndRoundTheClockOnesNone() throws {
        let policy = try PolicyParser.parse("""
            holidays: [2026-10-01..2026-10-07]
            calendars:
              office: {hours: {mon-fri: 08:00-18:00}}
              depot: {hours: {mon-sat: 09:00-17:00}, holidays: [2027-01-01]}
              plain: {hours: {mon-fri: 09:00-17:00}, time_zone: Europe/London}
            rules:
              - {name: a, when: {level: 3}, onsite: {within: 8h, calendar: office}}
              - {name: b, when: {level: 4}, onsite: {within: 8h, calendar: depot}}
              - {name: c, response: 24h, restore: {within: 8h, calendar: plain}}
            """)
        let horizons = policy.holidayHorizons
        #expect(horizons.map(\.calendar) == ["depot", "office", "plain"])
        #expect(horizons.map(\.lastDay.description) == ["2027-12-31", "2026-12-31", "2026-12-31"])
        #expect(policy.holidayWarnings(at: Self.at("2026-12-05T10:00:00+08:00")).map(\.calendar) == ["office", "plain"])
        // A policy without holidays, or with only round-the-clock promises, warns of nothing.
        #expect(try PolicyParser.parse("rules:\n  - response: 24h\n").holidayHorizons.isEmpty)
        #expect(try PolicyParser.parse("holidays: [2026-10-01]\nrules:\n  - response: 24h\n").holidayHorizons.isEmpty)
    }

    @Test func aDeadlinePastTheLastListedDayIsUncertainOnlyOnOfficeHours() {
        let policy = Self.policy
        #expect(policy.holidayHorizon(passedBy: Self.at("2027-01-04T10:00:00+08:00"), on: "office")?.lastDay == LocalDate("2026-12-31"))
        #expect(policy.holidayHorizon(passedBy: Self.at("2026-12-31T18:00:00+08:00"), on: "office") == nil)
        // Midnight at the end of the last day counts nothing of the next.
        #expect(policy.holidayHorizon(passedBy: Self.at("2027-01-01T00:00:00+08:00"), on: "working-days") == nil)
        #expect(policy.holidayHorizon(passedBy: Self.at("2027-01-04T10:00:00+08:00"), on: "24x7") == nil)
    }

    /// Adding a year is one line: its dates as one list item.
    @Test func aYearOfHolidaysOnOneLineReadsAsOneLinePerHoliday() throws {
        let oneLine = try PolicyParser.parse("""
            holidays:
              - 2026-10-01..2026-10-07
              - [2027-01-01, 2027-02-06..2027-02-12]
            working_days:
              - [2027-01-31, 2027-02-20]
            calendars: {office: {hours: {mon-fri: 08:00-18:00}}}
            rules:
              - response: {within: 8h, calendar: office}
            """)
        let office = oneLine.calendar(named: "office")
        #expect(office.holidays.count == 7 + 1 + 7)
        #expect(office.workingDays == [LocalDate("2027-01-31")!, LocalDate("2027-02-20")!])
        #expect(oneLine.holidayHorizons.first?.lastDay == LocalDate("2027-12-31"))
    }
}
