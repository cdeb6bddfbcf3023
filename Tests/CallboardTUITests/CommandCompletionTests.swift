import CallboardCore
@testable import CallboardTUI
import Foundation
import Testing

/// Tab on the `:` line completes the word before the cursor, wherever the cursor is.
@Suite struct CommandCompletionTests {
    init() { DisplayText.adoptUTF8Locale() }

    let verbs = ["assign", "arrive", "note", "journal verify", "journal repair"]

    @Test func theWordBeforeTheCursorIsCompletedAndTheRestKept() {
        let done = CommandCompletion.complete("note 7 客户要求上午到场", cursor: 6, verbs: verbs, calls: ["C-0007", "C-0017"], technicians: [])
        #expect(done.text == "note C-0007 客户要求上午到场")
        #expect(done.cursor == 12, "after the completed word and its space")
        #expect(done.candidates.isEmpty)
    }

    @Test func severalMatchesCompleteWhatTheyShareAndTheCursorStaysInTheWord() {
        let done = CommandCompletion.complete("note c-0 请带硬盘", cursor: 8, verbs: verbs, calls: ["C-0001", "C-0010"], technicians: [])
        #expect(done.text == "note C-00 请带硬盘" && done.cursor == 9 && done.candidates == ["C-0001", "C-0010"])
    }

    /// A bare number names the call with that number, as the verbs read it (1 is C-0001, not
    /// "C-00" of C-0001 and C-0010); a number no call has is left as typed, the choices listed.
    @Test func aBareNumberNamesThatCall() {
        let one = CommandCompletion.complete("note 1 请带硬盘", cursor: 6, verbs: verbs, calls: ["C-0001", "C-0010"], technicians: [])
        #expect(one.text == "note C-0001 请带硬盘" && one.cursor == 12 && one.candidates.isEmpty)
        let five = CommandCompletion.complete("note 5", cursor: 6, verbs: verbs, calls: ["C-0050", "C-0051"], technicians: [])
        #expect(five.text == "note 5" && five.candidates == ["C-0050", "C-0051"])
    }

    @Test func atTheEndOfTheLineItIsTheLastWord() {
        let done = CommandCompletion.complete("journal v", cursor: 9, verbs: verbs, calls: [], technicians: [])
        #expect(done.text == "journal verify " && done.cursor == 15)
    }

    @Test func aVerbIsCompletedBeforeItsArguments() {
        let done = CommandCompletion.complete("as C-0007 T01", cursor: 2, verbs: verbs, calls: [], technicians: [])
        #expect(done.text == "assign C-0007 T01" && done.cursor == 7)
    }

    @Test func inTheConsoleTabCompletesWhereTheCursorIs() throws {
        var console = TestConsole(try PresenterTests.desk([("甲", 2)]), width: 120, height: 30)
        console.press(.character(":"))
        console.type("note 1 请带硬盘")
        console.press(.left, .left, .left, .left, .left)
        console.press(.tab)
        let line = try #require(console.state.top(LineInput.self))
        #expect(line.field.text == "note C-0001 请带硬盘")
        #expect(line.field.cursor == 12)
    }
}
