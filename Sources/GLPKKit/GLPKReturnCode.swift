internal import CGLPK

/// A return code of `glp_intopt` or `glp_simplex`, kept raw so nothing GLPK says is lost.
public struct GLPKReturnCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let success = GLPKReturnCode(rawValue: 0)
    public static let invalidBounds = GLPKReturnCode(rawValue: GLP_EBOUND)
    public static let solverFailed = GLPKReturnCode(rawValue: GLP_EFAIL)
    public static let timeLimit = GLPKReturnCode(rawValue: GLP_ETMLIM)
    public static let noPrimalFeasible = GLPKReturnCode(rawValue: GLP_ENOPFS)
    public static let noDualFeasible = GLPKReturnCode(rawValue: GLP_ENODFS)
    public static let rootLPNotOptimal = GLPKReturnCode(rawValue: GLP_EROOT)
    public static let stopped = GLPKReturnCode(rawValue: GLP_ESTOP)
    public static let gapReached = GLPKReturnCode(rawValue: GLP_EMIPGAP)

    public var description: String {
        switch self {
        case .success: return "0"
        case .invalidBounds: return "GLP_EBOUND"
        case .solverFailed: return "GLP_EFAIL"
        case .timeLimit: return "GLP_ETMLIM"
        case .noPrimalFeasible: return "GLP_ENOPFS"
        case .noDualFeasible: return "GLP_ENODFS"
        case .rootLPNotOptimal: return "GLP_EROOT"
        case .stopped: return "GLP_ESTOP"
        case .gapReached: return "GLP_EMIPGAP"
        default: return "GLPK code \(rawValue)"
        }
    }
}

/// GLPK's solution status (`glp_mip_status`, `glp_get_status`).
public struct GLPKSolutionStatus: RawRepresentable, Hashable, Sendable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let undefined = GLPKSolutionStatus(rawValue: GLP_UNDEF)
    public static let feasible = GLPKSolutionStatus(rawValue: GLP_FEAS)
    public static let infeasible = GLPKSolutionStatus(rawValue: GLP_INFEAS)
    public static let noFeasible = GLPKSolutionStatus(rawValue: GLP_NOFEAS)
    public static let optimal = GLPKSolutionStatus(rawValue: GLP_OPT)
    public static let unbounded = GLPKSolutionStatus(rawValue: GLP_UNBND)

    public var hasPoint: Bool { self == .feasible || self == .optimal }
}
