import ArgumentParser
import CallboardCore
import CallboardTUI

struct ListVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List open calls, most urgent first, with their promise timers.")

    @Flag(help: "Include closed calls.") var all = false
    @OptionGroup var output: JSONFlag
    @OptionGroup var desk: DeskOptions

    func run() throws {
        let runtime = try Runtime(self.desk)
        try runtime.requireJournal()
        let desk = try runtime.openDesk()
        let now = runtime.clock.now()
        let timekeeper = Timekeeper()
        let calls = all ? Array(desk.state.calls.values) : desk.state.openCalls
        let sorted = Urgency.sorted(calls, in: desk.state, timekeeper: timekeeper, at: now)
        if output.json {
            print(CallReport.json(calls: sorted, state: desk.state, timekeeper: timekeeper, now: now, zone: runtime.zone))
            return
        }
        // The desk's current policy's timers, as the console shows them.
        let timerColumns = TimerColumns(policy: runtime.policy, strings: Speech.strings)
        let columns = QueuePresenter.columns(wideTimers: true, timers: timerColumns, strings: Speech.strings)
        let layout = Table.layout(columns, total: runtime.outputWidth)
        print(TextTable.render(Table.header(columns, layout: layout)))
        for call in sorted {
            let row = QueuePresenter.row(call, timers: timekeeper.timers(for: call, in: desk.state, at: now), timerColumns: timerColumns, wideTimers: true, strings: Speech.strings)
            print(TextTable.render(Table.line(row.cells, columns: columns, layout: layout)))
        }
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one call: every field, each timer and its deadline, and its history.")

    @Argument(help: "The call, e.g. C-0007.") var call: String
    @OptionGroup var output: JSONFlag
    @OptionGroup var desk: DeskOptions

    func run() throws {
        let id = try CallID.parse(call)
        let runtime = try Runtime(self.desk)
        try runtime.requireJournal()
        let desk = try runtime.openDesk()
        guard let found = desk.state.calls[id] else { throw DeskError.noSuchCall(id) }
        let now = runtime.clock.now()
        if output.json {
            print(CallReport.json(call: found, state: desk.state, timekeeper: Timekeeper(), now: now, zone: runtime.zone))
        } else {
            print(CallReport.text(call: found, state: desk.state, timekeeper: Timekeeper(), now: now, zone: runtime.zone, strings: Speech.strings))
        }
    }
}
