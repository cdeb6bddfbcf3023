import ArgumentParser

struct Callboard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callboard",
        abstract: "A full-screen dispatch console for after-sales service hotlines.",
        discussion: """
        Calls, technicians and every change to them are kept in a journal file shared by all \
        consoles and commands on this host. With no verb, callboard opens the console.
        """,
        version: CallboardVersion.current,
        subcommands: [
            ConsoleVerb.self, DemoVerb.self, Intake.self, TechVerb.self, CustomerVerb.self, ImportVerb.self, VisitsVerb.self, VisitVerb.self,
            Assign.self, Respond.self, Depart.self, Arrive.self, Resolve.self, Close.self, Note.self,
            Pause.self, Resume.self, Relevel.self, Retime.self,
            Ack.self, Accept.self, FollowUpVerb.self, Cancel.self, Reopen.self, ReplaceUnit.self,
            ListVerb.self, Show.self, ReportVerb.self, KnowledgeVerb.self, BoardVerb.self, WatchVerb.self, PolicyVerb.self, JournalVerb.self, DoctorVerb.self,
        ],
        defaultSubcommand: ConsoleVerb.self
    )
}

extension Callboard {
    /// Every verb as typed, with the verbs of each group ("journal verify"), for Tab on the
    /// console's `:` line.
    static var verbPaths: [String] {
        configuration.subcommands.flatMap { command -> [String] in
            let name = command._commandName
            let inner = command.configuration.subcommands.map { "\(name) \($0._commandName)" }
            return inner.isEmpty ? [name] : inner
        }
    }
}
