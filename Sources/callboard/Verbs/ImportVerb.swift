import ArgumentParser
import CallboardCore
import CallboardStore
import CallboardTUI
import Foundation

/// `import technicians FILE.csv`: spreadsheets in. The CSV and its encoding are read by the
/// core's CSVTable (one place, for every kind of import); each row is checked as the verb it
/// stands for would check it, and the rows go in with one append, or none does.
struct ImportVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring in records from a spreadsheet saved as CSV.",
        subcommands: [Technicians.self])

    struct Technicians: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "technicians",
            abstract: "Add technicians from a CSV file: columns id,name,region,skills,shift,phone.",
            discussion: """
                The first line names the columns, as tech add's options (id and name required; 工号, 姓名, 区域, 技能, 班次, 电话 \
                also do). Skills go comma-separated in one quoted field: "printer,network". UTF-8 with or without a BOM, or \
                GB18030 as Chinese Excel and WPS save it, is detected; --encoding says which. Every bad row is named by its line \
                and column, and then nothing is imported (all or nothing).
                """)

        @Argument(help: ArgumentHelp("The CSV file.", valueName: "file")) var file: String
        @Option(help: "utf-8 or gb18030 (detected if not given).") var encoding: String?
        @OptionGroup var when: AtOption
        @OptionGroup var desk: DeskOptions

        func run() throws {
            let runtime = try Runtime(desk)
            try runtime.roles.require(.dispatcher, of: runtime.actor, for: DeskText.doingAddTechnician())
            let chosen = try encoding.map { text throws -> TextEncoding in
                guard let encoding = TextEncoding.parse(text) else {
                    throw CommandFailure(CommandText.importUnknownEncoding(["text": .text(Printable.quoted(text))]), status: 64)
                }
                return encoding
            }
            let bytes: [UInt8]
            do {
                bytes = try FileProblem.contents(of: file)
            } catch {
                throw CommandFailure(CommandText.importCannotRead(["path": .text(file), "reason": .message(error.reason)]), status: 1)
            }
            let table: CSVTable
            do {
                table = try CSVTable.read(bytes, encoding: chosen, columns: TechnicianImport.columns, required: TechnicianImport.required,
                                          aliases: TechnicianImport.aliases)
            } catch {
                throw CommandFailure(error.line.map { CommandText.importLineProblem(["file": .text(file), "line": "\($0)", "problem": .message(error.text)]) }
                                     ?? CommandText.importFileProblem(["file": .text(file), "problem": .message(error.text)]), status: 64)
            }
            guard !table.rows.isEmpty else {
                Speech.say(CommandText.importedNoRows(["file": .text(file)]))
                return
            }
            let journal = try runtime.openDesk(scope: .calls([]))
            let moment = try when.at.map { text throws(DeskError) in try TimeText.parseMoment(text, now: runtime.clock.now()) }
            let events: [Event]
            do {
                events = try journal.record(now: runtime.clock.now()) { state in
                    switch TechnicianImport.decide(table, in: state, runtime.context(at: moment, now: runtime.clock.now())) {
                    case .success(let events): return events
                    case .failure(let problems): throw problems
                    }
                }
            } catch let problems as TechnicianImport.Problems {
                for row in problems.rows {
                    let about: [String: Message.Argument] = ["file": .text(file), "line": "\(row.line)", "problem": .message(row.text)]
                    let text = row.field.map { CommandText.importRowProblem(about.merging(["column": .text(Self.column($0))]) { $1 }) }
                        ?? CommandText.importLineProblem(about)
                    FileHandle.standardError.write(Data("callboard: \(Printable.quoted(Speech[text], limit: 400))\n".utf8))
                }
                throw CommandFailure(CommandText.importNothing(["count": "\(problems.rows.count)", "file": .text(file)]), status: 64)
            }
            let ids = events.compactMap { event -> String? in if case .technicianAdded(let t) = event.change { t.id.rawValue } else { nil } }
            Speech.say(CommandText.importedTechnicians(["count": "\(ids.count)", "ids": .text(ids.joined(separator: ", ")),
                                                        "encoding": .text(table.encoding.rawValue)]))
        }

        /// The CSV column an input comes from.
        static func column(_ field: Field) -> String {
            switch field {
            case .technician: "id"
            default: field.rawValue
            }
        }
    }
}
