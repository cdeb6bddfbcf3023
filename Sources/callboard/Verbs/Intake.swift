import ArgumentParser
import CallboardCore

struct Intake: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Log a new service call; prints its ID (and nothing else) on standard output.")

    // Required fields are optional here so that the desk's own checks report every missing one
    // at once, in the same words the console's form will use.
    @Option(help: "Required. Who is calling: a company or a person.") var customer: String?
    @Option(help: "Required. A number to call the customer back on.") var phone: String?
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
    @OptionGroup var when: AtOption
    @OptionGroup var desk: DeskOptions

    func run() throws {
        let draft = IntakeDraft(customer: customer, phone: phone, summary: summary, level: level, region: region,
                                product: product, serial: serial, channel: channel, tier: tier, kind: kind,
                                purchased: purchased, defect: defect)
        let (event, _) = try Runtime(desk).perform(.intake(draft), at: when)
        print(event.change.call!.description)
    }
}
