internal import CGLPK

/// The GLPK library Rota is linked against.
public enum GLPKLibrary {
    /// GLPK's own version string (`5.0`).
    public static var version: String { String(cString: glp_version()) }
}
