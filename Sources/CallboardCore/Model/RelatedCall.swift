/// Another call that a new one may be about, found at intake and recorded with it: a possible
/// duplicate (the same phone, customer or unit has a call still open) or a repeat (the same
/// unit or customer had a call closed shortly before: it counts toward repair → replace →
/// refund and in reports).
public struct RelatedCall: Equatable, Sendable {
    public enum Reason: String, Sendable, CaseIterable {
        case openSameUnit = "open-same-unit"
        case openSameCustomer = "open-same-customer"
        case openSamePhone = "open-same-phone"
        case repeatSameUnit = "repeat-same-unit"
        case repeatSameCustomer = "repeat-same-customer"

        public var isRepeat: Bool { self == .repeatSameUnit || self == .repeatSameCustomer }
    }

    public var call: CallID
    public var reason: Reason

    public init(call: CallID, reason: Reason) {
        self.call = call
        self.reason = reason
    }

    /// How the journal keeps it: `C-0002 repeat-same-unit`.
    public var stored: String { "\(call) \(reason.rawValue)" }

    public init?(stored: String) {
        let parts = stored.split(separator: " ")
        guard parts.count == 2, let call = CallID(String(parts[0])), let reason = Reason(rawValue: String(parts[1])) else { return nil }
        self.init(call: call, reason: reason)
    }
}

extension RelatedCall {
    /// Why it is related, in words: "repeat: C-0002 on the same unit was closed less than 72h
    /// before". `window` is the policy's repeat window, in seconds.
    public func message(window: Int) -> Message {
        let arguments: [String: Message.Argument] = ["call": "\(call)", "window": .text(DurationText.span(window))]
        switch reason {
        case .openSameUnit: return DeskText.relatedOpenSameUnit(arguments)
        case .openSameCustomer: return DeskText.relatedOpenSameCustomer(arguments)
        case .openSamePhone: return DeskText.relatedOpenSamePhone(arguments)
        case .repeatSameUnit: return DeskText.relatedRepeatSameUnit(arguments)
        case .repeatSameCustomer: return DeskText.relatedRepeatSameCustomer(arguments)
        }
    }
}
