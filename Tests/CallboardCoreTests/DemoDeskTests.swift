import CallboardCore
import CallboardResources
import Foundation
import Testing

@Suite struct DemoDeskTests {
    func demo() throws -> DeskState {
        let seed = try DemoDesk.parse(yaml: CallboardResources.demoDesk())
        let policy = try PolicyParser.parse(CallboardResources.defaultPolicy())
        return DeskState(replaying: try DemoDesk.events(from: seed, now: TestDesk.monday9, timeZone: TestDesk.shanghai, policy: policy))
    }

    @Test func theDemoHasARealRosterAcrossShiftsAndRegions() throws {
        let state = try demo()
        #expect(state.roster.count >= 8)
        #expect(Set(state.roster.map(\.shift)) == Set(Shift.allCases))
        #expect(Set(state.roster.compactMap(\.region)).count >= 2)
        #expect(Set(state.roster.flatMap(\.skills)).count >= 3)
        #expect(state.roster.contains { $0.name.unicodeScalars.contains { $0.value >= 0x4E00 } })
        #expect(state.roster.contains { $0.name.allSatisfy(\.isASCII) })
    }

    @Test func theDemoHasCallsInEveryStateWithChineseCustomers() throws {
        let state = try demo()
        let calls = Array(state.calls.values)
        #expect(calls.count >= 15)
        #expect(Set(calls.map(\.status)) == Set(CallStatus.allCases))
        let timekeeper = Timekeeper()
        let timerStates = Set(calls.flatMap { timekeeper.timers(for: $0, in: state, at: TestDesk.monday9).map(\.state) })
        #expect(timerStates == Set(TimerState.allCases))
        #expect(calls.contains { $0.intake.tier == "emergency" })
        #expect(calls.contains { $0.intake.kind == "complaint" })
        #expect(calls.allSatisfy { $0.policyNumber == 1 })
        #expect(calls.filter { $0.intake.customer.unicodeScalars.contains { $0.value >= 0x4E00 } }.count >= 12)
        #expect(calls.allSatisfy { $0.intake.summary.unicodeScalars.contains { $0.value >= 0x4E00 } })
    }

    @Test func theDemoIsPlacedRelativeToNow() throws {
        let state = try demo()
        let newest = state.calls.values.map(\.receivedAt).max()!
        #expect(newest <= TestDesk.monday9)
        #expect(newest > TestDesk.monday9.addingTimeInterval(-3600))
    }
}
