import Foundation

/// Past fixes to search (`kb search`, the new-call form): every resolved call's product, fault
/// (summary and defect code), notes, cause and fix, indexed by terms. Chinese is written without
/// spaces between words, so a run of Chinese characters is indexed as its single characters and
/// its bigrams (净水器漏水 → 净 水 器 漏 水, 净水 水器 器漏 漏水); other text by its words, lower-cased.
/// A query is cut the same way and calls are scored by BM25 over those terms: a bigram shared
/// with few calls counts for more than a character shared with many. Pure: the caller decides
/// which calls go in (the live desk's, and the retired ones a journal still holds).
public struct KnowledgeIndex: Sendable {
    /// One resolved call as the index keeps it.
    public struct Entry: Equatable, Sendable {
        public var call: CallID
        public var product: String?
        public var summary: String
        public var defect: String?
        public var cause: String?
        public var fix: String?
        public var parts: [PartUse]
        public var notes: [String]
        public var resolvedAt: Date

        public init(call: CallID, product: String?, summary: String, defect: String? = nil, cause: String? = nil, fix: String? = nil,
                    parts: [PartUse] = [], notes: [String] = [], resolvedAt: Date) {
            self.call = call
            self.product = product
            self.summary = summary
            self.defect = defect
            self.cause = cause
            self.fix = fix
            self.parts = parts
            self.notes = notes
            self.resolvedAt = resolvedAt
        }

        /// The call as a past fix: resolved (closed or not), not cancelled; nil otherwise.
        public init?(_ call: ServiceCall) {
            guard let resolved = call.resolvedAt, !call.cancelled else { return nil }
            let resolution = call.resolution
            var notes: [String] = []
            for event in call.history { if case .noted(_, let text) = event.change { notes.append(text) } }
            self.init(call: call.id, product: call.intake.product, summary: call.intake.summary, defect: call.intake.defect,
                      cause: resolution?.cause, fix: resolution?.fix, parts: resolution?.parts ?? [], notes: notes, resolvedAt: resolved)
        }

        /// What is searched: the fault, the product, the notes and the fix.
        var text: String {
            ([summary, product ?? "", defect ?? "", fix ?? ""] + notes + parts.map(\.part)).joined(separator: "\n")
        }
    }

    /// A call found, with its score (higher first).
    public struct Match: Equatable, Sendable {
        public var entry: Entry
        public var score: Double
        /// The product asked for (or found in the words) is this call's.
        public var sameProduct: Bool
    }

    public private(set) var entries: [Entry] = []
    /// Term → (entry's place, how often the term is in it).
    private var postings: [String: [(entry: Int32, count: Int32)]] = [:]
    private var lengths: [Int32] = []
    private var totalLength = 0

    public init() {}

    /// The resolved calls `state` holds.
    public init(_ state: DeskState) {
        state.calls.forEach { call in if let entry = Entry(call) { add(entry) } }
    }

    public var count: Int { entries.count }

    /// Adds a call (a call indexed again replaces nothing: give each call once).
    public mutating func add(_ entry: Entry) {
        let place = Int32(entries.count)
        entries.append(entry)
        var counts: [String: Int32] = [:]
        let terms = Self.terms(entry.text)
        for term in terms { counts[term, default: 0] += 1 }
        for (term, count) in counts { postings[term, default: []].append((place, count)) }
        lengths.append(Int32(terms.count))
        totalLength += terms.count
    }

    /// The best matches for `words`, at most `limit`: the same product first (`product`, or a
    /// product some call has that the words name), then by score, then the latest fix.
    public func search(_ words: String, product: String? = nil, limit: Int = 10) -> [Match] {
        let asked = Array(Set(Self.terms(words)))
        guard !asked.isEmpty, !entries.isEmpty else { return [] }
        let product = (product?.trimmingCharacters(in: .whitespaces)).flatMap { $0.isEmpty ? nil : $0.lowercased() } ?? productNamed(in: words)
        let n = Double(entries.count)
        let average = max(1, Double(totalLength) / n)
        let k1 = 1.2, b = 0.75
        var scores: [Int32: Double] = [:]
        for term in asked {
            guard let list = postings[term] else { continue }
            let idf = log(1 + (n - Double(list.count) + 0.5) / (Double(list.count) + 0.5))
            // A bigram says more than a single character: it is a word, or most of one.
            let weight = term.count >= 2 ? 2.0 : 1.0
            for (place, count) in list {
                let tf = Double(count), length = Double(lengths[Int(place)])
                scores[place, default: 0] += weight * idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / average))
            }
        }
        var matches = scores.map { place, score -> Match in
            let entry = entries[Int(place)]
            return Match(entry: entry, score: score, sameProduct: product != nil && entry.product?.lowercased() == product)
        }
        matches.sort { a, c in
            if a.sameProduct != c.sameProduct { return a.sameProduct }
            if a.score != c.score { return a.score > c.score }
            return a.entry.call > c.entry.call
        }
        return Array(matches.prefix(max(0, limit)))
    }

    /// A product a call has that the words name as a word of their own (RO-500 in "RO-500 漏水").
    func productNamed(in words: String) -> String? {
        let said = Set(words.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "," || $0 == "，" }).map { $0.lowercased() })
        guard !said.isEmpty else { return nil }
        for entry in entries.reversed() {
            if let product = entry.product?.lowercased(), said.contains(product) { return product }
        }
        return nil
    }

    /// The terms of `text`: each run of CJK characters as its characters and bigrams, each
    /// other run of letters and digits as one lower-cased word.
    public static func terms(_ text: String) -> [String] {
        var out: [String] = []
        var word = "", han: [Character] = []
        func flushWord() {
            if !word.isEmpty { out.append(word.lowercased()) }
            word = ""
        }
        func flushHan() {
            for (index, character) in han.enumerated() {
                out.append(String(character))
                if index + 1 < han.count { out.append(String(han[index]) + String(han[index + 1])) }
            }
            han = []
        }
        for character in TextRules.halfWidth(text) {
            if Self.isHan(character) {
                flushWord()
                han.append(character)
            } else if character.isLetter || character.isNumber {
                flushHan()
                word.append(character)
            } else {
                flushWord()
                flushHan()
            }
        }
        flushWord()
        flushHan()
        return out
    }

    /// Chinese, Japanese and Korean ideographs, kana and hangul: written without spaces.
    static func isHan(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }
}
