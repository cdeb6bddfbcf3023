import ArgumentParser
import CallboardCore
import CallboardStore
import CallboardTUI
import Foundation

/// Runs the command line and turns every failure into one line on standard error and an exit
/// status: 64 for malformed input, 1 for a refusal or an unknown call or technician, 74 for a
/// journal that cannot be read or written, 77 for what the person's role does not allow. Every
/// line is in the run's language (Speech) but ArgumentParser's own, which are in English.
enum CommandLineEntry {
    static func run(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Int32 {
        let command: ParsableCommand
        do {
            command = try Callboard.parseAsRoot(arguments)
        } catch {
            if Callboard.exitCode(for: error) == .success { Callboard.exit(withError: error) } // --help, --version
            return report(unknownVerb(arguments).map { Speech[$0] } ?? Callboard.message(for: error), code: 64)
        }
        do {
            var runnable = command
            try runnable.run()
            return 0
        } catch let error as DeskError {
            let text = error.field.flatMap { CommandLineEntry.flags[$0] }.map { flag in
                CommandText.flagProblem(["flag": "\(flag)", "problem": .message(error.text)])
            } ?? error.text
            return report(Speech[text], code: error.kind == .invalidInput ? 64 : error.kind == .forbidden ? 77 : 1)
        } catch let error as JournalError {
            // A journal that holds events refuses an import: the desk's state, not the disk.
            return report(Speech[error.text], code: error.kind == .notEmpty ? 1 : 74)
        } catch let error as ImportError {
            // A bad line of the file is malformed input; a file that cannot be read, a refusal.
            return report(Speech[error.text], code: error.line == nil ? 1 : 64)
        } catch let exit as ExitStatus {
            return exit.code
        } catch let failure as CommandFailure {
            return report(Speech[failure.text], code: failure.status)
        } catch let failure as PolicyFailure {
            return report(Speech[failure.text], code: 64)
        } catch let failure as Terminal.StartFailure {
            return report(failure.description, code: 1)
        } catch {
            // ArgumentParser's own: `help VERB` and friends end here as a clean exit.
            if Callboard.exitCode(for: error) == .success { Callboard.exit(withError: error) }
            if error is ValidationError { return report(Callboard.message(for: error), code: 64) }
            return report("\(error)", code: 1)
        }
    }

    /// A first word that is neither an option nor a verb is most likely a mistyped or guessed
    /// verb (`callboard log`), not an argument to the default console: say so, with the list.
    static func unknownVerb(_ arguments: [String]) -> Message? {
        let verbs = Callboard.configuration.subcommands.map { $0._commandName }
        // `callboard --journal X list`: the options belong after the verb.
        if let first = arguments.first, first.hasPrefix("-"), first != "-h", first != "--help",
           let at = arguments.firstIndex(where: { verbs.contains($0) }) {
            // A group's verb is two words (`kb search`): the options go after both.
            let group = Callboard.configuration.subcommands.first { $0._commandName == arguments[at] }?.configuration.subcommands.map { $0._commandName } ?? []
            let words = at + 1 < arguments.count && group.contains(arguments[at + 1]) ? at...(at + 1) : at...at
            let verb = arguments[words].joined(separator: " ")
            let rest = arguments.indices.filter { !words.contains($0) }.map { arguments[$0] }
            return CommandText.optionsAfterVerb(["verb": "\(verb)", "rest": "\(rest.joined(separator: " "))"])
        }
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        guard !verbs.contains(first) else { return nil }
        return CommandText.notAVerb(["word": "\(first)", "verbs": "\(verbs.joined(separator: ", "))"])
    }

    /// The command-line spelling of each input that is given as an option.
    static let flags: [Field: String] = [
        .at: "--at", .customer: "--customer", .phone: "--phone", .summary: "--summary", .level: "--level",
        .region: "--region", .product: "--product", .serial: "--serial", .channel: "--channel",
        .name: "--name", .skills: "--skills", .shift: "--shift", .tier: "--tier", .kind: "--kind", .reason: "--reason",
        .purchased: "--purchased", .defect: "--defect", .address: "--address", .contact: "--contact", .warranty: "--warranty-until",
        .from: "--from", .to: "--to",
        .cause: "--cause", .fix: "--fix", .parts: "--parts", .on: "--on", .score: "--score", .comment: "--comment",
    ]

    static func report(_ message: String, code: Int32) -> Int32 {
        let firstLine = message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? message
        FileHandle.standardError.write(Data("callboard: \(Printable.quoted(firstLine, limit: 400))\n".utf8))
        return code
    }

    static func warn(_ message: Message) {
        let line = Speech[CommandText.warning(["warning": .message(message)])]
        FileHandle.standardError.write(Data("callboard: \(Printable.quoted(line, limit: 400))\n".utf8))
    }
}

/// Ends a command with a given status after it has said what it had to say.
struct ExitStatus: Error {
    var code: Int32
}

/// A command that could not be carried out for a reason other than its input (exit status 1,
/// or 74 for a journal that cannot be read).
struct CommandFailure: Error {
    var text: Message
    var status: Int32
    init(_ text: Message, status: Int32 = 1) {
        self.text = text
        self.status = status
    }
}
