import CallboardCore

/// The new-call form: a field per intake fact, Tab and Shift-Tab (or ↓ ↑) between them, Enter
/// saves, Esc cancels (asking first if something was typed). A refusal shows under the field it
/// names, with everything typed kept. Fields are as wide as the screen allows, and a field's
/// limit is said beside it: typing past it is not taken.
public struct FormView: ConsoleView {
    public var form = CallForm()

    public init(form: CallForm = CallForm()) { self.form = form }

    public static let table = KeyTable([
        KeyBinding([.tab, .down], "Tab/⇧Tab", .nextField, .keyNextField, footer: true),
        KeyBinding([.backTab, .up], "", .previousField, .keyNextField),
        KeyBinding([.enter], "Enter", .save, .keySave, changesDesk: true, essential: true),
        KeyBinding([.escape], "Esc", .dismiss, .keyCancel, essential: true),
    ])

    public func keys(_ state: ConsoleState) -> KeyTable { Self.table }

    public func title(_ state: ConsoleState, _ env: ConsoleEnvironment) -> String { env.strings[.formTitle] }

    public func draw(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int, height: Int) -> Drawing {
        let s = env.strings
        var lines: [Line] = []
        var cursor: (line: Int, column: Int)?
        if let error = form.error { lines.append(Line([Span("✗ " + error, .alert)])) }
        // Who is calling, as the desk knows them, and the calls this one may be about: above the
        // fields, where a short screen still shows them; repeats first, three at most.
        let (customer, found) = form.onRecord(in: state.desk, at: state.now)
        if let customer {
            lines.append(Line([Span(s[.formCustomerOnRecord, ["customer": customer.id.rawValue, "name": customer.name]], .ok)]))
        }
        let window = state.desk.currentPolicy?.desk.repeatWithin ?? DeskRules.standard.repeatWithin
        let related = found.sorted { $0.reason.isRepeat && !$1.reason.isRepeat }
        for one in related.prefix(3) {
            lines.append(Line([Span("! " + s[one.message(window: window)], one.reason.isRepeat ? .alert : .warning)]))
        }
        if related.count > 3 { lines.append(Line([Span("! " + s[.formMoreRelated, ["count": "\(related.count - 3)"]], .warning)])) }
        // As wide as the panel, less the label and a count such as 123/1000.
        let inputWidth = max(8, width - 4 - Panel.labelWidth - 2 - 10)
        for (index, field) in form.fields.enumerated() {
            let focused = index == form.focus
            let label = s[field.label] + (field.required ? " *" : "")
            var (line, column) = Panel.input(label, field.input, focused: focused, inputWidth: inputWidth)
            if let limit = field.limit, focused || field.input.characters.count * 10 >= limit * 8 {
                let count = field.input.characters.count
                line.spans.append(Span(" \(count)/\(limit)", count >= limit ? .warning : .muted))
            }
            if focused { cursor = (lines.count, column) }
            lines.append(line)
            // The reason under the field, where there is room for all of it.
            if let error = field.error { lines.append(Line([Span(String(repeating: " ", count: Panel.labelWidth + 1) + "✗ " + error, .alert)])) }
        }
        lines.append(Line([]))
        lines.append(Line([Span(s[.formHint], .muted)]))
        lines += PastFixesPanel.lines(for: form.draft, state, env, width: width)
        return Drawing(lines, cursor: cursor)
    }

    public static func handle(_ binding: KeyBinding, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        guard let view = state.top(FormView.self) else { return [] }
        switch binding.act {
        case .nextField: state.updateTop(FormView.self) { $0.form.next() }
        case .previousField: state.updateTop(FormView.self) { $0.form.previous() }
        case .save:
            var form = view.form
            form.clearErrors()
            state.close()
            return DeskActions.decide(.intake(form.draft), asks: false, &state, env, returnTo: .form(FormView(form: form)))
        default:
            if view.form.isTouched {
                state.close()
                state.open(.confirm(ConfirmView(title: env.strings[.confirmTitle], lines: [env.strings[.confirmDiscard]],
                                                command: nil, previous: .form(view))))
            } else {
                state.close()
            }
        }
        return []
    }

    public static func type(_ key: Key, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        var full: (label: ConsoleText, limit: Int)?
        let customers = state.desk.customers
        state.updateTop(FormView.self) { view in
            if !view.form.edit(key), let limit = view.form.fields[view.form.focus].limit {
                full = (view.form.fields[view.form.focus].label, limit)
            }
            // As the phone, the serial or a customer's ID is typed, what the desk knows fills the empty fields.
            if [.phone, .serial, .customer].contains(view.form.fields[view.form.focus].id) { view.form.fill(from: customers) }
        }
        if let full {
            let s = env.strings
            state.say(s[.fieldFull, ["field": s[full.label], "limit": "\(full.limit)"]], error: true)
        }
        return []
    }
}
