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
            fail(node, "'timers' must be a list of timers; leave it out for the built-in \(Self.list(builtIn))")
            return TimerDefinition.builtIn
        }
        var out: [TimerDefinition] = []
        for item in list {
            guard let timer = timerDefinition(item) else { continue }
            if let earlier = out.first(where: { $0.name == timer.name }) {
                fail(item, "the timer name '\(timer.name)' is already used on line \(earlier.line); give each timer its own name")
                continue
            }
            out.append(timer)
        }
        if out.count > TimerDefinition.limit {
            fail(node, "a policy makes at most \(TimerDefinition.limit) promises; this one lists \(out.count) timers")
            out = Array(out.prefix(TimerDefinition.limit))
        }
        return out
    }

    mutating func timerDefinition(_ node: Node) -> TimerDefinition? {
        let line = node.mark?.line ?? 0
        if let text = node.scalar?.string {
            guard let name = TimerName(rawValue: text), var timer = TimerDefinition.builtIn(named: name) else {
                fail(node, "'\(text)' is not a built-in timer (\(Self.list(TimerDefinition.builtIn.map(\.name.rawValue)))); define it as {name: \(text), starts: MILESTONE, stops: MILESTONE}")
                return nil
            }
            timer.line = line
            return timer
        }
        guard let fields = entries(node, allowed: ["name", "label", "starts", "stops", "warning_at"], what: "a timer") else { return nil }
        guard let nameNode = fields.first(where: { $0.key == "name" })?.value, let text = string(nameNode, what: "a timer's name") else {
            fail(node, "a timer needs a name (one word, such as follow_up): rules set it by that name")
            return nil
        }
        guard let name = TimerName(rawValue: text), !["name", "when"].contains(text) else {
            fail(nameNode, "the timer name '\(text)' must be one word of at most 32 letters, digits, '-' or '_' other than name and when: rules set it by that name")
            return nil
        }
        var timer = TimerDefinition.builtIn(named: name) ?? TimerDefinition(name: name, stops: [])
        timer.line = line
        var gaveStops = false
        for (key, _, value) in fields {
            switch key {
            case "label": timer.labels = labels(value, timer: text)
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
            fail(node, "timer '\(text)' needs stops: the milestone that keeps the promise (\(Milestone.list); a list: the first of them)")
            return nil
        }
        // A timer stopped by what starts it, or by the intake (before anything else), never runs.
        if let never = timer.stops.first(where: { $0 == timer.starts || $0 == .received }) {
            fail(node, "timer '\(text)' starts at \(timer.starts.rawValue) and is stopped by \(never.rawValue), so it would never run; stop it by a later milestone")
        }
        if gaveStops, timer.stops.isEmpty { fail(node, "timer '\(text)' has no milestone that stops it; use \(Milestone.list)") }
        return timer
    }

    mutating func milestone(_ node: Node, word: String? = nil, what: String) -> Milestone? {
        guard let text = word ?? string(node, what: what) else { return nil }
        guard let milestone = Milestone(rawValue: text) else {
            fail(node, "unknown milestone '\(text)' in \(what); use \(Milestone.list)")
            return nil
        }
        return milestone
    }

    /// `label: follow-up` (every language) or `label: {en: follow-up, zh: 回访}`.
    mutating func labels(_ node: Node, timer: String) -> [String: String] {
        if node.scalar != nil {
            guard let text = label(node, what: "the label of timer '\(timer)'") else { return [:] }
            return Dictionary(uniqueKeysWithValues: TimerDefinition.labelLanguages.map { ($0, text) })
        }
        guard let fields = entries(node, allowed: TimerDefinition.labelLanguages, what: "the labels of timer '\(timer)'") else { return [:] }
        var out: [String: String] = [:]
        for (language, _, value) in fields {
            if let text = label(value, what: "the \(language) label of timer '\(timer)'") { out[language] = text }
        }
        return out
    }

    /// A label heads a column and names the timer in sentences: a few words on one line, with
    /// nothing that could act on a terminal.
    mutating func label(_ node: Node, what: String) -> String? {
        guard let text = string(node, what: what) else { return nil }
        guard text.count <= 32, !text.unicodeScalars.contains(where: TextRules.isUnsafe) else {
            fail(node, "\(what) must be at most 32 characters on one line, without control or invisible characters")
            return nil
        }
        return text
    }

    /// A timer the policy lists that no rule sets would never run: most likely a rule misspells
    /// it, or it was left half-added.
    mutating func checkEverySet(_ rules: [PolicyRule], _ node: Node) {
        for timer in timers where !rules.contains(where: { $0.timers[timer.name].map { !$0.isNone } ?? false }) {
            problems.append(PolicyProblem(line: timer.line > 0 ? timer.line : node.mark?.line ?? 1,
                                          message: "no rule sets the timer '\(timer.name)', so no call would ever have it; give a rule \(timer.name): SPAN, or remove it from 'timers'"))
        }
    }

    /// "a, b or c".
    static func list(_ words: [String]) -> String {
        words.count < 2 ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words.last!
    }
}
