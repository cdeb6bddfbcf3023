import CallboardCore
import Foundation
import Testing

@Suite struct TimeTextTests {
    @Test(arguments: [
        ("2026-11-27T17:30:00+08:00", 1_795_771_800),
        ("2026-11-27T09:30:00Z", 1_795_771_800),
        ("2026-11-27T17:30+08:00", 1_795_771_800),
        ("2026-11-27 17:30:00+0800", 1_795_771_800),
        ("2024-02-29T00:00:00-05:00", 1_709_182_800),
    ])
    func isoTimesWithAnOffsetAreRead(text: String, epoch: Int) {
        #expect(TimeText.parseISO(text)?.timeIntervalSince1970 == TimeInterval(epoch))
    }

    @Test(arguments: ["2026-11-27T17:30:00", "2026-13-01T00:00:00Z", "2026-02-29T10:00:00Z", "2026-11-27T24:00:00Z",
                      "2026-11-27T17:60:00Z", "27/11/2026 17:30", "2026-11-27T17:30:00+08:00 extra", "", "now"])
    func malformedOrImpossibleTimesAreRejected(text: String) {
        #expect(TimeText.parseISO(text) == nil)
    }

    @Test func aSpanAgoCountsBackFromNow() throws {
        let now = TestDesk.monday9
        #expect(try TimeText.parseMoment("-20m", now: now) == now.addingTimeInterval(-1200))
        #expect(try TimeText.parseMoment("-1h30m", now: now) == now.addingTimeInterval(-5400))
        #expect(throws: DeskError.self) { try TimeText.parseMoment("-1x", now: now) }
    }

    @Test func timesAreWrittenInTheDesksZoneWithItsOffset() {
        let instant = TimeText.parseISO("2026-11-27T09:30:00Z")!
        #expect(TimeText.iso(instant, in: TestDesk.shanghai) == "2026-11-27T17:30:00+08:00")
        #expect(TimeText.iso(instant, in: TimeZone(identifier: "UTC")!) == "2026-11-27T09:30:00Z")
        #expect(TimeText.clock(instant, in: TestDesk.shanghai) == "17:30:00")
        #expect(TimeText.short(instant, in: TestDesk.shanghai) == "11-27 17:30")
    }

    @Test func daylightSavingTimeChangesTheOffsetAcrossItsChange() {
        let newYork = TimeZone(identifier: "America/New_York")!
        // 2026-03-08 02:00 EST clocks jump to 03:00 EDT.
        let before = TimeText.parseISO("2026-03-08T06:59:59Z")!
        #expect(TimeText.iso(before, in: newYork) == "2026-03-08T01:59:59-05:00")
        #expect(TimeText.iso(before.addingTimeInterval(1), in: newYork) == "2026-03-08T03:00:00-04:00")
    }

    @Test func civilTimeRoundTripsAcrossCenturies() {
        for epoch in stride(from: -2_208_988_800, through: 4_102_444_800, by: 7_776_013) {
            let civil = CivilTime(epochSeconds: epoch, offset: 28_800)
            #expect(Int(civil.date.timeIntervalSince1970) == epoch)
        }
        #expect(CivilTime(epochSeconds: 0, offset: 0).weekday == 3) // Thursday
        #expect(CivilTime(TestDesk.monday9, in: TestDesk.shanghai).weekday == 0)
    }

    @Test(arguments: [("24h", 86_400), ("1h30m", 5400), ("2d", 172_800), ("90s", 90), ("1d2h3m4s", 93_784)])
    func spansAreRead(text: String, seconds: Int) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test(arguments: ["", "h", "1x", "30m1h", "1h1h", "12"])
    func malformedSpansAreRejected(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }

    @Test func countdownsAndSpansReadNaturally() {
        #expect(DurationText.countdown(86_399) == "23:59:59")
        #expect(DurationText.countdown(-3_725) == "01:02:05")
        #expect(DurationText.countdown(99 * 3600 + 59 * 60 + 59) == "99:59:59")
        #expect(DurationText.countdown(5 * 86_400 + 3 * 3600 + 12 * 60) == "5d 03h")
        #expect(DurationText.countdown(20_781 * 86_400) == "20781d")
        for seconds in [0, 59, 3599, 359_999, 360_000, 8_639_999, 8_640_000, 1_795_000_000] {
            #expect(DurationText.countdown(seconds).count <= 8, "\(seconds)")
        }
        #expect(DurationText.span(86_400) == "24h")
        #expect(DurationText.span(172_800) == "48h")
        #expect(DurationText.span(5400) == "1h 30m")
        #expect(DurationText.span(45) == "45s")
        #expect(DurationText.span(-600) == "-10m")
        #expect(DurationText.span(120 * 3600) == "5d")
    }
}
