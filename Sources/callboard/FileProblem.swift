import CallboardCore
#if canImport(Glibc)
import Glibc
#endif

/// Why a file could not be read, in words of the run's language: the operating system's own
/// (strerror) are English only, and Foundation's hide errno behind its domain's ("The operation
/// could not be completed").
enum FileProblem {
    static func reason(errno code: Int32) -> Message {
        switch code {
        case ENOENT: CommandText.fileMissing()
        case ENOTDIR: CommandText.fileNotFolderInPath()
        case EISDIR: CommandText.fileIsFolder()
        case EACCES, EPERM: CommandText.filePermissionDenied()
        case ELOOP: CommandText.fileTooManyLinks()
        default: CommandText.fileOtherError(["error": .text(String(cString: strerror(code))), "code": "\(code)"])
        }
    }

    /// The whole file at `path`, read with POSIX calls so that what went wrong is errno.
    static func contents(of path: String) throws(FileProblemError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileProblemError(code: errno) }
        defer { close(fd) }
        var info = stat()
        // A folder opens for reading; only reading it fails, and not on every system.
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { throw FileProblemError(code: EISDIR) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileProblemError(code: errno)
            }
            bytes += buffer[..<count]
        }
    }
}

/// A file that could not be read: the errno.
struct FileProblemError: Error {
    var code: Int32
    var reason: Message { FileProblem.reason(errno: code) }
}
