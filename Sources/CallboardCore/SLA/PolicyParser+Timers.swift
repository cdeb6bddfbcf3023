import Yams

extension PolicyParser.Reader {
    /// `timers:`, the promises the policy makes, in the order the queue shows them. An item is
    /// the name of a built-in timer (`response`: its usual start and stops), or a definition:
    ///
    ///     - name: follow_up
    ///       label: {en: follow-up, zh: 回访}   # or one label for every language
    ///       starts: resolved                   # a milestone; received when not given
    ///       stops: closed                      # one or a list: the first of them stops it
    ///       warning_at: 90%                    # else the policy's
    ///
    /// A definition with a built-in timer's name starts from that timer's and changes what it
    /// gives. The rules then set each timer by its name, as they set the built-in ones.
    mutating func timerDefinitions(_ node: Node, share: Double) -> [TimerDefinition] {
        let builtIn = TimerDefinition.builtIn.map(\.name.rawValue)
        guard let list = node.sequence, !list.isEmpty else {
            fail(node, PolicyText.timersNotList(["timers": DeskText.all(builtIn.map { .text($0) })]))
            return TimerDefinition.builtIn
        }
        var out: [TimerDefinition] = []
        for item in list {
            guard let timer = timerDefinition(item) else { continue }
            if let earlier = out.first(where: { $0.name == timer.name }) {
                fail(item, PolicyText.timerNameUsed(["name": .text(timer.name.rawValue), "line": "\(earlier.line)"]))
                continue
            }
            out.append(timer)
        }
        if out.count > TimerDefinition.limit {
            fail(node, PolicyText.tooManyTimers(["limit": "\(TimerDefinition.limit)", "count": "\(out.count)"]))
            out = Array(out.prefix(TimerDefinition.limit))
        }
        return out
    }

    mutating func timerDefinition(_ node: Node) -> TimerDefinition? {
        let line = node.mark?.line ?? 0
        if let text = node.scalar?.string {
            guard let name = TimerName(rawValue: text), var timer = TimerDefinition.builtIn(named: name) else {
                fail(node, PolicyText.notBuiltInTimer(["text": .text(text), "timers": DeskText.either((TimerDefinition.builtIn + TimerDefinition.onRequest).map(\.name.rawValue)),
                                                       "shape": .text("{name: \(text), starts: MILESTONE, stops: MILESTONE}")]))
                return nil
            }
            timer.line = line
            return timer
        }
        guard let fields = entries(node, allowed: ["name", "label", "starts", "stops", "warning_at"], what: .message(PolicyText.whatTimer())) else { return nil }
        guard let nameNode = fields.first(where: { $0.key == "name" })?.value, let text = string(nameNode, what: .message(PolicyText.whatTimerName())) else {
            fail(node, PolicyText.timerNeedsName())
            return nil
        }
        // Rules set a timer by its name beside their own keys; `label` joined those in format 4,
        // so only a policy recorded before then may name a timer so.
        let reserved = recorded ? ["name", "when"] : ["name", "label", "when"]
        guard let name = TimerName(rawValue: text), !reserved.contains(text) else {
            fail(nameNode, PolicyText.badTimerName(["text": .text(text)]))
            return nil
        }
        var timer = TimerDefinition.builtIn(named: name) ?? TimerDefinition(name: name, stops: [])
        timer.line = line
        var gaveStops = false
        for (key, _, value) in fields {
            switch key {
            case "label": timer.labels = labels(value, of: PolicyText.ownerTimer(["name": .text(text)]))
            case "starts": timer.starts = milestone(value, what: "starts") ?? timer.starts
            case "stops":
                gaveStops = true
                var stops: [Milestone] = []
                for (word, item) in strings(value, what: "stops") {
                    guard let stop = milestone(item, word: word, what: "stops") else { continue }
                    if !stops.contains(stop) { stops.append(stop) }
                }
                timer.stops = stops
            case "warning_at": timer.warningShare = warningShare(value)
            default: break
            }
        }
        if !gaveStops, TimerDefinition.builtIn(named: name) == nil {
            fail(node, PolicyText.timerNeedsStops(["name": .text(text), "milestones": Self.milestones]))
            return nil
        }
        // The assignment moves with a reassignment and the acceptance goes with it (Milestone).
        if timer.starts.isStopOnly {
            fail(node, PolicyText.startsAtStopOnly(["name": .text(text), "milestone": .text(timer.starts.rawValue)]))
        }
        if let wrong = timer.stops.first(where: \.isStartOnly) {
            fail(node, PolicyText.stoppedByStartOnly(["name": .text(text), "milestone": .text(wrong.rawValue)]))
        }
        // A timer stopped by what starts it, or by the intake (before anything else), never runs.
        if let never = timer.stops.first(where: { $0 == timer.starts || $0 == .received }) {
            fail(node, PolicyText.timerNeverRuns(["name": .text(text), "start": .text(timer.starts.rawValue), "stop": .text(never.rawValue)]))
        }
        if gaveStops, timer.stops.isEmpty { fail(node, PolicyText.timerNoStops(["name": .text(text), "milestones": Self.milestones])) }
        return timer
    }

    mutating func milestone(_ node: Node, word: String? = nil, what: String) -> Milestone? {
        guard let text = word ?? string(node, what: .text(what)) else { return nil }
        guard let milestone = Milestone(rawValue: text) else {
            fail(node, PolicyText.unknownMilestone(["text": .text(text), "what": .text(what), "milestones": Self.milestones]))
            return nil
        }
        return milestone
    }

    /// `label: follow-up` (every language) or `label: {en: follow-up, zh: 回访}`: how a timer, a
    /// rule or an escalation step (`owner`) is shown in each interface language.
    mutating func labels(_ node: Node, of owner: Message) -> [String: String] {
        if node.scalar != nil {
            guard let text = label(node, what: .message(PolicyText.whatLabel(["owner": .message(owner)]))) else { return [:] }
            return Dictionary(uniqueKeysWithValues: TimerDefinition.labelLanguages.map { ($0, text) })
        }
        guard let fields = entries(node, allowed: TimerDefinition.labelLanguages,
                                   what: .message(PolicyText.whatLabels(["owner": .message(owner)]))) else { return [:] }
        var out: [String: String] = [:]
        for (language, _, value) in fields {
            let what = PolicyText.whatLabelIn(["language": .text(language), "owner": .message(owner)])
            if let text = label(value, what: .message(what)) { out[language] = text }
        }
        return out
    }

    /// A label heads a column or names its owner in sentences: a few words on one line, with
    /// nothing that could act on a terminal.
    mutating func label(_ node: Node, what: Message.Argument) -> String? {
        guard let text = string(node, what: what) else { return nil }
        guard text.count <= 32, !text.unicodeScalars.contains(where: TextRules.isUnsafe) else {
            fail(node, PolicyText.badLabel(["what": what]))
            return nil
        }
        return text
    }

    /// A timer the policy lists that no rule sets would never run: most likely a rule misspells
    /// it, or it was left half-added.
    mutating func checkEverySet(_ rules: [PolicyRule], _ node: Node) {
        for timer in timers where !rules.contains(where: { $0.timers[timer.name].map { !$0.isNone } ?? false }) {
            fail(line: timer.line > 0 ? timer.line : node.mark?.line ?? 1, PolicyText.timerNeverSet(["name": .text(timer.name.rawValue)]))
        }
    }

    /// "received, responded, assigned, accepted, progressed, arrived, resolved, closed or followedUp".
    static var milestones: Message.Argument { DeskText.either(Milestone.allCases.map(\.rawValue)) }
}
