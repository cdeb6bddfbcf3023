/// How a policy's rules and escalation steps are shown in an interface language.
///
/// A rule's or a step's `name` is what identifies it — escalations record the step's, `policy
/// explain` and the timers name the rule's — so it stays as written in every language. Its
/// `label:` says how to show it in each language (`label: {zh: 值班主管}`); without one it shows
/// by its name. The steps and the rule Callboard itself defines (the standard desk's, "no one
/// accepted", the general promise) show in the words of the string tables.
extension SLAPolicy {
    /// The rule named `name`, as shown in `language` (render it with that language's catalog).
    public func ruleLabel(_ name: String, language: String) -> Message {
        let rule = rules.first { $0.name == name }
        if let label = rule?.labels[language] { return PolicyText.named(["name": .text(label)]) }
        if rule?.line == 0, name == Self.generalPromiseName { return PolicyText.ruleGeneralPromise() }
        if rule?.line == 0, name == Self.acceptRuleName { return PolicyText.ruleAccept() }
        if rule?.line == 0, name == Self.progressRuleName { return PolicyText.ruleProgress() }
        if rule?.line == 0, name == Self.followUpRuleName { return PolicyText.ruleFollowUp() }
        return PolicyText.named(["name": .text(name)])
    }

    /// What a broken promise owes (`words`, as a rule wrote them), as `language` says it where
    /// the policy gives it (`breach: {zh: 应提供备用机}`), else as written.
    public func breachWords(_ words: String, language: String) -> String {
        for rule in rules {
            for target in rule.timers.values where target.breach == words {
                if let said = target.breachLabels[language] { return said }
            }
        }
        return words
    }

    /// The escalation step named `name` (as an escalation recorded it), as shown in `language`.
    public func stepLabel(_ name: String, language: String) -> Message {
        if let step = desk.steps.first(where: { $0.name == name }) {
            if let label = step.labels[language] { return PolicyText.named(["name": .text(label)]) }
            if step.line == 0, let builtIn = DeskRules.standardStepText[name] { return builtIn() }
        } else if name == AutoDispatch.unacceptedStep {
            return DeskText.stepNoOneAccepted()
        } else if name == FollowUps.dissatisfiedStep {
            return DeskText.stepDissatisfied()
        }
        return PolicyText.named(["name": .text(name)])
    }
}

extension DeskRules {
    /// The words of the standard desk's steps (a policy without `escalations:`), by name.
    static let standardStepText: [String: DeskText] = [
        "tell the technician": .stepTellTechnician, "duty supervisor": .stepDutySupervisor, "manager": .stepManager,
        acceptStep: .stepNotAccepted, FollowUps.dissatisfiedStep: .stepDissatisfied,
    ]
}
