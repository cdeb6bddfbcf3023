import CallboardCore
import CallboardResources
import Foundation
import Testing

/// A rule's and an escalation step's name identifies it in every language; its `label:` is how
/// it is shown in one (issue 11: the default policy names its rules and steps in Chinese too).
@Suite struct PolicyLabelTests {
    static let chinese = MessageTableTests.chinese

    static func problems(_ text: String) -> [PolicyProblem] { policyProblems(text) }

    @Test func theBuiltInPolicyShowsEveryRuleAndStepInChinese() throws {
        let policy = try PolicyParser.parse(CallboardResources.defaultPolicy())
        for rule in policy.rules { #expect(rule.labels["zh"] != nil, "rule '\(rule.name)' has no Chinese label") }
        for step in policy.desk.steps { #expect(step.labels["zh"] != nil, "step '\(step.name)' has no Chinese label") }
        #expect(Self.chinese.render(policy.ruleLabel("emergency contract", language: "zh")) == "紧急合同")
        #expect(Self.chinese.render(policy.stepLabel("duty supervisor", language: "zh")) == "值班主管")
        // In English, and in a language the policy gives no label in, the name as written.
        #expect(policy.ruleLabel("emergency contract", language: "en").description == "emergency contract")
        #expect(policy.stepLabel("duty supervisor", language: "en").description == "duty supervisor")
        // The name identifies them: escalations and explanations keep it.
        #expect(policy.desk.steps.map(\.name) == ["tell the technician", "duty supervisor", "manager"])
    }

    /// What a broken promise owes is the policy's words, and like a rule's name it may be given
    /// per language (policy format 5): the built-in policy's in Chinese too (the Chinese console
    /// said "substitute owed").
    @Test func whatABrokenPromiseOwesIsSaidInTheInterfacesLanguage() throws {
        let policy = try PolicyParser.parse(CallboardResources.defaultPolicy())
        let owed = Set(policy.rules.flatMap { $0.timers.values.compactMap(\.breach) })
        #expect(owed == ["substitute owed", "loaner owed (equivalent equipment)"], "as written, for JSON and the journal")
        for words in owed {
            #expect(policy.breachWords(words, language: "en") == words)
            let chinese = policy.breachWords(words, language: "zh")
            #expect(chinese != words && chinese.unicodeScalars.contains { $0.properties.isIdeographic }, "\(words) → \(chinese)")
        }
        let given = try PolicyParser.parse("""
            time_zone: Asia/Shanghai
            rules:
              - name: all
                response: 2h
                restore: {within: 8h, breach: {en: spare unit owed, zh: 应提供备机}}
            """)
        #expect(given.rules[0].timers[.restore]?.breach == "spare unit owed")
        #expect(given.breachWords("spare unit owed", language: "zh") == "应提供备机")
        #expect(!Self.problems("time_zone: UTC\nrules:\n  - name: all\n    restore: {within: 8h, breach: {fr: dû}}\n").isEmpty,
                "a language the interface does not have is refused")
    }

    @Test func aLabelIsGivenPerLanguageOrOnceForEvery() throws {
        let policy = try PolicyParser.parse("""
            rules:
              - name: vip
                label: {en: VIP customers, zh: 大客户}
                when: {tier: vip}
                response: 1h
              - name: everyone
                label: 所有报修
                response: 24h
            escalations:
              steps:
                - {name: boss, label: {zh: 老板}, at: breach, notify: manager}
                - {name: desk, at: warning, notify: supervisor}
            """)
        #expect(policy.rules[0].labels == ["en": "VIP customers", "zh": "大客户"])
        #expect(policy.rules[1].labels == ["en": "所有报修", "zh": "所有报修"])
        #expect(policy.ruleLabel("vip", language: "en").description == "VIP customers")
        #expect(Self.chinese.render(policy.stepLabel("boss", language: "zh")) == "老板")
        // No label: the name, in every language, never a word found in a table.
        #expect(Self.chinese.render(policy.stepLabel("desk", language: "zh")) == "desk")
        #expect(Self.chinese.render(policy.ruleLabel("no such rule", language: "zh")) == "no such rule")
    }

    @Test func theStepsAndTheRuleCallboardDefinesShowInTheStringTablesWords() throws {
        // A policy without escalations has the standard desk's steps.
        let policy = try PolicyParser.parse("rules:\n  - name: manager\n    response: 1h\n")
        #expect(Self.chinese.render(policy.stepLabel("tell the technician", language: "zh")) == "通知技术员")
        #expect(Self.chinese.render(policy.stepLabel("manager", language: "zh")) == "经理")
        #expect(policy.stepLabel("manager", language: "en").description == "manager")
        // The escalation automatic dispatch raises when nobody accepted.
        #expect(Self.chinese.render(policy.stepLabel(AutoDispatch.unacceptedStep, language: "zh")) == "无人接单")
        // A rule the policy's author named like a built-in word is theirs: shown as written.
        #expect(Self.chinese.render(policy.ruleLabel("manager", language: "zh")) == "manager")
        // The general promise, under which calls from before policies were recorded are timed.
        #expect(Self.chinese.render(SLAPolicy.generalPromise.ruleLabel("general promise", language: "zh")) == "一般承诺")
        // A step named in a policy keeps its name when the policy labels it not.
        let own = try PolicyParser.parse("rules:\n  - response: 1h\nescalations:\n  steps:\n    - {name: manager, at: breach, notify: manager}\n")
        #expect(Self.chinese.render(own.stepLabel("manager", language: "zh")) == "manager")
    }

    @Test func policyCheckStopsAtALabelItCouldNotShow() {
        let found = Self.problems("""
            rules:
              - name: a
                label: {fr: urgent}
                response: 1h
              - name: b
                when: {level: 1}
                label: "a\\tb"
                onsite: 1h
            escalations:
              steps:
                - {name: s, label: [x], at: breach, notify: manager}
            """)
        #expect(found.contains { $0.line == 3 && $0.message == "unknown key 'fr' in the labels of rule 'a'; use en or zh" }, "\(found)")
        #expect(found.contains { $0.line == 7 && $0.message.hasPrefix("the label of rule 'b' must be at most 32 characters") }, "\(found)")
        #expect(found.contains { $0.line == 11 && $0.message == "the labels of escalation step 's' must be a mapping of keys to values" }, "\(found)")
        #expect(found.count == 3, "\(found)")
        let zh = found.map { MessageTableTests.chinese.render($0.text) }
        #expect(zh.contains("规则“a”的各语言显示名称（label）中有未知的键“fr”；请用 en 或 zh"), "\(zh)")
    }

    @Test func aTimerMayNoLongerBeNamedLabelButARecordedOneStillReads() throws {
        let text = "timers:\n  - response\n  - {name: label, stops: closed}\nrules:\n  - response: 1h\n    label: 2h\n"
        #expect(Self.problems(text).contains { $0.message.hasPrefix("the timer name 'label' must be one word") })
        // Format 3 allowed it, and the journal may hold such a policy: it replays as it was.
        let recorded = try PolicyParser.parseRecorded(text)
        #expect(recorded.rules[0].timers[TimerName(rawValue: "label")!]?.seconds == 7200)
        #expect(recorded.rules[0].labels.isEmpty)
    }

    /// Labels came with format 4, a breach in each language with format 5.
    @Test func breachWordsPerLanguageAreFormatFive() {
        #expect(PolicyParser.formatVersion == 5)
    }
}
