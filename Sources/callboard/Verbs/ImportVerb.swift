import ArgumentParser
import CallboardCore
import CallboardStore
import CallboardTUI
import Foundation

/// `import technicians FILE.csv`, `import customers FILE.csv`: spreadsheets in. The CSV and its encoding are read by the
/// core's CSVTable (one place, for every kind of import); each row is checked as the verb it
/// stands for would check it, and the rows go in with one append, or none does.
struct ImportVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring in records from a spreadsheet saved as CSV.",
        subcommands: [Technicians.self, Customers.self])

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
            guard let (table, events) = try ImportVerb.rows(of: file, encoding: encoding, when: when, desk: desk, doing: DeskText.doingAddTechnician(),
                                                           columns: TechnicianImport.columns, required: TechnicianImport.required,
                                                           aliases: TechnicianImport.aliases, decide: TechnicianImport.decide) else { return }
            let ids = events.compactMap { event -> String? in if case .technicianAdded(let t) = event.change { t.id.rawValue } else { nil } }
            Speech.say(CommandText.importedTechnicians(["count": "\(ids.count)", "ids": .text(ids.joined(separator: ", ")),
                                                        "encoding": .text(table.encoding.rawValue)]))
        }
    }

    struct Customers: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "customers",
            abstract: "Add customers and their units from a CSV file: columns id,name,phones,address,contacts,serial,product,purchased,warranty_until.",
            discussion: """
                The first line names the columns, as customer add's and customer unit's options (id, name and phones required; \
                客户编号, 名称, 电话, 地址, 联系人, 序列号, 产品, 购买日期, 保修截止 also do). One row per unit: rows with the same id \
                are one customer, whose name, phones, address and contacts go on their first row (later rows leave them empty or \
                repeat them). Several phones or contacts in one cell are separated by ';' (or '；', '、', a line break); a contact \
                is "NAME PHONE". A customer already on record is refused (change it with customer edit, add units with customer \
                unit). UTF-8 with or without a BOM, or GB18030, is detected; --encoding says which. Every bad row is named by its \
                line and column, and then nothing is imported (all or nothing).
                """)

        @Argument(help: ArgumentHelp("The CSV file.", valueName: "file")) var file: String
        @Option(help: "utf-8 or gb18030 (detected if not given).") var encoding: String?
        @OptionGroup var when: AtOption
        @OptionGroup var desk: DeskOptions

        func run() throws {
            guard let (table, events) = try ImportVerb.rows(of: file, encoding: encoding, when: when, desk: desk, doing: DeskText.doingCustomer(),
                                                           columns: CustomerImport.columns, required: CustomerImport.required,
                                                           aliases: CustomerImport.aliases, decide: CustomerImport.decide) else { return }
            let ids = events.compactMap { event -> String? in if case .customerAdded(let c) = event.change { c.id.rawValue } else { nil } }
            let units = events.filter { if case .unitRecorded = $0.change { true } else { false } }.count
            Speech.say(CommandText.importedCustomers(["count": "\(ids.count)", "ids": .text(ids.joined(separator: ", ")), "units": "\(units)",
                                                      "encoding": .text(table.encoding.rawValue)]))
        }
    }

    /// Reads `file` as CSV with these columns and records what `decide` makes of its rows, in
    /// one append; every bad row is said on standard error by line and column, and then nothing
    /// is recorded (exit 64). Nil: a header and no rows, said so.
    static func rows(of file: String, encoding: String?, when: AtOption, desk: DeskOptions, doing: Message,
                     columns: [String], required: [String], aliases: [String: String],
                     decide: @escaping (CSVTable, DeskState, CommandContext) -> Result<[Event], ImportProblems>) throws -> (CSVTable, [Event])? {
        let runtime = try Runtime(desk)
        try runtime.roles.require(.dispatcher, of: runtime.actor, for: doing)
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
            table = try CSVTable.read(bytes, encoding: chosen, columns: columns, required: required, aliases: aliases)
        } catch {
            throw CommandFailure(error.line.map { CommandText.importLineProblem(["file": .text(file), "line": "\($0)", "problem": .message(error.text)]) }
                                 ?? CommandText.importFileProblem(["file": .text(file), "problem": .message(error.text)]), status: 64)
        }
        guard !table.rows.isEmpty else {
            Speech.say(CommandText.importedNoRows(["file": .text(file)]))
            return nil
        }
        let journal = try runtime.openDesk(scope: .calls([]))
        let moment = try when.at.map { text throws(DeskError) in try TimeText.parseMoment(text, now: runtime.clock.now()) }
        do {
            let events = try journal.record(now: runtime.clock.now()) { state in
                switch decide(table, state, runtime.context(at: moment, now: runtime.clock.now())) {
                case .success(let events): return events
                case .failure(let problems): throw problems
                }
            }
            return (table, events)
        } catch let problems as ImportProblems {
            for row in problems.rows {
                let about: [String: Message.Argument] = ["file": .text(file), "line": "\(row.line)", "problem": .message(row.text)]
                let text = row.column.map { CommandText.importRowProblem(about.merging(["column": .text($0)]) { $1 }) }
                    ?? CommandText.importLineProblem(about)
                FileHandle.standardError.write(Data("callboard: \(Printable.quoted(Speech[text], limit: 400))\n".utf8))
            }
            throw CommandFailure(CommandText.importNothing(["count": "\(problems.badRows)", "file": .text(file)]), status: 64)
        }
    }
}
