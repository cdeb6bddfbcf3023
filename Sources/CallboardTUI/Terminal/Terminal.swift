import CNcursesw
import CallboardCore

/// The real terminal, through ncursesw: full screen on the alternate screen, keys without echo,
/// colours where the terminal has them and the user has not asked for none (`NO_COLOR`).
/// `stop()` puts the terminal back exactly as it was.
public final class Terminal {
    private var attributes: [Role: UInt32] = [:]
    private var running = false

    /// A terminal of a type (`TERM`) this system does not know; `description` says so in the
    /// console's language.
    public struct StartFailure: Error, CustomStringConvertible {
        public var terminalType: String
        public var description: String

        init(terminalType: String, strings: UIStrings) {
            self.terminalType = terminalType
            description = strings[.unknownTerminal, ["type": Printable.quoted(terminalType)]]
        }
    }

    /// Takes over the terminal; fails, leaving it untouched, if its type (`TERM`) is unknown.
    public init(useColor: Bool, terminalType: String, strings: UIStrings = .english) throws {
        guard cb_start_screen() == 1 else { throw StartFailure(terminalType: terminalType, strings: strings) }
        cbreak()
        noecho()
        nonl()
        _ = cb_keypad(1)
        curs_set(0)
        set_escdelay(25)
        attributes = Self.attributes(useColor: useColor && has_colors())
        // A paste comes marked, so its line breaks are text, never Enter.
        cb_bracketed_paste(1)
        running = true
    }

    deinit { stop() }

    /// Restores the terminal (cursor, echo, the screen the user had before).
    public func stop() {
        guard running else { return }
        running = false
        endwin()
        cb_bracketed_paste(0)
    }

    public var size: (width: Int, height: Int) { (Int(cb_cols()), Int(cb_lines())) }

    /// The terminal's bell (or a flash of the screen where it has no bell).
    public func bell() {
        if beep() != OK { _ = flash() }
    }

    /// Makes the next draw repaint the whole screen, whatever ncurses believes is on it.
    public func repaintAll() { cb_repaint_all() }

    /// Draws a frame; ncurses sends only what changed since the last one.
    public func draw(_ frame: Frame) {
        erase()
        var buffer: [UInt32] = []
        for (y, line) in frame.lines.enumerated() where y < frame.height {
            var x = 0
            let extra = line.highlighted ? cb_a_reverse() : 0
            for span in line.spans {
                buffer.removeAll(keepingCapacity: true)
                for scalar in span.text.unicodeScalars { buffer.append(scalar.value) }
                let attrs = (attributes[span.role] ?? 0) | extra
                _ = cb_put(Int32(y), Int32(x), buffer, Int32(buffer.count), attrs)
                x += DisplayText.width(span.text)
            }
            if line.highlighted, x < frame.width {
                let pad = [UInt32](repeating: 0x20, count: frame.width - x)
                _ = cb_put(Int32(y), Int32(x), pad, Int32(pad.count), extra)
            }
        }
        // The text cursor shows only where something is being typed.
        if let cursor = frame.cursor {
            _ = cb_move(Int32(cursor.y), Int32(cursor.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        refresh()
    }

    /// Waits up to `milliseconds` for a key; nil if none came.
    public func readKey(timeout milliseconds: Int) -> Key? {
        timeout(Int32(milliseconds))
        guard let (rc, value) = nextInput() else { return nil }
        if rc == cb_key_code_yes() { return Self.functionKey(Int32(bitPattern: value)) }
        switch value {
        case 27: return escapeSequence()
        case 10, 13: return .enter
        case 9: return .tab
        case 8, 127: return .backspace
        default: return Unicode.Scalar(value).map { .character(Character($0)) }
        }
    }

    private func nextInput() -> (Int32, UInt32)? {
        var value: UInt32 = 0
        let rc = cb_get_wch(&value)
        return rc == OK || rc == cb_key_code_yes() ? (rc, value) : nil
    }

    /// After ESC: a lone Escape, or the rest of a sequence the terminal description did not
    /// name (tmux and others send Home as ESC [1~, End as ESC [4~ …). Known ones become keys;
    /// unknown ones are swallowed whole, never typed into a field as text.
    private func escapeSequence() -> Key? {
        timeout(0)
        guard let (rc, first) = nextInput() else { return .escape }
        guard rc == OK, first == 0x5B || first == 0x4F else {
            // Escape, then another key typed quickly: both count, in order.
            if rc == OK { _ = cb_unget(first) }
            return .escape
        }
        var body = ""
        for _ in 0..<12 {
            guard let (_, next) = nextInput(), let scalar = Unicode.Scalar(next) else { break }
            body.unicodeScalars.append(scalar)
            if (0x40...0x7E).contains(next), !(first == 0x5B && body == "[") { break }
        }
        switch body {
        case "H", "1~", "7~": return .home
        case "F", "4~", "8~": return .end
        case "3~": return .delete
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "5~": return .pageUp
        case "6~": return .pageDown
        case "Z": return .backTab
        case "200~": return bracketedPaste()
        default: return nil
        }
    }

    /// How long a paste may pause before its end marker is taken as lost, in milliseconds.
    private static let pastePause: Int32 = 500
    /// The most characters of one paste kept (a field takes at most a thousand).
    private static let pasteLimit = 100_000

    /// After ESC[200~: the pasted text up to ESC[201~, read whole (what is past `pasteLimit` is
    /// read and dropped) and given as one key. A paste whose end never comes ends after a pause.
    private func bracketedPaste() -> Key {
        let end: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E] // ESC [ 2 0 1 ~
        var text = String.UnicodeScalarView()
        var kept = 0
        // What may be the start of the end marker, held back from the text.
        var pending: [UInt32] = []
        func keep(_ value: UInt32) {
            guard kept < Self.pasteLimit, let scalar = Unicode.Scalar(value) else { return }
            text.append(scalar)
            kept += 1
        }
        timeout(Self.pastePause)
        while let (rc, value) = nextInput() {
            guard rc == OK else { continue } // a function key inside a paste is not text
            pending.append(value)
            if pending == end { return .paste(String(text)) }
            while !end.starts(with: pending) { keep(pending.removeFirst()) }
        }
        pending.forEach(keep)
        return .paste(String(text))
    }

    /// The signal (SIGINT, SIGTERM, SIGHUP) that asked the console to stop, if one came.
    public static func takeStopSignal() -> Int32? {
        let signo = cb_take_pending_signal()
        return signo == 0 ? nil : signo
    }

    /// Whether Ctrl-C came since the last look (taken; SIGTERM and SIGHUP are left pending):
    /// while a `:` command runs, Ctrl-C is for that command.
    public static func takeInterrupt() -> Bool { cb_take_pending_interrupt() != 0 }

    /// Routes stop signals to a flag so the run loop can restore the terminal first.
    public static func catchStopSignals() { cb_install_stop_signal_handlers() }

    /// Routes Ctrl-Z (SIGTSTP) to a flag, for a run loop that suspends with `suspend()`. Before
    /// `init`: ncurses then leaves it alone.
    public static func catchSuspend() { cb_catch_suspend() }

    /// Whether Ctrl-Z asked to suspend since the last look.
    public static func takeSuspendRequest() -> Bool { cb_take_pending_suspend() != 0 }

    /// Ctrl-Z: puts the terminal back as it was (as quitting does), stops the process until it
    /// is continued (`fg`), then takes the terminal again at its size now. The caller draws the
    /// next frame, which repaints the whole screen.
    public func suspend() {
        guard running else { return }
        endwin()
        cb_bracketed_paste(0)
        cb_stop_until_continued()
        cb_resume_screen()
        cb_bracketed_paste(1)
    }

    private static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case cb_key_resize(): return .resize
        case cb_key_up(): return .up
        case cb_key_down(): return .down
        case cb_key_left(): return .left
        case cb_key_right(): return .right
        case cb_key_ppage(): return .pageUp
        case cb_key_npage(): return .pageDown
        case cb_key_home(): return .home
        case cb_key_end(): return .end
        case cb_key_enter(): return .enter
        case cb_key_backspace(): return .backspace
        case cb_key_dc(): return .delete
        case cb_key_btab(): return .backTab
        default:
            for n in 1...12 where code == cb_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    /// Roles to attributes. With 256 colours a calmer palette (amber warnings, a clear red,
    /// a soft green); with 16 the bright variants; with 8 the basic ones; without colour (or
    /// with NO_COLOR) attributes only. State is never colour alone: cells carry a symbol or word.
    private static func attributes(useColor: Bool) -> [Role: UInt32] {
        let bold = cb_a_bold(), dim = cb_a_dim(), underline = cb_a_underline()
        guard useColor else {
            return [.plain: 0, .title: bold, .columnHeader: underline, .muted: dim, .ok: 0,
                    .warning: bold, .alert: bold | underline, .key: bold]
        }
        start_color()
        use_default_colors()
        let colors = cb_colors()
        let palette: [(Role, Int16)]
        if colors >= 256 {
            palette = [(.title, 39), (.ok, 71), (.warning, 214), (.alert, 196), (.key, 75)]
        } else if colors >= 16 {
            palette = [(.title, Int16(COLOR_CYAN) + 8), (.ok, Int16(COLOR_GREEN) + 8), (.warning, Int16(COLOR_YELLOW) + 8),
                       (.alert, Int16(COLOR_RED) + 8), (.key, Int16(COLOR_CYAN) + 8)]
        } else {
            palette = [(.title, Int16(COLOR_CYAN)), (.ok, Int16(COLOR_GREEN)), (.warning, Int16(COLOR_YELLOW)),
                       (.alert, Int16(COLOR_RED)), (.key, Int16(COLOR_CYAN))]
        }
        var map: [Role: UInt32] = [.plain: 0, .columnHeader: bold | underline, .muted: dim]
        for (n, (role, color)) in palette.enumerated() {
            init_pair(Int16(n + 1), color, -1)
            let emphasis: UInt32 = role == .ok ? 0 : bold
            map[role] = cb_color_pair(Int32(n + 1)) | emphasis
        }
        return map
    }
}
