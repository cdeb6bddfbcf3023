import ArgumentParser
import CallboardCore
import CallboardTUI
import Foundation

/// Which desk: its journal, and the SLA policy new calls are timed under.
struct DeskOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The journal file.",
        discussion: "Default: $CALLBOARD_JOURNAL, else $XDG_DATA_HOME/callboard/journal, else ~/.local/share/callboard/journal.",
        valueName: "path"))
    var journal: String?

    @Option(name: .long, help: ArgumentHelp(
        "The SLA policy file (YAML).",
        discussion: "Default: $CALLBOARD_POLICY, else the built-in policy (callboard policy default prints it).",
        valueName: "file"))
    var policy: String?

    @Option(name: .long, help: ArgumentHelp(
        "The desk configuration (roles, notification command): only desk.yaml beside the journal is accepted.",
        discussion: "Roles belong to the desk: callboard reads desk.yaml in the journal's folder (this option may only name that file). Without one every user may do everything and no notification command is set.",
        valueName: "file"))
    var desk: String?

    @OptionGroup var language: LanguageOption
}

/// The notification command of whoever runs the watch or the console: theirs to choose, since
/// it runs as them. Never from the journal (see NotificationCommand).
struct NotifyOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The command to run for each escalation, re-alert and automatic-dispatch offer.",
        discussion: "Run through /bin/sh -c with the call's fields in its environment (see README, Notifications). Default: notify.command in desk.yaml beside the journal, with its timeout and retries; else no messages are sent (escalations show on consoles and the board).",
        valueName: "command"))
    var notifyCommand: String?

    func validate() throws {
        if let notifyCommand, notifyCommand.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(Speech[CommandText.emptyNotifyCommand()])
        }
    }

    /// This option, with desk.yaml's timeout and retries if it gives them; else desk.yaml's command.
    func command(_ desk: DeskConfiguration) -> NotificationCommand? {
        guard let notifyCommand else { return desk.notify }
        var chosen = desk.notify ?? NotificationCommand(command: notifyCommand)
        chosen.command = notifyCommand
        return chosen
    }
}

struct AtOption: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "When it happened, if not now.",
        discussion: "ISO 8601 with an offset (2026-11-27T17:30:00+08:00) or a span ago (-20m, -1h30m). Not in the future, not more than 30 days ago, and for a call not before its last event.",
        valueName: "time"))
    var at: String?
}

/// `--as-of TIME`: the desk as it stood at a moment, read-only (`list`, `show`, `board`,
/// `report`, the console).
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), parsing: .unconditional, help: ArgumentHelp(
        "Show the desk as it stood at this moment, read-only (disputes, audits).",
        discussion: "ISO 8601 with an offset (2026-11-27T10:30:00+08:00) or a span ago (-2h). The events recorded by then, timed with the clock stopped there; not in the future.",
        valueName: "time"))
    var asOf: String?
}

struct JSONFlag: ParsableArguments {
    @Flag(name: .long, help: "Print JSON for scripts instead of text.")
    var json = false
}

/// The language of messages and of the console, on every verb. Which one a run speaks is
/// chosen before the words are parsed (Speech); this declares, checks and documents the option.
struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The language of messages and of the console: en or zh.",
        discussion: "Default: from LC_ALL, LC_MESSAGES or LANG (zh_CN.UTF-8 and the like give Chinese), else English. Usage and help texts are in English.",
        valueName: "en|zh"), completion: .list(["en", "zh"]))
    var lang: String?

    func validate() throws {
        if let lang, UIStrings.language(flag: lang, environment: [:]) == nil {
            throw ValidationError(Speech[CommandText.unknownLanguage(["lang": "\(lang)"])])
        }
    }
}

/// How a listing or a report is written (`--format`, `--encoding`): text for people, CSV for a
/// spreadsheet, JSON for scripts; UTF-8 without a BOM unless `--encoding` says otherwise.
struct FormatOptions: ParsableArguments {
    enum Format: String, CaseIterable { case text, csv, json }

    @Option(help: ArgumentHelp("text (default), csv for a spreadsheet, or json for scripts.", valueName: "text|csv|json"),
            completion: .list(Format.allCases.map(\.rawValue)))
    var format: String?

    @Option(help: ArgumentHelp(
        "The encoding of what is printed: utf-8 (default, no BOM), utf-8-bom, or gb18030.",
        discussion: "Chinese Excel reads UTF-8 CSV only with a BOM (utf-8-bom); older Excel and WPS read gb18030. JSON is always UTF-8.",
        valueName: "utf-8|utf-8-bom|gb18030"), completion: .list(["utf-8", "utf-8-bom", "gb18030"]))
    var encoding: String?

    /// The format asked for (`json`: also given by `--json` where a verb has it), and the encoding;
    /// a word not known, or JSON in anything but UTF-8 without a BOM, is refused (exit 64).
    func chosen(json: Bool = false) throws -> (Format, OutputEncoding) {
        var format = Format.text
        if let text = self.format {
            guard let known = Format(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw CommandFailure(CommandText.unknownFormat(["text": .text(Printable.quoted(text))]), status: 64)
            }
            if json, known != .json { throw CommandFailure(CommandText.formatAndJSON(["format": .text(known.rawValue)]), status: 64) }
            format = known
        } else if json {
            format = .json
        }
        var encoding = OutputEncoding.utf8
        if let text = self.encoding {
            guard let known = OutputEncoding.parse(text) else {
                throw CommandFailure(CommandText.unknownOutputEncoding(["text": .text(Printable.quoted(text))]), status: 64)
            }
            encoding = known
        }
        if format == .json, encoding != .utf8 {
            throw CommandFailure(CommandText.jsonIsUTF8(["encoding": .text(encoding.description)]), status: 64)
        }
        return (format, encoding)
    }

    /// Writes `text` to standard output in `encoding`.
    static func write(_ text: String, in encoding: OutputEncoding) {
        FileHandle.standardOutput.write(Data(encoding.bytes(text) ?? Array(text.utf8)))
    }
}
