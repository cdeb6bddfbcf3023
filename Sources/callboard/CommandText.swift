import CallboardCore

/// Everything the command line itself says — its error lines and warnings, each verb's lines of
/// output, the checks on its options — by key, in English; other languages in
/// `Resources/i18n/<language>/command.yaml`. What the desk, the journal and the policy say comes
/// from their own tables (DeskError, JournalError and PolicyProblem carry a Message).
/// ArgumentParser's own words (usage, help, its parse errors) are the library's, in English.
enum CommandText: String, MessageKey {
    static let table = "command"

    // Error lines and warnings.
    case flagProblem = "{flag}: {problem}"
    case importUnknownEncoding = "--encoding: '{text}' is not an encoding to read; use utf-8 or gb18030"
    case importCannotRead = "cannot read {path}: {reason}"
    case importFileProblem = "{file}: {problem}"
    case importLineProblem = "{file} line {line}: {problem}"
    case importRowProblem = "{file} line {line}, column {column}: {problem}"
    case importNothing = "nothing imported: {count} bad rows in {file}; fix them and import the whole file again"
    case importedNoRows = "{file} has a header and no rows; nothing to import"
    case importedTechnicians = "technicians imported: {count} ({ids}), read as {encoding}"
    case importedCustomers = "customers imported: {count} ({ids}) with {units} units, read as {encoding}"
    case warning = "warning: {warning}"
    case optionsAfterVerb = "options go after the verb: callboard {verb} {rest}"
    case notAVerb = "'{word}' is not a callboard verb; the verbs are {verbs} (see callboard --help)"
    case unknownLanguage = "--lang: '{lang}' is not a language callboard speaks; use en or zh"
    case emptyNotifyCommand = "--notify-command: give the program to run for each escalation, e.g. --notify-command /usr/local/bin/desk-notify"
    case badInterval = "--interval: '{interval}' is not a span of at least a second; write it like 30s or 1m"
    case badDueWithin = "--due-within: {text} is not a span; write it like 30d or 90d"
    case archiveContradiction = "--archive-after and --no-archive contradict each other; give one"
    case badArchiveAfter = "--archive-after: '{value}' is not a span; write it like 90d or 30d12h"
    case exportFormat = "say the format: callboard journal export --json"
    case policyFileProblem = "policy {path} line {line}: {problem}; callboard policy check {path} lists every problem"
    case policyFileProblems = "policy {path} line {line}: {problem} (and {more} more); callboard policy check {path} lists every problem"
    case cannotReadPolicy = "cannot read the policy file {path}: {reason}"
    case cannotReadPolicyFrom = "cannot read the policy file {path} ({from}): {reason}"
    case policyFromFlag = "given by --policy"
    case policyFromEnvironment = "from CALLBOARD_POLICY"
    case fileMissing = "there is no such file; check the path"
    case fileNotFolderInPath = "a part of the path is not a folder; check the path"
    case fileIsFolder = "it is a folder; give the path of the file in it"
    case filePermissionDenied = "permission denied; ask the desk's administrator to let you read it"
    case fileTooManyLinks = "too many symbolic links; check the path"
    case fileOtherError = "{error} (errno {code})"
    case cannotRunCommand = "cannot run the command: {problem}"
    case needsTerminal = "the console needs a terminal; for text use: callboard list"
    case noJournal = "no journal at {path} ({from}); check the path, or start a desk there with callboard intake or callboard tech add (callboard demo opens a demo desk of its own)"
    case asOfInFuture = "--as-of: {time} is in the future (now {now}); the desk can be shown as it was, not as it will be: give a past time, or leave --as-of out for the desk as it is now"
    case asOfHeading = "As of {time} (the desk as it stood then, read-only)"
    case asOfNotYetRecorded = "{call} was not yet recorded at {time} (it was recorded at {recorded}, received {received}); leave out --as-of to see it as it is now"
    case asOfBeforeJournal = "--as-of: {time} is before the journal at {path} began ({first}, its first event): the desk did not exist yet; give a later time"
    case noJournalYet = "no journal at {path} ({from}) yet; watching for one (check the path if this desk already has calls)"
    case journalFromFlag = "given by --journal"
    case journalFromEnvironment = "from CALLBOARD_JOURNAL"
    case journalByDefault = "the default; --journal or CALLBOARD_JOURNAL names another"
    case kbNoWords = "kb search: give the words to look for, e.g. callboard kb search 净水器 漏水"
    case kbBadLimit = "--limit: {limit} is not a number of calls from 1 to 1000"
    case filterUnknownState = "--filter: no state {state}; use breached, warning, paused, unassigned, offered or a status ({statuses})"
    case noteOptionSlip = "{word} is not an option of note; did you mean {option}? To have it in the note, put the note's words after --"

    // report, list --format.
    case unknownFormat = "--format: '{text}' is not a format; use text, csv or json"
    case formatAndJSON = "--json and --format {format} contradict each other; give one"
    case unknownOutputEncoding = "--encoding: '{text}' is not an encoding to write; use utf-8, utf-8-bom (for Chinese Excel) or gb18030"
    case jsonIsUTF8 = "--encoding {encoding}: JSON is always UTF-8 without a BOM; leave --encoding out, or use --format csv"
    case reportPeriodAndDays = "--period and --from/--to contradict each other; give one: --period this-month, or --from 2026-11-01 --to 2026-11-30"
    case reportFromAndTo = "--from and --to go together: give the first and the last day, e.g. --from 2026-11-01 --to 2026-11-30"
    case reportBadDate = "{flag}: '{text}' is not a date; write it like 2026-11-01"
    case reportFromAfterTo = "--from {from} is after --to {to}; give the first day first"
    case reportUnknownPeriod = "--period: '{text}' is not a period; use {periods}"
    case reportUnknownGrouping = "--by: '{text}' is not something to group by; use {groupings}"

    // Roles.

    // What a verb that moves a call along recorded.
    case recorded = "{call} {what} at {time}"

    // journal verify, repair, compact.
    case verified = "journal {path}: {summary}"
    case finding = "{label}: {finding}"
    case sound = "ok"
    case repairNotNeeded = "journal {path} is sound ({kept} records); nothing was changed"
    case backup = "backup of the original: {backup}"
    case keptNote = "kept: {note}"
    case keptRecords = "kept {kept} records, renumbered from 2 after a journal.repaired record; new calls are numbered from {next} on"
    case repaired = "journal {path} repaired; everything not kept is in the backup"
    case compacted = "compacted {path}: {before} events, now {after}; {archived} closed calls ({events} events) moved to {archive}"
    case compactedNothingArchived = "compacted {path}: {before} events, now {after}; no calls archived"
    case imported = "imported {count} events into {path}"
    case importedNothing = "{file} holds no events; nothing was imported"

    // policy check.
    case policyGood = "{file}: good. Time zone {zone}, warning at {percent}%, calendars {calendars}, {rules}:"
    case oneRule = "1 rule"
    case rules = "{count} rules"
    case ruleLine = "  line {line}: {name} — {match}: {timers}"
    case ruleTimer = "{timer} {target}"
    case noneWord = "none"
    case nameWithLabel = "{name} ({label})"
    case quotedName = "'{name}'"
    case quotedNameWithLabel = "'{name}' ({label})"
    case regionsNamed = "Regions named: {regions}; at intake a region one slip away from these is refused, any other is timed as elsewhere."
    case aliases = "Aliases: {aliases}."
    case holidayWarning = "Warning: {warning}."
    case shifts = "Shifts: {shifts}."
    case causes = "Causes of faults (resolve --cause): {causes}."
    case shiftDay = "day"
    case shiftNight = "night"
    case shiftOnCall = "on-call"
    case escalationStep = "Escalation {step}: at {state} of {timers}, notify {notify}."
    case escalationStepAfter = "Escalation {step}: at {state} + {after} of {timers}, notify {notify}."
    case atWarning = "warning"
    case atBreach = "breach"
    case anyTimer = "any timer"
    case anyTimerButAcceptance = "any timer but the acceptance"
    case acceptance = "Taking a job: an engineer has {target} to accept each assignment (callboard accept CALL); not accepted in time, notify {notify}."
    case progress = "Stalled calls: a job not moved on for {target} since its last update (an assignment, acceptance, departure, arrival, note, pause or resume, reopening) warns and escalates like a late promise."
    case followUp = "Follow-up (回访): each fixed call is called back within {target} (callboard followup CALL --score 1-5, or --unreachable; {attempts} unanswered calls end it); a score of {threshold} or less reopens the call and tells {notify}; {close}"
    case followUpCloseWaits = "closing waits for it."
    case followUpWaived = "calls close without waiting for it (waive: true)."
    case realert = "Unacknowledged escalations alert again every {span}."
    case messagesGoOut = "Messages go out through the notification command in desk.yaml beside the journal, or watch and the console's --notify-command."
    case autoDispatch = "Automatic dispatch (watch --auto-dispatch): levels {levels} {hours}, {accept} to accept; when every on-call engineer lets it lapse, notify {unaccepted}."
    case atAnyHour = "at any hour"
    case outsideHours = "outside {hours}"
    case warranty = "Warranty: {days} days."
    case warrantyByProduct = "Warranty: {days} days; {products}."
    case productWarranty = "{product} {days} days"
    case problemAt = "{file}:{line}: {problem}"

    // policy show.
    case noPolicyYet = "no policy has been recorded in this journal yet; one is recorded with the first call logged"
    case noSuchPolicy = "no policy #{number} in this journal; it has {known}"
    case notPolicyNumber = "'{text}' is not a policy's number; give one such as 1 (show --json and policy explain give each call's)"
    case policyHeading = "# policy #{number}"
    case policyHeadingAdopted = "# policy #{number} (adopted {at})"

    // watch.
    case watching = "watching {journal} every {seconds}s as {actor}"
    case watchingAutoDispatch = "watching {journal} every {seconds}s, auto-dispatching as {actor}"
    case lookingOnce = "looking at {journal} once as {actor}"
    case lookingOnceAutoDispatch = "looking at {journal} once, auto-dispatching as {actor}"
    case stoppedBySignal = "stopped by signal {signal}"
}

extension CommandText {
    /// A shift's word, for messages.
    static func shift(_ shift: Shift) -> Message {
        switch shift {
        case .day: shiftDay()
        case .night: shiftNight()
        case .oncall: shiftOnCall()
        }
    }
}
