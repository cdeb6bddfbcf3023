import CallboardCore
import Foundation

/// One call in full, over the whole body: every field, each timer with its deadline, pauses, and
/// the history with who did what when, wrapped to the screen and scrolled with the arrow and page
/// keys. The call's own keys act on it here too.
public struct CallView: ConsoleView {
    public var call: CallID
    /// The first line shown.
    public var scroll = 0

    public init(call: CallID) { self.call = call }

    public var isPanel: Bool { false }
    public var callInView: CallID? { call }

    public static let table = CommonKeys.scrolling + KeyTable([
        KeyBinding([.escape, .enter, .character("q")], "Esc", .back, .keyBack, essential: true),
        KeyBinding([.character("K")], "K", .customer, .keyCustomer, footer: true, rank: 6),
    ]) + CommonKeys.callActions + CommonKeys.always

    public func keys(_ state: ConsoleState) -> KeyTable { Self.table }

    public func title(_ state: ConsoleState, _ env: ConsoleEnvironment) -> String {
        env.strings[.callTitle, ["call": call.description]]
    }

    /// The call's report, wrapped to `width`.
    func text(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int) -> [String] {
        guard let found = state.desk.calls[call] else { return [env.strings[.callGone, ["call": call.description]]] }
        let s = env.strings
        let report = CallReport.text(call: found, state: state.desk, timekeeper: env.timekeeper, now: state.now, zone: env.zone, strings: s)
        return report.split(separator: "\n", omittingEmptySubsequences: false).flatMap { DisplayText.wrap(String($0), width: width, indent: 2) }
    }

    /// The report's lines shown in a body `bodyRows` tall, under the title: for drawing and
    /// for the keys alike.
    static func room(bodyRows: Int) -> Int { max(1, bodyRows - 1) }

    public func draw(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int, height: Int) -> Drawing {
        let all = text(state, env, width: width - 1)
        let room = Self.room(bodyRows: height)
        let first = min(scroll, max(0, all.count - room))
        var lines = [Panel.sectionTitle(title(state, env), right: Self.position(first: first, shown: room, total: all.count, env), width: width)]
        lines += all.dropFirst(first).prefix(room).map { Panel.clip([Span(" " + $0)], width: width) }
        return Drawing(lines)
    }

    static func position(first: Int, shown: Int, total: Int, _ env: ConsoleEnvironment) -> String {
        total <= shown ? "" : env.strings[.linesRange, ["from": "\(first + 1)", "to": "\(min(total, first + shown))", "total": "\(total)"]]
    }

    public static func handle(_ binding: KeyBinding, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        guard let view = state.top(CallView.self) else { return [] }
        if binding.act.moves {
            // Only a moving key needs the report laid out (it is built and wrapped whole).
            let room = room(bodyRows: state.layout.bodyRows)
            let total = view.text(state, env, width: state.width - 1).count
            let step = binding.act.step(page: room, count: total) ?? 0
            state.updateTop(CallView.self) { $0.scroll = Scrolling.scrolled($0.scroll, by: step, total: total, room: room) }
            return []
        }
        switch binding.act {
        case .back: state.close()
        case .customer: CustomerView.open(for: view.call, &state, env)
        case .commandLine: state.open(.line(LineInput(.command)))
        case .help: state.open(.help(HelpView(of: .call(view))))
        case .redraw: return [.repaint]
        default: return DeskActions.perform(binding, on: view.call, &state, env)
        }
        return []
    }
}
