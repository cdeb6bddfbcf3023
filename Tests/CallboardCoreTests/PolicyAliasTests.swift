import CallboardCore
import Foundation
import Testing

/// A policy's `aliases`: the other words a desk types for the tiers, kinds and regions its
/// rules name. `policy check` stops at an alias that could not mean what its author meant.
@Suite struct PolicyAliasTests {
    static let rules = """
        rules:
          - name: emergency contract
            when: {tier: emergency}
            response: 30m
          - name: complaint
            when: {kind: complaint}
            response: 2d
          - name: city
            when: {region: [city, suburbs]}
            onsite: 1h
          - response: 24h
        """

    func problems(_ aliases: String) -> [PolicyProblem] {
        do {
            _ = try PolicyParser.parse(aliases + "\n" + Self.rules)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func aliasesForNamesTheRulesUseAreGood() throws {
        let found = problems("aliases:\n  tier: {紧急: emergency, Urgent: emergency}\n  kind: {投诉: complaint}\n  region: {市区: city, 郊区: suburbs}")
        #expect(found.isEmpty, "\(found)")
    }

    @Test func anAliasForANameNoRuleUsesIsCaughtWithTheNamesThatAre() {
        let found = problems("aliases:\n  region:\n    市区: ctiy\n")
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.line == 3)
        #expect(found.first?.message.contains("'ctiy'") == true)
        #expect(found.first?.message.contains("city or suburbs") == true, "\(found)")
    }

    @Test func anAliasMayNotShadowANameTheRulesUse() {
        let found = problems("aliases:\n  region: {suburbs: city}\n")
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.message.contains("'suburbs' is a region the rules name") == true, "\(found)")
    }

    @Test func anAliasIsOneWordAndItsFieldIsTierKindOrRegion() {
        let words = problems("aliases:\n  tier: {\"紧 急\": emergency}\n")
        #expect(words.first?.message.contains("one word") == true, "\(words)")
        let fields = problems("aliases:\n  level: {一级: 1}\n")
        #expect(fields.first?.message.contains("unknown key 'level' in aliases; use tier, kind or region") == true, "\(fields)")
    }

    @Test func anAliasGivenTwiceInDifferentCaseIsCaught() {
        let found = problems("aliases:\n  tier:\n    Urgent: emergency\n    urgent: emergency\n")
        #expect(found.contains { $0.line == 4 && $0.message.contains("'urgent' is given twice") }, "\(found)")
    }
}
