import CallboardCore
import CallboardResources
import Foundation
import PropertyBased
import Testing

/// Properties of the deadline arithmetic that must hold for any intake time in 2026, any target,
/// any of the default policy's calendars (office hours with holidays and make-up days, whole
/// working days, round the clock) and any pause.
@Suite struct DeadlinePropertyTests {
    static let policy = try! PolicyParser.parse(CallboardResources.defaultPolicy())
    static let calendars = ["office", "working-days", SLAPolicy.roundTheClock].map { policy.calendar(named: $0) }
    static let yearStart = TimeText.parseISO("2026-01-01T00:00:00+08:00")!

    static let intake = Gen.int(in: 0...(364 * 86_400))
    static let target = Gen.int(in: 60...(72 * 3600))
    static let calendar = Gen.int(in: 0...2)
    static let pauseStart = Gen.int(in: 0...(120 * 3600))
    static let pauseLength = Gen.int(in: 1...(96 * 3600))

    static func instant(_ offset: Int) -> Date { yearStart.addingTimeInterval(TimeInterval(offset)) }

    @Test func addingAPauseNeverMovesADeadlineEarlier() async {
        await propertyCheck(count: 300, input: Self.intake, Self.target, Self.calendar, Self.pauseStart, Self.pauseLength) { offset, target, which, pauseAt, pauseLength in
            let calendar = Self.calendars[which]
            let start = Self.instant(offset)
            let pause = DateInterval(start: start.addingTimeInterval(TimeInterval(pauseAt)), duration: TimeInterval(pauseLength))
            let without = calendar.advance(start, by: target)?.deadline
            let with = calendar.advance(start, by: target, excluding: [pause])?.deadline
            #expect(without != nil && with != nil)
            if let without, let with { #expect(with >= without, "\(calendar.name) from \(start) target \(target)") }
        }
    }

    @Test func theOpenTimeFromIntakeToDeadlineEqualsTheTarget() async {
        await propertyCheck(count: 300, input: Self.intake, Self.target, Self.calendar, Self.pauseStart, Self.pauseLength) { offset, target, which, pauseAt, pauseLength in
            let calendar = Self.calendars[which]
            let start = Self.instant(offset)
            let pauses = [DateInterval(start: start.addingTimeInterval(TimeInterval(pauseAt)), duration: TimeInterval(pauseLength))]
            guard let deadline = calendar.advance(start, by: target, excluding: pauses)?.deadline else {
                Issue.record("no deadline for \(calendar.name) from \(start)")
                return
            }
            #expect(calendar.openSeconds(from: start, to: deadline, excluding: pauses) == target, "\(calendar.name) from \(start)")
        }
    }

    @Test func aLongerTargetNeverGivesAnEarlierDeadline() async {
        await propertyCheck(count: 300, input: Self.intake, Self.target, Self.target, Self.calendar) { offset, first, second, which in
            let calendar = Self.calendars[which]
            let start = Self.instant(offset)
            let (shorter, longer) = (min(first, second), max(first, second))
            let a = calendar.advance(start, by: shorter)?.deadline, b = calendar.advance(start, by: longer)?.deadline
            #expect(a != nil && b != nil)
            if let a, let b { #expect(a <= b, "\(calendar.name) from \(start): \(shorter) vs \(longer)") }
        }
    }

    @Test func aDeadlineAlwaysFallsInsideOpeningHours() async {
        await propertyCheck(count: 300, input: Self.intake, Self.target) { offset, target in
            let office = Self.calendars[0]
            guard let deadline = office.advance(Self.instant(offset), by: target)?.deadline else { return }
            let day = LocalDate(deadline, in: office.zone)
            let second = Int(deadline.timeIntervalSince(day.instant(at: 0, in: office.zone)))
            #expect(office.day(day).hours.contains { $0.start < second && second <= $0.end }, "\(deadline)")
        }
    }
}
