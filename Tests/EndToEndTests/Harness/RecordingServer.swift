import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP server on 127.0.0.1 (a free port) that records every request whole — method,
/// path, query, headers, body — and answers each with what the test says, as a chat platform's
/// webhook or an SMS gateway would. One request per connection (the answer closes it).
final class RecordingServer: @unchecked Sendable {
    struct Request: CustomStringConvertible {
        var method: String
        /// The request target as sent: path and query.
        var target: String
        /// Header names in lower case.
        var headers: [String: String]
        var body: Data

        var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
        /// The query's parameters as sent (still percent-encoded), in order.
        var rawQuery: [(String, String)] {
            guard let query = target.split(separator: "?", maxSplits: 1).dropFirst().first else { return [] }
            return query.split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            }
        }
        func query(_ name: String) -> String? { rawQuery.first { $0.0 == name }?.1 }
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else { throw HarnessError("not a JSON object: \(text)") }
            return object
        }
        var description: String { "\(method) \(target) \(headers) \(text)" }
    }

    let port: UInt16
    private let socket: Int32
    private let lock = NSLock()
    private var recorded: [Request] = []
    private var answer: (status: Int, body: String)

    init(answer body: String, status: Int = 200) throws {
        answer = (status, body)
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HarnessError("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound, listen(fd, 16) == 0 else { close(fd); throw HarnessError("bind: \(String(cString: strerror(errno)))") }
        socket = fd
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in serve() }
    }

    deinit {
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }

    /// `http://127.0.0.1:PORT` + path.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// What the next requests are answered with.
    func answer(_ body: String, status: Int = 200) { lock.withLock { answer = (status, body) } }

    var requests: [Request] { lock.withLock { recorded } }

    private func serve() {
        while true {
            let client = accept(socket, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            handle(client)
            close(client)
        }
    }

    private func handle(_ client: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        let separator = Data("\r\n\r\n".utf8)
        var headerEnd: Range<Data.Index>?
        while headerEnd == nil {
            let n = read(client, &buffer, buffer.count)
            if n <= 0 { return }
            data.append(contentsOf: buffer[0..<n])
            headerEnd = data.range(of: separator)
        }
        let head = String(decoding: data[..<headerEnd!.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ")
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        var body = Data(data[headerEnd!.upperBound...])
        while body.count < length {
            let n = read(client, &buffer, buffer.count)
            if n <= 0 { break }
            body.append(contentsOf: buffer[0..<n])
        }
        let request = Request(method: requestLine.count > 0 ? String(requestLine[0]) : "", target: requestLine.count > 1 ? String(requestLine[1]) : "",
                              headers: headers, body: body)
        let (status, text) = lock.withLock { () -> (Int, String) in
            recorded.append(request)
            return answer
        }
        let payload = Array(text.utf8)
        let response = Array("HTTP/1.1 \(status) \(status == 200 ? "OK" : "Error")\r\nContent-Type: application/json\r\nContent-Length: \(payload.count)\r\nConnection: close\r\n\r\n".utf8) + payload
        _ = response.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
    }
}
