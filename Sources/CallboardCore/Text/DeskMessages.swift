/// What the desk says: why it refused a command, what is wrong with typed input, with the desk
/// configuration or with the demo desk, and the few words of its own those sentences use (a
/// role, a call's status, a field, a weekday). English here, each case's text; other languages
/// in `Resources/i18n/<language>/desk.yaml`, by case name. Names, IDs, times and reasons fill
/// the holes as they were written.
public enum DeskText: String, MessageKey {
    public static let table = "desk"

    // MARK: Lists (see `all` and `either`)
    case bothAnd = "{first} and {last}"
    case bothOr = "{first} or {last}"
    /// The items before the last two: "a, b and c" is `list(a, bothAnd(b, c))`.
    case list = "{first}, {rest}"

    // MARK: Who may do what
    case notAllowed = "{doing} is for {role} ({who}); you are {actor}, {actorRole}"
    case nobodyNamed = "nobody is named in the desk configuration"
    case policyNeedsSupervisor = "the desk's policy file has changed, and a new policy is adopted by a supervisor ({who}); you are {actor}, {actorRole}. Ask a supervisor to take the next call or to retime, or run with the desk's current policy"
    case roleViewer = "a viewer"
    case roleEngineer = "an engineer"
    case roleDispatcher = "a dispatcher"
    case roleSupervisor = "a supervisor"
    case doingAddTechnician = "adding a technician"
    case doingChangeRoster = "changing the roster"
    case doingIntake = "taking a call"
    case doingAssign = "assigning"
    case doingProgress = "recording progress"
    case doingRelevel = "releveling"
    case doingRetime = "retiming (a policy change)"
    case doingAcknowledge = "acknowledging an escalation"
    case doingAccept = "accepting a call"
    case doingCancel = "cancelling"
    case doingReopen = "reopening"
    case doingReplace = "recording a replacement"
    case doingFollowUp = "recording a follow-up"
    case doingRepairJournal = "repairing the journal"
    case doingCompactJournal = "compacting the journal"
    case doingImportJournal = "importing a journal"
    case doingWatch = "running the watch, which records escalations,"

    // MARK: When
    case timeInFuture = "time {time} is in the future (now {now}); record events when they have happened"
    case timeTooOld = "time {time} is more than 30 days ago; check the date (the desk records what happened recently)"
    case timeBeforeLastEvent = "time {time} is before {call}'s last event at {last}; a call's history cannot be rewritten"
    case timeNotUnderstood = "time '{text}' is not understood; give ISO 8601 with an offset such as 2026-11-27T17:30:00+08:00, or a span ago such as -20m"

    // MARK: Calls and technicians
    case noSuchCall = "no call {call}; list open calls with: callboard list"
    case noSuchTechnician = "no technician {technician} on the roster; add one with: callboard tech add {technician} --name NAME"
    case technicianExists = "technician {technician} already exists ({name}); change their record with: callboard tech edit {technician}"
    case csvNotUTF8 = "the file is not UTF-8 from line {line}, byte {byte}; save it as CSV UTF-8, or give --encoding gb18030 if it is GB18030"
    case csvNotGB18030 = "the file is not GB18030; give --encoding utf-8, or save it again as CSV"
    case csvUnknownEncoding = "the file is neither UTF-8 nor GB18030; save it from the spreadsheet as CSV UTF-8"
    case csvNoHeader = "the file has no header row; its first line names the columns, e.g. id,name,region,skills,shift,phone"
    case csvUnknownColumn = "column {column} is not one to import; use {columns}"
    case csvColumnTwice = "column {column} is named twice; keep one"
    case csvMissingColumn = "column {column} is missing; the first line names the columns: {columns}"
    case csvTooManyFields = "the row has {count} fields but the header names {columns}; put a value with commas in double quotes"
    case csvUnreadable = "the CSV cannot be read from here (a double quote not closed?); check the quotes"
    case csvIDTwice = "{id} is also on line {line}; each technician once"
    case csvCustomerExists = "customer {customer} already exists ({name}); an import only adds customers: change theirs with callboard customer edit {customer}, add a unit with callboard customer unit {customer}"
    case csvCustomerDiffers = "differs from line {line}, the customer's first row ({value}); a customer's later rows leave their details empty or repeat them"
    case csvSerialTwice = "unit {serial} is also on line {line}; each unit once"
    case csvUnitNeedsSerial = "the row gives a unit's {column} but no serial; a unit is known by its serial number"
    case technicianRetired = "technician {technician} ({name}) is retired; their history is kept, but they take no new calls"
    case technicianAlreadyRetired = "technician {technician} ({name}) is already retired"
    case nothingToEdit = "nothing to change for {technician}; give --name, --region, --skills, --shift or --phone"
    case editChangesNothing = "{technician}'s record already reads so; nothing to change"
    case spanBackwards = "the leave or rota ends ({to}) before it begins ({from}); give --from first and --to last"
    case spanTooLong = "{from} to {to} is more than {days} days; check the years"
    case notDate = "{field} '{text}' is not a date; write it as 2026-12-01"
    case leaveOverlaps = "{technician} is already on leave {span}; a leave that overlaps it changes nothing"
    case spanAlreadyOver = "{to} is already past (today is {today}); record leave and the rota for today or later"
    case purchaseInFuture = "purchase date {date} is in the future; check the date on the invoice"
    case closedCannot = "cannot {verb} {call}: it was closed at {time}"
    case resolvedCannot = "cannot {verb} {call}: it was resolved at {time}"
    case verbAssign = "assign"
    case verbRespond = "respond to"
    case verbDepart = "record a departure for"
    case verbArrive = "record an arrival for"
    case verbResolve = "resolve"
    case verbPause = "pause"
    case verbResume = "resume"
    case verbRelevel = "relevel"
    case verbAccept = "accept"
    case verbReplace = "record a replacement for"
    case verbRetime = "retime"
    case alreadyAssigned = "{call} is already assigned to {technician}{by}"
    case alreadyAssignedReassign = "{call} is already assigned to {technician}{by}; use --reassign to hand it to {other}"
    case assignedBy = " by {actor} at {time}"
    case alreadyOnSite = "{technician} is already on site for {call}; resolve the call or note why a second engineer is needed"
    case alreadyResponded = "{call} was already responded to at {time}{by}"
    case respondedBy = " by {actor}"
    case noTechnicianYet = "{call} has no technician yet; assign one first (callboard assign {call} TECH)"
    case alreadyArrived = "{technician} already arrived at {call} at {time}"
    case alreadyDeparted = "{technician} already departed for {call} at {time}"
    case alreadyClosedAt = "{call} was already closed at {time}"
    case notResolved = "{call} is {status}, not resolved; resolve it first (callboard resolve {call})"
    case alreadyPaused = "{call} has been paused since {time} ({reason}); resume it first"
    case notPaused = "{call} is not paused; its timers are running"
    case alreadyLevel = "{call} is already level {level}"
    case alreadyAcknowledged = "{call}'s escalations were already acknowledged by {actor} at {time}"
    case someone = "someone"
    case nothingToAcknowledge = "{call} has no escalation to acknowledge"
    case acceptAssigned = "{call} is already assigned to {technician}"
    case notOffered = "nobody was asked to take {call}; a dispatcher assigns it (callboard assign {call} TECH)"
    case offerLapsed = "the offer of {call} to {technician} lapsed at {time}; it goes to the next engineer"
    case offeredToOtherNotYou = "{call} was offered to {technician}, not to you ({me})"
    case offeredToOther = "{call} was offered to {technician}, not {other}"
    case assignedToOtherNotYou = "{call} is assigned to {technician}, not to you ({me}); only the engineer assigned accepts it"
    case assignedToOther = "{call} is assigned to {technician}, not {other}; only the engineer assigned accepts it (assign it to {other} first)"
    case alreadyAccepted = "{technician} already accepted {call} at {time}{by}"
    case alreadyCancelled = "{call} is already cancelled"
    case alreadyClosed = "{call} is already closed"
    case nothingToReopen = "{call} is open; there is nothing to reopen"
    case followUpNotFixed = "{call} is {status}, not fixed; the follow-up comes after the fix (callboard resolve {call})"
    case alreadyFollowedUp = "{call} was already followed up at {time}{score}; the next fix calls for a new follow-up"
    case followUpScoreWas = " (score {score})"
    case followUpScoreRange = "the score must be a whole number from 1 (very dissatisfied) to 5 (very satisfied), not {text}"
    case followUpNeedsScore = "give the customer's score (--score 1-5) or say the call did not reach them (--unreachable), not both"
    case closeWaitsForFollowUp = "{call} waits for its follow-up: call the customer back and record it (callboard followup {call} --score 1-5, or --unreachable when the call does not reach them; {attempts} such calls end it); a policy's followup: {waive: true} lets calls close without one"
    case noSerial = "{call} has no serial number; a replacement is recorded for a known unit (intake --serial)"
    case noPolicyToRetime = "the desk has no policy to retime {call} under; give one with --policy"
    case alreadyTimed = "{call} is already timed under the desk's current policy (#{number})"
    case unknownCause = "cause {cause} is not one of the desk's causes: {causes}"
    case tooManyParts = "{count} parts listed; the limit is {limit} (write each part once, with its count: 滤芯×2)"
    case badPartCount = "part {part}: the count must be a whole number from 1 to {limit} (滤芯×2)"
    case partWithoutName = "part {part} has no name; write the part, then its count: 滤芯×2"
    case reasonRequired = "a reason is required, for example: \"waiting for parts\""

    // MARK: Typed input
    case required = "{field} is required"
    case allRequired = "{fields} are required"
    case notUTF8 = "{field} is not valid UTF-8 text; set the terminal's encoding to UTF-8 and type it again"
    case unsafeCharacter = "{field} contains a control or invisible character (U+{code}); type plain text on one line"
    case tooLong = "{field} is {count} characters long; the limit is {limit}"
    case emptyWord = "{field} is empty"
    case notOneWord = "{field} '{text}' must be one word of at most 32 letters, digits, '-' or '_'"
    case notCallID = "'{text}' is not a call ID; call IDs look like C-0007"
    case notTechnicianID = "'{text}' is not a technician ID; use 1-16 letters, digits, '-' or '_', for example T03"
    case notPhone = "phone '{text}' is not a phone number; use digits with spaces or dashes, for example 138 0013 8000 or 021-6552 1234"
    case notLevel = "level '{text}' is not a fault level; use 1 ({1}), 2 ({2}), 3 ({3}) or 4 ({4})"
    case unknownChannel = "channel '{text}' is not known; use phone, email or web"
    case unknownShift = "shift '{text}' is not known; use day, night or oncall (白班, 夜班, 待命)"
    case purchaseNotDate = "purchase date '{text}' is not a date; write it as 2025-03-18"
    case notNamedByPolicy = "{field} '{text}' is not one the policy names; use {words}, or leave the {field} out"
    case notNamedDidYouMean = "{field} '{text}' is not one the policy names; did you mean {meant}? use {words}, or leave the {field} out"
    case noneNamedByPolicy = "{field} '{text}' is not one the policy names; it names no {fields}, so leave the {field} out"
    case regionDidYouMean = "region '{text}' is not one the policy names; did you mean {meant}?"
    case fieldCall = "call"
    case fieldTechnician = "technician"
    case fieldAt = "time"
    case fieldCustomer = "customer"
    case fieldAddress = "address"
    case fieldContact = "contact"
    case fieldWarranty = "warranty end"
    case fieldOn = "day"
    case fieldPhone = "phone"
    case fieldSummary = "summary"
    case fieldLevel = "level"
    case fieldRegion = "region"
    case fieldProduct = "product"
    case fieldSerial = "serial number"
    case fieldChannel = "channel"
    case fieldID = "ID"
    case fieldName = "name"
    case fieldSkills = "skills"
    case fieldSkill = "skill"
    case fieldShift = "shift"
    case fieldTier = "tier"
    case fieldKind = "kind"
    case fieldTiers = "tiers"
    case fieldKinds = "kinds"
    case fieldPurchased = "purchase date"
    case fieldDefect = "defect"
    case fieldText = "note"
    case fieldReason = "reason"
    case fieldFrom = "first day"
    case fieldTo = "last day"
    case fieldCause = "cause"
    case fieldFix = "fix"
    case fieldParts = "parts"
    case fieldScore = "satisfaction score"
    case fieldComment = "comment"

    // MARK: What each fault level means (FaultLevel.meaning)
    case levelSystemDown = "system down"
    case levelRiskOfGoingDown = "risk of going down"
    case levelDegraded = "degraded"
    case levelIntermittent = "intermittent"

    // MARK: A call's status
    case statusNew = "new"
    case statusResponded = "responded"
    case statusAssigned = "assigned"
    case statusEnRoute = "en route"
    case statusOnSite = "on site"
    case statusResolved = "resolved"
    case statusClosed = "closed"
    case statusCancelled = "cancelled"

    // MARK: Days of the week
    case monday = "Monday"
    case tuesday = "Tuesday"
    case wednesday = "Wednesday"
    case thursday = "Thursday"
    case friday = "Friday"
    case saturday = "Saturday"
    case sunday = "Sunday"

    // MARK: Escalation steps the desk itself names
    case stepTellTechnician = "tell the technician"
    case stepDutySupervisor = "duty supervisor"
    case stepManager = "manager"
    case stepNoOneAccepted = "no one accepted"
    case stepNotAccepted = "not accepted"
    case stepDissatisfied = "dissatisfied customer"

    // MARK: The desk configuration (desk.yaml)
    case configNotYAML = "the desk configuration is not valid YAML: {error}"
    case configUnknownKey = "unknown key '{key}' in the desk configuration; use roles, engineers, default and notify"
    case configUnknownRole = "unknown role '{role}' in the desk configuration; use supervisor, dispatcher, engineer or viewer"
    case configTwoRoles = "user {user} is both {role} and {other} in the desk configuration; give one role"
    case configNotTechnicianID = "engineers: '{id}' for {user} is not a technician ID such as T09"
    case configDefaultNotRole = "default '{text}' is not a role; use supervisor, dispatcher, engineer or viewer"
    case notifyShape = "notify in the desk configuration must be {shape}"
    case notifyUnknownKey = "unknown key '{key}' under notify in the desk configuration; use command, timeout and retries"
    case notifyNoCommand = "notify in the desk configuration needs a command, the program to run for each escalation"
    case notifyTimeout = "notify timeout '{text}' in the desk configuration is not a span; write it as 10s or 1m"
    case notifyRetries = "notify retries '{text}' in the desk configuration must be a number from 0 to 10"
    case configElsewhere = "the desk configuration is {file}, beside the journal; --desk may only name that file (roles belong to the desk, not to whoever runs a command)"
    case configInDatabase = "the desk's log is in PostgreSQL ({location}), where who may do what is the database's roles (README, \"Roles in PostgreSQL\"); --desk cannot name a file for it"
    case configWritable = "{file} can be written by others than its owner, so anyone could change their role; run: chmod go-w {file}"
    case configUnreadable = "cannot read the desk configuration {file}: {error}"
    case configProblem = "desk configuration {file}: {problem}"
    case configFolderUnreadable = "cannot read the folder {folder} of the desk configuration"
    case configCommandOwner = "{file} names a notification command but belongs to {owner}, not to {admin} who owns its folder, so a desk member may have put it there to run a command as you; nothing was run: the desk's administrator should check it and run `chown {admin} {file}`"

    case technicianHasOpenCalls = "{technician} {name} still has open calls ({calls}); reassign them (callboard assign CALL TECH --reassign) before retiring"

    // MARK: Customers and their units
    case noSuchUnit = "no customer on record owns unit {serial}; record it with callboard customer unit CUSTOMER --serial {serial}"
    case visitInFuture = "the visit's day {date} is in the future; record a visit once it is made"
    case visitBeforePurchase = "the visit's day {date} is before the unit was bought ({purchased}); check the date"
    case visitAlreadyRecorded = "a visit to unit {serial} on {date} is already recorded"
    case doingCustomer = "recording a customer"
    case notCustomerID = "'{text}' is not a customer ID; use 1-16 letters, digits, '-' or '_', for example K001"
    case customerExists = "customer {customer} already exists ({name}); change it with callboard customer edit {customer}"
    case noSuchCustomer = "there is no customer {customer}; add one with callboard customer add, or see callboard customer list"
    case customerNothingToEdit = "nothing to change for customer {customer}; give --name, --phone, --address or --contact"
    case phoneOfOtherCustomer = "phone {phone} is already customer {customer}'s ({name}); one number leads intake to one customer"
    case unitOfOtherCustomer = "unit {serial} is customer {customer}'s ({name}); check the serial number"
    case unitUnchanged = "unit {serial} of customer {customer} already has these details"
    case tooManyPhones = "{count} phone numbers given; a customer has at most {limit}"
    case tooManyContacts = "{count} contacts given; a customer names at most {limit} people who may open requests"
    case notContact = "contact '{text}' is not a name and a phone number; write it as \"李工 138 0013 8000\""
    case warrantyBeforePurchase = "the warranty ends {until}, before the unit was bought ({purchased}); check both dates"
    case relatedOpenSameUnit = "possible duplicate: {call} on the same unit is still open"
    case relatedOpenSameCustomer = "possible duplicate: {call} for the same customer is still open"
    case relatedOpenSamePhone = "possible duplicate: {call} from the same phone is still open"
    case relatedRepeatSameUnit = "repeat: {call} on the same unit was closed less than {window} before"
    case relatedRepeatSameCustomer = "repeat: {call} for the same customer was closed less than {window} before"

    // MARK: The demo desk
    case demoBeforeIntake = "demo desk: a step of {customer} comes before its intake"
    case demoAssignNoTech = "demo desk: assign step of {call} names no tech"
    case demoNoteNoText = "demo desk: note step of {call} has no text"
    case demoPauseNoReason = "demo desk: pause step of {call} has no reason (text)"
    case demoCancelNoReason = "demo desk: cancel step of {call} has no reason (text)"
    case demoUnknownStep = "demo desk: unknown step '{step}' on {call}"
    case demoNotSpan = "demo desk: '{text}' is not a span before now such as -2h10m"
}

extension DeskText {
    /// "a, b and c" in the reader's language (nothing for none).
    public static func all(_ items: [Message.Argument]) -> Message.Argument { joined(items, both: .bothAnd) }

    /// "a, b or c" in the reader's language (nothing for none).
    public static func either(_ items: [Message.Argument]) -> Message.Argument { joined(items, both: .bothOr) }

    /// Names as written, one after another: "office, working-days", 、 between them in Chinese
    /// (nothing for none).
    public static func names(_ words: [String]) -> Message.Argument {
        guard let first = words.first else { return .text("") }
        guard words.count > 1 else { return .text(first) }
        return .message(DeskText.list(["first": .text(first), "rest": names(Array(words.dropFirst()))]))
    }

    /// Words as written ("emergency, 紧急 or urgent"): each shown as it is.
    public static func either(_ words: [String]) -> Message.Argument { either(words.map { .text($0) }) }

    private static func joined(_ items: [Message.Argument], both: DeskText) -> Message.Argument {
        switch items.count {
        case 0: return .text("")
        case 1: return items[0]
        case 2: return .message(both(["first": items[0], "last": items[1]]))
        default: return .message(DeskText.list(["first": items[0], "rest": joined(Array(items.dropFirst()), both: both)]))
        }
    }
}

extension Role {
    /// The role in a sentence: "a supervisor", 主管.
    public var text: Message {
        switch self {
        case .viewer: DeskText.roleViewer()
        case .engineer: DeskText.roleEngineer()
        case .dispatcher: DeskText.roleDispatcher()
        case .supervisor: DeskText.roleSupervisor()
        }
    }
}

extension CallStatus {
    /// The status in words: "en route", 在途.
    public var text: Message {
        switch self {
        case .new: DeskText.statusNew()
        case .responded: DeskText.statusResponded()
        case .assigned: DeskText.statusAssigned()
        case .enRoute: DeskText.statusEnRoute()
        case .onSite: DeskText.statusOnSite()
        case .resolved: DeskText.statusResolved()
        case .closed: DeskText.statusClosed()
        case .cancelled: DeskText.statusCancelled()
        }
    }
}

extension Field {
    /// How a message names the input: "serial number", 序列号.
    public var label: Message {
        switch self {
        case .call: DeskText.fieldCall()
        case .technician: DeskText.fieldTechnician()
        case .at: DeskText.fieldAt()
        case .customer: DeskText.fieldCustomer()
        case .phone: DeskText.fieldPhone()
        case .summary: DeskText.fieldSummary()
        case .level: DeskText.fieldLevel()
        case .region: DeskText.fieldRegion()
        case .product: DeskText.fieldProduct()
        case .serial: DeskText.fieldSerial()
        case .channel: DeskText.fieldChannel()
        case .id: DeskText.fieldID()
        case .name: DeskText.fieldName()
        case .skills: DeskText.fieldSkills()
        case .shift: DeskText.fieldShift()
        case .tier: DeskText.fieldTier()
        case .kind: DeskText.fieldKind()
        case .purchased: DeskText.fieldPurchased()
        case .defect: DeskText.fieldDefect()
        case .text: DeskText.fieldText()
        case .reason: DeskText.fieldReason()
        case .address: DeskText.fieldAddress()
        case .contact: DeskText.fieldContact()
        case .warranty: DeskText.fieldWarranty()
        case .on: DeskText.fieldOn()
        case .from: DeskText.fieldFrom()
        case .to: DeskText.fieldTo()
        case .cause: DeskText.fieldCause()
        case .fix: DeskText.fieldFix()
        case .parts: DeskText.fieldParts()
        case .score: DeskText.fieldScore()
        case .comment: DeskText.fieldComment()
        }
    }
}

extension LocalDate {
    /// The name of a weekday (0 Monday … 6 Sunday): "Saturday", 星期六.
    public static func weekdayText(_ weekday: Int) -> Message {
        [DeskText.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday][weekday]()
    }
}
