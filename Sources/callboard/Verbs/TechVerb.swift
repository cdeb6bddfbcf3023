import ArgumentParser
import CallboardCore
import CallboardTUI

struct TechVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tech",
        abstract: "Manage the technician roster.",
        subcommands: [Add.self, List.self])

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

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the roster with what each technician is doing.")

        @OptionGroup var output: JSONFlag
        @OptionGroup var desk: DeskOptions

        func run() throws {
            let runtime = try Runtime(self.desk)
            try runtime.requireJournal()
            let desk = try runtime.openDesk()
            let now = runtime.clock.now()
            if output.json {
                print(RosterPresenter.json(desk.state, now: now, zone: runtime.zone))
                return
            }
            let columns = RosterPresenter.columns(strings: Speech.strings)
            let layout = Table.layout(columns, total: runtime.outputWidth)
            print(TextTable.render(Table.header(columns, layout: layout)))
            for cells in RosterPresenter.rows(desk.state, now: now, zone: runtime.zone, strings: Speech.strings) {
                print(TextTable.render(Table.line(cells, columns: columns, layout: layout)))
            }
        }
    }
}
