import ArgumentParser
import CallboardCore
import CallboardStore
import CallboardTUI
import Foundation

/// `report`: what became of the calls received in some days and of their promises, per group
/// and in total. The figures are the core's (DeskReport); every call the journal holds counts,
/// the old closed ones it retired included, read as `list --all` reads them.
struct ReportVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report the calls received in some days: counts, and per timer met, missed, running, met % and p50/p90 of the time taken.",
        discussion: """
            A call counts in the period it was received (days of the desk's time zone, weeks from Monday). Default: \
            --period this-month. Percentiles are by nearest rank (see README). --policy FILE: what if: the same calls \
            timed under that policy too, and per group and timer the breaches gained and lost. --as-of TIME: the desk \
            as it stood then, read-only.
            """)

    @Option(help: ArgumentHelp("The first day, e.g. 2026-11-01 (with --to).", valueName: "date")) var from: String?
    @Option(help: ArgumentHelp("The last day, included (with --from).", valueName: "date")) var to: String?
    @Option(help: ArgumentHelp("today, yesterday, this-week, last-week, this-month or last-month.", valueName: "period"),
            completion: .list(ReportPeriod.allCases.map(\.rawValue))) var period: String?
    @Option(help: ArgumentHelp("Group by level, region, technician, customer, tier, kind or cause.", valueName: "what"),
            completion: .list(ReportGrouping.names)) var by: String?
    @OptionGroup var output: FormatOptions
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var desk: DeskOptions

    func run() throws {
        let (format, encoding) = try output.chosen()
        // What if: `--policy FILE` is the policy to time the same calls under as well; the desk
        // itself (its days, its timers) stays as its journal and CALLBOARD_POLICY say.
        var options = desk
        let whatIfPath = options.policy
        options.policy = nil
        let whatIf = try whatIfPath.map { try (path: $0, policy: Runtime.loadPolicy($0, from: CommandText.policyFromFlag())) }
        let grouping = try by.map { text throws -> ReportGrouping in
            guard let grouping = ReportGrouping(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw CommandFailure(CommandText.reportUnknownGrouping(["text": .text(Printable.quoted(text)),
                                                                        "groupings": .text(ReportGrouping.names.joined(separator: ", "))]), status: 64)
            }
            return grouping
        }
        let runtime = try Runtime(options, asOf: asOf)
        let now = runtime.clock.now()
        let days = try self.days(now: now, zone: runtime.zone)
        try runtime.requireJournal()
        let report = try Self.report(days: days, by: grouping, runtime: runtime, now: now, whatIf: whatIf?.policy)
        var context = ReportPresenter.Context(strings: Speech.strings, policy: report.policy, customerNames: report.customerNames, now: now,
                                              zone: runtime.zone)
        context.whatIf = whatIf.map { ReportPresenter.WhatIf(path: $0.path, policy: $0.policy) }
        let text = switch format {
        case .json: ReportPresenter.json(report.report, context) + "\n"
        case .csv: CSVOutput.text(ReportPresenter.csvRows(report.report, context))
        case .text: ReportPresenter.text(report.report, context) + "\n"
        }
        FormatOptions.write(text, in: encoding)
    }

    /// The days asked for: `--period`, or `--from` and `--to`, or this month.
    func days(now: Date, zone: TimeZone) throws -> ClosedRange<LocalDate> {
        if let period {
            guard from == nil, to == nil else { throw CommandFailure(CommandText.reportPeriodAndDays(), status: 64) }
            guard let known = ReportPeriod(rawValue: period.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw CommandFailure(CommandText.reportUnknownPeriod(["text": .text(Printable.quoted(period)),
                                                                      "periods": .text(ReportPeriod.names.joined(separator: ", "))]), status: 64)
            }
            return known.days(at: now, in: zone)
        }
        guard let from, let to else {
            if from == nil, to == nil { return ReportPeriod.thisMonth.days(at: now, in: zone) }
            throw CommandFailure(CommandText.reportFromAndTo(), status: 64)
        }
        func date(_ text: String, _ flag: String) throws -> LocalDate {
            // Full-width digits from a Chinese input method are ordinary ones.
            guard let date = LocalDate(TextRules.halfWidth(text)) else {
                throw CommandFailure(CommandText.reportBadDate(["flag": .text(flag), "text": .text(Printable.quoted(text))]), status: 64)
            }
            return date
        }
        let first = try date(from, "--from"), last = try date(to, "--to")
        guard first <= last else {
            throw CommandFailure(CommandText.reportFromAfterTo(["from": .text(first.description), "to": .text(last.description)]), status: 64)
        }
        return first...last
    }

    /// The report over every call the journal holds, the old closed ones it retired included
    /// (JournalReport, which the console's report screen reads through too). `whatIf`: another
    /// policy to time every call under as well (`report --policy`).
    static func report(days: ClosedRange<LocalDate>, by grouping: ReportGrouping?, runtime: Runtime, now: Date, whatIf: SLAPolicy? = nil) throws
        -> (report: DeskReport, policy: SLAPolicy, customerNames: [String: String]) {
        let (entries, desk) = try JournalReport.read(runtime.log, days: days, zone: runtime.zone, at: now, whatIf: whatIf)
        try runtime.requireHistory()
        // The desk's current policy names the timers and orders them (as the board does).
        let policy = desk.currentPolicy ?? runtime.policy
        let report = DeskReport(entries, days: days, by: grouping, order: policy.timers.map(\.name), whatIfOrder: whatIf.map { $0.timers.map(\.name) })
        var names: [String: String] = [:]
        if grouping == .customer {
            for group in report.groups {
                if let key = group.key, let id = CustomerID(key), let customer = desk.customers[id] { names[key] = customer.name }
            }
        }
        return (report, policy, names)
    }
}
