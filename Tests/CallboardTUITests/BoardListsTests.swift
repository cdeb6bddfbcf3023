import CallboardCore
import CallboardResources
@testable import CallboardTUI
import Foundation
import Testing

/// Every list on the board is whole: a line per technician, per owed call and per unassigned
/// call, long lines wrapped rather than cut; and the console names the key that acts where
/// `board --print` names the command to type.
@Suite struct BoardListsTests {
    init() { DisplayText.adoptUTF8Locale() }

    typealias P = PresenterTests
    static let policy = try! PolicyParser.parse(CallboardResources.defaultPolicy())
    static let regions = ["city", "jiading", "pudong", "minhang", "baoshan", "songjiang", "qingpu", "fengxian", "chongming"]

    /// Twelve technicians; a call in each region, received 30 hours ago (every promise broken,
    /// a substitute owed); the first escalated, the second offered to an on-call engineer.
    static func desk() throws -> DeskState {
        var state = DeskState()
        func run(_ command: Command, at: Date) throws {
            for event in try state.decide(command, CommandContext(now: P.now, at: at, actor: "t", timeZone: P.zone, policy: policy)) {
                state.apply(event)
            }
        }
        for n in 1...12 {
            try run(.addTechnician(TechnicianDraft(id: String(format: "T%02d", n), name: "技术员\(n)号", region: "city", shift: "oncall")),
                    at: P.now.addingTimeInterval(-40 * 3600))
        }
        for region in regions {
            try run(.intake(IntakeDraft(customer: "\(region)客户", phone: "021-6431 7788", summary: "故障", level: "2", region: region)),
                    at: P.now.addingTimeInterval(-30 * 3600))
        }
        state.apply(Event(occurredAt: P.now, recordedAt: P.now, actor: "console",
                          change: .escalated(CallID(number: 1), step: "duty supervisor", timer: .onsite, notify: "supervisor")))
        state.apply(Event(occurredAt: P.now, recordedAt: P.now, actor: "watch",
                          change: .dispatchRequested(CallID(number: 2), TechnicianID("T12")!, until: P.now.addingTimeInterval(600),
                                                     reason: "best on-call engineer: on call, covers city")))
        return state
    }

    static func entries(width: Int?, actions: BoardPresenter.Actions = .commands) throws -> [BoardPresenter.Entry] {
        BoardPresenter.entries(try desk(), now: P.now, zone: P.zone, timekeeper: Timekeeper(), width: width, actions: actions)
    }

    @Test func everyTechnicianHasALineOfTheirOwn() throws {
        let entries = try Self.entries(width: 80)
        for n in 1...12 {
            let id = String(format: "T%02d", n)
            #expect(entries.contains { $0.line.text.hasPrefix("  \(id) 技术员\(n)号") }, "\(id):\n\(entries.map(\.line.text).joined(separator: "\n"))")
        }
    }

    @Test func everyOwedCallAndEveryUnassignedCallIsALineThatCanBeSelected() throws {
        let entries = try Self.entries(width: 80)
        let owedAt = try #require(entries.firstIndex { $0.line.text.hasPrefix("Owed to customers (9)") })
        for n in 1...9 {
            let id = CallID(number: n)
            #expect(entries[owedAt...].contains { $0.call == id && $0.line.text.contains("\(id) substitute owed") }, "\(id)")
            #expect(entries.contains { $0.call == id && $0.line.text.hasPrefix("  \(id) L2 ") && $0.line.text.contains(Self.regions[n - 1] + "客户") },
                    "\(id) unassigned")
        }
    }

    @Test func aLongLineIsWrappedNotCut() throws {
        let entries = try Self.entries(width: 60)
        let text = entries.map(\.line.text).joined(separator: "\n")
        for line in entries { #expect(DisplayText.width(line.line.text) <= 60, "\(line.line.text)") }
        #expect(!text.contains("…"), "nothing is cut:\n\(text)")
        let start = try #require(entries.firstIndex { $0.line.text.hasPrefix("by region: ") })
        let regionLines = entries[start...].enumerated().prefix { $0.offset == 0 || $0.element.continuation }.map(\.element.line.text)
            .joined(separator: " ")
        for region in Self.regions { #expect(regionLines.contains("\(region) ✗"), "\(region) in:\n\(regionLines)") }
    }

    @Test func printedTheBoardNamesTheCommandToType() throws {
        let text = try Self.entries(width: nil).map(\.line.text)
        #expect(text.contains { $0.contains("C-0001") && $0.hasSuffix("callboard ack C-0001") }, "\(text)")
        #expect(text.contains { $0.contains("C-0002") && $0.hasSuffix("callboard accept C-0002") }, "\(text)")
    }

    @Test func inTheConsoleTheBoardNamesTheKey() throws {
        let text = try Self.entries(width: 160, actions: .keys(BoardView.table)).map(\.line.text)
        #expect(!text.contains { $0.contains("callboard ") }, "\(text)")
        #expect(text.contains { $0.contains("C-0001") && $0.contains("duty supervisor") && $0.hasSuffix("A take charge of its escalations") }, "\(text)")
        #expect(text.contains { $0.contains("C-0002") && $0.contains("T12") && $0.hasSuffix("a assign") }, "\(text)")
    }

    @Test func aWallDisplayNamesNoKeyItRefuses() throws {
        var console = TestConsole(try Self.desk(), width: 160, height: 60, readOnly: true, page: .board)
        console.send(.tick(P.now))
        let screen = console.screen
        #expect(screen.contains("duty supervisor") && !screen.contains("A take charge") && !screen.contains("callboard ack"), "\(screen)")
    }
}
