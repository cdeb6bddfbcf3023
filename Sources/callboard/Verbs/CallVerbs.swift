import ArgumentParser
import CallboardCore
import CallboardStore
import CallboardTUI

/// The verbs that move a call along: each names a call, may say when it happened, and prints
/// what was recorded.
protocol CallVerb: ParsableCommand {
    var call: String { get }
    var when: AtOption { get }
    var journal: JournalOption { get }
    func command(_ id: CallID) throws -> Command
}

extension CallVerb {
    func run() throws {
        let id = try CallID.parse(call)
        let runtime = Runtime()
        let (event, desk) = try runtime.perform(try command(id), journal: journal, at: when)
        let text = EventDescription.text(event.change, state: desk.state)
        print(DisplayText.sanitized("\(id) \(text) at \(TimeText.dateTime(event.occurredAt, in: runtime.zone))"))
    }
}

struct Assign: CallVerb {
    static let configuration = CommandConfiguration(abstract: "Give a call to a technician.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @Argument(help: "The technician, e.g. T03.") var technician: String
    @Flag(help: "Take the call from the technician who has it now.") var reassign = false
    @OptionGroup var when: AtOption
    @OptionGroup var journal: JournalOption
    func command(_ id: CallID) throws -> Command { .assign(id, try TechnicianID.parse(technician), reassign: reassign) }
}

struct Respond: CallVerb {
    static let configuration = CommandConfiguration(abstract: "Record that the customer was called back with a diagnosis or plan.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @OptionGroup var when: AtOption
    @OptionGroup var journal: JournalOption
    func command(_ id: CallID) throws -> Command { .respond(id) }
}

struct Depart: CallVerb {
    static let configuration = CommandConfiguration(abstract: "Record that the assigned technician set off for the site.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @OptionGroup var when: AtOption
    @OptionGroup var journal: JournalOption
    func command(_ id: CallID) throws -> Command { .depart(id) }
}

struct Arrive: CallVerb {
    static let configuration = CommandConfiguration(abstract: "Record that the assigned technician is on site.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @OptionGroup var when: AtOption
    @OptionGroup var journal: JournalOption
    func command(_ id: CallID) throws -> Command { .arrive(id) }
}

struct Resolve: CallVerb {
    static let configuration = CommandConfiguration(abstract: "Record that the fault is fixed.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @OptionGroup var when: AtOption
    @OptionGroup var journal: JournalOption
    func command(_ id: CallID) throws -> Command { .resolve(id) }
}

struct Close: CallVerb {
    static let configuration = CommandConfiguration(abstract: "Close a resolved call once the customer has confirmed.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @OptionGroup var when: AtOption
    @OptionGroup var journal: JournalOption
    func command(_ id: CallID) throws -> Command { .close(id) }
}

struct Note: CallVerb {
    static let configuration = CommandConfiguration(abstract: "Add a note to a call's history.")
    @Argument(help: "The call, e.g. C-0007.") var call: String
    @Argument(help: "The note.") var text: String
    @OptionGroup var when: AtOption
    @OptionGroup var journal: JournalOption
    func command(_ id: CallID) throws -> Command { .note(id, text) }
}
