import CallboardCore
import Foundation

/// The warranty's scheduled visits due (`visits`): one line per unit, soonest first, an overdue
/// one marked. Names and serials as they were written.
public enum VisitPresenter {
    public static func columns(strings s: UIStrings) -> [Column] {
        [
            Column(s(.columnDue), width: 18),
            Column(s(.columnID), width: 6),
            Column(s(.columnName), width: 12, flex: 3),
            Column(s(.columnSerial), width: 10, flex: 1),
            Column(s(.columnProduct), width: 8, flex: 1, dropPriority: 2),
            Column(s(.columnLastVisit), width: 10, dropPriority: 1),
            Column(s(.columnWarranty), width: 10, dropPriority: 1),
        ]
    }

    public static func rows(_ due: [DueVisit], today: LocalDate, strings s: UIStrings) -> [[Cell]] {
        due.map { visit in
            let overdue = visit.due < today
            return [Cell(overdue ? "\(visit.due) \(s(.overdueMark))" : "\(visit.due)", overdue ? .alert : .plain),
                    Cell(visit.customer.id.rawValue), Cell(visit.customer.name), Cell(visit.unit.serial), Cell(visit.unit.product ?? "", .muted),
                    Cell(visit.last.map { "\($0)" } ?? "-", .muted), Cell("\(visit.warrantyEnds)", .muted)]
        }
    }

    struct VisitJSON: Encodable {
        var visit: DueVisit
        var today: LocalDate
        enum Key: String, CodingKey { case customer, name, serial, product, due, overdue, last_visit, warranty_until }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(visit.customer.id.rawValue, forKey: .customer)
            try c.encode(visit.customer.name, forKey: .name)
            try c.encode(visit.unit.serial, forKey: .serial)
            try c.encode(visit.unit.product, forKey: .product)
            try c.encode(visit.due.description, forKey: .due)
            try c.encode(visit.due < today, forKey: .overdue)
            try c.encode(visit.last?.description, forKey: .last_visit)
            try c.encode(visit.warrantyEnds.description, forKey: .warranty_until)
        }
    }

    public static func json(_ due: [DueVisit], today: LocalDate) -> String {
        CallReport.json(due.map { VisitJSON(visit: $0, today: today) })
    }
}
