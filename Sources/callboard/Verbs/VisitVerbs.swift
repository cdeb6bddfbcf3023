import ArgumentParser
import CallboardCore
import CallboardTUI

/// `visits`: the warranty's scheduled visits due, soonest first.
struct VisitsVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visits",
        abstract: "List the scheduled visits to units in warranty: when each is next due (overdue ones first).")

    @Option(help: ArgumentHelp("Only visits due within this span from today, overdue ones included, e.g. 30d (default: every unit's next).", valueName: "span"))
    var dueWithin: String?
    @OptionGroup var output: JSONFlag
    @OptionGroup var desk: DeskOptions

    func run() throws {
        let runtime = try Runtime(self.desk)
        try runtime.requireJournal()
        let within = try dueWithin.map { text throws -> Int in
            guard let seconds = DurationText.seconds(TextRules.halfWidth(text)), seconds >= 0 else {
                throw ValidationError(Speech[CommandText.badDueWithin(["text": .text(Printable.quoted(text))])])
            }
            return seconds
        }
        let journal = try runtime.openDesk(scope: .calls([]))
        let today = LocalDate(runtime.clock.now(), in: runtime.zone)
        let due = journal.state.dueVisits(today: today, through: within.map { today.adding(days: $0 / 86_400) })
        if output.json {
            print(VisitPresenter.json(due, today: today))
            return
        }
        if due.isEmpty {
            print(Speech.strings(.noVisitsDue))
            return
        }
        let columns = VisitPresenter.columns(strings: Speech.strings)
        let layout = Table.layout(columns, total: runtime.outputWidth)
        print(TextTable.render(Table.header(columns, layout: layout)))
        for cells in VisitPresenter.rows(due, today: today, strings: Speech.strings) {
            print(TextTable.render(Table.line(cells, columns: columns, layout: layout)))
        }
    }
}

/// `visit SERIAL`: a scheduled visit was made; the next falls due a policy's period later.
struct VisitVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visit",
        abstract: "Record a scheduled service visit to a unit; the next is due a policy's period later.")

    @Argument(help: "The unit's serial number.") var serial: String
    @Option(help: "The day of the visit, YYYY-MM-DD (default: today).") var on: String?
    @Option(help: "What was done.") var note: String?
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions

    func run() throws {
        try CustomerVerb.record(.recordVisit(VisitDraft(serial: serial, on: on, note: note)), desk: desk, at: when)
    }
}
