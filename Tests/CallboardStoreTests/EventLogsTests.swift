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

    /// A PostgreSQL location opens the log kept in PostgreSQL (never a file named `postgres:`):
    /// opening reads nothing and connects to nothing, and the password is never repeated in a
    /// message when the server cannot be reached.
    @Test(arguments: ["postgres://desk:s3cret@127.0.0.1:9/callboard", "postgresql://127.0.0.1:9/callboard"])
    func aDatabaseLocationIsNotTakenForAFile(location: String) throws {
        let log = try EventLogs.open(location)
        #expect(log is PostgresLog && log.location == location)
        #expect(!FileManager.default.fileExists(atPath: location) && !FileManager.default.fileExists(atPath: "postgres:"))
        do {
            _ = try log.exists()
            Issue.record("reached \(location)")
        } catch {
            #expect(error.message.contains("cannot reach the desk's log in PostgreSQL"), "\(error)")
            #expect(!error.message.contains("s3cret") && !error.log.contains("s3cret"))
        }
    }
}
