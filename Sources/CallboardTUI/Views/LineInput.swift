import CallboardCore

/// A line typed in the footer: the queue's filter (`/`, applied as it is typed; Enter keeps it,
/// Esc clears it) or a command line (`:`, the command-line tool's verbs and flags; ↑ ↓ recall
/// earlier ones, Tab completes verbs, call IDs and technician IDs).
public struct LineInput: ConsoleView {
    public enum Kind: Equatable, Sendable { case filter, command }

    public var kind: Kind
    public var field: TextField
    /// Which earlier command line ↑ brought back (an index into the history; nil: the one typed).
    public var recalled: Int?
    /// What was being typed before ↑.
    var typed = ""
    /// What Tab could complete the word to, when it was more than one thing.
    public var candidates: [String] = []

    public init(_ kind: Kind, text: String = "") {
        self.kind = kind
        field = TextField(text)
    }

    public static let filterTable = KeyTable([
        KeyBinding([.enter], "Enter", .save, .keyKeepFilter, essential: true),
        KeyBinding([.escape], "Esc", .dismiss, .keyClearFilter, essential: true),
    ])
    public static let commandTable = KeyTable([
        KeyBinding([.enter], "Enter", .run, .keyRun, changesDesk: true, essential: true),
        KeyBinding([.escape], "Esc", .dismiss, .keyCancel, essential: true),
        KeyBinding([.up], "↑↓", .earlier, .keyHistory),
        KeyBinding([.down], "", .later, .keyHistory),
        KeyBinding([.tab], "Tab", .complete, .keyComplete),
    ])

    public func keys(_ state: ConsoleState) -> KeyTable { kind == .filter ? Self.filterTable : Self.commandTable }

    public func title(_ state: ConsoleState, _ env: ConsoleEnvironment) -> String { kind == .filter ? "/" : ":" }

    /// The line itself, for the footer; the cursor's column in it.
    public func draw(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int, height: Int) -> Drawing {
        let visible = field.visible(width: max(2, width - 2))
        return Drawing([Panel.clip([Span(kind == .filter ? "/" : ":", .key), Span(visible.text)], width: width)], cursor: (0, 1 + visible.cursorColumn))
    }

    public static func handle(_ binding: KeyBinding, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        guard let view = state.top(LineInput.self) else { return [] }
        switch (view.kind, binding.act) {
        case (.filter, .save):
            state.close()
            // A state it does not know filters every call away: say so, and what it takes.
            if let unknown = state.queue.filter.unknownStates.first {
                // As they can be typed: the words shown in this language, or the English keys.
                let statuses = CallStatus.allCases.map { env.strings.language == "en" ? $0.rawValue.replacingOccurrences(of: "_", with: "-")
                                                                                    : env.strings(.status($0)) }
                    .joined(separator: env.strings(.listSeparator))
                state.say(env.strings[.filterUnknownState, ["state": DisplayText.sanitized(unknown), "statuses": statuses]], error: true)
            }
        case (.filter, _):
            state.close()
            state.queue.filter = QueueFilter()
            state.queue.refresh(desk: state.desk, now: state.now, rows: state.layout.queueRows, env)
        case (.command, .run):
            state.close()
            return run(view.field.text, &state, env)
        case (.command, .earlier), (.command, .later):
            let history = state.commandHistory
            guard !history.isEmpty else { return [] }
            state.updateTop(LineInput.self) { input in
                if input.recalled == nil { input.typed = input.field.text }
                let index = (input.recalled ?? history.count) + (binding.act == .earlier ? -1 : 1)
                if index >= history.count {
                    input.recalled = nil
                    input.field = TextField(input.typed)
                } else {
                    input.recalled = max(0, index)
                    input.field = TextField(history[max(0, index)])
                }
            }
        case (.command, .complete):
            let calls = state.desk.calls.values.reversed().map(\.id.description)
            let technicians = state.desk.rosterOrder.map(\.rawValue)
            let completion = CommandCompletion.complete(view.field.text, cursor: view.field.cursor, verbs: env.verbs, calls: calls,
                                                        technicians: technicians)
            state.updateTop(LineInput.self) { input in
                input.field = TextField(completion.text, cursor: completion.cursor)
                input.candidates = completion.candidates
            }
            if completion.candidates.count > 1 {
                state.say(completion.candidates.prefix(12).joined(separator: "  ") + (completion.candidates.count > 12 ? "  …" : ""), error: false)
            }
        default:
            state.close()
        }
        return []
    }

    public static func type(_ key: Key, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        guard let view = state.top(LineInput.self) else { return [] }
        var field = view.field
        guard field.handle(key) else { return [] }
        state.updateTop(LineInput.self) { $0.field = field; $0.recalled = nil; $0.candidates = [] }
        if view.kind == .filter {
            // Applied as it is typed, in the console's language too (状态:超时).
            // The policy's words for regions (市区) as well.
            let regions = state.desk.currentPolicy.map { QueueFilter.aliases(of: $0.vocabulary) } ?? [:]
            state.queue.filter = QueueFilter(field.text, aliases: env.strings.filterAliases.merging(regions) { mine, _ in mine })
            state.queue.refresh(desk: state.desk, now: state.now, rows: state.layout.queueRows, env)
        }
        return []
    }

    /// The `:` line: the command-line tool itself runs the words against this journal; what it
    /// records reaches the screen by following the log, like anyone else's change.
    static func run(_ line: String, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        let words: [String]
        switch CommandLineWords.split(line) {
        case .failure(let problem):
            state.say(env.strings[.unclosedQuote, ["quote": String(problem.quote)]], error: true)
            return []
        case .success(let list):
            words = list
        }
        guard let verb = words.first else { return [] }
        if state.commandHistory.last != line { state.commandHistory.append(line) }
        // Verbs that take the screen or run until stopped belong in a shell of their own.
        if ["console", "demo", "watch"].contains(verb) || (verb == "board" && !words.contains("--print")) {
            state.say(env.strings[.commandInteractive, ["verb": verb]], error: true)
            return []
        }
        return [.runCommandLine(words)]
    }
}

/// Tab on the `:` line: the word before the cursor completed to a verb (or a verb's verb), a
/// call ID or a technician ID. One match completes it; several complete what they share and
/// are listed. What follows the cursor is kept as it was.
public enum CommandCompletion {
    /// The line completed, and where the cursor goes (after the completed word), with the
    /// choices when there were several; `cursor` counts characters.
    public static func complete(_ line: String, cursor: Int, verbs: [String], calls: [String],
                                technicians: [String]) -> (text: String, cursor: Int, candidates: [String]) {
        let characters = Array(line)
        let at = max(0, min(cursor, characters.count))
        let after = String(characters[at...])
        var (text, candidates) = complete(String(characters[..<at]), verbs: verbs, calls: calls, technicians: technicians)
        let end = text.count
        // A completed word ends in a space; the text after the cursor may bring its own.
        if text.hasSuffix(" "), after.hasPrefix(" ") { text.removeLast() }
        return (text + after, end, candidates)
    }

    /// The last word of `line` completed.
    static func complete(_ line: String, verbs: [String], calls: [String], technicians: [String]) -> (text: String, candidates: [String]) {
        var words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let partial = words.popLast() ?? ""
        let before = words.filter { !$0.isEmpty }
        let pool: [String]
        if before.isEmpty {
            pool = Array(Set(verbs.map { String($0.split(separator: " ").first ?? "") })).sorted()
        } else if before.count == 1, verbs.contains(where: { $0.hasPrefix(before[0] + " ") }) {
            pool = verbs.filter { $0.hasPrefix(before[0] + " ") }.map { String($0.dropFirst(before[0].count + 1)) }.sorted()
        } else if let first = partial.first, first == "T" || first == "t" {
            pool = technicians
        } else {
            // C-0007, c-7 and 7 all name a call: compare on the number's digits too.
            pool = calls
        }
        let lower = partial.lowercased()
        let matches = pool.filter { candidate in
            let c = candidate.lowercased()
            return c.hasPrefix(lower) || (c.hasPrefix("c-") && !lower.isEmpty && lower.allSatisfy(\.isNumber)
                                          && c.dropFirst(2).drop { $0 == "0" }.hasPrefix(lower))
        }
        guard !matches.isEmpty else { return (line, []) }
        let head = words.joined(separator: " ") + (words.isEmpty ? "" : " ")
        if matches.count == 1 { return (head + matches[0] + " ", []) }
        // A bare number is a call's number, as every verb reads it: 1 is C-0001 even where
        // C-0010 also starts with its digits; one no call has stays as typed.
        if lower.allSatisfy(\.isNumber), let number = Int(lower) {
            if let exact = matches.first(where: { CallID($0)?.number == number }) { return (head + exact + " ", []) }
            return (line, matches)
        }
        var shared = matches[0]
        for match in matches.dropFirst() {
            while !match.lowercased().hasPrefix(shared.lowercased()) { shared.removeLast() }
        }
        return (head + (shared.count > partial.count ? shared : partial), matches)
    }
}
