/// What `policy check` (and every verb that reads a policy) says about a policy file, by key:
/// English here, other languages in `Resources/i18n/<language>/policy.yaml`. What the file's
/// author wrote — a value, a rule's or a calendar's name, a key — fills a hole as written.
public enum PolicyText: String, MessageKey {
    public static let table = "policy"

    // MARK: The file
    case empty = "the policy is empty"
    case notReadable = "not readable as YAML: {error}"
    case invalidYAML = "not valid YAML: {problem}"
    case invalidYAMLPlain = "not valid YAML"
    case notUTF8 = "byte {byte} of the line (0x{hex}) is not UTF-8; save the file as UTF-8"
    case givenTwice = "'{key}' is given twice in the same place; keep one"
    case notMapping = "{what} must be a mapping of keys to values"
    case keysNotWords = "keys in {what} must be words"
    case unknownKeyIn = "unknown key '{key}' in {what}; use {keys}"
    case unknownKey = "unknown key '{key}'"
    case notSingleValue = "{what} must be a single value"
    case notSpan = "{what} '{text}' is not a span; write it as 30m, 8h, 2d or 1h30m"
    case unknownZone = "unknown time zone '{text}'; use an IANA name such as Asia/Shanghai"
    case badWarningShare = "warning_at '{text}' must be a share of the target between 0 and 100%, such as 75%"

    // MARK: Holidays and calendars
    case datesNotList = "{what} must be a list of dates such as 2026-10-01 or 2026-10-01..2026-10-07"
    case notDate = "'{text}' in {what} is not a date (2026-10-01) or a range of dates (2026-10-01..2026-10-07)"
    case rangeBackwards = "the range '{text}' in {what} ends before it starts"
    case rangeTooLong = "the range '{text}' in {what} is longer than a year"
    case workingDayNotWeekend = "{date} is a {weekday}; working_days are weekend days worked instead of a holiday"
    case calendarBuiltIn = "'24x7' is built in; give your calendar another name"
    case notDays = "'{text}' is not a day or days; use mon, tue, … sun, a range such as mon-fri, or a list such as sat,sun"
    case noHours = "calendar '{name}' has no 'hours'; give them as, for example, mon-fri: 08:00-18:00"
    case hoursOverlap = "calendar '{name}': hours {first} and {second} overlap (on {weekday} and maybe other days)"
    case neverOpen = "calendar '{name}' is never open, so its deadlines would never come"
    case notHours = "'{text}' is not opening hours; write them as 08:00-18:00 (24:00 ends the day)"
    case calendarUndefined = "calendar '{name}' is not defined; define it under 'calendars' or use 24x7"
    case shiftCalendarUndefined = "calendar '{name}' is not defined; define it under 'calendars' (day-shift, night-shift and 24x7 are built in)"

    // MARK: Rules
    case noRules = "the policy has no rules; add a 'rules' list"
    case rulesNotList = "'rules' must be a list of rules"
    case noResponseRule = "no rule sets the response timer; every desk promises an answer"
    case ruleSetsNoTimer = "rule {number} ({name}) sets no timer; give it {timers}"
    case ruleNameUsed = "the rule name '{name}' is already used on line {line}; names identify rules in explanations"
    case ruleShadowed = "rule '{rule}' sets {timer}, but rule '{earlier}' (line {line}) already decides it for every call this rule matches; move this rule above it"
    case emptyList = "'{key}' in rule {number} is an empty list, which matches no call"
    case levelOrNone = "level '{text}' must be 1, 2, 3, 4 or none"
    case neverMatches = "{key} '{text}' can never match: calls give a {key} as one word of letters, digits, '-' or '_'"
    case needsTarget = "{timer} of rule {number} needs a target such as 24h ('within')"
    case notDuration = "'{text}' is not a duration; write it as 30m, 8h, 2d or 1h30m (or none: no such promise)"
    case targetZero = "the {timer} target must be longer than zero"
    case targetTooLong = "the {timer} target '{text}' is longer than a year"

    // MARK: Timers
    case timersNotList = "'timers' must be a list of timers; leave it out for the built-in {timers}"
    case timerNameUsed = "the timer name '{name}' is already used on line {line}; give each timer its own name"
    case tooManyTimers = "a policy makes at most {limit} promises; this one lists {count} timers"
    case notBuiltInTimer = "'{text}' is not a built-in timer ({timers}); define it as {shape}"
    case timerNeedsName = "a timer needs a name (one word, such as follow_up): rules set it by that name"
    case badTimerName = "the timer name '{text}' must be one word of at most 32 letters, digits, '-' or '_' other than name, label and when: rules set it by that name"
    case timerNeedsStops = "timer '{name}' needs stops: the milestone that keeps the promise ({milestones}; a list: the first of them)"
    case timerNeverRuns = "timer '{name}' starts at {start} and is stopped by {stop}, so it would never run; stop it by a later milestone"
    case timerNoStops = "timer '{name}' has no milestone that stops it; use {milestones}"
    case unknownMilestone = "unknown milestone '{text}' in {what}; use {milestones}"
    case timerNeverSet = "no rule sets the timer '{name}', so no call would ever have it; give a rule {name}: SPAN, or remove it from 'timers'"
    case unknownTimer = "unknown timer '{text}'; use {timers}"
    case badLabel = "{what} must be at most 32 characters on one line, without control or invisible characters"

    // MARK: Shifts, escalations, automatic dispatch
    case stepsNotList = "escalation steps must be a list"
    case stepNameUsed = "the escalation step name '{name}' is already used on line {line}; give each step its own name"
    case stepNeedsNotify = "an escalation step needs notify: who is told (technician, supervisor, manager, …)"
    case atNotState = "at '{text}' is not a timer state an escalation can start at; use warning or breach"
    case notifyMoved = "the notification command no longer belongs in the policy, which the journal records where any desk member can append: move notify: {shape} to desk.yaml beside the journal, or give watch and the console --notify-command"
    case levelNot1to4 = "level '{text}' is not 1, 2, 3 or 4"

    // MARK: Aliases
    case aliasNotWord = "the {field} alias '{alias}' must be one word of at most 32 letters, digits, '-' or '_', as typed at intake"
    case aliasTwice = "the {field} alias '{alias}' is given twice (case does not count); keep one"
    case aliasIsName = "'{alias}' is a {field} the rules name, so it cannot also be an alias; remove the alias"
    case aliasUnknownTarget = "the {field} alias '{alias}' stands for '{target}', which no rule names; use {names}"
    case aliasNoTargets = "the {field} alias '{alias}' stands for '{target}', which no rule names; the rules name no {field} at all"

    // MARK: What a problem is about (the {what} above, where it is not a key of the file)
    case whatPolicy = "the policy"
    case whatCalendar = "calendar '{name}'"
    case whatCalendarHours = "hours of calendar '{name}'"
    case whatOpeningHours = "opening hours"
    case whatRule = "rule {number}"
    case whatRuleName = "a rule's name"
    case whatRuleWhen = "'when' of rule {number}"
    case whatRuleTimer = "{timer} of rule {number}"
    case whatTarget = "{timer} target"
    case whatTimer = "a timer"
    case whatTimerName = "a timer's name"
    case whatStep = "an escalation step"
    case whatShiftCalendar = "the {shift} shift's calendar"
    case whatDefaultWarranty = "the default warranty"
    case whatProductWarranty = "the warranty of {product}"
    case whatWarrantyProducts = "warranty products"
    case whatAliases = "the aliases of {field}"
    case whatAliasTarget = "the name the {field} alias '{alias}' stands for"
    case whatLabel = "the label of {owner}"
    case whatLabels = "the labels of {owner}"
    case whatLabelIn = "the {language} label of {owner}"
    case ownerTimer = "timer '{name}'"
    case ownerRule = "rule '{name}'"
    case ownerStep = "escalation step '{name}'"

    // MARK: Names the policy gives
    /// A rule's or a step's name, or its label in the reader's language, as the policy wrote it.
    case named = "{name}"

    // MARK: Causes of faults (causes:)
    case causeHardware = "hardware fault"
    case causeSoftware = "software fault"
    case causeMisuse = "misuse"
    case causeWear = "wear and tear"
    case causeEnvironment = "power, heat or damp"
    case causeInstallation = "installation"
    case causeUnknown = "cause not found"
    case causesNotList = "causes must be a list: codes (hardware), or code and label (code: firmware, label: firmware fault)"
    case badCauseCode = "cause code '{text}' must be one word of at most 32 lower-case letters, digits, '-' or '_'"
    case causeCodeUsed = "the cause '{code}' is already listed on line {line}"
    case causeNeedsCode = "a cause needs its code (code: firmware)"
    case whatCause = "a cause"
    case ownerCause = "cause '{code}'"
    /// The rule of the built-in general promise (calls recorded before the desk had a policy).
    case ruleGeneralPromise = "general promise"
}
