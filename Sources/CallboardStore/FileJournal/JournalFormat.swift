/// The journal's byte layout, version 1. All integers are little-endian.
///
/// File header, 32 bytes:
///   0  magic      8 bytes  0x89 "CBJRNL" 0x0A
///   8  version    u32      format version (1)
///  12  flags      u32      0
///  16  epoch      u64      random, chosen when the file is created
///  24  crc        u32      CRC-32C of bytes 0..<24
///  28  reserved   u32      0
///
/// Record, 20-byte header then payload:
///   0  crc        u32      CRC-32C of the epoch (8 bytes) followed by record bytes 4..<20+length
///   4  length     u32      payload length
///   8  type       u8       1 = event
///   9  flags      u8       bit 0: skippable (a reader that does not know the type may skip it)
///                          bit 1: continues (more records of the same group commit follow)
///  10  group      u16      this record's place in its group commit (0 for the first)
///  12  sequence   u64      1 for the first record, then +1 for each record
///  20  payload    length bytes
///
/// Mixing the epoch into every record checksum means stale bytes from another journal (or an
/// earlier life of this file) can never pass as records of this one.
///
/// A group commit is the records of one write and one sync: a command's events (a policy
/// adoption and the call it times), or a slice of a bulk load. A crash can leave any part of
/// the write on disk, so the group marks let a reader see that the valid records after a bad
/// one belong to the same unfinished write (a torn tail, never acknowledged) rather than to
/// later acknowledged writes (damage in the middle). Groups hold at most 65,536 records; a
/// larger batch is several groups in one write. Files written before the marks read as groups
/// of one.
package enum JournalFormat {
    package static let magic: [UInt8] = [0x89, 0x43, 0x42, 0x4A, 0x52, 0x4E, 0x4C, 0x0A]
    package static let version: UInt32 = 1
    package static let headerSize = 32
    package static let recordHeaderSize = 20
    /// A payload larger than this is damage, not data: no event comes near it.
    package static let maxPayload = 1 << 24

    package enum RecordType: UInt8, Sendable {
        case event = 1
    }

    package static let skippableFlag: UInt8 = 1
    package static let continuesFlag: UInt8 = 2
    package static let maxGroup = Int(UInt16.max) + 1

    package struct FileHeader: Equatable, Sendable {
        package var version: UInt32
        package var epoch: UInt64
    }

    package static func encodeHeader(epoch: UInt64) -> [UInt8] {
        var bytes = magic
        bytes.appendLE(version)
        bytes.appendLE(UInt32(0))
        bytes.appendLE(epoch)
        bytes.appendLE(CRC32C.checksum(bytes))
        bytes.appendLE(UInt32(0))
        return bytes
    }

    /// Reads a sound file header, or says why these bytes are not one. Reserved bytes must be
    /// zero: format 1 writes zeros there, so anything else is damage.
    package static func decodeHeader(_ bytes: UnsafeRawBufferPointer) -> Result<FileHeader, HeaderProblem> {
        guard bytes.count >= headerSize else { return .failure(.tooShort) }
        guard Array(bytes[0..<8]) == magic else { return .failure(.notAJournal) }
        guard bytes.loadLE(UInt32.self, at: 24) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<24])) else {
            return .failure(.damaged)
        }
        let version = bytes.loadLE(UInt32.self, at: 8)
        guard version == JournalFormat.version else { return .failure(.unsupportedVersion(version)) }
        guard bytes.loadLE(UInt32.self, at: 28) == 0 else { return .failure(.damaged) }
        return .success(FileHeader(version: version, epoch: bytes.loadLE(UInt64.self, at: 16)))
    }

    package enum HeaderProblem: Error, Equatable {
        case tooShort, notAJournal, damaged
        case unsupportedVersion(UInt32)
    }

    /// What the start of a file (its header, and as much of the first record as is there) says
    /// about it. A header that is not sound is told apart from a foreign file by its records: if
    /// the epoch it stores still validates the first record, it is this journal's header with
    /// damage in it (its magic, version, checksum or reserved bytes), to be repaired; a version
    /// this build does not know, under an intact checksum, is a newer callboard's journal.
    package enum HeaderReading: Equatable, Sendable {
        case sound(FileHeader)
        /// `epoch` validates the first record (nil: no record could be checked with it).
        case damaged(epoch: UInt64?)
        case newer(version: UInt32)
        case notAJournal
    }

    package static func readHeader(_ bytes: UnsafeRawBufferPointer) -> HeaderReading {
        guard bytes.count >= headerSize else { return .notAJournal }
        switch decodeHeader(bytes) {
        case .success(let header): return .sound(header)
        case .failure(.unsupportedVersion(let version)): return .newer(version: version)
        default: break
        }
        let stored = bytes.loadLE(UInt64.self, at: 16)
        let body = UnsafeRawBufferPointer(rebasing: bytes[headerSize...])
        if RecordScanner.isValidRecord(in: body, at: 0, epoch: stored) { return .damaged(epoch: stored) }
        let checksumHolds = bytes.loadLE(UInt32.self, at: 24) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<24]))
        // The magic or the checksum still says "journal": damaged beyond what one record shows.
        if Array(bytes[0..<8]) == magic || checksumHolds { return .damaged(epoch: checksumHolds ? stored : nil) }
        return .notAJournal
    }

    /// Frames one record; `sequence` must be one more than the previous record's.
    package static func encodeRecord(type: RecordType, flags: UInt8 = 0, groupIndex: UInt16 = 0, sequence: UInt64, payload: [UInt8],
                                    epoch: UInt64, into out: inout [UInt8]) {
        encodeRecord(rawType: type.rawValue, flags: flags, groupIndex: groupIndex, sequence: sequence, payload: payload, epoch: epoch, into: &out)
    }

    /// The same for a type byte this build may not know (a repair keeps such records as they are).
    static func encodeRecord(rawType: UInt8, flags: UInt8 = 0, groupIndex: UInt16 = 0, sequence: UInt64, payload: [UInt8],
                             epoch: UInt64, into out: inout [UInt8]) {
        let start = out.count
        out.appendLE(UInt32(0)) // checksum, filled in below
        out.appendLE(UInt32(payload.count))
        out.append(rawType)
        out.append(flags)
        out.appendLE(groupIndex)
        out.appendLE(sequence)
        out.append(contentsOf: payload)
        let crc = recordChecksum(epoch: epoch, out, from: start + 4, to: out.count)
        out.withUnsafeMutableBytes { $0.storeBytes(of: crc.littleEndian, toByteOffset: start, as: UInt32.self) }
    }

    /// Frames `payloads` as consecutive records starting after `sequence`, marked as group
    /// commits of at most `maxGroup` records.
    package static func encodeGroup(type: RecordType = .event, payloads: [[UInt8]], after sequence: UInt64, epoch: UInt64, into out: inout [UInt8]) {
        for (index, payload) in payloads.enumerated() {
            let place = index % maxGroup
            let last = index == payloads.count - 1 || place == maxGroup - 1
            encodeRecord(type: type, flags: last ? 0 : continuesFlag, groupIndex: UInt16(place),
                         sequence: sequence + UInt64(index) + 1, payload: payload, epoch: epoch, into: &out)
        }
    }

    static func recordChecksum(epoch: UInt64, _ bytes: [UInt8], from: Int, to: Int) -> UInt32 {
        bytes.withUnsafeBytes { recordChecksum(epoch: epoch, UnsafeRawBufferPointer(rebasing: $0[from..<to])) }
    }

    static func recordChecksum(epoch: UInt64, _ body: UnsafeRawBufferPointer) -> UInt32 {
        var epochLE = epoch.littleEndian
        let seeded = withUnsafeBytes(of: &epochLE) { CRC32C.checksum($0) }
        return CRC32C.update(seeded, body)
    }
}

extension Array where Element == UInt8 {
    mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
        var le = value.littleEndian
        Swift.withUnsafeBytes(of: &le) { append(contentsOf: $0) }
    }
}

extension UnsafeRawBufferPointer {
    func loadLE<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
