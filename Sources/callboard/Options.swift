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
        valueName: "en|zh"))
    var lang: String?

    func validate() throws {
        if let lang, UIStrings.language(flag: lang, environment: [:]) == nil {
            throw ValidationError(Speech[CommandText.unknownLanguage(["lang": "\(lang)"])])
        }
    }
}
