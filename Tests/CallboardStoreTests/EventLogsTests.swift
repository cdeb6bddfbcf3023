import CallboardStore
import Foundation
import Testing

/// Where the desk's journal is, and which kind of log a location names.
@Suite struct EventLogsTests {
    @Test func theJournalIsFoundByFlagThenEnvironmentThenXDGThenHome() {
        #expect(JournalLocation.resolve(flag: "/a", environment: ["CALLBOARD_JOURNAL": "/b"]) == "/a")
        #expect(JournalLocation.resolve(flag: nil, environment: ["CALLBOARD_JOURNAL": "/b", "XDG_DATA_HOME": "/x"]) == "/b")
        #expect(JournalLocation.resolve(flag: nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]) == "/x/callboard/journal")
        #expect(JournalLocation.resolve(flag: nil, environment: ["HOME": "/h"]) == "/h/.local/share/callboard/journal")
        #expect(JournalLocation.demo(flag: nil, environment: ["HOME": "/h"]) == "/h/.local/share/callboard/demo/journal")
    }

    @Test func aPathIsAJournalFile() throws {
        let log = try EventLogs.open("/srv/callboard/journal")
        #expect(log is FileJournal && log.location == "/srv/callboard/journal")
    }

    /// A PostgreSQL location is refused with a clear message (never taken for a file named
    /// `postgres:`), and its password is never repeated.
    @Test(arguments: ["postgres://desk:s3cret@db.example/callboard", "postgresql://db.example/callboard"])
    func aDatabaseLocationIsNotTakenForAFile(location: String) {
        do {
            _ = try EventLogs.open(location)
            Issue.record("opened \(location)")
        } catch {
            #expect(error.message.contains("PostgreSQL") && error.message.contains("file path"), "\(error)")
            #expect(!error.message.contains("s3cret") && !error.log.contains("s3cret"))
        }
    }
}
