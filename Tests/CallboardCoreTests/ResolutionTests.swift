import CallboardCore
import Foundation
import Testing

/// What fixed a call (issue 14): the cause from the policy's list, the fix, the parts used.
@Suite struct ResolutionTests {
    @Test func partsAreReadWithEverySignAndCount() throws {
        let parts = try PartUse.parse(list: "滤芯×2, 密封圈 x1,滤芯*1、电源板 X 2，ＰＣＢ＊３; M3x8 screw")
        #expect(parts == [PartUse(part: "滤芯", count: 3), PartUse(part: "密封圈", count: 1), PartUse(part: "电源板", count: 2),
                          PartUse(part: "ＰＣＢ", count: 3), PartUse(part: "M3x8 screw", count: 1)], "names as written; full-width signs and digits read")
        #expect(try PartUse.parse(list: nil).isEmpty && PartUse.parse(list: "  ").isEmpty)
    }

    @Test func aBadPartIsRefusedNamingTheField() {
        for (text, words) in [("滤芯×0", "count"), ("滤芯×-1", "count"), ("滤芯×1.5", "count"), ("滤芯 x -2", "count"), ("×3", "no name"), ("a×99999", "count"), ("a\u{1B}[2J", "control"),
                              ((1...21).map { "p\($0)" }.joined(separator: ","), "limit")] {
            do {
                _ = try PartUse.parse(list: text)
                Issue.record("\(text) was taken")
            } catch {
                #expect(error.field == .parts && error.kind == .invalidInput && error.message.contains(words), "\(error.message)")
            }
        }
    }

    /// A part whose own name ends in ×N reads back whole from the journal's NAME×COUNT.
    @Test func aStoredPartReadsBackWhole() {
        for use in [PartUse(part: "滤芯×3", count: 2), PartUse(part: "O-ring", count: 12), PartUse(part: "x", count: 1)] {
            #expect(PartUse.stored(use.text) == use)
        }
    }

    func desk(policy: SLAPolicy? = nil) throws -> (TestDesk, CallID) {
        var desk = TestDesk()
        desk.policy = policy
        let id = try desk.intake()
        return (desk, id)
    }

    @Test func theCauseFixAndPartsAreRecordedWithTheFix() throws {
        var (desk, id) = try desk()
        let event = try desk.run(.resolve(id, ResolutionDraft(cause: " Hardware ", fix: "更换主板", parts: "主板×1, 螺丝 x4")))
        let expected = Resolution(cause: "hardware", fix: "更换主板", parts: [PartUse(part: "主板", count: 1), PartUse(part: "螺丝", count: 4)])
        #expect(event.change == .resolved(id, expected))
        #expect(desk.state.calls[id]?.resolution == expected)
        #expect(desk.state.calls[id]?.status == .resolved)
    }

    @Test func anUnknownCauseIsRefusedListingTheDesksCauses() throws {
        let (desk, id) = try desk()
        let error = try #require(desk.refusal(.resolve(id, ResolutionDraft(cause: "hardwre"))))
        #expect(error.field == .cause && error.kind == .invalidInput)
        #expect(error.message.contains("hardwre") && error.message.contains("hardware, software, misuse, wear, environment, installation, unknown"))
        #expect(desk.state.calls[id]?.resolvedAt == nil)
    }

    @Test func thePolicysCausesAreTheOnesTakenByCodeOrLabel() throws {
        let policy = try PolicyParser.parse("""
            rules:
              - name: all
                response: 24h
            causes:
              - hardware
              - {code: firmware, label: {en: firmware, zh: 固件问题}}
            """)
        #expect(policy.causes.map(\.code) == ["hardware", "firmware"])
        #expect(policy.causeLabel("firmware", language: "zh") == PolicyText.named(["name": "固件问题"]))
        #expect(policy.causeLabel("hardware", language: "zh") == PolicyText.causeHardware())
        var (desk, id) = try desk(policy: policy)
        #expect(desk.refusal(.resolve(id, ResolutionDraft(cause: "software")))?.message.contains("hardware, firmware") == true,
                "a built-in cause the policy does not list is refused")
        try desk.run(.resolve(id, ResolutionDraft(cause: "固件问题")))
        #expect(desk.state.calls[id]?.resolution?.cause == "firmware")
    }

    @Test func aResolutionLastsUntilTheCallIsReopenedAndTheNextFixSaysItsOwn() throws {
        var (desk, id) = try desk()
        try desk.run(.resolve(id, ResolutionDraft(cause: "wear")))
        try desk.run(.reopen(id, reason: "又漏水"), actor: "supervisor")
        #expect(desk.state.calls[id]?.resolution == nil)
        try desk.run(.resolve(id))
        #expect(desk.state.calls[id]?.resolution == nil, "a fix that said nothing says nothing")
    }

    @Test func causesInAPolicyAreChecked() {
        func problems(_ causes: String) -> [String] {
            do {
                _ = try PolicyParser.parse("rules:\n  - name: all\n    response: 24h\ncauses:\n" + causes)
                return []
            } catch {
                return error.problems.map { "\($0.line): \($0.text)" }
            }
        }
        #expect(problems("  - hardware\n  - {code: firmware, label: 固件}\n").isEmpty)
        #expect(problems("  - hardware\n  - hardware\n").first?.contains("already listed on line 5") == true)
        #expect(problems("  - Bad Code\n").first?.contains("one word") == true)
        #expect(problems("  - {label: x}\n").first?.contains("needs its code") == true)
        #expect(problems("  hardware\n").first?.contains("must be a list") == true)
    }
}
