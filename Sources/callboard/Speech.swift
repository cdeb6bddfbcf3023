import CallboardCore
import CallboardTUI
import Foundation

/// The language this run of callboard speaks, and its words: `--lang`, else `CALLBOARD_LANG`
/// (how a console passes its own language to the commands of its `:` line), else `LC_ALL`,
/// `LC_MESSAGES`, `LANG` (`zh_CN.UTF-8` gives Chinese), else English.
///
/// Chosen once, from the words as typed, before ArgumentParser reads them: a mistyped option or
/// a check on an option (`ValidationError`) is reported in the same language as the rest.
/// `LanguageOption` declares `--lang` on every verb, so it is accepted, checked and documented
/// there; an unknown language is refused and its refusal said in the environment's language.
enum Speech {
    static let strings: UIStrings = load(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)

    /// A message in this run's language.
    static subscript(_ message: Message) -> String { strings[message] }

    /// Prints a message on standard output.
    static func say(_ message: Message) { print(strings[message]) }

    static func load(arguments: [String], environment: [String: String]) -> UIStrings {
        let language = language(arguments: arguments, environment: environment)
        return language == "en" ? .english : (try? UIStrings.load(language)) ?? .english
    }

    static func language(arguments: [String], environment: [String: String]) -> String {
        let chosen = flag(in: arguments) ?? environment["CALLBOARD_LANG"].flatMap { $0.isEmpty ? nil : $0 }
        if let chosen, let language = UIStrings.language(flag: chosen, environment: [:]) { return language }
        return UIStrings.language(flag: nil, environment: environment) ?? "en"
    }

    /// The value of `--lang X` or `--lang=X`, the last given, before any `--`.
    static func flag(in arguments: [String]) -> String? {
        var found: String?
        var words = arguments.makeIterator()
        while let word = words.next(), word != "--" {
            if word == "--lang" {
                found = words.next()
            } else if word.hasPrefix("--lang=") {
                found = String(word.dropFirst("--lang=".count))
            }
        }
        return found
    }
}
