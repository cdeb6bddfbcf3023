import ArgumentParser
import CallboardCore
import CallboardStore
import CallboardTUI

/// The verbs that move a call along: each names a call, may say when it happened, and prints
/// what was recorded.
protocol CallVerb: ParsableCommand {
    var call: String { get }
    var when: AtOption { get }
    var desk: DeskOptions { get }
    func command(_ id: CallID) throws -> Command
}

extension CallVerb {
    func run() throws {
        let id = try CallID.parse(call)
        let runtime = try Runtime(desk)
        let (event, desk) = try runtime.perform(try command(id), at: when)
        let text = EventDescription.text(event.change, state: desk.state, strings: Speech.strings)
        let line = CommandText.recorded(["call": "\(id)", "what": "\(text)", "time": "\(TimeText.dateTime(event.occurredAt, in: runtime.zone))"])
        print(DisplayText.sanitized(Speech[line]))
    }
}

struct Assign: CallVerb {
    static let configuration = CommandConfiguration(commandName: "assign", abstract: "Give a call to a technician.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @Argument(help: "The technician, e.g. T03.") var technician: String
    @Flag(help: "Take the call from the technician who has it now.") var reassign = false
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions
    func command(_ id: CallID) throws -> Command { .assign(id, try TechnicianID.parse(technician), reassign: reassign) }
}

struct Respond: CallVerb {
    static let configuration = CommandConfiguration(commandName: "respond", abstract: "Record that the customer was called back with a diagnosis or plan.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions
    func command(_ id: CallID) throws -> Command { .respond(id) }
}

struct Depart: CallVerb {
    static let configuration = CommandConfiguration(commandName: "depart", abstract: "Record that the assigned technician set off for the site.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions
    func command(_ id: CallID) throws -> Command { .depart(id) }
}

struct Arrive: CallVerb {
    static let configuration = CommandConfiguration(commandName: "arrive", abstract: "Record that the assigned technician is on site.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions
    func command(_ id: CallID) throws -> Command { .arrive(id) }
}

struct Resolve: CallVerb {
    static let configuration = CommandConfiguration(commandName: "resolve", abstract: "Record that the fault is fixed, and what fixed it.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @Option(help: ArgumentHelp("The cause: a code of the policy's causes (hardware, software, misuse, wear, environment, installation, unknown when it lists none), or its label (硬件故障).",
                               valueName: "CODE")) var cause: String?
    @Option(help: ArgumentHelp("What was done, in words.", valueName: "TEXT")) var fix: String?
    @Option(help: ArgumentHelp("The parts used: \"滤芯×2, 密封圈\" (x, X, × or * before a count; 1 when not given).", valueName: "PART×N,…"))
    var parts: String?
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions
    func command(_ id: CallID) throws -> Command {
        .resolve(id, ResolutionDraft(cause: cause.map { Self.code(of: $0) }, fix: fix, parts: parts))
    }

    /// A built-in cause typed as its words in the run's language (硬件故障) or in English, as its
    /// code (a policy's own labels the desk reads itself).
    static func code(of typed: String) -> String {
        let word = typed.trimmingCharacters(in: .whitespaces).lowercased()
        // Chinese too in an English run: a desk types the words it reads on its forms.
        let chinese = Speech.strings.language == "zh" ? nil : try? UIStrings.load("zh")
        for cause in CauseDefinition.builtIn {
            guard let message = CauseDefinition.builtInLabel(cause.code) else { continue }
            let said = [Speech[message], message.description, chinese?[message] ?? ""].map { $0.lowercased() }
            if said.contains(word) { return cause.code }
        }
        return typed
    }
}

struct Close: CallVerb {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a resolved call once the customer has confirmed.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions
    func command(_ id: CallID) throws -> Command { .close(id) }
}

struct Note: CallVerb {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a note to a call's history.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    // Words, so that an unquoted note (note C-0007 请带 硬盘) is the note it looks like; every
    // word that is not one of the verb's own options, so `-1 度` is part of it too.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp(
        "The note (the words after the call, quoted or not).",
        discussion: "Every word that is not one of this verb's options is part of the note, -1 and -x too; after --, every word is."))
    var text: [String]
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions

    /// The options this verb takes, by name: a near miss of one is a slip, not words of a note.
    static let optionNames = ["at", "journal", "policy", "desk", "lang", "help"]

    /// The note's words: the first `--` (which ArgumentParser passes on with the rest) only
    /// says that what follows is the note's, whatever it looks like.
    var words: [String] {
        guard let terminator = text.firstIndex(of: "--") else { return text }
        return Array(text[..<terminator] + text[(terminator + 1)...])
    }

    func validate() throws {
        // `--jornal X` would otherwise become words of the note on the default journal's call.
        for word in text.prefix(while: { $0 != "--" }) where word.hasPrefix("--") {
            let name = String(word.dropFirst(2).prefix { $0 != "=" }).lowercased()
            if let meant = Self.optionNames.first(where: { NearMiss.isNearMiss(name, of: $0) }) {
                throw ValidationError(Speech[CommandText.noteOptionSlip(["word": .text(Printable.quoted(word)), "option": "--\(meant)"])])
            }
        }
    }

    func command(_ id: CallID) throws -> Command { .note(id, words.joined(separator: " ")) }
}

struct Pause: CallVerb {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Stop a call's timers while it waits for the customer or for parts.",
        discussion: "Paused time does not count and the deadlines move. The engineer setting off, arriving or fixing it ends the pause, as does resume.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @Option(help: "Required. What the call is waiting for.") var reason: String?
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions
    func command(_ id: CallID) throws -> Command { .pause(id, reason: reason ?? "") }
}

struct Resume: CallVerb {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Start a paused call's timers again.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions
    func command(_ id: CallID) throws -> Command { .resume(id) }
}

struct Relevel: CallVerb {
    static let configuration = CommandConfiguration(
        commandName: "relevel",
        abstract: "Change a call's fault level.",
        discussion: "The targets are recomputed from the original intake time under the call's own policy.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @Argument(help: ArgumentHelp("The new level: \(FaultLevel.choices).")) var level: String
    @Option(help: "Required. Why the level changed.") var reason: String?
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions
    func command(_ id: CallID) throws -> Command { .relevel(id, level: level, reason: reason ?? "") }
}

struct Retime: CallVerb {
    static let configuration = CommandConfiguration(
        commandName: "retime",
        abstract: "Time an open call under the desk's current policy.",
        discussion: "A changed policy applies only to calls received after it; this moves one open call onto it, on the record.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @Option(help: "Required. Why the call is retimed.") var reason: String?
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions
    func command(_ id: CallID) throws -> Command { .retime(id, reason: reason ?? "") }
}
