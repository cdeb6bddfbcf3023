import CallboardCore
import Foundation
import Testing

/// Past fixes (issue 14): Chinese indexed by characters and bigrams, BM25 scores, the same
/// product first, only resolved calls that were not cancelled.
@Suite struct KnowledgeIndexTests {
    static let at = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func chineseIsCutIntoCharactersAndBigramsAndOtherTextIntoWords() {
        #expect(KnowledgeIndex.terms("净水器漏水") == ["净", "净水", "水", "水器", "器", "器漏", "漏", "漏水", "水"])
        #expect(KnowledgeIndex.terms("HP-M404 卡纸 E-302") == ["hp", "m404", "卡", "卡纸", "纸", "e", "302"])
        #expect(KnowledgeIndex.terms("ＰＣＢ板") == ["pcb", "板"], "full-width letters read as ordinary ones")
        #expect(KnowledgeIndex.terms(" ，。 ").isEmpty)
    }

    func entry(_ number: Int, _ product: String?, _ summary: String, fix: String? = nil, notes: [String] = []) -> KnowledgeIndex.Entry {
        KnowledgeIndex.Entry(call: CallID(number: number), product: product, summary: summary, fix: fix, notes: notes, resolvedAt: Self.at)
    }

    var index: KnowledgeIndex {
        var index = KnowledgeIndex()
        index.add(entry(1, "RO-500", "净水器漏水，底部有水", fix: "更换滤芯和密封圈"))
        index.add(entry(2, "RO-700", "净水器不出水", fix: "清洗进水阀", notes: ["水压低"]))
        index.add(entry(3, "HP-M404", "打印机卡纸", fix: "取出纸屑"))
        index.add(entry(4, "RO-700", "机器漏水", fix: "紧固接头"))
        index.add(entry(5, nil, "服务器宕机", notes: ["电源模块损坏，已更换"]))
        return index
    }

    @Test func theBestMatchComesFirstAndWordsNotThereFindNothing() {
        #expect(index.search("净水器漏水").first?.entry.call.number == 1, "the call sharing the most bigrams")
        #expect(index.search("卡纸").map(\.entry.call.number) == [3])
        #expect(index.search("打印 纸").first?.entry.call.number == 3)
        #expect(index.search("xyz").isEmpty)
        #expect(index.search("").isEmpty)
    }

    @Test func theNotesAndTheFixAreSearchedToo() {
        #expect(index.search("电源模块").first?.entry.call.number == 5)
        #expect(index.search("进水阀").first?.entry.call.number == 2)
        #expect(index.search("水压").first?.entry.call.number == 2)
    }

    @Test func theSameProductComesBeforeOthers() {
        let asked = index.search("漏水", product: "ro-700")
        #expect(asked.first?.entry.call.number == 4 && asked.first?.sameProduct == true)
        #expect(asked.firstIndex { !$0.sameProduct }! > asked.lastIndex { $0.sameProduct }!)
        let named = index.search("RO-500 漏水")
        #expect(named.first?.entry.call.number == 1 && named.first?.sameProduct == true, "a product named in the words")
        #expect(index.search("漏水", limit: 1).count == 1)
    }

    @Test func onlyResolvedCallsThatWereNotCancelledAreIndexed() throws {
        var desk = TestDesk()
        let fixed = try desk.intake("甲")
        try desk.run(.resolve(fixed, ResolutionDraft(cause: "wear", fix: "更换滤芯", parts: "滤芯×2")))
        try desk.run(.note(fixed, "漏水在底部"))
        _ = try desk.intake("乙")
        let cancelled = try desk.intake("丙")
        try desk.run(.cancel(cancelled, reason: "重复"), actor: "supervisor")
        let index = KnowledgeIndex(desk.state)
        #expect(index.entries.map(\.call) == [fixed])
        let entry = try #require(index.entries.first)
        #expect(entry.cause == "wear" && entry.fix == "更换滤芯" && entry.parts == [PartUse(part: "滤芯", count: 2)] && entry.notes == ["漏水在底部"])
        #expect(index.search("底部").first?.entry.call == fixed)
    }
}
