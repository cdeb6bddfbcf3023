import CallboardCore

/// The presenters' words, by key: what `show`, `board --print`, `policy explain`, `list`, a
/// call's history and the board say, in the console and on the command line alike. Each case's
/// raw value is its English text with `{name}` holes; the Chinese is in
/// `Resources/i18n/zh/report.yaml` (a test keeps it complete, with the same holes). What people
/// wrote — a customer, a summary, a reason, a name, a policy's own words — only ever fills a
/// hole, as it was written. JSON for scripts stays in English.
public enum ReportText: String, MessageKey {
    // Whom an escalation tells, for the desk's standard roles.
    case notifyTechnician = "technician", notifySupervisor = "supervisor", notifyManager = "manager"
    case notifyDispatcher = "dispatcher"
    public static let table = "report"

    // MARK: Words for states and kinds: one key per word, whatever it describes (a call is
    // "assigned" and so is a technician with a call; a call and a timer are both "paused").

    case new = "new", responded = "responded", assigned = "assigned", enRoute = "en route", onSite = "on site"
    case resolved = "resolved", closed = "closed", paused = "paused", offered = "offered", unassigned = "unassigned"
    case notAccepted = "not accepted"
    case followUpDue = "follow-up due"
    case running = "running", warning = "warning", breached = "breached", met = "met", missed = "missed"
    case cancelled = "cancelled", withdrawn = "withdrawn"
    case available = "available", offShift = "off shift", onLeave = "on leave", retired = "retired"
    case shiftDay = "day", shiftNight = "night", shiftOnCall = "on-call"
    case channelPhone = "phone", channelEmail = "email", channelWeb = "web"
    case monday = "Monday", tuesday = "Tuesday", wednesday = "Wednesday", thursday = "Thursday", friday = "Friday"
    case saturday = "Saturday", sunday = "Sunday"
    case mondayShort = "Mon", tuesdayShort = "Tue", wednesdayShort = "Wed", thursdayShort = "Thu", fridayShort = "Fri"
    case saturdayShort = "Sat", sundayShort = "Sun"
    case sortUrgency = "urgency", sortNewest = "newest", sortOldest = "oldest", sortLevel = "level"
    case automaticDispatch = "automatic dispatch"

    // MARK: Column titles (the queue, `list`, the roster, `tech list`)

    case columnCall = "CALL", columnLevel = "LV", columnCustomer = "CUSTOMER", columnRegion = "REGION", columnStatus = "STATUS"
    case columnTech = "TECH", columnSummary = "SUMMARY", columnName = "NAME", columnShift = "SHIFT", columnJobs = "JOBS"
    case columnSkills = "SKILLS", columnPhone = "PHONE"
    case columnID = "ID", columnAddress = "ADDRESS", columnUnits = "UNITS", columnOpen = "OPEN", columnProduct = "PRODUCT"
    case columnSerial = "SERIAL", columnPurchased = "BOUGHT", columnWarranty = "WARRANTY", columnReceived = "RECEIVED"
    case columnDue = "DUE", columnLastVisit = "LAST VISIT"
    case overdueMark = "overdue"
    case noVisitsDue = "no scheduled visit due"

    // MARK: A customer (`customer show`, the console's customer view)

    case customerHeading = "{customer}  {name}"
    case fieldPhones = "Phones", fieldContacts = "Contacts"
    case sectionUnits = "Units", sectionCalls = "Calls"
    case noUnits = "no units recorded (callboard customer unit {customer} --serial S)"
    case noCalls = "no calls yet"
    case unitPurchased = "purchased {date}"
    case unitWarrantyUntil = "warranty until {date}"
    case unitWarrantyOver = "warranty ended {date}"
    case warrantyByPolicy = "by the policy"

    // MARK: Pieces of sentences

    /// Between the items of a list: "level 2, region city".
    case listSeparator = ", "
    /// Between the parts of a longer list: "Monday–Friday 08:00-18:00; Saturday 09:00-12:00".
    case semicolonSeparator = "; "
    /// Between alternatives: "responded or arrived".
    case orSeparator = " or "
    /// The last of a list: "office, working-days and night".
    case listAnd = "{list} and {last}"
    case level = "level {level}", noLevel = "no level", levelNotSet = "level not set"
    case region = "region {region}", regionNotSet = "region not set", tier = "tier {tier}", kind = "kind {kind}"

    // MARK: A call's history (EventDescription)

    case eventPolicyAdopted = "policy #{number} adopted for new calls"
    case eventTechnicianAdded = "technician {tech} {name} joined the roster"
    case eventCustomerAdded = "customer {customer} {name} added"
    case eventCustomerEdited = "customer {customer} {name} changed"
    case eventUnitRecorded = "unit {serial} {product} recorded for customer {customer}"
    case eventCustomerRecord = "customer {customer}"
    case eventUnitServiced = "scheduled visit to unit {serial} of customer {customer} made on {date}"
    case eventTechnicianEdited = "technician {tech} now reads: {record}"
    case eventTechnicianOnLeave = "{tech} is on leave from {from} to {to}"
    case eventTechnicianRetired = "{tech} retired from the roster (history kept)"
    case eventTechnicianRota = "{tech} works the {shift} shift from {from} to {to}"
    case eventReceived = "received by {channel}"
    case eventTimedUnderPolicy = "timed under policy #{number}"
    case eventTimedUnderGeneral = "timed under the general promise"
    case eventResponded = "responded: customer called back with a diagnosis or plan"
    case eventAssigned = "assigned to {tech}"
    case eventReassigned = "reassigned from {from} to {tech}"
    case eventDeparted = "technician departed for the site"
    case eventArrived = "technician arrived on site"
    case eventNoted = "note: {text}"
    case eventPaused = "paused: {reason}"
    case eventResumed = "resumed"
    case eventReleveled = "releveled from {from} to {to}: {reason}"
    case eventRetimed = "retimed under policy #{number}: {reason}"
    case eventCompacted = "journal compacted from {events} events; {archived}"
    case eventCompactedArchive = "{count} closed calls moved to {archive}"
    case eventCompactedNothing = "no calls archived"
    case eventEscalated = "escalated ({step}): {timer} promise; {notify} told"
    case eventEscalatedUnaccepted = "escalated ({step}): every on-call engineer let the offer lapse; {notify} told"
    case eventRealerted = "alerted again ({step}, {timer}): nobody has taken charge yet"
    case eventAcknowledged = "escalations acknowledged: taken in charge"
    case eventNotified = "notification sent ({step}): {detail}"
    case eventNotificationFailed = "notification FAILED ({step}): {detail}"
    case eventOffered = "automatic dispatch asked {tech} to take it by {until}: {reason}"
    case eventOfferLapsed = "automatic dispatch: {tech} did not accept in time; asking the next engineer"
    case eventAccepted = "accepted by {tech} (automatic dispatch)"
    case eventAcceptedJob = "{tech} accepted the job"
    case eventCancelled = "cancelled: {reason}"
    case eventReopened = "reopened: {reason}"
    case eventFollowedUp = "follow-up: the customer scored it {score}/5"
    case eventFollowUpComment = " ({comment})"
    case eventFollowUpReopens = "; reopened: the engineer goes back"
    case eventUnreachable = "follow-up: the customer could not be reached"
    case eventUnreachableFinal = "follow-up: the customer could not be reached; the last attempt, the follow-up ends"
    case eventUnitReplaced = "the unit was replaced (its warranty starts again today)"
    case eventRepaired = "journal repaired: {dropped} records dropped; calls numbered from C-{next} on"

    // MARK: A call in full (`show`, the console's call view)

    case callHeading = "{call}  {status}  ·  {level}  ·  {region}"
    case statusWhilePaused = "{status}, paused"
    case fieldCustomer = "Customer", fieldPhone = "Phone", fieldSummary = "Summary", fieldProduct = "Product", fieldSerial = "Serial"
    case fieldChannel = "Channel", fieldTier = "Tier", fieldKind = "Kind", fieldReceived = "Received", fieldTechnician = "Technician"
    case fieldPolicy = "Policy", fieldPurchased = "Purchased", fieldDefect = "Defect", fieldOwed = "Owed", fieldWarranty = "Warranty"
    case fieldCancelled = "Cancelled", fieldOfferedTo = "Offered to", fieldEscalated = "Escalated"
    case fieldContact = "Contact", fieldAddress = "Address", fieldRelated = "Related"
    case relatedNow = " (now {status})"
    case fieldCause = "Cause", fieldFix = "Fix", fieldParts = "Parts"
    case fieldAccepted = "Accepted"
    case fieldSatisfaction = "Follow-up"
    case satisfactionScore = "{score}/5 at {time}"
    case satisfactionUnreachable = "{count} call(s) did not reach the customer"
    case returnVisitOwed = "a return visit: the customer was not satisfied"
    case acceptedBy = "by {tech} at {time}"
    case notAcceptedYet = "not yet: waiting for {tech} to accept (callboard accept {call})"
    /// A cause of faults by its label, with its code (what `resolve --cause` takes).
    case causeWithCode = "{label} ({code})"
    /// A part used and how many.
    case partCount = "{part} ×{count}"
    case eventResolvedWith = "resolved: {what}"

    // MARK: Past fixes (`kb search`, the new-call form)
    case kbLine = "{call}  {product}  {fault}  ·  {cause}  ·  {fix}"
    case kbFaultWithDefect = "{summary} ({defect})"
    case kbNoCause = "cause not recorded"
    case kbNoFix = "fix not recorded"
    case kbNothing = "no fixed call matches {words}"
    case sectionTimers = "Timers", sectionPauses = "Pauses", sectionHistory = "History"
    case policyNumber = "#{number}"
    case generalPromise = "the general promise (24 h response, 12 h on site)"
    case inWarranty = "in warranty until {date}"
    case outOfWarrantySince = "out of warranty since {date}: parts and labour charged at cost"
    case yes = "yes"
    case offeredUntil = "{tech} until {until} (callboard accept {call})"
    case escalatedAllAcknowledged = "{count} times, all acknowledged"
    case escalatedWaiting = "{count} times, {waiting} waiting for acknowledgment (callboard ack {call})"
    case pauseSpan = "{start} to {end}  {reason}"
    case pauseNow = "now"
    case fixedWithoutVisit = "{timer} (fixed without a visit)"

    // MARK: A timer's line (`show`)

    case timerTarget = "target {span}"
    case timerTargetOn = "target {span} {calendar}"
    case timerDue = "due {deadline}"
    case timerDueUncertain = "due {deadline} (uncertain: no holidays listed after {date})"
    case timerDueWhenResumed = "due when resumed"
    case timerLeft = "{state}, {span} left"
    case timerPausedLeft = "paused, {span} of {calendar} time left"
    case timerOverdue = "breached, {span} overdue"
    case timerMetAt = "met at {time}, {span} to spare"
    case timerWithdrawnAt = "withdrawn at {time}, when the call was cancelled"
    case timerWithdrawnOverdue = "withdrawn at {time}, when the call was cancelled, {span} after its deadline"
    case timerMissedAt = "missed: stopped at {time}, {span} late"

    // MARK: What is owed (OwedText)

    case owedReplacement = "replacement due"
    case owedRefund = "refund due"
    case owedReplacementBecause = "replacement due (the same defect after two repairs: {calls})"
    case owedRefundBecause = "refund due (still failing after the replacement on {call})"

    // MARK: The supervisor board

    case boardTitle = "Supervisor board · {time}"
    case boardPromises = "Today's promises: "
    case boardComplianceNone = "{timer} -"
    case boardCompliance = "{timer} {met}/{decided} met ({percent}%)"
    case boardOldest = "Oldest open call: "
    case boardOldestCall = "{call} {customer}, open {span}"
    case boardUnassigned = "Unassigned: "
    case boardAtRisk = "Promises breached ({breached} on {breachedCalls} calls) and about to breach ({warning} on {warningCalls})"
    case boardByLevel = "by level: ", boardByRegion = "by region: ", boardByTechnician = "by technician: "
    case boardOffers = "Offers waiting for an answer ({count})"
    case boardOffer = "offered to {tech} until {until}"
    case boardOfferLeft = " ({span} left)"
    case boardOfferLapsed = " (lapsed)"
    case boardNotAcceptedBy = " · not accepted by {technicians}"
    case boardEscalations = "Escalations waiting for acknowledgment ({count})"
    case boardEscalation = " · {timer} · {notify} told at {time} · alerted {count}× · "
    case boardTechnicians = "Technicians"
    case boardOwed = "Owed to customers ({count})"

    // MARK: Holidays running out (HolidayNotice)

    case holidayWarning = "deadlines {clauses} ignore public holidays, because the policy lists none later; add next year's holidays and make-up working days to the policy"
    case holidayClause = "after {date} on {calendars}"
    case holidayClauseSeparator = ", and "
    case holidaySummary = "Holidays are listed up to {list}."
    case holidaySummaryItem = "{date} ({calendars})"
    case holidayUncertain = "Uncertain: the policy lists holidays for {calendar} only up to {date}; a holiday after that day would move this deadline."

    // MARK: How a deadline was reached (`policy explain`)

    case explainUnderPolicy = "Timed under the desk's policy #{number}."
    case explainUnderGeneral = "Timed under the general promise (calls logged before the desk's policy was recorded)."
    case explainReceived = "Received {when}. {attributes}."
    case explainLevel = "Level {level}", explainLevelNotSet = "Level not set"
    case explainPaused = "Paused from {from} to {until}: {reason}. Paused time does not count."
    case explainStillPaused = "now (still paused)"
    case explainReleveled = "Releveled from {from} to {to} on {when} by {actor} ({reason}); targets are counted from the original intake time."
    case explainEarlierPromise = "Under {level} the {timer} promise was {target}, due {when}."
    case explainRetimed = "Retimed under policy #{number} on {when} by {actor} ({reason})."
    case explainNoRule = "No rule of the policy sets a timer for this call."
    case explainTimer = "{timer}: {target}, from {source}."
    case explainRule = "rule \"{rule}\" ({match})"
    case explainRuleAtLine = "rule \"{rule}\" ({match}, policy line {line})"
    case explainRuleName = "rule \"{rule}\""
    case explainNotStarted = "Not started: the call is not {milestone} yet."
    case explainRuns = "Counts from when the call is {starts} until it is {stops}."
    case explainFirstOf = "the first of {list} or {last}"
    case explainStarted = "{runs} Started {when}."
    case explainCalendar = "Calendar: {calendar}"
    case explainCounted = "Counted:"
    case explainDue = "Due {when}."
    case explainCountedBeforePause = "{counted} counted before the pause; {rest} will be counted from when the call resumes."
    case explainKept = "Kept: stopped {when}, {span} before the deadline."
    case explainMissed = "Missed: stopped {when}, {span} after the deadline."
    case explainBreached = "Breached: {span} past the deadline and still running."
    case explainRunning = "Running: {span} to go."
    case explainPausedNow = "Paused."
    case explainWithdrawn = "Withdrawn at {when}, when the call was cancelled: neither kept nor broken."
    case explainWithdrawnOverdue = "Withdrawn at {when}, when the call was cancelled, {span} after its deadline: neither kept nor broken."
    case explainOwedBecause = "Because it was not kept: {breach}."
    case explainOwedIf = "If it is not kept: {breach}."
    case matchLevel = "level {levels}", matchNoLevel = "none", matchRegion = "region {regions}", matchTier = "tier {tiers}"
    case matchKind = "kind {kinds}", matchEvery = "every call"
    case targetRoundTheClock = "{span} round the clock"
    case targetOneDay = "1 working day"
    case targetDays = "{days} working days"
    case targetOnCalendar = "{span} of {calendar} time"
    case calendarAlwaysOpen = "24x7, every hour of every day."
    case calendarHours = "{name}: {week} ({zone}){holidays}{makeUp}. A request outside these hours counts from the next opening."
    case calendarDays = "{first}–{last}"
    case calendarHolidays = "; closed on public holidays ({count} days listed)"
    case calendarMakeUp = "; open on make-up working days ({count} listed)"
    case countedNothing = "nothing (due at once)"
    case countedSpan = "{start} to {end}   {span}"
    case countedHoliday = "{day}   public holiday, closed"
    case countedClosed = "{day}   closed"
    case countedAfterClosing = "{day}   received after closing"
    case countedPaused = "{day}   paused"
    case countedMakeUpDay = "   (make-up working day)"
    case timersSummary = "Timers: {timers}."
    case timerSummary = "{name}{labels} from {starts} until {stops}{warning}"
    case timerSummaryWarning = ", warning at {percent}%"
}

/// A report's words (`report`, ReportPresenter) and the columns of CSV for spreadsheets
/// (`report`, `list --format csv`): the same table as ReportText, apart because a report's
/// words are the same English as a call's status and fields.
public enum ReportWords: String, MessageKey {
    public static let table = "report"

    case reportHeading = "Calls received {from} to {to}, as they stand at {now}"
    case reportHeadingBy = "Calls received {from} to {to} by {grouping}, as they stand at {now}"
    case reportByLevel = "level", reportByRegion = "region", reportByTechnician = "technician", reportByCustomer = "customer"
    case reportByTier = "tier", reportByKind = "kind", reportByCause = "cause"
    /// The group of calls without a key (no region, no technician, …).
    case reportNoKey = "(none)"
    case reportTotal = "Total"
    case reportNoCalls = "No calls were received in these days."
    case reportCounts = "received {received}  resolved {resolved}  closed {closed}  reopened {reopened}  repeats {repeats}  cancelled {cancelled}"
    case reportTimer = "met {met}  missed {missed}  running {running}  met {percent}  p50 {p50}  p90 {p90}"
    case reportPercent = "{percent}%"
    case reportSatisfaction = "satisfaction {average} ({count} scored)"
    case reportSatisfactionNone = "satisfaction: no scores yet"
    case reportCustomerKey = "{customer} {name}"
    // What if (`report --policy`).
    case whatIfHeading = "What if: the same calls timed under {path} (breaches now → under that policy)"
    case whatIfTimer = "breaches {now} → {under}  gained {gained}  lost {lost}"
    case csvWhatIfNow = "{timer} breaches now", csvWhatIfUnder = "{timer} breaches under policy"
    case csvWhatIfGained = "{timer} breaches gained", csvWhatIfLost = "{timer} breaches lost"
    // CSV columns.
    case csvReceived = "Received", csvResolved = "Resolved", csvClosed = "Closed", csvReopened = "Reopened", csvRepeats = "Repeats"
    case csvCancelled = "Cancelled"
    case csvTimerMet = "{timer} met", csvTimerMissed = "{timer} missed", csvTimerRunning = "{timer} running"
    case csvTimerMetPercent = "{timer} met %", csvTimerP50 = "{timer} p50 (s)", csvTimerP90 = "{timer} p90 (s)"
    case csvSatisfactionCount = "Satisfaction count", csvSatisfactionAverage = "Satisfaction average"
    // `list --format csv`.
    case csvCall = "Call", csvStatus = "Status", csvLevel = "Level", csvRegion = "Region", csvCustomerID = "Customer ID"
    case csvTechnician = "Technician", csvCustomer = "Customer", csvPhone = "Phone", csvSummary = "Summary", csvProduct = "Product"
    case csvSerial = "Serial", csvTier = "Tier", csvKind = "Kind", csvCause = "Cause", csvReceivedAt = "Received at", csvResolvedAt = "Resolved at"
    case csvClosedAt = "Closed at"
    case csvTimerState = "{timer}", csvTimerDeadline = "{timer} due"
}

/// A milestone of a call, as in "counts from when the call is {resolved}" (`policy explain`): the
/// same table as ReportText, apart only because a call's status has the same English words.
public enum MilestoneText: String, MessageKey {
    public static let table = "report"

    case milestoneReceived = "received", milestoneResponded = "responded", milestoneArrived = "arrived"
    case milestoneResolved = "resolved", milestoneClosed = "closed"
    case milestoneAssigned = "assigned", milestoneAccepted = "accepted"
    case milestoneProgressed = "progressed"
    case milestoneFollowedUp = "followed up"
}

/// What people call a built-in timer (`TimerDefinition.builtIn`), by the name policies give it:
/// the queue's column titles (in capitals), `show`, `policy explain` and the board. A policy may
/// label its own timers (`label:`), which win. The same table as ReportText.
public enum TimerLabelText: String, MessageKey {
    public static let table = "report"

    case timerLabelResponse = "response", timerLabelOnsite = "on-site", timerLabelRestore = "restore"
    case timerLabelAccept = "accept"
    case timerLabelProgress = "progress"
    case timerLabelFollowup = "follow-up"

    /// The label of the built-in timer of that name; nil for a timer only a policy defines.
    public static func of(_ name: TimerName) -> TimerLabelText? {
        switch name.rawValue {
        case "response": .timerLabelResponse
        case "onsite": .timerLabelOnsite
        case "restore": .timerLabelRestore
        case "accept": .timerLabelAccept
        case "progress": .timerLabelProgress
        case "followup": .timerLabelFollowup
        default: nil
        }
    }
}

extension ReportWords {
    /// What a report groups by, in words.
    public static func grouping(_ grouping: ReportGrouping) -> ReportWords {
        switch grouping {
        case .level: .reportByLevel
        case .region: .reportByRegion
        case .technician: .reportByTechnician
        case .customer: .reportByCustomer
        case .tier: .reportByTier
        case .kind: .reportByKind
        case .cause: .reportByCause
        }
    }
}

extension ReportText {
    /// A call's status in words.
    public static func status(_ status: CallStatus) -> ReportText {
        switch status {
        case .new: .new
        case .responded: .responded
        case .assigned: .assigned
        case .enRoute: .enRoute
        case .onSite: .onSite
        case .resolved: .resolved
        case .closed: .closed
        case .cancelled: .cancelled
        }
    }

    /// A timer's state in words.
    public static func state(_ state: TimerState) -> ReportText {
        switch state {
        case .running: .running
        case .paused: .paused
        case .warning: .warning
        case .breached: .breached
        case .met: .met
        case .missed: .missed
        case .withdrawn: .withdrawn
        }
    }

    /// What a technician is doing, in words.
    public static func activity(_ activity: TechnicianActivity) -> ReportText {
        switch activity {
        case .available: .available
        case .assigned: .assigned
        case .enRoute: .enRoute
        case .onSite: .onSite
        }
    }

    public static func shift(_ shift: Shift) -> ReportText {
        switch shift {
        case .day: .shiftDay
        case .night: .shiftNight
        case .oncall: .shiftOnCall
        }
    }

    public static func channel(_ channel: Channel) -> ReportText {
        switch channel {
        case .phone: .channelPhone
        case .email: .channelEmail
        case .web: .channelWeb
        }
    }

    /// A day of the week, 0 for Monday (LocalDate.weekday).
    public static func weekday(_ day: Int) -> ReportText {
        [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday][day]
    }

    /// A day of the week in short (`Mon`, 周一), 0 for Monday: the report screen's day labels.
    public static func weekdayShort(_ day: Int) -> ReportText {
        [.mondayShort, .tuesdayShort, .wednesdayShort, .thursdayShort, .fridayShort, .saturdayShort, .sundayShort][day]
    }
}

extension MilestoneText {
    public static func of(_ milestone: Milestone) -> MilestoneText {
        switch milestone {
        case .received: .milestoneReceived
        case .responded: .milestoneResponded
        case .arrived: .milestoneArrived
        case .resolved: .milestoneResolved
        case .closed: .milestoneClosed
        case .assigned: .milestoneAssigned
        case .accepted: .milestoneAccepted
        case .progressed: .milestoneProgressed
        case .followedUp: .milestoneFollowedUp
        }
    }
}
