import ArgumentParser
import CallboardCore
import CallboardTUI

struct TechVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tech",
        abstract: "Manage the technician roster.",
        subcommands: [Add.self, Edit.self, Leave.self, Rota.self, Retire.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a technician to the roster.")

        @Argument(help: "A short ID, e.g. T03.") var id: String
        @Option(help: "Required. The technician's name.") var name: String?
        @Option(help: "The region they cover, e.g. city.") var region: String?
        @Option(help: "Comma-separated skills, e.g. printer,network.") var skills: String?
        @Option(help: "day, night or oncall (default day).") var shift: String?
        @Option(help: "Their phone number.") var phone: String?
        @OptionGroup var when: AtOption
        @OptionGroup var desk: DeskOptions

        func run() throws {
            let draft = TechnicianDraft(id: id, name: name, region: region, skills: skills, shift: shift, phone: phone)
            let (event, desk) = try Runtime(self.desk).perform(.addTechnician(draft), at: when)
            print(DisplayText.sanitized(EventDescription.text(event.change, state: desk.state, strings: Speech.strings)))
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", abstract: "Change a technician's record.",
            discussion: "Only the options given change; an empty --region, --skills or --phone clears it.")

        @Argument(help: "The technician's ID, e.g. T03.") var id: String
        @Option(help: "The technician's name.") var name: String?
        @Option(help: "The region they cover, e.g. city.") var region: String?
        @Option(help: "Comma-separated skills, e.g. printer,network.") var skills: String?
        @Option(help: "day, night or oncall.") var shift: String?
        @Option(help: "Their phone number.") var phone: String?
        @OptionGroup var when: AtOption
        @OptionGroup var desk: DeskOptions

        func run() throws {
            let draft = TechnicianDraft(id: id, name: name, region: region, skills: skills, shift: shift, phone: phone)
            try TechVerb.record(.editTechnician(draft), desk: desk, at: when)
        }
    }

    struct Leave: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "leave", abstract: "Record a technician's leave: not ranked or offered calls those days.",
            discussion: "Dates are the desk's (the policy's time zone), both days included.")

        @Argument(help: "The technician's ID, e.g. T03.") var id: String
        @Option(help: "The first day of leave, e.g. 2026-12-01.") var from: String?
        @Option(help: "The last day of leave, e.g. 2026-12-07.") var to: String?
        @OptionGroup var when: AtOption
        @OptionGroup var desk: DeskOptions

        func run() throws {
            try TechVerb.record(.leave(try TechnicianID.parse(id), DateSpanDraft(from: from, to: to)), desk: desk, at: when)
        }
    }

    struct Rota: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rota", abstract: "Put a technician on a shift for some days (who is on call which week).",
            discussion: "On those days the rota's shift replaces their standing one for duty, ranking and automatic dispatch. Dates are the desk's, both days included; a later entry for the same day wins.")

        @Argument(help: "The technician's ID, e.g. T03.") var id: String
        @Option(help: "The first day, e.g. 2026-12-07.") var from: String?
        @Option(help: "The last day, e.g. 2026-12-13.") var to: String?
        @Option(help: "day, night or oncall.") var shift: String
        @OptionGroup var when: AtOption
        @OptionGroup var desk: DeskOptions

        func run() throws {
            try TechVerb.record(.rota(try TechnicianID.parse(id), DateSpanDraft(from: from, to: to), shift: shift), desk: desk, at: when)
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retire", abstract: "Take a technician off the live roster; their history is kept.")

        @Argument(help: "The technician's ID, e.g. T03.") var id: String
        @OptionGroup var when: AtOption
        @OptionGroup var desk: DeskOptions

        func run() throws {
            try TechVerb.record(.retireTechnician(try TechnicianID.parse(id)), desk: desk, at: when)
        }
    }

    /// Records a roster change and prints what it did, in the run's language.
    static func record(_ command: Command, desk options: DeskOptions, at when: AtOption) throws {
        let (event, desk) = try Runtime(options).perform(command, at: when)
        print(DisplayText.sanitized(EventDescription.text(event.change, state: desk.state, strings: Speech.strings)))
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the roster with what each technician is doing.")

        @Flag(name: .long, help: "Include retired technicians.") var all = false
        @OptionGroup var output: JSONFlag
        @OptionGroup var desk: DeskOptions

        func run() throws {
            let runtime = try Runtime(self.desk)
            try runtime.requireJournal()
            let desk = try runtime.openDesk()
            let now = runtime.clock.now()
            if output.json {
                print(RosterPresenter.json(desk.state, now: now, zone: runtime.zone, all: all))
                return
            }
            let columns = RosterPresenter.columns(strings: Speech.strings)
            let layout = Table.layout(columns, total: runtime.outputWidth)
            print(TextTable.render(Table.header(columns, layout: layout)))
            for cells in RosterPresenter.rows(desk.state, now: now, zone: runtime.zone, strings: Speech.strings, all: all) {
                print(TextTable.render(Table.line(cells, columns: columns, layout: layout)))
            }
        }
    }
}
