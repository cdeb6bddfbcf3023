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
            commandName: "check",
            abstract: "Check a policy file and report every problem with its line.",
            discussion: "Exits 0 and summarises the policy when it is good; exits 64 listing each problem otherwise.")

        @Argument(help: "The policy file (YAML).") var file: String
        @OptionGroup var language: LanguageOption

        func run() throws {
            let policy: SLAPolicy
            do {
                policy = try PolicyParser.parse(Runtime.readPolicyFile(file, from: nil))
            } catch let error as PolicyProblems {
                for problem in error.problems {
                    let line = Speech[CommandText.problemAt(["file": "\(file)", "line": "\(problem.line)", "problem": .message(problem.text)])]
                    FileHandle.standardError.write(Data(Printable.quoted(line, limit: 2000).utf8 + [0x0A]))
                }
                throw ExitStatus(code: 64)
            }
            for line in Self.summary(of: policy, file: file, now: SystemClock().now()) {
                print(Printable.quoted(line, limit: 2000))
            }
        }

        /// What a good policy says, line by line, in the run's language. The policy's own names
        /// (rules, steps, timers, calendars, regions) are as the file writes them, so its author
        /// finds them there; a rule or step with a label in this language shows it beside its name.
        static func summary(of policy: SLAPolicy, file: String, now: Date) -> [String] {
            let t = Speech.strings
            var lines: [String] = []
            func add(_ message: Message) { lines.append(Speech[message]) }
            /// Names, with the language's enumeration comma (、 in Chinese).
            func list(_ items: [String]) -> Message.Argument { DeskText.names(items) }
            func list(_ items: [String], _ separator: String) -> Message.Argument { .text(items.joined(separator: separator)) }
            func named(_ name: String, _ label: Message) -> Message.Argument {
                let shown = Speech[label]
                return shown == name ? .text(name) : .message(CommandText.nameWithLabel(["name": .text(name), "label": .text(shown)]))
            }
            func quoted(_ name: String, _ label: Message) -> Message.Argument {
                let shown = Speech[label]
                return .message(shown == name ? CommandText.quotedName(["name": .text(name)])
                                              : CommandText.quotedNameWithLabel(["name": .text(name), "label": .text(shown)]))
            }
            let rules = policy.rules.count == 1 ? CommandText.oneRule() : CommandText.rules(["count": "\(policy.rules.count)"])
            add(CommandText.policyGood([
                "file": "\(file)", "zone": "\(policy.zone.identifier)", "percent": "\(Int((policy.warningShare * 100).rounded()))",
                "calendars": list(policy.calendars.keys.sorted()), "rules": .message(rules),
            ]))
            for rule in policy.rules {
                let timers = policy.timers.compactMap { timer in
                    rule.timers[timer.name].map { target in
                        Speech[CommandText.ruleTimer([
                            "timer": "\(timer.name)",
                            "target": target.isNone ? .message(CommandText.noneWord())
                                : .text(PolicyReport.targetPhrase(target.seconds, policy.calendar(named: target.calendar), strings: Speech.strings)),
                        ])]
                    }
                }
                // The rule accept: stands for is on accept:'s line.
                let line = rule.line != 0 ? rule.line
                    : rule.name == SLAPolicy.acceptRuleName ? policy.desk.acceptance?.line ?? 0
                    : rule.name == SLAPolicy.progressRuleName ? policy.desk.progress?.line ?? 0
                    : rule.name == SLAPolicy.followUpRuleName ? policy.desk.followUp?.line ?? 0 : 0
                add(CommandText.ruleLine(["line": "\(line)", "name": named(rule.name, policy.ruleLabel(rule.name, language: t.language)),
                                          "match": .text(PolicyReport.describe(rule.match, strings: t)), "timers": list(timers, t(.listSeparator))]))
            }
            lines.append(PolicyReport.timersSummary(policy, strings: Speech.strings))
            let regions = Set(policy.rules.flatMap { $0.match.regions ?? [] }).sorted()
            if !regions.isEmpty {
                // A mistyped region is valid YAML and a valid word: show them for a second look.
                add(CommandText.regionsNamed(["regions": list(regions)]))
            }
            let aliases = PolicyVocabulary.fields.compactMap { field in
                policy.vocabulary.aliasList(for: field).map { "\(field.rawValue) " + t.names($0) }
            }
            if !aliases.isEmpty { add(CommandText.aliases(["aliases": list(aliases, t(.semicolonSeparator))])) }
            if let holidays = HolidayNotice.summary(policy, strings: Speech.strings) { lines.append(holidays) }
            if let warning = HolidayNotice.warning(policy, at: now, strings: Speech.strings) { add(CommandText.holidayWarning(["warning": "\(warning)"])) }
            let desk = policy.desk
            add(CommandText.shifts(["shifts": list(Shift.allCases.map { shift in "\(Speech[CommandText.shift(shift)]) \(desk.shifts[shift] ?? "-")" })]))
            let asksAcceptance = policy.timers.contains(where: \.timesAcceptance)
            for step in desk.steps {
                var about: [String: Message.Argument] = [
                    "step": quoted(step.name, policy.stepLabel(step.name, language: t.language)),
                    "state": .message(step.state == .warning ? CommandText.atWarning() : CommandText.atBreach()),
                    // A step naming no timers leaves the acceptance alone (DeskRules.Step.watches).
                    "timers": step.timers.isEmpty ? .message(asksAcceptance ? CommandText.anyTimerButAcceptance() : CommandText.anyTimer())
                                                  : list(step.timers.map(\.rawValue)),
                    "notify": .text(t.notifyLabel(step.notify)),
                ]
                if step.after > 0 {
                    about["after"] = "\(DurationText.span(step.after))"
                    add(CommandText.escalationStepAfter(about))
                } else {
                    add(CommandText.escalationStep(about))
                }
            }
            add(CommandText.realert(["span": "\(DurationText.span(desk.repeatEvery))"]))
            if let acceptance = desk.acceptance {
                add(CommandText.acceptance([
                    "target": .text(PolicyReport.targetPhrase(acceptance.within, policy.calendar(named: acceptance.calendar), strings: t)),
                    "notify": .text(t.notifyLabel(acceptance.notify)),
                ]))
            }
            if let followUp = desk.followUp {
                add(CommandText.followUp([
                    "target": .text(PolicyReport.targetPhrase(followUp.within, policy.calendar(named: followUp.calendar), strings: t)),
                    "attempts": "\(followUp.attempts)", "threshold": "\(followUp.reopenAtOrBelow)", "notify": .text(t.notifyLabel(followUp.notify)),
                    "close": .message(followUp.waive ? CommandText.followUpWaived() : CommandText.followUpCloseWaits()),
                ]))
            }
            if let progress = desk.progress {
                add(CommandText.progress([
                    "target": .text(PolicyReport.targetPhrase(progress.within, policy.calendar(named: progress.calendar), strings: t)),
                ]))
            }
            // What `resolve --cause` takes, and how each shows.
            add(CommandText.causes(["causes": list(policy.causes.map { ResolutionText.cause($0.code, policy: policy, strings: t) })]))
            add(CommandText.messagesGoOut())
            let dispatch = desk.autoDispatch
            add(CommandText.autoDispatch([
                "levels": list(dispatch.levels.map(\.rawValue).sorted().map(String.init)),
                "hours": .message(dispatch.outside == "always" ? CommandText.atAnyHour() : CommandText.outsideHours(["hours": "\(dispatch.outside)"])),
                "accept": "\(DurationText.span(dispatch.acceptWithin))", "unaccepted": .text(t.notifyLabel(dispatch.unaccepted)),
            ]))
            if desk.productWarrantyDays.isEmpty {
                add(CommandText.warranty(["days": "\(desk.warrantyDays)"]))
            } else {
                let products = desk.productWarrantyDays.sorted { $0.key < $1.key }.map { product, days in
                    Speech[CommandText.productWarranty(["product": "\(product)", "days": "\(days)"])]
                }
                add(CommandText.warrantyByProduct(["days": "\(desk.warrantyDays)", "products": list(products)]))
            }
            return lines
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain",
            abstract: "Explain how a call's deadlines were reached.",
            discussion: "Which rule matched, each target and its calendar, the intake time, paused time, and the open time counted day by day: words a supervisor can read out to a customer.")

        @Argument(help: "The call, e.g. C-0007.") var call: String
        @OptionGroup var desk: DeskOptions

        func run() throws {
            let id = try CallID.parse(call)
            let runtime = try Runtime(desk)
            try runtime.requireJournal()
            let journal = try runtime.openDesk(scope: .calls([id], units: true))
            try journal.load([id])
            guard let found = journal.state.calls[id] else { throw DeskError.noSuchCall(id) }
            print(PolicyReport.explain(call: found, state: journal.state, now: runtime.clock.now(), strings: Speech.strings))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print a policy as the journal recorded it: the current one, or number N.",
            discussion: "Each policy a desk has timed calls under is kept in the journal in full; show --json and policy explain give each call's policy number.")

        // Text, not Int: a number typed in full width (１) is read as the number it is.
        @Argument(help: "The policy's number (default: the one new calls are timed under now).") var number: String?
        @OptionGroup var desk: DeskOptions

        func validate() throws {
            if let number, chosen == nil { throw ValidationError(Speech[CommandText.notPolicyNumber(["text": .text(Printable.quoted(number))])]) }
        }

        /// The number asked for, if any.
        var chosen: Int? { number.flatMap { Int(TextRules.halfWidth($0).trimmingCharacters(in: .whitespaces).drop { $0 == "#" }) } }

        func run() throws {
            let runtime = try Runtime(desk)
            try runtime.requireJournal()
            // The policies are the desk's standing: no call is needed.
            let journal = try runtime.openDesk(scope: .calls([]))
            let state = journal.state
            guard let chosen = self.chosen ?? state.currentPolicyNumber else {
                throw CommandFailure(CommandText.noPolicyYet())
            }
            guard let policy = state.policies[chosen] else {
                let known = state.policies.keys.sorted().map { "#\($0)" }.joined(separator: ", ")
                throw CommandFailure(CommandText.noSuchPolicy(["number": "\(chosen)", "known": known.isEmpty ? .message(CommandText.noneWord()) : .text(known)]))
            }
            Speech.say(state.policyAdoptedAt[chosen].map { adopted in
                CommandText.policyHeadingAdopted(["number": "\(chosen)", "at": "\(TimeText.iso(adopted, in: policy.zone))"])
            } ?? CommandText.policyHeading(["number": "\(chosen)"]))
            // Line by line, so the file's own line breaks stay and nothing else reaches the terminal raw.
            let lines = policy.source.split(separator: "\n", omittingEmptySubsequences: false).map { Printable.quoted(String($0), limit: 10_000) }
            print(lines.joined(separator: "\n"), terminator: "")
        }
    }

    struct Default: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "default", abstract: "Print the built-in policy, to copy and edit.")

        @OptionGroup var language: LanguageOption

        func run() throws {
            print(try CallboardResources.defaultPolicy(), terminator: "")
        }
    }
}
