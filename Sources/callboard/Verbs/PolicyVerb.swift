import ArgumentParser
import CallboardCore
import CallboardResources
import CallboardTUI
import Foundation

struct PolicyVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check, explain and print the SLA policy: the promises as data.",
        subcommands: [Check.self, Explain.self, Default.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a policy file and report every problem with its line.",
            discussion: "Exits 0 and summarises the policy when it is good; exits 64 listing each problem otherwise.")

        @Argument(help: "The policy file (YAML).") var file: String

        func run() throws {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw CommandFailure("cannot read \(file): \((error as NSError).localizedDescription)")
            }
            do {
                let policy = try PolicyParser.parse(text)
                let calendars = policy.calendars.keys.sorted().joined(separator: ", ")
                print(Printable.quoted("\(file): good. Time zone \(policy.zone.identifier), warning at \(Int((policy.warningShare * 100).rounded()))%, calendars \(calendars), \(policy.rules.count) rules:", limit: 2000))
                for rule in policy.rules {
                    let timers = TimerName.allCases.compactMap { name in
                        rule.timers[name].map { "\(name.rawValue) \(DurationText.span($0.seconds))" + ($0.calendar == SLAPolicy.roundTheClock ? "" : " \($0.calendar)") }
                    }
                    print(Printable.quoted("  line \(rule.line): \(rule.name) — \(rule.match.description): \(timers.joined(separator: ", "))", limit: 2000))
                }
            } catch {
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

    struct Default: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the built-in policy, to copy and edit.")

        func run() throws {
            print(try CallboardResources.defaultPolicy(), terminator: "")
        }
    }
}
