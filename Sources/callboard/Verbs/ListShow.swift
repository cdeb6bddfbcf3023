import ArgumentParser
import CallboardCore
import CallboardStore
import CallboardTUI

struct ListVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List open calls, most urgent first, with their promise timers.")

    @Flag(help: "Include closed calls.") var all = false
    @Option(help: ArgumentHelp("Only the calls matching the console's filter: words (Chinese too), state:closed, tech:T03, level:1, region:R.",
                               valueName: "TEXT")) var filter: String?
    @OptionGroup var output: JSONFlag
    @OptionGroup var written: FormatOptions
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var desk: DeskOptions

    func run() throws {
        let (format, encoding) = try written.chosen(json: output.json)
        let runtime = try Runtime(self.desk, asOf: asOf)
        try runtime.requireJournal()
        // The console's filter, in the run's language and the policy's words (状态:已结单, region:市区).
        let regions = QueueFilter.aliases(of: runtime.policy.vocabulary)
        let filter = QueueFilter(filter ?? "", aliases: Speech.strings.filterAliases.merging(regions) { mine, _ in mine })
        if let unknown = filter.unknownStates.first {
            let s = Speech.strings
            let statuses = CallStatus.allCases.map { s.language == "en" ? $0.rawValue.replacingOccurrences(of: "_", with: "-") : s(.status($0)) }
                .joined(separator: s(.listSeparator))
            throw CommandFailure(CommandText.filterUnknownState(["state": .text(DisplayText.sanitized(unknown)), "statuses": .text(statuses)]), status: 64)
        }
        // A filter asking for closed or cancelled calls looks at every call, as --all does.
        try list(all: all || filter.asksForClosed, filter: filter, format: format, encoding: encoding, runtime)
    }

    private func list(all: Bool, filter: QueueFilter, format: FormatOptions.Format, encoding: OutputEncoding, _ runtime: Runtime) throws {
        let now = runtime.clock.now()
        let timekeeper = Timekeeper()
        // The desk's current policy's timers, as the console shows them.
        let timerColumns = TimerColumns(policy: runtime.policy, strings: Speech.strings)
        let columns = QueuePresenter.columns(wideTimers: true, timers: timerColumns, strings: Speech.strings)
        let layout = Table.layout(columns, total: runtime.outputWidth)
        func row(_ call: ServiceCall, _ state: DeskState) -> String {
            switch format {
            case .json: return CallReport.jsonObject(listing: call, state: state, timekeeper: timekeeper, now: now, zone: runtime.zone)
            case .csv:
                return CSVOutput.text([CallCSV.row(call, timers: timekeeper.timers(for: call, in: state, at: now), columns: timerColumns.names,
                                                   zone: CallReport.zone(of: call, in: state, fallback: runtime.zone), strings: Speech.strings)])
            case .text: break
            }
            let row = QueuePresenter.row(call, timers: timekeeper.timers(for: call, in: state, at: now), timerColumns: timerColumns, wideTimers: true,
                                         strings: Speech.strings)
            return TextTable.render(Table.line(row.cells, columns: columns, layout: layout))
        }
        // Every call ever: the journal read from its start, each old closed call listed as it
        // retires (memory holds the listing, not the calls), then the live desk.
        func matches(_ call: ServiceCall, _ state: DeskState) -> Bool {
            filter.isEmpty || filter.matches(call, in: state, timers: timekeeper.timers(for: call, in: state, at: now))
        }
        var retired: [Int: String] = [:]
        let desk = all ? try JournalDesk(log: runtime.log, fromSnapshot: false, snapshots: .never) { call, state in
            retired[call.id.number] = matches(call, state) ? row(call, state) : nil
        } : try runtime.openDesk()
        if all { try runtime.requireHistory(desk) }
        let order = all ? Urgency.order(desk.state.calls.values, in: desk.state, timekeeper: timekeeper, at: now)
            : Urgency.order(desk.state.openCalls, in: desk.state, timekeeper: timekeeper, at: now)
        for id in order { retired[id.number] = nil }
        let rows = order.compactMap { id in desk.state.calls[id].flatMap { matches($0, desk.state) ? row($0, desk.state) : nil } }
            + retired.keys.sorted().map { retired[$0]! }
        switch format {
        case .json: FormatOptions.write(CallReport.jsonArray(rows) + "\n", in: encoding)
        case .csv: FormatOptions.write(CSVOutput.text([CallCSV.header(timerColumns.names, policy: runtime.policy, strings: Speech.strings)]) + rows.joined(), in: encoding)
        // With --as-of, a heading line says it is the desk as it stood then.
        case .text:
            let heading: [String] = runtime.asOfHeading.map { [$0] } ?? []
            FormatOptions.write((heading + [TextTable.render(Table.header(columns, layout: layout))] + rows).map { $0 + "\n" }.joined(), in: encoding)
        }
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one call: every field, each timer and its deadline, and its history.")

    @Argument(help: "The call, e.g. C-0007.") var call: String
    @OptionGroup var output: JSONFlag
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var desk: DeskOptions

    func run() throws {
        let id = try CallID.parse(call)
        let runtime = try Runtime(self.desk, asOf: asOf)
        try runtime.requireJournal()
        // Only this call is read (from the snapshot, or from the journal if it retired).
        let desk = try runtime.openDesk(scope: .calls([id], units: true))
        try desk.load([id])
        guard let found = desk.state.calls[id] else {
            // With --as-of, a call recorded later was not yet on the desk: not "no call".
            if let later = try runtime.recordedLater(id) { throw later }
            throw DeskError.noSuchCall(id)
        }
        // The calls intake found related, to say where they stand now.
        try desk.load(found.intake.related.map(\.call))
        let now = runtime.clock.now()
        if output.json {
            print(CallReport.json(call: found, state: desk.state, timekeeper: Timekeeper(), now: now, zone: runtime.zone))
        } else {
            if let heading = runtime.asOfHeading { print(heading) }
            print(CallReport.text(call: found, state: desk.state, timekeeper: Timekeeper(), now: now, zone: runtime.zone, strings: Speech.strings))
        }
    }
}
