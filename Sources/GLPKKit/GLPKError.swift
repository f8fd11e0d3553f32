import Foundation

/// An error from GLPK, carrying the operation that failed and GLPK's own words.
public enum GLPKError: Error, Sendable, CustomStringConvertible {
    /// GLPK raised a fatal error (it would have aborted the process). The thread's GLPK environment was
    /// freed: every problem made on this thread before the error is gone, and the next call starts afresh.
    case fatal(operation: String, message: String)
    /// The MathProg translator rejected the model or its data; `messages` hold its output with file:line.
    case translation(model: String, data: String?, messages: [String])
    /// A problem handle was used after a fatal error invalidated it.
    case invalidatedProblem(operation: String)
    /// The operation's arguments were wrong before GLPK saw them.
    case invalidArgument(operation: String, reason: String)
    /// The MathProg data could not be stored for the translator (out of memory or disk).
    case cannotWriteData(reason: String)

    public var description: String {
        switch self {
        case .fatal(let operation, let message):
            return "GLPK failed in \(operation): \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
        case .translation(let model, let data, let messages):
            let source = data.map { "\(model) with data \($0)" } ?? model
            let detail = messages.filter { !$0.isEmpty }.suffix(6).joined(separator: "\n  ")
            return "MathProg could not translate \(source):\n  \(detail)"
        case .invalidatedProblem(let operation):
            return "\(operation): the GLPK problem was lost to an earlier fatal error on this thread"
        case .invalidArgument(let operation, let reason):
            return "\(operation): \(reason)"
        case .cannotWriteData(let reason):
            return "cannot store the model data for GLPK: \(reason)"
        }
    }
}

