import CallboardCore
import Foundation

/// What a key needs to know about the desk at the moment it is pressed.
public struct ConsoleContext {
    public var state: DeskState
    /// The queue as shown (filtered and sorted).
    public var order: [CallID]
    public var now: Date
    public var zone: TimeZone
    public var pageSize: Int
    public var strings: UIStrings
    /// A wall display or a viewer: keys that would change something are refused.
    public var readOnly = false
    /// Why the desk would refuse a command now (nil: it would take it), so a question is never
    /// asked about something that would then be refused.
    public var check: (Command) -> String? = { _ in nil }

    public init(state: DeskState, order: [CallID], now: Date, zone: TimeZone, pageSize: Int, strings: UIStrings, readOnly: Bool = false) {
        self.readOnly = readOnly
        self.state = state
        self.order = order
        self.now = now
        self.zone = zone
        self.pageSize = pageSize
        self.strings = strings
    }
}

/// The console's key handling: a key and the model in, the model changed and an effect out.
/// Pure, so every flow can be tested without a terminal; the run loop carries effects out.
public enum ConsoleController {
    public static func handle(_ key: Key, model: inout ConsoleModel, context: ConsoleContext) -> ConsoleEffect {
        if key == .resize { return .none }
        switch model.mode {
        case .queue: return queueKey(key, &model, context)
        case .help:
            model.mode = .queue
            return key == .character("q") ? .none : .none
        case .form(var form): return formKey(key, &form, &model, context)
        case .picker(var picker): return pickerKey(key, &picker, &model, context)
        case .prompt(var prompt): return promptKey(key, &prompt, &model, context)
        case .confirm(let confirmation):
            switch key {
            case .character("y"), .character("Y"):
                model.mode = .queue
                return confirmation.effect
            case .character("n"), .character("N"), .escape:
                model.mode = confirmation.previous
            default: break
            }
            return .none
        case .filter(var field):
            switch key {
            case .enter:
                model.mode = .queue
            case .escape:
                model.filter = QueueFilter()
                model.mode = .queue
            default:
                field.handle(key)
                model.filter = QueueFilter(field.text, aliases: context.strings.reverseVocabulary)
                model.mode = .filter(field)
            }
            return .none
        case .command(var field):
            switch key {
            case .enter:
                model.mode = .queue
                let words = CommandLineWords.split(field.text)
                if case .failure(let problem) = words {
                    model.say(problem.message, error: true)
                    return .none
                }
                guard case .success(let list) = words, !list.isEmpty else { return .none }
                return .commandLine(list)
            case .escape:
                model.mode = .queue
            default:
                field.handle(key)
                model.mode = .command(field)
            }
            return .none
        }
    }

    private static func queueKey(_ key: Key, _ model: inout ConsoleModel, _ context: ConsoleContext) -> ConsoleEffect {
        let s = context.strings
        guard let action = Keymap.action(for: key) else { return .none }
        let order = context.order
        let call = model.selected.flatMap { context.state.calls[$0] }
        /// Actions on a call need one selected.
        func withCall(_ body: (ServiceCall) -> ConsoleEffect) -> ConsoleEffect {
            guard let call else {
                model.say(s[.noCallSelected], error: true)
                return .none
            }
            return body(call)
        }
        let changesSomething: Set<ConsoleAction> = [.newCall, .assign, .respond, .depart, .arrive, .resolve, .close, .pause, .resume, .relevel, .note, .commandLine]
        if context.readOnly, changesSomething.contains(action) {
            model.say(s[.readOnly], error: true)
            return .none
        }
        switch action {
        case .quit: return .quit
        case .board: model.showBoard.toggle()
        case .redraw: return .redraw
        case .moveUp: model.move(by: -1, order: order)
        case .moveDown: model.move(by: 1, order: order)
        case .pageUp: model.move(by: -context.pageSize, order: order)
        case .pageDown: model.move(by: context.pageSize, order: order)
        case .first: model.move(by: -order.count, order: order)
        case .last: model.move(by: order.count, order: order)
        case .help: model.mode = .help
        case .toggleDetail: model.showDetail.toggle()
        case .filter: model.mode = .filter(TextField(model.filter.text))
        case .clearFilter:
            if !model.filter.isEmpty { model.filter = QueueFilter() }
            else if model.showDetail { model.showDetail = false }
        case .sort: model.sort = model.sort.next
        case .commandLine: model.mode = .command(TextField())
        case .newCall: model.mode = .form(CallForm())
        case .assign:
            return withCall { call in
                model.mode = .picker(AssignPicker(call: call.id, candidates: AssignmentRanking.rank(for: call, in: context.state, at: context.now, zone: context.zone)))
                return .none
            }
        case .respond: return withCall { .perform(.respond($0.id), onFailure: .queue) }
        case .depart: return withCall { .perform(.depart($0.id), onFailure: .queue) }
        case .arrive: return withCall { .perform(.arrive($0.id), onFailure: .queue) }
        case .resolve: return withCall { .perform(.resolve($0.id), onFailure: .queue) }
        case .close:
            return withCall { call in
                if let problem = context.check(.close(call.id)) {
                    model.say(problem, error: true)
                    return .none
                }
                model.mode = .confirm(Confirmation(question: s[.confirmClose, ["call": call.id.description, "customer": call.intake.customer]],
                                                   effect: .perform(.close(call.id), onFailure: .queue)))
                return .none
            }
        case .resume: return withCall { .perform(.resume($0.id), onFailure: .queue) }
        case .pause: return withCall { model.mode = .prompt(ReasonPrompt(purpose: .pause, call: $0.id)); return .none }
        case .note: return withCall { model.mode = .prompt(ReasonPrompt(purpose: .note, call: $0.id)); return .none }
        case .relevel: return withCall { model.mode = .prompt(ReasonPrompt(purpose: .relevel, call: $0.id)); return .none }
        }
        return .none
    }

    private static func formKey(_ key: Key, _ form: inout CallForm, _ model: inout ConsoleModel, _ context: ConsoleContext) -> ConsoleEffect {
        switch key {
        case .tab, .down: form.next()
        case .backTab, .up: form.previous()
        case .enter:
            form.clearErrors()
            model.mode = .form(form)
            return .perform(.intake(form.draft), onFailure: .form(form))
        case .escape:
            if form.isTouched {
                model.mode = .confirm(Confirmation(question: context.strings[.confirmDiscard], effect: .none, previous: .form(form)))
            } else {
                model.mode = .queue
            }
            return .none
        default:
            form.edit(key)
        }
        model.mode = .form(form)
        return .none
    }

    private static func pickerKey(_ key: Key, _ picker: inout AssignPicker, _ model: inout ConsoleModel, _ context: ConsoleContext) -> ConsoleEffect {
        let s = context.strings
        switch key {
        case .up, .character("k"): picker.move(by: -1)
        case .down, .character("j"): picker.move(by: 1)
        case .escape, .character("q"):
            model.mode = .queue
            return .none
        case .enter:
            guard let chosen = picker.chosen, let call = context.state.calls[picker.call] else { return .none }
            let tech = chosen.technician
            let reassign = call.technician != nil
            let effect = ConsoleEffect.perform(.assign(call.id, tech.id, reassign: reassign), onFailure: .picker(picker))
            var doubts: [String] = []
            if reassign, let current = call.technician {
                if current == tech.id {
                    model.say(s[.alreadyHas, ["tech": "\(tech.id) \(tech.name)", "call": call.id.description]], error: true)
                    return .none
                }
                doubts.append(s[.reassignFrom, ["from": current.rawValue]])
            }
            if !chosen.eligible { doubts.append(s[.offShiftNow, ["tech": "\(tech.id) \(tech.name)"]]) }
            if !doubts.isEmpty, let problem = context.check(.assign(call.id, tech.id, reassign: reassign)) {
                model.say(problem, error: true)
                model.mode = .picker(picker)
                return .none
            }
            if doubts.isEmpty {
                model.mode = .queue
                return effect
            }
            model.mode = .confirm(Confirmation(question: s[.confirmAssign, ["call": call.id.description, "tech": "\(tech.id) \(tech.name)", "doubts": doubts.joined(separator: "; ")]],
                                               effect: effect, previous: .picker(picker)))
            return .none
        default: break
        }
        model.mode = .picker(picker)
        return .none
    }

    private static func promptKey(_ key: Key, _ prompt: inout ReasonPrompt, _ model: inout ConsoleModel, _ context: ConsoleContext) -> ConsoleEffect {
        switch key {
        case .escape:
            model.mode = .queue
            return .none
        case .tab, .backTab:
            prompt.switchInput()
        case .enter:
            if prompt.purpose == .relevel {
                if let problem = context.check(prompt.command) {
                    prompt.error = problem
                    model.mode = .prompt(prompt)
                    return .none
                }
                let call = context.state.calls[prompt.call]
                model.mode = .confirm(Confirmation(question: context.strings[.confirmRelevel, [
                    "call": prompt.call.description, "from": call?.intake.level.map { String($0.rawValue) } ?? "-",
                    "to": prompt.level.text.trimmingCharacters(in: .whitespaces)]],
                    effect: .perform(prompt.command, onFailure: .prompt(prompt)), previous: .prompt(prompt)))
                return .none
            }
            model.mode = .queue
            return .perform(prompt.command, onFailure: .prompt(prompt))
        default:
            prompt.edit(key)
        }
        model.mode = .prompt(prompt)
        return .none
    }
}
