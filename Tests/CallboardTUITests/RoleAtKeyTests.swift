import CallboardCore
@testable import CallboardTUI
import Foundation
import Testing

/// A key whose command the person's role does not allow is refused when it is pressed, saying
/// who may, before any panel asks them to type.
@Suite struct RoleAtKeyTests {
    init() { DisplayText.adoptUTF8Locale() }

    func console(_ role: CallboardCore.Role) throws -> TestConsole {
        TestConsole(try PresenterTests.desk([("甲", 2)]), roles: DeskRoles(users: ["wangfang": role, "li": .supervisor], unlisted: .viewer))
    }

    @Test(arguments: [("X", "cancelling"), ("L", "releveling")])
    func aDispatcherIsRefusedCancelAndRelevelAtTheKey(key: Character, doing: String) throws {
        var console = try console(.dispatcher)
        console.press(.character(key))
        #expect(console.state.stack.isEmpty, "no reason is asked for")
        let notice = try #require(console.state.notice)
        #expect(notice.isError && notice.text == "\(doing) is for a supervisor (li); you are wangfang, a dispatcher", "\(notice.text)")
    }

    @Test(arguments: ["n", "a", "p", "m"])
    func anEngineerIsRefusedWhatIsForADispatcherAtTheKey(key: Character) throws {
        var console = try console(.engineer)
        console.press(.character(key))
        #expect(console.state.stack.isEmpty, "no panel opens")
        #expect(console.state.notice?.text.contains("is for a dispatcher (li); you are wangfang, an engineer") == true, "\(console.state.notice?.text ?? "")")
    }

    @Test func aSupervisorGetsThePrompt() throws {
        var console = try console(.supervisor)
        console.press(.character("X"))
        #expect(console.state.top(PromptView.self) != nil)
    }
}
