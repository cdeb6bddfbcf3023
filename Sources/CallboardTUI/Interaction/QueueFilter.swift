import CallboardCore
import Foundation

/// The queue's filter as typed after `/`: words that must all match. `level:1` (or `l:1`),
/// `region:city`, `tech:T03` (or a technician's name), `state:breached` (breached, warning,
/// paused, unassigned, or a status such as new, assigned, en_route, on_site, resolved); any
/// other word matches the call's ID, customer, phone, summary, product, region or technician.
public struct QueueFilter: Equatable, Sendable {
    public var text: String

    public init(_ text: String = "") { self.text = text }

    public var isEmpty: Bool { words.isEmpty }

    var words: [Substring] { text.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }) }

    public func matches(_ call: ServiceCall, in state: DeskState, timers: @autoclosure () -> [TimerReading]) -> Bool {
        for word in words {
            let lower = word.lowercased()
            if let colon = lower.firstIndex(of: ":") {
                let key = lower[..<colon], value = String(lower[lower.index(after: colon)...])
                switch key {
                case "level", "l", "lv":
                    guard call.intake.level.map({ String($0.rawValue) }) == value || (value == "none" && call.intake.level == nil) else { return false }
                    continue
                case "region", "r":
                    guard call.intake.region?.lowercased() == value else { return false }
                    continue
                case "tech", "t":
                    guard let id = call.technician else { return false }
                    let name = state.technicians[id]?.name.lowercased() ?? ""
                    guard id.rawValue.lowercased() == value || name.contains(value) else { return false }
                    continue
                case "state", "s", "status":
                    guard matchesState(value, call, timers()) else { return false }
                    continue
                default:
                    break // not a known key: treat the whole word as text
                }
            }
            guard matchesText(lower, call, state) else { return false }
        }
        return true
    }

    private func matchesState(_ value: String, _ call: ServiceCall, _ timers: [TimerReading]) -> Bool {
        switch value {
        case "breached", "breach", "overdue": return timers.contains { $0.state == .breached }
        case "warning", "warn": return timers.contains { $0.state == .warning }
        case "paused": return call.isPaused
        case "unassigned": return call.technician == nil
        default:
            let normalized = value.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
            return call.status.rawValue == normalized
        }
    }

    private func matchesText(_ word: String, _ call: ServiceCall, _ state: DeskState) -> Bool {
        var haystack = [call.id.description.lowercased(), call.intake.customer.lowercased(), call.intake.phone,
                        call.intake.summary.lowercased(), call.intake.product?.lowercased() ?? "", call.intake.region?.lowercased() ?? ""]
        if let id = call.technician {
            haystack.append(id.rawValue.lowercased())
            haystack.append(state.technicians[id]?.name.lowercased() ?? "")
        }
        if let id = CallID(word), id == call.id { return true }
        return haystack.contains { $0.contains(word) }
    }
}
