import CallboardCore
import CallboardResources
import Foundation
import Testing

@Suite struct PolicyParserTests {
    func problems(_ text: String) -> [PolicyProblem] {
        do {
            _ = try PolicyParser.parse(text)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func theDefaultPolicyReadsAsThePromisesOfTheLetters() throws {
        let policy = try PolicyParser.parse(CallboardResources.defaultPolicy())
        #expect(policy.zone.identifier == "Asia/Shanghai")
        #expect(policy.warningShare == 0.75)
        let office = policy.calendar(named: "office")
        #expect(office.weekly[0] == [BusinessCalendar.Hours(start: 8 * 3600, end: 18 * 3600)])
        #expect(office.weekly[5].isEmpty && office.weekly[6].isEmpty)
        #expect(office.holidays.contains(LocalDate("2026-10-01")!))
        #expect(office.holidays.count == 3 + 9 + 3 + 5 + 3 + 3 + 7)
        #expect(office.workingDays.contains(LocalDate("2026-10-10")!))
        #expect(policy.rules.map(\.name).last == "general promise")
    }

    @Test func everyProblemIsReportedWithItsLine() {
        let found = problems("""
            time_zone: Mars/Olympus
            warning_at: 150%
            calendars:
              office:
                hours:
                  mon-fry: 08:00-18:00
                  sat: 09:00-08:00
            rules:
              - name: typo
                when: {levle: 3}
                onsight: 8h
              - name: bad target
                response: soon
              - name: unknown calendar
                onsite: {within: 8h, calendar: offfice}
            """)
        let lines = found.map(\.line)
        #expect(lines == lines.sorted())
        #expect(found.contains { $0.line == 1 && $0.message.contains("unknown time zone 'Mars/Olympus'") })
        #expect(found.contains { $0.line == 2 && $0.message.contains("warning_at '150%'") })
        #expect(found.contains { $0.line == 6 && $0.message.contains("'mon-fry' is not a day") })
        #expect(found.contains { $0.line == 7 && $0.message.contains("'09:00-08:00' is not opening hours") })
        #expect(found.contains { $0.line == 10 && $0.message.contains("unknown key 'levle'") })
        #expect(found.contains { $0.line == 11 && $0.message.contains("unknown key 'onsight'") })
        #expect(found.contains { $0.line == 13 && $0.message.contains("'soon' is not a duration") })
        #expect(found.contains { $0.line == 15 && $0.message.contains("calendar 'offfice' is not defined") })
    }

    @Test func brokenYAMLIsReportedWithItsLine() {
        let found = problems("rules:\n  - response: 24h\n   onsite: [12h\n")
        #expect(found.count == 1)
        #expect(found[0].line >= 3)
        #expect(found[0].message.hasPrefix("not valid YAML"))
    }

    @Test(arguments: [
        ("", "empty"),
        ("rules: []", "'rules' must be a list of rules"),
        ("time_zone: UTC", "no rules"),
        ("rules:\n  - onsite: 1h", "no rule sets the response timer"),
        ("rules:\n  - name: nothing\n    when: {level: 2}", "sets no timer"),
        ("rules:\n  - when: {level: 7}\n    response: 1h", "level '7' must be 1, 2, 3, 4 or none"),
        ("holidays: [2026-02-30]\nrules:\n  - response: 1h", "'2026-02-30' in holidays is not a date"),
        ("calendars:\n  shut:\n    hours: {}\nrules:\n  - response: 1h", "never open"),
        ("calendars:\n  x:\n    hours: {mon: [08:00-12:00, 11:00-13:00]}\nrules:\n  - response: 1h", "overlap"),
        ("calendars:\n  24x7:\n    hours: {mon: 08:00-12:00}\nrules:\n  - response: 1h", "built in"),
    ])
    func mistakesAreExplained(text: String, words: String) {
        let found = problems(text)
        #expect(found.contains { $0.message.contains(words) }, "\(found)")
    }

    @Test func aRuleForNoLevelMatchesCallsWhoseLevelIsNotKnown() throws {
        let policy = try PolicyParser.parse("rules:\n  - when: {level: none}\n    response: 1h\n  - response: 24h\n")
        let unknown = CallAttributes(level: nil, region: nil, tier: nil, kind: nil)
        let known = CallAttributes(level: .two, region: nil, tier: nil, kind: nil)
        #expect(policy.target(for: .response, of: unknown)?.target.seconds == 3600)
        #expect(policy.target(for: .response, of: known)?.target.seconds == 86_400)
    }

    @Test func eachTimerTakesTheFirstRuleThatSetsIt() throws {
        let policy = try PolicyParser.parse(CallboardResources.defaultPolicy())
        let complaint = CallAttributes(level: .three, region: "city", tier: nil, kind: "complaint")
        #expect(policy.target(for: .response, of: complaint)?.rule.name == "complaint")
        // A complaint is answered, not repaired: the policy says none to the other promises.
        #expect(policy.target(for: .onsite, of: complaint) == nil)
        #expect(policy.target(for: .restore, of: complaint) == nil)
        let fault = CallAttributes(level: .three, region: "city", tier: nil, kind: nil)
        #expect(policy.target(for: .onsite, of: fault)?.rule.name == "level 3 in the city")
        #expect(policy.target(for: .restore, of: fault)?.rule.name == "general promise")
    }
}

/// The journal records the policy in force; a changed policy applies to calls received after
/// the change, and moves an open call only by an explicit, recorded retime.
@Suite struct PolicyAdoptionTests {
    static let first = try! PolicyParser.parse("rules:\n  - response: 24h\n    onsite: 12h\n")
    static let second = try! PolicyParser.parse("rules:\n  - response: 4h\n    onsite: 2h\n")

    @Test func theFirstCallAdoptsTheDesksPolicyAndLaterCallsReuseIt() throws {
        var desk = TestDesk()
        desk.policy = Self.first
        let a = try desk.intake(ago: 60)
        let b = try desk.intake(ago: 30)
        #expect(desk.log.filter { if case .policyAdopted = $0.change { true } else { false } }.count == 1)
        #expect(desk.state.calls[a]?.policyNumber == 1)
        #expect(desk.state.calls[b]?.policyNumber == 1)
    }

    @Test func aChangedPolicyTimesOnlyCallsReceivedAfterIt() throws {
        var desk = TestDesk()
        desk.policy = Self.first
        let old = try desk.intake(ago: 600)
        desk.policy = Self.second
        let new = try desk.intake(ago: 0)
        #expect(desk.state.calls[old]?.policyNumber == 1)
        #expect(desk.state.calls[new]?.policyNumber == 2)
        let timekeeper = Timekeeper()
        #expect(timekeeper.timers(for: desk.state.calls[old]!, in: desk.state, at: desk.now).first?.target == 86_400)
        #expect(timekeeper.timers(for: desk.state.calls[new]!, in: desk.state, at: desk.now).first?.target == 4 * 3600)
        // Replaying the journal computes the same deadlines.
        let replayed = DeskState(replaying: desk.log)
        for id in [old, new] {
            #expect(Timekeeper().timers(for: replayed.calls[id]!, in: replayed, at: desk.now) == timekeeper.timers(for: desk.state.calls[id]!, in: desk.state, at: desk.now))
        }
    }

    @Test func aCallRecordedLateIsTimedUnderThePolicyInForceWhenTheCustomerCalled() throws {
        var desk = TestDesk()
        desk.policy = Self.first
        try desk.intake(ago: 7200)
        desk.policy = Self.second
        try desk.intake(ago: 0) // the desk starts using the second policy now
        let late = try desk.intake(ago: 600) // the customer called ten minutes ago
        #expect(desk.state.calls[late]?.policyNumber == 1)
        // A late call under a policy not yet adopted does not adopt it.
        var other = TestDesk()
        other.policy = Self.first
        try other.intake(ago: 0)
        other.policy = Self.second
        let early = try other.intake(ago: 300)
        #expect(other.state.calls[early]?.policyNumber == 1)
        #expect(other.state.policies.count == 1)
    }

    @Test func retimingMovesAnOpenCallOntoTheCurrentPolicyOnTheRecord() throws {
        var desk = TestDesk()
        desk.policy = Self.first
        let id = try desk.intake(ago: 600)
        desk.policy = Self.second
        let event = try desk.run(.retime(id, reason: "new contract signed"))
        #expect(event.change == .retimed(id, policy: 2, reason: "new contract signed"))
        #expect(desk.state.calls[id]?.policyNumber == 2)
        #expect(desk.refusal(.retime(id, reason: "again"))?.message.contains("already timed under the desk's current policy (#2)") == true)
    }

    @Test func pausingResumingAndRelevelingHaveTheirRules() throws {
        var desk = TestDesk()
        desk.policy = Self.first
        let id = try desk.intake(ago: 3600)
        #expect(desk.refusal(.pause(id, reason: " "))?.field == .reason)
        #expect(desk.refusal(.resume(id))?.message == "\(id) is not paused; its timers are running")
        try desk.run(.pause(id, reason: "等待备件"), at: desk.ago(1800))
        #expect(desk.refusal(.pause(id, reason: "again"))?.message.contains("has been paused since 11-23 08:30 (等待备件)") == true)
        try desk.run(.resume(id))
        #expect(desk.refusal(.relevel(id, level: "2", reason: "same"))?.message.contains("already level 2") == true)
        #expect(desk.refusal(.relevel(id, level: "9", reason: "x"))?.message.contains("level '9' is not a fault level") == true)
        #expect(desk.refusal(.relevel(id, level: "1", reason: ""))?.field == .reason)
        try desk.run(.resolve(id))
        #expect(desk.refusal(.pause(id, reason: "x"))?.kind == .refused)
        #expect(desk.refusal(.relevel(id, level: "1", reason: "x"))?.kind == .refused)
    }
}
