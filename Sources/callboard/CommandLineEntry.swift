import ArgumentParser
import CallboardCore
import CallboardStore
import Foundation

/// Runs the command line and turns every failure into one line on standard error and an exit
/// status: 64 for malformed input, 1 for a refusal or an unknown call or technician, 74 for a
/// journal that cannot be read or written.
enum CommandLineEntry {
    static func run() -> Int32 {
        let command: ParsableCommand
        do {
            command = try Callboard.parseAsRoot()
        } catch {
            if Callboard.exitCode(for: error) == .success { Callboard.exit(withError: error) } // --help
            return report(Callboard.message(for: error), code: 64)
        }
        do {
            var runnable = command
            try runnable.run()
            return 0
        } catch let error as DeskError {
            let prefix = error.field.flatMap { CommandLineEntry.flags[$0] }.map { "\($0): " } ?? ""
            return report(prefix + error.message, code: error.kind == .invalidInput ? 64 : 1)
        } catch let error as JournalError {
            return report(error.message, code: 74)
        } catch let exit as ExitStatus {
            return exit.code
        } catch {
            if Callboard.exitCode(for: error) == .success { return 0 }
            return report(Callboard.message(for: error), code: Callboard.exitCode(for: error).rawValue == 0 ? 1 : 64)
        }
    }

    /// The command-line spelling of each input that is given as an option.
    static let flags: [Field: String] = [
        .at: "--at", .customer: "--customer", .phone: "--phone", .summary: "--summary", .level: "--level",
        .region: "--region", .product: "--product", .serial: "--serial", .channel: "--channel",
        .name: "--name", .skills: "--skills", .shift: "--shift",
    ]

    static func report(_ message: String, code: Int32) -> Int32 {
        let firstLine = message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? message
        FileHandle.standardError.write(Data("callboard: \(Printable.quoted(firstLine, limit: 400))\n".utf8))
        return code
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("callboard: warning: \(Printable.quoted(message, limit: 400))\n".utf8))
    }
}

/// Ends a command with a given status after it has said what it had to say.
struct ExitStatus: Error {
    var code: Int32
}
