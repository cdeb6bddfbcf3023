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
                throw .forbidden(DeskText.policyNeedsSupervisor(["who": context.roles.who(atLeast: .supervisor), "actor": .text(context.actor),
                                                                  "actorRole": .message(context.role.text)]))
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
        return adoption + [event] + dissatisfaction(event)
    }

    /// A score at or below the call's policy's threshold reopens the call (the event says so:
    /// the engineer goes back, a return visit is owed) and tells the policy's `notify` (the
    /// supervisor), as an escalation of the follow-up.
    private func dissatisfaction(_ event: Event) -> [Event] {
        guard case .followedUp(let id, _, _, true) = event.change, let call = calls[id] else { return [] }
        let rules = Timekeeper.policy(for: call, in: self).followUpRules
        return [Event(occurredAt: event.occurredAt, recordedAt: event.recordedAt, actor: event.actor,
                      change: .escalated(id, step: FollowUps.dissatisfiedStep, timer: .followup, notify: rules.notify))]
    }

    /// `followup`: a score (1 to 5) after the fix, or a call that did not reach the customer;
    /// the policy's last such attempt ends the follow-up.
    private func followUp(_ id: CallID, score: Int?, comment: String?, _ context: CommandContext) throws(DeskError) -> Change {
        let call = try existingCall(id)
        let words = try TextRules.clean(comment, field: .comment, required: false, maxLength: 500)
        if let score, !(1...5).contains(score) { throw .invalid(.score, DeskText.followUpScoreRange(["text": "\(score)"])) }
        if score == nil, words != nil { throw .invalid(.comment, DeskText.followUpNeedsScore()) }
        guard let fixed = call.resolvedAt, !call.cancelled else {
            throw .refused(DeskText.followUpNotFixed(["call": "\(id)", "status": .message(call.status.text)]))
        }
        let rules = Timekeeper.policy(for: call, in: self).followUpRules
        let done = FollowUps.satisfaction(of: call)
        if done.done, let last = call.history.last(where: { event -> Bool in
            guard event.occurredAt >= fixed else { return false }
            switch event.change {
            case .followedUp(_, _, _, let reopens): return !reopens
            case .unreachable(_, let final): return final
            default: return false
            }
        }) {
            var was: Message.Argument = ""
            if case .followedUp(_, let score, _, _) = last.change { was = .message(DeskText.followUpScoreWas(["score": "\(score)"])) }
            throw .refused(DeskText.alreadyFollowedUp(["call": "\(id)", "time": .text(TimeText.short(last.occurredAt, in: context.timeZone)), "score": was]))
        }
        // Not before the call's last record, so never before its fix.
        try notBefore(call, context.occurredAt, context)
        guard let score else { return .unreachable(id, final: done.attempts + 1 >= rules.attempts) }
        return .followedUp(id, score: score, comment: words, reopens: score <= rules.reopenAtOrBelow)
    }

    /// `accept` of a call that has its engineer: when the call's policy asks engineers to accept
    /// each assignment (接单), the engineer assigned takes the job, or a dispatcher records it
    /// for them ("T03 says he takes it"); an engineer accepts only their own.
    private func acceptAssignment(_ call: ServiceCall, technician: TechnicianID, who: TechnicianID?,
                                  _ context: CommandContext) throws(DeskError) -> Event {
        let id = call.id
        guard Timekeeper.policy(for: call, in: self).asksAcceptance(of: call.attributes) else {
            throw .refused(DeskText.acceptAssigned(["call": "\(id)", "technician": "\(technician)"]))
        }
        let me = context.roles.technicians[context.actor]
        if let me, context.role < .dispatcher, me != technician {
            throw .forbidden(DeskText.assignedToOtherNotYou(["call": "\(id)", "technician": named(technician), "me": "\(me)"]))
        }
        if let who, who != technician {
            throw .refused(DeskText.assignedToOther(["call": "\(id)", "technician": named(technician), "other": "\(who)"]), field: .technician)
        }
        if let accepted = call.acceptedAt {
            let by: Message.Argument = call.lastEvent { if case .accepted = $0 { true } else { false } }
                .map { .message(DeskText.respondedBy(["actor": .text($0.actor)])) } ?? ""
            throw .refused(DeskText.alreadyAccepted(["call": "\(id)", "technician": named(technician),
                                                     "time": .text(TimeText.short(accepted, in: context.timeZone)), "by": by]))
        }
        if let arrived = call.arrivedAt {
            throw .refused(DeskText.alreadyArrived(["technician": "\(technician)", "call": "\(id)", "time": .text(TimeText.short(arrived, in: context.timeZone))]))
        }
        try notBefore(call, context.occurredAt, context)
        return Event(occurredAt: context.occurredAt, recordedAt: context.now, actor: context.actor, change: .accepted(id, technician))
    }

    private func decideOne(_ command: Command, _ context: CommandContext, policy policyInForce: Int?) throws(DeskError) -> Event {
        let at = context.occurredAt
        if at > context.now {
            throw .refused(DeskText.timeInFuture(["time": .text(TimeText.dateTime(at, in: context.timeZone)),
                                                  "now": .text(TimeText.dateTime(context.now, in: context.timeZone))]), field: .at)
        }
        if context.now.timeIntervalSince(at) > Self.oldestRecordable {
            throw .refused(DeskText.timeTooOld(["time": .text(TimeText.dateTime(at, in: context.timeZone))]), field: .at)
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
                throw .refused(DeskText.technicianExists(["technician": "\(technician.id)", "name": .text(existing.name)]), field: .id)
            }
            return event(.technicianAdded(technician))

        case .editTechnician(let draft):
            let id = try TechnicianID.parse(draft.id, field: .id)
            guard let existing = technicians[id] else {
                throw .notFound(.technician, DeskText.noSuchTechnician(["technician": "\(id)"]))
            }
            if draft.isEmpty { throw .invalid(.technician, DeskText.nothingToEdit(["technician": "\(id)"])) }
            var technician = try draft.applied(to: existing)
            if let region = technician.region, let policy = context.policy ?? currentPolicy {
                technician.region = policy.vocabulary.name(for: region, in: .region) ?? region
            }
            if technician == existing { throw .refused(DeskText.editChangesNothing(["technician": "\(id)"])) }
            return event(.technicianEdited(technician))

        case .leave(let id, let draft):
            let technician = try liveTechnician(id)
            let span = try draft.validated()
            try notOver(span, context)
            if let held = plan(of: id).leaves.first(where: { $0.contains(span.from) && $0.contains(span.to) }) {
                throw .refused(DeskText.leaveOverlaps(["technician": named(technician.id), "span": "\(held)"]), field: .from)
            }
            return event(.technicianOnLeave(id, span))

        case .rota(let id, let draft, let shiftText):
            _ = try liveTechnician(id)
            let span = try draft.validated()
            let shift = try Shift.parse(shiftText)
            try notOver(span, context)
            return event(.technicianRota(id, RotaShift(span: span, shift: shift)))

        case .retireTechnician(let id):
            guard let technician = technicians[id] else {
                throw .notFound(.technician, DeskText.noSuchTechnician(["technician": "\(id)"]))
            }
            if isRetired(id) {
                throw .refused(DeskText.technicianAlreadyRetired(["technician": "\(id)", "name": .text(technician.name)]))
            }
            // Their open calls go to someone else first: a retired engineer's job would be lost from every roster.
            var open: [CallID] = []
            forEachOpenCall { call in if call.technician == id, call.isActive { open.append(call.id) } }
            if !open.isEmpty {
                throw .refused(DeskText.technicianHasOpenCalls(["technician": "\(id)", "name": .text(technician.name),
                                                                "calls": .text(open.sorted().prefix(5).map(\.description).joined(separator: ", "))]))
            }
            return event(.technicianRetired(id))

        case .intake(let draft):
            // In the words of the policy it is timed under: aliases become the names they stand
            // for, and a word that would silently change its promises is refused.
            let timing = policy(numbered: policyInForce, adopting: context.policy)
            let (filled, customer) = draft.filled(from: customers)
            var intake = try timing.vocabulary.settled(filled.validated(), served: { servedRegions })
            if let purchased = intake.purchased, purchased.dayNumber > LocalDate(context.now, in: context.timeZone).dayNumber {
                throw .invalid(.purchased, DeskText.purchaseInFuture(["date": "\(purchased)"]))
            }
            intake.customerID = customer?.id
            intake.related = relatedCalls(to: intake, at: at, repeatWithin: timing.desk.repeatWithin)
            return event(.callReceived(CallID(number: nextCallNumber), intake, policy: policyInForce))

        case .addCustomer(let draft):
            let customer = try draft.validatedNew()
            if let existing = customers[customer.id] {
                throw .refused(DeskText.customerExists(["customer": "\(customer.id)", "name": .text(existing.name)]), field: .id)
            }
            try phonesAreFree(customer)
            return event(.customerAdded(customer))

        case .editCustomer(let draft):
            let id = try CustomerID.parse(draft.id, field: .id)
            guard let existing = customers[id] else { throw .notFound(.customer, DeskText.noSuchCustomer(["customer": "\(id)"])) }
            let customer = try draft.applied(to: existing)
            try phonesAreFree(customer)
            return event(.customerEdited(customer))

        case .recordVisit(let draft):
            let serial = try TextRules.clean(draft.serial, field: .serial, required: true, maxLength: IntakeDraft.serialLimit)!
            guard let owner = customers.customer(serial: serial), let unit = owner.unit(serial: serial) else {
                throw .notFound(.serial, DeskText.noSuchUnit(["serial": .text(serial)]))
            }
            let today = LocalDate(at, in: context.timeZone)
            let day = try IntakeDraft.date(draft.on, field: .on) ?? today
            if day > today { throw .invalid(.on, DeskText.visitInFuture(["date": "\(day)"])) }
            if let purchased = unit.purchased, day < purchased {
                throw .invalid(.on, DeskText.visitBeforePurchase(["date": "\(day)", "purchased": "\(purchased)"]))
            }
            if customers.serviceVisits(of: serial).contains(day) {
                throw .refused(DeskText.visitAlreadyRecorded(["serial": .text(unit.serial), "date": "\(day)"]))
            }
            let note = try TextRules.clean(draft.note, field: .text, required: false, maxLength: 1000)
            return event(.unitServiced(owner.id, serial: unit.serial, on: day, note: note))

        case .recordUnit(let draft):
            let (id, unit) = try draft.validated()
            guard let owner = customers[id] else { throw .notFound(.customer, DeskText.noSuchCustomer(["customer": "\(id)"])) }
            if let other = customers.customer(serial: unit.serial), other.id != id {
                throw .refused(DeskText.unitOfOtherCustomer(["serial": .text(unit.serial), "customer": "\(other.id)", "name": .text(other.name)]), field: .serial)
            }
            if let purchased = unit.purchased, purchased.dayNumber > LocalDate(context.now, in: context.timeZone).dayNumber {
                throw .invalid(.purchased, DeskText.purchaseInFuture(["date": "\(purchased)"]))
            }
            if owner.unit(serial: unit.serial) == unit { throw .refused(DeskText.unitUnchanged(["serial": .text(unit.serial), "customer": "\(id)"])) }
            return event(.unitRecorded(id, unit))

        case .assign(let id, let technicianID, let reassign):
            let call = try activeCall(id, context, doing: .verbAssign)
            let technician = try liveTechnician(technicianID)
            if let current = call.technician {
                let handedOver = call.lastEvent { if case .assigned = $0 { true } else { false } }
                let by: Message.Argument = handedOver.map {
                    .message(DeskText.assignedBy(["actor": .text($0.actor), "time": .text(TimeText.short($0.occurredAt, in: context.timeZone))]))
                } ?? ""
                let holds: [String: Message.Argument] = ["call": "\(id)", "technician": named(current), "by": by]
                if current == technicianID { throw .refused(DeskText.alreadyAssigned(holds)) }
                if !reassign {
                    throw .refused(DeskText.alreadyAssignedReassign(holds.merging(["other": "\(technician.id)"]) { $1 }))
                }
                try notOnSite(call)
            }
            try notBefore(call, at, context)
            return event(.assigned(id, technicianID, previous: call.technician))

        case .respond(let id):
            let call = try activeCall(id, context, doing: .verbRespond)
            if let responded = call.respondedAt {
                let by: Message.Argument = call.lastEvent { $0 == .responded(id) }.map { .message(DeskText.respondedBy(["actor": .text($0.actor)])) } ?? ""
                throw .refused(DeskText.alreadyResponded(["call": "\(id)", "time": .text(TimeText.short(responded, in: context.timeZone)), "by": by]))
            }
            try notBefore(call, at, context)
            return event(.responded(id))

        case .depart(let id):
            let call = try activeCall(id, context, doing: .verbDepart)
            let technician = try assignedTechnician(call)
            if let arrived = call.arrivedAt {
                throw .refused(DeskText.alreadyArrived(["technician": "\(technician)", "call": "\(id)", "time": .text(TimeText.short(arrived, in: context.timeZone))]))
            }
            if let departed = call.departedAt {
                throw .refused(DeskText.alreadyDeparted(["technician": "\(technician)", "call": "\(id)", "time": .text(TimeText.short(departed, in: context.timeZone))]))
            }
            try notBefore(call, at, context)
            return event(.departed(id))

        case .arrive(let id):
            let call = try activeCall(id, context, doing: .verbArrive)
            let technician = try assignedTechnician(call)
            if let arrived = call.arrivedAt {
                throw .refused(DeskText.alreadyArrived(["technician": "\(technician)", "call": "\(id)", "time": .text(TimeText.short(arrived, in: context.timeZone))]))
            }
            try notBefore(call, at, context)
            return event(.arrived(id))

        case .resolve(let id, let draft):
            let call = try activeCall(id, context, doing: .verbResolve)
            // The causes of the policy the desk works under now (a desk's list of causes is
            // its present vocabulary, not a promise made when the call came in).
            let resolution = try draft.validated(causes: (context.policy ?? currentPolicy)?.causes ?? CauseDefinition.builtIn)
            try notBefore(call, at, context)
            return event(.resolved(id, resolution))

        case .close(let id):
            let call = try existingCall(id)
            if let closed = call.closedAt {
                throw .refused(DeskText.alreadyClosedAt(["call": "\(id)", "time": .text(TimeText.short(closed, in: context.timeZone))]))
            }
            guard call.resolvedAt != nil else {
                throw .refused(DeskText.notResolved(["call": "\(id)", "status": .message(call.status.text)]))
            }
            let policy = Timekeeper.policy(for: call, in: self)
            if policy.closeWaitsForFollowUp(of: call.attributes), !FollowUps.satisfaction(of: call).done {
                throw .refused(DeskText.closeWaitsForFollowUp(["call": "\(id)", "attempts": "\(policy.followUpRules.attempts)"]))
            }
            try notBefore(call, at, context)
            return event(.closed(id))

        case .followUp(let id, let score, let comment):
            return event(try followUp(id, score: score, comment: comment, context))

        case .note(let id, let text):
            let call = try existingCall(id)
            let note = try TextRules.clean(text, field: .text, required: true, maxLength: 2000)!
            try notBefore(call, at, context)
            return event(.noted(id, note))

        case .pause(let id, let reason):
            let call = try activeCall(id, context, doing: .verbPause)
            let why = try Self.reason(reason)
            try notPaused(call, context)
            try notBefore(call, at, context)
            return event(.paused(id, reason: why))

        case .resume(let id):
            let call = try activeCall(id, context, doing: .verbResume)
            guard call.isPaused else { throw .refused(DeskText.notPaused(["call": "\(id)"])) }
            try notBefore(call, at, context)
            return event(.resumed(id))

        case .relevel(let id, let levelText, let reason):
            let call = try activeCall(id, context, doing: .verbRelevel)
            // The level is the verb's own argument, not a --level option.
            let level: FaultLevel
            do { level = try FaultLevel.parse(levelText) } catch { throw DeskError(error.kind, field: nil, error.text) }
            let why = try Self.reason(reason)
            if call.intake.level == level { throw .refused(DeskText.alreadyLevel(["call": "\(id)", "level": "\(level.rawValue)"])) }
            try notBefore(call, at, context)
            return event(.releveled(id, level, from: call.intake.level, reason: why))

        case .acknowledge(let id):
            let call = try existingCall(id)
            guard !call.pendingEscalations.isEmpty else {
                if let last = call.escalations.last(where: { $0.acknowledgedAt != nil }) {
                    throw .refused(DeskText.alreadyAcknowledged(["call": "\(id)", "actor": last.acknowledgedBy.map { .text($0) } ?? .message(DeskText.someone()),
                                                                 "time": .text(TimeText.short(last.acknowledgedAt!, in: context.timeZone))]))
                }
                throw .refused(DeskText.nothingToAcknowledge(["call": "\(id)"]))
            }
            try notBefore(call, at, context)
            return event(.acknowledged(id))

        case .accept(let id, let who):
            let call = try activeCall(id, context, doing: .verbAccept)
            if let technician = call.technician { return try acceptAssignment(call, technician: technician, who: who, context) }
            guard let request = call.dispatchRequest else {
                throw .refused(DeskText.notOffered(["call": "\(id)"]))
            }
            if at > request.until {
                throw .refused(DeskText.offerLapsed(["call": "\(id)", "technician": "\(request.technician)",
                                                     "time": .text(TimeText.short(request.until, in: context.timeZone))]))
            }
            // An engineer accepts only what was offered to them; a dispatcher may for the one asked.
            let me = context.roles.technicians[context.actor]
            if let me, context.role < .dispatcher, me != request.technician {
                throw .forbidden(DeskText.offeredToOtherNotYou(["call": "\(id)", "technician": named(request.technician), "me": "\(me)"]))
            }
            if let who, who != request.technician {
                throw .refused(DeskText.offeredToOther(["call": "\(id)", "technician": named(request.technician), "other": "\(who)"]), field: .technician)
            }
            try notBefore(call, at, context)
            return event(.accepted(id, request.technician))

        case .cancel(let id, let reason):
            let call = try existingCall(id)
            let why = try Self.reason(reason)
            try notClosed(call)
            try notBefore(call, at, context)
            return event(.cancelled(id, reason: why))

        case .reopen(let id, let reason):
            let call = try existingCall(id)
            let why = try Self.reason(reason)
            guard call.closedAt != nil || call.resolvedAt != nil else { throw .refused(DeskText.nothingToReopen(["call": "\(id)"])) }
            try notBefore(call, at, context)
            return event(.reopened(id, reason: why))

        case .replaceUnit(let id):
            let call = try activeCall(id, context, doing: .verbReplace)
            guard call.intake.serial != nil else {
                throw .refused(DeskText.noSerial(["call": "\(id)"]))
            }
            try notBefore(call, at, context)
            return event(.unitReplaced(id))

        case .retime(let id, let reason):
            let call = try activeCall(id, context, doing: .verbRetime)
            let why = try Self.reason(reason)
            guard let number = policyInForce else {
                throw .refused(DeskText.noPolicyToRetime(["call": "\(id)"]))
            }
            if call.policyNumber == number { throw .refused(DeskText.alreadyTimed(["call": "\(id)", "number": "\(number)"])) }
            try notBefore(call, at, context)
            return event(.retimed(id, policy: number, reason: why))
        }
    }

    /// Roles: a viewer changes nothing, a dispatcher runs the queue, a supervisor may also
    /// relevel, retime, cancel and reopen. A refusal says who may.
    /// What refuses `command` whatever words it is given: who may give it, and the call's state
    /// (closed, resolved, already paused, its technician already on site). A console asks before
    /// it opens a picker or a prompt for the words, so a call that cannot take the command is
    /// refused when the key is pressed, not after the typing; nil when only the words (a reason,
    /// a level, a technician) could still be refused, which `decide` checks with the rest.
    public func refusalBeforeWords(_ command: Command, _ context: CommandContext) -> DeskError? {
        do throws(DeskError) {
            try permit(command, context)
            switch command {
            case .assign(let id, _, _): try notOnSite(activeCall(id, context, doing: .verbAssign))
            case .pause(let id, _): try notPaused(activeCall(id, context, doing: .verbPause), context)
            case .relevel(let id, _, _): _ = try activeCall(id, context, doing: .verbRelevel)
            case .cancel(let id, _): try notClosed(existingCall(id))
            case .note(let id, _): _ = try existingCall(id)
            default: break
            }
        } catch {
            return error
        }
        return nil
    }

    /// A number leads intake to one customer: none of `customer`'s (or their contacts') may be
    /// another customer's.
    private func phonesAreFree(_ customer: Customer) throws(DeskError) {
        let numbers = customer.phones.map { ($0, Field.phone) } + customer.contacts.map { ($0.phone, Field.contact) }
        for (phone, field) in numbers {
            if let other = customers.customer(phone: phone), other.id != customer.id {
                throw .refused(DeskText.phoneOfOtherCustomer(["phone": .text(phone), "customer": "\(other.id)", "name": .text(other.name)]), field: field)
            }
        }
    }

    /// A call whose technician is on site is not handed to another.
    /// A technician on the roster and not retired.
    private func liveTechnician(_ id: TechnicianID) throws(DeskError) -> Technician {
        guard let technician = technicians[id] else {
            throw .notFound(.technician, DeskText.noSuchTechnician(["technician": "\(id)"]))
        }
        if isRetired(id) { throw .refused(DeskText.technicianRetired(["technician": "\(id)", "name": .text(technician.name)]), field: .technician) }
        return technician
    }

    /// Leave and the rota are for today or later (a span that ended is history, not a plan).
    private func notOver(_ span: DateSpan, _ context: CommandContext) throws(DeskError) {
        let today = LocalDate(context.now, in: context.timeZone)
        if span.to < today { throw .refused(DeskText.spanAlreadyOver(["to": "\(span.to)", "today": "\(today)"]), field: .to) }
    }

    private func notOnSite(_ call: ServiceCall) throws(DeskError) {
        if call.arrivedAt != nil, let current = call.technician {
            throw .refused(DeskText.alreadyOnSite(["technician": "\(current)", "call": "\(call.id)"]))
        }
    }

    private func notPaused(_ call: ServiceCall, _ context: CommandContext) throws(DeskError) {
        if let open = call.pauses.last, open.end == nil {
            throw .refused(DeskText.alreadyPaused(["call": "\(call.id)", "time": .text(TimeText.short(open.start, in: context.timeZone)),
                                                    "reason": .text(open.reason)]))
        }
    }

    private func notClosed(_ call: ServiceCall) throws(DeskError) {
        if call.closedAt != nil { throw .refused((call.cancelled ? DeskText.alreadyCancelled : .alreadyClosed)(["call": "\(call.id)"])) }
    }

    private func permit(_ command: Command, _ context: CommandContext) throws(DeskError) {
        try context.roles.require(command.requiredRole, of: context.actor, for: command.verb)
    }

    /// A technician as a refusal names them: `T04 陈静`.
    private func named(_ id: TechnicianID) -> Message.Argument {
        .text(technicians[id].map { "\(id) \($0.name)" } ?? "\(id)")
    }

    /// Pausing, releveling and retiming change a customer's promise: they need a reason.
    private static func reason(_ text: String) throws(DeskError) -> String {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalid(.reason, DeskText.reasonRequired())
        }
        return try TextRules.clean(text, field: .reason, required: true, maxLength: 200)!
    }

    /// How far back `--at` may reach: further is almost always a mistyped date.
    public static let oldestRecordable: TimeInterval = 30 * 86_400

    private func existingCall(_ id: CallID) throws(DeskError) -> ServiceCall {
        guard let call = calls[id] else { throw .noSuchCall(id) }
        return call
    }

    /// The call, if work can still be done on it.
    private func activeCall(_ id: CallID, _ context: CommandContext, doing verb: DeskText) throws(DeskError) -> ServiceCall {
        let call = try existingCall(id)
        if let closed = call.closedAt {
            throw .refused(DeskText.closedCannot(["verb": .message(verb()), "call": "\(id)", "time": .text(TimeText.short(closed, in: context.timeZone))]))
        }
        if let resolved = call.resolvedAt {
            throw .refused(DeskText.resolvedCannot(["verb": .message(verb()), "call": "\(id)", "time": .text(TimeText.short(resolved, in: context.timeZone))]))
        }
        return call
    }

    private func assignedTechnician(_ call: ServiceCall) throws(DeskError) -> TechnicianID {
        guard let technician = call.technician else {
            throw .refused(DeskText.noTechnicianYet(["call": "\(call.id)"]))
        }
        return technician
    }

    /// A call's history only moves forward: nothing may be recorded before its last event.
    private func notBefore(_ call: ServiceCall, _ at: Date, _ context: CommandContext) throws(DeskError) {
        let last = call.lastEventAt
        if at < last {
            throw .refused(DeskText.timeBeforeLastEvent(["time": .text(TimeText.dateTime(at, in: context.timeZone)), "call": "\(call.id)",
                                                         "last": .text(TimeText.dateTime(last, in: context.timeZone))]), field: .at)
        }
    }
}
