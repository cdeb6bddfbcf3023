import CallboardCore
import CallboardStore
@testable import CallboardTUI
import Foundation

/// A console without a terminal: its state, fed actions through the one reducer, drawn by the
/// renderer. Effects are returned for the test to look at (nothing is recorded).
struct TestConsole {
    var state: ConsoleState
    var env: ConsoleEnvironment

    init(_ desk: DeskState, now: Date = PresenterTests.now, width: Int = 120, height: Int = 40, readOnly: Bool = false,
         page: ConsoleState.Page = .queue, strings: UIStrings = .english, actor: String = "wangfang", roles: DeskRoles = .everyone,
         policy: SLAPolicy? = nil) {
        DisplayText.adoptUTF8Locale()
        state = ConsoleState(desk: desk, position: .start, now: now, readOnly: readOnly, page: page)
        let zone = PresenterTests.zone
        env = ConsoleEnvironment(zone: zone, strings: strings, policy: policy,
                                 verbs: ["assign", "arrive", "intake", "journal verify", "journal repair", "note", "tech add", "tech list"]) { now in
            CommandContext(now: now, actor: actor, timeZone: zone, policy: policy, roles: roles)
        }
        send(.resized(width: width, height: height))
        send(.read(desk, .start, []))
    }

    @discardableResult
    mutating func send(_ action: ConsoleAction) -> [ConsoleEffect] {
        ConsoleReducer.reduce(&state, action, env)
    }

    /// Each key in turn; the effects of all of them.
    @discardableResult
    mutating func press(_ keys: Key...) -> [ConsoleEffect] { press(keys) }

    @discardableResult
    mutating func press(_ keys: [Key]) -> [ConsoleEffect] { keys.flatMap { send(.key($0)) } }

    @discardableResult
    mutating func type(_ text: String) -> [ConsoleEffect] { press(text.map { Key.character($0) }) }

    /// Opens the new-call form and types its three required fields (customer, phone, fault),
    /// leaving the focus on the fault.
    mutating func typeNewCall(customer: String = "上海", phone: String = "021-6952 3310", summary: String = "卡纸") {
        press(.character("n"))
        type(customer)
        press(.tab)
        type(phone)
        press(.tab)
        type(summary)
    }

    var frame: Frame { Renderer.frame(state, env) }
    var screen: String { frame.text }

    /// Records what `effects` ask to record, as the run loop would on a log nobody else writes
    /// to, and feeds the outcome back; the effects that follows.
    @discardableResult
    mutating func carry(_ effects: [ConsoleEffect]) -> [ConsoleEffect] {
        guard let request = Self.record(effects) else { return [] }
        var desk = state.desk
        for event in request.decided { desk.apply(event) }
        return send(.recorded(request, .recorded(request.decided, desk, state.position, warnings: [])))
    }

    /// The record request among `effects`, if there is one.
    static func record(_ effects: [ConsoleEffect]) -> RecordRequest? {
        for case .record(let request) in effects { return request }
        return nil
    }
}
