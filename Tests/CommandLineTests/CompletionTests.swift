import ArgumentParser
@testable import callboard
import Testing

/// The shells' completions offer the words an option takes, where it takes a few known ones:
/// a desk types `report --period <Tab>` rather than looking the periods up.
@Suite struct CompletionTests {
    @Test(arguments: [CompletionShell.bash, .zsh, .fish])
    func optionsWithAFewKnownValuesCompleteThem(shell: CompletionShell) {
        let script = Callboard.completionScript(for: shell)
        for word in ["this-month", "last-week", "technician", "utf-8-bom", "gb18030", "csv"] {
            #expect(script.contains(word), "\(shell): \(word)")
        }
    }
}
