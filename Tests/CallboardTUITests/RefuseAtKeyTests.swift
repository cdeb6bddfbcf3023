import CallboardCore
@testable import CallboardTUI
import Foundation
import Testing

/// A key whose command the selected call cannot take, whatever would be typed, is refused when it
/// is pressed, saying why, before a picker or a prompt asks for anything.
@Suite struct RefuseAtKeyTests {
    init() { DisplayText.adoptUTF8Locale() }

    /// 甲 (C-0001) with T01 王磊 assigned, after `commands` were recorded about it.
    func console(_ commands: [Command]) throws -> TestConsole {
        var desk = try PresenterTests.desk([("甲", 2)], assign: 1)
        for command in commands {
            for event in try desk.decide(command, CommandContext(now: PresenterTests.now, actor: "t", timeZone: PresenterTests.zone)) {
                desk.apply(event)
            }
        }
        return TestConsole(desk)
    }

    static let call = CallID(number: 1)

    @Test(arguments: ["p", "a", "L"])
    func aResolvedCallIsRefusedAtTheKey(key: Character) throws {
        var console = try console([.resolve(Self.call)])
        console.press(.character(key))
        #expect(console.state.stack.isEmpty, "no panel opens")
        let notice = try #require(console.state.notice)
        #expect(notice.isError && notice.text.hasPrefix("cannot ") && notice.text.contains("C-0001: it was resolved at"), "\(notice.text)")
    }

    @Test func aPausedCallIsRefusedAnotherPauseAtTheKey() throws {
        var console = try console([.pause(Self.call, reason: "等待备件")])
        console.press(.character("p"))
        #expect(console.state.stack.isEmpty, "no reason is asked for")
        #expect(console.state.notice?.text.contains("C-0001 has been paused since") == true, "\(console.state.notice?.text ?? "")")
        #expect(console.state.notice?.text.contains("(等待备件); resume it first") == true)
    }

    @Test func aCallWhoseTechnicianIsOnSiteIsRefusedTheAssignPicker() throws {
        var console = try console([.depart(Self.call), .arrive(Self.call)])
        console.press(.character("a"))
        #expect(console.state.top(PickerView.self) == nil, "no picker opens")
        #expect(console.state.notice?.text.contains("T01 is already on site for C-0001") == true, "\(console.state.notice?.text ?? "")")
    }

    @Test func aCallThatCanTakeItGetsThePanel() throws {
        var console = try console([])
        console.press(.character("p"))
        #expect(console.state.top(PromptView.self) != nil, "pausing asks for the reason")
        console.press(.escape)
        console.press(.character("a"))
        #expect(console.state.top(PickerView.self) != nil, "an assigned call not yet visited can be reassigned")
        #expect(console.state.notice == nil)
    }

    @Test func theCallInFullRefusesAtTheKeyToo() throws {
        var console = try console([.resolve(Self.call)])
        console.press(.enter)
        console.press(.character("p"))
        #expect(console.state.top(PromptView.self) == nil)
        #expect(console.state.top(CallView.self) != nil, "the call in full stays in front")
        #expect(console.state.notice?.text.contains("it was resolved at") == true)
    }

    /// The core's answer the keys ask: what refuses a command whatever its words.
    @Test func theCoreSaysWhatRefusesACommandBeforeItsWords() throws {
        let desk = try console([.pause(Self.call, reason: "等待备件")]).state.desk
        let context = CommandContext(now: PresenterTests.now, actor: "t", timeZone: PresenterTests.zone)
        #expect(desk.refusalBeforeWords(.pause(Self.call, reason: ""), context) != nil, "already paused, whatever the reason")
        #expect(desk.refusalBeforeWords(.note(Self.call, ""), context) == nil, "an empty note is the words' fault, not the call's")
        #expect(desk.refusalBeforeWords(.relevel(Self.call, level: "", reason: ""), context) == nil)
        #expect(desk.refusalBeforeWords(.pause(CallID(number: 9), reason: ""), context) != nil, "no such call")
    }
}
