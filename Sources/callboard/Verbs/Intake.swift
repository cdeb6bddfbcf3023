import ArgumentParser
import CallboardCore

struct Intake: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Log a new service call; prints its ID (and nothing else) on standard output.")

    // Required fields are optional here so that the desk's own checks report every missing one
    // at once, in the same words the console's form will use.
    @Option(help: "Who is calling: a company or a person, or a customer's ID (K001). Required unless the phone or serial number is a customer's on record.") var customer: String?
    @Option(help: "Required. A number to call the customer back on; a customer's (or contact's) number fills in what the desk knows of them.") var phone: String?
    @Option(help: "Required. What is wrong, in the customer's words.") var summary: String?
    @Option(help: ArgumentHelp("Fault level, if known: \(FaultLevel.choices).")) var level: String?
    @Option(help: "The service region, e.g. city.") var region: String?
    @Option(help: "The product or model.") var product: String?
    @Option(help: "The unit's serial number.") var serial: String?
    @Option(help: "How the customer reached the desk: phone, email or web, or 电话, 邮件 or 网页 (default phone).") var channel: String?
    @Option(help: "The customer's contract tier, e.g. emergency, if the policy promises more for it.") var tier: String?
    @Option(help: "What sort of call, e.g. complaint, if not an ordinary service call.") var kind: String?
    @Option(help: "When the unit was bought (YYYY-MM-DD): the call shows whether it is in warranty.") var purchased: String?
    @Option(help: "The defect's classification, e.g. a fault code such as E-302: the same defect on the same unit after two repairs means a replacement is due.") var defect: String?
    @Option(help: "The site's address (default: the customer's on record).") var address: String?
    @Option(help: ArgumentHelp("Who reported it, as \"NAME PHONE\" (default: the contact who calls from --phone).", valueName: "name phone")) var contact: String?
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions

    func run() throws {
        let draft = IntakeDraft(customer: customer, phone: phone, summary: summary, level: level, region: region,
                                product: product, serial: serial, channel: channel, tier: tier, kind: kind,
                                purchased: purchased, defect: defect, address: address, contact: contact)
        let (event, journal) = try Runtime(desk).perform(.intake(draft), at: when)
        // The ID stays the only line on standard output; what it may be about goes to standard error.
        if case .callReceived(_, let intake, let policy) = event.change {
            let window = (policy.flatMap { journal.state.policies[$0] } ?? journal.state.currentPolicy)?.desk.repeatWithin ?? DeskRules.standard.repeatWithin
            for related in intake.related { CommandLineEntry.warn(related.message(window: window)) }
        }
        print(event.change.call!.description)
    }
}
