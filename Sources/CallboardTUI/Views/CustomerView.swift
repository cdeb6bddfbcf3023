import CallboardCore
import Foundation

/// A customer's whole history, over the whole body (`K` on a call, in the queue or in full):
/// their record as `customer show` prints it (numbers, address, contacts, units with their
/// warranty end; CustomerPresenter), then every call intake linked to them that the console
/// holds, open and closed, newest first, each a line to select and open in full with Enter.
/// Calls closed long ago are retired from the console's memory (only the journal keeps them):
/// the last line counts them and Enter on it reads them all, as `callboard customer show` does.
public struct CustomerView: ConsoleView {
    /// A line that can be selected: one of the customer's calls, or the older ones in the journal.
    public enum Entry: Equatable, Sendable {
        case call(CallID)
        case older
    }

    public var customer: CustomerID
    /// Kept by call, so the selection stays on it as calls come and change.
    public var selected: Entry?
    /// The first line shown (under the title).
    public var scroll = 0

    public init(customer: CustomerID, selected: Entry? = nil) {
        self.customer = customer
        self.selected = selected
    }

    public var isPanel: Bool { false }

    public static let table = CommonKeys.selectingLines + KeyTable([
        KeyBinding([.enter], "Enter", .open, .keyOpenCustomerLine, footer: true, rank: 9),
        KeyBinding([.escape, .character("q")], "Esc", .back, .keyBack, essential: true),
    ]) + CommonKeys.always

    public func keys(_ state: ConsoleState) -> KeyTable { Self.table }

    public func title(_ state: ConsoleState, _ env: ConsoleEnvironment) -> String {
        guard let found = state.desk.customers[customer] else { return customer.rawValue }
        return env.strings[.customerTitle, ["customer": CustomerPresenter.heading(found, strings: env.strings)]]
    }

    /// The customer of a call: the one intake linked it to, else (a call taken before the
    /// customer was recorded) the one its number belongs to.
    public static func customer(of call: ServiceCall, in desk: DeskState) -> Customer? {
        call.intake.customerID.flatMap { desk.customers[$0] } ?? desk.customers.customer(phone: call.intake.phone)
    }

    /// The customer's calls the console holds, newest first, and how many more only the
    /// journal has (retired).
    static func calls(of id: CustomerID, in desk: DeskState) -> (held: [ServiceCall], retired: Int) {
        let ids = desk.customers.calls[id] ?? []
        let held = ids.compactMap { desk.calls[$0] }
        return (held.reversed(), ids.count - held.count)
    }

    /// Every line of the body under the title, each with what selecting it means.
    func content(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int) -> [(line: Line, entry: Entry?)] {
        let s = env.strings
        guard let found = state.desk.customers[customer] else { return [(Line([Span(" " + s[.customerGone, ["customer": "\(customer)"]])]), nil)] }
        var out: [(line: Line, entry: Entry?)] = []
        let today = LocalDate(state.now, in: env.zone)
        for text in CustomerPresenter.record(found, state: state.desk, today: today, strings: s) {
            for line in DisplayText.wrap(text, width: max(10, width - 1), indent: 12) { out.append((Line([Span(" " + line)]), nil)) }
        }
        let (held, retired) = Self.calls(of: customer, in: state.desk)
        out.append((Line([]), nil))
        out.append((Line([Span(" " + s[.customerCalls, ["count": "\(held.count + retired)", "open": "\(held.filter { $0.closedAt == nil }.count)"]], .title)]), nil))
        if held.isEmpty && retired == 0 { out.append((Line([Span("   " + s(.noCalls), .muted)]), nil)) }
        for call in held {
            let text = CustomerPresenter.callLine(call, state: state.desk, zone: env.zone, strings: s)
            out.append((Panel.clip([Span("   " + text, call.closedAt == nil ? .plain : .muted)], width: width), .call(call.id)))
        }
        if retired > 0 {
            out.append((Panel.clip([Span("   " + s[.customerOlderCalls, ["count": "\(retired)", "customer": "\(customer)"]], .muted)], width: width), .older))
        }
        return out
    }

    /// The body's rows under the title.
    static func room(bodyRows: Int) -> Int { max(1, bodyRows - 1) }

    public func draw(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int, height: Int) -> Drawing {
        let all = content(state, env, width: width)
        let room = Self.room(bodyRows: height)
        let first = firstShown(all, room: room)
        var lines = [Panel.sectionTitle(title(state, env), right: CallView.position(first: first, shown: room, total: all.count, env), width: width)]
        for (line, entry) in all.dropFirst(first).prefix(room) {
            var line = line
            line.highlighted = entry != nil && entry == current(all)
            lines.append(line)
        }
        return Drawing(lines)
    }

    /// The first line shown: where it was scrolled to, moved as little as keeps the selected
    /// line in view (the call it was opened on may be far down a long history).
    func firstShown(_ all: [(line: Line, entry: Entry?)], room: Int) -> Int {
        var first = min(scroll, max(0, all.count - room))
        if let entry = current(all), let row = all.firstIndex(where: { $0.entry == entry }) {
            if row < first { first = row }
            if row >= first + room { first = row - room + 1 }
        }
        return max(0, first)
    }

    /// The entry selected: the one kept, else the first.
    func current(_ all: [(line: Line, entry: Entry?)]) -> Entry? {
        let entries = all.compactMap(\.entry)
        if let selected, entries.contains(selected) { return selected }
        return entries.first
    }

    /// Moves the selection `steps` entries on and keeps it in view (or scrolls, when the
    /// customer has no entries to select).
    mutating func move(by steps: Int, _ all: [(line: Line, entry: Entry?)], room: Int) {
        let entries = all.compactMap(\.entry)
        guard !entries.isEmpty else {
            scroll = Scrolling.scrolled(scroll, by: steps, total: all.count, room: room)
            return
        }
        let at = current(all).flatMap { entries.firstIndex(of: $0) } ?? 0
        selected = entries[max(0, min(entries.count - 1, at + steps))]
        // Back at the first call, the record above it comes back into view.
        scroll = steps < 0 && entries.first == selected ? 0 : scroll
        scroll = firstShown(all, room: room)
    }

    /// `K`: the customer of the call `id`, over what is shown. From a call opened out of that
    /// customer's history, back to the history rather than a second one on top.
    static func open(for id: CallID?, _ state: inout ConsoleState, _ env: ConsoleEnvironment) {
        let s = env.strings
        guard let id, let call = state.desk.calls[id] else {
            state.say(s[.noCallSelected], error: true)
            return
        }
        guard let found = customer(of: call, in: state.desk) else {
            state.say(s[.callHasNoCustomer, ["call": "\(id)", "customer": DisplayText.sanitized(call.intake.customer)]], error: true)
            return
        }
        if state.stack.count >= 2, case .call = state.top, case .customer(let below) = state.stack[state.stack.count - 2], below.customer == found.id {
            state.close()
            state.updateTop(CustomerView.self) { $0.selected = .call(id) }
            return
        }
        state.open(.customer(CustomerView(customer: found.id, selected: .call(id))))
    }

    public static func handle(_ binding: KeyBinding, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        guard let view = state.top(CustomerView.self) else { return [] }
        let room = room(bodyRows: state.layout.bodyRows)
        let all = view.content(state, env, width: state.width)
        if let step = binding.act.step(page: room, count: all.count) {
            state.updateTop(CustomerView.self) { $0.move(by: step, all, room: room) }
            return []
        }
        switch binding.act {
        case .open:
            switch view.current(all) {
            case .call(let id)?: state.open(.call(CallView(call: id)))
            // What the console does not hold, the command line reads from the journal.
            case .older?: return [.runCommandLine(["customer", "show", view.customer.rawValue])]
            case nil: state.say(env.strings[.noCallSelected], error: true)
            }
        case .back: state.close()
        case .commandLine: state.open(.line(LineInput(.command)))
        case .help: state.open(.help(HelpView(of: .customer(view))))
        case .redraw: return [.repaint]
        default: break
        }
        return []
    }
}
