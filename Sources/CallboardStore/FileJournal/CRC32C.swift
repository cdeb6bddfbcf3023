import CCRC32C

/// CRC-32C (Castagnoli), the checksum of iSCSI, ext4 and LevelDB: it detects torn and flipped
/// bytes in journal records. Computed in C (CCRC32C) with the processor's crc32 instruction
/// where there is one.
public enum CRC32C {
    /// Continues a running checksum over `bytes`; start with `checksum(bytes)`.
    public static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress else { return crc }
        return cb_crc32c_update(crc, base, bytes.count)
    }

    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 { update(0, bytes) }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }
}
