internal import CGLPKShims
import Foundation

/// MathProg data where GLPK's translator can read it by ``path`` for as long as this object lives.
///
/// The text goes to an anonymous in-memory file, so nothing is written to disk and nothing is left behind
/// when the process is stopped, even by `kill -9`. Where the system has no such files it goes to a
/// temporary file readable only by its owner, removed when this object goes away.
public final class MathProgData: Sendable {
    /// The path the translator opens (`/proc/self/fd/N` for an in-memory file).
    public let path: String
    private let descriptor: Int32
    private let temporaryFile: Bool

    public init(text: String) throws(GLPKError) {
        let bytes = Array(text.utf8)
        let memory = rota_memory_file()
        if memory >= 0 {
            guard Self.writeAll(bytes, to: memory) else {
                close(memory)
                throw GLPKError.cannotWriteData(reason: String(cString: strerror(errno)))
            }
            descriptor = memory
            path = "/proc/self/fd/\(memory)"
            temporaryFile = false
            return
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rota-\(getpid())-\(UUID().uuidString).dat").path
        let handle = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard handle >= 0 else { throw GLPKError.cannotWriteData(reason: "\(file): \(String(cString: strerror(errno)))") }
        defer { close(handle) }
        guard Self.writeAll(bytes, to: handle) else {
            unlink(file)
            throw GLPKError.cannotWriteData(reason: "\(file): \(String(cString: strerror(errno)))")
        }
        descriptor = -1
        path = file
        temporaryFile = true
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if temporaryFile { unlink(path) }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}
