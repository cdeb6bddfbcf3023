import ArgumentParser
import CallboardCore
import CallboardTUI

struct CustomerVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer",
        abstract: "Keep the desk's customers: their numbers, site, contacts and units.",
        subcommands: [Add.self, Edit.self, UnitVerb.self, Show.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a customer.")

        @Argument(help: "A short ID, e.g. K001.") var id: String
        @Option(help: "Required. The company or person.") var name: String?
        @Option(help: "Required. A number they call from; repeat for more (at most 5).") var phone: [String] = []
        @Option(help: "The site's address, where engineers go.") var address: String?
        @Option(help: ArgumentHelp("A person who may open requests, as \"NAME PHONE\"; repeat for more (at most 5).", valueName: "name phone")) var contact: [String] = []
        @OptionGroup var when: AtOption
        @OptionGroup var desk: DeskOptions

        func run() throws {
            let draft = CustomerDraft(id: id, name: name, phones: phone, address: address, contacts: contact)
            try CustomerVerb.record(.addCustomer(draft), desk: desk, at: when)
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change a customer's record; what is not given stays.")

        @Argument(help: "The customer, e.g. K001.") var id: String
        @Option(help: "A new name.") var name: String?
        @Option(help: "The numbers they call from (replaces them all); repeat for more.") var phone: [String] = []
        @Option(help: "A new address (\"\" clears it).") var address: String?
        @Option(help: ArgumentHelp("The contacts (replaces them all), as \"NAME PHONE\"; repeat for more.", valueName: "name phone")) var contact: [String] = []
        @Flag(help: "Remove every contact.") var noContacts = false
        @OptionGroup var when: AtOption
        @OptionGroup var desk: DeskOptions

        func run() throws {
            let draft = CustomerDraft(id: id, name: name, phones: phone, address: address, contacts: contact, clearContacts: noContacts)
            try CustomerVerb.record(.editCustomer(draft), desk: desk, at: when)
        }
    }

    struct UnitVerb: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unit", abstract: "Record one of a customer's units, or change its details.")

        @Argument(help: "The customer, e.g. K001.") var id: String
        @Option(help: "Required. The unit's serial number.") var serial: String?
        @Option(help: "The product or model.") var product: String?
        @Option(help: "When it was bought (YYYY-MM-DD).") var purchased: String?
        @Option(help: "The last day of its warranty (YYYY-MM-DD), when the contract sets one; otherwise the policy's period from the purchase.") var warrantyUntil: String?
        @OptionGroup var when: AtOption
        @OptionGroup var desk: DeskOptions

        func run() throws {
            let draft = UnitDraft(customer: id, serial: serial, product: product, purchased: purchased, warrantyUntil: warrantyUntil)
            try CustomerVerb.record(.recordUnit(draft), desk: desk, at: when)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a customer: their record, units and every call.")

        @Argument(help: "The customer, e.g. K001.") var id: String
        @OptionGroup var output: JSONFlag
        @OptionGroup var desk: DeskOptions

        func run() throws {
            let id = try CustomerID.parse(self.id)
            let runtime = try Runtime(self.desk)
            try runtime.requireJournal()
            let desk = try runtime.openDesk(scope: .calls([]))
            guard let customer = desk.state.customers[id] else {
                throw DeskError(.notFound, field: .customer, DeskText.noSuchCustomer(["customer": "\(id)"]))
            }
            // Their calls, retired ones read back from the journal.
            let ids = desk.state.customers.calls[id] ?? []
            try desk.load(ids)
            let calls = ids.compactMap { desk.state.calls[$0] }
            if output.json {
                print(CustomerPresenter.json(customer, calls: calls, state: desk.state))
            } else {
                print(CustomerPresenter.text(customer, calls: calls, state: desk.state, zone: runtime.zone,
                                             today: LocalDate(runtime.clock.now(), in: runtime.zone), strings: Speech.strings))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the customers, with their open calls.")

        @OptionGroup var output: JSONFlag
        @OptionGroup var desk: DeskOptions

        func run() throws {
            let runtime = try Runtime(self.desk)
            try runtime.requireJournal()
            let desk = try runtime.openDesk()
            if output.json {
                print(CustomerPresenter.json(list: desk.state))
                return
            }
            let columns = CustomerPresenter.columns(strings: Speech.strings)
            let layout = Table.layout(columns, total: runtime.outputWidth)
            print(TextTable.render(Table.header(columns, layout: layout)))
            for cells in CustomerPresenter.rows(desk.state) {
                print(TextTable.render(Table.line(cells, columns: columns, layout: layout)))
            }
        }
    }

    /// Records a change to the customers and says what was recorded.
    static func record(_ command: Command, desk: DeskOptions, at: AtOption) throws {
        let (event, journal) = try Runtime(desk).perform(command, at: at)
        print(DisplayText.sanitized(EventDescription.text(event.change, state: journal.state, strings: Speech.strings)))
    }
}
