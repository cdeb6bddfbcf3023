import CallboardCore
import CallboardStore
@testable import CallboardTUI
import Foundation
import Testing

/// After work that wrote to the log, the console's copy of the desk is brought up to the
/// JournalDesk's, with what others wrote that the write took in (a notification that failed
/// elsewhere shows here too).
@Suite struct ConsoleCatchUpTests {
    init() { DisplayText.adoptUTF8Locale() }

    @Test func recordingNotificationsBringsWhatOthersWroteInTheSameWrite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callboard-tui-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o1770])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("journal").path
        let context = CommandContext(now: PresenterTests.now, actor: "t", timeZone: PresenterTests.zone)
        let mine = try JournalDesk(log: FileJournal(path: path))
        try mine.perform(.intake(IntakeDraft(customer: "甲", phone: "138 0013 8000", summary: "故障", level: "2", region: "city")), context)
        var console = TestConsole(mine.state, width: 120, height: 30)
        console.state.position = mine.position
        // Another console's message failed; this one records how its own went, in one write.
        let other = try JournalDesk(log: FileJournal(path: path))
        let failed = Event(occurredAt: PresenterTests.now, recordedAt: PresenterTests.now, actor: "li",
                           change: .notified(CallID(number: 1), step: "duty supervisor", ok: false, detail: "exit 3: gateway down"))
        try other.record(now: PresenterTests.now) { _ in [failed] }
        let round = SupervisionRound(actor: "wangfang", autoDispatch: false, sendsUnsent: false)
        let written = try round.recordOutcomes([.notified(CallID(number: 1), step: "duty supervisor", ok: true, detail: "sent")], in: mine,
                                               at: PresenterTests.now)
        let action = try #require(ConsoleApp.catchUp(mine, from: console.state.position, written: written))
        console.send(action)
        #expect(console.state.position == mine.position)
        #expect(console.state.notice?.text.contains("exit 3: gateway down") == true, "\(console.state.notice?.text ?? "")")
        #expect(ConsoleApp.catchUp(mine, from: console.state.position, written: []) == nil, "nothing more once caught up")
    }
}
