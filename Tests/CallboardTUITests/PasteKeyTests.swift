import CallboardCore
@testable import CallboardTUI
import Foundation
import Testing

/// A paste is one key: a field takes it whole, as one line; other views ignore it.
@Suite struct PasteKeyTests {
    init() { DisplayText.adoptUTF8Locale() }

    @Test func aPasteIsOneLineWithoutControlCharacters() {
        var field = TextField("客户：")
        field.paste("上海\r\n\r\n华东\t电气\u{1B}[31m有限\u{7F}公司\u{85}")
        #expect(field.text == "客户：上海 华东 电气[31m有限公司 ")
        #expect(field.cursor == field.characters.count)
    }

    @Test func aPasteGoesInAtTheCursor() {
        var field = TextField("AB")
        field.handle(.left)
        field.handle(.paste("12"))
        #expect(field.text == "A12B" && field.cursor == 3)
    }

    @Test func aPastePastTheLimitIsTakenUpToItAndSaidOnce() throws {
        var console = TestConsole(try PresenterTests.desk([]), width: 120, height: 30)
        console.press(.character("n"), .tab, .tab)
        console.press(.paste(String(repeating: "长", count: 1500)))
        let form = try #require(console.state.top(FormView.self))
        #expect(form.form.fields[2].input.characters.count == 1000)
        #expect(console.state.notice?.text.contains("at most 1000 characters") == true, "\(console.state.notice?.text ?? "")")
    }

    @Test func aPasteOnTheQueueOrInHelpDoesNothing() throws {
        var console = TestConsole(try PresenterTests.desk([("甲", 2)]), width: 120, height: 30)
        #expect(console.press(.paste("q")).isEmpty && console.state.stack.isEmpty)
        console.press(.character("?"))
        console.press(.paste("x\n"))
        #expect(console.state.top(HelpView.self) != nil, "help stays open")
    }
}
