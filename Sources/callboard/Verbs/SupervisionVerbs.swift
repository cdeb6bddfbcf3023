import ArgumentParser
import CallboardCore

/// Verbs of supervisors and the night shift: taking charge of escalations, accepting a call
/// (offered by automatic dispatch, or assigned under a policy asking for acceptance), withdrawing and reopening calls, recording a replacement.
struct Ack: CallVerb {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Take charge of a call's escalations (they stop alerting again); recorded with your name.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions
    func command(_ id: CallID) throws -> Command { .acknowledge(id) }
}

struct Accept: CallVerb {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Accept a call: an offer automatic dispatch made you (before it lapses), or the job you were assigned when the policy asks engineers to accept (accept:).",
        discussion: "A dispatcher may record it for the engineer (who said so on the phone); an engineer accepts only their own.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @Option(help: "The technician accepting, e.g. T09 (default: the one asked, or the one assigned).") var tech: String?
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions
    func command(_ id: CallID) throws -> Command { .accept(id, try tech.map { text throws(DeskError) in try TechnicianID.parse(text) }) }
}

/// The follow-up call after a fix (回访): the customer's score, or a call that did not reach them.
struct FollowUpVerb: CallVerb {
    static let configuration = CommandConfiguration(
        commandName: "followup",
        abstract: "Record the follow-up call after a fix (回访): the customer's satisfaction score (1-5), or --unreachable.",
        discussion: """
            A score at or below the policy's threshold (2 unless followup: says) reopens the call (the engineer goes back) and tells \
            the supervisor. --unreachable counts a call that did not reach the customer; the policy's attempts (3) end the follow-up.
            """)
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @Option(help: ArgumentHelp("The customer's satisfaction, 1 (very dissatisfied) to 5 (very satisfied).", valueName: "1-5")) var score: String?
    @Option(help: ArgumentHelp("What the customer said, with the score.", valueName: "TEXT")) var comment: String?
    @Flag(help: "The call did not reach the customer: one attempt.") var unreachable = false
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions
    func command(_ id: CallID) throws -> Command {
        guard unreachable != (score != nil) else { throw DeskError(.invalidInput, field: .score, DeskText.followUpNeedsScore()) }
        guard let score else { return .followUp(id, score: nil, comment: comment) }
        let digits = score.trimmingCharacters(in: .whitespaces)
        guard let number = Int(digits), (1...5).contains(number) else {
            throw DeskError(.invalidInput, field: .score, DeskText.followUpScoreRange(["text": .text(Printable.quoted(score, limit: 20))]))
        }
        return .followUp(id, score: number, comment: comment)
    }
}

struct Cancel: CallVerb {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Withdraw a call (supervisors); it leaves the queue.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @Option(help: "Required. Why, e.g. \"customer fixed it themselves\".") var reason = ""
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions
    func command(_ id: CallID) throws -> Command { .cancel(id, reason: reason) }
}

struct Reopen: CallVerb {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Open a closed, resolved or cancelled call again (supervisors).")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @Option(help: "Required. Why, e.g. \"fault came back the same day\".") var reason = ""
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions
    func command(_ id: CallID) throws -> Command { .reopen(id, reason: reason) }
}

struct ReplaceUnit: CallVerb {
    static let configuration = CommandConfiguration(
        commandName: "replace",
        abstract: "Record that the customer's unit was replaced on this call (its warranty starts again).")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions
    func command(_ id: CallID) throws -> Command { .replaceUnit(id) }
}
