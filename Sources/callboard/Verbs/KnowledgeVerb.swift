import ArgumentParser
import CallboardCore
import CallboardStore
import CallboardTUI

/// Past fixes: `kb search WORDS…` finds resolved calls like the one at hand.
struct KnowledgeVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Search past fixes: resolved calls by fault, notes and fix.",
        subcommands: [Search.self])

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Find resolved calls like these words (Chinese too), best first, the same product before others.")

        @Argument(help: "What the fault looks like, e.g. 净水器 漏水 or \"printer jam\".") var words: [String] = []
        @Option(help: ArgumentHelp("The product: its past fixes first (else a product the words name).", valueName: "P")) var product: String?
        @Option(help: ArgumentHelp("The most calls to list (default 10).", valueName: "N")) var limit: Int = 10
        @OptionGroup var output: JSONFlag
        @OptionGroup var desk: DeskOptions

        func run() throws {
            let text = words.joined(separator: " ")
            guard !KnowledgeIndex.terms(text).isEmpty else { throw CommandFailure(CommandText.kbNoWords(), status: 64) }
            guard (1...1000).contains(limit) else { throw CommandFailure(CommandText.kbBadLimit(["limit": "\(limit)"]), status: 64) }
            let runtime = try Runtime(self.desk)
            try runtime.requireJournal()
            // Every call the journal holds: the live desk and each old closed call as it retires
            // (as list --all reads them); a call read back after it retired counts as it is now.
            var found: [Int: KnowledgeIndex.Entry] = [:]
            let desk = try JournalDesk(log: runtime.log, fromSnapshot: false, snapshots: .never) { call, _ in
                found[call.id.number] = KnowledgeIndex.Entry(call)
            }
            desk.state.calls.forEach { call in found[call.id.number] = KnowledgeIndex.Entry(call) }
            var index = KnowledgeIndex()
            for number in found.keys.sorted() { index.add(found[number]!) }
            let matches = index.search(text, product: product, limit: limit)
            if output.json {
                print(KnowledgePresenter.json(matches))
                return
            }
            let policy = desk.state.currentPolicy ?? runtime.policy
            if matches.isEmpty {
                print(Speech.strings(.kbNothing, ["words": DisplayText.sanitized(text)]))
                return
            }
            for match in matches { print(KnowledgePresenter.line(match, policy: policy, strings: Speech.strings)) }
        }
    }
}
