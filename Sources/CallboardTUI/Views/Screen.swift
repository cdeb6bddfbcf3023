import CallboardCore
import Foundation

/// One view of the console, in the manner of tig's view.h: a title, a body drawn from the
/// state, a key table, and what each act of the table does there. The engine (ConsoleReducer
/// for keys, Renderer for frames) drives every view the same way, so a new screen is one file.
public protocol ConsoleView: Equatable, Sendable {
    /// Its key table: the keys, the footer's hints, help and read-only refusals all come from it.
    func keys(_ state: ConsoleState) -> KeyTable
    /// A panel drawn over the page (a form, a question), or a body of its own.
    var isPanel: Bool { get }
    func title(_ state: ConsoleState, _ env: ConsoleEnvironment) -> String
    /// Its lines for a body `width` columns wide and at most `height` lines tall.
    func draw(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int, height: Int) -> Drawing
    /// What a binding of its table does (`binding.act`; `binding.asksFirst` says whether a
    /// record it leads to is first described in a question).
    static func handle(_ binding: KeyBinding, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect]
    /// A key its table does not bind: typed text in a view that takes text.
    static func type(_ key: Key, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect]
    /// The call its keys act on (the selected one, the one shown in full); nil for none.
    var callInView: CallID? { get }
}

extension ConsoleView {
    public var isPanel: Bool { true }
    public var callInView: CallID? { nil }
    public static func type(_ key: Key, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] { [] }
}

/// What a view draws: its lines, and where the text cursor is when something is being typed.
public struct Drawing {
    public var lines: [Line]
    public var cursor: (line: Int, column: Int)?

    public init(_ lines: [Line], cursor: (line: Int, column: Int)? = nil) {
        self.lines = lines
        self.cursor = cursor
    }
}

/// The views the console can show: the two pages and what opens over them.
public indirect enum Screen: Equatable, Sendable {
    /// The call queue with the roster (the page; its state is `ConsoleState.queue`).
    case queue
    /// The supervisor board (the page; its state is `ConsoleState.board`).
    case board
    case call(CallView)
    /// A customer's record and whole history.
    case customer(CustomerView)
    /// What became of the calls received in some days, per group and per day.
    case report(ReportView)
    /// The warranty's scheduled visits due.
    case visits(VisitsView)
    case help(HelpView)
    case form(FormView)
    case picker(PickerView)
    case prompt(PromptView)
    /// What fixed a call, asked when it is marked fixed.
    case resolve(ResolveView)
    case confirm(ConfirmView)
    case output(OutputView)
    /// The filter (`/`) or a command line (`:`) being typed in the footer.
    case line(LineInput)

    /// The view itself, for the engine.
    public func view(in state: ConsoleState) -> any ConsoleView {
        switch self {
        case .queue: state.queue
        case .board: state.board
        case .call(let view): view
        case .customer(let view): view
        case .report(let view): view
        case .visits(let view): view
        case .help(let view): view
        case .form(let view): view
        case .picker(let view): view
        case .prompt(let view): view
        case .resolve(let view): view
        case .confirm(let view): view
        case .output(let view): view
        case .line(let view): view
        }
    }

    /// The view's type, whose handlers the engine calls.
    var kind: any ConsoleView.Type {
        switch self {
        case .queue: QueueView.self
        case .board: BoardView.self
        case .call: CallView.self
        case .customer: CustomerView.self
        case .report: ReportView.self
        case .visits: VisitsView.self
        case .help: HelpView.self
        case .form: FormView.self
        case .picker: PickerView.self
        case .prompt: PromptView.self
        case .resolve: ResolveView.self
        case .confirm: ConfirmView.self
        case .output: OutputView.self
        case .line: LineInput.self
        }
    }

    /// Changes the view if it is a `V`.
    mutating func update<V>(_ type: V.Type, _ change: (inout V) -> Void) {
        func apply<T>(_ value: T, _ wrap: (T) -> Screen) {
            guard var view = value as? V else { return }
            change(&view)
            if let back = view as? T { self = wrap(back) }
        }
        switch self {
        case .queue, .board: return
        case .call(let v): apply(v, Screen.call)
        case .customer(let v): apply(v, Screen.customer)
        case .report(let v): apply(v, Screen.report)
        case .visits(let v): apply(v, Screen.visits)
        case .help(let v): apply(v, Screen.help)
        case .form(let v): apply(v, Screen.form)
        case .picker(let v): apply(v, Screen.picker)
        case .prompt(let v): apply(v, Screen.prompt)
        case .resolve(let v): apply(v, Screen.resolve)
        case .confirm(let v): apply(v, Screen.confirm)
        case .output(let v): apply(v, Screen.output)
        case .line(let v): apply(v, Screen.line)
        }
    }

    /// The view if it is a `V`.
    func `as`<V>(_ type: V.Type) -> V? {
        switch self {
        case .queue, .board: nil
        case .call(let v): v as? V
        case .customer(let v): v as? V
        case .report(let v): v as? V
        case .visits(let v): v as? V
        case .help(let v): v as? V
        case .form(let v): v as? V
        case .picker(let v): v as? V
        case .prompt(let v): v as? V
        case .resolve(let v): v as? V
        case .confirm(let v): v as? V
        case .output(let v): v as? V
        case .line(let v): v as? V
        }
    }
}

extension ConsoleState {
    /// The top view if it is a `V`.
    public func top<V>(_ type: V.Type) -> V? { top.as(type) }
}
