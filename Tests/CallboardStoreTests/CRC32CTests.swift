import CCRC32C
import CallboardStore
import Testing

@Suite struct CRC32CTests {
    @Test func knownCheckValues() {
        // The standard check value of CRC-32C, and the iSCSI test vectors of RFC 3720.
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum(Array(0..<32)) == 0x46DD_794E)
    }

    @Test func updatingInPiecesEqualsOnePass() {
        let bytes = Array("服务承诺 respond within 24 hours".utf8)
        let whole = CRC32C.checksum(bytes)
        let first = bytes[..<10].withUnsafeBytes { CRC32C.checksum($0) }
        let both = bytes[10...].withUnsafeBytes { CRC32C.update(first, $0) }
        #expect(both == whole)
    }
}

@Suite struct CRC32CImplementationTests {
    /// Bit by bit, straight from the definition.
    static func reference(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }

    @Test func theInstructionAndTheTableAgreeWithTheDefinitionAtEveryLengthAndAlignment() {
        var generator = SystemRandomNumberGenerator()
        let data = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for start in 0..<9 {
            for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 100, 291 - start] {
                let slice = Array(data[start..<(start + length)])
                let expected = Self.reference(slice)
                #expect(CRC32C.checksum(slice) == expected)
                #expect(slice.withUnsafeBytes { cb_crc32c_portable(0, $0.baseAddress, $0.count) } == expected)
            }
        }
    }
}
