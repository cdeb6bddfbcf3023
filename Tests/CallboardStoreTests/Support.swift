import CallboardCore
import CallboardStore
import Foundation

/// A scratch folder per test.
final class TempDir: Sendable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("callboard-store-\(UUID().uuidString.prefix(8))")
        // A desk's folder, as callboard makes it (the desk's group, sticky): whatever the
        // umask, a journal is written only in a folder others cannot change.
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o1770])
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

enum Sample {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func context(_ actor: String = "wangfang", at: Date? = nil) -> CommandContext {
        CommandContext(now: now, at: at, actor: actor, timeZone: zone)
    }

    static func intake(_ customer: String = "上海华东电气有限公司") -> Command {
        .intake(IntakeDraft(customer: customer, phone: "021-6952 3310", summary: "主控服务器宕机", level: "1", region: "city"))
    }

    static func technician(_ id: String) -> Command {
        .addTechnician(TechnicianDraft(id: id, name: "王磊", region: "city", skills: "printer,network", shift: "night", phone: "138 1762 0341"))
    }

    /// A journal holding a technician and `calls` calls; returns the file's bytes.
    static func journal(at path: String, calls: Int) throws -> [UInt8] {
        let desk = try JournalDesk(log: FileJournal(path: path))
        try desk.perform(technician("T01"), context(at: now.addingTimeInterval(-7200)))
        for n in 0..<calls { try desk.perform(intake("客户\(n)"), context(at: now.addingTimeInterval(-3600))) }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
