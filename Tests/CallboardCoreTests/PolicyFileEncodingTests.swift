import CallboardCore
import Testing

/// A policy file must be UTF-8; one that is not is named by the line and byte where it stops.
@Suite struct PolicyFileEncodingTests {
    func problem(_ bytes: [UInt8]) -> PolicyProblem? {
        do {
            _ = try PolicyParser.text(of: bytes)
            return nil
        } catch {
            return error.problems.first
        }
    }

    @Test func theFirstByteThatIsNotUTF8IsNamedByLineAndByteCountingBytesNotCharacters() {
        // "# 中文" is 8 bytes in UTF-8; the stray byte is the 5th of line 2.
        let found = problem(Array("# 中文\nab: ".utf8) + [0xB2] + Array(" c\n".utf8))
        #expect(found?.line == 2)
        #expect(found?.message == "byte 5 of the line (0xB2) is not UTF-8; save the file as UTF-8")
    }

    @Test(arguments: [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE4, 0xB8], [0xFF]] as [[UInt8]])
    func overlongFormsSurrogatesCutSequencesAndStrayBytesAreNotUTF8(bad: [UInt8]) {
        #expect(problem(Array("x: 1\n".utf8) + bad)?.line == 2)
    }

    @Test func goodTextIsReadAsItIsWithoutAByteOrderMark() throws {
        #expect(try PolicyParser.text(of: Array("rules: 中\n".utf8)) == "rules: 中\n")
        #expect(try PolicyParser.text(of: [0xEF, 0xBB, 0xBF] + Array("rules:\n".utf8)) == "rules:\n")
    }
}
