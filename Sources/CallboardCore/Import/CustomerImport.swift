import Foundation

/// `import customers FILE.csv`: a spreadsheet of customers and their units, columns named like
/// the options of `customer add` and `customer unit`. One row per unit: the rows with the same
/// customer ID are one customer, whose details (name, phones, address, contacts) go on their
/// first row; later rows leave them empty or repeat them, and add units. Every row is checked
/// as those verbs check it, against the desk and the rows above it; all go in or none does.
///
/// A customer already on record is refused (its row points to `customer edit` and `customer
/// unit`): an import brings a desk's customers in once, and a spreadsheet kept elsewhere must
/// not silently overwrite the numbers and contacts dispatchers corrected since.
public enum CustomerImport {
    public static let columns = ["id", "name", "phones", "address", "contacts", "serial", "product", "purchased", "warranty_until"]
    public static let required = ["id", "name", "phones"]
    /// Other names of the columns: the options' own spellings, and headers as Chinese desks write them.
    public static let aliases: [String: String] = [
        "customer": "id", "phone": "phones", "contact": "contacts", "warranty-until": "warranty_until", "warranty": "warranty_until",
        "客户编号": "id", "编号": "id", "客户代码": "id", "名称": "name", "客户名称": "name", "客户": "name",
        "电话": "phones", "手机": "phones", "联系电话": "phones", "地址": "address", "现场地址": "address", "联系人": "contacts",
        "序列号": "serial", "机身号": "serial", "产品": "product", "型号": "product", "购买日期": "purchased",
        "保修截止": "warranty_until", "保修至": "warranty_until", "保修截止日期": "warranty_until",
    ]
    /// The customer's own columns (given once, on the customer's first row).
    static let customerColumns = ["name", "phones", "address", "contacts"]
    /// A unit's columns besides its serial number.
    static let unitColumns = ["product", "purchased", "warranty_until"]

    /// Several numbers or contacts in one cell: separated by `;`, `；`, `、` or a line break (in
    /// a quoted cell). Not by commas, which would need the cell quoted and are easily forgotten.
    public static func list(_ cell: String?) -> [String] {
        guard let cell else { return [] }
        return cell.split { ";；、".contains($0) || $0.isNewline }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The CSV column an input comes from.
    static func column(_ field: Field?) -> String? {
        switch field {
        case nil: nil
        case .id?, .customer?: "id"
        case .phone?: "phones"
        case .contact?: "contacts"
        case .warranty?: "warranty_until"
        case let field?: field.rawValue
        }
    }

    /// Whether a later row's `column` says the same as the customer's first row.
    static func same(_ column: String, _ a: String, _ b: String) -> Bool {
        switch column {
        case "phones": list(a).map { CustomerBook.phoneKey($0) ?? $0 } == list(b).map { CustomerBook.phoneKey($0) ?? $0 }
        case "contacts": list(a).map { $0.split(whereSeparator: \.isWhitespace) } == list(b).map { $0.split(whereSeparator: \.isWhitespace) }
        default: a.trimmingCharacters(in: .whitespaces) == b.trimmingCharacters(in: .whitespaces)
        }
    }

    /// Decides every row against `state` and the rows before it: all the events (each customer,
    /// then each unit, in the file's order), or every row's problems by line and column.
    public static func decide(_ table: CSVTable, in state: DeskState, _ context: CommandContext) -> Result<[Event], ImportProblems> {
        var desk = state
        var events: [Event] = []
        var problems: [ImportRowProblem] = []
        /// Each customer's first row.
        var first: [CustomerID: CSVTable.Row] = [:]
        /// Customers whose first row was refused: their units are only checked by themselves.
        var refused: Set<CustomerID> = []
        var serialLines: [String: Int] = [:]
        func record(_ command: Command) throws(DeskError) {
            let decided = try desk.decide(command, context)
            for event in decided { desk.apply(event) }
            events += decided
        }
        for row in table.rows {
            func problem(_ column: String?, _ text: Message) { problems.append(ImportRowProblem(line: row.line, column: column, text: text)) }
            func given(_ name: String) -> String? {
                row.fields[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }
            }
            guard let typed = given("id") else {
                problem("id", DeskText.required(["field": .message(Field.id.label)]))
                continue
            }
            let id: CustomerID
            do { id = try CustomerID.parse(typed, field: .id) } catch {
                problem("id", error.text)
                continue
            }
            if let earlier = first[id] {
                for name in customerColumns {
                    guard let value = given(name) else { continue }
                    let before = earlier.fields[name] ?? ""
                    if !same(name, value, before) {
                        problem(name, DeskText.csvCustomerDiffers(["line": "\(earlier.line)", "value": .text(Printable.quoted(before))]))
                    }
                }
            } else {
                first[id] = row
                let draft = CustomerDraft(id: typed, name: row.fields["name"], phones: list(row.fields["phones"]), address: given("address"),
                                          contacts: list(row.fields["contacts"]))
                if let existing = desk.customers[id] {
                    problem("id", DeskText.csvCustomerExists(["customer": "\(id)", "name": .text(existing.name)]))
                    refused.insert(id)
                } else {
                    do { try record(.addCustomer(draft)) } catch {
                        problem(column(error.field), error.text)
                        refused.insert(id)
                    }
                }
            }
            guard let serial = given("serial") else {
                if let column = unitColumns.first(where: { given($0) != nil }) {
                    problem("serial", DeskText.csvUnitNeedsSerial(["column": .text(column)]))
                }
                continue
            }
            if let line = serialLines[serial.lowercased()] {
                problem("serial", DeskText.csvSerialTwice(["serial": .text(Printable.quoted(serial)), "line": "\(line)"]))
                continue
            }
            serialLines[serial.lowercased()] = row.line
            let unit = UnitDraft(customer: id.rawValue, serial: serial, product: given("product"), purchased: given("purchased"),
                                 warrantyUntil: given("warranty_until"))
            do {
                if refused.contains(id) { _ = try unit.validated() } else { try record(.recordUnit(unit)) }
            } catch {
                problem(column(error.field), error.text)
            }
        }
        return problems.isEmpty ? .success(events) : .failure(ImportProblems(rows: problems))
    }
}
