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
