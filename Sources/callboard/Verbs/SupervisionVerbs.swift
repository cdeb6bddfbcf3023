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
