import ArgumentParser
import CallboardCore
import CallboardStore
import CallboardTUI
import Foundation

/// Looking after the journal itself: check it, repair it, compact it, export it.
struct JournalVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Check, repair, compact, export or import the journal, or take a snapshot of it.",
        subcommands: [Verify.self, Repair.self, Compact.self, Export.self, Import.self, Snapshot.self])

    /// Only the journal: these verbs work whatever the policy file says.
    struct Location: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp(
            "The journal file.",
            discussion: "Default: $CALLBOARD_JOURNAL, else $XDG_DATA_HOME/callboard/journal, else ~/.local/share/callboard/journal.",
            valueName: "path"))
        var journal: String?

        @Option(name: .long, help: ArgumentHelp("The desk configuration file (roles); see callboard --help.", valueName: "file"))
        var desk: String?

        @OptionGroup var language: LanguageOption

        /// The journal these verbs look after; one that is not there is refused (Runtime.requireJournal),
        /// unless it is to be made (`import` brings a desk into a journal that does not exist yet).
        func log(mayBeNew: Bool = false) throws -> any EventLog {
            let environment = ProcessInfo.processInfo.environment
            let log = try EventLogs.open(JournalLocation.resolve(flag: journal, environment: environment))
            if !mayBeNew { try Runtime.requireJournal(log, flag: journal, environment: environment) }
            return log
        }

        /// Rewriting the journal (repair, compaction, import) is a supervisor's decision.
        func requireSupervisor(_ what: DeskText) throws {
            let runtime = try Runtime(journal: journal, policy: nil, desk: desk)
            try runtime.roles.require(.supervisor, of: runtime.actor, for: what())
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check every record and event of the journal.",
            discussion: "Exits 0 when the journal is sound (an unfinished last write, which the next write sets aside, is reported but is not damage) and 74 when it is damaged.")

        @OptionGroup var location: Location

        func run() throws {
            let log = try location.log()
            let found = try log.verify()
            Speech.say(CommandText.verified(["path": "\(log.location)", "summary": .message(found.summary)]))
            JournalVerb.printFindings(found)
            guard !found.isDamaged else { throw found.failure(of: log) }
            // The snapshot, against the journal replayed from its start.
            let snapshot = try DeskSnapshot.check(log)
            switch snapshot {
            case .none: Speech.say(JournalText.snapshotNone())
            case .matches(let sequence): Speech.say(JournalText.snapshotMatches(["sequence": "\(sequence)"]))
            case .unusable(let problem), .differs(let problem):
                print(DisplayText.sanitized(Speech[CommandText.finding(["label": .message(JournalText.labelSnapshot()), "finding": .message(problem)])]))
            }
            guard !snapshot.isProblem else {
                throw JournalError(.corrupt(offset: 0), log: log.location, JournalText.snapshotTakeNew(["path": "\(log.location)"]))
            }
            Speech.say(CommandText.sound())
        }
    }

    /// Every finding of a check, one line each.
    static func printFindings(_ found: LogVerification) {
        for (label, text) in found.findings {
            print(DisplayText.sanitized(Speech[CommandText.finding(["label": .message(label), "finding": .message(text)])]))
        }
    }

    struct Repair: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "repair",
            abstract: "Recover every valid record of a damaged journal.",
            discussion: "Keeps the whole file first as JOURNAL.backup-TIME, then rewrites the journal from every valid record, in order, and says exactly which bytes and records were dropped. Consoles that have the journal open read it afresh.")

        @OptionGroup var location: Location

        func run() throws {
            let log = try location.log()
            try location.requireSupervisor(.doingRepairJournal)
            // A call whose policy was lost, with none left to take its place, is timed under the built-in one.
            let builtIn = try Runtime.loadPolicy(nil)
            let result = try log.repair(now: SystemClock().now(), fallbackPolicy: builtIn)
            guard result.needed else {
                Speech.say(CommandText.repairNotNeeded(["path": "\(log.location)", "kept": "\(result.kept)"]))
                return
            }
            Speech.say(CommandText.backup(["backup": "\(result.backup!)"]))
            JournalVerb.printFindings(result.found)
            for note in result.notes { print(DisplayText.sanitized(Speech[CommandText.keptNote(["note": .message(note)])])) }
            Speech.say(CommandText.keptRecords(["kept": "\(result.kept)", "next": "\(CallID(number: result.nextCallNumber))"]))
            Speech.say(CommandText.repaired(["path": "\(log.location)"]))
        }
    }

    struct Compact: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compact",
            abstract: "Rewrite the journal as the live desk, archiving old closed calls.",
            discussion: "Closed calls older than --archive-after move, with their whole history, to a new archive file beside the journal (JOURNAL.archive-TIME, itself a journal: read it with --journal). Nothing is deleted. The rewrite is atomic; open consoles read the compacted journal afresh.")

        @Option(name: .long, help: ArgumentHelp("Archive calls closed at least this long ago (e.g. 1095d, 400d; default 1095d: three years, the longest warranty, so a unit's repair history stays in the journal while it can matter).", valueName: "span"))
        var archiveAfter: String?
        @Flag(name: .long, help: "Archive nothing; only rewrite.")
        var noArchive = false
        @OptionGroup var location: Location

        func validate() throws {
            if noArchive, archiveAfter != nil { throw ValidationError(Speech[CommandText.archiveContradiction()]) }
            if let archiveAfter, WatchVerb.seconds(archiveAfter) == nil {
                throw ValidationError(Speech[CommandText.badArchiveAfter(["value": "\(Printable.quoted(archiveAfter))"])])
            }
        }

        func run() throws {
            let age = WatchVerb.seconds(archiveAfter ?? "1095d") ?? 0
            _ = try location.log()
            try location.requireSupervisor(.doingCompactJournal)
            let runtime = try Runtime(journal: location.journal, policy: nil, desk: location.desk)
            let now = runtime.clock.now()
            let result = try runtime.log.compact(
                now: now, actor: runtime.actor, archiveClosedBefore: noArchive ? nil : now.addingTimeInterval(-Double(age)))
            result.warnings.forEach(CommandLineEntry.warn)
            let counts: [String: Message.Argument] = ["path": "\(runtime.log.location)", "before": "\(result.eventsBefore)", "after": "\(result.eventsAfter)"]
            Speech.say(result.archive.map { archive in
                CommandText.compacted(counts.merging(["archived": "\(result.archivedCalls)", "events": "\(result.archivedEvents)", "archive": "\(archive)"]) { $1 })
            } ?? CommandText.compactedNothingArchived(counts))
        }
    }

    struct Snapshot: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "snapshot",
            abstract: "Take a snapshot of the desk now, from the whole journal.",
            discussion: "Every command and console starts from the newest snapshot and reads only the journal after it; writers take one every 20,000 events (a console also every 10 minutes) by themselves. Take one by hand after `journal verify` finds the snapshot unsound, or after an import. The journal is not changed.")

        @OptionGroup var location: Location

        func run() throws {
            let runtime = try Runtime(journal: location.journal, policy: nil, desk: location.desk)
            guard try runtime.log.exists() else {
                throw JournalError(.io(errno: ENOENT), log: runtime.log.location, JournalText.noJournalHere(["path": "\(runtime.log.location)"]))
            }
            let position = try DeskSnapshot.take(of: runtime.log, now: runtime.clock.now())
            Speech.say(JournalText.snapshotTaken(["path": "\(runtime.log.location)", "sequence": "\(position.sequence)"]))
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write every event as JSON lines on standard output.",
            discussion: "One object per line, oldest first, with its sequence number (seq), schema version (v), type, times as seconds since 1970 (at, recorded), who recorded it (by) and the event's fields.")

        @Flag(name: .long, help: "JSON lines (the export format).")
        var json = false
        @OptionGroup var location: Location

        func validate() throws {
            guard json else { throw ValidationError(Speech[CommandText.exportFormat()]) }
        }

        func run() throws {
            let out = FileHandle.standardOutput
            var buffer: [UInt8] = []
            try location.log().export { event, sequence in
                buffer += EventCodec.json(event, sequence: sequence)
                buffer.append(UInt8(ascii: "\n"))
                if buffer.count > 1 << 16 {
                    out.write(Data(buffer))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            out.write(Data(buffer))
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Bring in a journal's history from its export (JSON lines).",
            discussion: """
                The inverse of journal export --json: export, import into a journal that does not exist yet, export again, and the two \
                exports are the same byte for byte. Every line must be exactly as export wrote it, in order; a bad line is refused \
                by its number and nothing is imported (all or nothing). The journal must hold no events: an import brings in a \
                whole desk's history, to move a desk or restore it. Events are recorded as they happened, however long ago. For a \
                supervisor.
                """)

        @Argument(help: ArgumentHelp("The export to read (one JSON object per line); - reads standard input.", valueName: "file"))
        var file: String
        @OptionGroup var location: Location

        func run() throws {
            let log = try location.log(mayBeNew: true)
            try location.requireSupervisor(.doingImportJournal)
            let reader = try ExportReader(path: file)
            let clock = SystemClock()
            let result = try log.importHistory(now: clock.now()) { try reader.next() }
            result.warnings.forEach(CommandLineEntry.warn)
            guard result.events > 0 else {
                Speech.say(CommandText.importedNothing(["file": file == "-" ? .message(JournalText.standardInput()) : .text(file)]))
                return
            }
            Speech.say(CommandText.imported(["count": "\(result.events)", "path": "\(log.location)"]))
            // The first desk to open it starts from here, not from a year of history.
            do {
                _ = try DeskSnapshot.take(of: log, now: clock.now())
            } catch {
                CommandLineEntry.warn(JournalText.snapshotNotWritten(["problem": .message(error.text)]))
            }
        }
    }
}
