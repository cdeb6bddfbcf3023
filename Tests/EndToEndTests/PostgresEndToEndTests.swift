import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A desk whose log is in PostgreSQL, end to end: the real binary against the throwaway server
/// scripts/test starts (scripts/with-postgres), each test on a database of its own.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["CALLBOARD_TEST_POSTGRES"] != nil, "needs the server scripts/test starts"))
struct PostgresEndToEndTests {
    @Test func writersInSeveralProcessesEachGetAPlaceAndARacingAssignHasOneWinner() throws {
        let database = try Database()
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊", "--shift", "oncall"], journal: database.location)
        try CallboardCLI.succeed(["tech", "add", "T02", "--name", "李娜", "--shift", "oncall"], journal: database.location)
        // Six processes taking five calls each, all at once.
        let failures = Notes()
        DispatchQueue.concurrentPerform(iterations: 6) { writer in
            for n in 0..<5 {
                do {
                    let result = try CallboardCLI.run(["intake", "--customer", "客户\(writer)-\(n)", "--phone", "021-6431 7788", "--summary", "打印机"],
                                                      journal: database.location)
                    if result.status != 0 { failures.add("\(result)") }
                } catch { failures.add("\(error)") }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        let listed = try CallboardCLI.run(["list", "--all"], journal: database.location)
        for number in 1...30 {
            let id = "C-" + String(repeating: "0", count: 4 - "\(number)".count) + "\(number)"
            #expect(listed.stdout.contains(id), "\(id)")
        }
        let export = try CallboardCLI.run(["journal", "export", "--json"], journal: database.location)
        #expect(export.stdout.split(separator: "\n").count == 33, "two technicians, a policy, thirty calls")
        // Two dispatchers assign one call to two engineers at the same moment: one wins.
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 2) { n in
            if let result = try? CallboardCLI.run(["assign", "C-0007", n == 0 ? "T01" : "T02"], journal: database.location) { outcomes.add(result) }
        }
        let results = outcomes.all
        #expect(results.filter { $0.status == 0 }.count == 1, "\(results)")
        #expect(results.filter { $0.status != 0 && $0.stderr.contains("already assigned to") }.count == 1, "\(results)")
        let verify = try CallboardCLI.run(["journal", "verify"], journal: database.location)
        #expect(verify.status == 0 && verify.stdout.contains("34 records"), "\(verify)")
        // The server, not the client, says who wrote each event.
        #expect(try database.query("SELECT DISTINCT db_user FROM callboard_events") == [ProcessInfo.processInfo.environment["PGUSER"] ?? "postgres"])
    }

    @Test func aConsoleFollowsWhatAnotherWriterRecordsWithinASecond() throws {
        let database = try Database()
        try CallboardCLI.succeed(["intake", "--customer", "甲公司", "--phone", "021-6431 7788", "--summary", "打印机"], journal: database.location)
        let console = try TmuxConsole([], journal: database.location, width: 140, height: 30)
        try console.waitFor(text: "甲公司")
        try CallboardCLI.succeed(["intake", "--customer", "新来的客户", "--phone", "021-5830 1120", "--summary", "UPS 报警"], journal: database.location)
        try console.waitFor(text: "新来的客户", timeout: 3)
        // And what the console records, another process reads.
        try console.send("m")
        try console.type("已联系客户")
        try console.send("Enter")
        var shown = try CallboardCLI.run(["show", "C-0001"], journal: database.location)
        for _ in 0..<50 where !shown.stdout.contains("已联系客户") {
            Thread.sleep(forTimeInterval: 0.1)
            shown = try CallboardCLI.run(["show", "C-0001"], journal: database.location)
        }
        #expect(shown.stdout.contains("已联系客户"), "\(shown)")
        // The server shuts the desk's database (as for maintenance) and drops its connections:
        // the console says it is reconnecting, carries on, and takes what was written once back.
        try Database.psql("postgres", "ALTER DATABASE \(database.name) ALLOW_CONNECTIONS false")
        _ = try Database.psql("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database.name)'")
        try console.waitFor(text: "reconnecting", timeout: 5)
        #expect(console.isRunning)
        try Database.psql("postgres", "ALTER DATABASE \(database.name) ALLOW_CONNECTIONS true")
        try CallboardCLI.succeed(["intake", "--customer", "恢复之后", "--phone", "021-5830 1120", "--summary", "回来了"], journal: database.location)
        let back = try console.waitFor("the call taken after", timeout: 5) { $0.contains("恢复之后") && !$0.contains("reconnecting") }
        #expect(back.contains("新来的客户"))
        #expect(!back.contains("FATAL"), "the server's goodbye never reaches the screen raw")
        try console.send("q")
        try console.waitForExit()
    }

    @Test func aDeskMovesFromAFileIntoPostgreSQLAndBackWithIdenticalExports() throws {
        let scratch = try Scratch()
        let database = try Database()
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊", "--shift", "oncall"], journal: scratch.journal)
        try CallboardCLI.succeed(["intake", "--customer", "上海某某科技有限公司", "--phone", "021-6431 7788", "--summary", "打印机卡纸"], journal: scratch.journal)
        try CallboardCLI.succeed(["assign", "C-0001", "T01"], journal: scratch.journal)
        try CallboardCLI.succeed(["note", "C-0001", "带门禁单 \"quoted\""], journal: scratch.journal)
        let exported = scratch.path("desk.jsonl"), back = scratch.path("back.jsonl")
        let fromFile = try CallboardCLI.run(["journal", "export", "--json"], journal: scratch.journal).stdout
        try fromFile.write(toFile: exported, atomically: true, encoding: .utf8)
        let imported = try CallboardCLI.run(["journal", "import", exported], journal: database.location)
        #expect(imported.status == 0 && imported.stdout.contains("5 events"), "\(imported)")
        let fromDatabase = try CallboardCLI.run(["journal", "export", "--json"], journal: database.location).stdout
        #expect(fromDatabase == fromFile)
        try fromDatabase.write(toFile: back, atomically: true, encoding: .utf8)
        try CallboardCLI.succeed(["journal", "import", back], journal: scratch.path("again/journal"))
        #expect(try CallboardCLI.run(["journal", "export", "--json"], journal: scratch.path("again/journal")).stdout == fromFile)
        // A log that holds events refuses an import, and is left as it was.
        let refused = try CallboardCLI.run(["journal", "import", exported], journal: database.location)
        #expect(refused.status == 1, "\(refused)")
        #expect(try CallboardCLI.run(["journal", "export", "--json"], journal: database.location).stdout == fromFile)
        // Compacted where it now lives: the desk as it was, under a compaction record.
        let compacted = try CallboardCLI.run(["journal", "compact"], journal: database.location)
        #expect(compacted.status == 0, "\(compacted)")
        #expect(try CallboardCLI.run(["show", "C-0001"], journal: database.location).stdout.contains("带门禁单"))
        #expect(try CallboardCLI.run(["journal", "verify"], journal: database.location).status == 0)
        #expect(try database.query("SELECT type FROM callboard_events WHERE position = 1") == ["journal.compacted"])
    }

    /// The demo desk on a database, and built afresh there with the old one kept beside it.
    @Test func theDemoRunsOnADatabaseAndStartsAfreshKeepingTheOldOne() throws {
        let database = try Database()
        let demo = try TmuxConsole(["demo"], journal: database.location, width: 120, height: 40)
        try demo.waitFor(text: "Technicians (10)")
        try demo.send("q")
        try demo.waitForExit()
        try CallboardCLI.succeed(["note", "C-0002", "旧的那一份"], journal: database.location)
        let fresh = try TmuxConsole(["demo", "--fresh"], journal: database.location, width: 120, height: 40)
        try fresh.waitFor(text: "Technicians (10)")
        try fresh.send("q")
        try fresh.waitForExit()
        #expect(try !CallboardCLI.run(["show", "C-0002"], journal: database.location).stdout.contains("旧的那一份"))
        let kept = "postgresql:///\(database.name)?options=-csearch_path%3D%22public_previous%22"
        #expect(try CallboardCLI.run(["show", "C-0002"], journal: kept).stdout.contains("旧的那一份"))
    }

    @Test func aCommandWhileTheServerIsAwayExits74SayingWhatToCheck() throws {
        // A port nothing listens on, as a server that is down.
        let result = try CallboardCLI.run(["note", "C-0001", "x"], journal: "postgresql://callboard@127.0.0.1:9/desk")
        #expect(result.status == 74, "\(result)")
        #expect(result.stderr.contains("cannot reach the desk's log in PostgreSQL at postgresql://callboard@127.0.0.1:9/desk"), "\(result)")
        #expect(result.stderr.contains("check that the server is running"), "\(result)")
        // A password in the location never reaches a message.
        let secret = try CallboardCLI.run(["list"], journal: "postgresql://callboard:s3cret@127.0.0.1:9/desk")
        #expect(secret.status == 74 && !secret.stderr.contains("s3cret"), "\(secret)")
    }

    /// Who may do what is the database's roles: a dispatcher's login is refused a supervisor's
    /// action by callboard, and by the server even when it writes the row itself with psql, under
    /// the action's own kind or another's; the server, not the client, records who wrote.
    @Test func aDispatchersRoleCannotWriteASupervisorsActionEvenFromPsql() throws {
        for role in ["viewer", "engineer", "dispatcher", "supervisor"] {
            try Database.psql("postgres", "DO $$ BEGIN CREATE ROLE callboard_\(role) NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        }
        try Database.psql("postgres", "GRANT callboard_viewer TO callboard_engineer")
        try Database.psql("postgres", "GRANT callboard_engineer TO callboard_dispatcher")
        try Database.psql("postgres", "GRANT callboard_dispatcher TO callboard_supervisor")
        // The desk's administrator: no superuser, owning the database, holding no desk role.
        // Short enough for the history's actor column; each run has a server of its own.
        let suffix = UInt32.random(in: 100...999)
        let admin = "admin\(suffix)", wang = "wang\(suffix)", li = "li\(suffix)"
        try Database.psql("postgres", "CREATE ROLE \(admin) LOGIN PASSWORD 'pw-admin'")
        let database = try Database(owner: admin)
        try Database.psql("postgres", "CREATE ROLE \(wang) LOGIN PASSWORD 'pw-wang' IN ROLE callboard_dispatcher")
        try Database.psql("postgres", "CREATE ROLE \(li) LOGIN PASSWORD 'pw-li' IN ROLE callboard_supervisor")
        defer {
            _ = try? Database.psql("postgres", "DROP DATABASE IF EXISTS \(database.name) WITH (FORCE)")
            _ = try? Database.psql("postgres", "DROP ROLE IF EXISTS \(wang)")
            _ = try? Database.psql("postgres", "DROP ROLE IF EXISTS \(li)")
            _ = try? Database.psql("postgres", "DROP ROLE IF EXISTS \(admin)")
        }
        let environment = ProcessInfo.processInfo.environment
        // The server as the tests' environment names it (a socket folder, or a host), by query.
        let server = "host=\(environment["PGHOST"] ?? "localhost")&port=\(environment["PGPORT"] ?? "5432")"
        // The desk's administrator makes the first write: the tables are theirs, and so is every action.
        let asAdmin = "postgresql://\(admin):pw-admin@/\(database.name)?\(server)"
        try CallboardCLI.succeed(["intake", "--customer", "甲公司", "--phone", "021-6431 7788", "--summary", "打印机"], journal: asAdmin)
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊", "--shift", "oncall"], journal: asAdmin)
        let asWang = "postgresql://\(wang):pw-wang@/\(database.name)?\(server)", asLi = "postgresql://\(li):pw-li@/\(database.name)?\(server)"

        // A database an older callboard made does not know a kind this build writes: refused,
        // saying how to teach it, until the administrator's next write with this build does.
        _ = try database.query("DELETE FROM callboard_event_kinds WHERE type = 'call.noted'")
        let unknown = try CallboardCLI.run(["note", "C-0001", "已联系"], journal: asWang)
        #expect(unknown.status == 74 && unknown.stderr.contains("does not know yet"), "\(unknown)")
        try CallboardCLI.succeed(["tech", "add", "T02", "--name", "李娜", "--shift", "day"], journal: asAdmin)
        try CallboardCLI.succeed(["note", "C-0001", "已联系"], journal: asWang)
        let refused = try CallboardCLI.run(["cancel", "C-0001", "--reason", "重复"], journal: asWang)
        #expect(refused.status == 77 && refused.stderr.contains("for a supervisor (\(li))") && refused.stderr.contains("a dispatcher"), "\(refused)")
        // psql, as wang: the cancellation under its own kind, then passed off as a note.
        let forged = "INSERT INTO callboard_events (position, type, occurred_at, recorded_at, actor, payload) "
            + "SELECT (SELECT max(position) + 1 FROM callboard_events), '%@', now(), now(), 'li', set_byte(payload, 2, 24) FROM callboard_events WHERE type = 'call.noted'"
        for (type, words) in [("call.cancelled", "is for a supervisor"), ("call.noted", "holds another kind")] {
            let result = try CallboardCLI.run(["/usr/bin/psql", "-X", "-d", asWang, "-c", forged.replacingOccurrences(of: "%@", with: type)], program: "psql")
            #expect(result.status != 0 && result.stderr.contains(words), "\(type): \(result)")
        }
        // A kinds table of wang's own, in front of the desk's for his session, changes nothing.
        let shadowed = "CREATE TEMP TABLE callboard_event_kinds AS SELECT code, type, 'viewer'::text AS role FROM callboard_event_kinds; "
            + forged.replacingOccurrences(of: "%@", with: "call.cancelled")
        let shadow = try CallboardCLI.run(["/usr/bin/psql", "-X", "-d", asWang, "-c", shadowed], program: "psql")
        #expect(shadow.status != 0 && shadow.stderr.contains("is for a supervisor"), "\(shadow)")
        let skipping = forged.replacingOccurrences(of: "%@", with: "call.noted").replacingOccurrences(of: "max(position) + 1", with: "max(position) + 5")
            .replacingOccurrences(of: "set_byte(payload, 2, 24)", with: "payload")
        for (statement, words) in [(skipping, "not the next position"), ("UPDATE callboard_events SET actor = 'li'", "permission denied"), ("DELETE FROM callboard_events", "permission denied"),
                                   ("UPDATE callboard_snapshots SET bytes = ''", "permission denied"),
                                   ("UPDATE callboard_log SET schema_version = 99", "permission denied"),
                                   ("UPDATE callboard_log SET last_position = last_position - 1", "not written by hand")] {
            let result = try CallboardCLI.run(["/usr/bin/psql", "-X", "-d", asWang, "-c", statement], program: "psql")
            #expect(result.status != 0 && result.stderr.contains(words), "\(statement): \(result)")
        }
        // Nor may a login holding a desk role make a desk's tables (their maker owns them).
        let other = try Database()
        let first = try CallboardCLI.run(["intake", "--customer", "乙", "--phone", "021-5830 1120", "--summary", "x"],
                                         journal: "postgresql://\(wang):pw-wang@/\(other.name)?\(server)")
        #expect(first.status == 74 && first.stderr.contains("must be made by its administrator"), "\(first)")
        try CallboardCLI.succeed(["cancel", "C-0001", "--reason", "重复"], journal: asLi)
        // wang, with psql, re-uses li's cancellation as a note (same shape: a call and a text),
        // its payload still naming li: it is read as wang's, and the desk carries on after it.
        let disguised = "INSERT INTO callboard_events (position, type, occurred_at, recorded_at, actor, payload) "
            + "SELECT (SELECT max(position) + 1 FROM callboard_events), 'call.noted', now(), now(), '\(li)', set_byte(payload, 2, 10) "
            + "FROM callboard_events WHERE type = 'call.cancelled'"
        let inserted = try CallboardCLI.run(["/usr/bin/psql", "-X", "-d", asWang, "-c", disguised], program: "psql")
        #expect(inserted.status == 0, "\(inserted)")
        try CallboardCLI.succeed(["note", "C-0001", "之后"], journal: asWang)
        #expect(try database.query("SELECT type || ' ' || db_user FROM callboard_events WHERE position > 4 ORDER BY position")
                == ["call.noted \(wang)", "call.cancelled \(li)", "call.noted \(wang)", "call.noted \(wang)"])
        let history = try CallboardCLI.run(["show", "C-0001"], journal: asAdmin).stdout
        let lines = history.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("重复") && $0.contains(li) && $0.lowercased().contains("cancel") }, "\(history)")
        #expect(lines.contains { $0.contains("note") && $0.contains("重复") && $0.contains(wang) && !$0.contains(li) }, "\(history)")
        #expect(lines.contains { $0.contains("已联系") && $0.contains(wang) }, "\(history)")
        #expect(try CallboardCLI.run(["journal", "verify"], journal: database.location).status == 0)
    }

    /// The server restarts (`pg_ctl restart -m fast`) in the middle of a loop of writes, on a
    /// server of its own (restarting the shared one would cut the other tests): every call the
    /// loop was told is recorded is there after, each once, nothing half-written; the loop stops
    /// while the server is down (a command then exits, as it must), and writes go on after.
    @Test func aServerRestartMidLoopLosesNothingAcknowledged() throws {
        let scratch = try Scratch()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let script = """
            set -u
            bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
            as=""; [ "$(id -u)" = 0 ] && as="runuser -u postgres --"
            psql -q -c 'CREATE DATABASE loop'
            "$BENCH" writer postgresql:///loop 3000 loop > "$OUT" 2>&1 &
            writer=$!
            sleep 1
            $as "$bindir/pg_ctl" -D "$PGHOST/data" -m fast -w restart > "$SCRATCH/restart.log" 2>&1 || echo "restart failed"
            wait $writer; echo "writer exited $?"
            "$BENCH" writer postgresql:///loop 5 after > "$SCRATCH/after" 2>&1; echo "after exited $?"
            "$CALLBOARD" journal export --json --journal postgresql:///loop > "$SCRATCH/export"
            "$CALLBOARD" journal verify --journal postgresql:///loop > /dev/null; echo "verify exited $?"
            """
        let result = try CallboardCLI.run([root.appendingPathComponent("scripts/with-postgres").path, "bash", "-c", script],
                                          environment: ["BENCH": BenchBinary.path, "CALLBOARD": Binary.path, "OUT": scratch.path("acknowledged"),
                                                        "SCRATCH": scratch.url.path],
                                          program: "with-postgres")
        #expect(result.stdout.contains("after exited 0") && result.stdout.contains("verify exited 0") && !result.stdout.contains("restart failed"),
                "\(result)")
        #expect(result.stdout.contains("writer exited 1"), "the restart came while the loop was writing: \(result)")
        let acknowledged = try String(contentsOfFile: scratch.path("acknowledged"), encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("loop-") }.map { String($0.split(separator: " ")[0]) }
        #expect(acknowledged.count > 10)
        let export = try String(contentsOfFile: scratch.path("export"), encoding: .utf8)
        for customer in acknowledged + (0..<5).map({ "after-\($0)" }) {
            #expect(export.components(separatedBy: "\"\(customer)\"").count == 2, "\(customer) recorded once")
        }
    }

    /// The server drops every connection (as a restart or a network fault does) again and again
    /// while a loop records calls: every call the loop was told is recorded is there after, each
    /// once, and the loop carries on over a new connection.
    @Test func everyAcknowledgedCallSurvivesConnectionsDroppedMidLoop() throws {
        let database = try Database()
        let scratch = try Scratch()
        let output = scratch.path("acknowledged")
        let writer = try Spawn.start([BenchBinary.path, "writer", database.location, "600", "loop"], environment: TestEnvironment.variables(),
                                     stdout: .file(output))
        var dropped = 0
        for _ in 0..<10 {
            Thread.sleep(forTimeInterval: 0.1)
            dropped += Int(try database.query("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()").first ?? "0") ?? 0
        }
        let status = try Spawn.wait(for: writer)
        #expect(dropped > 0, "the loop's connection was dropped under it")
        let said = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").last.map(String.init) ?? ""
        // Each acknowledged call is a line "loop-N C-XXXX" (a failure would print its error after).
        let acknowledged = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("loop-") }.map { String($0.split(separator: " ")[0]) }
        #expect(status == 0, "the loop carried on: \(acknowledged.count) acknowledged; it said: \(said)")
        #expect(acknowledged.count == 600 || status != 0)
        let export = try CallboardCLI.run(["journal", "export", "--json"], journal: database.location).stdout
        for customer in acknowledged {
            #expect(export.components(separatedBy: "\"\(customer)\"").count == 2, "\(customer) recorded once")
        }
        #expect(try CallboardCLI.run(["journal", "verify"], journal: database.location).status == 0)
    }
}

/// A database of its own for one test, dropped after it.
final class Database: Sendable {
    let name = "callboard_e2e_\(UInt32.random(in: 0...UInt32.max))"
    var location: String { "postgresql:///\(name)" }

    init(owner: String? = nil) throws {
        try Self.psql("postgres", "CREATE DATABASE \(name)" + (owner.map { " OWNER \($0)" } ?? ""))
    }

    deinit { _ = try? Self.psql("postgres", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }

    /// The rows of one query, a line each.
    func query(_ sql: String) throws -> [String] {
        try Self.psql(name, sql).split(separator: "\n").map(String.init)
    }

    @discardableResult
    static func psql(_ database: String, _ sql: String) throws -> String {
        let result = try CallboardCLI.run(["/usr/bin/psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql], program: "psql")
        guard result.status == 0 else { throw HarnessError("psql \(sql): \(result)") }
        return result.stdout
    }
}

final class Notes: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ note: String) { lock.withLock { list.append(note) } }
    var all: [String] { lock.withLock { list } }
}

final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [CLIResult] = []
    func add(_ result: CLIResult) { lock.withLock { list.append(result) } }
    var all: [CLIResult] { lock.withLock { list } }
}
