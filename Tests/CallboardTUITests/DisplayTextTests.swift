import CallboardTUI
import Testing

@Suite struct DisplayTextTests {
    init() { DisplayText.adoptUTF8Locale() }

    @Test func chineseCharactersTakeTwoColumns() {
        #expect(DisplayText.width("abc") == 3)
        #expect(DisplayText.width("王磊") == 4)
        #expect(DisplayText.width("华联超市（曹安路店）") == 20)
        #expect(DisplayText.width("陆家嘴 12楼") == 11)
        #expect(DisplayText.width("e\u{301}") == 1) // e + combining acute
        #expect(DisplayText.width("▲✓✗…") == 4)
    }

    @Test func fittingPadsShortTextAndCutsLongTextWithAnEllipsis() {
        #expect(DisplayText.fit("abc", 6) == "abc   ")
        #expect(DisplayText.fit("abc", 6, alignRight: true) == "   abc")
        #expect(DisplayText.fit("abcdefgh", 6) == "abcde…")
        #expect(DisplayText.fit("王磊", 4) == "王磊")
    }

    @Test func aWideCharacterIsNeverCutInHalf() {
        // Five columns hold two Chinese characters, then the ellipsis can't fit a third.
        #expect(DisplayText.fit("上海华东电气", 6) == "上海… ")
        #expect(DisplayText.fit("上海华东电气", 5) == "上海…")
        for width in 1...13 {
            let fitted = DisplayText.fit("上海华东电气有限公司", width)
            #expect(DisplayText.width(fitted) == width, "width \(width): '\(fitted)'")
        }
    }

    @Test func controlCharactersAndEscapeSequencesBecomeVisibleSymbols() {
        #expect(DisplayText.sanitized("Evil\u{1B}[2J") == "Evil␛[2J")
        #expect(DisplayText.sanitized("a\u{07}b\u{7F}") == "a␇b␡")
        #expect(DisplayText.sanitized("line\nbreak\ttab") == "line break tab")
        #expect(DisplayText.sanitized("\u{202E}txt.exe") == "\u{FFFD}txt.exe")
        #expect(DisplayText.sanitized("C1\u{9B}31m") == "C1\u{FFFD}31m")
        #expect(DisplayText.fit("\u{1B}]0;title\u{07}", 20).unicodeScalars.allSatisfy { $0.value >= 0x20 })
    }
}
