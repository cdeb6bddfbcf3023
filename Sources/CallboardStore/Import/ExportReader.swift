import CallboardCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The events of a `journal export --json` file, read back one line at a time for
/// `journal import` (`EventLog.importHistory`): the file is read in pieces, each line checked as
/// it comes (ExportLineCheck) and handed over as its event, so an import of any size holds one
/// line and one event at a time. A bad line stops the reading with its number and what is wrong
/// with it; nothing after it is read.
public final class ExportReader {
    /// A line longer than a journal record can hold cannot be an event export wrote (an event's
    /// record is never larger than its line): refused rather than read into memory without end.
    public static let longestLine = JournalFormat.maxPayload

    /// How the file is named in messages: its path, or "standard input".
    private let name: Message.Argument
    private let fd: Int32
    private let closesFile: Bool
    private var buffer: [UInt8]
    /// The bytes read and not yet taken: `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    private var atEnd = false
    private var check = ExportLineCheck()
    private var finished = false
    /// How many lines have been taken.
    public private(set) var lines = 0

    /// Reads the file at `path`, or standard input for `-`.
    public init(path: String) throws(ImportError) {
        buffer = [UInt8](repeating: 0, count: 1 << 20)
        if path == "-" {
            fd = STDIN_FILENO
            closesFile = false
            name = .message(JournalText.standardInput())
            return
        }
        name = .text(path)
        fd = open(path, O_RDONLY | O_CLOEXEC)
        closesFile = fd >= 0
        if fd < 0 { throw Self.cannotRead(name) }
    }

    deinit { if closesFile { close(fd) } }

    /// The next line's event; nil once every line was read and the whole file checked.
    public func next() throws(ImportError) -> Event? {
        guard !finished else { return nil }
        guard let line = try nextLine() else {
            finished = true
            do {
                try check.finish()
            } catch {
                throw error.in(name)
            }
            return nil
        }
        lines += 1
        let number = lines
        let result: Result<Event, ImportError> = buffer.withUnsafeBytes { raw in
            do throws(ImportError) {
                return .success(try check.event(UnsafeRawBufferPointer(rebasing: raw[line]), number: number))
            } catch {
                return .failure(error)
            }
        }
        do {
            return try result.get()
        } catch {
            throw error.in(name)
        }
    }

    /// Where the next line is in `buffer` (without its newline); nil at the end of the file. The
    /// last line may end without a newline.
    private func nextLine() throws(ImportError) -> Range<Int>? {
        var searched = start
        while true {
            if let newline = buffer.withUnsafeBytes({ raw -> Int? in
                guard end > searched, let found = memchr(raw.baseAddress! + searched, 0x0A, end - searched) else { return nil }
                return raw.baseAddress!.distance(to: UnsafeRawPointer(found))
            }) {
                defer { start = newline + 1 }
                return start..<newline
            }
            if atEnd {
                guard start < end else { return nil }
                defer { start = end }
                return start..<end
            }
            if end - start > Self.longestLine {
                throw ImportError(line: lines + 1, JournalText.importLineTooLong(["limit": "\(Self.longestLine)"])).in(name)
            }
            // Everything read so far was searched: go on from where the new bytes begin.
            let searchedAlready = end - start
            try fill()
            searched = start + searchedAlready
        }
    }

    /// Reads more of the file after what is left, moving that to the front (and making room
    /// for a line longer than the buffer).
    private func fill() throws(ImportError) {
        if start > 0 {
            buffer.withUnsafeMutableBytes { raw in
                _ = memmove(raw.baseAddress!, raw.baseAddress! + start, end - start)
            }
            end -= start
            start = 0
        }
        if end == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
        let count = buffer.count - end
        let got = buffer.withUnsafeMutableBytes { raw in
            var n: Int
            repeat { n = read(fd, raw.baseAddress! + end, count) } while n < 0 && errno == EINTR
            return n
        }
        if got < 0 { throw Self.cannotRead(name) }
        if got == 0 { atEnd = true }
        end += got
    }

    private static func cannotRead(_ name: Message.Argument) -> ImportError {
        ImportError(line: nil, JournalText.importCannotRead(["file": name, "reason": "\(String(cString: strerror(errno)))"]))
    }
}

/// Why a file cannot be imported: a line of it, by number, and what is wrong with it; or the
/// file itself cannot be read.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    /// The line at fault (from 1); nil when the file cannot be read.
    public var line: Int?
    /// What is wrong (with the line, or with reading the file).
    public var problem: Message
    /// The file, as messages name it (nil: said without it).
    var file: Message.Argument?

    init(line: Int?, _ problem: Message) {
        self.line = line
        self.problem = problem
    }

    /// The same, naming the file.
    func `in`(_ file: Message.Argument) -> ImportError {
        var named = self
        named.file = file
        return named
    }

    /// `FILE, line 3: …`, or what stops the file being read.
    public var text: Message {
        guard let line else { return problem }
        guard let file else { return JournalText.importLine(["line": "\(line)", "problem": .message(problem)]) }
        return JournalText.importFileLine(["file": file, "line": "\(line)", "problem": .message(problem)])
    }

    /// In English.
    public var description: String { text.description }
}
