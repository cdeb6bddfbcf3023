@testable import CallboardCore
import Testing

/// Timer names are numbered once per process; the built-in ones first, and the table has a
/// bound, so a journal naming endless timers cannot make a process grow without limit.
@Suite struct TimerNameTableTests {
    @Test func theBuiltInTimersAreTheFirstThreeNames() {
        #expect(TimerName(rawValue: "response") == .response && TimerName.response.rawValue == "response")
        #expect(TimerName(rawValue: "onsite") == .onsite && TimerName.onsite.rawValue == "onsite")
        #expect(TimerName(rawValue: "restore") == .restore && TimerName.restore.rawValue == "restore")
    }

    @Test func aTableOfNamesStopsGrowingAtItsLimit() {
        let table = NameTable(["response", "onsite", "restore"], limit: 5)
        #expect(table.number(for: "onsite") == 1)
        #expect(table.number(for: "follow_up") == 3)
        #expect(table.number(for: "callback") == 4)
        #expect(table.number(for: "one_too_many") == nil, "a sixth name is not taken")
        #expect(table.number(for: "follow_up") == 3, "names already known still are")
        #expect(table.name(4) == "callback")
    }

    @Test func theProcessTableHasALimit() {
        #expect(TimerName.limit >= 1024 && TimerName.limit <= 65_536)
    }
}
