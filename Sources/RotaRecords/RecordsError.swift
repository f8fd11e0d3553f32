/// Why a records operation was refused. Nothing was written when one of these is thrown: every change
/// runs in one transaction that rolls back on the first error.
public struct RecordsError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The database file is missing, unreadable, or not a Rota database.
        case database
        /// An id that names nothing (`staff rn-99`).
        case notFound
        /// A value that is not acceptable (a date that is not a date, negative stock, …).
        case invalid
        /// The change contradicts what is recorded (overlapping leave, an id already in use, …).
        case conflict
    }

    public var kind: Kind
    /// The field or record the message is about (`first_day`, `staff rn-04`); the command line names a field
    /// by its option (`--first-day`).
    public var subject: String
    public var message: String
    public var hint: String?

    public init(_ kind: Kind, _ subject: String, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.subject = subject
        self.message = message
        self.hint = hint
    }

    public var description: String { describe(subject: subject) }

    /// The message with the subject written as `name` gives it (a field as a command-line option, say).
    public func describe(subject name: (String) -> String) -> String {
        "\(name(subject)): \(message)" + (hint.map { "\n  hint: \($0)" } ?? "")
    }

    /// Whether the subject is a field (`first_day`) rather than a record (`staff rn-04`).
    public var isAboutAField: Bool { !subject.isEmpty && subject.allSatisfy { $0.isLowercase || $0 == "_" } }

    private func describe(subject: String) -> String { describe { _ in subject } }
}
