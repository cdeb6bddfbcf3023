import ArgumentParser
import CallboardCore
import CallboardResources
import CallboardTUI
import Foundation

struct PolicyVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check, explain and print the SLA policy: the promises as data.",
        subcommands: [Check.self, Explain.self, Show.self, Default.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a policy file and report every problem with its line.",
            discussion: "Exits 0 and summarises the policy when it is good; exits 64 listing each problem otherwise.")

        @Argument(help: "The policy file (YAML).") var file: String

        func run() throws {
            do {
                let policy = try PolicyParser.parse(Runtime.readPolicyFile(file))
                let calendars = policy.calendars.keys.sorted().joined(separator: ", ")
                let count = policy.rules.count == 1 ? "1 rule" : "\(policy.rules.count) rules"
                print(Printable.quoted("\(file): good. Time zone \(policy.zone.identifier), warning at \(Int((policy.warningShare * 100).rounded()))%, calendars \(calendars), \(count):", limit: 2000))
                for rule in policy.rules {
                    let timers = policy.timers.compactMap { timer in
                        rule.timers[timer.name].map { target in
                            "\(timer.name) " + (target.isNone ? "none" : PolicyReport.targetPhrase(target.seconds, policy.calendar(named: target.calendar)))
                        }
                    }
                    print(Printable.quoted("  line \(rule.line): \(rule.name) — \(rule.match.description): \(timers.joined(separator: ", "))", limit: 2000))
                }
                print(Printable.quoted(PolicyReport.timersSummary(policy), limit: 2000))
                let regions = Set(policy.rules.flatMap { $0.match.regions ?? [] }).sorted()
                if !regions.isEmpty {
                    // A mistyped region is valid YAML and a valid word: show them for a second look.
                    print(Printable.quoted("Regions named: \(regions.joined(separator: ", ")); at intake a region one slip away from these is refused, any other is timed as elsewhere.", limit: 2000))
                }
                let aliases = PolicyVocabulary.fields.compactMap { field in policy.vocabulary.aliasList(for: field).map { "\(field.rawValue) \($0)" } }
                if !aliases.isEmpty { print(Printable.quoted("Aliases: \(aliases.joined(separator: "; ")).", limit: 2000)) }
                if let holidays = HolidayNotice.summary(policy) { print(Printable.quoted(holidays, limit: 2000)) }
                if let warning = HolidayNotice.warning(policy, at: SystemClock().now()) { print(Printable.quoted("Warning: \(warning).", limit: 2000)) }
                let desk = policy.desk
                let shifts = Shift.allCases.map { "\($0.label) \(desk.shifts[$0] ?? "-")" }.joined(separator: ", ")
                print(Printable.quoted("Shifts: \(shifts).", limit: 2000))
                for step in desk.steps {
                    let timers = step.timers.isEmpty ? "any timer" : step.timers.map(\.rawValue).joined(separator: ", ")
                    print(Printable.quoted("Escalation '\(step.name)': at \(step.state == .warning ? "warning" : "breach")\(step.after > 0 ? " + " + DurationText.span(step.after) : "") of \(timers), notify \(step.notify).", limit: 2000))
                }
                print("Unacknowledged escalations alert again every \(DurationText.span(desk.repeatEvery)).")
                print("Messages go out through the notification command in desk.yaml beside the journal, or watch and the console's --notify-command.")
                let levels = desk.autoDispatch.levels.map(\.rawValue).sorted().map(String.init).joined(separator: ", ")
                print(Printable.quoted("Automatic dispatch (watch --auto-dispatch): levels \(levels) \(desk.autoDispatch.outside == "always" ? "at any hour" : "outside \(desk.autoDispatch.outside)"), \(DurationText.span(desk.autoDispatch.acceptWithin)) to accept; when every on-call engineer lets it lapse, notify \(desk.autoDispatch.unaccepted).", limit: 2000))
                print(Printable.quoted("Warranty: \(desk.warrantyDays) days" + (desk.productWarrantyDays.isEmpty ? "." : "; " + desk.productWarrantyDays.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value) days" }.joined(separator: ", ") + "."), limit: 2000))
            } catch let error as PolicyProblems {
                for problem in error.problems {
                    FileHandle.standardError.write(Data(Printable.quoted("\(file):\(problem.line): \(problem.message)", limit: 2000).utf8 + [0x0A]))
                }
                throw ExitStatus(code: 64)
            }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain how a call's deadlines were reached.",
            discussion: "Which rule matched, each target and its calendar, the intake time, paused time, and the open time counted day by day: words a supervisor can read out to a customer.")

        @Argument(help: "The call, e.g. C-0007.") var call: String
        @OptionGroup var desk: DeskOptions

        func run() throws {
            let id = try CallID.parse(call)
            let runtime = try Runtime(desk)
            let journal = try runtime.openDesk()
            guard let found = journal.state.calls[id] else { throw DeskError.noSuchCall(id) }
            print(PolicyReport.explain(call: found, state: journal.state, now: runtime.clock.now()))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a policy as the journal recorded it: the current one, or number N.",
            discussion: "Each policy a desk has timed calls under is kept in the journal in full; show --json and policy explain give each call's policy number.")

        @Argument(help: "The policy's number (default: the one new calls are timed under now).") var number: Int?
        @OptionGroup var desk: DeskOptions

        func run() throws {
            let runtime = try Runtime(desk)
            let journal = try runtime.openDesk()
            let state = journal.state
            guard let chosen = number ?? state.currentPolicyNumber else {
                throw CommandFailure("no policy has been recorded in this journal yet; one is recorded with the first call logged")
            }
            guard let policy = state.policies[chosen] else {
                let known = state.policies.keys.sorted().map { "#\($0)" }.joined(separator: ", ")
                throw CommandFailure("no policy #\(chosen) in this journal; it has \(known.isEmpty ? "none" : known)")
            }
            let adopted = state.policyAdoptedAt[chosen].map { " (adopted \(TimeText.iso($0, in: policy.zone)))" } ?? ""
            print("# policy #\(chosen)\(adopted)")
            // Line by line, so the file's own line breaks stay and nothing else reaches the terminal raw.
            let lines = policy.source.split(separator: "\n", omittingEmptySubsequences: false).map { Printable.quoted(String($0), limit: 10_000) }
            print(lines.joined(separator: "\n"), terminator: "")
        }
    }

    struct Default: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the built-in policy, to copy and edit.")

        func run() throws {
            print(try CallboardResources.defaultPolicy(), terminator: "")
        }
    }
}
