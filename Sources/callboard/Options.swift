import ArgumentParser

struct JournalOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The journal file.",
        discussion: "Default: $CALLBOARD_JOURNAL, else $XDG_DATA_HOME/callboard/journal, else ~/.local/share/callboard/journal.",
        valueName: "path"))
    var journal: String?
}

struct AtOption: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "When it happened, if not now.",
        discussion: "ISO 8601 with an offset (2026-11-27T17:30:00+08:00) or a span ago (-20m, -1h30m). Not in the future, not more than 30 days ago, and for a call not before its last event.",
        valueName: "time"))
    var at: String?
}

struct JSONFlag: ParsableArguments {
    @Flag(name: .long, help: "Print JSON for scripts instead of text.")
    var json = false
}
