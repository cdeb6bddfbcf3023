import CallboardCore
import Testing

@Suite struct IntakeValidationTests {
    static let good = IntakeDraft(customer: "上海申通物流", phone: "021-5995 6610", summary: "服务器硬盘告警")

    func error(_ change: (inout IntakeDraft) -> Void) -> DeskError? {
        var draft = Self.good
        change(&draft)
        do {
            _ = try draft.validated()
            return nil
        } catch {
            return error
        }
    }

    @Test func aCompleteIntakeIsAcceptedAndTrimmed() throws {
        var draft = Self.good
        draft.customer = "  上海申通物流  "
        draft.level = "2"
        draft.region = "City"
        draft.channel = "EMAIL"
        let intake = try draft.validated()
        #expect(intake.customer == "上海申通物流")
        #expect(intake.level == .two)
        #expect(intake.region == "city")
        #expect(intake.channel == .email)
    }

    @Test func eachMissingRequiredFieldIsNamed() {
        #expect(error { $0.customer = nil }?.field == .customer)
        #expect(error { $0.phone = "  " }?.field == .phone)
        #expect(error { $0.summary = "" }?.field == .summary)
        #expect(error { $0.customer = nil }?.message == "customer is required")
    }

    @Test(arguments: ["0", "5", "L2", "two", "2.5"])
    func levelsOutsideOneToFourAreRefused(level: String) {
        let e = error { $0.level = level }
        #expect(e?.field == .level)
        #expect(e?.kind == .invalidInput)
        #expect(e?.message.contains("use 1 (system down), 2 (risk of going down), 3 (degraded) or 4 (intermittent)") == true)
    }

    @Test(arguments: ["138 0013 8000", "021-6552 1234", "+86 10 8888 0000", "400-810-1234 转 2", "(0512) 5763-2208 ext 12"])
    func phoneNumbersAsDesksWriteThemAreAccepted(phone: String) {
        #expect(error { $0.phone = phone } == nil)
    }

    @Test(arguments: ["abc", "1234", "138-0013-8000; rm -rf", "电话号码"])
    func thingsThatAreNotPhoneNumbersAreRefused(phone: String) {
        #expect(error { $0.phone = phone }?.field == .phone)
    }

    @Test(arguments: ["\u{1B}[2J", "a\nb", "tab\there", "\u{202E}evil", "bell\u{07}", "C1\u{9B}31m", "join\u{200D}er",
                      "zero\u{200B}width", "bom\u{FEFF}", "line\u{2028}sep", "tag\u{E0041}"])
    func controlAndInvisibleCharactersAreRefusedNamingTheCodePoint(text: String) {
        let e = error { $0.summary = text }
        #expect(e?.field == .summary)
        #expect(e?.message.contains("control or invisible character (U+") == true)
    }

    @Test func everyMissingRequiredFieldIsNamedAtOnce() {
        let e = error { $0.customer = nil; $0.summary = " " }
        #expect(e?.message == "customer and summary are required")
        #expect(error { $0 = IntakeDraft() }?.message == "customer, phone and summary are required")
    }

    @Test func fullWidthDigitsFromChineseInputMethodsAreStoredAsOrdinaryOnes() throws {
        var draft = Self.good
        draft.phone = "１３８\u{3000}００１３\u{3000}８０００"
        #expect(try draft.validated().phone == "138 0013 8000")
        #expect(error { $0.phone = String(repeating: "1", count: 21) }?.field == .phone)
    }

    /// A Chinese input method in full-width mode types １ for 1: every number a dispatcher types
    /// (a level, a call, a technician, a time, a date) is read as its ordinary self, as the phone is.
    @Test func fullWidthDigitsAreReadWhereverANumberIsTyped() throws {
        var draft = Self.good
        draft.level = "\u{3000}１"
        draft.purchased = "２０２５-０３-１８"
        let intake = try draft.validated()
        #expect(intake.level == .one)
        #expect(intake.purchased == LocalDate("2025-03-18"))
        #expect(try FaultLevel.parse("４") == .four)
        #expect(CallID("Ｃ－０００７")?.number == 7 && CallID("７")?.number == 7)
        #expect(TechnicianID("Ｔ０３")?.rawValue == "T03")
        let now = TimeText.parseISO("2026-11-23T09:00:00+08:00")!
        #expect(try TimeText.parseMoment("－２０ｍ", now: now) == now.addingTimeInterval(-1200))
        #expect(try TimeText.parseMoment("２０２６-１１-２３Ｔ０８:３０:００＋０８:００", now: now) == now.addingTimeInterval(-1800))
        #expect(error { $0.level = "５" }?.field == .level, "still only 1 to 4")
    }

    /// `show` in Chinese says 电话: what the desk shows is what it takes.
    @Test(arguments: [("电话", Channel.phone), ("邮件", .email), ("电子邮件", .email), ("网页", .web), ("在线", .web), (" Phone ", .phone)])
    func channelsAreTakenInChineseToo(text: String, channel: Channel) throws {
        var draft = Self.good
        draft.channel = text
        #expect(try draft.validated().channel == channel)
    }

    /// The level's meaning is worded once: the refusal and the command line's help say the same.
    @Test func theLevelsAreWordedInOnePlace() {
        #expect(FaultLevel.one.meaning.description == "system down" && FaultLevel.four.meaning.description == "intermittent")
        let refusal = error { $0.level = "5" }?.message ?? ""
        #expect(refusal == "level '5' is not a fault level; use 1 (system down), 2 (risk of going down), 3 (degraded) or 4 (intermittent)")
        #expect(FaultLevel.choices == "1 system down, 2 risk of going down, 3 degraded, 4 intermittent")
    }

    @Test func hugeFieldsAreRefusedWithTheLimit() {
        #expect(error { $0.summary = String(repeating: "长", count: 1001) }?.message == "summary is 1001 characters long; the limit is 1000")
        #expect(error { $0.customer = String(repeating: "x", count: 101) }?.field == .customer)
        #expect(error { $0.summary = String(repeating: "长", count: 1000) } == nil)
    }

    @Test func regionsAreSingleWords() {
        #expect(error { $0.region = "pu dong" }?.field == .region)
        #expect(error { $0.region = "浦东" } == nil)
    }

    @Test func channelsAreKnown() {
        #expect(error { $0.channel = "fax" }?.message == "channel 'fax' is not known; use phone, email or web")
    }

    @Test func techniciansNeedAValidIDAndAName() {
        func techError(_ draft: TechnicianDraft) -> DeskError? {
            do { _ = try draft.validated(); return nil } catch { return error }
        }
        #expect(techError(TechnicianDraft(id: "T 1", name: "x"))?.field == .id)
        #expect(techError(TechnicianDraft(id: "T01"))?.field == .name)
        #expect(techError(TechnicianDraft(id: "T01", name: "x", shift: "weekend"))?.field == .shift)
        #expect(techError(TechnicianDraft(id: "T01", name: "x", skills: "ups,po wer"))?.field == .skills)
        let ok = try? TechnicianDraft(id: "t01", name: "孙强", skills: "Printer,server,printer", shift: "on-call").validated()
        #expect(ok?.id.rawValue == "T01")
        #expect(ok?.skills == ["printer", "server"])
        #expect(ok?.shift == .oncall)
    }

    @Test(arguments: [("C-0007", 7), ("c-7", 7), ("C0007", 7), ("7", 7), (" C-12345 ", 12345)])
    func callIDsAreReadAsDispatchersTypeThem(text: String, number: Int) {
        #expect(CallID(text)?.number == number)
    }

    @Test(arguments: ["", "C-", "C-0", "X-7", "C--7", "7a", "-7"])
    func malformedCallIDsAreRejected(text: String) {
        #expect(CallID(text) == nil)
    }
}
