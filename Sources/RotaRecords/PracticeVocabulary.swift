internal import Foundation
internal import RotaCore
internal import Yams

/// The ids a practice file defines — sites, roles, skills, credential kinds and shift types — which every
/// record naming one of them is checked against, so that a typo (`--role mx`) is refused where it is typed
/// instead of surfacing at `scenario export`.
public struct PracticeVocabulary: Sendable, Equatable {
    /// What kind of id a record names.
    public enum Kind: String, Sendable, CaseIterable {
        case site, role, skill, credential, shiftType = "shift type"

        /// The practice file's section that defines this kind of id.
        var section: String {
            switch self {
            case .site: "sites"
            case .role: "roles"
            case .skill: "skills"
            case .credential: "credentials"
            case .shiftType: "shift_types"
            }
        }
    }

    /// The practice file these ids were read from.
    public var file: String
    public var ids: [Kind: [String]]

    public init(file: String, ids: [Kind: [String]]) {
        self.file = file
        self.ids = ids
    }

    /// Reads the ids from a practice (or scenario) file: each section is a list of ids or of mappings with `id`.
    public init(contentsOf file: String) throws {
        let mapping = try Self.sections(
            of: file, unreadable: "check the path; `rota practice set FILE` stores the one the records are checked against")
        var ids: [Kind: [String]] = [:]
        for kind in Kind.allCases {
            ids[kind] = (mapping[kind.section]?.sequence ?? []).compactMap { item in item.string ?? item.mapping?["id"]?.string }
        }
        self.init(file: file, ids: ids)
    }

    /// A practice file's top-level mapping, refused with `unreadable` as the hint when the file cannot be read,
    /// or with a message when it is not YAML or not a mapping (shared with ``ScenarioExport``).
    static func sections(of file: String, unreadable: String) throws -> Node.Mapping {
        let contents: String
        do {
            contents = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw RecordsError(.invalid, file, "cannot read the practice file", hint: unreadable)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: contents)
        } catch {
            throw RecordsError(.invalid, file, "not valid YAML: \(error)", hint: "`rota validate` shows the same YAML errors")
        }
        guard let mapping = root?.mapping else {
            throw RecordsError(.invalid, file, "a practice file is a mapping of sections", hint: "start with `practice: NAME`")
        }
        return mapping
    }

    /// Refuses any of `values` that the practice file does not define as a `kind`, naming the closest id.
    /// `field` names the option or column the values came from.
    public func check(_ values: [String], are kind: Kind, field: String) throws {
        let known = ids[kind] ?? []
        for value in values where !known.contains(value) {
            let hint = closest(to: value, in: known).map { "did you mean `\($0)`?" }
                ?? (known.isEmpty
                    ? "\(file) defines no \(kind.section)"
                    : "\(file) defines \(kind.section): " + known.joined(separator: ", "))
            throw RecordsError(.invalid, field, "`\(value)` is not a \(kind.rawValue) of the practice (\(file))", hint: hint)
        }
    }

    public func check(_ value: String?, is kind: Kind, field: String) throws {
        if let value { try check([value], are: kind, field: field) }
    }
}
