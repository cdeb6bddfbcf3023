import Foundation

/// `import technicians FILE.csv`: a spreadsheet of technicians, columns named like `tech
/// add`'s options. Every row is checked as `tech add` would check it, against the roster and
/// the rows above it; the rows go in together or not at all.
public enum TechnicianImport {
    public static let columns = ["id", "name", "region", "skills", "shift", "phone"]
    public static let required = ["id", "name"]
    /// Headers as Chinese desks write them.
    public static let aliases: [String: String] = [
        "工号": "id", "编号": "id", "技术员": "id", "姓名": "name", "名字": "name", "区域": "region", "地区": "region",
        "技能": "skills", "班次": "shift", "电话": "phone", "手机": "phone",
    ]

    /// The command a row makes: `tech add` with the row's fields.
    public static func command(_ row: CSVTable.Row) -> Command {
        // Skills in one quoted field, separated as people type them: a, b / a，b / a、b.
        let skills = row.fields["skills"].map { $0.replacingOccurrences(of: "，", with: ",").replacingOccurrences(of: "、", with: ",") }
        func given(_ name: String) -> String? { row.fields[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        return .addTechnician(TechnicianDraft(id: row.fields["id"] ?? "", name: row.fields["name"], region: given("region"), skills: skills,
                                              shift: given("shift"), phone: given("phone")))
    }

    /// The CSV column an input comes from.
    static func column(_ field: Field?) -> String? {
        switch field {
        case nil: nil
        case .technician?: "id"
        case let field?: field.rawValue
        }
    }

    /// Decides every row's command against `state` and the rows before it (an ID already on
    /// the roster, or on an earlier line, is a problem of its own row): all the events, or
    /// every row's problem.
    public static func decide(_ table: CSVTable, in state: DeskState, _ context: CommandContext) -> Result<[Event], ImportProblems> {
        var desk = state
        var events: [Event] = []
        var problems: [ImportRowProblem] = []
        var firstLine: [TechnicianID: Int] = [:]
        for row in table.rows {
            let command = command(row)
            do {
                let decided = try desk.decide(command, context)
                for event in decided {
                    desk.apply(event)
                    if case .technicianAdded(let t) = event.change { firstLine[t.id] = row.line }
                }
                events += decided
            } catch {
                if case .addTechnician(let draft) = command, let id = TechnicianID(draft.id), let line = firstLine[id] {
                    problems.append(ImportRowProblem(line: row.line, column: "id", text: DeskText.csvIDTwice(["id": "\(id)", "line": "\(line)"])))
                } else {
                    problems.append(ImportRowProblem(line: row.line, column: column(error.field), text: error.text))
                }
            }
        }
        return problems.isEmpty ? .success(events) : .failure(ImportProblems(rows: problems))
    }
}
