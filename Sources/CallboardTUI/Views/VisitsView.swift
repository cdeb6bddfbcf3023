import CallboardCore
import Foundation

/// The warranty's scheduled visits due (`V`), over the whole body: every unit whose next visit
/// is overdue or falls due within 30 days, soonest first, in the `visits` verb's columns
/// (VisitPresenter). Enter records the selected unit's visit as made today, asking first (it
/// writes the `customer.unit_serviced` event `callboard visit` writes); the next then falls due
/// a policy's period later and the unit moves down the list or leaves it.
public struct VisitsView: ConsoleView {
    /// Kept by serial, so the selection stays on its unit as the list changes.
    public var selected: String?
    /// Where it was in the list: a unit that leaves the list (its visit recorded) leaves the
    /// selection on the one now at its place.
    public var place = 0
    /// The first unit shown.
    public var scroll = 0

    /// How far ahead the list looks.
    public static let days = 30

    public init(selected: String? = nil) { self.selected = selected }

    public var isPanel: Bool { false }

    public static let table = CommonKeys.movingKeys(.keySelectVisit) + KeyTable([
        KeyBinding([.enter, .character("v")], "Enter", .recordVisit, .keyRecordVisit, changesDesk: true, asksFirst: true, footer: true, rank: 9),
        KeyBinding([.escape, .character("q")], "Esc", .back, .keyBack, essential: true),
    ]) + CommonKeys.always

    public func keys(_ state: ConsoleState) -> KeyTable { Self.table }

    /// The visits listed: overdue ones and those due within `days` of today, soonest first.
    static func due(_ state: ConsoleState, _ env: ConsoleEnvironment) -> [DueVisit] {
        let today = LocalDate(state.now, in: env.zone)
        return state.desk.dueVisits(today: today, through: today.adding(days: days))
    }

    /// How many units' visits are overdue today (the header's count).
    public static func overdue(_ desk: DeskState, today: LocalDate) -> Int {
        desk.dueVisits(today: today, through: today.adding(days: -1)).count
    }

    public func title(_ state: ConsoleState, _ env: ConsoleEnvironment) -> String {
        let due = Self.due(state, env), today = LocalDate(state.now, in: env.zone)
        let overdue = due.filter { $0.due < today }.count
        return env.strings[.visitsTitle, ["overdue": "\(overdue)", "due": "\(due.count - overdue)", "days": "\(Self.days)"]]
    }

    /// The unit selected: the one kept, else the one now at its place.
    func current(_ due: [DueVisit]) -> DueVisit? {
        due.first { $0.unit.serial == selected } ?? (due.isEmpty ? nil : due[min(place, due.count - 1)])
    }

    static func room(bodyRows: Int) -> Int { max(1, bodyRows - 2) }

    public func draw(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int, height: Int) -> Drawing {
        let s = env.strings
        let due = Self.due(state, env)
        let room = Self.room(bodyRows: height)
        var lines = [Panel.sectionTitle(title(state, env), right: CallView.position(first: scroll, shown: room, total: due.count, env), width: width)]
        guard !due.isEmpty else { return Drawing(lines + [Line([Span(" " + s(.noVisitsDue), .muted)])]) }
        let columns = VisitPresenter.columns(strings: s)
        let layout = Table.layout(columns, total: width - 1)
        lines.append(Line([Span(" ")] + Table.header(columns, layout: layout).spans))
        let chosen = current(due)?.unit.serial
        let rows = VisitPresenter.rows(due, today: LocalDate(state.now, in: env.zone), strings: s)
        for (visit, cells) in zip(due, rows).dropFirst(scroll).prefix(room) {
            let line = Table.line(cells, columns: columns, layout: layout, highlighted: visit.unit.serial == chosen)
            lines.append(Line([Span(" ")] + line.spans, highlighted: line.highlighted))
        }
        return Drawing(lines)
    }

    public static func handle(_ binding: KeyBinding, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        guard let view = state.top(VisitsView.self) else { return [] }
        let due = Self.due(state, env)
        let room = room(bodyRows: state.layout.bodyRows)
        if let step = binding.act.step(page: room, count: due.count) {
            guard !due.isEmpty else { return [] }
            let at = view.current(due).flatMap { current in due.firstIndex { $0.unit.serial == current.unit.serial } } ?? 0
            let to = max(0, min(due.count - 1, at + step))
            state.updateTop(VisitsView.self) { view in
                view.selected = due[to].unit.serial
                view.place = to
                if to < view.scroll { view.scroll = to }
                if to >= view.scroll + room { view.scroll = to - room + 1 }
            }
            return []
        }
        switch binding.act {
        case .recordVisit:
            guard let visit = view.current(due) else {
                state.say(env.strings(.noVisitsDue), error: true)
                return []
            }
            return DeskActions.recordVisit(visit.unit.serial, &state, env)
        case .back: state.close()
        case .commandLine: state.open(.line(LineInput(.command)))
        case .help: state.open(.help(HelpView(of: .visits(view))))
        case .redraw: return [.repaint]
        default: break
        }
        return []
    }
}
