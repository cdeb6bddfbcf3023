import CallboardCore

/// How one promise timer reads in a table cell. State is never shown by colour alone: the
/// narrow form carries a symbol, the wide form the state's word (in `strings`' language). A
/// countdown reads `02:11:05` in every language.
public enum TimerCell {
    /// Width of the narrow form: `▲ 02:11:05`, `✗ -14:15:22`, `✓ met`.
    public static let narrowWidth = 11
    /// Width of the wide form: `02:11:05 warning`, `-14:15:22 breached`.
    public static let wideWidth = 18

    public static func cell(_ reading: TimerReading?, wide: Bool, strings: UIStrings = .english) -> Cell {
        guard let reading else { return Cell(QueuePresenter.notSet, .muted) } // the policy makes no such promise
        return Cell(wide ? wideText(reading, strings: strings) : narrowText(reading, strings: strings), role(reading.state))
    }

    public static func narrowText(_ reading: TimerReading, strings s: UIStrings = .english) -> String {
        switch reading.state {
        case .running: "  " + DurationText.countdown(reading.remaining)
        case .paused: "\(symbol(.paused)) " + DurationText.countdown(reading.remaining)
        case .warning: "\(symbol(.warning)) " + DurationText.countdown(reading.remaining)
        case .breached: "\(symbol(.breached)) -" + DurationText.countdown(reading.remaining)
        case .met: "\(symbol(.met)) " + s(.met)
        case .missed: "\(symbol(.missed)) " + s(.missed)
        case .withdrawn: "\(symbol(.withdrawn)) " + s(.withdrawn)
        }
    }

    public static func wideText(_ reading: TimerReading, strings s: UIStrings = .english) -> String {
        switch reading.state {
        case .running, .warning, .paused: DurationText.countdown(reading.remaining) + " " + s(.state(reading.state))
        case .breached: "-" + DurationText.countdown(reading.remaining) + " " + s(.breached)
        case .met, .missed, .withdrawn: s(.state(reading.state))
        }
    }

    public static func symbol(_ state: TimerState) -> String {
        switch state {
        case .running: " "
        case .paused: "‖"
        case .warning: "▲"
        case .breached, .missed: "✗"
        case .met: "✓"
        case .withdrawn: "–"
        }
    }

    public static func role(_ state: TimerState) -> Role {
        switch state {
        case .running: .plain
        case .paused, .withdrawn: .muted
        case .warning: .warning
        case .breached, .missed: .alert
        case .met: .ok
        }
    }
}
