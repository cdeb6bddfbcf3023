import CallboardCore
import Foundation

/// `journal compact`: a journal only grows, so start-up would slow year after year. Compaction
/// rewrites it as the live desk — a compaction record, then the policies, the roster and the
/// whole history of every call it keeps — and moves closed calls older than a given age into
/// an archive file (itself a journal, readable with `--journal`). Nothing is deleted: every
/// event ends up in the compacted journal or in the archive.
extension FileJournal {
    /// Compacts under the writers' lock. Calls closed before `archiveClosedBefore` move to a new
    /// archive file (nil: none move). Damage in the middle refuses (repair first); an unfinished
    /// last write is set aside as any writer would. Every failure leaves either the old journal
    /// (and no new archive) or the compacted one with its archive, and says which; what a killed
    /// compaction left (temporary files, an archive of calls the journal still holds) is removed.
    public func compact(now: Date, actor: String, archiveClosedBefore cutoff: Date?) throws -> LogCompaction {
        guard let file = try JournalFile.openLockedForWriting(path, create: false) else {
            throw JournalError(.io(errno: ENOENT), log: path, JournalText.noJournalHere(["path": "\(path)"]))
        }
        return try withExtendedLifetime(file) { () throws -> LogCompaction in
            var warnings: [Message] = []
            // Under the lock: temporary files here were left by a run that was killed.
            _ = JournalFile.removeStaleTemporaries(of: path)
            Self.removeStaleSnapshotTemporaries(of: snapshotPath, now: now)
            // Everything in the file, as a writer catching up from the start would read it.
            // Records of a newer callboard (types this build skips) cannot be carried into a
            // rewrite made of events: refuse rather than drop them.
            let raw = try file.read(at: 0, count: try file.size())
            if raw.count > JournalFormat.headerSize, case .success(let header) = raw.withUnsafeBytes({ JournalFormat.decodeHeader($0) }) {
                let body = Array(raw[JournalFormat.headerSize...])
                let scan = body.withUnsafeBytes { RecordScanner.scan($0, base: JournalFormat.headerSize, epoch: header.epoch, lastSequence: 0) }
                if let other = scan.records.first(where: { $0.type != JournalFormat.RecordType.event.rawValue }) {
                    throw JournalError(.unreadableEvent(sequence: other.sequence), log: path,
                                       JournalText.compactNewer(["path": "\(path)", "type": "\(other.type)", "offset": "\(other.offset)"]))
                }
            }
            let caughtUp = try append(locked: file, after: .start, now: now) { _ in [] }
            let events = caughtUp.caughtUp.events
            guard !events.isEmpty else { throw JournalError(.notAJournal, log: path, JournalText.nothingToCompact(["path": "\(path)"])) }
            // An unfinished last write is not carried over, so keep its bytes beside the journal.
            let size = try file.size()
            if size > caughtUp.position.offset {
                let tail = try file.read(at: caughtUp.position.offset, count: size - caughtUp.position.offset)
                let kept = try keepCopy(tail, suffix: "broken", now: now)
                warnings.append(JournalText.compactTornTail([
                    "path": "\(path)", "count": "\(tail.count)", "offset": "\(caughtUp.position.offset)", "kept": "\(kept)",
                ]))
            }
            let plan = CompactionPlan(events, archiveClosedBefore: cutoff)
            let (state, archived, archiveEvents, kept) = (plan.state, plan.archived, plan.archiveEvents, plan.kept)
            warnings += removeStaleArchives(named: events, holding: state)
            var archivePath: String?
            if !archiveEvents.isEmpty {
                // The archive is complete and durable before the journal stops holding its events.
                // Policies and the roster go to both files, so that each replays on its own.
                let name = keepName(suffix: "archive", now: now)
                do throws(JournalError) {
                    try JournalFile.writeNewFile(name, Self.journalBytes(plan.archiveOrder), sameGroupAs: path)
                } catch {
                    throw JournalError(error.kind, log: path, JournalText.compactFailed(["path": "\(path)", "problem": .message(error.text)]))
                }
                archivePath = name
            }
            let marker = plan.marker(now: now, actor: actor, archive: archivePath.map { ($0 as NSString).lastPathComponent })
            let compacted = Self.journalBytes([marker] + kept)
            do throws(JournalError) {
                try JournalFile.replace(path, with: compacted)
            } catch let error where error.isInPlaceNotSynced {
                // The new journal is the journal now: its archive must stay beside it. Should the
                // old journal come back after a power cut, it still holds every event, and the next
                // compaction removes the archive that then duplicates it.
                let text = archivePath.map { archive in
                    JournalText.compactedMovedNotSynced([
                        "count": "\(archived.count)", "archive": "\(archive)", "problem": .message(error.text), "path": "\(path)",
                    ])
                } ?? JournalText.compactedNotSynced(["problem": .message(error.text), "path": "\(path)"])
                throw JournalError(error.kind, log: path, text)
            } catch {
                // The journal still holds every event: an archive left behind would only be a
                // second copy that the next compaction copies again.
                if let archivePath { unlink(archivePath) }
                throw JournalError(error.kind, log: path, JournalText.compactFailed(["path": "\(path)", "problem": .message(error.text)]))
            }
            // Every desk opening the compacted journal starts from its snapshot, not from its start.
            if let problem = storeSnapshot(of: [marker] + kept, journal: compacted, now: now) { warnings.append(problem) }
            return LogCompaction(eventsBefore: events.count, eventsAfter: kept.count + 1, archivedCalls: archived.count,
                                    archivedEvents: archiveEvents.count, archive: archivePath, warnings: warnings)
        }
    }

    /// Archives beside the journal that no compaction record in it names, and whose calls the
    /// journal still holds whole, are what a compaction killed before its rename left: a second
    /// copy of live calls. They go, so that no call is ever in two archives. Returns what it says.
    private func removeStaleArchives(named events: [Event], holding state: DeskState) -> [Message] {
        let real = JournalFile.resolved(path)
        let folder = JournalFile.parent(of: real)
        let prefix = (real as NSString).lastPathComponent + ".archive-"
        let named = Set(events.compactMap { event -> String? in
            if case .compacted(let c) = event.change { return c.archive }
            return nil
        })
        var notes: [Message] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter({ $0.hasPrefix(prefix) && !named.contains($0) }) ?? [] {
            guard let archive = try? FileJournal(path: folder + "/" + name).replayedWhole(), !archive.calls.isEmpty else { continue }
            var duplicate = true
            archive.calls.forEach { call in
                if (state.calls[call.id]?.history.count ?? 0) < call.history.count { duplicate = false }
            }
            if duplicate, unlink(folder + "/" + name) == 0 {
                notes.append(JournalText.staleArchiveRemoved(["name": "\(name)", "count": "\(archive.calls.count)"]))
            }
        }
        return notes
    }

    /// Stores the snapshot of a journal just written whole (`bytes`, holding `events`); returns
    /// what to tell a person if it could not be (the old snapshot is then removed).
    func storeSnapshot(of events: [Event], journal bytes: [UInt8], now: Date) -> Message? {
        var state = DeskState(replaying: events)
        state.retireClosedCalls()
        let epoch = bytes.withUnsafeBytes { $0.loadLE(UInt64.self, at: 16) }
        let position = LogPosition(offset: bytes.count, sequence: UInt64(events.count), epoch: epoch)
        do throws(JournalError) {
            try storeSnapshot(SnapshotFormat.encode(state, at: position, check: Self.historyCheck(of: bytes, at: bytes.count), taken: now), at: position)
            return nil
        } catch {
            unlink(snapshotPath)
            return JournalText.snapshotNotWritten(["problem": .message(error.text)])
        }
    }

    /// A whole journal file holding `events` under a new epoch. It is put in place complete and
    /// synced, so each record stands as a group of its own.
    static func journalBytes(_ events: [Event]) -> [UInt8] {
        let epoch = UInt64.random(in: 1...UInt64.max)
        var out = JournalFormat.encodeHeader(epoch: epoch)
        for (index, event) in events.enumerated() {
            JournalFormat.encodeRecord(type: .event, sequence: UInt64(index + 1), payload: EventCodec.encode(event), epoch: epoch, into: &out)
        }
        return out
    }
}

extension Change {
    /// A record about the journal itself (compacted, repaired): not carried into a rewrite.
    var isCompaction: Bool {
        switch self {
        case .compacted, .repaired: true
        default: false
        }
    }
}
