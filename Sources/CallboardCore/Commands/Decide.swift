import Foundation

extension DeskState {
    /// Checks `command` against the desk as it stands and returns the events that record it
    /// (one, preceded by a policy adoption when a call is timed under a policy the journal has
    /// not seen), or throws a `DeskError` that says why not and what to do instead. Never
    /// changes state.
    public func decide(_ command: Command, _ context: CommandContext) throws(DeskError) -> [Event] {
        try permit(command, context)
        var adoption: [Event] = []
        var pending: (number: Int, at: Date)?
        if let policy = context.policy, currentPolicy?.source != policy.source {
            // The desk's first policy comes with its first call; changing it is a supervisor's.
            if currentPolicy != nil, context.role < .supervisor, { if case .intake = command { true } else { false } }() {
                throw .forbidden("the desk's policy file has changed, and a new policy is adopted by a supervisor (\(Self.who(.supervisor, context))); you are \(context.actor), a \(context.role.rawValue). Ask a supervisor to take the next call or to retime, or run with the desk's current policy")
            }
            switch command {
            case .intake, .retime:
                let number = (policies.keys.max() ?? 0) + 1
                adoption = [Event(occurredAt: context.now, recordedAt: context.now, actor: context.actor, change: .policyAdopted(number, policy))]
                pending = (number, context.now)
            default: break
            }
        }
        // New calls take the policy in force when they were received (a call recorded late is
        // still timed by the promises made when the customer called); a retime takes the newest.
        let policy = if case .retime = command { pending?.number ?? currentPolicyNumber } else { policyInForce(at: context.occurredAt, pending: pending) }
        let event = try decideOne(command, context, policy: policy)
        if case .callReceived(_, _, let used) = event.change, used != pending?.number { adoption = [] }
        return adoption + [event]
    }

    private func decideOne(_ command: Command, _ context: CommandContext, policy policyInForce: Int?) throws(DeskError) -> Event {
        let at = context.occurredAt
        if at > context.now {
            throw .refused("time \(TimeText.dateTime(at, in: context.timeZone)) is in the future (now \(TimeText.dateTime(context.now, in: context.timeZone))); record events when they have happened", field: .at)
        }
        if context.now.timeIntervalSince(at) > Self.oldestRecordable {
            throw .refused("time \(TimeText.dateTime(at, in: context.timeZone)) is more than 30 days ago; check the date (the desk records what happened recently)", field: .at)
        }
        func event(_ change: Change) -> Event {
            Event(occurredAt: at, recordedAt: context.now, actor: context.actor, change: change)
        }
        switch command {
        case .addTechnician(let draft):
            var technician = try draft.validated()
            // The region in the policy's words, so 市区 covers the calls of city.
            if let region = technician.region, let policy = context.policy ?? currentPolicy {
                technician.region = policy.vocabulary.name(for: region, in: .region) ?? region
            }
            if let existing = technicians[technician.id] {
                throw .refused("technician \(technician.id) already exists (\(existing.name))", field: .id)
            }
            return event(.technicianAdded(technician))

        case .intake(let draft):
            // In the words of the policy it is timed under: aliases become the names they stand
            // for, and a word that would silently change its promises is refused.
            let vocabulary = policy(numbered: policyInForce, adopting: context.policy).vocabulary
            let intake = try vocabulary.settled(draft.validated(), served: { servedRegions })
            if let purchased = intake.purchased, purchased.dayNumber > LocalDate(context.now, in: context.timeZone).dayNumber {
                throw .invalid(.purchased, "purchase date \(purchased) is in the future; check the date on the invoice")
            }
            return event(.callReceived(CallID(number: nextCallNumber), intake, policy: policyInForce))

        case .assign(let id, let technicianID, let reassign):
            let call = try activeCall(id, context, doing: "assign")
            guard let technician = technicians[technicianID] else {
                throw .notFound(.technician, "no technician \(technicianID) on the roster; add one with: callboard tech add \(technicianID) --name NAME")
            }
            if let current = call.technician {
                let handedOver = call.lastEvent { if case .assigned = $0 { true } else { false } }
                let by = handedOver.map { " by \($0.actor) at \(TimeText.short($0.occurredAt, in: context.timeZone))" } ?? ""
                if current == technicianID {
                    throw .refused("\(id) is already assigned to \(current) \(technicians[current]?.name ?? "")\(by)")
                }
                if !reassign {
                    throw .refused("\(id) is already assigned to \(current) \(technicians[current]?.name ?? "")\(by); use --reassign to hand it to \(technician.id)")
                }
                if call.arrivedAt != nil {
                    throw .refused("\(current) is already on site for \(id); resolve the call or note why a second engineer is needed")
                }
            }
            try notBefore(call, at, context)
            return event(.assigned(id, technicianID, previous: call.technician))

        case .respond(let id):
            let call = try activeCall(id, context, doing: "respond to")
            if let responded = call.respondedAt {
                let by = call.lastEvent { $0 == .responded(id) }.map { " by \($0.actor)" } ?? ""
                throw .refused("\(id) was already responded to at \(TimeText.short(responded, in: context.timeZone))\(by)")
            }
            try notBefore(call, at, context)
            return event(.responded(id))

        case .depart(let id):
            let call = try activeCall(id, context, doing: "record a departure for")
            let technician = try assignedTechnician(call)
            if let arrived = call.arrivedAt {
                throw .refused("\(technician) already arrived at \(id) at \(TimeText.short(arrived, in: context.timeZone))")
            }
            if let departed = call.departedAt {
                throw .refused("\(technician) already departed for \(id) at \(TimeText.short(departed, in: context.timeZone))")
            }
            try notBefore(call, at, context)
            return event(.departed(id))

        case .arrive(let id):
            let call = try activeCall(id, context, doing: "record an arrival for")
            let technician = try assignedTechnician(call)
            if let arrived = call.arrivedAt {
                throw .refused("\(technician) already arrived at \(id) at \(TimeText.short(arrived, in: context.timeZone))")
            }
            try notBefore(call, at, context)
            return event(.arrived(id))

        case .resolve(let id):
            let call = try activeCall(id, context, doing: "resolve")
            try notBefore(call, at, context)
            return event(.resolved(id))

        case .close(let id):
            let call = try existingCall(id)
            if let closed = call.closedAt {
                throw .refused("\(id) was already closed at \(TimeText.short(closed, in: context.timeZone))")
            }
            guard call.resolvedAt != nil else {
                throw .refused("\(id) is \(call.status.label), not resolved; resolve it first (callboard resolve \(id))")
            }
            try notBefore(call, at, context)
            return event(.closed(id))

        case .note(let id, let text):
            let call = try existingCall(id)
            let note = try TextRules.clean(text, field: .text, label: "note", required: true, maxLength: 2000)!
            try notBefore(call, at, context)
            return event(.noted(id, note))

        case .pause(let id, let reason):
            let call = try activeCall(id, context, doing: "pause")
            let why = try Self.reason(reason)
            if let open = call.pauses.last, open.end == nil {
                throw .refused("\(id) has been paused since \(TimeText.short(open.start, in: context.timeZone)) (\(open.reason)); resume it first")
            }
            try notBefore(call, at, context)
            return event(.paused(id, reason: why))

        case .resume(let id):
            let call = try activeCall(id, context, doing: "resume")
            guard call.isPaused else { throw .refused("\(id) is not paused; its timers are running") }
            try notBefore(call, at, context)
            return event(.resumed(id))

        case .relevel(let id, let levelText, let reason):
            let call = try activeCall(id, context, doing: "relevel")
            // The level is the verb's own argument, not a --level option.
            let level: FaultLevel
            do { level = try FaultLevel.parse(levelText) } catch { throw DeskError(error.kind, field: nil, error.message) }
            let why = try Self.reason(reason)
            if call.intake.level == level { throw .refused("\(id) is already level \(level.rawValue)") }
            try notBefore(call, at, context)
            return event(.releveled(id, level, from: call.intake.level, reason: why))

        case .acknowledge(let id):
            let call = try existingCall(id)
            guard !call.pendingEscalations.isEmpty else {
                if let last = call.escalations.last(where: { $0.acknowledgedAt != nil }) {
                    throw .refused("\(id)'s escalations were already acknowledged by \(last.acknowledgedBy ?? "someone") at \(TimeText.short(last.acknowledgedAt!, in: context.timeZone))")
                }
                throw .refused("\(id) has no escalation to acknowledge")
            }
            try notBefore(call, at, context)
            return event(.acknowledged(id))

        case .accept(let id, let who):
            let call = try activeCall(id, context, doing: "accept")
            if let technician = call.technician { throw .refused("\(id) is already assigned to \(technician)") }
            guard let request = call.dispatchRequest else {
                throw .refused("nobody was asked to take \(id); a dispatcher assigns it (callboard assign \(id) TECH)")
            }
            if at > request.until {
                throw .refused("the offer of \(id) to \(request.technician) lapsed at \(TimeText.short(request.until, in: context.timeZone)); it goes to the next engineer")
            }
            // An engineer accepts only what was offered to them; a dispatcher may for the one asked.
            let me = context.roles.technicians[context.actor]
            if let me, context.role < .dispatcher, me != request.technician {
                throw .forbidden("\(id) was offered to \(request.technician) \(technicians[request.technician]?.name ?? ""), not to you (\(me))")
            }
            if let who, who != request.technician {
                throw .refused("\(id) was offered to \(request.technician) \(technicians[request.technician]?.name ?? ""), not \(who)", field: .technician)
            }
            try notBefore(call, at, context)
            return event(.accepted(id, request.technician))

        case .cancel(let id, let reason):
            let call = try existingCall(id)
            let why = try Self.reason(reason)
            if call.closedAt != nil { throw .refused("\(id) is already \(call.cancelled ? "cancelled" : "closed")") }
            try notBefore(call, at, context)
            return event(.cancelled(id, reason: why))

        case .reopen(let id, let reason):
            let call = try existingCall(id)
            let why = try Self.reason(reason)
            guard call.closedAt != nil || call.resolvedAt != nil else { throw .refused("\(id) is open; there is nothing to reopen") }
            try notBefore(call, at, context)
            return event(.reopened(id, reason: why))

        case .replaceUnit(let id):
            let call = try activeCall(id, context, doing: "record a replacement for")
            guard call.intake.serial != nil else {
                throw .refused("\(id) has no serial number; a replacement is recorded for a known unit (intake --serial)")
            }
            try notBefore(call, at, context)
            return event(.unitReplaced(id))

        case .retime(let id, let reason):
            let call = try activeCall(id, context, doing: "retime")
            let why = try Self.reason(reason)
            guard let number = policyInForce else {
                throw .refused("the desk has no policy to retime \(id) under; give one with --policy")
            }
            if call.policyNumber == number { throw .refused("\(id) is already timed under the desk's current policy (#\(number))") }
            try notBefore(call, at, context)
            return event(.retimed(id, policy: number, reason: why))
        }
    }

    /// Roles: a viewer changes nothing, a dispatcher runs the queue, a supervisor may also
    /// relevel, retime, cancel and reopen. A refusal says who may.
    private func permit(_ command: Command, _ context: CommandContext) throws(DeskError) {
        let needed = command.requiredRole
        guard context.role < needed else { return }
        throw .forbidden("\(command.verb) is for a \(needed.rawValue) (\(Self.who(needed, context))); you are \(context.actor), a \(context.role.rawValue)")
    }

    static func who(_ role: Role, _ context: CommandContext) -> String {
        let people = context.roles.people(atLeast: role)
        return people.isEmpty ? "nobody is named in the desk configuration" : people.joined(separator: ", ")
    }

    /// Pausing, releveling and retiming change a customer's promise: they need a reason.
    private static func reason(_ text: String) throws(DeskError) -> String {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalid(.reason, "a reason is required, for example: \"waiting for parts\"")
        }
        return try TextRules.clean(text, field: .reason, label: "reason", required: true, maxLength: 200)!
    }

    /// How far back `--at` may reach: further is almost always a mistyped date.
    public static let oldestRecordable: TimeInterval = 30 * 86_400

    private func existingCall(_ id: CallID) throws(DeskError) -> ServiceCall {
        guard let call = calls[id] else { throw .noSuchCall(id) }
        return call
    }

    /// The call, if work can still be done on it.
    private func activeCall(_ id: CallID, _ context: CommandContext, doing verb: String) throws(DeskError) -> ServiceCall {
        let call = try existingCall(id)
        if let closed = call.closedAt {
            throw .refused("cannot \(verb) \(id): it was closed at \(TimeText.short(closed, in: context.timeZone))")
        }
        if let resolved = call.resolvedAt {
            throw .refused("cannot \(verb) \(id): it was resolved at \(TimeText.short(resolved, in: context.timeZone))")
        }
        return call
    }

    private func assignedTechnician(_ call: ServiceCall) throws(DeskError) -> TechnicianID {
        guard let technician = call.technician else {
            throw .refused("\(call.id) has no technician yet; assign one first (callboard assign \(call.id) TECH)")
        }
        return technician
    }

    /// A call's history only moves forward: nothing may be recorded before its last event.
    private func notBefore(_ call: ServiceCall, _ at: Date, _ context: CommandContext) throws(DeskError) {
        let last = call.lastEventAt
        if at < last {
            throw .refused("time \(TimeText.dateTime(at, in: context.timeZone)) is before \(call.id)'s last event at \(TimeText.dateTime(last, in: context.timeZone)); a call's history cannot be rewritten", field: .at)
        }
    }
}
