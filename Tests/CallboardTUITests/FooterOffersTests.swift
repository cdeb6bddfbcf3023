import CallboardCore
@testable import CallboardTUI
import Foundation
import Testing

/// The footer offers only the call's keys the selected call can take now (as the core decides):
/// closing a brand-new call, or setting off on one nobody was assigned, is never offered. Help
/// still lists every key.
@Suite struct FooterOffersTests {
    init() { DisplayText.adoptUTF8Locale() }

    static let call = CallID(number: 1)

    /// 甲 (C-0001), after `commands` were recorded about it.
    func console(_ commands: [Command], assign: Bool = false) throws -> TestConsole {
        var desk = try PresenterTests.desk([("甲", 2)], assign: assign ? 1 : nil)
        for command in commands {
            for event in try desk.decide(command, CommandContext(now: PresenterTests.now, actor: "t", timeZone: PresenterTests.zone)) {
                desk.apply(event)
            }
        }
        return TestConsole(desk, width: 200)
    }

    /// The footer's keys, as `key word` pairs.
    func offered(_ console: TestConsole) -> String { console.screen.split(separator: "\n").last.map(String.init) ?? "" }

    @Test func aBrandNewCallIsNotOfferedCloseSettingOffOrArriving() throws {
        let footer = offered(try console([]))
        #expect(footer.contains(" a assign ") && footer.contains(" r respond ") && footer.contains(" f fixed "), "\(footer)")
        #expect(!footer.contains(" c close ") && !footer.contains(" d set off ") && !footer.contains(" o on site "), "\(footer)")
    }

    @Test func aResolvedCallIsOfferedCloseAndNothingElseOfItsOwn() throws {
        let footer = offered(try console([.resolve(Self.call)], assign: true))
        #expect(footer.contains(" c close "), "\(footer)")
        for word in [" a assign ", " r respond ", " d set off ", " o on site ", " f fixed "] { #expect(!footer.contains(word), "\(word): \(footer)") }
        #expect(footer.contains(" n new call ") && footer.contains(" / filter ") && footer.contains(" q quit "), "the queue's own keys stay: \(footer)")
    }

    @Test func theCallInFullOffersWhatItsCallCanTake() throws {
        var console = try console([.respond(Self.call), .depart(Self.call), .arrive(Self.call)], assign: true)
        console.press(.enter)
        let footer = offered(console)
        #expect(footer.contains(" f fixed "), "\(footer)")
        for word in [" a assign ", " r respond ", " d set off ", " o on site ", " c close "] { #expect(!footer.contains(word), "\(word): \(footer)") }
        console.press(.character("?"))
        let help = console.screen
        #expect(help.contains("c  close") || help.contains("c close"), "help lists every key: \(help)")
    }
}
